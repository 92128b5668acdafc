"""Search exports into the store (issue 12): metadata on documents, deduplication
across sources, records and their PDFs, edited files replacing their earlier
version, resuming an interrupted import, counts; records from tests/bibsamples.py."""
from __future__ import annotations

import json
import sqlite3

import pytest
from click.testing import CliRunner

import litmine
from bibsamples import (C1, CNKI_REFER, P1, P2, P2_PDF_TEXT, PUBMED_XML, RIS, WANFANG_TEXT, make_pdf,
                        make_zotero_sqlite)
from helpers import migrate_from
from litmine.cli import cli
from litmine.store.db import connect


def write(folder, name: str, text: str, encoding: str = "utf-8"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(text.encode(encoding))
    return path


def documents(db) -> list[dict]:
    con = sqlite3.connect(db)
    con.row_factory = sqlite3.Row
    try:
        return [dict(r) for r in con.execute("SELECT * FROM documents ORDER BY id")]
    finally:
        con.close()


def statuses(results) -> list[tuple[str, str]]:
    return [(r.status, r.merged_by) for r in results]


def test_the_same_three_papers_from_pubmed_and_ris_are_three_documents(tmp_path):
    db = tmp_path / "t.sqlite"
    first = litmine.ingest(write(tmp_path, "pubmed.xml", PUBMED_XML), db)
    assert [r.status for r in first] == ["stored"] * 3
    assert [r.label for r in first] == ["Li et al. 2021", "Garcia et al. 2019", "Smith et al. 2020"]
    second = litmine.ingest(write(tmp_path, "wos.ris", RIS), db)
    # P1 by its DOI, P2 by its DOI (given as an upper-case URL), P3 (no DOI, no PMID) by title + year + author
    assert statuses(second) == [("merged", "doi"), ("merged", "doi"), ("merged", "title")]
    assert [r.merged_into for r in second] == ["Li et al. 2021", "Garcia et al. 2019", "Smith et al. 2020"]
    docs = documents(db)
    assert len(docs) == 3
    d = docs[0]
    assert (d["title"], json.loads(d["authors"]), d["year"], d["journal"], d["doi"], d["pmid"], d["language"],
            d["source_db"], d["label"], d["format"]) == (
        P1["title"], P1["authors"], 2021, P1["journal"], P1["doi"], P1["pmid"], "en", "pubmed", "Li et al. 2021",
        "record")
    report = litmine.merge_report(db)
    assert [(m["document_id"], m["label"], m["merged_by"], m["source_db"]) for m in report] == [
        (docs[0]["id"], "Li et al. 2021", "doi", "pubmed"), (docs[1]["id"], "Garcia et al. 2019", "doi", "ris"),
        (docs[2]["id"], "Smith et al. 2020", "title", "ris")]
    assert all(m["path"].endswith("wos.ris") for m in report)


def test_cnki_and_wanfang_copies_of_a_chinese_paper_are_one_document(tmp_path):
    db = tmp_path / "t.sqlite"
    res = litmine.ingest([write(tmp_path, "CNKI-2024.txt", CNKI_REFER, "gb18030"),
                          write(tmp_path, "wanfang.txt", WANFANG_TEXT, "gb18030")], db)
    assert statuses(res) == [("stored", ""), ("merged", "doi"), ("stored", "")]
    docs = documents(db)
    assert [(d["label"], d["source_db"], d["language"], d["lang"]) for d in docs] == [
        ("张伟等 2022", "cnki", "zh", "zh"), ("赵敏 2018", "wanfang", "zh", "zh")]
    assert docs[0]["text"].startswith(C1["title"] + "\n\n目的：")
    assert json.loads(docs[0]["authors"]) == C1["authors"] and docs[0]["journal"] == C1["journal"]


def test_a_records_own_study_is_named_by_its_authors_and_year(tmp_path):
    db = tmp_path / "t.sqlite"
    litmine.ingest(write(tmp_path, "pubmed.xml", PUBMED_XML), db)
    engine = connect(db)
    from litmine.store.queries import study_rows
    rows = study_rows(engine)
    engine.dispose()
    own = [(r["study"], r["author"], r["year"], r["doc"]) for r in rows if r["source"] == "document"]
    assert ("Li 2021", "Li", 2021, "Li et al. 2021") in own


def test_a_chinese_title_matches_without_a_doi(tmp_path):
    db = tmp_path / "t.sqlite"
    no_doi = CNKI_REFER.replace("%R 10.9999/xyyx.2022.05\n", "")
    res = litmine.ingest([write(tmp_path, "cnki.txt", no_doi, "gb18030"),
                          write(tmp_path, "wanfang.txt", WANFANG_TEXT, "gb18030")], db)
    assert statuses(res) == [("stored", ""), ("merged", "title"), ("stored", "")]
    assert documents(db)[0]["doi"] == "10.9999/xyyx.2022.05"     # filled in from the merged copy


def test_a_record_then_its_pdf_is_one_document_with_the_full_text(tmp_path):
    db = tmp_path / "t.sqlite"
    ris_p2 = RIS.split("\n\n")[1] + "\n"
    (rec,) = litmine.ingest(write(tmp_path, "one.ris", ris_p2), db)
    make_pdf(tmp_path / "garcia.pdf", P2_PDF_TEXT)
    (pdf,) = litmine.ingest(tmp_path / "garcia.pdf", db)
    assert (pdf.status, pdf.replaced, pdf.merged_by, pdf.document_id) == ("stored", True, "doi", rec.document_id)
    (d,) = documents(db)
    assert d["format"] == "pdf" and "forty" in d["text"] and d["label"] == "Garcia et al. 2019"
    assert (d["title"], d["year"], d["journal"]) == (P2["title"], 2019, P2["journal"])
    con = sqlite3.connect(db)
    sources = con.execute("SELECT format, merged_by FROM document_sources ORDER BY id").fetchall()
    con.close()
    assert sources == [("record", ""), ("pdf", "")]


def test_a_pdf_then_its_record_is_one_document_the_record_naming_it(tmp_path):
    db = tmp_path / "t.sqlite"
    make_pdf(tmp_path / "garcia.pdf", P2_PDF_TEXT)
    (pdf,) = litmine.ingest(tmp_path / "garcia.pdf", db)
    assert pdf.label == "garcia.pdf"
    (rec,) = litmine.ingest(write(tmp_path, "one.ris", RIS.split("\n\n")[1] + "\n"), db)
    assert (rec.status, rec.merged_by, rec.document_id) == ("merged", "doi", pdf.document_id)
    (d,) = documents(db)
    assert d["format"] == "pdf" and d["label"] == "Garcia et al. 2019" and d["title"] == P2["title"]
    rows = litmine.query(db, target="BDNF")
    assert rows and {r["doc"] for r in rows} == {"Garcia et al. 2019"}


def test_an_edited_file_replaces_its_earlier_version_in_one_transaction(tmp_path):
    db = tmp_path / "t.sqlite"
    paper = write(tmp_path, "paper.txt", "Treadmill running decreased TNF-α in the spinal cord of SNI rats.\n")
    (first,) = litmine.ingest(paper, db)
    paper.write_text("Swimming increased BDNF in the hippocampus of aged mice.\n", encoding="utf-8")
    (again,) = litmine.ingest(paper, db)
    assert (again.status, again.replaced, again.document_id) == ("stored", True, first.document_id)
    assert "edited" in again.reason
    (d,) = documents(db)
    assert "Swimming" in d["text"] and d["name"] == "paper.txt"
    targets = {r["target"] for r in litmine.query(db)}
    assert "BDNF" in " ".join(targets) and not any("TNF" in t for t in targets)
    assert {c["target"] for c in litmine.claims(db)} == targets        # the old evidence left the claims


def test_an_edited_file_read_again_from_another_folder_replaces_it(tmp_path, monkeypatch):
    """``ingest paper.txt`` inside ``b/``, then ``ingest b/paper.txt`` from the folder above after an edit:
    the same file, so the edit replaces the stored version (it was stored a second time, and supported itself)."""
    db = tmp_path / "t.sqlite"
    folder = tmp_path / "b"
    folder.mkdir()
    paper = write(folder, "paper.txt", "Treadmill running decreased TNF-α in the spinal cord of SNI rats.\n")
    monkeypatch.chdir(folder)
    (first,) = litmine.ingest("paper.txt", db)
    paper.write_text("Treadmill running decreased TNF-α and IL-6 in the spinal cord of SNI rats.\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    (again,) = litmine.ingest("b/paper.txt", db)
    assert (again.status, again.replaced, again.document_id) == ("stored", True, first.document_id)
    assert len(documents(db)) == 1
    # another file of the same name in another folder is another document
    other = tmp_path / "c"
    other.mkdir()
    write(other, "paper.txt", "Swimming increased BDNF in the hippocampus of aged mice.\n")
    (third,) = litmine.ingest("c/paper.txt", db)
    assert third.status == "stored" and not third.replaced and len(documents(db)) == 2


def test_an_edited_export_record_replaces_only_that_record(tmp_path):
    db = tmp_path / "t.sqlite"
    path = write(tmp_path, "pubmed.xml", PUBMED_XML)
    litmine.ingest(path, db)
    path.write_text(PUBMED_XML.replace("Hippocampal BDNF rose", "Hippocampal BDNF rose sharply"), encoding="utf-8")
    res = litmine.ingest(path, db)
    assert [(r.status, r.replaced) for r in res] == [("skipped", False), ("stored", True), ("skipped", False)]
    assert len(documents(db)) == 3 and "rose sharply" in documents(db)[1]["text"]


def test_an_interrupted_import_resumes_where_it_stopped(tmp_path):
    db = tmp_path / "t.sqlite"
    path = write(tmp_path, "pubmed.xml", PUBMED_XML)

    def stop_after_first(res):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        litmine.ingest(path, db, on_result=stop_after_first)
    assert len(documents(db)) == 1                   # the first record was committed
    res = litmine.ingest(path, db)
    assert [r.status for r in res] == ["skipped", "stored", "stored"] and len(documents(db)) == 3


def test_cli_counts_and_merged_lines(tmp_path):
    db = tmp_path / "t.sqlite"
    xml, ris = write(tmp_path, "pubmed.xml", PUBMED_XML), write(tmp_path, "wos.ris", RIS)
    broken = write(tmp_path, "bad.ris", "TY  - JOUR\nAU  - Nobody\nER  - \n")
    res = CliRunner().invoke(cli, ["ingest", str(xml), str(ris), str(broken), "--db", str(db)])
    assert res.exit_code == 1
    out = res.stdout.splitlines()
    assert f"merged   {ris}#pmid:39000001: same doi as Li et al. 2021 (document 1)" in out
    assert out[-2:] == ["3 stored, 0 skipped, 1 failed",
                        "7 records read: 3 new documents, 0 replaced, 3 duplicates merged, 0 already stored, "
                        "1 failed"]
    assert f"failed   {broken}: record #1: no TI or T1 (title) line" in res.stderr
    stats = CliRunner().invoke(cli, ["stats", "--db", str(db)]).output.splitlines()
    assert stats[1] == "sources:   pubmed 3; 3 duplicates merged (litmine docs merged)"
    merged = CliRunner().invoke(cli, ["docs", "merged", "--db", str(db)]).output.splitlines()
    assert merged == [f"Li et al. 2021 (document 1) <- {ris}#pmid:39000001 [pubmed, same doi]",
                      f"Garcia et al. 2019 (document 2) <- {ris}#doi:10.9999/ija.2019.022 [ris, same doi]",
                      f"Smith et al. 2020 (document 3) <- {ris}#{merged_key(ris)} [ris, same title]",
                      "3 duplicates merged"]


def merged_key(path) -> str:
    """The record key of the third (title-keyed) record of the RIS sample."""
    from litmine.io import read_inputs
    return list(read_inputs(path))[2].record.key


def test_format_option(tmp_path):
    db = tmp_path / "t.sqlite"
    path = write(tmp_path, "export.dat", RIS)
    res = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(db), "-q"])
    assert res.exit_code == 1 and "unsupported file type '.dat'" in res.output
    res = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(db), "--format", "ris", "-q"])
    assert res.exit_code == 0 and res.stdout.splitlines()[-1].startswith("3 records read: 3 new documents")
    db = tmp_path / "t2.sqlite"
    path = path.rename(tmp_path / "export.txt")
    res = CliRunner().invoke(cli, ["ingest", str(path), "--db", str(db), "--format", "txt", "-q"])
    assert res.exit_code == 0 and documents(db)[0]["format"] == "txt" and documents(db)[0]["title"] == ""


