"""Where flytt keeps downloaded files: the registry's static files and SSB query results.

``$FLYTT_CACHE_DIR`` if set, else the platform's user cache directory
(``~/.cache/flytt`` on Linux, ``~/Library/Caches/flytt`` on macOS,
``%LOCALAPPDATA%\\flytt\\Cache`` on Windows).
"""

from __future__ import annotations

import os
from pathlib import Path

ENV_CACHE = "FLYTT_CACHE_DIR"


def cache_root() -> Path:
    """The cache directory (not created here)."""
    if os.environ.get(ENV_CACHE):
        return Path(os.environ[ENV_CACHE])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("flytt", appauthor=False))
