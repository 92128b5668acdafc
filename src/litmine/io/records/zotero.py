"""Zotero: an RDF export ("Zotero RDF", optionally with "Export Files": the PDFs
in ``files/N/`` beside it), CSL JSON (Zotero's "CSL JSON" export, or any
citeproc JSON), and a Zotero data folder's ``zotero.sqlite`` with its
``storage/KEY/`` attachment folders.

* RDF: items are the top-level elements with a ``z:itemType`` other than
  ``attachment``/``note``; ``dc:title``, ``bib:authors`` (``foaf:surname``,
  ``foaf:givenName``), ``dc:date``, ``dcterms:isPartOf`` (the journal's
  ``dc:title``), ``dc:identifier`` (``DOI 10...``, ``PMID N``; also in
  ``dc:description``/``dc:subject`` of the journal), ``dcterms:abstract``,
  ``dc:subject`` keywords, ``z:language``, ``link:link`` to ``z:Attachment``
  elements whose ``rdf:resource`` is the file. Namespaces as Zotero writes
  them (zotero.org/namespaces/export, purl.org/net/biblio, Dublin Core).
  The whole RDF file is parsed at once (exports are a few MB).
* CSL JSON: a list of items with ``title``, ``author`` (``family``/``given``
  or ``literal``), ``issued.date-parts``, ``container-title``, ``DOI``,
  ``PMID``, ``abstract``, ``language``, ``keyword``; CSL has no attachments
  (a PDF ingested beside it is matched to its record by the DOI on its first page).
* ``zotero.sqlite`` (Zotero's schema: ``items``, ``itemData``/``itemDataValues``/
  ``fields``, ``creators``/``itemCreators``, ``itemAttachments`` whose ``path`` is
  ``storage:NAME`` under ``storage/<item key>/``, ``tags``/``itemTags``,
  ``deletedItems``), opened read-only and immutable, so a running Zotero is not disturbed.
"""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Iterator
from urllib.parse import unquote, urlparse

from lxml import etree

from litmine.errors import InputError
from litmine.types import BibRecord

from .common import RecordError, clean_field, finish, language_code, parse_year, split_list, split_sections

__all__ = ["read_zotero_rdf", "read_csl_json", "read_zotero_sqlite", "ZOTERO_NS"]

ZOTERO_NS = {"rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "z": "http://www.zotero.org/namespaces/export#",
             "dc": "http://purl.org/dc/elements/1.1/", "dcterms": "http://purl.org/dc/terms/",
             "bib": "http://purl.org/net/biblio#", "foaf": "http://xmlns.com/foaf/0.1/",
             "link": "http://purl.org/rss/1.0/modules/link/", "prism": "http://prismstandard.org/namespaces/1.2/basic/"}
_RDF = "{%s}" % ZOTERO_NS["rdf"]
_SKIP_TYPES = ("attachment", "note")


def _x(el, path: str) -> str:
    found = el.find(path, ZOTERO_NS)
    return clean_field("".join(found.itertext())) if found is not None else ""


def _ids(texts: list[str]) -> tuple[str, str]:
    """(doi, pmid) from identifier strings ``"DOI 10.1/x"``, ``"PMID 123"``."""
    doi = pmid = ""
    for t in texts:
        low = t.lower()
        if not doi and "10." in t and ("doi" in low or low.startswith("10.")):
            doi = t
        if not pmid and low.startswith("pmid"):
            pmid = t
    return doi, pmid


def _resolve(base: Path, link: str) -> str:
    """A file link of an export (relative, ``file://``, percent-encoded) as a path."""
    if not link:
        return ""
    if link.startswith("file://"):
        link = unquote(urlparse(link).path)
    path = Path(unquote(link))
    return str(path if path.is_absolute() else base / path)


