"""BioC JSON and PubTator exports of stored documents, mentions and relations.

* **BioC** (Comeau et al. 2013; BioC JSON as served by PubTator3): one BioC
  document per litmine document, one passage per sentence (``offset`` = the
  sentence start in the cleaned text, ``infons.type`` = its block kind,
  ``infons.page`` = its source page for a PDF), annotations with
  ``infons.type`` (entity label), ``infons.identifier`` (concept id) and
  ``infons.page``, and exercise -> effect relations whose nodes point at the
  exercise and target annotations of the evidence sentence.
* **PubTator** (tab-separated): ``ID|t|title`` (the document's title, its opening
  ``front`` sentence or its record's title, else its name), ``ID|a|text`` (the cleaned
  text after that title, or all of it, with newlines as spaces), one line per mention
  ``ID<TAB>start<TAB>end<TAB>text<TAB>type<TAB>identifier`` with offsets into
  ``title + " " + text``, and one line per relation
  ``ID<TAB>direction<TAB>exercise id<TAB>target id``.
"""
from __future__ import annotations

import datetime as _dt
import json
from typing import IO, Callable, Iterable, Optional

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from ..store.schema import DocumentRow, MentionRow, RelationRow, SentenceRow


def _load(engine: Engine, document_id: Optional[int], progress: Optional[Callable[..., Iterable]] = None):
    """Each stored document (or the one with ``document_id``) with its sentences, mentions
    and relations; ``progress`` wraps the documents (``desc``, ``unit``, ``total`` keywords)."""
    if progress is not None:
        with engine.connect() as conn:
            total = 1 if document_id is not None else conn.execute(select(func.count()).select_from(DocumentRow)).scalar()
        yield from progress(_load(engine, document_id), desc="export documents", unit="document", total=total)
        return
    with engine.connect() as conn:
        q = select(DocumentRow).order_by(DocumentRow.id)
        if document_id is not None:
            q = q.where(DocumentRow.id == document_id)
        docs = conn.execute(q).mappings().all()
        for d in docs:
            sents = conn.execute(select(SentenceRow).where(SentenceRow.document_id == d["id"])
                                 .order_by(SentenceRow.idx)).mappings().all()
            ments = conn.execute(select(MentionRow).where(MentionRow.document_id == d["id"])
                                 .order_by(MentionRow.start)).mappings().all()
            rels = conn.execute(select(RelationRow).where(RelationRow.document_id == d["id"])
                                .order_by(RelationRow.id)).mappings().all()
            yield d, sents, ments, rels


def _node(mentions: list, sentence_id: int, text: Optional[str], labels: set[str]):
    for m in mentions:
        if m["sentence_id"] == sentence_id and m["label"] in labels and (text is None or m["text"] == text):
            return m
    return None


def _page(row) -> dict:
    """``{"page": "3"}`` for a row (sentence or mention) from a paged source, else ``{}``
    (BioC infons are strings)."""
    return {"page": str(row["page"])} if row.get("page") is not None else {}


def bioc_collection(engine: Engine, document_id: Optional[int] = None,
                    progress: Optional[Callable[..., Iterable]] = None) -> dict:
    """A BioC collection (JSON-ready dict) of the stored documents (or of one, by id);
    ``progress`` wraps the documents as they are read (e.g. a progress bar)."""
    documents = []
    for d, sents, ments, rels in _load(engine, document_id, progress):
        by_sent: dict[int, list] = {}
        for m in ments:
            by_sent.setdefault(m["sentence_id"], []).append(m)
        passages = []
        for s in sents:
            anns = [{"id": f"M{m['id']}", "infons": {"type": m["label"], "identifier": m["concept_id"],
                                                      "source": m["source"], **_page(m)},
                     "text": m["text"], "locations": [{"offset": m["start"], "length": m["end"] - m["start"]}]}
                    for m in by_sent.get(s["id"], [])]
            relations = []
            for r in rels:
                if r["sentence_id"] != s["id"]:
                    continue
                ex = _node(ments, s["id"], r["exercise_text"], {"EXERCISE"})
                tg = _node(ments, s["id"], r["target_text"], {r["target_type"].upper()}) or \
                    _node(ments, s["id"], r["target_text"], {m["label"] for m in ments})
                nodes = [{"refid": f"M{m['id']}", "role": role} for m, role in ((ex, "exercise"), (tg, "target")) if m]
                relations.append({"id": f"R{r['id']}", "infons": {
                    "type": "exercise_effect", "direction": r["direction"], "exercise": r["exercise"],
                    "target": r["target"], "target_id": r["target_id"], "negated": str(r["negated"]).lower(),
                    "hedged": str(r["hedged"]).lower(), "model": r["model"] or "", "species": r["species"] or "",
                    "tissue": r["tissue"] or "", "duration": r["duration"] or "",
                    "confidence": str(r["confidence"])}, "nodes": nodes})
            passages.append({"offset": s["start"], "infons": {"type": s["kind"], "section": s["section"],
                                                              "lang": s["lang"], **_page(s)},
                             "text": s["text"], "sentences": [], "annotations": anns, "relations": relations})
        documents.append({"id": d["name"], "infons": {"sha256": d["sha256"], "lang": d["lang"],
                                                      "pipeline": d["pipeline_version"],
                                                      "lexicon": d["lexicon_version"]},
                          "passages": passages, "relations": []})
    return {"source": "litmine", "date": _dt.date.today().strftime("%Y%m%d"), "key": "litmine.key",
            "infons": {}, "documents": documents}


