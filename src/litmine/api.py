"""litmine's Python API: what ``import litmine`` offers (re-exported there).

Every function takes ``db`` as a database file path, a SQLAlchemy URL, an
:class:`~sqlalchemy.engine.Engine` from :func:`connect`, or ``None`` for
``$LITMINE_DB`` or ``db/litmine.sqlite``. A path or URL is opened for the call
and closed after it; pass an engine to reuse one connection pool.

Errors are :class:`litmine.errors.LitmineError` subclasses with one-line
messages (the CLI prints them as they are); invalid argument values raise
:class:`litmine.errors.UsageError`, a ``LitmineError`` that is also a
``ValueError``.

The heavy stages (spaCy, SQLAlchemy) are imported on first use, so
``import litmine`` stays fast.
"""
from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Union

from .errors import UsageError
from .types import DIRECTIONS, LANGS, MAX_FILTER_CHARS, MAX_REFERENCE_CHARS, PAIN_EFFECTS, Limits

if TYPE_CHECKING:  # annotations only
    from sqlalchemy.engine import Engine

    from .formats.export import ExportResult
    from .formats.plots import PlotResult
    from .store.report import DocumentReport
    from .pipeline import IngestResult, ProcessedDocument

__all__ = ["connect", "ingest", "merge_report", "process_text", "query", "iter_query", "search", "export", "compare",
           "claims", "show_claim", "set_role", "stats", "studies", "document_report", "html_report", "evidence_map",
           "rebuild_claims"]

DB = Union[str, os.PathLike, "Engine", None]
#: A filter that takes several values: one string, a list or tuple of them (any matches: OR),
#: or ``None`` (no filter).
Filter = Union[str, list, tuple, None]


def connect(db: Union[str, os.PathLike, None] = None, *, create: bool = True,
            create_dirs: bool = False, read_only: bool = False) -> "Engine":
    """Open a litmine database and return its SQLAlchemy engine.

    Args:
        db: file path or SQLAlchemy URL; ``None``: ``$LITMINE_DB`` or ``db/litmine.sqlite``.
        create: create the file when missing; with ``False`` a missing file
            is an error. An older schema is migrated.
        create_dirs: also create a missing folder (otherwise only the default
            location's folder is created: a mistyped folder is an error).
        read_only: open a SQLite file that cannot be written read-only (for queries);
            without it such a file is a DatabaseError "the database is read-only (PATH)".
    Raises:
        DatabaseError: the database cannot be opened or created (or its folder
            does not exist), is not a litmine database, or was written by a newer litmine.
    """
    from .store.db import connect as _connect
    return _connect(db, create=create, create_dirs=create_dirs, read_only=read_only)


def close(engine: "Engine") -> None:
    """Close an engine from :func:`connect`: a database file that ``connect`` created
    and that still holds no document is removed (a failed first ingest leaves no
    empty file); see :func:`litmine.store.db.close`."""
    from .store.db import close as _close
    _close(engine)


@contextlib.contextmanager
def _opened(db: DB, create: bool = False, create_dirs: bool = False, write: bool = False) -> Iterator["Engine"]:
    """``db`` as an engine; one opened here is closed afterwards (:func:`close`: a file
    created here that holds no document is removed). Without ``write`` or ``create``
    (a call that only reads) a file that cannot be written is opened read-only."""
    if hasattr(db, "dialect"):
        yield db
        return
    engine = connect(db, create=create, create_dirs=create_dirs, read_only=not (write or create))
    try:
        yield engine
    finally:
        close(engine)


