"""spaCy pipelines, built once per process, and the document-level tagger :func:`tag`.

* English: :mod:`litmine.nlp.english` (re-exported here): scispaCy's
  tokenizer and abbreviation detector, ``litmine_sentences``.
* Chinese (the one Chinese path, README, *The Chinese path*): :func:`chinese` is
  ``spacy.blank("zh")`` with the tokenizer ``litmine.rjieba_tokenizer.v1`` -- jieba's
  precise mode (rjieba, HMM off) with litmine's user dictionary, generated from the
  lexicon (:func:`litmine.nlp.lexicon.jieba_dict_path`), so 跑台运动, 小胶质细胞 or
  脑源性神经营养因子 are one word -- then the component ``litmine_entities``, which tags
  the sentence (:func:`litmine.nlp.tagger.tag_sentence`: the lexicon read character by
  character, family patterns, the document's abbreviations, protocol parts) and cuts
  jieba's words at every mention boundary (:func:`litmine.nlp.tokens.refine`), so each
  mention is a span of whole tokens. ``doc.text`` equals the input text, so offsets
  point into the original Chinese. Ingest (:func:`tag`) computes for every sentence with Han
  characters what this component computes -- the same words, mentions and refined tokens
  (:func:`tag_chinese_sentence`) -- without building the Doc and its spans, which ingest does
  not read (about 150 us a sentence); its mentions feed the relation stage, its tokens the search index.

No trained model is loaded: nothing here needs a download.
"""
from __future__ import annotations

import functools
import unicodedata
from bisect import bisect_left, bisect_right
from typing import Callable, Optional

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..types import Document, Mention, Sentence
from .english import english, english_abbreviations, english_splitter, litmine_sentences  # noqa: F401 (re-exported)
from .lexicon import Lexicon, load_lexicon, load_segmenter
from .protocol import find_protocol_parts
from .search_words import has_han
from .tagger import DocumentLexicon, find_abbreviation_defs, tag_sentence
from .tokens import ChineseTokens, offsets_of, refine

#: v2: Chinese sentences tokenized by the rjieba tokenizer, cut at mentions; search words from those tokens.
PIPELINE_VERSION = "litmine.pipelines.v2"

#: ``Doc.user_data`` keys of the Chinese pipeline: the :class:`~litmine.types.Sentence` a Doc
#: was made from (set by :func:`tag`; offsets of mentions are document offsets), the
#: mentions ``litmine_entities`` found (``list[Mention]``, both layers, protocol parts
#: included) and the sentence's :class:`~litmine.nlp.tokens.ChineseTokens`.
SENTENCE_KEY, MENTIONS_KEY, TOKENS_KEY = "litmine.sentence", "litmine.mentions", "litmine.tokens"
#: ``Doc.user_data`` key of the tokenizer's jieba words (``list[(start, end)]``, offsets into the text).
WORDS_KEY = "litmine.jieba_words"


def _nfkc_view(text: str) -> str:
    """``text`` read in NFKC (full-width ``ＴＮＦ－α`` reads ``TNF-α``, ``，`` reads ``,``), so jieba
    sees what the search index and queries read, as long as that keeps the length (each
    character one character, the usual case); else each character that NFKC maps to one
    character is replaced and the others kept, so offsets stay those of ``text``."""
    if text.isascii():
        return text
    n = unicodedata.normalize("NFKC", text)
    if len(n) == len(text):
        return n
    out = []
    for c in text:
        n = unicodedata.normalize("NFKC", c) if ord(c) > 127 else c
        out.append(n if len(n) == 1 else c)
    return "".join(out)


class RjiebaTokenizer:
    """spaCy tokenizer: jieba's precise words (rjieba, HMM off, litmine's user dictionary,
    :func:`litmine.nlp.lexicon.load_segmenter`) of the text read in per-character NFKC;
    ``doc.text == text``, one token per jieba word (a whitespace run is a token of its own,
    as jieba gives it; ``token.whitespace_`` is always empty). The words' ``(start, end)``
    offsets are kept as ``doc.user_data[WORDS_KEY]`` for ``litmine_entities``."""

    def __init__(self, vocab):
        self.vocab = vocab

    def __call__(self, text: str) -> Doc:
        view = _nfkc_view(text)
        words = load_segmenter().cut(view)
        spans = offsets_of(words)
        if view != text:  # the words as written, not as read
            words = [text[a:b] for a, b in spans]
        doc = Doc(self.vocab, words=words, spaces=[False] * len(words))
        doc.user_data[WORDS_KEY] = spans
        return doc


