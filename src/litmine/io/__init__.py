"""Readers: turn input paths (files or folders) into :class:`~litmine.types.RawDocument`.

Public API:

* :func:`iter_input_paths` -- expand files and folders into the files to read;
* :func:`project_file_reason` -- why a file found in a folder is not a paper
  (README/LICENSE-like project files, hidden entries);
* :func:`read_path` -- read one file (text or PDF) into a ``RawDocument``;
* :func:`read_inputs` -- read one file of any kind: a paper (one
  ``RawDocument``) or a search export (one ``RawDocument`` per record, the
  format detected from the content, :mod:`litmine.io.records`);
* :data:`SUPPORTED_SUFFIXES` -- the suffixes read (case-insensitive).

Text files are handled by :mod:`litmine.io.text`, PDFs by :mod:`litmine.io.pdf`,
search exports by :mod:`litmine.io.records`.
Every failure is an :class:`~litmine.errors.InputError` (or a subclass) whose
``str()`` is one line naming the file, the reason and what to do.
"""
from __future__ import annotations

import errno
import os
import re
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from litmine.errors import InputError, LimitError, UsageError, display_path
from litmine.io.files import check_regular, os_error
from litmine.io.pdf import read_pdf
from litmine.io.records import FILE_FORMATS, FORMATS, detect_text_format, read_records, sniff_format
from litmine.io.records.common import RecordError
from litmine.io.html import read_html_file
from litmine.io.text import read_text_file
from litmine.types import BROKEN_LINK, UNSUPPORTED_FILE, BibRecord, Limits, RawDocument

__all__ = ["SUPPORTED_SUFFIXES", "EXPORT_SUFFIXES", "FORMATS", "iter_input_paths", "project_file_reason",
           "read_path", "read_pdf", "read_text_file", "read_inputs", "record_document"]

#: Suffixes of search exports (the format itself is read from the content);
#: a Zotero data folder's database is read by its name, ``zotero.sqlite``.
EXPORT_SUFFIXES = (".xml", ".nbib", ".medline", ".ris", ".enw", ".bib", ".json", ".rdf")
ZOTERO_DB = "zotero.sqlite"
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf") + HTML_SUFFIXES + EXPORT_SUFFIXES
_TEXT_SUFFIXES = (".txt", ".md")
_SUPPORTED_HINT = "supported: " + ", ".join(SUPPORTED_SUFFIXES)

PathLike = Union[str, "os.PathLike[str]"]
SkipFn = Callable[[Path, str], None]

#: Names of a software project's own files that sit in folders of papers
#: (GitHub's community health files and the GNU coding standards' release
#: files), matched on the whole name before the suffix, optionally with a
#: language tag: ``README.md``, ``readme.txt``, ``README.zh-CN.md``,
#: ``LICENSE``, ``CHANGELOG.md``; never a word inside a longer name
#: (``news_exercise.txt`` is a paper).
PROJECT_FILE_RE = re.compile(
    r"(readme|licen[cs]e|copying|changelog|change[-_]?log|changes|history|news|contributing|authors|"
    r"contributors|code[-_]of[-_]conduct|notice|security|install|thanks|todo|citation)"
    r"([._-][a-z]{2}([-_][a-z]{2,4})?)?", re.I)
_MISSING_HINT = "check the path"


def _exists(p: Path) -> bool:
    """``p.exists()``; an OS error other than "missing" (a name too long, a
    permission) becomes an InputError naming the path and the check."""
    try:
        os.stat(p)
        return True
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return False
        raise os_error(p, exc, "check") from None


def _missing(path: PathLike) -> InputError:
    """The error for a path that does not exist (or is a dangling/looping symlink)."""
    if os.path.islink(path):
        return InputError(path, BROKEN_LINK, "fix or remove the link")
    for parent in Path(path).parents:        # "paper.txt/x.txt": a file where a folder should be
        if os.path.lexists(parent):
            if not os.path.isdir(parent) and str(parent) != ".":
                return InputError(path, f"no such file: {display_path(parent)} is a file, not a folder",
                                  _MISSING_HINT)
            break
    if str(path).startswith("-"):       # "litmine ingest -- a.txt --db x.sqlite": after --, options are paths
        return InputError(path, "no such file or directory",
                          "an option after -- is read as a path: put the options before --")
    return InputError(path, "no such file or directory", _MISSING_HINT)


