"""The engine's queries, each defined once as SQL text that DuckDB and Spark SQL both run.

A query reads the views ``moves`` and ``population`` (the register layout of
:mod:`flytt.microdata`) and returns its result ordered by its key columns. The SQL uses only
the common subset of the two dialects: ``CAST(... AS BIGINT|DOUBLE)``, ``CASE``, ``UNION ALL``,
``FULL JOIN ... USING``, ``ORDER BY ... NULLS FIRST``. The Arrow schema of each result is
fixed here too, so both engines return identical types.
"""

from __future__ import annotations

import operator
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .. import contracts as C
from .. import microdata as M
from ..errors import InputError

if TYPE_CHECKING:
    import pyarrow as pa

Direction = Literal["out", "in"]
Scope = Literal["all", "internal", "abroad"]

MOVES_KEYS: tuple[str, ...] = (M.YEAR, M.ORIGIN, M.DESTINATION) + M.ATTRIBUTES
"""Columns ``aggregate`` can group by."""
POPULATION_KEYS: tuple[str, ...] = (M.YEAR, M.MUNICIPALITY) + M.ATTRIBUTES
"""Columns ``rates`` can group by."""
BALANCE_VALUES: tuple[str, ...] = C.BALANCE_COLUMNS[2:]
BALANCE_CELLS: tuple[str, ...] = ("in_abroad", "in_internal", "out_abroad", "out_internal")
BALANCE_DERIVED: dict[str, dict[str, int]] = {
    "in_all": {"in_abroad": 1, "in_internal": 1},
    "out_all": {"out_abroad": 1, "out_internal": 1},
    "net_all": {"in_abroad": 1, "in_internal": 1, "out_abroad": -1, "out_internal": -1},
    "net_abroad": {"in_abroad": 1, "out_abroad": -1},
    "net_internal": {"in_internal": 1, "out_internal": -1},
}
"""Balance totals and nets as combinations of the four cells (the disclosure rule needs it)."""


@dataclass(frozen=True)
class Query:
    """SQL for both engines, the views it reads and the schema of its result."""

    sql: str
    views: tuple[str, ...]
    keys: tuple[str, ...]
    values: tuple[tuple[str, str], ...]
    """(column, arrow type name) of the value columns, after the keys."""
    cells: tuple[str, ...] = ()
    derived: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    rates: Mapping[str, tuple[str, str, float]] = field(default_factory=dict)

    def schema(self) -> pa.Schema:
        import pyarrow as pa

        types = {"int16": pa.int16(), "int64": pa.int64(), "float64": pa.float64(),
                 "string": pa.string()}
        key_fields = [pa.field(k, pa.int16() if k in (M.YEAR, M.AGE) else pa.string())
                      for k in self.keys]
        return pa.schema(key_fields + [pa.field(n, types[t]) for n, t in self.values])


def _check(by: Sequence[str], allowed: Sequence[str], what: str) -> list[str]:
    by = list(by)
    bad = [c for c in by if c not in allowed]
    if bad:
        raise InputError(f"cannot group {what} by {', '.join(bad)}; choose from "
                         f"{', '.join(allowed)}")
    if len(set(by)) != len(by):
        raise InputError(f"duplicate columns in {by}")
    return by


def _literal(value: object) -> str:
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, bool) or not hasattr(value, "__index__"):
        raise InputError(f"filter values must be text or integers, not {value!r}")
    return str(operator.index(value))


def where_clause(where: Mapping[str, Sequence[object]] | None, allowed: Sequence[str],
                 rename: Mapping[str, str] | None = None) -> list[str]:
    """SQL conditions ``col IN (...)`` from ``{column: values}``."""
    out = []
    for col, values in (where or {}).items():
        _check([col], allowed, "the filter")
        values = list(values)
        if not values:
            raise InputError(f"the filter on {col} has no values")
        out.append(f"{(rename or {}).get(col, col)} IN ({', '.join(map(_literal, values))})")
    return out


def _order(cols: Sequence[str]) -> str:
    return ", ".join(f"{c} ASC NULLS FIRST" for c in cols)


def flows(by: Sequence[str], where: Mapping[str, Sequence[object]] | None = None) -> Query:
    """Moves counted by ``by`` (any subset of :data:`MOVES_KEYS`): columns ``by + moves``."""
    by = _check(by, MOVES_KEYS, "moves")
    if not by:
        raise InputError("give at least one column to group by")
    conds = where_clause(where, MOVES_KEYS)
    cols = ", ".join(by)
    sql = (f"SELECT {cols}, CAST(count(*) AS BIGINT) AS {M.MOVES} FROM moves"
           + (f" WHERE {' AND '.join(conds)}" if conds else "")
           + f" GROUP BY {cols} ORDER BY {_order(by)}")
    return Query(sql=sql, views=("moves",), keys=tuple(by), values=((M.MOVES, "int64"),),
                 cells=(M.MOVES,))


