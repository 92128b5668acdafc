"""SQLAlchemy models of the litmine database (schema version :data:`SCHEMA_VERSION`).

Tables: ``meta`` (schema version), ``documents`` (one per content hash),
``sentences``, ``concepts``, ``mentions``, ``abbreviations``, ``relations``.
Offsets (``start``/``end``) count characters of ``documents.text``; ``page``
(sentences, mentions) is the 1-based page of a paged source (PDF), NULL otherwise.
Protocol columns carry units in their names: ``duration_days_*`` in days,
``sessions_per_week``, ``minutes_*`` per session, ``intensity_*`` in
``intensity_unit`` (%HRmax, %HRR, %1RM, RPE...), ``speed`` in m/min.
"""
from __future__ import annotations

from sqlalchemy import Boolean, Float, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

SCHEMA_VERSION = 3


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
    format: Mapped[str] = mapped_column(String(8))
    lang: Mapped[str] = mapped_column(String(8))
    encoding: Mapped[str | None] = mapped_column(String, nullable=True)
    text: Mapped[str] = mapped_column(Text)
    n_sentences: Mapped[int] = mapped_column(Integer, default=0)
    pipeline_version: Mapped[str] = mapped_column(String)
    lexicon_version: Mapped[str] = mapped_column(String)
    warnings: Mapped[str] = mapped_column(Text, default="")
    ingested_at: Mapped[str] = mapped_column(String)


class SentenceRow(Base):
    __tablename__ = "sentences"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    idx: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    lang: Mapped[str] = mapped_column(String(8))
    kind: Mapped[str] = mapped_column(String(12))
    section: Mapped[str] = mapped_column(String)
    paragraph: Mapped[int] = mapped_column(Integer)
    refs: Mapped[str] = mapped_column(String, default="[]")  # JSON list of citation numbers
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)  # source page it starts on (v3)


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
    concept_id: Mapped[str] = mapped_column(String, index=True)
    name: Mapped[str] = mapped_column(String)
    source: Mapped[str] = mapped_column(String)
    page: Mapped[int | None] = mapped_column(Integer, nullable=True)  # source page of its start (v3)


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
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    sentence_id: Mapped[int] = mapped_column(ForeignKey("sentences.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String, default="exercise_effect")
    exercise: Mapped[str] = mapped_column(String, index=True)
    exercise_text: Mapped[str | None] = mapped_column(String, nullable=True)
    exercise_carried: Mapped[bool] = mapped_column(Boolean, default=False)
    direction: Mapped[str] = mapped_column(String, index=True)
    target: Mapped[str] = mapped_column(String, index=True)
    target_text: Mapped[str] = mapped_column(String)
    target_id: Mapped[str] = mapped_column(String, index=True)
    target_type: Mapped[str] = mapped_column(String)
    trigger: Mapped[str] = mapped_column(String)
    aspect: Mapped[str | None] = mapped_column(String, nullable=True)
    negated: Mapped[bool] = mapped_column(Boolean, default=False)
    hedged: Mapped[bool] = mapped_column(Boolean, default=False)
    compared_to: Mapped[str | None] = mapped_column(String, nullable=True)
    model: Mapped[str | None] = mapped_column(String, nullable=True, index=True)
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
    pain_effect: Mapped[str] = mapped_column(String, default="none")
    confidence: Mapped[float] = mapped_column(Float, default=0.5)