def read_zotero_rdf(path) -> Iterator[BibRecord | RecordError]:
    """The items of a Zotero RDF export (``fmt`` ``zotero-rdf``, ``source_db`` ``zotero``,
    ``pdf`` the first PDF attachment, resolved against the export's folder).

    Raises:
        InputError: not well-formed XML, or not RDF.
    """
    try:
        tree = etree.parse(str(path), etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True,
                                                      remove_comments=True))
    except etree.XMLSyntaxError as exc:
        raise InputError(path, f"not well-formed XML (line {exc.lineno}: {exc.msg})",
                         "export the collection again, or pass --format") from None
    root = tree.getroot()
    attachments = {}
    for el in root:
        if _x(el, "z:itemType") == "attachment":
            res = el.find("rdf:resource", ZOTERO_NS)
            mime = _x(el, "link:type")
            if res is not None and (mime == "application/pdf" or res.get(_RDF + "resource", "").lower()
                                    .endswith(".pdf")):
                attachments[el.get(_RDF + "about")] = res.get(_RDF + "resource")
    base = Path(path).parent
    n = 0
    for el in root:
        kind = _x(el, "z:itemType")
        if not kind or kind in _SKIP_TYPES:
            continue
        n += 1
        authors = []
        for person in el.iterfind("bib:authors/rdf:Seq/rdf:li/foaf:Person", ZOTERO_NS):
            last, given = _x(person, "foaf:surname"), _x(person, "foaf:givenName")
            authors.append(f"{last}, {given}" if last and given else last or given)
        part = el.find("dcterms:isPartOf", ZOTERO_NS)
        journal = ""
        idents = [clean_field("".join(i.itertext())) for i in el.iterfind("dc:identifier", ZOTERO_NS)]
        if part is not None:
            journal = next((clean_field("".join(t.itertext())) for t in part.iterfind(".//dc:title", ZOTERO_NS)), "")
            idents += [clean_field("".join(i.itertext())) for i in part.iterfind(".//dc:identifier", ZOTERO_NS)]
        idents += [clean_field("".join(i.itertext())) for i in el.iterfind("dc:description", ZOTERO_NS)]
        doi, pmid = _ids(idents)
        links = [ln.get(_RDF + "resource") for ln in el.iterfind("link:link", ZOTERO_NS)]
        pdf = next((attachments[ln] for ln in links if ln in attachments), "")
        rec = BibRecord(title=_x(el, "dc:title"), authors=authors, year=parse_year(_x(el, "dc:date")),
                        journal=journal, doi=doi, pmid=pmid, language=language_code(_x(el, "z:language")),
                        source_db="zotero", abstract=split_sections(_x(el, "dcterms:abstract")),
                        keywords=[clean_field("".join(s.itertext())) for s in el.iterfind("dc:subject", ZOTERO_NS)
                                  if len(s) == 0],
                        pdf=_resolve(base, pdf), fmt="zotero-rdf")
        if not rec.title:
            yield RecordError(path, f"#{n}", "no dc:title")
            continue
        yield finish(rec, n, native=(el.get(_RDF + "about") or "") if not el.get(_RDF + "about", "")
                     .startswith("#") else "")


def _csl_authors(names) -> list[str]:
    out = []
    for a in names or []:
        if isinstance(a, dict):
            fam, giv = clean_field(a.get("family")), clean_field(a.get("given"))
            out.append(f"{fam}, {giv}" if fam and giv else fam or giv or clean_field(a.get("literal")))
    return out


def _csl_year(issued) -> int | None:
    if isinstance(issued, dict):
        parts = issued.get("date-parts") or []
        if parts and parts[0]:
            return parse_year(parts[0][0])
        return parse_year(issued.get("raw") or issued.get("literal"))
    return parse_year(issued)


#: Item types of the Citation Style Language 1.0.2 specification (docs.citationstyles.org, "Appendix III - Types").
CSL_TYPES = frozenset("""article article-journal article-magazine article-newspaper bill book broadcast chapter classic
collection dataset document entry entry-dictionary entry-encyclopedia event figure graphic hearing interview legal_case
legislation manuscript map motion_picture musical_score pamphlet paper-conference patent performance periodical
personal_communication post post-weblog regulation report review review-book software song speech standard thesis
treaty webpage""".split())


