"""Front-door faults a researcher meets in everyday use (fourth session): an export whose -o
suffix names no format, the same file named twice in one ingest, odd paths, empty files, a
database from a newer litmine, options after the arguments, and every command's --help."""
from __future__ import annotations

import json
import re
import os
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from litmine.cli import cli
from litmine.store.schema import SCHEMA_VERSION

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
    res = run("export", "--db", small_db, "--table", "relations", "-o", "-")      # "-": standard output, JSONL
    assert res.exit_code == 0 and json.loads(res.output.splitlines()[0])["target"] == "IL-6"
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


# ---- odd paths, empty folders, a newer database ----

def test_odd_names_spaces_unicode_and_a_newer_schema(tmp_path):
    folder = tmp_path / "my papers 论文"
    folder.mkdir()
    (folder / "a b.txt").write_text(EN, encoding="utf-8")
    (folder / "论文 一.txt").write_text(ZH, encoding="utf-8")
    db = tmp_path / "数据 库.sqlite"
    res = run("ingest", folder, "--db", db)
    assert res.exit_code == 0 and res.output.splitlines()[-1] == "2 stored, 0 skipped, 0 failed", res.output
    assert documents(db) == ["a b.txt", "论文 一.txt"]
    with sqlite3.connect(db) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    for args in (["stats"], ["query"], ["search", "treadmill"], ["ingest", folder]):
        res = run(*args, "--db", db)
        assert res.exit_code == 1, (args, res.output)
        assert res.output.splitlines() == [f"Error: {db}: database schema version 99 is newer than this litmine's "
                                           f"({SCHEMA_VERSION}); upgrade litmine (pip install -U litmine) or use "
                                           "another --db"]


def test_a_folder_without_papers_is_named_in_the_error(tmp_path):
    empty = tmp_path / "空目录"
    empty.mkdir()
    res = run("ingest", empty, "--db", tmp_path / "x.sqlite")
    assert res.exit_code == 1
    assert res.output.splitlines()[-1] == f"no papers (.txt, .md, .pdf, .html) or search exports found in {empty}"
    assert not (tmp_path / "x.sqlite").exists()


def test_an_option_after_double_dash_is_a_missing_path_with_a_hint(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "-a.txt").write_text(EN, encoding="utf-8")
    res = CliRunner(mix_stderr=False).invoke(cli, ["ingest", "--", "-a.txt", "--db", "x.sqlite"]) \
        if "mix_stderr" in CliRunner.__init__.__code__.co_varnames else run("ingest", "--", "-a.txt", "--db", "x.sqlite")
    assert res.exit_code == 1
    assert "failed   --db: no such file or directory (an option after -- is read as a path: put the options " \
           "before --)" in res.output


