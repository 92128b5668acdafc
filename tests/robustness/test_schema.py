"""Schema versions: an older database is migrated in place (all or nothing), a
newer one refused with a clear message, a file that is not a litmine database
is left alone, and the read-only commands never create a database."""
from __future__ import annotations

import sqlite3

import pytest
from click.testing import CliRunner

import litmine.store.db as dbmod
from helpers import migrate_from
from litmine.cli import cli
from litmine.errors import DatabaseError
from litmine.pipeline import ingest, process_text
from litmine.store.rows import document_rows
from litmine.store.db import connect, schema_version, write_document
from litmine.store.queries import relations, table_rows
from litmine.store.schema import SCHEMA_VERSION

ZH = "6周跑台运动显著降低了SNI小鼠脊髓背角TNF-α和IL-1β的表达[12]。"
EN = "Swimming increased IL-10 in the spinal cord of CCI rats."
# Columns a version-0 database lacks in these tests (any non-key column would do).
DROPPED = {"documents": ["warnings"], "relations": ["pain_effect", "context_from", "trigger"]}


def make_older(path, version: int, statements: list[str]) -> None:
    """A database of schema ``version`` with one document: made by this litmine, then
    ``statements`` (SQL) undo what later versions added (:func:`helpers.migrate_from`, which
    opens it once: it is migrated)."""
    engine = connect(path)
    write_document(engine, document_rows(process_text(ZH, "old.txt")))
    engine.dispose()
    migrate_from(path, version, statements)


def make_v0(path, with_meta: bool = False):
    """A database as an early build left it: some columns missing, no schema
    version (or ``0``), one document stored."""
    engine = connect(path)
    doc_id = write_document(engine, document_rows(process_text(ZH, "old.txt")))
    engine.dispose()
    con = sqlite3.connect(path)
    for table, cols in DROPPED.items():
        for col in cols:
            con.execute(f'DROP INDEX IF EXISTS "ix_{table}_{col}"')     # (indexed since v5)
            con.execute(f'ALTER TABLE {table} DROP COLUMN "{col}"')
    if with_meta:
        con.execute("UPDATE meta SET value = '0' WHERE key = 'schema_version'")
    else:
        con.execute("DROP TABLE meta")
    con.commit()
    con.close()
    return doc_id


def columns(path, table):
    con = sqlite3.connect(path)
    try:
        return {r[1] for r in con.execute(f"PRAGMA table_info({table})")}
    finally:
        con.close()


@pytest.mark.parametrize("with_meta", [False, True], ids=["no-version-record", "version-0"])
def test_version_0_database_is_migrated(tmp_path, with_meta):
    path = tmp_path / "old.sqlite"
    old_id = make_v0(path, with_meta)
    assert "pain_effect" not in columns(path, "relations")

    engine = connect(path)
    assert schema_version(engine) == SCHEMA_VERSION
    for table, cols in DROPPED.items():
        assert set(cols) <= columns(path, table)
    old = relations(engine, doc="old.txt")                      # old rows read with the defaults
    assert old and {r["pain_effect"] for r in old} == {"none"} and all(r["context_from"] == {} for r in old)
    assert next(r for r in table_rows(engine, "documents") if r["id"] == old_id)["warnings"] == ""
    # and the migrated database takes new documents
    f = tmp_path / "new.txt"
    f.write_text(EN, encoding="utf-8")
    assert [r.status for r in ingest([f], engine)] == ["stored"]
    assert relations(engine, doc="new.txt")
    engine.dispose()
    assert schema_version(connect(path)) == SCHEMA_VERSION     # idempotent


V5_INDEXES = ["ix_relations_order", "ix_relations_pain_effect", "ix_sentences_lang",
              *(f"ix_relations_{k}_order" for k in ("target_id", "target_key", "exercise_class", "model_key",
                                                    "species_key", "direction", "sentence_lang"))]


def test_a_version_4_database_gains_indexed_query_keys(tmp_path):
    path = tmp_path / "v4.sqlite"
    make_older(path, 4, [f'DROP INDEX "{index}"' for index in V5_INDEXES]
               + [f'ALTER TABLE relations DROP COLUMN "{col}"'
                  for col in ("exercise_class", "target_key", "model_key", "species_key", "sentence_lang")]
               + ["CREATE INDEX ix_relations_target_id ON relations (target_id)",      # as v4 had them
                  "CREATE INDEX ix_relations_direction ON relations (direction)"])

    engine = connect(path)
    assert schema_version(engine) == SCHEMA_VERSION
    con = sqlite3.connect(path)
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert set(V5_INDEXES) <= indexes and not {"ix_relations_target_id", "ix_relations_direction"} & indexes
    keys = set(con.execute("SELECT exercise_class, target_key, model_key, species_key, sentence_lang FROM relations"))
    con.close()
    assert ("treadmill", "tnf-α", "sni", "mouse", "zh") in keys and ("treadmill", "il-1β", "sni", "mouse", "zh") in keys
    assert {r["target"] for r in relations(engine, target="TNF", exercise="跑台", species="小鼠")} == {"TNF-α"}


def test_a_failed_migration_changes_nothing(tmp_path, monkeypatch):
    path = tmp_path / "old.sqlite"
    make_v0(path)
    real = dbmod.MIGRATIONS[0]

    def half_then_fail(conn):
        real(conn)
        raise RuntimeError("power cut")

    monkeypatch.setitem(dbmod.MIGRATIONS, 0, half_then_fail)
    with pytest.raises(RuntimeError):
        connect(path)
    assert "pain_effect" not in columns(path, "relations")
    assert "meta" not in {r[0] for r in sqlite3.connect(path).execute("SELECT name FROM sqlite_master")}
    monkeypatch.setitem(dbmod.MIGRATIONS, 0, real)
    assert schema_version(connect(path)) == SCHEMA_VERSION


