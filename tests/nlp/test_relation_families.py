"""Rule families for how abstracts by other authors report results: sentences written for litmine."""
import pytest

from litmine.pipeline import process_text


def rels(text):
    return {(r.exercise, r.direction, r.target, r.negated) for r in process_text(text, "t.txt").relations}


def rows(text):
    return process_text(text, "t.txt").relations


@pytest.mark.parametrize("text, expected", [
    # benefit and therapy idioms: an improvement resolved by the target's polarity
    ("Aerobic training was beneficial for neuropathic pain in these patients.", ("aerobic", "decrease", "neuropathic pain")),
    ("Swimming may be a useful approach to the management of neuropathic pain.", ("swimming", "decrease", "neuropathic pain")),
    ("Early exercise retarded the progression of diabetic peripheral neuropathy.", ("exercise", "decrease", "DPN")),
    ("运动对慢性疼痛有积极的影响。", ("exercise", "decrease", "chronic pain")),
    ("有氧运动有助于运动功能的恢复。", ("aerobic", "increase", "motor function")),
    ("游泳训练是治疗神经病理性疼痛的有效方式。", ("swimming", "decrease", "neuropathic pain")),
])
def test_benefit_idioms(text, expected):
    assert any((e, d, t) == expected for e, d, t, _ in rels(text)), rels(text)


def test_drug_treatment_and_treated_groups_are_no_idiom():
    assert not rels("药物治疗神经病理性疼痛的效果有限。")
    assert not any(t == "insulin" for _, _, t, _ in rels("Exercise was given to insulin treated groups of rats."))


@pytest.mark.parametrize("text, target", [
    ("Four weeks of treadmill running was ineffective in reversing mechanical allodynia.", "mechanical allodynia"),
    ("Swimming was unable to reduce IL-6 in the spinal cord.", "IL-6"),
])
def test_ineffective_and_unable_negate(text, target):
    got = rels(text)
    assert any(t == target and neg for _, _, t, neg in got) and not any(t == target and not neg for _, _, t, neg in got)


def test_reduction_in_the_increase_is_a_decrease():
    got = rels("Exercise produced a reduction in the increase of IL-1β in the sciatic nerve.")
    assert ("exercise", "decrease", "IL-1β", False) in got and not any(d == "increase" for _, d, _, _ in got)


@pytest.mark.parametrize("text, cause", [
    ("We examined whether exercise modulates neuropathic pain induced by diabetes.", "diabetes"),
    ("Exercise reversed nerve injury–induced mechanical allodynia.", "nerve injury"),
    ("Pain relieving effects of exercise were assessed in individuals with spinal cord injury (SCI).", "SCI"),
])
def test_causes_and_diagnoses_are_not_targets(text, cause):
    assert not any(t == cause for _, _, t, _ in rels(text))


def test_nested_brackets_and_tissues_inside_a_list():
    got = rels("Exercisers showed a better course of muscle strength (+21 Nm (11–30); P < 0.001) and quality of life.")
    assert {("exercise", "increase", "muscle strength", False), ("exercise", "increase", "quality of life", False)} <= got
    got = rels("Exercise did not alter mechanical withdrawal threshold, spinal cord BDNF, or serum IL-6.")
    assert {t for _, d, t, _ in got if d == "no_change"} >= {"paw withdrawal threshold", "BDNF", "IL-6"}


@pytest.mark.parametrize("text, target, direction", [
    ("Methods: Patients with painful neuropathy completed 12 weeks of aerobic training. "
     "Results: Serum IL-6 decreased from 4.1 to 2.3 pg/ml.", "IL-6", "decrease"),
    ("方法:大鼠进行6周游泳训练。结果:大鼠血清TNF-α水平显著降低。", "TNF-α", "decrease"),
])
def test_results_sentences_carry_the_study_exercise(text, target, direction):
    got = rows(text)
    assert any(r.target == target and r.direction == direction and r.exercise_carried for r in got), got


def test_methods_sentences_do_not_carry_the_study_exercise():
    got = rows("Methods: Rats ran on a treadmill for 4 weeks. Background: TNF-α increased after nerve injury.")
    assert not any(r.target == "TNF-α" for r in got)


