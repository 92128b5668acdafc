"""The English spaCy pipeline, built once per process.

``spacy.blank("en")`` with scispaCy's ``combined_rule_tokenizer``, scispaCy's
``abbreviation_detector`` (Schwartz & Hearst 2003) and ``litmine_sentences``
(rules in :func:`litmine.text.segment.english_boundaries`). No trained model is
loaded: nothing here needs a download.

This module sits below :mod:`litmine.nlp.tagger` (which uses its abbreviation
detector) and :mod:`litmine.nlp.pipelines` (which re-exports it); it imports
neither.
"""
from __future__ import annotations

import functools
import re
import warnings

import numpy
import spacy
from spacy.attrs import IDX, LENGTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..text.segment import english_boundaries


@Language.component("litmine_sentences")
def litmine_sentences(doc: Doc) -> Doc:
    """Set ``Token.is_sent_start`` for every token (rules: ``english_boundaries``)."""
    if not len(doc):
        return doc
    text = doc.text
    starts = set(english_boundaries(token_offsets(doc, text), text))
    # one array write: setting Token.is_sent_start token by token rescans the doc (quadratic)
    values = numpy.array([[1 if i == 0 or i in starts else -1] for i in range(len(doc))], dtype="int32")
    doc.from_array([SENT_START], values.astype("uint64"))
    return doc


def token_offsets(doc: Doc, text: str | None = None) -> list[tuple[str, int]]:
    """``(token text, character offset)`` of every token of ``doc``, read from its arrays
    (``IDX``, ``LENGTH``) and slices of ``text``: the text ``doc`` was made from, which the
    tokenizer keeps verbatim (default ``doc.text``, which spaCy joins anew from the tokens on
    every read), without making a ``Token`` per token."""
    text = doc.text if text is None else text
    return [(text[i:i + n], i) for i, n in doc.to_array([IDX, LENGTH]).tolist()] if len(doc) else []


def sentence_spans(doc: Doc, text: str | None = None) -> list[tuple[int, int]]:
    """``(start, end)`` character offsets of the sentences :func:`litmine_sentences` would set
    in ``doc`` (the same as its ``doc.sents``' ``start_char``/``end_char``), without writing them
    into the Doc: each sentence runs from a start token to the end of the token before the next.
    ``text``: the text ``doc`` was made from (see :func:`token_offsets`)."""
    text = doc.text if text is None else text
    tokens = token_offsets(doc, text)
    if not tokens:
        return []
    cuts = [0, *english_boundaries(tokens, text), len(tokens)]
    return [(tokens[a][1], tokens[b - 1][1] + len(tokens[b - 1][0])) for a, b in zip(cuts, cuts[1:])]


@spacy.registry.tokenizers("litmine.placeholder_tokenizer.v1")
def make_placeholder_tokenizer():
    """Registered factory of a tokenizer without rules (whitespace only) that keeps the language's
    ``token_match``: what :func:`english` builds the blank pipeline with before it puts scispaCy's
    tokenizer in its place. spaCy's default English tokenizer, which ``spacy.blank("en")`` builds
    otherwise, compiles three large affix patterns and loads ~2,700 special cases (about 0.1 s of
    every process's start-up), all thrown away; scispaCy's ``combined_rule_tokenizer`` reads only
    the language's defaults, the vocabulary and the old tokenizer's ``token_match``."""
    def create(nlp: Language):
        from spacy.tokenizer import Tokenizer
        return Tokenizer(nlp.vocab, token_match=nlp.Defaults.token_match)
    return create


#: A full stop glued between a closing bracket or a per cent sign and the capitalised word after it, as text
#: pasted from a web page or a PDF without the space gives it ("... (P=0.021).There was ...", "by 40%.The"): an
#: infix of its own, so the sentence ends there (the tokenizer kept "(P=0.021).There" one token, and the two
#: sentences one; litmine curators, from scraped abstracts).
_GLUED_SENTENCE_END = r"(?<=[)\]%])\.(?=[A-Z][a-z])"


