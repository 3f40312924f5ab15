"""The synthetic register: layout, schema, determinism, realism against reference data."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest
from conftest import mirror_dir, ref
from typer.testing import CliRunner

from flytt import datasets
from flytt import microdata as M
from flytt.cli.app import app
from flytt.errors import DataError, InputError, NotFoundError
from flytt.synth import SYNTHETIC_LABEL, synthesize
from flytt.synth.geography import COUNTIES_2024_TO_2011, destination_model, load_geography
from flytt.synth.model import CITY_RC, INTERNAL_RC, NO_SCENARIO

YEARS = range(2016, 2021)


@pytest.fixture(scope="session")
def real_geography():
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("FLYTT_DATA_MIRROR", str(mirror_dir()))
        return load_geography("real")


@pytest.fixture(scope="session")
def register(tmp_path_factory, real_geography):
    """60 000 persons on Norway's real 2024 municipalities, 2016–2020 (two chunks)."""
    out = tmp_path_factory.mktemp("register")
    result = synthesize(out, persons=60_000, years=YEARS, seed=7, geography=real_geography,
                        chunk_persons=30_000, workers=1)
    return result


def read(path, kind):
    return M.open_dataset(path, kind).to_table().to_pandas()


@pytest.fixture(scope="session")
def moves(register):
    return read(register.moves_dir, "moves")


@pytest.fixture(scope="session")
def population(register):
    return read(register.population_dir, "population")


def test_layout_schema_and_synthetic_label(register):
    for kind, root in (("moves", register.moves_dir), ("population", register.population_dir)):
        files = sorted(root.glob("year=*/*.parquet"))
        assert [f.parent.name for f in files] == [f"year={y}" for y in YEARS]
        schema = pq.read_schema(files[0])
        assert schema.remove_metadata().equals(M.arrow_schema(kind))
        assert schema.metadata[b"flytt.synthetic"] == b"true"
        assert schema.metadata[b"flytt.label"].decode() == SYNTHETIC_LABEL
    manifest = json.loads((register.out_dir / "register.json").read_text())
    assert manifest["synthetic"] is True and manifest["geography"] == "real"
    assert manifest["moves"] == register.moves == sum(register.moves_by_year.values())
    assert not (register.out_dir / ".population-parts").exists()


def test_population_starts_at_persons_and_follows_real_population(population):
    first = population[population[M.YEAR] == YEARS[0]]
    assert first[M.PERSONS].sum() == 60_000
    raw = pd.read_csv(ref("ssb-population-2024"),
                      sep=";", skiprows=2, encoding="latin-1")
    raw.columns = ["region", "age", "persons"]
    raw = raw[raw["region"].str.match(r"^K-\d{4} ")]
    real = raw.groupby(raw["region"].str.slice(2, 6))["persons"].sum()
    synth = first.groupby(M.MUNICIPALITY)[M.PERSONS].sum().reindex(real.index, fill_value=0)
    assert np.corrcoef(real, synth)[0, 1] > 0.99
    assert synth["0301"] / 60_000 == pytest.approx(real["0301"] / real.sum(), rel=0.05)


def test_moves_are_consistent_records(moves):
    assert (moves[M.ORIGIN] != moves[M.DESTINATION]).all()
    assert not ((moves[M.ORIGIN] == M.ABROAD) & (moves[M.DESTINATION] == M.ABROAD)).any()
    assert (pd.to_datetime(moves[M.DATE]).dt.year == moves[M.YEAR]).all()
    for col, codes in ((M.SEX, M.SEXES), (M.BIRTHPLACE, M.BIRTHPLACES),
                       (M.IMMIGRANT_CATEGORY, M.IMMIGRANT_CATEGORIES),
                       (M.COUNTRY_BACKGROUND, M.COUNTRY_BACKGROUNDS),
                       (M.OCCUPATION, M.OCCUPATIONS), (M.FAMILY_TYPE, M.FAMILY_TYPES)):
        assert set(moves[col]) <= set(codes), col
    imm = moves[M.IMMIGRANT_CATEGORY]
    assert (moves.loc[imm == "immigrant", M.BIRTHPLACE] == "abroad").all()
    assert (moves.loc[imm == "rest", M.COUNTRY_BACKGROUND] == "NO").all()
    assert (moves.loc[imm != "rest", M.COUNTRY_BACKGROUND] != "NO").all()
    assert (moves.loc[moves[M.AGE] < 17, M.FAMILY_TYPE] == "child").all()
    assert (moves.loc[moves[M.FAMILY_TYPE] == "child", M.AGE] <= 18).all()
    assert (moves.loc[moves[M.AGE] < 17, M.OCCUPATION] == "none").all()
    assert (moves.loc[moves[M.ORIGIN] == M.ABROAD, M.BIRTHPLACE] != "same").all()
    # a person moves at most once a year; ids link moves across years
    assert not moves.duplicated([M.PERSON_ID, M.YEAR]).any()
    assert moves[M.PERSON_ID].duplicated().any()


