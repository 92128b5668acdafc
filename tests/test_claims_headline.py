"""A claim's headline follows its evidence, whatever order the documents came in, and
``claims show`` counts each document once and says what a stale stance was judged against.
Texts written for these tests: one mouse study finding no change in the hippocampus, two rat
studies finding a decrease in the spinal cord (another tissue region: judged against the mouse
claim they were ``context_differs``, which used to keep the first document's no_change as the
headline)."""
import json

import pytest
from click.testing import CliRunner

import litmine
from litmine.cli import cli

from helpers import ingest_texts

TEXTS = {
    "a_mice.txt": "Title: Swimming and hippocampal TNF-α in mice\n\nSwimming did not change TNF-α expression in the "
                  "hippocampus of mice with spared nerve injury.\n",
    "b_rats.txt": "Title: Swimming and spinal TNF-α in rats\n\nSwimming reduced TNF-α expression in the spinal "
                  "cord of rats with spared nerve injury.\n",
    "c_rats.txt": "Title: Swimming lowers spinal TNF-α in rats\n\nSwimming decreased TNF-α levels in the spinal cord of "
                  "rats with chronic constriction injury.\n",
}
BOTH = ("Title: Swimming and TNF-α over time\n\nSwimming decreased TNF-α levels in the spinal cord of rats with "
        "chronic constriction injury. Swimming increased TNF-α levels in the spinal cord of rats with chronic "
        "constriction injury at the first week.\n")


def swimming_tnf(db):
    [c] = [c for c in litmine.claims(db, target="TNF-α") if c["exercise_class"] == "swimming"]
    return c


def split(c):
    return c["direction"], c["documents"], c["documents_for"], c["documents_against"], c["documents_mixed"]


def show(db, claim_id):
    res = CliRunner().invoke(cli, ["claims", "show", str(claim_id), "--db", str(db)])
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    return ingest_texts(tmp_path_factory.mktemp("headline"), TEXTS)


def test_headline_follows_two_of_three_documents(db):
    c = swimming_tnf(db)
    assert split(c) == ("decrease", 3, 2, 1, 0)
    assert c["consensus"] == pytest.approx(2 / 3, abs=0.01)      # two agreeing documents of equal weight, one not


def test_headline_does_not_depend_on_the_order_of_documents(tmp_path):
    reverse = tmp_path / "reverse"
    reverse.mkdir()
    db = ingest_texts(reverse, {f"{9 - i}_{name}": text for i, (name, text) in enumerate(TEXTS.items())})
    c = swimming_tnf(db)
    assert split(c)[:3] == ("decrease", 3, 2)
    # the mouse study, judged against the rat claim, is in another context: reported, not counted
    assert split(c)[3:] == (0, 0)
    assert show(db, c["claim_id"]).splitlines()[1].startswith(
        "  3 documents (2 for, 0 against, 0 mixed, 1 in another context),")


def test_show_counts_each_document_once_and_names_stale_stances(db, tmp_path):
    c = swimming_tnf(db)
    out = show(db, c["claim_id"]).splitlines()
    assert out[1].startswith("  3 documents (2 for, 1 against, 0 mixed), 3 evidence sentences;")
    # b_rats was judged when the claim said no_change (mouse evidence only): shown with that
    # direction, and as agreeing with the claim as it stands
    i = out.index("b_rats.txt")
    assert out[i + 1].startswith("  [context_differs no_change; agrees now] decrease (disease_model, rat,")
    i = out.index("a_mice.txt")
    assert out[i + 1].startswith("  [new] no_change (disease_model, mouse,")


def test_a_document_with_sentences_both_ways_is_mixed_once(db, tmp_path):
    both = tmp_path / "both"
    both.mkdir()
    db2 = ingest_texts(both, {**TEXTS, "d_both.txt": BOTH})
    c = swimming_tnf(db2)
    assert split(c) == ("decrease", 4, 2, 1, 1)
    assert show(db2, c["claim_id"]).splitlines()[1].startswith("  4 documents (2 for, 1 against, 1 mixed),")
    # the counts add up to the documents on every claim
    for row in litmine.claims(db2):
        assert row["documents_for"] + row["documents_against"] + row["documents_mixed"] <= row["documents"]
    # and a rebuild gives the same claims
    before = json.dumps(litmine.claims(db2), sort_keys=True)
    res = CliRunner().invoke(cli, ["claims", "rebuild", "--db", str(db2)])
    assert res.exit_code == 0, res.output
    assert [split(r) for r in litmine.claims(db2)] == [split(r) for r in json.loads(before)]


def test_claims_list_shows_the_claim_as_it_stands(tmp_path):
    """The list's for/against/mixed are claims show's counts now: the first document's no-change, judged first,
    is against the decrease two later documents state."""
    db = ingest_texts(tmp_path, {
        "a.txt": "Swimming training for 6 weeks did not change spinal IL-6 levels in CCI rats.\n",
        "b.txt": "Swimming training for 6 weeks reduced spinal IL-6 levels in CCI rats.\n",
        "c.txt": "In CCI rats, 6 weeks of swimming lowered IL-6 expression in the spinal cord.\n"})
    res = CliRunner().invoke(cli, ["claims", "--db", str(db), "--target", "IL-6", "--exercise", "swimming"])
    assert res.exit_code == 0, res.output
    assert "for/against/mixed" in res.output.splitlines()[0], res.output
    [row] = [ln for ln in res.output.splitlines() if " swimming " in ln]
    assert " decrease " in row and " 2/1/0 " in row, row
