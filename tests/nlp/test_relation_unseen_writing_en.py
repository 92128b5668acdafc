"""Families of English writing met in real abstracts by other authors (exercise with a drug, trial arms compared
with each other, scores that an improvement lowers, glued full stops, named institutes), in sentences written for
litmine."""
import pytest

from litmine.consensus import parse_exercise, protocol_class
from litmine.nlp.english import english_abbreviations
from litmine.nlp.relations.triggers import in_proper_name
from litmine.pipeline import process_text


def rels(text):
    return {(r.exercise, r.direction, r.target) for r in process_text(text, "t.txt").relations}


def full(text):
    return process_text(text, "t.txt").relations


# --- an improved latency, an improved score: which way the number went


@pytest.mark.parametrize("text, target", [
    ("After eight weeks of cycling, the F-wave latency of the patients improved significantly.", "F-wave"),
    ("Aerobic exercise improved the distal motor latency of the peroneal nerve in patients with DPN.", "motor latency"),
])
def test_an_improved_nerve_latency_is_a_shorter_one(text, target):
    [r] = full(text)
    assert (r.target, r.direction) == (target, "decrease"), r


def test_an_improved_withdrawal_latency_is_still_a_longer_one():
    assert rels("Treadmill training improved the paw withdrawal latency of CCI rats.") == \
        {("treadmill", "increase", "paw withdrawal latency")}


def test_impact_sleep_and_tender_point_scores_fall_when_they_improve():
    assert rels("Pool exercise improved the FIQ score, the PSQI score and the tender point count of the women.") == {
        ("exercise", "decrease", "FIQ"), ("exercise", "decrease", "PSQI"),
        ("exercise", "decrease", "tender point count")}
    assert rels("Aquatic training improved stiffness in patients with fibromyalgia.") == \
        {("aquatic", "decrease", "stiffness")}


# --- lists whose items end in the words of an instrument


def test_a_list_goes_on_past_an_item_named_with_its_instrument_words():
    found = rels("Compared with usual care, the walking group improved in pain, FIQ total scores, Beck Depression "
                 "Inventory score, aerobic capacity and balance.")
    assert found == {("walking", "decrease", "pain"), ("walking", "decrease", "FIQ"),
                     ("walking", "decrease", "BDI"), ("walking", "increase", "VO2max"),
                     ("walking", "increase", "balance function")}, found


# --- a full stop glued to the next sentence


def test_a_full_stop_glued_after_a_bracket_ends_the_sentence():
    text = ("Diabetic rats ran on a treadmill for six weeks. Diabetes itself lowered spinal IL-10 (P=0.01).There was "
            "a rise of IL-10 in the trained rats compared with sedentary diabetic rats.")
    doc = process_text(text, "t.txt")
    assert len(doc.sentences) == 3
    assert {(r.direction, r.target) for r in doc.relations} == {("increase", "IL-10")}


# --- a capitalised name is no verb


def test_a_word_of_an_institutes_name_is_no_trigger():
    assert rels("Men with back pain followed a programme of the Functional Improvement Institute and a home "
                "programme for eight weeks.") == set()
    text = "Men followed a programme of the Functional Improvement Institute."
    i = text.index("Improvement")
    assert in_proper_name(text, i, i + len("Improvement"))


def test_a_verb_of_a_title_in_title_case_stays_a_verb():
    text = "Swimming Reduces Neuropathic Pain in Diabetic Rats"
    i = text.index("Reduces")
    assert not in_proper_name(text, i, i + len("Reduces"))
    assert ("swimming", "decrease", "neuropathic pain") in rels(text)


# --- two exercise arms that did not differ


def test_two_exercises_that_did_not_differ_are_a_negated_comparison_not_two_no_changes():
    [r] = full("After twelve weeks, back pain did not differ between the yoga and walking groups.")
    assert (r.exercise, r.direction, r.negated, r.compared_to) == ("yoga", "better_than", True, "walking"), r


