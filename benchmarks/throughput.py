"""Throughput of litmine's ingest, per stage and whole, against spaCy's blank tokenizer and ``jieba.cut``.

One command, not part of the test suite::

    python benchmarks/throughput.py                 # 2,000 abstracts + 50 full papers, both languages
    python benchmarks/throughput.py --scale 0.1     # a tenth of that, while iterating
    python benchmarks/throughput.py --profile prof.out   # also cProfile the in-process stages

The corpus is generated (deterministically, ``--seed``) from the project's own text: the
sentences of ``corpus/*.txt`` and the sentences written in ``tests/`` (string constants that read
as sentences), with lexicon names (``models/lexicon.tsv``) of the same entity type swapped in so
that no two documents are alike. Half the documents are English, half Chinese: abstract-length
documents (title, labelled parts, ~1,500 English / ~700 Chinese characters) and full papers
(headed sections, ~40,000 / ~16,000 characters, a numbered reference list).

Measured, per language, in one run:

* **stages** (in this process, pipelines loaded first): read (``read_path``), clean, segment, tag
  (mentions and abbreviations), relate (``extract_relations``), studies (references and
  ``document_studies``), plan (the writer's look-ups before and after the NLP: ``plan`` and
  ``document_by_text``), store (rows and one write transaction per document into a fresh SQLite
  file, claims included): every step :func:`litmine.pipeline.ingest` takes for a new document;
* **whole pipeline**: ``litmine.pipeline.ingest`` over all files (both languages) in a child
  process; the time between results is given to the file's language. ``whole_pipeline`` counts
  the child's start-up (importing the NLP modules and loading the pipelines and lexicons,
  ``warm_up``, reported apart as ``startup_s``) in the language of the first file, as a fresh
  ``litmine ingest`` pays it; ``whole_steady`` leaves it out (what a running worker spends per
  document). The child reports its peak RSS (``ru_maxrss``) and the database size;
Times are CPU seconds of the measuring process (``time.process_time``), so that other jobs on a
shared machine change them little; the child's wall time is reported as well.

* **baselines**: ``spacy.blank("en")``'s tokenizer on the English texts, ``jieba.cut`` (default
  dictionary) on the Chinese texts, in this process.

Every figure is documents/s and characters/s (characters of the files as read), and the ratio of
its chars/s to the baseline of its language. Prints a table and writes JSON (``--json``).
"""
from __future__ import annotations

import argparse
import ast
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STAGES = ("read", "clean", "segment", "tag", "relate", "studies", "plan", "store")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_NUMBER = re.compile(r"(?<![A-Za-z0-9\-.])\d{1,3}(?![A-Za-z0-9])")


# --- the corpus ------------------------------------------------------------------------------------
def _split_sentences(text: str) -> list[str]:
    """Rough sentences of a corpus file (generation only, not litmine's segmenter)."""
    out = []
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            continue
        line = re.sub(r"^[A-Za-z ]{3,20}:\s*|^(摘要|目的|方法|结果|结论|关键词)[\s　]*[：:]?\s*", "", line)
        if _CJK.search(line):
            parts = re.findall(r"[^。！？]+[。！？]", line)
        else:
            parts = re.split(r"(?<=[.!?])\s+(?=[A-Z])", line)
        out.extend(p.strip() for p in parts if len(p.strip()) >= 25)
    return out


def _test_sentences() -> list[str]:
    """String constants of ``tests/`` that read as sentences (written for litmine)."""
    out = []
    for p in sorted((ROOT / "tests").rglob("*.py")):
        try:
            tree = ast.parse(p.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError):
            continue
        for n in ast.walk(tree):
            if not (isinstance(n, ast.Constant) and isinstance(n.value, str)):
                continue
            s = n.value.strip()
            if "\n" in s or "\ufffd" in s or not s.isprintable() or not 30 <= len(s) <= 600 or re.search(r"[{}=<>\\`|]|def |\(\)|litmine", s):
                continue
            if _CJK.search(s):
                if len(_CJK.findall(s)) >= 12 and s[-1] in "。！？":
                    out.extend(re.findall(r"[^。！？]+[。！？]", s))
            elif len(s.split()) >= 6 and s[-1] == "." and s[0].isupper():
                out.append(s)
    return out


