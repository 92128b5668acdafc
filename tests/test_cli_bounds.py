"""The command line within bounds (issue 15): options validated before any SQL,
no traceback ever printed, one bad path never stops a batch, limits with the
option that raises them; and the per-document time budget."""
from __future__ import annotations

import errno
import os
import signal
import sqlite3
import threading
import time

import pytest
from click.testing import CliRunner

from helpers import sqlite_copy
from litmine import api
from litmine.cli import cli
from litmine.errors import LimitError
from litmine.pipeline import TimeBudget

EN = "Treadmill running lowered spinal IL-6 in rats with nerve injury."


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """EN ingested by ``litmine ingest``, once for the module."""
    folder = tmp_path_factory.mktemp("bounds")
    (folder / "p.txt").write_text(EN, encoding="utf-8")
    path = folder / "t.sqlite"
    assert run("ingest", folder / "p.txt", "--db", path).exit_code == 0
    return path


@pytest.fixture
def db(stored, tmp_path):
    """A copy of :func:`stored` for each test."""
    return sqlite_copy(stored, tmp_path / "t.sqlite")


@pytest.mark.parametrize("args, option, most", [
    (["query", "--target", "x" * 60_000], "--target", "200"),
    (["query", "--exercise", "x" * 201], "--exercise", "200"),
    (["query", "--model", "x" * 5000], "--model", "200"),
    (["query", "--species", "x" * 5000], "--species", "200"),
    (["query", "--doc", "x" * 5000], "--doc", "4,096"),
    (["export", "--format", "bioc", "--doc", "x" * 5000], "--doc", "4,096"),
    (["compare", "--review", "x" * 5000, "--paper", "p.txt"], "--review", "4,096"),
    (["compare", "x" * 5000], "[DOC]", "4,096"),
    (["search", "x", "--doc", "x" * 60_000], "--document' / '--doc", "4,096"),
    (["show", "x" * 60_000], "DOC", "4,096"),
    (["docs", "set-role", "x" * 60_000, "review"], "DOC", "4,096"),
    (["claims", "--target", "x" * 60_000], "--target", "200"),
    (["claims", "--exercise", "x" * 60_000], "--exercise", "200"),
    (["plot", "evidence-map", "-o", "m.png", "--target-type", "x" * 60_000], "--target-type", "200"),
])
def test_long_options_are_refused_before_any_sql(db, args, option, most):
    res = run(*args, "--db", db)
    assert res.exit_code == 2 and "Traceback" not in res.output
    assert f"Error: Invalid value for '{option}': " in res.output and f"give at most {most}" in res.output


def test_the_api_checks_lengths_too(db):
    with pytest.raises(ValueError, match="target is 60,000 characters long: give at most 200"):
        api.query(db, target="x" * 60_000)
    assert api.query(db, target="x" * 200) == []


def test_the_resolver_refuses_a_long_reference_before_sql(db):
    from litmine.errors import QueryError
    from litmine.store.queries import resolve_document
    engine = api.connect(db)
    with pytest.raises(QueryError, match="a document reference of at most 4,096 characters"):
        resolve_document(engine, "x" * 60_000)
    engine.dispose()


def test_a_long_document_reference_is_a_name_not_a_crash(db):
    res = run("query", "--db", db, "--doc", "x" * 3000)
    assert res.exit_code == 1 and "no such document" in res.output and len(res.output.splitlines()) == 1


def test_an_unexpected_error_is_one_line_naming_the_log(db, tmp_path, monkeypatch):
    def broken(*a, **k):
        raise RuntimeError("something\nbroke")
    monkeypatch.setattr(api, "stats", broken)
    res = run("stats", "--db", db)
    lines = res.output.strip().splitlines()
    assert res.exit_code == 1 and len(lines) == 1 and "Traceback" not in res.output
    log = tmp_path / "logs" / "litmine.log"
    assert lines[0] == (f"Error: unexpected error (RuntimeError: something broke); this is a litmine bug, please "
                        f"report it: the traceback is in {log}")
    assert "Traceback (most recent call last)" in log.read_text() and "RuntimeError: something" in log.read_text()


@pytest.mark.parametrize("err, expected", [
    (OSError(errno.ENOSPC, "No space left on device"), "Error: cannot write output: No space left on device"),
    (OSError(errno.EACCES, "Permission denied", "/etc/x"), "Error: unexpected error (PermissionError"),
])
def test_os_errors_are_named_for_what_they_are(db, monkeypatch, err, expected):
    def broken(*a, **k):
        raise err
    monkeypatch.setattr(api, "stats", broken)
    res = run("stats", "--db", db)
    assert res.exit_code == 1 and res.output.startswith(expected) and len(res.output.strip().splitlines()) == 1


