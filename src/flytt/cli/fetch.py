"""``flytt fetch ssb-table|ssb|data`` and ``flytt cache``: Statistics Norway's StatBank and
the data registry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Literal

import typer

from .common import DbOption, OutOption

if TYPE_CHECKING:
    from flytt.ssb.query import OutputFormat, OutputValues

BaseUrlOption = Annotated[
    str | None,
    typer.Option("--base-url", envvar="FLYTT_SSB_URL", help="StatBank API root. Default: "
                 "FLYTT_SSB_URL, else https://data.ssb.no/api/pxwebapi/v2.",
                 show_default=False),
]
RefreshOption = Annotated[
    bool, typer.Option("--refresh", help="Download again even if the answer is cached.")]
OfflineOption = Annotated[
    bool, typer.Option("--offline", help="Use only cached answers (FLYTT_CACHE_DIR, else the "
                       "user cache); fail clearly if one is missing.")]
LangOption = Annotated[
    str, typer.Option("--lang", help="Label language: en, or nb (StatBank's 'no') for Norwegian.")]


def _client(base_url: str | None, refresh: bool, offline: bool):
    from flytt.ssb import StatBank

    return StatBank(base_url, refresh=refresh, offline=offline)


def _progress_callback(progress, description: str):
    state: dict[str, int] = {}

    def on_part(done: int, total: int) -> None:
        if "task" not in state:
            state["task"] = progress.add_task(description, total=total)
        progress.update(state["task"], completed=done)

    return on_part


_STATBANK_LANG: dict[str, Literal["en", "no"]] = {"en": "en", "nb": "no", "no": "no"}
_API_FORMATS: dict[str, OutputFormat] = {"json-stat2": "json-stat2", "csv": "csv", "px": "px",
                                         "parquet": "parquet"}
_OUTPUT_VALUES: dict[str, OutputValues] = {"aggregated": "aggregated", "single": "single"}


def _lang(lang: str) -> Literal["en", "no"]:
    """flytt's language codes (nb, en) to StatBank's (no, en); StatBank's own 'no' works too."""
    if lang not in _STATBANK_LANG:
        raise typer.BadParameter("use en or nb", param_hint="--lang")
    return _STATBANK_LANG[lang]


