"""RIS (Research Information Systems tagged format: ``TY  - JOUR`` ... ``ER  -``),
as PubMed, Web of Science, Embase, Scopus, Zotero, EndNote and CNKI export it,
and Web of Science's own plain-text export (``FN Clarivate Analytics Web of
Science``, ``PT J`` ... ``ER``), parsed with ``rispy`` (``RisParser``,
``WokParser``) one record at a time.

Web of Science tags (its "Field Tags" list, rispy's names): ``TI``
(``document_title``), ``AF`` full author names (else ``AU``), ``PY``, ``SO``
(``publication_name``), ``DI`` DOI, ``PM`` PMID, ``AB``, ``DE`` author keywords,
``LA``, ``UT`` the accession number (the key without a PMID or DOI).

Fields (rispy's names): ``title``/``primary_title`` (TI/T1), ``authors``/
``first_authors`` (AU/A1), ``year``/``publication_year``/``date`` (PY/Y1/DA),
``secondary_title``/``journal_name``/``alternate_title3``/``alternate_title1``
(T2/JO/JF/J2), ``doi`` (DO), ``abstract``/``notes_abstract`` (AB/N2),
``keywords`` (KW), ``language`` (LA), ``file_attachments1`` (L1, a PDF),
``name_of_database``/``database_provider`` (DB/DP). A PMID comes from ``AN``
when the database is PubMed/MEDLINE, or from a ``PMID: N`` note or ID.
"""
from __future__ import annotations

import re
from typing import Iterator, TextIO

import rispy

from litmine.types import BibRecord

from .chinese import database_of
from .common import (RecordError, clean_field, cut_short_note, finish, language_code, parse_year, split_list,
                     split_sections, unfinished_end)

__all__ = ["read_ris", "ris_record", "RIS_START", "read_wos", "wos_record", "WOS_START"]

RIS_START = re.compile(r"^TY  - ", re.M)
_END = re.compile(r"^ER  -")
_TAG = re.compile(r"^([A-Z][A-Z0-9])  -")
_WOS_TAG = re.compile(r"^[A-Z][A-Z0-9] ")
_PMID = re.compile(r"\bPMID\s*[:-]?\s*(\d{1,9})\b", re.I)


def _first(entry: dict, *keys) -> str:
    for k in keys:
        v = entry.get(k)
        if isinstance(v, list):
            v = v[0] if v else ""
        if v and clean_field(v):
            return clean_field(v)
    return ""


def ris_record(entry: dict) -> BibRecord:
    """One rispy entry (a dict) -> a record (``key`` unset)."""
    database = _first(entry, "name_of_database", "database_provider")
    source = database_of(database, "ris")
    pmid = ""
    if source == "pubmed" and re.fullmatch(r"\d{1,9}", _first(entry, "accession_number")):
        pmid = _first(entry, "accession_number")
    if not pmid:
        m = _PMID.search(" ".join(str(v) for k in ("notes", "note", "id") for v in
                                  (entry.get(k) if isinstance(entry.get(k), list) else [entry.get(k) or ""])))
        pmid = m.group(1) if m else ""
    file = _first(entry, "file_attachments1", "file_attachments2")
    return BibRecord(
        title=_first(entry, "title", "primary_title", "translated_title"),
        authors=list(entry.get("authors") or []) + list(entry.get("first_authors") or []),
        year=parse_year(_first(entry, "year", "publication_year", "date")),
        journal=_first(entry, "secondary_title", "journal_name", "alternate_title3", "alternate_title1",
                       "alternate_title2"),
        doi=_first(entry, "doi"), pmid=pmid, language=language_code(_first(entry, "language")),
        source_db=source, abstract=split_sections(_first(entry, "abstract", "notes_abstract")),
        keywords=[k for k in entry.get("keywords") or []], pdf=re.sub(r"^file://", "", file.split(";")[0]),
        fmt="ris")


def _chunks(stream: TextIO) -> Iterator[tuple[list[str], bool]]:
    """The lines of each ``TY`` ... ``ER`` record, and whether the file ends inside it (its last
    record, with no ``ER`` line: a file cut short). A record whose ``ER`` is missing before the
    next ``TY`` is whole."""
    lines: list[str] = []
    for line in stream:
        line = line.rstrip("\r\n").lstrip("\ufeff")
        if line.startswith("TY  - ") and lines:
            yield lines, False   # a record without its ER line
            lines = []
        if line.strip() or lines:
            lines.append(line)
        if _END.match(line):
            yield lines, False
            lines = []
    if any(ln.strip() for ln in lines):
        yield lines, True


#: The hint of a record without a title that the file ends inside.
_CUT_HINT = "the file ends inside this record, with no ER line: cut short? export it again"


