"""litmine's command line: a thin layer over the Python API.

Each command parses its options, calls one library function and prints; library
errors (:class:`litmine.errors.LitmineError`) become one-line ``click`` errors.
"""
from __future__ import annotations

import json
import os
import secrets
import sys
from pathlib import Path

import click

from .errors import ExportError, LitmineError

#: Exit status of a run stopped by Ctrl-C (128 + SIGINT), as shells report it.
EXIT_INTERRUPTED = 130

csv_encoding_option = click.option(
    "--encoding", "csv_encoding", type=click.Choice(["utf-8-sig", "utf-8"]), default=None,
    help="CSV: utf-8-sig starts with a byte-order mark so Excel reads Chinese right (the default when the "
         "output is a file); utf-8 drops it.")

db_option = click.option("--db", "db", envvar="LITMINE_DB", default=None, metavar="PATH_OR_URL",
                         help="Database file or SQLAlchemy URL [default: $LITMINE_DB or db/litmine.sqlite].")


def _bom(fmt, target, encoding=None) -> bool:
    from .export.tables import csv_bom
    try:
        return csv_bom(fmt, target, encoding)
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc


def _engine(db, create=True, create_dirs=False):
    from .store.db import connect
    try:
        return connect(db, create=create, create_dirs=create_dirs)
    except LitmineError as exc:
        raise click.ClickException(str(exc)) from exc


class _Group(click.Group):
    """Turns output failures into one line: a closed pipe ends quietly, a full
    disk or a file-size limit is reported as an error (exit status 1)."""

    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            # the reader went away (| head): stop without a traceback
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            sys.exit(0)
        except OSError as exc:
            raise click.ClickException(f"cannot write output: {exc.strerror or exc}") from None


