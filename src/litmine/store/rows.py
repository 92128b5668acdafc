"""A processed document as finished rows: one dataclass per table row.

:func:`document_rows` is the one place that turns NLP output into what the
database stores -- it resolves each mention's concept (name in Chinese,
cross-references, source) through the document lexicon, flattens a
relation's :class:`~litmine.types.Protocol` into columns (``sets``/``reps``
become the ``volume`` text "3 sets × 8-12 reps"), and encodes lists and dicts
as JSON. :func:`litmine.store.db.write_document` only inserts these rows; it
knows nothing about the NLP.

Ids the database assigns are not in the rows: mentions and relations name
their sentence by its index in the document (``sentence``), and the writer
maps indices to the sentence ids it inserted.
"""
from __future__ import annotations

import os

import json
import functools
import operator
from dataclasses import asdict, dataclass, field, fields
from typing import TYPE_CHECKING, Optional

from ..consensus import parse_exercise
from ..nlp.lexicon import fold
from ..nlp.search_words import index_words, token_index_words
from ..types import Relation
from ..text.biblio import normalise_doi, normalise_pmid, record_label, title_key
from ..types import BibRecord, Relation

if TYPE_CHECKING:  # annotation only: the store's read side (litmine query) never loads spaCy
    from ..nlp.processed import ProcessedDocument


@dataclass
class DocumentValues:
    """The ``documents`` row (``id`` and ``ingested_at`` are set when written)."""

    name: str
    path: str
    sha256: str
    format: str
    lang: str
    encoding: Optional[str]
    text: str
    n_sentences: int
    pipeline_version: str
    lexicon_version: str
    warnings: str = ""          # one warning per line
    role: str = "primary"       # primary | review (litmine.store.claims.ROLES)
    label: str = ""             # display name: "Smith et al. 2021", else the file name
    title: str = ""
    authors: str = "[]"         # JSON list of author names
    year: Optional[int] = None
    journal: str = ""
    doi: str = ""               # normalised (litmine.text.biblio.normalise_doi)
    pmid: str = ""
    language: str = ""
    source_db: str = "file"
    record_key: str = ""        # the record's id in its export file ("" for a plain file)
    title_key: str = ""         # litmine.text.biblio.title_key ("" when too weak to match on)
    text_sha256: str = ""       # text_hash(text): the cleaned text's hash


def text_hash(text: str) -> str:
    """Hex sha256 of a document's cleaned text in UTF-8 (``documents.text_sha256``): the
    same for one text saved as GB18030, UTF-8 or UTF-16, with CRLF or LF line endings
    (the reader decodes it and the cleaner joins its lines the same way)."""
    import hashlib
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass
class SourceValues:
    """A ``document_sources`` row: one input a document was read from."""

    path: str
    sha256: str
    format: str
    source_db: str = "file"
    record_key: str = ""
    merged_by: str = ""         # "" (the document's own input) | doi | pmid | title


@dataclass
class SentenceValues:
    """A ``sentences`` row; ``idx`` is the sentence index in the document."""

    idx: int
    start: int
    end: int
    text: str
    lang: str
    kind: str
    section: str
    paragraph: int
    refs: str = "[]"            # JSON list of citation numbers
    page: Optional[int] = None  # 1-based source page it starts on (PDF), None otherwise
    words: Optional[str] = None  # search words of a sentence with Han characters (nlp.search_words)


@dataclass
class ConceptValues:
    """A ``concepts`` row (shared by all documents; an existing id is kept as stored)."""

    id: str
    type: str
    name: str
    name_zh: str = ""
    xrefs: str = ""             # "|"-separated
    source: str = ""


@dataclass
class MentionValues:
    """A ``mentions`` row; ``sentence`` is the sentence index (offsets into the document text)."""

    sentence: int
    start: int
    end: int
    text: str
    label: str
    concept_id: str
    name: str
    source: str
    page: Optional[int] = None  # 1-based source page of its start (PDF), None otherwise


@dataclass
class AbbreviationValues:
    """An ``abbreviations`` row: an abbreviation the document defined."""

    short: str
    long: str
    concept_id: str


