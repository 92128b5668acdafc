"""Full-text search latency on 100,000 sentences (issue 12; goal: under 50 ms a query).

Run with ``python benchmarks/search.py [N] [--json]`` (default N = 100,000 sentences):

1. ingests ``corpus/*.txt`` (the project's own bilingual sample documents) with the real
   pipeline into a fresh SQLite database;
2. copies those documents until the database holds N sentences -- each copy a new document
   whose sentences are the originals with every number re-drawn (so copies differ), with their
   relations -- inserted in bulk, one transaction, through the same ``sentences`` table and
   triggers that keep the FTS5 index (``litmine.store.search``) as ``ingest`` does; the search
   words of the Chinese copies are segmented anew (:func:`litmine.nlp.search_words.index_words`);
3. times :func:`litmine.search` (parse, jieba segmentation of Chinese terms, FTS5 MATCH with bm25
   ranking, hit offsets, the sentences' relations; ``limit=20``) for each query type, 30 runs
   each after one warm-up (the first Chinese query of a process loads the segmenter's dictionaries), and
   reports the median, 95th percentile and maximum wall-clock milliseconds and the median CPU
   milliseconds, with the number of sentences each query matches; then one English and one
   Chinese ``litmine search`` command, each in a new process, for comparison.

Not a test: timings depend on the machine (here: 2 cores shared with other jobs; wall clock).
"""
from __future__ import annotations

import json
import random
import re
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import litmine
from litmine.nlp.search_words import index_words

ROOT = Path(__file__).resolve().parent.parent
RUNS = 30

#: (query type, query, search options)
QUERIES = [
    ("English word", "treadmill", {}),
    ("English word, frequent", "exercise", {}),
    ("English stem (running -> run)", "running", {}),
    ("English phrase", '"spinal cord"', {}),
    ("AND", "treadmill AND allodynia", {}),
    ("OR", "swimming OR resistance", {}),
    ("NOT", "exercise NOT rats", {}),
    ("prefix", "inflamm*", {}),
    ("nested boolean", "(treadmill OR swimming) AND (allodynia OR BDNF) NOT sham", {}),
    ("Chinese word (2 characters)", "运动", {}),
    ("Chinese words AND", "跑台 脊髓", {}),
    ("Chinese words AND, frequent", "运动 炎症", {}),
    ("Chinese compound", "小胶质细胞", {}),
    ("Chinese phrase", '"跑台运动 降低"', {}),
    ("Latin term, both languages", "TNF-α", {}),
    ("with --lang zh", "BDNF", {"lang": "zh"}),
    ("no match", "zebrafish", {}),
]


def _redraw_numbers(text: str, rng: random.Random) -> str:
    """``text`` with each run of digits replaced by random digits of the same length."""
    return re.sub(r"\d+", lambda m: "".join(rng.choice("0123456789") for _ in m.group()), text)


