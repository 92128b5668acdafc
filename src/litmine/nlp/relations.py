"""Exercise -> effect relations from tagged sentences, in Chinese and English.

``extract_relations(sentences, mentions, dlex) -> list[Relation]`` runs, per
sentence of kind body/caption/table (never headings, front matter, figure
labels or reference lists):

1. **Triggers** (:data:`TRIGGERS`): verbs and nouns with a direction
   (decrease / increase / modulate / no_change / improve, the last resolved by
   the target's polarity), comparisons (优于, "more effective than", ``A>B``)
   and table arrows (``Pain↓``, ``ADL↑``).
2. **Targets** of a trigger: target-type mentions after it up to the end of its
   clause or the next trigger, coordinated by 和/及/与/、/and/or/commas (one
   relation each); when none follow, the nearest one before it in the clause
   (``CD206表达水平增加``, ``TNF-α was reduced``). Modifiers are skipped
   (``疼痛相关的PACAP``, ``小胶质细胞中促炎因子``), class nouns after 等/such as
   are dropped, and the measured aspect (mRNA, protein, expression, level,
   activity, phosphorylation, activation, polarization, release) is kept.
3. **Exercise** subject: the nearest exercise mention before the trigger
   (after it for passives such as ``...在2周游泳运动后得到了逆转``), with its
   qualifier (short-term, long-term, acute, regular, high-/low-frequency,
   high-/moderate-intensity) and coordination (``有氧运动与阻力训练`` ->
   ``aerobic+resistance``; ``跑台运动和游泳训练`` -> two relations). A sentence
   without one that continues the previous sentence of its paragraph
   (此外/同时/该研究还/It also/Moreover...) carries that sentence's exercise.
   A trigger whose agent is a drug or antagonist (``被纳洛酮逆转``,
   ``reversed by naloxone``) gives no exercise relation.
4. **Negation and hedging** cues (:data:`NEGATION`, :data:`HEDGES`) in the
   trigger's clause set flags; they never drop a relation.
5. **Context**: model, species, tissue from the clause, else the sentence,
   else (for carried subjects) the previous sentence; protocol parts bound to
   the exercise (``6周跑台训练``) or in the sentence.
6. **Outcome polarity**: ``pain_effect`` is ``relieves`` for a decrease of
   pain/allodynia/hyperalgesia or an increase of a withdrawal threshold or
   latency, ``worsens`` for the opposite, else ``none``.

Confidence (documented rule): 0.9 when the exercise is in the trigger's
clause, 0.75 when elsewhere in the sentence, 0.6 when carried; minus 0.1 when
the target is more than 40 characters from the trigger; times 0.8 when hedged.
"""
from __future__ import annotations

import bisect
import functools
import re
from collections import Counter
from dataclasses import dataclass, replace
from typing import Iterable, Optional

from ..types import Mention, Protocol, Relation, Sentence
from .protocol import find_protocol_parts, summarise
from .tagger import DocumentLexicon

RELATION_VERSION = "litmine.relations.v1"

TARGET_LABELS = {
    "CYTOKINE", "CHEMOKINE", "RECEPTOR", "ION_CHANNEL", "NEUROTROPHIC_FACTOR", "ENZYME",
    "OXIDATIVE_MARKER", "NEUROTRANSMITTER", "NEUROPEPTIDE", "GENE_OR_PROTEIN", "SIGNALING",
    "PROCESS", "CELL_TYPE", "CELL_STATE", "DISEASE", "OUTCOME", "CLASS", "HORMONE",
}
CONTEXT_LABELS = {"ANIMAL_MODEL", "SPECIES", "ANATOMY"}

# --- trigger lexicon (litmine curators; directions as in the gold schema) ----
_ZH_TRIGGERS = {
    "decrease": "降低 减少 抑制 下调 减轻 缓解 逆转 阻断 减弱 下降 降至 降 减 消除 预防 阻止 拮抗 防止 遏制 减缓 平息 "
                "缩短 减慢 回落 低于 少于",
    "increase": "提高 增加 上调 促进 激活 增强 恢复 升高 提升 上升 增多 加速 诱导 加重 加剧 维持 保护 引发 导致 增 "
                "回升 升至 延长 加快 增大 发挥 产生 高于 多于",
    "modulate": "调节 调控 影响 改变 平衡 调整 作用于",
    "improve": "改善 有效改善",
}
_EN_TRIGGERS = {
    "decrease": "reduce reduced reduces reducing reduction decrease decreased decreases decreasing suppress suppressed "
                "suppresses suppressing suppression inhibit inhibited inhibits inhibiting inhibition attenuate "
                "attenuated attenuates attenuating attenuation down-regulate down-regulated down-regulates "
                "downregulate downregulated downregulates downregulation down-regulation alleviate alleviated "
                "alleviates alleviating alleviation reverse reversed reverses reversing reversal blunt blunted "
                "blunts prevent prevented prevents preventing lower lowered lowers diminish diminished diminishes "
                "relieve relieved relieves relieving relief shortened shorten fell fall falls declined decline "
                "declines dropped lower less fewer smaller limit limited limits mitigate mitigated mitigates abolish abolished "
                "abolishes counteract counteracted lessen lessened dampen dampened block blocked blocks "
                "ameliorate ameliorated ameliorates ameliorating",
    "increase": "increase increased increases increasing elevate elevated elevates elevation enhance enhanced "
                "enhances enhancing enhancement up-regulate up-regulated up-regulates upregulate upregulated "
                "upregulates upregulation up-regulation promote promoted promotes promoting activate activated "
                "activates activating activation restore restored restores restoring restoration raise raised "
                "raises boost boosted boosts augment augmented augments stimulate stimulated stimulates induce "
                "induced induces accelerate accelerated accelerates facilitate facilitated facilitates potentiate "
                "potentiated exacerbate exacerbated exacerbates aggravate aggravated aggravates worsen worsened "
                "worsens preserve preserved preserves protect protected protects maintain maintained prolonged prolong prolongs lengthened "
                "rose rise rises higher greater more better larger recovery recovered rescued exert exerted exerts produce produced produces",
    "modulate": "modulate modulated modulates modulating modulation regulate regulated regulates regulating "
                "regulation affect affected affects alter altered alters influence influenced influences "
                "balance balanced normalize normalise normalised normalized normalises normalizes",
    "improve": "improve improved improves improving improvement",
}
NO_CHANGE = [
    r"(没有|未|并未|无|不)(明显|显著)?(改变|变化|影响|差异)", r"无(明显|显著)?(差异|变化|改变|影响)",
    r"未见(明显|显著)?(变化|改变|差异|影响)", r"并无差异", r"未发生(明显|显著)?(变化|改变)",
    r"(无|没有)统计学(意义的)?差异", r"差异不显著", r"均?未改变",
    r"(did|does|do) not (significantly |measurably )?(alter|change|affect|modify|influence|differ)",
    r"(had|has|have|showed?|exerted|produced) no (significant |measurable |detectable )?(effect|influence|impact|change)s?",
    r"(no|not) (significant(ly)? |measurable )?(change|difference|effect)s?( (in|on|between))?",
    r"\bno evidence that\b", r"did not (observe|detect|find|see) (any|an?) (significant )?(effect|change|difference)s?", r"\bunchanged\b", r"\bunaffected\b", r"\bdid not differ\b", r"\b(were|was|remained) (similar|comparable)\b",
    r"\b(were|was|is|are) not (significantly )?(altered|changed|affected|different)\b",
    r"\bremained (unaltered|unchanged|similar|stable)\b",
]
#: After a trigger, these make the stated change not significant: negated.
NOT_SIGNIFICANT = re.compile(
    r"未达到?统计学(意义|显著性?)|差异无统计学意义|无统计学意义|不显著|"
    r"(did not|failed to|does not) reach (statistical )?significance|not (statistically )?significant", re.I)
