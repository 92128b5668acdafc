"""Clean text extracted from PDFs into a :class:`~litmine.types.Document`.

``clean(raw) -> Document`` is the whole stage; it is built from small pure
functions that each do one thing and can be tested alone:

* :func:`normalise_chars` -- newlines, soft hyphens (U+00AD, the U+FFFE glyph
  some extractors emit), no other change.
* :func:`is_running_header` -- page headers/footers and bare page numbers
  (``"3348 · 综述 ·"``, ``"12"``, ``"Page 3 of 12"``), and lines repeated at
  page edges of a multi-page PDF.
* :func:`classify_line` -- heading (section headings, Markdown ``#`` lines) /
  caption / table title / figure label / reference-list heading / body.
* :func:`title_lines` -- title and heading lines without a full stop (a
  document's title, a ``# title:`` line), which become blocks of their own
  instead of being glued to the sentence after them.
* :func:`join_lines` -- rejoin lines broken mid-sentence: no space between CJK
  characters, one space between Latin words, end-of-line hyphenation undone
  only where the hyphen is a line-break artefact (``"nega-/tive"`` ->
  ``"negative"``) and kept where it belongs to a compound
  (``"cyclase-/activating"``, ``"50-/70%"``).

Body paragraphs interrupted by a float (table, figure labels, caption,
running header) continue after it, so a sentence broken by a table comes out
whole. Nothing that is body text is ever dropped; only running headers/footers
and page numbers are. Floats are kept as blocks of their own kind.
"""
from __future__ import annotations

import re
import statistics
from collections import Counter
from dataclasses import dataclass, field, replace

from ..errors import display_path
from ..types import Block, Document, RawDocument
from .lang import detect_lang
from .quality import quality_warning
from .script import to_simplified
from .tables import header_columns, merge_row_lines, starts_with_study_cell

# --- character classes -------------------------------------------------------

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RE = re.compile(f"[{_CJK}]")
_CJK_PUNCT = "。，、；：！？（）【】《》“”‘’—…·"
_SENT_END = "。！？.!?．"
SOFT_HYPHENS = "\u00ad\ufffe"

#: Second halves of hyphenated compounds that keep their hyphen when a line
#: breaks after it ("chemotherapy-/induced"). Common English/biomedical
#: compound heads; curated by litmine from usage in PubMed abstracts.
COMPOUND_HEADS = frozenset("""
activated activating active adjusted associated based binding blind blocked
containing controlled dependent deficient derived directed driven evoked
exposed free gated independent induced inducible inhibited like linked
matched mediated negative null positive reactive receptor regulated related
resistant responsive sensitive sensitized specific stimulated term treated
type wide weighted intensity operated sham matched
""".split())

_HEADING_NUM_RE = re.compile(r"^\s*(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.{0,60})$")
_HEADING_ROMAN_RE = re.compile(r"^\s*([IVX]{1,4})\.\s+([A-Z][A-Z ,&\-]{2,60})$")
_HEADING_WORDS = {
    "abstract": "abstract", "摘要": "abstract", "introduction": "intro", "background": "intro",
    "引言": "intro", "前言": "intro", "methods": "methods", "materials and methods": "methods",
    "方法": "methods", "results": "results", "结果": "results", "discussion": "discussion",
    "讨论": "discussion", "conclusion": "conclusion", "conclusions": "conclusion",
    "结论": "conclusion", "references": "references", "参考文献": "references",
    "acknowledgements": "acknowledgements", "acknowledgments": "acknowledgements",
    "致谢": "acknowledgements", "keywords": "keywords", "关键词": "keywords", "key words": "keywords",
}
_CAPTION_RE = re.compile(r"^\s*(图|表|Fig\.?|Figure|Table|Tab\.)\s*(\d+|[IVX]+)\b", re.I)
_TABLE_TITLE_RE = re.compile(r"^\s*(表|Table|Tab\.)\s*(\d+|[IVX]+)\b", re.I)
_HEADER_RES = [
    re.compile(r"^\s*\d{1,5}\s*[·•]\s*\S{1,8}\s*[·•]?\s*$"),          # 3348 · 综述 ·
    re.compile(r"^\s*[·•]\s*\S{1,8}\s*[·•]\s*\d{1,5}\s*$"),           # · 综述 · 3349
    re.compile(r"^\s*(page\s*)?\d{1,4}(\s*(/|of)\s*\d{1,4})?\s*$", re.I),  # 12, Page 3 of 12
    re.compile(r"^\s*-\s*\d{1,4}\s*-\s*$"),                          # - 12 -
    re.compile(r"^\s*第\s*\d{1,4}\s*页(\s*共\s*\d{1,4}\s*页)?\s*$"),
]
_PARA_START_RE = re.compile(
    r"^\s*(摘\s*要|abstract|关\s*键\s*词|key\s*words|keywords|background|objectives?|目的)\b", re.I)
