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


def test_trigger_gates_find_what_the_whole_cue_lists_find(monkeypatch):
    import litmine.nlp.relations.triggers as T
    from litmine.nlp.relations.cues import COMPARATIVES, IDIOMS, NO_CHANGE
    texts = ["Swimming did not alter IL-6 and had no significant effect on pain; TNF-α remained unchanged.",
             "Exercise was more effective than usual care and superior to stretching (HIIT > MICT).",
             "BDNF was 2.3-fold that of the sedentary group; training is beneficial for patients with DPN.",
             "Yoga plays a role in the management of pain, and its benefits of practice on sleep were similar.",
             "The groups were comparable at baseline; PWT returned to baseline levels in favour of the ET group.",
             "DİD NOT CHANGE, ſimilar, exercıse, ÜBER", "运动组TNF-α水平较模型组明显降低, 差异无统计学意义", ""]
    rng = random.Random(11)
    words = [w for p in NO_CHANGE + COMPARATIVES + [rx for rx, _ in IDIOMS] for w in re.findall(r"[A-Za-z]{3,}", p)]
    pieces = words + [w.upper() for w in words[:30]] + [" ", " not ", " no ", "s", "ed", ",", ">", "2-fold that of ", "ı"]
    texts += [" ".join(rng.choice(pieces) for _ in range(rng.randint(1, 14))) for _ in range(1500)]
    gated = [T.find_triggers(t) for t in texts]
    monkeypatch.setattr(T, "_HAN_CHAR", re.compile(""))  # every text takes the whole lists, as before the gates
    assert gated == [T.find_triggers(t) for t in texts]
    assert sum(map(len, gated)) > 1500


def _plain_clause_cuts(text, lang):
    """The per-character form _clause_cuts replaced: bracket depth of every character, cuts at depth 0."""
    from litmine.nlp.relations.clauses import _CLAUSE_EN, _CLAUSE_ZH
    rx = _CLAUSE_EN if lang == "en" else _CLAUSE_ZH
    depth, bracket = 0, [0] * (len(text) + 1)
    for i, c in enumerate(text):
        if c in "([（【":
            depth += 1
        bracket[i] = depth
        if c in ")]）】":
            depth = max(0, depth - 1)
    return (0, *(m.end() for m in rx.finditer(text) if bracket[m.start()] == 0), len(text))


def test_clause_cuts_skip_breaks_inside_brackets_as_the_per_character_form():
    from litmine.nlp.relations.clauses import _clause_cuts, clause_bounds
    text = "IL-6 fell (P<0.05, n=8); TNF-α rose [see (a, b)], which was new"
    assert _clause_cuts.__wrapped__(text, "en") == (0, 24, 55, 63)  # not at the commas inside the brackets
    assert clause_bounds(text, 30, "en") == (24, 55)
    assert _clause_cuts.__wrapped__("a)), b; c（d，e）, f", "zh") == (0, 4, 7, 15, 17)  # closers first: depth stays 0
    rng = random.Random(5)
    pieces = list("ab ,;.()[]（）【】，；。") + [", which ", ", but ", ". "]
    for _ in range(4000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 24)))
        for lang in ("en", "zh"):
            assert _clause_cuts.__wrapped__(t, lang) == _plain_clause_cuts(t, lang), (t, lang)


def test_arm_comparison_shape_answers_as_the_pattern_on_the_raw_clause():
    from litmine.nlp.relations.sentence import _ELIDED_SHAPE, _arm_comparison_shape
    assert _arm_comparison_shape("      且      组均较            组明显")  # arms blanked out
    assert not _arm_comparison_shape("   TNF-α   较   ")
    rng = random.Random(7)
    pieces = ["且", "而", "组", "大鼠", "后", "均", "也", "较", "与", "相比", "比较", "明显", "地", "、", "，", "和",
              " ", " ", "  ", "\t", "\u3000", "x", "升"]
    for _ in range(6000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 9)))
        assert _arm_comparison_shape(t) == (_ELIDED_SHAPE.fullmatch(t) is not None), repr(t)
