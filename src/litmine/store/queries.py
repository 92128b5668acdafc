"""Read side of the database: filtered relation queries, whole tables, statistics.

Every user-supplied filter is a bound parameter (SQLAlchemy expressions), never
formatted into SQL text.
"""
from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Iterator, Optional, Sequence, Union

from sqlalchemy import and_, false, func, or_, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from ..consensus import EXERCISE_PARENT, effective_direction, parse_exercise
from ..errors import UsageError
from ..text.biblio import first_author_surname, normalise_doi
from ..types import MODEL_SEPARATOR, TABLES
from .claims import CLAIM_COLUMNS, EVIDENCE_COLUMNS, claim_rows, evidence_rows
from .rows import name_key
from .schema import (AbbreviationRow, CitedWorkRow, ConceptRow, DocumentRow, DocumentSourceRow, MentionRow,
                     RelationRow, SentenceRow, StudyRow)

__all__ = ["TABLES", "TABLE_COLUMNS", "table_columns", "RELATION_COLUMNS", "STUDY_COLUMNS", "resolve_document", "document_ids",
           "relations", "iter_relations", "relation_records", "asserted_direction_sql", "study_rows", "table_rows", "table_size", "stats",
           "DOCUMENT_TABLES",
           "document_names"]

#: Column order of the relations export (the scorer's contract first). ``direction`` is the stored
#: verb's direction and ``negated`` its negation; ``asserted_direction`` is what the relation asserts,
#: as ``--direction`` and the claims base read it (:func:`asserted_direction_sql`): "failed to attenuate
#: TNF-α" is ``direction`` decrease, ``negated`` true, ``asserted_direction`` no_change.
RELATION_COLUMNS = [
    "doc", "lang", "sentence", "exercise", "exercise_text", "direction", "asserted_direction", "target", "target_text", "target_id",
    "target_type", "negated", "hedged", "model", "species", "tissue", "duration", "frequency", "intensity",
    "refs", "sentence_start", "sentence_end", "page", "aspect", "compared_to", "pain_effect", "confidence",
    "exercise_carried", "trigger", "session_length", "volume", "duration_days_min", "duration_days_max",
    "sessions_per_week", "minutes_min", "minutes_max", "intensity_low", "intensity_high", "intensity_unit",
    "speed", "timing", "timing_days", "context_from", "section", "kind", "document_id", "relation_id",
]


#: Column order of the studies table: a Cochrane "characteristics of included studies"
#: table (study, design, participants, interventions, comparison, outcomes), extended with
#: the protocol in numbers and where each study was read.
STUDY_COLUMNS = [
    "study", "author", "year", "refs", "design", "population", "population_terms", "species", "n", "exercise",
    "duration", "duration_weeks", "volume", "sessions_per_week", "minutes_min", "minutes_max", "intensity",
    "intensity_low", "intensity_high", "intensity_unit", "comparison", "outcomes", "source", "doc", "stored_as",
    "table", "cited_title", "cited_doi", "start", "end", "document_id", "study_id",
]

#: Column order of the tables whose export is not their stored columns.
TABLE_COLUMNS = {"relations": RELATION_COLUMNS, "claims": CLAIM_COLUMNS, "claim_evidence": EVIDENCE_COLUMNS,
                 "studies": STUDY_COLUMNS}


def _concept(value: str):
    """The lexicon concept a filter value names (any synonym, either language), or None."""
    from ..nlp.lexicon import load_lexicon
    return load_lexicon().lookup(value)


def document_names(engine: Engine) -> set[str]:
    """Names of the stored documents."""
    with engine.connect() as conn:
        return set(conn.execute(select(DocumentRow.name)).scalars())


def _file_sha256(path: Path) -> str:
    """Hex sha256 of a file's bytes, read in 1 MiB chunks (what ingest stores as ``documents.sha256``)."""
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _is_regular_file(path: Path) -> bool:
    """``path.is_file()``, False for a name the file system cannot even look up
    (too long, a loop): such a reference is a name or a prefix, not a file."""
    try:
        return path.is_file()
    except OSError:
        return False


