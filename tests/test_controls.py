from components.ui.controls import ADVANCED_OPEN, LR_MARKS, STEP_MARKS, log_marks, marks_with
from components.views.formatting import format_lr
from tests.conftest import alerts, open_page


def test_learning_rate_marks_are_1_2_5_in_every_decade_from_1e_16_to_1():
    assert LR_MARKS[:4] == [1e-16, 2e-16, 5e-16, 1e-15] and LR_MARKS[-1] == 1.0
    assert len(LR_MARKS) == 16 * 3 + 1 and 1e-6 in LR_MARKS and 2e-6 in LR_MARKS and 5e-6 in LR_MARKS


def test_step_marks_run_from_10_to_a_million():
    assert STEP_MARKS[:4] == [10, 20, 50, 100] and STEP_MARKS[-1] == 1_000_000 and 2000 in STEP_MARKS


def test_learning_rates_are_written_as_a_lecturer_writes_them():
    assert [format_lr(v) for v in (1e-6, 2e-6, 5e-16, 3e-7, 4.643e-7, 2e-4, 0.01, 1.0, 0.5)] == [
        "1e-6", "2e-6", "5e-16", "3e-7", "4.64e-7", "2e-4", "1e-2", "1", "0.5"]


def test_a_value_between_the_marks_joins_them_in_order():
    assert marks_with([10, 20, 50], 30) == [10, 20, 30, 50] and marks_with([10, 20], 20) == [10, 20]
    assert log_marks(0, 1) == [1.0, 2.0, 5.0, 10.0]


# Widgets drawn only sometimes: Streamlit drops the state of a widget a run does not draw.

def test_lecture_mode_on_then_any_slider_keeps_the_page_and_every_setting():
    at = open_page(advanced=True, optimizer="momentum", beta="0.5", basis="legendre", seed="7", lr="2e-4")
    at.sidebar.toggle(key="lecture").set_value(True).run()
    for key, value in (("degree", 4), ("steps", 5000)):
        at.sidebar.slider(key=key).set_value(value).run() if key == "degree" else \
            at.sidebar.select_slider(key=key).set_value(value).run()
        assert not at.exception
    assert at.query_params["optimizer"] == "momentum" and at.query_params["beta"] == "0.5"
    assert (at.query_params["seed"] == "7" and at.query_params["degree"] == "4"
            and at.query_params["mode"] == "lecture")
    at.sidebar.toggle(key="lecture").set_value(False).run()
    assert not at.exception
    assert (at.sidebar.selectbox(key="optimizer").value == "momentum"
            and at.sidebar.number_input(key="beta").value == 0.5)
    assert (at.sidebar.selectbox(key="basis").value == "legendre"
            and at.sidebar.number_input(key="seed").value == 7)
    assert at.sidebar.slider(key="degree").value == 4 and "mode" not in at.query_params


def test_a_preset_chosen_in_lecture_mode_sets_the_hidden_settings_too():
    at = open_page(advanced=True, mode="lecture")
    at.sidebar.selectbox(key="preset").set_value("noisy").run()
    assert not at.exception and at.query_params["noise"] == "0.3" and at.query_params["basis"] == "legendre"
    at.sidebar.slider(key="degree").set_value(14).run()
    at.sidebar.toggle(key="lecture").set_value(False).run()
    assert not at.exception
    assert at.sidebar.number_input(key="noise").value == 0.3 and at.sidebar.slider(key="degree").value == 14


def test_momentums_beta_is_shown_and_linked_only_for_the_optimizers_that_use_it():
    at = open_page(advanced=True, beta="0.5")
    assert not at.exception and "beta" not in [w.key for w in at.sidebar.number_input]
    assert "beta" not in at.query_params
    at.sidebar.selectbox(key="optimizer").set_value("nesterov").run()
    assert at.sidebar.number_input(key="beta").value == 0.5 and at.query_params["beta"] == "0.5"
    at.sidebar.selectbox(key="optimizer").set_value("adam").run()
    assert "beta" not in [w.key for w in at.sidebar.number_input] and "beta" not in at.query_params
    at.sidebar.selectbox(key="optimizer").set_value("momentum").run()
    assert at.sidebar.number_input(key="beta").value == 0.5  # hidden, not forgotten


