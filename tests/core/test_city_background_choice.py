"""Figure 4's country background: Sweden when it has emigrants enough to show, else the
most common foreign background among emigrants, and a note says so."""

from __future__ import annotations

import pandas as pd

from flytt import microdata as M
from flytt.city import MIN_BACKGROUND_EMIGRANTS
from flytt.city.analysis import _choose_background


def _out(counts: dict[str, int]) -> pd.DataFrame:
    rows = [{M.COUNTRY_BACKGROUND: bg, "destination_type": "abroad", M.YEAR: 2020}
            for bg, n in counts.items() for _ in range(n)]
    rows.append({M.COUNTRY_BACKGROUND: "NO", "destination_type": "domestic", M.YEAR: 2020})
    return pd.DataFrame(rows)


POP = pd.DataFrame({M.COUNTRY_BACKGROUND: ["NO", "SE", "PL"]})


def test_sweden_when_it_has_emigrants_enough():
    chosen, note = _choose_background(_out({"SE": MIN_BACKGROUND_EMIGRANTS, "PL": 90}), POP,
                                      None)
    assert (chosen, note) == ("SE", None)


def test_the_most_common_background_when_sweden_has_few():
    chosen, note = _choose_background(_out({"SE": 3, "PL": 40, "LT": 7}), POP, None, "nb")
    assert chosen == "PL"
    assert note == ("for få utvandrere med landbakgrunn Sverige til å vises; figur 4 viser "
                    "Polen, den vanligste utenlandske landbakgrunnen blant utvandrerne")
    assert not any(ch.isdigit() for ch in note.replace("4", ""))  # no counts past disclosure


def test_a_background_asked_for_is_kept():
    assert _choose_background(_out({"SE": 1, "PL": 40}), POP, "SE") == ("SE", None)


def test_other_countries_is_no_country_to_show():
    chosen, _ = _choose_background(_out({"SE": 2, "ZZ": 80, "LT": 9}), POP, None)
    assert chosen == "LT"


def test_emigrants_are_counted_in_the_years_the_figure_shows():
    out = _out({"PL": 5})
    out = pd.concat([out, _out({"SE": MIN_BACKGROUND_EMIGRANTS}).assign(**{M.YEAR: 2012})])
    assert _choose_background(out, POP, None, years=[2019, 2020])[0] == "PL"
    assert _choose_background(out, POP, None)[0] == "SE"