def read_path(path: PathLike, *, encoding: Optional[str] = None, limits: Optional[Limits] = None) -> RawDocument:
    """Read one file, choosing the reader by its suffix.

    Args:
        path: a ``.txt``, ``.md``, ``.pdf`` or ``.html``/``.htm`` file (suffix case-insensitive),
            a regular file: a FIFO, a device or a socket is refused from its
            ``stat`` before anything opens it.
        encoding: for text files, a codec to use instead of detection
            (ignored for PDFs).
        limits: size limits (:class:`~litmine.types.Limits`; defaults when ``None``).

    Returns:
        a ``RawDocument`` (never ``None``); ``sha256`` is the digest of the file bytes.

    Raises:
        InputError: the path is missing, a folder, of an unsupported type, or
            unreadable, or not a regular file; see :func:`~litmine.io.text.read_text_file` and
            :func:`~litmine.io.pdf.read_pdf` for the format-specific cases
            (``EncryptedPDFError``, ``NoTextLayerError``, ``LimitError`` are subclasses).
    """
    p = Path(path)
    if not _exists(p):
        raise _missing(path)
    check_regular(p)
    limits = limits or Limits()
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        return read_pdf(p, limits=limits)
    max_bytes = None if Limits.off(limits.max_text_mb) else int(limits.max_text_mb * 1e6)
    if suffix in HTML_SUFFIXES:
        return read_html_file(p, encoding=encoding, max_bytes=max_bytes)
    if suffix in _TEXT_SUFFIXES:
        return read_text_file(p, encoding=encoding, max_bytes=max_bytes)
    raise InputError(path, _unsupported(p), _SUPPORTED_HINT)


_HEAD = 1 << 16


def _head(p: Path) -> bytes:
    """The first 64 KB of a regular file (checked by the caller)."""
    try:
        with open(p, "rb") as fh:
            return fh.read(_HEAD)
    except OSError as exc:
        raise os_error(p, exc, "read") from None


def _as_forced(fmt: Optional[str], read):
    """``read()``; with ``fmt`` (``--format txt`` or ``pdf`` named the format), a file of the other
    kind gets a hint about ``--format`` instead of one about its name ("give it a .pdf suffix"
    for a file that has one but was read as text)."""
    if fmt is None:
        return read()
    try:
        return read()
    except LimitError:
        raise
    except InputError as exc:
        if fmt == "pdf" and exc.reason.startswith("not a PDF file"):
            raise InputError(exc.path, exc.reason, "--format pdf reads every file as a PDF: "
                             "leave it out for text files and search exports") from None
        if fmt == "txt" and exc.hint.startswith("it looks like a PDF"):
            raise InputError(exc.path, exc.reason, "it looks like a PDF: leave out --format txt, which reads every "
                             "file as text") from None
        raise


