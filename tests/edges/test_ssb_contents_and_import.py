"""SSB contents recognised by their code (catalogue) before their label, the user's
``--content`` choice, and ``flytt import statbank`` of a saved 01222 JSON-stat file."""

from __future__ import annotations

import json
import subprocess
import sys

import pandas as pd
import pytest
from typer.testing import CliRunner

from flytt import contracts as C
from flytt.barometer.ssb_inputs import changes_by_year
from flytt.cli.app import app
from flytt.errors import DataError, InputError
from flytt.readers import validate
from flytt.ssb.catalogue import CATALOGUE, kind_of
from flytt.store import Store

runner = CliRunner()


def flytt(*args: str) -> subprocess.CompletedProcess:
    """The installed command line as a user runs it (exit codes, one-line errors)."""
    return subprocess.run([sys.executable, "-c", "from flytt.cli.app import main; main()",
                           *args], capture_output=True, text=True, timeout=120)
CODES = {"0301": "Oslo", "1103": "Stavanger", "4601": "Bergen", "5001": "Trondheim"}
# 01222's content codes with SSB's own labels (English ones are not translations: domestic
# out-migration is "Emigration, domestic").
LABELS = {
    "en": {"Innvandring5": "Immigration", "Utvandring6": "Emigration",
           "Tilflytting7": "In-migration, domestic", "Fraflytting8": "Emigration, domestic",
           "Nettoinnflytting9": "Net migration including immigration and emigration",
           "Fodte2": "Live births"},
    "no": {"Innvandring5": "Innvandring", "Utvandring6": "Utvandring",
           "Tilflytting7": "Innflytting, innenlands", "Fraflytting8": "Utflytting, innenlands",
           "Nettoinnflytting9": "Nettoinnflytting, inkl. inn- og utvandring",
           "Fodte2": "Levendefødte"},
}
QUARTERS = [f"2015K{q}" for q in range(1, 5)]


def flows(code: str, quarter: int) -> dict[str, int]:
    """Quarterly numbers written down per municipality (not computed by flytt): in, out,
    immigration, emigration; SSB's net = in − out + immigration − emigration."""
    base = {"0301": (900, 950, 300, 120), "1103": (300, 280, 60, 40),
            "4601": (400, 390, 90, 50), "5001": (350, 300, 70, 30)}[code]
    inn, out, imm, emi = (v + 10 * quarter for v in base)
    return {"Tilflytting7": inn, "Fraflytting8": out, "Innvandring5": imm,
            "Utvandring6": emi, "Nettoinnflytting9": inn - out + imm - emi, "Fodte2": 50}


def jsonstat_01222(lang: str) -> dict:
    """A 01222 answer as PxWebApi v2 writes it: Region × ContentsCode × Tid, row-major."""
    contents = list(LABELS[lang])
    values = [flows(code, q)[content] for code in CODES for content in contents
              for q in range(1, 5)]
    return {
        "version": "2.0", "class": "dataset", "label": "01222: Population changes",
        "source": "Statistics Norway", "updated": "2016-02-18T07:00:00Z",
        "id": ["Region", "ContentsCode", "Tid"], "size": [len(CODES), len(contents), 4],
        "role": {"time": ["Tid"], "metric": ["ContentsCode"], "geo": ["Region"]},
        "dimension": {
            "Region": {"label": "region", "category": {
                "index": {c: i for i, c in enumerate(CODES)}, "label": CODES}},
            "ContentsCode": {"label": "contents", "category": {
                "index": {c: i for i, c in enumerate(contents)}, "label": LABELS[lang]}},
            "Tid": {"label": "quarter", "category": {
                "index": {t: i for i, t in enumerate(QUARTERS)},
                "label": {t: t for t in QUARTERS}}}},
        "extension": {"px": {"tableid": "01222"}},
        "value": values,
    }


def expected_net() -> dict[str, int]:
    return {code: sum(flows(code, q)["Nettoinnflytting9"] for q in range(1, 5))
            for code in CODES}


