"""flytt's one message catalog: complete in both languages, one number format per language,
and every key the code asks for exists (so no face can print a key or fail on one)."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flytt.i18n import CATALOG, LANGS, Join, Message, Num, chart_locale, number, placeholders, t

SRC = Path(__file__).resolve().parents[1] / "src" / "flytt"
CALLS = {"t", "text", "Message", "msg"}


def test_every_key_is_in_both_languages_with_the_same_placeholders():
    for key, words in CATALOG.items():
        assert set(words) == set(LANGS), key
        assert all(words[lang].strip() for lang in LANGS), key
        assert placeholders(words["en"]) == placeholders(words["nb"]), key


def _literal_keys() -> list[tuple[str, str, bool]]:
    """``(file:line, key or f-string prefix, is_prefix)`` of every catalog lookup in src/."""
    found = []
    for path in SRC.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and node.args):
                continue
            if not (isinstance(node.func, ast.Name) and node.func.id in CALLS):
                continue
            arg, where = node.args[0], f"{path.relative_to(SRC)}:{node.lineno}"
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.append((where, arg.value, False))
            elif isinstance(arg, ast.JoinedStr) and arg.values and isinstance(
                    arg.values[0], ast.Constant):
                found.append((where, str(arg.values[0].value), True))
    return found


def test_every_key_the_code_asks_for_is_in_the_catalog():
    keys = _literal_keys()
    assert len(keys) > 50  # the walk finds the lookups
    missing = [(w, k) for w, k, prefix in keys
               if (not any(c.startswith(k) for c in CATALOG) if prefix else k not in CATALOG)]
    assert missing == []


def test_no_translation_table_outside_the_catalog():
    """No module keeps its own ``{"en": …, "nb": …}`` words or ``*_NB`` tables."""
    pattern = re.compile(r"""\{\s*["'](en|nb)["']\s*:\s*+(?!["'](en|nb|no)["'])"""  # not a code map
                         r"""|^[A-Z_]+_NB\b\s*[:=]""", re.MULTILINE)
    offenders = [str(p.relative_to(SRC)) for p in SRC.rglob("*.py")
                 if "i18n" not in p.parts and pattern.search(p.read_text(encoding="utf-8"))]
    assert offenders == []


def test_an_unknown_key_is_an_error_not_printed():
    with pytest.raises(KeyError, match="no message 'no.such.key'"):
        t("no.such.key")
    with pytest.raises(ValueError, match="lang must be one of en, nb"):
        t("contents", "de")  # type: ignore[arg-type]


def test_numbers_follow_ssb_in_each_language():
    assert number(-12345.6, "en") == "-12 346" and number(-12345.6, "nb") == "\u221212 346"
    assert number(5.333, "en", 2) == "5.33" and number(5.333, "nb", 2) == "5,33"
    assert number(-0.001, "nb", 2) == "0,00"  # rounds to zero: no minus
    assert number(3, "en", signed=True) == "+3"
    assert number(0.01234, "nb", spec=".3g") == "0,0123"
    for lang in LANGS:  # the charts use the same marks as the tables
        locale = chart_locale(lang)  # type: ignore[arg-type]
        assert locale["decimal"] == number(0.5, lang, 1)[1]  # type: ignore[arg-type]
        assert locale["minus"] == number(-1, lang)[0]  # type: ignore[arg-type]


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_integers_read_back_in_both_languages(value):
    for lang in LANGS:
        shown = number(value, lang)  # type: ignore[arg-type]
        assert int(shown.replace(" ", "").replace("\u2212", "-")) == value
        assert re.fullmatch(r"[-\u2212]?\d{1,3}( \d{3})*", shown)


def test_messages_render_their_parameters_in_the_same_language():
    m = Message("barometer.note_min_population", {"n": Num(10000)})
    assert m.text("en") == "Units under 10 000 inhabitants are not ranked (the line is fitted on all)."
    assert m.text("nb").startswith("Enheter med under 10 000 innbyggere")
    title = Message("tab_top", {"n": 5, "levels": Message("level.county.plural"),
                                "period": "2020-2022"})
    assert title.text("nb") == "Rangering: de 5 mest attraktive fylker, 2020-2022"
    assert t("barometer.coverage_more", "en", n=Join(("a", "b"), "; ")) == " and a; b more"


def test_saved_figures_write_the_minus_of_their_language(tmp_path):
    """A figure saved in English shows ``-10`` on its axis, in Norwegian ``−10``, as the
    tables do; without a language the chart's own locale (else English) is used."""
    import altair as alt
    import pandas as pd

    from flytt.figures import save

    chart = alt.Chart(pd.DataFrame({"x": [-12.5, 3.0], "y": [1, 2]})).mark_point().encode(
        x="x:Q", y="y:Q")
    en = save(chart, tmp_path / "en", formats=("svg",), locale="en")[0].read_text()
    nb = save(chart, tmp_path / "nb", formats=("svg",), locale="nb")[0].read_text()
    default = save(chart, tmp_path / "default", formats=("svg",))[0].read_text()
    assert ">-10<" in en and ">\u221210<" not in en
    assert ">\u221210<" in nb and ">-10<" not in nb
    assert ">-10<" in default
