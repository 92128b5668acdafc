"""The studies table: study-table rows, cited studies and a document's own study, stored at
ingest and exported in every table format (texts written for litmine, fictional studies); the
shared seed's Table 1 rebuilt against ../shared/gold/seed_table1.json."""
from __future__ import annotations

import csv
import json
import re
import sqlite3

import pytest

import litmine
from litmine.store.db import connect, schema_version, write_document
from litmine.store.queries import STUDY_COLUMNS, study_rows
from litmine.store.rows import document_rows
from litmine.store.schema import SCHEMA_VERSION

from helpers import SHARED, needs_shared

REVIEW = """Exercise for chronic pain: a review

Table 1 Trials of exercise in chronic pain

Study Design Participants n Intervention Duration Frequency Intensity Control Outcomes
Okafor et al. 2015 [1] RCT Older adults with knee OA 40 Aquatic
exercise 12 weeks 3 sessions/week, 45 min/session 60-70% HRmax Usual care Pain↓, WOMAC↓
Lindqvist 2019 [2] Pilot RCT Breast cancer survivors 24 Resistance
training 8 weeks 2 sessions/week moderate Waitlist Fatigue↓
OA: osteoarthritis; HRmax: maximal heart rate.

Results
Garcia et al. [3] showed that treadmill running for 6 weeks reduced TNF-α in the spinal cord of CCI rats.
Exercise reduced pain in most trials [1,2].

References
[1] Okafor B, Lindqvist M. Aquatic exercise for knee osteoarthritis[J]. Pain Rep, 2015, 1(2): 10-19.
[2] Lindqvist M, Haddad S. Resistance training and fatigue after breast cancer[J]. Eur J Pain, 2019, 23: 5-12.
[3] Garcia RM, Okafor B. Treadmill running and spinal TNF-α in nerve-constricted rats[J]. Pain, 2018, 159: 77-85. DOI: 10.5555/pain.2018.77.
"""

PRIMARY = """跑台运动对CCI大鼠疼痛的影响

结果 6周的跑台运动降低了CCI大鼠脊髓中TNF-α的表达。跑台运动缓解了CCI大鼠的机械痛敏。
"""


@pytest.fixture(scope="module")
def studies_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("studies")
    (folder / "review.txt").write_text(REVIEW, encoding="utf-8")
    (folder / "primary.txt").write_text(PRIMARY, encoding="utf-8")
    db = folder / "s.sqlite"
    litmine.ingest([folder / "review.txt"], db, role="review", strict=True)
    litmine.ingest([folder / "primary.txt"], db, strict=True)
    return db


def rows(db):
    engine = connect(db)
    try:
        return study_rows(engine)
    finally:
        engine.dispose()


def test_table_rows_cited_study_and_own_study(studies_db):
    got = rows(studies_db)
    assert [(r["source"], r["study"], r["doc"]) for r in got] == [
        ("table", "Okafor 2015 [1]", "review.txt"), ("table", "Lindqvist 2019 [2]", "review.txt"),
        ("citation", "Garcia 2018 [3]", "review.txt"), ("document", "primary.txt", "primary.txt")]
    okafor, lindqvist, garcia, own = got
    assert (okafor["design"], okafor["population"], okafor["population_terms"], okafor["species"], okafor["n"],
            okafor["exercise"], okafor["duration_weeks"], okafor["sessions_per_week"], okafor["minutes_min"],
            okafor["intensity_low"], okafor["intensity_high"], okafor["intensity_unit"], okafor["comparison"],
            okafor["outcomes"]) == ("RCT", "Older adults with knee OA", "osteoarthritis", "human", 40,
                                    "Aquatic exercise", 12.0, 3.0, 45.0, 60.0, 70.0, "%HRmax", "Usual care",
                                    "Pain↓, WOMAC↓")
    assert okafor["cited_title"] == "Aquatic exercise for knee osteoarthritis"
    assert (lindqvist["intensity"], lindqvist["intensity_unit"], lindqvist["comparison"]) == (
        "moderate", "level", "Waitlist")
    # the sentence citing [1,2] together is no single study's; [3] is resolved through the reference list
    assert (garcia["exercise"], garcia["population"], garcia["species"], garcia["duration_weeks"],
            garcia["outcomes"], garcia["cited_doi"]) == ("treadmill", "CCI", "rat", 6.0, "TNF-α↓",
                                                         "10.5555/pain.2018.77")
    assert own["exercise"] == "treadmill" and own["species"] == "rat" and own["duration_weeks"] == 6.0
    assert "TNF-α↓" in own["outcomes"]


