"""One resolver for document references: a path, a stored name, a name prefix
or a hash prefix, the same for query --doc, export --doc and compare."""
import hashlib
import json

import pytest
from click.testing import CliRunner

from litmine.cli import cli
from litmine.errors import QueryError
from litmine.pipeline import ingest
from litmine.store.queries import matching_documents, relations, resolve_document

from helpers import CORPUS

ZH = CORPUS / "zh_treadmill_sni.txt"
EN = CORPUS / "en_treadmill_cci.txt"


@pytest.fixture
def stored(engine):
    assert [r.status for r in ingest([ZH, EN], engine)] == ["stored", "stored"]
    return engine


def test_every_kind_of_reference_names_the_document(stored, tmp_path, monkeypatch):
    zh_hash = hashlib.sha256(ZH.read_bytes()).hexdigest()
    (zh_id, _), = [(i, n) for i, n, _s in matching_documents(stored, "zh_treadmill_sni.txt")]
    copy = tmp_path / "renamed copy.txt"
    copy.write_bytes(ZH.read_bytes())
    for ref in ("zh_treadmill_sni.txt", str(ZH), "zh_tread", zh_hash[:8], zh_hash.upper()[:12], str(copy)):
        assert resolve_document(stored, ref) == (zh_id, "zh_treadmill_sni.txt"), ref
    monkeypatch.chdir(CORPUS.parent)
    assert resolve_document(stored, "corpus/zh_treadmill_sni.txt")[0] == zh_id   # relative path
    assert {r["document_id"] for r in relations(stored, doc=str(ZH))} == {zh_id}


def test_bad_references_are_one_line_errors(stored, tmp_path):
    with pytest.raises(QueryError, match=r"^nope: no such document; give a path to the file"):
        resolve_document(stored, "nope")
    other = tmp_path / "zh_other.txt"
    other.write_text("游泳训练提高了大鼠脊髓中BDNF的水平。\n", encoding="utf-8")
    assert [r.status for r in ingest([other], stored)] == ["stored"]
    with pytest.raises(QueryError, match=r"^zh_: matches several documents \(zh_treadmill_sni.txt \([0-9a-f]{10}\), "
                                         r"zh_other.txt"):
        resolve_document(stored, "zh_")
    assert len(relations(stored, doc="zh_")) > len(relations(stored, doc="zh_other"))   # query: all it matches
    with pytest.raises(QueryError, match="no such document"):
        resolve_document(stored, "%")                                                    # literal, no wildcard
    changed = tmp_path / "zh_treadmill_sni.txt"
    changed.write_text(ZH.read_text(encoding="utf-8") + "\n新增一句。\n", encoding="utf-8")
    with pytest.raises(QueryError, match="this file's content is not in the database"):
        resolve_document(stored, str(changed))
    with pytest.raises(QueryError, match="no such document"):
        relations(stored, doc="nope")
    assert len(matching_documents(stored, "_treadmill")) == 0 and len(matching_documents(stored, "")) == 0


def test_commands_accept_paths(tmp_path):
    db = str(tmp_path / "t.sqlite")
    run = lambda *a: CliRunner().invoke(cli, [str(x) for x in a])  # noqa: E731
    assert run("ingest", ZH, EN, "--db", db).exit_code == 0
    res = run("compare", "--db", db, "--review", ZH, "--paper", EN, "--format", "json")
    # JSON on standard output; the warning that ZH is not marked as a review on standard error
    assert res.exit_code == 0 and json.loads(res.stdout) and "not marked as a review" in res.stderr
    res = run("query", "--db", db, "--doc", EN, "--format", "json")
    assert res.exit_code == 0 and {r["doc"] for r in json.loads(res.output)} == {"en_treadmill_cci.txt"}
    res = run("export", "--db", db, "--format", "bioc", "--doc", EN)
    assert res.exit_code == 0 and [d["id"] for d in json.loads(res.output)["documents"]] == ["en_treadmill_cci.txt"]
    res = run("query", "--db", db, "--doc", "nope.txt")
    assert res.exit_code == 1 and res.output.startswith("Error: nope.txt: no such document")
