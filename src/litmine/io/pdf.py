"""Read PDFs through their text layer, in reading order, with pypdfium2 (PDFium).

Why PDFium: it is fast (a few milliseconds per page, against ~0.2-0.3 s/page for
pdfplumber/pdfminer), permissively licensed (Apache-2.0/BSD-3), and repairs
damaged files the way browsers do.

Layout, per page:

1. Characters come from PDFium's text page with their (loose, font-height)
   boxes, in content order. PDFium's line breaks, vertical jumps and wide
   horizontal gaps cut them into *segments* (a run of text on one line);
   pieces of one line with a word-sized gap between them are merged back.
   Text written at another angle than the page's dominant one (margin stamps,
   sideways tables) is laid out separately and put after the page's text.
2. A *gutter* is looked for in the middle 40% of the text's width: the x
   crossed by fewest segments (of those, the one nearest the middle). It counts as a
   column gutter only if at least three wide segments (>= 30% of the text
   width) lie entirely on each side; otherwise the page is one column.
3. Segments are walked top-down. Those crossing the gutter well into both
   columns (title, abstract, full-width captions, footers), rows of
   full-width tables (3+ lines of narrow cells) and a running head/foot
   straddling the gutter are full-width; between two full-width regions,
   the left column is emitted top-down, then the right column.
4. Within a region, segments sharing a line are joined left to right; lines
   are separated by ``"\n"``. Pages are joined with ``"\f"``.

Characters are kept as PDFium reports them, except: a line-end hyphen, which
PDFium flags and hides as U+0002/U+FFFE, is given back as ``"-"``; and control
characters (broken font encodings; a stray form feed would fake a page break)
become U+FFFD. Hyphens are not joined and lines are not merged: the cleaner does that.
"""
from __future__ import annotations

import ctypes
import math
import re
import zlib
from pathlib import Path
from typing import Optional, Union

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from litmine.errors import EncryptedPDFError, InputError, LimitError, NoTextLayerError
from litmine.io.files import read_bytes
from litmine.types import Limits, RawDocument

ENCRYPTED_HINT = "remove the password first, e.g. qpdf --decrypt"
OCR_HINT = "run OCR first, e.g. ocrmypdf"
REPAIR_HINT = "re-download the file or repair it, e.g. qpdf"
# A document with fewer non-blank characters than this per page has no text layer.
MIN_CHARS_PER_PAGE = 10
# PDFium document-loading error codes (fpdfview.h).
_ERR_PASSWORD, _ERR_SECURITY, _ERR_FORMAT, _ERR_FILE = 4, 5, 3, 2

_BREAK, _SPACE = 0, 1          # markers in a page's character stream
_HALF_PI = math.pi / 2


def read_pdf(path: Union[str, Path], *, limits: Optional[Limits] = None) -> RawDocument:
    """Read a PDF's text layer in reading order (two-column aware), within ``limits``.

    Args:
        path: the ``.pdf`` file (a regular file; FIFOs, devices and sockets
            are refused before anything opens them).
        limits: file size, pages, inflated stream size and extracted text
            size (:class:`~litmine.types.Limits`; the defaults when ``None``).
            The compressed streams are inflated chunk by chunk, and counted,
            before PDFium parses the file (:func:`inspect_streams`), so a
            stream that inflates to gigabytes ("flate bomb") is refused
            after reading at most ``max_inflate_mb`` of it, in bounded memory.

    Returns:
        ``RawDocument`` with ``format="pdf"``, ``pages`` set, page texts joined
        with ``"\\f"``, ``metadata`` from the PDF's Info dictionary (title,
        author, ...), and ``warnings`` for non-fatal problems (damaged file
        repaired, pages without text, unreadable pages).

    Raises:
        EncryptedPDFError: the PDF needs a password.
        NoTextLayerError: (almost) no text over all pages: scanned images.
        InputError: missing/unreadable/non-regular file, not a PDF, or damaged
            beyond repair (``"corrupt PDF: ..."``).
        LimitError: the file, its page count, its inflated streams or its text
            are larger than ``limits`` allow.

    Uses pypdfium2 (PDFium) for parsing and text, :mod:`zlib` for damage checks.
    """
    limits = limits or Limits()
    data, sha256 = _read_bytes(path, limits)
    corrupt = inspect_streams(data, None if Limits.off(limits.max_inflate_mb) else int(limits.max_inflate_mb * 1e6),
                              path=path)
    doc = _open(path, data)
    try:
        if not Limits.off(limits.max_pdf_pages) and len(doc) > limits.max_pdf_pages:
            raise LimitError(path, f"PDF has {len(doc):,} pages, more than the limit of {limits.max_pdf_pages:,}",
                             "max_pdf_pages", "--max-pdf-pages")
        warnings = damage_warnings(data, doc, corrupt=corrupt)
        max_chars = None if Limits.off(limits.max_text_mb) else int(limits.max_text_mb * 1e6)
        texts, page_warnings = _extract_pages(doc, path, max_chars)
        metadata = _metadata(doc)
    finally:
        doc.close()
    warnings += page_warnings
    _check_has_text(path, texts, warnings)
    return RawDocument(path=str(path), text="\f".join(texts), format="pdf",
                       sha256=sha256, pages=len(texts), warnings=warnings, metadata=metadata)


