"""Study groups: the codes an abstract defines for its arms, and the nouns that name exercised groups.

Abstracts name their arms once and then refer to them by code: "CCI with swimming or treadmill
exercise (CCISE or CCITE)", "糖尿病有氧运动组(DA, n=9)", "SCI-运动组(SCI-TT组)", "sham operated
(SO)", "糖尿病对照组(D, n=8)". Later sentences report results by code only ("DA组和DR组FBG均显著
降低", "Both CCISE and CCITE groups demonstrated greater Hsp72"), so a relation needs the code
resolved to its exercise, and a control group's change must not be read as an exercise effect.

``find_groups(text, mentions) -> dict[code, StudyGroup]`` reads the definitions (a group phrase
followed by the code in brackets; several codes in one bracket pair map in order to the
exercises of the phrase), refined by a later "CODE组行减重平板训练" / "CODE rats underwent
treadmill running". ``group_mentions(sentences, mentions, groups)`` returns the document's
mentions with one synthetic mention per code occurrence (label ``EXERCISE`` for exercise arms,
:data:`CONTROL_LABEL` for control arms, ``source="group"``), replacing lexicon mentions the code
overlaps ("DA" is dopamine elsewhere, the aerobic diabetic group here), plus mentions of
exercised-group nouns ("exercisers", "trained rats", "runners").

Rules written by litmine curators from how Chinese and English abstracts define their groups.
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, replace
from typing import Optional

from ...types import Mention, Sentence
from ..first_chars import fold, may_match, required_literals
from .cues import CONTROL_WORDS, qualified, qualifier

#: Label of synthetic mentions for control arms (sham, sedentary, model, usual care).
CONTROL_LABEL = "CONTROL_GROUP"

# plus the usual sedentary/sham codes, and animals described as not doing the exercise ("injured rats not submitted
# to swimming (C)")
_CONTROL_CUE = re.compile(rf"{CONTROL_WORDS}|\bSed\b|\bSO\b|\bnot (?:submitted|subjected|exposed) to\b|"
                          r"\bdid not (?:swim|run|exercise|train)\b", re.I)
# a code: starts with a letter, has a capital, no spaces (SCI-TT, CCISE, DA, pC, EX, TR-SNI)
_CODE = r"[A-Za-z][A-Za-z0-9\-+/]{0,11}"
# defined in round or square brackets: "(CCISE or CCITE)", "[HT]", "[hyperglycemic trained (HT)]"
_DEF = re.compile(rf"[(（\[]\s*(?P<codes>{_CODE}(?:\s*(?:组)?\s*(?:or|and|和|或|与|/|、|,|，)\s*{_CODE})*)\s*(?P<zu>组|groups?)?"
                  r"\s*(?=[)）\],，;；:]|n\s*=)")
_SPLIT = re.compile(r"\s*(?:组)?\s*(?:\bor\b|\band\b|和|或|与|/|、|,|，)\s*")
_PHRASE_CUT = re.compile(r"[,，、;；:：。()（）\[\]]|分为|分成|divided into|assigned to|allocated to|randomi[sz]ed (?:in)?to|"
                         r"\binto\b|\bincluding\b|包括")
_GROUP_NOUN = re.compile(r"组|groups?\b|arms?\b|cohort", re.I)
#: An arm the phrase calls trained or exercised without naming the exercise: "hyperglycemic trained (HT)",
#: "diabetic exercised (DE)"; not untrained, non-trained or detrained (litmine curators).
_TRAINED_ARM = re.compile(r"(?<![\w-])(trained|exercised|exercise-trained)(?![\w-])", re.I)
#: Words near a bracketed code that make it a study arm: a group list, or animals or people described by what they
#: did ("rats that began to swim immediately after the crush (CS1)", "rats submitted to swimming (S)").
_GROUP_CONTEXT = re.compile(r"分为|分成|随机|组|groups?\b|divided|assigned|allocated|randomi[sz]ed|arms?\b|"
                            r"\b(?:rats|mice|animals|patients|participants)\s+(?:that|which|who)\b|"
                            r"\b(?:submitted|subjected) to\b", re.I)
_REFINE = re.compile(r"^\s*(组|groups?|rats|mice|animals|大鼠|小鼠)?\s*(于\S{0,12}?)?\s*(行|进行|接受|给予|实施|"
                     r"underwent|performed|received|were subjected to|were trained|ran|swam)", re.I)
#: Nouns for exercised groups, with the exercise they name (litmine curators).
GROUP_NOUNS = [
    (re.compile(r"\b(exercisers|exercised (?:rats|mice|animals|subjects|participants|patients|groups?|cohort))\b", re.I),
     "exercise"),
    (re.compile(r"(?<![-\w])trained (?:rats|mice|animals|groups?)\b", re.I), "exercise"),
    # "between the trained and sedentary groups": the trained arm, named before the group noun it shares
    (re.compile(r"(?<![-\w])trained(?=\s+(?:and|or|vs\.?|versus)\s+(?:sedentary|untrained|non-?trained|control)\s+"
                r"(?:groups|rats|mice|animals)\b)", re.I), "exercise"),
    (re.compile(r"\bswim(?:ming)?-trained (?:rats|mice|animals|groups?)\b", re.I), "swimming"),
    (re.compile(r"\btreadmill-trained (?:rats|mice|animals|groups?)\b", re.I), "treadmill"),
    (re.compile(r"\bresistance-trained (?:rats|mice|animals|groups?|participants|subjects)\b", re.I), "resistance"),
    (re.compile(r"\brunners\b", re.I), "running"),
    (re.compile(r"\bswimmers\b", re.I), "swimming"),
]
#: Each group noun pattern with the words one of which its every match holds (first_chars.required_literals):
#: a document without them is not scanned for it.
_GROUP_NOUN_WORDS = [(rx, name, required_literals(rx)) for rx, name in GROUP_NOUNS]


@functools.lru_cache(maxsize=256)
def _coordinated_rx(codes_rx: str) -> re.Pattern:
    """Another of the document's codes (``codes_rx``, an alternation) coordinated after a code: "DA和DR组"."""
    return re.compile(rf"\s*(和|与|及|、|,|，|/|and|or)\s*(the\s+)?({codes_rx})(?![A-Za-z0-9\-])")


