"""Read plain-text files (``.txt``, ``.md``) whatever their encoding.

Chinese literature arrives in many encodings: UTF-8 (with or without BOM),
UTF-16 from Windows tools, GB18030/GBK from mainland databases (CNKI, Wanfang
exports), Big5 from Taiwan and Hong Kong. Generic detectors guess badly on short
Chinese text (GBK bytes are valid Big5 and the other way round), so decoding
tries, in order:

1. a byte-order mark (UTF-8, UTF-16 LE/BE, UTF-32 LE/BE);
2. UTF-16 without a BOM when NUL bytes sit on one byte parity (ASCII in UTF-16);
3. strict UTF-8;
4. strict GB18030, kept only if most double-byte characters are common
   GB2312 hanzi/punctuation (recorded as ``gbk`` when plain GBK decodes it too);
5. strict Big5 (then CP950), kept only if most characters are common Big5 hanzi;
6. UTF-8 with a few stray Windows-1252 bytes (a file pasted together from a UTF-8
   and a Windows source): valid UTF-8 sequences are kept, each byte that is not
   UTF-8 is read as CP1252, and the reader warns how many bytes that was;
7. Windows-1252 for text that is mostly ASCII (English with a few accented letters,
   curly quotes or a micro sign): single-byte detectors tie dozens of codepages
   on so few bytes (``TNF-\xe9`` reads as Greek, Hebrew or Arabic equally well),
   and CP1252 is the codepage Western Windows tools write;
8. charset-normalizer's best ASCII-compatible guess (other encodings).

Stray NUL bytes in otherwise single-byte or UTF-8 text (trailing padding, or at most one in
1,000 bytes) are dropped first, with a warning; more NULs than that is binary data.

Decoded text has its newlines normalised to ``"\\n"`` and is otherwise left as
it is: cleaning is another module's job. Libraries: :mod:`codecs` (stdlib) and
``charset-normalizer``.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from pathlib import Path
from typing import Optional, Union

from charset_normalizer import from_bytes

from litmine.errors import InputError
from litmine.io.files import read_bytes
from litmine.types import RawDocument

ENCODING_HINT = "pass --encoding gb18030 (or the file's encoding)"
#: The ``RawDocument.encoding`` of a UTF-8 file with stray Windows-1252 bytes (step 6).
MIXED_UTF8 = "utf-8+cp1252"

_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Share of decoded characters that may be control characters before the data
# is called binary; share of "common" CJK characters a GB/Big5 decode needs.
_MAX_CONTROL_SHARE = 0.02
_MIN_COMMON_SHARE = 0.8
# charset-normalizer's "chaos" (mess) limit: its default 0.2 lets gibberish through.
_MAX_CHAOS = 0.1
# charset-normalizer often ties Western codepages; prefer the usual ones.
_PREFERRED_SINGLE_BYTE = ("cp1252", "latin_1", "iso8859_15")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")   # Cc minus \t\n\v\f\r
_NON_ASCII = re.compile("[^\x00-\x7f]")
_MAGIC = ((b"%PDF", "it looks like a PDF: give it a .pdf suffix"),
          (b"PK\x03\x04", "it looks like a ZIP/Office file: export it as text or PDF"),
          (b"\x89PNG", "it looks like a PNG image"),
          (b"\xff\xd8\xff", "it looks like a JPEG image"))


def read_text_file(path: Union[str, Path], *, encoding: Optional[str] = None,
                   max_bytes: Optional[int] = None) -> RawDocument:
    """Read a text file into a :class:`RawDocument`.

    Args:
        path: the ``.txt``/``.md`` file (a regular file: FIFOs, devices and
            sockets are refused before anything opens them).
        encoding: a Python codec name to use strictly instead of detection
            (a leading BOM is dropped either way).
        max_bytes: the largest file accepted, in bytes (``None``: no limit);
            checked on the size on disk before reading, and while reading.

    Returns:
        ``RawDocument`` with ``format="txt"``, the codec used in ``encoding``
        (``utf-8``, ``utf-8-sig``, ``utf-16-le``, ``gbk``, ``gb18030``, ``big5``...),
        and ``"\\n"`` newlines.

    Raises:
        InputError: missing/unreadable or non-regular file, empty or whitespace-only file,
            binary data (or a file that starts as a PDF, ZIP/Office file, PNG or JPEG does), an unknown ``encoding``, bytes the given ``encoding``
            cannot decode, or bytes no supported encoding decodes.
        LimitError: the file is larger than ``max_bytes``.
    """
    data, sha256 = read_bytes(path, max_bytes, what="text file")
    if not data:
        raise InputError(path, "empty file", "the file has 0 bytes")
    if any(data.startswith(magic) for magic, _ in _MAGIC):
        # a PDF, Office file or image read as text: said at once, not as an encoding no codec decodes
        raise InputError(path, "binary data, not text", _binary_hint(data))
    warnings = []
    if encoding:
        text, used = _decode_as(path, data, encoding), _canonical(path, encoding)
        utf8 = None if b"\x00" in data else (_try_utf8(data) or (None,))[0]  # NULs: UTF-16 text, not UTF-8
        if utf8 is not None and used not in ("utf-8", "utf-8-sig", "ascii") and utf8.lstrip("\ufeff") != text.lstrip("\ufeff"):
            try:
                _check_not_binary(path, data, text)
            except InputError:
                raise InputError(path, f"not text when read as {encoding} (it reads as UTF-8)",
                                 "leave --encoding out to detect the encoding") from None
            warnings.append(f"the file is valid UTF-8 but was read as {encoding}, as --encoding asks: "
                            "check the stored text (leave --encoding out to detect the encoding)")
    else:
        data, nuls = _drop_stray_nuls(data)
        if nuls:
            warnings.append(f"{nuls} NUL byte{'s' if nuls > 1 else ''} removed (stray or padding bytes in a text file)")
        text, used = _detect_and_decode(path, data)
        if used == MIXED_UTF8:
            warnings.append("the file is UTF-8 with some bytes that are not (read as Windows-1252): "
                            "check the stored text, or pass --encoding")
    text = text[1:] if text.startswith("\ufeff") else text
    _check_not_binary(path, data, text)
    if not text.strip():
        raise InputError(path, "empty file", "it contains only whitespace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return RawDocument(path=str(path), text=text, format="txt",
                       sha256=sha256, encoding=used, warnings=warnings)


def _canonical(path, encoding: str) -> str:
    """The codec's canonical name (``"GBK"`` -> ``"gbk"``); InputError if unknown."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise InputError(path, f"unknown encoding {encoding!r}",
                         "use a Python codec name such as utf-8, gb18030, big5, utf-16") from None


