"""The aggregation engine on DuckDB against independent pandas computations on the raw
records; balances against flytt.tables.balance_table; the aggregate command."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from flytt import engine
from flytt import microdata as M
from flytt.cli.app import app
from flytt.errors import InputError, NotFoundError
from flytt.flows import Flows
from flytt.tables import balance_table


@pytest.fixture(scope="module")
def register(builtin_register):
    return builtin_register


@pytest.fixture(scope="module")
def raw(register):
    return M.open_dataset(register.moves_dir, "moves").to_table().to_pandas()


@pytest.fixture(scope="module")
def population(register):
    return M.open_dataset(register.population_dir, "population").to_table().to_pandas()


BYS = [
    ["year", "origin", "destination"],
    ["year", "origin", "destination", "age", "sex"],
    ["occupation", "year"],
    ["country_background", "immigrant_category", "birthplace", "family_type"],
    ["destination"],
]


@pytest.mark.parametrize("by", BYS)
def test_flows_equal_pandas_groupby(register, raw, by):
    got = engine.aggregate(register.moves_dir, by=by)
    assert got.column_names == by + ["moves"]
    expected = raw.groupby(by).size().rename("moves").reset_index().sort_values(by)
    frame = got.to_pandas()
    assert frame["moves"].sum() == len(raw)
    pd.testing.assert_frame_equal(frame.reset_index(drop=True),
                                  expected.reset_index(drop=True), check_dtype=False)


def test_result_types_are_explicit(register):
    t = engine.aggregate(register.moves_dir, by=["year", "age", "origin"])
    assert t.schema.field("year").type == pa.int16()
    assert t.schema.field("age").type == pa.int16()
    assert t.schema.field("origin").type == pa.string()
    assert t.schema.field("moves").type == pa.int64()
    assert t.schema.metadata[b"flytt.synthetic"] == b"true"
    assert b"no disclosure control" in t.schema.metadata[b"flytt.disclosure"]


def test_filters(register, raw):
    got = engine.aggregate(register.moves_dir, by=["year", "occupation"],
                           where={"origin": ["0301"], "year": [2020]}).to_pandas()
    sub = raw[(raw["origin"] == "0301") & (raw["year"] == 2020)]
    expected = sub.groupby(["year", "occupation"]).size().rename("moves").reset_index()
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)
    # quotes in values cannot break out of the SQL literal
    none = engine.aggregate(register.moves_dir, by=["year"], where={"origin": ["0301' OR 1=1 --"]})
    assert none.num_rows == 0


def test_balances_reproduce_balance_table(register):
    flows = engine.aggregate(register.moves_dir, by=["year", "origin", "destination"]).to_pandas()
    flows = flows.rename(columns={"origin": "origin_code", "destination": "destination_code"})
    bal = engine.balances(register.moves_dir, by=["year"]).to_pandas()
    for year in (2018, 2019, 2020):
        expected = balance_table(Flows.from_frame(flows), year).frame
        expected = expected[expected["region_code"] != "TOTAL"].set_index("region_code")
        got = bal[bal["year"] == year].set_index("region_code")
        cols = [c for c in expected.columns if c != "region_name"]
        pd.testing.assert_frame_equal(got[cols].sort_index(), expected[cols].sort_index(),
                                      check_dtype=False)


def test_balances_by_attribute_sum_to_balances(register):
    by_sex = engine.balances(register.moves_dir, by=["year", "sex"]).to_pandas()
    total = engine.balances(register.moves_dir, by=["year"]).to_pandas()
    summed = (by_sex.drop(columns="sex").groupby(["year", "region_code"]).sum()
              .reset_index())
    pd.testing.assert_frame_equal(summed, total, check_dtype=False)


@pytest.mark.parametrize("direction,scope", [("out", "all"), ("out", "internal"),
                                             ("in", "abroad")])
def test_rates_equal_pandas(register, raw, population, direction, scope):
    by = ["year", "age"]
    got = engine.rates(register.out_dir, by=by, direction=direction, scope=scope,
                       where={"municipality": ["0301"]}).to_pandas()
    side, other = ("origin", "destination") if direction == "out" else ("destination", "origin")
    sel = (raw[side] == "0301") & (raw["origin"] != raw["destination"])
    if scope == "internal":
        sel &= raw[other] != "ABROAD"
    elif scope == "abroad":
        sel &= raw[other] == "ABROAD"
    moves = raw[sel].groupby(by).size().rename("moves")
    persons = (population[population["municipality"] == "0301"].groupby(by)["persons"].sum())
    expected = pd.concat([moves, persons], axis=1).fillna(0).astype("int64").reset_index()
    expected["rate"] = np.where(expected["persons"] > 0,
                                100 * expected["moves"] / expected["persons"].where(
                                    expected["persons"] > 0), np.nan)
    expected = expected.sort_values(by).reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, check_dtype=False)


def test_rates_by_municipality_cover_all_municipalities(register, population):
    t = engine.rates(register.out_dir, by=["year", "municipality"]).to_pandas()
    assert set(t["municipality"]) == set(population["municipality"])
    assert t["persons"].sum() == population["persons"].sum()
    national = 100 * t["moves"].sum() / t["persons"].sum()
    assert 4 < national < 9  # internal out-moves and emigration per 100 inhabitants
    assert t["rate"].between(0, 100).all()


def test_disclosure_default_on_engine_results(register):
    exact = engine.aggregate(register.moves_dir, by=["year", "origin", "age"]).to_pandas()
    prot = engine.aggregate(register.moves_dir, by=["year", "origin", "age"],
                            disclosure="default").to_pandas()
    small = exact["moves"] < 5
    assert prot.loc[small, "moves"].isna().all()
    assert (prot.loc[~small, "moves"] % 5 == 0).all()
    assert ((prot.loc[~small, "moves"] - exact.loc[~small, "moves"]).abs() <= 2).all()
    bal = engine.balances(register.moves_dir, disclosure="default").to_pandas()
    ok = bal[["in_abroad", "in_internal"]].notna().all(axis=1)
    assert (bal.loc[ok, "in_all"] == bal.loc[ok, "in_abroad"] + bal.loc[ok, "in_internal"]).all()
    assert bal.loc[~ok, "in_all"].isna().all()


def test_bad_queries(register, tmp_path):
    with pytest.raises(InputError, match="cannot group"):
        engine.aggregate(register.moves_dir, by=["year", "municipality"])
    with pytest.raises(InputError):
        engine.aggregate(register.moves_dir, by=[])
    with pytest.raises(InputError):
        engine.balances(register.moves_dir, by=["origin"])
    with pytest.raises(InputError):
        engine.rates(register.out_dir, by=["destination"])
    with pytest.raises(NotFoundError):
        engine.aggregate(tmp_path / "nothing", by=["year"])


def test_single_parquet_file_input(register, raw, tmp_path):
    path = tmp_path / "moves.parquet"
    pq.write_table(pa.Table.from_pandas(raw, preserve_index=False), path)
    a = engine.aggregate(path, by=["year", "sex"])
    b = engine.aggregate(register.moves_dir, by=["year", "sex"])
    assert a.equals(b)


def test_cli_aggregate_csv_and_parquet(register, raw, tmp_path):
    runner = CliRunner()
    out = tmp_path / "flows.csv"
    res = runner.invoke(app, ["aggregate", "--moves", str(register.moves_dir), "--by",
                              "year,origin,destination,sex", "--out", str(out)])
    assert res.exit_code == 0, res.output
    frame = pd.read_csv(out, dtype={"origin": str, "destination": str})
    assert list(frame.columns) == ["year", "origin", "destination", "sex", "moves"]
    notes = (tmp_path / "flows.csv.notes.txt").read_text()
    assert "suppressed" in notes and "SYNTHETIC" in notes
    assert frame["moves"].dropna().mod(5).eq(0).all()
    out = tmp_path / "flows.parquet"
    res = runner.invoke(app, ["aggregate", "--moves", str(register.moves_dir), "--by",
                              "year,origin", "--disclosure", "none", "--out", str(out)])
    assert res.exit_code == 0, res.output
    t = pq.read_table(out)
    assert t.column_names == ["year", "origin", "moves"]
    assert t.column("moves").to_numpy().sum() == len(raw)
    assert b"no disclosure control" in t.schema.metadata[b"flytt.disclosure"]
    res = runner.invoke(app, ["aggregate", "--moves", str(register.moves_dir), "--by", "nope",
                              "--out", str(tmp_path / "x.csv")])
    assert res.exit_code != 0 and "Traceback" not in res.output


def test_moves_that_are_not_a_register_are_clear_errors(register, tmp_path):
    """A CSV, a folder without moves/ and a damaged Parquet file are InputErrors naming what
    a move register is (found in a new-user trial: DuckDB's "No magic bytes found")."""
    csv = tmp_path / "my_flows.csv"
    csv.write_text("origin,destination,moves\n0301,3201,10\n")
    empty = tmp_path / "empty"
    (empty / "other").mkdir(parents=True)
    (empty / "other" / "notes.txt").write_text("x")
    damaged = tmp_path / "damaged" / "year=2020"
    damaged.mkdir(parents=True)
    (damaged / "part-0.parquet").write_bytes(b"not parquet at all")
    for path in (csv, empty, damaged.parent):
        with pytest.raises(InputError, match="is not a move register .*written by flytt synth"):
            engine.aggregate(path, by=["year"])
        with pytest.raises(InputError, match="is not a move register"):
            engine.balances(path, by=["year"])
    with pytest.raises(InputError, match="not a population table"):
        engine.rates(register.moves_dir, by=["year"], population=csv)
    # the register directory itself is accepted: its moves/ is used
    assert engine.aggregate(register.out_dir, by=["year"]).equals(
        engine.aggregate(register.moves_dir, by=["year"]))


def test_cli_aggregate_on_a_csv_is_one_line_exit_2(tmp_path):
    import subprocess
    import sys

    (tmp_path / "my_flows.csv").write_text("origin,destination,moves\n0301,3201,10\n")
    (tmp_path / "folder").mkdir()
    for moves in ("my_flows.csv", "folder"):
        res = subprocess.run([sys.executable, "-c", "from flytt.cli.app import main; main()",
                              "aggregate", "--moves", moves, "--by", "year", "--out", "a.csv"],
                             capture_output=True, text=True, cwd=tmp_path, timeout=120)
        assert res.returncode == 2, res.stderr
        assert "Traceback" not in res.stderr and "magic bytes" not in res.stderr
        assert f"error: {moves} is not a move register" in res.stderr
        assert "moves/ year=YYYY Parquet files, as written by flytt synth" in res.stderr
    assert not (tmp_path / "a.csv").exists()
