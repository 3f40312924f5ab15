"""StatBank (PxWebApi v2) queries: value-code selections, their resolution against table
metadata, and splitting into parts below SSB's cell limit.

A selection maps a variable id to value codes and selection expressions, as in the API:
``["0301", "4601"]``, ``["*"]``, ``["03*"]``, ``["??"]``, ``["top(5)"]``,
``["bottom(2, 1)"]``, ``["from(2015)"]``, ``["to(2019)"]``, ``["range(2015,2019)"]``.
For the time variable ``top`` means the latest periods, as SSB defines it.
"""

from __future__ import annotations

import fnmatch
import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

from ..errors import InputError, Problem

CELL_LIMIT = 800_000
"""SSB's maximum number of cells per query."""

OutputFormat = Literal["json-stat2", "csv", "px", "parquet"]
OutputValues = Literal["aggregated", "single"]

_EXPR = re.compile(r"^(top|bottom|from|to|range)\((.*)\)$", re.IGNORECASE)


@dataclass(frozen=True)
class Query:
    """One data query against a table.

    ``selection``: variable id → value codes/expressions (variables left out are
    eliminated if they can be, else given a default, see :func:`resolve`);
    ``codelists``: variable id → codelist id (``agg_KommSummer``, ``vs_Fylker``);
    ``output_values``: variable id → ``aggregated`` or ``single`` (for ``agg_`` codelists).
    """

    table: str
    selection: dict[str, tuple[str, ...]] = field(default_factory=dict)
    codelists: dict[str, str] = field(default_factory=dict)
    output_values: dict[str, OutputValues] = field(default_factory=dict)
    lang: Literal["en", "no"] = "en"
    format: OutputFormat = "json-stat2"

    def with_selection(self, selection: dict[str, Sequence[str]]) -> Query:
        return Query(self.table, {k: tuple(v) for k, v in selection.items()}, self.codelists,
                     self.output_values, self.lang, self.format)


def split_codes(text: str) -> list[str]:
    """Split ``a,b,top(5, 1)`` on commas outside parentheses."""
    out, depth, cur = [], 0, ""
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur.strip())
            cur = ""
        else:
            cur += ch
    out.append(cur.strip())
    return [c for c in out if c]


def parse_select(items: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """``["Region=0301,4601", "Tid=top(3)"]`` → ``{"Region": ("0301", "4601"), "Tid": ("top(3)",)}``."""
    selection: dict[str, tuple[str, ...]] = {}
    problems = []
    for item in items:
        var, sep, codes = item.partition("=")
        if not sep or not var.strip() or not split_codes(codes):
            problems.append(Problem(f"'{item}' is not VARIABLE=CODES (e.g. Region=0301,4601 "
                                    "or Tid=top(5))"))
            continue
        selection[var.strip()] = tuple(split_codes(codes))
    if problems:
        raise InputError(problems)
    return selection


def _expression(expr: str, codes: Sequence[str], is_time: bool, var: str) -> list[str]:
    m = _EXPR.match(expr.strip())
    if m is None:
        if "*" in expr or "?" in expr:
            return [c for c in codes if fnmatch.fnmatchcase(c, expr)]
        if expr not in codes:
            raise InputError(Problem(f"value '{expr}' does not exist in variable '{var}' "
                                     f"(values: {', '.join(codes[:8])}{', …' if len(codes) > 8 else ''})",
                                     ))
        return [expr]
    name, args = m.group(1).lower(), [a.strip() for a in m.group(2).split(",")]
    if name in ("top", "bottom"):
        try:
            n, offset = int(args[0]), int(args[1]) if len(args) > 1 else 0
        except ValueError:
            raise InputError(Problem(f"'{expr}': {name}(n[, offset]) needs whole numbers",
                                     )) from None
        from_start = (name == "top") != is_time
        ordered = list(codes) if from_start else list(reversed(codes))
        picked = ordered[offset:offset + n]
        return [c for c in codes if c in set(picked)]
    for a in args:
        if a not in codes:
            raise InputError(Problem(f"'{expr}': '{a}' is not a value of '{var}'",
                                     ))
    if name == "from":
        return list(codes[codes.index(args[0]):])
    if name == "to":
        return list(codes[:codes.index(args[0]) + 1])
    lo, hi = sorted((codes.index(args[0]), codes.index(args[-1])))
    return list(codes[lo:hi + 1])


def resolve_values(expressions: Sequence[str], codes: Sequence[str], *, is_time: bool,
                   var: str) -> list[str]:
    """The value codes (in ``codes`` order, no duplicates) selected by ``expressions``."""
    chosen: set[str] = set()
    for expr in expressions:
        chosen.update(_expression(expr, codes, is_time, var))
    return [c for c in codes if c in chosen]


def cells(selection: Mapping[str, Sequence[str]]) -> int:
    """Number of cells of a resolved selection (eliminated variables count once)."""
    return math.prod(len(v) for v in selection.values()) if selection else 1


def split(selection: dict[str, list[str]], limit: int = CELL_LIMIT) -> list[dict[str, list[str]]]:
    """Split a resolved selection into parts of at most ``limit`` cells each.

    Splits the variable with the most values into chunks; if one value of it is still
    too many cells, splits the next variable within each value (recursively).
    """
    if cells(selection) <= limit:
        return [selection]
    var = max(selection, key=lambda v: len(selection[v]))
    values = selection[var]
    if len(values) <= 1:
        raise InputError(f"cannot split the query below {limit:,} cells")
    per_value = cells(selection) // len(values)
    if per_value <= limit:
        step = limit // per_value
        return [selection | {var: values[i:i + step]} for i in range(0, len(values), step)]
    return [part for v in values for part in split(selection | {var: [v]}, limit)]
