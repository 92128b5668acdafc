"""Issue 15's hostile inputs, at the issue's sizes, through real ``litmine``
processes: each is stored or refused with one line naming the file, within
60 s and 1.5 GB of peak resident memory; the database passes
``PRAGMA integrity_check`` and holds exactly the documents reported stored.

A benchmark-style test (marked ``slow``): the inputs are made once
(tests/robustness/hostile.py) and ingested by ONE ``litmine ingest`` process
(one start-up for all of them), its output lines timed as they arrive, so each
input's time is the time from the previous result line to its own; peak RSS is
the process's own ``ru_maxrss`` (``os.wait4``), the maximum over every input.
To keep ``make test`` short the per-document time budget is 1 s here
(``LITMINE_BOUNDS_TIME_LIMIT``; the default of ``litmine ingest`` is 60 s of CPU):
the inputs that need more work than that (five of the nine) prove the budget
ends them, each within ``BUDGET_SLACK`` of it; the figures at the default
budget come from ``python benchmarks/bounds.py``.
"""
from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from litmine.errors import shorten_path
from robustness import hostile
from robustness.procs import check_consistent

TIME_LIMIT = os.environ.get("LITMINE_BOUNDS_TIME_LIMIT", "1")
MAX_SECONDS = 60
MAX_RSS_MB = 1536
#: Seconds a refused document may run past its time budget (the step the alarm lands in ends first).
BUDGET_SLACK = 3.0
EN = "Treadmill running lowered spinal IL-6 in rats with nerve injury.\n"
TIMED_OUT = rf"processing took more than the time limit of {float(TIME_LIMIT):g} s of CPU \(raise it with --time-limit N"
LONG_NAME = "a" * 5000 + ".txt"

#: input name -> (how it is made, the outcomes allowed: "stored" or a regex of the failure reason)
INPUTS = {
    "good.txt": (lambda p: p.write_text(EN, encoding="utf-8"), ["stored"]),
    "parens.txt": (lambda p: hostile.parentheses_run(p, 4.0), ["stored", TIMED_OUT]),
    "nested.txt": (lambda p: hostile.nested_parentheses(p, 1_000_000), ["stored", TIMED_OUT]),
    "abbrev.txt": (lambda p: hostile.abbreviation_pairs(p, 20_000), ["stored", TIMED_OUT]),
    "line.txt": (lambda p: hostile.unpunctuated_line(p, 5.0), ["stored", TIMED_OUT]),
    "big.txt": (lambda p: hostile.big_text(p, 200.0),
                [r"text file is 200\.0 MB, more than the limit of 8 MB \(raise it with --max-text-mb N"]),
    "bomb.pdf": (lambda p: hostile.flate_bomb_pdf(p, 1024),
                 [r"compressed PDF streams inflate to more than 512 MB .*\(raise it with --max-inflate-mb N",
                  TIMED_OUT]),          # inflating 512 MB to count it takes a few seconds on a loaded machine
    "pipe.txt": (hostile.fifo, [r"is a named pipe \(FIFO\), not a regular file"]),
    LONG_NAME: (lambda p: None, [r"cannot check the file: the name is too long for the file system"]),
}


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    """The inputs made once, and one measured ``litmine ingest`` of all of them."""
    folder = tmp_path_factory.mktemp("hostile")
    for name, (make, _) in INPUTS.items():
        make(folder / name)
    db = folder / "bounds.sqlite"
    # --max-text-mb 8 (the default is 2): the hostile texts of 2-5 MB go through the processing path,
    # whose work the time budget bounds, instead of being refused by their size at once
    run = hostile.run_lines("ingest", *INPUTS, "--db", db.name, "--time-limit", TIME_LIMIT, "--max-text-mb", "8",
                            cwd=folder,
                            timeout=len(INPUTS) * MAX_SECONDS)
    return folder, db, run


