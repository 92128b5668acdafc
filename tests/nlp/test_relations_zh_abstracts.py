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


def test_improving_a_disorder_of_a_measure_raises_the_measure():
    """改善糖代谢紊乱: the disorder (紊乱) lessens; the tagged measure, 糖代谢 itself, is the target, and it improves
    (a decrease of glucose metabolism would read as a worse metabolism)."""
    got = rels("结论:游泳训练能够改善糖尿病大鼠的糖代谢紊乱。")
    assert any(d == "increase" for _, d, _, _ in got) and not any(d == "decrease" for _, d, _, _ in got), got
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


_STZ = ("方法:大鼠腹腔注射STZ建立糖尿病模型,分为糖尿病组(DM组)和糖尿病运动组(DE组),另设正常对照组(NC组)。"
        "DE组进行8周游泳训练。")


def test_a_comparison_clause_takes_the_targets_the_clause_before_it_named():
    """"DM组X较NC组升高, DE组较DM组降低": the second clause compares the exercise arm on the same X."""
    got = rels(_STZ + "结果:DM组DRG中TRPV1和CGRP表达较NC组升高,DE组较DM组降低(P<0.05)。")
    assert {("swimming", "decrease", "TRPV1", False), ("swimming", "decrease", "CGRP", False)} <= got, got
    assert not any(d == "increase" for _, d, _, _ in got), got


@pytest.mark.parametrize("tail", [
    "DM组血清IL-6显著高于NC组,DE组虽较DM组降低,但仍高于NC组。",  # still above normal: the shortfall is no effect
    "DM组血清IL-6显著高于NC组;DE组GDNF表达较DM组降低。",  # after a semicolon: a new statement with its own target
])
def test_no_elided_target_when_the_clause_is_a_shortfall_or_stands_alone(tail):
    got = rels(_STZ + "结果:" + tail)
    assert not any(t == "IL-6" and d == "increase" for _, d, t, _ in got), got
    if "仍" in tail:  # the clause before the shortfall still states the exercise's decrease
        assert ("swimming", "decrease", "IL-6", False) in got, got
    else:
        assert not any(t == "IL-6" for _, _, t, _ in got), got


def test_the_measure_compared_between_groups_did_not_differ():
    text = ("方法:患者随机分为观察组和对照组,观察组进行太极拳锻炼。结果:观察组NRS评分低于对照组(P<0.05);"
            "两组患者握力比较,差异无统计学意义(P>0.05)。")
    got = rels(text)
    assert ("tai chi", "no_change", "grip strength", False) in got, got
    assert ("tai chi", "decrease", "NRS", False) in got, got  # the semicolon keeps the NRS result apart


def test_a_later_clause_with_its_own_target_keeps_its_non_significance():
    got = rels(_STZ + "结果:与DM组比较,DE组BDNF表达降低(P<0.05),而KCC2表达差异无统计学意义(P>0.05)。")
    assert ("swimming", "decrease", "BDNF", False) in got, got
    assert ("swimming", "no_change", "KCC2", False) in got, got


def test_the_model_groups_changes_carry_no_exercise():
    """"与Sham组相比, SNI组…降低, …升高": every clause reports the injury, though the last sentence named a run."""
    text = ("方法:小鼠分为Sham组、SNI组和SNI+运动组,SNI+运动组进行4周跑台训练。"
            "结果:与Sham组相比,SNI组小鼠机械缩足阈值显著降低,脊髓背角Iba-1和P2X4表达明显升高。")
    assert not any(t in ("Iba-1", "P2X4") for _, _, t, _ in rels(text)), rels(text)


def test_after_a_semicolon_the_injured_animal_is_the_subject():
    got = rels("结果:运动干预使大鼠创面愈合加快;伤后大鼠血清TNF-α含量明显上升。")
    assert not any(t == "TNF-α" for _, _, t, _ in got), got


_TRIAL = ("方法:将60例DPN患者随机分为试验组与对照组,两组均给予常规降糖治疗,试验组在此基础上练习八段锦。")


def test_the_size_of_a_change_compared_with_control_keeps_the_change_direction():
    """"试验组降低幅度大于对照组": a greater decrease of a score where lower is better, not an increase."""
    got = rels(_TRIAL + "结果:两组治疗后TCSS评分均降低,试验组降低幅度大于对照组(P<0.05)。")
    assert ("Baduanjin", "decrease", "TCSS", False) in got, got
    assert not any(d == "increase" for _, d, _, _ in got), got