_LEGEND_RE = re.compile(r"^\s*[A-Za-z0-9][\w\-/]{0,12}\s*[:：]\s*\S")
_UNIT_START_RE = re.compile(r"^(weeks?|wks?|w|days?|d|min|months?|h|%|周|天|个月|次|mg|μg|ml|times?)\b", re.I)
#: A Markdown ATX heading (CommonMark: one to six ``#``, a space, the text).
_MD_HEADING_RE = re.compile(r"^ {0,3}#{1,6}[ \t]+(\S.*?)(?:[ \t]+#+)?[ \t]*$")
#: A ``# key: value`` metadata line of a captured abstract (``# title: ...``, ``# source: ...``).
_MD_META_RE = re.compile(r"^ {0,3}#{1,6}[ \t]*([A-Za-z][A-Za-z _-]{0,24}|[\u4e00-\u9fff]{1,6})[ \t]*[:：]")
#: English words a title line does not end on (a line broken inside a sentence often does).
_TITLE_LAST_EN = frozenset("""
a an the and or nor but of in on at to for with without within by from as into onto via than that
which who whose whom is are was were be been being between among after before during under over
versus vs its their this these those such both either neither not no
""".split())
#: Chinese characters a title line does not end on (particles and conjunctions that need a continuation).
_TITLE_LAST_ZH = "的和与及或并对在是了而以从将被把其、，"


