"""Does updating the claims base stay flat as the database grows?

Run with ``python benchmarks/claims_scale.py [N]`` (default 1,000): generates N short
documents (Chinese, English and mixed, each stating 3-6 findings drawn at random from a few
exercises, targets, directions, species, models and tissues, so claims gather hundreds of
documents' evidence), ingests them one at a time into a fresh SQLite database with
:func:`litmine.pipeline.ingest`, and times the claims update inside each document's write
transaction (:func:`litmine.store.claims.add_document_claims`). Prints the mean update time
(wall clock, and this process's CPU time, which other processes on a shared machine do not
disturb) of the first and of the last hundred documents, their ratios, the CPU time of each
hundred, and the size of the claims base.
Not a test: timings depend on the machine.
"""
from __future__ import annotations

import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import text

import litmine.store.db as db_module
from litmine.pipeline import ingest
from litmine.store.claims import claim_rows
from litmine.store.db import connect

EXERCISES = [("treadmill running", "跑台运动"), ("swimming", "游泳运动"), ("exercise", "运动"),
             ("resistance training", "抗阻运动"), ("voluntary wheel running", "自主转轮运动"), ("tai chi", "太极拳")]
TARGETS = ["TNF-α", "IL-1β", "IL-6", "IL-10", "BDNF", "NGF", "GFAP", "SOD", "MDA", "c-Fos"]
UP, DOWN = ("increased", "升高了"), ("reduced", "降低了")
ANIMALS = [("SNI mice", "SNI小鼠"), ("CCI rats", "CCI大鼠"), ("STZ-induced diabetic rats", "STZ诱导的糖尿病大鼠"),
           ("healthy mice", "健康小鼠")]
TISSUES = [("spinal cord", "脊髓"), ("DRG", "背根神经节"), ("sciatic nerve", "坐骨神经"), ("hippocampus", "海马"),
           ("serum", "血清")]


def sentence(rng: random.Random, lang: str) -> str:
    ex, target, verb = rng.choice(EXERCISES), rng.choice(TARGETS), rng.choice([UP, DOWN, DOWN])
    animal, tissue = rng.choice(ANIMALS), rng.choice(TISSUES)
    weeks = rng.choice([1, 4, 6, 8])
    if lang == "zh":
        return f"{weeks}周{ex[1]}{verb[1]}{animal[1]}{tissue[1]}中{target}的表达。"
    return f"{weeks} weeks of {ex[0]} {verb[0]} {target} in the {tissue[0]} of {animal[0]}."


def document(rng: random.Random, i: int) -> str:
    lang = rng.choice(["zh", "en", "mixed"])
    n = rng.randint(3, 6)
    langs = [lang] * n if lang != "mixed" else [rng.choice(["zh", "en"]) for _ in range(n)]
    body = " ".join(sentence(rng, lg) for lg in langs)
    return f"Study {i}\n\n{body}\n"


def main(n: int = 1000) -> None:
    rng = random.Random(20240610)
    timings: list[float] = []      # wall clock
    cpu: list[float] = []          # this process's CPU time (other processes on a shared machine excluded)
    real = db_module.add_document_claims

    def timed(conn, doc_id):
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            return real(conn, doc_id)
        finally:
            timings.append(time.perf_counter() - t0)
            cpu.append(time.process_time() - c0)

    db_module.add_document_claims = timed
    try:
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            engine = connect(folder / "claims.sqlite")
            t0 = time.perf_counter()
            stored = 0
            for i in range(n):
                path = folder / f"doc_{i:04d}.txt"
                path.write_text(document(rng, i), encoding="utf-8")
                for res in ingest([path], engine):
                    stored += res.status == "stored"
            total = time.perf_counter() - t0
            claims = claim_rows(engine)
            with engine.connect() as conn:
                states = [json.loads(v) for v in conn.execute(text("SELECT state FROM claims")).scalars()]
            engine.dispose()
    finally:
        db_module.add_document_claims = real
    first, last = statistics.mean(timings[:100]) * 1000, statistics.mean(timings[-100:]) * 1000
    cpu_first, cpu_last = statistics.mean(cpu[:100]) * 1000, statistics.mean(cpu[-100:]) * 1000
    biggest = max(claims, key=lambda c: c["documents"])
    print(f"{stored} documents ingested one at a time in {total:.1f} s ({total / max(stored, 1) * 1000:.0f} ms each)")
    print(f"claims update, mean of the first 100 documents: {first:.2f} ms; of the last 100: {last:.2f} ms "
          f"(last/first {last / first:.2f}); CPU time {cpu_first:.2f} ms and {cpu_last:.2f} ms "
          f"(last/first {cpu_last / cpu_first:.2f})")
    hundreds = [statistics.mean(cpu[i:i + 100]) * 1000 for i in range(0, len(cpu), 100)]
    print("CPU time per hundred documents (ms): " + " ".join(f"{h:.1f}" for h in hundreds))
    contexts = max((len({k for per in st["contexts"].values() for k in per}) for st in states), default=0)
    pairs = statistics.mean(sum(len(per) for per in st["contexts"].values()) for st in states) if states else 0
    print(f"claims base: {len(claims)} claims, {sum(c['n_evidence'] for c in claims)} evidence rows; largest claim "
          f"'{biggest['exercise_class']} {biggest['direction']} {biggest['target']}' with {biggest['documents']} "
          f"documents; at most {contexts} distinct contexts on one claim, {pairs:.0f} (direction, context) pairs "
          f"per claim on average (the work per claim grows with these, bounded by the facet vocabulary, not with "
          f"the documents or evidence rows)")



if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 1000)
