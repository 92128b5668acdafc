"""Tag mentions in sentences and normalise them to concepts.

``tag(doc, sentences) -> list[Mention]`` combines four sources, in this order
of precedence when spans overlap (longer span first, then the order below):

1. **abbreviations defined in the document** -- English via scispaCy's
   AbbreviationDetector (Schwartz & Hearst 2003), Chinese via the patterns
   ``中文全称 (English long form, ABBR)`` and ``中文 (ABBR)``
   (:func:`chinese_abbreviations`). A definition overrides the lexicon's
   default sense within the document (the seed defines SNI as *sciatic nerve
   injury*; the lexicon's SNI is *spared nerve injury*);
2. **the lexicon** (:mod:`litmine.nlp.lexicon`): the curated TSV, then its
   generated layer (HGNC, MGI/RGD, MeSH, FamPlex); a generated form marked as
   ambiguous (a bare short symbol, an English word) is kept only next to a cue
   word (:func:`has_cue`);
3. **family patterns** (:data:`FAMILY_PATTERNS`) for members the lexicon may
   lack: IL-n, CCLn/CXCLn/CX3CL1, their receptors, CDn, Trk[ABC], Nav1.n,
   TRP channels, P2X/P2Y, TLRn, caspase-n, MMP-n, GAD65/67, 5-HTn receptors;
4. **protocol parts** (durations, frequencies, intensities...) from
   :mod:`litmine.nlp.protocol`, labelled DURATION, FREQUENCY, ...
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..types import Document, Mention, Sentence
from .lexicon import Concept, Lexicon, fold, load_lexicon, normalise

#: (regex over normalised text, label, canonical-name template). Gene-family
#: nomenclature after HGNC (interleukins, chemokines, CD antigens, channels).
FAMILY_PATTERNS: list[tuple[re.Pattern, str]] = [
    (re.compile(r"(?<![A-Za-z0-9])IL-?\d{1,2}(?:[αβ]|Ra)?(?![A-Za-z0-9])"), "CYTOKINE"),
    (re.compile(r"(?<![A-Za-z0-9])C(?:C|XC|X3C)L\d{1,2}(?![A-Za-z0-9])"), "CHEMOKINE"),
    (re.compile(r"(?<![A-Za-z0-9])C(?:C|XC|X3C)R\d{1,2}(?![A-Za-z0-9])"), "RECEPTOR"),
    (re.compile(r"(?<![A-Za-z0-9])CD\d{1,3}[a-c]?(?![A-Za-z0-9])"), "GENE_OR_PROTEIN"),
    (re.compile(r"(?<![A-Za-z0-9])Trk[ABC](?![A-Za-z0-9])"), "RECEPTOR"),
    (re.compile(r"(?<![A-Za-z0-9])Nav ?1\.\d(?![0-9])"), "ION_CHANNEL"),
    (re.compile(r"(?<![A-Za-z0-9])Cav ?\d\.\d(?![0-9])"), "ION_CHANNEL"),
    (re.compile(r"(?<![A-Za-z0-9])TRP[VAMC]\d(?![0-9])"), "ION_CHANNEL"),
    (re.compile(r"(?<![A-Za-z0-9])P2[XY]\d{1,2}(?![A-Za-z0-9])"), "RECEPTOR"),
    (re.compile(r"(?<![A-Za-z0-9])TLR\d{1,2}(?![A-Za-z0-9])"), "RECEPTOR"),
    (re.compile(r"(?<![A-Za-z0-9])[Cc]aspase-?\d{1,2}(?![0-9])"), "ENZYME"),
    (re.compile(r"(?<![A-Za-z0-9])MMP-?\d{1,2}(?![0-9])"), "ENZYME"),
    (re.compile(r"(?<![A-Za-z0-9])GAD ?(?:65|67)(?:/67)?(?![0-9])"), "ENZYME"),
    (re.compile(r"(?<![A-Za-z0-9])5-HT\d[A-F]?(?![A-Za-z0-9])"), "RECEPTOR"),
]

#: Head words (the end of a long form) that type a concept defined only in the
#: document (litmine curators).
_HEAD_TYPES = [
    (r"(损伤|结扎|压迫|横断|撕脱|injury|ligation|constriction|transection|crush|avulsion|model|模型)$", "ANIMAL_MODEL"),
    (r"(病变|疼痛|痛|综合征|病|症|neuropathy|pain|disease|syndrome|neuralgia|disorder)$", "DISEASE"),
    (r"(多肽|肽|peptide|polypeptide)$", "NEUROPEPTIDE"),
    (r"(受体|receptor)$", "RECEPTOR"), (r"(酶|ase)$", "ENZYME"), (r"(因子|factor)$", "GENE_OR_PROTEIN"),
    (r"(运动|训练|exercise|training)$", "EXERCISE"),
    (r"(量表|评分|速度|scale|score|velocity|instrument|questionnaire)$", "OUTCOME"),
]
#: Function words and verbs at which a Chinese long form is cut on its left.
_ZH_CUT = re.compile(r".*[的了在和与及或、是为被将对把从即如由采用比较]")

_ZH_ABBR_RE = re.compile(
    r"(?P<zh>[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9\-α-ω]{0,24}?)\s*[(（]\s*"
    r"(?:(?P<en>[A-Za-z][A-Za-z0-9α-ω'\- ]{2,80}?)\s*[,，]\s*)?"
    r"(?P<abbr>[A-Za-z][A-Za-z0-9α-ω\-]{0,9}?)\s*[)）]")


@dataclass(frozen=True)
class AbbreviationDef:
    """``short`` defined in the document as ``long`` (English or Chinese long form)."""

    short: str
    long: str
    long_zh: str = ""


def chinese_abbreviations(text: str) -> list[AbbreviationDef]:
    """Abbreviations defined the Chinese way in ``text``.

    ``"坐骨神经损伤(sciatic nerve injury, SNI)"`` ->
    ``AbbreviationDef("SNI", "sciatic nerve injury", "坐骨神经损伤")``;
    ``"神经性疼痛(NP)"`` -> ``AbbreviationDef("NP", "", "神经性疼痛")``. The
    abbreviation must have an upper-case letter and look like an acronym of
    the English long form when one is given (first letters in order).
    """
    out = []
    for m in _ZH_ABBR_RE.finditer(text):
        abbr, en, zh = m.group("abbr"), (m.group("en") or "").strip(), m.group("zh")
        zh = _ZH_CUT.sub("", zh) or zh
        if not re.search(r"[A-Z]", abbr) or abbr.isdigit():
            continue
        if en and not _acronym_fits(abbr, en):
            continue
        out.append(AbbreviationDef(abbr, en, zh))
    return out


def _acronym_fits(abbr: str, long: str) -> bool:
    letters = [c.lower() for c in abbr if c.isalpha()]
    text = long.lower()
    if not letters or text[0] != letters[0]:
        return False
    pos = 0
    for c in letters:
        pos = text.find(c, pos)
        if pos < 0:
            return False
        pos += 1
    return True


class DocumentLexicon:
    """The project lexicon plus the abbreviations one document defines.

    Args:
        base: the project :class:`Lexicon`.
        defs: abbreviation definitions found in the document.
    ``self.local`` holds one concept per definition (the base concept of its
    long form, or a new ``LM:doc:<ABBR>`` concept when the lexicon lacks it);
    ``self.definitions`` maps short form -> (concept id, long form) for storage.
    """

    def __init__(self, base: Lexicon, defs: Iterable[AbbreviationDef]):
        self.base = base
        self.local = Lexicon([])
        self.definitions: dict[str, tuple[str, str]] = {}
        for d in defs:
            if d.short in self.definitions:
                continue
            concept = self._resolve(d)
            if concept is None:
                continue
            if concept.id not in self.local.concepts:
                self.local.concepts[concept.id] = concept
            self.local.add_form(d.short, concept.id)
            for form in (d.long, d.long_zh):
                if form and (concept.id.startswith("LM:doc:") or base.lookup(form)):
                    self.local.add_form(form, concept.id)
            self.definitions[d.short] = (concept.id, d.long or d.long_zh)

    def _resolve(self, d: AbbreviationDef) -> Optional[Concept]:
        for form in (d.long, d.long_zh):
            if form:
                c = self.base.lookup(form)
                if c:
                    return c
        if d.long_zh:  # the Chinese long form may carry extra words in front: its longest known suffix
            for i in range(1, len(d.long_zh) - 1):
                c = self.base.lookup(d.long_zh[i:])
                if c is not None:
                    return c
        default = self.base.lookup(d.short)
        if not d.long:
            return default
        if default is not None:
            # a long form cut short by the detector ("constriction injury" for CCI) still names the default
            forms = [fold(f) for f in (default.name, default.name_zh, *default.synonyms) if f]
            if any(fold(d.long) in f for f in forms):
                return default
        label = next((t for pat, t in _HEAD_TYPES for form in (d.long_zh, d.long)
                      if form and re.search(pat, form.strip(), re.I)), None)
        if label is None:
            return default
        return Concept(f"LM:doc:{d.short}", label, d.short, d.long_zh, [d.long], [], "defined in document")

    def concept(self, cid: str) -> Optional[Concept]:
        return self.local.concepts.get(cid) or self.base.concepts.get(cid)

    def short_form(self, cid: str) -> Optional[str]:
        """The abbreviation the document defined for concept ``cid``, if any."""
        for short, (c, _) in self.definitions.items():
            if c == cid:
                return short
        return None


def find_abbreviation_defs(doc: Document, sentences: list[Sentence], english_defs=None) -> list[AbbreviationDef]:
    """All abbreviation definitions of a document, Chinese and English.

    ``english_defs`` is a function ``str -> [(short, long)]`` (defaults to
    scispaCy's detector, :func:`litmine.nlp.pipelines.english_abbreviations`).
    """
    if english_defs is None:
        from .pipelines import english_abbreviations as english_defs
    defs: list[AbbreviationDef] = []
    for s in sentences:
        if s.kind in ("figure",):
            continue
        defs.extend(chinese_abbreviations(s.text))
    paragraphs: dict[int, list[str]] = {}
    for s in sentences:
        if s.lang == "en" and s.kind in ("body", "caption"):
            paragraphs.setdefault(s.paragraph, []).append(s.text)
    for texts in paragraphs.values():  # per paragraph: the detector's cost stays linear in the document
        defs.extend(AbbreviationDef(a, b) for a, b in english_defs(" ".join(texts)))
    return defs


def family_matches(text: str) -> list[tuple[int, int, str, str]]:
    """``(start, end, label, canonical name)`` for gene-family pattern hits in ``text``."""
    norm = normalise(text)
    out = []
    for rx, label in FAMILY_PATTERNS:
        for m in rx.finditer(norm):
            name = re.sub(r"^IL(\d)", r"IL-\1", m.group(0).replace(" ", ""))
            name = re.sub(r"^MMP(\d)", r"MMP-\1", name)
            name = re.sub(r"^[Cc]aspase-?", "caspase-", name)
            out.append((m.start(), m.end(), label, name))
    return out


#: Words after a symbol that make it a gene or protein mention ("CAT activity", "Rest mRNA", "SET-positive",
#: "表达", "水平"); litmine curators, after the cue words gilda and BioCreative taggers rely on.
_CUE_AFTER = re.compile(
    r"\s*(?:-\s*)?(?:mRNA|proteins?|genes?|expression|expressed|levels?|content|activit(?:y|ies)|concentrations?|"
    r"phosphorylation|immunoreactiv\w*|positive|\+|-/-|knock(?:out|down)|inhibitors?|agonists?|antagonists?|"
    r"signal(?:l)?ing|pathway|transcripts?|表达|水平|含量|活性|蛋白|基因|磷酸化|阳性)(?![A-Za-z])", re.I)
#: Before a symbol: a phospho prefix, or a measured quantity "of" ("activities of SOD, CAT and GPx").
_CUE_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])p-|phospho-|phosphorylated\s|anti-|"
    r"(?:levels?|activit(?:y|ies)|expression|content|concentrations?)\s+of\s+(?:the\s+)?"
    r"(?:[A-Za-z0-9α-ω\-]{2,12}\s*(?:,|and|or)\s*)*)$", re.I)
#: Other members of a list between a symbol and the cue after the list ("CAT, SOD and GPx activities").
_LIST_AFTER = re.compile(r"(?:\s*(?:,|、|/|and|or|和|与|及)\s*(?:the\s+)?[A-Za-z0-9α-ω\-]{2,12}){0,5}")


def has_cue(text: str, start: int, end: int) -> bool:
    """Is the symbol ``text[start:end]`` named as a gene or protein by a cue word next to it (after it,
    after the list it ends, or before it)? Used for the generated lexicon's ambiguous forms."""
    if _CUE_BEFORE.search(text[max(0, start - 80):start]):
        return True
    rest = text[end:end + 100]
    lst = _LIST_AFTER.match(rest)
    return bool(_CUE_AFTER.match(rest) or (lst and _CUE_AFTER.match(rest, lst.end())))


def tag_sentence(sentence: Sentence, lex: DocumentLexicon, protocol_finder=None) -> list[Mention]:
    """Mentions in one sentence, offsets into the document (``sentence.start`` added).

    Overlaps are resolved by span length, then by source precedence
    (abbreviation > lexicon > pattern); protocol parts form a layer of their
    own ("神经损伤后2周开始" is a TIMING part and contains the entity 神经损伤).
    """
    text = sentence.text
    cands: list[tuple[int, int, int, Mention]] = []  # (start, -len, precedence, mention)

    def add(a, b, label, cid, name, source, prec, xref=""):
        m = Mention(sentence.start + a, sentence.start + b, text[a:b], label, cid, name,
                    sentence.index, source, xref)
        cands.append((a, b, prec, m))

    for m in lex.local.find(text):
        c = lex.concept(m.concept_id)
        add(m.start, m.end, c.type, c.id, c.name, "abbreviation", 0, "|".join(c.xrefs))
    for m in lex.base.find(text):
        c = lex.base.concepts[m.concept_id]
        add(m.start, m.end, c.type, c.id, c.name, "lexicon", 1, "|".join(c.xrefs))
    if lex.base.generated is not None:
        for g in lex.base.generated.find(text):
            if g.needs_cue and not has_cue(text, g.start, g.end):
                continue
            c = lex.base.concept(g.concept_id)
            add(g.start, g.end, c.type, c.id, c.name, "lexicon", 2, "|".join(c.xrefs))
    for a, b, label, name in family_matches(text):
        c = lex.base.lookup(name)
        if c:
            add(a, b, c.type, c.id, c.name, "lexicon", 1, "|".join(c.xrefs))
        else:
            add(a, b, label, "LM:" + fold(name).replace(" ", "_"), name, "pattern", 3)
    if protocol_finder is not None:
        for p in protocol_finder(text):
            add(p.start, p.end, p.kind, f"LM:protocol:{p.kind.lower()}", p.display or p.text, "protocol", 4)
    cands.sort(key=lambda x: (-(x[1] - x[0]), x[2], x[0]))
    taken: dict[bool, list[tuple[int, int]]] = {True: [], False: []}
    out: list[Mention] = []
    for a, b, _, m in cands:
        layer = taken[m.source == "protocol"]  # protocol parts and entities may overlap each other
        if any(a < tb and ta < b for ta, tb in layer):
            continue
        layer.append((a, b))
        out.append(m)
    out.sort(key=lambda m: m.start)
    return out


def tag(doc: Document, sentences: list[Sentence], *, lexicon: Lexicon | None = None,
        english_defs=None, protocol_finder=None) -> tuple[list[Mention], DocumentLexicon]:
    """Tag every sentence of a document.

    Returns:
        ``(mentions, doc_lexicon)``: mentions in document order (offsets into
        ``doc.text``), and the document lexicon with its abbreviation definitions.
    Figure-label sentences are tagged too (they are not used for relations).
    """
    if protocol_finder is None:
        from .protocol import find_protocol_parts as protocol_finder
    base = lexicon or load_lexicon()
    dlex = DocumentLexicon(base, find_abbreviation_defs(doc, sentences, english_defs))
    mentions: list[Mention] = []
    for s in sentences:
        mentions.extend(tag_sentence(s, dlex, protocol_finder))
    return mentions, dlex
