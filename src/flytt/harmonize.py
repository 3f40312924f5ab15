"""Municipal reforms: translate municipality codes of any year to the municipalities of a
target vintage (1 January 2020 or 2024), so that series are comparable across reforms.

- **merges** sum (0101 Halden + ... → 3001 → 3101);
- **renumberings** map (1201 Bergen → 4601 Bergen);
- **splits** are apportioned by population in the first year after the split: each
  successor's share is its population then, less what its other predecessors had the
  year before (1850 Tysfjord → 1806 Narvik + 1875 Hamarøy by their 2020 populations
  net of Narvik, Ballangen and Hamarøy 2019; 1507 Ålesund → 1508 Ålesund + 1580 Haram
  by their 2024 populations). Counts are split into whole numbers with the largest-
  remainder method, so every total is preserved exactly. The weights used are part of
  the result (:attr:`Harmonized.weights`);
- codes of a later year than the target are mapped back (3101 → 3001; 1508 and 1580 →
  1507), and a later code formed from several target codes is split by the target
  codes' populations in the target year;
- codes that are not municipality codes (Svalbard ``21-22``, the continental shelf
  ``23``, ``Rest``, typos) are **kept unchanged and reported** (:attr:`Harmonized.unknown`),
  never dropped silently.

The successor links come from FHI's location history (``municipality-successors`` in
:mod:`flytt.registry`); the municipality lists per 1 January from SSB Klass
(``code-history``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from . import contracts as C
from .errors import DataError, InputError
from .registry import fetch

Target = Literal[2020, 2024]
TARGETS: tuple[int, ...] = (2020, 2024)
_OPEN = 9999

Step = tuple[str, int, str]
"""A split step: (code that is split, year of the successor populations, successor)."""


# --------------------------------------------------------------------------- the graph
@lru_cache(maxsize=2)
def _successors(path: str) -> pd.DataFrame:
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    rows = list(wb.worksheets[0].iter_rows(min_row=2, max_col=5, values_only=True))
    wb.close()
    records = []
    for start, end, succ, weight, code in rows:
        if not (isinstance(code, str) and code.startswith("municip_nor")):
            continue
        records.append((code.removeprefix("municip_nor"), int(start),
                        int(end) if end not in (None, "") else _OPEN,
                        succ.removeprefix("municip_nor") if isinstance(succ, str) else "",
                        float(weight) if weight not in (None, "") else np.nan))
    frame = pd.DataFrame(records, columns=["code", "start", "end", "successor", "weight"])
    return frame.drop_duplicates().reset_index(drop=True)


def successor_table() -> pd.DataFrame:
    """``code, start, end, successor, weight``: each municipality code's period (years,
    inclusive; ``end`` 9999 = still valid) and its immediate successor(s); a split has one
    row per successor, with FHI's default ``weight``."""
    return _successors(str(fetch("municipality-successors"))).copy()


@dataclass
class _Graph:
    """The successor graph, and the municipalities valid in the target year."""

    target: int
    valid: frozenset[str]
    periods: dict[str, list[tuple[int, int, tuple[tuple[str, float], ...]]]]
    """code → [(first year, last year, ((successor, default weight), ...))]."""
    preds: dict[tuple[str, int], list[str]]
    """(code, year) → codes that ended the year before with ``code`` as a successor."""
    _back: dict[int, dict[str, list[str]]] = field(default_factory=dict)

    @classmethod
    def build(cls, target: int) -> _Graph:
        from .geo import municipalities

        periods: dict[str, list] = {}
        preds: dict[tuple[str, int], list[str]] = {}
        for (code, start, end), rows in successor_table().groupby(["code", "start", "end"]):
            succ = tuple((s, w) for s, w in zip(rows["successor"], rows["weight"]) if s)
            periods.setdefault(code, []).append((int(start), int(end), succ))
            for s, _ in succ:
                preds.setdefault((s, int(end) + 1), []).append(code)
        return cls(target, frozenset(municipalities(target)[C.CODE]), periods, preds)

    def period(self, code: str, year: int) -> tuple[int, int, tuple] | None:
        """The period of ``code`` covering ``year`` (else the nearest one)."""
        found = self.periods.get(code)
        if not found:
            return None
        covering = [p for p in found if p[0] <= year <= p[1]]
        if covering:
            return covering[-1]
        return min(found, key=lambda p: min(abs(p[0] - year), abs(p[1] - year)))

    def forward(self, code: str, year: int, target: int) -> list[tuple[str, tuple[Step, ...]]]:
        """Codes valid in ``target`` (≥ year) that ``code`` of ``year`` becomes, with the
        split steps on the way. Empty if the code is unknown."""
        p = self.period(code, year)
        if p is None:
            return []
        _, end, succ = p
        if end >= target:
            return [(code, ())]
        out = []
        for s, _ in succ:
            for final, steps in self.forward(s, end + 1, target):
                step = ((code, end + 1, s),) if len(succ) > 1 else ()
                out.append((final, step + steps))
        return out

    def translate(self, code: str, year: int) -> list[tuple[str, tuple[Step, ...]]]:
        """Target codes for ``code`` of ``year``, with split steps (empty: unknown)."""
        if year <= self.target:
            return [(c, s) for c, s in self.forward(code, year, self.target) if c in self.valid]
        p = self.period(code, year)
        if code in self.valid and p is not None and p[0] <= self.target:
            return [(code, ())]
        if year not in self._back:
            back: dict[str, list[str]] = {}
            for t in sorted(self.valid):
                for later, _ in self.forward(t, self.target, year):
                    back.setdefault(later, []).append(t)
            self._back[year] = back
        sources = sorted(set(self._back[year].get(code, [])))
        if len(sources) <= 1:
            return [(t, ()) for t in sources]
        return [(t, ((code, self.target, t),)) for t in sources]


