"""The claims base in the database: ``claims`` and ``claim_evidence``, kept up to date one
document at a time (rules: :mod:`litmine.consensus`; this module only loads and stores).

Write side -- called inside the transaction that stores (or replaces) a document, so a
document and its evidence are stored together or not at all:

* :func:`add_document_claims` turns the document's relations into evidence, judges each
  against the claims as they stood, and updates only the claims the document touches (the
  work depends on the document, not on the size of the database);
* :func:`remove_document_claims` takes a document's evidence off its claims again (before a
  ``--force`` re-ingest replaces it), deleting claims left without evidence;
* :func:`rebuild_claims` adds every stored document in id order (the v2 -> v3 migration).

A SQLite writer keeps the claims it has read in memory between its documents (:func:`_cache`),
so a claim's state is read from the database once, not once per document that touches it.
A claim is stored as its ``claims`` row (counts, scores, the small JSON ``state``) and its
contexts as ``claim_contexts`` rows (schema v11): a document rewrites the claims rows it touches
and only the context rows whose counts it changes (:func:`_save_contexts`), not a JSON of every
context the claim has seen (hundreds on a claim such as exercise / TNF-α).

Read side: :func:`claim_rows` (the ``litmine claims`` list and the ``claims`` export),
:func:`claim_detail` (``litmine claims show``), :func:`evidence_rows` (the
``claim_evidence`` export), :func:`document_stances` (one document's relations with their
stance and claim: ``litmine compare``), :func:`stance_counts` (the summary after ingest),
:func:`set_role` and :data:`ROLES`.
"""
from __future__ import annotations

import datetime as _dt
import json
from collections import Counter, OrderedDict
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional

from sqlalchemy import bindparam, delete, func, or_, select, update
from sqlalchemy.engine import Connection, Engine

from ..consensus import (ClaimState, Context, Evidence, Judged, Key, add_document, build, effective_direction, evidence,
                         exercise_path, judge, parse_exercise, remove_document)
from ..errors import UsageError
from ..types import ROLES
from .bulk import delete_many, insert_many, update_many
from .schema import ClaimContextRow, ClaimEvidenceRow, ClaimRow, CitedWorkRow, DocumentRow, RelationRow, SentenceRow

if TYPE_CHECKING:
    from .rows import DocumentRows

#: Column order of the claims list and export.
CLAIM_COLUMNS = ["claim_id", "exercise_class", "exercise_path", "direction", "target", "target_id", "kind",
                 "documents", "n_evidence", "supports", "contradicts", "refines", "context_differs", "new",
                 "several_stances",
                 "documents_for", "documents_against", "documents_mixed", "languages", "species", "consensus", "confidence",
                 "conflict", "reviews", "origin"]
#: Column order of the claim_evidence export and of ``claims show``.
#: Columns of :func:`evidence_rows`: ``direction`` is the one the evidence asserts (a negated decrease is
#: no_change), ``stated_direction`` its relation's stored verb (``relations.direction``), ``negated`` the negation.
EVIDENCE_COLUMNS = ["claim_id", "relation_id", "doc", "role", "lang", "sentence", "sentence_start", "sentence_end", "page",
                    "exercise_class", "direction", "stated_direction", "negated", "hedged", "weight", "population", "species", "tissue",
                    "model", "protocol", "stance", "claim_direction", "is_primary", "refs", "cited_works", "document_id"]
_CHUNK = 400   # keys per IN (...) query
#: Claims by key: one exercise class and kind, several target ids (built once: building a
#: statement costs more than running it). Not a row-value ``(class, target, kind) IN (VALUES
#: ...)``: SQLite answers that by scanning the whole claims table, states and all, once per
#: document; this form is a look-up in the unique (exercise_class, target_id, kind) index.
_OF_CLASS = (ClaimRow.exercise_class == bindparam("cls"), ClaimRow.kind == bindparam("kind"),
             ClaimRow.target_id.in_(bindparam("targets", expanding=True)))
_CLAIMS_BY_KEY = select(ClaimRow.__table__).where(*_OF_CLASS)
_CLAIM_IDS_BY_KEY = select(ClaimRow.id, ClaimRow.exercise_class, ClaimRow.target_id, ClaimRow.kind).where(*_OF_CLASS)
#: The contexts of some claims (a range of the primary key per claim), in key order.
_CONTEXTS_OF = (select(ClaimContextRow.claim_id, ClaimContextRow.direction, ClaimContextRow.context,
                       ClaimContextRow.documents)
                .where(ClaimContextRow.claim_id.in_(bindparam("ids", expanding=True)))
                .order_by(ClaimContextRow.claim_id, ClaimContextRow.direction, ClaimContextRow.context))
