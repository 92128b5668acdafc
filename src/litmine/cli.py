"""litmine's command line: a thin layer over the Python API.

Each command parses its options, calls one library function and prints; library
errors (:class:`litmine.errors.LitmineError`) become one-line ``click`` errors.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .errors import LitmineError

db_option = click.option("--db", "db", envvar="LITMINE_DB", default=None, metavar="PATH_OR_URL",
                         help="Database file or SQLAlchemy URL [default: $LITMINE_DB or db/litmine.sqlite].")


def _engine(db, create=True):
    from .store.db import connect
    try:
        return connect(db)
    except LitmineError as exc:
        raise click.ClickException(str(exc)) from exc


@click.group()
@click.version_option(package_name="litmine")
def cli():
    """litmine: exercise-medicine literature (Chinese and English) into an evidence base."""


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@db_option
@click.option("--strict", is_flag=True, help="Stop at the first file that cannot be ingested.")
@click.option("--encoding", default=None, help="Text encoding of .txt files (e.g. gb18030) instead of detection.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and per-file lines, only the summary.")
def ingest(paths, db, strict, encoding, quiet):
    """Ingest PDF and text files (or folders, recursively) into the database.

    Prints one line per file and a summary; exits with status 1 when any file failed.

    Example:

        litmine ingest corpus/ paper.pdf --db db/litmine.sqlite
    """
    from tqdm import tqdm

    from .pipeline import ingest as run

    engine = _engine(db)
    counts = {"stored": 0, "skipped": 0, "failed": 0}
    bar = tqdm(desc="ingest", unit="file", disable=quiet or not sys.stderr.isatty(), file=sys.stderr)
    try:
        for res in run(paths, engine, strict=strict, encoding=encoding):
            counts[res.status] += 1
            bar.update(1)
            if quiet:
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
        raise click.ClickException(str(exc)) from exc
    finally:
        bar.close()
    click.echo(f"{counts['stored']} stored, {counts['skipped']} skipped, {counts['failed']} failed")
    if counts["failed"]:
        sys.exit(1)


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
def query(db, exercise, target, direction, model, species, lang, doc, pain_effect, limit, fmt):
    """Query exercise -> effect relations, with their evidence sentences.

    Example:

        litmine query --target TNF --direction decrease --format csv
    """
    from .export.tables import write_rows
    from .store.queries import relations

    rows = relations(_engine(db), exercise=exercise, target=target, direction=direction, model=model,
                     species=species, lang=lang, doc=doc, pain_effect=pain_effect, limit=limit)
    if fmt == "table":
        _print_table(rows)
    else:
        write_rows(rows, fmt, sys.stdout)


def _print_table(rows):
    if not rows:
        click.echo("no relations match")
        return
    cols = ["doc", "exercise", "direction", "target", "model", "species", "tissue", "duration", "negated", "hedged"]
    data = [[("" if r[c] is None else str(r[c])) for c in cols] for r in rows]
    width = [min(28, max(len(c), *(len(d[i]) for d in data))) for i, c in enumerate(cols)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(cols, width)))
    for d in data:
        click.echo("  ".join(v[:w].ljust(w) for v, w in zip(d, width)))
    click.echo(f"({len(rows)} relations)")


@cli.command()
@db_option
@click.option("--table", type=click.Choice(["documents", "sentences", "mentions", "relations", "concepts",
                                            "abbreviations"]), default="relations", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["csv", "jsonl", "json", "xlsx"]), default="jsonl",
              show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Output file [default: standard output; required for xlsx].")
@click.option("--force", is_flag=True, help="Overwrite the output file if it exists.")
def export(db, table, fmt, output, force):
    """Export a table of the database as CSV, JSONL, JSON or XLSX.

    Example:

        litmine export --table relations --format jsonl -o relations.jsonl
    """
    from .export.tables import write_rows
    from .store.queries import RELATION_COLUMNS, table_rows

    if output is not None and output.exists() and not force:
        raise click.ClickException(f"{output}: file exists (use --force to overwrite)")
    if fmt == "xlsx" and output is None:
        raise click.ClickException("xlsx needs an output file: -o FILE.xlsx")
    engine = _engine(db)
    rows = table_rows(engine, table)
    cols = RELATION_COLUMNS if table == "relations" else None
    if fmt == "xlsx":
        n = write_rows(rows, fmt, output, cols)
    elif output is None:
        n = write_rows(rows, fmt, sys.stdout, cols)
    else:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            n = write_rows(rows, fmt, fh, cols)
    if output is not None:
        click.echo(f"{n} {table} rows written to {output}")


@cli.command()
@db_option
@click.option("--json", "as_json", is_flag=True, help="Print the statistics as JSON.")
def stats(db, as_json):
    """Show what the database holds: documents, sentences, mentions, relations.

    Example:

        litmine stats --db db/litmine.sqlite
    """
    from .store.queries import stats as get_stats

    s = get_stats(_engine(db))
    if as_json:
        click.echo(json.dumps(s, ensure_ascii=False, indent=1))
        return
    click.echo(f"documents: {s['documents']} {s['documents_by_lang']}")
    click.echo(f"sentences: {s['sentences']}")
    click.echo(f"mentions:  {s['mentions']} " + ", ".join(f"{k} {v}" for k, v in list(s['mentions_by_label'].items())[:8]))
    click.echo(f"relations: {s['relations']} {s['relations_by_direction']}")
    click.echo("top targets: " + ", ".join(f"{t} ({n})" for t, n in s["top_targets"]))


if __name__ == "__main__":  # pragma: no cover
    cli()
