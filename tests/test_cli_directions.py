"""What a direction reads as in every output a researcher opens: "failed to attenuate TNF-α" is
stored as decrease + negated and asserts no change, so ``query --direction no_change`` rows say
``asserted_direction`` no_change beside the stored ``direction``/``negated``; ``--raw-direction``
alone (no ``--direction`` to change) is a usage error in the CLI and the API. Texts written for
these tests."""
import csv
import io
import json

import pytest
from click.testing import CliRunner

import litmine
from litmine.cli import cli
from litmine.consensus import effective_direction
from litmine.errors import UsageError
from litmine.types import DIRECTIONS

from helpers import ingest_texts

RATS = ("Title: Treadmill running in rats with nerve injury\n\n"
        "Treadmill running failed to attenuate TNF-α expression in the spinal cord of rats with spared nerve "
        "injury. Treadmill running increased BDNF expression in the spinal cord of these rats.\n")


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return str(ingest_texts(tmp_path_factory.mktemp("directions"), {"rats.txt": RATS}))


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args])


def test_query_csv_says_the_asserted_direction_beside_the_stored_one(db):
    res = run("query", "--db", db, "--direction", "no_change", "--format", "csv")
    assert res.exit_code == 0, res.output
    reader = csv.DictReader(io.StringIO(res.output))
    assert reader.fieldnames.index("asserted_direction") == reader.fieldnames.index("direction") + 1
    assert [(r["target"], r["direction"], r["negated"], r["asserted_direction"]) for r in reader] == \
        [("TNF-α", "decrease", "True", "no_change")]
    rows = [json.loads(ln) for ln in run("query", "--db", db, "--format", "jsonl").output.splitlines()]
    assert sorted((r["target"], r["asserted_direction"]) for r in rows) == [("BDNF", "increase"), ("TNF-α", "no_change")]


def test_export_relations_and_compare_carry_the_asserted_direction(db, tmp_path):
    out = tmp_path / "rel.csv"
    assert run("export", "--db", db, "-o", out).exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))   # the fast CSV path
    assert sorted((r["target"], r["direction"], r["asserted_direction"]) for r in rows) == \
        [("BDNF", "increase", "increase"), ("TNF-α", "decrease", "no_change")]
    out = tmp_path / "rel.jsonl"
    assert run("export", "--db", db, "-o", out).exit_code == 0
    assert sorted(json.loads(ln)["asserted_direction"] for ln in out.read_text().splitlines()) == \
        ["increase", "no_change"]
    shown = json.loads(run("compare", "--db", db, "rats.txt", "--format", "json").output)
    assert sorted((r["target"], r["direction"], r["asserted_direction"]) for r in shown) == \
        [("BDNF", "increase", "increase"), ("TNF-α", "decrease", "no_change")]
    found = litmine.search("TNF", db=db)
    assert [(r["direction"], r["asserted_direction"]) for r in found[0]["relations"]] == [("decrease", "no_change")]


def test_interchange_keeps_the_stored_direction(db):
    res = run("export", "--db", db, "--format", "bioc")
    assert res.exit_code == 0, res.output
    assert "asserted_direction" not in res.output


def test_the_query_table_shows_what_is_asserted_and_the_negated_verb(db):
    res = run("query", "--db", db, "--target", "TNF")
    assert res.exit_code == 0, res.output
    [line] = [ln for ln in res.output.splitlines() if "TNF-α" in ln and "treadmill" in ln]
    assert "no_change" in line and "negated decrease" in line, line


def test_the_sql_column_and_the_python_rule_agree_on_every_stored_pair(tmp_path):
    """asserted_direction_sql is effective_direction for every (direction, negated) a relation may hold."""
    from sqlalchemy import Boolean, Column, MetaData, String, Table, create_engine, insert, select
    from litmine.store.queries import asserted_direction_sql
    t = Table("r", MetaData(), Column("direction", String), Column("negated", Boolean))
    engine = create_engine(f"sqlite:///{tmp_path / 'x.sqlite'}")
    t.metadata.create_all(engine)
    pairs = [(d, n) for d in (*DIRECTIONS, None) for n in (False, True)]
    with engine.begin() as conn:
        conn.execute(insert(t), [{"direction": d, "negated": n} for d, n in pairs])
        got = conn.execute(select(t.c.direction, t.c.negated, asserted_direction_sql(t.c.direction, t.c.negated))).all()
    assert [(d, n, a) for d, n, a in got] == [(d, n, effective_direction(d, n)) for d, n in pairs]
    assert ("decrease", True, "no_change") in [(d, n, a) for d, n, a in got]


def test_raw_direction_without_direction_is_a_usage_error(db):
    res = run("query", "--db", db, "--raw-direction")
    assert res.exit_code == 2
    assert "Error: --raw-direction says how --direction matches (the stored direction, whatever its negation) " \
        "and no --direction is given: give --direction too, or leave --raw-direction out" in res.output
    with pytest.raises(UsageError, match=r"raw_direction=True says how direction matches"):
        litmine.query(db, raw_direction=True)
    with pytest.raises(UsageError, match=r"raw_direction=True says how direction matches"):
        litmine.query(db, raw_direction=True, direction=[])
    # with a direction it still matches the stored one
    assert [r["target"] for r in litmine.query(db, direction="decrease", raw_direction=True)] == ["TNF-α"]
    assert run("query", "--db", db, "--direction", "decrease", "--raw-direction").exit_code == 0


def test_stats_count_directions_as_query_matches_them(db):
    """stats said 'decrease 1' for the negated decrease that query --direction decrease does not list."""
    by_direction = litmine.stats(db)["relations_by_direction"]
    assert by_direction == {"increase": 1, "no_change": 1}
    for d, n in by_direction.items():
        assert len(litmine.query(db, direction=d)) == n
    assert "relations: 2 (increase 1, no_change 1)" in run("stats", "--db", db).output


@pytest.mark.parametrize("args", [["compare", "rats.txt"], ["search", "TNF"], ["show", "rats.txt"]])
def test_every_view_says_what_a_negated_relation_asserts(db, args):
    res = run(*args, "--db", db)
    assert res.exit_code == 0, res.output
    assert "no_change (negated decrease)" in res.output
    assert "decrease [negated]" not in res.output


def test_claims_show_says_the_asserted_direction_and_the_negated_verb(db):
    [claim] = [c for c in litmine.claims(db, target="TNF-α") if c["exercise_class"] == "treadmill"]
    res = run("claims", "show", claim["claim_id"], "--db", db)
    assert res.exit_code == 0, res.output
    [line] = [ln for ln in res.output.splitlines() if ln.lstrip().startswith("[")]
    assert "] no_change (negated decrease) (" in line, line        # before: 'no_change [negated]', a negated no_change
    [row] = litmine.show_claim(claim["claim_id"], db=db)["evidence"]
    assert (row["direction"], row["stated_direction"], row["negated"]) == ("no_change", "decrease", True)