def jieba_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each word :class:`RjiebaTokenizer` makes of ``text`` (offsets into ``text``),
    without a Doc."""
    return offsets_of(load_segmenter().cut(_nfkc_view(text)))


def tag_chinese_sentence(sent: Sentence, lexicon: DocumentLexicon, protocol_finder: Callable,
                         words: Optional[list[tuple[int, int]]] = None) -> tuple[list[Mention], ChineseTokens]:
    """What ``litmine_entities`` computes for one sentence, without a spaCy Doc: the mentions
    (:func:`~litmine.nlp.tagger.tag_sentence`, document offsets) and the sentence's
    :class:`~litmine.nlp.tokens.ChineseTokens` -- jieba's words (``words``, default
    :func:`jieba_spans` of ``sent.text``) cut at every mention boundary (:func:`refine`)."""
    mentions = tag_sentence(sent, lexicon, protocol_finder)
    if words is None:
        words = jieba_spans(sent.text)
    spans, cut = refine(words, [x for m in mentions for x in (m.start - sent.start, m.end - sent.start)])
    return mentions, ChineseTokens(tuple(spans), tuple(cut))

    def to_bytes(self, **kwargs) -> bytes:  # nothing to save: the dictionary comes from the lexicon
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "RjiebaTokenizer":
        return self

    def to_disk(self, path, **kwargs) -> None:
        return None

    def from_disk(self, path, **kwargs) -> "RjiebaTokenizer":
        return self


@spacy.registry.tokenizers("litmine.rjieba_tokenizer.v1")
def make_rjieba_tokenizer():
    """Registered factory of :class:`RjiebaTokenizer` (``[nlp.tokenizer] @tokenizers = "litmine.rjieba_tokenizer.v1"``)."""
    return lambda nlp: RjiebaTokenizer(nlp.vocab)


@Language.factory("litmine_entities", default_config={"merge": False})
def make_entities(nlp: Language, name: str, merge: bool):
    """spaCy component: tag a Chinese Doc and cut its tokens at mention boundaries.

    Keyword arguments of a call (``nlp.pipe(..., component_cfg={"litmine_entities": {...}})``):
    ``lexicon`` (a :class:`~litmine.nlp.tagger.DocumentLexicon`, default the project lexicon
    without document abbreviations) and ``protocol_finder`` (default
    :func:`litmine.nlp.protocol.find_protocol_parts`). The Doc's sentence is
    ``doc.user_data[SENTENCE_KEY]`` when :func:`tag` set it, else the whole text (lang ``zh``).

    Returns a Doc (a new one when a jieba word had to be cut) with the same text, whose tokens
    are jieba's words cut at every mention start and end (:func:`litmine.nlp.tokens.refine`);
    ``doc.ents`` the lexicon, family-pattern and abbreviation mentions (labels: litmine entity
    types; ``Span.kb_id_`` the concept id); ``doc.spans["protocol"]`` the protocol parts (when there are any);
    ``doc.user_data[MENTIONS_KEY]`` all mentions (:class:`~litmine.types.Mention`, document
    offsets) and ``doc.user_data[TOKENS_KEY]`` the refined :class:`~litmine.nlp.tokens.ChineseTokens`.
    With ``merge=True`` each entity is then retokenized into one token ("TNF", "-", "α" ->
    "TNF-α"; the ``TOKENS_KEY`` tokens stay unmerged).
    """
    return _EntityComponent(merge)


class _EntityComponent:
    def __init__(self, merge: bool):
        self.merge = merge

    def pipe(self, docs, lexicon: Optional[DocumentLexicon] = None, protocol_finder: Optional[Callable] = None,
             batch_size: Optional[int] = None):
        """``self(doc, ...)`` for each of ``docs``, lazily (what ``nlp.pipe`` calls)."""
        for doc in docs:
            yield self(doc, lexicon, protocol_finder)

    def __call__(self, doc: Doc, lexicon: Optional[DocumentLexicon] = None,
                 protocol_finder: Optional[Callable] = None) -> Doc:
        sent = doc.user_data.get(SENTENCE_KEY)
        if sent is None:
            text = doc.text  # Doc.text joins the tokens: read once
            sent = Sentence(0, 0, len(text), text, "zh")
        dlex = lexicon if lexicon is not None else _plain_lexicon()
        words = doc.user_data.get(WORDS_KEY)
        if words is None or len(words) != len(doc):  # a Doc from another tokenizer
            words = offsets_of([t.text_with_ws for t in doc])
        mentions, tokens = tag_chinese_sentence(sent, dlex, protocol_finder or find_protocol_parts, words)
        spans, cut = tokens.spans, tokens.cut_words
        text = sent.text  # == doc.text
        if cut:  # a new Doc on the refined words (the common case keeps jieba's Doc)
            new = Doc(doc.vocab, words=[text[a:b] for a, b in spans], spaces=[False] * len(spans))
            new.user_data.update(doc.user_data)
            doc = new
        ends = [b for _, b in spans]
        ents, protocol = [], []
        for m in mentions:  # every mention starts and ends at token edges now
            a, b = m.start - sent.start, m.end - sent.start
            if 0 <= a < b <= len(text):
                (protocol if m.source == "protocol" else ents).append(Span(
                    doc, bisect_right(ends, a), bisect_left(ends, b) + 1, label=m.label, kb_id=m.concept_id))
        if doc.has_annotation("ENT_IOB"):
            doc.ents = ents
        else:  # a Doc without entities (the tokenizer's): only the entities' tokens need setting
            doc.set_ents(ents, default="unmodified")
        if protocol:
            doc.spans["protocol"] = protocol
        doc.user_data[MENTIONS_KEY] = mentions
        doc.user_data[TOKENS_KEY] = tokens
        if self.merge:
            with doc.retokenize() as retok:
                for span in doc.ents:
                    retok.merge(span)
        return doc


@functools.lru_cache(maxsize=1)
def _plain_lexicon() -> DocumentLexicon:
    return DocumentLexicon(load_lexicon(), [])


@functools.lru_cache(maxsize=1)
def chinese() -> Language:
    """The Chinese pipeline (built once per process): the ``litmine.rjieba_tokenizer.v1``
    tokenizer, then ``litmine_entities``. ``chinese()(text)`` tags ``text`` alone (no
    document abbreviations); :func:`tag` runs a document's sentences through it."""
    nlp = spacy.blank("zh", config={"nlp": {"tokenizer": {"@tokenizers": "litmine.rjieba_tokenizer.v1"}}})
    nlp.add_pipe("litmine_entities")
    return nlp


