"""Compare runs on the real page (AppTest): pin by clicking, the link's pins both ways, unpin, their messages,
and the pins kept through lecture mode and presets."""
from __future__ import annotations

from components.views.figures import PIN_STYLES
from tests.conftest import alerts, open_page, page_figure


def pins_of(at) -> list[str]:
    pins = at.query_params.get("pin", [])
    return [pins] if isinstance(pins, str) else list(pins)


def drawn_pins(at) -> list[str]:
    """The legend names of the chart's pinned runs."""
    own = {"target", "optimum", "fit", "loss so far", "optimum loss", "plain gradient descent"}
    return [t["name"] for t in page_figure(at)["data"] if t.get("showlegend", True) and t["name"] not in own
            and t.get("legendgroup", "").startswith("pin")]


def test_pin_then_move_a_slider_draws_both_and_writes_the_link():
    at = open_page()
    assert at.button(key="pin_this").label == "Pin this run"
    at.button(key="pin_this").click().run()
    assert at.button(key="pin_this").disabled and pins_of(at) == []  # pinned, but no other run yet
    at.sidebar.slider(key="degree").set_value(2).run()
    assert pins_of(at) == ["degree:3"] and drawn_pins(at) == ["degree 3"]
    table = at.dataframe[0].value
    assert list(table["run"]) == ["this run", "degree 3"]


def test_a_link_with_pins_opens_the_comparison_and_a_bad_pin_is_said():
    at = open_page(pin=["degree:4", "basis:legendre,lr:0.0002", "degree:abc"])
    assert not at.exception
    (warning,) = alerts(at, "warning")
    assert warning.startswith("pin 3 ('degree:abc') is left out") and "whole number from 1 to 15" in warning
    assert drawn_pins(at) == ["degree 4 (diverged at step 31)", "lr 2e-4, Legendre"]
    assert pins_of(at) == ["degree:4", "lr:0.0002,basis:legendre"]
    at.button(key="unpin_0").click().run()
    assert pins_of(at) == ["lr:0.0002,basis:legendre"] and drawn_pins(at) == ["lr 2e-4, Legendre"]


def test_pins_stay_through_lecture_mode_a_preset_and_back():
    at = open_page(pin=["degree:4"])
    at.sidebar.toggle(key="lecture").set_value(True).run()
    assert pins_of(at) == ["degree:4"] and drawn_pins(at) == ["degree 4 (diverged at step 31)"]
    at.sidebar.toggle(key="lecture").set_value(False).run()
    at.sidebar.selectbox(key="preset").set_value("legendre").run()
    # against the preset's run (degree 5, Legendre, lr 4e-4) the pinned one now differs in three settings
    assert pins_of(at) == ["degree:4,lr:1e-06,basis:power"]
    assert not at.exception


def test_six_pins_and_no_more():
    at = open_page(pin=[f"lr:{k}e-7" for k in range(1, 8)])
    assert len(pins_of(at)) == 6 and at.button(key="pin_this").disabled
    assert any("At most 6 runs can be pinned" in a for a in alerts(at, "warning"))


def test_a_pinned_run_past_the_work_cap_is_cut_and_said():
    at = open_page(pin=["optimizer:adam,lr:0.01,points:1000000,steps:1000000"])  # Adam: no closed form
    warning, *cut = alerts(at, "warning")
    assert warning.startswith("lr 1e-2, steps 1000000, Adam, points 1000000: ")
    assert "stops at step 2,000 of 1,000,000" in warning
    # and on this machine its share of the time budget (20 s / 6) ends it sooner still, which is said too
    assert all("past the pinned runs' share of the time budget" in c for c in cut)
    assert len(at.dataframe[0].value) == 2  # and it is in the table, with its 2,000 steps


