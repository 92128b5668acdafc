"""litmine's command line: a thin layer over the Python API (:mod:`litmine.api`).

Each command parses its options, makes one API call and prints; library
errors (:class:`litmine.errors.LitmineError`) become one-line ``click`` errors.
"""
from __future__ import annotations

import errno
import inspect
import json
import os
import re
import signal
import sys
import threading
from collections import Counter
from pathlib import Path

import click

from . import __version__, api
from .errors import LitmineError, shorten_path, write_crash_log
from .consensus import STANCES
from .types import (DIRECTIONS, EXPORT_FORMATS, LANGS, MAX_FILTER_CHARS, MAX_REFERENCE_CHARS, MAX_WORKERS, PAIN_EFFECTS,
                    ROLES, TABLES,
                    BROKEN_LINK, REPEATED_PATH, UNSUPPORTED_FILE, Limits)

#: Exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130
#: Exit status of a run stopped by SIGTERM (``kill``, a job scheduler's time-out): 128 + 15.
EXIT_TERMINATED = 143


class _Terminated(KeyboardInterrupt):
    """SIGTERM, raised where Python is at the moment, like Ctrl-C: the document in progress is
    left out whole (its transaction rolls back) and the run ends with its counts."""


def _raise_terminated(signum, frame):
    raise _Terminated()


def _interrupt_of(exc: BaseException) -> KeyboardInterrupt | None:
    """The Ctrl-C (or SIGTERM, :class:`_Terminated`) behind ``exc``, or None: ``exc`` itself or one
    in its ``__cause__``/``__context__`` chain. Python wraps an interrupt that lands inside some
    machinery, e.g. a class body's ``__set_name__`` while a module (rich's) is imported, in a
    ``RuntimeError``; that is still the user's Ctrl-C, not a litmine bug."""
    seen = set()
    while exc is not None and id(exc) not in seen:
        if isinstance(exc, KeyboardInterrupt):
            return exc
        seen.add(id(exc))
        exc = exc.__cause__ or exc.__context__
    return None

csv_encoding_option = click.option(
    "--encoding", "csv_encoding", type=click.Choice(["utf-8-sig", "utf-8"]), default=None,
    help="CSV: utf-8-sig starts with a byte-order mark so Excel reads Chinese right (the default when the "
         "output is a file); utf-8 drops it.")

#: ``ctx.meta`` key of a ``--db`` typed before the command, on a group (:func:`_db_before`).
_DB_BEFORE = "litmine.db_before"


def _db_before(ctx, param=None, value=None) -> str | None:
    """click callback of a group's ``--db`` (``litmine --db X stats``, ``litmine docs --db X
    merged``): records ``value`` in the context's meta (shared with the command's context);
    called with ``ctx`` alone, the nearest ``--db`` so recorded, or None."""
    if param is not None:
        if value is not None:
            ctx.meta[_DB_BEFORE] = value
        return value
    return ctx.meta.get(_DB_BEFORE)


def _db_value(ctx, param, value):
    """click callback: ``--db ''`` (an unset shell variable, ``--db "$DB"``) is a usage error
    naming the option, not a silent fall-back to the default database; so is an in-memory
    SQLite database (``:memory:``, ``sqlite://``), which would end with the command (an
    ingest would report documents stored that no later command finds). A ``--db`` typed
    before the command (:func:`_db_before`) is the command's, ahead of ``$LITMINE_DB``; typed
    both before and after it with two values, a usage error. A name with a space at its start
    or end that names no file (``--db "x.sqlite "``, pasted) is refused, not created."""
    before = _db_before(ctx)
    if before is not None:
        if ctx.get_parameter_source(param.name) is click.core.ParameterSource.COMMANDLINE and value != before:
            raise click.BadParameter(f"given twice, {before} before the command and {value} after it: give it once",
                                     ctx, param)
        value = before
    if value is not None and not value.strip():
        raise click.BadParameter("empty: give a database file or URL, or leave --db out for "
                                 "$LITMINE_DB or db/litmine.sqlite", ctx, param)
    if value is not None and value.strip() in (":memory:", "sqlite://", "sqlite:///:memory:"):
        raise click.BadParameter(f"{value.strip()} is an in-memory database, gone when this command ends: "
                                 "give a database file", ctx, param)
    if value is not None and value != value.strip() and not os.path.exists(value):
        raise click.BadParameter(f"{value!r} starts or ends with a space (pasted?); give {value.strip()!r}", ctx, param)
    return value


db_option = click.option("--db", "db", envvar="LITMINE_DB", default=None, metavar="PATH_OR_URL",
                         callback=_db_value,
                         help="Database file or SQLAlchemy URL [default: $LITMINE_DB or db/litmine.sqlite].")


def _bom(fmt, target, encoding=None) -> bool:
    """Whether CSV output to ``target`` starts with a byte-order mark; a wrong
    ``--encoding`` is a usage error (exit status 2)."""
    from .formats.tables import csv_bom
    try:
        return csv_bom(fmt, target, encoding)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


class _Text(click.ParamType):
    """A text option of at most ``most`` characters, not empty nor only spaces
    (an empty filter would silently match everything); checked before any SQL."""

    name = "text"

    def __init__(self, most: int):
        self.most = most

    def convert(self, value, param, ctx):
        if value is not None and not value.strip():
            # an empty filter (--doc "", --target=) would match everything: refuse it
            raise click.UsageError(f"{_param_name(param)}: give a non-empty value", ctx)
        if value is not None and len(value) > self.most:
            self.fail(f"{len(value):,} characters long: give at most {self.most:,}", param, ctx)
        return value


def _param_name(param) -> str:
    """How a parameter is named in a message: an option by its shortest long
    name (``--doc`` for ``--document/--doc``), an argument by its metavar (``DOC``)."""
    if isinstance(param, click.Option):
        longs = [o for o in param.opts if o.startswith("--")] or param.opts
        return min(longs, key=len)
    return param.human_readable_name if param is not None else "value"


FILTER, REFERENCE = _Text(MAX_FILTER_CHARS), _Text(MAX_REFERENCE_CHARS)

SQLITE_MAX_INT = 2**63 - 1
"""Largest integer SQLite stores (a signed 64-bit INTEGER): a count or id option above it is
refused by click as out of range instead of an OverflowError in the query."""


class _Count(click.IntRange):
    """A click integer range shown as ``N`` in --help, its bounds as ``x>=1`` (or ``1<=x<=10000``
    where the upper bound is one a user may meet): :data:`SQLITE_MAX_INT`, the bound of every
    count, is no help to read (``1<=x<=9223372036854775807``)."""

    name = "integer"       # "'abc' is not a valid integer." (IntRange's: "... a valid integer range.")

    def get_metavar(self, param, ctx=None) -> str | None:
        return "N" if isinstance(param, click.Option) else None   # an argument keeps its name (CLAIM_ID)

    def _describe_range(self) -> str:
        return super()._describe_range() if self.max != SQLITE_MAX_INT else f"x>={self.min}"

    def convert(self, value, param, ctx):
        try:
            return super().convert(value, param, ctx)
        except click.BadParameter as exc:
            try:
                n = int(value)
            except (TypeError, ValueError):
                raise exc from None           # "'abc' is not a valid integer."
            self.fail(self.out_of_range(n), param, ctx)

    def out_of_range(self, n: int) -> str:
        """The message for ``n`` outside the range, in words: ``"0 is not in the range: give 1 to 64"``,
        ``"give 1 or more"`` (no upper bound a user meets), and past :data:`SQLITE_MAX_INT` the bound
        and why it is one."""
        if n > self.max and self.max == SQLITE_MAX_INT:
            return f"{n} is not in the range: give at most {SQLITE_MAX_INT} (the largest integer SQLite stores)"
        wanted = f"{self.min} or more" if self.max == SQLITE_MAX_INT else f"{self.min} to {self.max}"
        return f"{n} is not in the range: give {wanted}"


