"""Engine, schema set-up and writes.

* :func:`connect` opens (and creates) a database from a path or SQLAlchemy URL
  (SQLite, or PostgreSQL: ``postgresql://user@host/db``, one schema for both);
  SQLite gets WAL journaling, a busy timeout and foreign keys, so several
  ``litmine`` processes can read and write one file at once.
* :func:`write_document` stores one document's finished rows
  (:class:`~litmine.store.rows.DocumentRows`: document, sentences, concepts,
  mentions, abbreviations, relations, cited works, studies) in ONE transaction: an interrupted run
  leaves the document absent, never half-written. Building the rows from NLP
  output is :mod:`litmine.store.rows`'s job; this module only writes. The same
  transaction updates the claims base (:mod:`litmine.store.claims`), so a
  document and its evidence on the claims are stored together or not at all;
  ``replace=True`` (``ingest --force``) first takes an already stored copy of
  the document and its evidence away. The full-text index (:mod:`litmine.store.search`)
  follows the sentence rows through triggers, in the same transaction.

Concurrency (SQLite): readers never wait (WAL). Writers take the write lock when
their transaction starts (``BEGIN IMMEDIATE``), waiting up to the busy timeout
for another writer, instead of starting as readers and failing with "database
is locked" when they try to upgrade; a write that still meets a locked
database is retried a few times. The content-hash check of
:func:`write_document` runs under that lock, so two processes storing the same
file store it once (the other gets :class:`~litmine.errors.DuplicateDocumentError`).

Schema versions: ``meta.schema_version`` records the version;
:func:`connect` applies :data:`MIGRATIONS` to an older database and refuses a
newer one. In-house rather than Alembic: litmine has one SQLite file opened by
short-lived CLI processes and (so far) only additive changes -- a dict of
small functions run in the set-up transaction covers it without a dependency,
an ``env.py`` and a versions folder. Revisit if a migration ever needs table
rebuilds or several database backends. To change the schema: bump
``SCHEMA_VERSION`` in ``schema.py``, add ``MIGRATIONS[old] = fn`` (``fn(conn)``
turns an ``old`` database into ``old + 1``), and test it on an ``old`` database.
"""
from __future__ import annotations

import datetime as _dt
import json
import os
import random
import sqlite3
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, TypeVar

from sqlalchemy import Column, bindparam, create_engine, delete, event, insert, inspect, literal, select, text, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import ArgumentError, DBAPIError, IntegrityError, NoSuchModuleError, OperationalError

from ..errors import DatabaseError, DuplicateDocumentError, shorten_path
from ..types import BibRecord
from .schema import (SCHEMA_VERSION, AbbreviationRow, Base, CitedWorkRow, ClaimContextRow, ClaimRow, ConceptRow,
                     DocumentRow, DocumentSourceRow, MentionRow, Meta, RelationRow, SentenceRow, StudyRow)
from .bulk import insert_many, update_many
from .claims import (add_document_claims, claims_committed, drop_claims_cache, rebuild_claims,
                     remove_document_claims, stored_evidence)
from .rows import DocumentRows, SourceValues, relation_keys, text_hash, values
from .search import FTS_TABLE, create_search_index, fill_search_index

DEFAULT_DB = Path("db") / "litmine.sqlite"
BUSY_TIMEOUT_MS = 30_000
#: Attempts of a write that meets "database is locked" even after the busy timeout.
LOCK_ATTEMPTS = 4
#: SQLite page cache of a connection, KiB (``PRAGMA cache_size`` = -this). SQLite's default,
#: 2 MiB, is smaller than the index pages one document's rows touch on a database of a few
#: thousand documents (relations have 11 indexes, mentions 3, the claims their states), so
#: every write transaction read them back from the OS (``pread``): at 64 MiB the writer's
#: system CPU of the throughput benchmark's store stage falls by a third. An upper bound:
#: pages are allocated as they are used, and only a connection that has written gets it
#: (:func:`_sqlite_begin`): reading commands (query, export) keep the default.
CACHE_KIB = 65_536
_BIG_CACHE = "litmine_big_cache"   # conn.info key: this DBAPI connection has CACHE_KIB
_WRITE = "litmine_write"   # execution option: start the transaction with BEGIN IMMEDIATE
T = TypeVar("T")

# Statements run for every document, built once (building one costs more than running it);
# their values are bound parameters.
_DOC_BY_SHA = select(DocumentRow.id).where(DocumentRow.sha256 == bindparam("sha"))
_DOC_BY_TEXT = (select(DocumentRow.id, DocumentRow.label, DocumentRow.name)
                .where(DocumentRow.text_sha256 == bindparam("digest")).order_by(DocumentRow.id).limit(1))
_SOURCE_BY_SHA = (select(DocumentSourceRow.document_id).where(DocumentSourceRow.sha256 == bindparam("sha"))
                  .order_by(DocumentSourceRow.id))
_SOURCE_BY_PATH = (select(DocumentSourceRow.document_id, DocumentSourceRow.merged_by)
                   .where(DocumentSourceRow.path == bindparam("path"),
                          DocumentSourceRow.record_key == bindparam("record_key"))
                   .order_by(DocumentSourceRow.id.desc()))
_DOC_BY_KEY = {key: select(DocumentRow.id).where(col == bindparam("value")).order_by(DocumentRow.id)
               for key, col in (("doi", DocumentRow.doi), ("pmid", DocumentRow.pmid), ("title", DocumentRow.title_key))}
_INSERT_DOC = insert(DocumentRow.__table__)
_SENTENCE_IDS = select(SentenceRow.id, SentenceRow.idx).where(SentenceRow.document_id == bindparam("doc"))
_RELATION_IDS = select(RelationRow.id).where(RelationRow.document_id == bindparam("doc")).order_by(RelationRow.id)


