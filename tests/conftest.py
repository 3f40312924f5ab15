"""Shared set-up: reference data through the data registry, temporary stores and caches.

Every file a test reads comes from :func:`flytt.registry.fetch` (use :func:`ref`). Before
the first test the whole registry is made available once:

- ``$FLYTT_DATA_MIRROR`` set, or ``../shared/data`` beside the checkout (CI's layout):
  that mirror, never the network;
- otherwise the files are downloaded into the user cache (sha256-checked, progress
  shown) and the cache is used as the mirror.

A file with a public upstream that can be had neither way stops the run at once with one
message. A file without a public upstream (a curated transcription) that is missing
deselects the tests marked ``@pytest.mark.data(key, ...)`` that need it, and says so.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import settings

from flytt import registry

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data"

# CI draws the same examples every run (a red build must be reproducible); local runs
# explore new examples each time: HYPOTHESIS_PROFILE=explore, the default outside CI.
settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE",
                                     "ci" if os.environ.get("CI") else "explore"))

_UNAVAILABLE: dict[str, str] = {}
"""Mirror-only keys that are missing: tests that need them are deselected."""
_MIRROR: list[Path] = []


def mirror_dir() -> Path:
    """The data mirror the tests read (set up in :func:`pytest_configure`; a test may
    unset ``$FLYTT_DATA_MIRROR`` for itself, this stays)."""
    return _MIRROR[0]


def ref(key: str) -> Path:
    """The verified local file of registry entry ``key``."""
    return registry.fetch(key)


def ref_named(filename: str) -> Path:
    """:func:`ref` of the registry entry whose file is called ``filename``
    (e.g. ``Personer2024.csv``)."""
    [key] = [k for k, e in registry.REGISTRY.items() if e.filename == filename]
    return ref(key)


@pytest.fixture(scope="session")
def synthetic_register(tmp_path_factory) -> Path:
    """The register ``flytt synth`` writes with real geography, shared by the tests of the
    city analysis: 30 000 persons, 2015–2020, seed 3 (read-only: copy it to change it)."""
    from flytt.synth import synthesize

    out = tmp_path_factory.mktemp("synthetic-register")
    synthesize(out, persons=30_000, years=range(2015, 2021), seed=3)
    return out


@pytest.fixture(scope="session")
def builtin_register(tmp_path_factory):
    """A register on the built-in geography (no data files needed), shared by the engine
    tests (DuckDB and Spark): 20 000 persons, 2018–2020, seed 11."""
    from flytt.synth import synthesize

    out = tmp_path_factory.mktemp("builtin-register")
    return synthesize(out, persons=20_000, years=range(2018, 2021), seed=11,
                      geography="builtin", workers=1)


@pytest.fixture
def no_reference_data(tmp_path, monkeypatch):
    """Neither registry files (an empty mirror) nor the copies bundled with the package:
    flytt as on a machine that has nothing."""
    from flytt import geo

    monkeypatch.setenv(registry.ENV_MIRROR, str(tmp_path / "empty-mirror"))
    monkeypatch.setattr(geo, "BUNDLED", tmp_path / "no-bundled-data")


def _prepare_data(user_cache: Path) -> None:
    if not os.environ.get(registry.ENV_MIRROR) and SHARED.is_dir():
        os.environ[registry.ENV_MIRROR] = str(SHARED)
    mirror = os.environ.get(registry.ENV_MIRROR)
    if mirror:
        missing = [k for k in registry.keys(test_only=None)
                   if not (Path(mirror) / registry.entry(k).mirror_path).is_file()]
        failed = {k: "not in the mirror" for k in missing}
        where = f"the mirror {mirror} ({registry.ENV_MIRROR})"
    else:
        os.environ["FLYTT_CACHE_DIR"] = str(user_cache)
        failed = registry.fetch_all(registry.keys(test_only=None))
        where = (f"the user cache {registry.cache_dir()}, downloading ({registry.ENV_MIRROR} "
                 "is unset and there is no ../shared/data beside the checkout)")
        os.environ[registry.ENV_MIRROR] = str(registry.cache_dir())
    fatal = sorted(k for k in failed if registry.entry(k).url is not None)
    if fatal:
        why = next((failed[k] for k in fatal if not failed[k].startswith("not tried")),
                   failed[fatal[0]])
        pytest.exit(
            f"reference data missing: {len(fatal)} registry file(s) could not be had from "
            f"{where}: {', '.join(fatal)}.\nFirst error: {why}\nFetch them where there is "
            "network with 'flytt fetch data --all --tests' (it prints the folder they are in; "
            f"copy it and point {registry.ENV_MIRROR} at it), or set {registry.ENV_MIRROR} to "
            "a data mirror.", returncode=3)
    _UNAVAILABLE.update(failed)
    _MIRROR.append(Path(os.environ[registry.ENV_MIRROR]))


def pytest_configure(config):
    """Never touch the real user store or cache from tests, and make the reference data
    available: set for the whole run, before any fixture of any scope is made."""
    from flytt.cache import cache_root

    base = Path(tempfile.mkdtemp(prefix="flytt-tests-"))
    _prepare_data(cache_root())  # the user's cache, before the tests get their own
    os.environ["FLYTT_DB"] = str(base / "default-store.duckdb")
    os.environ["FLYTT_CACHE_DIR"] = str(base / "cache")


def pytest_collection_modifyitems(config, items):
    if not _UNAVAILABLE:
        return
    keep, drop = [], []
    for item in items:
        needs = {k for m in item.iter_markers("data") for k in m.args}
        (drop if needs & _UNAVAILABLE.keys() else keep).append(item)
    if drop:
        items[:] = keep
        config.hook.pytest_deselected(items=drop)


def pytest_report_header(config):
    mirror = os.environ.get(registry.ENV_MIRROR)
    lines = [f"reference data: {mirror}"]
    if _UNAVAILABLE:
        lines.append("not available (no public upstream; tests needing them deselected): "
                     + ", ".join(sorted(_UNAVAILABLE)))
    return lines


def pytest_terminal_summary(terminalreporter):
    if _UNAVAILABLE:
        terminalreporter.write_line(
            "deselected tests that need mirror-only reference files: "
            + ", ".join(sorted(_UNAVAILABLE)) + f" (set {registry.ENV_MIRROR})",
            yellow=True)