def read_inputs(path: PathLike, *, encoding: Optional[str] = None, fmt: Optional[str] = None,
                limits: Optional[Limits] = None) -> Iterator[Union[RawDocument, InputError]]:
    """Read one file: a paper or a search export.

    The format comes from ``fmt`` when given (``"txt"``, ``"pdf"`` or one of
    :data:`FORMATS`), else from the content (:func:`litmine.io.records.sniff_format`
    on the first bytes, :func:`litmine.io.records.detect_text_format` on the
    decoded text), the suffix breaking no tie: a ``.txt`` file holding a CNKI
    export is read as one; a ``.txt`` paper stays one document.

    Yields:
        one ``RawDocument`` for a paper (as :func:`read_path`); for an export,
        one per record (:func:`record_document`; ``format`` ``"record"``, or
        ``"pdf"`` for a record's attached PDF), in file order, and an
        :class:`InputError` (a ``RecordError``) in place of a record that
        cannot be read.

    Raises:
        InputError: the file cannot be read, is an XML or JSON file of no
            known export format, an export without records, or (``fmt``)
            unreadable in the format given. Text exports are read whole up to
            ``limits.max_export_mb``; XML exports are streamed.
        UsageError (a ValueError): ``fmt`` is not a known format.
    """
    p = Path(path)
    if fmt is not None and fmt not in FORMATS + ("txt", "pdf"):
        raise UsageError(f"format {fmt!r}: choose one of txt, pdf, {', '.join(FORMATS)}")
    if not _exists(p):
        raise _missing(path)
    st = check_regular(p)
    limits = limits or Limits()
    max_text = None if Limits.off(limits.max_text_mb) else int(limits.max_text_mb * 1e6)
    if fmt == "pdf" or (fmt is None and p.suffix.lower() == ".pdf"):
        yield _as_forced(fmt, lambda: read_pdf(p, limits=limits))
        return
    if fmt == "txt":
        yield _as_forced(fmt, lambda: read_text_file(p, encoding=encoding, max_bytes=max_text))
        return
    found = fmt or sniff_format(_head(p))
    if found == "html" or (fmt is None and p.suffix.lower() in HTML_SUFFIXES):
        yield read_html_file(p, encoding=encoding, max_bytes=max_text)   # a saved web page, whatever its suffix
        return
    if found == "pdf":
        yield read_pdf(p, limits=limits)
        return
    if found == "xml":
        raise InputError(path, "an XML file that is not a PubMed, EndNote or Zotero RDF export",
                         "pass --format (pubmed-xml, endnote-xml, zotero-rdf)")
    text, used = None, None
    if found not in FILE_FORMATS:
        max_export = None if Limits.off(limits.max_export_mb) else int(limits.max_export_mb * 1e6)
        plain_size = p.suffix.lower() in _TEXT_SUFFIXES and (max_text is None or st.st_size <= max_text)
        if p.suffix.lower() in _TEXT_SUFFIXES and not plain_size and not fmt and \
                detect_text_format(_loose_text(_head(p), encoding)) is None:
            read_text_file(p, encoding=encoding, max_bytes=max_text)   # a paper past --max-text-mb: LimitError
        raw = read_text_file(p, encoding=encoding, max_bytes=max_text if plain_size else max_export)
        text, used = raw.text, raw.encoding
        found = found or detect_text_format(text)
        if found is None:
            if p.suffix.lower() not in _TEXT_SUFFIXES:
                raise InputError(path, "not a search export litmine reads (no PubMed, MEDLINE, RIS, BibTeX, "
                                 "EndNote, CNKI/Wanfang/VIP or CSL JSON records found)",
                                 "pass --format, or give a .txt/.md/.pdf paper")
            if not plain_size:
                read_text_file(p, encoding=encoding, max_bytes=max_text)   # raises the LimitError
            yield raw
            return
    n_read = 0
    for rec in read_records(p, found, text):
        if isinstance(rec, InputError):
            n_read += 1
            yield rec
            continue
        n_read += 1
        try:
            yield record_document(rec, p, encoding=used, limits=limits)
        except RecordError as exc:
            yield exc
    if not n_read:
        raise InputError(path, f"no records found (read as {found})", "check the file, or pass --format")


def _loose_text(head: bytes, encoding: Optional[str]) -> str:
    """The first bytes of a file as text, for format detection only: ``encoding``
    (undecodable bytes dropped), else UTF-8 when it decodes (a character cut at the
    end aside), else GB18030 (undecodable bytes dropped)."""
    if encoding:
        try:
            return head.decode(encoding, errors="ignore")
        except LookupError:
            pass
    try:
        return head.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(head) - 3:
            return head[:exc.start].decode("utf-8", errors="ignore")
    return head.decode("gb18030", errors="ignore")


