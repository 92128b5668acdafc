"""Tests of the exercise-protocol parser (litmine.nlp.protocol)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litmine.nlp.protocol import ProtocolPart, find_protocol_parts, parse_protocol, summarise
from litmine.types import Protocol

_ = None  # "display not checked"

# (text, kind, low, high, unit, display) -- the FIRST part of `kind` found in `text`.
CASES = [
    # ---- DURATION, Chinese
    ("大鼠接受为期6周的跑台训练", "DURATION", 42, 42, "days", "6 weeks"),
    ("小鼠游泳 6 周后取材", "DURATION", 42, 42, "days", "6 weeks"),
    ("1~6周的跑台干预可缓解机械痛敏", "DURATION", 7, 42, "days", "1-6 weeks"),
    ("6~39天的游泳运动减轻了热痛敏", "DURATION", 6, 39, "days", "6-39 days"),
    ("持续干预3个月后疼痛评分下降", "DURATION", 90, 90, "days", "3 months"),
    ("短期运动(<5天)即可抑制胶质细胞活化", "DURATION", None, 5, "days", "<5 days"),
    ("而长期运动（>5天）作用相反", "DURATION", 5, None, "days", ">5 days"),
    ("跑台运动7天后检测IL-4表达", "DURATION", 7, 7, "days", "7 days"),
    ("两周自主转轮运动", "DURATION", 14, 14, "days", "2 weeks"),
    ("十二周的抗阻训练显著改善了功能", "DURATION", 84, 84, "days", "12 weeks"),
    ("经过1周至6周不等的训练", "DURATION", 7, 42, "days", "1-6 weeks"),
    ("患者坚持运动超过4周", "DURATION", 28, None, "days", ">4 weeks"),
    ("运动8周以上方可见效", "DURATION", 56, None, "days", "≥8 weeks"),
    ("干预周期为１２周", "DURATION", 84, 84, "days", "12 weeks"),
    ("４～１０周的跑台和游泳训练", "DURATION", 28, 70, "days", "4-10 weeks"),
    # ---- DURATION, English
    ("Rats ran on a treadmill for 4 wk.", "DURATION", 28, 28, "days", "4 weeks"),
    ("an 8-week aerobic programme", "DURATION", 56, 56, "days", "8 weeks"),
    ("after eight weeks of swimming", "DURATION", 56, 56, "days", "8 weeks"),
    ("DPN Aerobic 12 W 3 times/W", "DURATION", 84, 84, "days", "12 weeks"),
    ("training lasted 6 to 8 weeks", "DURATION", 42, 56, "days", "6-8 weeks"),
    ("a 14-day exercise period", "DURATION", 14, 14, "days", "14 days"),
    ("trained for 3 months", "DURATION", 90, 90, "days", "3 months"),
    ("exercise for at least 6 weeks", "DURATION", 42, None, "days", "≥6 weeks"),
    ("a one-year walking programme", "DURATION", 365, 365, "days", "1 year"),
    # ---- FREQUENCY
    ("每周5天跑台运动", "FREQUENCY", 5, 5, "sessions/week", "5 days/week"),
    ("每周3次，每次40 min", "FREQUENCY", 3, 3, "sessions/week", "3 times/week"),
    ("每周训练３～５次", "FREQUENCY", 3, 5, "sessions/week", "3-5 times/week"),
    ("每天1次，连续4周", "FREQUENCY", 7, 7, "sessions/week", "1 time/day"),
    ("每天2次游泳", "FREQUENCY", 14, 14, "sessions/week", "2 times/day"),
    ("隔天训练1次", "FREQUENCY", 3.5, 3.5, "sessions/week", "every other day"),
    ("抗阻训练3次/周", "FREQUENCY", 3, 3, "sessions/week", "3 times/week"),
    ("每周一次的平衡训练", "FREQUENCY", 1, 1, "sessions/week", "1 time/week"),
    ("treadmill running 5 days/week", "FREQUENCY", 5, 5, "sessions/week", "5 days/week"),
    ("Moderate, 3 times/W, 50 min/time", "FREQUENCY", 3, 3, "sessions/week", "3 times/week"),
    ("supervised sessions 3x/wk", "FREQUENCY", 3, 3, "sessions/week", "3 times/week"),
    ("participants exercised twice a week", "FREQUENCY", 2, 2, "sessions/week", "2 times/week"),
    ("Everyday, resistance bands", "FREQUENCY", 7, 7, "sessions/week", "daily"),
    ("mice swam daily for two weeks", "FREQUENCY", 7, 7, "sessions/week", "daily"),
    ("three times per week", "FREQUENCY", 3, 3, "sessions/week", "3 times/week"),
    ("on alternate days", "FREQUENCY", 3.5, 3.5, "sessions/week", "every other day"),
    ("at least 3 times a week", "FREQUENCY", 3, None, "sessions/week", "≥3 times/week"),
    # ---- SESSION_LENGTH
    ("3 times/W, 50 min/time", "SESSION_LENGTH", 50, 50, "min", "50 min/session"),
    ("60 min/session of cycling", "SESSION_LENGTH", 60, 60, "min", "60 min/session"),
    ("每次30 min的中等强度运动", "SESSION_LENGTH", 30, 30, "min", "30 min/session"),
    ("游泳30分钟/次", "SESSION_LENGTH", 30, 30, "min", "30 min/session"),
    ("每天60 min的跑台运动", "SESSION_LENGTH", 60, 60, "min", "60 min/day"),
    ("每天跑台运动１小时", "SESSION_LENGTH", 60, 60, "min", "60 min/day"),
    ("swimming 1 h/d for 4 weeks", "SESSION_LENGTH", 60, 60, "min", "60 min/day"),
    ("10 W 30 min/day", "SESSION_LENGTH", 30, 30, "min", "30 min/day"),
    ("rats ran on the treadmill for 45 min", "SESSION_LENGTH", 45, 45, "min", "45 min/session"),
    ("30-45 min per session", "SESSION_LENGTH", 30, 45, "min", "30-45 min/session"),
    ("每次训练持续20~30分钟", "SESSION_LENGTH", 20, 30, "min", "20-30 min/session"),
    # ---- INTENSITY
    ("Moderate, 50%-60% MHR", "INTENSITY", 2, 2, "level", "moderate"),
    ("HIIT, 85%–95% HRmax", "INTENSITY", 85, 95, "%HRmax", "85%-95% HRmax"),
    ("aerobic 50-\n70% MHR", "INTENSITY", 50, 70, "%HRmax", "50%-70% HRmax"),
    ("cycling at 60%-65% HRR", "INTENSITY", 60, 65, "%HRR", "60%-65% HRR"),
    ("leg press at 30% 1-RM", "INTENSITY", 30, 30, "%1RM", "30% 1RM"),
    ("resistance 60-80% of one-repetition maximum", "INTENSITY", 60, 80, "%1RM", "60%-80% 1RM"),
    ("resistance 50% 10-RM)", "INTENSITY", 50, 50, "%10RM", "50% 10RM"),
    ("resistance 3-5RPE)", "INTENSITY", 3, 5, "RPE", "RPE 3-5"),
    ("an RPE of 12-14", "INTENSITY", 12, 14, "RPE", "RPE 12-14"),
    ("running at 70% VO2max", "INTENSITY", 70, 70, "%VO2max", "70% VO2max"),
    ("running at 70% V̇O₂max", "INTENSITY", 70, 70, "%VO2max", "70% VO2max"),
    ("强度为70%最大摄氧量", "INTENSITY", 70, 70, "%VO2max", "70% VO2max"),
    ("运动强度为60%~70%最大心率", "INTENSITY", 60, 70, "%HRmax", "60%-70% HRmax"),
    ("强度控制在最大心率的６０％～７０％", "INTENSITY", 60, 70, "%HRmax", "60%-70% HRmax"),
    ("强度为40%~60%储备心率", "INTENSITY", 40, 60, "%HRR", "40%-60% HRR"),
    ("中等强度有氧运动", "INTENSITY", 2, 2, "level", "moderate"),
    ("低强度跑台运动", "INTENSITY", 1, 1, "level", "low"),
    ("中高强度间歇训练", "INTENSITY", 2, 3, "level", "moderate-to-high"),
    ("high-intensity interval training", "INTENSITY", 3, 3, "level", "high"),
    ("low-to-moderate intensity walking", "INTENSITY", 1, 2, "level", "low-to-moderate"),
    ("≥moderate Pain↓", "INTENSITY", 2, None, "level", "≥moderate"),
    ("Moderate aerobic exercise", "INTENSITY", 2, 2, "level", "moderate"),
    # ---- SPEED
    ("跑台速度为15 m/min，坡度0°", "SPEED", 15, 15, "m/min", "15 m/min"),
    ("speed of 10 m·min-1", "SPEED", 10, 10, "m/min", "10 m/min"),
    ("speed of 12 m·min⁻¹", "SPEED", 12, 12, "m/min", "12 m/min"),
    ("treadmill at 0.5 km/h", "SPEED", 8.33, 8.33, "m/min", "8.33 m/min"),
    ("跑速１８ｍ/ｍｉｎ", "SPEED", 18, 18, "m/min", "18 m/min"),
    ("速度10~15米/分钟", "SPEED", 10, 15, "m/min", "10-15 m/min"),
    ("belt speed 0.2 m/s", "SPEED", 12, 12, "m/min", "12 m/min"),
    # ---- VOLUME (low/high = sets)
    ("resistance 2 group/time, 10-15 reps/group", "VOLUME", 2, 2, "sets×reps", "2 sets × 10-15 reps"),
    ("3 sets of 10 repetitions", "VOLUME", 3, 3, "sets×reps", "3 sets × 10 reps"),
    ("two sets of twelve repetitions", "VOLUME", 2, 2, "sets×reps", "2 sets × 12 reps"),
    ("深蹲3组×10次", "VOLUME", 3, 3, "sets×reps", "3 sets × 10 reps"),
    ("每组12次，共3组", "VOLUME", 3, 3, "sets×reps", "3 sets × 12 reps"),
    ("1-3 group/time, \n30 s/group", "VOLUME", 1, 3, "sets×reps", "1-3 sets × 30 s"),
    ("atmost 4 group, 15 reps/group", "VOLUME", None, 4, "sets×reps", "≤4 sets × 15 reps"),
    ("弹力带练习每组15次", "VOLUME", None, None, "sets×reps", "15 reps"),
    # ---- TIMING
    ("神经损伤后2周开始跑台运动", "TIMING", 14, 14, "days", "2 weeks after injury"),
    ("术后第7天开始游泳训练", "TIMING", 7, 7, "days", "day 7 after surgery"),
    ("造模后第3天起进行跑台运动", "TIMING", 3, 3, "days", "day 3 after injury"),
    ("从第３天开始进行运动干预", "TIMING", 3, 3, "days", "from day 3"),
    ("exercise started 2 weeks after injury", "TIMING", 14, 14, "days", "2 weeks after injury"),
    ("running from day 3 post-surgery", "TIMING", 3, 3, "days", "day 3 after surgery"),
    ("beginning on postoperative day 7", "TIMING", 7, 7, "days", "day 7 after surgery"),
    ("initiated three days after sciatic nerve injury", "TIMING", 3, 3, "days", "3 days after injury"),
]

ZH_CASES = [c for c in CASES if any("\u4e00" <= ch <= "\u9fff" for ch in c[0])]


def _first(text: str, kind: str) -> ProtocolPart:
    found = [p for p in find_protocol_parts(text) if p.kind == kind]
    assert found, f"no {kind} in {text!r}: {find_protocol_parts(text)}"
    return found[0]


def test_case_table_is_big_enough():
    assert len(CASES) >= 60
    assert len(ZH_CASES) >= 25


@pytest.mark.parametrize("text,kind,low,high,unit,display", CASES, ids=[c[0][:30] for c in CASES])
def test_part(text, kind, low, high, unit, display):
    p = _first(text, kind)
    assert p.low == (None if low is None else pytest.approx(low, abs=0.01))
    assert p.high == (None if high is None else pytest.approx(high, abs=0.01))
    assert p.unit == unit
    if display is not None:
        assert p.display == display


@pytest.mark.parametrize("text", [c[0] for c in CASES], ids=[c[0][:30] for c in CASES])
def test_offsets_reslice_original(text):
    parts = find_protocol_parts(text)
    assert parts
    for p in parts:
        assert text[p.start:p.end] == p.text
        assert p.text == p.text.strip()
    spans = [(p.start, p.end) for p in parts]
    assert spans == sorted(spans)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:])), "parts overlap"


def test_fullwidth_offsets_point_into_original():
    text = "运动强度为６０％～７０％最大心率，每周５天"
    parts = find_protocol_parts(text)
    assert [p.text for p in parts] == ["６０％～７０％最大心率", "每周５天"]
    assert (parts[0].low, parts[0].high) == (60, 70)


def test_operators():
    assert _first("短期运动(<5天)", "DURATION").op == "<"
    assert _first("atmost 4 group, 15 reps/group", "VOLUME").op == "≤"
    assert _first("≥moderate", "INTENSITY").op == "≥"
    assert _first("6周", "DURATION").op is None


def test_volume_reps():
    assert _first("2 group/time, 10-15 reps/group", "VOLUME").reps == (10, 15)
    assert _first("1-3 group/time, 30 s/group", "VOLUME").reps is None  # timed sets


@pytest.mark.parametrize("text", [
    "8周龄雄性C57BL/6小鼠", "8-week-old male mice", "rats aged 8 weeks", "60岁以上老年人",
    "SD大鼠，6~8周龄", "mice at 8 weeks of age", "第3周末测定痛阈",
])
def test_ages_and_time_points_are_not_durations(text):
    assert not [p for p in find_protocol_parts(text) if p.kind == "DURATION"]


@pytest.mark.parametrize("text", [
    "发生率约为6%~10%", "疼痛评分降低10%~15%", "p < 0.05", "P<0.01", "发表于2014年", "HAMED 2014[24]",
    "GHOLAMI 2018[25]", "见文献[12]", "腹腔注射10 mg/kg", "Nav1.7通道", "IL-1β和TNF-α",
    "CCL2/CCR2", "L4-L6背根神经节", "GAD65/67表达", "5-HT能神经元", "37 °C孵育", "37℃",
    "n = 12", "Fig. 2", "3348 · 综述 ·", "大鼠分为3组，每组10只", "十二指肠", "2019年5月3日",
    "incubated for 30 min at room temperature", "activities of daily living (ADL)",
    "mild, moderate and severe pain", "RPE: rating of perceived exertion", "cycling at 100 W",
    "3D culture", "1×10⁶ cells", "60-135 min/W",
])
def test_do_not_match(text):
    assert find_protocol_parts(text) == []


def test_timing_is_not_duration():
    parts = find_protocol_parts("神经损伤后2周开始跑台运动，持续4周")
    assert [(p.kind, p.low) for p in parts] == [("TIMING", 14), ("DURATION", 28)]
    parts = find_protocol_parts("exercise started 2 weeks after injury and lasted 4 weeks")
    assert [(p.kind, p.low) for p in parts] == [("TIMING", 14), ("DURATION", 28)]


def test_summarise_two_arm_table_cell():
    proto = parse_protocol("Moderate, 3 times/W, 50 min/time; HIIT, 3 times/W, 20 min/time")
    assert proto.intensity == "moderate" and proto.intensity_unit == "level"
    assert proto.sessions_per_week == 3 and proto.frequency == "3 times/week"
    assert (proto.minutes_min, proto.minutes_max) == (50, 50)
    assert proto.session_length == "50 min/session"
    assert proto.duration is None and proto.speed is None


def test_summarise_weekly_minutes_row():
    proto = parse_protocol("12 W 3 times/W, 60-135 min/W 50%-70% HRR")
    assert proto.duration == "12 weeks"
    assert (proto.duration_days_min, proto.duration_days_max) == (84, 84)
    assert proto.sessions_per_week == 3
    assert proto.session_length is None  # 60-135 min/W is a weekly total, not per session
    assert (proto.intensity_low, proto.intensity_high, proto.intensity_unit) == (50, 70, "%HRR")
    assert proto.intensity == "50%-70% HRR"


def test_summarise_rodent_treadmill():
    text = "小鼠进行为期6周、每周5天、每天60 min的跑台运动 (速度15 m/min, 坡度0°)"
    assert [p.kind for p in find_protocol_parts(text)] == [
        "DURATION", "FREQUENCY", "SESSION_LENGTH", "SPEED"]
    proto = parse_protocol(text)
    assert proto == Protocol(
        duration="6 weeks", duration_days_min=42, duration_days_max=42,
        frequency="5 days/week", sessions_per_week=5,
        session_length="60 min/day", minutes_min=60, minutes_max=60, speed=15)


def test_summarise_volume_and_first_wins():
    parts = find_protocol_parts("resistance 2 group/time, 10-15 reps/group; 3 sets of 8 reps, 70% MHR, 80% HRR")
    proto = summarise(parts)
    assert proto.sets == (2, 2) and proto.reps == (10, 15)
    assert proto.intensity == "70% HRmax" and proto.intensity_unit == "%HRmax"


def test_summarise_empty():
    assert summarise([]) == Protocol()
    assert parse_protocol("") == Protocol()


@settings(max_examples=1000, deadline=None)
@given(st.text())
def test_arbitrary_text_never_raises(text):
    parts = find_protocol_parts(text)
    for p in parts:
        assert 0 <= p.start < p.end <= len(text)
        assert text[p.start:p.end] == p.text
    assert find_protocol_parts(text) == parts
    assert isinstance(summarise(parts), Protocol)


@settings(max_examples=1000, deadline=None)
@given(st.lists(st.sampled_from(
    ["6", "１２", "十二", "两", "eight", "周", "天", "个月", "W", "week", "-", "~", "～", "至", "to", " ",
     "%", "％", "MHR", "HRR", "1-RM", "RPE", "min", "/", "次", "组", "每", "后", "第", "开始", "m/min",
     "times", "reps", "group", "moderate", "中等强度", "<", "≥", "\n", "km/h", "after injury", "day"]),
    max_size=25).map("".join))
def test_protocol_like_noise_never_raises(text):
    parts = find_protocol_parts(text)
    for p in parts:
        assert text[p.start:p.end] == p.text
    assert find_protocol_parts(text) == parts


def test_texts_without_a_number_skip_only_the_patterns_that_need_one(monkeypatch):
    """The number gate (issue 13): the same parts with and without it; patterns that need no number
    (daily, twice weekly, moderate intensity, 中等强度) still run on a text without one."""
    from litmine.nlp import protocol
    needs = [protocol._needs_number(k) for k in range(len(protocol._PATTERNS))]
    assert not all(needs) and sum(needs) >= 20
    texts = ["Rats ran daily at moderate intensity, twice weekly, every other day.",
             "Moderate, aerobic training; 中等强度跑台运动，隔天一次。", "Training lasted twelve weeks, three times a week.",
             "每周五天，共两周。", "小鼠进行低强度游泳训练。", "ran at ≥moderate intensity for one hour",
             "No numbers here, only vigorous-intensity exercise.", "运动3周后，每次30 min。"]
    gated = [protocol._find_cached.__wrapped__(t) for t in texts]
    real = protocol._what_is_in
    monkeypatch.setattr(protocol, "_what_is_in", lambda norm: (real(norm)[0], True, *real(norm)[2:]))
    monkeypatch.setattr(protocol, "_RUNNABLE", {})
    assert gated == [protocol._find_cached.__wrapped__(t) for t in texts]
    assert {p.kind for ps in gated[:2] for p in ps} == {"FREQUENCY", "INTENSITY"}
    assert any(p.kind == "DURATION" for p in gated[2])


def test_patterns_without_spelled_numbers_or_english_operators_match_the_same(monkeypatch):
    """Issue 13: a text without a spelled number ("twelve") or an English operator ("at least") is read by
    the patterns without those alternatives; the parts are those of the full patterns."""
    from litmine.nlp import protocol
    texts = ["Rats ran 30 min/day, 5 days/week for 8 weeks at 15 m/min.", "3 sets of 10 reps at 70% 1RM, RPE 12-14.",
             "at least 3 times a week for twelve weeks", "training lasted less than 5 days", "up to 60 min, 2 groups/time",
             "每周5天，每天60 min，至少三次/周，共两周。", "from day 3 post-surgery, twice weekly", "ran for 30 min"]
    assert protocol._variant(4, False, False).pattern != protocol._PATTERNS[4][0].pattern
    assert "at\\s*least" not in protocol._variant(4, True, False).pattern
    fast = [protocol._find_cached.__wrapped__(t) for t in texts]
    monkeypatch.setattr(protocol, "_variant", lambda order, words, ops, plain=False:
                        protocol._PLAIN[order][0] if plain else protocol._PATTERNS[order][0])
    assert fast == [protocol._find_cached.__wrapped__(t) for t in texts]
    assert sum(map(len, fast)) >= 15 and any(p.op == "≥" for p in fast[2]) and any(p.op == "<" for p in fast[3])


#: Texts for the shared scan and the literal gates: every kind, operators in signs, Chinese and English,
#: numbers that continue a token (Nav1.7, L4-L6, 0.05), Chinese numerals after 每/同, dotted and dotless i.
_SCAN_TEXTS = [
    "Rats ran at least 30 min a day, 5 days/week, for 8 weeks at 60% VO2max (P < 0.05; Nav1.7, L4-L6).",
    "Training started 2 weeks after injury and from day 3 post-surgery; POD 7; 24 h after SNI.",
    "3 sets of 10 repetitions, 2 groups/time, 10-15 reps/group; 3 × 10 reps; 30 s/group; at most 4 sets.",
    "RPE 12-14 and 3-5 RPE, 50%-60% HRmax, 60% of maximal heart rate, Borg 13, ≥moderate, high-intensity.",
    "15 m/min, 10 m·min-1, 0.5 km/h, 20 cm/s; twice weekly, thrice daily, every other day, 30-min sessions.",
    "神经损伤后2周开始，每周5天，每天1次，每次30分钟，持续6周；不少于3次/周，不超过60 min，至少两周。",
    "从第3天开始；每组10次，共3组；每2周1次；最大心率的60%~70%；中等强度；15米/分；同一天，每一组。",
    "Twelve weeks of TRAINING, Three times a week, up to 60 min; less than 5 days; İ ran fıve weeks.",
    "Ｒａｔｓ ｒａｎ ６０％ ＨＲｍａｘ， ３０ ｍｉｎ／ｄａｙ， ５ ｄａｙｓ／ｗｅｅｋ。", "no numbers, only moderate aerobic work", "",
    "Mice swam 45 min/4 days a week, then a daily 20-minute treadmill bout at 12 metres per minute; rowing 25 min at 55% of "
    "VO2 reserve, 2-4 rating of perceived exertion, two alternate days per week, from postoperative 3 days; 时间为40 min。",
]


def test_shared_scan_and_literal_gates_give_the_parts_of_whole_scans(monkeypatch):
    """Issue 13: number-led patterns tried only where one scan found a number or an operator start, and patterns
    skipped on a text without their mandatory literals, give the parts every pattern scanned whole gives."""
    from litmine.nlp import protocol
    fast = [protocol._find_cached.__wrapped__(t) for t in _SCAN_TEXTS]
    monkeypatch.setattr(protocol, "_LED", {})
    monkeypatch.setattr(protocol, "_NEEDS", [()] * len(protocol._PATTERNS))
    monkeypatch.setattr(protocol, "_RUNNABLE", {})
    assert fast == [protocol._find_cached.__wrapped__(t) for t in _SCAN_TEXTS]
    kinds = {p.kind for parts in fast for p in parts}
    assert kinds == set(protocol.KINDS) and sum(map(len, fast)) >= 45


def test_number_led_patterns_are_read_from_their_text():
    """The patterns that open with a first number (after an operator, a start cue or 每组) are tried at the
    shared scan's positions; anchors, words and 每 openings are scanned whole."""
    from litmine.nlp import protocol
    assert protocol._number_led(protocol._rx(rf"(?:{protocol._OP}\s*)?{protocol._R}\s*周").pattern) == ("number", "op")
    assert protocol._number_led(r"每\s*" + protocol._R) is None and protocol._number_led(r"(?P<a>\d+)") is None
    led = {protocol._PLAIN[k][1].__name__ for k in protocol._LED}
    assert {"_duration", "_frequency", "_session", "_session_noun", "_session_at", "_intensity_pct", "_speed", "_volume",
            "_rpe", "_timing"} == led
    assert len(protocol._LED) >= 12 and 0 not in protocol._LED


