"""Claims: what the stored evidence says about an exercise class and a target, and how each
new relation stands to it. Pure functions and plain data: no database (persistence is
:mod:`litmine.store.claims`, which keeps the same :class:`ClaimState` in the ``claims`` table).

Terms
-----
**Evidence** (:class:`Evidence`, built by :func:`evidence`): one relation as claims see it --
its exercise class, target concept, *effective* direction, context facets, weight, document
and language.

**Claim** (:class:`ClaimState`): the statement ``exercise class --direction--> target``.
Its identity, :data:`Key`, is ``(exercise class, target concept id, kind)`` where ``kind``
is ``"effect"`` (increase / decrease / no_change / modulate) or ``"comparison"``
(better_than: one modality against another); its ``direction`` is the direction the
weighted evidence favours (:meth:`ClaimState.direction`), so a claim is shown as its key
``(exercise class, target, direction)`` -- e.g. ``treadmill / TNF-α / decrease`` -- while
evidence for the opposite direction stays on the same claim, where a split shows as
``conflict`` instead of as two unrelated claims.

**Exercise classes** form the small hierarchy :data:`EXERCISE_PARENT` (treadmill ⊂ aerobic
⊂ exercise, swimming ⊂ aerobic, Baduanjin ⊂ qigong ⊂ neuromotor ⊂ exercise, ...). A relation
is evidence for the claim on its own class *and* on every ancestor class (a treadmill
finding is a finding about aerobic exercise and about exercise), never for a descendant.

**Context facets** (:class:`Context`): population (``disease_model`` / ``healthy`` /
``human_condition``), species, tissue, model, protocol class (duration, intensity,
frequency). Whether two contexts are comparable is decided in one place,
:func:`context_relation`.

**Stance** of a relation toward a claim it touches (the claim as it stood *before* the
relation's document arrived; evidence of the same document never judges itself), exactly
one of :data:`STANCES`:

* ``supports``        same direction, and the claim has evidence in the same context;
* ``refines``         same direction, in a context the claim has not seen (a new species,
  model, tissue or protocol class);
* ``contradicts``     opposite direction (increase vs decrease, or no_change against a
  change), and the claim has evidence in a comparable context (same population, species
  group -- rat and mouse are both rodents -- and tissue region);
* ``context_differs`` opposite direction, but every context of the claim differs in
  population, species group or tissue region: reported, not counted as a contradiction;
* ``new``             no claim on this exercise class (or an ancestor) and target yet.

A negated relation counts as the opposite evidence: "did not increase BDNF" is
``no_change`` evidence, which contradicts a claim that exercise increases BDNF.

**Scores** (:meth:`ClaimState.summary`), with ``w`` the weight of a relation
(:func:`weight`: extraction confidence, halved when hedged) and every document counted once
per direction however many sentences or languages repeat it (a document's vote for a
direction is the largest weight among its relations in that direction)::

    a_d, b_d   = the vote of document d for / against the claim's direction
    consensus  = Σ a_d / (Σ a_d + Σ b_d)                       agreement, 0..1
    strength   = 1 - Π (1 - a_d)                                independent documents (noisy-OR)
    languages  = 1.0 if the agreeing documents are in >= 2 languages, else 0.9
    confidence = consensus × strength × languages               0..1

Evidence whose stance is ``context_differs`` stays on the claim (shown, with its context,
language and document) but does not vote against a direction it opposes: findings in another
population, species or tissue are reported, not counted against it. It does count for a
direction it agrees with (as agreement in a new context, ``refines``, always does), and the
headline direction (:meth:`ClaimState._choose_direction`) is chosen from every document's
evidence whatever its stance -- stances are judged against the claim as it stood when each
document arrived, so they cannot fix the headline; otherwise the first document's direction
would stay the headline while later documents stating another were set aside as
``context_differs``.

Documents by stance toward the claim's direction (:meth:`ClaimState.summary`), each counted
once: ``documents_for`` only agree, ``documents_against`` only oppose, ``documents_mixed``
have sentences both ways; the rest (only ``context_differs`` opposition) are not counted.

``conflict`` is set when comparable evidence is split: two opposed directions have
evidence in contexts that :func:`context_relation` does not call ``differs``, and the
minority holds at least :data:`CONFLICT_MIN_SHARE` of the weight.

Every number and list here (weights, the 0.9, the 0.2 share, the hierarchy, the tissue
regions, the duration boundaries) is a litmine choice unless its docstring names a source.
"""
from __future__ import annotations

import functools
import json
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Mapping, Optional

from .types import MODEL_SEPARATOR

STANCES = ("supports", "contradicts", "refines", "context_differs", "new")
POPULATIONS = ("disease_model", "healthy", "human_condition")
#: Claim identity: (exercise class, target concept id, kind).
Key = tuple  # (str, str, str)

#: Weight multiplier of a hedged relation ("may reduce", "可能降低").
HEDGE_FACTOR = 0.5
#: Minority share of the weighted evidence from which a comparable split is a ``conflict``.
CONFLICT_MIN_SHARE = 0.2
#: Confidence factor when all agreeing documents are in one language.
ONE_LANGUAGE_FACTOR = 0.9
_MAX_W = 0.999  # keeps log(1 - w) finite

# --------------------------------------------------------------------------- exercise classes