def _count_range(lo: int, hi: int = SQLITE_MAX_INT) -> click.IntRange:
    """A click integer type from ``lo`` up to ``hi`` (default :data:`SQLITE_MAX_INT`: counts,
    limits, ids), shown as ``N`` (:class:`_Count`)."""
    return _Count(min=lo, max=hi)


def count(n: int, plural: str) -> str:
    """``"1 sentence"``, ``"2 sentences"``, ``"0 sentences"``: ``plural`` is an
    English plural ending in "s" (the singular drops it)."""
    return f"{n} {plural[:-1] if n == 1 else plural}"


def _not_negative(ctx, param, value):
    """click callback: a finite limit of 0 or more (0 switches it off; ``inf``/``nan`` are refused)."""
    if value is not None and value != value or value in (float("inf"), float("-inf")):
        raise click.BadParameter(f"{value} is not a number of megabytes, pages or seconds: give 0 or more "
                                 "(0: no limit)", ctx, param)
    if value is not None and value < 0:
        raise click.BadParameter(f"{value:g} is negative: give 0 or more (0: no limit)", ctx, param)
    return value


def _codec(ctx, param, value):
    """click callback: an encoding Python knows (``codecs.lookup``), checked once before any file."""
    import codecs
    if value is None:
        return None
    try:
        codecs.lookup(value)
    except LookupError:
        raise click.BadParameter(f"unknown encoding {value!r} (e.g. utf-8, gb18030, gbk, big5, utf-16)",
                                 ctx, param) from None
    return value
_OUTPUT_ERRNOS = {errno.ENOSPC, errno.EFBIG, errno.EIO, getattr(errno, "EDQUOT", errno.ENOSPC)}


#: Output file suffixes that name a table format.
_SUFFIX_FORMATS = {".csv": "csv", ".jsonl": "jsonl", ".json": "json", ".xlsx": "xlsx"}


def _output_format(fmt: str, output, *, allowed=tuple(_SUFFIX_FORMATS.values())) -> str:
    """The format of an output file ``-o`` (``None`` or ``-``: standard output). Without
    ``--format`` (the current click context says the value is its default) it is the one the
    suffix names (``-o relations.csv`` writes CSV, not the default JSONL), and a suffix that names
    none of ``allowed`` (``-o out.xslx``, a typo; ``-o out``) is a usage error naming it and the
    known ones. With ``--format``, the rule of every command that writes a file
    (:func:`_check_suffix`): a suffix naming another kind of file is a usage error naming both
    (``--format bioc -o x.csv``, ``--format csv -o x.jsonl``); an unknown suffix or none is
    written as ``--format`` says."""
    if output is None or str(output) == "-":
        return fmt                     # "-o -" is standard output, as api.export reads it
    suffix = Path(output).suffix.lower()
    named = _SUFFIX_FORMATS.get(suffix) if _SUFFIX_FORMATS.get(suffix) in allowed else None
    ctx = click.get_current_context()
    if ctx.get_parameter_source("fmt") in (click.core.ParameterSource.DEFAULT, None):
        if named is None:
            known = [s for s, f in _SUFFIX_FORMATS.items() if f in allowed]
            what = f"unknown suffix {suffix!r}" if suffix else "no suffix"
            raise click.UsageError(f"-o {output}: {what}; name it {', '.join(known[:-1])} or {known[-1]}, "
                                   f"or give --format")
        return named
    if fmt == "table":          # the command's own message: the table is for the terminal
        return fmt
    _check_suffix(output, fmt, f"--format is {fmt}",
                  f" or give --format {named}" if named is not None and named != fmt else "")
    return fmt


def _check_suffix(output, fmt: str, given: str, hint: str = "") -> None:
    """:func:`litmine.formats.files.check_suffix` (an output whose suffix names another kind of
    file than ``fmt``) as a click usage error (exit status 2)."""
    from .errors import UsageError
    from .formats.files import check_suffix
    try:
        check_suffix(output, fmt, given=given, hint=hint)
    except UsageError as exc:
        raise click.UsageError(str(exc)) from None


def plain_help(doc: str) -> str:
    """A command's docstring as ``--help`` text: Sphinx markup taken out (double
    backquotes; roles such as :func: keep their target, a ``~`` target its last
    name) and each paragraph whose lines are all indented (examples) marked with
    click's ``\\b`` so it is printed as written, not re-wrapped."""
    text = inspect.cleandoc(doc)
    text = re.sub(r":[a-z]+:`(~?)([^`]+)`", lambda m: m.group(2).rsplit(".", 1)[-1] if m.group(1) else m.group(2),
                  text)
    text = re.sub(r"``([^`]+)``", r"\1", text)
    paragraphs = text.split("\n\n")
    return "\n\n".join("\b\n" + p if all(line.startswith("    ") for line in p.splitlines()) else p
                       for p in paragraphs)


def wrap_cells(text: str, width: int) -> list[str]:
    """``text``'s words (split at whitespace, never at hyphens: ``--no-group``, ``re-run``) in
    lines of at most ``width`` terminal cells where the words allow (a longer word is a line of its
    own). Cells, not characters: a Chinese character or full-width bracket takes two
    (``rich.cells.cell_len``), so help holding 跑台运动 or 【题名】 stays inside the terminal."""
    from rich.cells import cell_len
    lines: list[str] = []
    line, used = [], 0
    for word in text.split():
        w = cell_len(word)
        if line and used + 1 + w > width:
            lines.append(" ".join(line))
            line, used = [], 0
        used += w + (1 if line else 0)
        line.append(word)
    if line:
        lines.append(" ".join(line))
    return lines


class _Formatter(click.HelpFormatter):
    """click's help formatter, wrapping text by terminal cells without breaking at hyphens
    (:func:`wrap_cells`)."""

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 20)
        out = []
        for para in text.split("\n\n"):
            if para.startswith("\b\n"):
                out.append("\n".join(indent + line for line in para[2:].splitlines()))
            elif para.strip():
                out.append("\n".join(indent + line for line in wrap_cells(para, width)))
        self.write("\n\n".join(out) + "\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """click's definition list (options, commands) with the second column wrapped by
        :func:`wrap_cells` (click's breaks at hyphens: ``endnote-`` | ``xml``)."""
        from rich.cells import cell_len
        rows = list(rows)
        first_col = min(max((cell_len(first) for first, _ in rows), default=0), col_max) + col_spacing
        pad = " " * (first_col + self.current_indent)
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cell_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_len(first)))
            else:
                self.write("\n" + pad)
            lines = wrap_cells(second, max(self.width - first_col - 2, 10)) or [""]
            self.write("\n".join([lines[0]] + [pad + line for line in lines[1:]]) + "\n")


class _Context(click.Context):
    formatter_class = _Formatter


_EXTRA = re.compile(r"Got unexpected extra arguments? \((.*)\)$", re.S)
#: Suffixes of a file a user means as the database (``litmine stats x.sqlite``).
_DB_SUFFIXES = (".sqlite", ".sqlite3", ".db")


def extra_argument_hint(command: click.Command, extra: str) -> str | None:
    """What a word the command takes no argument for (``extra``, as click names it) most likely
    meant, as an option of ``command``: a database file -> ``--db``; a choice of one of its
    options (``export relations`` -> ``--table relations``); a query's filter -> ``--target``.
    None when nothing fits."""
    words = extra.split()
    options = {p.name: p for p in command.params if isinstance(p, click.Option)}
    if "db" in options and (extra.lower().endswith(_DB_SUFFIXES) or _is_sqlite_file(extra)):
        return f"give the database with --db {extra}"
    for word in words:
        for opt in options.values():
            if isinstance(opt.type, click.Choice) and word in opt.type.choices:
                return f"options come with their name: {opt.opts[-1] if len(opt.opts[-1]) > 2 else opt.opts[0]} {word}"
    if "target" in options and "exercise" in options:
        others = ", ".join(f"--{n}" for n in ("exercise", "model", "species") if n in options)
        return f"filters are options: --target {words[0]} (or {others}; litmine {command.name} --help)"
    return None