def read_csl_json(path, text: str) -> Iterator[BibRecord | RecordError]:
    """The items of a CSL JSON file (decoded ``text``: a list of items, or one item)
    (``fmt`` ``csl-json``, ``source_db`` ``csl``, ``key`` the item ``id`` without PMID or DOI).

    Raises:
        InputError: not JSON, not a list of objects, or no item with a CSL ``type``
            (:data:`CSL_TYPES`): JSON of another kind, such as litmine's own exports.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON (line {exc.lineno}: {exc.msg})", "pass --format") from None
    if isinstance(data, dict):
        data = data.get("items", [data])
    if not isinstance(data, list):
        raise InputError(path, "CSL JSON must be a list of items", "export as CSL JSON")
    if data and not any(isinstance(item, dict) and item.get("type") in CSL_TYPES for item in data):
        # another program's JSON (a litmine export, a data file): one error, no records
        raise InputError(path, "not CSL JSON (no item has a CSL \"type\" such as article-journal)",
                         "pass --format, or export the library as CSL JSON")
    for n, item in enumerate(data, 1):
        if not isinstance(item, dict) or not clean_field(item.get("title")):
            yield RecordError(path, f"#{n}", "an item without a title")
            continue
        rec = BibRecord(title=clean_field(item.get("title")), authors=_csl_authors(item.get("author")),
                        year=_csl_year(item.get("issued")), journal=clean_field(item.get("container-title")),
                        doi=clean_field(item.get("DOI")), pmid=clean_field(item.get("PMID")),
                        language=language_code(item.get("language")), source_db="csl",
                        abstract=split_sections(item.get("abstract") or ""),
                        keywords=split_list(item.get("keyword"), ",;"), fmt="csl-json")
        yield finish(rec, n, native=clean_field(item.get("id")))


#: itemData field names read from zotero.sqlite.
_Z_FIELDS = ("title", "date", "publicationTitle", "bookTitle", "university", "DOI", "abstractNote", "language",
             "extra")


def read_zotero_sqlite(path) -> Iterator[BibRecord | RecordError]:
    """The regular items of a Zotero data folder's ``zotero.sqlite`` (not deleted),
    with their first PDF attachment under ``storage/`` beside it (``fmt``
    ``zotero``, ``source_db`` ``zotero``, ``key`` ``zotero:ITEMKEY``).

    Raises:
        InputError: not a Zotero database (no ``items``/``itemData`` tables) or unreadable.
    """
    uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro&immutable=1"
    try:
        con = sqlite3.connect(uri, uri=True)
        con.execute("SELECT itemID, key FROM items LIMIT 1").fetchall()
    except sqlite3.Error as exc:
        raise InputError(path, f"not a readable Zotero database ({exc})", "give the Zotero data folder") from None
    storage = Path(path).parent / "storage"
    try:
        cur = con.execute(
            "SELECT i.itemID, i.key FROM items i JOIN itemTypes t ON t.itemTypeID = i.itemTypeID "
            "WHERE t.typeName NOT IN ('attachment', 'note', 'annotation') "
            "AND i.itemID NOT IN (SELECT itemID FROM deletedItems) ORDER BY i.itemID")
        items = cur.fetchall()
        for n, (item_id, key) in enumerate(items, 1):
            vals = dict(con.execute(
                "SELECT f.fieldName, v.value FROM itemData d JOIN fields f ON f.fieldID = d.fieldID "
                "JOIN itemDataValues v ON v.valueID = d.valueID WHERE d.itemID = ?", (item_id,)).fetchall())
            authors = [f"{last}, {first}" if last and first else last or first for last, first in con.execute(
                "SELECT c.lastName, c.firstName FROM itemCreators ic JOIN creators c ON c.creatorID = ic.creatorID "
                "WHERE ic.itemID = ? ORDER BY ic.orderIndex", (item_id,))]
            tags = [t for (t,) in con.execute("SELECT t.name FROM itemTags it JOIN tags t ON t.tagID = it.tagID "
                                              "WHERE it.itemID = ? ORDER BY t.name", (item_id,))]
            pdf = ""
            for akey, apath, ctype in con.execute(
                    "SELECT i.key, a.path, a.contentType FROM itemAttachments a JOIN items i ON i.itemID = a.itemID "
                    "WHERE a.parentItemID = ? ORDER BY a.itemID", (item_id,)):
                if apath and (ctype == "application/pdf" or apath.lower().endswith(".pdf")):
                    pdf = str(storage / akey / apath[len("storage:"):]) if apath.startswith("storage:") else apath
                    break
            extra = vals.get("extra") or ""
            pmid = next((ln.split(":", 1)[1] for ln in extra.splitlines() if ln.lower().startswith("pmid:")), "")
            rec = BibRecord(title=clean_field(vals.get("title")), authors=authors, year=parse_year(vals.get("date")),
                            journal=clean_field(vals.get("publicationTitle") or vals.get("bookTitle")
                                                or vals.get("university")),
                            doi=vals.get("DOI") or "", pmid=pmid, language=language_code(vals.get("language")),
                            source_db="zotero", abstract=split_sections(vals.get("abstractNote") or ""),
                            keywords=tags, pdf=pdf, fmt="zotero")
            if not rec.title and not pdf:
                yield RecordError(path, f"zotero:{key}", "an item without a title or PDF")
                continue
            yield finish(rec, n, native=f"zotero:{key}")
    except sqlite3.Error as exc:
        raise InputError(path, f"not a Zotero database ({exc})", "give the Zotero data folder") from None
    finally:
        con.close()