def test_a_prepared_comparison_sets_the_run_pins_the_others_and_says_what_it_shows():
    at = open_page()
    at.selectbox(key="comparison").set_value("optimizers").run()
    assert not at.exception
    assert drawn_pins(at) == ["momentum", "Nesterov", "lr 1e-2, Adam"]
    assert pins_of(at) == ["optimizer:momentum", "optimizer:nesterov", "lr:0.01,optimizer:adam"]
    assert any("plain gradient descent is still 39% above" in c.value for c in at.caption)
    at.selectbox(key="comparison").set_value("power-vs-legendre").run()
    assert drawn_pins(at) == ["lr 4.9e-4, Legendre"] and at.query_params["lr"] == "3.5e-06"
    at.sidebar.slider(key="degree").set_value(4).run()  # no longer the comparison: its sentence goes
    assert at.selectbox(key="comparison").value == ""
    assert not any("within 1% of the best at step 134" in c.value for c in at.caption)


def test_a_setting_the_run_does_not_read_makes_no_new_pin():
    at = open_page(advanced=True)  # β is drawn for momentum only
    at.button(key="pin_this").click().run()
    at.sidebar.selectbox(key="optimizer").set_value("momentum").run()
    at.sidebar.number_input(key="beta").set_value(0.5).run()
    at.sidebar.selectbox(key="optimizer").set_value("gd").run()  # plain descent again, β 0.5 kept
    assert at.button(key="pin_this").disabled and pins_of(at) == [] and drawn_pins(at) == []


def test_a_pin_the_machine_cannot_train_is_said_or_moved_and_the_page_lives():
    at = open_page(pin=["target:expr,expr:log(x)", "device:cuda,optimizer:adam,lr:0.01"])
    assert not at.exception
    (warning,) = [a for a in alerts(at, "warning") if a.startswith("pin 1")]
    assert "log(x)" in warning and "not finite" in warning or "x =" in warning
    assert drawn_pins(at) == ["lr 1e-2, Adam, device cuda"]  # trained on the CPU here, named as asked


def test_unpinning_twice_and_pins_keep_their_colours():
    at = open_page(pin=["degree:4", "degree:2", "degree:1"])
    colours = {t["name"]: t["line"]["color"] for t in page_figure(at)["data"]
               if t.get("legendgroup", "").startswith("pin") and t.get("showlegend", True)}
    button = at.button(key="unpin_0")
    button.click().run()
    assert pins_of(at) == ["degree:2", "degree:1"] and not at.exception
    after = {t["name"]: t["line"]["color"] for t in page_figure(at)["data"]
             if t.get("legendgroup", "").startswith("pin") and t.get("showlegend", True)}
    assert after == {name: colours[name] for name in after}  # degree 2 and degree 1 keep theirs


def test_a_revealed_run_stays_revealed_when_a_pin_goes():
    at = open_page(predict="1", pin=["degree:2"])
    next(b for b in at.button if b.label == "Reveal").click().run()
    at.button(key="unpin_0").click().run()
    assert len(page_figure(at)["frames"]) > 1  # still revealed: the same run


def test_two_pages_with_the_same_pins_draw_each_in_the_colour_it_has_on_its_own_page():
    def colour(at, label: str) -> str:
        return next(t["line"]["color"] for t in page_figure(at)["data"] if t["name"].startswith(label)
                    and "line" in t)

    first = open_page(pin=["degree:4", "degree:2"])
    first.button(key="unpin_0").click().run()  # degree 2 keeps the second colour
    first.sidebar.slider(key="degree").set_value(5).run()
    first.button(key="pin_this").click().run()  # degree 5 takes the first, free again
    first.sidebar.slider(key="degree").set_value(3).run()
    second = open_page(pin=["degree:2", "degree:5"])  # the same runs, in the same order, on a fresh page
    assert pins_of(first) == pins_of(second) == ["degree:2", "degree:5"]
    assert colour(first, "degree 2") == PIN_STYLES[1][0] and colour(first, "degree 5") == PIN_STYLES[0][0]
    assert colour(second, "degree 2") == PIN_STYLES[0][0] and colour(second, "degree 5") == PIN_STYLES[1][0]
