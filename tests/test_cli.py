"""The CLI end to end on the sample corpus, with a fresh database per test."""
import json
import re

import pytest
from click.testing import CliRunner

from litmine.cli import cli

from helpers import CORPUS, ROOT


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "t.sqlite")


def run(*args):
    res = CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)
    return res


def test_ingest_corpus_then_query_export(db, tmp_path):
    files = sorted(CORPUS.glob("*.txt"))
    n_files = len(files)
    res = run("ingest", *files, "--db", db)
    assert res.exit_code == 0, res.output
    assert f"{n_files} stored, 0 skipped, 0 failed" in res.output
    again = run("ingest", *files, "--db", db)
    assert f"0 stored, {n_files} skipped, 0 failed" in again.output
    assert "already in the database" in again.output

    out = tmp_path / "rel.jsonl"
    res = run("export", "--db", db, "--table", "relations", "--format", "jsonl", "-o", out)
    assert res.exit_code == 0
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows and {"doc", "lang", "sentence", "exercise", "direction", "target", "target_id", "negated",
                     "hedged", "model", "species", "tissue", "duration", "refs", "sentence_start"} <= set(rows[0])
    assert {r["lang"] for r in rows} >= {"zh", "en"}
    # export never overwrites without --force
    res = run("export", "--db", db, "--table", "relations", "--format", "jsonl", "-o", out)
    assert res.exit_code != 0 and "--force" in res.output

    res = run("query", "--db", db, "--target", "TNF", "--direction", "decrease", "--format", "json")
    hits = json.loads(res.output)
    assert hits and all(h["direction"] == "decrease" and "TNF" in h["target"] for h in hits)

    res = run("stats", "--db", db, "--json")
    s = json.loads(res.output)
    assert s["documents"] == n_files and s["relations"] == len(rows)


@pytest.mark.parametrize("fmt", ["csv", "json", "xlsx"])
def test_export_formats(db, tmp_path, fmt):
    run("ingest", CORPUS / "zh_treadmill_sni.txt", "--db", db)
    out = tmp_path / f"m.{fmt}"
    res = run("export", "--db", db, "--table", "mentions", "--format", fmt, "-o", out)
    assert res.exit_code == 0, res.output
    n = int(re.match(r"(\d+) mentions rows", res.output).group(1))
    assert n > 10 and out.stat().st_size > 100


def test_missing_file_is_one_clear_line(db, tmp_path):
    res = CliRunner().invoke(cli, ["ingest", str(tmp_path / "nope.pdf"), "--db", db])
    assert res.exit_code == 1
    assert "nope.pdf" in res.output and "no such file" in res.output


@pytest.mark.parametrize("command", sorted(cli.commands))
def test_every_command_is_documented(command):
    """Each command has a docstring with an example and a README entry."""
    res = run(command, "--help")
    assert "Example:" in res.output
    assert f"litmine {command}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_compare_paper_with_review(db, tmp_path):
    review = tmp_path / "review.txt"
    review.write_text("跑台运动能够降低SNI小鼠脊髓中TNF-α的表达, 并提高BDNF水平。", encoding="utf-8")
    paper = tmp_path / "paper.txt"
    paper.write_text("Treadmill running did not increase BDNF in SNI mice. Exercise also lowered GFAP.",
                     encoding="utf-8")
    res = run("ingest", review, "--role", "review", "--db", db)
    assert f"claims   {review}: 2 new" in res.output and "(review)" in res.output
    res = run("ingest", paper, "--db", db)
    assert f"claims   {paper}: 1 contradicts, 1 new" in res.output      # one summary line per document
    for args in (["paper.txt"], ["--review", "review.txt", "--paper", "paper.txt"], ["paper", "--review", "rev"]):
        res = run("compare", "--db", db, *args, "--format", "json")
        rows = json.loads(res.output)
        assert {(r["target"], r["stance"]) for r in rows} == {("BDNF", "contradicts"), ("GFAP", "new")}
        assert {"sentence", "exercise", "direction", "target", "target_id", "model", "species", "tissue",
                "stance", "claim_id"} <= set(rows[0])
    res = run("compare", "--db", db, "paper.txt")
    assert "0 supports, 1 contradicts, 0 refines, 0 context_differs, 1 new" in res.output
    res = CliRunner().invoke(cli, ["compare", "--db", db, "--review", "nope.txt", "--paper", "paper.txt"])
    assert res.exit_code == 1 and "nope.txt: no such document" in res.output
    res = CliRunner().invoke(cli, ["compare", "--db", db])
    assert res.exit_code == 2 and "name the document" in res.output


