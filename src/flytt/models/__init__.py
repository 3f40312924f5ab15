"""Spatial-interaction models of flows: gravity (unconstrained, production-, attraction- and
doubly constrained; power or exponential deterrence; Poisson GLM), radiation, flow
generation and fit metrics (CPC, SRMSE, R², correlations)."""

from __future__ import annotations

from .gravity import GravityModel, deterrence, fit_gravity, generate_flows
from .metrics import FitMetrics, common_part_of_commuters, fit_metrics, r_squared, srmse
from .radiation import radiation_flows

__all__ = ["FitMetrics", "GravityModel", "common_part_of_commuters", "deterrence",
           "fit_gravity", "fit_metrics", "generate_flows", "r_squared", "radiation_flows",
           "srmse"]
