"""A document for people (``litmine show``): the pieces the terminal view and the HTML
report (:mod:`litmine.formats.html`) share, and the terminal view itself.

* :data:`LABEL_COLORS` / :func:`label_color`: one colour per mention label, by family
  (exercise green, protocol parameters blue, disease and model red, molecules warm,
  cells and anatomy violet...); the same colours in the terminal and in HTML.
* :func:`mention_tree`: mentions as nested, non-crossing spans (a mention inside another,
  such as the intensity ``高强度`` inside the exercise ``高强度间歇训练``, becomes its child;
  one that crosses an earlier one is shown from where that one ends), so each mention is
  highlighted exactly once.
* :func:`relation_text`, :func:`context_text`, :func:`header_lines`: relations, their
  context and the document header as one-line strings.
* :func:`print_report`: the terminal view, styled with rich on a terminal, plain text
  (mentions as ``[text|LABEL]``) elsewhere.
"""
from __future__ import annotations

import sys
import zlib
from dataclasses import dataclass, field
from typing import IO, Optional

from rich.console import Console
from rich.text import Text

from ..store.report import DocumentReport, ReportSentence

__all__ = ["LABEL_COLORS", "DIRECTION_SYMBOLS", "label_color", "MentionNode", "mention_tree", "relation_text",
           "direction_text", "asserted_direction", "relation_flags",
           "context_text", "header_lines", "sentence_text", "print_report"]

#: Background colour of each mention label (hex RGB, light enough for black text). The
#: families are a litmine choice; a label not listed gets one of :data:`_FALLBACK` chosen
#: by a hash of its name (stable across runs).
LABEL_COLORS: dict[str, str] = {
    # exercise and its protocol
    "EXERCISE": "#8ee08e",
    "DURATION": "#a8d4ff", "FREQUENCY": "#a8d4ff", "SESSION_LENGTH": "#a8d4ff", "INTENSITY": "#7fbfff",
    "VOLUME": "#a8d4ff", "SPEED": "#a8d4ff", "TIMING": "#c4e0ff",
    # population and context
    "DISEASE": "#ffaaaa", "ANIMAL_MODEL": "#ff8f8f", "SPECIES": "#ffd59e", "ANATOMY": "#e3c8ff",
    "CELL_TYPE": "#d9b3ff", "CELL_STATE": "#ecd6ff",
    # molecules and measures
    "CYTOKINE": "#ffe066", "NEUROTROPHIC_FACTOR": "#ffd23f", "GENE_OR_PROTEIN": "#ffeb99",
    "RECEPTOR": "#fff0b3", "ION_CHANNEL": "#fff0b3", "ENZYME": "#ffe5a8", "NEUROPEPTIDE": "#ffe0b3",
    "NEUROTRANSMITTER": "#ffd1a8", "OXIDATIVE_MARKER": "#f7c59f", "METABOLITE": "#f5deb3",
    "SIGNALING": "#f9d5e5", "DRUG": "#cfcfcf",
    "OUTCOME": "#b8f0e6", "PROCESS": "#c9f2d9", "CLASS": "#e0e0e0",
}
_FALLBACK = ("#f4cccc", "#d9ead3", "#cfe2f3", "#fff2cc", "#d9d2e9", "#fce5cd", "#d0e0e3", "#ead1dc")

#: How a relation's direction is drawn in text.
DIRECTION_SYMBOLS = {"increase": "↑", "decrease": "↓", "no_change": "=", "modulate": "~", "better_than": ">"}


def label_color(label: str) -> str:
    """The colour (``"#rrggbb"``) of a mention label: :data:`LABEL_COLORS`, else a stable
    pick from a small palette."""
    label = label.upper()
    return LABEL_COLORS.get(label) or _FALLBACK[zlib.crc32(label.encode("utf-8")) % len(_FALLBACK)]


@dataclass
class MentionNode:
    """A highlighted span: ``mention`` (a :class:`~litmine.store.report.ReportSentence`
    mention dict) shown over ``start``..``end`` (document offsets; ``start`` is later than
    the mention's own when it crossed an earlier mention), with the mentions inside it as
    ``children`` (non-overlapping, by start)."""

    start: int
    end: int
    mention: dict
    children: list["MentionNode"] = field(default_factory=list)


