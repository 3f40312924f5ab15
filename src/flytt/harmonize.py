"""Municipal reforms: translate municipality codes of any year to the municipalities of a
target vintage (1 January 2020 or 2024), so that series are comparable across reforms.

- **merges** sum (0101 Halden + ... → 3001 → 3101);
- **renumberings** map (1201 Bergen → 4601 Bergen);
- **splits** are apportioned by population in the first year after the split: each
  successor's share is its population then, less what its other predecessors had the
  year before (1850 Tysfjord → 1806 Narvik 42 % + 1875 Hamarøy 58 %: their 2020
  populations net of Narvik, Ballangen and Hamarøy 2019; 1507 Ålesund → 1508 Ålesund +
  1580 Haram by their 2024 populations). The populations come, per split, from the first
  source that holds every number the split needs (both years, successors and their other
  predecessors): the ``population`` given, else the data themselves when they are a
  population, else SSB's table-07459 exports in :mod:`flytt.registry` — so the shares do
  not depend on which rows the data happen to hold. With none of these an
  :class:`~flytt.errors.InputError` asks for a population file (``--weights-from``).
  Counts are split into whole numbers with the largest-remainder method, so every total
  is preserved exactly. The weights used, with their basis and source, are part of the
  result (:attr:`Harmonized.weights`);
- codes of a later year than the target are mapped back (3101 → 3001; 1508 and 1580 →
  1507), and a later code formed from several target codes is split by the target
  codes' populations in the target year;
- codes that are not municipality codes (Svalbard ``21-22``, the continental shelf
  ``23``, ``Rest``, typos) are **kept unchanged and reported** (:attr:`Harmonized.unknown`),
  never dropped silently.

The successor links come from FHI's location history (``municipality-successors`` in
:mod:`flytt.registry`); the municipality lists per 1 January from SSB Klass
(``code-history``). Names are those of 1 January of the target year in SSB's own form,
parallel names included (``1875 Hábmer - Hamarøy``, ``5001 Trondheim - Tråante`` in 2024),
as labelled in SSB's population export of that year; the code history, which keeps only
the first of parallel names, is the fallback.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

import numpy as np
import pandas as pd

from . import contracts as C
from .errors import DataError, FlyttError, InputError
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
    successor_code, successor_name, persons, share, basis, source``; ``persons`` = the
    persons the share is based on, ``source`` = where they come from: the population
    given, the data, or SSB's exports in the registry); ``unknown``: codes kept
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
SOURCE_REGISTRY = "SSB table 07459 (flytt data registry)"
"""The ``source`` of split shares taken from SSB's population exports in the registry."""


def _population_lookup(population: pd.DataFrame | None) -> dict[tuple[int, str], float]:
    """``(year, code) → persons`` (summed over any other columns; missing values skipped)."""
    if population is None or population.empty:
        return {}
    frame = population[[C.YEAR, C.REGION, C.POPULATION]].dropna()
    frame = frame.assign(**{C.YEAR: frame[C.YEAR].astype(int),
                            C.REGION: frame[C.REGION].astype(str)})
    return frame.groupby([C.YEAR, C.REGION])[C.POPULATION].sum().to_dict()


def _step_shares(pop: dict, code: str, year: int, succs: list[str], graph: _Graph
                 ) -> tuple[list[float] | None, str, list[tuple[int, str]]]:
    """``(persons per successor, basis, missing (year, code) keys)`` for the split of
    ``code`` in ``year``; persons is None when ``pop`` lacks a number the split needs."""
    others = []
    for s in succs:
        preds = graph.preds.get((s, year), [])
        # a later code split back onto target codes has no "other predecessors"
        others.append([p for p in preds if p != code] if code in preds else [])
    need = [(year, s) for s in succs] + [(year - 1, p) for ps in others for p in ps]
    missing = [k for k in need if k not in pop]
    basis = (f"population {year} less other predecessors' {year - 1}" if any(others)
             else f"population {year}")
    if missing:
        return None, basis, missing
    persons = [max(0.0, float(pop[(year, s)]) - sum(float(pop[(year - 1, p)]) for p in ps))
               for s, ps in zip(succs, others)]
    if sum(persons) <= 0:
        return None, basis, need
    return persons, basis, []


