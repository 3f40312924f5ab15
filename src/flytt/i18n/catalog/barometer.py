"""The words of the attractiveness barometer, its drivers and its figures (seed 003)."""

from __future__ import annotations

_LEVELS = {
    "municipality": (("municipality", "municipalities"), ("kommune", "kommuner")),
    "region": (("region", "regions"), ("region", "regioner")),
    "county": (("county", "counties"), ("fylke", "fylker")),
    "group": (("group", "groups"), ("gruppe", "grupper")),
}
_DRIVERS = {
    "job_growth_pct": ("Job growth (Arbeidsplassvekst)", "Arbeidsplassvekst"),
    "integration": ("Labour-market integration (Integrasjon)", "Integrasjon"),
    "log_population": ("Population, log (Bef.størrelse)", "Befolkningsstørrelse (log)"),
    "neighbour_job_growth_pct": ("Neighbour job growth (Nabovekst)", "Nabovekst"),
    "culture_index": ("Culture index (Kulturindeks)", "Kulturindeks"),
    "cafe_density": ("Café density (Kafe)", "Kafétetthet"),
    "education_level": ("Education level (Utdanningsnivå)", "Utdanningsnivå"),
    "university_staff": ("University/college staff (Univ/høgskole)",
                         "Ansatte ved univ./høgskole"),
    "housing_completions": ("Housing completions (Boligbygging)", "Boligbygging"),
    "r2": ("R²", "R²"),
    "n": ("n (units)", "n (enheter)"),
}
"""Seed 003's drivers in its table order (English with the seed's Norwegian row name)."""

