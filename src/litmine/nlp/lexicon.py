"""The bilingual concept lexicon (``models/lexicon.tsv``) and its matcher.

The TSV has one concept a row: ``id  type  name  name_zh  synonyms_en
synonyms_zh  xrefs  source`` (see ``models/README.md`` for sources).
:func:`load_lexicon` reads it once per process into a :class:`Lexicon`, which
finds surface forms in text with :meth:`Lexicon.find` -- the longest match at
each position, left to right, of the candidates one Aho-Corasick automaton per
case table (pyahocorasick) finds in one pass over *normalised* text:

* :func:`normalise` maps each character to one character (so offsets are kept):
  NFKC per character (full-width -> half-width, U+00B5 micro sign -> U+03BC μ),
  every dash/hyphen/minus -> ``-``.
* Greek letters may also be spelled out: surface forms with α β γ δ κ μ are
  expanded to ``alpha``/``beta``..., with hyphen, space or nothing before them.
* English forms of six or more characters that are not all capitals match
  case-insensitively; short forms and acronyms match case-sensitively.
* Latin forms must not be glued to other Latin letters or digits ("IL-1" is
  not found inside "IL-10"); CJK forms need no boundary.
"""
from __future__ import annotations

import csv
import functools
import hashlib
import os
import re
import tempfile
import unicodedata
from bisect import bisect_left
from itertools import accumulate
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Mapping, Optional

import ahocorasick

from ..data import cache_dir, models_dir

#: Where the lexicon files are read from (see :func:`litmine.data.models_dir`: the package's data
#: in an installed litmine, the repository's ``models/`` in a checkout, or ``$LITMINE_MODELS``).
MODELS_DIR = models_dir()
COLUMNS = ["id", "type", "name", "name_zh", "synonyms_en", "synonyms_zh", "xrefs", "source"]
DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
GREEK_NAMES = {"α": "alpha", "β": "beta", "γ": "gamma", "δ": "delta", "κ": "kappa", "μ": "mu", "θ": "theta"}


#: Rodent-style gene symbols that are also common English words, not added.
RODENT_SYMBOL_STOP = frozenset("Cat Car Set Met Arc Was Ace Map Not Rest Ret Kit Mos Ran Cap Pan Tap Rap Wars Man".split())


#: Characters written for a Greek letter they resemble: the German sharp s for beta ("IL-1ß",
#: "TGF-ß1", "ß-endorphin": Western keyboards and PDF fonts without Greek give it), read as β when
#: matching (the mention's text stays as written).
GREEK_LOOKALIKES = {"\u00df": "\u03b2"}


def _norm_char(c: str) -> str:
    if c in DASHES:
        return "-"
    if c in GREEK_LOOKALIKES:
        return GREEK_LOOKALIKES[c]
    n = unicodedata.normalize("NFKC", c)
    if len(n) != 1:
        return c
    if n in DASHES:
        return "-"
    return n


class _CharTable(dict):
    """``str.translate`` table filled on first sight of each character (code point -> one character)."""

    def __init__(self, fn):
        super().__init__()
        self.fn = fn

    def __missing__(self, code: int) -> str:
        out = self[code] = self.fn(chr(code))
        return out


def _lower1(c: str) -> str:
    low = c.lower()
    return low if len(low) == 1 else c


_NORM_TABLE = _CharTable(_norm_char)
_FOLD_TABLE = _CharTable(lambda c: _lower1(_norm_char(c)))


_DASH = re.compile(f"[{DASHES}]")


def _stable(text: str) -> bool:
    """Does :func:`normalise` leave ``text`` as it is? True when the text is NFKC-normalised (then
    each of its characters is: a character NFKC changes appears in no NFKC-normalised text) and holds
    no dash of :data:`DASHES` nor a :data:`GREEK_LOOKALIKES` character."""
    return unicodedata.is_normalized("NFKC", text) and _DASH.search(text) is None and "\u00df" not in text


def normalise(text: str) -> str:
    """Per-character normalisation; ``len(normalise(t)) == len(t)`` always."""
    if text.isascii() or _stable(text):  # NFKC and the dashes leave ASCII (and most text) as it is
        return text
    return _normalised(text)


def fold(text: str) -> str:
    """:func:`normalise` then lower-case, still one character per character."""
    if text.isascii():
        return text.lower()
    norm = normalise(text)
    if "\u03a3" not in norm and "\u0130" not in norm:
        return norm.lower()  # str.lower differs from lower-casing each character only at these two
    return _folded(text)


