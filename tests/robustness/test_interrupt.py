"""Killing ``litmine ingest`` at random moments: the database stays consistent, the
interrupted document is absent, and re-running picks up where it stopped.

One test, 20 kills of a real process (SIGINT and SIGKILL alternating) on one
database, each kill followed by a consistency check with ``sqlite3``; each run
is a re-run of the previous one, so it must skip what is stored and go on. Three
kills in four land while documents are being written (a random delay after the
first "stored" line), one in four at a random moment from the start (imports,
model loading). When a run gets through every document the database is checked
complete and a new one is started. ``LITMINE_KILL_ITERATIONS`` changes the count.
"""
from __future__ import annotations

import os
import random
import re
import signal
import time

import pytest

from robustness.procs import Run, check_consistent, make_docs, remove_db

ITERATIONS = int(os.environ.get("LITMINE_KILL_ITERATIONS", "20"))
N_DOCS = 40
# A SIGINT in the first ~0.1 s hits Python's own start-up (a KeyboardInterrupt
# traceback from the import system, before litmine's code runs): start-up kills
# use SIGKILL before this, SIGINT only after it.
SIGINT_EARLIEST = 0.3


def expected_hashes(paths) -> set[str]:
    import hashlib
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


@pytest.mark.slow
def test_kill_ingest_at_random_moments_then_resume(tmp_path):
    docs = make_docs(tmp_path / "docs", N_DOCS)
    want = expected_hashes(docs)
    rng = random.Random(os.environ.get("LITMINE_KILL_SEED") or time.time_ns())
    db = tmp_path / "kill.sqlite"
    stored = {}
    log = []
    for i in range(ITERATIONS):
        sig = signal.SIGINT if i % 2 == 0 else signal.SIGKILL
        run = Run("ingest", tmp_path / "docs", "--db", db)
        if i % 4 == 3:                                   # anywhere from the start
            low = SIGINT_EARLIEST if sig == signal.SIGINT else 0.0
            delay = rng.uniform(low, 3.5)
            time.sleep(delay)
            where = f"{delay:.2f}s after start"
        else:                                            # while documents are written
            assert run.first_stored.wait(60), run.stderr
            delay = rng.uniform(0, 0.8)
            time.sleep(delay)
            where = f"{delay:.2f}s after the first stored document"
        run.signal(sig)
        rc = run.wait()
        printed = len(run.lines("stored"))
        context = f"kill {i + 1} ({sig.name}, {where}): rc={rc}\n{run.stderr[-2000:]}"
        log.append(f"{sig.name:7s} {where:42s} rc={rc:4d} stored {printed}")

        before = sum(stored.values())
        stored = check_consistent(db) if db.exists() else {}
        assert set(stored) <= want and all(n == 1 for n in stored.values()), context
        added = sum(stored.values()) - before
        if re.search(r"^\d+ stored, \d+ skipped, 0 failed$", run.stdout, re.M):
            # finished before the signal landed (or it landed in interpreter shut-down,
            # after Python restored the default handlers: rc -2)
            assert rc in (0, -sig), context
            assert set(stored) == want, context
        elif sig == signal.SIGINT:
            assert rc == 130, context
            assert "Traceback" not in run.stderr, context
            message = re.search(r"interrupted: (\d+) stored; re-run to continue", run.stderr)
            assert message, context
            # the document being processed is absent; at most one was committed
            # between its commit and the count being updated
            assert added - int(message.group(1)) in (0, 1), context
        else:
            assert rc == -signal.SIGKILL, context
            assert added - printed in (0, 1), context     # killed between commit and print
        if set(stored) == want:                          # complete: start over on a new database
            remove_db(db)
            stored = {}

    final = Run("ingest", tmp_path / "docs", "--db", db)
    assert final.wait() == 0, final.stderr
    counts = check_consistent(db)
    assert set(counts) == want and all(n == 1 for n in counts.values())
    again = Run("ingest", tmp_path / "docs", "--db", db)
    assert again.wait() == 0
    assert f"0 stored, {N_DOCS} skipped, 0 failed" in again.stdout
    print("\n".join(log))
