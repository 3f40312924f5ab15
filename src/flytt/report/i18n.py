"""Words of the report and the dashboard in Norwegian Bokmål (``nb``) and English (``en``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..geo import BoundarySource

from ..options import Lang

_TEXT: dict[str, tuple[str, str]] = {
    # key: (nb, en)
    "report_title": ("flytt – flytterapport", "flytt – migration report"),
    "report_lede": (
        ("Alle analysene i flytt på innebygde data: SSBs flyttetabeller, kart og "
         "flyttestrømmer mellom fylkene, attraktivitetsbarometeret, en byanalyse og "
         "flytteindeksene. Hver figur finnes også som PNG og SVG, hver tabell som CSV, Excel "
         "og Markdown."),
        ("Every analysis in flytt on built-in data: SSB's migration tables, maps and flows "
         "between the counties, the attractiveness barometer, a city analysis and the "
         "migration indices. Every figure is also saved as PNG and SVG, every table as CSV, "
         "Excel and Markdown.")),
    "contents": ("Innhold", "Contents"),
    "generated": ("Laget med flytt", "Made with flytt"),
    "missing": ("Denne delen mangler", "This section is missing"),
    "files": ("Filer", "Files"),
    # sections
    "sec_tables": ("SSBs flyttetabeller for fylkene", "SSB's migration tables for the counties"),
    "sec_tables_intro": (
        ("Tabellene slik SSB publiserer dem: nettoflytting mellom fylkene 2005, flyttinger "
         "mellom fylkene 2011 (fra–til-matrise) og inn-, ut- og nettoflytting 2011 og 2015. 19 "
         "fylker (01–20, uten 13), inndelingen som gjaldt 1972–2017."),
        ("The tables as SSB publishes them: net migration between the counties 2005, moves "
         "between the counties 2011 (origin–destination matrix) and in-, out- and net "
         "migration 2011 and 2015. 19 counties (01–20, no 13), the structure of 1972–2017.")),
    "sec_maps": ("Kart og flyttestrømmer mellom fylkene", "Maps and flows between the counties"),
    "sec_maps_intro": (
        ("Flyttinger mellom fylkene i 2011 (SSB), på kartet over de 19 fylkene i SSBs "
         "tabeller (01–20, inndelingen 1972–2017; Sør- og Nord-Trøndelag rekonstruert fra "
         "kommunene i 2018)."),
        ("Moves between the counties in 2011 (SSB), on the map of the 19 counties of SSB's "
         "tables (01–20, the structure of 1972–2017; Sør- and Nord-Trøndelag rebuilt from the "
         "municipalities of 2018).")),
    "sec_barometer": ("Attraktivitetsbarometeret", "The attractiveness barometer"),
    "sec_barometer_intro": (
        ("Telemarksforskings attraktivitetsindeks (seed 003) for kommuner, regioner og fylker: "
         "nettoflytting i prosent av folketallet minus den nettoflyttingen arbeidsplassveksten "
         "tilsier. SYNTETISKE DEMODATA: tallene er generert og beskriver ingen virkelige "
         "kommuner; kodene, navnene og grensene er de virkelige fra 2024."),
        ("Telemarksforsking's attractiveness index (seed 003) for municipalities, regions and "
         "counties: net migration in per cent of the population minus the net migration that "
         "job growth predicts. SYNTHETIC DEMO DATA: the numbers are generated and describe no "
         "real municipality; codes, names and boundaries are the real ones of 2024.")),
    "tab_top": (
        "Rangering: de {n} mest attraktive {levels}, {period}",
        "Ranking: the {n} most attractive {levels}, {period}"),
    "tab_uncertainty": (
        "Usikkerhet: 90 %-intervaller for indeks og rang, {period}",
        "Uncertainty: 90 % intervals for index and rank, {period}"),
    "tab_streams": ("Tre flyttestrømmer, {period}", "Three migration streams, {period}"),
    "municipalities": ("kommuner", "municipalities"),
    "sec_city": ("Utflytting fra byen", "Out-migration from the city"),
    "sec_city_intro": (
        ("SSBs analyse av utflyttingen fra Oslo i koronaåret 2020 (seed 004) på et SYNTETISK "
         "flytteregister laget av flytt synth ved kjøring ({persons} personer, 2016–2020, "
         "frø {seed}; ligger i {folder}/): ingen virkelig person er beskrevet. Fokusår 2020, "
         "sammenlignet med 2016–2019."),
        ("SSB's analysis of out-migration from Oslo in the pandemic year 2020 (seed 004) on a "
         "SYNTHETIC move register made by flytt synth at run time ({persons} persons, "
         "2016–2020, seed {seed}; kept in {folder}/): no real person is described. Focus year "
         "2020, compared with 2016–2019.")),
    "city": ("By", "City"),
    "focus": ("Fokusår", "Focus year"),
    "part": ("Del", "Part"),
    "sec_indices": ("Flytteindekser", "Migration indices"),
    "sec_indices_intro": (
        ("Standardindeksene (IMAGE-prosjektet, migest) på flyttingene mellom de 19 fylkene i "
         "2011: effektivitet, konsentrasjon (Gini), avstand og avstandsforfall, og hvordan "
         "indeksene endrer seg med antall soner (MAUP). Avstander mellom fylkenes sentroider. "
         "Formler og kilder: docs/INDICES.md."),
        ("The standard indices (IMAGE project, migest) on the moves between the 19 counties in "
         "2011: effectiveness, concentration (Ginis), distance and distance decay, and how the "
         "indices change with the number of zones (MAUP). Distances between the county "
         "centroids. Formulas and references: docs/INDICES.md.")),
    "tab_indices": ("Flytteindekser, fylkene {year}", "Migration indices, counties {year}"),
    "tab_corridors": (
        "De største flyttekorridorene, {year}",
        "The largest migration corridors, {year}"),
    "tab_regions": (
        "Inn-, ut- og nettoflytting og effektivitet per fylke, {year}",
        "In-, out- and net migration and effectiveness by county, {year}"),
    # figures
    "fig_choropleth": (
        "Netto innenlandsk flytting etter fylke, {year}",
        "Net internal migration by county, {year}"),
    "fig_choropleth_caption": (
        ("Fylkene delt i fem like store grupper (kvintiler) etter netto innenlandsk flytting; "
         "rødt = laveste femtedel, blått = høyeste."),
        ("Counties in five equal groups (quintiles) by net internal migration; red = lowest "
         "fifth, blue = highest.")),
    "fig_flowmap": (
        "De {top} største flyttestrømmene mellom fylkene, {year}",
        "The {top} largest flows between the counties, {year}"),
    "fig_flowmap_caption": (
        ("Linjer mellom sentroidene til de 19 fylkene, bredde etter antall flyttinger. Linjene "
         "viser {share:.0%} av flyttingene mellom fylkene."),
        ("Lines between the centroids of the 19 counties, width by the number of moves. The "
         "lines carry {share:.0%} of all moves between the counties.")),
    "flowmap_note": (
        ("Linjer mellom sentroidene til de 19 fylkene i SSBs tabeller (01–20, inndelingen "
         "1972–2017; Sør- og Nord-Trøndelag rekonstruert fra kommunene i 2018). Bredde etter "
         "antall flyttinger."),
        ("Lines between the centroids of the 19 counties of SSB's tables (01–20, the structure "
         "of 1972–2017; Sør- and Nord-Trøndelag rebuilt from the municipalities of 2018). "
         "Width by the number of moves.")),
    "boundaries_registry": (
        "Grenser: {what} fra dataregisteret ({licence}).",
        "Boundaries: {what} from the data registry ({licence})."),
    "boundaries_bundled": (
        ("Grenser: {what}, forenklet kopi som følger med flytt (Kartverket, CC BY 4.0), fordi "
         "registerfilen ({file}) ikke var tilgjengelig; med nett eller FLYTT_DATA_MIRROR "
         "tegnes de fulle grensene."),
        ("Boundaries: {what}, the simplified copy bundled with flytt (Kartverket, CC BY 4.0), "
         "because the registry file ({file}) could not be had; with network or "
         "FLYTT_DATA_MIRROR the full boundaries are drawn.")),
    "boundaries_county_2017": ("de 19 fylkene 1972–2017", "the 19 counties of 1972–2017"),
    "boundaries_county_2018": ("fylkene 2018–2019", "the counties of 2018–2019"),
    "boundaries_county_2020": ("fylkene 2020–2023", "the counties of 2020–2023"),
    "boundaries_county_2024": ("fylkene fra 2024", "the counties from 2024"),
    "boundaries_municipality_2018": ("kommunene 2018–2019", "the municipalities of 2018–2019"),
    "boundaries_municipality_2020": ("kommunene 2020–2023", "the municipalities of 2020–2023"),
    "boundaries_municipality_2024": ("kommunene fra 2024", "the municipalities from 2024"),
    "fig_age_schedule": (
        "Rogers–Castro-modell for utflyttingen fra {name} etter alder, {year}",
        "Rogers–Castro schedule of out-migration from {name} by age, {year}"),
    "fig_age_schedule_caption": (
        ("Punkter: publiserte celler (små tall er undertrykt av avsløringskontrollen). Linje: "
         "Rogers–Castro-modellen med sju parametre tilpasset punktene."),
        ("Points: published cells (small counts are suppressed by disclosure control). Line: "
         "the seven-parameter Rogers–Castro schedule fitted to the points.")),
    "fig_chord": ("Flyttinger mellom fylkene, {year}", "Moves between the counties, {year}"),
    "net_internal": ("Netto innenlandsk", "Net internal"),
    "net_abroad": ("Netto utland", "Net abroad"),
    "net": ("Nettoflytting", "Net migration"),
    "moves": ("Flyttinger", "Moves"),
    "moved_from": ("Flyttet fra", "Moved from"),
    "moved_to": ("Flyttet til", "Moved to"),
    "abroad": ("Utlandet", "Abroad"),
    "region": ("Region", "Region"),
    # tables
    "title_od": (
        "Flyttinger innen og mellom regioner og mellom regioner og utlandet",
        "Migration within and between regions and between regions and abroad"),
    "title_net": ("Nettoflytting mellom regioner", "Net migration between regions"),
    "title_balance": (
        "Inn-, ut- og nettoflytting, innenlands og utland",
        "In-migration, out-migration and net migration, internal and abroad"),
    "first_rows": (
        "De første {shown} av {rows} radene; alle radene står i CSV-/Excel-filen.",
        "First {shown} of {rows} rows; every row is in the CSV/Excel file."),
    # dashboard
    "dash_title": ("flytt – dashbord", "flytt – dashboard"),
    "nav_tables": ("Tabeller", "Tables"),
    "nav_barometer": ("Barometer", "Barometer"),
    "nav_city": ("Byanalyse", "City"),
    "nav_flows": ("Flyttestrømmer", "Flow map"),
    "nav_api": ("API", "API"),
    "table": ("Tabell", "Table"),
    "year": ("År", "Year"),
    "dataset": ("Datasett", "Dataset"),
    "top": ("Antall strømmer", "Number of flows"),
    "direction": ("Retning", "Direction"),
    "dir_all": ("Alle", "All"),
    "dir_in": ("Innflytting til", "Incoming to"),
    "dir_out": ("Utflytting fra", "Outgoing from"),
    "dir_between": ("Mellom valgte", "Between selected"),
    "period": ("Periode", "Period"),
    "level": ("Nivå", "Level"),
    "stream": ("Flyttestrøm", "Stream"),
    "history": ("Historikk", "History"),
    "attractiveness": ("Attraktivitetsindeks", "Attractiveness index"),
    "long_term_label": ("Lang sikt (tre perioder)", "Long term (three periods)"),
    "stream_all": ("All flytting", "All migration"),
    "stream_immigration": ("Innvandring", "Immigration"),
    "stream_domestic_immigrants": ("Innvandrere, innenlands", "Immigrants, domestic moves"),
    "stream_domestic_others": ("Øvrige, innenlands", "Others, domestic moves"),
    "level_municipality": ("Kommuner", "Municipalities"),
    "level_region": ("Regioner", "Regions"),
    "level_county": ("Fylker", "Counties"),
    # flytt's synthetic-data notes (the English ones are core constants)
    "synthetic_note": (
        "SYNTETISKE DEMODATA: genererte tall, ikke virkelig statistikk for kommunene.",
        "SYNTHETIC DEMO DATA: generated numbers, not real municipalities' statistics."),
    "synthetic_label": (
        ("SYNTETISKE DATA laget av flytt synth: ingen virkelig person er beskrevet; tallene "
         "etterligner bare norsk registerstatistikk"),
        ("SYNTHETIC DATA generated by flytt synth: no real person is described; numbers only "
         "imitate Norwegian register statistics")),
    "click_hint": (
        "Klikk på en kommune for å se historikken.",
        "Click a municipality to see its history."),
}


def number(value: float, lang: Lang = "en", decimals: int = 0) -> str:
    """``50000`` as text: ``50 000`` in ``nb`` (space thousands, decimal comma),
    ``50,000`` in ``en``."""
    if lang == "nb":
        from ..render import format_number

        return format_number(value, decimals, "nb")
    return f"{value:,.{decimals}f}"


def synthetic(text: str, lang: Lang = "en") -> str:
    """``text`` with flytt's English synthetic-data notes (the barometer's
    ``SYNTHETIC_NOTE``, the register's ``SYNTHETIC_LABEL``) in ``lang``; other text is kept."""
    if lang == "en":
        return text
    from ..barometer.index import SYNTHETIC_NOTE
    from ..synth import SYNTHETIC_LABEL

    return (text.replace(SYNTHETIC_NOTE, t("synthetic_note", lang))
            .replace(SYNTHETIC_LABEL, t("synthetic_label", lang)))