# --------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Harmonized:
    """Data translated to the municipalities of ``target``.

    ``frame``: the input layout with codes replaced and rows summed; ``mapping``:
    ``year, from_code, to_code, share, change`` (change: same, renumbered, merged,
    split, unknown); ``weights``: the split shares used (``split_code, year,
    successor_code, successor_name, persons, share, basis``; ``persons`` = the persons
    the share is based on); ``unknown``: codes kept
    unchanged because they are not municipalities (``year, code, rows, total``).
    """

    target: int
    frame: pd.DataFrame
    mapping: pd.DataFrame
    weights: pd.DataFrame
    unknown: pd.DataFrame

    @property
    def title(self) -> str:
        return f"Harmonised to the municipalities of 1 January {self.target}"

    def to_frame(self) -> pd.DataFrame:
        return self.frame.copy()

    tidy = to_frame

    def summary(self) -> str:
        m = self.mapping.drop_duplicates(["year", "from_code"])
        counts = m["change"].value_counts()
        parts = [f"{int(counts.get(k, 0))} {k}" for k in
                 ("same", "renumbered", "merged", "split", "unknown") if counts.get(k, 0)]
        text = (f"Harmonised to the {self.target} municipalities: "
                f"{len(m)} year×code pairs ({', '.join(parts)})")
        if not self.unknown.empty:
            codes = sorted(set(self.unknown["code"]))
            text += (f"; kept unchanged (not municipality codes): "
                     f"{', '.join(codes[:12])}{' …' if len(codes) > 12 else ''}")
        return text


# --------------------------------------------------------------------------- weights
def _split_weights(steps: set[Step], population: pd.DataFrame | None,
                   graph: _Graph) -> pd.DataFrame:
    """Share of each successor in each split step.

    A split of ``X`` in year ``Y`` gives successor ``S`` the share of its population in
    ``Y`` that its other predecessors do not account for: ``pop(S, Y) − Σ pop(P, Y−1)``
    over the other codes ``P`` merged into ``S`` (clipped at 0). Without those numbers:
    the successors' populations in ``Y``; without these: FHI's default weights; else equal.
    """
    from .geo import municipalities

    pop = ({} if population is None else
           population.groupby([C.YEAR, C.REGION])[C.POPULATION].sum().to_dict())
    groups: dict[tuple[str, int], list[str]] = {}
    for code, year, succ in sorted(steps):
        groups.setdefault((code, year), []).append(succ)
    rows = []
    for (code, year), succs in groups.items():
        values = [pop.get((year, s)) for s in succs]
        others = [[p for p in graph.preds.get((s, year), []) if p != code] for s in succs]
        rest = [None if v is None or any((year - 1, p) not in pop for p in ps)
                else max(0, v - sum(pop[(year - 1, p)] for p in ps))
                for v, ps in zip(values, others)]
        if all(r is not None for r in rest) and sum(rest) > 0 and any(others):
            shares = [r / sum(rest) for r in rest]
            basis = f"population {year} less other predecessors' {year - 1}"
        elif all(v is not None for v in values) and sum(values) > 0:
            shares, basis, rest = [v / sum(values) for v in values], f"population {year}", values
        else:
            p = graph.period(code, year - 1)
            defaults = dict(p[2]) if p else {}
            if all(s in defaults and not np.isnan(defaults[s]) for s in succs):
                total = sum(defaults[s] for s in succs)
                shares, basis = [defaults[s] / total for s in succs], "default (FHI csdata)"
            else:
                shares, basis = [1 / len(succs)] * len(succs), "equal (no population)"
            rest = [None] * len(succs)
        for s, v, share in zip(succs, rest, shares):
            rows.append((code, year, s, v, share, basis))
    frame = pd.DataFrame(rows, columns=["split_code", C.YEAR, "successor_code", "persons",
                                        "share", "basis"])
    names = {}
    for y in sorted(frame[C.YEAR].unique()) if not frame.empty else []:
        m = municipalities(int(y))
        names.update(dict(zip(m[C.CODE], m[C.NAME])))
    frame.insert(3, "successor_name", frame["successor_code"].map(names).fillna(""))
    frame["persons"] = frame["persons"].astype("Int64")
    return frame


