"""The pipeline over a corpus on a Dask cluster, results as JSONL shards, stored by one writer.

Beyond one machine, ``litmine ingest --workers N`` is not enough: this module runs the same
stages (read, clean, segment, tag, relate: :func:`litmine.pipeline.process_planned`) as Dask
tasks and stores what they made with the normal single writer (:func:`litmine.pipeline.plan`
and :func:`~litmine.pipeline.store_planned`: duplicates merged and skips decided as ``ingest``
decides them, one transaction per document, claims updated). Three steps:

1. :func:`process_to_shards` lists the input files (as ``ingest`` does), partitions them by
   file into a :mod:`dask.bag` and maps each partition to one shard, ``part-NNNNNN.jsonl`` in
   ``shards`` (one JSON line per document: its input position, the document read and its
   rows (:func:`litmine.store.rows.rows_to_dict`), or its error). Workers never touch the database;
   each loads the models once (they are cached per process) and reuses them for every
   file it gets. A shard is written to a temporary name and renamed, so a shard present is
   whole.
2. :func:`load_shards` reads the shards in input order and stores each document (one whose
   content is stored already is ``skipped``, a duplicate paper ``merged``, as in ``ingest``)
   into ``db``: a SQLite path or, for a shared database, ``postgresql://user@host/db``.
3. :func:`run` does both, on a given ``dask.distributed.Client`` or on a
   ``LocalCluster`` of ``n_workers`` processes (one thread each) made for the call.

From the shell::

    python -m litmine.distributed corpus/ --db postgresql://me@dbhost/litmine --shards shards/ \\
        --scheduler tcp://scheduler:8786        # or --workers 2 for a local cluster

Dask (``pip install 'litmine[distributed]'``) is imported only here. The scheduler is
Dask's; litmine adds none.
"""
from __future__ import annotations

import json
import os
from dataclasses import asdict
from pathlib import Path
from typing import Iterable, Iterator, Optional

from .errors import LitmineError, display_path
from .pipeline import (IngestResult, Processed, TimeBudget, _failed, _file_items, _guarded, _with_doi,
                       fewer_collections, plan, process_planned, store_planned)
from .types import BibRecord, Limits, RawDocument

__all__ = ["process_to_shards", "load_shards", "run", "process_partition"]

SHARD_GLOB = "part-*.jsonl"


def _files(paths: Iterable, all_files: bool = False) -> tuple[list[str], list[IngestResult]]:
    """The files ``ingest`` would read, and a ``failed`` result per path that cannot be listed."""
    from .io import iter_input_paths
    errors: list = []
    files = [str(p) for p in iter_input_paths(paths, on_error=errors.append, all_files=all_files)]
    return files, [IngestResult(getattr(e, "path", ""), "failed", error=str(e)) for e in errors]


def _raw_from_dict(d: dict) -> RawDocument:
    rec = d.pop("record")
    return RawDocument(**d, record=BibRecord(**rec) if rec else None)


def _processed_from_dict(d: dict) -> Processed:
    from .store.rows import rows_from_dict
    return Processed(rows_from_dict(d.pop("rows")), **d)


def process_partition(items: list[tuple[int, str]], shards: str, encoding: Optional[str] = None,
                      limits: Optional[Limits] = None) -> list[dict]:
    """One Dask task: read and process each ``(position, path)`` of the partition (every
    document of the file: one for a paper, one per record of an export) and write the
    shard ``part-<first position>.jsonl`` into the folder ``shards``, one JSON line per
    document: ``position``, ``index`` (within the file), ``path`` and either ``raw`` (the
    document read) with ``processed`` (its rows and counts) or ``error``. Returns
    ``[{"shard": path, "documents": n, "failed": n}]`` (a list: one bag element per partition).
    The collector runs at :data:`litmine.pipeline.GC_THRESHOLDS` meanwhile, as in ``ingest``."""
    if not items:
        return []
    limits = limits or Limits()
    out = Path(shards) / f"part-{items[0][0]:06d}.jsonl"
    tmp = out.with_suffix(f".jsonl.tmp{os.getpid()}")
    docs = failed = 0
    with open(tmp, "w", encoding="utf-8") as fh, fewer_collections():
        for pos, path in items:
            for i, got in enumerate(_file_items(path, encoding, limits, None, False)):
                rec: dict = {"position": pos, "index": i, "path": path}
                if isinstance(got, IngestResult):
                    rec["error"] = got.error
                    failed += 1
                else:
                    raw, budget = got
                    raw = _with_doi(raw)              # as plan() does before the NLP
                    try:
                        done = _guarded(raw, lambda: process_planned(raw, "primary", budget), budget)
                        rec["raw"], rec["processed"] = asdict(raw), asdict(done)
                    except LitmineError as exc:
                        rec["error"] = str(exc)
                        failed += 1
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                docs += 1
    os.replace(tmp, out)
    return [{"shard": str(out), "documents": docs, "failed": failed}]


