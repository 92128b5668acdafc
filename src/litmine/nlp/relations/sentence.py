"""Relations of one sentence: triggers -> exercise -> targets -> flags and context.
"""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional
from ...types import Mention, Protocol, Relation
from ..tagger import DocumentLexicon
from .clauses import _APPOSITION, _NOT_ONLY, _flags, _rel, clause_bounds, strip_brackets
from .comparisons import favour_over_control, favours, _better_exercise, _compared_to, _comparison_targets, comparator_arm, with_control
from .context import _context, _protocol_for, other_study, own_tissue
from .cues import between_arms_unchanged, healthy_population, COMPARISON_EN, CONTROL_ARM, MODEL_GROUP, NOT_SIGNIFICANT, TARGET_LABELS, _HEDGE_RX, _GROUP_REF, _ANALGESIA, _COMPARE_RX, _CONTROL, _EXERT
from .exercises import co_intervention, other_intervention_subject, _antagonised_analgesia, _combine, _coordinated_exercises, _drug_agent, _excluded, _exercise_name, _exercise_names, _other_agent
from .targets import topic_target, _aspect, _is_modifier, _has_target_before, _pain_effect, _resolve_direction, _target_before, _targets_after
from .triggers import Trigger, _nominal, _state, attributive, find_triggers, usable_triggers
from .view import _Sentence, _nearest, gate

_RELATIVE_PASSIVE = re.compile(r"^\s*((was|were|is|are)|(has|have|had) been)\s+(\w+ly\s+)?$", re.I)


#: A target set apart from the ones before it: "reduced TNF-α but not IL-10", "降低了TNF-α而非IL-10".
_BUT_NOT = re.compile(r"\b(but|and|yet)\s+not\s+(the\s+)?([\w-]{1,12}\s*(,|or|nor)\s*){0,3}$|\brather than\s+(the\s+)?$|"
                      r"(而非|而不是|但不是)\s*$", re.I)  # "regulated NGF but not BDNF or NT3": both set apart


#: Verbs whose object is the exercise ("modifying physical activity", "adhere to a prescribed exercise regimen"):
#: such an exercise is no agent of a change named before it.
_EXERCISE_OBJECT = re.compile(
    r"\b(modif\w*|increas\w*|promot\w*|perform\w*|doing|prescrib\w*|recommend\w*|encourag\w*|maintain\w*|start\w*|"
    r"initiat\w*|undertak\w*|complet\w*|attend\w*|adopt\w*|stop\w*|limit\w*|reduc\w*|adher\w* to|particip\w* in|"
    r"engag\w* in|compl\w* with|drop\w* out of|enrol\w* in)\s+((a|an|the|their|his|her|regular|prescribed|"
    r"structured|supervised|home-based)\s+)*$", re.I)


#: A value at baseline, before any intervention ("Baseline TES was higher in the yoga arm", "At baseline, the groups
#: did not differ in grip strength", "baseline levels of BDNF"): a difference between arms, not an exercise's effect.
#: A change "from baseline" or "compared with baseline" is not matched: the word is then no modifier of the target.
_BASELINE_VALUE = re.compile(r"(?<!from )(?<!to )(?<!with )(?<!than )\bbaseline\s+((levels?|values?|scores?|concentrations?)"
                             r"\s+of\s+(the\s+)?)?$|^\W*(\w+\s*:\s*)?at (the )?baseline\b|基线(时|水平)?的?$|^\W*基线(时|期)", re.I)


#: A model or sham group as the place of a change stated after the verb ("... were reduced in the CCI group than
#: in the sham group"), not as its comparator ("higher than in the CCI group", "vs. CCI rats").
_MODEL_GROUP_LOCUS = re.compile(rf"^(?:(?!\b(?:than|vs\.?|versus|compared|relative)\b).)*?\b(?:in|of) (?:the )?"
                                rf"{MODEL_GROUP.pattern}", re.I)
#: Association between two measures ("X was not associated with Y reduction", "the correlation between X and Y");
#: "these observations correlated with higher BDNF" (the exercise's results, active voice) is not matched.
_ASSOCIATION = re.compile(r"\b(?:was|were|is|are)\s+(?:not\s+)?(?:significantly\s+|strongly\s+|positively\s+|"
                          r"negatively\s+|inversely\s+)?(?:associated|correlated)\s+with\b|\b(?:correlation|association)s?\s+between\b", re.I)
#: A sentence about animal studies ("Results from animal models demonstrate...", "in rodents", "preclinical data"):
#: its relations never take the human species of the paragraph or the document (a review of both).
_ANIMAL_STUDY = re.compile(r"\b(?:animal (?:models?|studies|study|experiments?|data|research)|rodents?|preclinical|"
                           r"in animals)\b|动物(?:模型|实验|研究)", re.I)
#: Every injured arm, the untrained one among them ("in all crushed groups", "in both injured groups", "all the
#: diabetic rats"): a change stated for them is the injury's, not the exercise's named in another clause.
_ALL_INJURED = re.compile(r"\b(?:all|both|the two|the three|the four)\s+(?:(?:the|of the)\s+)?(?:crushed|injured|lesioned|"
                          r"operated|diabetic|neuropathic|ligated|CCI|SNI|SCI|STZ)\s+(?:groups|animals|rats|mice|arms)\b", re.I)
#: A change noun that refers back to the change before it and says it was not significant ("IL-6 decreased after
#: swimming, but the decrease was not significant"): the flags of that change read past it.
_THE_BEFORE = re.compile(r"\b(?:the|this|these|that|such|its|their)\s+$", re.I)
_NOT_SIGNIFICANT_AFTER_EN = re.compile(r"s?\s+(?:(?:was|were|is|are)\s+not\s+(?:statistically\s+)?significant|"
                                       r"did not reach (?:statistical\s+)?significance|failed to reach (?:statistical\s+)?"
                                       r"significance)", re.I)
#: A no-change phrase that compares arms with each other ("did not differ", "were not significantly different",
#: "no significant difference between"): said of two exercises, it is about which did better, not about a change.
_ARMS_DIFFER = re.compile(r"differ|difference", re.I)
_BETWEEN_BEFORE = re.compile(r"\bbetween\s+(?:the\s+)?$", re.I)
#: Exercises named only as a set of modalities ("different types of exercise", "the three exercise approaches").
_MODALITIES_OF = re.compile(r"\b(?:different|various|several|both|all|the|two|three|four)\s+(?:\w+\s+)?(?:types?|kinds?|forms?|"
                            r"modes?|modalities|approaches|programs?|programmes?|protocols?|regimens?)\s+of\s+$", re.I)
#: A clause whose subject is the making of the model ("Induction of chronic muscle hyperalgesia increased SERT").
_INDUCTION_SUBJECT = re.compile(r"\W*(?:\w+\s*:\s*)?(?:the\s+)?(?:induction|injection|ligation|transection|constriction|development)\s+of\b",
                                re.I)


#: An arm where the change did not happen ("enhanced sensitivity in sedentary animals, which does not occur in
#: physically active mice"): not the agent of the change named before it.
_SPARED_ARM = re.compile(r"\b(?:does|do|did) not (?:occur|happen|develop)\s+in\s+(?:the\s+)?$|\bbut not in\s+(?:the\s+)?$",
                         re.I)