def ingest(paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]], db: DB = None, *,
           strict: bool = False, encoding: Optional[str] = None, all_files: bool = False,
           create_dirs: bool = False, role: Optional[str] = None, force: bool = False, workers: int = 1,
           on_result: Optional[Callable[["IngestResult"], None]] = None,
           limits: Optional[Limits] = None,
           on_start: Optional[Callable[[str], None]] = None, fmt: Optional[str] = None) -> list["IngestResult"]:
    """Read, process and store papers (``.txt``, ``.md``, ``.pdf``, saved ``.html`` pages), search exports
    (PubMed XML, MEDLINE, RIS, EndNote XML, BibTeX, CNKI/Wanfang/VIP text, Zotero
    RDF, CSL JSON, ``zotero.sqlite``: one document per record) and folders (recursively).

    An export's format is detected from its content (``fmt`` names it instead,
    for every file: :data:`litmine.io.FORMATS`, ``txt`` or ``pdf``). A record's
    document is its title and abstract, or its attached PDF's full text.
    Duplicates across sources (same DOI, PMID, or title + year + first author)
    become one document: the later ones are ``merged`` into it (see
    :func:`merge_report`). A file read again from the same path with other
    content (an edited file) replaces the document stored from it, in one
    transaction (``replaced``, ``reason`` says so).

    Each document is stored in one transaction, whole or not at all; a file
    whose content (sha256) is already stored is ``skipped``; a file that cannot
    be read is ``failed`` and the batch goes on (unless ``strict``). In
    folders, hidden and README/LICENSE-like files are ``ignored`` (not read)
    unless ``all_files``; a file named in ``paths`` is always read.

    Args:
        paths: one path or several.
        db: the database (created when missing, in an existing folder unless ``create_dirs``;
            a file created here is removed again when no document was stored in it).
        strict: raise at the first failure instead of going on.
        encoding: text encoding of ``.txt`` files (e.g. ``"gb18030"``) instead of detection.
        all_files: in folders, read hidden and README/LICENSE-like files too.
        create_dirs: create a missing database folder.
        role: ``"review"`` or ``"primary"``: the role of the documents stored (``None``:
            ``primary`` for new documents; a stored document keeps its own).
        force: process documents already stored again and replace them (same id), their
            evidence on the claims with them.
        workers: processes running the NLP (each loads the models once); this process alone
            reads, decides and writes, in input order, so the database holds what one worker stores.
        on_result: called with each :class:`~litmine.pipeline.IngestResult` as
            soon as its file is done (progress reporting).
        limits: size and time limits per document (:class:`~litmine.types.Limits`;
            the defaults when ``None``); a document past one is "failed"
            (``LimitError``), nothing of it stored.
        on_start: called with each file's path (as results show it) when its
            work begins (progress reporting; the file in progress at an interrupt).
    Returns:
        one :class:`~litmine.pipeline.IngestResult` per file (``status``
        "stored", "skipped", "failed" (``error`` says why) or "ignored"
        (``reason``); a stored one's ``stances`` count its relations by stance
        toward the claims base), in input order, plus one "failed" result per path that
        cannot be listed.
    Raises:
        DatabaseError: the database cannot be opened.
        LitmineError: with ``strict``, the first failure (``InputError``,
            ``ProcessingError``, ``DatabaseError``).
        KeyboardInterrupt: passed on; every document already reported is stored.
        UsageError (a ValueError): ``encoding`` is no codec Python knows, or ``workers`` is not 1 to
            :data:`~litmine.types.MAX_WORKERS` (checked before any file).
    """
    from .pipeline import check_workers
    from .pipeline import ingest as _ingest
    check_workers(workers)          # before the database is opened (or created)
    if encoding is not None:
        import codecs
        try:
            codecs.lookup(encoding)
        except LookupError:
            raise UsageError(f"encoding {encoding!r}: not an encoding Python knows (e.g. utf-8, gb18030)") from None
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out = []
    with _opened(db, create=True, create_dirs=create_dirs) as engine:
        for res in _ingest(paths, engine, strict=strict, encoding=encoding, all_files=all_files, role=role,
                           force=force, limits=limits, on_start=on_start, fmt=fmt, workers=workers):
            out.append(res)
            if on_result is not None:
                on_result(res)
    return out


def merge_report(db: DB = None) -> list[dict]:
    """Every duplicate merged into a stored document, in merge order.

    Returns:
        dicts with ``document_id`` and ``label`` (the document kept),
        ``path`` and ``record_key`` (the input merged into it), ``source_db``
        (``pubmed``, ``cnki``...), ``merged_by`` (``doi``, ``pmid``, ``title``
        or ``file``: the key that matched) and ``ingested_at``.
    Raises:
        DatabaseError: the database does not exist or cannot be opened.
    """
    from .store.db import merge_report as _merge_report
    with _opened(db) as engine:
        return _merge_report(engine)


def process_text(text: str, name: str = "text.txt") -> "ProcessedDocument":
    """Run the pipeline (clean, segment, tag, relate) on a string; nothing is stored.

    Args:
        text: the document text (Chinese, English or mixed).
        name: the document name it is processed as (a UTF-8 ``.txt`` file).
    Returns:
        a :class:`~litmine.nlp.processed.ProcessedDocument`: ``document``
        (cleaned text), ``sentences``, ``mentions`` and ``relations``
        (:class:`~litmine.types.Relation`: exercise, direction, target,
        context, protocol), all with character offsets into ``document.text``.
    """
    from .pipeline import process_text as _process_text
    return _process_text(text, name)


def _each(value) -> tuple:
    """A filter's values: ``()`` for ``None``, ``(value,)`` for one string, else the items."""
    if value is None:
        return ()
    return (value,) if isinstance(value, str) else tuple(value)


def _choice(name: str, value, choices: tuple) -> None:
    """UsageError unless ``value`` (one string, several, or ``None``) is among ``choices``."""
    for v in _each(value):
        if v not in choices:
            raise UsageError(f"{name}={v!r}: choose one of {', '.join(choices)}")


