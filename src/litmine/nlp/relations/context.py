"""Context slots of a relation (model, species, tissue, protocol) and the document-level fill.
"""
from __future__ import annotations

import re

from collections import Counter
from dataclasses import replace
from typing import Iterable, Optional
from ...types import MODEL_SEPARATOR, Mention, Protocol, Relation, Sentence
from ..protocol import summarise
from ..tagger import DocumentLexicon
from .clauses import _rel, strip_brackets
from .cues import LIST_GAP, RODENTS
from .view import _Sentence, gate

def other_study(a: Sentence, b: Sentence) -> bool:
    """Whether sentences ``a`` and ``b`` both cite references and none in common: in a review, two studies."""
    return bool(a.refs) and bool(b.refs) and not set(a.refs) & set(b.refs)


def _protocol_for(view: _Sentence, ex: Mention, lo: int, hi: int) -> Protocol:
    """Protocol parts bound to exercise ``ex`` (just before it, or in brackets
    right after it) first, then those of the clause ``[lo, hi)``, then the rest
    of the sentence; "2 weeks after injury" fills ``timing``, never ``duration``. A kind missing from the sentence
    (duration, frequency, session length, speed, volume, and timing when that sentence states one timing only; not
    intensity) is taken from the nearest earlier sentence of the paragraph naming the same exercise that states it,
    never across a sentence that cites another study than this one (citation numbers, :attr:`Sentence.refs`)."""
    s = view.s
    a, b = _rel(ex, s)
    parts = list(view.protocol)

    def rank(p):
        if 0 <= a - p.end <= 3 or 0 <= p.start - b <= 2:
            return 0
        return 1 if lo <= p.start < hi else 2
    proto = summarise(sorted(parts, key=rank))
    # intensity is not carried: it is what study arms differ by ("中强度组…" then "运动组…"); a timing is, when the
    # earlier sentence states one ("SCI-TT组于SCI第8天行减重平板训练": when the arm's training started; a day a
    # result began, "术后第14天起阈值升高", is no timing, protocol._CHANGE_AFTER)
    missing = [kind for kind in PROTOCOL_FIELDS if kind != "INTENSITY" and not _has(proto, kind)]
    if missing:  # stated earlier in the paragraph for the same exercise -- of the same study
        study = set(s.refs)
        for v in view.earlier:
            refs = set(v.s.refs)
            if refs and study and not refs & study:
                break  # a sentence citing another study: its protocol is that study's ("5周的有氧运动[65]" / "...[66]")
            study = study or refs
            if any(e.concept_id == ex.concept_id for e in v.exercises):
                for kind in [k for k in missing if any(p.kind == k for p in v.protocol)]:
                    if kind == "TIMING" and sum(p.kind == "TIMING" for p in v.protocol) != 1:
                        continue  # two start days: two arms' (早期/晚期), not this relation's
                    fill(proto, summarise(p for p in v.protocol if p.kind == kind), kind)
                    missing.remove(kind)
                if not missing:
                    break
    return proto


#: Protocol kind -> the :class:`~litmine.types.Protocol` fields it fills (see :func:`litmine.nlp.protocol.summarise`).
PROTOCOL_FIELDS = {
    "DURATION": ("duration", "duration_days_min", "duration_days_max"),
    "FREQUENCY": ("frequency", "sessions_per_week"),
    "SESSION_LENGTH": ("session_length", "minutes_min", "minutes_max"),
    "INTENSITY": ("intensity", "intensity_low", "intensity_high", "intensity_unit"),
    "SPEED": ("speed",),
    "TIMING": ("timing", "timing_days"),
    "VOLUME": ("sets", "reps"),
}


def _has(proto: Protocol, kind: str) -> bool:
    """Does ``proto`` state protocol kind ``kind`` (its first field is set)?"""
    return getattr(proto, PROTOCOL_FIELDS[kind][0]) is not None


def fill(proto: Protocol, source: Protocol, kind: str) -> None:
    """Copy the fields of protocol kind ``kind`` (:data:`PROTOCOL_FIELDS`) from ``source`` into ``proto`` (in place)."""
    for name in PROTOCOL_FIELDS[kind]:
        setattr(proto, name, getattr(source, name))


