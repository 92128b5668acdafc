"""Table reconstruction (text/tables.py) on small study tables written for litmine (the studies are
fictional): header columns in either language, rows found at study cells, cells cut by the column
structure however the lines were broken."""
import pytest

from litmine.pipeline import process_text
from litmine.text.tables import (document_tables, expand_refs, header_columns, merge_row_lines, parse_legend,
                                 parse_study_cell,
                                 reconstruct_table, row_spans, split_arms, split_cells)

# An English table as a PDF extractor gives it: cells wrapped over lines, rows broken anywhere.
EN_TABLE = """Study Design Participants n Intervention Duration Frequency Intensity Control Outcomes
Okafor et al.
2015 [3] RCT Older adults with
knee osteoarthritis 40 Aquatic
exercise 12 weeks 3 sessions/week,
45 min/session 60-70% HRmax Usual care Pain↓,
WOMAC↓
Lindqvist and Haddad 2019 [4] Pilot RCT Breast cancer survivors 24
Resistance training 8 weeks 2 sessions/week moderate Waitlist Fatigue↓, strength↑
Ruiz (2021) [5] Randomized controlled trial Adults with type 2 diabetes 60 Walking and
stretching 6 months daily, 30 min/day 3-5 RPE No exercise HbA1c↓, pain intensity↓
OA: osteoarthritis; RPE: rating of perceived exertion; HRmax: maximal heart rate.
"""

# A Chinese table: bilingual-free header, Chinese cells, a legend.
ZH_TABLE = """研究 诊断 运动方式 干预时间 运动频率 运动强度 结果
王明等 2019[12] 2型糖尿病 有氧运动 12周 每周3次, 每次40 min 60%~70%最大心率 血糖↓, HbA1c↓
李红等 2021[13] 膝骨关节炎
抗阻训练 8周 每周2次 中等强度 疼痛↓, 功能↑
赵磊等 2020[14] 脑卒中 太极拳 3个月 每天1次, 每次60 min 未报告 平衡↑
HbA1c: 糖化血红蛋白; 1-RM: 一次最大重复力量。
"""


def test_header_roles_english():
    cols = header_columns(EN_TABLE.splitlines()[0])
    assert [c.role for c in cols] == ["study", "design", "population", "n", "exercise", "duration", "volume",
                                      "intensity", "comparison", "outcome"]


def test_header_bilingual_labels_run_together_are_one_column_each():
    cols = header_columns("作者Author疾病Disease干预措施Intervention疗程Duration结局Outcome")
    assert [(c.role, c.label) for c in cols] == [
        ("study", "作者Author"), ("population", "疾病Disease"), ("exercise", "干预措施Intervention"),
        ("duration", "疗程Duration"), ("outcome", "结局Outcome")]


def test_header_chinese():
    assert [c.role for c in header_columns("研究 诊断 运动方式 干预时间 运动频率 运动强度 结果")] == [
        "study", "population", "exercise", "duration", "volume", "intensity", "outcome"]


@pytest.mark.parametrize("cell, expected", [
    ("NADI 2019[26]", ("NADI", 2019, ["26"])),
    ("Okafor et al. 2015 [3]", ("Okafor", 2015, ["3"])),
    ("Lindqvist and Haddad 2019 [4]", ("Lindqvist", 2019, ["4"])),
    ("Ruiz (2021) [5-7]", ("Ruiz", 2021, ["5", "6", "7"])),
    ("van Dijk 2012", ("van Dijk", 2012, [])),
    ("王明等 2019[12]", ("王明", 2019, ["12"])),
    ("Diagnosis", ("Diagnosis", None, [])),
])
def test_study_cell(cell, expected):
    assert parse_study_cell(cell) == expected


def test_expand_refs():
    assert expand_refs("[4-6, 9]") == ["4", "5", "6", "9"]
    assert expand_refs("[1-900]") == ["1", "900"]


def test_rows_start_at_study_cells_whatever_the_line_breaks():
    header_end, spans, legend = row_spans(EN_TABLE)
    assert EN_TABLE[:header_end].startswith("Study Design")
    assert [EN_TABLE[a:b].split()[0] for a, b in spans] == ["Okafor", "Lindqvist", "Ruiz"]
    assert EN_TABLE[legend:].startswith("OA: osteoarthritis")