@functools.lru_cache(maxsize=1)
def english() -> Language:
    """The English pipeline (tokenizer, abbreviations, sentences); cached per process."""
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401  (registers the factory)
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    nlp = spacy.blank("en", config={"nlp": {"tokenizer": {"@tokenizers": "litmine.placeholder_tokenizer.v1"}}})
    nlp.max_length = 50_000_000  # no parser or NER here: the tokenizer handles long texts in linear time
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        nlp.tokenizer = combined_rule_tokenizer(nlp)
    nlp.tokenizer.infix_finditer = re.compile(
        _GLUED_SENTENCE_END + "|" + nlp.tokenizer.infix_finditer.__self__.pattern).finditer
    nlp.add_pipe("litmine_sentences")
    nlp.add_pipe("abbreviation_detector")
    return nlp


#: Longest run of non-space characters the tokenizer is given whole: it strips
#: prefixes and suffixes one at a time, copying the rest, so its time is
#: quadratic in a run's length (a 20,000-character run of brackets took 30 s).
MAX_RUN = 100
_LONG_RUN = re.compile(r"\S{%d,}" % (MAX_RUN + 1))


def spaced_long_runs(text: str, every: int = MAX_RUN) -> str:
    """``text`` with every ``every``-th character of a longer run of non-space
    characters replaced by a space: same length, so offsets stay valid; used
    only to tokenize for sentence boundaries (URLs and IUPAC names are shorter
    than 100 characters almost always)."""
    if not _LONG_RUN.search(text):
        return text
    chars = list(text)
    for m in _LONG_RUN.finditer(text):
        for i in range(m.start() + every, m.end(), every):
            chars[i] = " "
    return "".join(chars)


#: Most characters tokenized in one call: a longer block (never a real
#: paragraph) is split in pieces so that no single tokenizer call runs for
#: seconds, and a time budget's alarm (:class:`litmine.pipeline.TimeBudget`)
#: lands between pieces.
TOKENIZE_PIECE = 20_000
#: A piece ends after the last sentence end (". ") within this many characters
#: of its limit, else at the last space: real sentences are shorter (the
#: segmenter caps them at 1,500 characters anyway).
_PIECE_SLACK = 2_000
_SENTENCE_END = re.compile(r"[.!?]\s")


