"""Claims without a database: exercise classes, context comparison, stances, scores."""
import json

import pytest

from litmine.consensus import (CONFLICT_MIN_SHARE, ClaimState, Context, add_document, agree, build, context_relation,
                            effective_direction, evidence, exercise_path, judge, lineage, parse_exercise,
                            population, primary_stances, protocol_class, remove_document)

TNF = "HGNC:11892"


def row(doc=1, exercise="treadmill", direction="decrease", target="TNF-α", target_id=TNF, species="mouse",
        model="SNI", tissue="sciatic nerve", lang="zh", confidence=0.9, **kw):
    r = dict(exercise=exercise, direction=direction, target=target, target_id=target_id, species=species,
             model=model, tissue=tissue, lang=lang, confidence=confidence, document_id=doc,
             sentence=kw.pop("sentence", "跑台运动降低了TNF-α。"), relation_id=kw.pop("relation_id", None))
    r.update(kw)
    return r


def ev(**kw):
    doc_lang = kw.pop("doc_lang", "zh")
    return evidence(row(**kw), doc_lang=doc_lang)


def review_state():
    states, _ = build([ev(doc=1)])
    return states


# --------------------------------------------------------------------------- exercise classes

@pytest.mark.parametrize("name, cls, quals, path", [
    ("treadmill", "treadmill", {}, "exercise > aerobic > treadmill"),
    ("high-frequency treadmill", "treadmill", {"frequency": "high-frequency"}, "exercise > aerobic > treadmill"),
    ("long-term exercise", "exercise", {"duration": "long-term"}, "exercise"),
    ("acute resistance", "resistance", {"duration": "acute"}, "exercise > resistance"),
    ("moderate-intensity aerobic", "aerobic", {"intensity": "moderate-intensity"}, "exercise > aerobic"),
    ("resistance+aerobic", "aerobic+resistance", {}, "exercise > combined > aerobic+resistance"),
    ("Baduanjin", "Baduanjin", {}, "exercise > neuromotor > qigong > Baduanjin"),
    ("voluntary wheel running", "voluntary wheel running", {},
     "exercise > aerobic > running > wheel running > voluntary wheel running"),
    ("regular exercise", "exercise", {}, "exercise"),
    ("rowing", "rowing", {}, "exercise > rowing"),       # not in the hierarchy: its own class under exercise
    (None, "exercise", {}, "exercise"),
])
def test_exercise_classes(name, cls, quals, path):
    assert parse_exercise(name) == (cls, quals)
    assert exercise_path(cls) == path


def test_swimming_and_treadmill_share_aerobic_not_each_other():
    assert lineage("swimming") == ("swimming", "aerobic", "exercise")
    assert "treadmill" not in lineage("swimming")


# --------------------------------------------------------------------------- directions

def test_negation_and_agreement():
    assert effective_direction("increase", negated=True) == "no_change"
    assert effective_direction("modulate", negated=True) == "no_change"
    assert effective_direction("no_change", negated=True) == "modulate"
    assert effective_direction(None) == "modulate"
    assert agree("increase", "increase") and agree("modulate", "decrease")
    assert not agree("increase", "decrease") and not agree("no_change", "decrease")
    assert not agree("no_change", "modulate")


# --------------------------------------------------------------------------- context

SNI_MOUSE_SN = Context("disease_model", "mouse", "sciatic nerve", "SNI")


@pytest.mark.parametrize("other, expected", [
    (Context("disease_model", "mouse", "sciatic nerve", "SNI"), "same"),
    (Context(None, None, None, None), "same"),                                         # nothing stated
    (Context("disease_model", "mouse", "sciatic nerve", "SNI", "long-term"), "same"),   # protocol stated on one side
    (Context("disease_model", "mouse", "sciatic nerve", "CCI"), "comparable"),          # another model
    (Context("disease_model", "mouse", "sciatic nerve", "CCI; SNI"), "same"),           # in both models, SNI too
    (Context("disease_model", "mouse", "sciatic nerve", "CCI; SNL"), "comparable"),     # other models only
    (Context("disease_model", "mouse", "tibial nerve", "SNI"), "comparable"),           # same region, other nerve
    (Context("healthy", "mouse", "sciatic nerve", None), "differs"),
    (Context("disease_model", "rat", "sciatic nerve", "SNI"), "comparable"),            # another rodent
    (Context("disease_model", "mouse", "hippocampus", "SNI"), "differs"),
    (Context("disease_model", "rabbit", "sciatic nerve", "SNI"), "differs"),          # no rodent
    (Context("human_condition", "human", None, "DPN"), "differs"),
])
def test_context_relation(other, expected):
    assert context_relation(SNI_MOUSE_SN, other) == expected
    assert context_relation(other, SNI_MOUSE_SN) == expected                            # symmetric


