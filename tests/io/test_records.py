"""Readers of search exports (litmine.io.records), on records written for these tests
(tests/bibsamples.py): every metadata field and the abstract text, in each format."""
from __future__ import annotations

import json

import pytest

from bibsamples import (BIBTEX, C1, CNKI_NOTEEXPRESS, CNKI_REFER, CNKI_REFWORKS, CSL_JSON, ENDNOTE_XML, MEDLINE, P1,
                        P2, P3, P2_PDF_TEXT, PUBMED_XML, RIS, VIP_TEXT, WANFANG_TEXT, WOS, ZOTERO_RDF, make_pdf,
                        make_zotero_sqlite)
from litmine.errors import InputError
from litmine.io import read_inputs
from litmine.io.records import detect_text_format, sniff_format
from litmine.io.records.common import RecordError, language_code, parse_year, record_key, split_sections
from litmine.types import BibRecord

FIELDS = ("title", "authors", "year", "journal", "doi", "pmid", "language", "abstract", "keywords")


def write(tmp_path, name: str, text: str, encoding: str = "utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def records(path, **kw) -> list:
    return list(read_inputs(path, **kw))


def assert_paper(raw, paper: dict, *, source_db: str, fmt: str, skip=()):
    rec = raw.record
    assert isinstance(rec, BibRecord)
    for f in FIELDS:
        if f not in skip:
            assert getattr(rec, f) == paper[f], f
    assert rec.source_db == source_db and rec.fmt == fmt
    assert raw.format == "record"
    assert raw.text == (rec.title if "title" in skip else paper["title"]) + "\n\n" + paper["abstract"]


def test_pubmed_xml_every_field_and_structured_abstract(tmp_path):
    path = write(tmp_path, "search.xml", PUBMED_XML)
    got = records(path)
    assert len(got) == 3
    for raw, paper in zip(got, (P1, P2, P3)):
        assert_paper(raw, paper, source_db="pubmed", fmt="pubmed-xml")
        assert raw.record.key == f"pmid:{paper['pmid']}"
        assert raw.metadata["name"] == f"search.xml#pmid:{paper['pmid']}"
    assert got[0].record.abstract.split("\n\n")[1] == "METHODS: Rats ran on a treadmill for four weeks."
    assert len({r.sha256 for r in got}) == 3


def test_pubmed_xml_cut_before_a_records_title_is_a_record_error(tmp_path):
    broken = PUBMED_XML.split("<PubmedArticle>")
    path = write(tmp_path, "cut.xml", "<PubmedArticle>".join(broken[:3]) + "<PubmedArticle><MedlineCitation>")
    first, second, third = records(path)          # before: InputError for the file after the two records
    assert first.record.pmid == "39000001" and second.record.pmid == "39000002"
    assert isinstance(third, RecordError)
    assert str(third).endswith("cut.xml: record #3: no ArticleTitle (title) element (the file ends inside this "
                               "record, before its </PubmedArticle>: cut short? export it again)")


def test_pubmed_xml_bad_xml_before_the_end_names_the_line_and_record(tmp_path):
    broken = PUBMED_XML.split("<PubmedArticle>")
    broken[2] = broken[2].replace("<ArticleTitle>", "<ArticleTitle>Rats & ", 1)      # a bare & inside record 2
    path = write(tmp_path, "bad.xml", "<PubmedArticle>".join(broken))
    it = read_inputs(path)
    assert next(it).record.pmid == "39000001"
    with pytest.raises(InputError, match=r"bad\.xml: not well-formed XML \(line \d+: .*\), inside record #2; "
                                         r"the 1 record before it read"):
        next(it)


def test_medline_nbib(tmp_path):
    got = records(write(tmp_path, "citations.nbib", MEDLINE))
    assert len(got) == 2
    assert_paper(got[0], P1, source_db="pubmed", fmt="medline")
    assert_paper(got[1], P2, source_db="pubmed", fmt="medline")


def test_ris_with_missing_ids_and_a_doi_url(tmp_path):
    got = records(write(tmp_path, "wos.ris", RIS))
    assert len(got) == 3
    assert_paper(got[0], P1, source_db="pubmed", fmt="ris")
    assert_paper(got[1], P2, source_db="ris", fmt="ris", skip=("pmid", "doi"))
    assert got[1].record.pmid == "" and got[1].record.doi == "10.9999/IJA.2019.022"   # normalised in the store
    p3 = got[2].record
    assert_paper(got[2], P3, source_db="ris", fmt="ris", skip=("title", "doi", "pmid"))
    assert p3.title == "Resistance training and insulin resistance in older adults - a pilot trial"
    assert (p3.doi, p3.pmid) == ("", "") and p3.key.startswith("t:")


def test_web_of_science_plain_text(tmp_path):
    (raw,) = records(write(tmp_path, "savedrecs.txt", WOS))
    assert_paper(raw, P3, source_db="wos", fmt="wos")
    assert raw.record.key == "pmid:39000003"


def test_endnote_xml(tmp_path):
    (raw,) = records(write(tmp_path, "library.xml", ENDNOTE_XML))
    assert_paper(raw, P2, source_db="pubmed", fmt="endnote-xml")


def test_endnote_xml_reads_the_librarys_pdf(tmp_path):
    make_pdf(tmp_path / "Review.Data" / "PDF" / "1234567890" / "garcia.pdf", P2_PDF_TEXT)
    with_pdf = ENDNOTE_XML.replace("</abstract>", "</abstract><urls><pdf-urls><url>internal-pdf://1234567890/"
                                   "garcia.pdf</url></pdf-urls></urls>")
    (raw,) = records(write(tmp_path, "library.xml", with_pdf))
    assert raw.format == "pdf" and "Aged mice swam for forty" in raw.text
    assert raw.record.pdf == "Review.Data/PDF/1234567890/garcia.pdf" and raw.record.title == P2["title"]


def test_bibtex_keeps_going_after_a_broken_entry(tmp_path):
    got = records(write(tmp_path, "refs.bib", BIBTEX))
    good = [g for g in got if not isinstance(g, InputError)]
    bad = [g for g in got if isinstance(g, InputError)]
    assert len(good) == 1 and len(bad) == 1
    raw = good[0]
    assert_paper(raw, P1, source_db="bibtex", fmt="bibtex")
    assert raw.record.pdf == "files/1/li2021.pdf"
    assert raw.warnings == ["attached PDF files/1/li2021.pdf not found; title and abstract used instead"]
    assert "refs.bib: record" in str(bad[0])


@pytest.mark.parametrize("sample, fmt, name", [(CNKI_REFER, "cnki-endnote", "CNKI-refer.txt"),
                                               (CNKI_REFWORKS, "refworks", "CNKI-refworks.txt"),
                                               (CNKI_NOTEEXPRESS, "noteexpress", "CNKI-noteexpress.txt")])
def test_cnki_exports_in_gb18030(tmp_path, sample, fmt, name):
    path = write(tmp_path, name, sample, "gb18030")
    (raw,) = records(path)
    assert_paper(raw, C1, source_db="cnki", fmt=fmt)
    assert raw.encoding in ("gbk", "gb18030")
    assert raw.record.key == "doi:10.9999/xyyx.2022.05"


def test_wanfang_text_in_gb18030_two_records(tmp_path):
    got = records(write(tmp_path, "wanfang.txt", WANFANG_TEXT, "gb18030"))
    assert len(got) == 2
    assert_paper(got[0], C1, source_db="wanfang", fmt="wanfang-text")
    second = got[1].record
    assert (second.title, second.authors, second.year, second.journal, second.doi) == \
        ("游泳运动对老龄小鼠海马的作用", ["赵敏"], 2018, "虚构老年医学杂志", "")
    assert second.abstract == "老龄小鼠每天游泳六周，海马指标升高。"


def test_vip_text_labels_with_spaces(tmp_path):
    (raw,) = records(write(tmp_path, "vip.txt", VIP_TEXT, "gb18030"))
    assert_paper(raw, C1, source_db="vip", fmt="vip-text")


def test_csl_json(tmp_path):
    (raw,) = records(write(tmp_path, "items.json", CSL_JSON))
    assert_paper(raw, P3, source_db="csl", fmt="csl-json")


def test_zotero_rdf_reads_the_attached_pdf(tmp_path):
    make_pdf(tmp_path / "export" / "files" / "2" / "garcia2019.pdf", P2_PDF_TEXT)
    (raw,) = records(write(tmp_path / "export", "Exported Items.rdf", ZOTERO_RDF))
    assert raw.format == "pdf" and "Aged mice swam for forty" in raw.text
    rec = raw.record
    for f in FIELDS:
        assert getattr(rec, f) == P2[f], f
    assert rec.source_db == "zotero" and rec.pdf.endswith("files/2/garcia2019.pdf")


def test_zotero_data_folder(tmp_path):
    (raw,) = records(make_zotero_sqlite(tmp_path / "Zotero"))
    rec = raw.record
    assert raw.format == "pdf" and "Aged mice swam for forty" in raw.text
    for f in FIELDS:
        if f != "keywords":
            assert getattr(rec, f) == P2[f], f
    assert rec.keywords == ["BDNF", "swimming"]          # Zotero tags, by name
    assert rec.key == "pmid:39000002" and rec.source_db == "zotero"


@pytest.mark.parametrize("text, fmt", [(PUBMED_XML, "pubmed-xml"), (ENDNOTE_XML, "endnote-xml"),
                                       (ZOTERO_RDF, "zotero-rdf")])
def test_xml_formats_sniffed_from_bytes(text, fmt):
    assert sniff_format(text.encode()[:4000]) == fmt


@pytest.mark.parametrize("text, fmt", [(MEDLINE, "medline"), (RIS, "ris"), (WOS, "wos"), (BIBTEX, "bibtex"),
                                       (CNKI_REFER, "cnki-endnote"), (CNKI_REFWORKS, "refworks"),
                                       (CNKI_NOTEEXPRESS, "noteexpress"), (WANFANG_TEXT, "wanfang-text"),
                                       (VIP_TEXT, "wanfang-text"), (CSL_JSON, "csl-json")])
def test_text_formats_detected_from_content(text, fmt):
    assert detect_text_format(text) == fmt


@pytest.mark.parametrize("text", ["跑台运动降低了大鼠脊髓TNF-α的表达。\n\n结论：有效。\n",
                                  "Methods\nTY was the name of a rat.\nRT and T1 mean nothing here.\n",
                                  "# title: a paper\n\n%0 is not a tag inside prose\n"])
def test_papers_are_not_exports(tmp_path, text):
    assert detect_text_format(text) is None
    (raw,) = records(write(tmp_path, "paper.txt", text))
    assert raw.format == "txt" and raw.record is None


def test_format_option_overrides_detection(tmp_path):
    path = write(tmp_path, "odd.dat.txt", MEDLINE)
    (first, _) = records(path)
    assert first.record.fmt == "medline"
    (raw,) = records(path, fmt="txt")
    assert raw.format == "txt" and raw.record is None


def test_unknown_xml_and_json_are_one_line_errors(tmp_path):
    with pytest.raises(InputError, match=r"note\.xml: an XML file that is not a PubMed, EndNote or Zotero RDF"):
        records(write(tmp_path, "note.xml", "<article><title>x</title></article>"))
    with pytest.raises(InputError, match=r"conf\.json: not a search export"):
        records(write(tmp_path, "conf.json", json.dumps({"debug": True})))


def test_common_rules():
    assert parse_year("2019 Nov-Dec") == 2019 and parse_year("n.d.") is None
    assert language_code("chi") == "zh" and language_code("英文") == "en" and language_code("ger") == "ger"
    assert record_key(pmid="1", doi="10.1/x") == "pmid:1" and record_key(index=4) == "#4"
    assert split_sections("AIM: a. METHODS: b.") == "AIM: a.\n\nMETHODS: b."
    assert split_sections("We used MRI: it helped. Then CT: too.") == "We used MRI: it helped. Then CT: too."
    assert isinstance(RecordError("f.ris", "#2", "why"), InputError)
    assert str(RecordError("f.ris", "#2", "why")).startswith("f.ris: record #2: why")


def test_a_large_text_paper_is_refused_from_its_size_but_a_large_export_is_read(tmp_path):
    from litmine.errors import LimitError
    from litmine.types import Limits
    paper = write(tmp_path, "big.txt", "Treadmill running lowered TNF-α in rats. " * 40_000)
    with pytest.raises(LimitError, match=r"big\.txt: text file is 1\.7 MB, more than the limit of 1 MB"):
        records(paper, limits=Limits(max_text_mb=1))
    export = write(tmp_path, "big-export.txt", "\n".join([MEDLINE] * 300))     # 600 records, 0.6 MB
    got = records(export, limits=Limits(max_text_mb=0.1))
    assert len(got) == 600 and got[0].record.pmid == "39000001"
