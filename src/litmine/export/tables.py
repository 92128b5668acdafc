"""Write rows (dicts) as CSV, JSONL, JSON or XLSX.

``write_rows(rows, fmt, out)`` is the one entry point; ``out`` is a text stream
(CSV/JSONL/JSON) or a path (XLSX, written with openpyxl). Lists and dicts in
cells are written as JSON in CSV/XLSX.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import IO, Iterable

FORMATS = ("csv", "jsonl", "json", "xlsx")


def _cell(v):
    if isinstance(v, (list, dict)):
        return json.dumps(v, ensure_ascii=False)
    return v


def write_rows(rows: Iterable[dict], fmt: str, out: IO[str] | Path, columns: list[str] | None = None) -> int:
    """Write ``rows`` in ``fmt``; returns the number of rows written.

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
