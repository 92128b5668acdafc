"""The exercise of a relation: its canonical name with qualifiers, coordination of arms and
combined programmes, and the agents (drugs, antagonists, other entities) that are not the exercise.
"""
from __future__ import annotations

import functools
import re
from typing import Optional
from ...types import Mention, Sentence
from .clauses import _rel, clause_bounds, strip_brackets
from .cues import _AGENT_LABELS, _ANALGESIA, _ANTAGONIST, _BLOCKADE, _COMBINE_CUES, _COMPONENT_EXERCISES, _DRUG_AGENT, _QUALIFIERS, _REVERSAL, qualified as _qualified, qualifier as _qualifier
from .triggers import Trigger
from .view import _Sentence, gate

gate(_ANTAGONIST)  # searched in a sentence and its slices behind the view's word gate

_QUALIFIER_RX = "|".join(rx for rx, _ in _QUALIFIERS)
_LEAD_QUALIFIER = re.compile(f"({_QUALIFIER_RX})", re.I)
#: Each qualifier at the end of the text before a mention, and at the start of the mention's own text.
_QUALIFIER_ENDS = [(re.compile(f"({rx})$", re.I), re.compile(f"^({rx})", re.I), q) for rx, q in _QUALIFIERS]
_QUALIFIED_BASE = re.compile(r"^(short-term|long-term|acute|regular|high-frequency|low-frequency|high-intensity|"
                             r"moderate-intensity|low-intensity) ")
_BRACKET_END = re.compile(r"[(（][^()（）]*[)）]\s*$")
_DURATION_END = re.compile(r"(的|\d+\s*(周|天|个月|weeks?|days?|months?)|[\s~\-–]|\d)+$")


#: The facet each canonical qualifier grades: coordinated qualifiers of one facet name alternatives (短期和长期运动:
#: two exercises), of two facets one exercise that has both (长期、规律的运动).
_FACET = {"short-term": "duration", "long-term": "duration", "acute": "duration", "regular": "regularity",
          "high-frequency": "frequency", "low-frequency": "frequency", "high-intensity": "intensity",
          "moderate-intensity": "intensity", "low-intensity": "intensity"}


_COORD_QUALIFIERS = re.compile(
    rf"({_QUALIFIER_RX})\s*([(（][^()（）]*[)）])?\s*(和|与|以及|及|或|、|and|or)\s*({_QUALIFIER_RX})\s*([(（][^()（）]*[)）])?\s*的?\s*$",
    re.I)


#: A qualifier coordinated with a word that is none ("high-intensity or excessive exercise", "高强度或过度运动"): the
#: exercise is named by the qualifier it has.
_QUALIFIER_OR_WORD = re.compile(rf"({_QUALIFIER_RX})\s*(或|或者|和|与|、|or|and)\s*(?:[a-z-]{{3,16}}|[\u4e00-\u9fff]{{1,4}})\s*的?\s*$", re.I)


_ZH_SHARED_QUALIFIER = re.compile(r"(?P<prefixes>[高中低大小](?:\s*(?:、|和|与|及|以及)\s*[高中低大小])+)\s*(?P<head>强度|频)\s*的?$")


_ELLIPTIC_QUALIFIERS = re.compile(r"\b(high|low|moderate|short|long)-?\s+(and|or|versus|vs\.?)\s+(high|low|moderate|short|long)"
                                  r"[- ](frequency|intensity|term)\s*$", re.I)


def _exercise_names(m: Mention, text: str, rel_start: int) -> list[str]:
    """Canonical name(s) of an exercise mention with the qualifier written before it:
    ``长期运动`` -> ``["long-term exercise"]``; coordinated qualifiers give one name
    each: ``短期和长期运动`` -> ``["short-term exercise", "long-term exercise"]``,
    ``高频(每周5天)以及低频(每周3天)的跑台运动`` -> high- and low-frequency treadmill. An arm mention named by
    its dose (:func:`litmine.nlp.relations.groups.group_mentions`) keeps its name."""
    if m.source == "group" and _QUALIFIED_BASE.match(m.name):
        return [m.name]  # an arm named by its dose ("the low- and moderate-intensity groups"): its own name
    return list(_names_of(m.text, m.name, text[max(0, rel_start - 40):rel_start], text[max(0, rel_start - 14):rel_start]))