#: The composite key of a ``claim_contexts`` row (:func:`litmine.store.bulk.update_many`'s ``where``).
_CONTEXT_KEY = ("claim_id", "direction", "context")


def _by_keys(conn: Connection, statement, keys: Iterable[Key]) -> Iterator:
    """The rows ``statement`` (:data:`_CLAIMS_BY_KEY` or :data:`_CLAIM_IDS_BY_KEY`) gives for
    the claims with these keys: one query per (exercise class, kind), target ids in chunks of
    :data:`_CHUNK`; rows in no particular order."""
    targets: dict[tuple[str, str], list[str]] = {}
    for cls, target_id, kind in keys:
        targets.setdefault((cls, kind), []).append(target_id)
    for (cls, kind), ids in targets.items():
        for i in range(0, len(ids), _CHUNK):
            yield from conn.execute(statement, {"cls": cls, "kind": kind, "targets": ids[i:i + _CHUNK]})


def _now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).isoformat(timespec="seconds")


# --------------------------------------------------------------------------- write side

def _evidence(row: dict, document_id: int, doc_lang: str, s_text: str, s_lang: str, s_refs: str,
              s_kind: str) -> Optional[Evidence]:
    """A stored relation row (its columns, ``id`` among them) and its sentence's text, language,
    refs (JSON) and kind as evidence (:func:`litmine.consensus.evidence`), or ``None``."""
    row.update(relation_id=row["id"], sentence=s_text, lang=s_lang, refs=json.loads(s_refs or "[]"), kind=s_kind)
    return evidence(row, document_id=document_id, doc_lang=doc_lang)


def _document_evidence(conn: Connection, document_id: int) -> tuple[list[Evidence], dict[int, int]]:
    """The stored document's relations as evidence (sentence order, then relation id), and
    relation id -> sentence id."""
    doc_lang = conn.execute(select(DocumentRow.lang).where(DocumentRow.id == document_id)).scalar() or ""
    q = (select(*RelationRow.__table__.columns, SentenceRow.text.label("s_text"), SentenceRow.lang.label("s_lang"),
                SentenceRow.refs.label("s_refs"), SentenceRow.kind.label("s_kind"))
         .join(SentenceRow, RelationRow.sentence_id == SentenceRow.id)
         .where(RelationRow.document_id == document_id).order_by(SentenceRow.idx, RelationRow.id))
    out, sentence_of = [], {}
    for r in conn.execute(q):
        e = _evidence(dict(r._mapping), document_id, doc_lang, r.s_text, r.s_lang, r.s_refs, r.s_kind)
        if e is not None:
            out.append(e)
            sentence_of[r.id] = r.sentence_id
    return out, sentence_of


def stored_evidence(rows: "DocumentRows", relations: list[dict],
                    document_id: int) -> tuple[list[Evidence], dict[int, int]]:
    """What :func:`_document_evidence` would read back for a document just written, from the
    rows in memory: ``rows`` (:class:`~litmine.store.rows.DocumentRows`) and ``relations``,
    the ``relations`` rows as inserted (column dicts with their ``id`` and ``sentence_id``, in
    the order of ``rows.relations``). Returns the evidence in sentence order, then relation id,
    and relation id -> sentence id."""
    sentences = {s.idx: s for s in rows.sentences}
    order = sorted(range(len(relations)), key=lambda i: (rows.relations[i].sentence, relations[i]["id"]))
    out, sentence_of = [], {}
    for i in order:
        row, s = dict(relations[i]), sentences[rows.relations[i].sentence]
        e = _evidence(row, document_id, rows.document.lang or "", s.text, s.lang, s.refs, s.kind)
        if e is not None:
            out.append(e)
            sentence_of[row["id"]] = row["sentence_id"]
    return out, sentence_of


def _load(conn: Connection, keys: Iterable[Key],
          cache: Optional["OrderedDict"] = None) -> tuple[dict[Key, ClaimState], dict[Key, int]]:
    """Stored claims with these keys: key -> state, key -> claim id; with ``cache``
    (:func:`_cache`), the keys it holds are taken from it (``None``: known not to be stored)
    and only the others read, then remembered."""
    states, ids, todo = {}, {}, []
    for key in sorted(set(keys)):
        if cache is not None and key in cache:
            cache.move_to_end(key)
            if cache[key] is not None:
                states[key], ids[key] = cache[key]
        else:
            todo.append(key)
    found = list(_by_keys(conn, _CLAIMS_BY_KEY, todo))
    contexts = _contexts(conn, [c.id for c in found])
    for c in found:
        key = (c.exercise_class, c.target_id, c.kind)
        states[key] = ClaimState.from_json(c.state, exercise_class=c.exercise_class, target_id=c.target_id,
                                           kind=c.kind, target=c.target, direction=c.direction,
                                           documents=c.documents, evidence=c.evidence,
                                           contexts=contexts.get(c.id, {}))
        ids[key] = c.id
    if cache is not None:
        for key in todo:
            cache[key] = (states[key], ids[key]) if key in states else None
    return states, ids