def _simplified(value):
    """A text filter in Simplified characters when written in Traditional ones (OpenCC t2s, as
    documents are stored: :func:`litmine.text.script.to_simplified`), else as given; several
    values (a list or tuple) -> a tuple of each simplified."""
    if value is not None and not isinstance(value, str):
        return tuple(_simplified(v) for v in value)
    if not value:
        return value
    from .text.script import to_simplified
    return to_simplified(value)[0]


def _length(name: str, value, most: int) -> None:
    """UsageError for a filter (one string or a list/tuple of them) that is empty or only spaces (it would
    match everything: ``None`` means no filter), an empty list, not text (``target=5``), or longer than
    ``most`` characters (before any SQL)."""
    if value is not None and not isinstance(value, str):
        if not isinstance(value, (list, tuple)):
            raise UsageError(f"{name}={value!r}: give a string, a list of strings or None")
        if not value:
            raise UsageError(f"{name}=[]: give at least one value (None for no filter)")
        for v in value:
            if not isinstance(v, str):
                raise UsageError(f"{name} holds {v!r}: give strings")
            _length(name, v, most)
        return
    if value is not None and not value.strip():
        raise UsageError(f"{name}={value!r}: give a non-empty value (None for no filter)")
    if value is not None and len(value) > most:
        raise UsageError(f"{name} is {len(value):,} characters long: give at most {most:,}")


#: The one message of ``raw_direction`` without a ``direction`` (API and CLI): it only says how a
#: direction filter matches, so alone it would be silently ignored.
RAW_WITHOUT_DIRECTION = ("{raw} says how {direction} matches (the stored direction, whatever its negation) "
                         "and no {direction} is given: give {direction} too, or leave {raw} out")


def query(db: DB = None, *, exercise: Filter = None, target: Filter = None,
          direction: Filter = None, model: Optional[str] = None, species: Optional[str] = None,
          lang: Optional[str] = None, doc: Optional[str] = None, pain_effect: Optional[str] = None,
          include_negated: bool = True, limit: Optional[int] = None, raw_direction: bool = False) -> list[dict]:
    """Exercise -> effect relations with their evidence sentences, filtered.

    Text filters (``exercise``, ``target``, ``model``, ``species``) match whole
    names, case-insensitively, never substrings (``target="IL-1"`` does not find
    IL-10), and any lexicon synonym in either language (``target="TNF"``,
    ``"TNF-alpha"`` or ``"肿瘤坏死因子"`` finds TNF-α; a concept id such as
    ``"HGNC:11892"`` matches the target id); ``exercise`` matches an exercise class
    and the classes under it (``"aerobic"`` finds treadmill and swimming). Rows are
    read from the database as they are needed (:func:`iter_query` streams them). ``doc`` is a document
    reference: a path to the file, a stored name, a name prefix or a
    content-hash prefix (:func:`litmine.store.queries.matching_documents`). ``direction`` is one of
    :data:`~litmine.types.DIRECTIONS`, ``lang`` of :data:`~litmine.types.LANGS`,
    ``pain_effect`` of :data:`~litmine.types.PAIN_EFFECTS`. ``exercise``, ``target`` and
    ``direction`` take one value or a list of them (rows matching any: OR).

    ``direction`` is the direction a relation asserts, as the claims base counts it
    (:func:`litmine.consensus.effective_direction`): a negated increase or decrease ("failed
    to attenuate X") answers ``"no_change"``, not its stored direction; ``raw_direction=True``
    matches the stored direction whatever its negation (the ``negated`` column tells them apart).

    Returns:
        dicts with the keys of :data:`litmine.store.queries.RELATION_COLUMNS`
        (``doc``, ``sentence``, ``exercise``, ``direction``, ``target``,
        ``target_id``, ``model``, ``species``, ``tissue``, ``duration`` ...;
        ``duration_days_*`` in days, ``minutes_*`` per session, ``speed`` in
        m/min; ``sentence_start``/``sentence_end`` character offsets), in
        document and sentence order; at most ``limit`` rows.
    Raises:
        DatabaseError: the database does not exist or cannot be opened.
        QueryError: ``doc`` matches no stored document.
        UsageError (a ValueError): a value outside its choices, a text filter longer than
            :data:`~litmine.types.MAX_FILTER_CHARS` (``doc``:
            :data:`~litmine.types.MAX_REFERENCE_CHARS`), ``limit`` below 1, or ``raw_direction``
            without a ``direction``.
    """
    return list(iter_query(db, exercise=exercise, target=target, direction=direction, model=model, species=species,
                           lang=lang, doc=doc, pain_effect=pain_effect, include_negated=include_negated, limit=limit,
                           raw_direction=raw_direction))