def test_both_groups_changing_with_one_exercise_arm_is_no_exercise_effect():
    got = rels(_TRIAL + "结果:两组治疗后空腹血糖均降低(P<0.05)。")
    assert not got, got


def test_a_neuropathy_score_improved_is_lowered():
    assert ("Baduanjin", "decrease", "TCSS", False) in rels("结论:八段锦能够改善DPN患者的TCSS评分。")


def test_a_list_of_full_names_with_abbreviations_some_unknown():
    """"…谷胱甘肽过氧化酶(GSH-Px)、过氧化物酶(CAT)值有显著性升高": one list, though a full name is not in the lexicon."""
    got = rels("结果:有氧运动组大鼠血清超氧化物歧化酶(SOD)、谷胱甘肽过氧化酶(GSH-Px)、过氧化物酶(CAT)值有显著性升高,"
               "空腹血糖值(FBG)、丙二醛(MDA)值呈显著性下降。")
    assert {("aerobic", "increase", t, False) for t in ("SOD", "GPx", "CAT")} <= got, got
    assert {("aerobic", "decrease", t, False) for t in ("blood glucose", "MDA")} <= got, got


_DIET = ("方法:糖尿病大鼠分为DM组、运动组(DE组)、膳食控制组(DD组)和运动+膳食控制组(DED组),DE组进行8周游泳训练。"
         "结果:有氧运动可以降低糖尿病大鼠FPG水平,")


@pytest.mark.parametrize("tail, target", [
    ("而膳食控制对糖尿病大鼠FPG水平没有显著性影响,可以显著性提高糖尿病大鼠FINS水平。", "insulin"),
    ("而推拿治疗使大鼠血清IL-6含量降低。", "IL-6"),
])
def test_a_clause_whose_subject_is_another_intervention_is_not_the_exercises(tail, target):
    got = rels(_DIET + tail)
    assert ("aerobic", "decrease", "blood glucose", False) in got, got  # the exercise's own clause stands
    assert not any(t == target for _, _, t, _ in got), got
    assert not any(d == "no_change" for _, d, _, _ in got), got


def test_an_interaction_is_no_change_of_the_measure():
    got = rels(_DIET + "有氧运动联合膳食控制对降低FPG水平没有显著性交互作用。")
    assert {r for r in got if r[2] == "blood glucose"} == {("aerobic", "decrease", "blood glucose", False)}, got


def test_the_frame_dui_v_x_without_an_effect_denies_the_change():
    got = rels("结果:跑台运动对降低糖尿病大鼠血清TNF-α含量无明显作用。")
    assert ("treadmill", "decrease", "TNF-α", True) in got, got
    assert ("treadmill", "decrease", "TNF-α", False) in rels("结果:跑台运动对降低糖尿病大鼠血清TNF-α含量有显著的作用。")


def test_an_exercise_named_as_the_cause_inside_an_object_is_no_subject():
    got = {(e, d, t): h for e, d, t, h in
           {(r.exercise, r.direction, r.target, r.hedged) for r in process_text(
               "结论:长期的游泳训练可能减轻力竭性运动所引起的骨骼肌损伤,减轻机体的炎症反应。", "t.txt").relations}}
    assert got.get(("long-term swimming", "decrease", "inflammation")) is True, got  # the modal covers both verbs
    assert not any(e == "exercise" for e, _, _ in got), got


@pytest.mark.parametrize("text, expected", [
    ("结果:运动组大鼠血C肽浓度升高,HOMA-IR显著低于DM组。", {("exercise", "increase", "C-peptide"), ("exercise", "decrease", "HOMA-IR")}),
    ("结果:有氧运动组LDL-C和甘油三酯均低于对照组,HDL-C高于对照组。",
     {("aerobic", "decrease", "LDL-C"), ("aerobic", "decrease", "triglycerides"), ("aerobic", "increase", "HDL-C")}),
])
def test_metabolic_markers_of_diabetes_studies(text, expected):
    got = {(e, d, t) for e, d, t, _ in rels(text)}
    assert expected <= got, got


def test_preventing_a_decline_of_function_raises_it():
    got = rels("结论:运动疗法可预防机体功能下降。")
    assert any(d == "increase" and "功能" in t for _, d, t, _ in got), got
    assert not any(d == "decrease" for _, d, _, _ in got), got