def matching_documents(engine: Engine, ref: str) -> list[tuple[int, str, str]]:
    """Every stored document a reference names, as ``(id, name, sha256)`` in id order.

    The first kind of reference that matches wins:

    1. a path to a file on disk: the document with that file's content (so
       ``corpus/zh_treadmill_sni.txt`` finds what ingesting it stored, from
       any folder, and a copy or a renamed file finds it too; an edited file is an error,
       whether named by a relative or an absolute path); for a search export, the documents of
       its records (:func:`_export_records`: the file they were read from);
    2. a stored name (the file name), exactly;
    3. a stored path (as given to ``ingest``), or a label ("Smith et al. 2021"), exactly;
    4. a name prefix or a content-hash (sha256) prefix.

    Returns an empty list when nothing matches.

    Raises:
        QueryError: ``ref`` is an existing file whose content no stored
            document has (changed since it was ingested, or never ingested),
            or ``ref`` is longer than :data:`~litmine.types.MAX_REFERENCE_CHARS`
            (checked before any SQL: SQLite refuses long LIKE patterns).
    """
    from ..errors import QueryError, shorten_path
    from ..types import MAX_REFERENCE_CHARS

    if not ref:
        return []
    if len(ref) > MAX_REFERENCE_CHARS:
        raise QueryError(f"{shorten_path(ref, 60)}: a document reference of at most {MAX_REFERENCE_CHARS:,} "
                         "characters, please (a stored name, a path, a name or hash prefix)")
    cols = select(DocumentRow.id, DocumentRow.name, DocumentRow.sha256).order_by(DocumentRow.id)
    with engine.connect() as conn:
        path = Path(ref)
        on_disk = _is_regular_file(path)  # found by its content, so an edited file is not its old version
        for where in () if on_disk else (DocumentRow.name == ref, DocumentRow.path == ref, DocumentRow.label == ref):
            found = conn.execute(cols.where(where)).all()
            if found:
                return [tuple(r) for r in found]
        if on_disk:
            try:
                digest = _file_sha256(path)
            except OSError as exc:
                raise QueryError(f"{ref}: cannot read the file to find its document ({exc.strerror or exc})") \
                    from None
            found = conn.execute(cols.where(DocumentRow.sha256 == digest)).all() or _export_records(conn, cols, path)
            if not found:
                raise QueryError(f"{ref}: this file's content is not in the database (changed since it was "
                                 "ingested, or never ingested: litmine ingest it first)")
            return [tuple(r) for r in found]
        found = conn.execute(cols.where(or_(DocumentRow.name.startswith(ref, autoescape=True),
                                            DocumentRow.sha256.startswith(ref.lower(), autoescape=True)))).all()
    return [tuple(r) for r in found]


def _export_records(conn, cols, path: Path) -> list:
    """The stored documents a search export at ``path`` gave, one per record (merged duplicates
    too): ``document_sources`` rows with a record key whose file is ``path``: the same file once
    symbolic links are resolved, or, for a path stored relative to the folder ingest ran in
    (unknown now), the one ``path`` ends with (``ris/cut.ris`` for ``/data/ris/cut.ris``). An
    export is no document of its own, so its content hash names none: ``query --doc pubmed.ris``
    means its records."""
    target = os.path.realpath(path)
    rows = conn.execute(select(DocumentSourceRow.path).distinct().where(
        DocumentSourceRow.record_key != "", DocumentSourceRow.path.endswith(path.name, autoescape=True))).scalars()
    paths = [p for p in rows if os.path.realpath(p) == target
             or not os.path.isabs(p) and target.endswith(os.sep + os.path.normpath(p))]
    if not paths:
        return []
    ids = select(DocumentSourceRow.document_id).where(DocumentSourceRow.path.in_(paths),
                                                      DocumentSourceRow.record_key != "")
    return conn.execute(cols.where(DocumentRow.id.in_(ids))).all()


