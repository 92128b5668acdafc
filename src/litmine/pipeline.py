"""The whole pipeline: ``read -> clean -> segment -> tag -> relate -> store``.

* :func:`process` turns one :class:`~litmine.types.RawDocument` into a
  :class:`ProcessedDocument` (no database involved);
* :func:`ingest` runs files and folders through :func:`process` and stores each
  document in one transaction, skipping documents whose content hash is
  already stored. It yields one :class:`IngestResult` per file, so callers
  (the CLI's progress bar) can report as it goes; a failing file yields a
  result with ``error`` set and the batch goes on unless ``strict``.

An interrupted :func:`ingest` (Ctrl-C, a killed process) leaves every document
either wholly stored or absent; running it again skips what is stored and
goes on with the rest.

Work per document is bounded (:class:`~litmine.types.Limits`): the readers
refuse files past the size limits, and reading plus processing run under a
time budget (:class:`TimeBudget`); storing is never interrupted.
"""
from __future__ import annotations

import functools
import os
import signal
import sys
import threading
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Callable, Iterable, Iterator, Optional, Union

from .errors import DuplicateDocumentError, LimitError, LitmineError, ProcessingError, UsageError, display_path, write_crash_log
from .nlp.lexicon import load_lexicon
from .text.biblio import own_doi
from .text.clean import clean
from .text.references import parse_references
from .text.segment import segment
from .types import REPEATED_PATH, BibRecord, Limits, RawDocument

if TYPE_CHECKING:  # annotation only
    from .nlp.processed import ProcessedDocument
    from .store.rows import DocumentRows

__all__ = ["GC_THRESHOLDS", "IngestResult", "Plan", "Processed", "ProcessedDocument", "TimeBudget", "ingest", "plan", "plan_keys",
           "process", "process_planned", "process_text", "store_planned", "versions", "warm_up", "worker_context",
           "fewer_collections"]


def __getattr__(name: str):
    """``litmine.pipeline.ProcessedDocument``, imported when first asked for: the NLP modules
    (spaCy) load when a document is processed, not when the writer of ``ingest --workers N``
    or a reader imports this module (PEP 562)."""
    if name == "ProcessedDocument":
        from .nlp.processed import ProcessedDocument
        return ProcessedDocument
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def versions() -> dict:
    """Pipeline and lexicon versions stored with every document."""
    from .nlp.pipelines import PIPELINE_VERSION
    from .nlp.relations import RELATION_VERSION
    return {"pipeline": f"{PIPELINE_VERSION}+{RELATION_VERSION}", "lexicon": load_lexicon().version}


def process(raw: RawDocument) -> "ProcessedDocument":
    """Run the NLP stages (clean, segment, tag, relate, references, studies) on one document read
    from disk (named ``raw.metadata["name"]`` when a reader set it, e.g. ``search.xml#pmid:123``;
    else its file name)."""
    from .nlp.english import english_splitter      # here, not at import: see __getattr__
    from .nlp.processed import ProcessedDocument
    from .nlp.relations import extract_relations
    from .nlp.studies import document_studies
    from .nlp.pipelines import tag
    doc = clean(raw, name=raw.metadata.get("name"))
    sentences = segment(doc, english_splitter())
    mentions, dlex, tokens = tag(doc, sentences)
    relations = extract_relations(sentences, mentions, dlex)
    references = parse_references(doc)
    definitions = {short: long for short, (_cid, long) in dlex.definitions.items()} if dlex else {}
    studies = document_studies(doc, sentences, relations, references, definitions)
    return ProcessedDocument(doc, sentences, mentions, relations, dlex, versions(), references, studies, tokens)


def process_text(text: str, name: str = "text.txt") -> "ProcessedDocument":
    """Run the pipeline on a string, as if read from a UTF-8 file ``name``
    (``format`` "txt"; ``sha256`` of the UTF-8 bytes). Nothing is stored."""
    import hashlib
    raw = RawDocument(path=name, text=text, format="txt",
                      sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(), encoding="utf-8")
    return process(raw)


class _TimeUp(BaseException):
    """Raised by the SIGALRM handler of :class:`TimeBudget` (a BaseException, so
    no ``except Exception`` on the way swallows it)."""


#: CPU seconds after which the time budget's interruption is raised again when the last one was dropped.
_REFIRE_S = 0.05