def _cut_short(rec: BibRecord, index: int, last_tag: str) -> None:
    """Mark ``rec``, the ``index``-th record, as one the file ends inside (``last_tag``: the tag of
    its last field): a warning (:func:`~litmine.io.records.common.cut_short_note`), and, when the
    abstract is that field, its unfinished words after the last sentence end left out."""
    dropped = ""
    if last_tag in ("AB", "N2"):
        rec.abstract, dropped = unfinished_end(rec.abstract)
    rec.warnings.append(cut_short_note(index, clean_field(rec.title), "with no ER line", dropped))


def _last_tag(lines: list[str]) -> str:
    """The tag of the last field of a record's lines (``"AB"``), ``""`` when none."""
    return next((m.group(1) for m in map(_TAG.match, reversed(lines)) if m), "")


def read_ris(path, stream: TextIO) -> Iterator[BibRecord | RecordError]:
    """The records of a RIS file read from ``stream`` (decoded text), in file order
    (``fmt`` ``ris``; ``source_db`` from DB/DP: ``pubmed``, ``cnki``, ... else ``ris``).

    Yields a :class:`RecordError` for a record rispy cannot parse or without a title. The last
    record of a file that ends inside it (no ``ER`` line: cut short) is read as far as it goes, with
    a warning naming it (:func:`~litmine.io.records.common.cut_short_note`); when its last field is
    the abstract, the unfinished words after its last sentence end are left out
    (:func:`~litmine.io.records.common.unfinished_end`).
    """
    for n, (lines, cut) in enumerate(_chunks(stream), 1):
        if not _END.match(lines[-1]):
            lines = lines + ["ER  - "]
        try:
            entries = rispy.RisParser().parse("\n".join(lines))
        except (ValueError, KeyError, IndexError) as exc:
            yield RecordError(path, f"#{n}", f"not a readable RIS record ({exc})")
            continue
        if not entries:
            yield RecordError(path, f"#{n}", "no 'TY  - ' line starts it", "is it a RIS file?")
            continue
        rec = ris_record(entries[0])
        if not rec.title:
            yield RecordError(path, f"#{n}", "no TI or T1 (title) line", _CUT_HINT if cut else "")
            continue
        if cut:          # the file ends inside the record: read it, say so, and leave out half a sentence
            _cut_short(rec, n, _last_tag(lines[:-1]))
        yield finish(rec, n, native=_first(entries[0], "id"))


WOS_START = re.compile(r"^(FN (Clarivate|Thomson)|PT [JBSP]\s*$)", re.M)


def wos_record(entry: dict) -> BibRecord:
    """One rispy ``WokParser`` entry -> a record (``key`` unset)."""
    return BibRecord(title=_first(entry, "document_title"),
                     authors=list(entry.get("author_full_name") or entry.get("authors") or []),
                     year=parse_year(_first(entry, "publication_year", "publication_date")),
                     journal=_first(entry, "publication_name"), doi=_first(entry, "doi"),
                     pmid=_first(entry, "pubmed_id"), language=language_code(_first(entry, "language")),
                     source_db="wos", abstract=split_sections(_first(entry, "abstract")),
                     keywords=split_list(entry.get("author_keywords"), ";"), fmt="wos")


#: The end of a Web of Science file, as read_wos sees it: read as an EF line.
_EOF = object()


def read_wos(path, stream: TextIO) -> Iterator[BibRecord | RecordError]:
    """The records of a Web of Science plain-text export read from ``stream``
    (``fmt`` and ``source_db`` ``wos``), in file order. A last record the file ends inside
    (no ER and no EF line: cut short) is read as :func:`read_ris` reads one, with a warning."""
    lines: list[str] = []
    n = 0
    for line in [*stream, _EOF]:
        cut = line is _EOF and bool(lines)      # the file ends inside its last record (no ER, no EF): cut short
        line = "EF" if line is _EOF else line.rstrip("\r\n").lstrip("\ufeff")
        if line.startswith(("FN ", "VR ")) or (not line.strip() and not lines):
            continue
        if line.startswith("PT ") and lines:
            lines = []                          # a record without its ER line is dropped whole
        if line.strip() in ("ER", "EF"):
            if lines:
                n += 1
                entries = rispy.WokParser().parse("\n".join(lines + ["ER"]))
                rec = wos_record(entries[0]) if entries else None
                if rec is None or not rec.title:
                    yield RecordError(path, f"#{n}", "no TI (title) field", _CUT_HINT if cut else "")
                else:
                    if cut:
                        _cut_short(rec, n, next((ln[:2] for ln in reversed(lines) if _WOS_TAG.match(ln)), ""))
                    yield finish(rec, n, native=_first(entries[0], "accession_number"))
            lines = []
            continue
        lines.append(line)