def resolve_document(engine: Engine, ref: str) -> tuple[int, str]:
    """The one stored document ``ref`` means: ``(id, name)``.

    ``ref`` is a stored name, a stored path, a path to the file on disk, a
    name prefix or a content-hash prefix (see :func:`matching_documents`,
    the one resolver that ``query --doc``, ``export --doc`` and ``compare``
    share); it must single out one document.

    Raises:
        QueryError: no stored document matches, or several do (the message
            lists up to three, with hash prefixes that tell them apart).
    """
    from ..errors import QueryError

    found = matching_documents(engine, ref)
    if not found:
        raise _no_such_document(ref)
    if len(found) > 1:
        some = ", ".join(f"{name} ({sha[:10]})" for _, name, sha in found[:3])
        raise QueryError(f"{ref}: matches several documents ({some}{', ...' if len(found) > 3 else ''}); "
                         "give a content-hash prefix to choose one")
    return found[0][0], found[0][1]


def document_ids(engine: Engine, ref: str) -> list[int]:
    """Ids of every stored document ``ref`` names (see :func:`matching_documents`), in id order.

    Raises:
        QueryError: nothing matches, or ``ref`` is a file whose content is not stored.
    """
    ids = [d[0] for d in matching_documents(engine, ref)]
    if not ids:
        raise _no_such_document(ref)
    return ids


def _no_such_document(ref: str):
    from ..errors import QueryError
    return QueryError(f"{ref}: no such document; give a path to the file, the stored name, a name prefix or "
                      "a hash prefix (see litmine export --table documents --format csv)")


def _name_filter(col, value: str):
    """``col`` (a key column) equal to the key of the name ``value`` means: the lexicon
    concept's name when ``value`` names one (``大鼠`` is rat: stored names are the concepts'
    names), else ``value`` itself. One value, so the rows come in order from the index."""
    c = _concept(value)
    return col == name_key(c.name if c is not None else value)


def _model_filter(engine: Engine, col, value: str):
    """:func:`_name_filter` for the model key, where a relation in coordinated models stores them
    joined ("CCI和SNI大鼠" -> ``cci; sni``): the key equals the value's, or is a stored joined key
    holding it as one of its parts (``--model SNI`` finds ``cci; sni``, not ``snip``). The joined
    keys are looked up first (distinct values of the indexed column), so the query itself stays an
    equality or ``IN`` on the index."""
    c = _concept(value)
    key = name_key(c.name if c is not None else value)
    if key is None:
        return _name_filter(col, value)
    with engine.connect() as conn:
        joined = [k for (k,) in conn.execute(select(col).where(col.contains(MODEL_SEPARATOR)).distinct())
                  if key in k.split(MODEL_SEPARATOR)]
    return col.in_(sorted({key, *joined})) if joined else col == key


def _target_filter(r, value: str):
    """The target a ``target`` filter means: the lexicon concept ``value`` names (by id: any
    synonym, either language), else a concept id (``HGNC:11892``, ``LM:vas``), else a stored
    target name (whole, case-folded)."""
    c = _concept(value)
    if c is not None:
        return r.target_id == c.id
    value = value.strip()
    if ":" in value and " " not in value:
        return or_(r.target_id == value, r.target_key == name_key(value))
    return r.target_key == name_key(value)


def exercise_classes(value: str) -> tuple[Optional[set[str]], bool]:
    """The exercise classes an ``exercise`` filter matches: the class the value (or the
    lexicon concept it names: ``跑台`` is treadmill) is, and every class under it in
    :data:`litmine.consensus.EXERCISE_PARENT` (``aerobic`` -> treadmill, swimming, HIIT...);
    the second item says combinations (``aerobic+resistance``, under ``combined``) match too.
    ``(None, False)`` for the root class ``exercise``: every relation matches."""
    c = _concept(value)
    cls = parse_exercise(c.name if c is not None and c.type == "EXERCISE" else " ".join(value.split()))[0]
    if cls == "exercise":
        return None, False
    under, frontier = {cls}, {cls}
    while frontier:
        frontier = {k for k, parent in EXERCISE_PARENT.items() if parent in frontier} - under
        under |= frontier
    return under, "combined" in under


#: A filter value: one value, several (any matches: OR), or ``None`` (no filter).
Filter = Union[str, Sequence[str], None]


def filter_values(value: Filter) -> tuple[str, ...]:
    """A filter's values as a tuple: ``None``/``""``/``()`` -> ``()``, ``"TNF"`` -> ``("TNF",)``,
    ``["TNF", "BDNF"]`` -> ``("TNF", "BDNF")`` (empty items dropped, order kept, repeats once)."""
    if value is None:
        return ()
    items = (value,) if isinstance(value, str) else tuple(value)
    return tuple(dict.fromkeys(v for v in items if v))


