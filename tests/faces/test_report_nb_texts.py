"""The Norwegian report's drivers and indices tables: no English left in the page."""

from __future__ import annotations

import re

import pytest
from conftest import mirror_dir

from flytt.i18n import CATALOG
from flytt.indices.system import DESCRIPTIONS
from flytt.report import sections
from flytt.report.page import _block


@pytest.fixture(autouse=True)
def _mirror(monkeypatch):
    monkeypatch.setenv("FLYTT_DATA_MIRROR", str(mirror_dir()))


def _html(section, stem: str) -> str:
    item = next(i for i in section.items if getattr(i, "stem", "") == stem
                and hasattr(i, "table"))
    return str(_block(item, "nb").html)


def test_drivers_table_is_norwegian(tmp_path):
    from flytt.render.barometer import shade

    barometer = sections.barometer_section(sections.Context("nb", tmp_path))
    html = _html(barometer, "barometer_drivers")
    english = ("Drivers of", "standardized betas", "Linear regression", "left out of the "
               "regression", "periods ending", "municipalities", "Job growth", "Driver<",
               "n (units)", "SYNTHETIC", "neighbour job growth", " more")
    assert not [e for e in english if e in html], [e for e in english if e in html]
    assert "Forklaringsfaktorer for nettoflytting, kommuner" in html and "Arbeidsplassvekst" in html
    assert re.search(r">−?0,\d\d</td>", html) and not re.search(r">−?0\.\d\d</td>", html)
    assert "utelatt fra regresjonen" in html and "ingen nabovekst" in html
    assert "SYNTETISKE DEMODATA" in html and "n (enheter)" in html and "Faktor<" in html
    assert shade(0.5, 0.001) in html  # still shaded


def test_indices_descriptions_are_norwegian(tmp_path):
    nb = {m: CATALOG[f"indices.{m}"]["nb"] for m in DESCRIPTIONS}
    html = _html(sections.indices_section(sections.Context("nb", tmp_path)), "indices_2011")
    assert not [e for e in DESCRIPTIONS.values() if e in html]
    assert nb["connectivity"] in html and nb["gini_total"] in html
