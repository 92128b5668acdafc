"""Front-door faults a researcher meets in everyday use (fourth session): an export whose -o
suffix names no format, the same file named twice in one ingest, odd paths, empty files, a
database from a newer litmine, options after the arguments, and every command's --help."""
from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from litmine.cli import cli

EN = "Treadmill running lowered spinal IL-6 in rats with nerve injury."
ZH = "跑台运动降低了坐骨神经损伤大鼠脊髓IL-6的表达。"


def run(*args, **kw):
    return CliRunner().invoke(cli, [str(a) for a in args], **kw)


@pytest.fixture()
def small_db(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    db = tmp_path / "x.sqlite"
    assert run("ingest", tmp_path / "a.txt", "--db", db).exit_code == 0
    return db


def documents(db: Path) -> list[str]:
    with sqlite3.connect(db) as con:
        return [r[0] for r in con.execute("SELECT name FROM documents ORDER BY id")]


# ---- export -o with a suffix that names no format ----

@pytest.mark.parametrize("command, name, what", [
    ("export", "out.xslx", "unknown suffix '.xslx'"),
    ("export", "relations", "no suffix"),
    ("export", "out.tsv", "unknown suffix '.tsv'"),
    ("claims", "claims.txt", "unknown suffix '.txt'"),
])
def test_an_unknown_output_suffix_is_a_usage_error_naming_it(tmp_path, small_db, command, name, what):
    out = tmp_path / name
    res = run(command, "--db", small_db, "-o", out)
    assert res.exit_code == 2, res.output
    error = [line for line in res.output.splitlines() if line.startswith("Error:")]
    assert error == [f"Error: -o {out}: {what}; name it .csv, .jsonl, .json or .xlsx, or give --format"]
    assert not out.exists() and not list(tmp_path.glob(".*.part"))


def test_an_unknown_suffix_is_written_as_format_says(tmp_path, small_db):
    out = tmp_path / "relations.txt"
    res = run("export", "--db", small_db, "--table", "relations", "--format", "jsonl", "-o", out)
    assert res.exit_code == 0, res.output
    [row] = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert (row["exercise"], row["direction"], row["target"]) == ("treadmill", "decrease", "IL-6")
    out = tmp_path / "upper.CSV"                       # a known suffix in capitals is still CSV
    assert run("export", "--db", small_db, "-o", out).exit_code == 0
    assert out.read_text(encoding="utf-8-sig").startswith("doc,lang,sentence,exercise,")


# ---- the same file twice in one ingest ----

def test_a_file_named_twice_is_one_document_and_a_counted_skip(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    db = tmp_path / "x.sqlite"
    res = run("ingest", tmp_path / "a.txt", tmp_path / "a.txt", "--db", db)
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    shown = str(tmp_path / "a.txt")
    assert f"skipped  {shown}: already read in this run (the same file as {shown})" in lines
    assert lines[-1] == "1 stored, 1 skipped, 0 failed"
    assert documents(db) == ["a.txt"]


def test_a_file_reached_through_a_link_and_a_folder_is_skipped_and_counted(tmp_path):
    folder = tmp_path / "papers"
    folder.mkdir()
    (folder / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(folder / "a.txt")
    db = tmp_path / "x.sqlite"
    res = run("ingest", folder, tmp_path / "link.txt", folder / "a.txt", folder, "--db", db)
    assert res.exit_code == 0, res.output
    skipped = [line for line in res.output.splitlines() if line.startswith("skipped")]
    first = folder / "a.txt"
    assert skipped == [f"skipped  {tmp_path / 'link.txt'}: already read in this run (the same file as {first})",
                       f"skipped  {first}: already read in this run (the same file as {first})",
                       f"skipped  {folder}{os.sep}: already read in this run (the same folder as {folder}{os.sep})"]
    assert res.output.splitlines()[-1] == "1 stored, 3 skipped, 0 failed"
    assert documents(db) == ["a.txt"]


def test_the_api_reports_the_repeat_as_skipped(tmp_path):
    import litmine
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    res = litmine.ingest([tmp_path / "a.txt", tmp_path / "a.txt"], db=tmp_path / "x.sqlite")
    assert [r.status for r in res] == ["stored", "skipped"]
    assert res[1].reason.startswith("already read in this run")