def direction_pairs(direction: str, raw: bool = False) -> list[tuple[str, Optional[bool]]]:
    """The stored (direction, negated) pairs a ``direction`` filter matches.

    By default the filter matches the direction a relation *asserts*, as the claims base counts
    it (:func:`litmine.consensus.effective_direction`): ``no_change`` matches stated no-change
    and every negated change ("failed to attenuate X" is stored as decrease + negated);
    ``decrease`` matches decreases that are not negated; ``modulate`` also matches a negated
    no_change. With ``raw``, the stored direction whatever its negation
    (``[(direction, None)]``: negated not looked at)."""
    from ..types import DIRECTIONS
    if raw:
        return [(direction, None)]
    return [(d, neg) for d in DIRECTIONS for neg in (False, True) if effective_direction(d, neg) == direction]


def _where(engine: Engine, *, exercise: Filter = None, target: Filter = None, direction: Filter = None,
           model=None, species=None, lang=None, doc=None, pain_effect=None, include_negated=True,
           document_id=None, raw_direction: bool = False) -> list:
    """The WHERE terms of a relations query (see :func:`iter_relations`), each on an indexed
    column; ``exercise``, ``target`` and ``direction`` take several values (any matches)."""
    r = RelationRow.__table__.c
    where = []
    exercises = filter_values(exercise)
    if exercises:
        terms = []
        for value in exercises:
            classes, combos = exercise_classes(value)
            if classes is None:             # the root class: every relation
                terms = []
                break
            terms.append(r.exercise_class.in_(sorted(classes)) if len(classes) > 1 or combos
                         else r.exercise_class == next(iter(classes)))
            if combos:
                terms.append(r.exercise_class.contains("+"))
        if terms:
            where.append(or_(*terms) if len(terms) > 1 else terms[0])
    targets = filter_values(target)
    if targets:      # "TNF-alpha", "肿瘤坏死因子" find TNF-α
        terms = [_target_filter(r, t) for t in targets]
        where.append(or_(*terms) if len(terms) > 1 else terms[0])
    directions = filter_values(direction)
    if directions:
        pairs = sorted({p for d in directions for p in direction_pairs(d, raw_direction)}, key=str)
        terms = [r.direction == d if neg is None else and_(r.direction == d, r.negated.is_(neg)) for d, neg in pairs]
        where.append(or_(*terms) if terms else false())
    if model:
        where.append(_model_filter(engine, r.model_key, model))
    if species:
        where.append(_name_filter(r.species_key, species))      # "大鼠" finds rat
    if lang:
        where.append(r.sentence_lang == lang)
    if doc:
        where.append(r.document_id.in_(document_ids(engine, doc)))
    if document_id is not None:
        where.append(r.document_id == document_id)
    if pain_effect:
        where.append(r.pain_effect == pain_effect)
    if not include_negated:
        where.append(r.negated.is_(False))
    return where


#: Rows fetched from the database cursor at a time while streaming.
STREAM_ROWS = 2000


def asserted_direction_sql(direction, negated):
    """A SQL expression of the direction a relation asserts, from its stored ``direction`` and
    ``negated`` columns: :func:`litmine.consensus.effective_direction` of each stored pair (a
    negated increase/decrease/modulate/better_than is no_change, a negated no_change modulate,
    a missing direction modulate, or no_change when negated), so the column and the ``--direction`` filter
    (:func:`direction_pairs`) cannot disagree."""
    from sqlalchemy import case
    from ..types import DIRECTIONS
    whens = [(and_(direction == d, negated.is_(True)), effective_direction(d, True)) for d in DIRECTIONS]
    whens.append((and_(direction.is_(None), negated.is_(True)), effective_direction(None, True)))
    return case(*whens, else_=func.coalesce(direction, effective_direction(None)))


