"""The step panel on the real page (AppTest): the step in the link, its messages, the stages and the steps."""
from __future__ import annotations

import pytest

from components.ui.panels.step import STAGE_WIDGET
from tests.conftest import alerts, open_page, set_section


def open_inside(**query: str):
    """The page with its section inside one step open (inside=1 in the link, as a click on it leaves it)."""
    return open_page(inside="1", **query)


def table_header(at) -> list[str]:
    return list(at.table[0].value.columns)


def first_value_after(at) -> str:
    return at.table[0].value.iloc[0, -1]


def stage(at) -> str:
    (control,) = [c for c in at.get("button_group") if c.key == STAGE_WIDGET]
    return control.value


def test_the_open_section_shows_step_0_and_its_table_without_another_click():
    at = open_inside()
    assert not at.exception
    assert at.number_input(key="step").value == 0
    assert "value at step 0" in table_header(at)
    assert len(at.table[0].value) == 4
    assert any(a.startswith("Forward pass: with step 0's coefficients") for a in alerts(at, "info"))
    assert len(at.get("graphviz_chart")) == 1


def test_a_step_in_the_link_is_the_one_shown_and_kept():
    at = open_inside(step="5")
    assert at.number_input(key="step").value == 5
    assert "value at step 5" in table_header(at)
    assert at.query_params["step"] == "5"


@pytest.mark.parametrize("value", ["-3", "1.5", "abc", "1e9", ""])
def test_a_bad_step_names_the_setting_and_shows_step_0(value: str):
    at = open_inside(step=value)
    assert not at.exception
    said = " ".join(alerts(at, "warning"))
    assert "step:" in said and "whole number from 0" in said
    assert "value at step 0" in table_header(at)


def test_a_step_past_the_run_says_the_runs_range():
    at = open_inside(step="5000")
    said = " ".join(alerts(at, "warning"))
    assert "step: 5,000 is not a step of this run" in said and "0 to 2,000" in said
    assert "value at step 0" in table_header(at)
    assert "step" not in at.query_params


def test_the_buttons_walk_the_stages_then_the_next_step():
    at = open_inside()
    seen = [stage(at)]
    for _ in range(4):
        at.button[1 + next(i for i, b in enumerate(at.button[1:]) if b.label == "Next stage ▶")].click().run()
        seen.append(stage(at))
    assert seen == ["forward", "loss", "backward", "update", "forward"]
    assert at.number_input(key="step").value == 1 and at.query_params["step"] == "1"


def click(at, label: str):
    next(b for b in at.button if b.label == label).click().run()
    assert not at.exception


def test_next_step_starts_from_the_value_the_update_left():
    at = open_inside(degree="4", optimizer="momentum", lr="1e-7")
    after = first_value_after(at)
    click(at, "Next step ▶▶")
    assert at.table[0].value.iloc[0, 0] == after  # the value at step 1 is step 0's value after
    assert "value at step 1" in table_header(at) and "velocity v before" in table_header(at)


def test_a_closed_form_run_is_inspected_at_any_step():
    at = open_inside(steps="100000", step="99999")
    assert not at.exception
    assert "value at step 99,999" in table_header(at)


def test_the_panel_keeps_working_in_lecture_mode_and_in_korean():
    at = open_inside(mode="lecture", lang="ko", step="3")
    assert not at.exception
    assert "3단계의 값" in table_header(at)
    assert any(a.startswith("순전파") for a in alerts(at, "info"))


def test_fewer_steps_than_the_step_inspected_says_so_and_goes_back_to_0():
    at = open_inside(step="1500")
    at.sidebar.select_slider(key="steps").set_value(100).run()
    assert not at.exception
    said = " ".join(alerts(at, "warning"))
    assert "step: 1,500 is not a step of this run" in said and "0 to 100" in said
    assert "value at step 0" in table_header(at) and "step" not in at.query_params


def test_the_step_and_stage_survive_lecture_mode_on_and_off():
    at = open_inside(step="3")
    click(at, "Next stage ▶")
    for lecture in (True, False):
        at.sidebar.toggle(key="lecture").set_value(lecture).run()
        assert not at.exception
        assert at.number_input(key="step").value == 3 and stage(at) == "loss"
        assert at.query_params["step"] == "3"


def test_the_section_opens_on_a_click_and_builds_nothing_while_closed():
    at = open_page()
    assert not at.exception
    assert "The graph, the code and the numbers of one step" in [e.label for e in at.expander]
    assert not at.get("graphviz_chart") and not at.table and "inside" not in at.query_params
    assert not [n for n in at.number_input if n.key == "step"]
    at = set_section(at, "inside", True)
    assert not at.exception and at.query_params["inside"] == "1"
    assert len(at.get("graphviz_chart")) == 1 and "value at step 0" in table_header(at)
    at = set_section(at, "inside", False)
    assert not at.get("graphviz_chart") and "inside" not in at.query_params


def test_the_step_and_stage_survive_the_section_closed_and_opened_again():
    at = open_inside(step="3")
    click(at, "Next stage ▶")
    at = set_section(at, "inside", False)
    at.sidebar.slider(key="degree").set_value(4).run()  # a new run while it is closed (step 3 it has too)
    at = set_section(at, "inside", True)
    assert not at.exception
    assert at.number_input(key="step").value == 3 and stage(at) == "loss" and at.query_params["step"] == "3"


@pytest.mark.parametrize("name, value", [("inside", "2"), ("inside", "yes"), ("why", "-1"), ("why", "on")])
def test_a_bad_section_in_the_link_names_the_setting_and_leaves_the_section_closed(name: str, value: str):
    at = open_page(**{name: value})
    assert not at.exception
    said = " ".join(alerts(at, "warning"))
    assert f"{name}: '{value}' is not allowed; allowed: 0 (off) or 1 (on)" in said
    assert not at.get("graphviz_chart") and not at.tabs and name not in at.query_params


def test_a_step_past_the_run_is_put_right_in_the_link_while_the_section_is_closed_and_said_once_open():
    at = open_page(step="5000")
    assert not at.exception and "step" not in at.query_params and not alerts(at, "warning")
    at = set_section(at, "inside", True)
    assert "step: 5,000 is not a step of this run" in " ".join(alerts(at, "warning"))
    assert "value at step 0" in table_header(at)