class TimeBudget:
    """CPU seconds of work allowed for one document, spent over one or more blocks.

    ``with budget.running(path): ...`` runs a block against what is left; past
    it, the block is interrupted and a :class:`~litmine.errors.LimitError`
    raised (``"processing took longer than the time limit of 60 s"``). The
    seconds are CPU seconds of this process (user + system), not the clock's: on
    a machine shared with other work a document takes longer by the clock but
    is accepted or refused as on an idle one, and waiting (a slow disk) is not
    work. In the main thread of a POSIX process the interruption is a
    ``SIGPROF`` timer (``signal.setitimer(ITIMER_PROF)``, which counts the
    process's CPU time), so it lands between two Python steps (every stage is
    bounded per sentence, so the next step comes soon; an interruption that lands
    where Python drops it -- C code calling back into Python -- is raised again
    :data:`_REFIRE_S` later and not printed); a profiling timer set by the caller
    is restored afterwards. Elsewhere (another thread, Windows)
    the thread's CPU time (``time.thread_time``) is checked when a block ends.
    ``seconds`` <= 0 (or ``None``): no limit.
    """

    def __init__(self, seconds: Optional[float]):
        self.seconds = None if Limits.off(seconds) else float(seconds)
        self.spent = 0.0

    @contextmanager
    def running(self, path):
        if self.seconds is None:
            yield
            return
        left = self.seconds - self.spent
        if left <= 0:
            raise self._error(path)
        preempt = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
        clock = time.process_time if preempt else time.thread_time
        state = {"active": True}

        def on_timer(signum, frame):
            if state["active"]:
                # raised where Python cannot pass it on (C code calling back into Python, a __del__), the
                # exception is dropped: the timer fires again soon, until the block ends
                signal.setitimer(signal.ITIMER_PROF, _REFIRE_S)
                raise _TimeUp()

        def unraisable(info):  # a dropped _TimeUp is no error to print; anything else is
            if not isinstance(info.exc_value, _TimeUp):
                old_hook(info)

        start = clock()
        old_handler = old_timer = None
        old_hook = sys.unraisablehook
        if preempt:
            sys.unraisablehook = unraisable
            old_handler = signal.signal(signal.SIGPROF, on_timer)
            old_timer = signal.setitimer(signal.ITIMER_PROF, left)
        try:
            yield
            state["active"] = False
        except _TimeUp:
            state["active"] = False
            raise self._error(path) from None
        finally:
            state["active"] = False
            self.spent += clock() - start
            if preempt:
                signal.setitimer(signal.ITIMER_PROF, 0)
                signal.signal(signal.SIGPROF, old_handler)
                sys.unraisablehook = old_hook
                if old_timer and old_timer[0] > 0:      # the caller's own timer goes on
                    signal.setitimer(signal.ITIMER_PROF, max(0.001, old_timer[0] - (clock() - start)),
                                     old_timer[1])
        if not preempt and self.spent > self.seconds:
            raise self._error(path)

    def _error(self, path) -> LimitError:
        return LimitError(path, f"processing took more than the time limit of {self.seconds:g} s of CPU",
                          "time_limit_s", "--time-limit")


@functools.lru_cache(maxsize=1)
def warm_up() -> None:
    """Load the pipelines and lexicons once (a few seconds), so a document's
    time budget pays for its own work only."""
    process_text("Treadmill running lowered IL-6 in rats. 跑台运动降低了大鼠IL-6的表达。", "warm-up.txt")


@dataclass
class IngestResult:
    """What happened to one input file or export record: ``status`` is ``stored``,
    ``skipped`` (same content already in the database), ``merged`` (a duplicate of
    a stored document -- same DOI, PMID, or title + year + first author --
    recorded as one more source of it, see ``merged_by`` and ``merged_into``),
    ``failed`` (then ``error`` says why) or ``ignored`` (a hidden or
    README/LICENSE-like file met in a folder, not read; ``reason`` says which).
    A stored document's ``stances`` count its relations by their stance toward
    the claims base (``{"supports": 2, "new": 5}``, see :mod:`litmine.consensus`);
    ``replaced`` says it replaced a stored document: a copy (``force``), the
    earlier version of an edited file or record read again from the same path
    (``reason`` says so), or a record's abstract replaced by its PDF's full
    text (``merged_by`` set); ``role`` is its role (``primary`` or ``review``);
    a skipped document whose role was changed says so in ``reason``.
    ``record`` is the export record's key (``""`` for a plain file), ``label``
    the document's display name ("Smith et al. 2021", else its name)."""

    path: str
    status: str
    document_id: Optional[int] = None
    n_sentences: int = 0
    n_mentions: int = 0
    n_relations: int = 0
    error: Optional[str] = None
    warnings: list[str] = field(default_factory=list)
    reason: Optional[str] = None
    stances: dict = field(default_factory=dict)
    replaced: bool = False
    role: Optional[str] = None
    record: str = ""
    label: str = ""
    merged_by: str = ""
    merged_into: str = ""


