"""The claims base in the database: a review ingested first, then new papers (texts written for
litmine, Chinese, English and mixed, each with one clear finding), each relation's stance
asserted; incremental updates equal a rebuild; --force replaces a document's evidence; a v3
database gains the claims base; the shared seed as the review."""
from __future__ import annotations

import shutil
import sqlite3

import pytest

import litmine
from litmine.store.claims import claim_rows, rebuild_claims
from litmine.store.db import connect, schema_version
from litmine.store.rows import document_rows
from litmine.store.schema import SCHEMA_VERSION

from helpers import needs_shared

TNF, BDNF, GFAP, IL1B = "HGNC:11892", "HGNC:1033", "HGNC:4235", "HGNC:5992"

#: A short bilingual review: its Chinese and English abstracts state the same two findings,
#: with citation numbers that resolve to its (fictional) reference list.
REVIEW = """运动对神经病理性疼痛炎症因子的影响：综述

摘要 跑台运动降低了SNI小鼠坐骨神经中TNF-α的表达[1]。游泳运动升高了CCI大鼠背根神经节中IL-10的水平[2]。

Abstract Treadmill running reduced TNF-α expression in the sciatic nerve of SNI mice [1]. Swimming increased IL-10 levels in the DRG of CCI rats [2].

参考文献
[1] 李华, 陈静, 周涛, 等. 跑台运动对保留性神经损伤小鼠坐骨神经炎症因子的影响[J]. 中国疼痛医学杂志, 2021, 27(3): 180-186. DOI: 10.5555/cjpm.2021.0304.
[2] Okafor B, Lindqvist M. Swimming raises interleukin-10 in dorsal root ganglia after nerve constriction. Pain Rep. 2020;5(4):e830. doi:10.5555/pr9.2020.830
"""

#: (file name, text, [(target, stance)] for every relation it states).
PAPERS = {
    "agreeing": ("en_agree.txt", "Treadmill running reduced TNF-α expression in the sciatic nerve of SNI mice.",
                 [("TNF-α", "supports")]),
    "contradicting": ("zh_contradict.txt", "跑台运动升高了SNI小鼠坐骨神经中TNF-α的表达。",
                      [("TNF-α", "contradicts")]),
    "negated": ("en_negated.txt", "Treadmill running did not reduce TNF-α in the sciatic nerve of SNI mice.",
                [("TNF-α", "contradicts")]),
    "new target": ("mixed_new.txt", "跑台运动对CCI大鼠脊髓胶质细胞的影响\n\n"
                   "Treadmill running reduced GFAP expression in the spinal cord of CCI rats. "
                   "跑台运动降低了CCI大鼠脊髓中GFAP的表达。", [("GFAP", "new"), ("GFAP", "new")]),
    "healthy animals": ("en_healthy.txt", "In healthy mice, treadmill running increased TNF-α in the sciatic nerve.",
                        [("TNF-α", "context_differs")]),
    "another tissue": ("zh_tissue.txt", "跑台运动升高了SNI小鼠海马中TNF-α的表达。", [("TNF-α", "context_differs")]),
    "new species": ("zh_species.txt", "跑台运动降低了SNI大鼠坐骨神经中TNF-α的表达。", [("TNF-α", "refines")]),
    "sibling exercise": ("en_swim.txt", "Swimming increased TNF-α in the sciatic nerve of SNI mice.",
                         [("TNF-α", "contradicts")]),     # judged on the aerobic claim the treadmill finding made
}


_PG = {}      # the PostgreSQL server of the postgresql-parametrised review database


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def review_db(request, tmp_path_factory):
    """A database holding REVIEW, ingested as a review by production code: a SQLite file,
    or a PostgreSQL database (URL)."""
    folder = tmp_path_factory.mktemp("review")
    (folder / "review.txt").write_text(REVIEW, encoding="utf-8")
    if request.param == "postgresql":
        _PG["server"] = request.getfixturevalue("pg_server")
        db = _PG["server"].litmine_database()
    else:
        db = folder / "review.sqlite"
    [res] = litmine.ingest(folder / "review.txt", db, role="review")
    assert res.status == "stored" and res.role == "review" and res.stances == {"new": 4}
    return db


