"""Search scores on a small database (a researcher's first one or two documents): FTS5's own
bm25() gives 0 to a word found in half the sentences or more, so every result scored 0.0;
litmine's BM25 keeps FTS5's term frequencies and length normalisation with a smoothed idf."""
import math
import sqlite3

import pytest

import litmine
from litmine.store.search import FTS_TABLE, fts5_idf, smoothed_idf

# Sentences written for these tests.
ONE = "Treadmill running lowered spinal TNF-α in rats with nerve injury.\n"
TWO = ("Treadmill running lowered spinal TNF-α in rats with nerve injury.\n"
       "Treadmill exercise on a treadmill belt, the treadmill group, raised BDNF.\n")


def scores(db, query, **kw):
    return [(r["sentence"].split()[1], r["score"]) for r in litmine.search(query, db=db, **kw)]


def test_one_sentence_database_gives_a_positive_score(tmp_path):
    (tmp_path / "one.txt").write_text(ONE, encoding="utf-8")
    db = tmp_path / "x.sqlite"
    litmine.ingest([tmp_path / "one.txt"], db=db)
    [row] = litmine.search("treadmill", db=db)
    assert row["score"] > 0.1          # FTS5's bm25() alone: -1e-6 * tf part, shown as 0.0
    [both] = litmine.search("treadmill TNF", db=db)
    assert both["score"] > row["score"]


def test_two_sentences_both_matching_are_ranked_by_term_frequency(tmp_path):
    (tmp_path / "two.txt").write_text(TWO, encoding="utf-8")
    db = tmp_path / "x.sqlite"
    litmine.ingest([tmp_path / "two.txt"], db=db)
    got = scores(db, "treadmill")
    assert [w for w, _ in got] == ["exercise", "running"]       # three treadmills before one
    assert got[0][1] > got[1][1] > 0
    # a word in one of the two sentences weighs more than one in both
    got = scores(db, "treadmill OR BDNF")
    assert got[0][0] == "exercise" and got[0][1] > got[1][1] > 0
    assert scores(db, "treadmill OR TNF")[0][0] == "running"


def test_idf_formulas():
    assert fts5_idf(1, 1) == 1e-6 and fts5_idf(1, 100) == pytest.approx(math.log(99.5 / 1.5))
    assert smoothed_idf(1, 1) == pytest.approx(math.log(2 / 1.5))
    assert smoothed_idf(2, 2) > 0
    assert abs(smoothed_idf(10, 100_000) - fts5_idf(10, 100_000)) < 1e-3


def test_larger_database_keeps_fts5_bm25_order(tmp_path):
    """Rare words on a larger database: the order FTS5's bm25() gives, the same scores within 1%."""
    lines = [f"Swimming session {i} of the cohort was recorded by observer {i % 7}." for i in range(300)]
    lines[10] = "Treadmill running lowered TNF-α; treadmill speed rose."
    lines[50] = "Treadmill running lowered IL-6 in the spinal cord of treated rats today."
    lines[90] = "A treadmill raised BDNF, and TNF-α fell."
    lines[200] = "TNF-α fell after treadmill running, treadmill walking and treadmill climbing."
    (tmp_path / "big.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    db = tmp_path / "x.sqlite"
    litmine.ingest([tmp_path / "big.txt"], db=db)
    con = sqlite3.connect(db)
    for query, expr in [("treadmill", '"treadmill"'), ("treadmill TNF-α", '("treadmill" AND "TNF-α")'),
                        ("treadmill OR BDNF", '("treadmill" OR "BDNF")')]:
        fts = con.execute(f"SELECT rowid, -bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH ? "
                          f"ORDER BY bm25({FTS_TABLE}), rowid", (expr,)).fetchall()
        got = [(r["sentence_id"], r["score"]) for r in litmine.search(query, db=db, concepts=False)]
        assert [i for i, _ in got] == [i for i, _ in fts], query
        for (_, mine), (_, theirs) in zip(got, fts):
            assert mine == pytest.approx(theirs, rel=0.01), query