@dataclass
class RelationValues:
    """A ``relations`` row; ``sentence`` is the sentence index. Units as in
    :class:`~litmine.types.Protocol` (days, sessions per week, minutes, m/min)."""

    sentence: int
    kind: str
    exercise: str
    exercise_text: Optional[str]
    exercise_carried: bool
    direction: str
    target: str
    target_text: str
    target_id: str
    target_type: str
    trigger: str
    aspect: Optional[str]
    negated: bool
    hedged: bool
    compared_to: Optional[str]
    model: Optional[str]
    species: Optional[str]
    tissue: Optional[str]
    duration: Optional[str]
    duration_days_min: Optional[float]
    duration_days_max: Optional[float]
    frequency: Optional[str]
    sessions_per_week: Optional[float]
    session_length: Optional[str]
    minutes_min: Optional[float]
    minutes_max: Optional[float]
    intensity: Optional[str]
    intensity_low: Optional[float]
    intensity_high: Optional[float]
    intensity_unit: Optional[str]
    speed: Optional[float]
    volume: Optional[str]
    timing: Optional[str]
    timing_days: Optional[float]
    context_from: str           # JSON object: slot -> "clause" | "sentence" | "paragraph" | ""
    pain_effect: str
    confidence: float


@dataclass
class CitedWorkValues:
    """A ``cited_works`` row: one entry of the document's reference list (offsets into its text)."""

    number: str
    authors: str
    year: Optional[int]
    title: str
    doi: str
    text: str
    start: int
    end: int


@dataclass
class StudyValues:
    """A ``studies`` row: one study the document reports (:class:`~litmine.types.Study`;
    units as there: weeks, sessions per week, minutes per session, intensity in its unit)."""

    source: str
    author: str
    year: Optional[int]
    refs: str
    design: str
    population: str
    population_terms: str
    species: str
    n: Optional[int]
    exercise: str
    duration: str
    duration_weeks: Optional[float]
    volume: str
    sessions_per_week: Optional[float]
    minutes_min: Optional[float]
    minutes_max: Optional[float]
    intensity: str
    intensity_low: Optional[float]
    intensity_high: Optional[float]
    intensity_unit: str
    comparison: str
    outcomes: str
    start: int
    end: int
    table: str
    cited_title: str
    cited_doi: str
    idx: int = 0                # order in the document


@dataclass
class DocumentRows:
    """All rows of one document, written in one transaction by
    :func:`litmine.store.db.write_document`."""

    document: DocumentValues
    sentences: list[SentenceValues] = field(default_factory=list)
    concepts: list[ConceptValues] = field(default_factory=list)
    mentions: list[MentionValues] = field(default_factory=list)
    abbreviations: list[AbbreviationValues] = field(default_factory=list)
    relations: list[RelationValues] = field(default_factory=list)
    cited_works: list[CitedWorkValues] = field(default_factory=list)
    studies: list[StudyValues] = field(default_factory=list)

    @property
    def source(self) -> SourceValues:
        """The ``document_sources`` row of the input these rows were read from (its path absolute:
        :func:`source_path`)."""
        d = self.document
        return SourceValues(source_path(d.path), d.sha256, d.format, d.source_db, d.record_key)

    @property
    def sha256(self) -> str:
        """The document's content hash."""
        return self.document.sha256

    @property
    def path(self) -> str:
        """The document's path (for messages)."""
        return self.document.path

    def __reduce__(self):
        """Pickled as tuples of field values (:func:`_rows_from_tuples` builds the rows
        again): what a worker of ``ingest --workers N`` sends the writer. A dataclass pickles
        as its class and a dict of its fields, per row, and the single writer's unpickling of
        those was ~6% of its CPU; tuples are a third smaller and faster to read back."""
        return (_rows_from_tuples, (_getter(DocumentValues)(self.document),
                                    tuple([*map(_getter(cls), getattr(self, name))]
                                          for name, cls in _ROW_TYPES.items())))


@functools.lru_cache(maxsize=None)
def _names(cls) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


_ROW_TYPES = {"sentences": SentenceValues, "concepts": ConceptValues, "mentions": MentionValues,
              "abbreviations": AbbreviationValues, "relations": RelationValues, "cited_works": CitedWorkValues,
              "studies": StudyValues}


@functools.lru_cache(maxsize=None)
def _getter(cls):
    """A function giving the values of every field of the dataclass ``cls`` as a tuple
    (``operator.attrgetter``, which gives a bare value, not a 1-tuple, for one field)."""
    names = _names(cls)
    if len(names) == 1:
        return lambda row: (getattr(row, names[0]),)
    return operator.attrgetter(*names)