@dataclass(frozen=True)
class StudyGroup:
    """One arm of a study, as the document defines it.

    ``code`` as written ("DA", "SCI-TT"); ``exercise`` the exercise mention that defines it
    (``None`` for a control arm); ``control`` true for sham/sedentary/model/usual-care arms;
    ``healthy`` true when the arm is an exercise arm of healthy or sham animals
    ("有氧运动对照组(CA)", "sham operated with swimming").
    ``lettered`` for arms named by a letter, digit or Roman numeral after "group" ("group B, CCI group").
    """

    code: str
    exercise: Optional[Mention]
    control: bool
    healthy: bool = False
    lettered: bool = False  # an arm named "group B": its code counts only after "group(s)" (:func:`_lettered_uses`)


#: Named arms of Chinese clinical trials, defined by what they received ("观察组在常规治疗基础上进行有氧运动训练",
#: "治疗组加用八段锦练习"); litmine curators, from how CNKI abstracts describe their arms.
_NAMED_ARM = re.compile(r"(观察组|治疗组|实验组|干预组|研究组|试验组)(?:患者|大鼠|小鼠)?"
                        # "观察组在对照组治疗基础上, 术后1周开始接受…太极拳": what it adds, after its comma
                        r"(?:在[^。；;，,]{0,16}?基础上\s*[，,]?)?[^。；;，,]{0,24}?"
                        r"(?:进行|接受|给予|采用|实施|加用|联合|练习|习练|行)")