def sentence_pools() -> tuple[list[str], list[str]]:
    """(English sentences, Chinese sentences) of the project's own text, deduplicated, sorted."""
    sents = []
    for f in sorted((ROOT / "corpus").glob("*.txt")):
        sents.extend(_split_sentences(f.read_text(encoding="utf-8")))
    sents.extend(_test_sentences())
    en = sorted({s for s in sents if not _CJK.search(s)})
    zh = sorted({s for s in sents if _CJK.search(s) and len(_CJK.findall(s)) >= 8})
    return en, zh


def name_swaps() -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]]]:
    """Per language, entity type -> lexicon names of that type: (curated English names to replace,
    Chinese names, English replacements: the curated names and the generated layer's -- HGNC, MeSH,
    FamPlex -- so that the corpus has a vocabulary of realistic size, not a few hundred words)."""
    from litmine.nlp.lexicon import generated_lexicon_path, lexicon_path, read_generated, read_tsv
    en: dict[str, list[str]] = {}
    zh: dict[str, list[str]] = {}
    for c in read_tsv(lexicon_path()):
        if c.type in ("EXERCISE",):
            continue  # keep the exercise sentences' own subjects
        if c.name and re.fullmatch(r"[A-Za-z][A-Za-z0-9\-α-ω ]{1,30}", c.name):
            en.setdefault(c.type, []).append(c.name)
        if c.name_zh and re.fullmatch(r"[\u4e00-\u9fff]{2,10}", c.name_zh):
            zh.setdefault(c.type, []).append(c.name_zh)
    wide = {t: list(ns) for t, ns in en.items()}
    if generated_lexicon_path().exists():
        for cid, (ctype, name, _forms, _x) in sorted(read_generated(generated_lexicon_path()).concepts.rows.items()):
            if ctype in wide and re.fullmatch(r"[A-Za-z][A-Za-z0-9\-α-ω ]{2,30}", name):
                wide[ctype].append(name)
    return en, zh, wide