def test_no_difference_between_two_programmes_named_like_a_combined_one():
    [r] = full("There was no significant difference between aerobic and resistance training in neuropathic pain.")
    assert (r.exercise, r.direction, r.negated, r.compared_to) == ("aerobic", "better_than", True, "resistance"), r


def test_modalities_not_named_that_did_not_differ_give_no_finding():
    assert rels("The three kinds of exercise were not significantly different in pain reduction.") == set()


def test_an_exercise_arm_against_control_that_did_not_differ_is_still_no_change():
    assert rels("Pain did not differ between the swimming and sedentary groups.") == {("swimming", "no_change", "pain")}


# --- exercise given with a drug


@pytest.mark.parametrize("text, exercise", [
    ("Swimming plus vitamin E lowered MDA in the sciatic nerve of diabetic rats.", "swimming with vitamin E"),
    ("Aerobic training with melatonin raised spinal MBP expression.", "aerobic with melatonin"),
    ("Melatonin plus treadmill running lowered spinal IL-1β.", "treadmill with melatonin"),
    ("The combination of swimming and vitamin E lowered MDA.", "swimming with vitamin E"),
    ("Treadmill exercise combined with insulin treatment lowered TNF-α in the sciatic nerve.", "treadmill with insulin"),
])
def test_a_finding_of_exercise_given_with_a_drug_names_the_drug(text, exercise):
    assert {r.exercise for r in full(text)} == {exercise}


def test_and_or_is_each_alone_and_a_drug_alone_is_not_the_exercise():
    assert {r.exercise for r in full("Therapeutic ultrasound and/or swimming raised the paw withdrawal threshold.")} \
        == {"swimming"}
    assert rels("In trained rats, vitamin E lowered MDA.") == set()


def test_a_co_intervention_is_a_protocol_facet_of_the_exercise_class():
    assert parse_exercise("aerobic with melatonin") == ("aerobic", {"co_intervention": "melatonin"})
    assert parse_exercise("long-term treadmill with insulin")[0] == "treadmill"
    assert protocol_class({}, parse_exercise("long-term treadmill with insulin")[1]) == "long-term, with insulin"
    assert protocol_class({}, parse_exercise("treadmill")[1]) is None


# --- trial arms named with their size, and the lexicon's new forms


def test_an_abbreviation_defined_with_its_arm_size_is_defined():
    assert english_abbreviations("They were randomised to Pilates-based core work (PCW; n = 18) or usual care "
                                 "(UC, n = 17).") == [("PCW", "Pilates-based core work"), ("UC", "usual care")]


def test_an_arm_abbreviation_that_is_also_a_gene_symbol_is_the_arm():
    text = ("Patients were randomised to motor control training plus manual therapy (MCMT; n = 21) or to education "
            "(n = 20). MCMT reduced pain intensity at six months.")
    doc = process_text(text, "t.txt")
    assert {m.label for m in doc.mentions if m.text == "MCMT"} == {"EXERCISE"}
    assert {(r.exercise, r.direction, r.target) for r in doc.relations} == {("motor control", "decrease", "pain intensity")}


@pytest.mark.parametrize("text, found", [
    ("Exercised mice showed less muscle wastage than sedentary mice given oxaliplatin.",
     ("exercise", "decrease", "muscle atrophy")),
    ("Stair-climbing resistance exercise did not change the regenerative process of axons.",
     ("resistance", "no_change", "axon regeneration")),
])
def test_lexicon_forms_of_unseen_writing(text, found):
    assert found in rels(text)


def test_women_in_a_trial_are_human():
    [r] = full("In women with fibromyalgia, aquatic training reduced pain.")
    assert r.species == "human"


def test_a_sentence_about_animal_models_does_not_take_the_reviews_human_species():
    text = ("Patients with neuropathic pain often stop being active. Results from animal models show that swimming "
            "reduces mechanical allodynia. Human patients with neuropathy also reported less pain after walking.")
    sp = {(r.exercise, r.species) for r in full(text)}
    assert ("swimming", None) in sp and ("walking", "human") in sp, sp


