"""Read a saved web page (``.html``, ``.htm``, or HTML in a ``.txt`` file) as a paper's text.

Researchers save abstracts and full texts from journal sites, PubMed and CNKI as
HTML. The page is decoded as a text file is (:func:`litmine.io.text.read_text_file`:
BOM, UTF-8, GB18030, Big5, ...), then parsed with the standard library's
:class:`html.parser.HTMLParser`, which accepts broken markup without raising:

* the text of ``script``, ``style``, ``noscript``, ``template``, ``svg``, ``head``
  (except its ``title``), ``nav``, ``header``, ``footer``, ``aside``, ``button``,
  ``select`` and ``form`` elements is dropped (code and site furniture, not the paper);
* block elements (``p``, ``div``, ``h1``-``h6``, ``li``, ``tr``, ``br``, ``section``...)
  end a line; a heading or paragraph ends a paragraph (a blank line), so the cleaner
  reads headings and paragraphs as it does in a text file;
* character references (``&alpha;``, ``&#946;``) are decoded (``convert_charrefs``);
  runs of spaces and newlines inside an element are one space, as a browser shows them.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Optional, Union

from litmine.errors import InputError
from litmine.io.text import read_text_file
from litmine.types import RawDocument

#: Elements whose text is not the paper's (HTML Living Standard element names).
SKIPPED = frozenset({"script", "style", "noscript", "template", "svg", "math", "head", "nav", "header",
                     "footer", "aside", "button", "select", "form", "iframe", "object"})
#: Elements that end a paragraph (a blank line after them).
PARAGRAPHS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "title", "blockquote", "table",
                        "ul", "ol", "dl", "figure", "figcaption", "pre", "section", "article", "main"})
#: Elements that end a line.
LINES = frozenset({"br", "div", "li", "dt", "dd", "tr", "caption", "hr", "address", "details",
                   "summary", "fieldset", "legend"}) | PARAGRAPHS
_VOID = frozenset({"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed",
                   "source", "track", "wbr", "param"})
_SPACE = re.compile(r"[ \t\r\n\f\v]+")
_BLANKS = re.compile(r"\n[ \t]*(?:\n[ \t]*)+")
_HTML_START = re.compile(rb"^\s*(?:<!--.*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>])",
                         re.IGNORECASE | re.DOTALL)


#: The ``<meta>`` that marks litmine's own HTML reports (``litmine show --html``); a page
#: carrying it is refused as input, so re-ingesting a folder never reads a report as a paper.
GENERATOR_META = '<meta name="generator" content="litmine">'


def looks_like_html(head: bytes) -> bool:
    """True if the first bytes of a file (a BOM allowed) open an HTML document
    (``<!DOCTYPE html``, ``<html>``, or XHTML after an XML declaration)."""
    return bool(_HTML_START.match(head.lstrip(b"\xef\xbb\xbf")))


class _TextParser(HTMLParser):
    """Collects the visible text of a page as lines and paragraphs (see the module docstring).

    A block boundary is kept as a pending break (1: a line, 2: a paragraph) written
    before the next visible text, so nested or adjacent blocks give one break, not several.
    """

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []     # open skipped elements, innermost last
        self.in_title = False
        self.in_pre = False
        self.pending = 0

    def _break(self, level: int) -> None:
        if not self.skip or self.in_title:
            self.pending = max(self.pending, level)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag == "title":
            self.in_title = True
        elif tag in SKIPPED and tag not in _VOID:
            self.skip.append(tag)
        if tag == "pre":
            self.in_pre = True
        if tag in LINES:
            self._break(1)

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in LINES:
            self._break(1)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._break(2)
            self.in_title = False
            return
        if tag in self.skip:
            while self.skip and self.skip.pop() != tag:
                pass
            return
        if tag == "pre":
            self.in_pre = False
        if tag in LINES:
            self._break(2 if tag in PARAGRAPHS else 1)

    def handle_data(self, data: str) -> None:
        if self.skip and not self.in_title:
            return
        if not self.in_pre:
            data = _SPACE.sub(" ", data)
        if not data.strip():
            if not self.pending and data:
                self.parts.append(data)
            return
        if self.pending and self.parts:
            self.parts.append("\n" * self.pending)
        self.pending = 0
        self.parts.append(data)

    def text(self) -> str:
        lines = "".join(self.parts).split("\n")
        joined = "\n".join(line.strip() for line in lines)
        return _BLANKS.sub("\n\n", joined).strip()


def html_to_text(markup: str) -> str:
    """The visible text of an HTML document, one line per block element, a blank line
    after each heading and paragraph (see the module docstring). Never raises on bad markup."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return parser.text()


def read_html_file(path: Union[str, Path], *, encoding: Optional[str] = None,
                   max_bytes: Optional[int] = None) -> RawDocument:
    """Read a saved web page into a :class:`RawDocument` with ``format="html"``.

    Args: as :func:`litmine.io.text.read_text_file` (``max_bytes`` limits the page's bytes).

    Returns:
        the page's visible text (:func:`html_to_text`), the codec used in ``encoding``.

    Raises:
        InputError: as :func:`read_text_file`, the page is litmine's own report
            (:data:`GENERATOR_META`), or it has no visible text.
        LimitError: the file is larger than ``max_bytes``.
    """
    raw = read_text_file(path, encoding=encoding, max_bytes=max_bytes)
    if GENERATOR_META in raw.text[:4096]:
        raise InputError(path, "a litmine report (litmine show --html), not a paper",
                         "ingest the paper itself; the report shows what litmine stored")
    text = html_to_text(raw.text)
    if not text.strip():
        raise InputError(path, "an HTML page without visible text", "save the paper's page as text or PDF")
    return RawDocument(path=raw.path, text=text, format="html", sha256=raw.sha256,
                       encoding=raw.encoding, warnings=raw.warnings)
