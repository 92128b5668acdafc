"""The README's Python API example runs and prints what the README says."""
from __future__ import annotations

import re
import subprocess
import sys

from helpers import ROOT


def readme_example() -> tuple[str, str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text[text.index("## Python API"):text.index("## How it works")]
    code, printed = re.findall(r"```(?:python)?\n(.*?)```", section, re.S)[:2]
    return code, printed


def test_python_api_example_runs_as_documented(tmp_path):
    code, printed = readme_example()
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert res.returncode == 0, res.stderr
    assert res.stdout == printed
    assert list(tmp_path.iterdir()) == []          # the example writes only into its own temporary folder
