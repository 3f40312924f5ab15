"""The catalog: one ``key → {"en": …, "nb": …}`` table, kept in one file per domain.

Flat keys are the report's and the dashboard's words; dotted keys belong to a domain
(``barometer.…``, ``drivers.…``, ``tables.…``, ``city.…``, ``indices.…``). A key may be
defined once only: :data:`CATALOG` refuses a key two domain files both define.
"""

from __future__ import annotations

from . import barometer, city, indices, report, tables


def _merged(*parts: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    out: dict[str, dict[str, str]] = {}
    for part in parts:
        twice = set(out) & set(part)
        if twice:
            raise RuntimeError(f"catalog keys defined twice: {', '.join(sorted(twice))}")
        out.update(part)
    return out


CATALOG: dict[str, dict[str, str]] = _merged(report.TEXT, tables.TEXT, barometer.TEXT,
                                             city.TEXT, indices.TEXT)
"""Every message of flytt: key → {"en": text, "nb": text}."""