COMPARATIVES = [r"优于", r"好于", r"强于", r"胜于", r"比.{1,12}?更(有效|好|显著|明显)",
                r"(幅度|效果|作用|增幅|降幅|改善)\S{0,2}?(更大|更为?显著|更为?明显|更好|大于)", r"更为明显",
                r"more effective(ly)? than", r"superior to", r"favou?red", r"in favou?r of", r"better than", r"outperform(ed|s)?",
                r"(greater|larger|more pronounced|stronger) (improvement|reduction|decrease|increase|effect|benefit)s?",
                r"(improvement|reduction|decrease|effect|benefit) was (greater|larger|more pronounced)",
                r"(?<![<>=])>(?!=)"]
#: Negation cues, searched just before the trigger in its clause.
NEGATION = [r"而非", r"\brather than\b", r"\binstead of\b", r"未能?", r"没有", r"不能", r"不可", r"无法", r"并未", r"并没有", r"无(显著|明显)", r"不(?!仅|但|同|断|良|少|足|完全)",
            r"\bnot\b", r"\bno\b", r"\bfailed to\b", r"\bneither\b", r"\bnor\b", r"\bwithout\b", r"\bnever\b",
            r"\bcannot\b", r"n't\b"]
#: Hedging cues, searched in the trigger's clause (and the sentence's opening).
HEDGES = [r"可能", r"或许", r"也许", r"提示", r"暗示", r"推测", r"似乎", r"有望",
          r"\bmay\b", r"\bmight\b", r"\bcould\b", r"\bsuggest(s|ed|ing)?\b", r"\bpossibl[ey]\b",
          r"\bpotentially\b", r"\blikely\b", r"\bappear(s|ed)? to\b", r"\bseem(s|ed)? to\b", r"\bputative\b"]
_CONTINUATION = re.compile(
    r"^\s*(此外|另外|同时|并且|而且|该研究还|该研究|研究还|该方案|这一|其|而|且|它|还|两组|两种|二者|两者|then\b|it\b|"
    r"neither\b|both\b|"
    r"moreover\b|furthermore\b|in addition\b|additionally\b|also\b|similarly\b|likewise\b|besides\b)", re.I)
_GROUP_REF = re.compile(r"两组|两种(运动|训练)|各(运动|训练)组|\b(both|either|neither) (of the )?(exercise |training )?"
                        r"(arm|group|programme|program|intervention|modalit(y|ies)|protocol|paradigm|regimen)s?\b", re.I)
_ADDITIVE = re.compile(r"亦|也|同样|\b(also|likewise|similarly|too)\b", re.I)
_INTERPRETIVE = re.compile(r"^\s*(这|此|该|these|this|it|which)?\s*\S{0,6}?\s*(表明|提示|说明|意味着|证实|suggests?|indicates?|shows?|implies|means)", re.I)
_QUALIFIERS = [
    (r"短期|短时间|short[- ]term", "short-term"), (r"长期|长时间|long[- ]term|chronic", "long-term"),
    (r"急性|一次性?|单次|acute|single[- ]bout", "acute"), (r"规律|有规律|regular", "regular"),
    (r"高频|high[- ]frequency", "high-frequency"), (r"低频|low[- ]frequency", "low-frequency"),
    (r"高强度|剧烈|high[- ]intensity|vigorous", "high-intensity"),
    (r"中等强度|中强度|moderate[- ]intensity|moderate", "moderate-intensity"),
    (r"低强度|low[- ]intensity", "low-intensity"),
]
_COMPONENT_EXERCISES = {"aerobic", "resistance", "balance", "stretch", "stretching", "flexibility"}
_COMBINE_CUES = re.compile(r"结合|联合|相结合|combined|combination|\+|plus|multicomponent|多组分")
_MODIFIER_AFTER = re.compile(r"^\s*(相关的?|介导的?|诱导的?|引起的?|依赖的?|导致的?|中的?|内的?|所致|源性|"
                             r"模型|患者|病人|大鼠|小鼠|动物|人群|组|标志物|向|后|\+|"
                             r"-?related|-?mediated|-?induced|-?dependent|-?derived|-?associated|"
                             r"models?\b|patients\b|rats\b|mice\b|animals\b|groups?\b|markers?\b)")
_ASPECTS = [
    (r"mRNA", "mRNA"), (r"蛋白|protein", "protein"), (r"磷酸化|phosphorylat\w*", "phosphorylation"),
    (r"极化|polari[sz]\w*", "polarization"), (r"激活|活化|activation", "activation"),
    (r"活性|activity|activities", "activity"), (r"表达|expression|expressed", "expression"),
    (r"水平|含量|浓度|levels?|concentrations?|content", "level"), (r"释放|分泌|release|secretion", "release"),
    (r"密度|数量|density|number", "density"), (r"患病率|发病率|发生率|prevalence|incidence", "prevalence"),
]
_BAD_POLARITY = re.compile(
    r"pain|allodynia|hyperalgesia|hypersensitivity|sensitization|inflammation|inflammatory|oxidative|ROS|"
    r"lipid peroxidation|MDA|symptom|damage|injury|apoptosis|VAS|NRS|MNSI|score|neuropathy|prevalence|"
    r"fatigue|depression|anxiety|disability|ODI|疼痛|痛|炎症|损伤|症状|氧化应激|凋亡|功能障碍|障碍|恐惧|焦虑|抑郁|失眠", re.I)
_EXERT = {"发挥", "产生", "exert", "exerted", "exerts", "produce", "produced", "produces"}
_ANALGESIA = re.compile(r"^(analgesia|exercise-induced hypoalgesia|hypoalgesia|antinociception)$")
_THRESHOLD = re.compile(r"threshold|latency|阈值|潜伏期|tolerance|耐受", re.I)
_PAIN = re.compile(r"pain|allodynia|hyperalgesia|hypersensitivity|nocicept|VAS|NRS|疼痛|痛", re.I)
_DRUG_AGENT = re.compile(r"(被|经|用|给予|by|with)\s*$|拮抗剂|antagonist", re.I)


@dataclass(frozen=True)
class Trigger:
    """A trigger occurrence: offsets into the sentence text."""

    start: int
    end: int
    direction: str
    text: str


def _compile_triggers():
    zh = sorted(((w, d) for d, ws in _ZH_TRIGGERS.items() for w in ws.split()), key=lambda x: -len(x[0]))
    en = sorted(((w, d) for d, ws in _EN_TRIGGERS.items() for w in ws.split()), key=lambda x: -len(x[0]))
    zh_rx = re.compile("|".join(f"(?P<z{i}>{re.escape(w)})" for i, (w, _) in enumerate(zh)))
    en_rx = re.compile(r"\b(" + "|".join(re.escape(w) for w, _ in en) + r")\b", re.I)
    return zh, zh_rx, dict((w.lower(), d) for w, d in en), en_rx


_ZH_LIST, _ZH_RX, _EN_MAP, _EN_RX = _compile_triggers()
_NO_CHANGE_RX = re.compile("|".join(NO_CHANGE), re.I)
_COMPARE_RX = re.compile("|".join(COMPARATIVES), re.I)
_NEG_RX = re.compile("|".join(NEGATION), re.I)
_HEDGE_RX = re.compile("|".join(HEDGES), re.I)
_ARROW_RX = re.compile(r"([↑↓])")
_FOLD_RX = re.compile(r"(是|为|达到?)\S{0,8}?(组|对照|control)\S{0,2}的\s*(?P<x>\d+(\.\d+)?)\s*倍"
                      r"|(?P<x2>\d+(\.\d+)?)[- ]fold (of|that of) (the )?(sedentary|control|vehicle|sham|model)")
