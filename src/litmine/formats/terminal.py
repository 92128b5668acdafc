"""Relations for people: the table ``litmine query`` prints.

* :func:`group_translations` pairs rows that state the same relation in the
  two abstracts (Chinese and English) of one document, so a bilingual paper's
  finding is read once, with both evidence sentences.
* :func:`relation_lines` lays relations out as aligned records -- a line of
  slots (language, exercise, direction, target, model, species, tissue,
  duration, page, flags) and under it the evidence sentence, cut to the
  width around the target (``full=False``, :func:`excerpt`) or wrapped
  (``full=True``) -- under one heading
  line per document. Widths are measured in terminal cells with rich
  (``rich.cells``: East Asian wide characters count two), so Chinese names
  and values do not shift the columns.
* :func:`print_relations` prints them: styled and fitted to the terminal when
  the output is one, plain text otherwise (full sentences on one line each,
  unless ``$COLUMNS`` sets a width).
* :func:`search_lines` / :func:`print_search`: ``litmine search`` results, the
  words found highlighted.
* :func:`progress`: the one progress bar of every command that can run for more
  than a few seconds (tqdm on standard error, off when that is not a terminal).
"""
from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from typing import IO, Iterable, Optional, TypeVar

from tqdm import tqdm

from rich.cells import cell_len, set_cell_size
from rich.console import Console
from rich.text import Text

T = TypeVar("T")

#: Sections whose Chinese and English sentences are translations of each other.
TRANSLATED_SECTIONS = frozenset({"abstract"})

#: Slot columns of the table: (header, row key); empty columns are left out.
COLUMNS = [("lang", "lang"), ("exercise", "exercise"), ("direction", "direction"), ("target", "target"),
           ("model", "model"), ("species", "species"), ("tissue", "tissue"), ("duration", "duration"),
           ("page", "page"), ("note", "note")]
#: Columns that give up cells first when the table is wider than the terminal.
_SHRINKABLE = ("model", "tissue", "exercise", "target", "duration")
_MIN_WIDTH = 6
#: Columns left out, in this order, when even shrunk columns do not fit.
_DROPPABLE = ("duration", "tissue", "species", "model", "exercise")
_GAP = "  "


@dataclass
class RelationView:
    """One displayed relation: ``row`` (a :func:`litmine.store.queries.relations`
    dict) and ``twins``, the rows stating the same relation in the document's
    abstract in the other language (empty unless grouped)."""

    row: dict
    twins: list[dict] = field(default_factory=list)

    @property
    def lang(self) -> str:
        """``"zh"``, or ``"zh+en"`` for a relation stated in both abstracts."""
        return "+".join([self.row["lang"], *(t["lang"] for t in self.twins)])

    @property
    def evidence(self) -> list[tuple[str, str, str]]:
        """``(lang, sentence, target as written)`` of the row and of each twin."""
        return [(r["lang"], r["sentence"], r.get("target_text") or "") for r in (self.row, *self.twins)]


def evidence_locator(row: dict) -> str:
    """Where a relation's evidence sentence is in its source, for people:
    ``"p. 2 · results · characters 120-205"`` (page when the source has
    pages, section when known, character offsets into the cleaned text).
    The one place that says it, for the ``--full`` table and for any other
    view of the evidence (the HTML report, when there is one)."""
    parts = [f"p. {row['page']}"] if row.get("page") is not None else []
    if row.get("section"):
        section = str(row["section"])
        parts.append(f"section {section}" if section[:1].isdigit() else section)  # "section 2.1", "results"
    if row.get("sentence_start") is not None:
        parts.append(f"characters {row['sentence_start']}-{row['sentence_end']}")
    return " · ".join(parts)


def _key(row: dict) -> tuple:
    return (row["document_id"], row["exercise"], row["direction"], row["target_id"] or row["target"],
            bool(row["negated"]))


def group_translations(rows: Iterable[dict]) -> list[RelationView]:
    """Pair each Chinese abstract row with an English abstract row of the same
    document stating the same relation -- same ``exercise``, ``direction``,
    ``target_id`` (or ``target``) and ``negated`` -- in order of appearance,
    one to one; everything else stays a view of its own. Input order is kept
    (a pair sits where its first row was).

    Args:
        rows: dicts with at least ``document_id``, ``lang``, ``section``,
            ``sentence``, ``exercise``, ``direction``, ``target``,
            ``target_id``, ``negated`` (as :func:`~litmine.store.queries.relations` gives).
    Returns:
        one :class:`RelationView` per displayed relation.
    """
    views: list[RelationView] = []
    open_: dict[tuple, list[RelationView]] = {}      # (key, lang still missing) -> views waiting for a twin
    for row in rows:
        if row.get("section") not in TRANSLATED_SECTIONS or row.get("lang") not in ("zh", "en"):
            views.append(RelationView(row))
            continue
        waiting = open_.get((_key(row), row["lang"]))
        if waiting:
            waiting.pop(0).twins.append(row)
            continue
        view = RelationView(row)
        views.append(view)
        open_.setdefault((_key(row), "en" if row["lang"] == "zh" else "zh"), []).append(view)
    return views


