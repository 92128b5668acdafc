"""``litmine ingest --workers N``: wall-clock speed-up over one worker.

Run with ``python benchmarks/workers.py [--copies K] [--workers 1 2]``: makes K distinct copies
of every ``corpus/*.txt`` file (a numbered title line first, so each copy has its own content
hash), then ingests the whole folder into a new SQLite database once per worker count, each
as a new ``litmine ingest`` process, and prints wall seconds, CPU seconds of the ingest process
(the reader and single writer: ``RUSAGE_SELF`` at its exit) and of its worker processes
(its ``RUSAGE_CHILDREN``; workers forked from a forkserver are counted through it: the wrapper
stops the forkserver and waits for it before it reads the figure), the writer's share of the CPU, documents/s, the speed-up over the
first count, and the load average before each run (the machine may be shared: a wall-clock
speed-up needs idle cores; CPU seconds change less with other jobs). Not a test.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: ``litmine`` run in a process that reports its own CPU seconds and its children's at exit.
_WRAP = r"""
import atexit, json, resource, sys
def report():
    try:  # the workers are the forkserver's children: stop it and wait, so their CPU is counted here
        from multiprocessing import forkserver
        forkserver._forkserver._stop()
    except Exception:
        pass
    own, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    sys.stderr.write("CPU " + json.dumps({"writer_cpu_s": own.ru_utime + own.ru_stime,
                                          "workers_cpu_s": kids.ru_utime + kids.ru_stime}) + "\n")
atexit.register(report)
sys.argv = ["litmine", *sys.argv[1:]]
from litmine.cli import cli
cli()
"""


def make_corpus(folder: Path, copies: int) -> int:
    """Write ``copies`` numbered copies of every corpus text into ``folder``; returns the file count."""
    n = 0
    for src in sorted((ROOT / "corpus").glob("*.txt")):
        if src.name.lower().startswith("readme"):
            continue
        text = src.read_text(encoding="utf-8")
        for k in range(copies):
            (folder / f"{src.stem}_{k:03d}.txt").write_text(f"Copy {k} of {src.stem}\n\n{text}", encoding="utf-8")
            n += 1
    return n


def run(folder: Path, db: Path, workers: int) -> dict:
    """One ``litmine ingest`` process over ``folder`` with ``workers``: wall and CPU seconds."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    load = os.getloadavg()[0]
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-c", _WRAP, "ingest", str(folder), "--db", str(db), "-q",
                        "--workers", str(workers)], capture_output=True, text=True)
    wall = time.perf_counter() - t
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if p.returncode != 0:
        raise RuntimeError(p.stderr[-800:])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    own = json.loads([line for line in p.stderr.splitlines() if line.startswith("CPU ")][-1][4:])
    return {"workers": workers, "wall_s": round(wall, 1), "cpu_s": round(cpu, 1),
            "writer_cpu_s": round(own["writer_cpu_s"], 1), "workers_cpu_s": round(own["workers_cpu_s"], 1),
            "writer_share": round(own["writer_cpu_s"] / cpu, 2) if workers > 1 else 1.0,
            "load_before": round(load, 1), "summary": p.stdout.strip().splitlines()[-1]}


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--copies", type=int, default=6)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--json", type=Path, default=None)
    a = ap.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="litmine-workers-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        n = make_corpus(folder, a.copies)
        out = []
        for i, w in enumerate(a.workers):          # a new database each run (a count may be repeated)
            r = run(folder, Path(tmp) / f"run{i}_w{w}.sqlite", w)
            r["docs_per_s"] = round(n / r["wall_s"], 2)
            out.append(r)
        base = out[0]["wall_s"]
        print(f"{n} files")
        print(f"{'workers':>7} {'wall s':>7} {'CPU s':>7} {'writer':>7} {'workers':>7} {'share':>6} {'docs/s':>7} "
              f"{'speed-up':>8} {'load before':>11}")
        for r in out:
            r["speed_up"] = round(base / r["wall_s"], 2)
            print(f"{r['workers']:>7} {r['wall_s']:>7} {r['cpu_s']:>7} {r['writer_cpu_s']:>7} {r['workers_cpu_s']:>7} "
                  f"{r['writer_share']:>6} {r['docs_per_s']:>7} {r['speed_up']:>8} {r['load_before']:>11}")
        if a.json:
            a.json.write_text(json.dumps({"files": n, "runs": out}, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
