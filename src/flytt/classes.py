"""Classes of values for rankings and maps (quintiles, as seed 003's maps)."""

from __future__ import annotations

import pandas as pd


def quintile_classes(values: pd.Series) -> pd.Series:
    """Class 1 (lowest fifth) … 5 (highest fifth) of each value; ties share a class;
    missing values stay missing."""
    ranked = values.rank(method="average", pct=True)
    return pd.Series(pd.cut(ranked, [0, 0.2, 0.4, 0.6, 0.8, 1.0], labels=False,
                            include_lowest=True) + 1, index=values.index).astype("Int64")


__all__ = ["quintile_classes"]