def _contexts(conn: Connection, claim_ids: list[int]) -> dict[int, dict[str, dict[str, int]]]:
    """claim id -> its ``claim_contexts`` rows as :attr:`ClaimState.contexts` (direction ->
    {context key: documents}); a claim without rows is absent."""
    out: dict[int, dict[str, dict[str, int]]] = {}
    for i in range(0, len(claim_ids), _CHUNK):
        for cid, direction, context, n in conn.execute(_CONTEXTS_OF, {"ids": claim_ids[i:i + _CHUNK]}):
            out.setdefault(cid, {}).setdefault(direction, {})[context] = n
    return out


def _context_counts(states: dict[Key, ClaimState], pairs: Iterable[tuple[Key, str, str]]) -> dict[tuple, int]:
    """(claim key, direction, context key) -> documents the claim has in that context as
    ``states`` stand (0: none, or no such claim): taken before a document changes the claims,
    so that :func:`_save_contexts` writes only what changed."""
    out = {}
    for key, direction, context in pairs:
        state = states.get(key)
        out[(key, direction, context)] = state.contexts.get(direction, {}).get(context, 0) if state else 0
    return out


def _save_contexts(conn: Connection, states: dict[Key, ClaimState], ids: dict[Key, int],
                   before: dict[tuple, int], keys: set) -> None:
    """Write the ``claim_contexts`` rows of the claims ``keys`` whose counts differ from
    ``before`` (:func:`_context_counts`): a context new to a claim is inserted, one left
    without documents deleted, the others updated (one executemany each)."""
    new, changed, gone = [], [], []
    for (key, direction, context), was in before.items():
        if key not in keys:
            continue
        now = states[key].contexts.get(direction, {}).get(context, 0)
        if now == was:
            continue
        if was == 0:
            new.append(dict(claim_id=ids[key], direction=direction, context=context, documents=now))
        elif now == 0:
            gone.append(dict(_claim_id=ids[key], _direction=direction, _context=context))
        else:
            changed.append(dict(documents=now, _claim_id=ids[key], _direction=direction, _context=context))
    table = ClaimContextRow.__table__
    delete_many(conn, table, gone, where=_CONTEXT_KEY)
    update_many(conn, table, changed, where=_CONTEXT_KEY)
    insert_many(conn, table, new)


#: Claims a writer keeps in memory between its documents (:func:`_cache`), most recently used.
CACHE_CLAIMS = 20_000
_CACHE = "litmine_claims"      # key of the cache in the DBAPI connection's info dict


def _cache(conn: Connection) -> Optional["OrderedDict"]:
    """The claims cache of ``conn``'s SQLite connection, for a write transaction that holds the
    write lock (key -> ``(state, claim id)``, or ``None`` for a claim known not to be stored);
    ``None`` on other databases. Claims are read from the database once per writer, not once
    per document: the states are kept between transactions in ``conn.info`` (one DBAPI
    connection's dict) and trusted only if (a) the last transaction that used them was committed
    (:func:`claims_committed`; a rolled-back one leaves them changed in memory only), or it is
    the transaction using them now (several documents in one transaction:
    :class:`litmine.store.db.WriteBatch`), and (b) no
    other connection committed meanwhile (``PRAGMA data_version`` unchanged; SQLite changes it
    on every commit by another connection, in this process or another). Otherwise it starts
    empty. Claims changed on this connection another way (:func:`remove_document_claims`,
    :func:`rebuild_claims`) drop it."""
    if conn.dialect.name != "sqlite":
        return None
    version = conn.exec_driver_sql("PRAGMA data_version").scalar()
    held = conn.info.get(_CACHE)
    tx = conn.get_transaction()
    if held is None or held["version"] != version or held["open"] not in (None, tx):
        held = conn.info[_CACHE] = {"version": version, "open": None, "states": OrderedDict()}
    held["open"] = tx
    return held["states"]


def claims_committed(info: dict) -> None:
    """Mark the claims cache of a connection (its ``conn.info``, taken inside the transaction)
    as committed: call after the transaction in which :func:`add_document_claims` used it
    committed (see :func:`_cache`)."""
    held = info.get(_CACHE)
    if held is not None:
        held["open"] = None


def drop_claims_cache(conn: Connection) -> None:
    """Forget the claims cache of ``conn``'s DBAPI connection (:func:`_cache`): after a
    rollback that undid claims changed in memory."""
    conn.info.pop(_CACHE, None)