# remembered: the matchers of one sentence each read it normalised (the curated, document and
# generated lexicons, the family patterns)
@functools.lru_cache(maxsize=256)
def _normalised(text: str) -> str:
    return text.translate(_NORM_TABLE)


@functools.lru_cache(maxsize=256)
def _folded(text: str) -> str:
    return text.translate(_FOLD_TABLE)


def greek_variants(form: str) -> set[str]:
    """Spelled-out variants of a form with Greek letters: ``TNF-α`` ->
    ``{TNF-alpha, TNF alpha, TNFalpha, TNFα}``; ``μ-opioid`` -> ``{mu-opioid, mu opioid}``."""
    out = set()
    if not any(g in form for g in GREEK_NAMES):
        return out
    for g, name in GREEK_NAMES.items():
        if g not in form:
            continue
        out.add(form.replace(g, name))
        out.add(form.replace("-" + g, g))
        out.add(form.replace("-" + g, " " + name))
        out.add(form.replace("-" + g, name))
    out.discard(form)
    return out


#: American/British spelling pairs applied to lexicon forms (both directions).
SPELLING_PAIRS = [("behavior", "behaviour"), ("fiber", "fibre"), ("tumor", "tumour"), ("hemo", "haemo"),
                  ("anemia", "anaemia"), ("edema", "oedema"), ("ization", "isation"), ("izing", "ising"),
                  ("ized", "ised"), ("esthesia", "aesthesia"), ("glycemia", "glycaemia"), ("program", "programme")]


def spelling_variants(form: str) -> set[str]:
    """``"nociceptive behavior"`` -> ``{"nociceptive behaviour"}`` and vice versa."""
    out = set()
    low = form.lower()
    for us, uk in SPELLING_PAIRS:
        if us in low and uk not in low:
            out.add(re.sub(us, uk, form, flags=re.I))
        elif uk in low:
            out.add(re.sub(uk, us, form, flags=re.I))
    return out


def plural_variants(form: str) -> set[str]:
    """English plural of a multi-word lower-case form's head: "mechanical threshold" -> "mechanical thresholds"."""
    m = re.fullmatch(r"([a-z][a-z\- ]* )([a-z]{4,})", form)
    if not m or m.group(2).endswith(("s", "x", "sh", "ch")):
        return set()
    head = m.group(2)
    return {m.group(1) + (head[:-1] + "ies" if head.endswith("y") and head[-2] not in "aeiou" else head + "s")}


def is_cjk_form(form: str) -> bool:
    """Does ``form`` hold a CJK ideograph (U+4E00-U+9FFF)?"""
    return _CJK_CHAR.search(form) is not None


@dataclass
class Concept:
    """One lexicon row: ``id`` (HGNC:/MESH:/NCBITaxon:/UBERON:/CL:/CHEBI:/LM:),
    ``type`` (entity label), canonical ``name`` and ``name_zh``."""

    id: str
    type: str
    name: str
    name_zh: str = ""
    synonyms: list[str] = field(default_factory=list)
    xrefs: list[str] = field(default_factory=list)
    source: str = ""


@dataclass(frozen=True)
class Match:
    """A surface form found in text: ``[start, end)`` offsets into the input."""

    start: int
    end: int
    concept_id: str
    form: str


class _Forms:
    """Surface keys -> ``(concept id, form)`` (the first value added for a key wins), matched all at
    once by one Aho-Corasick automaton (pyahocorasick), built on the first search after a change."""

    __slots__ = ("keys", "_auto")

    def __init__(self):
        self.keys: dict[str, tuple[str, str]] = {}
        self._auto = None

    def add(self, key: str, value: tuple[str, str]) -> None:
        if key not in self.keys:
            self.keys[key] = value
            self._auto = None

    def automaton(self):
        """The keys' automaton (``None`` without keys): value ``(len(key), concept id, form, boundary)``
        with ``boundary`` the form's :func:`_boundary_profile`."""
        if self._auto is None and self.keys:
            auto = ahocorasick.Automaton(ahocorasick.STORE_ANY, ahocorasick.KEY_STRING)
            for key, (cid, form) in self.keys.items():
                auto.add_word(key, (len(key), cid, form, _boundary_profile(form)))
            auto.make_automaton()
            self._auto = auto
        return self._auto

    def matches(self, text: str):
        """``(start, end, (concept id, form))`` for every key occurring in ``text`` (overlaps included)."""
        auto = self.automaton()
        if auto is None:
            return ()
        return ((end + 1 - n, end + 1, (cid, form)) for end, (n, cid, form, _) in auto.iter(text))