def test_volumes_look_like_norway(moves, population):
    """Per 100 inhabitants and year: ~4 internal moves, ~1 immigration, <1 emigration."""
    persons = population.groupby(M.YEAR)[M.PERSONS].sum()
    internal = moves[(moves[M.ORIGIN] != M.ABROAD) & (moves[M.DESTINATION] != M.ABROAD)]
    per100 = 100 * internal.groupby(M.YEAR).size() / persons
    assert per100.between(3.0, 5.5).all()
    immig = 100 * (moves[M.ORIGIN] == M.ABROAD).groupby(moves[M.YEAR]).sum() / persons
    emig = 100 * (moves[M.DESTINATION] == M.ABROAD).groupby(moves[M.YEAR]).sum() / persons
    assert immig.between(0.6, 2.0).all() and emig.between(0.3, 1.3).all()


def test_county_shares_follow_the_2011_seed(moves, real_geography):
    """Internal moves between 2024 counties: destination shares per origin county as in SSB's
    2011 O-D table (merged to 2024 counties), computed here independently with pandas."""
    to_new = {old: new for new, olds in COUNTIES_2024_TO_2011.items() for old in olds}
    seed = datasets.load("ssb-counties").flows.frame
    seed = seed[(seed["origin_code"] != "ABROAD") & (seed["destination_code"] != "ABROAD")]
    seed = seed.assign(o=seed["origin_code"].map(to_new), d=seed["destination_code"].map(to_new),
                       n=seed["moves"].fillna(0).astype(float))
    target = seed.groupby(["o", "d"])["n"].sum().unstack(fill_value=0)
    target.loc["03", "03"] = 0.0  # Oslo is one municipality: no moves within the county
    target = target.div(target.sum(axis=1), axis=0)
    internal = moves[(moves[M.ORIGIN] != M.ABROAD) & (moves[M.DESTINATION] != M.ABROAD)]
    got = (internal.groupby([internal[M.ORIGIN].str[:2], internal[M.DESTINATION].str[:2]])
           .size().unstack(fill_value=0))
    n = got.sum(axis=1)
    got = got.div(n, axis=0).reindex(columns=target.columns, fill_value=0)
    expected = target.loc[got.index]
    z = (got - expected).abs() / np.sqrt(expected * (1 - expected) / n.to_numpy()[:, None]
                                         + 1e-9)
    assert (n >= 300).sum() >= 12
    assert z.to_numpy().max() < 4.5  # binomial sampling error only
    # the destination model itself reproduces the targets exactly for every origin
    probs = real_geography.destination
    counties = real_geography.counties
    for i in (real_geography.index("0301"), real_geography.index("4601")):
        by_county = pd.Series(probs[i]).groupby(counties).sum()
        row = target.loc[counties[i]]
        assert np.allclose(by_county.reindex(row.index, fill_value=0), row, atol=1e-9)


