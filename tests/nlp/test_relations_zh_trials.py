"""Chinese trial abstracts: traditional exercises, arms, measures dated before/after training, balance measures.
Sentences written for litmine, one construction each, as 方法/结果/结论 sentences of CNKI-style abstracts put them."""
import pytest

from litmine.pipeline import process_text


def rels(text):
    return {(r.exercise, r.direction, r.target, r.negated) for r in process_text(text, "t.txt").relations}


@pytest.mark.parametrize("text, exercise", [
    ("结论:易筋经功法锻炼可以提高老年人的握力。", "Yijinjing"),
    ("五禽戏练习能够提高帕金森病患者的平衡能力。", "Wuqinxi"),
    ("六字诀可改善慢性阻塞性肺疾病患者的生活质量。", "Liuzijue"),
    ("传统功法练习能够提高老年人的平衡能力。", "qigong"),
])
def test_traditional_chinese_exercises_are_named(text, exercise):
    """易筋经, 五禽戏, 六字诀 and 传统功法 are exercises of their own (qigong forms), not the generic 运动."""
    got = rels(text)
    assert any(e == exercise and d == "increase" for e, d, _, _ in got), got


def test_a_training_word_dating_a_value_is_no_agent():
    """较训练前下降: 训练前 (before training) dates the value; the modality named earlier is the agent."""
    got = rels("结果:五禽戏组练习8周后,握力较训练前增加(P<0.05)。")
    assert ("Wuqinxi", "increase", "grip strength", False) in got, got
    assert not any(e == "exercise" for e, _, _, _ in got), got


def test_balance_as_a_noun_is_no_modulate_trigger():
    """各项平衡指标均较训练前下降: 平衡 names the measure; 下降 is the change, and sway lessens."""
    got = rels("太极拳练习12周后,闭眼时重心摆动速度、摆动面积等各项平衡指标均较训练前下降(P<0.01)。")
    assert ("tai chi", "decrease", "postural sway", False) in got, got
    assert not any(d == "modulate" for _, d, _, _ in got), got


def test_both_subgroups_of_one_exercise_cohort_changing_is_the_exercises():
    """No arm goes without the exercise (a cohort split by response): '两组…均降低' is the exercise's effect;
    with a control arm in the study it is not."""
    cohort = ("方法 选取完成16周八段锦练习的慢性颈痛患者40例,按疗效分为显效组和一般组。"
              "结果 两组患者练习后VAS评分均降低(P<0.05)。")
    assert ("Baduanjin", "decrease", "VAS", False) in rels(cohort), rels(cohort)
    trial = ("方法 将慢性颈痛患者40例分为观察组和对照组,观察组进行八段锦练习,对照组接受常规治疗。"
             "结果 两组患者治疗后VAS评分均降低(P<0.05)。")
    assert not any(t == "VAS" for _, _, t, _ in rels(trial)), rels(trial)


def test_a_change_score_compared_between_subgroups_is_no_change_of_the_score():
    """显效组VAS评分前后差值高于一般组: the size of the change is compared, VAS did not rise."""
    got = rels("方法 选取完成16周八段锦练习的患者40例。结果 显效组VAS评分干预前后差值高于一般组(P<0.01)。")
    assert not any(t == "VAS" and d == "increase" for _, d, t, _ in got), got


def test_motion_analysis_is_no_exercise():
    """三维运动分析系统 / 运动平面: 运动 is motion; the trial's exercise stays the agent of the next result."""
    text = ("方法 患者进行12周太极拳练习。采用三维运动分析系统分析患者的步态。"
            "结果 患者练习后VAS评分降低(P<0.05)。")
    assert ("tai chi", "decrease", "VAS", False) in rels(text), rels(text)


def test_a_joint_moment_is_not_muscle_strength():
    got = rels("方法 患者进行12周太极拳练习。结果 患者下楼梯时踝关节肌力矩较干预前减小(P<0.05)。")
    assert not any(t == "muscle strength" for _, _, t, _ in got), got
    assert ("tai chi", "decrease", "joint moment", False) in got, got
