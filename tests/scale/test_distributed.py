"""The Dask path (:mod:`litmine.distributed`): a local cluster of 2 processes turns files into
JSONL shards, the single writer stores them; the database is the one ``ingest`` makes."""
from __future__ import annotations

import json

import pytest

from helpers import CORPUS, db_contents
from litmine.pipeline import ingest
from litmine.store.db import connect

distributed = pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")

FILES = sorted(CORPUS.glob("*.txt"))[:3]


@pytest.fixture(scope="module")
def shards(tmp_path_factory):
    """Shards of FILES and a missing file, made on a LocalCluster of 2 worker processes."""
    from litmine.distributed import process_to_shards
    folder = tmp_path_factory.mktemp("shards")
    bad = folder / "bad.pdf"
    bad.write_bytes(b"no pdf here")
    cluster = distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None)
    with distributed.Client(cluster) as client:
        made = process_to_shards([*FILES, bad], folder / "out", client, files_per_partition=2)
        pids = set(client.run(lambda: __import__("os").getpid()).values())
    cluster.close()
    assert len(pids) == 2
    return folder / "out", made


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """FILES ingested the plain way."""
    engine = connect(tmp_path_factory.mktemp("ref") / "ref.sqlite")
    assert [r.status for r in ingest(FILES, engine)] == ["stored"] * len(FILES)
    yield db_contents(engine)
    engine.dispose()


@pytest.mark.skipif(not FILES, reason="corpus/ is absent")
def test_shards_are_partitions_of_whole_files(shards):
    folder, made = shards
    assert made["files"] == made["documents"] == 4 and made["shards"] == 2 and made["failed"] == 1
    lines = [json.loads(x) for p in sorted(folder.glob("part-*.jsonl")) for x in p.read_text("utf-8").splitlines()]
    assert [x["position"] for x in lines] == [0, 1, 2, 3]
    assert all(x["processed"]["rows"]["relations"] for x in lines[:3]) and "bad.pdf" in lines[3]["error"]


@pytest.mark.skipif(not FILES, reason="corpus/ is absent")
@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_loaded_shards_are_what_ingest_stores(shards, reference, backend, tmp_path, request):
    from litmine.distributed import load_shards
    db = (request.getfixturevalue("pg_server").litmine_database() if backend == "postgresql"
          else tmp_path / "dask.sqlite")
    results = list(load_shards(shards[0], db))
    assert [r.status for r in results] == ["stored"] * 3 + ["failed"]
    engine = connect(db)
    assert db_contents(engine) == reference
    assert [r.status for r in load_shards(shards[0], engine)][:3] == ["skipped"] * 3     # loading twice is harmless
    engine.dispose()