#: A disease named as the population a result is about, not as the measure: "pain following SCI", "patients
#: with DPN", "in people with CIPN" before it, "SCI patients", "diabetic rats", "DPN model" after it (litmine
#: curators, from the ways abstracts name who was studied).
_POPULATION_BEFORE = re.compile(
    r"(?:\b(?:with|after|following|post|suffering from|living with|diagnosed with)|post-)\s*(?:(?:a|an|the|chronic|"
    r"painful|incomplete|complete|traumatic|established|type [12I]+|long-standing)\s+)*$", re.I)
_POPULATION_AFTER = re.compile(
    r"^\s*[-\u2010\u2013]?\s*(?:patients?|people|persons?|individuals?|adults?|subjects?|survivors?|participants?|"
    r"populations?|cohorts?|rats?|mice|mouse|animals?|models?|患者|病人|大鼠|小鼠|模型)(?![A-Za-z])", re.I)
#: The words a sentence names a human population by (the lexicon's human forms and clinical nouns): an
#: experimental model carried from an earlier sentence is not theirs.
_HUMAN_POPULATION = re.compile(r"\b(?:patients?|participants?|people|persons|women|men|adults|children|survivors|"
                               r"volunteers|individuals|subjects|clinical|humans?|elderly|athletes)\b|"
                               r"患者|病人|受试者|临床|志愿者|老年人|人群|运动员|儿童|青少年", re.I)


gate(_HUMAN_POPULATION)


def _population_first(view: _Sentence, diseases: list[Mention]) -> list[Mention]:
    """``diseases`` with those named as the studied population (:data:`_POPULATION_BEFORE`,
    :data:`_POPULATION_AFTER`) first, in text order otherwise: "musculoskeletal pain and neuropathic pain
    following SCI" is about SCI; "pain in SCI patients" too."""
    s, text = view.s, view.text

    def marked(m: Mention) -> bool:
        a, b = _rel(m, s)
        return bool(_POPULATION_BEFORE.search(text[max(0, a - 40):a]) or _POPULATION_AFTER.match(text[b:b + 16]))
    return sorted(diseases, key=lambda m: not marked(m))


_INDUCED_MODELS: dict[int, dict[str, str]] = {}


def _induced_model(m: Mention, dlex: DocumentLexicon) -> Optional[Mention]:
    """The animal model a drug mention makes ("STZ rats", "induced by STZ", "paclitaxel-treated mice", see
    :func:`.view._model_inducer`): a copy of ``m`` as the lexicon's ANIMAL_MODEL concept that cross-references
    the drug (``LM:stz_diabetes_model`` lists ``MESH:D013311`` streptozotocin), or ``None`` when none does."""
    base = dlex.base
    table = _INDUCED_MODELS.get(id(base))
    if table is None:
        table = {}
        for c in base.concepts.values():
            if c.type == "ANIMAL_MODEL":
                for x in c.xrefs:
                    table.setdefault(x, c.id)
        _INDUCED_MODELS[id(base)] = table
    cid = table.get(m.concept_id)
    if cid is None:
        return None
    c = base.concepts[cid]
    return Mention(m.start, m.end, m.text, "ANIMAL_MODEL", c.id, c.name, m.sentence, "inducer", "|".join(c.xrefs))


def _pool(v: _Sentence, label: str, dlex: DocumentLexicon) -> list[Mention]:
    """The mentions of sentence ``v`` that can fill context slot ``label`` (MODEL: its animal models and the models
    its drugs induce, in text order, then its diseases, the studied population first; else its ``label``
    mentions), computed once per view and slot: every relation of the sentence, and of the later sentences of
    its paragraph, asks for the same. Callers must not change the list. Recomputed if ``v.targets`` was
    replaced since."""
    key = ("pool", label, id(dlex))
    hit = v.memo.get(key)
    if hit is not None and hit[0] is v.targets:
        return hit[1]
    if label == "MODEL":
        models = [m for m in v.context if m.label == "ANIMAL_MODEL"] + [
            x for x in (_induced_model(m, dlex) for m in v.inducers) if x is not None]
        found = sorted(models, key=lambda m: m.start) + _population_first(v, [m for m in v.targets if m.label == "DISEASE"])
    else:
        found = [m for m in v.context if m.label == label]
    v.memo[key] = (v.targets, found)
    return found


