"""Front-door faults a new user met on main (empty filters, duplicates in
another encoding, read-only databases, failed ingests, search syntax, export
options, API errors, size messages, compare --review, project files)."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

import litmine
from helpers import ingest_texts
from litmine.cli import cli
from litmine.errors import LitmineError, UsageError

EN = "Treadmill running lowered spinal IL-6 in rats with nerve injury."


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture(scope="module")
def small_db(tmp_path_factory):
    return ingest_texts(tmp_path_factory.mktemp("small"), {"a.txt": EN})


@pytest.mark.parametrize("args, name", [
    (["query", "--doc", ""], "--doc"),
    (["query", "--target="], "--target"),
    (["query", "--exercise="], "--exercise"),
    (["query", "--model", "  "], "--model"),
    (["query", "--species="], "--species"),
    (["export", "--format", "bioc", "--doc="], "--doc"),
    (["claims", "--target="], "--target"),
    (["claims", "--exercise", ""], "--exercise"),
    (["search", "IL-6", "--document="], "--doc"),
    (["compare", ""], "DOC"),
])
def test_an_empty_filter_is_a_usage_error_not_everything(small_db, args, name):
    res = run(*args, "--db", small_db)
    assert res.exit_code == 2, res.output
    assert f"Error: {name}: give a non-empty value" in res.output
    assert "IL-6    nerve injury" not in res.output


def test_a_filter_with_a_value_still_filters(small_db):
    res = run("query", "--target", "IL-6", "--db", small_db)
    assert res.exit_code == 0, res.output
    assert "(1 relation in 1 document)" in res.output


@pytest.mark.parametrize("call, message", [
    (lambda db: litmine.query(db, direction="up"), "direction='up': choose one of increase, decrease"),
    (lambda db: litmine.studies(db, source="tabel"), "source='tabel': choose one of table, citation, document"),
    (lambda db: litmine.search("IL-6", db, limit=0), "limit=0: give 1 to"),
    (lambda db: litmine.claims(db, min_docs=-1), "min_docs=-1: give 0 or more"),
])
def test_api_argument_errors_are_litmine_errors_and_value_errors(small_db, call, message):
    with pytest.raises(LitmineError) as err:
        call(small_db)
    assert isinstance(err.value, UsageError) and isinstance(err.value, ValueError)
    assert str(err.value).startswith(message)


def test_a_size_past_a_small_limit_is_given_in_kilobytes(tmp_path):
    big = tmp_path / "big.txt"
    big.write_bytes(b"Exercise lowered IL-6 in rats. " * 1100)        # 34,100 bytes
    res = run("ingest", big, "--db", tmp_path / "t.sqlite", "--max-text-mb", "0.01")
    assert res.exit_code == 1
    assert (f"failed   {big}: text file is 34.1 kB, more than the limit of 0.01 MB (raise it with --max-text-mb N, "
            "or 0 for no limit)") in res.output


@pytest.mark.parametrize("size, limit, text", [
    (512, 1, "512 bytes"), (34_100, 10_000, "34.1 kB"), (1_300_000, 1_000_000, "1.3 MB"),
    (1_048_576, 1_000_000, "1.05 MB"), (8_004_000, 8_000_000, "8.004 MB"), (8_000_400, 8_000_000, "8,000,400 bytes"),
    (999_990, 0, "1.0 MB"),
])
def test_size_text_never_reads_as_the_limit_or_less(size, limit, text):
    from litmine.io.files import mb_text, size_text
    assert size_text(size, limit) == text
    assert (mb_text(1e-06), mb_text(0.01), mb_text(8.0)) == ("0.000001", "0.01", "8")


def test_compare_warns_once_when_the_review_is_not_marked_as_one(tmp_path):
    db = ingest_texts(tmp_path, {"a_review.txt": EN, "b_trial.txt": "Treadmill exercise reduced IL-6 in the spinal "
                                                                    "cord of rats after nerve injury."})
    res = run("compare", "b_trial.txt", "--review", "a_review.txt", "--db", db)
    assert res.exit_code == 0, res.output
    warnings = [ln for ln in res.output.splitlines() if ln.startswith("warning")]
    assert warnings == ["warning: a_review.txt is not marked as a review "
                        "(litmine docs set-role a_review.txt review)"]
    assert "1 supports" in res.output
    with pytest.warns(UserWarning, match="a_review.txt is not marked as a review"):
        litmine.compare("b_trial.txt", review="a_review.txt", db=db)
    assert run("docs", "set-role", "a_review.txt", "review", "--db", db).exit_code == 0
    res = run("compare", "b_trial.txt", "--review", "a_review.txt", "--db", db)
    assert res.exit_code == 0 and "warning" not in res.output, res.output


def test_export_refuses_a_table_with_a_document_format(small_db, tmp_path):
    for fmt in ("bioc", "pubtator"):
        res = run("export", "--format", fmt, "--table", "studies", "--db", small_db)
        assert res.exit_code == 1
        assert (f"Error: --table is for the table formats (csv, jsonl, json, xlsx): --format {fmt} exports documents "
                "with their mentions and relations (--doc for one); leave out --table studies") in res.output
    assert run("export", "--format", "bioc", "--db", small_db).exit_code == 0


def test_export_one_documents_relations_or_studies(tmp_path):
    import json
    db = ingest_texts(tmp_path, {"a.txt": EN, "b.txt": "Swimming increased BDNF in the hippocampus of mice."})
    res = run("export", "--table", "relations", "--doc", "b.txt", "--format", "jsonl", "--db", db)
    assert res.exit_code == 0, res.output
    rows = [json.loads(ln) for ln in res.output.splitlines()]
    assert [(r["doc"], r["exercise"], r["target"]) for r in rows] == [("b.txt", "swimming", "BDNF")]
    res = run("export", "--table", "relations", "--doc", "a.txt", "--format", "csv", "--db", db)
    assert res.exit_code == 0 and "IL-6" in res.output and "BDNF" not in res.output, res.output
    res = run("export", "--table", "studies", "--doc", "a.txt", "--format", "jsonl", "--db", db)
    assert res.exit_code == 0, res.output
    assert [(r["study"], r["source"], r["outcomes"]) for r in map(json.loads, res.output.splitlines())] == [
        ("a.txt", "document", "IL-6↓")]
    res = run("export", "--table", "mentions", "--doc", "a.txt", "--db", db)
    assert res.exit_code == 1
    assert ("Error: --doc selects one document's rows of --table relations or studies (or a document for --format "
            "bioc or pubtator), not of --table mentions") in res.output


def test_search_reads_a_leading_minus_as_not(tmp_path):
    import json
    db = ingest_texts(tmp_path, {"a.txt": "Pain fell after treadmill exercise in rats.",
                                 "b.txt": "Pain fell after morphine in rats."})
    res = run("search", "pain -exercise", "--format", "jsonl", "--db", db)
    assert res.exit_code == 0, res.output
    assert [json.loads(ln)["doc"] for ln in res.output.splitlines()] == ["b.txt"]
    res = run("search", "--db", db, "--", "-exercise")
    assert res.exit_code == 1
    assert "-exercise means NOT exercise and needs a term before it" in res.output
    assert "a -b: a leading minus is NOT" in " ".join(run("search", "--help").output.split())


def test_a_failed_first_ingest_leaves_no_database_file(tmp_path):
    db = tmp_path / "new.sqlite"
    res = run("ingest", tmp_path / "nonexist.txt", "--db", db)
    assert res.exit_code == 1
    assert "nonexist.txt: no such file or directory" in res.output
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "logs") == []
    (tmp_path / "empty").mkdir()                       # a folder without papers: the same
    assert run("ingest", tmp_path / "empty", "--db", db).exit_code == 1
    assert not db.exists()
    results = litmine.ingest(tmp_path / "nonexist.txt", db)     # the API alike
    assert [r.status for r in results] == ["failed"] and not db.exists()
    # a database that existed before stays, empty or not
    engine = litmine.connect(db)
    engine.dispose()
    assert run("ingest", tmp_path / "nonexist.txt", "--db", db).exit_code == 1
    assert db.exists()
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    other = tmp_path / "other.sqlite"
    assert run("ingest", tmp_path / "a.txt", tmp_path / "nonexist.txt", "--db", other).exit_code == 1
    assert other.exists()


#: Runs litmine commands (JSON list of argument lists, argv[1]) with click's CliRunner and
#: prints [[exit code, output], ...] as JSON: in a child process on a read-only mount.
_RUN_COMMANDS = """
import json, sys
from click.testing import CliRunner
from litmine.cli import cli
out = []
for args in json.loads(sys.argv[1]):
    res = CliRunner().invoke(cli, args)
    out.append([res.exit_code, res.output])