@functools.lru_cache(maxsize=4096)
def _names_of(m_text: str, m_name: str, before_40: str, before_14: str) -> tuple[str, ...]:
    """:func:`_exercise_names` of a mention's text and name and the 40 and 14 characters before it (all it
    reads), memoised: a sentence names its exercise once per trigger."""
    lead = _LEAD_QUALIFIER.match(m_text)  # the lexicon form may carry it: "长期运动"
    window = before_40 + (lead.group(0) if lead else "")
    ell = _ELLIPTIC_QUALIFIERS.search(window)
    if ell:  # "both high and low-frequency exercise", "short- and long-term training"
        qs = [_qualifier(f"{ell.group(w)}-{ell.group(4)}") for w in (1, 3)]
        if all(qs):
            base = re.sub(r"^(short-term|long-term|high-frequency|low-frequency|high-intensity|moderate-intensity|"
                          r"low-intensity) ", "", m_name)
            return tuple(_qualified(q, base) for q in qs)
    zh = _ZH_SHARED_QUALIFIER.search(window)
    if zh:  # "高、中、低强度运动组", "高、低频跑台运动": one head shared by coordinated prefixes
        head = zh.group("head")
        qs = [_qualifier(p + ("强度" if head == "强度" else "频")) for p in re.findall(r"[高中低大小]", zh.group("prefixes"))]
        if qs and all(qs):
            base = _QUALIFIED_BASE.sub("", m_name)
            return tuple(dict.fromkeys(_qualified(q, base) for q in qs))
    co = _COORD_QUALIFIERS.search(window)
    if co:
        qs = [_qualifier(co.group(1)), _qualifier(co.group(4))]
        if all(qs):
            base = _QUALIFIED_BASE.sub("", m_name)
            if _FACET[qs[0]] != _FACET[qs[1]]:  # "长期、规律的运动": one exercise, long-term and regular
                return (_qualified(qs[0], _qualified(qs[1], base)),)
            return tuple(_qualified(q, base) for q in qs)
    one = _QUALIFIER_OR_WORD.search(window)
    if one and _qualifier(one.group(1)):
        return (_qualified(_qualifier(one.group(1)), _QUALIFIED_BASE.sub("", m_name)),)
    before = _BRACKET_END.sub("", before_14)  # "高频(每周5天)的跑台运动"
    before = _DURATION_END.sub("", before)
    for at_end, at_start, q in _QUALIFIER_ENDS:
        if at_end.search(before) or at_start.match(m_text):
            return (_qualified(q, m_name),)
    return (m_name,)


def _exercise_name(m: Mention, text: str, rel_start: int) -> str:
    """The first of :func:`_exercise_names`."""
    return _exercise_names(m, text, rel_start)[0]


def _coordinated_exercises(view: _Sentence, anchor: Mention) -> list[Mention]:
    """The exercise mentions coordinated with ``anchor`` (A和B, A与B, A、B and B)."""
    s = view.s
    group = [anchor]
    ex = sorted(view.exercises, key=lambda m: m.start)
    i = ex.index(anchor)
    group += [e for e in ex[i + 1:] if (e.start, e.end) == (anchor.start, anchor.end)]  # copies after it, too
    j = i - 1
    while j >= 0:
        if (ex[j].start, ex[j].end) == (group[0].start, group[0].end):  # arms named by one group reference
            group.insert(0, ex[j])
            j -= 1
            continue
        gap = view.text[_rel(ex[j], s)[1]:_rel(group[0], s)[0]]
        gap = strip_brackets(gap)
        gap = re.sub(r"\d+\s*[~\-–～至到]?\s*\d*\s*(周|天|个月|weeks?|days?|months?)\s*的?", "", gap)
        gap = re.sub(r"(高频|低频|短期|长期|高强度|中等强度|低强度|的|组|\bgroups?\b|\barms?\b)", "", gap)
        if re.fullmatch(r"\s*(和|与|及|以及|或|、|,|，|and|or|nor|plus|as well as|,\s*and)\s*", gap, re.I):
            group.insert(0, ex[j])
            j -= 1
        else:
            break
    return group


