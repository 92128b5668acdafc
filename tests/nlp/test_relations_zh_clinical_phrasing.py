"""How Chinese clinical abstracts and reviews phrase an exercise's effect beyond a verb and its object: "上述指标"
standing for the measures just listed, benefit and no-effect idioms, treatment verbs, and the day training started
after an injury. Sentences written for litmine."""
from litmine.nlp.protocol import find_protocol_parts
from litmine.pipeline import process_text

_ARMS = "方法 将60例患者随机分为观察组和对照组,对照组接受常规治疗,观察组在此基础上进行八段锦训练,共12周。"


def rels(text):
    return {(r.exercise, r.direction, r.target, r.negated) for r in process_text(text, "t.txt").relations}


def test_the_measures_listed_before_stand_for_shang_shu_zhi_biao():
    """"两组VAS、ODI评分均较治疗前降低, 且观察组上述指标均低于对照组": the arm comparison is about every listed measure."""
    got = rels(_ARMS + "结果 治疗后,两组患者VAS、ODI评分均较治疗前降低,且观察组上述指标均低于对照组(P<0.05)。")
    assert {("Baduanjin", "decrease", t, False) for t in ("VAS", "ODI")} <= got, got


def test_shang_shu_zhi_biao_reads_only_its_own_part_of_the_sentence():
    """After a semicolon, "上述指标" stands for the measures of its own part, not those of the part before."""
    got = process_text(_ARMS + "结果 两组患者VAS评分均较治疗前降低,且观察组上述指标低于对照组;"
                               "两组患者Barthel评分较治疗前升高,且观察组上述指标高于对照组。", "t.txt").relations
    up = {r.target for r in got if r.direction == "increase"}
    down = {r.target for r in got if r.direction == "decrease"}
    assert "VAS" in down and "VAS" not in up, (up, down)
    assert any("Barthel" in t for t in up) and not any("Barthel" in t for t in down), (up, down)


def test_a_better_improvement_effect_on_what_is_named_before():
    """"对X有较好的改善效果": the exercise improves X (the idiom of benefit with 较好 and 改善)."""
    got = rels("气功对于乳腺癌患者的淋巴水肿有较好的改善效果。")
    assert ("qigong", "decrease", "lymphedema", False) in got, got


def test_the_beneficial_effect_of_exercise_on_x():
    """"体育锻炼对抑郁症状的有益效果": a benefit on depression, which lessens."""
    got = rels("多项研究肯定了体育锻炼对抑郁症状的有益效果。")
    assert ("exercise", "decrease", "depression", False) in got, got


def test_treatment_verbs_cure_and_prevent():
    """防治 (prevent and treat) and 治愈 (cure) lessen a disorder."""
    assert ("regular exercise", "decrease", "depression", False) in rels("规律运动可以有效地防治抑郁。")
    assert ("exercise", "decrease", "depression", False) in rels("运动在治愈轻度抑郁症方面具有重要作用。")


def test_an_effect_not_evident_on_what_is_named_before():
    """"对重度抑郁症患者疗效不明显": no effect on it, and the clause before keeps its own effect."""
    got = rels("运动可以治愈轻度抑郁症,但对重度抑郁症患者疗效不明显。")
    assert ("exercise", "no_change", "depression", False) in got, got
    assert ("exercise", "decrease", "depression", False) in got, got


def test_breathlessness_and_platelet_aggregation_are_concepts():
    got = {(r.direction, r.target, r.target_id) for r in process_text(
        "有氧运动可减轻慢性心衰患者的呼吸困难,并减少血小板聚集。", "t.txt").relations}
    assert ("decrease", "dyspnea", "MESH:D004417") in got, got
    assert ("decrease", "platelet aggregation", "MESH:D010974") in got, got


def test_tcm_syndrome_score_and_a_latin_scale_name_are_whole():
    """"中医证候积分" keeps 中医 (中 is no postposition there); "Barthel评分" keeps the whole Latin name."""
    names = {m.text for m in process_text("治疗后两组患者中医证候积分降低,Barthel评分升高。", "t.txt").mentions}
    assert {"中医证候积分", "Barthel评分"} <= names, names


def test_the_day_after_an_injury_without_hou_when_training_starts_then():
    """"于SCI第8天行减重平板训练": training started on day 8 after the injury; "CCI第7天行为学检测" is a day of testing."""
    got = [(p.kind, p.display) for p in find_protocol_parts("SCI-TT组于SCI第8天行减重平板训练。")]
    assert ("TIMING", "day 8 after injury") in got, got
    assert not find_protocol_parts("CCI第7天行为学检测。")
    assert not find_protocol_parts("手术第3天取材。")


def test_the_arms_start_day_reaches_its_results():
    """The day an arm's training started, stated in Methods, is the timing of the arm's results; a day a result
    began ("阈值于术后第14天起明显升高") is no start of training."""
    text = ("方法:大鼠分为模型组和游泳组,游泳组于术后第3天起每天游泳30 min,持续4周。"
            "结果:与模型组比较,游泳组大鼠机械缩足阈值于术后第14天起明显升高。")
    got = {(r.target, r.protocol.timing, r.protocol.duration) for r in process_text(text, "t.txt").relations}
    assert got and all(t == "day 3 after surgery" and d == "4 weeks" for _, t, d in got), got
    assert not find_protocol_parts("机械缩足阈值于术后第14天起明显升高。")
    assert not find_protocol_parts("术后第7天开始出现机械痛敏。")