def test_claims_commands(db, tmp_path):
    review = tmp_path / "review.txt"
    review.write_text("跑台运动降低了SNI小鼠坐骨神经中TNF-α的表达。Treadmill running reduced TNF-α in the sciatic "
                      "nerve of SNI mice.", encoding="utf-8")
    paper = tmp_path / "paper.txt"
    paper.write_text("Treadmill running increased TNF-α in the sciatic nerve of SNI mice.", encoding="utf-8")
    run("ingest", review, "--role", "review", "--db", db)
    assert f"claims   {paper}: 1 contradicts" in run("ingest", paper, "--db", db).output
    res = run("claims", "--db", db, "--target", "肿瘤坏死因子", "--format", "json")
    rows = json.loads(res.output)
    assert sorted((r["exercise_class"], r["documents"], r["conflict"]) for r in rows) == [
        ("aerobic", 2, True), ("exercise", 2, True), ("treadmill", 2, True)]
    rows = [r for r in rows if r["exercise_class"] == "treadmill"]
    table = run("claims", "--db", db, "--exercise", "跑台运动", "--conflicts-only", "--min-docs", "2").output
    assert "treadmill" in table and "CONFLICT" in table and "aerobic" not in table and "(1 claim)" in table
    assert "no claims match" in run("claims", "--db", db, "--min-docs", "3").output
    out = tmp_path / "claims.xlsx"
    assert "3 claims written" in run("claims", "--db", db, "--target", "TNF", "--format", "xlsx", "-o", out).output
    assert CliRunner().invoke(cli, ["claims", "--db", db, "-o", str(tmp_path / "c.txt")]).exit_code == 2
    shown = run("claims", "show", str(rows[0]["claim_id"]), "--db", db).output
    assert "review.txt (review)" in shown and "[contradicts] increase" in shown and "2 documents" in shown
    assert run("claims", "--db", db, "show", str(rows[0]["claim_id"]), "--format", "json").exit_code == 0
    res = CliRunner().invoke(cli, ["claims", "show", "999", "--db", db])
    assert res.exit_code == 1 and "claim 999: no such claim" in res.output
    assert "paper.txt: role review (was primary)" in run("docs", "set-role", "paper", "review", "--db", db).output
    again = run("ingest", paper, "--force", "--db", db).output
    assert f"replaced {paper}" in again and "(review)" in again       # --force keeps the role it has


@pytest.mark.parametrize("fmt", ["bioc", "pubtator"])
def test_export_interchange_formats(db, tmp_path, fmt):
    run("ingest", CORPUS / "en_treadmill_cci.txt", "--db", db)
    out = tmp_path / f"docs.{fmt}"
    res = run("export", "--db", db, "--format", fmt, "-o", out)
    assert res.exit_code == 0 and "1 document written" in res.output
    text = out.read_text(encoding="utf-8")
    assert "en_treadmill_cci.txt" in text and "HGNC:11892" in text


def test_query_understands_synonyms_and_literal_wildcards(db):
    run("ingest", CORPUS / "zh_treadmill_sni.txt", CORPUS / "en_treadmill_cci.txt", "--db", db)
    by_symbol = json.loads(run("query", "--db", db, "--target", "TNF", "--format", "json").output)
    for synonym in ("TNF-alpha", "肿瘤坏死因子-α", "HGNC:11892"):
        rows = json.loads(run("query", "--db", db, "--target", synonym, "--format", "json").output)
        assert rows and {r["relation_id"] for r in rows} == {r["relation_id"] for r in by_symbol}
    assert json.loads(run("query", "--db", db, "--species", "大鼠", "--format", "json").output)
    assert run("query", "--db", db, "--target", "%").output.startswith("no relations match: target '%' matched as text")


def test_export_options_are_checked(db, tmp_path):
    run("ingest", CORPUS / "en_treadmill_cci.txt", "--db", db)
    res = CliRunner().invoke(cli, ["export", "--db", db, "--format", "bioc", "--doc", "nope.txt"])
    assert res.exit_code == 1 and "nope.txt: no such document" in res.output
    res = CliRunner().invoke(cli, ["export", "--db", db, "--table", "mentions", "--doc", "en_treadmill_cci.txt"])
    assert res.exit_code == 1 and "--doc" in res.output
    res = run("export", "--db", db, "--table", "documents", "--format", "csv", "-o", "-")
    assert res.output.startswith("id,name,path")