def test_oslo_out_migration_peaks_in_the_late_twenties(moves, population):
    """Seed 004, figure 2: moves out of Oslo per 100 inhabitants by age peak in the late 20s."""
    out = moves[(moves[M.ORIGIN] == "0301")]
    pop = population[population[M.MUNICIPALITY] == "0301"]
    groups = lambda s: (s.clip(upper=80) // 5) * 5
    rate = (out.groupby(groups(out[M.AGE])).size()
            / pop.groupby(groups(pop[M.AGE]))[M.PERSONS].sum())
    assert rate.idxmax() in (25, 30)
    assert rate.max() > 3 * rate.loc[50]


@pytest.mark.data("rogers-castro-fundamental")
def test_rogers_castro_schedules_against_the_fundamental():
    """The schedules are Rogers–Castro curves: fundamental parameters (Rogers & Castro 1981,
    migest's rc_model_fund) peak at mu2 + ln(lambda2/alpha2)/lambda2; the synthetic ones peak
    at the same closed form, the city schedule about four years later."""
    from flytt.indices.age import rogers_castro

    fund = pd.read_csv(ref("rogers-castro-fundamental"))
    fund = dict(zip(fund["param"], fund["value"].astype(float)))
    ages = np.linspace(10, 60, 50_001)

    def peak(p):
        return ages[np.argmax(rogers_castro(ages, p))]

    def closed(p):
        return p["mu2"] + np.log(p["lambda2"] / p["alpha2"]) / p["lambda2"]

    for params in (fund, INTERNAL_RC, CITY_RC):
        labour = {**params, "a1": 0.0, "c": 0.0}
        assert peak(labour) == pytest.approx(closed(params), abs=0.01)
        assert peak(params) == pytest.approx(closed(params), abs=0.5)
    assert closed(fund) == pytest.approx(23.47, abs=0.01)
    assert 3 < closed(CITY_RC) - closed(INTERNAL_RC) < 6


def test_scenario_2020_raises_home_office_out_migration_from_oslo(tmp_path, real_geography):
    kw = {"persons": 40_000, "years": range(2019, 2021), "seed": 3,
          "geography": real_geography}
    with_s = read(synthesize(tmp_path / "a", **kw).moves_dir, "moves")
    without = read(synthesize(tmp_path / "b", scenario=NO_SCENARIO, **kw).moves_dir, "moves")

    def count(m, occ):
        sel = ((m[M.ORIGIN] == "0301") & (m[M.DESTINATION] != M.ABROAD) & (m[M.YEAR] == 2020)
               & (m[M.OCCUPATION] == occ))
        return sel.sum()

    assert count(with_s, "2") > 1.2 * count(without, "2")
    assert count(with_s, "7") < 1.15 * max(count(without, "7"), 1)
    # 2019 is untouched: the scenario only changes the scenario year
    a19, b19 = (m[m[M.YEAR] == 2019].reset_index(drop=True) for m in (with_s, without))
    pd.testing.assert_frame_equal(a19, b19)


def test_deterministic_for_a_seed_whatever_the_workers(tmp_path):
    kw = {"persons": 6_000, "years": range(2019, 2021), "geography": "builtin",
          "chunk_persons": 2_000}
    a = synthesize(tmp_path / "a", seed=5, workers=1, **kw)
    b = synthesize(tmp_path / "b", seed=5, workers=2, **kw)
    c = synthesize(tmp_path / "c", seed=6, workers=1, **kw)
    ta, tb, tc = (read(r.moves_dir, "moves") for r in (a, b, c))
    pd.testing.assert_frame_equal(ta, tb)
    pd.testing.assert_frame_equal(read(a.population_dir, "population"),
                                  read(b.population_dir, "population"))
    assert not ta.equals(tc)
    assert ta[M.PERSON_ID].max() < 6_000 * 1.2 and ta[M.PERSON_ID].min() >= 0


def test_builtin_geography_is_real_codes_and_used_offline(tmp_path, monkeypatch,
                                                          real_geography):
    builtin = load_geography("builtin")
    assert builtin.source == "builtin" and len(builtin.codes) == 64
    real = dict(zip(real_geography.codes, real_geography.names))
    for code, name in zip(builtin.codes, builtin.names):
        assert real[code].split(" - ")[0] == name
    assert set(builtin.counties) == set(COUNTIES_2024_TO_2011)
    monkeypatch.setenv("FLYTT_DATA_MIRROR", str(tmp_path / "empty"))
    auto = load_geography("auto")
    assert auto.source == "builtin" and "unavailable" in auto.description
    with pytest.raises(NotFoundError):
        load_geography("real")


def test_destination_model_rows_are_distributions(real_geography):
    p = real_geography.destination
    assert np.allclose(p.sum(axis=1), 1) and (np.diag(p) == 0).all() and (p >= 0).all()
    dist = np.ones_like(p) * 100
    with pytest.raises(DataError, match="not 2024 counties"):
        destination_model(["9999", "9998"], np.ones(2), dist[:2, :2])


def test_bad_arguments(tmp_path):
    with pytest.raises(InputError):
        synthesize(tmp_path, persons=10, years=[2010, 2012], geography="builtin")
    with pytest.raises(InputError):
        synthesize(tmp_path, persons=0, years=[2010], geography="builtin")
    synthesize(tmp_path, persons=100, years=[2010], geography="builtin")
    with pytest.raises(InputError, match="not empty"):
        synthesize(tmp_path, persons=100, years=[2010], geography="builtin")


def test_cli_synth(tmp_path):
    runner = CliRunner()
    res = runner.invoke(app, ["synth", "--persons", "3000", "--years", "2019-2020", "--out",
                              str(tmp_path / "r"), "--geography", "builtin", "--seed", "2"])
    assert res.exit_code == 0, res.output
    assert "SYNTHETIC" in res.output and "built-in" in res.output
    assert sorted(p.name for p in (tmp_path / "r" / "moves").iterdir()) == \
        ["year=2019", "year=2020"]
    res = runner.invoke(app, ["synth", "--years", "2020-2019", "--out", str(tmp_path / "x")])
    assert isinstance(res.exception, InputError)
    assert "--years '2020-2019' is empty" in str(res.exception)


def test_cli_synth_bad_out_and_years_are_clear_errors_before_any_progress(tmp_path):
    """An existing FILE as --out, a file parent, an existing register without --overwrite
    and a reversed --years are one-line errors naming the option, printed before the
    progress bar (found in a new-user trial: NotADirectoryError traceback)."""
    import subprocess
    import sys

    def flytt(*args):
        return subprocess.run([sys.executable, "-c", "from flytt.cli.app import main; main()",
                               "synth", "--persons", "1000", "--geography", "builtin", *args],
                              capture_output=True, text=True, cwd=tmp_path)

    (tmp_path / "my_flows.csv").write_text("a,b\n")
    for out in ("my_flows.csv", "my_flows.csv/sub"):
        res = flytt("--years", "2016-2017", "--out", out)
        assert res.returncode == 2, res.stderr
        assert "Traceback" not in res.stderr and "error:" in res.stderr
        assert "--out" in res.stderr and "my_flows.csv" in res.stderr
        assert "persons simulated" not in res.stderr
    assert (tmp_path / "my_flows.csv").read_text() == "a,b\n"
    res = flytt("--years", "2020-2016", "--out", "x")
    assert res.returncode == 2 and "--years '2020-2016' is empty" in res.stderr
    assert not (tmp_path / "x").exists()
    assert flytt("--years", "2016", "--out", "reg").returncode == 0
    res = flytt("--years", "2016", "--out", "reg")
    assert res.returncode == 2 and "--overwrite" in res.stderr
    assert "persons simulated" not in res.stderr
    assert flytt("--years", "2016", "--out", "reg", "--overwrite").returncode == 0


def test_synthesize_refuses_a_file_as_out_dir(tmp_path):
    target = tmp_path / "flows.csv"
    target.write_text("x")
    with pytest.raises(InputError, match="is a file"):
        synthesize(target, persons=10, years=[2010], geography="builtin")
    synthesize(tmp_path / "reg", persons=10, years=[2010], geography="builtin")
    with pytest.raises(InputError, match="overwrite=True"):
        synthesize(tmp_path / "reg", persons=10, years=[2010], geography="builtin")
