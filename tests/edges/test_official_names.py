"""Codes without names in the user's data get SSB's names (through the data registry)."""

from __future__ import annotations

from flytt import contracts as C
from flytt import geo
from flytt.api import migration_table


def test_flows_file_without_names_gets_ssb_names(tmp_path):
    path = tmp_path / "flows.csv"
    path.write_text("year,origin_code,destination_code,moves\n2023,0301,4601,5\n"
                    "2023,4601,0301,2\n2023,0301,ABROAD,4\n")
    frame = migration_table("balance", flows=path).to_frame().set_index(C.REGION)
    assert frame.loc["0301", C.REGION_NAME] == "Oslo"
    assert frame.loc["4601", C.REGION_NAME] == "Bergen"


def test_names_in_the_data_win_and_unknown_codes_stay_codes(tmp_path):
    path = tmp_path / "flows.csv"
    path.write_text("year,origin_code,origin_name,destination_code,destination_name,moves\n"
                    "2023,0301,Christiania,9999,Nowhere,5\n2023,03,,4601,,1\n")
    names = migration_table("od", flows=path).names
    assert names["0301"] == "Christiania" and names["9999"] == "Nowhere"
    assert names["03"] == "Oslo" and names["4601"] == "Bergen"


def test_official_names_without_any_data_is_empty_not_an_error(no_reference_data):
    assert geo.official_names(["0301"], 2023) == {}


def test_official_names_offline_come_from_the_bundled_code_history(monkeypatch, tmp_path):
    monkeypatch.setenv("FLYTT_DATA_MIRROR", str(tmp_path / "empty-mirror"))
    assert geo.official_names(["0301", "4601", "50", "1201"], 2023) == {
        "0301": "Oslo", "4601": "Bergen", "50": "Trøndelag"}
