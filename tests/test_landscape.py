"""The loss landscape (components/engine/landscape.py and its figure): exact from the quadratic, the path on
it, and the planes a link can ask for."""
from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import pytest

from components.engine.analysis import analyse, design_matrix
from components.engine.landscape import GRID, landscape, plane_of
from components.engine.training import fit_trajectory
from components.state.settings import Settings, is_plane
from components.views.landscape_figure import landscape_figure, log_excess


def test_at_degree_1_the_contour_at_the_paths_points_is_the_runs_loss():
    settings = Settings(degree=1, lr=1e-5, steps=300)  # two coefficients: the plane is the whole space
    trajectory, analysis = fit_trajectory(settings), analyse(settings)
    view = landscape(trajectory, analysis, "slowest")
    np.testing.assert_allclose(view.on_plane(), trajectory.loss[trajectory.frame_steps], rtol=2e-6)
    assert view.off_plane().max() <= 1e-5 * view.path_loss[0]


@pytest.mark.parametrize("settings", [Settings(steps=500), Settings(degree=6, basis="legendre", lr=1e-4,
                                                                     steps=300, loss="mean")])
def test_the_quadratic_is_the_loss_of_the_samples(settings):
    trajectory, analysis = fit_trajectory(settings), analyse(settings)
    phi, y = design_matrix(settings)
    direct = ((trajectory.frame_basis_coefficients @ phi.T - y) ** 2)
    direct = direct.mean(axis=1) if settings.loss == "mean" else direct.sum(axis=1)
    quadratic = analysis.loss_of(trajectory.frame_basis_coefficients)
    np.testing.assert_allclose(quadratic, direct, rtol=1e-9)
    # float32 training: its loss agrees to the rounding of its squares' sum
    np.testing.assert_allclose(trajectory.loss[trajectory.frame_steps], quadratic,
                               atol=1e-6 * analysis.loss_at_zero, rtol=1e-5)


@pytest.mark.parametrize("key", ["slowest", "extremes", "c1-c3"])
def test_the_contour_on_the_plane_is_the_quadratic_there(key):
    settings = Settings(steps=200)
    trajectory, analysis = fit_trajectory(settings), analyse(settings)
    view = landscape(trajectory, analysis, key)
    i, j = 17, 70
    w = analysis.optimum + view.a[j] * view.plane.first + view.b[i] * view.plane.second
    assert np.isclose(analysis.optimum_loss + view.excess[i, j], analysis.loss_of(w), rtol=1e-9)
    assert view.excess.shape == (GRID, GRID) and view.excess[GRID // 2, GRID // 2] == 0  # the optimum
    assert np.abs(view.path_a).max() < view.a[-1] and np.abs(view.path_b).max() < view.b[-1]


def test_the_planes():
    analysis = analyse(Settings(degree=3))
    slowest, extremes = plane_of("slowest", analysis), plane_of("extremes", analysis)
    np.testing.assert_allclose(slowest.first, analysis.eigenvectors[:, 0])
    np.testing.assert_allclose(slowest.second, analysis.eigenvectors[:, 1])
    np.testing.assert_allclose(extremes.second, analysis.eigenvectors[:, 3])
    assert plane_of("c0-c2", analysis).first.tolist() == [1, 0, 0, 0]
    assert plane_of("c0-c2", analysis).second.tolist() == [0, 0, 1, 0]
    assert is_plane("c0-c15") and is_plane("slowest") and is_plane("c1-c3", degree=3)
    # one spelling per plane, as the plane box lists them: the smaller index first, no leading zeros
    for bad in ("c1-c1", "c3-c1", "c01-c03", "c0-c16", "c0c1", "fastest", "", "c-1-c2", "C0-C1", "c0-c2 "):
        assert not is_plane(bad), bad
    assert not is_plane("c2-c4", degree=3)


def test_a_diverging_path_keeps_the_valley_in_view():
    settings = Settings(degree=4)  # diverges at step 31
    trajectory, analysis = fit_trajectory(settings), analyse(settings)
    view = landscape(trajectory, analysis, "extremes")
    start = max(abs(view.path_a[0]), abs(view.path_b[0]))
    assert view.b[-1] < 100 * start  # the grid is not stretched to the last, exploded, point


def test_the_figure_draws_the_path_the_optimum_and_a_point_per_frame():
    settings = Settings(steps=400)
    trajectory, analysis = fit_trajectory(settings), analyse(settings)
    view = landscape(trajectory, analysis)
    figure = landscape_figure(view, analysis.eigenvalues, lang="ko")
    go.Figure(figure)  # valid for plotly, attribute by attribute
    contour, path, optimum, point = figure["data"]
    z, floor = log_excess(view)
    assert np.asarray(contour["z"]).shape == (GRID, GRID)
    assert np.isclose(np.min(contour["z"]), floor, atol=1e-3)
    np.testing.assert_allclose(contour["z"], z, atol=1e-3)  # in decades: the valley's floor, 8 decades down
    np.testing.assert_allclose(path["x"], view.path_a, rtol=1e-3)
    assert (optimum["x"], optimum["y"]) == ([0.0], [0.0])
    assert len(figure["frames"]) == len(trajectory.frame_steps)
    assert figure["frames"][0]["data"][0]["x"] == path["x"][:1] and point["x"] == path["x"][-1:]
    assert "가장 평평함" in figure["layout"]["xaxis"]["title"]["text"]