def test_english_cells():
    t = reconstruct_table(EN_TABLE)
    assert [(r.author, r.year, r.refs) for r in t.rows] == [("Okafor", 2015, ["3"]), ("Lindqvist", 2019, ["4"]),
                                                            ("Ruiz", 2021, ["5"])]
    first, second, third = (r.cells for r in t.rows)
    assert first == {"study": "Okafor et al. 2015 [3]", "design": "RCT",
                     "population": "Older adults with knee osteoarthritis", "n": "40", "exercise": "Aquatic exercise",
                     "duration": "12 weeks", "volume": "3 sessions/week, 45 min/session", "intensity": "60-70% HRmax",
                     "comparison": "Usual care", "outcome": "Pain↓, WOMAC↓"}
    assert (second["design"], second["population"], second["n"], second["exercise"], second["intensity"],
            second["comparison"], second["outcome"]) == (
        "Pilot RCT", "Breast cancer survivors", "24", "Resistance training", "moderate", "Waitlist",
        "Fatigue↓, strength↑")
    assert (third["design"], third["exercise"], third["duration"], third["volume"], third["intensity"],
            third["comparison"], third["outcome"]) == (
        "Randomized controlled trial", "Walking and stretching", "6 months", "daily, 30 min/day", "3-5 RPE",
        "No exercise", "HbA1c↓, pain intensity↓")
    assert t.legend["RPE"] == ["rating of perceived exertion"]


def test_chinese_cells():
    t = reconstruct_table(ZH_TABLE)
    assert [(r.author, r.year, r.refs) for r in t.rows] == [("王明", 2019, ["12"]), ("李红", 2021, ["13"]),
                                                            ("赵磊", 2020, ["14"])]
    cells = [r.cells for r in t.rows]
    assert cells[0] == {"study": "王明等 2019[12]", "population": "2型糖尿病", "exercise": "有氧运动", "duration": "12周",
                        "volume": "每周3次, 每次40 min", "intensity": "60%~70%最大心率", "outcome": "血糖↓, HbA1c↓"}
    assert [(c["population"], c["exercise"], c["duration"], c["intensity"], c["outcome"]) for c in cells[1:]] == [
        ("膝骨关节炎", "抗阻训练", "8周", "中等强度", "疼痛↓, 功能↑"),
        ("脑卒中", "太极拳", "3个月", "未报告", "平衡↑")]
    assert t.legend == {"HbA1c": ["糖化血红蛋白"], "1-RM": ["一次最大重复力量"]}


def test_missing_cell_is_empty_and_the_next_column_still_found():
    # no intensity printed: the volume cell ends where the outcome starts
    cells = split_cells("Smith 2018 [2] Stroke Treadmill 4 weeks 5 sessions/week Gait speed↑",
                        ["study", "population", "exercise", "duration", "volume", "intensity", "outcome"])
    assert cells == {"study": "Smith 2018 [2]", "population": "Stroke", "exercise": "Treadmill",
                     "duration": "4 weeks", "volume": "5 sessions/week", "intensity": "", "outcome": "Gait speed↑"}


def test_intensity_after_a_comma_stays_in_the_volume_cell():
    cells = split_cells("Smith 2018 [2] 3 sets, 70% 1RM moderate Strength↑", ["study", "volume", "intensity", "outcome"])
    assert (cells["volume"], cells["intensity"]) == ("3 sets, 70% 1RM", "moderate")


def test_legend_in_two_languages():
    legend = parse_legend("CP: 慢性疼痛; RT: 抗阻训练。\nCP: chronic pain; RT: resistance training.")
    assert legend == {"CP": ["慢性疼痛", "chronic pain"], "RT": ["抗阻训练", "resistance training"]}


def test_not_a_study_table():
    assert reconstruct_table("Cytokine Baseline Week 4\nTNF-α 12.1 8.3\nIL-6 4.2 3.9") is None


def test_document_tables_from_a_cleaned_document_and_continued_table():
    text = ("Exercise and pain: a short review\n\nTable 1 Exercise trials in chronic pain\n\n"
            + EN_TABLE + "\nTreadmill running reduced pain in all trials, as the table shows in detail for each "
            "study and each outcome measured by the trial teams.\n")
    pd = process_text(text, "review.txt")
    tables = document_tables(pd.document)
    assert len(tables) == 1
    t = tables[0]
    assert t.caption.startswith("Table 1")
    assert [r.author for r in t.rows] == ["Okafor", "Lindqvist", "Ruiz"]
    row = t.rows[0]
    assert pd.document.text[row.start:row.end].startswith("Okafor et al.")
    # a block without its own header takes the columns given
    cont = reconstruct_table("Patel 2017 [8] RCT Adults with low back pain 30 Pilates 8 weeks 2 sessions/week "
                             "moderate Usual care Pain↓", columns=t.columns)
    assert cont.rows[0].cells["exercise"] == "Pilates"
    assert cont.rows[0].cells["comparison"] == "Usual care"


def test_large_table_in_linear_time():
    """1,400 rows (about 180,000 characters, near MAX_TABLE_CHARS) rebuild in well under the time of a document."""
    import time

    from litmine.text.tables import MAX_TABLE_CHARS
    rows = "\n".join(f"Ok{chr(97 + i % 26)}{chr(97 + i // 26 % 26)}for {1990 + i % 30} [{i + 1}] RCT Adults with knee "
                     f"OA {20 + i % 50} Aquatic exercise {4 + i % 9} weeks 3 sessions/week, 45 min/session 60-70% "
                     "HRmax Usual care Pain↓" for i in range(1400))
    text = EN_TABLE.splitlines()[0] + "\n" + rows
    assert 0.8 * MAX_TABLE_CHARS < len(text) <= MAX_TABLE_CHARS
    t0 = time.process_time()
    table = reconstruct_table(text)
    assert time.process_time() - t0 < 5
    assert len(table.rows) == 1400
    assert table.rows[1399].cells["duration"] == f"{4 + 1399 % 9} weeks" and table.rows[1399].refs == ["1400"]
    assert reconstruct_table(text + "\n" + rows) is None          # past the limit: not read as a table


