"""spaCy pipelines, built once per process.

* English: ``spacy.blank("en")`` with scispaCy's ``combined_rule_tokenizer``,
  scispaCy's ``abbreviation_detector`` (Schwartz & Hearst 2003) and
  ``litmine_sentences`` (rules in :func:`litmine.text.segment.english_boundaries`).
* Chinese: ``spacy.blank("zh")`` with the jieba segmenter, after jieba has loaded
  litmine's user dictionary (generated from ``models/lexicon.tsv`` by
  :func:`litmine.nlp.lexicon.write_jieba_dict`), so that 跑台运动, 小胶质细胞 or
  脑源性神经营养因子 stay one token. ``doc.text`` equals the input text, so
  offsets point into the original Chinese.

No trained model is loaded: nothing here needs a download.
"""
from __future__ import annotations

import functools
import logging
import warnings

import numpy
import spacy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from ..text.segment import english_boundaries

PIPELINE_VERSION = "litmine.pipelines.v1"


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


@Language.factory("litmine_entities", default_config={"merge": True})
def make_entities(nlp: Language, name: str, merge: bool):
    """spaCy component: lexicon, family-pattern and protocol mentions as ``doc.ents``.

    Sets ``doc.ents`` (labels: litmine entity types; ``Span.kb_id_`` the concept id)
    and, with ``merge=True``, retokenizes each entity into one token, so that
    jieba's splits at hyphens and Greek letters ("TNF", "-", "α") are undone.
    Abbreviations defined in a document are resolved by :func:`litmine.nlp.tagger.tag`,
    which sees the whole document; this component sees one text at a time.
    """
    return _EntityComponent(merge)


class _EntityComponent:
    def __init__(self, merge: bool):
        self.merge = merge

    def __call__(self, doc: Doc) -> Doc:
        from ..types import Sentence
        from .lexicon import load_lexicon
        from .protocol import find_protocol_parts
        from .tagger import DocumentLexicon, tag_sentence

        sent = Sentence(0, 0, len(doc.text), doc.text, "zh")
        mentions = tag_sentence(sent, DocumentLexicon(load_lexicon(), []), find_protocol_parts)
        spans = []
        for m in mentions:
            if m.source == "protocol":
                continue
            span = doc.char_span(m.start, m.end, label=m.label, kb_id=m.concept_id, alignment_mode="expand")
            if span is not None and not any(span.start < o.end and o.start < span.end for o in spans):
                spans.append(span)
        doc.ents = spans
        if self.merge:
            with doc.retokenize() as retok:
                for span in doc.ents:
                    retok.merge(span)
        return doc


@functools.lru_cache(maxsize=1)
def chinese() -> Language:
    """The Chinese pipeline: jieba segmentation with litmine's user dictionary
    (loaded once, here), then ``litmine_entities``."""
    import jieba

    from .lexicon import jieba_dict_path

    jieba.setLogLevel(logging.WARNING)
    jieba.load_userdict(str(jieba_dict_path()))
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("litmine_entities")
    return nlp
