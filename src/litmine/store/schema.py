"""SQLAlchemy models of the litmine database (schema version :data:`SCHEMA_VERSION`).

Tables: ``meta`` (schema version), ``documents`` (one per content hash, with its
``role``: ``primary`` or ``review``, and its bibliographic metadata: title,
authors, year, journal, DOI, PMID, language, source database, the display
``label`` "first author year"), ``document_sources`` (every input a document
was read from, duplicates merged into it included), ``sentences``, ``concepts``, ``mentions``,
``abbreviations``, ``relations``, ``cited_works`` (a document's numbered reference list),
``claims``, ``claim_contexts`` and ``claim_evidence`` (the claims base, :mod:`litmine.consensus`;
one evidence row per relation and claim it counts for, with the relation's stance toward that
claim; a claim's contexts one row each, v11), ``studies``
(the studies each document reports: study-table rows, cited studies, its own; v6).
Offsets (``start``/``end``) count characters of ``documents.text``; ``page``
(sentences, mentions) is the 1-based page of a paged source (PDF), NULL otherwise.
``sentences_fts`` (v5) is an FTS5 full-text index of ``sentences.text`` and ``sentences.words``
(external content, kept in sync by triggers; :mod:`litmine.store.search`), not a model here.
Protocol columns carry units in their names: ``duration_days_*`` in days,
``sessions_per_week``, ``minutes_*`` per session, ``intensity_*`` in
``intensity_unit`` (%HRmax, %HRR, %1RM, RPE...), ``speed`` in m/min.

Query keys (v8): ``relations.exercise_class`` (:func:`litmine.consensus.parse_exercise` of
``exercise``), ``target_key``, ``model_key`` and ``species_key`` (the name folded by
:func:`litmine.store.rows.name_key`) and ``sentence_lang`` (the evidence sentence's ``lang``) are what ``litmine query`` filters on, each indexed, so a
filter is an index look-up of whole names, never a scan of ``lower(col) LIKE '%x%'``;
``ix_relations_order`` (document, sentence, id) is the order query and export read in, and
``ix_relations_<key>_order`` (key, document, sentence, id) give one key's rows in that order.
v13 dropped the indexes nothing reads through (:data:`litmine.store.db.UNUSED_INDEXES`).
"""
from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SCHEMA_VERSION = 13


class Base(DeclarativeBase):
    pass


class Meta(Base):
    __tablename__ = "meta"
    key: Mapped[str] = mapped_column(String, primary_key=True)
    value: Mapped[str] = mapped_column(String)


class DocumentRow(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String, index=True)
    path: Mapped[str] = mapped_column(String)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    # sha256 of the cleaned text (v9): the same text saved in another encoding or line ending
    text_sha256: Mapped[str] = mapped_column(String(64), default="", index=True)
    format: Mapped[str] = mapped_column(String(8))
    lang: Mapped[str] = mapped_column(String(8))
    encoding: Mapped[str | None] = mapped_column(String, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    n_sentences: Mapped[int] = mapped_column(Integer, default=0)
    pipeline_version: Mapped[str] = mapped_column(String)
    lexicon_version: Mapped[str] = mapped_column(String)
    warnings: Mapped[str] = mapped_column(Text, default="")
    ingested_at: Mapped[str] = mapped_column(String)
    role: Mapped[str] = mapped_column(String(16), default="primary")  # primary | review (v4)
    # Bibliographic metadata (v7; litmine.types.BibRecord): NULL/"" when unknown (a plain file).
    label: Mapped[str] = mapped_column(String, default="")           # "Smith et al. 2021", else the name
    title: Mapped[str] = mapped_column(Text, default="")
    authors: Mapped[str] = mapped_column(Text, default="[]")         # JSON list of names, in order
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    journal: Mapped[str] = mapped_column(String, default="")
    doi: Mapped[str] = mapped_column(String, default="", index=True)  # lower case, no https://doi.org/
    pmid: Mapped[str] = mapped_column(String, default="", index=True)
    language: Mapped[str] = mapped_column(String(8), default="")      # as the record says (en, zh...)
    source_db: Mapped[str] = mapped_column(String(16), default="file")
    record_key: Mapped[str] = mapped_column(String, default="")      # the record's id in its export file
    title_key: Mapped[str] = mapped_column(String, default="", index=True)  # normalised title|year|author


class DocumentSourceRow(Base):
    """Where a document was read from (v7): one row per input that gave it -- the
    first one (``merged_by`` ``""``) and every duplicate merged into it
    (``merged_by`` ``doi``, ``pmid`` or ``title``: the key that matched; :mod:`litmine.text.biblio`).
    ``path`` the file (an export holds many records: ``record_key`` tells them apart),
    ``sha256`` the content hash of what was read, ``format`` the reader's format."""

    __tablename__ = "document_sources"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String, index=True)
    record_key: Mapped[str] = mapped_column(String, default="")
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    format: Mapped[str] = mapped_column(String(16), default="")
    source_db: Mapped[str] = mapped_column(String(16), default="file")
    merged_by: Mapped[str] = mapped_column(String(8), default="")
    ingested_at: Mapped[str] = mapped_column(String, default="")


