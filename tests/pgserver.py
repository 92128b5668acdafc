"""A throw-away PostgreSQL server for the tests.

:class:`Server` runs Debian's (or any) PostgreSQL binaries: ``initdb`` into a new temporary
folder and ``pg_ctl start`` listening on a Unix socket in that folder only (no TCP port, so
parallel sessions on one machine never meet), durability off (``fsync``, synchronous commit,
full-page writes: a test database is thrown away) and the write-ahead log kept small (``wal_level``
minimal, ``max_wal_size`` 64 MB: each database made from a template writes its copy to the log,
and without a bound the folder grew past a gigabyte in a run, which took seconds to delete on a
busy disk). As root, the server runs as the
``postgres`` user (``initdb`` refuses root), through ``runuser``. :meth:`Server.new_database`
makes an empty database per test, :meth:`Server.drop_database` removes it after the test;
:meth:`Server.stop` ends the server and deletes the folder.

``make test`` installs Debian's ``postgresql`` package when it is missing and apt-get can be
used; :class:`Unavailable` says why a server cannot be had otherwise (the tests skip with it).
"""
from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Optional

PORT = 5432          # only names the socket file (.s.PGSQL.5432) in the server's own folder
USER = "litmine"


class Unavailable(RuntimeError):
    """No PostgreSQL server can be started here (the reason is the message)."""


def bindir() -> Optional[Path]:
    """The folder of ``initdb`` and ``pg_ctl``: ``$LITMINE_PG_BINDIR``, the ``PATH``, or the
    newest ``/usr/lib/postgresql/*/bin`` (Debian does not put them on the ``PATH``)."""
    env = os.environ.get("LITMINE_PG_BINDIR")
    candidates = [Path(env)] if env else []
    found = shutil.which("pg_ctl")
    if found:
        candidates.append(Path(os.path.realpath(found)).parent)
    candidates += [Path(p) for p in sorted(glob.glob("/usr/lib/postgresql/*/bin"),
                                           key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit()
                                           else 0, reverse=True)]
    for c in candidates:
        if (c / "initdb").exists() and (c / "pg_ctl").exists():
            return c
    return None


def database_name(url: str) -> str:
    """The database a URL of :meth:`Server.url` names."""
    return url.split("?", 1)[0].rsplit("/", 1)[1]


class Server:
    """One PostgreSQL server in a temporary folder (see the module docstring)."""

    def __init__(self) -> None:
        self.dir: Optional[Path] = None
        self._names = itertools.count(1)
        self._prefix: list[str] = []

    def start(self) -> "Server":
        """Create the cluster and start the server; returns ``self``.

        Raises:
            Unavailable: no binaries, no psycopg, or (as root) no ``postgres`` user.
            subprocess.CalledProcessError: initdb or pg_ctl failed (a real failure).
        """
        try:
            import psycopg  # noqa: F401
        except ImportError:
            raise Unavailable("psycopg is not installed (pip install 'psycopg[binary]')") from None
        bins = bindir()
        if bins is None:
            raise Unavailable("initdb/pg_ctl not found: install Debian's postgresql package "
                              "(make test does, where apt-get can be used)")
        self.dir = Path(tempfile.mkdtemp(prefix="litmine-pg-"))
        if os.geteuid() == 0:
            import pwd
            try:
                pw = pwd.getpwnam("postgres")
            except KeyError:
                raise Unavailable("running as root and there is no postgres user to run the server as") from None
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
            self._prefix = ["runuser", "-u", "postgres", "--"]
        data = self.dir / "data"
        self._run([str(bins / "initdb"), "-D", str(data), "-A", "trust", "-U", USER, "-E", "UTF8", "--locale=C",
                   "--no-sync"])
        opts = (f"-k {self.dir} -p {PORT} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
                f"-c full_page_writes=off -c max_connections=50 -c wal_level=minimal -c max_wal_senders=0 "
                f"-c max_wal_size=64MB -c min_wal_size=32MB")
        self._run([str(bins / "pg_ctl"), "-D", str(data), "-l", str(self.dir / "server.log"), "-w", "-t", "60",
                   "-o", opts, "start"])
        self._bins = bins
        return self

    def _run(self, cmd: list[str]) -> None:
        p = subprocess.run(self._prefix + cmd, capture_output=True, text=True, timeout=120)
        if p.returncode != 0:
            log = self.dir / "server.log" if self.dir else None
            tail = log.read_text(errors="replace")[-1500:] if log and log.exists() else ""
            raise subprocess.CalledProcessError(p.returncode, cmd, p.stdout, p.stderr + tail)

    def url(self, database: str) -> str:
        """SQLAlchemy URL of ``database`` on this server (psycopg 3, the Unix socket)."""
        return f"postgresql+psycopg://{USER}@/{database}?host={self.dir}&port={PORT}"

    def _admin(self, sql: str) -> None:
        import psycopg
        with psycopg.connect(host=str(self.dir), port=PORT, user=USER, dbname="postgres", autocommit=True) as c:
            c.execute(sql)

    def new_database(self, template: Optional[str] = None) -> str:
        """Create a database, empty or a copy of ``template`` (another database of this
        server, by name or URL, with no open connections); returns its URL."""
        name = f"t{os.getpid()}_{next(self._names)}"
        if template and "://" in template:
            template = database_name(template)
        self._admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop the database of ``url`` (a URL of :meth:`new_database`), closing any connection
        still open to it; a failure is ignored (:meth:`stop` deletes every database anyway)."""
        try:
            self._admin(f'DROP DATABASE IF EXISTS "{database_name(url)}" WITH (FORCE)')
        except Exception:           # noqa: BLE001 - only tidying: PostgreSQL < 13 has no FORCE
            pass

    def litmine_database(self) -> str:
        """A new database holding litmine's empty schema (copied from one made once by
        :func:`litmine.store.db.connect`: creating the tables takes a second, a copy a tenth)."""
        if not getattr(self, "_template", None):
            from litmine.store.db import connect
            url = self.new_database()
            connect(url).dispose()
            self._template = database_name(url)
        return self.new_database(self._template)

    def stop(self) -> None:
        """Stop the server (immediately: nothing in it is kept) and delete its folder."""
        if self.dir is None:
            return
        try:
            self._run([str(self._bins / "pg_ctl"), "-D", str(self.dir / "data"), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.dir, ignore_errors=True)
            self.dir = None
