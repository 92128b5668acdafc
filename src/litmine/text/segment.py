"""Sentence segmentation for Chinese, English and mixed blocks, and citation markers.

* Chinese: :func:`split_zh` ends a sentence at 。！？ (and at ``! ? . ．`` when
  they close a Chinese sentence: after a CJK character, or a full stop after a
  Latin word, number or bracket before a CJK character, "…NF-κB.运动…",
  "…损伤).采用…", not after "et al."), never inside brackets, never inside a number.
* English: a blank spaCy pipeline with scispaCy's tokenizer and the
  ``litmine_sentences`` component (:mod:`litmine.nlp.pipelines`), whose rule is
  :func:`english_boundaries`: no split at "et al.", "Fig.", "e.g.", "i.e.",
  "vs.", decimals, "p < 0.05", or inside "(...)"/"[...]".
* Mixed blocks are split the Chinese way first; pieces that are English are
  split again the English way (an English caption after its Chinese twin).
* Tables give one sentence per row, figure labels one per line.

Citation markers (``[42]``, ``[9-10, 12]``, ``(Smith et al., 2019)``) stay with
their sentence and are parsed by :func:`parse_refs`.
"""
from __future__ import annotations

import re
from typing import Callable, Optional, Sequence

from ..types import Document, Sentence
from .lang import detect_lang

ZH_END = "。！？"
_OPEN, _CLOSE = "([（【", ")]）】"
_TRAILERS = "”’」』\"'）)"
_REF_RE = re.compile(r"\[\s*(\d+(?:\s*[-–~,，、]\s*\d+)*)\s*\]")
_AUTHOR_YEAR_RE = re.compile(r"\(([A-Z][A-Za-z'\-]+(?: et al\.?| and [A-Z][A-Za-z'\-]+)?),? ((?:19|20)\d{2}[a-z]?)\)")

#: English tokens after which a full stop does not end a sentence
#: (litmine curators, from common biomedical abbreviations).
EN_ABBREVIATIONS = frozenset("""
al et fig figs eq eqs ref refs e.g i.e vs cf approx ca no nos dr mr mrs ms prof
resp sp spp var vol suppl ed eds jan feb mar apr jun jul aug sep sept oct nov dec
st inc ltd co corp dept univ fig.s n.s i.p i.v s.c i.t p.o
""".split())


_REFERENCE_ENTRY = re.compile(
    r"^\s*(\[\d{1,3}\]|\d{1,3}\.)\s*[A-Z\u4e00-\u9fff][\w'\-]*\s+[A-Z]{1,3}\b"    # [19] Garcia RM / 3. Smith J
    r"|^\s*[A-Z][A-Za-z'\-]+\s+[A-Z]{1,3}(,\s*[A-Z][A-Za-z'\-]+\s+[A-Z]{1,3})*(,?\s*et al)?\.\s"  # Vasquez-Lin T, Robb A.
    r"|\[(J|M|D|C|N|R|EB/OL)\]")                                                           # GB/T 7714 type codes
#: Citation details that mark a reference entry only outside brackets: a sentence citing "(doi:10.1/x)" is prose.
_CITATION_DETAIL = re.compile(r"(19|20)\d{2}\s*[;,]\s*\d+\s*(\(\d+\))?\s*:\s*\d+"   # 2019;45(3):123
                              r"|\b[Dd][Oo][Ii]\s*:|\bdoi\.org/")

_BRACKETED = re.compile(r"[(（\[][^()（）\[\]]*[)）\]]")


def strip_brackets(text: str) -> str:
    """``text`` without bracketed asides, nested ones included ("(+20.8 Nm (11.2–30.4); P < 0.001)")."""
    if "(" not in text and "（" not in text and "[" not in text:  # what every bracketed aside opens with
        return text
    prev = None
    while prev != text:
        prev, text = text, _BRACKETED.sub("", text)
    return text


