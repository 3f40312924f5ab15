"""The boundaries and keys bundled with the package are exactly what
tools/simplify_boundaries.py makes from the registry's files (so they can be regenerated
and checked), small enough to ship, and attributed."""

from __future__ import annotations

import importlib.util

from conftest import ROOT

from flytt import geo


def _tool():
    spec = importlib.util.spec_from_file_location("simplify_boundaries",
                                                  ROOT / "tools" / "simplify_boundaries.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_bundled_files_are_what_the_tool_makes(tmp_path, capsys):
    _tool().main(["--out", str(tmp_path)])
    made = sorted(p.name for p in tmp_path.iterdir())
    shipped = sorted(p.name for p in geo.BUNDLED.iterdir())
    assert made == shipped
    for name in made:
        assert (tmp_path / name).read_bytes() == (geo.BUNDLED / name).read_bytes(), name
    assert "total" in capsys.readouterr().out


def test_bundled_data_is_small_and_attributed():
    total = sum(p.stat().st_size for p in geo.BUNDLED.iterdir())
    assert total < 3_000_000
    readme = (geo.BUNDLED.parent / "README.md").read_text(encoding="utf-8")
    for part in ("Kartverket", "CC BY 4.0", "0.004°", "bord4-data", "MIT",
                 "tools/simplify_boundaries.py"):
        assert part in readme, part
    assert {f"{level}-{vintage}.geojson" for level, vintage in geo.BUNDLED_BOUNDARIES} <= {
        p.name for p in geo.BUNDLED.iterdir()}
