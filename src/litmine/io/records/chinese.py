"""The Chinese databases' text exports, which no maintained Python library reads:
CNKI (中国知网), Wanfang (万方数据) and VIP (维普) export a search in these families.

* ``refer`` -- EndNote's tagged import format (CNKI "EndNote", Wanfang and VIP
  "EndNote"): ``%0 Journal Article``, ``%A`` author (one a line, or several
  joined by ``;``), ``%T`` title, ``%J`` journal, ``%D`` year, ``%K`` keywords,
  ``%X`` abstract, ``%R`` DOI, ``%W`` database, ``%G`` language, ``%>`` a
  file (PDF) link; a record starts at ``%0``.
* ``refworks`` -- RefWorks tagged format (CNKI/Wanfang/VIP "RefWorks"): ``RT``
  record type (starts a record), ``A1`` authors, ``T1`` title, ``JF`` journal,
  ``YR`` year, ``K1`` keywords, ``AB`` abstract, ``DO`` DOI, ``LA`` language,
  ``DS`` database.
* ``noteexpress`` -- NoteExpress format (CNKI/Wanfang/VIP "NoteExpress"):
  ``{Reference Type}: Journal Article`` starts a record, then ``{Title}:``,
  ``{Author}:``, ``{Journal}:``, ``{Year}:``, ``{Keywords}:``, ``{Abstract}:``,
  ``{DOI}:``, ``{Language}:``, ``{Database Provider}:``.
* ``bracketed`` -- Wanfang's and VIP's own text formats, ``【label】value``
  lines (``【题名】``/``【题 名】``, ``【作者】``, ``【刊名】``, ``【年，卷(期)】``,
  ``【关键词】``, ``【摘要】``/``【文摘】``, ``【DOI】``); a record starts at its
  title label (or after a blank line, or a line such as ``1.`` or ``第1条``).

Multi-valued fields are split on ``;``/``；`` (and ``,``/``，`` for keywords in
bracketed formats). A line that starts no tag continues the field before it.
The source database is read from the record (``%W``, ``DS``,
``{Database Provider}``: CNKI/知网 -> ``cnki``, 万方/Wanfang -> ``wanfang``,
维普/VIP/CQVIP -> ``vip``), else the format's usual database (``cnki`` for the
tagged formats, ``wanfang`` for bracketed text, ``vip`` when its labels are VIP's).
"""
from __future__ import annotations

import re
from typing import Callable, Iterator, Optional, TextIO

from litmine.types import BibRecord

from .common import RecordError, clean_field, finish, language_code, parse_year, split_list, split_sections

__all__ = ["read_refer", "read_refworks", "read_noteexpress", "read_bracketed", "database_of",
           "REFER_START", "REFWORKS_START", "NOTEEXPRESS_START", "BRACKETED_START"]

REFER_START = re.compile(r"^%0 \S", re.M)
REFWORKS_START = re.compile(r"^RT \S", re.M)
NOTEEXPRESS_START = re.compile(r"^\{Reference Type\}\s*[:：]", re.M)
BRACKETED_START = re.compile(r"^\s*【\s*(题\s*名|标\s*题|篇\s*名|Title)\s*】", re.M)

_DATABASES = (("cnki", re.compile(r"cnki|知网|中国知网", re.I)), ("wanfang", re.compile(r"wanfang|万方", re.I)),
              ("vip", re.compile(r"\bvip\b|cqvip|维普", re.I)), ("pubmed", re.compile(r"pubmed|medline", re.I)))


def database_of(value: str, default: str) -> str:
    """``"CNKI"``/``"中国知网"`` -> ``cnki``, ``"万方数据"`` -> ``wanfang``, ``"维普"`` -> ``vip``;
    ``default`` when ``value`` names none of them."""
    for name, pat in _DATABASES:
        if pat.search(value or ""):
            return name
    return default


