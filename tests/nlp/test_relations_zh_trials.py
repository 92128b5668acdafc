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


def test_the_control_arms_own_clause_is_not_the_exercises():
    """而对照组…无显著变化: the control arm's no-change is no exercise relation, and it does not negate the
    exercise arm's change before it."""
    got = rels("方法 观察组进行太极拳锻炼,对照组接受健康教育。结果 观察组HAMD评分降低,而对照组HAMD评分无显著变化。")
    assert ("tai chi", "decrease", "depression", False) in got, got
    assert not any(d == "no_change" for _, d, _, _ in got), got
    got = rels("方法 观察组进行五禽戏训练。结果 干预后观察组Berg平衡量表评分升高,而对照组干预前后差异无统计学意义(P>0.05)。")
    assert any(e == "Wuqinxi" and d == "increase" and not neg for e, d, _, neg in got), got


def test_a_control_arm_last_in_a_comparator_list_is_no_subject():
    got = rels("方法 大鼠分为假手术组、损伤对照组和运动训练组。结果 运动训练组大鼠BDNF表达较假手术组、损伤对照组均显著增加。")
    assert ("exercise", "increase", "BDNF", False) in got, got


def test_the_topic_of_pooled_trials_is_no_finding():
    assert not rels("方法 检索数据库,纳入有关太极拳治疗膝骨关节炎的随机对照试验进行Meta分析。")
    assert ("tai chi", "decrease", "knee osteoarthritis", False) in rels("结论 太极拳可以治疗膝骨关节炎。")


def test_a_bracketed_results_label_carries_the_study_exercise():
    """[结果] opens the results as 结果: does; a sentence there without its own exercise is the study's."""
    text = "[方法]患者进行12周八段锦练习。[结果]女性患者体脂百分比下降(P<0.05)。"
    assert ("Baduanjin", "decrease", "body fat percentage", False) in rels(text), rels(text)


def test_a_sentence_dated_by_the_intervention_carries_the_study_exercise():
    got = rels("八段锦运动干预12周。干预后患者肌力增长(P<0.05)。")
    assert ("Baduanjin", "increase", "muscle strength", False) in got, got


def test_lipid_abbreviations_and_their_polarity():
    """TC/TG/HDL/LDL as Chinese abstracts write them; an improvement of HDL raises it, of TC lowers it."""
    got = rels("方法 观察组进行太极拳锻炼。结果 观察组患者的TC、LDL、HDL改善情况优于对照组。")
    assert {("tai chi", "decrease", "total cholesterol", False), ("tai chi", "decrease", "LDL-C", False),
            ("tai chi", "increase", "HDL-C", False)} <= got, got


def test_an_improved_anxiety_scale_is_lower_anxiety():
    got = rels("方法 观察组进行八段锦练习。结果 观察组练功6个月后HAMA评分与练功前相比有显著改善(P<0.05)。")
    assert ("Baduanjin", "decrease", "anxiety", False) in got, got


def test_a_value_clause_then_lower_than_control():
    """观察组VAS评分为(x)分, 低于对照组的(y)分: the value clause names the measure the comparison is about."""
    got = rels("方法 观察组进行太极拳锻炼。结果 观察组治疗后VAS评分为(2.1±0.5)分,低于对照组的(3.4±0.8)分(P<0.01)。")
    assert ("tai chi", "decrease", "VAS", False) in got, got


def test_an_arm_named_by_a_bare_code_and_what_it_does():
    """分为DM组和DM+SW组, DM+SW组每天游泳: no bracket defines the code; what the arm does right after it does,
    and DM组 is the diabetic control."""
    text = ("方法 小鼠注射STZ后随机分为DM组和DM+SW组,DM+SW组每天游泳60 min,共6周。"
            "结果 DM+SW组小鼠机械痛阈高于DM组,血糖水平低于DM组(P<0.05)。")
    got = rels(text)
    assert {("swimming", "increase", "paw withdrawal threshold", False),
            ("swimming", "decrease", "blood glucose", False)} <= got, got
    coded = rels("方法 患者分为A组(32例)和B组(30例),A组(32例)进行八段锦练习,B组接受健康教育。结果 A组ODI评分低于B组。")
    assert ("Baduanjin", "decrease", "ODI", False) in coded, coded


def test_a_control_code_joined_by_plus_is_the_combined_arm():
    """模型组(CCI组)、运动组(CCI+EX组): CCI in CCI+EX is no use of the control code, so the clause is the exercise arm's."""
    text = ("方法 大鼠分为假手术组(Sham组)、模型组(CCI组)和运动组(CCI+EX组)。"
            "结果 与CCI组相比,CCI+EX组大鼠的热缩足潜伏期显著延长(P<0.05)。")
    assert ("exercise", "increase", "paw withdrawal latency", False) in rels(text), rels(text)


def test_after_exercise_the_measure_of_the_clause_before():
    """…较Sham组明显升高, 运动后明显降低: the injury raised Iba-1, the exercise lowered it."""
    got = rels("方法 大鼠进行4周跑台运动。结果 CCI组大鼠脊髓背角Iba-1表达较Sham组明显升高,跑台运动后明显降低。")
    assert ("treadmill", "decrease", "Iba-1", False) in got, got
    assert not any(d == "increase" and t == "Iba-1" for _, d, t, _ in got), got


