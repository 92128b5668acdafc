"""Tag mentions in sentences and normalise them to concepts.

``tag_sentence(sentence, doc_lexicon) -> list[Mention]`` combines four sources, in this order
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

The document-level tagger, :func:`litmine.nlp.pipelines.tag`, makes the document lexicon
(:func:`find_abbreviation_defs`) and runs each sentence with Han characters through the
Chinese spaCy pipeline, whose component calls :func:`tag_sentence`; other sentences are
tagged here directly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

from ..types import Document, Mention, Sentence
from .english import english_abbreviations
from .first_chars import first_char_guard
from .lexicon import Concept, Lexicon, fold, normalise

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

FAMILY_PATTERNS = [(first_char_guard(rx), label) for rx, label in FAMILY_PATTERNS]  # same matches, faster
#: A literal every match of the family pattern at the same place in :data:`FAMILY_PATTERNS` holds (the
#: patterns are case-sensitive): a text without it skips the pattern.
_FAMILY_LITERALS = ("IL", "CL", "CR", "CD", "Trk", "Nav", "Cav", "TRP", "P2", "TLR", "aspase", "MMP", "GAD", "5-HT")
assert len(_FAMILY_LITERALS) == len(FAMILY_PATTERNS)

#: Head words (the end of a long form) that type a concept defined only in the
#: document (litmine curators).
_HEAD_TYPES = [
    # a method of analysis or measurement ("主成分分析(PCA)", "酶联免疫吸附测定(ELISA)", "principal component
    # analysis (PCA)"): never an entity, whatever sense the generated lexicon gives its letters
    # ("test" and 试验 are left out: "6分钟步行试验(6MWT)", "timed up and go test (TUG)" are outcomes)
    (r"(分析|检验|测定|检测法|印迹法?|染色法?|技术|analysis|analyses|assay|blot(ting)?|regression|technique|"
     r"method|staining)$", "METHOD"),
    (r"(损伤|结扎|压迫|横断|撕脱|injury|ligation|constriction|transection|crush|avulsion|model|模型)$", "ANIMAL_MODEL"),
    (r"(病变|疼痛|痛|综合征|病|症|neuropathy|pain|disease|syndrome|neuralgia|disorder)$", "DISEASE"),
    (r"(多肽|肽|peptide|polypeptide)$", "NEUROPEPTIDE"),
    (r"(受体|receptor)$", "RECEPTOR"), (r"(酶|ase)$", "ENZYME"), (r"(因子|factor)$", "GENE_OR_PROTEIN"),
    (r"(运动|训练|exercise|training)$", "EXERCISE"),
    (r"(量表|评分|速度|阈值|潜伏期|指数|scale|score|velocity|instrument|questionnaire|threshold|latency|intensity|"
     r"index|ratio|rate|capacity|function|strength|amplitude|density)$", "OUTCOME"),
]
#: Entity classes that name molecules: a long form headed by one of them ("...因子", "...受体") may name the
#: generated lexicon's gene or protein sense of the abbreviation (litmine curators).
_MOLECULE_TYPES = {"GENE_OR_PROTEIN", "RECEPTOR", "ENZYME", "CYTOKINE", "CHEMOKINE", "ION_CHANNEL", "NEUROPEPTIDE",
                   "NEUROTROPHIC_FACTOR", "HORMONE", "SIGNALING"}
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
    if "(" not in text and "（" not in text:  # every definition has its bracket: most sentences have none
        return out
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
        label = next((t for pat, t in _HEAD_TYPES for form in (d.long_zh, d.long)
                      if form and re.search(pat, form.strip(), re.I)), None)
        if default is not None and label is not None and self._sense_clash(default, label) and \
                not (d.long and any(fold(d.long) in fold(f) for f in (default.name, *default.synonyms) if f)):
            return self._doc_concept(d, label, default)
        if not d.long and (default is not None or not d.long_zh):
            return default
        if default is not None:
            # a long form cut short by the detector ("constriction injury" for CCI) still names the default
            forms = [fold(f) for f in (default.name, default.name_zh, *default.synonyms) if f]
            if any(fold(d.long) in f for f in forms):
                return default
        if label is None:
            return self._named_modality(d.long) or default
        return self._doc_concept(d, label, default)

    @staticmethod
    def _doc_concept(d: AbbreviationDef, label: str, default: Optional[Concept]) -> Optional[Concept]:
        """A concept of type ``label`` that only this document defines (id ``LM:doc:<short>``), or ``default`` for
        a control arm ("no exercise (No-Ex)", "non-exercise (NE)": never an exercise)."""
        if label == "EXERCISE" and re.match(r"(no|non|not|without|sedentary)\b|non-|未|无|不", (d.long or d.long_zh).strip(), re.I):
            return default
        # an exercise arm the paper names ("high-frequency exercise (HFE)") is called by its long form
        name = d.long.strip() if label == "EXERCISE" and d.long and d.long.strip()[:1].islower() else d.short
        return Concept(f"LM:doc:{d.short}", label, name, d.long_zh, [d.long, d.short], [], "defined in document")

    def _sense_clash(self, default: Concept, label: str) -> bool:
        """Whether the document's long form, typed ``label`` by its head word, names another thing than the
        lexicon's ``default`` sense of the abbreviation: always for a METHOD ("主成分分析(PCA)" is no "Passive
        Cutaneous Anaphylaxis"); for another class than the default's when the default comes only from the
        generated lexicon (the curated rows are litmine's own reading and stay; molecule classes -- gene,
        receptor, enzyme, cytokine... -- count as one, so "...受体(X)" keeps a generated gene X)."""
        if label == "METHOD":
            return default.type != "METHOD"
        if default.id in self.base.concepts:
            return False
        group = lambda t: "MOLECULE" if t in _MOLECULE_TYPES else ("DISEASE" if t == "ANIMAL_MODEL" else t)  # noqa: E731
        return group(default.type) != group(label)

    def _named_modality(self, long: Optional[str]) -> Optional[Concept]:
        """The one exercise modality an English long form names with words the lexicon does not join ("somatic
        yoga and meditation (SYM)" is a yoga programme), or ``None``: not for a control arm ("no exercise"), nor
        when the long form also names a drug or an outcome ("treadmill exercise plus naloxone")."""
        if not long or re.match(r"(no|non|not|without|sedentary)\b|non-", long.strip(), re.I):
            return None
        found = [self.base.concepts[m.concept_id] for m in self.base.find(long)]
        modalities = {c.id for c in found if c.type == "EXERCISE"}
        if len(modalities) != 1 or any(c.type not in ("EXERCISE", "SPECIES", "DISEASE") for c in found):
            return None
        return self.base.concepts[modalities.pop()]

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
    scispaCy's detector, :func:`litmine.nlp.english.english_abbreviations`).
    """
    if english_defs is None:
        english_defs = english_abbreviations
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
    for (rx, label), literal in zip(FAMILY_PATTERNS, _FAMILY_LITERALS):
        if literal not in norm:
            continue
        for m in rx.finditer(norm):
            name = re.sub(r"^IL(\d)", r"IL-\1", m.group(0).replace(" ", ""))
            name = re.sub(r"^MMP(\d)", r"MMP-\1", name)
            name = re.sub(r"^[Cc]aspase-?", "caspase-", name)
            out.append((m.start(), m.end(), label, name))
    return out


#: A name written with its abbreviation in brackets before the number or Greek letter that ends it, as MEDLINE
#: abstracts often do: "interleukin (IL)-6", "tumor necrosis factor (TNF)-α", "nuclear factor (NF)-κB".
_SPLIT_NAME = re.compile(r"\((?P<abbr>[A-Z][A-Za-z]{0,6})\)\s?[-‐–]\s?(?P<suf>[0-9]+[A-Za-z]?[αβγδκ]?|[αβγδκ][A-Za-z0-9]{0,3})"
                         r"(?![A-Za-z0-9])")
_SPLIT_NAME = first_char_guard(_SPLIT_NAME)


def split_names(text: str, lookup) -> list[tuple[int, int, str]]:
    """``(start, end, full form)`` for names written "long form (ABBR)-suffix" whose ``ABBR-suffix`` the lexicon
    knows (``lookup``: ``str -> Concept | None``); the span runs from the first word of the long form the
    abbreviation's letters fit (at most four words back) to the end of the suffix: "tumor necrosis factor (TNF)-α"
    is one mention of TNF-α, not the class "tumor necrosis factor" and a stray "α"."""
    out = []
    for m in _SPLIT_NAME.finditer(text):
        form = f"{m.group('abbr')}-{m.group('suf')}"
        if lookup(form) is None:
            continue
        words = list(re.finditer(r"[A-Za-z][A-Za-z-]*", text[max(0, m.start() - 60):m.start()]))[-4:]
        base = max(0, m.start() - 60)
        start = m.start()
        for w in reversed(words):
            long = text[base + w.start():m.start()].strip()
            if _acronym_fits(m.group("abbr"), long):
                start = base + w.start()
                break
        out.append((start, m.end(), form))
    return out


# --- mentions no lexicon lists: outcome phrases, ellipsis, protein-shaped symbols -------------------
#: Measure nouns that head a descriptive outcome phrase ("nerve conduction velocity", "locomotor function");
#: litmine curators, from outcome measures in exercise and nerve-injury abstracts.
EN_MEASURE_HEADS = (
    "thresholds? latency latencies velocity velocities amplitudes? density densities area areas scores? function "
    "functions recovery index indices concentrations? diameters? thickness sizes? degree strength power capacity "
    "responses? symptoms? innervation denervation wasting performance sensitivity regeneration deficits? "
    "impairments? outcomes? coordination endurance fitness tolerance counts? factors findings dilation").split()
#: Words that make a measure noun a field outcome when they precede it ("paw withdrawal latency"); with the
#: lexicon's anatomy, cell, process and outcome mentions (litmine curators).
EN_OUTCOME_MODIFIERS = frozenset((
    "mechanical thermal heat cold motor locomotor sensory sensorimotor functional withdrawal paw hindpaw hind fore "
    "forelimb hindlimb limb tail flick conduction grip handgrip muscle muscular nerve neural axon axonal myelin "
    "myelinated unmyelinated fiber fibre fibers fibres nerve-fiber aerobic cardiorespiratory cardiovascular balance "
    "walking gait nociceptive licking flinching jumping body blood fasting bladder bowel sexual cognitive "
    "neurological neuromuscular upper-body lower-body upper-limb lower-limb intraepidermal epidermal myofiber "
    "myelination sciatic electrophysiological histopathological morphological mechanical-withdrawal pain "
    "postural physical action potential evoked compound nociception glucose insulin lipid respiratory "
    "vibration pressure touch von frey hot plate plantar tactile skin swimming climbing rotarod bbb basso "
    "open-field exploratory spontaneous voluntary mobility sleep emotional psychological quality risk "
    "electrophysiological histopathological histological axons cutaneous vascular endothelial postprandial arterial "
    "artery flow-mediated peak resting systolic diastolic serum plasma").split())
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]*")
_EN_HEAD_RE = re.compile(r"(?<![A-Za-z\-])(" + "|".join(EN_MEASURE_HEADS) + r")(?![A-Za-z\-])", re.I)
#: "number of axons", "recovery of the forelimb grip function", "density of intraepidermal nerve fibres".
_EN_OF_HEAD = re.compile(r"(?<![A-Za-z])(?:(number|numbers|density|recovery|loss|degree|percentage|proportion|"
                         r"diameter|thickness|area)\s+of|(recovery)\s+from)\s+(?:the\s+)?", re.I)