def iter_query(db: DB = None, *, exercise: Filter = None, target: Filter = None,
               direction: Filter = None, model: Optional[str] = None, species: Optional[str] = None,
               lang: Optional[str] = None, doc: Optional[str] = None, pain_effect: Optional[str] = None,
               include_negated: bool = True, limit: Optional[int] = None,
               raw_direction: bool = False) -> Iterator[dict]:
    """:func:`query`, streamed: a generator of the same dicts, read from the database cursor
    a few thousand at a time (:func:`litmine.store.queries.iter_relations`), so memory does not
    grow with the result. Options are checked, and the database opened, when iteration
    starts; a database opened here is closed when the generator is exhausted or closed.

    Raises:
        as :func:`query`.
    """
    from .store.queries import iter_relations
    for name, value in (("exercise", exercise), ("target", target), ("model", model), ("species", species)):
        _length(name, value, MAX_FILTER_CHARS)
    _length("doc", doc, MAX_REFERENCE_CHARS)
    _choice("direction", direction, DIRECTIONS)
    _choice("lang", lang, LANGS)
    _choice("pain_effect", pain_effect, PAIN_EFFECTS)
    if limit is not None and limit < 1:
        raise UsageError(f"limit={limit}: give at least 1 (or None for all rows)")
    if raw_direction and not _each(direction):
        raise UsageError(RAW_WITHOUT_DIRECTION.format(raw="raw_direction=True", direction="direction"))
    exercise, target, model, species = map(_simplified, (exercise, target, model, species))  # 運動 is 运动
    with _opened(db) as engine:
        yield from iter_relations(engine, exercise=exercise, target=target, direction=direction, model=model,
                                  species=species, lang=lang, doc=doc, pain_effect=pain_effect,
                                  include_negated=include_negated, limit=limit, raw_direction=raw_direction)


def search(text: str, db: DB = None, *, lang: Optional[str] = None, doc: Optional[str] = None,
           limit: int = 20, concepts: bool = True) -> list[dict]:
    """Full-text search of the stored sentences, Chinese and English (SQLite FTS5).

    Query language (details in :mod:`litmine.store.search`): words (``treadmill``,
    ``TNF-α``, ``跑台``; English words are stemmed, so ``running`` finds ``run``;
    Chinese terms are segmented with jieba and litmine's dictionary, so ``运动``
    finds 跑台运动 and ``炎症`` finds 炎症反应), ``"quoted phrases"``, ``prefix*``,
    ``AND`` (or words side by side), ``OR``, ``a NOT b`` and parentheses.

    Args:
        text: the query, e.g. ``"treadmill AND TNF"``, ``"跑台 炎症"``, ``'"spinal cord" OR 脊髓'``
            (at most :data:`litmine.store.search.MAX_QUERY_CHARS` characters,
            :data:`~litmine.store.search.MAX_TERMS` terms).
        lang: only sentences in this language (one of :data:`~litmine.types.LANGS`).
        doc: only this document's sentences: a path to the file, a stored name, a name
            prefix or a content-hash prefix (every document it matches).
        limit: at most this many sentences (1 to :data:`litmine.store.search.MAX_LIMIT`).
        concepts: a word naming a molecule, receptor or process of the lexicon finds its other names
            in both languages too (``肿瘤坏死因子`` finds ``TNF-α``:
            :func:`litmine.store.search.with_concept_names`); ``False``: the words as typed.
    Returns:
        dicts with :data:`litmine.store.search.SEARCH_COLUMNS`, best match first (bm25):
        ``doc``, ``document_id``, ``sentence_id``, ``sentence_index``, ``lang``,
        ``section``, ``page``, ``sentence_start``/``sentence_end`` (character offsets
        into the document text), ``sentence``, ``hits`` (``[start, end]`` character
        offsets into the sentence of the words found), ``score`` (higher is better)
        and ``relations`` (the sentence's relations: ``relation_id``, ``exercise``,
        ``direction``, ``target``, ``target_id``, ``negated``, ``hedged``).
    Raises:
        QueryError: the query is empty, invalid (unclosed quote or parenthesis, an
            operator without terms) or too long; ``doc`` matches no stored document.
        DatabaseError: the database does not exist or cannot be opened.
        UsageError (a ValueError): ``lang`` outside its choices, or ``limit`` outside its range.
    Example:
        >>> litmine.search("treadmill AND TNF", db="db/litmine.sqlite", limit=5)  # doctest: +SKIP
    """
    from .store.queries import document_ids
    from .store.search import MAX_LIMIT, parse
    from .store.search import search as _search
    _choice("lang", lang, LANGS)
    _length("doc", doc, MAX_REFERENCE_CHARS)
    if not 1 <= limit <= MAX_LIMIT:
        raise UsageError(f"limit={limit}: give 1 to {MAX_LIMIT}")
    parse(text)                     # a wrong query is reported before the database is opened
    with _opened(db) as engine:
        ids = document_ids(engine, doc) if doc else None
        return _search(engine, text, lang=lang, document_ids=ids, limit=limit, concepts=concepts)