def test_a_version_6_database_gains_metadata_and_sources(tmp_path):
    db = tmp_path / "t.sqlite"
    paper = write(tmp_path, "paper.txt", "Treadmill running decreased TNF-α in SNI rats.\n")
    litmine.ingest(paper, db)
    con = sqlite3.connect(db)
    indexes = [r[1] for r in con.execute("PRAGMA index_list(documents)")]
    con.close()
    statements = ["DROP TABLE document_sources"]
    for col in ("label", "title", "authors", "year", "journal", "doi", "pmid", "language", "source_db",
                "record_key", "title_key"):
        statements += [f"DROP INDEX {index}" for index in indexes if col in index]
        indexes = [index for index in indexes if col not in index]
        statements.append(f"ALTER TABLE documents DROP COLUMN {col}")
    migrate_from(db, 6, statements)
    (d,) = documents(db)
    assert (d["label"], d["title"], d["authors"], d["source_db"]) == ("paper.txt", "", "[]", "file")
    (again,) = litmine.ingest(paper, db)            # its source row was made: same file, same content
    assert again.status == "skipped"


def test_a_zotero_data_folder_is_one_document_per_item_with_its_pdf(tmp_path):
    db = tmp_path / "t.sqlite"
    folder = make_zotero_sqlite(tmp_path / "Zotero").parent
    res = litmine.ingest(folder, db)
    # storage/ sorts first: its PDF is stored as a file, then the item names it
    assert statuses(res) == [("stored", ""), ("merged", "file")]
    (d,) = documents(db)
    assert (d["format"], d["label"], d["title"], d["pmid"]) == ("pdf", "Garcia et al. 2019", P2["title"], "39000002")
    assert statuses(litmine.ingest(folder, db)) == [("skipped", ""), ("skipped", "")]


