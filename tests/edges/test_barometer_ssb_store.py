"""``flytt barometer`` from a store filled by the SSB recipes: net migration and the
streams from ``ssb_changes`` (01222) and ``ssb_immigrant_streams`` (07210)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from conftest import ref
from typer.testing import CliRunner

from flytt import contracts as C
from flytt.barometer import panel_from_store
from flytt.barometer.ssb_inputs import changes_by_year
from flytt.cli.app import app
from flytt.errors import DataError
from flytt.readers import validate
from flytt.ssb.recipes import store_table
from flytt.ssb.statbank_csv import read_statbank_file
from flytt.store import Store

runner = CliRunner()
CODES = {"0301": "Oslo", "1103": "Stavanger", "4601": "Bergen", "5001": "Trondheim"}
NB = {"in": ("Innflytting4", "Innflytting, innenlands"),
      "out": ("Utflytting4", "Utflytting, innenlands"),
      "imm": ("Innvandring4", "Innvandring"), "emi": ("Utvandring4", "Utvandring"),
      "births": ("Fodte2", "Levendefødte"),
      "net": ("Nettoinnflytting", "Nettoinnflytting, inkl. inn- og utvandring")}
EN = {"in": ("Innflytting4", "In-migration"), "out": ("Utflytting4", "Out-migration"),
      "imm": ("Innvandring4", "Immigration"), "emi": ("Utvandring4", "Emigration"),
      "births": ("Fodte2", "Live births"),
      "net": ("Nettoinnflytting", "Net migration including immigration and emigration")}
# Yearly (in-migration, out-migration, immigration, emigration), written down so that
# net migration 2021 + 2022 is 20, 20, 30, 120 persons: 2 %, 1 %, 6 %, 3 % of the 2021
# population (1000, 2000, 500, 4000).
YEARLY = {
    ("0301", 2021): (100, 95, 10, 7), ("0301", 2022): (120, 110, 6, 4),      # 8, 12
    ("1103", 2021): (50, 45, 5, 4), ("1103", 2022): (60, 50, 8, 4),          # 6, 14
    ("4601", 2021): (40, 30, 9, 4), ("4601", 2022): (35, 25, 8, 3),          # 15, 15
    ("5001", 2021): (200, 150, 20, 10), ("5001", 2022): (210, 160, 15, 5),   # 60, 60
} | {(c, 2020): (10, 10, 5, 5) for c in CODES}                              # 0
NET = {("0301", 2021): 8, ("0301", 2022): 12, ("1103", 2021): 6, ("1103", 2022): 14,
       ("4601", 2021): 15, ("4601", 2022): 15, ("5001", 2021): 60, ("5001", 2022): 60,
       ("0301", 2020): 0}


def changes(labels: dict[str, tuple[str, str]], *, with_net: bool = True) -> pd.DataFrame:
    """01222's long shape: every yearly number split over the quarters as v−3, 1, 1, 1."""
    rows = []
    for (code, year), (inn, out, imm, emi) in YEARLY.items():
        values = {"in": inn, "out": out, "imm": imm, "emi": emi, "births": 7,
                  "net": inn - out + imm - emi}
        for q in range(1, 5):
            for kind, total in values.items():
                if kind == "net" and not with_net:
                    continue
                content, label = labels[kind]
                rows.append((year, f"{year}K{q}", code, CODES[code], content, label,
                             total - 3 if q == 1 else 1))
    return pd.DataFrame(rows, columns=[C.YEAR, "period", C.REGION, C.REGION_NAME,
                                       "ContentsCode", "ContentsCode_label", "value"])


def streams(categories: dict[str, str], net_label: str) -> pd.DataFrame:
    """07210's long shape: internal net migration by immigration category, 2020–2022.
    Immigrants −4/year in 0301, +2 elsewhere; Norwegian-born to immigrant parents −1."""
    rows = []
    for code in CODES:
        for year in (2020, 2021, 2022):
            values = {"immigrants": -4 if code == "0301" else 2, "born": -1, "rest": 99,
                      "total": 0}
            for kind, value in values.items():
                if kind in categories:
                    rows.append((year, str(year), code, CODES[code], kind, categories[kind],
                                 "Nettoinnflytting", net_label, value))
    return pd.DataFrame(rows, columns=[C.YEAR, "period", C.REGION, C.REGION_NAME,
                                       "InnvandrKat", "InnvandrKat_label", "ContentsCode",
                                       "ContentsCode_label", "value"])


