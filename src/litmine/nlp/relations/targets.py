"""The targets of a trigger: after it, before it, coordinated lists, modifiers set aside; direction and polarity.
"""
from __future__ import annotations

import re
from typing import Optional
from ...types import Mention
from .clauses import _rel, strip_brackets
from .cues import (LIST_GAP, _AFTER_INJURY, _ASPECTS, _BAD_POLARITY, _DISEASE_HEAD_AFTER, _DISORDER_AFTER, _COORD_GAP, _MODIFIER_AFTER,
                   _MODIFIER_BEFORE, _ANTI_PAIN, _PAIN, _PAIN_TEST, _THRESHOLD,
                   _LONGER_BETTER_LATENCY, _SHORTER_BETTER_LATENCY)
from .triggers import Trigger
from .view import _Sentence, gate

#: Each aspect right after a target ("TNF-α mRNA", "BDNF的表达") and before it ("expression of BDNF").
_ASPECT_RX = [(re.compile(r"^\s*(的|\s)?\s*(" + rx + ")", re.I), re.compile(r"(" + rx + r")\s+(of|in)\s+(the\s+)?$", re.I), name)
              for rx, name in _ASPECTS]


#: Any aspect after or before a target: where neither matches, no single aspect does (the loop below is skipped).
_ANY_ASPECT_AFTER = re.compile(r"^\s*(的|\s)?\s*(" + "|".join(rx for rx, _ in _ASPECTS) + ")", re.I)
_ANY_ASPECT_BEFORE = re.compile(r"(" + "|".join(rx for rx, _ in _ASPECTS) + r")\s+(of|in)\s+(the\s+)?$", re.I)


def _aspect(text: str, a: int, b: int) -> Optional[str]:
    after = text[b:b + 10]
    before = text[max(0, a - 22):a]
    if not (_ANY_ASPECT_AFTER.match(after) or _ANY_ASPECT_BEFORE.search(before)):
        return None
    for after_rx, before_rx, name in _ASPECT_RX:
        if after_rx.match(after) or before_rx.search(before):
            return name
    return None


_CAUSE_BEFORE = re.compile(r"\b(induced|caused|evoked|triggered|elicited|produced|provoked) by\s+(the\s+|an?\s+)?$|"
                           r"\b(due to|resulting from|secondary to)\s+(the\s+|an?\s+)?$", re.I)


def _without_context(view: _Sentence, gap: str, offset: int) -> str:
    """``gap`` (sentence text from ``offset``) with context mentions (tissues, species) blanked:
    "nociceptive thresholds, lumbar dorsal root ganglia neuronal excitability" is a list."""
    s = view.s
    chars = list(gap)
    for c in view.context:
        a, b = _rel(c, s)
        if offset <= a and b <= offset + len(gap):
            chars[a - offset:b - offset] = " " * (b - a)
    return re.sub(r"\s+", " ", "".join(chars))


def _is_modifier(view: _Sentence, m: Mention, targets: list[Mention]) -> bool:
    """Is ``m`` context for another noun rather than a target? ("疼痛相关的PACAP",
    "SNI模型", "patients with DPN", "ATF3-positive neurons", "小胶质细胞的极化")"""
    s = view.s
    a, b = _rel(m, s)
    if _modifier_by_text(view, m, a, b):
        return True
    if a and view.text[a - 1] in "(（" and any(
            o.concept_id == m.concept_id and 0 <= a - 1 - _rel(o, s)[1] <= 1 and _is_modifier(view, o, targets)
            for o in view.all if o is not m):
        return True  # "individuals with spinal cord injury (SCI)": the repeat of a modifier
    # possessive before another target: 小胶质细胞的抗炎极化
    nxt = [t for t in targets if 0 <= _rel(t, s)[0] - b <= 3 and t is not m]
    return bool(nxt) and m.label in ("CELL_TYPE", "DISEASE") and re.match(r"^\s*的?\s*$", view.text[b:_rel(nxt[0], s)[0]])