def _decode_as(path, data: bytes, encoding: str) -> str:
    """Decode strictly with the user's ``encoding``; InputError naming the bad byte."""
    name = _canonical(path, encoding)
    if name == "utf-8" and data.startswith(codecs.BOM_UTF8):
        name = "utf-8-sig"
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise InputError(
            path, f"cannot be decoded as {encoding} (invalid byte at offset {exc.start})",
            "check the file's encoding, or leave --encoding out to detect it") from None


def _detect_and_decode(path, data: bytes) -> tuple[str, str]:
    """Run the detection cascade (see module docstring); returns (text, codec)."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return _strict(path, data[len(bom):], name), name
    if b"\x00" in data:
        name = _utf16_guess(data)
        if name is None:
            raise InputError(path, "binary data, not text", _binary_hint(data))
        return _strict(path, data, name), name
    for attempt in (_try_utf8, _try_gb, _try_big5, _try_utf8_with_cp1252, _try_cp1252_ascii,
                    _try_charset_normalizer):
        found = attempt(data)
        if found is not None:
            return found
    raise InputError(path, "cannot detect the text encoding", ENCODING_HINT)


def _strict(path, data: bytes, name: str) -> str:
    """Decode ``data`` with ``name`` or raise an InputError (a BOM/NUL pattern lied)."""
    try:
        return data.decode(name)
    except UnicodeDecodeError as exc:
        raise InputError(path, f"invalid {name} data at offset {exc.start}", ENCODING_HINT) from None


#: At most one NUL byte per this many bytes (after trailing NUL padding is cut) is read as stray
#: bytes in a text file and dropped; more is binary data (or UTF-16, told apart first).
STRAY_NUL_EVERY = 1000


def _drop_stray_nuls(data: bytes) -> tuple[bytes, int]:
    """``data`` without its NUL bytes and how many were removed, when they are stray: trailing
    padding (a file copied into a preallocated block, a truncated download) or at most one in
    :data:`STRAY_NUL_EVERY` bytes (text tools' and PDF extractors' stray bytes); otherwise
    ``(data, 0)`` unchanged. Data with a byte-order mark or UTF-16's NUL pattern is left alone."""
    if b"\x00" not in data or any(data.startswith(bom) for bom, _ in _BOMS) or _utf16_guess(data):
        return data, 0
    body = data.rstrip(b"\x00")
    inner = body.count(0)
    if inner > len(body) // STRAY_NUL_EVERY and inner > 1:
        return data, 0
    return body.replace(b"\x00", b""), len(data) - len(body) + inner


def _utf16_guess(data: bytes) -> Optional[str]:
    """``utf-16-le``/``-be`` when NULs cluster on odd/even bytes, else None.

    ASCII characters in UTF-16 have a zero high byte: at odd offsets in LE,
    at even offsets in BE. Binary data has NULs everywhere or nowhere in particular.
    """
    if len(data) % 2:
        return None
    even = data[0::2].count(0)
    odd = data[1::2].count(0)
    half = len(data) // 2
    if odd >= 0.1 * half and even <= 0.02 * odd:
        return "utf-16-le"
    if even >= 0.1 * half and odd <= 0.02 * even:
        return "utf-16-be"
    return None


def _try_utf8(data: bytes) -> Optional[tuple[str, str]]:
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return None


def _cp1252_byte(exc: UnicodeDecodeError) -> tuple[str, int]:
    """``codecs`` error handler: the offending bytes read as CP1252 (undefined ones as U+FFFD)."""
    bad = exc.object[exc.start:exc.end]
    return bad.decode("cp1252", errors="replace"), exc.end


