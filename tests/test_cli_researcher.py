"""A new researcher's session on a small corpus (ingest, stats, docs merged, a damaged PDF): counts
in words that agree with themselves, and hints that fit the file. Texts and records written for
these tests."""
from __future__ import annotations

import pytest
from click.testing import CliRunner

from litmine.cli import cli
from litmine.text.clean import clean
from litmine.text.quality import quality_warning
from litmine.types import RawDocument

from helpers import ingest_texts

RIS = ("TY  - JOUR\nTI  - Treadmill running and spinal cytokines in rats with nerve injury\nAU  - Smith, Jane\n"
       "PY  - 2021\nDO  - 10.1000/litmine.test.1\nAB  - Treadmill running reduced IL-6 in the spinal cord of rats.\n"
       "ER  - \n")


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_one_record_one_duplicate_in_the_singular(tmp_path):
    (tmp_path / "a.ris").write_text(RIS, encoding="utf-8")
    (tmp_path / "b.ris").write_text(RIS.replace("TY  - JOUR\n", "TY  - JOUR\nKW  - pain\n"), encoding="utf-8")
    db = tmp_path / "x.sqlite"
    res = run("ingest", tmp_path / "a.ris", "--db", db)
    assert res.output.splitlines()[-1] == \
        "1 record read: 1 new document, 0 replaced, 0 duplicates merged, 0 already stored, 0 failed"
    res = run("ingest", tmp_path / "b.ris", "--db", db)        # the same DOI from another export
    assert res.output.splitlines()[-1] == \
        "1 record read: 0 new documents, 0 replaced, 1 duplicate merged, 0 already stored, 0 failed"
    assert run("docs", "merged", "--db", db).output.splitlines()[-1] == "1 duplicate merged"
    assert "; 1 duplicate merged (litmine docs merged)" in run("stats", "--db", db).output


@pytest.mark.parametrize("fmt, hint, not_said", [
    ("pdf", "the PDF's text layer maps some glyphs to no character (--encoding cannot help; OCR of the pages may",
     "check the file's encoding"),
    ("txt", "(check the file's encoding: --encoding; fewer findings are likely)", "PDF"),
])
def test_a_low_quality_warning_says_what_to_check_for_its_kind_of_file(fmt, hint, not_said):
    text = "Running lowered IL\ufffd6 in rats. Swimming \ufffd did not."
    raw = RawDocument(path=f"paper.{fmt}", text=text, format=fmt, sha256="0" * 64)
    [low] = [w for w in clean(raw).warnings if w.startswith("low text quality")]
    assert low.startswith("low text quality: 2 replacement characters (U+FFFD) (")
    assert hint in low and not_said not in low
    assert quality_warning("clean text.", fmt) is None


def test_a_document_without_relations_gets_no_claims_line(tmp_path):
    """'claims X: no relations with a target concept' under '0 relations' read as if relations had been found."""
    (tmp_path / "plain.txt").write_text("Exercise programmes were described in the methods section.\n", encoding="utf-8")
    (tmp_path / "rats.txt").write_text("Treadmill running reduced IL-6 in the spinal cord of rats.\n", encoding="utf-8")
    res = run("ingest", tmp_path / "plain.txt", tmp_path / "rats.txt", "--db", tmp_path / "x.sqlite")
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert any(ln.startswith("stored   ") and "plain.txt" in ln and ln.endswith(", 0 relations") for ln in lines), lines
    assert not any(ln.startswith("claims   ") and "plain.txt" in ln for ln in lines), lines
    assert any(ln.startswith("claims   ") and "rats.txt: 1 new" in ln for ln in lines), lines


