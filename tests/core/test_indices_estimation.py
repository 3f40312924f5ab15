"""IPF, flows from net totals and net rescaling: migest's documented ipf2 examples,
hand-worked cases and invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from flytt.indices import flows_from_net, ipf, ipf2, ipf3, rescale_net


def test_ipf2_willekens_example_as_migest_prints():
    # migest ipf2 examples (Willekens 1999 data); R's matrix(c(5, 1, 2, 7), ncol = 2)
    y = ipf2([18, 20], [16, 22], seed=np.array([[5, 2], [1, 7]]))
    assert np.round(y.values, 2) == pytest.approx(np.array([[13.25, 4.75], [2.75, 17.25]]))
    y = ipf2([18, 20], [16, 22])
    assert np.round(y.values, 2) == pytest.approx(np.array([[7.58, 10.42], [8.42, 11.58]]))
    seed = np.array([[50, 120, 545], [10, 120, 0], [220, 30, 10]])
    y = ipf2([170, 120, 410], [500, 140, 60], seed=seed)
    assert np.round(y.values) == pytest.approx(np.array([[72, 40, 59], [32, 88, 0],
                                                         [396, 12, 1]]))
    y = ipf2([18, 20], None, seed=np.array([[5, 2], [1, 7]]))
    assert np.round(y.values) == pytest.approx(np.array([[13, 5], [2, 18]]))


def test_ipf2_independence_by_hand():
    # with a uniform seed the fit is r_i c_j / T
    y = ipf2([10, 30], [25, 15])
    assert y.values == pytest.approx(np.outer([10, 30], [25, 15]) / 40)
    assert y.converged


def test_ipf3_place_of_birth_example_as_migest_prints():
    # migest ipf3 example: stocks by place of birth × residence at two times (P1, P2);
    # mu[orig, dest, pob] with row_tot = t(P1) and col_tot = P2
    p1 = np.array([[1000, 100, 10, 0], [55, 555, 50, 5], [80, 40, 800, 40], [20, 25, 20, 200]])
    p2 = np.array([[950, 100, 60, 0], [80, 505, 75, 5], [90, 30, 800, 40], [40, 45, 0, 180]])
    y = ipf3(np.ones((4, 4, 4)), margin02=p1.T, margin12=p2.T)
    assert np.round(y.values[:, :, 0], 1) == pytest.approx(np.array(
        [[855.9, 90.1, 54.1, 0], [85.6, 9.0, 5.4, 0], [8.6, 0.9, 0.5, 0], [0, 0, 0, 0]]))
    assert np.round(y.values.sum(axis=2), 1) == pytest.approx(np.array(
        [[873.0, 137.8, 126.9, 17.3], [159.9, 436.0, 101.3, 22.8],
         [92.6, 67.3, 672.8, 47.3], [34.5, 39.0, 33.9, 137.6]]))


def test_ipf3_reproduces_two_way_margins():
    rng = np.random.default_rng(7)
    truth = rng.integers(1, 50, size=(3, 4, 2)).astype(float)
    fit = ipf3(np.ones_like(truth), margin01=truth.sum(2), margin02=truth.sum(1),
               margin12=truth.sum(0), tol=1e-10, max_iter=5000)
    assert fit.converged
    assert fit.values.sum(2) == pytest.approx(truth.sum(2))
    assert fit.values.sum(1) == pytest.approx(truth.sum(1))
    assert fit.values.sum(0) == pytest.approx(truth.sum(0))


def test_flows_from_net_as_migest_net_matrix_entropy_prints():
    # migest reference example for net_matrix_entropy (KL divergence from the prior m)
    m = np.array([[0, 100, 30, 70], [50, 0, 45, 5], [60, 35, 0, 40], [20, 25, 20, 0]])
    got = flows_from_net([30, 40, -15, -55], seed=m)
    assert np.round(got, 2) == pytest.approx(np.array([[0.00, 80.58, 26.05, 34.78],
                                                       [62.05, 0.00, 48.48, 3.08],
                                                       [69.11, 32.48, 0.00, 22.89],
                                                       [40.25, 40.55, 34.95, 0.00]]))
    assert round(got.sum(), 2) == 495.26


def test_flows_from_net_two_regions_by_hand():
    # seed 1 off-diagonal; nets (in − out) +2 for region 0 and −2 for region 1:
    # M_01 = e^{λ1−λ0}, M_10 = e^{λ0−λ1}; M_10 − M_01 = 2 and M_01 · M_10 = 1 → M_10 = 1 + √2
    m = flows_from_net([2, -2])
    assert m[1, 0] == pytest.approx(1 + np.sqrt(2))
    assert m[0, 1] == pytest.approx(np.sqrt(2) - 1)


def test_flows_from_net_refuses_an_impossible_total():
    from flytt.errors import DataError

    with pytest.raises(DataError, match="half the sum"):
        flows_from_net([300, -300, 0], total=250)


def test_rescale_net_by_hand():
    # migest's rescale_net example: sum −65, positives (170) take +32.5, negatives (−235) −32.5
    x = [-200, -30, -5, 0, 10, 20, 60, 80]
    s_pos, s_neg = (170 + 32.5) / 170, (-235 + 32.5) / -235
    expected = [v * (s_pos if v > 0 else s_neg) for v in x]
    assert rescale_net(x) == pytest.approx(expected)
    assert rescale_net(x).sum() == pytest.approx(0, abs=1e-9)
    assert rescale_net(x, "switches") == pytest.approx([v + 65 / 8 for v in x])


margins = st.integers(2, 6).flatmap(lambda n: st.tuples(
    arrays(np.float64, n, elements=st.integers(1, 1000).map(float)),
    arrays(np.float64, n, elements=st.integers(1, 1000).map(float)),
    arrays(np.float64, (n, n), elements=st.floats(0.1, 10))))


@settings(max_examples=50, deadline=None)
@given(margins)
def test_ipf_meets_both_margins(data):
    rows, cols, seed = data
    cols = cols * rows.sum() / cols.sum()
    fit = ipf(seed, {(0,): rows, (1,): cols}, tol=1e-7, max_iter=5000)
    assert fit.converged
    assert fit.values.sum(axis=1) == pytest.approx(rows, rel=1e-6, abs=1e-6)
    assert fit.values.sum(axis=0) == pytest.approx(cols, rel=1e-6, abs=1e-6)


@settings(max_examples=40, deadline=None)
@given(st.integers(3, 6).flatmap(lambda n: arrays(np.float64, n,
                                                  elements=st.integers(-500, 500).map(float))))
def test_flows_from_net_reproduces_nets(raw):
    from flytt.errors import DataError

    if raw.sum() != 0 and not ((raw > 0).any() and (raw < 0).any()):
        with pytest.raises(DataError):
            rescale_net(raw)
        return
    net = rescale_net(raw)
    assert net.sum() == pytest.approx(0, abs=1e-8)
    assert np.all(np.sign(net) * np.sign(raw) >= 0)  # no switches
    total = 0.5 * np.abs(net).sum() + 100.0  # any total above ½ Σ|net| is reachable
    m = flows_from_net(net, total=total)
    assert m.sum(axis=0) - m.sum(axis=1) == pytest.approx(net, abs=1e-5)
    assert m.sum() == pytest.approx(total)
    assert np.all(np.diag(m) == 0)