def copy_db(src, tmp_path):
    """A copy of the database ``src`` (a file, or a PostgreSQL database made from it as a template)."""
    if "://" in str(src):
        return _PG["server"].new_database(template=str(src))
    dst = tmp_path / "claims.sqlite"
    shutil.copy(src, dst)
    return dst


def ingest_paper(db, tmp_path, name, text, **kw):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    [res] = litmine.ingest(path, db, **kw)
    assert res.status == "stored", res.error
    return res


def claim(db, cls, target_id):
    [c] = [c for c in litmine.claims(db) if (c["exercise_class"], c["target_id"]) == (cls, target_id)]
    return c


@pytest.mark.parametrize("case", list(PAPERS))
def test_stance_of_every_relation_of_a_new_paper(review_db, tmp_path, case):
    name, text, expected = PAPERS[case]
    db = copy_db(review_db, tmp_path)
    res = ingest_paper(db, tmp_path, name, text)
    rows = litmine.compare(name, db=db)
    assert sorted((r["target"], r["stance"]) for r in rows) == sorted(expected)
    assert res.stances == {st: sum(1 for _, s in expected if s == st) for _, st in expected}
    # restricted to the review's claims, the stances are the same (the review is the only other document)
    assert sorted((r["target"], r["stance"]) for r in litmine.compare(name, review="review.txt", db=db)) == \
        sorted(expected)


def test_the_review_counts_once_and_its_citations_resolve(review_db):
    c = claim(review_db, "treadmill", TNF)
    assert (c["direction"], c["documents"], c["n_evidence"], c["languages"]) == ("decrease", 1, 2, "en,zh")
    assert c["reviews"] == "review.txt" and c["origin"] == "review.txt" and not c["conflict"]
    # consensus 1 × strength 0.9 (one document, however many sentences) × 0.9 (one document language)
    assert c["confidence"] == pytest.approx(0.9 * 0.9)
    shown = litmine.show_claim(c["claim_id"], db=review_db)
    assert {e["lang"] for e in shown["evidence"]} == {"zh", "en"}
    for e in shown["evidence"]:
        assert e["refs"] == ["1"] and e["role"] == "review"
        [work] = e["cited_works"]
        assert (work["authors"], work["year"], work["doi"]) == ("李华, 陈静, 周涛, 等", 2021, "10.5555/cjpm.2021.0304")
    # the treadmill finding also counts for aerobic exercise and exercise, never for swimming
    assert {r["exercise_class"] for r in litmine.claims(review_db, target="TNF-α")} == {"treadmill", "aerobic",
                                                                                       "exercise"}
    assert {r["exercise_class"] for r in litmine.claims(review_db, exercise="aerobic")} == {
        "treadmill", "swimming", "aerobic"}


def test_scores_move_with_agreeing_and_opposing_papers(review_db, tmp_path):
    db = copy_db(review_db, tmp_path)
    before = claim(db, "treadmill", TNF)
    for key in ("agreeing", "new species"):
        ingest_paper(db, tmp_path, *PAPERS[key][:2])
    agreed = claim(db, "treadmill", TNF)
    assert agreed["documents"] == 3 and agreed["confidence"] > before["confidence"]
    assert (agreed["supports"], agreed["refines"], agreed["conflict"]) == (1, 1, False)
    ingest_paper(db, tmp_path, *PAPERS["contradicting"][:2])
    split = claim(db, "treadmill", TNF)
    assert split["direction"] == "decrease" and split["documents_against"] == 1 and split["conflict"]
    assert split["consensus"] == pytest.approx(3 / 4, abs=1e-3)    # three agreeing documents, one against
    assert {c["exercise_class"] for c in litmine.claims(db, conflicts_only=True, target="TNF")} == {
        "treadmill", "aerobic", "exercise"}
    assert all(c["documents"] >= 4 for c in litmine.claims(db, min_docs=4))