def boundaries_text(source: BoundarySource, lang: Lang = "en") -> str:
    """Which boundaries a map drew (:func:`flytt.geo.boundary_source`), as a sentence."""
    what = t(f"boundaries_{source.level}_{source.vintage}", lang)
    if source.bundled:
        return t("boundaries_bundled", lang, what=what, file=source.key)
    return t("boundaries_registry", lang, what=what, licence=source.licence)


def t(key: str, lang: Lang = "en", **values: object) -> str:
    """The text ``key`` in ``lang``, with ``{placeholders}`` filled from ``values``."""
    nb, en = _TEXT[key]
    text = nb if lang == "nb" else en
    return text.format(**values) if values else text


_LEVELS_NB = {"municipality": "kommuner", "region": "regioner", "county": "fylker"}


def _g(value: float, spec: str) -> str:
    """``value`` formatted with ``spec``, decimal comma (nb)."""
    return format(value, spec).replace(".", ",").replace("-", "−")


def uncertainty_note(uncertainty: Any, lang: Lang = "en") -> str:
    """The barometer's uncertainty note (``Uncertainty.describe()``) in ``lang``."""
    u = uncertainty
    if lang == "en":
        return u.describe()
    basis = ("bruttoflyttinger fra panelet" if u.gross_given else
             f"bruttoflyttinger antatt {_g(u.turnover_rate, 'g')} per innbygger per år")
    return (f"Intervaller: de sentrale {round(u.interval * 100):d} % av "
            f"{number(u.draws, 'nb')} Poisson-bootstrap-trekninger av flyttetallene "
            f"({basis}; frø {u.seed}). Krympet: empirisk Bayes-indeks (priorvarians "
            f"τ² = {_g(u.tau2, '.3g')})."
            + (" Indeksene varierer ikke mer enn tilfeldigheter tilsier (τ² = 0), så alle "
               "krympede indekser er 0 og de krympede rangene sier ingenting."
               if u.tau2 == 0 else ""))