def build(path: Path, n_sentences: int) -> dict:
    """The benchmark database at ``path`` with ``n_sentences`` sentences; returns build figures."""
    t0 = time.perf_counter()
    results = litmine.ingest(sorted((ROOT / "corpus").glob("*.txt")), db=path)
    ingest_s = time.perf_counter() - t0
    recall = word_recall(path)
    con = sqlite3.connect(path)
    con.row_factory = sqlite3.Row
    docs = [dict(r) for r in con.execute("SELECT * FROM documents")]
    sent_cols = [c for c in (r[1] for r in con.execute("PRAGMA table_info(sentences)")) if c not in ("id",)]
    rel_cols = [c for c in (r[1] for r in con.execute("PRAGMA table_info(relations)")) if c != "id"]
    sentences = {d["id"]: [dict(r) for r in con.execute("SELECT * FROM sentences WHERE document_id = ? "
                                                       "ORDER BY idx", (d["id"],))] for d in docs}
    relations = {d["id"]: [dict(r) for r in con.execute("SELECT r.*, s.idx AS s_idx FROM relations r JOIN sentences "
                                                       "s ON s.id = r.sentence_id WHERE r.document_id = ?",
                                                       (d["id"],))] for d in docs}
    have = con.execute("SELECT count(*) FROM sentences").fetchone()[0]
    rng = random.Random(20261207)
    segment_s = insert_s = 0.0
    copies = 0
    con.execute("BEGIN")
    while have < n_sentences:
        for d in docs:
            if have >= n_sentences:
                break
            copies += 1
            rows = []
            t = time.perf_counter()
            for s in sentences[d["id"]][:n_sentences - have]:
                s = dict(s, text=_redraw_numbers(s["text"], rng))
                s["words"] = index_words(s["text"])
                rows.append(s)
            segment_s += time.perf_counter() - t
            t = time.perf_counter()
            doc = dict(d, sha256=f"{copies:064x}", name=f"{d['name']}#{copies}", n_sentences=len(rows))
            doc.pop("id")
            cur = con.execute(f"INSERT INTO documents ({', '.join(doc)}) VALUES ({', '.join('?' * len(doc))})",
                              list(doc.values()))
            doc_id = cur.lastrowid
            con.executemany(f'INSERT INTO sentences ({", ".join(map(_q, sent_cols))}) '
                            f'VALUES ({", ".join("?" * len(sent_cols))})',
                            [[doc_id if c == "document_id" else s[c] for c in sent_cols] for s in rows])
            ids = dict(con.execute("SELECT idx, id FROM sentences WHERE document_id = ?", (doc_id,)).fetchall())
            rels = [r for r in relations[d["id"]] if r["s_idx"] in ids]
            con.executemany(f'INSERT INTO relations ({", ".join(map(_q, rel_cols))}) '
                            f'VALUES ({", ".join("?" * len(rel_cols))})',
                            [[doc_id if c == "document_id" else ids[r["s_idx"]] if c == "sentence_id" else r[c]
                              for c in rel_cols] for r in rels])
            insert_s += time.perf_counter() - t
            have += len(rows)
    t = time.perf_counter()
    con.execute("COMMIT")
    insert_s += time.perf_counter() - t
    con.execute("PRAGMA optimize")
    out = {"sentences": con.execute("SELECT count(*) FROM sentences").fetchone()[0],
           "relations": con.execute("SELECT count(*) FROM relations").fetchone()[0],
           "documents": con.execute("SELECT count(*) FROM documents").fetchone()[0],
           "corpus_documents": sum(r.status == "stored" for r in results),
           "corpus_sentences": sum(len(v) for v in sentences.values()),
           "corpus_ingest_s": round(ingest_s, 1), "segment_s": round(segment_s, 1),
           "insert_s": round(insert_s, 1), "chinese_words": recall}
    con.close()
    out["insert_sentences_per_s"] = round((out["sentences"] - out["corpus_sentences"]) / max(insert_s, 1e-9))
    out["db_mb"] = round(path.stat().st_size / 2**20, 1)
    return out


def word_recall(path: Path) -> dict:
    """Chinese words against substring containment, on the corpus alone: every word of two
    to four Han characters in the corpus' jieba segmentation and every two-character
    dictionary word inside its text; for each, the sentences holding it as characters
    against those :func:`litmine.search` finds (misses are mostly character pairs across a
    word boundary, 有研 in 有研究, which a word search should not find)."""
    from litmine.nlp.lexicon import load_jieba
    from litmine.nlp.search_words import has_han
    con = sqlite3.connect(path)
    sents = dict(con.execute("SELECT id, text FROM sentences"))
    con.close()
    jieba = load_jieba()
    words = set()
    for t in sents.values():
        words.update(w for w in jieba.cut(t, HMM=False) if 2 <= len(w) <= 4 and all(map(has_han, w)))
        words.update(t[i:i + 2] for i in range(len(t) - 1)
                     if has_han(t[i]) and has_han(t[i + 1]) and jieba.dt.FREQ.get(t[i:i + 2]))
    engine = litmine.connect(path, create=False)
    contained = found = both = 0
    for w in sorted(words):
        sub = {i for i, t in sents.items() if w in t}
        fts = {r["sentence_id"] for r in litmine.search(w, db=engine, limit=10_000)}
        contained, found, both = contained + len(sub), found + len(fts), both + len(sub & fts)
    engine.dispose()
    return {"words": len(words), "contained": contained, "found": found, "found_and_contained": both,
            "recall": round(both / contained, 3), "precision": round(both / found, 3) if found else None}


def _q(name: str) -> str:
    return f'"{name}"'


