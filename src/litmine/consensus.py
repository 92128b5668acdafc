"""Claims across documents: consensus, and how a new paper stands to a review.

A *claim* is what the relations of one or more documents say about one
(exercise, target concept) pair. ``claims(rows)`` groups relation rows (as
exported: dicts with ``exercise``, ``target``, ``target_id``, ``direction``,
``negated``, ``doc``...) into :class:`Claim` objects with a consensus
direction; ``compare(review_rows, paper_rows)`` gives one :class:`Stance` per
claim of the paper:

* ``supports``    -- the review claims the same direction for the same target
  and a compatible exercise;
* ``contradicts`` -- the review claims the opposite (increase vs decrease, or a
  change vs no change);
* ``extends``     -- the review has no claim on that target for a compatible
  exercise (a new target), or only for other models/species (a new context).

Rules (litmine): exercises are compatible when their base modalities are equal
or either is generic ``exercise``; qualifiers (long-term, high-frequency...) and
combinations (aerobic+resistance) are compared by their components. A negated
increase/decrease counts as ``no_change``; ``modulate`` agrees with any change.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable

_QUAL = re.compile(r"^(short-term|long-term|acute|regular|high-frequency|low-frequency|high-intensity|"
                   r"moderate-intensity|low-intensity) ")
OPPOSITE = {"increase": "decrease", "decrease": "increase"}


def exercise_components(exercise: str) -> frozenset[str]:
    """``"long-term aerobic+resistance"`` -> ``{"aerobic", "resistance"}``."""
    return frozenset(_QUAL.sub("", part.strip()) for part in (exercise or "exercise").split("+"))


def compatible(a: str, b: str) -> bool:
    """Do two exercise names refer to compatible interventions (see module docstring)?"""
    ca, cb = exercise_components(a), exercise_components(b)
    return "exercise" in ca or "exercise" in cb or bool(ca & cb)


def effective_direction(row: dict) -> str:
    """Direction as claimed: a negated increase/decrease is ``no_change``."""
    d = row.get("direction") or "modulate"
    if row.get("negated") and d in ("increase", "decrease"):
        return "no_change"
    return d


def agree(a: str, b: str) -> bool | None:
    """True (agree), False (contradict) or None (not comparable, e.g. better_than)."""
    if "better_than" in (a, b):
        return None if a != b else True
    if a == b or "modulate" in (a, b) and "no_change" not in (a, b):
        return True
    return False


@dataclass
class Claim:
    """What the evidence says about ``exercise`` -> ``target`` (``target_id``).

    ``directions`` counts effective directions over the evidence rows;
    ``direction`` is the most frequent one; ``consensus`` its share (0..1).
    """

    exercise: str
    target: str
    target_id: str
    directions: Counter = field(default_factory=Counter)
    evidence: list = field(default_factory=list)

    @property
    def direction(self) -> str:
        return self.directions.most_common(1)[0][0] if self.directions else "modulate"

    @property
    def consensus(self) -> float:
        total = sum(self.directions.values())
        return self.directions[self.direction] / total if total else 0.0

    @property
    def contexts(self) -> set[tuple]:
        return {(r.get("model"), r.get("species")) for r in self.evidence}


def claims(rows: Iterable[dict]) -> list[Claim]:
    """Group exercise-effect relation rows into claims, one per (exercise, target_id)."""
    out: dict[tuple, Claim] = {}
    for r in rows:
        key = (r.get("exercise") or "exercise", r.get("target_id") or r.get("target"))
        c = out.setdefault(key, Claim(key[0], r.get("target") or "", key[1]))
        c.directions[effective_direction(r)] += 1
        c.evidence.append(r)
    return list(out.values())


@dataclass
class Stance:
    """How one claim of the new paper stands to the review."""

    stance: str             # supports | contradicts | extends
    paper: Claim
    review: list[Claim]     # the review's claims it was compared with (empty for a new target)
    reason: str

    def row(self) -> dict:
        """Flat row for tables and exports."""
        ev = self.paper.evidence[0]
        return {"stance": self.stance, "exercise": self.paper.exercise, "direction": self.paper.direction,
                "target": self.paper.target, "target_id": self.paper.target_id,
                "model": ev.get("model"), "species": ev.get("species"), "paper_doc": ev.get("doc"),
                "paper_sentence": ev.get("sentence"),
                "review_claims": "; ".join(f"{c.exercise} {c.direction} {c.target} (n={len(c.evidence)})"
                                           for c in self.review),
                "reason": self.reason}


def compare(review_rows: Iterable[dict], paper_rows: Iterable[dict]) -> list[Stance]:
    """Stances of the paper's claims towards the review's (see module docstring)."""
    review = claims(review_rows)
    by_target: dict[str, list[Claim]] = {}
    for c in review:
        by_target.setdefault(c.target_id, []).append(c)
    out = []
    for pc in claims(paper_rows):
        same = [rc for rc in by_target.get(pc.target_id, []) if compatible(rc.exercise, pc.exercise)]
        if not same:
            reason = "the review has no claim on this target" if pc.target_id not in by_target else \
                "the review states this target only for other exercises"
            out.append(Stance("extends", pc, by_target.get(pc.target_id, []), reason))
            continue
        verdicts = [agree(rc.direction, pc.direction) for rc in same]
        if any(v is False for v in verdicts) and not any(v for v in verdicts):
            out.append(Stance("contradicts", pc, same,
                              f"paper: {pc.direction}; review: " + ", ".join(rc.direction for rc in same)))
        elif any(verdicts):
            new_ctx = pc.contexts - set().union(*(rc.contexts for rc in same))
            if new_ctx and all(m for m, _ in new_ctx):
                out.append(Stance("extends", pc, same, "same effect in a new model or species: " +
                                  ", ".join(f"{m or '?'}/{s or '?'}" for m, s in sorted(new_ctx, key=str))))
            else:
                out.append(Stance("supports", pc, same, f"both: {pc.direction}"))
        else:
            out.append(Stance("extends", pc, same, "not comparable (comparison of modalities)"))
    return out