#: The predicate of a statement that an effect is not known ("Evidence of yoga's efficacy in treating CIPN is lacking",
#: "the effect of X on Y remains unclear", "... has not been thoroughly explored").
_UNKNOWN = re.compile(r"\b(?:is|are|was|were|remains?)\s+(?:still\s+|currently\s+)?(?:lacking|unclear|unknown|uncertain|scarce|"
                      r"limited|inconclusive|controversial|not (?:yet |well |fully |entirely )?(?:apparent|understood|known|"
                      r"established|clear))\b|\b(?:has|have) not (?:yet )?been (?:thoroughly |fully |well |systematically )?"
                      r"(?:explored|studied|examined|established|investigated|evaluated)\b"
                      r"|\b(?:is|are|was|were|remains?)\s+(?:still\s+)?(?:less|poorly|little)\s+(?:well\s+)?"
                      r"(?:known|understood|studied|characteri[sz]ed)\b"
                      r"|(?:尚|还|仍|目前)+(?:不|未)(?:清楚|明确|明了|清晰|阐明|确定|可知)|尚待(?:阐明|研究|明确)|尚无定论", re.I)
#: What may stand between a trigger and :data:`_UNKNOWN` when the unknown is another clause's or the mechanism's ("X
#: reduces pain, but its mechanism remains unclear", "运动可缓解疼痛, 但其机制尚不清楚", "运动缓解疼痛的机制尚不清楚").
_UNKNOWN_APART = re.compile(r"[,;，；]|\b(?:but|however|although|though|while|whereas)\b|但|然而|而其"
                            r"|的(?:具体|潜在|作用|分子)*(?:机制|机理|原因|途径|通路)", re.I)  # "运动缓解X的机制尚不清楚": X is relieved
#: After a trigger word "less"/"little"/"poorly": the rest of "less well known", "poorly understood".
_LESS_KNOWN = re.compile(r"\s+(?:well\s+)?(?:known|understood|studied|characteri[sz]ed|explored)\b", re.I)
#: A statement that few studies show something (a gap in the literature, not a finding): "only a small number of
#: studies report X", "even fewer relate exercise to Y", "few trials have tested" ("a few studies showed" is a claim).
_SCARCE = re.compile(r"\b(?:only\s+(?:a\s+)?(?:small\s+number\s+of|handful\s+of|few)|very\s+few|(?<!\ba\s)few|fewer)\s+"
                     r"(?:(?:published|previous|prior|animal|clinical|human|preclinical|experimental)\s+)?"
                     r"(?:studies|reports|trials|investigations|papers|data|experiments)\b|\beven\s+fewer\b", re.I)


#: A relative clause whose verb is the trigger ("a cytokine that can reduce nociceptor sensitization").
_RELATIVE_VERB = re.compile(r"\b(?:that|which|who)\s+(?:(?:can|may|could|might|will|would|also|is able to|are able to|"
                            r"in turn|have|has|had|contributed to|contributes to|contribute to|led to|leads to|lead to|"
                            r"resulted in|results in|the)\s+)*$", re.I)


#: A sentence that opens with a subordinate clause of its own subject ("Since stress can also produce analgesia,
#: we studied how voluntary exercise ..."): an exercise after the comma that closes it is not that clause's agent.
_SUBORDINATE_OPENER = re.compile(r"^\W*(?:since|because|as|although|though|given that|whereas)\b[^,;]*$", re.I)


#: A difference from a healthy, normoglycaemic or sham group ("lower body mass compared with the normoglycemic
#: groups", "higher than in healthy controls"): the disease or injury makes it, whatever the arm did; a healthy
#: arm of the exercise design itself ("than healthy sedentary rats") is a comparator of the exercise.
_HEALTHY_COMPARATOR = re.compile(
    rf"{COMPARISON_EN}"
    r"(?:healthy|normoglyc\w*|non-?diabetic|normal|naive|naïve|uninjured|non-?injured|intact|sham(?:-operated)?)\b"
    r"(?!\s+(?:\w+\s+)?(?:sedentary|untrained|non-?exercised|unexercised)\b)", re.I)


#: "…, while only the CG exhibited …", "but only in the control group": the clause is about that one arm.
_ONLY_ARM = re.compile(r"\b(?:while|whereas|but|and|yet|though)?\s*only\s+(?:in\s+|for\s+)?(?:the\s+)?(?=\S)", re.I)


def _only_other_arm(view: _Sentence, ex: Mention, lo: int, trig: Trigger) -> bool:
    """Does the trigger's clause ``[lo, trig)`` say the change happened "only" in an arm other than ``ex``: a
    control arm (a control mention, :data:`CONTROL_ARM`), an arm code the document did not give an exercise
    ("only the CG"), or another exercise arm? An "only" followed by the exercise itself ("only the yoga group
    improved") or by no arm ("only slightly") is no such clause."""
    s, text = view.s, view.text
    m = _ONLY_ARM.search(text, lo, trig.start) if view.may_match(_ONLY_ARM) else None
    if m is None:
        return False
    at = m.end()
    arm = next((a for a in view.exercises + view.controls if _rel(a, s)[0] == at), None)
    if arm is not None:
        return arm.label != "EXERCISE" or arm.name != ex.name
    if CONTROL_ARM.match(text, at):
        return True
    code = re.match(r"[A-Z][A-Za-z0-9\-]{0,7}\b", text[at:])  # an arm by its code, not defined as an exercise arm
    return bool(code and re.match(r"\s*(?:groups?\b|arms?\b|[A-Za-z]+ed\b|exhibit|show|report|had|did|was|were)",
                                  text[at + code.end():], re.I))


# the patterns sentence_relations applies to every trigger and target, compiled once
_HAN = re.compile(r"[\u4e00-\u9fff]")
_WHICH_END = re.compile(r"\bwhich\s*$", re.I)
_TOPIC_OPENING = re.compile(r"[\s，,；;]*(而|但|且)?\s*在\s*对?\s*")
_INTERACTION_AFTER = re.compile(r"[^，,；;。]{0,40}?(交互作用|交互效应|interaction)", re.I)
_INTRANSITIVE = re.compile(r"\s*(了)?\s*(\w+ly\s+)?([，,、；;。.!?．）)]|而|并且|但|且|$|(和|及|以及)(?=[^，,；;。]{1,16}?"
                           r"(增加|降低|升高|下降|减少|减退|提高|缩短|延长|改善|减轻))|"
                           r"(by|in|after|following|compared|relative|versus|vs|while|whereas|and|but|from|to|at|"
                           r"over|during|within|among|only|significantly)\b)", re.I)
_IN_OF_AFTER = re.compile(r"\s+(in|of)\b", re.I)
_SEMICOLON = re.compile(r"[；;]")
_BASELINE_WORD = re.compile(r"baseline|基线", re.I)
_UNDOING = re.compile(r"逆转|恢复|纠正|阻止|防止|预防|扭转")
_PREPOSITION_BEFORE = re.compile(r"\b(?:in|of|with|after|by|from|to|for|on|following|receiving|treated with|than)\s+"
                                 r"(?:the\s+|a\s+)?(?:[\w-]+\s+)?$", re.I)


#: Verbs that only produce what follows them ("引起", "产生", "导致", "induced", "produced"): an item of their object
#: with an attributive change of its own ("减少的CPM反应", "reduced CPM") changes that way (litmine curators).
_PRODUCING = re.compile(r"引起|产生|导致|引发|诱导|induced?|produced?|caused?|elicited", re.I)
_OWN_STATE_BEFORE = re.compile(r"(减少|降低|下降|减弱|增加|升高|增强|提高|reduced|decreased|lower|increased|enhanced|higher)"
                               r"\s*的?\s*$", re.I)
_OWN_DOWN = {"减少", "降低", "下降", "减弱", "reduced", "decreased", "lower"}
#: After the object of a producing verb: its change, without a direction ("引起CRP的变化", "induced changes in").
_CHANGE_OF = re.compile(r"\s*(?:水平|含量|表达|浓度)?\s*的?\s*(?:变化|改变)")


