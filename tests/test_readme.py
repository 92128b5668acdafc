"""The README's Python API example runs and prints what the README says."""
from __future__ import annotations

import contextlib
import io
import re

from helpers import ROOT


def readme_example() -> tuple[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Python API"):text.index("## How it works")]
    code, printed = re.findall(r"```(?:python)?\n(.*?)```", section, re.S)[:2]
    return code, printed


def test_python_api_example_runs_as_documented(tmp_path, monkeypatch):
    """Run in this process (the models are loaded already) as a script would run it."""
    code, printed = readme_example()
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)           # re-read TMPDIR: the example's folder lands here
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        exec(compile(code, "README.md", "exec"), {"__name__": "__main__"})
    assert out.getvalue() == printed
    assert [p.name for p in tmp_path.iterdir()] == ["tmp"]  # the example writes only into its own temporary folder
    [work] = (tmp_path / "tmp").iterdir()
    assert sorted(p.name for p in work.iterdir() if not p.name.startswith("evidence.sqlite-")) == \
        ["evidence.sqlite", "paper.txt", "relations.csv"]