def balances(by: Sequence[str] = (M.YEAR,),
             where: Mapping[str, Sequence[object]] | None = None) -> Query:
    """In-, out- and net migration per municipality, split abroad/internal (as
    :func:`flytt.tables.balance_table`; moves with origin = destination excluded): columns
    ``by + region_code + in_all … net_internal``. ``by`` excludes origin and destination."""
    allowed = [k for k in MOVES_KEYS if k not in (M.ORIGIN, M.DESTINATION)]
    by = _check(by, allowed, "balances")
    conds = where_clause(where, allowed) + [f"{M.ORIGIN} <> {M.DESTINATION}"]
    keys = by + [C.REGION]
    pre = "".join(f"{c}, " for c in by)
    a = f"'{M.ABROAD}'"
    sql = (
        f"WITH f AS (SELECT {pre}{M.ORIGIN}, {M.DESTINATION}, CAST(count(*) AS BIGINT) AS n "
        f"FROM moves WHERE {' AND '.join(conds)} GROUP BY {pre}{M.ORIGIN}, {M.DESTINATION}), "
        f"s AS (SELECT {pre}{M.DESTINATION} AS {C.REGION}, "
        f"CASE WHEN {M.ORIGIN} = {a} THEN n ELSE 0 END AS in_abroad, "
        f"CASE WHEN {M.ORIGIN} <> {a} THEN n ELSE 0 END AS in_internal, "
        f"CAST(0 AS BIGINT) AS out_abroad, CAST(0 AS BIGINT) AS out_internal "
        f"FROM f WHERE {M.DESTINATION} <> {a} "
        f"UNION ALL SELECT {pre}{M.ORIGIN} AS {C.REGION}, CAST(0 AS BIGINT), CAST(0 AS BIGINT), "
        f"CASE WHEN {M.DESTINATION} = {a} THEN n ELSE 0 END, "
        f"CASE WHEN {M.DESTINATION} <> {a} THEN n ELSE 0 END "
        f"FROM f WHERE {M.ORIGIN} <> {a}), "
        f"t AS (SELECT {', '.join(keys)}, "
        + ", ".join(f"CAST(sum({c}) AS BIGINT) AS {c}" for c in BALANCE_CELLS)
        + f" FROM s GROUP BY {', '.join(keys)}) "
        f"SELECT {', '.join(keys)}, in_abroad + in_internal AS in_all, in_abroad, in_internal, "
        "out_abroad + out_internal AS out_all, out_abroad, out_internal, "
        "in_abroad + in_internal - out_abroad - out_internal AS net_all, "
        "in_abroad - out_abroad AS net_abroad, in_internal - out_internal AS net_internal "
        f"FROM t ORDER BY {_order(keys)}")
    return Query(sql=sql, views=("moves",), keys=tuple(keys),
                 values=tuple((c, "int64") for c in BALANCE_VALUES), cells=BALANCE_CELLS,
                 derived=BALANCE_DERIVED)


def rates(by: Sequence[str], *, direction: Direction = "out", scope: Scope = "all",
          where: Mapping[str, Sequence[object]] | None = None) -> Query:
    """Moves per 100 persons at risk (population on 1 January) by ``by`` (a subset of
    :data:`POPULATION_KEYS`, non-empty).

    ``direction="out"``: moves out of the municipality (``origin``); ``"in"``: into it
    (``destination``), per 100 inhabitants of that municipality. ``scope``: ``all`` moves to
    or from anywhere, ``internal`` (other municipalities in Norway only) or ``abroad``
    (emigration for out, immigration for in). Moves within one municipality are never
    counted. Attributes are matched as recorded (moves: at the move; population: on 1
    January). ``where`` filters both sides, e.g. ``{"municipality": ["0301"]}``. Columns:
    ``by + moves + persons + rate``; ``rate`` is missing where ``persons`` is 0.
    """
    if direction not in ("out", "in") or scope not in ("all", "internal", "abroad"):
        raise InputError("direction must be out|in and scope all|internal|abroad")
    by = _check(by, POPULATION_KEYS, "rates")
    if not by:
        raise InputError("give at least one column to group rates by")
    side, other = (M.ORIGIN, M.DESTINATION) if direction == "out" else (M.DESTINATION, M.ORIGIN)
    a = f"'{M.ABROAD}'"
    m_conds = [f"{side} <> {a}", f"{M.ORIGIN} <> {M.DESTINATION}"]
    if scope == "internal":
        m_conds.append(f"{other} <> {a}")
    elif scope == "abroad":
        m_conds.append(f"{other} = {a}")
    m_conds += where_clause(where, POPULATION_KEYS, {M.MUNICIPALITY: side})
    p_conds = where_clause(where, POPULATION_KEYS)
    m_cols = ", ".join(f"{side} AS {c}" if c == M.MUNICIPALITY else c for c in by)
    m_group = ", ".join(side if c == M.MUNICIPALITY else c for c in by)
    cols = ", ".join(by)
    sql = (
        f"WITH m AS (SELECT {m_cols}, CAST(count(*) AS BIGINT) AS {M.MOVES} FROM moves "
        f"WHERE {' AND '.join(m_conds)} GROUP BY {m_group}), "
        f"p AS (SELECT {cols}, CAST(sum({M.PERSONS}) AS BIGINT) AS {M.PERSONS} FROM population"
        + (f" WHERE {' AND '.join(p_conds)}" if p_conds else "")
        + f" GROUP BY {cols}) "
        f"SELECT {cols}, CAST(coalesce(m.{M.MOVES}, 0) AS BIGINT) AS {M.MOVES}, "
        f"CAST(coalesce(p.{M.PERSONS}, 0) AS BIGINT) AS {M.PERSONS}, "
        f"CASE WHEN coalesce(p.{M.PERSONS}, 0) > 0 THEN CAST(coalesce(m.{M.MOVES}, 0) AS DOUBLE)"
        f" * 100 / CAST(p.{M.PERSONS} AS DOUBLE) END AS rate "
        f"FROM p FULL JOIN m USING ({cols}) ORDER BY {_order(by)}")
    return Query(sql=sql, views=("moves", "population"), keys=tuple(by),
                 values=((M.MOVES, "int64"), (M.PERSONS, "int64"), ("rate", "float64")),
                 cells=(M.MOVES, M.PERSONS), rates={"rate": (M.MOVES, M.PERSONS, 100.0)})
