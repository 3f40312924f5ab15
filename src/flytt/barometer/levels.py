"""Regional levels of the barometer: which grouping a level uses, and summing member
municipalities' counts into regions, counties or user groups."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from .. import contracts as C
from ..errors import InputError, NotFoundError
from ..flows import Grouping
from .panel import COUNTS, SIGNED, Panel

Level = Literal["municipality", "region", "county", "group"]
LEVELS: tuple[str, ...] = ("municipality", "region", "county", "group")


def _from_geo(level: Literal["region", "county"], vintage: int | None) -> Grouping:
    if vintage is None:
        raise NotFoundError(f"no {level} grouping for these codes (not Norwegian municipality "
                            "codes of 2018, 2020 or 2024); give one with --groups FILE")
    try:
        from .. import geo
    except ImportError as exc:
        raise NotFoundError(f"no {level} grouping available; give one with --groups FILE") \
            from exc
    if level == "region":
        return geo.ba_grouping(2024 if vintage == 2024 else 2020)
    return geo.county_grouping(vintage)


def _county_by_prefix(codes: pd.Series) -> Grouping:
    codes = pd.Series(sorted(set(codes)))
    frame = pd.DataFrame({C.CODE: codes, C.GROUP_CODE: codes.str[:2]})
    return Grouping.from_frame(frame, "county (code prefix)")


def grouping_for(panel: Panel, level: Level, groups: Grouping | None = None) -> Grouping | None:
    """The grouping that makes ``level`` out of the panel's units (None: the units as given).

    ``group`` needs ``groups``. ``region`` and ``county`` use ``groups`` if given, else the
    panel's own grouping, else the BA regions / counties of the codes' vintage from
    :mod:`flytt.geo`; counties fall back to the first two digits of 4-digit codes.
    """
    if level == "municipality":
        return None
    if groups is not None:
        return groups
    if level == "group":
        raise InputError("level 'group' needs a grouping: give --groups FILE "
                         "(code,group_code,group_name)")
    if level in panel.groupings:
        return panel.groupings[level]
    try:
        return _from_geo(level, panel.vintage)
    except NotFoundError:
        codes = panel.frame[C.REGION]
        if level == "county" and codes.str.fullmatch(r"\d{4}").all():
            return _county_by_prefix(codes)
        raise


def aggregate(frame: pd.DataFrame, grouping: Grouping | None) -> pd.DataFrame:
    """Sum members' counts (population, jobs, net migration and streams, gross migration,
    housing completions) into groups year by year; other driver columns become
    population-weighted means. Codes outside the grouping are an :class:`InputError`."""
    if grouping is None:
        return frame
    group = grouping.map_codes(frame[C.REGION], C.REGION)
    sums = [c for c in frame.columns if c in COUNTS or c in SIGNED]
    means = [c for c in frame.columns if c not in sums and c not in (C.YEAR, C.REGION,
                                                                      C.REGION_NAME)]
    work = frame[[C.YEAR] + sums].assign(**{C.REGION: group.to_numpy()})
    for col in means:
        ok = frame[col].notna()
        work[col] = (frame[col] * frame[C.POPULATION]).where(ok)
        work[f"__w_{col}"] = frame[C.POPULATION].where(ok)
    agg = {c: "sum" for c in work.columns if c not in (C.YEAR, C.REGION)}
    out = work.groupby([C.YEAR, C.REGION], sort=True).agg(agg)
    for col in sums:
        out[col] = out[col].astype("Int64")
    for col in means:
        out[col] = out[col] / out.pop(f"__w_{col}").replace(0, float("nan"))
    out = out.reset_index()
    out.insert(2, C.REGION_NAME, out[C.REGION].map(grouping.names).fillna(out[C.REGION]))
    return out


__all__ = ["LEVELS", "Level", "aggregate", "grouping_for"]
