"""A run on the reader's own points, end to end without the page: the settings and the link, the samples and
the held-out ones, the training against the exact optimum, the notes, and the exports."""
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from components.engine.analysis import analyse
from components.engine.closed_form import closed_form_trajectory
from components.engine.runs import run
from components.engine.training import fit_trajectory
from components.exports.notebook import step_notebook
from components.exports.script import EMBEDDED_POINTS, POINTS_FILE, pytorch_script
from components.exports.tables import points_csv
from components.problem.data import DATA_FIELDS, data_key, run_data
from components.problem.targets import make_dataset
from components.state.pins import parse_pins, pin_text
from components.state.points import MAX_POINTS_IN_LINK, encode_points, points_of
from components.state.points_text import read_points
from components.state.settings import Settings, from_query, in_use, to_query
from components.views.comparison import pin_label
from components.views.figures import build_figure
from components.views.points_notes import feature_spread, points_notes
from components.views.summary import figure_data
from tests.test_exports import printed_coefficients

RNG = np.random.default_rng(7)
X = np.linspace(-2.0, 3.0, 40)
Y = np.cos(X) + RNG.normal(0, 0.05, len(X))
DATA = encode_points(points_of(X, Y))
THREE = encode_points(points_of([0, 1, 2], [0, 1, 4]))
YEARS = np.arange(1990.0, 2031.0)
YEAR_DATA = encode_points(points_of(YEARS, 300 + 1.5 * (YEARS - 1990) + RNG.normal(0, 2, len(YEARS))))


def reader(**changes) -> Settings:
    return Settings(target="data", data=DATA, **changes)


def test_the_points_are_the_samples_and_their_x_range_the_domain():
    s = reader()
    samples = make_dataset(s)
    np.testing.assert_array_equal(samples.x.numpy(), np.float32(X))
    np.testing.assert_array_equal(samples.y.numpy(), np.float32(Y))
    assert s.domain == (float(np.float32(-2.0)), float(np.float32(3.0))) and s.sample_count == 40
    assert len(samples.x_test) == 0  # none held out unless asked
    assert make_dataset(reader(dtype="float64")).x.dtype == torch.float64


@pytest.mark.parametrize("name, value", [("lr", 0.5), ("steps", 7), ("optimizer", "adam"), ("loss", "mean"),
                                         ("engine", "autograd"), ("device", "cpu"), ("beta", 0.5)])
def test_the_shared_samples_depend_on_no_setting_outside_their_cache_key(name, value):
    assert name not in DATA_FIELDS  # two runs that differ here share one RunData (computed.py: shared_data)
    s = reader(holdout=0.2, optimizer="momentum")
    one, other = make_dataset(s), make_dataset(s.replace(**{name: value}))
    assert all(torch.equal(a, b) for a, b in zip(vars(one).values(), vars(other).values()))


@pytest.mark.parametrize("name, value", [("data", THREE), ("holdout", 0.3), ("seed", 3), ("dtype", "float64"),
                                         ("degree", 2)])
def test_every_setting_the_points_samples_depend_on_is_in_their_cache_key(name, value):
    s = reader(holdout=0.2, degree=1)
    other = s.replace(**{name: value})
    assert name in DATA_FIELDS and data_key(s) != data_key(other)
    one, two = make_dataset(s), make_dataset(other)
    if name == "dtype":
        assert one.x.dtype == torch.float32 and two.x.dtype == torch.float64
    elif name != "degree":  # the degree changes the features, not the samples
        assert not torch.equal(one.x, two.x) or not torch.equal(one.x_test, two.x_test)


def test_a_held_out_fraction_is_drawn_by_the_seed_and_leaves_the_rest_in_order():
    one, again, other = (make_dataset(reader(holdout=0.25, seed=seed)) for seed in (1, 1, 2))
    assert len(one.x_test) == 10 and len(one.x) == 30 and reader(holdout=0.25).sample_count == 30
    assert torch.equal(one.x_test, again.x_test) and not torch.equal(one.x_test, other.x_test)
    assert torch.all(one.x[1:] > one.x[:-1])  # X increases: the kept points keep their order
    np.testing.assert_array_equal(np.sort(np.concatenate([one.x, one.x_test])), np.float32(X))


