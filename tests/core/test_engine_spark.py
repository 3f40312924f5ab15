"""The same engine queries on Spark (local mode) give results identical to DuckDB."""

from __future__ import annotations

import os

import pytest
from typer.testing import CliRunner

from flytt import engine
from flytt.cli.app import app

pytestmark = [pytest.mark.spark, pytest.mark.slow]


@pytest.fixture(scope="module")
def spark_register(builtin_register):
    """The shared small register and one local Spark session for the module."""
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from flytt.engine import spark_backend

    spark = spark_backend.session("local[2]")
    spark.conf.set("spark.sql.shuffle.partitions", "4")  # small data: few tasks
    return builtin_register


QUERIES = {
    "flows": lambda r, e: engine.aggregate(r.moves_dir, ["year", "origin", "destination"],
                                           engine=e, spark_master="local[2]"),
    "flows-attributes": lambda r, e: engine.aggregate(
        r.moves_dir, ["year", "age", "sex", "occupation", "country_background"],
        where={"origin": ["0301", "4601"]}, engine=e, spark_master="local[2]"),
    "balances": lambda r, e: engine.balances(r.moves_dir, ["year", "family_type"], engine=e,
                                             disclosure="default", spark_master="local[2]"),
    "rates": lambda r, e: engine.rates(r.out_dir, ["year", "municipality", "birthplace"],
                                       direction="out", scope="internal", engine=e,
                                       spark_master="local[2]"),
}


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_spark_equals_duckdb(spark_register, name):
    duck = QUERIES[name](spark_register, "duckdb")
    spark = QUERIES[name](spark_register, "spark")
    assert duck.num_rows > 0
    assert spark.schema.equals(duck.schema, check_metadata=True)
    assert spark.equals(duck)


def test_cli_engine_spark(spark_register, tmp_path):
    out = {e: tmp_path / f"{e}.csv" for e in ("duckdb", "spark")}
    for e, path in out.items():
        res = CliRunner().invoke(app, ["aggregate", "--moves", str(spark_register.moves_dir),
                                       "--by", "year,origin,sex", "--engine", e,
                                       "--spark-master", "local[2]", "--out", str(path)])
        assert res.exit_code == 0, res.output
    assert out["duckdb"].read_text() == out["spark"].read_text()
