"""Chinese study arms and between-arm results: "两组…差异无统计学意义" as no change. Sentences written for litmine, one construction each,
as the 方法/结果/结论 sentences of CNKI-style abstracts put them."""
from litmine.pipeline import process_text


def rels(text):
    return {(r.exercise, r.direction, r.target, r.compared_to, r.negated)
            for r in process_text(text, "t.txt").relations}



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

