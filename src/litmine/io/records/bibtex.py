"""BibTeX / BibLaTeX (``@article{key, title = {...}, ...}``), parsed with
``bibtexparser`` (v2) and its LaTeX-decoding middleware (``{\\"u}`` -> ``ü``).

Fields: ``title``, ``author`` (names joined by `` and ``), ``year`` (else
``date``), ``journal``/``journaltitle``/``booktitle``, ``doi``, ``pmid`` (else
``eprint`` with ``eprinttype = {pubmed}``), ``abstract``, ``keywords``
(``,``/``;``-separated), ``language``/``langid``, ``file`` (JabRef and Zotero:
``Description:path:type`` entries joined by ``;``, the first PDF counts).
"""
from __future__ import annotations

import re
from typing import Iterator

import bibtexparser
from bibtexparser.middlewares import LatexDecodingMiddleware

from litmine.types import BibRecord

from .common import RecordError, clean_field, finish, language_code, parse_year, split_list, split_sections

__all__ = ["read_bibtex", "bibtex_record", "BIBTEX_START"]

BIBTEX_START = re.compile(r"^\s*@(article|inproceedings|book|incollection|phdthesis|mastersthesis|misc|"
                          r"techreport|online|report|thesis|unpublished|inbook|conference|proceedings)\s*[{(]",
                          re.I | re.M)


def _pdf(file_field: str) -> str:
    """The first PDF path of a ``file`` field (``"PDF:files/1/a.pdf:application/pdf"``)."""
    for part in split_list(file_field, ";"):
        bits = part.split(":")
        if len(bits) >= 3:
            path = ":".join(bits[1:-1])          # Windows drive letters keep their colon
        else:
            path = part
        path = path.replace("\\:", ":").replace("\\\\", "\\")
        if path.lower().endswith(".pdf"):
            return path
    return ""


def bibtex_record(fields: dict) -> BibRecord:
    """One entry's fields (lower-case names -> decoded values) -> a record (``key`` unset)."""
    get = lambda *names: next((clean_field(fields[n]) for n in names if clean_field(fields.get(n))), "")  # noqa
    authors = [a for a in re.split(r"\s+and\s+", get("author")) if a]
    pmid = get("pmid") or (get("eprint") if get("eprinttype").lower() == "pubmed" else "")
    return BibRecord(title=get("title").replace("{", "").replace("}", ""), authors=authors,
                     year=parse_year(get("year", "date")), journal=get("journal", "journaltitle", "booktitle"),
                     doi=get("doi"), pmid=pmid, language=language_code(get("language", "langid")),
                     source_db="bibtex", abstract=split_sections(get("abstract")),
                     keywords=split_list(get("keywords", "keyword"), ",;"), pdf=_pdf(fields.get("file", "")),
                     fmt="bibtex")


def read_bibtex(path, text: str) -> Iterator[BibRecord | RecordError]:
    """The entries of a BibTeX file (decoded ``text``), in file order (``fmt``
    ``bibtex``, ``key`` the citation key unless a PMID or DOI is given).

    Yields a :class:`RecordError` for each block bibtexparser could not parse,
    and for an entry without a title; ``@string``/``@comment``/``@preamble`` blocks are skipped.
    """
    library = bibtexparser.parse_string(text, append_middleware=[LatexDecodingMiddleware()])
    blocks = sorted([*library.entries, *library.failed_blocks], key=lambda b: b.start_line or 0)
    n = 0
    for block in blocks:
        n += 1
        if not hasattr(block, "fields_dict"):
            reason = getattr(block, "error", None)
            yield RecordError(path, f"#{n} (line {(block.start_line or 0) + 1})",
                              f"not a readable BibTeX entry ({type(reason).__name__ if reason else 'syntax'})")
            continue
        fields = {k.lower(): f.value for k, f in block.fields_dict.items()}
        rec = bibtex_record(fields)
        if not rec.title:
            yield RecordError(path, f"{block.key}", "no title field")
            continue
        yield finish(rec, n, native=block.key)