def test_a_correlation_between_changes_is_no_finding():
    """疼痛缓解程度与关节负荷改善密切相关: two measures correlate; 疼痛改善明显者: a subgroup of people."""
    got = rels("结论 太极拳训练可改善患者下肢功能,尤其对疼痛改善明显者影响明显,且疼痛缓解程度与关节负荷改善密切相关。")
    assert not any(t == "pain" for _, _, t, _ in got), got


def test_a_rise_that_correlates_keeps_its_own_measure():
    got = rels("结论 运动训练引起的骨骼肌中NT-3水平升高与神经传导速度呈正相关。")
    assert ("exercise", "increase", "NT3", False) in got, got
    assert not any(t == "nerve conduction velocity" for _, _, t, _ in got), got


def test_an_exercise_that_correlates_with_a_change_keeps_it():
    got = rels("临床研究发现,规律的运动与糖尿病周围神经病变的患病率降低有相关性。")
    assert any(d == "decrease" for _, d, _, _ in got), got


@pytest.mark.parametrize("text", [
    "结论 跑台运动可抑制脊髓背角星形胶质细胞和小胶质细胞的活化。",
    "Treadmill exercise reduced astrocyte and microglial activation in the spinal cord.",
])
def test_one_activation_for_two_coordinated_cell_types(text):
    got = rels(text)
    assert ("treadmill", "decrease", "astrocyte activation", False) in got, got
    assert ("treadmill", "decrease", "microglia activation", False) in got, got


def test_biomechanical_load_and_gait_measures_are_outcomes():
    """Gait and joint-loading measures are outcomes of their own ("膝关节总负荷", "内收力矩", "地面反作用力"); the movement
    the measure is taken in ("步行时") is no exercise; a training load ("大负荷运动组") is no measured load."""
    got = rels("结果:太极拳组患者步行时膝关节总负荷明显降低,膝关节内收力矩峰值下降,地面反作用力无明显变化。")
    assert {("tai chi", "decrease", "膝关节总负荷", False), ("tai chi", "decrease", "joint moment", False),
            ("tai chi", "no_change", "地面反作用力", False)} <= got, got
    assert not any(e == "walking" for e, _, _, _ in got), got
    pd = process_text("大负荷运动组大鼠体重低于对照组。", "t.txt")
    assert not any("负荷" in m.text and m.label == "OUTCOME" for m in pd.mentions), pd.mentions


def test_the_stimulus_written_into_a_withdrawal_measure_keeps_the_list_whole():
    """"机械刺激缩足反射阈值和热刺激缩足反射潜伏期均高于对照组": both measures, the thermal one named with its stimulus."""
    got = rels("运动组的机械刺激缩足反射阈值和热刺激缩足反射潜伏期均高于对照组。")
    assert {("exercise", "increase", "paw withdrawal threshold", False),
            ("exercise", "increase", "paw withdrawal latency", False)} <= got, got


def test_clinical_symptoms_and_efficacy_of_trial_conclusions():
    """"改善临床症状与体征" lessens the symptoms; "提高临床疗效" and a 总有效率 above the control arm's raise the efficacy."""
    got = rels("结论:八段锦可改善糖尿病周围神经病变患者的临床症状与体征,提高临床疗效。")
    assert {("Baduanjin", "decrease", "clinical symptoms", False), ("Baduanjin", "increase", "clinical efficacy", False)} \
        <= got, got
    got = rels("方法:观察组在常规治疗基础上进行有氧运动。结果:治疗后观察组总有效率(90.0%)优于对照组(70.0%)。")
    assert ("aerobic", "increase", "clinical efficacy", False) in got, got


def test_a_sham_group_after_a_comparison_marker_is_the_comparator_not_the_population():
    """较假手术组: the SCI rats that trained are compared with the sham rats; their model stays SCI."""
    from litmine.pipeline import process_text
    text = "建立大鼠脊髓损伤(SCI)模型, 分为假手术组、损伤组和运动训练组。运动训练组大鼠脊髓内BDNF的表达较假手术组明显升高。"
    [r] = [r for r in process_text(text, "t.txt").relations if r.target == "BDNF"]
    assert (r.direction, r.model) == ("increase", "SCI"), r


def test_a_sham_group_that_trains_is_a_healthy_population():
    from litmine.pipeline import process_text
    [r] = [r for r in process_text("建立大鼠脊髓损伤(SCI)模型。假手术组大鼠运动训练后BDNF的表达明显升高。", "t.txt").relations
           if r.target == "BDNF"]
    assert (r.model, r.context_from["model"]) == (None, "healthy"), r


def test_outcomes_listed_before_a_comparative_are_each_compared():
    text = ("方法 将48例腰痛患者分为观察组和对照组，观察组采用普拉提训练，对照组采用常规理疗。"
            "结果 治疗后观察组RMDQ评分和JOA评分均优于对照组(P<0.05)。")
    got = {(r.direction, r.target) for r in process_text(text).relations}
    assert {("decrease", "RMDQ"), ("increase", "JOA score")} <= got, got


@pytest.mark.parametrize("text, target", [
    ("太极拳练习提高了老年人的认知能力。", "cognitive function"),
    ("八周功率自行车训练提高了患者的无氧阈。", "anaerobic threshold"),
    ("Yoga lowered Insomnia Severity Index scores in survivors.", "Insomnia Severity Index"),
])
def test_outcome_scales_and_functions_are_concepts(text, target):
    assert [r.target for r in process_text(text).relations] == [target]
