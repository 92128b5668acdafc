"""The tokens of a sentence with Han characters: jieba's words cut at mention boundaries.

litmine has one Chinese path (README, *The Chinese path*): a sentence with Han characters goes
through the spaCy pipeline :func:`litmine.nlp.pipelines.chinese` once. Its tokenizer is
jieba's precise mode with litmine's user dictionary (rjieba, HMM off:
:class:`litmine.nlp.lexicon.Segmenter`); its component ``litmine_entities`` tags the
sentence and then **refines** the segmentation (:func:`refine`): where a mention starts or
ends inside a jieba word, that word is cut there. The lexicon is matched against
characters, not against jieba's words, so no mention depends on jieba's choice among
segmentations (坐骨神经传导速度 may be cut 坐骨 | 神经传导速度, 机械痛阈值 机械 | 痛阈值,
and the mentions 坐骨神经, 机械痛阈 are still found); after refinement every mention is a
run of whole tokens. The result, :class:`ChineseTokens`, is what the full-text search
column (:func:`litmine.nlp.search_words.token_index_words`) reads, so a sentence is
segmented once; the relation stage reads the same mentions.

Offsets here are into the sentence text (0 = its first character).
"""
from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass
from itertools import accumulate
from typing import Iterable, Sequence

__all__ = ["ChineseTokens", "offsets_of", "refine"]


def offsets_of(words: Sequence[str]) -> list[tuple[int, int]]:
    """``(start, end)`` of each of consecutive ``words`` (``"".join(words)`` is the text)."""
    ends = list(accumulate(map(len, words)))
    return list(zip([0, *ends], ends))


def refine(spans: Sequence[tuple[int, int]], cuts: Iterable[int]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """Cut the consecutive ``spans`` (jieba's words, as offsets) at every offset of ``cuts`` that
    falls strictly inside one of them (mention starts and ends; other offsets are ignored).

    Returns ``(tokens, cut_words)``: the refined spans, consecutive and covering the same
    characters, and the original spans that were cut (in order). Example: spans of
    ``["机械", "痛阈值"]`` = ``[(0, 2), (2, 5)]`` cut at ``{0, 4}`` give
    ``([(0, 2), (2, 4), (4, 5)], [(2, 5)])``.
    """
    if not spans:
        return [], []
    ends = [b for _, b in spans]
    lo, hi = spans[0][0], ends[-1]
    points = sorted({p for p in cuts if lo < p < hi and ends[bisect_left(ends, p)] != p})
    if not points:  # the common case: every mention already starts and ends at word edges
        return list(spans), []
    tokens: list[tuple[int, int]] = []
    cut_words: list[tuple[int, int]] = []
    k = 0
    for a, b in spans:
        while k < len(points) and points[k] <= a:
            k += 1
        inner = []
        while k < len(points) and points[k] < b:
            inner.append(points[k])
            k += 1
        if not inner:
            tokens.append((a, b))
            continue
        cut_words.append((a, b))
        edges = [a, *inner, b]
        tokens.extend(zip(edges, edges[1:]))
    return tokens, cut_words


@dataclass(frozen=True)
class ChineseTokens:
    """The tokens of one sentence with Han characters (offsets into the sentence text).

    Attributes:
        spans: ``(start, end)`` of each token, consecutive, covering the whole sentence
            (whitespace runs are tokens of their own): jieba's words cut at every mention
            boundary (:func:`refine`), so each mention of the sentence is a run of whole tokens.
        cut_words: jieba's words that the refinement cut, as ``(start, end)`` (the search
            index also keeps them whole, see :func:`litmine.nlp.search_words.token_index_words`).
    """

    spans: tuple[tuple[int, int], ...]
    cut_words: tuple[tuple[int, int], ...] = ()

    def words(self, text: str) -> list[str]:
        """The token strings of sentence ``text`` (``"".join(...) == text``)."""
        return [text[a:b] for a, b in self.spans]

    def is_boundary(self, offset: int) -> bool:
        """Does a token start or end at ``offset`` (sentence offset)?"""
        return offset == 0 or any(offset in (a, b) for a, b in self.spans)