def _is_sqlite_file(path: str) -> bool:
    """``path`` is a readable file that starts as a SQLite database does."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == b"SQLite format 3\x00"
    except (OSError, ValueError):
        return False


def _refuse_repeated(command: click.Command, ctx, args: list[str]) -> None:
    """Usage error when :func:`repeated_option` finds an option of ``command`` named twice."""
    repeated = repeated_option(command, args)
    if repeated is not None:
        raise click.UsageError(f"{repeated} given twice: it takes one value (the last would silently win; "
                               f"see litmine {command.name} --help)", ctx)


def repeated_option(command: click.Command, args: list[str]) -> str | None:
    """The first option of ``command`` that takes one value and is named twice in ``args``
    (``--model SNI --model CCI``: click would keep the last and drop the first without a word),
    as its shortest long name; ``None`` when there is none. Options with ``multiple=True``
    (``--target`` of query), flags and counters may repeat; words after ``--`` are not options,
    nor, for a group, the words from its sub-command's name on (they are the sub-command's)."""
    single = {}
    for p in command.params:
        if isinstance(p, click.Option):
            for o in p.opts + p.secondary_opts:
                single[o] = p
    seen, skip = set(), False
    for arg in args:
        if skip:
            skip = False
            continue
        if arg == "--":
            break
        name = arg.split("=", 1)[0] if arg.startswith("--") else arg
        p = single.get(name)
        if p is None:
            if isinstance(command, click.Group) and not arg.startswith("-"):
                break               # the sub-command and its own options
            continue
        takes_value = not (p.is_flag or p.count)
        skip = takes_value and "=" not in arg
        if not takes_value or p.multiple:
            continue
        if p.name in seen:
            return _param_name(p)
        seen.add(p.name)
    return None


class _Command(click.Command):
    """A command whose help is :func:`plain_help` of its docstring, and whose "unexpected extra
    argument" error says which option the word most likely belongs to (:func:`extra_argument_hint`)."""

    context_class = _Context

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.help:
            self.help = plain_help(self.help)

    def parse_args(self, ctx, args):
        _refuse_repeated(self, ctx, args)
        try:
            return super().parse_args(ctx, args)
        except click.NoSuchOption as exc:
            hint = output_option_hint(self, exc.option_name, ctx.command_path)
            if hint:
                exc.message = f"{exc.message.rstrip('.')}: {hint}"
            raise
        except click.UsageError as exc:
            m = _EXTRA.match(exc.message)
            hint = m and extra_argument_hint(self, m.group(1))
            if hint:
                exc.message = f"{exc.message}: {hint}"
            raise


#: Commands that print rows to standard output (``claims show``: ``show`` without ``-o``).
_PRINTS_ROWS = ("query", "compare", "stats", "merged", "show")
#: Where a command that prints its rows has a command that writes them to a file instead.
_FILE_INSTEAD = {"query": "litmine export --table relations -o FILE writes every relation"}


def output_option_hint(command: click.Command, option: str, path: str = "") -> str | None:
    """What to do instead of ``-o``/``--output`` on a command that prints to standard output and
    has no such option (``litmine query --target TNF -o tnf.csv``): redirect it, with a format
    for files where the command has one, or the command that writes files. ``path``: how the
    command is called (``litmine docs merged``). None for other options, and for commands that
    have ``-o``."""
    if option.split("=", 1)[0] not in ("-o", "--output") or command.name not in _PRINTS_ROWS or any(
            isinstance(p, click.Option) and "-o" in p.opts for p in command.params):
        return None
    formats = next((p.type.choices for p in command.params if p.name == "fmt" and isinstance(p.type, click.Choice)),
                   ())
    files = [f for f in formats if f != "table"]
    how = ("> FILE, with --format " + (f"{', '.join(files[:-1])} or {files[-1]}" if len(files) > 1 else files[0])
           if files else "> FILE, with --json" if any(p.name == "as_json" for p in command.params) else "> FILE")
    also = _FILE_INSTEAD.get(command.name or "")
    return f"{path or command.name} prints to standard output: {how}" + (f"; {also}" if also else "")


class _Group(click.Group):
    """Turns every failure into one line: a :class:`~litmine.errors.LitmineError`
    is printed as it is (exit status 1), Ctrl-C is one line ``interrupted`` (exit status 130),
    a closed pipe ends quietly, a full disk
    or a file-size limit is reported; any other exception (a bug) prints one
    line naming it and the log file that holds its traceback
    (:func:`litmine.errors.write_crash_log`), never the traceback itself."""

    command_class = _Command
    group_class = type          # sub-groups are _Group too
    context_class = _Context

    def parse_args(self, ctx, args):
        _refuse_repeated(self, ctx, args)
        return super().parse_args(ctx, args)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.help:
            self.help = plain_help(self.help)

    def resolve_command(self, ctx, args):
        try:
            return super().resolve_command(ctx, args)
        except click.UsageError as exc:        # litmine claims BDNF: a filter, not a command
            hint = args and exc.message.startswith("No such command") and extra_argument_hint(self, args[0])
            if hint:
                exc.message = f"{exc.message.rstrip('.')}: {hint}"
            raise

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except LitmineError as exc:
            raise click.ClickException(str(exc)) from exc
        except BrokenPipeError:
            # the reader went away (| head): stop without a traceback
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except OSError as exc:
            if exc.errno in _OUTPUT_ERRNOS and exc.filename is None:
                raise click.ClickException(f"cannot write output: {exc.strerror or exc}") from None
            raise click.ClickException(self._unexpected(exc)) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except (KeyboardInterrupt, Exception) as exc:
            if _interrupt_of(exc) is not None:
                # Ctrl-C in a command other than ingest (which reports its own counts), also one Python
                # wrapped (see _interrupt_of): one line and the shell's status for it (130), not click's
                # "Aborted!" and status 1; an output file is written whole or not at all
                # (formats.files.write_new_file), so none is left half-made
                click.echo(f"{chr(10) if sys.stderr.isatty() else ''}interrupted", err=True)
                sys.exit(EXIT_INTERRUPTED)
            raise click.ClickException(self._unexpected(exc)) from None

    @staticmethod
    def _unexpected(exc: BaseException) -> str:
        detail = " ".join(str(exc).split())[:200]
        return (f"unexpected error ({type(exc).__name__}: {detail}); this is a litmine bug, please report it: "
                f"the traceback is in {write_crash_log(exc)}")


#: ``--db`` on a group (``litmine --db X stats``): read by the command's own ``--db`` (:func:`_db_before`).
group_db_option = click.option("--db", "db", default=None, metavar="PATH_OR_URL", expose_value=False,
                               callback=_db_before,
                               help="Database file or SQLAlchemy URL for the command (the same as the "
                                    "command's --db).")


@click.group(cls=_Group)
@click.version_option(version=__version__, prog_name="litmine")
@group_db_option
def cli():
    """litmine: exercise-medicine literature (Chinese and English) into an evidence base.

    Start by ingesting papers (PDF, text, saved web pages), search exports
    (PubMed, RIS, CNKI...) or folders; then query the exercise -> effect
    relations, search the sentences, see what all documents say (claims),
    or export tables. The database is db/litmine.sqlite unless --db or
    $LITMINE_DB names another. litmine COMMAND --help tells more.

    Example:

        litmine ingest papers/ pubmed.xml
        litmine query --target TNF
        litmine search 跑台 炎症
        litmine export --table relations -o relations.csv
    """


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@db_option
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be ingested.")
@click.option("--encoding", default=None, callback=_codec, help="Text encoding of .txt files (e.g. gb18030) instead of detection.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-file lines except failures; the summary.")
@click.option("--create-dirs", is_flag=True, help="Create the --db file's folder if it does not exist.")
@click.option("--all-files", is_flag=True,
              help="In folders, also read hidden and README/LICENSE/CHANGELOG-like files (skipped by default).")
@click.option("--role", type=click.Choice(ROLES), default=None,
              help="Role of the documents: review (its claims are tracked) or primary [default: primary; "
                   "a stored document keeps its own].")
@click.option("--force", is_flag=True,
              help="Process documents already stored again and replace them (and their evidence on the claims).")
