"""Exports: the PyTorch script reproduces the engine, the HTML plays offline, the CSVs hold the run, the GIF
animates."""
from __future__ import annotations

import ast
import csv
import io
import json
import math
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlencode

import numpy as np
import pytest
import torch

from components.engine.analysis import analyse
from components.engine.training import FRAME_COUNT, Trajectory, fit_trajectory
from components.exports.animation import animated_gif, animation_html, gif_frames
from components.exports.script import TARGET_CODE, TORCH_NAMES, pytorch_script, target_code
from components.exports.tables import loss_csv, trajectory_csv
from components.problem.targets import scaled, target_values
from components.state.expression import CONSTANTS, FUNCTIONS
from components.state.settings import TARGETS, Settings, to_query
from components.views.figures import build_figure
from components.views.summary import figure_data

MAX_GIF_BYTES = 5 * 1024 * 1024


@pytest.fixture(scope="module")
def tutorial() -> Trajectory:
    return fit_trajectory(Settings())


@pytest.fixture(scope="module")
def figure(tutorial: Trajectory) -> dict:
    return build_figure(figure_data(tutorial, analyse(tutorial.settings)))


# --- The PyTorch script ----------------------------------------------------------------------

SCRIPT_CASES = {
    "tutorial": Settings(),
    "legendre": Settings(basis="legendre", degree=5, lr=1e-4, steps=300),
    "adam-scaled": Settings(optimizer="adam", lr=1e-2, steps=200, basis="scaled"),
    "momentum": Settings(optimizer="momentum", lr=2e-7, steps=300),
    "nesterov-noise-mean": Settings(optimizer="nesterov", lr=1e-4, steps=300, noise=0.5, loss="mean",
                                    basis="legendre", degree=4, seed=7),
    "runge-domain-float64": Settings(target="runge", xmin=-2.0, xmax=3.0, basis="scaled", degree=4, lr=1e-4,
                                     steps=300, dtype="float64"),
    "typed-expression": Settings(target="expr", expr="sin(3*x) + 0.5*x - u**2 + sqrt(abs(x))/3 + sin(2)",
                                 basis="legendre", degree=5, lr=1e-4, steps=300),
    # past the term-by-term limit
    "matrix-vector-loss": Settings(points=60_000, steps=50, lr=1e-3, loss="mean"),
}
RESULT = re.compile(r"^Result: y = (.+)$", re.MULTILINE)


def printed_coefficients(output: str, degree: int) -> np.ndarray:
    """c0..cd from the script's `Result: y = c0 + c1 x + c2 x^2 + ...` line, checking each term's power."""
    match = RESULT.search(output)
    assert match, output
    terms = match.group(1).split(" + ")
    assert len(terms) == degree + 1, terms
    values = []
    for power, term in enumerate(terms):
        number, _, monomial = term.partition(" ")
        assert monomial == ("" if power == 0 else "x" if power == 1 else f"x^{power}"), term
        values.append(float(number))
    return np.array(values)


