"""The words of the report and the dashboard (flat keys), and of SSB's tables as charts."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "report_title": {"en": "flytt – migration report", "nb": "flytt – flytterapport"},
    "report_lede": {
        "en": ("Every analysis in flytt on built-in data: SSB's migration tables, maps "
               "and flows between the counties, the attractiveness barometer, a city "
               "analysis and the migration indices. Every figure is also saved as PNG "
               "and SVG, every table as CSV, Excel and Markdown."),
        "nb": ("Alle analysene i flytt på innebygde data: SSBs flyttetabeller, kart og "
               "flyttestrømmer mellom fylkene, attraktivitetsbarometeret, en byanalyse "
               "og flytteindeksene. Hver figur finnes også som PNG og SVG, hver tabell "
               "som CSV, Excel og Markdown."),
    },
    "contents": {"en": "Contents", "nb": "Innhold"},
    "generated": {"en": "Made with flytt", "nb": "Laget med flytt"},
    "missing": {"en": "This section is missing", "nb": "Denne delen mangler"},
    "files": {"en": "Files", "nb": "Filer"},
    # sections
    "sec_tables": {
        "en": "SSB's migration tables for the counties",
        "nb": "SSBs flyttetabeller for fylkene",
    },
    "sec_tables_intro": {
        "en": ("The tables as SSB publishes them: net migration between the counties "
               "2005, moves between the counties 2011 (origin–destination matrix) and "
               "in-, out- and net migration 2011 and 2015. 19 counties (01–20, no 13), "
               "the structure of 1972–2017."),
        "nb": ("Tabellene slik SSB publiserer dem: nettoflytting mellom fylkene 2005, "
               "flyttinger mellom fylkene 2011 (fra–til-matrise) og inn-, ut- og "
               "nettoflytting 2011 og 2015. 19 fylker (01–20, uten 13), inndelingen som "
               "gjaldt 1972–2017."),
    },
    "sec_maps": {
        "en": "Maps and flows between the counties",
        "nb": "Kart og flyttestrømmer mellom fylkene",
    },
    "sec_maps_intro": {
        "en": ("Moves between the counties in 2011 (SSB), on the map of the 19 counties "
               "of SSB's tables (01–20, the structure of 1972–2017; Sør- and "
               "Nord-Trøndelag rebuilt from the municipalities of 2018)."),
        "nb": ("Flyttinger mellom fylkene i 2011 (SSB), på kartet over de 19 fylkene i "
               "SSBs tabeller (01–20, inndelingen 1972–2017; Sør- og Nord-Trøndelag "
               "rekonstruert fra kommunene i 2018)."),
    },
    "sec_barometer": {
        "en": "The attractiveness barometer",
        "nb": "Attraktivitetsbarometeret",
    },
    "sec_barometer_intro": {
        "en": ("Telemarksforsking's attractiveness index (seed 003) for municipalities, "
               "regions and counties: net migration in per cent of the population minus "
               "the net migration that job growth predicts. SYNTHETIC DEMO DATA: the "
               "numbers are generated and describe no real municipality; codes, names "
               "and boundaries are the real ones of 2024."),
        "nb": ("Telemarksforskings attraktivitetsindeks (seed 003) for kommuner, "
               "regioner og fylker: nettoflytting i prosent av folketallet minus den "
               "nettoflyttingen arbeidsplassveksten tilsier. SYNTETISKE DEMODATA: "
               "tallene er generert og beskriver ingen virkelige kommuner; kodene, "
               "navnene og grensene er de virkelige fra 2024."),
    },
    "tab_top": {
        "en": "Ranking: the {n} most attractive {levels}, {period}",
        "nb": "Rangering: de {n} mest attraktive {levels}, {period}",
    },
    "tab_uncertainty": {
        "en": "Uncertainty: 90 % intervals for index and rank, {period}",
        "nb": "Usikkerhet: 90 %-intervaller for indeks og rang, {period}",
    },
    "tab_streams": {
        "en": "Three migration streams, {period}",
        "nb": "Tre flyttestrømmer, {period}",
    },
    "municipalities": {"en": "municipalities", "nb": "kommuner"},
    "sec_city": {"en": "Out-migration from the city", "nb": "Utflytting fra byen"},
    "sec_city_intro": {
        "en": ("SSB's analysis of out-migration from Oslo in the pandemic year 2020 "
               "(seed 004) on a SYNTHETIC move register made by flytt synth at run time "
               "({persons} persons, 2016–2020, seed {seed}; kept in {folder}/): no real "
               "person is described. Focus year 2020, compared with 2016–2019."),
        "nb": ("SSBs analyse av utflyttingen fra Oslo i koronaåret 2020 (seed 004) på et "
               "SYNTETISK flytteregister laget av flytt synth ved kjøring ({persons} "
               "personer, 2016–2020, frø {seed}; ligger i {folder}/): ingen virkelig "
               "person er beskrevet. Fokusår 2020, sammenlignet med 2016–2019."),
    },
    "city": {"en": "City", "nb": "By"},
    "focus": {"en": "Focus year", "nb": "Fokusår"},
    "part": {"en": "Part", "nb": "Del"},
    "sec_indices": {"en": "Migration indices", "nb": "Flytteindekser"},
    "sec_indices_intro": {
        "en": ("The standard indices (IMAGE project, migest) on the moves between the 19 "
               "counties in 2011: effectiveness, concentration (Ginis), distance and "
               "distance decay, and how the indices change with the number of zones "
               "(MAUP). Distances between the county centroids. Formulas and references: "
               "docs/INDICES.md."),
        "nb": ("Standardindeksene (IMAGE-prosjektet, migest) på flyttingene mellom de 19 "
               "fylkene i 2011: effektivitet, konsentrasjon (Gini), avstand og "
               "avstandsforfall, og hvordan indeksene endrer seg med antall soner "
               "(MAUP). Avstander mellom fylkenes sentroider. Formler og kilder: "
               "docs/INDICES.md."),
    },
    "tab_indices": {
        "en": "Migration indices, counties {year}",
        "nb": "Flytteindekser, fylkene {year}",
    },
    "tab_corridors": {
        "en": "The largest migration corridors, {year}",
        "nb": "De største flyttekorridorene, {year}",
    },
    "tab_regions": {
        "en": "In-, out- and net migration and effectiveness by county, {year}",
        "nb": "Inn-, ut- og nettoflytting og effektivitet per fylke, {year}",
    },
    # figures
    "fig_choropleth": {
        "en": "Net internal migration by county, {year}",
        "nb": "Netto innenlandsk flytting etter fylke, {year}",
    },
    "fig_choropleth_caption": {
        "en": ("Counties in five equal groups (quintiles) by net internal migration; red "
               "= lowest fifth, blue = highest."),
        "nb": ("Fylkene delt i fem like store grupper (kvintiler) etter netto "
               "innenlandsk flytting; rødt = laveste femtedel, blått = høyeste."),
    },
    "fig_flowmap": {
        "en": "The {top} largest flows between the counties, {year}",
        "nb": "De {top} største flyttestrømmene mellom fylkene, {year}",
    },
    "fig_flowmap_caption": {
        "en": ("Lines between the centroids of the 19 counties, width by the number of "
               "moves. The lines carry {share:.0%} of all moves between the counties."),
        "nb": ("Linjer mellom sentroidene til de 19 fylkene, bredde etter antall "
               "flyttinger. Linjene viser {share:.0%} av flyttingene mellom fylkene."),
    },
    "flowmap_note": {
        "en": ("Lines between the centroids of the 19 counties of SSB's tables (01–20, "
               "the structure of 1972–2017; Sør- and Nord-Trøndelag rebuilt from the "
               "municipalities of 2018). Width by the number of moves."),
        "nb": ("Linjer mellom sentroidene til de 19 fylkene i SSBs tabeller (01–20, "
               "inndelingen 1972–2017; Sør- og Nord-Trøndelag rekonstruert fra kommunene "
               "i 2018). Bredde etter antall flyttinger."),
    },
    "boundaries_registry": {
        "en": "Boundaries: {what} from the data registry ({licence}).",
        "nb": "Grenser: {what} fra dataregisteret ({licence}).",
    },
    "boundaries_bundled": {
        "en": ("Boundaries: {what}, the simplified copy bundled with flytt (Kartverket, "
               "CC BY 4.0), because the registry file ({file}) could not be had; with "
               "network or FLYTT_DATA_MIRROR the full boundaries are drawn."),
        "nb": ("Grenser: {what}, forenklet kopi som følger med flytt (Kartverket, CC BY "
               "4.0), fordi registerfilen ({file}) ikke var tilgjengelig; med nett eller "
               "FLYTT_DATA_MIRROR tegnes de fulle grensene."),
    },
    "boundaries_county_2017": {
        "en": "the 19 counties of 1972–2017",
        "nb": "de 19 fylkene 1972–2017",
    },
    "boundaries_county_2018": {
        "en": "the counties of 2018–2019",
        "nb": "fylkene 2018–2019",
    },
    "boundaries_county_2020": {
        "en": "the counties of 2020–2023",
        "nb": "fylkene 2020–2023",
    },
    "boundaries_county_2024": {"en": "the counties from 2024", "nb": "fylkene fra 2024"},
    "boundaries_municipality_2018": {
        "en": "the municipalities of 2018–2019",
        "nb": "kommunene 2018–2019",
    },
    "boundaries_municipality_2020": {
        "en": "the municipalities of 2020–2023",
        "nb": "kommunene 2020–2023",
    },
    "boundaries_municipality_2024": {
        "en": "the municipalities from 2024",
        "nb": "kommunene fra 2024",
    },
    "fig_age_schedule": {
        "en": "Rogers–Castro schedule of out-migration from {name} by age, {year}",
        "nb": "Rogers–Castro-modell for utflyttingen fra {name} etter alder, {year}",
    },
    "fig_age_schedule_caption": {
        "en": ("Points: published cells (small counts are suppressed by disclosure "
               "control). Line: the seven-parameter Rogers–Castro schedule fitted to the "
               "points."),
        "nb": ("Punkter: publiserte celler (små tall er undertrykt av "
               "avsløringskontrollen). Linje: Rogers–Castro-modellen med sju parametre "
               "tilpasset punktene."),
    },
    "fig_chord": {
        "en": "Moves between the counties, {year}",
        "nb": "Flyttinger mellom fylkene, {year}",
    },
    "net_internal": {"en": "Net internal", "nb": "Netto innenlandsk"},
    "net_abroad": {"en": "Net abroad", "nb": "Netto utland"},
    "net": {"en": "Net migration", "nb": "Nettoflytting"},
    "moves": {"en": "Moves", "nb": "Flyttinger"},
    "moved_from": {"en": "Moved from", "nb": "Flyttet fra"},
    "moved_to": {"en": "Moved to", "nb": "Flyttet til"},
    "abroad": {"en": "Abroad", "nb": "Utlandet"},
    "region": {"en": "Region", "nb": "Region"},
    # tables
    "title_od": {
        "en": "Migration within and between regions and between regions and abroad",
        "nb": "Flyttinger innen og mellom regioner og mellom regioner og utlandet",
    },
    "title_net": {
        "en": "Net migration between regions",
        "nb": "Nettoflytting mellom regioner",
    },
    "title_balance": {
        "en": "In-migration, out-migration and net migration, internal and abroad",
        "nb": "Inn-, ut- og nettoflytting, innenlands og utland",
    },
    "first_rows": {
        "en": "First {shown} of {rows} rows; every row is in the CSV/Excel file.",
        "nb": "De første {shown} av {rows} radene; alle radene står i CSV-/Excel-filen.",
    },
    # dashboard
    "dash_title": {"en": "flytt – dashboard", "nb": "flytt – dashbord"},
    "nav_tables": {"en": "Tables", "nb": "Tabeller"},
    "nav_barometer": {"en": "Barometer", "nb": "Barometer"},
    "nav_city": {"en": "City", "nb": "Byanalyse"},
    "nav_flows": {"en": "Flow map", "nb": "Flyttestrømmer"},
    "nav_api": {"en": "API", "nb": "API"},
    "table": {"en": "Table", "nb": "Tabell"},
    "year": {"en": "Year", "nb": "År"},
    "dataset": {"en": "Dataset", "nb": "Datasett"},
    "top": {"en": "Number of flows", "nb": "Antall strømmer"},
    "direction": {"en": "Direction", "nb": "Retning"},
    "dir_all": {"en": "All", "nb": "Alle"},
    "dir_in": {"en": "Incoming to", "nb": "Innflytting til"},
    "dir_out": {"en": "Outgoing from", "nb": "Utflytting fra"},
    "dir_between": {"en": "Between selected", "nb": "Mellom valgte"},
    "period": {"en": "Period", "nb": "Periode"},
    "level": {"en": "Level", "nb": "Nivå"},
    "stream": {"en": "Stream", "nb": "Flyttestrøm"},
    "history": {"en": "History", "nb": "Historikk"},
    "attractiveness": {"en": "Attractiveness index", "nb": "Attraktivitetsindeks"},
    "long_term_label": {
        "en": "Long term (three periods)",
        "nb": "Lang sikt (tre perioder)",
    },
    "stream_all": {"en": "All migration", "nb": "All flytting"},
    "stream_immigration": {"en": "Immigration", "nb": "Innvandring"},
    "stream_domestic_immigrants": {
        "en": "Immigrants, domestic moves",
        "nb": "Innvandrere, innenlands",
    },
    "stream_domestic_others": {"en": "Others, domestic moves", "nb": "Øvrige, innenlands"},
    "level_municipality": {"en": "Municipalities", "nb": "Kommuner"},
    "level_region": {"en": "Regions", "nb": "Regioner"},
    "level_county": {"en": "Counties", "nb": "Fylker"},
    # flytt's notes on synthetic data
    "synthetic_note": {
        "en": ("SYNTHETIC DEMO DATA: generated numbers, not real municipalities' "
               "statistics."),
        "nb": ("SYNTETISKE DEMODATA: genererte tall, ikke virkelig statistikk for "
               "kommunene."),
    },
    "synthetic_label": {
        "en": ("SYNTHETIC DATA generated by flytt synth: no real person is described; "
               "numbers only imitate Norwegian register statistics"),
        "nb": ("SYNTETISKE DATA laget av flytt synth: ingen virkelig person er "
               "beskrevet; tallene etterligner bare norsk registerstatistikk"),
    },
    "click_hint": {
        "en": "Click a municipality to see its history.",
        "nb": "Klikk på en kommune for å se historikken.",
    },
    # the dashboard's flow map and barometer
    "flows_title.in": {
        "en": "The {top} largest flows into {names}, {year}",
        "nb": "De {top} største flyttestrømmene inn til {names}, {year}",
    },
    "flows_title.out": {
        "en": "The {top} largest flows out of {names}, {year}",
        "nb": "De {top} største flyttestrømmene ut av {names}, {year}",
    },
    "flows_title.between": {
        "en": "The {top} largest flows between {names}, {year}",
        "nb": "De {top} største flyttestrømmene mellom {names}, {year}",
    },
    "flows_title.all": {
        "en": "The {top} largest flows to and from {names}, {year}",
        "nb": "De {top} største flyttestrømmene til og fra {names}, {year}",
    },
    "and": {"en": "and", "nb": "og"},
    "click_hint.municipality": {
        "en": "Click a municipality to see its history.",
        "nb": "Klikk på en kommune for å se historikken.",
    },
    "click_hint.region": {
        "en": "Click a region to see its history.",
        "nb": "Klikk på en region for å se historikken.",
    },
    "click_hint.county": {
        "en": "Click a county to see its history.",
        "nb": "Klikk på et fylke for å se historikken.",
    },
    "click_hint.group": {
        "en": "Click a group to see its history.",
        "nb": "Klikk på en gruppe for å se historikken.",
    },
    "map_left_out": {
        "en": "The map is left out: {reason}.",
        "nb": "Kartet er utelatt: {reason}.",
    },
    # map legends
    "quintile.1": {"en": "Lowest 20 %", "nb": "Laveste 20 %"},
    "quintile.2": {"en": "20–40 %", "nb": "20–40 %"},
    "quintile.3": {"en": "40–60 %", "nb": "40–60 %"},
    "quintile.4": {"en": "60–80 %", "nb": "60–80 %"},
    "quintile.5": {"en": "Highest 20 %", "nb": "Høyeste 20 %"},
    "no_data": {"en": "No data", "nb": "Ingen data"},
    "not_ranked": {"en": "Not ranked", "nb": "Ikke rangert"},
    # the report command's terminal lines; the indices section without geography
    "cli.report.writing": {"en": "Writing the report…", "nb": "Skriver rapporten…"},
    "cli.report.incomplete": {
        "en": "[yellow]note:[/] section '{title}' is incomplete; see the page",
        "nb": "[yellow]merknad:[/] delen «{title}» er ufullstendig; se siden",
    },
    "cli.report.wrote": {
        "en": "Wrote {n} files; open [bold]{index}[/]",
        "nb": "Skrev {n} filer; åpne [bold]{index}[/]",
    },
    "no_geography": {
        "en": ("Without the geography of the counties (centroids and boundaries) these "
               "parts are missing: the distance indices (mean_distance, median_distance, "
               "distance_decay) in the table, the distance-decay figure and the figure "
               "of the indices by number of zones (MAUP scale figure). The chord "
               "diagram, otherwise in the maps section, is shown here. The boundaries "
               "come from the data registry: {exc}. Run with network access, or point "
               "{env} at a data mirror."),
        "nb": ("Uten fylkenes geografi (sentroider og grenser) mangler disse delene: "
               "avstandsindeksene (mean_distance, median_distance, distance_decay) i "
               "tabellen, figuren over avstandsforfall og figuren over indeksene etter "
               "antall soner (MAUP). Koordiagrammet, som ellers står i kartdelen, vises "
               "her. Grensene hentes fra dataregisteret: {exc}. Kjør med nettilgang, "
               "eller sett {env} til et dataspeil."),
    },
    # the barometer section on the user's store
    "sec_barometer_intro_store": {
        "en": ("Telemarksforsking's attractiveness index (seed 003) for municipalities, "
               "regions and counties on the store's panel ({source}): net migration in "
               "per cent of the population minus the net migration that job growth "
               "predicts."),
        "nb": ("Telemarksforskings attraktivitetsindeks (seed 003) for kommuner, "
               "regioner og fylker på panelet i lageret ({source}): nettoflytting i "
               "prosent av folketallet minus den nettoflyttingen arbeidsplassveksten "
               "tilsier."),
    },
    # the dashboard while an import holds the store
    "store_busy": {
        "en": "The store is busy: another flytt process (an import?) is writing to it. Try "
              "again in a few seconds.",
        "nb": "Lageret er opptatt: en annen flytt-prosess (en import?) skriver til det. Prøv "
              "igjen om noen sekunder.",
    },
}