def write_bioc(engine: Engine, out: IO[str], document_id: Optional[int] = None,
               progress: Optional[Callable[..., Iterable]] = None) -> int:
    """Write BioC JSON of the stored documents (or of one, by id); returns the number of documents."""
    coll = bioc_collection(engine, document_id, progress)
    json.dump(coll, out, ensure_ascii=False, indent=1)
    out.write("\n")
    return len(coll["documents"])


def title_span(d, sents) -> tuple[str, int, int]:
    """A stored document's title and where it stands in the document's text: ``(title, start, end)``.

    The title is the document's opening sentence when the cleaner marked it a ``front`` block
    (a title line: a ``.txt`` whose first line is its title, a record's text "title, blank line,
    abstract"), else the record's title; ``start``/``end`` its character span in ``d["text"]``
    when the text opens with it, ``(title, 0, 0)`` when it does not (a record whose text is
    its PDF's), ``("", 0, 0)`` when the document has no title.

    Args:
        d: the document row (a mapping with ``text`` and ``title``).
        sents: its sentence rows in order (mappings with ``start``, ``end``, ``kind``).
    """
    text, title = d["text"], (d.get("title") or "").strip()
    if sents and sents[0]["kind"] == "front" and not text[:sents[0]["start"]].strip():
        return text[sents[0]["start"]:sents[0]["end"]], sents[0]["start"], sents[0]["end"]
    at = len(text) - len(text.lstrip())
    if title and text.startswith(title, at):
        return title, at, at + len(title)
    return title, 0, 0


def write_pubtator(engine: Engine, out: IO[str], document_id: Optional[int] = None,
                   progress: Optional[Callable[..., Iterable]] = None) -> int:
    """Write PubTator of the stored documents (or of one, by id); returns the number of documents.

    The ``|t|`` line is the document's title (:func:`title_span`), else its name; when the text
    opens with that title, the ``|a|`` line is the text after it, else the whole text. Mention
    offsets are into ``title + " " + abstract`` (PubTator's convention), newlines as spaces."""
    n = 0
    for d, sents, ments, rels in _load(engine, document_id, progress):
        pid = d["name"].replace("|", "_").replace("\t", "_")
        text = d["text"]
        title, start, end = title_span(d, sents)
        if end:          # the text opens with its title: |t| that span, |a| the rest
            rest = len(text) - len(text[end:].lstrip())         # where the text after the title starts
            body = text[rest:]

            def place(off: int, _s=start, _e=end, _r=rest) -> int:
                return off - _s if off < _e else off - _r + (_e - _s) + 1
        else:
            title, body = title or pid, text

            def place(off: int, _n=len(title or pid) + 1) -> int:
                return off + _n
        flat = lambda t: t.replace("\n", " ").replace("\r", " ").replace("\t", " ")   # noqa: E731
        out.write(f"{pid}|t|{flat(title)}\n{pid}|a|{flat(body)}\n")
        for m in ments:
            out.write(f"{pid}\t{place(m['start'])}\t{place(m['start']) + m['end'] - m['start']}\t{m['text']}\t"
                      f"{m['label']}\t{m['concept_id']}\n")
        for r in rels:
            ex = _node(ments, r["sentence_id"], r["exercise_text"], {"EXERCISE"})
            out.write(f"{pid}\t{r['direction']}\t{ex['concept_id'] if ex else r['exercise']}\t{r['target_id']}\n")
        out.write("\n")
        n += 1
    return n
