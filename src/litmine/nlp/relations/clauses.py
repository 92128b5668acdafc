"""Clauses of a sentence and the negation/hedging flags of a trigger in its clause.
"""
from __future__ import annotations

import bisect
import functools
import re
from ...types import Mention, Sentence
from ...text.segment import strip_brackets  # noqa: F401  (re-exported for the relation rooms)
from .cues import NOT_SIGNIFICANT, _HEDGE_RX, _NEG_RX
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # annotation only: triggers imports this module
    from .triggers import Trigger

# ", as evidenced by a superior motor function": the evidence of the change before, its own clause
_CLAUSE_EN = re.compile(r";|,\s*(?:which|while|whereas|but(?!\s+not\b)|thereby|thus|suggesting|indicating|although|as (?:evidenced|"
                        r"shown|indicated|demonstrated|reflected|revealed) by)\b|\.\s")


_CLAUSE_ZH = re.compile(r"[，,；;。]")


_BRACKET = re.compile(r"[(\[（【)\]）】]")


@functools.lru_cache(maxsize=256)
def _clause_cuts(text: str, lang: str) -> tuple[int, ...]:
    """Clause boundaries of a sentence (computed once per sentence): ends of the clause-break matches at
    bracket depth 0. The depth at a position counts the openers up to it and the closers before it, never
    below zero; only the bracket characters are visited (one regex scan), not every character."""
    rx = _CLAUSE_EN if lang == "en" else _CLAUSE_ZH
    brackets = [(m.start(), m.group() in "([（【") for m in _BRACKET.finditer(text)]
    if not brackets:
        return (0, *(m.end() for m in rx.finditer(text)), len(text))
    cuts = [0]
    depth, j, n = 0, 0, len(brackets)
    for m in rx.finditer(text):
        p = m.start()
        while j < n and brackets[j][0] < p:
            depth = depth + 1 if brackets[j][1] else max(0, depth - 1)
            j += 1
        if depth == 0 and not (j < n and brackets[j][0] == p and brackets[j][1]):
            cuts.append(m.end())
    cuts.append(len(text))
    return tuple(cuts)


def clause_bounds(text: str, pos: int, lang: str) -> tuple[int, int]:
    """``(start, end)`` of the clause around ``pos``: Chinese clauses end at
    ，,；;。 (commas inside brackets do not count), English ones at ; and at
    ", which/while/whereas/but/thereby/thus/suggesting/indicating"."""
    cuts = _clause_cuts(text, "en" if lang == "en" else "zh")
    i = bisect.bisect_right(cuts, pos)
    return cuts[i - 1], (cuts[i] if i < len(cuts) else len(text))


#: A clause break and a new subject that is another (control) arm: what follows is that arm's result.
_OTHER_ARM_CLAUSE = re.compile(r"[，,；;]\s*(?:而|但|且|while|whereas|but)?\s*(?:the\s+)?(?:对照组|常规组|空白组|安静组|模型组|"
                               r"假手术组|control (?:group|arm)|CG\b|sham)", re.I)


def _rel(m: Mention, s: Sentence) -> tuple[int, int]:
    return m.start - s.start, m.end - s.start


# the patterns of _flags, compiled once (it runs for every trigger with a target)
_APPOSITION = re.compile(r"\b(but|and) not\s+[^,;]{1,40},\s*")
#: A not-significant phrase said of the comparison between arms, not of the change ("组间差异", "the between-group
#: difference was not significant", "differences between the groups were not statistically significant").
_BETWEEN_GROUPS_END = re.compile(r"(组间|between[- ](?:groups?|arms?)|between the (?:two )?(?:groups|arms))\s*(差异|differences?|"
                                 r"comparisons?)?\s*(?:(?:was|were|is|are)\s+)?(?:statistically\s+)?$", re.I)
_VERSUS_NORMAL = re.compile(r"(与|和|较)\s*\S{0,8}(正常|假手术|空白|健康|sham|normal)", re.I)
#: The change's own bracket states p > 0.05: "(P>0.05)", "(p = 0.07)", "（P=0.12）", "(p = .08, n = 9)".
_P_ABOVE_05 = re.compile(r"[^，,；;。()（）]{0,12}?[(（]\s*(均\s*)?[Pp]\s*(值\s*)?(均\s*)?"
                         r"(?:[>＞≥]\s*0?\.05|[=＝]\s*0?\.(?:0[6-9]|[1-9])\d*)\s*[)）,;，；]")
