"""Property-based tests: the cleaner and the segmenters never crash on arbitrary
Unicode, every offset re-slices the text it points into, and output is deterministic.

Two kinds of input: any Unicode string (``st.text()``), and "PDF-like" text glued
from fragments that steer the code into its rarer branches (page breaks, soft and
line-end hyphens, running headers, table rows, figure labels, unbalanced brackets,
citation markers, decimals, Chinese and English full stops). The protocol
parser's arbitrary-text property lives in ``tests/nlp/test_protocol.py``; the one
here adds characters whose NFKC form is longer or shorter than themselves.

1,000 examples per property (``settings(max_examples=1000)``).
"""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litmine.nlp.english import english_splitter
from litmine.nlp.protocol import find_protocol_parts
from litmine.text.clean import clean
from litmine.text.segment import segment, split_zh
from litmine.types import BLOCK_KINDS, LANGS, RawDocument

FUZZ = settings(max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow])

FRAGMENTS = [
    # Chinese prose and punctuation
    "运动", "跑台运动显著降低了", "SNI小鼠", "脊髓背角", "TNF-α", "的表达", "。", "！", "？", "，", "；",
    "（", "）", "【", "】", "“", "”", "综述", "结果", "讨论", "参考文献", "表1", "图1", "图 2", "1.2 方法",
    # English prose and abbreviations
    "Aerobic exercise reduced pain", "in rats", " et al.", " Fig. 1", "e.g.", "i.e.", " vs. ", "p < 0.05",
    "Smith et al., 2019", "(", ")", "[", "]", "[12]", "[9-10, 12]", "[1–3]", ".", "!", "?", "3.5", "0.05",
    "Table 1", "Abstract", "References", "Introduction", "IL-1β", "BDNF", "A", "The",
    # layout artefacts of PDF text
    "\n", "\n", "\n\n", "\f", " ", "  ", "\t", "-", "-\n", "\u00ad", "\ufffe", "\r\n", "3348 · 综述 ·",
    "Page 3 of 12", "12", "  12  ", "a\tb\tc", "|", "\u3000", "·",
]
pdf_like = st.lists(st.sampled_from(FRAGMENTS), max_size=60).map("".join)
any_text = st.one_of(st.text(), pdf_like, st.text(alphabet=st.sampled_from("。.!?（）()[]\n\f -a中1 ")))


def raw(text: str, fmt: str) -> RawDocument:
    return RawDocument(path=f"fuzz.{fmt}", text=text, format=fmt, sha256="0" * 64, encoding="utf-8")


def check_blocks(doc) -> None:
    pos = 0
    for block in doc.blocks:
        assert pos <= block.start < block.end <= len(doc.text), (block, len(doc.text))
        assert doc.text[block.start:block.end].strip()
        assert block.kind in BLOCK_KINDS + ("figure",)
        assert block.lang in LANGS
        pos = block.end
    # "text is the blocks joined by blank lines"
    assert doc.text == "\n\n".join(doc.text[b.start:b.end] for b in doc.blocks)


@FUZZ
@given(any_text, st.sampled_from(["txt", "pdf"]))
def test_clean_never_crashes_and_blocks_slice_the_text(text, fmt):
    doc = clean(raw(text, fmt))
    check_blocks(doc)
    assert doc.lang in LANGS and doc.sha256 == "0" * 64
    assert clean(raw(text, fmt)) == doc                      # deterministic


@FUZZ
@given(any_text, st.sampled_from(["txt", "pdf"]))
def test_segment_offsets_reslice_the_document(text, fmt):
    doc = clean(raw(text, fmt))
    sentences = segment(doc, english_splitter())
    end = 0
    for i, s in enumerate(sentences):
        assert s.index == i
        assert end <= s.start < s.end <= len(doc.text)
        assert doc.text[s.start:s.end] == s.text and s.text.strip()
        block = doc.blocks[s.paragraph]
        assert block.start <= s.start and s.end <= block.end
        assert s.kind in (block.kind, "references") and s.lang in LANGS
        end = s.end
    assert segment(doc, english_splitter()) == sentences                          # deterministic


@FUZZ
@given(any_text)
def test_split_zh_spans_cover_every_visible_character(text):
    spans = split_zh(text)
    covered = set()
    end = 0
    for a, b in spans:
        assert end <= a < b <= len(text)
        piece = text[a:b]
        assert piece == piece.strip() and piece
        covered.update(range(a, b))
        end = b
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    assert split_zh(text) == spans                             # deterministic


# Characters whose NFKC normal form has another length: ligatures, squared
# units, fractions, full-width forms, compatibility ideographs, combining marks.
NFKC_ODD = "ﬀﬁ㎞㎎㎖㎏½¼⅓％～－１２３４５６７８９０周天次组分钟\u3000㍉㌔\u0301é︰︵ℌ"


@FUZZ
@given(st.lists(st.one_of(st.sampled_from(list(NFKC_ODD)),
                          st.sampled_from(["6", "周", "次/周", "% HRmax", "30 min", "-", "~", " ", "至",
                                           "m/min", "3 times/W", "50%-60% MHR"])), max_size=30).map("".join))
def test_protocol_offsets_survive_nfkc_length_changes(text):
    parts = find_protocol_parts(text)
    end = 0
    for p in parts:
        assert end <= p.start < p.end <= len(text)             # ordered, never overlapping
        assert text[p.start:p.end] == p.text
        end = p.end
    assert find_protocol_parts(text) == parts