def _relations_select(where: list, limit: Optional[int]):
    """The relations query, its columns in :data:`RELATION_COLUMNS` order."""
    r, s, d = RelationRow.__table__.c, SentenceRow.__table__.c, DocumentRow.__table__.c
    elsewhere = {"doc": d.label, "asserted_direction": asserted_direction_sql(r.direction, r.negated), "lang": s.lang,
                 "sentence": s.text, "refs": s.refs, "sentence_start": s.start,
                 "sentence_end": s.end, "page": s.page, "section": s.section, "kind": s.kind, "relation_id": r.id}
    q = (select(*(elsewhere[c].label(c) if c in elsewhere else r[c] for c in RELATION_COLUMNS))
         .select_from(RelationRow.__table__.join(SentenceRow.__table__, r.sentence_id == s.id)
                      .join(DocumentRow.__table__, r.document_id == d.id))
         .where(*where)
         .order_by(r.document_id, r.sentence_id, r.id))      # sentence ids follow sentence order (ix_relations_order)
    return q.limit(limit) if limit else q


def _json_reader(empty: str):
    """``json.loads`` for a JSON column, with the empty value and the last few distinct texts
    answered without parsing (most rows repeat ``[]``, ``{}`` or a handful of values); each
    call returns a new object, so callers may change what they get."""
    seen: dict[str, object] = {}
    loads = json.loads

    def read(text: Optional[str]):
        if not text or text == empty:
            return [] if empty == "[]" else {}
        v = seen.get(text)
        if v is None:
            if len(seen) > 256:
                seen.clear()
            v = seen[text] = loads(text)
        return v.copy()
    return read


def iter_relations(engine: Engine, *, exercise: Filter = None, target: Filter = None,
                   direction: Filter = None, model: Optional[str] = None, species: Optional[str] = None,
                   lang: Optional[str] = None, doc: Optional[str] = None, pain_effect: Optional[str] = None,
                   include_negated: bool = True, limit: Optional[int] = None,
                   document_id: Optional[int] = None, raw_direction: bool = False) -> Iterator[dict]:
    """Relations joined with their evidence sentence and document, as dicts with
    :data:`RELATION_COLUMNS`, in document and sentence order, streamed: rows are read from the
    database cursor :data:`STREAM_ROWS` at a time (SQLAlchemy Core, ``yield_per``; a
    server-side cursor on PostgreSQL), so memory does not grow with the result.

    Text filters match whole names, case-insensitively, never substrings (``target="IL-1"``
    does not find IL-10): ``target`` matches the target concept the value names in the
    lexicon (any synonym, either language: ``"TNF"``, ``"TNF-alpha"`` and ``"肿瘤坏死因子"``
    find TNF-α), a concept id (``"HGNC:11892"``) or a stored target name; ``exercise`` an
    exercise class and the classes under it (see :func:`exercise_classes`: ``"aerobic"``
    finds treadmill; ``"跑台"`` is treadmill); ``model`` and ``species`` a stored name or the
    concept's name (``species="大鼠"`` finds rat). ``doc`` is a document reference (path,
    name, name prefix or content-hash prefix: every document it matches, see
    :func:`matching_documents`); ``document_id`` one document (see :func:`resolve_document`);
    ``lang``/``pain_effect`` match exactly; ``direction`` matches the direction a relation
    asserts (a negated increase or decrease is ``no_change``: :func:`direction_pairs`), the
    stored one with ``raw_direction``. ``exercise``, ``target`` and ``direction`` take one
    value or several (a relation matching any of them: OR). Every filter is a look-up in an index
    (schema v5) and a bound parameter.

    Raises:
        QueryError: ``doc`` matches no stored document (or is a file whose
            content is not stored); raised when iteration starts."""
    refs, context = _json_reader("[]"), _json_reader("{}")
    for row in relation_records(engine, exercise=exercise, target=target, direction=direction, model=model,
                                species=species, lang=lang, doc=doc, pain_effect=pain_effect,
                                include_negated=include_negated, limit=limit, document_id=document_id,
                                raw_direction=raw_direction):
        d = dict(zip(RELATION_COLUMNS, row))
        d["refs"] = refs(row[_I_REFS])
        d["context_from"] = context(row[_I_CONTEXT])
        yield d