def test_gate_flags_agree_with_the_case_insensitive_searches():
    """``_what_is_in`` reads spelled numbers and English operators from the lower-cased text as the
    case-insensitive patterns do, dotless/dotted i included."""
    import re
    from litmine.nlp import protocol
    texts = ["Twelve WEEKS", "fıve weeks", "FİVE weeks", "fivefold", "5one", "AT LEAST 3", "atleast", "up\tto 4",
             "group to", "weight gain", "no numbers", "每周三次"]
    for t in texts:
        norm = protocol._normalise(t)[0]
        present, numbers, words, ops = protocol._what_is_in(norm)
        assert words == bool(protocol._ANY_WORD_NUMBER.search(norm)), t
        assert ops == bool(protocol._rx(protocol._OP_WORDS).search(norm)), t
        assert numbers == bool(re.search(r"\d|[一二两三四五六七八九十]", norm) or words), t
    assert protocol._what_is_in("fıve")[2] and not protocol._what_is_in("weight")[2]
    assert "rep" in protocol._what_is_in("3 REPS")[0] and "%" in protocol._what_is_in(protocol._normalise("６０％")[0])[0]


def test_number_starts_are_where_a_first_number_may_begin():
    """``_number_starts`` gives the positions where ``_NUM1``'s look-behinds let a digit or Chinese numeral
    begin, ASCII runs read by their first digit only (a case-insensitive search at every position agrees)."""
    import re
    from litmine.nlp import protocol
    every = re.compile(rf"(?=(?<![A-Za-z0-9.\[_/\-])\d|(?<![同每{protocol._CN}])[{protocol._CN}])", re.I)
    texts = ["Nav1.7 and L4-L6 at 2014, [12] x.5 /3 _4 -5 (6) 7", "每三天，三十二次，同一组，5十天，一二三", "١٢ days ıx2 İ3", ""]
    for t in texts:
        assert protocol._number_starts(t) == [m.start() for m in every.finditer(t)], t
    assert protocol._number_starts("at 2014 and 8") == [3, 12]


