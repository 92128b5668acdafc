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

from .common import (RecordError, clean_field, cut_short_note, finish, join_sections, language_code, parse_year,
                     split_sections, unfinished_end)

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


#: The hint of a PubMed XML record the file ends inside, before its title.
_XML_CUT_HINT = "the file ends inside this record, before its </PubmedArticle>: cut short? export it again"


def _ends_at_end(path, line: int) -> bool:
    """Whether line ``line`` (1-based, as lxml counts) is the last line of the file at ``path``: a
    syntax error there is the file ending (cut short), not bad markup before the end."""
    newlines = 0
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            newlines += chunk.count(b"\n")
    return line > newlines


def _cut_record(path, el, index: int) -> BibRecord | RecordError:
    """The ``<PubmedArticle>`` ``el`` the file ends inside (as lxml built it up to the cut), the
    ``index``-th of the file: read as far as it goes with a warning
    (:func:`~litmine.io.records.common.cut_short_note`), its abstract's unfinished words after its
    last sentence end left out when the cut is inside the abstract; a :class:`RecordError` saying
    so when the file ends before its title."""
    try:
        rec = pubmed_article(el)
    except (ValueError, AttributeError):
        rec = BibRecord()
    pmid = re.sub(r"\D", "", rec.pmid or _text(el.find(".//PMID")))
    if not rec.title:
        named = f"#{index} (PMID {pmid})" if pmid else f"#{index}"
        return RecordError(path, named, "no ArticleTitle (title) element", _XML_CUT_HINT)
    last = list(el.iter())[-1]          # the element the file ends inside
    dropped = ""
    if any(a.tag in ("Abstract", "OtherAbstract") for a in (last, *last.iterancestors())):
        rec.abstract, dropped = unfinished_end(rec.abstract)
    rec.warnings.append(cut_short_note(index, clean_field(rec.title), "before its </PubmedArticle>", dropped,
                                       pmid=pmid))
    return finish(rec, index)


def read_pubmed_xml(path) -> Iterator[BibRecord | RecordError]:
    """Stream the records of a PubMed XML file, in file order.

    Yields:
        :class:`~litmine.types.BibRecord` (``source_db`` ``pubmed``, ``fmt``
        ``pubmed-xml``, ``key`` ``pmid:N``), or a :class:`RecordError` in place
        of a record that cannot be read (the next ones still are). A file that
        ends inside a record (cut short: the XML error on its last line) has
        that record read as far as it goes, with a warning naming it by number,
        PMID and title (:func:`_cut_record`; before its title, a ``RecordError``
        saying so); a file that ends between records (no ``</PubmedArticleSet>``)
        has a warning on its last record that later ones may be missing.

    Raises:
        InputError: the file is not well-formed XML before its end (at the line
            lxml names, and the record it is in): the records before it have been
            yielded; or it ends before its first record.
    """
    n = 0
    current = None           # the <PubmedArticle> being read (started, not ended)
    held = None              # the last record read, yielded once the next one is (a warning may be due)
    try:
        for event, el in etree.iterparse(str(path), events=("start", "end"),
                                          tag=("PubmedArticle", "PubmedBookArticle"),
                                          resolve_entities=False, load_dtd=False, no_network=True,
                                          huge_tree=False, remove_comments=True):
            if event == "start":
                current = el
                continue
            current = None
            n += 1
            if held is not None:
                yield held
            try:
                held = finish(pubmed_article(el), n)
            except (ValueError, AttributeError) as exc:
                held = RecordError(path, f"#{n}", f"not a readable PubmedArticle ({exc})")
            el.clear(keep_tail=False)
            parent = el.getparent()
            while parent is not None and el.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        cut = _ends_at_end(path, exc.lineno)
        if cut and current is not None:          # the file ends inside record n + 1
            if held is not None:
                yield held
            yield _cut_record(path, current, n + 1)
            return
        if cut and isinstance(held, BibRecord):  # the file ends after record n, before </PubmedArticleSet>
            held.warnings.append(f"record #{n} (the file's last): the file ends after it, with no "
                                 "</PubmedArticleSet> (cut short? records after it, if any, are missing: "
                                 "export it again)")
            yield held
            return
        if held is not None:
            yield held
        where = f", inside record #{n + 1}; the {n} record{'s' if n != 1 else ''} before it read" \
            if current is not None else ""
        raise InputError(path, f"not well-formed XML (line {exc.lineno}: {exc.msg}){where}",
                         "export the search again, or pass --format") from None
    if held is not None:
        yield held


_TAG = re.compile(r"^([A-Z][A-Z0-9]{0,3})\s*- ?(.*)$")


def _medline_records(lines: Iterator[str]) -> Iterator[tuple[list[tuple[str, str]], str]]:
    """Group MEDLINE lines into records of ``(tag, value)`` pairs (continuations joined), each with
    ``""``, or, when the file ends inside it, how (its last record: ``"in the middle of a line"``
    when the file's last line has no line end, a download cut inside a line; ``"before its SO
    line"`` when the records before it end with an ``SO`` (source) line, as PubMed's MEDLINE
    records do, and it has none)."""
    fields: list[tuple[str, str]] = []
    ended_with_so = False            # the record before ends with SO, PubMed's last field
    line = "\n"
    for line in lines:
        text = line.rstrip("\r\n")
        if not text.strip():
            if fields:
                ended_with_so = fields[-1][0] == "SO"
                yield fields, ""
                fields = []
            continue
        m = _TAG.match(text)
        if m and not text.startswith(" "):
            fields.append((m.group(1), m.group(2).strip()))
        elif fields:
            tag, value = fields[-1]
            fields[-1] = (tag, f"{value} {text.strip()}")
    if fields:
        yield fields, ("in the middle of a line" if not line.endswith("\n") else
                       "before its SO line" if ended_with_so and fields[-1][0] != "SO" else "")


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
        :class:`RecordError` for a record without a ``PMID`` or title. The last
        record of a file that ends inside it (:func:`_medline_records`: cut short)
        is read as far as it goes with a warning naming it by number, PMID and
        title, its abstract's unfinished words left out when ``AB`` is its last
        field (as :func:`read_pubmed_xml` and RIS); without a title, a
        ``RecordError`` saying the file ends inside it.
    """
    for n, (fields, cut) in enumerate(_medline_records(stream), 1):
        rec = medline_record(fields)
        if not rec.pmid and not rec.title:
            yield RecordError(path, f"#{n}", "no PMID and no TI (title) line", "is it a MEDLINE file?")
            continue
        if cut and not rec.title:
            yield RecordError(path, f"#{n} (PMID {re.sub(r'[^0-9]', '', rec.pmid)})", "no TI (title) line",
                              "the file ends inside this record: cut short? export it again")
            continue
        if cut:          # the file ends inside the record: read it, say so, and leave out half a sentence
            dropped = ""
            if fields[-1][0] == "AB":
                rec.abstract, dropped = unfinished_end(rec.abstract)
            rec.warnings.append(cut_short_note(n, clean_field(rec.title), cut, dropped,
                                               pmid=re.sub(r"\D", "", rec.pmid)))
        yield finish(rec, n)
