"""Language of a block or sentence: ``zh``, ``en`` or ``mixed``.

Rule (litmine): count CJK ideographs and Latin letters. Chinese scientific
prose embeds many English abbreviations (TNF-α, SNI, BDNF), so a text is
``zh`` when ideographs are at least 30% of its letters, ``en`` when there are
(almost) no ideographs, and ``mixed`` when both scripts carry real words (an
English phrase of several words inside Chinese text, or vice versa).
"""
from __future__ import annotations

import re

_CJK_RE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN_WORD_RE = re.compile(r"[A-Za-z]{4,}")
_LATIN_LETTER_RE = re.compile(r"[A-Za-z]")


def detect_lang(text: str) -> str:
    """Return ``"zh"``, ``"en"`` or ``"mixed"`` for ``text`` (any length; ``"en"`` if empty)."""
    cjk = len(_CJK_RE.findall(text))
    if cjk == 0:
        return "en"
    latin = len(_LATIN_LETTER_RE.findall(text))
    if latin == 0:
        return "zh"
    share = cjk / (cjk + latin / 2)  # ~2 Latin letters carry what one ideograph does
    long_words = len(_LATIN_WORD_RE.findall(text))
    if share >= 0.5 and long_words < 0.15 * cjk + 3:
        return "zh"
    if share < 0.1:
        return "en"
    return "mixed"
