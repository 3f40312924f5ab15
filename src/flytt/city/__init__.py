"""Who leaves the city: SSB's analysis of out-migration from Oslo in 2020 (seed 004) for
any municipality, focus year and baseline, from the individual move register.

Conventions
-----------
* *Out-migration* from the city: moves with ``origin`` = the city and ``destination`` ≠ the
  city; *domestic* when the destination is a Norwegian municipality, *abroad*
  (emigration) when it is ``ABROAD``.
* *Population at risk*: persons living in the city on 1 January of the year (the
  register's ``population/``). Rates are **per 100 inhabitants** of the group.
* Ages are the age recorded on the move and the age on 1 January in the population.
* The baseline is every year of an inclusive range (``2016–2019``); "baseline" values in
  the decomposition are means over those years.

:func:`analyse` (:mod:`.analysis`) reads a register directory (``DIR/moves``, ``DIR/population``, see
:mod:`flytt.microdata`) with DuckDB and hands the rows that concern the cities to the pure
core :func:`analyse_register`. :func:`trend_from_ssb_table` (:mod:`flytt.ssb.table_06913`) gives the trend part from SSB's
population-change table 06913 when no microdata exist.

The package: :mod:`.layouts` (CSV contracts), :mod:`.register` (reading), :mod:`.tabulate`
(cross-tabs and rates), :mod:`.parts` (the six parts), :mod:`.places` (names, counties, BA
regions), :mod:`.decompose` (the decomposition under disclosure control),
:mod:`.protection` (disclosure control of the parts), :mod:`.analysis` (the pure
:func:`analyse_register` and :func:`analyse`).
"""

from __future__ import annotations

from ..ssb.table_06913 import trend_from_ssb_table  # noqa: E402
from .analysis import (  # noqa: F401
    CityResult,
    analyse,
    analyse_register,
    parse_years,
)
from .decompose import (  # noqa: F401
    decomposition_part,
    published_totals,
    totals_from_trend,
)
from .layouts import (  # noqa: F401
    ADJUSTMENT,
    AGE_COLUMNS,
    AGE_GROUP_COLUMNS,
    AGE_GROUP_WIDTH,
    AGE_OPEN_GROUP,
    BACKGROUND_COLUMNS,
    BIRTHPLACE_FAMILY_ATTRIBUTES,
    BIRTHPLACE_FAMILY_COLUMNS,
    DECOMPOSITION_ATTRIBUTES,
    DECOMPOSITION_COLUMNS,
    DEFAULT_BACKGROUND,
    DESTINATION_COLUMNS,
    DESTINATION_STATUS,
    DESTINATION_TYPES,
    MICRODATA_SOURCE,
    MIN_BACKGROUND_EMIGRANTS,
    OCCUPATION_COLUMNS,
    SYNTHETIC_SOURCE,
    TREND_COLUMNS,
    TREND_FLOWS,
    DestinationType,
)
from .parts import (  # noqa: F401
    age_parts,
    background_part,
    birthplace_family_part,
    destinations_part,
    occupation_part,
    shares_and_ranks,
    trend_part,
)
from .places import (  # noqa: F401
    Places,
    places,
)
from .protection import (  # noqa: F401
    disclosure_note,
    protect_part,
    select_municipality,
)
from .register import (  # noqa: F401
    Register,
    read_register,
)
from .tabulate import (  # noqa: F401
    age_group,
    out_by,
    out_migrations,
)

__all__ = ["ADJUSTMENT", "AGE_COLUMNS", "AGE_GROUP_COLUMNS", "AGE_GROUP_WIDTH", "AGE_OPEN_GROUP", "BACKGROUND_COLUMNS", "BIRTHPLACE_FAMILY_ATTRIBUTES", "BIRTHPLACE_FAMILY_COLUMNS", "CityResult", "DECOMPOSITION_ATTRIBUTES", "DECOMPOSITION_COLUMNS", "DEFAULT_BACKGROUND", "DESTINATION_COLUMNS", "DESTINATION_STATUS", "DESTINATION_TYPES", "DestinationType", "MICRODATA_SOURCE", "MIN_BACKGROUND_EMIGRANTS", "OCCUPATION_COLUMNS", "Places", "Register", "SYNTHETIC_SOURCE", "TREND_COLUMNS", "TREND_FLOWS", "age_group", "age_parts", "analyse", "analyse_register", "background_part", "birthplace_family_part", "decomposition_part", "destinations_part", "disclosure_note", "occupation_part", "out_by", "out_migrations", "parse_years", "places", "protect_part", "published_totals", "read_register", "select_municipality", "shares_and_ranks", "totals_from_trend", "trend_from_ssb_table", "trend_part"]