# single-character Chinese triggers only as verbs before a noun phrase: 降/减/增 need a following target
_WEAK_ZH = {"降", "减", "增"}


def find_triggers(text: str) -> list[Trigger]:
    """Trigger occurrences in a sentence, left to right, non-overlapping.

    No-change phrases and comparatives are found first; single-character
    Chinese verbs (降, 减, 增) only count inside words the list lacks.
    """
    found: list[Trigger] = []

    def free(a, b):
        return not any(a < t.end and t.start < b for t in found)

    for m in _NO_CHANGE_RX.finditer(text):
        found.append(Trigger(m.start(), m.end(), "no_change", m.group(0)))
    for m in _COMPARE_RX.finditer(text):
        if m.group(0) == ">" and not re.search(r"[A-Za-z\u4e00-\u9fff]\s*>\s*[A-Za-z\u4e00-\u9fff]", text[max(0, m.start() - 2):m.end() + 2]):
            continue
        if free(m.start(), m.end()):
            found.append(Trigger(m.start(), m.end(), "better_than", m.group(0)))
    for m in _ZH_RX.finditer(text):
        w = m.group(0)
        if w in _WEAK_ZH:
            continue
        if free(m.start(), m.end()):
            d = next(d for ww, d in _ZH_LIST if ww == w)
            found.append(Trigger(m.start(), m.end(), d, w))
    for m in _EN_RX.finditer(text):
        if free(m.start(), m.end()):
            found.append(Trigger(m.start(), m.end(), _EN_MAP[m.group(0).lower()], m.group(0)))
    for m in _FOLD_RX.finditer(text):  # "是模型组的1.9倍", "was 2.3-fold that of"
        if free(m.start(), m.end()):
            value = float(m.group("x") or m.group("x2"))
            if value != 1.0:
                found.append(Trigger(m.start(), m.end(), "increase" if value > 1 else "decrease", m.group(0)))
    for m in _ARROW_RX.finditer(text):
        found.append(Trigger(m.start(), m.end(), "decrease" if m.group(0) == "↓" else "increase", m.group(0)))
    return sorted(found, key=lambda t: t.start)


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
        if re.match(r"[\u4e00-\u9fff]", t.text) and text[t.end:t.end + 1] == "的" and t.direction != "better_than" \
                and not text.startswith("的趋势", t.end):
            continue
        if t.direction == "modulate" and re.match(r"[\u4e00-\u9fff]", t.text) and text[t.start - 1:t.start] == "的" \
                and view.s.kind != "caption":
            continue  # "运动对NP治疗的影响": the topic of a study, not a finding (a caption's title states one)
        if re.search(r"(\d\s*or|\bor)\s*$", text[max(0, t.start - 6):t.start], re.I) and \
                t.text.lower() in ("more", "less", "fewer", "higher", "lower", "greater"):
            continue  # "scoring 4 or more"
        if re.match(r"\s*(baseline|基线)", text[t.end:t.end + 10], re.I):
            continue  # "higher baseline IL-6": a characteristic, not an effect
        attached = re.match(r"-(induced|mediated|evoked|related|dependent|activated|reduced|elevated)$",
                            text[t.start - 1:t.end], re.I)
        if attached and not any(m.label == "EXERCISE" and _rel(m, view.s)[1] == t.start - 1 for m in view.all):
            continue  # "CCI-induced allodynia": a modifier, not a finding
        if attached:
            noun = re.match(r"\s+(increase|elevation|rise|upregulation|up-regulation|reduction|decrease|decline|"
                            r"downregulation|down-regulation|loss)\b", text[t.end:], re.I)
            if noun:  # "the exercise-induced rise in PWT": the exercise raises PWT
                up = bool(_NOMINAL_UP.match(noun.group(1)))
                out.append(Trigger(t.start, t.end + noun.end(), "increase" if up else "decrease", t.text))
                continue
            nxt_m = min((m for m in view.targets if _rel(m, view.s)[0] >= t.end), key=lambda m: m.start, default=None)
            if not (nxt_m and _ANALGESIA.search(nxt_m.name) and _rel(nxt_m, view.s)[0] - t.end <= 2):
                t = Trigger(t.start, t.end, "modulate", t.text)  # "exercise-induced X": an effect without direction
        if re.match(r"[\u4e00-\u9fff]", t.text) and text[t.start - 1:t.start] == "的":
            lo, _ = clause_bounds(text, t.start, "zh")
            if any(lo <= o.start < t.start and o.direction != "better_than" and text[o.start - 1:o.start] != "的"
                   for o in out):
                continue
        out.append(t)
    return _merge_nominal_changes(out, text)


_NOMINAL_UP = re.compile(r"^(increase|elevation|rise|upregulation|up-regulation|overexpression|accumulation|"
                         r"增加|升高|上调|增多|过度表达|积累)$", re.I)
_NOMINAL_DOWN = re.compile(r"^(decrease|reduction|loss|decline|downregulation|down-regulation|depletion|"
                           r"下降|降低|减少|下调|丢失|缺失)$", re.I)
_PASSIVE = re.compile(r"(受到|被|得到|遭到|(was|were|is|are|been)\s+(\w+ly\s+)?)$", re.I)


def _merge_nominal_changes(triggers: list[Trigger], text: str) -> list[Trigger]:
    """Fold a change noun into the verb acting on it.

    * verb + noun: "normalised the injury-induced increase in BDNF" -> one
      ``decrease`` trigger (reducing or reversing an increase is a decrease;
      reversing or restoring a loss is an increase);
    * noun ... passive verb: "The increase in X ... was blunted", "X的激活受到抑制"
      -> the noun is dropped and the verb (taking X before it) decides.
    """
    out: list[Trigger] = []
    skip = False
    for i, t in enumerate(triggers):
        if skip:
            skip = False
            continue
        nxt = triggers[i + 1] if i + 1 < len(triggers) else None
        between = text[t.end:nxt.start] if nxt is not None else ""
        if nxt is not None and t.direction in ("decrease", "modulate") and re.fullmatch(
                r"\s*(the|an?|this|its)?\s*([\w-]+-(induced|evoked|related|associated)\s+)?", between, re.I):
            if _NOMINAL_UP.match(nxt.text):
                out.append(Trigger(t.start, nxt.end, "decrease", t.text))
                skip = True
                continue
            if _NOMINAL_DOWN.match(nxt.text) and re.match(r"revers|restor|normali|逆转|恢复", t.text, re.I):
                out.append(Trigger(t.start, nxt.end, "increase", t.text))
                skip = True
                continue
        nominal = (re.match(r"[\u4e00-\u9fff]", t.text) and text[t.start - 1:t.start] == "的") or \
            re.search(r"\b(the|an?|this|its)\s+$", text[max(0, t.start - 6):t.start], re.I)
        if nominal and nxt is not None and nxt.direction == "better_than" and len(between) <= 12:
            continue  # "对PWT的改善效果优于...": the comparison is the finding
        if nominal and nxt is not None and 0 < len(between) <= 80 and not re.search(r"[，,；;。]", between) and \
                _PASSIVE.search(text[max(t.end, nxt.start - 24):nxt.start]):
            if re.match(r"maintain|sustain|persist|preserv|维持|保持|持续", nxt.text, re.I):
                out.append(t)  # "the reduction in leg pain was maintained": the reduction is the finding
                skip = True
                continue
            continue  # the noun is the patient of the passive verb that follows
        out.append(t)
    return out