@pytest.mark.parametrize("text, timing", [
    ("SCI术后第1天, 两组大鼠阈值均较假手术组增加。", None),           # a day of measurement
    ("术后第7天行为学检测显示阈值升高。", None),
    ("SCI术后第8天行减重平板训练。", "day 8 after surgery"),          # the day training started
    ("造模后第3天进行游泳训练。", "day 3 after injury"),
])
def test_a_day_after_the_injury_is_the_training_start_only_with_training_after_it(text, timing):
    assert parse_protocol(text).timing == timing


@pytest.mark.parametrize("text, expected", [
    ("cycling (45 min·d−1, 4 d·wk−1, 10 wk)", [("SESSION_LENGTH", "45 min·d−1", "45 min/day"),
                                              ("FREQUENCY", "4 d·wk−1", "4 days/week"),
                                              ("DURATION", "10 wk", "10 weeks")]),
    ("2 sessions·wk⁻¹ of resistance work", [("FREQUENCY", "2 sessions·wk⁻¹", "2 times/week")]),
    ("walked 20 min.day-1, 6 days.week-1", [("SESSION_LENGTH", "20 min.day-1", "20 min/day"),
                                           ("FREQUENCY", "6 days.week-1", "6 days/week")]),
    # a dose per kilogram and weekly minutes are not protocol rates; a speed keeps its own unit
    ("0.5 mg·kg−1 naloxone", []),
    ("120 min·wk−1 of walking at 14 m·min−1", [("SPEED", "14 m·min−1", "14 m/min")]),
])
def test_rates_with_negative_exponents(text, expected):
    assert [(p.kind, p.text, p.display) for p in find_protocol_parts(text)] == expected