@click.option("--max-text-mb", type=float, callback=_not_negative, default=Limits.max_text_mb, show_default=True,
              metavar="MB", help="Largest text per document: a text file's size, a PDF's extracted text (0: no limit).")
@click.option("--max-pdf-mb", type=float, callback=_not_negative, default=Limits.max_pdf_mb, show_default=True,
              metavar="MB", help="Largest PDF file (0: no limit).")
@click.option("--max-pdf-pages", type=int, callback=_not_negative, default=Limits.max_pdf_pages, show_default=True,
              metavar="N", help="Most pages of a PDF (0: no limit).")
@click.option("--max-inflate-mb", type=float, callback=_not_negative, default=Limits.max_inflate_mb,
              show_default=True, metavar="MB",
              help="Most megabytes a PDF's compressed streams (not images) may inflate to (0: no limit).")
@click.option("--time-limit", type=float, callback=_not_negative, default=Limits.time_limit_s, show_default=True,
              metavar="SECONDS", help="Most CPU seconds of reading and processing per document, not the clock's "
                   "(0: no limit).")
@click.option("--max-export-mb", type=float, callback=_not_negative, default=Limits.max_export_mb, show_default=True,
              metavar="MB", help="Largest search export read as text (RIS, MEDLINE, CNKI...; XML is streamed) (0: no limit).")
@click.option("--format", "fmt", type=click.Choice(("txt", "pdf") + EXPORT_FORMATS), default=None, metavar="FORMAT",
              help=f"Read every file in this format instead of detecting it from the content: "
                   f"{', '.join(('txt', 'pdf') + EXPORT_FORMATS)}.")
@click.option("--workers", "-j", type=_count_range(1, MAX_WORKERS), default=1, show_default=True,
              help="Processes running the NLP (each loads the models once); this one reads, decides and "
                   "stores, in input order.")
def ingest(paths, db, strict, encoding, quiet, create_dirs, all_files, role, force, max_text_mb, max_pdf_mb,
           max_pdf_pages, max_inflate_mb, time_limit, max_export_mb, fmt, workers):
    """Ingest papers (PDF, text), search exports and folders (recursively) into the database.

    Search exports -- PubMed XML, MEDLINE/.nbib, RIS, Web of Science text,
    EndNote XML, BibTeX, CNKI/Wanfang/VIP text (EndNote, RefWorks, NoteExpress, 【题名】 text; GB18030
    detected), Zotero RDF, CSL JSON, a Zotero data folder's zotero.sqlite --
    give one document per record (title and abstract, or the attached PDF),
    the format read from the content (--format names it). The same paper from
    two sources (DOI, PMID, or title + year + first author) is one document:
    the later copy is merged into it (one "merged" line; litmine docs
    merged lists them). A file read again with other content (edited)
    replaces the document stored from it, in one transaction; a file whose
    text is a stored document's (saved in another encoding or line ending)
    is skipped ("same text as NAME"). Each record
    is committed on its own: an interrupted import re-run skips what is stored.

    Prints one line per file and a summary; a file that cannot be read gets one
    line on standard error (file, reason, what to do) and the batch goes on.
    In folders, hidden files and a project's README/LICENSE/CHANGELOG-like
    files are not papers: they are skipped and named (``ignored``); a file
    named on the command line is always read. A --db in a folder that does
    not exist is refused (a typo) unless --create-dirs.
    After each stored document, one line counts its relations by their stance
    toward the claims base (supports, contradicts, refines, context_differs,
    new; see litmine claims). --role review marks the documents as reviews
    whose claims are tracked; --force re-processes documents already stored
    and replaces them, their evidence on the claims with them. Only regular
    files and folders are read (a named pipe, device or socket is refused at
    once); a document past a size or time limit (--max-* options,
    --time-limit) is refused with the limit and the option that raises it.
    Exits with status 1 when any file failed, 130 when interrupted (Ctrl-C),
    143 when terminated (SIGTERM):
    every document is stored whole or not at all, so re-running the same
    command goes on where it stopped.

    Example:

        litmine ingest corpus/ paper.pdf --db db/litmine.sqlite
        litmine ingest review.pdf --role review
        litmine ingest corpus/ --workers 2
    """
    counts = {"stored": 0, "skipped": 0, "failed": 0, "merged": 0, "replaced": 0, "records": 0,
              "current": None}   # current: the file in progress
    ignored: list[tuple[str, str]] = []      # (path, reason)
    # SIGTERM ends the run like Ctrl-C while it runs; the handler before it comes back after, so a
    # program that runs this command in its own process (click's CliRunner, a test run) keeps its own
    main = threading.current_thread() is threading.main_thread()      # signal handlers: main thread only
    previous = signal.signal(signal.SIGTERM, _raise_terminated) if main else None
    try:
        _ingest_command(paths, db, strict, encoding, quiet, create_dirs, all_files, role, force, max_text_mb,
                        max_pdf_mb, max_pdf_pages, max_inflate_mb, time_limit, max_export_mb, fmt, workers,
                        counts, ignored)
    finally:
        if main:            # None: a handler set outside Python, which this cannot put back; the default then
            signal.signal(signal.SIGTERM, signal.SIG_DFL if previous is None else previous)


def _ingest_command(paths, db, strict, encoding, quiet, create_dirs, all_files, role, force, max_text_mb, max_pdf_mb,
                    max_pdf_pages, max_inflate_mb, time_limit, max_export_mb, fmt, workers, counts, ignored):
    """The ``ingest`` command's run, its summary and exit status, with SIGTERM handled (see :func:`ingest`)."""
    try:
        limits = Limits(max_text_mb=max_text_mb, max_pdf_mb=max_pdf_mb, max_pdf_pages=max_pdf_pages,
                        max_inflate_mb=max_inflate_mb, time_limit_s=time_limit, max_export_mb=max_export_mb)
        _ingest(paths, db, strict, encoding, quiet, counts, ignored, create_dirs, all_files, role, force, limits,
                fmt, workers)
    except (KeyboardInterrupt, Exception) as exc:
        stop = _interrupt_of(exc)      # also a Ctrl-C that Python wrapped in a RuntimeError
        if stop is None:
            raise
        term = isinstance(stop, _Terminated)
        newline = "\n" if sys.stderr.isatty() and not term else ""     # after the terminal's "^C"
        during = f" (during {shorten_path(counts['current'])})" if counts.get("current") else ""
        click.echo(f"{newline}{'terminated' if term else 'interrupted'}: {counts['stored']} stored; "
                   f"re-run to continue{during}", err=True)
        sys.exit(EXIT_TERMINATED if term else EXIT_INTERRUPTED)
    click.echo(f"{counts['stored']} stored, {counts['skipped']} skipped, {counts['failed']} failed")
    if counts["records"] or counts["merged"]:   # an edited plain file says "replaced PATH" itself
        read = counts["stored"] + counts["skipped"] + counts["failed"] + counts["merged"]
        click.echo(f"{count(read, 'records')} read: {count(counts['stored'] - counts['replaced'], 'new documents')}, "
                   f"{counts['replaced']} replaced, {count(counts['merged'], 'duplicates')} merged, "
                   f"{counts['skipped']} already stored, {counts['failed']} failed")
    unread = [(p, r) for p, r in ignored if r.startswith((UNSUPPORTED_FILE, BROKEN_LINK))]
    ignored = [(p, r) for p, r in ignored if not r.startswith((UNSUPPORTED_FILE, BROKEN_LINK))]
    if ignored:
        click.echo(f"{len(ignored)} ignored in folders (hidden or README/LICENSE-like, not papers; "
                   f"--all-files reads them): {_some(p for p, _ in ignored)}")
    if unread:
        why = Counter(r for _, r in unread)
        click.echo(f"{count(len(unread), 'files')} skipped in folders, not read "
                   f"({'; '.join(f'{r}: {n}' for r, n in why.most_common())}; "
                   "litmine reads .txt, .md, .pdf, .html and search exports): "
                   f"{_some(p for p, _ in unread)}")
    if not any(counts[k] for k in ("stored", "skipped", "failed", "merged")):
        where = _some(shorten_path(p) for p in paths)
        click.echo(f"no papers (.txt, .md, .pdf, .html) or search exports found in {where}" if not ignored else
                   f"no papers found in {where}, only ignored files (name them, or use --all-files)",
                   err=True)
    if counts["failed"] or not any(counts[k] for k in ("stored", "skipped", "failed", "merged")):
        sys.exit(1)


