"""Killing ``litmine ingest`` at chosen moments: the database stays consistent, the
interrupted document is absent, and re-running picks up where it stopped.

One test, kills of a real process on one database, each followed by a
consistency check with ``sqlite3``; each run is a re-run of the previous one,
so it must skip what is stored and go on. Four kill points, one per distinct
moment (each costs a process start-up, so none is spent twice on one moment):

* SIGKILL during start-up (imports, model loading, the schema being created):
  no clean-up at all, the file holds a whole schema or none;
* SIGINT during start-up (Ctrl-C: exit status 130, one line, no traceback),
  before any document is stored;
* SIGKILL right after a "stored" line, i.e. next to a commit (a document
  committed but not yet counted may be at most one);
* SIGINT at a random moment inside a later document of the running batch.

A kill in a running batch is checked to land mid-document, not after the
end: documents are left to store, and the SIGINT line names the document in
progress (``(during docs/doc05.txt)``), which is not in the database.

The moment within each kind is random (seed printed on failure,
``LITMINE_KILL_SEED`` to repeat). When a run gets through every document the
database is checked complete and a new one is started. Then the batch is
finished and re-run (in-process: the same library code, without a third
process start-up) and must store nothing twice.
``LITMINE_KILL_ITERATIONS`` (default: one round of the 4 kill points) asks
for more rounds; ``LITMINE_KILL_POINTS=all`` adds the two other pairings
(SIGINT next to a commit, SIGKILL inside a document) to each round.
"""
from __future__ import annotations

import os
import random
import re
import signal
import time
from pathlib import Path

import pytest

from litmine._main import STARTUP_INTERRUPTED
from robustness.procs import Run, check_consistent, make_docs, remove_db

#: (signal, kind): one round of kill points, one per distinct moment (see the module docstring).
KILL_POINTS = [(signal.SIGKILL, "start"), (signal.SIGINT, "start"),
               (signal.SIGKILL, "commit"), (signal.SIGINT, "batch")]
if os.environ.get("LITMINE_KILL_POINTS") == "all":
    KILL_POINTS += [(signal.SIGINT, "commit"), (signal.SIGKILL, "batch")]
ITERATIONS = int(os.environ.get("LITMINE_KILL_ITERATIONS", str(len(KILL_POINTS))))
N_DOCS = 16
# A SIGINT in the first ~0.1 s hits Python's own start-up (a KeyboardInterrupt
# traceback from the import system, before litmine's code runs): start-up kills
# use SIGKILL before this, SIGINT only after it.
SIGINT_EARLIEST = 0.3
#: Start-up kills land within this many seconds (imports and pipeline loading take about 2-3 s).
START_WINDOW = 2.0


def _second_document_time(run: Run, timeout: float = 60) -> float:
    """Seconds between the first two "stored" lines of ``run`` (waits for the second; 0.3 if the run
    ends first)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end and run.ended is None:
        times = [t for t, line in run.out if line.startswith("stored")]
        if len(times) >= 2:
            return max(times[1] - times[0], 0.02)
        time.sleep(0.005)
    return 0.3


def expected_hashes(paths) -> set[str]:
    import hashlib
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}


@pytest.mark.slow
def test_kill_ingest_at_chosen_moments_then_resume(tmp_path):
    import litmine

    docs = make_docs(tmp_path / "docs", N_DOCS, copies=1)
    want = expected_hashes(docs)
    seed = int(os.environ.get("LITMINE_KILL_SEED") or time.time_ns() % 10**9)
    rng = random.Random(seed)
    db = tmp_path / "kill.sqlite"
    stored = {}
    log = []
    kinds_seen = set()
    mid_document = 0          # SIGINTs that landed inside a document (named, not stored)
    for i in range(ITERATIONS):
        sig, kind = KILL_POINTS[i % len(KILL_POINTS)]
        run = Run("ingest", tmp_path / "docs", "--db", db)
        if kind == "start":
            delay = rng.uniform(SIGINT_EARLIEST if sig == signal.SIGINT else 0.0, START_WINDOW)
            time.sleep(delay)
            where = f"{delay:.2f}s after start"
        elif kind == "commit":
            assert run.first_stored.wait(60), run.stderr
            delay = 0.0
            where = "right after the first stored document"
        else:
            # inside a later document, whatever this machine's speed: a random share of the time the
            # second document took (a fixed delay let a fast machine finish the batch first)
            assert run.first_stored.wait(60), run.stderr
            step = _second_document_time(run)
            delay = rng.uniform(0.2, 0.7) * step
            time.sleep(delay)
            where = f"{delay:.2f}s after the second stored document ({step:.2f}s a document)"
        run.signal(sig)
        rc = run.wait()
        printed = len(run.lines("stored"))
        context = f"seed {seed}, kill {i + 1} ({sig.name}, {where}): rc={rc}\n{run.stderr[-2000:]}"
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
            if kind == "start" and STARTUP_INTERRUPTED in run.stderr:
                # the Ctrl-C landed while the CLI was still being imported (a loaded machine)
                assert added == 0, context
                kinds_seen.add((sig, kind))
                continue
            message = re.search(r"interrupted: (\d+) stored; re-run to continue(?: \(during (.+)\))?$",
                                run.stderr, re.M)
            assert message, context
            # the document being processed is absent; at most one was committed
            # between its commit and the count being updated
            assert added - int(message.group(1)) in (0, 1), context
            if kind != "start":
                # mid-document, not after the end: documents are left, the line names the
                # document in progress (a "commit" kill may land between two documents), and
                # it is not stored (unless it is the one committed but not yet counted)
                assert set(stored) != want, context
                assert message.group(2) or kind == "commit", context
                if message.group(2):
                    in_progress = expected_hashes([Path(message.group(2))]).pop()
                    assert in_progress not in stored or added - int(message.group(1)) == 1, context
                    mid_document += in_progress not in stored
                    log[-1] += f", interrupted in {Path(message.group(2)).name}" + \
                        ("" if in_progress in stored else " (not stored)")
            kinds_seen.add((sig, kind))
        else:
            assert rc == -signal.SIGKILL, context
            assert added - printed in (0, 1), context     # killed between commit and print
            if kind != "start":
                assert set(stored) != want, context       # documents were left: killed before the end
            kinds_seen.add((sig, kind))
        if set(stored) == want:                          # complete: start over on a new database
            remove_db(db)
            stored = {}
    # the kills did interrupt: in start-up, and with each signal in a running batch (not after it finished)
    assert any(k == "start" for _, k in kinds_seen), "\n".join(log)
    assert {s for s, k in kinds_seen if k != "start"} == {signal.SIGINT, signal.SIGKILL}, "\n".join(log)
    assert mid_document >= 1, "\n".join(log)       # at least one SIGINT interrupted a document in progress

    results = litmine.ingest([tmp_path / "docs"], db)             # finish the batch
    assert {r.status for r in results} <= {"stored", "skipped"}
    counts = check_consistent(db)
    assert set(counts) == want and all(n == 1 for n in counts.values())
    again = litmine.ingest([tmp_path / "docs"], db)               # and once more: nothing to do
    assert [r.status for r in again] == ["skipped"] * N_DOCS
    print("\n".join(log))