def test_newer_database_is_refused_and_left_alone(tmp_path):
    path = tmp_path / "new.sqlite"
    connect(path).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    con.commit()
    con.close()
    before = path.read_bytes()
    for args in (["query"], ["stats"], ["export", "--table", "documents"], ["ingest", str(tmp_path)]):
        res = CliRunner().invoke(cli, [*args, "--db", str(path)])
        assert res.exit_code == 1
        message = res.stderr.strip()
        assert message == (f"Error: {path}: database schema version {SCHEMA_VERSION + 1} is newer than this "
                           f"litmine's ({SCHEMA_VERSION}); upgrade litmine (pip install -U litmine) or use "
                           "another --db")
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"just some notes\n", b"%PDF-1.4\n" + bytes(range(256)) * 20],
                         ids=["text", "pdf"])
def test_a_file_that_is_not_a_database_is_left_alone(tmp_path, content):
    path = tmp_path / "notes.sqlite"
    path.write_bytes(content)
    for args in (["stats"], ["ingest", str(tmp_path / "none.txt")]):
        res = CliRunner().invoke(cli, [*args, "--db", str(path)])
        assert res.exit_code == 1
        assert res.stderr.strip() == (f"Error: {path}: cannot open database (file is not a database); "
                                      "check that --db names a litmine SQLite file")
    assert path.read_bytes() == content
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.sqlite"]


def test_unreadable_schema_version_is_an_error(tmp_path):
    path = tmp_path / "odd.sqlite"
    connect(path).dispose()
    con = sqlite3.connect(path)
    con.execute("UPDATE meta SET value = 'banana' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    with pytest.raises(DatabaseError, match="schema version 'banana' is not a number"):
        connect(path)


@pytest.mark.parametrize("args", [["query"], ["stats"], ["export", "--table", "relations"]])
def test_read_commands_do_not_create_a_database(tmp_path, args):
    path = tmp_path / "sub" / "typo.sqlite"
    res = CliRunner().invoke(cli, [*args, "--db", str(path)])
    assert res.exit_code == 1
    assert res.stderr.strip() == (f"Error: {path}: no such database (check --db or $LITMINE_DB, "
                                  "or create it with litmine ingest)")
    assert not (tmp_path / "sub").exists()


def test_a_version_9_database_loses_the_redundant_claim_evidence_indexes(tmp_path):
    from litmine.store.claims import claim_detail, claim_rows
    path = tmp_path / "v9.sqlite"
    make_older(path, 9, ["CREATE INDEX ix_claim_evidence_claim_id ON claim_evidence (claim_id)",   # as v9 had them
                         "CREATE INDEX ix_claim_evidence_stance ON claim_evidence (stance)"])

    engine = connect(path)
    assert schema_version(engine) == SCHEMA_VERSION
    con = sqlite3.connect(path)
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    plan = " ".join(r[-1] for r in con.execute(
        "EXPLAIN QUERY PLAN SELECT stance, count(*) FROM claim_evidence WHERE claim_id IN (1, 2) GROUP BY stance"))
    con.close()
    assert not {"ix_claim_evidence_claim_id", "ix_claim_evidence_stance"} & indexes
    assert "sqlite_autoindex_claim_evidence_1 (claim_id=?)" in plan       # the look-up by claim keeps an index
    first = claim_rows(engine)[0]
    assert first["documents"] == 1 and claim_detail(engine, first["claim_id"])["evidence"]


def test_a_version_12_database_loses_the_unused_indexes_and_keeps_its_rows(tmp_path):
    """v13 drops the indexes nothing reads through (relations by document id alone, by exercise
    and model name; mentions by concept): a v12 database, which has them, is migrated in place,
    its rows unchanged, and queries and a --force replace (the cascades by document and
    sentence) still answer through the remaining indexes."""
    from helpers import db_contents
    path = tmp_path / "v12.sqlite"
    engine = connect(path)
    write_document(engine, document_rows(process_text(ZH, "old.txt")))
    before = db_contents(engine)
    engine.dispose()
    migrate_from(path, 12, ["CREATE INDEX ix_relations_document_id ON relations (document_id)",   # as v12 had them
                            "CREATE INDEX ix_relations_exercise ON relations (exercise)",
                            "CREATE INDEX ix_relations_model ON relations (model)",
                            "CREATE INDEX ix_mentions_concept_id ON mentions (concept_id)"])
    engine = connect(path)
    assert schema_version(engine) == SCHEMA_VERSION == 13
    con = sqlite3.connect(path)
    indexes = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    plan = " | ".join(r[-1] for r in con.execute("EXPLAIN QUERY PLAN DELETE FROM relations WHERE document_id = 1"))
    con.close()
    assert not set(dbmod.UNUSED_INDEXES) & indexes and {"ix_relations_order", "ix_relations_sentence_id",
                                                        "ix_mentions_document_id"} <= indexes
    assert "USING INDEX ix_relations_order" in plan
    assert db_contents(engine) == before
    assert {r["target"] for r in relations(engine, target="TNF", exercise="跑台", model="SNI")} == {"TNF-α"}
    f = tmp_path / "old.txt"
    f.write_text(ZH, encoding="utf-8")
    assert [(r.status, r.replaced) for r in ingest([f], engine, force=True)] == [("stored", True)]
    assert len(relations(engine)) == len(before["relations"])
