"""Comparisons of two exercises ("A was more effective than B", A优于B, A>B).
"""
from __future__ import annotations

import re
from typing import Optional
from ...types import Mention
from .clauses import _rel
from .cues import CONTROL_ARM, LIST_GAP, _COMPARE_RX
from .exercises import _exercise_name
from .triggers import Trigger
from .view import _Sentence, _nearest

_FAVOUR = re.compile(r"(in )?favou?r", re.I)


def favours(trig: Trigger) -> bool:
    """Is ``trig`` a "favour" comparative ("favoured X", "in favour of the X group"), whose winner
    follows it, unlike "X was better than Y"?"""
    return _FAVOUR.match(trig.text) is not None


def _better_exercise(view: _Sentence, trig: Trigger) -> Optional[Mention]:
    """In ``A>B`` / ``A优于B`` / "A was more effective than B in reversing X" the
    exercise right before the comparative."""
    s = view.s
    if favours(trig):  # "the difference favoured aquatic exercise"
        return _nearest([e for e in view.exercises if _rel(e, s)[0] >= trig.end], s, trig.end, False)
    if trig.direction != "better_than":
        m = _COMPARE_RX.search(view.text, trig.end) or next(
            (m for m in _COMPARE_RX.finditer(view.text[:trig.start])), None)
        if not m:
            return None
        pos = m.start()
    else:
        pos = trig.start
    return _nearest([e for e in view.exercises if _rel(e, s)[1] <= pos], s, pos, True)


def favour_over_control(view: _Sentence, trig: Trigger) -> Trigger:
    """"significant effects on HbA1c and monofilament scores in favor of the IE group": when neither the sentence
    nor the earlier sentences of its paragraph name a second exercise and the document gives no other exercise its
    own arm (:attr:`_Sentence.arm_names`), the
    arm favoured is set against a control, so the trigger is an improvement (direction by each target's
    polarity), not a comparison of two exercises. Other triggers are returned as they are."""
    if trig.direction != "better_than" or not favours(trig):
        return trig
    winner = _better_exercise(view, trig)
    if winner is None or any(e.name != winner.name for e in view.exercises) or view.arm_names - {winner.name} or \
            any(e.name not in (winner.name, "exercise") for v in view.earlier for e in v.exercises):
        return trig  # another exercise is in play ("Yoga was compared with walking. ... in favour of yoga")
    return Trigger(trig.start, trig.end, "improve", trig.text)


def _compared_to(view: _Sentence, trig: Trigger) -> Optional[str]:
    s = view.s
    if favours(trig):  # the loser of "favoured X" was named before
        winner = _better_exercise(view, trig)
        before = [e for e in view.exercises if _rel(e, s)[1] <= trig.start and (winner is None or e.name != winner.name)]
        return _exercise_name(before[-1], view.text, _rel(before[-1], s)[0]) if before else None
    after = _nearest([e for e in view.exercises if _rel(e, s)[0] >= trig.end], s, trig.end, False)
    if after is not None:
        return _exercise_name(after, view.text, _rel(after, s)[0])
    winner = _better_exercise(view, trig)
    for e in view.exercises:  # "与3天康复组相比, 7天康复组…表现出更好的X": the loser set against before the winner
        e0, e1 = _rel(e, s)
        if e1 <= trig.start and (winner is None or e.name != winner.name) and \
                _YU_END.search(view.text[max(0, e0 - 4):e0]) and _COMPARED_AFTER.match(view.text[e1:e1 + 8]):
            return _exercise_name(e, view.text, e0)
    m = re.match(r"\s*([A-Za-z\u4e00-\u9fff][\w\-\u4e00-\u9fff]{0,20})", view.text[trig.end:])
    return m.group(1) if m else None


def _comparison_targets(view: _Sentence, trig: Trigger) -> list[Mention]:
    """The outcomes two arms are compared on: "在减轻疼痛方面", "Pain↓: A>B", or the nearest
    outcome/pain mention before the comparative with those listed with it, else the first after it."""
    s = view.s
    if trig.text.endswith("的"):  # "表现出更好的下肢功能恢复": the outcome compared follows the comparative
        after = [t for t in view.targets if 0 <= _rel(t, s)[0] - trig.end <= 2]
        if after:
            return after[:1]
    before = sorted((t for t in view.targets if _rel(t, s)[1] <= trig.start), key=lambda m: m.start)
    if before:
        # the nearest, and the ones coordinated with it ("RMDQ评分和JOA评分均优于对照组", "VAS、ODI评分")
        got = [before[-1]]
        for t in reversed(before[:-1]):
            if not LIST_GAP.fullmatch(view.text, _rel(t, s)[1], _rel(got[0], s)[0]):
                break
            got.insert(0, t)
        return got
    after = [t for t in view.targets if _rel(t, s)[0] >= trig.end]
    return [after[0]] if after else []


