"""Readers of literature-search exports: one module per family of formats, each
a pure generator of :class:`~litmine.types.BibRecord` (or a
:class:`~litmine.io.records.common.RecordError` in place of one bad record).

=================  ==================================================  =========================
``--format``       what                                                 module
=================  ==================================================  =========================
``pubmed-xml``     PubMed XML (efetch, "PubMed XML" download)           :mod:`.pubmed` (streamed)
``medline``        MEDLINE / ``.nbib`` text                             :mod:`.pubmed`
``ris``            RIS (PubMed, WoS, Embase, Scopus, Zotero...)         :mod:`.ris` (rispy)
``wos``            Web of Science plain text (``FN``/``PT``...``ER``)   :mod:`.ris` (rispy)
``endnote-xml``    EndNote XML                                          :mod:`.endnote` (streamed)
``bibtex``         BibTeX / BibLaTeX                                    :mod:`.bibtex` (bibtexparser)
``cnki-endnote``   refer / EndNote tagged text (CNKI, Wanfang, VIP)     :mod:`.chinese`
``refworks``       RefWorks tagged text (CNKI, Wanfang, VIP)            :mod:`.chinese`
``noteexpress``    NoteExpress text (CNKI, Wanfang, VIP)                :mod:`.chinese`
``wanfang-text``   Wanfang / VIP ``【题名】...`` text                   :mod:`.chinese`
``zotero-rdf``     Zotero RDF (with exported files)                     :mod:`.zotero`
``csl-json``       CSL JSON                                             :mod:`.zotero`
``zotero``         a Zotero data folder's ``zotero.sqlite`` + storage/  :mod:`.zotero`
=================  ==================================================  =========================

:func:`detect_format` tells the format from the content (the extension only
breaks no tie); :func:`read_records` runs the reader. Text exports are decoded
as text files are (:mod:`litmine.io.text`: BOM, UTF-8, GB18030/GBK, Big5...).
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator, Optional

from litmine.errors import InputError, UsageError
from litmine.io.html import looks_like_html
from litmine.types import EXPORT_FORMATS, SQLITE_HEADER, BibRecord

from .bibtex import BIBTEX_START, read_bibtex
from .chinese import (BRACKETED_START, NOTEEXPRESS_START, REFER_START, REFWORKS_START, read_bracketed,
                      read_noteexpress, read_refer, read_refworks)
from .common import RecordError
from .endnote import read_endnote_xml
from .pubmed import read_medline, read_pubmed_xml
from .ris import RIS_START, WOS_START, read_ris, read_wos
from .zotero import read_csl_json, read_zotero_rdf, read_zotero_sqlite

__all__ = ["FORMATS", "TEXT_FORMATS", "FILE_FORMATS", "RecordError", "detect_format", "detect_text_format",
           "read_records", "sniff_format"]

#: Export formats read from the file itself (streamed or opened by path).
FILE_FORMATS = ("pubmed-xml", "endnote-xml", "zotero-rdf", "zotero")
#: Export formats read from decoded text.
TEXT_FORMATS = ("medline", "ris", "wos", "bibtex", "cnki-endnote", "refworks", "noteexpress", "wanfang-text", "csl-json")
#: Every ``--format`` value for exports (``txt`` and ``pdf`` are the plain formats).
FORMATS = EXPORT_FORMATS

_MEDLINE_START = re.compile(r"^PMID- ?\d", re.M)
#: (format, pattern, fewest matches) tried in order on the first 20,000 characters of a text file.
_TEXT_SIGNS = (("medline", _MEDLINE_START, 1), ("ris", RIS_START, 1), ("wos", WOS_START, 1), ("noteexpress", NOTEEXPRESS_START, 1),
               ("cnki-endnote", re.compile(r"^%T \S", re.M), 1), ("refworks", re.compile(r"^T1 \S", re.M), 1),
               ("wanfang-text", BRACKETED_START, 1), ("bibtex", BIBTEX_START, 1))
_SNIFF = 20_000


def sniff_format(head: bytes) -> Optional[str]:
    """The format of a file from its first bytes when they say it: ``pubmed-xml``,
    ``endnote-xml``, ``zotero-rdf``, ``zotero`` (a SQLite file), ``csl-json``,
    ``html`` (a web page: :func:`litmine.io.html.looks_like_html`), ``xml`` (another XML
    document), ``pdf``; ``None`` for text to be decoded first."""
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith(SQLITE_HEADER):
        return "zotero"
    body = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if body.startswith(b"<"):
        if looks_like_html(body):
            return "html"
        if b"<PubmedArticleSet" in head or b"<PubmedArticle>" in head or b"<PubmedBookArticle" in head:
            return "pubmed-xml"
        if b"<records>" in head and b"<record>" in head or body.startswith(b"<xml><records>"):
            return "endnote-xml"
        if b"rdf:RDF" in head or b"zotero.org/namespaces/export" in head:
            return "zotero-rdf"
        return "xml"
    if body[:1] in (b"[", b"{") and (b'"title"' in head or b'"type"' in head or body.strip() in (b"[]",)):
        return "csl-json"
    return None


def detect_text_format(text: str) -> Optional[str]:
    """The export format of decoded text (one of :data:`TEXT_FORMATS`), or ``None``
    for plain text: a format's record-start line (``PMID- 1``, ``TY  - ``,
    ``FN Clarivate``, ``PT J``+``ER``, ``{Reference Type}:``, ``%T ``+``%0 ``, ``RT ``+``T1 ``,
    ``【题名】``, ``@article{``)
    at the start of a line in the first 20,000 characters."""
    head = text[:_SNIFF].lstrip("\ufeff")
    for fmt, pattern, _ in _TEXT_SIGNS:
        if pattern.search(head):
            if fmt == "cnki-endnote" and not REFER_START.search(head):
                continue
            if fmt == "refworks" and not REFWORKS_START.search(head):
                continue
            if fmt == "wos" and not (re.search(r"^ER\s*$", head, re.M) or re.match(r"FN (Clarivate|Thomson)", head)):
                continue     # "PT J" alone is weak; the FN header is Web of Science's own (a file cut before ER)
            if fmt == "bibtex" and not re.search(r"^\s*(title|author)\s*=", head, re.M | re.I):
                continue
            return fmt
    stripped = head.lstrip()
    if stripped[:1] in "[{" and '"title"' in head:
        return "csl-json"
    return None


def detect_format(path, head: bytes, text: Optional[str] = None) -> Optional[str]:
    """:func:`sniff_format` on the first bytes, then :func:`detect_text_format` on the
    decoded ``text`` when given; ``None``: not an export (plain text)."""
    fmt = sniff_format(head)
    if fmt is None and text is not None:
        fmt = detect_text_format(text)
    return fmt


def read_records(path, fmt: str, text: Optional[str] = None) -> Iterator[BibRecord | RecordError]:
    """Run the reader of ``fmt`` (:data:`FORMATS`) on ``path`` (file formats) or on
    its decoded ``text`` (text formats).

    Raises:
        UsageError (a ValueError): ``fmt`` is not one of :data:`FORMATS`, or a text format without ``text``.
        InputError: the file as a whole cannot be read in that format.
    """
    if fmt == "pubmed-xml":
        return read_pubmed_xml(path)
    if fmt == "endnote-xml":
        return read_endnote_xml(path)
    if fmt == "zotero-rdf":
        return read_zotero_rdf(path)
    if fmt == "zotero":
        return read_zotero_sqlite(path)
    if fmt not in TEXT_FORMATS:
        raise UsageError(f"format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if text is None:
        raise UsageError(f"format {fmt!r} reads decoded text: pass text")
    if fmt == "bibtex":
        return read_bibtex(path, text)
    if fmt == "csl-json":
        return read_csl_json(path, text)
    lines = iter(text.splitlines(keepends=True))
    return {"medline": read_medline, "ris": read_ris, "wos": read_wos, "cnki-endnote": read_refer, "refworks": read_refworks,
            "noteexpress": read_noteexpress, "wanfang-text": read_bracketed}[fmt](path, lines)


def no_records(path, fmt: str) -> InputError:
    """The error for an export file in which no record was found."""
    return InputError(path, f"no records found (read as {fmt})", "check the file, or pass --format")