#: Exercise class -> parent class; the root is ``exercise``. The four first-level classes are
#: ACSM's exercise types (aerobic, resistance, flexibility, neuromotor -- Garber et al. 2011,
#: ACSM position stand, Med Sci Sports Exerc 43:1334, which puts tai chi, qigong and yoga under
#: neuromotor training), plus ``combined`` for programmes of several types. Modality names are
#: the canonical EXERCISE names of ``models/lexicon.tsv``; a name not listed here is its own
#: class directly under ``exercise``; a combination ``a+b`` is a class under ``combined``.
EXERCISE_PARENT: dict[str, str] = {
    "aerobic": "exercise", "resistance": "exercise", "flexibility": "exercise", "neuromotor": "exercise",
    "combined": "exercise", "whole-body vibration": "exercise", "enriched environment": "exercise",
    "treadmill": "aerobic", "running": "aerobic", "swimming": "aerobic", "cycling": "aerobic",
    "walking": "aerobic", "aquatic": "aerobic", "dance": "aerobic", "HIIT": "aerobic",
    "wheel running": "running", "voluntary wheel running": "wheel running",
    "forced wheel running": "wheel running",
    "isometric exercise": "resistance", "eccentric exercise": "resistance", "plyometric": "resistance",
    "stretch": "flexibility",
    "balance": "neuromotor", "tai chi": "neuromotor", "yoga": "neuromotor", "qigong": "neuromotor",
    "Baduanjin": "qigong", "Yijinjing": "qigong", "Wuqinxi": "qigong", "Liuzijue": "qigong",
    "Pilates": "neuromotor", "motor control": "neuromotor",
    "core stability": "neuromotor", "locomotor training": "neuromotor", "standing training": "neuromotor",
    "circuit training": "combined",
}
#: Names that are another name of a class.
_EXERCISE_ALIAS = {"combined exercise": "combined", "exercise training": "exercise", "physical activity": "exercise"}

#: Exercise-name qualifiers (as the relation extractor and the lexicon write them) and the
#: protocol facet each sets. ``regular`` says nothing about the protocol and is dropped.
QUALIFIERS: dict[str, tuple[str, str]] = {
    "acute": ("duration", "acute"), "short-term": ("duration", "short-term"),
    "long-term": ("duration", "long-term"), "chronic": ("duration", "long-term"),
    "regular": ("", ""),
    "high-intensity": ("intensity", "high-intensity"), "moderate-intensity": ("intensity", "moderate-intensity"),
    "low-intensity": ("intensity", "low-intensity"),
    "high-frequency": ("frequency", "high-frequency"), "low-frequency": ("frequency", "low-frequency"),
}
_QUALIFIER_RE = re.compile(r"^(" + "|".join(map(re.escape, QUALIFIERS)) + r")\s+")


def parse_exercise(name: Optional[str]) -> tuple[str, dict[str, str]]:
    """Exercise class and protocol qualifiers of a relation's ``exercise`` name.

    ``"high-frequency treadmill"`` -> ``("treadmill", {"frequency": "high-frequency"})``;
    ``"long-term aerobic+resistance"`` -> ``("aerobic+resistance", {"duration": "long-term"})``;
    ``None``/``""`` -> ``("exercise", {})``. Components of a combination are sorted
    (``resistance+aerobic`` is ``aerobic+resistance``). A drug or therapy given with the exercise
    (``"aerobic with melatonin"``, named so by the relation extractor) is the ``co_intervention``
    qualifier: ``("aerobic", {"co_intervention": "melatonin"})``.
    """
    text = (name or "").strip() or "exercise"
    quals: dict[str, str] = {}
    base, with_, agent = text.partition(" with ")
    if with_ and base.strip() and agent.strip():  # "aerobic with melatonin": the drug given with it, a facet
        quals["co_intervention"] = agent.strip()
        text = base.strip()
    while (m := _QUALIFIER_RE.match(text)) and len(text) > m.end():
        facet, value = QUALIFIERS[m.group(1)]
        if facet:
            quals.setdefault(facet, value)
        text = text[m.end():]
    if "+" in text:
        parts = sorted({_EXERCISE_ALIAS.get(p.strip(), p.strip()) for p in text.split("+") if p.strip()})
        text = "+".join(parts) if len(parts) > 1 else (parts[0] if parts else "exercise")
    return _EXERCISE_ALIAS.get(text, text), quals


def exercise_parent(cls: str) -> Optional[str]:
    """Parent class of ``cls`` in :data:`EXERCISE_PARENT` (``None`` for ``exercise``)."""
    if cls == "exercise":
        return None
    if cls in EXERCISE_PARENT:
        return EXERCISE_PARENT[cls]
    return "combined" if "+" in cls else "exercise"


def lineage(cls: str) -> tuple[str, ...]:
    """``cls`` and its ancestors, most specific first: ``"treadmill"`` ->
    ``("treadmill", "aerobic", "exercise")``."""
    out = [cls]
    while (parent := exercise_parent(out[-1])) is not None and parent not in out:
        out.append(parent)
    return tuple(out)


def exercise_path(cls: str) -> str:
    """The lineage as one string, root first: ``"exercise > aerobic > treadmill"``."""
    return " > ".join(reversed(lineage(cls)))


# --------------------------------------------------------------------------- context facets