def register(app: typer.Typer) -> None:
    fetch_app = typer.Typer(help="Fetch data: SSB StatBank tables and recipes, registry files.",
                            no_args_is_help=True)

    @fetch_app.command("ssb-table")
    def ssb_table(
        table_id: Annotated[str, typer.Argument(help="StatBank table number, e.g. 07459.",
                                                show_default=False)],
        select: Annotated[list[str] | None, typer.Option(
            "--select", "-s", help="VARIABLE=CODES, repeatable. CODES: a comma list and/or "
            "*, 03*, ??, top(n), bottom(n), from(x), to(x), range(x,y). Variables left out "
            "are eliminated (totals) when the table allows it; else all values (time: the "
            "latest period).")] = None,
        codelist: Annotated[list[str] | None, typer.Option(
            "--codelist", help="VARIABLE=CODELIST, e.g. Region=agg_KommSummer or "
            "Region=vs_Fylker.")] = None,
        output_values: Annotated[list[str] | None, typer.Option(
            "--output-values", help="VARIABLE=aggregated|single, for agg_ codelists.")] = None,
        api_format: Annotated[str, typer.Option(
            "--api-format", help="Format asked of the API: json-stat2, csv, px or parquet "
            "(where the server offers it; the output is the same tidy CSV).")] = "json-stat2",
        out: OutOption = None,
        to_store: Annotated[bool, typer.Option(
            "--store", help="Load into the store as table ssb_<TABLE_ID> instead of "
            "writing CSV.")] = False,
        db: DbOption = None,
        lang: LangOption = "en",
        base_url: BaseUrlOption = None,
        refresh: RefreshOption = False,
        offline: OfflineOption = False,
    ) -> None:
        """Any StatBank table as tidy CSV (or into the store): per dimension D the columns
        D (code) and D_label, then value. Queries above 800,000 cells are split
        automatically."""
        import sys

        from rich.progress import Progress

        from flytt.output import csv_text, write_file
        from flytt.ssb import Query, parse_select

        if api_format not in _API_FORMATS:
            raise typer.BadParameter("json-stat2, csv, px or parquet", param_hint="--api-format")
        pairs = {k: v[0] for k, v in parse_select(codelist or []).items()}
        asked = {k: v[0] for k, v in parse_select(output_values or []).items()}
        bad = [v for v in asked.values() if v not in _OUTPUT_VALUES]
        if bad:
            raise typer.BadParameter(f"{bad[0]}: use aggregated or single",
                                     param_hint="--output-values")
        ovals = {k: _OUTPUT_VALUES[v] for k, v in asked.items()}
        query = Query(table_id, parse_select(select or []), pairs, ovals, _lang(lang),
                      _API_FORMATS[api_format])
        with _client(base_url, refresh, offline) as client, \
                Progress(transient=True, disable=out is None and not to_store) as progress:
            result = client.data(query, on_part=_progress_callback(
                progress, f"table {table_id}"))
        if to_store:
            from flytt.ssb.recipes import store_table

            typer.echo(store_table(result.frame, f"ssb_{table_id.lower()}",
                                   str(db) if db else None))
            return
        if out is None:
            result.frame.to_csv(sys.stdout, index=False)
            return
        write_file(out, csv_text(result.frame))
        typer.echo(f"Wrote {len(result.frame):,} rows of table {table_id} to {out} "
                   f"({result.parts} request(s), {result.from_cache} from cache)", err=True)

    @fetch_app.command("ssb")
    def ssb_recipe(
        recipe: Annotated[str, typer.Argument(
            help="population (07459), changes (01222), immigrant-streams (07210), "
                 "region-levels (09587) or jobs (13470).", show_default=False)],
        years: Annotated[str, typer.Option("--years", "-y", help="YEAR or FIRST-LAST, e.g. "
                                           "2010-2024.")] = "2024",
        table: Annotated[str | None, typer.Option(
            "--table", help="Use another StatBank table with the same layout (e.g. for "
            "employment by place of work).")] = None,
        out: Annotated[Path | None, typer.Option(
            "--out", "-o", help="Write CSV here instead of loading into the store.")] = None,
        db: DbOption = None,
        lang: LangOption = "en",
        base_url: BaseUrlOption = None,
        refresh: RefreshOption = False,
        offline: OfflineOption = False,
    ) -> None:
        """Run a recipe and load the answer into the store (or --out CSV)."""
        from rich.progress import Progress

        from flytt.output import csv_text, write_file
        from flytt.ssb import recipes

        first_last = recipes.parse_years(years)
        with _client(base_url, refresh, offline) as client, Progress(transient=True) as progress:
            result = recipes.run(client, recipe, first_last, table=table, lang=_lang(lang),
                                 on_part=_progress_callback(progress, f"{recipe} {years}"))
        if out is not None:
            write_file(out, csv_text(result.frame))
            typer.echo(f"Wrote {len(result.frame):,} rows to {out}", err=True)
            return
        source = f"SSB StatBank table {result.table} ({years})"
        typer.echo(recipes.store(result, str(db) if db else None, source=source))

    @fetch_app.command("data")
    def data_file(
        keys: Annotated[list[str] | None, typer.Argument(
            help="Registry keys (omit to list them).", show_default=False)] = None,
        every: Annotated[bool, typer.Option(
            "--all", help="Every file the product uses (with --tests: the tests' too).")] = False,
        tests: Annotated[bool, typer.Option(
            "--tests", help="With --all or alone in the listing: the test suite's reference "
            "files (Telemarksforsking inputs, seed transcriptions, benchmark sets).")] = False,
        refresh: RefreshOption = False,
    ) -> None:
        """Download and verify registry files (boundaries, code histories, BA regions, SSB
        population exports); prints each local path. FLYTT_DATA_MIRROR = offline mirror.
        Downloads go to the user cache, laid out like a mirror: point FLYTT_DATA_MIRROR at
        the folder printed last to use the copy on a machine without network."""
        from flytt import registry

        if every:
            keys = registry.keys(test_only=None if tests else False)
        if not keys:
            shown = registry.keys(test_only=None if tests else False)
            for e in (registry.entry(k) for k in shown):
                where = "" if e.url else "  [mirror only]"
                size = f"{e.size / 1e6:5.2f} MB"
                typer.echo(f"{e.key:28} {size}  {e.description}{where}")
            if not tests:
                typer.echo("(--tests lists the test suite's reference files too)", err=True)
            return
        failed = registry.fetch_all(keys, refresh=refresh)
        for key in keys:
            if key in failed:
                typer.echo(f"{key}: {failed[key]}", err=True)
            else:
                typer.echo(registry.local_path(key))
        if len(keys) > 1:
            typer.echo(f"{len(keys) - len(failed)} of {len(keys)} files verified in "
                       f"{registry.data_root()}", err=True)
        if failed:
            raise typer.Exit(1)

    app.add_typer(fetch_app, name="fetch")

    cache_app = typer.Typer(help="What is cached from StatBank (FLYTT_CACHE_DIR, else the "
                            "user cache): show it, or clear it.", invoke_without_command=True)

    @cache_app.callback()
    def cache_list(ctx: typer.Context, base_url: BaseUrlOption = None) -> None:
        """Every cached StatBank answer: what it is, the table, when it was fetched (UTC),
        how old it is and its size. Metadata are revalidated after a day; data are reused
        while the table's 'updated' time is unchanged."""
        if ctx.invoked_subcommand is not None:
            return
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        client = _client(base_url, False, True)
        entries = list(client.cache.entries())
        console = Console()
        console.print(Text(f"Cache: {client.cache_dir} ({len(entries)} answers)"))
        if not entries:
            return
        table = Table()
        for col in ("kind", "table", "fetched (UTC)", "age", "size", "url"):
            table.add_column(col, justify="right" if col in ("age", "size") else "left")
        for e in entries:
            table.add_row(Text(str(e.meta.get("kind", ""))), Text(str(e.meta.get("table", ""))),
                          e.fetched.strftime("%Y-%m-%d %H:%M"), _age(e.age()),
                          f"{e.size / 1e3:,.1f} kB".replace(",", " "),
                          Text(str(e.meta.get("url", ""))[:90]))
        console.print(table)

    @cache_app.command("clear")
    def cache_clear(
        table: Annotated[str | None, typer.Option(
            "--table", help="Only this table's answers (e.g. 01222).")] = None,
        older_than: Annotated[float | None, typer.Option(
            "--older-than", min=0, help="Only answers fetched more than this many days ago."
        )] = None,
        base_url: BaseUrlOption = None,
    ) -> None:
        """Remove cached StatBank answers (all, one table's, or old ones)."""
        client = _client(base_url, False, True)
        removed = client.cache.clear(table=table,
                                     older_than=None if older_than is None else older_than * 86_400)
        typer.echo(f"Removed {removed} cached answers from {client.cache_dir}", err=True)

    app.add_typer(cache_app, name="cache")


def _age(seconds: float) -> str:
    if seconds < 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 172_800:
        return f"{seconds / 3600:.0f} h"
    return f"{seconds / 86_400:.0f} days"
