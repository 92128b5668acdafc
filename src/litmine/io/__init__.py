"""Readers: turn input paths (files or folders) into :class:`~litmine.types.RawDocument`.

Public API:

* :func:`iter_input_paths` -- expand files and folders into the files to read;
* :func:`read_path` -- read one file (text or PDF) into a ``RawDocument``;
* :data:`SUPPORTED_SUFFIXES` -- the suffixes read (case-insensitive).

Text files are handled by :mod:`litmine.io.text`, PDFs by :mod:`litmine.io.pdf`.
Every failure is an :class:`~litmine.errors.InputError` (or a subclass) whose
``str()`` is one line naming the file, the reason and what to do.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable, Iterable, Iterator, Optional, Union

from litmine.errors import InputError
from litmine.io.pdf import read_pdf
from litmine.io.text import read_text_file
from litmine.types import RawDocument

__all__ = ["SUPPORTED_SUFFIXES", "iter_input_paths", "read_path", "read_pdf", "read_text_file"]

SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf")
_TEXT_SUFFIXES = (".txt", ".md")
_SUPPORTED_HINT = "supported: " + ", ".join(SUPPORTED_SUFFIXES)

PathLike = Union[str, "os.PathLike[str]"]
_MISSING_HINT = "check the path"


def _missing(path: PathLike) -> InputError:
    """The error for a path that does not exist (or is a dangling/looping symlink)."""
    if Path(path).is_symlink():
        return InputError(path, "symbolic link to nothing (broken, or a loop)", "fix or remove the link")
    return InputError(path, "no such file or directory", _MISSING_HINT)


def read_path(path: PathLike, *, encoding: Optional[str] = None) -> RawDocument:
    """Read one file, choosing the reader by its suffix.

    Args:
        path: a ``.txt``, ``.md`` or ``.pdf`` file (suffix case-insensitive).
        encoding: for text files, a codec to use instead of detection
            (ignored for PDFs).

    Returns:
        a ``RawDocument`` (never ``None``); ``sha256`` is the digest of the file bytes.

    Raises:
        InputError: the path is missing, a folder, of an unsupported type, or
            unreadable; see :func:`~litmine.io.text.read_text_file` and
            :func:`~litmine.io.pdf.read_pdf` for the format-specific cases
            (``EncryptedPDFError``, ``NoTextLayerError`` are subclasses).
    """
    p = Path(path)
    if not p.exists():
        raise _missing(path)
    if p.is_dir():
        raise InputError(path, "is a folder, not a file", "pass the folder to the ingest command instead")
    suffix = p.suffix.lower()
    if suffix == ".pdf":
        return read_pdf(p)
    if suffix in _TEXT_SUFFIXES:
        return read_text_file(p, encoding=encoding)
    raise InputError(path, f"unsupported file type {p.suffix or '(no suffix)'!r}", _SUPPORTED_HINT)


def iter_input_paths(paths: Iterable[PathLike],
                     on_error: Optional[Callable[[InputError], None]] = None) -> Iterator[Path]:
    """Expand files and folders into the files to read, deterministically.

    Each argument is a file (yielded as given, whatever its name, if its suffix
    is supported) or a folder, walked recursively in sorted name order, yielding
    files with a supported suffix and skipping hidden entries (names starting
    with ``"."``). Symlinks are followed but every folder is visited once (by
    its real path), so symlink cycles terminate; a file reached twice (through
    links or repeated arguments) is yielded once.

    Args:
        paths: file and folder paths (``str`` or ``Path``).
        on_error: called with each error below instead of raising it; the
            walk then goes on with the next path (a batch reports every bad
            path and still reads every good file).

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

    seen_dirs: set[str] = set()
    seen_files: set[str] = set()
    for arg in paths:
        p = Path(arg)
        if not p.exists():
            fail(_missing(arg))
        elif p.is_dir():
            yield from _walk(p, seen_dirs, seen_files, fail)
        elif _supported(p):
            if _first_visit(p, seen_files):
                yield p
        else:
            fail(InputError(arg, f"unsupported file type {p.suffix or '(no suffix)'!r}", _SUPPORTED_HINT))


def _walk(folder: Path, seen_dirs: set[str], seen_files: set[str],
          fail: Callable[[InputError], None]) -> Iterator[Path]:
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
        if entry.name.startswith("."):
            continue
        child = folder / entry.name
        if _is_dir(entry):
            yield from _walk(child, seen_dirs, seen_files, fail)
        elif _supported(child) and child.exists() and _first_visit(child, seen_files):
            yield child


def _is_dir(entry: os.DirEntry) -> bool:
    """``entry.is_dir()`` following symlinks; False for broken links."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _supported(p: Path) -> bool:
    return p.suffix.lower() in SUPPORTED_SUFFIXES


def _first_visit(p: Path, seen: set[str]) -> bool:
    """Record ``p``'s real path in ``seen``; False if it was already there."""
    real = os.path.realpath(p)
    if real in seen:
        return False
    seen.add(real)
    return True