def fill_store(db: str, changes_frame: pd.DataFrame,
               streams_frame: pd.DataFrame | None = None) -> None:
    """Population (two sexes: 60/40 of the total), jobs 2020–2022 and the SSB tables.
    Jobs 2020 → 2022: +10 %, 0 %, +20 %, +30 %."""
    pop = {"0301": 1000, "1103": 2000, "4601": 500, "5001": 4000}
    jobs0 = {"0301": 500, "1103": 1000, "4601": 200, "5001": 1000}
    jobs2 = {"0301": 550, "1103": 1000, "4601": 240, "5001": 1300}
    p, j = [], []
    for year in (2020, 2021, 2022):
        for code in CODES:
            p += [(year, code, "M", pop[code] * 6 // 10), (year, code, "F", pop[code] * 4 // 10)]
            j.append((year, code, jobs2[code] if year == 2022 else jobs0[code]))
    population = pd.DataFrame(p, columns=[C.YEAR, C.REGION, C.SEX, C.POPULATION])
    job_frame = pd.DataFrame(j, columns=[C.YEAR, C.REGION, C.JOBS])
    with Store(db) as store:
        for kind, frame in (("population", population), ("jobs", job_frame)):
            typed = validate(frame.astype(str), C.INPUT_SPECS[kind], "test")
            store.import_frame(kind, typed, source="test")
    store_table(changes_frame, "ssb_changes", db)
    if streams_frame is not None:
        store_table(streams_frame, "ssb_immigrant_streams", db)


def by_unit(db: str) -> pd.DataFrame:
    return panel_from_store(db).frame.set_index([C.REGION, C.YEAR])


# --------------------------------------------------------------------------- net migration
@pytest.mark.parametrize("labels", [NB, EN], ids=["norwegian", "english"])
def test_net_migration_is_in_minus_out_plus_immigration_minus_emigration(tmp_path, labels):
    db = str(tmp_path / "store.duckdb")
    fill_store(db, changes(labels))
    frame = by_unit(db)
    for key, net in NET.items():
        assert frame.loc[key, "net_migration"] == net
    assert frame.loc[("5001", 2022), "gross_migration"] == 390     # 210 + 160 + 15 + 5
    assert frame.loc[("0301", 2021), "population"] == 1000          # 600 M + 400 F
    assert "ssb_changes" in panel_from_store(db).source
    yearly, _ = changes_by_year(changes(labels))
    assert yearly.set_index([C.REGION, C.YEAR]).loc[("0301", 2021), "net_immigration"] == 3


@pytest.mark.parametrize("labels", [NB, EN], ids=["norwegian", "english"])
def test_only_the_net_content_when_gross_contents_are_missing(tmp_path, labels):
    frame = changes(labels)
    frame = frame[~frame["ContentsCode"].isin(["Innvandring4", "Utvandring4"])]
    net, how = changes_by_year(frame)
    got = net.set_index([C.REGION, C.YEAR])["net_migration"]
    assert got[("4601", 2021)] == 15 and got[("1103", 2022)] == 14
    assert "net_immigration" not in net.columns and labels["net"][1] in how


def test_quarters_are_summed_and_incomplete_years_left_out():
    rows = [(2023, f"2023K{q}", "0301", "Oslo", code, label, v)
            for q, (i, o) in enumerate([(10, 4), (20, 5), (30, 6), (40, 7)], 1)
            for code, label, v in (("Innflytting4", "Innflytting", i),
                                   ("Utflytting4", "Utflytting", o),
                                   ("Innvandring4", "Innvandring", 1),
                                   ("Utvandring4", "Utvandring", 2))]
    rows += [(2024, "2024K1", "0301", "Oslo", "Innflytting4", "Innflytting", 50),
             (2024, "2024K1", "0301", "Oslo", "Utflytting4", "Utflytting", 1),
             (2024, "2024K1", "0301", "Oslo", "Innvandring4", "Innvandring", 1),
             (2024, "2024K1", "0301", "Oslo", "Utvandring4", "Utvandring", 1)]
    frame = pd.DataFrame(rows, columns=[C.YEAR, "period", C.REGION, C.REGION_NAME,
                                        "ContentsCode", "ContentsCode_label", "value"])
    net, _ = changes_by_year(frame)
    # (10+20+30+40) − (4+5+6+7) + 4·1 − 4·2 = 100 − 22 − 4 = 74; 2024 has one quarter only
    assert net[C.YEAR].tolist() == [2023] and net["net_migration"].tolist() == [74]


def test_contents_found_by_code_prefix_when_labels_are_unknown():
    labels = {k: (code, f"variabel {i}") for i, (k, (code, _)) in enumerate(NB.items())}
    net, _ = changes_by_year(changes(labels, with_net=False))
    assert net.set_index([C.REGION, C.YEAR]).loc[("5001", 2021), "net_migration"] == 60


def test_unidentifiable_contents_are_a_clear_error(tmp_path):
    frame = changes({k: ("X" + code, "Folketall") if k != "births" else (code, label)
                     for k, (code, label) in NB.items()}, with_net=False)
    frame["ContentsCode_label"] = frame["ContentsCode"].map(
        {"XInnflytting4": "Kvartal A", "XUtflytting4": "Kvartal B", "XInnvandring4":
         "Kvartal C", "XUtvandring4": "Kvartal D", "Fodte2": "Levendefødte"})
    db = str(tmp_path / "store.duckdb")
    fill_store(db, frame)
    with pytest.raises(DataError) as err:
        panel_from_store(db)
    message = str(err.value)
    assert "ssb_changes" in message and "'Levendefødte' (Fodte2)" in message
    assert "'Kvartal A' (XInnflytting4)" in message
    assert "in-migration, out-migration, immigration and emigration" in message


def test_gross_and_net_contents_that_disagree_are_an_error():
    frame = changes(NB)
    frame.loc[frame["ContentsCode"].eq("Innflytting4") & frame[C.REGION].eq("1103")
              & frame["period"].eq("2021K2"), "value"] = 2
    with pytest.raises(DataError, match=r"year 2021, region 1103.*= 7, .*says 6"):
        changes_by_year(frame)


@pytest.mark.data("ssb-06913-verdal")
def test_ssb_real_labels_of_06913():
    """SSB's own Norwegian labels ('Innflyttinger', 'Utflyttinger', 'Nettoinnflytting') in
    an annual table without immigration: the net content is taken, not the gross ones."""
    raw = read_statbank_file(ref("ssb-06913-verdal"))
    frame = pd.DataFrame({C.YEAR: raw["Tid"].astype(int), "period": raw["Tid"],
                          C.REGION: "5038", C.REGION_NAME: "Verdal",
                          "ContentsCode": raw["measure"], "ContentsCode_label": raw["measure"],
                          "value": raw["value"]})
    net, how = changes_by_year(frame)
    got = net.set_index(C.YEAR)["net_migration"]
    assert got[2023] == 151 and got[2024] == 232 and got[1951] == -88  # SSB's printed values
    assert "Nettoinnflytting" in how


# --------------------------------------------------------------------------- streams
@pytest.mark.parametrize("labels, categories, net_label", [
    (NB, {"immigrants": "Innvandrere", "born": "Norskfødte med innvandrerforeldre",
          "rest": "Befolkningen ellers", "total": "I alt"}, "Nettoinnflytting"),
    (EN, {"immigrants": "Immigrants", "born": "Norwegian-born to immigrant parents",
          "rest": "Rest of the population"}, "Net migration"),
], ids=["norwegian", "english"])
def test_streams_add_up(tmp_path, labels, categories, net_label):
    db = str(tmp_path / "store.duckdb")
    fill_store(db, changes(labels), streams(categories, net_label))
    panel = panel_from_store(db)
    assert panel.streams == ["all", "immigration", "domestic_immigrants", "domestic_others"]
    frame = panel.frame.set_index([C.REGION, C.YEAR])
    # 0301 2021: immigration 10 − 7 = 3; immigrant population −4 − 1 = −5; domestic
    # 100 − 95 = 5, so everyone else 5 − (−5) = 10; 3 − 5 + 10 = 8
    row = frame.loc[("0301", 2021)]
    assert (row["net_immigration"], row["net_domestic_immigrants"],
            row["net_domestic_others"]) == (3, -5, 10)
    # 5001 2022: 15 − 5 = 10; 2 − 1 = 1; 210 − 160 − 1 = 49
    row = frame.loc[("5001", 2022)]
    assert (row["net_immigration"], row["net_domestic_immigrants"],
            row["net_domestic_others"]) == (10, 1, 49)
    parts = frame[["net_immigration", "net_domestic_immigrants", "net_domestic_others"]]
    assert (parts.sum(axis=1) == frame["net_migration"]).all()


def test_combined_immigrant_category(tmp_path):
    cats = {"immigrants": "Innvandrere og norskfødte med innvandrerforeldre",
            "rest": "Befolkningen ellers"}
    db = str(tmp_path / "store.duckdb")
    fill_store(db, changes(NB), streams(cats, "Nettoinnflytting"))
    frame = by_unit(db)
    assert frame.loc[("1103", 2021), "net_domestic_immigrants"] == 2
    assert frame.loc[("1103", 2021), "net_domestic_others"] == 3   # 6 − (5 − 4) − 2


def test_unidentifiable_categories_are_a_clear_error(tmp_path):
    db = str(tmp_path / "store.duckdb")
    fill_store(db, changes(NB), streams({"immigrants": "Gruppe 1", "rest": "Gruppe 2"},
                                        "Nettoinnflytting"))
    with pytest.raises(DataError, match=r"ssb_immigrant_streams.*'Gruppe 1'.*Innvandrere"):
        panel_from_store(db)


# --------------------------------------------------------------------------- end to end
def test_cli_barometer_from_the_ssb_tables_hand_computed(tmp_path):
    db = str(tmp_path / "store.duckdb")
    fill_store(db, changes(NB))
    result = runner.invoke(app, ["barometer", "--period", "2021-2022", "--db", db,
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout), dtype={"region_code": str})
    frame = frame.set_index("region_code")
    # x = job growth 10, 0, 20, 30 (mean 15); y = net % 2, 1, 6, 3 (mean 3):
    # Sxy = (−5)(−1) + (−15)(−2) + 5·3 + 15·0 = 50, Sxx = 500 → slope 0.1, intercept 1.5
    expected = {"0301": (2.0, 10.0, 2.5, -0.5), "1103": (1.0, 0.0, 1.5, -0.5),
                "4601": (6.0, 20.0, 3.5, 2.5), "5001": (3.0, 30.0, 4.5, -1.5)}
    for code, (net_pct, growth, fitted, index) in expected.items():
        row = frame.loc[code]
        assert row["net_migration_pct"] == pytest.approx(net_pct, abs=1e-12)
        assert row["job_growth_pct"] == pytest.approx(growth, abs=1e-12)
        assert row["expected_pct"] == pytest.approx(fitted, abs=1e-12)
        assert row["attractiveness"] == pytest.approx(index, abs=1e-12)
    assert frame.loc["4601", "rank"] == 1 and frame.loc["5001", "rank"] == 4


def store_with_one_flow(tmp_path) -> str:
    """The SSB tables of :func:`fill_store` and one imported flow: 0301 → 1103, 7 moves
    in 2021."""
    db = str(tmp_path / "store.duckdb")
    fill_store(db, changes(NB))
    flows = pd.DataFrame({C.YEAR: [2021], C.ORIGIN: ["0301"], C.DESTINATION: ["1103"],
                          C.MOVES: [7]})
    with Store(db) as store:
        store.import_frame("flows", validate(flows.astype(str), C.INPUT_SPECS["flows"], "t"),
                           source="t")
    return db


def test_flows_win_over_ssb_changes(tmp_path):
    db = store_with_one_flow(tmp_path)
    panel = panel_from_store(db)
    frame = panel.frame.set_index([C.REGION, C.YEAR])
    assert frame.loc[("1103", 2021), "net_migration"] == 7 and "flows" in panel.source


def test_mixed_municipality_vintages_are_a_clear_error(tmp_path):
    db = str(tmp_path / "store.duckdb")
    frame = changes(NB)
    # 2020 in the codes of 2018–2019 (1201 Bergen before it became 4601)
    frame.loc[frame[C.YEAR].eq(2020) & frame[C.REGION].eq("4601"), C.REGION] = "1201"
    fill_store(db, frame)
    with pytest.raises(DataError, match=r"mixes municipality structures.*ssb_changes "
                                        r"2020: the 2018 municipalities.*flytt harmonize"):
        panel_from_store(db)


def test_years_the_source_does_not_cover_are_missing_not_zero(tmp_path):
    """Flows for 2021 only: 2021 nets are the flows (0 for a region without moves), 2022 has
    no net migration at all, and a period that needs it says so instead of using zeros."""
    db = store_with_one_flow(tmp_path)
    frame = by_unit(db)
    assert frame.loc[("0301", 2021), "net_migration"] == -7
    assert frame.loc[("4601", 2021), "net_migration"] == 0
    assert frame.xs(2022, level=C.YEAR)["net_migration"].isna().all()
    result = runner.invoke(app, ["barometer", "--period", "2021-2022", "--db", db])
    assert result.exit_code != 0
    assert "2022: no net_migration for any unit" in str(result.exception)


def test_changes_need_not_cover_the_year_before_the_period(tmp_path):
    """Job growth needs jobs of 2020, not net migration of 2020."""
    db = str(tmp_path / "store.duckdb")
    fill_store(db, changes(NB)[lambda f: f[C.YEAR] > 2020])
    result = runner.invoke(app, ["barometer", "--period", "2021-2022", "--db", db,
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout), dtype={"region_code": str})
    assert frame.set_index("region_code").loc["4601", "attractiveness"] == \
        pytest.approx(2.5, abs=1e-12)


def test_a_year_without_every_quarter_is_named_when_a_period_needs_it(tmp_path):
    db = str(tmp_path / "store.duckdb")
    frame = changes(NB)
    fill_store(db, frame[~frame["period"].eq("2022K4")])
    result = runner.invoke(app, ["barometer", "--period", "2021-2022", "--db", db])
    message = str(result.exception)
    assert "2022: no net_migration for any unit" in message
    assert "2022 left out: not every quarter fetched" in message
