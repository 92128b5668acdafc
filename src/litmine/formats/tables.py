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
import json
import os
import stat
from pathlib import Path
from typing import IO, Iterable, Optional

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
        ValueError: ``encoding`` is not one of :data:`CSV_ENCODINGS`, or is
            given for a format other than CSV.
    """
    if encoding is not None and encoding not in CSV_ENCODINGS:
        raise ValueError(f"unknown CSV encoding {encoding!r}; choose one of {', '.join(CSV_ENCODINGS)}")
    if encoding is not None and fmt != "csv":
        raise ValueError(f"--encoding is for --format csv (JSON and XLSX are always UTF-8), not {fmt}")
    if fmt != "csv" or encoding == "utf-8":
        return False
    return encoding == "utf-8-sig" or is_regular_file(target)


def _cell(v):
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def write_rows(rows: Iterable[dict], fmt: str, out: IO[str] | Path, columns: list[str] | None = None,
               *, bom: bool = False) -> int:
    """Write ``rows`` in ``fmt``; returns the number of rows written. With
    ``bom`` a CSV starts with U+FEFF (see :func:`csv_bom`); ``out`` must then
    be a UTF-8 stream.

    Raises:
        ValueError: unknown format, or XLSX to a stream instead of a path.
    """
    rows = iter(rows)
    if fmt == "jsonl":
        n = 0
        for r in rows:
            out.write(json.dumps(r, ensure_ascii=False) + "\n")
            n += 1
        return n
    if fmt == "json":
        data = list(rows)
        json.dump(data, out, ensure_ascii=False, indent=1)
        out.write("\n")
        return len(data)
    data = list(rows)
    cols = columns or (list(data[0].keys()) if data else [])
    if fmt == "csv":
        if bom:
            out.write(BOM)
        w = csv.DictWriter(out, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in data:
            w.writerow({k: _cell(r.get(k)) for k in cols})
        return len(data)
    if fmt == "xlsx":
        if not isinstance(out, (str, Path)):
            raise ValueError("xlsx needs an output file (-o FILE.xlsx)")
        from openpyxl import Workbook
        wb = Workbook()
        ws = wb.active
        ws.title = "litmine"
        ws.append(cols)
        for r in data:
            ws.append([_cell(r.get(k)) for k in cols])
        ws.freeze_panes = "A2"
        wb.save(out)
        return len(data)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