def record_document(rec: BibRecord, export: PathLike, *, encoding: Optional[str] = None,
                    limits: Optional[Limits] = None) -> RawDocument:
    """A record as a document: its attached PDF's full text when ``rec.pdf`` names a
    readable PDF (relative paths against the export's folder), else its title and
    abstract (:meth:`~litmine.types.BibRecord.text`, ``format`` ``"record"``,
    ``sha256`` of the record's fields). The document is named
    ``"<export file name>#<record key>"``; an attached PDF that cannot be read
    becomes a warning and the abstract is used.

    Raises:
        RecordError: the record has neither a readable PDF nor a title or abstract.
    """
    import hashlib
    import json
    from dataclasses import asdict

    export = Path(export)
    name = f"{export.name}#{rec.key}"
    warnings = list(rec.warnings)          # the reader's notes: a record the file ends inside
    if rec.pdf:
        pdf = Path(rec.pdf)
        pdf = pdf if pdf.is_absolute() else export.parent / pdf
        if pdf.is_file():
            try:
                raw = read_pdf(pdf, limits=limits or Limits())
            except InputError as exc:
                warnings.append(f"attached PDF not read, title and abstract used instead: {exc}")
            else:
                raw.record, raw.metadata["name"] = rec, name
                return raw
        else:
            warnings.append(f"attached PDF {rec.pdf} not found; title and abstract used instead")
    text = rec.text()
    if not text:
        raise RecordError(export, rec.key, "no title, abstract or readable PDF")
    fields = {k: v for k, v in asdict(rec).items() if k != "warnings"}     # notes are not the record
    digest = hashlib.sha256(json.dumps(fields, sort_keys=True, ensure_ascii=False).encode("utf-8"))
    return RawDocument(path=str(export), text=text, format="record", sha256=digest.hexdigest(), encoding=encoding,
                       warnings=warnings, metadata={"name": name}, record=rec)


def project_file_reason(name: str) -> Optional[str]:
    """Why a file or folder named ``name``, met while walking a folder, is not
    read as a paper: ``"hidden"`` (name starts with ``"."``), ``"project file"``
    (README/LICENSE/CHANGELOG-like, see :data:`PROJECT_FILE_RE`), or ``None``
    for a candidate paper."""
    if name.startswith("."):
        return "hidden"
    return "project file" if PROJECT_FILE_RE.fullmatch(name.rsplit(".", 1)[0]) else None


def iter_input_paths(paths: Iterable[PathLike],
                     on_error: Optional[Callable[[InputError], None]] = None,
                     on_skip: Optional[SkipFn] = None, *, all_files: bool = False,
                     any_suffix: bool = False,
                     on_repeat: Optional[Callable[[Path, Path], None]] = None) -> Iterator[Path]:
    """Expand files and folders into the files to read, deterministically.

    Each argument is a file (yielded as given, whatever its name, if its suffix
    is supported) or a folder, walked recursively in sorted name order, yielding
    files with a supported suffix. In folders, hidden entries (names starting
    with ``"."``, folders not entered) and README/LICENSE/CHANGELOG-like project
    files (:func:`project_file_reason`) are skipped unless ``all_files``; each
    skipped entry with a supported suffix, each project file whatever its suffix
    (``LICENSE``), each hidden folder, each other file
    with another suffix (``"unsupported file type '.docx'"``,
    :data:`~litmine.types.UNSUPPORTED_FILE`) and each link to nothing
    (:data:`~litmine.types.BROKEN_LINK`) is passed to ``on_skip(path, reason)``. Symlinks are followed but every folder is
    visited once (by its real path), so symlink cycles terminate; a file
    reached twice (through links or repeated arguments) is yielded once, and so
    is a folder named twice in ``paths``: each later copy is passed to
    ``on_repeat(path, first)``, ``first`` the path it was first reached by.

    Args:
        paths: file and folder paths (``str`` or ``Path``).
        on_error: called with each error below instead of raising it; the
            walk then goes on with the next path (a batch reports every bad
            path and still reads every good file).
        on_skip: called with each entry skipped in a folder and the reason
            (``"hidden file"``, ``"hidden folder"``, ``"project file, not a
            paper"``, ``"unsupported file type '.docx'"`` or
            :data:`~litmine.types.BROKEN_LINK`); ``None`` skips silently.
        all_files: read hidden and project files in folders too.
        any_suffix: yield a file named in ``paths`` whatever its suffix (``ingest
            --format`` says how to read it); files in folders still need a supported one.
        on_repeat: called with each file (anywhere) or folder (in ``paths``) reached
            again, and the path it was first reached by; ``None`` leaves it out silently.

    Yields:
        ``Path`` objects built from the given paths (not resolved).

    Raises:
        InputError: (without ``on_error``) a path that does not exist
            (``"no such file or directory"``), an explicitly named file with
            an unsupported suffix, or a folder that cannot be listed.
    """
    def fail(err: InputError) -> None:
        if on_error is None:
            raise err
        on_error(err)

    seen_dirs: dict[str, Path] = {}
    seen_files: dict[str, Path] = {}
    repeat = on_repeat or (lambda _p, _first: None)
    for arg in paths:
        p = Path(arg)
        try:
            there = _exists(p)
        except InputError as err:
            fail(err)
            continue
        if not there:
            fail(_missing(arg))
        elif p.is_dir():
            first = seen_dirs.get(os.path.realpath(p))
            if first is not None:
                repeat(p, first)
                continue
            yield from _walk(p, seen_dirs, seen_files, fail, on_skip or (lambda _p, _r: None), all_files, repeat)
        elif _supported(p) or any_suffix:
            if _first_visit(p, seen_files, repeat):
                yield p
        else:
            fail(InputError(arg, _unsupported(p), _SUPPORTED_HINT))