def resolve_db(db: str | os.PathLike | None) -> str:
    """SQLAlchemy URL for ``db``: a URL as is (``postgresql://...`` through psycopg 3:
    ``postgresql+psycopg://...``), a path as ``sqlite:///path``; ``None`` means
    ``$LITMINE_DB`` or ``db/litmine.sqlite``."""
    db = db or os.environ.get("LITMINE_DB") or DEFAULT_DB
    db = str(db)
    for plain in ("postgresql://", "postgres://"):   # PostgreSQL through psycopg 3 (SQLAlchemy's default is psycopg2)
        if db.startswith(plain):
            return "postgresql+psycopg://" + db[len(plain):]
    if "://" in db:
        return db
    return f"sqlite:///{Path(db)}"


def _sqlite_pragmas(dbapi_conn, _record):
    # Turn off pysqlite's own (deferred, lazy) BEGIN: _sqlite_begin emits it.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _sqlite_read_only_pragmas(dbapi_conn, _record):
    """:func:`_sqlite_pragmas` for a file opened read-only: no journal mode to set."""
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA query_only = ON")
    cur.close()


def _writable(path: Path) -> bool:
    """Whether SQLite can write the database file ``path`` (it exists): the file and
    its folder (journal, ``-wal``, ``-shm`` files) writable; ``os.access`` also says
    no on a read-only file system, even to root."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _read_only_uri(path: Path) -> str:
    """SQLite URI filename opening ``path`` read-only: ``mode=ro``, plus
    ``immutable=1`` when the folder cannot be written (SQLite could make no ``-shm``
    file there; it then takes no locks)."""
    from urllib.parse import quote
    immutable = "&immutable=1" if not os.access(path.parent, os.W_OK) else ""
    return f"file:{quote(str(path.absolute()))}?mode=ro{immutable}"


def _sqlite_begin(conn: Connection) -> None:
    """``BEGIN IMMEDIATE`` for writers (see :func:`_writer`), plain ``BEGIN`` for readers; a
    connection's first write transaction sets its page cache to :data:`CACHE_KIB`."""
    if conn.get_execution_options().get(_WRITE):
        if not conn.info.get(_BIG_CACHE):
            conn.exec_driver_sql(f"PRAGMA cache_size = -{CACHE_KIB}")
            conn.info[_BIG_CACHE] = True
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def _writer(engine: Engine) -> Engine:
    """``engine`` whose transactions take the write lock as they begin."""
    return engine.execution_options(**{_WRITE: True})


def _one_line(error: BaseException, limit: int = 300) -> str:
    """A driver's error message as one short line (PostgreSQL's have DETAIL lines)."""
    first = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    return first if len(first) <= limit else first[:limit - 3] + "..."


def _locked(exc: OperationalError) -> bool:
    msg = str(exc.orig).lower()
    return "database is locked" in msg or "database is busy" in msg


def _retry_locked(fn: Callable[[], T]) -> T:
    """``fn()``, retried with a short random back-off while SQLite says the
    database is locked (the busy timeout already waited)."""
    for attempt in range(1, LOCK_ATTEMPTS + 1):
        try:
            return fn()
        except OperationalError as exc:
            if attempt == LOCK_ATTEMPTS or not _locked(exc):
                raise
            time.sleep(random.uniform(0.05, 0.2) * attempt)
    raise AssertionError("unreachable")  # pragma: no cover