def table_chart_labels(lang: Lang = "en") -> dict[str, str]:
    """The words of the charts of SSB's tables (:mod:`flytt.figures.tables`) in ``lang``."""
    return {"net_internal": t("net_internal", lang), "net_abroad": t("net_abroad", lang),
            "net_total": t("net", lang), "moves": t("moves", lang),
            "from": t("moved_from", lang), "to": t("moved_to", lang), "abroad": t("abroad", lang)}


def barometer_title(result: Any, lang: Lang = "en") -> str:
    """The title of a barometer result (``BarometerResult.title``) in ``lang``."""
    r = result
    if lang == "en":
        return r.title
    from ..barometer.index import period_label
    from ..figures.barometer import STREAM_TEXT

    what = "Attraktivitetsbarometeret" + (" (lang sikt)" if r.long_term else "")
    stream = "" if r.stream == "all" else f", {STREAM_TEXT['nb'][r.stream]}"
    span = " + ".join(period_label(p) for p in r.periods)
    synthetic = " (SYNTETISKE demodata)" if r.synthetic else ""
    return f"{what}: {_LEVELS_NB.get(r.level, r.level)}, {span}{stream}{synthetic}"


def barometer_footnote(result: Any, lang: Lang = "en") -> str:
    """The footnote of a barometer result (``BarometerResult.footnote``) in ``lang``."""
    r = result
    if lang == "en":
        return r.footnote
    notes = ["Attraktivitet = nettoflytting i % av folketallet ved periodens start minus "
             f"nettoflyttingen som arbeidsplassveksten tilsier ({'WLS' if r.weighted else 'OLS'}"
             f"-linje over alle {_LEVELS_NB.get(r.level, r.level)}"
             + (", vektet med folketallet" if r.weighted else "") + ")."]
    if r.long_term:
        notes.append("Lang sikt: summen over de tre periodene.")
    if r.min_population:
        notes.append(f"Enheter med under {number(r.min_population, 'nb')} innbyggere "
                     "rangeres ikke (linjen er tilpasset alle).")
    if r.uncertainty is not None:
        notes.append(uncertainty_note(r.uncertainty, lang))
    if r.incomplete:
        from ..barometer.index import coverage_text

        notes.append("Ikke alle medlemmene er med i panelet: "
                     f"{coverage_text(r.incomplete, lang='nb')}; tallene er summene for "
                     "medlemmene som er med.")
    if r.synthetic:
        notes.insert(0, t("synthetic_note", lang))
    return " ".join(notes)