#: A Chinese arm named by a bare code and 组, then what it does: "DM+SW组每天游泳", "A组(32例)进行八段锦练习",
#: "EX组大鼠于术后第3天开始跑台训练"; litmine curators, from methods sections of CNKI abstracts.
_BARE_CODE_ARM = re.compile(r"(?<![A-Za-z0-9\-+])(?P<code>[A-Za-z][A-Za-z0-9\-+]{0,11})组(?:大鼠|小鼠|患者|动物|受试者)?\s*"
                            r"(?:[(（]\s*(?:n\s*=\s*)?\d+\s*(?:例|只|名|人)?\s*[)）])?\s*(?:于[^，,。；;]{0,12}?)?"
                            r"(?:每天|每日|每周[^，,。；;]{0,4}?|进行|接受|给予|采用|实施|行|练习|习练|开始)")


#: A Chinese arm named by words and 组, its description in brackets: "3天康复组(损伤后3天开始康复训练)", "早期训练组
#: (术后第1天开始跑台训练)", "脊髓单损组(仅给予脊髓损伤)"; litmine curators, from methods sections of CNKI abstracts
#: that name arms by when the exercise starts. The name runs back from 组 to a list separator.
_HAN_ARM_DEF = re.compile(r"(?P<name>[\u4e00-\u9fff0-9][\u4e00-\u9fff0-9 ]{0,11}?组)\s*[(（](?P<desc>[^()（）]{2,40}?)[)）]")
_HAN_ARM_CUT = re.compile(r".*(?:[、，,;；:：。]|分为|分成|即|和|及|与)")
#: A description that says the arm gets only the injury or nothing ("仅给予脊髓损伤", "不进行干预"): a control arm.
#: The opening of a Chinese group list; its last match before an arm definition (litmine curators).
_GROUP_LIST_OPEN = re.compile(r"(?:分为|分成)(?!.*(?:分为|分成))", re.S)
_ONLY_INJURY = re.compile(r"^\s*(?:仅|只|单纯|不|未|无)")


def study_modality(mentions: list[Mention]) -> Optional[Mention]:
    """The first mention of the one exercise modality a document names (every exercise mention that is not the
    generic "exercise" names the same concept: "跑台运动" in the methods of a paper whose arms are "运动组"), or
    ``None`` when it names none or several (a review, a two-modality trial)."""
    specific = [m for m in mentions if m.label == "EXERCISE" and m.name != "exercise"]
    return specific[0] if specific and len({m.concept_id for m in specific}) == 1 else None


def _specific(e: Mention, modality: Optional[Mention]) -> Mention:
    """``e`` named as the study's one modality when ``e`` is the generic "exercise" (a "康复训练" arm of a treadmill
    study is the treadmill arm); else ``e``."""
    if modality is None or e.name != "exercise":
        return e
    return replace(e, concept_id=modality.concept_id, name=modality.name)


def _han_named_arms(text: str, mentions: list[Mention], exercises: list[Mention], starts: list[int]) -> dict[str, StudyGroup]:
    """Arms defined as "<words>组(<description>)" in a group list (:data:`_HAN_ARM_DEF`, 分为/分成/随机 within 160
    characters before): an exercise arm when the description names an exercise (the first; a protocol timing in the
    description -- "损伤后3天开始" -- qualifies its name, so arms that differ by when they start stay apart), a control
    arm when it says the arm gets only the injury. The code is the name with 组, as written."""
    out: dict[str, StudyGroup] = {}
    timings = sorted((m for m in mentions if m.label == "TIMING"), key=lambda m: m.start)
    modality = study_modality(exercises)
    for m in _HAN_ARM_DEF.finditer(text):
        name = m.group("name")
        cut = _HAN_ARM_CUT.match(name)
        code = re.sub(r"^\s+", "", name[cut.end():] if cut else name)
        listed = _GROUP_LIST_OPEN.search(text, max(0, m.start() - 160), m.start())  # the last 分为 before it
        if len(code) < 3 or code in out or not listed or re.search(r"[。；;]", text[listed.end():m.start()]) or \
                not re.search(r"[\u4e00-\u9fff]", m.group("desc")) or not (cut or m.start() == listed.end() or
                                                          re.search(r"[、，,:：]\s*$", text[listed.end():m.start()])):
            continue  # "…明显高于模型组(P<0.05)": a result, not an arm of the group list
        lo, hi = m.start("desc"), m.end("desc")
        i = bisect.bisect_left(starts, lo)
        ex = [e for e in exercises[i:] if e.end <= hi and e.start < hi]
        if ex and not _CONTROL_CUE.search(code):
            e = _specific(ex[0], modality)
            t = next((t for t in timings if lo <= t.start and t.end <= hi), None)
            out[code] = StudyGroup(code, replace(e, name=f"{e.name} ({t.name})") if t else e, False)
        elif not ex and (_ONLY_INJURY.match(m.group("desc")) or _CONTROL_CUE.search(code)):
            out[code] = StudyGroup(code, None, True)
    return out


