"""Importing a large PubMed search export end to end (issue 12): records/s and peak memory.

One command, not part of the test suite::

    python benchmarks/imports.py                    # 5,000 records
    python benchmarks/imports.py --records 500      # while iterating
    python benchmarks/imports.py --json out.json

The export is generated (deterministically, ``--seed``): PubMed XML records of invented
papers -- titles, authors, journals, DOIs (prefix 10.9999) and PMIDs (38xxxxxx) made up here,
structured abstracts (BACKGROUND/METHODS/RESULTS/CONCLUSIONS) assembled from sentences written
for this benchmark with exercise, target and model names swapped in; one in ten records repeats
an earlier paper under another PMID-less copy (same DOI), so deduplication is exercised too.

Measured, each in a child process (so peak RSS, ``ru_maxrss``, is the run's own):

* **parse**: ``litmine.io.read_inputs`` over the file (lxml ``iterparse``, each record cleared
  once read) -- records/s and peak RSS, for the whole file and for its first fifth (a bounded,
  streaming parse has about the same peak for both);
* **ingest**: ``litmine.ingest`` into a fresh SQLite file -- every record read, cleaned,
  segmented, tagged, related and stored in its own transaction (claims updated), from the first
  record (model loading counted) -- records/s (wall and CPU), peak RSS, the counts (new
  documents, duplicates merged, failed) and the database size.
"""
from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

EXERCISES = ["Treadmill running", "Swimming", "Resistance training", "High-intensity interval training",
             "Voluntary wheel running", "Aerobic exercise", "Tai chi", "Cycling"]
TARGETS = ["TNF-alpha", "IL-6", "BDNF", "IL-1beta", "GFAP", "insulin resistance", "HOMA-IR", "IL-10"]
MODELS = ["rats with spared nerve injury", "mice with chemotherapy-induced neuropathy", "older adults",
          "obese mice", "patients with type 2 diabetes", "aged rats", "mice after spinal cord injury"]
VERBS = ["decreased", "increased", "did not change", "reduced", "raised"]
SURNAMES = ["Li", "Wang", "Zhang", "Smith", "Garcia", "Okafor", "Novak", "Tanaka", "Ahmed", "Chen", "Kim", "Rossi"]
GIVEN = ["Wei", "Ana", "John", "Yui", "Sara", "Petr", "Grace", "Min", "Luca", "Jia"]
JOURNALS = ["Journal of Invented Exercise Science", "Invented Journal of Ageing", "Made-up Clinical Trials",
            "Fictional Pain Reports"]


def _record(i: int, rng: random.Random, pmid: str, doi: str) -> str:
    ex, tg, md, vb = rng.choice(EXERCISES), rng.choice(TARGETS), rng.choice(MODELS), rng.choice(VERBS)
    weeks = rng.randint(2, 16)
    authors = "".join(f"<Author><LastName>{rng.choice(SURNAMES)}</LastName><ForeName>{rng.choice(GIVEN)}"
                      f"</ForeName></Author>" for _ in range(rng.randint(1, 5)))
    sections = [("BACKGROUND", f"{tg} is altered in {md}; benchmark record {i}."),
                ("METHODS", f"{ex} was given for {weeks} weeks, five sessions a week, to {md}."),
                ("RESULTS", f"{ex} {vb} {tg} in {md} compared with sedentary controls."),
                ("CONCLUSIONS", f"{ex} may change {tg} in {md}.")]
    abstract = "".join(f'<AbstractText Label="{lab}">{escape(txt)}</AbstractText>' for lab, txt in sections)
    return (f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><Journal><JournalIssue><PubDate>"
            f"<Year>{rng.randint(2000, 2025)}</Year></PubDate></JournalIssue><Title>{rng.choice(JOURNALS)}</Title>"
            f"</Journal><ArticleTitle>{escape(ex)} and {escape(tg)} in {escape(md)}: study {i}</ArticleTitle>"
            f"<Abstract>{abstract}</Abstract><AuthorList>{authors}</AuthorList><Language>eng</Language></Article>"
            f"</MedlineCitation><PubmedData><ArticleIdList><ArticleId IdType=\"doi\">{doi}</ArticleId>"
            f"</ArticleIdList></PubmedData></PubmedArticle>\n")