def _drug_subject(view: _Sentence, trig: Trigger, lo: int) -> bool:
    """Is a drug or model inducer the subject of the trigger: named in its clause, at most 20 characters before it
    with no comma between, and not inside a prepositional phrase ("paclitaxel also reduced", "STZ lowered",
    "naloxone reversed"; not "in STZ rats it also reduced")? Then an exercise carried from an earlier sentence
    is not the agent."""
    s, text = view.s, view.text
    for d in view.drugs + view.inducers:
        a, b = _rel(d, s)
        if lo <= a and b <= trig.start and trig.start - b <= 20 and not re.search(r"[,;，；]", text[b:trig.start]) \
                and not _PREPOSITION_BEFORE.search(text[max(lo, a - 30):a]):
            return True
    return False
_RESISTANCE_AFTER = re.compile(r"\s*的?(抵抗力|抵抗能力|耐受力|耐受性|抗性)")


def _exercise_antecedent(view: _Sentence, pos: int) -> bool:
    """Is the noun a relative pronoun at ``pos`` refers to an exercise ("swimming training, which reduced pain",
    "a treadmill programme that lowered IL-6")? The nearest mention before it decides; none counts as yes."""
    s = view.s
    before = [m for m in view.all if _rel(m, s)[1] <= pos and m.label not in ("DURATION", "FREQUENCY", "INTENSITY",
                                                                                   "SESSION_LENGTH", "SPEED", "TIMING")
              and not any(d.start <= m.start and m.end <= d.end for d in view.dosing)]  # "at 60% VO2max, which"
    if not before:
        return True
    m = max(before, key=lambda x: _rel(x, s)[1])
    return m.label == "EXERCISE" or m.label in ("SPECIES", "ANATOMY", "ANIMAL_MODEL")


#: "increased resistance/tolerance to X", "protection against X": the change is to X's effect, the other way.
_RESISTANCE_TO = re.compile(r"\b(resistance|tolerance|resilience|protection|defen[cs]es?)\s+(to|against)\s+(the\s+)?$", re.I)


_AND_CLAUSE = re.compile(r",\s*(and|but|whereas|while)\s|，\s*(而|但)|；", re.I)


def _sub_clause(view: _Sentence, ex: Optional[Mention], trig: Trigger, lo: int, hi: int) -> tuple[int, int]:
    """The part of the clause ``[lo, hi)`` one statement owns when ", and" joins two statements with their own
    exercise ("18 days of swimming decreased X in rats, and 7 days of swimming decreased X in mice"): from the
    last ", and" before its exercise to the ", and" before the next exercise. Context and protocol come from it."""
    text, s = view.text, view.s
    if ex is not None:
        cuts = [m.start() for m in _AND_CLAUSE.finditer(text, lo, _rel(ex, s)[0])]
        lo = cuts[-1] if cuts else lo
    nxt = [e for e in view.exercises if trig.end <= _rel(e, s)[0] < hi and e is not ex]
    if nxt:
        cuts = [m.start() for m in _AND_CLAUSE.finditer(text, trig.end, _rel(nxt[0], s)[0])]
        hi = cuts[0] if cuts else hi
    return lo, hi


def _listed_after(view: _Sentence, pos: int) -> list[Mention]:
    """Targets of the clauses from ``pos`` on that hold nothing but targets and bracketed statistics: a list
    of results the verb before them governs, one item per clause ("...机械痛阈值(SMD=0.84); 热痛阈值(SMD=1.54)")."""
    text, s, out = view.text, view.s, []
    while pos < len(text):
        lo, hi = clause_bounds(text, pos, s.lang)
        if lo != pos or hi <= lo:
            break
        items = [m for m in view.targets if lo <= _rel(m, s)[0] < hi]
        rest = list(text[lo:hi])
        for m in items:
            a, b = _rel(m, s)
            rest[a - lo:min(b, hi) - lo] = " " * (min(b, hi) - a)
        rest = re.sub(r"值|水平|含量|表达|活性|浓度|\b(levels?|expression|activity)\b", "", strip_brackets("".join(rest)))
        if not items or not re.fullmatch(r"(?:[\s、，,;；。.和及与以及]|\b(?:and|or)\b)*", rest):
            break
        # "fall risk (TUG; P = .004)": the bracket names the item's test, no second item
        out += [m for m in items if not _in_brackets(text, lo, _rel(m, s)[0])]
        pos = hi
    return out


def _in_brackets(text: str, lo: int, pos: int) -> bool:
    """Is ``pos`` inside a round bracket opened after ``lo``?"""
    return text.count("(", lo, pos) + text.count("（", lo, pos) > text.count(")", lo, pos) + text.count("）", lo, pos)


_NO_SUCH_EFFECT = re.compile(r"(则|却|但)?\s*(无|没有|未见|未表现出)(此|该|这一|这种|类似|上述)?(作用|效果|影响|变化)|"
                             r"\b(had|showed|produced|exerted) no (such|similar|this|comparable) effects?\b", re.I)


def _no_such_effect(view: _Sentence, found: list[Relation]) -> list[Relation]:
    """"低强度跑台运动上调GDNF, 而高强度跑台运动则无此作用" / "..., whereas swimming had no such effect": the
    other exercise, named in the later clause, leaves the same targets unchanged (``no_change``)."""
    if not found:
        return []
    m = _NO_SUCH_EFFECT.search(view.text) if view.may_match(_NO_SUCH_EFFECT) else None
    if not m:
        return []
    s = view.s
    lo = clause_bounds(view.text, m.start(), s.lang)[0]
    other = [e for e in view.exercises if lo <= _rel(e, s)[0] < m.start()]
    before = [r for r in found if r.direction in ("increase", "decrease") and not r.negated]
    if not other or not before:
        return []
    e = other[-1]
    name = _exercise_name(e, view.text, _rel(e, s)[0])
    if any(r.exercise == name for r in before):
        return []
    return [replace(r, exercise=name, exercise_text=e.text, direction="no_change", trigger=m.group(0),
                    exercise_carried=False) for r in before]


#: What follows a measure when the sentence compares its change between arms ("VAS评分干预前后差值", "疼痛变化量").
_CHANGE_SCORE = re.compile(r"\s*(?:范围)?\s*(?:(?:干预|治疗|训练|练习|运动)?前后)?\s*的?\s*(?:差值|变化量|变化值|改善值|下降值|减少量)")
_ARM_WORD = re.compile(r"观察组|治疗组|实验组|干预组|研究组|试验组|对照组|两组|(?<![\dA-Za-z.\-])2组|各组")


def _subject_arm(text: str, pos: int) -> Optional[str]:
    """The trial arm a Chinese sentence last names as a subject before ``pos`` (an arm after 与/较/比/和/于 is
    the comparator, not the subject), or None."""
    subject = None
    for m in _ARM_WORD.finditer(text, 0, pos):
        if not re.search(r"(与|较|比|和|于|及)\s*$", text[max(0, m.start() - 2):m.start()]):
            subject = m.group(0)
    return subject


#: A Chinese control arm named as a clause's subject ("而对照组…无显著变化", "常规组VAS评分降低").
_CONTROL_ARM_ZH = re.compile(r"对照组|常规组|空白组|安静组|假手术组|常规治疗组|常规护理组|健康教育组")