def _cell(view: RelationView, key: str) -> str:
    r = view.row
    if key == "lang":
        return view.lang
    if key == "page":
        pages = sorted({p for p in (x.get("page") for x in (r, *view.twins)) if p is not None})
        return ",".join(map(str, pages))
    if key == "direction":      # what the relation asserts, as --direction reads it: "failed to lower X" is no_change
        from .report import asserted_direction
        return asserted_direction(r)
    if key == "note":           # the stored verb of a negated relation: "negated decrease"
        negated = f"negated {r.get('direction') or 'modulate'}" if r.get("negated") else ""
        return ", ".join(n for n in (negated, "hedged" if r.get("hedged") else "") if n)
    value = r.get(key)
    return "" if value is None else " ".join(str(value).split())


def _fit(widths: dict[str, int], total: int) -> dict[str, int]:
    """Column widths for a slot line of at most ``total`` cells: the widest
    shrinkable column (:data:`_SHRINKABLE`) gives up one cell at a time down to
    :data:`_MIN_WIDTH`; if that is not enough, columns of :data:`_DROPPABLE`
    are left out, last first (``negated``/``hedged`` notes never are).
    Returns the kept columns (in order) and their widths."""
    widths = dict(widths)
    used = lambda: sum(widths.values()) + len(_GAP) * (len(widths) - 1)  # noqa: E731
    while used() > total:
        cands = [c for c in _SHRINKABLE if widths.get(c, 0) > _MIN_WIDTH]
        if cands:
            widths[max(cands, key=lambda c: widths[c])] -= 1
            continue
        drop = [c for c in _DROPPABLE if c in widths]
        if not drop:
            break
        del widths[drop[0]]
    return widths


def _pad(text: str, width: int) -> str:
    """``text`` in exactly ``width`` cells: padded, or cut with an ellipsis."""
    if cell_len(text) <= width:
        return text + " " * (width - cell_len(text))
    return set_cell_size(text, width - 1) + "…"