# Methods-section constructions of full papers (sentences written for these tests): each (text, kind, low, high,
# unit, display) is the FIRST part of ``kind`` found.
METHODS_CASES = [
    ("Mice swam 45 min/4 days a week for 6 weeks.", "SESSION_LENGTH", 45, 45, "min", "45 min/session"),
    ("Mice swam 45 min/4 days a week for 6 weeks.", "FREQUENCY", 4, 4, "sessions/week", "4 days/week"),
    ("Rats were trained on two alternate days per week.", "FREQUENCY", 2, 2, "sessions/week", "2 days/week"),
    ("Cycling took place on four, nonconsecutive days per week.", "FREQUENCY", 4, 4, "sessions/week", "4 days/week"),
    ("Patients attended 3 supervised sessions per week.", "FREQUENCY", 3, 3, "sessions/week", "3 times/week"),
    ("Each animal performed a daily 20-minute treadmill bout.", "SESSION_LENGTH", 20, 20, "min", "20 min/session"),
    ("They completed 50 min of moderate cycling.", "SESSION_LENGTH", 50, 50, "min", "50 min/session"),
    ("The aerobic arm cycled (40 min done at 65% of HRR).", "SESSION_LENGTH", 40, 40, "min", "40 min/session"),
    ("Rats ran 25 min at 18 m/min on the belt.", "SESSION_LENGTH", 25, 25, "min", "25 min/session"),
    ("Walking at 12 metres per minute.", "SPEED", 12, 12, "m/min", "12 m/min"),
    ("The belt moved at 16 m/minute.", "SPEED", 16, 16, "m/min", "16 m/min"),
    ("Intensity was 45% to >65% of VO2 reserve.", "INTENSITY", 45, 65, "%VO2R", "45%-65% VO2R"),
    ("Training at 60% VO2R thrice weekly.", "INTENSITY", 60, 60, "%VO2R", "60% VO2R"),
    ("Bands were set at 2-4 rating of perceived exertion.", "INTENSITY", 2, 4, "RPE", "RPE 2-4"),
    ("Effort was kept at a perceived exertion (RPE) of 12-14.", "INTENSITY", 12, 14, "RPE", "RPE 12-14"),
    ("Training began at postoperative 5 days.", "TIMING", 5, 5, "days", "5 days after surgery"),
    ("Rats ran 1 h/d for 7 days after SNI.", "DURATION", 7, 7, "days", "7 days"),
    ("Mice ran for 10 consecutive days after the lesion.", "DURATION", 10, 10, "days", "10 days"),
    ("对照组干预时间为30 min。", "SESSION_LENGTH", 30, 30, "min", "30 min/session"),
]


