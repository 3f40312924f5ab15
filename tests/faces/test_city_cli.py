"""``flytt city`` end to end on the synthetic register: every file of the contract, the
figures, and clear errors (exit code 2) for bad input."""

from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest
from conftest import ref

from flytt.city import AGE_COLUMNS
from flytt.i18n import t

PARTS = ("trend", "age", "age_groups", "occupation", "background", "birthplace_family",
         "destinations", "decomposition")
FIGURES = ("trend", "age", "occupation", "background", "birthplace_family", "destinations",
           "decomposition")


@pytest.fixture(scope="module")
def register(synthetic_register):
    return synthetic_register


def _flytt(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "flytt.cli.app", *args], capture_output=True,
                          text=True, timeout=300, check=False)


@pytest.mark.slow
def test_city_command_writes_every_part_and_figure(register, tmp_path):
    out = tmp_path / "oslo"
    done = _flytt("city", "0301", "--moves", str(register), "--focus", "2020", "--baseline",
                  "2016-2019", "--compare", "4601,5001", "--lang", "nb", "--out", str(out))
    assert done.returncode == 0, done.stderr
    for name in PARTS:
        assert (out / f"{name}.csv").is_file(), name
    notes = (out / "notes.txt").read_text(encoding="utf-8")
    assert "avrundet til nærmeste 5" in notes
    assert notes.splitlines()[0] == ("flytt city 0301 (Oslo): fokusår 2020, basisår 2016-2019, "
                                     "sammenlignet med 4601, 5001")
    for name in FIGURES:
        assert (out / f"{name}.png").stat().st_size > 10_000, name
        assert "<svg" in (out / f"{name}.svg").read_text(encoding="utf-8")[:500]
    age = pd.read_csv(out / "age.csv")
    assert tuple(age.columns) == AGE_COLUMNS
    assert sorted(set(age["year"])) == [2016, 2017, 2018, 2019, 2020]
    page = (out / "city.html").read_text(encoding="utf-8")
    assert "Hvem flytter fra Oslo" in page and "age.csv" in page
    assert "avrundet til nærmeste 5" in page
    trend = pd.read_csv(out / "trend.csv", dtype={"municipality": str})
    assert set(trend["municipality"]) == {"0301", "4601", "5001"}
    assert "flyttet fra Oslo" in done.stderr
    said = " ".join(done.stderr.split())  # the command's own lines follow --lang nb
    assert "Skrev 8 CSV-filer, 7 figurer og city.html til" in said
    assert "merknad: " in said and "note: " not in said and "Wrote" not in said
    # one published total per year: the headline, trend.csv and every grouping agree
    oslo = trend[trend["municipality"] == "0301"].pivot(index="year", columns="flow",
                                                        values="moves")
    out_all = oslo["out_domestic"] + oslo["emigration"]
    base, now = out_all.loc[2016:2019].mean(), out_all.loc[2020]
    headline = " ".join(done.stderr.split())
    assert headline.startswith(f"{t('city.synthetic_note', 'nb')}. {now:.0f} personer flyttet fra Oslo "
                               f"i 2020, mot i snitt {base:.0f} per år i 2016–2019 "
                               f"({now - base:+.0f})")
    d = pd.read_csv(out / "decomposition.csv")
    totals = d[(d["category"] == "TOTAL") & (d["destination"] == "all")]
    assert len(totals) == 7
    assert (totals["change"] - (now - base)).abs().max() < 1e-9
    assert (totals["focus_out_migrants"] == now).all()
    notes = (out / "notes.txt").read_text(encoding="utf-8")
    assert "DISCLOSURE_ADJUSTMENT" in notes and "one of them is" not in notes
    destinations = pd.read_csv(out / "destinations.csv")
    assert set(destinations["status"]) <= {"published", "suppressed", "zero"}
    focus_rows = destinations[destinations["year"] == 2020]
    assert ((focus_rows["status"] == "published") == focus_rows["rank"].notna()).all()


@pytest.mark.slow
@pytest.mark.parametrize("args, words", [
    (["9999"], "9999"),
    (["301"], "did you mean 0301?"),
    (["0301", "--compare", "4601,301"], "did you mean 0301?"),
    (["0301", "--focus", "2024"], "no data"),
    (["0301", "--baseline", "2019-2016"], "empty"),
    (["0301", "--baseline", "2005-2008"], "baseline"),
])
def test_city_command_bad_input(register, tmp_path, args, words):
    done = _flytt("city", *args, "--moves", str(register), "--out", str(tmp_path / "x"))
    assert done.returncode == 2
    assert words in done.stderr and "Traceback" not in done.stderr


def test_city_command_needs_a_data_source(tmp_path):
    done = _flytt("city", "0301", "--out", str(tmp_path / "x"))
    assert done.returncode == 2 and "--moves" in done.stderr


@pytest.mark.data("ssb-06913-verdal")
def test_city_command_from_ssb_table(tmp_path):
    table = ref("ssb-06913-verdal")
    done = _flytt("city", "5038", "--ssb-table", str(table), "--out", str(tmp_path),
                  "--formats", "svg", "--lang", "nb")
    assert done.returncode == 0, done.stderr
    assert "Skrev utviklingen for 5038" in done.stderr
    trend = pd.read_csv(tmp_path / "trend.csv", dtype={"municipality": str})
    assert set(trend["flow"]) == {"in_all", "out_all"}
    assert (tmp_path / "trend.svg").is_file() and (tmp_path / "city.html").is_file()
    wrong = _flytt("city", "0301", "--ssb-table", str(table), "--out", str(tmp_path / "y"))
    assert wrong.returncode == 2 and "5038" in wrong.stderr


def test_help_lists_the_city_command():
    done = _flytt("city", "--help")
    assert done.returncode == 0 and "--baseline" in done.stdout and "--compare" in done.stdout