#: Tissue (canonical ANATOMY names of ``models/lexicon.tsv``) -> region, after UBERON part-of
#: (spinal dorsal horn part of spinal cord, brainstem part of brain...). Tissues of one region
#: are comparable; a tissue not listed is its own region.
TISSUE_REGION: dict[str, str] = {
    **dict.fromkeys(["spinal cord", "spinal dorsal horn", "substantia gelatinosa", "lumbar spinal cord",
                     "cervical spinal cord", "thoracic spinal cord", "spinal ventral horn"], "spinal cord"),
    **dict.fromkeys(["DRG", "lumbar DRG", "dorsal root"], "DRG"),
    **dict.fromkeys(["sciatic nerve", "peripheral nerve", "spinal nerve", "saphenous nerve", "tibial nerve",
                     "common peroneal nerve", "sural nerve", "median nerve", "ulnar nerve", "trigeminal nerve",
                     "infraorbital nerve", "brachial plexus", "nerve fibers"], "peripheral nerve"),
    **dict.fromkeys(["brain", "brainstem", "medulla oblongata", "PAG", "RVM", "nucleus raphe magnus",
                     "dorsal raphe nucleus", "locus coeruleus", "hippocampus", "prefrontal cortex",
                     "anterior cingulate cortex", "amygdala", "thalamus", "hypothalamus", "nucleus accumbens",
                     "ventral tegmental area", "striatum", "insula", "cerebral cortex", "somatosensory cortex",
                     "motor cortex"], "brain"),
    **dict.fromkeys(["plasma", "serum", "blood"], "blood"),
    **dict.fromkeys(["skeletal muscle", "gastrocnemius", "soleus", "quadriceps", "tibialis anterior"],
                    "skeletal muscle"),
    **dict.fromkeys(["hind paw", "hindlimb"], "hind limb"),
}
#: Regions that contain others: a tissue in the inner region is comparable with the outer one.
_REGION_PARENT = {"spinal cord": "central nervous system", "brain": "central nervous system",
                  "DRG": "peripheral nervous system", "peripheral nerve": "peripheral nervous system"}

#: Duration boundaries (days of training) of the protocol class: one session or one day is
#: ``acute``, under 4 weeks ``short-term``, 4 weeks or more ``long-term``.
ACUTE_MAX_DAYS, SHORT_TERM_MAX_DAYS = 1, 28
#: Intensity bands by unit: (upper bound of low, upper bound of moderate); ACSM position stand
#: (Garber et al. 2011, Table 4: light / moderate / vigorous) for %HRmax, %HRR, %VO2max, %1RM
#: and RPE on the 6-20 scale.
INTENSITY_BANDS = {"%HRmax": (64, 77), "%HRR": (40, 60), "%VO2R": (40, 60), "%VO2max": (46, 64),
                   "%1RM": (50, 70), "RPE": (12, 14)}
_INTENSITY_WORDS = {"low": "low-intensity", "light": "low-intensity", "moderate": "moderate-intensity",
                    "high": "high-intensity", "vigorous": "high-intensity", "低": "low-intensity",
                    "中等": "moderate-intensity", "中": "moderate-intensity", "高": "high-intensity"}
_PROTOCOL_FACETS = ("duration", "intensity", "frequency")
_PROTOCOL_VALUES = {v: f for f, v in QUALIFIERS.values() if f}


@dataclass(frozen=True)
class Context:
    """The context facets of one piece of evidence (``None`` = not stated).

    ``population``: one of :data:`POPULATIONS`; ``species``: canonical species name
    (``mouse``, ``rat``, ``human``); ``tissue``: canonical tissue name; ``model``: the disease
    or animal model, its abbreviation when written "long form (ABBR)"; ``protocol``: the
    protocol class, known components of (duration, intensity, frequency) joined with ", "
    (``"long-term, high-intensity"``).
    """

    population: Optional[str] = None
    species: Optional[str] = None
    tissue: Optional[str] = None
    model: Optional[str] = None
    protocol: Optional[str] = None

    def key(self) -> str:
        """The facets as one string, separated by U+001F (how contexts are stored on a
        claim; an unstated facet is empty)."""
        return _SEP.join(v or "" for v in (self.population, self.species, self.tissue, self.model, self.protocol))

    @classmethod
    def from_key(cls, key: str) -> "Context":
        """Inverse of :meth:`key` (cached: claims hold the same few contexts many times)."""
        return _context_from_key(key)

    @property
    def region(self) -> Optional[str]:
        """Tissue region (:data:`TISSUE_REGION`), ``None`` without a tissue."""
        return TISSUE_REGION.get(self.tissue, self.tissue) if self.tissue else None

    def protocol_parts(self) -> dict[str, str]:
        """``{"duration": "long-term", ...}`` from :attr:`protocol`."""
        parts = [p.strip() for p in (self.protocol or "").split(",") if p.strip()]
        return {_PROTOCOL_VALUES[p]: p for p in parts if p in _PROTOCOL_VALUES}

    def label(self) -> str:
        """Readable one-liner: ``"disease_model, rat, DRG, CCI, long-term"``."""
        return ", ".join(v for v in (self.population, self.species, self.tissue, self.model, self.protocol) if v) \
            or "context not stated"


