"""The behavioural model of the synthetic register: who the persons are and how they move.

Every number here is a documented assumption chosen to look like Norway around 2010–2020,
not an estimate. Persons carry fixed traits (sex, birth date, birth municipality, immigrant
category, country background, career occupation) and states that follow from age on
1 January (occupation or ``none``, family type). Each year a person in Norway

1. dies with a Gompertz probability ``exp(-10.2 + 0.092·age)``;
2. otherwise moves to another municipality with probability
   ``RC(age) × factors`` (Rogers–Castro schedule :data:`INTERNAL_RC`, or
   :data:`CITY_RC` out of the largest cities, whose leavers peak in the late 20s) or
   emigrates with probability ``RC_emig(age) × factors`` — the factors are the tables
   below (family type, birthplace, immigrant category, country background) and the
   :class:`Scenario` of a year;
3. destinations of internal moves follow the gravity model of
   :func:`flytt.synth.geography.destination_model`.

Persons abroad (a pool of later immigrants and Norwegians abroad) immigrate with a yearly
probability by immigrant category, to a municipality drawn ∝ population (cities weighted
up); births enter at age 0 in a municipality ∝ its infants. At most one move per person
and year.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import microdata as M
from .geography import MAX_AGE, Geography

# --- attribute code indexes (positions in the microdata code tuples) ---------------------
SEX_M, SEX_F = 0, 1
BP_SAME, BP_NORWAY, BP_ABROAD = (M.BIRTHPLACES.index(b) for b in ("same", "norway", "abroad"))
IMM, NBTI, REST = (M.IMMIGRANT_CATEGORIES.index(c) for c in
                   ("immigrant", "norwegian_born_to_immigrants", "rest"))
OCC_NONE = M.OCCUPATIONS.index("none")
SINGLE, COUPLE_NO, COUPLE_WITH, SINGLE_PARENT, CHILD = range(len(M.FAMILY_TYPES))
NO = M.COUNTRY_BACKGROUNDS.index("NO")

INTERNAL_RC = {"a1": 0.05, "alpha1": 0.10, "a2": 0.20, "alpha2": 0.09, "mu2": 20.0,
               "lambda2": 0.35, "c": 0.010}
"""Yearly probability of moving to another municipality by age (peak ≈ 12 % at 24)."""
CITY_RC = {"a1": 0.05, "alpha1": 0.10, "a2": 0.17, "alpha2": 0.08, "mu2": 24.0,
           "lambda2": 0.30, "c": 0.010}
"""The same out of the :data:`CITIES` (peak ≈ 10 % at 28: students stay, families leave)."""
EMIGRATION_RC = {"a1": 0.003, "alpha1": 0.10, "a2": 0.022, "alpha2": 0.08, "mu2": 20.0,
                 "lambda2": 0.30, "c": 0.002}
"""Yearly probability of emigrating by age, before the factors."""
CITIES = ("0301", "4601", "5001", "1103", "4204")
"""Oslo, Bergen, Trondheim, Stavanger, Kristiansand."""

FAMILY_FACTOR = np.array([1.35, 1.10, 0.60, 0.85, 1.0])
BIRTHPLACE_FACTOR = np.array([0.70, 1.25, 1.0])
IMMIGRANT_FACTOR = np.array([1.20, 0.90, 1.0])
EMIGRATION_IMMIGRANT_FACTOR = np.array([5.0, 1.3, 0.5])
EMIGRATION_CITY_FACTOR = 1.1

COUNTRY_WEIGHTS = {
    IMM: {"PL": 13, "LT": 6, "SE": 6, "SO": 5, "SY": 5, "DE": 4, "IQ": 4, "PH": 4, "ER": 4,
          "PK": 3, "DK": 3, "VN": 3, "IR": 3, "TH": 3, "RU": 3, "ZZ": 31},
    NBTI: {"PK": 15, "SO": 12, "VN": 9, "IQ": 8, "PL": 8, "IR": 5, "SY": 4, "ER": 4, "PH": 2,
           "LT": 2, "TH": 1, "RU": 2, "ZZ": 28},
}
"""Country background (ISO 3166-1 alpha-2; ``ZZ`` = all other countries) of immigrants and
of Norwegian-born to immigrant parents, in percent."""
COUNTRY_EMIGRATION_FACTOR = {"SE": 1.8, "DK": 1.8, "DE": 1.6, "PL": 1.3, "LT": 1.3}

OCCUPATION_WEIGHTS = np.array([0.5, 8, 27, 16, 7, 22, 2, 7, 5, 5.5, 0])
"""ISCO-08 major groups 0–9 of the employed (percent); ``none`` has weight 0 here."""
OCCUPATION_TILT = {
    "city": np.array([1, 1.2, 1.5, 1.1, 1.0, 0.9, 0.2, 0.7, 0.6, 0.9, 1]),
    "immigrant": np.array([0.2, 0.6, 0.6, 0.7, 0.9, 1.6, 0.8, 1.2, 1.5, 3.0, 1]),
}


def _ramp(points: list[tuple[int, float]]) -> np.ndarray:
    ages = np.arange(MAX_AGE + 1)
    xs, ys = zip(*points)
    return np.interp(ages, xs, ys)


EMPLOYMENT = _ramp([(17, 0.0), (18, 0.35), (24, 0.65), (30, 0.85), (55, 0.82), (62, 0.65),
                    (66, 0.35), (67, 0.0)])
"""Share employed (has an occupation) by age on 1 January."""
FAMILY_CUMULATIVE = np.stack([
    _ramp([(18, 0.92), (25, 0.62), (30, 0.38), (40, 0.22), (60, 0.22), (80, 0.45)]),
    _ramp([(18, 0.99), (25, 0.92), (30, 0.62), (40, 0.36), (55, 0.52), (65, 0.95), (80, 1.0)]),
    _ramp([(18, 0.995), (25, 0.97), (30, 0.93), (40, 0.93), (55, 0.97), (65, 1.0)]),
], axis=1)
"""Cumulative probabilities of single, couple without children and couple with children
by age (the rest are single parents), for adults 18+; children 0–17 are ``child``."""
DEATH = np.minimum(1.0, np.exp(-10.2 + 0.092 * np.arange(MAX_AGE + 1)))
MONTH_WEIGHTS = np.array([7, 6.5, 7.5, 7.5, 8, 10, 9, 12, 9, 8, 7.5, 8], float)
"""Moves by calendar month (relative): the August peak of students and families."""
IMMIGRATION = np.array([0.15, 0.15, 0.15])
"""Yearly probability that a person abroad, aged 18–45, immigrates (half that otherwise)."""
ABROAD_POOL = 0.10
"""Persons initially abroad per person in Norway on 1 January of the first year."""
BIRTHS = 0.0105
"""Births per person in Norway per year."""


@dataclass(frozen=True)
class Scenario:
    """Year-specific multipliers: by default the 2020 pandemic year out of Oslo (seed 004).

    For moves out of ``origins`` in ``year``: internal moves are multiplied by
    ``internal_by_occupation`` (home-office occupations most), by ``internal_by_family``
    and by ``internal_older`` for ages ``≥ 30``; emigration of immigrants by
    ``emigration_immigrants`` and, for persons with a country background and occupation in
    ``emigration_by_country_occupation``, by that factor.
    """

    year: int = 2020
    origins: tuple[str, ...] = ("0301",)
    internal_by_occupation: dict[str, float] = field(default_factory=lambda: {
        "2": 1.40, "3": 1.22, "4": 1.18, "5": 1.12})
    internal_by_family: dict[str, float] = field(default_factory=lambda: {
        "single": 1.10, "couple_no_children": 1.10})
    internal_older: float = 1.08
    emigration_immigrants: float = 1.12
    emigration_by_country_occupation: dict[tuple[str, str], float] = field(
        default_factory=lambda: {("SE", "5"): 0.55})

    def describe(self) -> dict:
        return {"year": self.year, "origins": list(self.origins),
                "internal_by_occupation": self.internal_by_occupation,
                "internal_by_family": self.internal_by_family,
                "internal_older_30_plus": self.internal_older,
                "emigration_immigrants": self.emigration_immigrants,
                "emigration_by_country_occupation": {
                    f"{c}/{o}": f for (c, o), f in self.emigration_by_country_occupation.items()}}


NO_SCENARIO = Scenario(year=-1, origins=())
"""No year-specific effects."""


def universe(present: int, years: int) -> int:
    """Persons simulated for ``present`` persons in Norway: plus the abroad pool and births."""
    return present + round(present * ABROAD_POOL) + round(present * BIRTHS * years)


def categorical(rng: np.random.Generator, cum: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Draw one category per entry of ``rows`` from the row-wise cumulative probability
    matrix ``cum`` (each row increasing, ending at 1): vectorised by offsetting row ``r``
    by ``r`` and searching the flattened matrix once."""
    k = cum.shape[1]
    flat = (cum + np.arange(cum.shape[0])[:, None]).ravel()
    hit = np.searchsorted(flat, rows + rng.random(len(rows)), side="right")
    return np.minimum(hit - rows * k, k - 1)


