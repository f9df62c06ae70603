"""The page, run by Streamlit's AppTest against the real engine (no browser, no mocks)."""
import re

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from components.engine.training import FRAME_COUNT, fit_trajectory
from components.state.settings import Settings
from components.ui.panels.downloads import CODE_KEPT_OPEN
from components.views.figures import polynomial_values
from tests.conftest import alerts, open_page, page_figure, set_section

figure = page_figure


def decoded(values) -> np.ndarray:
    """Plotly's JSON writes numpy arrays as {"dtype", "bdata"}; plain lists stay lists."""
    if isinstance(values, dict):
        import base64
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).astype(float)
    return np.array([np.nan if v is None else v for v in values], dtype=float)


def trace(fig: dict, name: str, data: list | None = None) -> dict:
    return next(t for t in (data or fig["data"]) if t.get("name") == name)


def equation(at: AppTest) -> str:
    return at.latex[0].value.strip("$\n")


def warnings_text(at: AppTest) -> str:
    return " ".join(w for w in alerts(at, "warning"))


def test_default_page_shows_the_tutorials_run_animated():
    at = open_page()
    assert not at.exception
    fig = figure(at)
    names = {t.get("name") for t in fig["data"]}
    assert {"target", "fit", "optimum", "loss"} <= names
    assert len(fig["frames"]) == FRAME_COUNT
    assert equation(at).startswith("y = ") and "x^{3}" in equation(at) and "x^{4}" not in equation(at)


def test_the_last_frame_is_the_engines_final_polynomial():
    at = open_page()
    fig = figure(at)
    fit_index = next(i for i, t in enumerate(fig["data"]) if t.get("name") == "fit")
    last = fig["frames"][-1]
    fit = last["data"][last["traces"].index(fit_index)]
    x = decoded(fig["data"][fit_index]["x"])  # a frame re-sends only the fit's y: its x never changes
    final = fit_trajectory(Settings(device="cpu")).final_coefficients
    np.testing.assert_allclose(decoded(fit["y"]), polynomial_values(final, x), atol=2e-3)


def test_moving_the_degree_slider_changes_the_equations_degree():
    at = open_page()
    at.sidebar.slider(key="degree").set_value(5).run()
    assert not at.exception
    assert "x^{5}" in equation(at) and "x^{6}" not in equation(at)


def test_a_large_learning_rate_gives_a_divergence_note_and_still_a_chart():
    at = open_page(lr="1e-2")
    assert not at.exception
    assert any("diverged at step" in e for e in alerts(at, "error"))
    assert "above the largest stable" in warnings_text(at)
    figure(at)


def test_the_one_click_learning_rate_makes_the_run_stable():
    at = open_page(degree="4")
    button = next(b for b in at.button if b.label.startswith("Use the learning rate"))
    suggested = float(button.label.rsplit(" ", 1)[1])  # written as 4.5e-7
    assert 4e-7 < suggested < 4.64e-7
    button.click().run()
    assert at.sidebar.select_slider(key="lr").value == suggested
    assert not alerts(at, "error") and "above the largest stable" not in warnings_text(at)


def test_a_url_opens_with_its_settings():
    at = open_page(degree="4", lr="1e-7", steps="5000")
    assert not at.exception and not alerts(at, "warning")
    assert at.sidebar.slider(key="degree").value == 4
    assert at.sidebar.select_slider(key="lr").value == 1e-7
    assert at.sidebar.select_slider(key="steps").value == 5000
    assert figure(at)["frames"][-1]["name"] == "5000"


def test_a_url_value_between_the_marks_is_used_exactly():
    at = open_page(steps="3000", lr="3e-7")
    assert at.sidebar.select_slider(key="steps").value == 3000
    assert at.sidebar.select_slider(key="lr").value == 3e-7
    assert figure(at)["frames"][-1]["name"] == "3000"


def test_the_url_follows_the_widgets():
    at = open_page()
    at.sidebar.slider(key="degree").set_value(6).run()
    assert at.query_params["degree"] == "6"
    assert "lr" not in at.query_params  # defaults stay out of the link


@pytest.mark.parametrize("key, value", [
    ("degree", "abc"), ("lr", "-1"), ("steps", "0"), ("optimizer", "sgd"), ("basis", "x"),
    ("target", "tan"), ("points", "5"), ("noise", "-1"), ("loss", "max"), ("seed", "-3"), ("device", "tpu"),
])
def test_each_bad_url_value_gives_its_message_and_the_default(key, value):
    at = open_page(**{key: value})
    assert not at.exception
    text = warnings_text(at)
    assert re.search(rf"\b{key}: '{re.escape(value)}' is not allowed; allowed: ", text), text
    assert "Using the default" in text
    figure(at)


