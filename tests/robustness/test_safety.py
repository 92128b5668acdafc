"""Safety: user filters only ever reach SQLite as bound parameters; exports never
overwrite without --force (nor follow a symlink, nor leave a partial file); and
crafted documents cannot make litmine write anywhere but the database and the
export file it was given."""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from fpdf import FPDF
from sqlalchemy import event

from helpers import sqlite_copy
from litmine.cli import cli
from litmine.errors import QueryError
from litmine.store.db import connect
from litmine.store.queries import relations, stats

ZH = "6周跑台运动显著降低了SNI小鼠脊髓背角TNF-α和IL-1β的表达[12]。"
EN = "Treadmill running reduced TNF-alpha in the spinal cord of SNI mice."
INJECTIONS = ["' OR '1'='1", "x'; DROP TABLE relations; --", "\" OR 1=1 --", "TNF') OR ('a'='a",
              "%' UNION SELECT sqlite_version(), 1 --"]


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    """ZH and EN ingested by ``litmine ingest``, once for the module."""
    folder = tmp_path_factory.mktemp("safety") / "in"
    folder.mkdir()
    (folder / "zh.txt").write_text(ZH, encoding="utf-8")
    (folder / "en.txt").write_text(EN, encoding="utf-8")
    path = folder.parent / "t.sqlite"
    assert run("ingest", folder, "--db", path).exit_code == 0
    return path


@pytest.fixture
def db(stored, tmp_path):
    """A copy of :func:`stored` for each test (SQLite's backup API), which the test may damage."""
    return sqlite_copy(stored, tmp_path / "t.sqlite")


# ------------------------------------------------------------------ bound parameters


@pytest.mark.parametrize("field", ["exercise", "target", "model", "species", "doc"])
@pytest.mark.parametrize("value", INJECTIONS)
def test_filters_never_reach_sql_text(db, field, value):
    engine = connect(db)
    statements = []

    @event.listens_for(engine, "before_cursor_execute")
    def spy(conn, cursor, statement, parameters, context, executemany):
        statements.append((statement, parameters))

    before = stats(engine)
    if field == "doc":                    # an unknown document is an error, not an empty answer
        with pytest.raises(QueryError, match="no such document"):
            relations(engine, doc=value)
    else:
        assert relations(engine, **{field: value}) == []
    assert statements and all(value not in sql for sql, _ in statements)
    sent = [v for _, params in statements
            for v in (params.values() if isinstance(params, dict) else params) if isinstance(v, str)]
    unescape = lambda v: v.replace("/%", "%").replace("/_", "_").replace("//", "/")  # noqa: E731 (LIKE autoescape)
    assert any(value.lower() in unescape(v.lower()) for v in sent)    # it went as a parameter
    assert stats(engine) == before


@pytest.mark.parametrize("option", ["--exercise", "--target", "--model", "--species", "--doc"])
def test_cli_query_with_hostile_filters(db, option):
    for value in INJECTIONS:
        res = run("query", "--db", db, option, value, "--format", "json")
        if option == "--doc":
            assert res.exit_code == 1 and res.stderr.splitlines() == [
                f"Error: {value}: no such document; give a path to the file, the stored name, a name prefix "
                "or a hash prefix (see litmine export --table documents --format csv)"], res.output
        else:
            assert res.exit_code == 0 and res.stdout.strip() == "[]", res.output
    assert '"documents": 2' in run("stats", "--db", db, "--json").stdout


@pytest.mark.parametrize("args", [["--direction", "up; DROP TABLE x"], ["--lang", "zh' --"],
                                  ["--pain-effect", "none' OR '1"], ["--limit", "1; DROP TABLE x"]])
def test_closed_choices_are_validated(db, args):
    res = run("query", "--db", db, *args)
    assert res.exit_code == 2 and "Invalid value" in res.stderr


# ------------------------------------------------------------------ export paths