# ---------------------------------------------------------------- opening


def _read_bytes(path, limits: Limits) -> tuple[bytes, str]:
    """The file's bytes and digest; InputError if missing/unreadable or not a PDF
    at all, LimitError if larger than ``limits.max_pdf_mb``."""
    max_bytes = None if Limits.off(limits.max_pdf_mb) else int(limits.max_pdf_mb * 1e6)
    data, sha256 = read_bytes(path, max_bytes, what="PDF file", limit="max_pdf_mb", option="--max-pdf-mb")
    if not data:
        raise InputError(path, "empty file", "the file has 0 bytes")
    if b"%PDF" not in data[:1024]:
        raise InputError(path, "not a PDF file (no %PDF header)",
                         "check the file type; rename text files to .txt")
    return data, sha256


def _open(path, data: bytes) -> pdfium.PdfDocument:
    """Open ``data`` with PDFium, mapping its error codes to litmine errors."""
    try:
        doc = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = getattr(exc, "err_code", None)
        if code == _ERR_PASSWORD:
            raise EncryptedPDFError(path, "PDF is encrypted", ENCRYPTED_HINT) from None
        if code == _ERR_SECURITY:
            raise EncryptedPDFError(path, "PDF is encrypted (unsupported security handler)",
                                    ENCRYPTED_HINT) from None
        known = code in (_ERR_FORMAT, _ERR_FILE)
        reason = "unrecognised structure (truncated or damaged)" if known else str(exc)
        raise InputError(path, f"corrupt PDF: {reason}", REPAIR_HINT) from None
    if len(doc) == 0:
        doc.close()
        raise InputError(path, "corrupt PDF: no pages", REPAIR_HINT)
    return doc


def _metadata(doc: pdfium.PdfDocument) -> dict:
    """Non-empty Info-dictionary entries, keys lower-cased (``title``, ``author``...)."""
    try:
        info = doc.get_metadata_dict(skip_empty=True)
    except pdfium.PdfiumError:
        return {}
    return {k.lower(): v for k, v in info.items() if isinstance(v, str) and v.strip()}


def _check_has_text(path, texts: list[str], warnings: list[str]) -> None:
    """NoTextLayerError (or InputError for a damaged file) when there is almost no text."""
    chars = sum(len(t) - sum(1 for c in t if c.isspace()) for t in texts)
    if chars >= MIN_CHARS_PER_PAGE * len(texts):
        return
    if any(w.startswith("damaged") for w in warnings):
        raise InputError(path, "corrupt PDF: damaged and no text could be extracted", REPAIR_HINT)
    raise NoTextLayerError(path, "PDF has no text layer (scanned images)", OCR_HINT)


# ---------------------------------------------------------------- damage checks


_STARTXREF = re.compile(rb"startxref\s+(\d+)")
_XREF_ENTRY = re.compile(rb"(\d{10}) (\d{5}) n")
_OBJ_AT = re.compile(rb"\s*(\d+)\s+(\d+)\s+obj")
_STREAM = re.compile(rb"(?<!end)stream(?:\r\n|\n|\r)")


