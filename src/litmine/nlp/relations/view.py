"""Per-sentence view of the mentions a relation can use (exercises, targets, context, protocol parts).
"""
from __future__ import annotations

import re
from typing import Optional
from ...types import Mention, Sentence
from ..first_chars import WordGate
from ..protocol import find_protocol_parts
from .clauses import _rel
from .cues import CONTEXT_LABELS, TARGET_LABELS
from .groups import CONTROL_LABEL

#: The sentence-wide word gates of the relation rules (:class:`..first_chars.WordGate`): a rule registers a pattern it
#: searches in a sentence or in slices of it (``gate(rx)``) and asks ``view.may_match(rx)`` before searching.
GATES = WordGate()


def gate(rx: re.Pattern) -> re.Pattern:
    """Register ``rx`` with :data:`GATES`; returns ``rx``."""
    return GATES.add(rx)


#: The labels a view keeps lists of besides targets and context: exercises, drugs, control arms, therapies.
_ROLE_LABELS = frozenset({"EXERCISE", "DRUG", CONTROL_LABEL, "THERAPY"})


#: Protocol parts that state a dose by a measure ("60% VO2max", "70% HRmax", "RPE 13"): a measure inside one is
#: the dose's unit, not a target.
_DOSING_LABELS = frozenset({"INTENSITY", "SPEED"})


class _Sentence:
    """Per-sentence view: mentions split by role, offsets relative to the sentence."""

    def __init__(self, s: Sentence, mentions: list[Mention]):
        self.s = s
        self.text = s.text
        # the mentions by role, in one pass (a mention may have more than one)
        by_label, targets, context, dosing = [], [], [], []
        for m in mentions:
            label = m.label
            if label in _ROLE_LABELS:
                by_label.append(m)
            if label in TARGET_LABELS:
                targets.append(m)
            if label in CONTEXT_LABELS:
                context.append(m)
            if label in _DOSING_LABELS:
                dosing.append(m)
        if dosing and targets:  # "at 60% VO2max": the measure names the dose of the exercise, no target
            targets = [t for t in targets if not any(d.start <= t.start and t.end <= d.end for d in dosing)]
        exercises = [m for m in by_label if m.label == "EXERCISE" and not _motor_sense(s.text, m, s)
                     and not _daily_activity(s.text, m, s)]
        timed = [m for m in exercises if _time_anchor(s.text, m, s)]
        #: the sentence dates a value by the intervention ("干预后VAS评分降低"): the study's exercise is its agent
        self.time_anchored = bool(timed)
        exercises = [m for m in exercises if not any(m is t for t in timed)] if timed else exercises
        # "high-intensity interval training (HIIT; ...)": the bracketed repeat is not a second exercise
        # "太极拳训练", "八段锦锻炼": a generic training word right after a named modality is that modality's
        self.exercises = [m for i, m in enumerate(exercises) if not (
            i and exercises[i - 1].concept_id == m.concept_id and
            re.fullmatch(r"\s*[(（]\s*", s.text[exercises[i - 1].end - s.start:m.start - s.start])) and not (
            i and m.name == "exercise" and exercises[i - 1].name != "exercise" and exercises[i - 1].end == m.start and
            re.fullmatch(r"训练|锻炼|练习|运动|运动训练|干预|疗法", m.text))]
        self.targets = targets
        self.context = context
        #: protocol parts that state a dose by a measure (:data:`_DOSING_LABELS`)
        self.dosing = dosing
        self._protocol = None
        drugs = [m for m in by_label if m.label == "DRUG"]
        self.inducers = [m for m in drugs if _model_inducer(s.text, m, s)]  # "STZ rats": the model, as context
        self.drugs = [m for m in drugs if not any(m is i for i in self.inducers)]
        self.controls = [m for m in by_label if m.label == CONTROL_LABEL]  # control arms named by code
        self.therapies = [m for m in by_label if m.label == "THERAPY"]  # diet control, massage, acupuncture…
        self.all = mentions
        self.continues = False  # opens with 此外/It also...: may carry the previous sentence's exercise
        self.caption = ""       # for table rows: the table's caption
        self.earlier: list["_Sentence"] = []  # earlier sentences of the paragraph, nearest first
        self.arm_names: set[str] = set()  # exercises the document's study arms are named by (groups.find_groups)
        self.other_arms: set[str] = set()  # named trial arms with no exercise of their own (groups.non_exercise_arms)
        self.control_exercises = False  # the control arm does the exercise too (groups.control_exercises)
        #: facts derived from the view's text and mentions, computed once for all its relations (context._pool)
        self.memo: dict = {}

    def may_match(self, rx: re.Pattern) -> bool:
        """False only when the registered pattern ``rx`` (:func:`gate`) cannot match in the sentence's text nor in
        any slice of it: none of its required words occurs (:class:`..first_chars.WordGate`, the words read once
        per view)."""
        found = self.memo.get("gate")
        if found is None or found[0] != GATES.version:
            found = self.memo["gate"] = GATES.words_in(self.text)
        return GATES.may_match(rx, found)

    @property
    def protocol(self) -> list:
        """Protocol parts of the sentence (``ProtocolPart``, offsets into the sentence), found on first use."""
        if self._protocol is None:
            self._protocol = find_protocol_parts(self.s.text)
        return self._protocol


