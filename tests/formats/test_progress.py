"""The one progress bar (formats.terminal.progress) and the commands that use it: on a
terminal it draws, elsewhere it passes the items through silently; export and the claims
rebuild report their real totals to it."""
from __future__ import annotations

import io

import pytest

import litmine
from helpers import ingest_texts
from litmine.formats.terminal import progress


class _Tty(io.StringIO):
    def isatty(self):
        return True


def test_progress_draws_on_a_terminal_only():
    tty, pipe = _Tty(), io.StringIO()
    assert list(progress(range(3), desc="demo", unit="row", file=tty, leave=True)) == [0, 1, 2]
    assert "demo" in tty.getvalue() and "3/3" in tty.getvalue()
    assert list(progress(range(3), desc="demo", file=pipe)) == [0, 1, 2] and pipe.getvalue() == ""
    off = _Tty()
    assert list(progress(range(3), desc="demo", file=off, enabled=False)) == [0, 1, 2] and off.getvalue() == ""


class _Recorder:
    """A progress hook that records what it was told and passes the items through."""

    def __init__(self):
        self.calls: list[dict] = []

    def __call__(self, iterable, *, desc, unit, total):
        call = {"desc": desc, "unit": unit, "total": total, "seen": 0}
        self.calls.append(call)
        for item in iterable:
            call["seen"] += 1
            yield item


TEXTS = {"p1.txt": "跑台运动降低了SNI大鼠脊髓TNF-α的表达。\n",
         "p2.txt": "Swimming increased BDNF in the hippocampus of diabetic mice and reduced IL-6.\n"}


@pytest.fixture(scope="module")
def two_docs(tmp_path_factory):
    return ingest_texts(tmp_path_factory.mktemp("progress"), TEXTS, "p.sqlite")


def test_export_reports_rows_and_documents_with_their_totals(two_docs, tmp_path):
    rec = _Recorder()
    res = litmine.export(two_docs, table="mentions", fmt="csv", output=tmp_path / "m.csv", progress=rec)
    n = litmine.stats(two_docs)["mentions"]
    assert res.count == n > 0
    assert rec.calls == [{"desc": "export mentions", "unit": "row", "total": n, "seen": n}]
    rec = _Recorder()
    res = litmine.export(two_docs, table="relations", fmt="xlsx", output=tmp_path / "r.xlsx", progress=rec)
    assert rec.calls[0]["total"] == rec.calls[0]["seen"] == res.count == litmine.stats(two_docs)["relations"]
    rec = _Recorder()
    litmine.export(two_docs, fmt="bioc", output=tmp_path / "d.json", progress=rec)
    assert rec.calls == [{"desc": "export documents", "unit": "document", "total": 2, "seen": 2}]


def test_claims_rebuild_gives_the_same_claims_and_reports_each_document(two_docs):
    def key(rows):
        return sorted((r["exercise_class"], r["target_id"], r["direction"], r["documents"], r["n_evidence"],
                       r["consensus"], r["conflict"]) for r in rows)
    before = litmine.claims(two_docs)
    rec = _Recorder()
    res = litmine.rebuild_claims(two_docs, progress=rec)
    assert res == {"documents": 2, "claims": len(before), "evidence": res["evidence"]} and res["evidence"] > 0
    assert rec.calls == [{"desc": "claims rebuild", "unit": "document", "total": 2, "seen": 2}]
    assert key(litmine.claims(two_docs)) == key(before)
