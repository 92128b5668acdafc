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

Rooms: ``cues`` (cue lists as data), ``triggers``, ``clauses`` (clause bounds, negation and
hedging), ``view`` (per-sentence mentions), ``targets``, ``exercises`` (naming, arms, agents),
``comparisons``, ``context`` (slots, document fill), ``sentence`` (one sentence), ``document`` (the loop).
"""
from .cues import CONTEXT_LABELS, TARGET_LABELS
from .document import RELATION_KINDS, RELATION_VERSION, extract_relations
from .triggers import Trigger, find_triggers

__all__ = ["CONTEXT_LABELS", "TARGET_LABELS", "RELATION_KINDS", "RELATION_VERSION", "Trigger", "extract_relations", "find_triggers"]