_CLAUSE_EN = re.compile(r";|,\s*(?:which|while|whereas|but|thereby|thus|suggesting|indicating|although)\b|\.\s")
_CLAUSE_ZH = re.compile(r"[，,；;。]")


@functools.lru_cache(maxsize=256)
def _clause_cuts(text: str, lang: str) -> tuple[int, ...]:
    """Clause boundaries of a sentence (computed once per sentence)."""
    rx = _CLAUSE_EN if lang == "en" else _CLAUSE_ZH
    depth = 0
    bracket = [0] * (len(text) + 1)
    for i, c in enumerate(text):
        if c in "([（【":
            depth += 1
        bracket[i] = depth
        if c in ")]）】":
            depth = max(0, depth - 1)
    return (0, *(m.end() for m in rx.finditer(text) if bracket[m.start()] == 0), len(text))


def clause_bounds(text: str, pos: int, lang: str) -> tuple[int, int]:
    """``(start, end)`` of the clause around ``pos``: Chinese clauses end at
    ，,；;。 (commas inside brackets do not count), English ones at ; and at
    ", which/while/whereas/but/thereby/thus/suggesting/indicating"."""
    cuts = _clause_cuts(text, "en" if lang == "en" else "zh")
    i = bisect.bisect_right(cuts, pos)
    return cuts[i - 1], (cuts[i] if i < len(cuts) else len(text))


def _rel(m: Mention, s: Sentence) -> tuple[int, int]:
    return m.start - s.start, m.end - s.start


def _aspect(text: str, a: int, b: int) -> Optional[str]:
    after = text[b:b + 10]
    before = text[max(0, a - 22):a]
    for rx, name in _ASPECTS:
        if re.match(r"^\s*(的|\s)?\s*(" + rx + ")", after, re.I) or \
                re.search(r"(" + rx + r")\s+(of|in)\s+(the\s+)?$", before, re.I):
            return name
    return None


_QUALIFIER_RX = "|".join(rx for rx, _ in _QUALIFIERS)
_COORD_QUALIFIERS = re.compile(
    rf"({_QUALIFIER_RX})\s*([(（][^()（）]*[)）])?\s*(和|与|以及|及|或|、|and|or)\s*({_QUALIFIER_RX})\s*([(（][^()（）]*[)）])?\s*的?\s*$",
    re.I)


def _qualified(q: str, base: str) -> str:
    """``long-term`` + ``exercise`` -> ``long-term exercise``; intensity words
    qualify only generic exercise or aerobic training ("high-intensity treadmill" stays treadmill)."""
    if base.startswith(q):
        return base
    if base == "exercise" or q.endswith("frequency") or q in ("short-term", "long-term", "acute", "regular"):
        return f"{q} {base}"
    if q.endswith("intensity") and base in ("exercise", "aerobic", "training"):
        return f"{q} {base}"
    return base


def _qualifier(fragment: str) -> Optional[str]:
    return next((q for rx, q in _QUALIFIERS if re.fullmatch(f"({rx})", fragment, re.I)), None)


def _exercise_names(m: Mention, text: str, rel_start: int) -> list[str]:
    """Canonical name(s) of an exercise mention with the qualifier written before it:
    ``长期运动`` -> ``["long-term exercise"]``; coordinated qualifiers give one name
    each: ``短期和长期运动`` -> ``["short-term exercise", "long-term exercise"]``,
    ``高频(每周5天)以及低频(每周3天)的跑台运动`` -> high- and low-frequency treadmill."""
    lead = re.match(f"({_QUALIFIER_RX})", m.text, re.I)  # the lexicon form may carry it: "长期运动"
    window = text[max(0, rel_start - 40):rel_start] + (lead.group(0) if lead else "")
    co = _COORD_QUALIFIERS.search(window)
    if co:
        qs = [_qualifier(co.group(1)), _qualifier(co.group(4))]
        if all(qs):
            base = re.sub(r"^(short-term|long-term|acute|regular|high-frequency|low-frequency|high-intensity|"
                          r"moderate-intensity|low-intensity) ", "", m.name)
            return [_qualified(q, base) for q in qs]
    before = text[max(0, rel_start - 14):rel_start]
    before = re.sub(r"[(（][^()（）]*[)）]\s*$", "", before)  # "高频(每周5天)的跑台运动"
    before = re.sub(r"(的|\d+\s*(周|天|个月|weeks?|days?|months?)|[\s~\-–]|\d)+$", "", before)
    for rx, q in _QUALIFIERS:
        if re.search(f"({rx})$", before, re.I) or re.match(f"^({rx})", m.text, re.I):
            return [_qualified(q, m.name)]
    return [m.name]


def _exercise_name(m: Mention, text: str, rel_start: int) -> str:
    """The first of :func:`_exercise_names`."""
    return _exercise_names(m, text, rel_start)[0]


class _Sentence:
    """Per-sentence view: mentions split by role, offsets relative to the sentence."""

    def __init__(self, s: Sentence, mentions: list[Mention]):
        self.s = s
        self.text = s.text
        exercises = [m for m in mentions if m.label == "EXERCISE" and not _motor_sense(s.text, m, s)]
        # "high-intensity interval training (HIIT; ...)": the bracketed repeat is not a second exercise
        self.exercises = [m for i, m in enumerate(exercises) if not (
            i and exercises[i - 1].concept_id == m.concept_id and
            re.fullmatch(r"\s*[(（]\s*", s.text[exercises[i - 1].end - s.start:m.start - s.start]))]
        self.targets = [m for m in mentions if m.label in TARGET_LABELS]
        self.context = [m for m in mentions if m.label in CONTEXT_LABELS]
        self.protocol = find_protocol_parts(s.text)  # ProtocolPart, offsets into the sentence
        self.drugs = [m for m in mentions if m.label == "DRUG"]
        self.all = mentions
        self.continues = False  # opens with 此外/It also...: may carry the previous sentence's exercise
        self.caption = ""       # for table rows: the table's caption
        self.earlier: list["_Sentence"] = []  # earlier sentences of the paragraph, nearest first


def _motor_sense(text: str, m: Mention, s: Sentence) -> bool:
    """运动 in 运动神经元/运动功能/运动皮层 means motor, not exercise."""
    a, b = _rel(m, s)
    return m.text in ("运动",) and bool(re.match(r"(神经|皮层|皮质|功能|障碍|协调|单位|区|感觉|诱发电位|能力|传导)", text[b:b + 4]))


def _nearest(mentions: list[Mention], s: Sentence, pos: int, before: bool) -> Optional[Mention]:
    cands = [m for m in mentions if (_rel(m, s)[1] <= pos if before else _rel(m, s)[0] >= pos)]
    if not cands:
        return None
    return max(cands, key=lambda m: m.start) if before else min(cands, key=lambda m: m.start)


def _coordinated_exercises(view: _Sentence, anchor: Mention) -> list[Mention]:
    """The exercise mentions coordinated with ``anchor`` (A和B, A与B, A、B and B)."""
    s = view.s
    group = [anchor]
    ex = sorted(view.exercises, key=lambda m: m.start)
    i = ex.index(anchor)
    j = i - 1
    while j >= 0:
        gap = view.text[_rel(ex[j], s)[1]:_rel(group[0], s)[0]]
        gap = re.sub(r"[(（][^()（）]*[)）]", "", gap)
        gap = re.sub(r"\d+\s*[~\-–～至到]?\s*\d*\s*(周|天|个月|weeks?|days?|months?)\s*的?", "", gap)
        gap = re.sub(r"(高频|低频|短期|长期|高强度|中等强度|低强度|的|组|\bgroups?\b|\barms?\b)", "", gap)
        if re.fullmatch(r"\s*(和|与|及|以及|或|、|,|，|and|or|plus|as well as|,\s*and)\s*", gap, re.I):
            group.insert(0, ex[j])
            j -= 1
        else:
            break
    return group