@pytest.mark.parametrize("text,kind,low,high,unit,display", METHODS_CASES, ids=[f"{c[1]}:{c[0][:30]}" for c in METHODS_CASES])
def test_methods_constructions(text, kind, low, high, unit, display):
    test_part(text, kind, low, high, unit, display)


@pytest.mark.parametrize("text, kind", [
    ("Tests were run one day after the last exercise session.", "DURATION"),   # a time point, not a span
    ("Sessions were separated by a 2-day interval.", "DURATION"),              # a pause
    ("Rats had a 3-day rest before testing.", "DURATION"),
    ("Rats ran 1 h/d for 7 days after SNI.", "TIMING"),                        # the span counted from the injury
    ("Guidelines advise 150 min of moderate aerobic exercise per week.", "SESSION_LENGTH"),  # a weekly total
    ("A 10-min walking warm-up preceded each session.", "SESSION_LENGTH"),     # a warm-up
    ("The 6-minute walking test distance improved.", "SESSION_LENGTH"),        # an outcome
    ("Slices were kept 30 min at 4% paraformaldehyde.", "SESSION_LENGTH"),     # no exercise named
    ("总时间为120 min。", "SESSION_LENGTH"),                                   # a total
])
def test_methods_non_parts(text, kind):
    assert not [p for p in find_protocol_parts(text) if p.kind == kind]


def test_daily_yields_to_a_stated_count():
    """'daily 30-min swims, 5 days per week': the count of training days, not the word for each of them."""
    p = parse_protocol("The programme was a daily 30-minute swimming exercise, 5 days per week for 4 weeks.")
    assert (p.sessions_per_week, p.minutes_min, p.duration_days_min) == (5, 30, 28)
    assert parse_protocol("Mice ran daily for 4 weeks.").sessions_per_week == 7


@pytest.mark.parametrize("text, expected", [
    ("a 16-week, twice-weekly programme", [("DURATION", "16 weeks"), ("FREQUENCY", "2 times/week")]),
    ("cycling at HRR 50-65%", [("INTENSITY", "50%-65% HRR")]),
    ("强度：最大心率为65%~75%", [("INTENSITY", "65%-75% HRmax")]),
])
def test_hyphenated_rates_and_unit_first_intensities(text, expected):
    assert [(p.kind, p.display) for p in find_protocol_parts(text)] == expected
