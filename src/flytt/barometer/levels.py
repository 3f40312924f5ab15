"""Regional levels of the barometer: which grouping a level uses, and summing member
municipalities' counts into regions, counties or user groups."""

from __future__ import annotations

from typing import Literal

import pandas as pd

from .. import contracts as C
from ..errors import InputError, NotFoundError
from ..flows import Grouping
from ..options import LEVELS, Level
from .panel import COUNTS, SIGNED, Panel


def uncovered_message(codes, vintages: tuple[int, ...], what: str, groups: bool = True) -> str:
    """One message for codes no single vintage covers: the codes missing from the vintage
    that comes closest, and how to get past it (harmonize the panel, or --groups)."""
    from .. import geo

    wanted = set(codes)
    best, missing = None, sorted(wanted)
    for v in vintages:
        gap = sorted(wanted - set(geo.municipalities(v)[C.CODE]))
        if len(gap) < len(missing):
            best, missing = v, gap
    shown = ", ".join(missing[:20]) + (f" and {len(missing) - 20} more" if len(missing) > 20
                                       else "")
    closest = f" (closest: {best}, which lacks {len(missing)})" if best else ""
    return (f"no {what} for these municipality codes: no single vintage of "
            f"{', '.join(map(str, vintages))} holds them all{closest}; not in it: {shown}. "
            "Harmonize the panel to one vintage first (flytt harmonize --to 2020|2024)"
            + (", or give your own a grouping (groups: code,group_code,group_name; the CLI's --groups FILE)"
               if groups else ""))


def _from_geo(level: Literal["region", "county"], panel: Panel) -> Grouping:
    """The BA regions / counties of the vintage whose code list holds all the panel's codes
    (:func:`flytt.geo.covering_vintage`; preferring the one in force in the panel's last
    year). Codes no vintage covers are one :class:`InputError` listing them."""
    if panel.vintage is None:
        raise NotFoundError(f"no {level} grouping for these codes (not Norwegian municipality "
                            "codes of 2018, 2020 or 2024); give a grouping (groups: code,group_code,group_name; the CLI's --groups FILE)")
    try:
        from .. import geo
    except ImportError as exc:
        raise NotFoundError(f"no {level} grouping available; give a grouping (groups: code,group_code,group_name; the CLI's --groups FILE)") \
            from exc
    codes = sorted(set(panel.frame[C.REGION]))
    vintages = (2020, 2024) if level == "region" else geo.VINTAGES
    vintage = geo.covering_vintage(codes, year=panel.years[-1], vintages=vintages)
    if vintage is None:
        what = "BA regions (keyed to 2020 or 2024 codes)" if level == "region" else "counties"
        raise InputError(uncovered_message(codes, vintages, what))
    if level == "region":
        return geo.ba_grouping(vintage)  # type: ignore[arg-type]
    return geo.county_grouping(vintage)


def _county_by_prefix(codes: pd.Series) -> Grouping:
    codes = pd.Series(sorted(set(codes)))
    frame = pd.DataFrame({C.CODE: codes, C.GROUP_CODE: codes.str[:2]})
    return Grouping.from_frame(frame, "county (code prefix)")


def grouping_for(panel: Panel, level: Level, groups: Grouping | None = None) -> Grouping | None:
    """The grouping that makes ``level`` out of the panel's units (None: the units as given).

    ``group`` needs ``groups``. ``region`` and ``county`` use ``groups`` if given, else the
    panel's own grouping, else the BA regions / counties of the vintage whose code list
    covers the panel's codes (:mod:`flytt.geo`; an :class:`InputError` listing the codes
    when none does); without the geo data, counties fall back to the first two digits of
    4-digit codes.
    """
    if level == "municipality":
        return None
    if groups is not None:
        return groups
    if level == "group":
        raise InputError("level 'group' needs a grouping (groups: code,group_code,group_name; the CLI's --groups FILE)")
    if level in panel.groupings:
        return panel.groupings[level]
    try:
        return _from_geo(level, panel)
    except NotFoundError:
        codes = panel.frame[C.REGION]
        if level == "county" and codes.str.fullmatch(r"\d{4}").all():
            return _county_by_prefix(codes)
        raise


def aggregate(frame: pd.DataFrame, grouping: Grouping | None) -> pd.DataFrame:
    """Sum members' counts (population, jobs, net migration and streams, gross migration,
    housing completions) into groups year by year; other driver columns become
    population-weighted means. A group's count is missing in a year when any member's is
    (never a sum of the members that happen to have it). Codes outside the grouping are an
    :class:`InputError`."""
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
    incomplete = work[[C.YEAR, C.REGION] + sums].set_index([C.YEAR, C.REGION]).isna() \
        .groupby(level=[0, 1]).any()
    for col in sums:
        out[col] = out[col].astype("Int64").mask(incomplete[col])
    for col in means:
        out[col] = out[col] / out.pop(f"__w_{col}").replace(0, float("nan"))
    out = out.reset_index()
    out.insert(2, C.REGION_NAME, out[C.REGION].map(grouping.names).fillna(out[C.REGION]))
    return out


__all__ = ["LEVELS", "Level", "aggregate", "grouping_for"]
