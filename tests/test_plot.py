"""``litmine plot evidence-map``: the picture of the claims base, for three short texts
written for this test (a conflict on treadmill and TNF-α) and for the shared seed; Chinese
labels with a CJK font (Debian's fonts-noto-cjk, installed by the set-up where missing) and
the one warning where there is none."""
from __future__ import annotations

import re
import warnings

import pytest
from click.testing import CliRunner

import litmine
from litmine.cli import cli
from helpers import ingest_texts
from litmine.formats import plots
from sysdeps import cjk_font

#: Written for this test: treadmill lowers TNF-α in one text and raises it in two (comparable
#: contexts: SNI rats, spinal cord), so the claim conflicts; BDNF agrees; IL-6 is on its own.
TEXTS = {
    "map_a.txt": "跑台运动降低了SNI大鼠脊髓TNF-α的表达，并提高了BDNF水平。\n",
    "map_b.txt": "Treadmill exercise increased TNF-alpha expression in the spinal cord of SNI rats and "
                 "increased BDNF.\n",
    "map_c.txt": "Swimming reduced IL-6 in the serum of diabetic mice. Treadmill running for 4 weeks increased "
                 "TNF-α in the spinal cord of SNI rats.\n",
}


@pytest.fixture(scope="module")
def map_db(tmp_path_factory):
    return ingest_texts(tmp_path_factory.mktemp("plot"), TEXTS, "map.sqlite")


def _svg_texts(svg: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "", t) for t in re.findall(r"<text\b[^>]*>(.*?)</text>", svg, re.S)]


def test_evidence_map_of_written_texts_marks_the_conflict_and_draws_chinese_labels(map_db, tmp_path):
    font, why = cjk_font()
    if font is None:
        pytest.skip(why)
    claims = [c for c in litmine.claims(map_db) if c["kind"] == "effect"]
    out = tmp_path / "map.svg"
    with warnings.catch_warnings():
        warnings.simplefilter("error")              # no stray matplotlib warnings
        res = litmine.evidence_map(out, db=map_db, labels="both")
    assert res.font == font and res.warnings == [] and res.missing_glyphs == 0
    assert res.cells == len(claims) == 9
    assert (res.classes, res.targets) == (4, 3)     # exercise, aerobic, swimming, treadmill x TNF-α, BDNF, IL-6
    conflicting = [c for c in claims if c["conflict"]]
    assert res.conflicts == len(conflicting) == 3   # treadmill, aerobic, exercise on TNF-α
    svg = out.read_text(encoding="utf-8")
    assert len(re.findall(r'id="conflict-\d+"', svg)) == 3
    texts = _svg_texts(svg)
    assert "TNF-α 肿瘤坏死因子-α" in texts and "› treadmill" in texts
    # the numbers on the circles (the only all-digit texts) are the claims' evidence counts
    assert sorted(int(t) for t in texts if t.isdigit()) == sorted(c["n_evidence"] for c in claims)

    png = tmp_path / "map.png"
    res = litmine.evidence_map(png, db=map_db, min_docs=2, labels="zh")
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert res.cells == sum(c["documents"] >= 2 for c in claims) == 6 and res.targets == 2
    pdf = tmp_path / "map.pdf"
    litmine.evidence_map(pdf, db=map_db, target_type="neurotrophic_factor")
    assert pdf.read_bytes()[:5] == b"%PDF-" and b"/Subtype /Type3" in pdf.read_bytes()   # glyphs embedded


def test_without_a_cjk_font_labels_fall_back_to_english_with_one_warning(map_db, tmp_path, monkeypatch):
    monkeypatch.setattr(plots, "find_cjk_font", lambda: None)
    out = tmp_path / "map.svg"
    with warnings.catch_warnings():
        warnings.simplefilter("error")              # the missing glyphs do not leak as warnings
        res = litmine.evidence_map(out, db=map_db, labels="both")
    assert res.font is None and len(res.warnings) == 1 and "fonts-noto-cjk" in res.warnings[0]
    texts = _svg_texts(out.read_text(encoding="utf-8"))
    assert "TNF-α" in texts and not any("肿瘤" in t for t in texts)
    r = CliRunner().invoke(cli, ["plot", "evidence-map", "--db", str(map_db), "-o", str(tmp_path / "m.png")])
    assert r.exit_code == 0 and r.output.count("warning: no CJK font found") == 1


def test_cli_draws_and_refuses_what_it_cannot_do(map_db, tmp_path):
    run = lambda *a: CliRunner().invoke(cli, ["plot", "evidence-map", "--db", str(map_db), *a])  # noqa: E731
    out = tmp_path / "map.png"
    r = run("-o", str(out))
    assert r.exit_code == 0, r.output
    assert f"9 claims (4 exercise classes x 3 targets, 3 conflicting) drawn to {out}" in r.output
    r = run("-o", str(out))
    assert r.exit_code == 1 and "file exists" in r.output
    r = run("-o", str(tmp_path / "map.txt"))        # a text file's name: the one rule of every -o (test_cli_outputs)
    assert r.exit_code == 2 and "is named as plain text but the evidence map is a picture" in r.output
    r = run("-o", str(tmp_path / "x.png"), "--target-type", "enzyme")
    assert r.exit_code == 1 and "types in this database: " in r.output and "cytokine" in r.output
    r = run("-o", str(tmp_path / "y.png"), "--min-docs", "9")
    assert r.exit_code == 1 and "no claims to map" in r.output
    assert not (tmp_path / "x.png").exists() and not (tmp_path / "y.png").exists()


def test_evidence_map_of_the_seed(seed_db, tmp_path):
    res = litmine.evidence_map(tmp_path / "seed.png", db=seed_db)
    claims = [c for c in litmine.claims(seed_db) if c["kind"] == "effect"]
    targets = {c["target_id"] for c in claims}
    assert len(targets) > 40 and res.targets == 40          # the 40 with the most evidence
    grid = plots.evidence_grid(claims, concepts=None)       # the same cells whatever the grouping
    assert (res.cells, res.classes, res.conflicts) == (len(grid.cells), len(grid.classes), grid.conflicts)
    assert res.conflicts == sum(c["conflict"] for c in claims if c["target_id"] in set(grid.targets)) > 0
    assert (tmp_path / "seed.png").stat().st_size > 20_000
    if res.font is not None:
        assert res.missing_glyphs == 0 and res.warnings == []
