"""Relation scores per set and language on the shared real text: one table, so a change that helps
one language and hurts the other shows at once.

Usage: ``python benchmarks/score_external.py [--shared ../shared] [--json out.json]``

For each set (``gold/external_dev/en``, ``gold/external_dev/zh``, the seed with its dev regions)
it ingests the texts with the installed ``litmine`` into a temporary database, exports the
relations, and reports precision, recall and F1 from ``shared/eval/score_relations.py`` (the
project's referee), plus direction accuracy: of the gold rows matched when direction and negation
are ignored (litmine's own matcher, :func:`litmine.evaluate.score_relations`), the share whose
direction and negation are right. Needs ``../shared``; prints a note and exits 0 without it.
"""
import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

from litmine.evaluate import score_relations

ROOT = Path(__file__).resolve().parents[1]
CLI = str(Path(sys.executable).with_name("litmine"))


def _export(inputs: list[Path], tmp: Path, name: str) -> Path:
    db, out = tmp / f"{name}.sqlite", tmp / f"{name}.jsonl"
    subprocess.run([CLI, "ingest", *map(str, inputs), "--db", str(db)], check=True, capture_output=True)
    subprocess.run([CLI, "export", "--db", str(db), "--table", "relations", "--format", "jsonl", "-o", str(out)],
                   check=True, capture_output=True)
    return out


def _referee(shared: Path, gold: Path, pred: Path, extra: list[str]) -> dict:
    res = subprocess.run([sys.executable, str(shared / "eval" / "score_relations.py"), str(gold), str(pred), "--json",
                          *extra], check=True, capture_output=True, text=True)
    return json.loads(res.stdout)


def _direction_accuracy(gold: Path, pred: Path) -> float:
    g = [r for r in map(json.loads, filter(str.strip, gold.open(encoding="utf-8"))) if not r.get("unannotated")]
    p = [json.loads(line) for line in pred.open(encoding="utf-8") if line.strip()]
    p = [dict(r, doc=Path(r["doc"]).stem) if r.get("doc") else r for r in p]  # gold names documents by stem
    strict = score_relations(g, p).tp
    loose = score_relations([dict(r, direction="*", negated=False) for r in g],
                            [dict(r, direction="*", negated=False) for r in p]).tp
    return strict / loose if loose else 0.0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--json", type=Path)
    args = ap.parse_args(argv)
    shared = args.shared
    if not (shared / "gold").is_dir():
        print(f"{shared}: no shared gold here; nothing to score")
        return 0
    sets = [
        ("external en", [shared / "gold/external_dev/en"], shared / "gold/external_dev_en.jsonl", ["--lang", "en"]),
        ("external zh", [shared / "gold/external_dev/zh"], shared / "gold/external_dev_zh.jsonl", ["--lang", "zh"]),
        ("seed dev", sorted((shared / "seeds").glob("*.txt")), shared / "gold/seed_dev.jsonl",
         ["--regions", str(shared / "gold/seed_dev_regions.json")]),
    ]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, inputs, gold, extra in sets:
            pred = _export(inputs, Path(tmp), name.replace(" ", "_"))
            r = _referee(shared, gold, pred, extra)
            rows.append({"set": name, "gold": r["gold"], "pred": r["pred"], "tp": r["tp"],
                         "precision": round(r["precision"], 3), "recall": round(r["recall"], 3),
                         "f1": round(r["f1"], 3), "direction_accuracy": round(_direction_accuracy(gold, pred), 3)})
    print(f"{'set':12s} {'gold':>5s} {'pred':>5s} {'tp':>4s} {'P':>6s} {'R':>6s} {'F1':>6s} {'dir.acc':>8s}")
    for r in rows:
        print(f"{r['set']:12s} {r['gold']:5d} {r['pred']:5d} {r['tp']:4d} {r['precision']:6.3f} {r['recall']:6.3f} "
              f"{r['f1']:6.3f} {r['direction_accuracy']:8.3f}")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
