"""Issue 3: every target, exercise, model, species and tissue named in the seed's dev
gold is tagged in its sentence with the right concept (recall >= 0.95)."""
import json
import re

from litmine.evaluate import norm
from litmine.nlp.lexicon import load_lexicon

from helpers import GOLD, needs_shared

QUALIFIERS = r"^(short-term|long-term|acute|regular|high-frequency|low-frequency|high-intensity|moderate-intensity) "


def gold_values(row):
    """(slot, value) pairs a gold row names; combined exercises and models split."""
    out = []
    if row.get("exercise"):
        out += [("exercise", re.sub(QUALIFIERS, "", e)) for e in row["exercise"].split("+")]
    for slot in ("model", "species", "tissue"):
        if row.get(slot):
            out += [(slot, v) for v in row[slot].split("/")]
    out.append(("target", row["target"]))
    return out


def tagged(value, mentions, lex, definitions):
    """Is ``value`` (a gold name) tagged among ``mentions`` with its concept?

    The concept is the lexicon's, or the one the document defined the abbreviation
    for; mention names are compared without exercise qualifiers, per component of a
    combined exercise, and cell states as their cell ("microglia activation" ~ microglia).
    """
    ids = {c.id for c in (lex.lookup(value), lex.lookup(re.sub(r" (activation|polarization)$", "", value))) if c}
    if value in definitions:
        ids.add(definitions[value][0])
    v = norm(value)
    for m in mentions:
        names = {norm(re.sub(QUALIFIERS, "", part)) for part in m.name.split("+")} | {norm(m.text)}
        if m.concept_id in ids or v in names or any(n.startswith(v + "(") for n in names):
            return True
    return False


def named_in(value, sentence, lex):
    """Does the sentence name ``value`` at all (any surface form of its concept)?"""
    c = lex.lookup(value)
    forms = [value] + ([c.name, c.name_zh, *c.synonyms] if c else [])
    text = norm(sentence)
    return any(f and norm(f) in text for f in forms)


@needs_shared
def test_seed_gold_concepts_are_tagged(seed_processed):
    lex = load_lexicon()
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    by_sentence = {}
    for m in seed_processed.mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    hits, total, misses = 0, 0, []
    for row in rows:
        anchor = norm(row["anchor"])
        sent = next((s for s in seed_processed.sentences if anchor in norm(s.text)), None)
        assert sent is not None, row["anchor"]
        mentions = by_sentence.get(sent.index, [])
        defs = seed_processed.doc_lexicon.definitions
        for slot, value in gold_values(row):
            candidates = [value] + ([row["target_text"]] if slot == "target" else [])
            if not any(named_in(v, sent.text, lex) or v in defs for v in candidates):
                continue  # inferred by the annotator, not named in the sentence
            total += 1
            ok = any(tagged(v, mentions, lex, defs) for v in candidates)
            hits += ok
            if not ok:
                misses.append((row["id"], slot, value))
    assert hits / total >= 0.95 and total >= 300, f"{hits}/{total}; missed: {misses[:40]}"
