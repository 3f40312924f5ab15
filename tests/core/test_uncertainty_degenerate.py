"""When the indices vary no more than chance would make them, the shrunk index says so."""

from __future__ import annotations

import pandas as pd

from flytt.barometer import barometer, panel_from_frame


def _flat_panel() -> pd.DataFrame:
    """Six units of 10 000 with net migration exactly on the line (all residuals 0)."""
    rows = []
    for k in range(6):
        code = f"01{k + 1:02d}"
        # job growth 2k %, net migration 10k persons = 0.1k % of 10 000: exactly on a line
        for year, jobs, net in ((2000, 1000, 0), (2001, 1000, 5 * k),
                                (2002, 1000 + 20 * k, 5 * k)):
            rows.append({"year": year, "region_code": code, "region_name": f"U{k}",
                         "population": 10_000, "net_migration": net, "jobs": jobs,
                         "gross_migration": 400})
    return pd.DataFrame(rows)


def test_zero_prior_variance_is_explained_in_both_languages():
    result = barometer(panel_from_frame(_flat_panel()), (2001, 2002), uncertainty=True)
    u = result.uncertainty
    assert u.tau2 == 0
    assert (result.to_frame()["attractiveness_shrunk"] == 0).all()
    assert "the shrunk ranks tell nothing" in u.describe()
    assert "de krympede rangene sier ingenting" in u.describe("nb")
