"""The city analysis: the pure core on a register's rows (:func:`analyse_register`)
and the orchestration that reads a register directory (:func:`analyse`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from .. import microdata as M
from ..decomposition import TOTAL
from ..disclosure import resolve
from ..errors import InputError, NotFoundError
from ..i18n import t
from ..options import DISCLOSURES, LANGS, Disclosure, Lang, check
from ..readers import parse_year_range
from ..tables import FrameTable
from .decompose import decomposition_part, totals_from_trend
from .layouts import DEFAULT_BACKGROUND, MIN_BACKGROUND_EMIGRANTS
from .parts import (
    age_parts,
    background_part,
    birthplace_family_part,
    destinations_part,
    occupation_part,
    trend_part,
)
from .places import Places, places
from .protection import disclosure_note, protect_part
from .register import Register, _suggest, read_register
from .tabulate import _span, out_migrations


@dataclass(frozen=True)
class CityResult:
    """The out-migration analysis of one municipality: every part and its notes."""

    code: str
    name: str
    focus: int
    baseline: tuple[int, int]
    compare: tuple[str, ...]
    lang: Lang
    disclosure: Disclosure
    country_background: str | None
    trend: FrameTable
    age: FrameTable
    age_groups: FrameTable
    occupation: FrameTable
    background: FrameTable
    birthplace_family: FrameTable
    destinations: FrameTable
    decomposition: FrameTable
    names: dict[str, str] = field(default_factory=dict)
    notes: tuple[str, ...] = ()
    synthetic: bool = False
    """The register is synthetic: every output says so (:attr:`synthetic_note`)."""
    own_footnotes: Mapping[str, str] = field(default_factory=dict)
    """Each part's own footnote, without the notes of the whole analysis (synthetic
    register, disclosure control) that its file footnote repeats: for faces that show
    :attr:`notes` once beside the part."""

    @property
    def synthetic_note(self) -> str:
        """``city.synthetic_note`` in the result's language, empty for real microdata."""
        return t("city.synthetic_note", self.lang) if self.synthetic else ""

    @property
    def baseline_years(self) -> list[int]:
        return list(range(self.baseline[0], self.baseline[1] + 1))

    @property
    def parts(self) -> dict[str, FrameTable]:
        """Every part by CSV name (``age`` → ``age.csv``), in figure order."""
        return {p.name: p for p in (self.trend, self.age, self.age_groups, self.occupation,
                                    self.background, self.birthplace_family,
                                    self.destinations, self.decomposition)}

    def part(self, name: str) -> FrameTable:
        try:
            return self.parts[name]
        except KeyError:
            raise NotFoundError(f"no part '{name}'; parts: {', '.join(self.parts)}") from None

    def to_frame(self, part: str = "decomposition") -> pd.DataFrame:
        return self.part(part).to_frame()

    def summary(self, destination: str = "all", attribute: str = "age_group"
                ) -> dict[str, float]:
        """The decomposition by ``attribute`` (``total`` = no grouping) summed over its
        categories for ``destination`` (all/domestic/abroad): baseline mean and focus
        out-migrants and the effects, in persons. Under disclosure control these are the
        published totals (trend.csv), the same for every ``attribute``."""
        d = self.decomposition.frame
        row = d[(d["destination"] == destination) & (d["attribute"] == attribute)
                & (d["category"] == TOTAL)].iloc[0]
        cols = ("baseline_out_migrants", "focus_out_migrants", "size_effect",
                "composition_effect", "population_effect", "rate_effect", "unmatched_effect",
                "disclosure_adjustment", "change")
        return {c: float(row[c]) if pd.notna(row[c]) else float("nan") for c in cols}

    def write_csv(self, directory: str | Path) -> list[Path]:
        """Write every part as ``<name>.csv`` into ``directory`` and ``notes.txt`` (what
        was analysed, the disclosure control applied, notes); returns the CSV paths."""
        from ..output import csv_text, write_file

        directory = Path(directory)
        paths = []
        for p in self.parts.values():
            paths.append(write_file(directory / f"{p.name}.csv", csv_text(p.frame)))
        word = {w: t(f"city.{w}", self.lang) for w in ("focus", "baseline", "compared_with")}
        head = (f"flytt city {self.code} ({self.name}): {word['focus']} {self.focus}, "
                f"{word['baseline']} {self.baseline[0]}-{self.baseline[1]}"
                + (f", {word['compared_with']} {', '.join(self.compare)}" if self.compare
                   else ""))
        lines = [head, *filter(None, [self.synthetic_note]), *self.notes, "",
                 *(f"{p.name}.csv: {p.title}. {p.footnote}".strip()
                   for p in self.parts.values())]
        write_file(directory / "notes.txt", "\n".join(lines) + "\n")
        return paths