def _combine(group: list[Mention], text: str, s: Sentence, names: list[str],
             arm_names: frozenset = frozenset()) -> list[list[int]]:
    """Split a coordination into relations: one combined program, or one each. Components of a programme
    ("有氧运动与阻力训练") combine, unless the study gives each its own arm (``arm_names``, the names of the
    document's exercise arms) and no combining word joins them ("有氧运动和抗阻力运动有助于…" after
    "有氧运动组…抗阻力运动组")."""
    if len(group) == 1:
        return [[0]]
    if len({id(g) for g in group}) == 1:  # one mention, coordinated qualifiers: one relation each
        return [[i] for i in range(len(group))]
    a = _rel(group[0], s)[0]
    b = _rel(group[-1], s)[1]
    window = text[max(0, a - 8):min(len(text), b + 8)]
    base = {n.split()[-1] for n in names}
    if any(g.source == "group" for g in group) or all(
            re.match(r"\s*(组|groups?\b|arms?\b)", text[_rel(g, s)[1]:_rel(g, s)[1] + 8], re.I) for g in group):
        return [[i] for i in range(len(group))]  # "DA组和DR组", "有氧运动组和抗阻运动组": separate arms
    if _COMBINE_CUES.search(window):
        return [list(range(len(group)))]
    if base <= _COMPONENT_EXERCISES and not {g.name for g in group} <= set(arm_names):
        return [list(range(len(group)))]
    return [[i] for i in range(len(group))]


def _other_agent(view: _Sentence, trig: Trigger, lo: int) -> bool:
    """Does a non-exercise entity act as the subject of a transitive trigger?

    True when the clause, before the trigger, starts with an entity that is
    followed by a verb-like link (可/能/会/通过/直接 or nothing) and the trigger
    has its own object after it: "氧化应激降低谷胱甘肽水平", "NP可通过上调α2δ亚基".
    """
    s = view.s
    before = [m for m in view.all if m.label in _AGENT_LABELS and lo <= _rel(m, s)[0] and _rel(m, s)[1] <= trig.start]
    if not before:
        return False
    m = before[0]
    gap = view.text[_rel(m, s)[1]:trig.start]
    if view.text[lo:_rel(m, s)[0]].strip(" ,，、") not in ("", "而", "但", "此外", "同时", "因此", "然而"):
        return False
    after = [t for t in view.targets if trig.end <= _rel(t, s)[0] < trig.end + 30]
    if re.match(r"\s*(,\s*)?(and|but|whereas|while|或|而)\b", view.text[trig.end:], re.I):
        return False  # "IL-6 decreased and IL-10 increased": the trigger has no object, IL-6 is what changed
    return bool(after) and bool(re.fullmatch(
        r"\s*(本身|itself|themselves)?\s*(也|亦|还|also)?\s*(可|能|能够|会|可以|可能|may|can|could)?\s*(通过\S{0,12}|直接)?\s*", gap))


_CAUSING_AFTER = re.compile(r"\s*所?(引起|导致|诱导|诱发|造成)的")
_SET_APART_BEFORE = re.compile(r"(but not|rather than|instead of|unlike|而非|而不是|不同于)\s*(the\s+)?\S{0,12}$", re.I)


def _excluded(view: _Sentence, ex: Mention) -> bool:
    """An exercise set aside by "but not" / "rather than" / "而非" ("HIIT, but not MICT, increased X"), or named as
    the cause of a noun ("力竭性运动所引起的应激反应")."""
    a, b = _rel(ex, view.s)
    if _CAUSING_AFTER.match(view.text[b:b + 6]) and \
            re.search(r"(减轻|降低|减少|抑制|缓解|改善|逆转|消除|预防|防止|阻止)\s*了?\s*[\u4e00-\u9fff]{0,4}$",
                      view.text[max(0, a - 9):a]):
        return True  # "减轻力竭性运动所引起的应激反应": inside another verb's object, naming a cause, it is no subject
    if view.s.lang != "en" and _ZH_COMPARATOR_BEFORE.search(view.text[max(0, a - 24):a]):
        return True  # "CNE组IL-5高于CS组和CAE组, TNF-α低于…": CAE is compared against, not the next clause's subject
    aside = _EXAMPLES_ASIDE.search(view.text[max(0, a - 60):a])
    if aside and any(_rel(e, view.s)[1] <= a - len(aside.group(0)) and e.name != ex.name for e in view.exercises):
        return True  # "AE, particularly in forms like treadmill and swimming, reduces X": AE is the subject
    return bool(_SET_APART_BEFORE.search(view.text[max(0, a - 24):a]))


