"""Faults a fresh user met on main (second session): an export over its own database, another
program's JSON read as CSL JSON, limits of inf/nan, reading commands that wrote to an empty file,
a non-litmine SQLite file, an edited file named by a relative path, a wrong --encoding, SIGTERM,
worksheet names."""
from __future__ import annotations

import hashlib
import json
import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from helpers import ingest_texts
from litmine.cli import cli

EN = "Treadmill running lowered spinal IL-6 in rats with nerve injury."


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


@pytest.fixture()
def small_db(tmp_path):
    return ingest_texts(tmp_path, {"a.txt": EN})


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("args", [
    ["export", "--table", "relations", "--format", "csv", "--force"],
    ["export", "--table", "documents", "--format", "xlsx", "--force"],
    ["claims", "--format", "csv", "--force"],
])
def test_an_export_never_overwrites_its_database_even_with_force(small_db, args):
    before = digest(small_db)
    res = run(*args, "--db", small_db, "-o", small_db)
    assert res.exit_code != 0
    assert "is a SQLite database; litmine never writes an export over a database" in res.output
    assert digest(small_db) == before
    assert run("stats", "--db", small_db).exit_code == 0


def test_show_html_and_plot_never_overwrite_their_database(small_db):
    res = run("show", "a.txt", "--html", "-o", small_db, "--force", "--db", small_db)
    assert res.exit_code != 0 and "is a SQLite database" in res.output
    png = small_db.rename(small_db.with_suffix(".png"))   # a database whatever its name
    before = digest(png)
    res = run("plot", "evidence-map", "-o", png, "--force", "--db", png)
    assert res.exit_code != 0 and "is a SQLite database" in res.output and digest(png) == before


def test_json_of_another_kind_is_one_error_and_no_documents(tmp_path, small_db):
    # litmine's own export of the documents table, read back as if it were a library export
    out = tmp_path / "documents.json"
    assert run("export", "--table", "documents", "--format", "json", "-o", out, "--db", small_db).exit_code == 0
    assert json.loads(out.read_text())[0]["name"] == "a.txt"
    db = tmp_path / "other.sqlite"
    res = run("ingest", out, "--db", db)
    assert res.exit_code == 1
    lines = [line for line in res.output.splitlines() if "documents.json" in line]
    assert len(lines) == 1 and 'not CSL JSON (no item has a CSL "type"' in lines[0]
    assert "0 stored, 0 skipped, 1 failed" in res.output
    assert not db.exists()                       # nothing stored: no database left behind


def test_csl_json_with_types_is_still_read(tmp_path):
    items = [{"id": "x1", "type": "article-journal", "title": "Swimming and spinal BDNF in mice",
              "abstract": "Swimming for four weeks raised spinal BDNF in mice with nerve injury.",
              "issued": {"date-parts": [[2020]]}}]
    (tmp_path / "lib.json").write_text(json.dumps(items), encoding="utf-8")
    res = run("ingest", tmp_path / "lib.json", "--db", tmp_path / "x.sqlite")
    assert res.exit_code == 0 and "1 stored" in res.output


@pytest.mark.parametrize("value", ["inf", "nan", "-inf"])
@pytest.mark.parametrize("option", ["--max-text-mb", "--time-limit", "--max-inflate-mb"])
def test_a_limit_must_be_a_finite_number(tmp_path, option, value):
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    res = run("ingest", tmp_path / "a.txt", "--db", tmp_path / "x.sqlite", option, value)
    assert res.exit_code == 2, res.output
    assert f"Invalid value for '{option}'" in res.output and "internal error" not in res.output


@pytest.mark.parametrize("command", [["stats"], ["query"], ["export", "--table", "documents", "--format", "csv"]])
def test_reading_commands_leave_an_empty_file_empty(tmp_path, command):
    db = tmp_path / "empty.sqlite"
    db.touch()
    res = run(*command, "--db", db)
    assert res.exit_code == 1
    assert "empty.sqlite: an empty file, not a litmine database yet" in res.output
    assert db.stat().st_size == 0