def test_incremental_claims_equal_a_rebuild_and_force_replaces_evidence(review_db, tmp_path):
    db = copy_db(review_db, tmp_path)
    for key in ("agreeing", "contradicting", "new target", "healthy animals"):
        ingest_paper(db, tmp_path, *PAPERS[key][:2])

    def snapshot():
        return {(c["exercise_class"], c["target_id"]): {k: c[k] for k in (
            "direction", "documents", "n_evidence", "documents_for", "documents_against", "consensus",
            "confidence", "conflict", "languages", "species")} for c in litmine.claims(db)}

    incremental = snapshot()
    engine = connect(db)
    with engine.begin() as conn:
        rebuild_claims(conn)
    engine.dispose()
    assert snapshot() == incremental
    # --force: the paper is processed again and replaces itself (same id); its evidence is not doubled
    again = ingest_paper(db, tmp_path, *PAPERS["agreeing"][:2], force=True)
    assert again.replaced and snapshot() == incremental
    assert [r.status for r in litmine.ingest(tmp_path / "en_agree.txt", db)] == ["skipped"]
    # a document's role can be changed later; stances and scores do not depend on it
    assert litmine.set_role("en_agree", "review", db=db) == ("en_agree.txt", "primary")
    assert claim(db, "treadmill", TNF)["reviews"] == "en_agree.txt, review.txt" and snapshot() == incremental


def _claims_tables(db) -> tuple[dict, dict]:
    """Every stored column of ``claims`` (by key, but for id and updated_at) with its
    ``claim_contexts`` rows (``contexts``: (direction, context) -> documents), and of
    ``claim_evidence`` (by relation and claim key, but for the row and claim ids)."""
    from sqlalchemy import select
    from litmine.store.schema import ClaimContextRow, ClaimEvidenceRow, ClaimRow
    engine = connect(db)
    with engine.connect() as conn:
        claims = {}
        key_of = {}
        for c in conn.execute(select(ClaimRow.__table__)):
            row = dict(c._mapping)
            key_of[row.pop("id")] = key = (row["exercise_class"], row["target_id"], row["kind"])
            row.pop("updated_at")
            claims[key] = dict(row, contexts={})
        for x in conn.execute(select(ClaimContextRow.__table__)):
            claims[key_of[x.claim_id]]["contexts"][(x.direction, x.context)] = x.documents
        evidence = {}
        for e in conn.execute(select(ClaimEvidenceRow.__table__)):
            row = dict(e._mapping)
            row.pop("id")
            evidence[(row["relation_id"], key_of[row.pop("claim_id")])] = row
    engine.dispose()
    return claims, evidence


def test_claims_written_with_each_document_equal_a_rebuild_from_the_stored_relations(review_db, tmp_path):
    # the writer judges the evidence it has in memory (store.claims.stored_evidence); a rebuild
    # reads it back from the stored relations and sentences: every column must be the same.
    # (No --force here: a replaced document keeps its id, so a rebuild adds it in another order.)
    db = copy_db(review_db, tmp_path)
    for key in ("agreeing", "contradicting", "new target", "healthy animals", "negated", "sibling exercise"):
        ingest_paper(db, tmp_path, *PAPERS[key][:2])
    claims, evidence = _claims_tables(db)
    assert len(claims) >= 10 and len(evidence) >= 20
    engine = connect(db)
    with engine.begin() as conn:
        rebuild_claims(conn)
    engine.dispose()
    rebuilt_claims, rebuilt_evidence = _claims_tables(db)
    assert rebuilt_claims == claims
    assert rebuilt_evidence == evidence


