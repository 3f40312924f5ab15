"""Figure 4's country background: Sweden when it has emigrants enough to show, else the
most common foreign background among emigrants, and a note says so."""

from __future__ import annotations

import pandas as pd

from flytt import microdata as M
from flytt.city import MIN_BACKGROUND_EMIGRANTS, _choose_background


def _out(counts: dict[str, int]) -> pd.DataFrame:
    rows = [{M.COUNTRY_BACKGROUND: bg, "destination_type": "abroad"}
            for bg, n in counts.items() for _ in range(n)]
    rows.append({M.COUNTRY_BACKGROUND: "NO", "destination_type": "domestic"})
    return pd.DataFrame(rows)


POP = pd.DataFrame({M.COUNTRY_BACKGROUND: ["NO", "SE", "PL"]})


def test_sweden_when_it_has_emigrants_enough():
    chosen, note = _choose_background(_out({"SE": MIN_BACKGROUND_EMIGRANTS, "PL": 90}), POP,
                                      None)
    assert (chosen, note) == ("SE", None)


def test_the_most_common_background_when_sweden_has_few():
    chosen, note = _choose_background(_out({"SE": 3, "PL": 40, "LT": 7}), POP, None, "nb")
    assert chosen == "PL"
    assert note == ("bare 3 utvandrere med landbakgrunn Sverige; figur 4 viser Polen, den "
                    "vanligste utenlandske landbakgrunnen blant utvandrerne (40)")


def test_a_background_asked_for_is_kept():
    assert _choose_background(_out({"SE": 1, "PL": 40}), POP, "SE") == ("SE", None)


def test_other_countries_is_no_country_to_show():
    chosen, _ = _choose_background(_out({"SE": 2, "ZZ": 80, "LT": 9}), POP, None)
    assert chosen == "LT"
