"""The Python API (``import litmine``) end to end, with a fresh database per test."""
from __future__ import annotations

import io
import json

import pytest

import litmine
from litmine.errors import DatabaseError, ExportError, QueryError

from helpers import CORPUS

REVIEW = "跑台运动能够降低SNI小鼠脊髓中TNF-α的表达, 并提高BDNF水平。"
PAPER = "Treadmill running did not increase BDNF in SNI mice. Exercise also lowered GFAP."


@pytest.fixture
def db(tmp_path):
    return tmp_path / "api.sqlite"


def test_ingest_query_stats(db):
    seen = []
    files = [CORPUS / "zh_treadmill_sni.txt", CORPUS / "en_treadmill_cci.txt"]
    results = litmine.ingest(files, db, on_result=seen.append)
    assert [r.status for r in results] == ["stored", "stored"] and seen == results
    assert all(r.n_relations > 0 and r.document_id for r in results)
    assert [r.status for r in litmine.ingest(str(files[0]), db)] == ["skipped"]     # one path, as a str
    rows = litmine.query(db, target="TNF-alpha", direction="decrease")
    assert rows and {r["target_id"] for r in rows} == {"HGNC:11892"}
    assert {r["doc"] for r in rows} <= {"zh_treadmill_sni.txt", "en_treadmill_cci.txt"}
    assert all(r["sentence"] and r["sentence_end"] > r["sentence_start"] for r in rows)
    assert len(litmine.query(db, limit=2)) == 2
    s = litmine.stats(db)
    assert s["documents"] == 2 and s["relations"] == len(litmine.query(db)) and set(s["documents_by_lang"]) >= {"zh", "en"}


def test_process_text_needs_no_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    pd = litmine.process_text("6周跑台运动降低了SNI大鼠脊髓TNF-α的表达。", "t.txt")
    rel = [(r.exercise, r.direction, r.target) for r in pd.relations]
    assert ("treadmill", "decrease", "TNF-α") in rel
    assert pd.document.text[pd.sentences[0].start:pd.sentences[0].end] == pd.sentences[0].text
    assert list(tmp_path.iterdir()) == []                 # nothing written


def test_export_to_stream_and_file(db, tmp_path):
    litmine.ingest([CORPUS / "en_treadmill_cci.txt"], db)
    buf = io.StringIO()
    res = litmine.export(db, table="relations", fmt="jsonl", output=buf)
    lines = [json.loads(x) for x in buf.getvalue().splitlines()]
    assert res.count == len(lines) == len(litmine.query(db)) and res.output is None and res.what == "relations rows"
    out = tmp_path / "docs.bioc.json"
    res = litmine.export(db, fmt="bioc", output=out, doc="en_treadmill")      # a name prefix
    assert res.count == 1 and res.output == out
    assert json.loads(out.read_text(encoding="utf-8"))["documents"][0]["id"] == "en_treadmill_cci.txt"
    with pytest.raises(ExportError, match="file exists"):
        litmine.export(db, fmt="bioc", output=out)
    with pytest.raises(ExportError, match="xlsx needs an output file"):
        litmine.export(db, fmt="xlsx")
    with pytest.raises(QueryError, match="nope: no such document"):
        litmine.export(db, fmt="pubtator", doc="nope", output=io.StringIO())


def test_compare_and_claims(db, tmp_path):
    (tmp_path / "review.txt").write_text(REVIEW, encoding="utf-8")
    (tmp_path / "paper.txt").write_text(PAPER, encoding="utf-8")
    [rev] = litmine.ingest(tmp_path / "review.txt", db, role="review")
    [pap] = litmine.ingest(tmp_path / "paper.txt", db)
    assert rev.stances == {"new": 2} and pap.stances == {"contradicts": 1, "new": 1}
    rows = litmine.compare("paper.txt", db=db)
    assert {(r["target"], r["stance"], r["claim"]) for r in rows} == {
        ("BDNF", "contradicts", "treadmill increase BDNF"),   # "did not increase": no change against the review
        ("GFAP", "new", "exercise decrease GFAP")}
    assert {(r["target"], r["stance"]) for r in litmine.compare("paper.txt", review="review.txt", db=db)} == {
        ("BDNF", "contradicts"), ("GFAP", "new")}
    [claim] = [c for c in litmine.claims(db, target="BDNF") if c["exercise_class"] == "treadmill"]
    # the paper's firm "did not increase" (0.9) outweighs the review's carried-context increase (0.75)
    assert (claim["direction"], claim["documents"], claim["documents_for"], claim["documents_against"]) == \
        ("no_change", 2, 1, 1)
    assert claim["consensus"] == pytest.approx(0.9 / 1.65, abs=1e-3) and claim["conflict"]
    assert claim["reviews"] == "review.txt"
    shown = litmine.show_claim(claim["claim_id"], db=db)
    assert [(e["doc"], e["direction"], e["stance"]) for e in shown["evidence"]] == [
        ("review.txt", "increase", "new"), ("paper.txt", "no_change", "contradicts")]
    assert litmine.set_role("paper", "review", db=db) == ("paper.txt", "primary")
    with pytest.raises(QueryError, match="nope.txt: no such document"):
        litmine.compare("nope.txt", db=db)
    with pytest.raises(QueryError, match="claim 999: no such claim"):
        litmine.show_claim(999, db=db)


def test_a_document_reference_must_single_one_out(db, tmp_path):
    for name in ("trial_a.txt", "trial_b.txt"):
        (tmp_path / name).write_text(PAPER + " " + name, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("本研究观察了小鼠的行为。", encoding="utf-8")
    litmine.ingest(sorted(tmp_path.glob("*.txt")), db)
    with pytest.raises(QueryError, match=r"trial: matches several documents \(trial_a.txt \(\w{10}\), trial_b.txt"):
        litmine.compare("trial", db=db)
    with pytest.raises(QueryError, match="empty.txt: the document has no exercise relations"):
        litmine.compare("empty.txt", db=db)
    with pytest.warns(UserWarning, match="trial_b.txt is not marked as a review"):
        assert litmine.compare("trial_a", review="trial_b", db=db)     # unique prefixes are enough


def test_errors(db):
    with pytest.raises(DatabaseError, match="no such database"):
        litmine.query(db)
    assert not db.exists()                                    # reading never creates a database
    with pytest.raises(ValueError, match="direction='up': choose one of increase"):
        litmine.query(db, direction="up")
    engine = litmine.connect(db)
    assert litmine.stats(engine)["documents"] == 0            # an engine works wherever a path does


@pytest.mark.parametrize("target, message", [
    (5, "target=5: give a string, a list of strings or None"),
    ([], r"target=\[\]: give at least one value"),
    (["TNF", 7], "target holds 7: give strings"),
])
def test_a_filter_that_is_not_text_is_a_usage_error(db, target, message):
    """target=5 was a bare TypeError, target=[] filtered nothing: both are the caller's mistake, said in one line."""
    with pytest.raises(ValueError, match=message):
        litmine.query(db, target=target)