def mention_tree(mentions: list[dict]) -> list[MentionNode]:
    """Mentions (dicts with ``start``, ``end``; document offsets) as a forest of
    non-crossing spans, one node per mention with a non-empty span.

    Mentions are taken by start, longer first; a mention inside an earlier one (equal
    spans included) becomes its child; one that starts inside an earlier one and ends
    after it is shown from that one's end (its ``start`` moves; the mention dict is kept
    whole). Empty mentions (``end <= start``) are left out.

    Returns:
        the top-level nodes, by start; every level is sorted and non-overlapping.
    """
    roots: list[MentionNode] = []
    stack: list[MentionNode] = []
    for m in sorted(mentions, key=lambda m: (m["start"], -m["end"], m.get("id") or 0)):
        start, end = m["start"], m["end"]
        if end <= start:
            continue
        while True:
            while stack and stack[-1].end <= start:
                stack.pop()
            if not stack or end <= stack[-1].end:
                break
            start = stack[-1].end          # crosses the open span: shown from where it ends
            if start >= end:
                break
        if start >= end:
            continue
        node = MentionNode(start, end, m)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def context_text(r: dict) -> str:
    """A relation's context in one line: model, species, tissue, population and the
    protocol (duration, frequency, session length, intensity) it states, ``""`` when none."""
    parts = [r.get(k) for k in ("model", "species", "tissue")]
    if r.get("population") and r.get("population") != "disease_model":
        parts.append(str(r["population"]).replace("_", " "))
    parts += [r.get(k) for k in ("duration", "frequency", "session_length", "intensity")]
    return ", ".join(" ".join(str(p).split()) for p in parts if p)


def asserted_direction(r: dict) -> str:
    """The direction a relation row asserts: its ``asserted_direction`` where it has one
    (:data:`litmine.store.queries.RELATION_COLUMNS`), else
    :func:`litmine.consensus.effective_direction` of its ``direction`` and ``negated``
    (decrease negated -> ``no_change``)."""
    if r.get("asserted_direction"):
        return r["asserted_direction"]
    from ..consensus import effective_direction
    return effective_direction(r.get("direction"), bool(r.get("negated")))


def direction_text(r: dict) -> str:
    """A relation's direction for people, the one every view prints: what it asserts (as
    ``query --direction`` and the claims base read it) and, when its verb is negated, the
    stored direction: ``"decrease"``; ``"no_change (negated decrease)"`` for "failed to
    attenuate X". ``r``: a relation row (``direction`` stored, ``negated``, optionally
    ``asserted_direction``)."""
    asserted = asserted_direction(r)
    return f"{asserted} (negated {r.get('direction') or 'modulate'})" if r.get("negated") else asserted


def relation_flags(r: dict) -> str:
    """``" [hedged]"`` or ``""``: the flag a relation row (a dict with ``hedged``) is shown with
    after its direction or target (a negation is part of :func:`direction_text`)."""
    return " [hedged]" if r.get("hedged") else ""


def relation_text(r: dict) -> str:
    """``"treadmill =no_change (negated decrease) TNF-α"``, ``"swimming ↑increase BDNF [hedged]"``:
    a relation's exercise, direction (:func:`direction_text`, its symbol the asserted
    direction's) and target, with its hedged flag."""
    d = asserted_direction(r)
    return (f"{r.get('exercise') or '?'} {DIRECTION_SYMBOLS.get(d, '')}{direction_text(r)} "
            f"{r.get('target') or '?'}{relation_flags(r)}")


def stance_text(r: dict) -> str:
    """``"new: claim 3 (treadmill decrease TNF-α)"``, ``"no claim"`` for a relation that is
    no claim's evidence."""
    if not r.get("stance"):
        return "no claim"
    claim = f": claim {r['claim_id']} ({r['claim']})" if r.get("claim_id") else ""
    return f"{r['stance']}{claim}"