# Rows as a PDF reader gives them when it reads across the table: the first line holds the first
# line of every cell, the next line the rest of the cells that wrap.
@pytest.mark.parametrize("lines, roles, expected", [
    (["Okafor et al. 2015 RCT Older adults with knee Aquatic exercise 12 weeks 3 sessions/week, 45 60-70% HRmax "
      "Pain↓, WOMAC↓", "[1] osteoarthritis min/session"],
     ["study", "design", "population", "exercise", "duration", "volume", "intensity", "outcome"],
     {"study": "Okafor et al. 2015 [1]", "population": "Older adults with knee osteoarthritis",
      "volume": "3 sessions/week, 45 min/session", "intensity": "60-70% HRmax", "outcome": "Pain↓, WOMAC↓"}),
    (["Patel 2017 [4] RCT Adults with chronic low Pilates and 8 weeks 2 sessions/week, 50 moderate to Pain↓, "
      "disability↓,", "back pain walking min/session vigorous quality of life↑"],
     ["study", "design", "population", "exercise", "duration", "volume", "intensity", "outcome"],
     {"population": "Adults with chronic low back pain", "exercise": "Pilates and walking",
      "intensity": "moderate to vigorous", "outcome": "Pain↓, disability↓ quality of life↑"}),
    (["王明等 2019[12] 2型糖尿病伴 有氧运动 12周 每周3次, 每次 60%~70% 血糖↓,", "周围神经病变 40 min 最大心率 HbA1c↓"],
     ["study", "population", "exercise", "duration", "volume", "intensity", "outcome"],
     {"population": "2型糖尿病伴周围神经病变", "exercise": "有氧运动", "volume": "每周3次, 每次 40 min",
      "intensity": "60%~70% 最大心率", "outcome": "血糖↓ HbA1c↓"}),
])
def test_rows_read_across_their_cells_are_put_back_in_cell_order(lines, roles, expected):
    cells = split_cells(merge_row_lines(lines, roles), roles)
    assert {k: cells[k] for k in expected} == expected


def test_rows_read_cell_by_cell_are_left_as_they_are():
    roles = ["study", "population", "exercise", "duration", "volume", "intensity", "outcome"]
    assert merge_row_lines(["Smith 2019 [3] DPN", "Aerobic and", "resistance", "12 W 3 times/W"], roles) is None
    assert merge_row_lines(["SMITH", "2019[3] DPN Aerobic 12 W 3 times/W 60% HRR Pain↓"], roles) is None


def test_a_row_with_a_second_arm():
    roles = ["study", "population", "exercise", "duration", "volume", "intensity", "outcome"]
    first, second = split_arms("Smith 2018 [2] Stroke HIIT 8 weeks 3 sessions/week 85-95% HRmax Gait speed↑ "
                               "MICT 8 weeks 3 sessions/week 60-70% HRmax Gait speed→", roles)
    assert (first["exercise"], first["intensity"], first["outcome"]) == ("HIIT", "85-95% HRmax", "Gait speed↑")
    assert second == {"study": "Smith 2018 [2]", "population": "Stroke", "exercise": "MICT", "duration": "8 weeks",
                      "volume": "3 sessions/week", "intensity": "60-70% HRmax", "outcome": "Gait speed→"}
    # an exercise named inside the outcomes, with no protocol after it, is no arm
    assert len(split_arms("Lee 2020 [5] DPN Aerobic 12 W 3 times/W 60% HRR Pain↓: HIIT>moderate", roles)) == 1


def test_rows_keyed_by_citation_number_only():
    t = reconstruct_table("文献 诊断 运动方式 干预时间 结果\n[12] 2型糖尿病 有氧运动 12周 血糖↓\n[13] 膝骨关节炎 太极拳 8周 疼痛↓, 功能↑")
    assert [(r.author, r.year, r.refs, r.cells["population"], r.cells["exercise"], r.cells["duration"],
             r.cells["outcome"]) for r in t.rows] == [
        ("", None, ["12"], "2型糖尿病", "有氧运动", "12周", "血糖↓"),
        ("", None, ["13"], "膝骨关节炎", "太极拳", "8周", "疼痛↓, 功能↑")]
    assert parse_study_cell("[12]") == ("", None, ["12"])
    # a citation number inside a cell does not start a row
    assert len(reconstruct_table("Study Diagnosis Exercise Duration Outcomes\n"
                                 "Lee 2020 [3] Stroke Walking 6 weeks Balance↑ as in [4] Gait↑").rows) == 1
