"""PubMed XML (``efetch ... retmode=xml``, the "PubMed XML" download) and
MEDLINE/nbib text (``efetch ... rettype=medline``, "Send to: Citation manager").

* :func:`read_pubmed_xml` streams ``<PubmedArticle>`` elements with
  ``lxml.etree.iterparse`` and clears each one (and the siblings before it)
  once read, so memory stays bounded whatever the file's size; entities are
  not resolved, no DTD or network is loaded.
* :func:`read_medline` reads tagged lines (``"PMID- 123"``, a 4-character tag,
  ``"- "``, continuation lines indented by 6 spaces), records separated by
  blank lines, one record at a time.

Element and tag meanings: NLM's PubMed DTD documentation ("PubMed XML Element
Descriptions") and the MEDLINE/PubMed Data Element (Field) Descriptions.
Structured abstracts keep their section labels (``AbstractText/@Label``; in
MEDLINE ``AB`` the upper-case ``LABEL:`` headings), one section a paragraph.
"""
from __future__ import annotations

import re
from typing import Iterator, TextIO

from lxml import etree

from litmine.errors import InputError
from litmine.types import BibRecord

from .common import RecordError, clean_field, finish, join_sections, language_code, parse_year, split_sections

__all__ = ["read_pubmed_xml", "read_medline", "pubmed_article"]


def _text(el) -> str:
    """All text inside ``el`` (inline markup such as ``<i>`` or ``<sup>`` included)."""
    return clean_field("".join(el.itertext())) if el is not None else ""


def _author(a) -> str:
    """``<Author>`` -> ``"Last, Fore"`` (or the collective name)."""
    last, fore = _text(a.find("LastName")), _text(a.find("ForeName")) or _text(a.find("Initials"))
    if last:
        return f"{last}, {fore}" if fore else last
    return _text(a.find("CollectiveName"))


def pubmed_article(el) -> BibRecord:
    """One ``<PubmedArticle>`` (or ``<PubmedBookArticle>``) element -> a record (``key`` unset)."""
    cit = el.find("MedlineCitation")
    if cit is None:
        cit = el.find("BookDocument")
    if cit is None:
        raise ValueError("no MedlineCitation or BookDocument element")
    art = cit.find("Article")
    if art is None:
        art = cit.find("Book")
        art = cit if art is None else art
    title = _text(art.find("ArticleTitle")) or _text(art.find("BookTitle")) or _text(cit.find("ArticleTitle")) \
        or _text(art.find("VernacularTitle"))
    abstract_el = art.find("Abstract")
    if abstract_el is None:
        abstract_el = cit.find("Abstract")
    sections = [(t.get("Label") or "", _text(t)) for t in abstract_el.iter("AbstractText")] \
        if abstract_el is not None else []
    authors = [_author(a) for a in art.iter("Author")] if art.find("AuthorList") is not None else \
        [_author(a) for a in cit.iter("Author")]
    journal = art.find("Journal")
    date = journal.find("JournalIssue/PubDate") if journal is not None else None
    year = None
    if date is not None:
        year = parse_year(_text(date.find("Year")) or _text(date.find("MedlineDate")))
    if year is None:
        year = parse_year(_text(art.find("ArticleDate/Year")) or _text(cit.find("DateCompleted/Year")))
    doi = ""
    for aid in el.iterfind(".//ArticleIdList/ArticleId"):
        if aid.get("IdType") == "doi":
            doi = _text(aid)
            break
    if not doi:
        for loc in art.iterfind("ELocationID"):
            if loc.get("EIdType") == "doi":
                doi = _text(loc)
    return BibRecord(
        title=title, authors=[a for a in authors if a], year=year,
        journal=_text(journal.find("Title")) or _text(journal.find("ISOAbbreviation")) if journal is not None else "",
        doi=doi, pmid=_text(cit.find("PMID")), language=language_code(_text(art.find("Language"))),
        source_db="pubmed", abstract=join_sections(sections),
        keywords=[_text(k) for k in cit.iterfind("KeywordList/Keyword")], fmt="pubmed-xml")


def read_pubmed_xml(path) -> Iterator[BibRecord]:
    """Stream the records of a PubMed XML file, in file order.

    Yields:
        :class:`~litmine.types.BibRecord` (``source_db`` ``pubmed``, ``fmt``
        ``pubmed-xml``, ``key`` ``pmid:N``), or a :class:`RecordError` in place
        of a record that cannot be read (the next ones still are).

    Raises:
        InputError: the file is not well-formed XML (at the line lxml names):
            the records before it have been yielded.
    """
    n = 0
    try:
        for _event, el in etree.iterparse(str(path), events=("end",), tag=("PubmedArticle", "PubmedBookArticle"),
                                          resolve_entities=False, load_dtd=False, no_network=True,
                                          huge_tree=False, remove_comments=True):
            n += 1
            try:
                yield finish(pubmed_article(el), n)
            except (ValueError, AttributeError) as exc:
                yield RecordError(path, f"#{n}", f"not a readable PubmedArticle ({exc})")
            el.clear(keep_tail=False)
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"not well-formed XML (line {exc.lineno}: {exc.msg})",
                         "export the search again, or pass --format") from None


_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3})\s*- ?(.*)$")


def _medline_records(lines: Iterator[str]) -> Iterator[list[tuple[str, str]]]:
    """Group MEDLINE lines into records of ``(tag, value)`` pairs (continuations joined)."""
    fields: list[tuple[str, str]] = []
    for line in lines:
        line = line.rstrip("\r\n")
        if not line.strip():
            if fields:
                yield fields
                fields = []
            continue
        m = _TAG.match(line)
        if m and not line.startswith(" "):
            fields.append((m.group(1), m.group(2).strip()))
        elif fields:
            tag, value = fields[-1]
            fields[-1] = (tag, f"{value} {line.strip()}")
    if fields:
        yield fields


def medline_record(fields: list[tuple[str, str]]) -> BibRecord:
    """One MEDLINE record's ``(tag, value)`` pairs -> a record (``key`` unset).

    Tags: ``PMID``, ``TI`` (title; ``BTI`` for books), ``AB``, ``FAU`` (else
    ``AU``) authors, ``DP`` year, ``JT`` (else ``TA``) journal, ``LA``,
    ``AID``/``LID`` ``"... [doi]"``, ``OT`` keywords.
    """
    get = {}
    for tag, value in fields:
        get.setdefault(tag, []).append(value)
    one = lambda *tags: next((get[t][0] for t in tags if get.get(t)), "")   # noqa: E731
    doi = next((v for t in ("AID", "LID") for v in get.get(t, []) if v.endswith("[doi]")), "")
    return BibRecord(title=one("TI", "BTI"), authors=get.get("FAU") or get.get("AU") or [],
                     year=parse_year(one("DP")), journal=one("JT", "TA"), doi=doi, pmid=one("PMID"),
                     language=language_code(one("LA")), source_db="pubmed", abstract=split_sections(one("AB")),
                     keywords=get.get("OT", []), fmt="medline")


def read_medline(path, stream: TextIO) -> Iterator[BibRecord]:
    """The records of a MEDLINE/nbib file read from ``stream`` (decoded text), in file order.

    Yields:
        records (``source_db`` ``pubmed``, ``fmt`` ``medline``), or a
        :class:`RecordError` for a record without a ``PMID`` or title.
    """
    for n, fields in enumerate(_medline_records(stream), 1):
        rec = medline_record(fields)
        if not rec.pmid and not rec.title:
            yield RecordError(path, f"#{n}", "no PMID and no TI (title) line", "is it a MEDLINE file?")
            continue
        yield finish(rec, n)