@pytest.mark.parametrize("text", [
    "We investigated whether treadmill exercise reduces TNF-α in the spinal cord.",
    "目的:探讨跑台运动是否能降低大鼠脊髓TNF-α的表达。",
])
def test_aims_are_hedged(text):
    got = rows(text)
    assert got and all(r.hedged for r in got)


@pytest.mark.parametrize("text", [
    "SNI mice ran on a treadmill for 4 weeks. In uninjured mice, treadmill running did not alter IL-6 levels. "
    "Treadmill running reduced IL-6 in SNI mice. Treadmill running reduced TNF-α in SNI mice.",
    "SNI小鼠进行4周跑台运动。跑台运动对假手术小鼠IL-6水平无明显影响。跑台运动降低SNI小鼠IL-6水平。跑台运动降低SNI小鼠TNF-α水平。",
])
def test_healthy_animals_never_inherit_the_injury_model(text):
    got = rows(text)
    healthy = [r for r in got if r.direction == "no_change"]
    injured = [r for r in got if r.direction == "decrease"]
    assert healthy and all(r.model is None and r.context_from["model"] == "healthy" for r in healthy)
    assert injured and all(r.model == "SNI" for r in injured)


@pytest.mark.parametrize("text", [
    "Patients with neuropathic pain often benefit from exercise. In the SNI model, swimming reduced BDNF in mice. "
    "Swimming also reduced TNF-α in the SNI model.",
    "神经病理性疼痛患者可从运动中获益。在SNI模型中,游泳降低了小鼠BDNF的表达。此外,游泳还降低了SNI模型的TNF-α。",
])
def test_an_animal_model_implies_its_rodent_not_the_paragraphs_patients(text):
    got = [r for r in rows(text) if r.target == "TNF-α"]
    assert got and all(r.species == "mouse" for r in got)


@pytest.mark.parametrize("text, expected", [
    # the drug that makes the model is context, not an agent against the exercise
    ("Swimming in STZ rats was accompanied by decreases in IL-6 levels.", ("swimming", "decrease", "IL-6")),
    ("跑台运动降低了紫杉醇诱导的CIPN大鼠脊髓TNF-α水平。", ("treadmill", "decrease", "TNF-α")),
    # "X induced by Y": X is the head and the target
    ("Exercise improved neuropathic pain induced by chemotherapy.", ("exercise", "decrease", "neuropathic pain")),
])
def test_model_inducers_and_induced_by_heads(text, expected):
    assert any((e, d, t) == expected for e, d, t, _ in rels(text)), rels(text)


@pytest.mark.parametrize("text, expected", [
    ("For the paw withdrawal threshold, rats in the exercised group exhibited higher values than sedentary rats.",
     ("exercise", "increase", "paw withdrawal threshold")),
    ("机械痛阈值检测结果显示,游泳组大鼠阈值明显高于模型组。", ("swimming", "increase", "paw withdrawal threshold")),
])
def test_fronted_topic_is_the_target(text, expected):
    assert any((e, d, t) == expected for e, d, t, _ in rels(text)), rels(text)


def test_both_groups_including_control_is_no_exercise_effect():
    text = ("大鼠分为假手术组(Sham组)、模型组(M组)和游泳组(SW组)。"
            "结果:痛阈值检测结果显示,术后第3天M组和SW组阈值均低于Sham组;之后两组阈值均低于Sham组;第21天SW组阈值明显高于M组。")
    got = rels(text)
    assert ("swimming", "increase", "pain threshold", False) in got
    assert not any(d == "decrease" for _, d, _, _ in got)


def test_model_group_against_sham_is_not_a_carried_exercise_effect():
    text = ("SNI小鼠进行6周跑台运动。与Sham组相比,SNI组小鼠PWT明显下降。与SNI组相比,运动组PWT明显升高。")
    got = rels(text)
    assert ("treadmill", "increase", "paw withdrawal threshold", False) in got or \
        ("exercise", "increase", "paw withdrawal threshold", False) in got
    assert not any(d == "decrease" for _, d, _, _ in got)


