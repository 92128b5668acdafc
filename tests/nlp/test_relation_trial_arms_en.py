"""How English trial abstracts name and compare their arms, from constructions met in real abstracts: an arm
favoured over a control, a movement a symptom interferes with, arms named by letter codes, and a contrast
clause about one arm only. Sentences written for litmine."""
from litmine.pipeline import process_text


def rels(text):
    return {(r.exercise, r.direction, r.target, r.compared_to) for r in process_text(text, "t.txt").relations}


TRIAL = ("Sixty adults with type 2 diabetes took part. We assessed 10 weeks of combined exercise (CE) against "
         "usual care. ")


def test_an_arm_favoured_over_a_control_improves_each_target():
    found = rels(TRIAL + "Results: group-by-time effects on HbA1c, fasting glucose and vibration sense were found "
                         "in favor of the CE group (P < 0.05).")
    assert ("combined exercise", "decrease", "HbA1c", None) in found, found
    assert ("combined exercise", "decrease", "blood glucose", None) in found, found
    assert ("combined exercise", "increase", "vibration perception", None) in found, found
    assert not any(d == "better_than" for _, d, _, _ in found), found


def test_an_arm_favoured_over_another_exercise_stays_a_comparison():
    found = rels("Yoga was compared with brisk walking. The change in balance function was in favour of yoga.")
    assert any(d == "better_than" and e == "yoga" for e, d, _, _ in found), found


def test_favouring_a_group_that_names_no_exercise_gives_no_comparison():
    found = rels("Treadmill running was given to all patients. Results: The difference in quality of life was in "
                 "favor of the XY group.")
    assert not any(d == "better_than" for _, d, _, _ in found), found


def test_a_movement_a_symptom_interferes_with_is_no_exercise():
    found = rels("Pain interference with walking decreased after 8 weeks of aerobic training.")
    assert {e for e, _, _, _ in found} == {"aerobic"}, found
    found = rels("Patients reported less difficulty walking after the tai chi programme.")
    assert "walking" not in {e for e, _, _, _ in found}, found


ARMS = ("Adults with neuropathy were randomised to yoga or to brisk walking. Both arms met twice a week. ")


def test_a_clause_about_only_the_control_arm_gives_no_exercise_relation():
    found = rels(ARMS + "Both groups improved balance function, while only the CG showed lower HbA1c.")
    assert ("yoga", "increase", "balance function", None) in found, found
    assert ("walking", "increase", "balance function", None) in found, found
    assert not any(t == "HbA1c" for _, _, t, _ in found), found
    found = rels("Cycling reduced pain scores, but only the control group had lower fasting glucose.")
    assert ("cycling", "decrease", "pain intensity", None) in found, found
    assert not any(t == "blood glucose" for _, _, t, _ in found), found


def test_only_the_exercise_arm_itself_keeps_its_relation():
    found = rels("Pain scores fell in both arms, and only the yoga group had lower fasting glucose.")
    assert ("yoga", "decrease", "blood glucose", None) in found, found


LETTERED = ("Rats were divided into three groups: group A, sham group (n=8); group B, SNI group (n=8); and group C, "
            "SNI plus swimming group (n=8). ")


def test_arms_named_by_letter_resolve_to_their_exercise_or_control():
    found = rels(LETTERED + "Results: Paw withdrawal thresholds rose over time in groups B and C.")
    assert not found, found  # the injured control arm changed too: no effect of swimming
    found = rels(LETTERED + "Results: TNF-α was lower in group C than in group B.")
    assert ("swimming", "decrease", "TNF-α", None) in found, found


def test_two_lettered_exercise_arms_compared_give_a_better_than():
    text = ("Patients were randomised to group A (aerobic training) or group B (resistance training). "
            "Results: Pain scores decreased in group B compared with group A.")
    found = rels(text)
    assert ("resistance", "better_than", "pain intensity", "aerobic") in found, found
    assert not any(e == "aerobic" and d == "decrease" for e, d, _, _ in found), found


def test_a_letter_without_a_group_word_is_no_arm():
    found = rels(LETTERED + "Results: Swimming reduced TNF-α, as vitamin C did not.")
    assert ("swimming", "decrease", "TNF-α", None) in found, found


def test_a_difference_from_a_healthy_group_is_the_disease_s():
    found = rels("After six weeks of cycling, the diabetic rats had a lower body weight compared with the "
                 "normoglycemic groups.")
    assert not found, found
    found = rels("Cycling rats had higher BDNF than healthy sedentary rats.")
    assert any(t == "BDNF" for _, _, t, _ in found), found


def test_no_differences_between_the_trained_and_sedentary_groups_is_no_change():
    found = rels("We did not find differences in blood glucose levels between the trained and sedentary groups.")
    assert ("exercise", "no_change", "blood glucose", None) in found, found


def test_examples_in_an_aside_leave_the_exercise_before_them_the_subject():
    found = rels("Aerobic exercise, particularly in forms like cycling and running, reduces mechanical allodynia.")
    assert found == {("aerobic", "decrease", "mechanical allodynia", None)}, found


def test_the_disease_a_mechanism_underlies_is_no_target():
    found = rels("Swimming influences the mechanisms underlying neuropathic pain, modulating cytokines.")
    assert ("swimming", "modulate", "cytokines", None) in found, found
    assert not any("pain" in t for _, _, t, _ in found), found


def test_the_condition_an_exercise_is_recommended_for_is_no_target():
    found = rels("Conclusion: Cycling improves electrophysiological features and should be considered in the "
                 "therapy of DPN.")
    assert not any(t == "DPN" for _, _, t, _ in found), found


def test_an_opening_subordinate_clause_has_its_own_agent():
    found = rels("Since stress can also produce analgesic effects, we studied how cycling, a popular sport, "
                 "alters hypersensitivity.")
    assert not any(t == "pain" for _, _, t, _ in found), found
    assert ("cycling", "modulate", "hypersensitivity", None) in found, found
