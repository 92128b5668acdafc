"""Cleaner: line rejoining, de-hyphenation, headers, floats; measured on the seed."""
import re

import pytest

from litmine.text.clean import (classify_line, clean, heading_section, is_running_header, join_lines,
                                should_keep_hyphen)
from litmine.types import RawDocument

from helpers import SEED, needs_shared


@pytest.mark.parametrize("lines, expected", [
    (["often causes severe nega-", "tive effects on patients"], "often causes severe negative effects on patients"),
    (["has been prov-", "en effective"], "has been proven effective"),
    (["pituitary adenylate", "cyclase-activating polypeptide"], "pituitary adenylate cyclase-activating polypeptide"),
    (["adenylate cyclase-", "activating polypeptide"], "adenylate cyclase-activating polypeptide"),
    (["chemotherapy-", "induced peripheral neuropathy"], "chemotherapy-induced peripheral neuropathy"),
    (["Moderate (aerobic 50-", "70% MHR)"], "Moderate (aerobic 50-70% MHR)"),
    (["NIGHTIN-", "GALE 2018[33]"], "NIGHTINGALE 2018[33]"),
    (["运动能够降低脊髓中疼痛相关的", "垂体腺苷酸环化酶激活多肽"], "运动能够降低脊髓中疼痛相关的垂体腺苷酸环化酶激活多肽"),
    (["有效下调小鼠脊髓中的", "BDNF表达"], "有效下调小鼠脊髓中的BDNF表达"),
    (["soft hyphen in hyper\u00ad", "algesia"], "soft hyphen in hyperalgesia"),
    (["treadmill running re\u00adduced the ex\u00adpression of IL-6"],
     "treadmill running reduced the expression of IL-6"),   # soft hyphens inside a line are invisible
    (["IL-", "1β levels"], "IL-1β levels"),
])
def test_join_lines(lines, expected):
    assert join_lines(lines) == expected


def test_document_vocabulary_decides_hyphen():
    assert should_keep_hyphen("dose", "response", {"dose-response"}) is True
    assert should_keep_hyphen("treat", "ment", {"treatment"}) is False
    assert should_keep_hyphen("nega", "tive") is False


@pytest.mark.parametrize("line", ["3348 · 综述 ·", "12", "Page 3 of 12", "- 7 -", "第 5 页"])
def test_running_headers(line):
    assert is_running_header(line)


@pytest.mark.parametrize("line, section", [
    ("2.1   运动对炎症因子与神经胶质细胞的调控", "2.1"), ("3 Results", "3"), ("Abstract", "abstract"),
    ("参考文献", "references"), ("12 W", None), ("6 weeks of treadmill running reduced", None),
    ("7天后增加了大脑中 IL-4的表达水平 , 增强了大脑中", None),
])
def test_heading_section(line, section):
    assert heading_section(line) == section


def test_classify_caption_and_label():
    assert classify_line("Fig.1   Exercise relieves pain through modulation of oxidative stress", 48) == "caption"
    assert classify_line("表1   运动对相关疾病的临床研究效果汇总", 48) == "table_title"
    assert classify_line("Promoting", 48) == "label"


def _raw(text, fmt="txt"):
    return RawDocument(path="x.txt", text=text, format=fmt, sha256="0")


PDF_LIKE = [  # an extractor's output: an empty line after every line, a figure inside a sentence
    "运动作为一种非药物干预手段, 在神经病理性疼痛",
    "的治疗中越来越受到重视。有氧运动可以提高超氧",
    "化物歧化酶的活性, 并降低脊髓中丙二醛的含量。",
    "运动通过增强抗氧化防御系统的活性, 减少活性氧",
    "的累积, 进而保护神经组织免受氧化",
    "Exercise", "ROS", "Inhibiting",
    "运动通过抑制活性氧物质来预防神经性疼痛的发生。",
    "图1   运动调节氧化应激缓解疼痛",
    "12 · 综述 ·",
    "损伤, 减轻痛觉敏化。此外, 运动通过调节神经递质",
    "系统的平衡实现镇痛效应, 这一作用在多个模型中",
    "均得到证实。",
]