@pytest.mark.parametrize("settings", SCRIPT_CASES.values(), ids=SCRIPT_CASES.keys())
def test_the_script_prints_the_engines_final_polynomial(settings: Settings, tmp_path: Path):
    script = pytorch_script(settings)
    assert "components" not in script  # it stands alone: no import from this project
    assert ("# The page's URL query: "
            + (f"?{urlencode(to_query(settings))}" if to_query(settings) else "(empty") in script)
    path = tmp_path / "polynomial_autograd.py"
    path.write_text(script)
    # Run where a newcomer would: another folder, the venv's python, nothing of this project importable.
    done = subprocess.run([sys.executable, str(path)], cwd=tmp_path, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    printed = printed_coefficients(done.stdout, settings.degree)
    expected = fit_trajectory(settings).final_coefficients
    # Relative 1e-5 per coefficient; near-zero coefficients (a Legendre fit's even terms of an odd target
    # are ~1e-7 beside ~1) are compared to 1e-6 of the largest coefficient instead.
    np.testing.assert_allclose(printed, expected, rtol=1e-5, atol=1e-6 * np.abs(expected).max())


def test_the_script_of_a_run_past_the_work_cap_stops_where_the_page_does():
    script = pytorch_script(Settings(points=1_000_000, steps=5000))
    assert "\nsteps = 2000\n" in script and "stops this run at step 2,000 of 5,000" in script


def test_the_script_compiles_for_every_optimizer_basis_and_loss():
    for optimizer in ("gd", "momentum", "nesterov", "adam"):
        for basis in ("power", "scaled", "legendre"):
            for loss in ("sum", "mean"):
                compile(pytorch_script(Settings(optimizer=optimizer, basis=basis, loss=loss, degree=15)), "s",
                        "exec")


def test_every_built_in_target_is_written_as_the_engines_torch_code():
    assert set(TARGET_CODE) == set(TARGETS) - {"expr", "data"}  # a new target without code fails here
    x = torch.linspace(-2.0, 3.0, 101, dtype=torch.float32)
    for name in TARGET_CODE:
        settings = Settings(target=name, xmin=-2.0, xmax=3.0)
        written = eval(target_code(settings),
                       {"torch": torch, "math": math, "x": x, "u": scaled(x, (-2.0, 3.0))})
        assert torch.equal(written, target_values(name, x, settings.domain)), name


@pytest.mark.parametrize("text", ["sin(3*x) + 0.5*x", "exp(-x**2) / (1 + u**2)", "arctan(5*x) - pi*e",
                                  "  abs( x )**0.5 - floor(x)", "tanh(cos(1))", "-u", "2"])
def test_a_typed_target_is_rebuilt_from_its_checked_tree(text: str):
    settings = Settings(target="expr", expr=text, xmin=0.5, xmax=2.0)
    code = target_code(settings)
    tree = ast.parse(code, mode="eval")
    names = {n.id for n in ast.walk(tree) if isinstance(n, ast.Name)}
    # nothing of the typed text but numbers and operators
    assert names <= {"torch", "math", "x", "u", "dtype"}
    x = torch.linspace(0.5, 2.0, 64, dtype=torch.float32)
    namespace = {"torch": torch, "math": math, "x": x, "u": scaled(x, settings.domain),
                 "dtype": torch.float32}
    written = eval(compile(tree, "target", "eval"), namespace)
    expected = target_values("expr", x, settings.domain, text)
    assert written.shape == x.shape
    # Python numbers where the engine makes tensors: the same up to a float32 rounding.
    torch.testing.assert_close(written, expected, rtol=1e-6, atol=1e-6)


def test_the_script_writes_the_typed_target_from_its_tree_not_its_text():
    script = pytorch_script(Settings(target="expr", expr="abs( x )  +  1"))
    assert "y = torch.abs(x) + 1\n" in script and "expr=abs(x) + 1\n" in script
    assert "abs( x )" not in script


def test_the_typed_target_names_are_the_torch_functions_and_math_constants_the_engine_uses():
    for name, function in FUNCTIONS.items():
        assert getattr(torch, TORCH_NAMES[name]) is function, name
    for name, value in CONSTANTS.items():
        assert getattr(math, name) == value, name


# --- CSV -------------------------------------------------------------------------------------


def test_the_frames_csv_holds_every_frame_at_full_precision(tutorial: Trajectory):
    rows = list(csv.reader(io.StringIO(trajectory_csv(tutorial))))
    assert rows[0] == ["step", "loss", "c0", "c1", "c2", "c3"]
    body = rows[1:]
    assert len(body) == len(tutorial.frame_steps) == FRAME_COUNT
    assert [int(r[0]) for r in body] == tutorial.frame_steps.tolist()
    assert np.array_equal(np.array([[float(v) for v in r[2:]] for r in body]), tutorial.frame_coefficients)
    assert np.array_equal(np.array([float(r[1]) for r in body]),
                          tutorial.loss[tutorial.frame_steps].astype(np.float64))


def test_the_loss_csv_holds_every_step(tutorial: Trajectory):
    rows = list(csv.reader(io.StringIO(loss_csv(tutorial))))
    assert rows[0] == ["step", "loss"]
    assert len(rows) - 1 == tutorial.settings.steps + 1 == len(tutorial.loss)
    assert [int(r[0]) for r in rows[1:]] == list(range(len(tutorial.loss)))
    assert np.array_equal(np.array([float(r[1]) for r in rows[1:]], dtype=np.float32), tutorial.loss)


# --- HTML ------------------------------------------------------------------------------------


def test_the_html_inlines_plotly_js_and_every_frame(figure: dict):
    html = animation_html(figure)
    assert "plotly.js v" in html  # the library's own banner: the bundle is inside the page
    assert not re.search(r"<script[^>]*\ssrc=", html)  # and no script is fetched from anywhere
    frames = re.search(r"Plotly\.addFrames\('[^']*', (.*?)\);\n", html, re.DOTALL)
    assert frames and json.loads(frames.group(1)) == figure["frames"]  # all of them, as built


def test_the_html_plays_offline_in_chromium(figure: dict, tmp_path: Path, browser):
    # `browser` is pytest-playwright's, on Debian's Chromium (tests/conftest.py): a second sync Playwright in
    # the same process would clash with the one the browser tests keep running.
    page_file = tmp_path / "animation.html"
    page_file.write_text(animation_html(figure), encoding="utf-8")
    names = [frame["name"] for frame in figure["frames"]]
    blocked: list[str] = []
    errors: list[str] = []
    context = browser.new_context(offline=True)
    try:
        # Any request but the file itself is recorded and refused: the page must need none.
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                      else (blocked.append(route.request.url), route.abort()))
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(page_file.as_uri())
        page.wait_for_function("() => { const p = document.querySelector('.js-plotly-plot');"
                               " return p && p._transitionData && p._transitionData._frames.length > 0; }",
                               timeout=60_000)
        assert page.evaluate("() => document.querySelector('.js-plotly-plot')._transitionData._frames"
                             ".map(f => f.name)") == names
        page.evaluate("""() => {
            window.animatedFrames = [];
            document.querySelector('.js-plotly-plot')
                .on('plotly_animatingframe', (event) => window.animatedFrames.push(event.name));
        }""")
        page.locator(".updatemenu-button").filter(has_text="Play").click()
        page.wait_for_function("() => window.animatedFrames.length >= 10", timeout=60_000)
        played = page.evaluate("() => window.animatedFrames")
    finally:
        context.close()
    assert played == names[: len(played)]  # from the first frame on, in order
    assert blocked == [] and errors == []