def looks_like_reference(text: str) -> bool:
    """True when ``text`` reads like a reference-list entry (Vancouver, GB/T 7714,
    numbered "[19] Garcia RM, ..."), which must never yield relations. A DOI or a
    "2019;45(3):123" inside brackets is an inline citation of a prose sentence."""
    # the entry's first two forms are anchored at the start, the third (a type code) needs a "["; every
    # citation detail holds a ":" or a "/" (the brackets' removal adds no character)
    if _REFERENCE_ENTRY.match(text) or "[" in text and _REFERENCE_ENTRY.search(text):
        return True
    return (":" in text or "/" in text) and _CITATION_DETAIL.search(strip_brackets(text)) is not None


def parse_refs(text: str) -> list[str]:
    """Citation numbers of bracketed markers in ``text``, ranges expanded.

    ``"...减轻NP [9-10,12]。"`` -> ``["9", "10", "12"]``; author-year markers
    ``"(Smith et al., 2019)"`` -> ``["Smith et al. 2019"]``; a superscript citation glued after the
    final full stop (``"...quality of life (QOL).3,4"`` -> ``["3", "4"]``, :func:`glued_superscript`).
    Ranges longer than 50 are kept as their two ends.
    """
    out: list[str] = []
    for m in _REF_RE.finditer(text):
        for part in re.split(r"\s*[,，、]\s*", m.group(1)):
            ends = re.split(r"\s*[-–~]\s*", part)
            if len(ends) == 2 and ends[0].isdigit() and ends[1].isdigit():
                a, b = int(ends[0]), int(ends[1])
                nums = range(a, b + 1) if 0 <= b - a <= 50 else (a, b)
                out.extend(str(n) for n in nums)
            else:
                out.extend(e for e in ends if e)
    out.extend(f"{a} {y}" for a, y in _AUTHOR_YEAR_RE.findall(text))
    glued = glued_superscript(text.rstrip()) if text[-1:].isdigit() or text.rstrip()[-1:].isdigit() else None
    if glued:  # "…(QOL).3,4": a superscript citation after the sentence's full stop
        for part in glued.group("refs").split(","):
            ends = re.split(r"[-\u2013]", part)
            if len(ends) == 2 and 0 <= int(ends[1]) - int(ends[0]) <= 50:
                out.extend(str(n) for n in range(int(ends[0]), int(ends[1]) + 1))
            else:
                out.extend(e for e in ends if e)
    seen: set[str] = set()
    return [r for r in out if not (r in seen or seen.add(r))]


_LATIN_END = re.compile(r"[A-Za-z0-9\u0370-\u03ff%)\]]")


def _abbreviation_before(text: str, i: int) -> bool:
    """Is the full stop at ``text[i]`` the end of an English abbreviation
    (:data:`EN_ABBREVIATIONS`: "et al.", "Fig.", "e.g.")?"""
    m = re.search(r"([A-Za-z][A-Za-z.]*)$", text[max(0, i - 12):i])
    return bool(m) and m.group(1).lower() in EN_ABBREVIATIONS


_ZH_END_RE = re.compile(f"[{ZH_END}]")


def _closer_before_end(text: str, i: int, depth_char: str) -> bool:
    """Is an open bracket closed within 60 characters after ``i``, before the
    next Chinese full stop? (Looks at those 60 characters only: constant time.)"""
    window = text[i + 1:i + 60]
    m = _ZH_END_RE.search(window)
    window = window[:m.start()] if m else window
    return any(c in window for c in _CLOSE)


