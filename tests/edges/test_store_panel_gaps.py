"""A barometer panel assembled from the store's tables has gaps that a period does not need:
the year before a period has jobs but no population or net migration."""

from __future__ import annotations

import pandas as pd
import pytest

from flytt import contracts as C
from flytt.barometer import barometer, panel_from_store
from flytt.errors import DataError
from flytt.readers import validate
from flytt.store import Store


def _import(db: str, kind: str, rows: list[tuple]) -> None:
    columns = {"population": [C.YEAR, C.REGION, C.POPULATION],
               "jobs": [C.YEAR, C.REGION, C.JOBS],
               "flows": [C.YEAR, C.ORIGIN, C.DESTINATION, C.MOVES]}[kind]
    frame = pd.DataFrame(rows, columns=columns).astype(str)
    with Store(db) as store:
        store.import_frame(kind, validate(frame, C.INPUT_SPECS[kind], "test"), source="test")


@pytest.fixture
def db(tmp_path) -> str:
    """Three municipalities, population 1000 each in 2021 and 2022, jobs 2020–2022 (growth
    0 %, 10 %, 20 % from 2020 to 2022), flows 2021–2022 (nets below)."""
    path = str(tmp_path / "store.duckdb")
    codes = ("0301", "4601", "5001")
    _import(path, "population", [(y, c, 1000) for y in (2021, 2022) for c in codes])
    _import(path, "jobs", [(2020, c, 100) for c in codes]
            + [(y, c, j) for y in (2021, 2022) for c, j in zip(codes, (100, 110, 120))])
    # 2021: 0301→4601 30, 4601→5001 10; 2022: 0301→5001 20 → nets 0301 −50, 4601 +20, 5001 +30
    _import(path, "flows", [(2021, "0301", "4601", 30), (2021, "4601", "5001", 10),
                            (2022, "0301", "5001", 20)])
    return path


def test_the_year_before_the_period_needs_jobs_only(db):
    result = barometer(panel_from_store(db), (2021, 2022)).to_frame().set_index("region_code")
    # x = 0, 10, 20 (mean 10); y = −5, 2, 3 % (mean 0): Sxy = (−10)(−5) + 0 + 10·3 = 80,
    # Sxx = 200 → slope 0.4, intercept −4; fitted −4, 0, 4; residuals −1, 2, −1
    assert result["net_migration_pct"].to_dict() == pytest.approx(
        {"0301": -5.0, "4601": 2.0, "5001": 3.0})
    assert result["attractiveness"].to_dict() == pytest.approx(
        {"0301": -1.0, "4601": 2.0, "5001": -1.0})


def test_a_period_whose_first_year_lacks_population_says_so(db):
    _import(db, "jobs", [(2019, c, 100) for c in ("0301", "4601", "5001")])
    with pytest.raises(DataError, match="2020: no population for any unit; 2020: no "
                                        "net_migration for any unit"):
        barometer(panel_from_store(db), (2020, 2022))
