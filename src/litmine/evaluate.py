"""Scorers for litmine's own gold sets (``tests/fixtures/``): relations and mentions.

Relations (gold rows in the schema of ``shared/gold/SCHEMA.md``): a predicted
relation matches a gold row when the gold ``anchor`` lies in the predicted
evidence sentence (whitespace removed, NFKC, Greek spelled out, dashes
dropped, lower case), direction and ``negated`` agree, and the targets name the
same thing: the same lexicon concept, or one normalised name containing the
other (at least three characters). Matching is one-to-one, required rows
first; ``optional`` gold rows are neither misses nor make their match a false
positive.

Mentions: a predicted mention matches a gold one with the same span and the
same concept (the gold ``name`` looked up in the lexicon, else compared with
the predicted canonical name); ``label_agnostic`` scores spans and concepts only.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Iterable, Optional

from .nlp.lexicon import GREEK_NAMES, Lexicon, load_lexicon

SLOTS = ("exercise", "model", "species", "tissue", "duration")


def norm(text) -> str:
    """Normalised comparison key (see module docstring)."""
    t = unicodedata.normalize("NFKC", str(text or ""))
    for g, name in GREEK_NAMES.items():
        t = t.replace(g, name)
    t = re.sub(r"[\s\-\u2010-\u2015\u2212\ufe58\ufe63\uff0d]+", "", t)
    return t.lower()


@dataclass
class Score:
    """Precision, recall, F1 and per-slot accuracy (correct, scored)."""

    tp: int
    n_gold: int
    n_pred: int
    slots: dict = field(default_factory=dict)
    misses: list = field(default_factory=list)
    false_positives: list = field(default_factory=list)

    @property
    def precision(self) -> float:
        return self.tp / self.n_pred if self.n_pred else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> str:
        slots = " ".join(f"{k}={ok}/{n}" for k, (ok, n) in self.slots.items())
        return (f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} "
                f"(tp={self.tp} gold={self.n_gold} pred={self.n_pred}) {slots}").strip()


def _names_match(a: str, b: str, lex: Optional[Lexicon]) -> bool:
    na, nb = norm(a), norm(b)
    if not na or not nb:
        return False
    if na == nb:
        return True
    if lex is not None:
        ca, cb = lex.lookup(a), lex.lookup(b)
        if ca is not None and cb is not None and ca.id == cb.id:
            return True
    short, long_ = sorted((na, nb), key=len)
    return len(short) >= 3 and short in long_


def _target_match(g: dict, p: dict, lex: Optional[Lexicon]) -> bool:
    if lex is not None and p.get("target_id"):
        for key in ("target", "target_text"):
            c = lex.lookup(g.get(key) or "")
            if c is not None and c.id == p["target_id"]:
                return True
    return any(_names_match(g.get(gk) or "", p.get(pk) or "", lex)
               for gk in ("target", "target_text") for pk in ("target", "target_text"))


def _slot_ok(gold_value, pred_value) -> Optional[bool]:
    if gold_value in (None, "", []):
        return None
    if pred_value in (None, "", []):
        return False
    g, p = norm(gold_value), norm(pred_value)
    return g in p or p in g


def score_relations(gold: list[dict], pred: list[dict], *, lexicon: Optional[Lexicon] = None) -> Score:
    """Score predicted relation rows (the relations export) against gold rows."""
    lex = lexicon if lexicon is not None else load_lexicon()
    sent = [norm(p.get("sentence")) for p in pred]
    used: set[int] = set()
    matches: list[tuple[int, int]] = []
    optional_hits = 0
    for gi in sorted(range(len(gold)), key=lambda i: bool(gold[i].get("optional"))):
        g = gold[gi]
        anchor = norm(g["anchor"])
        key = (g["direction"], bool(g.get("negated")))
        for pi, p in enumerate(pred):
            if pi in used or anchor not in sent[pi] or (p.get("direction"), bool(p.get("negated"))) != key:
                continue
            if g.get("doc") and p.get("doc") and g["doc"] != p["doc"]:
                continue
            if not _target_match(g, p, lex):
                continue
            used.add(pi)
            if g.get("optional"):
                optional_hits += 1
            else:
                matches.append((gi, pi))
            break
    required = [i for i, g in enumerate(gold) if not g.get("optional")]
    hit = {gi for gi, _ in matches}
    slots = {}
    for s in SLOTS:
        ok = [_slot_ok(gold[gi].get(s), pred[pi].get(s)) for gi, pi in matches]
        ok = [x for x in ok if x is not None]
        slots[s] = (sum(ok), len(ok))
    return Score(len(matches), len(required), len(pred) - optional_hits, slots,
                 misses=[gold[i] for i in required if i not in hit],
                 false_positives=[p for i, p in enumerate(pred) if i not in used])


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    key: str


def score_mentions(gold: Iterable[dict], predict, *, lexicon: Optional[Lexicon] = None,
                   label_agnostic: bool = False) -> Score:
    """Score mention tagging on gold sentences.

    Args:
        gold: rows ``{"id", "lang", "text", "mentions": [{start, end, text, label, name}]}``.
        predict: function ``text -> list[Mention]`` (offsets into ``text``).
    Only mentions of the gold's labels count as predictions (protocol parts and
    labels the gold does not annotate are ignored).
    """
    lex = lexicon if lexicon is not None else load_lexicon()
    gold = list(gold)
    labels = {m["label"] for row in gold for m in row["mentions"]}

    def gold_key(m):
        c = lex.lookup(m["name"]) or lex.lookup(m["text"])
        return c.id if c is not None else "name:" + norm(m["name"])

    tp = n_gold = n_pred = 0
    misses, fps = [], []
    for row in gold:
        g = {_Span(m["start"], m["end"], gold_key(m) if not label_agnostic else "") for m in row["mentions"]}
        preds = [m for m in predict(row["text"]) if m.label in labels]
        p = set()
        for m in preds:
            key = m.concept_id
            gk = next((x.key for x in g if x.start == m.start and x.end == m.end), None)
            if gk is not None and gk.startswith("name:") and norm(m.name) == gk[5:]:
                key = gk
            p.add(_Span(m.start, m.end, "" if label_agnostic else key))
        tp += len(g & p)
        n_gold += len(g)
        n_pred += len(p)
        misses += [(row["id"], row["text"][s.start:s.end], s.key) for s in g - p]
        fps += [(row["id"], row["text"][s.start:s.end], s.key) for s in p - g]
    return Score(tp, n_gold, n_pred, misses=misses, false_positives=fps)


def relation_rows(path) -> list[dict]:
    """Run the pipeline on one file and return its relations as export-like rows
    (``doc``, ``lang``, ``sentence``, ``duration`` and the Relation fields)."""
    from dataclasses import asdict
    from pathlib import Path

    from .io import read_path
    from .pipeline import process

    pd = process(read_path(path))
    rows = []
    for r in pd.relations:
        s = pd.sentences[r.sentence]
        rows.append(dict(asdict(r), doc=Path(path).name, lang=s.lang, sentence=s.text, duration=r.protocol.duration))
    return rows


def score_directory(folder, *, lang: Optional[str] = None) -> Score:
    """Score every ``*.txt`` of ``folder`` against its ``gold.jsonl`` (optionally one language;
    mixed-language sentences count as Chinese)."""
    import json
    from pathlib import Path

    folder = Path(folder)
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    pred = [row for f in sorted(folder.glob("*.txt")) for row in relation_rows(f)]
    if lang:
        gold = [g for g in gold if g["lang"] == lang]
        pred = [p for p in pred if (p["lang"] == "en") == (lang == "en")]
    return score_relations(gold, pred)
