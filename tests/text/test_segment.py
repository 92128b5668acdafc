"""Sentence segmentation (Chinese, English, mixed) and citation parsing."""
import json
import re

import pytest

from litmine.nlp.english import english_splitter
from litmine.text.segment import parse_refs, segment, split_block, split_zh

from helpers import GOLD, needs_shared


def sents(text, lang):
    return [text[a:b] for a, b in split_block(text, lang, english_splitter())]


@pytest.mark.parametrize("text, expected", [
    ("运动降低了TNF-α的表达[12]。跑台训练提高了BDNF水平。",
     ["运动降低了TNF-α的表达[12]。", "跑台训练提高了BDNF水平。"]),
    ("结果表明运动有效(P<0.05。见表2)。随后检测了IL-6。",
     ["结果表明运动有效(P<0.05。见表2)。", "随后检测了IL-6。"]),
    ("体重下降了3.5 g。运动组无变化！是否有效？尚不清楚。",
     ["体重下降了3.5 g。", "运动组无变化！", "是否有效？", "尚不清楚。"]),
    ("小鼠的痛阈升高.随后进行了检测。", ["小鼠的痛阈升高.", "随后进行了检测。"]),
    ("“运动有效。”他说。", ["“运动有效。”", "他说。"]),
])
def test_split_zh(text, expected):
    assert [text[a:b] for a, b in split_zh(text)] == expected


def test_unclosed_bracket_does_not_swallow_the_paragraph():
    text = "异常痛觉过敏(即对疼痛刺激的过度敏感反应。NP具有复杂的发病机制。其中包括神经炎症。"
    assert len(split_zh(text)) == 3


@pytest.mark.parametrize("text, n", [
    ("Smith et al. reported that exercise reduced TNF-α. Treadmill running also lowered IL-1β.", 2),
    ("Pain decreased (Fig. 2). Thresholds rose.", 2),
    ("Several cytokines, e.g. IL-6, were measured. They fell.", 2),
    ("Treatment was effective, i.e. pain fell. Next.", 2),
    ("HIIT vs. MICT was compared in 12 patients. Both helped.", 2),
    ("The threshold rose from 0.31 to 0.92 g (p < 0.05). Latency was unchanged.", 2),
    ("Exercise reduced IL-6 (see Table 1. for details) in rats. Done.", 2),
    ("Exercise restored PWT.[12] This effect lasted.", 2),
    # a superscript citation glued after the full stop (Vancouver journals' PDF/HTML text) ends the sentence
    ("Swimming lowered pain scores (VAS).7,8 Walking did not.", 2),
    ("Cycling raised BDNF in older adults.12–14 Rowing had no effect.", 2),
    # ... but not after an abbreviation or inside a number
    ("Pain fell (see Fig.3 Panel B) in rats. Done.", 2),
    ("The Nav1.7 Channel rose. Done.", 2),
])
def test_english_sentences(text, n):
    out = sents(text, "en")
    assert len(out) == n, out
    assert "".join(out).replace(" ", "") == text.replace(" ", "")


def test_citation_stays_with_its_sentence():
    out = sents("Exercise restored PWT.[12] This effect lasted.", "en")
    assert out[0].endswith("[12]")


def test_mixed_block_splits_english_part():
    text = "运动通过抑制活性氧来预防疼痛。Exercise can prevent neuropathic pain by inhibiting ROS. It also reduced IL-6."
    assert sents(text, "mixed") == ["运动通过抑制活性氧来预防疼痛。",
                                    "Exercise can prevent neuropathic pain by inhibiting ROS.", "It also reduced IL-6."]


@pytest.mark.parametrize("text, refs", [
    ("减轻NP [9-10,12]。", ["9", "10", "12"]),
    ("见文献[42]和[3~5]", ["42", "3", "4", "5"]),
    ("as shown before (Smith et al., 2019).", ["Smith et al. 2019"]),
    ("no citation 2019 here", []),
    ("Swimming lowered pain scores (VAS).7,8", ["7", "8"]),
    ("Cycling raised BDNF in older adults.12–14", ["12", "13", "14"]),
    ("Thresholds were read at 37.5", []),
    ("as in Fig.3", []),
])
def test_parse_refs(text, refs):
    assert parse_refs(text) == refs


@needs_shared
def test_seed_gold_anchors_fall_in_one_sentence(seed_processed):
    """Issue 2: >= 95% of gold anchors outside Table 1 lie inside exactly one sentence."""
    norm = lambda s: re.sub(r"\s+", "", s)  # noqa: E731
    sentences = [norm(s.text) for s in seed_processed.sentences]
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["section"] != "table1"]
    inside = sum(1 for r in rows if sum(norm(r["anchor"]) in s for s in sentences) == 1)
    assert inside / len(rows) >= 0.95, f"{inside}/{len(rows)}"


@needs_shared
def test_seed_sentence_offsets(seed_processed):
    text = seed_processed.document.text
    for s in seed_processed.sentences:
        assert text[s.start:s.end] == s.text


