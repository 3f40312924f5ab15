"""Built-in datasets shipped inside the package (no network needed).

``ssb-counties``: Statistics Norway's county tables as published, typed from the SSB
pages (see ``data/README.md``): the 2005 net-migration matrix with totals, the 2011
origin–destination matrix (within-county moves and abroad included) and the 2015
in/out/net balance. 19 counties (codes 01–12, 14–20), the structure in force 1972–2017.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources

import pandas as pd

from .. import contracts as C
from ..errors import NotFoundError
from ..flows import Flows
from ..tables import MigrationTable, balance_from_parts, net_table_from_lower


@dataclass(frozen=True)
class Dataset:
    """A built-in dataset: flows (if any) and tables as published, keyed by (kind, year)."""

    name: str
    title: str
    source: str
    licence: str
    description: str
    flows: Flows | None = None
    published: dict[tuple[str, int], MigrationTable] = field(default_factory=dict)
    synthetic: bool = False

    @property
    def years(self) -> list[int]:
        years = set(self.flows.years) if self.flows is not None else set()
        return sorted(years | {y for _, y in self.published})

    def contents(self) -> str:
        parts = []
        if self.flows is not None:
            parts.append("flows " + ", ".join(map(str, self.flows.years)))
        for kind, year in sorted(self.published):
            parts.append(f"{kind} {year} (published)")
        return "; ".join(parts)


def _read(name: str) -> pd.DataFrame:
    with resources.files(__package__).joinpath("data", name).open("r", encoding="utf-8") as f:
        return pd.read_csv(f, dtype=str, keep_default_na=False)


def _ssb_counties() -> Dataset:
    source = ("Statistics Norway (SSB), 'Migration, internal' tables 2 (2011) and 6 (2005); "
              "'Migrations, 2015' (StatBank 05541, 05426)")
    od = _read("ssb_counties_2011_od.csv")
    codes = [c for c in od.columns if c not in (C.ORIGIN, C.ORIGIN_NAME, "total")]
    long = od.melt(id_vars=[C.ORIGIN, C.ORIGIN_NAME], value_vars=codes,
                   var_name=C.DESTINATION, value_name=C.MOVES)
    long[C.MOVES] = pd.to_numeric(long[C.MOVES].replace(".", None)).astype("Int64")
    long.insert(0, C.YEAR, 2011)
    names = dict(zip(od[C.ORIGIN], od[C.ORIGIN_NAME]))
    flows = Flows.from_frame(long[[C.YEAR, C.ORIGIN, C.DESTINATION, C.MOVES]], names)

    net = _read("ssb_counties_2005_net.csv").set_index(C.REGION)
    lower = net[[c for c in net.columns if c not in (C.REGION_NAME, "net_total")]]
    # '-' is SSB's 'nil' (printed on the diagonal and for two zero cells), '' = not printed
    lower = lower.replace({"-": "0", "": None}).astype("float64")
    net2005 = net_table_from_lower(2005, lower, net["net_total"].astype("int64"),
                                   dict(zip(net.index, net[C.REGION_NAME])), source=source)

    bal = _read("ssb_counties_2015_balance.csv")
    parts = bal[bal[C.REGION] != C.TOTAL].set_index(C.REGION)
    balance2015 = balance_from_parts(2015, parts, dict(zip(bal[C.REGION], bal[C.REGION_NAME])),
                                     source=source)
    printed_total = bal[bal[C.REGION] == C.TOTAL].iloc[0]
    derived_total = balance2015.frame.iloc[0]
    for col in C.BALANCE_COLUMNS[2:]:  # the printed whole-country row must be the county sum
        assert int(printed_total[col]) == int(derived_total[col]), col
    balance2015 = replace(balance2015, frame=balance2015.frame.assign(
        **{C.REGION_NAME: bal[C.REGION_NAME].tolist()}))
    return Dataset(
        name="ssb-counties",
        title="Migration between Norway's 19 counties (SSB)",
        source=source,
        licence="CC BY 4.0 (Statistics Norway)",
        description="2005 net-migration matrix, 2011 origin-destination flows incl. within-county "
                    "moves and abroad, 2015 in/out/net balance; counties 01-20 (no 13).",
        flows=flows,
        published={("net", 2005): net2005, ("balance", 2015): balance2015},
    )


def _demo_barometer() -> Dataset:
    from ..barometer.demo import demo_dataset  # generated on first use

    return demo_dataset()


_REGISTRY: dict[str, Callable[[], Dataset]] = {"ssb-counties": _ssb_counties,
                                               "demo-barometer": _demo_barometer}


def register(name: str, loader: Callable[[], Dataset]) -> None:
    """Add a built-in dataset (used by modules that generate demo data)."""
    _REGISTRY[name] = loader


def names() -> list[str]:
    return sorted(_REGISTRY)


@cache
def load(name: str) -> Dataset:
    """Load a built-in dataset by name (see :func:`names`)."""
    try:
        loader = _REGISTRY[name]
    except KeyError as exc:
        raise NotFoundError(f"no built-in dataset '{name}'; available: {', '.join(names())}") \
            from exc
    return loader()