def long_frame(lang: str, relabel: dict[str, str] | None = None) -> pd.DataFrame:
    rows = [(2015, t, code, name, content, (relabel or LABELS[lang]).get(content, content),
             flows(code, q)[content])
            for code, name in CODES.items() for content in LABELS[lang]
            for q, t in enumerate(QUARTERS, 1)]
    return pd.DataFrame(rows, columns=[C.YEAR, "period", C.REGION, C.REGION_NAME,
                                       "ContentsCode", "ContentsCode_label", "value"])


def test_the_catalogue_knows_01222_by_code():
    assert kind_of("01222", "Fraflytting8") == "out"
    assert kind_of("01222", "Utvandring6") == "emigration"
    assert kind_of("01222", "Nettoinnflytting9") == "net"
    assert CATALOGUE["01222"].code_of("in") == "Tilflytting7"
    assert kind_of("07210", "B", "InnvandrKat") == "immigrants"


@pytest.mark.parametrize("lang", ["en", "no"])
def test_english_and_norwegian_labels_give_ssbs_own_net_migration(lang):
    """SSB's identity: in − out + immigration − emigration = Nettoinnflytting9 — read
    from the gross contents, which are recognised by their codes in both languages."""
    net, how = changes_by_year(long_frame(lang))
    assert dict(zip(net[C.REGION], net["net_migration"])) == expected_net()
    assert "in-migration − out-migration" in how


def test_labels_alone_can_be_ambiguous_and_the_message_says_how_to_choose():
    """Codes and labels the catalogue does not know ('Emigration, total' and 'Emigration,
    persons') can clash; the error names both codes and --content, which settles it."""
    frame = long_frame("en")
    frame["ContentsCode"] = frame["ContentsCode"].map(
        {"Utvandring6": "X1", "Fraflytting8": "X2", "Innvandring5": "X3",
         "Tilflytting7": "X4", "Nettoinnflytting9": "X5", "Fodte2": "X6"})
    frame["ContentsCode_label"] = frame["ContentsCode"].map(
        {"X1": "Emigration, total", "X2": "Emigration, persons", "X3": "Immigration, total",
         "X4": "In-migration, persons", "X5": "Net migration, total", "X6": "Births"})
    with pytest.raises(DataError) as err:
        changes_by_year(frame)
    assert "X1" in str(err.value) and "X2" in str(err.value)
    assert "--content emigration=CODE" in str(err.value)
    net, _ = changes_by_year(frame, {"emigration": "X1", "out": "X2"})
    assert dict(zip(net[C.REGION], net["net_migration"])) == expected_net()


def test_a_chosen_code_that_is_not_there_is_an_input_error():
    with pytest.raises(InputError, match="no ContentsCode 'Nope'.*Fraflytting8"):
        changes_by_year(long_frame("en"), {"out": "Nope"})


def fill_population_and_jobs(db: str) -> None:
    p, j = [], []
    for year in (2014, 2015):
        for i, code in enumerate(CODES):
            p.append((year, code, 10_000))
            j.append((year, code, 5_000 + (year - 2014) * 100 * i))
    with Store(db) as store:
        for kind, rows, cols in (("population", p, [C.YEAR, C.REGION, C.POPULATION]),
                                 ("jobs", j, [C.YEAR, C.REGION, C.JOBS])):
            frame = pd.DataFrame(rows, columns=cols).astype(str)
            store.import_frame(kind, validate(frame, C.INPUT_SPECS[kind], "test"),
                               source="test")


