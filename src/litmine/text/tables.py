"""Rebuild study-summary tables from PDF-extracted text: header columns, rows, cells, legend.

A PDF text extractor breaks a table line by line: a cell's words wrap over several
lines, cells of one row land on different lines, the header's Chinese and English
labels run together ("研究Study诊断Diagnosis..."). :mod:`litmine.text.clean` keeps such a
region as a ``table`` block after its caption. This module reads the block back into
rows and cells using the table's *column structure*, not its line breaks:

1. :func:`header_columns` -- the columns, in order, from the header text before the
   first row: each header word (Chinese or English) names a column role
   (:data:`ROLES`, words in :data:`HEADER_WORDS`); a bilingual label pair gives one column.
2. :func:`row_spans` -- rows start at a *study cell*: a first author with a year and/or a
   citation number ("NADI 2019[26]", "Smith et al. (2018) [4]", "王明等 2019[12]",
   :data:`STUDY_CELL_RE`), or a bare citation number at a line start ("[24] DPN ..."); an
   abbreviation legend ("DPN: ...; HIIT: ...") ends the rows.
3. :func:`split_cells` -- each row's text is cut into cells in column order. *Bounded*
   cells (study, duration, n) are the extent of their pattern; a *free* cell (diagnosis,
   exercise type, volume, intensity, comparison...) runs until the next column's cell
   starts, found by that column's start test: an exercise-type term
   (:data:`EXERCISE_TERMS`), a duration ("12 W", "8周"), an intensity marker at a cell
   boundary ("50%-60% MHR", "moderate", "unknown"), a control-group word, and -- searched
   first, as the right edge of everything else -- an outcome with a direction arrow
   ("Pain↓", "ADL↑"). A column whose start is not found is left empty and the next one
   is tried.
4. :func:`parse_legend` -- the abbreviations the legend defines (both languages).

:func:`document_tables` runs this on every ``table`` block of a cleaned document; a
block without a header of its own (a table continued on the next page) takes the
columns of the table before it. Everything here is pure: strings in, dataclasses out;
offsets count characters of the text given (``Document.text`` for
:func:`document_tables`). Work is linear in the text (regular expressions without
nested repetition, one pass per column); a block of more than :data:`MAX_TABLE_CHARS`
characters is not read as a table.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from ..types import Document

__all__ = ["ROLES", "HEADER_WORDS", "EXERCISE_TERMS", "Column", "TableRow", "Table", "header_columns",
           "row_spans", "find_design", "starts_with_study_cell", "split_cells", "split_arms", "merge_row_lines", "parse_legend", "parse_study_cell", "reconstruct_table",
           "document_tables"]

MAX_TABLE_CHARS = 200_000

#: Column roles of a characteristics-of-included-studies table (Cochrane's, extended).
ROLES = ("study", "design", "population", "species", "n", "exercise", "duration", "volume", "intensity",
         "comparison", "outcome")

#: Header words naming each role, Chinese and English (matched case-insensitively, longest
#: first, whole words for Latin; "Study Design" is two columns, study and design). Sources: the column names of Cochrane "Characteristics of
#: included studies" tables and of the summary tables of Chinese sports-medicine reviews
#: (研究/诊断/运动类型/运动持续时间/运动量/运动强度/结果 and their variants).
HEADER_WORDS: dict[str, tuple[str, ...]] = {
    "study": ("研究", "纳入研究", "作者", "第一作者", "文献", "study", "studies", "author", "authors",
              "first author", "reference", "trial", "citation"),
    "design": ("研究设计", "研究类型", "设计", "design"),
    "population": ("诊断", "疾病", "疾病类型", "研究对象", "对象", "人群", "患者", "受试者", "病种", "动物模型", "模型",
                   "diagnosis", "population", "participants", "patients", "subjects", "condition", "disease",
                   "model", "animal model"),
    "species": ("物种", "种属", "动物", "species", "animal", "animals"),
    "n": ("样本量", "例数", "样本", "人数", "sample size", "sample", "n"),
    "exercise": ("运动类型", "运动方式", "运动形式", "运动项目", "干预方式", "干预措施", "干预", "type", "exercise type",
                 "exercise", "intervention", "modality", "training"),
    "duration": ("运动持续时间", "持续时间", "干预时间", "干预周期", "周期", "疗程", "时长", "时间", "duration", "time",
                 "period", "length"),
    "volume": ("运动量", "运动频率", "频率", "频次", "运动剂量", "剂量", "volume", "frequency", "dose", "dosage",
               "sessions"),
    "intensity": ("运动强度", "强度", "intensity", "load"),
    "comparison": ("对照组", "对照", "对比", "control", "control group", "comparison", "comparator"),
    "outcome": ("结果", "主要结果", "结局指标", "结局", "效果", "观察指标", "指标", "result", "results", "outcome",
                "outcomes", "effect", "effects", "findings", "main findings"),
}

#: Roles whose cell is exactly its pattern (the next cell starts where it ends).
BOUNDED = ("study", "design", "species", "n", "duration")

#: Exercise-type terms that start an exercise-type cell: modalities as sports-medicine
#: tables name them (ACSM's aerobic / resistance / flexibility / neuromotor classes and
#: common named forms), English and Chinese.
EXERCISE_TERMS = (
    "aerobic", "anaerobic", "resistance", "strength", "strengthening", "balance", "stretch", "stretching",
    "flexibility", "endurance", "HIIT", "MICT", "interval", "treadmill", "running", "walking", "jogging",
    "cycling", "swimming", "yoga", "pilates", "tai chi", "taichi", "qigong", "baduanjin", "dance", "dancing",
    "aquatic", "combined", "multimodal", "multicomponent", "concurrent", "circuit", "plyometric", "isometric",
    "eccentric", "vibration", "exercise", "training", "physical activity", "wheel running",
    "有氧", "无氧", "抗阻", "力量", "平衡", "拉伸", "伸展", "柔韧", "耐力", "间歇", "跑台", "跑步", "步行", "快走",
    "游泳", "骑车", "自行车", "功率车", "瑜伽", "太极", "八段锦", "五禽戏", "易筋经", "气功", "舞蹈", "水中",
    "综合", "联合", "运动", "训练",
)

_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_NAME = r"[A-Z][A-Za-z'’\-]+"
_PARTICLE = r"(?:van|von|de|da|del|der|di|du|le|la|dos|el)"
_YEAR = r"(?:19|20)\d{2}[a-z]?"
_REFS = r"\[\s*\d{1,4}(?:\s*[,，\-–~]\s*\d{1,4})*\s*\]"
#: A study cell: a first author (a Latin surname, possibly after a particle, with "et al." /
#: "and X" / "& X"; or 2-4 Chinese characters with 等), then a year and/or a citation number.
STUDY_CELL_RE = re.compile(
    rf"(?P<author>(?:{_PARTICLE}\s+)?{_NAME}(?:\s+(?:et\s+al\.?|and\s+{_NAME}|&\s*{_NAME}))?\s*(?:等人?)?"
    rf"|[{_CJK}]{{2,4}}?等人?|[{_CJK}]{{2,4}})"
    rf"[\s,，]*(?:[(（]\s*(?P<year1>{_YEAR})\s*[)）]|(?P<year2>{_YEAR}))?\s*(?P<refs>{_REFS})?")

_SPACED = r"[\s-]*"#: A study cell that is only a citation number ("[24]", at the start of a table line): the
#: author and year are the reference list's.
_REF_CELL_RE = re.compile(rf"(?P<author>)(?P<year1>)(?P<year2>)(?P<refs>{_REFS})(?=\s|$)")
_LINE_REF = re.compile(r"(?m)^[ \t]*(?=\[\s*\d)")

_EXERCISE_RE = re.compile(
    "|".join("(?<![A-Za-z])" + re.escape(t).replace(r"\ ", _SPACED) if t.isascii() else re.escape(t)
             for t in sorted(EXERCISE_TERMS, key=len, reverse=True)), re.IGNORECASE)
_DURATION_RE = re.compile(
    r"(?:[<>≤≥]\s*)?\d+(?:\.\d+)?(?:\s*[-–~～至到]\s*\d+(?:\.\d+)?)?\s*"
    r"(?:weeks?|wks?|W|w|months?|mo|days?|d|years?|个月|月|周|天|日|年)(?![A-Za-z])")
_N_RE = re.compile(r"(?:[nN]\s*=\s*)?\d{1,5}(?:\s*/\s*\d{1,5})?(?:\s*(?:例|名|人|只|patients|participants|"
                   r"subjects|rats|mice|animals))?(?![\w%.\-–~])")
_VOLUME_RE = re.compile(r"\d|每周|每天|每日|每次|隔天|隔日|everyday|every day|daily|weekly|twice|once|sessions?",
                        re.IGNORECASE)
#: A species cell: a rodent strain and its species, or a human population word.
_SPECIES_RE = re.compile(r"(?:(?:SD|Sprague[\s-]*Dawley|Wistar|C57BL/6J?|ICR|BALB/c|KM)\s*)?"
                         r"(?:rats?|mice|mouse|大鼠|小鼠)(?![A-Za-z])|(?:humans?|patients|dogs?|rabbits?)(?![A-Za-z])|"
                         r"人|患者|犬|兔", re.IGNORECASE)
#: A design cell: the study designs of Cochrane's and Chinese journals' design columns.
_DESIGN_RE = re.compile(
    r"(?:(?:single|double|triple)[\s-]*blind(?:ed)?\s*|pilot\s*|cluster\s*|non[\s-]*)?"
    r"randomi[sz]ed(?:\s+controlled)?(?:\s+(?:cross[\s-]*over|parallel))?(?:\s+(?:trial|study))?|"
    r"(?:pilot\s+)?RCT(?![A-Za-z])|quasi[\s-]*experimental(?:\s+(?:trial|study))?|cohort(?:\s+study)?|"
    r"cross[\s-]*over(?:\s+(?:trial|study))?|pre[\s-]*post(?:\s+study)?|single[\s-]*arm(?:\s+(?:trial|study))?|"
    r"case\s+series|controlled\s+trial|非随机对照试验|随机对照试验|随机对照|随机交叉试验|自身前后对照|前后对照|"
    r"队列研究|交叉试验|横断面研究|类实验研究", re.IGNORECASE)
_COMPARISON_RE = re.compile(r"(?<![A-Za-z])(?:control|usual care|no exercise|sedentary|sham|waitlist|"
                            r"wait-list|placebo|standard care|vs\.?)|对照|常规|安静|假手术|空白", re.IGNORECASE)
#: An intensity cell starts with one of these (after a cell boundary).
_INTENSITY_AT = re.compile(
    r"(?:[<>≤≥]\s*)?(?:\d+(?:\.\d+)?(?:\s*%?\s*[-–~～至]\s*\d+(?:\.\d+)?)?\s*%|\d+(?:\s*[-–~]\s*\d+)?\s*RPE|RPE|Borg|HR\s*max|"
    r"(?:low|light|moderate|vigorous|high|maximal|submaximal|unknown|not reported|NR)(?![A-Za-z])|"
    r"中等|中强度|低强度|高强度|中高强度|低中强度|最大心率|储备心率|心率储备|未报告|未提及|不详|未知)", re.IGNORECASE)
_ARROWS = "↑↓→↔⇧⇩"
_CHANGE_WORD = re.compile(r"(?<![A-Za-z])(?:improv|reduc|decreas|increas|lower|higher|alleviat|relie|"
                          r"no (?:significant )?(?:change|difference))|改善|降低|减轻|增加|提高|升高|下降|缓解|无明显|无显著",
                          re.IGNORECASE)
_TOKEN_START = re.compile(rf"(?<=\s)\S|(?<=[{_CJK}])[A-Za-z0-9<>≤≥]")
_CONTINUES = set(",，;；、(（/+&-–~和及与:：")
_JOINERS = {"and", "or", "to", "with", "at", "of", "plus", "vs", "及", "和", "与"}
_LEGEND_PAIR = r"[A-Za-z0-9α-ωΑ-Ω][\w\-/α-ω]{0,14}\s*[:：]\s*[^;；\n:：]{1,120}"
_LEGEND_RE = re.compile(rf"(?:(?<=\s)|^){_LEGEND_PAIR}[;；]\s*{_LEGEND_PAIR}", re.MULTILINE)


@dataclass(frozen=True)
class Column:
    """One column of a table header: its ``role`` (one of :data:`ROLES`) and ``label``, the
    header text that named it (both languages of a bilingual header, "诊断Diagnosis")."""

    role: str
    label: str


@dataclass
class TableRow:
    """One rebuilt row: ``cells`` maps a role to its text (whitespace collapsed; a role of the
    header whose cell was not found maps to ``""``); ``start``/``end`` are offsets of the row
    in the text given to :func:`reconstruct_table`; ``author``, ``year`` and ``refs`` are read
    from the study cell (:func:`parse_study_cell`)."""

    cells: dict[str, str]
    start: int
    end: int
    author: str = ""
    year: Optional[int] = None
    refs: list[str] = field(default_factory=list)


@dataclass
class Table:
    """A rebuilt table: ``caption`` (the caption text before it, ``""`` when none),
    ``columns`` in header order, ``rows`` in reading order, ``legend`` (abbreviation ->
    expansions, in the legend's order: one per language that defines it); ``start``/``end``
    offsets of the table region."""

    caption: str
    columns: list[Column]
    rows: list[TableRow]
    legend: dict[str, list[str]]
    start: int
    end: int


def _header_re() -> re.Pattern:
    words = sorted({(w, role) for role, ws in HEADER_WORDS.items() for w in ws}, key=lambda x: -len(x[0]))
    parts = []
    for w, _role in words:
        body = re.escape(w).replace(r"\ ", r"\s+")
        parts.append(rf"(?<![A-Za-z]){body}(?![A-Za-z])" if w.isascii() else body)
    return re.compile("|".join(f"({p})" for p in parts), re.IGNORECASE), [r for _w, r in words]


_HEADER_RE, _HEADER_ROLES = _header_re()


def header_columns(header: str) -> list[Column]:
    """The columns a header text names, in order: every header word (:data:`HEADER_WORDS`)
    found, left to right; words next to each other naming the same role (a Chinese label
    and its English translation) are one column; text between words that names no role is
    ignored. Returns ``[]`` for a text naming no role.

    Example: ``"研究Study诊断Diagnosis运动类型Type"`` -> study, population, exercise.
    """
    out: list[Column] = []
    last_end = None
    for m in _HEADER_RE.finditer(header):
        role = _HEADER_ROLES[m.lastindex - 1]
        gap = header[last_end:m.start()] if last_end is not None else ""
        if out and out[-1].role == role and len(gap.strip()) <= 2:
            out[-1] = Column(role, (out[-1].label + gap + m.group()).strip())
        else:
            out.append(Column(role, m.group()))
        last_end = m.end()
    return out


def _study_starts(text: str) -> list[re.Match]:
    """Study-cell matches that can start a row (:func:`_search_study`). A table whose first row
    starts with an author cell is keyed by authors: a line starting with a citation number in
    it is a wrapped cell's rest ("[1] osteoarthritis ..."), not a row."""
    out = []
    pos = 0
    numbers = True
    while True:
        m = _search_study(text, pos, numbers)
        if m is None:
            return out
        if not out and m.group("author"):
            numbers = False
        out.append(m)
        pos = m.end()


def _study_at(text: str, pos: int = 0, endpos: Optional[int] = None) -> Optional[re.Match]:
    """The study cell at ``pos``: an author cell (:data:`STUDY_CELL_RE`), else a bare
    citation number (:data:`_REF_CELL_RE`); ``None`` when neither matches."""
    end = len(text) if endpos is None else endpos
    m = STUDY_CELL_RE.match(text, pos, end)
    if m and (m.group("year1") or m.group("year2") or m.group("refs")):
        return m
    return _REF_CELL_RE.match(text, pos, end) or m


def _search_study(text: str, pos: int, numbers: bool = True) -> Optional[re.Match]:
    """The next study cell that can start a row from ``pos`` (see :func:`_search_author_study`),
    or (with ``numbers``) a bare citation number at a line start, whichever comes first."""
    found = _search_author_study(text, pos)
    if not numbers:
        return found
    line = _LINE_REF.search(text, pos, found.start() if found else len(text))
    while line is not None:
        m = _REF_CELL_RE.match(text, line.end())
        if m:
            return m
        line = _LINE_REF.search(text, line.end() + 1, found.start() if found else len(text))
    return found


def _search_author_study(text: str, pos: int) -> Optional[re.Match]:
    for m in STUDY_CELL_RE.finditer(text, pos):
        s = m.start()
        if s and not (text[s - 1].isspace() or text[s - 1] in _ARROWS or text[s - 1] in "。.;；"):
            continue
        if not (m.group("year1") or m.group("year2") or m.group("refs")):
            continue
        author = m.group("author")
        if re.fullmatch(f"[{_CJK}]+", author) and not (m.group("refs") and (m.group("year1") or m.group("year2"))):
            continue  # bare Chinese characters are a name only with both a year and a citation number
        if not m.group("refs") and m.end() < len(text) and re.match(r"[A-Za-z0-9]", text[m.end()]):
            continue
        return m
    return None


def find_design(text: str) -> str:
    """The first study design ``text`` names ("randomized controlled trial", "pilot RCT",
    "随机对照试验"; the design cell's patterns), as printed; ``""`` when none."""
    m = _DESIGN_RE.search(text)
    return m.group().strip() if m else ""


def starts_with_study_cell(line: str, *, with_year: bool = False) -> bool:
    """Whether ``line`` starts with a study cell (a first author with a year and/or a citation
    number, :data:`STUDY_CELL_RE`) followed by a cell, not by a sentence's lower-case verb
    ("Smith 2019 [3] RCT ...", not "Smith et al. [3] showed ..."): the start of a row of a
    study table. ``with_year``: only a cell that prints a year counts."""
    s = line.strip()
    m = _search_study(s, 0)
    if m is None or m.start() != 0 or (with_year and not (m.group("year1") or m.group("year2"))):
        return False
    return not re.match(r"\s*[a-z]{3,}", s[m.end():])


def row_spans(text: str) -> tuple[int, list[tuple[int, int]], int]:
    """Where the rows of a table region are: ``(header_end, [(start, end), ...], legend_start)``.

    Rows start at study cells (:data:`STUDY_CELL_RE`, at a line start or after a space) and
    end where the next one starts; the last ends at the abbreviation legend (two or more
    "ABBR: words;" pairs) or the end of ``text``. ``header_end`` is the first row's start
    (``len(text)`` without rows); ``legend_start`` is ``len(text)`` without a legend.
    """
    legend = _LEGEND_RE.search(text)
    legend_start = legend.start() if legend else len(text)
    starts = [m.start() for m in _study_starts(text[:legend_start])]
    if not starts:
        return legend_start, [], legend_start
    ends = starts[1:] + [legend_start]
    return starts[0], [(a, b) for a, b in zip(starts, ends)], legend_start


def parse_study_cell(cell: str) -> tuple[str, Optional[int], list[str]]:
    """``(first author, year, citation numbers)`` of a study cell ("NADI 2019[26]" ->
    ``("NADI", 2019, ["26"])``; "Smith et al. (2018) [4-6]" -> ``("Smith", 2018, ["4", "5",
    "6"])``; "王明等 2019[12]" -> ``("王明", 2019, ["12"])``). The author is the first
    author's surname as printed ("et al.", "and X", 等 dropped); ``("", None, [])`` when
    the cell is no study cell."""
    m = _study_at(cell.strip())
    if not m or not (m.group("author") or m.group("refs")):
        return "", None, []
    author = re.sub(r"\s*(?:et\s+al\.?|and\s+\S+|&\s*\S+|等人?)\s*$", "", m.group("author")).strip()
    year = m.group("year1") or m.group("year2")
    return author, int(year[:4]) if year else None, expand_refs(m.group("refs") or "")


def expand_refs(refs: str) -> list[str]:
    """Citation numbers of a bracket: ``"[4-6, 9]"`` -> ``["4", "5", "6", "9"]`` (ranges of
    at most 50 numbers are expanded; a longer one keeps its two ends)."""
    out: list[str] = []
    for part in re.split(r"[,，]", refs.strip("[] ")):
        nums = [int(x) for x in re.findall(r"\d+", part)]
        if len(nums) == 2 and 0 < nums[1] - nums[0] <= 50:
            out.extend(str(i) for i in range(nums[0], nums[1] + 1))
        else:
            out.extend(str(n) for n in nums)
    return out


def _prev_char(text: str, q: int) -> str:
    """The last character before ``q`` that is not a space (looking back at most 64)."""
    tail = text[max(0, q - 64):q].rstrip()
    return tail[-1] if tail else ""


def _prev_word(text: str, q: int) -> str:
    """The word before ``q``, lower-cased (looking back at most 64 characters: linear time)."""
    m = re.search(r"(\S+)\s*$", text[max(0, q - 64):q])
    return m.group(1).lower() if m else ""


def _token_starts(text: str, lo: int, hi: int):
    """Positions in ``(lo, hi)`` where a token starts: after whitespace, or a Latin/digit
    run right after a Chinese character (cells of Chinese tables are often not spaced)."""
    for m in _TOKEN_START.finditer(text, lo + 1, hi):
        yield m.start()


def _at_boundary(text: str, q: int) -> bool:
    """Whether a new cell can start at ``q``: not right after a comma, semicolon, opening
    bracket, slash, "and"... (those continue the cell before)."""
    return _prev_char(text, q) not in _CONTINUES and _prev_word(text, q) not in _JOINERS


def _find_intensity(text: str, lo: int, hi: int) -> Optional[int]:
    """The first cell boundary in ``(lo, hi)`` where an intensity cell starts: an intensity
    marker (:data:`_INTENSITY_AT`), or an exercise term followed by one ("Aerobic 70% MHR")."""
    for q in _token_starts(text, lo, hi):
        if not _at_boundary(text, q):
            continue
        if _INTENSITY_AT.match(text, q):
            return q
        m = _EXERCISE_RE.match(text, q)
        if m:
            rest = re.match(r"[\s:：]*", text[m.end():hi])
            if rest and _INTENSITY_AT.match(text, m.end() + rest.end()) and rest.end() > 0:
                return q
    return None


def _find_pattern(rx: re.Pattern, text: str, lo: int, hi: int, boundary: bool = True) -> Optional[int]:
    """The first match of ``rx`` starting a token in ``(lo, hi)`` (at a cell boundary)."""
    for q in _token_starts(text, lo, hi):
        if rx.match(text, q, hi) and (not boundary or _at_boundary(text, q)):
            return q
    for m in rx.finditer(text, lo + 1, hi):   # unspaced Chinese: a term inside a run
        if re.match(f"[{_CJK}]", text[m.start() - 1]) and not m.group().isascii():
            return m.start()
    return None


def _outcome_start(text: str, lo: int, hi: int) -> Optional[int]:
    """Where the outcome cell starts: the term carrying the first direction arrow after
    ``lo`` (a lower-case term takes the word before it: "Pain intensity↓"); without arrows,
    a change word ("improved", "改善") at a cell boundary; ``None`` without either."""
    arrow = re.compile(f"[{_ARROWS}]").search(text, lo, hi)
    if arrow:
        q = arrow.start()
        while q > lo and not text[q - 1].isspace() and text[q - 1] not in ",，;；(（:：":
            q -= 1
        if q > lo and text[q:q + 1].islower():
            m = re.search(r"([A-Z][a-z]+)\s+$", text[lo:q])
            if m and not _INTENSITY_AT.fullmatch(m.group(1)):
                q = lo + m.start(1)
        return q if q > lo else None
    for q in _token_starts(text, lo, hi):
        if _CHANGE_WORD.match(text, q) and _at_boundary(text, q):
            return q
    return None


def _start_of(role: str, text: str, lo: int, hi: int) -> Optional[int]:
    """Where a ``role`` cell starts in ``(lo, hi)``, by that role's start test."""
    if role == "intensity":
        return _find_intensity(text, lo, hi)
    if role == "outcome":
        return _outcome_start(text, lo, hi)
    rx = {"exercise": _EXERCISE_RE, "duration": _DURATION_RE, "n": _N_RE, "volume": _VOLUME_RE,
          "species": _SPECIES_RE, "design": _DESIGN_RE, "comparison": _COMPARISON_RE,
          "study": STUDY_CELL_RE}.get(role)
    if rx is None:          # population: the next token
        return next(_token_starts(text, lo, hi), None)
    return _find_pattern(rx, text, lo, hi, boundary=role not in BOUNDED)


def _bounded_end(role: str, text: str, pos: int, hi: int) -> Optional[int]:
    """End of a bounded cell (study, duration, n) matching at ``pos``, or ``None``."""
    if role == "study":
        m = _study_at(text, pos, hi)
        return m.end() if m and m.end() > pos else None
    rx = {"design": _DESIGN_RE, "species": _SPECIES_RE, "duration": _DURATION_RE, "n": _N_RE}[role]
    m = rx.match(text, pos, hi)
    if not m or m.end() == pos:
        return None
    return m.end()


def _bounded_before(role: str, following: str, text: str, q: int, hi: int) -> int:
    """Of the places from ``q`` on where a bounded ``role`` cell matches, the one whose match
    ends right before the ``following`` role's cell starts ("type 2 diabetes 60 Walking":
    n is 60, not 2); ``q`` when none does or the following cell is not found."""
    nxt = _start_of(following, text, q, hi)
    if nxt is None:
        return q
    for c in [q, *_token_starts(text, q, nxt)]:
        end = _bounded_end(role, text, c, hi)
        if end is not None and not text[end:nxt].strip():
            return c
    return q


def split_cells(row: str, roles: list[str]) -> dict[str, str]:
    """Cut one row's text into cells, one per role of ``roles`` (header order).

    A bounded role (:data:`BOUNDED`) takes its pattern's match at the current position; a
    free role runs to the start of the next role found (the next role's start test, then
    the one after it when that is not found); the outcome cell (arrows) is found first and
    bounds every other cell. Returns ``{role: text}`` with every role of ``roles``;
    whitespace inside a cell is collapsed; a cell not found is ``""``.
    """
    text = row
    n = len(text)
    cells = {r: "" for r in roles}
    hi = n
    outcome_at = None
    if "outcome" in roles and roles[-1] == "outcome":
        first = 0
        if roles[0] == "study":
            m = _study_at(text)
            first = m.end() if m else 0
        outcome_at = _outcome_start(text, first, n)
        if outcome_at is not None:
            cells["outcome"] = _squash(text[outcome_at:])
            hi = outcome_at
        roles = roles[:-1]
    pos = 0
    i = 0
    while i < len(roles) and pos < hi:
        while pos < hi and text[pos].isspace():
            pos += 1
        role = roles[i]
        if role in BOUNDED:
            end = _bounded_end(role, text, pos, hi)
            if end is None:
                i += 1
                continue
            cells[role] = _squash(text[pos:end])
            pos = end
            i += 1
            continue
        end, nxt = hi, len(roles)
        for j in range(i + 1, min(len(roles), i + 3)):
            q = _start_of(roles[j], text, pos, hi)
            if q is not None and roles[j] in BOUNDED and j + 1 < len(roles):
                q = _bounded_before(roles[j], roles[j + 1], text, q, hi)
            if q is not None:
                end, nxt = q, j
                break
        cells[role] = _squash(text[pos:end])
        pos = end
        i = nxt
    return cells


#: Words and signs a wrapped cell's first line ends with (its next line continues it).
_OPEN_END = re.compile(r"(?:[,，;；、(（/+&\-–~]|\b(?:and|or|with|of|to|in|at|for|the|type|plus)|\d)$", re.IGNORECASE)
_UNITS = re.compile(r"/\s*(?:week|wk|W|day|d|session|time|group)|sessions?|times|reps|sets|min|次|组|分钟",
                    re.IGNORECASE)


#: How a plain word (no digits, arrows or column marks) fits each free column.
_WORD_FIT = {"population": 0.5, "exercise": -0.3, "comparison": 0.3, "outcome": 0.2, "design": 0.0,
             "intensity": -0.2, "volume": -0.5}


def _token_fit(role: str, tok: str) -> float:
    """How well one token of a continuation line fits a free column's cell."""
    if re.search(f"[{_ARROWS}]", tok):
        return 2.0 if role == "outcome" else -3.0
    if role == "exercise" and _EXERCISE_RE.match(tok):
        return 2.0
    if role == "intensity" and (_INTENSITY_AT.match(tok) or re.search(r"HR\s*max|HRR|MHR|RM\b|VO2|RPE", tok)):
        return 1.5
    if role == "volume" and (_UNITS.search(tok) or re.search(r"\d", tok)):
        return 1.5
    if role == "comparison" and _COMPARISON_RE.match(tok):
        return 2.0
    if re.search(r"\d|%", tok):
        return -1.0
    return _WORD_FIT.get(role, 0.0)


def _fragment_score(role: str, frag: str, open_cell: bool) -> float:
    """How well ``frag`` (a piece of a continuation line) fits the cell of ``role``: bounded
    columns only take a whole match of their pattern (a citation number or year for the
    study); free columns add up their tokens' fit (:func:`_token_fit`); a cell left open on
    its first line gets a bonus."""
    bonus = 1.0 if open_cell else 0.0
    if role == "study":
        return bonus + 2 if re.fullmatch(rf"{_REFS}|\(?{_YEAR}\)?(?:\s*{_REFS})?|et\s+al\.?", frag) else -3.0
    if role in ("design", "n", "species", "duration"):
        rx = {"design": _DESIGN_RE, "n": _N_RE, "species": _SPECIES_RE, "duration": _DURATION_RE}[role]
        return bonus + 2 if rx.fullmatch(frag) else -3.0
    return bonus + sum(_token_fit(role, t) for t in frag.split())


def _assign_fragments(line: str, roles: list[str], open_roles: set[str]) -> Optional[list[tuple[str, str]]]:
    """Cut a continuation line into fragments, each given to a role, roles in column order,
    maximising the fit (:func:`_fragment_score`; each fragment costs 0.5, so a run of words
    stays one fragment unless another column's mark starts). ``None`` for an empty line."""
    tokens = line.split()
    if not tokens or len(tokens) > 60:
        return None
    n, k = len(tokens), len(roles)
    neg = float("-inf")
    # best[i][j]: best score covering tokens[:i] with the last fragment given to roles[j - 1] (j = 0: none yet)
    best = [[neg] * (k + 1) for _ in range(n + 1)]
    back: dict[tuple[int, int], tuple[int, int]] = {}
    best[0][0] = 0.0
    for i in range(n):
        for j in range(k + 1):
            if best[i][j] == neg:
                continue
            for e in range(i + 1, n + 1):
                frag = " ".join(tokens[i:e])
                for r in range(j + 1, k + 1):
                    v = best[i][j] + _fragment_score(roles[r - 1], frag, roles[r - 1] in open_roles) - 0.5
                    if v > best[e][r]:
                        best[e][r] = v
                        back[(e, r)] = (i, j)
    r = max(range(1, k + 1), key=lambda j: best[n][j])
    if best[n][r] == neg:
        return None
    out, e = [], n
    while e > 0:
        i, j = back[(e, r)]
        out.append((roles[r - 1], " ".join(tokens[i:e])))
        e, r = i, j
    return out[::-1]


def _is_arm_line(line: str, arm_roles: list[str]) -> bool:
    """Whether a row's later line is a whole arm of its own (an exercise, its protocol, its
    outcomes: most of ``arm_roles`` filled), not the wrapped rest of the first line's cells."""
    if not _EXERCISE_RE.match(line.strip()):
        return False
    cells = split_cells(line.strip(), arm_roles)
    return bool(cells["outcome"]) and sum(1 for r in arm_roles if cells[r]) >= max(3, -(-3 * len(arm_roles) // 5))


def merge_row_lines(lines: list[str], roles: list[str]) -> Optional[str]:
    """One table row's text in cell order, from lines a PDF extractor read across the row
    (the first line holds the first line of every cell, each later line the next line of
    the cells that wrap: "Okafor et al. 2015 RCT Older adults with knee ... Pain↓" then
    "[1] osteoarthritis min/session").

    The first line is cut into cells (:func:`split_cells`); each later line is cut into
    fragments given to the columns they fit, in column order (the column's pattern or marks:
    a citation number to the study, units to the volume, an intensity marker, an arrow to the
    outcome; words to a cell whose first line is left open: "with", "and", a comma, a bare
    number), and each fragment is appended to its cell. A later line that is a whole arm of
    its own (an exercise with its protocol and outcomes) and the lines after it are kept as
    they are, after the first arm (:func:`split_arms` reads them). Returns ``None`` -- the lines are
    read one after the other as they are -- when the first line does not hold most cells
    (at least 60% of ``roles`` and three), i.e. the extractor did not read across the row.
    """
    if len(lines) < 2:
        return None
    cells = split_cells(lines[0], roles)
    filled = [r for r in roles if cells[r]]
    if len(filled) < max(3, -(-3 * len(roles) // 5)) or cells.get("study", "x") == "":
        return None
    arm_roles = roles[roles.index("exercise"):] if "exercise" in roles and "outcome" in roles else []
    for k, line in enumerate(lines[1:], 1):
        if arm_roles and _is_arm_line(line, arm_roles):     # another arm of the study: read as it is
            return " ".join(cells[r] for r in roles if cells[r]) + " " + " ".join(lines[k:])
        open_roles = {r for r in roles if cells[r] and (_OPEN_END.search(cells[r])
                                                        or cells[r].count("(") > cells[r].count(")"))}
        parts = _assign_fragments(line, roles, open_roles)
        if parts is None:
            continue
        for role, frag in parts:
            glue = "" if re.match(f"[{_CJK}]", frag) and re.search(f"[{_CJK}]$", cells[role]) else " "
            cells[role] = f"{cells[role]}{glue}{frag}".strip()
    return " ".join(cells[r] for r in roles if cells[r])


#: Columns an arm of a study (a second exercise group on the row's next line) shares with
#: the row's first arm.
SHARED = ("study", "design", "population", "species", "n")
MAX_ARMS = 8


def _next_arm(outcome: str) -> Optional[int]:
    """Where a second arm starts inside an outcome cell: an exercise term at a cell boundary
    followed later by a duration ("Gait speed↑ MICT 8 weeks ..."), else ``None``."""
    for m in _EXERCISE_RE.finditer(outcome, 1):
        q = m.start()
        if (q and not outcome[q - 1].isspace()) or not _at_boundary(outcome, q):
            continue
        if _DURATION_RE.search(outcome, m.end()) and re.search(f"[{_ARROWS}]", outcome[:q]):
            return q
    return None


def split_arms(row: str, roles: list[str]) -> list[dict[str, str]]:
    """The cells of a row (:func:`split_cells`), one dict per arm: a row that goes on, after
    its outcomes, with another exercise and its protocol ("Smith 2018 [2] Stroke HIIT 8 weeks
    ... Gait speed↑ MICT 8 weeks ... Gait speed→") is two arms of one study; a later arm
    takes the study, design, population, species and n of the first (:data:`SHARED`). At most
    :data:`MAX_ARMS` arms; a row without an outcome column is one arm."""
    cells = split_cells(row, roles)
    out = [cells]
    if "outcome" not in roles or "exercise" not in roles:
        return out
    arm_roles = roles[roles.index("exercise"):]
    while len(out) < MAX_ARMS:
        last = out[-1]
        q = _next_arm(last["outcome"])
        if q is None:
            break
        rest = last["outcome"][q:]
        last["outcome"] = _squash(last["outcome"][:q])
        arm = split_cells(rest, arm_roles)
        arm.update({r: cells[r] for r in roles if r in SHARED})
        out.append({r: arm.get(r, "") for r in roles})
    return out


def _squash(s: str) -> str:
    return " ".join(s.split()).strip(" ;；,，")


def parse_legend(text: str) -> dict[str, list[str]]:
    """Abbreviations a table legend defines: ``{"DPN": ["糖尿病性神经病变", "diabetic peripheral
    neuropathy"]}`` for "DPN: 糖尿病性神经病变; ..." and "DPN: diabetic peripheral neuropathy;
    ..." (``ABBR: expansion`` items separated by semicolons; expansions in order of appearance,
    one per language)."""
    out: dict[str, list[str]] = {}
    flat = re.sub(r"\s*\n\s*", " ", text)
    for item in re.split(r"[;；]|[。.](?=\s*[A-Za-z0-9α-ωΑ-Ω][\w\-/α-ω]{0,14}\s*[:：])", flat):
        m = re.match(r"\s*([A-Za-z0-9α-ωΑ-Ω][\w\-/α-ω]{0,14})\s*[:：]\s*(.+?)\s*[。.]?\s*$", item)
        if m:
            out.setdefault(m.group(1), [])
            if m.group(2) not in out[m.group(1)]:
                out[m.group(1)].append(m.group(2))
    return out


def reconstruct_table(text: str, *, offset: int = 0, caption: str = "",
                      columns: Optional[list[Column]] = None) -> Optional[Table]:
    """Rebuild the study table in ``text`` (one table region: header, rows, legend).

    Args:
        text: the region's text (line breaks anywhere; a cleaned ``table`` block).
        offset: added to every offset (the region's start in the document text).
        caption: the caption to record.
        columns: the columns to use when the region has no header of its own (a table
            continued from the page before); its own header wins.
    Returns:
        a :class:`Table`, or ``None`` when the region has no rows, or its columns (own or
        given) name no study column and fewer than two other roles (not a study table).
    """
    if len(text) > MAX_TABLE_CHARS:
        return None
    header_end, spans, legend_start = row_spans(text)
    own = header_columns(text[:header_end])
    cols = own if len({c.role for c in own}) >= 3 else (columns or own)
    roles = [c.role for c in cols]
    if not spans or "study" not in roles or len(set(roles)) < 3:
        return None
    roles = roles[roles.index("study"):]
    rows = []
    for a, b in spans:
        author, year, refs = parse_study_cell(text[a:b])
        for cells in split_arms(text[a:b], roles):
            rows.append(TableRow(cells, offset + a, offset + a + len(text[a:b].rstrip()), author, year, refs))
    legend = parse_legend(text[legend_start:]) if legend_start < len(text) else {}
    return Table(caption, cols, rows, legend, offset, offset + len(text))


def document_tables(doc: Document) -> list[Table]:
    """The study tables of a cleaned document: :func:`reconstruct_table` on every ``table``
    block, with the text of the caption blocks just before it as its caption; a block with
    no header takes the previous table's columns. Offsets into ``doc.text``."""
    out: list[Table] = []
    caption: list[str] = []
    for block in doc.blocks:
        if block.kind == "caption":
            caption.append(doc.text[block.start:block.end])
            continue
        if block.kind == "table":
            table = reconstruct_table(doc.text[block.start:block.end], offset=block.start,
                                      caption=" ".join(caption), columns=out[-1].columns if out else None)
            if table is not None:
                out.append(table)
        caption = []
    return out
