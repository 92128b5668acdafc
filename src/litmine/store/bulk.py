"""Many-row INSERTs, UPDATEs and DELETEs straight through the driver's ``executemany``.

SQLAlchemy Core's ``conn.execute(insert(table), rows)`` builds and checks a parameter set per
row in Python (``construct_params``, type coercion), which costs more than SQLite's own work on
a document's few hundred rows. Here each statement is compiled once per (dialect, table,
columns) and the rows go to ``cursor.executemany`` as tuples (SQLite's ``qmark`` style) or
dicts (psycopg's ``pyformat``). Columns a row leaves out get their scalar Python default, as
Core would give them. The values must be what the driver stores as they are: text, numbers,
booleans, ``None`` (every litmine column is one of these; no type needs a bind processor).
"""
from __future__ import annotations

import functools
import operator
from typing import Sequence

from sqlalchemy import Table, bindparam, delete, insert, update
from sqlalchemy.engine import Connection


@functools.lru_cache(maxsize=512)
def _compiled(dialect, statement_key: tuple) -> tuple[str, tuple[str, ...] | None]:
    """SQL text of a cached statement and, for a positional paramstyle, the parameter order."""
    kind, table, columns, where, or_ignore = statement_key
    if kind == "insert":
        stmt = insert(table)
        if or_ignore:
            stmt = _or_ignore(stmt, table, dialect.name)
        compiled = stmt.compile(dialect=dialect, column_keys=list(columns))
    else:
        match = [table.c[w] == bindparam("_" + w) for w in where]
        stmt = update(table).where(*match) if kind == "update" else delete(table).where(*match)
        keys = {"_" + w for w in where}
        compiled = stmt.compile(dialect=dialect, column_keys=[c for c in columns if c not in keys])
    order = tuple(compiled.positiontup) if compiled.positional else None
    return compiled.string, order


def _or_ignore(stmt, table: Table, dialect_name: str):
    """INSERT that skips rows whose key is stored already: ``OR IGNORE`` (SQLite),
    ``ON CONFLICT DO NOTHING`` (PostgreSQL), a plain INSERT elsewhere."""
    if dialect_name == "sqlite":
        return stmt.prefix_with("OR IGNORE")
    if dialect_name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert
        return pg_insert(table).on_conflict_do_nothing()
    return stmt


@functools.lru_cache(maxsize=None)
def _defaults(table: Table) -> tuple[tuple[str, object], ...]:
    """(column, scalar default) of every column of ``table`` that has one."""
    return tuple((c.name, c.default.arg) for c in table.columns if c.default is not None and c.default.is_scalar)


@functools.lru_cache(maxsize=512)
def _getter(order: tuple[str, ...]):
    """A function from a row dict to the tuple of its values in ``order`` (``itemgetter``: one
    C call per row, where a generator over the keys made one Python step per value)."""
    if len(order) == 1:
        key = order[0]
        return lambda row: (row[key],)
    return operator.itemgetter(*order)


def _run(conn: Connection, key: tuple, rows: Sequence[dict]) -> None:
    sql, order = _compiled(conn.dialect, key)
    if order is None:
        conn.exec_driver_sql(sql, list(rows))
    else:
        get = _getter(order)
        conn.exec_driver_sql(sql, [get(r) for r in rows])


def insert_many(conn: Connection, table: Table, rows: Sequence[dict], *, or_ignore: bool = False) -> None:
    """INSERT ``rows`` (column -> value dicts, all with the same keys) into ``table`` in one
    ``executemany`` on ``conn``'s transaction; a column the rows lack gets its scalar default.
    ``or_ignore``: skip rows whose unique key is stored already (see :func:`_or_ignore`).

    Raises:
        KeyError: rows with differing keys; sqlalchemy DBAPIError: the database refused a row.
    """
    if not rows:
        return
    columns = tuple(rows[0])
    missing = [(c, v) for c, v in _defaults(table) if c not in rows[0]]
    if missing:
        rows = [dict(missing, **r) for r in rows]
        columns = tuple(rows[0])
    _run(conn, ("insert", table, columns, None, or_ignore), rows)


def update_many(conn: Connection, table: Table, rows: Sequence[dict], *, where: str | tuple[str, ...] = "id") -> None:
    """UPDATE ``table`` once per row in one ``executemany``: each row (dicts with the same keys)
    gives the new column values and, under the key ``"_" + column`` for each column of
    ``where`` (one name or a tuple: a composite key), the value that picks the row to update
    (``{"_id": 7, "documents": 3}``)."""
    if not rows:
        return
    _run(conn, ("update", table, tuple(rows[0]), (where,) if isinstance(where, str) else tuple(where), False), rows)


def delete_many(conn: Connection, table: Table, rows: Sequence[dict], *, where: tuple[str, ...]) -> None:
    """DELETE from ``table`` the rows whose ``where`` columns equal each row's values, given
    under the keys ``"_" + column`` (``{"_claim_id": 7, "_direction": "increase", ...}``),
    in one ``executemany``."""
    if not rows:
        return
    _run(conn, ("delete", table, tuple(rows[0]), tuple(where), False), rows)