class Generator:
    """Deterministic documents from the sentence pools with lexicon names swapped in."""

    def __init__(self, seed: int = 13):
        self.rng = random.Random(seed)
        self.pool = dict(zip(("en", "zh"), sentence_pools()))
        en, zh, wide = name_swaps()
        swaps = {"en": (en, wide), "zh": (zh, zh)}
        self.by_name = {}
        for lang, (table, replacements) in swaps.items():
            names = {n: t for t, ns in table.items() for n in ns if len(n) >= 3}
            # longest first, one compiled pass per language
            alts = sorted(names, key=len, reverse=True)
            bound = (r"(?<![A-Za-z0-9\-])(%s)(?![A-Za-z0-9\-])" if lang == "en" else "(%s)")
            self.by_name[lang] = (re.compile(bound % "|".join(map(re.escape, alts))), names, replacements)
        # only sentences of the field: a lexicon name or a word of exercise studies in them
        field = re.compile(r"exercis|training|running|swimming|treadmill|rats|mice|patients|pain|运动|训练|疼痛|大鼠|小鼠|患者", re.I)
        for lang in self.pool:
            self.pool[lang] = [s for s in self.pool[lang] if field.search(s) or self.by_name[lang][0].search(s)]

    def sentence(self, lang: str) -> str:
        s = self.rng.choice(self.pool[lang])
        rx, names, table = self.by_name[lang]

        def swap(m):
            if self.rng.random() < 0.3:
                return m.group(0)
            return self.rng.choice(table[names[m.group(0)]])

        def number(m):  # numbers redrawn with as many digits
            return str(self.rng.randint(10 ** (len(m.group(0)) - 1) if len(m.group(0)) > 1 else 1,
                                        10 ** len(m.group(0)) - 1))
        return _NUMBER.sub(number, rx.sub(swap, s))

    def paragraph(self, lang: str, chars: int) -> str:
        out, n = [], 0
        while n < chars:
            s = self.sentence(lang)
            out.append(s)
            n += len(s) + 1
        return ("" if lang == "zh" else " ").join(out)

    def abstract(self, lang: str, i: int) -> str:
        title = self.sentence(lang).rstrip(".。")
        if lang == "en":
            parts = [("Background", 250), ("Methods", 450), ("Results", 550), ("Conclusions", 200)]
            body = "\n\n".join(f"{p}: {self.paragraph(lang, n)}" for p, n in parts)
            return f"{title} (study {i})\n\nAbstract\n\n{body}\n\nKeywords: exercise; neuropathic pain; study {i}\n"
        parts = [("目的", 110), ("方法", 200), ("结果", 260), ("结论", 90)]
        body = "\n".join(f"{p}：{self.paragraph(lang, n)}" for p, n in parts)
        return f"{title}（研究{i}）\n\n摘要　{body}\n\n关键词：运动；神经病理性疼痛；研究{i}\n"

    def paper(self, lang: str, i: int) -> str:
        en = lang == "en"
        scale = 1.0 if en else 0.4
        heads = (["1 Introduction", "2 Methods", "3 Results", "4 Discussion", "5 Conclusions"] if en else
                 ["1 引言", "2 材料与方法", "3 结果", "4 讨论", "5 结论"])
        sizes = [6000, 9000, 12000, 10000, 1500]
        out = [self.sentence(lang).rstrip(".。") + (f" (paper {i})" if en else f"（论文{i}）"), "",
               ("Abstract" if en else "摘要"), "", self.paragraph(lang, int(1400 * scale)), ""]
        for h, size in zip(heads, sizes):
            out += [h, ""]
            left = int(size * scale)
            while left > 0:
                p = self.paragraph(lang, int(self.rng.randint(500, 1100) * scale))
                out += [p, ""]
                left -= len(p)
        out += ["References" if en else "参考文献", ""]
        for k in range(1, 31):
            authors = ", ".join(self.rng.choice(["Li X", "Wang Y", "Smith J", "Garcia RM", "Chen H", "Kim S"])
                                for _ in range(3))
            words = " ".join(self.sentence("en").split()[:8]).rstrip(".")
            out.append(f"[{k}] {authors}. {words}. J Pain Res. {2000 + k % 24};{k}({k % 12 + 1}):{k * 7}-{k * 7 + 9}.")
        return "\n".join(out) + "\n"


def write_corpus(folder: Path, scale: float, seed: int) -> list[dict]:
    """Write the generated corpus into ``folder``; returns ``[{path, lang, kind, chars}]``."""
    gen = Generator(seed)
    n_abs = max(2, round(2000 * scale)) // 2
    n_pap = max(2, round(50 * scale)) // 2
    files = []
    for kind, n, make in (("abstract", n_abs, gen.abstract), ("paper", n_pap, gen.paper)):
        for lang in ("en", "zh"):
            for i in range(n):
                text = make(lang, i)
                p = folder / f"{kind}_{lang}_{i:05d}.txt"
                p.write_text(text, encoding="utf-8")
                files.append({"path": str(p), "lang": lang, "kind": kind, "chars": len(text)})
    return files


# --- measuring -------------------------------------------------------------------------------------
def baselines(texts: dict[str, list[str]]) -> dict:
    """chars/s of spaCy's blank English tokenizer and of ``jieba.cut`` on the same texts."""
    import logging

    import jieba
    import spacy
    nlp = spacy.blank("en")
    nlp.max_length = 50_000_000
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    out = {}
    for lang, fn in (("en", lambda t: len(nlp.tokenizer(t))), ("zh", lambda t: sum(1 for _ in jieba.cut(t)))):
        fn(texts[lang][0])
        t0 = time.process_time()
        for t in texts[lang]:
            fn(t)
        dt = time.process_time() - t0
        chars = sum(map(len, texts[lang]))
        out[lang] = {"tool": "spacy.blank('en').tokenizer" if lang == "en" else "jieba.cut",
                     "seconds": dt, "docs_per_s": len(texts[lang]) / dt, "chars_per_s": chars / dt}
    return out