_EN_OF_HEAD = first_char_guard(_EN_OF_HEAD)
#: Chinese measure heads (阈值, 潜伏期, 传导速度, 评分, 功能, 恢复, 含量, 结构 ...); litmine curators.
ZH_MEASURE_HEADS = ("阈值 潜伏期 传导速度 速度 波幅 评分 积分 功能 恢复 含量 密度 面积 直径 厚度 数量 数目 结构 代谢 "
                    "敏感性 情绪 耐力 力量 紧密度 质量 能力 指数 "
                    # biomechanics and gait: "关节总负荷", "膝关节内收力矩", "MTP向前位移", "屈曲角度", "地面反作用力",
                    # "站立时间" (litmine curators, from gait-analysis and knee-loading abstracts)
                    "负荷 载荷 力矩 角度 位移 反作用力 冲量 步长 步幅 步频 步宽 站立时间 支撑时间 摆动时间 振荡").split()
#: Words that make a scale's score of the scale's name ("PHQ-9评分", "SF-36总分").
_SCORE_WORDS = frozenset({"评分", "得分", "积分", "总分", "分值", " score", " scores", " total score", " total scores"})
#: What a load or moment head never measures: the intensity of the exercise ("大负荷运动组", "中等负荷训练").
_ZH_LOAD_QUALIFIER = re.compile(r"(大|小|中|中等|高|低|重|轻|运动|训练|递增)")
_ZH_HEAD_RE = re.compile("(" + "|".join(sorted(ZH_MEASURE_HEADS, key=len, reverse=True)) + ")")
#: Where a Chinese modifier run stops on its left: punctuation, function words, change and trial verbs.
_ZH_MOD_STOP = set("，,。；;：:、（）()的了在和与及或是为被将对把从即如由使能可均较更并且而但后前中时组")
_ZH_MOD_STOP2 = frozenset("改善 降低 提高 增加 减少 促进 恢复 增强 减轻 缓解 抑制 上调 下调 升高 下降 显著 明显 有效 影响 "
                          "评估 检测 观察 测定 比较 导致 引起 出现 能够 可以 通过 预防 防止 阻止 重建 维持 保持 延缓".split())
