"""How Chinese (CNKI/Wanfang-style) abstracts state exercise results: sentences written for litmine, one
construction each, as 结果/结论 sentences of animal and clinical studies put them."""
import pytest

from litmine.pipeline import process_text


def rels(text):
    return {(r.exercise, r.direction, r.target, r.negated) for r in process_text(text, "t.txt").relations}


@pytest.mark.parametrize("text, target", [
    ("游泳训练后大鼠脊髓中IL-6含量无显著性变化。", "IL-6"),
    ("跑台运动组BDNF表达未见明显的改变。", "BDNF"),
    ("有氧运动对患者HbA1c没有显著性影响。", "HbA1c"),
])
def test_no_change_with_the_adverb_as_noun(text, target):
    """无显著性变化 / 未见明显的改变 / 没有显著性影响: the 显著性 and 明显的 forms of a no-change phrase."""
    got = rels(text)
    assert any(d == "no_change" and t == target and not neg for _, d, t, neg in got), got
    assert not any(d in ("increase", "decrease") and t == target for _, d, t, _ in got), got


def test_a_change_without_a_significant_difference_is_negated():
    got = rels("游泳运动后坐骨神经中TNF-α水平有所降低,但无显著性差异。")
    assert ("swimming", "decrease", "TNF-α", True) in got, got


def test_no_significant_difference_from_normal_is_not_a_negation():
    """与正常组比较无显著性差异 after a change: the exercise restored the value, the change stands."""
    got = rels("跑台运动组大鼠机械缩足阈值明显升高,与正常组比较无显著性差异。")
    assert any(d == "increase" and not neg for _, d, _, neg in got), got


@pytest.mark.parametrize("text, target", [
    ("八段锦有助于改善患者的血糖。", "blood glucose"),
    ("有氧运动能够改善糖尿病患者的胰岛素抵抗。", "insulin resistance"),
])
def test_improving_a_metabolic_risk_marker_lowers_it(text, target):
    got = rels(text)
    assert any(d == "decrease" and t == target for _, d, t, _ in got), got
    assert not any(d == "increase" and t == target for _, d, t, _ in got), got


def test_improving_a_disorder_of_a_measure_lowers_the_disorder():
    """改善糖代谢紊乱: the disorder (紊乱) lessens, though the tagged measure is 糖代谢 itself."""
    got = rels("结论:游泳训练能够改善糖尿病大鼠的糖代谢紊乱。")
    assert any(d == "decrease" for _, d, _, _ in got) and not any(d == "increase" for _, d, _, _ in got), got
    got = rels("结论:游泳训练能够改善糖尿病大鼠的糖代谢。")
    assert any(d == "increase" for _, d, _, _ in got), got


def test_the_usual_care_every_arm_receives_is_no_effect():
    """两组均接受常规治疗: 常规治疗 is a treatment noun, not the exercise treating the disease."""
    text = ("方法 将80例糖尿病周围神经病变患者随机分为观察组与对照组,两组均接受糖尿病周围神经病变常规治疗,"
            "观察组在此基础上进行太极拳训练。")
    assert not rels(text), rels(text)
    assert ("tai chi", "decrease", "DPN", False) in rels("太极拳训练可以治疗糖尿病周围神经病变。")


def test_training_load_grades_intensity():
    got = rels("结果显示:小负荷的游泳训练对大鼠血清IL-6无显著性影响,而大负荷的游泳训练使IL-6显著升高。")
    assert ("low-intensity swimming", "no_change", "IL-6", False) in got, got
    assert ("high-intensity swimming", "increase", "IL-6", False) in got, got
