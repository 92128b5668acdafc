"""EndNote XML (File > Export > XML: ``<xml><records><record>...``), streamed
with ``lxml.etree.iterparse``, each ``<record>`` cleared once read.

Elements (EndNote's ``RSXML`` export, where text sits in ``<style>`` runs):
``titles/title``, ``contributors/authors/author``, ``dates/year``,
``periodical/full-title`` (else ``titles/secondary-title``),
``electronic-resource-num`` (DOI), ``accession-num`` (a PMID when
``remote-database-name`` is PubMed/MEDLINE), ``abstract``, ``keywords/keyword``,
``language``, ``urls/pdf-urls/url`` (an ``internal-pdf://ID/name.pdf`` link is
``<library>.Data/PDF/ID/name.pdf``, the library named by ``database/@name``, relative
to the export's folder; a ``file://`` link its path),
``rec-number`` (the key when there is no PMID or DOI),
``remote-database-provider`` (CNKI, Wanfang...).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlparse

from lxml import etree

from litmine.errors import InputError
from litmine.types import BibRecord

from .chinese import database_of
from .common import RecordError, clean_field, finish, language_code, parse_year, split_sections

__all__ = ["read_endnote_xml", "endnote_record"]


def _t(el, path: str) -> str:
    found = el.find(path)
    return clean_field("".join(found.itertext())) if found is not None else ""


def endnote_record(rec) -> tuple[BibRecord, str]:
    """One ``<record>`` element -> ``(record, rec-number)`` (``key`` unset)."""
    database = " ".join(filter(None, (_t(rec, "remote-database-name"), _t(rec, "remote-database-provider"))))
    source = database_of(database, "endnote")
    accession = _t(rec, "accession-num")
    pmid = accession if source == "pubmed" and re.fullmatch(r"\d{1,9}", accession) else ""
    pdf = next((clean_field("".join(u.itertext())) for u in rec.iterfind("urls/pdf-urls/url")), "")
    library = rec.find("database")
    if pdf.startswith("internal-pdf://") and library is not None and library.get("name"):
        # EndNote keeps a library's PDFs in <library>.Data/PDF/, beside the .enl file
        pdf = str(Path(Path(library.get("name")).stem + ".Data") / "PDF" / pdf[len("internal-pdf://"):])
    elif pdf.startswith("file://"):
        pdf = unquote(urlparse(pdf).path)
    return BibRecord(
        title=_t(rec, "titles/title"),
        authors=[clean_field("".join(a.itertext())) for a in rec.iterfind("contributors/authors/author")],
        year=parse_year(_t(rec, "dates/year") or _t(rec, "dates/pub-dates/date")),
        journal=_t(rec, "periodical/full-title") or _t(rec, "titles/secondary-title")
        or _t(rec, "periodical/abbr-1"),
        doi=_t(rec, "electronic-resource-num"), pmid=pmid, language=language_code(_t(rec, "language")),
        source_db=source, abstract=split_sections(_t(rec, "abstract")),
        keywords=[clean_field("".join(k.itertext())) for k in rec.iterfind("keywords/keyword")],
        pdf=pdf, fmt="endnote-xml"), _t(rec, "rec-number")


def read_endnote_xml(path) -> Iterator[BibRecord | RecordError]:
    """Stream the records of an EndNote XML export (``fmt`` ``endnote-xml``).

    Raises:
        InputError: not well-formed XML (records before the error have been yielded).
    """
    n = 0
    try:
        for _ev, el in etree.iterparse(str(path), events=("end",), tag="record", resolve_entities=False,
                                       load_dtd=False, no_network=True, remove_comments=True):
            n += 1
            rec, number = endnote_record(el)
            if rec.title:
                yield finish(rec, n, native=f"rec:{number}" if number else "")
            else:
                yield RecordError(path, f"#{n}", "no titles/title element")
            el.clear(keep_tail=False)
            while el.getprevious() is not None:
                del el.getparent()[0]
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"not well-formed XML (line {exc.lineno}: {exc.msg})",
                         "export the library again, or pass --format") from None
