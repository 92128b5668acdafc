"""Paths shared by the tests; ``needs_shared`` skips a test when ../shared is absent."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seeds" / "000_e4f3cd9c43015cd5.txt"
GOLD = SHARED / "gold" / "seed_dev.jsonl"
REGIONS = SHARED / "gold" / "seed_dev_regions.json"
SCORER = SHARED / "eval" / "score_relations.py"
CORPUS = ROOT / "corpus"

needs_shared = pytest.mark.skipif(not SEED.exists(), reason="../shared (seed and gold) is absent")


def ingest_texts(folder: Path, texts: dict[str, str], db_name: str = "litmine.sqlite") -> Path:
    """Write ``texts`` (file name -> text written for a test) into ``folder``, ingest them
    with litmine's own ``ingest`` (in name order) and return the database path; every file
    must be stored."""
    import litmine
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    db = folder / db_name
    results = litmine.ingest(sorted(folder / name for name in texts), db)
    assert [r.status for r in results] == ["stored"] * len(texts), [r.error for r in results]
    return db


def sqlite_copy(source: Path, dest: Path) -> Path:
    """Copy the SQLite database ``source`` to ``dest`` with SQLite's backup API (whole and
    consistent, its WAL included); returns ``dest``. For a database made once per module and
    given to each test to change."""
    import sqlite3
    from contextlib import closing
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(dest)) as dst:
        src.backup(dst)
    return dest


#: Columns that record when a row was written, not what it holds.
WRITTEN_AT = {"ingested_at", "updated_at"}


def db_contents(engine) -> dict[str, list[tuple]]:
    """Every litmine table's rows (all columns but :data:`WRITTEN_AT`), in primary-key order:
    two databases hold the same when their contents are equal."""
    from sqlalchemy import select

    from litmine.store.schema import Base
    out = {}
    with engine.connect() as conn:
        for table in Base.metadata.sorted_tables:
            cols = [c for c in table.columns if c.name not in WRITTEN_AT]
            out[table.name] = [tuple(r) for r in conn.execute(select(*cols).order_by(*table.primary_key.columns))]
    return out


def migrate_from(db: Path, version: int, statements: list[str]) -> None:
    """Make ``db`` look like a version-``version`` database (run ``statements``, e.g. DROP
    COLUMN, and record the version), then open it with litmine's ``connect``, which must
    migrate it to the current schema version."""
    import sqlite3

    from litmine.store.db import connect, schema_version
    from litmine.store.schema import SCHEMA_VERSION
    con = sqlite3.connect(db)
    for stmt in statements:
        con.execute(stmt)
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(version),))
    con.commit()
    con.close()
    engine = connect(db)
    try:
        assert schema_version(engine) == SCHEMA_VERSION
    finally:
        engine.dispose()