def test_float_does_not_break_sentence():
    doc = clean(_raw("\n\n".join(PDF_LIKE) + "\n"))
    kinds = [b.kind for b in doc.blocks]
    assert kinds[0] == "body" and "figure" in kinds and "caption" in kinds
    body = doc.text[doc.blocks[0].start:doc.blocks[0].end]
    assert "进而保护神经组织免受氧化损伤, 减轻痛觉敏化。" in body
    captions = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "caption"]
    assert captions[0].startswith("运动通过抑制活性氧物质")  # caption text printed before its title
    assert "综述" not in doc.text


@needs_shared
def test_seed_cleaning():
    raw_text = SEED.read_text(encoding="utf-8")
    doc = clean(_raw(raw_text))
    assert "3348 · 综述 ·" not in doc.text
    assert "nega-tive" not in doc.text and "negative effects" in doc.text
    assert "cyclase-activating" in doc.text
    # the sentence broken by Table 1 comes out whole
    assert "而长时间运动(>5天)则导致其持续激活[47]" in doc.text.replace(" ", "")
    kinds = {b.kind for b in doc.blocks}
    assert {"body", "heading", "caption", "table", "figure"} <= kinds
    table = next(b for b in doc.blocks if b.kind == "table")
    rows = doc.text[table.start:table.end].split("\n")
    assert any(r.startswith("NIGHTINGALE 2018[33] SCI Aerobic") for r in rows)
    assert any(r.startswith("KLECKNER 2018[28] CIPN") for r in rows)
    # figure labels are marked, never body
    fig = [doc.text[b.start:b.end] for b in doc.blocks if b.kind == "figure"]
    assert any("Promoting" in f for f in fig)
    # no body text is lost: every CJK character of the input survives
    cjk = lambda s: re.sub(r"[^\u4e00-\u9fff]", "", s)  # noqa: E731
    assert len(cjk(doc.text)) >= len(cjk(raw_text)) - len(cjk("综述"))


def test_page_map_follows_lines_across_pages_and_floats():
    """Pages (form feeds) survive rejoining: a sentence broken across a page
    break starts on its first page; a table met on page 2 keeps page 2 though
    it is placed after the body paragraph it interrupted."""
    page1 = "Exercise reduced pain in mice with nerve injury and the effect of\n"
    page2 = ("treadmill running lasted for six weeks in all groups.\n\nTable 1 Groups\nSham 10\nSNI 12\n\n"
             "Swimming increased BDNF in the spinal cord of rats.\n")
    page3 = "Resistance training lowered TNF-α in patients.\n"
    raw = RawDocument(path="x.pdf", text=page1 + "\f" + page2 + "\f" + page3, format="pdf", sha256="0")
    doc = clean(raw)
    where = lambda words: doc.page_at(doc.text.index(words))  # noqa: E731
    assert where("Exercise reduced") == 1 and where("treadmill running lasted") == 2
    assert where("Sham 10") == 2 and where("Swimming increased") == 2 and where("Resistance training") == 3
    assert [p for _, p in doc.pages] == sorted(p for _, p in doc.pages)
    assert doc.pages[0] == (0, 1)


def test_no_pages_without_page_breaks():
    doc = clean(_raw("Exercise reduced pain.\n\nSwimming increased BDNF.\n"))
    assert doc.pages == [] and doc.page_at(5) is None


def _blocks(doc):
    return [(b.kind, doc.text[b.start:b.end]) for b in doc.blocks]


@pytest.mark.parametrize("text, title", [
    ("# source: https://example.org/paper/1\n# title: Treadmill running lowers spinal IL-6 in rats\n"
     "Treadmill running for four weeks lowered IL-6 in the spinal cord. Swimming did not.\n",
     "# title: Treadmill running lowers spinal IL-6 in rats"),
    ("# title: 跑台运动降低大鼠脊髓IL-6表达\n跑台运动4周降低了大鼠脊髓IL-6的表达。游泳无此作用。\n",
     "# title: 跑台运动降低大鼠脊髓IL-6表达"),
    ("Treadmill Running Lowers Spinal IL-6 in Rats\nTreadmill running for four weeks lowered IL-6 "
     "in the spinal cord of rats with nerve injury, and swimming for four weeks did not change it.\n",
     "Treadmill Running Lowers Spinal IL-6 in Rats"),
    ("跑台运动对神经损伤大鼠脊髓IL-6表达的影响\n跑台运动4周降低了神经损伤大鼠脊髓IL-6的表达,而同期游泳训练对其没有明显影响,"
     "两组大鼠的体重也没有差异。\n", "跑台运动对神经损伤大鼠脊髓IL-6表达的影响"),
])
def test_title_line_is_a_block_of_its_own(text, title):
    """Issue 9 (text faults): a title without a full stop, given as a ``# title:``
    line or as a plain first line, is not glued to the first sentence."""
    blocks = _blocks(clean(_raw(text)))
    assert ("front", title) in blocks
    body = [t for k, t in blocks if k == "body"]
    assert body[0].startswith(("Treadmill running for", "跑台运动4周"))


