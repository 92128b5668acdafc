"""What a new user meets first (issue 15): files in a folder that litmine does
not read are named in the summary, a bad --encoding is one error before any
file, counts read as English, an empty database says so, help texts are plain
text with their examples intact, and file-system errors name the path and
what is wrong with it."""
from __future__ import annotations

import inspect
import os
import re
import sqlite3

import click
import pytest
from click.testing import CliRunner

from litmine import api
from litmine.cli import cli, count, plain_help

EN = "Treadmill running lowered spinal IL-6 in rats with nerve injury."


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_unsupported_files_in_a_folder_are_named_in_the_summary(tmp_path):
    folder = tmp_path / "papers"
    (folder / "sub").mkdir(parents=True)
    (folder / "paper.txt").write_text(EN, encoding="utf-8")
    for name in ("trial.docx", "fig1.png", "sub/fig2.png", "LICENSE", ".DS_Store"):
        (folder / name).write_bytes(b"not a paper")
    os.symlink(folder / "gone.pdf", folder / "old.pdf")
    db = folder / "t.sqlite"               # the database's own files are no input either
    res = run("ingest", folder, "--db", db)
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    # LICENSE is a project file, named as README.md would be; .DS_Store (hidden, no paper) is not
    assert [ln for ln in lines if ln.startswith("ignored")] == [f"ignored  {folder}/LICENSE: project file, not a paper"]
    assert lines[-3:] == [
        "1 stored, 0 skipped, 0 failed",
        "1 ignored in folders (hidden or README/LICENSE-like, not papers; --all-files reads them): "
        f"{folder}/LICENSE",
        "4 files skipped in folders, not read (unsupported file type '.png': 2; symbolic link to nothing (broken, "
        "or a loop): 1; unsupported file type '.docx': 1; litmine reads .txt, .md, .pdf, .html and search exports): "
        f"{folder}/fig1.png, {folder}/old.pdf, {folder}/sub/fig2.png, {folder}/trial.docx"]
    # only unreadable files: the summary still names them, and says no paper was found
    only = tmp_path / "only"
    only.mkdir()
    (only / "a.docx").write_bytes(b"x")
    res = run("ingest", only, "--db", tmp_path / "o.sqlite")
    assert res.exit_code == 1
    assert "1 file skipped in folders, not read (unsupported file type '.docx': 1;" in res.output
    assert f"no papers (.txt, .md, .pdf, .html) or search exports found in {only}\n" in res.output


def test_the_api_reports_unsupported_files_as_ignored(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "b.csv").write_text("x,y\n", encoding="utf-8")
    results = api.ingest(tmp_path, tmp_path / "t.sqlite")
    assert [(os.path.basename(r.path), r.status, r.reason) for r in results] == [
        ("a.txt", "stored", None), ("b.csv", "ignored", "unsupported file type '.csv'")]