def ingest(paths: Iterable[str | os.PathLike], db=None, *, strict: bool = False,
           encoding: Optional[str] = None, all_files: bool = False,
           create_dirs: bool = False, role: Optional[str] = None,
           force: bool = False, limits: Optional[Limits] = None,
           on_start: Optional[Callable[[str], None]] = None,
           fmt: Optional[str] = None, workers: int = 1) -> Iterator[IngestResult]:
    """Ingest files and folders into the database ``db`` (path, URL or engine).

    Yields one :class:`IngestResult` per input file, in order, one ``failed``
    result per path or folder that cannot be listed, and one ``ignored``
    result per hidden or README/LICENSE-like entry met in a folder (read them
    with ``all_files``; see :func:`litmine.io.iter_input_paths`). A file whose
    content is stored meanwhile by another process ends as ``skipped``.
    ``create_dirs`` creates a missing database folder (see
    :func:`litmine.store.db.connect`). ``limits`` bound each document
    (:class:`~litmine.types.Limits`, the defaults when ``None``): a document
    past one is ``failed`` with a :class:`~litmine.errors.LimitError` and
    nothing of it is stored.

    ``role`` (``"primary"`` or ``"review"``) is the role of the documents
    stored; ``None``: ``primary`` for new documents, a stored document keeps
    its own (a skipped document given another ``role`` gets it). ``force``
    processes documents whose content is already stored again and replaces
    them (same id), their evidence on the claims with them. ``on_start`` is
    called with each file's shown path (:func:`~litmine.errors.display_path`)
    as its work begins (before its result is yielded). ``fmt`` names the
    format of every file (:data:`litmine.io.FORMATS`: ``pubmed-xml``, ``ris``,
    ``cnki-endnote``...) instead of detecting it from the content; a file named
    in ``paths`` is then read whatever its suffix (``export.dat``).

    A search export gives one result per record (``record`` its key); each
    record is stored in its own transaction (and has its own time budget), so
    an interrupted import keeps every record reported and a re-run skips them
    (by content hash). Duplicates across sources are merged (``merged``, see
    :func:`plan`).

    ``workers`` > 1 runs the NLP in that many processes
    (:class:`concurrent.futures.ProcessPoolExecutor`, started as :func:`worker_context` says:
    forked from one server process that loaded the models, or each loading them) while this process alone reads, decides (duplicates, skips)
    and writes, in input order: the database holds what one worker would have stored (same
    ids, same claims). On SQLite the writer stores the documents whose NLP is done in one
    transaction (:class:`litmine.store.db.WriteBatch`: up to 16 documents or 1 s; it commits
    before waiting longer for a worker), and yields their results once it has committed them:
    an interrupted ingest keeps only whole documents, every one it reported stored. At most ``2 × workers`` documents
    are in flight. As with any ``spawn`` or ``forkserver`` pool, a script calling this needs the
    ``if __name__ == "__main__":`` guard (the CLI has it). The writer's share (storing and the
    claims update, about a third of one worker's CPU time) is done once, by this process:
    it bounds the speed-up (``benchmarks/workers.py``).

    Raises:
        UsageError (a ValueError): ``role`` unknown, or ``workers`` not 1 to :data:`~litmine.types.MAX_WORKERS`.
        LitmineError: with ``strict=True``, at the first failure: an
            :class:`~litmine.errors.InputError` for unreadable input,
            :class:`~litmine.errors.ProcessingError` for a litmine bug met
            on a readable file, :class:`~litmine.errors.DatabaseError`.
        DatabaseError: the database cannot be opened.
    """
    from .io import iter_input_paths
    from .store.claims import ROLES
    from .store.db import connect

    if role is not None and role not in ROLES:
        raise UsageError(f"role {role!r}: choose one of {', '.join(ROLES)}")
    engine = db if hasattr(db, "dialect") else connect(db, create_dirs=create_dirs)
    walk_errors: list[LitmineError] = []
    ignored: list[IngestResult] = []
    own = _database_files(engine)

    def note(path, why: str) -> None:
        if os.path.realpath(path) in own:         # the database's own files, in the folder being read
            return
        shown = display_path(path) + (os.sep if why.endswith("folder") else "")
        ignored.append(IngestResult(shown, "ignored", reason=why))

    def again(path, first) -> None:
        what = "folder" if os.path.isdir(path) else "file"
        slash = os.sep if what == "folder" else ""
        ignored.append(IngestResult(display_path(path) + slash, "skipped",
                                    reason=f"{REPEATED_PATH} (the same {what} as {display_path(first)}{slash})"))

    check_workers(workers)
    found = iter_input_paths(paths, on_error=None if strict else walk_errors.append, on_skip=note,
                             all_files=all_files, any_suffix=fmt is not None, on_repeat=again)
    with fewer_collections():
        if workers > 1:
            yield from _ingest_parallel(found, engine, encoding, role, force, limits or Limits(), fmt, strict,
                                        workers, walk_errors, ignored, on_start)
            return
        for path in found:
            yield from _failures(walk_errors)
            yield from _drain(ignored)
            if on_start is not None:
                on_start(display_path(path))
            yield from _ingest_file(path, engine, encoding, role, force, limits or Limits(), fmt, strict)
        yield from _failures(walk_errors)
        yield from _drain(ignored)


