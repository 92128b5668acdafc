"""Chinese script: Traditional Chinese text converted to Simplified so that one lexicon and one cue grammar read both.

Papers from Taiwan and Hong Kong, and many web copies of mainland papers, are in Traditional characters
(運動, 鎮痛, 脊髓損傷). litmine's lexicon, jieba dictionary and relation cues are written in Simplified
characters, so a Traditional document is converted in the cleaning stage, character for character
(offsets are kept: the converted text has the same length), with OpenCC's ``t2s`` tables
(Open Chinese Convert, https://github.com/BYVoid/OpenCC). Simplified text is left as it is.
"""
from __future__ import annotations

import functools
import re

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")

#: Share of CJK characters that must change under t2s for a text to count as Traditional. Simplified text
#: changes in well under 1% of its characters (variants such as 乾/干 in names); Traditional in 20-40%.
TRADITIONAL_SHARE = 0.05


@functools.lru_cache(maxsize=1)
def _converter():
    import opencc  # imported on first use: most documents never need it
    return opencc.OpenCC("t2s")


def traditional_share(text: str, sample: int = 20000) -> float:
    """Share (0-1) of the CJK characters in the first ``sample`` characters of ``text`` that t2s changes;
    0.0 for text without CJK characters."""
    cjk = "".join(_CJK.findall(text[:sample]))
    if not cjk:
        return 0.0
    out = _converter().convert(cjk)
    if len(out) != len(cjk):
        return 1.0 if out != cjk else 0.0
    return sum(a != b for a, b in zip(cjk, out)) / len(cjk)


def to_simplified(text: str) -> tuple[str, bool]:
    """``(text, converted)``: ``text`` in Simplified characters when it is Traditional Chinese
    (:func:`traditional_share` at least :data:`TRADITIONAL_SHARE`), else unchanged with ``converted=False``.

    The result always has the length of the input, so offsets into it are offsets into the source: OpenCC's
    phrase tables are used where they keep the length of a line, its character tables otherwise.
    """
    if not _CJK.search(text) or traditional_share(text) < TRADITIONAL_SHARE:
        return text, False
    conv = _converter()
    lines = []
    for line in text.split("\n"):
        out = conv.convert(line)
        if len(out) != len(line):
            out = "".join(c2 if len(c2 := conv.convert(c)) == 1 else c for c in line)
        lines.append(out)
    return "\n".join(lines), True