# =========================================================================== the analysis
def parse_years(text: str) -> tuple[int, int]:
    """``"2016-2019"`` (or ``2016–2019``, ``2016:2019``, ``2019``) → ``(2016, 2019)``."""
    return parse_year_range(text, "year range")


def _check(register: Register, code: str, focus: int, baseline: tuple[int, int],
           compare: Sequence[str]) -> None:
    """Clear errors for an unknown municipality, a focus year without data and a
    baseline that is empty or lacks data."""
    start, end = baseline
    if start > end:
        raise InputError(f"the baseline {start}–{end} is empty: {start} is after {end}")
    if start <= focus <= end:
        raise InputError(f"the focus year {focus} lies inside the baseline {start}–{end}")
    pop = register.population
    known = set(pop[M.MUNICIPALITY].unique())
    for c in (code, *compare):
        if c not in known:
            hint = _suggest(c, register.known) or "is the code right (4 digits, e.g. 0301)?"
            raise NotFoundError(f"municipality '{c}' has no population in the register "
                                f"{register.source}; {hint}")
    have = sorted({int(y) for y in pop.loc[pop[M.MUNICIPALITY] == code, M.YEAR].unique()}
                  & set(register.years))
    if focus not in have:
        raise NotFoundError(f"no data for {code} in {focus}: the register has moves and "
                            f"population for {_span(have)}")
    missing = [y for y in range(start, end + 1) if y not in have]
    if len(missing) == end - start + 1:
        raise NotFoundError(f"the baseline {start}–{end} has no data for {code}: the register "
                            f"has moves and population for {_span(have)}")
    if missing:
        raise NotFoundError(f"the baseline {start}–{end} lacks data for {_span(missing)}; the "
                            f"register has moves and population for {_span(have)}")


def _choose_background(out: pd.DataFrame, population: pd.DataFrame,
                       background: str | None, lang: Lang = "en",
                       years: Sequence[int] | None = None) -> tuple[str | None, str | None]:
    """The country background of seed figure 4 (emigrants counted in ``years``, the years
    the figure shows; default all) and a note when it was chosen here. The note gives no
    counts: they would bypass the disclosure control of the published parts."""
    found = set(population[M.COUNTRY_BACKGROUND].unique()) | set(
        out[M.COUNTRY_BACKGROUND].unique())
    if background is not None:
        if background not in found:
            raise NotFoundError(f"no persons with country background '{background}' in the "
                                f"city; backgrounds found: {', '.join(sorted(found)) or 'none'}")
        return background, None
    shown = out if years is None else out[out[M.YEAR].isin(list(years))]
    emigrants = shown[(shown["destination_type"] == "abroad")
                      & ~shown[M.COUNTRY_BACKGROUND].isin(["NO", "ZZ", "", "none", "nan"])]
    counts = emigrants[M.COUNTRY_BACKGROUND].value_counts()
    default = int(counts.get(DEFAULT_BACKGROUND, 0))
    if default >= MIN_BACKGROUND_EMIGRANTS or (DEFAULT_BACKGROUND in found and counts.empty):
        return DEFAULT_BACKGROUND, None
    if counts.empty:
        return None, t("city.no_background", lang)
    chosen = str(counts.index[0])
    if chosen == DEFAULT_BACKGROUND:
        return chosen, None
    default_name, chosen_name = (M.country_name(c, lang) for c in (DEFAULT_BACKGROUND, chosen))
    return chosen, t("city.other_background", lang, default=default_name, chosen=chosen_name)


