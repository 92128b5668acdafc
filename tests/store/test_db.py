"""Storage: round trip, re-ingest idempotence, one transaction per document, schema version."""
import pytest
from sqlalchemy import func, select, text

from litmine.errors import DatabaseError
from litmine.pipeline import ingest, process_text
from litmine.store.rows import document_rows
from litmine.store.db import connect, schema_version, write_document
from litmine.store.queries import relations, stats, table_rows
from litmine.store.schema import SCHEMA_VERSION, DocumentRow, RelationRow, SentenceRow

ZH = ("6周跑台运动显著降低了SNI小鼠脊髓背角TNF-α和IL-1β的表达[12]。"
      "此外, 运动还提高了BDNF水平。")


def test_round_trip(engine):
    pd = process_text(ZH, "zh.txt")
    doc_id = write_document(engine, document_rows(pd))
    rows = relations(engine, doc="zh.txt")
    assert {(r["direction"], r["target"]) for r in rows} >= {("decrease", "TNF-α"), ("decrease", "IL-1β")}
    r = next(r for r in rows if r["target"] == "TNF-α")
    assert r["exercise"] == "treadmill" and r["duration"] == "6 weeks" and r["refs"] == ["12"]
    assert r["species"] == "mouse" and r["document_id"] == doc_id
    stored_text = next(table_rows(engine, "sentences"))["text"]
    assert stored_text == pd.sentences[0].text
    # offsets re-slice the stored document text
    with engine.connect() as conn:
        full = conn.execute(select(DocumentRow.text)).scalar()
        for start, end, t in conn.execute(select(SentenceRow.start, SentenceRow.end, SentenceRow.text)):
            assert full[start:end] == t


def test_reingest_is_idempotent(tmp_path, engine):
    f = tmp_path / "a.txt"
    f.write_text(ZH, encoding="utf-8")
    first = list(ingest([f], engine))
    second = list(ingest([f], engine))
    assert [r.status for r in first] == ["stored"] and [r.status for r in second] == ["skipped"]
    assert stats(engine)["documents"] == 1


def test_failed_write_leaves_nothing(engine):
    rows = document_rows(process_text(ZH, "zh.txt"))
    assert rows.relations and rows.sentences
    rows.relations[-1].target_text = None      # NOT NULL: the last insert of the transaction fails
    with pytest.raises(DatabaseError, match="zh.txt: database write failed.*nothing of it was stored"):
        write_document(engine, rows)
    with engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(DocumentRow)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(SentenceRow)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(RelationRow)).scalar() == 0


def test_write_document_takes_rows_only(engine):
    with pytest.raises(TypeError, match="document_rows"):
        write_document(engine, process_text(ZH, "zh.txt"))


def test_schema_version_recorded_and_newer_refused(tmp_path):
    path = tmp_path / "v.sqlite"
    eng = connect(path)
    assert schema_version(eng) == SCHEMA_VERSION
    with eng.begin() as conn:
        conn.execute(text("UPDATE meta SET value = :v WHERE key = 'schema_version'"), {"v": str(SCHEMA_VERSION + 1)})
    eng.dispose()
    with pytest.raises(DatabaseError, match="newer"):
        connect(path)


def test_filters_are_bound_parameters(engine):
    write_document(engine, document_rows(process_text(ZH, "zh.txt")))
    assert relations(engine, target="x' OR '1'='1") == []
    assert stats(engine)["relations"] > 0


def test_version_1_database_gains_timing_columns(tmp_path):
    path = tmp_path / "v1.sqlite"
    eng = connect(path)
    write_document(eng, document_rows(process_text(ZH, "zh.txt")))
    with eng.begin() as conn:  # make it look like a version-1 database
        conn.execute(text("ALTER TABLE relations DROP COLUMN timing"))
        conn.execute(text("ALTER TABLE relations DROP COLUMN timing_days"))
        conn.execute(text("UPDATE meta SET value = '1' WHERE key = 'schema_version'"))
    eng.dispose()
    eng = connect(path)
    assert schema_version(eng) == SCHEMA_VERSION  # through every later migration too
    assert relations(eng, doc="zh.txt")[0]["timing"] is None  # old rows kept, new column empty


def test_timing_is_stored_apart_from_duration(engine):
    write_document(engine, document_rows(process_text("神经损伤后2周开始6周跑台运动降低了大鼠脊髓中TNF-α的表达。", "t.txt")))
    (r,) = relations(engine, target="TNF")
    assert (r["duration"], r["timing"], r["timing_days"]) == ("6 weeks", "2 weeks after injury", 14.0)


def test_sqlite_writer_connection_gets_the_large_page_cache(tmp_path):
    """A connection that has written has CACHE_KIB of page cache; one that only read keeps
    SQLite's default (a reading command's memory does not grow by it)."""
    from litmine.store.db import CACHE_KIB
    connect(tmp_path / "c.sqlite").dispose()     # made (a write); then opened as a reading command does
    engine = connect(tmp_path / "c.sqlite")
    try:
        with engine.connect() as reader:
            with engine.connect() as other:      # a second pooled connection, never used to write
                write_document(engine, document_rows(process_text(ZH, "zh.txt")))
                assert other.exec_driver_sql("PRAGMA cache_size").scalar() == -2000
            assert reader.exec_driver_sql("PRAGMA cache_size").scalar() == -2000
        with engine.connect() as conn:            # the pool hands back the connection that wrote
            sizes = {conn.exec_driver_sql("PRAGMA cache_size").scalar()}
        assert sizes == {-CACHE_KIB}
    finally:
        engine.dispose()
