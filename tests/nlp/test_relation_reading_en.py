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


ARMS = ("Male rats were assigned to four groups: normoglycemic sedentary [NS], normoglycemic trained [NT], "
        "hyperglycemic sedentary [hyperglycemic sedentary (HS)] and hyperglycemic trained [hyperglycemic trained (HT)]. ")


def test_arm_codes_in_square_brackets_name_the_trained_arm_of_the_next_sentence_exercise():
    found = rels(ARMS + "The trained groups performed treadmill exercise for 8 weeks. Spinal TNF-α was lower in HT "
                 "than in HS rats, and the paw withdrawal threshold of HT rats was higher than that of HS rats.")
    assert found == {("treadmill", "decrease", "TNF-α"), ("treadmill", "increase", "paw withdrawal threshold")}, found


def test_a_trained_arm_without_a_named_modality_is_generic_exercise():
    found = rels(ARMS.replace("[", "(").replace("]", ")") + "Spinal TNF-α was lower in HT than in HS rats.")
    assert found == {("exercise", "decrease", "TNF-α")}, found


def test_the_sedentary_arms_changes_are_not_the_exercises():
    found = rels(ARMS + "The trained groups performed treadmill exercise for 8 weeks. HS rats had a lower paw "
                 "withdrawal threshold than NS rats.")
    assert found == set(), found


def models(text):
    return {(r.target, r.model) for r in process_text(text, "t.txt").relations}


def test_two_diseases_of_one_population_are_not_two_models():
    assert models("Aerobic training reduced HbA1c in men with type 2 diabetes and peripheral neuropathy.") == \
        {("HbA1c", "type 2 diabetes")}
    assert models("Swimming reduced pain in CCI rats with neuropathic pain.") == {("pain", "CCI")}


def test_causative_verbs_state_an_increase():
    assert rels("Early treadmill exercise causes allodynia in spinal cord injured rats.") == \
        {("treadmill", "increase", "mechanical allodynia")}
    assert rels("Excessive treadmill walking provoked mechanical allodynia in diabetic rats.") == \
        {("treadmill", "increase", "mechanical allodynia")}
    assert rels("Exercise training triggered thermal hyperalgesia in healthy mice.") == \
        {("exercise", "increase", "thermal hyperalgesia")}


def test_a_condition_caused_by_an_injury_is_no_exercise_effect():
    assert rels("Swimming reduced the allodynia caused by nerve injury.") == \
        {("swimming", "decrease", "mechanical allodynia")}
    assert rels("Nerve injury caused allodynia, and swimming reversed it.") == \
        {("swimming", "decrease", "mechanical allodynia")}


def test_a_prepositional_aside_after_a_comma_is_no_list_item():
    assert rels("Treadmill exercise precipitates neuropathic pain, especially in diabetic conditions.") == \
        {("treadmill", "increase", "neuropathic pain")}
    assert rels("Swimming lowered IL-6, particularly during the early phase of neuropathy.") == \
        {("swimming", "decrease", "IL-6")}
    assert rels("Swimming reduced TNF-α, IL-1β and IL-6 in the spinal cord.") == \
        {("swimming", "decrease", "TNF-α"), ("swimming", "decrease", "IL-1β"), ("swimming", "decrease", "IL-6")}


def test_parallel_in_phrases_stay_one_list():
    found = rels("The trained rats showed an increase in axon diameter, in myelin thickness and in the number of "
                 "myelinated fibers.")
    assert {t for _, _, t in found} == {"axon diameter", "myelin thickness", "number of myelinated fibers"}, found


def rows(text):
    return {(r.exercise, r.direction, r.target, r.negated) for r in process_text(text, "t.txt").relations}


def test_an_antagonist_that_leaves_the_exercise_analgesia_unchanged_shows_the_analgesia():
    assert rows("The naloxone pre-treatment did not alter the antinociception induced by aerobic exercise "
                "protocols.") == {("aerobic", "decrease", "pain", False)}
    assert rows("Naloxone did not block the analgesic effect of treadmill running in CCI rats.") == \
        {("treadmill", "decrease", "pain", False)}


def test_an_antagonist_reversing_the_analgesia_of_an_exercise_named_after_it():
    assert rows("Intrathecal naloxone reversed the antinociceptive effect of voluntary wheel running in mice.") == \
        {("voluntary wheel running", "decrease", "pain", False)}


def test_an_antagonist_without_effect_on_a_measure_gives_no_exercise_relation():
    assert rows("Naloxone had no effect on the paw withdrawal threshold of exercised rats.") == set()


def test_the_evidence_of_a_change_is_a_clause_of_its_own():
    # the change's own target is untagged: the measure given as evidence is not the object of "fewer"
    assert rels("Trained mice showed fewer signs of the disorder, as shown by a superior grip strength.") == set()
    assert rels("Swimming reduced neuropathy, as shown by an increase in SNCV.") == \
        {("swimming", "decrease", "peripheral neuropathy"), ("swimming", "increase", "SNCV")}


def test_an_improved_risk_of_falling_is_fewer_falls_whatever_its_place_in_the_list():
    assert rels("Circuit training improved balance and risk of falling in diabetic patients.") == \
        {("circuit training", "increase", "balance function"), ("circuit training", "decrease", "accidental falls")}


def test_undoing_a_loss_is_an_increase_for_every_undoing_verb_and_plural_noun():
    assert rels("Voluntary running abrogated paclitaxel-induced reductions in cellular proliferation.") == \
        {("voluntary wheel running", "increase", "Cell Proliferation")}
    assert rels("Swimming attenuated the decreases in IENFD.") == \
        {("swimming", "increase", "intraepidermal nerve fiber density")}
    assert rels("Swimming abrogated the increases in TNF-α and IL-6.") == \
        {("swimming", "decrease", "TNF-α"), ("swimming", "decrease", "IL-6")}


def test_a_drug_subject_is_not_the_carried_exercise():
    first = "Voluntary running reduced established allodynia in mice. "
    assert rels(first + "In the same animals, paclitaxel also reduced cellular proliferation in the hippocampus.") == \
        {("voluntary wheel running", "decrease", "mechanical allodynia")}
    assert rels(first + "Moreover, STZ lowered the paw withdrawal threshold of the sedentary rats.") == \
        {("voluntary wheel running", "decrease", "mechanical allodynia")}
    assert rels(first + "It also reduced IL-6 in the spinal cord.") == \
        {("voluntary wheel running", "decrease", "mechanical allodynia"), ("voluntary wheel running", "decrease", "IL-6")}


def test_recovery_from_a_condition_is_its_decrease():
    assert rels("Moderate exercise training is effective in enhancing recovery from acute peripheral neuropathy.") == \
        {("moderate-intensity exercise", "decrease", "peripheral neuropathy")}
    assert rels("Swimming promoted the recovery of motor function.") == \
        {("swimming", "increase", "recovery of motor function")}


def test_the_model_slot_names_the_coordinated_models():
    """One relation in the CCI and SNI models names both ("CCI; SNI"); query --model and the claims' context
    facets read each part (tests/store/test_queries.py, tests/test_claims.py)."""
    [(target, model)] = models("Treadmill running reduced mechanical allodynia in the CCI and SNI models.")
    assert target == "mechanical allodynia" and model == "CCI; SNI", model
