"""Outcomes as English results sections report them, from constructions met in real abstracts: a list of results
split by semicolons with each test's abbreviation and P value in brackets, the performance on a timed test
(better is shorter), and modalities whose name states their intensity. Sentences written for litmine."""
from litmine.pipeline import process_text


def rels(text):
    return {(r.exercise, r.direction, r.target) for r in process_text(text, "t.txt").relations}


def test_a_semicolon_list_with_bracketed_statistics_is_one_list_of_results():
    found = rels("We ran a pilot of a yoga programme. Results: Significant improvements were found in flexibility "
                 "(SR; P = .01); balance (FR; P = .002) and fall risk (TUG; P = .03).")
    assert {t for _, _, t in found} == {"flexibility", "balance function", "accidental falls"}, found
    assert ("yoga", "decrease", "accidental falls") in found, found


def test_better_performance_on_a_timed_test_is_a_shorter_time():
    assert rels("Participants increased TUG performance after 8 weeks of balance training.") == \
        {("balance", "decrease", "Timed Up and Go")}
    assert rels("After balance training, TUG performance declined.") == {("balance", "increase", "Timed Up and Go")}
    assert rels("Balance training improved TUG performance.") == {("balance", "decrease", "Timed Up and Go")}


def test_an_intensity_qualifier_does_not_double_a_name_that_states_it():
    assert rels("Low-volume high-intensity interval training lowered HbA1c.") == {("HIIT", "decrease", "HbA1c")}
    assert ("high-intensity exercise", "decrease", "HbA1c") in rels("High-intensity exercise lowered HbA1c.")