def _combine(group: list[Mention], text: str, s: Sentence, names: list[str]) -> list[list[int]]:
    """Split a coordination into relations: one combined program, or one each."""
    if len(group) == 1:
        return [[0]]
    if len({id(g) for g in group}) == 1:  # one mention, coordinated qualifiers: one relation each
        return [[i] for i in range(len(group))]
    a = _rel(group[0], s)[0]
    b = _rel(group[-1], s)[1]
    window = text[max(0, a - 8):min(len(text), b + 8)]
    base = {n.split()[-1] for n in names}
    if _COMBINE_CUES.search(window) or base <= _COMPONENT_EXERCISES:
        return [list(range(len(group)))]
    return [[i] for i in range(len(group))]


def _protocol_for(view: _Sentence, ex: Mention, lo: int, hi: int) -> Protocol:
    """Protocol parts bound to exercise ``ex`` (just before it, or in brackets
    right after it) first, then those of the clause ``[lo, hi)``, then the rest
    of the sentence; "2 weeks after injury" fills ``timing``, never ``duration``."""
    s = view.s
    a, b = _rel(ex, s)
    parts = list(view.protocol)

    def rank(p):
        if 0 <= a - p.end <= 3 or 0 <= p.start - b <= 2:
            return 0
        return 1 if lo <= p.start < hi else 2
    proto = summarise(sorted(parts, key=rank))
    if proto.duration is None:  # stated earlier in the paragraph for the same exercise
        for v in view.earlier:
            if any(e.concept_id == ex.concept_id for e in v.exercises):
                durations = [p for p in v.protocol if p.kind == "DURATION"]
                if durations:
                    d = summarise(durations)
                    proto.duration, proto.duration_days_min, proto.duration_days_max = \
                        d.duration, d.duration_days_min, d.duration_days_max
                    break
    return proto


def _context(view: _Sentence, label: str, lo: int, hi: int, dlex: DocumentLexicon) -> tuple[Optional[str], str]:
    """Model (ANIMAL_MODEL, else DISEASE), SPECIES or ANATOMY for a relation:
    from the trigger's clause ``[lo, hi)``, else the sentence, else the nearest
    earlier sentence of the same paragraph. Returns ``(name, where)``."""
    def pool(v: _Sentence) -> list[Mention]:
        if label == "MODEL":
            return [m for m in v.context if m.label == "ANIMAL_MODEL"] + [m for m in v.targets if m.label == "DISEASE"]
        return [m for m in v.context if m.label == label]
    s = view.s
    here = pool(view)
    clause = [m for m in here if lo <= _rel(m, s)[0] < hi]
    for found, where in ((clause, "clause"), (here, "sentence")):
        if found:
            return _display(found[0], dlex), where
    for v in view.earlier:
        found = pool(v)
        if found:
            return _display(found[0], dlex), "paragraph"
    return None, ""


def _display(m: Mention, dlex: DocumentLexicon) -> str:
    """Canonical name, with the document's own abbreviation when it defines one."""
    short = dlex.short_form(m.concept_id)
    if short and short.lower() not in m.name.lower():
        return f"{m.name} ({short})"
    return m.name


_MODIFIER_BEFORE = re.compile(r"((patients|participants|people|individuals|subjects|adults|women|men|rats|mice|"
                              r"animals|those) with|患有|伴有?)\s*(painful\s+)?$|(-positive|\+|阳性)\s*$", re.I)


def _is_modifier(view: _Sentence, m: Mention, targets: list[Mention]) -> bool:
    """Is ``m`` context for another noun rather than a target? ("疼痛相关的PACAP",
    "SNI模型", "patients with DPN", "ATF3-positive neurons", "小胶质细胞的极化")"""
    s = view.s
    a, b = _rel(m, s)
    if _MODIFIER_BEFORE.search(view.text[max(0, a - 24):a]) and m.label in ("DISEASE", "CELL_TYPE", "ANATOMY"):
        return True
    if m.label == "DISEASE" and re.match(r"[^，,。；;并而且和与及、]{0,10}?(患者|病人)", view.text[b:b + 14]):
        return True  # "腰椎间盘突出症伴神经根痛患者": the patients' diagnosis
    after = view.text[b:b + 8]
    if _MODIFIER_AFTER.match(after):
        return True
    # possessive before another target: 小胶质细胞的抗炎极化
    nxt = [t for t in targets if 0 <= _rel(t, s)[0] - b <= 3 and t is not m]
    return bool(nxt) and m.label in ("CELL_TYPE", "DISEASE") and re.match(r"^\s*的?\s*$", view.text[b:_rel(nxt[0], s)[0]])


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
    return _first_group(view, out, trig)


_COORD_GAP = re.compile(r"^\s*(、|和|与|及其?|以及|或|/|,|，|;|and|or|as well as|plus|but not)\s*(the\s+)?", re.I)


def _first_group(view: _Sentence, ms: list[Mention], trig: Trigger) -> list[Mention]:
    """Targets coordinated with the first one after the trigger: separated by a
    coordinator (、 和 与 及 以及 或 , and or) and at most a few words, or listed
    in brackets after "如"/"such as". Repeats of one concept (an abbreviation
    defined in brackets) count once."""
    if not ms:
        return []
    s = view.s
    group = [ms[0]]
    for m in ms[1:]:
        gap = view.text[_rel(group[-1], s)[1]:_rel(m, s)[0]]
        if m.concept_id == group[-1].concept_id and len(gap) <= 60:
            continue
        gap_clean = re.sub(r"[(（][^()（）]*[)）]", "", gap)
        gap_clean = re.sub(r"^\s*(by|of|to)?\s*[~≈]?\d+(\.\d+)?\s*(%|-fold|倍)", "", gap_clean)  # "TNF-α by 41% and IL-1β"
        coord = _COORD_GAP.match(gap_clean)
        if coord and len(gap_clean) - coord.end() <= 16 and not re.search(r"[。；;]", gap_clean):
            group.append(m)
        elif re.search(r"[(（]\s*(如|例如|包括|such as|e\.g\.)", gap) and len(gap) <= 20:
            group.append(m)
        else:
            break
    return group


def _target_before(view: _Sentence, trig: Trigger, lo: int, used: frozenset = frozenset()) -> list[Mention]:
    """Targets before the trigger in its clause ("CD206表达水平增加",
    "SOD、GPx及CAT活性较DM组分别提高了", "IL-10 levels did not differ"): the
    nearest one within 24 characters (40 in English) of the trigger and the
    targets coordinated with it; targets another trigger already took are skipped."""
    s = view.s
    cands = [m for m in view.targets if lo <= _rel(m, s)[0] and _rel(m, s)[1] <= trig.start and id(m) not in used]
    cands = [m for m in cands if (not _MODIFIER_AFTER.match(view.text[_rel(m, s)[1]:_rel(m, s)[1] + 8])
             or re.match(r"^\s*的?(表达|水平|活性|含量|浓度)", view.text[_rel(m, s)[1]:_rel(m, s)[1] + 6]))
             and not (m.label in ("DISEASE", "CELL_TYPE", "ANATOMY") and
                      _MODIFIER_BEFORE.search(view.text[max(0, _rel(m, s)[0] - 24):_rel(m, s)[0]]))]
    if not cands or trig.start - _rel(cands[-1], s)[1] > (40 if s.lang == "en" else 32):
        return []
    group = [cands[-1]]
    for m in reversed(cands[:-1]):
        gap = re.sub(r"[(（][^()（）]*[)）]", "", view.text[_rel(m, s)[1]:_rel(group[0], s)[0]])
        if m.concept_id == group[0].concept_id:
            group[0] = m  # "过氧化氢酶（CAT）": one target, named twice
            continue
        if re.fullmatch(r"\s*(、|和|与|及|以及|或|/|,|，|and|or|as well as|,\s*and)\s*(the\s+)?", gap, re.I):
            group.insert(0, m)
        else:
            break
    return group


