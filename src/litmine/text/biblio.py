"""Bibliographic keys of a :class:`~litmine.types.BibRecord`: normalised DOI,
PMID, title key, first-author surname, and the display label "Smith et al. 2021".

Deduplication across sources (issue 12) matches a new record against the
stored documents by, in order: its DOI, its PMID, then its *title key* --
normalised title, year and first author's surname together. The rules:

* DOI: case-insensitive (the DOI Handbook, section 2.4: DOIs are matched
  case-insensitively), without a ``doi:`` or ``https://doi.org/`` prefix and
  trailing punctuation;
* PMID: its digits;
* title: Unicode NFKC (full-width letters and digits become ASCII), case
  folded, every character that is not a letter, digit or CJK ideograph dropped
  (so punctuation, spaces, HTML tags' brackets and dashes do not matter); a key
  needs at least 12 such characters (4 for a Chinese title) -- short titles
  such as "Editorial" would merge unrelated papers;
* first author: the surname -- the part before a comma (``"Smith, J."``),
  else the first word of a Chinese name of 2-4 ideographs taken whole
  (``"张三"``), else the longest word of ``"Smith J"`` / ``"J Smith"``
  forms -- normalised like titles.

Pure functions, no database.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from litmine.types import BibRecord

__all__ = ["normalise_doi", "normalise_pmid", "title_key", "first_author_surname", "record_label",
           "find_doi", "own_doi", "MIN_TITLE_KEY"]

#: Fewest normalised title characters a title key needs (Latin script; CJK: 4).
MIN_TITLE_KEY = 12
_DOI_RE = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.I)
_DOI_PREFIX = re.compile(r"^(?:doi:\s*|https?://(?:dx\.)?doi\.org/)", re.I)
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_KEEP = re.compile(r"[^\w\u3400-\u4dbf\u4e00-\u9fff]|_", re.U)
_TAG = re.compile(r"</?[a-zA-Z][^>]{0,40}>")


def normalise_doi(value: Optional[str]) -> str:
    """``"https://doi.org/10.1000/ABC."`` -> ``"10.1000/abc"``; ``""`` when ``value`` holds no DOI."""
    if not value:
        return ""
    value = _DOI_PREFIX.sub("", value.strip())
    m = _DOI_RE.search(value)
    return m.group(1).rstrip(".,;)]}").lower() if m else ""


def find_doi(text: str) -> str:
    """The first DOI printed in ``text`` (normalised), ``""`` when none: how a PDF's
    first page is matched to its record."""
    m = _DOI_RE.search(text or "")
    return normalise_doi(m.group(1)) if m else ""


_REFERENCES_HEADING = re.compile(r"^\s*(\d+[.\s]*)?(references?|bibliography|literature cited|works cited|参考文献|引用文献)"
                                 r"\s*[:：]?\s*$", re.I | re.M)
_NUMBERED_ENTRY = re.compile(r"^\s*(\[\d{1,3}\]|\d{1,3}\.\s|［\d{1,3}］)")


def own_doi(text: str) -> str:
    """The document's own DOI: the first DOI printed before its reference list, outside numbered reference
    entries ("[12] Smith J ... doi:10.1/x" cites another paper); ``""`` when none. A short review whose
    reference list starts early must not take a cited paper's DOI (and be merged with that paper)."""
    head = _REFERENCES_HEADING.search(text or "")
    text = (text or "")[:head.start()] if head else (text or "")
    for line in text.splitlines():
        if _NUMBERED_ENTRY.match(line):
            continue
        doi = find_doi(line)
        if doi:
            return doi
    return ""


def normalise_pmid(value: Optional[str]) -> str:
    """The PMID's digits (``"PMID: 12345"`` -> ``"12345"``), ``""`` when none."""
    digits = re.sub(r"\D", "", value or "")
    return digits.lstrip("0") and digits


def _norm(text: str) -> str:
    text = _TAG.sub("", unicodedata.normalize("NFKC", text or ""))
    return _KEEP.sub("", text.casefold())


def first_author_surname(authors: list[str]) -> str:
    """The first author's surname as written (``["Smith, Jane", ...]`` -> ``"Smith"``,
    ``["张三"]`` -> ``"张三"``, ``["Smith JA"]`` -> ``"Smith"``), ``""`` without authors."""
    if not authors:
        return ""
    name = unicodedata.normalize("NFKC", authors[0]).strip()
    if not name:
        return ""
    if "," in name:
        return name.split(",", 1)[0].strip()
    if _CJK.search(name):
        return name.replace(" ", "")
    words = [w for w in re.split(r"\s+", name) if w]
    if len(words) == 1:
        return words[0]
    # "Smith JA" (MEDLINE, Vancouver) or "Jane A. Smith": initials are short or upper-case runs
    if re.fullmatch(r"[A-Z]{1,3}", words[-1].replace(".", "")):
        return " ".join(words[:-1])
    return words[-1]


def title_key(record: BibRecord) -> str:
    """``"normalisedtitle|2021|smith"``, or ``""`` when the title is too short to
    trust (:data:`MIN_TITLE_KEY`) or the year or authors are missing."""
    title = _norm(record.title)
    need = 4 if _CJK.search(title) else MIN_TITLE_KEY
    surname = _norm(first_author_surname(record.authors))
    if len(title) < need or record.year is None or not surname:
        return ""
    return f"{title}|{record.year}|{surname}"


def record_label(record: Optional[BibRecord], fallback: str) -> str:
    """The display name of a document: ``"Smith 2021"``, ``"Smith et al. 2021"``,
    ``"张三等 2021"`` (first author's surname, "et al."/"等" with more authors, year);
    ``fallback`` (the file name) when the record gives no author."""
    if record is None:
        return fallback
    surname = first_author_surname(record.authors)
    if not surname:
        return fallback
    if len(record.authors) > 1:
        surname += "等" if _CJK.search(surname) else " et al."
    return f"{surname} {record.year}" if record.year else surname
