"""The document loop: sentences in order, exercises carried and study arms remembered.
"""
from __future__ import annotations


import re
from typing import Iterable, Optional
from ...types import Mention, Relation, Sentence
from ..tagger import DocumentLexicon
from .clauses import _rel
from .context import PROTOCOL_FIELDS, _display, _document_context, _has, _pool, fill
from ..protocol import summarise
from .groups import _GROUP_WORD_AT, control_exercises, find_groups, group_mentions, non_exercise_arms
from dataclasses import replace

from .cues import CONTROL_WORDS, MODEL_GROUP, AIM, between_arms_unchanged, ANAPHORIC_CHANGE, RESULTS_LABEL, STUDY_REF, SECTION_LABEL, _ADDITIVE, _CONTINUATION, _GROUP_REF, _INTERPRETIVE
from .sentence import _dedupe, sentence_relations
from .targets import _is_modifier
from .view import _Sentence, gate

#: Stored with every document; raised when the relation rules change what a document yields (this stop's rules:
#: v3), so `litmine stats` can name the documents an older litmine read.
RELATION_VERSION = "litmine.relations.v3"


RELATION_KINDS = ("body", "caption", "table")

for _rx in (ANAPHORIC_CHANGE, _GROUP_REF, AIM):  # searched in a sentence behind the view's word gate (view.gate)
    gate(_rx)


#: The labels and section names of a paper's methods: where its own training protocol is stated.
METHODS_LABEL = re.compile(r"^(?:methods?|方法|研究方法|materials and methods|design|interventions?|participants|setting)$", re.I)


#: In a time-after-injury part, or right after it in its clause: training starts then ("beginning 3 days after
#: transection", "术后1周开始", "造模后第1-15天行低强度运动", "one week after induction, rats were subjected to swimming").
_TRAINING_STARTS = re.compile(r"(?:[^。;；.]{0,40}?)(?:开始|起|行|进行|训练|运动|锻炼|游泳|跑台|\bbeg[ai]n|\bstart|subjected to|"
                              r"\btrain|\bexercis|\bswim|\bran\b|\brun|\btreadmill)", re.I)


def _modalities(names: set) -> set:
    """The modalities the exercise names of a methods sentence stand for, a running or walking verb on a
    treadmill read as the treadmill ("rats ran on a treadmill": one modality, not two arms)."""
    return names - {"running", "walking"} if "treadmill" in names else names


def _methods_subjects(r: Relation, subjects: list[tuple[int, set, set]], refs: dict[int, list]) -> Relation:
    """``r`` with the model and species its sentence and paragraph leave unstated taken from the document's uncited
    methods sentences (``subjects``: (sentence index, models, species) of each that names an exercise), when, together,
    they name one model (one species): "Methods: Rats with spared nerve injury ran on a treadmill ... Results: Exercise
    reduced mechanical allodynia" is SNI, rat. Not for a sentence citing a study, one before the methods, one about a
    healthy population (the model), nor an animal model for a relation in people. ``context_from`` says
    ``methods``."""
    if refs.get(r.sentence) or not subjects or r.sentence <= subjects[0][0]:
        return r
    models = set().union(*(m for _, m, _ in subjects))
    species = set().union(*(sp for _, _, sp in subjects))
    changes, where = {}, dict(r.context_from)
    if r.model is None and len(models) == 1 and where.get("model") != "healthy" and r.species != "human":
        changes["model"], where["model"] = next(iter(models)), "methods"
    if r.species is None and len(species) == 1:
        changes["species"], where["species"] = next(iter(species)), "methods"
    return replace(r, **changes, context_from=where) if changes else r