def tag(doc: Document, sentences: list[Sentence], *, lexicon: Lexicon | None = None,
        english_defs=None, protocol_finder=None) -> tuple[list[Mention], DocumentLexicon, dict[int, ChineseTokens]]:
    """Tag every sentence of a document.

    The document's abbreviation definitions (:func:`litmine.nlp.tagger.find_abbreviation_defs`;
    ``english_defs`` as there) make its :class:`~litmine.nlp.tagger.DocumentLexicon` (over
    ``lexicon``, default the project lexicon). Every sentence with Han characters is tagged and
    tokenized as :func:`chinese` does it (:func:`tag_chinese_sentence`: the same mentions and
    tokens, no Doc); the others are tagged by :func:`~litmine.nlp.tagger.tag_sentence`. Figure-label sentences are tagged
    too (they are not used for relations).

    Returns:
        ``(mentions, doc_lexicon, tokens)``: mentions in document order (offsets into
        ``doc.text``), the document lexicon with its abbreviation definitions, and
        ``{position of the sentence in sentences: ChineseTokens}`` for the sentences with Han
        characters (offsets into the sentence).
    """
    finder = protocol_finder or find_protocol_parts
    base = lexicon or load_lexicon()
    dlex = DocumentLexicon(base, find_abbreviation_defs(doc, sentences, english_defs))
    mentions: list[Mention] = []
    tokens: dict[int, ChineseTokens] = {}
    for i, s in enumerate(sentences):
        if has_han(s.text):  # what chinese() gives, without building its Doc and spans (ingest reads neither)
            found, tokens[i] = tag_chinese_sentence(s, dlex, finder)
            mentions.extend(found)
        else:
            mentions.extend(tag_sentence(s, dlex, finder))
    return mentions, dlex, tokens
