"""The edges in and out: JSON-stat of any table, the terminal text in a file, strict imports
(blank counts, header-only files, duplicates, codes that lost their zero) and ABROAD."""

from __future__ import annotations

import json

import pandas as pd
import pytest
from conftest import ref
from typer.testing import CliRunner

from flytt import contracts as C
from flytt.api import migration_table
from flytt.cli.app import app
from flytt.errors import InputError
from flytt.jsonstat import decode, encode_table
from flytt.readers import read_input
from flytt.tables import FrameTable

runner = CliRunner()


def seed(key: str) -> pd.DataFrame:
    return pd.read_csv(ref(key), dtype=str, keep_default_na=False)


# --------------------------------------------------------------- 1. JSON-stat of any table
def test_any_table_with_text_columns_is_valid_json_stat():
    frame = pd.DataFrame({"rank": [1, 2], C.REGION: ["3318", "1511"],
                          C.REGION_NAME: ["Krødsherad", "Vanylven"],
                          "population": [450, 1334], "share_pct": [5.5, None]})
    doc = json.loads(json.dumps(encode_table(FrameTable("ranking", "A ranking", frame))))
    assert doc["id"] == [C.REGION, "contents"] and doc["size"] == [2, 3]
    assert len(doc["value"]) == 6
    assert doc["role"] == {"geo": [C.REGION], "metric": ["contents"]}
    assert doc["dimension"][C.REGION]["category"]["label"] == {"3318": "Krødsherad",
                                                                "1511": "Vanylven"}
    tidy = decode(doc).set_index([C.REGION, "contents"])["value"]
    assert tidy[("1511", "population")] == 1334 and tidy[("3318", "share_pct")] == 5.5
    assert pd.isna(tidy[("1511", "share_pct")]) and tidy[("1511", "rank")] == 2


def test_rows_not_identified_by_text_get_a_row_dimension():
    frame = pd.DataFrame({"measure": ["a", "a"], "value": [1.5, 2.5]})
    doc = encode_table(FrameTable("m", "Measures", frame))
    assert doc["id"] == ["row", "measure", "contents"] and doc["size"] == [2, 1, 1]
    assert decode(doc)["value"].tolist() == [1.5, 2.5]