@pytest.mark.parametrize("text, expected", [
    # a verb that undoes a changed state: the target moved the other way
    ("Treadmill running reversed the decreased expression of KCC2 in the dorsal horn.", ("treadmill", "increase", "KCC2")),
    ("Exercise normalized elevated IL-6 levels in serum of CCI rats.", ("exercise", "decrease", "IL-6")),
    ("Treadmill exercise restored reduced KCC2 expression.", ("treadmill", "increase", "KCC2")),
    ("Swimming prevented the elevated BDNF levels in the spinal cord.", ("swimming", "decrease", "BDNF")),
    # ... and in the passive, also from a relative clause back to the changed noun phrase
    ("The elevated IL-1β levels were normalized by treadmill running.", ("treadmill", "decrease", "IL-1β")),
    ("Western blotting showed reduced GDNF expression in the spinal cord of injured mice, which was reversed by swimming.",
     ("swimming", "increase", "GDNF")),
    ("Staining showed increased Iba1 immunoreactivity in the dorsal horn of SNI mice, which was attenuated by swimming.",
     ("swimming", "decrease", "Iba-1")),
])
def test_counter_verbs_undo_the_state(text, expected):
    got = rels(text)
    assert (*expected, False) in got and not any((e, t) == (expected[0], expected[2]) and d != expected[1]
                                                 for e, d, t, _ in got), got


def test_a_finite_verb_before_a_relative_passive_keeps_its_direction():
    # "reduced" is the clause's verb here, and naloxone (no exercise) does the reversing
    assert ("treadmill", "decrease", "TNF-α", False) in rels("Treadmill running reduced TNF-α, which was reversed by naloxone.")


@pytest.mark.parametrize("text, expected", [
    ("Swimming mitigated but did not fully reverse thermal hyperalgesia in CCI rats.", ("swimming", "decrease", "thermal hyperalgesia")),
    ("Wheel running attenuated but did not abolish the increase in TNF-α in the spinal cord.", ("wheel running", "decrease", "TNF-α")),
])
def test_partial_effect_is_not_negated(text, expected):
    got = rels(text)
    assert (*expected, False) in got and not any(neg for *_, neg in got), got


@pytest.mark.parametrize("text, expected", [
    # improving a deficit, a degenerative state or a bad mood lowers it; improving a functional score raises it
    ("Swimming improved muscle atrophy and gait deficits after sciatic nerve injury in rats.", ("swimming", "decrease", "gait deficits")),
    ("Balance training is a promising strategy to manage CIPN-induced functional impairments.", ("balance", "decrease", "functional impairments")),
    ("运动可以通过改善不良情绪来发挥镇痛作用。", ("exercise", "decrease", "不良情绪")),
    ("Treadmill training improved BBB scores in SCI rats.", ("treadmill", "increase", "BBB scores")),
])
def test_improvement_follows_the_target_polarity(text, expected):
    assert any((e, d, t) == expected for e, d, t, _ in rels(text)), rels(text)


@pytest.mark.parametrize("text, expected", [
    # "ameliorate" improves: the target's polarity decides the direction
    ("Swimming ameliorated locomotor function after SCI.", ("swimming", "increase", "motor function", False)),
    ("Swimming ameliorated mechanical allodynia after SCI.", ("swimming", "decrease", "mechanical allodynia", False)),
    # an effect that "remained stable" lasted; it is no no-change finding
    ("Treadmill training resulted in partial amelioration of pain behavior and this effect remained stable.",
     ("treadmill", "decrease", "pain", False)),
])
def test_amelioration_and_lasting_effects(text, expected):
    got = rels(text)
    assert expected in got and not any(d == "no_change" for _, d, _, _ in got), got


def test_we_studied_how_is_an_aim():
    got = rows("We studied how voluntary exercise alters hypersensitivity in a rat model of hind paw inflammation.")
    assert got and all(r.hedged for r in got)


@pytest.mark.parametrize("text, expected, absent", [
    # one subject, two changes: the injury's first, the exercise's after the turn
    ("The caudal NCV markedly decreased in all diabetic rats and significantly increased after 8 weeks of exercise training.",
     ("exercise", "increase", "nerve conduction velocity"), ("exercise", "decrease", "nerve conduction velocity")),
    ("Mechanical thresholds fell after SNI and rose again after treadmill running.",
     ("treadmill", "increase", "paw withdrawal threshold"), ("treadmill", "decrease", "paw withdrawal threshold")),
    # two subjects, two changes, one exercise
    ("IL-6 decreased and IL-10 increased after four weeks of swimming.", ("swimming", "decrease", "IL-6"),
     ("swimming", "decrease", "IL-10")),
    # two verbs, one object
    ("Swimming decreased and normalized IL-6 in the spinal cord.", ("swimming", "decrease", "IL-6"), None),
    # a beneficial effect on a disease lessens it
    ("Swimming training has a beneficial effect on DPN and muscle NT-3 levels.", ("swimming", "decrease", "DPN"),
     ("swimming", "increase", "DPN")),
])
def test_coordinated_changes(text, expected, absent):
    got = {(e, d, t) for e, d, t, _ in rels(text)}
    assert expected in got and absent not in got, got


