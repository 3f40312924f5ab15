"""flytt: migration statistics from raw flows and registers to published tables.

The public API is imported lazily so that ``import flytt`` (and ``flytt --help``) stays fast.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_LAZY = {
    "migration_table": "flytt.api",
    "read_flows": "flytt.api",
    "read_grouping": "flytt.api",
    "Flows": "flytt.flows",
    "Grouping": "flytt.flows",
    "Store": "flytt.store",
    "od_table": "flytt.tables",
    "net_table": "flytt.tables",
    "balance_table": "flytt.tables",
    "datasets": "flytt.datasets",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module = import_module(_LAZY[name])
        return module if name == "datasets" else getattr(module, name)
    raise AttributeError(f"module 'flytt' has no attribute '{name}'")


def __dir__() -> list[str]:
    return sorted(list(globals()) + list(_LAZY))
