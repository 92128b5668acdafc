"""Helpers shared by the search-export readers: years, author lists, languages,
record keys, structured abstracts, and the :class:`~litmine.errors.RecordError`
for one bad record.

Pure functions on strings; the readers (one module per family of formats)
build :class:`~litmine.types.BibRecord` objects with them.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import Iterable, Optional

from litmine.errors import InputError
from litmine.types import BibRecord

__all__ = ["RecordError", "parse_year", "split_list", "language_code", "record_key", "split_sections",
           "clean_field", "join_sections", "unfinished_end", "cut_short_note"]

_YEAR = re.compile(r"(?<!\d)(1[89]\d\d|20\d\d|2100)(?!\d)")
#: Export language names and codes -> ``en`` / ``zh`` (MARC 21 / ISO 639-2 codes as PubMed
#: and EndNote write them, ISO 639-1, English and Chinese names as CNKI, Wanfang, VIP write them);
#: other values are kept as given, lower-cased.
_LANGUAGES = {"eng": "en", "en": "en", "english": "en", "英文": "en", "英语": "en",
              "chi": "zh", "zho": "zh", "zh": "zh", "chinese": "zh", "中文": "zh", "汉语": "zh", "zh-cn": "zh",
              "zh-hans": "zh", "zh-tw": "zh", "zh-hant": "zh", "cn": "zh"}
#: Structured-abstract labels: upper-case words (MEDLINE's "BACKGROUND: ... METHODS: ...",
#: IMRaD and CONSORT headings), or the Chinese 目的/方法/结果/结论 headings of Chinese abstracts.
_SECTION = re.compile(r"(?:^|(?<=[.。!?;；]))\s*((?:[A-Z][A-Z/&-]*(?: [A-Z][A-Z/&-]*){0,3})|目的|方法|结果|结论|背景|意义)"
                      r"\s*[:：]\s*")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_MIN_LABEL = 3   # "AIM:" yes, "CT:" no (English labels; Chinese labels are whole words)


class RecordError(InputError):
    """One record of an export cannot be read (the others still are): names the file,
    the record (its position or key) and the reason."""

    def __init__(self, path, record: str, reason: str, hint: str = ""):
        super().__init__(path, f"record {record}: {reason}", hint)
        self.record = record


def clean_field(value) -> str:
    """A field's text: NFC, whitespace runs (newlines included) as one space, stripped; ``""`` for None."""
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        value = " ".join(str(v) for v in value)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", str(value))).strip()


def parse_year(value) -> Optional[int]:
    """The first plausible year (1800-2100) in a date field (``"2021 Mar 5"``,
    ``"2021///"``, ``"2021,40(3)"``), ``None`` when there is none."""
    m = _YEAR.search(str(value or ""))
    return int(m.group(1)) if m else None


