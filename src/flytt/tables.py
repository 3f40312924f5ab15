"""SSB's three migration table layouts, computed from flows.

* :func:`od_table` — origin–destination matrix (seed 001): origins as rows,
  destinations as columns, totals, within-region moves on the diagonal, ABROAD row
  and column, missing (SSB ``.``) where not applicable.
* :func:`net_table` — net migration between regions (seed 000): lower triangle,
  cell (row r, column c) = moves c→r − moves r→c, the net in-migration of r from c;
  ``net_total`` = the region's net with all other regions (internal moves only).
* :func:`balance_table` — in/out/net per region (seed 002), split into abroad and
  internal; moves within a region excluded; first row the whole country (``TOTAL``).

All counts are persons moving (moves) during the year.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
import pandas as pd

from . import contracts as C
from .errors import DataError
from .flows import Flows, Grouping, sort_codes
from .i18n import Message
from .results import InEnglish

TableKind = Literal["od", "net", "balance"]

class SSBTableText(InEnglish):
    """Title and footnote of SSB's tables as catalog messages: the level word (counties,
    municipalities, regions) comes from the table's region codes (:func:`region_word`)."""

    kind: TableKind

    def region_codes(self) -> list[str]:
        raise NotImplementedError

    @property
    def title_message(self) -> Message:
        word = Message(f"tables.word.{region_word(self.region_codes())}")
        return Message(f"tables.title.{self.kind}", {"word": word})

    @property
    def footnote_messages(self) -> tuple[Message, ...]:
        return (Message(f"tables.footnote.{self.kind}"),)


@dataclass(frozen=True)
class ODTable(SSBTableText):
    """Origin–destination matrix of one year (moves during the year).

    ``matrix`` is indexed by origin code (rows) and destination code (columns), regions in
    code order and ``ABROAD`` last; NaN marks a cell that is not applicable.
    """

    year: int
    matrix: pd.DataFrame
    names: Mapping[str, str] = field(default_factory=dict)
    source: str = ""
    kind: TableKind = "od"

    def region_codes(self) -> list[str]:
        return [str(c) for c in self.matrix.index]

    @property
    def row_totals(self) -> pd.Series:
        return self.matrix.sum(axis=1, min_count=0)

    @property
    def column_totals(self) -> pd.Series:
        return self.matrix.sum(axis=0, min_count=0)

    @property
    def grand_total(self) -> float:
        return float(np.nansum(self.matrix.to_numpy()))

    def to_frame(self) -> pd.DataFrame:
        """The ``flytt table od`` CSV layout: ``origin_code, origin_name, total, <dest...>``;
        the last row is ``TOTAL``."""
        body = self.matrix.copy()
        body.insert(0, "total", self.row_totals)
        total_row = pd.DataFrame([[self.grand_total, *self.column_totals]],
                                 columns=body.columns, index=[C.TOTAL])
        body = pd.concat([body, total_row])
        body.columns.name = None
        body.insert(0, C.ORIGIN_NAME, [self.names.get(c, c) if c != C.TOTAL else "Total"
                                       for c in body.index])
        body.insert(0, C.ORIGIN, body.index)
        return _integers(body.reset_index(drop=True))


@dataclass(frozen=True)
class NetTable(SSBTableText):
    """Net migration between regions for one year (lower triangle, see module docstring)."""

    year: int
    full: pd.DataFrame
    """The whole antisymmetric matrix: ``full.loc[r, c]`` = moves c→r − moves r→c."""
    net_total: pd.Series
    """Net internal migration of each region (positive = net gain), persons."""
    names: Mapping[str, str] = field(default_factory=dict)
    source: str = ""
    kind: TableKind = "net"

    def region_codes(self) -> list[str]:
        return [str(c) for c in self.full.index]

    @property
    def lower(self) -> pd.DataFrame:
        """The published lower triangle (diagonal and upper triangle NaN)."""
        mask = np.tril(np.ones(self.full.shape, dtype=bool), k=-1)
        return self.full.where(mask)

    def to_frame(self) -> pd.DataFrame:
        """The ``flytt table net`` CSV layout: ``region_code, region_name, net_total, <codes>``."""
        body = self.lower.copy()
        body.columns.name = None
        body.insert(0, "net_total", self.net_total.reindex(body.index))
        body.insert(0, C.REGION_NAME, [self.names.get(c, c) for c in body.index])
        body.insert(0, C.REGION, body.index)
        return _integers(body.reset_index(drop=True))