#: Positions of the JSON-text columns in a :func:`relation_records` tuple.
_I_REFS, _I_CONTEXT = RELATION_COLUMNS.index("refs"), RELATION_COLUMNS.index("context_from")
#: The columns of :data:`RELATION_COLUMNS` that :func:`relation_records` gives as JSON text.
JSON_TEXT_COLUMNS = ("refs", "context_from")


def relation_records(engine: Engine, **filters) -> Iterator[tuple]:
    """What :func:`iter_relations` reads, as tuples in :data:`RELATION_COLUMNS` order with
    ``refs`` and ``context_from`` still the stored JSON text (the fast path of a CSV export:
    no dict per row). Same filters (keyword arguments) and errors; streamed the same way."""
    limit = filters.pop("limit", None)
    q = _relations_select(_where(engine, **filters), limit)
    with engine.connect() as conn:
        yield from conn.execution_options(stream_results=True, yield_per=STREAM_ROWS).execute(q)


def relations(engine: Engine, **filters) -> list[dict]:
    """:func:`iter_relations` as a list (same filters and columns)."""
    return list(iter_relations(engine, **filters))


def study_rows(engine: Engine, *, document_id: Optional[int] = None,
               document_ids: Optional[list[int]] = None) -> list[dict]:
    """The studies table: one dict per study (:data:`STUDY_COLUMNS`), in document order and
    then as the document reports them (table rows, cited studies, its own study).

    ``stored_as`` links a table or cited study to the stored document that is that study
    (the same DOI, else the one stored document whose record has its first author and year),
    ``None`` when none is. ``study`` names the study ("HAMED 2014 [24]"); a document's own study takes its first
    author and year from the document's bibliographic record (``documents.authors``,
    ``documents.year``), and is named by the document without one; ``doc`` is the source
    document's label (first author and year when its record gives them, else its name). A document's own
    study (``source`` document) is listed only while the document's role is ``primary``
    (a review's uncited statements are no study of its own). ``document_id`` limits the
    rows to one document, ``document_ids`` to those.
    """
    q = (select(StudyRow, DocumentRow.label, DocumentRow.role, DocumentRow.authors, DocumentRow.year)
         .join(DocumentRow, StudyRow.document_id == DocumentRow.id)
         .order_by(StudyRow.document_id, StudyRow.idx, StudyRow.id))
    if document_id is not None:
        q = q.where(StudyRow.document_id == document_id)
    if document_ids is not None:
        q = q.where(StudyRow.document_id.in_(document_ids))
    out = []
    with Session(engine) as session:
        for st, name, role, doc_authors, doc_year in session.execute(q):
            if st.source == "document" and role != "primary":
                continue
            row = {c: getattr(st, c) for c in STUDY_COLUMNS if c not in ("study", "doc", "study_id")
                   and hasattr(StudyRow, c)}
            if st.source == "document" and not st.author:     # the document's record names it
                row["author"] = first_author_surname(_json_list(doc_authors))
                row["year"] = st.year or doc_year
            label = " ".join(x for x in (row["author"], str(row["year"]) if row["year"] else "") if x)
            if st.refs:
                label = f"{label} [{st.refs}]".strip()
            row.update(study=label or name, doc=name, study_id=st.id)
            out.append({c: row.get(c) for c in STUDY_COLUMNS})
        stored = _stored_documents(session) if any(r["source"] != "document" for r in out) else None
    for row in out:
        if row["source"] != "document":
            row["stored_as"] = _stored_as(row, stored)
    return out


def _stored_documents(session: Session) -> tuple[dict, dict]:
    """Stored documents by DOI and by (first author's surname folded, year): ``[(id, label)]``."""
    by_doi: dict[str, list[tuple[int, str]]] = {}
    by_author: dict[tuple[str, int], list[tuple[int, str]]] = {}
    q = select(DocumentRow.id, DocumentRow.label, DocumentRow.name, DocumentRow.doi, DocumentRow.authors,
               DocumentRow.year).where(or_(DocumentRow.doi != "", DocumentRow.year.is_not(None)))
    for doc_id, label, name, doi, authors, year in session.execute(q):
        if doi:
            by_doi.setdefault(doi, []).append((doc_id, label or name))
        surname = first_author_surname(_json_list(authors))
        if surname and year:
            by_author.setdefault((surname.casefold(), year), []).append((doc_id, label or name))
    return by_doi, by_author


