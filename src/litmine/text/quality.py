"""Signs that a document's text is damaged: a one-line low-quality warning.

A reader can decode a file without error and still hand over text that is
partly garbage; litmine then finds fewer mentions and relations, silently.
:func:`quality_warning` counts the usual signs, each a family of faults met
in public bug reports of text extractors and decoders:

* replacement characters U+FFFD (bytes a decoder could not map, glyphs a PDF
  extractor could not map to Unicode);
* mojibake: UTF-8 bytes decoded as Latin-1/cp1252 (``"Ã©"`` for ``"é"``,
  ``"â€™"`` for ``"’"``, ``"Î±"`` for ``"α"``, ``"è¿\\x90å\\x8a¨"`` for ``"运动"``),
  the pattern ftfy (python-ftfy) looks for: a Latin-1 letter in U+00C2-U+00F4
  (a UTF-8 lead byte) followed by a character that is a UTF-8 continuation
  byte in Latin-1 (U+0080-U+00BF) or in cp1252 (the curly quotes, ``€``, ``™``...);
* ``锟斤拷``: U+FFFD written as UTF-8 and read back as GBK (Chinese tools);
* private-use characters U+E000-U+F8FF: PDF glyphs without a Unicode mapping;
* ``(cid:123)`` markers some PDF extractors print for unmapped glyphs.

The counts are linear in the text's length; nothing here changes the text.
"""
from __future__ import annotations

import re

#: cp1252 characters that stand for bytes 0x80-0x9F (UTF-8 continuation bytes).
_CP1252_CONT = "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•˜™š›œžŸ"
MOJIBAKE_RE = re.compile(f"[\u00c2-\u00f4][\u0080-\u00bf{_CP1252_CONT}]")
_GBK_FFFD = "锟斤拷"
_PRIVATE_USE_RE = re.compile("[\ue000-\uf8ff]")
_CID_RE = re.compile(r"\(cid:\d+\)")

#: How many mojibake pairs or private-use characters are tolerated before a
#: warning (a name such as "Â±" or one icon glyph can be genuine); any U+FFFD,
#: 锟斤拷 or (cid:N) is reported.
MIN_MOJIBAKE = 2
MIN_PRIVATE_USE = 3

LOW_QUALITY = "low text quality"


def quality_counts(text: str) -> dict[str, int]:
    """Counts of damage signs in ``text``.

    Returns:
        ``{"replacement": n, "mojibake": n, "gbk_replacement": n,
        "private_use": n, "cid": n}`` (occurrences; ``gbk_replacement``
        counts ``锟斤拷`` runs, ``mojibake`` character pairs).
    """
    return {
        "replacement": text.count("\ufffd"),
        "mojibake": len(MOJIBAKE_RE.findall(text)),
        "gbk_replacement": text.count(_GBK_FFFD),
        "private_use": len(_PRIVATE_USE_RE.findall(text)),
        "cid": len(_CID_RE.findall(text)),
    }


def quality_warning(text: str, fmt: str = "txt") -> str | None:
    """One-line warning naming the damage found in ``text``, or ``None``; what to check depends on
    where the text came from (``fmt``, the document's format): a PDF's text layer (no encoding
    option changes it: OCR of the pages does), else the file's encoding (``--encoding``).

    Example: ``"low text quality: 3 replacement characters (U+FFFD), 5 mojibake
    sequences such as 'Ã©' (UTF-8 read as Latin-1) (check the file's encoding: --encoding;
    fewer findings are likely)"``.
    """
    c = quality_counts(text)
    parts = []
    if c["replacement"]:
        parts.append(_plural(c["replacement"], "replacement character") + " (U+FFFD)")
    if c["gbk_replacement"]:
        parts.append(_plural(c["gbk_replacement"], "'锟斤拷' sequence") + " (U+FFFD read as GBK)")
    if c["mojibake"] >= MIN_MOJIBAKE:
        example = MOJIBAKE_RE.search(text).group(0)
        parts.append(_plural(c["mojibake"], "mojibake sequence") + f" such as {example!r} (UTF-8 read as Latin-1)")
    if c["private_use"] >= MIN_PRIVATE_USE:
        parts.append(_plural(c["private_use"], "private-use character") + " (unmapped PDF glyphs)")
    if c["cid"]:
        parts.append(_plural(c["cid"], "'(cid:N)' glyph marker"))
    if not parts:
        return None
    check = ("the PDF's text layer maps some glyphs to no character (--encoding cannot help; OCR of the pages "
             "may, e.g. ocrmypdf --force-ocr)" if fmt == "pdf" else "check the file's encoding: --encoding")
    return f"{LOW_QUALITY}: " + ", ".join(parts) + f" ({check}; fewer findings are likely)"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"
