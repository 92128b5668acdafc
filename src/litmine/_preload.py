"""Loaded by the server process that forks the workers of ``ingest --workers N``.

:func:`litmine.pipeline.ingest` names this module in
:func:`multiprocessing.set_forkserver_preload`: the forkserver imports it once, when the first
parallel ingest of a process starts it, so the pipelines and lexicons are loaded there
(:func:`litmine.pipeline.warm_up`, ~2.5 CPU s: spaCy, litmine's rules, the English and Chinese
pipelines, the lexicon) and every worker forked from it starts with them, its pages shared
copy-on-write. What is loaded is then frozen for the garbage collector (:func:`gc.freeze`):
collections in a worker neither walk the models nor touch (and so copy) their pages.

A failure here is not reported: the worker's initializer loads the models again and fails
there, with its error (the forkserver ignores nothing but an ImportError).
"""
from __future__ import annotations

import gc

try:
    from .pipeline import warm_up
    warm_up()
except Exception:  # noqa: BLE001 -- reported by the workers' initializer, which runs warm_up again
    pass
gc.freeze()