def tokenize_pieces(text: str, most: int | None = None) -> list[tuple[int, int]]:
    """``text`` as consecutive ``(start, end)`` spans of at most ``most``
    characters (default :data:`TOKENIZE_PIECE`) covering it, each cut after a
    sentence end or at a space near its limit (see :data:`_PIECE_SLACK`); one
    span for a shorter text."""
    most = TOKENIZE_PIECE if most is None else most
    slack = min(_PIECE_SLACK, most // 2)
    out, a, n = [], 0, len(text)
    while n - a > most:
        window = text[a + most - slack:a + most]
        ends = [m.end() for m in _SENTENCE_END.finditer(window)]
        cut = ends[-1] if ends else window.rfind(" ") + 1
        b = a + most - slack + cut if cut > 0 else a + most
        out.append((a, b))
        a = b
    out.append((a, n))
    return out


def english_splitter():
    """A function ``str -> [(start, end)]`` giving English sentence spans
    (linear in the text: long runs without spaces are cut for the tokenizer,
    see :func:`spaced_long_runs`; blocks longer than :data:`TOKENIZE_PIECE`
    are tokenized piece by piece, see :func:`tokenize_pieces`). The English
    pipeline is built on the first call, so a document without English text
    never builds it."""

    def split(text: str) -> list[tuple[int, int]]:
        out = []
        for start, end in tokenize_pieces(text):
            piece = text[start:end]
            spaced = spaced_long_runs(piece)
            for a, b in sentence_spans(english().make_doc(spaced), spaced):
                seg = piece[a:b]
                if seg.strip():
                    out.append((start + a + len(seg) - len(seg.lstrip()),
                                start + b - (len(seg) - len(seg.rstrip()))))
        return out

    return split


#: A parenthesised group that can hold a short form (or a long form after its
#: short form): no bracket inside, at most 100 characters.
_PAREN_GROUP = re.compile(r"\(([^()]{1,100})\)")
#: Characters of context kept before a group: Schwartz & Hearst look at most
#: min(|A| + 5, 2|A|) words back for the long form of an abbreviation A of up
#: to three tokens of < 10 characters (scispaCy's filters), i.e. <= 32 words.
ABBREVIATION_CONTEXT = 500
#: Largest text handed to the detector at once, in characters and in groups:
#: its parenthesis matcher is quadratic in the brackets of what it is given.
ABBREVIATION_WINDOW = 2000
ABBREVIATION_GROUPS = 16


def abbreviation_windows(text: str) -> list[tuple[int, int]]:
    """The parts of ``text`` scispaCy's detector needs, as ``(start, end)`` spans.

    Each parenthesised group (:data:`_PAREN_GROUP`) with up to
    :data:`ABBREVIATION_CONTEXT` characters before it (from a word start);
    overlapping or touching spans are merged while the result stays within
    :data:`ABBREVIATION_WINDOW` characters and :data:`ABBREVIATION_GROUPS`
    groups; a group's context never reaches back past the group before it,
    so a new window holds at most one group of the last. Text without a
    closed bracket gives no window. Linear in ``len(text)``.
    """
    out: list[list[int]] = []
    groups = last_group = 0
    for m in _PAREN_GROUP.finditer(text):
        start = max(0, m.start() - ABBREVIATION_CONTEXT, last_group)
        last_group = m.start()
        if start:
            space = text.find(" ", start, m.start())
            start = space + 1 if space >= 0 else m.start()
        if out and start <= out[-1][1] and m.end() - out[-1][0] <= ABBREVIATION_WINDOW \
                and groups < ABBREVIATION_GROUPS:
            out[-1][1] = m.end()
            groups += 1
        else:
            out.append([start, m.end()])
            groups = 1
    return [(a, b) for a, b in out]


#: An abbreviation defined with the size of its group after it in the same brackets, as trial abstracts name
#: their arms ("general strength and conditioning (GSC; n = 20; up to 52 sessions)", "exercise (EX, n = 15)"): the
#: detector sees "(GSC)" (Schwartz & Hearst take a bracket holding only the short form).
_ARM_SIZE = re.compile(r"\(\s*([A-Z][A-Za-z0-9+/-]{1,9})\s*[;,]\s*(?:[nN]\s*=|\d)[^()]{0,80}\)")


def english_abbreviations(text: str) -> list[tuple[str, str]]:
    """``(short form, long form)`` pairs defined in English ``text`` (scispaCy's
    Schwartz & Hearst detector), first definition of each short and each long
    form kept, as the detector does within one text.

    A bracket holding a short form and its group's size is read as the short form alone (:data:`_ARM_SIZE`).
    The detector runs on :func:`abbreviation_windows` only, so its cost is
    bounded per window and linear in ``len(text)`` (on a whole text its
    parenthesis matcher is quadratic in the brackets: 20,000 definitions
    took minutes and gigabytes).
    """
    windows = [spaced_long_runs(_ARM_SIZE.sub(r"(\1)", text[a:b])) for a, b in abbreviation_windows(text)]
    if not windows:
        return []
    nlp = english()
    detector = nlp.get_pipe("abbreviation_detector")
    seen_short, seen_long, out = set(), set(), []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # scispaCy: "matcher has no patterns" when none defined
        for window in windows:  # the tokenizer and the detector alone (no sentences): nlp.pipe's batching costs more
            doc = detector(nlp.make_doc(window))
            for ab in doc._.abbreviations:
                short, long = ab.text, ab._.long_form.text
                if short not in seen_short and long not in seen_long:
                    seen_short.add(short)
                    seen_long.add(long)
                    out.append((short, long))
    return _shared_heads(out)


#: A long form that is a protocol qualifier alone, its head noun left to the last of a coordination
#: ("low-intensity (LIE), moderate-intensity (MIE) or high-intensity exercise (HIE)").
_QUALIFIER_ONLY = re.compile(r"(?:low|light|mild|moderate|high|vigorous)[- ]intensity|(?:low|high)[- ]frequency|"
                             r"(?:short|long)[- ]term", re.I)


def _shared_heads(pairs: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """``pairs`` with a long form that is a qualifier alone (:data:`_QUALIFIER_ONLY`) completed by the head noun
    of one of the next two long forms that is the same kind of qualifier with a head: ``("MIE",
    "moderate-intensity")`` before ``("HIE", "high-intensity exercise")`` is ``("MIE", "moderate-intensity
    exercise")``, an exercise arm rather than an unknown concept of the document."""
    out = list(pairs)
    for i, (short, long) in enumerate(out):
        if not _QUALIFIER_ONLY.fullmatch(long):
            continue
        for _, later in pairs[i + 1:i + 3]:
            m = _QUALIFIER_ONLY.match(later)
            if m and later[m.end():].strip() and not _QUALIFIER_ONLY.fullmatch(later):
                out[i] = (short, f"{long}{later[m.end():]}")
                break
    return out