def process_to_shards(paths: Iterable, shards, client, *, encoding: Optional[str] = None,
                      all_files: bool = False, files_per_partition: int = 0) -> dict:
    """Step 1 on ``client`` (a ``dask.distributed.Client``): shards of every input file in
    the folder ``shards`` (created; old shards are removed first).

    Args:
        files_per_partition: files per task and shard; 0: about four partitions per worker.
    Returns:
        ``{"files": n, "documents": n, "shards": n, "failed": n, "walk_failures": [IngestResult]}``.
    """
    import dask.bag as db

    shards = Path(shards)
    shards.mkdir(parents=True, exist_ok=True)
    for old in shards.glob(SHARD_GLOB):
        old.unlink()
    files, walk_failures = _files(paths, all_files)
    if not files:
        return {"files": 0, "documents": 0, "shards": 0, "failed": 0, "walk_failures": walk_failures}
    workers = max(1, len(client.scheduler_info().get("workers", {})) or 1)
    size = files_per_partition or max(1, -(-len(files) // (4 * workers)))
    bag = db.from_sequence(list(enumerate(files)), partition_size=size)
    done = bag.map_partitions(process_partition, str(shards.resolve()), encoding).compute(scheduler=client.get)
    return {"files": len(files), "documents": sum(d["documents"] for d in done), "shards": len(done),
            "failed": sum(d["failed"] for d in done), "walk_failures": walk_failures}


def load_shards(shards, db=None, *, role: Optional[str] = None, force: bool = False,
                create_dirs: bool = False) -> Iterator[IngestResult]:
    """Step 2: store every document of the shards in ``shards`` into ``db`` (path or URL),
    in input order, with the normal writer: each is planned against the database as
    ``ingest`` plans it (:func:`litmine.pipeline.plan`: ``skipped`` when its content is
    stored, ``merged`` when it duplicates a stored paper), then its rows stored in one
    transaction; yields one :class:`~litmine.pipeline.IngestResult` per document (``failed``
    with the worker's error). A document whose plan completes its record from a stored one
    (full text replacing an abstract) is processed again here, so its rows carry that record.
    The collector runs at :data:`litmine.pipeline.GC_THRESHOLDS` meanwhile, as in ``ingest``.

    Raises:
        DatabaseError: the database cannot be opened.
        LitmineError: a shard line cannot be read (names the shard and line).
    """
    from .store.db import connect

    order = []
    for shard in sorted(Path(shards).glob(SHARD_GLOB)):
        with open(shard, encoding="utf-8") as fh:
            for n, line in enumerate(fh, 1):
                try:
                    rec = json.loads(line)
                    order.append((rec["position"], rec["index"], shard, n))
                except (ValueError, KeyError) as exc:
                    raise LitmineError(f"{shard}:{n}: not a litmine shard line ({exc})") from None
    order.sort()
    engine = db if hasattr(db, "dialect") else connect(db, create_dirs=create_dirs)
    try:
        with fewer_collections():
            for _pos, _i, shard, n in order:
                rec = _read_line(shard, n)
                if "error" in rec:
                    yield IngestResult(display_path(rec["path"]), "failed", error=rec["error"])
                    continue
                raw = _raw_from_dict(rec["raw"])
                try:
                    yield _guarded(raw, lambda: _store_one(raw, _processed_from_dict(rec["processed"]), engine, role,
                                                           force))
                except LitmineError as exc:
                    yield _failed(raw, exc, False)
    finally:
        if engine is not db:
            engine.dispose()


def _store_one(raw: RawDocument, done: Processed, engine, role: Optional[str], force: bool) -> IngestResult:
    """Plan one processed document and store it (see :func:`load_shards`)."""
    record = raw.record
    p = plan(raw, engine, role, force)
    if isinstance(p, IngestResult):
        return p
    if p.raw.record != record:
        done = process_planned(p.raw, p.new_role, TimeBudget(None))     # its record changed: process again
    done.rows.document.role = p.new_role
    return store_planned(p, done, engine, force)


def _read_line(shard: Path, n: int) -> dict:
    """Line ``n`` (1-based) of a shard, parsed (shards are read twice: positions, then rows,
    so only one document's rows are in memory at a time)."""
    with open(shard, encoding="utf-8") as fh:
        for i, line in enumerate(fh, 1):
            if i == n:
                return json.loads(line)
    raise LitmineError(f"{shard}:{n}: shard line is missing (shards changed while loading)")


def run(paths: Iterable, db=None, shards=None, *, client=None, n_workers: int = 2, encoding: Optional[str] = None,
        role: Optional[str] = None, force: bool = False, all_files: bool = False) -> list[IngestResult]:
    """Process ``paths`` on Dask and store the results into ``db`` (steps 1 and 2).

    Args:
        shards: folder for the shards (default: a temporary folder, removed afterwards).
        client: a ``dask.distributed.Client``; ``None``: a ``LocalCluster`` of ``n_workers``
            processes with one thread each, closed afterwards.
    Returns:
        one result per file, in input order, after the per-path listing failures.
    """
    import tempfile

    from dask.distributed import Client, LocalCluster

    own = None
    if client is None:
        cluster = LocalCluster(n_workers=n_workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = own = Client(cluster)
    tmp = tempfile.TemporaryDirectory(prefix="litmine-shards-") if shards is None else None
    try:
        made = process_to_shards(paths, shards or tmp.name, client, encoding=encoding, all_files=all_files)
        return made["walk_failures"] + list(load_shards(shards or tmp.name, db, role=role, force=force))
    finally:
        if own is not None:
            own.close()
            own.cluster.close()
        if tmp is not None:
            tmp.cleanup()


def main(argv: Optional[list[str]] = None) -> int:
    """``python -m litmine.distributed PATHS... --db DB [--shards DIR] [--scheduler ADDR | --workers N]
    [--load-only]``: prints one line per file and a summary; exit status 1 when any failed."""
    import argparse
    ap = argparse.ArgumentParser(prog="python -m litmine.distributed", description=__doc__.split("\n")[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--db", default=None, help="database path or URL (postgresql://...) [default: $LITMINE_DB]")
    ap.add_argument("--shards", default=None, help="folder for the JSONL shards [default: a temporary folder]")
    ap.add_argument("--scheduler", default=None, help="address of a running Dask scheduler")
    ap.add_argument("--workers", type=int, default=2, help="processes of the local cluster [default: 2]")
    ap.add_argument("--load-only", action="store_true", help="store the shards already in --shards")
    a = ap.parse_args(argv)
    if a.load_only:
        if not a.shards:
            ap.error("--load-only needs --shards")
        results = list(load_shards(a.shards, a.db))
    else:
        client = None
        if a.scheduler:
            from dask.distributed import Client
            client = Client(a.scheduler)
        results = run(a.paths, a.db, a.shards, client=client, n_workers=a.workers)
    counts = {k: sum(r.status == k for r in results) for k in ("stored", "skipped", "failed")}
    for r in results:
        print(f"{r.status:8} {r.path}" + (f": {r.error}" if r.error else f": {r.n_relations} relations"))
    print(f"{counts['stored']} stored, {counts['skipped']} skipped, {counts['failed']} failed")
    return 1 if counts["failed"] else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