def excerpt(text: str, width: int, focus: Optional[str] = None) -> str:
    """``text`` cut to at most ``width`` cells with an ellipsis; when ``focus``
    (the relation's target as written) would fall past the cut, the excerpt
    starts later, with a leading ellipsis, so that ``focus`` ends about three
    quarters of the way along and the reader sees what the row is about."""
    if cell_len(text) <= width:
        return text
    i = text.find(focus) if focus else -1
    if i < 0 or cell_len(text[:i + len(focus)]) <= width - 1:
        return _pad(text, width)
    end, room = i + len(focus), max(1, (3 * width) // 4 - 1)
    start, used = end, 0
    while start > 0 and used + cell_len(text[start - 1]) <= room:   # walk back from the focus
        start -= 1
        used += cell_len(text[start])
    rest = text[start:]
    return "…" + (rest if cell_len(rest) <= width - 1 else _pad(rest, width - 1))


def relation_lines(views: list[RelationView], *, width: Optional[int] = None, full: bool = False) -> list[Text]:
    """The table as rich ``Text`` lines (styles: bold headings).

    Args:
        views: from :func:`group_translations` (or one view per row).
        width: terminal width in cells; ``None`` for no limit (slot columns
            at their natural width, each sentence whole on one line).
        full: wrap evidence sentences to ``width`` instead of cutting them
            to one line with an ellipsis, each followed by its
            :func:`evidence_locator` line.
    Returns:
        a header line, then per document a heading line (its name) and per
        relation a slot line and one evidence line (or several, wrapped) per
        sentence; evidence of a relation stated in both abstracts is given
        for each language, prefixed ``zh``/``en``. Every line fits ``width``.
    """
    if not views:
        return []
    cols = [(h, k) for h, k in COLUMNS if any(_cell(v, k) for v in views) or k in ("lang", "target")]
    num_w = len(str(len(views)))
    natural = {k: max(cell_len(h), *(cell_len(_cell(v, k)) for v in views)) for h, k in cols}
    natural = {k: min(w, 28) if width is not None else w for k, w in natural.items()}
    widths = _fit(natural, width - num_w - len(_GAP)) if width is not None else natural
    cols = [(h, k) for h, k in cols if k in widths]
    indent = " " * (num_w + len(_GAP))
    lines = [Text(" " * num_w + _GAP + _GAP.join(_pad(h, widths[k]) for h, k in cols).rstrip(), style="bold")]
    wrapper = Console(width=max(10, (width or 80) - len(indent)), force_terminal=False, color_system=None)
    doc = None
    for i, v in enumerate(views, 1):
        if v.row["document_id"] != doc:
            doc = v.row["document_id"]
            name = v.row["doc"]
            too_long = width is not None and cell_len(name) > width
            lines.append(Text(_pad(name, width) if too_long else name, style="bold cyan"))
        slots = _GAP.join(_pad(_cell(v, k), widths[k]) for _h, k in cols)
        lines.append(Text(f"{i:>{num_w}}{_GAP}{slots}".rstrip()))
        for r, (lang, sentence, focus) in zip((v.row, *v.twins), v.evidence):
            text = (f"{lang}: " if v.twins else "") + " ".join(sentence.split())
            if width is None:
                lines.append(Text(indent + text))
            elif full:
                lines.extend(Text(indent) + part for part in Text(text).wrap(wrapper, width - len(indent)))
            else:
                lines.append(Text(indent + excerpt(text, width - len(indent), focus).rstrip()))
            if full and evidence_locator(r):
                lines.append(Text(indent + _pad(f"({evidence_locator(r)})", (width or 10**6) - len(indent)).rstrip(),
                                  style="dim"))
    return lines


def print_relations(rows: list[dict], out: Optional[IO[str]] = None, *, full: bool = False,
                    group: bool = True, console: Optional[Console] = None,
                    empty: str = "no relations match", cut: Optional[int] = None) -> int:
    """Print ``rows`` as the table of :func:`relation_lines` on ``out``
    (standard output by default) and a closing count; returns the number of
    relations shown (pairs count once).

    On a terminal the table is fitted to its width (``$COLUMNS`` or the
    terminal's own) with bold headings; elsewhere (a pipe, a file) it is plain
    text, at ``$COLUMNS`` cells if set, else with whole sentences. A given
    rich ``console`` (e.g. ``Console(force_terminal=True, width=100)``) is
    used as it is, instead of one on ``out``. ``empty`` is the line printed
    when there are no rows. ``cut``: the query's ``--limit`` when more rows match than it
    let through; the count then says these are the first so many.
    """
    console = console or Console(file=out or sys.stdout, highlight=False, soft_wrap=True, emoji=False,
                                 markup=False)
    if not rows:
        console.print(empty, soft_wrap=True, highlight=False, markup=False)
        return 0
    views = group_translations(rows) if group else [RelationView(r) for r in rows]
    width = console.width if console.is_terminal or os.environ.get("COLUMNS", "").isdigit() else None
    for line in relation_lines(views, width=width, full=full):
        console.print(line, soft_wrap=True)
    docs = len({r["document_id"] for r in rows})
    pairs = sum(1 for v in views if v.twins)
    plural = lambda n, word: f"{n} {word}{'s' if n != 1 else ''}"  # noqa: E731
    summary = f"({plural(len(views), 'relation')} in {plural(docs, 'document')}"
    if pairs:
        summary += f"; {pairs} stated in both abstracts shown once, --no-group shows each"
    if cut is not None:
        summary += f"; more match: these are the first {plural(cut, 'row')}, --limit for more"
    console.print(summary + ")", soft_wrap=True, highlight=False, markup=False)
    return len(views)


def plain_table(rows: list[dict], columns: list[tuple[str, str]], max_width: int = 40) -> list[str]:
    """Rows as aligned plain-text lines: a header, then one line per row.

    Args:
        rows: dicts; ``None`` shows as an empty cell.
        columns: ``(header, row key)`` pairs, in order.
        max_width: cells wider than this (in terminal cells; East Asian wide
            characters count two) are cut.
    """
    cells = [[("" if r.get(k) is None else str(r.get(k))) for _, k in columns] for r in rows]
    widths = [min(max_width, max([cell_len(h)] + [cell_len(c[i]) for c in cells])) for i, (h, _) in enumerate(columns)]
    fit = lambda v, w: set_cell_size(v, w) if cell_len(v) > w else v + " " * (w - cell_len(v))  # noqa: E731
    lines = [_GAP.join(fit(h, w) for (h, _), w in zip(columns, widths)).rstrip()]
    lines += [_GAP.join(fit(v, w) for v, w in zip(c, widths)).rstrip() for c in cells]
    return lines


#: Style of the words a search found, on a terminal.
HIT_STYLE = "bold reverse"


def search_lines(rows: list[dict]) -> list[Text]:
    """Search results (:func:`litmine.store.search.search` rows) as rich ``Text`` lines:
    per document a heading (its name, bold cyan), per sentence a line with its number,
    language, section, page and score, the sentence whole with the words found styled
    :data:`HIT_STYLE` (``hits``: character offsets into the sentence), and one line
    per relation of the sentence (``exercise -direction-> target``, flags)."""
    from .report import direction_text, relation_flags
    lines: list[Text] = []
    num_w = len(str(len(rows)))
    indent = " " * (num_w + len(_GAP))
    doc = None
    for i, r in enumerate(rows, 1):
        if r["document_id"] != doc:
            doc = r["document_id"]
            lines.append(Text(r["doc"], style="bold cyan"))
        where = [r["lang"], f"section {r['section']}" if r["section"] else "", f"p. {r['page']}" if r.get("page") else "",
                 f"sentence {r['sentence_index']}", f"score {r['score']:.3g}"]  # bm25 of a common word is near 0
        lines.append(Text(f"{i:>{num_w}}{_GAP}" + _GAP.join(w for w in where if w), style="dim"))
        plain, hits = _squeeze(r["sentence"], r["hits"])
        sentence = Text(indent + plain)
        for start, end in hits:
            sentence.stylize(HIT_STYLE, len(indent) + start, len(indent) + end)
        lines.append(sentence)
        for rel in r["relations"]:
            lines.append(Text(f"{indent}-> {rel['exercise']} -{direction_text(rel)}-> {rel['target']}"
                              f"{relation_flags(rel)}", style="green"))
    return lines


def _squeeze(text: str, spans: list) -> tuple[str, list[tuple[int, int]]]:
    """``text`` with each run of whitespace (line breaks too) as one space, and
    ``[start, end]`` character offsets into ``text`` moved to match."""
    chars: list[str] = []
    index = []
    for ch in text:
        index.append(len(chars))
        if not ch.isspace():
            chars.append(ch)
        elif not chars or chars[-1] != " ":
            chars.append(" ")
    index.append(len(chars))
    return "".join(chars), [(index[s], index[e]) for s, e in spans if 0 <= s < e <= len(text)]


def print_search(rows: list[dict], out: Optional[IO[str]] = None, *, console: Optional[Console] = None,
                 empty: str = "no sentences match", limit: Optional[int] = None) -> int:
    """Print search results as :func:`search_lines` (styled on a terminal, where
    sentences wrap; plain text elsewhere, one line per sentence) and a closing
    count, saying that ``limit`` cut the list when it is given (the caller knows more match);
    returns the number of sentences shown."""
    console = console or Console(file=out or sys.stdout, highlight=False, emoji=False, markup=False)
    if not rows:
        console.print(empty, soft_wrap=True, highlight=False, markup=False)
        return 0
    for line in search_lines(rows):
        console.print(line, soft_wrap=not console.is_terminal)
    docs = len({r["document_id"] for r in rows})
    more = f"; the first {limit}, --limit for more" if limit is not None else ""
    console.print(f"({len(rows)} sentence{'s' * (len(rows) != 1)} in {docs} document{'s' * (docs != 1)}, "
                  f"best first{more})", soft_wrap=True, highlight=False, markup=False)
    return len(rows)


def progress(iterable: Optional[Iterable[T]] = None, *, desc: str, unit: str = "it", total: Optional[int] = None,
             enabled: bool = True, file: Optional[IO[str]] = None, leave: bool = False) -> tqdm:
    """A progress bar (``tqdm``) for a command that may run for more than a few seconds.

    Shown on ``file`` (standard error by default) only when ``enabled`` and ``file`` is a
    terminal: piped or redirected output, CI logs and tests get no bar (tqdm then passes
    ``iterable`` through untouched). Use it as tqdm: iterate it, or call ``update(n)``,
    ``write(line)`` (prints above the bar) and ``close()``.

    Args:
        iterable: what to iterate, or ``None`` for a bar updated by hand.
        desc: the bar's label (the command: ``"ingest"``, ``"export relations"``).
        unit: what one step counts (``"file"``, ``"row"``, ``"document"``).
        total: the number of steps, when known (``len(iterable)`` is used when it has one).
        enabled: ``False`` turns the bar off (``--quiet``).
        leave: keep the finished bar on the screen.
    """
    file = file if file is not None else sys.stderr
    on = enabled and hasattr(file, "isatty") and file.isatty()
    return tqdm(iterable, desc=desc, unit=unit, total=total, disable=not on, file=file, leave=leave,
                dynamic_ncols=True)