def test_limits_of_inf_and_nan_are_usage_errors_for_every_limit(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    for option in ("--max-export-mb", "--max-text-mb"):
        for value in ("inf", "nan"):
            res = run("ingest", tmp_path / "a.txt", "--db", tmp_path / "x.sqlite", option, value)
            assert res.exit_code == 2, (option, value, res.output)
            assert f"Invalid value for '{option}': {value} is not a number of megabytes" in res.output
    assert not (tmp_path / "x.sqlite").exists()


# ---- options in the wrong order ----

def test_db_before_the_command(small_db, monkeypatch):
    monkeypatch.setenv("LITMINE_DB", str(small_db.parent / "elsewhere.sqlite"))     # the option wins
    res = run("--db", small_db, "stats")
    assert res.exit_code == 0 and res.output.startswith("documents: 1 (en 1)"), res.output
    assert run("docs", "--db", small_db, "merged").output == "0 duplicates merged\n"
    res = run("--db", small_db, "claims", "show", "1", "--format", "json")
    assert res.exit_code == 0 and json.loads(res.output)["target"] == "IL-6"
    assert run("--db", small_db, "stats", "--db", small_db).exit_code == 0     # the same one twice
    res = run("--db", small_db, "stats", "--db", "other.sqlite")
    assert res.exit_code == 2
    assert f"given twice, {small_db} before the command and other.sqlite after it: give it once" in res.output


@pytest.mark.parametrize("args, hint", [
    (["stats", "{db}"], "Got unexpected extra argument ({db}): give the database with --db {db}"),
    (["query", "TNF"], "Got unexpected extra argument (TNF): filters are options: --target TNF "
                       "(or --exercise, --model, --species; litmine query --help)"),
    (["query", "decrease"], "Got unexpected extra argument (decrease): options come with their name: "
                            "--direction decrease"),
    (["export", "relations"], "Got unexpected extra argument (relations): options come with their name: "
                              "--table relations"),
    (["claims", "BDNF"], "No such command 'BDNF': filters are options: --target BDNF (or --exercise; "
                         "litmine claims --help)"),
    (["search", "treadmill", "-o", "x.csv"], "no such option: -o (search prints to standard output: > FILE, "
                                             "with --format csv, json or jsonl; see litmine search --help)"),
])
def test_a_word_in_the_wrong_place_says_which_option_it_belongs_to(small_db, args, hint):
    res = run(*[a.format(db=small_db) for a in args], *(["--db", small_db] if args[0] != "stats" else []))
    assert res.exit_code == 2, res.output
    assert res.output.splitlines()[-1] == "Error: " + hint.format(db=small_db)


def test_a_word_that_fits_no_option_keeps_clicks_message(small_db):
    res = run("stats", "nothing", "--db", small_db)
    assert res.exit_code == 2 and res.output.splitlines()[-1] == "Error: Got unexpected extra argument (nothing)"
    assert run("search", "treadmill", "-IL-6", "--db", small_db).exit_code == 0     # a NOT term, as before


# ---- --help of every command ----

def _commands(group, prefix=()):
    import click
    for name, command in sorted(group.commands.items()):
        yield prefix + (name,)
        if isinstance(command, click.Group):
            yield from _commands(command, prefix + (name,))


@pytest.mark.parametrize("command", [()] + list(_commands(cli)), ids=lambda c: " ".join(c) or "litmine")
def test_help_fits_80_cells_and_reads_as_words(command, monkeypatch):
    from rich.cells import cell_len
    monkeypatch.setenv("COLUMNS", "80")
    res = run(*command, "--help")
    assert res.exit_code == 0, res.output
    too_wide = [line for line in res.output.splitlines() if cell_len(line) > 80]
    assert too_wide == []
    assert "9223372036854775807" not in res.output and "INTEGER RANGE" not in res.output
    assert not re.search(r"[a-z]-\n\s+[a-z]", res.output)          # no word cut at its hyphen
    options = res.output.split("\nOptions:\n")[1].split("\n\n")[0].splitlines()
    for line, after in zip(options, options[1:] + [""]):               # every option says what it is for
        if line.startswith("  -") and not re.search(r"\S\s{2,}\S", line.strip()):
            assert after.startswith(" " * 6), f"{' '.join(command)}: {line.strip()} has no help"


def test_help_wraps_chinese_by_cells():
    from litmine.cli import wrap_cells
    from rich.cells import cell_len
    text = "Chinese words are segmented (运动 finds 跑台运动, 炎症 finds 炎症反应) with jieba and 【题名】 text"
    lines = wrap_cells(text, 30)
    assert " ".join(lines) == text and all(cell_len(line) <= 30 for line in lines)
    assert lines[1] == "(运动 finds 跑台运动, 炎症"            # 25 cells, 17 characters
    assert wrap_cells("re-run --no-group", 6) == ["re-run", "--no-group"]    # never cut at a hyphen


def test_a_db_name_with_a_pasted_space_is_refused_not_created(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    db = f"{tmp_path / 'x.sqlite'} "
    res = run("ingest", tmp_path / "a.txt", "--db", db)
    assert res.exit_code == 2
    assert res.output.splitlines()[-1] == (f"Error: Invalid value for '--db': {db!r} starts or ends with a space "
                                           f"(pasted?); give {db.strip()!r}")
    assert list(tmp_path.iterdir()) == [tmp_path / "a.txt"]
    Path(db).write_bytes(b"")                       # a file that really has the space: it is the one meant
    assert "an empty file, not a litmine database yet" in run("stats", "--db", db).output
