"""Spark backend: runs a :class:`~flytt.engine.queries.Query` with Spark SQL.

Where Spark runs: the ``master`` argument (the CLI's ``--spark-master``, or
``$FLYTT_SPARK_MASTER``), else ``local[*]`` (needs Java 17+; set ``SPARK_LOCAL_IP=127.0.0.1`` on machines without a
resolvable host name). A ``spark://host:7077`` (or ``yarn``, ``k8s://…``) master runs on that
cluster — the Parquet paths must then be readable by the executors (shared file system,
``s3a://``, ``hdfs://``); an ``sc://host:15002`` URL connects through Spark Connect
(``pip install "pyspark[connect]"``). PySpark is imported only here, only when the Spark
engine is used (``pip install "flytt[spark]"``).
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import pyarrow as pa

from ..errors import DataError
from .queries import Query


@lru_cache(maxsize=4)
def session(master: str | None = None, driver_memory: str = "2g"):
    """The (cached) Spark session for ``master`` (see module docstring); ``driver_memory``
    is the local driver's heap (Spark's ``spark.driver.memory``)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as exc:
        raise DataError("the Spark engine needs PySpark: pip install 'flytt[spark]'") from exc
    master = master or "local[*]"
    builder = SparkSession.builder.appName("flytt")
    if master.startswith("sc://"):
        return builder.remote(master).getOrCreate()
    spark = (builder.master(master)
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.ui.enabled", "false")
            .config("spark.ui.showConsoleProgress", "false")
            .config("spark.sql.shuffle.partitions", "16")
            .config("spark.sql.execution.arrow.pyspark.enabled", "true")
            .config("spark.driver.memory", driver_memory)
            .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def run(query: Query, sources: Mapping[str, Path], *, master: str | None = None,
        driver_memory: str = "2g") -> pa.Table:
    """Execute ``query`` with its views bound to ``sources`` (view name → Parquet path)."""
    spark = session(master, driver_memory)
    for view in query.views:
        spark.read.parquet(str(sources[view])).createOrReplaceTempView(view)
    return spark.sql(query.sql).toArrow()