def _stored_as(row: dict, stored) -> Optional[str]:
    """The stored document a cited or table study is (its DOI, else the one stored document
    with its first author and year, not the citing document itself), or ``None``."""
    if stored is None:
        return None
    by_doi, by_author = stored
    doi = normalise_doi(row.get("cited_doi"))
    for found in ([label for doc_id, label in by_doi.get(doi, []) if doc_id != row["document_id"]] if doi else [],
                  [label for doc_id, label in by_author.get(((row.get("author") or "").casefold(), row.get("year")), [])
                   if doc_id != row["document_id"]]):
        if len(found) == 1:
            return found[0]
    return None


def _json_list(value: Optional[str]) -> list:
    """A JSON list column as a list (``[]`` for NULL, empty or damaged text)."""
    try:
        out = json.loads(value or "[]")
    except ValueError:
        return []
    return out if isinstance(out, list) else []


_MODELS = {"documents": DocumentRow, "sentences": SentenceRow, "mentions": MentionRow,
           "concepts": ConceptRow, "abbreviations": AbbreviationRow, "cited_works": CitedWorkRow}


#: The tables whose rows :func:`table_rows` can give for one document (``document_id``).
DOCUMENT_TABLES = ("relations", "studies")


def table_size(engine: Engine, table: str, document_id: Optional[int] = None) -> Optional[int]:
    """The number of rows :func:`table_rows` gives for ``table`` (one ``COUNT(*)``; of one
    document's rows with ``document_id``), or ``None`` for a table it cannot count that way
    (a progress bar then counts without a total)."""
    from .schema import ClaimEvidenceRow, ClaimRow
    model = {"relations": RelationRow, "claims": ClaimRow, "claim_evidence": ClaimEvidenceRow, **_MODELS}.get(table)
    if model is None or (document_id is not None and table not in DOCUMENT_TABLES):
        return None
    q = select(func.count()).select_from(model)
    if document_id is not None:
        q = q.where(model.document_id == document_id)
    with engine.connect() as conn:
        return conn.execute(q).scalar()


def table_rows(engine: Engine, table: str, document_id: Optional[int] = None) -> Iterator[dict]:
    """All rows of ``table`` (one of :data:`TABLES`) as dicts; relations come
    with their evidence (see :func:`relations`), studies as :func:`study_rows` gives them, claims
    and claim evidence as
    :func:`litmine.store.claims.claim_rows` / :func:`~litmine.store.claims.evidence_rows`
    give them (readable columns, :data:`TABLE_COLUMNS`), the documents table without
    the full text, the sentences table without the search words. ``document_id``: only
    that document's rows (tables :data:`DOCUMENT_TABLES`).

    Raises:
        UsageError (a ValueError): unknown table, or ``document_id`` for a table not in
            :data:`DOCUMENT_TABLES`.
    """
    if document_id is not None and table not in DOCUMENT_TABLES:
        raise UsageError(f"table {table!r} cannot be limited to one document; "
                         f"choose one of {', '.join(DOCUMENT_TABLES)}")
    if table == "relations":
        yield from iter_relations(engine, document_id=document_id)
        return
    if table == "claims":
        yield from claim_rows(engine)
        return
    if table == "claim_evidence":
        yield from evidence_rows(engine)
        return
    if table == "studies":
        yield from study_rows(engine, document_id=document_id)
        return
    if table not in _MODELS:
        raise UsageError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    model = _MODELS[table]
    cols = _stored_columns(table)
    with engine.connect() as conn:
        for row in conn.execution_options(stream_results=True, yield_per=STREAM_ROWS).execute(
                select(*cols).order_by(*model.__table__.primary_key.columns)):
            d = dict(row._mapping)
            if "refs" in d:
                d["refs"] = json.loads(d["refs"] or "[]")
            yield d


def _stored_columns(table: str) -> list:
    """The exported columns of a stored table (SQLAlchemy ``Column`` objects, in table order): all
    of them but the documents' full text and the sentences' search words."""
    return [c for c in _MODELS[table].__table__.columns
            if not (table == "documents" and c.name == "text") and not (table == "sentences" and c.name == "words")]