def test_two_study_arms_coordinated_are_two_relations_not_one_programme():
    """"有氧运动和抗阻力运动有助于…" after arms "有氧运动组…抗阻力运动组": each arm, not aerobic+resistance."""
    text = ("方法:患者随机分为有氧运动组和抗阻力运动组,分别完成12周的有氧运动及抗阻力运动。"
            "结论:有氧运动和抗阻力运动有助于DPN患者神经传导速度的改善。")
    got = {(e, d, t) for e, d, t, _ in rels(text)}
    assert {("aerobic", "increase", "nerve conduction velocity"), ("resistance", "increase", "nerve conduction velocity")} <= got
    assert not any(e == "aerobic+resistance" for e, _, _ in got), got
    assert any(e == "aerobic+resistance" for e, _, _, _ in rels("结论:有氧运动与抗阻运动相结合有助于神经传导速度的改善。"))


def test_changes_coordinated_by_he_each_take_the_target_before_them():
    got = rels("运动能够产生镇痛效应,表现为疼痛阈值增加和疼痛强度降低。")
    assert {("exercise", "increase", "pain threshold", False), ("exercise", "decrease", "pain intensity", False)} <= got, got
    assert ("exercise", "increase", "quality of life", False) in rels("运动可以改善和提高患者的生活质量。")


@pytest.mark.parametrize("text, expected", [
    ("运动后疼痛感知阈值和疼痛忍耐力增加。", {("exercise", "increase", "pain threshold"), ("exercise", "increase", "pain tolerance")}),
    ("结论:八段锦可有效降低患者的血液黏度。", {("Baduanjin", "decrease", "blood viscosity")}),
    ("观察组进行太极拳锻炼。结果:观察组干预后麻木症状明显减轻。", {("tai chi", "decrease", "numbness")}),
])
def test_clinical_outcomes_of_chinese_trials(text, expected):
    got = {(e, d, t) for e, d, t, _ in rels(text)}
    assert expected <= got, got


def test_a_topic_phrase_before_a_comparison_is_no_finding():
    got = rels("结果:三个运动组大鼠FBG都低于安静组;在对改善脂代谢上,低强度运动组TC最低。")
    assert not any(t == "脂代谢" for _, _, t, _ in got), got


def test_the_arm_that_changed_more_takes_the_measure_both_arms_changed():
    text = ("方法 患者随机分为干预组和对照组,干预组进行12周渐进性抗阻训练。"
            "结果 两组患者干预后疼痛评分均较干预前下降,且干预组下降更明显(P<0.05)。")
    got = rels(text)
    assert ("resistance", "decrease", "pain intensity", False) in got, got
    assert len(got) == 1, got  # both arms' decrease is no exercise effect


def test_falls_are_an_outcome_and_falls_still_a_verb():
    assert ("tai chi", "decrease", "accidental falls", False) in rels("经过6个月太极拳练习,患者跌倒次数减少。")
    assert ("exercise", "decrease", "pain", False) in rels("Pain falls after exercise in these patients.")


def test_a_difference_between_arms_that_both_exercise_is_not_the_exercises():
    """"对照组采用核心稳定训练, 观察组采用针刺结合核心稳定训练": the arms differ by the acupuncture."""
    text = ("方法 患者随机分为对照组和观察组。对照组采用核心稳定训练治疗,观察组采用针刺结合核心稳定训练治疗,持续4周。"
            "结果 治疗后,观察组ODI评分、VAS评分分别低于对照组(P<0.05)。")
    assert not rels(text), rels(text)
    # both arms changed from baseline: the exercise both arms did, never the difference the acupuncture makes
    got = rels(text + "治疗后,2组患者腰部肌耐力均长于治疗前。")
    assert got <= {("core stability", "increase", "endurance", False)}, got
    text = ("方法 患者随机分为对照组和观察组。对照组接受健康教育,观察组采用核心稳定训练治疗,持续4周。"
            "结果 治疗后,观察组ODI评分、VAS评分分别低于对照组(P<0.05)。")
    assert {("core stability", "decrease", t, False) for t in ("ODI", "VAS")} <= rels(text), rels(text)


def test_the_frame_duiyu_v_x_not_evident_denies_the_change():
    got = rels("结论 两种训练对于改善伸腰肌力、竖脊肌厚度均不明显。")
    assert got and all(neg for _, _, _, neg in got), got


def test_a_positive_influence_that_exists_is_an_improvement():
    got = rels("结论 八段锦对老年患者的平衡功能存在积极影响。")
    assert ("Baduanjin", "increase", "balance function", False) in got, got