def damage_warnings(data: bytes, doc: Optional[pdfium.PdfDocument] = None, *,
                    corrupt: Optional[int] = None) -> list[str]:
    """Signs that PDFium had to repair the file, as readable warnings.

    PDFium repairs silently; this looks for what it would have repaired:
    a cross-reference table PDFium rebuilt, a missing ``startxref``, a
    ``startxref`` offset or classic xref entries not pointing at what they should, and
    Flate streams that do not decompress cleanly (skipped for encrypted files).

    Returns:
        ``[]`` or one warning, ``"damaged PDF (read after repair): <findings>"``.

    Args:
        data: the file's bytes.
        doc: the opened document, to ask PDFium whether it rebuilt the xref.
        corrupt: the number of corrupt streams, when :func:`inspect_streams`
            has counted them already (else they are counted here, without a limit).
    """
    found = []
    if doc is not None and not pdfium_c.FPDF_DocumentHasValidCrossReferenceTable(doc.raw):
        found.append("the cross-reference table was rebuilt")
    found += _xref_problems(data)
    bad = inspect_streams(data) if corrupt is None else corrupt
    if bad:
        found.append(f"{bad} compressed stream(s) are corrupt; some text may be missing or wrong")
    return ["damaged PDF (read after repair): " + "; ".join(found)] if found else []


def _xref_problems(data: bytes) -> list[str]:
    """Check that the last startxref and the classic xref entries point at the right bytes."""
    starts = _STARTXREF.findall(data[-4096:])
    if not starts:
        return ["no startxref (truncated file?)"]
    # Offsets count from the file start, or (some producers) from a late %PDF header.
    for base in dict.fromkeys((0, data.find(b"%PDF"))):
        offset = int(starts[-1]) + base
        head = data[offset:offset + 32]
        if head.startswith(b"xref"):
            return _xref_entry_problems(data, offset, base)
        if _OBJ_AT.match(head):   # a cross-reference stream (PDF 1.5+)
            return []
    return ["startxref points to the wrong offset"]


def _xref_entry_problems(data: bytes, offset: int, base: int) -> list[str]:
    """Classic xref table: each in-use entry must point at ``<num> <gen> obj``."""
    end = data.find(b"trailer", offset)
    table = data[offset:end if end > 0 else len(data)]
    bad = 0
    for entry in _XREF_ENTRY.finditer(table):
        target = int(entry.group(1)) + base
        if target >= len(data) or not _OBJ_AT.match(data, target):
            bad += 1
    return [f"{bad} cross-reference entries point to the wrong offset"] if bad else []


_FILTER = re.compile(rb"/Filter\s*(\[[^\]]*\]|/[A-Za-z0-9]+)")
_FILTER_NAME = re.compile(rb"/([A-Za-z0-9]+)")
_IMAGE = re.compile(rb"/Subtype\s*/Image\b")
_ASCII_FILTERS = {b"ASCIIHexDecode", b"AHx", b"ASCII85Decode", b"A85"}
_FLATE = {b"FlateDecode", b"Fl"}
_INFLATE_CHUNK = 1 << 16


def inspect_streams(data: bytes, max_inflate: Optional[int] = None, *, path=None) -> int:
    """Inflate the file's compressed streams chunk by chunk, counting, to find
    corrupt ones and refuse a "flate bomb" before PDFium inflates it.

    A stream's filter chain is followed while it is ASCIIHex/ASCII85 (decoded
    whole: they only shrink) then FlateDecode, one or more times (inflated in
    64 KB steps, output counted and dropped); later filters (LZW, RunLength,
    images' DCT...) are not inflated. Streams of encrypted files are skipped.

    Args:
        data: the file's bytes.
        max_inflate: the most bytes the streams that are not images may
            inflate to, all together (``None``: no limit). Image streams
            (PDFium does not decode them for text) are checked for damage
            only while the bytes inflated so far stay under the same amount.
        path: the file, for the error.
    Returns:
        the number of streams that do not inflate cleanly to their end.
    Raises:
        LimitError: the streams that are not images inflate to more than ``max_inflate``.
    """
    if b"/Encrypt" in data:
        return 0
    corrupt = content = checked = 0
    for match in _STREAM.finditer(data):
        header = data[max(0, match.start() - 600):match.start()]
        header = header[header.rfind(b"obj") + 3:] if b"obj" in header else header
        chain = _filter_chain(header)
        if chain is None:
            continue
        image = bool(_IMAGE.search(header))
        if image and max_inflate is not None and checked >= max_inflate:
            continue                       # enough checked: images do not reach PDFium's text layer
        end = data.find(b"endstream", match.end())
        if end < 0:
            corrupt += 1
            continue
        budget = None if max_inflate is None else max_inflate - (checked if image else content) + 1
        size, ok = _inflate(data[match.end():end], chain, budget)
        checked += size
        if not image:
            content += size
            if max_inflate is not None and content > max_inflate:
                raise LimitError(path, f"compressed PDF streams inflate to more than "
                                       f"{max_inflate / 1e6:g} MB (the limit; a \"zip bomb\"?)",
                                 "max_inflate_mb", "--max-inflate-mb")
        corrupt += not ok
    return corrupt