def connect(db: str | os.PathLike | None = None, *, create: bool = True, create_dirs: bool = False,
            read_only: bool = False) -> Engine:
    """Open the database, creating it (``create=True``) and migrating it when older.

    A SQLite file that cannot be written (no write permission on it or its folder,
    a read-only file system) is opened read-only with ``read_only`` (SQLite URI
    ``mode=ro``, and ``immutable=1`` when its folder cannot be written, where SQLite
    could not make its ``-shm`` file): queries work; without ``read_only`` (a command
    that writes) it is refused at once: "the database is read-only (PATH)".

    A new database file is created only in an existing folder, unless
    ``create_dirs`` (or the folder is the one of the default location
    :data:`DEFAULT_DB`, ``db/`` in the working folder, however it is named: by
    default, ``--db db/litmine.sqlite`` as the README writes it, or ``db/seed.sqlite``):
    a mistyped ``--db`` folder is an error, not a new database nobody will find.

    Raises:
        DatabaseError: ``create=False`` and the file does not exist; the folder
            does not exist (without ``create_dirs``) or cannot be created; the
            file cannot be opened or is not a SQLite database; or it was
            written by a newer litmine (schema version above :data:`SCHEMA_VERSION`); a
            read-only SQLite file opened without ``read_only``, or with it but needing a migration.
    """
    url = resolve_db(db)
    sqlite = url.startswith("sqlite")
    where = url
    new_file = None            # the SQLite file this call creates
    read_only_uri = None       # a SQLite URI opening the file read-only
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///"):])
        if str(path) not in ("", ":memory:"):
            where = str(path)
            default_folder = os.path.abspath(path.parent) == os.path.abspath(DEFAULT_DB.parent)
            _check_db_path(path, create, create_dirs or default_folder)
            new_file = path if create and not path.exists() else None
            if new_file is None and not _writable(path):
                if not read_only:
                    raise DatabaseError(f"the database is read-only ({where}): this command writes to it "
                                        "(check the permissions of the file and its folder, or copy it)")
                read_only_uri = _read_only_uri(path)
    read_only_file = read_only_uri is not None
    try:
        if read_only_file:       # the URI as SQLite reads it (a SQLAlchemy URL would unquote '#', '?')
            engine = create_engine(url, creator=lambda: sqlite3.connect(
                read_only_uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000, check_same_thread=False))
        else:
            engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000} if sqlite else {})
    except (ImportError, ArgumentError, NoSuchModuleError) as exc:
        raise DatabaseError(f"{where}: cannot use this database URL ({type(exc).__name__}: {exc}); "
                            "litmine is tested with SQLite and PostgreSQL (postgresql://USER@HOST/DB, driver: "
                            "pip install 'psycopg[binary]'): give a file path or such a URL") from None
    if sqlite:
        event.listen(engine, "connect", _sqlite_read_only_pragmas if read_only_file else _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    try:
        _retry_locked(lambda: _set_up(engine, where))
    except DBAPIError as exc:
        engine.dispose()
        _remove_sqlite_file(new_file)
        if read_only_file or "readonly database" in str(exc.orig):
            raise DatabaseError(f"the database is read-only ({where}) and cannot be set up or migrated "
                                f"({_one_line(exc.orig)}); open it once where it can be written") from exc
        raise DatabaseError(f"{where}: cannot open database ({_one_line(exc.orig)}); "
                            f"check that --db names a litmine {'SQLite file' if sqlite else 'database and its server runs'}") from exc
    except DatabaseError:
        engine.dispose()
        _remove_sqlite_file(new_file)
        raise
    engine.litmine_new_file = new_file
    return engine


def close(engine: Engine) -> None:
    """Dispose of ``engine``; a SQLite file that :func:`connect` created for it (it did
    not exist before) and that holds no document is removed again, with its ``-wal``,
    ``-shm`` and ``-journal`` files: an ingest that stored nothing leaves no empty
    database behind. A database that existed before is never removed."""
    path = getattr(engine, "litmine_new_file", None)
    empty = False
    if path is not None:
        try:
            with engine.connect() as conn:
                empty = conn.execute(select(DocumentRow.id).limit(1)).first() is None
        except DBAPIError:
            empty = False
    engine.dispose()
    if empty:
        _remove_sqlite_file(path)


def _remove_sqlite_file(path) -> None:
    """Remove the SQLite file ``path`` (``None``: nothing) and its side files, if there."""
    if path is None:
        return
    for suffix in ("", "-wal", "-shm", "-journal"):
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass
        except OSError:
            return


def _check_db_path(path: Path, create: bool, make_dirs: bool) -> None:
    """Refuse a database path before SQLite sees it, naming the path and what is
    wrong: a folder or a special file (``/dev/null``), a missing file
    (``create=False``), a missing folder (unless
    ``make_dirs``: then it is created), a file where the folder should be, a
    name too long for the file system.

    Raises:
        DatabaseError: as above; one line, the path shortened (:func:`litmine.errors.shorten_path`).
    """
    shown = shorten_path(str(path))
    try:
        if path.is_dir():
            raise DatabaseError(f"{shown}: is a folder, not a database file (give a file in it, e.g. "
                                f"{shorten_path(str(path / 'litmine.sqlite'))})")
        if path.exists() and not path.is_file():
            raise DatabaseError(f"{shown}: not a regular file (a device, pipe or socket); give a database file")
        if not create and not path.exists():
            raise DatabaseError(f"{shown}: no such database (check --db or $LITMINE_DB, "
                                "or create it with litmine ingest)")
        if not create and path.stat().st_size == 0:  # a reading command never turns a file into a database
            raise DatabaseError(f"{shown}: an empty file, not a litmine database yet (litmine ingest "
                                "creates it)")
        folder = path.parent
        if create and not folder.is_dir():
            if folder.exists() or any(p.exists() and not p.is_dir() for p in folder.parents):
                blocker = next(p for p in (folder, *folder.parents) if p.exists())
                raise DatabaseError(f"{shown}: {shorten_path(str(blocker))} is a file, not a folder "
                                    "(choose another --db)")
            if not make_dirs:
                raise DatabaseError(f"{shown}: the folder {shorten_path(str(folder))} does not exist (check --db "
                                    "for a typo, or add --create-dirs to create it)")
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise DatabaseError(f"{shown}: cannot create the database folder "
                                    f"({exc.strerror or exc}); choose another --db") from None
        if create and not path.exists() and not os.access(folder, os.W_OK):
            raise DatabaseError(f"{shown}: cannot create the database: the folder {shorten_path(str(folder))} "
                                "is not writable (read-only or no permission); choose another --db")
    except OSError as exc:       # a name too long, a permission on a parent folder
        raise DatabaseError(f"{shown}: cannot check the database path ({exc.strerror or exc}); "
                            "choose another --db") from None


def _set_up(engine: Engine, where: str) -> None:
    """Create missing tables, migrate an older schema, refuse a newer one; a SQLite
    database without its search index gets it, filled from the stored sentences."""
    search_table = {FTS_TABLE} if engine.dialect.name == "sqlite" else set()
    with engine.connect() as conn:          # the usual case, without taking the write lock
        if _stored_version(conn, where) == SCHEMA_VERSION and \
                set(Base.metadata.tables) | search_table <= set(inspect(conn).get_table_names()):
            return
    with _writer(engine).begin() as conn:
        version = _stored_version(conn, where)
        if version is not None and version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{where}: database schema version {version} is newer than this litmine's "
                f"({SCHEMA_VERSION}); upgrade litmine (pip install -U litmine) or use another --db")
        Base.metadata.create_all(conn)
        try:
            for v in range(SCHEMA_VERSION if version is None else version, SCHEMA_VERSION):
                MIGRATIONS[v](conn)
        except DatabaseError as exc:
            raise DatabaseError(f"{where}: {exc}") from None
        if search_table - set(inspect(conn).get_table_names()):
            fill_search_index(conn)         # new, or its index was dropped (sqlite-utils disable-fts): made whole
        else:
            create_search_index(conn)       # its triggers, where one is missing
        conn.execute(Meta.__table__.delete().where(Meta.key == "schema_version"))
        conn.execute(insert(Meta).values(key="schema_version", value=str(SCHEMA_VERSION)))


def _stored_version(conn: Connection, where: str) -> int | None:
    """The database's schema version: ``None`` for an empty database, 0 for one
    with litmine tables but no version record (made before versioning)."""
    tables = set(inspect(conn).get_table_names())
    if tables and not tables & {"meta", "documents"}:
        raise DatabaseError(f"{where}: not a litmine database (it has other tables: "
                            f"{', '.join(sorted(tables)[:5])}); choose another --db")
    value = None
    if "meta" in tables:
        value = conn.execute(select(Meta.value).where(Meta.key == "schema_version")).scalar()
    if value is None:
        return 0 if "documents" in tables else None
    try:
        return int(value)
    except ValueError:
        raise DatabaseError(f"{where}: schema version {value!r} is not a number: not a litmine database, "
                            "or a damaged one; use another --db") from None


