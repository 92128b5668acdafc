"""The closing line that names skipped groups and why."""
from types import SimpleNamespace

from skipsummary import skip_summary

pytest_plugins = ["pytester"]


def _skipped(reason, when="call"):
    return SimpleNamespace(longrepr=("tests/x.py", 3, f"Skipped: {reason}"), when=when)


def test_groups_by_reason_most_frequent_first():
    reports = [_skipped("../shared is absent")] * 3 + [_skipped("no symlinks", when="setup")]
    assert skip_summary(reports) == "4 skipped: ../shared is absent (3); no symlinks (1)"
    assert skip_summary([]) is None


def test_run_ends_with_the_line(pytester):
    """A real pytest run with this project's hook: the line comes after the
    short summary, just before pytest's closing counts."""
    pytester.makeconftest("from skipsummary import pytest_terminal_summary  # noqa: F401\n")
    pytester.makepyfile(test_a="""
        import pytest
        @pytest.mark.skipif(True, reason="../shared not found")
        def test_one(): pass
        @pytest.mark.skipif(True, reason="../shared not found")
        def test_two(): pass
        def test_three(): pytest.skip("no CJK font")
        def test_four(): pass
    """)
    res = pytester.runpytest("-ra")
    res.assert_outcomes(passed=1, skipped=3)
    lines = [ln for ln in res.outlines if ln.strip()]
    assert lines[-2] == "3 skipped: ../shared not found (2); no CJK font (1)"
    assert "1 passed, 3 skipped" in lines[-1]
