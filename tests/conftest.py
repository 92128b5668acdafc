"""Shared fixtures: paths, the shared seed (skipped when ../shared is absent),
processed documents and fresh databases built by production code (SQLite, and a
PostgreSQL server started once per session for the storage tests: ``pgserver``); and the
closing line naming skipped groups (see ``skipsummary``); and an environment without the
caller's terminal size (see :func:`pytest_configure`)."""
from __future__ import annotations

import os

import pytest

from helpers import SEED
from skipsummary import pytest_terminal_summary  # noqa: F401  (the closing skipped line)

#: Variables litmine reads for the terminal's size (``$COLUMNS`` cuts the query table's sentences).
TERMINAL_SIZE = ("COLUMNS", "LINES")


def pytest_configure(config):
    """Remove ``$COLUMNS`` and ``$LINES`` from this process's environment, the C library's too.

    GNU readline, which pytest imports before it captures output, puts the terminal's size (80x24 when
    there is none) into the C environment without ``os.environ`` knowing: every child process
    (pytest-xdist's workers, the ``litmine`` processes of the tests) then starts with
    ``COLUMNS=80``, and plain output is cut at 80 cells. Runs in every process (xdist workers
    run it too, after their own readline import); a test that wants a width sets one.
    """
    for name in TERMINAL_SIZE:
        os.environ.pop(name, None)
        os.unsetenv(name)


@pytest.fixture(scope="session")
def seed_processed():
    """The shared seed run through the whole pipeline (once per test session)."""
    if not SEED.exists():
        pytest.skip("../shared is absent")
    from litmine.io import read_path
    from litmine.pipeline import process
    return process(read_path(SEED))


@pytest.fixture
def engine(tmp_path):
    """A fresh SQLite database made by litmine's own schema set-up."""
    from litmine.store.db import connect
    return connect(tmp_path / "litmine.sqlite")


@pytest.fixture(autouse=True)
def _crash_log_in_tmp(tmp_path, monkeypatch):
    """Tracebacks of unexpected errors go to a log file: in tests, a temporary one."""
    monkeypatch.setenv("LITMINE_LOG_DIR", str(tmp_path / "logs"))


@pytest.fixture(scope="session")
def seed_db(seed_processed, tmp_path_factory):
    """A database holding the shared seed (stored from :func:`seed_processed` by production
    code, claims included), shared by the tests that only read it."""
    from litmine.store.db import connect, write_document
    from litmine.store.rows import document_rows
    db = tmp_path_factory.mktemp("seed_db") / "seed.sqlite"
    engine = connect(db)
    try:
        write_document(engine, document_rows(seed_processed, "primary"))
    finally:
        engine.dispose()
    return db


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for this test session (:class:`pgserver.Server`), or a skip saying
    why none can be had (no binaries, no psycopg)."""
    from pgserver import Server, Unavailable
    server = Server()
    try:
        server.start()
    except Unavailable as exc:
        server.stop()
        pytest.skip(f"PostgreSQL server unavailable: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_engine(pg_server):
    """A fresh PostgreSQL database with litmine's schema (dropped after the test)."""
    from litmine.store.db import connect
    url = pg_server.litmine_database()
    engine = connect(url)
    yield engine
    engine.dispose()
    pg_server.drop_database(url)