def _count(path: Path, query: str, lang: str | None) -> int:
    from litmine.store.search import fts_query, parse
    con = sqlite3.connect(path)
    try:
        sql = "SELECT count(*) FROM sentences_fts f JOIN sentences s ON s.id = f.rowid WHERE sentences_fts MATCH ?"
        args = [fts_query(parse(query))]
        if lang:
            sql += " AND s.lang = ?"
            args.append(lang)
        return con.execute(sql, args).fetchone()[0]
    finally:
        con.close()


def measure(path: Path) -> list[dict]:
    engine = litmine.connect(path, create=False)
    litmine.search("运动", db=engine)                       # jieba and litmine's dictionary, once per process
    out = []
    for kind, query, opts in QUERIES:
        litmine.search(query, db=engine, **opts)             # warm-up
        times, cpu = [], []
        for _ in range(RUNS):
            t, c = time.perf_counter(), time.process_time()
            rows = litmine.search(query, db=engine, **opts)
            times.append((time.perf_counter() - t) * 1000)
            cpu.append((time.process_time() - c) * 1000)
        times.sort()
        out.append({"type": kind, "query": query, "options": opts, "median_ms": round(statistics.median(times), 1),
                    "p95_ms": round(times[int(0.95 * (len(times) - 1))], 1), "max_ms": round(times[-1], 1),
                    "cpu_median_ms": round(statistics.median(cpu), 1),
                    "shown": len(rows), "matches": _count(path, query, opts.get("lang"))})
    engine.dispose()
    return out


def cli_once(path: Path, query: str) -> dict:
    """Wall-clock and CPU milliseconds of one ``litmine search QUERY`` command (a new
    process: interpreter start-up, imports, for Chinese the segmenter's dictionaries, the query)."""
    exe = Path(sys.executable).with_name("litmine")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run([str(exe), "search", query, "--db", str(path)], check=True, stdout=subprocess.DEVNULL)
    wall = (time.perf_counter() - t) * 1000
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime) * 1000
    return {"query": query, "wall_ms": round(wall), "cpu_ms": round(cpu)}


def main(argv: list[str]) -> None:
    as_json = "--json" in argv
    args = [a for a in argv if a != "--json"]
    n = int(args[0]) if args else 100_000
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "search.sqlite"
        built = build(path, n)
        rows = measure(path)
        cli = [cli_once(path, "treadmill"), cli_once(path, "运动")]
    if as_json:
        print(json.dumps({"build": built, "queries": rows, "cli": cli}, ensure_ascii=False, indent=1))
        return
    print(f"{built['sentences']:,} sentences ({built['relations']:,} relations, {built['documents']:,} documents, "
          f"{built['db_mb']} MB) from {built['corpus_sentences']} corpus sentences in "
          f"{built['corpus_documents']} documents")
    print(f"  corpus ingest {built['corpus_ingest_s']} s; copies: Chinese search words {built['segment_s']} s, "
          f"bulk insert with FTS5 triggers {built['insert_s']} s ({built['insert_sentences_per_s']:,} sentences/s)")
    w = built["chinese_words"]
    print(f"  Chinese words in the corpus ({w['words']}): of {w['contained']} sentence occurrences as characters "
          f"search finds {w['found_and_contained']} (recall {w['recall']}), precision {w['precision']}")
    print(f"\n{'query type':<30} {'query':<58} {'matches':>8} {'median':>7} {'p95':>7} {'max':>7} {'cpu':>6}"
          "  (ms; cpu: median CPU time)")
    for r in rows:
        print(f"{r['type']:<30} {r['query']:<58} {r['matches']:>8,} {r['median_ms']:>7} {r['p95_ms']:>7} "
              f"{r['max_ms']:>7} {r['cpu_median_ms']:>6}")
    worst = max(rows, key=lambda r: r["p95_ms"])
    print(f"\nworst p95: {worst['p95_ms']} ms ({worst['type']}; goal: under 50 ms a query)")
    for c in cli:
        print(f"one `litmine search {c['query']}` command in a new process: {c['wall_ms']} ms wall, "
              f"{c['cpu_ms']} ms CPU (start-up and imports{'; the Chinese segmenter' if c['query'] == '运动' else ''})")


if __name__ == "__main__":
    main(sys.argv[1:])
