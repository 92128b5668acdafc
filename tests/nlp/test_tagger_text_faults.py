"""Text faults of extracted PDFs in the tagger: a space inside a name, citation digits fused onto a term."""
import pytest

from litmine.nlp.tagger import repair_view
from litmine.pipeline import process_text


def names(text):
    return {(m.text, m.name) for m in process_text(text).mentions if m.source != "protocol"}


@pytest.mark.parametrize("text, expected", [
    ("Swimming lowered TNF- α in the cord.", ("TNF- α", "TNF-α")),
    ("Swimming raised IL- 10 in the cord.", ("IL- 10", "IL-10")),
    ("Swimming lowered IL -6 in the cord.", ("IL -6", "IL-6")),
    ("Swimming lowered TNF - α in the cord.", ("TNF - α", "TNF-α")),
    ("Swimming damped NF-κ B activation.", ("NF-κ B", "NF-κB")),
    ("游泳降低了脊髓TNF- α的表达。", ("TNF- α", "TNF-α")),
    ("游泳提高了IL- 10的水平。", ("IL- 10", "IL-10")),
])
def test_space_inside_a_name_keeps_the_whole_mention(text, expected):
    assert expected in names(text)


@pytest.mark.parametrize("text, expected", [
    ("Running helped rats after SNI15–17 and raised BDNF12,13 in the DRG.", {("SNI", "SNI"), ("BDNF", "BDNF")}),
    ("跑台运动提高了BDNF12,13的表达。", {("BDNF", "BDNF")}),
])
def test_citation_digits_fused_onto_a_term(text, expected):
    assert expected <= names(text)


@pytest.mark.parametrize("text, expected", [
    ("Running lowered IL10 and CD68 and Hsp72.", {("IL10", "IL-10"), ("CD68", "CD68"), ("Hsp72", "Hsp72")}),
])
def test_symbols_that_end_in_digits_stay_whole(text, expected):
    assert expected <= names(text)


def test_view_maps_back_to_the_original():
    view, index = repair_view("a TNF- α b")
    assert view == "a TNF-α b" and len(index) == len(view) + 1
    assert [index[i] for i in range(len(view))] == [0, 1, 2, 3, 4, 5, 7, 8, 9]
    view, _ = repair_view("SNI15–17 rats", known=lambda f: f == "SNI")
    assert view == "SNI      rats"


def test_protocol_parts_keep_their_offsets_next_to_a_repair():
    pd = process_text("For 6 weeks swimming lowered IL -6 levels.")
    dur = [m for m in pd.mentions if m.label == "DURATION"]
    assert dur and dur[0].text == "6 weeks"


@pytest.mark.parametrize("text, concept, written", [
    ("Swimming lowered IL-1ß in the DRG of SNL rats.", "IL-1β", "IL-1ß"),
    ("Serum TGF-ß1 rose after resistance training.", "TGF-β1", "TGF-ß1"),
    ("Running raised ß-endorphin in the PAG.", "β-endorphin", "ß-endorphin"),
    ("游泳降低了SNL大鼠背根神经节IL-1ß的表达。", "IL-1β", "IL-1ß"),
])
def test_a_sharp_s_written_for_beta(text, concept, written):
    found = [(m.name, m.text) for m in process_text(text).mentions]
    assert (concept, written) in found


@pytest.mark.parametrize("text, expected", [
    ("Swimming raised IL-4, -10 and -13 in the spinal cord.", ["IL-4", "IL-10", "IL-13"]),
    ("Running lowered MMP-2 and -9 after nerve injury.", ["MMP-2", "MMP-9"]),
    ("Training lowered IL-1α and -β in serum.", ["IL-1α", "IL-1β"]),
    ("运动降低了血清IL-1β和-6的水平。", ["IL-1β", "IL-6"]),
    # a dash before a number that is no symbol member
    ("Training lowered IL-6 (-10%) in serum.", ["IL-6"]),
])
def test_dash_led_members_of_a_symbol_list(text, expected):
    names = [m.name for m in process_text(text).mentions if m.label in ("CYTOKINE", "ENZYME", "GENE_OR_PROTEIN")]
    assert names == expected


@pytest.mark.parametrize("text", ["八段锦练习提高了老年人的下肢力量。", "Circuit training raised lower-body strength in older women."])
def test_limb_strength_is_muscle_strength(text):
    assert [(r.target, r.direction) for r in process_text(text).relations] == [("muscle strength", "increase")]
