"""Helpers for the tests that run real ``litmine`` processes: the command,
generated documents, a line-watching process wrapper, and a consistency check
of a database made with nothing but the ``sqlite3`` module."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

from helpers import CORPUS

_SCRIPT = Path(sys.executable).with_name("litmine")
LITMINE = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "litmine.cli"]


def make_docs(folder: Path, n: int, copies: int = 2) -> list[Path]:
    """``n`` distinct text documents (sample corpus texts, ``copies`` times each,
    under a numbered first line) in ``folder``: ``doc00.txt``..."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))]
    paths = []
    for i in range(n):
        body = "\n\n".join([texts[i % len(texts)]] * copies)
        path = folder / f"doc{i:02d}.txt"
        path.write_text(f"Document {i}.\n\n{body}", encoding="utf-8")
        paths.append(path)
    return paths


def _foreground_signals() -> None:
    """In the child before ``exec``: SIGINT and SIGTERM handled the default way, as in a
    shell's foreground job. A test run started in the background (``pytest &`` in a script, a
    CI runner) ignores SIGINT, every child inherits that, and Python then never raises
    KeyboardInterrupt: a Ctrl-C test would see its SIGINTs lost."""
    signal.pthread_sigmask(signal.SIG_UNBLOCK, [signal.SIGINT, signal.SIGTERM])
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, signal.SIG_DFL)


class Run:
    """A ``litmine`` subprocess in its own session, its output read line by line
    as it comes (unbuffered), with the time each line arrived; it takes SIGINT as a
    foreground program does, however the test run was started (:func:`_foreground_signals`)."""

    def __init__(self, *args: str, cwd: Path | None = None):
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        self.started = time.monotonic()
        self.proc = subprocess.Popen(LITMINE + [str(a) for a in args], stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env,
                                     cwd=cwd, start_new_session=True,
                                     preexec_fn=_foreground_signals)
        self.out: list[tuple[float, str]] = []
        self.err: list[str] = []
        self.first_stored = threading.Event()
        self.ended: float | None = None      # time.monotonic() when its output ended
        self._threads = [threading.Thread(target=self._read_out, daemon=True),
                         threading.Thread(target=self._read_err, daemon=True)]
        for t in self._threads:
            t.start()

    def _read_out(self):
        for line in self.proc.stdout:
            self.out.append((time.monotonic() - self.started, line.rstrip("\n")))
            if line.startswith("stored"):
                self.first_stored.set()
        self.ended = time.monotonic()
        self.first_stored.set()          # also when the process ends without storing anything

    def _read_err(self):
        self.err.extend(line.rstrip("\n") for line in self.proc.stderr)

    def signal(self, sig: int) -> None:
        if self.proc.poll() is None:
            self.proc.send_signal(sig)

    def wait(self, timeout: float = 120) -> int:
        rc = self.proc.wait(timeout)
        for t in self._threads:
            t.join(10)
        return rc

    @property
    def stdout(self) -> str:
        return "\n".join(line for _, line in self.out)

    @property
    def stderr(self) -> str:
        return "\n".join(self.err)

    def lines(self, prefix: str) -> list[str]:
        return [line for _, line in self.out if line.startswith(prefix)]


def check_consistent(db: Path) -> dict[str, int]:
    """Assert that ``db`` is a sound litmine database; returns ``{sha256: count}``.

    Checked with the ``sqlite3`` module alone: ``PRAGMA integrity_check`` and
    ``foreign_key_check`` are clean, the schema is whole or absent (a process
    killed while creating the file leaves no table, which the next run
    creates), every document has exactly
    ``n_sentences`` sentences (numbered 0..n-1, offsets re-slicing its text),
    and every mention and relation points at a sentence of its own document.
    """
    # read-write, but query_only: after a SIGKILL the WAL may need recovery, which SQLite runs on
    # opening and which a mode=ro connection cannot do ("attempt to write a readonly database",
    # SQLITE_READONLY_RECOVERY), as any next litmine run would; the checker itself changes nothing
    con = sqlite3.connect(db, timeout=30)
    con.execute("PRAGMA query_only = 1")
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        tables = {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:        # killed after SQLite made the file, before the schema's transaction committed
            return {}
        assert "documents" in tables, f"a partial schema: {sorted(tables)}"
        docs = con.execute("SELECT id, sha256, n_sentences, text FROM documents").fetchall()
        for doc_id, _, n, text in docs:
            rows = con.execute("SELECT idx, start, \"end\", text FROM sentences WHERE document_id = ? ORDER BY idx",
                               (doc_id,)).fetchall()
            assert [r[0] for r in rows] == list(range(n)), f"document {doc_id}: {len(rows)} of {n} sentences"
            assert all(text[a:b] == t for _, a, b, t in rows)
        for table in ("mentions", "relations"):
            orphans = con.execute(
                f"SELECT count(*) FROM {table} x LEFT JOIN sentences s ON s.id = x.sentence_id "
                "WHERE s.id IS NULL OR s.document_id != x.document_id").fetchone()[0]
            assert orphans == 0, f"{orphans} {table} without their sentence"
            strays = con.execute(f"SELECT count(*) FROM {table} WHERE document_id NOT IN "
                                 "(SELECT id FROM documents)").fetchone()[0]
            assert strays == 0
        counts: dict[str, int] = {}
        for _, sha, _, _ in docs:
            counts[sha] = counts.get(sha, 0) + 1
        return counts
    finally:
        con.close()


def remove_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