def _filter_chain(header: bytes) -> Optional[tuple[list[bytes], int]]:
    """``(ascii filters, number of Flate layers after them)`` of a stream
    dictionary, or ``None`` when its chain has no Flate layer to inflate."""
    m = _FILTER.search(header)
    if not m:
        return None
    names = _FILTER_NAME.findall(m.group(1))
    ascii_layers = []
    while names and names[0] in _ASCII_FILTERS:
        ascii_layers.append(names.pop(0))
    flates = 0
    while names and names[0] in _FLATE:
        names.pop(0)
        flates += 1
    return (ascii_layers, flates) if flates else None


def _inflate(raw: bytes, chain: tuple[list[bytes], int], budget: Optional[int]) -> tuple[int, bool]:
    """``(bytes inflated, cleanly to the end)`` for one stream; stops counting
    (and reports clean) once more than ``budget`` bytes came out."""
    ascii_layers, flates = chain
    try:
        for name in ascii_layers:
            raw = _ascii_decode(raw, name)
    except ValueError:
        return 0, False
    inflaters = [zlib.decompressobj() for _ in range(flates)]

    def layer(i: int, pieces):
        d = inflaters[i]
        for piece in pieces:
            while piece and not d.eof:
                out = d.decompress(piece, _INFLATE_CHUNK)
                piece = d.unconsumed_tail
                if out:
                    yield out
            if d.eof:
                return
        while not d.eof:                 # output zlib still holds after the last input
            out = d.decompress(b"", _INFLATE_CHUNK)
            if not out:
                return
            yield out

    pieces = (raw[i:i + _INFLATE_CHUNK] for i in range(0, len(raw), _INFLATE_CHUNK))
    for i in range(flates):
        pieces = layer(i, pieces)
    size = 0
    try:
        for out in pieces:
            size += len(out)
            if budget is not None and size > budget:
                return size, True
    except zlib.error:
        return size, False
    return size, all(d.eof for d in inflaters)


def _ascii_decode(raw: bytes, name: bytes) -> bytes:
    """Decode an ASCIIHex or ASCII85 stream (ValueError when it is not one)."""
    import base64
    import binascii
    try:
        if name in (b"ASCIIHexDecode", b"AHx"):
            hexdigits = re.sub(rb"\s", b"", raw).split(b">")[0]
            return binascii.unhexlify(hexdigits + b"0" * (len(hexdigits) % 2))
        body = raw.strip()
        body = body[2:] if body.startswith(b"<~") else body
        return base64.a85decode(body.split(b"~>")[0], adobe=False, ignorechars=b" \t\n\r\x0c\x00")
    except (binascii.Error, ValueError) as exc:
        raise ValueError(str(exc)) from None


# ---------------------------------------------------------------- pages


def _extract_pages(doc: pdfium.PdfDocument, path=None, max_chars: Optional[int] = None) -> tuple[list[str], list[str]]:
    """Text of every page in reading order, and warnings about pages.

    Raises:
        LimitError: the text of the pages read so far is longer than ``max_chars``.
    """
    texts, failed, empty = [], [], []
    chars = 0
    for index in range(len(doc) + 1):
        if max_chars is not None and chars > max_chars:
            raise LimitError(path, f"PDF text is more than {max_chars / 1e6:g} MB (the limit) by page {index}",
                             "max_text_mb", "--max-text-mb")
        if index == len(doc):
            break
        try:
            page = doc[index]
            try:
                text = page_text(page)
            finally:
                page.close()
        except pdfium.PdfiumError:
            text = ""
            failed.append(index + 1)
        else:
            if not text.strip():
                empty.append(index + 1)
        texts.append(text)
        chars += len(text)
    warnings = []
    if failed:
        warnings.append(f"{_pages(failed)} could not be read")
    if empty and len(empty) < len(texts):
        warnings.append(f"{_pages(empty)} without text layer (scanned?): run OCR to read them")
    return texts, warnings