_LATIN_ALNUM = re.compile(r"[A-Za-z0-9]")
_LATIN_ALNUM_END = re.compile(r"[A-Za-z0-9]$")
_CJK_CHAR = re.compile(r"[\u4e00-\u9fff]")


#: The profile of a form :func:`_latin_boundary_ok` accepts anywhere (a CJK form neither starting nor ending with
#: a Latin letter or digit); one shared object, so a match of such a form skips the call.
_NO_BOUNDARY = (False, False, False, False, False)


def _boundary_profile(form: str) -> tuple[bool, bool, bool, bool, bool]:
    """What :func:`_latin_boundary_ok` reads of a form, computed once per form: ``(first is a Latin
    letter or digit, the right edge is checked, last is a Latin letter or digit, an acronym that may
    take a plural s, last is alphanumeric)``. A CJK form not ending in a Latin letter or digit has
    no right-edge check."""
    cjk = is_cjk_form(form)
    profile = (form[0].isascii() and form[0].isalnum(), not (cjk and not _LATIN_ALNUM_END.search(form)),
               form[-1].isascii() and form[-1].isalnum(), len(form) >= 2 and form.isupper() and form.isalpha(),
               form[-1].isalnum())
    return _NO_BOUNDARY if profile == _NO_BOUNDARY else profile


def _latin_boundary_ok(text: str, start: int, end: int, profile: tuple[bool, bool, bool, bool, bool]) -> bool:
    """May the form with :func:`_boundary_profile` ``profile`` be read at ``text[start:end]``? A form that
    starts (ends) with a Latin letter or digit must not be glued to one on its left (right); an acronym
    may take a plural s ("PWTs", "TLRs"); a form ending alphanumeric must not stop before a Greek
    letter that continues it ("IL-1" in "IL-1β"). CJK forms need no boundary."""
    first_alnum, check_right, last_latin, plural, last_alnum = profile
    if first_alnum and start and text[start - 1].isascii() and text[start - 1].isalnum():
        return False
    if not check_right or end >= len(text):
        return True
    c = text[end]
    if last_latin and c.isascii() and c.isalnum():  # glued on the right: only an acronym's plural s
        return c == "s" and plural and (end + 1 >= len(text) or not (text[end + 1].isascii() and text[end + 1].isalnum()))
    return not (last_alnum and c in GREEK_NAMES)