@dataclass(frozen=True)
class BalanceTable(SSBTableText):
    """In-, out- and net migration per region for one year, first row the whole country."""

    year: int
    frame: pd.DataFrame
    source: str = ""
    kind: TableKind = "balance"

    def region_codes(self) -> list[str]:
        return [str(c) for c in self.frame[C.REGION]]

    def to_frame(self) -> pd.DataFrame:
        return _integers(self.frame[list(C.BALANCE_COLUMNS)].copy())


MigrationTable = ODTable | NetTable | BalanceTable


@dataclass(frozen=True)
class FrameTable:
    """Any result frame as a titled table (a figure's data, a ranking, an index list): what
    :mod:`flytt.render`, the report and the dashboard draw. ``name`` names its files and
    its Excel sheet."""

    name: str
    title: str
    frame: pd.DataFrame
    footnote: str = ""

    @property
    def kind(self) -> str:
        """The name, under the attribute the renderers read from every table."""
        return self.name

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()


def region_word(codes: list[str]) -> str:
    """'counties' for Norwegian county codes (two digits), 'municipalities' for municipality
    codes (four digits), else 'regions' — used in table titles."""
    regional = [c for c in codes if c not in (C.ABROAD, C.TOTAL)]
    if regional and all(c.isdigit() and len(c) == 2 for c in regional):
        return "counties"
    if regional and all(c.isdigit() and len(c) == 4 for c in regional):
        return "municipalities"
    return "regions"


