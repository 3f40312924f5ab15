"""Aggregation engine: from individual move records (:mod:`flytt.microdata` layout) to
flows, balances and rates, on DuckDB (default) or Spark, with one definition per query.

Front API (results are :class:`pyarrow.Table` with the explicit types of
:meth:`flytt.engine.queries.Query.schema`: ``year``/``age`` int16, codes and attribute values
string, counts int64, rates float64; rows ordered by the key columns)::

    from flytt import engine
    engine.aggregate("reg/moves", by=["year", "origin", "destination"])      # → by + moves
    engine.aggregate("reg/moves", by=["year", "occupation"],
                     where={"origin": ["0301"]}, disclosure="default")
    engine.balances("reg/moves", by=["year"])   # → year, region_code, in_all … net_internal
    engine.rates("reg", by=["year", "age"], where={"municipality": ["0301"]},
                 direction="out", scope="internal")   # → by + moves, persons, rate (per 100)

``moves``/``register`` are a register directory (its ``moves/`` is used), a ``moves``
directory (``year=YYYY/*.parquet``) or one Parquet file, checked by :func:`source_path`
(anything else is an :class:`~flytt.errors.InputError`); :func:`rates` takes the register directory holding ``moves/`` and ``population/`` (or
``population=`` explicitly). ``engine="spark"`` runs the same SQL on Spark
(:mod:`flytt.engine.spark_backend`: local, a cluster master or Spark Connect via
``spark_master=``; the CLI's ``--spark-master`` or ``$FLYTT_SPARK_MASTER``). ``disclosure="default"`` applies
:data:`flytt.disclosure.DEFAULT` (suppress 1–4, round to base 5); the default here is
``"none"`` (exact counts), while ``flytt aggregate`` protects by default. Every result's
schema metadata states the disclosure control (``flytt.disclosure``) and, for synthetic
registers, ``flytt.synthetic``/``flytt.label``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .. import microdata as M
from ..disclosure import DisclosureRule, protect, resolve
from ..errors import InputError, NotFoundError, OptionError
from ..options import ENGINES, Disclosure, Engine
from . import queries
from .queries import Direction, Query, Scope

if TYPE_CHECKING:
    import pyarrow as pa



def _labels(path: Path) -> dict[bytes, bytes]:
    """``flytt.synthetic``/``flytt.label`` of the first Parquet file under ``path``."""
    import pyarrow.parquet as pq

    first = path if path.is_file() else next(iter(sorted(path.glob("**/*.parquet"))), None)
    if first is None:
        return {}
    meta = pq.read_schema(first).metadata or {}
    return {k: v for k, v in meta.items() if k in (b"flytt.synthetic", b"flytt.label")}


_EXPECTED = {
    "moves": "a move register (a directory with moves/ year=YYYY Parquet files, as written "
             "by flytt synth; or that moves/ directory, or one Parquet file of moves)",
    "population": "a population table (a register's population/ directory with year=YYYY "
                  "Parquet files, as written by flytt synth; or one Parquet file)",
}


def _is_parquet(path: Path) -> bool:
    """Parquet files start and end with the magic bytes ``PAR1``."""
    try:
        with path.open("rb") as f:
            head = f.read(4)
            f.seek(-4, 2)
            return head == b"PAR1" and f.read(4) == b"PAR1"
    except OSError:
        return False


def source_path(path: str | Path, what: str = "moves") -> Path:
    """The Parquet data of ``what`` (``moves`` or ``population``) at ``path``, checked before
    any engine reads it: a register directory (its ``moves/``/``population/`` is used), a
    ``year=YYYY/*.parquet`` directory or one Parquet file. :class:`NotFoundError` when
    ``path`` does not exist, :class:`InputError` when it is something else (a CSV, a folder
    without Parquet files, a damaged Parquet file)."""
    p = Path(path)
    expected = _EXPECTED.get(what, f"{what} Parquet data")
    if not p.exists():
        raise NotFoundError(f"no {what} Parquet data at {p}: it does not exist; expected "
                            f"{expected}")
    if p.is_dir() and (p / what).is_dir():
        p = p / what
    files = sorted(p.glob("**/*.parquet")) if p.is_dir() else [p]
    if not files:
        raise InputError(f"{p} is not {expected}: it holds no Parquet files")
    bad = next((f for f in files if not _is_parquet(f)), None)
    if bad is not None:
        where = "" if bad == p else f" ({bad} is not a Parquet file)"
        raise InputError(f"{path} is not {expected}{where}")
    return p


