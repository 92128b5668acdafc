"""Engine, schema set-up and writes.

* :func:`connect` opens (and creates) a database from a path or SQLAlchemy URL;
  SQLite gets WAL journaling, a busy timeout and foreign keys, so several
  ``litmine`` processes can read and write one file at once.
* :func:`write_document` stores one processed document -- document, sentences,
  concepts, mentions, abbreviations, relations -- in ONE transaction: an
  interrupted run leaves the document absent, never half-written.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import create_engine, event, insert, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import OperationalError

from ..errors import DatabaseError
from .schema import (SCHEMA_VERSION, AbbreviationRow, Base, ConceptRow, DocumentRow, MentionRow, Meta,
                     RelationRow, SentenceRow)

if TYPE_CHECKING:  # pragma: no cover
    from ..pipeline import ProcessedDocument

DEFAULT_DB = Path("db") / "litmine.sqlite"
BUSY_TIMEOUT_MS = 30_000


def resolve_db(db: str | os.PathLike | None) -> str:
    """SQLAlchemy URL for ``db``: a URL as is, a path as ``sqlite:///path``;
    ``None`` means ``$LITMINE_DB`` or ``db/litmine.sqlite``."""
    db = db or os.environ.get("LITMINE_DB") or DEFAULT_DB
    db = str(db)
    if "://" in db:
        return db
    return f"sqlite:///{Path(db)}"


def _sqlite_pragmas(dbapi_conn, _record):
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def connect(db: str | os.PathLike | None = None, *, create: bool = True) -> Engine:
    """Open the database, creating its folder and tables when missing.

    Raises:
        DatabaseError: the file cannot be opened, or was written by a newer
            litmine (schema version above :data:`SCHEMA_VERSION`).
    """
    url = resolve_db(db)
    if url.startswith("sqlite:///") and create:
        path = Path(url[len("sqlite:///"):])
        if str(path) not in ("", ":memory:"):
            if not create and not path.exists():
                raise DatabaseError(f"{path}: no such database")
            path.parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000} if url.startswith("sqlite") else {})
    if url.startswith("sqlite"):
        event.listen(engine, "connect", _sqlite_pragmas)
    try:
        with engine.begin() as conn:
            Base.metadata.create_all(conn)
            row = conn.execute(select(Meta.value).where(Meta.key == "schema_version")).scalar()
            if row is None:
                conn.execute(insert(Meta).values(key="schema_version", value=str(SCHEMA_VERSION)))
            elif int(row) > SCHEMA_VERSION:
                raise DatabaseError(
                    f"{url}: database schema version {row} is newer than this litmine's ({SCHEMA_VERSION}); "
                    "upgrade litmine")
    except OperationalError as exc:
        raise DatabaseError(f"{url}: cannot open database ({exc.orig})") from exc
    return engine


def document_id_by_hash(engine: Engine, sha256: str) -> int | None:
    """Id of the stored document with this content hash, or ``None``."""
    with engine.connect() as conn:
        return conn.execute(select(DocumentRow.id).where(DocumentRow.sha256 == sha256)).scalar()


def write_document(engine: Engine, pd: "ProcessedDocument") -> int:
    """Store one processed document in a single transaction; returns its id.

    Raises:
        DatabaseError: the write failed (nothing of the document is stored).
    """
    doc = pd.document
    now = _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")
    try:
        with engine.begin() as conn:
            doc_id = conn.execute(insert(DocumentRow).values(
                name=doc.name, path=doc.path, sha256=doc.sha256, format=doc.format, lang=doc.lang,
                encoding=doc.encoding, text=doc.text, n_sentences=len(pd.sentences),
                pipeline_version=pd.versions["pipeline"], lexicon_version=pd.versions["lexicon"],
                warnings="\n".join(doc.warnings), ingested_at=now)).inserted_primary_key[0]
            sent_ids = {}
            if pd.sentences:
                rows = [dict(document_id=doc_id, idx=s.index, start=s.start, end=s.end, text=s.text,
                             lang=s.lang, kind=s.kind, section=s.section, paragraph=s.paragraph,
                             refs=json.dumps(s.refs)) for s in pd.sentences]
                conn.execute(insert(SentenceRow), rows)
                for sid, idx in conn.execute(select(SentenceRow.id, SentenceRow.idx)
                                             .where(SentenceRow.document_id == doc_id)):
                    sent_ids[idx] = sid
            concepts = {}
            for m in pd.mentions:
                c = pd.doc_lexicon.concept(m.concept_id) if pd.doc_lexicon else None
                concepts[m.concept_id] = dict(
                    id=m.concept_id, type=m.label, name=m.name, name_zh=getattr(c, "name_zh", "") or "",
                    xrefs="|".join(getattr(c, "xrefs", []) or []), source=getattr(c, "source", m.source) or m.source)
            if concepts:
                existing = set(conn.execute(select(ConceptRow.id).where(ConceptRow.id.in_(list(concepts)))).scalars())
                new = [v for k, v in concepts.items() if k not in existing]
                if new:
                    conn.execute(insert(ConceptRow).prefix_with("OR IGNORE") if engine.dialect.name == "sqlite"
                                 else insert(ConceptRow), new)
            if pd.mentions:
                conn.execute(insert(MentionRow), [dict(
                    document_id=doc_id, sentence_id=sent_ids[m.sentence], start=m.start, end=m.end, text=m.text,
                    label=m.label, concept_id=m.concept_id, name=m.name, source=m.source) for m in pd.mentions])
            if pd.doc_lexicon and pd.doc_lexicon.definitions:
                conn.execute(insert(AbbreviationRow), [dict(document_id=doc_id, short=k, long=v[1], concept_id=v[0])
                                                       for k, v in pd.doc_lexicon.definitions.items()])
            if pd.relations:
                conn.execute(insert(RelationRow), [relation_row(r, doc_id, sent_ids[r.sentence]) for r in pd.relations])
    except OperationalError as exc:
        raise DatabaseError(f"{doc.path}: database write failed ({exc.orig}); nothing of it was stored") from exc
    return doc_id


def relation_row(r, doc_id: int, sentence_id: int) -> dict:
    """Flatten a :class:`~litmine.types.Relation` into ``relations`` columns."""
    p = r.protocol
    vol = None
    if p.sets or p.reps:
        vol = f"{_range(p.sets)} sets" if p.sets else ""
        if p.reps:
            vol = (vol + " × " if vol else "") + f"{_range(p.reps)} reps"
    return dict(
        document_id=doc_id, sentence_id=sentence_id, kind=r.kind, exercise=r.exercise,
        exercise_text=r.exercise_text, exercise_carried=r.exercise_carried, direction=r.direction,
        target=r.target, target_text=r.target_text, target_id=r.target_id, target_type=r.target_type,
        trigger=r.trigger, aspect=r.aspect, negated=r.negated, hedged=r.hedged, compared_to=r.compared_to,
        model=r.model, species=r.species, tissue=r.tissue, duration=p.duration,
        duration_days_min=p.duration_days_min, duration_days_max=p.duration_days_max, frequency=p.frequency,
        sessions_per_week=p.sessions_per_week, session_length=p.session_length, minutes_min=p.minutes_min,
        minutes_max=p.minutes_max, intensity=p.intensity, intensity_low=p.intensity_low,
        intensity_high=p.intensity_high, intensity_unit=p.intensity_unit, speed=p.speed, volume=vol,
        context_from=json.dumps(r.context_from), pain_effect=r.pain_effect, confidence=r.confidence)


def _range(v: tuple | None) -> str:
    """``(3, 5)`` -> ``"3-5"``, ``(3, 3)``/``(3, None)`` -> ``"3"``."""
    lo, hi = v
    fmt = lambda x: f"{x:g}" if isinstance(x, float) else str(x)  # noqa: E731
    return fmt(lo) if hi in (None, lo) else f"{fmt(lo)}-{fmt(hi)}"


def schema_version(engine: Engine) -> int:
    """The schema version recorded in the database."""
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT value FROM meta WHERE key='schema_version'")).scalar())