gate(_CAUSE_BEFORE)  # searched in slices of a sentence behind the view's word gate


def _modifier_by_text(view: _Sentence, m: Mention, a: int, b: int) -> bool:
    """The tests of :func:`_is_modifier` that read only the sentence around ``m`` (at ``[a, b)`` in it) and its
    diseases, not the targets ``m`` is weighed with: computed once per view and mention (a sentence asks for each
    trigger); recomputed if ``view.targets`` was replaced since."""
    key = ("modifier", id(m))
    hit = view.memo.get(key)
    if hit is not None and hit[0] is m and hit[1] is view.targets:
        return hit[2]
    text = view.text
    found = bool(
        _OPENING_FRAME.match(text[:a]) and re.match(r"\s*,", text[b:]) or  # "In the histological findings, GAP-43 …"
        _MODIFIER_BEFORE.search(text[max(0, a - 40):a]) and m.label in ("DISEASE", "CELL_TYPE", "ANATOMY") or
        m.label == "DISEASE" and _context_disease(view, m) or
        view.may_match(_CAUSE_BEFORE) and _CAUSE_BEFORE.search(text[max(0, a - 24):a]) or  # "pain induced by diabetes"
        # "腰椎间盘突出症伴神经根痛患者": the patients' diagnosis
        m.label == "DISEASE" and re.match(r"[^，,。；;并而且和与及、]{0,10}?(患者|病人)", text[b:b + 14]) or
        _MODIFIER_AFTER.match(text[b:b + 16]) or m.label == "DISEASE" and _DISEASE_HEAD_AFTER.match(text[b:b + 16]))
    view.memo[key] = (m, view.targets, found)
    return found


#: A sentence opening that frames what follows ("In the histological findings, ...", "In our analysis, ...").
_OPENING_FRAME = re.compile(r"^\W*(?:\w+\s*:\s*)?in (?:the|these|our|this)\s+(?:[\w-]+\s+){0,2}$", re.I)


def _context_disease(view: _Sentence, m: Mention, depth: int = 0) -> bool:
    """Is the disease ``m`` the population or the injury a finding is in rather than its target? After
    "after/following" ("... after peripheral nerve injury"), after "patients/people with" ("in people with T2DM
    and DPN": the second of a coordinated pair too), never the thing changed."""
    s = view.s
    a, _ = _rel(m, s)
    before = view.text[max(0, a - 40):a]
    if _AFTER_INJURY.search(before) or _MODIFIER_BEFORE.search(before):
        return True
    prev = [o for o in view.targets if o.label == "DISEASE" and _rel(o, s)[1] <= a and o is not m]
    if prev and depth < 3:
        o = max(prev, key=lambda x: _rel(x, s)[1])
        gap = strip_brackets(view.text[_rel(o, s)[1]:a])
        if LIST_GAP.fullmatch(gap):
            return _context_disease(view, o, depth + 1)
    return False


def _targets_after(view: _Sentence, trig: Trigger, stop: int) -> list[Mention]:
    s = view.s
    cands = [m for m in view.targets if trig.end <= _rel(m, s)[0] < stop]
    out = []
    for m in cands:
        if _is_modifier(view, m, cands):
            continue
        a, b = _rel(m, s)
        # class nouns after 等 / "such as" lists: keep the members only
        if out and re.search(r"等\s*$", view.text[max(0, a - 3):a]):
            continue
        if m.label == "CLASS" and any(0 <= _rel(o, s)[0] - b <= 1 and not view.text[b:_rel(o, s)[0]].strip()
                                      for o in cands):
            continue  # "the chemokine CCL2", "趋化因子CCL2": the member is the target
        if re.match(r"^\s*[(（]\s*(如|例如|包括|such as|e\.g\.)", view.text[b:b + 8]) and \
                any(_rel(o, s)[0] > b and _rel(o, s)[0] - b < 20 for o in cands):
            continue  # "促炎基因(如IL-1β)": the examples are the targets
        out.append(m)
    return _marked_by(view, _first_group(view, out, trig))


