"""Chinese study arms and between-arm results: arms named by words (when the exercise starts), generic arm words
in a study of one modality, "两组…差异无统计学意义" as no change. Sentences written for litmine, one construction each,
as the 方法/结果/结论 sentences of CNKI-style abstracts put them."""
from litmine.pipeline import process_text


def rels(text):
    return {(r.exercise, r.direction, r.target, r.compared_to, r.negated)
            for r in process_text(text, "t.txt").relations}


TIMING_ARMS = ("方法:将30只大鼠随机分为模型组、早期组(术后第3天开始跑台训练)、晚期组(术后第7天开始跑台训练)。"
               "结果:晚期组大鼠机械缩足阈值显著高于早期组和模型组(P<0.05)。早期组脊髓TNF-α水平低于模型组(P<0.05)。"
               "结论:与早期组相比,晚期组大鼠表现出更好的运动功能恢复。")


def test_arms_named_by_when_the_exercise_starts_are_exercise_arms():
    """"早期组(术后第3天开始跑台训练)": the arm is the treadmill arm, its start in its name; two such arms compared
    are a comparison of two exercises (better_than, the loser in compared_to), one against the model group an effect."""
    got = rels(TIMING_ARMS)
    late, early = "treadmill (day 7 after surgery)", "treadmill (day 3 after surgery)"
    assert (late, "better_than", "paw withdrawal threshold", early, False) in got, got
    assert (early, "decrease", "TNF-α", None, False) in got, got
    # "与早期组相比, 晚期组…表现出更好的X": the loser stands before the winner, the outcome after 更好的
    assert (late, "better_than", "motor function", early, False) in got, got


def test_an_arm_name_written_with_a_space_is_the_same_arm():
    """"7 天康复组" (a space from the PDF) is the arm "7天康复组"; "17天康复组" would not be."""
    got = rels("将大鼠随机分为单损组(仅给予脊髓损伤)、3天康复组(损伤后3天开始跑台训练)、7天康复组(损伤后7天开始跑台训练)。"
               "结果:7 天康复组BBB评分显著高于3天康复组(P<0.05)。")
    assert ("treadmill (7 days after injury)", "better_than", "BBB score", "treadmill (3 days after injury)", False) \
        in got, got


def test_a_result_clause_with_a_bracket_is_no_arm_definition():
    """"…高于模型组(P<0.05)" ends a result, not an arm "…模型组" described in brackets: the finding stays."""
    got = rels("大鼠分为两批。游泳组大鼠机械缩足阈值明显高于模型组(P<0.05)。")
    assert ("swimming", "increase", "paw withdrawal threshold", None, False) in got, got


def test_a_generic_arm_word_takes_the_studys_one_modality():
    """"运动组" in a study whose methods name one modality (跑台运动) is that modality's arm; with two modalities
    named it stays the generic exercise."""
    one = rels("方法:大鼠分为模型组和运动组,运动组进行6周跑台运动。结果:运动组脊髓IL-6表达低于模型组。")
    assert ("treadmill", "decrease", "IL-6", None, False) in one, one
    two = rels("方法:大鼠分为模型组、运动组和游泳组,分别进行跑台运动或游泳。结果:运动组脊髓IL-6表达低于模型组。")
    assert ("exercise", "decrease", "IL-6", None, False) in two, two


def test_no_difference_between_the_two_arms_is_no_change():
    """"而两组体重差异无统计学意义" with one exercise arm and a control: the exercise left body weight unchanged --
    in the clause after the finding and in a sentence of its own; not at baseline ("干预前两组…")."""
    same = rels("将大鼠随机分为模型组和游泳组。结果:游泳组大鼠机械缩足阈值高于模型组,而两组体重差异无统计学意义。")
    assert ("swimming", "no_change", "body weight", None, False) in same, same
    assert ("swimming", "increase", "paw withdrawal threshold", None, False) in same, same
    alone = rels("将患者随机分为太极拳组和对照组。干预后太极拳组VAS评分低于对照组。两组BMI比较差异无统计学意义。")
    assert ("tai chi", "no_change", "BMI", None, False) in alone, alone
    baseline = rels("将患者随机分为太极拳组和对照组。干预前两组体重差异无统计学意义。干预后太极拳组VAS评分低于对照组。")
    assert not any(d == "no_change" for _, d, *_ in baseline), baseline



def test_an_exercise_arm_compared_against_is_no_subject_of_the_next_clause():
    """"CNE组IL-5高于CS组和CAE组, TNF-α、IL-1β均低于CS组和CAE组": CAE (an exercise arm with an antagonist) stands after
    高于 as what CNE is compared with; the clause after it still speaks of CNE."""
    got = rels("小鼠分为CCI/静坐组(CS组)、CCI/运动组(CNE组)、CCI/抗IL-4/运动组(CAE组)。"
               "CNE组的IL-5水平高于CS组和CAE组,TNF-α、IL-1β水平均低于CS组和CAE组。")
    assert {("exercise", "increase", "IL-5", None, False), ("exercise", "decrease", "TNF-α", None, False),
            ("exercise", "decrease", "IL-1β", None, False)} <= got, got


def test_a_named_arm_that_adds_the_exercise_after_a_comma():
    """"观察组在对照组治疗基础上, 术后1周开始接受太极拳训练": 观察组 is the tai chi arm, so its difference from the
    control arm is tai chi's."""
    got = rels("方法:患者随机分为观察组和对照组,对照组接受常规治疗,观察组在对照组治疗基础上,术后1周开始接受每周3次的"
               "太极拳训练。结果:干预后观察组心肺功能较对照组升高(P<0.05)。")
    assert ("tai chi", "increase", "心肺功能", None, False) in got, got
