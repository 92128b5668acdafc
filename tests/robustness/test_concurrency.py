"""Two ``litmine ingest`` processes and a reader on one SQLite file at once.

One round by default, on a database not created beforehand, so the two
writers race to create the schema and then to store (each writer's start-up
costs about 2 CPU seconds: a second round on a database made beforehand only
repeated the document race; ``LITMINE_CONCURRENCY_ROUNDS=2`` adds it back, and
more rounds alternate the two). The writers get the same 32 documents: one
in folder order, the other in reverse, so they meet in the middle and race
to store the same content (the loser must report ``skipped``). Once a
document is stored, a reader (this process, through the library's query, on
its own connection) queries again and again until both writers end: every
answer must come without waiting for the writers or failing, and never shrink.
"""
from __future__ import annotations

import hashlib
import os
import re
import sqlite3
import threading
import time

import pytest
from sqlalchemy.exc import OperationalError

import litmine
import litmine.store.db as dbmod
from litmine.errors import DatabaseError, DuplicateDocumentError
from litmine.pipeline import ingest, process_text
from litmine.store.rows import document_rows
from litmine.store.db import connect, write_document
from robustness.procs import Run, check_consistent, make_docs

ROUNDS = int(os.environ.get("LITMINE_CONCURRENCY_ROUNDS", "1"))
#: Enough short documents that the writes outlast the reader's first read on a busy machine: at 12,
#: once the pipeline got faster, both writers could end before it (no read during the writes, under xdist).
N_DOCS = 32
#: A read during the writes may take at most this long (readers never wait for writers in WAL mode).
MAX_READ_SECONDS = 5.0


def summary(run: Run) -> tuple[int, int, int]:
    m = re.search(r"^(\d+) stored, (\d+) skipped, (\d+) failed$", run.stdout, re.M)
    assert m, run.stdout + run.stderr
    return tuple(int(x) for x in m.groups())


def read_while(db, runs: list[Run]) -> list[tuple[float, int]]:
    """Query ``db`` until every run has ended: ``[(seconds, relation count)]`` of the reads
    made while at least one run was still going."""
    engine = connect(db, create=False)
    reads = []
    try:
        while any(r.proc.poll() is None for r in runs):
            start = time.monotonic()
            n = len(litmine.query(engine))
            if any(r.proc.poll() is None for r in runs):
                reads.append((time.monotonic() - start, n))
            time.sleep(0.02)
    finally:
        engine.dispose()
    return reads


@pytest.mark.slow
def test_two_writers_and_a_reader_at_once(tmp_path):
    docs = make_docs(tmp_path / "docs", N_DOCS, copies=1)       # short documents: the race is in the writes
    want = {hashlib.sha256(p.read_bytes()).hexdigest() for p in docs}
    warm = connect(tmp_path / "warm.sqlite")     # the reader's first query (imports, statements) made
    litmine.query(warm)                           # now, so its first read lands inside the short write window
    warm.dispose()
    log = []
    for r in range(ROUNDS):
        db = tmp_path / f"c{r}.sqlite"
        if r % 2 == 1:                      # odd rounds: the schema made beforehand
            connect(db).dispose()
        a = Run("ingest", *docs, "--db", db)
        b = Run("ingest", *reversed(docs), "--db", db)
        assert a.first_stored.wait(60) or b.first_stored.wait(60)
        reads = read_while(db, [a, b])
        runs = {"ingest A": a, "ingest B": b}
        codes = {name: run.wait() for name, run in runs.items()}
        context = f"round {r + 1}: " + "; ".join(f"{n} rc={c}: {runs[n].stderr[-1500:]}" for n, c in codes.items())
        assert codes == {"ingest A": 0, "ingest B": 0}, context
        assert "Traceback" not in context and "locked" not in context, context
        (sa, ka, fa), (sb, kb, fb) = summary(a), summary(b)
        assert fa == fb == 0 and sa + ka == sb + kb == N_DOCS, context
        assert sa + sb == N_DOCS, context                 # every document stored by exactly one writer
        counts = check_consistent(db)
        assert set(counts) == want and all(n == 1 for n in counts.values()), context
        assert reads, "no read ran while the writers wrote: the test tests nothing"
        seen = [n for _, n in reads]
        assert seen == sorted(seen), f"a read saw fewer relations than the one before: {seen}"
        assert max(t for t, _ in reads) < MAX_READ_SECONDS, reads
        log.append(f"round {r + 1}: A stored {sa} skipped {ka}, B stored {sb} skipped {kb}; {len(reads)} reads "
                   f"during the writes (relations {seen[0]}..{seen[-1]}, slowest {max(t for t, _ in reads):.2f} s)")
    print("\n".join(log))


# ------------------------------------------------------------------ the same, in one process


ZH = "6周跑台运动显著降低了SNI小鼠脊髓背角TNF-α和IL-1β的表达[12]。"


def test_same_content_stored_meanwhile_is_skipped(tmp_path, monkeypatch):
    """The hash check before processing misses a document another process is
    storing at that moment: the write then finds it and the file is ``skipped``."""
    engine = connect(tmp_path / "t.sqlite")
    first = write_document(engine, document_rows(process_text(ZH, "a.txt")))
    with pytest.raises(DuplicateDocumentError) as err:
        write_document(engine, document_rows(process_text(ZH, "b.txt")))
    assert err.value.document_id == first
    f = tmp_path / "b.txt"
    f.write_text(ZH, encoding="utf-8")
    monkeypatch.setattr(dbmod, "document_id_by_hash", lambda engine, sha: None)   # the race
    results = list(ingest([f], engine))
    assert [(r.status, r.document_id) for r in results] == [("skipped", first)]


def test_write_waits_for_another_writer(tmp_path):
    """A writer holding the lock for a while delays a write; it does not fail it."""
    path = tmp_path / "t.sqlite"
    engine = connect(path)
    pd = process_text(ZH, "a.txt")
    other = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    threading.Timer(1.0, lambda: other.execute("COMMIT")).start()
    start = time.monotonic()
    assert write_document(engine, document_rows(pd)) == 1
    assert time.monotonic() - start >= 0.9
    other.close()


def test_locked_write_is_retried(tmp_path, monkeypatch):
    engine = connect(tmp_path / "t.sqlite")
    real, calls = dbmod._write, []

    def flaky(engine, pd, *args):
        calls.append(1)
        if len(calls) < 3:
            raise OperationalError("BEGIN IMMEDIATE", {}, Exception("database is locked"))
        return real(engine, pd, *args)

    monkeypatch.setattr(dbmod, "_write", flaky)
    assert dbmod.write_document(engine, document_rows(process_text(ZH, "a.txt"))) == 1 and len(calls) == 3
    calls.clear()
    monkeypatch.setattr(dbmod, "LOCK_ATTEMPTS", 2)
    with pytest.raises(DatabaseError, match="database is locked.*nothing of it was stored"):
        dbmod.write_document(engine, document_rows(process_text(ZH + "。", "b.txt")))