ARMS = ("Rats received high-frequency exercise (HFE), low-frequency exercise (LFE) or no exercise (No-Ex). "
        "Both high and low-frequency exercise reduced neuropathic pain. Compared with No-Ex, HFE increased BDNF. "
        "Rats without exercise showed lower GDNF.")


def test_exercise_arms_defined_by_the_paper_keep_their_long_names():
    got = {(e, d, t) for e, d, t, _ in rels(ARMS)}
    assert {("high-frequency exercise", "decrease", "neuropathic pain"),
            ("low-frequency exercise", "decrease", "neuropathic pain"),
            ("high-frequency exercise", "increase", "BDNF")} <= got, got


def test_no_exercise_is_a_control_arm():
    got = rels(ARMS + " 非运动组大鼠BDNF降低。")
    assert not any(t == "GDNF" for _, _, t, _ in got) and not any(e in ("exercise", "no exercise") for e, *_ in got), got


@pytest.mark.parametrize("text, expected", [
    ("Daily treadmill exercise resulted in faster recovery of the forelimb grip function.",
     ("treadmill", "increase", "recovery of the forelimb grip function")),
    ("Benefits of swimming on nerve regeneration have been reported in rats.", ("swimming", "increase", "nerve regeneration")),
    # a smaller rise than in the control arm is a relative decrease
    ("Sensory symptoms increased less during chemotherapy in the exercise group than in the usual care group.",
     ("exercise", "decrease", "Sensory symptoms")),
])
def test_comparative_results(text, expected):
    got = {(e, d, t) for e, d, t, _ in rels(text)}
    assert expected in got, got


def test_earlier_studies_are_no_improvement_and_the_object_exercise_still_blocks():
    assert ("swimming", "decrease", "IL-6", False) in rels("Earlier studies showed that swimming reduced IL-6.")
    assert not rels("Patients failed to maintain an exercise regimen because of fatigue.")


def test_negation_covers_verbs_coordinated_by_or():
    got = rels("Two weeks of swimming was ineffective in reversing mechanical allodynia or in improving muscle atrophy.")
    assert ("swimming", "decrease", "mechanical allodynia", True) in got
    assert any(t == "muscle atrophy" and neg for _, _, t, neg in got) and not any(not neg for *_, neg in got), got
    assert ("swimming", "increase", "IL-10", False) in rels("Swimming reduced IL-6 or increased IL-10 in different rats.")


CNKI = ("目的探讨八段锦能否降低2型糖尿病周围神经病变患者的疼痛。方法将60例患者随机分为对照组和治疗组,"
        "治疗组在常规治疗基础上习练八段锦12周。结果治疗后,治疗组TCSS评分低于对照组(P<0.01);"
        "治疗组胫神经运动神经传导速度[(44.1±3.2)m/s比(40.2±3.9)m/s]、腓浅神经感觉神经传导速度"
        "[(42.8±4.0)m/s比(39.5±3.6)m/s]均高于对照组(P<0.01)。")


def test_cnki_abstract_without_label_punctuation():
    got = rows(CNKI)
    aims = [r for r in got if r.sentence == 0]
    assert aims and all(r.hedged for r in aims)  # 目的观察...: an aim
    found = {(r.exercise, r.direction, r.target) for r in got if r.sentence > 1}
    # 结果...: the study's exercise carried into the results; statistics in brackets and an untagged
    # nerve between coordinated targets; the control arm after the verb is the comparator, not the subject
    assert {("Baduanjin", "decrease", "TCSS"), ("Baduanjin", "increase", "MNCV"),
            ("Baduanjin", "increase", "SNCV")} <= found, found