#: A Chinese control arm described as receiving something ("对照组采用/进行/给予…"): an exercise right after it is
#: shared by both arms.
_CONTROL_RECEIVES = re.compile(r"对照组(?:患者|大鼠|小鼠)?\s*(?:仅|只)?\s*(?:进行|接受|给予|采用|实施|练习|行)")


_NAMED_ARM_EN = re.compile(r"\b((?:intervention|experimental|treatment|training|study) (?:group|arm))\b[^.;]{0,40}?"
                           r"\b(?:performed|received|underwent|completed|did|participated in|took part in|engaged in|"
                           r"followed)\b(?:\s+(?:a|an|the|supervised|home-based|structured|progressive)\b)*", re.I)


@functools.lru_cache(maxsize=1024)
def _code_rx(code: str, han_free: bool = False) -> re.Pattern:
    r"""Uses of a group code in a text: standing between non-code characters (``(?<![A-Za-z0-9\-+])CODE(?![A-Za-z0-9\-+])``,
    the look-behind written after the code so that ``re`` looks for the literal first: same matches); with
    ``han_free``, a code with Han characters needs no gap ("治疗组TCSS评分")."""
    if han_free and re.search(r"[\u4e00-\u9fff]", code):
        # "7 天康复组" is the arm "7天康复组" (a space between the characters), "17天康复组" is not "7天康复组"
        lead = r"(?<![0-9])" if code[0].isdigit() else ""
        return re.compile(lead + r"\s*".join(re.escape(c) for c in code.replace(" ", "")))
    # "CCI+EX组", "SNI+运动组": a code joined by + to more is a combined arm's name, not a use of the code
    return re.compile(rf"{re.escape(code)}(?<![A-Za-z0-9\-+]{re.escape(code)})(?![A-Za-z0-9\-+])")


#: Words one of which every match of these patterns holds (first_chars.required_literals): a document without
#: them is not scanned ("组" for a bare code arm; an English trial arm's noun).
_BARE_CODE_ARM_WORDS = required_literals(_BARE_CODE_ARM)
_NAMED_ARM_EN_WORDS = required_literals(_NAMED_ARM_EN)


#: An arm named by a letter, digit or Roman numeral after "group", with what it is: "group A, sham group (n=10)",
#: "group C: CCI+exercise", "group B (resistance training)", "group 2 received aerobic training"; and the
#: reverse, "aerobic training (group A)". Litmine curators, from methods sections of English abstracts.
_LETTER = r"(?:[A-H]|[IVX]{1,4}|[1-9])"
_LETTER_DEF = re.compile(rf"\bgroups?\s+(?P<code>{_LETTER})(?![A-Za-z0-9\-])\s*(?:\(\s*n\s*=\s*\d+\s*\)\s*)?"
                         r"(?:[,:=(\u2013\u2014]|-\s|\b(?:was|were|received|underwent|performed|did|completed|followed)\b)"
                         r"\s*(?P<desc>[^;.)]{1,80})", re.I)
