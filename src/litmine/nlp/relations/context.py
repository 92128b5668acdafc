"""Context slots of a relation (model, species, tissue, protocol) and the document-level fill.
"""
from __future__ import annotations

import re

from collections import Counter
from dataclasses import replace
from typing import Iterable, Optional
from ...types import Mention, Protocol, Relation
from ..protocol import summarise
from ..tagger import DocumentLexicon
from .clauses import _rel
from .cues import RODENTS
from .view import _Sentence

def _protocol_for(view: _Sentence, ex: Mention, lo: int, hi: int) -> Protocol:
    """Protocol parts bound to exercise ``ex`` (just before it, or in brackets
    right after it) first, then those of the clause ``[lo, hi)``, then the rest
    of the sentence; "2 weeks after injury" fills ``timing``, never ``duration``."""
    s = view.s
    a, b = _rel(ex, s)
    parts = list(view.protocol)

    def rank(p):
        if 0 <= a - p.end <= 3 or 0 <= p.start - b <= 2:
            return 0
        return 1 if lo <= p.start < hi else 2
    proto = summarise(sorted(parts, key=rank))
    if proto.duration is None:  # stated earlier in the paragraph for the same exercise
        for v in view.earlier:
            if any(e.concept_id == ex.concept_id for e in v.exercises):
                durations = [p for p in v.protocol if p.kind == "DURATION"]
                if durations:
                    d = summarise(durations)
                    proto.duration, proto.duration_days_min, proto.duration_days_max = \
                        d.duration, d.duration_days_min, d.duration_days_max
                    break
    return proto


def _context(view: _Sentence, label: str, lo: int, hi: int, dlex: DocumentLexicon) -> tuple[Optional[str], str]:
    """Model (ANIMAL_MODEL, else DISEASE), SPECIES or ANATOMY for a relation:
    from the trigger's clause ``[lo, hi)``, else the sentence, else the nearest
    earlier sentence of the same paragraph. Returns ``(name, where)``."""
    def pool(v: _Sentence) -> list[Mention]:
        if label == "MODEL":
            return [m for m in v.context if m.label == "ANIMAL_MODEL"] + [m for m in v.targets if m.label == "DISEASE"]
        return [m for m in v.context if m.label == label]
    s = view.s
    here = pool(view)
    clause = [m for m in here if lo <= _rel(m, s)[0] < hi]
    for found, where in ((clause, "clause"), (here, "sentence")):
        if found:
            return _display(found[0], dlex), where
    for v in view.earlier:
        found = pool(v)
        if found:
            return _display(found[0], dlex), "paragraph"
    return None, ""


def _display(m: Mention, dlex: DocumentLexicon) -> str:
    """Canonical name, with the document's own abbreviation when it defines one."""
    short = dlex.short_form(m.concept_id)
    if short and short.lower() not in m.name.lower() and re.search(r"[A-Z\u4e00-\u9fff]", short) \
            and not short.lower().startswith(m.name.lower()):  # "rat (rats)" is no abbreviation
        return f"{m.name} ({short})"
    return m.name


def _document_context(relations: list[Relation], mentions: Iterable[Mention]) -> list[Relation]:
    """Fill what the whole document makes clear (``context_from[...] = "document"``).

    * model: a missing model is the document's dominant one (at least 60% of at least three
      mentions; five for a disease named as the model), as in a research paper about one model,
      except for relations about a healthy, uninjured or sham population (``context_from["model"]
      == "healthy"``), which never inherit the injury model;
    * species: a model implies its species: a relation in an animal model (SNI, CCI, STZ…) takes
      the document's rodent (rat or mouse, the more frequent) and never a human species carried
      from the paragraph or the document; otherwise a missing species is the document's dominant one.
    The exercise stays as written ("运动组" -> exercise).
    """
    mentions = list(mentions)

    def dominant(labels, at_least=3, names=None):
        names = names or Counter(m.name for m in mentions if m.label in labels)
        total = sum(names.values())
        if total >= at_least:
            name, n = names.most_common(1)[0]
            if n / total >= 0.6:
                return name
        return None
    model = dominant({"ANIMAL_MODEL"}) or dominant({"DISEASE"}, at_least=5)  # passing mentions of diseases abound
    species = dominant({"SPECIES"})
    rodents = Counter(m.name for m in mentions if m.label == "SPECIES" and m.name in RODENTS)
    rodent = rodents.most_common(1)[0][0] if rodents else None
    animal_models = {m.name for m in mentions if m.label == "ANIMAL_MODEL"}
    out = []
    for r in relations:
        changes = {}
        if r.model is None and model and r.context_from.get("model") != "healthy":
            changes["model"] = model
        now = changes.get("model", r.model)
        animal_model = now is not None and any(name in now for name in animal_models)
        carried = r.context_from.get("species") in ("paragraph", "document")
        if animal_model and r.species == "human" and carried:
            changes["species"] = rodent  # "SNI mice" in a paragraph that also spoke of patients
        elif r.species is None and animal_model and rodent:
            changes["species"] = rodent
        elif r.species is None and species and not (species == "human" and animal_model):
            changes["species"] = species
        if changes:
            ctx = dict(r.context_from, **{k: "document" for k in changes})
            r = replace(r, context_from=ctx, **changes)
        out.append(r)
    return out