#: CPython's garbage-collector thresholds while documents are ingested (its default is
#: ``(700, 10, 10)``): the pipeline allocates millions of short-lived container objects
#: (mentions, rows, spaCy tokens) that reference counting frees, and at 700 the collector
#: walked them ~850 times for 410 documents, 1.2-1.4 s of a 21-25 s ingest
#: (``benchmarks/throughput.py --scale 0.2``, measured with :data:`gc.callbacks`); at 50,000
#: it runs 6 times, 0.14 s. Garbage in reference cycles waits for at most 50,000 allocations.
GC_THRESHOLDS = (50_000, 20, 20)
_tuned = [0]          # ingests running in this process with GC_THRESHOLDS set (nested or interleaved)
_caller_thresholds: list = []


@contextmanager
def fewer_collections():
    """Run a block with the collector at :data:`GC_THRESHOLDS`; the thresholds before the
    outermost such block are set back when it ends (blocks may nest or interleave, as two
    :func:`ingest` generators read in turn do)."""
    import gc
    if not _tuned[0]:
        _caller_thresholds[:] = gc.get_threshold()
        gc.set_threshold(*GC_THRESHOLDS)
    _tuned[0] += 1
    try:
        yield
    finally:
        _tuned[0] -= 1
        if not _tuned[0]:
            gc.set_threshold(*_caller_thresholds)


def _database_files(engine) -> set[str]:
    """Real paths of a SQLite database's file and its -wal, -shm and -journal
    files (empty for another database or an in-memory one)."""
    name = engine.url.database if engine.url.get_backend_name() == "sqlite" else None
    if not name or name == ":memory:":
        return set()
    return {os.path.realpath(name + suffix) for suffix in ("", "-wal", "-shm", "-journal")}


def _drain(results: list[IngestResult]) -> Iterator[IngestResult]:
    """The results collected so far, removing them from ``results``."""
    while results:
        yield results.pop(0)


def _file_items(path, encoding: Optional[str], limits: Limits, fmt: Optional[str],
                strict: bool) -> Iterator[Union[IngestResult, tuple[RawDocument, "TimeBudget"]]]:
    """The documents of one input file as ``(raw, budget)`` -- one for a paper, one per
    record for an export -- and a ``failed`` result for each that cannot be read (a record
    that cannot be read is a ``failed`` result and the next one goes on). Reading a paper or
    record and processing it share one time budget (``limits.time_limit_s``), returned with
    it: each record of an export has its own.

    Raises:
        LitmineError: only with ``strict``, the first failure.
    """
    from .io import read_inputs

    budget = TimeBudget(limits.time_limit_s)
    shown = display_path(path)
    try:
        items = read_inputs(path, encoding=encoding, fmt=fmt, limits=limits)
        while True:
            budget = TimeBudget(limits.time_limit_s)          # each record its own
            with budget.running(path):
                item = next(items, None)
            if item is None:
                break
            if isinstance(item, LitmineError):       # one bad record of an export: the rest go on
                if strict:
                    raise item
                yield IngestResult(shown, "failed", error=str(item), record=getattr(item, "record", ""))
                continue
            yield item, budget
    except LitmineError as exc:
        if strict:
            raise
        yield IngestResult(shown, "failed", error=str(exc))
    except _TimeUp:      # the alarm landed on a block's very last step
        if strict:
            raise budget._error(path) from None
        yield IngestResult(shown, "failed", error=str(budget._error(path)))
    except Exception as exc:                        # a reader's bug: this file fails, the batch goes on
        err = ProcessingError(path, exc, write_crash_log(exc))
        if strict:
            raise err from exc
        yield IngestResult(shown, "failed", error=str(err))


def _failed(raw: RawDocument, exc: LitmineError, strict: bool) -> IngestResult:
    """A document's ``failed`` result (or, with ``strict``, ``exc`` raised)."""
    if strict:
        raise exc
    return IngestResult(display_path(raw.path), "failed", error=str(exc), record=raw.record.key if raw.record else "")


def _ingest_file(path, engine, encoding: Optional[str], role: Optional[str], force: bool, limits: Limits,
                 fmt: Optional[str], strict: bool) -> Iterator[IngestResult]:
    """The results of one input file (see :func:`_file_items`), each document read,
    processed and stored in turn.

    Raises:
        LitmineError: only with ``strict``, the first failure.
    """
    for got in _file_items(path, encoding, limits, fmt, strict):
        if isinstance(got, IngestResult):
            yield got
            continue
        item, budget = got
        try:
            result = _ingest_one(item, engine, role, force, budget)
        except LitmineError as exc:
            result = _failed(item, exc, strict)
        yield result


# --------------------------------------------------------------------------- worker processes

def check_workers(workers: int) -> None:
    """UsageError (a ValueError) unless ``workers`` (NLP processes of an ingest) is an integer from
    1 to :data:`~litmine.types.MAX_WORKERS`: ``"workers=0: give 1 to 64 (processes running the NLP)"``."""
    from .types import MAX_WORKERS
    if isinstance(workers, bool) or not isinstance(workers, int) or not 1 <= workers <= MAX_WORKERS:
        raise UsageError(f"workers={workers!r}: give 1 to {MAX_WORKERS} (processes running the NLP)")


