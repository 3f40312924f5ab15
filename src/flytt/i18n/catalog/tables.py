"""The words of SSB's migration tables and the column headings of every result table."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # SSB's tables: titles ({word} names the level), footnotes, row names
    "tables.title.od": {
        "en": "Migration within and between {word} and between {word} and abroad",
        "nb": "Flytting innen og mellom {word} og mellom {word} og utlandet",
    },
    "tables.title.net": {
        "en": "Net migration between {word}",
        "nb": "Nettoflytting mellom {word}",
    },
    "tables.title.balance": {
        "en": ("In-migration, out-migration and net migration of the {word}, internal "
               "and abroad"),
        "nb": "Innflytting, utflytting og nettoflytting for {word}, innenlands og utland",
    },
    "tables.footnote.od": {
        "en": ("Rows: region moved from. Columns: region moved to. The diagonal holds "
               "moves between municipalities within the region. '.' = not applicable."),
        "nb": ("Rader: region det er flyttet fra. Kolonner: region det er flyttet til. "
               "Diagonalen viser flyttinger mellom kommuner innen regionen. «.» = ikke "
               "aktuelt."),
    },
    "tables.footnote.net": {
        "en": ("Net migration for the region in the row from the region in the column: "
               "moves from the column region to the row region minus moves the other "
               "way. A negative number is a net loss of the row region to the column "
               "region. 'Net migration, total' is the net with all other regions (moves "
               "to and from abroad are not included)."),
        "nb": ("Nettoflytting for regionen i raden fra regionen i kolonnen: flyttinger "
               "fra kolonneregionen til raderegionen minus flyttinger motsatt vei. Et "
               "negativt tall er et nettotap for raderegionen til kolonneregionen. "
               "«Nettoflytting i alt» er nettoflyttingen med alle andre regioner "
               "(flyttinger til og fra utlandet er ikke med)."),
    },
    "tables.footnote.balance": {
        "en": "Moves between municipalities within the same region are not included.",
        "nb": "Flyttinger mellom kommuner i samme region er ikke med.",
    },
    "tables.word.counties": {"en": "counties", "nb": "fylker"},
    "tables.word.municipalities": {"en": "municipalities", "nb": "kommuner"},
    "tables.word.regions": {"en": "regions", "nb": "regioner"},
    "tables.row.whole_country": {"en": "The whole country", "nb": "Hele landet"},
    "tables.row.total": {"en": "Total", "nb": "I alt"},
    "tables.row.abroad": {"en": "Abroad", "nb": "Utlandet"},
    # column headings for people (en: the contract name with spaces); machine formats keep the names
    "column.region_code": {"en": "region code", "nb": "Kode"},
    "column.region_name": {"en": "region name", "nb": "Region"},
    "column.origin_code": {"en": "origin code", "nb": "Kode"},
    "column.origin_name": {"en": "origin name", "nb": "Fra region"},
    "column.net_total": {"en": "net total", "nb": "Nettoflytting i alt"},
    "column.total": {"en": "total", "nb": "I alt"},
    "column.in_all": {"en": "in all", "nb": "Innflytting i alt"},
    "column.in_abroad": {"en": "in abroad", "nb": "Innvandring"},
    "column.in_internal": {"en": "in internal", "nb": "Innenlands innflytting"},
    "column.out_all": {"en": "out all", "nb": "Utflytting i alt"},
    "column.out_abroad": {"en": "out abroad", "nb": "Utvandring"},
    "column.out_internal": {"en": "out internal", "nb": "Innenlands utflytting"},
    "column.net_all": {"en": "net all", "nb": "Nettoflytting i alt"},
    "column.net_abroad": {"en": "net abroad", "nb": "Nettoinnvandring"},
    "column.net_internal": {"en": "net internal", "nb": "Innenlands nettoflytting"},
    "column.ABROAD": {"en": "ABROAD", "nb": "Utlandet"},
    "column.destination_code": {"en": "destination code", "nb": "Til kode"},
    "column.destination_name": {"en": "destination name", "nb": "Til region"},
    "column.moves": {"en": "moves", "nb": "Flyttinger"},
    "column.measure": {"en": "measure", "nb": "Mål"},
    "column.description": {"en": "description", "nb": "Beskrivelse"},
    "column.value": {"en": "value", "nb": "Verdi"},
    "column.flow": {"en": "flow", "nb": "Strøm"},
    "column.counter_flow": {"en": "counter flow", "nb": "Motstrøm"},
    "column.net": {"en": "net", "nb": "Netto"},
    "column.interchange": {"en": "interchange", "nb": "Utveksling"},
    "column.effectiveness": {"en": "effectiveness", "nb": "Effektivitet"},
    "column.inflow": {"en": "inflow", "nb": "Innflytting"},
    "column.outflow": {"en": "outflow", "nb": "Utflytting"},
    "column.turnover": {"en": "turnover", "nb": "Bruttoflytting"},
    "column.rank": {"en": "rank", "nb": "Rang"},
    "column.population": {"en": "population", "nb": "Folketall"},
    "column.net_migration_pct": {"en": "net migration pct", "nb": "Nettoflytting, %"},
    "column.job_growth_pct": {"en": "job growth pct", "nb": "Arbeidsplassvekst, %"},
    "column.expected_pct": {"en": "expected pct", "nb": "Forventet, %"},
    "column.attractiveness": {"en": "attractiveness", "nb": "Attraktivitet"},
    "column.attractiveness_low": {"en": "attractiveness low", "nb": "Attraktivitet, nedre"},
    "column.attractiveness_high": {
        "en": "attractiveness high",
        "nb": "Attraktivitet, øvre",
    },
    "column.rank_low": {"en": "rank low", "nb": "Rang, nedre"},
    "column.rank_high": {"en": "rank high", "nb": "Rang, øvre"},
    "column.attractiveness_shrunk": {
        "en": "attractiveness shrunk",
        "nb": "Attraktivitet, krympet",
    },
    "column.rank_shrunk": {"en": "rank shrunk", "nb": "Rang, krympet"},
    "column.attractiveness_immigration": {
        "en": "attractiveness immigration",
        "nb": "Attraktivitet, innvandring",
    },
    "column.attractiveness_domestic_immigrants": {
        "en": "attractiveness domestic immigrants",
        "nb": "Attraktivitet, innvandrere innenlands",
    },
    "column.attractiveness_domestic_others": {
        "en": "attractiveness domestic others",
        "nb": "Attraktivitet, øvrige innenlands",
    },
    "column.driver": {"en": "driver", "nb": "Driver"},
    "column.label": {"en": "label", "nb": "Betegnelse"},
    "column.year": {"en": "year", "nb": "År"},
    "column.age": {"en": "age", "nb": "Alder"},
    "column.age_group": {"en": "age group", "nb": "Aldersgruppe"},
    "column.out_domestic": {"en": "out domestic", "nb": "Utflytting innenlands"},
    "column.rate_per_100": {"en": "rate per 100", "nb": "Rate per 100"},
    "column.country_background": {"en": "country background", "nb": "Landbakgrunn"},
    "column.occupation": {"en": "occupation", "nb": "Hovedaktivitet"},
    "column.out_migrants": {"en": "out migrants", "nb": "Utflyttere"},
    "column.destination": {"en": "destination", "nb": "Mål"},
    "column.attribute": {"en": "attribute", "nb": "Kjennetegn"},
    "column.category": {"en": "category", "nb": "Kategori"},
    "column.baseline_population": {"en": "baseline population", "nb": "Folketall, basis"},
    "column.focus_population": {"en": "focus population", "nb": "Folketall, fokusår"},
    "column.baseline_out_migrants": {
        "en": "baseline out migrants",
        "nb": "Utflyttere, basis",
    },
    "column.focus_out_migrants": {"en": "focus out migrants", "nb": "Utflyttere, fokusår"},
    "column.baseline_rate_per_100": {
        "en": "baseline rate per 100",
        "nb": "Rate per 100, basis",
    },
    "column.focus_rate_per_100": {
        "en": "focus rate per 100",
        "nb": "Rate per 100, fokusår",
    },
    "column.size_effect": {"en": "size effect", "nb": "Størrelseseffekt"},
    "column.composition_effect": {"en": "composition effect", "nb": "Sammensetningseffekt"},
    "column.population_effect": {"en": "population effect", "nb": "Befolkningseffekt"},
    "column.rate_effect": {"en": "rate effect", "nb": "Rateeffekt"},
    "column.unmatched_effect": {"en": "unmatched effect", "nb": "Uforklart effekt"},
    "column.change": {"en": "change", "nb": "Endring"},
    "column.disclosure_adjustment": {
        "en": "disclosure adjustment",
        "nb": "Justering for avsløringskontroll",
    },
    "column.level": {"en": "level", "nb": "Nivå"},
    "column.share_pct": {"en": "share pct", "nb": "Andel, %"},
    "column.in_ba_region": {"en": "in ba region", "nb": "I bo- og arbeidsregionen"},
    "column.status": {"en": "status", "nb": "Status"},
    "column.municipality": {"en": "municipality", "nb": "Kommune"},
    "column.municipality_name": {"en": "municipality name", "nb": "Kommunenavn"},
    "column.source": {"en": "source", "nb": "Kilde"},
    "column.period": {"en": "period", "nb": "Periode"},
    "column.from_year": {"en": "from year", "nb": "Fra år"},
    "column.to_year": {"en": "to year", "nb": "Til år"},
    # narrow two-line headings of SSB's tables in the terminal
    "column.short.in_all": {"en": "In\nall", "nb": "Inn\ni alt"},
    "column.short.in_abroad": {"en": "In from\nabroad", "nb": "Inn-\nvandring"},
    "column.short.in_internal": {"en": "In\ninternal", "nb": "Inn\ninnenlands"},
    "column.short.out_all": {"en": "Out\nall", "nb": "Ut\ni alt"},
    "column.short.out_abroad": {"en": "Out to\nabroad", "nb": "Ut-\nvandring"},
    "column.short.out_internal": {"en": "Out\ninternal", "nb": "Ut\ninnenlands"},
    "column.short.net_all": {"en": "Net\nall", "nb": "Netto\ni alt"},
    "column.short.net_abroad": {"en": "Net\nabroad", "nb": "Netto inn-\nvandring"},
    "column.short.net_internal": {"en": "Net\ninternal", "nb": "Netto\ninnenlands"},
    "column.short.net_total": {"en": "Net\ntotal", "nb": "Netto\ni alt"},
    "column.short.total": {"en": "Total", "nb": "I alt"},
}
