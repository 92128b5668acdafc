"""Reference lists: numbered entries split and read (texts written for litmine; the works are fictional)."""
from litmine.pipeline import process_text
from litmine.text.references import parse_references

GBT = """Exercise and spinal TNF-α: a short review

Abstract
Treadmill running reduced TNF-α in the spinal cord of CCI rats [1]. Swimming increased IL-10 in the DRG of SNI mice [2,3].

References
[1] Zhang W, Li Q, Chen H, et al. Treadmill running lowers spinal tumour necrosis factor in nerve-injured rats[J]. Journal of Pain Research, 2019, 12(4): 301-309. DOI: 10.1234/jpr.2019.0301.
[2] Garcia RM, Okafor B. Swimming and interleukin-10 in dorsal root ganglia of mice. Pain Rep. 2021;6(2):e912. doi:10.5555/pr.2021.912
[3] 王明, 刘洋, 赵磊. 有氧运动对糖尿病周围神经病变患者疼痛的影响[J]. 中国康复医学杂志, 2020, 35(7): 812-816.
"""

VANCOUVER = """Exercise after nerve injury

Results
Swimming reduced IL-6 in the DRG of CCI rats [2]. Treadmill exercise reduced mechanical allodynia [1].

References
1. Okafor B, Lindqvist M, Haddad S. Exercise dose and allodynia after sciatic nerve injury. J Neurosci Res. 2018;96(3):410-420.
2. Patel N, Ruiz C. Swimming lowers interleukin-6 in dorsal root ganglia: a 2015 follow-up. Eur J Pain. 2016;20:77-85. doi:10.1002/ejp.2016.77.
3. Smith J, Doe A (2020). Voluntary running in mice. Pain, 161(2), 300-310. https://doi.org/10.1097/j.pain.2020.300
"""


def fields(text):
    pd = process_text(text, "r.txt")
    refs = parse_references(pd.document)
    for r in refs:
        assert pd.document.text[r.start:r.end].endswith(r.text[-10:])      # offsets point at the entry
    return [(r.number, r.authors, r.year, r.title, r.doi) for r in refs]


def test_gbt_7714_entries():
    assert fields(GBT) == [
        ("1", "Zhang W, Li Q, Chen H, et al", 2019,
         "Treadmill running lowers spinal tumour necrosis factor in nerve-injured rats", "10.1234/jpr.2019.0301"),
        ("2", "Garcia RM, Okafor B", 2021, "Swimming and interleukin-10 in dorsal root ganglia of mice",
         "10.5555/pr.2021.912"),
        ("3", "王明, 刘洋, 赵磊", 2020, "有氧运动对糖尿病周围神经病变患者疼痛的影响", ""),
    ]


def test_vancouver_and_author_year_entries():
    assert fields(VANCOUVER) == [
        ("1", "Okafor B, Lindqvist M, Haddad S", 2018, "Exercise dose and allodynia after sciatic nerve injury", ""),
        # the year is the publication's, not the one in the title
        ("2", "Patel N, Ruiz C", 2016, "Swimming lowers interleukin-6 in dorsal root ganglia: a 2015 follow-up",
         "10.1002/ejp.2016.77"),
        ("3", "Smith J, Doe A", 2020, "Voluntary running in mice", "10.1097/j.pain.2020.300"),
    ]


def test_numbers_inside_an_entry_do_not_start_one_and_no_list_means_none():
    text = VANCOUVER.replace("J Neurosci Res. 2018", "J Neurosci Res. 7. Suppl 2018")
    assert [f[0] for f in fields(text)] == ["1", "2", "3"]
    assert fields("Treadmill running reduced TNF-α in CCI rats [1].") == []


IEEE = """Stereo matching on graphics hardware

Results
Cost aggregation with adaptive weights gave the best accuracy [2].

References
[1] K. Okafor and M.-L. Lindqvist, “Treadmill running and spinal cytokines in nerve-injured rats,” Journal of Pain Research, vol. 12, no. 4, pp. 301–309, 2019.
[2] R. M. Garcia, B. Okafor, and S. Haddad, “Swimming and interleukin-10,” in Proc. Pain Meeting, 2021, pp. 1–8.
[3] A. de Souza. Walking programmes for older adults. Pain Rep. 2017;2:e600.
"""


def test_initials_first_entries_end_their_authors_at_the_quoted_title():
    assert fields(IEEE) == [
        ("1", "K. Okafor and M.-L. Lindqvist", 2019, "Treadmill running and spinal cytokines in nerve-injured rats", ""),
        ("2", "R. M. Garcia, B. Okafor, and S. Haddad", 2021, "Swimming and interleukin-10", ""),
        ("3", "A. de Souza", 2017, "Walking programmes for older adults", ""),
    ]
