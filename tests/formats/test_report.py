"""The pieces ``litmine show`` and the HTML report share: nesting of mentions, plain
marking, colours, relation and context lines, the protocol summary."""
from __future__ import annotations

from litmine.formats.report import (LABEL_COLORS, context_text, label_color, mention_tree, relation_text,
                                    sentence_text)
from litmine.store.report import ReportSentence, protocol_summary


def _m(i, start, end, label="X"):
    return {"id": i, "start": start, "end": end, "label": label, "text": "", "concept_id": "", "name": ""}


def _shape(nodes):
    return [(n.mention["id"], n.start, n.end, _shape(n.children)) for n in nodes]


def test_nested_mentions_become_children_and_siblings_stay_flat():
    # an exercise with its intensity inside, then a separate target
    tree = mention_tree([_m(2, 10, 13, "INTENSITY"), _m(1, 10, 17, "EXERCISE"), _m(3, 20, 25, "CYTOKINE")])
    assert _shape(tree) == [(1, 10, 17, [(2, 10, 13, [])]), (3, 20, 25, [])]


def test_equal_spans_nest_and_a_crossing_mention_is_shown_from_where_the_earlier_ends():
    tree = mention_tree([_m(1, 0, 5), _m(2, 0, 5), _m(3, 3, 9), _m(4, 9, 9)])
    # 2 has the same span as 1 (inside it); 3 crosses 1 and is shown over 5..9; 4 is empty
    assert _shape(tree) == [(1, 0, 5, [(2, 0, 5, [])]), (3, 5, 9, [])]


def test_a_mention_crossing_a_child_is_clipped_inside_the_parent():
    tree = mention_tree([_m(1, 0, 20), _m(2, 2, 8), _m(3, 6, 12)])
    assert _shape(tree) == [(1, 0, 20, [(2, 2, 8, []), (3, 8, 12, [])])]


def test_every_mention_is_one_node():
    ms = [_m(i, s, e) for i, (s, e) in enumerate([(0, 4), (1, 3), (1, 2), (2, 6), (5, 9), (8, 12), (8, 9)])]
    count = lambda nodes: sum(1 + count(n.children) for n in nodes)  # noqa: E731
    assert count(mention_tree(ms)) == len(ms)


def test_plain_sentence_marks_nested_mentions_with_brackets():
    text = "高强度间歇训练降低了TNF-α"
    s = ReportSentence(idx=0, start=100, end=100 + len(text), text=text, lang="zh", kind="body", section="",
                       mentions=[_m(1, 100, 107, "EXERCISE"), _m(2, 100, 103, "INTENSITY"),
                                 _m(3, 110, 115, "CYTOKINE")])
    assert sentence_text(s, styled=False).plain == "[[高强度|INTENSITY]间歇训练|EXERCISE]降低了[TNF-α|CYTOKINE]"
    styled = sentence_text(s, styled=True)
    assert styled.plain == text and len(styled.spans) == 3


def test_label_colours_are_fixed_for_known_labels_and_stable_for_others():
    assert label_color("exercise") == LABEL_COLORS["EXERCISE"]
    assert label_color("SOMETHING_NEW") == label_color("something_new")
    assert label_color("SOMETHING_NEW").startswith("#") and len(label_color("SOMETHING_NEW")) == 7


def test_relation_and_context_lines():
    r = {"exercise": "treadmill", "direction": "decrease", "target": "TNF-α", "negated": True, "hedged": False,
         "model": "SNI", "species": "rat", "tissue": "spinal cord", "population": "disease_model",
         "duration": "4 weeks", "frequency": None, "session_length": "30 min/day", "intensity": "moderate"}
    assert relation_text(r) == "treadmill =no_change (negated decrease) TNF-α"      # what it asserts first
    assert relation_text(dict(r, negated=False, hedged=True)) == "treadmill ↓decrease TNF-α [hedged]"
    assert context_text(r) == "SNI, rat, spinal cord, 4 weeks, 30 min/day, moderate"
    assert context_text({"population": "healthy"}) == "healthy"


def test_protocol_summary_counts_values_most_frequent_first():
    rows = [{"exercise": "treadmill", "duration": "4 weeks"}, {"exercise": "swimming", "duration": "4  weeks"},
            {"exercise": "treadmill", "duration": "6 weeks", "intensity": "moderate"}]
    assert protocol_summary(rows) == [("exercise", [("treadmill", 2), ("swimming", 1)]),
                                      ("duration", [("4 weeks", 2), ("6 weeks", 1)]),
                                      ("intensity", [("moderate", 1)])]
    assert protocol_summary([]) == []