_drop_cache = drop_claims_cache


def _columns(state: ClaimState, now: str) -> dict:
    s = state.summary()
    return dict(target=state.target, direction=state.direction, documents=state.documents,
                evidence=state.evidence, documents_for=s["documents_for"], documents_against=s["documents_against"],
                documents_mixed=s["documents_mixed"],
                consensus=s["consensus"], confidence=s["confidence"], conflict=s["conflict"],
                languages=",".join(sorted(state.languages)), species=",".join(sorted(state.species)),
                state=state.to_json(contexts=False), updated_at=now)


def _save(conn: Connection, states: dict[Key, ClaimState], ids: dict[Key, int], keys: Iterable[Key],
          origin: Optional[int], before: dict[tuple, int]) -> None:
    """Write the claims ``keys`` back: update stored ones (one executemany), insert new ones
    (ids into ``ids``), then their contexts that changed since ``before``
    (:func:`_save_contexts`)."""
    now = _now()
    table = ClaimRow.__table__
    updates, new = [], []
    for key in keys:
        cols = _columns(states[key], now)
        if key in ids:
            updates.append(dict(cols, _id=ids[key]))
        else:
            new.append(dict(exercise_class=key[0], target_id=key[1], kind=key[2], exercise_path=exercise_path(key[0]),
                            origin_document_id=origin, **cols))
    if new:  # one executemany, then their ids by key (the key is unique)
        insert_many(conn, table, new)
        made = [(c["exercise_class"], c["target_id"], c["kind"]) for c in new]
        for c in _by_keys(conn, _CLAIM_IDS_BY_KEY, made):
            ids[(c.exercise_class, c.target_id, c.kind)] = c.id
    update_many(conn, table, updates)
    _save_contexts(conn, states, ids, before, set(keys))


def add_document_claims(conn: Connection, document_id: int,
                        found: Optional[tuple[list[Evidence], dict[int, int]]] = None, *,
                        cached: bool = False) -> Counter:
    """Add document ``document_id``'s relations (already inserted on ``conn``) to the claims.

    Judges every relation against the claims on its exercise lineage as they stood
    before, stores one ``claim_evidence`` row per (relation, lineage claim) and updates or
    creates those claims. Runs on the caller's transaction. ``found``: the document's
    evidence and relation id -> sentence id as :func:`stored_evidence` gives them (the writer
    has them in memory); ``None``: read from the stored relations. ``cached``: keep the claims
    in memory for the next document (:func:`_cache`; the caller then calls
    :func:`claims_committed` once the transaction is committed).

    Returns:
        the relations' own (primary) stances: ``Counter({"supports": 2, "new": 5, ...})``.
    """
    evs, sentence_of = found if found is not None else _document_evidence(conn, document_id)
    if not evs:
        return Counter()
    keys = {k for e in evs for k in e.keys()}
    cache = _cache(conn) if cached else None
    states, ids = _load(conn, keys, cache)
    before = _context_counts(states, {(k, e.direction, e.context.key()) for e in evs for k in e.keys()})
    judged = add_document(states, evs)
    touched = {j.key for j in judged}
    _save(conn, states, ids, sorted(touched), document_id, before)
    if cache is not None:
        for key in touched:
            cache[key] = (states[key], ids[key])
            cache.move_to_end(key)
        while len(cache) > CACHE_CLAIMS:
            cache.popitem(last=False)
    insert_many(conn, ClaimEvidenceRow.__table__, [_evidence_values(j, ids[j.key], sentence_of) for j in judged])
    return Counter(j.stance for j in judged if j.primary)


def _evidence_values(j: Judged, claim_id: int, sentence_of: dict[int, int]) -> dict:
    e, c = j.evidence, j.evidence.context
    return dict(claim_id=claim_id, relation_id=e.relation_id, document_id=e.document_id,
                sentence_id=sentence_of[e.relation_id], exercise_class=e.exercise_class, direction=e.direction,
                negated=e.negated, hedged=e.hedged, weight=e.weight, lang=e.lang, doc_lang=e.doc_lang,
                population=c.population, species=c.species, tissue=c.tissue, model=c.model, protocol=c.protocol,
                stance=j.stance, claim_direction=j.claim_direction, is_primary=j.primary, refs=json.dumps(list(e.refs), ensure_ascii=False))