#: The module the forkserver of ``ingest --workers N`` imports before it forks a worker (it loads the models).
WORKER_PRELOAD = "litmine._preload"


def worker_context():
    """The :mod:`multiprocessing` context of ``ingest --workers N``'s worker processes.

    ``forkserver`` where the platform has it (Linux, macOS): one server process, started by the
    first parallel ingest of this process and kept until it exits, imports :data:`WORKER_PRELOAD`
    (:func:`multiprocessing.set_forkserver_preload`, which this call sets), so it loads the
    pipelines and lexicons once (:mod:`litmine._preload`) and every worker forked from it starts
    with them: one model load per process tree instead of one per worker (~2.5 CPU s each). The
    server holds no thread, no database connection and no progress bar (forking this process
    would copy them). Elsewhere (Windows): ``spawn``, each worker loading the models itself.
    Either way a worker sees the environment of the process that started its server or itself.
    """
    import multiprocessing
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        ctx.set_forkserver_preload([WORKER_PRELOAD])
        return ctx
    return multiprocessing.get_context("spawn")


def _worker_start() -> None:
    """Worker initializer: load the pipelines and lexicons once (done already in a worker
    forked from the preloaded forkserver, see :func:`worker_context`), then freeze them for the
    garbage collector (:func:`gc.freeze`: collections skip them) and set its thresholds to
    :data:`GC_THRESHOLDS`."""
    import gc
    warm_up()
    gc.freeze()
    gc.set_threshold(*GC_THRESHOLDS)


def _worker_process(raw: RawDocument, role: str, seconds: Optional[float]):
    """:func:`process_planned` in a worker, within ``seconds`` (what the document's budget
    has left): ``("ok", Processed)`` or ``("failed", error class name, message, path)``
    (library errors travel as text: their constructors differ)."""
    budget = TimeBudget(seconds)
    try:
        return ("ok", _guarded(raw, lambda: process_planned(raw, role, budget), budget))
    except LitmineError as exc:
        return ("failed", type(exc).__name__, str(exc), getattr(exc, "path", display_path(raw.path)))


def _rebuilt_error(name: str, message: str, path: str) -> LitmineError:
    """A worker's error again, of its class (``str()`` the same; its constructor not re-run)."""
    from . import errors
    cls = getattr(errors, name, LitmineError)
    if not (isinstance(cls, type) and issubclass(cls, LitmineError)):
        cls = LitmineError
    exc = cls.__new__(cls)
    Exception.__init__(exc, message)
    exc.path = path
    return exc