def test_run_on_text_is_cut_at_clause_breaks():
    """Regression: a long line without a full stop (a broken export; 60,000 characters
    seen) used to be one sentence and made relation extraction quadratic."""
    from litmine.pipeline import process_text
    from litmine.text.segment import MAX_SENTENCE
    text = "游泳训练降低了大鼠IL-6水平，" * 1200       # 18,000 characters: twelve times the cap
    pd = process_text(text, "runon.txt")
    assert max(len(s.text) for s in pd.sentences) <= MAX_SENTENCE
    assert all(pd.document.text[s.start:s.end] == s.text for s in pd.sentences)
    assert sum(len(s.text) for s in pd.sentences) == len(pd.document.text.replace(" ", ""))
    assert {(r.exercise, r.direction, r.target) for r in pd.relations} == {("swimming", "decrease", "IL-6")}


def test_sentences_carry_the_page_they_start_on():
    from litmine.text.clean import clean
    from litmine.types import RawDocument
    text = "跑台运动降低了小鼠脊髓中TNF-α的表达。游泳训练\f提高了大鼠BDNF的水平。\f抗阻训练改善了患者的疼痛。\n"
    doc = clean(RawDocument(path="x.pdf", text=text, format="pdf", sha256="0"))
    sents = segment(doc, split_en=lambda t: [(0, len(t))])
    assert [(s.text[:4], s.page) for s in sents] == [("跑台运动", 1), ("游泳训练", 1), ("抗阻训练", 3)]


@pytest.mark.parametrize("text, expected", [
    ("Swimming activated NF-kappa B. Treadmill running lowered IL-6.",
     ["Swimming activated NF-kappa B.", "Treadmill running lowered IL-6."]),
    ("Running lowered the levels of IL-6 and TNF. Swimming had no effect.",
     ["Running lowered the levels of IL-6 and TNF.", "Swimming had no effect."]),
    ("Thresholds rose in group A. The sedentary rats did not change.",
     ["Thresholds rose in group A.", "The sedentary rats did not change."]),
    ("Cycling raised serum vitamin D. Exercise also lowered CRP.",
     ["Cycling raised serum vitamin D.", "Exercise also lowered CRP."]),
])
def test_sentence_ending_in_a_capital_letter(text, expected):
    """Issue 9 (text faults): a sentence that ends in a capital letter and a full
    stop ("... NF-kappa B.") ends before the next capitalised sentence."""
    assert sents(text, "en") == expected


@pytest.mark.parametrize("text", [
    "The protocol was described by J. Smith and colleagues in detail.",
    "Written with John A. Smith during the trial, the protocol held.",
    "Running lowered cytokines, e.g. IL-6 and TNF-α, in both groups.",
    "As reported by Wang et al. Treadmill running helped, the effect held.",
    "Morphine was given i.v. Twenty minutes later thresholds were tested.",
    "Pain fell (Fig. 3B) after running.",
])
def test_initials_and_abbreviations_stay_inside(text):
    assert sents(text, "en") == [text]


@pytest.mark.parametrize("text, expected", [
    ("运动抑制了NF-κB.运动组的疼痛阈值升高。", ["运动抑制了NF-κB.", "运动组的疼痛阈值升高。"]),
    ("假手术组(只暴露脊髓).采用改良法制作模型.", ["假手术组(只暴露脊髓).", "采用改良法制作模型."]),
    ("运动组IL-6降低(P<0.05).跑台组无变化.", ["运动组IL-6降低(P<0.05).", "跑台组无变化."]),
    ("运动降低了IL-6．跑台训练提高了BDNF．", ["运动降低了IL-6．", "跑台训练提高了BDNF．"]),
    ("Wang et al.报道运动有效。", ["Wang et al.报道运动有效。"]),
    ("体重为3.5 g,见Fig.2。", ["体重为3.5 g,见Fig.2。"]),
])
def test_chinese_full_stop_after_latin_text(text, expected):
    """The Chinese side of the same fault: a half- or full-width full stop after a
    Latin name, a number or a bracket ends a Chinese sentence; "et al." does not."""
    assert [text[a:b] for a, b in split_zh(text)] == expected


@pytest.mark.parametrize("text, first_body, relation", [
    ("# title: Treadmill running and spinal cytokines\nTreadmill running lowered IL-6 in the spinal cord of rats.\n",
     "Treadmill running lowered IL-6 in the spinal cord of rats.", ("treadmill", "decrease", "IL-6")),
    ("# title: 游泳训练与脊髓细胞因子\n游泳训练降低了大鼠脊髓IL-6的表达。\n",
     "游泳训练降低了大鼠脊髓IL-6的表达。", ("swimming", "decrease", "IL-6")),
])
def test_title_line_is_its_own_sentence_and_yields_no_relation(text, first_body, relation):
    from litmine.pipeline import process_text
    pd = process_text(text, "titled.txt")
    kinds = [(s.kind, s.text) for s in pd.sentences]
    assert kinds[0][0] == "front" and kinds[0][1].startswith("# title: ")
    assert kinds[1] == ("body", first_body)
    assert {(r.exercise, r.direction, r.target) for r in pd.relations} == {relation}
    assert all(r.sentence == 1 for r in pd.relations)