print(json.dumps(out))
"""


def _run_read_only(folder, commands):
    """Run litmine ``commands`` (lists of arguments) while ``folder`` cannot be written:
    as a user, with the folder and its files chmod'ed read-only; as root (whom chmod does
    not stop), in a child process in its own mount namespace where ``folder`` is bind-mounted
    read-only (a read-only file system). Returns ``[(exit code, output), ...]``."""
    import json
    import os
    import shutil
    import subprocess
    import sys
    commands = [[str(a) for a in args] for args in commands]
    if os.geteuid() != 0:
        for p in folder.iterdir():
            os.chmod(p, 0o444)
        os.chmod(folder, 0o555)
        try:
            return [(r.exit_code, r.output) for r in (CliRunner().invoke(cli, args) for args in commands)]
        finally:
            os.chmod(folder, 0o755)
    if not shutil.which("unshare") or not shutil.which("mount"):
        pytest.skip("running as root (chmod does not stop root) without unshare/mount for a read-only mount")
    script = (f'mount --bind "$1" "$1" && mount -o remount,bind,ro "$1" && exec "{sys.executable}" -c "$2" "$3"')
    res = subprocess.run(["unshare", "--mount", "--propagation", "private", "sh", "-c", script, "sh", str(folder),
                          _RUN_COMMANDS, json.dumps(commands)], capture_output=True, text=True, timeout=300)
    if res.returncode != 0 and "mount" in res.stderr + res.stdout and not res.stdout.startswith("["):
        pytest.skip(f"running as root and a read-only mount is not permitted here: {res.stderr.strip()[:200]}")
    assert res.returncode == 0, res.stderr
    return [tuple(r) for r in json.loads(res.stdout)]


def test_a_read_only_database_can_be_read_and_a_write_says_so(tmp_path):
    import json
    folder = tmp_path / "ro"
    folder.mkdir()
    db = ingest_texts(folder, {"a.txt": EN})
    results = _run_read_only(folder, [
        ["stats", "--json", "--db", db],
        ["query", "--target", "IL-6", "--format", "jsonl", "--db", db],
        ["search", "treadmill", "--format", "jsonl", "--db", db],
        ["claims", "--target", "IL-6", "--format", "jsonl", "--db", db],
        ["export", "--table", "studies", "--db", db],
        ["docs", "set-role", "a.txt", "review", "--db", db],
        ["ingest", folder / "a.txt", "--force", "--db", db],
    ])
    (stats, query, search, claims, export, set_role, ingest) = results
    assert stats[0] == 0, stats[1]
    assert json.loads(stats[1])["documents"] == 1
    assert query[0] == 0 and [json.loads(ln)["target"] for ln in query[1].splitlines()] == ["IL-6"], query[1]
    assert search[0] == 0 and [json.loads(ln)["doc"] for ln in search[1].splitlines()] == ["a.txt"], search[1]
    assert claims[0] == 0 and {json.loads(ln)["target"] for ln in claims[1].splitlines()} == {"IL-6"}, claims[1]
    assert export[0] == 0 and json.loads(export[1].splitlines()[0])["outcomes"] == "IL-6↓", export[1]
    message = (f"Error: the database is read-only ({db}): this command writes to it (check the permissions of the "
               "file and its folder, or copy it)")
    assert set_role == (1, message + "\n")
    assert ingest[0] == 1 and message in ingest[1]
    assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "litmine.sqlite"]    # no -shm or journal made


ZH = "跑台运动降低了大鼠脊髓IL-6水平。\n游泳运动提高了小鼠海马BDNF表达。\n"


def test_the_same_text_in_another_encoding_or_line_ending_is_one_document(tmp_path):
    import sqlite3
    saved = {"a_utf8.txt": ("utf-8", "\n"), "b_gb18030.txt": ("gb18030", "\n"), "c_crlf.txt": ("utf-8", "\r\n"),
             "d_utf16.txt": ("utf-16", "\n"), "e_bom.txt": ("utf-8-sig", "\r\n")}
    for name, (encoding, newline) in saved.items():
        with open(tmp_path / name, "w", encoding=encoding, newline=newline) as fh:
            fh.write(ZH)
    db = tmp_path / "t.sqlite"
    res = run("ingest", *sorted(tmp_path / n for n in saved), "--db", db)
    assert res.exit_code == 0, res.output
    for name in ("b_gb18030.txt", "c_crlf.txt", "d_utf16.txt", "e_bom.txt"):
        assert (f"skipped  {tmp_path / name}: already in the database (same content), same text as a_utf8.txt"
                in res.output), res.output
    assert "1 stored, 4 skipped, 0 failed" in res.output
    con = sqlite3.connect(db)
    assert con.execute("SELECT count(*) FROM documents").fetchone() == (1,)
    assert con.execute("SELECT max(documents) FROM claims").fetchone() == (1,)      # counted once
    # another text is another document; a byte-identical copy is skipped as before
    (tmp_path / "f_other.txt").write_text(ZH.replace("小鼠", "大鼠"), encoding="gb18030")
    (tmp_path / "g_copy.txt").write_bytes((tmp_path / "a_utf8.txt").read_bytes())
    res = run("ingest", tmp_path / "f_other.txt", tmp_path / "g_copy.txt", "--db", db)
    assert "1 stored, 1 skipped, 0 failed" in res.output, res.output
    assert f"skipped  {tmp_path / 'g_copy.txt'}: already in the database (same content), nothing to do" in res.output


def test_migration_to_v9_hashes_the_stored_texts(tmp_path):
    import sqlite3

    from helpers import migrate_from
    from litmine.store.rows import text_hash
    db = ingest_texts(tmp_path, {"a.txt": EN})
    migrate_from(db, 8, ["DROP INDEX ix_documents_text_sha256", "ALTER TABLE documents DROP COLUMN text_sha256"])
    con = sqlite3.connect(db)
    text, digest = con.execute("SELECT text, text_sha256 FROM documents").fetchone()
    assert digest == text_hash(text) and len(digest) == 64
    (tmp_path / "a_crlf.txt").write_bytes(EN.encode("utf-16"))     # found by the migrated hash
    res = run("ingest", tmp_path / "a_crlf.txt", "--db", db)
    assert "same text as a.txt" in res.output, res.output


@pytest.mark.parametrize("call", [
    lambda db: litmine.query(db, target=""), lambda db: litmine.query(db, doc="  "),
    lambda db: litmine.claims(db, exercise=""), lambda db: litmine.search("IL-6", db, doc=""),
    lambda db: litmine.studies(db, doc=""), lambda db: litmine.export(db, fmt="bioc", doc=""),
])
def test_the_api_refuses_an_empty_filter_too(small_db, call):
    with pytest.raises(UsageError, match=r"='\s*': give a non-empty value \(None for no filter\)"):
        call(small_db)
