"""Run-time data: read from the package or the checkout's models/, generated files only in the cache."""
from __future__ import annotations

import pytest

import litmine.data as data
from litmine.nlp.lexicon import jieba_dict_path, lexicon_path

from helpers import ROOT


def test_a_checkout_reads_models(monkeypatch):
    monkeypatch.delenv("LITMINE_MODELS", raising=False)
    assert data.models_dir() == ROOT / "models"          # editable checkout: no copy in src/litmine/data
    assert data.path("lexicon.tsv") == lexicon_path() == ROOT / "models" / "lexicon.tsv"
    with pytest.raises(FileNotFoundError, match="nope.tsv: litmine data file missing"):
        data.path("nope.tsv")


def test_litmine_models_overrides(monkeypatch, tmp_path):
    monkeypatch.setenv("LITMINE_MODELS", str(tmp_path))
    assert data.models_dir() == tmp_path


def test_jieba_dictionary_goes_to_the_cache(monkeypatch, tmp_path):
    before = sorted(p.name for p in (ROOT / "models").iterdir())
    monkeypatch.setenv("LITMINE_CACHE", str(tmp_path / "cache"))
    path = jieba_dict_path()
    assert path.parent == tmp_path / "cache" and path.name.startswith("jieba_userdict.")
    words = {line.split()[0] for line in path.read_text(encoding="utf-8").splitlines()}
    assert {"跑台运动", "小胶质细胞"} <= words
    assert jieba_dict_path() == path                      # the same content is written once
    assert sorted(p.name for p in (ROOT / "models").iterdir()) == before


def test_an_unwritable_cache_falls_back_to_the_temporary_folder(monkeypatch, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv("LITMINE_CACHE", str(blocker / "cache"))      # under a file: cannot be created
    monkeypatch.setenv("TMPDIR", str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    import tempfile
    monkeypatch.setattr(tempfile, "tempdir", None)                     # re-read TMPDIR
    assert jieba_dict_path().parent == tmp_path / "tmp"