def _rows_from_tuples(document: tuple, tables: tuple) -> DocumentRows:
    """:class:`DocumentRows` from what :meth:`DocumentRows.__reduce__` pickles: the document's
    field values, and per table of :data:`_ROW_TYPES` (in its order) the rows' field values."""
    return DocumentRows(DocumentValues(*document),
                        **{name: [cls(*t) for t in rows] for (name, cls), rows in zip(_ROW_TYPES.items(), tables)})


def rows_to_dict(rows: DocumentRows) -> dict:
    """A document's rows as plain JSON-ready data (``{"document": {...}, "sentences": [...], ...}``),
    e.g. for a shard file written by one process and stored by another
    (:func:`rows_from_dict` reads it back)."""
    return asdict(rows)


def rows_from_dict(data: dict) -> DocumentRows:
    """:class:`DocumentRows` from :func:`rows_to_dict`'s data.

    Raises:
        KeyError, TypeError: ``data`` lacks a field or has one the row types do not.
    """
    return DocumentRows(DocumentValues(**data["document"]),
                        **{name: [cls(**r) for r in data.get(name, [])] for name, cls in _ROW_TYPES.items()})


def values(row) -> dict:
    """A row dataclass as a column -> value dict (a new dict; the values themselves are flat:
    text, numbers, ``None`` -- lists and dicts are stored as JSON text). A copy of the
    instance's ``__dict__`` (its fields, set in field order by ``__init__``) when that holds
    exactly the fields -- one C call where a getattr per field was a Python step each."""
    names = _names(type(row))
    own = row.__dict__
    if len(own) == len(names):
        return dict(own)
    return {n: getattr(row, n) for n in names}


def _search_words(pd: "ProcessedDocument", position: int, text: str) -> Optional[str]:
    """``sentences.words`` of the sentence at ``position``: from the tokens ingest made
    (:func:`litmine.nlp.search_words.token_index_words`), or, for a processed document built
    without them (made by hand), jieba's words of the text (:func:`~litmine.nlp.search_words.index_words`)."""
    tokens = pd.tokens.get(position)
    return token_index_words(text, tokens) if tokens is not None else index_words(text)


def source_path(shown: str) -> str:
    """The path a ``document_sources`` row keeps: ``shown`` (the path as given on the command line)
    made absolute against the current folder, so the same file read again from another folder
    (``ingest gbk.txt`` in ``b/``, later ``ingest b/gbk.txt``) is known as the same input. Symbolic
    links are kept as given."""
    return os.path.abspath(shown) if shown else shown


def document_rows(pd: "ProcessedDocument", role: str = "primary") -> DocumentRows:
    """Turn a processed document into the rows the store writes; ``role`` is the
    document's role (``primary`` or ``review``, chosen at ingest).

    Concepts are resolved through ``pd.doc_lexicon`` (a document-defined
    abbreviation's concept, else the project lexicon's); a mention whose
    concept neither knows is stored with its own label, name and source.

    Raises:
        KeyError: ``pd.versions`` lacks ``"pipeline"`` or ``"lexicon"``.
    """
    doc = pd.document
    out = DocumentRows(DocumentValues(
        name=doc.name, path=doc.path, sha256=doc.sha256, format=doc.format, lang=doc.lang,
        encoding=doc.encoding, text=doc.text, text_sha256=text_hash(doc.text), n_sentences=len(pd.sentences),
        pipeline_version=pd.versions["pipeline"], lexicon_version=pd.versions["lexicon"],
        warnings="\n".join(doc.warnings), role=role, **metadata_values(doc.record, doc.name)))
    out.sentences = [SentenceValues(s.index, s.start, s.end, s.text, s.lang, s.kind, s.section, s.paragraph,
                                    json.dumps(s.refs), s.page, _search_words(pd, i, s.text))
                     for i, s in enumerate(pd.sentences)]
    concepts: dict[str, ConceptValues] = {}
    for m in pd.mentions:
        c = pd.doc_lexicon.concept(m.concept_id) if pd.doc_lexicon else None
        concepts[m.concept_id] = ConceptValues(
            id=m.concept_id, type=m.label, name=m.name, name_zh=getattr(c, "name_zh", "") or "",
            xrefs="|".join(getattr(c, "xrefs", []) or []), source=getattr(c, "source", m.source) or m.source)
    out.concepts = list(concepts.values())
    out.mentions = [MentionValues(m.sentence, m.start, m.end, m.text, m.label, m.concept_id, m.name, m.source,
                                  doc.page_at(m.start)) for m in pd.mentions]
    if pd.doc_lexicon:
        out.abbreviations = [AbbreviationValues(short, long, cid)
                             for short, (cid, long) in pd.doc_lexicon.definitions.items()]
    out.relations = [relation_values(r) for r in pd.relations]
    out.cited_works = [CitedWorkValues(w.number, w.authors, w.year, w.title, w.doi, w.text, w.start, w.end)
                       for w in pd.references]
    out.studies = [StudyValues(**asdict(st), idx=i) for i, st in enumerate(pd.studies)]
    return out


