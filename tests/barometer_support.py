"""Small barometer panels and the CLI runner shared by the barometer tests."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd


def small_panel() -> pd.DataFrame:
    """Four units, period 2001–2002; jobs in 2000 and 2002 chosen for growth 0, 10, 20, 30 %;
    net migration 2001+2002 chosen for 1, 2, 6, 3 % of the 2001 population."""
    rows = []
    for code, name, growth, net_pct in (("0101", "Aby", 0, 1), ("0102", "Bby", 10, 2),
                                        ("0103", "Cby", 20, 6), ("0104", "Dby", 30, 3)):
        pop = 1000
        jobs0 = 500
        net_total = net_pct * pop // 100
        rows += [
            {"year": 2000, "region_code": code, "region_name": name, "population": pop,
             "net_migration": 0, "jobs": jobs0},
            {"year": 2001, "region_code": code, "region_name": name, "population": pop,
             "net_migration": net_total // 2, "jobs": jobs0},
            {"year": 2002, "region_code": code, "region_name": name, "population": pop,
             "net_migration": net_total - net_total // 2,
             "jobs": jobs0 * (100 + growth) // 100},
        ]
    return pd.DataFrame(rows)


def vintage_panel(codes: list[str], years: range = range(2019, 2024)) -> pd.DataFrame:
    """A small real-code panel (net migration and job growth vary by unit)."""
    rows = []
    for i, code in enumerate(codes):
        pop, jobs = 5000 + 700 * i, 2000 + 150 * i
        for year in years:
            rows.append({"year": year, "region_code": code, "population": pop,
                         "net_migration": (i * 7) % 11 - 3 + year % 3, "jobs": jobs})
            pop += 20 + i
            jobs += (i * 5) % 13 - 4
    return pd.DataFrame(rows)


# 2020-vintage codes of three counties: Innlandet (34, also valid in 2024), Vestland (46),
# Rogaland (11); 3401 and 3403 did not exist in 2018
CODES_2020 = ["3401", "3403", "3405", "3407", "4601", "4602", "4627", "1103", "1106", "1108"]


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flytt.cli.app", *args], check=False,
                          capture_output=True, text=True, timeout=300)
