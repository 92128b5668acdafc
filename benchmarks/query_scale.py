"""Queries and export at size: a generated database of 1,000,000 relations.

Run with ``python benchmarks/query_scale.py [--relations N] [--db PATH_OR_URL] [--json OUT]``
(default 1,000,000 relations into a temporary SQLite file). Not a test: timings depend on the
machine and its load.

1. :func:`generate` fills a fresh litmine database directly (bulk inserts of SQLAlchemy Core,
   not through the NLP): documents of 50 relations each over 10 sentences, half Chinese and
   half English; sentences written for litmine (templates below, filled with the generated
   relation's slots); targets drawn with Zipf weights from the lexicon's concepts of
   biological types; exercise names from the classes of :data:`litmine.consensus.EXERCISE_PARENT`
   (some with protocol qualifiers); models, species, directions as the pipeline writes them.
   Query keys come from :func:`litmine.store.rows.relation_keys`, as the writer computes them.
2. Times :func:`litmine.store.queries.relations` in this process (warm: lexicon loaded, the
   median of 5 runs) for typical filters, whole result and the first 100 rows, and the CLI
   ``litmine query ... --format jsonl`` as a new process (start-up included).
3. Runs ``litmine export --table relations --format csv`` as a new process and reports its
   wall time and peak RSS (``ru_maxrss`` of the child).

Prints a table and writes the figures as JSON (``--json``).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import insert

from litmine.consensus import EXERCISE_PARENT
from litmine.store.db import connect
from litmine.store.schema import ConceptRow, DocumentRow, RelationRow, SentenceRow

try:                                 # schema v5 (absent in older litmine: then no keys are written)
    from litmine.store.rows import relation_keys
except ImportError:                  # pragma: no cover
    relation_keys = None

RELATIONS_PER_DOC = 50
SENTENCES_PER_DOC = 10
CHUNK = 20_000
#: Sentence templates written for litmine (no third-party text); {e} exercise, {t} target, ...
EN = ["After {d} of {e}, {t} in the {x} of {m} {s} was {v} compared with sedentary controls (P < 0.05).",
      "{e} {v2} the expression of {t} in the {x} of {m} {s}, and mechanical withdrawal thresholds rose.",
      "Compared with the sham group, {m} {s} given {e} for {d} showed {v} {t} levels in the {x}."]
ZH = ["{d}{e}{v2}{m}{s}{x}中{t}的表达(P<0.05)。", "与假手术组相比, {e}{d}后{m}{s}{x}{t}水平{v}。",
      "{e}干预{d}可{v2}{m}{s}{x}内{t}的蛋白表达, 并改善机械痛阈。"]
MODELS = ["SNI", "CCI", "SNL", "CIPN", "DPN", "painful DPN", "sciatic nerve injury", "peripheral neuropathy",
          "neuropathic pain", None]
SPECIES = ["rat", "mouse", "human", None]
TISSUES = ["spinal cord", "DRG", "sciatic nerve", "hippocampus", "serum", "spinal dorsal horn"]
DIRECTIONS = ["decrease"] * 4 + ["increase"] * 4 + ["no_change", "modulate"]
QUALIFIERS = ["", "", "", "long-term ", "short-term ", "high-intensity ", "moderate-intensity "]
DURATIONS = [("4 weeks", 28.0), ("6 weeks", 42.0), ("8 weeks", 56.0), ("12 weeks", 84.0), (None, None)]
#: Typical filters: (label, keyword arguments of litmine.store.queries.relations, CLI options).
FILTERS = [("target TNF", {"target": "TNF"}, ["--target", "TNF"]),
           ("target IL-10", {"target": "IL-10"}, ["--target", "IL-10"]),
           ("exercise treadmill", {"exercise": "treadmill"}, ["--exercise", "treadmill"]),
           ("direction increase", {"direction": "increase"}, ["--direction", "increase"]),
           ("model SNI", {"model": "SNI"}, ["--model", "SNI"]),
           ("species 大鼠", {"species": "大鼠"}, ["--species", "大鼠"]),
           ("lang zh", {"lang": "zh"}, ["--lang", "zh"]),
           ("target+exercise+direction", {"target": "TNF", "exercise": "aerobic", "direction": "decrease"},
            ["--target", "TNF", "--exercise", "aerobic", "--direction", "decrease"])]


def _targets(rng: random.Random, n: int = 400) -> list[tuple[str, str, str]]:
    """``n`` lexicon concepts of biological types as (id, name, type), TNF-α, IL-10 and BDNF first."""
    from litmine.nlp.lexicon import load_lexicon
    lex = load_lexicon()
    kinds = {"CYTOKINE", "GENE", "PROTEIN", "RECEPTOR", "CHEMICAL", "NEUROTRANSMITTER", "ENZYME", "CELL", "OUTCOME",
             "NEUROTROPHIC_FACTOR"}
    pool = sorted((c.id, c.name, c.type) for c in lex.concepts.values() if c.type in kinds)
    first = [c for c in pool if c[1] in ("TNF-α", "IL-10", "BDNF", "IL-6", "IL-1β")]
    rest = [c for c in pool if c not in first]
    rng.shuffle(rest)
    return (first + rest)[:n]


def generate(db, n_relations: int = 1_000_000, seed: int = 13) -> dict:
    """Fill a fresh database ``db`` (path or URL) with ``n_relations`` generated relations.

    Returns ``{"documents": n, "sentences": n, "relations": n, "seconds": s}``.
    Raises:
        ValueError: the database already holds documents.
    """
    rng = random.Random(seed)
    engine = connect(db, create_dirs=True)
    t0 = time.perf_counter()
    targets = _targets(rng)
    weights = [1 / (i + 1) for i in range(len(targets))]
    exercises = sorted(set(EXERCISE_PARENT) | {"exercise"})
    rel_cols = set(RelationRow.__table__.c.keys())
    n_docs = -(-n_relations // RELATIONS_PER_DOC)
    with engine.begin() as conn:
        if conn.execute(DocumentRow.__table__.select().limit(1)).first() is not None:
            raise ValueError(f"{db}: not empty; generate into a new database")
        conn.execute(insert(ConceptRow), [dict(id=i, type=t, name=nm) for i, nm, t in targets])
    docs, sents, rels = [], [], []
    sent_id = rel_id = 0
    made = 0

    def flush(force=False):
        nonlocal docs, sents, rels
        if force or len(rels) >= CHUNK:
            with engine.begin() as conn:
                if docs:
                    conn.execute(insert(DocumentRow), docs)
                if sents:
                    conn.execute(insert(SentenceRow), sents)
                if rels:
                    conn.execute(insert(RelationRow), rels)
            docs, sents, rels = [], [], []

    for d in range(1, n_docs + 1):
        lang = "zh" if d % 2 else "en"
        docs.append(dict(id=d, name=f"gen_{d:07d}_{lang}.txt", path=f"generated/gen_{d:07d}_{lang}.txt",
                         sha256=f"{d:064x}", format="txt", lang=lang, encoding="utf-8", text=f"generated {d}",
                         n_sentences=SENTENCES_PER_DOC, pipeline_version="bench", lexicon_version="bench",
                         warnings="", ingested_at="2026-12-07T00:00:00+00:00", role="primary"))
        model, species = rng.choice(MODELS), rng.choice(SPECIES)
        first_sentence = sent_id + 1
        for i in range(SENTENCES_PER_DOC):
            sent_id += 1
            sents.append(dict(id=sent_id, document_id=d, idx=i, start=i * 200, end=i * 200 + 150, text="", lang=lang,
                              kind="prose", section="abstract", paragraph=0, refs=json.dumps([str(i + 1)]), page=None))
        for k in range(min(RELATIONS_PER_DOC, n_relations - made)):
            rel_id += 1
            made += 1
            tid, tname, ttype = rng.choices(targets, weights)[0]
            ex = rng.choice(QUALIFIERS) + rng.choice(exercises)
            direction = rng.choice(DIRECTIONS)
            dur, days = rng.choice(DURATIONS)
            tissue = rng.choice(TISSUES)
            sid = first_sentence + k * SENTENCES_PER_DOC // RELATIONS_PER_DOC
            s = sents[sid - first_sentence - SENTENCES_PER_DOC]
            if not s["text"]:
                word = {"increase": ("increased", "升高"), "decrease": ("reduced", "降低")}.get(direction, ("changed", "改变"))
                tpl = rng.choice(ZH if lang == "zh" else EN)
                s["text"] = tpl.format(e=ex, t=tname, x=tissue, m=model or "", s=species or "patients",
                                       d=dur or "training", v=word[lang == "zh"], v2=word[lang == "zh"])
                s["end"] = s["start"] + len(s["text"])
            row = dict(id=rel_id, document_id=d, sentence_id=sid, kind="exercise_effect", exercise=ex,
                       exercise_text=ex, exercise_carried=False, direction=direction, target=tname,
                       target_text=tname, target_id=tid, target_type=ttype, trigger=direction[:-1] + "ed",
                       aspect=None, negated=rng.random() < 0.05, hedged=rng.random() < 0.1, compared_to=None,
                       model=model, species=species, tissue=tissue, duration=dur, duration_days_min=days,
                       duration_days_max=days, frequency="5 days/week", sessions_per_week=5.0,
                       session_length="30 min", minutes_min=30.0, minutes_max=30.0, intensity=None,
                       intensity_low=None, intensity_high=None, intensity_unit=None, speed=None, volume=None,
                       timing=None, timing_days=None, context_from="{}", pain_effect="none",
                       confidence=round(rng.uniform(0.5, 0.95), 2))
            if relation_keys is not None:
                row.update(relation_keys(ex, tname, model, species), sentence_lang=lang)
            rels.append({k: v for k, v in row.items() if k in rel_cols})
        flush()
    flush(force=True)
    with engine.begin() as conn:          # planner statistics, as after any bulk load (both dialects)
        if engine.dialect.name == "postgresql":      # ids were given: move the id sequences past them
            for table in ("documents", "sentences", "relations"):
                conn.exec_driver_sql(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                     f"(SELECT max(id) FROM {table}))")
        conn.exec_driver_sql("ANALYZE")
    engine.dispose()
    return {"documents": n_docs, "sentences": sent_id, "relations": made,
            "seconds": round(time.perf_counter() - t0, 1)}


def _median_ms(fn, runs: int = 5) -> tuple[float, float, int]:
    """Median wall and CPU milliseconds of ``fn()`` over ``runs`` runs, and its last result."""
    times, cpu, n = [], [], 0
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        n = fn()
        times.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)
    return round(statistics.median(times), 1), round(statistics.median(cpu), 1), n


def _child(args: list[str], out=subprocess.DEVNULL) -> tuple[float, float, float]:
    """Run ``litmine ARGS`` in a new process: (wall seconds, its CPU seconds (user + system:
    what other processes on a shared machine do not inflate), its peak RSS in MB)."""
    code = ("import resource, sys\nfrom litmine.cli import cli\nsys.argv = ['litmine'] + sys.argv[1:]\n"
            "try:\n    cli()\nfinally:\n    u = resource.getrusage(resource.RUSAGE_SELF)\n"
            "    sys.stderr.write('USAGE %d %f\\n' % (u.ru_maxrss, u.ru_utime + u.ru_stime))\n")
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", code, *args], stdout=out, stderr=subprocess.PIPE, text=True)
    wall = time.perf_counter() - t
    if p.returncode != 0:
        raise RuntimeError(f"litmine {' '.join(args)} failed: {p.stderr[-500:]}")
    usage = [x.split()[1:] for x in p.stderr.splitlines() if x.startswith("USAGE ")]
    rss, cpu = (int(usage[-1][0]) / 1024, float(usage[-1][1])) if usage else (float("nan"), float("nan"))
    return wall, cpu, rss


def measure(db) -> dict:
    """Query and export figures on ``db`` (see the module docstring)."""
    from litmine.nlp.lexicon import load_lexicon
    from litmine.store import queries
    load_lexicon()                                       # warm: the lexicon loads once per process
    engine = connect(db, create=False)
    stream = getattr(queries, "iter_relations", queries.relations)
    out = {"queries": []}
    for label, kw, opts in FILTERS:
        all_ms, all_cpu, n = _median_ms(lambda: sum(1 for _ in stream(engine, **kw)), runs=3)
        first_ms, first_cpu, _ = _median_ms(lambda: len(queries.relations(engine, limit=100, **kw)))
        cli_s, _, _ = _child(["query", "--db", str(db), *opts, "--limit", "100", "--format", "jsonl"])
        out["queries"].append({"filter": label, "rows": n, "all_rows_ms": all_ms, "all_rows_cpu_ms": all_cpu,
                               "first_100_ms": first_ms, "first_100_cpu_ms": first_cpu,
                               "cli_first_100_s": round(cli_s, 2)})
    engine.dispose()
    with tempfile.TemporaryDirectory() as tmp:
        csv_path = Path(tmp) / "relations.csv"
        wall, cpu, rss = _child(["export", "--db", str(db), "--table", "relations", "--format", "csv", "-o", str(csv_path)])
        with open(csv_path, encoding="utf-8-sig") as fh:
            lines = sum(1 for _ in fh)
        out["export_csv"] = {"seconds": round(wall, 1), "cpu_seconds": round(cpu, 1), "peak_rss_mb": round(rss), "bytes": csv_path.stat().st_size,
                             "lines": lines}
    return out


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--relations", type=int, default=1_000_000)
    ap.add_argument("--db", help="database path or URL (default: a new temporary SQLite file)")
    ap.add_argument("--reuse", action="store_true", help="measure an already generated --db")
    ap.add_argument("--json", type=Path, default=None, help="write the figures here as JSON")
    a = ap.parse_args(argv)
    tmp = None
    db = a.db
    if db is None:
        tmp = tempfile.TemporaryDirectory(prefix="litmine-bench-")
        db = str(Path(tmp.name) / "bench.sqlite")
    figures = {"load": os.getloadavg()}
    if not a.reuse:
        figures["generated"] = generate(db, a.relations)
        print(f"generated {figures['generated']}", flush=True)
    figures.update(measure(db))
    if "://" not in db and Path(db).exists():
        figures["db_mb"] = round(Path(db).stat().st_size / 2**20)
    print(f"{'filter':28} {'rows':>8} {'all rows ms (CPU)':>20} {'first 100 ms (CPU)':>20} "
          f"{'CLI --limit 100 s':>18}")
    for q in figures["queries"]:
        print(f"{q['filter']:28} {q['rows']:>8} {q['all_rows_ms']:>11} ({q['all_rows_cpu_ms']:>6}) "
              f"{q['first_100_ms']:>11} ({q['first_100_cpu_ms']:>6}) {q['cli_first_100_s']:>18}")
    e = figures["export_csv"]
    print(f"export relations csv: {e['seconds']} s ({e['cpu_seconds']} s CPU), peak RSS {e['peak_rss_mb']} MB, {e['lines'] - 1} rows, "
          f"{e['bytes'] / 2**20:.0f} MB; load average {figures['load'][0]:.1f}")
    if a.json:
        a.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False), encoding="utf-8")
    if tmp is not None:
        tmp.cleanup()


if __name__ == "__main__":
    main()