def _some(names, most: int = 5) -> str:
    """The first ``most`` of ``names``, comma-separated, ``", ..."`` if there are more."""
    names = list(names)
    return ", ".join(names[:most]) + (", ..." if len(names) > most else "")


def _stance_line(stances: dict) -> str:
    """``"2 supports, 1 contradicts, 3 new"`` (stances in :data:`STANCES` order, zeros left out)."""
    parts = [f"{stances[k]} {k}" for k in STANCES if stances.get(k)]
    return ", ".join(parts) if parts else "none of its relations has a target concept (no claim to judge)"


def _ingest(paths, db, strict, encoding, quiet, counts, ignored, create_dirs=False, all_files=False, role=None,
            force=False, limits=None, fmt=None, workers=1):
    from .formats.terminal import progress

    engine = api.connect(db, create_dirs=create_dirs)   # an unusable --db: one error line before any file
    bar = progress(desc="ingest", unit="file", enabled=not quiet, leave=True)

    def started(path: str) -> None:
        counts["current"] = path
        bar.set_postfix_str(shorten_path(path, 40), refresh=False)

    def report(res):
        if res.status == "ignored":
            ignored.append((res.path, res.reason))
            if not quiet and not res.reason.startswith((UNSUPPORTED_FILE, BROKEN_LINK)):   # in the summary only
                bar.write(f"ignored  {res.path}: {res.reason}", file=sys.stdout)
            return
        counts[res.status] += 1
        counts["records"] += bool(res.record)
        counts["replaced"] += res.status == "stored" and res.replaced
        counts["current"] = None
        bar.update(1)
        if quiet and res.status != "failed":
            return
        where = f"{res.path}#{res.record}" if res.record else res.path
        if res.status == "merged":
            bar.write(f"merged   {where}: same {res.merged_by} as {res.merged_into} (document {res.document_id})",
                      file=sys.stdout)
            return
        if res.status == "stored":
            line = (f"{'replaced' if res.replaced else 'stored  '} {where}: {count(res.n_sentences, 'sentences')}, "
                    f"{count(res.n_mentions, 'mentions')}, {count(res.n_relations, 'relations')}"
                    f"{' (review)' if res.role == 'review' else ''}")
            if res.reason and res.replaced:
                line += f" ({res.reason})"
            for w in res.warnings:
                line += f"\n  warning: {w}"
            if res.n_relations:       # "0 relations" is said above: no claims line to add nothing
                line += f"\nclaims   {where}: {_stance_line(res.stances)}"
        elif res.status == "skipped" and (res.reason or "").startswith(REPEATED_PATH):
            line = f"skipped  {where}: {res.reason}"
        elif res.status == "skipped":
            line = f"skipped  {where}: already in the database (same content), " + \
                (f"{res.reason}" if res.reason else "nothing to do (--force processes it again)")
        else:
            line = f"failed   {res.error}"
        bar.write(line, file=sys.stdout if res.status != "failed" else sys.stderr)

    try:
        api.ingest(paths, engine, strict=strict, encoding=encoding, all_files=all_files, role=role, force=force,
                   on_result=report, limits=limits, on_start=started, fmt=fmt,
                   workers=workers)
    except LitmineError as exc:     # only with --strict: otherwise a failing file is reported and skipped
        bar.write(f"failed   {exc}", file=sys.stderr)
        raise click.ClickException(f"stopped at the first failure (--strict): {counts['stored']} stored, "
                                   f"{counts['skipped']} skipped before it") from exc
    finally:
        bar.close()
        api.close(engine)       # a database file made by this run that holds nothing is removed


@cli.command()
@db_option
@click.option("--exercise", type=FILTER, multiple=True,
              help="Exercise class and the classes under it (e.g. treadmill, 跑台, aerobic); repeat for any of several.")
@click.option("--target", type=FILTER, multiple=True,
              help="Target name, synonym or concept id (whole names: IL-1 is not IL-10; e.g. TNF, BDNF); "
                   "repeat for any of several.")
@click.option("--direction", type=click.Choice(DIRECTIONS), multiple=True,
              help="Direction the relation asserts (better_than: one exercise compared with another): a negated "
                   "increase or decrease ('failed to attenuate X') is no_change, as the claims base counts it; "
                   "repeat for any of several.")
@click.option("--raw-direction", is_flag=True,
              help="With --direction: match the stored direction whatever its negation (the direction and "
                   "negated columns) instead of the asserted one (asserted_direction).")
@click.option("--model", type=FILTER, help="Disease or animal model (whole name or synonym, e.g. SNI, CIPN, 坐骨神经损伤).")
@click.option("--species", type=FILTER, help="Species (mouse, rat, human).")
@click.option("--lang", type=click.Choice(LANGS), help="Language of the evidence sentence.")
@click.option("--doc", type=REFERENCE, help="Document: path to the file, stored name, name prefix or content-hash prefix.")
@click.option("--pain-effect", type=click.Choice(PAIN_EFFECTS), help="Derived effect on pain.")
@click.option("--limit", type=_count_range(1), default=None, help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "jsonl"]), default="table",
              help="table for the terminal; csv, json, jsonl: every row and column [default: table].")
@click.option("--full", is_flag=True, help="Table: whole evidence sentences, wrapped (default: cut to one line).")
@click.option("--no-group", is_flag=True,
              help="Table: show a relation stated in both abstracts (zh and en) as two rows, not one.")
@csv_encoding_option
def query(db, exercise, target, direction, raw_direction, model, species, lang, doc, pain_effect, limit, fmt, full,
          no_group, csv_encoding):
    """Query exercise -> effect relations, with their evidence sentences.

    The table gives, per document, each relation's slots and its evidence
    sentence (cut to the terminal width; --full for whole sentences); a
    relation stated in both abstracts of a document is one row with both
    sentences (--no-group for two). csv/json/jsonl give every row and column.

    --exercise, --target and --direction may be repeated: a relation matching
    any of the values is listed (--target BDNF --target TNF: both); different
    options must all match. The other options take one value (named twice: a
    usage error). --direction is the direction a relation asserts, as litmine
    claims counts it: "failed to attenuate X" is stored as decrease, negated,
    and answers --direction no_change, not decrease; --raw-direction (with
    --direction) matches the stored direction instead. The table's direction
    is the asserted one (note: "negated decrease"); csv/json/jsonl rows have
    direction (stored), negated, and asserted_direction (what --direction
    matches).

    Example:

        litmine query --target TNF --direction decrease --format csv
        litmine query --target BDNF --target TNF --direction no_change
    """
    from .formats.tables import write_rows
    from .formats.terminal import print_relations
    from .store.queries import RELATION_COLUMNS

    if raw_direction and not direction:
        raise click.UsageError(api.RAW_WITHOUT_DIRECTION.format(raw="--raw-direction", direction="--direction"))
    bom = _bom(fmt, sys.stdout, csv_encoding)
    exercise, target, direction = exercise or None, target or None, direction or None
    table = fmt == "table"          # the table reads one row past --limit, to say whether more match
    rows = api.iter_query(db, exercise=exercise, target=target, direction=direction, model=model, species=species,
                          lang=lang, doc=doc, pain_effect=pain_effect,
                          limit=min(limit + 1, SQLITE_MAX_INT) if table and limit else limit,
                          raw_direction=raw_direction)   # streamed (csv, json...)
    if table:
        rows = list(rows)                 # the table groups rows and fits columns: it needs them all
        cut = limit if limit and len(rows) > limit else None
        rows = rows[:limit] if cut else rows
        empty = "" if rows else api.no_match_note(db, exercise=exercise, target=target, direction=direction,
                                                  model=model, species=species, lang=lang, doc=doc,
                                                  pain_effect=pain_effect)
        print_relations(rows, full=full, group=not no_group, empty=empty, cut=cut)
    else:
        write_rows(rows, fmt, sys.stdout, RELATION_COLUMNS, bom=bom)


