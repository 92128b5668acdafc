"""Writing an export file safely: never over an existing file unless asked,
never a partial file, never through a symlink."""
from __future__ import annotations

import errno
import os
import secrets
from pathlib import Path
from typing import Callable, Optional, TypeVar, Union

from ..errors import ExportError, UsageError, shorten_path
from ..types import SQLITE_HEADER

T = TypeVar("T")

#: The kinds of file an output suffix names (lower case), as messages name them: a suffix litmine
#: knows. An output of one format under another kind's suffix is refused (:func:`check_suffix`).
SUFFIX_KINDS = {
    ".csv": "CSV", ".tsv": "TSV (tab-separated)", ".jsonl": "JSONL", ".ndjson": "JSONL", ".json": "JSON",
    ".xlsx": "XLSX", ".xls": "XLS (old Excel)", ".ods": "ODS", ".html": "HTML", ".htm": "HTML", ".xml": "XML",
    ".png": "PNG", ".svg": "SVG", ".pdf": "PDF", ".jpg": "JPEG", ".jpeg": "JPEG", ".txt": "plain text",
    ".md": "Markdown", ".pubtator": "PubTator",
}   # not .sqlite/.db: an existing database is refused by its content (check_output), with its own message
#: The suffixes each output format is written under, its own first. ``.txt`` (plain text, opened
#: by a text editor) takes the formats read as text: CSV, JSONL, JSON, BioC JSON and PubTator, not
#: an HTML report (a page for a browser) nor XLSX or a picture (binary).
FORMAT_SUFFIXES = {
    "csv": (".csv", ".txt"), "jsonl": (".jsonl", ".ndjson", ".txt"), "json": (".json", ".txt"),
    "xlsx": (".xlsx",), "bioc": (".json", ".txt"), "pubtator": (".pubtator", ".txt"), "html": (".html", ".htm"),
    "png": (".png",), "svg": (".svg",), "pdf": (".pdf",),
}


def check_suffix(output: Union[str, os.PathLike], fmt: str, *, given: Optional[str] = None, label: str = "-o",
                 hint: str = "") -> None:
    """The one rule of every command that writes a file: an output whose suffix names a known kind
    of file (:data:`SUFFIX_KINDS`) that ``fmt`` is not written as (:data:`FORMAT_SUFFIXES`) is
    refused, naming both (BioC JSON in ``x.csv``, an HTML report in ``d.txt``). A suffix
    litmine does not know (``.out``) and no suffix at all are written as ``fmt`` says: the
    format was given (``--format``, ``--html``); a command that reads the format from the suffix
    refuses them itself.

    Args:
        output: the output path.
        fmt: a key of :data:`FORMAT_SUFFIXES`.
        given: how the format was chosen, for the message (default ``"the format is FMT"``:
            ``"--format is csv"``, ``"--html writes HTML"``).
        label: how the output is named in the message (``-o``, ``output``).
        hint: said after the suffixes to use (``" or give --format jsonl"``).
    Raises:
        UsageError (a ValueError): ``-o x.csv is named as CSV but --format is bioc: name it .json``.
    """
    suffix = Path(output).suffix.lower()
    kind = SUFFIX_KINDS.get(suffix)
    own = FORMAT_SUFFIXES[fmt]
    if kind is None or suffix in own:
        return
    raise UsageError(f"{label} {output} is named as {kind} but {given or f'the format is {fmt}'}: "
                     f"name it {own[0]}{hint}")


def check_output(output: Path, force: bool) -> None:
    """Refuse an ``output`` that exists (without ``force``), is not a regular file, or is a
    SQLite database (with or without ``force``: an export never replaces a database).

    Raises:
        ExportError: one line naming ``output`` and what to do.
    """
    if os.path.isfile(output) and _is_database(output):  # even with --force: "-o" naming the --db file
        raise ExportError(f"{output}: is a SQLite database; litmine never writes an export over a database "
                          "(choose another output file)")
    if os.path.lexists(output) and not force:
        raise ExportError(f"{output}: file exists (use --force to overwrite)")
    if os.path.exists(output) and not os.path.isfile(output):
        raise ExportError(f"{output}: not a regular file; export to a file (or omit -o for standard output)")


def _is_database(path: Path) -> bool:
    """Does ``path`` hold a SQLite database (its header), such as the ``--db`` being exported?"""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def write_error(output: Path, exc: OSError, doing: str) -> ExportError:
    """The one-line ExportError for an OS error met while ``doing`` (``"create"``,
    ``"write"``) the file ``output``: the path (shortened) and what is wrong
    (``"/data/x.csv/y.csv: cannot create the file: /data/x.csv is a file, not a folder"``)."""
    shown = shorten_path(str(output))
    if exc.errno == errno.ENOTDIR:
        blocker = next((p for p in Path(output).parents if os.path.lexists(p) and not os.path.isdir(p)), None)
        if blocker is not None:
            return ExportError(f"{shown}: cannot {doing} the file: {shorten_path(str(blocker))} is a file, "
                               "not a folder")
    if exc.errno == errno.ENOENT:
        return ExportError(f"{shown}: cannot {doing} the file: the folder {shorten_path(str(Path(output).parent))} "
                           "does not exist")
    if exc.errno == errno.ENAMETOOLONG:
        return ExportError(f"{shown}: cannot {doing} the file: the name is too long for the file system "
                           "(shorten the path)")
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return ExportError(f"{shown}: cannot {doing} the file: {exc.strerror}; check that the folder is writable")
    return ExportError(f"{shown}: cannot {doing} the file ({exc.strerror or exc}); check the disk and the path")


def write_new_file(output: Path, write: Callable[[Path], T], force: bool) -> T:
    """Run ``write(tmp)`` on a new file next to ``output``, then move it into place.

    Without ``force`` the file appears only if ``output`` does not exist (a hard
    link, or an exclusive create where links are not supported), so an existing
    file or symlink is never replaced, even one created meanwhile; with ``force``
    it replaces ``output`` atomically (a symlink itself, not its target). An
    interrupted or failed export leaves no partial file. Returns ``write``'s result.

    Raises:
        ExportError: ``output`` exists (without ``force``) or cannot be written.
    """
    output = Path(output)
    exists = ExportError(f"{output}: file exists (use --force to overwrite)")
    tmp = output.with_name(f".{output.name}.{secrets.token_hex(4)}.part")
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise write_error(output, exc, "create") from None
    try:
        n = write(tmp)
        if force:
            os.replace(tmp, output)
        else:
            try:
                os.link(tmp, output)
            except FileExistsError:
                raise exists from None
            except OSError:                  # no hard links on this file system
                with open(tmp, "rb") as src, open(output, "xb") as dst:
                    dst.write(src.read())
        return n
    except FileExistsError:
        raise exists from None
    except OSError as exc:
        raise write_error(output, exc, "write") from None
    finally:
        tmp.unlink(missing_ok=True)
