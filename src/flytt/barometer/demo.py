"""A synthetic municipal panel for demonstrating the barometer without network access.

The numbers are generated (deterministically, from a seeded numpy ``Generator``) and are
NOT statistics of real places; every barometer output made from it says so. Units are the
2024 municipalities with their real codes and names, BA regions and counties when
:mod:`flytt.geo` can supply them (from the data mirror or cache), else a built-in set of
invented municipalities in the 15 real counties of 2024.

The generating model follows seed 003's story: net migration rises with job growth, a
persistent unit-level attractiveness adds to it, immigration comes in waves (high
2011–2013, low 2017–2020, high again 2022–2023) and flows are Poisson counts, so small
municipalities jump around by chance.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd

from .. import contracts as C
from ..datasets import Dataset
from ..errors import FlyttError
from ..flows import Grouping
from .panel import Panel, panel_from_frame

FIRST_YEAR, LAST_YEAR = 2009, 2024
COUNTIES_2024: dict[str, str] = {
    "03": "Oslo", "11": "Rogaland", "15": "Møre og Romsdal", "18": "Nordland",
    "31": "Østfold", "32": "Akershus", "33": "Buskerud", "34": "Innlandet", "39": "Vestfold",
    "40": "Telemark", "42": "Agder", "46": "Vestland", "50": "Trøndelag", "55": "Troms",
    "56": "Finnmark",
}
"""The counties of 2024 (SSB classification 104), used by the built-in fallback units."""
_STEMS = ("Øver", "Nord", "Sør", "Vest", "Aust", "Bjørke", "Fjell", "Lille", "Store", "Høg",
          "Dal", "Strand", "Li", "Berg", "Skog", "Vik", "Sand", "Mo", "Ås", "Lyng", "Rød",
          "Furu", "Elv", "Myr", "Å", "Kvit", "Svart", "Grøn", "Heg", "Lauv", "Ørn", "Hval",
          "Tind", "Bratt", "Kverne", "Lå", "Sel", "Brei", "Mål", "Tjønn")
_ENDINGS = ("dal", "vik", "øy", "fjord", "sund", "berg", "ås", "heim", "stad", "nes", "land",
            "eid", "bø", "haug")
# national net immigration rate (% of population per year) and job growth (%), by year
_IMMIGRATION = dict(zip(range(FIRST_YEAR, LAST_YEAR + 1),
                        (0.78, 0.85, 0.95, 0.96, 0.80, 0.75, 0.56, 0.52, 0.35, 0.35, 0.35,
                         0.20, 0.40, 1.05, 0.95, 0.75)))
_JOB_CYCLE = dict(zip(range(FIRST_YEAR, LAST_YEAR + 1),
                      (-0.6, 0.2, 1.6, 2.0, 0.9, 1.0, 0.3, 0.2, 1.1, 1.6, 1.5, -1.4, 2.8, 2.9,
                       1.2, 0.5)))


def _fallback_units(rng: np.random.Generator) -> tuple[pd.DataFrame, Grouping, Grouping]:
    """Invented municipalities (4-digit codes within the 2024 counties), regions of ~4."""
    rows, regions = [], []
    names = [stem + ending for stem in _STEMS for ending in _ENDINGS]
    names = iter(rng.permutation(names).tolist())
    for county, county_name in COUNTIES_2024.items():
        n = 1 if county == "03" else int(rng.integers(14, 31))
        for k in range(n):
            code = f"{county}{k + 1:02d}"
            name = county_name if county == "03" else next(names)
            region = f"{county}{k // 4 + 1:02d}"
            rows.append((code, name, county, county_name))
            regions.append((code, "R" + region, f"{name}regionen" if k % 4 == 0 else None))
    units = pd.DataFrame(rows, columns=[C.CODE, C.NAME, "county", "county_name"])
    reg = pd.DataFrame(regions, columns=[C.CODE, C.GROUP_CODE, C.GROUP_NAME])
    reg[C.GROUP_NAME] = reg.groupby(C.GROUP_CODE)[C.GROUP_NAME].transform("first")
    counties = Grouping.from_frame(units.rename(columns={"county": C.GROUP_CODE,
                                                         "county_name": C.GROUP_NAME}), "county")
    return (units[[C.CODE, C.NAME]], Grouping.from_frame(reg, "region"), counties)


def _real_units() -> tuple[pd.DataFrame, Grouping, Grouping]:
    """The 2024 municipalities, BA regions and counties from :mod:`flytt.geo`."""
    from .. import geo

    features = geo.boundaries("municipality", 2024)["features"]
    units = pd.DataFrame([(f["properties"]["code"], f["properties"]["name"])
                          for f in features], columns=[C.CODE, C.NAME])
    units = units.drop_duplicates(C.CODE).sort_values(C.CODE).reset_index(drop=True)
    return units, geo.ba_grouping(2024), geo.county_grouping(2024)


def _simulate(units: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    n = len(units)
    pop = np.exp(rng.normal(np.log(4500), 1.15, n)).clip(180, 180_000)
    pop[units[C.CODE].to_numpy() == "0301"] = 650_000
    integration = rng.uniform(5, 65, n)
    culture = rng.normal(0, 1, n)
    cafe = np.exp(rng.normal(np.log(0.9), 0.45, n))
    education = (rng.uniform(12, 30, n) + 4 * np.log(pop / 4500)).clip(8, 60)
    university = np.where(rng.random(n) < 0.06, rng.uniform(0.3, 3.0, n), 0.0)
    alpha = rng.normal(0, 0.45, n)  # persistent attractiveness, % of population per year
    job_trend = rng.normal(0, 0.7, n) + 0.25 * np.log(pop / 4500)
    job_sd = 0.6 + 5 / np.sqrt(pop / 1000)
    housing = (0.45 + 0.35 * alpha + 0.05 * (integration - 35) / 10).clip(0.05, None)
    jobs = pop * rng.uniform(0.35, 0.6, n)
    rows = []
    for year in range(FIRST_YEAR, LAST_YEAR + 1):
        growth = _JOB_CYCLE[year] + job_trend + rng.normal(0, job_sd)
        immigration = _IMMIGRATION[year] * (1 + 0.12 * growth).clip(0.2, 3)
        immigration = immigration * (1 - 0.004 * (integration - 35))
        domestic_imm = (0.08 * np.log(pop / 4500) + 0.004 * (integration - 35)
                        - 0.35 * _IMMIGRATION[year] + 0.1 * alpha)
        domestic_oth = (-0.55 + 0.18 * growth + 0.9 * alpha + 0.014 * (integration - 35)
                        + 0.05 * np.log(pop / 4500) + 0.12 * (cafe - 0.9) + 0.4 * (housing - 0.45))
        nets, gross = {}, np.zeros(n)
        for name, rate, turnover in (("net_immigration", immigration, 2.2),
                                     ("net_domestic_immigrants", domestic_imm, 1.6),
                                     ("net_domestic_others", domestic_oth, 7.5)):
            mean = rate / 100 * pop
            total = np.maximum(turnover / 100 * pop, np.abs(mean) + 1)
            moves_in = rng.poisson((total + mean) / 2)
            moves_out = rng.poisson((total - mean) / 2)
            nets[name] = moves_in - moves_out
            gross += moves_in + moves_out
        net = sum(nets.values())
        completions = rng.poisson(housing / 100 * pop)
        rows.append(pd.DataFrame({
            C.YEAR: year, C.REGION: units[C.CODE], C.REGION_NAME: units[C.NAME],
            C.POPULATION: np.round(pop).astype("int64"), "net_migration": net, **nets,
            "gross_migration": gross.astype("int64"), C.JOBS: np.round(jobs).astype("int64"),
            "integration": integration.round(2), "culture_index": culture.round(3),
            "cafe_density": cafe.round(3), "education_level": education.round(2),
            "university_staff": university.round(3), "housing_completions": completions,
        }))
        natural = pop * rng.normal(0.0015 + 0.0015 * np.log(pop / 4500), 0.003)
        pop = np.maximum(pop + net + natural, 50)
        jobs = np.maximum(jobs * (1 + growth / 100), 20)
    return pd.concat(rows, ignore_index=True)


@dataclass(frozen=True)
class PanelDataset(Dataset):
    """A built-in dataset holding a barometer panel."""

    panel: Panel | None = None

    @property
    def years(self) -> list[int]:
        return self.panel.years if self.panel is not None else []

    def contents(self) -> str:
        if self.panel is None:
            return ""
        years = self.panel.years
        units = self.panel.frame[C.REGION].nunique()
        return (f"barometer panel {years[0]}–{years[-1]}, {units} municipalities, streams and "
                f"drivers (flytt barometer --demo)")


def demo_dataset() -> PanelDataset:
    """``demo-barometer`` for :mod:`flytt.datasets`: the synthetic panel as a dataset."""
    panel = demo_panel()
    return PanelDataset(
        name="demo-barometer", title="Synthetic municipal panel for the barometer",
        source=panel.source, licence="CC0 (generated by flytt)",
        description="Generated numbers on real 2024 municipality codes: population, net "
                    "migration in three streams, jobs and drivers. Not real statistics.",
        synthetic=True, panel=panel)


@cache
def demo_panel(seed: int = 2011) -> Panel:
    """The synthetic municipal panel 2009–2024 (``synthetic=True``; see module docstring).

    Columns: the panel contract with the three streams, ``gross_migration`` and the drivers
    ``integration, culture_index, cafe_density, education_level, university_staff,
    housing_completions``.
    """
    rng = np.random.default_rng(seed)
    try:
        units, region, county = _real_units()
        where, vintage = "2024 municipality codes and names (Kartverket/SSB)", 2024
    except (ImportError, FlyttError):
        units, region, county = _fallback_units(rng)
        where, vintage = "invented municipalities in the 2024 counties", None
    frame = _simulate(units, rng)
    return panel_from_frame(frame, source=f"flytt synthetic demo panel (seed {seed}; {where})",
                            groupings={"region": region, "county": county}, vintage=vintage,
                            synthetic=True)


__all__ = ["COUNTIES_2024", "FIRST_YEAR", "LAST_YEAR", "PanelDataset", "demo_dataset", "demo_panel"]
