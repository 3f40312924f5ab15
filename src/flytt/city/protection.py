"""Disclosure control of the parts: protected counts, the note that says so."""

from __future__ import annotations

import pandas as pd

from ..disclosure import DisclosureRule, protect
from ..errors import NotFoundError
from ..i18n import t
from ..options import Lang
from ..tables import FrameTable
from .layouts import _PROTECTION
from .parts import shares_and_ranks


def disclosure_note(rule: DisclosureRule | None, lang: Lang) -> str:
    """The disclosure control applied (or that none was), one complete sentence in
    ``lang`` (English: as :meth:`DisclosureRule.describe` / :data:`NO_CONTROL`)."""
    if rule is None:
        return t("disclosure.none", lang)
    return t("disclosure.rule", lang, below=rule.threshold - 1, base=rule.base)


def select_municipality(part: FrameTable, code: str) -> FrameTable:
    """The rows of a trend part for one municipality (:class:`NotFoundError` if absent)."""
    frame = part.frame[part.frame["municipality"] == code]
    if frame.empty:
        have = ", ".join(sorted(set(part.frame["municipality"])))
        raise NotFoundError(f"municipality '{code}' is not in the table; it has {have}")
    return FrameTable(part.name, part.title, frame.reset_index(drop=True), part.footnote)


def protect_part(part: FrameTable, rule: DisclosureRule, focus: int, lang: Lang = "en",
                 totals: pd.DataFrame | None = None) -> FrameTable:
    """``part`` with :func:`flytt.disclosure.protect` applied: counts suppressed/rounded,
    rates and shares recomputed from the published counts (missing if one is); shares of
    destinations are of the published domestic total of the year in ``totals``
    (:func:`totals_from_trend`) when given. The footnote states the rule in ``lang``."""
    import pyarrow as pa

    cells, derived, rates = _PROTECTION[part.name]
    frame = part.frame
    if derived:
        frame = frame.assign(**{c: 0 for c in derived})
    table = pa.Table.from_pandas(frame, preserve_index=False)
    published = protect(table, rule, cells=cells, derived=derived, rates=rates).to_pandas(
        types_mapper={pa.int64(): pd.Int64Dtype(), pa.float64(): pd.Float64Dtype(),
                      pa.bool_(): pd.BooleanDtype()}.get)
    published = published.drop(columns=list(derived))
    for col in frame.columns:
        if col in published and pd.api.types.is_integer_dtype(frame[col]) \
                and col not in cells:
            published[col] = published[col].astype(frame[col].dtype)
    if part.name == "destinations":
        published = shares_and_ranks(published, focus, None if totals is None
                                     else totals["domestic"])
    footnote = f"{part.footnote} {disclosure_note(rule, lang)}.".strip()
    return FrameTable(part.name, part.title, published[list(part.frame.columns)], footnote)