def _resolve_direction(trig: Trigger, target: Mention, text: str, lo: int, target_start: int = 0) -> str:
    d = trig.direction
    if d == "improve":
        return "decrease" if _BAD_POLARITY.search(target.name + target.text) and not _THRESHOLD.search(target.name) else "increase"
    if re.match(r"保护|protect", trig.text) and re.search(r"(免受|免于|against|from)\s*\S{0,6}$", text[trig.end:target_start]):
        return "decrease"  # "保护神经组织免受氧化损伤"
    if trig.text in ("逆转", "reverse", "reversed", "reverses", "reversing", "reversal") and \
            re.search(r"(下降|降低|减少|丢失|缺失|loss|decrease|reduction|deficit)", text[lo:trig.start]):
        return "increase"
    return d


def _pain_effect(direction: str, name: str) -> str:
    if direction not in ("increase", "decrease"):
        return "none"
    if _THRESHOLD.search(name):
        return "relieves" if direction == "increase" else "worsens"
    if _PAIN.search(name):
        return "relieves" if direction == "decrease" else "worsens"
    return "none"


def _flags(text: str, lo: int, trig: Trigger, lang: str, nxt: int | None = None) -> tuple[bool, bool]:
    window = text[max(lo, trig.start - (8 if lang != "en" else 30)):trig.start]
    negated = bool(_NEG_RX.search(window)) and trig.direction != "no_change"
    after = text[trig.end:nxt if nxt is not None else len(text)]
    ns = NOT_SIGNIFICANT.search(after[:120])
    if ns and re.search(r"(组间|between[- ]groups?|between the groups)\s*(差异|differences?)?\s*$",
                        after[:ns.start()], re.I):
        ns = None  # the within-group change stands; only the comparison is not significant
    if trig.direction != "no_change" and ns:
        negated = True  # "IL-6虽有下降趋势, 但差异无统计学意义", "the increase ... did not reach significance"
    if re.search(r"不仅|不但|not only", window, re.I):
        negated = False
    # double negative: "不能不", "not without" -> affirmative
    if len(_NEG_RX.findall(window)) >= 2:
        negated = False
    hedged = bool(_HEDGE_RX.search(text[lo:trig.start])) or bool(
        re.match(r"\s*(这|此|该|结果|研究)?\s*(提示|推测|暗示|these (data|results|findings) suggest|this suggests)",
                 text, re.I))
    return negated, hedged


_AGENT_LABELS = {"DISEASE", "DRUG", "CELL_TYPE", "PROCESS", "CYTOKINE", "NEUROTROPHIC_FACTOR", "OXIDATIVE_MARKER",
                 "NEUROTRANSMITTER", "NEUROPEPTIDE", "RECEPTOR", "ENZYME", "GENE_OR_PROTEIN", "SIGNALING", "CLASS"}


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
    return bool(after) and bool(re.fullmatch(
        r"\s*(本身|itself|themselves)?\s*(也|亦|还|also)?\s*(可|能|能够|会|可以|可能|may|can|could)?\s*(通过\S{0,12}|直接)?\s*", gap))


def _excluded(view: _Sentence, ex: Mention) -> bool:
    """An exercise set aside by "but not" / "rather than" / "而非" ("HIIT, but not MICT, increased X")."""
    a = _rel(ex, view.s)[0]
    return bool(re.search(r"(but not|rather than|instead of|unlike|而非|而不是|不同于)\s*(the\s+)?\S{0,12}$",
                          view.text[max(0, a - 24):a], re.I))


def _has_target_before(view: _Sentence, trig: Trigger, lo: int) -> bool:
    s = view.s
    return any(lo <= _rel(m, s)[0] and _rel(m, s)[1] <= trig.start for m in view.targets)


_CONTROL = re.compile(r"对照|常规护理|常规治疗|模型组|假手术|安静组|久坐|usual care|control|sedentary|sham|placebo|"
                      r"waitlist|wait-list|baseline|基线", re.I)
_ANTAGONIST = re.compile(r"拮抗剂|阻断剂|抑制剂|中和抗体|抗体|antagonist|blocker|inhibitor|neutrali[sz]ing antibod", re.I)


def _antagonised_analgesia(view: _Sentence, trig: Trigger, stop: int) -> Optional[Mention]:
    """The exercise's analgesia a reversal trigger acts on ("阻断运动的镇痛作用",
    "reversed the antiallodynic effect of running"), or ``None``."""
    if trig.direction != "decrease" or not _REVERSAL.match(trig.text):
        return None
    s = view.s
    for m in view.targets:
        a = _rel(m, s)[0]
        if trig.end <= a < stop and _ANALGESIA.search(m.name):
            near = view.text[max(trig.end, a - 8):a] + view.text[_rel(m, s)[1]:_rel(m, s)[1] + 14]
            if m.name == "exercise-induced hypoalgesia" or any(e.text in near for e in view.exercises):
                return m
    return None


_REVERSAL = re.compile(r"逆转|阻断|取消|消除|减弱|revers|block|abolish|prevent|attenuat|antagoni", re.I)


def _drug_agent(view: _Sentence, trig: Trigger, lo: int, ex: Optional[Mention]) -> bool:
    """Is the trigger's agent a drug or antagonist rather than the exercise?

    True for "AM281能够抑制...", "被纳洛酮逆转", "reversed by naloxone", and for a
    reversal word ("逆转", "blocked") in a sentence that names a drug or an
    antagonist anywhere ("注射纳洛酮后, 运动引起的痛阈升高被完全逆转").
    """
    s = view.s
    if _REVERSAL.match(trig.text) and (view.drugs or _ANTAGONIST.search(view.text)):
        if any(_rel(d, s)[0] > (_rel(ex, s)[0] if ex else -1) for d in view.drugs) or \
                re.search(r"(被|by)\s*\S{0,12}$", view.text[lo:trig.start]) or not view.drugs:
            return True
    drugs = [d for d in view.drugs if lo <= _rel(d, s)[0] < trig.start or 0 <= _rel(d, s)[0] - trig.end <= 6]
    if not drugs:
        return bool(_ANTAGONIST.search(view.text[lo:trig.start]))
    d = drugs[-1]
    if ex is None or (_rel(ex, s)[0] >= trig.end and _REVERSAL.match(trig.text)):
        return True  # "纳洛酮预处理可逆转运动所致的...": the drug acts on the exercise's effect
    return _rel(d, s)[0] > _rel(ex, s)[0] or bool(_DRUG_AGENT.search(view.text[max(0, _rel(d, s)[0] - 4):_rel(d, s)[0]]))