def _control_subject(view: _Sentence, lo: int, pos: int) -> Optional[int]:
    """Start of the control arm the clause ``[lo, pos)`` names as its subject: a control word
    (:data:`_CONTROL_ARM_ZH`) or a control code (``view.controls``), not after a comparator (与/较/比/和/同/于/及,
    "与对照组比较", "较对照组") and not before 和/与/及 (both arms, "对照组和观察组均…" is left to the both-arms rules)."""
    text, s = view.text, view.s
    spots = [m.start() for m in _CONTROL_ARM_ZH.finditer(text, lo, pos)] + \
        [_rel(c, s)[0] for c in view.controls if lo <= _rel(c, s)[0] < pos]
    ends = {m.start(): m.end() for m in _CONTROL_ARM_ZH.finditer(text, lo, pos)}
    ends.update({_rel(c, s)[0]: _rel(c, s)[1] for c in view.controls})
    for a in sorted(spots, reverse=True):
        if re.search(r"(与|较|比|和|同|于|及|、)\s*$", text[max(lo, a - 2):a]) or \
                re.search(r"(与|较|比|同|于)[^，,；;。与较比]{0,14}$", text[lo:a]):
            continue  # the comparator, alone or last in a list ("较假手术组、损伤对照组均有改善")
        if re.match(r"\s*(组)?\s*(和|与|及|、)", text[ends[a]:ends[a] + 4]):
            continue
        return a
    return None


#: A Chinese correlation in a trigger's clause: the trigger after its 与, or a change measure before it ("疼痛缓解程度与
#: 踝关节负荷改善密切相关"); "运动引起的NT-3升高与CNCV呈正相关" keeps the rise, and "其机制可能与抑制NF-κB通路有关" (有关) is no correlation.
_ZH_CORRELATION = re.compile(r"与[^，,；;。]{1,30}?(?:呈|存在|具有)?\s*(?:显著|明显|高度|中度|较强的?)?\s*(?:正|负)?\s*相关(?!因子|蛋白|基因)")
#: A trigger that makes a noun of the people it describes: "疼痛改善明显者", "疗效提高者".
_ZH_THOSE_WHO = re.compile(r"\s*(?:明显|显著|较多|较大)?\s*者")


#: A Chinese clause whose subject is the injured or operated animal ("伤后大鼠", "术后第7天", "造模后").
_INJURY_SUBJECT = re.compile(r"^\s*\S{0,6}?(伤后|术后|损伤后|造模后|建模后|模型建立后|手术后)")


#: What a Chinese comparison clause holds besides its arms, comparator and change word (see _elided_targets).
_ELIDED_SHAPE = re.compile(r"[\s、，,和与及]*(且|而|但)?\s*(组|大鼠|小鼠|患者)?\s*(后|以后|之后)?\s*(均|亦|也|虽然?)?\s*(较|与)?\s*(组)?"
                           r"\s*(相比|比较)?\s*(均|亦|也)?\s*(非常|极)?(显著|明显|有所)?(地)?")
_WHITESPACE_RUN = re.compile(r"\s+")


def _arm_comparison_shape(rest: str) -> bool:
    """Does ``rest`` (a clause with its mentions blanked out) fit :data:`_ELIDED_SHAPE`? Tested on ``rest`` with each
    run of whitespace made one space: every whitespace the pattern takes is in a ``\\s*`` or in its leading
    ``[\\s…]*``, so the answer is the same, and ``re`` does not try every split of a long blank run (a mention
    blanked out) between the pattern's eleven ``\\s*`` -- up to milliseconds a clause before."""
    return _ELIDED_SHAPE.fullmatch(_WHITESPACE_RUN.sub(" ", rest)) is not None


def _elided_targets(view: _Sentence, trig: Trigger, ex: Optional[Mention], lo: int, triggers: list[Trigger]) -> list[Mention]:
    """Targets a Chinese comparison clause leaves out because the clause before it named them: "DM组TRPV1和
    p38表达较NC组升高, DE组较DM组降低", "HC组血清CRP显著高于NC组, HE1组显著低于HC组". The clause holds an
    exercise arm before the trigger and no target; the clause before it holds targets before its own change word.
    "…但仍高于NC组" (still above normal) takes none: a shortfall, not an effect. For a bare "差异无统计学意义"
    after "两组患者握力比较", the measure compared is the target."""
    text, s = view.text, view.s
    if lo <= 0 or re.search(r"仍|依然|仍然|尚", text[lo:trig.start]):
        return []
    p_lo, _ = clause_bounds(text, lo - 1, s.lang)
    if trig.direction == "no_change" and re.match(r"\s*(但|而|且)?\s*(两组|组间|各组)?\s*差异", text[lo:trig.start] + text[trig.start:]) and \
            re.search(r"(比较|相比|对比)\s*[，,]\s*$", text[p_lo:lo]):
        return [m for m in view.targets if p_lo <= _rel(m, s)[0] < lo][:4]  # "两组患者握力比较, 差异无统计学意义"
    if ex is not None and p_lo <= _rel(ex, s)[0] < lo and re.match(r"(高于|低于|多于|少于)", trig.text) and \
            re.fullmatch(r"[\s，,]*(且|但)?\s*(均|亦|也)?\s*(非常|极)?(显著|明显)?", text[lo:trig.start]):
        # "中强度组血清TNF-α含量为(35.2±4.1)ng/L, 明显低于模型组": the value clause names the measure
        value = re.search(r"(的?(含量|水平|表达量?|浓度|活性|值|评分))?\s*(分别)?\s*(为|是)\s*[(（\[\d]", text[_rel(ex, s)[1]:lo])
        if value:
            # before the measure word, unless a mention ends with it ("疼痛评分为(2.1±0.5)分": 评分 is the mention's)
            at = _rel(ex, s)[1] + (value.start(4) if any(_rel(m, s)[1] == _rel(ex, s)[1] + value.end(1)
                                                          for m in view.targets) else value.start())
            return [m for m in _target_before(view, Trigger(at, at + 1, "modulate", "为"), p_lo) if _rel(m, s)[0] > _rel(ex, s)[0]]
    if ex is None or not (lo <= _rel(ex, s)[0] < trig.start) or trig.direction not in ("increase", "decrease") or \
            re.search(r"[；;]\s*$", text[p_lo:lo]):
        return []
    # the clause is an arm, a comparator and the change word, nothing else ("C、D组低于B组", "DE组较DM组明显降低")
    rest = list(text[lo:trig.start])
    for m in view.exercises + view.controls + view.context:
        a, b = _rel(m, s)
        if lo <= a and b <= trig.start:
            rest[a - lo:b - lo] = " " * (b - a)
    compared = re.match(r"(高于|低于|多于|少于|大于|小于)", trig.text) or \
        re.match(r"\s*(更为?|更加)(明显|显著)", text[trig.end:])  # "且干预组下降更明显": more than the other arm
    rest = "".join(rest)
    # "…较Sham组明显升高, 运动后明显降低": after the exercise, the change of the measure the clause before named
    after_ex = re.search(r"后", rest) and trig.direction in ("increase", "decrease")
    if not _arm_comparison_shape(rest) or not (compared or after_ex or re.search(r"较|与", text[lo:trig.start])):
        return []
    prior = [t for t in triggers if p_lo <= t.start < lo and t.direction in ("increase", "decrease", "better_than")]
    if not prior:
        return []
    return _target_before(view, prior[-1], p_lo)


def _antecedent_targets(view: _Sentence, lo: int, cut: int) -> list[Mention]:
    """Targets of the noun phrase a ", which was reversed by ..." clause refers to: those right after the
    changed-state word of the clause before ("showed reduced GDNF expression in ..., which was reversed")."""
    states = [m for m in re.finditer(r"[\w-]+", view.text[lo:cut])
              if _state(m.group(0)) and attributive(view.text, lo + m.start()) or _nominal(m.group(0))]
    if not states:
        return []
    w = states[-1]
    return _targets_after(view, Trigger(lo + w.start(), lo + w.end(), "modulate", w.group(0)), cut)


