"""The HTML report of one document (``litmine show DOC --html -o doc.html``).

One self-contained file -- inline CSS, no script, no external resource (fonts, images,
styles), so it opens from disk in any browser without a server:

* a header with the document's metadata, the protocol summary of its relations and a
  colour key of the mention labels;
* the cleaned text, one row per sentence (text between sentences, if any, as plain
  rows), mentions highlighted by label with spaCy's displaCy entity renderer
  (``displacy.render(..., style="ent", manual=True, page=False)`` with the colours of
  :data:`litmine.formats.report.LABEL_COLORS`);
* beside each sentence, its relations: exercise, direction and target, context, and the
  stance toward the claims base.

Every mention is one ``<mark class="entity lm-mention" data-mention-id=ID data-label=LABEL>``
element (a mention inside another is a ``mark`` inside its ``mark``; see
:func:`litmine.formats.report.mention_tree`), so the rendered page can be checked against
the database: one highlighted element per stored mention.
"""
from __future__ import annotations

from html import escape
from typing import IO

from spacy import displacy

from ..io.html import GENERATOR_META
from ..store.report import DocumentReport, ReportSentence
from .report import (DIRECTION_SYMBOLS, MentionNode, asserted_direction, context_text, direction_text, header_lines,
                     label_color, mention_tree, relation_flags, stance_text)

__all__ = ["MENTION_TEMPLATE", "render_sentence", "render_html", "write_html"]

#: displaCy entity template (``options["template"]``): displaCy fills ``bg`` and ``label``;
#: ``inner`` (the mention's text, with any nested mentions already marked), ``mention_id``,
#: ``concept`` and ``title`` are passed per span as ``params``.
MENTION_TEMPLATE = (
    '<mark class="entity lm-mention" data-mention-id="{mention_id}" data-label="{label}" '
    'data-concept="{concept}" title="{title}" style="background: {bg}">{inner}'
    '<span class="lm-label">{label}</span></mark>')

_CSS = """
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei",
       "Noto Sans", "DejaVu Sans", sans-serif; margin: 0; color: #222; background: #fafafa; }
header { background: #fff; border-bottom: 1px solid #ddd; padding: 1em 2em; }
h1 { font-size: 1.3em; margin: 0 0 .5em 0; word-break: break-all; }
h2 { font-size: 1.05em; margin: 1em 0 .3em 0; }
table.meta { border-collapse: collapse; font-size: .9em; }
table.meta th { text-align: left; padding: .15em 1em .15em 0; vertical-align: top; color: #555;
                font-weight: 600; white-space: nowrap; }
table.meta td { padding: .15em 0; word-break: break-word; }
.legend span { display: inline-block; padding: .1em .45em; margin: .15em; border-radius: .3em;
               font-size: .8em; font-weight: bold; }
main { padding: .5em 2em 2em 2em; }
.row { display: grid; grid-template-columns: minmax(0, 3fr) minmax(16em, 1.4fr); gap: 1.2em;
       border-bottom: 1px solid #eee; padding: .4em 0; }
.row .where { font-size: .75em; color: #888; }
.row.heading .entities { font-weight: bold; font-size: 1.05em; }
.row.figure, .row.table, .row.front, .row.caption, .row.references { color: #555; font-size: .92em; }
.row.gap { color: #999; font-size: .85em; }
.entities { line-height: 2.2; }
mark.lm-mention { padding: .15em .3em; margin: 0 .1em; line-height: 1; border-radius: .3em; color: #111; }
mark.lm-mention mark.lm-mention { padding: .05em .2em; box-shadow: 0 0 0 1px rgba(0,0,0,.25); }
.lm-label { font-size: .62em; font-weight: bold; vertical-align: middle; margin-left: .35em; color: #333; }
aside ul { list-style: none; margin: 0; padding: 0; }
aside li { background: #fff; border: 1px solid #ddd; border-left: 4px solid #999; border-radius: .3em;
           padding: .3em .5em; margin: .2em 0; font-size: .85em; }
aside li.d-increase { border-left-color: #d9534f; }
aside li.d-decrease { border-left-color: #337ab7; }
aside li.d-no_change { border-left-color: #777; }
aside li.d-modulate { border-left-color: #8e44ad; }
aside .rel { font-weight: 600; }
aside .ctx, aside .stance { color: #555; }
aside .stance-contradicts { color: #b03a2e; font-weight: 600; }
footer { color: #999; font-size: .8em; padding: 1em 2em; }
"""


def _marks(text: str, offset: int, nodes: list[MentionNode], start: int, end: int) -> str:
    """HTML of ``text[start:end]`` (document offsets; ``text`` starts at ``offset``) with
    ``nodes`` marked by :data:`MENTION_TEMPLATE`; newlines become ``<br>``."""
    out, pos = [], start
    for n in nodes:
        out.append(_escape(text[pos - offset:n.start - offset]))
        out.append(MENTION_TEMPLATE.format(bg=label_color(n.mention["label"]), label=escape(n.mention["label"]),
                                           **_params(text, offset, n)))
        pos = n.end
    out.append(_escape(text[pos - offset:end - offset]))
    return "".join(out)


