"""The storage tests run against SQLite and PostgreSQL: ``engine`` is parametrised over both
(the PostgreSQL server is started once per session, see ``pgserver``)."""
from __future__ import annotations

import pytest


@pytest.fixture(params=["sqlite", "postgresql"])
def engine(request, tmp_path):
    """A fresh database made by litmine's own schema set-up: a SQLite file, or a PostgreSQL database."""
    if request.param == "postgresql":
        yield request.getfixturevalue("pg_engine")
        return
    from litmine.store.db import connect
    engine = connect(tmp_path / "litmine.sqlite")
    yield engine
    engine.dispose()