_PHRASE_MOD_LABELS = {"ANATOMY", "CELL_TYPE", "PROCESS", "OUTCOME"}
_EN_HEAD_RE = first_char_guard(_EN_HEAD_RE)
#: The words the two English head patterns can match, spelled out (``thresholds?`` is threshold and
#: thresholds): a match of :data:`_EN_HEAD_RE` is a whole run of letters and hyphens that is one of
#: :data:`_HEAD_WORDS`, a match of :data:`_EN_OF_HEAD` starts with a whole run of letters in :data:`_OF_WORDS`.
_HEAD_WORDS = frozenset(w for h in EN_MEASURE_HEADS for w in ((h[:-2], h[:-1]) if h.endswith("s?") else (h,)))
_OF_WORDS = frozenset("number numbers density recovery loss degree percentage proportion diameter thickness area".split())
_LETTER_HYPHEN_RUN = re.compile(r"[a-z\-]+")
_LETTER_RUN = re.compile(r"[a-z]+")


def _latin_key(text: str) -> str:
    """``text`` lower-cased with U+0130/U+0131 read as ``i`` and U+017F as ``s``: besides ASCII letters
    the only characters a case-insensitive ``[A-Za-z]`` matches (with U+212A, which lower-cases to ``k``),
    so a whole run of ``[a-z]`` in the key is a whole run of case-insensitive letters in ``text``."""
    if text.isascii():
        return text.lower()
    return text.replace("\u0130", "i").replace("\u0131", "i").replace("\u017f", "s").lower()


def _phrase_id(name: str) -> str:
    """Deterministic ``LM:outcome:<snake_case>`` id of a descriptive outcome phrase."""
    return "LM:outcome:" + re.sub(r"[^0-9a-z\u4e00-\u9fff]+", "_", fold(name)).strip("_")


def outcome_phrases(text: str, mentions: list[tuple[int, int, str]], lang: str) -> list[tuple[int, int, str]]:
    """Descriptive outcome phrases headed by a measure noun, as ``(start, end, name)`` (offsets into ``text``).

    English: up to three modifiers before a head of :data:`EN_MEASURE_HEADS`, each an outcome word
    (:data:`EN_OUTCOME_MODIFIERS`) or a token inside an anatomy/cell/process/outcome mention ("locomotor
    function", "paw withdrawal latency", "myelin thickness"); "HEAD of (the) X" with X such words
    ("number of myelinated fibers"); coordinated modifiers share the head ("fiber and axon diameter" gives
    "fiber diameter" on the span ``fiber`` and "axon diameter"). Chinese: a head of :data:`ZH_MEASURE_HEADS`
    with the 1-6 characters before it back to a function word, verb or punctuation, or a whole mention
    ending right before it ("坐骨神经结构", "神经功能", "糖代谢"). A phrase whose modifiers include a
    molecule (the molecule's "levels") is not made here.

    Args:
        mentions: ``(start, end, label)`` of the sentence's lexicon mentions.
    """
    out: list[tuple[int, int, str]] = []
    if lang == "zh" or re.search(r"[\u4e00-\u9fff]", text):
        out.extend(_zh_phrases(text, mentions))
    key = _latin_key(text)  # a text without a head word as a whole run skips both English scans
    heads = _EN_HEAD_RE.finditer(text) if not _HEAD_WORDS.isdisjoint(_LETTER_HYPHEN_RUN.findall(key)) else ()
    of_heads = _EN_OF_HEAD.finditer(text) if not _OF_WORDS.isdisjoint(_LETTER_RUN.findall(key)) else ()
    if not heads and not of_heads:
        return out
    covered = {}
    for a, b, label in mentions:
        for i in range(a, b):
            covered[i] = label
    for m in heads:
        if any(ma <= m.start() and m.end() <= mb for ma, mb, _ in mentions):
            continue  # the head is part of a lexicon form ("paw withdrawal threshold")
        fitness = m.group(1).lower() in ("power", "capacity", "fitness", "endurance")
        ok = _PHRASE_MOD_LABELS | ({"EXERCISE"} if fitness else set())  # "aerobic power" is no exercise
        mods = _modifiers_before(text, m.start(), covered, ok)
        if not mods:
            continue
        start = mods[-1][0]
        prev = re.search(r"(\S)\s?$", text[max(0, start - 2):start])
        if prev and covered.get(start - len(prev.group(0))) not in (None, *_PHRASE_MOD_LABELS):
            continue  # "BDNF plasma concentration": the molecule's measure
        if any(lab not in ok for i in range(start, m.end())
               for lab in [covered.get(i)] if lab is not None):
            continue
        out.append((start, m.end(), text[start:m.end()]))
        # ellipsis: "fiber and axon diameter", "licking and flinching responses"
        e = re.search(r"([A-Za-z][A-Za-z\-]*),?\s+(?:and|or)\s+$", text[max(0, start - 40):start])
        if e and (e.group(1).lower() in EN_OUTCOME_MODIFIERS or covered.get(start - len(e.group(0))) in _PHRASE_MOD_LABELS):
            es = start - len(e.group(0))
            out.append((es, es + len(e.group(1)), f"{e.group(1)} {text[mods[0][1] + 1:m.end()] if len(mods) > 1 else m.group(0)}"))
    for m in of_heads:
        pos, end, good = m.end(), None, False
        for _ in range(4):
            w = _EN_WORD.match(text, pos)
            if not w:
                break
            word = w.group(0)
            lab = covered.get(w.start())
            if lab is not None and lab not in _PHRASE_MOD_LABELS:
                break
            if word.lower() in EN_OUTCOME_MODIFIERS or lab in _PHRASE_MOD_LABELS or word.lower() in EN_MEASURE_HEADS:
                good, end = True, w.end()
            elif word.lower() in _EN_STOP:
                break
            elif end is not None and not word.endswith("s"):
                break
            else:
                end = w.end() if good or word.endswith(("s", "ion")) else end
            pos = w.end() + 1 if w.end() < len(text) and text[w.end()] in " -" else len(text)
            if pos >= len(text):
                break
        if good and end:
            mods = _modifiers_before(text, m.start(), covered)  # "functional recovery of the limb"
            start = mods[-1][0] if mods else m.start()
            out.append((start, end, text[start:end]))
    return out


