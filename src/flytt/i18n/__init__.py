"""flytt's one message catalog: every word a face prints, in English and Norwegian Bokmål.

The core never builds sentences: its results carry :class:`Message` s (a catalog key and
its parameters) and codes; a face turns them into text with :func:`text` (or
:meth:`Message.text`) in the language the user asked for. Parameters may themselves be
messages (rendered in the same language), :class:`Num` s (numbers, formatted by
:func:`number` for the language) or tuples of these (joined by commas).

Numbers follow one rule per language (:func:`number`, and :func:`chart_locale` for the
figures): Norwegian with a space between thousands, a decimal comma and a true minus
(``−12 345``, ``5,33``); English with a space between thousands, a decimal point and a
hyphen-minus (``-12 345``, ``5.33``), as in SSB's English tables.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType

from ..options import LANGS, Lang
from .catalog import CATALOG

MINUS = {"en": "-", "nb": "\u2212"}
"""The minus sign of each language: hyphen-minus (en), U+2212 MINUS SIGN (nb)."""
DECIMAL = {"en": ".", "nb": ","}
THOUSANDS = " "
"""Thousands separator of text output in both languages (SSB style)."""


@dataclass(frozen=True)
class Num:
    """A number inside a message: ``decimals`` fixed decimals, or a format ``spec``
    (e.g. ``".3g"``); ``signed`` writes ``+`` before positive values."""

    value: float
    decimals: int = 0
    spec: str | None = None
    signed: bool = False


@dataclass(frozen=True)
class Join:
    """Parameters rendered one by one and joined by ``sep`` (a tuple joins with ``, ``)."""

    items: tuple[object, ...]
    sep: str = ", "


@dataclass(frozen=True)
class Message:
    """A catalog ``key`` and its ``params``: what a result says, in no language yet."""

    key: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, lang: Lang = "en") -> str:
        """This message in ``lang``."""
        return text(self.key, lang, **self.params)


def msg(key: str, **params: object) -> Message:
    """:class:`Message` ``key`` with ``params`` (a short spelling for the core)."""
    if key not in CATALOG:
        raise KeyError(f"no message '{key}' in flytt's catalog")
    return Message(key, params)


def text(key: str, lang: Lang = "en", **params: object) -> str:
    """The text of ``key`` in ``lang`` with its ``{placeholders}`` filled from ``params``
    (messages and numbers in them rendered in ``lang`` too)."""
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {lang!r}")
    try:
        words = CATALOG[key][lang]
    except KeyError:
        raise KeyError(f"no message '{key}' in flytt's catalog") from None
    if not params:
        return words
    return words.format(**{name: render_value(v, lang) for name, v in params.items()})


t = text
"""Short name of :func:`text` for the faces."""


def text_or(key: str, default: str, lang: Lang = "en") -> str:
    """The text of ``key`` in ``lang`` (no parameters), or ``default`` when the catalog has
    no such key (a code the catalog does not name, shown as it is)."""
    return CATALOG[key][lang] if key in CATALOG else default


@cache
def words(prefix: str, lang: Lang = "en") -> Mapping[str, str]:
    """Every text whose key starts with ``prefix``, by the rest of its key, in ``lang``
    (e.g. ``words("barometer.fig.", "nb")["rank"]``); read-only, made once per prefix."""
    return MappingProxyType({key.removeprefix(prefix): texts[lang]
                             for key, texts in CATALOG.items() if key.startswith(prefix)})


def render_value(value: object, lang: Lang) -> object:
    """A message parameter as it goes into ``str.format``: messages and numbers as text in
    ``lang``, a tuple or list as its items joined by commas, anything else unchanged (so
    ``{share:.0%}`` still formats a float)."""
    if isinstance(value, (tuple, list)):
        value = Join(tuple(value))
    if isinstance(value, Join):
        return value.sep.join(str(render_value(v, lang)) for v in value.items)
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, Num):
        return number(value.value, lang, value.decimals, spec=value.spec, signed=value.signed)
    return value


def number(value: float, lang: Lang = "en", decimals: int = 0, *, spec: str | None = None,
           signed: bool = False) -> str:
    """``-12345.6`` as text: ``-12 346`` (en) or ``−12 346`` (nb) with ``decimals=0``;
    ``5.33`` → ``5,33`` in nb. ``spec`` (e.g. ``".3g"``) replaces the fixed decimals;
    ``signed`` puts ``+`` before positive values."""
    shown = value if spec else round(value, decimals)
    body = format(abs(shown), spec) if spec else f"{abs(shown):,.{decimals}f}"
    body = body.replace(",", "\0").replace(".", DECIMAL[lang]).replace("\0", THOUSANDS)
    sign = MINUS[lang] if shown < 0 else "+" if signed and shown > 0 else ""
    return sign + body


def chart_locale(lang: Lang = "en") -> dict:
    """The d3-format locale of the figures in ``lang`` (Vega-Lite ``config.locale.number``,
    vega-embed ``formatLocale``): the same thousands, decimal mark and minus as
    :func:`number` (the thousands space is a no-break space so that labels do not wrap)."""
    return {"decimal": DECIMAL[lang], "thousands": "\u00a0", "grouping": [3],
            "currency": ["", " kr"] if lang == "nb" else ["", ""], "minus": MINUS[lang]}


def placeholders(words: str) -> set[str]:
    """The ``{names}`` a catalog text takes."""
    return {name for _, name, _, _ in string.Formatter().parse(words) if name}


__all__ = ["CATALOG", "LANGS", "Join", "Lang", "Message", "Num", "chart_locale", "msg", "number",
           "placeholders", "t", "text", "text_or", "words"]
