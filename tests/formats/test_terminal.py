"""The query table: evidence sentences, bilingual pairs, display-width alignment."""
import io
import re

from rich.cells import cell_len
from rich.console import Console

from litmine.formats.terminal import (evidence_locator, excerpt, group_translations, print_relations,
                                      relation_lines)

ZH_ABS = "跑台运动降低了坐骨神经损伤小鼠脊髓中肿瘤坏死因子的表达。"
EN_ABS = "Treadmill running lowered TNF-α in the spinal cord of mice with sciatic nerve injury."


def row(lang="zh", section="abstract", target="TNF-α", doc_id=1, sentence=None, **kw):
    r = dict(document_id=doc_id, doc=kw.pop("doc", "跑台运动与神经痛.txt"), lang=lang, section=section,
             sentence=sentence or (ZH_ABS if lang == "zh" else EN_ABS), exercise="treadmill", direction="decrease",
             target=target, target_id="HGNC:11892" if target == "TNF-α" else f"X:{target}",
             target_text="肿瘤坏死因子" if lang == "zh" else target, negated=False, hedged=False,
             model="坐骨神经损伤", species="mouse", tissue="脊髓", duration="6周", page=None)
    r.update(kw)
    return r


def test_pairs_the_two_abstracts_one_to_one():
    rows = [row("zh"), row("zh", target="IL-1β"), row("en"), row("en"), row("en", section="results"),
            row("zh", doc_id=2), row("en", negated=True)]
    views = group_translations(rows)
    assert [(v.lang, v.row["target"], v.row["document_id"]) for v in views] == [
        ("zh+en", "TNF-α", 1),      # zh and en abstract: one view
        ("zh", "IL-1β", 1),         # no English twin
        ("en", "TNF-α", 1),         # the second English row has no Chinese partner left
        ("en", "TNF-α", 1),         # results section: not a translation
        ("zh", "TNF-α", 2),         # another document
        ("en", "TNF-α", 1),         # negated: another relation
    ]
    assert views[0].evidence == [("zh", ZH_ABS, "肿瘤坏死因子"), ("en", EN_ABS, "TNF-α")]


def _column_starts(line: str, values: list[str]) -> list[int]:
    """Display cell where each value starts in ``line`` (values in order)."""
    out, pos = [], 0
    for v in values:
        i = line.index(v, pos)
        out.append(cell_len(line[:i]))
        pos = i + len(v)
    return out


def test_columns_align_in_display_cells_with_chinese_values():
    rows = [row("zh", section="results", model="坐骨神经损伤", tissue="脊髓背角"),
            row("en", section="results", model="SNI", tissue="spinal cord", doc="en.txt", doc_id=2)]
    lines = [t.plain for t in relation_lines(group_translations(rows), width=100)]
    header, zh_slots, en_slots = lines[0], lines[2], lines[5]
    assert lines[1] == "跑台运动与神经痛.txt" and lines[4] == "en.txt"
    cols = _column_starts(header, ["lang", "exercise", "direction", "target", "model", "species", "tissue"])
    assert _column_starts(zh_slots, ["zh", "treadmill", "decrease", "TNF-α", "坐骨神经损伤", "mouse", "脊髓背角"]) == cols
    assert _column_starts(en_slots, ["en", "treadmill", "decrease", "TNF-α", "SNI", "mouse", "spinal cord"]) == cols
    assert lines[3].strip() == ZH_ABS and lines[6].strip() == EN_ABS
    assert all(cell_len(ln) <= 100 for ln in lines)


def test_evidence_is_cut_to_the_width_or_wrapped_whole():
    long_zh = "研究表明" + "，运动能够调节多种炎症相关通路" * 6 + "，并降低了脊髓中肿瘤坏死因子的水平。"
    views = group_translations([row("zh", section="results", sentence=long_zh)])
    cut = [t.plain for t in relation_lines(views, width=60)]
    assert len(cut) == 4 and all(cell_len(ln) <= 60 for ln in cut)
    assert cut[3].strip().startswith("…") and "肿瘤坏死因子" in cut[3]      # the target is in view
    full = [t.plain for t in relation_lines(views, width=60, full=True)]
    assert len(full) > 4 and all(cell_len(ln) <= 60 for ln in full)
    assert "".join(ln.strip() for ln in full[3:-1]) == long_zh.replace(" ", "")
    assert full[-1].strip() == "(results)"                                  # where it is: evidence_locator
    whole = [t.plain for t in relation_lines(views, width=None)]
    assert whole[3].strip() == long_zh                                      # no terminal: whole sentence


def test_excerpt_keeps_the_target_in_view():
    text = "A" * 50 + " lowered TNF-α in the cord."
    assert excerpt(text, 80) == text
    assert excerpt("x" * 30, 10) == "x" * 9 + "…"
    cut = excerpt(text, 20, focus="TNF-α")
    assert cut.startswith("…") and "TNF-α" in cut and cell_len(cut) <= 20
    assert excerpt("中" * 30, 11) == "中" * 5 + "…"                          # wide characters: 2 cells each


def test_print_relations_plain_and_on_a_terminal(monkeypatch):
    monkeypatch.delenv("COLUMNS", raising=False)              # plain and no width: whole sentences
    rows = [row("zh"), row("en")]
    buf = io.StringIO()
    assert print_relations(rows, buf) == 1
    out = buf.getvalue()
    assert "\x1b[" not in out and ZH_ABS in out and EN_ABS in out
    assert out.splitlines()[-1] == "(1 relation in 1 document; 1 stated in both abstracts shown once, " \
                                   "--no-group shows each)"
    buf = io.StringIO()
    assert print_relations(rows, buf, group=False) == 2
    term = io.StringIO()
    print_relations(rows, console=Console(file=term, force_terminal=True, width=50, color_system="standard"))
    styled = term.getvalue()
    assert "\x1b[1m" in styled                                              # bold header
    plain = re.sub(r"\x1b\[[0-9;]*m", "", styled)
    assert all(cell_len(ln) <= 50 for ln in plain.splitlines()[:-1])
    buf = io.StringIO()
    print_relations([], buf)
    assert buf.getvalue() == "no relations match\n"


def test_evidence_locator():
    assert evidence_locator(row(page=3, sentence_start=120, sentence_end=205, section="2.1")) == \
        "p. 3 · section 2.1 · characters 120-205"
    assert evidence_locator(row(section="")) == ""