def _ingest_parallel(found, engine, encoding, role, force, limits, fmt, strict, workers, walk_errors, ignored,
                     on_start) -> Iterator[IngestResult]:
    """:func:`ingest`'s loop with ``workers`` processes running the NLP: this process reads
    each document, plans it (:func:`plan`), hands it to a worker and stores what comes back
    (:func:`store_planned`), in input order. A document sharing a key (:func:`plan_keys`) with
    one still in flight waits until that one is stored, so every decision sees the database
    a one-worker ingest would have seen."""
    import collections
    from concurrent.futures import ProcessPoolExecutor, wait

    from .store.db import batched

    pending: collections.deque = collections.deque()    # ("done", result, redo) | ("work", plan, future, keys)
    in_flight: collections.Counter = collections.Counter()
    batch = batched(engine)
    store = engine if batch is None else batch
    # results of the open batch, yielded once it is committed, each with how to write it again
    # (None: it wrote nothing) should the batch be rolled back (WriteBatch.aborts)
    ready: list[tuple[IngestResult, Optional[Callable[[], IngestResult]]]] = []
    aborts = [0]

    def wrote(result: IngestResult) -> bool:
        """Whether a result's document changed the database (stored, merged, role set)."""
        return result.status in ("stored", "merged") or (result.reason or "").startswith("role set to")

    def rewrite() -> None:
        """After the batch was rolled back (a write failed half-way): write again, in order, what
        the results held and the planned duplicates had written in it."""
        while batch is not None and batch.aborts != aborts[0]:
            aborts[0] = batch.aborts
            todo = [(ready, i) for i in range(len(ready))] + \
                   [(pending, i) for i, e in enumerate(pending) if e[0] == "done"]
            for where, i in todo:
                entry = where[i]
                result, redo = (entry[0], entry[1]) if where is ready else (entry[1], entry[2])
                if redo is None:
                    continue
                again = redo()
                keep = (again, redo if wrote(again) else None)
                where[i] = keep if where is ready else ("done", *keep)
                if batch.aborts != aborts[0]:
                    break                     # rolled back again: start over

    def committed(final: bool = False) -> Iterator[IngestResult]:
        """The held results, once the batch holding their writes is committed (when due, or
        ``final``); a failed commit turns what it held into ``failed`` results."""
        if batch is not None and not (final or batch.due()):
            return
        if batch is not None:
            try:
                batch.commit()
            except LitmineError as exc:
                for i, (r, redo) in enumerate(ready):
                    if redo is not None:
                        ready[i] = (IngestResult(r.path, "failed", error=f"{r.path}: {exc}", record=r.record), None)
                        if strict:
                            raise
        while ready:
            yield ready.pop(0)[0]

    def store_next() -> Iterator[IngestResult]:
        """Finish the first pending entry. Its worker not done yet: wait for it while the batch
        has time left (:meth:`~litmine.store.db.WriteBatch.left`), then commit the batch before
        waiting longer, so the write lock is never held long for a slow document."""
        if batch is not None and batch.open and pending[0][0] == "work" and not pending[0][2].done():
            wait([pending[0][2]], timeout=batch.left())
            if not pending[0][2].done():
                yield from committed(final=True)
        ready.append(finish(pending.popleft()))
        yield from committed()

    def finish(entry) -> tuple[IngestResult, Optional[Callable[[], IngestResult]]]:
        if entry[0] == "done":
            return entry[1], entry[2]
        _, p, future, keys = entry
        in_flight.subtract(keys)
        got = future.result()
        if got[0] == "failed":
            return _failed(p.raw, _rebuilt_error(*got[1:]), strict), None

        def write() -> IngestResult:
            try:
                return _guarded(p.raw, lambda: store_planned(p, got[1], store, force))
            except LitmineError as exc:
                return _failed(p.raw, exc, strict)
        result = write()
        rewrite()
        return result, (write if wrote(result) else None)

    def held() -> Iterator[IngestResult]:
        pending.extend(("done", r, None) for r in _failures(walk_errors))
        pending.extend(("done", r, None) for r in _drain(ignored))
        return iter(())

    with ProcessPoolExecutor(workers, mp_context=worker_context(), initializer=_worker_start) as pool:
        try:
            for path in found:
                yield from held()
                if on_start is not None:
                    on_start(display_path(path))
                for got in _file_items(path, encoding, limits, fmt, strict):
                    if isinstance(got, IngestResult):
                        pending.append(("done", got, None))
                        continue
                    item, budget = got
                    keys = plan_keys(item, display_path(item.path))
                    if any(in_flight[k] > 0 for k in keys):      # depends on one not stored yet
                        while pending:
                            yield from store_next()

                    def planned(item=item, budget=budget):
                        try:
                            return _guarded(item, lambda: plan(item, store, role, force), budget)
                        except LitmineError as exc:
                            return _failed(item, exc, strict)
                    p = planned()
                    rewrite()
                    if isinstance(p, IngestResult):
                        pending.append(("done", p, planned if wrote(p) else None))
                        continue
                    left = None if budget.seconds is None else max(0.001, budget.seconds - budget.spent)
                    in_flight.update(keys)
                    pending.append(("work", p, pool.submit(_worker_process, p.raw, p.new_role, left), keys))
                    while sum(e[0] == "work" for e in pending) >= 2 * workers:
                        yield from store_next()
            held()
            while pending:
                yield from store_next()
            yield from committed(final=True)
        except GeneratorExit:           # the caller stopped reading: keep the whole documents written
            if batch is not None:
                batch.commit()
            raise
        except BaseException as exc:
            # an interrupt (Ctrl-C) or, with strict, a failure: what the open batch holds is whole
            # documents (a write that failed half-way rolled the batch back: then, after a failure,
            # its documents are written again; after an interrupt, they are not reported) --
            # commit it and hand the results over before the exception goes on, as
            # one-at-a-time commits did
            if batch is not None:
                if batch.aborts != aborts[0]:
                    if isinstance(exc, Exception):
                        rewrite()
                    else:
                        ready[:] = [(r, redo) for r, redo in ready if redo is None]
                try:
                    batch.commit()
                except LitmineError:
                    ready[:] = [(r, redo) for r, redo in ready if redo is None]
            for r, _redo in ready:
                yield r
            ready.clear()
            raise
        finally:
            if batch is not None:
                batch.rollback()        # nothing open after a commit; a commit that failed leaves nothing
            for entry in pending:
                if entry[0] == "work":
                    entry[2].cancel()


#: Characters at the start of a file's text searched for its own DOI (its first page).
DOI_WINDOW = 5000


def _with_doi(raw: RawDocument) -> RawDocument:
    """A plain file (PDF, text) whose first page prints a DOI gets a record with
    that DOI only, so it and an export record of the same paper are one document."""
    if raw.record is None and raw.format in ("pdf", "txt", "html"):
        doi = own_doi(raw.text[:DOI_WINDOW])
        if doi:
            raw.record = BibRecord(doi=doi, source_db="file", fmt=raw.format)
    return raw


