"""A document's reference list: numbered entries with authors, year, title and DOI.

:func:`parse_references` reads the blocks of the reference section (``kind ==
"references"``, see :mod:`litmine.text.clean`) and splits them into entries at their
numbers -- ``[12]`` (GB/T 7714, used by Chinese journals) or ``12.`` before a capital or a
Chinese character (Vancouver) -- keeping only numbers that follow each other (1, 2, 3...), so a volume or page
number inside an entry never starts a new one. Fields are read from each entry by the
conventions of those two styles:

* authors: the text before the first full stop that ends a name list ("Zhang W, Li Q, et
  al." / "王明, 刘洋, 等."); APA-like entries "Smith J, Doe A (2019)." end it at the year;
  entries with initials first (IEEE and ACS styles: "K. Yoon and I. S. Kweon, “Title,” ...")
  end it at the quoted title or the first full stop after a surname (a title in quotes is
  the title);
* title: the next sentence, ending at a GB/T type code (``[J]``, ``[M]``...) or a full stop;
* year: the first 19xx/20xx after the title (else in it);
* DOI: ``10.NNNN/...`` anywhere in the entry (a trailing full stop dropped).

A field an entry does not print is empty (``year`` ``None``). Offsets count characters of
``Document.text``. Limits: at most :data:`MAX_ENTRIES` entries, each at most
:data:`MAX_ENTRY_CHARS` characters (longer text is not a reference entry and is skipped).
"""
from __future__ import annotations

import re

from ..types import Document, Reference

MAX_ENTRIES = 2000
MAX_ENTRY_CHARS = 2000

_START = re.compile(r"(?:^|(?<=\s))(?:\[(\d{1,4})\]\s*|(\d{1,4})[.．]\s+(?=[A-Z\u4e00-\u9fff]))")
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\[\]（）()，,;；]+)")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_TYPE_CODE = re.compile(r"\[(?:J|M|D|C|N|R|P|S|Z|EB/OL|J/OL|M/OL)\]")
#: An author list ends at "et al." / "等." or at the first full stop after a name (initials
#: are written without stops in both styles).
_AUTHORS_END = re.compile(r"(?:et al|等)\s*[.．,，]|[.．](?=\s|[\u4e00-\u9fff]|$)")
_APA_YEAR = re.compile(r"^\s*(.{2,300}?)\s*\(((?:19|20)\d{2})[a-z]?\)\.?\s*")
#: IEEE / ACS-like entries put initials first ("K.-J. Yoon and I.-S. Kweon, “Title,” ..."):
#: their author list ends at a quoted title, else at the first full stop after a surname.
_INITIALS_FIRST = re.compile(r"^(?:[A-Z][a-z]?\.(?:\s*-?\s*[A-Z][a-z]?\.)*\s+)(?:[a-z]{1,3}\s+)?[A-Z][^\s.,]*[a-z]")
_QUOTED = re.compile(r"[“\"]\s*(.{3,400}?)\s*[,.，]?\s*[”\"]")
_SURNAME_STOP = re.compile(r"(?<=[a-z\u00df-\u024f'’)])[.．](?=\s|$)")


def parse_references(doc: Document) -> list[Reference]:
    """The numbered entries of ``doc``'s reference list, in order (empty without one).

    Returns:
        :class:`~litmine.types.Reference` objects: ``number`` (as printed, a string),
        ``text`` (the entry, whitespace collapsed), ``start``/``end`` (offsets into
        ``doc.text``), ``authors``, ``year`` (int or ``None``), ``title``, ``doi``.
    """
    out: list[Reference] = []
    for block in doc.blocks:
        if block.kind != "references":
            continue
        text = doc.text[block.start:block.end]
        starts = _entry_starts(text, int(out[-1].number) if out else None)
        for (a, number, body), nxt in zip(starts, [s[0] for s in starts[1:]] + [len(text)]):
            entry = text[body:nxt].strip()
            if not entry or len(entry) > MAX_ENTRY_CHARS:
                continue
            out.append(_reference(number, entry, block.start + a, block.start + body + len(text[body:nxt].rstrip())))
            if len(out) >= MAX_ENTRIES:
                return out
    return out


def _entry_starts(text: str, previous: int | None) -> list[tuple[int, str, int]]:
    """``(start of the number, number, start of the entry text)`` for each entry, numbers in
    sequence (the first may be any number; after that each is the previous plus one)."""
    out = []
    for m in _START.finditer(text):
        number = int(m.group(1) or m.group(2))
        if previous is None or number == previous + 1:
            out.append((m.start(), str(number), m.end()))
            previous = number
    return out


def _reference(number: str, entry: str, start: int, end: int) -> Reference:
    entry = " ".join(entry.split())
    doi_m = _DOI.search(entry)
    doi = doi_m.group(1).rstrip(".。") if doi_m else ""
    authors, rest = "", entry
    apa = _APA_YEAR.match(entry)
    if not apa and _INITIALS_FIRST.match(entry):
        return _initials_first(number, entry, start, end, doi)
    if apa:
        authors, rest = apa.group(1).rstrip(",，"), entry[apa.end():]
    else:
        m = _AUTHORS_END.search(entry)
        if m and m.start() < 300:
            authors, rest = entry[:m.end()].rstrip(".．,， "), entry[m.end():]
            authors = re.sub(r"\s*,?\s*(?:et al|等)$", lambda x: ", et al" if "et" in x.group() else ", 等", authors)
    rest = rest.lstrip(" .．")
    code = _TYPE_CODE.search(rest)
    stop = re.search(r"[.．。](?=\s|$)", rest)
    if code and (not stop or code.start() <= stop.start() + 1):
        title = rest[:code.start()]
    elif stop:
        title = rest[:stop.start()]
    else:
        title = rest
    title = title.strip(" .．")
    year_m = _YEAR.search(apa.group(2)) if apa else (_YEAR.search(rest[len(title):]) or _YEAR.search(rest))
    return Reference(number=number, text=entry, start=start, end=end, authors=authors,
                     year=int(year_m.group(1)) if year_m else None, title=title, doi=doi)


def _initials_first(number: str, entry: str, start: int, end: int, doi: str) -> Reference:
    """An entry whose names put initials first: authors up to the quoted title (or the first
    full stop after a surname), the title quoted (or the next sentence), the year after it."""
    quoted = _QUOTED.search(entry)
    stop = _SURNAME_STOP.search(entry)
    if quoted and (not stop or quoted.start() <= stop.end() + 1):
        authors, title, rest = entry[:quoted.start()], quoted.group(1), entry[quoted.end():]
    elif stop:
        authors, rest = entry[:stop.start()], entry[stop.end():].lstrip()
        t = re.search(r"[.．。](?=\s|$)", rest)
        title, rest = (rest[:t.start()], rest[t.end():]) if t else (rest, "")
    else:
        authors, title, rest = entry, "", ""
    year_m = _YEAR.search(rest) or _YEAR.search(title)
    return Reference(number=number, text=entry, start=start, end=end, authors=authors.strip(" ,，.").rstrip(","),
                     year=int(year_m.group(1)) if year_m else None, title=title.strip(" .,"), doi=doi)
