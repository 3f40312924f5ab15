"""Statistics Norway's StatBank: the API client, query building, response decoding and
recipes that fill the store (see :mod:`flytt.ssb.client`, :mod:`flytt.ssb.recipes`)."""

from .client import DEFAULT_BASE_URL, StatBank, StatBankError, StatBankResult
from .query import CELL_LIMIT, Query, parse_select

__all__ = [
           "CELL_LIMIT",
           "DEFAULT_BASE_URL",
           "Query",
           "StatBank",
           "StatBankError",
           "StatBankResult",
           "parse_select",
]
