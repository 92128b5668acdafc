"""Constructions of English results sentences met in real abstracts by other authors, in sentences written for
litmine: a target named before a 'showed a significant increase' with where and in whom it was measured in between;
trial arms coded in square brackets; suspended hyphens that name two models ("formalin- and nerve injury-induced")."""
from litmine.pipeline import process_text


def rels(text):
    return {(r.exercise, r.direction, r.target) for r in process_text(text, "t.txt").relations}


def test_tissue_and_species_between_a_target_and_its_noun_of_change_do_not_part_them():
    assert rels("The expression of BDNF in the spinal dorsal horn of swimming mice showed a significant increase "
                "compared with sedentary mice.") == {("swimming", "increase", "BDNF")}
    assert rels("After treadmill training, TNF-α in the ipsilateral sciatic nerve of diabetic rats displayed a "
                "marked decrease.") == {("treadmill", "decrease", "TNF-α")}
    assert rels("After swimming, conduction velocity of the deep peroneal nerve showed a significant increase "
                "(P = .001).") == {("swimming", "increase", "nerve conduction velocity")}


def test_a_far_target_in_another_clause_is_still_not_taken():
    found = rels("Treadmill running raised IL-10, measured in the serum and in the sciatic nerve of the rats which "
                 "later showed a decrease of their allodynia.")
    assert ("treadmill", "decrease", "IL-10") not in found, found