def _escape(text: str) -> str:
    return escape(text, quote=False).replace("\n", "<br>")


def _params(text: str, offset: int, n: MentionNode) -> dict:
    m = n.mention
    title = " · ".join(x for x in (m["label"], m.get("concept_id"), m.get("name")) if x)
    return {"mention_id": m["id"], "concept": escape(m.get("concept_id") or ""), "title": escape(title),
            "inner": _marks(text, offset, n.children, n.start, n.end)}


def render_sentence(s: ReportSentence) -> str:
    """A sentence's text as displaCy entity HTML (``<div class="entities">``), one
    ``mark`` per mention (nested ones inside their parent's)."""
    tree = mention_tree(s.mentions)
    ents = [{"start": n.start - s.start, "end": n.end - s.start, "label": n.mention["label"],
             "params": _params(s.text, s.start, n)} for n in tree]
    colors = {n.mention["label"]: label_color(n.mention["label"]) for n in tree}
    return displacy.render({"text": s.text, "ents": ents, "title": None}, style="ent", manual=True, page=False,
                           options={"colors": colors, "template": MENTION_TEMPLATE})


def _relation_item(r: dict) -> str:
    d = asserted_direction(r)           # the colour and symbol of what it asserts: a negated decrease is no_change
    rel = (f'<span class="rel">{escape(r.get("exercise") or "?")} {DIRECTION_SYMBOLS.get(d, "")}'
           f'{escape(direction_text(r))} {escape(r.get("target") or "?")}{relation_flags(r)}</span>')
    ctx = context_text(r)
    stance = r.get("stance") or "none"
    return (f'<li class="relation d-{escape(d)}" data-relation-id="{r["relation_id"]}">{rel}'
            f'<div class="ctx">{escape(ctx or "context not stated")}</div>'
            f'<div class="stance stance-{escape(stance)}">{escape(stance_text(r))}</div></li>')


def _row(s: ReportSentence) -> str:
    where = " · ".join(x for x in (f"[{s.idx}]", s.section, s.kind, f"p. {s.page}" if s.page else "",
                                   s.lang) if x)
    rels = "".join(_relation_item(r) for r in s.relations)
    aside = f"<aside><ul>{rels}</ul></aside>" if rels else "<aside></aside>"
    return (f'<section class="row {escape(s.kind)}" id="s{s.idx}" data-sentence="{s.idx}" lang="{escape(s.lang)}">'
            f'<div><div class="where">{escape(where)}</div>{render_sentence(s)}</div>{aside}</section>')


def _gap(text: str) -> str:
    return f'<section class="row gap"><div>{_escape(text.strip())}</div><aside></aside></section>'


def render_html(report: DocumentReport) -> str:
    """The whole report as one HTML page (a ``str``; see the module docstring)."""
    d = report.document
    head, protocol = [], []
    for key, value in header_lines(report):
        target = protocol if key.startswith("protocol: ") else head
        target.append(f"<tr><th>{escape(key.removeprefix('protocol: '))}</th><td>{escape(str(value))}</td></tr>")
    legend = "".join(f'<span style="background: {label_color(k)}">{escape(k)}</span>'
                     for k in sorted(report.mention_labels()))
    rows, pos = [], 0
    for s in report.sentences:
        if report.text[pos:s.start].strip():
            rows.append(_gap(report.text[pos:s.start]))
        rows.append(_row(s))
        pos = max(pos, s.end)
    if report.text[pos:].strip():
        rows.append(_gap(report.text[pos:]))
    lang = {"zh": "zh", "en": "en"}.get(d["lang"], "und")
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">{GENERATOR_META}'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(d['name'])} · litmine</title><style>{_CSS}</style></head><body>"
            f"<header><h1>{escape(d['name'])}</h1><table class=\"meta\">{''.join(head)}</table>"
            f"<h2>Protocol summary (from the document's relations)</h2>"
            f"<table class=\"meta\">{''.join(protocol) or '<tr><td>no protocol stated</td></tr>'}</table>"
            f"<h2>Mention labels</h2><div class=\"legend\">{legend or 'no mentions'}</div></header>"
            f"<main>{''.join(rows)}</main>"
            f"<footer>litmine {escape(d['pipeline_version'])}; offsets count characters of the cleaned text"
            f"</footer></body></html>\n")


def write_html(report: DocumentReport, out: IO[str]) -> int:
    """Write :func:`render_html` of ``report`` to a text stream; returns the number of
    mentions highlighted (one ``mark`` each)."""
    out.write(render_html(report))
    return sum(1 for s in report.sentences for _ in _walk(mention_tree(s.mentions)))


def _walk(nodes: list[MentionNode]):
    for n in nodes:
        yield n
        yield from _walk(n.children)
