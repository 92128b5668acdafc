"""litmine stats names the documents an older litmine read: their relations are the older rules' until
``ingest --force`` re-reads them. Texts written for this test."""
import sqlite3

from click.testing import CliRunner

from litmine.cli import cli

from helpers import ingest_texts


def test_stats_names_documents_read_by_another_pipeline_version(tmp_path):
    db = ingest_texts(tmp_path, {"a.txt": "Swimming reduced IL-6 in the spinal cord of CCI rats.\n",
                                 "b.txt": "Treadmill running increased BDNF in SNI mice.\n"})
    out = CliRunner().invoke(cli, ["stats", "--db", str(db)]).output
    assert "pipelines:" not in out, out                     # one version: nothing to say
    with sqlite3.connect(db) as conn:
        conn.execute("UPDATE documents SET pipeline_version = 'litmine.pipelines.v2+litmine.relations.v1' "
                     "WHERE name = 'a.txt'")
    res = CliRunner().invoke(cli, ["stats", "--db", str(db)])
    assert res.exit_code == 0, res.output
    [line] = [ln for ln in res.output.splitlines() if ln.startswith("pipelines:")]
    assert "litmine.relations.v1 1" in line and "litmine.relations.v3 1" in line and "--force" in line, line
