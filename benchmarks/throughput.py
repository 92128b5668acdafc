"""Throughput of the NLP pipeline and of ingestion, on the sample corpus and the shared seed.

Run with ``make bench`` (or ``python benchmarks/throughput.py [N]``): processes the
corpus N times (default 5) in memory, then ingests it into a temporary database,
and prints characters/second, sentences/second and seconds per document.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from litmine.io import read_path
from litmine.pipeline import ingest, process

ROOT = Path(__file__).resolve().parents[1]


def main(repeat: int = 5) -> None:
    files = sorted((ROOT / "corpus").glob("*.txt"))
    seed = ROOT.parent / "shared" / "seeds" / "000_e4f3cd9c43015cd5.txt"
    if seed.exists():
        files.append(seed)
    raws = [read_path(f) for f in files]
    process(raws[0])  # load pipelines and lexicon once
    t0 = time.perf_counter()
    chars = sents = rels = 0
    for _ in range(repeat):
        for raw in raws:
            pd = process(raw)
            chars += len(raw.text)
            sents += len(pd.sentences)
            rels += len(pd.relations)
    dt = time.perf_counter() - t0
    n_docs = repeat * len(raws)
    print(f"process: {n_docs} documents, {chars / dt:,.0f} chars/s, {sents / dt:,.0f} sentences/s, "
          f"{dt / n_docs * 1000:.0f} ms/document, {rels} relations")
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        results = list(ingest(files, Path(tmp) / "bench.sqlite"))
        dt = time.perf_counter() - t0
    print(f"ingest:  {len(results)} files into SQLite in {dt:.2f} s ({dt / len(results) * 1000:.0f} ms/file)")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 5)