#: A Chinese comparative and the arms listed after it ("高于CS组和", "低于模型组、"): an exercise arm right after it is the
#: arm compared against (litmine curators).
_ZH_COMPARATOR_BEFORE = re.compile(r"(?:高于|低于|多于|少于|优于|好于|大于|小于|不如)\s*(?:[^，,；;。]{1,14}?\s*(?:和|及|与|、|或)\s*)?$")


#: A comma aside that names examples of the exercise before it ("AE, particularly in forms like treadmill and
#: swimming, ...", "exercise, such as running or swimming, ...").
_EXAMPLES_ASIDE = re.compile(r",\s*(?:particularly|especially|notably|mainly|mostly|such as|including|e\.g\.,?|for example)"
                             r"\b[^,;]{0,40}$", re.I)


def _antagonised_analgesia(view: _Sentence, trig: Trigger, stop: int) -> Optional[Mention]:
    """The exercise's analgesia a reversal trigger acts on ("阻断运动的镇痛作用",
    "reversed the antiallodynic effect of running"), or that an antagonist left unchanged ("naloxone did not
    alter the antinociception induced by aerobic exercise": the analgesia holds either way), or ``None``.
    The analgesia mention follows the trigger before ``stop`` with the exercise named just around it (8
    characters before, 14 after, or an exercise mention starting within 24 characters after it)."""
    if not (trig.direction == "decrease" and _REVERSAL.match(trig.text) or trig.direction == "no_change"):
        return None
    s = view.s
    for m in view.targets:
        a, b = _rel(m, s)
        if trig.end <= a < stop and _ANALGESIA.search(m.name):
            near = view.text[max(trig.end, a - 8):a] + view.text[b:b + 14]
            if m.name == "exercise-induced hypoalgesia" or any(e.text in near or 0 <= _rel(e, s)[0] - b <= 24
                                                               for e in view.exercises):
                return m
    return None


#: Words joining an exercise and a drug given together, as the subject of one finding ("aerobic training with
#: melatonin", "swimming plus vitamin E", "treadmill exercise combined with insulin", "TU + TE"); a bare "and"
#: joins them only after "the combination of", and "and/or" not at all (each alone did it too; litmine curators,
#: from trials of exercise with a supplement, a drug or a physical therapy).
_WITH_AGENT = re.compile(r"\s*(?:,\s*)?(?:with|plus|\+|together with|along with|combined with|in combination with|"
                         r"in addition to|联合|结合|配合|加)\s*(?:the\s+|a\s+|an\s+|oral\s+|daily\s+)?", re.I)
_AND = re.compile(r"\s*(?:and|和|与|及)\s*(?:the\s+)?", re.I)
_COMBINATION_OF = re.compile(r"(?:the\s+)?(?:combination|combined use|co-?administration)\s+of\s+(?:the\s+)?$", re.I)
#: A mention that names something given, not only measured: a drug, a hormone, a physical therapy; or any
#: concept followed by a word of giving ("insulin treatment", "IL-10 injection").
_AGENT_KINDS = frozenset({"DRUG", "HORMONE", "THERAPY"})
_GIVEN_AFTER = re.compile(r"\s*(?:treatment|therapy|supplementation|supplement|administration|injection|infusion|"
                          r"consumption|intake|治疗|补充|注射|给药)", re.I)


def co_intervention(view: _Sentence, trig: Trigger, lo: int, ex: Optional[Mention]) -> Optional[Mention]:
    """The drug, hormone or therapy given together with the exercise ``ex`` as the subject of ``trig``, or ``None``.

    The two are named before the trigger, in its clause (from ``lo``), joined by a combining word
    (:data:`_WITH_AGENT`, either order: "aerobic training with melatonin", "insulin plus swimming"), or by "and"
    after "the combination of"; the agent is a DRUG, HORMONE or THERAPY mention, or another concept followed by a
    word of giving (:data:`_GIVEN_AFTER`, "insulin treatment"). Such a finding is the combination's: the relation
    names the agent ("aerobic with melatonin") rather than crediting the exercise alone, and the drug is not taken
    for the agent that acts instead of the exercise."""
    if ex is None:
        return None
    s, text = view.s, view.text
    ea, eb = _rel(ex, s)
    if ea < lo or eb > trig.start:
        return None
    for m in view.all:
        a, b = _rel(m, s)
        if m is ex or not (lo <= a and b <= trig.start) or m.label == "EXERCISE":
            continue
        if m.label not in _AGENT_KINDS and not _GIVEN_AFTER.match(text, b):
            continue
        if a >= eb:
            gap, before = text[eb:a], text[max(lo, ea - 30):ea]
        elif b <= ea:
            gap, before = text[b:ea], text[max(lo, a - 30):a]
        else:
            continue
        gap = strip_brackets(gap)
        if _WITH_AGENT.fullmatch(gap) or _AND.fullmatch(gap) and _COMBINATION_OF.search(before):
            return m
    return None