def _add_missing_columns(conn: Connection) -> None:
    """Add every column and index the models have and the database lacks (with
    its default; NULL where it has none).

    v0 -> v1: version 0 is a litmine database without a schema-version record
    (development builds before 0.1.0); v1 -> v2: ``relations.timing`` and
    ``relations.timing_days`` (when training started after injury); v2 -> v3:
    ``sentences.page`` and ``mentions.page`` (NULL for documents stored before:
    re-ingest a PDF into a new database to get its pages)."""
    insp = inspect(conn)
    quote = conn.dialect.identifier_preparer.quote
    for table in Base.metadata.sorted_tables:
        have = {c["name"] for c in insp.get_columns(table.name)}
        for col in table.columns:
            if col.name not in have:
                conn.exec_driver_sql(f"ALTER TABLE {quote(table.name)} ADD COLUMN {_column_ddl(col, conn)}")
        for index in table.indexes:
            index.create(conn, checkfirst=True)


def _column_ddl(col: Column, conn: Connection) -> str:
    """``name TYPE [DEFAULT literal]`` for ``ALTER TABLE ... ADD COLUMN``."""
    if col.primary_key or col.unique:
        raise DatabaseError(f"not a litmine database, or a damaged one: table {col.table.name} has no "
                            f"{col.name} column (choose another --db, or ingest into a new file)")
    ddl = f"{conn.dialect.identifier_preparer.quote(col.name)} {col.type.compile(conn.dialect)}"
    default = col.default.arg if col.default is not None and col.default.is_scalar else None
    if default is not None:
        ddl += " DEFAULT " + str(literal(default).compile(dialect=conn.dialect,
                                                          compile_kwargs={"literal_binds": True}))
    return ddl


def _add_claims(conn: Connection) -> None:
    """v3 -> v4: ``documents.role`` (every stored document ``primary``), the
    ``cited_works``, ``claims`` and ``claim_evidence`` tables (created before the
    migrations run), and the claims base built from the stored relations, documents
    in the order they were ingested. Reference lists of documents stored before v4
    are not parsed (re-ingest with ``--force`` to resolve their citations)."""
    _add_missing_columns(conn)
    rebuild_claims(conn)


def _add_search(conn: Connection) -> None:
    """v4 -> v5: ``sentences.words`` (jieba words of sentences with Han characters) and the
    FTS5 search index ``sentences_fts`` with its triggers (:mod:`litmine.store.search`), filled
    from the stored sentences."""
    _add_missing_columns(conn)
    create_search_index(conn)
    fill_search_index(conn)
def _add_metadata(conn: Connection) -> None:
    """v6 -> v7: bibliographic columns on ``documents`` (title, authors, year, journal,
    doi, pmid, language, source_db, record_key, title_key, label; every stored
    document a plain ``file`` whose ``label`` is its name) and the
    ``document_sources`` table (created before the migrations run), one row per
    stored document: the input it was read from."""
    _add_missing_columns(conn)
    conn.execute(update(DocumentRow).where(DocumentRow.label == "").values(label=DocumentRow.name))
    have = set(conn.execute(select(DocumentSourceRow.document_id)).scalars())
    rows = [dict(document_id=d.id, path=d.path, sha256=d.sha256, format=d.format, source_db="file",
                 record_key="", merged_by="", ingested_at=d.ingested_at)
            for d in conn.execute(select(DocumentRow.id, DocumentRow.path, DocumentRow.sha256, DocumentRow.format,
                                         DocumentRow.ingested_at)) if d.id not in have]
    if rows:
        conn.execute(insert(DocumentSourceRow), rows)


def _add_studies(conn: Connection) -> None:
    """v5 -> v6: the ``studies`` table (created before the migrations run). Documents stored
    before v6 have no studies: re-ingest them with ``--force`` to rebuild their study tables."""
    _add_missing_columns(conn)


def _add_query_keys(conn: Connection) -> None:
    """v7 -> v8: the relations' query keys (``exercise_class``, ``target_key``, ``model_key``,
    ``species_key``, computed from the stored names by :func:`litmine.store.rows.relation_keys`;
    ``sentence_lang`` from the sentence)
    and the indexes of every query filter (``sentences.lang``, ``relations.pain_effect``, the
    keys, each followed by the reading order, and ``ix_relations_order`` for reading in
    document and sentence order; the single-column target id and direction indexes go, being
    the first columns of the new ones)."""
    for old in ("ix_relations_target_id", "ix_relations_direction"):    # now the first columns of *_order
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {old}")
    _add_missing_columns(conn)
    t = RelationRow.__table__
    rows = conn.execute(select(t.c.id, t.c.exercise, t.c.target, t.c.model, t.c.species)).all()
    for i in range(0, len(rows), 5000):
        conn.execute(t.update().where(t.c.id == bindparam("rid")),
                     [dict(relation_keys(*r[1:]), rid=r[0]) for r in rows[i:i + 5000]])
    s = SentenceRow.__table__
    conn.execute(t.update().values(sentence_lang=select(s.c.lang).where(s.c.id == t.c.sentence_id)
                                   .scalar_subquery()))


def _add_text_hash(conn: Connection) -> None:
    """v8 -> v9: ``documents.text_sha256``, the hash of each stored document's cleaned
    text (:func:`litmine.store.rows.text_hash`), with its index; read and written a few
    documents at a time (texts can be large)."""
    _add_missing_columns(conn)
    ids = list(conn.execute(select(DocumentRow.id).where(DocumentRow.text_sha256 == "")).scalars())
    for i in range(0, len(ids), 100):
        batch = conn.execute(select(DocumentRow.id, DocumentRow.text).where(DocumentRow.id.in_(ids[i:i + 100])))
        todo = [dict(did=d, digest=text_hash(t or "")) for d, t in batch]
        if todo:
            conn.execute(DocumentRow.__table__.update().where(DocumentRow.__table__.c.id == bindparam("did"))
                         .values(text_sha256=bindparam("digest")), todo)


