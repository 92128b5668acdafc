"""One rule for every command that writes a file (export, claims, show --html, plot): a suffix that
names another kind of file than the one written is a usage error naming both, and nothing is
written; an unknown suffix, or none, is written as the format given says (--format, --html), and
is a usage error where the format is read from the suffix. The Python API refuses the same. Texts
written for these tests."""
import json

import pytest
from click.testing import CliRunner

import litmine
from litmine.cli import cli
from litmine.errors import UsageError
from litmine.formats.files import FORMAT_SUFFIXES, SUFFIX_KINDS, check_suffix

from helpers import ingest_texts

TEXT = ("Title: Swimming in mice with nerve injury\n\n"
        "Swimming reduced IL-1β levels in the spinal cord of mice with chronic constriction injury.\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(ingest_texts(tmp_path_factory.mktemp("outputs"), {"swim.txt": TEXT}))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def error_line(res) -> str:
    [line] = [ln for ln in res.output.splitlines() if ln.startswith("Error:")]
    return line


@pytest.mark.parametrize("args, name, message", [
    (["export", "--format", "bioc"], "x.csv", "is named as CSV but --format is bioc: name it .json or give --format csv"),
    (["export", "--format", "pubtator"], "p.json",
     "is named as JSON but --format is pubtator: name it .pubtator or give --format json"),
    (["export", "--format", "bioc"], "b.xml", "is named as XML but --format is bioc: name it .json"),
    (["export", "--format", "csv"], "r.html", "is named as HTML but --format is csv: name it .csv"),
    (["export", "--format", "xlsx"], "r.txt", "is named as plain text but --format is xlsx: name it .xlsx"),
    (["claims", "--format", "csv"], "c.pdf", "is named as PDF but --format is csv: name it .csv"),
    (["show", "swim.txt", "--html"], "d.txt", "is named as plain text but --html writes an HTML page: name it .html"),
    (["show", "swim.txt", "--html"], "d.csv", "is named as CSV but --html writes an HTML page: name it .html"),
    (["plot", "evidence-map"], "m.csv",
     "is named as CSV but the evidence map is a picture: name it .png, .svg or .pdf"),
])
def test_a_suffix_naming_another_kind_of_file_is_refused(db, tmp_path, args, name, message):
    out = tmp_path / name
    res = run(*args, "--db", db, "-o", out)
    assert res.exit_code == 2, res.output
    assert error_line(res) == f"Error: -o {out} {message}"
    assert not out.exists() and not list(tmp_path.glob(".*.part"))


@pytest.mark.parametrize("args, name", [
    (["export", "--format", "pubtator"], "p.txt"),      # PubTator is plain text
    (["export", "--format", "pubtator"], "p.pubtator"),
    (["export", "--format", "bioc"], "b.bioc.json"),
    (["export", "--format", "jsonl"], "relations"),      # no suffix, the format given: written
    (["export", "--format", "csv"], "relations.out"),    # a suffix litmine does not know: written
    (["show", "swim.txt", "--html"], "report"),
    (["show", "swim.txt", "--html"], "report.HTM"),
    (["plot", "evidence-map"], "map.SVG"),
])
def test_the_suffix_of_the_format_unknown_suffixes_and_none_are_written(db, tmp_path, args, name):
    out = tmp_path / name
    res = run(*args, "--db", db, "-o", out)
    assert res.exit_code == 0, res.output
    assert out.is_file() and out.stat().st_size > 0


def test_what_was_written_is_the_format_given(db, tmp_path):
    run("export", "--db", db, "--format", "jsonl", "-o", tmp_path / "relations")
    [row] = [json.loads(ln) for ln in (tmp_path / "relations").read_text(encoding="utf-8").splitlines()]
    assert (row["exercise"], row["direction"], row["target"]) == ("swimming", "decrease", "IL-1β")
    run("show", "swim.txt", "--db", db, "--html", "-o", tmp_path / "report")
    assert (tmp_path / "report").read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html>")


@pytest.mark.parametrize("args, name, what", [
    (["export"], "relations", "no suffix; name it .csv, .jsonl, .json or .xlsx, or give --format"),
    (["plot", "evidence-map"], "map", "no suffix; name it .png, .svg or .pdf"),
    (["plot", "evidence-map"], "map.xyz", "unknown suffix '.xyz'; name it .png, .svg or .pdf"),
])
def test_where_the_suffix_is_the_format_none_or_an_unknown_one_is_a_usage_error(db, tmp_path, args, name, what):
    out = tmp_path / name
    res = run(*args, "--db", db, "-o", out)
    assert res.exit_code == 2, res.output
    assert error_line(res) == f"Error: -o {out}: {what}"
    assert not out.exists()


def test_the_python_api_refuses_the_same(db, tmp_path):
    with pytest.raises(UsageError, match=r"^output .*x\.csv is named as CSV but the format is bioc: name it \.json$"):
        litmine.export(db, fmt="bioc", output=tmp_path / "x.csv")
    with pytest.raises(UsageError, match=r"d\.txt is named as plain text but the report is an HTML page"):
        litmine.html_report("swim.txt", tmp_path / "d.txt", db=db)
    with pytest.raises(UsageError, match=r"m\.jsonl is named as JSONL but the evidence map is a picture"):
        litmine.evidence_map(tmp_path / "m.jsonl", db=db)
    assert not list(tmp_path.iterdir())
    assert litmine.export(db, fmt="pubtator", output=tmp_path / "p.txt").count == 1


def test_every_format_s_own_suffix_is_a_known_kind():
    for fmt, suffixes in FORMAT_SUFFIXES.items():
        assert all(s in SUFFIX_KINDS for s in suffixes), fmt
        check_suffix(f"out{suffixes[0]}", fmt)            # its own suffix passes
    with pytest.raises(UsageError):
        check_suffix("out.txt", "html")


# ---- counts out of their range, in words ----

@pytest.mark.parametrize("args, message", [
    (["ingest", "x.txt", "--workers", "0"], "Invalid value for '--workers' / '-j': 0 is not in the range: give 1 to 64"),
    (["ingest", "x.txt", "-j", "65"], "Invalid value for '--workers' / '-j': 65 is not in the range: give 1 to 64"),
    (["query", "--limit", "0"], "Invalid value for '--limit': 0 is not in the range: give 1 or more"),
    (["search", "pain", "--limit", "10001"], "Invalid value for '--limit': 10001 is not in the range: give 1 to 10000"),
    (["query", "--limit", "abc"], "Invalid value for '--limit': 'abc' is not a valid integer."),
])
def test_a_count_out_of_range_says_the_range_in_words(db, args, message):
    res = run(*args, "--db", db)
    assert res.exit_code == 2, res.output
    assert error_line(res) == f"Error: {message}"
    assert "9223372036854775807" not in res.output and "<=x" not in res.output


def test_workers_out_of_range_in_the_api_before_any_database(tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    for bad in (0, 65, 2.0):
        with pytest.raises(UsageError, match=rf"^workers={bad!r}: give 1 to 64 \(processes running the NLP\)$"):
            litmine.ingest([tmp_path / "a.txt"], tmp_path / "new.sqlite", workers=bad)
    assert not (tmp_path / "new.sqlite").exists()
