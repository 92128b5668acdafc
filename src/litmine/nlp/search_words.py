"""Words of a sentence for the full-text search index, and of a search term.

SQLite's FTS5 tokenizers cannot find Chinese words: ``unicode61`` makes a whole
run of Han characters one token (运动 is not found in 跑台运动降低了炎症) and
``trigram`` needs three characters (运动, 炎症 are two). So every sentence that
holds Han characters also stores its jieba segmentation as plain text, words
joined by single spaces (``sentences.words``); FTS5's ``unicode61`` then reads
each word as one token, and any standard SQLite build can search it.

* :func:`index_words`: jieba's precise segmentation with litmine's user
  dictionary (:func:`litmine.nlp.lexicon.load_segmenter`: jieba-rs, which cuts
  as jieba does, see :class:`~litmine.nlp.lexicon.Segmenter`; HMM off so that the same
  characters segment the same way in a sentence and in a query), each word
  followed by its dictionary sub-words -- jieba's search mode
  (``cut_for_search``), extended from its 2- and 3-character sub-words to
  sub-words of any length, so 小胶质细胞活化 is also found by 小胶质细胞,
  胶质细胞, 胶质 and 细胞, and 跑台运动 by 跑台 and 运动.
* :func:`token_index_words`: the same from the sentence's tokens as ingest made them
  (:class:`~litmine.nlp.tokens.ChineseTokens`: jieba's words cut at mention boundaries), so
  ingest segments a sentence once; a jieba word the refinement cut (机械 | 痛阈 | 值 from
  机械 | 痛阈值) is listed whole after its pieces, so the words are a superset of
  :func:`index_words`' and every term found before is found still.
* :func:`term_words`: the precise words of a search term (跑台运动训练 ->
  跑台运动, 训练); each must be one of a sentence's words or sub-words.
* :func:`word_pieces`: a query word as the smaller dictionary words a stored sentence may
  hold instead of it. A word jieba keeps whole in a short query is often cut in a sentence:
  by jieba's own choice in context (坐骨 | 神经传导速度) or by the refinement at a mention
  boundary (机械 | 痛阈 | 值 around the mention 机械痛阈), so 机械痛阈 is not among that
  sentence's words; the search also tries the pieces as consecutive words (an FTS5 phrase).

Tokens without a letter or digit (punctuation, spaces) are dropped. Latin
words inside Chinese text (TNF, IL-6) are kept as jieba gives them.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from .lexicon import load_segmenter
from .tokens import ChineseTokens

__all__ = ["has_han", "index_words", "term_words", "token_index_words", "word_pieces"]

_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"\w")
#: Longest precise word whose sub-words are listed (longer runs are jieba's
#: unknown stretches; their sub-words would grow quadratically).
MAX_COMPOUND = 12


def has_han(text: str) -> bool:
    """Whether ``text`` holds a Han (Chinese) character."""
    return _HAN.search(text) is not None


def _compound(word: str) -> bool:
    """Whether ``word`` may hold dictionary words: 3 to :data:`MAX_COMPOUND` characters, Han among them."""
    return 3 <= len(word) <= MAX_COMPOUND and has_han(word)


def _subwords(word: str, is_word) -> list[str]:
    """Dictionary words strictly inside ``word`` (2 characters or more), by start then length;
    ``is_word`` is a ``str -> bool`` dictionary look-up."""
    n = len(word)
    if not _compound(word):
        return []
    return [word[i:j] for i in range(n) for j in range(i + 2, n + 1)
            if (j - i) < n and is_word(word[i:j])]


def index_words(text: str) -> Optional[str]:
    """The searchable words of a sentence with Han characters, space-joined:
    each precise jieba word followed by its dictionary sub-words (see module
    docstring), read in NFKC (full-width ``ＴＮＦ－α`` is ``TNF-α``, as queries are
    read); ``None`` for a sentence without Han characters (FTS5 reads those from the
    sentence text itself).

    Example: ``index_words("跑台运动降低了炎症反应")`` ->
    ``"跑台运动 跑台 运动 降低 了 炎症反应 炎症 反应"``.
    """
    if not has_han(text):
        return None
    seg = load_segmenter()
    out = []
    for w in seg.cut(unicodedata.normalize("NFKC", text)):
        if _WORD.search(w):
            out.append(w)
            out.extend(_subwords(w, seg.is_word))
    return " ".join(out)


def token_index_words(text: str, tokens: ChineseTokens) -> Optional[str]:
    """The searchable words of sentence ``text`` from its ingest tokens, space-joined: each token
    (read in NFKC), and after the last piece of a jieba word the refinement cut, that word
    whole; each followed by its dictionary sub-words (as :func:`index_words`). ``None`` for a
    sentence without Han characters.

    Example: tokens 机械 | 痛阈 | 值 | 降低 (jieba: 机械 | 痛阈值 | 降低, the mention 机械痛阈) ->
    ``"机械 痛阈 值 痛阈值 痛阈 阈值 降低"``.
    """
    if not has_han(text):
        return None
    seg = load_segmenter()
    whole = {b: (a, b) for a, b in tokens.cut_words}
    norm = unicodedata.normalize("NFKC", text)
    piece = (lambda a, b: norm[a:b]) if len(norm) == len(text) else \
        (lambda a, b: unicodedata.normalize("NFKC", text[a:b]))  # offsets hold in the NFKC text, else per token
    out: list[str] = []

    def emit(w: str) -> None:
        if _WORD.search(w):
            out.append(w)
            out.extend(_subwords(w, seg.is_word))

    for a, b in tokens.spans:
        emit(piece(a, b))
        if b in whole:
            emit(piece(whole[b][0], b))
    return " ".join(out)


def jieba_words(text: str) -> list[str]:
    """The precise jieba words of ``text`` with letters or digits, Latin text too: the form a
    Latin name takes in the words column of a Chinese sentence (``"IL-1β"`` -> ``["IL", "1", "β"]``)."""
    return [w for w in load_segmenter().cut(text) if _WORD.search(w)]


def term_words(text: str) -> list[str]:
    """The precise jieba words of a search term (letters or digits only kept),
    e.g. ``"跑台运动训练"`` -> ``["跑台运动", "训练"]``; a term without Han
    characters is split at spaces only (FTS5's tokenizer does the rest)."""
    if not has_han(text):
        return text.split()
    return jieba_words(text)


def word_pieces(word: str) -> list[str]:
    """``word`` cut into the dictionary words inside it, longest first from the left (a
    character no dictionary word inside ``word`` starts with is a piece of its own): the
    form a stored sentence may give a word that the query keeps whole (see the module
    docstring). ``[word]`` for a word of fewer than 3 characters, one without Han
    characters, one longer than :data:`MAX_COMPOUND`, or one with no dictionary word inside.

    Example: ``word_pieces("机械痛阈")`` -> ``["机械", "痛阈"]``; ``word_pieces("坐骨神经")`` ->
    ``["坐骨", "神经"]``.
    """
    if not _compound(word):
        return [word]
    n = len(word)
    is_word = load_segmenter().is_word
    pieces, i = [], 0
    while i < n:
        j = next((j for j in range(n if i else n - 1, i + 1, -1) if is_word(word[i:j])), i + 1)
        pieces.append(word[i:j])
        i = j
    return pieces if len(pieces) > 1 and any(len(p) > 1 for p in pieces) else [word]