def _modifiers_before(text: str, pos: int, covered: dict, labels=_PHRASE_MOD_LABELS) -> list[tuple[int, int]]:
    """Up to three outcome-modifier words right before ``pos``, nearest first, as ``(start, end)``: words of
    :data:`EN_OUTCOME_MODIFIERS` or words inside a mention with one of ``labels``."""
    mods: list[tuple[int, int]] = []
    while len(mods) < 3:
        w = re.search(r"([A-Za-z][A-Za-z0-9\-]*)[ \-]$", text[max(0, pos - 40):pos])
        if not w:
            break
        ws, we = pos - len(w.group(0)), pos - 1
        if not (w.group(1).lower() in EN_OUTCOME_MODIFIERS or covered.get(ws) in labels):
            break
        mods.append((ws, we))
        pos = ws
    return mods


_EN_STOP = frozenset("the a an of in on at to from by with and or but than that which was were is are be been as "
                     "for into after before during between within among all both each".split())


def _zh_phrases(text: str, mentions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    out = []
    for m in _ZH_HEAD_RE.finditer(text):
        a = m.start()
        if any(ma < m.end() and a < mb for ma, mb, _ in mentions):
            continue  # the head is part of a lexicon form ("运动功能", "机械痛阈值")
        before = [(ma, mb, lab) for ma, mb, lab in mentions if mb == a]
        if before and before[0][2] in _PHRASE_MOD_LABELS:
            s = before[0][0]  # "坐骨神经" + "结构"
        else:
            s = a
            while s > 0 and a - s < 6 and (text[s - 1] not in _ZH_MOD_STOP or text[s - 1:s + 1] == "中医") \
                    and text[s - 2:s] not in _ZH_MOD_STOP2 \
                    and re.match(r"[\u4e00-\u9fffA-Za-z0-9]", text[s - 1]) \
                    and not any(ma < s <= mb and lab not in _PHRASE_MOD_LABELS for ma, mb, lab in mentions):
                s -= 1
            latin = re.search(r"[A-Za-z][A-Za-z0-9]*$", text[max(0, s - 12):s]) if s and re.match(r"[A-Za-z0-9]", text[s]) else None
            if latin and not any(ma < s <= mb for ma, mb, _ in mentions):
                s -= len(latin.group(0))  # "Barthel评分": the whole Latin name, not its last six letters
        frag = re.search(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]{0,7}[-‐–]$", text[max(0, s - 10):s]) \
            if s > 0 and text[s - 1] in "-‐–" else None
        if frag:  # "ABC-9评分": the score of the scale ABC-9, not "9评分"
            s -= len(frag.group(0))
        if a - s < 1 or any(lab not in _PHRASE_MOD_LABELS for ma, mb, lab in mentions if s < mb and ma < a):
            continue
        if m.group(0) in ("负荷", "载荷") and _ZH_LOAD_QUALIFIER.fullmatch(text[s:a]):
            continue  # "大负荷": a training load, not a measured one
        if re.fullmatch(r"(的)?(蛋白质?|mRNA|基因|磷酸化)(的)?", text[s:a], re.I) and \
                any(mb == s and lab not in _PHRASE_MOD_LABELS for ma, mb, lab in mentions):
            continue  # "NFAT1蛋白含量": the molecule's measure, not an outcome of its own
        out.append((s, m.end(), text[s:m.end()]))
    return out


#: Words after a symbol that make it a gene or protein mention ("CAT activity", "Rest mRNA", "SET-positive",
#: "表达", "水平"); litmine curators, after the cue words gilda and BioCreative taggers rely on.
_CUE_AFTER = re.compile(
    r"\s*(?:-\s*|的)?(?:mRNA|proteins?|genes?|expression|expressed|levels?|content|activit(?:y|ies)|concentrations?|"
    r"phosphorylation|immunoreactiv\w*|positive|\+|-/-|knock(?:out|down)|inhibitors?|agonists?|antagonists?|"
    r"signal(?:l)?ing|pathway|transcripts?|表达|水平|含量|活性|蛋白|基因|磷酸化|阳性)(?![A-Za-z])", re.I)
#: Before a symbol: a phospho prefix, or a measured quantity "of" ("activities of SOD, CAT and GPx").
_CUE_BEFORE = re.compile(
    r"(?:(?<![A-Za-z])p-|phospho-|phosphorylated\s|anti-|"
    r"(?:levels?|activit(?:y|ies)|expression|content|concentrations?)\s+of\s+(?:the\s+)?"
    r"(?:[A-Za-z0-9α-ω\-]{2,12}\s*(?:,|and|or)\s*)*)$", re.I)
#: Other members of a list between a symbol and the cue after the list ("CAT, SOD and GPx activities").
_LIST_AFTER = re.compile(r"(?:\s*(?:,|、|/|and|or|和|与|及)\s*(?:the\s+)?[A-Za-z0-9α-ω\-]{2,12}){0,5}")


#: How a match of :data:`_CUE_BEFORE` can end, once trailing whitespace is dropped (read by :func:`_latin_key`).
_CUE_BEFORE_ENDS = ("-", ",", "and", "or", "of", "the", "phosphorylated")


def _cue_before(window: str) -> bool:
    """Does the text ``window`` right before a symbol end with a :data:`_CUE_BEFORE` cue? The search (anchored
    at the end, tried from every position) runs only on a window whose end could be one: a hyphen ("p-",
    "anti-"), a list separator, "of", "the" or "phosphorylated" before trailing whitespace."""
    rest = window.rstrip()
    return _latin_key(rest[-14:]).endswith(_CUE_BEFORE_ENDS) and _CUE_BEFORE.search(window) is not None


def has_cue(text: str, start: int, end: int) -> bool:
    """Is the symbol ``text[start:end]`` named as a gene or protein by a cue word next to it (after it,
    after the list it ends, or before it)? Used for the generated lexicon's ambiguous forms."""
    if _cue_before(text[max(0, start - 80):start]):
        return True
    rest = text[end:end + 100]
    lst = _LIST_AFTER.match(rest)
    return bool(_CUE_AFTER.match(rest) or (lst and _CUE_AFTER.match(rest, lst.end())))


#: "inflammatory and neuropathic pain", "thermal and mechanical hyperalgesia": an adjective coordinated
#: with the first word of a mention shares the rest of it (English adjective endings; litmine curators).
_ADJ = r"[a-z]{3,}(?:al|ic|ory|ive|ar|ous|ed|ing)"
_ELLIPSIS_BEFORE = re.compile(r"(?<![A-Za-z\-])(" + _ADJ + r"|cold|heat|hot|warm|touch|pressure|motor|sensory)"
                              r"\s*,?\s+(?:and|or)\s+$")
_ELLIPSIS_LABELS = {"OUTCOME", "DISEASE", "PROCESS", "CELL_STATE", "SIGNALING"}
_FIRST_WORD_REST = re.compile(r"(" + _ADJ + r"|[a-z]{3,})\s+(\S.*)$")


def ellipsis_mentions(text: str, mentions: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """``(start, end, label, name)`` for adjectives that share a following mention's head: before a mention
    ``(start, end, label, text)`` whose text is ``ADJ rest`` (two or more words), "A and ADJ rest" gives a
    mention on ``A`` named ``A rest`` with the mention's label."""
    out = []
    taken = [(a, b) for a, b, _, _ in mentions]
    for a, b, label, mtext in mentions:
        if label not in _ELLIPSIS_LABELS:
            continue
        before = text[max(0, a - 40):a]
        if not before.rstrip().endswith(("and", "or")):
            continue  # the search below (anchored at the end, tried from every position) needs "and"/"or" there
        first = _FIRST_WORD_REST.match(mtext)
        e = _ELLIPSIS_BEFORE.search(before)
        if not first or not e or not (re.fullmatch(_ADJ, first.group(1)) or first.group(1) in EN_OUTCOME_MODIFIERS):
            continue
        ea = a - len(e.group(0))
        eb = ea + len(e.group(1))
        if any(x < eb and ea < y for x, y in taken):
            continue
        out.append((ea, eb, label, f"{e.group(1)} {first.group(2)}"))
    return out



#: A symbol of letters, a dash and a number (IL-4, CXCL-12, MMP-9, IL-1α), and the dash-led members
#: coordinated after it that leave its letters out ("IL-4, -10 and -13", "IL-1β和-6", "IL-1α and -β").
_SYMBOL_HEAD = re.compile(r"([A-Za-z]{1,6}-)(\d{1,3}|(?=[αβγδκ]))([αβγδκ]?)")
_DASH_MEMBER = re.compile(r"\s*(?:,\s*(?:and|or)?|and|or|、|和|及|与|或|/)\s*-(\d{1,3}[αβγδκ]?|[αβγδκ])(?![A-Za-z0-9])")


def symbol_ellipsis(text: str, mentions: list[tuple[int, int]], known) -> list[tuple[int, int, str]]:
    """``(start, end, form)`` for the dash-led members of a coordinated symbol list (:data:`_DASH_MEMBER`) after
    a mention ``(start, end)`` of ``text`` that is a letters-dash-number symbol: "IL-4, -10 and -13" gives
    ``-10`` as IL-10 and ``-13`` as IL-13, "IL-1α and -β" ``-β`` as IL-1β. ``known(form)`` says whether the
    lexicon has the whole symbol; unknown forms are left out. Offsets into ``text``."""
    out = []
    for a, b in mentions:
        head = _SYMBOL_HEAD.fullmatch(text, a, b)
        if head is None or b >= len(text) or text[b] not in " ,、和及与或/a":
            continue
        pos = b
        while True:
            m = _DASH_MEMBER.match(text, pos)
            if m is None:
                break
            member = m.group(1)
            form = head.group(1) + member if member[0].isdigit() else head.group(1) + head.group(2) + member
            if not known(form):
                break
            out.append((m.start(1) - 1, m.end(1), form))
            pos = m.end()
    return out


_ZH_SHARED_HEAD = re.compile(r"([\u4e00-\u9fff]{2,4})(及|和|与|以及|、)$")
_ZH_SHARED_HEADS = re.compile(r"(功能|能力)$")


def zh_ellipsis_mentions(text: str, mentions: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` for Chinese words that share the head of the outcome after them: "运动及神经功能"
    is 运动功能 and 神经功能, "感觉和运动能力" is 感觉能力 and 运动能力. Only the heads 功能 and 能力; the caller keeps
    a candidate only when the lexicon knows the whole name (so "运动及神经功能" gives motor function, and
    "运动和疼痛" nothing)."""
    out = []
    for a, b, label, mtext in mentions:
        if label not in ("OUTCOME", "PROCESS"):
            continue
        head = _ZH_SHARED_HEADS.search(mtext)
        if not head:
            continue
        e = _ZH_SHARED_HEAD.search(text[max(0, a - 8):a])
        if e:
            end = a - len(e.group(2))
            for k in range(2, len(e.group(1)) + 1):  # 运动 in 大鼠运动及神经功能: every length, the lexicon decides
                out.append((end - k, end, text[end - k:end] + head.group(1)))
    return out


#: A two-character word coordinated before an outcome phrase: "静态及动态平衡功能", "左侧和右侧股四头肌力量".
_ZH_PARALLEL_BEFORE = re.compile(r"([\u4e00-\u9fff]{2})(及|和|与|以及|、)$")


def zh_parallel_phrase(text: str, start: int, name: str, mentions: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The outcome phrase a coordinated word before a descriptive Chinese outcome phrase makes with the phrase's
    head, as ``[(start, end, name)]`` on the word's span, or ``[]``: "静态及动态平衡功能" -> 静态平衡功能 on 静态
    (the word takes the place of the phrase's first two characters, the modifier it parallels). Only a phrase made
    by :func:`outcome_phrases` (no lexicon form, which :func:`zh_ellipsis_mentions` reads), at least two characters
    longer than the word, a word that is no mention, verb or function word ("血糖及神经功能": 血糖 is its own
    target; "改善及神经功能": no modifier) and starts a word: after punctuation, a function word, a verb, 其/各 or
    no Han character ("摄氧量、无氧阈值": 氧量 ends 摄氧量).

    Args:
        start: offset of the phrase in ``text``; ``mentions``: ``(start, end, label)`` of the sentence's mentions.
    """
    e = _ZH_PARALLEL_BEFORE.search(text[max(0, start - 5):start])
    if not e or len(name) < 4:
        return []
    word = e.group(1)
    ws = start - len(e.group(0))
    if ws > 0 and not (text[ws - 1] in _ZH_MOD_STOP or text[ws - 1] in "其各" or text[max(0, ws - 2):ws] in _ZH_MOD_STOP2
                       or not re.match(r"[\u4e00-\u9fff]", text[ws - 1])):
        return []  # the word must start after a stop ("提高其静态及动态…"), not end a longer one ("摄氧量、无氧阈值")
    if word in _ZH_MOD_STOP2 or any(ch in _ZH_MOD_STOP for ch in word) or any(a < ws + 2 and ws < b for a, b, _ in mentions):
        return []
    return [(ws, ws + 2, word + name[2:])]


#: A protein-shaped token: two or more capitals, or a capital and a digit ("Sirt1", "PGC-1α", "mTOR", "ATF3").
_PROTEIN_SHAPE = re.compile(
    r"(?<![A-Za-z0-9\-])(p-)?((?:[A-Z][A-Za-z]*[A-Z0-9]|[a-z][A-Z]{2,})[A-Za-z0-9]*(?:-[0-9]{1,2}[αβγδκa-z]?|[αβγδκ])?)"
    r"(?=-(?:positive|immunoreactive|IR\b)|[^A-Za-z0-9\-]|$)")
#: Protein cue words after such a token (no "pathway"/"signaling": those name pathways, not proteins).
_PROTEIN_CUE = re.compile(
    r"\s*(?:-\s*|的)?(?:mRNA|proteins?|genes?|expression|levels?|content|activit(?:y|ies)|concentrations?|"
    r"phosphorylation|immunoreactiv\w*|positive|\+\s*(?:cells?|neurons?)|表达|水平|含量|活性|蛋白|基因|磷酸化|阳性)"
    r"(?![A-Za-z])", re.I)
#: Lab, statistics and study-design acronyms that cue words may follow but that name no protein
#: (litmine curators).
PROTEIN_SHAPE_STOP = frozenset("""mRNA DNA RNA cDNA miRNA lncRNA PCR RT-PCR qPCR ELISA SD SEM SE ANOVA CON EX SED TR RUN SW
HE IHC IF WB NS DM HFD STZ CCI SNI SNL PSNL DRG CNS PNS SCI CIPN DPN NP BMI VAS NRS QOL QoL HR RPE MHR HRmax
VO2max RM ROM ADL AUC FBG OGTT ITT HOMA HbA1c BW CG EG IG LI MI HI MICT HIIT HIT MVPA PA OA RA ID IDs CI OR RR""".split())
_PROTEIN_SHAPE = first_char_guard(_PROTEIN_SHAPE)


#: Statistics and trial-design abbreviations that are also gene aliases in HGNC ("SMD" = SNRPN, "MD", "ES"):
#: in an abstract they are never the gene (litmine curators, from Cochrane and meta-analysis reporting).
STATISTICS_TERMS = frozenset("SMD WMD MD SD SE SEM CI OR RR HR ES ICC AUC ROC NNT ITT RCT GRADE I2".split())


def protein_shaped(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, name)`` for protein-shaped tokens named as proteins by a cue: "Sirt1 expression",
    "ATF3-positive", "Iba1+ cells", "Nrf2和HO-1的表达" (list-aware, as :func:`has_cue`), "p-CREB"
    (the name keeps the ``p-``). Tokens of :data:`PROTEIN_SHAPE_STOP` are left out."""
    out = []
    for m in _PROTEIN_SHAPE.finditer(text):
        sym = m.group(2)
        if sym in PROTEIN_SHAPE_STOP or len(sym) > 12 or sym.isdigit():
            continue
        rest = text[m.end():m.end() + 100]
        lst = _LIST_AFTER.match(rest)
        cued = _PROTEIN_CUE.match(rest) or (lst and _PROTEIN_CUE.match(rest, lst.end())) or \
            _cue_before(text[max(0, m.start() - 80):m.start()])
        if m.group(1) or cued:
            out.append((m.start(), m.end(), (m.group(1) or "") + sym))
    return out



#: A space PDF extraction put inside a name: "TNF- α", "IL- 10", "IL -6", "TNF - α", "NF-κ B".
_NAME_SPACE = re.compile(r"(?<=[A-Za-z0-9])(?: +-|- +| +- +)(?=[0-9\u0370-\u03ff])|(?<=[\u03b1-\u03c9]) (?=[A-Z](?![A-Za-z]))")
#: Citation numbers fused onto a term by a lost superscript: "SNI15–17", "BDNF12,13", "CCI23".
_FUSED_CITATION = re.compile(r"(?<![A-Za-z0-9\-])([A-Za-z][A-Za-z\-]*[A-Za-z])(\d{1,3}(?:[,\u2013\-]\d{1,3})+|\d{2,3})(?=[\s.,;:)\]]|$)")
_NAME_SPACE = first_char_guard(_NAME_SPACE)
#: What every match needs: a Latin letter right before a digit (fused citation), a Greek letter before a space.
_LETTER_DIGIT = re.compile(r"[A-Za-z]\d")
_GREEK_SPACE = re.compile("[\u03b1-\u03c9] ")


def repair_view(text: str, known=None) -> tuple[str, list[int]]:
    """The text the matchers read, and for each of its characters the offset in ``text``.

    Two faults of extracted text are undone: a space inside a name next to its hyphen or Greek letter is
    dropped ("TNF- α" reads "TNF-α"); citation digits glued to a term ("SNI15–17") become spaces when
    ``known(term)`` is true and ``known(term + digits)`` is not (so "IL10", "CD68", "Hsp72" stay whole).
    ``known`` is a ``str -> bool`` function (the lexicon's look-up); without it only spaces are repaired.
    Returns ``(view, index)`` with ``len(index) == len(view) + 1`` (the last entry is ``len(text)``).
    """
    chars = None
    if known is not None and _LETTER_DIGIT.search(text):  # a fused citation is a letter glued to a digit
        for m in _FUSED_CITATION.finditer(text):
            word, digits = m.group(1), m.group(2)
            if known(word) and not known(word + digits) and not family_matches(word + digits):
                if chars is None:
                    chars = list(text)
                for i in range(m.start(2), m.end(2)):
                    chars[i] = " "
    drop = set()
    if " -" in text or "- " in text or not text.isascii() and _GREEK_SPACE.search(text):
        for m in _NAME_SPACE.finditer(text):
            drop.update(i for i in range(m.start(), m.end()) if text[i] == " ")
    if not drop:  # the usual case: nothing dropped, the view is the text or its repaired copy
        return (text if chars is None else "".join(chars)), list(range(len(text) + 1))
    if chars is None:
        chars = list(text)
    index = [i for i in range(len(text)) if i not in drop]
    view = "".join(chars[i] for i in index)
    return view, index + [len(text)]



#: An upper-case acronym before a scale word ("MARDS评分", "MARDS scale"), the place a misspelt scale name is read.
_SCALE_ACRONYM = re.compile(r"(?<![A-Za-z0-9\-])([A-Z]{4,6})(?![A-Za-z0-9])(?=\s*(?:评分|量表|总分|得分|分值|scores?\b|scales?\b))")


def scale_typos(text: str, base: Lexicon) -> list[tuple[int, int, Concept]]:
    """``(start, end, concept)`` for scale acronyms written with two adjacent letters swapped ("MARDS评分" for MADRS,
    the Montgomery-Åsberg scale): an upper-case acronym of 4-6 letters before a scale word (:data:`_SCALE_ACRONYM`)
    that the lexicon does not know, and exactly one of whose swaps is a curated OUTCOME form written the same
    way. A transposition is the commonest misspelling of an acronym (Damerau 1964); one edit, on curated scale
    names only, so a real acronym is never read as another."""
    out = []
    for m in _SCALE_ACRONYM.finditer(text):
        word = m.group(1)
        if base.lookup(word) is not None:
            continue
        hits = {}
        for i in range(len(word) - 1):
            swapped = word[:i] + word[i + 1] + word[i] + word[i + 2:]
            c = base.lookup(swapped) if swapped != word else None
            if c is not None and c.type == "OUTCOME" and c.id in base.concepts and swapped in (
                    c.name, *c.synonyms):
                hits[c.id] = c
        if len(hits) == 1:
            out.append((m.start(1), m.end(1), next(iter(hits.values()))))
    return out


def tag_sentence(sentence: Sentence, lex: DocumentLexicon, protocol_finder=None) -> list[Mention]:
    """Mentions in one sentence, offsets into the document (``sentence.start`` added).

    Overlaps are resolved by span length, then by source precedence
    (abbreviation > lexicon > pattern); protocol parts form a layer of their
    own ("神经损伤后2周开始" is a TIMING part and contains the entity 神经损伤).
    """
    original = sentence.text
    text, index = repair_view(original, lambda f: lex.base.lookup(f) is not None or lex.local.lookup(f) is not None)
    cands: list[tuple[int, int, int, Mention]] = []  # (start, -len, precedence, mention); offsets into the view

    def add(a, b, label, cid, name, source, prec, xref=""):
        oa, ob = index[a], index[b - 1] + 1 if b > a else index[a]
        m = Mention(sentence.start + oa, sentence.start + ob, original[oa:ob], label, cid, name,
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
            if g.needs_cue and not has_cue(text, g.start, g.end) or text[g.start:g.end] in STATISTICS_TERMS:
                continue
            c = lex.base.concept(g.concept_id)
            word = text[g.start:g.end]
            if word.isalpha() and word.islower() and not any(f.lower() == word for f in (c.name, *c.synonyms)):
                continue  # "proteins" is no "protein S": a plain word matched only once the form's spaces are dropped
            add(g.start, g.end, c.type, c.id, c.name, "lexicon", 2, "|".join(c.xrefs))
    for a, b, label, name in family_matches(text):
        c = lex.base.lookup(name)
        if c:
            add(a, b, c.type, c.id, c.name, "lexicon", 1, "|".join(c.xrefs))
        else:
            add(a, b, label, "LM:" + fold(name).replace(" ", "_"), name, "pattern", 3)
    for a, b, form in split_names(text, lex.base.lookup):
        c = lex.base.lookup(form)
        add(a, b, c.type, c.id, c.name, "lexicon", 1, "|".join(c.xrefs))
    if "-" in text:
        spans = [(a, b) for a, b, _, m in cands if m.source != "protocol"]
        for a, b, form in symbol_ellipsis(text, spans, lambda f: lex.base.lookup(f) is not None):
            c = lex.base.lookup(form)
            add(a, b, c.type, c.id, c.name, "lexicon", 1, "|".join(c.xrefs))
    for a, b, name in protein_shaped(text):
        add(a, b, "GENE_OR_PROTEIN", "LM:" + re.sub(r"[^0-9a-z\u03b1-\u03c9]+", "_", fold(name)).strip("_"), name,
            "pattern", 3)
    for a, b, c in scale_typos(text, lex.base):
        if not any(x < b and a < y for x, y, _, _ in cands):
            add(a, b, c.type, c.id, c.name, "lexicon", 2, "|".join(c.xrefs))
    entity = [(a, b, m.label) for a, b, _, m in cands]
    for a, b, name in outcome_phrases(text, entity, sentence.lang):
        c = lex.base.lookup(name)
        scale = next((m for x, y, _, m in cands if x == a and m.label == "OUTCOME" and text[y:b] in _SCORE_WORDS), None)
        if c is not None and c.type in ("OUTCOME", "PROCESS"):
            add(a, b, c.type, c.id, c.name, "lexicon", 2, "|".join(c.xrefs))
        elif scale is not None:  # "PHQ-9评分", "SF-36评分": the score of a scale is the scale
            add(a, b, "OUTCOME", scale.concept_id, scale.name, scale.source, 2, scale.xref)
        else:
            inner = [m for x, y, _, m in cands if a <= x and y <= b and m.concept_id.startswith(("MESH:", "HGNC:"))]
            add(a, b, "OUTCOME", _phrase_id(name), name, "pattern", 3, "|".join(m.concept_id for m in inner))
            for pa, pb, pname in zh_parallel_phrase(text, a, name, entity):
                add(pa, pb, "OUTCOME", _phrase_id(pname), pname, "pattern", 3)
    ents = [(a, b, m.label, text[a:b]) for a, b, _, m in cands]
    for a, b, name in zh_ellipsis_mentions(text, ents):
        c = lex.base.lookup(name)
        if c is not None and c.type in ("OUTCOME", "PROCESS"):
            add(a, b, c.type, c.id, c.name, "lexicon", 0, "|".join(c.xrefs))  # before the word's own reading
    for a, b, label, name in ellipsis_mentions(text, ents):
        c = lex.base.lookup(name)
        if c is not None:
            add(a, b, c.type, c.id, c.name, "lexicon", 2, "|".join(c.xrefs))
        else:
            add(a, b, label, "LM:" + re.sub(r"[^0-9a-z]+", "_", fold(name)).strip("_"), name, "pattern", 3)
    if protocol_finder is not None:  # protocol parts are read from the original text
        if len(index) == len(original) + 1:  # nothing dropped: offsets are the same
            back = index
        else:
            back, v = [], 0  # original offset -> view offset (a dropped space maps to the next kept character)
            for o in range(len(original) + 1):
                while index[v] < o:
                    v += 1
                back.append(v)
        for p in protocol_finder(original):
            add(back[p.start], back[p.end], p.kind, f"LM:protocol:{p.kind.lower()}", p.display or p.text, "protocol", 4)
    cands.sort(key=lambda x: (-(x[1] - x[0]), x[2], x[0]))
    taken: dict[bool, list[tuple[int, int]]] = {True: [], False: []}
    out: list[Mention] = []
    for a, b, _, m in cands:
        layer = taken[m.source == "protocol"]  # protocol parts and entities may overlap each other
        if any(a < tb and ta < b for ta, tb in layer):
            continue
        if m.label == "EXERCISE" and _NEGATED_EXERCISE.search(text[max(0, a - 12):a]):
            continue  # "no exercise (No-Ex)", "rats without exercise", "非运动组": the control arm
        layer.append((a, b))
        out.append(m)
    out.sort(key=lambda m: m.start)
    return out if sentence.kind == "table" else _bare_modalities(out, original, sentence.start, lex)  # a cell "Aerobic"


#: Modality names that are ordinary words on their own ("balance", "resistance", "aerobic", "endurance"): an
#: exercise only before a training word or in a list of exercises ("aerobic and resistance training").
_BARE_MODALITIES = {"balance", "resistance", "aerobic", "endurance"}
_TRAINING_AFTER = re.compile(r"[\s-]*(training|exercis\w*|programm?e?s?|groups?|arms?|interventions?|sessions?|protocols?|"
                             r"activit\w*|workouts?|based|regimens?|conditioning)\b", re.I)


#: Movements whose bare name, before a measure noun, names a test or a measure, not the exercise done
#: ("examine walking endurance", "the 10-meter walking test", "running speed"); litmine curators.
_MEASURED_MODALITIES = {"walking", "walk", "running", "swimming", "cycling", "stepping"}
_MEASURE_AFTER = re.compile(r"\s+(speed|endurance|distance|ability|tests?|performance|capacity|velocity|economy|"
                            r"time|pattern|parameters?|kinematics|function)\b", re.I)


def _bare_modalities(mentions: list[Mention], text: str, offset: int, lex: DocumentLexicon) -> list[Mention]:
    """Drop or relabel a bare modality word that is no exercise here: "improvements in balance" is balance
    function (MeSH Postural Balance), "resistance to free radicals" and "aerobic capacity" name no training."""
    exercises = [m for m in mentions if m.label == "EXERCISE"]
    out = []
    for m in mentions:
        if m.label == "EXERCISE" and m.text.lower() in _MEASURED_MODALITIES and m.source != "group" and \
                _MEASURE_AFTER.match(text[m.end - offset:]):
            continue  # "walking speed", "walking endurance", "swimming test": a measure of the movement
        if m.label != "EXERCISE" or m.text.lower() not in _BARE_MODALITIES or m.source == "group":
            out.append(m)
            continue
        a, b = m.start - offset, m.end - offset
        listed = any(o is not m and (0 <= o.start - m.end <= 40 and re.fullmatch(
            r"\s*(,|and|or|\+|/|plus|,\s*and)\s*([a-z-]+\s*(,|and|or)\s*)*", text[b:o.start - offset], re.I) or
            0 <= m.start - o.end <= 8 and re.fullmatch(r"\s*(,|and|or|\+|/|plus)\s*", text[o.end - offset:a], re.I))
            for o in exercises)
        if _TRAINING_AFTER.match(text[b:]) or listed:
            out.append(m)
        elif m.text.lower() == "balance" and (c := lex.base.lookup("balance function")) is not None:
            out.append(Mention(m.start, m.end, m.text, c.type, c.id, c.name, m.sentence, "lexicon", "|".join(c.xrefs)))
    return out


#: Words that make the exercise after them its absence (litmine curators).
_NEGATED_EXERCISE = re.compile(r"(\b(no|non|without|not|never)[\s-]+|\bnon-|未|无|不|非)$", re.I)
