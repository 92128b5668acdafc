"""``litmine show``: the terminal view and the HTML report of one stored document, checked
against the database -- one highlighted element per stored mention, every relation beside
its own sentence -- on a text written for this test and on the shared seed; the HTML
report rendered in headless Chromium (one launch) with a screenshot."""
from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser

import pytest
from click.testing import CliRunner
from rich.console import Console

import litmine
from helpers import SEED, ingest_texts
from litmine.cli import cli
from litmine.formats.report import LABEL_COLORS, label_color, print_report
from sysdeps import CHROMIUM_FLAGS, chromium

#: Written for this test: Chinese abstract with a nested mention (the intensity inside
#: 高强度间歇训练), an English abstract, relations in both.
OWN_TEXT = """跑台运动与高强度间歇训练对神经损伤大鼠疼痛的影响

摘要 目的 观察跑台运动对坐骨神经损伤(SNI)大鼠脊髓炎症因子的影响。方法 SNI大鼠于术后第7天开始进行中等强度跑台运动，每天30分钟，每周5天，共4周。结果 跑台运动降低了SNI大鼠脊髓TNF-α的表达，并提高了BDNF水平；高强度间歇训练未改变IL-6水平。

Abstract Treadmill exercise reduced TNF-α expression in the spinal cord of rats with spared nerve injury. Swimming for 6 weeks increased BDNF levels in the hippocampus of mice.
"""


@pytest.fixture(scope="module")
def own_db(tmp_path_factory):
    return ingest_texts(tmp_path_factory.mktemp("show"), {"own_show.txt": OWN_TEXT}, "own.sqlite")


def _stored(db, doc):
    """(mention id -> (text, label), relation id -> sentence start) as the database holds them."""
    rep = litmine.document_report(doc, db=db)
    return ({m["id"]: (m["text"], m["label"]) for m in rep.mentions},
            {r["relation_id"]: r["sentence_start"] for r in rep.relations}, rep)


class _Marks(HTMLParser):
    """Collects every ``mark[data-mention-id]`` (its text without the label chip, its parent
    mark), every ``li[data-relation-id]`` with the sentence row it is in, and any tag or
    attribute that would load something from outside the file."""

    def __init__(self):
        super().__init__()
        self.marks: dict[int, dict] = {}
        self.stack: list = []            # open elements: (tag, mention id or None, is label chip)
        self.row = None
        self.relations: dict[int, int] = {}
        self.external: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "link", "img", "iframe", "object", "embed") or any(
                k in ("src", "href") for k in a):
            self.external.append(tag)
        if tag == "section" and "data-sentence" in a:
            self.row = int(a["data-sentence"])
        if tag == "li" and "data-relation-id" in a:
            self.relations[int(a["data-relation-id"])] = self.row
        mid = int(a["data-mention-id"]) if tag == "mark" and "data-mention-id" in a else None
        if mid is not None:
            parents = [m for _t, m, _c in self.stack if m is not None]
            assert mid not in self.marks, f"mention {mid} marked twice"
            self.marks[mid] = {"label": a["data-label"], "text": "", "parent": parents[-1] if parents else None,
                               "bg": a.get("style", "")}
        chip = tag == "span" and a.get("class") == "lm-label"
        if tag not in ("br", "meta"):
            self.stack.append((tag, mid, chip))

    def handle_endtag(self, tag):
        while self.stack:
            t, _m, _c = self.stack.pop()
            if t == tag:
                break

    def handle_data(self, data):
        if any(c for _t, _m, c in self.stack):
            return
        for _t, m, _c in self.stack:
            if m is not None:
                self.marks[m]["text"] += data


def _parse(html: str) -> _Marks:
    p = _Marks()
    p.feed(html)
    return p


def test_show_prints_metadata_protocol_sentences_and_relations_beside_their_sentence(own_db):
    res = CliRunner().invoke(cli, ["show", "own_show", "--db", str(own_db)])
    assert res.exit_code == 0, res.output
    out = res.output
    mentions, rels, rep = _stored(own_db, "own_show")
    assert out.startswith("document: own_show.txt\n")
    assert f"contents: {len(rep.sentences)} sentences, {len(mentions)} mentions, {len(rels)} relations" in out
    assert "protocol: exercise: treadmill (" in out and "protocol: duration: " in out
    # plain (not a terminal): every mention is one bracket pair with its label
    assert out.count("|EXERCISE]") == sum(1 for _t, lab in mentions.values() if lab == "EXERCISE")
    assert "[[高强度|INTENSITY]间歇训练|EXERCISE]" in out
    assert "\x1b[" not in out
    # each relation line sits under its own sentence, with its stance from the claims base
    blocks = out.split("\n\n[")[1:]
    for s in rep.sentences:
        block = next(b for b in blocks if b.startswith(f"{s.idx}]"))
        lines = [ln for ln in block.splitlines() if ln.startswith("  → ")]
        assert len(lines) == len(s.relations)
        for ln, r in zip(lines, s.relations):
            assert f"{r['exercise']} " in ln and r["target"] in ln and f"{r['direction']}" in ln
            assert ln.endswith(f"| {r['stance']}: claim {r['claim_id']} ({r['claim']})")
    assert any("treadmill ↓decrease TNF-α" in b and "TNF-α|CYTOKINE]" in b for b in blocks)


