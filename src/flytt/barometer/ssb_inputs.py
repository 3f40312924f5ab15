"""The barometer's migration columns from the SSB StatBank tables in the store.

``flytt fetch ssb changes`` (table 01222) fills ``ssb_changes`` and ``flytt fetch ssb
immigrant-streams`` (07210) fills ``ssb_immigrant_streams``: long tables ``year, period,
region_code, region_name, ContentsCode, ContentsCode_label, [D, D_label, ...], value``
(:mod:`flytt.ssb.recipes`). Contents and categories are recognised, in this order: the
user's choice (``contents={"out": "Fraflytting8"}``, the CLI's ``--content
out=Fraflytting8``), their code in the catalogue of SSB's tables
(:mod:`flytt.ssb.catalogue`: 01222 for ``ssb_changes``, 07210 for the streams), their
exact catalogued label in either language, and last, for tables the catalogue does not
know, their Norwegian or English label (case-insensitive patterns) or code prefix.

Units and signs: persons moving during the calendar ``year`` (the periods of a year
summed; years whose periods are incomplete are left out); every net figure is moves in
minus moves out, so positive = net gain.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from .. import contracts as C
from ..errors import DataError, InputError
from ..ssb.catalogue import table_contents

CHANGES = "ssb_changes"
STREAMS = "ssb_immigrant_streams"
CONTENTS = "ContentsCode"
VALUE = "value"
TABLE_OF = {CHANGES: "01222", STREAMS: "07210"}
"""The StatBank table behind each store table (whose catalogue entry is used)."""


@dataclass(frozen=True)
class _Rule:
    """How a kind of content (or category) is recognised: label first, code prefix second."""

    kind: str
    label: re.Pattern[str]
    code: re.Pattern[str] | None = None


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


# Net rules come first: "Net migration incl. immigration" is net, not immigration, and
# "Nettoinnflytting" is net, not in-migration. Gross rules are anchored at the start, so
# "Immigration" never matches the in-migration rule nor "In-migration" the immigration rule.
_CONTENT_RULES: tuple[_Rule, ...] = (
    _Rule("net_immigration", _rx(r"^(netto\s*-?\s*innvandring|net\s+immigration)"),
          _rx(r"^nettoinnv")),
    _Rule("net", _rx(r"^(netto\s*-?\s*innflytting|net\s+(in-?\s?)?migration)"),
          _rx(r"^nettoinnf")),
    _Rule("in", _rx(r"^(innflytting(er)?|innflyttede|in-?\s?migration|in-?\s?migrants?)\b"),
          _rx(r"^innflytt")),
    _Rule("out", _rx(r"^(utflytting(er)?|utflyttede|out-?\s?migration|out-?\s?migrants?)\b"),
          _rx(r"^utflytt")),
    # SSB's English labels for 01222: "Emigration, domestic" is domestic out-migration
    _Rule("out", _rx(r"^(emigration|utvandring)\b.*\b(domestic|innenlands|innanlands)")),
    _Rule("in", _rx(r"^(immigration|innvandring)\b.*\b(domestic|innenlands|innanlands)")),
    _Rule("immigration", _rx(r"^(innvandring(er)?|immigration)\b"), _rx(r"^innvandr")),
    _Rule("emigration", _rx(r"^(utvandring(er)?|emigration)\b"), _rx(r"^utvandr")),
)
_DOMESTIC_ONLY = _rx(r"innenlands|domestic|internal")
_WITH_ABROAD = _rx(r"inkl|incl|utvandring|emigration|utland|abroad")
_CATEGORY_RULES: tuple[_Rule, ...] = (
    _Rule("immigrant_population", _rx(r"^(innvandrere|immigrants)\b.*"
                                      r"(norskfødte|norwegian[- ]born)")),
    _Rule("immigrants", _rx(r"^(innvandrere|immigrants)\b")),
    _Rule("born_to_immigrants", _rx(r"^(norskfødte|norwegian[- ]born)")),
)
_NET = _rx(r"^net")
"""07210's one content is internal net migration ('Nettoinnflytting', 'Net migration')."""
_TOTAL = _rx(r"^(i\s+alt|total|alle|all|begge\s+kjønn|both\s+sexes)\b")
_EXAMPLES = ("Norwegian 'Innflytting', 'Utflytting', 'Innvandring', 'Utvandring', "
             "'Nettoinnflytting'; English 'In-migration', 'Out-migration', 'Immigration', "
             "'Emigration', 'Net migration'")


