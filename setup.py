"""Build step: every file of ``models/`` goes into the package as ``litmine/data/``.

``models/`` stays the one source of litmine's data in the repository; a wheel
(and a wheel built from an sdist, which carries ``models/`` by MANIFEST.in)
gets a copy, read at run time through :mod:`litmine.data`. Every file is
taken (by glob, hidden files aside), so a new data file needs no change here.
Everything else about the build is in pyproject.toml.
"""
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

MODELS = Path(__file__).resolve().parent / "models"


class BuildPyWithModels(build_py):
    """``build_py`` that also copies ``models/*`` into ``<build>/litmine/data/``."""

    def run(self):
        super().run()
        target = Path(self.build_lib) / "litmine" / "data"
        target.mkdir(parents=True, exist_ok=True)
        for src in sorted(MODELS.glob("*")):
            if src.is_file() and not src.name.startswith("."):
                self.copy_file(str(src), str(target / src.name))


setup(cmdclass={"build_py": BuildPyWithModels})