def _methods_protocol(r: Relation, methods: list[tuple[int, set, tuple, str]], refs: dict[int, list]) -> Relation:
    """``r`` with the protocol kinds its sentence and paragraph leave unstated taken from the document's methods
    (``methods``: (sentence index, exercise names, protocol parts, text) of each uncited methods sentence that names
    an exercise and states a protocol): a results, discussion or conclusion sentence after them, citing no study, is
    about the document's own training. The methods sentences naming ``r``'s exercise are read, else all of them when
    they name one exercise (an intensity only from those naming it); a kind is filled only when they state one value
    for it (two arms at 10 and 17 m/min fill no speed; the word ``daily`` yields to a count); a time after the injury
    is when training started only with a start cue or training named after it (:data:`_TRAINING_STARTS`; not
    "训练结束后(即损伤后5周)取材"). ``context_from["protocol"] = "methods"`` marks a filled relation."""
    if refs.get(r.sentence) or not methods or r.sentence <= methods[0][0]:
        return r
    missing = [kind for kind in PROTOCOL_FIELDS if not _has(r.protocol, kind)]
    named = [(parts, text) for _, names, parts, text in methods if r.exercise in names]
    arms = {n for _, names, _, _ in methods for n in _modalities(names) if n != "exercise"}
    pool = named or ([(parts, text) for _, _, parts, text in methods] if len(arms) <= 1 else [])
    proto, filled = replace(r.protocol), False
    for kind in missing:
        if kind == "INTENSITY" and not named:
            continue  # arms differ by intensity: only the methods naming this exercise say its intensity
        found = [p for parts, text in pool for p in parts if p.kind == kind and (
            kind != "TIMING" or _TRAINING_STARTS.search(p.text) or _TRAINING_STARTS.match(text, p.end))]
        if kind == "FREQUENCY" and any(p.display not in ("daily", "every other day") for p in found):
            found = [p for p in found if p.display != "daily"]
        if found and len({p.display for p in found}) == 1:
            fill(proto, summarise(found[:1]), kind)
            filled = True
    return replace(r, protocol=proto, context_from=dict(r.context_from, protocol="methods")) if filled else r


def _arms_at(view: _Sentence, ref, arms: list[tuple[Mention, _Sentence]]) -> list[Mention]:
    """``view.exercises`` with the study arms standing at a group reference ("两种运动", "both
    exercise groups"): one mention per arm over the reference's span, in place of a generic
    exercise mention there."""
    s = view.s
    a, b = s.start + ref.start(), s.start + ref.end()
    kept = [e for e in view.exercises if not (e.start < b and a < e.end and e.name == "exercise")]
    copies = [Mention(a, b, s.text[ref.start():ref.end()], "EXERCISE", m.concept_id, m.name, sentence=s.index,
                      source="group") for m, _ in arms]
    return sorted(kept + copies, key=lambda m: (m.start, m.end))


def _anaphoric_targets(view: _Sentence, prev: _Sentence) -> list[Mention]:
    """Copies of the previous sentence's targets standing at a change named by a demonstrative ("ET could damp
    this elevation": the Arf6 level the sentence before found raised), ``source="anaphor"``; diseases (the
    population), class nouns and modifiers of the previous sentence are not copied. Empty without such a phrase."""
    m = ANAPHORIC_CHANGE.search(view.text) if view.may_match(ANAPHORIC_CHANGE) else None
    if m is None:
        return []
    s = view.s
    a, b = s.start + m.start(), s.start + m.end()
    kept = [t for t in prev.targets if t.label not in ("DISEASE", "CLASS") and not _is_modifier(prev, t, prev.targets)]
    return [Mention(a, b, m.group(0), t.label, t.concept_id, t.name, sentence=s.index, source="anaphor", xref=t.xref)
            for t in list({t.concept_id: t for t in kept}.values())]


#: A Chinese phrase that stands for the measures the sentence has just listed ("两组VAS、ODI评分均较治疗前降低, 且观察组
#: 上述指标均低于对照组"); litmine curators, from CNKI result sentences.
_LISTED_BEFORE = re.compile(r"(?:上述|以上|前述)(?:各项|各|几项|两项|三项)?(?:指标|指数|评分|结果|参数)")


def _listed_targets(view: _Sentence) -> list[Mention]:
    """Copies of the targets listed before "上述指标" in its part of the sentence (after the last semicolon before it,
    else from the sentence's start), standing at the phrase, ``source="anaphor"``, one per concept; diseases, class
    nouns and modifiers are not copied. Empty without the phrase."""
    out: list[Mention] = []
    s = view.s
    for m in _LISTED_BEFORE.finditer(view.text):
        start = max((p.end() for p in re.finditer(r"[；;]", view.text[:m.start()])), default=0)
        listed = [t for t in view.targets if t.source != "anaphor" and start <= _rel(t, s)[0] and _rel(t, s)[1] <= m.start()
                  and t.label not in ("DISEASE", "CLASS") and not _is_modifier(view, t, view.targets)]
        a, b = s.start + m.start(), s.start + m.end()
        out += [Mention(a, b, m.group(0), t.label, t.concept_id, t.name, sentence=s.index, source="anaphor", xref=t.xref)
                for t in {t.concept_id: t for t in listed}.values()]
    return out


