"""The words of the migration indices: measure descriptions and figure texts."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    # the measures of IndexSummary (its description column holds the English)
    "indices.cmi": {
        "en": "Crude migration intensity, moves between regions per 100 persons",
        "nb": "Grov flytteintensitet, flyttinger mellom regioner per 100 personer",
    },
    "indices.courgeau_k": {
        "en": "Courgeau's k = CMI / ln(n²)",
        "nb": "Courgeaus k = CMI / ln(n²)",
    },
    "indices.mei": {
        "en": "Migration effectiveness index (0–100)",
        "nb": "Flytteeffektivitetsindeks (0–100)",
    },
    "indices.anmr": {
        "en": "Aggregate net migration rate per 100 persons",
        "nb": "Samlet nettoflytterate per 100 personer",
    },
    "indices.preference": {"en": "Index of preference", "nb": "Preferanseindeks"},
    "indices.velocity": {
        "en": "Index of velocity (populations in persons)",
        "nb": "Hastighetsindeks (folketall i personer)",
    },
    "indices.connectivity": {
        "en": "Share of non-zero flows",
        "nb": "Andel flyttestrømmer som ikke er null",
    },
    "indices.inequality_equal": {
        "en": "Inequality against equal flows (0–1)",
        "nb": "Ulikhet mot like store strømmer (0–1)",
    },
    "indices.inequality_sim": {
        "en": "Inequality against Poisson-expected flows (0–1)",
        "nb": "Ulikhet mot Poisson-forventede strømmer (0–1)",
    },
    "indices.gini_total": {
        "en": "Total flows Gini (0–1)",
        "nb": "Gini for alle strømmene (0–1)",
    },
    "indices.gini_orig_standardized": {
        "en": "Standardized origin (rows) Gini",
        "nb": "Standardisert Gini for fraflyttingssted (rader)",
    },
    "indices.gini_dest_standardized": {
        "en": "Standardized destination (columns) Gini",
        "nb": "Standardisert Gini for tilflyttingssted (kolonner)",
    },
    "indices.mwg_orig": {
        "en": "Migration-weighted out-migration Gini",
        "nb": "Flyttevektet Gini for utflytting",
    },
    "indices.mwg_dest": {
        "en": "Migration-weighted in-migration Gini",
        "nb": "Flyttevektet Gini for innflytting",
    },
    "indices.mwg_mean": {
        "en": "Mean of the two migration-weighted Ginis",
        "nb": "Gjennomsnitt av de to flyttevektede Gini-ene",
    },
    "indices.cv": {
        "en": "Coefficient of variation of the flows",
        "nb": "Variasjonskoeffisient for strømmene",
    },
    "indices.acv": {
        "en": "Aggregated system-wide coefficient of variation",
        "nb": "Samlet variasjonskoeffisient for hele systemet",
    },
    "indices.mean_distance": {
        "en": "Mean migration distance, km",
        "nb": "Gjennomsnittlig flytteavstand, km",
    },
    "indices.median_distance": {
        "en": "Median migration distance, km",
        "nb": "Median flytteavstand, km",
    },
    "indices.distance_decay": {
        "en": "Distance-decay parameter (Poisson, power)",
        "nb": "Avstandsfriksjon (Poisson, potens)",
    },
    # the distance-decay and scale figures
    "indices.fig.distance": {"en": "Distance (km)", "nb": "Avstand (km)"},
    "indices.fig.partial": {
        "en": "Flow net of origin and destination effects",
        "nb": "Flyttestrøm justert for utflyttings- og innflyttingsregion",
    },
    "indices.fig.decay": {
        "en": "Distance decay: flows ∝ {form}, β = {beta}",
        "nb": "Avstandsforfall: flyttinger ∝ {form}, β = {beta}",
    },
    "indices.fig.zones": {"en": "Number of zones", "nb": "Antall soner"},
    "indices.fig.scale": {
        "en": "Migration indices by number of zones (random contiguous aggregations)",
        "nb": ("Flytteindekser etter antall soner (tilfeldige sammenhengende "
               "sammenslåinger)"),
    },
    "indices.scale.cmi": {"en": "CMI (per 100)", "nb": "CMI (per 100)"},
    "indices.scale.mei": {"en": "MEI", "nb": "MEI"},
    "indices.scale.gini_total": {"en": "Total Gini", "nb": "Gini i alt"},
    "indices.scale.connectivity": {"en": "Connectivity", "nb": "Forbundethet"},
    "indices.scale.cv": {"en": "CV of flows", "nb": "Variasjonskoeffisient (strømmer)"},
}
