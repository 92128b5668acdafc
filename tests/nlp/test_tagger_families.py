"""Mentions no lexicon lists: descriptive outcome phrases headed by a measure noun, coordination ellipsis,
and their ids; sentences written for these tests."""
import pytest

from litmine.nlp.tagger import _phrase_id
from litmine.pipeline import process_text


def outcomes(text):
    return {(m.text, m.name) for m in process_text(text).mentions if m.label == "OUTCOME"}


@pytest.mark.parametrize("text, expected", [
    ("Swimming improved sensorimotor function in injured mice.", ("sensorimotor function", "sensorimotor function")),
    ("Training shortened jumping latency on the hot plate.", ("jumping latency", "jumping latency")),
    ("Running restored bladder function after the lesion.", ("bladder function", "bladder function")),
    ("Exercise sped up functional recovery of the limb.", ("functional recovery of the limb", "functional recovery of the limb")),
    ("Myelin thickness was larger in trained rats.", ("Myelin thickness", "Myelin thickness")),
    # a lexicon form since 7787751 (limb and body strength are muscle strength): found, and normalised
    ("Cycling increased upper-body strength in the cohort.", ("upper-body strength", "muscle strength")),
    ("Exercise raised the number of myelinated axons.", ("number of myelinated axons", "number of myelinated axons")),
    ("游泳训练改善了大鼠坐骨神经结构。", ("坐骨神经结构", "坐骨神经结构")),
    ("运动训练后大鼠神经功能明显恢复。", ("神经功能", "神经功能")),
    ("有氧运动改善了患者的糖代谢。", ("糖代谢", "糖代谢")),
    ("训练后P2波潜伏期缩短。", ("P2波潜伏期", "P2波潜伏期")),
])
def test_measure_noun_phrases(text, expected):
    assert expected in outcomes(text)


@pytest.mark.parametrize("text, expected", [
    ("Exercise enlarged fibre and axon diameter.", {("fibre", "fibre diameter"), ("axon diameter", "axon diameter")}),
    ("Treadmill training restored motor and nerve function.", {("motor", "motor function"), ("nerve function", "nerve function")}),
    ("Swimming reduced licking and flinching responses.", {("licking", "licking responses"), ("flinching responses", "flinching responses")}),
])
def test_coordinated_modifiers_share_the_head(text, expected):
    assert expected <= outcomes(text)


@pytest.mark.parametrize("text, absent", [
    ("Exercise lowered BDNF plasma concentration.", "plasma concentration"),  # the molecule's measure
    ("As a function of time, the area was measured.", "function"),          # no outcome modifier
    ("运动组大鼠机械痛阈值明显高于模型组。", "机械痛阈值"),                      # the lexicon's own form wins
])
def test_no_phrase_without_an_outcome_modifier(text, absent):
    assert not any(absent == t or absent in n and t != n for t, n in outcomes(text))


def test_molecule_stays_the_target_of_its_levels():
    ms = process_text("Exercise lowered serum TNF-α concentration.").mentions
    assert any(m.name == "TNF-α" and m.label == "CYTOKINE" for m in ms)


def test_phrase_ids_are_deterministic():
    assert _phrase_id("Axon  Diameter") == _phrase_id("axon diameter") == "LM:outcome:axon_diameter"
    assert _phrase_id("坐骨神经结构") == "LM:outcome:坐骨神经结构"


def test_relation_takes_a_phrase_target_in_both_languages():
    en = process_text("Six weeks of treadmill exercise increased axon diameter in the sciatic nerve of rats.").relations
    zh = process_text("6周跑台运动显著改善了大鼠坐骨神经结构。").relations
    assert ("increase", "axon diameter") in {(r.direction, r.target) for r in en}
    assert "坐骨神经结构" in {r.target for r in zh}


@pytest.mark.parametrize("text, expected", [
    ("Exercise may ease inflammatory and neuropathic pain states.", ("inflammatory", "inflammatory pain")),
    ("Running reduced cold and mechanical hyperalgesia in SNI mice.", ("cold", "cold allodynia")),  # the lexicon row
])
def test_adjective_shares_the_head_of_the_next_mention(text, expected):
    assert expected in {(m.text, m.name) for m in process_text(text).mentions}


def test_aerobic_before_a_fitness_head_is_no_exercise():
    ms = process_text("Twelve weeks of cycling improved aerobic capacity and peak aerobic power.").mentions
    assert ("peak aerobic power", "OUTCOME") in {(m.text, m.label) for m in ms}
    assert [m.text for m in ms if m.label == "EXERCISE"] == ["cycling"]