def test_protocol_and_region_nesting():
    a = Context("disease_model", "rat", "spinal dorsal horn", "CCI", "long-term, high-intensity")
    assert context_relation(a, Context("disease_model", "rat", "spinal cord", "CCI", "long-term")) == "comparable"
    assert context_relation(a, Context("disease_model", "rat", "spinal cord", "CCI", "short-term")) == "comparable"
    assert context_relation(a, Context("disease_model", "rat", "DRG", "CCI")) == "differs"


@pytest.mark.parametrize("r, expected", [
    (dict(species="rat", model=None, context_from={"model": "healthy"}), "healthy"),   # the extractor's mark
    (dict(species="human", model=None, context_from='{"model": "healthy"}'), "healthy"),
    (dict(species="human", model="DPN"), "human_condition"),
    (dict(species="mouse", model="SNI"), "disease_model"),
    (dict(species="mouse", model=None), None),
    (dict(species=None, model=None), None),
    (dict(species="rat", model=None, population="healthy"), "healthy"),               # a stated population wins
])
def test_population(r, expected):
    assert population(r) == expected


def test_protocol_class_from_numbers():
    assert protocol_class({"duration_days_max": 42}) == "long-term"
    assert protocol_class({"duration_days_max": 1}) == "acute"
    assert protocol_class({"duration_days_min": 14, "intensity_low": 50, "intensity_high": 60,
                           "intensity_unit": "%HRmax"}) == "short-term, low-intensity"
    assert protocol_class({"intensity_low": 80, "intensity_unit": "%HRmax"}, {"frequency": "high-frequency"}) \
        == "high-intensity, high-frequency"
    assert protocol_class({}) is None


# --------------------------------------------------------------------------- stances

@pytest.mark.parametrize("kw, stance", [
    (dict(), "supports"),                                                   # same direction, same context
    (dict(direction="increase"), "contradicts"),                            # same model and tissue, opposite
    (dict(direction="increase", model="CCI"), "contradicts"),               # comparable: other model, same region
    (dict(direction="increase", negated=True), "contradicts"),              # "did not increase": no change vs a change
    (dict(direction="decrease", negated=True), "contradicts"),              # "did not decrease": no change
    (dict(direction="increase", species="rat"), "contradicts"),             # another rodent: comparable
    (dict(direction="increase", species="human", model=None), "context_differs"),  # people, not rodents
    (dict(direction="increase", tissue="hippocampus"), "context_differs"),  # another tissue
    (dict(direction="increase", species="mouse", model=None, context_from={"model": "healthy"}),
     "context_differs"),                                                    # healthy animals, same tissue
    (dict(species="rat"), "refines"),                                       # same effect, new species
    (dict(model="CCI"), "refines"),                                         # new model
    (dict(exercise="long-term treadmill"), "supports"),                     # protocol only on one side
    (dict(target="GFAP", target_id="HGNC:4235"), "new"),                    # no claim on this pair
    (dict(exercise="swimming"), "supports"),                                # sibling class: judged on aerobic
    (dict(exercise="resistance"), "supports"),                              # judged on the exercise claim
])
def test_stance_toward_a_review_claim(kw, stance):
    (j,) = [j for j in judge(review_state(), [ev(doc=2, **kw)]) if j.primary]
    assert j.stance == stance


def test_primary_claim_is_the_most_specific_existing_one():
    judged = judge(review_state(), [ev(doc=2, exercise="swimming", direction="increase")])
    assert [(j.key[0], j.stance, j.primary) for j in judged] == [
        ("swimming", "new", False), ("aerobic", "contradicts", True), ("exercise", "contradicts", False)]


def test_a_document_never_judges_itself():
    states = {}
    judged = add_document(states, [ev(doc=1), ev(doc=1, direction="increase")])
    assert primary_stances(judged) == {"new": 2}
    assert set(states) == {("treadmill", TNF, "effect"), ("aerobic", TNF, "effect"), ("exercise", TNF, "effect")}


# --------------------------------------------------------------------------- scores

def claim(states, cls="exercise"):
    return states[(cls, TNF, "effect")]


def test_one_document_counts_once_however_many_sentences_and_languages():
    repeated = [ev(doc=1, lang="zh"), ev(doc=1, lang="en", confidence=0.8), ev(doc=1, lang="zh", confidence=0.7)]
    states, _ = build(repeated)
    c = claim(states)
    assert (c.documents, c.evidence, c.languages) == (1, 3, {"zh": 2, "en": 1})
    s = c.summary()
    assert s["strength"] == 0.9 and s["documents_for"] == 1 and s["document_languages"] == ["zh"]
    two_docs, _ = build([ev(doc=1), ev(doc=2)])
    assert claim(two_docs).summary()["strength"] == pytest.approx(1 - 0.1 * 0.1)