class Lexicon:
    """Concepts by id plus a matcher over all their surface forms.

    Args:
        concepts: the rows.
        version: a short hash of the TSV (stored with every ingested document).
    """

    def __init__(self, concepts: Iterable[Concept], version: str = ""):
        self.concepts: dict[str, Concept] = {}
        self.version = version
        self.generated: Optional["GeneratedLexicon"] = None  # the layer built from HGNC/MeSH/FamPlex, if attached
        self._curated_for: dict[str, Concept] = {}  # generated id -> the concept it resolves to
        self._cs = _Forms()   # case-sensitive, normalised
        self._ci = _Forms()   # case-folded
        self.forms: dict[str, str] = {}  # folded form -> concept id (first wins)
        self._indexed: set[tuple[str, str]] = set()
        concepts = list(concepts)
        for c in concepts:  # every form as written first, so generated variants never displace one
            self.concepts[c.id] = c
            for form in self._written_forms(c):
                self._index(form, c.id)
        for c in concepts:
            for form in self._written_forms(c):
                self.add_form(form, c.id)

    @staticmethod
    def _written_forms(concept: Concept) -> set[str]:
        """Name, Chinese name and synonyms; human gene symbols (HGNC) also in rodent
        nomenclature (MGI/RGD: ``IL1B`` -> ``Il1b``)."""
        forms = {concept.name, concept.name_zh, *concept.synonyms} - {""}
        if concept.id.startswith("HGNC:"):
            forms |= {f[0] + f[1:].lower() for f in forms
                      if re.fullmatch(r"[A-Z][A-Z0-9]{2,9}", f) and f[0] + f[1:].lower() not in RODENT_SYMBOL_STOP}
        return forms

    def add(self, concept: Concept) -> None:
        """Add a concept and index its forms and their variants."""
        self.concepts[concept.id] = concept
        for form in self._written_forms(concept):
            self.add_form(form, concept.id)

    def add_form(self, form: str, concept_id: str) -> None:
        """Index one surface form and its variants (Greek letters spelled out,
        British/American spelling, English plural, capitalised short forms) for
        ``concept_id``; a variant that is another concept's form is skipped."""
        self._index(form, concept_id)
        variants = {*greek_variants(form), *spelling_variants(form), *plural_variants(form)}
        if re.fullmatch(r"[a-z][a-z\- ]{1,4}", form):
            variants.add(form[0].upper() + form[1:])  # short lower-case forms also start sentences ("Pain↓")
        for f in variants:
            if self.forms.get(fold(normalise(f.strip())), concept_id) == concept_id:
                self._index(f, concept_id)

    def _index(self, form: str, concept_id: str) -> None:
        f = normalise(form.strip())
        if not f or (f, concept_id) in self._indexed:
            return
        self._indexed.add((f, concept_id))
        key = fold(f)
        if self.forms.setdefault(key, concept_id) != concept_id and len(f) > 5:
            return  # a long form belongs to its first concept only
        insensitive = len(f) >= 6 and not f.isupper() and not is_cjk_form(f) or \
            (is_cjk_form(f) and re.search(r"[A-Za-z]{3,}", f) is None)
        if insensitive:
            self._ci.add(key, (concept_id, f))
        else:
            self._cs.add(f, (concept_id, f))

    def lookup(self, form: str) -> Optional[Concept]:
        """The concept a surface form names, or ``None``: the curated forms first, then the generated layer
        (a generated concept that is also a curated row is returned as the curated row)."""
        cid = self.forms.get(fold(form.strip()))
        if cid:
            return self.concepts.get(cid)
        if self.generated is not None:
            c = self.generated.lookup(form)
            if c is not None:
                return self.concept(c.id)
        return None

    def concept(self, cid: str) -> Optional[Concept]:
        """The concept with id ``cid``: the curated row, else the generated one -- or the curated row
        that names the generated concept's name or one of its forms (MeSH's "Glial Cell Line-Derived
        Neurotrophic Factor" is the curated GDNF) -- else ``None``."""
        c = self.concepts.get(cid)
        if c is not None or self.generated is None:
            return c
        hit = self._curated_for.get(cid)
        if hit is None:
            g = self.generated.concepts.get(cid)
            if g is None:
                return None
            for form in (g.name, *g.synonyms):
                own = self.forms.get(fold(form.strip()))
                if own and (len(form) > 2 or form.isupper() and own == self.forms.get(form)):
                    hit = self.concepts[own]
                    break
            else:
                hit = g
            self._curated_for[cid] = hit
        return hit

    def find(self, text: str) -> list[Match]:
        """All longest, non-overlapping matches in ``text``, left to right: from each position the
        longest form (case-sensitive on :func:`normalise`'d text, case-insensitive on folded text; a
        tie goes to the case-sensitive form) that passes the Latin boundary rule; the scan goes on
        after it. Candidates come from one automaton pass per case table (linear in ``len(text)``
        plus the number of occurrences)."""
        norm = normalise(text)
        # (order, start, end, concept id, form, boundary profile); order: by start, longest, case-sensitive
        # first, as one integer (unique: a table holds one key per string), so the sort compares integers only
        cands = []
        width = 2 * (len(norm) + 1)
        for table, (forms, src) in enumerate(((self._cs, norm), (self._ci, fold(text)))):
            auto = forms.automaton()
            if auto is not None:
                last = width - 2 + table
                for end, (n, cid, form, profile) in auto.iter(src):
                    a = end + 1 - n
                    cands.append((a * width + last - 2 * end, a, end + 1, cid, form, profile))
        if not cands:
            return []
        cands.sort()
        out: list[Match] = []
        pos = 0
        for _, a, end, cid, form, profile in cands:
            if a >= pos and (profile is _NO_BOUNDARY or _latin_boundary_ok(norm, a, end, profile)):
                out.append(Match(a, end, cid, form))
                pos = end
        return out

#: Characters a span of the generated layer may have between two tokens ("GAP-43", "Alzheimer's disease").
_GEN_TOKEN = re.compile(r"[A-Za-z0-9\u0391-\u03a9\u03b1-\u03c9]+")
_GEN_GAP = re.compile(r"[ \-/.'+]{1,3}")