def _results(run) -> dict[str, tuple[float, str, str]]:
    """Input name -> (seconds it took, status, rest of its line), from the timed result lines."""
    shown = {shorten_path(name): name for name in INPUTS}
    out, last = {}, 0.0
    for at, _, line in run.lines:
        m = re.match(r"(stored|failed)\s+(.+?): (.*)$", line)
        if m and m.group(2) in shown:
            out[shown[m.group(2)]] = (at - last, m.group(1), m.group(3))
            last = at
    return out


@pytest.mark.slow
def test_the_batch_ends_in_bounds_with_one_line_per_input(batch):
    _, _, run = batch
    assert not run.timed_out and "Traceback" not in run.stdout + run.stderr, run.stderr[-3000:]
    assert run.peak_mb < MAX_RSS_MB, f"peak RSS {run.peak_mb:.0f} MB"
    results = _results(run)
    assert set(results) == set(INPUTS), run.stdout + run.stderr
    stored = sum(status == "stored" for _, status, _ in results.values())
    assert re.search(rf"^{stored} stored, 0 skipped, {len(INPUTS) - stored} failed$", run.stdout, re.M)
    assert run.rc == 1
    print(f"\n{len(INPUTS)} hostile inputs in {run.seconds:.1f} s, peak RSS {run.peak_mb:.0f} MB "
          f"(time limit {TIME_LIMIT} s):")
    for name, (seconds, status, rest) in results.items():
        print(f"  {shorten_path(name, 40):40s} {seconds:5.1f} s  {status}: {rest[:100]}")


@pytest.mark.slow
@pytest.mark.parametrize("name", list(INPUTS), ids=lambda n: shorten_path(n, 12))
def test_each_input_is_stored_or_refused_in_bounds(batch, name):
    _, _, run = batch
    results = _results(run)
    assert name in results, run.stdout + run.stderr
    seconds, status, rest = results[name]
    allowed = INPUTS[name][1]
    assert seconds < MAX_SECONDS, f"{name}: {seconds:.1f} s"
    if re.search(TIMED_OUT, rest) and name != next(iter(INPUTS)):
        # the budget's timer ends the work soon: no single step runs on for seconds. The budget is CPU
        # seconds: on a loaded machine the clock's take longer, by the load per core
        stretch = max(1.0, os.getloadavg()[0] / (os.cpu_count() or 1))
        assert seconds < float(TIME_LIMIT) * stretch + BUDGET_SLACK, \
            f"{name}: {seconds:.1f} s for a {TIME_LIMIT} s CPU budget (load per core {stretch:.1f})"
    assert status == "stored" and "stored" in allowed or \
        status == "failed" and any(re.search(a, rest) for a in allowed if a != "stored"), f"{status}: {rest}"
    assert run.peak_mb < MAX_RSS_MB


@pytest.mark.slow
def test_the_database_holds_exactly_the_documents_reported_stored(batch):
    folder, db, run = batch
    reported = {hashlib.sha256((folder / name).read_bytes()).hexdigest()
                for name, (_, status, _) in _results(run).items() if status == "stored"}
    counts = check_consistent(db)              # PRAGMA integrity_check, foreign keys, sentences and offsets
    assert set(counts) == reported and all(n == 1 for n in counts.values())
    assert "good.txt" in {n for n, (_, s, _) in _results(run).items() if s == "stored"}


@pytest.mark.slow
def test_a_60000_character_query_filter_is_refused_in_bounds(batch):
    folder, db, _ = batch
    run = hostile.run_lines("query", "--db", db, "--target", "x" * 60_000, cwd=folder, timeout=MAX_SECONDS)
    assert run.rc == 2 and "Traceback" not in run.stderr
    assert run.stderr.splitlines()[-1] == ("Error: Invalid value for '--target': 60,000 characters long: "
                                           "give at most 200")
    assert run.seconds < MAX_SECONDS and run.peak_mb < MAX_RSS_MB
    assert check_consistent(db)