def test_cuda_without_a_gpu_runs_on_the_cpu_with_a_message():
    import torch
    if torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    at = open_page(device="cuda")
    assert not at.exception and "Running on the CPU instead" in warnings_text(at)
    assert [m.value for m in at.metric if m.label == "Device"] == ["CPU"]


def test_an_unchanged_rerun_does_not_retrain():
    at = open_page(seed="11")
    timing = [m for m in at.metric if m.label == "Training time"][0]
    first = (timing.value, timing.proto.delta)
    at.run()
    timing = [m for m in at.metric if m.label == "Training time"][0]
    assert (timing.value, timing.proto.delta) == first


def test_a_million_steps_are_computed_in_closed_form_and_said_so():
    at = open_page(steps="1000000")
    assert not at.exception
    assert any("Computed exactly in closed form" in i and "would take about" in i for i in alerts(at, "info"))
    assert [m.value for m in at.metric if m.label == "Computed by"] == ["closed form"]
    assert figure(at)["frames"][-1]["name"] == "1000000"


def test_the_url_can_force_step_by_step_autograd():
    at = open_page(steps="20001", engine="autograd", lr="2e-6")
    assert [m.value for m in at.metric if m.label == "Computed by"] == ["autograd"]


def test_a_typed_target_expression_is_fitted():
    at = open_page(target="expr", expr="sin(3*x) + 0.5*x", degree="7", basis="legendre", lr="1e-4")
    assert not at.exception and not alerts(at, "warning")
    assert "sin(3*x) + 0.5*x" in figure(at)["layout"]["title"]["text"]


@pytest.mark.parametrize("expr, problem", [
    ("__import__('os')", "'__import__' cannot be called at position 1"),
    ("exp(os)", "unknown name 'os' at position 5"),
    ("x.real", "attribute access"),
    ("log(x)", "not finite"),
])
def test_a_bad_expression_gives_its_message_and_the_default_target(expr, problem):
    at = open_page(target="expr", expr=expr)
    assert not at.exception
    assert problem in warnings_text(at) and "sin(x)" in figure(at)["layout"]["title"]["text"]


def test_typing_an_expression_in_the_box_retrains():
    at = open_page(advanced=True)
    at.sidebar.selectbox(key="target").set_value("expr")
    at.sidebar.text_input(key="expr").set_value("abs(x)").run()
    assert not at.exception and "abs(x)" in figure(at)["layout"]["title"]["text"]
    assert at.query_params["expr"] == "abs(x)"


def test_a_preset_sets_every_slider_and_says_what_it_shows():
    at = open_page()
    at.sidebar.selectbox(key="preset").set_value("degree-4").run()
    assert not at.exception
    assert at.sidebar.slider(key="degree").value == 4 and at.query_params["degree"] == "4"
    assert any("diverges within 40 steps" in c.value for c in at.sidebar.caption)
    assert any("diverged at step" in e for e in alerts(at, "error"))
    at.sidebar.slider(key="degree").set_value(5).run()  # moved away: no preset is in force any more
    assert at.sidebar.selectbox(key="preset").value == ""


def test_lecture_mode_keeps_the_three_main_sliders_and_enlarges_the_chart():
    at = open_page(mode="lecture")
    assert not at.exception and len(at.sidebar.expander) == 0 and at.sidebar.toggle(key="lecture").value
    assert figure(at)["layout"]["font"]["size"] >= 20
    at.sidebar.toggle(key="lecture").set_value(False).run()
    assert len(at.sidebar.expander) == 1 and "mode" not in at.query_params


def test_a_bad_view_value_gives_its_message():
    at = open_page(mode="cinema", lang="fr")
    assert ("mode: 'cinema' is not allowed" in warnings_text(at)
            and "lang: 'fr' is not allowed" in warnings_text(at))