def test_markdown_headings_set_the_section():
    doc = clean(_raw("# Exercise and pain\n\n## Results\nRunning lowered IL-6 in rats. Swimming did not.\n"))
    assert _blocks(doc)[:2] == [("heading", "# Exercise and pain"), ("heading", "## Results")]
    assert doc.blocks[2].kind == "body" and doc.blocks[2].section == "results"


@pytest.mark.parametrize("lines", [
    # wrapped prose: a line ends without a full stop and the next starts with a capital
    ["Exercise lowered the expression of spinal IL-6 and TNF-α in rats after the injury of the",
     "Sciatic nerve, and swimming for four weeks had the same effect on both cytokines in them."],
    # a line that ends on a function word is not a title even when short
    ["Exercise reduced pain in the", "Rats with injury, as swimming did in mice and in the sham group of rats too."],
    ["运动降低了神经损伤大鼠脊髓中IL-6和TNF-α的表达,并且改善了大鼠的机械性疼痛阈值和热痛阈值,这一作用与",
     "小胶质细胞活化的抑制有关,游泳训练也有同样的作用。"],
])
def test_wrapped_lines_are_not_titles(lines):
    doc = clean(_raw("\n".join(lines) + "\n"))
    assert [b.kind for b in doc.blocks] == ["body"]


def test_pdf_title_over_two_lines():
    lines = ["Treadmill Running Lowers Spinal IL-6 and TNF-α", "in Rats with Sciatic Nerve Injury",
             "Treadmill running for four weeks lowered IL-6 in the spinal cord of rats with nerve",
             "injury, and swimming for four weeks did not change it in the same animals at all.",
             "The effect lasted for two weeks after the end of the training in every animal.",
             "Pain thresholds rose in the running group and stayed higher than in sedentary rats."]
    blocks = _blocks(clean(_raw("\n".join(lines) + "\n")))
    assert blocks[0] == ("front", "Treadmill Running Lowers Spinal IL-6 and TNF-α in Rats with Sciatic Nerve Injury")
    assert blocks[1][0] == "body" and blocks[1][1].startswith("Treadmill running for four weeks")


@pytest.mark.parametrize("text, fragment", [
    ("Running lowered IL\ufffd6 in rats. Swimming \ufffd did not.", "2 replacement characters (U+FFFD)"),
    ("Running lowered TNF-Î± and IL-1Î² in rats. Itâ€™s a result.", "mojibake sequences such as"),
    ("跑台运动降低了锟斤拷的表达。", "'锟斤拷' sequence"),
    ("运动降低了\ue001\ue002\ue003的表达。", "3 private-use characters"),
])
def test_damaged_text_gets_one_low_quality_warning(text, fragment):
    """Issue 9 (text faults): replacement characters and mojibake pass silently no more."""
    warnings = clean(_raw(text)).warnings
    low = [w for w in warnings if w.startswith("low text quality")]
    assert len(low) == 1 and fragment in low[0] and "\n" not in low[0]


@pytest.mark.parametrize("text", ["Running lowered TNF-α and IL-1β (± 5%) in rats, São Paulo.",
                                  "跑台运动降低了TNF-α的表达。"])
def test_clean_text_gets_no_quality_warning(text):
    assert clean(_raw(text)).warnings == []


def test_invisible_format_characters_are_dropped():
    from litmine.text.clean import normalise_chars
    assert normalise_chars("Swim\u200bming reduced IL-6.\u202e\ufeff") == "Swimming reduced IL-6."
    assert normalise_chars("soft\ufffehyphen") == "soft\u00adhyphen"  # soft hyphens are kept for line joining