@cli.command(context_settings={"ignore_unknown_options": True})  # "-跑台" is a NOT term, not an option
@click.argument("words", nargs=-1, required=True)
@db_option
@click.option("--lang", type=click.Choice(LANGS), help="Only sentences in this language.")
@click.option("--document", "--doc", "doc", type=REFERENCE,
              help="Only this document: path to the file, stored name, name prefix or content-hash prefix.")
@click.option("--limit", type=_count_range(1, 10_000), default=20, show_default=True,
              help="At most this many sentences, best first.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "jsonl"]), default="table",
              help="table for the terminal; csv, json, jsonl: every column, hits as offsets [default: table].")
@click.option("--exact", is_flag=True,
              help="The words as typed: a molecule's name is not widened to its other names (TNF-α, 肿瘤坏死因子, ...).")
@csv_encoding_option
def search(words, db, lang, doc, limit, fmt, exact, csv_encoding):
    """Search the stored sentences for words, in Chinese and English.

    WORDS are joined into one query: words side by side must all occur
    (AND); OR, NOT (a NOT b, or a -b: a leading minus is NOT, after a term)
    and parentheses combine them; "quoted phrases"
    match words in sequence; treadm* is a prefix. English words are stemmed
    (running finds run); Chinese words are segmented with jieba and
    litmine's dictionary (运动 finds 跑台运动, 炎症 finds 炎症反应). A word naming
    a molecule, receptor or process of the lexicon also finds its other names
    in both languages (肿瘤坏死因子 finds TNF-α; --exact: as typed). The table
    shows each sentence with the words found highlighted, best match first,
    and the relations litmine read in it; csv/json/jsonl give every column
    (hits as character offsets into the sentence).

    Example:

        litmine search "treadmill AND TNF"
        litmine search 跑台 炎症 --lang zh
        litmine search "pain -exercise"
        litmine search '"spinal cord" OR 脊髓' --format jsonl --limit 100
    """
    # unknown options reach WORDS so that "-跑台" can be a NOT term; "--limt" and "-o" (one letter) cannot be
    unknown = next((w for w in words if w.startswith("--") and len(w) > 2 or re.fullmatch(r"-[A-Za-z]", w)), None)
    if unknown is not None:
        out = "search prints to standard output: > FILE, with --format csv, json or jsonl; " \
            if unknown in ("-o", "--output") or unknown.startswith("--output=") else ""
        raise click.UsageError(f"no such option: {unknown.split('=')[0]} ({out}see litmine search --help)")
    from .formats.tables import write_rows
    from .formats.terminal import print_search
    from .store.search import SEARCH_COLUMNS

    from .store.search import MAX_LIMIT
    bom = _bom(fmt, sys.stdout, csv_encoding)
    fetch = min(limit + 1, MAX_LIMIT) if fmt == "table" else limit     # one past: do more match?
    rows = api.search(" ".join(words), db, lang=lang, doc=doc, limit=fetch, concepts=not exact)
    if fmt == "table":
        more = len(rows) > limit or fetch == limit == len(rows)         # at MAX_LIMIT: cannot tell, say so
        print_search(rows[:limit], limit=limit if more else None)
    else:
        write_rows(rows, fmt, sys.stdout, SEARCH_COLUMNS, bom=bom)


@cli.command()
@db_option
@click.option("--table", type=click.Choice(TABLES), default=None, metavar="TABLE",
              help=f"The table to export with csv, jsonl, json or xlsx: {', '.join(TABLES)} [default: relations].")
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "json", "xlsx", "bioc", "pubtator"]),
              default="jsonl",
              help="Table formats, or bioc (BioC JSON) / pubtator: documents with mentions and relations "
                   "[default: the one -o's suffix names (.csv, .jsonl, .json, .xlsx), else jsonl].")
@click.option("--doc", type=REFERENCE, help="Only this document (path to the file, stored name, name prefix or content-hash "
                            "prefix): with bioc or pubtator, or its rows of --table relations or studies.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file [default: standard output; required for xlsx].")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@csv_encoding_option
def export(db, table, fmt, doc, output, force, csv_encoding):
    """Export a table as CSV, JSONL, JSON or XLSX, or documents as BioC or PubTator.

    Example:

        litmine export --table relations --format jsonl -o relations.jsonl
        litmine export --table claims --format xlsx -o claims.xlsx
        litmine export --table studies --format xlsx -o studies.xlsx
        litmine export --format bioc --doc paper.pdf -o paper.bioc.json
        litmine export --table relations --doc paper.pdf --format csv -o paper.csv
    """
    from .formats.terminal import progress

    fmt = _output_format(fmt, output)                  # -o relations.csv without --format: CSV
    _bom(fmt, output or sys.stdout, csv_encoding)      # a wrong --encoding: usage error before any work
    # a bar on standard error, unless the rows themselves go to the same terminal
    bar = progress if output is not None or not sys.stdout.isatty() else None
    res = api.export(db, table=table, fmt=fmt, output=output, doc=doc, force=force, encoding=csv_encoding,
                     progress=bar)
    if res.output is not None:
        click.echo(f"{count(res.count, res.what)} written to {res.output}")


@cli.command()
@click.argument("doc", required=False, type=REFERENCE)
@db_option
@click.option("--review", type=REFERENCE,
              help="Compare with this review's claims only: path to the file, stored name, name prefix or "
                   "content-hash prefix.")
@click.option("--paper", type=REFERENCE, help="The document to compare (the same as DOC).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl", "csv"]), default="table",
              help="table for the terminal; json, jsonl, csv: every column [default: table].")
def compare(doc, db, review, paper, fmt):
    """Show how each relation of a stored document stands to the claims.

    Each relation supports, contradicts or refines a claim (exercise class,
    target, direction), differs from it in context (another population,
    species or tissue), or is new. Without --review: the stances recorded when
    DOC was ingested, against every document stored before it; with --review:
    against that review's claims only. Rules: litmine.consensus.

    Example:

        litmine compare new_trial.pdf
        litmine compare new_trial.pdf --review review.pdf --format json
    """
    from .formats.report import direction_text, relation_flags
    from .formats.tables import write_rows
    from .store.claims import STANCE_COLUMNS

    if doc and paper and doc != paper:
        raise click.UsageError("give the document once: DOC or --paper")
    doc = doc or paper
    if not doc:
        raise click.UsageError("name the document to compare: litmine compare DOC [--review REVIEW]")
    out = api.compare(doc, review=review, db=db, on_warning=lambda w: click.echo(f"warning: {w}", err=True))
    if fmt != "table":
        write_rows(out, fmt, sys.stdout, STANCE_COLUMNS, bom=_bom(fmt, sys.stdout))
        return
    for r in out:   # the claim as judged: "64 decrease" (its direction may have changed since)
        r["claim_shown"] = f"{r['claim_id']} {r['claim_direction']}" if r["claim_id"] is not None else ""
        # "failed to reduce X" is stored as decrease + negated: "no_change (negated decrease)", as every view says it
        r["direction_shown"] = direction_text(r) + relation_flags(r)
    _print_rows(out, [("stance", "stance"), ("exercise", "exercise"), ("direction", "direction_shown"),
                      ("target", "target"), ("model", "model"), ("species", "species"), ("tissue", "tissue"),
                      ("claim (as judged)", "claim_shown")])
    counts = {k: sum(r["stance"] == k for r in out) for k in STANCES}
    click.echo(", ".join(f"{n} {k}" for k, n in counts.items()))


def _print_rows(rows: list[dict], columns: list[tuple[str, str]]) -> None:
    """Rows as an aligned plain table (widths in terminal cells)."""
    from .formats.terminal import plain_table
    for line in plain_table(rows, columns):
        click.echo(line)