def remove_document_claims(conn: Connection, document_id: int) -> int:
    """Take document ``document_id``'s evidence off its claims (on the caller's transaction):
    the claims are updated, those left without evidence deleted, the evidence rows deleted.
    Returns the number of evidence rows removed."""
    _drop_cache(conn)
    q = (select(ClaimEvidenceRow.__table__, ClaimRow.exercise_class.label("c_class"), ClaimRow.target_id,
                ClaimRow.kind, ClaimRow.target)
         .join(ClaimRow, ClaimEvidenceRow.claim_id == ClaimRow.id)
         .where(ClaimEvidenceRow.document_id == document_id))
    judged = []
    for ev in conn.execute(q):
        cls, target_id, kind, target = ev.c_class, ev.target_id, ev.kind, ev.target
        e = Evidence(relation_id=ev.relation_id, document_id=ev.document_id, exercise_class=ev.exercise_class,
                     target_id=target_id, target=target, direction=ev.direction,
                     context=Context(ev.population, ev.species, ev.tissue, ev.model, ev.protocol),
                     weight=ev.weight, lang=ev.lang, doc_lang=ev.doc_lang, negated=ev.negated, hedged=ev.hedged,
                     refs=tuple(json.loads(ev.refs or "[]")), kind=kind)
        judged.append(Judged(e, (cls, target_id, kind), ev.stance, ev.is_primary, ev.claim_direction))
    if not judged:
        return 0
    states, ids = _load(conn, {j.key for j in judged})
    before = _context_counts(states, {(j.key, j.evidence.direction, j.evidence.context.key()) for j in judged})
    empty = set(remove_document(states, judged))
    conn.execute(delete(ClaimEvidenceRow).where(ClaimEvidenceRow.document_id == document_id))
    for key in empty:
        conn.execute(delete(ClaimContextRow).where(ClaimContextRow.claim_id == ids[key]))
        conn.execute(delete(ClaimRow).where(ClaimRow.id == ids[key]))
    _save(conn, states, ids, sorted({j.key for j in judged} - empty), None, before)
    return len(judged)


def rebuild_claims(conn: Connection, progress: Optional[Callable[..., Iterable]] = None) -> int:
    """Empty the claims base and add every stored document, in id order (ingest order).
    Returns the number of documents added. ``progress`` wraps the document ids
    (``progress(ids, desc=..., unit=..., total=...)``, e.g. a progress bar)."""
    _drop_cache(conn)
    conn.execute(delete(ClaimEvidenceRow))
    conn.execute(delete(ClaimContextRow))
    conn.execute(delete(ClaimRow))
    ids = list(conn.execute(select(DocumentRow.id).order_by(DocumentRow.id)).scalars())
    steps = progress(ids, desc="claims rebuild", unit="document", total=len(ids)) if progress else ids
    for doc_id in steps:
        add_document_claims(conn, doc_id)
    return len(ids)


def set_role(engine: Engine, document_id: int, role: str) -> str:
    """Set a stored document's role (one of :data:`ROLES`); returns the previous role.

    Roles do not change weights or stances: they say which claims a review tracks (the
    ``reviews`` column of :func:`claim_rows`, ``litmine compare --review``), read when asked.

    Raises:
        UsageError (a ValueError): ``role`` is not one of :data:`ROLES`, or no such document.
    """
    if role not in ROLES:
        raise UsageError(f"role {role!r}: choose one of {', '.join(ROLES)}")
    with engine.begin() as conn:
        old = conn.execute(select(DocumentRow.role).where(DocumentRow.id == document_id)).scalar()
        if old is None:
            raise UsageError(f"no document with id {document_id}")
        conn.execute(update(DocumentRow).where(DocumentRow.id == document_id).values(role=role))
    return old


# --------------------------------------------------------------------------- read side

_ROLE = select(DocumentRow.role).where(DocumentRow.id == bindparam("doc"))


def document_role(engine: Engine, document_id: int) -> Optional[str]:
    """A stored document's role, ``None`` when there is no such document."""
    with engine.connect() as conn:
        return conn.execute(_ROLE, {"doc": document_id}).scalar()


def stance_counts(engine: Engine, document_id: int) -> Counter:
    """The stances of one document's relations (their primary claims): ``Counter``."""
    with engine.connect() as conn:
        return Counter(dict(conn.execute(
            select(ClaimEvidenceRow.stance, func.count())
            .where(ClaimEvidenceRow.document_id == document_id, ClaimEvidenceRow.is_primary.is_(True))
            .group_by(ClaimEvidenceRow.stance)).all()))


#: The stance a document is counted under when its relations take several toward one claim
#: (:func:`_stance_documents`): a contradiction first, so that it is never hidden by agreement,
#: then agreement in a context seen (supports) before agreement in a new one (refines).
#: (``new`` never meets another stance: a claim is new for all of a document's relations or
#: for none.)
STANCE_PRECEDENCE = ("contradicts", "supports", "refines", "context_differs", "new")