def export(db, out, *extra):
    return run("export", "--db", db, "--table", "relations", "--format", "jsonl", "-o", out, *extra)


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "json", "xlsx"])
def test_export_never_overwrites_without_force(db, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    out.write_bytes(b"precious")
    res = run("export", "--db", db, "--table", "relations", "--format", fmt, "-o", out)
    assert res.exit_code == 1
    assert res.stderr.strip() == f"Error: {out}: file exists (use --force to overwrite)"
    assert out.read_bytes() == b"precious"
    res = run("export", "--db", db, "--table", "relations", "--format", fmt, "-o", out, "--force")
    assert res.exit_code == 0 and out.read_bytes() != b"precious"
    assert leftovers(tmp_path) == []


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_export_does_not_follow_symlinks(db, tmp_path):
    target = tmp_path / "elsewhere" / "victim.txt"
    target.parent.mkdir()
    dangling = tmp_path / "dangling.jsonl"
    os.symlink(target, dangling)                      # points at a file that does not exist yet
    assert export(db, dangling).exit_code == 1
    assert not target.exists()

    target.write_text("precious", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    os.symlink(target, link)
    assert export(db, link).exit_code == 1
    assert export(db, link, "--force").exit_code == 0   # replaces the link, not its target
    assert target.read_text(encoding="utf-8") == "precious"
    assert not link.is_symlink() and link.read_text(encoding="utf-8").startswith("{")


def test_file_appearing_during_export_is_not_overwritten(db, tmp_path, monkeypatch):
    import litmine.formats.tables as tables

    out = tmp_path / "race.jsonl"
    real = tables.write_rows

    def write_rows(*a, **k):
        n = real(*a, **k)
        out.write_text("written meanwhile by someone else", encoding="utf-8")
        return n

    monkeypatch.setattr(tables, "write_rows", write_rows)
    res = export(db, out)
    assert res.exit_code == 1 and "file exists" in res.stderr
    assert out.read_text(encoding="utf-8") == "written meanwhile by someone else"
    assert leftovers(tmp_path) == []


def test_failed_export_leaves_no_file(db, tmp_path, monkeypatch):
    import litmine.formats.tables as tables

    def write_rows(rows, fmt, out, columns=None, **kw):
        out.write('{"partial": ')
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(tables, "write_rows", write_rows)
    out = tmp_path / "full.jsonl"
    res = export(db, out)
    assert res.exit_code == 1
    assert res.stderr.strip() == f"Error: {out}: cannot write the file (No space left on device); check the disk and the path"
    assert not out.exists() and leftovers(tmp_path) == []


def test_export_into_a_missing_folder_says_so(db, tmp_path):
    out = tmp_path / "no" / "such" / "dir.jsonl"
    res = export(db, out)
    assert res.exit_code == 1 and f"cannot create the file: the folder {out.parent} does not exist" in res.stderr
    assert not (tmp_path / "no").exists()


# ------------------------------------------------------------------ crafted inputs


def crafted_pdf(path: Path) -> Path:
    """A PDF whose text, title, attachment name and link all look like paths."""
    pdf = FPDF()
    pdf.set_title("../../../../tmp/litmine_title_escape.txt")
    pdf.set_author("/etc/passwd")
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.text(15, 20, "Treadmill running reduced TNF-alpha; see ../../../../tmp/litmine_text_escape.txt.")
    pdf.text(15, 30, "Swimming increased IL-10 in file:///tmp/litmine_uri_escape.txt and C:\\Windows\\evil.txt.")
    pdf.link(15, 25, 50, 10, "file:///tmp/litmine_link_escape.txt")
    pdf.embed_file(bytes=b"#!/bin/sh\necho pwned\n", basename="../../../../tmp/litmine_attachment_escape.sh")
    pdf.output(str(path))
    return path


ESCAPES = ["litmine_title_escape.txt", "litmine_text_escape.txt", "litmine_uri_escape.txt",
           "litmine_link_escape.txt", "litmine_attachment_escape.sh", "litmine_zh_escape",
           "litmine_backtick_escape", "litmine_subshell"]


def test_crafted_documents_write_nowhere_else(tmp_path, monkeypatch):
    work = tmp_path / "work"
    inputs = work / "in"
    (inputs / "sub").mkdir(parents=True)
    crafted_pdf(inputs / "crafted.pdf")
    (inputs / "sub" / "paths.txt").write_text(
        "Aerobic exercise reduced IL-6 (../../../etc/cron.d/x). 运动降低了TNF-α（/tmp/litmine_zh_escape）。\n"
        "Output: ${HOME}/.bashrc; `touch /tmp/litmine_backtick_escape`; $(touch /tmp/litmine_subshell).\n",
        encoding="utf-8")
    (inputs / "sub" / "a..%2f..%2fescape.txt").write_text(EN, encoding="utf-8")
    monkeypatch.chdir(work)
    before = set(tmp_path.rglob("*"))
    db = work / "db" / "x.sqlite"
    out = work / "out.jsonl"
    res = run("ingest", "in", "--db", db, "--create-dirs")
    assert res.exit_code == 0 and "3 stored" in res.stdout, res.output
    assert run("export", "--db", db, "--table", "relations", "--format", "jsonl", "-o", out).exit_code == 0
    assert run("export", "--db", db, "--table", "documents", "--format", "csv").exit_code == 0
    created = set(tmp_path.rglob("*")) - before
    allowed = {db.parent, db, Path(f"{db}-wal"), Path(f"{db}-shm"), out}
    assert created <= allowed, sorted(map(str, created - allowed))
    assert db.exists() and out.exists()
    for name in ESCAPES:
        assert not (Path("/tmp") / name).exists() and not (tmp_path / name).exists()