_MARKER_BEFORE = re.compile(r"(阳性|[-‐]?positive|\+)\s*$", re.I)
_PROTECT = re.compile(r"保护|protect")
_PROTECTED_FROM = re.compile(r"(免受|免于|against|from)\s*\S{0,6}$")
_RESTORE = re.compile(r"revers|restor|normali[sz]", re.I)


def _marked_by(view: _Sentence, ms: list[Mention]) -> list[Mention]:
    """Each target that counts cells or neurons marked by another target ("TRPV1阳性神经元数量", "GFAP-positive
    cells") stands for the marker: the marker's level is what the count measures."""
    s, out = view.s, []
    for m in ms:
        a = _rel(m, s)[0]
        mark = _MARKER_BEFORE.search(view.text[max(0, a - 10):a])
        marker = next((t for t in view.targets if mark and t is not m and
                       _rel(t, s)[1] == a - len(mark.group(0))), None) if mark else None
        out.append(marker if marker is not None and re.search(r"细胞|神经元|cells?|neurons?", m.text + view.text[_rel(m, s)[1]:_rel(m, s)[1] + 3], re.I) else m)
    return out


#: After a list's comma, a prepositional aside rather than the next item: "X, especially in diabetic conditions",
#: "X, particularly during the acute phase" (litmine curators).
_ASIDE_AFTER_COORD = re.compile(r"(?:especially|particularly|notably|mainly|mostly|primarily|predominantly|even|only)\s+"
                                r"(?:in|under|during|among|at|after|before|following|when|for)\b|"
                                r"(?:during|under|among|following)\b", re.I)


#: What may follow a Chinese list item before the coordinator: the close of the bracket it was named in, and its
#: measure noun ("IL-6水平、", "(FIQ)评分、", "TNF-α的表达量和"); the nouns are the measures Chinese abstracts write
#: after each item of a list of outcomes (litmine curators).
_ZH_MEASURE_AFTER = re.compile(r"^\s*[)）]?\s*的?\s*(水平|含量|表达量?|浓度|活性|评分|得分|积分|分值|指数|值)?(?=\s*(、|和|与|及|以及|或))")


#: The measure noun closing a list item, with up to two qualifier or instrument words before it ("levels",
#: "total scores", "Inventory score", "questionnaire total score"): the item's own words, not a gap between items.
_MEASURE_NOUN = re.compile(r"^\s*(?:(?:total|mean|global|overall|composite|summary|subscale|inventory|questionnaire|"
                           r"index|scale)\s+){0,2}(?:tests?|scores?|scales?|levels?|values?|concentrations?|content|"
                           r"activity|performance|inventory|questionnaire|index)\b", re.I)


