"""Telemarksforsking's attractiveness barometer (seed 003): the index, long term, streams,
rankings and quintiles (:mod:`.index`), the input panel (:mod:`.panel`), levels
(:mod:`.levels`), uncertainty for small units (:mod:`.uncertainty`), the drivers
regressions of chapter 5 (:mod:`.drivers`) and a synthetic demo panel (:mod:`.demo`).

>>> from flytt.barometer import barometer, demo_panel
>>> result = barometer(demo_panel(), (2021, 2023))
>>> list(result.to_frame().columns)[:3]
['rank', 'region_code', 'region_name']
"""

from __future__ import annotations

from .demo import demo_panel
from .drivers import DriversResult, drivers
from .index import (
    CONTRACT_COLUMNS,
    BarometerResult,
    Line,
    barometer,
    fit_line,
    long_term_periods,
    national_series,
    parse_period,
    period_label,
    streams,
)
from .levels import LEVELS, Level
from .panel import (
    STREAM_COLUMNS,
    Panel,
    Stream,
    panel_from_frame,
    panel_from_store,
    read_panel,
    validate_panel,
)
from .uncertainty import Uncertainty

__all__ = ["barometer", "streams", "national_series", "drivers", "demo_panel",
           "BarometerResult", "DriversResult", "Line", "Panel", "Uncertainty", "Level",
           "Stream", "LEVELS", "STREAM_COLUMNS", "CONTRACT_COLUMNS", "fit_line",
           "long_term_periods", "parse_period", "period_label", "panel_from_frame",
           "panel_from_store", "read_panel", "validate_panel"]