class SentenceRow(Base):
    __tablename__ = "sentences"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(8), index=True)    # indexed since v8 (query --lang)
    kind: Mapped[str] = mapped_column(String(12))
    section: Mapped[str] = mapped_column(String)
    paragraph: Mapped[int] = mapped_column(Integer)
    refs: Mapped[str] = mapped_column(String, default="[]")  # JSON list of citation numbers
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)  # source page it starts on (v4)
    # jieba words and sub-words, space-joined, of a sentence with Han characters (v5; the search index)
    words: Mapped[str | None] = mapped_column(Text, nullable=True)


class ConceptRow(Base):
    __tablename__ = "concepts"
    id: Mapped[str] = mapped_column(String, primary_key=True)
    type: Mapped[str] = mapped_column(String)
    name: Mapped[str] = mapped_column(String, index=True)
    name_zh: Mapped[str] = mapped_column(String, default="")
    xrefs: Mapped[str] = mapped_column(String, default="")
    source: Mapped[str] = mapped_column(String, default="")


class MentionRow(Base):
    __tablename__ = "mentions"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    sentence_id: Mapped[int] = mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(String)
    label: Mapped[str] = mapped_column(String, index=True)
    concept_id: Mapped[str] = mapped_column(String)     # not indexed (v13): no query looks mentions up by it
    name: Mapped[str] = mapped_column(String)
    source: Mapped[str] = mapped_column(String)
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)  # source page of its start (v4)