def _first_group(view: _Sentence, ms: list[Mention], trig: Trigger) -> list[Mention]:
    """Targets coordinated with the first one after the trigger: separated by a
    coordinator (、 和 与 及 以及 或 , and or) and at most a few words, or listed
    in brackets after "如"/"such as". Repeats of one concept (an abbreviation
    defined in brackets) count once."""
    if not ms:
        return []
    s = view.s
    group = [ms[0]]
    tail = ms[0]  # the last mention of the list so far (a compound's second word included)
    for m in ms[1:]:
        gap = view.text[_rel(tail, s)[1]:_rel(m, s)[0]]
        if m.concept_id == group[-1].concept_id and len(gap) <= 60:
            continue
        if not gap.strip() and m.label == tail.label:
            tail = m
            continue  # "HADS depression, BFI, or ISI scores": one compound item, the list goes on after it
        gap_clean = strip_brackets(_without_context(view, gap, _rel(tail, s)[1]))
        gap_clean = re.sub(r"^\s*(by|of|to)?\s*[~≈]?\d+(\.\d+)?\s*(%|-fold|倍)", "", gap_clean)  # "TNF-α by 41% and IL-1β"
        # the measure noun of the item before ("timed up-and-go tests, and gait speed", "IL-6 levels and IL-1β")
        # and of a named instrument, with up to two qualifier words ("FIQ total scores, STAI", "Anxiety Inventory
        # score, and")
        gap_clean = _MEASURE_NOUN.sub("", gap_clean)
        # the same in Chinese, after the close of a bracket the item ended in: "TNF-α水平、IL-6水平",
        # "纤维肌痛影响问卷(FIQ)评分、疼痛评分" (the bracket's abbreviation is the list's tail)
        gap_clean = _ZH_MEASURE_AFTER.sub("", gap_clean)
        coord = _COORD_GAP.match(gap_clean)
        if coord and _ASIDE_AFTER_COORD.match(gap_clean, coord.end()):
            break  # "precipitates neuropathic pain, especially in diabetic conditions": where, not a second target
        if coord and len(gap_clean) - coord.end() <= 16 and not re.search(r"[。；;]", gap_clean):
            group.append(m)
        elif re.search(r"[(（]\s*(如|例如|包括|such as|e\.g\.)", gap) and len(gap) <= 20:
            group.append(m)
        elif group[-1].label == "CLASS" and re.fullmatch(
                r",?\s*((in|of)\s+[^,;]{1,40},\s*)?(such as|including|e\.g\.,?|namely|like|specifically|particularly|"
                r"especially|notably)\s*", _without_context(view, gap, _rel(tail, s)[1]), re.I):
            group.append(m)  # "pro-inflammatory cytokines such as IL-1β, IL-6 and TNF-α": the class and its members
        else:
            break
        tail = m
    return group


#: A subject followed by an apposition and the verb: "Interleukin-10 (IL-10), an anti-inflammatory cytokine
#: that can reduce nociceptor sensitization, increases ...": ``np`` is the subject, the apposition is skipped.
_APPOSITION = re.compile(r"(?:^|[.;:]\s*|\b(?:and|but|whereas|while)\s+)(?P<np>[^,;()]{2,60}(?:\([^()]{1,20}\))?),\s+"
                         r"(?:an?|the|as (?:measured|assessed|evaluated|determined|quantified|rated) (?:by|with|using|on))"
                         r"\s+[^,;]{2,120},\s*(?:\w+ly\s+)?$", re.I)


_GAP_BREAK = re.compile(r"[,;:]|\b(that|which|who|whereas|while|but|suggesting|indicating)\b", re.I)
#: A prepositional phrase headed by a context or exercise mention (marked "§"): "in the ipsilateral sciatic
#: nerve", "of diabetic rats", "for deep peroneal nerve".
_WHERE_PHRASE = re.compile(r"\b(?:in|of|for|from|within|at|on|among)\s+(?:the\s+|a\s+|an\s+)?(?:[A-Za-z][\w-]*\s+){0,2}"
                           r"§(?:\s*(?:and|or|,)\s*(?:the\s+)?(?:[A-Za-z][\w-]*\s+){0,1}§)*", re.I)


def _gap_length(view: _Sentence, a: int, b: int) -> int:
    """Characters between a target before its verb (ending at ``a``) and the verb (at ``b``), sentence offsets.
    Bracketed statistics do not count ("SCV[(43.2±4.3)m/s, t=3.62]均高于"); in English neither do prepositional
    phrases headed by a tissue, species, model or exercise mention, which say where and in whom the target was
    measured ("the expression of BDNF in the spinal dorsal horn of swimming mice showed a significant increase"),
    unless the gap holds another clause (a comma, "that", "which", "whereas" ...)."""
    gap = strip_brackets(view.text[a:b])
    if view.s.lang != "en" or len(gap) <= 40:
        return len(gap)
    chars = list(view.text[a:b])
    for m in view.context + view.exercises:
        ma, mb = _rel(m, view.s)
        if a <= ma and mb <= b:
            chars[ma - a:mb - a] = "§" + "\0" * (mb - ma - 1)
    bare = strip_brackets("".join(chars).replace("\0", ""))
    if _GAP_BREAK.search(bare):  # "IGF-1, in serum, nerve and muscle suggesting that increase in": another clause
        return len(gap)
    return len(_WHERE_PHRASE.sub("", bare))


