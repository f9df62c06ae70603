"""Runs compared (components/views/comparison.py and the chart's overlays): labels, pinned curves on the
current run's frames, the table's numbers against the engine, and the figure with pinned runs."""
from __future__ import annotations

import csv
import io
import json

import numpy as np

from components.engine.analysis import analyse
from components.engine.runs import pinned_run, run
from components.state.settings import Settings
from components.views.comparison import comparison_table, pin_label, pinned_curve, table_csv
from components.views.figures import PIN_STYLES, build_figure
from components.views.summary import figure_data

CURRENT = Settings()


def test_labels_say_what_differs_in_the_readers_language():
    assert pin_label(Settings(degree=4), CURRENT) == "degree 4"
    assert pin_label(Settings(basis="legendre", lr=2e-4), CURRENT) == "lr 2e-4, Legendre"
    assert pin_label(Settings(optimizer="adam", lr=1e-2), CURRENT, "ko") == "lr 1e-2, Adam"
    assert pin_label(Settings(loss="mean"), CURRENT, "ko") == "평균 손실"


def test_a_pinned_closed_form_run_is_the_engines_own_run_at_the_current_frames():
    current = run(CURRENT)
    pinned = pinned_run(Settings(optimizer="momentum"), current.frame_steps)
    trained = run(Settings(optimizer="momentum"))  # step-by-step autograd, 2000 steps
    np.testing.assert_array_equal(pinned.frame_steps, current.frame_steps)
    np.testing.assert_allclose(pinned.loss, trained.loss, rtol=2e-4)
    np.testing.assert_allclose(pinned.frame_coefficients, trained.frame_coefficients, rtol=1e-3, atol=1e-6)


def test_a_shorter_pinned_run_stays_at_its_end_and_a_diverged_one_says_where():
    current = run(Settings(steps=5000))
    short = pinned_run(Settings(steps=1000), current.frame_steps)
    curve = pinned_curve(short, current.frame_steps, "steps 1000")
    after = current.frame_steps > 1000
    assert after.any() and (curve.frame_coefficients[after] == short.final_coefficients).all()
    four = pinned_run(Settings(degree=4), current.frame_steps)
    diverged = pinned_curve(four, current.frame_steps, "degree 4")
    assert diverged.diverged_at == 31 and diverged.label == "degree 4 (diverged at step 31)"


def test_the_table_rows_are_the_engines_numbers():
    runs = [(label, run(s), analyse(s)) for label, s in
            (("this run", CURRENT), ("degree 4", Settings(degree=4)), ("Legendre", Settings(basis="legendre",
                                                                                            lr=4e-4)))]
    headers, rows = comparison_table(runs)
    assert headers[0] == "run" and [r[0] for r in rows] == ["this run", "degree 4", "Legendre"]
    this, four, legendre = rows
    assert this[1] == float(f"{runs[0][1].loss[-1]:.4g}") and this[2] == 39.2
    assert this[3:5] == ["not yet", None]
    assert four[2] is None and four[3:5] == ["diverged at 31", None] and four[6] == 4.64e-7
    first = int(np.flatnonzero(runs[2][1].loss <= 1.01 * runs[2][2].optimum_loss)[0])
    assert legendre[3:6] == ["converged", first, 6.98]  # numbers, so that the table sorts them as numbers
    back = list(csv.reader(io.StringIO(table_csv(headers, rows))))
    assert back[0] == headers and back[2][2] == "" and len(back) == 4


def test_a_target_fitted_exactly_is_judged_by_how_far_its_loss_fell_as_the_notes_do():
    settings = Settings(target="expr", expr="x**3", basis="legendre", lr=4e-4, dtype="float64")  # best ≈ 0
    trajectory, analysis = run(settings), analyse(settings)
    (row,) = comparison_table([("x³", trajectory, analysis)])[1]
    assert row[2] is None and row[3] == "converged" and row[4] is not None


def test_the_chart_draws_each_pinned_run_and_moves_it_with_the_frames():
    current, analysis = run(CURRENT), analyse(CURRENT)
    pins = [Settings(degree=4), Settings(optimizer="momentum"), Settings(basis="legendre", lr=2e-4)]
    curves = [pinned_curve(pinned_run(p, current.frame_steps), current.frame_steps, pin_label(p, CURRENT),
                           style=i) for i, p in enumerate(pins)]
    figure = build_figure(figure_data(current, analysis, pinned=curves))
    names = [t["name"] for t in figure["data"]]
    for curve, (colour, dash) in zip(curves, PIN_STYLES):
        drawn = [t for t in figure["data"] if t["name"] == curve.label]
        assert len(drawn) == 3 and {t["line"]["dash"] for t in drawn if "line" in t} == {dash}
    frame = figure["frames"][-1]
    assert len(frame["traces"]) == 6 + 2 * len(pins)
    assert all(i < len(names) for i in frame["traces"])
    shapes = figure["layout"]["shapes"]
    assert [s["x0"] for s in shapes] == [31] and shapes[0]["line"]["color"] == PIN_STYLES[0][0]


def test_six_pinned_runs_keep_the_figure_under_two_megabytes():
    current, analysis = run(CURRENT), analyse(CURRENT)
    pins = [Settings(lr=k * 1e-7) for k in (1, 2, 5)]
    pins += [Settings(optimizer=o) for o in ("momentum", "nesterov")]
    pins.append(Settings(basis="legendre", lr=2e-4))
    curves = [pinned_curve(pinned_run(p, current.frame_steps), current.frame_steps, pin_label(p, CURRENT))
              for p in pins]
    size = len(json.dumps(build_figure(figure_data(current, analysis, pinned=curves)), separators=(",", ":")))
    assert size < 2e6, size
