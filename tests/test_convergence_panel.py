"""Why it converges, on the real page (AppTest): the tabs and their charts for the run on screen, the view's
choices in the link (taylor, extrapolate, plane, axis), their messages, and the toggles in any order."""
from __future__ import annotations

import json

import pytest

from components.ui.panels.convergence import OPEN_TAB, TAB_KEY, TABS
from tests.conftest import alerts, open_page, page_figure, set_section


def open_why(**query: str):
    """The page with its section on why it converges open (why=1 in the link, as a click on it leaves it)."""
    return open_page(why="1", **query)


def charts(at) -> dict[str, dict]:
    """The page's Plotly figures by their element key (chart, modes, spectrum, landscape, paths_…)."""
    return {c.proto.id.rsplit("-", 1)[-1]: json.loads(c.proto.spec) for c in at.get("plotly_chart")}


def open_tab(at, label: str, lang: str = "en"):
    """Choose a tab, as a click on it does: AppTest sets a tab's value without its callback, so what the
    callback keeps is set here too (a browser test clicks the real one: tests/e2e/test_convergence.py)."""
    at.session_state[OPEN_TAB] = TABS[[t.label for t in at.tabs].index(label)]
    at.session_state[f"{TAB_KEY}_{lang}"] = label
    return at.run()


def test_the_eigenmodes_open_with_the_lesson_of_the_run_on_screen_and_each_tab_draws_when_chosen():
    at = open_why()
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Eigenmodes", "Loss landscape", "Coefficient paths"]
    drawn = charts(at)
    assert {"chart", "modes", "spectrum"} <= set(drawn) and "landscape" not in drawn  # the hidden tabs wait
    assert len([t for t in drawn["modes"]["data"] if t["line"].get("dash") is None]) == 4
    said = " ".join(alerts(at, "info"))
    assert "condition number λ_max/λ_min is 325" in said and "needs about 2,664 steps" in said
    drawn = charts(open_tab(at, "Loss landscape"))
    assert "landscape" in drawn and "modes" not in drawn and not at.exception
    assert at.selectbox(key="view_plane").value == "slowest"
    drawn = charts(open_tab(at, "Coefficient paths"))
    assert "paths_power" in drawn and "landscape" not in drawn
    assert "paths_basis" not in drawn  # the run's basis is powers of x: one set of paths says it all


def test_the_open_tab_stays_through_a_new_run_lecture_mode_another_language_and_a_prediction():
    at = open_tab(open_why(), "Loss landscape")
    at.sidebar.slider(key="degree").set_value(4).run()
    at.sidebar.toggle(key="lecture").set_value(True).run()
    at.sidebar.toggle(key="lecture").set_value(False).run()
    assert not at.exception and "landscape" in charts(at) and at.query_params["degree"] == "4"
    at.sidebar.radio(key="lang").set_value("ko").run()
    assert not at.exception and "landscape" in charts(at) and at.tabs[0].label == "고유모드"
    assert "paths_power" in charts(open_tab(at, "계수의 경로", "ko"))
    at.sidebar.radio(key="lang").set_value("en").run()
    assert "paths_power" in charts(at)
    at.toggle(key="view_predict").set_value(True).run()  # the tabs are not drawn while a run is withheld
    assert "paths_power" not in charts(at)
    at.toggle(key="view_predict").set_value(False).run()
    assert not at.exception and "paths_power" in charts(at)


def test_a_legendre_run_shows_its_own_coefficients_paths_too():
    drawn = charts(open_tab(open_why(basis="legendre", degree="7", lr="1e-4"), "Coefficient paths"))
    basis = drawn["paths_basis"]
    assert len(basis["data"]) == 2 * 8 and "Legendre" in basis["layout"]["title"]["text"]


def test_a_plane_in_the_link_is_drawn_and_one_the_run_lacks_is_said_and_replaced():
    at = open_tab(open_why(plane="c0-c2"), "Loss landscape")
    assert "coefficient a" in charts(at)["landscape"]["layout"]["xaxis"]["title"]["text"]
    assert at.query_params["plane"] == "c0-c2"
    at = open_tab(open_why(plane="c2-c3", degree="1"), "Loss landscape")
    (warning,) = alerts(at, "warning")
    assert "plane=c2-c3" in warning and "degree-1" in warning
    assert at.selectbox(key="view_plane").value == "slowest" and "plane" not in at.query_params
    at.selectbox(key="view_plane").set_value("extremes").run()
    assert alerts(at, "warning") == [] and at.query_params["plane"] == "extremes"