def table_columns(table: str) -> list[str]:
    """The column names of ``table``'s export (:func:`table_rows`' keys, in order), known without
    a row: the header an export of an empty table still writes.

    Raises:
        UsageError (a ValueError): unknown table.
    """
    if table in TABLE_COLUMNS:
        return list(TABLE_COLUMNS[table])
    if table not in _MODELS:
        raise UsageError(f"unknown table {table!r}; choose one of {', '.join(TABLES)}")
    return [c.name for c in _stored_columns(table)]


def no_match_note(engine: Engine, **filters: Optional[str]) -> str:
    """Why a relations query found nothing, in one line for people: how each
    text filter was understood (the lexicon concept it names, or plain text)
    and what the database holds, e.g. ``"no relations match: target IL-6 is
    IL-6 (HGNC:6018); searched 280 relations in 1 document"``.

    Args:
        filters: the query's filters by name (``target="IL-6"``...); ``None``
            values are left out.
    """
    said = []
    for name in ("exercise", "target", "model", "species"):
        for value in filter_values(filters.get(name)):
            c = _concept(value)
            said.append(f"{name} {value} is {c.name} ({c.id})" if c else f"{name} {value!r} matched as text")
    for k, v in filters.items():
        values = filter_values(v) if isinstance(v, (str, list, tuple)) else ((str(v),) if v else ())
        if k not in ("exercise", "target", "model", "species") and values:
            said.append(f"{k} {' or '.join(values)}")
    with engine.connect() as conn:
        n_rel = conn.execute(select(func.count()).select_from(RelationRow)).scalar()
        n_doc = conn.execute(select(func.count()).select_from(DocumentRow)).scalar()
    held = f"searched {n_rel} relation{'s' * (n_rel != 1)} in {n_doc} document{'s' * (n_doc != 1)}"
    return "no relations match: " + "; ".join(said + [held])


def stats(engine: Engine) -> dict:
    """Counts: documents (by language, by source database: ``pubmed``, ``cnki``..., ``file`` for a
    plain paper, and by the pipeline version that read them), duplicates merged into them (``merged``), sentences,
    mentions (by label), relations (by the direction they assert, as ``query --direction`` counts
    them: :func:`asserted_direction_sql`), and the ten most frequent relation targets."""
    with engine.connect() as conn:
        count = lambda m: conn.execute(select(func.count()).select_from(m)).scalar()  # noqa: E731
        out = {"documents": count(DocumentRow), "sentences": count(SentenceRow),
               "mentions": count(MentionRow), "relations": count(RelationRow), "concepts": count(ConceptRow)}
        # every order is total (ties by name), so SQLite and PostgreSQL list the same
        out["documents_by_lang"] = dict(conn.execute(select(DocumentRow.lang, func.count())
                                                     .group_by(DocumentRow.lang).order_by(DocumentRow.lang)).all())
        out["documents_by_source"] = dict(conn.execute(
            select(DocumentRow.source_db, func.count()).group_by(DocumentRow.source_db)
            .order_by(func.count().desc(), DocumentRow.source_db)).all())
        out["documents_by_pipeline"] = dict(conn.execute(
            select(DocumentRow.pipeline_version, func.count()).group_by(DocumentRow.pipeline_version)
            .order_by(DocumentRow.pipeline_version)).all())
        out["merged"] = conn.execute(select(func.count()).select_from(DocumentSourceRow)
                                     .where(DocumentSourceRow.merged_by != "")).scalar()
        out["mentions_by_label"] = dict(conn.execute(
            select(MentionRow.label, func.count()).group_by(MentionRow.label)
            .order_by(func.count().desc(), MentionRow.label)).all())
        asserted = asserted_direction_sql(RelationRow.direction, RelationRow.negated).label("asserted")
        # what each relation asserts, as query --direction matches (a negated decrease is no_change)
        out["relations_by_direction"] = dict(conn.execute(
            select(asserted, func.count()).group_by(asserted).order_by(asserted)).all())
        out["top_targets"] = [list(r) for r in conn.execute(
            select(RelationRow.target, func.count()).group_by(RelationRow.target)
            .order_by(func.count().desc(), RelationRow.target).limit(10)).all()]
    return out