_DUI_END = re.compile(r"对于?\s*$")
_NO_EFFECT_AFTER = re.compile(r"[^，,；;。]{0,40}?((没有|无|未见|未产生|未表现出)(显著|明显)?性?的?(交互)?(作用|影响|效果|效应)|"
                              r"(均|都)?(不明显|不显著|效果不佳))")
_NOT_ONLY = re.compile(r"不仅|不但|not only", re.I)
# "种属不是影响运动改善疼痛效果的主要因素", "运动方式不影响运动改善X的作用": the negation denies a moderator of the
# exercise's effect (影响/决定/调节 ... 效果/作用), the effect itself stands
_MODERATOR_DENIED = re.compile(r"(不是|并非|并不|不|未|没有)\s*(显著|明显)?(影响|决定|调节|左右)[^，,；;。不未没]{0,8}$")
_EFFECT_NOUN_AFTER = re.compile(r"[^，,；;。]{0,12}?(效果|作用|效应|疗效)")
_HEDGED_OPENING = re.compile(r"\s*(这|此|该|结果|研究)?\s*(提示|推测|暗示|these (data|results|findings) suggest|this suggests)", re.I)


def _flags(text: str, lo: int, trig: Trigger, lang: str, nxt: int | None = None, may=None) -> tuple[bool, bool]:
    """``(negated, hedged)`` of trigger ``trig`` in its clause from ``lo`` of the sentence ``text`` (the change's
    reach ending at ``nxt``). ``may``: the sentence view's word gate (``_Sentence.may_match``), or None to search
    every pattern; the patterns it is asked about are registered in :mod:`.sentence`."""
    def can(rx) -> bool:
        return may is None or may(rx)
    window = text[max(lo, trig.start - (8 if lang != "en" else 30)):trig.start]
    apposition = _APPOSITION.search(text[max(0, trig.start - 70):trig.start]) \
        if lang == "en" and can(_APPOSITION) else None
    if apposition:  # "Resistance exercise, but not aerobic exercise, improved X": the "not" sets an arm apart
        window = text[max(0, trig.start - 70):trig.start][apposition.end():]
    negated = bool(_NEG_RX.search(window)) and trig.direction != "no_change"
    after = text[trig.end:nxt if nxt is not None else len(text)]
    ns = NOT_SIGNIFICANT.search(after[:120]) if can(NOT_SIGNIFICANT) else None
    if ns and _BETWEEN_GROUPS_END.search(after[:ns.start()]):
        ns = None  # the within-group change stands; only the comparison is not significant
    if ns and _OTHER_ARM_CLAUSE.search(after[:ns.start()]):
        ns = None  # "Berg评分升高, 而对照组干预前后差异无统计学意义": the control arm did not change, this one did
    if ns and _VERSUS_NORMAL.search(after[:ns.start()]):
        ns = None  # "…明显升高, 与正常组比较无显著性差异": restored to normal, the change stands
    if not ns and _P_ABOVE_05.match(after):
        ns = True  # "IL-6表达呈下降趋势(P>0.05)": the change's own bracket says it is not significant
    if trig.direction != "no_change" and ns:
        negated = True  # "IL-6虽有下降趋势, 但差异无统计学意义", "the increase ... did not reach significance"
    if lang != "en" and _DUI_END.search(text[max(lo, trig.start - 3):trig.start]) and _NO_EFFECT_AFTER.match(after):
        negated = True  # "联合干预对降低FPG水平没有显著性交互作用": the frame 对 V X 没有…作用 denies the change
    if can(_NOT_ONLY) and _NOT_ONLY.search(window):
        negated = False
    if negated and lang != "en" and not ns and _MODERATOR_DENIED.search(window) and _EFFECT_NOUN_AFTER.match(after):
        negated = False
    # double negative: "不能不", "not without" -> affirmative
    if len(_NEG_RX.findall(window)) >= 2:
        negated = False
    hedged = bool(can(_HEDGE_RX) and _HEDGE_RX.search(text[lo:trig.start])) or bool(_HEDGED_OPENING.match(text))
    return negated, hedged