def _target_clause_starts(view: _Sentence) -> list[int]:
    """Start of the clause (:func:`.clauses.clause_bounds`) of each of the view's targets, in the order of
    ``view.targets``; computed once per view (every trigger of the sentence asks), again if ``view.targets``
    was replaced since."""
    hit = view.memo.get("target_clauses")
    if hit is not None and hit[0] is view.targets:
        return hit[1]
    s = view.s
    starts = [clause_bounds(view.text, m.start - s.start, s.lang)[0] for m in view.targets]
    view.memo["target_clauses"] = (view.targets, starts)
    return starts


def sentence_relations(view: _Sentence, dlex: DocumentLexicon, prev: Optional[_Sentence] = None,
                       carried: Optional[tuple[list[Mention], _Sentence]] = None) -> list[Relation]:
    """Relations of one sentence (see the module docstring for the rules)."""
    s, text, lang = view.s, view.text, view.s.lang
    triggers = [favour_over_control(view, t) for t in usable_triggers(find_triggers(text), text, view)]
    if not triggers:
        return []
    baseline_cue = view.may_match(_BASELINE_WORD) and _BASELINE_WORD.search(text) is not None  # every _BASELINE_VALUE match holds one
    out: list[Relation] = []
    used: set[int] = set()
    if carried is not None and not any(_rel(e, s)[1] <= triggers[0].start for e in view.exercises) and \
            _other_agent(view, triggers[0], clause_bounds(text, triggers[0].start, lang)[0]):
        carried = None  # "此外, NP可通过上调...": the sentence has its own subject
    negated_before: dict[int, bool] = {}
    for k, trig in enumerate(triggers):
        lo, hi = clause_bounds(text, trig.start, "en" if lang == "en" else "zh")
        antecedent = None
        if lo > 0 and _WHICH_END.search(text[:lo]) and _RELATIVE_PASSIVE.match(text[lo:trig.start]):
            antecedent = _antecedent_targets(view, clause_bounds(text, lo - 1, lang)[0], lo)
        if trig.direction != "no_change" and any(
                t.direction == "no_change" and lo <= t.start and 0 <= trig.start - t.end <= 50 and
                not any(t.end <= _rel(m, s)[0] < trig.start for m in view.targets) for t in triggers[:k]):
            continue  # "no evidence that exercise altered X": part of the no-change phrase
        unknown = _UNKNOWN.search(text, trig.end, hi) if view.may_match(_UNKNOWN) else None
        if unknown and not _UNKNOWN_APART.search(text, trig.end, unknown.start()):
            continue  # "Evidence of yoga's efficacy in treating CIPN is lacking", "运动能否改善X尚不清楚": no finding
        if lang == "en" and _LESS_KNOWN.match(text, trig.end) and trig.text.lower() in ("less", "little", "poorly"):
            continue  # "its effect on functional recovery is less well known": the trigger is the unknown's
        if lang == "en" and _SCARCE.search(text, lo, trig.start):
            continue  # "only a small number of studies report exercise-induced analgesia": a gap, not a finding
        rel_clause = _RELATIVE_VERB.search(text[max(0, trig.start - 60):trig.start]) if view.may_match(_RELATIVE_VERB) else None
        if rel_clause and not _exercise_antecedent(view, trig.start - len(rel_clause.group(0))):
            continue  # "IL-10, a cytokine that can reduce nociceptor sensitization, ...": the cytokine acts
        nominal = bool(_HAN.match(trig.text)) and text[trig.start - 1:trig.start] == "的"
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
            later = [e for e in view.exercises if _rel(e, s)[0] >= trig.end and
                     not _EXERCISE_OBJECT.search(text[max(0, _rel(e, s)[0] - 40):_rel(e, s)[0]]) and
                     not _SPARED_ARM.search(text[max(0, _rel(e, s)[0] - 40):_rel(e, s)[0]]) and
                     not re.search(r"[;；]", text[trig.end:_rel(e, s)[0]]) and  # another statement after a semicolon
                     # "..., and exercise normalizes SERT expression": the exercise is the subject of its own verb
                     not any(t.start >= _rel(e, s)[1] and re.fullmatch(r"\s*(\w+ly\s+|also\s+|can\s+|could\s+|may\s+)?",
                                                                     text[_rel(e, s)[1]:t.start]) for t in triggers[k + 1:])]
            opener = _SUBORDINATE_OPENER.match(text[:trig.start])
            if opener:  # "Since stress can also produce analgesic effects, we studied how exercise…": stress acts
                comma = text.find(",", trig.end)
                later = [e for e in later if comma < 0 or _rel(e, s)[0] < comma]
            turn = next((t for t in triggers[k + 1:] if {t.direction, trig.direction} == {"increase", "decrease"}), None)
            if turn is not None and not any(trig.end <= _rel(m, s)[0] < turn.start and not _is_modifier(view, m, view.targets)
                                            for m in view.targets):  # "in all diabetic rats" names who, not what
                # "NCV decreased in all diabetic rats and increased after exercise training": one subject, and the
                # turn that follows is the exercise's; the first change is the injury's
                later = [e for e in later if _rel(e, s)[0] < turn.start]
            ex = _nearest([e for e in later if _rel(e, s)[0] < hi] or
                          ([] if _has_target_before(view, trig, lo) else later), s, trig.end, False)
        if ex is None and carried is not None:
            ex_list, ex_src = carried
            # the modality the sentence named beats a generic word beside it ("yoga ... breathing exercises")
            ex = next((e for e in reversed(ex_list) if e.name != "exercise"), ex_list[-1]) if ex_list else None
            carried_flag = ex is not None
        if ex is None:
            continue
        if lang == "en" and view.may_match(_HEALTHY_COMPARATOR) and _HEALTHY_COMPARATOR.search(text, trig.end, hi):
            continue  # "diabetic rats presented a lower body mass compared with the normoglycemic groups": the disease's
        if _only_other_arm(view, ex, lo, trig):
            continue  # "Both groups improved X, while only the CG showed better Y": Y is the control arm's
        if trig.direction == "better_than" and favours(trig) and \
                _better_exercise(view, trig) is None:
            continue  # "in favor of the IE group" with no exercise favoured in the sentence: no comparison to read
        if carried_flag and (MODEL_GROUP.search(text[lo:trig.start]) or any(
                not re.search(r"(与|较|和|同|比)\s*$", text[max(0, g.start() - 3):g.start()])
                for g in MODEL_GROUP.finditer(text, 0, trig.start))):
            # "与Sham组相比, SNI组小鼠PWT明显下降, Iba-1表达明显升高": the model group (the subject, not the
            # comparator after 与/较) changed, in every clause of the sentence, not the exercise
            continue
        if carried_flag and view.other_arms and _subject_arm(text, trig.start) in view.other_arms:
            continue  # "…, 且观察组ODI评分为…分比对照组的…分低": the arm that differs by a non-exercise addition
        if carried_flag and (_MODEL_GROUP_LOCUS.search(text[trig.end:hi]) or _ASSOCIATION.search(text[lo:hi]) or
                             _INDUCTION_SUBJECT.match(text[lo:trig.start])):
            # "thresholds were reduced in the CCI group than in sham rats", "TES was not associated with anxiety
            # reduction", "Induction of muscle hyperalgesia increased SERT": no exercise arm speaks here
            continue
        if lang != "en" and trig.direction != "better_than" and _TOPIC_OPENING.fullmatch(text[lo:trig.start]) and \
                re.match(r"[^，,；;。]{0,20}?(方面|上)\s*[，,]", text[trig.end:]):
            continue  # "在对改善脂代谢上, DSL组TC最低": the topic of the comparison that follows, no finding
        if _INTERACTION_AFTER.match(text[trig.end:]):
            continue  # "…对降低FPG水平没有显著性交互作用": a statistical interaction, not a change of FPG
        if lang != "en" and ((c := _ZH_CORRELATION.search(text, lo, hi)) and not any(
                lo <= _rel(e, s)[0] < c.start() for e in view.exercises) and (
                c.start() < trig.start < c.end() or trig.start < c.start() and re.match(r"(程度|幅度|变化量|变化值|值)", text[trig.end:trig.end + 3]))
                or _ZH_THOSE_WHO.match(text, trig.end)):
            # ("规律的运动与NP的患病率降低有相关性": the exercise itself correlates with the change, which stands)
            continue  # "疼痛缓解程度与关节负荷改善密切相关": a correlation; "疼痛改善明显者": a subgroup, no finding
        if other_intervention_subject(view, trig, lo):
            continue  # "而膳食控制对FPG水平没有显著性影响, 可以显著性提高FINS水平": the diet acts, not the exercise
        if carried_flag and _drug_subject(view, trig, lo) and _antagonised_analgesia(view, trig, stop) is None:
            continue  # "In the same animals, paclitaxel also reduced cellular proliferation": the drug acts, not the exercise
        agent = None if carried_flag else co_intervention(view, trig, lo, ex)
        if agent is None and not carried_flag and _drug_agent(view, trig, lo, ex):
            held = _antagonised_analgesia(view, trig, stop)
            if held is None:
                continue
            used.add(id(held))  # "did not alter the antinociception induced by exercise": not also the target of "induced"
            # "纳洛酮/中和抗体阻断运动的镇痛作用": the antagonist acts; the exercise's analgesia holds
            out.append(Relation(
                sentence=s.index, exercise=_exercise_name(ex, ex_src.text, _rel(ex, ex_src.s)[0]),
                exercise_text=ex.text, direction="decrease", target="pain", target_text=held.text,
                target_id="MESH:D010146", target_type="outcome", trigger=trig.text, pain_effect="relieves",
                confidence=0.6, context_from={"antagonist": "sentence"}))
            continue
        # --- targets
        if antecedent:
            tgts = antecedent
        elif trig.direction == "better_than":
            tgts = _comparison_targets(view, trig)
        elif trig.direction == "improve" and favours(trig):  # over a control
            tgts = _target_before(view, trig, lo, frozenset(used)) or _comparison_targets(view, trig)
        elif nominal:
            tgts = _target_before(view, trig, lo, frozenset(used))  # nominal: "星形胶质细胞表达的减少"
        elif trig.text in "↑↓":  # "Pain↓": the outcome right before the arrow
            tgts = [m for m in view.targets if 0 <= trig.start - _rel(m, s)[1] <= 2][-1:]
        else:
            prev_end = max([t.end for t in triggers[:k] if t.end <= trig.start] + [lo])
            intransitive = _INTRANSITIVE.match(text[trig.end:])
            if not intransitive and lang != "en" and _ZH_CORRELATION.match(text, trig.end):
                intransitive = True  # "NT-3水平升高与CNCV呈正相关": what rose is before the verb, not its correlate
            # a change noun names its target after "in/of" ("a significant chronic reduction in the VAS and NPS")
            noun_of = intransitive and _IN_OF_AFTER.match(text[trig.end:]) and (
                re.search(r"(tions?|ments?|ances?)$", trig.text, re.I) or
                re.search(r"\b(a|an|the|significant|marked|greater|further|chronic|acute|\w+ly)\s+$", text[:trig.start], re.I))
            tgts = _target_before(view, trig, max(lo, prev_end), frozenset(used)) if intransitive else []
            if noun_of and tgts and text[_rel(tgts[-1], s)[1]:trig.start].strip():
                tgts = _targets_after(view, trig, stop) or tgts  # "acute pain reduction in the VAS" keeps the compound
            if not tgts:
                tgts = _targets_after(view, trig, stop)
            if not tgts and not intransitive:
                tgts = _target_before(view, trig, max(lo, prev_end), frozenset(used))
            shared = next((t for t in reversed(triggers[:k]) if lo <= t.start and t.end <= trig.start), None)
            if not tgts and shared is not None and re.search(r"\b(and|but|then|yet)\b", text[shared.end:trig.start], re.I) \
                    and not any(shared.end <= _rel(m, s)[0] < trig.start and not _is_modifier(view, m, view.targets)
                                for m in view.targets):
                tgts = _target_before(view, shared, lo, frozenset(used))  # "NCV decreased ... and increased after"
            verb2 = triggers[k + 1] if k + 1 < len(triggers) else None
            if not tgts and verb2 is not None and verb2.start < hi and \
                    re.fullmatch(r"\s*(,\s*)?(and|or|和|并)\s*(\w+ly\s+)?", text[trig.end:verb2.start], re.I):
                after2 = next((t.start for t in triggers[k + 2:]), len(text))
                tgts = _targets_after(view, verb2, min(hi, after2))  # "decreased and normalised IL-6": one object
        if not tgts and re.match(r"\s*了?\s*(其|它的|它们的)(水平|表达|含量|活性|浓度)|\s+(its|their)\s+(levels?|expression|"
                                 r"content|activity|concentrations?)\b", text[trig.end:], re.I):
            tgts = [m for m in view.targets if _rel(m, s)[1] <= trig.start][-1:]  # "而运动能够提高其水平": its = X
        if tgts and trig.direction != "better_than" and _rel(tgts[-1], s)[0] > trig.end:
            tgts = tgts + _listed_after(view, hi)  # "提高机械痛阈值(SMD=0.84…);热痛阈值(SMD=1.54…)"
        if not tgts:  # "damp this elevation": the targets of the sentence before, copied to the phrase
            tgts = [m for m in view.targets if m.source == "anaphor" and trig.start <= _rel(m, s)[0] < stop]
        if not tgts and trig.direction != "better_than":
            tgts = topic_target(view, trig)  # "For the mechanical withdrawal threshold, … higher thresholds"
        if not tgts and lang != "en" and not carried_flag:
            tgts = _elided_targets(view, trig, ex, lo, triggers)  # "DM组TRPV1较NC组升高, DE组较DM组降低"
        if lang != "en":  # "反应者组VAS评分干预前后差值高于非反应者组": a change score compared, not the score's change
            tgts = [m for m in tgts if not _CHANGE_SCORE.match(text, _rel(m, s)[1])]
        if not tgts:
            continue
        if not carried_flag and lang != "en" and _rel(ex, s)[1] <= lo and \
                re.search(r"[；;]", text[_rel(ex, s)[1]:lo]) and _INJURY_SUBJECT.search(text[lo:trig.start]):
            continue  # "运动干预使创面愈合加快; 伤后大鼠血清TNF-α明显上升": after the semicolon the injury acts
        if lang != "en" and not view.control_exercises and (c := _control_subject(view, lo, trig.start)) is not None \
                and not c < _rel(ex, s)[0] < trig.start:
            continue  # "八段锦组MARDS降低, 而对照组MARDS评分无显著变化": the control arm's own result
        if _ALL_INJURED.search(text, lo, hi) and not any(
                max(text.rfind(",", 0, trig.start), text.rfind(";", 0, trig.start)) < _rel(e, s)[0] < hi
                for e in view.exercises):
            continue  # "..., and myelin thickness was lower in all crushed groups": the injury's, the control's too
        if view.may_match(_GROUP_REF) and _GROUP_REF.search(text[lo:trig.start]) and not lo <= _rel(ex, s)[0] < hi and not carried_flag and not (
                trig.direction == "no_change" and lang != "en" and len(view.arm_names) <= 1 and
                between_arms_unchanged(text, lo, hi)):
            continue  # "之后两组阈值均低于Sham组": both arms, the control among them ("而两组体重差异无统计学意义": none)
        if trig.direction not in ("better_than", "no_change") and _rel(tgts[0], s)[0] > trig.end and any(
                0 <= _rel(e, s)[0] - trig.end <= 6 and _rel(e, s)[0] < _rel(tgts[0], s)[0] and
                not re.fullmatch(r"\s+of\s+(the\s+)?", text[trig.end:_rel(e, s)[0]], re.I) for e in view.exercises):
            continue  # "failed to maintain an exercise regimen ... fatigue": the exercise is the object
        if trig.text in _EXERT and not any(_ANALGESIA.search(t.name) for t in tgts):
            continue  # "produced a significant acute pain reduction": the verb states nothing; the noun after it does
        used.update(id(t) for t in tgts)
        group = _coordinated_exercises(ex_src, ex)
        if not carried_flag and _rel(ex, s)[0] >= trig.end:  # "decreased by 38% in the aquatic group and by 21% in..."
            after = [e for e in view.exercises if trig.end <= _rel(e, s)[0] < hi and not re.search(
                r"\b(?:than|compared (?:with|to)|relative to|versus|vs\.?)\s+(?:(?:in|with|to|the|those|that|of)\s+)*"
                r"(?:groups?\s+)?$", text[max(0, _rel(e, s)[0] - 40):_rel(e, s)[0]], re.I)  # not the comparator
                and not _SPARED_ARM.search(text[max(0, _rel(e, s)[0] - 40):_rel(e, s)[0]])]  # "but not in the X group"
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
        arms_alike = lang == "en" and not carried_flag and _ARMS_DIFFER.search(trig.text) and (
            len(set(names)) > 1 or _MODALITIES_OF.search(text[max(0, _rel(ex, s)[0] - 40):_rel(ex, s)[0]]) or
            len(names) == 1 and "+" in names[0] and _BETWEEN_BEFORE.search(text[max(0, _rel(ex, s)[0] - 14):_rel(ex, s)[0]]))
        if arms_alike and len(set(names)) == 1 and "+" in names[0]:
            names = names[0].split("+")  # "between aerobic and resistance training": two arms, not the combination
            group = group * len(names)
        if arms_alike and len(set(names)) <= 1:
            continue  # "different types of exercise were not significantly different on pain": no arm named, no finding
        # a no-change phrase that only says the change was not significant ("…有所降低, 但无显著性差异") is read by
        # the flags of the change before it, not a statement that ends the change's reach
        nxt_flags = next((t.start for t in triggers[k + 1:] if t.direction != "better_than" and
                          not (t.direction == "no_change" and NOT_SIGNIFICANT.search(t.text)) and
                          not (_THE_BEFORE.search(text, 0, t.start) and _NOT_SIGNIFICANT_AFTER_EN.match(text, t.end))),
                         len(text))
        # …but never past a semicolon or into a later clause with a target of its own ("…BDNF表达亦降低, 而KCC2表达
        # 差异无统计学意义": KCC2's difference is not BDNF's)
        semi = _SEMICOLON.search(text, trig.end)
        own = [c0 for c0 in _target_clause_starts(view) if c0 > trig.end]
        nxt_flags = min([nxt_flags] + ([semi.start()] if semi else []) + own)
        negated, hedged = _flags(text, lo, trig, lang, nxt_flags, view.may_match)
        if not hedged and lang != "en" and not carried_flag and _rel(ex, s)[1] <= lo and \
                view.may_match(_HEDGE_RX) and _HEDGE_RX.search(text[_rel(ex, s)[1]:lo]) and \
                not any(lo <= _rel(m, s)[0] < trig.start for m in view.all if m.label in TARGET_LABELS | {"EXERCISE"}):
            hedged = True  # "运动可能减轻X, 减轻Y": the modal of the shared subject covers the next verb phrase
        if not negated and k and negated_before.get(k - 1) and \
                re.search(r"\b(or|nor)\s+((in|to|by)\s+)?$|或$|或者$", text[triggers[k - 1].end:trig.start][-12:], re.I):
            negated = True  # "ineffective in reversing X or in improving Y": the negation covers both verbs
        negated_before[k] = negated
        if arms_alike:
            # "pain did not differ between the yoga and walking groups": neither arm did better than the other; no
            # statement that either left pain unchanged
            pair = list(dict.fromkeys(names))
            group, names, negated = [group[names.index(pair[0])]], [pair[0]], True
            trig = Trigger(trig.start, trig.end, "better_than", trig.text)
        trig_dir = trig.direction
        if negated and (trig_dir == "modulate" or trig_dir == "improve" and re.search(r"影响|effect|impact", trig.text, re.I)):
            # "neither programme changed X", "运动干预未对血清IL-6产生显著影响": no change
            negated, trig = False, Trigger(trig.start, trig.end, "no_change", trig.text)
        if not carried_flag and with_control(view, ex):
            continue  # "D组和DR组MNCV均显著下降": the injury's effect, shared by a control arm
        arm = comparator_arm(view, trig, lo, hi) if not carried_flag else None
        compared_to = _compared_to(view, trig) if trig.direction == "better_than" else None
        if arms_alike:
            compared_to = pair[1]
        if arm is not None and arm[0] == "exercise" and trig.direction in ("increase", "decrease", "improve") \
                and arm[1].name not in names:
            # "DR组FBG显著低于DA组": one exercise arm against another
            trig, compared_to = Trigger(trig.start, trig.end, "better_than", trig.text), arm[1].name
        elif trig.direction == "better_than" and (arm is not None and arm[0] == "control" or compared_to and
                                                  _CONTROL.search(compared_to + text[trig.end:trig.end + 8])):
            # "better than the nonexercised group", "降幅显著大于常规护理组": a difference from control; the change
            # the size of which is compared gives the direction ("降低幅度大于对照组" decreased more)
            said = text[max(0, trig.start - 4):trig.start] + trig.text
            d = "decrease" if re.search(r"(降低|下降|减少|减轻|缩短)幅度|降幅", said) else \
                "increase" if re.search(r"(升高|增加|提高|上升|增多|延长)幅度|增幅", said) else "improve"
            trig, compared_to = Trigger(trig.start, trig.end, d, trig.text), None
        in_clause = not carried_flag and lo <= _rel(ex, s)[0] < hi
        c_lo, c_hi = _sub_clause(view, ex if in_clause else None, trig, lo, hi)
        for combo in _combine(group, ex_src.text, ex_src.s, names, frozenset(view.arm_names)):
            ex_name = "+".join(names[i] for i in combo)
            ex_text = ex_src.text[_rel(group[combo[0]], ex_src.s)[0]:_rel(group[combo[-1]], ex_src.s)[1]]
            if agent is not None:  # "aerobic training with melatonin": the combination's finding, named so
                given = agent.name if agent.name[1:2].isupper() else agent.name[:1].lower() + agent.name[1:]
                ex_name = f"{ex_name} with {given}"
                span = [_rel(group[combo[0]], s)[0], _rel(group[combo[-1]], s)[1], *_rel(agent, s)]
                ex_text = text[min(span):max(span)]
            protocol = _protocol_for(ex_src, group[combo[0]], c_lo, c_hi) if not carried_flag else \
                Protocol() if other_study(ex_src.s, s) else _protocol_for(ex_src, group[combo[0]], 0, len(ex_src.text))
            ctx = {}
            model, ctx["model"] = _context(view, "MODEL", c_lo, c_hi, dlex)
            species, ctx["species"] = _context(view, "SPECIES", c_lo, c_hi, dlex)
            if species == "human" and ctx["species"] not in ("clause", "sentence") and _ANIMAL_STUDY.search(text):
                species, ctx["species"] = None, "animal"  # "results from animal models show...": not the patients'
            tissue, ctx["tissue"] = _context(view, "ANATOMY", c_lo, c_hi, dlex)
            if ctx["model"] != "clause" and healthy_population(text[lo:hi]):
                model, ctx["model"] = None, "healthy"  # "in uninjured mice": the injury model is not theirs
            if species is None and s.kind == "table" and re.search(r"临床|clinical|patients?|患者", view.caption):
                species, ctx["species"] = "human", "table"
            for t in tgts:
                if trig.text in _EXERT and not _ANALGESIA.search(t.name):
                    continue  # "发挥重要作用": only "发挥镇痛作用" states an effect
                if t.name == "exercise-induced hypoalgesia" and trig.direction == "decrease":
                    continue  # "X prevented exercise-induced hypoalgesia": the antagonist acts, the effect holds
                a, b = _rel(t, s)
                if baseline_cue and (_BASELINE_VALUE.search(text[max(0, a - 40):a]) or _BASELINE_VALUE.search(text[:a])):
                    continue
                t_tissue, t_ctx = tissue, ctx
                mine = own_tissue(view, t, dlex) if ctx["tissue"] else None
                if mine is not None and mine != tissue:  # "cortical IL-6 and striatal dopamine"
                    t_tissue, t_ctx = mine, dict(ctx, tissue="clause")
                if t.label == "OUTCOME" and ctx.get("tissue") == "paragraph":
                    t_tissue, t_ctx = None, dict(ctx, tissue="")  # behaviour is not measured in a tissue
                direction = _resolve_direction(trig, t, text, lo, a) if trig.direction != "better_than" else "better_than"
                own = _OWN_STATE_BEFORE.search(text[max(trig.end, a - 6):a]) if trig.end <= a and \
                    _PRODUCING.fullmatch(trig.text) else None
                if own:  # "引起有限的镇痛作用和减少的CPM反应": the item names its own change, the verb only produces it
                    direction = "decrease" if own.group(1).lower() in _OWN_DOWN else "increase"
                elif trig.end <= a and _PRODUCING.fullmatch(trig.text) and _CHANGE_OF.match(text, b):
                    direction = "modulate"  # "运动引起血清CRP的变化": a change, no direction
                if _UNDOING.fullmatch(trig.text) and trig.start < a:
                    rest = re.sub(r"^\s*的?(表达|水平|含量|活性)?的?", "", text[b:b + 10])
                    change = next((_nominal(rest[:n]) for n in (4, 3, 2) if _nominal(rest[:n])), None)
                    if change:  # "运动逆转了SNI诱导的KCC2表达下调": the change named after its target, undone
                        direction = "increase" if change == "decrease" else "decrease"
                if direction in ("increase", "decrease") and view.may_match(_RESISTANCE_TO) and \
                        _RESISTANCE_TO.search(text[max(0, a - 24):a]) or \
                        _RESISTANCE_AFTER.match(text[b:b + 8]) and text[a - 1:a] == "对":
                    direction = "decrease" if direction == "increase" else "increase"  # resistance to ROS: less ROS
                aspect = _aspect(text, a, b)
                shared_state = None
                if aspect is None and t.label == "CELL_TYPE":  # "星形胶质细胞和小胶质细胞的活化": one aspect for both
                    aspect = _shared_cell_aspect(view, t, tgts)
                    # the cell state the lexicon names ("astrocyte activation"), when it has one
                    shared_state = dlex.base.lookup(f"{re.sub(r's$', '', t.name)} {aspect}") if aspect else None
                target, target_id, target_type = t.name, t.concept_id, t.label.lower()
                timed = _timed_test(t, dlex)
                if timed is not None:  # "increased TUG performance": a shorter TUG time
                    target, target_id = timed.name, timed.id
                    if trig.direction in ("increase", "decrease") and direction in ("increase", "decrease"):
                        direction = "decrease" if direction == "increase" else "increase"
                if _ANALGESIA.search(t.name) and direction in ("increase", "decrease"):
                    # more analgesia is less pain: store it the way pain outcomes are stored
                    direction = "decrease" if direction == "increase" else "increase"
                    target, target_id, target_type = "pain", "MESH:D010146", "outcome"
                if shared_state is not None:
                    target, target_id, target_type = shared_state.name, shared_state.id, shared_state.type.lower()
                elif aspect in ("activation", "polarization") and t.label == "CELL_TYPE" or \
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
                    target_type=target_type, trigger=trig.text, aspect=aspect,
                    negated=negated or bool(view.may_match(_BUT_NOT) and _BUT_NOT.search(text[max(0, a - 40):a])),
                    hedged=hedged, exercise_carried=carried_flag, compared_to=compared_to, model=model,
                    species=species, tissue=t_tissue, protocol=protocol, context_from=dict(t_ctx),
                    pain_effect=_pain_effect(direction, f"{target} {t.text}"), confidence=round(conf, 2)))
    return _dedupe(out + _no_such_effect(view, out))


