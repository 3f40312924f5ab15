"""``flytt city``: who leaves the city — SSB's out-migration analysis of Oslo 2020 (seed
004) for any municipality, focus year and baseline."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flytt.i18n import t
from flytt.options import Disclosure

from .common import LangOption


def _codes(text: str) -> list[str]:
    return [c.strip() for c in text.split(",") if c.strip()]


def register(app: typer.Typer) -> None:
    @app.command("city")
    def city_command(
        code: Annotated[str, typer.Argument(help="Municipality code, e.g. 0301 (Oslo).")],
        moves: Annotated[Path | None, typer.Option(
            "--moves", help="Register directory with moves/ and population/ (Parquet, "
            "partitioned by year), e.g. from `flytt synth`.")] = None,
        ssb_table: Annotated[Path | None, typer.Option(
            "--ssb-table", help="Without microdata: SSB table 06913 exported from StatBank "
            "as CSV; gives the trend part only.")] = None,
        focus: Annotated[int, typer.Option("--focus", help="Focus year.")] = 2020,
        baseline: Annotated[str, typer.Option(
            "--baseline", help="Baseline years, inclusive range.")] = "2016-2019",
        compare: Annotated[str, typer.Option(
            "--compare", help="Comparison municipalities for the trend, comma-separated, "
            "e.g. 4601,5001,1103,4204.")] = "",
        background: Annotated[str | None, typer.Option(
            "--background", help="Country background (ISO code) of the emigration-by-"
            "occupation figure. Default: SE, else the most common among emigrants.")] = None,
        lang: LangOption = "en",
        disclosure: Annotated[Disclosure, typer.Option(
            "--disclosure", help="Disclosure control of every output: default (small cells "
            "suppressed, counts rounded) or none.")] = "default",
        out: Annotated[Path | None, typer.Option(
            "--out", "-o", help="Output folder. Default: city-CODE-FOCUS.")] = None,
        formats: Annotated[str, typer.Option(
            "--formats", help="Figure formats, comma-separated (png, svg, html).")]
        = "png,svg",
    ) -> None:
        """Who moved out of a municipality in a focus year, where to, and how that differs
        from the baseline years, controlling for population growth.

        Writes trend.csv, age.csv, age_groups.csv, occupation.csv, background.csv,
        birthplace_family.csv, destinations.csv and decomposition.csv, a PNG/SVG per
        figure and city.html. Rates are per 100 inhabitants on 1 January.

        Example: flytt city 0301 --moves reg --focus 2020 --baseline 2016-2019
        --compare 4601,5001,1103,4204 --lang nb
        """
        from rich.console import Console

        from flytt import city as core
        from flytt.errors import InputError
        from flytt.figures import city as figures
        from flytt.figures import configure, save
        from flytt.output import csv_text, write_file

        if (moves is None) == (ssb_table is None):
            raise InputError("give the microdata with --moves DIR or SSB's table 06913 with "
                             "--ssb-table FILE (one of them)")
        fig_formats = tuple(_codes(formats))
        bad = [f for f in fig_formats if f not in ("png", "svg", "html")]
        if bad or not fig_formats:
            raise InputError(f"unknown figure format(s) {', '.join(bad) or formats!r}; use "
                             "png, svg, html")
        target = out or Path(f"city-{code}-{focus}")
        console = Console(stderr=True)
        if ssb_table is not None:
            part = core.trend_from_ssb_table(ssb_table, lang=lang)
            part = core.select_municipality(part, code)
            write_file(target / "trend.csv", csv_text(part.frame))
            name = str(part.frame["municipality_name"].iloc[0])
            chart = figures.trend_part_chart(part.frame, lang=lang,
                                             title=f"{part.title}: {name}")
            trend_files = save(configure(chart), target / "trend", formats=fig_formats,
                               locale=lang)
            src = next((p.name for p in trend_files if p.suffix in (".svg", ".png")), "")
            section = figures.section_html(part.title + f": {name}", "", [(part, src)], [],
                                           lang, part.footnote)
            write_file(target / "city.html", figures.html_page(section, part.title, lang))
            console.print(t("cli.city.wrote_trend", lang, code=code, name=name, target=target),
                          highlight=False)
            return
        assert moves is not None  # exactly one of moves and ssb_table (checked above)
        result = core.analyse(moves, code, focus=focus, baseline=core.parse_years(baseline),
                              compare=_codes(compare), background=background,
                              lang=lang, disclosure=disclosure)
        result.write_csv(target)
        written = figures.save_figures(result, target, formats=fig_formats)
        images = {n: next((p.name for p in paths if p.suffix == ".svg"), paths[0].name)
                  for n, paths in written.items()}
        write_file(target / "city.html", figures.city_page(result, images))
        console.print(figures.summary_text(result), highlight=False)
        for note in result.notes:
            console.print(f"[dim]{t('cli.city.note', lang)}: {note}[/]", highlight=False)
        console.print(t("cli.city.wrote", lang, csv=len(result.parts), figures=len(written),
                                            target=target), highlight=False)