@cli.group(invoke_without_command=True)
@db_option
@click.option("--target", type=FILTER, multiple=True,
              help="Target name, synonym or concept id (e.g. TNF, 肿瘤坏死因子, HGNC:1033); repeat for any of several.")
@click.option("--exercise", type=FILTER, multiple=True,
              help="Exercise class and the classes under it (e.g. aerobic, treadmill, 跑台运动); repeat for any of "
                   "several.")
@click.option("--conflicts-only", is_flag=True, help="Only claims whose comparable evidence is split.")
@click.option("--min-docs", type=_count_range(0), default=0, help="Only claims with evidence from N documents.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "jsonl", "xlsx"]), default="table",
              help="[default: table; with -o, the format its suffix names (.csv, .jsonl, .json, .xlsx)]")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file (required for xlsx).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@click.pass_context
def claims(ctx, db, target, exercise, conflicts_only, min_docs, fmt, output, force):
    """List the claims base: what all documents say about each exercise and target.

    A claim is (exercise class, target, direction) with the documents by their
    stance toward it, languages, species, consensus and confidence (0..1), and
    a conflict flag when comparable evidence is split. ``litmine claims show
    ID`` lists one claim's evidence sentences. --target and --exercise may be
    repeated: claims matching any of the values are listed.

    Example:

        litmine claims --target BDNF
        litmine claims --target BDNF --target TNF
        litmine claims --exercise aerobic --conflicts-only -o conflicts.csv
        litmine claims show 12
    """
    if ctx.invoked_subcommand is not None:
        ctx.obj = {"db": db}
        return
    from .formats.files import check_output, write_new_file
    from .formats.tables import write_rows
    from .store.claims import CLAIM_COLUMNS

    fmt = _output_format(fmt, output)                  # -o claims.xlsx without --format: XLSX
    if fmt == "xlsx" and output is None:
        raise click.UsageError("xlsx needs an output file: -o FILE.xlsx")
    if fmt == "table" and output is not None:
        raise click.UsageError("the table is for the terminal; with -o choose --format csv, json, jsonl or xlsx")
    if output is not None:
        check_output(output, force)
    rows = api.claims(db, target=target or None, exercise=exercise or None, conflicts_only=conflicts_only,
                      min_docs=min_docs)
    if output is not None:
        def write(tmp):
            if fmt == "xlsx":
                return write_rows(rows, fmt, tmp, CLAIM_COLUMNS, sheet="claims")
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                return write_rows(rows, fmt, fh, CLAIM_COLUMNS, bom=_bom(fmt, output))
        n = write_new_file(output, write, force)
        click.echo(f"{count(n, 'claims')} written to {output}")
        return
    if fmt != "table":
        write_rows(rows, fmt, sys.stdout, CLAIM_COLUMNS, bom=_bom(fmt, sys.stdout))
        return
    if not rows:
        click.echo("no claims match")
        return
    for r in rows:
        r["stances"] = " ".join(f"{k[:3] if k != 'context_differs' else 'ctx'}:{r[k]}" for k in STANCES if r[k])
        r["conflict"] = "CONFLICT" if r["conflict"] else ""
        # the claim as it stands now (claims show's header), beside the stances recorded when each document came
        r["now"] = f"{r['documents_for']}/{r['documents_against']}/{r['documents_mixed']}"
    _print_rows(rows, [("id", "claim_id"), ("exercise", "exercise_class"), ("direction", "direction"),
                       ("target", "target"), ("docs", "documents"), ("for/against/mixed", "now"),
                       ("docs by stance", "stances"),
                       ("lang", "languages"), ("species", "species"), ("consensus", "consensus"),
                       ("confidence", "confidence"), ("", "conflict")])
    click.echo(f"({count(len(rows), 'claims')})")
    several = sum(r["several_stances"] for r in rows)
    if several:   # the stance counts sum to docs: say how a document with several stances was counted
        from .store.claims import STANCE_PRECEDENCE
        click.echo(f"docs by stance: each document once per claim; where its sentences take several stances "
                   f"({count(several, 'times')} here) it is counted under the first of "
                   f"{', '.join(s for s in STANCE_PRECEDENCE if s != 'new')} "
                   "(litmine claims show ID lists each sentence's stance)")


@claims.command("show")
@click.argument("claim_id", type=_count_range(0))
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", help="table for the terminal; json: every field [default: table].")
@click.pass_obj
def claims_show(obj, claim_id, db, fmt):
    """Show one claim and its evidence: sentences, documents, offsets, cited works.

    The header counts each document once by its stance toward the claim's
    direction: for, against, mixed (sentences both ways), and in another
    context (its only opposing findings are in another population, species or
    tissue: reported, not counted). Each sentence's stance was judged when its
    document arrived; when the claim then said another direction, the stance
    is shown with that direction and how the sentence stands to the claim now
    ("contradicts no_change; agrees now").

    Example:

        litmine claims show 12 --format json
    """
    from .formats.report import direction_text, relation_flags
    c = api.show_claim(claim_id, db=db or (obj or {}).get("db"))
    if fmt == "json":
        click.echo(json.dumps(c, ensure_ascii=False, indent=1))
        return
    flag = "  CONFLICT" if c["conflict"] else ""
    click.echo(f"claim {c['claim_id']}: {c['exercise_path']} --{c['direction']}--> {c['target']} "
               f"({c['target_id']}){flag}")
    click.echo(f"  {count(c['documents'], 'documents')} ({document_split(c)}), "
               f"{count(c['n_evidence'], 'evidence sentences')}; consensus {c['consensus']:.2f}, confidence "
               f"{c['confidence']:.2f}; languages {c['languages'] or '-'}; species {c['species'] or '-'}")
    if c["reviews"]:
        click.echo(f"  tracked by review: {c['reviews']}")
    doc = None
    for e in c["evidence"]:
        if e["doc"] != doc:
            doc = e["doc"]
            click.echo(f"\n{doc}{' (review)' if e['role'] == 'review' else ''}")
        ctx = ", ".join(v for v in (e["population"], e["species"], e["tissue"], e["model"], e["protocol"]) if v)
        # an evidence row's direction is the asserted one; stated_direction is its relation's stored verb
        shown = direction_text(dict(e, asserted_direction=e["direction"], direction=e["stated_direction"]))
        click.echo(f"  [{stance_label(e, c['direction'])}] {shown}{relation_flags(e)} ({ctx or 'context not stated'}) "
                   f"chars {e['sentence_start']}-{e['sentence_end']}{', p. ' + str(e['page']) if e['page'] else ''}, "
                   f"{e['lang']}")
        click.echo(f"    {e['sentence']}")
        for w in e["cited_works"]:
            doi = f" doi:{w['doi']}" if w["doi"] else ""
            click.echo(f"    [{w['number']}] {w['authors']} ({w['year'] or 'n.d.'}). {w['title']}.{doi}")


@cli.command()
@click.argument("doc", type=REFERENCE)
@db_option
@click.option("--html", "as_html", is_flag=True, help="Write a self-contained HTML report to -o instead of printing.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The HTML file (with --html).")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def show(doc, db, as_html, output, force):
    """Show one stored document: metadata, protocol summary, sentences with their
    mentions marked and each relation beside its sentence.

    Each relation is given with its direction, context (model, species, tissue,
    protocol) and its stance toward the claims base (see litmine claims). On a
    terminal mentions are coloured by label; elsewhere they are written
    [text|LABEL]. With --html -o FILE: one self-contained HTML file (no server,
    no external resources) with the mentions highlighted by label (displaCy).
    DOC is a path to the file, the stored name, a name prefix or a content-hash
    prefix.

    Example:

        litmine show paper.pdf
        litmine show 000_e4f3 --html -o seed.html
    """
    if as_html and output is None:
        raise click.UsageError("--html needs an output file: -o FILE.html")
    if output is not None and not as_html:
        raise click.UsageError("-o writes the HTML report: add --html")
    if output is not None:
        _check_suffix(output, "html", "--html writes an HTML page")        # not -o d.txt
    if as_html:
        res = api.html_report(doc, output, db=db, force=force)
        click.echo(f"{res['document']}: {count(res['sentences'], 'sentences')}, {res['highlighted']} of "
                   f"{count(res['mentions'], 'mentions')} highlighted, {count(res['relations'], 'relations')} "
                   f"written to {res['output']}")
        return
    from .formats.report import print_report
    print_report(api.document_report(doc, db=db))