@dataclass(frozen=True)
class Migration:
    """Migration columns per ``year, region_code`` and a note on where they came from.

    ``frame``: ``net_migration`` (in − out + immigration − emigration) and, as the tables
    allow, ``gross_migration`` (in + out + immigration + emigration), ``net_immigration``
    (immigration − emigration), ``net_domestic_immigrants`` and ``net_domestic_others``
    (the three streams add up to ``net_migration``)."""

    frame: pd.DataFrame
    source: str


# --------------------------------------------------------------------------- helpers
def _classify(label: str, code: str, rules: tuple[_Rule, ...]) -> str | None:
    """The kind of one content/category: by label, else by code prefix; None if unknown."""
    label = " ".join(str(label).split())
    for rule in rules:
        if rule.label.search(label):
            if rule.kind == "net" and _DOMESTIC_ONLY.search(label) \
                    and not _WITH_ABROAD.search(label):
                return None  # domestic net migration only: not the barometer's net
            return rule.kind
    for rule in rules:
        if rule.code is not None and rule.code.search(str(code)):
            return rule.kind
    return None


def _found(frame: pd.DataFrame, column: str) -> str:
    pairs = frame[[column, f"{column}_label"]].drop_duplicates().itertuples(index=False)
    return ", ".join(f"'{label}' ({code})" for code, label in pairs)


def _identify(frame: pd.DataFrame, column: str, rules: tuple[_Rule, ...], table: str,
              chosen: Mapping[str, str] | None = None) -> dict[str, str]:
    """``kind → code`` of the values of dimension ``column`` of store table ``table``:
    the user's ``chosen`` codes, then the catalogue (code, exact label), then the label
    rules for codes the catalogue does not know. Two codes of one kind are an error
    naming both and how to choose."""
    pairs = list(frame[[column, f"{column}_label"]].drop_duplicates().itertuples(index=False))
    codes = {str(code) for code, _ in pairs}
    kinds: dict[str, str] = {}
    for kind, code in (chosen or {}).items():
        if code not in codes:
            raise InputError(f"--content {kind}={code}: table '{table}' has no {column} "
                             f"'{code}'; found {_found(frame, column)}")
        kinds[kind] = code
    entry = table_contents(TABLE_OF.get(table, ""))
    wanted = {rule.kind for rule in rules}
    known: dict[str, str] = {}
    guessed: list[tuple[str, str]] = []
    for raw_code, label in pairs:
        code = str(raw_code)
        if code in kinds.values():
            continue
        listed = None if entry is None else (entry.kind_of(code, column)
                                             or entry.kind_of_label(str(label), column))
        if listed is not None:
            if listed in wanted:
                known.setdefault(listed, code)
        elif (guess := _classify(label, code, rules)) is not None:
            guessed.append((guess, code))
    for kind, code in [*known.items(), *guessed]:
        if kind in kinds or (kind in known and known[kind] != code):
            continue  # the user's choice, then the catalogue, win over a guess
        clash = None if kind in known else next(
            (c for k, c in guessed if k == kind and c != code), None)
        if clash is not None:
            raise DataError(f"table '{table}', column '{column}': both {code} and {clash} "
                            f"look like {kind}; found {_found(frame, column)}; choose one "
                            f"with --content {kind}=CODE (Python: contents={{'{kind}': "
                            "'CODE'}})")
        kinds[kind] = code
    return kinds


def _dimensions(frame: pd.DataFrame) -> list[str]:
    """Dimension columns besides region and time (each has a ``D_label`` twin)."""
    return [c for c in frame.columns if f"{c}_label" in frame.columns]


def _totals_only(frame: pd.DataFrame, keep: tuple[str, ...]) -> pd.DataFrame:
    """Keep only the total of every other dimension that has one (e.g. 'I alt', 'Total');
    dimensions without a total are summed over later."""
    for dim in _dimensions(frame):
        if dim in keep or frame[dim].nunique() < 2:
            continue
        labels = frame[f"{dim}_label"].astype(str)
        total = labels.str.match(_TOTAL)
        if total.any():
            frame = frame[frame[dim].eq(frame.loc[total, dim].iloc[0])]
    return frame