def _cum(p: np.ndarray) -> np.ndarray:
    c = np.cumsum(p, axis=-1)
    return c / c[..., -1:]


@dataclass
class Persons:
    """The persons of one chunk (structure of arrays). ``loc``/``birth_muni`` = −1: abroad."""

    person_id: np.ndarray
    birth_year: np.ndarray
    birth_doy: np.ndarray
    sex: np.ndarray
    imm: np.ndarray
    country: np.ndarray
    career: np.ndarray
    u_emp: np.ndarray
    u_fam: np.ndarray
    birth_muni: np.ndarray
    loc: np.ndarray
    alive: np.ndarray


@dataclass(frozen=True)
class Model:
    """Lookup tables built once per register from the geography."""

    geo: Geography
    scenario: Scenario
    rc: np.ndarray              # [2, age]: internal schedule, row 1 for city origins
    emig: np.ndarray            # [age]
    city: np.ndarray            # [muni] bool
    dest_cum: np.ndarray        # [muni, muni]
    settle_cum: np.ndarray      # [muni] immigrants' destinations
    pop_cum: np.ndarray         # [muni*age*sex] initial population
    infant_cum: np.ndarray      # [muni] births
    country_cum: np.ndarray     # [imm category, country]
    occ_cum: np.ndarray         # [tilt 0..3 (city*1 + immigrant*2), occupation]
    country_emig: np.ndarray    # [country]
    month_cum: np.ndarray

    @classmethod
    def build(cls, geo: Geography, scenario: Scenario) -> Model:
        from ..indices.age import rogers_castro

        ages = np.arange(MAX_AGE + 1)
        city = np.array([c in CITIES for c in geo.codes])
        totals = geo.totals
        country = np.zeros((3, len(M.COUNTRY_BACKGROUNDS)))
        for cat, weights in COUNTRY_WEIGHTS.items():
            for code, w in weights.items():
                country[cat, M.COUNTRY_BACKGROUNDS.index(code)] = w
        country[REST, NO] = 1.0
        occ = np.stack([OCCUPATION_WEIGHTS * (OCCUPATION_TILT["city"] if c else 1)
                        * (OCCUPATION_TILT["immigrant"] if i else 1)
                        for i in (0, 1) for c in (0, 1)])
        country_emig = np.ones(len(M.COUNTRY_BACKGROUNDS))
        for code, f in COUNTRY_EMIGRATION_FACTOR.items():
            country_emig[M.COUNTRY_BACKGROUNDS.index(code)] = f
        return cls(
            geo=geo, scenario=scenario,
            rc=np.stack([rogers_castro(ages, INTERNAL_RC), rogers_castro(ages, CITY_RC)]),
            emig=rogers_castro(ages, EMIGRATION_RC), city=city,
            dest_cum=_cum(geo.destination), settle_cum=_cum(totals * np.where(city, 2.0, 1.0)),
            pop_cum=_cum(geo.population.ravel()), infant_cum=_cum(geo.population[:, 0, :].sum(1)),
            country_cum=_cum(country), occ_cum=_cum(occ), country_emig=country_emig,
            month_cum=_cum(MONTH_WEIGHTS))

    # ------------------------------------------------------------------ persons
    def persons(self, rng: np.random.Generator, present: int, first_year: int, years: int,
                first_id: int) -> Persons:
        """Persons of one chunk: ``present`` in Norway on 1 January of ``first_year``, plus
        the abroad pool and the births of the ``years`` years in proportion."""
        abroad, born = round(present * ABROAD_POOL), round(present * BIRTHS * years)
        n = universe(present, years)
        n_muni = len(self.geo.codes)
        sexes = 2
        # present: (municipality, age on 1 January, sex) from the population
        cell = np.searchsorted(self.pop_cum, rng.random(present), side="right")
        cell = np.minimum(cell, len(self.pop_cum) - 1)
        muni_p, rem = np.divmod(cell, (MAX_AGE + 1) * sexes)
        age_p, sex_p = np.divmod(rem, sexes)
        age_a = np.clip(rng.normal(28, 11, abroad), 0, 80).astype(np.int64)
        year_b = first_year + rng.integers(0, years, born)
        muni_b = np.minimum(np.searchsorted(self.infant_cum, rng.random(born), side="right"),
                            n_muni - 1)
        birth_year = np.concatenate([first_year - 1 - age_p, first_year - 1 - age_a, year_b])
        loc = np.concatenate([muni_p, np.full(abroad, -1), muni_b]).astype(np.int16)
        sex = np.concatenate([sex_p, rng.integers(0, 2, abroad + born)]).astype(np.int8)
        # immigrant category: immigrants 20-64 most often, in cities more
        u = rng.random(n)
        age0 = np.concatenate([age_p, age_a, np.zeros(born, int)])
        cityf = np.where(self.city[np.maximum(loc, 0)] & (loc >= 0), 1.6, 1.0)
        p_imm = np.where((age0 >= 20) & (age0 < 65), 0.15, np.where(age0 < 20, 0.07, 0.05))
        p_nbti = np.where(age0 < 20, 0.05, np.where(age0 < 40, 0.015, 0.002))
        imm = np.where(u < p_imm * cityf, IMM, np.where(u < (p_imm + p_nbti) * cityf, NBTI, REST))
        abroad_slice = slice(present, present + abroad)
        imm[abroad_slice] = np.where(u[abroad_slice] < 0.75, IMM, REST)
        born_slice = slice(present + abroad, n)
        imm[born_slice] = np.where(u[born_slice] < 0.15 * cityf[born_slice], NBTI, REST)
        country = categorical(rng, self.country_cum, imm)
        career = categorical(rng, self.occ_cum, self.city[np.maximum(loc, 0)].astype(int)
                             + 2 * (imm == IMM))
        # birth municipality: immigrants abroad; others mostly where they live
        p_same = np.where(age0 < 18, 0.80, 0.45)
        stay = rng.random(n) < np.where(imm == NBTI, 0.70, p_same)
        elsewhere = np.minimum(np.searchsorted(self.settle_cum, rng.random(n), side="right"),
                               n_muni - 1)
        birth_muni = np.where(stay & (loc >= 0), loc, elsewhere)
        birth_muni[born_slice] = loc[born_slice]
        birth_muni = np.where((imm == IMM) | ((imm == REST) & (rng.random(n) < 0.03)), -1,
                              birth_muni).astype(np.int16)
        return Persons(
            person_id=first_id + np.arange(n, dtype=np.int64),
            birth_year=birth_year.astype(np.int16),
            birth_doy=rng.integers(0, 365, n).astype(np.int16), sex=sex,
            imm=imm.astype(np.int8), country=country.astype(np.int8),
            career=career.astype(np.int8), u_emp=rng.random(n, dtype=np.float32),
            u_fam=rng.random(n, dtype=np.float32), birth_muni=birth_muni, loc=loc,
            alive=np.ones(n, bool))

    # ------------------------------------------------------------------ states
    @staticmethod
    def states(p: Persons, idx: np.ndarray, age: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Occupation and family type of persons ``idx`` at ``age`` (on 1 January)."""
        occ = np.where(p.u_emp[idx] < EMPLOYMENT[age], p.career[idx], OCC_NONE)
        fam = (p.u_fam[idx][:, None] > FAMILY_CUMULATIVE[age]).sum(axis=1)
        fam = np.where(age < 18, CHILD, fam)
        return occ.astype(np.int8), fam.astype(np.int8)

    @staticmethod
    def birthplace(birth_muni: np.ndarray, where: np.ndarray) -> np.ndarray:
        """``same`` / ``norway`` / ``abroad`` relative to municipality ``where``."""
        return np.where(birth_muni < 0, BP_ABROAD,
                        np.where(birth_muni == where, BP_SAME, BP_NORWAY)).astype(np.int8)

    # ------------------------------------------------------------------ one year
    def year(self, rng: np.random.Generator, p: Persons, year: int) -> tuple[dict, dict]:
        """Simulate ``year``: returns the population on 1 January and the moves, each as a
        dict of equal-length code arrays (codes index the microdata code tuples)."""
        # everyone alive and born by the end of the year, with states on 1 January
        candidates = np.flatnonzero(p.alive & (p.birth_year <= year))
        age_jan = year - 1 - p.birth_year[candidates].astype(np.int64)
        age_c = np.clip(age_jan, 0, MAX_AGE)
        loc = p.loc[candidates].astype(np.int64)
        occ_c, fam_c = self.states(p, candidates, age_c)
        bp_c = self.birthplace(p.birth_muni[candidates], loc)
        # population on 1 January: those in Norway, born before the year
        pop = (loc >= 0) & (age_jan >= 0)
        population = {"municipality": loc[pop], "age": age_c[pop],
                      "sex": p.sex[candidates[pop]], "birthplace": bp_c[pop],
                      "immigrant_category": p.imm[candidates[pop]],
                      "country_background": p.country[candidates[pop]],
                      "occupation": occ_c[pop], "family_type": fam_c[pop]}
        # deaths during the year (no move recorded for the dying)
        dies = rng.random(len(candidates)) < DEATH[age_c]
        p.alive[candidates[dies]] = False
        # internal moves and emigration of residents
        res = ~dies & (loc >= 0)
        r_idx, r_age, origin = candidates[res], age_c[res], loc[res]
        occ, fam, bp = occ_c[res], fam_c[res], bp_c[res]
        imm, country = p.imm[r_idx], p.country[r_idx]
        city = self.city[origin]
        p_int = (self.rc[city.astype(int), r_age] * FAMILY_FACTOR[fam] * BIRTHPLACE_FACTOR[bp]
                 * IMMIGRANT_FACTOR[imm])
        p_em = (self.emig[r_age] * EMIGRATION_IMMIGRANT_FACTOR[imm] * self.country_emig[country]
                * np.where(city, EMIGRATION_CITY_FACTOR, 1.0))
        sc = self.scenario
        if year == sc.year and sc.origins:
            hit = np.isin(origin, [self.geo.index(c) for c in sc.origins if c in self.geo.codes])
            f_int = np.ones(len(r_idx))
            for code, f in sc.internal_by_occupation.items():
                f_int[occ == M.OCCUPATIONS.index(code)] *= f
            for code, f in sc.internal_by_family.items():
                f_int[fam == M.FAMILY_TYPES.index(code)] *= f
            f_int[r_age >= 30] *= sc.internal_older
            f_em = np.where(imm == IMM, sc.emigration_immigrants, 1.0)
            for (cb, oc), f in sc.emigration_by_country_occupation.items():
                f_em[(country == M.COUNTRY_BACKGROUNDS.index(cb))
                     & (occ == M.OCCUPATIONS.index(oc))] *= f
            p_int = np.where(hit, p_int * f_int, p_int)
            p_em = np.where(hit, p_em * f_em, p_em)
        u = rng.random(len(r_idx))
        internal = u < p_int
        emigrate = ~internal & (u < p_int + p_em)
        movers = internal | emigrate
        dest = np.full(len(r_idx), -1, dtype=np.int64)
        dest[internal] = categorical(rng, self.dest_cum, origin[internal])
        m_idx = r_idx[movers]
        moves_out = {"idx": m_idx, "origin": origin[movers], "destination": dest[movers],
                     "birthplace": bp[movers], "occupation": occ[movers],
                     "family_type": fam[movers]}
        # immigration of persons abroad
        away = ~dies & (loc < 0)
        a_idx, a_age = candidates[away], age_c[away]
        h = IMMIGRATION[p.imm[a_idx]] * np.where((a_age >= 18) & (a_age <= 45), 1.0, 0.5)
        arrive = rng.random(len(a_idx)) < h
        i_idx = a_idx[arrive]
        i_dest = np.minimum(np.searchsorted(self.settle_cum, rng.random(len(i_idx)),
                                            side="right"), len(self.geo.codes) - 1)
        i_occ, i_fam = occ_c[away][arrive], fam_c[away][arrive]
        i_bp = np.where(p.birth_muni[i_idx] < 0, BP_ABROAD, BP_NORWAY).astype(np.int8)
        moves_in = {"idx": i_idx, "origin": np.full(len(i_idx), -1), "destination": i_dest,
                    "birthplace": i_bp, "occupation": i_occ, "family_type": i_fam}
        moves = {k: np.concatenate([moves_out[k], moves_in[k]]) for k in moves_out}
        p.loc[moves["idx"]] = moves["destination"].astype(np.int16)
        moves.update(self._dates_and_ages(rng, p, moves["idx"], year))
        for key in ("sex", "immigrant_category", "country_background", "person_id"):
            src = {"sex": p.sex, "immigrant_category": p.imm, "country_background": p.country,
                   "person_id": p.person_id}[key]
            moves[key] = src[moves["idx"]]
        del moves["idx"]
        return population, moves

    def _dates_and_ages(self, rng: np.random.Generator, p: Persons, idx: np.ndarray,
                        year: int) -> dict:
        month = np.minimum(np.searchsorted(self.month_cum, rng.random(len(idx)), side="right"),
                           11)
        first = np.datetime64(f"{year}-01-01", "D")
        month_start = np.array([np.datetime64(f"{year}-{m:02d}-01", "D") for m in range(1, 13)])
        month_len = np.diff(np.append(month_start, np.datetime64(f"{year + 1}-01-01", "D")))
        day = month_start[month] + (rng.random(len(idx)) * month_len[month].astype(float)
                                    ).astype("timedelta64[D]")
        doy = (day - first).astype(np.int64)
        newborn = p.birth_year[idx] == year
        doy = np.where(newborn, np.maximum(doy, p.birth_doy[idx]), doy)
        age = year - p.birth_year[idx].astype(np.int64) - (doy < p.birth_doy[idx])
        return {"date": first + doy.astype("timedelta64[D]"),
                "age": np.clip(age, 0, MAX_AGE).astype(np.int16)}