def metadata_values(record: Optional[BibRecord], name: str) -> dict:
    """The bibliographic columns of a ``documents`` row from a record (``None``: a plain
    file, only ``label`` = ``name``); keys as :class:`DocumentValues`' fields."""
    if record is None:
        return {"label": name}
    return dict(label=record_label(record, name), title=record.title, authors=json.dumps(record.authors,
                ensure_ascii=False), year=record.year, journal=record.journal, doi=normalise_doi(record.doi),
                pmid=normalise_pmid(record.pmid), language=record.language, source_db=record.source_db,
                record_key=record.key, title_key=title_key(record))


def relation_values(r: Relation) -> RelationValues:
    """Flatten a :class:`~litmine.types.Relation` (with its protocol) into a ``relations`` row."""
    p = r.protocol
    vol = None
    if p.sets or p.reps:
        vol = f"{_range(p.sets)} sets" if p.sets else ""
        if p.reps:
            vol = (vol + " × " if vol else "") + f"{_range(p.reps)} reps"
    return RelationValues(
        sentence=r.sentence, kind=r.kind, exercise=r.exercise, exercise_text=r.exercise_text,
        exercise_carried=r.exercise_carried, direction=r.direction, target=r.target, target_text=r.target_text,
        target_id=r.target_id, target_type=r.target_type, trigger=r.trigger, aspect=r.aspect, negated=r.negated,
        hedged=r.hedged, compared_to=r.compared_to, model=r.model, species=r.species, tissue=r.tissue,
        duration=p.duration, duration_days_min=p.duration_days_min, duration_days_max=p.duration_days_max,
        frequency=p.frequency, sessions_per_week=p.sessions_per_week, session_length=p.session_length,
        minutes_min=p.minutes_min, minutes_max=p.minutes_max, intensity=p.intensity,
        intensity_low=p.intensity_low, intensity_high=p.intensity_high, intensity_unit=p.intensity_unit,
        speed=p.speed, volume=vol, timing=p.timing, timing_days=p.timing_days,
        context_from=json.dumps(r.context_from), pain_effect=r.pain_effect, confidence=r.confidence)


def name_key(name: Optional[str]) -> Optional[str]:
    """The form a name is stored and looked up in as a query key: the lexicon's
    :func:`~litmine.nlp.lexicon.fold` (per-character normalisation, lower case) with runs of
    white space made one space and the ends stripped. ``"TNF‐α "`` -> ``"tnf-α"``;
    ``None``/``""`` -> ``None``."""
    if not name:
        return None
    key = " ".join(fold(name).split())
    return key or None


def relation_keys(exercise: Optional[str], target: Optional[str], model: Optional[str],
                  species: Optional[str]) -> dict:
    """The query-key columns of a ``relations`` row (schema v5): ``exercise_class`` (the
    class of :func:`litmine.consensus.parse_exercise`), ``target_key`` (``""`` for no
    target), ``model_key`` and ``species_key`` (:func:`name_key`, ``None`` when unstated)."""
    return {"exercise_class": parse_exercise(exercise)[0], "target_key": name_key(target) or "",
            "model_key": name_key(model), "species_key": name_key(species)}


def _range(v: tuple) -> str:
    """``(3, 5)`` -> ``"3-5"``, ``(3, 3)``/``(3, None)`` -> ``"3"``, ``(None, 4)`` (an upper
    bound only: "at most 4 sets", "最多4组") -> ``"≤4"``."""
    lo, hi = v
    fmt = lambda x: f"{x:g}" if isinstance(x, float) else str(x)  # noqa: E731
    if lo is None:
        return f"≤{fmt(hi)}" if hi is not None else ""
    return fmt(lo) if hi in (None, lo) else f"{fmt(lo)}-{fmt(hi)}"