def _walk(folder: Path, seen_dirs: dict[str, Path], seen_files: dict[str, Path],
          fail: Callable[[InputError], None], skip: SkipFn, all_files: bool,
          repeat: Callable[[Path, Path], None]) -> Iterator[Path]:
    """Depth-first walk of ``folder`` in sorted name order (see iter_input_paths)."""
    if not _first_visit(folder, seen_dirs):
        return
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except PermissionError:
        fail(InputError(folder, "cannot list folder: permission denied", "check the folder's permissions"))
        return
    except OSError as exc:
        fail(InputError(folder, f"cannot list folder: {exc.strerror or exc}", "check the folder and the disk"))
        return
    for entry in entries:
        child = folder / entry.name
        is_dir = _is_dir(entry)
        reason = None if all_files else project_file_reason(entry.name)
        if is_dir and reason == "hidden":
            skip(child, "hidden folder")
        elif is_dir:
            yield from _walk(child, seen_dirs, seen_files, fail, skip, all_files, repeat)
        elif _supported(child) and child.exists():
            if reason:
                skip(child, f"{reason}, not a paper" if reason == "project file" else f"{reason} file")
            elif _first_visit(child, seen_files, repeat):
                yield child
        elif not _supported(child):
            if reason == "project file":      # LICENSE, COPYING: named as README.md is
                skip(child, "project file, not a paper")
            elif reason is None:              # hidden files (.DS_Store) are no papers anyway
                skip(child, _unsupported(child))
        elif reason != "hidden":      # a link to nothing, or a file removed during the walk
            skip(child, BROKEN_LINK)


def _is_dir(entry: os.DirEntry) -> bool:
    """``entry.is_dir()`` following symlinks; False for broken links."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _unsupported(p: Path) -> str:
    """``"unsupported file type '.docx'"`` (or ``'(no suffix)'``)."""
    return f"{UNSUPPORTED_FILE} {p.suffix or '(no suffix)'!r}"


def _supported(p: Path) -> bool:
    return p.suffix.lower() in SUPPORTED_SUFFIXES or p.name.lower() == ZOTERO_DB


def _first_visit(p: Path, seen: dict[str, Path], repeat: Optional[Callable[[Path, Path], None]] = None) -> bool:
    """Record ``p`` under its real path in ``seen``; False if it was already there (then
    ``repeat(p, first)`` is called with the path first recorded)."""
    real = os.path.realpath(p)
    if real in seen:
        if repeat is not None:
            repeat(p, seen[real])
        return False
    seen[real] = p
    return True