def split_zh(text: str) -> list[tuple[int, int]]:
    """Split Chinese (or mixed) text into sentence spans.

    Args:
        text: one block of cleaned text.
    Returns:
        ``[(start, end), ...]`` character offsets into ``text``, covering every
        non-space character, leading/trailing whitespace excluded.
    """
    spans: list[tuple[int, int]] = []
    start, depth, i, n = 0, 0, 0, len(text)
    while i < n:
        c = text[i]
        if c in _OPEN:
            depth += 1
        elif c in _CLOSE:
            depth = max(0, depth - 1)
        end_here = c in ZH_END
        if c in "!?.．" and not end_here:
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < n else ""
            after = text[i + 1:i + 3].strip()[:1]
            cjk_prev = bool(re.match(r"[\u4e00-\u9fff）\]]", prev))
            if c in ".．" and (prev.isdigit() and nxt.isdigit()):
                end_here = False
            elif (cjk_prev or c == "．") and (not after or re.match(r"[\u4e00-\u9fffA-Z（(“]", after)):
                end_here = True
            elif c == "." and _LATIN_END.match(prev) and _HAN.match(after) \
                    and not _abbreviation_before(text, i):
                end_here = True  # "…激活NF-κB.运动组…", "…损伤).采用…": a Latin word, number or bracket ends it
        if end_here and depth and _closer_before_end(text, i, c):
            end_here = False
        if end_here:
            depth = 0
            j = i + 1
            while j < n and text[j] in _TRAILERS + ZH_END:
                j += 1
            spans.append((start, j))
            start = j
            i = j
            continue
        i += 1
    spans.append((start, n))
    out = []
    for a, b in spans:
        seg = text[a:b]
        lead = len(seg) - len(seg.lstrip())
        trail = len(seg) - len(seg.rstrip())
        if seg.strip():
            out.append((a + lead, b - trail))
    return out


_LETTER_END = re.compile(r"[A-Z]\.")
_INITIAL_AFTER = frozenset({"by", "and", "&", ",", "(", "[", "dr.", "prof.", "mr.", "ms.", "mrs."})
_NAME_WORD = re.compile(r"[A-Z][a-z]+")
_GLUED_REF = re.compile(r"[.!?]\[[\d,\s\-–]*$")
#: A superscript citation glued after a sentence's full stop, as PDF and HTML text of Vancouver-style journals
#: gives it: "of life (QOL).3,4 Thus", "for their cancer.5" -- after a word of two letters or more (not an
#: abbreviation such as "Fig.3", "al.5", not a decimal such as "Nav1.7") or a closing bracket.
_GLUED_SUPERSCRIPT = re.compile(r"(?:(?P<word>[A-Za-z]{2,})|[)\]])\.(?P<refs>\d{1,3}(?:[,\u2013-]\d{1,3}){0,8})$")
_NOT_BEFORE_SUPERSCRIPT = frozenset({"fig", "figs", "table", "tab", "eq", "eqs", "no", "nos", "vol", "ref", "refs", "pp",
                                     "al", "ch", "sec", "ver", "ed", "suppl", "chap", "art", "fn"})


def glued_superscript(text: str) -> Optional[re.Match]:
    """The superscript citation glued after the full stop that ends ``text`` ("…(QOL).3,4"), or ``None``:
    group ``refs`` holds its numbers, ``word`` the word before the stop (see :data:`_GLUED_SUPERSCRIPT`)."""
    m = _GLUED_SUPERSCRIPT.search(text)
    if m is None or (m.group("word") or "").lower() in _NOT_BEFORE_SUPERSCRIPT:
        return None
    return m
_INITIALS = re.compile(r"([A-Za-z]\.)+")
_HAN = re.compile(r"[\u4e00-\u9fff]")


def _initial_before(tokens: Sequence[tuple[str, int]], i: int) -> bool:
    """Is the one-capital-letter token ``tokens[i]`` (``"B."``) a person's initial
    rather than the end of a name or label (``"NF-kappa B."``, ``"group A."``,
    ``"vitamin D."``)? An initial follows the start of the text, another
    initial (``"A. B."``), a capitalised name (``"John A."``, ``"Smith J."``),
    or ``by``/``and``/a comma/an opening bracket (``"by J. Smith"``)."""
    if i == 0:
        return True
    prev = tokens[i - 1][0]
    return bool(prev.lower() in _INITIAL_AFTER or _LETTER_END.fullmatch(prev)
                or _NAME_WORD.fullmatch(prev))


