"""litmine's Python API: what ``import litmine`` offers (re-exported there).

Every function takes ``db`` as a database file path, a SQLAlchemy URL, an
:class:`~sqlalchemy.engine.Engine` from :func:`connect`, or ``None`` for
``$LITMINE_DB`` or ``db/litmine.sqlite``. A path or URL is opened for the call
and closed after it; pass an engine to reuse one connection pool.

Errors are :class:`litmine.errors.LitmineError` subclasses with one-line
messages (the CLI prints them as they are); invalid argument values raise
``ValueError``.

The heavy stages (spaCy, SQLAlchemy) are imported on first use, so
``import litmine`` stays fast.
"""
from __future__ import annotations

import contextlib
import os
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Union

from .types import DIRECTIONS, LANGS, PAIN_EFFECTS

if TYPE_CHECKING:  # annotations only
    from sqlalchemy.engine import Engine

    from .consensus import Claim, Stance
    from .formats.export import ExportResult
    from .pipeline import IngestResult, ProcessedDocument

__all__ = ["connect", "ingest", "process_text", "query", "export", "compare", "claims", "stats"]

DB = Union[str, os.PathLike, "Engine", None]


def connect(db: Union[str, os.PathLike, None] = None, *, create: bool = True,
            create_dirs: bool = False) -> "Engine":
    """Open a litmine database and return its SQLAlchemy engine.

    Args:
        db: file path or SQLAlchemy URL; ``None``: ``$LITMINE_DB`` or ``db/litmine.sqlite``.
        create: create the file when missing; with ``False`` a missing file
            is an error. An older schema is migrated.
        create_dirs: also create a missing folder (otherwise only the default
            location's folder is created: a mistyped folder is an error).
    Raises:
        DatabaseError: the database cannot be opened or created (or its folder
            does not exist), is not a litmine database, or was written by a newer litmine.
    """
    from .store.db import connect as _connect
    return _connect(db, create=create, create_dirs=create_dirs)


@contextlib.contextmanager
def _opened(db: DB, create: bool = False, create_dirs: bool = False) -> Iterator["Engine"]:
    """``db`` as an engine; one opened here is disposed of afterwards."""
    if hasattr(db, "dialect"):
        yield db
        return
    engine = connect(db, create=create, create_dirs=create_dirs)
    try:
        yield engine
    finally:
        engine.dispose()


def ingest(paths: Union[str, os.PathLike, Iterable[Union[str, os.PathLike]]], db: DB = None, *,
           strict: bool = False, encoding: Optional[str] = None, all_files: bool = False,
           create_dirs: bool = False,
           on_result: Optional[Callable[["IngestResult"], None]] = None) -> list["IngestResult"]:
    """Read, process and store files (``.txt``, ``.md``, ``.pdf``) and folders (recursively).

    Each document is stored in one transaction, whole or not at all; a file
    whose content (sha256) is already stored is ``skipped``; a file that cannot
    be read is ``failed`` and the batch goes on (unless ``strict``). In
    folders, hidden and README/LICENSE-like files are ``ignored`` (not read)
    unless ``all_files``; a file named in ``paths`` is always read.

    Args:
        paths: one path or several.
        db: the database (created when missing, in an existing folder unless ``create_dirs``).
        strict: raise at the first failure instead of going on.
        encoding: text encoding of ``.txt`` files (e.g. ``"gb18030"``) instead of detection.
        all_files: in folders, read hidden and README/LICENSE-like files too.
        create_dirs: create a missing database folder.
        on_result: called with each :class:`~litmine.pipeline.IngestResult` as
            soon as its file is done (progress reporting).
    Returns:
        one :class:`~litmine.pipeline.IngestResult` per file (``status``
        "stored", "skipped", "failed" (``error`` says why) or "ignored"
        (``reason``)), in input order, plus one "failed" result per path that
        cannot be listed.
    Raises:
        DatabaseError: the database cannot be opened.
        LitmineError: with ``strict``, the first failure (``InputError``,
            ``ProcessingError``, ``DatabaseError``).
        KeyboardInterrupt: passed on; every document already reported is stored.
    """
    from .pipeline import ingest as _ingest
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out = []
    with _opened(db, create=True, create_dirs=create_dirs) as engine:
        for res in _ingest(paths, engine, strict=strict, encoding=encoding, all_files=all_files):
            out.append(res)
            if on_result is not None:
                on_result(res)
    return out


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


def _choice(name: str, value: Optional[str], choices: tuple) -> None:
    if value is not None and value not in choices:
        raise ValueError(f"{name}={value!r}: choose one of {', '.join(choices)}")


def query(db: DB = None, *, exercise: Optional[str] = None, target: Optional[str] = None,
          direction: Optional[str] = None, model: Optional[str] = None, species: Optional[str] = None,
          lang: Optional[str] = None, doc: Optional[str] = None, pain_effect: Optional[str] = None,
          include_negated: bool = True, limit: Optional[int] = None) -> list[dict]:
    """Exercise -> effect relations with their evidence sentences, filtered.

    Text filters (``exercise``, ``target``, ``model``, ``species``) match
    case-insensitive substrings and any lexicon synonym in either language
    (``target="TNF-alpha"`` or ``"肿瘤坏死因子"`` finds TNF-α; a concept id such
    as ``"HGNC:11892"`` matches the target id). ``doc`` is a document
    reference: a path to the file, a stored name, a name prefix or a
    content-hash prefix (:func:`litmine.store.queries.matching_documents`). ``direction`` is one of
    :data:`~litmine.types.DIRECTIONS`, ``lang`` of :data:`~litmine.types.LANGS`,
    ``pain_effect`` of :data:`~litmine.types.PAIN_EFFECTS`.

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
        ValueError: a value outside its choices, or ``limit`` below 1.
    """
    from .store.queries import relations
    _choice("direction", direction, DIRECTIONS)
    _choice("lang", lang, LANGS)
    _choice("pain_effect", pain_effect, PAIN_EFFECTS)
    if limit is not None and limit < 1:
        raise ValueError(f"limit={limit}: give at least 1 (or None for all rows)")
    with _opened(db) as engine:
        return relations(engine, exercise=exercise, target=target, direction=direction, model=model,
                         species=species, lang=lang, doc=doc, pain_effect=pain_effect,
                         include_negated=include_negated, limit=limit)