def write_export(path: Path, n: int, seed: int = 12) -> int:
    """Write ``n`` records to ``path`` (PubMed XML); returns how many repeat an earlier DOI."""
    rng = random.Random(seed)
    repeats = 0
    with open(path, "w", encoding="utf-8") as fh:
        fh.write('<?xml version="1.0" ?>\n<PubmedArticleSet>\n')
        for i in range(1, n + 1):
            if i > 10 and i % 10 == 0:          # the same paper again (its DOI), without a PMID
                j = rng.randint(1, i - 1)
                while j % 10 == 0:              # an original, not another repeat
                    j = rng.randint(1, i - 1)
                fh.write(_record(j, random.Random(j), "", f"10.9999/bench.{j}"))
                repeats += 1
            else:
                fh.write(_record(i, random.Random(i), str(38000000 + i), f"10.9999/bench.{i}"))
        fh.write("</PubmedArticleSet>\n")
    return repeats


_PARSE = """
import json, resource, sys, time
from litmine.io import read_inputs
t0 = time.perf_counter(); n = 0
for raw in read_inputs(sys.argv[1]):
    n += 1
    if n >= int(sys.argv[2]):
        break
dt = time.perf_counter() - t0
print(json.dumps({"records": n, "seconds": dt, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""

_INGEST = """
import json, os, resource, sys, time
from collections import Counter
import litmine
t0, c0 = time.perf_counter(), time.process_time()
counts = Counter(r.status for r in litmine.ingest(sys.argv[1], sys.argv[2]))
dt, dc = time.perf_counter() - t0, time.process_time() - c0
print(json.dumps({"counts": counts, "seconds": dt, "cpu_seconds": dc, "db_mb": os.path.getsize(sys.argv[2]) / 1e6,
                  "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
"""


def _child(code: str, *args) -> dict:
    proc = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(proc.stderr[-2000:])
    return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--records", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=12)
    ap.add_argument("--json", type=Path, default=None, help="also write the figures here")
    ap.add_argument("--parse-only", action="store_true", help="skip the end-to-end ingest")
    a = ap.parse_args(argv)
    out: dict = {"records": a.records}
    with tempfile.TemporaryDirectory() as tmp:
        xml = Path(tmp) / "pubmed.xml"
        out["repeats"] = write_export(xml, a.records, a.seed)
        out["file_mb"] = xml.stat().st_size / 1e6
        for name, n in (("parse_fifth", max(1, a.records // 5)), ("parse", a.records)):
            r = _child(_PARSE, xml, n)
            r["records_per_s"] = r["records"] / r["seconds"]
            out[name] = r
        if not a.parse_only:
            r = _child(_INGEST, xml, Path(tmp) / "bench.sqlite")
            read = sum(r["counts"].values())
            r["records_per_s"] = read / r["seconds"]
            r["records_per_cpu_s"] = read / r["cpu_seconds"]
            out["ingest"] = r
    print(f"{a.records} records ({out['file_mb']:.1f} MB PubMed XML, {out['repeats']} repeat an earlier DOI)")
    for name in ("parse_fifth", "parse"):
        p = out[name]
        print(f"  {name:12} {p['records']:6d} records  {p['records_per_s']:9.0f} records/s  "
              f"peak RSS {p['peak_rss_mb']:.0f} MB")
    if "ingest" in out:
        g = out["ingest"]
        print(f"  ingest       {sum(g['counts'].values()):6d} records  {g['records_per_s']:9.1f} records/s wall "
              f"({g['records_per_cpu_s']:.1f}/CPU s)  peak RSS {g['peak_rss_mb']:.0f} MB  db {g['db_mb']:.1f} MB  "
              f"counts {dict(g['counts'])}")
    if a.json:
        a.json.write_text(json.dumps(out, indent=1), encoding="utf-8")
    return out


if __name__ == "__main__":
    main()
