"""``--db postgresql://...``: ingest, query, export, claims and stats through the CLI on a real
PostgreSQL server give what they give on SQLite (one SQLAlchemy schema for both)."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from helpers import CORPUS, db_contents
from litmine.cli import cli
from litmine.store.db import connect, resolve_db

FILES = [str(p) for p in sorted(CORPUS.glob("*.txt"))[:3]]


def run(*args) -> str:
    res = CliRunner().invoke(cli, list(args), catch_exceptions=False)
    assert res.exit_code == 0, res.output
    return res.output


@pytest.mark.skipif(not FILES, reason="corpus/ is absent")
def test_the_cli_on_postgresql_matches_sqlite(pg_server, tmp_path):
    pg = pg_server.new_database().replace("postgresql+psycopg://", "postgresql://")   # as a user writes it
    lite = str(tmp_path / "lite.sqlite")
    for db in (lite, pg):
        assert "3 stored, 0 skipped, 0 failed" in run("ingest", *FILES, "--db", db, "-q")
    assert "0 stored, 3 skipped" in run("ingest", *FILES, "--db", pg, "-q")
    a, b = connect(lite), connect(pg)
    assert b.dialect.name == "postgresql" and b.url.drivername == "postgresql+psycopg"
    contents = db_contents(a)
    assert contents["relations"] and contents["claims"] and contents == db_contents(b)
    a.dispose(), b.dispose()
    for args in (["query", "--target", "TNF", "--format", "json"], ["query", "--lang", "zh", "--format", "csv"],
                 ["claims", "--format", "json"], ["stats", "--json"],
                 ["export", "--table", "relations", "--format", "jsonl"],
                 ["export", "--table", "claim_evidence", "--format", "csv"]):
        assert run(*args, "--db", pg) == run(*args, "--db", lite), args
    assert json.loads(run("query", "--target", "TNF", "--format", "json", "--db", pg))


def test_postgresql_urls_use_psycopg_3():
    assert resolve_db("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_db("postgres://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_db("postgresql+psycopg://u@h/db") == "postgresql+psycopg://u@h/db"