def _target_before(view: _Sentence, trig: Trigger, lo: int, used: frozenset = frozenset()) -> list[Mention]:
    """Targets before the trigger in its clause ("CD206表达水平增加",
    "SOD、GPx及CAT活性较DM组分别提高了", "IL-10 levels did not differ"): the
    nearest one within 24 characters (40 in English) of the trigger and the
    targets coordinated with it; targets another trigger already took are skipped."""
    s = view.s
    app = _APPOSITION.search(view.text[:trig.start])
    if app and app.start("np") >= lo - 120:  # "IL-10, an anti-inflammatory cytokine that ..., increases": the head
        heads = [m for m in view.targets if app.start("np") <= _rel(m, s)[0] and _rel(m, s)[1] <= app.end("np")
                 and id(m) not in used]
        if heads:
            return heads[-1:]
    cands = [m for m in view.targets if lo <= _rel(m, s)[0] and _rel(m, s)[1] <= trig.start and id(m) not in used
             and not re.fullmatch(r"\s*在\s*", view.text[_rel(m, s)[1]:trig.start])  # "阿片系统在减轻NP中": an agent
             and not (_OPENING_FRAME.match(view.text[:_rel(m, s)[0]]) and re.match(r"\s*,", view.text[_rel(m, s)[1]:]))]
    cands = [m for m in cands if (not _MODIFIER_AFTER.match(view.text[_rel(m, s)[1]:_rel(m, s)[1] + 16])
                                  and not (m.label == "DISEASE" and
                                           _DISEASE_HEAD_AFTER.match(view.text[_rel(m, s)[1]:_rel(m, s)[1] + 16]))
             or re.match(r"^\s*的?(表达|水平|活性|含量|浓度)", view.text[_rel(m, s)[1]:_rel(m, s)[1] + 6]))
             and not (m.label in ("DISEASE", "CELL_TYPE", "ANATOMY") and
                      _MODIFIER_BEFORE.search(view.text[max(0, _rel(m, s)[0] - 40):_rel(m, s)[0]]))
             and not (m.label == "DISEASE" and _context_disease(view, m))
             # "2型糖尿病周围神经病变": a disease written right before another names whose it is
             and not (m.label == "DISEASE" and any(o.label == "DISEASE" and _rel(o, s)[0] == _rel(m, s)[1] for o in view.targets))]
    if not cands or _gap_length(view, _rel(cands[-1], s)[1], trig.start) > (40 if s.lang == "en" else 32):
        return []
    group = [cands[-1]]
    if group[0].source == "anaphor":  # "This increase was prevented": every target the phrase stands for
        return [m for m in cands if m.source == "anaphor" and m.start == group[0].start]
    if group[0].label == "CLASS" and len(cands) > 1 and \
            not view.text[_rel(cands[-2], s)[1]:_rel(group[0], s)[0]].strip():
        cands = cands[:-1]  # "IL-1β, IL-6 and TNF-α cytokine levels were decreased": the members named before the class
        group = [cands[-1]]
    for m in reversed(cands[:-1]):
        gap = strip_brackets(_without_context(view, view.text[_rel(m, s)[1]:_rel(group[0], s)[0]], _rel(m, s)[1]))
        if m.concept_id == group[0].concept_id:
            group[0] = m  # "过氧化氢酶（CAT）": one target, named twice
            continue
        gap = re.sub(r"^\s*的?(表达|水平|活性|含量|浓度|值|蛋白质?|mRNA|levels?|expression|activity|content)+", "", gap, flags=re.I)
        # a Chinese full name the lexicon lacks, opening the bracket of the next target's abbreviation
        # ("(GSH-Px)、过氧化物酶(CAT)值"): the bracket's remains and the unknown name are part of the list item
        gap = re.sub(r"^\s*[)）]", "", gap)
        gap = re.sub(r"(、|和|与|及|以及|或)\s*[\u4e00-\u9fff]{1,12}\s*[(（]\s*$", r"\1", gap)
        # a tissue the lexicon lacks, in front of the next target ("、腓浅神经SCV"): Chinese anatomy heads
        gap = re.sub(r"(、|和|与|及|以及|或)\s*[\u4e00-\u9fff]{1,5}(神经|神经节|肌|血清|血浆|组织|皮肤)\s*$", r"\1", gap)
        # a bracketed name or abbreviation closes before the coordinator: "growth associated protein 43 (GAP-43) and BDNF"
        if re.fullmatch(r"\s*[)）\]]?\s*(、|和|与|及|以及|或|/|,|，|and|or|as well as|,\s*and)\s*(the\s+)?", gap, re.I):
            group.insert(0, m)
        else:
            break
    return _marked_by(view, group)


