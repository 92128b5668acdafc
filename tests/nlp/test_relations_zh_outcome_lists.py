"""Chinese outcome lists and outcome polarity as result and conclusion sentences of clinical and animal abstracts
write them: sentences written for litmine, one construction each."""
import pytest

from litmine.pipeline import process_text


def rels(text):
    return {(r.exercise, r.direction, r.target, r.negated) for r in process_text(text, "t.txt").relations}


def targets(text, direction=None):
    return {r.target for r in process_text(text, "t.txt").relations if direction in (None, r.direction)}


def test_a_measure_noun_after_each_item_keeps_the_list_going():
    """"TNF-α水平、IL-6水平和IL-1β含量": the measure noun after an item is no break of the list."""
    got = rels("8周游泳运动能够显著降低糖尿病大鼠血清TNF-α水平、IL-6水平和IL-1β含量。")
    assert {t for _, d, t, _ in got if d == "decrease"} >= {"TNF-α", "IL-6", "IL-1β"}, got


def test_an_abbreviation_bracket_and_its_score_word_keep_the_list_going():
    """"简明疼痛量表(BPI)评分、疲劳和抑郁": the item ends in a bracket and a score word before the coordinator."""
    got = targets("结果提示太极拳能明显改善乳腺癌患者的疼痛评分、疲劳和抑郁。", "decrease")
    assert {"fatigue", "depression"} <= got, got
    got = targets("八段锦可改善纤维肌痛患者的纤维肌痛影响问卷(FIQ)评分、疲劳和抑郁。", "decrease")
    assert {"FIQ", "fatigue", "depression"} <= got, got


@pytest.mark.parametrize("text, direction, target", [
    ("干预后,运动组腓总神经运动神经传导速度快于对照组。", "increase", "MNCV"),
    ("干预后,运动组起立行走测试时间短于对照组。", "decrease", None),
    ("干预后,运动组单足站立时间长于对照组。", "increase", None),
])
def test_faster_shorter_longer_than_the_control_arm(text, direction, target):
    """快于 / 短于 / 长于 对照组: the comparatives of speeds and times are changes of the measure."""
    got = process_text("方法 患者分为运动组和对照组,运动组进行12周有氧运动。" + text, "t.txt").relations
    hits = [r for r in got if r.direction == direction and (target is None or r.target == target)]
    assert hits, [(r.exercise, r.direction, r.target) for r in got]


def test_larger_than_is_no_trigger():
    """"右侧的厚度大于左侧": a description, not a change the exercise made."""
    text = ("方法 患者分为运动组和对照组,运动组进行核心稳定训练。"
            "结果 所有患者右侧腹横肌厚度的均值大于左侧均值。")
    assert not process_text(text, "t.txt").relations


def test_coordinated_modifiers_share_the_head_of_an_outcome_phrase():
    """"静态及动态平衡功能": static and dynamic balance, two outcomes; "睁眼及闭眼单足站立时间" likewise."""
    got = targets("结论 下肢抗阻训练能够提高老年患者的静态及动态平衡功能。", "increase")
    assert {"静态平衡功能", "动态平衡功能"} <= got, got
    got = targets("方法 患者分为运动组和对照组,运动组进行太极拳训练。结果 运动组睁眼及闭眼单足站立时间均长于对照组。",
                  "increase")
    assert {"睁眼单足站立时间", "闭眼单足站立时间"} <= got, got


def test_a_word_ending_a_longer_one_shares_no_head():
    """"摄氧量、无氧阈值": 氧量 ends 摄氧量, no modifier of 阈值."""
    got = targets("结果 运动组峰值摄氧量、无氧阈值均高于对照组,有氧运动组的提高更明显。")
    assert not any("氧量阈值" in t for t in got), got


@pytest.mark.parametrize("text, target", [
    ("运动训练改善了脊髓损伤大鼠的运动功能障碍。", "motor function"),
    ("运动训练减轻了脊髓损伤大鼠的运动功能障碍。", "motor function"),
    ("太极拳可改善纤维肌痛患者的睡眠障碍。", "sleep quality"),
    ("气功可改善乳腺癌患者的睡眠问题。", "sleep quality"),
])
def test_less_disorder_of_a_measure_is_more_of_the_measure(text, target):
    """A target read as a measure (motor function, sleep quality) but written as its disorder (运动功能障碍,
    睡眠障碍, 睡眠问题): improving or relieving the disorder raises the measure."""
    got = process_text(text, "t.txt").relations
    assert any(r.target == target and r.direction == "increase" for r in got), [(r.direction, r.target) for r in got]
    assert not any(r.target == target and r.direction == "decrease" for r in got)


def test_the_disorder_word_after_a_measure():
    """"改善糖代谢紊乱": glucose metabolism improves; the measure, not its disorder, is the target."""
    got = process_text("结论:游泳训练能够改善糖尿病大鼠的糖代谢紊乱。", "t.txt").relations
    assert [r.direction for r in got] == ["increase"], [(r.direction, r.target) for r in got]


def test_a_decline_named_after_the_measure_is_the_change_itself():
    """"痛觉感受减退": 减退 is the trigger, nothing to invert."""
    got = rels("有氧运动能够在慢性疼痛患者中产生镇痛效应,包括痛觉感受减退。")
    assert any(d == "decrease" and t == "nociception" for _, d, t, _ in got), got


@pytest.mark.parametrize("text, target", [
    ("结果 治疗后八段锦组颈痛量表(NPQ)评分明显改善。", "NPQ"),
    ("结论 太极拳能改善老年患者的匹兹堡睡眠质量指数(PSQI)评分。", "PSQI"),
])
def test_improving_a_score_that_rises_with_the_symptom_lowers_it(text, target):
    got = process_text("方法 患者分为八段锦组和对照组。" + text, "t.txt").relations
    assert any(r.target == target and r.direction == "decrease" for r in got), [(r.direction, r.target) for r in got]
    assert not any(r.target == target and r.direction == "increase" for r in got)


def test_qualifiers_of_two_facets_name_one_exercise():
    """"长期、规律的运动": one exercise, long-term and regular; "短期和长期运动" stays two."""
    got = rels("研究表明,长期、规律的运动有助于改善糖尿病患者的神经纤维功能。")
    assert {e for e, _, _, _ in got} == {"long-term regular exercise"}, got
    got = rels("研究表明,短期和长期运动均能降低大鼠血清TNF-α水平。")
    assert {e for e, _, _, _ in got} == {"short-term exercise", "long-term exercise"}, got


def test_delaying_a_disease_lessens_it():
    got = rels("规律的有氧运动可以延缓糖尿病周围神经病变的发生发展。")
    assert any(d == "decrease" for _, d, _, _ in got), got