#: What may stand between a tissue and the target it qualifies: nothing or spaces ("striatal dopamine",
#: "脊髓TNF-α"), 的/中/中的 ("海马中的BDNF").
_TISSUE_GAP = re.compile(r"\s*|的|中的?")


def own_tissue(view: _Sentence, target: Mention, dlex: DocumentLexicon) -> Optional[str]:
    """The tissue written right before ``target`` as its qualifier ("cortical IL-6 and striatal dopamine": IL-6
    cortex, dopamine striatum), or None. It is that target's tissue whatever the clause's first tissue is."""
    a = _rel(target, view.s)[0]
    tissues = _pool(view, "ANATOMY", dlex)
    for i, m in enumerate(tissues):
        ms, e = _rel(m, view.s)
        if e <= a and _TISSUE_GAP.fullmatch(view.text, e, a):
            if i and LIST_GAP.fullmatch(view.text, _rel(tissues[i - 1], view.s)[1], ms):
                return None  # "坐骨神经和腰段脊髓的IL-4": both tissues; the clause's first stands
            return _display(m, dlex)
    return None


def _other_subjects(view: _Sentence, earlier: _Sentence, dlex: DocumentLexicon) -> bool:
    """Does sentence ``view`` name a model or species that ``earlier`` (a sentence of its paragraph that
    names a tissue) does not, while ``earlier`` names models or species of its own? Then the two report
    different experiments and the earlier tissue is not this sentence's."""
    for label in ("MODEL", "SPECIES"):
        mine = {m.concept_id for m in _pool(view, label, dlex)}
        theirs = {m.concept_id for m in _pool(earlier, label, dlex)}
        if mine and theirs and not mine & theirs:
            return True
    return False


def _human_population(view: _Sentence) -> bool:
    """Does the sentence name a human population (:data:`_HUMAN_POPULATION`)? Searched once per view."""
    got = view.memo.get("human")
    if got is None:
        got = view.memo["human"] = view.may_match(_HUMAN_POPULATION) and bool(_HUMAN_POPULATION.search(view.text))
    return got


def _context(view: _Sentence, label: str, lo: int, hi: int, dlex: DocumentLexicon) -> tuple[Optional[str], str]:
    """Model (ANIMAL_MODEL or a drug that induces one, else DISEASE, the studied population first), SPECIES or
    ANATOMY for a relation: from the trigger's clause ``[lo, hi)``, else the sentence, else the nearest
    earlier sentence of the same paragraph -- except that an experimental model of an earlier sentence is not
    carried into a sentence about patients or participants (:data:`_HUMAN_POPULATION`), nor a tissue into a
    sentence about other models or species (:func:`_other_subjects`). Returns ``(name, where)``."""
    s = view.s
    here = _pool(view, label, dlex)
    clause = [m for m in here if lo <= _rel(m, s)[0] < hi]
    for found, where in ((clause, "clause"), (here, "sentence")):
        if found:
            # one model, or the models coordinated with it ("CCI和SNI大鼠": "CCI; SNI", each a query key, see
            # store.queries: query --model CCI finds it); not every model the sentence names
            return MODEL_SEPARATOR.join(_display(m, dlex) for m in _coordinated_with_first(view, found, label)), where
    human = label in ("MODEL", "SPECIES") and _human_population(view)
    for v in view.earlier:
        found = _pool(v, label, dlex)
        if found and label == "ANATOMY" and _other_subjects(view, v, dlex):
            return None, ""  # "... in the hippocampus of CCI rats. Swimming reduced IL-6 in SNI mice.": another experiment
        if human and label == "MODEL":
            found = [m for m in found if m.label != "ANIMAL_MODEL"]
        elif human:
            found = [m for m in found if m.name not in RODENTS]
        if found:
            return _display(found[0], dlex), "paragraph"
    return None, ""