def _stance_documents(conn: Connection, claim_ids: list[int]) -> dict[int, Counter]:
    """claim id -> documents by stance, each document counted once: under its one stance, or
    the first of :data:`STANCE_PRECEDENCE` among its stances when its relations take several
    (the counts sum to the claim's documents). The Counter's ``"several"`` entry counts those
    documents."""
    rank = {s: i for i, s in enumerate(STANCE_PRECEDENCE)}
    out: dict[int, Counter] = {}
    for i in range(0, len(claim_ids), _CHUNK):
        part = claim_ids[i:i + _CHUNK]
        q = (select(ClaimEvidenceRow.claim_id, ClaimEvidenceRow.document_id, ClaimEvidenceRow.stance).distinct()
             .where(ClaimEvidenceRow.claim_id.in_(part)))
        per_doc: dict[tuple[int, int], list[str]] = {}
        for cid, doc_id, stance in conn.execute(q):
            per_doc.setdefault((cid, doc_id), []).append(stance)
        for (cid, _doc), stances in per_doc.items():
            c = out.setdefault(cid, Counter())
            c[min(stances, key=lambda s: rank.get(s, len(rank)))] += 1
            if len(stances) > 1:
                c["several"] += 1
    return out


def _reviews(conn: Connection, claim_ids: list[int]) -> dict[int, list[str]]:
    """claim id -> names of review documents with evidence on it."""
    out: dict[int, list[str]] = {}
    for i in range(0, len(claim_ids), _CHUNK):
        part = claim_ids[i:i + _CHUNK]
        q = (select(ClaimEvidenceRow.claim_id, DocumentRow.label).distinct()
             .join(DocumentRow, ClaimEvidenceRow.document_id == DocumentRow.id)
             .where(ClaimEvidenceRow.claim_id.in_(part), DocumentRow.role == "review")
             .order_by(DocumentRow.label))
        for cid, name in conn.execute(q):
            out.setdefault(cid, []).append(name)
    return out


def _concept(value: str):
    """The lexicon concept a filter value names (any synonym, either language), or None."""
    from ..nlp.lexicon import load_lexicon
    return load_lexicon().lookup(value)


def _values(value) -> tuple[str, ...]:
    """A filter's values: ``None``/``""`` -> ``()``, one string -> ``(it,)``, a sequence -> its
    non-empty items."""
    if not value:
        return ()
    return (value,) if isinstance(value, str) else tuple(v for v in value if v)


def claim_rows(engine: Engine, *, target=None, target_ids: Iterable[str] = (),
               exercise=None, conflicts_only: bool = False, min_docs: int = 0,
               claim_id: Optional[int] = None) -> list[dict]:
    """Claims as dicts with :data:`CLAIM_COLUMNS`, most documents first.

    Args:
        target: the target name (whole, case-insensitive: ``IL-1`` is not ``IL-10``), its
            concept id, or any lexicon synonym in either language (``TNF-alpha``, ``肿瘤坏死因子``);
            ``target_ids`` more concept ids that match. ``target`` and ``exercise`` take one
            string or a sequence of them (claims matching any: OR).
        exercise: an exercise class or a synonym (``跑台运动``): matches that class and the
            classes under it (``aerobic`` lists treadmill and swimming claims), or a
            substring of the class.
        conflicts_only: only claims flagged ``conflict``.
        min_docs: only claims with evidence from at least this many documents.
    Columns: ``documents`` with evidence, ``n_evidence`` evidence rows (relations);
    ``supports`` ... ``new`` count documents by their stance toward the claim, each document
    once (one whose relations take several stances under the first of
    :data:`STANCE_PRECEDENCE`), so they sum to ``documents``; ``several_stances`` counts
    those documents;
    ``documents_for``/``_against`` documents only agreeing / only disagreeing with ``direction``,
    ``documents_mixed`` documents with sentences both ways (each document in one of the three,
    or in none when its only opposing evidence is in another context: ``context_differs``);
    ``languages``/``species`` comma-separated; ``reviews`` review documents with evidence;
    ``origin`` the document that created the claim.
    """
    q = (select(ClaimRow.__table__, DocumentRow.label.label("origin"))
         .outerjoin(DocumentRow, ClaimRow.origin_document_id == DocumentRow.id))
    if claim_id is not None:
        q = q.where(ClaimRow.id == claim_id)
    targets = _values(target)
    if targets:
        terms = []
        for value in targets:
            c = _concept(value)
            ids = [t for t in target_ids if t] + ([c.id] if c else [])
            names = sorted({n.lower() for n in (value.strip(), c.name if c else "") if n})
            terms += [func.lower(ClaimRow.target).in_(names),          # whole names: IL-1 is not IL-10
                      ClaimRow.target_id.in_([value.strip(), *ids])]
        q = q.where(or_(*terms))
    exercises = _values(exercise)
    if exercises:
        terms = []
        for value in exercises:
            c = _concept(value)
            cls = parse_exercise(c.name if c is not None and c.type == "EXERCISE" else value)[0]
            terms += [ClaimRow.exercise_class == cls,
                      ClaimRow.exercise_path.contains(f"> {cls} >", autoescape=True),
                      func.lower(ClaimRow.exercise_class).contains(value.lower(), autoescape=True)]
        q = q.where(or_(*terms))
    if conflicts_only:
        q = q.where(ClaimRow.conflict.is_(True))
    if min_docs:
        q = q.where(ClaimRow.documents >= min_docs)
    q = q.order_by(ClaimRow.documents.desc(), ClaimRow.confidence.desc(), ClaimRow.id)
    with engine.connect() as conn:
        found = conn.execute(q).all()
        ids = [c.id for c in found]
        stances, reviews = _stance_documents(conn, ids), _reviews(conn, ids)
    out = []
    for c in found:
        origin = c.origin
        st = stances.get(c.id, Counter())
        out.append(dict(claim_id=c.id, exercise_class=c.exercise_class, exercise_path=c.exercise_path,
                        direction=c.direction, target=c.target, target_id=c.target_id, kind=c.kind,
                        documents=c.documents, n_evidence=c.evidence, **{s: st.get(s, 0) for s in
                                                                        ("supports", "contradicts", "refines",
                                                                         "context_differs", "new")},
                        several_stances=st.get("several", 0),
                        documents_for=c.documents_for, documents_against=c.documents_against,
                        documents_mixed=c.documents_mixed,
                        languages=c.languages, species=c.species, consensus=c.consensus, confidence=c.confidence,
                        conflict=bool(c.conflict), reviews=", ".join(reviews.get(c.id, [])), origin=origin))
    return out