def test_the_code_panel_shows_the_script_the_download_gives():
    at = open_page(degree="4", lr="2e-7", inside="1")  # the step's notebook is in that section
    assert len(at.get("code")) == 0  # closed, as the page opens: the script is drawn once it is opened
    at.session_state[CODE_KEPT_OPEN] = True  # as a click on it leaves it
    code = at.run().get("code")
    assert len(code) == 1
    from components.exports.script import pytorch_script
    assert code[0].proto.code_text.strip() == pytorch_script(Settings(degree=4, lr=2e-7)).strip()
    labels = [b.proto.label for b in at.get("download_button")]
    assert (len(labels) == 6 and any("GIF" in label for label in labels)
            and any(".py" in label for label in labels) and any(".ipynb" in label for label in labels))


def test_lecture_mode_tells_its_viewer_the_truth_about_the_sidebar_and_the_animation():
    normal, lecture = open_page(), open_page(mode="lecture")
    assert "move the sliders on the left" in normal.caption[0].value
    assert ("move the sliders" not in lecture.caption[0].value
            and "plays by itself" in lecture.caption[0].value)


@pytest.mark.parametrize("query", [{"seed": "101"}, {"steps": "100000", "seed": "102"},
                                   {"optimizer": "momentum", "noise": "0.2", "steps": "50000",
                                    "seed": "103"}])
def test_a_cold_rerun_samples_the_target_once_and_a_warm_one_not_at_all(monkeypatch, query):
    import streamlit as st

    import components.problem.data as data_module
    builds = []
    real = data_module.make_dataset
    monkeypatch.setattr(data_module, "make_dataset",
                        lambda settings, *rest: builds.append(settings) or real(settings, *rest))
    st.cache_data.clear()
    st.cache_resource.clear()
    # training (or the closed form), analysis, estimate, plain descent, the noisy figure
    at = open_page(**query)
    assert not at.exception and len(builds) == 1
    at.run()
    assert len(builds) == 1


def test_a_rerun_that_changes_nothing_takes_the_sessions_page_and_asks_no_cache(monkeypatch):
    import components.ui.computed as computed
    asked = []
    for name in ("train", "chart_data", "pinned_runs", "analysis_of", "data_of"):
        real = getattr(computed, name)
        monkeypatch.setattr(computed, name, lambda *a, _real=real, _name=name, **k: asked.append(_name)
                            or _real(*a, **k))
    at = open_page()
    assert {"train", "chart_data", "pinned_runs", "analysis_of", "data_of"} <= set(asked)
    kept, asked[:] = at.session_state["_page"], []
    at.run()
    assert not at.exception and asked == [] and at.session_state["_page"][1] is kept[1]
    at.sidebar.slider(key="degree").set_value(4).run()  # a new run: the page is built again
    assert "train" in asked and "chart_data" in asked and "x^{4}" in at.latex[0].value
    asked[:] = []
    at.toggle(key="view_taylor").set_value(True).run()  # a view choice changes the page too
    assert "chart_data" in asked and at.session_state["_page"][1].view.taylor == 1
    for name, opened in (("inside", True), ("why", True), ("inside", False)):  # a section opened: not that
        kept, asked[:] = at.session_state["_page"], []
        at = set_section(at, name, opened)
        assert not at.exception and asked == [] and at.session_state["_page"][1] is kept[1], name


def test_only_the_runs_data_samples_the_target():
    """Every other module takes a RunData: none samples the target again behind the page's back."""
    import ast

    from tests.conftest import ROOT
    callers = {path.relative_to(ROOT).as_posix() for path in (ROOT / "components").rglob("*.py")
               for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
               if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "make_dataset"}
    # targets: the formula's check
    assert callers == {"components/problem/data.py", "components/problem/targets.py"}


def test_a_long_run_shows_the_spinner_in_its_language_and_a_bar_that_moves_in_tenths(
        tmp_path):
    from components.state.i18n import text
    from components.ui.computed import PROGRESS_STEPS
    from scripts.streamlit_session import StreamlitSession
    from tests.app_server import start_server, stop_server

    server, url = start_server(tmp_path / "server.log")
    # seconds of autograd on the CPU (on a GPU it might finish before the spinner's half second)
    session = StreamlitSession(url, query="optimizer=adam&lr=0.01&steps=20000&lang=ko&device=cpu")
    try:
        new, again = session.rerun(), session.rerun()
    finally:
        session.close()
        stop_server(server)
    assert not new.exceptions and [text("ko", "page.training")] in new.transients
    assert [text("ko", "page.training")] not in again.transients and again.charts == new.charts  # cached
    # The bar moved in tenths (each move one more message that a cached rerun replays), then went
    assert 3 <= new.kinds.count("progress") <= PROGRESS_STEPS + 1 and "empty" in new.kinds