def _shared_cell_aspect(view: _Sentence, t: Mention, tgts: list[Mention]) -> Optional[str]:
    """The activation or polarization stated after the cell type coordinated right after ``t``
    ("星形胶质细胞和小胶质细胞的活化", "astrocyte and microglial activation"), else None."""
    s, text = view.s, view.text
    b = _rel(t, s)[1]
    nxt = next((m for m in tgts if m.label in ("CELL_TYPE", "CELL_STATE") and _rel(m, s)[0] >= b and
                re.fullmatch(r"\s*(和|及|与|、|以及|and|or|,)\s*", text[b:_rel(m, s)[0]], re.I)), None)
    if nxt is None:
        return None
    if nxt.label == "CELL_STATE":  # "小胶质细胞的活化" tagged whole: microglia activation
        aspect = nxt.name.rsplit(" ", 1)[-1]
    else:
        aspect = _aspect(text, *_rel(nxt, s))
    return aspect if aspect in ("activation", "polarization") else None


#: The performance or score on a timed test ("TUG performance", "timed up-and-go scores"): better performance is
#: a shorter time (litmine curators; the timed tests of the outcome-polarity list in :mod:`.cues`).
_TIMED_PERFORMANCE = re.compile(r"^(?P<test>TUG|timed up[- ]and[- ]go(?: test)?|TUG test)\s+(?:performance|scores?|results?)$", re.I)


