"""Human formats in Norwegian: headings, row names and number format; CSV unchanged."""

from __future__ import annotations

import io
import re

import pandas as pd
import pytest
from conftest import ref

from flytt import render
from flytt.tables import FrameTable

ENGLISH_HEADINGS = ("region code", "region name", "net total", "origin name", "origin code",
                    "in all", "in abroad", "out all", "net internal", "total", "moves",
                    "rank", "attractiveness", "Abroad")


@pytest.fixture
def table() -> FrameTable:
    frame = pd.DataFrame({"region_code": ["TOTAL", "03", "ABROAD"],
                          "region_name": ["The whole country", "Oslo", "Abroad"],
                          "in_all": [2549, 12345, 7], "net_internal": [-2000, 15, 0],
                          "rate": [5.333, 0.5, 1234.5]})
    return FrameTable("balance", "Test", frame, "Footnote.")


def test_format_number_nb():
    assert render.format_number(2549, lang="nb") == "2 549"
    assert render.format_number(5.333, 2, lang="nb") == "5,33"
    assert render.format_number(-12345.5, 1, lang="nb") == "\u221212 345,5"  # true minus
    assert render.format_number(-12345.5, 1) == "-12 345.5"
    assert render.format_number(5.333, 2) == "5.33"  # English unchanged
    assert render.format_number(12345) == "12 345"


def test_header_labels_nb_and_en(table):
    cols = ["region_code", "region_name", "net_total", "in_all", "in_abroad", "in_internal",
            "out_all", "out_abroad", "out_internal", "net_all", "net_abroad", "net_internal",
            "total", "ABROAD"]
    assert render.header_labels(table, cols) == [c.replace("_", " ") for c in cols]
    nb = render.header_labels(table, cols, lang="nb")
    assert nb[:4] == ["Kode", "Region", "Nettoflytting i alt", "Innflytting i alt"]
    assert nb[-2:] == ["I alt", "Utlandet"]
    assert "Innvandring" in nb and "Utvandring" in nb and "Nettoinnvandring" in nb
    assert not set(nb) & set(ENGLISH_HEADINGS)


def test_html_and_markdown_nb(table):
    page = render.to_html(table, standalone=False, lang="nb")
    for english in ENGLISH_HEADINGS:
        assert f"<th>{english}</th>" not in page
    assert "<td class=\"num\">5,33</td>" in page and "2 549" in page
    assert "Hele landet" in page and "Utlandet" in page and "The whole country" not in page
    md = render.to_markdown(table, lang="nb")
    assert "| Kode | Region | Innflytting i alt |" in md and "5,33" in md
    # English output as before
    assert "<th>region code</th>" in render.to_html(table, standalone=False)
    assert "5.33" in render.to_markdown(table)


def test_machine_formats_do_not_change_with_lang(table):
    assert render.render(table, "csv", lang="nb") == render.render(table, "csv")
    assert render.render(table, "csv").splitlines()[0] == \
        "region_code,region_name,in_all,net_internal,rate"
    assert render.render(table, "json-stat2", lang="nb") == render.render(table, "json-stat2")


def test_excel_headings_in_lang(table):
    # row 1 the title, then the table, an empty row and the footnote (as SSB's Excel files)
    nb = pd.read_excel(io.BytesIO(render.render(table, "xlsx", lang="nb")), header=1,
                       skipfooter=2)
    en = pd.read_excel(io.BytesIO(render.render(table, "xlsx")), header=1, skipfooter=2)
    assert list(nb.columns[:3]) == ["Kode", "Region", "Innflytting i alt"]
    assert list(en.columns[:3]) == ["region_code", "region_name", "in_all"]
    assert nb.iloc[:, 2].tolist() == [2549, 12345, 7]  # numbers stay numbers


def test_ssb_table_headings_nb():
    from flytt.api import migration_table

    table = migration_table("od", dataset="ssb-counties", year=2011)
    page = render.to_html(table, standalone=False, lang="nb")
    assert "<th>Utlandet</th>" in page and "<th>I alt</th>" in page
    assert "<th>Abroad</th>" not in page and "<th>origin name</th>" not in page


@pytest.mark.data("seed-flows-2011")
def test_cli_table_in_norwegian_terminal_and_files(tmp_path):
    """`flytt table --lang nb`: Norwegian title, headings, row names and footnote, numbers as
    published (the whole country's in-migration 2011 from seed 001's flows); the CSV
    contract is the same in both languages."""
    from typer.testing import CliRunner

    from flytt.cli.app import app

    seed = pd.read_csv(ref("seed-flows-2011"), dtype=str)
    seed = seed[seed.moves.str.isdigit() & (seed.origin_code != seed.destination_code)
                & (seed.destination_code != "ABROAD")]
    in_all = f"{seed.moves.astype(int).sum():,}".replace(",", " ")  # in-migration, all
    runner = CliRunner()
    args = ["table", "balance", "--dataset", "ssb-counties", "--year", "2011"]
    shown = runner.invoke(app, [*args, "--lang", "nb"], env={"COLUMNS": "200"})
    assert shown.exit_code == 0, shown.output
    text = shown.output
    assert "Innflytting, utflytting og nettoflytting for fylker, innenlands og utland, 2011" in text
    assert "Hele landet" in text and "20 Finnmark" in text and in_all in text
    assert "Inn-" in text and "vandring" in text  # Innvandring, as in md/html/xlsx
    assert "Flyttinger mellom kommuner i samme region er ikke med." in text
    assert "In-migration" not in text and "whole country" not in text
    md = runner.invoke(app, [*args, "--lang", "nb", "--format", "md"]).output
    assert "Innflytting i alt" in md and "Innenlands nettoflytting" in md
    csv_nb = runner.invoke(app, [*args, "--lang", "nb", "--format", "csv"]).output
    csv_en = runner.invoke(app, [*args, "--format", "csv"]).output
    assert csv_nb == csv_en
    assert csv_nb.splitlines()[0] == (
        "region_code,region_name,in_all,in_abroad,in_internal,out_all,out_abroad,"
        "out_internal,net_all,net_abroad,net_internal")
    net = runner.invoke(app, ["table", "net", "--dataset", "ssb-counties", "--year", "2005",
                              "--lang", "nb", "--format", "md"]).output
    assert "Nettoflytting mellom fylker, 2005" in net and "Nettoflytting i alt" in net


