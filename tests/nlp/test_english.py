"""The English pipeline within bounds (issue 15): the abbreviation detector sees
small windows around brackets, the tokenizer never sees very long runs."""
from __future__ import annotations

import pytest

from litmine.nlp.english import (_PAREN_GROUP, ABBREVIATION_GROUPS, ABBREVIATION_WINDOW, MAX_RUN, abbreviation_windows,
                                 english_abbreviations, english_splitter, spaced_long_runs)

TEXT = ("Treadmill running lowered tumour necrosis factor (TNF) in the spinal cord. "
        "Brain-derived neurotrophic factor (BDNF) rose in the dorsal root ganglia of rats with "
        "spared nerve injury (SNI), and the effect lasted two weeks (see Table 2 for the values).")


def test_definitions_found_in_windows():
    assert english_abbreviations(TEXT) == [("TNF", "tumour necrosis factor"),
                                           ("BDNF", "Brain-derived neurotrophic factor"),
                                           ("SNI", "spared nerve injury")]


def test_first_definition_of_a_short_form_wins():
    text = "Spared nerve injury (SNI) was made. Later, a sciatic nerve injury (SNI) was made too."
    assert english_abbreviations(text) == [("SNI", "Spared nerve injury")]


def test_windows_cover_each_group_with_its_context_and_stay_small():
    filler = "exercise lowered pain in rats with injury " * 30
    text = filler + "alpha beta (AB) " + filler + "gamma delta (GD) end"
    windows = abbreviation_windows(text)
    assert len(windows) == 2
    for (a, b), group in zip(windows, ("(AB)", "(GD)")):
        assert text[a:b].endswith(group) and b - a <= 500 + len(group) and text[a - 1] == " "
    many = " ".join(f"w{i} x{i} (W{i}X{i})" for i in range(2000))
    spans = abbreviation_windows(many)
    assert all(b - a <= ABBREVIATION_WINDOW for a, b in spans)
    assert all(len(_PAREN_GROUP.findall(many, a, b)) <= ABBREVIATION_GROUPS + 1 for a, b in spans)
    assert abbreviation_windows("(BDNF " * 10_000) == []          # no closed bracket: nothing to detect


def _whole_text_detector(text):
    """scispaCy's detector on the whole text at once (what windows replace)."""
    import warnings
    from litmine.nlp.english import english
    nlp = english()
    with warnings.catch_warnings(), nlp.select_pipes(disable=["litmine_sentences"]):
        warnings.simplefilter("ignore", UserWarning)
        doc = nlp(text)
    out = []
    for ab in doc._.abbreviations:
        if (ab.text, ab._.long_form.text) not in out:
            out.append((ab.text, ab._.long_form.text))
    return out


def test_windows_find_what_the_whole_text_detector_finds():
    text = ", ".join(f"{a}lpha {b}eta factor ({a.upper()}{b.upper()}F)" for a in "abcdefgh" for b in "abcdefgh")
    pairs = english_abbreviations(text)
    assert len(pairs) == 64 and pairs[1] == ("ABF", "alpha beta factor")
    assert sorted(pairs) == sorted(_whole_text_detector(text))
    assert english_abbreviations(TEXT) == _whole_text_detector(TEXT)


def test_long_runs_are_spaced_for_the_tokenizer_only():
    run = "(" * 1000 + "BDNF" + ")" * 1000
    text = f"Swimming raised {run} in rats. Pain fell."
    spaced = spaced_long_runs(text)
    assert len(spaced) == len(text) and max(len(w) for w in spaced.split()) <= MAX_RUN
    assert spaced_long_runs(TEXT) is TEXT
    spans = english_splitter()(text)
    assert [text[a:b] for a, b in spans][-1] == "Pain fell." and spans[0][0] == 0


@pytest.mark.parametrize("n", [0, 1, 99, 100, 101, 250])
def test_spacing_keeps_every_other_character(n):
    text = "x" * n
    spaced = spaced_long_runs(text)
    assert len(spaced) == n and all(c in "x " for c in spaced)
    assert spaced.count(" ") == (max(0, n - 1) // MAX_RUN if n > MAX_RUN else 0)


def test_all_chinese_input_never_builds_the_english_pipeline():
    """The English pipeline (0.4 s to build) is built on the first English text only (issue 13)."""
    import subprocess
    import sys
    code = ("from litmine.nlp.english import english\n"
            "from litmine.pipeline import process_text\n"
            "pd = process_text('跑台运动降低了SNI大鼠脊髓中TNF-α的表达。游泳训练提高了BDNF水平。', 'zh.txt')\n"
            "assert len(pd.relations) == 2, pd.relations\n"
            "print(english.cache_info().currsize)\n"
            "process_text('Treadmill running lowered TNF-alpha in the spinal cord of rats.')\n"
            "print(english.cache_info().currsize)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["0", "1"]


def test_long_blocks_are_tokenized_in_pieces_with_the_same_sentences(monkeypatch):
    import litmine.nlp.english as english_mod
    from litmine.nlp.english import english_splitter, tokenize_pieces

    sentences = [f"Treadmill running lowered spinal IL-{i % 17} in rats (n = {i}) after nerve injury."
                 for i in range(1500)]
    text = " ".join(sentences)                      # ~120,000 characters, one block
    pieces = tokenize_pieces(text)
    assert len(pieces) > 5 and pieces[0][0] == 0 and pieces[-1][1] == len(text)
    assert all(b == c for (_, b), (c, _) in zip(pieces, pieces[1:]))            # consecutive, covering
    assert all(b - a <= english_mod.TOKENIZE_PIECE for a, b in pieces)
    assert all(text[b - 2:b] == ". " for _, b in pieces[:-1])                   # cut after a sentence end
    split = english_splitter()
    got = split(text)
    monkeypatch.setattr(english_mod, "TOKENIZE_PIECE", 10 ** 9)
    whole = english_splitter()(text)
    assert got == whole and len(got) == len(sentences)


def test_a_run_without_sentence_ends_is_cut_at_a_space_or_hard():
    from litmine.nlp.english import tokenize_pieces
    words = "exercise " * 10_000
    pieces = tokenize_pieces(words, most=5_000)
    assert all(words[b - 1] == " " for _, b in pieces[:-1]) and pieces[-1][1] == len(words)
    run = "x" * 12_000
    assert tokenize_pieces(run, most=5_000) == [(0, 5_000), (5_000, 10_000), (10_000, 12_000)]


def test_pipeline_tokenizer_is_scispacys_built_on_the_default_english_tokenizer():
    """english() builds its blank pipeline on a rule-free placeholder tokenizer (start-up), then puts
    scispaCy's tokenizer in its place: the tokens are those of scispaCy's tokenizer made from spaCy's
    default blank English pipeline, as before."""
    import spacy
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    from litmine.nlp.english import english
    text = ("Sciatic nerve injury (SNI) rats ran 10 m/min (n = 8), IL-1β and TNF-α fell; e.g. p<0.05 "
            "vs. sham, cf. Fig. 2A; 5-HT2A and Nav1.7 rose (i.e. 2-fold).")
    reference = combined_rule_tokenizer(spacy.blank("en"))
    got = english().tokenizer(text)
    assert [t.text for t in got] == [t.text for t in reference(text)]
    assert "SNI" in [t.text for t in got] and "IL-1β" in [t.text for t in got]
    assert english().tokenizer.token_match is spacy.blank("en").tokenizer.token_match
