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
