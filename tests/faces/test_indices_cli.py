"""``flytt indices`` on the built-in 2011 county flows and on files."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ref
from typer.testing import CliRunner

from flytt.cli.app import app
from flytt.indices import KEYS

runner = CliRunner()


def test_json_keys_without_population_or_distances():
    result = runner.invoke(app, ["indices", "--dataset", "ssb-counties", "--year", "2011",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert set(got) <= set(KEYS)
    assert {"mei", "gini_total", "connectivity", "acv"} <= set(got)
    assert "cmi" not in got and "mean_distance" not in got


def test_flows_population_and_distance_files(tmp_path):
    # two regions: 30 moves a->b, 10 b->a; 1000 persons; 50 km apart
    flows = tmp_path / "flows.csv"
    flows.write_text("year,origin_code,destination_code,moves\n"
                     "2020,a,b,30\n2020,b,a,10\n2020,a,ABROAD,99\n2020,b,c,0\n2020,c,a,0\n",
                     encoding="utf-8")
    pop = tmp_path / "pop.csv"
    pop.write_text("year;region_code;population\n2020;a;600\n2020;b;300\n2020;c;100\n",
                   encoding="utf-8")
    dist = tmp_path / "dist.csv"
    dist.write_text("origin_code,destination_code,distance_km\na,b,50\na,c,10\nb,c,40\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["indices", "--flows", str(flows), "--population", str(pop),
                                 "--distances", str(dist), "-f", "json"])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert got["cmi"] == 100 * 40 / 1000
    assert got["mei"] == 100 * (20 + 20) / (40 + 40)
    assert got["anmr"] == 100 * 0.5 * 40 / 1000
    assert got["mean_distance"] == 50.0


def test_bad_distance_file_is_a_clear_error(tmp_path):
    flows = tmp_path / "flows.csv"
    flows.write_text("year,origin_code,destination_code,moves\n2020,a,b,3\n2020,b,a,1\n")
    dist = tmp_path / "dist.csv"
    dist.write_text("origin_code,destination_code,distance_km\na,b,far\n")
    proc = subprocess.run([sys.executable, "-m", "flytt.cli.app", "indices", "--flows",
                           str(flows), "--distances", str(dist)], capture_output=True,
                          text=True, check=False)
    assert proc.returncode == 2
    assert "dist.csv" in proc.stderr and "row 2" in proc.stderr and "far" in proc.stderr
    assert "Traceback" not in proc.stderr


def seed_county_population_2011(path) -> int:
    """1 January 2011 population of the 19 counties from SSB table 07459 (mirror export),
    written as a population file; returns the sum. (The export lacks a few merged
    municipalities, see its PROVENANCE.md, so the sum is below the national population.)"""
    import csv

    totals: dict[str, int] = {}
    src = ref("ssb-population-2010-2014")
    with src.open(encoding="latin-1", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            county = row["region"][:2]
            totals[county] = totals.get(county, 0) + int(row["Persons 2011"])
    with open(path, "w", encoding="utf-8") as f:
        f.write("year,region_code,population\n")
        for county, persons in sorted(totals.items()):
            f.write(f"2011,{county},{persons}\n")
    return sum(totals.values())


@pytest.mark.slow
def test_seed_counties_with_population_distances_and_figures(tmp_path):
    import math

    pop_file = tmp_path / "population.csv"
    persons = seed_county_population_2011(pop_file)
    result = runner.invoke(app, ["indices", "-d", "ssb-counties", "-y", "2011",
                                 "--population", str(pop_file), "--distances", "centroids",
                                 "-f", "json", "--figures", str(tmp_path / "fig")])
    assert result.exit_code == 0, result.output
    got = json.loads(result.stdout)
    assert list(got) == list(KEYS)
    # 131 711 moves between counties in 2011 (SSB's table minus diagonal and abroad)
    assert got["cmi"] == 100 * 131711 / persons
    assert got["courgeau_k"] == got["cmi"] / math.log(19**2)
    assert 100 < got["mean_distance"] < 600 and got["distance_decay"] < 0
    for name in ("chord", "distance_decay", "scale"):
        assert (tmp_path / "fig" / f"{name}.png").stat().st_size > 10_000


@pytest.mark.parametrize("rows, message", [
    ("2020,a,b,0\n2020,b,a,0\n", "at least two regions"),
    ("2020,a,ABROAD,5\n", "only moves to or from abroad"),
])
def test_no_flows_between_regions_is_a_clear_error(tmp_path, rows, message):
    flows = tmp_path / "flows.csv"
    flows.write_text("year,origin_code,destination_code,moves\n" + rows, encoding="utf-8")
    proc = subprocess.run([sys.executable, "-m", "flytt.cli.app", "indices", "--flows",
                           str(flows), "-f", "json"], capture_output=True, text=True,
                          check=False)
    assert proc.returncode == 2 and message in proc.stderr and "Traceback" not in proc.stderr


def test_two_regions_give_valid_json(tmp_path):
    flows = tmp_path / "flows.csv"
    flows.write_text("year,origin_code,destination_code,moves\n2020,a,b,3\n2020,b,a,1\n")
    result = runner.invoke(app, ["indices", "--flows", str(flows), "-f", "json"])
    got = json.loads(result.stdout, parse_constant=lambda c: pytest.fail(f"{c} is not JSON"))
    assert got["mei"] == 50.0 and got["mwg_orig"] == 0.0


def test_population_of_another_year_lists_plain_years(tmp_path):
    """The years in the message are plain numbers, not numpy reprs (np.int64(2023))."""
    pop = tmp_path / "pop.csv"
    pop.write_text("year,region_code,population\n2023,03,700000\n2023,11,500000\n")
    proc = subprocess.run([sys.executable, "-m", "flytt.cli.app", "indices", "-d",
                           "ssb-counties", "-y", "2011", "--population", str(pop)],
                          capture_output=True, text=True, check=False)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert "no population for 2011; years in the file: 2023" in proc.stderr
    assert "np." not in proc.stderr and "int64" not in proc.stderr


def test_population_of_several_years_asks_for_one_in_plain_years(tmp_path):
    from flytt.errors import InputError
    from flytt.indices.inputs import population_totals

    pop = tmp_path / "pop.csv"
    pop.write_text("year,region_code,population\n2023,03,7\n2022,03,6\n2023,11,5\n")
    with pytest.raises(InputError, match=r"covers years 2022, 2023; choose one") as err:
        population_totals(pop)
    assert "np." not in str(err.value)
    assert population_totals(pop, 2022).to_dict() == {"03": 6.0}