_FILLER = r"(?:(?:did|those|that|ones?|animals|rats|mice|patients|participants|subjects|in|of|for|the|all|both|seen|observed)\s+){0,4}"
_THAN = re.compile(r"\b(?:than|compared (?:with|to)|relative to|versus|vs\.?)\s+" + _FILLER, re.I)
_ZH_THAN = re.compile(r"^\s*(?:低于|高于|少于|多于|优于|大于|小于|好于)")
_JIAO_END = re.compile(r"较\s*$")
_YU_END = re.compile(r"与\s*$")
_COMPARED_AFTER = re.compile(r"\s*(组|groups?)?\s*(相比|比较|对比)")
def comparator_arm(view: _Sentence, trig: Trigger, lo: int, hi: int):
    """The arm a group comparison sets the subject against: ``("exercise", Mention)``,
    ``("control", Mention | None)``, or ``None`` when the trigger compares nothing.

    English: the arm after "than (did/those in) the ...", "compared with", "versus" following
    the trigger ("higher thresholds than those in the control group"); Chinese: the arm after
    低于/高于/少于/多于 (the trigger itself) or in 较X组 / 与X组相比 / 与X组比较 before it in the
    sentence. Arms are exercise mentions, control-arm mentions (:mod:`.groups`) and control
    phrases (:data:`CONTROL_ARM`).
    """
    s = view.s
    arms = sorted(view.exercises + view.controls, key=lambda m: m.start)
    text = view.text

    def arm_at(pos: int, reach: int):
        a = next((a for a in arms if 0 <= _rel(a, s)[0] - pos <= reach), None)
        if a is not None:
            return ("exercise" if a.label == "EXERCISE" else "control", a)
        near = CONTROL_ARM.search(text, pos, pos + 20)  # Chinese: "SNI-对照组", "糖尿病模型组"
        if CONTROL_ARM.match(text, pos) or near and s.lang != "en" and near.start() - pos <= 12 and \
                not re.search(r"\s", text[pos:near.start()]):
            return ("control", None)
        return None
    if s.lang == "en":
        tail = re.match(r"\s*" + _FILLER, text[trig.end:hi], re.I) if re.search(r"(than|to)$", trig.text, re.I) else None
        if tail is not None:
            return arm_at(trig.end + tail.end(), 24)
        m = _THAN.search(text, trig.end, min(hi, trig.end + 80))
        return arm_at(m.end(), 24) if m else None
    if _ZH_THAN.match(trig.text) or _ZH_THAN.match(text[trig.end:trig.end + 3]):
        k = trig.end + (0 if _ZH_THAN.match(trig.text) else 2)
        return arm_at(k, 6)
    for rx in (_JIAO_END, _YU_END):
        for a in arms:
            a0, a1 = _rel(a, s)
            if a1 <= trig.start and rx.search(text[max(0, a0 - 20):a0]) and (
                    rx is not _YU_END or _COMPARED_AFTER.match(text[a1:a1 + 8])):
                return ("exercise" if a.label == "EXERCISE" else "control", a)
    return None


def with_control(view: _Sentence, ex: Mention) -> bool:
    """Is exercise arm ``ex`` coordinated with a control arm ("D组和DR组…均下降",
    "SCI-Sed组和SCI-TT组阈值均较Sham组增加")? Then the change is the injury's, not the exercise's."""
    s = view.s
    a0, a1 = _rel(ex, s)
    for c in view.controls:
        c0, c1 = _rel(c, s)
        gap = view.text[c1:a0] if c1 <= a0 else view.text[a1:c0]
        # a Chinese comma ends a clause ("…高于NC组, DE组较DM组降低"): arms are coordinated by 和/与/及/、
        coord = r"(和|与|及|、|and|or|as well as)" if s.lang != "en" else r"(和|与|及|、|,|，|and|or|as well as)"
        if re.fullmatch(rf"\s*(组|groups?)?\s*{coord}\s*(the\s+)?", gap, re.I):
            return True
    return False