def _periods_in_year(period: str) -> int:
    """4 for quarters (2024K1), 12 for months (2024M01), 1 for years."""
    if re.fullmatch(r"\d{4}K\d", period):
        return 4
    if re.fullmatch(r"\d{4}M\d{2}", period):
        return 12
    return 1


def _complete_years(frame: pd.DataFrame) -> list[int]:
    """Years holding every period of the year (every quarter of quarterly tables)."""
    if "period" not in frame.columns:
        return sorted(int(y) for y in frame[C.YEAR].unique())
    periods = frame[[C.YEAR, "period"]].drop_duplicates()
    periods = periods.assign(need=periods["period"].astype(str).map(_periods_in_year))
    counts = periods.groupby(C.YEAR).agg(n=("period", "size"), need=("need", "max"))
    return sorted(int(y) for y in counts.index[counts["n"] >= counts["need"]])


def _yearly(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """``value`` summed per year, region and ``column`` value: one column per value."""
    sums = frame.groupby([C.YEAR, C.REGION, column])[VALUE].sum().unstack(column)
    return sums.round()


# --------------------------------------------------------------------------- 01222
def changes_by_year(changes: pd.DataFrame, contents: Mapping[str, str] | None = None,
                    ) -> tuple[pd.DataFrame, str]:
    """Net migration per ``year, region_code`` from ``ssb_changes`` (01222, quarterly).

    net_migration = (in-migration − out-migration) + (immigration − emigration), the
    quarters of each year summed, or SSB's 'net migration incl. immigration' when the gross
    contents are not all there (when both are, they must agree). Also gross_migration and
    net_immigration (immigration − emigration, or SSB's net immigration) when possible.
    ``contents`` names content codes by kind (``in``, ``out``, ``immigration``,
    ``emigration``, ``net``) where recognition is not enough. Returns the frame and how
    net migration was computed; raises :class:`DataError` naming the labels found when
    the contents cannot be identified.
    """
    years = _complete_years(changes)
    changes = _totals_only(changes[changes[C.YEAR].isin(years)], keep=(CONTENTS,))
    kinds = _identify(changes, CONTENTS, _CONTENT_RULES, CHANGES, contents)
    gross = all(k in kinds for k in ("in", "out", "immigration", "emigration"))
    if not gross and "net" not in kinds:
        missing = [k for k in ("in", "out", "immigration", "emigration") if k not in kinds]
        raise DataError(
            f"table '{CHANGES}': cannot tell which contents (ContentsCode) give net migration; "
            f"found {_found(changes, CONTENTS)}; needed in-migration, out-migration, "
            f"immigration and emigration (missing: {', '.join(missing)}), or one 'net "
            f"migration incl. immigration' content ({_EXAMPLES})")
    wide = _yearly(changes[changes[CONTENTS].isin(kinds.values())], CONTENTS)
    col = {k: wide[code] for k, code in kinds.items()}
    out = pd.DataFrame(index=wide.index)
    if gross:
        out["net_migration"] = col["in"] - col["out"] + col["immigration"] - col["emigration"]
        out["gross_migration"] = col["in"] + col["out"] + col["immigration"] + col["emigration"]
        out["net_immigration"] = col["immigration"] - col["emigration"]
        how = "(in-migration − out-migration) + (immigration − emigration)"
        if "net" in kinds:
            _check_agree(out["net_migration"], col["net"], kinds["net"])
    else:
        out["net_migration"] = col["net"]
        how = f"'{changes.loc[changes[CONTENTS].eq(kinds['net']), f'{CONTENTS}_label'].iloc[0]}'"
        if "net_immigration" in kinds:
            out["net_immigration"] = col["net_immigration"]
    return out.dropna(subset=["net_migration"]).reset_index(), how


def _check_agree(computed: pd.Series, given: pd.Series, code: str) -> None:
    off = computed.notna() & given.notna() & computed.ne(given)
    if off.any():
        year, region = off[off].index[0]
        raise DataError(
            f"table '{CHANGES}', year {year}, region {region}: in − out + immigration − "
            f"emigration = {computed[(year, region)]:.0f}, but the net content {code} says "
            f"{given[(year, region)]:.0f} ({int(off.sum())} region-years differ); the gross "
            "contents are probably not in-migration, out-migration, immigration and "
            "emigration as the barometer means them")


# --------------------------------------------------------------------------- 07210
def immigrant_stream_by_year(streams: pd.DataFrame) -> pd.DataFrame:
    """Domestic net migration of the immigrant population (immigrants + Norwegian-born to
    immigrant parents) per ``year, region_code`` from ``ssb_immigrant_streams`` (07210):
    column ``net_domestic_immigrants``. Raises :class:`DataError` naming the categories
    found when the immigration category cannot be identified."""
    streams = streams[streams[C.YEAR].isin(_complete_years(streams))]
    found: dict[str, str] = {}
    dim = ""
    for d in _dimensions(streams):
        found = _identify(streams, d, _CATEGORY_RULES, STREAMS)
        if found:
            dim = d
            break
    if "immigrant_population" in found:
        parts = [found["immigrant_population"]]
    elif "immigrants" in found and "born_to_immigrants" in found:
        parts = [found["immigrants"], found["born_to_immigrants"]]
    else:
        labels = "; ".join(f"{d}: {_found(streams, d)}" for d in _dimensions(streams))
        raise DataError(
            f"table '{STREAMS}': cannot find the immigrant population among the immigration "
            f"categories; found {labels}; needed 'Innvandrere og norskfødte med "
            "innvandrerforeldre' / 'Immigrants and Norwegian-born to immigrant parents', or "
            "'Innvandrere' and 'Norskfødte med innvandrerforeldre' / 'Immigrants' and "
            "'Norwegian-born to immigrant parents'")
    streams = _totals_only(streams[streams[dim].isin(parts)], keep=(dim, CONTENTS))
    if CONTENTS in streams.columns and streams[CONTENTS].nunique() > 1:
        pairs = streams[[CONTENTS, f"{CONTENTS}_label"]].drop_duplicates()
        net = [code for code, label in pairs.itertuples(index=False)
               if _NET.search(" ".join(str(label).split())) or _NET.search(str(code))]
        if len(net) != 1:
            raise DataError(f"table '{STREAMS}': several contents and not one net migration "
                            f"among them; found {_found(streams, CONTENTS)}")
        streams = streams[streams[CONTENTS].eq(net[0])]
    sums = streams.groupby([C.YEAR, C.REGION])[VALUE].sum().round()
    return sums.rename("net_domestic_immigrants").reset_index()


# --------------------------------------------------------------------------- together
def migration_from_ssb(changes: pd.DataFrame, streams: pd.DataFrame | None,
                       contents: Mapping[str, str] | None = None) -> Migration:
    """The panel's migration columns from ``ssb_changes`` and, when given and covering
    every year of it, ``ssb_immigrant_streams``: the three streams net_immigration,
    net_domestic_immigrants (07210) and net_domestic_others = net_migration −
    net_immigration − net_domestic_immigrants (everyone but the immigrant population, so
    the streams add up to net_migration). The streams come together or not at all.
    ``contents``: see :func:`changes_by_year`."""
    frame, how = changes_by_year(changes, contents)
    source = f"net migration from {CHANGES} (01222: {how}, quarters summed)"
    partial = sorted({int(y) for y in changes[C.YEAR].unique()}  # changes_by_year keeps
                     - {int(y) for y in frame[C.YEAR].unique()})  # complete years only
    if partial:
        source += (f"; {', '.join(map(str, partial))} left out: not every quarter fetched "
                   "(flytt fetch ssb changes --years …)")
    net_immigration = frame.pop("net_immigration") if "net_immigration" in frame else None
    if streams is None:
        return Migration(frame, source)
    if net_immigration is None:
        return Migration(frame, source + f"; no streams: {CHANGES} has no immigration and "
                         "emigration")
    stream = immigrant_stream_by_year(streams)
    frame = frame.assign(net_immigration=net_immigration).merge(
        stream, on=[C.YEAR, C.REGION], how="left")
    lacking = sorted(int(y) for y in frame.loc[frame["net_domestic_immigrants"].isna(),
                                                   C.YEAR].unique())
    if lacking:
        return Migration(frame.drop(columns=["net_immigration", "net_domestic_immigrants"]),
                         source + f"; no streams: {STREAMS} lacks "
                         f"{', '.join(map(str, lacking))}")
    frame["net_domestic_others"] = (frame["net_migration"] - frame["net_immigration"]
                                    - frame["net_domestic_immigrants"])
    return Migration(frame, source + f"; streams from {STREAMS} (07210)")


__all__ = ["Migration", "changes_by_year", "immigrant_stream_by_year", "migration_from_ssb"]