def _write_papers(db, keys, engines=1, fail_once=None, monkeypatch=None):
    """Write the PAPERS ``keys`` with write_document through ``engines`` engines on the file
    ``db``, in turn; ``fail_once``: the paper whose first write fails after its claims were
    judged (its claim_evidence insert raises), then is written again."""
    from sqlalchemy.exc import OperationalError
    import litmine.store.claims as store_claims
    from litmine.errors import DatabaseError
    from litmine.pipeline import process_text
    from litmine.store.db import write_document
    pool = [connect(db) for _ in range(engines)]
    for i, key in enumerate(keys):
        name, text, _ = PAPERS[key]
        rows = document_rows(process_text(text, name))
        engine = pool[i % engines]
        if key == fail_once:
            real = store_claims.insert_many

            def failing(conn, table, values, **kw):
                if table.name == "claim_evidence":
                    raise OperationalError("INSERT", {}, Exception("disk I/O error"))
                return real(conn, table, values, **kw)
            monkeypatch.setattr(store_claims, "insert_many", failing)
            with pytest.raises(DatabaseError, match="disk I/O error"):
                write_document(engine, rows)
            monkeypatch.setattr(store_claims, "insert_many", real)
        write_document(engine, rows)
    for engine in pool:
        engine.dispose()
    return _claims_tables(db)


def test_claims_kept_in_memory_by_a_writer_follow_other_writers_and_rollbacks(tmp_path, monkeypatch):
    # a writer keeps the claims it read between its documents (store.claims._cache); another
    # connection's commits and its own rolled-back transactions must make it read them again
    keys = ["agreeing", "contradicting", "new species", "healthy animals", "negated", "sibling exercise"]
    one = _write_papers(tmp_path / "one.sqlite", keys)
    assert one[0][("treadmill", TNF, "effect")]["documents"] == 5
    assert _write_papers(tmp_path / "two.sqlite", keys, engines=2) == one
    assert _write_papers(tmp_path / "fail.sqlite", keys, fail_once="negated", monkeypatch=monkeypatch) == one


def test_skipped_document_takes_a_new_role(review_db, tmp_path):
    db = copy_db(review_db, tmp_path)
    path = tmp_path / "review.txt"
    path.write_text(REVIEW, encoding="utf-8")
    [res] = litmine.ingest(path, db, role="primary")
    assert (res.status, res.reason) == ("skipped", "role set to primary (was review)")
    assert claim(db, "treadmill", TNF)["reviews"] == ""


def test_claims_tables_export_in_every_table_format(review_db, tmp_path):
    for table in ("claims", "claim_evidence", "cited_works"):
        for fmt in ("csv", "jsonl", "json", "xlsx"):
            out = tmp_path / f"{table}.{fmt}"
            res = litmine.export(review_db, table=table, fmt=fmt, output=out)
            assert res.count == {"claims": 6, "claim_evidence": 12, "cited_works": 2}[table], (table, fmt)
            assert out.stat().st_size > 100


