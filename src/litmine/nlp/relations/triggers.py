"""Trigger words and phrases with a direction, found in a sentence and filtered to predicates.
"""
from __future__ import annotations

import functools
import re

import ahocorasick
from dataclasses import dataclass
from typing import Optional
from ..first_chars import first_char_guard, fold, required_literals
from .clauses import _rel, clause_bounds
from .cues import (_IDIOM_RX, _ANALGESIA, _COMPARE_RX, _COUNTER, _EN_TRIGGERS, _NOMINAL_DOWN, _NOMINAL_UP, _NO_CHANGE_RX,
                   _PASSIVE, _STATE_DOWN, _STATE_UP, _ZH_TRIGGERS, COMPARATIVES, NO_CHANGE)
from .view import _Sentence

@dataclass(frozen=True)
class Trigger:
    """A trigger occurrence: offsets into the sentence text."""

    start: int
    end: int
    direction: str
    text: str


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation of the literal ``words`` (lower case, longest first) folded into a prefix
    tree: ``reduce reduced reduces`` -> ``reduce(?:d|s)?``. It matches what ``"|".join(words)``
    matches, and the same text at each position: the words that fit the text at a position are
    prefixes of one another, and both try them longest first (the tree ends a word only after the
    longer words through it). ``re`` then compares a few letters at each word start where the flat
    alternation tried every word."""
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in node.items() if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        if "" in node:  # a word ends here: the longer ones through this node first, then none
            return body + "?" if len(alts) > 1 or len(alts[0]) == 1 else "(?:" + body + ")?"
        return body
    return emit(trie)


def _compile_triggers():
    zh = sorted(((w, d) for d, ws in _ZH_TRIGGERS.items() for w in ws.split()), key=lambda x: -len(x[0]))
    en = sorted(((w, d) for d, ws in _EN_TRIGGERS.items() for w in ws.split()), key=lambda x: -len(x[0]))
    # a plain alternation of literals (longest first): re scans it by its first characters; one
    # named group per word made it a hundred times slower
    zh_rx = re.compile("|".join(re.escape(w) for w, _ in zh))
    # every English trigger starts with a letter: the look-ahead lets re skip other positions fast;
    # the words as a prefix tree (same matches as the flat alternation, a few letters tried per word start)
    en_rx = re.compile(r"\b(?=[A-Za-z])(" + _trie_pattern([w.lower() for w, _ in en]) + r")\b", re.I)
    zh_map: dict[str, str] = {}
    for w, d in zh:
        zh_map.setdefault(w, d)  # the first listed direction of a word
    return zh, zh_rx, dict((w.lower(), d) for w, d in en), en_rx, zh_map


_ZH_LIST, _ZH_RX, _EN_MAP, _EN_RX, _ZH_MAP = _compile_triggers()


_ARROW_RX = re.compile(r"([↑↓])")


_FOLD_RX = re.compile(r"(是|为|达到?)\S{0,8}?(组|对照|control)\S{0,2}的\s*(?P<x>\d+(\.\d+)?)\s*倍"
                      r"|(?P<x2>\d+(\.\d+)?)[- ]fold (of|that of) (the )?(sedentary|control|vehicle|sham|model)")


#: The Chinese comparative "比 X 低/高": a bare adjective at the end of its clause, after 比 and what it is compared with.
_BI_ADJ_RX = re.compile(r"(?<![对无])比(?!较|例|值|率)[^，,；;。比]{1,30}?(?P<adj>[低高少多短长])(?=\s*[，,；;。(（]|\s*$)")


# single-character Chinese triggers only as verbs before a noun phrase: 降/减/增 need a following target
_WEAK_ZH = {"降", "减", "增"}


#: The subject of a no-change phrase that is an effect: its persistence, not an absence of change.
_EFFECT_SUBJECT = re.compile(r"\b(effects?|improvements?|benefits?|reductions?|analgesia|amelioration|relief)\s+$|"
                             r"(作用|效果|效应|改善|镇痛作用)\s*$", re.I)


_HAN_CHAR = re.compile(r"[\u4e00-\u9fff]")


def _han_free(entries) -> list:
    """Of ``(item, pattern)`` pairs, those whose pattern can match in a text without Han characters, as ``(item,
    words, ignorecase)``: ``words`` (a tuple, or None for no gate) are the words one of which every match holds
    (first_chars.required_literals); a pattern whose every word holds a Han character can only match where one
    occurs, and is left out."""
    out = []
    for item, rx in entries:
        words = required_literals(rx)
        if words is not None and all(_HAN_CHAR.search(w) for w in words):
            continue
        # an empty word is in every text: no gate
        out.append((item, None if words is None or "" in words else tuple(sorted(words)), bool(rx.flags & re.I)))
    return out


def _holds(words, present: frozenset, present_icase: frozenset, icase: bool) -> bool:
    """Does the text hold one of ``words``, given the gate words it holds (``present``, and ``present_icase`` of
    its fold for an IGNORECASE pattern; :func:`_words_in`)? ``words`` None: yes."""
    return words is None or not (present_icase if icase else present).isdisjoint(words)


def _word_automata(*lists) -> tuple:
    """Two Aho-Corasick automata (pyahocorasick) of the gate words of the ``_han_free`` entry lists: those of
    case-sensitive patterns and those of IGNORECASE ones (looked for in the text's fold); None for an empty set."""
    out = []
    for want_icase in (False, True):
        words = {w for entries in lists for _item, ws, icase in entries if ws and icase == want_icase for w in ws}
        if not words:
            out.append(None)
            continue
        auto = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
        for w in words:
            auto.add_word(w, w)
        auto.make_automaton()
        out.append(auto)
    return tuple(out)


def _words_in(auto, hay: str) -> frozenset:
    """The words of automaton ``auto`` that occur in ``hay`` (overlapping occurrences count: the same set as
    testing ``w in hay`` for each word)."""
    if auto is None:
        return frozenset()
    return frozenset(w for _end, w in auto.iter(hay))


#: For a text without Han characters: the entries of the no-change and comparative cue lists (cues.NO_CHANGE,
#: cues.COMPARATIVES; one alternative each of _NO_CHANGE_RX and _COMPARE_RX, both IGNORECASE), the idioms, the
#: fold and 比 patterns that can match in it, with their words.
_NO_CHANGE_LATIN = _han_free((p, re.compile(p, re.I)) for p in NO_CHANGE)
_COMPARE_LATIN = _han_free((p, re.compile(p, re.I)) for p in COMPARATIVES)
_IDIOM_LATIN = _han_free(((rx, d), rx) for rx, d in _IDIOM_RX)
_SINGLE_LATIN = _han_free((rx, rx) for rx in (_BI_ADJ_RX, _FOLD_RX))
_GATE_WORDS, _GATE_WORDS_ICASE = _word_automata(_NO_CHANGE_LATIN, _COMPARE_LATIN, _IDIOM_LATIN, _SINGLE_LATIN)


@functools.lru_cache(maxsize=1024)
def _alternation(patterns: tuple[str, ...]) -> re.Pattern:
    """The alternation of some entries of a cue list, in list order (IGNORECASE, first characters guarded)."""
    return first_char_guard(re.compile("|".join(patterns), re.I))


def _cue_rx(entries, n: int, full: re.Pattern, present: frozenset, present_icase: frozenset) -> Optional[re.Pattern]:
    """``full`` (the alternation of the ``n`` entries of a cue list) with only the ``entries`` (``_han_free`` of
    the list) whose words the Han-free ``text`` holds: the same matches, as an entry that matches nowhere in the
    text wins at no position; None when no entry can match."""
    kept = tuple(p for p, words, icase in entries if _holds(words, present, present_icase, icase))
    if len(kept) == n:
        return full
    return _alternation(kept) if kept else None


def find_triggers(text: str) -> list[Trigger]:
    """Trigger occurrences in a sentence, left to right, non-overlapping.

    No-change phrases and comparatives are found first; single-character
    Chinese verbs (降, 减, 增) only count inside words the list lacks.
    """
    found: list[Trigger] = []

    def free(a, b):
        return not any(a < t.end and t.start < b for t in found)

    if _HAN_CHAR.search(text):  # the whole lists: most of their entries can match
        no_change, compare, idioms, singles = _NO_CHANGE_RX, _COMPARE_RX, _IDIOM_RX, (_BI_ADJ_RX, _FOLD_RX)
    else:  # no Han character: only the entries and patterns that can match, and of them those whose words occur
        present, present_icase = _words_in(_GATE_WORDS, text), _words_in(_GATE_WORDS_ICASE, fold(text))
        no_change = _cue_rx(_NO_CHANGE_LATIN, len(NO_CHANGE), _NO_CHANGE_RX, present, present_icase)
        compare = _cue_rx(_COMPARE_LATIN, len(COMPARATIVES), _COMPARE_RX, present, present_icase)
        idioms = [item for item, words, icase in _IDIOM_LATIN if _holds(words, present, present_icase, icase)]
        singles = tuple(rx for rx, words, icase in _SINGLE_LATIN if _holds(words, present, present_icase, icase))
    for m in (no_change.finditer(text) if no_change is not None else ()):
        if _EFFECT_SUBJECT.search(text[max(0, m.start() - 30):m.start()]):
            continue  # "this effect remained stable", "the improvement was similar at 6 months": the effect lasted
        found.append(Trigger(m.start(), m.end(), "no_change", m.group(0)))
    for m in (compare.finditer(text) if compare is not None else ()):
        if m.group(0) == ">" and not re.search(r"[A-Za-z\u4e00-\u9fff]\s*>\s*[A-Za-z\u4e00-\u9fff]", text[max(0, m.start() - 2):m.end() + 2]):
            continue
        if free(m.start(), m.end()):
            found.append(Trigger(m.start(), m.end(), "better_than", m.group(0)))
    for rx, d in idioms:  # "beneficial for", "management of", "play a role in", 有助于
        for m in rx.finditer(text):
            if free(m.start(), m.end()):
                found.append(Trigger(m.start(), m.end(), d, m.group(0)))
    for m in _ZH_RX.finditer(text):
        w = m.group(0)
        if w in _WEAK_ZH:
            continue
        if free(m.start(), m.end()):
            d = _ZH_MAP[w]
            found.append(Trigger(m.start(), m.end(), d, w))
    for m in _EN_RX.finditer(text):
        if free(m.start(), m.end()):
            found.append(Trigger(m.start(), m.end(), _EN_MAP[m.group(0).lower()], m.group(0)))
    for m in (_BI_ADJ_RX.finditer(text) if _BI_ADJ_RX in singles else ()):  # "两组ODI评分均比干预前低", "…分比对照组的(16.14±3.42)分低"
        a = m.start("adj")
        if free(a, a + 1):
            found.append(Trigger(a, a + 1, "decrease" if m.group("adj") in "低少小短" else "increase", m.group("adj")))
    for m in (_FOLD_RX.finditer(text) if _FOLD_RX in singles else ()):  # "是模型组的1.9倍", "was 2.3-fold that of"
        if free(m.start(), m.end()):
            value = float(m.group("x") or m.group("x2"))
            if value != 1.0:
                found.append(Trigger(m.start(), m.end(), "increase" if value > 1 else "decrease", m.group(0)))
    for m in _ARROW_RX.finditer(text):
        found.append(Trigger(m.start(), m.end(), "decrease" if m.group(0) == "↓" else "increase", m.group(0)))
    return sorted(found, key=lambda t: t.start)


#: After a Chinese verb, an object that ends in a study noun: the verb names what the studies are about.
_STUDY_OF = re.compile(r"[^，,；;。]{0,20}?的\s*(?:随机对照|临床|对照|动物|实验|相关|系统|干预)?\s*(?:试验|研究|文献|报道|RCT|"
                       r"Meta分析|meta分析|荟萃分析|系统评价|综述)")


#: What follows 平衡 when it is the noun "balance" (a measure) rather than the verb "to balance": litmine curators.
_BALANCE_NOUN = re.compile(r"(指标|功能|能力|性|测试|检测|评估|训练|练习|仪|量表|评分|得分|控制|参数|障碍|感|觉|稳定|水平)")


# the patterns of usable_triggers, compiled once (it runs for every trigger of every sentence)
_HAN = re.compile(r"[\u4e00-\u9fff]")
_NAME_PART_AFTER = re.compile(r"(因子|剂|子(?!宫))")
_NOT_SIGNIFICANT_AFTER = re.compile(r"\s*(均|都|并|也)?\s*(不显著|不明显|无统计学意义|未达到?统计学意义)")
_OR_BEFORE = re.compile(r"(\d\s*or|\bor)\s*$", re.I)
_CAUSE_VERB = re.compile(r"(induced|caused|evoked|triggered|elicited|provoked)$", re.I)
_BY_AFTER = re.compile(r"\s+by\b")
_CLAUSE_WORD = re.compile(r"\b(was|were|is|are|been|and|which|that)\b")
_ADJECTIVE_VERB = re.compile(r"(affected|induced|caused|evoked|altered|changed)$", re.I)
_DETERMINER_BEFORE = re.compile(r"\b(a|an|the|this|its|their|each|both)\s+(\w+ly\s+)?$", re.I)
_BY_IN_WITH_AFTER = re.compile(r"\s+(by|in|with)\b", re.I)
_CAUSE_NOUN = re.compile(r"causes?|trigger|precipitate", re.I)
_OF_AFTER = re.compile(r"\s+of\b", re.I)
_BASELINE_AFTER = re.compile(r"\s*(baseline|基线)", re.I)
_HYPHEN_ING = re.compile(r"[-–—‐]\w+ing$")
_ATTACHED = re.compile(r"[-–—‐](induced|mediated|evoked|related|dependent|activated|reduced|elevated)$", re.I)
_CHANGE_NOUN_AFTER = re.compile(r"\s+(increase|elevation|rise|upregulation|up-regulation|reduction|decrease|decline|"
                                r"downregulation|down-regulation|loss)\b", re.I)


def usable_triggers(triggers: list[Trigger], text: str, view: "_Sentence") -> list[Trigger]:
    """Drop trigger words that are not predicates here: inside a mention
    ("chemotherapy-induced", "balance" training), attributive Chinese verbs
    ("诱导的", "引起的"), and nominal ones after 的 ("小胶质细胞的激活") when
    the clause already has a verb trigger before them."""
    spans = [_rel(m, view.s) for m in view.all]
    out: list[Trigger] = []
    for t in triggers:
        if out and t.start < out[-1].end:
            continue  # already part of a combined trigger
        if any(a <= t.start and t.end <= b for a, b in spans) and t.text not in "↑↓":
            continue
        han = _HAN.match(t.text) is not None
        if han and _NAME_PART_AFTER.match(text[t.end:t.end + 2]):
            continue  # part of a name: 转录激活因子 (activator), 抑制剂 (inhibitor), 增强子 (enhancer)
        if han and _STUDY_OF.match(text, t.end):
            continue  # "纳入有关八段锦治疗糖尿病的随机对照试验": the topic of the studies pooled, no finding
        if not han and in_proper_name(text, t.start, t.end):
            continue  # "the Postural Restoration Institute", "Patient Global Impression of Improvement": a name
        if t.text == "平衡" and (_BALANCE_NOUN.match(text, t.end) or re.search(r"(静态|动态|身体|姿势|站立)$", text[:t.start])):
            continue  # "各项平衡指标", "静态平衡能力": balance, the measure, not a verb "to balance"
        if han and text[t.end:t.end + 1] == "的" and t.direction != "better_than" \
                and not text.startswith("的趋势", t.end):
            continue
        if t.direction == "modulate" and han and text[t.start - 1:t.start] == "的" \
                and _NOT_SIGNIFICANT_AFTER.match(text[t.end:t.end + 14]):
            out.append(Trigger(t.start, t.end, "no_change", t.text))  # "运动对血清BDNF的影响不显著": no change
            continue
        if t.direction == "modulate" and han and text[t.start - 1:t.start] == "的" \
                and view.s.kind != "caption":
            continue  # "运动对NP治疗的影响": the topic of a study, not a finding (a caption's title states one)
        if _OR_BEFORE.search(text[max(0, t.start - 6):t.start]) and \
                t.text.lower() in ("more", "less", "fewer", "higher", "lower", "greater"):
            continue  # "scoring 4 or more"
        if _CAUSE_VERB.match(t.text) and \
                _BY_AFTER.match(text[t.end:]) and not any(
                    m.label == "EXERCISE" and 0 <= _rel(m, view.s)[0] - t.end <= 24 and
                    not _CLAUSE_WORD.search(text[t.end:_rel(m, view.s)[0]])
                    for m in view.all):
            continue  # "NP induced by nerve injury": the cause of the condition, not an exercise effect
        if _ADJECTIVE_VERB.match(t.text) and \
                _DETERMINER_BEFORE.search(text[max(0, t.start - 24):t.start]) \
                and not _BY_IN_WITH_AFTER.match(text[t.end:]):
            continue  # "in the affected nerve", "a traumatically induced neuropathy": an adjective, not the verb
        if _CAUSE_NOUN.fullmatch(t.text) and (_OF_AFTER.match(text, t.end) or _DETERMINER_BEFORE.search(text[max(0, t.start - 24):t.start])):
            continue  # "a potential cause of the allodynia", "the main causes": the noun, not the verb
        if _BASELINE_AFTER.match(text[t.end:t.end + 10]):
            continue  # "higher baseline IL-6": a characteristic, not an effect
        if _HYPHEN_ING.match(text[t.start - 1:t.end]) and text[t.start - 2:t.start - 1].isalnum():
            continue  # "inflammation-promoting cytokines", "glucose-lowering drugs": an adjective, not the verb
        attached = _ATTACHED.match(text[t.start - 1:t.end])
        if attached and not any(m.label == "EXERCISE" and _rel(m, view.s)[1] == t.start - 1 for m in view.all):
            continue  # "CCI-induced allodynia": a modifier, not a finding
        if attached:
            noun = _CHANGE_NOUN_AFTER.match(text[t.end:])
            if noun:  # "the exercise-induced rise in PWT": the exercise raises PWT
                up = bool(_NOMINAL_UP.match(noun.group(1)))
                out.append(Trigger(t.start, t.end + noun.end(), "increase" if up else "decrease", t.text))
                continue
            nxt_m = min((m for m in view.targets if _rel(m, view.s)[0] >= t.end), key=lambda m: m.start, default=None)
            if not (nxt_m and _ANALGESIA.search(nxt_m.name) and _rel(nxt_m, view.s)[0] - t.end <= 2):
                t = Trigger(t.start, t.end, "modulate", t.text)  # "exercise-induced X": an effect without direction
        if han and text[t.start - 1:t.start] == "的":
            lo, _ = clause_bounds(text, t.start, "zh")
            if any(lo <= o.start < t.start and o.direction != "better_than" and text[o.start - 1:o.start] != "的"
                   for o in out):
                continue
        out.append(t)
    return _merge_nominal_changes(out, text)


_TITLE_WORD = re.compile(r"[A-Z][a-z]+")
_WORD = re.compile(r"[A-Za-z][A-Za-z'-]*")


def in_proper_name(text: str, start: int, end: int) -> bool:
    """Whether the English word ``text[start:end]`` is a word of a capitalised name (an institute, a method, an
    instrument: "the Postural Restoration Institute", "Patient Global Impression of Improvement") rather than a
    verb or noun of change: it is capitalised, not the sentence's first word nor the first after a colon or a
    bracket, a capitalised word (not an acronym) stands right before or after it (or before its "of", "for",
    "and", "on"), and the sentence is not written
    in title case (a title's words are all capitalised: "Treadmill Exercise Reduces Pain" keeps its verb).
    Source: litmine curators, from exercise trial abstracts naming programmes and scales."""
    word = text[start:end]
    if not _TITLE_WORD.match(word):
        return False
    before = text[:start].rstrip()
    if not before or before[-1] in ".:;([{\"'“—–-":
        return False
    prev = _WORD.findall(before[-40:])
    nxt = _WORD.match(text[end:].lstrip()) if text[end:end + 1] == " " else None
    neighbour = (prev and before.endswith(prev[-1]) and _TITLE_WORD.fullmatch(prev[-1])) or \
        (nxt and _TITLE_WORD.fullmatch(nxt.group(0))) or \
        (len(prev) >= 2 and prev[-1] in ("of", "for", "and", "on") and _TITLE_WORD.fullmatch(prev[-2]))
    if not neighbour:
        return False
    words = [w for w in _WORD.findall(text) if len(w) > 3]
    lower = sum(1 for w in words if w[:1].islower())
    return len(words) - lower <= 2 * lower


_ADVERB_GAP = re.compile(r"\s+(\w+ly\s+)?")
_LESS = re.compile(r"less|more slowly", re.I)
_NOUN_GAP = re.compile(r"\s*((in|of)\s+)?(the|an?|this|these|that|such|its)?\s*([\w-]+-(induced|evoked|related|associated)\s+)?",
                       re.I)
_ARTICLE_BEFORE = re.compile(r"\b(the|an?|this|its)\s+$", re.I)


#: Verbs that undo a loss named by the change noun after them: "reversed / abrogated / prevented / attenuated the
#: paclitaxel-induced reduction in X" keeps X up (an increase against the untreated injury).
_UNDOES = re.compile(r"revers|restor|normali|abrogat|abolish|prevent|counteract|attenuat|blunt|mitigat|逆转|恢复", re.I)


def _merge_nominal_changes(triggers: list[Trigger], text: str) -> list[Trigger]:
    """Fold a change noun into the verb acting on it.

    * verb + noun: "normalised the injury-induced increase in BDNF" -> one
      ``decrease`` trigger (reducing or reversing an increase is a decrease;
      reversing or restoring a loss is an increase);
    * noun ... passive verb: "The increase in X ... was blunted", "X的激活受到抑制"
      -> the noun is dropped and the verb (taking X before it) decides.
    """
    triggers = _drop_partial_repeats(triggers, text)
    out: list[Trigger] = []
    skip = False
    for i, t in enumerate(triggers):
        if skip:
            skip = False
            continue
        nxt = triggers[i + 1] if i + 1 < len(triggers) else None
        between = text[t.end:nxt.start] if nxt is not None else ""
        if nxt is not None and _COUNTER.match(t.text) and _state(nxt.text) and re.fullmatch(
                r"\s*(the|an?|this|these|its|their)?\s*([\w-]+-(induced|evoked|related|associated)\s+)?", between, re.I):
            out.append(Trigger(t.start, nxt.end, _opposite(_state(nxt.text)), t.text))
            skip = True
            continue  # "reversed the decreased KCC2", "normalised elevated IL-6": the verb undoes the state
        if nxt is not None and t.direction in ("increase", "decrease") and \
                _ADVERB_GAP.fullmatch(between) and _LESS.fullmatch(nxt.text):
            out.append(Trigger(t.start, nxt.end, _opposite(t.direction), t.text))
            skip = True  # "symptoms increased less in the exercisers than in usual care": relatively lowered
            continue
        if nxt is not None and re.match(r"[\u4e00-\u9fff]", t.text) and _nominal(t.text) and \
                re.fullmatch(r"逆转|恢复|纠正|阻断|抑制|减轻|改善", nxt.text) and len(between) <= 24 and \
                re.search(r"(得到了?|被|受到|获得)\S{0,8}$", between) and not re.search(r"[，,；;。]", between):
            # "三叉神经病变引起的GPx下降在2周游泳运动后得到了逆转", "BDNF升高被跑台运动逆转": the change undone
            out.append(Trigger(nxt.start, nxt.end, _opposite(_nominal(t.text)), nxt.text))
            skip = True
            continue
        prior = out[-1] if out else None
        if prior is not None and _COUNTER.match(t.text) and (_state(prior.text) and attributive(text, prior.start)
                                                             or _nominal(prior.text)) and \
                re.search(r"(\b(which|that)\s+)?\b(was|were|been|is|are)\s+(\w+ly\s+)?$", text[max(prior.end, t.start - 30):t.start], re.I) \
                and t.start - prior.end <= 200 and not re.search(r"[;；。]", text[prior.end:t.start]):
            out[-1] = Trigger(t.start, t.end, _opposite(_state(prior.text) or _nominal(prior.text)), t.text)
            continue  # "reduced GDNF in injured mice, which was reversed by swimming"
        if nxt is not None and t.direction in ("decrease", "modulate") and _NOUN_GAP.fullmatch(between):
            if _NOMINAL_UP.match(nxt.text):
                out.append(Trigger(t.start, nxt.end, "decrease", t.text))
                skip = True
                continue
            if _NOMINAL_DOWN.match(nxt.text) and _UNDOES.match(t.text):
                out.append(Trigger(t.start, nxt.end, "increase", t.text))
                skip = True
                continue
        nominal = (_HAN.match(t.text) and text[t.start - 1:t.start] == "的") or \
            _ARTICLE_BEFORE.search(text[max(0, t.start - 6):t.start])
        if nominal and nxt is not None and nxt.direction == "better_than" and len(between) <= 12:
            continue  # "对PWT的改善效果优于...": the comparison is the finding
        if nominal and nxt is not None and 0 < len(between) <= 80 and not re.search(r"[，,；;。]", between) and \
                _PASSIVE.search(text[max(t.end, nxt.start - 24):nxt.start]):
            if re.match(r"maintain|sustain|persist|preserv|维持|保持|持续", nxt.text, re.I):
                out.append(t)  # "the reduction in leg pain was maintained": the reduction is the finding
                skip = True
                continue
            if _COUNTER.match(nxt.text) and (_state(t.text) or _nominal(t.text)):
                out.append(Trigger(nxt.start, nxt.end, _opposite(_state(t.text) or _nominal(t.text)), nxt.text))
                skip = True  # "the elevated IL-1β levels were normalised by running": undone, so decreased
            continue  # the noun is the patient of the passive verb that follows
        out.append(t)
    return out


def _state(word: str) -> str | None:
    """``increase``/``decrease`` for a participle describing a changed state ("elevated", "reduced"), else None."""
    return "increase" if _STATE_UP.match(word) else "decrease" if _STATE_DOWN.match(word) else None


def _nominal(word: str) -> str | None:
    """``increase``/``decrease`` for a change noun ("elevation", "loss", "下降"), else None."""
    return "increase" if _NOMINAL_UP.match(word) else "decrease" if _NOMINAL_DOWN.match(word) else None


def _opposite(direction: str) -> str:
    return {"increase": "decrease", "decrease": "increase"}.get(direction, direction)


_PARTIAL = re.compile(r"\s*,?\s*(but|yet)\s+((did|does|do|could|was|were)\s+)?not\s+(fully|completely|totally|entirely|"
                      r"significantly\s+)?\s*$|\s*,?\s*(but|yet)\s+failed\s+to\s+(fully|completely)?\s*$", re.I)


def _drop_partial_repeats(triggers: list[Trigger], text: str) -> list[Trigger]:
    """Drop the second verb of "A but did not (fully) B" when A and B share a direction: "mitigated but did not
    fully reverse X", "attenuated but did not abolish X" state a partial effect of A on X, not a negated one."""
    out: list[Trigger] = []
    for t in triggers:
        prev = out[-1] if out else None
        if prev is not None and prev.direction == t.direction and prev.direction in ("increase", "decrease") and \
                _PARTIAL.fullmatch(text[prev.end:t.start]):
            out[-1] = Trigger(prev.start, t.end, prev.direction, prev.text)  # A's span now reaches its object
            continue
        out.append(t)
    return out


_ATTRIBUTIVE_BEFORE = re.compile(r"(^|\b(show|shows|showed|shown|demonstrated?|revealed?|exhibited|displayed|had|has|have|"
                                 r"with|of|the|an?|in|and|or|whereas|while|significantly|markedly|also)\s+|[,(;:]\s*)$", re.I)


def attributive(text: str, start: int) -> bool:
    """True when the participle at ``start`` describes a noun ("showed reduced GDNF", "the elevated IL-6") rather
    than being the clause's verb ("running reduced GDNF"): judged by the word before it."""
    return bool(_ATTRIBUTIVE_BEFORE.search(text[max(0, start - 24):start]))