def document_by_text(engine: Engine, digest: str) -> tuple[int, str] | None:
    """``(id, label or name)`` of the first stored document whose cleaned text has the hash
    ``digest`` (:func:`litmine.store.rows.text_hash`), or ``None``."""
    if not digest:
        return None
    with engine.connect() as conn:
        row = conn.execute(_DOC_BY_TEXT, {"digest": digest}).first()
    return (row.id, row.label or row.name) if row else None


#: Indexes v10 no longer has: ``claim_evidence.claim_id`` is the first column of the unique
#: (claim_id, relation_id) index, which serves every look-up by claim; no query filters on
#: ``claim_evidence.stance`` alone (stances are counted per claim or per document, by those
#: indexes). Each cost every stored document ~19 and ~8 of the ~340 pages its transaction writes.
DROPPED_INDEXES = ("ix_claim_evidence_claim_id", "ix_claim_evidence_stance")


def _drop_redundant_indexes(conn: Connection) -> None:
    """v9 -> v10: drop :data:`DROPPED_INDEXES` (where present)."""
    for name in DROPPED_INDEXES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")


def _split_claim_contexts(conn: Connection, batch: int = 500) -> None:
    """v10 -> v11: each claim's contexts (``"contexts"`` of its JSON ``state``: direction ->
    {context key: documents}) become ``claim_contexts`` rows (the table is created before the
    migrations run), and the state is written again without them (the other parts as they
    were, keys sorted: what :meth:`litmine.consensus.ClaimState.to_json` writes with
    ``contexts=False``). Claims are read ``batch`` at a time, in id order; nothing else changes
    (scores, stances and evidence are the same)."""
    last = 0
    while True:
        found = conn.execute(select(ClaimRow.id, ClaimRow.state).where(ClaimRow.id > last)
                             .order_by(ClaimRow.id).limit(batch)).all()
        if not found:
            return
        contexts, states = [], []
        for claim_id, state in found:
            parts = json.loads(state or "{}")
            for direction, counts in (parts.pop("contexts", None) or {}).items():
                contexts.extend(dict(claim_id=claim_id, direction=direction, context=context, documents=n)
                                for context, n in counts.items())
            states.append(dict(state=json.dumps(parts, ensure_ascii=False, sort_keys=True), _id=claim_id))
        insert_many(conn, ClaimContextRow.__table__, contexts)
        update_many(conn, ClaimRow.__table__, states)
        last = found[-1][0]


def _recount_claims(conn: Connection) -> None:
    """v11 -> v12: ``claims.documents_mixed`` (documents with sentences both for and against the
    claim's direction), and the claims base rebuilt from the stored relations (documents in
    ingest order): the headline direction is now chosen from every document's evidence,
    ``context_differs`` included, and ``documents_for``/``documents_against`` count documents
    only agreeing / only opposing (:mod:`litmine.consensus`); claim ids are assigned anew."""
    _add_missing_columns(conn)
    rebuild_claims(conn)


#: Indexes v13 no longer has: no query, export, claims or search statement reads through them
#: (``EXPLAIN QUERY PLAN``: a document's relations are found through ``ix_relations_order``,
#: whose first column is ``document_id``, the cascade from ``documents`` included; query filters
#: use the folded keys, ``exercise_class`` and ``model_key``, not the names; mentions are read by
#: document, never by concept). Each cost every stored relation or mention one more b-tree
#: insert, the name and concept ones at a page of their own: the random index pages a
#: document's transaction writes grow with the database.
UNUSED_INDEXES = ("ix_relations_document_id", "ix_relations_exercise", "ix_relations_model",
                  "ix_mentions_concept_id")


def _drop_unused_indexes(conn: Connection) -> None:
    """v12 -> v13: drop :data:`UNUSED_INDEXES` (where present); no row changes."""
    for name in UNUSED_INDEXES:
        conn.exec_driver_sql(f"DROP INDEX IF EXISTS {name}")


#: ``MIGRATIONS[v](conn)`` turns a version-``v`` database into version ``v + 1``
#: (run in :func:`connect`'s set-up transaction: all or nothing).
MIGRATIONS: dict[int, Callable[[Connection], None]] = {0: _add_missing_columns, 1: _add_missing_columns,
                                                       2: _add_missing_columns, 3: _add_claims, 4: _add_search,
                                                       5: _add_studies, 6: _add_metadata, 7: _add_query_keys,
                                                       8: _add_text_hash, 9: _drop_redundant_indexes,
                                                       10: _split_claim_contexts, 11: _recount_claims,
                                                       12: _drop_unused_indexes}


def rebuild_claims_base(engine: Engine, progress: Callable | None = None) -> int:
    """Rebuild the claims base from the stored relations
    (:func:`litmine.store.claims.rebuild_claims`) in one write transaction: all or nothing,
    retried while another process holds the write lock. Returns the number of documents.

    Raises:
        DatabaseError: the write failed (the claims base is left as it was).
    """
    try:
        return _retry_locked(lambda: _rebuild(engine, progress))
    except DBAPIError as exc:
        raise DatabaseError(f"claims rebuild failed ({exc.orig}); the claims base is unchanged") from exc


def _rebuild(engine: Engine, progress) -> int:
    with _writer(engine).begin() as conn:
        return rebuild_claims(conn, progress)


def document_id_by_hash(engine: Engine, sha256: str) -> int | None:
    """Id of the stored document with this content hash, or ``None``."""
    with engine.connect() as conn:
        return conn.execute(_DOC_BY_SHA, {"sha": sha256}).scalar()