_RECOVERY_FROM = re.compile(r"\s+from\s+(?:the\s+|an?\s+)?(?:[\w-]+\s+){0,2}$", re.I)


#: A disorder word ending the written form of a target whose concept is a measure ("运动功能障碍" read as motor
#: function, "睡眠障碍" and "睡眠问题" as sleep quality, "gait disturbance").
_DISORDER_END = re.compile(r"(障碍|紊乱|问题|异常|失调|\bdysfunction|\bdisorders?|\bdisturbances?|\bproblems?)$", re.I)


def _disorder_of_measure(target: Mention, text: str, target_start: int = 0, trigger_start: Optional[int] = None) -> bool:
    """Does the sentence name the disorder of the target's measure rather than the measure: a disorder word ending
    the target's written form (:data:`_DISORDER_END`) or right after it (:data:`cues._DISORDER_AFTER`: "糖代谢紊乱",
    "神经功能障碍"), with a target whose concept is no disease and whose name is no bad-polarity word (the measure:
    motor function, sleep quality, glucose metabolism)? A change of the disorder is then the opposite change of the
    measure. ``target_start``: the target's offset in ``text`` (0: only its own form is read); ``trigger_start``: the
    trigger's, when a word after the target may be the trigger ("痛觉感受减退")."""
    if target.label == "DISEASE" or _BAD_POLARITY.search(target.name):
        return False
    if _DISORDER_END.search(target.text.strip()) and not _DISORDER_END.search(target.name):
        return True
    if not target_start:
        return False
    end = target_start + len(target.text)
    after = _DISORDER_AFTER.match(text[end:end + 4])
    # the word after may be the trigger itself ("痛觉感受减退", "...损伤"): then it is the change, not a disorder
    return bool(after) and not (trigger_start is not None and end <= trigger_start < end + after.end())