def _cited(conn: Connection, pairs: set[tuple[int, str]]) -> dict[tuple[int, str], dict]:
    """(document id, citation number) -> the cited work (authors, year, title, doi)."""
    out = {}
    docs = sorted({d for d, _ in pairs})
    for i in range(0, len(docs), _CHUNK):
        q = select(CitedWorkRow.__table__).where(CitedWorkRow.document_id.in_(docs[i:i + _CHUNK]))
        for w in conn.execute(q):
            if (w.document_id, w.number) in pairs:
                out[(w.document_id, w.number)] = dict(number=w.number, authors=w.authors, year=w.year,
                                                      title=w.title, doi=w.doi)
    return out


def evidence_rows(engine: Engine, *, claim_id: Optional[int] = None) -> Iterator[dict]:
    """Evidence rows (all, or of one claim) as dicts with :data:`EVIDENCE_COLUMNS`, by claim,
    document and sentence. ``cited_works``: the works the sentence's citation numbers name
    in its document's reference list (``[]`` without one); ``refs`` the numbers."""
    q = (select(ClaimEvidenceRow.__table__, DocumentRow.label.label("doc"), DocumentRow.role.label("role"),
                SentenceRow.text.label("s_text"), SentenceRow.start.label("s_start"), SentenceRow.end.label("s_end"),
                SentenceRow.page.label("s_page"), RelationRow.direction.label("r_direction"))
         .join(DocumentRow, ClaimEvidenceRow.document_id == DocumentRow.id)
         .join(SentenceRow, ClaimEvidenceRow.sentence_id == SentenceRow.id)
         .join(RelationRow, ClaimEvidenceRow.relation_id == RelationRow.id)
         .order_by(ClaimEvidenceRow.claim_id, ClaimEvidenceRow.document_id, SentenceRow.idx, ClaimEvidenceRow.id))
    if claim_id is not None:
        q = q.where(ClaimEvidenceRow.claim_id == claim_id)
    with engine.connect() as conn:
        rows = conn.execute(q).all()
        pairs = {(ev.document_id, n) for ev in rows for n in json.loads(ev.refs or "[]")}
        cited = _cited(conn, pairs) if pairs else {}
    for ev in rows:
        refs = json.loads(ev.refs or "[]")
        yield dict(claim_id=ev.claim_id, relation_id=ev.relation_id, doc=ev.doc, role=ev.role, lang=ev.lang,
                   sentence=ev.s_text, sentence_start=ev.s_start, sentence_end=ev.s_end, page=ev.s_page,
                   exercise_class=ev.exercise_class,
                   direction=ev.direction, stated_direction=ev.r_direction, negated=ev.negated, hedged=ev.hedged,
                   weight=round(ev.weight, 4),
                   population=ev.population, species=ev.species, tissue=ev.tissue, model=ev.model,
                   protocol=ev.protocol, stance=ev.stance, claim_direction=ev.claim_direction,
                   is_primary=ev.is_primary, refs=refs,
                   cited_works=[cited[(ev.document_id, n)] for n in refs if (ev.document_id, n) in cited],
                   document_id=ev.document_id)


