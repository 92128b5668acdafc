"""litmine's error catalogue: the library raises these, the CLI prints them in one line."""
from __future__ import annotations


class LitmineError(Exception):
    """Base class of every error litmine raises on purpose."""


class InputError(LitmineError):
    """A file cannot be read as a document.

    Args:
        path: the offending file.
        reason: what is wrong with it.
        hint: what the user can do about it (optional).

    ``str(err)`` is one line: ``"<path>: <reason> (<hint>)"``.
    """

    def __init__(self, path, reason: str, hint: str = ""):
        self.path = str(path)
        self.reason = reason
        self.hint = hint
        msg = f"{self.path}: {reason}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class EncryptedPDFError(InputError):
    """The PDF needs a password."""


class NoTextLayerError(InputError):
    """The PDF has no text layer (scanned pages): OCR is needed first."""


class DatabaseError(LitmineError):
    """The database cannot be opened, is of a newer schema, or a write failed."""


class ExportError(LitmineError):
    """An export cannot be written (e.g. the target exists and --force was not given)."""