def _pages(numbers: list[int]) -> str:
    """``[3]`` -> ``"page 3"``; ``[1, 2, 3, 7]`` -> ``"pages 1-3, 7"``."""
    out, start = [], numbers[0]
    for prev, cur in zip(numbers, numbers[1:] + [None]):
        if cur != prev + 1:
            out.append(str(start) if start == prev else f"{start}-{prev}")
            start = cur
    return ("page " if len(numbers) == 1 else "pages ") + ", ".join(out)


def page_text(page: pdfium.PdfPage) -> str:
    """One page's text in reading order (see the module docstring).

    Args:
        page: a pypdfium2 page.

    Raises:
        pypdfium2.PdfiumError: PDFium cannot build the page's text layer.
    """
    textpage = page.get_textpage()
    try:
        chars = _page_chars(textpage, _page_box(page))
    finally:
        textpage.close()
    lines: list[str] = []
    for number, (_, group) in enumerate(_split_by_angle(chars)):
        segments = _merge_line_pieces(_segments(group))
        gutter = _find_gutter(segments) if number == 0 else None
        for region in _regions(segments, gutter):
            lines += _region_lines(region)
    return "\n".join(lines)


def _page_box(page: pdfium.PdfPage) -> tuple[float, float, float, float]:
    """The visible area (MediaBox and CropBox intersected, inherited ones included)
    as ``(left, bottom, right, top)``."""
    left, bottom, right, top = page.get_bbox()
    return min(left, right), min(bottom, top), max(left, right), max(bottom, top)


def _page_chars(textpage: pdfium.PdfTextPage, box: tuple) -> list:
    """The page's characters as ``(text, x0, y0, x1, y1, quarter)`` or _BREAK/_SPACE markers.

    ``quarter`` is the text direction in clockwise quarter turns (0 = upright).
    Boxes are PDFium's loose boxes (font ascent to descent) for upright text,
    the glyph boxes otherwise. Characters centred outside ``box`` (the visible
    page, 1 pt tolerance) are dropped: they are invisible.
    """
    raw = textpage.raw
    get_unicode, get_angle = pdfium_c.FPDFText_GetUnicode, pdfium_c.FPDFText_GetCharAngle
    get_loose_box = pdfium_c.FPDFText_GetLooseCharBox
    rect = pdfium_c.FS_RECTF()
    left, bottom, right, top = (ctypes.c_double() for _ in range(4))
    min_x2, min_y2, max_x2, max_y2 = 2 * box[0] - 2, 2 * box[1] - 2, 2 * box[2] + 2, 2 * box[3] + 2
    out: list = []
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        code = get_unicode(raw, i)
        if code == 10 or code == 13:
            out.append(_BREAK)
            continue
        if code == 32 or code == 9:
            out.append(_SPACE)
            continue
        if 0x20 < code < 0x7F or 0xA0 <= code <= 0xD7FF:
            text = chr(code)
        elif code == 2 and pdfium_c.FPDFText_IsHyphen(raw, i):
            text = "-"   # PDFium reports a line-end hyphen as U+0002 (U+FFFE in its text API)
        else:
            text = _char(code)
        angle = get_angle(raw, i)
        quarter = 0 if angle < 0.78 or angle > 5.5 else round(angle / _HALF_PI) % 4
        if quarter == 0 and get_loose_box(raw, i, rect):
            char = (text, rect.left, rect.bottom, rect.right, rect.top, 0)
        elif pdfium_c.FPDFText_GetCharBox(raw, i, left, right, bottom, top):
            char = (text, left.value, bottom.value, right.value, top.value, quarter)
        else:
            continue
        if min_x2 <= char[1] + char[3] <= max_x2 and min_y2 <= char[2] + char[4] <= max_y2:
            out.append(char)
    return _merge_surrogates(out)


def _char(code: int) -> str:
    """The character for a PDFium code point; control characters become U+FFFD."""
    if code < 32 or 0x7F <= code < 0xA0 or code > 0x10FFFF:
        return "\ufffd"
    return chr(code)


