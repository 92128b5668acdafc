"""litmine: bilingual (Chinese/English) text mining of exercise-medicine literature.

``read -> clean -> segment -> tag -> relate -> store -> query/export``. The
public API (details in :mod:`litmine.api`)::

    import litmine
    litmine.ingest(["paper.pdf", "corpus/"], db="db/litmine.sqlite")   # -> [IngestResult]
    rows = litmine.query(db="db/litmine.sqlite", target="TNF")          # -> [dict]
    hits = litmine.search("跑台 AND 炎症", db="db/litmine.sqlite")        # -> [dict]
    doc = litmine.process_text("跑台运动降低了大鼠脊髓TNF-α的表达。")     # no database

Functions: :func:`ingest`, :func:`process_text`, :func:`query` (:func:`iter_query` streams), :func:`export`,
:func:`search`, :func:`merge_report`, :func:`compare`, :func:`claims`, :func:`show_claim`, :func:`set_role`, :func:`stats`,
:func:`studies`,
:func:`connect`. Errors are
:mod:`litmine.errors` classes. Stages live in subpackages, each importing only
the ones below it: ``types``/``errors`` <- ``io``, ``text`` <- ``nlp`` <-
``consensus`` (claims) <- ``store`` <- ``formats`` (export) <- ``pipeline`` <-
``api`` <- ``cli``.
"""
from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__", "claims", "compare", "connect", "document_report", "evidence_map", "export",
           "html_report", "ingest", "iter_query", "merge_report", "process_text", "query", "rebuild_claims", "search",
           "set_role", "show_claim", "stats", "studies"]


def __getattr__(name: str):
    """The public functions, imported from :mod:`litmine.api` on first use (PEP 562), so that
    ``import litmine.types`` or the ``litmine`` command's launcher (:mod:`litmine._main`) does
    not load SQLAlchemy and the pipeline first. AttributeError for any other name."""
    if name in __all__:
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'litmine' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