def _split_weights(steps: set[Step], sources: Sequence[tuple[str, pd.DataFrame | None]],
                   graph: _Graph, names: dict[str, str] | None = None,
                   registry: bool = True) -> pd.DataFrame:
    """Share of each successor in each split step.

    A split of ``X`` in year ``Y`` gives successor ``S`` the share of its population in
    ``Y`` that its other predecessors do not account for: ``pop(S, Y) − Σ pop(P, Y−1)``
    over the other codes ``P`` merged into ``S`` (clipped at 0; with no other
    predecessors simply ``pop(S, Y)``). The numbers of one split all come from one
    source: the first of ``sources`` (``(label, year/region_code/population frame)``)
    that holds every one of them, else (``registry``) SSB's exports in the registry.
    Never a partial basis: without a source an :class:`InputError` says what is missing.
    """
    lookups = [(label, _population_lookup(frame)) for label, frame in sources
               if frame is not None]
    groups: dict[tuple[str, int], list[str]] = {}
    for code, year, succ in sorted(steps):
        groups.setdefault((code, year), []).append(succ)
    registry_pop: dict = {}
    registry_error = ""
    rows = []
    for (code, year), succs in groups.items():
        chosen = None
        missing: list[tuple[int, str]] = []
        for label, pop in lookups:
            persons, basis, gap = _step_shares(pop, code, year, succs, graph)
            if persons is not None:
                chosen = (persons, basis, label)
                break
            missing = missing or gap
        if chosen is None and registry and not registry_error:
            try:
                if not {year - 1, year} <= {y for y, _ in registry_pop}:
                    registry_pop.update(_population_lookup(
                        population_from_registry(sorted({year - 1, year}))))
            except FlyttError as exc:
                registry_error = str(exc)
            persons, basis, gap = _step_shares(registry_pop, code, year, succs, graph)
            if persons is not None:
                chosen = (persons, basis, SOURCE_REGISTRY)
            missing = missing or gap
        if chosen is None:
            where = " or ".join([label for label, _ in lookups]
                                + ([SOURCE_REGISTRY] if registry else []))
            shown = ", ".join(f"{c} ({y})" for y, c in missing[:6])
            reason = f"; the registry: {registry_error}" if registry_error else ""
            raise InputError(
                f"cannot apportion the split of {code} in {year} into {', '.join(succs)}: "
                f"no population for {shown or 'these codes'} in {where or 'any source'}"
                f"{reason}. Give the split shares' population with --weights-from FILE "
                f"(year,region_code,population for {year - 1} and {year}, every code "
                "above)")
        persons, basis, label = chosen
        total = sum(persons)
        for s, v in zip(succs, persons):
            rows.append((code, year, s, round(v), v / total, basis, label))
    frame = pd.DataFrame(rows, columns=["split_code", C.YEAR, "successor_code", "persons",
                                        "share", "basis", "source"])
    names = dict(names or {})
    for y in sorted(frame[C.YEAR].unique()) if not frame.empty else []:
        for c, n in municipality_names(int(y)).items():
            names.setdefault(c, n)
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
    records: list[tuple[Any, Any, str, tuple[Step, ...], str]] = []
    steps: set[Step] = set()
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
    is a population frame. A split whose numbers (both years, successors and their other
    predecessors) are not all in that population is weighted by SSB's population exports
    from the registry instead, so the shares never depend on which rows ``frame`` holds;
    :attr:`Harmonized.weights` names the ``basis`` and ``source`` of each share.
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
    sources: list[tuple[str, pd.DataFrame | None]] = []
    if population is not None:
        sources.append(("the population given", population))
    elif C.POPULATION in frame.columns and C.REGION in frame.columns:
        sources.append(("the data", frame))
    target_names = municipality_names(to)
    weights = _split_weights(steps, sources, graph, target_names)
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


@lru_cache(maxsize=16)
def _export(path: str) -> pd.DataFrame:
    """``year, region_code, region_name, population`` of one SSB population export."""
    from .ssb.statbank_csv import read_statbank_file

    raw = read_statbank_file(path)
    frame = pd.DataFrame({C.YEAR: raw["Tid"].astype(int),
                          C.REGION: strip_region_prefix(raw["region"]),
                          C.REGION_NAME: raw["region_label"], C.POPULATION: raw["value"]})
    return (frame.groupby([C.YEAR, C.REGION, C.REGION_NAME], as_index=False, sort=True)
            [C.POPULATION].sum())