def write_document(engine: Engine, rows: DocumentRows, *, replace: bool = False,
                   replace_id: int | None = None, sources: list[SourceValues] | None = None,
                   stances: Counter | None = None) -> int:
    """Store one document's rows (see :func:`litmine.store.rows.document_rows`)
    in a single transaction, and add its relations to the claims base
    (:func:`litmine.store.claims.add_document_claims`); returns the document id.
    The input it was read from becomes a ``document_sources`` row.

    With ``replace``, a stored document with the same content hash is replaced
    in the same transaction: its evidence is taken off the claims, its rows are
    deleted, and the new rows are stored under the same id. ``replace_id``
    replaces the stored document with that id the same way, whatever its hash
    (an edited file read again from the same path, or a record's abstract
    replaced by its PDF's full text); its ``document_sources`` rows are kept,
    and the new input's row added (or updated, for the same path and record).
    ``sources``: more ``document_sources`` rows to add (duplicates merged into
    the document, :mod:`litmine.pipeline`). ``stances``: a Counter that is given the
    stances of the document's relations once it is stored (what
    :func:`litmine.store.claims.stance_counts` would read back).

    The transaction takes the write lock first (SQLite: ``BEGIN IMMEDIATE``)
    and is retried while the database is locked by other processes.

    Raises:
        TypeError: ``rows`` is not a :class:`~litmine.store.rows.DocumentRows`.
        DuplicateDocumentError: without ``replace``, a document with the same
            content hash is already stored (e.g. by another process meanwhile);
            nothing written.
        DatabaseError: the write failed (nothing of the document is stored).
    """
    if not isinstance(rows, DocumentRows):
        raise TypeError(f"write_document takes litmine.store.rows.DocumentRows, not {type(rows).__name__}; "
                        "build them with litmine.store.rows.document_rows(processed)")
    try:
        doc_id, found = _retry_locked(lambda: _write(engine, rows, replace, replace_id, sources or []))
        if stances is not None:
            stances.update(found)
        return doc_id
    except IntegrityError as exc:
        existing = document_id_by_hash(engine, rows.sha256)
        if existing is not None:
            raise DuplicateDocumentError(rows.path, existing) from None
        raise DatabaseError(f"{rows.path}: database write failed ({_one_line(exc.orig)}); nothing of it was "
                            "stored (report this as a bug)") from exc
    except DBAPIError as exc:
        raise DatabaseError(f"{rows.path}: database write failed ({_one_line(exc.orig)}); nothing of it was "
                            "stored (check the disk and --db, then re-run)") from exc


def _now() -> str:
    """The time now (UTC), ISO 8601 to the second: ``ingested_at`` values."""
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


def _write(engine: Engine, rows: DocumentRows, replace: bool = False, replace_id: int | None = None,
           sources: list[SourceValues] = ()) -> tuple[int, Counter]:
    # one executemany a table through the driver (store.bulk): SQLAlchemy's per-row parameter
    # handling costs more than SQLite's own work on a document's few hundred rows
    with _writer(engine).begin() as conn:
        doc_id, found = _store(conn, rows, replace, replace_id, sources, _now())
        info = conn.info
    if not isinstance(engine, WriteBatch):    # a batch marks its claims committed when it commits
        claims_committed(info)
    return doc_id, found


def _store(conn: Connection, rows: DocumentRows, replace: bool, replace_id: int | None,
           sources: list[SourceValues], now: str) -> tuple[int, Counter]:
    """One document's rows and claims on ``conn``'s write transaction (see :func:`_write`)."""
    if True:  # noqa: SIM108 -- kept as a block: the statements below were the body of _write's transaction
        existing = conn.execute(_DOC_BY_SHA, {"sha": rows.sha256}).scalar()
        keep_id = {}
        if existing is not None and existing != replace_id:
            if not replace or replace_id is not None:
                raise DuplicateDocumentError(rows.path, existing)
        target = replace_id if replace_id is not None else existing
        kept_sources = []
        if target is not None:
            kept_sources = [dict(r._mapping) for r in conn.execute(
                select(DocumentSourceRow.__table__).where(DocumentSourceRow.document_id == target))]
            remove_document_claims(conn, target)
            conn.execute(delete(DocumentRow).where(DocumentRow.id == target))   # rows cascade
            keep_id = {"id": target}
        doc_id = conn.execute(_INSERT_DOC, dict(keep_id, **values(rows.document), ingested_at=now)
                              ).inserted_primary_key[0]
        own = rows.source
        kept_sources = [r for r in kept_sources if (r["path"], r["record_key"]) != (own.path, own.record_key)]
        insert_many(conn, DocumentSourceRow.__table__, kept_sources)
        insert_many(conn, DocumentSourceRow.__table__, [dict(values(v), document_id=doc_id, ingested_at=now)
                                                        for v in [own, *sources]])
        sent_ids = {}
        if rows.sentences:
            insert_many(conn, SentenceRow.__table__, [dict(values(s), document_id=doc_id) for s in rows.sentences])
            for sid, idx in conn.execute(_SENTENCE_IDS, {"doc": doc_id}):
                sent_ids[idx] = sid
        # concepts stored already are skipped by the database (INSERT OR IGNORE / ON CONFLICT DO
        # NOTHING: one primary-key look-up each, as a SELECT of the known ids would be)
        insert_many(conn, ConceptRow.__table__, [values(c) for c in rows.concepts], or_ignore=True)
        insert_many(conn, MentionRow.__table__, [_in_sentence(m, doc_id, sent_ids) for m in rows.mentions])
        insert_many(conn, AbbreviationRow.__table__, [dict(values(a), document_id=doc_id) for a in rows.abbreviations])
        relations = []
        if rows.relations:
            langs = {s.idx: s.lang for s in rows.sentences}
            relations = [_with_keys(_in_sentence(r, doc_id, sent_ids), langs[r.sentence]) for r in rows.relations]
            insert_many(conn, RelationRow.__table__, relations)
            rel_ids = conn.execute(_RELATION_IDS, {"doc": doc_id}).scalars().all()
            relations = [dict(r, id=rid) for r, rid in zip(relations, rel_ids)]
        insert_many(conn, CitedWorkRow.__table__, [dict(values(w), document_id=doc_id) for w in rows.cited_works])
        insert_many(conn, StudyRow.__table__, [dict(values(st), document_id=doc_id) for st in rows.studies])
        found = add_document_claims(conn, doc_id, stored_evidence(rows, relations, doc_id), cached=True)
    return doc_id, found