def _token_facts(tok: str) -> tuple[int, int, bool, bool, bool]:
    """What :func:`english_boundaries` reads from a token's text alone: ``(brackets opened,
    brackets closed, ends in a glued citation "PWT.[12", ends a sentence whatever its
    neighbours, is one capital letter with a full stop "B.")``."""
    glued_ref = bool(_GLUED_REF.search(tok)) if "[" in tok else False  # the tokenizer keeps "PWT.[12" together
    opened = tok.count("(") + tok.count("[") - (1 if glued_ref else 0)
    closed = tok.count(")") + tok.count("]")
    ends = tok in (".", "!", "?", "...") or glued_ref or (
        tok.endswith(".") and len(tok) > 1 and tok[:-1].lower() not in EN_ABBREVIATIONS
        and not _INITIALS.fullmatch(tok)) or (tok[-1:].isdigit() and "." in tok and glued_superscript(tok) is not None)
    return opened, closed, glued_ref, ends, _LETTER_END.fullmatch(tok) is not None


#: :func:`_token_facts` of the token texts met so far (the same words recur in every text);
#: cleared when it holds more than :data:`_MOST_TOKEN_FACTS`, so memory stays bounded.
_TOKEN_FACTS: dict[str, tuple[int, int, bool, bool, bool]] = {}
_MOST_TOKEN_FACTS = 50_000


def english_boundaries(tokens: Sequence[tuple[str, int]], text: str) -> list[int]:
    """Indices of tokens that start a sentence (besides the first).

    Args:
        tokens: ``(token text, character offset)`` pairs from the tokenizer.
        text: the text they were taken from.
    Returns:
        token indices ``i`` such that a sentence starts at ``tokens[i]``.
    Rule: a sentence ends at ``.``/``!``/``?`` (or a token ending in ``.`` that
    is not an abbreviation, :data:`EN_ABBREVIATIONS`; or a capital letter with a
    full stop that ends a name or label, ``"NF-kappa B."``, ``"group A."``, not a
    person's initial, see :func:`_initial_before`) outside brackets, when the
    next token starts with an upper-case letter, a digit or an opening bracket
    that is not a citation; a following ``[12]`` citation stays with the
    sentence it ends.
    """
    starts: list[int] = []
    depth = open_since = 0
    n = len(tokens)
    i = 0
    facts = _TOKEN_FACTS
    if len(facts) > _MOST_TOKEN_FACTS:
        facts.clear()
    while i < n:
        tok, off = tokens[i]
        got = facts.get(tok)
        if got is None:
            got = facts[tok] = _token_facts(tok)
        opened, closed, glued_ref, ends, letter_end = got
        if opened or closed:  # the tokenizer may glue brackets to words: "8)", "PWT.[12"
            depth = max(0, depth + opened - closed)
            open_since = i if depth and opened else open_since
        if depth and i - open_since > 80:
            depth = 0  # an unbalanced bracket (PDF text) must not swallow the paragraph
        is_end = ends or (letter_end and not _initial_before(tokens, i))
        if is_end and tok == "." and i > 0 and tokens[i - 1][0].lower().rstrip(".") in EN_ABBREVIATIONS \
                and tokens[i - 1][1] + len(tokens[i - 1][0]) == off:
            is_end = False
        if is_end and depth == 0 and i + 1 < n:
            j = i + 1
            if glued_ref and tokens[j][0] == "]":
                j += 1
            # a citation right after the full stop belongs to this sentence
            m = _REF_RE.match(text, tokens[j][1]) if j < n else None
            if m:
                while j < n and tokens[j][1] < m.end():
                    j += 1
            if j < n:
                nxt = tokens[j][0]
                if nxt[:1].isupper() or nxt[:1].isdigit() or nxt[:1] in "([“\"" or _HAN.match(nxt):
                    starts.append(j)
                    i = j
                    continue
        i += 1
    return starts


SplitFn = Callable[[str], list[tuple[int, int]]]