def test_one_bad_path_never_stops_the_batch(tmp_path):
    pipe = tmp_path / "pipe.txt"
    os.mkfifo(pipe)
    good = tmp_path / "good.txt"
    good.write_text(EN, encoding="utf-8")
    long = tmp_path / ("a" * 5000 + ".txt")
    db = tmp_path / "t.sqlite"
    res = run("ingest", pipe, long, good, "--db", db)
    assert res.exit_code == 1 and "Traceback" not in res.output
    failed = [ln for ln in res.output.splitlines() if ln.startswith("failed")]
    assert failed[0] == (f"failed   {pipe}: is a named pipe (FIFO), not a regular file "
                         "(only regular files and folders are read)")
    assert "cannot check the file: the name is too long for the file system" in failed[1]
    assert "1 stored, 0 skipped, 2 failed" in res.output
    strict = run("ingest", pipe, good, "--db", tmp_path / "s.sqlite", "--strict")
    assert strict.exit_code == 1 and "stopped at the first failure (--strict): 0 stored" in strict.output


def test_size_limit_names_its_option_and_stores_nothing(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text(EN * 40, encoding="utf-8")
    db = tmp_path / "t.sqlite"
    res = run("ingest", big, "--db", db, "--max-text-mb", "0.001")
    assert res.exit_code == 1
    assert (f"failed   {big}: text file is {big.stat().st_size / 1e3:.1f} kB, more than the limit of 0.001 MB "
            "(raise it with --max-text-mb N, "
            "or 0 for no limit)") in res.output
    assert not db.exists()            # nothing stored: the database it would have made is not left behind
    assert run("ingest", big, "--db", db, "--max-text-mb", "0").exit_code == 0


def test_time_limit_refuses_a_slow_document_and_goes_on(tmp_path, monkeypatch):
    import litmine.pipeline as pipeline
    real = pipeline.process

    def slow(raw):
        if raw.path.endswith("slow.txt"):
            while True:          # a stage that never ends: the budget must stop it
                sum(range(1000))
        return real(raw)

    monkeypatch.setattr(pipeline, "process", slow)
    for name in ("a.txt", "slow.txt", "c.txt"):
        (tmp_path / name).write_text(f"{EN} {name}", encoding="utf-8")
    db = tmp_path / "t.sqlite"
    start = time.monotonic()
    res = run("ingest", tmp_path / "a.txt", tmp_path / "slow.txt", tmp_path / "c.txt", "--db", db,
              "--time-limit", "0.5")
    assert time.monotonic() - start < 20
    assert (f"failed   {tmp_path / 'slow.txt'}: processing took more than the time limit of 0.5 s of CPU "
            "(raise it with --time-limit N, or 0 for no limit)") in res.output
    names = [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM documents ORDER BY name")]
    assert names == ["a.txt", "c.txt"] and res.exit_code == 1


def _busy(seconds: float) -> None:
    """Work (CPU time) for ``seconds`` of this thread's CPU."""
    end = time.thread_time() + seconds
    while time.thread_time() < end:
        sum(range(1000))


def test_time_budget_counts_cpu_seconds_is_shared_and_restores_the_callers_timer():
    fired = []
    old = signal.signal(signal.SIGPROF, lambda *a: fired.append(1))
    try:
        signal.setitimer(signal.ITIMER_PROF, 30)
        budget = TimeBudget(0.3)
        with budget.running("x.txt"):
            _busy(0.1)
            time.sleep(0.5)               # waiting is not work: the clock's 0.5 s do not count
        assert 0.09 < budget.spent < 0.3
        with pytest.raises(LimitError, match="time limit of 0.3 s of CPU"):
            with budget.running("x.txt"):
                _busy(5)                  # interrupted after the 0.2 s left
        assert budget.spent < 1.0
        left, _ = signal.getitimer(signal.ITIMER_PROF)
        assert 25 < left <= 30 and signal.getsignal(signal.SIGPROF) is not None and not fired
    finally:
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, old)


def test_time_budget_off_and_outside_the_main_thread():
    with TimeBudget(0).running("x.txt"):
        time.sleep(0.01)
    errors = []

    def worker():
        budget = TimeBudget(0.05)
        try:
            with budget.running("x.txt"):
                time.sleep(0.2)           # not work: no error
            with budget.running("x.txt"):
                _busy(0.2)                # no timer in a thread: its CPU time is checked when the block ends
        except LimitError as exc:
            errors.append(exc)

    t = threading.Thread(target=worker)
    t.start()
    t.join()
    assert len(errors) == 1 and errors[0].option == "--time-limit"


@pytest.mark.skipif(not hasattr(signal, "setitimer"), reason="SIGPROF timers are POSIX")
def test_an_interruption_dropped_where_python_cannot_raise_comes_again(capsys):
    """The time limit's interruption can land in a __del__ (or C code calling back into Python), where Python
    prints 'Exception ignored' and drops it: the budget raises it again and prints nothing."""
    from litmine.errors import LimitError
    from litmine.pipeline import TimeBudget

    class Spins:
        def __del__(self):
            end = time.process_time() + 0.4
            while time.process_time() < end:
                pass

    budget = TimeBudget(0.1)
    with pytest.raises(LimitError, match="time limit of 0.1 s"):
        with budget.running("slow.txt"):
            Spins()                                  # collected at once: the interruption lands in __del__
            end = time.process_time() + 5
            while time.process_time() < end:        # then ordinary Python: the interruption comes again
                pass
    assert budget.spent < 2
    assert "Exception ignored" not in capsys.readouterr().err