def _in_sentence(row, doc_id: int, sent_ids: dict[int, int]) -> dict:
    """A mention or relation row's columns, its sentence index replaced by the sentence id."""
    d = values(row)
    d["sentence_id"] = sent_ids[d.pop("sentence")]
    d["document_id"] = doc_id
    return d


def add_source(engine: Engine, document_id: int, source: SourceValues, metadata: dict | None = None) -> None:
    """Record that ``source`` (a duplicate of stored document ``document_id``) was
    merged into it, in one transaction: a ``document_sources`` row (replacing one
    for the same path and record), and the metadata columns the document lacks
    filled from ``metadata`` (:func:`litmine.store.rows.metadata_values`: a DOI
    or a PMID the first source did not have). Nothing else of the document changes.

    Raises:
        DatabaseError: the write failed (nothing written).
    """
    def run():
        with _writer(engine).begin() as conn:
            doc = conn.execute(select(DocumentRow.__table__).where(DocumentRow.id == document_id)).first()
            if doc is None:
                return
            conn.execute(delete(DocumentSourceRow).where(DocumentSourceRow.document_id == document_id,
                                                         DocumentSourceRow.path == source.path,
                                                         DocumentSourceRow.record_key == source.record_key))
            conn.execute(insert(DocumentSourceRow).values(**values(source), document_id=document_id,
                                                          ingested_at=_now()))
            fill = {k: v for k, v in (metadata or {}).items()
                    if k in _FILLABLE and v not in (None, "", "[]") and doc._mapping[k] in (None, "", "[]")}
            if "authors" in fill and (metadata or {}).get("label"):
                fill["label"] = metadata["label"]
            if fill:
                conn.execute(update(DocumentRow).where(DocumentRow.id == document_id).values(**fill))
    try:
        _retry_locked(run)
    except DBAPIError as exc:
        raise DatabaseError(f"{source.path}: database write failed ({exc.orig}); nothing of it was stored "
                            "(check the disk and --db, then re-run)") from exc


#: Metadata columns a merged duplicate may fill when the stored document lacks them.
_FILLABLE = ("title", "authors", "year", "journal", "doi", "pmid", "language", "title_key")


def find_duplicate(engine: Engine, *, doi: str = "", pmid: str = "", title_key: str = "",
                   path: str = "", record_key: str = "") -> tuple[int, str] | None:
    """The stored document a new input duplicates, and the key that matched:
    ``(id, "doi" | "pmid" | "title" | "source")``, or ``None``.

    Tried in order: a stored input with the same ``path`` (made absolute, as
    :func:`litmine.store.rows.source_path` stores it, or as given) and ``record_key``
    (``"source"``: the same record, or the same file, read again -- an edited
    version when its content hash differs; an input that was merged into a
    document gives the key it was merged by), the ``doi``, the ``pmid``, the
    ``title_key`` (:mod:`litmine.text.biblio`); empty keys are not tried.
    """
    with engine.connect() as conn:
        # the absolute path rows are stored with, then the path as given (rows stored before were relative)
        for p in dict.fromkeys((os.path.abspath(path), path) if path else ()):
            found = conn.execute(_SOURCE_BY_PATH, {"path": p, "record_key": record_key}).first()
            if found:
                return found[0], found[1] or "source"
        for key, value in (("doi", doi), ("pmid", pmid), ("title", title_key)):
            if value:
                found = conn.execute(_DOC_BY_KEY[key], {"value": value}).first()
                if found:
                    return found[0], key
    return None


def source_document(engine: Engine, sha256: str) -> int | None:
    """The document an input with this content hash was stored as or merged into
    (``document_sources.sha256``), or ``None``: a record read again unchanged is
    skipped by its hash alone."""
    with engine.connect() as conn:
        return conn.execute(_SOURCE_BY_SHA, {"sha": sha256}).scalar()


def stored_record(engine: Engine, document_id: int) -> BibRecord | None:
    """A stored document's metadata as a :class:`~litmine.types.BibRecord` (``fmt``
    is the document's ``format``: ``record`` for an export record's title and
    abstract, ``pdf``/``txt`` for full text; ``abstract`` is not filled), ``None``
    if no such document."""
    with engine.connect() as conn:
        d = conn.execute(select(DocumentRow.title, DocumentRow.authors, DocumentRow.year, DocumentRow.journal,
                                DocumentRow.doi, DocumentRow.pmid, DocumentRow.language, DocumentRow.source_db,
                                DocumentRow.record_key, DocumentRow.format)
                         .where(DocumentRow.id == document_id)).first()
    if d is None:
        return None
    return BibRecord(title=d.title or "", authors=json.loads(d.authors or "[]"), year=d.year,
                     journal=d.journal or "", doi=d.doi or "", pmid=d.pmid or "", language=d.language or "",
                     source_db=d.source_db or "file", key=d.record_key or "", fmt=d.format)


def document_label(engine: Engine, document_id: int) -> str:
    """A stored document's display label ("Smith et al. 2021", else its name); ``""`` if absent."""
    with engine.connect() as conn:
        return conn.execute(select(DocumentRow.label).where(DocumentRow.id == document_id)).scalar() or ""


def merge_report(engine: Engine) -> list[dict]:
    """Every merged duplicate: dicts with ``document_id``, ``label`` (the document
    it was merged into), ``path``, ``record_key``, ``source_db``, ``merged_by``
    (doi, pmid or title) and ``ingested_at``, in merge order."""
    q = (select(DocumentSourceRow.document_id, DocumentRow.label, DocumentSourceRow.path,
                DocumentSourceRow.record_key, DocumentSourceRow.source_db, DocumentSourceRow.merged_by,
                DocumentSourceRow.ingested_at)
         .join(DocumentRow, DocumentRow.id == DocumentSourceRow.document_id)
         .where(DocumentSourceRow.merged_by != "").order_by(DocumentSourceRow.id))
    with engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(q)]


def _with_keys(d: dict, sentence_lang: str) -> dict:
    """A relation row's columns with its query keys (:func:`litmine.store.rows.relation_keys`,
    and the language of its sentence)."""
    d.update(relation_keys(d["exercise"], d["target"], d["model"], d["species"]), sentence_lang=sentence_lang)
    return d