def _resolve_direction(trig: Trigger, target: Mention, text: str, lo: int, target_start: int = 0) -> str:
    d = trig.direction
    if target_start and re.fullmatch(r"recover(?:y|ed|s|ing)?", trig.text, re.I) and \
            _RECOVERY_FROM.match(text[trig.end:target_start]):
        return "decrease"  # "enhancing recovery from acute peripheral neuropathy": the neuropathy lessens
    disorder_of_measure = _disorder_of_measure(target, text, target_start, trig.start)
    if d == "improve":
        if disorder_of_measure:
            return "increase"  # "改善糖代谢紊乱", "改善运动功能障碍", "改善睡眠障碍": the measure (the target) gets better
        bad = _BAD_POLARITY.search(target.name + " " + target.text) or target.label == "DISEASE"  # a disease only worsens
        named = target.name + " " + target.text
        if _SHORTER_BETTER_LATENCY.search(named) and not _PAIN_TEST.search(named) and \
                not _LONGER_BETTER_LATENCY.search(named):
            return "decrease"  # "improved F-wave latency": a nerve's latency shortens
        # a threshold, or the body's own pain control ("improved conditioned pain modulation"), rises as it improves
        return "decrease" if bad and not _THRESHOLD.search(target.name) and not _ANTI_PAIN.search(target.name) \
            else "increase"
    if disorder_of_measure and d in ("increase", "decrease"):
        d = "decrease" if d == "increase" else "increase"  # "减轻运动功能障碍": less disorder, more of the measure
    if _PROTECT.match(trig.text) and _PROTECTED_FROM.search(text[trig.end:target_start]):
        return "decrease"  # "保护神经组织免受氧化损伤"
    if trig.text in ("逆转", "reverse", "reversed", "reverses", "reversing", "reversal") and \
            re.search(r"(下降|降低|减少|丢失|缺失|loss|decrease|reduction|deficit)", text[lo:trig.start]):
        return "increase"
    if _RESTORE.match(trig.text) and target.text and target.text in text[:trig.start]:
        # "the level of FRAP in the CCI group was lower than in sham rats, and exercise reversed FRAP toward the control
        # level": the change the sentence stated for the same target before the verb is undone
        states = list(re.finditer(r"\b(lower|decreased|reduced|diminished|declined|less|higher|increased|elevated|"
                                  r"enhanced|greater|raised)\b", text[max(0, trig.start - 200):trig.start], re.I))
        if states:
            down = states[-1].group(1).lower() in ("lower", "decreased", "reduced", "diminished", "declined", "less")
            return "increase" if down else "decrease"
    return d


def _pain_effect(direction: str, name: str) -> str:
    """``relieves``, ``worsens`` or ``none``: what a change of the target ``name`` means for pain. A higher
    nociceptive threshold or latency relieves; more of the body's pain control (descending inhibition, pain
    modulation) relieves; a higher pain measure worsens; a threshold or latency of no pain test and
    every other target are ``none``."""
    if direction not in ("increase", "decrease"):
        return "none"
    if _THRESHOLD.search(name):
        if not _PAIN_TEST.search(name):
            return "none"
        return "relieves" if direction == "increase" else "worsens"
    if _ANTI_PAIN.search(name):
        return "relieves" if direction == "increase" else "worsens"
    if _PAIN.search(name):
        return "relieves" if direction == "decrease" else "worsens"
    return "none"


def _has_target_before(view: _Sentence, trig: Trigger, lo: int) -> bool:
    s = view.s
    return any(lo <= _rel(m, s)[0] and _rel(m, s)[1] <= trig.start for m in view.targets)


_TOPIC_EN = re.compile(r"^\s*(?:(?:results?|findings)\s*[:：]\s*)?(?:for|regarding|with regard to|as for|as to|in terms of|"
                       r"concerning|with respect to)\s+(?:the\s+)?", re.I)
_TOPIC_ZH = re.compile(r"^\s*\S{0,2}?(?:的)?(?:方面|而言|评估结果显示|检测结果显示|测试结果显示|结果显示|结果表明)")


def topic_target(view: _Sentence, trig: Trigger) -> list[Mention]:
    """The outcome a sentence announces as its topic before the first comma, for a trigger
    after it that names no target of its own: "For the mechanical withdrawal threshold, rats in
    the exercised group exhibited higher thresholds …", "机械性痛觉阈值评估结果显示, … SCI-TT组阈值
    明显高于SCI-Sed组", "在疼痛方面, …"."""
    s, text = view.s, view.text
    comma = re.search(r"[,，]", text)
    if comma is None or trig.start < comma.end():
        return []
    head = [m for m in view.targets if _rel(m, s)[1] <= comma.start()]
    if not head:
        return []
    if s.lang == "en":
        m = _TOPIC_EN.match(text)
        return [t for t in head if m and 0 <= _rel(t, s)[0] - m.end() <= 2][:1]
    return [t for t in head if _TOPIC_ZH.match(text[_rel(t, s)[1]:comma.start()])][-1:]
