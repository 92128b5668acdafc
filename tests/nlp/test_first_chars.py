"""first_char_guard: a look-ahead on a pattern's first characters, same matches (issue 13)."""
from __future__ import annotations

import re

import pytest

from litmine.nlp.first_chars import first_char_guard
from litmine.nlp.protocol import _PATTERNS, find_protocol_parts

TEXTS = ["Rats ran at least 30 min a day, 5 days/week, for 8 weeks at 60% VO2max.",
         "大鼠每天跑台60 min，每周5天，持续6周；至少两次/周。", "at most 4 sets of 8-12 reps", "no numbers here",
         "RPE 12-14, twice a week, moderate intensity, ≥3 d/wk", ""]


def test_guard_lists_first_characters():
    rx = first_char_guard(re.compile(r"(?:at least\s*)?\d+ min"))
    assert rx.pattern == r"(?=[\da])(?:(?:at least\s*)?\d+ min)"
    assert [m.group(0) for m in rx.finditer("ran at least 30 min, then 5 min")] == ["at least 30 min", "5 min"]
    ci = first_char_guard(re.compile(r"\b(?:daily|twice)\b", re.I))
    assert ci.flags & re.I and [m.group(0) for m in ci.finditer("Daily or TWICE")] == ["Daily", "TWICE"]


def test_patterns_it_cannot_read_stay_as_they_are():
    for pattern in (r"a*", r".b", r"[^x]y", r"(?:x)?", r"(?:x|.)z"):
        rx = re.compile(pattern)
        assert first_char_guard(rx) is rx


def test_guarded_protocol_patterns_match_as_the_plain_ones():
    assert all(rx.pattern.startswith("(?=[") for rx, _ in _PATTERNS)
    for rx, _ in _PATTERNS:
        plain = re.compile(rx.pattern[rx.pattern.index("])(?:") + 5:-1], rx.flags)
        for t in TEXTS:
            assert [(m.span(), m.groupdict()) for m in rx.finditer(t)] == \
                [(m.span(), m.groupdict()) for m in plain.finditer(t)]
    kinds = [p.kind for p in find_protocol_parts(TEXTS[0])]
    assert kinds.count("DURATION") == 1 and "FREQUENCY" in kinds and "SESSION_LENGTH" in kinds


def test_needs_group_reads_mandatory_groups_only():
    from litmine.nlp.first_chars import needs_group
    assert needs_group(re.compile(r"(?:at least\s*)?(?P<a>\d+) min"), ["a"])
    assert needs_group(re.compile(r"(?:x(?:(?P<a>\d)y)+)"), ["a"])            # inside a repeat of at least one
    assert not needs_group(re.compile(r"(?P<a>\d+)? min"), ["a"])
    assert not needs_group(re.compile(r"(?P<a>\d+)|daily"), ["a"])
    assert not needs_group(re.compile(r"(?P<b>\d+) min"), ["a"])


def test_required_literals_reads_words_every_match_holds():
    from litmine.nlp.first_chars import required_literals
    assert required_literals(re.compile(r"\bno evidence that\b")) == {"no evidence that"}
    assert required_literals(re.compile(r"(?:had|has) no (?:significant )?(?:effect|change)s?", re.I)) == {"effect", "change"}
    assert required_literals(re.compile(r"Runners|SWIMMERS", re.I)) == {"runners", "swimmers"}  # folded
    assert required_literals(re.compile(r"(?:\d+)?对照组")) == {"对照组"}
    assert required_literals(re.compile(r"x(?:ab)+y")) == {"ab"}  # the longest of x, ab, y
    assert required_literals(re.compile(r"\d+ min|daily")) == {" min", "daily"}
    assert required_literals(re.compile(r"\bmanagement of\b|\bmanag", re.I)) == {"manag"}  # no word holding another
    assert required_literals(re.compile(r"Δx", re.I)) == {"x"}  # re folds Greek letters its own way: not used
    for pattern in (r"(?:abc)?\d", r"[ab]c?", r"(?=abc)\w+", r"(?i:abc)d?", r"a|b*"):
        assert required_literals(re.compile(pattern)) is None, pattern