def test_the_taylor_toggle_draws_it_and_says_both_losses():
    at = open_why()
    at.toggle(key="view_taylor").set_value(True).run()
    assert at.query_params["taylor"] == "1"
    names = [t["name"] for t in page_figure(at)["data"]]
    assert "Taylor at x = 0" in names
    (note,) = [a for a in alerts(at, "info") if "Taylor" in a]
    assert "its loss is" in note and "the least-squares optimum's" in note


def test_a_target_with_no_taylor_series_at_the_centre_says_so():
    at = open_why(taylor="1", target="abs")
    assert not at.exception
    assert any("|x| has no Taylor series about x = 0" in a for a in alerts(at, "info"))
    assert not any("Taylor" in t["name"] for t in page_figure(at)["data"])


def test_extrapolation_widens_the_fit_panel_and_states_the_error_outside():
    at = open_why(extrapolate="1", degree="5", lr="1e-7")
    layout = page_figure(at)["layout"]
    assert layout["xaxis"]["range"][1] == pytest.approx(1.5 * 3.141592653589793)
    assert layout["shapes"][0]["type"] == "rect"
    (note,) = [a for a in alerts(at, "info") if "Outside the training domain" in a]
    outside, inside = (float(part.split()[-1].rstrip(".")) for part in note.split(";"))
    assert outside > 10 * inside


def test_the_step_axis_choice_and_every_view_choice_survive_lecture_mode_on_and_off():
    at = open_why(axis="log", taylor="1", extrapolate="1", plane="extremes")
    assert page_figure(at)["layout"]["xaxis2"]["type"] == "log"
    at.sidebar.toggle(key="lecture").set_value(True).run()
    assert not at.exception and page_figure(at)["layout"]["xaxis2"]["type"] == "log"
    at.sidebar.slider(key="degree").set_value(4).run()
    at.sidebar.toggle(key="lecture").set_value(False).run()
    assert {k: at.query_params[k] for k in ("axis", "taylor", "extrapolate", "plane", "degree")} == {
        "axis": "log", "taylor": "1", "extrapolate": "1", "plane": "extremes", "degree": "4"}
    at.toggle(key="view_extrapolate").set_value(False).run()
    at.button_group(key="view_axis").set_value("linear").run()
    assert "extrapolate" not in at.query_params and "axis" not in at.query_params
    assert "type" not in page_figure(at)["layout"]["xaxis2"]


def test_a_diverging_run_names_the_mode_that_blows_up():
    at = open_why(degree="4")
    said = " ".join(alerts(at, "info"))
    assert "Mode 5 grows" in said
    assert charts(at)["spectrum"]["data"][0]["marker"]["symbol"][-1] == "x"


def test_a_taylor_polynomial_too_costly_for_the_runs_degree_is_drawn_lower_and_said():
    at = open_why(taylor="1", target="runge", degree="15", basis="legendre", lr="1e-4")
    (note,) = [a for a in alerts(at, "info") if "would take too long" in a]
    (drawn,) = [t for t in page_figure(at)["data"] if t["name"].startswith("Taylor")]
    assert "not 15" in note and drawn["y"]


def test_a_closed_form_run_says_its_solid_lines_are_the_matrices_own():
    at = open_why(steps="1000000")
    assert "computed by the exact closed form" in " ".join(c.value for c in at.caption)


def test_extrapolating_a_target_undefined_outside_its_domain_says_so_instead_of_nan():
    at = open_why(extrapolate="1", target="expr", expr="sqrt(1 - x**2)", xmin="-1", xmax="1", lr="1e-3")
    assert not at.exception
    (note,) = [a for a in alerts(at, "info") if "Outside the training domain" in a]
    assert "not defined" in note and "nan" not in note


def test_the_section_opens_on_a_click_and_builds_nothing_while_closed():
    at = open_page()
    assert not at.exception and not at.tabs and set(charts(at)) == {"chart"}
    assert "The eigenmodes, the loss landscape and the coefficient paths" in [e.label for e in at.expander]
    at = set_section(at, "why", True)
    assert not at.exception and at.query_params["why"] == "1" and {"modes", "spectrum"} <= set(charts(at))
    at = set_section(at, "why", False)
    assert set(charts(at)) == {"chart"} and "why" not in at.query_params


def test_the_open_tab_survives_the_section_closed_and_opened_again_in_another_language():
    at = set_section(open_tab(open_why(), "Loss landscape"), "why", False)
    at.sidebar.radio(key="lang").set_value("ko").run()
    at = set_section(at, "why", True)
    assert not at.exception and "landscape" in charts(at) and "modes" not in charts(at)
    assert at.query_params["why"] == "1" and at.query_params["lang"] == "ko"