@pytest.mark.parametrize("text, expected", [
    # Chinese passive reversal of a change: the change undone
    ("坐骨神经损伤引起的GPx下降在4周游泳运动后得到了逆转。", ("swimming", "increase", "GPx")),
    ("SNI引起的BDNF升高被跑台运动逆转。", ("treadmill", "decrease", "BDNF")),
    # "its levels": the target named before
    ("氧化应激降低谷胱甘肽水平,而运动能够显著提高其水平。", ("exercise", "increase", "GSH")),
])
def test_reversal_and_anaphora_in_chinese(text, expected):
    got = {(e, d, t) for e, d, t, _ in rels(text)}
    assert expected in got and not any((e, t) == (expected[0], expected[2]) and d != expected[1] for e, d, t in got), got


@pytest.mark.parametrize("text, target", [
    ("运动可以减轻病理性疼痛。", "pathological pain"),
    ("有氧运动缓解了患者的内脏痛。", "visceral pain"),
    ("Swimming reduced muscle soreness in older adults.", "myalgia"),
    ("太极拳减轻了膝关节疼痛。", "knee pain"),
])
def test_pain_conditions_in_both_languages(text, target):
    assert any(t == target and d == "decrease" for _, d, t, _ in rels(text)), rels(text)


def test_two_statements_joined_by_and_keep_their_own_context():
    got = [(r.target, r.species, r.protocol.duration) for r in rows(
        "In addition, 18 days of swimming decreased cold allodynia in rats, and 7 days of swimming decreased "
        "cold allodynia in mice.")]
    assert ("cold allodynia", "rat", "18 days") in got and ("cold allodynia", "mouse", "7 days") in got, got


@pytest.mark.parametrize("text", [
    "Meta分析显示,跑台运动能够提高大鼠的机械痛阈值(SMD=0.91,95%CI:0.30-1.52);热痛阈值(SMD=1.20,P<0.001)。",
    "Treadmill running increased mechanical withdrawal thresholds (SMD = 0.91, 95% CI 0.30-1.52); "
    "thermal withdrawal latency (SMD = 1.20).",
])
def test_results_listed_one_per_clause_share_the_verb(text):
    got = {(d, t) for _, d, t, _ in rels(text)}
    assert {("increase", "paw withdrawal threshold"), ("increase", "paw withdrawal latency")} <= got, got
    assert not any(t == "SNRPN" for _, t in got)  # SMD is the statistic, not the gene alias


@pytest.mark.parametrize("text, expected", [
    ("Exercise increased resistance to oxidative stress.", ("exercise", "decrease", "oxidative stress")),
    ("运动提高了组织对自由基的抵抗力。", ("exercise", "decrease", "ROS")),
])
def test_resistance_to_a_harm_lowers_it(text, expected):
    got = {(e, d, t) for e, d, t, _ in rels(text)}
    assert expected in got and (expected[0], "increase", expected[2]) not in got, got


@pytest.mark.parametrize("text, absent, present", [
    # the exercise is the object of another verb, so no agent of the change before it
    ("Lifestyle changes include stopping smoking, reducing salt intake and modifying physical activity.",
     ("exercise", "decrease"), None),
    # "X在减轻NP中的作用": X is the agent whose role is described, not what the exercise lowers
    ("长期以来,阿片系统在减轻NP中的作用被认为是运动导致痛觉减退的机制之一。",
     ("exercise", "decrease", "endogenous opioid system"), ("exercise", "decrease", "pain")),
    # 痛觉下行抑制 is the descending inhibition, not pain
    ("运动可以通过增强痛觉下行抑制作用来发挥镇痛作用。", ("exercise", "increase", "pain"),
     ("exercise", "increase", "descending pain modulation")),
])
def test_agents_objects_and_compound_names(text, absent, present):
    got = {(e, d, t) for e, d, t, _ in rels(text)}
    assert not any((e, d, t)[:len(absent)] == absent for e, d, t in got), got
    assert present is None or present in got, got


def test_but_not_sets_a_target_apart():
    got = rels("Swimming reduced TNF-α but not IL-10 in the spinal cord.")
    assert ("swimming", "decrease", "TNF-α", False) in got and ("swimming", "decrease", "IL-10", True) in got, got


def test_chinese_trigger_words_inside_names_are_no_predicates():
    got = rels("运动抑制白细胞介素-6/Janus激酶2/信号转导及转录激活因子3(signal transducer and activator of "
               "transcription 3,STAT3)等炎症信号通路。")
    assert not any(d == "increase" for _, d, _, _ in got), got   # 激活因子 is the activator in STAT3's name