# --- arms graded by intensity, named by abbreviations that share the last one's head noun


def test_intensity_arms_sharing_one_head_noun_are_each_their_own_dose():
    assert english_abbreviations("Rats were assigned to low-intensity (LIT), moderate-intensity (MIT) or "
                                 "high-intensity training (HIT) groups.") == [
        ("LIT", "low-intensity training"), ("MIT", "moderate-intensity training"), ("HIT", "high-intensity training")]
    found = rels("Mice were assigned to low-intensity (LIE), moderate-intensity (MIE) or high-intensity exercise (HIE) "
                 "groups. MIE lowered spinal IL-6, whereas HIE raised spinal IL-6.")
    assert found == {("moderate-intensity exercise", "decrease", "IL-6"), ("high-intensity exercise", "increase", "IL-6")}


def test_arms_named_by_their_dose_are_dose_qualified_and_a_spared_arm_is_not_credited():
    text = ("Rats swam at low, moderate or high intensity for four weeks after SNI. Paw withdrawal thresholds rose in "
            "the low- and moderate-intensity groups but not in the high-intensity group.")
    assert rels(text) == {("low-intensity swimming", "increase", "paw withdrawal threshold"),
                          ("moderate-intensity swimming", "increase", "paw withdrawal threshold")}


# --- a not-significant comparison between arms, or a change named again


def test_a_between_group_difference_that_was_not_significant_leaves_each_arms_change():
    found = full("Adults with back pain were randomised to yoga or walking. Pain fell in both groups, but the "
                 "between-group difference was not significant (p = 0.40).")
    assert {(r.exercise, r.direction, r.target, r.negated) for r in found} == {
        ("yoga", "decrease", "pain", False), ("walking", "decrease", "pain", False)}


def test_the_change_named_again_as_not_significant_is_negated():
    [r] = full("Spinal IL-6 decreased after swimming, but the decrease was not significant.")
    assert (r.direction, r.negated) == ("decrease", True)
    [r] = full("Swimming reduced spinal IL-6, and the reduction was significant.")
    assert (r.direction, r.negated) == ("decrease", False)


# --- arms defined by what their animals did, and changes of every injured arm


def test_arms_defined_by_what_the_animals_did_name_the_exercise_and_the_control():
    text = ("We compared rats that swam daily after the nerve crush (SWC) with injured rats not submitted to swimming "
            "(NSC). Axon diameter was larger in SWC than in NSC rats, and myelin thickness was lower in all crushed "
            "groups.")
    assert {(e, d, t.lower()) for e, d, t in rels(text)} == {("swimming", "increase", "axon diameter")}


def test_a_difference_favouring_an_arm_is_that_arms_advantage():
    found = rels("Patients were randomised to pilates (PIL; n = 20) or walking (WLK; n = 20). Pain intensity differed "
                 "favouring PIL between groups at week 12.")
    assert found == {("Pilates", "better_than", "pain intensity")}, found


def test_the_sensitivity_of_nociceptors_improves_downwards():
    assert rels("Treadmill training improved the sensitivity of nociceptors to pain mediators in diabetic rats.") == \
        {("treadmill", "decrease", "peripheral sensitization")}


@pytest.mark.parametrize("text", [
    "It seems that aerobic training has reduced spinal IL-6 in diabetic rats.",
    "It appears that aerobic training reduced spinal IL-6 in diabetic rats.",
    "Aerobic training probably reduced spinal IL-6 in diabetic rats.",
])
def test_an_impression_is_hedged(text):
    [r] = full(text)
    assert (r.direction, r.target, r.hedged) == ("decrease", "IL-6", True)
    [r] = full("Aerobic training reduced spinal IL-6 in diabetic rats.")
    assert not r.hedged
