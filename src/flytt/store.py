"""The embedded store: one DuckDB database file holding flows, population, jobs,
groupings and regions.

Location: ``--db PATH`` on the CLI, else the environment variable ``FLYTT_DB``, else
``<user data dir>/flytt/flytt.duckdb`` (e.g. ``~/.local/share/flytt/flytt.duckdb`` on
Linux). Imports are atomic (one transaction: a failed import leaves the store as it
was) and idempotent (re-importing a year replaces that year).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd

from . import contracts as C
from .errors import FlyttError, NotFoundError, StoreBusyError, shown
from .flows import Flows, Grouping
from .output import file_in_the_way

ENV_DB = "FLYTT_DB"

_SCHEMA = {
    "flows": f"{C.YEAR} INTEGER NOT NULL, {C.ORIGIN} VARCHAR NOT NULL, "
             f"{C.DESTINATION} VARCHAR NOT NULL, {C.MOVES} BIGINT",
    "population": f"{C.YEAR} INTEGER NOT NULL, {C.REGION} VARCHAR NOT NULL, "
                  f"{C.POPULATION} BIGINT NOT NULL",
    "jobs": f"{C.YEAR} INTEGER NOT NULL, {C.REGION} VARCHAR NOT NULL, {C.JOBS} BIGINT NOT NULL",
    "groups": f"grouping VARCHAR NOT NULL, {C.CODE} VARCHAR NOT NULL, "
              f"{C.GROUP_CODE} VARCHAR NOT NULL, {C.GROUP_NAME} VARCHAR",
    "regions": f"{C.CODE} VARCHAR NOT NULL, {C.NAME} VARCHAR NOT NULL, {C.LEVEL} VARCHAR, "
               f"{C.VALID_FROM} VARCHAR, {C.VALID_TO} VARCHAR",
    "region_names": f"{C.CODE} VARCHAR PRIMARY KEY, {C.NAME} VARCHAR NOT NULL",
    "imports": "imported_at TIMESTAMP DEFAULT current_timestamp, kind VARCHAR, source VARCHAR, "
               "sha256 VARCHAR, rows BIGINT, years VARCHAR, replaced VARCHAR",
}
_BASE_COLUMNS = {
    "flows": list(C.FLOWS.required),
    "population": list(C.POPULATION_SPEC.required),
    "jobs": list(C.JOBS_SPEC.required),
}


def scalar(con: duckdb.DuckDBPyConnection, sql: str, params: list | None = None) -> Any:
    """The first value of the first row of ``sql`` (an aggregate such as ``count(*)``,
    which always has one row)."""
    row = con.execute(sql, params).fetchone()
    if row is None:
        raise FlyttError(f"no row from {sql}")
    return row[0]


def quoted(name: str) -> str:
    """``name`` as an SQL identifier: in double quotes, quotes inside doubled. Column names
    reach the store only after :data:`~flytt.contracts.ATTRIBUTE_PATTERN`; this is the
    second lock on the same door."""
    return '"' + str(name).replace('"', '""') + '"'


def default_path() -> Path:
    """The store used when neither ``--db`` nor ``FLYTT_DB`` is given."""
    if os.environ.get(ENV_DB):
        return Path(os.environ[ENV_DB])
    from platformdirs import user_data_dir

    return Path(user_data_dir("flytt", appauthor=False)) / "flytt.duckdb"


@dataclass(frozen=True)
class ImportReport:
    """What an import did: rows written, and which years (or grouping) it replaced."""

    kind: str
    source: str
    rows: int
    years: list[int]
    replaced: list[int]
    replaced_rows: int
    target: str = ""

    def summary(self) -> str:
        what = f"{self.rows:,} {self.kind} rows from {self.source}"
        if self.target:
            what += f" as '{self.target}'"
        if self.years:
            what += f" ({', '.join(map(str, self.years))})"
        if self.replaced:
            what += (f"; replaced {self.replaced_rows:,} earlier rows for "
                     f"{', '.join(map(str, self.replaced))}")
        elif self.replaced_rows:
            what += f"; replaced {self.replaced_rows:,} earlier rows"
        return "Imported " + what


class Store:
    """A flytt store in a DuckDB file (or ``:memory:``)."""

    def __init__(self, path: str | Path | None = None, *, read_only: bool = False):
        self.path = str(path) if path is not None else str(default_path())
        if self.path != ":memory:":
            where = Path(self.path)
            if where.is_dir():
                raise FlyttError(f"cannot open the store {self.path}: it is a directory; give "
                                 f"a file such as {self.path}/flytt.duckdb")
            blocking = file_in_the_way(where)
            if blocking is not None:
                raise FlyttError(f"cannot open the store {self.path}: {blocking} is a file, "
                                 "not a folder")
            if read_only and not where.exists():
                raise NotFoundError(f"no store at {self.path}; import data with 'flytt import'")
            try:
                where.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise FlyttError(f"cannot open the store {self.path}: cannot make its folder "
                                 f"({exc.strerror or exc})") from exc
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as exc:
            if "lock" in str(exc).lower():
                raise StoreBusyError(f"the store {self.path} is in use by another flytt "
                                     "process (an import?); try again when it has finished"
                                     ) from exc
            raise FlyttError(f"cannot open the store {self.path}: "
                             f"{shown(str(exc).splitlines()[0] if str(exc) else exc, 160)}"
                             ) from exc
        if not read_only:
            for table, columns in _SCHEMA.items():
                self.con.execute(f"CREATE TABLE IF NOT EXISTS {table} ({columns})")

    def close(self) -> None:
        """Close the connection (safe to call twice)."""
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All-or-nothing: commit if the block succeeds, roll back otherwise."""
        self.con.execute("BEGIN TRANSACTION")
        try:
            yield self.con
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        self.con.execute("COMMIT")

    # ------------------------------------------------------------------ writing
    def _columns(self, table: str) -> list[str]:
        return [r[0] for r in self.con.execute(f"DESCRIBE {table}").fetchall()]

    def import_frame(self, kind: str, frame: pd.DataFrame, *, source: str,
                     grouping: str | None = None, sha256: str = "") -> ImportReport:
        """Write a validated frame (see :func:`flytt.readers.read_input`) atomically.

        flows/population/jobs: the years in ``frame`` replace those years in the store.
        groups: replaces the grouping named ``grouping``. regions: replaces those codes.
        """
        frame = frame.copy()
        with self.transaction() as con:
            replaced: list[int] = []
            replaced_rows = 0
            years: list[int] = []
            target = ""
            if kind in _BASE_COLUMNS:
                years = sorted(int(y) for y in frame[C.YEAR].unique())
                names = self._names_from(kind, frame)
                frame = frame.drop(columns=[c for c in (C.ORIGIN_NAME, C.DESTINATION_NAME,
                                                        C.REGION_NAME) if c in frame.columns])
                existing = self._columns(kind)
                for col in frame.columns:
                    if col not in existing:
                        con.execute(f"ALTER TABLE {kind} ADD COLUMN {quoted(col)} VARCHAR")
                counts = con.execute(
                    f"SELECT {C.YEAR}, count(*) FROM {kind} WHERE {C.YEAR} IN "
                    f"(SELECT unnest(?::INTEGER[])) GROUP BY 1 ORDER BY 1", [years]).fetchall()
                replaced = [int(y) for y, _ in counts]
                replaced_rows = sum(n for _, n in counts)
                con.execute(f"DELETE FROM {kind} WHERE {C.YEAR} IN (SELECT unnest(?::INTEGER[]))",
                            [years])
                cols = ", ".join(quoted(c) for c in frame.columns)
                con.register("incoming", frame)
                con.execute(f"INSERT INTO {kind} ({cols}) SELECT {cols} FROM incoming")
                con.unregister("incoming")
                if not names.empty:
                    con.register("incoming_names", names)
                    con.execute("INSERT OR REPLACE INTO region_names SELECT code, name "
                                "FROM incoming_names")
                    con.unregister("incoming_names")
            elif kind == "groups":
                target = grouping or "groups"
                replaced_rows = scalar(con, "SELECT count(*) FROM groups WHERE grouping = ?",
                                       [target])
                con.execute("DELETE FROM groups WHERE grouping = ?", [target])
                g = Grouping.from_frame(frame, target).frame.assign(grouping=target)
                con.register("incoming", g)
                con.execute(f"INSERT INTO groups SELECT grouping, {C.CODE}, {C.GROUP_CODE}, "
                            f"{C.GROUP_NAME} FROM incoming")
                con.unregister("incoming")
            elif kind == "regions":
                for col in (C.LEVEL, C.VALID_FROM, C.VALID_TO):
                    if col not in frame.columns:
                        frame[col] = None
                con.register("incoming", frame)
                replaced_rows = scalar(
                    con, "SELECT count(*) FROM regions WHERE code IN (SELECT code FROM incoming)")
                con.execute("DELETE FROM regions WHERE code IN (SELECT code FROM incoming)")
                con.execute(f"INSERT INTO regions SELECT {C.CODE}, {C.NAME}, {C.LEVEL}, "
                            f"{C.VALID_FROM}, {C.VALID_TO} FROM incoming")
                con.unregister("incoming")
            else:
                raise FlyttError(f"cannot import '{kind}'")
            con.execute("INSERT INTO imports (kind, source, sha256, rows, years, replaced) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        [kind, source, sha256, len(frame), ",".join(map(str, years)),
                         ",".join(map(str, replaced))])
        return ImportReport(kind=kind, source=source, rows=len(frame), years=years,
                            replaced=replaced, replaced_rows=int(replaced_rows), target=target)

    @staticmethod
    def _names_from(kind: str, frame: pd.DataFrame) -> pd.DataFrame:
        pairs = []
        for code, name in ((C.ORIGIN, C.ORIGIN_NAME), (C.DESTINATION, C.DESTINATION_NAME),
                           (C.REGION, C.REGION_NAME)):
            if code in frame.columns and name in frame.columns:
                pairs.append(frame[[code, name]].set_axis([C.CODE, C.NAME], axis=1))
        if not pairs:
            return pd.DataFrame(columns=[C.CODE, C.NAME])
        names = pd.concat(pairs).drop_duplicates(C.CODE)
        return names[names[C.NAME].astype(str).ne("")]

    # ------------------------------------------------------------------ reading
    def names(self) -> dict[str, str]:
        """Region names by code: imported regions first, then names seen in data files."""
        found = dict(self.con.execute("SELECT code, name FROM region_names").fetchall())
        found |= dict(self.con.execute("SELECT code, name FROM regions").fetchall())
        found |= dict(self.con.execute(
            "SELECT DISTINCT group_code, group_name FROM groups WHERE group_name IS NOT NULL"
        ).fetchall())
        return found

    def known_codes(self) -> set[str] | None:
        """Codes of imported regions, or None when no regions were imported (no check)."""
        codes = {r[0] for r in self.con.execute("SELECT code FROM regions").fetchall()}
        return codes or None

    def _frame(self, table: str, years: list[int] | None) -> pd.DataFrame:
        query = f"SELECT * FROM {table}"
        params: list[object] = []
        if years:
            query += f" WHERE {C.YEAR} IN (SELECT unnest(?::INTEGER[]))"
            params.append(years)
        frame = self.con.execute(query, params).df()
        empty_attrs = [c for c in frame.columns
                       if c not in _BASE_COLUMNS.get(table, []) and frame[c].isna().all()]
        return frame.drop(columns=empty_attrs)

    def years(self, table: str) -> list[int]:
        """The years ``table`` (flows, population, jobs, or an ``ssb_*`` table) holds."""
        return [int(r[0]) for r in self.con.execute(
            f"SELECT DISTINCT {C.YEAR} FROM {table} ORDER BY 1").fetchall()]

    def flows(self, years: list[int] | None = None) -> Flows:
        frame = self._frame("flows", years)
        if frame.empty:
            have = self.years("flows")
            if not have:
                raise NotFoundError(f"the store {self.path} has no flows; import some with "
                                    "'flytt import flows FILE'")
            raise NotFoundError(f"the store {self.path} has no flows for "
                                f"{', '.join(map(str, years or []))}; it has flows for "
                                f"{', '.join(map(str, have))}")
        frame[C.MOVES] = frame[C.MOVES].astype("Int64")
        return Flows.from_frame(frame, self.names())

    def population(self, years: list[int] | None = None) -> pd.DataFrame:
        return self._frame("population", years)

    def jobs(self, years: list[int] | None = None) -> pd.DataFrame:
        return self._frame("jobs", years)

    def grouping(self, name: str) -> Grouping:
        frame = self.con.execute(
            f"SELECT {C.CODE}, {C.GROUP_CODE}, {C.GROUP_NAME} FROM groups WHERE grouping = ?",
            [name]).df()
        if frame.empty:
            raise NotFoundError(f"no grouping '{name}' in the store; have: "
                                f"{', '.join(self.groupings()) or 'none'}")
        return Grouping.from_frame(frame, name)

    def groupings(self) -> list[str]:
        return [r[0] for r in self.con.execute(
            "SELECT DISTINCT grouping FROM groups ORDER BY 1").fetchall()]

    def summary(self) -> pd.DataFrame:
        """Per table (the store's own, then the ``ssb_*`` tables the StatBank recipes
        fill): ``rows``, ``years`` (a list; empty for tables without years) and ``contents``
        (the grouping names of ``groups``), for ``flytt store``."""
        tables = ["flows", "population", "jobs", "groups", "regions"] + [
            r[0] for r in self.con.execute(
                "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'ssb\\_%' "
                "ESCAPE '\\' ORDER BY 1").fetchall()]
        rows = []
        for table in tables:
            n = scalar(self.con, f"SELECT count(*) FROM {table}")
            years = self.years(table) if C.YEAR in self._columns(table) else []
            contents = ", ".join(self.groupings()) if table == "groups" else ""
            rows.append({"table": table, "rows": n, "years": years, "contents": contents})
        return pd.DataFrame(rows)

    def snapshot(self) -> dict[str, pd.DataFrame]:
        """Every table's contents (used by tests to prove a failed import changed nothing)."""
        return {t: self.con.execute(f"SELECT * FROM {t} ORDER BY ALL").df() for t in _SCHEMA
                if t != "imports"} | {
            "imports": self.con.execute("SELECT kind, source, rows FROM imports ORDER BY ALL").df()}


def file_sha256(path: str | Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()
