"""One stored document as a reader sees it: metadata, protocol summary, and its sentences
with their mentions and relations (each relation with its stance toward the claims base).

:func:`document_report` loads it into a :class:`DocumentReport`, the one object that
``litmine show`` prints (:mod:`litmine.formats.report`) and renders as HTML
(:mod:`litmine.formats.html`). Offsets (``start``/``end``) count characters of the
document's cleaned text, as everywhere in the database.
"""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from typing import Iterable, Optional

from sqlalchemy import func, select
from sqlalchemy.engine import Engine

from .claims import document_stances
from .queries import relations
from .schema import CitedWorkRow, ConceptRow, DocumentRow, MentionRow, SentenceRow

__all__ = ["PROTOCOL_FIELDS", "ReportSentence", "DocumentReport", "document_report", "protocol_summary",
           "concept_info"]

#: Relation columns summarised in a document's protocol summary, with their headings:
#: ``(heading, relation column)``, in the order shown.
PROTOCOL_FIELDS = [("exercise", "exercise"), ("duration", "duration"), ("frequency", "frequency"),
                   ("session length", "session_length"), ("intensity", "intensity"), ("volume", "volume"),
                   ("timing", "timing"), ("model", "model"), ("species", "species")]


@dataclass
class ReportSentence:
    """One sentence of a document with what litmine read in it.

    Attributes:
        idx: position in the document (0-based).
        start, end: character offsets into the document text (``text == doc.text[start:end]``).
        text: the sentence.
        lang: ``zh``, ``en`` or ``mixed``.
        kind: block kind (``body``, ``heading``, ``caption``, ``table``, ``figure``, ``front``, ``references``).
        section: nearest heading (``"abstract"``, ``"2.1"``; ``""`` when unknown).
        page: 1-based source page (paged sources), else ``None``.
        refs: citation numbers in the sentence (strings).
        mentions: dicts ``id, start, end, text, label, concept_id, name`` (offsets into the
            document text), by start.
        relations: dicts with the columns of :func:`litmine.store.queries.relations` plus
            ``stance`` (one of :data:`litmine.consensus.STANCES`, ``None`` for a relation that
            is no claim's evidence), ``claim_id``, ``claim`` (``"treadmill decrease TNF-α"``),
            ``population`` and ``protocol`` (the claims base's context facets).
    """

    idx: int
    start: int
    end: int
    text: str
    lang: str
    kind: str
    section: str
    page: Optional[int] = None
    refs: list[str] = field(default_factory=list)
    mentions: list[dict] = field(default_factory=list)
    relations: list[dict] = field(default_factory=list)


@dataclass
class DocumentReport:
    """A stored document with its sentences, mentions and relations.

    Attributes:
        document: metadata: ``id, name, path, sha256, format, lang, encoding, role,
            n_sentences, pipeline_version, lexicon_version, ingested_at`` and ``warnings``
            (a list of strings).
        text: the cleaned document text (what every offset counts into).
        sentences: :class:`ReportSentence` in document order.
        protocol: :func:`protocol_summary` of the relations.
        n_cited_works: entries of the document's parsed reference list.
    """

    document: dict
    text: str
    sentences: list[ReportSentence]
    protocol: list[tuple[str, list[tuple[str, int]]]]
    n_cited_works: int = 0

    @property
    def mentions(self) -> list[dict]:
        """Every mention of the document, in sentence order."""
        return [m for s in self.sentences for m in s.mentions]

    @property
    def relations(self) -> list[dict]:
        """Every relation of the document, in sentence order."""
        return [r for s in self.sentences for r in s.relations]

    def mention_labels(self) -> Counter:
        """Mentions by label (``Counter``: label -> count)."""
        return Counter(m["label"] for m in self.mentions)

    def stances(self) -> Counter:
        """Relations by stance toward the claims base (``None`` for no claim)."""
        return Counter(r["stance"] for r in self.relations)