def test_the_link_carries_up_to_200_points_and_reproduces_the_run():
    query = to_query(reader(degree=4, holdout=0.1))
    assert query["data"] == DATA and query["target"] == "data" and query["holdout"] == "0.1"
    assert "xmin" not in query and not any(in_use(vars(reader()), name) for name in ("points", "noise"))
    settings, messages = from_query(query)
    assert settings == reader(degree=4, holdout=0.1) and messages == []
    many = encode_points(points_of(np.arange(MAX_POINTS_IN_LINK + 1.0), np.zeros(MAX_POINTS_IN_LINK + 1)))
    assert "data" not in to_query(Settings(target="data", data=many))


@pytest.mark.parametrize("query, says, expected", [
    ({"target": "data"}, "the link carries none", Settings()),
    ({"target": "data", "data": DATA[:-5]}, "this text is damaged", Settings()),
    ({"target": "data", "data": "%%%"}, "not base64url", Settings()),
    ({"target": "data", "data": THREE, "degree": "5"}, "Using degree 2",
     Settings(target="data", data=THREE, degree=2)),
    ({"target": "data", "data": THREE, "degree": "1", "holdout": "0.5"}, "Holding out none",
     Settings(target="data", data=THREE, degree=1)),
    ({"target": "sin", "data": DATA}, None, Settings()),  # points nobody fits are not kept
])
def test_a_link_with_missing_damaged_or_clashing_points_gets_a_message(query, says, expected):
    settings, messages = from_query(query)
    assert settings == expected
    assert (says is None and not messages) or any(says in m for m in messages), messages
    assert all(m.in_("ko") for m in messages)


@pytest.mark.parametrize("changes", [{"basis": "power"}, {"basis": "legendre"},
                                     {"basis": "scaled", "holdout": 0.2, "loss": "mean"}])
def test_gradient_descent_on_the_points_reaches_their_least_squares_fit(changes):
    s = reader(degree=3, engine="autograd", **changes)
    data = run_data(s)
    analysis = analyse(s, data)
    x, y = data.samples.x.double().numpy(), data.samples.y.double().numpy()
    expected = np.polynomial.polynomial.polyfit(x, y, 3)
    np.testing.assert_allclose(analysis.optimum_power, expected, rtol=1e-7, atol=1e-9)
    # a learning rate just inside the stable bound, and steps enough for the slowest mode to shrink 10⁶ times
    s = s.replace(lr=0.9 * analysis.stable_lr, steps=int(8 * analysis.condition_number) + 100)
    trajectory = run(s, data=data, analysis=analysis)
    np.testing.assert_allclose(trajectory.final_coefficients, expected, rtol=1e-3, atol=1e-3)
    exact = closed_form_trajectory(s.replace(engine="closed-form"), analysis=analysis, data=data)
    np.testing.assert_allclose(exact.loss[-1], trajectory.loss[-1], rtol=1e-3)


def test_the_held_out_loss_is_the_loss_on_the_points_held_out():
    s = reader(degree=2, basis="legendre", lr=0.01, holdout=0.2)
    trajectory = fit_trajectory(s)
    samples = make_dataset(s)
    x, y = samples.x_test.double().numpy(), samples.y_test.double().numpy()
    predicted = np.polynomial.polynomial.polyval(x, trajectory.final_coefficients)
    # 8 held out beside 32 trained on: their sum scaled to as many, so that the two sums compare
    assert len(x) == 8 and s.sample_count == 32
    np.testing.assert_allclose(trajectory.test_loss, np.sum((predicted - y) ** 2) * 32 / 8, rtol=1e-4)
    mean = s.replace(loss="mean", lr=0.01 / 32)
    predicted = np.polynomial.polynomial.polyval(x, fit_trajectory(mean).final_coefficients)
    np.testing.assert_allclose(fit_trajectory(mean).test_loss, np.mean((predicted - y) ** 2), rtol=1e-4)
    data = run_data(s)
    drawn = figure_data(trajectory, analyse(s, data), data=data).held_out[-1]
    np.testing.assert_allclose(drawn, trajectory.test_loss, rtol=1e-4)  # the chart's line ends on the metric
    assert np.isnan(fit_trajectory(reader(degree=2)).test_loss)  # none held out: no held-out loss