def test_bracket_runs_are_cut_and_nothing_is_lost():
    """Issue 15: a sentence holds at most MAX_BRACKETS brackets (the fallback split
    cuts at a space), so per-sentence work cannot grow with a run of brackets."""
    from litmine.text.segment import MAX_BRACKETS, cap_length
    text = "Treadmill running lowered " + "(BDNF " * 400
    spans = cap_length(text, [(0, len(text))])
    assert len(spans) > 1
    assert all(sum(text[a:b].count(c) for c in "()") <= MAX_BRACKETS for a, b in spans)
    assert "".join(text[a:b] for a, b in spans).replace(" ", "") == text.replace(" ", "")
    real = "Rats (n = 8) ran (5 d/week) at 12 m/min (60% VO2max) for 6 weeks (Table 1)."
    assert cap_length(real, [(0, len(real))]) == [(0, len(real))]


def test_unclosed_bracket_with_many_full_stops_stays_linear():
    """An unclosed bracket before thousands of 。 (the check looks 60 characters ahead only)."""
    text = "运动(降低疼痛" + "跑台训练降低了IL-6。" * 5000
    spans = split_zh(text)
    assert len(spans) == 5000 and text[spans[-1][0]:spans[-1][1]] == "跑台训练降低了IL-6。"


def test_a_doi_in_brackets_is_an_inline_citation_not_a_reference_entry():
    from litmine.text.segment import looks_like_reference
    assert not looks_like_reference("Swimming reduced IL-6 in rats (doi:10.1000/xyz(123)).")
    assert looks_like_reference("Smith J, Lee K. Swimming and IL-6 in rats. Pain 2019;45(3):123-130. doi:10.1000/xyz")
    assert looks_like_reference("[12] 王伟, 李明. 运动与疼痛[J]. 中国康复医学杂志, 2020, 35(2): 1-5.")


@pytest.mark.parametrize("text, entry", [
    ("Zhang Wei. Exercise and neuropathic pain in rats [J] Pain Research", True),  # a type code inside the text
    ("3. Smith J, Lee K. Swimming lowered IL-6", True),                           # a numbered entry at the start
    ("Vasquez-Lin T, Robb A. Treadmill running and BDNF", True),                 # authors at the start
    ("Running raised BDNF; see doi.org/10.1000/xyz for the data", True),         # a DOI link: no colon
    ("Running raised BDNF, Pain 2019;45(3):123-130", True),                      # volume, issue and pages
    ("Running raised BDNF in rats [12], as reported before", False),             # a citation, no type code
    ("Running raised BDNF (Smith et al., 2019: 45) in rats", False),              # the detail is in brackets
    ("Treadmill running lowered IL-6 in CCI rats", False),                       # neither a colon nor a slash
])
def test_reference_entries_are_found_wherever_the_rule_allows(text, entry):
    """looks_like_reference reads the entry's start, a type code anywhere, a citation detail outside brackets
    (every detail holds a colon or a slash)."""
    from litmine.text.segment import looks_like_reference, strip_brackets
    assert looks_like_reference(text) is entry
    assert strip_brackets(text + " (a (b) c) [d]（e）") == strip_brackets(text) + "  "
    assert strip_brackets(text) == text or any(c in text for c in "([")


@pytest.mark.parametrize("text", [
    "Smith J. and A. B. Jones found that IL-6 fell (p < 0.05) after 6 weeks.[12] Then NF-kappa B. rose in group A. "
    "It did not change in the controls (Fig. 2), e.g. in the DRG! Did BDNF rise? Yes [3, 4]. The end",
    "((((( an unclosed bracket " * 30 + ". A short one. And the last.",
    "", "   ", "One sentence without a full stop",
])
def test_sentence_spans_are_the_sentences_the_component_sets(text):
    """english.sentence_spans, read from the token arrays, gives the spans of doc.sents after the
    litmine_sentences component, and the per-token-text facts english_boundaries caches give the
    boundaries that computing them token by token gives."""
    from litmine.nlp.english import english, litmine_sentences, sentence_spans, token_offsets
    from litmine.text import segment as seg

    doc = english().make_doc(text)
    spans = sentence_spans(doc)
    assert spans == ([(s.start_char, s.end_char) for s in litmine_sentences(doc).sents] if len(doc) else [])
    assert token_offsets(doc) == [(t.text, t.idx) for t in doc] == token_offsets(doc, text)
    assert sentence_spans(doc, text) == spans       # the text given, not joined again from the tokens
    seg._TOKEN_FACTS.clear()
    cold = seg.english_boundaries(token_offsets(doc), doc.text)
    assert seg._TOKEN_FACTS or not len(doc)
    assert seg.english_boundaries(token_offsets(doc), doc.text) == cold      # read from the cache
    assert len(spans) == (len(cold) + 1 if len(doc) else 0)
