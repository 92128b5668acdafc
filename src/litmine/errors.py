"""litmine's error catalogue: the library raises these, the CLI prints them in one line."""
from __future__ import annotations


def display_path(path) -> str:
    """A path as storable, one-line text: undecodable bytes of a non-UTF-8 file
    name (``os.fsdecode`` surrogates) become U+FFFD, newlines and tabs ``\\n``/``\\t``."""
    text = str(path)
    text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t")


def shorten_path(text: str, limit: int = 240) -> str:
    """``text`` (a displayed path) cut in the middle when longer than ``limit``
    characters, so a message stays one readable line:
    ``"/data/aaaa…aaaa.txt (5,004 characters)"``."""
    if len(text) <= limit:
        return text
    return f"{text[:limit * 2 // 3]}…{text[-limit // 4:]} ({len(text):,} characters)"


class LitmineError(Exception):
    """Base class of every error litmine raises on purpose."""


class UsageError(LitmineError, ValueError):
    """An API argument outside its choices or range (``direction="up"``,
    ``source="tabel"``, ``limit=0``): one line naming the argument, its value
    and what to give. Also a ``ValueError``, so callers catching that still work."""


class InputError(LitmineError):
    """A file cannot be read as a document.

    Args:
        path: the offending file.
        reason: what is wrong with it.
        hint: what the user can do about it (optional).

    ``str(err)`` is one line: ``"<path>: <reason> (<hint>)"``.
    """

    def __init__(self, path, reason: str, hint: str = ""):
        self.path = display_path(path)
        self.reason = reason
        self.hint = hint
        msg = f"{shorten_path(self.path)}: {reason}"
        if hint:
            msg += f" ({hint})"
        super().__init__(msg)


class LimitError(InputError):
    """A document passes one of the resource limits (:class:`litmine.types.Limits`).

    Attributes:
        limit: the limit's name (``"max_text_mb"``, ``"time_limit_s"``...).
        option: the ``litmine ingest`` option that raises it (``"--max-text-mb"``).

    ``str(err)`` is one line: ``"<path>: <what> is more than the limit of <N> (raise it with <option> N)"``.
    """

    def __init__(self, path, reason: str, limit: str, option: str):
        self.limit = limit
        self.option = option
        super().__init__(path, reason, f"raise it with {option} N, or 0 for no limit")


class EncryptedPDFError(InputError):
    """The PDF needs a password."""


class NoTextLayerError(InputError):
    """The PDF has no text layer (scanned pages): OCR is needed first."""


class DatabaseError(LitmineError):
    """The database cannot be opened, is of a newer schema, or a write failed."""


class QueryError(LitmineError):
    """A query cannot be answered as asked: a document reference matches no
    stored document or several, or the document has nothing to compare."""


class ExportError(LitmineError):
    """An export cannot be written (e.g. the target exists and --force was not given)."""


class DuplicateDocumentError(DatabaseError):
    """A document with the same content hash is already stored (nothing was written).

    Attributes:
        path: the file being stored.
        document_id: id of the stored document with that content.
    """

    def __init__(self, path, document_id: int):
        self.path = display_path(path)
        self.document_id = document_id
        super().__init__(f"{self.path}: already in the database as document {document_id} "
                         "(same content); nothing to do")


class ProcessingError(LitmineError):
    """litmine could read a file but failed while processing it: a bug in litmine.

    ``str(err)`` is one line naming the file, the exception, what to do and
    (``log``) the file holding the traceback; the original exception is
    chained (``__cause__``).
    """

    def __init__(self, path, exc: BaseException, log: str = ""):
        self.path = display_path(path)
        self.log = log
        detail = " ".join(str(exc).split())[:200]
        where = f"; the traceback is in {log}" if log else ""
        super().__init__(f"{shorten_path(self.path)}: internal error while processing ({type(exc).__name__}: "
                         f"{detail}) (please report it as a litmine bug, with the file{where})")


def write_crash_log(exc: BaseException, argv=None) -> str:
    """Append ``exc``'s traceback (with the time and the command line) to
    litmine's log file and return the file's path, for a one-line report of
    an unexpected error. The folder is ``$LITMINE_LOG_DIR``, else the user log
    folder (platformdirs: ``~/.local/state/litmine/log`` on Linux), else the
    temporary folder."""
    import datetime
    import os
    import sys
    import tempfile
    import traceback

    import platformdirs

    text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    stamp = datetime.datetime.now().isoformat(timespec="seconds")
    entry = f"--- {stamp} pid {os.getpid()}: {' '.join(argv if argv is not None else sys.argv)}\n{text}\n"
    for folder in (os.environ.get("LITMINE_LOG_DIR"), platformdirs.user_log_dir("litmine"), tempfile.gettempdir()):
        if not folder:
            continue
        path = os.path.join(folder, "litmine.log")
        try:
            os.makedirs(folder, exist_ok=True)
            with open(path, "a", encoding="utf-8", errors="replace") as fh:
                fh.write(entry)
            return path
        except OSError:
            continue
    return "(no writable log folder)"