_GREEK_SPELLED = {ord(g): name for g, name in GREEK_NAMES.items()}


def generated_key(form: str) -> str:
    """Matching key of the generated layer: :func:`normalise`, spaces and hyphens dropped, Greek letters
    spelled out (``"TNF- α"``, ``"TNF alpha"`` and ``"TNFα"`` share ``"TNFalpha"``). Case is kept."""
    k = re.sub(r"[\s\-]+", "", normalise(form))
    for g, name in GREEK_NAMES.items():
        k = k.replace(g, name)
    return k


def _generated_insensitive(form: str, concept_id: str = "") -> bool:
    """The loader's case rule: forms of six or more characters that are not all capitals match in any case;
    so do MeSH terms made of plain words of any length (MeSH writes "Axons", text "axons")."""
    if len(form) >= 6 and not form.isupper():
        return True
    return concept_id.startswith("MESH:") and re.fullmatch(r"[A-Za-z][a-z]+(?:[ \-][A-Za-z][a-z]+)*", form) is not None


@dataclass(frozen=True)
class GeneratedMatch:
    """A generated-layer form found in text: ``[start, end)`` offsets; ``needs_cue`` for bare ambiguous symbols."""

    start: int
    end: int
    concept_id: str
    form: str
    needs_cue: bool = False


class _ConceptRows(Mapping):
    """id -> :class:`Concept`, built on first access from ``(type, name, forms, xrefs)`` rows (35,000
    generated concepts load in a fraction of the time their objects would take)."""

    def __init__(self, rows: dict[str, tuple]):
        self.rows = rows
        self._made: dict[str, Concept] = {}

    def __getitem__(self, cid: str) -> Concept:
        c = self._made.get(cid)
        if c is None:
            ctype, name, forms, xrefs = self.rows[cid]
            c = self._made[cid] = Concept(cid, ctype, name, "", list(forms), list(xrefs), "generated")
        return c

    def __iter__(self):
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)