def _tagged(stream: TextIO, tag_re: re.Pattern, starts: Callable[[str], bool]) -> Iterator[list[tuple[str, str]]]:
    """Records of a tagged format as ``(tag, value)`` lists: ``tag_re`` matches a
    tagged line (groups: tag, value); ``starts(tag)`` says a tag opens a record."""
    fields: list[tuple[str, str]] = []
    for line in stream:
        line = line.rstrip("\r\n").lstrip("\ufeff")
        m = tag_re.match(line)
        if m:
            tag, value = m.group(1).strip(), m.group(2).strip()
            if starts(tag) and fields:
                yield fields
                fields = []
            fields.append((tag, value))
        elif line.strip() and fields:
            tag, value = fields[-1]
            fields[-1] = (tag, f"{value}\n{line.strip()}")
    if fields:
        yield fields


def _collect(fields: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for tag, value in fields:
        out.setdefault(tag, []).append(value)
    return out


def _one(get: dict[str, list[str]], *tags: str) -> str:
    return next((clean_field(get[t][0]) for t in tags if get.get(t) and clean_field(get[t][0])), "")


def _many(get: dict[str, list[str]], *tags: str, seps: str = ";；") -> list[str]:
    return [item for t in tags for v in get.get(t, []) for item in split_list(v, seps)]


def _build(get, *, title, authors, year, journal, doi, language, abstract, keywords, database, pdf, fmt,
           default_db, pmid=()) -> BibRecord:
    return BibRecord(title=_one(get, *title), authors=_many(get, *authors), year=parse_year(_one(get, *year)),
                     journal=_one(get, *journal), doi=_one(get, *doi), pmid=_one(get, *pmid) if pmid else "",
                     language=language_code(_one(get, *language)),
                     source_db=database_of(_one(get, *database), default_db),
                     abstract=split_sections(_one(get, *abstract)), keywords=_many(get, *keywords),
                     pdf=_one(get, *pdf), fmt=fmt)


def _records(path, groups, build) -> Iterator[BibRecord | RecordError]:
    for n, fields in enumerate(groups, 1):
        rec = build(_collect(fields))
        if not rec.title:
            yield RecordError(path, f"#{n}", "no title field", "check the export format (or pass --format)")
            continue
        yield finish(rec, n)


_REFER_LINE = re.compile(r"^(%[0-9A-Z@+>!#$&()*^~\[\]]) ?(.*)$")


def read_refer(path, stream: TextIO) -> Iterator[BibRecord | RecordError]:
    """Records of a refer/EndNote tagged export (CNKI's "EndNote"; ``fmt`` ``cnki-endnote``)."""
    build = lambda g: _build(g, title=("%T",), authors=("%A",), year=("%D", "%8"), journal=("%J", "%B"),  # noqa
                             doi=("%R",), language=("%G",), abstract=("%X",), keywords=("%K",),
                             database=("%W", "%~"), pdf=("%>",), fmt="cnki-endnote", default_db="cnki")
    return _records(path, _tagged(stream, _REFER_LINE, lambda t: t == "%0"), build)


_REFWORKS_LINE = re.compile(r"^([A-Z][A-Z0-9]|vo) (.*)$")   # CNKI writes the volume tag "vo"


def read_refworks(path, stream: TextIO) -> Iterator[BibRecord | RecordError]:
    """Records of a RefWorks tagged export (CNKI's "RefWorks"; ``fmt`` ``refworks``)."""
    build = lambda g: _build(g, title=("T1",), authors=("A1", "A2"), year=("YR", "FD"), journal=("JF", "JO"),  # noqa
                             doi=("DO",), language=("LA",), abstract=("AB",), keywords=("K1",),
                             database=("DS",), pdf=("FL",), fmt="refworks", default_db="cnki")
    return _records(path, _tagged(stream, _REFWORKS_LINE, lambda t: t == "RT"), build)


_NOTEEXPRESS_LINE = re.compile(r"^\{([^{}]{1,40})\}\s*[:：]\s?(.*)$")


def read_noteexpress(path, stream: TextIO) -> Iterator[BibRecord | RecordError]:
    """Records of a NoteExpress export (CNKI's "NoteExpress"; ``fmt`` ``noteexpress``)."""
    build = lambda g: _build(g, title=("Title",), authors=("Author",), year=("Year",),  # noqa: E731
                             journal=("Journal", "Secondary Title"), doi=("DOI",), language=("Language",),
                             abstract=("Abstract",), keywords=("Keywords",),
                             database=("Database Provider", "Database"), pdf=("Attachment", "File"),
                             fmt="noteexpress", default_db="cnki", pmid=("PMID",))
    return _records(path, _tagged(stream, _NOTEEXPRESS_LINE, lambda t: t == "Reference Type"), build)


#: Labels of Wanfang/VIP bracketed text, spaces removed -> field.
BRACKET_LABELS = {
    "题名": "title", "标题": "title", "篇名": "title", "title": "title",
    "作者": "authors", "著者": "authors", "author": "authors",
    "刊名": "journal", "期刊": "journal", "来源": "journal", "出处": "journal", "journal": "journal",
    "年": "year", "年份": "year", "出版年": "year", "年卷期": "year", "年，卷(期)": "year", "年,卷(期)": "year",
    "年卷(期)": "year", "year": "year",
    "关键词": "keywords", "关键字": "keywords", "keywords": "keywords",
    "摘要": "abstract", "文摘": "abstract", "abstract": "abstract",
    "doi": "doi", "语种": "language", "语言": "language", "数据库": "database", "来源库": "database",
    "全文": "pdf", "附件": "pdf",
}
_BRACKET_LINE = re.compile(r"^\s*【([^】]{1,20})】\s*[:：]?\s*(.*)$")
_RECORD_NUMBER = re.compile(r"^\s*(?:\d{1,6}[.、]|第\s*\d+\s*[条篇])\s*$")
#: VIP's labels are spaced out to align: 【题 名】, 【作 者】, 【文 摘】.
_VIP_HINT = re.compile(r"【\s*(题 名|作 者|文 摘|机 构)\s*】")


def read_bracketed(path, stream: TextIO) -> Iterator[BibRecord | RecordError]:
    """Records of Wanfang's or VIP's ``【label】value`` text (``fmt`` ``wanfang-text``
    or ``vip-text``; labels: :data:`BRACKET_LABELS`, spaces inside ignored)."""
    groups, fields, vip = [], [], False

    def close():
        nonlocal fields
        if fields:
            groups.append(fields)
            fields = []

    def gen():
        nonlocal fields, vip
        for line in stream:
            line = line.rstrip("\r\n").lstrip("\ufeff")
            vip = vip or bool(_VIP_HINT.search(line))
            m = _BRACKET_LINE.match(line)
            if m:
                label = re.sub(r"\s+", "", m.group(1)).lower()
                name = BRACKET_LABELS.get(label, label)
                if name == "title" and any(t == "title" for t, _ in fields):
                    close()
                fields.append((name, m.group(2)))
            elif not line.strip() or _RECORD_NUMBER.match(line):
                if fields and any(t == "title" for t, _ in fields):
                    close()
            elif fields:
                tag, value = fields[-1]
                fields[-1] = (tag, f"{value}\n{line.strip()}")
            while groups:
                yield groups.pop(0)
        close()
        while groups:
            yield groups.pop(0)

    def build(g):
        fmt = "vip-text" if vip else "wanfang-text"
        rec = _build(g, title=("title",), authors=("authors",), year=("year",), journal=("journal",),
                     doi=("doi",), language=("language",), abstract=("abstract",), keywords=(),
                     database=("database",), pdf=("pdf",), fmt=fmt, default_db="vip" if vip else "wanfang")
        rec.keywords = _many(g, "keywords", seps=";；,，")
        rec.authors = [re.sub(r"\s*[\[(（].*?[\])）]\s*$", "", a) for a in _many(g, "authors", seps=";；,，")]
        return rec

    return _records(path, gen(), build)