def _merge_surrogates(chars: list) -> list:
    """Join UTF-16 surrogate pairs PDFium may report as two characters."""
    if not any(isinstance(c, tuple) and 0xD800 <= ord(c[0][0]) < 0xDC00 for c in chars):
        return chars
    out: list = []
    for c in chars:
        prev = out[-1] if out else None
        if (isinstance(c, tuple) and isinstance(prev, tuple) and len(prev[0]) == 1
                and 0xD800 <= ord(prev[0]) < 0xDC00 and 0xDC00 <= ord(c[0][0]) < 0xE000):
            pair = chr(0x10000 + ((ord(prev[0]) - 0xD800) << 10) + (ord(c[0]) - 0xDC00))
            out[-1] = (pair, min(prev[1], c[1]), min(prev[2], c[2]), max(prev[3], c[3]),
                       max(prev[4], c[4]), prev[5])
        else:
            out.append(c)
    return out


def _split_by_angle(chars: list) -> list[tuple[int, list]]:
    """Group characters by direction, dominant direction first, each turned upright.

    Characters become ``(text, x0, y0, x1, y1)``; markers (_BREAK/_SPACE) go
    with the group of the character before them.
    """
    if all(c[5] == 0 for c in chars if c.__class__ is tuple):   # the usual page
        return [(0, [c[:5] if c.__class__ is tuple else c for c in chars])]
    groups: dict[int, list] = {}
    current = 0
    for c in chars:
        if c.__class__ is tuple:
            current = c[5]
            groups.setdefault(current, []).append((c[0],) + _upright(current, *c[1:5]))
        elif current in groups:
            groups[current].append(c)
    order = sorted(groups, key=lambda q: -sum(1 for c in groups[q] if c.__class__ is tuple))
    return [(q, groups[q]) for q in order]


def _upright(quarter: int, x0: float, y0: float, x1: float, y1: float) -> tuple:
    """A box turned by ``quarter`` clockwise quarter turns back, so its text runs left to right."""
    if quarter == 1:      # PDFium angles turn clockwise: text reading downwards
        x0, y0, x1, y1 = -y1, x0, -y0, x1
    elif quarter == 2:    # upside down
        x0, y0, x1, y1 = -x1, -y1, -x0, -y0
    elif quarter == 3:    # reading upwards (margin stamps)
        x0, y0, x1, y1 = y0, -x1, y1, -x0
    return (min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


# ---------------------------------------------------------------- segments & lines


class _Segment:
    """Characters on one line with no wide gap, and their box (y up).

    ``x0``/``x1`` span all characters; ``y0``/``y1`` are the *median*
    character bottom/top, so one tall glyph (a stacked symbol, a big
    bracket) does not make the segment look two lines high. Call
    :meth:`finish` after adding characters.
    """

    __slots__ = ("parts", "x0", "x1", "bottoms", "tops", "last", "y0", "y1")

    def __init__(self, char: tuple):
        text, x0, y0, x1, y1 = char
        self.parts = [text]
        self.x0, self.x1 = x0, x1
        self.bottoms, self.tops = [y0], [y1]
        self.last = char
        self.y0, self.y1 = y0, y1

    def add(self, char: tuple, space: bool) -> None:
        """Append a character (``space``: a space precedes it)."""
        text, x0, y0, x1, y1 = char
        if space:
            self.parts.append(" ")
        self.parts.append(text)
        self.x0, self.x1 = min(self.x0, x0), max(self.x1, x1)
        self.bottoms.append(y0)
        self.tops.append(y1)
        self.last = char

    def extend(self, other: "_Segment", space: bool) -> None:
        """Append ``other`` (to the right on the same line) to this segment."""
        if space:
            self.parts.append(" ")
        self.parts += other.parts
        self.x0, self.x1 = min(self.x0, other.x0), max(self.x1, other.x1)
        self.bottoms += other.bottoms
        self.tops += other.tops
        self.last = other.last
        self.finish()

    def finish(self) -> "_Segment":
        """Set ``y0``/``y1`` to the median character bottom/top."""
        self.y0 = _median(self.bottoms)
        self.y1 = _median(self.tops)
        return self

    @property
    def text(self) -> str:
        return "".join(self.parts)

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 0.1)