def _timed_test(t: Mention, dlex: DocumentLexicon):
    """The lexicon concept of the timed test whose performance the outcome phrase ``t`` names, or ``None``."""
    m = _TIMED_PERFORMANCE.match(t.name) if t.label == "OUTCOME" else None
    return dlex.base.lookup(m.group("test")) if m else None


def _dedupe(rels: list[Relation]) -> list[Relation]:
    """One relation per (sentence, exercise, direction, concept, text as written, negation, comparator, species,
    duration, tissue named in the clause) -- "18 days of swimming decreased X in rats, and 7 days of swimming
    decreased X in mice" is two, and so is "(2) at the DRG, BDNF was lower; (3) in the spinal cord, BDNF was
    lower": the same concept written two ways ("神经传导速度 … MNCV") is kept as two statements of it."""
    seen, out = set(), []
    for r in rels:
        key = (r.sentence, r.exercise, r.direction, r.target_id, r.target_text, r.negated, r.compared_to, r.species,
               r.protocol.duration, r.tissue if r.context_from.get("tissue") == "clause" else None)
        if key in seen:
            continue
        seen.add(key)
        out.append(r)
    return out


# the patterns the rules above search in a sentence or in slices of it, behind the view's word gate (view.gate)
for _rx in (_ONLY_ARM, _NO_SUCH_EFFECT, _BASELINE_WORD, _UNKNOWN, _RELATIVE_VERB, _HEALTHY_COMPARATOR, _GROUP_REF,
            _RESISTANCE_TO, _BUT_NOT, NOT_SIGNIFICANT, _HEDGE_RX, _NOT_ONLY, _APPOSITION):
    gate(_rx)
