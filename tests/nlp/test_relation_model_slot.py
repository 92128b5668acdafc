"""The model slot (the disease context of a relation) on constructions met in real English abstracts: a drug
that makes the model ("STZ rats", "induced by paclitaxel"), the population a result is about ("pain following
SCI", "diabetic rats"), and an animal model never carried into a sentence about patients. Sentences written
for litmine."""
import pytest

from litmine.pipeline import process_text


def by_target(text):
    """target -> (direction, model, species) of the relations of ``text``."""
    return {r.target: (r.direction, r.model, r.species) for r in process_text(text, "t.txt").relations}


@pytest.mark.parametrize("text, target, model", [
    ("Treadmill running reduced mechanical allodynia in STZ rats.", "mechanical allodynia", "STZ diabetes"),
    ("Swimming lowered TNF-α in STZ-treated mice.", "TNF-α", "STZ diabetes"),
    ("Exercise relieved the neuropathic pain induced by streptozotocin and lowered IL-6.", "IL-6", "STZ diabetes"),
    ("Voluntary running prevented cold allodynia in paclitaxel-treated mice.", "cold allodynia",
     "paclitaxel-induced neuropathy"),
])
def test_a_drug_that_makes_the_model_is_the_model(text, target, model):
    found = by_target(text)
    assert found[target][1] == model, found


def test_a_drug_given_against_pain_is_no_model():
    found = by_target("Gabapentin and treadmill running each reduced mechanical allodynia in CCI rats.")
    assert found["mechanical allodynia"][1] == "CCI", found


@pytest.mark.parametrize("text, target, model", [
    ("Supervised exercise can be offered for treating shoulder pain and neuropathic pain following SCI.",
     "neuropathic pain", "SCI"),
    ("Cycling decreased musculoskeletal pain in SCI patients.", "musculoskeletal pain", "SCI"),
    ("Swimming restored the sciatic NCV of diabetic rats.", "nerve conduction velocity", "diabetes"),
])
def test_the_population_is_the_model_before_a_disease_that_is_the_target(text, target, model):
    found = by_target(text)
    assert found[target][1] == model, found


def test_a_pain_with_no_population_named_is_its_own_model():
    found = by_target("Yoga reduced neuropathic pain.")
    assert found["neuropathic pain"][1] == "neuropathic pain", found


def test_responses_to_formalin_name_the_formalin_model():
    found = by_target("Swimming decreased the flinching responses to formalin.")
    assert any(m and "formalin" in m for _, m, _ in found.values()), found


def test_a_change_in_diabetic_rats_then_a_turn_after_exercise_is_the_exercise_s():
    found = by_target("The tail NCV clearly decreased in all diabetic rats and significantly increased after "
                      "6 weeks of swimming training.")
    assert found["nerve conduction velocity"][0] == "increase", found


def test_an_animal_model_is_not_carried_into_a_sentence_about_patients():
    text = ("Treadmill exercise increased BDNF in the spinal cord of SNI rats. "
            "In the patients of the clinic, exercise improved balance.")
    found = by_target(text)
    assert found["BDNF"][1] == "SNI", found
    assert found["balance function"][1] != "SNI", found
    assert found["balance function"][2] == "human", found


def test_an_animal_model_is_still_carried_to_the_next_animal_sentence():
    text = "Treadmill exercise increased BDNF in SNI rats. It also reduced TNF-α in the spinal cord."
    found = by_target(text)
    assert found["TNF-α"][1] == "SNI", found


def test_subjects_of_an_animal_study_are_its_animals():
    """'subjects' is read as human by the lexicon; in a study that names only mice, the subjects are the mice."""
    text = ("Sciatic nerve crush was performed in adult mice, which were then trained on a treadmill for 4 weeks. "
            "In the trained subjects, exercise increased the axon diameter of the sciatic nerve.")
    found = by_target(text)
    assert found["axon diameter of the sciatic nerve"][2] == "mouse", found


def test_subjects_stay_human_where_the_document_names_patients():
    text = ("Patients with diabetic neuropathy and mice with STZ diabetes were studied. "
            "In the subjects, exercise increased nerve conduction velocity.")
    found = by_target(text)
    assert found["nerve conduction velocity"][2] == "human", found


@pytest.mark.parametrize("text, model, species", [
    ("Voluntary running lowered thermal hyperalgesia in db/db mice.", "db/db diabetes", "mouse"),
    ("游泳运动减轻了db/db小鼠的热痛敏。", "db/db diabetes", "mouse"),
    ("Swimming raised withdrawal thresholds of ob/ob mice.", "ob/ob obesity", "mouse"),
    ("Treadmill running reduced allodynia in rats with tibial nerve transection.", "tibial nerve transection", "rat"),
])
def test_genetic_and_nerve_transection_models(text, model, species):
    got = [(r.model, r.species) for r in process_text(text).relations]
    assert got and all(g == (model, species) for g in got), got


@pytest.mark.parametrize("text, species", [
    ("Swimming lowered IL-6 in adult zebrafish.", "zebrafish"),
    ("Treadmill training lowered TNF-α in New Zealand White rabbits.", "rabbit"),
    ("跑台训练降低了比格犬血清IL-6水平。", "dog"),
    ("有氧运动降低了大学生血清TNF-α水平。", "human"),
    # an antibody raised in rabbits names no species of the study
    ("Sections were incubated with rabbit anti-Iba1 antibody; exercise reduced Iba-1 in SNL rats.", "rat"),
])
def test_species_beyond_rodents_and_people(text, species):
    got = [r.species for r in process_text(text).relations]
    assert got and set(got) == {species}, got


def test_coordinated_models_are_all_the_relations_models():
    """"CCI和SNI大鼠", "SNI and CCI mice": both models, in text order; a model of another clause stays out."""
    from litmine.pipeline import process_text
    got = {r.model for r in process_text("跑台运动能显著提高CCI和SNI大鼠的机械痛阈值。", "t.txt").relations}
    assert got == {"CCI; SNI"}, got
    got = {r.model for r in process_text("Treadmill exercise reduced allodynia in SNI and CCI mice.", "t.txt").relations}
    assert got == {"SNI; CCI"}, got
    got = {r.model for r in process_text("运动降低了CCI大鼠的TNF-α,而在SNI大鼠中无此作用。", "t.txt").relations
           if r.target == "TNF-α" and r.direction == "decrease"}
    assert got == {"CCI"}, got