def _median(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[len(ordered) // 2]


def _segments(chars: list) -> list[_Segment]:
    """Cut the character stream into segments (see :func:`_continues`)."""
    segments: list[_Segment] = []
    current: Optional[_Segment] = None
    space = False
    for c in chars:
        if c == _BREAK:
            current, space = None, False
        elif c == _SPACE:
            space = current is not None
        else:
            if current is not None and _continues(current.last, c):
                current.add(c, space)
            else:
                current = _Segment(c)
                segments.append(current)
            space = False
    return [s.finish() for s in segments]


def _continues(last: tuple, char: tuple) -> bool:
    """True if ``char`` follows ``last`` on the same line without a column-size gap.

    Same line: the vertical extents overlap by half the smaller height (keeps
    sub- and superscripts). Forwards: a gap of at most 0.9 x the larger height
    (column gutters are wider). Backwards: the character may not start before
    the previous one (a ligature expanded to two letters shares one box).
    """
    _, lx0, ly0, lx1, ly1 = last
    _, x0, y0, x1, y1 = char
    lh, h = ly1 - ly0, y1 - y0
    small, big = (lh, h) if lh < h else (h, lh)
    overlap = (ly1 if ly1 < y1 else y1) - (ly0 if ly0 > y0 else y0)
    if overlap < 0.5 * small or big <= 0:
        return False
    return x0 >= lx0 - 0.25 * big and x0 - lx1 <= 0.9 * big


def _merge_line_pieces(segments: list[_Segment]) -> list[_Segment]:
    """Merge segments that sit side by side on one line with a word-size gap.

    PDFium breaks lines at font or text-object changes (superscripts, links);
    merging the pieces back lets a full-width line be seen as one.
    """
    merged: list[_Segment] = []
    for line in _group_lines(segments):
        line.sort(key=lambda s: s.x0)
        current = line[0]
        merged.append(current)
        for s in line[1:]:
            gap = s.x0 - current.x1
            limit = 0.6 * min(current.height, s.height)
            if -limit <= gap <= limit:
                current.extend(s, gap > 0.15 * min(current.height, s.height))
            else:
                current = s
                merged.append(current)
    return merged


def _find_gutter(segments: list[_Segment]) -> Optional[float]:
    """x of the gap between two columns, or None for a one-column page.

    Scans the middle 40% of the text's width for the x crossed by fewest
    segments (of several such runs, the one nearest the middle); accepts it
    if at least three wide segments (>= 30% of the text width) lie on each side.
    """
    if len(segments) < 6:
        return None
    lo = min(s.x0 for s in segments)
    hi = max(s.x1 for s in segments)
    width = hi - lo
    if width < 100:
        return None
    start, stop = int(lo + 0.3 * width), int(lo + 0.7 * width)
    crossings = _crossing_counts(segments, start, stop)
    gx = start + _best_run_centre(crossings)
    wide = 0.3 * width
    left = sum(1 for s in segments if s.x1 <= gx and s.x1 - s.x0 >= wide)
    right = sum(1 for s in segments if s.x0 >= gx and s.x1 - s.x0 >= wide)
    return float(gx) if left >= 3 and right >= 3 else None


def _crossing_counts(segments: list[_Segment], start: int, stop: int) -> list[int]:
    """For each integer x in [start, stop]: how many segments strictly cross it."""
    diff = [0] * (stop - start + 2)
    for s in segments:
        a = max(start, math.floor(s.x0) + 1)
        b = min(stop, math.ceil(s.x1) - 1)
        if a <= b:
            diff[a - start] += 1
            diff[b - start + 1] -= 1
    counts, running = [], 0
    for d in diff[:-1]:
        running += d
        counts.append(running)
    return counts


def _best_run_centre(counts: list[int]) -> int:
    """Index at the centre of the run of minimal values nearest the middle (ties: widest).

    Two columns are (nearly) equally wide, so their gutter is at the middle of
    the text; another clear gap (between reference numbers and their text,
    say) lies inside a column.
    """
    low = min(counts)
    runs, run_start = [], None
    for i, v in enumerate(counts + [low + 1]):
        if v == low and run_start is None:
            run_start = i
        elif v != low and run_start is not None:
            runs.append((run_start, i - 1))
            run_start = None
    middle = (len(counts) - 1) / 2
    a, b = min(runs, key=lambda r: (max(r[0] - middle, middle - r[1], 0), r[0] - r[1]))
    return (a + b) // 2


def _regions(segments: list[_Segment], gutter: Optional[float]) -> list[list[_Segment]]:
    """Segments grouped into regions in reading order (see the module docstring)."""
    if gutter is None or not segments:
        return [segments] if segments else []
    width = max(s.x1 for s in segments) - min(s.x0 for s in segments)
    tables = _table_segments(segments, gutter, width)
    regions: list[list[_Segment]] = []
    full: list[_Segment] = []
    left: list[_Segment] = []
    right: list[_Segment] = []
    for s in sorted(segments, key=lambda s: -s.y1):
        side = "full" if id(s) in tables else _side(s, gutter, width)
        if side == "full":
            if left or right:
                regions += [r for r in (left, right) if r]
                left, right = [], []
            full.append(s)
            continue
        if full:
            regions.append(full)
            full = []
        (left if side == "left" else right).append(s)
    regions += [r for r in (full, left, right) if r]
    return regions


def _table_segments(segments: list[_Segment], gutter: float, width: float) -> set[int]:
    """ids of segments to read across the gutter: full-width tables, running heads.

    A table-like line has two or more pieces, none wide (< 30% of the text
    width, unlike column lines). Runs of 3+ such lines, one of them with
    text on both sides of the gutter, are tables: reading their rows across
    keeps a full-width table from being cut in two at the gutter. The first
    and last lines of the page count too when they straddle the gutter and
    stand apart (a running head "2  Journal name", a footer).
    """
    wide = 0.3 * width
    lines = _group_lines(segments)
    found: set[int] = set()
    run: list[list[_Segment]] = []
    for line in lines + [[]]:
        if len(line) >= 2 and all(s.x1 - s.x0 < wide for s in line):
            run.append(line)
            continue
        if len(run) >= 3 and any(_straddles(row, gutter) for row in run):
            found.update(id(s) for row in run for s in row)
        run = []
    if len(lines) >= 3:
        for edge, neighbour in ((lines[0], lines[1]), (lines[-1], lines[-2])):
            if (_straddles(edge, gutter) and all(s.x1 - s.x0 < wide for s in edge)
                    and _vertical_gap(edge, neighbour) > max(s.height for s in edge)):
                found.update(id(s) for s in edge)
    return found


def _vertical_gap(a: list[_Segment], b: list[_Segment]) -> float:
    """Distance between two lines' bands (0 if they overlap)."""
    return max(0.0, max(min(s.y0 for s in a) - max(s.y1 for s in b),
                        min(s.y0 for s in b) - max(s.y1 for s in a)))


def _straddles(line: list[_Segment], gutter: float) -> bool:
    return min(s.x0 for s in line) < gutter < max(s.x1 for s in line)


def _side(s: _Segment, gutter: float, width: float) -> str:
    """``"left"``, ``"right"`` or ``"full"`` (crossing well into both columns)."""
    into_left, into_right = gutter - s.x0, s.x1 - gutter
    if into_left <= 0:
        return "right"
    if into_right <= 0:
        return "left"
    if min(into_left, into_right) >= 0.1 * width:
        return "full"
    return "left" if into_left >= into_right else "right"


def _region_lines(segments: list[_Segment]) -> list[str]:
    """Lines of a region, top-down; segments of one line joined left to right."""
    return [_join_line(line) for line in _group_lines(segments)]


def _group_lines(segments: list[_Segment]) -> list[list[_Segment]]:
    """Segments grouped into lines, top-down; unsorted within a line.

    Segments are taken by descending vertical centre; one joins the current
    line if its centre is close to that of the line's widest segment (see
    :func:`_same_line`): sub- and superscripts join, the next line (a full
    line-height away) does not, and a tall symbol cannot glue two lines together.
    """
    lines: list[list[_Segment]] = []
    cores: list[_Segment] = []
    for s in sorted(segments, key=lambda s: -(s.y0 + s.y1)):
        if lines and _same_line(cores[-1], s):
            lines[-1].append(s)
            if s.x1 - s.x0 > cores[-1].x1 - cores[-1].x0:
                cores[-1] = s
        else:
            lines.append([s])
            cores.append(s)
    return lines


def _same_line(core: _Segment, s: _Segment) -> bool:
    """Centres within 0.4 x the larger height (``s`` counted at most twice the core's)."""
    distance = abs((core.y0 + core.y1) - (s.y0 + s.y1)) / 2
    return distance <= 0.4 * max(core.height, min(s.height, 2 * core.height))


def _join_line(line: list[_Segment]) -> str:
    """Segments of one line, left to right, with a space where there is a gap."""
    line.sort(key=lambda s: s.x0)
    out = [line[0].text]
    for prev, s in zip(line, line[1:]):
        if s.x0 - prev.x1 > 0.15 * min(prev.height, s.height):
            out.append(" ")
        out.append(s.text)
    return "".join(out)