def test_recovery_from_an_injury():
    assert any(t.startswith("recovery from sciatic nerve") for t, _ in outcomes("Swimming sped recovery from sciatic nerve crush."))


def test_acronym_plural_is_found():
    ms = process_text("PWTs rose after exercise.").mentions
    assert any(m.name == "paw withdrawal threshold" for m in ms)


@pytest.mark.parametrize("text, label", [
    ("Trained women kept a higher relative dose intensity (RDI). The RDI was 96%.", "OUTCOME"),
    ("运动组的胰岛素抵抗指数(HOMA-IR)降低。", "OUTCOME"),
])
def test_abbreviation_of_a_measure_is_an_outcome(text, label):
    ms = process_text(text).mentions
    assert label in {m.label for m in ms if m.text in ("RDI", "HOMA-IR")}


def test_mesh_plain_words_match_in_any_case():
    from litmine.nlp.lexicon import load_lexicon
    gen = load_lexicon().generated
    assert gen.lookup("axons").id == gen.lookup("Axons").id == "MESH:D001369"


def proteins(text):
    return {(m.text, m.name) for m in process_text(text).mentions if m.source == "pattern" and m.label == "GENE_OR_PROTEIN"}


@pytest.mark.parametrize("text, expected", [
    ("Training raised Zqx7 expression in the cord.", {("Zqx7", "Zqx7")}),
    ("Training lowered the levels of QRB2 and Zqx7.", {("QRB2", "QRB2"), ("Zqx7", "Zqx7")}),
    ("Running cut p-QRB2 in the DRG.", {("p-QRB2", "p-QRB2")}),
    ("We counted QRB2-positive neurons and Zqx7+ cells.", {("QRB2", "QRB2"), ("Zqx7", "Zqx7")}),
    ("运动上调了Zqx7和QRB2的表达。", {("Zqx7", "Zqx7"), ("QRB2", "QRB2")}),
    ("游泳降低了p-QRB2水平。", {("p-QRB2", "p-QRB2")}),
])
def test_protein_shaped_tokens_with_a_cue(text, expected):
    assert expected <= proteins(text)


@pytest.mark.parametrize("text", [
    "Zqx7 was the code of the cohort.",             # no cue
    "RT-PCR and ELISA levels were read in the SD rats.",  # lab acronyms
    "运动组QRB2组的大鼠。",
])
def test_protein_shaped_tokens_without_a_cue_are_not_tagged(text):
    assert not proteins(text)


def test_chinese_words_sharing_the_head_of_the_next_outcome():
    from litmine.pipeline import process_text
    d = process_text("减重平板训练能有效改善脊髓损伤大鼠运动及神经功能。", "t.txt")
    names = {(m.text, m.name) for m in d.mentions}
    assert ("运动", "motor function") in names and not any(m.label == "EXERCISE" and m.text == "运动" for m in d.mentions)
    assert any(r.target == "motor function" and r.direction == "increase" for r in d.relations)
    d = process_text("运动和疼痛的关系尚不清楚。", "t.txt")  # no shared head: 运动 stays the exercise
    assert any(m.label == "EXERCISE" and m.text == "运动" for m in d.mentions)


@pytest.mark.parametrize("text, exercise, other", [
    ("Exercise produced improvements in balance and reductions in neuropathic pain.", None, ("balance", "balance function")),
    ("Aerobic and resistance training reduced pain scores.", "Aerobic and resistance training", None),
    ("Patients did aerobic or resistance exercise.", "aerobic", None),
    ("Balance training improved balance in patients with CIPN.", "Balance training", ("balance", "balance function")),
])
def test_bare_modality_words(text, exercise, other):
    from litmine.pipeline import process_text
    ms = process_text(text, "t.txt").mentions
    ex = [m.text for m in ms if m.label == "EXERCISE"]
    if exercise:
        assert exercise in ex, ex
    if other:
        assert (other[0], other[1]) in {(m.text, m.name) for m in ms if m.label != "EXERCISE"}, ms


def test_neither_nor_covers_both_exercises():
    from litmine.pipeline import process_text
    got = {(r.exercise, r.direction, r.target) for r in process_text(
        "Neither swimming nor treadmill running changed body weight.", "t.txt").relations}
    assert {("swimming", "no_change", "body weight"), ("treadmill", "no_change", "body weight")} <= got, got