def claim_detail(engine: Engine, claim_id: int) -> Optional[dict]:
    """One claim (:func:`claim_rows` columns) with ``evidence``: its rows from
    :func:`evidence_rows`; ``None`` when there is no such claim."""
    rows = claim_rows(engine, claim_id=claim_id)
    if not rows:
        return None
    return dict(rows[0], evidence=list(evidence_rows(engine, claim_id=claim_id)))


#: Columns of :func:`document_stances` rows.
STANCE_COLUMNS = ["doc", "lang", "sentence", "exercise", "exercise_class", "direction", "asserted_direction", "negated",
                  "hedged",
                  "target", "target_id", "model", "species", "tissue", "population", "protocol", "stance",
                  "claim_id", "claim", "claim_direction", "relation_id"]


def _label(cls: str, direction: str, target: str) -> str:
    return f"{cls} {direction} {target}"


def document_stances(engine: Engine, document_id: int, relation_rows: list[dict],
                     review_id: Optional[int] = None) -> list[dict]:
    """Each relation of a stored document with its stance and claim (:data:`STANCE_COLUMNS`).

    Args:
        document_id: the document.
        relation_rows: its relations (dicts of :func:`litmine.store.queries.relations`).
        review_id: compare with this review's claims only: stances are judged against the
            claims the review's own evidence makes (computed, nothing stored); without it,
            the stances stored when the document was ingested (against every document
            stored before it).
    A relation that is no claim's evidence (no target concept) has ``stance`` ``None``;
    ``claim`` and ``claim_direction`` are the claim as it stood when the stance was judged
    (its direction may have changed since, with the evidence stored after).
    """
    with engine.connect() as conn:
        if review_id is None:
            q = (select(ClaimEvidenceRow.relation_id, ClaimEvidenceRow.stance, ClaimRow.id, ClaimRow.exercise_class,
                        ClaimEvidenceRow.claim_direction, ClaimRow.target)
                 .join(ClaimRow, ClaimEvidenceRow.claim_id == ClaimRow.id)
                 .where(ClaimEvidenceRow.document_id == document_id, ClaimEvidenceRow.is_primary.is_(True)))
            stored = {rid: (st, cid, _label(cls, d, t), d) for rid, st, cid, cls, d, t in conn.execute(q)}
        else:
            review, _ = _document_evidence(conn, review_id)
            states, _ = build(review)
            paper, _ = _document_evidence(conn, document_id)
            judged = {j.evidence.relation_id: j for j in judge(states, paper) if j.primary}
            ids = {(c.exercise_class, c.target_id, c.kind): c.id
                   for c in _by_keys(conn, _CLAIM_IDS_BY_KEY, {j.key for j in judged.values()})}
            stored = {}
            for rid, j in judged.items():
                state = states.get(j.key)
                stored[rid] = (j.stance, ids.get(j.key) if state else None,
                               _label(j.key[0], j.claim_direction, state.target) if state else None,
                               j.claim_direction if state else None)
    out = []
    for r in relation_rows:
        e = evidence(r)
        st, cid, label, claim_direction = stored.get(r["relation_id"], (None, None, None, None))
        out.append(dict(doc=r["doc"], lang=r["lang"], sentence=r["sentence"], exercise=r["exercise"],
                        exercise_class=e.exercise_class if e else None, direction=r["direction"],
                        asserted_direction=effective_direction(r["direction"], bool(r["negated"])),
                        negated=r["negated"], hedged=r["hedged"], target=r["target"], target_id=r["target_id"],
                        model=r["model"], species=r["species"], tissue=r["tissue"],
                        population=e.context.population if e else None, protocol=e.context.protocol if e else None,
                        stance=st, claim_id=cid, claim=label, claim_direction=claim_direction,
                        relation_id=r["relation_id"]))
    return out


def cited_works(engine: Engine, document_id: int) -> list[dict]:
    """A document's reference list as dicts (number, authors, year, title, doi, text)."""
    with engine.connect() as conn:
        q = select(CitedWorkRow.__table__).where(CitedWorkRow.document_id == document_id).order_by(CitedWorkRow.id)
        return [dict(number=w.number, authors=w.authors, year=w.year, title=w.title, doi=w.doi, text=w.text)
                for w in conn.execute(q)]


__all__ = ["ROLES", "STANCE_PRECEDENCE", "document_role", "CLAIM_COLUMNS", "EVIDENCE_COLUMNS", "STANCE_COLUMNS", "add_document_claims",
           "remove_document_claims", "rebuild_claims", "set_role", "stance_counts", "claim_rows",
           "evidence_rows", "claim_detail", "document_stances", "cited_works"]