def _apportion(values: pd.Series, shares: pd.Series, row: pd.Series) -> pd.Series:
    """Whole-number parts of ``values`` by ``shares`` (largest remainder within each
    ``row``), so that the parts of a row sum to its value exactly. NA stays NA."""
    v = values.astype("Float64")
    exact = v * shares
    floor = np.floor(exact.fillna(0).to_numpy(dtype=float))
    frac = exact.fillna(0).to_numpy(dtype=float) - floor
    frame = pd.DataFrame({"row": row.to_numpy(), "floor": floor, "frac": frac,
                          "value": v.fillna(0).to_numpy(dtype=float)})
    left = (frame.groupby("row")["value"].transform("first")
            - frame.groupby("row")["floor"].transform("sum")).round()
    order = frame.sort_values(["row", "frac"], ascending=[True, False], kind="stable")
    rank = order.groupby("row").cumcount()
    extra = (rank < left.loc[order.index]).astype(float)
    out = pd.Series(floor, index=values.index) + extra.reindex(frame.index).to_numpy()
    return pd.Series(out.to_numpy(), index=values.index).astype("Int64").mask(v.isna().to_numpy())


# --------------------------------------------------------------------------- harmonise
def _mapping(pairs: pd.DataFrame, graph: _Graph) -> tuple[pd.DataFrame, set[Step]]:
    records, steps = [], set()
    for year, code in pairs.itertuples(index=False):
        found = graph.translate(str(code), int(year))
        if not found:
            records.append((year, code, code, (), "unknown"))
            continue
        for target, path in found:
            steps.update(path)
            records.append((year, code, target, path, ""))
    frame = pd.DataFrame(records, columns=[C.YEAR, "from_code", "to_code", "path", "change"])
    return frame, steps


def _classify(mapping: pd.DataFrame) -> pd.Series:
    n_targets = mapping.groupby([C.YEAR, "from_code"])["to_code"].transform("size")
    n_sources = mapping.groupby([C.YEAR, "to_code"])["from_code"].transform("nunique")
    change = np.select(
        [mapping["change"].eq("unknown"), n_targets > 1, n_sources > 1,
         mapping["from_code"].ne(mapping["to_code"])],
        ["unknown", "split", "merged", "renumbered"], default="same")
    return pd.Series(change, index=mapping.index)