_SEP = "\x1f"
#: :meth:`Context.key` of a context that states no facet ("same" as every context).
_NO_FACETS = _SEP * 4


@functools.lru_cache(maxsize=4096)
def _context_from_key(key: str) -> Context:
    return Context(*(v or None for v in key.split(_SEP)))


def _regions_comparable(a: str, b: str) -> bool:
    return a == b or _REGION_PARENT.get(a) == b or _REGION_PARENT.get(b) == a


#: Species whose findings are compared with one another: the laboratory rodents that neuropathic-pain models use
#: (NCBI Taxonomy names as the lexicon gives them). A rat finding against a mouse finding is a comparable context,
#: a rodent's against a person's another one. Litmine choice.
SPECIES_GROUP = {"rat": "rodent", "mouse": "rodent", "guinea pig": "rodent"}


@functools.lru_cache(maxsize=65536)
def context_relation(a: Context, b: Context) -> str:
    """How two contexts compare: ``"same"``, ``"comparable"`` or ``"differs"``.

    * ``"differs"``: both state a population, a species of another :data:`SPECIES_GROUP` or a
      tissue region (:data:`TISSUE_REGION`; an inner region is comparable with its outer one) and
      these differ -- findings in healthy animals, people against rodents or another tissue do not
      contradict;
    * ``"comparable"``: not ``differs``, but both state a species (rat and mouse), a model, a
      tissue or a protocol-class component (duration, intensity, frequency) and these differ --
      the same population, species group and tissue region in another rodent, model, subregion
      or protocol;
    * ``"same"``: otherwise.

    A facet stated on one side only never makes contexts differ: a sentence that does not
    say its species is not about another species. The relation is symmetric. Cached (a pure
    function of two frozen contexts; a claim's stances compare the same pairs again and again).
    """
    if a.population and b.population and a.population != b.population:
        return "differs"
    sa, sb = a.species, b.species
    other_rodent = bool(sa and sb and sa != sb)  # rat and mouse: the rodent models of one literature
    if other_rodent and SPECIES_GROUP.get(sa, sa) != SPECIES_GROUP.get(sb, sb):
        return "differs"
    ra, rb = a.region, b.region
    if ra and rb and not _regions_comparable(ra, rb):
        return "differs"
    if other_rodent:
        return "comparable"
    pa, pb = a.protocol_parts(), b.protocol_parts()
    if any(pa[f] != pb[f] for f in pa.keys() & pb.keys()):
        return "comparable"
    if a.model and b.model and not set(a.model.split(MODEL_SEPARATOR)) & set(b.model.split(MODEL_SEPARATOR)):
        return "comparable"  # "CCI; SNI" (a relation in both models) and "SNI" share a model
    if a.tissue and b.tissue and a.tissue != b.tissue:
        return "comparable"
    return "same"


def model_key(model: Optional[str]) -> Optional[str]:
    """The model as compared: ``"sciatic nerve injury (SNI)"`` -> ``"SNI"``, ``"CCI"`` -> ``"CCI"``; each model of
    a relation in coordinated models: ``"chronic constriction injury (CCI); SNI"`` -> ``"CCI; SNI"``."""
    if not model or not model.strip():
        return None
    parts = []
    for part in model.split(MODEL_SEPARATOR):
        m = re.match(r"^.*\(([^()]{1,15})\)\s*$", part.strip())
        parts.append((m.group(1) if m else part).strip())
    return MODEL_SEPARATOR.join(p for p in parts if p) or None


def population(row: Mapping) -> Optional[str]:
    """Population facet of a relation row: its own ``population`` value when it has one; else
    ``healthy`` when the relation extractor marked the population healthy, uninjured or sham
    (``context_from["model"] == "healthy"``, see :mod:`litmine.nlp.relations.context`);
    ``human_condition`` for people; ``disease_model`` for animals with a model; ``None`` when
    it cannot tell."""
    given = row.get("population")
    if given in POPULATIONS:
        return given
    context_from = row.get("context_from") or {}
    if isinstance(context_from, str):
        context_from = json.loads(context_from or "{}")
    if context_from.get("model") == "healthy":
        return "healthy"
    species = (row.get("species") or "").lower()
    if species == "human":
        return "human_condition"
    if species and row.get("model"):
        return "disease_model"
    return None


def protocol_class(row: Mapping, qualifiers: Mapping[str, str] | None = None) -> Optional[str]:
    """Protocol class of a relation row (a drug given with the exercise adds ``"with <drug>"``): duration from
    the exercise qualifier or
    ``duration_days_max`` (:data:`ACUTE_MAX_DAYS`, :data:`SHORT_TERM_MAX_DAYS`), intensity from
    the qualifier, ``intensity_low/high`` in a unit of :data:`INTENSITY_BANDS` (their mean) or
    the intensity word, frequency from the qualifier. ``None`` when nothing is known."""
    parts = dict(qualifiers or {})
    if "duration" not in parts:
        days = row.get("duration_days_max") or row.get("duration_days_min")
        if isinstance(days, (int, float)) and days > 0:
            parts["duration"] = ("acute" if days <= ACUTE_MAX_DAYS else
                                 "short-term" if days < SHORT_TERM_MAX_DAYS else "long-term")
    if "intensity" not in parts:
        lo, hi, unit = row.get("intensity_low"), row.get("intensity_high"), row.get("intensity_unit")
        if unit in INTENSITY_BANDS and isinstance(lo, (int, float)):
            value = (lo + hi) / 2 if isinstance(hi, (int, float)) else lo
            low_max, moderate_max = INTENSITY_BANDS[unit]
            parts["intensity"] = ("low-intensity" if value < low_max else
                                  "moderate-intensity" if value < moderate_max else "high-intensity")
        elif unit and str(unit).lower() in _INTENSITY_WORDS:
            parts["intensity"] = _INTENSITY_WORDS[str(unit).lower()]
        elif isinstance(row.get("intensity"), str) and row["intensity"].strip().lower() in _INTENSITY_WORDS:
            parts["intensity"] = _INTENSITY_WORDS[row["intensity"].strip().lower()]
    out = [parts[f] for f in _PROTOCOL_FACETS if parts.get(f)]
    if parts.get("co_intervention"):
        out.append(f"with {parts['co_intervention']}")  # evidence of the combination is another protocol
    return ", ".join(out) or None