# --- GIF -------------------------------------------------------------------------------------


def test_the_gif_frames_are_the_animation_without_its_controls(figure: dict):
    stills = gif_frames(figure, 800, 450, 60)
    assert len(stills) == 60
    assert stills[0]["layout"]["title"]["text"].endswith("step 0")
    assert stills[-1]["layout"]["title"]["text"].endswith("step 2000")
    assert stills[0]["layout"]["updatemenus"] == [] and stills[0]["layout"]["sliders"] == []
    fit = [t["name"] for t in figure["data"]].index("fit")
    assert stills[0]["data"][fit]["y"] == figure["frames"][0]["data"][0]["y"]
    assert stills[-1]["data"][fit]["y"] == figure["data"][fit]["y"]  # the page opens on the last frame
    assert stills[0]["data"][fit]["x"] == figure["data"][fit]["x"]  # frames carry y only: x is the trace's


# chromium: skip or fail without it
def test_the_gif_is_a_small_looping_animation(figure: dict, chromium: str):
    from PIL import Image

    gif = animated_gif(figure)
    assert gif.startswith(b"GIF89a") and len(gif) <= MAX_GIF_BYTES
    image = Image.open(io.BytesIO(gif))
    assert image.size == (800, 450) and image.n_frames == 60
    first = np.asarray(image.convert("RGB"))
    image.seek(image.n_frames - 1)
    last = np.asarray(image.convert("RGB"))
    assert not np.array_equal(first, last)  # the fit moved
    assert tuple(last[2, 2]) == (255, 255, 255)  # the white background stays white through the palette