@click.group(cls=_Group)
@click.version_option(package_name="litmine")
def cli():
    """litmine: exercise-medicine literature (Chinese and English) into an evidence base."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@db_option
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be ingested.")
@click.option("--encoding", default=None, help="Text encoding of .txt files (e.g. gb18030) instead of detection.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-file lines except failures; the summary.")
@click.option("--create-dirs", is_flag=True, help="Create the --db file's folder if it does not exist.")
@click.option("--all-files", is_flag=True,
              help="In folders, also read hidden and README/LICENSE/CHANGELOG-like files (skipped by default).")
def ingest(paths, db, strict, encoding, quiet, create_dirs, all_files):
    """Ingest PDF and text files (or folders, recursively) into the database.

    Prints one line per file and a summary; a file that cannot be read gets one
    line on standard error (file, reason, what to do) and the batch goes on.
    In folders, hidden files and a project's README/LICENSE/CHANGELOG-like
    files are not papers: they are skipped and named (``ignored``); a file
    named on the command line is always read. A --db in a folder that does
    not exist is refused (a typo) unless --create-dirs.
    Exits with status 1 when any file failed, 130 when interrupted (Ctrl-C):
    every document is stored whole or not at all, so re-running the same
    command goes on where it stopped.

    Example:

        litmine ingest corpus/ paper.pdf --db db/litmine.sqlite
    """
    counts = {"stored": 0, "skipped": 0, "failed": 0}
    ignored: list[str] = []
    try:
        _ingest(paths, db, strict, encoding, quiet, counts, ignored, create_dirs, all_files)
    except KeyboardInterrupt:
        newline = "\n" if sys.stderr.isatty() else ""     # after the terminal's "^C"
        click.echo(f"{newline}interrupted: {counts['stored']} stored; re-run to continue", err=True)
        sys.exit(EXIT_INTERRUPTED)
    click.echo(f"{counts['stored']} stored, {counts['skipped']} skipped, {counts['failed']} failed")
    if ignored:
        click.echo(f"{len(ignored)} ignored in folders (hidden or README/LICENSE-like, not papers; "
                   f"--all-files reads them): {', '.join(ignored[:5])}{', ...' if len(ignored) > 5 else ''}")
    if not any(counts.values()):
        click.echo("no .txt, .md or .pdf files found in the given paths" if not ignored else
                   "no papers found in the given paths, only ignored files (name them, or use --all-files)",
                   err=True)
    if counts["failed"] or not any(counts.values()):
        sys.exit(1)


def _ingest(paths, db, strict, encoding, quiet, counts, ignored, create_dirs=False, all_files=False):
    from tqdm import tqdm

    from .pipeline import ingest as run

    engine = _engine(db, create_dirs=create_dirs)
    bar = tqdm(desc="ingest", unit="file", disable=quiet or not sys.stderr.isatty(), file=sys.stderr)
    try:
        for res in run(paths, engine, strict=strict, encoding=encoding, all_files=all_files):
            if res.status == "ignored":
                ignored.append(res.path)
                if not quiet:
                    bar.write(f"ignored  {res.path}: {res.reason}", file=sys.stdout)
                continue
            counts[res.status] += 1
            bar.update(1)
            if quiet and res.status != "failed":
                continue
            if res.status == "stored":
                line = (f"stored   {res.path}: {res.n_sentences} sentences, {res.n_mentions} mentions, "
                        f"{res.n_relations} relations")
                for w in res.warnings:
                    line += f"\n  warning: {w}"
            elif res.status == "skipped":
                line = f"skipped  {res.path}: already in the database (same content), nothing to do"
            else:
                line = f"failed   {res.error}"
            bar.write(line, file=sys.stdout if res.status != "failed" else sys.stderr)
    except LitmineError as exc:
        bar.write(f"failed   {exc}", file=sys.stderr)
        raise click.ClickException(f"stopped at the first failure (--strict): {counts['stored']} stored, "
                                   f"{counts['skipped']} skipped before it") from exc
    finally:
        bar.close()


@cli.command()
@db_option
@click.option("--exercise", help="Exercise (substring, e.g. treadmill, 跑台).")
@click.option("--target", help="Target name, text or concept id (substring, e.g. TNF, BDNF).")
@click.option("--direction", type=click.Choice(["increase", "decrease", "no_change", "modulate", "better_than"]))
@click.option("--model", help="Disease or animal model (substring, e.g. SNI, CIPN).")
@click.option("--species", help="Species (mouse, rat, human).")
@click.option("--lang", type=click.Choice(["zh", "en", "mixed"]), help="Language of the evidence sentence.")
@click.option("--doc", help="Document name or content-hash prefix.")
@click.option("--pain-effect", type=click.Choice(["relieves", "worsens", "none"]), help="Derived effect on pain.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many rows.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "jsonl"]), default="table")
@click.option("--full", is_flag=True, help="Table: whole evidence sentences, wrapped (default: cut to one line).")
@click.option("--no-group", is_flag=True,
              help="Table: show a relation stated in both abstracts (zh and en) as two rows, not one.")
@csv_encoding_option
def query(db, exercise, target, direction, model, species, lang, doc, pain_effect, limit, fmt, full, no_group,
          csv_encoding):
    """Query exercise -> effect relations, with their evidence sentences.

    The table gives, per document, each relation's slots and its evidence
    sentence (cut to the terminal width; --full for whole sentences); a
    relation stated in both abstracts of a document is one row with both
    sentences (--no-group for two). csv/json/jsonl give every row and column.

    Example:

        litmine query --target TNF --direction decrease --format csv
    """
    from .export.tables import write_rows
    from .export.terminal import print_relations
    from .store.queries import RELATION_COLUMNS, relations

    bom = _bom(fmt, sys.stdout, csv_encoding)
    rows = relations(_engine(db, create=False), exercise=exercise, target=target, direction=direction, model=model,
                     species=species, lang=lang, doc=doc, pain_effect=pain_effect, limit=limit)
    if fmt == "table":
        print_relations(rows, full=full, group=not no_group)
    else:
        write_rows(rows, fmt, sys.stdout, RELATION_COLUMNS, bom=bom)


@cli.command()
@db_option
@click.option("--table", type=click.Choice(["documents", "sentences", "mentions", "relations", "concepts",
                                            "abbreviations"]), default="relations", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "json", "xlsx", "bioc", "pubtator"]),
              default="jsonl", show_default=True,
              help="Table formats, or bioc (BioC JSON) / pubtator: documents with mentions and relations.")
@click.option("--doc", help="Only this document (by name); bioc and pubtator only.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file [default: standard output; required for xlsx].")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
@csv_encoding_option
def export(db, table, fmt, doc, output, force, csv_encoding):
    """Export a table as CSV, JSONL, JSON or XLSX, or documents as BioC or PubTator.

    Example:

        litmine export --table relations --format jsonl -o relations.jsonl
        litmine export --format bioc --doc paper.pdf -o paper.bioc.json
    """
    from .export.interchange import write_bioc, write_pubtator
    from .export.tables import write_rows
    from .store.queries import RELATION_COLUMNS, table_rows

    if output is not None and str(output) == "-":
        output = None  # "-o -": standard output
    if output is not None and os.path.lexists(output) and not force:
        raise click.ClickException(f"{output}: file exists (use --force to overwrite)")
    if output is not None and os.path.exists(output) and not os.path.isfile(output):
        raise click.ClickException(f"{output}: not a regular file; export to a file (or omit -o for standard output)")
    if fmt == "xlsx" and output is None:
        raise click.ClickException("xlsx needs an output file: -o FILE.xlsx")
    if doc and fmt not in ("bioc", "pubtator"):
        raise click.ClickException("--doc selects documents for --format bioc or pubtator; for tables use "
                                   "litmine query --doc")
    bom = _bom(fmt, output or sys.stdout, csv_encoding)
    engine = _engine(db, create=False)
    if doc:
        from .store.queries import document_names
        if doc not in document_names(engine):
            raise click.ClickException(f"{doc}: no such document (see litmine export --table documents)")
    if fmt in ("bioc", "pubtator"):
        writer, what = (write_bioc if fmt == "bioc" else write_pubtator), "documents"
        emit = lambda fh: writer(engine, fh, doc)  # noqa: E731
    else:
        rows = table_rows(engine, table)
        cols = RELATION_COLUMNS if table == "relations" else None
        emit, what = (lambda fh: write_rows(rows, fmt, fh, cols, bom=bom)), f"{table} rows"  # noqa: E731
    if output is None:
        emit(sys.stdout)
        return

    def write(tmp: Path) -> int:
        if fmt == "xlsx":
            return write_rows(rows, fmt, tmp, cols)
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            return emit(fh)

    try:
        n = _write_new_file(output, write, force)
    except ExportError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"{n} {what} written to {output}")


def _write_new_file(output: Path, write, force: bool) -> int:
    """Run ``write(tmp)`` on a new file next to ``output``, then move it into place.

    Without ``force`` the file appears only if ``output`` does not exist (a hard
    link, or an exclusive create where links are not supported), so an existing
    file or symlink is never replaced, even one created meanwhile; with ``force``
    it replaces ``output`` atomically (a symlink itself, not its target). An
    interrupted or failed export leaves no partial file. Returns ``write``'s result.

    Raises:
        ExportError: ``output`` exists (without ``force``) or cannot be written.
    """
    exists = ExportError(f"{output}: file exists (use --force to overwrite)")
    tmp = output.with_name(f".{output.name}.{secrets.token_hex(4)}.part")
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
    except OSError as exc:
        raise ExportError(f"{output}: cannot write ({exc.strerror or exc}); check that the folder exists "
                          "and is writable") from None
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
        raise ExportError(f"{output}: cannot write ({exc.strerror or exc}); check the disk and the path") from None
    finally:
        tmp.unlink(missing_ok=True)


@cli.command()
@db_option
@click.option("--review", required=True, help="The review (document name) whose claims are the reference.")
@click.option("--paper", required=True, help="The new paper (document name).")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json", "jsonl"]), default="table")
def compare(db, review, paper, fmt):
    """Show how a new paper supports, contradicts or extends a review's claims.

    Claims are (exercise, target) pairs with a consensus direction; see litmine.claims.

    Example:

        litmine compare --review review.pdf --paper new_trial.pdf
    """
    from .claims import compare as compare_claims
    from .export.tables import write_rows
    from .store.queries import relations

    engine = _engine(db, create=False)
    from .store.queries import document_names

    names = document_names(engine)
    review_rows, paper_rows = relations(engine, doc=review), relations(engine, doc=paper)
    for name, rows in ((review, review_rows), (paper, paper_rows)):
        if not rows and not any(n == name or n.startswith(name) for n in names):
            raise click.ClickException(f"{name}: no such document; give the stored name "
                                       "(see litmine export --table documents --format csv)")
        if not rows:
            raise click.ClickException(f"{name}: the document has no exercise relations to compare")
    out = [st.row() for st in compare_claims(review_rows, paper_rows)]
    if fmt != "table":
        write_rows(out, fmt, sys.stdout, bom=_bom(fmt, sys.stdout))
        return
    for r in out:
        click.echo(f"{r['stance']:11s} {r['exercise']} {r['direction']} {r['target']}  [{r['reason']}]")
    counts = {k: sum(r["stance"] == k for r in out) for k in ("supports", "contradicts", "extends")}
    click.echo(", ".join(f"{n} {k}" for k, n in counts.items()))


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
def stats(db, as_json):
    """Show what the database holds: documents, sentences, mentions, relations.

    Example:

        litmine stats --db db/litmine.sqlite
    """
    from .store.queries import stats as get_stats

    s = get_stats(_engine(db, create=False))
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False, indent=1))
        return
    counts = lambda d: ", ".join(f"{k} {v}" for k, v in d.items())  # noqa: E731
    click.echo(f"documents: {s['documents']} ({counts(s['documents_by_lang'])})")
    click.echo(f"sentences: {s['sentences']}")
    click.echo(f"mentions:  {s['mentions']} ({counts(dict(list(s['mentions_by_label'].items())[:8]))})")
    click.echo(f"relations: {s['relations']} ({counts(s['relations_by_direction'])})")
    click.echo("top targets: " + ", ".join(f"{t} ({n})" for t, n in s["top_targets"]))


if __name__ == "__main__":  # pragma: no cover
    cli()