codecs.register_error("litmine-cp1252", _cp1252_byte)


_HIGH_BYTES = bytes(range(0x80, 0x100))


def _count_non_ascii(data: bytes) -> int:
    """Number of bytes above 0x7F."""
    return len(data) - len(data.translate(None, _HIGH_BYTES))


def _try_utf8_with_cp1252(data: bytes) -> Optional[tuple[str, str]]:
    """UTF-8 with stray CP1252 bytes: at least one valid multi-byte UTF-8 sequence, and
    the bytes that are not UTF-8 at most 1% of the non-ASCII bytes or 8 bytes, whichever is more.
    """
    strict = data.decode("utf-8", errors="ignore")
    valid_wide = sum(1 for ch in strict if ord(ch) > 0x7F)
    if not valid_wide:
        return None
    non_ascii = _count_non_ascii(data)
    stray = non_ascii - sum(len(ch.encode("utf-8")) for ch in strict if ord(ch) > 0x7F)
    if stray > max(8, non_ascii // 100):
        return None
    return data.decode("utf-8", errors="litmine-cp1252"), MIXED_UTF8


def _try_cp1252_ascii(data: bytes) -> Optional[tuple[str, str]]:
    """Strict CP1252 when at least 95% of the bytes are ASCII (five bytes CP1252 leaves undefined fail)."""
    non_ascii = _count_non_ascii(data)
    if non_ascii > 0.05 * len(data):
        return None
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return text, "cp1252"


def _try_gb(data: bytes) -> Optional[tuple[str, str]]:
    """Strict GB18030 if the result reads like simplified Chinese (see _gb_common)."""
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        return None
    if not _mostly_common(text, "gb18030", _gb_common):
        return None
    try:
        if data.decode("gbk") == text:
            return text, "gbk"
    except UnicodeDecodeError:
        pass
    return text, "gb18030"


def _try_big5(data: bytes) -> Optional[tuple[str, str]]:
    """Strict Big5, then CP950 (Big5 plus Microsoft's extensions), if plausible."""
    for name in ("big5", "cp950"):
        try:
            text = data.decode(name)
        except UnicodeDecodeError:
            continue
        if _mostly_common(text, name, _big5_common):
            return text, name
    return None


def _mostly_common(text: str, codec: str, is_common) -> bool:
    """True if at least 80% of the non-ASCII characters encode to "common" byte pairs.

    A misread file (Big5 bytes read as GBK, or the reverse) decodes without error
    but lands on kana, box drawings, private-use or rare characters.
    """
    wide = _NON_ASCII.findall(text, 0, 200_000)   # a sample is enough for big files
    if not wide or any(unicodedata.category(ch) in ("Co", "Cn", "Cc") for ch in wide):
        return False
    common = sum(1 for ch in wide if is_common(ch.encode(codec)))
    return common >= _MIN_COMMON_SHARE * len(wide)


def _gb_common(raw: bytes) -> bool:
    """GB2312 punctuation/full-width/Greek rows (A1-A3, A6) or hanzi rows (B0-F7)."""
    if len(raw) != 2 or raw[1] < 0xA1:
        return False
    lead = raw[0]
    return lead in (0xA1, 0xA2, 0xA3, 0xA6) or 0xB0 <= lead <= 0xF7


def _big5_common(raw: bytes) -> bool:
    """Big5 symbols (A1-A3) or frequently used hanzi (A440-C67E)."""
    return len(raw) == 2 and 0xA1 <= raw[0] <= 0xC6


def _try_charset_normalizer(data: bytes) -> Optional[tuple[str, str]]:
    """charset-normalizer's best ASCII-compatible guess (EBCDIC & co. are dropped).

    Guesses messier than ``_MAX_CHAOS`` are refused; among equally good
    guesses the common Western codepages win.
    """
    results = [r for r in from_bytes(data, threshold=_MAX_CHAOS) if _ascii_compatible(r.encoding)]
    if not results:
        return None
    best_chaos = min(r.chaos for r in results)
    tied = [r for r in results if r.chaos <= best_chaos + 0.005]
    for name in _PREFERRED_SINGLE_BYTE:
        for r in tied:
            if r.encoding == name:
                return str(r), name
    return str(tied[0]), tied[0].encoding


def _ascii_compatible(name: str) -> bool:
    """True if the codec decodes printable ASCII to itself (excludes EBCDIC, UTF-16...)."""
    probe = b"Abc 123 (x=y).\n"
    try:
        return probe.decode(name) == probe.decode("ascii")
    except (UnicodeDecodeError, LookupError):
        return False


def _check_not_binary(path, data: bytes, text: str) -> None:
    """InputError if more than 2% of the characters are control characters."""
    controls = len(_CONTROL.findall(text))
    if controls and controls > _MAX_CONTROL_SHARE * len(text):
        raise InputError(path, "binary data, not text", _binary_hint(data))


def _binary_hint(data: bytes) -> str:
    """What the bytes look like, when a magic number says so."""
    for magic, hint in _MAGIC:
        if data.startswith(magic):
            return hint
    return "litmine reads text (.txt, .md), PDF, saved web pages (.html) and search exports"