def analyse_register(register: Register, code: str, *, focus: int,
                     baseline: tuple[int, int], compare: Sequence[str] = (),
                     background: str | None = None, lang: Lang = "en",
                     disclosure: Disclosure = "default",
                     where: Places | None = None) -> CityResult:
    """The out-migration analysis of municipality ``code`` in ``focus`` against the
    inclusive ``baseline`` year range (pure: register rows and ``where`` in, tables out).

    ``where``: names, counties and BA regions of the codes (:func:`~.places.places`;
    None: looked up for the register's codes from the data registry).

    ``compare``: other municipalities for the trend part. ``background``: the country
    background of part 4 (default ``SE``, else the most common foreign background among
    emigrants). ``disclosure="default"`` applies :mod:`flytt.disclosure` to every part.
    """
    check(lang, LANGS, "lang")
    check(disclosure, DISCLOSURES, "disclosure")
    compare = tuple(c for c in dict.fromkeys(compare) if c != code)
    _check(register, code, focus, baseline, compare)
    baseline_years = list(range(baseline[0], baseline[1] + 1))
    years = [*baseline_years, focus]
    out = out_migrations(register.moves, code)
    population = register.population[register.population[M.MUNICIPALITY] == code]
    if where is None:
        where = places(place_codes(register, code, compare), focus)
    notes = list(where.notes)
    pair = [baseline_years[-1], focus]
    chosen, note = _choose_background(out, population, background, lang, pair)
    if note:
        notes.append(note)
    age, age_groups = age_parts(out, population, years, lang)
    parts = {
        "trend": trend_part(register, (code, *compare), where.names, lang),
        "age": age, "age_groups": age_groups,
        "occupation": occupation_part(out, population, years, lang),
        "background": background_part(out, population, pair, chosen or "", lang),
        "birthplace_family": birthplace_family_part(out, population, years, lang),
        "destinations": destinations_part(out, code, years, focus, where, lang),
    }
    own = {name: p.footnote for name, p in parts.items()}
    own["decomposition"] = t("city.note.decomposition", lang)
    rule = resolve(disclosure)
    if rule is not None:
        parts["trend"] = protect_part(parts["trend"], rule, focus, lang=lang)
    # one set of published yearly totals (trend.csv) for the headline and every file
    totals = totals_from_trend(parts["trend"].frame, code)
    if rule is not None:
        parts = {name: p if name == "trend" else
                 protect_part(p, rule, focus, lang=lang, totals=totals)
                 for name, p in parts.items()}
    parts["decomposition"] = decomposition_part(out, population, focus, baseline_years, lang,
                                                rule, totals=totals)
    if rule is not None:
        d = parts["decomposition"]
        parts["decomposition"] = FrameTable(d.name, d.title, d.frame,
                                          f"{d.footnote} {disclosure_note(rule, lang)}.")
    notes.append(disclosure_note(rule, lang))
    if rule is not None:
        notes.append(t("city.note.decomposition_disclosure", lang))
    if register.synthetic:  # every table says it, wherever it is shown
        parts = {name: _footnoted(p, f"{t('city.synthetic_note', lang)}.") for name, p in parts.items()}
    return CityResult(code=code, name=where.names.get(code, code), focus=focus,
                      baseline=(baseline[0], baseline[1]), compare=compare, lang=lang,
                      disclosure=disclosure, country_background=chosen,
                      names={c: where.names.get(c, c) for c in (code, *compare)},
                      notes=tuple(notes), synthetic=register.synthetic, own_footnotes=own,
                      **parts)


def _footnoted(part: FrameTable, first: str) -> FrameTable:
    """``part`` with ``first`` before its footnote."""
    return replace(part, footnote=f"{first} {part.footnote}".strip())


def analyse(moves_dir: str | Path, code: str = "0301", *, focus: int = 2020,
            baseline: tuple[int, int] = (2016, 2019), compare: Sequence[str] = (),
            background: str | None = None, lang: Lang = "en",
            disclosure: Disclosure = "default") -> CityResult:
    """The out-migration analysis of ``code`` from the register in ``moves_dir``
    (``DIR/moves``, ``DIR/population``); see :func:`analyse_register`."""
    register = read_register(moves_dir, (code, *compare))
    where = places(place_codes(register, code, compare), focus)
    return analyse_register(register, code, focus=focus, baseline=baseline, compare=compare,
                            background=background, lang=lang, disclosure=disclosure,
                            where=where)


def place_codes(register: Register, code: str, compare: Sequence[str]) -> set[str]:
    """The municipality codes an analysis names: the city, the compared ones and every
    destination of the register's moves."""
    return set(register.moves[M.DESTINATION].unique()) | {code, *compare}