#: The longest sentence, in characters: longer "sentences" (run-on text, lists,
#: text without punctuation) are cut at clause breaks (see :func:`cap_length`).
MAX_SENTENCE = 1500
#: The most brackets in one sentence (real sentences of chemistry papers have
#: up to ~60): the tagger's and the relation rules' work per sentence grows
#: with the brackets and mentions in it, so runs of brackets are cut too.
MAX_BRACKETS = 64
_BRACKET_RE = re.compile(r"[()（）\[\]【】]")


def cap_length(text: str, spans: list[tuple[int, int]], limit: int = MAX_SENTENCE,
               max_brackets: int = MAX_BRACKETS) -> list[tuple[int, int]]:
    """Cut spans longer than ``limit`` characters, or holding more than
    ``max_brackets`` brackets, so no sentence makes later stages slow.

    The fallback split: a piece ends at the last clause break (；;，,、 or a
    space) before the limit (the ``limit``-th character, or the bracket past
    ``max_brackets``) when that break lies in the second half of the piece;
    otherwise exactly at the limit. Linear in ``len(text)``; spans within both
    limits are returned unchanged.
    """
    out = []
    for a, b in spans:
        while True:
            hard = min(b, a + limit)
            for k, m in enumerate(_BRACKET_RE.finditer(text, a, hard)):
                if k == max_brackets:
                    hard = m.start()
                    break
            if hard >= b:
                break
            size = max(1, hard - a)
            window = text[a:a + size]
            cut = max(window.rfind(c) for c in "；;，,、 ")
            cut = a + (cut + 1 if cut > size // 2 else size)
            seg = text[a:cut]
            if seg.strip():
                out.append((a + len(seg) - len(seg.lstrip()), cut - (len(seg) - len(seg.rstrip()))))
            a = cut
            while a < b and text[a].isspace():
                a += 1
        if b > a:
            out.append((a, b))
    return out


def split_block(text: str, lang: str, split_en: SplitFn) -> list[tuple[int, int]]:
    """Sentence spans of one block: Chinese rules for zh/mixed, ``split_en`` for
    English and for English pieces of mixed blocks; none longer than :data:`MAX_SENTENCE`."""
    if lang == "en":
        return cap_length(text, split_en(text))
    out = []
    for a, b in split_zh(text):
        piece = text[a:b]
        if detect_lang(piece) == "en" and len(piece) > 40:
            out.extend((a + x, a + y) for x, y in split_en(piece))
        else:
            out.append((a, b))
    return cap_length(text, out)


def segment(doc: Document, split_en: SplitFn) -> list[Sentence]:
    """Split a cleaned document into sentences.

    Args:
        doc: output of :func:`litmine.text.clean.clean`.
        split_en: English splitter ``str -> [(start, end)]``; the pipeline
            passes the spaCy one, :func:`litmine.nlp.english.english_splitter`
            (``text`` sits below ``nlp`` and does not import it).
    Returns:
        sentences in document order; ``s.text == doc.text[s.start:s.end]``;
        ``paragraph`` is the index of the block; ``page`` from ``doc.pages``.
    """
    sentences: list[Sentence] = []
    for bi, block in enumerate(doc.blocks):
        text = doc.text[block.start:block.end]
        if block.kind in ("table", "figure"):
            spans = _line_spans(text)
        elif block.kind in ("heading", "front"):
            spans = [(0, len(text))]
        else:
            spans = split_block(text, block.lang, split_en)
        for a, b in spans:
            s_text = text[a:b]
            kind = block.kind
            if block.section == "references" or (kind == "body" and looks_like_reference(s_text)):
                kind = "references"
            sentences.append(Sentence(
                index=len(sentences), start=block.start + a, end=block.start + b, text=s_text,
                lang=detect_lang(s_text) if len(s_text) > 3 else block.lang, kind=kind,
                section=block.section, paragraph=bi, refs=parse_refs(s_text), page=doc.page_at(block.start + a)))
    return sentences


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            lead = len(line) - len(line.lstrip())
            spans.append((pos + lead, pos + len(line.rstrip())))
        pos += len(line) + 1
    return spans