def export(db: DB = None, *, table: Optional[str] = None, fmt: str = "jsonl", output=None,
           doc: Optional[str] = None, force: bool = False, encoding: Optional[str] = None,
           progress: Optional[Callable[..., Iterable]] = None) -> "ExportResult":
    """Export a table, or documents with their mentions and relations.

    Args:
        table: one of ``documents``, ``sentences``, ``mentions``, ``relations``
            (with evidence, columns as :func:`query`), ``concepts``, ``abbreviations``,
            ``cited_works``, ``claims``, ``claim_evidence``, ``studies`` (one row per study:
            :data:`litmine.store.queries.STUDY_COLUMNS`, see :func:`litmine.store.queries.study_rows`);
            ``None``: ``relations``.
        fmt: ``csv``, ``jsonl``, ``json``, ``xlsx`` (the table), or ``bioc``
            (BioC JSON) / ``pubtator`` (documents; a ``table`` with them is an ExportError).
        output: a file path (created whole or not at all, never over an
            existing file unless ``force``; ``"-"`` is standard output), a
            text stream, or ``None`` for standard output. XLSX needs a path.
        doc: only this document (path to the file, stored name, name prefix or
            content-hash prefix): with bioc/pubtator, or its rows of the relations or
            studies table.
        force: replace an existing output file (atomically).
        encoding: CSV only: ``"utf-8-sig"`` (a byte-order mark, so Excel reads
            Chinese right; the default for a regular file) or ``"utf-8"`` (none;
            the default for a pipe or an in-memory stream).
        progress: wraps the rows (or documents) as they are written:
            ``progress(iterable, desc=..., unit=..., total=...)`` returning an iterable of the
            same items, e.g. :func:`litmine.formats.terminal.progress` (the CLI's bar).
    Returns:
        :class:`~litmine.formats.export.ExportResult`: ``count`` rows or
        documents written, ``what`` they are, ``output`` path (``None`` for a stream).
    Raises:
        ExportError: invalid option combination, existing output without
            ``force``, or the file cannot be written (no partial file is left).
        QueryError: ``doc`` names no stored document, or several.
        DatabaseError: the database does not exist or cannot be opened.
        UsageError (a ValueError): ``encoding`` not one of those above, or given for another format;
            ``output``'s suffix names another kind of file than ``fmt`` (BioC JSON in ``x.csv``:
            :func:`litmine.formats.files.check_suffix`; no suffix or an unknown one is written as ``fmt``).
    """
    from pathlib import Path

    from .formats.export import check_options
    from .formats.export import export as _export
    # options first: a wrong option is reported without touching the database
    path = Path(output) if isinstance(output, (str, os.PathLike)) and str(output) != "-" else None
    _length("doc", doc, MAX_REFERENCE_CHARS)
    check_options(table, fmt, path, doc, force)
    with _opened(db) as engine:
        return _export(engine, table=table, fmt=fmt, output=output, doc=doc, force=force, encoding=encoding,
                       progress=progress)


def studies(db: DB = None, *, doc: Optional[str] = None, source: Optional[str] = None) -> list[dict]:
    """The studies table: one row per study the stored documents report (what
    ``litmine export --table studies`` writes).

    Args:
        doc: only the studies of the documents this reference names (a path to the file,
            stored name, name prefix or content-hash prefix).
        source: only ``"table"`` (rows of a study table a document prints), ``"citation"``
            (studies the text cites with exercise statements) or ``"document"`` (a primary
            document's own study).
    Returns:
        dicts with :data:`litmine.store.queries.STUDY_COLUMNS`: ``study`` ("NADI 2019 [26]"),
        ``author``, ``year``, ``refs``, ``design``, ``population``, ``population_terms``,
        ``species``, ``n``, ``exercise``, the protocol (``duration`` with ``duration_weeks``,
        ``volume`` with ``sessions_per_week`` and ``minutes_min``/``minutes_max`` per session,
        ``intensity`` with ``intensity_low``/``intensity_high`` in ``intensity_unit``),
        ``comparison``, ``outcomes`` with arrows ("Pain↓, ADL↑"), ``source``, ``doc``... in
        document order.
    Raises:
        QueryError: ``doc`` names no stored document.
        DatabaseError: the database does not exist or cannot be opened.
        UsageError (a ValueError): ``source`` is not one of those above.
    """
    from .errors import QueryError
    from .store.queries import matching_documents, study_rows
    from .types import STUDY_SOURCES
    _choice("source", source, STUDY_SOURCES)
    _length("doc", doc, MAX_REFERENCE_CHARS)
    with _opened(db) as engine:
        ids = None
        if doc:
            ids = [d[0] for d in matching_documents(engine, doc)]
            if not ids:
                raise QueryError(f"{doc}: no such document (see litmine export --table documents)")
        rows = study_rows(engine, document_ids=ids)
    return [r for r in rows if source is None or r["source"] == source]