def population_from_registry(years: Sequence[int]) -> pd.DataFrame:
    """``year, region_code, population`` totals per municipality for ``years`` (2005–2024)
    from SSB's table-07459 exports in the registry (for split shares)."""
    keys = {y: k for k in _POPULATION_KEYS for y in _POPULATION_KEYS[k]}
    frames = []
    for key in sorted({keys[y] for y in years if y in keys}):
        raw = _export(str(fetch(key)))
        frames.append(raw[raw[C.YEAR].isin(years)])
    if not frames:
        return pd.DataFrame(columns=[C.YEAR, C.REGION, C.POPULATION])
    out = pd.concat(frames)
    return out.groupby([C.YEAR, C.REGION], as_index=False)[C.POPULATION].sum()


_LOST_IN_LATIN1 = str.maketrans("šŠŋŊđĐŧŦčČžŽʒǯ", "sSnNdDtTcCzZzz")
"""Sámi letters that SSB's Latin-1 exports cannot hold, to the letters they became."""

_PART = re.compile(r"(\s*-\s*)")


def _parts(name: str) -> list[str]:
    return [p for p in _PART.split(name) if p and not _PART.fullmatch(p)]


def _bare(part: str) -> str:
    return re.sub(r"\s*\(.*\)\s*$", "", part).translate(_LOST_IN_LATIN1).casefold().strip()


@lru_cache(maxsize=1)
def _utf8_names() -> tuple[dict[str, str], dict[str, frozenset[str]]]:
    """From the UTF-8 sources (the code history, Kartverket's municipality files):
    name parts as SSB's Latin-1 exports mangle them → the right spelling, and per code
    the (bare) name parts known for it."""
    from .geo import code_history

    h = code_history()
    pairs = list(zip(h[C.CODE], h[C.NAME]))
    for key, code_prop, name_prop in (("kommuner-2024", "kommunenummer", "kommunenavn"),
                                      ("kommuner-2020", "kommunenummer", "navn")):
        try:
            raw = json.loads(fetch(key).read_text(encoding="utf-8"))
        except (FlyttError, OSError, ValueError):
            continue
        pairs += [(str(f["properties"].get(code_prop, "")).zfill(4),
                   str(f["properties"].get(name_prop, ""))) for f in raw.get("features", [])]
    spelling: dict[str, str] = {}
    known: dict[str, set[str]] = {}
    for code, name in pairs:
        for part in _parts(name):
            if part.translate(_LOST_IN_LATIN1) != part:
                spelling[part.translate(_LOST_IN_LATIN1)] = part
            known.setdefault(code, set()).add(_bare(part))
    return spelling, {c: frozenset(v) for c, v in known.items()}


@lru_cache(maxsize=8)
def municipality_names(vintage: int) -> dict[str, str]:
    """``code → name`` of the municipalities of 1 January ``vintage``, in SSB's form:
    parallel official names joined with `` - `` as SSB labels them that year (2024:
    ``1875 Hábmer - Hamarøy``, ``5001 Trondheim - Tråante``, ``5054 Indre Fosen``).

    From SSB's population export of ``vintage`` in the registry (2019–2024; its labels
    are the names of that 1 January), for the codes valid then, with the Sámi letters
    its Latin-1 encoding lost restored from the UTF-8 sources (``Kárášjohka``). A label
    is taken only when one of its parts is a name the code history or Kartverket's files
    give the code (so a damaged label is never shown); otherwise, and for other years,
    the code history's name (:func:`flytt.geo.municipalities`), which has only the first
    of parallel names.
    """
    from .geo import municipalities

    valid = municipalities(vintage)
    names = dict(zip(valid[C.CODE], valid[C.NAME]))
    key = f"ssb-population-{vintage}"
    if key not in _POPULATION_KEYS:
        return names
    try:
        export = _export(str(fetch(key)))
    except FlyttError:
        return names
    export = export[export[C.YEAR].eq(vintage) & export[C.REGION].isin(names)]
    spelling, known = _utf8_names()
    for code, label in zip(export[C.REGION], export[C.REGION_NAME].astype(str)):
        parts = _parts(label.strip())
        if not any(_bare(p) in known.get(code, ()) for p in parts):
            continue  # a damaged label
        if {_bare(p) for p in parts} == {_bare(p) for p in _parts(names[code])}:
            continue  # the same name: keep the code history's (current) county qualifier
        fixed = label.strip()
        for part in parts:
            if part in spelling:
                fixed = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", spelling[part], fixed)
        names[code] = fixed
    return names


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
    "municipality_names",
    "population_from_registry",
    "strip_region_prefix",
    "successor_table",
]
