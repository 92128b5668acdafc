"""Query filters as a researcher reads them: a negated change is no_change in ``query`` as in
the claims base, and a repeated filter is OR (--target/--exercise/--direction) or a usage error
(options that take one value), never silently the last value. Texts written for these tests."""
import json

import pytest
from click.testing import CliRunner

import litmine
from litmine.cli import cli

from helpers import ingest_texts

RATS = ("Title: Treadmill running in rats with nerve injury\n\n"
        "Treadmill running failed to attenuate TNF-α expression in the spinal cord of rats with spared nerve "
        "injury. Treadmill running increased BDNF expression in the spinal cord of these rats. Treadmill "
        "running reduced IL-6 levels in the spinal cord of these rats.\n")
SWIM = ("Title: Swimming in mice with nerve injury\n\n"
        "Swimming reduced IL-1β levels in the spinal cord of mice with chronic constriction injury.\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(ingest_texts(tmp_path_factory.mktemp("filters"), {"rats.txt": RATS, "swim.txt": SWIM}))


def rows(db, *args):
    res = CliRunner().invoke(cli, ["query", "--db", db, *args, "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    return [json.loads(line) for line in res.output.splitlines() if line.strip()]


def facts(found):
    return sorted((r["direction"], r["negated"], r["target"]) for r in found)


def test_negated_decrease_answers_no_change_not_decrease(db):
    assert facts(rows(db, "--target", "TNF-α")) == [("decrease", True, "TNF-α")]
    assert facts(rows(db, "--direction", "no_change")) == [("decrease", True, "TNF-α")]
    assert facts(rows(db, "--direction", "decrease")) == [("decrease", False, "IL-1β"), ("decrease", False, "IL-6")]
    raw = facts(rows(db, "--direction", "decrease", "--raw-direction"))
    assert raw == [("decrease", False, "IL-1β"), ("decrease", False, "IL-6"), ("decrease", True, "TNF-α")]
    # the Python API says the same
    assert facts(litmine.query(db, direction="no_change")) == [("decrease", True, "TNF-α")]


def test_query_and_claims_agree_on_the_negated_row(db):
    claim = next(c for c in litmine.claims(db, target="TNF-α") if c["exercise_class"] == "treadmill")
    assert claim["direction"] == "no_change"
    assert facts(rows(db, "--target", "TNF-α", "--direction", claim["direction"])) == [("decrease", True, "TNF-α")]


def test_repeated_filters_are_or(db):
    assert facts(rows(db, "--target", "BDNF", "--target", "TNF")) == [("decrease", True, "TNF-α"),
                                                                        ("increase", False, "BDNF")]
    assert {r["exercise"] for r in rows(db, "--exercise", "swimming", "--exercise", "treadmill")} == \
        {"swimming", "treadmill"}
    assert facts(rows(db, "--direction", "increase", "--direction", "no_change")) == \
        [("decrease", True, "TNF-α"), ("increase", False, "BDNF")]
    # different options still all have to match
    assert facts(rows(db, "--target", "BDNF", "--target", "IL-1β", "--exercise", "swimming")) == \
        [("decrease", False, "IL-1β")]
    assert facts(litmine.query(db, target=["BDNF", "IL-6"])) == [("decrease", False, "IL-6"),
                                                                 ("increase", False, "BDNF")]


def test_claims_target_repeated_is_or(db):
    res = CliRunner().invoke(cli, ["claims", "--db", db, "--target", "BDNF", "--target", "IL-1β",
                                   "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    targets = {json.loads(line)["target"] for line in res.output.splitlines()}
    assert targets == {"BDNF", "IL-1β"}


@pytest.mark.parametrize("command", [["query", "--model", "SNI", "--model", "CCI"],
                                     ["query", "--lang", "en", "--lang=zh"],
                                     ["claims", "--min-docs", "1", "--min-docs", "2"],
                                     ["export", "--doc", "rats", "--doc", "swim"]])
def test_repeated_single_value_option_is_a_usage_error(db, command):
    res = CliRunner().invoke(cli, [*command, "--db", db])
    assert res.exit_code == 2
    name = command[1]
    assert f"{name} given twice: it takes one value" in res.output


def test_claims_show_options_are_its_own(db):
    # --db before and after the sub-command are two commands' options, not a repeat
    res = CliRunner().invoke(cli, ["claims", "--db", db, "show", "1", "--db", db])
    assert res.exit_code == 0, res.output


def test_compare_table_marks_a_negated_relation(db):
    """'failed to attenuate TNF-α' is stored as decrease + negated: compare's table must not show a bare decrease."""
    res = CliRunner().invoke(cli, ["compare", "--db", db, "rats.txt"])
    assert res.exit_code == 0, res.output
    [line] = [ln for ln in res.output.splitlines() if "TNF-α" in ln]
    assert "no_change (negated decrease)" in line, line      # what it asserts, and the verb negated
    [line] = [ln for ln in res.output.splitlines() if "BDNF" in ln]
    assert "increase" in line and "negated" not in line, line
