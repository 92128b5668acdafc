"""spaCy pipelines, built once per process.

* English: :mod:`litmine.nlp.english` (re-exported here): scispaCy's
  tokenizer and abbreviation detector, ``litmine_sentences``.
* Chinese: ``spacy.blank("zh")`` with the jieba segmenter, after jieba has loaded
  litmine's user dictionary (generated from ``models/lexicon.tsv`` by
  :func:`litmine.nlp.lexicon.write_jieba_dict`), so that 跑台运动, 小胶质细胞 or
  脑源性神经营养因子 stay one token. ``doc.text`` equals the input text, so
  offsets point into the original Chinese.

No trained model is loaded: nothing here needs a download.
"""
from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..types import Sentence
from .english import english, english_abbreviations, english_splitter, litmine_sentences  # noqa: F401 (re-exported)
from .lexicon import load_jieba, load_lexicon
from .protocol import find_protocol_parts
from .tagger import DocumentLexicon, tag_sentence

PIPELINE_VERSION = "litmine.pipelines.v1"


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
    load_jieba()
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"segmenter": "jieba"}}})
    nlp.add_pipe("litmine_entities")
    return nlp