def test_barometer_demo_as_json_stat(tmp_path):
    out = tmp_path / "b.json"
    result = runner.invoke(app, ["barometer", "--demo", "-p", "2024", "--out", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert len(doc["value"]) == int(pd.Series(doc["size"]).prod())
    tidy = decode(doc)
    assert "Krødsherad" in set(tidy[f"{C.REGION}_label"])


# --------------------------------------------------------------- 2. roles of od and net
@pytest.mark.data("seed-flows-2011")
def test_od_json_stat_roles_and_cells():
    doc = encode_table(migration_table("od", dataset="ssb-counties", year=2011))
    assert doc["role"] == {"time": ["year"], "geo": [C.ORIGIN, "destination"],
                           "metric": ["contents"]}
    assert doc["dimension"]["contents"]["category"]["index"] == {C.MOVES: 0}
    assert doc["dimension"]["destination"]["category"]["label"]["total"] == "Total"
    tidy = decode(doc).set_index([C.ORIGIN, "destination"])["value"]
    flows = seed("seed-flows-2011")
    oslo_akershus = flows[(flows.origin_code == "03") & (flows.destination_code == "02")]
    assert tidy[("03", "02")] == int(oslo_akershus.moves.iloc[0])


def test_net_json_stat_roles():
    doc = encode_table(migration_table("net", dataset="ssb-counties", year=2005))
    assert doc["role"] == {"time": ["year"], "geo": [C.REGION, "region_column"],
                           "metric": ["contents"]}
    assert doc["size"][-1] == 1 and len(doc["value"]) == 19 * 20


# --------------------------------------------------------------- 3. text files
@pytest.mark.data("seed-balance-2015")
def test_table_out_txt_has_the_terminal_text(tmp_path):
    out = tmp_path / "balance.txt"
    result = runner.invoke(app, ["table", "balance", "-d", "ssb-counties", "-y", "2015",
                                 "--out", str(out)])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    whole = seed("seed-balance-2015").iloc[0]
    assert f"{int(whole.in_all):,}".replace(",", " ") in text and "Oslo" in text
    assert "\x1b[" not in text


# --------------------------------------------------------------- 4.–6. strict imports
HEADER = "year,origin_code,destination_code,moves\n"


def cli(*args: str):
    return runner.invoke(app, list(args))


def cli_error(*args: str) -> str:
    """The message of the InputError a command stops with (the CLI prints it, exit 2)."""
    result = cli(*args)
    assert isinstance(result.exception, InputError), result.output
    return str(result.exception)


def store_rows(db) -> int:
    from flytt.store import Store

    with Store(db) as store:
        return len(store.flows().frame)


def test_blank_count_is_an_error_naming_file_row_and_column(tmp_path):
    db = str(tmp_path / "s.duckdb")
    good = tmp_path / "good.csv"
    good.write_text(HEADER + "2023,0301,3201,7\n2023,3201,0301,4\n", encoding="utf-8")
    assert cli("import", "flows", str(good), "--db", db).exit_code == 0
    bad = tmp_path / "f.csv"
    bad.write_text(HEADER + "2023,0301,3201,\n", encoding="utf-8")
    expected = f"{bad}, row 2, column 'moves': missing value"
    assert expected in cli_error("import", "flows", str(bad), "--db", db)
    assert store_rows(db) == 2
    assert expected in cli_error("table", "od", "--flows", str(bad))


@pytest.mark.parametrize("kind,text", [("population", "year,region_code,population\n2023,0301,\n"),
                                       ("jobs", "year,region_code,jobs\n2023,0301, \n")])
def test_blank_population_and_jobs_are_errors(tmp_path, kind, text):
    path = tmp_path / "p.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=rf"row 2, column '{kind}': missing value"):
        read_input(path, kind)


@pytest.mark.data("seed-flows-2011")
def test_not_applicable_diagonal_of_the_2011_seed_still_reads():
    path = ref("seed-flows-2011")
    frame = read_input(path, "flows", year=2011)
    blank = seed("seed-flows-2011").moves.eq("")
    assert blank.sum() == 2 and frame[C.MOVES].isna().sum() == 2
    na = frame[frame[C.MOVES].isna()]
    assert (na[C.ORIGIN] == na[C.DESTINATION]).all()


def test_header_only_file_is_an_error_and_leaves_the_store_alone(tmp_path):
    db = str(tmp_path / "s.duckdb")
    empty = tmp_path / "empty.csv"
    empty.write_text(HEADER, encoding="utf-8")
    message = cli_error("import", "flows", str(empty), "--db", db)
    assert message == f"{empty}: the file has a header but no rows"
    from flytt.store import Store

    with Store(db) as store:
        assert store.con.execute("SELECT count(*) FROM imports").fetchone()[0] == 0


def test_duplicate_message_names_the_key_in_plain_words(tmp_path):
    path = tmp_path / "dup.csv"
    path.write_text(HEADER + "2021,0301,3201,1\n2021,0301,3201,2\n2021,0301,3201,3\n"
                    "2021,3201,0301,1\n2021,3201,0301,2\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_input(path, "flows")
    assert str(err.value).splitlines() == [
        f"{path}, row 2: duplicate year 2021, origin_code 0301, destination_code 3201 "
        "(also on rows 3, 4)",
        f"{path}, row 5: duplicate year 2021, origin_code 3201, destination_code 0301 "
        "(also on row 6)",
    ]


# --------------------------------------------------------------- 7. years not in the store
def test_year_not_in_the_store_lists_the_years_it_has(tmp_path):
    db = str(tmp_path / "s.duckdb")
    flows = tmp_path / "f.csv"
    flows.write_text(HEADER + "2020,0301,3201,7\n2021,0301,3201,4\n", encoding="utf-8")
    assert cli("import", "flows", str(flows), "--db", db).exit_code == 0
    result = cli("table", "od", "-y", "2019", "--db", db)
    message = str(result.exception)
    assert "has no flows for 2019; it has flows for 2020, 2021" in message
    assert "[" not in message


# --------------------------------------------------------------- 8. ABROAD row and column
@pytest.mark.parametrize("lang", ["en", "nb"])
def test_abroad_row_and_column_share_the_data_name(tmp_path, lang):
    from flytt import render

    path = tmp_path / "f.csv"
    path.write_text("year,origin_code,destination_code,moves,origin_name,destination_name\n"
                    "2023,0301,ABROAD,5,Oslo,Utlandet\n2023,ABROAD,0301,8,Utlandet,Oslo\n",
                    encoding="utf-8")
    table = migration_table("od", flows=path)
    text = render.render(table, "table", lang)
    assert "Abroad" not in text and text.count("Utlandet") == 2
    md = render.to_markdown(table, lang)
    assert "Abroad" not in md and md.count("Utlandet") == 2


def test_abroad_without_a_name_is_abroad_or_utlandet(tmp_path):
    from flytt import render

    path = tmp_path / "f.csv"
    path.write_text(HEADER + "2023,0301,ABROAD,5\n2023,ABROAD,0301,8\n", encoding="utf-8")
    table = migration_table("od", flows=path)
    assert render.render(table, "table").count("Abroad") == 2
    assert render.render(table, "table", "nb").count("Utlandet") == 2


# --------------------------------------------------------------- 9. numeric codes in Excel
@pytest.mark.parametrize("suffix", ["xlsx", "csv"])
def test_codes_that_lost_their_leading_zero_are_errors_in_excel_as_in_csv(tmp_path, suffix):
    frame = pd.DataFrame({C.YEAR: [2023, 2023], C.REGION: [301, 1103], C.JOBS: [10, 20]})
    path = tmp_path / f"jobs.{suffix}"
    if suffix == "xlsx":
        frame.to_excel(path, index=False)  # numbers in Excel cells, not text
    else:
        frame.to_csv(path, index=False)
    with pytest.raises(InputError) as err:
        read_input(path, "jobs")
    assert str(err.value).startswith(f"{path}, row 2, column '{C.REGION}': code '301' looks "
                                     "like a region code that lost its leading zero")
    assert "did you mean 0301?" in str(err.value)


def _strict_json(text: str) -> dict:
    def reject(constant):
        raise ValueError(f"{constant} is not JSON")

    return json.loads(text, parse_constant=reject)


def test_json_stat_is_strict_json_with_status_only_where_a_symbol_is():
    from flytt import render
    from flytt.api import migration_table

    od = _strict_json(render.render(migration_table("od", dataset="ssb-counties", year=2011),
                                    "json-stat2"))
    # seed 001 marks two cells not applicable: Oslo → Oslo and abroad → abroad
    assert set(od["status"].values()) == {"."} and len(od["status"]) == 2
    net = _strict_json(render.render(migration_table("net", dataset="ssb-counties", year=2005),
                                     "json-stat2"))
    # the unpublished upper triangle and diagonal: not available, never nil ("-" means 0)
    assert set(net["status"].values()) == {".."}
    balance = _strict_json(render.render(
        migration_table("balance", dataset="ssb-counties", year=2015), "json-stat2"))
    assert balance["status"] == {}


def test_abroad_in_any_letter_case_is_abroad(tmp_path):
    from flytt.api import migration_table

    path = tmp_path / "flows.csv"
    path.write_text("year,origin_code,destination_code,moves\n2023,0301,abroad,4\n"
                    "2023,Abroad,4601,3\n2023,0301,4601,5\n")
    balance = migration_table("balance", flows=path).to_frame().set_index("region_code")
    assert "abroad" not in balance.index and "Abroad" not in balance.index
    assert balance.loc["0301", "out_abroad"] == 4 and balance.loc["4601", "in_abroad"] == 3
    assert balance.loc["TOTAL", "in_internal"] == 5