_LETTER_DEF_AFTER = re.compile(rf"\(\s*groups?\s+(?P<code>{_LETTER})\s*[),;]")
#: Uses of lettered arms: "group B", "groups B and C", "groups A, B, and C" (each letter of the list).
_LETTER_USE = re.compile(rf"\bgroups?\s+({_LETTER}(?:\s*(?:,\s*(?:and\s+|or\s+)?|and|or|&|vs\.?|versus)\s*"
                         rf"(?:groups?\s+)?{_LETTER})*)(?![A-Za-z0-9\-])", re.I)


def _lettered_groups(text: str, exercises: list[Mention], starts: list[int]) -> dict[str, StudyGroup]:
    """Arms a document names "group X" (:data:`_LETTER_DEF`, :data:`_LETTER_DEF_AFTER`): an exercise arm when its
    description names an exercise, else a control arm (sham, sedentary, or the injury alone: "group B, CCI
    group"). The code is case-sensitive and upper case ("group a" is no code)."""
    out: dict[str, StudyGroup] = {}

    def add(code: str, lo: int, hi: int, desc: str):
        if not re.fullmatch(r"[A-Z]|[IVX]{1,4}|[1-9]", code) or code in out:
            return
        i, j = bisect.bisect_left(starts, lo), bisect.bisect_left(starts, hi)
        ex = [e for e in exercises[i:j] if e.end <= hi]
        control = bool(_CONTROL_CUE.search(desc))
        out[code] = StudyGroup(code, ex[-1] if ex else None, not ex, healthy=bool(ex) and control, lettered=True)
    for m in _LETTER_DEF.finditer(text):
        add(m.group("code"), m.start("desc"), m.end("desc"), m.group("desc"))
    for m in _LETTER_DEF_AFTER.finditer(text):
        a = _phrase_start(text, m.start())
        add(m.group("code"), a, m.start(), text[a:m.start()])
    return out


def _lettered_uses(text: str, code: str) -> list[tuple[int, int]]:
    """Spans of ``code`` where the text names a lettered arm: after "group(s)", alone or in a list."""
    out = []
    for m in _LETTER_USE.finditer(text):
        for c in re.finditer(rf"(?<![A-Za-z0-9\-]){re.escape(code)}(?![A-Za-z0-9\-])", m.group(1)):
            out.append((m.start(1) + c.start(), m.start(1) + c.end()))
    return out


def _phrase_start(text: str, end: int) -> int:
    """Start of the group phrase that ends at ``end`` (a bracket opens there)."""
    lo = max(0, end - 60)
    cuts = [m.end() for m in _PHRASE_CUT.finditer(text, lo, end)]
    return cuts[-1] if cuts else lo


def _study_exercise(text: str, pos: int, exercises: list[Mention], sentences: int = 1) -> Optional[Mention]:
    """The exercise named after a group list in the same sentence ("分为...组, 进行8周跑台训练"), or with
    ``sentences=2`` in the rest of it and the next one, a named modality before a generic one ("... trained (HT).
    The trained groups ran on a treadmill": treadmill); each sentence read up to 200 characters."""
    end = pos
    for _ in range(sentences):
        end = next((m.end() for m in re.finditer(r"[。.;；](\s|$)|[。；;]", text[end:end + 200])), 200) + end
    found = [e for e in exercises if pos <= e.start < end]
    if sentences > 1:
        found = [e for e in found if e.name != "exercise"] or found
    return found[0] if found else None