def schema_version(engine: Engine) -> int:
    """The schema version recorded in the database."""
    with engine.connect() as conn:
        return int(conn.execute(text("SELECT value FROM meta WHERE key='schema_version'")).scalar())


#: A :class:`WriteBatch` commits once it holds this many documents ...
BATCH_DOCUMENTS = 16
#: ... or once its transaction has been open this many seconds (wall clock).
BATCH_SECONDS = 1.0


class WriteBatch:
    """Several documents' writes in ONE SQLite transaction (group commit), for the single
    writer of ``ingest --workers N`` (:mod:`litmine.pipeline`).

    Stands for the engine: the store functions (:func:`write_document`, :func:`add_source`,
    :func:`find_duplicate`, :func:`document_id_by_hash`, :func:`litmine.store.claims.set_role`
    ...) take it where they take an :class:`~sqlalchemy.engine.Engine`. Every ``connect()``
    and ``begin()`` gives the batch's one connection, inside its open transaction, so reads see
    the documents written before in the batch, as one-at-a-time commits would have shown them.
    The transaction starts at the first use (``BEGIN IMMEDIATE``: the write lock, held until
    :meth:`commit`; other writing processes wait for it, up to the busy timeout) and ends at
    :meth:`commit` or :meth:`rollback`: a batch not committed leaves the database as it was
    before it -- whole documents or none.

    A ``begin()`` block that raises before writing anything (a duplicate found by its first
    look-up) leaves the batch as it was. One that raises after writing (a database error, an
    interrupt in the middle of a document) cannot be undone alone -- a SAVEPOINT per document
    would, but costs what batching saves -- so the whole batch is rolled back at once
    (:attr:`aborts` counts these): the caller writes the batch's earlier documents again
    (:mod:`litmine.pipeline` keeps how) or reports them not stored. The claims cache
    (:func:`litmine.store.claims._cache`) is used across the batch's documents, marked
    committed at :meth:`commit`, dropped when a block raises and at a rollback.

    Why: a transaction per document wrote every page it touched to the WAL once per document
    (claims, the relations' and mentions' indexes, the full-text index's new segment: ~420
    pages), most of them the same pages as the next document's; the store stage of the
    throughput corpus (``--scale 0.2``) costs 10-20% less CPU in batches of 16.

    ``documents``/``seconds``: when :meth:`due` says to commit (``None``: :data:`BATCH_DOCUMENTS`,
    :data:`BATCH_SECONDS`). SQLite only; :func:`batched` gives ``None`` elsewhere.
    """

    def __init__(self, engine: Engine, documents: int | None = None, seconds: float | None = None):
        self.engine = engine
        self.documents = BATCH_DOCUMENTS if documents is None else documents
        self.seconds = BATCH_SECONDS if seconds is None else seconds
        self.dialect = engine.dialect
        self.written = 0             # write blocks (begin()) completed in the open transaction
        self.commits = 0             # transactions committed (or tried)
        self.aborts = 0              # batches rolled back because a block failed after writing
        self._conn: Connection | None = None
        self._tx = None
        self._started = 0.0

    def _open(self) -> Connection:
        if self._conn is None:
            conn = _writer(self.engine).connect()
            try:
                self._tx = _retry_locked(conn.begin)
            except BaseException:
                conn.close()
                raise
            self._conn, self._started, self.written = conn, time.perf_counter(), 0
        return self._conn

    def execution_options(self, **_options) -> "WriteBatch":
        """The batch itself (its connection takes the write lock already)."""
        return self

    @contextmanager
    def connect(self):
        """The batch's connection, in its open transaction (not closed on exit)."""
        yield self._open()

    @contextmanager
    def begin(self):
        """A write block on the batch's transaction (see the class docstring for a block that
        raises)."""
        conn = self._open()
        raw = conn.connection.dbapi_connection
        before = raw.total_changes
        try:
            yield conn
        except BaseException:
            drop_claims_cache(conn)
            if self._conn is conn and raw.total_changes != before:
                self.aborts += 1
                self.rollback()
            raise
        self.written += 1

    @property
    def open(self) -> bool:
        """Whether a transaction is open (something read or written since the last commit)."""
        return self._conn is not None

    def due(self) -> bool:
        """Whether to commit now: :attr:`documents` writes, or :attr:`seconds` since the
        transaction began."""
        return self._conn is not None and (self.written >= self.documents
                                           or time.perf_counter() - self._started >= self.seconds)

    def left(self) -> float:
        """Seconds until :meth:`due` says to commit by time (0 when due; :attr:`seconds` when
        nothing is open)."""
        if self._conn is None:
            return self.seconds
        return max(0.0, self.seconds - (time.perf_counter() - self._started))

    def commit(self) -> None:
        """Commit the open transaction (nothing open: nothing to do).

        Raises:
            DatabaseError: the commit failed; nothing of the batch is stored (rolled back).
        """
        if self._conn is None:
            return
        conn, self._conn = self._conn, None
        self.commits += 1
        try:
            self._tx.commit()
            claims_committed(conn.info)
        except DBAPIError as exc:
            drop_claims_cache(conn)
            self._tx.rollback()
            raise DatabaseError(f"database commit failed ({_one_line(exc.orig)}); nothing of the last "
                                f"{self.written} documents was stored (check the disk and --db, then re-run)") from exc
        finally:
            conn.close()

    def rollback(self) -> None:
        """Roll the open transaction back (the database as before it); nothing open: nothing."""
        if self._conn is None:
            return
        conn, self._conn = self._conn, None
        try:
            drop_claims_cache(conn)
            self._tx.rollback()
        finally:
            conn.close()


def batched(engine: Engine, documents: int | None = None, seconds: float | None = None) -> WriteBatch | None:
    """A :class:`WriteBatch` on a SQLite ``engine``; ``None`` for other databases (PostgreSQL
    commits are not what costs there: each document keeps its own transaction)."""
    if engine.dialect.name != "sqlite":
        return None
    return WriteBatch(engine, documents, seconds)
