"""DuckDB backend: runs a :class:`~flytt.engine.queries.Query` on Parquet in one process,
out of core, with all cores."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import duckdb
import pyarrow as pa

from .queries import Query


def parquet_source(path: Path, *, union_by_name: bool = False) -> str:
    """``read_parquet`` over a file or a ``year=YYYY/`` partitioned directory (quotes in the
    path escaped); ``union_by_name``: files may hold their columns in different orders."""
    if path.is_dir():
        glob = str(path / "**" / "*.parquet").replace("'", "''")
        return (f"read_parquet('{glob}', hive_partitioning = true, "
                "hive_types = {'year': SMALLINT}"
                + (", union_by_name = true)" if union_by_name else ")"))
    return f"read_parquet('{str(path).replace(chr(39), chr(39) * 2)}')"


def run(query: Query, sources: Mapping[str, Path], *, memory_limit: str | None = None,
        threads: int | None = None) -> pa.Table:
    """Execute ``query`` with its views bound to ``sources`` (view name → Parquet path)."""
    con = duckdb.connect()
    try:
        if memory_limit:
            con.execute(f"SET memory_limit = '{memory_limit}'")
        if threads:
            con.execute(f"SET threads = {int(threads)}")
        for view in query.views:
            con.execute(f"CREATE VIEW {view} AS SELECT * FROM {parquet_source(sources[view])}")
        return con.sql(query.sql).to_arrow_table()
    finally:
        con.close()