#: Invisible format characters web pages and PDF extractors leave inside words: zero-width space/joiners,
#: word joiner, BOM, and the bidirectional controls (Unicode general category Cf, minus the soft hyphen).
INVISIBLE = re.compile("[\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def normalise_chars(text: str) -> str:
    """Normalise newlines to ``\\n`` and soft-hyphen glyphs to U+00AD, and drop invisible format characters.

    Args:
        text: raw extracted text (``str``).
    Returns:
        the text with ``\\r\\n``/``\\r`` -> ``\\n``, U+FFFE -> U+00AD, and :data:`INVISIBLE` characters
        ("Swim\\u200bming", a right-to-left override) removed.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return INVISIBLE.sub("", text.replace("\ufffe", "\u00ad"))


def is_cjk(ch: str) -> bool:
    """True when ``ch`` (one character) is a CJK ideograph."""
    return bool(ch) and bool(CJK_RE.match(ch))


def visual_width(line: str) -> int:
    """Width of ``line`` in half-width cells (CJK characters count 2)."""
    line = line.strip()
    return len(line) + len(CJK_RE.findall(line)) + sum(line.count(p) for p in _CJK_PUNCT if p in line)


def is_running_header(line: str) -> bool:
    """True for page headers/footers and bare page numbers (see ``_HEADER_RES``)."""
    return any(r.match(line) for r in _HEADER_RES)


def heading_section(line: str) -> str | None:
    """Return the section key if ``line`` is a section heading, else ``None``.

    Numbered headings (``"2.1   运动对..."``, ``"3 Results"``) give their number;
    named ones (``"Abstract"``, ``"参考文献"``) give a normalised name.
    """
    s = markdown_heading(line) or line.strip()
    if not s or len(s) > 70:
        return None
    key = re.sub(r"[\s:：.]+$", "", s).lower()
    if key in _HEADING_WORDS:
        return _HEADING_WORDS[key]
    m = _HEADING_ROMAN_RE.match(s)
    if m:
        return m.group(2).strip().lower()
    m = _HEADING_NUM_RE.match(s)
    if m:
        num, rest = m.groups()
        if int(num.split(".")[0]) > 20 or _UNIT_START_RE.match(rest) or len(rest) < 2:
            return None
        if rest[-1] in _SENT_END + ",，;；、" or re.search(r"[。；;]", rest):
            return None
        if not (is_cjk(rest[0]) or rest[0].isupper()):
            return None
        return num
    return None


def markdown_heading(line: str) -> str | None:
    """The text of a Markdown ATX heading line (``"## Results"`` -> ``"Results"``,
    ``"# title: Exercise and pain"`` -> ``"title: Exercise and pain"``), else ``None``."""
    m = _MD_HEADING_RE.match(line)
    return m.group(1) if m else None


def looks_like_title(line: str, median_width: float, *, first: bool = True, last: bool = True) -> bool:
    """True when ``line`` (one stripped line) can be a title or heading line: it
    starts with a capital letter, a digit or a CJK character (unless it
    continues a title, ``first=False``), has no sentence
    break inside and no terminal or continuing punctuation at its end
    (``。.!?;,:-`` and full-width forms), is at most 300 cells wide and narrower
    than 0.6 of the document's median line, and -- when ``last`` (the line
    that ends the title) -- does not end on an English function word
    (:data:`_TITLE_LAST_EN`) or a Chinese particle that needs a continuation
    (:data:`_TITLE_LAST_ZH`). Rule of thumb of litmine's curators, after
    the title pages of PubMed/CNKI abstracts and PDF extractions."""
    s = line.strip()
    if not s or not (s[0].isupper() or s[0].isdigit() or is_cjk(s[0]) or (not first and s[0].isalpha())):
        return False
    width = visual_width(s)
    if width > 300 or width >= 0.6 * median_width:
        return False
    if s[-1] in _SENT_END + ",，;；:：、-–—/(（[【" or re.search(r"[。！？；;]|[.!?]\s+[A-Z\u4e00-\u9fff]", s):
        return False
    if not last:
        return True
    words = re.findall(r"[A-Za-z]+", s)
    if not is_cjk(s[-1]) and (len(s.split()) < 2 or (words and words[-1].lower() in _TITLE_LAST_EN)):
        return False
    return s[-1] not in _TITLE_LAST_ZH


def title_lines(lines: list[str], kinds: list[str], median_width: float, max_run: int = 3) -> set[int]:
    """Indices of lines that form a title or heading of their own.

    Args:
        lines: the non-blank lines of a document, stripped.
        kinds: their :func:`classify_line` kinds.
        median_width: the median line width (see :func:`visual_width`).
        max_run: the most lines one title spans.
    Returns:
        indices of lines ``i..j`` (runs of 1 to ``max_run`` lines) where line
        ``i`` starts the document or follows a heading, a running header or a
        line that ends a sentence; every line of the run
        :func:`looks_like_title` (the last one as ``last``); and the line
        after the run is body text starting with a capital letter or a CJK
        character. A run is never part of a row of figure labels. Such a line
        without a full stop is otherwise glued to the sentence after it.
    """
    out: set[int] = set()
    n = len(lines)
    for i in range(n):
        if kinds[i] not in ("body", "label") or i in out:
            continue
        if i and not (kinds[i - 1] in ("heading", "header") or (kinds[i - 1] != "label" and _ends_sentence(lines[i - 1]))):
            continue
        for j in range(i, min(n - 1, i + max_run)):
            if kinds[j] not in ("body", "label") or not looks_like_title(lines[j], median_width, first=j == i,
                                                                           last=False):
                break
            nxt = lines[j + 1]
            if kinds[j + 1] == "body" and looks_like_title(lines[j], median_width, first=j == i) and \
                    (nxt[:1].isupper() or is_cjk(nxt[:1])) and not looks_like_title(nxt, median_width, last=False):
                out.update(range(i, j + 1))
                break
    return out


def classify_line(line: str, median_width: float) -> str:
    """Kind of one extracted line: ``header``, ``heading`` (a section heading
    or a Markdown ``#`` line), ``caption``, ``table_title``, ``label`` (short
    fragment without sentence punctuation, a candidate figure label) or ``body``."""
    s = line.strip()
    if is_running_header(s):
        return "header"
    if markdown_heading(s) is not None or heading_section(s) is not None:
        return "heading"
    if _TABLE_TITLE_RE.match(s):
        return "table_title"
    if _CAPTION_RE.match(s):
        return "caption"
    if visual_width(s) < 0.45 * median_width and not re.search(r"[。！？.!?,，;；、:：\[\]]", s):
        return "label"
    return "body"


def should_keep_hyphen(left: str, right: str, vocabulary: set[str] | None = None) -> bool:
    """Decide whether a hyphen at a line end belongs to the word.

    Args:
        left: the word fragment before the hyphen (``"cyclase"``, ``"nega"``, ``"50"``).
        right: the fragment starting the next line (``"activating"``, ``"tive"``).
        vocabulary: lower-cased words seen whole elsewhere in the document.
    Returns:
        True to keep ``left-right``, False to join ``leftright``.
    Rule: keep after digits, Greek or upper-case acronyms of two or more letters
    (``"IL-"``, ``"50-"``), when ``right`` is a compound head (:data:`COMPOUND_HEADS`),
    or when the document itself writes ``left-right``; join otherwise.
    """
    if not left or not right:
        return True
    lw, rw = left.lower(), right.lower()
    if vocabulary:
        if f"{lw}-{rw}" in vocabulary:
            return True
        if lw + rw in vocabulary:
            return False
    if left[-1].isdigit() or right[0].isdigit() or not left[-1].isalpha():
        return True
    if re.fullmatch(r"[A-Z0-9]{2,}", left) and not re.fullmatch(r"[A-Z]+", right):
        return True
    if re.fullmatch(r"[A-Z]{2,}", left) and re.fullmatch(r"[A-Z]+", right):
        return False  # NIGHTIN-/GALE: a word in capitals broken across lines
    if len(left) == 1 and right[0].isalpha():
        return True  # γ-/aminobutyric, N-/methyl
    return rw.rstrip(".,;:)") in COMPOUND_HEADS


def join_lines(lines: list[str], vocabulary: set[str] | None = None) -> str:
    """Join the lines of one paragraph into one string (see module docstring)."""
    return join_lines_mapped(lines, vocabulary)[0]


def join_lines_mapped(lines: list[str], vocabulary: set[str] | None = None) -> tuple[str, list[int]]:
    """:func:`join_lines`, and where each line landed: ``starts[i]`` is the
    offset in the joined string at which ``lines[i]``'s text begins (for an
    empty line, the length joined so far), so positions of the source lines
    (their page, for a PDF) can be carried into the cleaned text."""
    out = ""
    starts: list[int] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            starts.append(len(out))
            continue
        if "\u00ad" in line[:-1]:  # a soft hyphen inside a line is only a break opportunity: invisible, dropped
            line = line[:-1].replace("\u00ad", "") + line[-1]
        if not out:
            starts.append(0)
            out = line
            continue
        if out[-1] == "\u00ad":
            starts.append(len(out) - 1)
            out = out[:-1] + line
            continue
        m = re.search(r"([^\W_]+)-$", out[-64:]) if out.endswith("-") else None  # tail only: linear time
        if m and line[0].isalnum() and not is_cjk(m.group(1)[-1]):
            right = re.match(r"[^\W_]*", line).group(0)
            if should_keep_hyphen(m.group(1), right, vocabulary):
                starts.append(len(out))
                out += line
            else:
                starts.append(len(out) - 1)
                out = out[:-1] + line
            continue
        a, b = out[-1], line[0]
        if is_cjk(a) or is_cjk(b) or a in _CJK_PUNCT or b in _CJK_PUNCT or a in "(/[" or b in ")]/,.;:":
            starts.append(len(out))
            out += line
        else:
            starts.append(len(out) + 1)
            out += " " + line
    return out, starts


def document_vocabulary(text: str) -> set[str]:
    """Lower-cased Latin words (with inner hyphens) of ``text``, for de-hyphenation."""
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z\-]*[A-Za-z]", text)}


def page_edge_lines(text: str) -> set[int]:
    """Indices (into ``text.split("\n")`` after form feeds become newlines) of
    running headers/footers: lines among the top or bottom two of a page whose
    digit-masked form recurs at page edges of at least max(3, pages/4) pages.
    Only those positions are dropped; the same words elsewhere are body text."""
    pages = text.split("\f")
    if len(pages) < 3:
        return set()
    counts: Counter = Counter()
    edges: list[tuple[int, str]] = []
    offset = 0
    for page in pages:
        lines = page.split("\n")
        nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
        edge_idx = set(nonblank[:2] + nonblank[-2:])
        keys = set()
        for i in edge_idx:
            ln = lines[i].strip()
            if len(ln) < 90:
                key = re.sub(r"\d+", "#", ln)
                keys.add(key)
                edges.append((offset + i, key))
        counts.update(keys)
        offset += len(lines)
    need = max(3, len(pages) // 4)
    return {i for i, key in edges if counts[key] >= need}


@dataclass
class _Para:
    """A paragraph being built: ``lines`` (for tables: rows, each a list of
    lines) and ``pages``, the page of every line appended, in order."""

    kind: str
    section: str
    lines: list = field(default_factory=list)
    pages: list = field(default_factory=list)

    def add(self, line: str, page: int | None) -> None:
        self.lines.append(line)
        self.pages.append(page)


def _ends_sentence(line: str) -> bool:
    s = line.rstrip()
    s = re.sub(r"(\s*\[[\d,\-–~\s]+\])+$", "", s)
    return bool(s) and s[-1] in _SENT_END + "”\"）)"[:0]


def _blank_lines_meaningless(lines: list[str]) -> bool:
    """PDF extractors often put an empty line after every line: then blank lines
    say nothing about paragraphs."""
    nonblank = [i for i, ln in enumerate(lines) if ln.strip()]
    if len(nonblank) < 10:
        return False
    followed = sum(1 for i in nonblank if i + 1 < len(lines) and not lines[i + 1].strip())
    widths = [visual_width(lines[i]) for i in nonblank]
    return followed / len(nonblank) > 0.3 and statistics.median(widths) < 120


def _table_row_start(line: str) -> bool:
    """A table row of a study summary starts with its first author: a surname
    with a year ("NADI 2019[26]", "Smith et al. 2018") or a capitalised surname
    alone on its line ("KLECKNER", "NIGHTIN-")."""
    s = line.strip()
    if re.match(r"^[A-Z][A-Za-z'\-]+(\s+[A-Z][A-Za-z'\-]*)*\s*(et\s+al\.?,?)?\s*\(?(19|20)\d{2}\b", s):
        return True
    return bool(re.fullmatch(r"[A-Z][A-Z'\-]{3,}[A-Z\-]", s))


_NUMBER_ROW_RE = re.compile(r"\[\s*\d{1,4}\s*\]\s+\S")


def _number_row(line: str, rows: list[list[str]]) -> bool:
    """Whether ``line`` starts a row of a table keyed by citation numbers: it starts with one
    ("[24] DPN ...") and so did the row before, or no row but the header came before (a line
    starting with a number inside a table keyed by authors is a wrapped cell's rest)."""
    if not _NUMBER_ROW_RE.match(line):
        return False
    return len(rows) <= 1 or bool(_NUMBER_ROW_RE.match(rows[-1][0]))


def _add_table_line(rows: list[list[str]], line: str) -> None:
    """Append ``line`` to a table's rows: a new row at an author/year row start
    (unless it continues a row-start line without a year, "NIGHTIN-/GALE 2018"),
    at a line starting with a citation number ("[24] DPN ...") or at a legend line
    ("DPN: ..."), else a continuation of the last row."""
    last = rows[-1] if rows else None
    starts = _table_row_start(line) or _LEGEND_RE.match(line) or _number_row(line, rows)
    if last and _table_row_start(last[-1]) and len(last) == 1 and not re.search(r"(19|20)\d{2}", last[-1]):
        starts = False
    if starts or last is None:
        rows.append([line])
    else:
        last.append(line)


def _is_prose(line: str, median_width: float) -> bool:
    s = line.strip()
    pairs = len(re.findall(r"(^|[;；]\s*)[\w\-/]{1,12}\s*[:：]\s*\S", s))
    if pairs >= 2 or (pairs and re.search(r"[;；]", s)):
        return False  # an abbreviation legend under a table
    if visual_width(s) < 0.7 * median_width:
        return False
    cjk = len(CJK_RE.findall(s))
    if cjk >= 8:
        return True
    words = re.findall(r"[a-z]{3,}", s)
    return len(words) >= 7 and not re.search(r"[↑↓]", s)


def extend_label_runs(lines: list[str], kinds: list[str]) -> list[str]:
    """Turn unpunctuated "body" lines next to figure labels into labels too
    (a row of box labels such as "Opioid system Serotonin GABA")."""
    kinds = list(kinds)
    bare = [k == "body" and not re.search(r"[。，、；：！？.,;:!?()（）\[\]]", ln) for k, ln in zip(kinds, lines)]
    for order in (range(len(kinds)), range(len(kinds) - 1, -1, -1)):  # one pass each way: linear time
        for i in order:
            if bare[i] and kinds[i] == "body" and (
                    (i > 0 and kinds[i - 1] == "label") or (i + 1 < len(kinds) and kinds[i + 1] == "label")):
                kinds[i] = "label"
    return kinds


def caption_text_lines(kinds: list[str], window: int = 12) -> set[int]:
    """Indices of body lines that belong to a figure caption: body lines between a
    run of figure labels and the caption title ("图1 ...", "Fig. 1 ...") that
    follows within ``window`` lines (extractors often put the caption's text
    before its title)."""
    out: set[int] = set()
    for i, k in enumerate(kinds):
        if k != "label" or (i + 1 < len(kinds) and kinds[i + 1] == "label"):
            continue
        between = []
        for j in range(i + 1, min(len(kinds), i + 1 + window)):
            if kinds[j] == "caption":
                out.update(between)
                break
            if kinds[j] != "body":
                break
            between.append(j)
    return out


def _split_paragraphs(lines: list[str], median: float, blank_is_break: bool,
                      edge_lines: set[int], short_line_breaks: bool = False,
                      line_pages: list[int] | None = None):
    """Yield finished paragraphs (``_Para``) in reading order, floats after the
    body paragraph they interrupted; ``line_pages[i]`` is the page of
    ``lines[i]`` (``None`` without pages)."""
    section = ""
    open_body: _Para | None = None
    pending_floats: list[_Para] = []
    cur_float: _Para | None = None
    in_table = False

    def close_body():
        nonlocal open_body
        out = []
        if open_body and open_body.lines:
            out.append(open_body)
        open_body = None
        out.extend(pending_floats)
        pending_floats.clear()
        return out

    def close_float():
        nonlocal cur_float
        if cur_float and cur_float.lines:
            pending_floats.append(cur_float)
        cur_float = None

    prev = ""
    nonblank = [ln.strip() for ln in lines if ln.strip()]
    kinds = [classify_line(ln, median) for ln in nonblank]
    in_title = title_lines(nonblank, kinds, median)
    kinds = extend_label_runs(nonblank, ["title" if i in in_title else k for i, k in enumerate(kinds)])
    in_caption = caption_text_lines(kinds)
    n = -1
    for li, raw in enumerate(lines + [""]):
        s = raw.strip()
        if not s:
            if blank_is_break and in_table and cur_float is not None and not cur_float.lines:
                continue  # a blank line between a table's title and its first line
            if blank_is_break:
                close_float()
                in_table = False
                yield from close_body()
            continue
        n += 1
        page = line_pages[li] if line_pages else None
        if li in edge_lines:
            continue
        kind = kinds[n]
        if kind == "header":
            continue
        if open_body is not None and open_body.kind == "title" and n not in in_title:
            yield from close_body()
        if n in in_title and not in_table:
            close_float()
            if open_body is None or open_body.kind != "title":
                yield from close_body()
                open_body = _Para("title", section, [])
            open_body.add(s, page)
            continue
        if n in in_caption and not in_table:
            if cur_float is None or cur_float.kind != "caption":
                close_float()
                cur_float = _Para("caption", section)
            cur_float.add(s, page)
            continue
        if in_table and kind == "table_title" and not cur_float.lines:
            pending_floats[-1].add(s, page)
            continue
        if in_table:
            header = not cur_float.lines and len({c.role for c in header_columns(s)}) >= 3
            row = starts_with_study_cell(s, with_year=True) or _number_row(s, cur_float.lines)
            # a section heading after the rows (before them, "结果"/"Results" is a header label)
            named = kind == "heading" and len(cur_float.lines) >= 2 and (
                markdown_heading(s) is not None or not re.fullmatch(r"[\d.]+", heading_section(s) or "0"))
            if kind in ("caption", "table_title") or named or (_is_prose(s, median) and not header and not row):
                in_table = False
                close_float()
            else:
                _add_table_line(cur_float.lines, s)
                cur_float.pages.append(page)
                continue
        if kind == "heading":
            close_float()
            yield from close_body()
            section = heading_section(s) or section
            yield _Para("front" if _MD_META_RE.match(s) else "heading", section, [s], [page])
            continue
        if kind == "table_title":
            close_float()
            pending_floats.append(_Para("caption", section, [s], [page]))
            cur_float = _Para("table", section)
            in_table = True
            continue
        if kind == "caption":
            close_float()
            if open_body is None:
                yield from close_body()
            pending_floats.append(_Para("caption", section, [s], [page]))
            continue
        if kind == "label":
            if cur_float is None or cur_float.kind != "figure":
                close_float()
                cur_float = _Para("figure", section)
            cur_float.add(s, page)
            continue
        # body line
        if cur_float is not None:
            close_float()
        m = _PARA_START_RE.match(s)
        if m:
            yield from close_body()
            if m.group(1).lower().startswith(("摘", "abstract")):
                section = "abstract"
        elif open_body is not None and _ends_sentence(prev) and (
                raw[:1].isspace() or detect_lang(prev) != detect_lang(s) != "mixed"):
            yield from close_body()  # new column/page start or a language switch after a full stop
        prev = s
        if pending_floats and pending_floats[-1].kind == "caption" and open_body is None \
                and not pending_floats[-1].lines[-1].rstrip().endswith(("。", ".")) \
                and _CAPTION_RE.match(pending_floats[-1].lines[0]):
            pending_floats[-1].add(s, page)  # caption continued on the next line
            if _ends_sentence(s):
                yield from close_body()
            continue
        if open_body is None:
            yield from close_body()
            open_body = _Para("body", section)
        open_body.add(s, page)
        if (short_line_breaks or not blank_is_break) and _ends_sentence(s) and visual_width(s) < 0.8 * median:
            yield from close_body()
    close_float()
    yield from close_body()


def clean(raw: RawDocument, *, name: str | None = None) -> Document:
    """Clean a :class:`RawDocument` into a :class:`Document` with typed blocks.

    Args:
        raw: reader output.
        name: document name (defaults to the file name of ``raw.path``).
    Returns:
        a ``Document`` whose ``text`` is the blocks joined by blank lines,
        each block a paragraph (body), heading, caption, table (one row a
        line), figure (label fragments) with its section and language;
        title lines (:func:`title_lines`, Markdown ``# title:`` lines) are
        blocks of their own (``front``, or ``heading`` inside a section).
        Traditional Chinese text is converted to Simplified first (:func:`litmine.text.script.to_simplified`,
        offsets kept), with a note in ``warnings``.
        ``warnings`` are the reader's plus, for damaged text, one
        ``"low text quality: ..."`` line (:func:`litmine.text.quality.quality_warning`).
    """
    text, traditional = to_simplified(normalise_chars(raw.text))
    edge = page_edge_lines(text) if raw.format == "pdf" else set()
    lines = text.replace("\f", "\n").split("\n")
    widths = [visual_width(ln) for ln in lines if ln.strip()]
    median = statistics.median(widths) if widths else 80
    blank_is_break = not _blank_lines_meaningless(lines)
    n_blank = sum(1 for ln in lines if not ln.strip())
    short_line_breaks = n_blank < 0.05 * max(1, len(lines) - n_blank)  # PDF text: paragraphs end on a short line
    vocab = document_vocabulary(text)
    line_pages = _line_pages(text) if raw.format == "pdf" or "\f" in text else None
    parts: list[str] = []
    blocks: list[Block] = []
    page_map: list[tuple[int, int]] = []
    unpunctuated: list[int] = []     # blocks read as titles or headings for want of a full stop
    pos = 0
    for para in _split_paragraphs(lines, median, blank_is_break, edge, short_line_breaks, line_pages):
        body, starts = _para_text(para, vocab)
        if not body.strip():
            continue
        kind = para.kind
        if kind == "title":
            kind = "front" if not para.section else "heading"
            unpunctuated.append(len(blocks))
        if para.section == "references" and kind == "body":
            kind = "references"
        if kind == "body" and len(body) < 400 and not re.search(r"[。！？!?．]|\.(\s|$)", body):
            kind = "front" if not para.section else "heading"  # titles, authors, affiliations
            unpunctuated.append(len(blocks))
        if parts:
            pos += 2
        blocks.append(Block(pos, pos + len(body), kind, para.section, detect_lang(body)))
        parts.append(body)
        for start, page in zip(starts, para.pages):
            if page is not None and (not page_map or page_map[-1][1] != page):
                page_map.append((pos + start, page))
        pos += len(body)
    if unpunctuated and not any(b.kind in ("body", "references") for b in blocks):
        # nothing but such lines ("Treadmill running reduced IL-6 in CCI rats" as the whole text): a title
        # needs text to head, so they are the body, as written
        for i in unpunctuated:
            blocks[i] = replace(blocks[i], kind="body")
    clean_text = "\n\n".join(parts)
    name = name or display_path(raw.path).replace("\\", "/").rsplit("/", 1)[-1]
    langs = Counter()
    for b in blocks:
        if b.kind == "body":
            langs[b.lang] += b.end - b.start
    lang = detect_lang(clean_text) if not langs else langs.most_common(1)[0][0]
    warnings = list(raw.warnings)
    if traditional:
        warnings.append("Traditional Chinese: read in Simplified characters (OpenCC t2s); "
                        "stored sentences and mentions are in Simplified")
    low = quality_warning(raw.text, raw.format)
    if low and low not in warnings:
        warnings.append(low)
    return Document(name=name, path=display_path(raw.path), text=clean_text, sha256=raw.sha256, format=raw.format,
                    blocks=blocks, lang=lang, encoding=raw.encoding, warnings=warnings, pages=page_map,
                    record=raw.record)


def _line_pages(text: str) -> list[int]:
    """Page number (1-based) of every line of ``text.replace("\\f", "\\n").split("\\n")``:
    pages are separated by form feeds, as the PDF reader joins them."""
    out: list[int] = []
    for number, page in enumerate(text.split("\f"), 1):
        out.extend([number] * (page.count("\n") + 1))
    return out


def _para_text(para: _Para, vocab: set[str]) -> tuple[str, list[int]]:
    """A paragraph's cleaned text and the offset in it of each appended line
    (in ``para.pages`` order): tables one row a line (a row whose lines were read across
    its cells is put back in cell order: :func:`litmine.text.tables.merge_row_lines`),
    figure labels one a line."""
    if para.kind == "figure":
        starts, pos = [], 0
        for line in para.lines:
            starts.append(pos)
            pos += len(line) + 1
        return "\n".join(para.lines), starts
    if para.kind != "table":
        return join_lines_mapped(para.lines, vocab)
    rows, starts, pos = [], [], 0
    roles = [c.role for c in header_columns(" ".join(para.lines[0]))] if para.lines and para.lines[0] else []
    roles = roles[roles.index("study"):] if "study" in roles else []
    for row in para.lines:
        if not row:
            continue
        merged = merge_row_lines(row, roles) if roles and len(row) > 1 else None
        if merged is not None:      # lines read across the row's cells: rebuilt in cell order
            text, row_starts = merged, [0] * len(row)
        else:
            text, row_starts = join_lines_mapped(row, vocab)
        rows.append(text)
        starts.extend(pos + x for x in row_starts)
        pos += len(text) + 1
    return "\n".join(rows), starts