def export(db: DB = None, *, table: str = "relations", fmt: str = "jsonl", output=None,
           doc: Optional[str] = None, force: bool = False, encoding: Optional[str] = None) -> "ExportResult":
    """Export a table, or documents with their mentions and relations.

    Args:
        table: one of ``documents``, ``sentences``, ``mentions``, ``relations``
            (with evidence, columns as :func:`query`), ``concepts``, ``abbreviations``.
        fmt: ``csv``, ``jsonl``, ``json``, ``xlsx`` (the table), or ``bioc``
            (BioC JSON) / ``pubtator`` (documents; ``table`` is not used).
        output: a file path (created whole or not at all, never over an
            existing file unless ``force``; ``"-"`` is standard output), a
            text stream, or ``None`` for standard output. XLSX needs a path.
        doc: with bioc/pubtator, only this document (path to the file,
            stored name, name prefix or content-hash prefix).
        force: replace an existing output file (atomically).
        encoding: CSV only: ``"utf-8-sig"`` (a byte-order mark, so Excel reads
            Chinese right; the default for a regular file) or ``"utf-8"`` (none;
            the default for a pipe or an in-memory stream).
    Returns:
        :class:`~litmine.formats.export.ExportResult`: ``count`` rows or
        documents written, ``what`` they are, ``output`` path (``None`` for a stream).
    Raises:
        ExportError: invalid option combination, existing output without
            ``force``, or the file cannot be written (no partial file is left).
        QueryError: ``doc`` names no stored document, or several.
        DatabaseError: the database does not exist or cannot be opened.
        ValueError: ``encoding`` not one of those above, or given for another format.
    """
    from pathlib import Path

    from .formats.export import check_options
    from .formats.export import export as _export
    # options first: a wrong option is reported without touching the database
    path = Path(output) if isinstance(output, (str, os.PathLike)) and str(output) != "-" else None
    check_options(table, fmt, path, doc, force)
    with _opened(db) as engine:
        return _export(engine, table=table, fmt=fmt, output=output, doc=doc, force=force, encoding=encoding)


def compare(review: str, paper: str, *, db: DB = None) -> list["Stance"]:
    """How a new paper's claims stand to a review's: supports, contradicts or extends.

    Args:
        review, paper: stored documents: a path to the file, a stored name,
            a name prefix or a content-hash prefix (one document each).
    Returns:
        one :class:`~litmine.consensus.Stance` per claim (exercise, target)
        of the paper: ``stance``, the paper's :class:`~litmine.consensus.Claim`,
        the review claims compared, ``reason``; ``Stance.row()`` is a flat dict.
    Raises:
        QueryError: a name matches no stored document or several, or a
            document has no exercise relations.
        DatabaseError: the database does not exist or cannot be opened.
    """
    from .consensus import compare as _compare
    from .errors import QueryError
    from .store.queries import relations, resolve_document

    with _opened(db) as engine:
        rows = []
        for ref in (review, paper):
            doc_id, _name = resolve_document(engine, ref)
            found = relations(engine, document_id=doc_id)
            if not found:
                raise QueryError(f"{ref}: the document has no exercise relations to compare")
            rows.append(found)
    return _compare(*rows)


def claims(db: DB = None, *, exercise: Optional[str] = None, target: Optional[str] = None,
           doc: Optional[str] = None, model: Optional[str] = None,
           species: Optional[str] = None) -> list["Claim"]:
    """Claims of the stored evidence: one per (exercise, target concept), with a consensus.

    Computed from the relations :func:`query` returns for the same filters
    (rules: :mod:`litmine.consensus`; nothing is stored).

    Returns:
        :class:`~litmine.consensus.Claim` objects: ``exercise``, ``target``,
        ``target_id``, ``directions`` (counts of effective directions; a
        negated change counts as ``no_change``), ``direction`` (the most
        frequent), ``consensus`` (its share, 0..1), ``evidence`` (the rows).
    Raises:
        DatabaseError: the database does not exist or cannot be opened.
    """
    from .consensus import claims as _claims
    return _claims(query(db, exercise=exercise, target=target, doc=doc, model=model, species=species))


def no_match_note(db: DB = None, **filters: Optional[str]) -> str:
    """One line saying how :func:`query`'s filters were understood and what was
    searched, for a query that found nothing (see
    :func:`litmine.store.queries.no_match_note`).

    Raises:
        DatabaseError: the database does not exist or cannot be opened.
    """
    from .store.queries import no_match_note as _note
    with _opened(db) as engine:
        return _note(engine, **filters)


def stats(db: DB = None) -> dict:
    """What the database holds.

    Returns:
        ``{"documents": n, "sentences": n, "mentions": n, "relations": n,
        "concepts": n, "documents_by_lang": {lang: n}, "mentions_by_label":
        {label: n} (most frequent first), "relations_by_direction":
        {direction: n}, "top_targets": [[target, n], ...] (ten)}``.
    Raises:
        DatabaseError: the database does not exist or cannot be opened.
    """
    from .store.queries import stats as _stats
    with _opened(db) as engine:
        return _stats(engine)