def stages(files: list[dict], profile: str | None = None) -> dict:
    """Seconds per stage and language, pipelines loaded before timing."""
    import cProfile

    from litmine.io import read_path
    from litmine.nlp.english import english_splitter
    from litmine.nlp.relations import extract_relations
    from litmine.nlp.pipelines import tag
    from litmine.nlp.studies import document_studies
    from litmine.pipeline import fewer_collections, plan, process_text, versions
    from litmine.nlp.processed import ProcessedDocument
    from litmine.store.db import connect, document_by_text, write_document
    from litmine.store.rows import document_rows
    from litmine.text.clean import clean
    from litmine.text.references import parse_references
    from litmine.text.segment import segment

    process_text("Treadmill running lowered TNF-α in the spinal cord of CCI rats.")  # load what English needs
    process_text("跑台运动降低了大鼠脊髓中TNF-α的表达。")                          # and what Chinese needs
    split = english_splitter()
    prof = cProfile.Profile() if profile else None
    times = {lang: dict.fromkeys(STAGES, 0.0) for lang in ("en", "zh")}
    with tempfile.TemporaryDirectory() as tmp, fewer_collections():     # the collector as ingest sets it
        engine = connect(Path(tmp) / "stages.sqlite")
        if prof:
            prof.enable()
        for f in files:
            t = times[f["lang"]]
            c0 = time.process_time()
            raw = read_path(f["path"])
            c1 = time.process_time()
            doc = clean(raw)
            c2 = time.process_time()
            sents = segment(doc, split)
            c3 = time.process_time()
            mentions, dlex, tokens = tag(doc, sents)
            c4 = time.process_time()
            rels = extract_relations(sents, mentions, dlex)
            c5 = time.process_time()
            refs = parse_references(doc)
            definitions = {short: long for short, (_cid, long) in dlex.definitions.items()} if dlex else {}
            studies = document_studies(doc, sents, rels, refs, definitions)
            c6 = time.process_time()
            plan(raw, engine)
            c7 = time.process_time()
            rows = document_rows(ProcessedDocument(doc, sents, mentions, rels, dlex, versions(), refs, studies,
                                                   tokens))
            c8 = time.process_time()
            document_by_text(engine, rows.document.text_sha256)
            c9 = time.process_time()
            write_document(engine, rows)
            c10 = time.process_time()
            for stage, dt in zip(STAGES, (c1 - c0, c2 - c1, c3 - c2, c4 - c3, c5 - c4, c6 - c5,
                                          (c7 - c6) + (c9 - c8), (c8 - c7) + (c10 - c9))):
                t[stage] += dt
        if prof:
            prof.disable()
            prof.dump_stats(profile)
        engine.dispose()
    return times


_CHILD = r"""
import json, os, resource, sys, time
w0, t0 = time.perf_counter(), time.process_time()
from litmine.pipeline import ingest, warm_up
t1 = time.process_time()
warm_up()
t2 = time.process_time()
files, db = json.load(open(sys.argv[1])), sys.argv[2]
lang = {f["path"]: f["lang"] for f in files}
secs = {"en": 0.0, "zh": 0.0}
last = time.process_time()
bad, n_rel, unmatched = [], 0, 0
for r in ingest([f["path"] for f in files], db):
    now = time.process_time()
    key = os.path.abspath(r.path)
    unmatched += key not in lang
    secs[lang.get(key, "en")] += now - last
    n_rel += r.n_relations
    last = now
    if r.status == "failed":
        bad.append((r.path, r.status, r.error))
print(json.dumps({"import_s": t1 - t0, "startup_s": t2 - t1, "first_lang": files[0]["lang"], "seconds": secs,
                  "total_s": last - t1, "wall_s": time.perf_counter() - w0, "failed": bad[:5],
                  "n_failed": len(bad), "relations": n_rel, "unmatched": unmatched, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "db_mb": os.path.getsize(db) / 2**20}))
"""


def whole(files: list[dict]) -> dict:
    """``ingest`` of all files in a child process (see the module docstring)."""
    with tempfile.TemporaryDirectory() as tmp:
        lst = Path(tmp) / "files.json"
        lst.write_text(json.dumps(files), encoding="utf-8")
        proc = subprocess.run([sys.executable, "-c", _CHILD, str(lst), str(Path(tmp) / "whole.sqlite")],
                              capture_output=True, text=True, cwd=tmp)
        if proc.returncode:
            raise SystemExit(f"ingest child failed:\n{proc.stderr[-3000:]}")
        return json.loads(proc.stdout.strip().splitlines()[-1])


