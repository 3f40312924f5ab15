"""The report: files, offline HTML, numbers equal to the core API, languages, degradation."""

from __future__ import annotations

import json
import re

import pandas as pd
import pytest
from conftest import mirror_dir

from flytt import render
from flytt.api import migration_table
from flytt.report import build_report
from flytt.report import sections as report_sections
from flytt.report.content import Note


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FLYTT_DATA_MIRROR", str(mirror_dir()))
        mp.setenv("FLYTT_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
        yield build_report(tmp_path_factory.mktemp("report-en"), lang="en")


@pytest.fixture(scope="module")
def page(report) -> str:
    return report.index.read_text(encoding="utf-8")


def _specs(page: str) -> dict[str, dict]:
    found = re.findall(r'<script type="application/json" id="spec-([^"]+)">(.*?)</script>',
                       page, flags=re.DOTALL)
    return {stem: json.loads(text.replace("<\\/", "</")) for stem, text in found}


def test_every_section_is_there_without_missing_notes(report, page):
    assert report.missing == []
    for section in report.sections:
        assert f'id="{section.id}"' in page
    assert 'class="note missing"' not in page


def test_page_is_self_contained(page):
    assert "window.vegaEmbed" in page  # the Vega bundle is inlined
    assert not re.search(r'<script[^>]+src=', page)
    assert not re.search(r'<link[^>]+href="https?:', page)
    assert "cdn.jsdelivr" not in page and "unpkg.com" not in page


def test_every_figure_has_png_svg_and_a_live_spec(report, page):
    specs = _specs(page)
    assert {"net_2005", "od_2011", "balance_2015", "map_net_internal_2011",
            "flowmap_2011"} <= set(specs)
    for stem, spec in specs.items():
        png = report.out_dir / "figures" / f"{stem}.png"
        svg = report.out_dir / "figures" / f"{stem}.svg"
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n", stem
        assert "<svg" in svg.read_text(encoding="utf-8")[:500], stem
        assert spec["$schema"].startswith("https://vega.github.io/schema/vega-lite/")


def test_tables_in_page_equal_core_api(report, page):
    balance = migration_table("balance", dataset="ssb-counties", year=2015).to_frame()
    oslo = balance[balance["region_code"] == "03"].iloc[0]
    html_table = page.split('id="table-balance_2015"')[1].split("</table>")[0]
    row = re.search(r"<td[^>]*>03</td><td[^>]*>Oslo</td>(.*?)</tr>", html_table).group(1)
    cells = re.findall(r">([^<]*)</td>", row)
    assert cells[-1] == render.format_number(oslo["net_internal"])
    assert cells[0] == render.format_number(oslo["in_all"])
    csv = (report.out_dir / "tables" / "balance_2015.csv").read_text(encoding="utf-8")
    assert csv == render.render(migration_table("balance", dataset="ssb-counties", year=2015),
                                "csv")


def test_maps_use_core_numbers(report, page):
    from flytt.datasets import load
    from flytt.flowlines import top_flows
    from flytt.indices.geography import geography_for

    counties = load("ssb-counties").flows
    lines = top_flows(counties, geography_for(counties.regions()).centroids, year=2011, top=25)
    assert {"16", "17"} <= set(lines.points["code"])  # the 19 counties of the data
    spec = _specs(page)["flowmap_2011"]
    drawn = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rule")
    data = spec["datasets"][drawn["data"]["name"]]
    assert [d["moves"] for d in data] == lines.frame["moves"].tolist()
    assert data[0]["origin_name"] == "Oslo" and data[0]["destination_name"] == "Akershus"
    choropleth = _specs(page)["map_net_internal_2011"]
    shapes = json.loads(choropleth["data"]["values"])  # GeoJSON features as one JSON string
    features = {f["properties"]["code"]: f["properties"] for f in shapes}
    assert len(features) == 19  # the counties of 1972–2017, as in SSB's tables
    balance = migration_table("balance", flows=counties, year=2011).to_frame().set_index(
        "region_code")
    for code in ("03", "16", "17", "20"):
        assert features[code]["value"] == balance.loc[code, "net_internal"]
    assert "Boundaries: the 19 counties of 1972–2017 from the data registry" in page


def test_analysis_sections_show_core_results(report, page):
    from flytt.barometer import barometer, demo_panel
    from flytt.datasets import load
    from flytt.indices import ODMatrix, summary
    from flytt.indices.geography import centroid_distances

    specs = _specs(page)
    for stem in ("barometer_scatter", "barometer_map_municipalities", "barometer_map_regions",
                 "city_trend", "city_decomposition", "city_age_schedule", "chord_2011",
                 "distance_decay_2011"):
        assert stem in specs, stem
    top = barometer(demo_panel(), (2022, 2024)).top(20)
    csv = (report.out_dir / "tables" / "barometer_top.csv").read_text(encoding="utf-8")
    assert csv.splitlines()[1].split(",")[1] == top["region_code"].iloc[0]
    assert "SYNTHETIC" in page
    m = ODMatrix.from_flows(load("ssb-counties").flows, 2011)
    mei = summary(m, distances=centroid_distances(m.codes)).to_frame().set_index("measure")
    shown = page.split('id="table-indices_2011"')[1].split("</table>")[0]
    assert f"<td class=\"num\">{mei.loc['mei', 'value']:.2f}</td>" in shown
    assert (report.out_dir / "synthetic-register").is_dir()


def test_norwegian_report(tmp_path, monkeypatch):
    monkeypatch.setattr(report_sections, "SECTION_BUILDERS", report_sections.SECTION_BUILDERS[:1])
    result = build_report(tmp_path, lang="nb")
    page = result.index.read_text(encoding="utf-8")
    assert '<html lang="nb">' in page
    assert "SSBs flyttetabeller for fylkene" in page
    assert "Møre og Romsdal" in page and "Nettoflytting mellom fylker" in page
    assert "Flytting innen og mellom fylker og mellom fylker og utlandet" in page
    assert "Innflytting, utflytting og nettoflytting for fylker, innenlands og utland" in page
    # no English column headings in the page or the Markdown/Excel files
    english = ("region code", "region name", "net total", "origin name", "origin code",
               "total", "in all", "in abroad", "in internal", "out all", "out abroad",
               "out internal", "net all", "net abroad", "net internal", "moves", "rank",
               "attractiveness", "Abroad")
    headings = set(re.findall(r"<th>([^<]*)</th>", page))
    assert not headings & set(english), headings & set(english)
    assert {"Kode", "Region", "Nettoflytting i alt", "Innvandring", "Utlandet"} <= headings
    md = (tmp_path / "tables" / "balance_2011.md").read_text(encoding="utf-8")
    assert "| Kode | Region | Innflytting i alt | Innvandring |" in md
    assert not any(f"| {e} |" in md for e in english)
    xlsx = pd.read_excel(tmp_path / "tables" / "balance_2011.xlsx", header=1)
    assert list(xlsx.columns[:3]) == ["Kode", "Region", "Innflytting i alt"]
    csv = (tmp_path / "tables" / "balance_2011.csv").read_text(encoding="utf-8")
    assert csv.startswith("region_code,region_name,in_all,")  # machine format unchanged
    # Norwegian footnotes, row names and number format
    assert "Flyttinger mellom kommuner i samme region er ikke med." in page
    assert "Moves between municipalities" not in page and "Hele landet" in page
    assert re.search(r'<td class="num">\d{1,3} \d{3}</td>', page)
    # charts: Norwegian number locale in the inline specs, embed options and the files
    for spec in _specs(page).values():
        assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert '"formatLocale":{"decimal":","' in page
    svg = (tmp_path / "figures" / "net_2005.svg").read_text(encoding="utf-8")
    assert "−2\u00a0000" in svg or "−2&#160;000" in svg or "−2 000" in svg
    assert "-2,000" not in svg and "−2,000" not in svg
    # the indices section's figures: Norwegian axis titles and titles
    indices = report_sections.indices_section(report_sections.Context("nb", tmp_path))
    specs = json.dumps([item.chart.to_dict() for item in indices.items
                        if hasattr(item, "chart")], ensure_ascii=False)
    english_figures = ("Distance (km)", "Flow net of origin and destination effects",
                       "Migration indices by number of zones", "Number of zones",
                       "Distance decay", "Total Gini", "Connectivity")
    assert not [e for e in english_figures if e in specs]
    assert "Avstand (km)" in specs and "Antall soner" in specs
    # the synthetic-data notes: Norwegian at the report layer (core constants unchanged)
    from flytt.barometer.index import SYNTHETIC_NOTE
    from flytt.i18n import t
    from flytt.synth import SYNTHETIC_LABEL

    english_synthetic = ("SYNTHETIC DEMO DATA", "SYNTHETIC DATA generated by flytt synth")
    barometer = report_sections.barometer_section(report_sections.Context("nb", tmp_path))
    top = next(i.table for i in barometer.items if getattr(i, "stem", "") == "barometer_top"
               and hasattr(i, "table"))
    assert top.footnote.startswith("SYNTETISKE DEMODATA")
    label = t("synthetic_label", "nb")
    assert label.startswith("SYNTETISKE DATA") and t("synthetic_label") == SYNTHETIC_LABEL
    assert not [e for e in english_synthetic if e in top.footnote + label]
    # the barometer tables' footnotes (ranking, uncertainty) in Norwegian
    unc = next(i.table for i in barometer.items
               if getattr(i, "stem", "") == "barometer_uncertainty" and hasattr(i, "table"))
    english_barometer = ("Attractiveness =", "net migration", "OLS line across",
                         "Intervals:", "Poisson bootstrap draws", "Shrunk:", "prior variance")
    footnotes = top.footnote + " " + unc.footnote
    assert not [e for e in english_barometer if e in footnotes]
    assert "Attraktivitet = nettoflytting" in top.footnote
    assert unc.footnote.startswith("Intervaller: de sentrale 90 %")
    assert SYNTHETIC_NOTE.text().startswith("SYNTHETIC DEMO DATA")
    monkeypatch.setitem(report_sections.CITY_REGISTER, "persons", 5000)
    city = report_sections.city_section(report_sections.Context("nb", tmp_path / "city"))
    notes = " ".join(i.text for i in city.items if isinstance(i, Note))
    assert "SYNTETISKE DATA laget av flytt synth" in notes
    assert not [e for e in english_synthetic if e in notes]


def test_norwegian_long_table_footnote_and_intro():
    from flytt.i18n import number, t
    from flytt.report.page import _shown
    from flytt.tables import FrameTable

    long = FrameTable("x", "X", pd.DataFrame({"a": range(1175)}), "avsløringskontroll: …")
    shown = _shown(long, "nb")
    assert shown.footnote.startswith("De første 30 av 1 175 radene; alle radene står i "
                                     "CSV-/Excel-filen. Avsløringskontroll")
    assert _shown(long).footnote.startswith("First 30 of 1 175 rows;")
    assert "50 000 personer" in t("sec_city_intro", "nb", persons=number(50_000, "nb"),
                                  seed=1, folder="f")
    assert "50 000 persons" in t("sec_city_intro", "en", persons=number(50_000), seed=1,
                                 folder="f")


def test_a_missing_module_becomes_a_visible_note(tmp_path, monkeypatch):
    def broken(ctx):
        import flytt.not_there  # noqa: F401

    monkeypatch.setattr(report_sections, "SECTION_BUILDERS",
                        report_sections.SECTION_BUILDERS[:1] + (("city", "sec_city", broken),))
    result = build_report(tmp_path, lang="en")
    page = result.index.read_text(encoding="utf-8")
    assert result.missing == ["Out-migration from the city"]
    assert 'class="note missing"' in page and "flytt.not_there" in page
    assert "SSB&#39;s migration tables" in page or "SSB's migration tables" in page


def test_cli_report_writes_the_folder(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from flytt.cli.app import app

    monkeypatch.setattr(report_sections, "SECTION_BUILDERS", report_sections.SECTION_BUILDERS[:1])
    out = tmp_path / "r"
    res = CliRunner().invoke(app, ["report", "--out", str(out), "--lang", "nb"],
                             env={"COLUMNS": "200"})
    assert res.exit_code == 0, res.output
    assert (out / "index.html").is_file() and (out / "tables" / "od_2011.xlsx").is_file()
    # the tables printed in the report's language, and the command's own lines too
    assert "Nettoflytting mellom fylker, 2005" in res.output and "Hele landet" in res.output
    assert "Skrev " in res.output and "Wrote" not in res.output
    bad = CliRunner().invoke(app, ["report", "--out", str(out), "--lang", "de"])
    assert bad.exit_code == 2 and "de" in bad.output


def test_an_existing_file_as_out_is_a_clear_error(tmp_path):
    """``flytt report --out my_flows.csv`` (a file) is one red line, exit 2, not a
    FileExistsError traceback; nothing is built and the file is untouched."""
    import subprocess
    import sys

    from flytt.errors import InputError
    from flytt.report import build_report

    (tmp_path / "my_flows.csv").write_text("a,b\n")
    for out in ("my_flows.csv", "my_flows.csv/rep"):
        res = subprocess.run([sys.executable, "-c", "from flytt.cli.app import main; main()",
                              "report", "--out", out, "-q"], capture_output=True, text=True,
                             cwd=tmp_path, timeout=120)
        assert res.returncode == 2, res.stderr
        assert "Traceback" not in res.stderr
        assert "error:" in res.stderr and "--out" in res.stderr and "is a file" in res.stderr
    assert (tmp_path / "my_flows.csv").read_text() == "a,b\n"
    with pytest.raises(InputError, match="is a file"):
        build_report(tmp_path / "my_flows.csv")


@pytest.mark.browser
@pytest.mark.slow
def test_report_renders_in_chromium_and_prints_pdf(report, tmp_path):
    from browser_support import open_page

    from flytt.report.pdf import print_pdf

    with open_page(report.index.resolve().as_uri()) as (page, messages):
        page.wait_for_function("document.body.dataset.ready === '1'", timeout=60_000)
        charts = page.locator("figure.chart .vega svg").count()
        assert charts == page.locator("figure.chart").count() >= 5
        page.screenshot(path=str(report.out_dir / "screenshot.png"), full_page=False)
    assert [m for m in messages if m.startswith(("error", "pageerror"))] == []
    pdf = print_pdf(report.index, tmp_path / "report.pdf")
    assert pdf.read_bytes()[:5] == b"%PDF-" and pdf.stat().st_size > 50_000
