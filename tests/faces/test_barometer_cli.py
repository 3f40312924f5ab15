"""``flytt barometer`` / ``flytt drivers`` on the command line, and the barometer figures."""

from __future__ import annotations

import io
import json

import pandas as pd
import pytest
from barometer_support import run, small_panel
from typer.testing import CliRunner

from flytt.barometer import barometer, demo_panel, panel_from_frame
from flytt.cli.app import app
from flytt.i18n import text

runner = CliRunner()
CONTRACT = ["rank", "region_code", "region_name", "population", "net_migration_pct",
            "job_growth_pct", "expected_pct", "attractiveness"]


def test_csv_contract_from_a_panel_file(tmp_path):
    path = tmp_path / "panel.csv"
    small_panel().to_csv(path, index=False)
    result = runner.invoke(app, ["barometer", "--panel", str(path), "--period", "2001-2002",
                                 "--format", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout), dtype={"region_code": str})
    assert list(frame.columns) == CONTRACT
    # hand-computed: line 1.5 + 0.1 x, Cby 6 − 3.5 = 2.5 at full precision
    row = frame.set_index("region_code").loc["0103"]
    assert row["rank"] == 1 and row["attractiveness"] == pytest.approx(2.5, abs=1e-12)
    assert row["expected_pct"] == pytest.approx(3.5, abs=1e-12)


def test_groups_level_and_long_term_columns(tmp_path):
    path = tmp_path / "panel.csv"
    demo_panel().frame.to_csv(path, index=False)
    groups = tmp_path / "groups.csv"
    grouping = demo_panel().groupings["county"].frame
    grouping.to_csv(groups, index=False)
    out = tmp_path / "long.csv"
    result = runner.invoke(app, ["barometer", "--panel", str(path), "-p", "2024", "--level",
                                 "group", "--groups", str(groups), "--long-term", "--out",
                                 str(out)])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(out, dtype={"region_code": str})
    assert list(frame.columns) == CONTRACT + ["attractiveness_2016_2018",
                                              "attractiveness_2019_2021",
                                              "attractiveness_2022_2024"]
    assert set(frame["region_code"]) == set(grouping["group_code"])
    api = barometer(panel_from_frame(demo_panel().frame), (2022, 2024), level="county",
                    long_term=True).frame
    pd.testing.assert_series_equal(frame["attractiveness"], api["attractiveness"],
                                   check_exact=False, rtol=1e-12)


def test_bad_panel_is_a_clear_error_not_a_traceback(tmp_path):
    path = tmp_path / "bad.csv"
    frame = small_panel()
    frame = frame[frame["year"] > 2000]
    frame.to_csv(path, index=False)
    done = run("barometer", "--panel", str(path), "--period", "2001-2002")
    assert done.returncode == 2
    assert "2000" in done.stderr and "jobs" in done.stderr and "Traceback" not in done.stderr


@pytest.mark.parametrize("column, year, cell", [("population", 2001, 0), ("jobs", 2000, 0),
                                                 ("net_migration", 2002, "")])
def test_barometer_time_errors_name_the_file_row_and_column(tmp_path, column, year, cell):
    path = tmp_path / "zero.csv"
    frame = small_panel().sample(frac=1, random_state=3).reset_index(drop=True)  # unsorted
    at = frame.index[(frame["year"] == year) & (frame["region_code"] == "0103")][0]
    frame[column] = frame[column].astype(object)
    frame.loc[at, column] = cell
    frame.to_csv(path, index=False)
    done = run("barometer", "--panel", str(path), "--period", "2001-2002")
    assert done.returncode == 2 and "Traceback" not in done.stderr
    message = " ".join(done.stderr.split())
    assert f"{path}, row {at + 2}, column '{column}': unit 0103 (Cby), year {year}" in message


def test_demo_says_synthetic_and_top_bottom():
    result = runner.invoke(app, ["barometer", "--demo", "-p", "2022-2024", "--top", "3",
                                 "--bottom", "2", "--format", "csv",
                                 "--min-population", "1000"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout))
    assert frame["rank"].tolist()[:3] == [1, 2, 3] and len(frame) == 5
    assert frame["rank"].iloc[3] > frame["rank"].iloc[4]
    assert "SYNTHETIC" in result.stderr
    table = runner.invoke(app, ["barometer", "--demo", "-p", "2022-2024", "--top", "3"])
    assert "SYNTHETIC" in table.stdout