def test_confidence_grows_with_documents_and_languages_and_falls_with_hedging():
    one = claim(build([ev(doc=1)])[0]).summary()["confidence"]
    hedged = claim(build([ev(doc=1, hedged=True)])[0]).summary()["confidence"]
    two_zh = claim(build([ev(doc=1), ev(doc=2)])[0]).summary()["confidence"]
    zh_en = claim(build([ev(doc=1), ev(doc=2, lang="en", doc_lang="en")])[0]).summary()["confidence"]
    assert hedged < one < two_zh < zh_en <= 1.0
    assert one == pytest.approx(0.9 * 0.9)          # consensus 1 × strength 0.9 × one language 0.9


def test_consensus_and_conflict():
    split, _ = build([ev(doc=1), ev(doc=2), ev(doc=3, direction="increase")])
    c = claim(split)
    assert c.direction == "decrease" and c.summary()["consensus"] == pytest.approx(2 / 3, abs=1e-3)
    assert c.conflict()
    elsewhere, _ = build([ev(doc=1), ev(doc=2), ev(doc=3, direction="increase", tissue="hippocampus")])
    assert not claim(elsewhere).conflict()          # opposite findings in another tissue region: no conflict
    rodents, _ = build([ev(doc=1), ev(doc=2), ev(doc=3, direction="increase", species="rat")])
    assert claim(rodents).conflict()                # in rats against mice: the same rodent literature
    lone, _ = build([ev(doc=d) for d in range(1, 6)] + [ev(doc=9, direction="increase")])
    assert 1 / 6 < CONFLICT_MIN_SHARE and not claim(lone).conflict()


def test_a_negated_finding_is_opposite_evidence():
    states, _ = build([ev(doc=1, direction="increase"), ev(doc=2, direction="increase", negated=True)])
    c = claim(states)
    assert c.direction == "increase" and c.summary()["documents_against"] == 1 and c.conflict()


def test_removing_a_document_undoes_adding_it():
    states, _ = build([ev(doc=1), ev(doc=2, species="rat")])
    before = {k: s.to_json() for k, s in states.items()}
    judged = add_document(states, [ev(doc=3, direction="increase"), ev(doc=3, target="GFAP", target_id="HGNC:4235")])
    empty = remove_document(states, judged)
    assert sorted(k[0] for k in empty) == ["aerobic", "exercise", "treadmill"] and all(k[1] == "HGNC:4235" for k in empty)
    for k in empty:
        del states[k]
    assert states.keys() == before.keys()
    for k, s in states.items():
        now, then = json.loads(s.to_json()), json.loads(before[k])
        assert {f: now[f] for f in now if f != "tally"} == {f: then[f] for f in then if f != "tally"}
        for d in now["tally"]:
            assert now["tally"][d] == pytest.approx(then["tally"][d], abs=1e-9)


def test_state_round_trips_through_json():
    states, _ = build([ev(doc=1), ev(doc=2, direction="increase", lang="en", doc_lang="en")])
    c = claim(states)
    back = ClaimState.from_json(c.to_json(), exercise_class=c.exercise_class, target_id=c.target_id,
                                kind=c.kind, target=c.target, direction=c.direction, documents=c.documents,
                                evidence=c.evidence)
    assert back.summary() == c.summary() and back.stance(ev(doc=5, species="rat")) == "refines"


def test_better_than_is_its_own_claim_kind():
    states, judged = build([ev(doc=1, exercise="HIIT", direction="better_than", target="pain", target_id="MESH:D010146"),
                            ev(doc=1, exercise="HIIT", direction="decrease", target="pain", target_id="MESH:D010146")])
    assert {k[2] for k in states} == {"comparison", "effect"}


def test_context_differing_evidence_is_reported_not_counted():
    states = review_state()
    judged = add_document(states, [ev(doc=2, direction="increase", tissue="hippocampus")])
    assert [j.stance for j in judged if j.primary] == ["context_differs"]
    c = claim(states, "treadmill")
    s = c.summary()
    assert c.documents == 2 and c.species == {"mouse": 2}
    assert (s["documents_against"], s["consensus"], s["conflict"]) == (0, 1.0, False)
    # a later finding in that other tissue is judged against it
    (j,) = [j for j in judge(states, [ev(doc=3, direction="decrease", tissue="hippocampus")]) if j.primary]
    assert j.stance == "refines"


def test_model_key_reads_each_coordinated_model():
    from litmine.consensus import model_key
    assert model_key("chronic constriction injury (CCI); SNI") == "CCI; SNI"
    assert model_key("sciatic nerve injury (SNI)") == "SNI" and model_key(" ") is None