def run(query: Query, sources: Mapping[str, str | Path], *, engine: Engine = "duckdb",
        disclosure: Disclosure | DisclosureRule | None = "none",
        spark_master: str | None = None, spark_memory: str = "2g",
        memory_limit: str | None = None) -> pa.Table:
    """Run one query on ``engine``, cast to its schema, apply disclosure control, label.
    ``spark_master`` and ``spark_memory`` (driver heap) set up Spark; ``memory_limit``
    DuckDB."""
    paths = {view: source_path(sources[view], view) for view in query.views}
    if engine == "duckdb":
        from . import duckdb_backend

        table = duckdb_backend.run(query, paths, memory_limit=memory_limit)
    elif engine == "spark":
        from . import spark_backend

        table = spark_backend.run(query, paths, master=spark_master,
                                  driver_memory=spark_memory)
    else:
        raise OptionError("engine", engine, ENGINES)
    table = table.select(list(query.keys) + [n for n, _ in query.values]).cast(query.schema())
    table = table.replace_schema_metadata(_labels(paths["moves"]))
    return protect(table, resolve(disclosure), cells=query.cells, derived=query.derived,
                   rates=query.rates)


def aggregate(moves: str | Path, by: Sequence[str], *, engine: Engine = "duckdb",
              disclosure: Disclosure | DisclosureRule | None = "none",
              where: Mapping[str, Sequence[object]] | None = None,
              spark_master: str | None = None, spark_memory: str = "2g"
              ) -> pa.Table:
    """Moves counted by ``by`` (subset of year, origin, destination and the attributes):
    columns ``by + moves`` (see :func:`flytt.engine.queries.flows`)."""
    return run(queries.flows(by, where), {"moves": moves}, engine=engine,
               disclosure=disclosure, spark_master=spark_master, spark_memory=spark_memory)


def balances(moves: str | Path, by: Sequence[str] = (M.YEAR,), *, engine: Engine = "duckdb",
             disclosure: Disclosure | DisclosureRule | None = "none",
             where: Mapping[str, Sequence[object]] | None = None,
             spark_master: str | None = None, spark_memory: str = "2g"
              ) -> pa.Table:
    """In/out/net per municipality (see :func:`flytt.engine.queries.balances`)."""
    return run(queries.balances(by, where), {"moves": moves}, engine=engine,
               disclosure=disclosure, spark_master=spark_master, spark_memory=spark_memory)


def rates(register: str | Path, by: Sequence[str], *, direction: Direction = "out",
          scope: Scope = "all", where: Mapping[str, Sequence[object]] | None = None,
          population: str | Path | None = None, engine: Engine = "duckdb",
          disclosure: Disclosure | DisclosureRule | None = "none",
          spark_master: str | None = None, spark_memory: str = "2g"
              ) -> pa.Table:
    """Moves per 100 persons at risk (see :func:`flytt.engine.queries.rates`); ``register``
    holds ``moves/`` and ``population/`` (or give ``population`` and ``register`` = moves)."""
    root = Path(register)
    moves = root / "moves" if (root / "moves").is_dir() else root
    pop = Path(population) if population is not None else root / "population"
    return run(queries.rates(by, direction=direction, scope=scope, where=where),
               {"moves": moves, "population": pop}, engine=engine, disclosure=disclosure,
               spark_master=spark_master, spark_memory=spark_memory)


__all__ = ["ENGINES", "Engine", "Query", "aggregate", "balances", "queries", "rates", "run",
           "source_path"]
