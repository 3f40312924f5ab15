"""``flytt aggregate``: count individual move records by any columns, on DuckDB or Spark."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from flytt.options import Disclosure, Engine


class QueryChoice(str, Enum):
    flows = "flows"
    balance = "balance"


def aggregate(
    moves: Annotated[Path, typer.Option("--moves", help="Move records: a register directory "
                                        "as written by flytt synth, its moves/ directory "
                                        "(year=YYYY/*.parquet) or one Parquet file.")],
    by: Annotated[str, typer.Option("--by", help="Comma-separated columns to count by: year, "
                                    "origin, destination, age, sex, birthplace, "
                                    "immigrant_category, country_background, occupation, "
                                    "family_type.")],
    out: Annotated[Path, typer.Option("--out", "-o", help="FILE.parquet or FILE.csv; columns "
                                      "= the --by columns plus moves (balance: plus "
                                      "region_code and in/out/net columns).")],
    engine: Annotated[Engine, typer.Option("--engine", help="duckdb (one machine) or "
                                                 "spark (pip install 'flytt\\[spark]'; local, or "
                                                 "--spark-master).")] = "duckdb",
    disclosure: Annotated[Disclosure, typer.Option(
        "--disclosure", help="default: suppress counts 1-4 and round the rest to base 5 "
        "(totals from published cells); none: exact counts.")] = "default",
    query: Annotated[QueryChoice, typer.Option("--query", help="flows: counts by --by; "
                                               "balance: in/out/net per municipality by --by "
                                               "(without origin/destination).")]
    = QueryChoice.flows,
    spark_master: Annotated[str | None, typer.Option(
        "--spark-master", envvar="FLYTT_SPARK_MASTER", help="Spark master (local[*], "
        "spark://host:7077) or Spark Connect URL (sc://host:15002).")] = None,
    spark_memory: Annotated[str, typer.Option(
        "--spark-memory", envvar="FLYTT_SPARK_DRIVER_MEMORY", help="Heap of the local Spark "
        "driver (spark.driver.memory).")] = "2g",
) -> None:
    """Count move records by any columns (flows), or make in/out/net balances, from
    individual-level microdata; DuckDB by default, the same queries on Spark with --engine
    spark. Disclosure control is on by default and stated in the output (Parquet metadata;
    a FILE.csv.notes.txt next to a CSV)."""
    import pyarrow.csv as pacsv
    import pyarrow.parquet as pq
    from rich.console import Console

    from flytt import engine as eng
    from flytt.errors import InputError

    columns = [c.strip() for c in by.split(",") if c.strip()]
    suffix = out.suffix.lower()
    if suffix not in (".parquet", ".csv"):
        raise InputError(f"--out must end in .parquet or .csv, not '{out.name}'")
    moves = eng.source_path(moves, "moves")  # before the spinner: a CSV is a clear error
    run = eng.aggregate if query is QueryChoice.flows else eng.balances
    console = Console(stderr=True)
    with console.status(f"aggregating on {engine}…"):
        table = run(moves, columns, engine=engine,
                    disclosure=disclosure,
                    spark_master=spark_master, spark_memory=spark_memory)
    meta = {k.decode(): v.decode() for k, v in (table.schema.metadata or {}).items()}
    from flytt.output import write_file, writing

    with writing(out) as tmp:
        if suffix == ".parquet":
            pq.write_table(table, tmp)
        else:
            pacsv.write_csv(table, tmp)
    if suffix == ".csv":
        write_file(out.with_name(out.name + ".notes.txt"),
                   "\n".join(f"{k}: {v}" for k, v in meta.items()) + "\n")
    if meta.get("flytt.synthetic") == "true":
        console.print("[bold yellow]SYNTHETIC[/] data", highlight=False)
    console.print(meta.get("flytt.disclosure", ""), highlight=False)
    console.print(f"wrote {table.num_rows:,} rows to {out}", highlight=False)


def register(app: typer.Typer) -> None:
    app.command("aggregate", short_help="Count move records (microdata) by any columns, on "
                "DuckDB or Spark, with disclosure control.")(aggregate)
