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

__all__ = [
    "CONTRACT_COLUMNS",
    "LEVELS",
    "STREAM_COLUMNS",
    "BarometerResult",
    "DriversResult",
    "Level",
    "Line",
    "Panel",
    "Stream",
    "Uncertainty",
    "barometer",
    "demo_panel",
    "drivers",
    "fit_line",
    "long_term_periods",
    "national_series",
    "panel_from_frame",
    "panel_from_store",
    "parse_period",
    "period_label",
    "read_panel",
    "streams",
    "validate_panel",
]
