"""Target mention recall on the shared gold sets: is every gold target tagged in its sentence?

Usage::

    python benchmarks/mention_recall.py [--shared DIR] [--json OUT.json] [--misses N]

For each gold row of ``shared/gold/external_dev_{en,zh}.jsonl`` and
``shared/gold/seed_dev.jsonl`` (rows marked ``unannotated`` are skipped) the
sentence that litmine's segmenter stored and that contains the row's
``anchor`` is located (whitespace removed on both sides, as the relation
scorer does). The row counts as *found* when a mention of a target type
(:data:`litmine.nlp.relations.TARGET_LABELS`) in that sentence names the gold
``target`` or ``target_text``: both normalised with
:func:`litmine.evaluate.norm` (NFKC, Greek spelled out, whitespace and dashes
dropped, lower case), equal or one containing the other (at least three
characters), or the same lexicon concept. A row whose anchor lies in no stored
sentence counts as not found (and is reported as ``no sentence``).

Printed per set and language: gold rows, found, recall, the sentences with gold
rows, and target mentions per such sentence (to watch precision). ``--json``
writes the same figures; ``--misses N`` lists up to N misses per set with the
target mentions that were there.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

from litmine.evaluate import norm
from litmine.io import read_path
from litmine.nlp.english import english_splitter
from litmine.nlp.lexicon import load_lexicon
from litmine.nlp.relations import TARGET_LABELS
from litmine.nlp.pipelines import tag
from litmine.text.clean import clean
from litmine.text.segment import segment

ROOT = Path(__file__).resolve().parents[1]


def anchor_key(text: str) -> str:
    """Whitespace-free, NFKC key (the scorer unifies Greek and dashes as :func:`norm` does)."""
    return norm(unicodedata.normalize("NFKC", text or ""))


def names_match(gold: str, pred: str, lex) -> bool:
    """Equal or containing after :func:`norm` (>= 3 characters), or one lexicon concept."""
    g, p = norm(gold), norm(pred)
    if not g or not p:
        return False
    if g == p:
        return True
    short, long_ = sorted((g, p), key=len)
    if len(short) >= 3 and short in long_:
        return True
    cg, cp = lex.lookup(gold), lex.lookup(pred)
    return cg is not None and cp is not None and cg.id == cp.id


def documents(shared: Path) -> dict[str, list[tuple[Path, str]]]:
    """Set name -> [(text file, gold jsonl)]."""
    g = shared / "gold"
    return {
        "external_en": [(p, str(g / "external_dev_en.jsonl")) for p in sorted((g / "external_dev" / "en").glob("*.txt"))],
        "external_zh": [(p, str(g / "external_dev_zh.jsonl")) for p in sorted((g / "external_dev" / "zh").glob("*.txt"))],
        "seed": [(next((shared / "seeds").glob("*.txt")), str(g / "seed_dev.jsonl"))],
    }


def measure(shared: Path, n_misses: int = 0) -> dict:
    lex = load_lexicon()
    gold_cache: dict[str, list[dict]] = {}
    results: dict[str, dict] = {}
    for set_name, files in documents(shared).items():
        for path, gold_path in files:
            rows = gold_cache.setdefault(gold_path, [json.loads(x) for x in open(gold_path, encoding="utf-8") if x.strip()])
            doc = clean(read_path(path))
            sentences = segment(doc, english_splitter())
            mentions, _, _ = tag(doc, sentences)
            by_sent: dict[int, list] = {}
            for m in mentions:
                if m.label in TARGET_LABELS:
                    by_sent.setdefault(m.sentence, []).append(m)
            keys = [(s, anchor_key(s.text)) for s in sentences]
            stem = path.stem
            for g in rows:
                if g.get("unannotated") or (g.get("doc") and g["doc"] != stem and not stem.startswith(g["doc"])):
                    continue
                if set_name == "seed" and g.get("doc"):
                    continue
                lang = g.get("lang") or doc.lang
                r = results.setdefault(f"{set_name}/{lang}", {"gold": 0, "found": 0, "no_sentence": 0,
                                                               "sentences": set(), "mentions": 0, "misses": []})
                r["gold"] += 1
                a = anchor_key(g["anchor"])
                sent = next((s for s, k in keys if a in k), None)
                if sent is None:
                    r["no_sentence"] += 1
                    r["misses"].append((g, None, []))
                    continue
                ms = by_sent.get(sent.index, [])
                if (stem, sent.index) not in r["sentences"]:
                    r["sentences"].add((stem, sent.index))
                    r["mentions"] += len(ms)
                names = [x for x in (g.get("target"), g.get("target_text")) if x]
                if any(names_match(n, p, lex) for n in names for m in ms for p in (m.name, m.text)):
                    r["found"] += 1
                else:
                    r["misses"].append((g, sent, ms))
    out = {}
    for key, r in sorted(results.items()):
        n_s = len(r["sentences"])
        out[key] = {"gold": r["gold"], "found": r["found"], "recall": round(r["found"] / r["gold"], 3) if r["gold"] else 0.0,
                    "no_sentence": r["no_sentence"], "sentences": n_s,
                    "target_mentions_per_sentence": round(r["mentions"] / n_s, 2) if n_s else 0.0,
                    "misses": [{"doc": g.get("doc"), "target": g.get("target"), "target_text": g.get("target_text"),
                                "sentence": s.text if s else None,
                                "mentions": [f"{m.text}[{m.label}]" for m in ms]}
                               for g, s, ms in r["misses"][:n_misses]]}
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", type=Path)
    ap.add_argument("--misses", type=int, default=0)
    args = ap.parse_args(argv)
    if not (args.shared / "gold").is_dir():
        print(f"{args.shared}: no gold/ folder (pass --shared)", file=sys.stderr)
        return 2
    res = measure(args.shared, args.misses)
    print(f"{'set':16s} {'gold':>5s} {'found':>5s} {'recall':>7s} {'nosent':>6s} {'sents':>5s} {'tm/sent':>7s}")
    for key, r in res.items():
        print(f"{key:16s} {r['gold']:5d} {r['found']:5d} {r['recall']:7.3f} {r['no_sentence']:6d} "
              f"{r['sentences']:5d} {r['target_mentions_per_sentence']:7.2f}")
    for key, r in res.items():
        for m in r["misses"]:
            print(f"MISS {key} {m['doc']}: {m['target']!r} / {m['target_text']!r}\n     {m['mentions']}\n     {(m['sentence'] or 'NO SENTENCE')[:220]}")
    if args.json:
        args.json.write_text(json.dumps(res, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
