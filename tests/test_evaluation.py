"""Measured quality, asserted: relations on the shared seed gold (skipped without
../shared), the project's held-out relation set and its bilingual mention set."""
import json
import subprocess
import sys
from pathlib import Path

import pytest

from litmine.evaluate import score_directory, score_mentions
from litmine.pipeline import process_text
from litmine.store.rows import document_rows
from litmine.store.db import connect, write_document
from litmine.store.queries import relations

from helpers import GOLD, REGIONS, ROOT, SCORER, needs_shared

FIXTURES = ROOT / "tests" / "fixtures"
HELDOUT = FIXTURES / "relations_heldout"


def _jsonl(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def seed_export(tmp_path_factory, seed_processed):
    """The seed stored and exported exactly as `litmine export --table relations --format jsonl` does."""
    db = tmp_path_factory.mktemp("seed") / "seed.sqlite"
    engine = connect(db)
    write_document(engine, document_rows(seed_processed))
    out = db.with_suffix(".jsonl")
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in relations(engine)), encoding="utf-8")
    return out


def _shared_score(export, *extra):
    res = subprocess.run([sys.executable, str(SCORER), str(GOLD), str(export), "--regions", str(REGIONS),
                          "--json", *extra], capture_output=True, text=True, check=True)
    return json.loads(res.stdout)


@needs_shared
def test_seed_dev_gold_scores(seed_export):
    """Issues 2 and 4: precision and recall >= 0.85, slots >= 0.80, zh/en within 0.10 F1."""
    r = _shared_score(seed_export)
    assert r["precision"] >= 0.85 and r["recall"] >= 0.85, r
    for slot in ("exercise", "model", "species", "tissue", "duration"):
        ok, n = r["slots"][slot]
        assert n == 0 or ok / n >= 0.80, (slot, ok, n)
    zh, en = _shared_score(seed_export, "--lang", "zh"), _shared_score(seed_export, "--lang", "en")
    assert abs(zh["f1"] - en["f1"]) <= 0.10, (zh["f1"], en["f1"])


@needs_shared
def test_seed_known_relations(seed_export):
    rows = _jsonl(seed_export)
    sni = [r for r in rows if r["target"] == "TNF-α" and r["exercise"] == "treadmill" and r["duration"] == "6 weeks"]
    assert sni and sni[0]["direction"] == "decrease" and sni[0]["species"] == "mouse"
    assert sni[0]["tissue"] == "sciatic nerve" and sni[0]["refs"] == ["42"] and "SNI" in sni[0]["model"]
    table = [r for r in rows if r["sentence"].startswith("GHOLAMI 2018[25]")]
    assert [(r["exercise"], r["direction"], r["target"], r["duration"], r["species"]) for r in table] == [
        ("aerobic", "increase", "SNCV", "12 weeks", "human")]


@needs_shared
def test_no_relations_from_figure_labels_or_headings(seed_processed):
    kinds = {seed_processed.sentences[r.sentence].kind for r in seed_processed.relations}
    assert kinds <= {"body", "caption", "table"}


def test_heldout_relations_generalise():
    """Issue 4: F1 >= 0.80 on a held-out set written before the rules were tuned
    (its first run scored F1 = 0.599)."""
    score = score_directory(HELDOUT)
    assert score.f1 >= 0.80, score.summary()
    zh, en = score_directory(HELDOUT, lang="zh"), score_directory(HELDOUT, lang="en")
    assert zh.f1 >= 0.75 and en.f1 >= 0.70, (zh.summary(), en.summary())
    refs = [p for p in score.false_positives if p["sentence"].lstrip().startswith("[")]
    assert refs == []  # reference-list entries never yield relations


def test_mentions_bilingual_f1():
    """Issue 3: mention F1 >= 0.90 (span and concept) on 76 sentences, half Chinese."""
    gold = _jsonl(FIXTURES / "mentions_gold.jsonl")
    score = score_mentions(gold, lambda text: process_text(text).mentions)
    assert score.f1 >= 0.90, score.summary()
    zh = score_mentions([g for g in gold if g["lang"] == "zh"], lambda text: process_text(text).mentions)
    assert zh.f1 >= 0.85, zh.summary()