def test_a_version_3_database_gains_the_claims_base(review_db, tmp_path):
    if "://" in str(review_db):
        pytest.skip("makes a version-3 database with sqlite3")
    db = copy_db(review_db, tmp_path)
    expected = {(c["exercise_class"], c["target_id"], c["documents"], c["n_evidence"]) for c in litmine.claims(db)}
    con = sqlite3.connect(db)
    for table in ("claim_evidence", "claims", "cited_works"):
        con.execute(f"DROP TABLE {table}")
    con.execute("ALTER TABLE documents DROP COLUMN role")
    con.execute("UPDATE meta SET value = '3' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    engine = connect(db)
    assert schema_version(engine) == SCHEMA_VERSION >= 4
    assert {(c["exercise_class"], c["target_id"], c["documents"], c["n_evidence"])
            for c in claim_rows(engine)} == expected
    assert {c["reviews"] for c in claim_rows(engine)} == {""}        # every old document is primary
    engine.dispose()


def _as_version_10(db) -> None:
    """Turn the SQLite database ``db`` into the layout of schema v10: each claim's contexts
    back inside its JSON ``state`` (``"contexts": {direction: {context: documents}}``, keys
    sorted, as v10's writer stored them), no ``claim_contexts`` table, version 10 recorded."""
    import json
    con = sqlite3.connect(db)
    contexts = {}
    for claim_id, direction, context, n in con.execute("SELECT claim_id, direction, context, documents "
                                                       "FROM claim_contexts"):
        contexts.setdefault(claim_id, {}).setdefault(direction, {})[context] = n
    for claim_id, state in con.execute("SELECT id, state FROM claims").fetchall():
        parts = dict(json.loads(state), contexts=contexts.get(claim_id, {}))
        con.execute("UPDATE claims SET state = ? WHERE id = ?",
                    (json.dumps(parts, ensure_ascii=False, sort_keys=True), claim_id))
    con.execute("DROP TABLE claim_contexts")
    con.execute("UPDATE meta SET value = '10' WHERE key = 'schema_version'")
    con.commit()
    con.close()


def test_a_version_10_database_gets_its_claim_contexts_as_rows(review_db, tmp_path):
    # v11 keeps a claim's contexts as claim_contexts rows, not inside its JSON state: a v10
    # database is converted in place, and holds (and lists, and goes on updating) the same claims
    if "://" in str(review_db):
        pytest.skip("makes a version-10 database with sqlite3")
    keys = ["agreeing", "contradicting", "healthy animals", "new species", "sibling exercise"]
    db = copy_db(review_db, tmp_path)
    for key in keys:
        ingest_paper(db, tmp_path, *PAPERS[key][:2])
    claims, evidence = _claims_tables(db)
    listed = litmine.claims(db)
    treadmill = claims[("treadmill", TNF, "effect")]["contexts"]
    assert treadmill[("decrease", "disease_model\x1fmouse\x1fsciatic nerve\x1fSNI\x1f")] == 2
    assert treadmill[("increase", "healthy\x1fmouse\x1fsciatic nerve\x1f\x1f")] == 1
    assert "contexts" not in claims[("treadmill", TNF, "effect")]["state"]
    _as_version_10(db)
    con = sqlite3.connect(db)
    [state] = con.execute("SELECT state FROM claims WHERE exercise_class = 'treadmill' AND target_id = ?", (TNF,)
                          ).fetchone()
    con.close()
    assert '"contexts": {"decrease": {' in state
    engine = connect(db)                 # migrates
    assert schema_version(engine) == SCHEMA_VERSION >= 11     # through v12's rebuild too
    engine.dispose()
    assert _claims_tables(db) == (claims, evidence)
    assert litmine.claims(db) == listed
    # the migrated database goes on as one that never was v10
    (tmp_path / "fresh").mkdir()
    fresh = copy_db(review_db, tmp_path / "fresh")
    for key in keys:
        ingest_paper(fresh, tmp_path / "fresh", *PAPERS[key][:2])
    for target in (db, fresh):
        ingest_paper(target, tmp_path, *PAPERS["negated"][:2])
        ingest_paper(target, tmp_path, *PAPERS["another tissue"][:2])
    assert _claims_tables(db) == _claims_tables(fresh)


def test_taking_a_document_off_the_claims_deletes_and_updates_only_its_contexts(review_db, tmp_path):
    # remove_document_claims (before a --force replaces a document) writes back the context
    # counts it changed: a context only that document had is deleted, a shared one decremented
    from sqlalchemy import delete
    from litmine.store.claims import remove_document_claims
    from litmine.store.schema import DocumentRow
    db = copy_db(review_db, tmp_path)
    for key in ("agreeing", "contradicting", "new species"):
        ingest_paper(db, tmp_path, *PAPERS[key][:2])
    before = {k: c["contexts"] for k, c in _claims_tables(db)[0].items()}
    last = ingest_paper(db, tmp_path, "en_both.txt", PAPERS["healthy animals"][1] + " " + PAPERS["agreeing"][1])
    during = {k: c["contexts"] for k, c in _claims_tables(db)[0].items()}
    healthy = ("increase", "healthy\x1fmouse\x1fsciatic nerve\x1f\x1f")
    sni = ("decrease", "disease_model\x1fmouse\x1fsciatic nerve\x1fSNI\x1f")
    treadmill = ("treadmill", TNF, "effect")
    assert healthy not in before[treadmill] and during[treadmill][healthy] == 1
    assert during[treadmill][sni] == before[treadmill][sni] + 1 == 3
    engine = connect(db)
    with engine.begin() as conn:
        assert remove_document_claims(conn, last.document_id) == 2 * 3     # 2 relations, 3 lineage claims each
        conn.execute(delete(DocumentRow).where(DocumentRow.id == last.document_id))
    engine.dispose()
    assert {k: c["contexts"] for k, c in _claims_tables(db)[0].items()} == before


# --------------------------------------------------------------------------- the shared seed as the review

@pytest.fixture(scope="module")
def seed_db(tmp_path_factory, seed_processed):
    db = tmp_path_factory.mktemp("seed") / "seed.sqlite"
    engine = connect(db)
    from litmine.store.db import write_document
    write_document(engine, document_rows(seed_processed, "review"))
    engine.dispose()
    return db


@needs_shared
def test_seed_bdnf_evidence_is_one_conflicted_claim(seed_db):
    c = claim(seed_db, "exercise", BDNF)
    assert c["conflict"] and c["documents"] == 1 and c["n_evidence"] >= 5
    # the review itself is split: one document with sentences both ways, counted once, as mixed
    assert (c["documents_for"], c["documents_against"], c["documents_mixed"]) == (0, 0, 1)
    assert c["reviews"] == "000_e4f3cd9c43015cd5.txt"


@needs_shared
@pytest.mark.parametrize("target_id", [TNF, IL1B])
def test_seed_cytokine_decrease_claims_count_one_document(seed_db, target_id):
    c = claim(seed_db, "exercise", target_id)
    assert c["direction"] == "decrease" and c["documents"] == 1 and c["n_evidence"] >= 2
    assert c["consensus"] == 1.0 and c["confidence"] == pytest.approx(0.9 * 0.9, abs=0.01)


@needs_shared
def test_seed_chinese_and_english_abstracts_are_one_documents_evidence(seed_db):
    c = claim(seed_db, "exercise", "MESH:D009437")               # exercise -> neuropathic pain
    assert c["languages"] == "en,zh" and c["documents"] == 1 and c["documents_for"] == 1


@needs_shared
@pytest.mark.parametrize("case", ["agreeing", "contradicting", "new target", "healthy animals", "another tissue",
                                  "new species"])
def test_new_papers_against_the_seed(seed_db, tmp_path, case):
    name, text, expected = PAPERS[case]
    db = copy_db(seed_db, tmp_path)
    ingest_paper(db, tmp_path, name, text)
    assert sorted((r["target"], r["stance"]) for r in litmine.compare(name, db=db)) == sorted(expected)
    assert sorted((r["target"], r["stance"]) for r in litmine.compare(name, review="000_e4f3", db=db)) == \
        sorted(expected)


def test_claims_are_read_by_key_through_the_unique_index(tmp_path):
    """The look-up of a document's claims is a search of the (exercise_class, target_id, kind)
    index, not a scan of the claims table (states and all) once per document; it finds the
    stored claims and only them."""
    from sqlalchemy.dialects import sqlite as sqlite_dialect

    from litmine.store.claims import _CLAIMS_BY_KEY, _load
    engine = connect(tmp_path / "k.sqlite")
    try:
        litmine.store.db.write_document(engine, document_rows(litmine.process_text(
            "Treadmill running reduced TNF-α in the sciatic nerve of SNI mice. "
            "Swimming increased BDNF in the hippocampus of rats.", "k.txt")))
        sql = str(_CLAIMS_BY_KEY.params(cls="treadmill", kind="effect", targets=[TNF, BDNF]).compile(
            dialect=sqlite_dialect.dialect(), compile_kwargs={"literal_binds": True}))
        with engine.connect() as conn:
            plan = " | ".join(r[-1] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            states, ids = _load(conn, [("treadmill", TNF, "effect"), ("aerobic", TNF, "effect"),
                                       ("swimming", BDNF, "effect"), ("treadmill", BDNF, "effect")])
        assert "USING INDEX sqlite_autoindex_claims_1" in plan and "SCAN claims" not in plan
        assert set(states) == set(ids) == {("treadmill", TNF, "effect"), ("aerobic", TNF, "effect"),
                                           ("swimming", BDNF, "effect")}
        assert states[("aerobic", TNF, "effect")].documents == 1
    finally:
        engine.dispose()