def test_years_in_powers_of_x_are_said_hopeless_with_the_condition_number():
    s = Settings(target="data", data=YEAR_DATA, degree=2)
    data = run_data(s)
    notes = points_notes(s, data, analyse(s, data), "en")
    raw = next(n for n in notes if "1990 to 2030" in n.text)
    assert raw.kind == "warning" and raw.suggested_basis == "legendre" and "condition number" in raw.text
    assert feature_spread(YEARS, 2) == pytest.approx(np.sqrt(np.mean(YEARS**4)), rel=1e-9)
    legendre = s.replace(basis="legendre")
    assert analyse(legendre, run_data(legendre)).condition_number < 10  # what the note offers fits fine
    assert not points_notes(legendre, run_data(legendre), analyse(legendre, run_data(legendre)), "en")
    plain = reader()
    assert not any("1990" in n.text for n in points_notes(plain, run_data(plain), analyse(plain), "en"))


def test_the_notes_say_when_points_are_held_out_and_when_the_link_leaves_them_out():
    many = encode_points(points_of(np.arange(300.0) / 100, np.arange(300.0) / 100))
    s = Settings(target="data", data=many, holdout=0.1, seed=4)
    texts = [n.text for n in points_notes(s, run_data(s), analyse(s), "en")]
    assert any("30 of your 300 points (10%) are held out, drawn by seed 4" in t for t in texts)
    assert any("does not carry your 300 points" in t for t in texts)
    korean = [n.text for n in points_notes(s, run_data(s), analyse(s), "ko")]
    assert len(korean) == len(texts) and korean != texts


def test_the_held_out_notes_follow_the_runs_loss_not_that_of_the_run_whose_samples_it_shares():
    summed = reader(holdout=0.2)
    mean = summed.replace(loss="mean")
    shared = run_data(summed)  # the samples' key leaves the loss out: both runs get these
    assert data_key(summed) == data_key(mean)
    said = lambda s: " ".join(n.text for n in points_notes(s, shared, analyse(s, shared), "en"))  # noqa: E731
    assert "multiplied by" in said(summed) and "multiplied by" not in said(mean)


@pytest.mark.parametrize("degree", [1, 15])
def test_the_widest_points_allowed_do_not_break_the_run_or_the_figure(degree):
    s = Settings(target="data", data=encode_points(points_of([-1e6, 0, 3e5, 1e6] * 5 + list(range(16)),
                                                            [1e6, -1e6, 0, 5] * 5 + list(range(16)))),
                 degree=degree)
    data = run_data(s)
    trajectory = run(s, data=data, analysis=analyse(s, data))
    figure = build_figure(figure_data(trajectory, analyse(s, data), data=data))
    assert figure["data"] and figure["frames"]


def test_the_figure_draws_the_points_and_no_target_curve():
    s = reader(holdout=0.2, basis="legendre", lr=0.01)
    data = run_data(s)
    figure = build_figure(figure_data(fit_trajectory(s), analyse(s, data), data=data))
    names = [t["name"] for t in figure["data"]]
    assert "your points" in names and "held-out points" in names and "target" not in names
    y_range = figure["layout"]["yaxis"]["range"]
    assert y_range[0] < Y.min() and y_range[1] > Y.max() and y_range[1] - y_range[0] < 3 * np.ptp(Y)


