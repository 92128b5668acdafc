"""Comparisons of two exercises ("A was more effective than B", A优于B, A>B).
"""
from __future__ import annotations

import re
from typing import Optional
from ...types import Mention
from .clauses import _rel
from .cues import _COMPARE_RX
from .exercises import _exercise_name
from .triggers import Trigger
from .view import _Sentence, _nearest

def _better_exercise(view: _Sentence, trig: Trigger) -> Optional[Mention]:
    """In ``A>B`` / ``A优于B`` / "A was more effective than B in reversing X" the
    exercise right before the comparative."""
    s = view.s
    if re.match(r"(in )?favou?r", trig.text, re.I):  # "the difference favoured aquatic exercise"
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


def _compared_to(view: _Sentence, trig: Trigger) -> Optional[str]:
    s = view.s
    if re.match(r"(in )?favou?r", trig.text, re.I):  # the loser of "favoured X" was named before
        winner = _better_exercise(view, trig)
        before = [e for e in view.exercises if _rel(e, s)[1] <= trig.start and (winner is None or e.name != winner.name)]
        return _exercise_name(before[-1], view.text, _rel(before[-1], s)[0]) if before else None
    after = _nearest([e for e in view.exercises if _rel(e, s)[0] >= trig.end], s, trig.end, False)
    if after is not None:
        return _exercise_name(after, view.text, _rel(after, s)[0])
    m = re.match(r"\s*([A-Za-z\u4e00-\u9fff][\w\-\u4e00-\u9fff]{0,20})", view.text[trig.end:])
    return m.group(1) if m else None


def _comparison_targets(view: _Sentence, trig: Trigger) -> list[Mention]:
    """The outcome two exercises are compared on: "在减轻疼痛方面", "Pain↓: A>B", or the
    nearest outcome/pain mention in the sentence."""
    s = view.s
    before = [t for t in view.targets if _rel(t, s)[1] <= trig.start]
    if before:
        return [max(before, key=lambda m: m.start)]
    after = [t for t in view.targets if _rel(t, s)[0] >= trig.end]
    return [after[0]] if after else []
