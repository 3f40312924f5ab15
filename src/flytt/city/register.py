"""Reading the move register of the chosen cities (DuckDB over the Parquet files)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import microdata as M
from ..contracts import ABROAD
from ..errors import InputError, NotFoundError
from .tabulate import _span


# =========================================================================== results
@dataclass(frozen=True)
class Register:
    """The rows of a move register that concern some municipalities.

    ``moves`` has :data:`microdata.MOVE_COLUMNS` (moves from or to the municipalities),
    ``population`` has :data:`microdata.POPULATION_COLUMNS` (their population on 1 January).
    """

    moves: pd.DataFrame
    population: pd.DataFrame
    source: str = "register"
    synthetic: bool = False
    """Written by ``flytt synth`` (:func:`microdata.is_synthetic`)."""
    move_years: tuple[int, ...] = ()
    """Years of the whole register's moves (default: the years in ``moves``)."""
    municipalities: tuple[str, ...] = ()
    """Every municipality with a population in the whole register (default: those in
    ``population`` and ``moves``); used to suggest a code such as ``0301`` for ``301``."""

    @property
    def known(self) -> set[str]:
        """Municipality codes the register knows."""
        if self.municipalities:
            return set(self.municipalities)
        return ({str(c) for c in self.population[M.MUNICIPALITY].unique()}
                | {str(c) for c in self.moves[M.ORIGIN].unique()}
                | {str(c) for c in self.moves[M.DESTINATION].unique()}) - {ABROAD}

    @property
    def years(self) -> list[int]:
        """Years with a population at risk, within the span of years with moves."""
        moved = list(self.move_years) or [int(y) for y in self.moves[M.YEAR].unique()]
        if not moved:
            return []
        return sorted(y for y in {int(v) for v in self.population[M.YEAR].unique()}
                      if min(moved) <= y <= max(moved))


# =========================================================================== reading
def read_register(directory: str | Path, codes: Iterable[str]) -> Register:
    """Moves from or to ``codes`` and the population of ``codes`` from a register
    directory (``DIR/moves``, ``DIR/population``: Parquet, hive-partitioned by year)."""
    import duckdb

    from ..engine.duckdb_backend import parquet_source

    directory = Path(directory)
    parts = {}
    for sub in ("moves", "population"):
        path = directory / sub
        if not path.is_dir() or not any(path.rglob("*.parquet")):
            raise InputError(f"{path} holds no Parquet files; the register directory "
                             "(moves_dir) is the one `flytt synth` writes, with moves/ and "
                             "population/")
        parts[sub] = parquet_source(path, union_by_name=True)
    codes = sorted(set(codes))
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    try:
        moves = con.execute(
            f"SELECT * FROM {parts['moves']} WHERE list_contains($codes, origin) "
            "OR list_contains($codes, destination)", {"codes": codes}).df()
        population = con.execute(
            f"SELECT * FROM {parts['population']} WHERE list_contains($codes, municipality)",
            {"codes": codes}).df()
        all_years = con.execute(f"SELECT DISTINCT year FROM {parts['moves']}").fetchall()
        known = sorted(str(m) for (m,) in con.execute(
            f"SELECT DISTINCT municipality FROM {parts['population']}").fetchall())
    except duckdb.Error as exc:
        raise InputError(f"cannot read the register in {directory}: {exc}") from exc
    finally:
        con.close()
    for frame, columns, what in ((moves, M.MOVE_COLUMNS, "moves"),
                                 (population, M.POPULATION_COLUMNS, "population")):
        missing = [c for c in columns if c not in frame.columns and c != M.DATE]
        if missing:
            raise InputError(f"{directory / what} lacks column(s) {', '.join(missing)}")
    if moves.empty and population.empty:
        hints = [h for h in (_suggest(c, set(known)) for c in codes) if h]
        raise NotFoundError(f"no moves from or to and no population for {', '.join(codes)} in "
                            f"{directory} ({len(known)} municipalities, "
                            f"years {_span(sorted(int(y) for (y,) in all_years))})"
                            + (f"; {'; '.join(hints)}" if hints else ""))
    return Register(moves=_typed(moves), population=_typed(population), source=str(directory),
                    synthetic=M.is_synthetic(directory),
                    move_years=tuple(sorted(int(y) for (y,) in all_years)),
                    municipalities=tuple(known))


def _suggest(code: str, known: set[str]) -> str:
    """``did you mean 0301?`` for ``301`` (a code typed without its leading zero), else
    an empty string."""
    code = code.strip()
    if code.isdigit() and len(code) < 4 and code.zfill(4) in known:
        return f"did you mean {code.zfill(4)}?"
    return ""


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for col in out.columns:
        if col in (M.YEAR, M.AGE, M.PERSONS):
            out[col] = pd.to_numeric(out[col]).astype("int64")
        elif col not in (M.DATE, M.PERSON_ID):
            out[col] = out[col].astype(str)
    return out
