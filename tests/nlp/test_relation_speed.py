"""The relate stage's faster forms give the same matches as the plain ones they replace (issue 13)."""
import random
import re

from litmine.nlp.relations.cues import _EN_TRIGGERS
from litmine.nlp.relations.groups import _code_rx
from litmine.nlp.relations.triggers import _EN_RX, _trie_pattern


def _spans(rx, text):
    return [(m.span(), m.group(0)) for m in rx.finditer(text)]


def test_trie_pattern_folds_prefixes_longest_first():
    assert _trie_pattern(["reduced", "reduces", "reduce", "red"]) == "red(?:uce(?:d|s)?)?"
    rx = re.compile(r"\b(" + _trie_pattern(["reduced", "reduces", "reduce", "red"]) + r")\b")
    assert [m.group(1) for m in rx.finditer("red reduce reduces reduced reducer")] == ["red", "reduce", "reduces", "reduced"]


def test_english_trigger_tree_matches_the_flat_alternation():
    words = sorted((w for ws in _EN_TRIGGERS.values() for w in ws.split()), key=lambda w: -len(w))
    flat = re.compile(r"\b(?=[A-Za-z])(" + "|".join(map(re.escape, words)) + r")\b", re.I)
    rng = random.Random(13)
    pieces = words + [w.upper() for w in words[:40]] + [" ", "-", "s", "d", "ed", "ing", "ly", "x", "ſ", "K", "，"]
    texts = ["Treadmill running reduced TNF-α and down-regulated IL-6, but not-reduced X; re-reduces", "REDUCED Lowered"]
    texts += ["".join(rng.choice(pieces) for _ in range(10)) for _ in range(3000)]
    for t in texts:
        assert _spans(_EN_RX, t) == _spans(flat, t), t


def test_code_pattern_matches_the_look_behind_form():
    for code in ("DA", "SCI-TT", "C+E", "观察组"):
        plain = re.compile(rf"(?<![A-Za-z0-9\-]){re.escape(code)}(?![A-Za-z0-9\-])")
        for t in (f"{code}组和x{code}组, -{code} ({code}) {code}1 {code}", f"{code}{code} 1{code}:", code):
            assert _spans(_code_rx(code), t) == _spans(plain, t)
    assert _spans(_code_rx("观察组", han_free=True), "A观察组TCSS评分") == [((1, 4), "观察组")]
    assert _spans(_code_rx("观察组"), "A观察组TCSS评分") == []
