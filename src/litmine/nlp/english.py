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
import warnings

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..text.segment import english_boundaries


@Language.component("litmine_sentences")
def litmine_sentences(doc: Doc) -> Doc:
    """Set ``Token.is_sent_start`` for every token (rules: ``english_boundaries``)."""
    if not len(doc):
        return doc
    starts = set(english_boundaries([(t.text, t.idx) for t in doc], doc.text))
    # one array write: setting Token.is_sent_start token by token rescans the doc (quadratic)
    values = numpy.array([[1 if i == 0 or i in starts else -1] for i in range(len(doc))], dtype="int32")
    doc.from_array([SENT_START], values.astype("uint64"))
    return doc


@functools.lru_cache(maxsize=1)
def english() -> Language:
    """The English pipeline (tokenizer, abbreviations, sentences); cached per process."""
    from scispacy.abbreviation import AbbreviationDetector  # noqa: F401  (registers the factory)
    from scispacy.custom_tokenizer import combined_rule_tokenizer

    nlp = spacy.blank("en")
    nlp.max_length = 50_000_000  # no parser or NER here: the tokenizer handles long texts in linear time
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        nlp.tokenizer = combined_rule_tokenizer(nlp)
    nlp.add_pipe("litmine_sentences")
    nlp.add_pipe("abbreviation_detector")
    return nlp


def english_splitter():
    """A function ``str -> [(start, end)]`` giving English sentence spans."""
    nlp = english()

    def split(text: str) -> list[tuple[int, int]]:
        doc = nlp.make_doc(text)
        litmine_sentences(doc)
        out = []
        for sent in doc.sents:
            a, b = sent.start_char, sent.end_char
            seg = text[a:b]
            if seg.strip():
                out.append((a + len(seg) - len(seg.lstrip()), b - (len(seg) - len(seg.rstrip()))))
        return out

    return split


def english_abbreviations(text: str) -> list[tuple[str, str]]:
    """``(short form, long form)`` pairs defined in English ``text`` (scispaCy)."""
    nlp = english()
    with warnings.catch_warnings(), nlp.select_pipes(disable=["litmine_sentences"]):  # sentences: not needed here
        warnings.simplefilter("ignore", UserWarning)  # scispaCy: "matcher has no patterns" when none defined
        doc = nlp(text)
    seen, out = set(), []
    for ab in doc._.abbreviations:
        pair = (ab.text, ab._.long_form.text)
        if pair not in seen:
            seen.add(pair)
            out.append(pair)
    return out