def header_lines(report: DocumentReport) -> list[tuple[str, str]]:
    """The document header as ``(field, value)`` pairs: name, path, its bibliographic
    record where it has one (citation label, title, authors, journal and year, DOI, PMID,
    source database), format and language, role, content hash, counts, versions, ingest time, warnings, then one pair per
    protocol-summary field (``"treadmill (4), swimming (1)"``)."""
    d = report.document
    labels = report.mention_labels()
    stances = report.stances()
    out = [("document", d["name"]), ("path", d["path"])]
    bib = [("citation", d.get("label") if d.get("label") != d["name"] else ""), ("title", d.get("title")),
           ("authors", "; ".join(d.get("authors") or [])),
           ("journal", ", ".join(str(x) for x in (d.get("journal"), d.get("year")) if x)),
           ("doi", d.get("doi")), ("pmid", d.get("pmid")),
           ("source", d.get("source_db") if d.get("source_db") not in (None, "", "file") else "")]
    out += [(k, v) for k, v in bib if v]
    out += [("format", f"{d['format']}, language {d['lang']}"
             + (f", encoding {d['encoding']}" if d["encoding"] else "")),
            ("role", d["role"] or "primary"), ("sha256", d["sha256"]),
            ("contents", f"{len(report.sentences)} sentences, {sum(labels.values())} mentions, "
                         f"{len(report.relations)} relations, {report.n_cited_works} cited works"),
            ("mentions", ", ".join(f"{k} {n}" for k, n in labels.most_common()) or "none"),
            ("stances", ", ".join(f"{k or 'no claim'} {n}" for k, n in stances.most_common()) or "no relations"),
            ("versions", f"pipeline {d['pipeline_version']}, lexicon {d['lexicon_version']}"),
            ("ingested", d["ingested_at"])]
    out += [("warning", w) for w in d["warnings"]]
    out += [(f"protocol: {heading}", ", ".join(f"{v} ({n})" for v, n in values))
            for heading, values in report.protocol]
    return out


def _plain(text: str, offset: int, nodes: list[MentionNode], start: int, end: int) -> str:
    out, pos = [], start
    for n in nodes:
        out.append(text[pos - offset:n.start - offset])
        out.append("[" + _plain(text, offset, n.children, n.start, n.end) + "|" + n.mention["label"] + "]")
        pos = n.end
    out.append(text[pos - offset:end - offset])
    return "".join(out)


def sentence_text(s: ReportSentence, styled: bool) -> Text:
    """A sentence with its mentions marked: ``styled``, a rich ``Text`` with each mention on
    its label's colour (:func:`label_color`; nested mentions on top); plain, mentions as
    ``[text|LABEL]`` (nested brackets for nested mentions)."""
    tree = mention_tree(s.mentions)
    if not styled:
        return Text(_plain(s.text, s.start, tree, s.start, s.end))
    t = Text(s.text)

    def paint(nodes):
        for n in nodes:
            t.stylize(f"black on {label_color(n.mention['label'])}", n.start - s.start, n.end - s.start)
            paint(n.children)
    paint(tree)
    return t


def print_report(report: DocumentReport, out: Optional[IO[str]] = None, *,
                 console: Optional[Console] = None) -> None:
    """Print a document as ``litmine show`` does: the header (:func:`header_lines`), a colour
    key of the labels present (terminal only), then each sentence -- ``[idx]`` with its
    section, kind and page -- with its mentions marked (:func:`sentence_text`) and, indented
    under it, one line per relation: ``→ relation | context | stance``.

    Styled (colours, bold) when the console is a terminal, plain text otherwise. A given
    rich ``console`` is used as it is.
    """
    console = console or Console(file=out or sys.stdout, highlight=False, soft_wrap=True, emoji=False,
                                 markup=False)
    styled = console.is_terminal
    for key, value in header_lines(report):
        line = Text(f"{key}: ", style="bold" if styled else "")
        line.append(str(value))
        console.print(line)
    if styled:
        key = Text("colours: ")
        for label in sorted(report.mention_labels()):
            key.append(f" {label} ", style=f"black on {label_color(label)}")
            key.append(" ")
        console.print(key)
    for s in report.sentences:
        where = " · ".join(x for x in (s.section, s.kind, f"p. {s.page}" if s.page else "") if x)
        console.print(Text(f"\n[{s.idx}] {where}", style="dim" if styled else ""))
        console.print(sentence_text(s, styled), soft_wrap=not styled)
        for r in s.relations:
            line = Text("  → ")
            line.append(relation_text(r), style="bold" if styled else "")
            ctx = context_text(r)
            line.append(f"  | {ctx or 'context not stated'}  | {stance_text(r)}")
            console.print(line, soft_wrap=not styled)