class GeneratedLexicon:
    """The lexicon generated from HGNC, MGI/RGD, MeSH and FamPlex (``models/lexicon_generated.tsv.gz``).

    Matching is by dictionary look-up of token n-grams (tokens: runs of Latin letters, digits and Greek
    letters; between two tokens of one form only spaces, hyphens and ``/ . ' +``), longest first, so
    140,000 forms cost no trie. Keys are :func:`generated_key`; forms of six or more characters that are
    not all capitals match case-insensitively, others case-sensitively. Forms written with a leading ``?``
    in the file are returned with ``needs_cue=True``: the tagger keeps them only next to a cue word.

    Args:
        concepts: id -> :class:`Concept` (``synonyms`` hold the forms without the ``?`` mark).
        forms: ``(form, concept id, needs_cue)`` triples.
        version: short hash of the file.
    """

    def __init__(self, concepts: Mapping[str, Concept], forms: Iterable[tuple[str, str, bool]], version: str = ""):
        self.concepts = concepts
        self.version = version
        self._cs: dict[str, tuple[str, bool]] = {}
        self._ci: dict[str, tuple[str, bool]] = {}
        self.max_tokens = 1
        for form, cid, cue in forms:
            key = generated_key(form)
            if not key:
                continue
            table, key = (self._ci, key.lower()) if _generated_insensitive(form, cid) else (self._cs, key)
            table.setdefault(key, (cid, cue))
            self.max_tokens = max(self.max_tokens, len(_GEN_TOKEN.findall(normalise(form))))

    def __getstate__(self):
        return {"rows": dict(self.concepts.rows) if isinstance(self.concepts, _ConceptRows) else
                {cid: (c.type, c.name, tuple(c.synonyms), tuple(c.xrefs)) for cid, c in self.concepts.items()},
                "cs": self._cs, "ci": self._ci, "max_tokens": self.max_tokens, "version": self.version}

    def __setstate__(self, state):
        self.concepts = _ConceptRows(state["rows"])
        self._cs, self._ci = state["cs"], state["ci"]
        self._sorted = None
        self.max_tokens, self.version = state["max_tokens"], state["version"]

    def lookup(self, form: str) -> Optional[Concept]:
        """The concept ``form`` names (cue-marked forms included), or ``None``."""
        key = generated_key(form.strip())
        hit = self._cs.get(key) or self._ci.get(key.lower())
        return self.concepts.get(hit[0]) if hit else None

    def _key_lists(self) -> tuple[list[str], list[str]]:
        """The case-sensitive and case-insensitive keys, each sorted (made on first use, not pickled)."""
        lists = getattr(self, "_sorted", None)
        if lists is None:
            lists = self._sorted = (sorted(self._cs), sorted(self._ci))
            self._seen = {}  # key -> (hit, does a longer key start with it): the same words recur in every text
        return lists

    def _read_key(self, key: str) -> tuple[Optional[tuple[str, bool]], bool]:
        """``(hit, grows)`` of a key: its ``(concept id, needs cue)`` in either table (the case-sensitive
        one first) or ``None``, and whether a longer key of either table starts with it (a binary search
        in the sorted keys; a capital sigma lower-cases by context, so a key holding one always grows)."""
        cs_keys, ci_keys = self._key_lists()
        low = key.lower()
        hit = self._cs.get(key) or self._ci.get(low)
        k = bisect_left(cs_keys, key)
        grows = k < len(cs_keys) and cs_keys[k].startswith(key)
        if not grows:
            k = bisect_left(ci_keys, low)
            grows = k < len(ci_keys) and ci_keys[k].startswith(low) or "\u03a3" in key
        return hit, grows

    def find(self, text: str) -> list[GeneratedMatch]:
        """All longest, non-overlapping matches in ``text``, left to right (offsets into ``text``).

        From each token the key grows token by token (at most ``max_tokens``); it stops growing as
        soon as no key of either table starts with it. What each key finds is remembered (the same
        words recur in every text)."""
        norm = normalise(text)
        parts = _GEN_TOKEN_SPLIT.split(norm)  # [before, token, gap, token, ..., token, after]
        n = len(parts) // 2
        if not n:
            return []
        ends = list(accumulate(map(len, parts)))  # ends[2t + 1]: end of token t; ends[2t]: its start
        pieces = parts[1::2] if norm.isascii() else _GEN_TOKEN_SPLIT.split(norm.translate(_GREEK_SPELLED))[1::2]
        gaps = [None]  # gaps[j]: what the key takes from between tokens j - 1 and j, or None: no form spans it
        for gap in parts[2:-1:2]:
            residue = _GAP_RESIDUE.get(gap, 0)
            if residue == 0:
                residue = gap.replace(" ", "").replace("-", "") if _GEN_GAP.fullmatch(gap) else None
                if len(_GAP_RESIDUE) < 10_000:
                    _GAP_RESIDUE[gap] = residue
            gaps.append(residue)
        self._key_lists()
        seen, read = self._seen, self._read_key
        if len(seen) >= 200_000:
            seen.clear()
        out: list[GeneratedMatch] = []
        i, max_tokens = 0, self.max_tokens
        while i < n:
            best = None
            key = pieces[i]
            last = i + max_tokens - 1
            if last >= n:
                last = n - 1
            j = i
            while True:
                got = seen.get(key)
                if got is None:
                    got = seen[key] = read(key)
                if got[0]:
                    best = (j, got[0])
                if j == last or gaps[j + 1] is None or not got[1]:
                    break
                j += 1
                key = key + gaps[j] + pieces[j]
            if best is None:
                i += 1
                continue
            j, (cid, cue) = best
            a, b = ends[2 * i], ends[2 * j + 1]
            out.append(GeneratedMatch(a, b, cid, text[a:b], cue))
            i = j + 1
        return out


#: Gap text between two tokens -> what a key takes from it (``None``: no form spans it); filled as read.
_GAP_RESIDUE: dict[str, Optional[str]] = {}
_GEN_TOKEN_SPLIT = re.compile(f"({_GEN_TOKEN.pattern})")


def generated_lexicon_path() -> Path:
    """Path of the generated lexicon (``$LITMINE_MODELS/lexicon_generated.tsv.gz``)."""
    return MODELS_DIR / "lexicon_generated.tsv.gz"


GENERATED_COLUMNS = ["id", "type", "name", "forms", "xrefs"]
#: Bumped whenever :class:`GeneratedLexicon` indexes forms differently (the cache file name carries it).
GENERATED_LOADER_VERSION = 2