@pytest.mark.parametrize("args, hint", [
    (["query", "--target", "TNF", "-o", "tnf.csv"],
     "query prints to standard output: > FILE, with --format csv, json or jsonl; litmine export --table relations "
     "-o FILE writes every relation"),
    (["compare", "a.txt", "--output=c.csv"], "compare prints to standard output: > FILE, with --format json, jsonl or csv"),
    (["stats", "-o", "s.json"], "stats prints to standard output: > FILE, with --json"),
    (["docs", "merged", "-o", "m.json"], "docs merged prints to standard output: > FILE, with --format json or jsonl"),
    (["claims", "show", "3", "-o", "c.json"], "claims show prints to standard output: > FILE, with --format json"),
])
def test_o_on_a_command_that_prints_says_how_to_write_a_file(tmp_path, args, hint):
    """search said it; query, compare, stats, docs merged and claims show said only "No such option '-o'"."""
    res = run(*args, "--db", tmp_path / "x.sqlite")
    assert res.exit_code == 2
    [line] = [ln for ln in res.output.splitlines() if ln.startswith("Error:")]
    assert line.startswith("Error: No such option '") and line.endswith(hint), line


def test_other_unknown_options_keep_click_s_message(tmp_path):
    res = run("ingest", "x.txt", "-o", "y")
    assert res.exit_code == 2 and res.output.splitlines()[-1] == "Error: No such option '-o'."
    res = run("query", "--limt", "3")
    assert res.output.splitlines()[-1] == "Error: No such option '--limt'. Did you mean '--limit'?"


SENTENCES = ("Treadmill running reduced IL-6 in the spinal cord of rats. Swimming reduced IL-6 in the spinal cord "
             "of mice. Running reduced IL-6 in the serum of rats.\n")


@pytest.fixture()
def three(tmp_path):
    return ingest_texts(tmp_path, {"three.txt": SENTENCES})


def test_query_table_says_when_limit_cut_it_and_only_then(three):
    """'--limit 2' printed '(2 relations in 1 document)' as if that were all there is."""
    assert run("query", "--db", three, "--limit", "2").output.splitlines()[-1] == \
        "(2 relations in 1 document; more match: these are the first 2 rows, --limit for more)"
    assert run("query", "--db", three, "--limit", "3").output.splitlines()[-1] == "(3 relations in 1 document)"
    assert run("query", "--db", three, "--limit", "9223372036854775807").exit_code == 0     # limit + 1 fits SQLite
    assert len(run("query", "--db", three, "--limit", "2", "--format", "jsonl").output.splitlines()) == 2


def test_search_table_says_the_limit_cut_it_only_when_more_match(three):
    """search said 'the first 3, --limit for more' when exactly 3 sentences matched."""
    assert run("search", "IL-6", "--db", three, "--limit", "3").output.splitlines()[-1] == \
        "(3 sentences in 1 document, best first)"
    assert run("search", "IL-6", "--db", three, "--limit", "2").output.splitlines()[-1] == \
        "(2 sentences in 1 document, best first; the first 2, --limit for more)"


TWO = RIS + RIS.replace("10.1000/litmine.test.1", "10.1000/litmine.test.2").replace(
    "Treadmill running and spinal", "Swimming and spinal").replace("Treadmill running reduced", "Swimming reduced")


def test_a_search_export_as_doc_names_its_records(tmp_path, monkeypatch):
    """query --doc export.ris said the file 'was never ingested' right after ingesting it: an
    export is no document of its own, its records are."""
    (tmp_path / "exports").mkdir()
    (tmp_path / "exports" / "two.ris").write_text(TWO, encoding="utf-8")
    db = tmp_path / "x.sqlite"
    monkeypatch.chdir(tmp_path)
    assert run("ingest", "exports/two.ris", "--db", db).exit_code == 0          # stored as a relative path
    monkeypatch.chdir(tmp_path / "exports")
    for ref in ("two.ris", tmp_path / "exports" / "two.ris"):
        res = run("query", "--db", db, "--doc", ref)
        assert res.exit_code == 0, res.output
        assert res.output.splitlines()[-1] == "(2 relations in 2 documents)"
    res = run("show", "--db", db, "two.ris")      # two records: say which to choose
    assert res.exit_code == 1 and "two.ris: matches several documents (two.ris#doi:10.1000/litmine.test.1" in res.output
    (tmp_path / "copy.ris").write_text(TWO, encoding="utf-8")   # another file: not this export's records
    res = run("query", "--db", db, "--doc", tmp_path / "copy.ris")
    assert res.exit_code == 1 and "this file's content is not in the database" in res.output