# --------------------------------------------------------------------------- directions

EFFECT_DIRECTIONS = ("increase", "decrease", "no_change", "modulate")
_SPECIFIC = {"effect": ("increase", "decrease", "no_change"), "comparison": ("better_than", "no_change")}
_CANDIDATES = {"effect": EFFECT_DIRECTIONS, "comparison": ("better_than", "no_change")}
_CHANGES = {"increase", "decrease", "modulate", "better_than"}


def effective_direction(direction: Optional[str], negated: bool = False) -> str:
    """The direction a relation asserts: a negated change (increase, decrease, modulate,
    better_than) is ``no_change`` ("did not increase BDNF"); a negated ``no_change`` is
    ``modulate`` ("was not unchanged"); ``None`` is ``modulate``."""
    d = direction or "modulate"
    if negated:
        return "no_change" if d in _CHANGES else "modulate"
    return d


def agree(a: str, b: str) -> bool:
    """Do directions ``a`` and ``b`` agree? Equal directions agree; ``modulate`` agrees with
    increase, decrease and better_than; ``no_change`` disagrees with every change; increase
    and decrease disagree."""
    if a == b:
        return True
    if "no_change" in (a, b):
        return False
    return "modulate" in (a, b)


def claim_kind(direction: str) -> str:
    """``"comparison"`` for better_than relations, ``"effect"`` for the rest."""
    return "comparison" if direction == "better_than" else "effect"


# --------------------------------------------------------------------------- evidence

def weight(confidence: Optional[float], hedged: bool) -> float:
    """Weight of one relation as evidence: its extraction confidence (0..1; 0.5 when unknown)
    times :data:`HEDGE_FACTOR` when hedged."""
    c = 0.5 if confidence is None else max(0.0, min(1.0, float(confidence)))
    return c * (HEDGE_FACTOR if hedged else 1.0)


@dataclass(frozen=True)
class Evidence:
    """One relation as evidence for claims.

    ``direction`` is effective (:func:`effective_direction`); ``weight`` from
    :func:`weight`; ``lang`` the sentence's language, ``doc_lang`` the document's (documents,
    not sentences, are independent); ``refs`` the sentence's citation numbers.
    """

    relation_id: Optional[int]
    document_id: int
    exercise_class: str
    target_id: str
    target: str
    direction: str
    context: Context
    weight: float
    lang: str = ""
    doc_lang: str = ""
    negated: bool = False
    hedged: bool = False
    refs: tuple = ()
    kind: str = "effect"

    def keys(self) -> tuple[Key, ...]:
        """The claims this evidence counts for: its class and every ancestor, most specific first."""
        return tuple((cls, self.target_id, self.kind) for cls in lineage(self.exercise_class))


def evidence(row: Mapping, *, document_id: Optional[int] = None, doc_lang: str = "") -> Optional[Evidence]:
    """Evidence from a relation row (a dict as :func:`litmine.store.queries.relations` gives:
    ``exercise``, ``direction``, ``target``, ``target_id``, ``negated``, ``hedged``,
    ``confidence``, ``model``, ``species``, ``tissue``, protocol columns, ``sentence``,
    ``lang``, ``refs``, ``relation_id``, ``document_id``); ``None`` for a row that cannot be a
    claim's evidence (no target concept, or a reference-list sentence)."""
    if not row.get("target_id") or row.get("kind") == "references":
        return None
    cls, quals = parse_exercise(row.get("exercise"))
    raw = row.get("direction") or "modulate"
    d = effective_direction(raw, bool(row.get("negated")))
    species = row.get("species")
    ctx = Context(population=population(row), species=species.lower() if species else None,
                  tissue=row.get("tissue") or None, model=model_key(row.get("model")),
                  protocol=protocol_class(row, quals))
    doc = document_id if document_id is not None else row.get("document_id")
    return Evidence(relation_id=row.get("relation_id"), document_id=doc, exercise_class=cls,
                    target_id=row["target_id"], target=row.get("target") or row["target_id"], direction=d,
                    context=ctx, weight=weight(row.get("confidence"), bool(row.get("hedged"))),
                    lang=row.get("lang") or "", doc_lang=doc_lang or row.get("doc_lang") or row.get("lang") or "",
                    negated=bool(row.get("negated")), hedged=bool(row.get("hedged")),
                    refs=tuple(row.get("refs") or ()), kind=claim_kind(raw))