class AbbreviationRow(Base):
    __tablename__ = "abbreviations"
    __table_args__ = (UniqueConstraint("document_id", "short"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    short: Mapped[str] = mapped_column(String)
    long: Mapped[str] = mapped_column(String)
    concept_id: Mapped[str] = mapped_column(String)


class RelationRow(Base):
    __tablename__ = "relations"
    # v8: reading order, and each query key followed by the reading order, so a filter on one
    # value reads its rows in order from the index (no sort before the first row)
    __table_args__ = (Index("ix_relations_order", "document_id", "sentence_id", "id"),
                      *(Index(f"ix_relations_{key}_order", key, "document_id", "sentence_id", "id")
                        for key in ("target_id", "target_key", "exercise_class", "model_key", "species_key",
                                    "direction", "sentence_lang")))
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # document_id: no index of its own (v13): ix_relations_order begins with it
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"))
    sentence_id: Mapped[int] = mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String, default="exercise_effect")
    exercise: Mapped[str] = mapped_column(String)     # not indexed (v13): queries filter on exercise_class
    exercise_text: Mapped[str | None] = mapped_column(String, nullable=True)
    exercise_carried: Mapped[bool] = mapped_column(Boolean, default=False)
    direction: Mapped[str] = mapped_column(String)             # ix_relations_direction_order (v8)
    target: Mapped[str] = mapped_column(String, index=True)
    target_text: Mapped[str] = mapped_column(String)
    target_id: Mapped[str] = mapped_column(String)             # ix_relations_target_id_order (v8)
    target_type: Mapped[str] = mapped_column(String)
    trigger: Mapped[str] = mapped_column(String)
    aspect: Mapped[str | None] = mapped_column(String, nullable=True)
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    hedged: Mapped[bool] = mapped_column(Boolean, default=False)
    compared_to: Mapped[str | None] = mapped_column(String, nullable=True)
    model: Mapped[str | None] = mapped_column(String, nullable=True)   # not indexed (v13): model_key is
    species: Mapped[str | None] = mapped_column(String, nullable=True)
    tissue: Mapped[str | None] = mapped_column(String, nullable=True)
    duration: Mapped[str | None] = mapped_column(String, nullable=True)
    duration_days_min: Mapped[float | None] = mapped_column(Float, nullable=True)
    duration_days_max: Mapped[float | None] = mapped_column(Float, nullable=True)
    frequency: Mapped[str | None] = mapped_column(String, nullable=True)
    sessions_per_week: Mapped[float | None] = mapped_column(Float, nullable=True)
    session_length: Mapped[str | None] = mapped_column(String, nullable=True)
    minutes_min: Mapped[float | None] = mapped_column(Float, nullable=True)
    minutes_max: Mapped[float | None] = mapped_column(Float, nullable=True)
    intensity: Mapped[str | None] = mapped_column(String, nullable=True)
    intensity_low: Mapped[float | None] = mapped_column(Float, nullable=True)
    intensity_high: Mapped[float | None] = mapped_column(Float, nullable=True)
    intensity_unit: Mapped[str | None] = mapped_column(String, nullable=True)
    speed: Mapped[float | None] = mapped_column(Float, nullable=True)
    volume: Mapped[str | None] = mapped_column(String, nullable=True)
    timing: Mapped[str | None] = mapped_column(String, nullable=True)  # when training started (v2)
    timing_days: Mapped[float | None] = mapped_column(Float, nullable=True)
    context_from: Mapped[str] = mapped_column(String, default="{}")  # JSON: slot -> clause|sentence|paragraph
    pain_effect: Mapped[str] = mapped_column(String, default="none", index=True)   # indexed since v8
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
    # query keys (v8; see the module docstring), filled by the writer from the columns above
    exercise_class: Mapped[str] = mapped_column(String, default="exercise")
    target_key: Mapped[str] = mapped_column(String, default="")
    model_key: Mapped[str | None] = mapped_column(String, nullable=True)
    species_key: Mapped[str | None] = mapped_column(String, nullable=True)
    sentence_lang: Mapped[str] = mapped_column(String(8), default="")     # the evidence sentence's lang


class CitedWorkRow(Base):
    """One numbered entry of a document's reference list (v4); ``number`` matches the
    citation numbers in ``sentences.refs``; offsets into ``documents.text``."""

    __tablename__ = "cited_works"
    __table_args__ = (UniqueConstraint("document_id", "number"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    number: Mapped[str] = mapped_column(String)
    authors: Mapped[str] = mapped_column(String, default="")
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    title: Mapped[str] = mapped_column(Text, default="")
    doi: Mapped[str] = mapped_column(String, default="")
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)


class ClaimRow(Base):
    """A claim: ``exercise_class --direction--> target`` (v4; rules in :mod:`litmine.consensus`).

    ``documents``/``evidence``: documents and evidence rows on it; ``consensus``,
    ``confidence`` (0..1) and ``conflict`` as :meth:`litmine.consensus.ClaimState.summary`;
    ``languages``/``species``: comma-separated, of the evidence; ``state``: the JSON the
    claim is updated from, one document at a time, but for its contexts (v11: rows of
    ``claim_contexts``); ``origin_document_id``: the document whose evidence created it.
    """

    __tablename__ = "claims"
    __table_args__ = (UniqueConstraint("exercise_class", "target_id", "kind"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    exercise_class: Mapped[str] = mapped_column(String)
    exercise_path: Mapped[str] = mapped_column(String)
    target_id: Mapped[str] = mapped_column(String, index=True)
    target: Mapped[str] = mapped_column(String, index=True)
    kind: Mapped[str] = mapped_column(String(16), default="effect")
    direction: Mapped[str] = mapped_column(String(16))
    documents: Mapped[int] = mapped_column(Integer, default=0)
    evidence: Mapped[int] = mapped_column(Integer, default=0)
    documents_for: Mapped[int] = mapped_column(Integer, default=0)
    documents_against: Mapped[int] = mapped_column(Integer, default=0)
    documents_mixed: Mapped[int] = mapped_column(Integer, default=0)
    consensus: Mapped[float] = mapped_column(Float, default=0.0)
    confidence: Mapped[float] = mapped_column(Float, default=0.0)
    conflict: Mapped[bool] = mapped_column(Boolean, default=False)
    languages: Mapped[str] = mapped_column(String, default="")
    species: Mapped[str] = mapped_column(String, default="")
    state: Mapped[str] = mapped_column(Text, default="{}")
    origin_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id", ondelete="SET NULL"),
                                                           nullable=True)
    updated_at: Mapped[str] = mapped_column(String, default="")


class ClaimContextRow(Base):
    """One context of a claim's evidence (v11): ``documents`` with evidence in ``direction``
    (effective: increase, decrease, no_change, modulate, better_than) in the context
    ``context`` (:meth:`litmine.consensus.Context.key`: population, species, tissue, model and
    protocol class joined by U+001F, an unstated facet empty) -- ``ClaimState.contexts`` of
    :mod:`litmine.consensus`, one row per (direction, context) instead of inside the claim's
    JSON ``state``: storing a document inserts or updates the few rows its evidence touches,
    where the JSON of a claim with hundreds of contexts was encoded and rewritten whole.
    Clustered by claim (SQLite ``WITHOUT ROWID``: a claim's rows are one range of the
    primary key)."""

    __tablename__ = "claim_contexts"
    __table_args__ = {"sqlite_with_rowid": False}
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True,
                                          autoincrement=False)
    direction: Mapped[str] = mapped_column(String(16), primary_key=True)
    context: Mapped[str] = mapped_column(String, primary_key=True)
    documents: Mapped[int] = mapped_column(Integer, default=0)


class ClaimEvidenceRow(Base):
    """A relation as evidence for one claim (v4): its effective ``direction`` (a negated
    change is ``no_change``), ``weight``, context facets, and ``stance`` toward the claim as
    it stood before the relation's document was stored (``claim_direction``: the claim's
    direction then); ``is_primary`` marks the claim the
    relation's own stance is reported for; ``refs``: JSON list of the sentence's citation
    numbers."""

    __tablename__ = "claim_evidence"
    __table_args__ = (UniqueConstraint("claim_id", "relation_id"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # claim_id: no index of its own (v10): the unique (claim_id, relation_id) index begins with it
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"))
    relation_id: Mapped[int] = mapped_column(ForeignKey("relations.id", ondelete="CASCADE"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    sentence_id: Mapped[int] = mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"))
    exercise_class: Mapped[str] = mapped_column(String)
    direction: Mapped[str] = mapped_column(String(16))
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    hedged: Mapped[bool] = mapped_column(Boolean, default=False)
    weight: Mapped[float] = mapped_column(Float)
    lang: Mapped[str] = mapped_column(String(8), default="")
    doc_lang: Mapped[str] = mapped_column(String(8), default="")
    population: Mapped[str | None] = mapped_column(String, nullable=True)
    species: Mapped[str | None] = mapped_column(String, nullable=True)
    tissue: Mapped[str | None] = mapped_column(String, nullable=True)
    model: Mapped[str | None] = mapped_column(String, nullable=True)
    protocol: Mapped[str | None] = mapped_column(String, nullable=True)
    stance: Mapped[str] = mapped_column(String(16))   # not indexed (v10): no query filters on it alone
    claim_direction: Mapped[str] = mapped_column(String(16), default="")   # the claim's, when judged
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    refs: Mapped[str] = mapped_column(String, default="[]")


class StudyRow(Base):
    """One study a document reports (v6; :class:`litmine.types.Study`, built by
    :mod:`litmine.nlp.studies`): ``source`` table | citation | document; ``refs`` the
    citation numbers in the document ("24"); protocol numbers in weeks, sessions per week,
    minutes per session and ``intensity_unit``; ``start``/``end`` offsets into
    ``documents.text`` of the table row or first evidence sentence; ``idx`` its order in the
    document."""

    __tablename__ = "studies"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer, default=0)
    source: Mapped[str] = mapped_column(String(16))
    author: Mapped[str] = mapped_column(String, default="")
    year: Mapped[int | None] = mapped_column(Integer, nullable=True)
    refs: Mapped[str] = mapped_column(String, default="")
    design: Mapped[str] = mapped_column(String, default="")
    population: Mapped[str] = mapped_column(String, default="")
    population_terms: Mapped[str] = mapped_column(String, default="")
    species: Mapped[str] = mapped_column(String, default="")
    n: Mapped[int | None] = mapped_column(Integer, nullable=True)
    exercise: Mapped[str] = mapped_column(String, default="")
    duration: Mapped[str] = mapped_column(String, default="")
    duration_weeks: Mapped[float | None] = mapped_column(Float, nullable=True)
    volume: Mapped[str] = mapped_column(Text, default="")
    sessions_per_week: Mapped[float | None] = mapped_column(Float, nullable=True)
    minutes_min: Mapped[float | None] = mapped_column(Float, nullable=True)
    minutes_max: Mapped[float | None] = mapped_column(Float, nullable=True)
    intensity: Mapped[str] = mapped_column(Text, default="")
    intensity_low: Mapped[float | None] = mapped_column(Float, nullable=True)
    intensity_high: Mapped[float | None] = mapped_column(Float, nullable=True)
    intensity_unit: Mapped[str] = mapped_column(String, default="")
    comparison: Mapped[str] = mapped_column(String, default="")
    outcomes: Mapped[str] = mapped_column(Text, default="")
    start: Mapped[int] = mapped_column(Integer, default=0)
    end: Mapped[int] = mapped_column(Integer, default=0)
    table: Mapped[str] = mapped_column(Text, default="")
    cited_title: Mapped[str] = mapped_column(Text, default="")
    cited_doi: Mapped[str] = mapped_column(String, default="")