def _merge_records(new: Optional[BibRecord], old: Optional[BibRecord]) -> Optional[BibRecord]:
    """``new`` with its empty fields filled from ``old`` (the stored document's record)."""
    if old is None:
        return new
    if new is None:
        return old
    filled = {f.name: getattr(old, f.name) for f in fields(BibRecord)
              if not getattr(new, f.name) and f.name not in ("key", "fmt", "source_db", "pdf", "warnings")}
    return replace(new, **filled)


def _names_paper(record: Optional[BibRecord]) -> bool:
    """True for a record that gives a title or authors (not only a DOI sniffed from a file)."""
    return record is not None and bool(record.title or record.authors)


@dataclass
class Plan:
    """What the writer decided for one document before its NLP: it is to be processed
    and stored (a new document, an edited version replacing ``replace_id``, or full text
    replacing a record's abstract). ``raw`` is the document as it will be processed
    (its record completed from the stored one where they merge)."""

    raw: RawDocument
    shown: str
    key: str
    existing: Optional[int]
    stored_role: Optional[str]
    replace_id: Optional[int]
    merged_by: str
    reason: Optional[str]
    new_role: str

    def keys(self) -> set:
        """What another document of the batch could share with this one (see :func:`plan_keys`)."""
        return plan_keys(self.raw, self.shown)


def plan_keys(raw: RawDocument, shown: str) -> set:
    """The keys by which a document's ingest depends on the documents stored before it in
    the same batch: its content hash, DOI, PMID, title key and (path, record). Two
    documents sharing none are stored the same whatever their order."""
    from .store.rows import metadata_values
    raw = _with_doi(raw)
    name = raw.metadata.get("name") or shown.replace("\\", "/").rsplit("/", 1)[-1]
    meta = metadata_values(raw.record, name)
    out = {("sha", raw.sha256), ("source", shown, raw.record.key if raw.record else "")}
    out |= {(k, meta[k]) for k in ("doi", "pmid", "title_key") if meta.get(k)}
    return out


def plan(raw: RawDocument, engine, role: Optional[str] = None, force: bool = False) -> Union[IngestResult, Plan]:
    """The writer's decision for one document read from a file or an export record, before
    any NLP: an :class:`IngestResult` when nothing is to be processed (``skipped``: content
    already stored, its role changed if asked; ``merged``: a duplicate recorded on the stored
    document), else a :class:`Plan`.

    Content already stored (as a document or a merged source) is ``skipped`` -- unless it
    is a record's attached PDF stored before as a plain file without metadata: then the
    record is ``merged`` into it (``merged_by`` ``file``), naming it; then
    :func:`litmine.store.db.find_duplicate` looks for the same input read before from the
    same path and record (an edited version: it is processed and replaces the stored one, in
    one transaction), or the same paper by DOI, PMID or title key: a duplicate is ``merged``
    (one more ``document_sources`` row, metadata the document lacked filled in), except that
    full text (a PDF, a text file) replaces a stored record's abstract, keeping the record's
    metadata where the file has none.

    Raises:
        LitmineError: a database read or write failed.
    """
    from .store.claims import document_role, set_role
    from .store.db import add_source, document_id_by_hash, document_label, find_duplicate, source_document, \
        stored_record
    from .store.rows import SourceValues, metadata_values, source_path

    shown = display_path(raw.path)
    raw = _with_doi(raw)
    key = raw.record.key if raw.record else ""
    existing = document_id_by_hash(engine, raw.sha256)
    if existing is None and not force:
        existing = source_document(engine, raw.sha256)
    stored_role = document_role(engine, existing) if existing is not None else None
    name = raw.metadata.get("name") or shown.replace("\\", "/").rsplit("/", 1)[-1]
    meta = metadata_values(raw.record, name)
    if existing is not None and not force and _names_paper(raw.record):
        old = stored_record(engine, existing)
        if old is not None and not old.title and not old.authors:   # the same file, stored without its record
            add_source(engine, existing, SourceValues(source_path(shown), raw.sha256, raw.format,
                                                      meta.get("source_db", "file"), key, "file"), meta)
            return IngestResult(shown, "merged", existing, record=key, merged_by="file",
                                merged_into=document_label(engine, existing), label=meta.get("label", name))
    if existing is not None and not force:
        reason = None
        if role is not None and role != stored_role:
            set_role(engine, existing, role)
            reason, stored_role = f"role set to {role} (was {stored_role})", role
        return IngestResult(shown, "skipped", existing, reason=reason, role=stored_role, record=key)
    replace_id, merged_by, reason = None, "", None
    dup = None if existing is not None else find_duplicate(
        engine, doi=meta.get("doi", ""), pmid=meta.get("pmid", ""), title_key=meta.get("title_key", ""),
        path=shown, record_key=key)
    if dup is not None:
        dup_id, how = dup
        old = stored_record(engine, dup_id)
        if how == "source":
            replace_id, reason = dup_id, "an edited version: replaces the one stored from this path"
        elif raw.format != "record" and old is not None and old.fmt == "record":
            replace_id, merged_by = dup_id, how           # full text replaces an abstract
            raw.record = _merge_records(raw.record, old)
            reason = f"full text replaces the record's abstract (same {how})"
        else:
            add_source(engine, dup_id, SourceValues(source_path(shown), raw.sha256, raw.format,
                                                    meta.get("source_db", "file"), key, how), meta)
            return IngestResult(shown, "merged", dup_id, record=key, merged_by=how,
                                merged_into=document_label(engine, dup_id),
                                label=meta.get("label", name))
        stored_role = document_role(engine, dup_id)
    return Plan(raw, shown, key, existing, stored_role, replace_id, merged_by, reason,
                role or stored_role or "primary")