def test_terminal_table_without_a_leading_code_name_pair_shows_every_column():
    """A table that starts with ``year`` (harmonised population, say) keeps each column
    under its own heading instead of merging year and code into one unnamed label."""
    from rich.console import Console

    frame = pd.DataFrame({"year": [2019, 2020], "region_code": ["0301", "4601"],
                          "region_name": ["Oslo", "Bergen"], "population": [681067, 285911]})
    console = Console(width=100, record=True)
    console.print(render.to_rich(FrameTable("harmonized", "Harmonised", frame), lang="nb"))
    text = console.export_text()
    assert "År" in text and "Kode" in text and "Folketall" in text
    row = next(line for line in text.splitlines() if "Bergen" in line)
    assert [c.strip() for c in row.split("│")[1:5]] == ["2020", "4601", "Bergen", "285 911"]


def test_xlsx_in_norwegian_has_row_names_and_the_footnote():
    import io

    import openpyxl

    from flytt.api import migration_table
    table = migration_table("balance", dataset="ssb-counties", year=2011)
    sheet = openpyxl.load_workbook(io.BytesIO(render.render(table, "xlsx", "nb"))).active
    assert sheet.cell(row=3, column=2).value == "Hele landet"      # the TOTAL row
    assert sheet.cell(row=sheet.max_row, column=1).value == \
        "Flyttinger mellom kommuner i samme region er ikke med."
    english = openpyxl.load_workbook(io.BytesIO(render.render(
        migration_table("balance", dataset="ssb-counties", year=2011), "xlsx"))).active
    assert english.cell(row=3, column=2).value == "The whole country"


def test_narrow_terminal_cuts_long_names_and_splits_long_headings():
    from rich.console import Console

    frame = pd.DataFrame({"region_code": ["5043", "0301"],
                          "region_name": ["Raarvihke - Røyrvik og et veldig langt navn", "Oslo"],
                          "net_migration_pct": [6.75, 1.0]})
    console = Console(width=80, record=True)
    console.print(render.to_rich(FrameTable("t", "T", frame), width=80))
    text = console.export_text()
    assert "5043 Raarvihke - Røyrvik…" in text and "0301 Oslo" in text
    assert "net migration" in text and "pct" in text
    assert max(len(line) for line in text.splitlines()) <= 80


def test_barometer_and_drivers_print_norwegian_tables_with_lang_nb():
    """``--lang nb`` sets the terminal table too (not only the figures), and ``en`` is the
    default of both commands."""
    from typer.testing import CliRunner

    from flytt.cli.app import app

    runner = CliRunner()
    nb = runner.invoke(app, ["barometer", "--demo", "--lang", "nb", "--top", "3"]).output
    assert "Attraktivitetsbarometeret: kommuner" in nb and "Rang" in nb and "Folketall" in nb
    assert "Attractiveness" not in nb and "SYNTETISKE DEMODATA" in nb
    assert re.search(r"\d,\d\d", nb) and not re.search(r"\d\.\d\d", nb)  # decimal comma
    en = runner.invoke(app, ["barometer", "--demo", "--top", "3"]).output
    assert "Attractiveness barometer: municipalities" in en and "rank" in en
    drivers_nb = runner.invoke(app, ["drivers", "--demo", "--ends", "2021", "--lang", "nb"]).output
    assert "Forklaringsfaktorer" in drivers_nb and "Arbeidsplassvekst" in drivers_nb
    assert "Drivers of" not in drivers_nb


def test_core_results_follow_the_result_protocol_and_render_in_both_languages():
    from flytt.api import migration_table
    from flytt.barometer import barometer, demo_panel, drivers
    from flytt.results import Result

    panel = demo_panel()
    results = [barometer(panel, (2022, 2024)), drivers(panel, [(2019, 2021)]),
               migration_table("net", dataset="ssb-counties", year=2005)]
    for result in results:
        assert isinstance(result, Result)
        en, nb = render.to_html(result, lang="en"), render.to_html(result, lang="nb")
        assert render.title_text(result, "en") in en and render.title_text(result, "nb") in nb
        assert render.title_text(result, "en") != render.title_text(result, "nb")
        assert render.render(result, "csv", "en") == render.render(result, "csv", "nb")
