"""Exercise-protocol parser: find dose parameters in Chinese, English or mixed text.

Pure Python (``re`` + ``unicodedata``). Matching runs on a per-character NFKC copy of
the text (full-width ``６０％`` -> ``60%``, ``～`` -> ``~``, ``VO₂`` -> ``VO2``), but every
offset points into the ORIGINAL string, so ``text[p.start:p.end] == p.text``.

Kinds, canonical units and the phrasings recognised (numbers may be digits, spelled
``one``..``twenty`` or Chinese ``一``..``九十九``/``两``; ranges use ``~ ～ - – — − to 至 到``):

DURATION (days; week = 7, month = 30, year = 365)
    ``6周``, ``1~6周``, ``6~39天``, ``3个月``, ``12 W``, ``for 4 wk``, ``8-week``,
    ``eight weeks``, ``两周``, ``(<5天)``, ``>5天``, ``超过4周``, ``at least 6 weeks``.
    Skipped: animal/human ages (``8周龄``, ``8-week-old``, ``aged 8 weeks``, ``60岁``),
    ``第3周`` (a time point), calendar years (``2014年``), dates (``5月3日``).
FREQUENCY (sessions/week)
    ``每周5天``, ``每周3~5次``, ``每天1次`` (= 7), ``每2周1次`` (= 0.5), ``3次/周``,
    ``5 days/week``, ``3 times/W``, ``3x/wk``, ``3 times a week``, ``twice weekly``,
    ``twice daily`` (= 14), ``daily``/``everyday``/``every day`` (= 7),
    ``隔天``/``隔日``/``every other day`` (= 3.5).
SESSION_LENGTH (minutes per session, or per day when the text says so)
    ``50 min/time``, ``60 min/session``, ``30分钟/次``, ``每次30 min``, ``每天60 min``,
    ``1 h/d``, ``30 min/day``, ``30 min daily``, ``30-min sessions``, ``2-h session``, ``持续30分钟``,
    ``running for 30 min``. Weekly totals (``60-135 min/W``) are NOT session lengths.
INTENSITY ((low, high) in %HRmax | %HRR | %1RM | %10RM | %VO2max | RPE | level)
    ``50%-60% MHR``, ``85%–95% HRmax``, ``60% of maximal heart rate``, ``60%~70%最大心率``,
    ``最大心率的60%``, ``60%-65% HRR``, ``储备心率``, ``30% 1-RM``, ``50% 10-RM``,
    ``70% VO2max``, ``70%最大摄氧量``, ``3-5RPE``, ``RPE 12-14``, ``Borg 13``;
    words (unit ``level``, low=1 / moderate=2 / high=3): ``moderate``, ``moderate-intensity``,
    ``low-to-moderate intensity``, ``≥moderate``, ``high-intensity``, ``中等强度``,
    ``低强度``, ``中高强度``.
SPEED (m/min)
    ``15 m/min``, ``10 m·min-1``, ``0.5 km/h`` (8.33), ``0.2 m/s`` (12), ``20 cm/s``, ``15米/分``.
VOLUME (unit ``sets×reps``: low/high = sets, ``reps`` = (low, high) repetitions per set)
    ``3 sets of 10 repetitions``, ``2 group/time, 10-15 reps/group``, ``3组×10次``,
    ``每组10次，共3组``, ``1-3 group/time, 30 s/group`` (timed sets: reps None),
    ``atmost 4 group, 15 reps/group``, ``3 × 10 reps``, ``15 reps/group``.
TIMING (days after injury/surgery/model induction at which training started)
    ``神经损伤后2周开始``, ``术后第7天开始``, ``从第3天开始``, ``started 2 weeks after injury``,
    ``from day 3 post-surgery``, ``on postoperative day 7``, ``24 h after SNI``. Any time
    stated relative to an injury/surgery/model anchor is TIMING (never DURATION), even
    without a "start" cue (``建模后第14天取材`` is a sampling day: callers judge that).

Numbers "stated with an operator" (``<5天``, ``at least 3 times/week``, ``≥moderate``) set
``op`` and leave the open end ``None``.
"""
from __future__ import annotations

import functools
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Callable, Iterable, Optional

import ahocorasick

from litmine.types import Protocol
from litmine.nlp.first_chars import LazyPattern, first_char_guard, needs_group

__all__ = ["ProtocolPart", "find_protocol_parts", "summarise", "parse_protocol", "KINDS"]

KINDS = ("DURATION", "FREQUENCY", "SESSION_LENGTH", "INTENSITY", "VOLUME", "SPEED", "TIMING")


@dataclass(frozen=True)
class ProtocolPart:
    """One protocol parameter found in a text.

    ``start``/``end`` index the original text; ``low``/``high`` are in ``unit`` (the
    canonical unit of ``kind``); ``op`` is ``"<" ">" "≤" "≥"`` when the text bounds the
    value on one side only; ``display`` is a normalised English rendering. ``reps`` is
    only used by VOLUME parts: (low, high) repetitions per set, or ``None``.
    """

    start: int
    end: int
    text: str
    kind: str
    low: Optional[float]
    high: Optional[float]
    unit: str
    op: Optional[str] = None
    display: str = ""
    reps: Optional[tuple] = None