def harmonize(
    frame: pd.DataFrame,
    to: Target,
    *,
    code_columns: Sequence[str] = (C.REGION,),
    value_columns: Sequence[str] | None = None,
    population: pd.DataFrame | None = None,
    keep_codes: Sequence[str] = (C.ABROAD, C.TOTAL),
) -> Harmonized:
    """Translate the municipality codes in ``code_columns`` of ``frame`` (which needs a
    ``year`` column: the year the codes belong to) to the municipalities of 1 January
    ``to``, summing merged and apportioning split municipalities.

    ``value_columns``: counts to add up (default: ``population``, ``moves`` or ``jobs``,
    whichever are present); other columns are keys and kept. ``population`` (``year,
    region_code, population``) gives the split shares; default: ``frame`` itself when it
    is a population frame, else SSB's population exports from the registry.
    ``keep_codes`` pass through untouched and unreported (``ABROAD``, ``TOTAL``).
    """
    if to not in TARGETS:
        raise InputError(f"harmonising is to the 2020 or 2024 municipalities, not {to}")
    if C.YEAR not in frame.columns:
        raise InputError(f"the data need a '{C.YEAR}' column: the year their codes belong to")
    missing = [c for c in code_columns if c not in frame.columns]
    if missing:
        raise InputError(f"no column(s) {', '.join(missing)} to harmonise")
    if value_columns is None:
        value_columns = [c for c in (C.POPULATION, C.MOVES, C.JOBS) if c in frame.columns]
    if not value_columns:
        raise InputError("no count column (population, moves or jobs) to harmonise")
    graph = _Graph.build(to)
    names = [c for c in (C.REGION_NAME, C.ORIGIN_NAME, C.DESTINATION_NAME) if c in frame]
    data = frame.drop(columns=names).reset_index(drop=True)
    keys = [c for c in data.columns if c not in value_columns]
    codes = pd.concat([data[[C.YEAR, c]].set_axis([C.YEAR, "code"], axis=1)
                       for c in code_columns]).drop_duplicates()
    codes = codes[~codes["code"].isin(keep_codes)]
    mapping, steps = _mapping(codes, graph)
    if population is None and steps:
        needed = {y for _, year, _ in steps for y in (year - 1, year)}
        own = C.POPULATION in frame.columns and C.REGION in frame.columns
        have = set(frame[C.YEAR]) if own else set()
        parts = [frame[[C.YEAR, C.REGION, C.POPULATION]]] if own else []
        if needed - have:
            parts.append(population_from_registry(sorted(needed - have)))
        population = pd.concat(parts)
    weights = _split_weights(steps, population, graph)
    share_of = {(r.split_code, r.year, r.successor_code): r.share
                for r in weights.itertuples(index=False)}
    mapping["share"] = [float(np.prod([share_of[s] for s in path])) if path else 1.0
                        for path in mapping["path"]]
    mapping["change"] = _classify(mapping)
    mapping = mapping.drop(columns="path")

    for col in code_columns:
        m = mapping[[C.YEAR, "from_code", "to_code", "share"]].rename(
            columns={"from_code": col})
        data["_row"] = np.arange(len(data))
        merged = data.merge(m, on=[C.YEAR, col], how="left")
        merged["to_code"] = merged["to_code"].fillna(merged[col])
        merged["share"] = merged["share"].fillna(1.0)
        for v in value_columns:
            if pd.api.types.is_integer_dtype(merged[v]):
                merged[v] = _apportion(merged[v], merged["share"], merged["_row"])
            else:
                merged[v] = merged[v] * merged["share"]
        merged[col] = merged["to_code"]
        data = (merged.groupby(keys, sort=True, dropna=False)[list(value_columns)]
                .sum(min_count=1).reset_index())
    unknown = mapping[mapping["change"].eq("unknown")]
    unknown_rows = []
    for r in unknown.itertuples(index=False):
        hit = frame[(frame[C.YEAR] == r.year)
                    & frame[list(code_columns)].eq(r.from_code).any(axis=1)]
        unknown_rows.append((r.year, r.from_code, len(hit),
                             hit[value_columns[0]].sum() if len(hit) else 0))
    unknown_frame = pd.DataFrame(unknown_rows, columns=[C.YEAR, "code", "rows", "total"])
    from .geo import municipalities

    target_names = dict(zip(*(municipalities(to)[c] for c in (C.CODE, C.NAME))))
    for col, name_col in ((C.REGION, C.REGION_NAME), (C.ORIGIN, C.ORIGIN_NAME),
                          (C.DESTINATION, C.DESTINATION_NAME)):
        if name_col in names and col in data.columns:
            old = dict(zip(frame[col], frame[name_col]))
            data.insert(data.columns.get_loc(col) + 1, name_col,
                        [target_names.get(c, old.get(c, "")) for c in data[col]])
    for v in value_columns:
        if pd.api.types.is_integer_dtype(frame[v]):
            data[v] = data[v].astype(frame[v].dtype)
    if data.isna().all(axis=None):
        raise DataError("harmonising left no data")
    return Harmonized(to, data, mapping.reset_index(drop=True), weights, unknown_frame)


def population_from_registry(years: Sequence[int]) -> pd.DataFrame:
    """``year, region_code, population`` totals per municipality for ``years`` (2005–2024)
    from SSB's table-07459 exports in the registry (for split shares)."""
    from .ssb.statbank_csv import read_statbank_file

    keys = {y: k for k in _POPULATION_KEYS for y in _POPULATION_KEYS[k]}
    frames = []
    for key in sorted({keys[y] for y in years if y in keys}):
        raw = read_statbank_file(fetch(key))
        raw = raw[raw["Tid"].astype(int).isin(years)]
        frames.append(pd.DataFrame({C.YEAR: raw["Tid"].astype(int),
                                    C.REGION: strip_region_prefix(raw["region"]),
                                    C.POPULATION: raw["value"]}))
    if not frames:
        return pd.DataFrame(columns=[C.YEAR, C.REGION, C.POPULATION])
    out = pd.concat(frames)
    return out.groupby([C.YEAR, C.REGION], as_index=False)[C.POPULATION].sum()


_POPULATION_KEYS: dict[str, range] = {
    "ssb-population-2005-2009": range(2005, 2010),
    "ssb-population-2010-2014": range(2010, 2015),
    "ssb-population-2015-2018": range(2015, 2019),
    **{f"ssb-population-{y}": range(y, y + 1) for y in range(2019, 2025)},
}


def strip_region_prefix(codes: pd.Series) -> pd.Series:
    """SSB region codes without StatBank's level prefix: ``K-3001``/``K_5038`` → ``3001``,
    ``F-03`` → ``03``."""
    return codes.astype(str).str.replace(r"^[KFB][-_]", "", regex=True)


__all__ = [
    "TARGETS",
    "Harmonized",
    "harmonize",
    "population_from_registry",
    "strip_region_prefix",
    "successor_table",
]