def _drug_agent(view: _Sentence, trig: Trigger, lo: int, ex: Optional[Mention]) -> bool:
    """Is the trigger's agent a drug or antagonist rather than the exercise?

    True for "AM281能够抑制...", "被纳洛酮逆转", "reversed by naloxone", and for a
    reversal word ("逆转", "blocked") in a sentence that names a drug or an
    antagonist anywhere ("注射纳洛酮后, 运动引起的痛阈升高被完全逆转").
    """
    s = view.s
    if _REVERSAL.match(trig.text) and (view.drugs or view.may_match(_ANTAGONIST) and _ANTAGONIST.search(view.text) or
                                       _BLOCKADE.search(view.text[lo:trig.start])):
        if any(_rel(d, s)[0] > (_rel(ex, s)[0] if ex else -1) for d in view.drugs) or \
                re.search(r"(被|by)\s*\S{0,12}$", view.text[lo:trig.start]) or not view.drugs:
            return True
    drugs = [d for d in view.drugs if lo <= _rel(d, s)[0] < trig.start or 0 <= _rel(d, s)[0] - trig.end <= 6]
    if not drugs:
        return view.may_match(_ANTAGONIST) and bool(_ANTAGONIST.search(view.text[lo:trig.start]))
    d = drugs[-1]
    if ex is None or (_rel(ex, s)[0] >= trig.end and (_REVERSAL.match(trig.text) or
                                                      trig.direction == "no_change" and _rel(d, s)[1] <= trig.start)):
        # "纳洛酮预处理可逆转运动所致的...", "naloxone did not alter the antinociception induced by aerobic exercise":
        # the drug acts (or fails to act) on the exercise's effect
        return True
    if _rel(ex, s)[0] >= trig.end and _rel(d, s)[1] <= trig.start and \
            re.search(r"\b(in|of)\s+(the\s+)?(\w+\s+)?$", view.text[max(trig.end, _rel(ex, s)[0] - 16):_rel(ex, s)[0]], re.I):
        return True  # "naloxone methiodide had no effect on hypersensitivity in exercised rats": the drug's effect
    return _rel(d, s)[0] > _rel(ex, s)[0] or bool(_DRUG_AGENT.search(view.text[max(0, _rel(d, s)[0] - 4):_rel(d, s)[0]]))


#: What may open a Chinese clause before its subject, and what opens a clause that continues the subject before it.
_CLAUSE_OPENER = re.compile(r"^[\s,，;；]*(而|但|且|此外|同时|另外|然而)?\s*(单纯|单独|仅)?\s*$")
_SUBJECT_CONTINUES = re.compile(r"^[\s,，]*(并|且|还|亦|也|均|则|同时)?\s*(可以|可|能够|能|会|可使|能使|使)")


def other_intervention_subject(view: _Sentence, trig: Trigger, lo: int) -> bool:
    """Is the subject of the trigger's Chinese clause a non-exercise intervention (a THERAPY or DRUG mention:
    膳食控制, 推拿, 针刺, 甲钴胺) rather than the exercise? "而膳食控制对FPG水平没有显著性影响", and a clause that
    continues that subject with a modal ("…, 可以显著性提高FINS水平"). An exercise named before the trigger
    in the clause ("有氧运动联合膳食控制可以进一步降低…") keeps the exercise the subject."""
    s, text = view.s, view.text
    others = view.therapies + view.drugs
    if not others or s.lang == "en":
        return False
    start = lo
    for _ in range(3):  # the clause, or the clauses before it whose subject it continues
        pos = trig.start if start == lo else hi
        first = min((m for m in view.exercises + others if start <= _rel(m, s)[0] < pos), key=lambda m: m.start,
                    default=None)
        if first is not None:
            return first.label != "EXERCISE" and bool(_CLAUSE_OPENER.match(text[start:_rel(first, s)[0]]))
        if start == 0 or not _SUBJECT_CONTINUES.match(text[start:pos]):
            return False
        hi = start
        start = clause_bounds(text, start - 1, s.lang)[0]
    return False
