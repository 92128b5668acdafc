"""Paths shared by the tests; ``needs_shared`` skips a test when ../shared is absent."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_e4f3cd9c43015cd5.txt"
GOLD = SHARED / "gold" / "seed_dev.jsonl"
REGIONS = SHARED / "gold" / "seed_dev_regions.json"
SCORER = SHARED / "eval" / "score_relations.py"
CORPUS = ROOT / "corpus"

needs_shared = pytest.mark.skipif(not SEED.exists(), reason="../shared (seed and gold) is absent")
