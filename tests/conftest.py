"""Shared fixtures: the reference data mirror (../shared/data) and temporary stores."""

from __future__ import annotations

import os
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


@pytest.fixture(autouse=True)
def _isolated_user_dirs(tmp_path_factory, monkeypatch):
    """Never touch the real user store or cache from tests."""
    base = tmp_path_factory.getbasetemp()
    monkeypatch.setenv("FLYTT_DB", str(base / "default-store.duckdb"))
    monkeypatch.setenv("FLYTT_CACHE_DIR", str(base / "cache"))
    if "FLYTT_DATA_MIRROR" not in os.environ:
        monkeypatch.setenv("FLYTT_DATA_MIRROR", str(shared_data_dir()))