def test_show_on_a_terminal_colours_mentions_instead_of_brackets(own_db):
    import io
    buf = io.StringIO()
    print_report(litmine.document_report("own_show", db=own_db),
                 console=Console(file=buf, force_terminal=True, width=120, color_system="truecolor"))
    out = buf.getvalue()
    assert "|EXERCISE]" not in out
    r, g, b = (int(LABEL_COLORS["EXERCISE"][i:i + 2], 16) for i in (1, 3, 5))
    assert f"48;2;{r};{g};{b}" in out          # the EXERCISE background colour


def test_show_refuses_bad_options_and_unknown_documents(own_db, tmp_path):
    run = lambda *a: CliRunner().invoke(cli, ["show", *a, "--db", str(own_db)])  # noqa: E731
    assert run("own_show", "--html").exit_code == 2
    assert run("own_show", "-o", str(tmp_path / "x.html")).exit_code == 2
    res = run("no_such_doc")
    assert res.exit_code == 1 and "no_such_doc: no such document" in res.output
    existing = tmp_path / "exists.html"
    existing.write_text("keep", encoding="utf-8")
    res = run("own_show", "--html", "-o", str(existing))
    assert res.exit_code == 1 and "file exists" in res.output and existing.read_text() == "keep"


def _check_html(db, doc, path):
    mentions, rels, rep = _stored(db, doc)
    html = path.read_text(encoding="utf-8")
    p = _parse(html)
    assert p.external == []                    # self-contained: nothing to fetch
    assert "http://" not in html and "https://" not in html and "url(" not in html
    assert set(p.marks) == set(mentions)       # one highlighted element per stored mention
    for mid, mark in p.marks.items():
        text, label = mentions[mid]
        assert mark["label"] == label
        assert mark["bg"] == f"background: {label_color(label)}"
        # whole, or (a mention crossing an earlier one) shown from where that one ends
        assert mark["text"] and text.endswith(mark["text"]), (mid, mark, text)
    starts = {s.idx: s.start for s in rep.sentences}
    assert {rid: starts[row] for rid, row in p.relations.items()} == rels   # beside their own sentence
    for heading, _ in rep.protocol:
        assert f"<th>{heading}</th>" in html
    return p, mentions


def test_html_report_of_a_written_text(own_db, tmp_path):
    out = tmp_path / "own.html"
    res = CliRunner().invoke(cli, ["show", "own_show", "--db", str(own_db), "--html", "-o", str(out)])
    assert res.exit_code == 0, res.output
    p, mentions = _check_html(own_db, "own_show", out)
    assert f"{len(mentions)} of {len(mentions)} mentions highlighted" in res.output
    nested = [m for m in p.marks.values() if m["parent"] is not None]
    assert {(m["text"], m["label"], p.marks[m["parent"]]["text"]) for m in nested} == \
        {("高强度", "INTENSITY", "高强度间歇训练")}
    assert all(m["text"] == mentions[i][0] for i, m in p.marks.items())   # no crossing mentions here


def _render(chromium_path, html_path, shot, tmp_path):
    cmd = [chromium_path, *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'chromium-profile'}",
           "--window-size=1280,1600", f"--screenshot={shot}", "--dump-dom", html_path.resolve().as_uri()]
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert res.returncode == 0, res.stderr[-2000:]
    return res.stdout


def test_html_report_in_headless_chromium(own_db, tmp_path, request):
    """The seed's report (the written text's where ../shared is absent) rendered by Chromium:
    the rendered DOM holds one highlighted mark per stored mention, and the screenshot shows
    highlighted mentions (pixels in the label colours)."""
    path, why = chromium()
    if path is None:
        pytest.skip(why)
    db, doc = (request.getfixturevalue("seed_db"), SEED.name) if SEED.exists() else (own_db, "own_show")
    html = tmp_path / "report.html"
    litmine.html_report(doc, html, db=db)
    _p, mentions = _check_html(db, doc, html)
    shot = tmp_path / "report.png"
    dom = _render(path, html, shot, tmp_path)
    ids = re.findall(r'<mark class="entity lm-mention" data-mention-id="(\d+)"', dom)
    assert len(ids) == len(set(ids)) == len(mentions)
    assert {int(i) for i in ids} == set(mentions)
    import matplotlib.image
    import numpy as np
    img = matplotlib.image.imread(shot)           # RGBA floats, 0..1
    assert img.shape[1] == 1280 and img.shape[0] >= 1000
    rgb = (img[..., :3] * 255).round().astype(np.int64).reshape(-1, 3)
    values, counts = np.unique(rgb[:, 0] << 16 | rgb[:, 1] << 8 | rgb[:, 2], return_counts=True)
    colours = dict(zip(values.tolist(), counts.tolist()))
    painted = {lab for lab, hexc in LABEL_COLORS.items() if colours.get(int(hexc[1:], 16), 0) > 200}
    labels = {lab for _t, lab in mentions.values()}
    assert "EXERCISE" in painted and len(painted & labels) >= 3, painted
