"""``ingest --workers N``: worker processes run the NLP, this process reads, decides and stores;
the database is the one a single worker makes."""
from __future__ import annotations

import pytest

from helpers import ROOT, db_contents as contents
from litmine.pipeline import ingest
from litmine.store.db import connect


CORPUS = sorted((ROOT / "corpus").glob("*.txt"))


@pytest.mark.skipif(not CORPUS, reason="corpus/ is absent")
def test_two_workers_store_what_one_stores(tmp_path):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    copy = tmp_path / "copy.txt"
    copy.write_bytes(CORPUS[0].read_bytes())
    ris = tmp_path / "export.ris"           # one record twice (same DOI), edited: the second replaces the first
    ris.write_text("".join(f"TY  - JOUR\nAU  - Okafor, Bola\nPY  - 2020\nDO  - 10.5555/pr.2020.1\n"
                           f"TI  - Swimming and interleukin-6 after nerve injury{t}\n"
                           f"AB  - Swimming for 6 weeks reduced IL-6 in the DRG of CCI rats{t}.\nER  - \n"
                           for t in ("", " (corrected)")), encoding="utf-8")
    files = [*CORPUS[:3], bad, copy, ris]   # a failure, a duplicate file and a record depending on the one before
    one, two = connect(tmp_path / "one.sqlite"), connect(tmp_path / "two.sqlite")
    seq = list(ingest(files, one))
    par = list(ingest(files, two, workers=2))
    assert [(r.path, r.status, r.document_id, r.n_relations, r.stances, r.merged_by) for r in par] == \
        [(r.path, r.status, r.document_id, r.n_relations, r.stances, r.merged_by) for r in seq]
    assert [r.status for r in par][-4:] == ["failed", "skipped", "stored", "stored"] and "bad.pdf" in par[-4].error
    assert par[-1].replaced and par[-1].document_id == par[-2].document_id     # the same record, edited
    a, b = contents(one), contents(two)
    assert a["relations"] and a["claims"] and a == b


@pytest.mark.skipif(not CORPUS, reason="corpus/ is absent")
def test_a_reader_that_stops_keeps_whole_documents_and_the_rerun_stores_the_rest(tmp_path, monkeypatch):
    """The writer stores documents in batches of two (group commit, one SQLite transaction):
    a caller that stops after the first result leaves only whole documents, every result it
    was given committed; the re-run skips them and stores the others, and the database ends
    as one uninterrupted one-worker ingest makes it."""
    monkeypatch.setattr("litmine.store.db.BATCH_DOCUMENTS", 2)
    files = CORPUS[:5]
    one, two = connect(tmp_path / "one.sqlite"), connect(tmp_path / "two.sqlite")
    seq = list(ingest(files, one))
    run = ingest(files, two, workers=2)
    first = next(run)
    run.close()
    stored = [r[0] for r in contents(two)["documents"]]
    assert first.status == "stored" and first.document_id in stored and stored == list(range(1, len(stored) + 1))
    again = list(ingest(files, two, workers=2))
    assert [r.status for r in again] == ["skipped"] * len(stored) + ["stored"] * (len(files) - len(stored))
    assert [r.document_id for r in again] == [r.document_id for r in seq]
    assert contents(one) == contents(two)


@pytest.mark.skipif(not CORPUS, reason="corpus/ is absent")
def test_a_write_failing_half_way_through_a_batch_fails_its_document_only(tmp_path, monkeypatch):
    """The third document's write fails after its rows are inserted (a disk error in its claims
    update): with one transaction per document that document alone is not stored; in the
    writer's batch the whole transaction is rolled back, and the batch's earlier documents are
    written again -- the same results and the same database."""
    import sqlite3

    from sqlalchemy.exc import OperationalError

    import litmine.store.db as db
    real, calls = db.add_document_claims, []

    def failing(conn, *args, **kwargs):
        calls.append(1)
        if len(calls) == 3:
            raise OperationalError("INSERT", {}, sqlite3.OperationalError("disk I/O error"))
        return real(conn, *args, **kwargs)

    monkeypatch.setattr(db, "add_document_claims", failing)
    files = CORPUS[:5]
    one, two = connect(tmp_path / "one.sqlite"), connect(tmp_path / "two.sqlite")
    seq = list(ingest(files, one))
    assert len(calls) == 5
    calls.clear()
    monkeypatch.setattr(db, "BATCH_SECONDS", 60.0)         # one batch: it holds documents 1 and 2 at the failure
    par = list(ingest(files, two, workers=2))
    assert len(calls) == 7                                  # 1, 2, 3 (fails), 1 and 2 again, 4, 5
    assert [r.status for r in seq] == ["stored", "stored", "failed", "stored", "stored"]
    assert "disk I/O error" in seq[2].error and "nothing of it was stored" in seq[2].error
    assert [(r.path, r.status, r.document_id, r.error) for r in par] == \
        [(r.path, r.status, r.document_id, r.error) for r in seq]
    assert contents(one) == contents(two)