def compare(doc: str, *, review: Optional[str] = None, db: DB = None,
            on_warning: Optional[Callable[[str], None]] = None) -> list[dict]:
    """How each relation of a stored document stands to the claims base.

    Args:
        doc: the document: a path to the file, a stored name, a name prefix or a
            content-hash prefix.
        review: compare with this review's claims only (a document reference, as ``doc``;
            computed from the review's relations, nothing is stored). Without it, the
            stances stored when ``doc`` was ingested, toward the claims of every document
            stored before it.
        on_warning: called with each warning line (a ``review`` whose role is not
            ``review``: "X is not marked as a review (litmine docs set-role X review)");
            without it, each is a Python ``UserWarning``.
    Returns:
        one dict per relation of ``doc`` (columns
        :data:`litmine.store.claims.STANCE_COLUMNS`): ``sentence``, ``exercise``,
        ``exercise_class``, ``direction``, ``target``, ``target_id``, ``model``, ``species``,
        ``tissue``, ``population``, ``protocol``, ``stance`` (one of
        :data:`litmine.consensus.STANCES`; ``None`` for a relation that is no claim's
        evidence), ``claim_id``, ``claim`` ("treadmill decrease TNF-α") and ``claim_direction``, as
        the claim stood when the stance was judged.
    Raises:
        QueryError: a reference matches no stored document or several, ``review`` names
            ``doc`` itself, or ``doc`` has no exercise relations.
        DatabaseError: the database does not exist or cannot be opened.
        UsageError (a ValueError): a reference longer than :data:`~litmine.types.MAX_REFERENCE_CHARS`.
    """
    from .errors import QueryError
    from .store.claims import document_stances
    from .store.queries import relations, resolve_document

    _length("doc", doc, MAX_REFERENCE_CHARS)
    _length("review", review, MAX_REFERENCE_CHARS)
    with _opened(db) as engine:
        doc_id, _name = resolve_document(engine, doc)
        review_id = None
        if review:
            review_id, review_name = resolve_document(engine, review)
            if review_id == doc_id:
                raise QueryError(f"{doc}: the document and --review {review} are the same document ({review_name}); "
                                 "a document is not compared with itself: name another review, or leave --review "
                                 "out for the stances recorded at ingest")
            if _role(engine, review_id) != "review":
                _warn(f"{review_name} is not marked as a review (litmine docs set-role {review_name} review)",
                      on_warning)
        found = relations(engine, document_id=doc_id)
        if not found:
            raise QueryError(f"{doc}: the document has no exercise relations to compare")
        return document_stances(engine, doc_id, found, review_id)


def _role(engine, document_id: int) -> Optional[str]:
    """The stored role of document ``document_id`` (``"primary"`` or ``"review"``)."""
    from sqlalchemy import select

    from .store.schema import DocumentRow
    with engine.connect() as conn:
        return conn.execute(select(DocumentRow.role).where(DocumentRow.id == document_id)).scalar()


def _warn(message: str, on_warning: Optional[Callable[[str], None]]) -> None:
    """``on_warning(message)``, or a Python ``UserWarning`` without a callback."""
    if on_warning is not None:
        on_warning(message)
    else:
        import warnings
        warnings.warn(message, UserWarning, stacklevel=3)


def claims(db: DB = None, *, target: Filter = None, exercise: Filter = None,
           conflicts_only: bool = False, min_docs: int = 0) -> list[dict]:
    """The claims base: what all stored documents say about each exercise class and target.

    Args:
        target: a target name, synonym (either language) or concept id (whole names).
        exercise: an exercise class (or any synonym): that class and the classes under it.
            ``target`` and ``exercise`` take one value or a list of them (claims matching any: OR).
        conflicts_only: only claims whose comparable evidence is split.
        min_docs: only claims with evidence from at least this many documents.
    Returns:
        dicts with :data:`litmine.store.claims.CLAIM_COLUMNS`: ``claim_id``,
        ``exercise_class``, ``direction``, ``target``, documents by stance
        (``supports`` ... ``new``), ``languages``, ``species``, ``documents``,
        ``consensus`` and ``confidence`` (0..1; formulas in :mod:`litmine.consensus`),
        ``conflict``; most documents first.
    Raises:
        DatabaseError: the database does not exist or cannot be opened.
        UsageError (a ValueError): ``min_docs`` below 0, or a filter longer than
            :data:`~litmine.types.MAX_FILTER_CHARS`.
    """
    from .store.claims import claim_rows
    _length("target", target, MAX_FILTER_CHARS)
    _length("exercise", exercise, MAX_FILTER_CHARS)
    if min_docs < 0:
        raise UsageError(f"min_docs={min_docs}: give 0 or more")
    with _opened(db) as engine:
        return claim_rows(engine, target=_simplified(target), exercise=_simplified(exercise),
                          conflicts_only=conflicts_only,
                          min_docs=min_docs)