# --------------------------------------------------------------------------- claim state

@functools.lru_cache(maxsize=None)
def _agreeing(direction: str, kind: str) -> tuple[str, ...]:
    return tuple(d for d in _CANDIDATES[kind] if agree(direction, d))


@functools.lru_cache(maxsize=None)
def _opposing(direction: str, kind: str) -> tuple[str, ...]:
    return tuple(d for d in _CANDIDATES[kind] if not agree(direction, d))


def document_vote(evidences: Iterable[Evidence]) -> dict[str, float]:
    """One document's vote on one claim: direction -> the largest weight among its evidence in
    that direction (so repeated sentences and the other language's abstract count once)."""
    vote: dict[str, float] = {}
    for e in evidences:
        vote[e.direction] = max(vote.get(e.direction, 0.0), e.weight)
    return vote


@dataclass
class ClaimState:
    """Everything a claim keeps to be updated one document at a time (no full rebuild).

    ``by_direction``: direction -> ``[documents, Σ votes]`` over every evidence row, whatever
    its stance (the headline direction is what the documents state: a row's stance was judged
    against the claim as it stood when its document arrived, so it cannot decide the headline);
    ``tally``: for each candidate claim direction D, ``[Σ a_d, Σ b_d, agreeing documents,
    opposing documents, Σ log(1 - a_d), documents both agreeing and opposing]``, where
    ``a_d`` counts a document's agreeing rows in any context and ``b_d`` its opposing rows
    except ``context_differs`` ones
    and ``langs[D]`` the agreeing documents by language (see the module docstring);
    ``contexts``: direction -> {context key: documents}; ``stances``: stance -> documents
    with that stance toward this claim; ``languages``/``species``: evidence sentences by
    sentence language / documents by species; ``documents``: documents with evidence;
    ``evidence``: evidence rows; ``split``: whether opposed directions have evidence in
    contexts that are not ``differs`` (kept up to date as contexts are added, recomputed
    when a document is removed). Counts are documents unless named otherwise.
    """

    exercise_class: str
    target_id: str
    kind: str = "effect"
    target: str = ""
    direction: str = ""
    documents: int = 0
    evidence: int = 0
    by_direction: dict = field(default_factory=dict)
    tally: dict = field(default_factory=dict)
    langs: dict = field(default_factory=dict)
    contexts: dict = field(default_factory=dict)
    stances: dict = field(default_factory=dict)
    languages: dict = field(default_factory=dict)
    species: dict = field(default_factory=dict)
    split: Optional[bool] = None

    @property
    def key(self) -> Key:
        return (self.exercise_class, self.target_id, self.kind)

    # -- updates ----------------------------------------------------------------------------

    def add_document(self, evidences: list[Evidence], stances: Iterable[str] = (), sign: int = 1) -> None:
        """Add (``sign=1``) or remove (``sign=-1``) one document's evidence on this claim.

        Args:
            evidences: the document's evidence rows on this claim (one document; not empty).
            stances: the stance of each of those rows toward this claim (same order; counted
                once per document). A ``context_differs`` row is kept (its context, language,
                species and document count) but does not vote: it is reported, not counted
                for or against the claim.
        """
        if not evidences:
            return
        stances = list(stances)
        if not self.target:
            self.target = evidences[0].target
        voting = [e for i, e in enumerate(evidences) if i >= len(stances) or stances[i] != "context_differs"]
        stated = document_vote(evidences)       # what the document says, whatever its stance
        vote = document_vote(voting)            # what may count against a direction
        doc_lang = evidences[0].doc_lang or evidences[0].lang or "?"
        self.documents += sign
        self.evidence += sign * len(evidences)
        for d, w in stated.items():
            n, s = self.by_direction.get(d, [0, 0.0])
            self._put(self.by_direction, d, [n + sign, s + sign * w])
        for D in _CANDIDATES[self.kind]:
            # agreement counts in any context (as ``refines`` does); opposition only when it was
            # judged comparable (not ``context_differs``)
            a = max((stated.get(d, 0.0) for d in _agreeing(D, self.kind)), default=0.0)
            b = max((vote.get(d, 0.0) for d in _opposing(D, self.kind)), default=0.0)
            if a <= 0 and b <= 0:
                continue
            t = _tally(self.tally.get(D))
            t = [t[0] + sign * a, t[1] + sign * b, t[2] + sign * (a > 0), t[3] + sign * (b > 0),
                 t[4] + sign * math.log(1.0 - min(a, _MAX_W)), t[5] + sign * (a > 0 and b > 0)]
            self.tally[D] = t
            if a > 0:
                langs = self.langs.setdefault(D, {})
                self._count(langs, doc_lang, sign)
                if not langs:
                    del self.langs[D]
        added = set()
        for d in {e.direction for e in evidences}:
            ctxs = self.contexts.setdefault(d, {})
            for k in {e.context.key() for e in evidences if e.direction == d}:
                if sign > 0 and k not in ctxs:
                    added.add((d, k))
                self._count(ctxs, k, sign)
            if not ctxs:
                del self.contexts[d]
        if sign < 0 or self.split is None:
            self.split = self._find_split()
        elif not self.split and added:
            self.split = self._find_split(added)
        for st in set(stances):
            self._count(self.stances, st, sign)
        for e in evidences:
            self._count(self.languages, e.lang or "?", sign)
        for sp in {e.context.species for e in evidences if e.context.species}:
            self._count(self.species, sp, sign)
        self.direction = self._choose_direction()

    @staticmethod
    def _count(d: dict, k, sign: int) -> None:
        n = d.get(k, 0) + sign
        if n > 0:
            d[k] = n
        else:
            d.pop(k, None)

    @staticmethod
    def _put(d: dict, k, value: list) -> None:
        if value[0] > 0:
            d[k] = value
        else:
            d.pop(k, None)

    def _choose_direction(self) -> str:
        """The specific direction with the largest Σ votes over every document's evidence,
        whatever its stance (:attr:`by_direction`: it does not depend on the order documents
        came in). Ties: more documents, then the direction its comparable evidence agrees
        with more (the consensus it would have: opposition from another context does not
        count), then the current direction, then the order increase, decrease, no_change;
        ``modulate`` when the evidence only says the target changes."""
        best = None
        for rank, d in enumerate(_SPECIFIC[self.kind]):
            n, s = self.by_direction.get(d, [0, 0.0])
            if n <= 0:
                continue
            a, b = _tally(self.tally.get(d))[:2]
            agreement = round(a / (a + b), 9) if a + b > 0 else 0.0
            score = (round(s, 9), n, agreement, d == self.direction, -rank)
            if best is None or score > best[0]:
                best = (score, d)
        if best:
            return best[1]
        return "modulate" if self.kind == "effect" else "better_than"

    # -- reading ----------------------------------------------------------------------------

    def supporting_contexts(self) -> list[Context]:
        """Contexts of the evidence agreeing with the claim's direction."""
        return [Context.from_key(k) for d in _agreeing(self.direction, self.kind)
                for k in self.contexts.get(d, {})]

    def stance(self, e: Evidence) -> str:
        """Stance of evidence ``e`` toward this claim as it stands (see the module docstring)."""
        if self.documents <= 0:
            return "new"
        groups = [self.contexts.get(d, {}) for d in _agreeing(self.direction, self.kind)]
        # e's own context, or one that states no facet, is "same" as e's: found without comparing
        own = e.context.key()
        seen = any(own in g or _NO_FACETS in g for g in groups)
        # else the supporting contexts one at a time (any() stops at the first that decides)
        ctxs = (Context.from_key(k) for g in groups for k in g)
        if agree(self.direction, e.direction):
            return "supports" if seen or any(context_relation(e.context, c) == "same" for c in ctxs) else "refines"
        return "contradicts" if seen or any(context_relation(e.context, c) != "differs" for c in ctxs) \
            else "context_differs"

    def summary(self) -> dict:
        """``consensus``, ``confidence``, ``conflict`` and their parts, for the claim's direction
        (formulas in the module docstring). Documents counted once."""
        D = self.direction or _choose_default(self.kind)
        a, b, n_for, n_against, log_miss, n_mixed = _tally(self.tally.get(D))
        a, b = max(a, 0.0), max(b, 0.0)
        consensus = a / (a + b) if a + b > 0 else 0.0
        strength = 1.0 - math.exp(min(log_miss, 0.0)) if n_for > 0 else 0.0
        n_langs = len(self.langs.get(D, {}))
        lang_factor = 1.0 if n_langs >= 2 else ONE_LANGUAGE_FACTOR
        return {"direction": D, "consensus": round(consensus, 4), "strength": round(strength, 4),
                "confidence": round(consensus * strength * lang_factor, 4),
                "documents_for": int(n_for - n_mixed), "documents_against": int(n_against - n_mixed),
                "documents_mixed": int(n_mixed),
                "document_languages": sorted(self.langs.get(D, {})), "conflict": self.conflict()}

    def conflict(self) -> bool:
        """Is comparable evidence split? (see the module docstring and :data:`CONFLICT_MIN_SHARE`)"""
        D = self.direction
        a, b = self.tally.get(D, [0.0, 0.0])[:2]
        if a + b <= 0 or min(a, b) / (a + b) < CONFLICT_MIN_SHARE - 1e-9:
            return False
        if self.split is None:
            self.split = self._find_split()
        return self.split

    def _find_split(self, new: Optional[set] = None) -> bool:
        """Do two opposed directions have evidence in contexts that are not ``differs``?
        With ``new`` ((direction, context key) pairs just added), only pairs with one of
        them are looked at -- the others were looked at before (work linear in the contexts)."""
        dirs = [d for d in _CANDIDATES[self.kind] if self.contexts.get(d)]
        pairs = [(d1, d2) for i, d1 in enumerate(dirs) for d2 in dirs[i + 1:] if not agree(d1, d2)]
        for d1, d2 in pairs:
            for x_dir, y_dir in ((d1, d2), (d2, d1)) if new is not None else ((d1, d2),):
                xs = [k for d, k in new if d == x_dir] if new is not None else list(self.contexts[x_dir])
                if not xs:
                    continue
                ys = [Context.from_key(k) for k in self.contexts[y_dir]]
                if any(context_relation(Context.from_key(x), y) != "differs" for x in xs for y in ys):
                    return True
        return False

    # -- storage ----------------------------------------------------------------------------

    def to_json(self, *, contexts: bool = True) -> str:
        """The incremental state as JSON (keys sorted); ``contexts=False`` leaves out
        :attr:`contexts`, which the database keeps as rows of their own (``claims.state`` holds
        the rest; :mod:`litmine.store.claims`)."""
        return json.dumps({k: getattr(self, k) for k in
                           ("by_direction", "tally", "langs", "contexts", "stances", "languages", "species",
                            "split") if contexts or k != "contexts"},
                          ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str, **fields) -> "ClaimState":
        """Inverse of :meth:`to_json`; ``fields`` are the claim's columns (class, target...)
        and any attribute the JSON leaves out (``contexts={direction: {context key: documents}}``
        for a JSON written with ``contexts=False``)."""
        state = cls(**fields)
        for k, v in json.loads(text or "{}").items():
            setattr(state, k, v)
        return state


