"""The city analysis's CSV layouts (public contracts: extend, never rename) and constants."""

from __future__ import annotations

from typing import Literal

from .. import microdata as M

DestinationType = Literal["domestic", "abroad"]

DESTINATION_TYPES: tuple[str, ...] = ("domestic", "abroad")
TREND_FLOWS: tuple[str, ...] = ("in_domestic", "out_domestic", "immigration", "emigration")
"""Flows of the trend part from microdata (SSB's table 06913 gives ``in_all``/``out_all``)."""
AGE_GROUP_WIDTH = 5
AGE_OPEN_GROUP = 90
"""5-year age groups 0–4 … 85–89 and an open group 90+."""
DEFAULT_BACKGROUND = "SE"
MIN_BACKGROUND_EMIGRANTS = 20
"""Emigrants in the two years figure 4 shows that the default background needs for the
figure to show more than suppressed cells; with fewer, the most common foreign background
among emigrants is used."""
BIRTHPLACE_FAMILY_ATTRIBUTES: tuple[str, ...] = (M.BIRTHPLACE, M.FAMILY_TYPE,
                                                 M.IMMIGRANT_CATEGORY)
"""The attributes of seed figure 5, in its order (``birthplace_family.csv``)."""
DECOMPOSITION_ATTRIBUTES: tuple[str, ...] = ("total", "age_group", M.SEX, M.OCCUPATION,
                                             M.BIRTHPLACE, M.FAMILY_TYPE,
                                             M.IMMIGRANT_CATEGORY)

# --- CSV layouts (public contracts: extend, never rename) ------------------------------
TREND_COLUMNS = ("year", "municipality", "municipality_name", "flow", "label", "moves",
                 "population", "rate_per_100", "source")
AGE_COLUMNS = ("year", "age", "out_domestic", "out_abroad", "population", "rate_per_100")
AGE_GROUP_COLUMNS = ("year", "age_group", "out_domestic", "out_abroad", "population",
                     "rate_per_100")
OCCUPATION_COLUMNS = ("year", "destination", "occupation", "label", "out_migrants",
                      "population", "rate_per_100")
BACKGROUND_COLUMNS = ("year", "country_background", "occupation", "label", "out_migrants",
                      "population", "rate_per_100")
BIRTHPLACE_FAMILY_COLUMNS = ("year", "destination", "attribute", "category", "label",
                             "out_migrants", "population", "rate_per_100")
DESTINATION_COLUMNS = ("year", "level", "destination_code", "destination_name",
                       "out_migrants", "share_pct", "rank", "in_ba_region", "status")
DESTINATION_STATUS: tuple[str, ...] = ("published", "suppressed", "zero")
"""``status`` of a destinations.csv row: a published count > 0, a suppressed small count
(empty ``out_migrants``) or no out-migrants (0)."""
DECOMPOSITION_COLUMNS = ("destination", "attribute", "category", "label",
                         "baseline_population", "focus_population", "baseline_out_migrants",
                         "focus_out_migrants", "baseline_rate_per_100", "focus_rate_per_100",
                         "size_effect", "composition_effect", "population_effect",
                         "rate_effect", "unmatched_effect", "change", "disclosure_adjustment")
ADJUSTMENT = "DISCLOSURE_ADJUSTMENT"
MICRODATA_SOURCE = "microdata"
SYNTHETIC_SOURCE = "synthetic register (flytt synth)"
"""``source`` of the trend part from a register: a synthetic one (:func:`microdata.is_synthetic`)
or real microdata."""
"""Category of the decomposition row that reconciles the published categories of a grouping
with the published total (only under disclosure control)."""

_ORDER: dict[str, tuple[str, ...]] = {
    M.SEX: M.SEXES, M.BIRTHPLACE: M.BIRTHPLACES, M.OCCUPATION: M.OCCUPATIONS,
    M.FAMILY_TYPE: M.FAMILY_TYPES, M.IMMIGRANT_CATEGORY: M.IMMIGRANT_CATEGORIES,
}


# =========================================================================== SSB table path
_SSB_MEASURES = {
    "population": ("befolkning 1. januar", "population 1 january", "population 1st january"),
    "in_all": ("innflyttinger", "in-migration", "in-migrations"),
    "out_all": ("utflyttinger", "out-migration", "out-migrations"),
}


_OUT_ALL = {"out_all": {"out_domestic": 1, "out_abroad": 1}}
_PROTECTION: dict[str, tuple[tuple[str, ...], dict, dict]] = {
    "trend": (("moves", "population"), {}, {"rate_per_100": ("moves", "population", 100.0)}),
    "age": (("out_domestic", "out_abroad", "population"), _OUT_ALL,
            {"rate_per_100": ("out_all", "population", 100.0)}),
    "occupation": (("out_migrants", "population"), {},
                   {"rate_per_100": ("out_migrants", "population", 100.0)}),
    "destinations": (("out_migrants",), {}, {}),
}
"""Per part: count cells, derived totals and rates (per 100) for :func:`protect_part`."""
_PROTECTION["age_groups"] = _PROTECTION["age"]
_PROTECTION["background"] = _PROTECTION["birthplace_family"] = _PROTECTION["occupation"]