# ---------------------------------------------------------------- numbers and ranges
_SPELLED = {w: i + 1 for i, w in enumerate(
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty".split())}
_CN_DIGIT = {"一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN = "一二两三四五六七八九十"
_WORDS = "|".join(sorted(_SPELLED, key=len, reverse=True))
_DIG = r"\d{1,6}(?:\.\d{1,4})?"
_NUM = rf"(?:{_DIG}|(?<![A-Za-z])(?:{_WORDS})(?![A-Za-z])|[{_CN}]{{1,3}})"
# the first number of a match must not continue a token (Nav1.7, L4-L6, [12], GAD65/67)
_NUM1 = (rf"(?:(?<![A-Za-z0-9.\[_/\-]){_DIG}|(?<![A-Za-z])(?:{_WORDS})(?![A-Za-z])"
         rf"|(?<![同每{_CN}])[{_CN}]{{1,3}})")
_SEP = r"\s*(?:~|-|–|—|−|to(?![A-Za-z])|至|到)\s*"
_OPS = {"<": "<", "less than": "<", "shorter than": "<", "小于": "<", "少于": "<", "不足": "<",
        "不到": "<", "短于": "<", ">": ">", "more than": ">", "longer than": ">", "超过": ">",
        "大于": ">", "多于": ">", "长于": ">", "≥": "≥", ">=": "≥", "⩾": "≥", "at least": "≥",
        "至少": "≥", "不少于": "≥", "不低于": "≥", "≤": "≤", "<=": "≤", "⩽": "≤", "up to": "≤",
        "at most": "≤", "atmost": "≤", "最多": "≤", "不超过": "≤",
        "以上": "≥", "or more": "≥", "or longer": "≥", "以内": "≤", "以下": "≤"}
_OP_WORDS = ("less\\s+than|more\\s+than|longer\\s+than|shorter\\s+than|"
             "at\\s*least|up\\s+to|at\\s*most")
_OP = ("(?P<op>>=|<=|[<>≤≥⩽⩾]|" + _OP_WORDS + "|不少于|不低于|不超过|小于|少于|不足|不到|短于|超过|"
       "大于|多于|长于|至少|最多)")
_POST_OP = r"(?:\s*(?P<post>以上|以内|以下|or\s+more|or\s+longer))?"


def _rng(a: str = "a", b: str = "b", mid: str = "") -> str:
    """Regex for ``N`` or ``N <mid>? <sep> N`` with groups ``a`` and ``b``."""
    return rf"(?P<{a}>{_NUM1})(?:\s*{mid}{_SEP}(?P<{b}>{_NUM}))?"


def _num(tok: Optional[str]) -> Optional[float]:
    """'12', '1.5', 'eight', '十二', '两' -> float; ``None`` if absent or not a number."""
    if not tok:
        return None
    tok = tok.strip().lower()
    if tok in _SPELLED:
        return float(_SPELLED[tok])
    if tok[0] in _CN:
        if "十" not in tok:
            return float(_CN_DIGIT[tok]) if len(tok) == 1 else None
        tens, _, ones = tok.partition("十")
        if len(tens) > 1 or len(ones) > 1 or "十" in ones:
            return None
        t = _CN_DIGIT.get(tens, None) if tens else 1
        o = _CN_DIGIT.get(ones, None) if ones else 0
        return None if t is None or o is None else float(t * 10 + o)
    try:
        val = float(tok)
    except ValueError:
        return None
    return val if math.isfinite(val) else None


def _fmt(x: float) -> str:
    """8.0 -> '8', 8.3333 -> '8.33'."""
    return f"{round(x, 2):g}"


def _span_str(lo: Optional[float], hi: Optional[float], suffix: str = "") -> str:
    """(50, 60, '%') -> '50%-60%'; (5, None) -> '5'; (6, 6) -> '6'."""
    if lo is None or hi is None or lo == hi:
        return _fmt(lo if lo is not None else hi) + suffix
    return f"{_fmt(lo)}{suffix}-{_fmt(hi)}{suffix}"


def _plural(name: str, n: Optional[float]) -> str:
    return name if n == 1 else name + "s"


def _bounds(m: re.Match, scale: float = 1.0, a: str = "a", b: str = "b", scale_a: Optional[float] = None):
    """``(low, high, op)`` of the range in groups ``a``/``b`` times ``scale`` (``scale_a``
    for ``a`` when the two ends have different units); ``None`` if not a valid range.
    A single value with an ``op``/``post`` group becomes a half-open bound."""
    gd = m.groupdict()
    lo, hi = _num(gd.get(a)), _num(gd.get(b))
    if lo is None or (gd.get(b) and hi is None):
        return None
    lo, hi = lo * (scale if scale_a is None else scale_a), (lo if hi is None else hi) * scale
    if hi < lo:
        return None
    op_tok = gd.get("op") or gd.get("post")
    op = _OPS.get(re.sub(r"\s+", " ", op_tok.lower())) if op_tok else None
    if op and not gd.get(b):
        return (None, hi, op) if op in "<≤" else (lo, None, op)
    return lo, hi, None


# ---------------------------------------------------------------- unit vocabularies
_DUR_UNIT = (r"(?:weeks?|wks?|days?|months?|mos?|years?|yrs?|w|(?-i:d))(?![A-Za-z/·])"
             r"|周|星期|个月|天|日|年")
_TIME_DAYS = {"w": 7, "周": 7, "星期": 7, "d": 1, "天": 1, "日": 1, "m": 30, "个月": 30,
              "y": 365, "年": 365, "h": 1 / 24, "小时": 1 / 24}
_UNIT_NAME = {7: "week", 1: "day", 30: "month", 365: "year", 1 / 24: "hour"}


def _days_per(unit: str) -> float:
    u = unit.lower()
    return _TIME_DAYS.get(u, _TIME_DAYS.get(u[:1] if u[:1] in "wdmyh" else u, 1))


_INT_UNIT = (r"(?:10\s*-?\s*RM|(?:1|one)\s*-?\s*(?:RM|rep(?:etition)?s?\s*max(?:imum)?)"
             r"|[1一]?\s*次?最大重复(?:重量|次数)?|HRR|HR\s*reserve|heart\s+rate\s+reserve|储备心率|心率储备"
             r"|HR\s*[-_]?\s*(?:max|peak)|max(?:imal|imum)?\s+HR|A?P?MHR|最大心率|心率最大值|峰值心率"
             r"|(?:age[- ]predicted\s+)?(?:max(?:imal|imum)?|peak)\s+heart\s+rate"
             r"|V\u0307?O2\s*[-_]?\s*R(?![A-Za-z])|V\u0307?O2\s+reserve|oxygen\s+(?:uptake|consumption)\s+reserve"
             r"|V\u0307?O2\s*[-_]?\s*(?:max|peak)|(?:max(?:imal|imum)?|peak)\s+oxygen\s+(?:uptake|consumption)"
             r"|最大摄氧量|峰值摄氧量)(?![A-Za-z])")


def _int_unit(tok: str) -> str:
    t = re.sub(r"[\s_-]", "", tok.lower())
    if t.startswith("10rm"):
        return "%10RM"
    if re.search(r"(?:^|\d|one)rm$|rep|重复", t):
        return "%1RM"
    if re.search(r"(?:o2|oxygen(?:uptake|consumption))(?:r$|reserve)", t):
        return "%VO2R"
    if "hrr" in t or "reserve" in t or "储备" in t:
        return "%HRR"
    if "o2" in t or "oxygen" in t or "摄氧" in t:
        return "%VO2max"
    return "%HRmax"


_LEVELS = {"low": 1, "light": 1, "mild": 1, "moderate": 2, "high": 3, "vigorous": 3, "heavy": 3,
           "低": 1, "小": 1, "较低": 1, "中": 2, "中等": 2, "高": 3, "大": 3, "较高": 3}
_LEVEL_PAIRS = {"中低": (1, 2), "中小": (1, 2), "中高": (2, 3)}
_LEVEL_NAME = {1: "low", 2: "moderate", 3: "high"}
_LEVEL_EN = "low|light|mild|moderate|high|vigorous|heavy"
_EXERCISE_WORDS = ("aerobic|exercise|training|resistance|running|swimming|treadmill|walking|"
                   "cycling|activity|physical|endurance|continuous|interval")

_PER = r"\s*(?:/|(?:per|a|an|each|every)\s+|每)\s*"
_MIN_UNIT = r"(?P<u>min(?:ute)?s?|h(?:ours?|rs?)?)(?![A-Za-z])|(?P<uz>分钟|小时)"
_DOT = r"\s*[·・.∙⋅\s]\s*"     # m·min-1, m.min-1, m min-1
_SPEED_UNIT = (rf"(?P<u>(?:m|meters?|metres?)\s*(?:/|\s+per\s+)\s*min(?:ute)?|m{_DOT}min\s*[-−]\s*1|m\s*/\s*s|m{_DOT}s\s*[-−]\s*1"
               rf"|km\s*/\s*h|km{_DOT}h\s*[-−]\s*1|cm\s*/\s*s|cm{_DOT}s\s*[-−]\s*1"
               r"|米\s*/\s*分钟?|m\s*/\s*分钟?)(?![A-Za-z0-9])")
_ANCHOR_ZH = (r"(?P<anc>神经损伤|损伤|手术|术|造模|建模|模型建立|结扎|横断|切断|压迫|挤压|注射|诱导|受伤|"
              r"卒中|发病|缺血|SNI|CCI|SCI|PSL|STZ)")
_ANCHOR_EN = (r"(?:injury|injuries|surgery|operation|lesion|ligation|transection|crush|induction|"
              r"insult|stroke|ischemia|contusion|SNI|CCI|SCI|PSL|STZ|modell?ing|model)(?![A-Za-z])")
_AFTER_EN = (rf"(?P<anc>\s*(?:after|post-?|following)\s*(?:the\s+)?(?:[A-Za-z]+\s+){{0,2}}?{_ANCHOR_EN}"
             r"|\s*post-?operative(?:ly)?(?![A-Za-z]))")
_CUE_EN = (r"(?P<cue>(?:start(?:ed|ing|s)?|beg[ai]n(?:ning|s)?|initiated|commenced|from)\s+"
           r"(?:on\s+|at\s+|from\s+)?)")

_F = re.IGNORECASE


def _rx(pattern: str) -> LazyPattern:
    """``pattern`` with :data:`_F`, compiled when first used: a process compiles the patterns its text runs."""
    return LazyPattern(pattern, _F)


# ---------------------------------------------------------------- converters
# Each takes a match and the normalised text, returns
# (kind, low, high, unit, op, display, reps) or None to drop the match.

def _is_age_or_point(norm: str, s: int, e: int) -> bool:
    pre, post = norm[max(0, s - 12):s].lower(), norm[e:e + 8].lower()
    return bool(re.search(r"(?:aged?|ages|age\s+of|年龄)\s*(?:of\s*)?$|第[\d\s、,和及]*$|月\s*$", pre)
                or re.match(r"\s*(?:龄|岁|大的|-?\s*old(?![a-z])|of\s+age|期|围|边|末|刊|报|然|津)", post))


#: After a number of days or weeks, what makes it a time point or a pause rather than how long training lasted:
#: "one day after the last exercise session" (when a test was run), "a 2-day interval", "a 3-day rest"
#: (litmine curators, from methods sections of exercise studies).
_NOT_A_SPAN = re.compile(r"\s*-?\s*(?:(?:intervals?|rests?|breaks?|washouts?|gaps?|pauses?)(?![A-Za-z])"
                         r"|(?:after|before|following)\s+(?:the\s+)?(?:last|final)(?![A-Za-z]))", re.I)


def _duration(m, norm):
    if _is_age_or_point(norm, m.start(), m.end()) or _NOT_A_SPAN.match(norm, m.end()):
        return None
    unit, unit1 = m.group("u"), m.group("u1") or m.group("u")
    per, per1 = _days_per(unit), _days_per(unit1)
    raw = [_num(m.group("a")), _num(m.group("b") or m.group("a"))]
    if None in raw:
        return None
    if unit.lower() == "w" and (raw[1] > 52 or raw[1] != int(raw[1])):   # "100 W" is watts
        return None
    if per == 365 and raw[1] > 15:                                    # 2014年, "≥60 years" (ages)
        return None
    got = _bounds(m, per, scale_a=per1)
    if got is None:
        return None
    low, high, op = got
    name, name1 = _UNIT_NAME[per], _UNIT_NAME[per1]
    if op:
        disp = f"{op}{_fmt(raw[0])} {_plural(name, raw[0])}"
    elif per1 != per:
        disp = f"{_fmt(raw[0])} {_plural(name1, raw[0])}-{_fmt(raw[1])} {_plural(name, raw[1])}"
    else:
        disp = f"{_span_str(*raw)} {_plural(name, raw[1])}"
    return "DURATION", low, high, "days", op, disp, None


def _frequency(m, norm):
    gd = m.groupdict()
    if gd.get("fixed"):
        word = gd["fixed"].lower()
        if word in ("隔天", "隔日", "隔一天") or "other" in word or "alternate" in word or "second" in word:
            return "FREQUENCY", 3.5, 3.5, "sessions/week", None, "every other day", None
        return "FREQUENCY", 7.0, 7.0, "sessions/week", None, "daily", None
    if gd.get("w"):
        n = {"once": 1.0, "twice": 2.0, "thrice": 3.0}[gd["w"].lower()]
        daily = gd["per"].lower().startswith("d")
        low = n * 7 if daily else n
        disp = f"{_fmt(n)} {'time' if n == 1 else 'times'}/{'day' if daily else 'week'}"
        return "FREQUENCY", low, low, "sessions/week", None, disp, None
    b = _bounds(m)
    if b is None:
        return None
    lo, hi, op = b
    per = gd["per"].lower()
    every = _num(gd.get("n")) if gd.get("n") else 1.0
    if not every:
        return None
    daily = per.startswith("d") or per in ("天", "日")
    scale = 7.0 if daily else 1.0 / every
    u = gd["u"].lower()
    noun = "day" if u.startswith("d") or u in ("天", "日") else "time"
    noun = _plural(noun, hi if hi is not None else lo)
    period = "day" if daily else ("week" if every == 1 else f"{_fmt(every)} weeks")
    disp = f"{op or ''}{_span_str(lo, hi)} {noun}/{period}"
    return ("FREQUENCY", None if lo is None else lo * scale, None if hi is None else hi * scale,
            "sessions/week", op, disp, None)


def _session(m, norm):
    gd = m.groupdict()
    unit = (gd.get("u") or gd.get("uz") or "").lower()
    scale = 60.0 if unit.startswith("h") or unit == "小时" else 1.0
    b = _bounds(m, scale)
    if b is None:
        return None
    lo, hi, op = b
    per = (gd.get("per") or gd.get("per2") or gd.get("pre") or "").lower()
    daily = per in ("d", "天", "日", "daily", "每天", "每日") or per.endswith("day")
    disp = f"{op or ''}{_span_str(lo, hi)} min/{'day' if daily else 'session'}"
    return "SESSION_LENGTH", lo, hi, "min", op, disp, None


def _session_for(m, norm):
    """``for 30 min`` counts only when an exercise word precedes it (not ``incubated for 30 min``)."""
    pre = norm[max(0, m.start() - 60):m.start()]
    if not re.search(rf"(?<![A-Za-z])(?:{_EXERCISE_WORDS}|ran|run|swam|swim|walked|cycled|trained|exercised)"
                     r"(?![A-Za-z])[^.;]*$", pre, _F):
        return None
    return _session(m, norm)


#: An exercise named in a span of text (the session patterns' evidence that minutes are a training session's).
_EXERCISE_IN = re.compile(rf"(?<![A-Za-z])(?:{_EXERCISE_WORDS}|ran|run|swam|swim|walked|cycled|trained|exercised|jogging"
                          r"|workouts?|work)(?![A-Za-z])", re.I)
#: What the minutes before an exercise noun are not a session of: a warm-up, cool-down or rest, a walking test,
#: a weekly total ("150 min of moderate aerobic activity per week").
_NOT_SESSION_NOUN = re.compile(r"warm|cool|rest|recover|stretch|tests?(?![A-Za-z])|distance", re.I)
_WEEKLY_AFTER = re.compile(r"[^.;,()]{0,40}?(?:/\s*w(?:ee)?k|\bper\s+week|\ba\s+week|\beach\s+week|\bweekly)", re.I)


def _session_noun(m, norm):
    """``daily 30-minute swimming exercise``, ``60 min of treadmill running``: minutes before an exercise noun
    (at most two words between) are a session, except a warm-up/cool-down/rest, a walking test, or a weekly total."""
    if _NOT_SESSION_NOUN.search(m.group("between") or "") or _NOT_SESSION_NOUN.match(norm, m.end("noun") + 1) \
            or _WEEKLY_AFTER.match(norm, m.end("noun")):
        return None
    return _session(m, norm)


def _session_at(m, norm):
    """``45 min done at 50% of HRR``, ``30 min at 15 m/min``: minutes at an intensity or a speed are a session when an
    exercise is named just before them (60 characters, no full stop) or between them and ``at``."""
    pre = norm[max(0, m.start() - 60):m.start()]
    if not (_EXERCISE_IN.search(m.group("between")) or re.search(rf"{_EXERCISE_IN.pattern}[^.;]*$", pre, _F)):
        return None
    return _session(m, norm)


def _session_zh_time(m, norm):
    """``时间为25min``: the time of one session, not a total (``总时间为120 min``, ``共…``)."""
    if re.search(r"[总共]", norm[max(0, m.start() - 6):m.start()]):
        return None
    return _session(m, norm)


def _intensity_pct(m, norm):
    b = _bounds(m)
    if b is None:
        return None
    lo, hi, op = b
    unit = _int_unit(m.group("u"))
    if unit.startswith("%") and ((hi or 0) > 200 or (lo or 0) > 200):
        return None
    return "INTENSITY", lo, hi, unit, op, f"{op or ''}{_span_str(lo, hi, '%')} {unit[1:]}", None


def _rpe(m, norm):
    b = _bounds(m)
    if b is None:
        return None
    lo, hi, op = b
    if max(x for x in (lo, hi) if x is not None) > 20:
        return None
    return "INTENSITY", lo, hi, "RPE", op, f"RPE {op or ''}{_span_str(lo, hi)}", None


def _level(m, norm):
    gd = m.groupdict()
    w, w2 = gd["w"].lower(), (gd.get("w2") or "").lower()
    if w in _LEVEL_PAIRS:
        lo, hi = _LEVEL_PAIRS[w]
    else:
        lo = _LEVELS[w]
        hi = _LEVELS[w2] if w2 else lo
    if hi < lo:
        return None
    op_tok = gd.get("op") or gd.get("post")
    op = _OPS.get(op_tok.lower()) if op_tok else None
    disp = _LEVEL_NAME[lo] if lo == hi else f"{_LEVEL_NAME[lo]}-to-{_LEVEL_NAME[hi]}"
    low, high = float(lo), float(hi)
    if op:
        low, high = (None, high) if op in "<≤" else (low, None)
    return "INTENSITY", low, high, "level", op, f"{op or ''}{disp}", None


def _speed(m, norm):
    u = re.sub(r"\s", "", m.group("u").lower())
    scale = 1000 / 60 if u.startswith("km") else 0.6 if u.startswith("cm") else \
        60.0 if (u.startswith("m/s") or u.endswith("s-1") or u.endswith("s−1")) else 1.0
    b = _bounds(m, scale)
    if b is None:
        return None
    lo, hi, op = b
    lo = None if lo is None else round(lo, 2)
    hi = None if hi is None else round(hi, 2)
    return "SPEED", lo, hi, "m/min", op, f"{op or ''}{_span_str(lo, hi)} m/min", None


def _volume(m, norm):
    gd = m.groupdict()
    sets = reps = None
    op = None
    if gd.get("sa"):
        b = _bounds(m, a="sa", b="sb")
        if b is None:
            return None
        sets = b
        op = b[2]
    timed = None
    if gd.get("ra"):
        lo, hi = _num(gd["ra"]), _num(gd.get("rb"))
        if lo is None or (gd.get("rb") and hi is None):
            return None
        hi = lo if hi is None else hi
        ru = (gd.get("ru") or "").lower()
        if ru in ("s", "sec", "second", "seconds", "秒"):
            timed = f"{_span_str(lo, hi)} s"
        else:
            reps = (lo, hi)
    bits = []
    if sets:
        n_sets = sets[1] if sets[1] is not None else sets[0]
        bits.append(f"{op or ''}{_span_str(sets[0], sets[1])} {_plural('set', n_sets)}")
    if reps:
        bits.append(f"{_span_str(*reps)} reps")
    if timed:
        bits.append(timed)
    low, high = (sets[0], sets[1]) if sets else (None, None)
    return "VOLUME", low, high, "sets×reps", op, " × ".join(bits), reps


#: After "术后第N天", what makes it the day training started ("术后第8天开始/行/进行跑台训练"); without it the
#: day is one of measurement ("术后第1天, 两组阈值均…", "术后第7天行为学检测").
_TRAINING_AFTER = re.compile(r"[^，,；;。]{0,10}?(开始|起|行(?!为)|进行|给予|接受|训练|运动|锻炼)")


#: After "术后第N天起/开始": a change or an onset, which makes the day one of a result, not of training.
_CHANGE_AFTER = re.compile(r"\s*(?:明显|显著|逐渐|持续|即)?\s*(?:升高|降低|增加|减少|下降|上升|缩短|延长|改善|恢复|出现|产生|发生|高于|低于)")


#: "for " just before "5 days after CCI": the span training lasted, counted from the injury.
_FOR_BEFORE = re.compile(r"(?<![A-Za-z])for\s+$", re.I)


def _timing(m, norm):
    gd = m.groupdict()
    if not (gd.get("cue") or gd.get("anc") or gd.get("postday") or gd.get("ord")):
        return None
    if gd.get("anc") and gd.get("ord") and not gd.get("cue") and not _TRAINING_AFTER.match(norm, m.end()):
        return None  # a day of measurement after the injury, not when training started
    if gd.get("cue") and not gd.get("day") and _CHANGE_AFTER.match(norm, m.end()):
        return None  # "阈值于术后第14天起明显升高", "第7天开始出现痛敏": when a result began, not training
    if not (gd.get("cue") or gd.get("ord") or gd.get("day")) and _FOR_BEFORE.search(norm, max(0, m.start() - 6), m.start()):
        return None  # "1 h/d for 5 days after CCI": how long training lasted after the injury (a DURATION)
    unit = gd.get("u") or "d"
    per = _days_per(unit)
    b = _bounds(m, per)
    if b is None:
        return None
    lo, hi, _ = b
    anc = (gd.get("anc") or gd.get("postday") or "").lower()
    what = "surgery" if re.search(r"术|surg|operat", anc) else "injury" if anc else ""
    raw_lo, raw_hi = lo / per, hi / per
    if gd.get("ord") or gd.get("day"):                  # 第7天 / day 7: an ordinal time point
        core = f"{_UNIT_NAME[per]} {_span_str(raw_lo, raw_hi)}"
    else:
        core = f"{_span_str(raw_lo, raw_hi)} {_plural(_UNIT_NAME[per], raw_hi)}"
    disp = f"{core} after {what}" if what else f"from {core}"
    return "TIMING", lo, hi, "days", None, disp, None


# ---------------------------------------------------------------- patterns
_R = _rng()
_SETS = _rng("sa", "sb")
_REPS = rf"(?P<ra>{_NUM})(?:{_SEP}(?P<rb>{_NUM}))?"
_REPS1 = rf"(?P<ra>{_NUM1})(?:{_SEP}(?P<rb>{_NUM}))?"
_NOT_PER_WEEK = r"(?!\s*(?:/|per|a|each|每)\s*(?:w|week|wk|d|day|周|天|日)(?![A-Za-z]))"

# (compiled regex, converter); order breaks ties between equally long overlapping matches.
_PATTERNS: list[tuple[LazyPattern, Callable]] = [
    # TIMING -- listed first so that it wins ties against DURATION
    (_rx(rf"{_ANCHOR_ZH}\s*之?后\s*(?P<ord>第)?\s*{_R}\s*(?P<u>周|星期|天|日|个月|h|小时|d)"
         r"(?P<cue>\s*(?:开始|起))?"), _timing),                                # 神经损伤后2周开始
    # "于SCI第8天行减重平板训练": the day after the anchor without 后 (kept only with training after it, _TRAINING_AFTER)
    (_rx(rf"{_ANCHOR_ZH}\s*(?P<ord>第)\s*{_R}\s*(?P<u>周|星期|天|日)(?P<cue>\s*(?:开始|起))?"), _timing),
    (_rx(rf"(?:(?:从|自|于)\s*)?(?P<ord>第)\s*{_R}\s*(?P<u>周|星期|天|日)\s*(?P<cue>开始|起)"), _timing),
    (_rx(rf"{_CUE_EN}?(?P<postday>post-?(?:operative|injury|surgery|surgical)\s+|POD\s*)?"
         rf"(?P<day>day)\s*{_R}(?:{_AFTER_EN})?"), _timing),                    # from day 3 post-surgery
    (_rx(rf"{_CUE_EN}?{_R}\s*-?\s*(?P<u>days?|weeks?|wks?|(?-i:d)|h|hours?)(?![A-Za-z]){_AFTER_EN}"),
     _timing),                                                                 # 2 weeks after injury
    (_rx(rf"(?P<postday>post-?(?:operative|injury|surgery|surgical)\s+){_R}\s*-?\s*(?P<u>days?|weeks?|wks?|(?-i:d))"
         r"(?![A-Za-z])"), _timing),                                           # at postoperative 7 days
    # DURATION                                                                 # 1~6周, 8-week, <5天
    (_rx(rf"(?:{_OP}\s*)?{_rng(mid=f'(?P<u1>{_DUR_UNIT})?')}\s*-?\s*(?:(?:consecutive|successive)\s+)?"
         rf"(?P<u>{_DUR_UNIT}){_POST_OP}"), _duration),                        # for 14 consecutive days
    # FREQUENCY
    (_rx(rf"(?:{_OP}\s*)?{_R}\s*(?:,?\s*(?:alternat(?:e|ing)|non-?\s?consecutive|separate|supervised|training|exercise)\s+)?"
         r"(?P<u>times?|sessions?|days?|(?-i:d)|x|×|次|天|日)(?:" + _PER + r"|\s+)"
         r"(?P<per>weeks?|wk|w|周|星期|days?|(?-i:d)|天|日|weekly|daily)(?![A-Za-z])"),
     _frequency),                                                              # 3 times/W, 3次/周
    (_rx(rf"每\s*(?P<n>{_NUM})?\s*(?P<per>周|星期|天|日)\s*[\u4e00-\u9fff]{{0,4}}?\s*{_R}"
         r"\s*(?P<u>次|天|日|(?-i:d))"), _frequency),                           # 每周5天, 每2周1次
    (_rx(r"(?<![A-Za-z])(?P<w>once|twice|thrice)[\s-]*(?:(?:a|per|each|every)\s+|/\s*)?"
         r"(?P<per>weekly|daily|week|wk|day)(?![A-Za-z])"), _frequency),        # twice a week
    (_rx(r"(?P<fixed>隔一?[天日]|every\s+(?:other|second)\s+day|(?:on\s+)?alternate\s+days"
         r"|(?<![A-Za-z])(?:every\s*day|daily)(?![A-Za-z])"
         r"(?!\s+(?:living|life|activit|routine|dose)))"), _frequency),          # daily, 隔天
    (_rx(rf"(?<=min/)\s*(?P<a>{_DIG})\s*(?P<u>days?|times?|sessions?)(?:{_PER}|\s+)(?P<per>weeks?|wk|w)(?![A-Za-z])"),
     _frequency),                                                              # 60 min/5 days a week
    # SESSION_LENGTH
    (_rx(rf"(?:{_OP}\s*)?{_R}\s*-?\s*(?:{_MIN_UNIT}){_PER}"
         r"(?P<per>time|session|bout|次|day|(?-i:d)|天|日)(?![A-Za-z])"), _session),  # 50 min/time
    # "30-min walks" is a session; "6-min walk (test/distance)" is the six-minute walk test, an outcome
    (_rx(rf"{_R}\s*-?\s*(?:{_MIN_UNIT})\s+(?P<per2>daily|sessions?|bouts?|walks?|runs?|each\s+(?:time|session|day)"
         r"|per\s+session)(?![A-Za-z])(?!\s+(?:tests?|distances?)\b)(?<!6-min walk)(?<!6 min walk)(?<!6-minute walk)"
         r"(?<!6 minute walk)"), _session),                                   # 30-min sessions
    (_rx(rf"(?P<pre>每次|每天|每日|单次|持续)\s*[\u4e00-\u9fff]{{0,6}}?\s*{_R}\s*(?:{_MIN_UNIT})"),
     _session),                                                                # 每天跑台60 min
    (_rx(rf"(?<=for )\s*{_R}\s*-?\s*(?:{_MIN_UNIT})"), _session_for),           # ran for 30 min
    (_rx(rf"{_R}\s*-?\s*(?:{_MIN_UNIT})(?=\s*/\s*\d{{1,2}}\s*(?:days?|times?|sessions?)\s*(?:/|a|per|each)\s*"
         r"(?:weeks?|wk|w)(?![A-Za-z]))"), _session),                           # 60 min/5 days a week
    (_rx(rf"{_R}\s*-?\s*(?:{_MIN_UNIT})(?=\s+(?:of\s+)?(?P<between>(?:[A-Za-z][A-Za-z-]*\s+){{0,2}}?)"
         r"(?P<noun>exercise|training|swimming|swim|running|treadmill|walking|jogging|cycling|aerobic|resistance)"
         r"(?![A-Za-z]))"), _session_noun),                                    # 30-minute swimming exercise
    (_rx(rf"{_R}\s*-?\s*(?:{_MIN_UNIT})(?=(?P<between>\s+(?:[a-z]+\s+){{0,4}}?)at\s+(?:an?\s+)?"
         r"(?:\d{1,3}(?:\.\d+)?\s*(?:[-–~]\s*\d{1,3}(?:\.\d+)?\s*)?(?:%|m\s*/\s*min|m\s*/\s*s|km\s*/\s*h)"
         r"|(?:low|moderate|high|vigorous)[- ]intensity|(?:a|the)\s+(?:speed|intensity|pace|velocity)))"),
     _session_at),                                                             # 45 min done at 50% of HRR
    (_rx(rf"(?P<pre>时间为|时长为)\s*{_R}\s*(?:{_MIN_UNIT})"), _session_zh_time),    # 时间为25min
    # INTENSITY
    (_rx(rf"(?:{_OP}\s*)?(?P<a>(?<![A-Za-z0-9.\[_/\-]){_DIG})\s*%?\s*(?:{_SEP}(?:[<>≤≥]\s*)?(?P<b>{_DIG})\s*)?%\s*"
         rf"(?:of\s+(?:(?:the|their|each|individual|predicted)\s+)*|的\s*)?(?P<u>{_INT_UNIT})"),
     _intensity_pct),                                                          # 50%-60% MHR
    (_rx(rf"(?P<u>{_INT_UNIT})\s*(?:的|of|为|at|[:：=])?\s*(?P<a>{_DIG})\s*%?\s*(?:{_SEP}(?P<b>{_DIG})\s*)?%"),
     _intensity_pct),                                                          # 最大心率的60%, HRR 40-60%
    (_rx(r"(?<![A-Za-z])(?:RPE|Borg(?:\s+(?:scale|RPE))?|(?:ratings?\s+of\s+)?perceived\s+exertion"
         r"(?:\s*[(\[]\s*RPE\s*[)\]])?)\s*[)）]?\s*(?:score\s+|rating\s+|level\s+)?"
         rf"(?:of|=|:|为|在|达到|between)?\s*(?P<a>{_DIG})(?:{_SEP}(?P<b>{_DIG}))?"
         r"(?![\d%]|\.\d)(?!\s*(?:-?\s*point\s+)?scale)"), _rpe),                    # RPE 12-14
    (_rx(rf"{_R}\s*-?\s*(?:on\s+the\s+)?(?:RPE|Borg|ratings?\s+of\s+perceived\s+exertion)(?![A-Za-z])"
         r"(?!\s*(?:RPE\s+)?scale)"), _rpe),                                    # 3-5RPE
    (_rx(rf"(?:(?P<op>≥|≤|>=|<=)\s*)?(?<![A-Za-z])(?P<w>{_LEVEL_EN})"
         r"(?:\s*-?\s*(?:to|–|-|/)\s*-?\s*(?P<w2>moderate|high|vigorous))?"
         r"\s*-?\s*(?:intensity|intense|intensive)(?![A-Za-z])"), _level),     # low-to-moderate intensity
    (_rx(rf"(?P<op>≥|≤|>=|<=)\s*(?P<w>{_LEVEL_EN})(?![A-Za-z])"), _level),     # ≥moderate
    (_rx(r"(?<![A-Za-z])(?P<w>moderate|vigorous)(?:\s*-?\s*(?:to|-)\s*-?\s*(?P<w2>vigorous|high))?"
         rf"(?=\s*[,;(:]?\s*(?:\d|(?:{_EXERCISE_WORDS})(?![A-Za-z])))"), _level),  # Moderate, 3 times/W
    (_rx(r"(?:(?P<op>≥|≤)\s*)?(?<!最)(?P<w>中低|中小|中高|较低|较高|中等|低|小|中|高|大)\s*强度"
         r"(?P<post>以上|及以上)?"), _level),                                   # 中等强度
    # SPEED
    (_rx(rf"(?:{_OP}\s*)?{_R}\s*{_SPEED_UNIT}"), _speed),                      # 15 m/min, 0.5 km/h
    # VOLUME
    (_rx(rf"(?:{_OP}\s*)?{_SETS}\s*(?:sets?|groups?|组)(?:{_PER}(?:time|session|次|day|训练))?"
         rf"\s*(?:of|×|x|\*|,|;|、)?\s*(?:每组|each(?:\s+of)?|with)?\s*{_REPS}\s*"
         rf"(?P<ru>reps?|repetitions?|次|times|s|sec|seconds?|秒)(?![A-Za-z]){_NOT_PER_WEEK}"
         rf"(?:{_PER}(?:group|set|组))?"), _volume),                            # 2 group/time, 10 reps/group
    (_rx(rf"(?:每组\s*)?{_REPS1}\s*(?P<ru>reps?|repetitions?|次)(?:{_PER}(?:组|sets?|groups?))?"
         rf"\s*[,;、×x]?\s*(?:共|for|in)?\s*(?P<sa>{_NUM})(?:{_SEP}(?P<sb>{_NUM}))?\s*(?:sets?|组)(?![A-Za-z])"),
     _volume),                                                                 # 每组10次，共3组
    (_rx(rf"(?P<sa>{_NUM1})\s*[×xX*]\s*{_REPS}\s*(?P<ru>reps?|repetitions?|次)(?![A-Za-z])"),
     _volume),                                                                 # 3 × 10 reps
    (_rx(rf"(?:{_OP}\s*)?{_SETS}\s*(?:sets?(?![A-Za-z])(?!\s+of)|(?:groups?|组){_PER}(?:time|session|次))"),
     _volume),                                                                 # 3 sets, 2 group/time
    (_rx(rf"每组\s*{_REPS}\s*(?P<ru>次|秒|s)(?![A-Za-z])"), _volume),            # 每组15次
    (_rx(rf"{_REPS1}\s*(?P<ru>reps?|repetitions?)(?![A-Za-z])(?:{_PER}(?:groups?|sets?))?"), _volume),
    (_rx(rf"{_REPS1}\s*(?P<ru>次|s|秒){_PER}(?:组|groups?|sets?)(?![A-Za-z])"), _volume),  # 30 s/group
]
#: What each pattern of :data:`_PATTERNS` (same order) cannot match without: groups of literals, the
#: text (lower-cased) holding at least one of each group ("rep|次" + "set|组": a repetition word and
#: a set word). Read off each pattern's mandatory literals; ``()`` for patterns without such a test.
_NEEDS_TEXT = [
    ("后",), ("第",), ("第", "开始|起"), ("day",), ("after|post|following",), ("post",),  # TIMING
    (),                                                                    # DURATION
    (), ("每",), ("once|twice|thrice",), ("隔|every|alternate|daily",), ("min/",),  # FREQUENCY
    (), ("daily|session|bout|walk|run|each",), ("每|单次|持续",), ("for ",),  # SESSION_LENGTH
    ("min", "week|wk|w"), ("min|hour|hr|h",), ("min|hour|hr|h", "at"), ("时间为|时长为",),
    ("%",), ("%",), ("rpe|borg|perceived",), ("rpe|borg|perceived",), ("inten",), ("≥|≤|>=|<=",),  # INTENSITY
    ("moderate|vigorous",), ("强度",),
    ("/|1|per",),                                                          # SPEED
    ("set|group|组",), ("rep|次", "set|组"), ("×|x|*", "rep|次"), ("set|group|组",), ("每组",),  # VOLUME
    ("rep",), ("组|group|set",),
]
_NEEDS = [tuple(frozenset(group.split("|")) for group in groups) for groups in _NEEDS_TEXT]
_NEED_WORDS = tuple(sorted({w for groups in _NEEDS for g in groups for w in g}))
assert len(_NEEDS) == len(_PATTERNS)

#: Groups that hold a number (``_NUM``, ``_NUM1`` or ``_DIG``) wherever a pattern names them.
NUMBER_GROUPS = ("a", "ra", "sa")


#: The spelled numbers' and the English operators' alternatives inside the patterns (see
#: :func:`_what_is_in` for the tests of a text for each): in a text without one, the patterns are read without that alternative (same
#: matches; their first characters are then digits, Chinese numerals and signs, not common letters).
_WORD_NUMBER_ALT = rf"|(?<![A-Za-z])(?:{_WORDS})(?![A-Za-z])"
_OP_WORDS_ALT = "|" + _OP_WORDS
_ANY_WORD_NUMBER = re.compile(_WORD_NUMBER_ALT[1:], _F)


def _guarded(rx: LazyPattern) -> re.Pattern:
    return first_char_guard(rx.compiled())


#: Each pattern behind a look-ahead on its first characters (same matches, about twice as fast), compiled
#: when first used (:func:`_variant`); whether it needs a number is :func:`_needs_number`.
_PLAIN = _PATTERNS
_PATTERNS = [(LazyPattern(make=functools.partial(_guarded, rx)), convert) for rx, convert in _PLAIN]


@functools.lru_cache(maxsize=None)
def _needs_number(order: int) -> bool:
    """Must every match of pattern ``order`` hold a number (a group of :data:`NUMBER_GROUPS`)? A text
    without one skips it (nearly half of all sentences). Read from the pattern's parse tree when first asked."""
    return needs_group(_PLAIN[order][0], NUMBER_GROUPS)


@functools.lru_cache(maxsize=None)
def _variant(order: int, word_numbers: bool, op_words: bool, plain: bool = False) -> re.Pattern:
    """Pattern ``order`` of :data:`_PATTERNS`, without the spelled-number alternative unless
    ``word_numbers`` and without the English operators unless ``op_words`` (guarded as the others,
    unless ``plain``: for matching at a given position, where the guard only costs)."""
    rx = _PLAIN[order][0]
    pattern = rx.pattern
    if not word_numbers:
        pattern = pattern.replace(_WORD_NUMBER_ALT, "")
    if not op_words:
        pattern = pattern.replace(_OP_WORDS_ALT, "")
    if plain:
        return rx.compiled() if pattern == rx.pattern else re.compile(pattern, rx.flags)
    return _PATTERNS[order][0].compiled() if pattern == rx.pattern else first_char_guard(re.compile(pattern, rx.flags))


# ---------------------------------------------------------------- the shared scan of number starts
#: The optional openings a number-led pattern may have before its first number, and the kind of
#: start position each opening begins at.
_OPENINGS = ((rf"(?:{_OP}\s*)?", "op"), (f"{_CUE_EN}?", "cue"), (r"(?:每组\s*)?", "每组"))
_FIRST_NUMBERS = (_NUM1, rf"(?<![A-Za-z0-9.\[_/\-]){_DIG}")


def _number_led(pattern: str) -> Optional[tuple[str, ...]]:
    """The kinds of position a match of ``pattern`` can start at, when its text opens (after at
    most one optional :data:`_OPENINGS` part) with a named group holding a first number (``_NUM1``,
    or its digits alone): ``("number",)`` plus the opening's kind; else ``None`` (the pattern is
    scanned whole). Read from the pattern's source text, so a pattern written otherwise is never
    taken for number-led."""
    kinds = ["number"]
    for prefix, kind in _OPENINGS:
        if pattern.startswith(prefix):
            pattern = pattern[len(prefix):]
            kinds.append(kind)
            break
    group = re.match(r"\(\?P<\w+>", pattern)
    if group and pattern[group.end():].startswith(_FIRST_NUMBERS):
        return tuple(kinds)
    return None


#: order -> the kinds of start position of a number-led pattern (the others are scanned whole).
_LED = {order: kinds for order, (rx, _) in enumerate(_PLAIN) if (kinds := _number_led(rx.pattern))}
#: Runs of digits and Chinese numerals: every first number of a match begins in one.
_NUMBER_RUN = re.compile(rf"[\d{_CN}]+")
#: The characters ``(?<![A-Za-z0-9.\[_/\-])`` (case-insensitive) refuses before a first digit, in
#: NFKC text (where U+017F and U+212A are already ``s`` and ``K``).
_NOT_BEFORE_DIGIT = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.[_/-\u0130\u0131")
_NOT_BEFORE_CN = frozenset("同每" + _CN)
#: The operators without letters (found by ``str.find``: exact, no case) and the English ones.
_SIGN_OPS = tuple(op for op in _OP[len("(?P<op>"):-1].replace("[<>≤≥⩽⩾]", "<|>|≤|≥|⩽|⩾").split("|")
                  if not re.search("[A-Za-z]", op))
_OP_WORD_AT = re.compile(f"(?=(?:{_OP_WORDS}))", _F)
_CUE_AT = re.compile(f"(?={_CUE_EN})", _F)


def _number_starts(norm: str) -> list[int]:
    """Where a first number (``_NUM1``'s digits or Chinese numerals) can begin in ``norm``."""
    out = []
    for m in _NUMBER_RUN.finditer(norm):
        a = m.start()
        if m.group().isascii():  # ASCII digits: only the first can begin a number
            if not a or norm[a - 1] not in _NOT_BEFORE_DIGIT:
                out.append(a)
            continue
        for i in range(a, m.end()):
            c, prev = norm[i], norm[i - 1] if i else ""
            if c in _NOT_BEFORE_CN:  # a Chinese numeral (同 and 每 are no numerals)
                if prev not in _NOT_BEFORE_CN or not prev:
                    out.append(i)
            elif not prev or prev not in _NOT_BEFORE_DIGIT:
                out.append(i)
    return out


def _literal_starts(text: str, literals) -> list[int]:
    """Every position where one of ``literals`` begins in ``text`` (overlaps included)."""
    out = []
    for lit in literals:
        i = text.find(lit)
        while i >= 0:
            out.append(i)
            i = text.find(lit, i + 1)
    return out


def _matches_at(rx: re.Pattern, text: str, at: list[int]) -> list[re.Match]:
    """What ``rx.finditer(text)`` gives when no match can begin outside the sorted positions ``at``:
    the match at each position of ``at``, left to right, skipping positions inside the previous match
    (``rx`` never matches the empty string)."""
    out = []
    end = 0
    for p in at:
        if p < end:
            continue
        m = rx.match(text, p)
        if m is not None:
            out.append(m)
            end = m.end()
    return out


_LATIN_RUN = re.compile(r"[a-z]+")
_SPELLED_SET = frozenset(_SPELLED)
_OP_WORDS_LOWER = re.compile(_OP_WORDS)
#: Literals every English operator holds one of (``less than``, ``at least``, ``up to``, ``at most``).
_OP_WORD_LITERALS = ("than", "least", "most", "up")


def _gate_automaton():
    """One Aho-Corasick automaton over :data:`_NEED_WORDS`, the spelled numbers and
    :data:`_OP_WORD_LITERALS`: value ``(word, is a need word, is spelled, is an operator literal)``."""
    auto = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
    for w in {*_NEED_WORDS, *_SPELLED, *_OP_WORD_LITERALS}:
        auto.add_word(w, (w, w in _NEED_WORDS, w in _SPELLED, w in _OP_WORD_LITERALS))
    auto.make_automaton()
    return auto


_GATE_WORDS = _gate_automaton()


def _what_is_in(norm: str) -> tuple[frozenset[str], bool, bool, bool]:
    """What the patterns' gates test in the normalised text ``norm``: the words of
    :data:`_NEED_WORDS` it holds, and whether it holds a number (digits, Chinese numerals or a
    spelled number), a spelled number (``twelve``) and an English operator (``at least``).

    The tests read ``norm`` lower-cased, with U+0130/U+0131 read as ``i``: in NFKC text those are
    the only characters besides ASCII letters that a case-insensitive ASCII letter matches and
    ``str.lower`` does not turn into that letter, so an ASCII literal matches ``norm`` case-
    insensitively only where the lower-cased key holds it. One automaton pass finds every literal
    (overlaps included); a spelled number must then be a whole ``[a-z]`` run, and an operator is
    searched only in a text holding one of its literals.
    """
    key = norm.lower() if norm.isascii() else norm.replace("\u0130", "i").replace("\u0131", "i").lower()
    present = set()
    spelled = op_literal = False
    for _end, (word, need, number, op) in _GATE_WORDS.iter(key):
        if need:
            present.add(word)
        spelled = spelled or number
        op_literal = op_literal or op
    words = spelled and not _SPELLED_SET.isdisjoint(_LATIN_RUN.findall(key))  # a whole [a-z] run spelled
    numbers = words or _NUMBER_RUN.search(norm) is not None
    return frozenset(present), numbers, words, op_literal and _OP_WORDS_LOWER.search(key) is not None


#: (need words present, holds a number) -> the orders of the patterns that may match such a text.
_RUNNABLE: dict[tuple[frozenset, bool], tuple[int, ...]] = {}


def _runnable(present: frozenset, numbers: bool) -> tuple[int, ...]:
    """The orders of :data:`_PATTERNS` whose gates a text passes: a number when the pattern needs one,
    a word of each group of its :data:`_NEEDS` (remembered: few combinations occur)."""
    got = _RUNNABLE.get((present, numbers))
    if got is None:
        got = _RUNNABLE[present, numbers] = tuple(
            order for order in range(len(_PATTERNS))
            if not any(group.isdisjoint(present) for group in _NEEDS[order]) and (numbers or not _needs_number(order)))
    return got


# ---------------------------------------------------------------- public API
class _NFKCTable(dict):
    """``str.translate`` table: code point -> its NFKC form (one or more characters), filled on
    first sight of each character."""

    def __missing__(self, code: int) -> str:
        out = self[code] = unicodedata.normalize("NFKC", chr(code))
        return out


_NFKC_TABLE = _NFKCTable()


def _normalise(text: str) -> tuple[str, list[int]]:
    """Per-character NFKC copy of ``text`` and, for each of its characters, the index of
    the original character it came from (plus a final ``len(text)`` sentinel)."""
    if text.isascii() or unicodedata.is_normalized("NFKC", text):  # then every character is NFKC already
        return text, list(range(len(text) + 1))
    norm = text.translate(_NFKC_TABLE)
    if len(norm) == len(text):  # every character one character (no character's NFKC is empty)
        return norm, list(range(len(text) + 1))
    out: list[str] = []
    index: list[int] = []
    for i, ch in enumerate(text):
        n = _NFKC_TABLE[ord(ch)]
        out.append(n)
        index.extend([i] * len(n))
    index.append(len(text))
    return "".join(out), index


#: A rate written with a negative exponent, as sports-medicine journals write units
#: (``60 min·d−1``, ``5 d·wk⁻¹``, ``3 sessions.week-1``; NFKC has made ``⁻¹`` ``-1``): read as
#: ``/d``, ``/wk`` so that the per-unit patterns see ``60 min/d``. ``m·min−1`` (a speed) is not
#: rewritten: the speed unit reads it as written.
_PER_EXPONENT = re.compile(r"(?<=[A-Za-z])\s*[·・.∙⋅]\s*(?P<per>wks?|weeks?|(?-i:d)|days?|sessions?)"
                           r"\s*[-−‐–]\s*1(?![0-9]|[.,][0-9])", re.IGNORECASE)


def _rewrite_exponents(norm: str, index: list[int]) -> tuple[str, list[int]]:
    """``norm`` with each :data:`_PER_EXPONENT` rate as ``/per``, and ``index`` (one original
    position per character, plus the sentinel) kept in step: the ``/`` takes the position of
    the first character it replaces, the unit's last character that of the exponent's last, so a
    part ending on the unit spans ``min·d−1`` whole."""
    out: list[str] = []
    out_index: list[int] = []
    last = 0
    for m in _PER_EXPONENT.finditer(norm):
        s, e = m.span()
        ps, pe = m.span("per")
        out.append(norm[last:s])
        out_index.extend(index[last:s])
        out.append("/" + m.group("per"))
        out_index.append(index[s])
        out_index.extend(index[ps:pe - 1])
        out_index.append(index[e - 1])  # a part ending on the unit ends after its exponent
        last = e
    if not out:
        return norm, index
    out.append(norm[last:])
    out_index.extend(index[last:])
    return "".join(out), out_index


def find_protocol_parts(text: str) -> list[ProtocolPart]:
    """All protocol parameters in ``text``, ordered by position, never overlapping.

    Args:
        text: any Unicode string (Chinese, English or mixed; full-width forms allowed).

    Returns:
        ``ProtocolPart`` objects whose ``start``/``end`` index ``text`` itself
        (``text[p.start:p.end] == p.text``). Where candidate matches overlap the longest
        wins (so ``每周5天`` is one FREQUENCY, not also a DURATION ``5天``); ties go to the
        pattern listed first (TIMING before DURATION). Deterministic; never raises.
    """
    if not isinstance(text, str) or not text:
        return []
    return list(_find_cached(text))


@functools.lru_cache(maxsize=4096)
def _find_cached(text: str) -> tuple:
    """:func:`find_protocol_parts` memoised: the tagger and the relation extractor
    both ask for the parts of every sentence (parts are frozen, so sharing is safe)."""
    norm, index = _normalise(text)
    if ("-1" in norm or "−1" in norm) and _PER_EXPONENT.search(norm):
        norm, index = _rewrite_exponents(norm, index)
    candidates = []
    present, numbers, words, ops = _what_is_in(norm)
    starts: dict[str, list[int]] = {}
    merged: dict[tuple[str, ...], list[int]] = {}
    for order in _runnable(present, numbers):
        convert = _PATTERNS[order][1]
        kinds = _LED.get(order)
        if kinds is not None:  # tried only where a number or an operator, cue, 每组 before one begins
            at = merged.get(kinds)
            if at is None:
                for kind in kinds:
                    if kind not in starts:
                        starts[kind] = _starts_of(kind, norm, words, ops)
                at = merged[kinds] = sorted(p for kind in kinds for p in starts[kind])
            found = _matches_at(_variant(order, words, ops, plain=True), norm, at) if at else ()
        else:
            found = _variant(order, words, ops).finditer(norm)
        for m in found:
            s, e = m.span()
            while s < e and norm[s].isspace():
                s += 1
            while e > s and norm[e - 1].isspace():
                e -= 1
            if s >= e:
                continue
            try:
                got = convert(m, norm)
            except (ValueError, ZeroDivisionError, OverflowError, KeyError, TypeError):
                got = None
            if got is not None:
                candidates.append((-(e - s), s, order, e, got))
    taken: list[tuple[int, int]] = []
    parts = []
    for _neg_len, s, _order, e, got in sorted(candidates, key=lambda c: c[:3]):
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        o_s, o_e = index[s], index[e - 1] + 1
        kind, low, high, unit, op, display, reps = got
        parts.append(ProtocolPart(o_s, o_e, text[o_s:o_e], kind, low, high, unit, op, display, reps))
    parts.sort(key=lambda p: (p.start, p.end))
    return tuple(parts)


def _starts_of(kind: str, norm: str, word_numbers: bool, op_words: bool) -> list[int]:
    """The positions of one kind of :data:`_LED` start in ``norm``: first numbers (spelled ones
    when ``word_numbers``), operators (English ones when ``op_words``), start cues, ``每组``."""
    if kind == "number":
        out = _number_starts(norm)
        if word_numbers:
            out += [m.start() for m in _ANY_WORD_NUMBER.finditer(norm)]
        return out
    if kind == "op":
        out = _literal_starts(norm, _SIGN_OPS)
        if op_words:
            out += [m.start() for m in _OP_WORD_AT.finditer(norm)]
        return out
    if kind == "cue":
        return [m.start() for m in _CUE_AT.finditer(norm)]
    return _literal_starts(norm, (kind,))


def summarise(parts: Iterable[ProtocolPart]) -> Protocol:
    """Fold parts into a :class:`litmine.types.Protocol`; the first part of each kind wins, except that
    the word ``daily`` yields to a frequency stated as a count ("daily 30-min swims, 5 days per week" is 5).

    DURATION -> ``duration``/``duration_days_min``/``duration_days_max`` (days);
    FREQUENCY -> ``frequency``/``sessions_per_week`` (the lower bound of a range);
    SESSION_LENGTH -> ``session_length``/``minutes_min``/``minutes_max``;
    INTENSITY -> ``intensity``/``intensity_low``/``intensity_high``/``intensity_unit``;
    SPEED -> ``speed`` (m/min, lower bound); VOLUME -> ``sets``/``reps`` as (low, high).
    TIMING -> ``timing``/``timing_days`` (days after injury or surgery). Never raises.
    """
    proto = Protocol()
    seen: set[str] = set()
    parts = list(parts)
    counted = [p for p in parts if p.kind == "FREQUENCY" and p.display not in ("daily", "every other day")]
    if counted:  # "daily 30-minute swimming, 5 days per week": the count, not the word for each training day
        parts = [p for p in parts if p.kind != "FREQUENCY" or p.display != "daily"]
    for p in parts:
        if p.kind in seen:
            continue
        seen.add(p.kind)
        first = p.low if p.low is not None else p.high
        if p.kind == "DURATION":
            proto.duration, proto.duration_days_min, proto.duration_days_max = p.display, p.low, p.high
        elif p.kind == "FREQUENCY":
            proto.frequency, proto.sessions_per_week = p.display, first
        elif p.kind == "SESSION_LENGTH":
            proto.session_length, proto.minutes_min, proto.minutes_max = p.display, p.low, p.high
        elif p.kind == "INTENSITY":
            proto.intensity, proto.intensity_low, proto.intensity_high = p.display, p.low, p.high
            proto.intensity_unit = p.unit
        elif p.kind == "SPEED":
            proto.speed = first
        elif p.kind == "TIMING":
            proto.timing, proto.timing_days = p.display, first
        elif p.kind == "VOLUME":
            proto.sets = (p.low, p.high) if first is not None else None
            proto.reps = p.reps
    return proto


def parse_protocol(text: str) -> Protocol:
    """``summarise(find_protocol_parts(text))``: the protocol stated in ``text``. Never raises."""
    return summarise(find_protocol_parts(text))
