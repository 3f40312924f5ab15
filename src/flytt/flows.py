"""Flows between regions and groupings of regions (the domain objects of the core).

A flows frame has the columns of the flows contract: ``year, origin_code,
destination_code, moves`` plus optional names and attribute columns (age, sex, ...).
``moves`` is a nullable integer: missing means *not applicable* (SSB's ``.``),
e.g. moves between municipalities inside a one-municipality county.
``ABROAD`` as origin is immigration, as destination emigration.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pandas as pd

from . import contracts as C
from .errors import DataError, InputError, NotFoundError, Problem


@dataclass(frozen=True)
class Grouping:
    """A named map from member codes to group codes, e.g. municipality → county.

    ``frame`` has the groups contract columns ``code, group_code, group_name``.
    """

    name: str
    frame: pd.DataFrame
    source: str | None = None
    """The file the grouping was read from, if any (named in error messages)."""

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, name: str = "groups",
                   source: str | None = None) -> Grouping:
        cols = [C.CODE, C.GROUP_CODE] + ([C.GROUP_NAME] if C.GROUP_NAME in frame.columns else [])
        out = frame[cols].copy()
        if C.GROUP_NAME not in out.columns:
            out[C.GROUP_NAME] = out[C.GROUP_CODE]
        out[C.GROUP_NAME] = out[C.GROUP_NAME].where(out[C.GROUP_NAME].astype(str).ne(""),
                                                    out[C.GROUP_CODE])
        return cls(name=name, frame=out.reset_index(drop=True), source=source)

    @property
    def mapping(self) -> dict[str, str]:
        return dict(zip(self.frame[C.CODE], self.frame[C.GROUP_CODE]))

    @property
    def names(self) -> dict[str, str]:
        return dict(zip(self.frame[C.GROUP_CODE], self.frame[C.GROUP_NAME]))

    def members(self) -> dict[str, list[str]]:
        """Member codes of each group, in code order."""
        return {g: sorted(df[C.CODE]) for g, df in self.frame.groupby(C.GROUP_CODE)}

    def map_codes(self, codes: pd.Series, column: str = C.CODE) -> pd.Series:
        """Map member codes to group codes; ``ABROAD`` maps to itself.

        Raises :class:`InputError` naming every code that is not in the grouping.
        """
        mapping = self.mapping | {C.ABROAD: C.ABROAD}
        out = codes.map(mapping)
        missing = codes[out.isna()]
        if not missing.empty:
            where = f" ({self.source})" if self.source else ""
            uses = missing.value_counts()
            raise InputError([Problem(
                f"code '{c}' ({uses[c]} row{'s' if uses[c] > 1 else ''} of the data) is not in "
                f"grouping '{self.name}'{where}: add it to the grouping", column=column)
                for c in sorted(uses.index)])
        return out


@dataclass(frozen=True)
class Flows:
    """Moves between regions, one row per (year, origin, destination[, attributes])."""

    frame: pd.DataFrame
    names: Mapping[str, str] = field(default_factory=dict)
    """Region names by code (from the file's name columns, the store or a dataset)."""

    @classmethod
    def from_frame(cls, frame: pd.DataFrame, names: Mapping[str, str] | None = None) -> Flows:
        found = dict(names or {})
        for code_col, name_col in ((C.ORIGIN, C.ORIGIN_NAME), (C.DESTINATION, C.DESTINATION_NAME)):
            if name_col in frame.columns:
                pairs = frame[[code_col, name_col]].drop_duplicates()
                pairs = pairs[pairs[name_col].astype(str).ne("")]
                for code, name in zip(pairs[code_col], pairs[name_col]):
                    found.setdefault(code, name)
        found.setdefault(C.ABROAD, "Abroad")
        return cls(frame=frame, names=found)

    @property
    def years(self) -> list[int]:
        return sorted(int(y) for y in self.frame[C.YEAR].unique())

    @property
    def attributes(self) -> list[str]:
        known = set(C.FLOWS.known)
        return [c for c in self.frame.columns if c not in known]

    def for_year(self, year: int | None) -> pd.DataFrame:
        """Origin–destination moves of one year, summed over attribute columns.

        Returns ``origin_code, destination_code, moves`` (moves nullable: NA only where
        every input row of that pair was NA). With ``year=None`` the data must hold
        exactly one year.
        """
        years = self.years
        if year is None:
            if len(years) != 1:
                raise DataError(f"the flows cover years {years}; choose one (year; the CLI's --year)")
            year = years[0]
        if year not in years:
            raise NotFoundError(f"no flows for {year}; years available: "
                                f"{', '.join(map(str, years)) or 'none'}")
        sub = self.frame[self.frame[C.YEAR] == year]
        return (
            sub.groupby([C.ORIGIN, C.DESTINATION], sort=True)[C.MOVES]
            .sum(min_count=1)
            .astype("Int64")
            .reset_index()
        )

    def grouped(self, grouping: Grouping) -> Flows:
        """Flows between groups: member codes replaced by group codes and summed.

        Moves between two members of the same group become moves *within* the group
        (the diagonal). Moves inside one member (origin = destination) are dropped, as
        SSB's tables count moves between municipalities only.
        """
        frame = self.frame[self.frame[C.ORIGIN] != self.frame[C.DESTINATION]]
        origin = grouping.map_codes(frame[C.ORIGIN], C.ORIGIN)
        destination = grouping.map_codes(frame[C.DESTINATION], C.DESTINATION)
        keys = [C.YEAR] + self.attributes
        out = frame[keys + [C.MOVES]].assign(**{C.ORIGIN: origin, C.DESTINATION: destination})
        out = (
            out.groupby(keys + [C.ORIGIN, C.DESTINATION], sort=True, dropna=False)[C.MOVES]
            .sum(min_count=1)
            .astype("Int64")
            .reset_index()
        )
        names = dict(grouping.names) | {C.ABROAD: self.names.get(C.ABROAD, "Abroad")}
        return Flows(frame=out, names=names)

    def regions(self) -> list[str]:
        """Region codes that occur as origin or destination, ``ABROAD`` excluded, in code order."""
        codes = set(self.frame[C.ORIGIN]) | set(self.frame[C.DESTINATION])
        return sort_codes(codes - {C.ABROAD})


def sort_codes(codes: Iterable[str]) -> list[str]:
    """Region codes in code order: numeric codes by value and length, then others; ABROAD last."""
    def key(code: str) -> tuple[int, int, str]:
        if code == C.ABROAD:
            return (2, 0, code)
        return (0, len(code), code) if code.isdigit() else (1, 0, code)

    return sorted(codes, key=key)