def find_groups(text: str, mentions: list[Mention]) -> dict[str, StudyGroup]:
    """The study groups a document defines by code.

    Args:
        text: the document text.
        mentions: its mentions (offsets into ``text``); exercise mentions define exercise arms.
    Returns:
        ``{code: StudyGroup}``; codes are case-sensitive. A definition needs a group context
        (分为/随机/组/group/divided/assigned nearby) so an abbreviation such as "(SNI)" is no group.
    """
    exercises = sorted((m for m in mentions if m.label == "EXERCISE"), key=lambda m: m.start)
    starts = [m.start for m in exercises]
    groups: dict[str, StudyGroup] = {}
    for m in _DEF.finditer(text):
        codes = [c for c in _SPLIT.split(m.group("codes")) if c]
        if not codes or not all(re.search(r"[A-Z]", c) for c in codes):
            continue
        a = _phrase_start(text, m.start())
        phrase = text[a:m.start()]
        window = text[max(0, a - 160):m.end() + 12]
        if not (m.group("zu") or _GROUP_NOUN.search(phrase[-6:]) or _GROUP_CONTEXT.search(window)):
            continue
        i, j = bisect.bisect_left(starts, a), bisect.bisect_left(starts, m.start())
        ex = [e for e in exercises[i:j] if e.end <= m.start()]
        control = bool(_CONTROL_CUE.search(phrase))
        if ex:
            arms = ex if len(ex) == len(codes) else [ex[-1]] * len(codes)
            for code, e in zip(codes, arms):
                groups.setdefault(code, StudyGroup(code, e, False, healthy=control))
        elif not control and (tr := _TRAINED_ARM.search(phrase)):
            e = _study_exercise(text, m.end(), exercises, sentences=2) or \
                Mention(a + tr.start(), a + tr.end(), tr.group(1), "EXERCISE", "MESH:D015444", "exercise")
            for code in codes:  # "hyperglycemic trained (HT) ... The trained groups ran on a treadmill": that exercise
                groups.setdefault(code, StudyGroup(code, e, False))
        elif not control and (q := qualifier(phrase, search=True)) and (e := _study_exercise(text, m.end(), exercises)):
            # "中等强度组(ME)、大强度组(HE), 进行8周跑台训练": an arm named by its dose, of the study's exercise
            # "low-intensity (LIE), moderate-intensity (MIE) or high-intensity exercise (HIE) groups": the dose of
            # this arm replaces the dose the exercise after the list is named with
            base = re.sub(rf"^\S+-{q.split('-')[-1]}\s+", "", e.name) if "-" in q else e.name
            for code in codes:
                groups.setdefault(code, StudyGroup(code, replace(e, name=qualified(q, base)), False))
        elif _GROUP_NOUN.search(phrase[-4:]) or m.group("zu") or control and not any(
                m.start() < o.start < m.end() and o.text in codes and o.label != "EXERCISE" for o in mentions):
            for code in codes:
                groups.setdefault(code, StudyGroup(code, None, True))
    if "roup" in text:
        for code, g in _lettered_groups(text, exercises, starts).items():
            groups.setdefault(code, g)
    # "观察组在常规治疗基础上进行有氧运动训练": a clinical trial's named arm and what it did -- unless the control
    # arm does that exercise too ("对照组采用核心稳定训练治疗, 观察组采用针药结合核心稳定训练治疗"): then the
    # arms differ by something else, and a difference between them is not the exercise's
    shared = control_exercises(text, mentions)
    folded = fold(text)
    named = [*_NAMED_ARM.finditer(text)] + ([*_NAMED_ARM_EN.finditer(text)] if may_match(_NAMED_ARM_EN_WORDS, text, folded) else [])
    for m in named:
        word = m.group(1)
        k = bisect.bisect_left(starts, m.end())
        if word not in groups and k < len(exercises) and exercises[k].start - m.end() <= 30 and \
                not re.search(r"[。；;]", text[m.start():exercises[k].start]) and exercises[k].name not in shared:
            groups[word] = StudyGroup(word, exercises[k], False)
    # "分为DM组和DM+SW组, DM+SW组每天游泳60 min", "A组(32例)进行八段锦练习": a code named with 组, no bracket
    # definition, and what the arm does right after it
    for m in (_BARE_CODE_ARM.finditer(text) if may_match(_BARE_CODE_ARM_WORDS, text) else ()):
        code = m.group("code")
        k = bisect.bisect_left(starts, m.end())
        if code not in groups and re.search(r"[A-Z]", code) and k < len(exercises) and \
                exercises[k].start - m.end() <= 12 and not re.search(r"[。；;，,]", text[m.end():exercises[k].start]) and \
                exercises[k].name not in shared and not _CONTROL_CUE.search(code):
            groups[code] = StudyGroup(code, exercises[k], False)
    if "组" in text:
        for code, g in _han_named_arms(text, mentions, exercises, starts).items():
            groups.setdefault(code, g)
    # "SCI-TT组于SCI第8天行减重平板训练": the arm's exercise stated more specifically later
    for code, g in list(groups.items()):
        for occ in _code_rx(code).finditer(text):
            tail = text[occ.end():occ.end() + 40]
            r = _REFINE.match(tail)
            if not r:
                continue
            k = bisect.bisect_left(starts, occ.end() + r.end())
            if k < len(exercises) and exercises[k].start - (occ.end() + r.end()) <= 12 and \
                    (g.exercise is None or g.exercise.name == "exercise") and not g.control:
                groups[code] = replace(g, exercise=exercises[k])
                break
    return groups


