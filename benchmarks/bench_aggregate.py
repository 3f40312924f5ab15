"""Benchmark: aggregating synthetic move records with flytt vs hand-written DuckDB SQL vs
pandas, on the same Parquet (never part of the test suite).

    python benchmarks/bench_aggregate.py generate --data /tmp/flytt-bench --sizes 10M,50M,200M
    python benchmarks/bench_aggregate.py run --data /tmp/flytt-bench --sizes 10M,50M,200M \\
        [--spark 50M]

``generate`` writes one synthetic register per size (moves only; about 0.70 moves per person
over 2010–2020) to ``DATA/<size>/``. ``run`` times, for each size, the two queries — year ×
origin × destination flows, and balances per municipality and year — each in a fresh
subprocess (so peak RSS is per query and engine): ``flytt`` (flytt.engine, DuckDB),
``duckdb-sql`` (the same result written by hand in DuckDB SQL), ``pandas`` (read the needed
columns with pyarrow, ``groupby``) and optionally ``spark`` (flytt.engine on local Spark).
It prints rows/s, the ratio of flytt's time to each baseline and peak RSS (psutil, the
process and its children, sampled every 50 ms).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

MOVES_PER_PERSON = 0.70
"""Moves per person in Norway on 1 January 2010 over 2010–2020 (measured on the generator)."""
YEARS = range(2010, 2021)


def size_of(text: str) -> int:
    text = text.strip().upper()
    mult = {"K": 10**3, "M": 10**6, "G": 10**9}.get(text[-1], 1)
    return int(float(text.rstrip("KMG")) * mult)


def generate(data: Path, sizes: list[str], seed: int) -> None:
    from flytt.synth import synthesize

    for label in sizes:
        persons = round(size_of(label) / MOVES_PER_PERSON)
        start = time.perf_counter()
        result = synthesize(data / label, persons=persons, years=YEARS, seed=seed,
                            population=False, overwrite=True,
                            progress=lambda d, n, label=label: print(
                                f"\r{label}: {d:,}/{n:,} persons", end="", file=sys.stderr))
        print(f"\n{label}: {result.moves:,} moves of {persons:,} persons in "
              f"{time.perf_counter() - start:.0f} s ({result.geography})", file=sys.stderr)


# ----------------------------------------------------------------------------- the methods
def _glob(moves: Path) -> str:
    return str(moves / "**" / "*.parquet")


HAND_SQL = {
    "flows": "SELECT year, origin, destination, count(*) AS moves FROM read_parquet('{glob}', "
             "hive_partitioning = true) GROUP BY ALL ORDER BY ALL",
    "balances": """
        WITH f AS (SELECT year, origin, destination, count(*) AS n
                   FROM read_parquet('{glob}', hive_partitioning = true)
                   WHERE origin <> destination GROUP BY ALL),
        s AS (SELECT year, destination AS region_code, n, origin = 'ABROAD' AS abroad, 1 AS dir
              FROM f WHERE destination <> 'ABROAD'
              UNION ALL
              SELECT year, origin, n, destination = 'ABROAD', -1 FROM f WHERE origin <> 'ABROAD')
        SELECT year, region_code,
               sum(n) FILTER (dir = 1) AS in_all,
               sum(n) FILTER (dir = 1 AND abroad) AS in_abroad,
               sum(n) FILTER (dir = 1 AND NOT abroad) AS in_internal,
               sum(n) FILTER (dir = -1) AS out_all,
               sum(n) FILTER (dir = -1 AND abroad) AS out_abroad,
               sum(n) FILTER (dir = -1 AND NOT abroad) AS out_internal,
               sum(n * dir) AS net_all,
               sum(n * dir) FILTER (abroad) AS net_abroad,
               sum(n * dir) FILTER (NOT abroad) AS net_internal
        FROM s GROUP BY ALL ORDER BY ALL""",
}


def _pandas(moves: Path, query: str):
    import pyarrow.dataset as ds

    frame = ds.dataset(moves, format="parquet", partitioning="hive").to_table(
        columns=["year", "origin", "destination"]).to_pandas()
    flows = frame.groupby(["year", "origin", "destination"], observed=True).size()
    if query == "flows":
        return flows.reset_index(name="moves")
    f = flows.reset_index(name="n")
    f = f[f["origin"] != f["destination"]]
    inn = f[f["destination"] != "ABROAD"].assign(abroad=lambda d: d["origin"] == "ABROAD")
    out = f[f["origin"] != "ABROAD"].assign(abroad=lambda d: d["destination"] == "ABROAD")
    i = inn.pivot_table(index=["year", "destination"], columns="abroad", values="n",
                        aggfunc="sum", fill_value=0)
    o = out.pivot_table(index=["year", "origin"], columns="abroad", values="n", aggfunc="sum",
                        fill_value=0)
    i.index.names = o.index.names = ["year", "region_code"]
    bal = i.add_suffix("_in").join(o.add_suffix("_out"), how="outer").fillna(0)
    return bal.reset_index()


def one(method: str, query: str, moves: Path) -> dict:
    """Run one method once in this process; returns seconds and result rows."""
    if method == "flytt" or method == "spark":
        from flytt import engine

        run = engine.aggregate if query == "flows" else engine.balances
        by = ["year", "origin", "destination"] if query == "flows" else ["year"]
        eng = "duckdb" if method == "flytt" else "spark"
        if eng == "spark":
            from flytt.engine import spark_backend

            spark_backend.session(None)  # start the JVM before the clock
        else:  # libraries are imported before the clock, as for the hand-written SQL
            import pyarrow.parquet  # noqa: F401

            from flytt.engine import duckdb_backend  # noqa: F401
        start = time.perf_counter()
        table = run(moves, by, engine=eng)
        rows = table.num_rows
    elif method == "duckdb-sql":
        import duckdb

        start = time.perf_counter()
        con = duckdb.connect()
        table = con.sql(HAND_SQL[query].format(glob=_glob(moves))).to_arrow_table()
        rows = table.num_rows
    elif method == "pandas":
        start = time.perf_counter()
        rows = len(_pandas(moves, query))
    else:
        raise ValueError(method)
    return {"seconds": time.perf_counter() - start, "rows": rows}


def measure(method: str, query: str, moves: Path) -> dict:
    """Run :func:`one` in a fresh subprocess, sampling the peak RSS of its process tree."""
    import psutil

    proc = subprocess.Popen([sys.executable, __file__, "one", "--method", method, "--query",
                             query, "--moves", str(moves)], stdout=subprocess.PIPE, text=True)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            rss = ps.memory_info().rss + sum(c.memory_info().rss
                                             for c in ps.children(recursive=True))
            peak = max(peak, rss)
        except psutil.Error:
            pass
        time.sleep(0.05)
    out = proc.stdout.read()
    if proc.returncode != 0:
        raise RuntimeError(f"{method} {query} failed")
    return json.loads(out.strip().splitlines()[-1]) | {"peak_rss_gb": peak / 2**30}


def moves_in(moves: Path) -> int:
    import pyarrow.parquet as pq

    return sum(pq.ParquetFile(f).metadata.num_rows for f in moves.glob("**/*.parquet"))


def run(data: Path, sizes: list[str], spark_sizes: list[str], pandas_max: int,
        repeats: int) -> None:
    print(f"{'size':>6} {'query':>9} {'method':>11} {'seconds':>8} {'Mrows/s':>8} "
          f"{'flytt/this':>10} {'peak RSS GB':>11}")
    for label in sizes:
        moves = data / label / "moves"
        n = moves_in(moves)
        for query in ("flows", "balances"):
            methods = ["flytt", "duckdb-sql", "pandas"] + (["spark"] if label in spark_sizes
                                                            else [])
            results: dict[str, dict] = {}
            for method in methods:
                if method == "pandas" and n > pandas_max:
                    print(f"{label:>6} {query:>9} {method:>11} skipped: {n / 1e6:.0f}M rows "
                          f"exceed --pandas-max {pandas_max / 1e6:.0f}M (pandas holds all rows "
                          "in memory; see the RSS measured at smaller sizes)")
                    continue
                reps = repeats if method in ("flytt", "duckdb-sql") else 1
                runs = [measure(method, query, moves) for _ in range(reps)]
                best = min(runs, key=lambda r: r["seconds"])
                best["peak_rss_gb"] = max(r["peak_rss_gb"] for r in runs)
                results[method] = best
                ratio = results["flytt"]["seconds"] / best["seconds"]
                print(f"{label:>6} {query:>9} {method:>11} {best['seconds']:8.2f} "
                      f"{n / best['seconds'] / 1e6:8.1f} {ratio:10.2f} "
                      f"{best['peak_rss_gb']:11.2f}", flush=True)
            rows = {r["rows"] for r in results.values()}
            assert len(rows) == 1, f"methods disagree on the result size: {results}"
        print(f"{label:>6}: {n:,} moves; flytt/this < 1 means flytt is faster", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("--data", type=Path, required=True)
    gen.add_argument("--sizes", default="10M,50M,200M")
    gen.add_argument("--seed", type=int, default=1)
    bench = sub.add_parser("run")
    bench.add_argument("--data", type=Path, required=True)
    bench.add_argument("--sizes", default="10M,50M,200M")
    bench.add_argument("--spark", default="50M", help="sizes also run on Spark (local)")
    bench.add_argument("--pandas-max", default="60M", help="skip pandas above this many rows")
    bench.add_argument("--repeats", type=int, default=2)
    single = sub.add_parser("one")
    single.add_argument("--method", required=True)
    single.add_argument("--query", required=True)
    single.add_argument("--moves", type=Path, required=True)
    args = parser.parse_args()
    if args.cmd == "generate":
        generate(args.data, args.sizes.split(","), args.seed)
    elif args.cmd == "run":
        run(args.data, args.sizes.split(","), args.spark.split(","), size_of(args.pandas_max),
            args.repeats)
    else:
        print(json.dumps(one(args.method, args.query, args.moves)))


if __name__ == "__main__":
    main()