def test_another_programs_sqlite_file_is_named_in_the_error(tmp_path):
    db = tmp_path / "other.sqlite"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE documents (x INTEGER)")
    con.commit()
    con.close()
    for command in (["stats"], ["ingest", tmp_path / "a.txt"]):
        (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
        res = run(*command, "--db", db)
        assert res.exit_code == 1
        assert "other.sqlite: not a litmine database, or a damaged one: table documents has no id column" \
            in res.output


def test_an_edited_file_is_an_error_by_relative_and_absolute_path(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("cp").mkdir()
    Path("cp/e.txt").write_text(EN, encoding="utf-8")
    assert run("ingest", "cp/e.txt", "--db", "x.sqlite").exit_code == 0
    assert run("show", "cp/e.txt", "--db", "x.sqlite").exit_code == 0
    Path("cp/e.txt").write_text(EN + " Swimming raised BDNF in mice.", encoding="utf-8")
    for ref in ("cp/e.txt", str(tmp_path / "cp/e.txt")):
        for command in ("show", "compare"):
            res = run(command, ref, "--db", "x.sqlite")
            assert res.exit_code == 1, (command, ref, res.output)
            assert "this file's content is not in the database (changed since it was ingested" in res.output
    assert run("show", "e.txt", "--db", "x.sqlite").exit_code == 0   # the stored name still finds it


def test_a_wrong_encoding_is_named_not_stored_silently(tmp_path):
    zh = tmp_path / "zh.txt"
    zh.write_text("跑台运动降低了SNI大鼠脊髓IL-6的表达。", encoding="utf-8")
    res = run("ingest", zh, "--db", tmp_path / "x.sqlite", "--encoding", "latin-1")
    assert res.exit_code == 1 and "not text when read as latin-1 (it reads as UTF-8)" in res.output
    en = tmp_path / "en.txt"
    en.write_text(EN, encoding="utf-8")
    res = run("ingest", en, "--db", tmp_path / "x.sqlite", "--encoding", "utf-16")
    assert res.exit_code == 0
    assert "warning: the file is valid UTF-8 but was read as utf-16, as --encoding asks" in res.output
    utf16 = tmp_path / "u16.txt"                   # a real UTF-16 file without a byte-order mark
    utf16.write_bytes(EN.encode("utf-16-le"))
    res = run("ingest", utf16, "--db", tmp_path / "y.sqlite", "--encoding", "utf-16-le")
    assert res.exit_code == 0 and "warning" not in res.output and "1 relation" in res.output


def test_xlsx_worksheet_is_named_after_the_table(tmp_path, small_db):
    from openpyxl import load_workbook
    for table in ("relations", "documents"):
        out = tmp_path / f"{table}.xlsx"
        assert run("export", "--table", table, "--format", "xlsx", "-o", out, "--db", small_db).exit_code == 0
        assert load_workbook(out, read_only=True).sheetnames == [table]


@pytest.mark.slow
def test_sigterm_ends_an_ingest_with_its_counts_and_exit_143(tmp_path):
    """The child runs in its own session with SIGTERM unblocked and handled the default way
    (:class:`robustness.procs.Run`), whatever the test process's own signal state, and every
    wait is bounded: the test fails, never hangs. (It used ``Popen`` in the test's own
    process group and a ``readline`` without a time-out while standard error went unread.)"""
    from robustness.procs import Run
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(400):
        (corpus / f"p{i:03}.txt").write_text(f"Study {i}. {EN} Swimming raised BDNF in mice.", encoding="utf-8")
    db = tmp_path / "x.sqlite"
    run = Run("ingest", corpus, "--db", db)
    try:
        assert run.first_stored.wait(120), run.stderr      # the first stored document: mid-batch from here
        assert run.lines("stored"), (run.stdout, run.stderr)
        run.signal(signal.SIGTERM)
        rc = run.wait(60)
    finally:
        if run.proc.poll() is None:
            run.proc.kill()
            run.proc.wait(10)
    assert rc == 143, (run.stdout[-2000:], run.stderr)
    assert run.err[-1].startswith("terminated: ") and "re-run to continue" in run.err[-1]
    stored = int(run.err[-1].split("terminated: ")[1].split()[0])
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == stored < 400


def test_an_ingest_in_this_process_gives_back_the_sigterm_handler(tmp_path):
    """The ingest command handles SIGTERM while it runs and puts back the handler it found: a
    program running it in its own process (CliRunner here, every test after it) keeps its own."""
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")

    def mine(signum, frame):
        raise AssertionError("not called")

    before = signal.signal(signal.SIGTERM, mine)
    try:
        assert run("ingest", tmp_path / "a.txt", "--db", tmp_path / "x.sqlite").exit_code == 0
        assert signal.getsignal(signal.SIGTERM) is mine
        assert run("ingest", tmp_path / "missing.txt", "--db", tmp_path / "x.sqlite").exit_code == 1
        assert signal.getsignal(signal.SIGTERM) is mine
    finally:
        signal.signal(signal.SIGTERM, before)


def test_compare_shows_the_claim_as_it_stood_when_judged(tmp_path):
    down = "Treadmill running lowered spinal BDNF in rats with nerve injury."
    up = "Treadmill running raised spinal BDNF in rats with nerve injury."
    (tmp_path / "review.txt").write_text(down, encoding="utf-8")
    assert run("ingest", tmp_path / "review.txt", "--role", "review", "--db", tmp_path / "x.sqlite").exit_code == 0
    for i in range(3):                       # three papers the other way: the claim turns to increase
        (tmp_path / f"p{i}.txt").write_text(f"In study {i}, " + up[0].lower() + up[1:], encoding="utf-8")
        assert run("ingest", tmp_path / f"p{i}.txt", "--db", tmp_path / "x.sqlite").exit_code == 0
    res = run("compare", "p0.txt", "--db", tmp_path / "x.sqlite")
    header, row = res.output.splitlines()[:2]
    assert header.split()[-3:] == ["claim", "(as", "judged)"]
    assert row.split()[0] == "contradicts" and row.split()[-1] == "decrease", res.output
    shown = json.loads(run("compare", "p0.txt", "--db", tmp_path / "x.sqlite", "--format", "json").output)
    claim = json.loads(run("claims", "--db", tmp_path / "x.sqlite", "--format", "json").output)
    now = {c["claim_id"]: c["direction"] for c in claim}
    assert shown[0]["claim_direction"] == "decrease" and now[shown[0]["claim_id"]] == "increase"


@pytest.mark.parametrize("text, expected, title, stop", [
    ("跑台运动降低了TNF-α", ("treadmill", "decrease", "TNF-α"), "运动与疼痛", "。"),
    ("Treadmill running reduced IL-6 in CCI rats", ("treadmill", "decrease", "IL-6"), "Exercise and pain", "."),
])
def test_a_text_of_one_line_without_a_full_stop_is_read_not_taken_for_a_title(text, expected, title, stop):
    import litmine
    doc = litmine.process_text(text, name="t.txt")
    assert [s.kind for s in doc.sentences] == ["body"]
    assert expected in {(r.exercise, r.direction, r.target) for r in doc.relations}
    titled = litmine.process_text(title + "\n\n" + text + stop, name="t.txt")
    assert [s.kind for s in titled.sentences] == ["front", "body"]     # a title over a text is still a title


@pytest.fixture()
def zh_db(tmp_path):
    return ingest_texts(tmp_path, {"zh.txt": "跑台运动降低了SNI大鼠脊髓肿瘤坏死因子和IL-1β等促炎因子的表达。"})


def test_traditional_filters_and_search_words_find_simplified_text(zh_db):
    import litmine
    assert {r["target"] for r in litmine.query(zh_db, target="腫瘤壞死因子")} == {"TNF-α"}
    assert {r["target"] for r in litmine.query(zh_db, exercise="跑台運動")} >= {"TNF-α", "IL-1β"}
    assert len(litmine.search("運動", zh_db)) == 1
    assert {c["target"] for c in litmine.claims(zh_db, target="腫瘤壞死因子")} == {"TNF-α"}


def test_a_latin_name_jieba_cuts_is_found_in_a_chinese_sentence(zh_db):
    import litmine
    for q in ("IL-1β", '"IL-1β"', "IL-1β*", "IL-1 β"):
        assert len(litmine.search(q, zh_db)) == 1, q


def test_search_reads_a_leading_minus_as_not_and_refuses_unknown_long_options(zh_db):
    res = run("search", "--db", zh_db, "-跑台")
    assert res.exit_code == 1 and "-跑台 means NOT 跑台 and needs a term before it" in res.output
    res = run("search", "--db", zh_db, "跑台", "--limt", "1")
    assert res.exit_code == 2 and "no such option: --limt" in res.output
    res = run("search", "--db", zh_db, "跑台", "-IL-6")
    assert res.exit_code == 0 and "zh.txt" in res.output


# --------------------------------------------------------------------------- third session

@pytest.mark.parametrize("args", [["stats"], ["query", "--target", "IL-6"], ["claims"],
                                  ["export", "--table", "relations", "--format", "csv"],
                                  ["search", "running"], ["ingest", "a.txt"]])
def test_an_empty_db_option_is_a_usage_error_not_the_default_database(tmp_path, monkeypatch, args):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    (tmp_path / "db").mkdir()                       # the default database's folder exists: nothing stops a fall-back
    res = run(*args, "--db", "")
    assert res.exit_code == 2, res.output
    assert "Invalid value for '--db': empty" in res.output
    assert list((tmp_path / "db").iterdir()) == []  # db/litmine.sqlite was not made nor read
    assert run(*args, "--db", "  ").exit_code == 2
    res = run(*args, "--db", ":memory:")
    assert res.exit_code == 2 and ":memory: is an in-memory database, gone when this command ends" in res.output
    assert run(*args, "--db", "sqlite://").exit_code == 2


TWO_STANCES = {
    "a_first.txt": "Treadmill running lowered spinal TNF-α in rats with nerve injury.",
    # one sentence in the first document's context (supports), one in a new species and tissue (refines)
    "b_second.txt": "Treadmill running lowered spinal TNF-α in rats with nerve injury. "
                    "Treadmill running also lowered serum TNF-α in mice with diabetic neuropathy.",
}


def test_claims_count_each_document_once_by_stance(tmp_path):
    import litmine
    db = ingest_texts(tmp_path, TWO_STANCES)
    [c] = [c for c in litmine.claims(db, target="TNF-α") if c["exercise_class"] == "treadmill"]
    stances = {k: c[k] for k in ("supports", "contradicts", "refines", "context_differs", "new")}
    assert c["documents"] == 2
    assert stances == {"supports": 1, "contradicts": 0, "refines": 0, "context_differs": 0, "new": 1}
    assert c["several_stances"] == 1
    shown = {e["stance"] for e in litmine.show_claim(c["claim_id"], db=db)["evidence"] if e["doc"] == "b_second.txt"}
    assert shown == {"supports", "refines"}          # the sentences keep their own stances
    res = run("claims", "--db", db, "--target", "TNF-α")
    assert res.exit_code == 0
    row = next(line for line in res.output.splitlines() if line.split()[1:2] == ["treadmill"])
    assert "sup:1 new:1" in row and "ref:" not in row
    assert "docs by stance: each document once per claim; where its sentences take several stances" in res.output
    every = litmine.claims(db)
    assert all(sum(r[k] for k in stances) == r["documents"] for r in every)


@pytest.mark.parametrize("table", ["mentions", "concepts", "abbreviations", "cited_works", "relations", "claims",
                                   "studies"])
def test_an_empty_table_exports_its_header(tmp_path, table):
    from litmine.store.queries import table_columns
    db = ingest_texts(tmp_path, {"plain.txt": "The weather was mild on that day and nobody went outside."})
    res = run("export", "--db", db, "--table", table, "--format", "csv")
    assert res.exit_code == 0, res.output
    header = res.output.splitlines()
    assert len(header) == 1 and header[0].split(",") == table_columns(table)
    assert "document_id" in header[0] or table in ("concepts", "claims")
    out = tmp_path / f"{table}.xlsx"
    res = run("export", "--db", db, "--table", table, "--format", "xlsx", "-o", out)
    assert res.exit_code == 0 and f"0 {table} rows written" in res.output
    from openpyxl import load_workbook
    assert [list(r) for r in load_workbook(out).active.values] == [table_columns(table)]
    res = run("export", "--db", db, "--table", table, "--format", "jsonl")
    assert res.exit_code == 0 and res.output == ""


def test_show_html_counts_in_the_singular(tmp_path, small_db):
    res = run("show", "a.txt", "--db", small_db, "--html", "-o", tmp_path / "a.html")
    assert res.exit_code == 0, res.output
    assert "a.txt: 1 sentence, " in res.output and "1 sentences" not in res.output
    assert "1 relation written to" in res.output


def test_compare_with_itself_as_review_is_refused(small_db):
    res = run("compare", "a.txt", "--review", "a.txt", "--db", small_db)
    assert res.exit_code == 1
    assert "the document and --review a.txt are the same document (a.txt)" in res.output
    res = run("compare", "--paper", "a.txt", "--review", "a.txt", "--db", small_db)
    assert res.exit_code == 1 and "same document" in res.output
    assert run("compare", "a.txt", "--db", small_db).exit_code == 0


def test_a_chinese_query_word_finds_a_sentence_that_holds_it_cut_at_a_mention(tmp_path):
    import litmine
    from litmine.nlp.search_words import word_pieces
    from litmine.store.search import fts_query, parse
    db = ingest_texts(tmp_path, {"zh.txt": "跑台运动提高了SNI大鼠的机械痛阈值。\n\n机械刺激以后大鼠的痛阈升高。"})
    # jieba keeps 机械痛阈 whole in a query, but the sentence was cut 机械 | 痛阈 | 值 around the mention
    assert word_pieces("机械痛阈") == ["机械", "痛阈"] and word_pieces("跑台") == ["跑台"]
    assert fts_query(parse("机械痛阈")) == '("机械痛阈" OR "机械 痛阈")'
    found = litmine.search("机械痛阈", db)
    assert [r["sentence"] for r in found] == ["跑台运动提高了SNI大鼠的机械痛阈值。"]   # not the one with 机械 ... 痛阈 apart
    assert [found[0]["sentence"][a:b] for a, b in found[0]["hits"]] == ["机械痛阈"]
    assert len(litmine.search("大鼠机械痛阈", db)) == 1
    assert len(litmine.search("痛阈", db)) == 2 and len(litmine.search("机械 痛阈", db)) == 2


def test_format_named_for_the_wrong_kind_of_file_says_so(tmp_path):
    from fpdf import FPDF
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    pdf.cell(0, 10, "Swimming raised spinal BDNF in mice.")
    pdf.output(str(tmp_path / "p.pdf"))
    (tmp_path / "t.txt").write_text(EN, encoding="utf-8")
    db = tmp_path / "f.sqlite"
    res = run("ingest", tmp_path / "p.pdf", "--format", "txt", "--db", db)
    assert res.exit_code == 1
    assert (f"{tmp_path / 'p.pdf'}: binary data, not text (it looks like a PDF: leave out --format txt, which "
            "reads every file as text)") in res.output and "give it a .pdf suffix" not in res.output
    res = run("ingest", tmp_path / "t.txt", "--format", "pdf", "--db", db)
    assert res.exit_code == 1 and "rename text files to .txt" not in res.output
    assert (f"{tmp_path / 't.txt'}: not a PDF file (no %PDF header) (--format pdf reads every file as a PDF: "
            "leave it out for text files and search exports)") in res.output
    res = run("ingest", tmp_path / "t.txt", "--format", "ris", "--db", db)
    assert res.exit_code == 1 and "1 record read: 0 new documents" in res.output
    assert not db.exists()
    res = run("ingest", tmp_path / "p.pdf", tmp_path / "t.txt", "--db", db)   # without --format: both read
    assert res.exit_code == 0 and "2 stored" in res.output


def test_a_db_in_the_default_folder_is_created_however_it_is_named(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(EN, encoding="utf-8")
    res = run("ingest", "a.txt", "--db", "db/litmine.sqlite")          # as the README writes it
    assert res.exit_code == 0 and (tmp_path / "db" / "litmine.sqlite").is_file()
    res = run("ingest", "a.txt", "--db", "other/litmine.sqlite")       # another missing folder: a likely typo
    assert res.exit_code == 1 and "the folder other does not exist" in res.output
    assert not (tmp_path / "other").exists()


def test_an_output_suffix_chooses_the_format_or_contradicts_it(tmp_path, small_db):
    import csv as _csv
    from openpyxl import load_workbook
    res = run("export", "--db", small_db, "--table", "relations", "-o", tmp_path / "rel.csv")
    assert res.exit_code == 0, res.output
    rows = list(_csv.DictReader((tmp_path / "rel.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert [(r["exercise"], r["direction"], r["target"]) for r in rows] == [("treadmill", "decrease", "IL-6")]
    res = run("claims", "--db", small_db, "-o", tmp_path / "claims.xlsx")
    assert res.exit_code == 0 and load_workbook(tmp_path / "claims.xlsx").active["A1"].value == "claim_id"
    res = run("export", "--db", small_db, "--format", "csv", "-o", tmp_path / "rel.jsonl")
    assert res.exit_code == 2 and not (tmp_path / "rel.jsonl").exists()
    assert "-o " + str(tmp_path / "rel.jsonl") + " is named as JSONL but --format is csv: name it .csv or " \
        "give --format jsonl" in res.output
    res = run("export", "--db", small_db, "--format", "bioc", "-o", tmp_path / "a.bioc.json")
    assert res.exit_code == 0 and json.loads((tmp_path / "a.bioc.json").read_text())["documents"]
    res = run("export", "--db", small_db, "--table", "relations", "-o", tmp_path / "rel.txt")   # no suffix format
    assert res.exit_code == 2 and "unknown suffix '.txt'" in res.output and not (tmp_path / "rel.txt").exists()


def test_ctrl_c_in_export_is_status_130_and_leaves_no_file(tmp_path, small_db):
    script = ("import os, signal, sys\n"
              "import litmine.formats.tables as t\n"
              "def stop(*a, **k):\n"
              "    os.kill(os.getpid(), signal.SIGINT)\n"
              "    raise SystemExit('SIGINT was not delivered')\n"
              "t.write_rows = stop\n"
              "from litmine.cli import cli\n"
              "sys.argv = ['litmine'] + sys.argv[1:]\n"
              "cli()\n")
    out = tmp_path / "m.xlsx"
    res = subprocess.run([sys.executable, "-c", script, "export", "--db", str(small_db), "--table", "mentions",
                          "--format", "xlsx", "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert res.returncode == 130, res.stderr
    assert res.stderr.strip().splitlines()[-1] == "interrupted" and "Aborted" not in res.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("m.")) == []


HUGE = str(2**64)   # past SQLite's signed 64-bit INTEGER


@pytest.mark.parametrize("args", [
    ["query", "--limit", HUGE],
    ["claims", "--min-docs", HUGE],
    ["claims", "show", HUGE],
    ["plot", "evidence-map", "--min-docs", HUGE],
    ["plot", "evidence-map", "--max-targets", HUGE],
])
def test_a_count_past_sqlite_integers_is_a_usage_error_not_a_bug_report(small_db, tmp_path, args):
    extra = ["-o", tmp_path / "m.png"] if args[0] == "plot" else []
    res = run(*args, *extra, "--db", small_db)
    assert res.exit_code == 2, res.output
    assert "is not in the range" in res.output and "9223372036854775807" in res.output
    assert "litmine bug" not in res.output and not (tmp_path / "m.png").exists()


def test_the_largest_sqlite_integer_is_still_a_valid_limit(small_db):
    res = run("query", "--limit", str(2**63 - 1), "--db", small_db)
    assert res.exit_code == 0, res.output
    assert "(1 relation in 1 document)" in res.output
    res = run("claims", "show", str(2**63 - 1), "--db", small_db)
    assert res.exit_code == 1 and "no such claim" in res.output


def _wrapped_ctrl_c(*args, **kwargs):
    """What Python raises when Ctrl-C lands inside a class body being set up (a module import)."""
    try:
        raise KeyboardInterrupt
    except KeyboardInterrupt as exc:
        raise RuntimeError("Error calling __set_name__ on 'Field' instance 'buffer'") from exc


def test_ctrl_c_wrapped_by_python_during_ingest_is_an_interrupt_not_a_bug(tmp_path, monkeypatch):
    import litmine.cli as cli_module
    paper = tmp_path / "p.txt"
    paper.write_text(EN, encoding="utf-8")
    monkeypatch.setattr(cli_module.api, "ingest", _wrapped_ctrl_c)
    res = run("ingest", paper, "--db", tmp_path / "x.sqlite")
    assert res.exit_code == 130, res.output
    assert "interrupted: 0 stored; re-run to continue" in res.output and "litmine bug" not in res.output


def test_ctrl_c_wrapped_by_python_in_another_command_is_an_interrupt(small_db, monkeypatch):
    import litmine.cli as cli_module
    monkeypatch.setattr(cli_module.api, "stats", _wrapped_ctrl_c)
    res = run("stats", "--db", small_db)
    assert res.exit_code == 130 and res.output.strip() == "interrupted"


def test_a_runtime_error_without_an_interrupt_is_still_reported_as_a_bug(small_db, monkeypatch):
    import litmine.cli as cli_module

    def broken(*args, **kwargs):
        raise RuntimeError("something else")
    monkeypatch.setattr(cli_module.api, "stats", broken)
    res = run("stats", "--db", small_db)
    assert res.exit_code == 1 and "unexpected error (RuntimeError: something else)" in res.output


def test_ctrl_c_while_the_cli_is_imported_is_one_line_and_status_130(monkeypatch, capsys):
    import builtins

    from litmine import _main

    real_import = builtins.__import__

    def interrupted_import(name, *args, **kwargs):
        if name == "litmine.cli":
            raise KeyboardInterrupt
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", interrupted_import)
    with pytest.raises(SystemExit) as exit_:
        _main.main()
    assert exit_.value.code == 130
    assert capsys.readouterr().err == "interrupted during start-up: nothing read or written\n"


def test_the_command_launcher_imports_neither_the_api_nor_sqlalchemy():
    import subprocess
    import sys
    code = ("import sys, litmine._main, litmine.types; "
            "print(sorted(m for m in ('sqlalchemy', 'litmine.api', 'litmine.cli', 'spacy') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
    lazy = subprocess.run([sys.executable, "-c", "import litmine; print(litmine.process_text.__module__)"],
                          capture_output=True, text=True, check=True).stdout
    assert lazy.strip() == "litmine.api"


def test_a_binary_file_names_every_kind_of_file_litmine_reads(tmp_path):
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 8)      # no magic number: the generic hint
    db = tmp_path / "x.sqlite"
    res = run("ingest", junk, "--db", db)
    assert res.exit_code == 1
    line = [ln for ln in res.output.splitlines() if ln.startswith("failed")]
    assert line == [f"failed   {junk}: binary data, not text (litmine reads text (.txt, .md), PDF, "
                    "saved web pages (.html) and search exports)"]
    assert "0 stored, 0 skipped, 1 failed" in res.output
    assert "no such database" in run("stats", "--db", db).output    # nothing of it was stored