@dataclass
class Processed:
    """A planned document's rows (what a worker process hands the writer) and its counts."""

    rows: "DocumentRows"
    n_sentences: int
    n_mentions: int
    n_relations: int
    warnings: list[str]


def process_planned(raw: RawDocument, role: str, budget: Optional["TimeBudget"] = None) -> Processed:
    """Run the NLP on a planned document within ``budget`` and build its rows (role ``role``).

    Raises:
        LimitError: past the time budget.
    """
    from .store.rows import document_rows
    budget = budget or TimeBudget(None)
    if budget.seconds is not None:
        warm_up()       # models loaded outside the budget, and only once a document needs them
    with budget.running(raw.path):
        pd = process(raw)
    return Processed(document_rows(pd, role), len(pd.sentences), len(pd.mentions), len(pd.relations),
                     list(pd.document.warnings))


def store_planned(p: Plan, done: Processed, engine, force: bool = False) -> IngestResult:
    """Store a planned document's rows in one transaction (claims included). A document
    (not an export record) whose cleaned text is that of a stored one (another encoding or
    line ending of the same file) is ``skipped`` instead, ``reason`` "same text as NAME".

    Raises:
        DatabaseError: the write failed.
    """
    from .store.db import document_by_text, write_document
    same = None if p.raw.format == "record" else document_by_text(engine, done.rows.document.text_sha256)
    if same is not None and same[0] not in (p.existing, p.replace_id):
        # the same cleaned text stored from other bytes (GB18030 / UTF-16, CRLF): one document
        return IngestResult(p.shown, "skipped", same[0], reason=f"same text as {same[1]}", record=p.key)
    counts: Counter = Counter()
    try:
        doc_id = write_document(engine, done.rows, replace=force, replace_id=p.replace_id, stances=counts)
    except DuplicateDocumentError as exc:        # stored by another process meanwhile
        return IngestResult(p.shown, "skipped", exc.document_id, record=p.key)
    stances = dict(sorted(counts.items()))      # in stance order, as stance_counts reads them
    return IngestResult(p.shown, "stored", doc_id, done.n_sentences, done.n_mentions, done.n_relations,
                        warnings=done.warnings, stances=stances,
                        replaced=p.existing is not None or p.replace_id is not None, role=p.new_role, record=p.key,
                        label=done.rows.document.label, reason=p.reason, merged_by=p.merged_by)


def _guarded(raw: RawDocument, fn, budget: Optional["TimeBudget"] = None):
    """``fn()``, with an unexpected exception (a litmine bug) as a ``ProcessingError`` and a
    late alarm as the budget's ``LimitError``."""
    try:
        return fn()
    except DuplicateDocumentError as exc:
        return IngestResult(display_path(raw.path), "skipped", exc.document_id,
                            record=raw.record.key if raw.record else "")
    except LitmineError:
        raise
    except _TimeUp:      # the alarm landed on a block's very last step
        raise (budget or TimeBudget(None))._error(raw.path) from None
    except Exception as exc:
        raise ProcessingError(raw.path, exc, write_crash_log(exc)) from exc


def _ingest_one(raw: RawDocument, engine, role: Optional[str] = None, force: bool = False,
                budget: Optional["TimeBudget"] = None) -> IngestResult:
    """Process and store one document read from a file or an export record
    (``stored``, ``skipped`` or ``merged``; see :func:`ingest` for ``role`` and ``force``,
    :func:`plan` for duplicates): :func:`plan`, :func:`process_planned` within ``budget``
    (the file's :class:`TimeBudget`), :func:`store_planned` (outside the budget).

    Raises:
        LitmineError: the document cannot be stored; an unexpected exception
            (a litmine bug) becomes a ``ProcessingError``, so one bad document
            cannot end a batch of 500.
    """
    def run():
        p = plan(raw, engine, role, force)
        if isinstance(p, IngestResult):
            return p
        return store_planned(p, process_planned(p.raw, p.new_role, budget), engine, force)
    return _guarded(raw, run, budget)


def _failures(errors: list[LitmineError]) -> Iterator[IngestResult]:
    """``failed`` results for (and removing) the errors collected so far."""
    while errors:
        exc = errors.pop(0)
        yield IngestResult(getattr(exc, "path", ""), "failed", error=str(exc))