def _tally(t: Optional[list]) -> list:
    """A claim direction's tally (see :class:`ClaimState`) with all six items: one stored
    before the mixed-documents count (five items) gets 0 for it; ``None`` -> zeros."""
    if not t:
        return [0.0, 0.0, 0, 0, 0.0, 0]
    return list(t) + [0] * (6 - len(t))


def _choose_default(kind: str) -> str:
    return "modulate" if kind == "effect" else "better_than"


# --------------------------------------------------------------------------- documents

@dataclass(frozen=True)
class Judged:
    """One evidence row on one claim: the relation's ``stance`` toward claim ``key`` before its
    document arrived, when the claim said ``claim_direction`` (the evidence's own direction for a
    new claim); ``primary`` marks the claim the relation's own stance is reported for: the most
    specific claim of its lineage that existed before (else its own class's, new)."""

    evidence: Evidence
    key: Key
    stance: str
    primary: bool
    claim_direction: str = ""


def judge(states: Mapping[Key, ClaimState], evidences: Iterable[Evidence]) -> list[Judged]:
    """Stances of evidence toward the claims it touches, without changing them.

    Args:
        states: the claims as they stand (any subset containing every claim on the
            evidences' lineages; a missing key means no such claim).
        evidences: one document's evidence (or any evidence to judge).
    Returns:
        one :class:`Judged` per (evidence, lineage class), evidence order, most specific
        class first.
    """
    out = []
    seen: dict = {}     # (key, direction, context) -> stance: a stance depends on nothing else of e
    for e in evidences:
        keys = e.keys()
        existing = [k for k in keys if k in states and states[k].documents > 0]
        primary = existing[0] if existing else keys[0]
        for k in keys:
            old = k in existing
            if old:
                stance = seen.get((k, e.direction, e.context))
                if stance is None:
                    stance = seen[(k, e.direction, e.context)] = states[k].stance(e)
            out.append(Judged(e, k, stance if old else "new", k == primary,
                              states[k].direction if old else e.direction))
    return out


