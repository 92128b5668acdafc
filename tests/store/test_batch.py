"""Several documents in one write transaction (:class:`litmine.store.db.WriteBatch`, the group
commit of ``ingest --workers N``): the same database as one transaction per document, nothing
of a batch visible or kept before it commits, a failed or interrupted document rolled back alone.
SQLite only (elsewhere each document keeps its own transaction). Texts written for these tests."""
from __future__ import annotations

import sqlite3

import pytest

from helpers import db_contents
from litmine.errors import DuplicateDocumentError
from litmine.pipeline import process_text
from litmine.store import claims as claims_store
from litmine.store.db import WriteBatch, batched, connect, write_document
from litmine.store.rows import document_rows

TEXTS = [
    ("a.txt", "Treadmill running for four weeks lowered TNF-α in the spinal cord of CCI rats."),
    ("b.txt", "Swimming reduced IL-6 in the dorsal root ganglion of rats after sciatic nerve injury."),
    ("c.txt", "Treadmill exercise did not change TNF-α in the spinal cord of SNI mice."),
    ("d.txt", "跑台运动降低了CCI大鼠脊髓中TNF-α的表达。"),
    ("e.txt", "Voluntary wheel running increased IL-10 in the spinal cord of CCI mice."),
]


@pytest.fixture(scope="module")
def rows():
    return [document_rows(process_text(text, name)) for name, text in TEXTS]


def _names(path) -> list[str]:
    return [r[0] for r in sqlite3.connect(path).execute("SELECT name FROM documents ORDER BY id")]


def test_a_batch_stores_what_one_transaction_per_document_stores(tmp_path, rows):
    one, two = connect(tmp_path / "one.sqlite"), connect(tmp_path / "two.sqlite")
    ids_one = [write_document(one, r) for r in rows]
    batch = WriteBatch(two, documents=2)
    ids_two, commits = [], 0
    for r in rows:
        ids_two.append(write_document(batch, r))
        if batch.due():                       # the boundary: after the 2nd and the 4th document
            batch.commit()
            commits += 1
    batch.commit()
    assert commits == 2 and ids_two == ids_one == [1, 2, 3, 4, 5]
    a, b = db_contents(one), db_contents(two)
    assert a["relations"] and a["claims"] and len(a["claim_evidence"]) >= 4 and a == b


def test_nothing_of_a_batch_is_visible_or_kept_before_it_commits(tmp_path, rows):
    db = tmp_path / "t.sqlite"
    engine = connect(db)
    batch = WriteBatch(engine, documents=10)
    write_document(batch, rows[0])
    write_document(batch, rows[1])
    assert not batch.due() and _names(db) == []           # another connection sees nothing yet
    with batch.connect() as conn:                            # the batch's own reads see its documents
        assert conn.exec_driver_sql("SELECT count(*) FROM documents").scalar() == 2
    batch.commit()
    assert _names(db) == ["a.txt", "b.txt"]
    write_document(batch, rows[2])
    batch.rollback()                                         # an interrupted batch: as before it
    assert _names(db) == ["a.txt", "b.txt"]
    assert db_contents(engine) == db_contents(_fresh(tmp_path / "ref.sqlite", rows[:2]))


def _fresh(path, rows):
    engine = connect(path)
    for r in rows:
        write_document(engine, r)
    return engine


def test_a_document_refused_before_writing_leaves_the_batch_as_it_was(tmp_path, rows):
    engine = connect(tmp_path / "t.sqlite")
    batch = WriteBatch(engine, documents=10)
    write_document(batch, rows[0])
    with pytest.raises(DuplicateDocumentError):
        write_document(batch, rows[0])                      # the same content again: found first
    write_document(batch, rows[1])
    batch.commit()
    assert batch.aborts == 0 and batch.commits == 1
    assert db_contents(engine) == db_contents(_fresh(tmp_path / "ref.sqlite", rows[:2]))


def test_a_document_interrupted_half_way_rolls_the_batch_back(tmp_path, rows, monkeypatch):
    """Ctrl-C inside a document's claims update (its rows inserted, its claims changed in
    memory): the batch's transaction is rolled back whole -- the earlier document of the batch
    with it -- and the claims cache dropped; what is written next (the same claim, treadmill /
    TNF-α, again) is stored as in a database that never saw the batch."""
    db = tmp_path / "t.sqlite"
    engine = connect(db)
    write_document(engine, rows[1])                        # committed before the batch
    batch = WriteBatch(engine, documents=10)
    write_document(batch, rows[0])
    real = claims_store.add_document_claims

    def interrupted(conn, document_id, *args, **kwargs):
        real(conn, document_id, *args, **kwargs)
        raise KeyboardInterrupt

    monkeypatch.setattr("litmine.store.db.add_document_claims", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_document(batch, rows[2])
    monkeypatch.setattr("litmine.store.db.add_document_claims", real)
    assert batch.aborts == 1 and not batch.open and _names(db) == ["b.txt"]
    write_document(batch, rows[3])
    batch.commit()
    got = db_contents(engine)
    assert [d[1] for d in got["documents"]] == ["b.txt", "d.txt"] and got["claims"]
    assert got == db_contents(_fresh(tmp_path / "ref.sqlite", [rows[1], rows[3]]))


def test_batched_is_for_sqlite_only(engine):
    got = batched(engine)
    assert isinstance(got, WriteBatch) if engine.dialect.name == "sqlite" else got is None
