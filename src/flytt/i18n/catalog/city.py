"""The words of the city analysis (seed 004), its figures, the register's categories and
the disclosure notes."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # the city analysis (seed 004): notes, labels of flows, destinations and attributes
    "city.synthetic_note": {
        "en": "SYNTHETIC register (flytt synth): no real person is described",
        "nb": "SYNTETISK register (flytt synth): ingen virkelig person er beskrevet",
    },
    "city.in_domestic": {
        "en": "In-migration from the rest of Norway",
        "nb": "Innflytting fra resten av Norge",
    },
    "city.out_domestic": {
        "en": "Out-migration to the rest of Norway",
        "nb": "Utflytting til resten av Norge",
    },
    "city.immigration": {"en": "Immigration", "nb": "Innvandring"},
    "city.emigration": {"en": "Emigration", "nb": "Utvandring"},
    "city.in_all": {"en": "In-migration", "nb": "Innflytting"},
    "city.out_all": {"en": "Out-migration", "nb": "Utflytting"},
    "city.domestic": {"en": "To the rest of Norway", "nb": "Til resten av Norge"},
    "city.abroad": {"en": "Abroad", "nb": "Til utlandet"},
    "city.all": {"en": "All destinations", "nb": "Alle destinasjoner"},
    "city.total": {"en": "All persons", "nb": "Alle personer"},
    "city.age_group": {"en": "Age group", "nb": "Aldersgruppe"},
    "city.sex": {"en": "Sex", "nb": "Kjønn"},
    "city.occupation": {"en": "Occupation", "nb": "Yrke"},
    "city.birthplace": {"en": "Birthplace", "nb": "Fødested"},
    "city.family_type": {"en": "Family type", "nb": "Familietype"},
    "city.immigrant_category": {"en": "Immigrant category", "nb": "Innvandringskategori"},
    "city.TOTAL": {"en": "Total", "nb": "I alt"},
    "city.DISCLOSURE_ADJUSTMENT": {
        "en": "Disclosure adjustment (rounding and suppressed cells)",
        "nb": "Justering for avrunding og undertrykte tall",
    },
    "city.focus": {"en": "focus", "nb": "fokusår"},
    "city.baseline": {"en": "baseline", "nb": "basisår"},
    "city.compared_with": {"en": "compared with", "nb": "sammenlignet med"},
    "city.title.trend": {
        "en": "Moves between the city and the rest of Norway and abroad",
        "nb": "Flyttinger mellom byen og resten av Norge og utlandet",
    },
    "city.title.age": {
        "en": "Out-migrations per 100 inhabitants by age",
        "nb": "Utflyttinger per 100 innbyggere etter alder",
    },
    "city.title.occupation": {
        "en": "Out-migrations by occupation",
        "nb": "Utflyttinger etter yrke",
    },
    "city.title.background": {
        "en": "Emigrations of persons with country background {country} by occupation",
        "nb": "Utvandringer av personer med landbakgrunn {country} etter yrke",
    },
    "city.title.birthplace_family": {
        "en": "Out-migrations by birthplace and family type",
        "nb": "Utflyttinger etter fødested og familietype",
    },
    "city.title.destinations": {
        "en": "Out-migration to the rest of Norway by destination",
        "nb": "Utflytting til andre deler av Norge etter tilflyttingssted",
    },
    "city.note.destinations": {
        "en": ("in_ba_region: the destination is in the city's BA region (bo- og "
               "arbeidsmarkedsregion)."),
        "nb": "in_ba_region: kommunen er en del av byens bo- og arbeidsmarkedsregion.",
    },
    "city.title.decomposition": {
        "en": "Change in out-migrants from the baseline mean: population and rate effects",
        "nb": ("Endring i antall utflyttere fra snittet i basisårene: befolknings- og "
               "rateeffekt"),
    },
    "city.note.decomposition": {
        "en": ("population_effect = size_effect (population growth) + "
               "composition_effect; change = population_effect + rate_effect + "
               "unmatched_effect + disclosure_adjustment."),
        "nb": ("population_effect = size_effect (befolkningsvekst) + composition_effect; "
               "change = population_effect + rate_effect + unmatched_effect + "
               "disclosure_adjustment."),
    },
    "city.note.decomposition_disclosure": {
        "en": ("Every grouping decomposes the same published change: the TOTAL rows hold "
               "the published out-migrants of each year (trend.csv: out_domestic + "
               "emigration; baseline = mean of the published years) and the published "
               "population; the categories are decomposed from their published yearly "
               "cells (a suppressed cell counts as 0 and is shown empty), and the row "
               "DISCLOSURE_ADJUSTMENT (column disclosure_adjustment) holds what rounding "
               "and suppression leave between the categories and the published total, so "
               "change = population_effect + rate_effect + unmatched_effect + "
               "disclosure_adjustment in every row."),
        "nb": ("Alle grupperinger dekomponerer den samme publiserte endringen: "
               "TOTAL-radene har de publiserte utflytterne hvert år (trend.csv: "
               "out_domestic + emigration; basisårene = snittet av de publiserte årene) "
               "og den publiserte befolkningen; kategoriene dekomponeres fra sine "
               "publiserte årstall (et undertrykt tall teller som 0 og vises tomt), og "
               "raden DISCLOSURE_ADJUSTMENT (kolonnen disclosure_adjustment) har det "
               "avrunding og undertrykking etterlater mellom kategoriene og den "
               "publiserte summen, så change = population_effect + rate_effect + "
               "unmatched_effect + disclosure_adjustment i hver rad."),
    },
    "city.title.ssb_trend": {
        "en": "In- and out-migration (SSB table 06913)",
        "nb": "Inn- og utflyttinger (SSB-tabell 06913)",
    },
    "city.no_background": {
        "en": "no emigrants with a foreign country background: figure 4 is empty",
        "nb": "ingen utvandrere med utenlandsk landbakgrunn: figur 4 er tom",
    },
    "city.other_background": {
        "en": ("too few emigrants with country background {default} to show; figure 4 "
               "shows {chosen}, the most common foreign background among emigrants"),
        "nb": ("for få utvandrere med landbakgrunn {default} til å vises; figur 4 viser "
               "{chosen}, den vanligste utenlandske landbakgrunnen blant utvandrerne"),
    },
    "disclosure.none": {
        "en": ("no disclosure control: exact counts, not for publication from real "
               "microdata"),
        "nb": ("ingen avsløringskontroll: eksakte tall, ikke for publisering fra ekte "
               "mikrodata"),
    },
    "disclosure.rule": {
        "en": ("disclosure control: counts 1-{below} suppressed (empty), other counts rounded "
               "to base {base}; totals, nets and rates are computed from the published counts "
               "and are suppressed when any count they are computed from is suppressed"),
        "nb": ("avsløringskontroll: tall fra 1 til {below} er undertrykt (tomme), andre tall er "
               "avrundet til nærmeste {base}; summer, nettotall og rater er beregnet fra de "
               "publiserte tallene og er undertrykt når et av tallene de bygger på, er "
               "undertrykt"),
    },
    # register categories (microdata) and country backgrounds
    "category.sex.M": {"en": "Men", "nb": "Menn"},
    "category.sex.F": {"en": "Women", "nb": "Kvinner"},
    "category.birthplace.same": {"en": "Born in the municipality", "nb": "Født i kommunen"},
    "category.birthplace.norway": {
        "en": "Born elsewhere in Norway",
        "nb": "Født ellers i Norge",
    },
    "category.birthplace.abroad": {"en": "Born abroad", "nb": "Født i utlandet"},
    "category.immigrant_category.immigrant": {"en": "Immigrants", "nb": "Innvandrere"},
    "category.immigrant_category.norwegian_born_to_immigrants": {
        "en": "Norwegian-born to immigrant parents",
        "nb": "Norskfødte med innvandrerforeldre",
    },
    "category.immigrant_category.rest": {
        "en": "Rest of the population",
        "nb": "Øvrig befolkning",
    },
    "category.occupation.0": {"en": "Armed forces", "nb": "Militære yrker"},
    "category.occupation.1": {"en": "Managers", "nb": "Ledere"},
    "category.occupation.2": {"en": "Professionals", "nb": "Akademiske yrker"},
    "category.occupation.3": {
        "en": "Technicians and associate professionals",
        "nb": "Høyskoleyrker",
    },
    "category.occupation.4": {"en": "Clerical support workers", "nb": "Kontoryrker"},
    "category.occupation.5": {
        "en": "Service and sales workers",
        "nb": "Salgs- og serviceyrker",
    },
    "category.occupation.6": {
        "en": "Agricultural, forestry and fishery workers",
        "nb": "Bønder, fiskere mv.",
    },
    "category.occupation.7": {
        "en": "Craft and related trades workers",
        "nb": "Håndverkere",
    },
    "category.occupation.8": {
        "en": "Plant and machine operators",
        "nb": "Operatører, sjåfører mv.",
    },
    "category.occupation.9": {
        "en": "Elementary occupations",
        "nb": "Renholdere, hjelpearbeidere mv.",
    },
    "category.occupation.none": {"en": "No occupation", "nb": "Uten yrke"},
    "category.family_type.single": {"en": "Single", "nb": "Enslige"},
    "category.family_type.couple_no_children": {
        "en": "Couple without children",
        "nb": "Par uten barn",
    },
    "category.family_type.couple_with_children": {
        "en": "Couple with children",
        "nb": "Par med barn",
    },
    "category.family_type.single_parent": {
        "en": "Single parent",
        "nb": "Enslige forsørgere",
    },
    "category.family_type.child": {"en": "Child (0–17)", "nb": "Barn (0–17 år)"},
    "country.NO": {"en": "Norway", "nb": "Norge"},
    "country.PL": {"en": "Poland", "nb": "Polen"},
    "country.LT": {"en": "Lithuania", "nb": "Litauen"},
    "country.SE": {"en": "Sweden", "nb": "Sverige"},
    "country.DK": {"en": "Denmark", "nb": "Danmark"},
    "country.DE": {"en": "Germany", "nb": "Tyskland"},
    "country.RU": {"en": "Russia", "nb": "Russland"},
    "country.SO": {"en": "Somalia", "nb": "Somalia"},
    "country.ER": {"en": "Eritrea", "nb": "Eritrea"},
    "country.SY": {"en": "Syria", "nb": "Syria"},
    "country.IQ": {"en": "Iraq", "nb": "Irak"},
    "country.IR": {"en": "Iran", "nb": "Iran"},
    "country.PK": {"en": "Pakistan", "nb": "Pakistan"},
    "country.VN": {"en": "Vietnam", "nb": "Vietnam"},
    "country.PH": {"en": "the Philippines", "nb": "Filippinene"},
    "country.TH": {"en": "Thailand", "nb": "Thailand"},
    "country.ZZ": {"en": "other countries", "nb": "andre land"},
    # the city figures and page
    "city.fig.trend": {
        "en": ("Moves between {city} and the rest of Norway and abroad, and in "
               "comparable cities, {years}"),
        "nb": ("Flyttinger mellom {city} og resten av Norge og utlandet, og for andre "
               "byer, {years}"),
    },
    "city.fig.trend_city": {
        "en": "Moves between {city} and the rest of Norway and abroad, {years}",
        "nb": "Flyttinger mellom {city} og resten av Norge og utlandet, {years}",
    },
    "city.fig.age": {
        "en": "Out-migrations from {city} per 100 inhabitants by age, {years}",
        "nb": "Flyttinger fra {city} per 100 innbyggere etter alder, {years}",
    },
    "city.fig.occupation": {
        "en": "Out-migrations from {city} by occupation group, {years}",
        "nb": "Utflyttinger fra {city} etter yrkesgrupper, {years}",
    },
    "city.fig.background": {
        "en": ("Emigrations of persons with country background {bg} from {city} by "
               "occupation, {years}"),
        "nb": ("Utvandringer av personer med landbakgrunn {bg} fra {city} etter yrke, "
               "{years}"),
    },
    "city.fig.birthplace_family": {
        "en": "Out-migrations from {city} by birthplace and family type, {years}",
        "nb": "Utflyttinger fra {city} etter fødested og familietype, {years}",
    },
    "city.fig.destinations": {
        "en": "Out-migration from {city} to the rest of Norway by destination, {years}",
        "nb": ("Utflytting fra {city} til andre deler av Norge etter tilflyttingssted, "
               "{years}"),
    },
    "city.fig.decomposition": {
        "en": "Change in out-migrants from {city}, {focus} against the mean of {baseline}",
        "nb": "Endring i antall utflyttere fra {city}, {focus} mot snittet for {baseline}",
    },
    "city.fig.domestic": {"en": "To the rest of Norway", "nb": "Til resten av Norge"},
    "city.fig.abroad": {"en": "Abroad", "nb": "Til utlandet"},
    "city.fig.moves": {"en": "Moves", "nb": "Flyttinger"},
    "city.fig.rate": {"en": "Per 100 inhabitants", "nb": "Per 100 innbyggere"},
    "city.fig.persons": {"en": "Persons", "nb": "Personer"},
    "city.fig.out_migrants": {"en": "Out-migrants", "nb": "Utflyttere"},
    "city.fig.age_axis": {"en": "Age", "nb": "Alder"},
    "city.fig.age_group": {"en": "Age group", "nb": "Aldersgruppe"},
    "city.fig.year": {"en": "Year", "nb": "År"},
    "city.fig.flow": {"en": "Flow", "nb": "Flyttestrøm"},
    "city.fig.county": {"en": "By destination county", "nb": "Etter tilflyttingsfylke"},
    "city.fig.municipality": {
        "en": "Top destination municipalities",
        "nb": "Største tilflyttingskommuner",
    },
    "city.fig.ba": {
        "en": "* in {city}'s commuting region (BA region)",
        "nb": "* del av {city}s bo- og arbeidsmarkedsregion",
    },
    "city.fig.single": {"en": "Single years of age", "nb": "Ettårig alder"},
    "city.fig.groups": {"en": "5-year age groups", "nb": "Femårige aldersgrupper"},
    "city.fig.size_effect": {
        "en": "Population growth (size)",
        "nb": "Befolkningsvekst (størrelse)",
    },
    "city.fig.composition_effect": {"en": "Composition", "nb": "Sammensetning"},
    "city.fig.rate_effect": {
        "en": "Rates (moving more or less)",
        "nb": "Flyttetilbøyelighet (rater)",
    },
    "city.fig.unmatched_effect": {
        "en": "No population at risk",
        "nb": "Uten befolkning under risiko",
    },
    "city.fig.disclosure_adjustment": {
        "en": "Disclosure control (rounding, suppression)",
        "nb": "Avsløringskontroll (avrunding, undertrykking)",
    },
    "city.fig.change": {"en": "Total change", "nb": "Samlet endring"},
    "city.fig.all": {"en": "All destinations", "nb": "Alle destinasjoner"},
    "city.fig.by_age": {
        "en": "Composition by age group",
        "nb": "Sammensetning etter aldersgruppe",
    },
    "city.fig.rate_by_occupation": {
        "en": "Rate effect by occupation group (all destinations)",
        "nb": "Rateeffekt etter yrkesgruppe (alle destinasjoner)",
    },
    "city.fig.rate_note": {
        "en": ("Rates = the change not explained by the size and composition of the "
               "population"),
        "nb": ("Rater = endringen som befolkningens størrelse og sammensetning ikke "
               "forklarer"),
    },
    "city.fig.source": {
        "en": "Source: individual move register (flytt)",
        "nb": "Kilde: individuelle flyttedata (flytt)",
    },
    "city.fig.notes": {"en": "Notes", "nb": "Merknader"},
    "city.fig.suppressed": {
        "en": "Counts rounded to 5; missing bars/points: suppressed small counts (1–4)",
        "nb": ("Tall avrundet til nærmeste 5; manglende søyler/punkter: undertrykte små "
               "tall (1–4)"),
    },
    "city.fig.age_sparse": {
        "en": ("Single years of age not shown: too many small counts are suppressed "
               "(disclosure control); the figure shows 5-year age groups"),
        "nb": ("Ettårig alder vises ikke: for mange små tall er undertrykt "
               "(avsløringskontroll); figuren viser femårige aldersgrupper"),
    },
    "city.fig.all_suppressed": {
        "en": "All counts suppressed by disclosure control (1–4 persons)",
        "nb": "Alle tall er undertrykt av avsløringskontroll (1–4 personer)",
    },
    "city.fig.none_published": {
        "en": ("No emigrations to show: every count is 0 or suppressed by disclosure "
               "control (1–4 persons)"),
        "nb": ("Ingen utvandringer å vise: alle tall er 0 eller undertrykt av "
               "avsløringskontroll (1–4 personer)"),
    },
    "city.fig.no_emigrations": {
        "en": "No emigrations in these years",
        "nb": "Ingen utvandringer i disse årene",
    },
    "city.fig.section": {
        "en": "Who leaves {city}? Out-migration {focus} against {baseline}",
        "nb": "Hvem flytter fra {city}? Utflytting {focus} mot {baseline}",
    },
    "city.fig.summary": {
        "en": ("{focus_n} persons moved out of {city} in {focus}, against {base_n} a "
               "year on average in {baseline} ({change}). Population growth accounts for "
               "{size}, changes in the composition of the population for {comp} and "
               "changed out-migration rates for {rate}."),
        "nb": ("{focus_n} personer flyttet fra {city} i {focus}, mot i snitt {base_n} "
               "per år i {baseline} ({change}). Befolkningsveksten forklarer {size}, "
               "endret befolkningssammensetning {comp} og endrede flytterater {rate}."),
    },
    "city.fig.summary_adjustment": {
        "en": (" Rounding and suppressed small counts (disclosure control) account for "
               "{adj}."),
        "nb": " Avrunding og undertrykte små tall (avsløringskontroll) utgjør {adj}.",
    },
    # the city command's terminal lines
    "cli.city.note": {"en": "note", "nb": "merknad"},
    "cli.city.wrote": {
        "en": "Wrote {csv} CSV files, {figures} figures and city.html to {target}/",
        "nb": "Skrev {csv} CSV-filer, {figures} figurer og city.html til {target}/",
    },
    "cli.city.wrote_trend": {
        "en": "Wrote the trend of {code} {name} from SSB's table to {target}/",
        "nb": "Skrev utviklingen for {code} {name} fra SSBs tabell til {target}/",
    },
}
