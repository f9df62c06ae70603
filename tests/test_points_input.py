"""The reader's points on the page (components/ui/points_input.py), run by AppTest: pasted, refused by line,
kept through lecture mode and presets, in the link, and the degree slider's top."""
import numpy as np

from components.state.points import encode_points, points_of
from tests.conftest import alerts, open_advanced, open_page, page_figure
from tests.test_app import decoded, trace

PASTED = "x, y\n0, 0.1\n0.5, 0.52\n1, 0.83\n1.5, 1.1\n2, 0.9\n2.5, 0.61\n3, 0.12\n"


def paste(at, content: str):
    if not at.sidebar.text_area:  # the box is in the Advanced section, drawn while it is open
        open_advanced(at)
    at.sidebar.text_area(key="data_text").input(content)
    return at.sidebar.button(key="data_apply").click().run()


def drawn_points(at) -> np.ndarray:
    return decoded(trace(page_figure(at), "your points")["x"])


def test_pasted_points_become_the_target_the_chart_draws_and_the_link_carries():
    at = paste(open_page(), PASTED)
    assert not at.exception
    np.testing.assert_allclose(drawn_points(at), [0, 0.5, 1, 1.5, 2, 2.5, 3], atol=1e-6)
    assert "target" not in {t["name"] for t in page_figure(at)["data"]}  # no curve between the points
    assert at.query_params["target"] == "data" and at.query_params["data"]
    assert any("The pasted text: 7 points, x from 0 to 3" in a for a in alerts(at, "success"))
    assert "your points" in page_figure(at)["layout"]["title"]["text"]


def test_a_bad_paste_is_answered_by_line_and_the_run_keeps_its_target():
    at = paste(open_page(), "x,y\n1,2\n3,abc\n")
    assert not at.exception
    (refused,) = alerts(at, "error")
    assert "The pasted text was not used: line 3: 'abc' is not a number." in refused
    assert "target" in {t["name"] for t in page_figure(at)["data"]} and "target" not in at.query_params
    korean = paste(open_page(lang="ko"), "x,y\n1,2\n3,abc\n")
    assert any("3번째 줄: 'abc'은(는) 수가 아닙니다." in a for a in alerts(korean, "error"))


def test_what_a_file_says_is_shown_as_text_never_as_markup():
    at = paste(open_page(), "x,y\n1,2\n<img src=x onerror=alert(1)>,**bold**\n")
    (element,) = [e for e in at.get("html") if "not used" in e.proto.body]
    assert "&lt;img src=x onerror=alert(1)&gt;" in element.proto.body and "<img" not in element.proto.body


def test_too_few_points_for_the_degree_say_how_many_are_needed_and_the_slider_stops_where_they_fit():
    at = paste(open_page(), "0,1\n1,2\n2,5\n")  # three points, degree 3
    needs = "degree 3 needs at least 4 points to train on, and there are 3"
    assert any(needs in a for a in alerts(at, "error"))
    at.sidebar.slider(key="degree").set_value(2).run()
    at = paste(at, "0,1\n1,2\n2,5\n")
    assert not at.exception and at.query_params["target"] == "data"
    assert at.sidebar.slider(key="degree").max == 2


def test_the_points_stay_through_lecture_mode_and_a_preset():
    at = paste(open_page(), PASTED)
    at.sidebar.toggle(key="lecture").set_value(True).run()
    assert not at.exception and len(drawn_points(at)) == 7  # the paste box is not drawn; the points stay
    at.sidebar.toggle(key="lecture").set_value(False).run()
    assert at.sidebar.text_area(key="data_text").value == PASTED
    at.sidebar.selectbox(key="preset").set_value("degree-4").run()  # a preset fits its own target…
    assert "your points" not in {t["name"] for t in page_figure(at)["data"]}
    at.sidebar.selectbox(key="target").set_value("data").run()  # …and the points come back without a paste
    assert not at.exception and len(drawn_points(at)) == 7


def test_a_link_with_points_draws_them_and_a_damaged_one_says_so():
    data = encode_points(points_of([1990, 2000, 2010, 2020], [1.0, 2.0, 2.5, 4.0]))
    at = open_page(target="data", data=data, degree="2", basis="legendre", lr="0.01")
    assert not at.exception
    np.testing.assert_allclose(drawn_points(at), [1990, 2000, 2010, 2020])
    damaged = open_page(target="data", data=data[:-4])
    assert not damaged.exception
    assert any("data: " in a and "Using the default target" in a for a in alerts(damaged, "warning"))
    assert "target" in {t["name"] for t in page_figure(damaged)["data"]}


def test_years_in_powers_of_x_offer_the_legendre_basis_in_one_click():
    data = encode_points(points_of(np.arange(1990.0, 2031.0), np.arange(41.0)))
    at = open_page(target="data", data=data, degree="2")
    assert any("Your x run from 1990 to 2030" in a for a in alerts(at, "warning"))
    at.button(key="use_basis").click().run()
    assert not at.exception and at.query_params["basis"] == "legendre"
    assert not any("Your x run from" in a for a in alerts(at))


def test_held_out_points_are_drawn_hollow_and_said():
    at = paste(open_page(), PASTED)
    at.sidebar.number_input(key="holdout").set_value(0.3).run()
    assert not at.exception
    assert len(decoded(trace(page_figure(at), "held-out points")["x"])) == 2 and len(drawn_points(at)) == 5
    assert any("2 of your 7 points (29%) are held out, drawn by seed 0" in a for a in alerts(at, "info"))


def test_a_pinned_run_on_more_points_than_a_link_carries_stays_on_the_page_but_out_of_the_link():
    many = "".join(f"{i / 100},{(i / 100) ** 2}\n" for i in range(300))
    at = paste(open_page(), many)
    at.button(key="pin_this").click().run()
    at.sidebar.selectbox(key="target").set_value("sin").run()
    assert not at.exception and "pin" not in at.query_params and "data" not in at.query_params
    assert any(t["name"].startswith("target 300 points") for t in page_figure(at)["data"])


def test_points_kept_under_another_target_are_said_to_be_kept_not_fitted():
    at = paste(open_page(), PASTED)
    at.sidebar.selectbox(key="target").set_value("cos").run()
    assert not any("The run fits them" in a for a in alerts(at))
    assert any("Your 7 points are kept" in a for a in alerts(at, "info"))


def test_too_few_points_left_by_a_held_out_fraction_say_so():
    at = paste(open_page(), PASTED)
    at.sidebar.slider(key="degree").set_value(2).run()
    at.sidebar.number_input(key="holdout").set_value(0.5).run()
    at = paste(at, "0,1\n1,2\n2,5\n3,4\n")
    assert any("degree 2 needs at least 3 points to train on, and 2 are left once 2 are held out" in a
               for a in alerts(at, "error"))


def test_a_taylor_view_in_a_link_of_points_is_said_once_and_turned_off():
    data = encode_points(points_of([0, 1, 2, 3], [1.0, 2.0, 2.5, 4.0]))
    at = open_page(target="data", data=data, degree="2", taylor="1")
    assert any("no Taylor polynomial" in a for a in alerts(at, "info")) and "taylor" not in at.query_params
    at.run()
    assert not any("no Taylor polynomial" in a for a in alerts(at))