def read_generated(path: Path) -> GeneratedLexicon:
    """Read the generated lexicon (gzip'ed TSV: ``#`` header lines, then :data:`GENERATED_COLUMNS`).

    Raises:
        ValueError: the column header is not :data:`GENERATED_COLUMNS` (one line naming the file).
    """
    import gzip
    data = path.read_bytes()
    text = gzip.decompress(data).decode("utf-8")
    rows: dict[str, tuple] = {}
    forms: list[tuple[str, str, bool]] = []
    header_seen = False
    for line in text.split("\n"):
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            if cols != GENERATED_COLUMNS:
                raise ValueError(f"{path}: header must be {GENERATED_COLUMNS}, got {cols}")
            header_seen = True
            continue
        cid, ctype, name, fs, xrefs = (cols + [""] * 5)[:5]
        plain = []
        for f in fs.split("|"):
            if f:
                cue = f.startswith("?")
                f = f[1:] if cue else f
                plain.append(f)
                forms.append((f, cid, cue))
        rows[cid] = (ctype, name, tuple(plain), tuple(x for x in xrefs.split("|") if x))
    return GeneratedLexicon(_ConceptRows(rows), forms, version=hashlib.sha256(data).hexdigest()[:12])


def load_generated(path: Path | None = None) -> GeneratedLexicon:
    """:func:`read_generated` through a compiled cache: a pickle in the user cache directory
    (``platformdirs.user_cache_dir("litmine")``), named by the file's hash, so a second process loads
    in about 0.1 s. The cache is never written into the package; an unwritable cache directory only
    costs the parse."""
    import pickle
    path = path or generated_lexicon_path()
    digest = hashlib.sha256(path.read_bytes()).hexdigest()[:16]
    try:
        cache = cache_dir() / f"generated-{digest}-v{GENERATED_LOADER_VERSION}.pickle"
    except OSError:  # an unwritable cache directory only costs the parse
        cache = None
    if cache is not None and cache.exists():
        try:
            with open(cache, "rb") as fh:
                return pickle.load(fh)
        except Exception:  # a damaged or foreign cache file: parse again
            pass
    lex = read_generated(path)
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=cache.parent, prefix=".generated.", suffix=".tmp")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(lex, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, cache)
        except OSError:
            pass
    return lex


def generated_sources(path: Path | None = None) -> list[str]:
    """The ``# source:`` header lines of the generated lexicon (resource file, wheel, date, hash)."""
    import gzip
    path = path or generated_lexicon_path()
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        return [line.rstrip("\n")[len("# source: "):] for line in fh if line.startswith("# source: ")]


def _split(cell: str) -> list[str]:
    return [s.strip() for s in (cell or "").split("|") if s.strip()]


def read_tsv(path: Path) -> list[Concept]:
    """Read a lexicon TSV into concepts.

    Raises:
        ValueError: a header that is not :data:`COLUMNS`, or a duplicate id.
    """
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader)
        if [h.strip() for h in header] != COLUMNS:
            raise ValueError(f"{path}: header must be {COLUMNS}, got {header}")
        out, seen = [], set()
        for row in reader:
            if not row or not row[0].strip() or row[0].startswith("#"):
                continue
            row = (row + [""] * 8)[:8]
            cid = row[0].strip()
            if cid in seen:
                raise ValueError(f"{path}: duplicate concept id {cid}")
            seen.add(cid)
            out.append(Concept(cid, row[1].strip(), row[2].strip(), row[3].strip(),
                               _split(row[4]) + _split(row[5]), _split(row[6]), row[7].strip()))
    return out