def document_split(claim: dict) -> str:
    """The documents of a claim (a :func:`litmine.api.show_claim` dict) by their stance toward
    its direction, each counted once: ``"2 for, 1 against, 1 mixed"`` (mixed: sentences both
    ways), plus ``"1 in another context"`` for documents whose only opposing evidence is
    ``context_differs`` (reported, not counted); the parts add up to ``documents``."""
    n_for, n_against, n_mixed = claim["documents_for"], claim["documents_against"], claim.get("documents_mixed", 0)
    parts = [f"{n_for} for", f"{n_against} against", f"{n_mixed} mixed"]
    other = claim["documents"] - n_for - n_against - n_mixed
    if other > 0:
        parts.append(f"{other} in another context")
    return ", ".join(parts)


def stance_label(row: dict, direction: str) -> str:
    """An evidence row's stance (a ``claim_evidence`` row of :func:`litmine.api.show_claim`) as
    ``claims show`` prints it: the stored stance when it was judged against the claim's present
    ``direction`` (or the claim was new); otherwise the stance with the direction it was judged
    against and how the row stands to the claim now: ``"contradicts no_change; agrees now"``."""
    from .consensus import agree
    stance, then = row["stance"], row.get("claim_direction") or direction
    if stance == "new" or then == direction:
        return stance
    return f"{stance} {then}; {'agrees' if agree(direction, row['direction']) else 'opposes'} now"


@claims.command("rebuild")
@db_option
@click.pass_obj
def claims_rebuild(obj, db):
    """Rebuild the claims base from the stored relations, documents in ingest order.

    For a database whose claims were made by older rules: every relation is
    judged again against the claims as they stood when its document came (see
    litmine compare). One transaction: all or nothing. A progress bar on a
    terminal.

    Example:

        litmine claims rebuild --db db/litmine.sqlite
    """
    from .formats.terminal import progress
    res = api.rebuild_claims(db or (obj or {}).get("db"), progress=progress)
    n = res["documents"]
    click.echo(f"{n} document{'s' * (n != 1)} added again: {res['claims']} claims, {res['evidence']} evidence rows")


@cli.group()
@group_db_option
def plot():
    """Pictures of the evidence base (matplotlib; no display needed).

    Example:

        litmine plot evidence-map -o map.png
    """


@plot.command("evidence-map")
@db_option
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The picture: .png, .svg or .pdf.")
@click.option("--target-type", type=FILTER, default=None, metavar="TYPE",
              help="Only targets of this concept type (cytokine, neurotrophic_factor, receptor...).")
@click.option("--min-docs", type=_count_range(1), default=1, show_default=True,
              help="Only claims with evidence from at least N documents.")
@click.option("--max-targets", type=_count_range(1), default=40, show_default=True,
              help="At most N target columns (those with the most evidence).")
@click.option("--labels", type=click.Choice(["en", "zh", "both"]), default="both", show_default=True,
              help="Target labels: English names, Chinese names, or both.")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def plot_evidence_map(db, output, target_type, min_docs, max_targets, labels, force):
    """Draw the evidence map: exercise classes x targets from the claims base.

    Each cell is a claim: colour = consensus direction (red increase, blue
    decrease, grey no change, violet modulate; paler = less consensus), circle
    size = documents with evidence, number = evidence sentences, a black ring
    and "!" = conflicting evidence. Chinese labels need a CJK font (Debian's
    fonts-noto-cjk); without one the labels fall back to English, with a warning.

    Example:

        litmine plot evidence-map -o map.png
        litmine plot evidence-map -o cytokines.svg --target-type cytokine \\
            --min-docs 2
    """
    from .formats.plots import PLOT_FORMATS
    if output.suffix.lower().lstrip(".") not in PLOT_FORMATS:    # the format is the suffix: another kind, unknown, none
        _check_suffix(output, "png", "the evidence map is a picture", ", .svg or .pdf")
        raise click.UsageError(f"-o {output}: {f'unknown suffix {output.suffix!r}' if output.suffix else 'no suffix'}; "
                               "name it .png, .svg or .pdf")
    res = api.evidence_map(output, db=db, target_type=target_type, min_docs=min_docs, max_targets=max_targets,
                           labels=labels, force=force)
    for w in res.warnings:
        click.echo(f"warning: {w}", err=True)
    click.echo(f"{res.cells} claims ({res.classes} exercise classes x {res.targets} targets, {res.conflicts} "
               f"conflicting) drawn to {res.output}")


@cli.group()
@group_db_option
def docs():
    """Stored documents: change a document's role; list the duplicates merged.

    Example:

        litmine docs set-role review.pdf review
        litmine docs merged
    """


@docs.command("set-role")
@click.argument("doc", type=REFERENCE)
@click.argument("role", type=click.Choice(ROLES))
@db_option
def docs_set_role(doc, role, db):
    """Set a stored document's role: review (its claims are tracked) or primary.

    Example:

        litmine docs set-role 000_e4f3 review
    """
    name, old = api.set_role(doc, role, db=db)
    click.echo(f"{name}: role {role}" + (f" (was {old})" if old != role else " (unchanged)"))


@docs.command("merged")
@db_option
@click.option("--format", "fmt", type=click.Choice(["table", "json", "jsonl"]), default="table",
              help="table for the terminal; json, jsonl: every field [default: table].")
def docs_merged(db, fmt):
    """List the duplicates merged into stored documents: which record (file and
    record key, source database) was merged into which document, by which key
    (doi, pmid, title: normalised title + year + first author; file: the same file).

    Example:

        litmine docs merged --format jsonl
    """
    rows = api.merge_report(db)
    if fmt != "table":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=1) if fmt == "json" else
                   "\n".join(json.dumps(r, ensure_ascii=False) for r in rows))
        return
    for r in rows:
        record = f"#{r['record_key']}" if r["record_key"] else ""
        click.echo(f"{r['label']} (document {r['document_id']}) <- {r['path']}{record} "
                   f"[{r['source_db']}, same {r['merged_by']}]")
    click.echo(f"{count(len(rows), 'duplicates')} merged")


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
def stats(db, as_json):
    """Show what the database holds: documents, sentences, mentions, relations.

    Example:

        litmine stats --db db/litmine.sqlite
    """
    s = api.stats(db)
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False, indent=1))
        return
    def parts(d: dict) -> str:
        return f" ({', '.join(f'{k} {v}' for k, v in d.items())})" if d else ""
    if not s["documents"]:
        click.echo("documents: 0 (an empty database: litmine ingest FILES adds documents)")
        return
    click.echo(f"documents: {s['documents']}{parts(s['documents_by_lang'])}")
    if set(s["documents_by_source"]) - {"file"} or s["merged"]:
        click.echo(f"sources:   {', '.join(f'{k} {v}' for k, v in s['documents_by_source'].items())}; "
                   f"{count(s['merged'], 'duplicates')} merged (litmine docs merged)")
    if len(s["documents_by_pipeline"]) > 1:  # read by an older litmine: its rules gave these documents' relations
        click.echo(f"pipelines: {', '.join(f'{k} {v}' for k, v in s['documents_by_pipeline'].items())} "
                   "(documents read by an older litmine keep its relations: litmine ingest --force FILES re-reads them)")
    click.echo(f"sentences: {s['sentences']}")
    click.echo(f"mentions:  {s['mentions']}{parts(dict(list(s['mentions_by_label'].items())[:8]))}")
    click.echo(f"relations: {s['relations']}{parts(s['relations_by_direction'])}")
    if s["top_targets"]:
        click.echo("top targets: " + ", ".join(f"{t} ({n})" for t, n in s["top_targets"]))


if __name__ == "__main__":  # pragma: no cover
    cli()
