"""Page numbers from a PDF, end to end: stored per sentence and per mention,
shown in query (json and table), table exports and BioC; a version-2 database
migrates to pages (NULL for what it held)."""
import json
import sqlite3

import pytest
from click.testing import CliRunner
from fpdf import FPDF

from litmine.cli import cli
from litmine.pipeline import process_text
from litmine.store.db import connect, schema_version, write_document
from litmine.store.queries import relations, table_rows
from litmine.store.rows import document_rows
from litmine.store.schema import SCHEMA_VERSION

#: One finding per page (written for this test).
PAGES = [
    "Methods: adult rats with chronic constriction injury ran on a treadmill for four weeks.",
    "Results: treadmill running reduced TNF-alpha in the spinal cord of the injured rats.",
    "Swimming increased IL-10 in the dorsal root ganglia of the injured rats.",
]


def run(*args):
    res = CliRunner().invoke(cli, [str(a) for a in args], env={"COLUMNS": ""})
    assert res.exit_code == 0, res.output
    return res.output


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("pages")
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=11)
    for text in PAGES:
        pdf.add_page()
        pdf.text(20, 30, text)
    pdf.output(str(tmp / "three_pages.pdf"))
    db = tmp / "p.sqlite"
    run("ingest", tmp / "three_pages.pdf", "--db", db)
    return str(db)


def test_query_gives_each_relation_its_page(db):
    rows = json.loads(run("query", "--db", db, "--format", "json"))
    pages = {(r["exercise"], r["target"]): r["page"] for r in rows}
    assert pages[("treadmill", "TNF-α")] == 2 and pages[("swimming", "IL-10")] == 3
    table = run("query", "--db", db, "--target", "IL-10").splitlines()
    header = table[0].split()
    slots = next(ln.split() for ln in table if "IL-10" in ln.split())
    assert "page" in header and slots[-1] == "3"


def test_exports_keep_pages(db, tmp_path):
    sentences = json.loads(run("export", "--db", db, "--table", "sentences", "--format", "json"))
    assert [s["page"] for s in sentences] == [1, 2, 3]
    mentions = json.loads(run("export", "--db", db, "--table", "mentions", "--format", "json"))
    by_text = {m["text"]: m["page"] for m in mentions}
    assert by_text["TNF-alpha"] == 2 and by_text["IL-10"] == 3 and by_text["treadmill"] == 1
    bioc = json.loads(run("export", "--db", db, "--format", "bioc"))
    passages = bioc["documents"][0]["passages"]
    assert [p["infons"]["page"] for p in passages] == ["1", "2", "3"]
    il10 = next(a for p in passages for a in p["annotations"] if a["text"] == "IL-10")
    assert il10["infons"]["page"] == "3"


def test_text_documents_have_no_pages(engine):
    write_document(engine, document_rows(process_text("Swimming increased IL-10 in rats.", "plain.txt")))
    assert [r["page"] for r in relations(engine)] == [None]
    assert [s["page"] for s in table_rows(engine, "sentences")] == [None]


def test_version_2_database_gains_page_columns(tmp_path):
    path = tmp_path / "v2.sqlite"
    engine = connect(path)
    write_document(engine, document_rows(process_text("Swimming increased IL-10 in rats.", "old.txt")))
    engine.dispose()
    con = sqlite3.connect(path)
    con.execute('ALTER TABLE sentences DROP COLUMN "page"')
    con.execute('ALTER TABLE mentions DROP COLUMN "page"')
    con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    engine = connect(path)
    assert SCHEMA_VERSION >= 3 and schema_version(engine) == SCHEMA_VERSION
    assert [r["page"] for r in relations(engine, doc="old.txt")] == [None]
    assert all(m["page"] is None for m in table_rows(engine, "mentions"))