def test_coordinated_prefixes_share_the_intensity_head():
    got = {(e, d, t) for e, d, t, _ in rels("结果:高、中、低强度运动组大鼠机械缩足阈值均高于模型组。")}
    assert {(f"{q}-intensity exercise", "increase", "paw withdrawal threshold") for q in ("high", "moderate", "low")} <= got, got


def test_a_value_clause_names_the_measure_the_comparison_after_it_judges():
    """"中强度运动组血清TNF-α含量为(35.2±4.1)ng/L, 明显低于模型组"."""
    got = rels("结果:中强度运动组大鼠血清TNF-α含量为(35.2±4.1)ng/L,明显低于模型组。")
    assert ("moderate-intensity exercise", "decrease", "TNF-α", False) in got, got
    assert not rels("结果:模型组大鼠血清TNF-α含量为(65.2±4.1)ng/L,明显高于假手术组。"), "the model group is no exercise"


@pytest.mark.parametrize("text, target", [
    ("结果:运动干预未对血清IL-6产生显著影响。", "IL-6"),
    ("结果:游泳运动对血清BDNF的影响不显著。", "BDNF"),
])
def test_an_effect_denied_or_not_significant_is_no_change(text, target):
    got = rels(text)
    assert any(d == "no_change" and t == target and not neg for _, d, t, neg in got), got
    assert not any(d in ("increase", "decrease") for _, d, _, _ in got), got


def test_a_count_of_marked_cells_measures_the_marker():
    got = rels("结果:游泳运动组大鼠脊髓中TRPV1阳性神经元数量明显少于模型组。")
    assert ("swimming", "decrease", "TRPV1", False) in got, got


def test_a_change_whose_own_bracket_says_p_above_005_is_negated():
    got = rels("方法:模型组和运动组,运动组进行6周跑台运动。结果:运动组IL-6表达呈下降趋势(P>0.05),TNF-α表达明显降低(P<0.05)。")
    # 运动组 of a study whose only modality is the treadmill: the treadmill arm (test_relations_zh_arms)
    assert ("treadmill", "decrease", "IL-6", True) in got, got
    assert ("treadmill", "decrease", "TNF-α", False) in got, got


def test_both_arms_changing_when_both_do_the_exercise_is_the_exercises():
    text = ("方法 患者分为对照组和观察组。对照组进行核心稳定性训练,观察组在对照组的基础上进行疼痛干预。"
            "结果 干预后,两组ODI评分均比干预前低。")
    assert ("core stability", "decrease", "ODI", False) in rels(text), rels(text)


def test_the_comparative_bi_x_di_is_a_change():
    got = rels("方法 观察组进行八段锦练习。结果 观察组TCSS评分比对照组低,MNCV比对照组高。")
    assert {("Baduanjin", "decrease", "TCSS", False), ("Baduanjin", "increase", "MNCV", False)} <= got, got
    assert not rels("结果 与对照组比较,观察组年龄无差异。")


def test_in_one_sentence_both_arms_exercising_counts_and_the_added_arm_does_not():
    """Both arms train; 观察组 adds a pain intervention: '两组…均比干预前低' is the training's, '观察组…比对照组低' not."""
    text = ("方法 患者分为对照组和观察组。对照组进行核心稳定性训练,观察组在对照组的基础上进行疼痛干预。"
            "结果 干预后,两组ODI评分均比干预前低,且观察组VAS评分为(2.02±0.39)分比对照组的(3.21±1.02)分低。")
    got = rels(text)
    assert ("core stability", "decrease", "ODI", False) in got, got
    assert not any(t == "VAS" for _, _, t, _ in got), got


@pytest.mark.parametrize("text, target, direction", [
    ("训练时长和运动强度不是影响运动降低疼痛评分效果的主要因素。", "pain intensity", "decrease"),
    ("疼痛模型和种属并非决定运动改善疼痛效果的关键因素。", "pain", "decrease"),
])
def test_a_denied_moderator_leaves_the_exercise_effect_standing(text, target, direction):
    """不是影响…效果的因素: the negation is about what modifies the effect (a meta-analysis' moderators), not the
    effect: the exercise still lowers the target."""
    got = rels(text)
    assert ("exercise", direction, target, False) in got, got
    assert not any(neg for *_, neg in got), got


def test_a_denied_effect_stays_negated():
    got = rels("有氧运动不能改善糖尿病大鼠的神经传导速度。")
    assert ("aerobic", "increase", "nerve conduction velocity", True) in got, got
