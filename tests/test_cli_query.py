"""``litmine query`` as a reviewer reads it: evidence, language, document, pairs."""
import json
import re

import pytest
from click.testing import CliRunner
from rich.cells import cell_len

from litmine.cli import cli

from helpers import CORPUS


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    db = tmp_path_factory.mktemp("q") / "q.sqlite"
    res = CliRunner().invoke(cli, ["ingest", str(CORPUS / "mixed_zh_en_abstract.txt"),
                                   str(CORPUS / "zh_treadmill_sni.txt"), "--db", str(db)])
    assert res.exit_code == 0, res.output
    return str(db)


def query(db, *args, columns=None):
    env = {"COLUMNS": str(columns)} if columns else {"COLUMNS": ""}
    res = CliRunner().invoke(cli, ["query", "--db", db, *args], env=env)
    assert res.exit_code == 0, res.output
    return res.output


def test_table_shows_document_language_and_evidence(db):
    rows = json.loads(query(db, "--target", "IL-6", "--format", "json"))
    by_lang = {r["lang"]: r for r in rows if r["exercise"] == "HIIT" and r["direction"] == "decrease"}
    assert set(by_lang) == {"zh", "en"}                       # the two abstracts state it
    out = query(db, "--target", "IL-6")                       # not a terminal, no $COLUMNS: whole sentences
    lines = out.splitlines()
    assert "mixed_zh_en_abstract.txt" in lines
    assert lines[0].split()[:4] == ["lang", "exercise", "direction", "target"]
    hiit = next(i for i, ln in enumerate(lines) if ln.split()[1:5] == ["zh+en", "HIIT", "decrease", "IL-6"])
    assert lines[hiit + 1].strip() == "zh: " + by_lang["zh"]["sentence"]
    assert lines[hiit + 2].strip() == "en: " + by_lang["en"]["sentence"]
    assert "\x1b[" not in out
    assert lines[-1].endswith("stated in both abstracts shown once, --no-group shows each)")


def test_no_group_shows_both_rows(db):
    grouped = query(db, "--target", "IL-6")
    both = query(db, "--target", "IL-6", "--no-group")
    n = lambda out: int(out.splitlines()[-1].split()[0].lstrip("("))  # noqa: E731
    assert n(both) == len(json.loads(query(db, "--target", "IL-6", "--format", "json")))
    assert n(both) > n(grouped)
    assert "zh+en" not in both


def test_width_cuts_sentences_unless_full(db):
    cut = query(db, "--doc", "zh_treadmill", "--target", "TNF", columns=70)
    assert all(cell_len(ln) <= 70 for ln in cut.splitlines()[:-1]) and "…" in cut
    full = query(db, "--doc", "zh_treadmill", "--target", "TNF", "--full", columns=70)
    sentence = json.loads(query(db, "--doc", "zh_treadmill", "--target", "TNF", "--format", "json"))[0]["sentence"]
    assert sentence.replace(" ", "") in "".join(ln.strip() for ln in full.splitlines()[3:-1]).replace(" ", "")
    assert "characters " in full.splitlines()[-2]                          # where the sentence is


def test_an_empty_answer_says_how_the_filters_were_read(db):
    out = query(db, "--target", "interleukin 4", "--species", "rat")
    n = len(json.loads(query(db, "--format", "json")))
    assert re.fullmatch(rf"no relations match: target interleukin 4 is IL-4 \(HGNC:\d+\); species rat is rat "
                        rf"\(NCBITaxon:10116\); searched {n} relations in 2 documents\n", out), out
