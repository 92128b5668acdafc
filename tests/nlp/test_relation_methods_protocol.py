"""A full paper states its training protocol once, in its methods, and its effects in results and discussion: the
relations of those later sentences take the protocol kinds they leave unstated from the methods (one value per kind,
for the relation's exercise), or from an earlier sentence of their paragraph. Texts written for litmine."""
from litmine.pipeline import process_text


def relations(text):
    return process_text(text, "t.txt").relations


def one(text, target):
    got = [r for r in relations(text) if r.target == target]
    assert len(got) == 1, [(r.exercise, r.direction, r.target) for r in relations(text)]
    return got[0]


PAPER = """Background: Nerve injury leaves lasting pain.

Methods: Male rats with spared nerve injury performed swimming exercise 45 min/day, 5 days/week for 6 weeks, starting 3 days after injury.

Results: Swimming lowered TNF-α in the spinal cord.

Conclusions: Swimming relieves mechanical allodynia after nerve injury."""


def test_results_and_conclusions_take_the_methods_protocol():
    for target in ("TNF-α", "mechanical allodynia"):
        r = one(PAPER, target)
        p = r.protocol
        assert (p.duration_days_min, p.sessions_per_week, p.minutes_min, p.timing_days) == (42, 5, 45, 3), p
        assert r.context_from.get("protocol") == "methods"


def test_a_stated_kind_is_kept_and_background_takes_nothing():
    text = PAPER.replace("Results: Swimming lowered", "Results: Two weeks of swimming lowered")
    assert one(text, "TNF-α").protocol.duration_days_min == 14           # its own sentence's duration stays
    before = """Background: Swimming is known to lower IL-6.

""" + PAPER.split("\n\n", 1)[1]
    p = one(before, "IL-6").protocol                                     # before the methods: background
    assert p.duration is None and p.frequency is None


def test_two_arms_with_different_values_fill_nothing_of_that_kind():
    text = """Methods: Rats ran on a treadmill at 10 m/min or at 16 m/min, 5 days/week for 4 weeks.

Results: Treadmill running lowered IL-1β in the spinal cord."""
    p = one(text, "IL-1β").protocol
    assert p.speed is None and (p.sessions_per_week, p.duration_days_min) == (5, 28)


def test_a_cited_sentence_takes_no_methods_protocol():
    text = """Methods: Mice performed treadmill running 30 min/day, 5 days/week for 4 weeks.

Discussion: Treadmill running also lowered IL-6 in diabetic rats [12]."""
    p = one(text, "IL-6").protocol
    assert p.duration is None and p.frequency is None


def test_the_paragraph_gives_the_same_exercise_its_dose_and_start_day_but_not_its_intensity():
    text = ("Patients did aerobic exercise at 60% of HRR, 40 min per session, three times a week for 12 weeks. "
            "Aerobic exercise lowered pain scores.")
    p = one(text, "pain intensity").protocol
    assert (p.minutes_min, p.sessions_per_week, p.duration_days_min) == (40, 3, 84), p
    assert p.intensity is None  # arms differ by intensity: a later sentence may be about another arm
    text = ("运动组于术后第3天起每天游泳30 min。运动组大鼠机械缩足阈值于术后第14天起升高。游泳运动降低了脊髓TNF-α表达。")
    # day 14 is when thresholds rose (no timing, protocol._CHANGE_AFTER); day 3 is when the arm's swimming started
    assert one(text, "TNF-α").protocol.timing == "day 3 after surgery"


def test_a_methods_time_after_injury_is_the_start_only_with_training_after_it():
    text = """Methods: Rats performed swimming exercise 30 min/day for 4 weeks. Tissue was taken after training (5 weeks after injury).

Results: Swimming lowered IL-6 in the spinal cord."""
    assert one(text, "IL-6").protocol.timing is None
    text = text.replace("for 4 weeks.", "for 4 weeks, beginning 1 week after injury.")
    assert one(text, "IL-6").protocol.timing_days == 7


TRIAL = """Background: Neuropathy after chemotherapy limits daily life.

Methods: Women with chemotherapy-induced peripheral neuropathy did resistance training twice weekly for 12 weeks.

Results: Training lowered neuropathic symptoms and raised grip strength."""

ANIMALS = """Methods: Mice with chronic constriction injury ran on a treadmill 5 days/week for 4 weeks.

Results: Exercise lowered IL-6 in the spinal cord and reduced mechanical allodynia."""


def test_results_take_the_model_and_species_of_the_methods():
    got = relations(TRIAL)
    assert got and {(r.model, r.species) for r in got} == {("CIPN", "human")}, [(r.target, r.model, r.species) for r in got]
    assert all(r.context_from["species"] == "methods" for r in got)
    got = relations(ANIMALS)
    assert got and {(r.model, r.species, r.protocol.duration) for r in got} == {("CCI", "mouse", "4 weeks")}


def test_two_models_in_the_methods_fill_no_model():
    text = ANIMALS.replace("Mice with chronic constriction injury", "Mice with chronic constriction injury or spared "
                                                                   "nerve injury")
    assert {r.model for r in relations(text)} == {None}