def sentence_relations(view: _Sentence, dlex: DocumentLexicon, prev: Optional[_Sentence] = None,
                       carried: Optional[tuple[list[Mention], _Sentence]] = None) -> list[Relation]:
    """Relations of one sentence (see the module docstring for the rules)."""
    s, text, lang = view.s, view.text, view.s.lang
    triggers = usable_triggers(find_triggers(text), text, view)
    if not triggers:
        return []
    out: list[Relation] = []
    used: set[int] = set()
    if carried is not None and not any(_rel(e, s)[1] <= triggers[0].start for e in view.exercises) and \
            _other_agent(view, triggers[0], clause_bounds(text, triggers[0].start, lang)[0]):
        carried = None  # "此外, NP可通过上调...": the sentence has its own subject
    for k, trig in enumerate(triggers):
        lo, hi = clause_bounds(text, trig.start, "en" if lang == "en" else "zh")
        if trig.direction != "no_change" and any(
                t.direction == "no_change" and lo <= t.start and 0 <= trig.start - t.end <= 50 and
                not any(t.end <= _rel(m, s)[0] < trig.start for m in view.targets) for t in triggers[:k]):
            continue  # "no evidence that exercise altered X": part of the no-change phrase
        nominal = bool(re.match(r"[\u4e00-\u9fff]", trig.text)) and text[trig.start - 1:trig.start] == "的"
        if s.kind == "table":
            lo = 0
        nxt = next((t.start for t in triggers[k + 1:] if t.direction != "better_than" or trig.direction == "better_than"), len(text))
        stop = min(hi, nxt)
        # --- exercise
        carried_flag = False
        ex_src = view
        ex = _nearest([e for e in view.exercises if _rel(e, s)[1] <= trig.start and not _excluded(view, e)],
                      s, trig.start, True)
        if s.kind == "table" and view.exercises:
            ex = min(view.exercises, key=lambda e: e.start)  # a study row: its exercise-type column comes first
        agent = _other_agent(view, trig, lo)
        if ex is None and agent:
            continue  # "氧化应激降低谷胱甘肽", "NP可通过上调α2δ": another subject acts
        if ex is None and carried is not None and view.continues:
            pass  # "这一逆转表现为CD206增加... 进一步说明运动...": the previous sentence's exercise
        elif ex is None and not nominal:  # passive or fronted result: the exercise named later
            later = [e for e in view.exercises if _rel(e, s)[0] >= trig.end]
            ex = _nearest([e for e in later if _rel(e, s)[0] < hi] or
                          ([] if _has_target_before(view, trig, lo) else later), s, trig.end, False)
        if ex is None and carried is not None:
            ex_list, ex_src = carried
            ex = ex_list[-1] if ex_list else None
            carried_flag = ex is not None
        if ex is None:
            continue
        if not carried_flag and _drug_agent(view, trig, lo, ex):
            held = _antagonised_analgesia(view, trig, stop)
            if held is None:
                continue
            # "纳洛酮/中和抗体阻断运动的镇痛作用": the antagonist acts; the exercise's analgesia holds
            out.append(Relation(
                sentence=s.index, exercise=_exercise_name(ex, ex_src.text, _rel(ex, ex_src.s)[0]),
                exercise_text=ex.text, direction="decrease", target="pain", target_text=held.text,
                target_id="MESH:D010146", target_type="outcome", trigger=trig.text, pain_effect="relieves",
                confidence=0.6, context_from={"antagonist": "sentence"}))
            continue
        # --- targets
        if trig.direction == "better_than":
            tgts = _comparison_targets(view, trig)
        elif nominal:
            tgts = _target_before(view, trig, lo, frozenset(used))  # nominal: "星形胶质细胞表达的减少"
        elif trig.text in "↑↓":  # "Pain↓": the outcome right before the arrow
            tgts = [m for m in view.targets if 0 <= trig.start - _rel(m, s)[1] <= 2][-1:]
        else:
            prev_end = max([t.end for t in triggers[:k] if t.end <= trig.start] + [lo])
            intransitive = re.match(r"\s*(了)?\s*([，,、；;。.!?．）)]|而|并且|但|且|$|"
                                    r"(by|in|after|following|compared|relative|versus|vs|while|whereas)\b)",
                                    text[trig.end:], re.I)
            tgts = _target_before(view, trig, max(lo, prev_end), frozenset(used)) if intransitive else []
            if not tgts:
                tgts = _targets_after(view, trig, stop)
            if not tgts and not intransitive:
                tgts = _target_before(view, trig, max(lo, prev_end), frozenset(used))
        if not tgts:
            continue
        if trig.direction not in ("better_than", "no_change") and _rel(tgts[0], s)[0] > trig.end and any(
                0 <= _rel(e, s)[0] - trig.end <= 6 and _rel(e, s)[0] < _rel(tgts[0], s)[0] for e in view.exercises):
            continue  # "failed to maintain an exercise regimen ... fatigue": the exercise is the object
        used.update(id(t) for t in tgts)
        group = _coordinated_exercises(ex_src, ex)
        if not carried_flag and _rel(ex, s)[0] >= trig.end:  # "decreased by 38% in the aquatic group and by 21% in..."
            after = [e for e in view.exercises if trig.end <= _rel(e, s)[0] < hi]
            group = list({e.name: e for e in after}.values()) or group
        names = [_exercise_name(e, ex_src.text, _rel(e, ex_src.s)[0]) for e in group]
        if len(group) == 1:
            names = _exercise_names(ex, ex_src.text, _rel(ex, ex_src.s)[0])
            group = group * len(names)
        earlier_cmp = [t for t in triggers[:k] if t.direction == "better_than" and lo <= t.start]
        if trig.direction == "better_than" or earlier_cmp or \
                (s.kind == "table" and _COMPARE_RX.search(text[trig.end:trig.end + 4] or "")):
            better = _better_exercise(view, trig)
            if better is not None:
                group, names = [better], [_exercise_name(better, text, _rel(better, s)[0])]
        negated, hedged = _flags(text, lo, trig, lang, nxt)
        trig_dir = trig.direction
        if negated and trig_dir == "modulate":  # "neither programme changed X": no change
            negated, trig = False, Trigger(trig.start, trig.end, "no_change", trig.text)
        compared_to = _compared_to(view, trig) if trig.direction == "better_than" else None
        if trig.direction == "better_than" and compared_to and _CONTROL.search(compared_to + text[trig.end:trig.end + 8]):
            continue  # "降幅显著大于常规护理组": a difference from control, not between exercises
        in_clause = not carried_flag and lo <= _rel(ex, s)[0] < hi
        for combo in _combine(group, ex_src.text, ex_src.s, names):
            ex_name = "+".join(names[i] for i in combo)
            ex_text = ex_src.text[_rel(group[combo[0]], ex_src.s)[0]:_rel(group[combo[-1]], ex_src.s)[1]]
            protocol = _protocol_for(ex_src, group[combo[0]], lo, hi) if not carried_flag else \
                _protocol_for(ex_src, group[combo[0]], 0, len(ex_src.text))
            ctx = {}
            model, ctx["model"] = _context(view, "MODEL", lo, hi, dlex)
            species, ctx["species"] = _context(view, "SPECIES", lo, hi, dlex)
            tissue, ctx["tissue"] = _context(view, "ANATOMY", lo, hi, dlex)
            if species is None and s.kind == "table" and re.search(r"临床|clinical|patients?|患者", view.caption):
                species, ctx["species"] = "human", "table"
            for t in tgts:
                if trig.text in _EXERT and not _ANALGESIA.search(t.name):
                    continue  # "发挥重要作用": only "发挥镇痛作用" states an effect
                if t.name == "exercise-induced hypoalgesia" and trig.direction == "decrease":
                    continue  # "X prevented exercise-induced hypoalgesia": the antagonist acts, the effect holds
                a, b = _rel(t, s)
                t_tissue, t_ctx = tissue, ctx
                if t.label == "OUTCOME" and ctx.get("tissue") == "paragraph":
                    t_tissue, t_ctx = None, dict(ctx, tissue="")  # behaviour is not measured in a tissue
                direction = _resolve_direction(trig, t, text, lo, a) if trig.direction != "better_than" else "better_than"
                aspect = _aspect(text, a, b)
                target, target_id, target_type = t.name, t.concept_id, t.label.lower()
                if _ANALGESIA.search(t.name) and direction in ("increase", "decrease"):
                    # more analgesia is less pain: store it the way pain outcomes are stored
                    direction = "decrease" if direction == "increase" else "increase"
                    target, target_id, target_type = "pain", "MESH:D010146", "outcome"
                if aspect in ("activation", "polarization") and t.label == "CELL_TYPE" or \
                        aspect == "prevalence" and t.label == "DISEASE":
                    target = f"{t.name} {aspect}"
                conf = 0.9 if in_clause else (0.6 if carried_flag else 0.75)
                if min(abs(a - trig.end), abs(trig.start - b)) > 40:
                    conf -= 0.1
                if hedged:
                    conf *= 0.8
                out.append(Relation(
                    sentence=s.index, exercise=ex_name, exercise_text=None if carried_flag else ex_text,
                    direction=direction, target=target, target_text=t.text, target_id=target_id,
                    target_type=target_type, trigger=trig.text, aspect=aspect, negated=negated,
                    hedged=hedged, exercise_carried=carried_flag, compared_to=compared_to, model=model,
                    species=species, tissue=t_tissue, protocol=protocol, context_from=dict(t_ctx),
                    pain_effect=_pain_effect(direction, f"{target} {t.text}"), confidence=round(conf, 2)))
    return _dedupe(out)


