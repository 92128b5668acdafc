"""Score litmine's relations on a held-out folder (``*.txt`` + ``gold.jsonl``).

Usage: ``python benchmarks/score_heldout.py [FOLDER ...] [--misses]``; defaults to
``tests/fixtures/relations_heldout`` and ``benchmarks/heldout2``.
"""
import sys
from pathlib import Path

from litmine.evaluate import score_directory

ROOT = Path(__file__).resolve().parents[1]


def main(argv):
    show = "--misses" in argv
    folders = [a for a in argv if not a.startswith("--")] or [
        ROOT / "tests" / "fixtures" / "relations_heldout", ROOT / "benchmarks" / "heldout2"]
    for folder in folders:
        for lang in (None, "zh", "en"):
            print(f"{Path(folder).name:18s} {lang or 'all':3s} {score_directory(folder, lang=lang).summary()}")
        if show:
            sc = score_directory(folder)
            for g in sc.misses:
                print("  MISS", g["doc"], g["direction"], g["target"], "|", g["sentence"][:90])
            for p in sc.false_positives:
                print("  FP  ", p["doc"], p["direction"], p["target"], "|", p["sentence"][:90])


if __name__ == "__main__":
    main(sys.argv[1:])
