"""Write rows (dicts) as CSV, JSONL, JSON or XLSX.

``write_rows(rows, fmt, out)`` is the one entry point; ``out`` is a text stream
(CSV/JSONL/JSON) or a path (XLSX, written with openpyxl). Lists and dicts in
cells are written as JSON in CSV/XLSX.

CSV for spreadsheets: Excel reads a CSV file as UTF-8 only when it starts
with a byte-order mark (otherwise in the system's ANSI code page, which
garbles Chinese), so :func:`csv_bom` says to write one whenever a CSV goes to
a regular file, unless the caller asks for plain ``utf-8``; a CSV piped to
another program gets none.
"""
from __future__ import annotations

import csv
import itertools
import json
import os
import stat
from pathlib import Path
from typing import IO, Iterable, Optional

from ..errors import UsageError

FORMATS = ("csv", "jsonl", "json", "xlsx")
#: ``--encoding`` values for CSV: with a byte-order mark (Excel), or without.
CSV_ENCODINGS = ("utf-8-sig", "utf-8")
BOM = "\ufeff"


def is_regular_file(target: IO | Path | str) -> bool:
    """True for a path, or for a stream open on a regular file (a redirect
    ``> out.csv``); False for terminals, pipes and in-memory streams."""
    if isinstance(target, (str, Path)):
        return True
    try:
        return stat.S_ISREG(os.fstat(target.fileno()).st_mode)
    except (AttributeError, OSError, ValueError):
        return False


def csv_bom(fmt: str, target: IO | Path | str, encoding: Optional[str] = None) -> bool:
    """Whether a ``fmt`` export to ``target`` starts with a UTF-8 byte-order mark:
    CSV to a regular file (:func:`is_regular_file`) unless ``encoding`` is
    ``"utf-8"``; CSV anywhere with ``"utf-8-sig"``; never for other formats.

    Raises:
        UsageError (a ValueError): ``encoding`` is not one of :data:`CSV_ENCODINGS`, or is
            given for a format other than CSV.
    """
    if encoding is not None and encoding not in CSV_ENCODINGS:
        raise UsageError(f"unknown CSV encoding {encoding!r}; choose one of {', '.join(CSV_ENCODINGS)}")
    if encoding is not None and fmt != "csv":
        raise UsageError(f"--encoding is for --format csv (JSON and XLSX are always UTF-8), not {fmt}")
    if fmt != "csv" or encoding == "utf-8":
        return False
    return encoding == "utf-8-sig" or is_regular_file(target)


def _cell(v):
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def _json_cell(text: Optional[str], empty: str) -> str:
    """A stored JSON text as the CSV cell :func:`write_rows` writes for its value: the text
    itself when it is ASCII without escapes (``json.dumps`` of the value gives it back),
    else the value dumped again with the characters unescaped; ``empty`` for NULL."""
    if not text:
        return empty
    if text.isascii() and "\\" not in text:
        return text
    return json.dumps(json.loads(text), ensure_ascii=False)


def write_csv_records(records: Iterable[tuple], out: IO[str], columns: list[str], json_columns: Iterable[str] = (),
                      *, bom: bool = False) -> int:
    """Write tuples (values in ``columns`` order) as CSV, ``json_columns`` holding stored JSON
    text (``"[]"``...) written as :func:`write_rows` writes the decoded value; the same text
    as ``write_rows`` of the equivalent dicts, without building them (large exports). Returns
    the number of rows written."""
    w = csv.writer(out)
    if bom:
        out.write(BOM)
    w.writerow(columns)
    fixes = [(columns.index(c), "{}" if c == "context_from" else "[]") for c in json_columns]
    n = 0
    writerow = w.writerow
    if not fixes:
        for n, rec in enumerate(records, 1):
            writerow(rec)
        return n
    for n, rec in enumerate(records, 1):
        rec = list(rec)
        for i, empty in fixes:
            rec[i] = _json_cell(rec[i], empty)
        writerow(rec)
    return n


def write_rows(rows: Iterable[dict], fmt: str, out: IO[str] | Path, columns: list[str] | None = None,
               *, bom: bool = False, sheet: str = "litmine") -> int:
    """Write ``rows`` in ``fmt``; returns the number of rows written. With
    ``bom`` a CSV starts with U+FEFF (see :func:`csv_bom`); ``out`` must then
    be a UTF-8 stream. ``sheet``: the XLSX worksheet's name (the table's, ``relations``).

    Raises:
        UsageError (a ValueError): unknown format, or XLSX to a stream instead of a path.
    """
    rows = iter(rows)
    dumps = json.dumps
    if fmt == "jsonl":
        n = 0
        for r in rows:
            out.write(dumps(r, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "json":              # a JSON array written as the rows come (same text as json.dump(indent=1))
        n = 0
        for r in rows:
            item = dumps(r, ensure_ascii=False, indent=1).replace("\n", "\n ")
            out.write(("[\n " if n == 0 else ",\n ") + item)
            n += 1
        out.write("\n]\n" if n else "[]\n")
        return n
    first = next(rows, None)
    cols = columns or (list(first.keys()) if first is not None else [])
    rows = itertools.chain([first], rows) if first is not None else iter(())
    if fmt == "csv":
        if bom:
            out.write(BOM)
        w = csv.writer(out)
        w.writerow(cols)
        n = 0
        encoded = (list, dict)
        for r in rows:
            try:
                vals = [r[k] for k in cols]
            except KeyError:
                vals = [r.get(k) for k in cols]
            w.writerow([dumps(v, ensure_ascii=False) if v.__class__ in encoded else v for v in vals])
            n += 1
        return n
    if fmt == "xlsx":
        if not isinstance(out, (str, Path)):
            raise UsageError("xlsx needs an output file (-o FILE.xlsx)")
        from openpyxl import Workbook
        wb = Workbook(write_only=True)        # rows go to the file as they come
        ws = wb.create_sheet(sheet[:31])  # Excel allows 31 characters
        ws.freeze_panes = "A2"
        ws.append(cols)
        n = 0
        for r in rows:
            ws.append([_cell(r.get(k)) for k in cols])
            n += 1
        wb.save(out)
        return n
    raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
