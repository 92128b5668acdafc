"""One export: a table (CSV, JSONL, JSON, XLSX) or documents (BioC, PubTator),
to a stream or to a new file (:func:`~litmine.formats.files.write_new_file`)."""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterable, Optional, Union

from sqlalchemy.engine import Engine

from ..errors import ExportError
from ..store.queries import (DOCUMENT_TABLES, JSON_TEXT_COLUMNS, RELATION_COLUMNS, TABLES, relation_records,
                             resolve_document, table_columns, table_rows, table_size)
from . import interchange, tables
from .files import check_output, check_suffix, write_new_file

#: A progress wrapper: ``progress(iterable, desc=..., unit=..., total=...)`` returns an iterable
#: of the same items (:func:`litmine.formats.terminal.progress` is one).
Progress = Callable[..., Iterable]

TABLE_FORMATS = tables.FORMATS
DOCUMENT_FORMATS = ("bioc", "pubtator")
FORMATS = TABLE_FORMATS + DOCUMENT_FORMATS


@dataclass
class ExportResult:
    """What an export wrote: ``count`` items (``what``: "relations rows",
    "documents"...) to ``output`` (``None``: a stream)."""

    count: int
    what: str
    output: Optional[Path]


def check_options(table: Optional[str], fmt: str, output: Optional[Path], doc: Optional[str], force: bool) -> None:
    """Refuse a combination of options that cannot work, before any database access.
    ``table`` is ``None`` when not given (``relations`` for a table format).

    Raises:
        ExportError: unknown table or format, a table with bioc/pubtator (they export
            documents), an existing or irregular output file (without ``force``), XLSX
            without a file, ``doc`` with a table other than :data:`DOCUMENT_TABLES`.
        UsageError (a ValueError): ``output``'s suffix names another kind of file than ``fmt``
            (:func:`~litmine.formats.files.check_suffix`).
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if table is not None and table not in TABLES:
        raise ExportError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    if table is not None and fmt in DOCUMENT_FORMATS:
        raise ExportError(f"--table is for the table formats ({', '.join(TABLE_FORMATS)}): --format {fmt} "
                          "exports documents with their mentions and relations (--doc for one); leave out "
                          f"--table {table}")
    if output is not None:
        check_suffix(output, fmt, label="output")     # BioC JSON in x.csv: refused, as in every command
        check_output(output, force)
    if fmt == "xlsx" and output is None:
        raise ExportError("xlsx needs an output file: -o FILE.xlsx")
    if doc and fmt not in DOCUMENT_FORMATS and (table or "relations") not in DOCUMENT_TABLES:
        raise ExportError(f"--doc selects one document's rows of --table {' or '.join(DOCUMENT_TABLES)} (or a "
                          f"document for --format bioc or pubtator), not of --table {table}")


def export(engine: Engine, *, table: Optional[str] = None, fmt: str = "jsonl",
           output: Union[str, os.PathLike, IO[str], None] = None, doc: Optional[str] = None,
           force: bool = False, encoding: Optional[str] = None,
           progress: Optional[Progress] = None) -> ExportResult:
    """Export ``table`` as ``fmt``, or (``fmt`` bioc/pubtator) the stored documents.

    Args:
        output: a file path (written whole or not at all; ``"-"`` means
            standard output), a text stream, or ``None`` for standard output.
        table: one of :data:`TABLES` for a table format (``None``: ``relations``); not
            given with bioc/pubtator.
        doc: the one document to export (bioc/pubtator), or whose rows to export
            (tables :data:`DOCUMENT_TABLES`): name, name prefix or content-hash prefix
            (see :func:`litmine.store.queries.resolve_document`).
        force: replace an existing output file.
        encoding: CSV: ``"utf-8-sig"`` or ``"utf-8"``; ``None`` chooses
            (see :func:`litmine.formats.tables.csv_bom`).
        progress: wraps the rows (tables; ``total`` from :func:`~litmine.store.queries.table_size`)
            or the documents (bioc/pubtator) as they are written, e.g. a progress bar.
    Raises:
        ExportError: see :func:`check_options`; the file cannot be written.
        QueryError: ``doc`` names no stored document, or several.
        ValueError: an unknown ``encoding``, or one given for another format.
    """
    stream = None
    if output is None or (isinstance(output, (str, os.PathLike)) and str(output) == "-"):
        stream, output = sys.stdout, None
    elif not isinstance(output, (str, os.PathLike)):
        stream, output = output, None
    else:
        output = Path(output)
    check_options(table, fmt, output, doc, force)
    bom = tables.csv_bom(fmt, output if output is not None else stream, encoding)
    table = table or "relations"
    doc_id = resolve_document(engine, doc)[0] if doc else None
    if fmt in DOCUMENT_FORMATS:
        writer = interchange.write_bioc if fmt == "bioc" else interchange.write_pubtator
        what = "documents"

        def emit(fh):
            return writer(engine, fh, doc_id, progress=progress)
    elif table == "relations" and fmt == "csv":      # the large one: tuples straight to CSV, no dicts
        records = relation_records(engine, document_id=doc_id)
        if progress is not None:
            records = progress(records, desc=f"export {table}", unit="row",
                               total=table_size(engine, table, doc_id))
        rows, cols, what = None, RELATION_COLUMNS, "relations rows"

        def emit(fh):
            return tables.write_csv_records(records, fh, cols, JSON_TEXT_COLUMNS, bom=bom)
    else:
        rows = table_rows(engine, table, doc_id)
        if progress is not None:
            rows = progress(rows, desc=f"export {table}", unit="row", total=table_size(engine, table, doc_id))
        cols = table_columns(table)       # known without a row: an empty table still has its header
        what = f"{table} rows"

        def emit(fh):
            return tables.write_rows(rows, fmt, fh, cols, bom=bom)
    if output is None:
        return ExportResult(emit(stream), what, None)

    def write(tmp: Path) -> int:
        if fmt == "xlsx":
            return tables.write_rows(rows, fmt, tmp, cols, sheet=table or "relations")
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            return emit(fh)

    return ExportResult(write_new_file(output, write, force), what, output)
