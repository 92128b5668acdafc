"""The NLP stages' result for one document: :class:`ProcessedDocument`.

It lives in ``nlp`` (not in the orchestrator, :mod:`litmine.pipeline`) so that
the layers above -- ``store/rows.py`` turning it into rows, the API -- can
name it without importing upward.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Optional

from ..types import Document, Mention, Reference, Relation, Sentence, Study
from .tagger import DocumentLexicon
from .tokens import ChineseTokens


@dataclass
class ProcessedDocument:
    """Everything litmine extracted from one document (plain data, offsets into ``document.text``).

    Attributes:
        document: the cleaned document.
        sentences: in document order (``Sentence.index`` 0, 1, ...).
        mentions: in document order; ``Mention.sentence`` is a sentence index.
        relations: ``Relation.sentence`` is a sentence index.
        doc_lexicon: the lexicon with the document's own abbreviation
            definitions (resolves each mention's ``concept_id``).
        versions: ``{"pipeline": ..., "lexicon": ...}`` stored with the document.
        references: the numbered entries of the document's reference list
            (:func:`litmine.text.references.parse_references`; empty without one).
        studies: the studies it reports (:func:`litmine.nlp.studies.document_studies`):
            study-table rows, cited studies, its own study.
        tokens: ``{position in sentences: ChineseTokens}`` for each sentence with Han
            characters, made by the Chinese pipeline (:func:`litmine.nlp.pipelines.tag`):
            jieba's words cut at mention boundaries, read by the search index.
    """

    document: Document
    sentences: list[Sentence]
    mentions: list[Mention]
    relations: list[Relation]
    doc_lexicon: Optional[DocumentLexicon] = None
    versions: dict = field(default_factory=dict)
    references: list[Reference] = field(default_factory=list)
    studies: list[Study] = field(default_factory=list)
    tokens: dict[int, ChineseTokens] = field(default_factory=dict)