def test_drivers_command_html_and_csv(tmp_path):
    out = tmp_path / "drivers.html"
    result = runner.invoke(app, ["drivers", "--demo", "--ends", "2020-2022", "--out", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "Utdanningsnivå" in html and "background:" in html
    csv = runner.invoke(app, ["drivers", "--demo", "--ends", "2021-2022", "-s", "immigration",
                              "--format", "csv"])
    frame = pd.read_csv(io.StringIO(csv.stdout))
    assert list(frame.columns) == ["driver", "label", "2021", "2022"]
    assert frame["driver"].iloc[-1] == "n"


# --------------------------------------------------------------------------- figures
@pytest.mark.parametrize("lang, stream, words", [
    ("nb", "all", "nettoflytting"), ("en", "all", "net migration"),
    ("nb", "immigration", "nettoinnvandring fra utlandet"),
    ("en", "immigration", "net immigration from abroad"),
    ("nb", "domestic_immigrants", "innvandreres innenlandske nettoflytting"),
    ("en", "domestic_immigrants", "domestic net migration of immigrants"),
    ("nb", "domestic_others", "øvriges innenlandske nettoflytting"),
    ("en", "domestic_others", "domestic net migration of others"),
])
def test_figure_titles_and_axis_name_the_stream(lang, stream, words):
    from flytt.figures import barometer as fig

    result = barometer(demo_panel(), (2022, 2024), stream=stream)

    def title(spec: dict) -> str:
        text = spec["title"]["text"]
        return " ".join(text) if isinstance(text, list) else text

    scatter = fig.scatter(result, lang=lang).to_dict()
    assert words in title(scatter).lower()
    axis = scatter["layer"][0]["encoding"]["y"]["title"]
    assert axis.lower().startswith(words) and "%" in axis
    for which in ("top", "bottom"):
        assert words in title(fig.bars(result, n=5, which=which, lang=lang).to_dict()).lower()
    assert words in title(fig.quintile_map(result, lang=lang).to_dict()).lower()
    if stream == "immigration":  # no word of all net migration left
        other = text("stream.all", lang)
        assert other not in title(scatter).lower() and not axis.lower().startswith(other)


def test_scatter_highlights_the_top_five_and_draws_the_fitted_line():
    from flytt.figures import barometer as fig

    result = barometer(demo_panel(), (2022, 2024))
    spec = fig.scatter(result, lang="nb").to_dict()
    layers = spec["layer"]
    datasets = spec["datasets"]
    labelled = datasets[layers[3]["data"]["name"]]
    assert sorted(r["region_name"] for r in labelled) == sorted(result.top(5)["region_name"])
    line = datasets[layers[1]["data"]["name"]]
    fit = result.line()
    for point in line:
        assert point["net_migration_pct"] == pytest.approx(fit.intercept + fit.slope *
                                                           point["job_growth_pct"])
    assert spec["title"]["subtitle"] == "Syntetiske demodata"


def test_long_term_bars_stack_three_periods():
    from flytt.figures import barometer as fig

    result = barometer(demo_panel(), (2022, 2024), long_term=True)
    spec = fig.bars(result, n=20).to_dict()
    rows = spec["datasets"][spec["data"]["name"]]
    assert len(rows) == 60 and {r["period"] for r in rows} == {"2016-2018", "2019-2021",
                                                               "2022-2024"}
    totals = pd.DataFrame(rows).groupby("region_name")["part"].sum()
    top = result.top(20).set_index("region_name")["attractiveness"]
    pd.testing.assert_series_equal(totals.sort_index(), top.sort_index(), check_names=False)


@pytest.mark.slow
def test_maps_use_real_boundaries_and_export(tmp_path):
    from flytt import geo
    from flytt.figures import barometer as fig
    from flytt.figures import save

    panel = demo_panel()
    regional = barometer(panel, (2022, 2024), level="region")
    spec = fig.quintile_map(regional, lang="nb").to_dict()
    features = json.loads(spec["data"]["values"])
    assert len(features) == regional.frame["region_code"].nunique() == len(
        set(geo.ba_grouping(2024).mapping.values()))
    classes = pd.Series({f["properties"]["code"]: f["properties"]["class"] for f in features})
    assert (classes[regional.frame.set_index("region_code")["quintile"].eq(5).pipe(
        lambda s: s[s].index)] == "Høyeste 20 %").all()
    pair = fig.quintile_maps(regional, barometer(panel, (2022, 2024), level="region",
                                                 long_term=True), lang="nb").to_dict()
    assert [" ".join(c["title"]["text"]) for c in pair["hconcat"]] == [
        "Attraktivitet etter nettoflytting, regioner, lang sikt 2016–2024",
        "Attraktivitet etter nettoflytting, regioner, 2022–2024"]
    written = save(fig.quintile_map(barometer(panel, (2022, 2024)), lang="nb"), tmp_path / "map")
    assert [p.suffix for p in written] == [".png", ".svg", ".html"]
    assert written[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert "Høyeste 20 %" in written[1].read_text(encoding="utf-8")


@pytest.mark.slow
def test_cli_writes_figures(tmp_path):
    result = runner.invoke(app, ["barometer", "--demo", "-p", "2022-2024", "--format", "csv",
                                 "--out", str(tmp_path / "b.csv"), "--figures",
                                 str(tmp_path / "fig"), "--lang", "en"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in (tmp_path / "fig").iterdir())
    assert len(names) == 15 and "barometer-municipality-all-scatter.png" in names
    assert "barometer-net-immigration.png" in names  # fig 13: the panel has net immigration
    assert not any("intervals" in name for name in names)


def test_cli_writes_the_interval_figure_with_uncertainty(tmp_path):
    result = runner.invoke(app, ["barometer", "--demo", "-p", "2024", "--level", "county",
                                 "--uncertainty", "--draws", "50", "--format", "csv", "--out",
                                 str(tmp_path / "b.csv"), "--figures", str(tmp_path / "fig")])
    assert result.exit_code == 0, result.output
    names = {p.name for p in (tmp_path / "fig").iterdir()}
    assert {f"barometer-county-all-intervals.{ext}" for ext in ("png", "svg", "html")} <= names


def test_interval_figure_marks_published_index_interval_and_shrunk_index():
    from flytt.errors import DataError
    from flytt.figures import barometer as fig

    result = barometer(demo_panel(), (2022, 2024), uncertainty=True, draws=50)
    spec = fig.intervals(result, n=5, lang="en").to_dict()
    datasets = spec["datasets"]
    bars = datasets[spec["layer"][1]["data"]["name"]]
    points = pd.DataFrame(datasets[spec["layer"][2]["data"]["name"]])
    shown = pd.concat([result.top(5), result.bottom(5)]).sort_values("rank")
    assert [r["region_name"] for r in bars] == shown["region_name"].tolist()
    assert all(r["attractiveness_low"] <= r["attractiveness_high"] for r in bars)
    published = points[points["measure"] == "Published index"].set_index("region_name")
    shrunk = points[points["measure"] == "Shrunk index (empirical Bayes)"].set_index(
        "region_name")
    expected = shown.set_index("region_name")
    assert published["value"].to_dict() == pytest.approx(expected["attractiveness"].to_dict())
    assert shrunk["value"].to_dict() == pytest.approx(
        expected["attractiveness_shrunk"].to_dict())
    assert "90% intervals" in " ".join(spec["title"]["text"])
    with pytest.raises(DataError, match="uncertainty"):
        fig.intervals(barometer(demo_panel(), (2022, 2024)))


def test_panel_from_the_store_hand_computed(tmp_path):
    """Without --panel: population and jobs tables, net migration from the imported flows."""
    codes = ["0101", "0102", "0103", "0104"]
    pop, jobs, flows = [], [], []
    for y in (2000, 2001, 2002):
        for i, c in enumerate(codes):
            pop.append((y, c, 1000 + 100 * i))
            jobs.append((y, c, 500 + 10 * i * (y - 2000)))
            flows += [(y, "ABROAD", c, 5 + i), (y, c, "ABROAD", 3)]
            flows += [(y, c, d, (i + 1) * (j + 2)) for j, d in enumerate(codes) if d != c]
    files = {}
    for kind, rows, cols in (("population", pop, ["year", "region_code", "population"]),
                             ("jobs", jobs, ["year", "region_code", "jobs"]),
                             ("flows", flows, ["year", "origin_code", "destination_code",
                                               "moves"])):
        files[kind] = tmp_path / f"{kind}.csv"
        pd.DataFrame(rows, columns=cols).to_csv(files[kind], index=False)
    db = str(tmp_path / "store.duckdb")
    for kind, path in files.items():
        assert runner.invoke(app, ["import", kind, str(path), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["barometer", "-p", "2001-2002", "--db", db, "-f", "csv"])
    assert result.exit_code == 0, result.output
    frame = pd.read_csv(io.StringIO(result.stdout), dtype={"region_code": str})
    row = frame.set_index("region_code").loc["0101"]
    # 0101 per year: in 2·2 + 3·2 + 4·2 + 5 (abroad) = 23, out 3 + 4 + 5 + 3 (abroad) = 15
    assert row["net_migration_pct"] == pytest.approx(100 * 2 * (23 - 15) / 1000)
    assert row["job_growth_pct"] == pytest.approx(0)
    assert frame.set_index("region_code").loc["0104", "job_growth_pct"] == pytest.approx(
        100 * (560 / 500 - 1))  # jobs 500 + 10·3·(year − 2000)


# --------------------------------------------------------------------------- trial findings
def d3_area(rings: list) -> float:
    """d3-geo's geoArea of one polygon (steradians): over 2π means d3 draws the globe
    minus the polygon."""
    import math

    total = 0.0
    for ring in rings:
        pts = list(ring) + [ring[0]]
        lam0, phi0 = math.radians(pts[0][0]), math.radians(pts[0][1]) / 2 + math.pi / 4
        cos0, sin0 = math.cos(phi0), math.sin(phi0)
        for lon, lat in pts[1:]:
            lam, phi = math.radians(lon), math.radians(lat) / 2 + math.pi / 4
            d = lam - lam0
            sd = 1 if d >= 0 else -1
            cos1, sin1 = math.cos(phi), math.sin(phi)
            k = sin0 * sin1
            total += math.atan2(k * sd * math.sin(sd * d), cos0 * cos1 + k * math.cos(sd * d))
            lam0, cos0, sin0 = lam, cos1, sin1
    return 2 * (2 * math.pi + total if total < 0 else total)


def test_clockwise_repairs_bow_ties_that_d3_draws_as_the_globe():
    """The 2020 municipalities (Larvik 3814 has a self-intersecting part) came out as a
    grey square: d3 read that part as the whole globe."""
    import math

    from flytt import geo
    from flytt.figures.maps import compact, for_vega

    bow = {"type": "Feature", "properties": {"code": "x", "name": "x"},
           "geometry": {"type": "Polygon", "coordinates": [[[10, 60], [10.2, 60.1],
                                                            [10.2, 60], [10, 60.1],
                                                            [10, 60]]]}}
    fixed = for_vega({"features": [bow]})["features"][0]["geometry"]["coordinates"]
    assert len(fixed) == 2 and all(d3_area(p) < 2 * math.pi for p in fixed)
    for level in ("municipality", "county"):  # every map the report and dashboard draw
        for vintage in (2018, 2020, 2024):
            drawn = compact(for_vega(geo.boundaries(level, vintage)))
            inverted = [f["properties"]["code"] for f in drawn["features"]
                        for p in f["geometry"]["coordinates"] if d3_area(p) > 2 * math.pi]
            assert inverted == [], (level, vintage)


def test_map_uses_the_covering_vintage_and_names_uncovered_codes():
    from barometer_support import CODES_2020, vintage_panel

    from flytt.errors import NotFoundError
    from flytt.figures import barometer as fig

    result = barometer(panel_from_frame(vintage_panel(CODES_2020)), (2021, 2023))
    spec = fig.quintile_map(result).to_dict()
    coloured = {f["properties"]["code"] for f in json.loads(spec["data"]["values"])
                if f["properties"]["value"] is not None}
    assert coloured == set(CODES_2020)
    mixed = barometer(panel_from_frame(vintage_panel(CODES_2020 + ["0501"])), (2021, 2023))
    with pytest.raises(NotFoundError, match=r"not in it: 0501\. .*flytt harmonize"):
        fig.quintile_map(mixed)


def test_scatter_labels_avoid_points_and_each_other_and_title_wraps():
    from flytt.figures import barometer as fig

    result = barometer(demo_panel(), (2022, 2024))
    spec = fig.scatter(result).to_dict()
    title = spec["title"]["text"]
    assert isinstance(title, list) and len(title) == 2
    assert all(len(line) * fig.CHAR_WIDTH * fig.TITLE_SIZE <= 520 + 60 for line in title)
    # a point to the right of the labelled one: the label goes elsewhere
    pts = pd.DataFrame({"x": [0.0, 1.0, 5.0], "y": [0.0, 0.0, 5.0]})

    def to_px(x, y):
        return 10 * x + 100, 200 - 10 * y

    spots = fig.place_labels(pts, pts.iloc[[0, 1]], pd.Series(["Raarvihke - Røyrvik", "B"]),
                             to_px, 400, 300)
    px, py = to_px(pts["x"].to_numpy(), pts["y"].to_numpy())
    boxes = []
    for i, row in spots.iterrows():
        cx, cy = px[i] + row["dx"], py[i] + row["dy"]
        covered = (abs(px - cx) < row["w"] / 2 + 3) & (abs(py - cy) < row["h"] / 2 + 3)
        assert not covered.any()
        boxes.append((cx, cy, row["w"] / 2, row["h"] / 2))
    (ax, ay, aw, ah), (bx, by, bw, bh) = boxes
    assert abs(ax - bx) >= aw + bw or abs(ay - by) >= ah + bh