def test_show_gives_a_records_metadata(tmp_path):
    db = tmp_path / "t.sqlite"
    litmine.ingest(write(tmp_path, "pubmed.xml", PUBMED_XML), db)
    from litmine.formats.report import header_lines
    head = dict(header_lines(litmine.document_report("Li et al. 2021", db=db)))
    assert (head["citation"], head["title"], head["authors"], head["journal"], head["doi"], head["pmid"],
            head["source"]) == ("Li et al. 2021", P1["title"], "Li, Wei; Chen, Xiaoming; Okafor, Grace",
                                "Journal of Invented Exercise Science, 2021", P1["doi"], P1["pmid"], "pubmed")
    assert head["document"] == "pubmed.xml#pmid:39000001"


def test_the_same_paper_from_pubmed_in_english_and_cnki_in_chinese_is_one_document(tmp_path):
    db = tmp_path / "t.sqlite"
    english = (PUBMED_XML.split("<PubmedArticle>")[0] + "<PubmedArticle>" + PUBMED_XML.split("<PubmedArticle>")[1]
               .replace("39000001", "39000009").replace("10.9999/jies.2021.0101", C1["doi"]) + "</PubmedArticleSet>\n")
    res = litmine.ingest([write(tmp_path, "pubmed.xml", english), write(tmp_path, "cnki.txt", CNKI_REFER, "gb18030")],
                         db)
    assert statuses(res) == [("stored", ""), ("merged", "doi")]
    (d,) = documents(db)
    assert (d["source_db"], d["pmid"], d["doi"], d["lang"]) == ("pubmed", "39000009", C1["doi"], "en")
    assert [m["source_db"] for m in litmine.merge_report(db)] == ["cnki"]
