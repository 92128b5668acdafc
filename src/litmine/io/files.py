"""Reading a file's bytes with one-line errors (shared by the text and PDF readers)."""
from __future__ import annotations

from pathlib import Path

from litmine.errors import InputError


def read_bytes(path) -> bytes:
    """The file's bytes.

    Raises:
        InputError: missing, a folder, not permitted, or another OS error
            (``str(err)`` names the file and the reason in one line).
    """
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError(path, "no such file or directory") from None
    except IsADirectoryError:
        raise InputError(path, "is a folder, not a file") from None
    except PermissionError:
        raise InputError(path, "permission denied", "check the file's permissions") from None
    except OSError as exc:
        raise InputError(path, f"cannot read file: {exc.strerror or exc}") from None