def test_may_match_is_false_only_where_the_pattern_cannot_match():
    import random

    from litmine.nlp.first_chars import fold, may_match, required_literals
    from litmine.nlp.relations import cues, groups
    patterns = [v for mod in (cues, groups) for v in vars(mod).values() if isinstance(v, re.Pattern)]
    patterns += [rx for rx, _ in cues._IDIOM_RX] + [rx for rx, _ in groups.GROUP_NOUNS]
    gated = [(rx, required_literals(rx)) for rx in patterns]
    assert sum(words is not None for _, words in gated) >= 40
    words = sorted({w for _, ws in gated if ws for w in ws})
    rng = random.Random(7)
    pieces = words + [w.upper() for w in words] + [w.title() for w in words] + \
        [" ", "-", "s", "ed", "(", ")", "组", "，", "。", "ı", "ſ", "K", "İ", "A", "2", "x", "the "]
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 12))) for _ in range(2000)]
    texts += ["No evidence that exercise altered IL-6; the groups were ſimilar (P > 0.05).", "DİD NOT CHANGE",
              "运动组与对照组相比差异无统计学意义", "exercıse-trained rats and swimmers"]
    matched = 0
    for t in texts:
        low = fold(t)
        for rx, ws in gated:
            if rx.search(t):
                matched += 1
                assert may_match(ws, t, low if rx.flags & re.I else None), (rx.pattern[:60], t)
    assert matched > 2000


def test_lazy_pattern_compiles_on_first_use_and_matches_as_compiled():
    from litmine.nlp.first_chars import LazyPattern
    lazy = LazyPattern(r"(?P<n>\d+)\s*min", re.I)
    assert lazy._rx is None and lazy.pattern == r"(?P<n>\d+)\s*min" and lazy.flags == re.I
    assert lazy._rx is None  # reading the source compiles nothing
    text = "ran 30 MIN, then 15 min"
    assert [m.span() for m in lazy.finditer(text)] == [m.span() for m in re.finditer(r"(?P<n>\d+)\s*min", text, re.I)]
    assert lazy.compiled() is lazy.compiled() and lazy.groupindex == {"n": 1}
    made = LazyPattern(make=lambda: first_char_guard(re.compile(r"(?:at least\s*)?\d+ min")))
    assert made.pattern.startswith("(?=[") and made.match("at least 3 min")
    with pytest.raises(TypeError):
        LazyPattern()


def test_protocol_patterns_are_compiled_when_a_text_needs_them():
    """Start-up (issue 13): importing the protocol module compiles none of its patterns; a sentence compiles
    the ones it runs."""
    import subprocess
    import sys
    code = ("import litmine.nlp.protocol as p; n = lambda: sum(r._rx is not None for r, _ in p._PLAIN + p._PATTERNS); "
            "a = n(); parts = p.find_protocol_parts('Rats ran 30 min a day for 6 weeks.'); "
            "print(a, p._variant.cache_info().currsize, len(p._PLAIN), [x.kind for x in parts])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split(" ", 3)
    before, compiled, total, kinds = int(out[0]), int(out[1]), int(out[2]), out[3]
    assert before == 0 and 0 < compiled < total / 2
    assert "SESSION_LENGTH" in kinds and "DURATION" in kinds


def test_word_gate_says_no_only_where_a_pattern_cannot_match_in_the_text_or_its_slices():
    import random

    import pytest

    from litmine.nlp.first_chars import WordGate
    gate = WordGate()
    only = gate.add(re.compile(r"\bonly\s+(?:in\s+)?the\b", re.I))
    zh = gate.add(re.compile(r"两组|二组"))
    free = gate.add(re.compile(r"\d+(?:mg)?"))  # no required word: always may match
    found = gate.words_in("ONLY in the CG; 对照组")
    assert gate.may_match(only, found) and not gate.may_match(zh, found) and gate.may_match(free, found)
    late = gate.add(re.compile(r"\bbaseline\b", re.I))
    with pytest.raises(ValueError):
        gate.may_match(late, found)  # read before the last registration
    rng = random.Random(3)
    pieces = ["only", "ONLY", "Only", " in ", " the ", "the", "两组", "两", "组", "ı", "İ", "x", " "]
    for _ in range(3000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        found = gate.words_in(t)
        for rx in (only, zh, late):
            if not gate.may_match(rx, found):  # then no slice of t holds a match
                assert not any(rx.search(t[a:b]) for a in range(len(t) + 1) for b in range(a, len(t) + 1)), (t, rx)
