"""The installed package runs: build the wheel, install it into a fresh virtual
environment (not editable), and run ``litmine ingest`` and ``litmine query``
on a sample file from a folder outside the checkout.

Quick and offline: the wheel is built without build isolation (the test
environment has setuptools), from a copy of the source tree; the fresh
environment gets only the wheel (``--no-deps``), and reaches the already
installed dependencies through a ``.pth`` line naming this environment's
site-packages -- a plain path entry, so this environment's editable litmine
(its ``__editable__`` .pth) is not seen.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from helpers import ROOT

SAMPLE = ("6周跑台运动显著降低了SNI大鼠脊髓背角TNF-α的表达。"
          "Swimming for 4 weeks increased BDNF in the hippocampus of diabetic mice.\n")


def _run(*cmd, **kw) -> subprocess.CompletedProcess:
    res = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=300, **kw)
    assert res.returncode == 0, f"{cmd}: {res.stdout}\n{res.stderr}"
    return res


def _source_copy(dest: Path) -> Path:
    """The files a build reads, copied (the build writes build/ and *.egg-info next to them)."""
    skip = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info", ".*")
    for name in ("pyproject.toml", "setup.py", "MANIFEST.in", "README.md"):
        shutil.copy2(ROOT / name, dest / name)
    shutil.copytree(ROOT / "src", dest / "src", ignore=skip)
    shutil.copytree(ROOT / "models", dest / "models", ignore=skip)
    return dest


@pytest.mark.slow
def test_wheel_installs_and_runs_outside_the_checkout(tmp_path):
    (tmp_path / "src_copy").mkdir()
    src = _source_copy(tmp_path / "src_copy")
    dist = tmp_path / "dist"
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", dist, src)
    [wheel] = dist.glob("litmine-*.whl")
    assert wheel.name.startswith(f"litmine-{__import__('litmine').__version__}-")

    # every file of models/ is in the wheel, as package data
    names = set(zipfile.ZipFile(wheel).namelist())
    models = sorted(p.name for p in (ROOT / "models").iterdir() if p.is_file() and not p.name.startswith("."))
    assert models and {f"litmine/data/{m}" for m in models} <= names, sorted(names)
    assert not any("jieba_userdict" in n for n in names)          # generated at run time, not shipped

    venv = tmp_path / "venv"
    _run(sys.executable, "-m", "venv", "--without-pip", venv)
    py = venv / "bin" / "python"
    _run(sys.executable, "-m", "pip", "--python", py, "install", "--no-deps", "--no-index", "-q", wheel)
    site = Path(_run(py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])").stdout.strip())
    (site / "zz_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")

    work = tmp_path / "elsewhere"                                  # outside the checkout
    work.mkdir()
    (work / "sample.txt").write_text(SAMPLE, encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("LITMINE_", "PYTHON"))}
    env.update(HOME=str(tmp_path / "home"), XDG_CACHE_HOME=str(tmp_path / "cache"))
    installed = sorted(p for p in (site / "litmine").rglob("*") if "__pycache__" not in p.parts)

    where = _run(py, "-c", "import litmine, litmine.data as d; print(litmine.__file__); print(d.models_dir())",
                 cwd=work, env=env).stdout.split()
    assert where == [str(site / "litmine" / "__init__.py"), str(site / "litmine" / "data")]

    litmine = venv / "bin" / "litmine"
    res = _run(litmine, "ingest", "sample.txt", "--db", "x.sqlite", cwd=work, env=env)
    assert "1 stored, 0 skipped, 0 failed" in res.stdout, res.stdout + res.stderr
    rows = json.loads(_run(litmine, "query", "--db", "x.sqlite", "--format", "json", cwd=work, env=env).stdout)
    found = {(r["exercise"], r["direction"], r["target"]) for r in rows}
    assert {("treadmill", "decrease", "TNF-α"), ("swimming", "increase", "BDNF")} <= found, found

    # nothing was written into the installed package; generated files went to the user cache
    after = sorted(p for p in (site / "litmine").rglob("*") if "__pycache__" not in p.parts)
    assert after == installed
    assert all(p.name == "sample.txt" or p.name.startswith("x.sqlite") for p in work.iterdir())
    assert list((tmp_path / "cache" / "litmine").glob("generated-*.pickle"))   # the compiled lexicon cache