def main(argv=None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--scale", type=float, default=1.0, help="fraction of 2,000 abstracts + 50 papers (default 1)")
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--json", default="out/throughput.json", help="where the JSON goes (default out/throughput.json)")
    ap.add_argument("--profile", help="write cProfile stats of the in-process stages here")
    ap.add_argument("--no-whole", action="store_true", help="skip the child-process ingest")
    args = ap.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        files = write_corpus(Path(tmp), args.scale, args.seed)
        texts = {lang: [Path(f["path"]).read_text(encoding="utf-8") for f in files if f["lang"] == lang]
                 for lang in ("en", "zh")}
        base = baselines(texts)
        whole_run = None if args.no_whole else whole(files)
        st = stages(files, args.profile)

    rows = []
    result = {"scale": args.scale, "seed": args.seed, "baselines": base, "languages": {}}
    for lang in ("en", "zh"):
        mine = [f for f in files if f["lang"] == lang]
        n, chars = len(mine), sum(f["chars"] for f in mine)
        ref = base[lang]["chars_per_s"]
        figs = {}
        for stage in STAGES:
            s = st[lang][stage]
            figs[stage] = {"seconds": s, "docs_per_s": n / s, "chars_per_s": chars / s, "ratio": chars / s / ref}
        s = sum(st[lang].values())
        figs["stages_total"] = {"seconds": s, "docs_per_s": n / s, "chars_per_s": chars / s, "ratio": chars / s / ref}
        if whole_run:
            steady = whole_run["seconds"][lang]
            start = whole_run["startup_s"] if lang == whole_run["first_lang"] else 0.0
            for name, s in (("whole_pipeline", steady + start), ("whole_steady", steady)):
                figs[name] = {"seconds": s, "docs_per_s": n / s, "chars_per_s": chars / s, "ratio": chars / s / ref}
        result["languages"][lang] = {"documents": n, "chars": chars,
                                     "abstracts": sum(f["kind"] == "abstract" for f in mine),
                                     "papers": sum(f["kind"] == "paper" for f in mine), "figures": figs}
        for name, f in figs.items():
            rows.append((lang, name, f["seconds"], f["docs_per_s"], f["chars_per_s"], f["ratio"]))
    if whole_run:
        result["whole"] = whole_run

    print(f"corpus: scale {args.scale}; " + "; ".join(
        f"{lang}: {v['documents']} documents ({v['abstracts']} abstracts, {v['papers']} papers), {v['chars']:,} chars"
        for lang, v in result["languages"].items()))
    for lang, b in base.items():
        print(f"baseline {lang}: {b['tool']} {b['chars_per_s']:,.0f} chars/s")
    print(f"{'lang':4} {'stage':15} {'seconds':>9} {'docs/s':>9} {'chars/s':>12} {'ratio':>8}")
    for lang, name, s, d, c, r in rows:
        print(f"{lang:4} {name:15} {s:9.2f} {d:9.1f} {c:12,.0f} {r:8.1%}")
    if whole_run:
        print(f"whole pipeline child: imports {whole_run['import_s']:.2f} s, start-up (warm_up: NLP imports, "
              f"pipelines, lexicons) {whole_run['startup_s']:.2f} s, counted in {whole_run['first_lang']}; "
              f"ingest {whole_run['total_s']:.1f} s incl. start-up, "
              f"(wall {whole_run['wall_s']:.1f} s), peak RSS {whole_run['peak_rss_mb']:.0f} MB, database {whole_run['db_mb']:.1f} MB, "
              f"{whole_run['relations']:,} relations, failed {whole_run['n_failed']}")
    result["peak_rss_mb_this_process"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    Path(args.json).parent.mkdir(parents=True, exist_ok=True)
    Path(args.json).write_text(json.dumps(result, indent=1), encoding="utf-8")
    print(f"written {args.json}")
    return result


if __name__ == "__main__":
    main()