def _integers(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts as nullable integers (NaN → <NA>), leaving text columns alone."""
    for col in frame.columns:
        if pd.api.types.is_float_dtype(frame[col]):
            frame[col] = frame[col].round().astype("Int64")
    return frame


def _pairs(flows: Flows, year: int | None) -> tuple[int, pd.DataFrame]:
    pairs = flows.for_year(year)
    year = year if year is not None else flows.years[0]
    return year, pairs


def od_table(flows: Flows, year: int | None = None, grouping: Grouping | None = None) -> ODTable:
    """Origin–destination matrix (seed 001 layout) of ``year``.

    With ``grouping`` the flows are first grouped: moves between members of one group
    become within-group moves on the diagonal. A diagonal cell is *not applicable* (NaN)
    when the data hold no within-region moves for it and the region cannot have any (a
    group with one member, or no grouping given); ABROAD→ABROAD is always not applicable.
    """
    single_member: set[str] | None = None
    if grouping is not None:
        single_member = {g for g, m in grouping.members().items() if len(m) == 1}
        flows = flows.grouped(grouping)
    year, pairs = _pairs(flows, year)
    codes = sort_codes(set(pairs[C.ORIGIN]) | set(pairs[C.DESTINATION]) | {C.ABROAD})
    values = pairs.pivot(index=C.ORIGIN, columns=C.DESTINATION, values=C.MOVES)
    matrix = values.reindex(index=codes, columns=codes).astype("float64")
    present = pairs.set_index([C.ORIGIN, C.DESTINATION])[C.MOVES]
    for i, code in enumerate(codes):
        for j, dest in enumerate(codes):
            if pd.notna(matrix.iat[i, j]):
                continue
            if code == dest:
                stated = (code, dest) in present.index
                if code == C.ABROAD or stated or single_member is None or code in single_member:
                    continue  # not applicable
            matrix.iat[i, j] = 0.0
    return ODTable(year=year, matrix=matrix, names=flows.names)


def _with_nan_diagonal(frame: pd.DataFrame) -> pd.DataFrame:
    values = frame.to_numpy(dtype="float64", copy=True)
    np.fill_diagonal(values, np.nan)
    return pd.DataFrame(values, index=frame.index, columns=frame.columns)


def net_table(flows: Flows, year: int | None = None, grouping: Grouping | None = None) -> NetTable:
    """Net migration matrix (seed 000 layout) of ``year`` from flows; ABROAD is left out."""
    if grouping is not None:
        flows = flows.grouped(grouping)
    year, pairs = _pairs(flows, year)
    codes = sort_codes(set(pairs[C.ORIGIN]) | set(pairs[C.DESTINATION]) - {C.ABROAD})
    codes = [c for c in codes if c != C.ABROAD]
    internal = pairs[(pairs[C.ORIGIN] != C.ABROAD) & (pairs[C.DESTINATION] != C.ABROAD)
                     & (pairs[C.ORIGIN] != pairs[C.DESTINATION])]
    moves = (internal.pivot(index=C.ORIGIN, columns=C.DESTINATION, values=C.MOVES)
             .reindex(index=codes, columns=codes).astype("float64").fillna(0.0))
    full = _with_nan_diagonal(moves.T - moves)  # full[r, c] = moves[c, r] - moves[r, c]
    net_total = full.sum(axis=1, min_count=0)
    return NetTable(year=year, full=full, net_total=net_total, names=flows.names)


def net_table_from_lower(year: int, lower: pd.DataFrame, net_total: pd.Series,
                         names: Mapping[str, str], source: str = "") -> NetTable:
    """A :class:`NetTable` from a published lower triangle and totals (as printed in seed 000).

    Raises :class:`DataError` if a printed total disagrees with the sum of its row minus
    the sum of its column (the identity that fixes the sign convention).
    """
    lower = lower.astype("float64")
    mask = np.tril(np.ones(lower.shape, dtype=bool), k=-1)
    tri = lower.where(mask, 0.0).fillna(0.0)
    full = _with_nan_diagonal(tri - tri.T)
    derived = full.sum(axis=1, min_count=0)
    bad = (derived - net_total.reindex(derived.index)).abs() > 0
    if bad.any():
        raise DataError("printed net totals disagree with the matrix for "
                        + ", ".join(f"{c} ({net_total[c]} vs {derived[c]:.0f})" for c in
                                    derived.index[bad]))
    return NetTable(year=year, full=full, net_total=net_total.reindex(full.index), names=names,
                    source=source)


def balance_table(flows: Flows, year: int | None = None,
                  grouping: Grouping | None = None) -> BalanceTable:
    """In/out/net per region (seed 002 layout) of ``year``.

    in_abroad = immigration, out_abroad = emigration; internal = moves between regions
    (moves within a region are excluded). ``in_all = in_abroad + in_internal``,
    ``net_* = in_* − out_*``. The first row (``TOTAL``) is the sum over regions, so its
    ``net_internal`` is 0.
    """
    if grouping is not None:
        flows = flows.grouped(grouping)
    year, pairs = _pairs(flows, year)
    codes = [c for c in sort_codes(set(pairs[C.ORIGIN]) | set(pairs[C.DESTINATION]))
             if c != C.ABROAD]
    if not codes:
        raise DataError(f"no regions in the flows of {year}")
    pairs = pairs[pairs[C.ORIGIN] != pairs[C.DESTINATION]].fillna({C.MOVES: 0})
    from_abroad = pairs[pairs[C.ORIGIN] == C.ABROAD].groupby(C.DESTINATION)[C.MOVES].sum()
    to_abroad = pairs[pairs[C.DESTINATION] == C.ABROAD].groupby(C.ORIGIN)[C.MOVES].sum()
    internal = pairs[(pairs[C.ORIGIN] != C.ABROAD) & (pairs[C.DESTINATION] != C.ABROAD)]
    in_internal = internal.groupby(C.DESTINATION)[C.MOVES].sum()
    out_internal = internal.groupby(C.ORIGIN)[C.MOVES].sum()
    frame = pd.DataFrame(index=pd.Index(codes, name=C.REGION))
    frame["in_abroad"] = from_abroad.reindex(codes).fillna(0)
    frame["in_internal"] = in_internal.reindex(codes).fillna(0)
    frame["out_abroad"] = to_abroad.reindex(codes).fillna(0)
    frame["out_internal"] = out_internal.reindex(codes).fillna(0)
    return balance_from_parts(year, frame, flows.names)


def balance_from_parts(year: int, parts: pd.DataFrame, names: Mapping[str, str],
                       source: str = "") -> BalanceTable:
    """Complete a balance from ``in_abroad, in_internal, out_abroad, out_internal`` per region
    (index = region code): adds the ``all`` and ``net`` columns and the whole-country row."""
    f = parts[["in_abroad", "in_internal", "out_abroad", "out_internal"]].astype("int64").copy()
    f["in_all"] = f["in_abroad"] + f["in_internal"]
    f["out_all"] = f["out_abroad"] + f["out_internal"]
    for part in ("all", "abroad", "internal"):
        f[f"net_{part}"] = f[f"in_{part}"] - f[f"out_{part}"]
    total = f.sum().to_frame().T
    total.index = pd.Index([C.TOTAL])
    f = pd.concat([total, f])
    f.insert(0, C.REGION_NAME, [names.get(c, "The whole country" if c == C.TOTAL else c)
                                for c in f.index])
    f.insert(0, C.REGION, f.index)
    return BalanceTable(year=year, frame=f.reset_index(drop=True)[list(C.BALANCE_COLUMNS)],
                        source=source)


def check_balance_identities(table: BalanceTable) -> list[str]:
    """SSB's accounting identities; returns a description of each violation (empty if none).

    in = abroad + internal, out = abroad + internal, net = in − out for all three parts,
    internal nets sum to zero, and the TOTAL row equals the sum of the regions.
    """
    f = table.frame.set_index(C.REGION)
    issues = []
    for side in ("in", "out", "net"):
        bad = f[f"{side}_all"] != f[f"{side}_abroad"] + f[f"{side}_internal"]
        issues += [f"{c}: {side}_all != {side}_abroad + {side}_internal" for c in f.index[bad]]
    for part in ("all", "abroad", "internal"):
        bad = f[f"net_{part}"] != f[f"in_{part}"] - f[f"out_{part}"]
        issues += [f"{c}: net_{part} != in_{part} - out_{part}" for c in f.index[bad]]
    regions = f.drop(index=C.TOTAL, errors="ignore")
    if regions["net_internal"].sum() != 0:
        issues.append(f"internal nets sum to {regions['net_internal'].sum()}, not 0")
    if C.TOTAL in f.index:
        numeric = [c for c in C.BALANCE_COLUMNS[2:]]
        diff = regions[numeric].sum() - f.loc[C.TOTAL, numeric].astype("int64")
        issues += [f"TOTAL {c} differs from the sum of regions by {d}" for c, d in diff.items()
                   if d != 0]
    return issues


def build_table(kind: TableKind, flows: Flows, year: int | None = None,
                grouping: Grouping | None = None) -> MigrationTable:
    """Dispatch to :func:`od_table`, :func:`net_table` or :func:`balance_table`."""
    builders: dict[str, Callable[[Flows, int | None, Grouping | None], MigrationTable]] = {
        "od": od_table, "net": net_table, "balance": balance_table}
    if kind not in builders:
        raise DataError(f"unknown table '{kind}'; one of od, net, balance")
    return builders[kind](flows, year, grouping)
