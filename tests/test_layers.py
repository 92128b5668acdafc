"""Every module imports, and imports run downward only.

Layers, lowest first (ARCHITECTURE.md): types/errors <- io, text <- nlp <-
consensus (claims) <- store <- formats (export) <- pipeline <- api <- cli.
A module may import modules of its own layer (its subpackage) or of a lower
layer; io and text are side by side and import neither each other. Imports
inside functions count (a lazy import must not hide an upward dependency);
``if TYPE_CHECKING:`` imports count for the direction, not for cycles.
"""
from __future__ import annotations

import ast
import functools
import importlib
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import litmine

SRC = Path(litmine.__file__).resolve().parent

#: layer of each top-level name under ``litmine`` (the package itself re-exports ``api``).
RANK = {"types": 0, "errors": 0, "data": 0, "io": 1, "text": 1, "nlp": 2, "consensus": 3, "store": 4, "formats": 5,
        "pipeline": 6, "_preload": 6.1,   # imported by the forkserver of ingest --workers: loads the models
        "evaluate": 6.5,   # scoring runs the pipeline on gold texts
        "distributed": 6.6,               # the pipeline on a Dask cluster
        "api": 7, "cli": 8,
        "_main": 9}                       # the command's launcher: imports the CLI inside a Ctrl-C guard


def modules() -> dict[str, Path]:
    out = {}
    for path in sorted(SRC.rglob("*.py")):
        parts = path.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = modules()


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for sub in node.body:
                lines.update(range(sub.lineno, (sub.end_lineno or sub.lineno) + 1))
    return lines


@functools.lru_cache(maxsize=None)
def _parsed(path: Path) -> tuple[ast.AST, frozenset[int]]:
    """The syntax tree of ``path`` and its ``if TYPE_CHECKING:`` lines, parsed once per session
    (the checks below read every module; parsing is most of their time)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return tree, frozenset(_type_checking_lines(tree))


def imports(name: str) -> list[tuple[str, bool]]:
    """``(litmine module imported, only under TYPE_CHECKING)`` for every import in module ``name``."""
    path = MODULES[name]
    tree, tc = _parsed(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            targets = [f"{mod}.{a.name}" if f"{mod}.{a.name}" in MODULES else mod for a in node.names]
        else:
            continue
        for t in targets:
            while t and t not in MODULES and t.startswith("litmine"):
                t = t.rpartition(".")[0]            # litmine.io.read_path -> litmine.io
            if t in MODULES:
                out.append((t, node.lineno in tc))
    return out


def layer(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else "api"


def test_every_module_imports():
    for name in MODULES:
        importlib.import_module(name)


def test_layers_are_known():
    assert {layer(n) for n in MODULES} <= set(RANK), "add the new top-level module to RANK"


def test_imports_run_downward():
    bad = []
    for name in MODULES:
        for target, _ in imports(name):
            a, b = layer(name), layer(target)
            if a != b and not RANK[b] < RANK[a]:
                bad.append(f"{name} -> {target}")
    assert not bad, "upward or sideways imports: " + ", ".join(sorted(set(bad)))


def test_no_import_cycles():
    graph = {n: sorted({t for t, tc in imports(n) if not tc and t != n}) for n in MODULES}
    state: dict[str, int] = {}
    cycles = []

    def visit(n, stack):
        state[n] = 1
        for m in graph[n]:
            if state.get(m) == 1:
                cycles.append(" -> ".join(stack[stack.index(m):] + [m]))
            elif m not in state:
                visit(m, stack + [m])
        state[n] = 2

    for n in graph:
        if n not in state:
            visit(n, [n])
    assert not cycles, "import cycles: " + "; ".join(cycles)


def test_the_checker_sees_lazy_and_relative_imports():
    """The checker itself: a lazy relative import inside a function is found."""
    found = dict(imports("litmine.pipeline"))
    assert "litmine.store.db" in found and "litmine.io" in found        # imported inside _ingest_one
    assert "litmine.nlp.tagger" in dict(imports("litmine.nlp.pipelines"))


def test_api_names_are_the_functions():
    """``litmine.export`` and ``litmine.claims`` stay API functions after every
    submodule is imported (a submodule of the same name would replace them)."""
    for name in MODULES:
        importlib.import_module(name)
    for fn in litmine.__all__:
        if fn == "__version__":
            continue
        obj = getattr(litmine, fn)
        assert inspect.isfunction(obj) and obj.__doc__ and "Raises:" in obj.__doc__ or fn == "process_text", fn
    assert isinstance(litmine.__version__, str) and litmine.__version__[0].isdigit()


@pytest.mark.parametrize("modules, absent", [
    ("litmine, litmine.cli", ("spacy", "sqlalchemy", "jieba")),       # --help, --version
    ("litmine.store.db, litmine.store.queries, litmine.formats.export, litmine.formats.terminal",
     ("spacy", "jieba")),                                             # query, export, stats
])
def test_imports_stay_light(modules, absent):
    """``import litmine`` loads neither spaCy nor SQLAlchemy, and the read side
    (query, export, stats) does not load the NLP stack."""
    code = f"import sys, {modules}; print(sorted(m for m in {absent!r} if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("upward", ["from ..pipeline import process", "from litmine.store.db import connect"])
def test_an_upward_import_would_be_caught(upward, monkeypatch, tmp_path):
    fake = tmp_path / "litmine" / "text" / "fake.py"
    fake.parent.mkdir(parents=True)
    fake.write_text(f"def f():\n    {upward}\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "litmine.text.fake", fake)
    with pytest.raises(AssertionError, match="litmine.text.fake -> litmine"):
        test_imports_run_downward()


def test_a_cycle_would_be_caught(monkeypatch, tmp_path):
    folder = tmp_path / "litmine" / "nlp"
    folder.mkdir(parents=True)
    (folder / "fake_a.py").write_text("from . import fake_b\n", encoding="utf-8")
    (folder / "fake_b.py").write_text("def f():\n    from .fake_a import x\n", encoding="utf-8")
    monkeypatch.setitem(MODULES, "litmine.nlp.fake_a", folder / "fake_a.py")
    monkeypatch.setitem(MODULES, "litmine.nlp.fake_b", folder / "fake_b.py")
    with pytest.raises(AssertionError, match="litmine.nlp.fake_a -> litmine.nlp.fake_b -> litmine.nlp.fake_a"):
        test_no_import_cycles()
