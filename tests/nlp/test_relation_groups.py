"""Study-group codes and group comparisons: sentences written for litmine (not from any paper)."""
import pytest

from litmine.nlp.relations.groups import find_groups
from litmine.pipeline import process_text


def triples(text):
    pd = process_text(text, "t.txt")
    return {(r.exercise, r.direction, r.target, r.compared_to) for r in pd.relations}, pd


ZH_GROUPS = ("方法:40只SD大鼠随机分为假手术组(S组,n=10)、模型对照组(M,n=10)、模型游泳组(MS,n=10)和模型跑台组(MT,n=10)。"
             "结果:与M组相比,MS组和MT组大鼠脊髓TNF-α含量均显著降低;MT组IL-6含量低于MS组。")
EN_GROUPS = ("Mice were divided into sham, SNI sedentary (SNI-SED) and SNI with swimming or running (SNI-SW or SNI-RUN) groups. "
             "Both SNI-SW and SNI-RUN groups showed lower IL-6 levels than the SNI-SED group.")


def test_codes_resolve_to_their_exercise_and_controls():
    pd = process_text(ZH_GROUPS, "t.txt")
    g = find_groups(pd.document.text, pd.mentions)
    assert g["MS"].exercise.name == "swimming" and g["MT"].exercise.name == "treadmill"
    assert g["M"].control and g["M"].exercise is None and g["S"].control
    pd = process_text(EN_GROUPS, "t.txt")
    g = find_groups(pd.document.text, pd.mentions)
    assert g["SNI-SW"].exercise.name == "swimming" and g["SNI-RUN"].exercise.name == "running"
    assert g["SNI-SED"].control


def test_one_relation_per_arm_and_arm_against_arm():
    got, _ = triples(ZH_GROUPS)
    assert ("swimming", "decrease", "TNF-α", None) in got and ("treadmill", "decrease", "TNF-α", None) in got
    # one exercise arm against another is a comparison of exercises, not a decrease
    assert ("treadmill", "better_than", "IL-6", "swimming") in got
    assert not any(e == "treadmill" and d == "decrease" and t == "IL-6" for e, d, t, _ in got)
    got, _ = triples(EN_GROUPS)
    assert {("swimming", "decrease", "IL-6", None), ("running", "decrease", "IL-6", None)} <= got


@pytest.mark.parametrize("text", [
    # the control arm changes together with the exercise arm: the injury's effect
    "大鼠分为对照组(C组)、糖尿病组(D组)和糖尿病跑台组(DT组)。与C组相比,D组和DT组大鼠MNCV均显著下降。",
    "Rats were divided into sham (SH), CCI sedentary (CS) and CCI treadmill (CT) groups. "
    "CS and CT groups both showed decreased MNCV compared with the SH group.",
])
def test_change_shared_with_a_control_arm_is_not_an_exercise_effect(text):
    got, _ = triples(text)
    assert not any(t == "nerve conduction velocity" and d == "decrease" for _, d, t, _ in got)


def test_short_codes_need_a_group_noun_and_abbreviations_are_not_groups():
    text = ("大鼠分为对照组(C组)和有氧运动组(A组)。A组大鼠血清IL-6水平低于C组。"
            "C-fiber responses and SNI (spared nerve injury) were studied.")
    pd = process_text(text, "t.txt")
    g = find_groups(pd.document.text, pd.mentions)
    assert "SNI" not in g and g["A"].exercise.name == "aerobic"
    got = {(r.exercise, r.direction, r.target) for r in pd.relations}
    assert ("aerobic", "decrease", "IL-6") in got


def test_better_than_control_is_an_improvement():
    got, _ = triples("Paw withdrawal thresholds of the exercised group were significantly better than "
                     "those of the sedentary group.")
    assert ("exercise", "increase", "paw withdrawal threshold", None) in got
    got, _ = triples("运动组大鼠机械痛阈值明显高于模型组。")
    assert ("exercise", "increase", "paw withdrawal threshold", None) in got


def test_exerciser_nouns_are_the_exercise():
    got, _ = triples("Adherent exercisers showed a greater increase in muscle strength than usual-care patients.")
    assert ("exercise", "increase", "muscle strength", None) in got


def test_arms_named_by_their_dose_are_exercise_arms_of_the_study_exercise():
    text = ("大鼠随机分为3组:正常对照组(NC)、中等强度组(ME)、高强度组(HI),进行8周跑台训练。"
            "结果显示,ME组大鼠CaN活性、NFAT1蛋白含量均显著升高,NC组无明显变化。")
    got = {(r.exercise, r.direction, r.target) for r in process_text(text, "t.txt").relations}
    assert {("moderate-intensity treadmill", "increase", "CaN"),
            ("moderate-intensity treadmill", "increase", "NFATC2")} <= got, got
    assert not any(t == "蛋白含量" for _, _, t in got)


def test_both_exercises_after_the_arms_a_sentence_names():
    text = ("糖尿病大鼠随机分为糖尿病对照组(D组)、有氧运动组(AE组)和抗阻运动组(RE组)。"
            "与D组相比,AE组和RE组FBG均显著降低;两种运动均能改善糖代谢。")
    got = {(r.exercise, r.direction, r.target) for r in process_text(text, "t.txt").relations}
    assert {("aerobic", "increase", "糖代谢"), ("resistance", "increase", "糖代谢")} <= got, got


def test_named_clinical_arms_take_what_they_received():
    text = ("将60例患者随机分为观察组和对照组,观察组在常规治疗基础上进行有氧运动训练,对照组仅给予常规治疗。"
            "干预8周后,观察组患者的NRS评分、PSQI评分均明显低于对照组,SF-36评分明显高于对照组。")
    got = {(r.exercise, r.direction, r.target) for r in process_text(text, "t.txt").relations}
    assert {("aerobic", "decrease", "NRS"), ("aerobic", "decrease", "PSQI")} <= got, got


def test_named_trial_arms_in_english():
    text = ("Participants in the intervention group performed supervised aerobic exercise three times a week for "
            "12 weeks, while the control group received usual care. At 12 weeks, the intervention group reported "
            "lower pain interference than the control group.")
    got = {(r.exercise, r.direction, r.target) for r in process_text(text, "t.txt").relations}
    assert ("aerobic", "decrease", "pain interference") in got, got