def test_typing_a_formula_chooses_it_as_the_target():
    at = open_page(advanced=True)
    at.sidebar.text_input(key="expr").set_value("abs(x)").run()
    assert not at.exception and at.sidebar.selectbox(key="target").value == "expr"
    assert at.query_params["target"] == "expr" and at.query_params["expr"] == "abs(x)"


def test_choosing_your_own_expression_with_an_empty_box_asks_for_one_without_a_warning():
    at = open_page(advanced=True)
    at.sidebar.selectbox(key="target").set_value("expr").run()
    assert not at.exception and not alerts(at, "warning")
    assert any("Type your own target f(x)" in i and "sin(x)" in i for i in alerts(at, "info"))
    assert at.sidebar.selectbox(key="target").value == "expr"  # the choice stays, waiting for a formula


def test_the_advanced_expander_keeps_its_state_through_presets_and_lecture_mode():
    at = open_page()
    expander = at.sidebar.expander[0]
    assert not expander.proto.expanded
    at.session_state[ADVANCED_OPEN] = True  # as a click on it leaves it (a browser test clicks)
    at.run()
    assert at.sidebar.expander[0].proto.expanded
    at.sidebar.selectbox(key="preset").set_value("degree-4").run()
    at.sidebar.slider(key="degree").set_value(3).run()
    at.sidebar.toggle(key="lecture").set_value(True).run()
    at.sidebar.toggle(key="lecture").set_value(False).run()
    assert not at.exception and len(at.sidebar.expander) == 1
    assert at.sidebar.expander[0].proto.expanded


def test_an_unfinished_formula_left_in_the_box_does_not_decide_another_target():
    at = open_page(advanced=True)
    at.sidebar.text_input(key="expr").set_value("log(").run()  # typing chose it; it does not parse
    assert any("expr" in w for w in alerts(at, "warning"))
    at.sidebar.selectbox(key="target").set_value("cos").run()
    assert not at.exception and not alerts(at, "warning")
    assert "cos(x)" in at.get("plotly_chart")[0].proto.spec and "expr" not in at.query_params
    assert at.sidebar.text_input(key="expr").value == "log("  # kept for when it is chosen again


def test_a_momentum_beyond_the_boxs_top_is_refused_where_the_box_could_not_show_it():
    at = open_page(advanced=True, optimizer="momentum", beta="0.9995")
    assert any("beta: '0.9995' is not allowed" in w for w in alerts(at, "warning"))
    assert at.sidebar.number_input(key="beta").value == 0.9 and "beta" not in at.query_params


def test_in_lecture_mode_the_prompt_for_a_formula_says_where_the_box_went():
    at = open_page(advanced=True, target="cos")
    at.sidebar.selectbox(key="target").set_value("expr").run()
    at.sidebar.toggle(key="lecture").set_value(True).run()
    assert any("turn Lecture mode off" in i for i in alerts(at, "info"))


def test_the_advanced_widgets_are_drawn_only_while_open_and_keep_their_values_closed():
    at = open_page(seed="7", basis="legendre")
    assert "basis" not in [w.key for w in at.sidebar.selectbox]
    assert at.query_params["seed"] == "7" and at.query_params["basis"] == "legendre"  # in force, not drawn
    at.session_state[ADVANCED_OPEN] = True  # a click on it
    at.run()
    assert at.sidebar.number_input(key="seed").value == 7
    assert at.sidebar.selectbox(key="basis").value == "legendre"
    at.sidebar.number_input(key="seed").set_value(8).run()
    at.session_state[ADVANCED_OPEN] = False  # closed again
    at.run()
    assert not at.exception and "seed" not in [w.key for w in at.sidebar.number_input]
    assert at.query_params["seed"] == "8" and at.query_params["basis"] == "legendre"
    at.sidebar.slider(key="degree").set_value(4).run()  # a change elsewhere keeps them
    assert at.query_params["seed"] == "8" and at.query_params["basis"] == "legendre"