_GROUP_WORD_AT = re.compile(r"\s*(组|groups?\b)", re.I)
#: After a short English code, words that make it an arm: its animals or people ("HT rats", "in HT mice") or a
#: comparison with another arm ("lower in HT than in HS rats", "HT versus HS"); litmine curators.
_ARM_WORD_AT = re.compile(r"\s*(?:rats|mice|animals|patients|participants|subjects)\b|\s+(?:than|versus|vs\.?|"
                          r"compared)(?![\w-])", re.I)


def _occurrences(text: str, code: str, short_ok) -> list[tuple[int, int]]:
    out = []
    for occ in _code_rx(code, han_free=True).finditer(text):  # "治疗组TCSS评分": a Chinese arm needs no gap
        if len(code) <= 2 and not short_ok(occ.end()):
            continue
        out.append((occ.start(), occ.end()))
    return out


#: English arms named by their dose: "the low- and moderate-intensity groups", "high-intensity exercise group",
#: "the light, moderate or vigorous intensity arms" (litmine curators, from dose-graded trials and rodent studies).
_DOSE = r"(?:low|light|mild|moderate|high|vigorous)"
_DOSE_GROUP = re.compile(rf"\b(?P<doses>{_DOSE}(?:-?\s*(?:,\s*(?:and\s+|or\s+)?|and|or|/)\s*{_DOSE})*)[- ]intensity\s+"
                         r"(?:(?:exercise|training|running|treadmill)\s+)?(?:groups?|arms?)\b", re.I)
_DOSE_WORD = re.compile(rf"\b({_DOSE})\b-?", re.I)


