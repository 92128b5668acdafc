"""Where litmine's run-time data lives, and where it may write.

**Read** (:func:`models_dir`, :func:`path`): the repository's ``models/``
folder is the source of the data (lexicons and their README). Building a
wheel or sdist copies every file of ``models/`` into this package
(``litmine/data/``; the ``build_py`` step in ``setup.py``), so an installed
litmine reads its data with :mod:`importlib.resources`. An editable checkout
has no copy and reads ``models/`` itself. ``$LITMINE_MODELS`` overrides both.

**Write** (:func:`cache_dir`): generated files -- the jieba user dictionary,
compiled lexicon caches -- go to the user cache directory
(``platformdirs.user_cache_dir("litmine")``, e.g. ``~/.cache/litmine``, or
``$LITMINE_CACHE``), never into the installed package or the checkout.

This module sits with ``types``/``errors`` at the bottom of the layers: it
imports nothing from litmine.
"""
from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path

#: The repository's ``models/`` folder, for a checkout (``src/litmine/data/`` -> repository root).
CHECKOUT_MODELS = Path(__file__).resolve().parents[3] / "models"


def _has_data(folder: Path) -> bool:
    return folder.is_dir() and any(p.is_file() and p.suffix != ".py" for p in folder.iterdir())


@functools.lru_cache(maxsize=None)
def _models_dir(env: str | None) -> Path:
    if env:
        return Path(env)
    packaged = Path(str(resources.files(__name__)))
    if _has_data(packaged):          # an installed wheel: the copy made at build time
        return packaged
    return CHECKOUT_MODELS           # an editable checkout: the source itself


def models_dir() -> Path:
    """The folder litmine's data files are read from: ``$LITMINE_MODELS``, else
    the data installed with the package, else the checkout's ``models/``.

    Installed packages are plain folders (pip never installs litmine zipped),
    so this is a real path that ``open`` and ``gzip.open`` accept.
    """
    return _models_dir(os.environ.get("LITMINE_MODELS"))


def path(name: str) -> Path:
    """The data file ``name`` (e.g. ``"lexicon.tsv"``) in :func:`models_dir`.

    Raises:
        FileNotFoundError: the file is not there (the message names the folder
            and how data gets into an installed package).
    """
    p = models_dir() / name
    if not p.is_file():
        raise FileNotFoundError(f"{p}: litmine data file missing (an installed litmine carries models/ as "
                                "litmine/data; reinstall it, or point $LITMINE_MODELS at a models/ folder)")
    return p


def cache_dir() -> Path:
    """The folder for generated files (created when missing): ``$LITMINE_CACHE``
    or ``platformdirs.user_cache_dir("litmine")``.

    Raises:
        OSError: the folder cannot be created (callers fall back to memory or
            a temporary file).
    """
    from platformdirs import user_cache_dir
    folder = Path(os.environ.get("LITMINE_CACHE") or user_cache_dir("litmine"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder
