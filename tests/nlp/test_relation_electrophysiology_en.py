"""Nerve conduction outcomes as clinical and rodent electrophysiology reports them: F-waves, H-reflexes, compound
muscle and sensory nerve action potentials, and conduction velocity without the word "nerve". Sentences written
for litmine."""
from litmine.pipeline import process_text


def rels(text):
    return {(r.exercise, r.direction, r.target) for r in process_text(text, "t.txt").relations}


def outcomes(text):
    return {(m.text, m.name) for m in process_text(text, "t.txt").mentions if m.label == "OUTCOME"}


def test_f_wave_and_bare_conduction_velocity_are_outcomes():
    found = outcomes("After training, conduction velocity rose and F-wave latency fell in the tibial nerve.")
    assert found == {("conduction velocity", "nerve conduction velocity"), ("F-wave latency", "F-wave")}, found


def test_motor_and_sensory_conduction_velocity_keep_their_fibre_type():
    found = outcomes("Motor conduction velocity and sensory conduction velocities were recorded.")
    assert found == {("Motor conduction velocity", "MNCV"), ("sensory conduction velocities", "SNCV")}, found


def test_a_results_list_of_electrophysiological_measures():
    found = rels("Eight weeks of treadmill running increased conduction velocity and reduced F-wave latency in "
                 "diabetic rats.")
    assert found == {("treadmill", "increase", "nerve conduction velocity"), ("treadmill", "decrease", "F-wave")}
    found = rels("Aerobic training increased CMAP amplitude and sensory nerve action potentials, while F-waves "
                 "(P = .02) and H-reflex latency (P = .04) decreased.")
    assert found == {("aerobic", "increase", "CMAP"), ("aerobic", "increase", "SNAP"),
                     ("aerobic", "decrease", "F-wave"), ("aerobic", "decrease", "H-reflex")}, found


def test_snap_is_not_the_start_of_snap_25():
    names = {m.name for m in process_text("Swimming raised SNAP-25 in the cortex.", "t.txt").mentions}
    assert "SNAP" not in names and "SNAP25" in names, names