def _coordinated_with_first(view: _Sentence, found: list[Mention], label: str) -> list[Mention]:
    """``found[0]`` and, for the MODEL slot, the animal models coordinated right after it (A和B, A、B, "A and B",
    with a model word between allowed: "CCI模型和SNI模型"), one per concept, in text order. Other slots, and
    diseases named as the population, stay one mention."""
    out = [found[0]]
    if label != "MODEL" or found[0].label != "ANIMAL_MODEL":
        return out
    s = view.s
    for m in found[1:]:
        if m.label != "ANIMAL_MODEL" or m.concept_id in {o.concept_id for o in out}:
            continue
        gap = strip_brackets(view.text[_rel(out[-1], s)[1]:_rel(m, s)[0]])
        gap = re.sub(r"^\s*(模型|models?)\b", "", gap, flags=re.I)
        if not LIST_GAP.fullmatch(gap):
            break
        out.append(m)
    return out


def _display(m: Mention, dlex: DocumentLexicon) -> str:
    """Canonical name, with the document's own abbreviation when it defines one."""
    short = dlex.short_form(m.concept_id)
    if short and short.lower() not in m.name.lower() and re.search(r"[A-Z\u4e00-\u9fff]", short) \
            and not short.lower().startswith(m.name.lower()):  # "rat (rats)" is no abbreviation
        return f"{m.name} ({short})"
    return m.name


#: Words the lexicon reads as human (NCBITaxon:9606) that an animal study also uses for its animals
#: ("the exercised subjects", "individuals of each group", 个体, 研究对象) (litmine curators).
_PERSON_OR_ANIMAL = re.compile(r"\s*(?:subjects?|individuals?|个体|研究对象)\s*", re.I)


def _document_context(relations: list[Relation], mentions: Iterable[Mention]) -> list[Relation]:
    """Fill what the whole document makes clear (``context_from[...] = "document"``).

    * model: a missing model is the document's dominant one (at least 60% of at least three
      mentions; five for a disease named as the model), as in a research paper about one model,
      except for relations about a healthy, uninjured or sham population (``context_from["model"]
      == "healthy"``), which never inherit the injury model, and for relations whose own sentence names
      human subjects (species ``human`` from the clause or sentence), which never inherit an animal model;
    * species: a model implies its species: a relation in an animal model (SNI, CCI, STZ…) takes
      the document's rodent (rat or mouse, the more frequent) and never a human species carried
      from the paragraph or the document; otherwise a missing species is the document's dominant one, except
      human for a relation whose sentence speaks of animal studies (``context_from["species"] == "animal"``).
      Where the document's only human words are ones an animal study uses for its animals ("subjects",
      "individuals", 个体) and it names a rodent, those words are not human: the relation's species is the
      document's rodent, and it may inherit the document's model.
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
    animal_models = {m.name for m in mentions if m.label == "ANIMAL_MODEL"}
    human_texts = [m.text for m in mentions if m.label == "SPECIES" and m.name == "human"]
    model = dominant({"ANIMAL_MODEL"}) or dominant({"DISEASE"}, at_least=5)  # passing mentions of diseases abound
    species = dominant({"SPECIES"})
    rodents = Counter(m.name for m in mentions if m.label == "SPECIES" and m.name in RODENTS)
    rodent = rodents.most_common(1)[0][0] if rodents else None
    # "subjects", "individuals" name the animals of an animal study: human only where the document says so
    animal_subjects = rodent is not None and human_texts and all(_PERSON_OR_ANIMAL.fullmatch(t) for t in human_texts)
    out = []
    for r in relations:
        changes = {}
        if animal_subjects and r.species == "human":
            r = replace(r, species=rodent, context_from=dict(r.context_from, species="document"))
        human = r.species == "human" and r.context_from.get("species") in ("clause", "sentence")
        if r.model is None and model and r.context_from.get("model") != "healthy" and not (human and model in animal_models):
            changes["model"] = model
        now = changes.get("model", r.model)
        animal_model = now is not None and any(name in now for name in animal_models)
        carried = r.context_from.get("species") in ("paragraph", "document")
        if animal_model and r.species == "human" and carried:
            changes["species"] = rodent  # "SNI mice" in a paragraph that also spoke of patients
        elif r.species is None and animal_model and rodent:
            changes["species"] = rodent
        elif r.species is None and species and not (species == "human" and (animal_model or
                                                                      r.context_from.get("species") == "animal")):
            changes["species"] = species
        if changes:
            ctx = dict(r.context_from, **{k: "document" for k in changes})
            r = replace(r, context_from=ctx, **changes)
        out.append(r)
    return out