@pytest.mark.parametrize("lang", ["en", "no"])
def test_import_statbank_puts_a_saved_01222_file_where_the_barometer_reads_it(tmp_path, lang):
    saved = tmp_path / "01222.json"
    saved.write_text(json.dumps(jsonstat_01222(lang), ensure_ascii=False), encoding="utf-8")
    db = str(tmp_path / "store.duckdb")
    fill_population_and_jobs(db)
    res = runner.invoke(app, ["import", "statbank", str(saved), "--db", db])
    assert res.exit_code == 0, res.output
    assert "01222" in res.output and "flytt fetch ssb changes" in res.output
    with Store(db, read_only=True) as store:
        stored = store.con.execute("SELECT region_code, sum(value) AS v FROM ssb_changes "
                                   "WHERE ContentsCode = 'Nettoinnflytting9' "
                                   "GROUP BY 1").df()
    assert dict(zip(stored["region_code"], stored["v"])) == expected_net()
    res = runner.invoke(app, ["barometer", "--db", db, "--period", "2015", "--length", "1",
                              "-f", "csv"])
    assert res.exit_code == 0, res.output
    rows = pd.read_csv(pd.io.common.StringIO(res.output), dtype={"region_code": str})
    assert set(rows["region_code"]) == set(CODES)
    pct = dict(zip(rows["region_code"], rows["net_migration_pct"]))
    for code, net in expected_net().items():  # of 10,000 inhabitants on 1 January 2015
        assert pct[code] == pytest.approx(net / 100, abs=0.01)


def test_import_statbank_of_a_table_no_recipe_uses_keeps_it_tidy(tmp_path):
    doc = jsonstat_01222("en")
    doc["extension"]["px"]["tableid"] = "99999"
    saved = tmp_path / "t.json"
    saved.write_text(json.dumps(doc), encoding="utf-8")
    db = str(tmp_path / "store.duckdb")
    res = runner.invoke(app, ["import", "statbank", str(saved), "--db", db])
    assert res.exit_code == 0, res.output
    assert "ssb_99999" in res.output and "Region (4)" in res.output
    with Store(db, read_only=True) as store:
        count = store.con.execute("SELECT count(*) FROM ssb_99999").fetchone()
    assert count == (4 * 6 * 4,)


def test_a_statbank_file_given_to_a_layout_import_points_at_import_statbank(tmp_path):
    saved = tmp_path / "01222.json"
    saved.write_text(json.dumps(jsonstat_01222("en")), encoding="utf-8")
    db = tmp_path / "store.duckdb"
    res = flytt("import", "population", str(saved), "--db", str(db))
    assert res.returncode == 2
    assert "flytt import statbank" in res.stderr and len(res.stderr) < 800
    assert not db.exists()


def test_a_failed_statbank_import_leaves_no_store(tmp_path):
    saved = tmp_path / "junk.json"
    saved.write_text('{"version": "2.0", "class": "dataset", "id": ["a"]', encoding="utf-8")
    db = tmp_path / "store.duckdb"
    res = flytt("import", "statbank", str(saved), "--db", str(db))
    assert res.returncode == 2 and "junk.json" in res.stderr and "Traceback" not in res.stderr
    assert not db.exists()


def test_cache_lists_and_clears(tmp_path, monkeypatch):
    from flytt.ssb.cache import AnswerCache

    monkeypatch.setenv("FLYTT_CACHE_DIR", str(tmp_path))
    cache = AnswerCache(tmp_path / "ssb")
    cache.put("a" * 64, b"{}", {"kind": "metadata", "table": "01222",
                                "url": "https://x/tables/01222/metadata"})
    cache.put("b" * 64, b"{}", {"kind": "data", "table": "07459", "url": "https://x/data"})
    res = runner.invoke(app, ["cache"], env={"COLUMNS": "200"})
    assert res.exit_code == 0 and "(2 answers)" in res.output
    assert "01222" in res.output and "metadata" in res.output
    res = runner.invoke(app, ["cache", "clear", "--table", "01222"])
    assert res.exit_code == 0 and "Removed 1" in res.output
    assert [e.meta["table"] for e in cache.entries()] == ["07459"]


PX_NAMES = CODES | {"5001": "Trondheim - Tråante"}  # SSB's name since 2020