def protocol_summary(rows: Iterable[dict]) -> list[tuple[str, list[tuple[str, int]]]]:
    """What a document's relations say about the protocol: for each field of
    :data:`PROTOCOL_FIELDS`, the distinct values (whitespace collapsed) with the number of
    relations stating each, most frequent first (ties in order of appearance); fields no
    relation states are left out.

    Returns:
        ``[(heading, [(value, count), ...]), ...]``, e.g.
        ``[("exercise", [("treadmill", 4)]), ("duration", [("4 weeks", 3)])]``.
    """
    counts: dict[str, Counter] = {col: Counter() for _, col in PROTOCOL_FIELDS}
    for r in rows:
        for _, col in PROTOCOL_FIELDS:
            value = r.get(col)
            if value:
                counts[col][" ".join(str(value).split())] += 1
    return [(heading, counts[col].most_common()) for heading, col in PROTOCOL_FIELDS if counts[col]]


def document_report(engine: Engine, document_id: int) -> DocumentReport:
    """Load one stored document (by id, see :func:`litmine.store.queries.resolve_document`)
    as a :class:`DocumentReport`: every sentence, every mention in its sentence, every
    relation beside its sentence with the stance recorded when the document was stored
    (:func:`litmine.store.claims.document_stances`).

    Raises:
        ValueError: no document has this id.
    """
    with engine.connect() as conn:
        doc = conn.execute(select(DocumentRow).where(DocumentRow.id == document_id)).mappings().first()
        if doc is None:
            raise ValueError(f"document id {document_id}: no such document")
        sents = conn.execute(select(SentenceRow).where(SentenceRow.document_id == document_id)
                             .order_by(SentenceRow.idx)).mappings().all()
        ments = conn.execute(select(MentionRow).where(MentionRow.document_id == document_id)
                             .order_by(MentionRow.start, MentionRow.end.desc(), MentionRow.id)).mappings().all()
        n_cited = conn.execute(select(func.count()).select_from(CitedWorkRow)
                               .where(CitedWorkRow.document_id == document_id)).scalar() or 0
    rels = relations(engine, document_id=document_id)
    stances = {s["relation_id"]: s for s in document_stances(engine, document_id, rels)} if rels else {}
    sentences = [ReportSentence(idx=s["idx"], start=s["start"], end=s["end"], text=s["text"], lang=s["lang"],
                                kind=s["kind"], section=s["section"] or "", page=s["page"],
                                refs=[str(x) for x in json.loads(s["refs"] or "[]")]) for s in sents]
    by_id = {s["id"]: i for i, s in enumerate(sents)}
    for m in ments:
        i = by_id.get(m["sentence_id"])
        if i is not None:
            sentences[i].mentions.append(dict(id=m["id"], start=m["start"], end=m["end"], text=m["text"],
                                              label=m["label"], concept_id=m["concept_id"], name=m["name"]))
    by_idx = {s.start: s for s in sentences}
    for r in rels:
        st = stances.get(r["relation_id"], {})
        row = dict(r, stance=st.get("stance"), claim_id=st.get("claim_id"), claim=st.get("claim"),
                   population=st.get("population"), protocol=st.get("protocol"))
        target = by_idx.get(r["sentence_start"])
        if target is not None:
            target.relations.append(row)
    meta = {k: doc[k] for k in ("id", "name", "path", "sha256", "format", "lang", "encoding", "role",
                                "n_sentences", "pipeline_version", "lexicon_version", "ingested_at",
                                "label", "title", "year", "journal", "doi", "pmid", "language", "source_db")}
    meta["authors"] = json.loads(doc["authors"] or "[]")
    meta["warnings"] = [w for w in (doc["warnings"] or "").split("\n") if w.strip()]
    return DocumentReport(document=meta, text=doc["text"], sentences=sentences, protocol=protocol_summary(rels),
                          n_cited_works=n_cited)


def concept_info(engine: Engine, ids: Iterable[str]) -> dict[str, tuple[str, str]]:
    """Concept id -> ``(type, Chinese name)`` for the stored concepts among ``ids``
    (``type`` as the lexicon gives it: ``CYTOKINE``, ``NEUROTROPHIC_FACTOR``...; the Chinese
    name ``""`` where the lexicon has none). Ids not stored are left out."""
    ids = sorted({i for i in ids if i})
    out: dict[str, tuple[str, str]] = {}
    with engine.connect() as conn:
        for i in range(0, len(ids), 400):
            q = select(ConceptRow.id, ConceptRow.type, ConceptRow.name_zh).where(ConceptRow.id.in_(ids[i:i + 400]))
            out.update({cid: (ctype or "", zh or "") for cid, ctype, zh in conn.execute(q)})
    return out