def run_script(source: str, folder: Path) -> str:
    (folder / "run.py").write_text(source)
    done = subprocess.run([sys.executable, "run.py"], cwd=folder, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.mark.parametrize("s", [
    reader(degree=3, engine="autograd"),
    reader(degree=2, basis="legendre", lr=0.01, holdout=0.3, seed=5, dtype="float64"),
])
def test_the_script_holds_the_points_and_prints_the_pages_polynomial(s: Settings, tmp_path: Path):
    script = pytorch_script(s)
    assert "written into this script" in script and DATA not in script
    printed = printed_coefficients(run_script(script, tmp_path), s.degree)
    expected = fit_trajectory(s).final_coefficients
    np.testing.assert_allclose(printed, expected, rtol=1e-5, atol=1e-6 * np.abs(expected).max())


def test_many_points_are_read_from_the_csv_saved_beside_the_script(tmp_path: Path):
    x = np.linspace(0, 1, EMBEDDED_POINTS + 1)
    s = Settings(target="data", data=encode_points(points_of(x, np.exp(x))), degree=2, lr=1e-4, steps=300,
                 holdout=0.1)
    script = pytorch_script(s)
    assert f"read from {POINTS_FILE}" in script and "0.5" not in script.split("import torch")[1][:2000]
    (tmp_path / POINTS_FILE).write_text(points_csv(s))
    printed = printed_coefficients(run_script(script, tmp_path), 2)
    np.testing.assert_allclose(printed, fit_trajectory(s).final_coefficients, rtol=1e-5, atol=1e-7)
    assert read_points(points_csv(s)).x.tobytes() == points_of(x, np.exp(x)).x.tobytes()  # exact float32


def test_the_notebook_says_where_its_points_come_from():
    few = step_notebook(reader(), 3)
    assert "written into the first code cell" in few and "torch.tensor([" in few
    x = np.linspace(0, 1, EMBEDDED_POINTS + 1)
    many = step_notebook(Settings(target="data", data=encode_points(points_of(x, x))), 3)
    assert f"read from `{POINTS_FILE}` in this notebook's folder" in many and "Path('points.csv')" in many


def test_a_run_on_the_points_pinned_beside_a_formula_is_labelled_by_its_count_and_travels_in_the_link():
    pinned, current = reader(degree=2), Settings(degree=2)
    assert pin_label(pinned, current) == "target 40 points"
    assert pin_label(current, pinned) == "target sin"
    (back,), messages = parse_pins([pin_text(pinned, current)], current)
    assert back == pinned and messages == []


def test_a_domain_count_or_noise_left_from_an_earlier_target_does_nothing_to_the_points(tmp_path: Path):
    settings, _ = from_query({"target": "data", "data": DATA, "noise": "0.3", "xmin": "0", "points": "500"})
    assert settings == reader()  # what the points do not read is not kept, nor in the link
    s = reader(noise=0.3, points=500, engine="autograd")  # made directly, it is still not read
    assert "noise" not in pytorch_script(s)
    printed = printed_coefficients(run_script(pytorch_script(s), tmp_path), 3)
    expected = fit_trajectory(reader(engine="autograd")).final_coefficients
    np.testing.assert_allclose(printed, expected, rtol=1e-5)
    data = run_data(s)
    assert figure_data(fit_trajectory(s), analyse(s, data), data=data).noise_level is None


def test_a_formula_pinned_beside_the_points_keeps_its_own_domain_and_noise_in_the_link():
    current = reader(degree=2)
    pinned = Settings(degree=8, xmin=0.0, xmax=1.0, noise=0.1)
    (back,), messages = parse_pins([pin_text(pinned, current)], current)
    assert back == pinned and messages == []
    five = Settings(target="data", degree=2, data=encode_points(points_of([0, 1, 2, 3, 4], [0, 1, 4, 9, 16])))
    (sin,), messages = parse_pins(["target:sin,degree:8"], five)  # degree 8: more than five points fit, but
    assert sin == Settings(degree=8) and messages == []  # the pin's target is sin, which reads none of them


@pytest.mark.parametrize("settings, seeded", [(Settings(), False), (Settings(noise=0.1), True),
                                              (reader(), False), (reader(holdout=0.2), True)])
def test_the_seed_is_in_the_samples_key_only_where_it_draws_them(settings, seeded):
    other = settings.replace(seed=9)
    same = all(torch.equal(a, b) for a, b in zip(vars(make_dataset(settings)).values(),
                                                 vars(make_dataset(other)).values()))
    assert same is not seeded  # the noise, or which points are held out, is the seed's
    assert (data_key(settings) == data_key(other)) is not seeded
