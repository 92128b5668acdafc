"""Opening input files safely and reading their bytes within a size limit
(shared by the text and PDF readers), with one-line errors.

Only regular files are read. A named pipe (FIFO), a device or a socket is
refused from its ``stat`` alone, before anything opens it (opening a FIFO
blocks until someone writes to it); the file is then opened non-blocking and
checked again on the open descriptor, so a path swapped for a FIFO meanwhile
is refused too.
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat

from litmine.errors import InputError, LimitError

#: How a non-regular file is named in errors, by its ``stat`` type.
_KINDS = ((stat.S_ISFIFO, "a named pipe (FIFO)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a folder"))
_CHUNK = 1 << 20


def file_kind(mode: int) -> str | None:
    """``None`` for a regular file, else what it is (``"a named pipe (FIFO)"``...)."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def os_error(path, exc: OSError, doing: str) -> InputError:
    """The one-line InputError for an OS error met while ``doing`` something
    (``"read"``, ``"open"``, ``"check"``...) with ``path``."""
    if isinstance(exc, FileNotFoundError):
        return InputError(path, "no such file or directory", "check the path")
    if isinstance(exc, PermissionError):
        return InputError(path, f"cannot {doing} the file: permission denied", "check the file's permissions")
    if exc.errno == errno.ENAMETOOLONG:
        return InputError(path, f"cannot {doing} the file: the name is too long for the file system",
                          "shorten the path")
    if exc.errno == errno.ELOOP:
        return InputError(path, f"cannot {doing} the file: too many levels of symbolic links", "fix the link")
    return InputError(path, f"cannot {doing} the file: {exc.strerror or exc}")


def check_regular(path) -> os.stat_result:
    """``os.stat(path)`` of a regular file (nothing is opened).

    Raises:
        InputError: the path is missing, cannot be checked, or is a folder, a
            FIFO, a device or a socket (``"is a named pipe (FIFO), not a
            regular file"``).
    """
    try:
        st = os.stat(path)
    except OSError as exc:
        raise os_error(path, exc, "check") from None
    _refuse_special(path, st.st_mode)
    return st


def _refuse_special(path, mode: int) -> None:
    kind = file_kind(mode)
    if kind == "a folder":
        raise InputError(path, "is a folder, not a file", "pass the folder to the ingest command instead")
    if kind:
        raise InputError(path, f"is {kind}, not a regular file", "only regular files and folders are read")


def read_bytes(path, max_bytes: int | None = None, *, what: str = "file",
               limit: str = "max_text_mb", option: str = "--max-text-mb") -> tuple[bytes, str]:
    """The bytes of a regular file and their SHA-256 hex digest, read in 1 MB
    chunks and never more than ``max_bytes`` (+1) of them.

    Args:
        path: the file.
        max_bytes: the most bytes accepted (``None``: no limit).
        what, limit, option: how the limit is named in the error (``"file"``,
            the :class:`~litmine.types.Limits` field, the CLI option).

    Raises:
        InputError: missing, not a regular file (checked before opening),
            not permitted, or another OS error, naming the path and the
            operation in one line.
        LimitError: larger than ``max_bytes`` (from the size on disk, before
            reading; or while reading, for a file that grows).
    """
    st = check_regular(path)
    if max_bytes is not None and st.st_size > max_bytes:
        raise _too_big(path, st.st_size, max_bytes, what, limit, option)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except OSError as exc:
        raise os_error(path, exc, "open") from None
    try:
        _refuse_special(path, os.fstat(fd).st_mode)   # swapped for a FIFO after the stat
        digest, parts, total = hashlib.sha256(), [], 0
        while True:
            try:
                chunk = os.read(fd, _CHUNK)
            except OSError as exc:
                raise os_error(path, exc, "read") from None
            if not chunk:
                break
            total += len(chunk)
            if max_bytes is not None and total > max_bytes:
                raise _too_big(path, total, max_bytes, what, limit, option, growing=True)
            digest.update(chunk)
            parts.append(chunk)
    finally:
        os.close(fd)
    return b"".join(parts), digest.hexdigest()


def size_text(size: int, than: float = 0) -> str:
    """A size in bytes as short text: ``"512 bytes"``, ``"33.4 kB"`` below 1 MB,
    ``"8.1 MB"`` above (decimal units, 1 kB = 1,000 bytes), with as many
    decimals (up to 3, then whole bytes) as it takes for a size more than
    ``than`` bytes not to read as that size or less (``"8.004 MB"`` past 8 MB)."""
    if size < 1000:
        return f"{size:,} bytes"
    unit, scale = ("kB", 1e3) if size < 999_950 else ("MB", 1e6)
    for digits in (1, 2, 3):
        text = f"{size / scale:,.{digits}f}"
        if float(text.replace(",", "")) * scale > than:
            return f"{text} {unit}"
    return f"{size:,} bytes"


def _too_big(path, size: int, max_bytes: int, what: str, limit: str, option: str, growing=False) -> LimitError:
    have = f"more than {size_text(size, max_bytes)} so far" if growing else size_text(size, max_bytes)
    return LimitError(path, f"{what} is {have}, more than the limit of {mb_text(max_bytes / 1e6)} MB", limit, option)


def mb_text(mb: float) -> str:
    """A limit in megabytes as the user would write it: ``"8"``, ``"0.01"``,
    ``"0.000001"`` (never ``"1e-06"``)."""
    from decimal import Decimal
    text = f"{mb:g}"
    return format(Decimal(repr(mb)), "f") if "e" in text else text
