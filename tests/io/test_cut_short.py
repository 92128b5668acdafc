"""A search export that ends inside its last record (a download cut short, no ER line): the record
is read as far as it goes with a warning naming the file's record, the unfinished end of its
abstract left out (half a sentence is no finding); one without a title is a record error saying
the file was cut. RIS and Web of Science text. Records written for these tests."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from litmine.cli import cli
from litmine.io import read_inputs
from litmine.io.records.common import RecordError, unfinished_end

WHOLE = ("TY  - JOUR\nTI  - Treadmill running and spinal cytokines in rats with nerve injury\nAU  - Smith, Jane\n"
         "PY  - 2021\nAB  - Treadmill running reduced IL-6 in the spinal cord of rats with spared nerve injury.\n"
         "ER  - \n\n")
CUT = ("TY  - JOUR\nTI  - Swimming and pain in diabetic mice\nAU  - Li, Wei\nPY  - 2022\n"
       "AB  - Swimming reduced mechanical allodynia in diabetic mice. Swimming also lowered spinal TNF-α expre")
WOS = ("FN Clarivate Analytics Web of Science\nVR 1.0\nPT J\nAU Smith, J\nTI Treadmill running and spinal IL-6 in "
       "rats\nPY 2021\nAB Treadmill running reduced IL-6 in the spinal cord of rats. Treadmill running also "
       "increased\n   BDNF in the dor")


def docs(path):
    return list(read_inputs(path))


def test_a_ris_file_cut_inside_its_last_record(tmp_path):
    (tmp_path / "cut.ris").write_text(WHOLE + CUT, encoding="utf-8")
    first, last = docs(tmp_path / "cut.ris")
    assert first.warnings == [] and first.text.endswith("spared nerve injury.")
    assert last.text == "Swimming and pain in diabetic mice\n\nSwimming reduced mechanical allodynia in diabetic mice."
    assert last.warnings == [
        "record #2 (Swimming and pain in diabetic mice): the file ends inside it, with no ER line (cut short? "
        "export it again for the whole record); read as far as it goes; the unfinished end of its abstract "
        "('Swimming also lowered spinal TNF-α expre') is left out"]


def test_a_record_cut_after_a_whole_field_keeps_its_abstract(tmp_path):
    (tmp_path / "cut.ris").write_text(WHOLE.replace("ER  - \n\n", "KW  - pain\n"), encoding="utf-8")
    [doc] = docs(tmp_path / "cut.ris")
    assert doc.text.endswith("spared nerve injury.")
    assert doc.warnings[0].endswith("read as far as it goes") and "record #1 (Treadmill running" in doc.warnings[0]


def test_a_missing_er_before_the_next_record_is_no_cut(tmp_path):
    (tmp_path / "a.ris").write_text(WHOLE.replace("ER  - \n\n", "") + CUT + " of rats.\nER  - \n", encoding="utf-8")
    assert [d.warnings for d in docs(tmp_path / "a.ris")] == [[], []]


def test_a_record_cut_before_its_title_is_an_error_saying_so(tmp_path):
    (tmp_path / "cut.ris").write_text(WHOLE + "TY  - JOUR\nAU  - Li, Wei\nPY  - 20", encoding="utf-8")
    whole, error = docs(tmp_path / "cut.ris")
    assert isinstance(error, RecordError)
    assert str(error).endswith("record #2: no TI or T1 (title) line (the file ends inside this record, with no ER "
                               "line: cut short? export it again)")


def test_a_web_of_science_file_cut_inside_its_only_record(tmp_path):
    (tmp_path / "wos.txt").write_text(WOS, encoding="utf-8")     # before: read as one plain-text paper
    [doc] = docs(tmp_path / "wos.txt")
    assert doc.format == "record" and doc.record.source_db == "wos"
    assert doc.text == "Treadmill running and spinal IL-6 in rats\n\nTreadmill running reduced IL-6 in the spinal cord of rats."
    assert "the unfinished end of its abstract ('Treadmill running also increased BDNF...') is left out" in doc.warnings[0]


def test_ingest_prints_the_warning_and_stores_no_half_sentence(tmp_path):
    (tmp_path / "cut.ris").write_text(WHOLE + CUT, encoding="utf-8")
    db = tmp_path / "x.sqlite"
    res = CliRunner().invoke(cli, ["ingest", str(tmp_path / "cut.ris"), "--db", str(db)])
    assert res.exit_code == 0, res.output
    assert "  warning: record #2 (Swimming and pain in diabetic mice): the file ends inside it" in res.output
    res = CliRunner().invoke(cli, ["query", "--db", str(db), "--format", "jsonl"])
    rows = [json.loads(ln) for ln in res.output.splitlines()]
    assert "TNF-α" not in {r["target"] for r in rows}
    assert ("swimming", "mechanical allodynia") in {(r["exercise"], r["target"]) for r in rows}


@pytest.mark.parametrize("text, kept, dropped", [
    ("One. Two half", "One.", "Two half"),
    ("One. Two.", "One. Two.", ""),
    ("P was below 0.05 in both gro", "", "P was below 0.05 in both gro"),
    ("运动降低了IL-6。游泳增加了", "运动降低了IL-6。", "游泳增加了"),
    ("It rose (p < 0.01).", "It rose (p < 0.01).", ""),
    ('He said "it fell." Then', 'He said "it fell."', "Then"),
])
def test_unfinished_end(text, kept, dropped):
    assert unfinished_end(text) == (kept if dropped else text, dropped)


# PubMed XML: the file ends inside its second <PubmedArticle> (a download cut short). Before: the file
# failed as 'not well-formed XML (line N ...)' after storing record 1, the summary '1 failed' naming no record.
XML_WHOLE = ("<?xml version=\"1.0\"?>\n<PubmedArticleSet>\n<PubmedArticle>\n<MedlineCitation>\n<PMID>30000001</PMID>\n"
             "<Article>\n<ArticleTitle>Treadmill running and spinal IL-6 in rats with nerve injury</ArticleTitle>\n"
             "<Abstract><AbstractText>Treadmill running reduced IL-6 in the spinal cord of rats with spared nerve "
             "injury.</AbstractText></Abstract>\n</Article>\n</MedlineCitation>\n</PubmedArticle>\n")
XML_CUT = ("<PubmedArticle>\n<MedlineCitation>\n<PMID>30000002</PMID>\n<Article>\n"
           "<ArticleTitle>Swimming and pain in diabetic mice</ArticleTitle>\n<Abstract>\n"
           "<AbstractText Label=\"RESULTS\">Swimming reduced mechanical allodynia in diabetic mice. Swimming also "
           "lowered spinal TNF-α expre")


def test_a_pubmed_xml_file_cut_inside_its_second_record(tmp_path):
    (tmp_path / "pm.xml").write_text(XML_WHOLE + XML_CUT, encoding="utf-8")
    first, last = docs(tmp_path / "pm.xml")
    assert first.warnings == [] and first.record.pmid == "30000001"
    assert last.record.key == "pmid:30000002" and last.record.fmt == "pubmed-xml"
    assert last.text == "Swimming and pain in diabetic mice\n\nRESULTS: Swimming reduced mechanical allodynia in diabetic mice."
    assert last.warnings == [
        "record #2 (PMID 30000002, Swimming and pain in diabetic mice): the file ends inside it, before its "
        "</PubmedArticle> (cut short? export it again for the whole record); read as far as it goes; the "
        "unfinished end of its abstract ('Swimming also lowered spinal TNF-α expre') is left out"]


def test_a_pubmed_xml_record_cut_after_its_abstract_keeps_it_whole(tmp_path):
    (tmp_path / "pm.xml").write_text(XML_WHOLE + XML_CUT + "ssion in the dorsal horn.</AbstractText>\n</Abstract>\n<Lan",
                                     encoding="utf-8")
    first, last = docs(tmp_path / "pm.xml")
    assert last.text.endswith("Swimming also lowered spinal TNF-α expression in the dorsal horn.")
    assert last.warnings[0].endswith("read as far as it goes")


def test_a_pubmed_xml_record_cut_before_its_title_fails_naming_its_pmid(tmp_path):
    (tmp_path / "pm.xml").write_text(XML_WHOLE + XML_CUT.split("<ArticleTitle>")[0] + "<Artic", encoding="utf-8")
    first, error = docs(tmp_path / "pm.xml")
    assert first.record.pmid == "30000001" and isinstance(error, RecordError)
    assert str(error).endswith("pm.xml: record #2 (PMID 30000002): no ArticleTitle (title) element (the file ends "
                               "inside this record, before its </PubmedArticle>: cut short? export it again)")


def test_a_pubmed_xml_file_cut_between_records_warns_on_the_last(tmp_path):
    (tmp_path / "pm.xml").write_text(XML_WHOLE, encoding="utf-8")          # no </PubmedArticleSet>
    [doc] = docs(tmp_path / "pm.xml")
    assert doc.warnings == ["record #1 (the file's last): the file ends after it, with no </PubmedArticleSet> "
                            "(cut short? records after it, if any, are missing: export it again)"]
    (tmp_path / "pm.xml").write_text(XML_WHOLE + "</PubmedArticleSet>\n", encoding="utf-8")
    assert [d.warnings for d in docs(tmp_path / "pm.xml")] == [[]]


def test_ingest_of_a_cut_pubmed_xml_file_counts_both_records_stored(tmp_path):
    (tmp_path / "pm.xml").write_text(XML_WHOLE + XML_CUT, encoding="utf-8")
    res = CliRunner().invoke(cli, ["ingest", str(tmp_path / "pm.xml"), "--db", str(tmp_path / "x.sqlite")])
    assert res.exit_code == 0, res.output
    assert "not well-formed" not in res.output
    assert "  warning: record #2 (PMID 30000002, Swimming and pain in diabetic mice): the file ends inside it" in res.output
    assert "2 stored, 0 skipped, 0 failed" in res.output


# MEDLINE/nbib ending inside its last record. Before: read silently, half a sentence of the abstract kept.
NBIB = ("PMID- 30000001\nTI  - Treadmill running and spinal IL-6 in rats\nAB  - Treadmill running reduced IL-6 in the "
        "spinal cord of rats with spared nerve\n      injury.\nSO  - J Invent Exerc Sci. 2021;3:1-9.\n\n")
NBIB_CUT = ("PMID- 30000002\nTI  - Swimming and pain in diabetic mice\nAB  - Swimming reduced mechanical allodynia "
            "in diabetic mice. Swimming also\n      lowered spinal TNF-α expre")


def test_a_medline_file_cut_inside_a_line_of_its_last_record(tmp_path):
    (tmp_path / "m.nbib").write_text(NBIB + NBIB_CUT, encoding="utf-8")
    first, last = docs(tmp_path / "m.nbib")
    assert first.warnings == [] and last.record.key == "pmid:30000002"
    assert last.text == "Swimming and pain in diabetic mice\n\nSwimming reduced mechanical allodynia in diabetic mice."
    assert last.warnings == [
        "record #2 (PMID 30000002, Swimming and pain in diabetic mice): the file ends inside it, in the middle of a "
        "line (cut short? export it again for the whole record); read as far as it goes; the unfinished end of its "
        "abstract ('Swimming also lowered spinal TNF-α expre') is left out"]


def test_a_medline_record_without_the_so_line_its_neighbours_end_with(tmp_path):
    (tmp_path / "m.nbib").write_text(NBIB + NBIB_CUT + "ssion.\nFAU - Li, Wei\n", encoding="utf-8")
    first, last = docs(tmp_path / "m.nbib")
    assert last.text.endswith("Swimming also lowered spinal TNF-α expression.")
    assert "the file ends inside it, before its SO line (cut short?" in last.warnings[0]
    (tmp_path / "m.nbib").write_text(NBIB + NBIB_CUT + "ssion.\nSO  - J Invent. 2022.\n", encoding="utf-8")
    assert [d.warnings for d in docs(tmp_path / "m.nbib")] == [[], []]        # whole: no warning
    (tmp_path / "m.nbib").write_text(NBIB.replace("SO  - J Invent Exerc Sci. 2021;3:1-9.\n", "") * 2, encoding="utf-8")
    assert [d.warnings for d in docs(tmp_path / "m.nbib")] == [[], []]       # no SO anywhere (one record twice)


def test_a_medline_record_cut_before_its_title_fails_saying_so(tmp_path):
    (tmp_path / "m.nbib").write_text(NBIB + "PMID- 30000002\nTI ", encoding="utf-8")
    first, error = docs(tmp_path / "m.nbib")
    assert isinstance(error, RecordError)
    assert str(error).endswith("m.nbib: record #2 (PMID 30000002): no TI (title) line (the file ends inside this "
                               "record: cut short? export it again)")