@pytest.mark.parametrize("text, expected", [
    ("Stand training had no effect on allodynia.", ("standing training", "no_change", "mechanical allodynia")),
    ("Running wheel exercise normalized the expression of GAD65 in the dorsal horn.", ("wheel running", "modulate", "GAD65")),
])
def test_rehabilitation_modalities(text, expected):
    assert any((e, d, t) == expected for e, d, t, _ in rels(text)), rels(text)


@pytest.mark.parametrize("text, expected", [
    ("低强度跑台运动可显著上调DRG中GDNF的表达,而高强度跑台运动则无此作用。",
     {("low-intensity treadmill", "increase", "GDNF"), ("high-intensity treadmill", "no_change", "GDNF")}),
    ("Swimming increased GDNF in the DRG, whereas treadmill running had no such effect.",
     {("swimming", "increase", "GDNF"), ("treadmill", "no_change", "GDNF")}),
    # two groups named each with 组 are two arms, not one combined programme
    ("有氧运动组和抗阻运动组MNCV分别较糖尿病组提高了18%和12%。",
     {("aerobic", "increase", "MNCV"), ("resistance", "increase", "MNCV")}),
])
def test_arms_compared_within_a_sentence(text, expected):
    got = {(e, d, t) for e, d, t, _ in rels(text)}
    assert expected <= got, got


@pytest.mark.parametrize("text, expected", [
    ("Resistance exercise, but not aerobic exercise, improved muscle strength.",
     ("resistance", "increase", "muscle strength", False)),
    ("Swimming-trained mice exhibited lower levels of phosphorylated ERK in the DRG.", ("swimming", "decrease", "ERK1/2", False)),
    ("In the treadmill group, spinal BDNF levels returned to baseline.", ("treadmill", "modulate", "BDNF", False)),
])
def test_appositions_trained_groups_and_normalisation(text, expected):
    assert expected in rels(text), rels(text)


@pytest.mark.parametrize("text, expected", [
    ("运动逆转了SNI诱导的KCC2表达下调。", ("exercise", "increase", "KCC2")),
    ("跑台运动逆转了CCI大鼠脊髓BDNF的过度表达。", ("treadmill", "decrease", "BDNF")),
    ("The downregulation of KCC2 induced by SNI was reversed by exercise.", ("exercise", "increase", "KCC2")),
])
def test_undone_changes_named_after_their_target(text, expected):
    got = {(e, d, t) for e, d, t, _ in rels(text)}
    assert expected in got and not any((e, t) == (expected[0], expected[2]) and d != expected[1] for e, d, t in got), got


def test_a_class_and_its_members_after_such_as():
    got = {t for _, d, t, _ in rels("Exercise decreased the expression of pro-inflammatory cytokines such as IL-1β, "
                                    "IL-6 and TNF-α.") if d == "decrease"}
    assert {"IL-1β", "IL-6", "TNF-α"} <= got, got


@pytest.mark.parametrize("text, target, effect", [
    ("Treadmill training increased the paw withdrawal latency of CCI rats.", "paw withdrawal latency", "relieves"),
    ("有氧运动缩短了患者N1波潜伏期。", None, "none"),                    # an evoked potential's latency: no pain test
    ("Cycling lowered the anaerobic threshold of the patients.", None, "none"),
    ("太极拳增强了患者的痛觉下行抑制。", None, "relieves"),                # more of the body's pain control
])
def test_pain_effect_of_thresholds_latencies_and_pain_control(text, target, effect):
    from litmine.pipeline import process_text
    rels = process_text(text, "t.txt").relations
    assert rels, text
    r = next(r for r in rels if target is None or r.target == target)
    assert r.pain_effect == effect, (r.target, r.direction, r.pain_effect)


@pytest.mark.parametrize("text, exercise", [
    ("高强度或过度运动会导致ROS产生过多。", "high-intensity exercise"),
    ("High-intensity or exhausting exercise increased ROS production in rats.", "high-intensity exercise"),
    ("短期和长期运动均降低了IL-6。", "short-term exercise"),       # two qualifiers: one name each, as before
])
def test_a_qualifier_coordinated_with_another_word_names_the_exercise(text, exercise):
    from litmine.pipeline import process_text
    names = [r.exercise for r in process_text(text, "t.txt").relations]
    assert names and names[0] == exercise, names
