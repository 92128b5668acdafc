"""Relation extraction: golden table of sentences written for litmine (not from any paper)."""
import pytest

from litmine.pipeline import process_text


def rels(text):
    pd = process_text(text, "t.txt")
    return [(r.exercise, r.direction, r.target, r.negated, r.hedged) for r in pd.relations], pd


@pytest.mark.parametrize("text, expected", [
    # Chinese: lists become one relation each, the class noun after 等 is dropped
    ("跑台运动显著降低了SNI小鼠脊髓中TNF-α、IL-1β和IL-6的表达。",
     {("treadmill", "decrease", "TNF-α"), ("treadmill", "decrease", "IL-1β"), ("treadmill", "decrease", "IL-6")}),
    ("运动减少TNF-α、IL-1β等促炎因子释放。", {("exercise", "decrease", "TNF-α"), ("exercise", "decrease", "IL-1β")}),
    ("游泳训练提高了大鼠坐骨神经中SOD的活性。", {("swimming", "increase", "SOD")}),
    ("有氧运动上调了BDNF的mRNA水平。", {("aerobic", "increase", "BDNF")}),
    # target before trigger
    ("运动后CD206表达增加, CD86表达减少。", {("exercise", "increase", "CD206"), ("exercise", "decrease", "CD86")}),
    # English
    ("Treadmill running reduced TNF-α and IL-1β levels in the spinal dorsal horn of CCI rats.",
     {("treadmill", "decrease", "TNF-α"), ("treadmill", "decrease", "IL-1β")}),
    ("Swimming increased the expression of BDNF in the DRG.", {("swimming", "increase", "BDNF")}),
    ("IL-10 was elevated after eight weeks of aerobic exercise.", {("aerobic", "increase", "IL-10")}),
])
def test_directions_and_targets(text, expected):
    got, _ = rels(text)
    assert {(e, d, t) for e, d, t, _, _ in got} == expected


@pytest.mark.parametrize("text, target, negated, hedged, direction", [
    ("运动未能降低血清IL-6水平。", "IL-6", True, False, "decrease"),
    ("Exercise did not reduce serum IL-6.", "IL-6", True, False, "decrease"),
    ("Exercise failed to increase BDNF in the hippocampus.", "BDNF", True, False, "increase"),
    ("运动可能通过降低TNF-α减轻疼痛。", "TNF-α", False, True, "decrease"),
    ("Exercise may suppress microglial TNF-α release.", "TNF-α", False, True, "decrease"),
    ("跑台运动对IL-10水平没有明显影响。", "IL-10", False, False, "no_change"),
    ("Treadmill training did not alter IL-10 levels.", "IL-10", False, False, "no_change"),
    ("运动不仅降低了TNF-α的表达, 还提高了IL-10水平。", "TNF-α", False, False, "decrease"),
])
def test_negation_hedging_no_change(text, target, negated, hedged, direction):
    got, _ = rels(text)
    match = [g for g in got if g[2] == target]
    assert match, got
    _, d, _, neg, hed = match[0]
    assert (d, neg, hed) == (direction, negated, hedged)


def test_context_slots_and_protocol():
    _, pd = rels("6周跑台训练(每周5天, 60 min/天)显著抑制了SNI模型小鼠坐骨神经中TNF-α的表达[42]。")
    r = pd.relations[0]
    assert (r.exercise, r.target, r.species, r.tissue) == ("treadmill", "TNF-α", "mouse", "sciatic nerve")
    assert r.model.startswith("SNI") or "spared nerve injury" in r.model
    assert r.protocol.duration == "6 weeks" and r.protocol.duration_days_min == 42
    assert r.protocol.sessions_per_week == 5


def test_carried_subject_from_previous_sentence():
    _, pd = rels("跑台运动降低了脊髓中TNF-α的表达。此外, 还提高了IL-10水平。")
    r = [r for r in pd.relations if r.target == "IL-10"][0]
    assert r.exercise == "treadmill" and r.exercise_carried and r.exercise_text is None


def test_coordinated_modalities():
    _, pd = rels("1~6周的跑台运动和6~39天的游泳训练有效减轻了SNI模型中的神经性疼痛。")
    got = {(r.exercise, r.protocol.duration) for r in pd.relations}
    assert got == {("treadmill", "1-6 weeks"), ("swimming", "6-39 days")}
    _, pd = rels("有氧运动与抗阻运动的结合可以显著减轻疼痛。")
    assert {r.exercise for r in pd.relations} == {"aerobic+resistance"}


def test_comparison():
    got, pd = rels("结果显示HIIT在减轻疼痛方面优于中等强度有氧运动。")
    assert ("HIIT", "better_than") in {(e, d) for e, d, *_ in got}
    assert any(r.compared_to for r in pd.relations if r.direction == "better_than")


def test_pain_polarity():
    _, pd = rels("Treadmill running increased the paw withdrawal threshold and reduced thermal hyperalgesia.")
    effects = {r.pain_effect for r in pd.relations}
    assert effects == {"relieves"}


def test_no_exercise_no_relation():
    got, _ = rels("神经损伤后NGF表达增加, 小胶质细胞被激活并释放TNF-α。")
    assert got == []


def test_antagonist_blocks_only_its_own_trigger():
    got, _ = rels("运动减轻了机械性痛觉超敏, 但这一作用被纳洛酮逆转。")
    assert [(d, t) for _, d, t, *_ in got] == [("decrease", "mechanical allodynia")]
