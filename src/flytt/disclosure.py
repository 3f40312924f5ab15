"""Statistical disclosure control for tables published from microdata.

Rule (:class:`DisclosureRule`, ``default`` = threshold 5, base 5):

* a **cell** (a count of moves or persons) below ``threshold`` and above 0 is suppressed
  (published as missing); 0 is published as 0; every other count is rounded to the nearest
  multiple of ``base`` (halves upward), so a published cell is within ``base/2`` of the
  true count and never below ``threshold`` unless 0;
* a **derived figure** (a total such as ``in_all = in_abroad + in_internal``, a net, a
  rate) is computed only from the *published* cells of the same row, never from the true
  counts; if any of its cells is suppressed it is suppressed too.

Consequences (tested with Hypothesis): the published table is the same whatever value in
``1..threshold-1`` a suppressed cell has, so no published total or difference can recover
it; and every published total equals the sum of its published parts, so tables stay
additive.

Across tables: the city analysis takes every total it shows (the headline, shares of
destinations, the decomposition) from one published table (``trend``), never from the
true counts. Other overlapping tables of the same microdata (flows and balances, age and
occupation) are each protected on their own; a total of one differs from the sum of
another's published cells by the rounding of every cell (up to ``base/2`` each), which
blurs but does not always hide a suppressed cell — e.g. one suppressed cell beside exact
zeros is narrowed to a few values by a rounded total. Statistics offices add cell-key
noise or secondary suppression for that case; flytt does not (yet).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from .options import Disclosure

if TYPE_CHECKING:
    import pyarrow as pa



@dataclass(frozen=True)
class DisclosureRule:
    """Suppress counts in ``1..threshold-1``, round the others to multiples of ``base``."""

    threshold: int = 5
    base: int = 5

    def __post_init__(self) -> None:
        if self.threshold < 1 or self.base < 1:
            raise ValueError("threshold and base must be at least 1")

    def describe(self) -> str:
        return (f"disclosure control: counts 1-{self.threshold - 1} suppressed (empty), other "
                f"counts rounded to base {self.base}; totals, nets and rates are computed from "
                "the published counts and are suppressed when any count they are computed "
                "from is suppressed")

    def cells(self, counts: np.ndarray) -> np.ndarray:
        """Published values of raw non-negative integer counts: float array, NaN = suppressed."""
        counts = np.asarray(counts, dtype=np.int64)
        rounded = (2 * counts + self.base) // (2 * self.base) * self.base  # halves upward
        out = rounded.astype(float)
        out[(counts > 0) & (counts < self.threshold)] = np.nan
        return out


DEFAULT = DisclosureRule()
NO_CONTROL = "no disclosure control: exact counts, not for publication from real microdata"


def resolve(option: Disclosure | DisclosureRule | None) -> DisclosureRule | None:
    """``none``/``None`` → no control; ``default`` → :data:`DEFAULT`; a rule as is."""
    if option is None or option == "none":
        return None
    if option == "default":
        return DEFAULT
    if isinstance(option, DisclosureRule):
        return option
    raise ValueError(f"disclosure must be 'none', 'default' or a DisclosureRule, not {option!r}")


def protect(table: pa.Table, rule: DisclosureRule | None, *, cells: Sequence[str],
            derived: Mapping[str, Mapping[str, int]] | None = None,
            rates: Mapping[str, tuple[str, str, float]] | None = None) -> pa.Table:
    """Apply ``rule`` to an Arrow table and state what was done in its schema metadata
    (``flytt.disclosure``).

    ``cells``: count columns protected cell by cell (become nullable int64).
    ``derived``: ``{column: {cell: coefficient}}``, recomputed from the published cells.
    ``rates``: ``{column: (numerator, denominator, per)}``, recomputed as
    ``per × numerator / denominator`` from published values (missing if either is, or the
    denominator is 0). With ``rule=None`` only the metadata is added.
    """
    import pyarrow as pa

    meta = dict(table.schema.metadata or {})
    if rule is None:
        meta[b"flytt.disclosure"] = NO_CONTROL.encode()
        return table.replace_schema_metadata(meta)
    published: dict[str, np.ndarray] = {}
    for name in cells:
        raw = table.column(name).to_numpy(zero_copy_only=False)
        published[name] = rule.cells(raw)
    for name, combo in (derived or {}).items():
        published[name] = sum((coef * published[c] for c, coef in combo.items()),
                              np.zeros(table.num_rows))
    out = table
    for name, values in published.items():
        arr = pa.array(np.nan_to_num(values).astype(np.int64), mask=np.isnan(values),
                       type=pa.int64())
        out = out.set_column(out.schema.get_field_index(name), name, arr)
    for name, (num, den, per) in (rates or {}).items():
        n = published.get(num)
        n = n if n is not None else out.column(num).to_numpy(zero_copy_only=False).astype(float)
        d = published.get(den)
        d = d if d is not None else out.column(den).to_numpy(zero_copy_only=False).astype(float)
        with np.errstate(divide="ignore", invalid="ignore"):
            r = np.where(d > 0, per * n / d, np.nan)
        out = out.set_column(out.schema.get_field_index(name), name,
                             pa.array(np.nan_to_num(r), mask=np.isnan(r), type=pa.float64()))
    meta[b"flytt.disclosure"] = rule.describe().encode()
    return out.replace_schema_metadata(meta)


__all__ = ["DEFAULT", "NO_CONTROL", "DisclosureRule", "protect", "resolve"]
