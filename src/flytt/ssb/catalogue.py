"""What the contents of the StatBank tables flytt's recipes use mean, by content code.

SSB's labels are not word-for-word translations of each other (01222 labels domestic
out-migration ``Fraflytting8`` "Emigration, domestic" in English), so contents are
recognised by their **code** first: :func:`kind_of` looks the code up here, and only a
table or code the catalogue does not know falls back to recognising labels
(:mod:`flytt.barometer.ssb_inputs`). Every code is listed with the labels SSB gives it
in Norwegian and English (for messages and documentation only) and, where the older
API's datasets used another code, that code too.

Kinds (sign conventions): ``in``/``out`` domestic in- and out-migration (persons moving
to/from another municipality in Norway), ``immigration``/``emigration`` moves from/to
abroad, ``net`` net migration including immigration (in − out + immigration −
emigration), ``net_domestic`` in − out, ``in_all``/``out_all`` every move in/out (domestic and
international together), ``population`` persons at a date; the rest name
what they count. Sources: SSB's table metadata as quoted by public clients (01222's codes
in three independent projects; ``Nettoflytting9`` is the sister table 01223's code), the
recorded 07459 answer, the 06913 export (labels only) and SSB's immigration categories
(``InnvandrKat``: B immigrants, C Norwegian-born to immigrant parents, A-G all).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Content:
    """One content (``ContentsCode`` value) or category: its kind, codes and labels."""

    kind: str
    codes: tuple[str, ...]
    """The PxWebApi v2 code first, then older dataset codes that differ; empty when only
    the labels are known (tables exported from StatBank with labels only)."""
    nb: str
    en: str


@dataclass(frozen=True)
class TableContents:
    """The contents (and categories of other dimensions) of one StatBank table."""

    table: str
    title: str
    contents: tuple[Content, ...]
    categories: dict[str, tuple[Content, ...]]
    """Dimension id → its categories that flytt recognises (e.g. ``InnvandrKat``)."""

    def kind_of(self, code: str, dimension: str = "ContentsCode") -> str | None:
        """The kind of ``code`` in ``dimension``; None if the catalogue does not know it."""
        items = self.contents if dimension == "ContentsCode" else self.categories.get(
            dimension, ())
        for item in items:
            if code in item.codes:
                return item.kind
        return None

    def kind_of_label(self, label: str, dimension: str = "ContentsCode") -> str | None:
        """The kind whose Norwegian or English label is exactly ``label`` (case and
        spacing ignored); None if none is."""
        items = self.contents if dimension == "ContentsCode" else self.categories.get(
            dimension, ())
        wanted = " ".join(label.split()).casefold()
        for item in items:
            if wanted in (item.nb.casefold(), item.en.casefold()):
                return item.kind
        return None

    def code_of(self, kind: str) -> str | None:
        """The v2 content code of ``kind`` (None if the table has none)."""
        return next((c.codes[0] for c in self.contents if c.kind == kind), None)


_IMMIGRATION_CATEGORIES = (
    Content("immigrants", ("B",), "Innvandrere", "Immigrants"),
    Content("born_to_immigrants", ("C",), "Norskfødte med innvandrerforeldre",
            "Norwegian-born to immigrant parents"),
    Content("total", ("A-G",), "I alt", "Total"),
)

CATALOGUE: dict[str, TableContents] = {t.table: t for t in (
    TableContents("01222", "Population changes in municipalities, by quarter", (
        Content("population_start", ("Folketallet1",),
                "Befolkning ved inngangen av kvartalet",
                "Population at the beginning of the quarter"),
        Content("births", ("Fodte2",), "Levendefødte", "Live births"),
        Content("deaths", ("Dode3",), "Døde", "Deaths"),
        Content("natural_increase", ("Fodselsoverskudd4",), "Fødselsoverskudd",
                "Excess of births"),
        Content("immigration", ("Innvandring5",), "Innvandring", "Immigration"),
        Content("emigration", ("Utvandring6",), "Utvandring", "Emigration"),
        Content("in", ("Tilflytting7",), "Innflytting, innenlands",
                "In-migration, domestic"),
        Content("out", ("Fraflytting8",), "Utflytting, innenlands",
                "Emigration, domestic"),
        Content("net", ("Nettoinnflytting9", "Nettoflytting9"),
                "Nettoinnflytting, inkl. inn- og utvandring",
                "Net migration including immigration and emigration"),
        Content("growth", ("Folketilvekst10",), "Befolkningsvekst", "Population growth"),
        Content("population_end", ("Folketallet11",),
                "Befolkning ved utgangen av kvartalet",
                "Population at the end of the quarter"),
    ), {}),
    TableContents("07459", "Population 1 January, by municipality, age and sex", (
        Content("population", ("Personer1",), "Personer", "Persons"),
    ), {}),
    TableContents("07210", "Internal migration, by immigration category", (
        Content("net_domestic", (), "Nettoinnflytting", "Net migration"),
    ), {"InnvandrKat": _IMMIGRATION_CATEGORIES}),
    TableContents("09587", "Internal migration, by region level", (), {}),
    TableContents("13470", "Employed persons 4th quarter, by municipality of work", (), {}),
    TableContents("06913", "Population and population changes", (
        Content("population", (), "Befolkning 1. januar", "Population 1 January"),
        Content("births", (), "Levendefødte", "Live births"),
        Content("deaths", (), "Døde", "Deaths"),
        Content("natural_increase", (), "Fødselsoverskudd", "Excess of births"),
        Content("in_all", (), "Innflyttinger", "In-migration"),
        Content("out_all", (), "Utflyttinger", "Out-migration"),
        Content("net", (), "Nettoinnflytting", "Net migration"),
        Content("growth", (), "Folketilvekst", "Population growth"),
    ), {}),
)}
"""Table id → its contents."""


def table_contents(table: str) -> TableContents | None:
    """The catalogue entry of StatBank table ``table`` (None when not catalogued)."""
    return CATALOGUE.get(table)


def kind_of(table: str, code: str, dimension: str = "ContentsCode") -> str | None:
    """The kind of content/category ``code`` of ``table`` (None when not catalogued)."""
    entry = CATALOGUE.get(table)
    return entry.kind_of(code, dimension) if entry else None


__all__ = ["CATALOGUE", "Content", "TableContents", "kind_of", "table_contents"]