def test_a_bad_encoding_is_one_error_before_any_file(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(EN, encoding="utf-8")
    db = tmp_path / "t.sqlite"
    res = run("ingest", tmp_path / "a.txt", tmp_path / "b.txt", "--db", db, "--encoding", "gb-18030x")
    assert res.exit_code == 2
    assert res.output.splitlines()[-1] == ("Error: Invalid value for '--encoding': unknown encoding 'gb-18030x' "
                                           "(e.g. utf-8, gb18030, gbk, big5, utf-16)")
    assert "failed" not in res.output and not db.exists()
    with pytest.raises(ValueError, match="encoding 'gb-18030x': not an encoding Python knows"):
        api.ingest(tmp_path / "a.txt", db, encoding="gb-18030x")
    assert not db.exists()
    assert run("ingest", tmp_path / "a.txt", "--db", db, "--encoding", "GB18030").exit_code == 0


def test_counts_are_singular_for_one():
    assert [count(n, "sentences") for n in (0, 1, 2)] == ["0 sentences", "1 sentence", "2 sentences"]
    assert count(1, "relations rows") == "1 relations row"


def test_one_sentence_document_line_reads_as_english(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    res = run("ingest", tmp_path / "a.txt", "--db", tmp_path / "t.sqlite")
    stored = next(ln for ln in res.output.splitlines() if ln.startswith("stored"))
    assert re.fullmatch(r"stored   \S+a\.txt: 1 sentence, \d+ mentions, 1 relation", stored), stored


def test_stats_on_an_empty_database(tmp_path):
    db = tmp_path / "t.sqlite"
    api.connect(db).dispose()
    res = run("stats", "--db", db)
    assert res.exit_code == 0
    assert res.output.splitlines() == ["documents: 0 (an empty database: litmine ingest FILES adds documents)"]
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    run("ingest", tmp_path / "a.txt", "--db", db)
    out = run("stats", "--db", db).output
    assert "()" not in out and out.startswith("documents: 1 (en 1)\n") and "top targets: IL-6 (1)" in out


def _commands(group: click.Group, prefix=()):
    for name, cmd in sorted(group.commands.items()):
        yield prefix + (name,), cmd
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, prefix + (name,))


@pytest.mark.parametrize("path, cmd", list(_commands(cli)), ids=lambda v: " ".join(v) if isinstance(v, tuple) else "")
def test_help_is_plain_text_with_examples_as_written(path, cmd):
    res = run(*path, "--help")
    assert res.exit_code == 0
    assert not re.search(r"``|:(func|class|data|mod|meth|attr):", res.output), res.output
    assert not re.search(r"--\s*\n|\w-\n", res.output), res.output       # no option name split over two lines
    doc = inspect.cleandoc(cmd.callback.__doc__ or "")
    examples = [ln.strip() for ln in doc.splitlines() if ln.startswith("    litmine ")]   # indented: an example
    assert examples, f"litmine {' '.join(path)}: no example in its help"
    shown = [ln.strip() for ln in res.output.splitlines()]
    for ex in examples:
        assert ex in shown, f"example re-wrapped: {ex!r}\n{res.output}"


def test_plain_help_takes_out_sphinx_markup():
    text = plain_help("""Run ``x`` (see :func:`litmine.api.query` and :class:`~litmine.types.Limits`).

    Example:

        litmine a
        litmine b
    """)
    assert text.split("\n\n") == ["Run x (see litmine.api.query and Limits).", "Example:",
                                  "\b\n    litmine a\n    litmine b"]


def test_ingest_paths_name_what_is_wrong(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    db = tmp_path / "t.sqlite"
    res = run("ingest", tmp_path / "a.txt" / "x.txt", tmp_path / "a.txt", "--db", db)
    assert (f"failed   {tmp_path / 'a.txt' / 'x.txt'}: no such file: {tmp_path / 'a.txt'} is a file, not a folder "
            "(check the path)") in res.output
    assert "1 stored, 0 skipped, 1 failed" in res.output


@pytest.mark.parametrize("where, message", [
    ("file/x.sqlite", "{tmp}/file/x.sqlite: {tmp}/file is a file, not a folder (choose another --db)"),
    ("file/sub/x.sqlite", "{tmp}/file/sub/x.sqlite: {tmp}/file is a file, not a folder (choose another --db)"),
    ("d" * 300 + "/x.sqlite", "{tmp}/" + "d" * 60),
])
def test_a_bad_db_path_is_one_line_naming_it(tmp_path, where, message):
    (tmp_path / "file").write_text("", encoding="utf-8")
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    res = run("ingest", tmp_path / "a.txt", "--create-dirs", "--db", tmp_path / where)
    lines = res.output.strip().splitlines()
    assert res.exit_code == 1 and len(lines) == 1 and lines[0].startswith(f"Error: {message.format(tmp=tmp_path)}")
    if "d" * 300 in where:            # the path shortened, the reason said
        assert lines[0].endswith(f"/x.sqlite ({len(str(tmp_path / where)):,} characters): cannot check the "
                                 "database path (File name too long); choose another --db")
    for args in (["query"], ["stats"]):        # reading: no such database, or the name too long
        res = run(*args, "--db", tmp_path / where)
        lines = res.output.strip().splitlines()
        assert res.exit_code == 1 and len(lines) == 1, res.output
        assert lines[0].startswith("Error: ") and "unexpected" not in lines[0]
        assert "no such database" in lines[0] or "File name too long" in lines[0]


def test_a_db_that_is_a_folder_or_a_device_is_named_so(tmp_path):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    for args in (["ingest", tmp_path / "a.txt"], ["stats"]):
        res = run(*args, "--db", tmp_path)
        assert res.exit_code == 1 and res.output.strip().splitlines() == [
            f"Error: {tmp_path}: is a folder, not a database file (give a file in it, e.g. "
            f"{tmp_path / 'litmine.sqlite'})"]
    res = run("ingest", tmp_path / "a.txt", "--db", os.devnull)
    assert res.exit_code == 1 and res.output.strip().splitlines() == [
        f"Error: {os.devnull}: not a regular file (a device, pipe or socket); give a database file"]


def test_an_interrupt_names_the_file_in_progress(tmp_path, monkeypatch):
    import litmine.pipeline as pipeline
    real = pipeline.process

    def interrupted(raw):
        if raw.path.endswith("b.txt"):
            raise KeyboardInterrupt
        return real(raw)

    monkeypatch.setattr(pipeline, "process", interrupted)
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(f"{EN} {name}", encoding="utf-8")
    db = tmp_path / "t.sqlite"
    res = run("ingest", tmp_path / "a.txt", tmp_path / "b.txt", "--db", db)
    assert res.exit_code == 130
    assert res.stderr.splitlines()[-1] == f"interrupted: 1 stored; re-run to continue (during {tmp_path / 'b.txt'})"
    assert [r[0] for r in sqlite3.connect(db).execute("SELECT name FROM documents")] == ["a.txt"]


@pytest.mark.parametrize("where, reason", [
    ("file/x.csv", "cannot create the file: {tmp}/file is a file, not a folder"),
    ("missing/x.csv", "cannot create the file: the folder {tmp}/missing does not exist"),
    ("d" * 300 + ".csv", "cannot create the file: the name is too long for the file system (shorten the path)"),
])
def test_an_output_path_error_names_the_path_and_the_operation(tmp_path, where, reason):
    (tmp_path / "file").write_text("", encoding="utf-8")
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    db = tmp_path / "t.sqlite"
    run("ingest", tmp_path / "a.txt", "--db", db)
    for args in (["export", "--format", "csv"], ["claims", "--format", "csv"]):
        res = run(*args, "--db", db, "-o", tmp_path / where)
        lines = res.output.strip().splitlines()
        assert res.exit_code == 1 and len(lines) == 1, res.output
        assert lines[0].endswith(reason.format(tmp=tmp_path)), lines[0]
        assert not list((tmp_path / "file").parent.glob(".*.part"))     # no partial file left