def test_workers_must_be_positive(engine):
    with pytest.raises(ValueError, match="workers=0"):
        list(ingest([], engine, workers=0))


def test_rows_travel_to_the_writer_as_tuples():
    """What a worker sends the writer (its rows, pickled) reads back equal, every table, and
    holds field values, not one dataclass per row."""
    import pickle

    from litmine.pipeline import process_text
    from litmine.store.rows import document_rows
    rows = document_rows(process_text("Treadmill running for 6 weeks lowered IL-6 and TNF-α in the DRG of "
                                      "CCI rats [3]. 跑台运动降低了SNI小鼠脊髓TNF-α的表达。", "w.txt"), "review")
    assert rows.sentences and rows.mentions and rows.relations and rows.concepts
    data = pickle.dumps(rows, protocol=pickle.HIGHEST_PROTOCOL)
    back = pickle.loads(data)
    assert back == rows and back.document.role == "review" and type(back.relations) is list
    assert b"MentionValues" not in data and b"RelationValues" not in data



def _worker_state() -> tuple:
    """(warm_up's cache size and misses, objects frozen for the collector, pid) of the calling process."""
    import gc
    import os

    from litmine.pipeline import warm_up
    info = warm_up.cache_info()
    return info.currsize, info.misses, gc.get_freeze_count(), os.getpid()


@pytest.mark.skipif("forkserver" not in __import__("multiprocessing").get_all_start_methods(),
                    reason="no forkserver start method on this platform (workers are spawned)")
def test_workers_are_forked_with_the_models_loaded():
    """A worker comes from the server process that loaded the pipelines once: it has them before
    any initializer of its own runs, frozen for the garbage collector, and it is not this process."""
    import os
    from concurrent.futures import ProcessPoolExecutor

    from litmine.pipeline import worker_context
    with ProcessPoolExecutor(1, mp_context=worker_context()) as pool:      # no initializer
        size, misses, frozen, pid = pool.submit(_worker_state).result()
    assert size == 1 and misses == 1       # warm_up ran once, in the server, before the fork
    assert frozen > 10_000 and pid != os.getpid()


def test_ingest_collects_garbage_less_often_and_gives_the_thresholds_back(tmp_path, engine):
    """While documents are ingested the collector runs at GC_THRESHOLDS; the caller's thresholds
    come back when the last of two interleaved ingests ends, not when the first does."""
    import gc

    from litmine.pipeline import GC_THRESHOLDS
    paths = []
    for k, text in enumerate(("Swimming for 4 weeks lowered IL-6 in the DRG of CCI rats.",
                              "Treadmill running raised BDNF in the spinal cord of SNI mice.")):
        paths.append(tmp_path / f"doc{k}.txt")
        paths[-1].write_text(text, encoding="utf-8")
    old = gc.get_threshold()
    gc.set_threshold(900, 11, 12)
    try:
        seen = []
        first = ingest([paths[0]], engine, on_start=lambda p: seen.append(gc.get_threshold()))
        second = ingest([paths[1]], engine, on_start=lambda p: seen.append(gc.get_threshold()))
        assert next(first).status == "stored" and next(second).status == "stored"
        assert list(first) == [] and gc.get_threshold() == GC_THRESHOLDS     # the second one still runs
        assert list(second) == [] and gc.get_threshold() == (900, 11, 12)
        assert seen == [GC_THRESHOLDS, GC_THRESHOLDS] and GC_THRESHOLDS[0] > 900
    finally:
        gc.set_threshold(*old)