def _better_exercise(view: _Sentence, trig: Trigger) -> Optional[Mention]:
    """In ``A>B`` / ``A优于B`` / "A was more effective than B in reversing X" the
    exercise right before the comparative."""
    s = view.s
    if re.match(r"(in )?favou?r", trig.text, re.I):  # "the difference favoured aquatic exercise"
        return _nearest([e for e in view.exercises if _rel(e, s)[0] >= trig.end], s, trig.end, False)
    if trig.direction != "better_than":
        m = _COMPARE_RX.search(view.text, trig.end) or next(
            (m for m in _COMPARE_RX.finditer(view.text[:trig.start])), None)
        if not m:
            return None
        pos = m.start()
    else:
        pos = trig.start
    return _nearest([e for e in view.exercises if _rel(e, s)[1] <= pos], s, pos, True)


def _compared_to(view: _Sentence, trig: Trigger) -> Optional[str]:
    s = view.s
    if re.match(r"(in )?favou?r", trig.text, re.I):  # the loser of "favoured X" was named before
        winner = _better_exercise(view, trig)
        before = [e for e in view.exercises if _rel(e, s)[1] <= trig.start and (winner is None or e.name != winner.name)]
        return _exercise_name(before[-1], view.text, _rel(before[-1], s)[0]) if before else None
    after = _nearest([e for e in view.exercises if _rel(e, s)[0] >= trig.end], s, trig.end, False)
    if after is not None:
        return _exercise_name(after, view.text, _rel(after, s)[0])
    m = re.match(r"\s*([A-Za-z\u4e00-\u9fff][\w\-\u4e00-\u9fff]{0,20})", view.text[trig.end:])
    return m.group(1) if m else None


def _comparison_targets(view: _Sentence, trig: Trigger) -> list[Mention]:
    """The outcome two exercises are compared on: "在减轻疼痛方面", "Pain↓: A>B", or the
    nearest outcome/pain mention in the sentence."""
    s = view.s
    before = [t for t in view.targets if _rel(t, s)[1] <= trig.start]
    if before:
        return [max(before, key=lambda m: m.start)]
    after = [t for t in view.targets if _rel(t, s)[0] >= trig.end]
    return [after[0]] if after else []


def _dedupe(rels: list[Relation]) -> list[Relation]:
    seen, out = set(), []
    for r in rels:
        key = (r.sentence, r.exercise, r.direction, r.target_id, r.target_text, r.negated, r.compared_to)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


RELATION_KINDS = ("body", "caption", "table")


def extract_relations(sentences: list[Sentence], mentions: Iterable[Mention], dlex: DocumentLexicon) -> list[Relation]:
    """Exercise -> effect relations of a document.

    Args:
        sentences: the document's sentences (any kinds; only body, caption and
            table sentences yield relations).
        mentions: all its mentions (offsets into the document text).
        dlex: the document lexicon (for abbreviations in context names).
    Returns:
        relations in sentence order; ``Relation.sentence`` is the sentence index.
    """
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sentence, []).append(m)
    out: list[Relation] = []
    prev_view: Optional[_Sentence] = None
    last_ex: Optional[tuple[list[Mention], _Sentence]] = None
    arms: list[tuple[Mention, _Sentence]] = []  # distinct named exercises seen so far (study arms)
    caption = ""
    for s in sentences:
        if s.kind == "caption":
            caption = s.text
        if s.kind not in RELATION_KINDS:
            if s.kind != "caption":
                prev_view, last_ex = None, None
            continue
        view = _Sentence(s, by_sent.get(s.index, []))
        view.caption = caption if s.kind == "table" else ""
        same_par = prev_view is not None and prev_view.s.paragraph == s.paragraph
        view.earlier = ([prev_view] + prev_view.earlier)[:6] if same_par and s.kind != "table" else []
        view.continues = not _INTERPRETIVE.match(s.text) and bool(
            _CONTINUATION.match(s.text) or (not view.exercises and _ADDITIVE.search(s.text)))
        named = [e for e in view.exercises if e.name != "exercise"]
        group_ref = _GROUP_REF.search(s.text)
        if group_ref and len(arms) >= 2 and not any(_rel(e, s)[0] < group_ref.start() for e in named):
            # "两组患者的握力均增加", "in both exercise arms": one relation per study arm
            own, view.exercises = view.exercises, named  # "both exercise arms": the arms, not "exercise"
            for ex, src in arms[-2:]:
                out.extend(sentence_relations(view, dlex, None, ([ex], src)))
            view.exercises = own
        else:
            carried = last_ex if (same_par and view.continues) else None
            out.extend(sentence_relations(view, dlex, prev_view if same_par else None, carried))
        if view.exercises:
            last_ex = (view.exercises, view)
        elif not same_par:
            last_ex = None
        for e in named:
            arms = [(m, v) for m, v in arms if m.name != e.name] + [(e, view)]
        prev_view = view
    return _dedupe(_document_context(out, mentions))


def _document_context(relations: list[Relation], mentions: Iterable[Mention]) -> list[Relation]:
    """Fill what the whole document makes clear (``context_from[...] = "document"``):
    a missing model or species is the document's dominant one (at least 60% of
    at least three mentions; five for a disease named as the model), as in a
    research paper about one model; a document's human species is not given to
    relations in an animal model. The exercise stays as written ("运动组" -> exercise).
    """
    mentions = list(mentions)

    def dominant(labels, at_least=3):
        names = Counter(m.name for m in mentions if m.label in labels)
        total = sum(names.values())
        if total >= at_least:
            name, n = names.most_common(1)[0]
            if n / total >= 0.6:
                return name
        return None
    model = dominant({"ANIMAL_MODEL"}) or dominant({"DISEASE"}, at_least=5)  # passing mentions of diseases abound
    species = dominant({"SPECIES"})
    out = []
    for r in relations:
        changes = {}
        if r.model is None and model:
            changes["model"] = model
        animal_model = r.model is not None and any(m.label == "ANIMAL_MODEL" and m.name in r.model for m in mentions)
        if r.species is None and species and not (species == "human" and animal_model):
            changes["species"] = species
        if changes:
            ctx = dict(r.context_from, **{k: "document" for k in changes})
            r = replace(r, context_from=ctx, **changes)
        out.append(r)
    return out