def test_studies_api_filters_by_document_and_source(studies_db):
    assert [r["study"] for r in litmine.studies(studies_db, source="table")] == ["Okafor 2015 [1]",
                                                                               "Lindqvist 2019 [2]"]
    assert [r["source"] for r in litmine.studies(studies_db, doc="primary.txt")] == ["document"]
    with pytest.raises(litmine.errors.QueryError, match="nosuch.txt: no such document"):
        litmine.studies(studies_db, doc="nosuch.txt")
    with pytest.raises(ValueError, match="source='rows'"):
        litmine.studies(studies_db, source="rows")


def test_a_review_has_no_own_study_and_a_role_change_shows_it(studies_db, tmp_path):
    db = tmp_path / "copy.sqlite"
    db.write_bytes(studies_db.read_bytes())
    litmine.set_role("primary.txt", "review", db=db)
    assert [r["source"] for r in rows(db)] == ["table", "table", "citation"]


def test_studies_export_in_every_table_format_and_xlsx_equals_csv(studies_db, tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    out = {}
    for fmt in ("csv", "jsonl", "json", "xlsx"):
        out[fmt] = tmp_path / f"studies.{fmt}"
        res = litmine.export(studies_db, table="studies", fmt=fmt, output=out[fmt])
        assert res.count == 4 and res.what == "studies rows"
    with open(out["csv"], encoding="utf-8-sig", newline="") as fh:
        csv_rows = list(csv.reader(fh))
    ws = openpyxl.load_workbook(out["xlsx"], read_only=True).active
    xlsx_rows = [["" if v is None else v for v in row] for row in ws.iter_rows(values_only=True)]
    assert csv_rows[0] == STUDY_COLUMNS
    # the same rows and cells: XLSX keeps numbers as numbers (12.0 reads back as 12), CSV as text
    assert [[_value(v) for v in row] for row in xlsx_rows] == [[_value(v) for v in row] for row in csv_rows]
    assert xlsx_rows[1][STUDY_COLUMNS.index("duration_weeks")] == 12
    jsonl = [json.loads(line) for line in out["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert jsonl == json.loads(out["json"].read_text(encoding="utf-8"))
    assert [r["study"] for r in jsonl] == [r[0] for r in csv_rows[1:]]


def _value(v):
    """A cell as a number when it is one (CSV text "12.0" and XLSX 12 are one value), else text."""
    try:
        return float(v)
    except (TypeError, ValueError):
        return str(v)


def test_cli_export_studies(studies_db, tmp_path):
    from click.testing import CliRunner

    from litmine.cli import cli
    res = CliRunner().invoke(cli, ["export", "--db", str(studies_db), "--table", "studies", "--format", "csv"])
    assert res.exit_code == 0, res.output
    lines = list(csv.DictReader(res.output.splitlines()))
    assert [r["study"] for r in lines] == ["Okafor 2015 [1]", "Lindqvist 2019 [2]", "Garcia 2018 [3]", "primary.txt"]


def test_a_version_5_database_gains_the_studies_table(studies_db, tmp_path):
    db = tmp_path / "v4.sqlite"
    db.write_bytes(studies_db.read_bytes())
    con = sqlite3.connect(db)
    con.execute("DROP TABLE studies")
    con.execute("UPDATE meta SET value = '5' WHERE key = 'schema_version'")
    con.commit()
    con.close()
    engine = connect(db)
    assert schema_version(engine) == SCHEMA_VERSION
    assert study_rows(engine) == []          # documents stored before v6: re-ingest with --force
    engine.dispose()
    litmine.ingest([studies_db.parent / "review.txt"], db, force=True, strict=True)
    assert [r["source"] for r in rows(db)] == ["table", "table", "citation"]


# --------------------------------------------------------------------------- the shared seed's Table 1

GOLD_TABLE = SHARED / "gold" / "seed_table1.json"


def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (s or "").lower())


def _weeks(s: str):
    m = re.match(r"\s*(\d+(?:\.\d+)?)\s*W", s or "")
    return float(m.group(1)) if m else None


@needs_shared
def test_seed_table1_rebuilt(seed_processed, tmp_path):
    """Table 1 of the seed reaches the text scrambled line by line; its rows come back from the
    stored studies table, matched to the hand-made gold by citation number."""
    gold = json.loads(GOLD_TABLE.read_text(encoding="utf-8"))
    engine = connect(tmp_path / "seed.sqlite")
    write_document(engine, document_rows(seed_processed, "review"))
    table = {r["refs"]: r for r in study_rows(engine) if r["source"] == "table"}
    engine.dispose()
    assert len(table) == len(gold) == 12
    hits = {"study": 0, "diagnosis": 0, "type": 0, "duration": 0}
    for g in gold:
        r = table.get(g["ref"], {})
        hits["study"] += _norm(r.get("author")) == _norm(g["study"]) and r.get("year") == g["year"]
        hits["diagnosis"] += r.get("population") == g["diagnosis"]
        hits["type"] += _norm(r.get("exercise")) == _norm(g["type"])
        hits["duration"] += r.get("duration_weeks") == _weeks(g["duration"])
    assert all(n >= 11 for n in hits.values()), hits
    assert {r["species"] for r in table.values()} == {"human"}          # "clinical research" in the caption
    assert table["33"]["intensity_unit"] == "%HRR" and table["33"]["intensity_low"] == 60


# --------------------------------------------------------------------------- studies from the text alone

from litmine.nlp.studies import author_year_citations  # noqa: E402
from litmine.pipeline import process_text  # noqa: E402


@pytest.mark.parametrize("text, expected", [
    ("Okafor et al. (2019) showed that running reduced pain.", [("Okafor", 2019)]),
    ("Running reduced pain (Okafor et al., 2019).", [("Okafor", 2019)]),
    ("Running reduced pain (Okafor 2019; Lindqvist and Haddad, 2020).", [("Okafor", 2019), ("Lindqvist", 2020)]),
    ("王明等(2019)发现跑台运动降低了疼痛。", [("王明", 2019)]),
    ("In 2019, running reduced pain (Table 2).", []),
])
def test_author_year_citations(text, expected):
    assert author_year_citations(text) == expected


def test_author_year_cited_studies_and_a_primary_papers_design_and_n():
    review = process_text(
        "Exercise and neuropathic pain\n\nResults\nGarcia et al. (2018) found that swimming for 4 weeks reduced "
        "IL-6 in the DRG of SNI mice. Treadmill running reduced TNF-α in CCI rats (Okafor and Patel, 2020; "
        "Ruiz, 2021).\n\nIn a randomized controlled trial of 48 patients, aerobic exercise reduced pain [7].\n",
        "review.txt")
    assert [(s.source, s.label, s.exercise, s.population, s.species, s.duration_weeks, s.outcomes)
            for s in review.studies] == [("citation", "Garcia 2018", "swimming", "SNI", "mouse", 4.0, "IL-6↓"),
                                         ("citation", "[7]", "aerobic", "", "human", None, "pain↓")]
    assert (review.studies[1].design, review.studies[1].n) == ("randomized controlled trial", 48)
    paper = process_text(
        "Swimming and pain after nerve injury\n\nMethods\nIn this randomized controlled trial, 36 male rats were "
        "assigned to swimming or sedentary groups.\n\nResults\nSwimming for 6 weeks reduced IL-6 in the DRG of "
        "CCI rats.\n", "paper.txt")
    (own,) = paper.studies
    assert (own.source, own.design, own.n, own.exercise, own.species, own.duration_weeks, own.outcomes) == (
        "document", "randomized controlled trial", 36, "swimming", "rat", 6.0, "IL-6↓")


@pytest.mark.parametrize("authors, surname", [
    ("Hamed K, Li Q", "Hamed"), ("K.-J. Yoon and I.-S. Kweon", "Yoon"), ("van Dijk J, Smit A", "van Dijk"),
    ("王明, 刘洋, 等", "王明"), ("E. Braunwald", "Braunwald"), ("O’Malley KF, Ross SE", "O’Malley"), ("", ""),
])
def test_first_author_surname_of_a_reference(authors, surname):
    from litmine.nlp.studies import _surname
    assert _surname(authors) == surname


# --------------------------------------------------------------------------- a study table in a real PDF

def _unicode_font() -> str:
    """DejaVu Sans as matplotlib ships it (a dependency): a TrueType font with the arrows."""
    from pathlib import Path

    import matplotlib
    path = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"
    if not path.is_file():
        pytest.skip("matplotlib's DejaVu Sans font is missing")
    return str(path)


def test_a_pdf_table_read_across_its_wrapped_cells(tmp_path):
    """A bordered table drawn with cells that wrap: the PDF reader gives each row as lines across
    the cells (first lines of all cells, then the wrapped rest), and the studies come back whole."""
    from fpdf import FPDF
    pdf = FPDF(format="A4", orientation="L")
    pdf.add_font("dv", "", _unicode_font())
    pdf.add_page()
    pdf.set_font("dv", size=12)
    pdf.multi_cell(0, 6, "Exercise for chronic pain: a short review of trials. Exercise reduced pain in most trials.")
    pdf.ln(4)
    pdf.cell(0, 6, "Table 1 Trials of exercise in chronic pain", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("dv", size=9)
    widths = [32, 18, 40, 30, 22, 45, 35, 30]
    for cells in (["Study", "Design", "Participants", "Intervention", "Duration", "Frequency", "Intensity", "Outcomes"],
                  ["Okafor et al. 2015 [1]", "RCT", "Older adults with knee osteoarthritis", "Aquatic exercise",
                   "12 weeks", "3 sessions/week, 45 min/session", "60-70% HRmax", "Pain↓, WOMAC↓"],
                  ["Lindqvist 2019 [2]", "Pilot RCT", "Breast cancer survivors", "Resistance and balance training",
                   "8 weeks", "2 sessions/week", "moderate", "Fatigue↓"],
                  ["Ruiz 2021 [3]", "RCT", "Adults with type 2 diabetes", "Walking", "6 months", "daily, 30 min/day",
                   "3-5 RPE", "HbA1c↓, pain↓"]):
        for w, c in zip(widths, cells):
            pdf.multi_cell(w, 5, c, border=1, new_x="RIGHT", new_y="TOP")
        pdf.ln(16)
    pdf.set_font("dv", size=12)
    pdf.multi_cell(0, 6, "Treadmill running reduced pain in all trials, and the effects lasted for the follow-up "
                         "period of every trial in the table.")
    path = tmp_path / "trials.pdf"
    pdf.output(str(path))
    from litmine.io import read_path
    raw = read_path(path)
    assert "[1] osteoarthritis min/session" in raw.text      # the reader's lines cross the cells
    from litmine.pipeline import process
    got = [(s.label, s.design, s.population, s.exercise, s.duration_weeks, s.sessions_per_week, s.minutes_min,
            s.intensity_low, s.intensity_high, s.intensity_unit, s.outcomes) for s in process(raw).studies]
    assert got == [
        ("Okafor 2015 [1]", "RCT", "Older adults with knee osteoarthritis", "Aquatic exercise", 12.0, 3.0, 45.0,
         60.0, 70.0, "%HRmax", "Pain↓, WOMAC↓"),
        ("Lindqvist 2019 [2]", "Pilot RCT", "Breast cancer survivors", "Resistance and balance training", 8.0, 2.0,
         None, 2.0, 2.0, "level", "Fatigue↓"),
        ("Ruiz 2021 [3]", "RCT", "Adults with type 2 diabetes", "Walking", 25.71, 7.0, 30.0, 3.0, 5.0, "RPE",
         "HbA1c↓, pain↓")]


def test_a_records_own_study_is_named_by_its_first_author_and_year(tmp_path):
    """A document read from a bibliographic record (RIS written for litmine): its own study is
    'Okafor 2020', from the record's authors and year."""
    ris = tmp_path / "export.ris"
    ris.write_text("TY  - JOUR\nAU  - Okafor, Bola\nAU  - Lindqvist, Maria\nPY  - 2020\n"
                   "TI  - Swimming and interleukin-6 after nerve injury\n"
                   "AB  - Swimming for 6 weeks reduced IL-6 in the DRG of CCI rats.\nER  - \n", encoding="utf-8")
    db = tmp_path / "r.sqlite"
    litmine.ingest([ris], db, strict=True)
    (own,) = litmine.studies(db)
    assert (own["source"], own["study"], own["author"], own["year"], own["exercise"], own["outcomes"]) == (
        "document", "Okafor 2020", "Okafor", 2020, "swimming", "IL-6↓")


def test_a_cited_study_links_to_its_stored_document(tmp_path):
    """A review lists Okafor 2015 in its table and cites [3] Garcia 2018 (DOI 10.5555/pain.2018.77);
    records of both papers are ingested: the studies table says which stored document each study is
    (by DOI, else by first author and year)."""
    discussion = "\n\nDiscussion\n" + " ".join(
        f"Trial {i} of the review followed its participants for a season and reported adherence." for i in range(80))
    review = tmp_path / "review.txt"      # its references start past the first page (litmine reads a DOI there)
    review.write_text(REVIEW.replace("\n\nReferences", discussion + "\n\nReferences"), encoding="utf-8")
    ris = tmp_path / "papers.ris"
    ris.write_text("TY  - JOUR\nAU  - García, Rosa M.\nPY  - 2018\nTI  - Treadmill running and spinal TNF-α\n"
                   "DO  - https://doi.org/10.5555/PAIN.2018.77\nAB  - Treadmill running reduced TNF-α in rats.\n"
                   "ER  - \nTY  - JOUR\nAU  - Okafor, Bola\nAU  - Lindqvist, Maria\nPY  - 2015\n"
                   "TI  - Aquatic exercise for knee osteoarthritis\nAB  - Aquatic exercise reduced knee pain.\n"
                   "ER  - \n", encoding="utf-8")
    db = tmp_path / "linked.sqlite"
    litmine.ingest([review], db, role="review", strict=True)
    litmine.ingest([ris], db, strict=True)
    linked = {r["study"]: r["stored_as"] for r in litmine.studies(db, doc="review.txt")}
    assert linked == {"Okafor 2015 [1]": "Okafor et al. 2015", "Lindqvist 2019 [2]": None,
                      "Garcia 2018 [3]": "García 2018"}          # by DOI: the record spells the name otherwise


def test_a_table_row_with_two_arms_is_one_study():
    pd = process_text("Exercise after stroke: a review\n\nTable 1 Trials of exercise after stroke\n\n"
                      "Study Diagnosis Exercise Duration Frequency Intensity Outcomes\n"
                      "Smith 2018 [2] Stroke HIIT 8 weeks 3 sessions/week 85-95% HRmax Gait speed↑\n"
                      "MICT 8 weeks 3 sessions/week 60-70% HRmax Gait speed→\n"
                      "Lee 2020 [3] Stroke Walking 6 weeks 5 sessions/week moderate Balance↑\n", "stroke.txt")
    table = [s for s in pd.studies if s.source == "table"]
    assert [(s.label, s.exercise, s.duration, s.intensity, s.intensity_low, s.outcomes) for s in table] == [
        ("Smith 2018 [2]", "HIIT; MICT", "8 weeks", "85-95% HRmax; 60-70% HRmax", 85.0,
         "HIIT: Gait speed↑; MICT: Gait speed→"),
        ("Lee 2020 [3]", "Walking", "6 weeks", "moderate", 2.0, "Balance↑")]


def test_a_table_keyed_by_citation_numbers_takes_authors_from_the_reference_list():
    pd = process_text("运动干预糖尿病周围神经病变的研究进展\n\n表1 纳入研究的特征\n\n"
                      "文献 诊断 运动方式 干预时间 结果\n[1] 2型糖尿病 有氧运动 12周 血糖↓\n[2] 膝骨关节炎 太极拳 8周 疼痛↓\n\n"
                      "参考文献\n[1] 王明, 刘洋. 有氧运动对2型糖尿病患者血糖的影响[J]. 中国康复医学杂志, 2020, 35(7): 812-816.\n"
                      "[2] Okafor B, Lindqvist M. Tai chi for knee osteoarthritis[J]. Pain Rep, 2018, 3: 10-19.\n",
                      "zh_review.txt")
    assert [(s.label, s.population, s.exercise, s.duration_weeks, s.outcomes, s.cited_title[:4])
            for s in pd.studies if s.source == "table"] == [
        ("王明 2020 [1]", "2型糖尿病", "有氧运动", 12.0, "血糖↓", "有氧运动"),
        ("Okafor 2018 [2]", "膝骨关节炎", "太极拳", 8.0, "疼痛↓", "Tai ")]


def test_author_year_citations_are_memoised_but_each_call_gets_its_own_list():
    text = "Running lowered IL-6 (Smith et al., 2019), as 王明等(2020)报道."
    first = author_year_citations(text)
    assert first == [("Smith", 2019), ("王明", 2020)]
    first.append(("Lee", 2001))  # a caller's change reaches no later call
    assert author_year_citations(text) == [("Smith", 2019), ("王明", 2020)]