def primary_stances(judged: Iterable[Judged]) -> Counter:
    """Counts of the relations' own (primary) stances: ``Counter({"supports": 3, ...})``."""
    return Counter(j.stance for j in judged if j.primary)


def add_document(states: dict[Key, ClaimState], evidences: list[Evidence]) -> list[Judged]:
    """Judge one document's evidence against ``states``, then add it: claims on every
    lineage class are created as needed; each claim counts the document once.

    Args:
        states: key -> claim, updated in place (must hold every existing claim on the
            evidences' lineages, as :func:`judge` needs).
        evidences: the evidence of ONE document (``document_id`` equal).
    Returns:
        the :class:`Judged` rows (what ``claim_evidence`` stores).
    Raises:
        ValueError: evidence of several documents.
    """
    if len({e.document_id for e in evidences}) > 1:
        raise ValueError("add_document takes the evidence of one document")
    judged = judge(states, evidences)
    for key, rows in _by_key(judged).items():
        state = states.get(key)
        if state is None:
            state = states[key] = ClaimState(key[0], key[1], key[2], target=rows[0].evidence.target)
        state.add_document([j.evidence for j in rows], [j.stance for j in rows])
    return judged


def remove_document(states: dict[Key, ClaimState], judged: Iterable[Judged]) -> list[Key]:
    """Take one document's evidence (as stored, with its stances) off the claims;
    returns the keys of claims left without evidence (to delete)."""
    empty = []
    for key, rows in _by_key(list(judged)).items():
        state = states.get(key)
        if state is None:
            continue
        state.add_document([j.evidence for j in rows], [j.stance for j in rows], sign=-1)
        if state.documents <= 0:
            empty.append(key)
    return empty


def _by_key(judged: list[Judged]) -> dict[Key, list[Judged]]:
    out: dict[Key, list[Judged]] = {}
    for j in judged:
        out.setdefault(j.key, []).append(j)
    return out


def build(evidences: Iterable[Evidence]) -> tuple[dict[Key, ClaimState], list[Judged]]:
    """Claims from scratch: documents added in order of first appearance (what incremental
    updates must equal). Returns the claims and every judged row."""
    docs: dict[int, list[Evidence]] = {}
    for e in evidences:
        docs.setdefault(e.document_id, []).append(e)
    states: dict[Key, ClaimState] = {}
    judged: list[Judged] = []
    for evs in docs.values():
        judged.extend(add_document(states, evs))
    return states, judged
