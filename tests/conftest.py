"""Shared fixtures: the reference data mirror (../shared/data) and temporary stores."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

ROOT = Path(__file__).resolve().parents[1]


# CI draws the same examples every run (a red build must be reproducible); local runs
# explore new examples each time: HYPOTHESIS_PROFILE=explore, the default outside CI.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE",
                                     "ci" if os.environ.get("CI") else "explore"))


def shared_data_dir() -> Path:
    """The reference data mirror: $FLYTT_DATA_MIRROR, else ../shared/data beside the checkout."""
    env = os.environ.get("FLYTT_DATA_MIRROR")
    return Path(env) if env else ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def shared_data() -> Path:
    path = shared_data_dir()
    assert path.is_dir(), f"reference data mirror missing: {path} (set FLYTT_DATA_MIRROR)"
    return path


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    path = shared_data_dir().parent / "seeds"
    assert path.is_dir(), f"seed documents missing: {path}"
    return path


def pytest_configure(config):
    """Never touch the real user store or cache from tests, and read the reference data
    from the mirror: set for the whole run, before any fixture of any scope is made."""
    base = Path(tempfile.mkdtemp(prefix="flytt-tests-"))
    os.environ["FLYTT_DB"] = str(base / "default-store.duckdb")
    os.environ["FLYTT_CACHE_DIR"] = str(base / "cache")
    os.environ.setdefault("FLYTT_DATA_MIRROR", str(shared_data_dir()))