def _motor_sense(text: str, m: Mention, s: Sentence) -> bool:
    """运动 in 运动神经元/运动功能/运动皮层 means motor, not exercise; in 三维运动分析/运动平面/运动学/运动轨迹, motion."""
    a, b = _rel(m, s)
    return m.text in ("运动",) and bool(re.match(r"(神经|皮层|皮质|功能|障碍|协调|单位|区|感觉|诱发电位|能力|传导|"
                                                r"分析|平面|学参数|学特征|学指标|学分析|轨迹|捕捉|长度)|"
                                                r"(及|和|与|、)\S{0,4}?(功能|能力)", text[b:b + 8]))


#: Before a bare movement word, words that make it an activity of daily life a symptom gets in the way of, not an
#: exercise done ("pain interference with walking", "difficulty walking", "pain while walking", "ability to walk";
#: litmine curators, from the Brief Pain Inventory's interference items and gait-complaint wording).
_ACTIVITY_BEFORE = re.compile(r"\b(?:interfer\w* with|difficult(?:y|ies)(?: (?:in|with))?|(?:un)?able to|ability to|"
                              r"(?:pain|discomfort|symptoms?) (?:during|while|when|on)|while|when|limit\w* in)\s+$", re.I)
_BARE_MOVEMENTS = {"walking", "walk", "running", "run", "standing", "cycling", "climbing", "stair climbing", "stepping"}
#: Chinese movement words that name the task a measure is taken in when 时/过程中/期间 follows ("步行时膝关节总负荷",
#: "行走过程中的步态特征", "上下楼梯时疼痛"): the condition of a gait or load measure, not an exercise done.
_ZH_BARE_MOVEMENTS = {"步行", "行走", "走路", "跑步", "上下楼梯", "上楼梯", "下楼梯", "爬楼梯", "站立"}
_ZH_TASK_AFTER = re.compile(r"\s*(?:时(?!间)|过程中|期间)")


def _daily_activity(text: str, m: Mention, s: Sentence) -> bool:
    """A bare movement word (:data:`_BARE_MOVEMENTS`) after :data:`_ACTIVITY_BEFORE`: what a symptom limits, no
    exercise ("Pain interference with walking decreased after aerobic training" is aerobic training's); a Chinese
    one (:data:`_ZH_BARE_MOVEMENTS`) before 时/过程中/期间: the task a measure is taken in ("太极拳组患者步行时膝关节总负荷
    降低" is tai chi's)."""
    a, b = _rel(m, s)
    if m.text in _ZH_BARE_MOVEMENTS:
        return bool(_ZH_TASK_AFTER.match(text, b))
    return m.text.lower() in _BARE_MOVEMENTS and bool(_ACTIVITY_BEFORE.search(text[max(0, a - 40):a]))


#: A generic exercise word that names a time point: "较训练前下降", "与干预前比较", "运动前后比较".
_TIME_ANCHOR_AFTER = re.compile(r"前(?![期])")


def _time_anchor(text: str, m: Mention, s: Sentence) -> bool:
    """训练/干预/运动 in 较训练前 / 与干预前比较 / 训练前 (before training) dates a value; it is no agent. A named
    modality (八段锦练习前) and 前后 without a comparison word before it ("运动前后X升高") are kept."""
    if m.name != "exercise" or not re.fullmatch(r"训练|锻炼|练习|运动|干预|运动干预|运动训练|治疗|运动治疗", m.text):
        return False
    a, b = _rel(m, s)
    if m.text in ("干预", "治疗") and re.match(r"[前后]", text[b:b + 1]):
        return True  # "干预后VAS评分降低": a bare 干预/治疗 dates the value; the study's exercise is the agent
    if not _TIME_ANCHOR_AFTER.match(text, b):
        return False
    return text[b + 1:b + 2] != "后" or bool(re.search(r"(较|比|与|同|和)$", text[max(0, a - 1):a]))


def _nearest(mentions: list[Mention], s: Sentence, pos: int, before: bool) -> Optional[Mention]:
    cands = [m for m in mentions if (_rel(m, s)[1] <= pos if before else _rel(m, s)[0] >= pos)]
    if not cands:
        return None
    return max(cands, key=lambda m: m.start) if before else min(cands, key=lambda m: m.start)


_INDUCES_MODEL = re.compile(r"^\s*[-–‐]?\s*(induced|injected|treated|diabetic|rats|mice|animals|model|groups?|"
                            r"诱导|注射|大鼠|小鼠|模型|组|糖尿病)", re.I)


def _model_inducer(text: str, m: Mention, s: Sentence) -> bool:
    """A drug that makes the disease model ("STZ rats", "STZ-induced diabetes", "紫杉醇诱导的CIPN",
    "induced by paclitaxel") is context, never an agent acting against the exercise."""
    a, b = _rel(m, s)
    return bool(_INDUCES_MODEL.match(text[b:b + 12])) or bool(
        re.search(r"(induced by|injection of|诱导|注射)\s*$", text[max(0, a - 14):a], re.I))
