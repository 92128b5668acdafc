"""One closing line for skipped tests, grouped by reason.

``skip_summary(reports)`` turns pytest's skipped reports into
``"25 skipped: ../shared is absent (20); ../shared/corpus/pdf is absent (5)"``
so a run outside the usual layout (no ``../shared`` beside the clone) says at
its end what it did not test and why. The hook :func:`pytest_terminal_summary`
(imported by ``tests/conftest.py``) prints it after pytest's summary
sections, just before pytest's own closing counts.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable

import pytest


def skip_reason(report) -> str:
    """The reason of one skipped report (``pytest.TestReport``), without pytest's ``"Skipped: "``.

    ``report.longrepr`` is ``(path, line, "Skipped: reason")`` for a skip;
    anything else is shown as its string.
    """
    longrepr = report.longrepr
    text = longrepr[2] if isinstance(longrepr, tuple) and len(longrepr) == 3 else str(longrepr)
    return text.removeprefix("Skipped: ").strip() or "no reason given"


def skip_summary(reports: Iterable) -> str | None:
    """``"N skipped: reason (n); reason (n)"``, most frequent reason first; ``None``
    when nothing was skipped. Reports of the setup and call phases of one test
    count once (a test is skipped in one phase only)."""
    counts = Counter(skip_reason(r) for r in reports if getattr(r, "when", "call") in ("setup", "call"))
    if not counts:
        return None
    groups = "; ".join(f"{reason} ({n})" for reason, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
    return f"{sum(counts.values())} skipped: {groups}"


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_terminal_summary(terminalreporter):
    """After pytest's own summary sections (the outermost wrapper): the line of
    :func:`skip_summary`, if anything was skipped."""
    result = yield
    line = skip_summary(terminalreporter.stats.get("skipped", []))
    if line:
        terminalreporter.write_line(line, yellow=True)
    return result