def px_01222() -> bytes:
    """The same table as StatBank's PX download names it: variables by their Norwegian
    labels, CODES beside VALUES, iso-8859-1 as CODEPAGE says."""
    contents = list(LABELS["no"])
    values = " ".join(str(flows(code, q)[content]) for code in CODES for content in contents
                      for q in range(1, 5))
    text = (
        'CHARSET="ANSI";\nAXIS-VERSION="2010";\nCODEPAGE="iso-8859-1";\nLANGUAGE="no";\n'
        'MATRIX="BefolkEndrK";\nTABLEID="01222";\n'
        'TITLE="01222: Befolkningsendringer, etter region, statistikkvariabel og kvartal";\n'
        'STUB="region","statistikkvariabel";\nHEADING="kvartal";\n'
        f'VALUES("region")={",".join(chr(34) + n + chr(34) for n in PX_NAMES.values())};\n'
        f'CODES("region")={",".join(chr(34) + c + chr(34) for c in CODES)};\n'
        f'VALUES("statistikkvariabel")={",".join(chr(34) + v + chr(34) for v in LABELS["no"].values())};\n'
        f'CODES("statistikkvariabel")={",".join(chr(34) + c + chr(34) for c in contents)};\n'
        f'VALUES("kvartal")={",".join(chr(34) + t + chr(34) for t in QUARTERS)};\n'
        'TIMEVAL("kvartal")=TLIST(Q1),"2015K1","2015K2","2015K3","2015K4";\n'
        'SOURCE="Statistisk sentralbyrå";\n'
        f'DATA=\n{values};\n')
    return text.encode("iso-8859-1")


def test_import_statbank_reads_a_px_download_like_the_json_answer(tmp_path):
    saved = tmp_path / "01222.px"
    saved.write_bytes(px_01222())
    db = str(tmp_path / "store.duckdb")
    res = runner.invoke(app, ["import", "statbank", str(saved), "--db", db])
    assert res.exit_code == 0, res.output
    with Store(db, read_only=True) as store:
        frame = store.con.execute("SELECT * FROM ssb_changes").df()
    assert set(frame["region_name"]) == set(PX_NAMES.values())  # Latin-1 decoded
    net, _ = changes_by_year(frame)
    assert dict(zip(net[C.REGION], net["net_migration"])) == expected_net()


def test_county_rows_of_a_saved_file_are_left_out_and_said(tmp_path):
    """StatBank exports may carry counties and the whole country beside municipalities;
    the recipe stores municipalities only, and the summary says what was left out."""
    doc = json.loads(json.dumps(jsonstat_01222("en")))  # a copy: CODES stays as it is
    region = doc["dimension"]["Region"]["category"]
    region["index"]["03"] = len(region["index"])
    region["label"]["03"] = "Oslo (county)"
    doc["size"][0] += 1
    per_region = doc["size"][1] * doc["size"][2]
    doc["value"] += doc["value"][:per_region]  # the county repeats Oslo's numbers
    saved = tmp_path / "01222.json"
    saved.write_text(json.dumps(doc), encoding="utf-8")
    db = str(tmp_path / "store.duckdb")
    res = runner.invoke(app, ["import", "statbank", str(saved), "--db", db])
    assert res.exit_code == 0, res.output
    assert "left out 1 region(s) that are not municipalities (03)" in res.output
    with Store(db, read_only=True) as store:
        codes = store.con.execute("SELECT DISTINCT region_code FROM ssb_changes").fetchall()
    assert sorted(c for (c,) in codes) == sorted(CODES)


def test_a_tidy_csv_with_a_value_column_is_a_clear_error(tmp_path):
    saved = tmp_path / "t.csv"
    saved.write_text("Region,ContentsCode,Tid,value\n0301,Fodte2,2015K1,50\n", encoding="utf-8")
    res = flytt("import", "statbank", str(saved), "--table", "01222", "--db",
                str(tmp_path / "s.duckdb"))
    assert res.returncode == 2 and "t.csv" in res.stderr and "internal error" not in res.stderr


def test_a_base_url_without_scheme_fails_at_once(tmp_path):
    from flytt.ssb import StatBank

    with pytest.raises(InputError, match="http:// or https://"):
        StatBank("127.0.0.1:9", cache_dir=tmp_path)