def show_claim(claim_id: int, *, db: DB = None) -> dict:
    """One claim with its evidence.

    Returns:
        the :func:`claims` columns plus ``evidence``: one dict per evidence row
        (:data:`litmine.store.claims.EVIDENCE_COLUMNS`: ``doc``, ``role``, ``lang``,
        ``sentence`` with ``sentence_start``/``sentence_end`` (character offsets into
        the document text), ``direction``, context facets, ``stance``, ``refs`` and
        ``cited_works``: the works those citation numbers name in the document's
        reference list (``number``, ``authors``, ``year``, ``title``, ``doi``)).
    Raises:
        QueryError: no claim has this id.
        DatabaseError: the database does not exist or cannot be opened.
    """
    from .errors import QueryError
    from .store.claims import claim_detail
    with _opened(db) as engine:
        found = claim_detail(engine, claim_id)
    if found is None:
        raise QueryError(f"claim {claim_id}: no such claim (see litmine claims)")
    return found


def set_role(doc: str, role: str, *, db: DB = None) -> tuple[str, str]:
    """Set a stored document's role: ``"review"`` (its claims are the ones to track) or
    ``"primary"``. Returns ``(document name, previous role)``.

    Raises:
        QueryError: ``doc`` matches no stored document or several.
        DatabaseError: the database does not exist or cannot be opened.
        UsageError (a ValueError): ``role`` is not ``primary`` or ``review``, or ``doc`` is longer than
            :data:`~litmine.types.MAX_REFERENCE_CHARS`.
    """
    from .store.claims import ROLES
    from .store.claims import set_role as _set_role
    from .store.queries import resolve_document
    _length("doc", doc, MAX_REFERENCE_CHARS)
    if role not in ROLES:
        raise UsageError(f"role {role!r}: choose one of {', '.join(ROLES)}")
    with _opened(db, write=True) as engine:
        doc_id, name = resolve_document(engine, doc)
        return name, _set_role(engine, doc_id, role)


def no_match_note(db: DB = None, **filters: Optional[str]) -> str:
    """One line saying how :func:`query`'s filters were understood and what was
    searched, for a query that found nothing (see
    :func:`litmine.store.queries.no_match_note`).

    Raises:
        DatabaseError: the database does not exist or cannot be opened.
    """
    from .store.queries import no_match_note as _note
    with _opened(db) as engine:
        return _note(engine, **{k: _simplified(v) for k, v in filters.items()})


def stats(db: DB = None) -> dict:
    """What the database holds.

    Returns:
        ``{"documents": n, "sentences": n, "mentions": n, "relations": n,
        "concepts": n, "documents_by_lang": {lang: n}, "documents_by_pipeline": {version: n},
        "mentions_by_label":
        {label: n} (most frequent first), "relations_by_direction":
        {direction: n}, "top_targets": [[target, n], ...] (ten)}``; a relation counts under the
        direction it asserts, as :func:`query`'s ``direction`` matches (a negated decrease is ``no_change``).
    Raises:
        DatabaseError: the database does not exist or cannot be opened.
    """
    from .store.queries import stats as _stats
    with _opened(db) as engine:
        return _stats(engine)


def document_report(doc: str, *, db: DB = None) -> "DocumentReport":
    """One stored document as ``litmine show`` presents it.

    Args:
        doc: a path to the file, a stored name, a name prefix or a content-hash prefix
            (:func:`litmine.store.queries.matching_documents`, as ``query --doc``).
    Returns:
        a :class:`~litmine.store.report.DocumentReport`: ``document`` (metadata dict),
        ``text`` (the cleaned text), ``sentences`` (each with its ``mentions`` and its
        ``relations``, every relation with its ``stance`` and ``claim`` from the claims
        base; offsets count characters of ``text``) and ``protocol`` (the protocol
        summary: ``[(field, [(value, relations), ...]), ...]``).
    Raises:
        QueryError: ``doc`` matches no stored document or several.
        DatabaseError: the database does not exist or cannot be opened.
    """
    from .store.queries import resolve_document
    from .store.report import document_report as _report
    with _opened(db) as engine:
        doc_id, _name = resolve_document(engine, doc)
        return _report(engine, doc_id)