TEXT: dict[str, dict[str, str]] = {
    **{f"level.{level}.one": {"en": en[0], "nb": nb[0]} for level, (en, nb) in _LEVELS.items()},
    **{f"level.{level}.plural": {"en": en[1], "nb": nb[1]}
       for level, (en, nb) in _LEVELS.items()},
    **{f"drivers.label.{d}": {"en": en, "nb": nb} for d, (en, nb) in _DRIVERS.items()},
    # the streams: as they read inside a figure title, and in full
    "stream.all": {"en": "net migration", "nb": "nettoflytting"},
    "stream.immigration": {"en": "net immigration from abroad",
                           "nb": "nettoinnvandring fra utlandet"},
    "stream.domestic_immigrants": {"en": "domestic net migration of immigrants",
                                   "nb": "innvandreres innenlandske nettoflytting"},
    "stream.domestic_others": {"en": "domestic net migration of others",
                               "nb": "øvriges innenlandske nettoflytting"},
    "stream.all.long": {"en": "all net migration (incl. immigration)",
                        "nb": "nettoflytting"},
    "stream.immigration.long": {"en": "net immigration from abroad",
                                "nb": "nettoinnvandring fra utlandet"},
    "stream.domestic_immigrants.long": {
        "en": "domestic net migration of the immigrant population",
        "nb": "innvandreres innenlandske nettoflytting",
    },
    "stream.domestic_others.long": {"en": "domestic net migration of everyone else",
                                    "nb": "øvriges innenlandske nettoflytting"},
    # the barometer table
    "barometer.title": {"en": "Attractiveness barometer: {levels}, {span}{stream}{synthetic}",
                        "nb": "Attraktivitetsbarometeret: {levels}, {span}{stream}{synthetic}"},
    "barometer.title_long": {
        "en": "Attractiveness barometer (long term): {levels}, {span}{stream}{synthetic}",
        "nb": "Attraktivitetsbarometeret (lang sikt): {levels}, {span}{stream}{synthetic}",
    },
    "barometer.stream_suffix": {"en": ", {stream}", "nb": ", {stream}"},
    "synthetic.title_suffix": {"en": " (SYNTHETIC demo data)", "nb": " (SYNTETISKE demodata)"},
    "barometer.note_index": {
        "en": ("Attractiveness = net migration in % of the start population minus the net "
               "migration expected from job growth ({fit} line across all {levels}"
               "{weighted})."),
        "nb": ("Attraktivitet = nettoflytting i % av folketallet ved periodens start minus "
               "nettoflyttingen som arbeidsplassveksten tilsier ({fit}-linje over alle "
               "{levels}{weighted})."),
    },
    "barometer.weighted": {"en": ", weighted by population", "nb": ", vektet med folketallet"},
    "barometer.note_long": {"en": "Long term: the sum over the three periods.",
                            "nb": "Lang sikt: summen over de tre periodene."},
    "barometer.note_min_population": {
        "en": "Units under {n} inhabitants are not ranked (the line is fitted on all).",
        "nb": "Enheter med under {n} innbyggere rangeres ikke (linjen er tilpasset alle).",
    },
    "barometer.note_uncertainty": {
        "en": ("Intervals: central {percent}% of {draws} Poisson bootstrap draws of the "
               "migration counts ({basis}; seed {seed}). Shrunk: empirical-Bayes index "
               "(prior variance τ² = {tau2})."),
        "nb": ("Intervaller: de sentrale {percent} % av {draws} Poisson-bootstrap-trekninger "
               "av flyttetallene ({basis}; frø {seed}). Krympet: empirisk Bayes-indeks "
               "(priorvarians τ² = {tau2})."),
    },
    "barometer.gross_given": {"en": "gross moves from the panel",
                              "nb": "bruttoflyttinger fra panelet"},
    "barometer.gross_assumed": {
        "en": "gross moves assumed {rate} per inhabitant per year",
        "nb": "bruttoflyttinger antatt {rate} per innbygger per år",
    },
    "barometer.note_tau0": {
        "en": ("The indices vary no more than chance would make them (τ² = 0), so every "
               "shrunk index is 0 and the shrunk ranks tell nothing."),
        "nb": ("Indeksene varierer ikke mer enn tilfeldigheter tilsier (τ² = 0), så alle "
               "krympede indekser er 0 og de krympede rangene sier ingenting."),
    },
    "barometer.note_incomplete": {
        "en": ("Not every member is in the panel: {groups}{more}; these are the sums of the "
               "members present."),
        "nb": ("Ikke alle medlemmene er med i panelet: {groups}{more}; tallene er summene "
               "for medlemmene som er med."),
    },
    "barometer.coverage_item": {"en": "{code} {name} ({present} of {total})",
                                "nb": "{code} {name} ({present} av {total})"},
    "barometer.coverage_more": {"en": " and {n} more", "nb": " og {n} til"},
    # the drivers table
    "drivers.title": {
        "en": ("Drivers of {stream}, {levels}: standardized betas by {length}-year period "
               "(column = last year){synthetic}"),
        "nb": ("Forklaringsfaktorer for {stream}, {levels}: standardiserte betaer per "
               "{length}-årsperiode (kolonne = siste år){synthetic}"),
    },
    "drivers.footnote": {
        "en": ("Linear regression of net migration % on all drivers at once; values are "
               "standardized betas. Dark: p < 0.01, light: 0.01 ≤ p < 0.1 (blue positive, "
               "red negative), as seed 003's Tables 1–8."),
        "nb": ("Lineær regresjon av nettoflytting i % på alle driverne samtidig; verdiene er "
               "standardiserte betaer. Mørk: p < 0,01, lys: 0,01 ≤ p < 0,1 (blå positiv, rød "
               "negativ), som tabell 1–8 i seed 003."),
    },
    "drivers.driver": {"en": "Driver", "nb": "Faktor"},
    "drivers.left_out": {
        "en": ("left out of the regression (periods ending {span}): {count} {what} with "
               "{reason}: {names}{more}"),
        "nb": ("utelatt fra regresjonen (perioder som slutter {span}): {count} {what} med "
               "{reason}: {names}{more}"),
    },
    "drivers.more": {"en": " and {count} more", "nb": " og {count} til"},
    "drivers.why.neighbour_job_growth_pct": {
        "en": ("no neighbour job growth (no other unit of its {outer} in the panel, or no "
               "jobs there)"),
        "nb": ("ingen nabovekst (ingen annen enhet i samme {outer} i panelet, eller ingen "
               "arbeidsplasser der)"),
    },
    "drivers.why.net_migration_pct": {
        "en": "no net migration % (population missing or zero)",
        "nb": "ingen nettoflytting i % (folketall mangler eller er 0)",
    },
    "drivers.why.job_growth_pct": {
        "en": "no job growth (no jobs in the year before the period)",
        "nb": "ingen arbeidsplassvekst (ingen arbeidsplasser året før perioden)",
    },
    "drivers.why.other": {"en": "{column} missing", "nb": "{column} mangler"},
    "drivers.outer.municipality": {"en": "region", "nb": "region"},
    "drivers.outer.region": {"en": "county", "nb": "fylke"},
    "drivers.outer.other": {"en": "area", "nb": "område"},
    "drivers.note_empty": {
        "en": "{period}: {drivers} missing for all {levels}; left out of the regression",
        "nb": "{period}: {drivers} mangler for alle {levels}; utelatt fra regresjonen",
    },
    "drivers.note_few": {
        "en": ("{period}: only {n} {levels} for {k} drivers: fewer than {per} units per "
               "estimated coefficient (n < {need} here), so betas and p-values are "
               "unstable; use fewer drivers or more units"),
        "nb": ("{period}: bare {n} {levels} for {k} faktorer: færre enn {per} enheter per "
               "estimert koeffisient (n < {need} her), så betaer og p-verdier er ustabile; "
               "bruk færre faktorer eller flere enheter"),
    },
    # the figures
    "barometer.fig.job_growth": {"en": "Job growth, %", "nb": "Arbeidsplassvekst, %"},
    "barometer.fig.net_migration": {"en": "{Stream}, % of population",
                                    "nb": "{Stream}, % av folketallet"},
    "barometer.fig.attractiveness": {"en": "Attractiveness index",
                                     "nb": "Attraktivitetsindeks"},
    "barometer.fig.scatter": {
        "en": "{levels} by job growth and {stream}, {period}; the {n} most attractive in red",
        "nb": ("{levels} fordelt etter arbeidsplassvekst og {stream}, {period}; de {n} mest "
               "attraktive i rødt"),
    },
    "barometer.fig.top": {"en": "The {n} most attractive {levels} by {stream}, {period}",
                          "nb": "De {n} mest attraktive {levels} etter {stream}, {period}"},
    "barometer.fig.bottom": {"en": "The {n} least attractive {levels} by {stream}, {period}",
                             "nb": "De {n} minst attraktive {levels} etter {stream}, {period}"},
    "barometer.fig.map": {"en": "Attractiveness of {levels} by {stream}, {period}",
                          "nb": "Attraktivitet etter {stream}, {levels}, {period}"},
    "barometer.fig.period": {"en": "Period", "nb": "Periode"},
    "barometer.fig.immigration": {"en": "Net immigration to the country, persons",
                                  "nb": "Netto innvandring til landet, antall personer"},
    "barometer.fig.persons": {"en": "Persons", "nb": "Personer"},
    "barometer.fig.year": {"en": "Year", "nb": "År"},
    "barometer.fig.synthetic": {"en": "Synthetic demo data", "nb": "Syntetiske demodata"},
    "barometer.fig.long": {"en": "long term", "nb": "lang sikt"},
    "barometer.long_term_from": {
        "en": "Long term from {first} on: it needs the two periods before.",
        "nb": "Lang sikt fra og med {first}: den trenger de to periodene før.",
    },
    "barometer.long_term_none": {
        "en": "No long term: it needs three periods, and the panel has {periods}.",
        "nb": "Ingen lang sikt: den trenger tre perioder, og panelet har {periods}.",
    },
    "barometer.fig.intervals": {
        "en": ("The {n} most and the {n} least attractive {levels} by {stream}, {period}; "
               "index with {share} intervals"),
        "nb": ("De {n} mest og de {n} minst attraktive {levels} etter {stream}, {period}; "
               "indeks med {share} usikkerhetsintervall"),
    },
    "barometer.fig.published": {"en": "Published index", "nb": "Publisert indeks"},
    "barometer.fig.shrunk": {"en": "Shrunk index (empirical Bayes)",
                             "nb": "Krympet indeks (empirisk Bayes)"},
    "barometer.fig.interval": {"en": "Interval", "nb": "Intervall"},
    "barometer.fig.rank": {"en": "Rank", "nb": "Rang"},
}