#: Words that name an arm without the exercise: control, sham, model, usual care, health education (cues.CONTROL_WORDS
#: and MODEL_GROUP plus clinical comparators); litmine curators.
_NON_EXERCISE_ARM = re.compile(rf"{CONTROL_WORDS}|{MODEL_GROUP.pattern}|健康教育|健康宣教|常规|药物|comparison group|"
                               r"education", re.I)


#: A Chinese sentence dated by the study's intervention ("干预后…", "治疗12周后…", "练功6个月后…"): its changes are
#: the study exercise's, as in a results section.
_ZH_STUDY_TIME = re.compile(r"(?:干预|治疗|训练|练习|练功|锻炼)\s*(?:\d+\s*(?:周|个月|月|天|d|w)\s*)?(?:后|结束后|结束时)")


def _all_arms_exercise(text: str, mentions: list[Mention]) -> bool:
    """Does the document name no arm that goes without the exercise -- no control, sham, model, usual-care or
    education arm, and no other therapy or drug? Then "两组…均降低" (both response subgroups of one exercise
    cohort) reports the exercise's effect. Needs an exercise mention; text is the document's."""
    return any(m.label == "EXERCISE" for m in mentions) and not any(m.label in ("THERAPY", "DRUG") for m in mentions) \
        and not _NON_EXERCISE_ARM.search(text)


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
    mentions = list(mentions)
    if sentences:  # the text the sentences cover, at its offsets, for the group definitions
        buf = [" "] * max(s.end for s in sentences)
        for s in sentences:
            buf[s.start:s.end] = s.text
        text = "".join(buf)
        groups = find_groups(text, mentions)
        other_arms = non_exercise_arms(text, groups)
        both_exercise = bool(control_exercises(text, mentions))  # the control arm does the exercise too
        # no arm without the exercise ("回顾性选取完成12周太极拳干预的患者, 按疗效分为反应者组和非反应者组"):
        # a change in both groups is the exercise's
        both_exercise = both_exercise or _all_arms_exercise(text, mentions)
        mentions = group_mentions(text, sentences, mentions, groups)
        # the exercises the study gives arms of their own: "有氧运动组和抗阻运动组" then "有氧运动和抗阻运动有助于…"
        arm_names = {g.exercise.name for g in groups.values() if g.exercise is not None and not g.control} | {
            m.name for m in mentions if m.label == "EXERCISE" and _GROUP_WORD_AT.match(text, m.end, m.end + 8)}
    else:
        arm_names, other_arms, both_exercise = set(), set(), False
    by_sent: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sent.setdefault(m.sentence, []).append(m)
    out: list[Relation] = []
    prev_view: Optional[_Sentence] = None
    last_ex: Optional[tuple[list[Mention], _Sentence]] = None
    arms: list[tuple[Mention, _Sentence]] = []  # distinct named exercises seen so far (study arms)
    study_ex: Optional[tuple[list[Mention], _Sentence]] = None  # the last exercise the document named
    in_results = False  # inside a structured abstract's "Results:" / "结果:" part
    in_methods = False  # inside its "Methods:" / "方法:" part
    methods: list[tuple[int, set, tuple, str]] = []  # the uncited methods sentences stating a protocol for an exercise
    subjects: list[tuple[int, set, set]] = []  # the models and species of the uncited methods sentences naming one
    caption = ""
    for s in sentences:
        label = SECTION_LABEL.match(s.text)
        if label:
            in_results = bool(RESULTS_LABEL.match(label.group("label")))
            in_methods = bool(METHODS_LABEL.match(label.group("label")))
        if s.kind == "caption":
            caption = s.text
        if s.kind not in RELATION_KINDS:
            if s.kind != "caption":
                prev_view, last_ex = None, None
            continue
        view = _Sentence(s, by_sent.get(s.index, []))
        view.arm_names = arm_names
        if (in_methods or METHODS_LABEL.match(s.section or "")) and not s.refs and view.exercises:
            names = {e.name for e in view.exercises}
            if view.protocol:
                methods.append((s.index, names, view.protocol, s.text))
            subjects.append((s.index, {_display(m, dlex) for m in _pool(view, "MODEL", dlex)},
                             {_display(m, dlex) for m in _pool(view, "SPECIES", dlex)}))
        view.caption = caption if s.kind == "table" else ""
        same_par = prev_view is not None and prev_view.s.paragraph == s.paragraph
        view.earlier = ([prev_view] + prev_view.earlier)[:6] if same_par and s.kind != "table" else []
        if same_par and prev_view.targets:
            view.targets = view.targets + _anaphoric_targets(view, prev_view)
        view.targets = view.targets + _listed_targets(view)
        view.continues = not _INTERPRETIVE.match(s.text) and bool(
            _CONTINUATION.match(s.text) or (not view.exercises and _ADDITIVE.search(s.text)))
        named = [e for e in view.exercises if e.name != "exercise"]
        group_ref = _GROUP_REF.search(s.text) if view.may_match(_GROUP_REF) else None
        if group_ref and len(arms) >= 2 and any(_rel(e, s)[0] < group_ref.start() for e in named):
            # "…DA组表现出下降趋势;两种运动均能改善X": the reference names the arms inside the sentence
            local = list({e.name: e for e in named if _rel(e, s)[0] < group_ref.start()}.values())
            # the arms this sentence has just named ("DA组和DR组...; 两种运动均能改善X"), else the last two seen
            view.exercises = _arms_at(view, group_ref, [(e, view) for e in local] if len(local) >= 2 else arms[-2:])
            group_ref = None
        if group_ref and len(arms) >= 2 and not any(_rel(e, s)[0] < group_ref.start() for e in named):
            # "两组患者的握力均增加", "in both exercise arms": one relation per study arm
            own, view.exercises = view.exercises, named  # "both exercise arms": the arms, not "exercise"
            for ex, src in arms[-2:]:
                if view.targets:
                    out.extend(sentence_relations(view, dlex, None, ([ex], src)))
            view.exercises = own
        else:
            carried = last_ex if (same_par and view.continues) else None
            if carried is None and (in_results or STUDY_REF.match(s.text) or view.time_anchored or
                                    (s.lang != "en" and _ZH_STUDY_TIME.search(s.text))) and not view.exercises \
                    and study_ex is not None:
                # "Results: median pain ratings decreased from 5 to 3", "Training regulated NGF": the study's exercise
                carried = study_ex
            view.other_arms = other_arms  # "观察组ODI评分低于对照组" where 观察组 added acupuncture to the training
            view.control_exercises = both_exercise  # the control arm trains too: its changes are the exercise's
            if group_ref and len(arms) < 2 and not both_exercise and not (
                    s.lang != "en" and len(arm_names) <= 1 and between_arms_unchanged(s.text)):
                # "两组治疗后TCSS评分均降低" with one exercise arm: the control arm changed too -- but "两组体重差异无统计学
                # 意义" says the exercise arm did not differ from the control: the exercise left it unchanged
                carried = None
            # every relation needs a target of the sentence and an exercise (its own or carried): the
            # sentence rules run only where both are (the loop's state above is kept for every sentence)
            found = sentence_relations(view, dlex, prev_view if same_par else None, carried) \
                if view.targets and (view.exercises or carried is not None) else []
            if found and view.may_match(AIM) and AIM.search(s.text):  # "we investigated whether exercise regulates X": a question, not a finding
                found = [replace(r, hedged=True, confidence=round(r.confidence * 0.8, 2)) for r in found]
            out.extend(found)
        if view.exercises:
            last_ex = study_ex = (view.exercises, view)
        elif not same_par:
            last_ex = None
        for e in named:
            arms = [(m, v) for m, v in arms if m.name != e.name] + [(e, view)]
        prev_view = view
    if methods or subjects:
        refs = {s.index: s.refs for s in sentences}
        out = [_methods_subjects(_methods_protocol(r, methods, refs), subjects, refs) for r in out]
    return _dedupe(_document_context(out, mentions))