def group_mentions(text: str, sentences: list[Sentence], mentions: list[Mention],
                   groups: dict[str, StudyGroup]) -> list[Mention]:
    """``mentions`` with a synthetic mention for every use of a group code or exercised-group noun.

    Short codes (one or two characters: "D", "DA") count only before 组/group, in a
    coordination with another code ("DA和DR组"), before the arm's animals or people ("HT rats") or before
    a comparison ("HT than HS", "HT versus HS"), so a lone letter is never an arm.
    Returns a new list sorted by start; the definitions' own brackets are not repeated.
    """
    folded = fold(text)
    nouns = [(rx, name) for rx, name, words in _GROUP_NOUN_WORDS if may_match(words, text, folded)]
    if not groups and not any(rx.search(text) for rx, _ in nouns) and "组" not in text and \
            not ("ntensity" in text and _DOSE_GROUP.search(text)):
        return mentions
    starts = [s.start for s in sentences]
    codes_rx = "|".join(re.escape(c) for c in sorted(groups, key=len, reverse=True))

    def short_ok(end: int) -> bool:
        tail = text[end:end + 16]
        return bool(_GROUP_WORD_AT.match(tail) or codes_rx and _coordinated_rx(codes_rx).match(tail) or _ARM_WORD_AT.match(tail))

    new: list[Mention] = []
    modality = study_modality(mentions)

    def add(a: int, b: int, label: str, cid: str, name: str):
        k = bisect.bisect_right(starts, a) - 1
        if k < 0 or b > sentences[k].end:
            return
        new.append(Mention(a, b, text[a:b], label, cid, name, sentence=sentences[k].index, source="group"))

    for code, g in groups.items():
        for a, b in (_lettered_uses(text, code) if g.lettered else _occurrences(text, code, short_ok)):
            if g.exercise is not None:
                e = _specific(g.exercise, modality)
                add(a, b, "EXERCISE", e.concept_id, e.name)
            else:
                add(a, b, CONTROL_LABEL, "LM:control_group", "control")
    # "运动组", "训练组" in a study of one modality: the arm of that modality ("三个运动组" of a treadmill study)
    if modality is not None:
        for m in mentions:
            if m.label == "EXERCISE" and m.name == "exercise" and m.source == "lexicon" and \
                    re.match(r"\s*组", text[m.end:m.end + 4]):
                add(m.start, m.end, "EXERCISE", modality.concept_id, modality.name)
    # "the low- and moderate-intensity groups", "the high-intensity group": arms named by their dose, of the study's
    # modality (or of exercise, in a study of several)
    for occ in (_DOSE_GROUP.finditer(text) if "ntensity" in text else ()):
        base = modality.name if modality is not None else "exercise"
        cid = modality.concept_id if modality is not None else "MESH:D015444"
        for w in _DOSE_WORD.finditer(text, occ.start(), occ.end()):
            q = qualifier(f"{w.group(1).lower()}-intensity")
            end = occ.end() if w.end(1) == occ.end("doses") else w.end()
            if q:
                add(w.start(), end, "EXERCISE", cid, qualified(q, base))
    first_id: dict[str, str] = {}  # exercise name -> concept id of its first mention
    for m in mentions:
        if m.label == "EXERCISE":
            first_id.setdefault(m.name, m.concept_id)
    for rx, name in nouns:
        for occ in rx.finditer(text):
            add(occ.start(), occ.end(), "EXERCISE", first_id.get(name, f"LM:{name}"), name)
    if not new:
        return mentions
    spans = sorted((m.start, m.end) for m in new)
    lefts = [a for a, _ in spans]

    def covered(m: Mention) -> bool:
        k = bisect.bisect_right(lefts, m.start) - 1
        return any(a < m.end and m.start < b for a, b in spans[max(0, k - 1):k + 2])
    kept = [m for m in mentions if not covered(m)]
    return sorted(kept + new, key=lambda m: (m.start, m.end))


def non_exercise_arms(text: str, groups: dict[str, StudyGroup]) -> set[str]:
    """Named trial arms (观察组, 治疗组, 实验组, …) the document describes as receiving something ("观察组在对照组的
    基础上进行疼痛干预", "观察组采用针刺结合核心稳定训练治疗" when the control arm does the training too) but that
    :func:`find_groups` gave no exercise of their own: their results are not an exercise's effect."""
    out = set()
    for m in _NAMED_ARM.finditer(text):
        g = groups.get(m.group(1))
        if g is None or g.exercise is None:
            out.add(m.group(1))
    return out


def control_exercises(text: str, mentions: list[Mention]) -> set[str]:
    """Names of the exercises a Chinese trial's control arm receives ("对照组采用核心稳定训练治疗", "对照组进行核心
    稳定性训练"): then both arms exercise, and a change in both ("两组ODI评分均比干预前低") is that exercise's."""
    exercises = sorted((m for m in mentions if m.label == "EXERCISE"), key=lambda m: m.start)
    starts = [m.start for m in exercises]
    shared = set()
    for m in _CONTROL_RECEIVES.finditer(text):
        k = bisect.bisect_left(starts, m.end())
        if k < len(exercises) and exercises[k].start - m.end() <= 20 and \
                not re.search(r"[。；;，,]", text[m.end():exercises[k].start]):
            shared.add(exercises[k].name)
    return shared