def html_report(doc: str, output: Union[str, os.PathLike], *, db: DB = None, force: bool = False) -> dict:
    """Write the HTML report of one stored document (:mod:`litmine.formats.html`): one
    self-contained file (inline CSS, no script, no external resource) with the metadata,
    the protocol summary, the cleaned text with every mention highlighted by label
    (displaCy) and each relation beside its sentence.

    Args:
        doc: a document reference, as :func:`document_report`.
        output: the file to write (whole or not at all; never over an existing file
            unless ``force``).
    Returns:
        ``{"output": Path, "document": name, "sentences": n, "mentions": n stored,
        "highlighted": n marks written (one per stored mention), "relations": n}``.
    Raises:
        QueryError: ``doc`` matches no stored document or several.
        ExportError: ``output`` exists (without ``force``), is not a regular file, or
            cannot be written.
        UsageError (a ValueError): ``output``'s suffix names another kind of file (``.txt``,
            ``.pdf``; :func:`litmine.formats.files.check_suffix`); none, or an unknown one, is written as HTML.
        DatabaseError: the database does not exist or cannot be opened.
    """
    from pathlib import Path

    from .formats.files import check_output, check_suffix, write_new_file
    from .formats.html import write_html
    path = Path(output)
    check_suffix(path, "html", given="the report is an HTML page", label="output")    # not d.txt
    check_output(path, force)
    report = document_report(doc, db=db)

    def write(tmp: Path) -> int:
        with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
            return write_html(report, fh)

    marks = write_new_file(path, write, force)
    return {"output": path, "document": report.document["name"], "sentences": len(report.sentences),
            "mentions": len(report.mentions), "highlighted": marks, "relations": len(report.relations)}


def evidence_map(output: Union[str, os.PathLike], *, db: DB = None, target_type: Optional[str] = None,
                 min_docs: int = 1, max_targets: int = 40, labels: str = "both",
                 force: bool = False) -> "PlotResult":
    """Draw the evidence map of the claims base (:mod:`litmine.formats.plots`): exercise
    classes × targets, colour = consensus direction, circle area = documents, number =
    evidence sentences, a ring and ``!`` for conflicting evidence.

    Args:
        output: the picture to write, ``.png``, ``.svg`` or ``.pdf`` (written whole or not
            at all; never over an existing file unless ``force``).
        target_type: only targets of this concept type (``cytokine``, ``neurotrophic_factor``...).
        min_docs: only claims with evidence from at least this many documents.
        max_targets: at most this many target columns (those with the most evidence).
        labels: target labels ``"en"``, ``"zh"`` or ``"both"``.
    Returns:
        a :class:`~litmine.formats.plots.PlotResult` (cells, classes, targets, conflicts, the
        CJK font used or ``None``, warnings to show: one where no CJK font is installed).
    Raises:
        ExportError: unknown format (suffix: none, or one litmine does not know), an existing output
            without ``force``, nothing to map (the message says which filter to change), or the file
            cannot be written.
        DatabaseError: the database does not exist or cannot be opened.
        UsageError (a ValueError): ``min_docs`` or ``max_targets`` below 1, ``labels`` not a choice, or
            ``output``'s suffix names another kind of file (``map.csv``).
    """
    from pathlib import Path

    from .errors import ExportError
    from .formats.files import check_output, check_suffix, write_new_file
    from .formats.plots import PLOT_FORMATS, evidence_grid, plot_evidence_map
    from .store.claims import claim_rows
    from .store.report import concept_info

    path = Path(output)
    fmt = path.suffix.lstrip(".").lower()
    if fmt not in PLOT_FORMATS:
        check_suffix(path, "png", given="the evidence map is a picture", label="output", hint=", .svg or .pdf")
        raise ExportError(f"{path}: unknown plot format {fmt!r}; name the file .png, .svg or .pdf")
    check_output(path, force)
    with _opened(db) as engine:
        rows = claim_rows(engine, min_docs=min_docs)
        concepts = concept_info(engine, (r["target_id"] for r in rows))
    grid = evidence_grid(rows, concepts=concepts, target_type=target_type, min_docs=min_docs,
                         max_targets=max_targets, labels=labels)
    if not grid.cells and target_type:
        known = sorted({t for t, _ in concepts.values() if t})
        raise ExportError(f"no claims with targets of type {target_type!r}; types in this database: "
                          f"{', '.join(k.lower() for k in known) or 'none'}")
    result = write_new_file(path, lambda tmp: plot_evidence_map(grid, tmp, fmt), force)
    result.output = path
    return result


def rebuild_claims(db: DB = None, *, progress: Optional[Callable[..., Iterable]] = None) -> dict:
    """Rebuild the claims base from the stored relations: every document added again in
    ingest order, each relation judged against the claims as they stood (the same rules as
    at ingest, :mod:`litmine.consensus`); for a database whose claims were made by older
    rules. One transaction: all or nothing.

    Args:
        progress: wraps the documents as they are added
            (``progress(iterable, desc=..., unit=..., total=...)``, e.g.
            :func:`litmine.formats.terminal.progress`).
    Returns:
        ``{"documents": n added, "claims": n claims after, "evidence": n evidence rows after}``.
    Raises:
        DatabaseError: the database does not exist or cannot be opened, or the write failed.
    """
    from .store.db import rebuild_claims_base
    from .store.queries import table_size
    with _opened(db, write=True) as engine:
        n = rebuild_claims_base(engine, progress)
        return {"documents": n, "claims": table_size(engine, "claims"), "evidence": table_size(engine, "claim_evidence")}