def split_list(value, seps: str = ";；") -> list[str]:
    """A list field as exported in one string (``"张三;李四;"``, ``"a; b"``) -> its
    items, stripped, empty ones dropped. ``seps``: the separator characters."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        items: Iterable[str] = (str(v) for v in value)
    else:
        items = re.split(f"[{re.escape(seps)}]", str(value))
    return [clean_field(v) for v in items if clean_field(v)]


def language_code(value) -> str:
    """``"eng"``/``"English"``/``"英文"`` -> ``"en"``, ``"chi"``/``"中文"`` -> ``"zh"``,
    another value lower-cased (``"ger"``), ``""`` for none. The first of several
    (``"中文;"``, ``"eng; fre"``) counts."""
    first = next(iter(split_list(value, ";；,，")), "")
    return _LANGUAGES.get(first.lower(), first.lower())


def split_sections(text: str) -> str:
    """A structured abstract exported as one paragraph (``"BACKGROUND: x. METHODS:
    y."``, ``"目的：x。方法：y。"``) -> one section a paragraph, labels kept
    (``"BACKGROUND: x.\n\nMETHODS: y."``, ``"目的：x。\n\n方法：y。"``); an abstract
    with fewer than two such labels as it is (whitespace runs as one space)."""
    text = clean_field(text)
    found = [m for m in _SECTION.finditer(text)
             if _CJK.search(m.group(1)) or len(m.group(1)) >= _MIN_LABEL]
    if len(found) < 2:
        return text
    sections = [("", text[:found[0].start()])] if text[:found[0].start()].strip() else []
    for m, nxt in zip(found, found[1:] + [None]):
        sections.append((m.group(1), text[m.end():nxt.start() if nxt else len(text)]))
    return join_sections(sections)


def join_sections(sections: list[tuple[str, str]]) -> str:
    """``[("BACKGROUND", "x"), ("", "y")]`` -> ``"BACKGROUND: x\n\ny"``: one section a
    paragraph (a Chinese label with a full-width colon: ``"目的：x"``)."""
    out = []
    for label, body in sections:
        label, body = clean_field(label), clean_field(body)
        if body:
            out.append((f"{label}：" if _CJK.search(label) else f"{label}: ") + body if label else body)
    return "\n\n".join(out)


#: A sentence's end: . ! ? (ASCII or full-width) or 。, with closing quotes or brackets after it, then
#: a space or the end (a decimal point, "p < 0.05", is none); 。！？ need no space after them.
_SENTENCE_END = re.compile(r"(?:[.!?](?=[\"'”’)\]）]*(?:\s|$))|[。！？])[\"'”’)\]）]*")


def unfinished_end(text: str) -> tuple[str, str]:
    """``text`` cut after its last sentence end: ``(kept, dropped)``, ``dropped`` the unfinished words
    after it (``""`` when ``text`` ends with a sentence end; all of ``text`` when it has none).
    For a field the file ends inside (a record cut short): half a sentence ("Swimming also
    lowered spinal TNF-α expre") would be read as a finding it may not be."""
    body = text.rstrip()
    ends = list(_SENTENCE_END.finditer(body))
    if ends and ends[-1].end() == len(body):
        return text, ""
    cut = ends[-1].end() if ends else 0
    return body[:cut], body[cut:].strip()


def cut_short_note(index: int, title: str, end: str, dropped: str = "", *, pmid: str = "") -> str:
    """The warning of a record the file ends inside: one line naming the record by position (and
    PMID when read) and title, what is missing (``end``: ``"with no ER line"`` for RIS,
    ``"before its </PubmedArticle>"`` for PubMed XML), what was read and what to do."""
    shown = title if len(title) <= 60 else title[:57] + "..."
    left = f"; the unfinished end of its abstract ('{dropped if len(dropped) <= 40 else dropped[:37] + '...'}') " \
           "is left out" if dropped else ""
    named = f"PMID {pmid}, {shown or 'no title'}" if pmid else shown or "no title"
    return (f"record #{index} ({named}): the file ends inside it, {end} (cut short? "
            f"export it again for the whole record); read as far as it goes{left}")


def record_key(*, pmid: str = "", doi: str = "", native: str = "", title: str = "", index: int = 0) -> str:
    """A record's key inside its export, stable when the export is edited or re-ordered:
    ``pmid:N``, else ``doi:…`` (lower case), else the export's own id (an EndNote record
    number, a BibTeX key, a Zotero item key), else ``t:`` + a hash of the title's letters
    and digits, else ``#index`` (its 1-based position)."""
    if pmid:
        return f"pmid:{pmid}"
    if doi:
        return f"doi:{doi.lower()}"
    if native:
        return native
    letters = re.sub(r"[\W_]", "", unicodedata.normalize("NFKC", title).casefold())
    if letters:
        return "t:" + hashlib.sha1(letters.encode("utf-8")).hexdigest()[:12]
    return f"#{index}"


def strip_doi(value) -> str:
    """A DOI field's DOI: ``"10.1000/x [doi]"``, ``"https://doi.org/10.1000/x"``,
    ``"DOI 10.1000/x"`` -> ``"10.1000/x"``; ``""`` when it holds none."""
    m = re.search(r"10\.\d{4,9}/[^\s\"<>\]]+", str(value or ""))
    return m.group(0).rstrip(".,;)") if m else ""


def finish(rec: BibRecord, index: int, native: str = "") -> BibRecord:
    """``rec`` with its DOI stripped, its key set (:func:`record_key`), empty
    authors/keywords dropped, and ``language`` ``zh`` when the export gives none
    and the title is written in Chinese characters."""
    rec.doi = strip_doi(rec.doi)
    rec.pmid = re.sub(r"\D", "", rec.pmid or "")
    rec.authors = [a for a in (clean_field(a) for a in rec.authors) if a]
    rec.keywords = [k for k in (clean_field(k) for k in rec.keywords) if k]
    rec.title = clean_field(rec.title)
    rec.journal = clean_field(rec.journal)
    rec.key = record_key(pmid=rec.pmid, doi=rec.doi, native=native, title=rec.title, index=index)
    if not rec.language and _CJK.search(rec.title):
        rec.language = "zh"          # a Chinese title: a Chinese paper (CNKI/Wanfang/VIP rarely say)
    return rec