def lexicon_path() -> Path:
    """Path of the lexicon TSV (``$LITMINE_MODELS/lexicon.tsv``)."""
    return MODELS_DIR / "lexicon.tsv"


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The project lexicon, loaded once per process: the curated TSV, with the generated layer attached
    when ``lexicon_generated.tsv.gz`` exists. ``version`` hashes both files."""
    path = lexicon_path()
    data = path.read_bytes()
    version = hashlib.sha256(data).hexdigest()[:12]
    lex = Lexicon(read_tsv(path), version=version)
    gpath = generated_lexicon_path()
    if gpath.exists():
        lex.generated = load_generated(gpath)
        lex.version = f"{version}+{lex.generated.version}"
    return lex


def jieba_user_words(lex: Lexicon) -> list[str]:
    """Every Chinese surface form as a jieba user-dictionary line ``word freq tag``.

    jieba splits at characters outside its word regex (hyphen, ``/``, Greek,
    space) before it consults user words, so only forms without them are
    listed; the character-level matcher of :class:`Lexicon` finds the others.
    """
    words = set()
    for c in lex.concepts.values():
        for form in [c.name_zh, *c.synonyms]:
            if form and is_cjk_form(form) and re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9]+", form):
                words.add((form, c.type.lower().replace("_", "")))
    return [f"{w} {max(1000, 200 * len(w))} {t}" for w, t in sorted(words)]


@functools.lru_cache(maxsize=1)
def load_jieba():
    """jieba's default tokenizer with litmine's user dictionary loaded (once per
    process; the Chinese pipeline and the search index share it); returns the
    ``jieba`` module. Logging below warnings is silenced.

    Raises:
        OSError: the user dictionary cannot be written (see :func:`jieba_dict_path`).
    """
    import logging

    import jieba  # imported here: only Chinese text needs it

    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(str(jieba_dict_path()))
    return jieba


class Segmenter:
    """jieba's precise mode without HMM, with litmine's user dictionary, through rjieba (the
    jieba-rs binding: the same dictionary and algorithm, ~15x faster here). On the shared corpora,
    ``corpus/`` and the tests' Chinese sentences (787 sentences) it cuts exactly as
    ``jieba.cut(text, HMM=False)`` with the same user dictionary, and :meth:`is_word` agrees with
    ``jieba.dt.FREQ`` on every sub-word of their words (5,517). (With HMM on, the two differ on
    Latin runs such as ``SCI-Sed``, so HMM stays off.)"""

    def __init__(self, user_lines: Iterable[str]):
        import rjieba

        self._jieba = rjieba.Jieba()
        for line in user_lines:
            parts = line.split()
            if parts:  # "word freq tag", as jieba.load_userdict reads it
                self._jieba.add_word(parts[0], int(parts[1]) if len(parts) > 1 else None,
                                     parts[2] if len(parts) > 2 else None)

    def cut(self, text: str) -> list[str]:
        """The precise words of ``text``, in order (``"".join(words) == text``)."""
        return self._jieba.cut(text, False)

    def is_word(self, word: str) -> bool:
        """Is ``word`` a dictionary word (jieba's or the user dictionary's)?"""
        return self._jieba.has_word(word)


@functools.lru_cache(maxsize=1)
def load_segmenter() -> Segmenter:
    """The :class:`Segmenter` with the user dictionary of :func:`jieba_dict_path`, built once per process.

    Raises:
        OSError: the user dictionary cannot be written (see :func:`jieba_dict_path`).
    """
    with open(jieba_dict_path(), encoding="utf-8") as fh:
        return Segmenter(fh)


#: Version of the rules turning the lexicon into jieba user words (:func:`jieba_user_words`);
#: change it with them, so cached dictionaries are made anew.
JIEBA_DICT_RULES = "litmine.jieba_userdict.v1"


def jieba_dict_path() -> Path:
    """Path of the jieba user dictionary generated from the lexicon (a file jieba can load).

    It is written once per lexicon version into the user cache directory
    (:func:`litmine.data.cache_dir`), named by a hash of the lexicon files' bytes
    and :data:`JIEBA_DICT_RULES` (so a process that only needs the dictionary, such
    as a Chinese ``litmine search``, finds it without loading the lexicon),
    write-then-rename so a process starting meanwhile never reads half a file;
    never into the installed package or the checkout. Where the cache directory
    cannot be written, the system's temporary folder is used.
    """
    key = hashlib.sha256(JIEBA_DICT_RULES.encode("utf-8"))
    for source in (lexicon_path(), generated_lexicon_path()):
        key.update(source.read_bytes() if source.exists() else b"-")
    name = f"jieba_userdict.{key.hexdigest()[:12]}.txt"
    content = None
    try:
        folder = cache_dir()
    except OSError:
        folder = Path(tempfile.gettempdir())
    for place in (folder, Path(tempfile.gettempdir())):
        path = place / name
        if path.is_file():
            return path
        if content is None:
            content = "\n".join(jieba_user_words(load_lexicon())) + "\n"
        try:
            fd, part = tempfile.mkstemp(dir=place, prefix=".jieba_userdict.", suffix=".tmp")
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                fh.write(content)
            os.replace(part, path)
            return path
        except OSError:
            continue
    raise OSError(f"cannot write the jieba user dictionary into {folder} or the temporary folder")
