"""Inside one step, in a browser: the four stages stepped by clicks, the highlight moving in the graph and in
the code, the numbers changing with the step, the step in the link, in normal and lecture mode; the section
opened by a click (inside=1 in the link) and closed again."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import DONE, OUTPUT, besides_lost_chart_timer
from tests.e2e.test_browser import open_app

PANEL_TITLE = "Inside one step"
SECTION = "The graph, the code and the numbers of one step"  # the expander that opens it
GRAPH = "[data-testid='stGraphVizChart'] svg"
CODE_NOW = ".step-code span.now"
HIGHLIGHT = "#ffd54f"
# What each stage lights up: in the graph (first line of each node) and in the code.
EXPECTED = {
    "forward": ({"AddBackward0", "MulBackward0"}, "y_pred = a + b * x"),
    "loss": ({"SubBackward0", "PowBackward0", "SumBackward0"}, "loss = (y_pred - y).pow(2).sum()"),
    "backward": ({"AccumulateGrad", "AddBackward0", "MulBackward0", "SubBackward0", "PowBackward0",
                  "SumBackward0"}, "loss.backward()"),
    "update": ({"AccumulateGrad"}, "w -= learning_rate * w.grad"),
}


def settled(page: Page) -> None:
    page.wait_for_timeout(400)
    page.wait_for_selector(DONE, timeout=60_000)
    page.wait_for_selector(GRAPH, timeout=30_000)
    page.wait_for_timeout(600)  # the graph is laid out in the browser


def lit_graph_nodes(page: Page) -> set[str]:
    """The first text line of every graph node filled with the highlight colour."""
    return set(page.evaluate("""(colour) => [...document.querySelectorAll(
            "[data-testid='stGraphVizChart'] g.node")]
        .filter(g => [...g.querySelectorAll('path, polygon')].some(s => (s.getAttribute('fill') || '')
                     .toLowerCase() === colour))
        .map(g => g.querySelector('text').textContent.trim())""", HIGHLIGHT))


def lit_code(page: Page) -> str:
    return "\n".join(page.locator(CODE_NOW).all_text_contents())


def table_column(page: Page, header: str) -> list[str]:
    """One column of the step's table, by its header's text."""
    return page.evaluate("""(header) => {
        const table = [...document.querySelectorAll("[data-testid='stTable'] table")].pop();
        const heads = [...table.querySelectorAll('thead th')].map(th => th.textContent.trim());
        const i = heads.indexOf(header);
        return [...table.querySelectorAll('tbody tr')].map(tr => tr.children[i].textContent.trim());
    }""", header)


def click(page: Page, label: str) -> None:
    page.get_by_role("button", name=label).click()
    settled(page)


def open_panel(page: Page, url: str, query: str = "") -> None:
    """The page, and its section inside one step opened by a click on it (it is in the link then)."""
    open_app(page, url, query)
    page.get_by_text(PANEL_TITLE, exact=True).scroll_into_view_if_needed()
    assert page.locator(GRAPH).count() == 0  # closed until clicked: nothing of it built
    page.get_by_text(SECTION, exact=True).click()
    settled(page)
    page.wait_for_function("() => location.search.includes('inside=1')", timeout=10_000)


@pytest.mark.parametrize("mode", ["normal", "lecture"])
def test_the_stages_move_the_highlight_and_the_next_step_starts_where_the_update_left(
        page: Page, app_url: str, console_errors, mode: str):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_panel(page, app_url, "?mode=lecture" if mode == "lecture" else "")
    for stage, (nodes, line) in EXPECTED.items():
        assert lit_graph_nodes(page) == nodes, stage
        assert line in lit_code(page), stage
        page.locator(CODE_NOW).first.scroll_into_view_if_needed()
        page.screenshot(path=str(OUTPUT / f"step-{stage}-{mode}.png"))
        if stage == "update":
            after = table_column(page, "value after the update")
            assert "a = " in page.locator(GRAPH).text_content() and "→" in page.locator(GRAPH).text_content()
        click(page, "Next stage ▶")
    # Past the update comes the next step's forward pass: its values are the update's results.
    assert lit_graph_nodes(page) == EXPECTED["forward"][0]
    assert table_column(page, "value at step 1") == after
    expect(page.get_by_text("Forward pass: with step 1's coefficients")).to_be_visible()
    page.wait_for_function("() => location.search.includes('step=1')", timeout=10_000)
    assert page.locator("[data-testid='stException']").count() == 0
    assert not besides_lost_chart_timer(console_errors)  # lecture autoplay's known noise (see conftest)


def test_a_typed_step_and_next_step_change_the_numbers_and_the_link(page: Page, app_url: str, console_errors):
    open_panel(page, app_url, "?degree=4&optimizer=momentum&lr=1e-7")
    box = page.get_by_role("spinbutton", name="Step inspected")
    box.fill("25")
    box.press("Enter")
    settled(page)
    page.wait_for_function("() => location.search.includes('step=25')", timeout=10_000)
    expect(page.get_by_text("value at step 25")).to_be_visible()
    grads = table_column(page, ".grad (loss.backward())")
    velocity = table_column(page, "v after: β·v + grad")
    click(page, "Next step ▶▶")
    expect(page.get_by_text("value at step 26")).to_be_visible()
    assert table_column(page, "velocity v before") == velocity  # the state carried over from step 25
    assert table_column(page, ".grad (loss.backward())") != grads
    assert len(grads) == 5 and all(re.fullmatch(r"−?[\d.]+(×10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?", g) for g in grads)
    page.wait_for_function("() => location.search.includes('step=26')", timeout=10_000)
    page.get_by_text(SECTION, exact=True).click()  # closed: the step stays in the link, the section goes
    page.wait_for_function("() => !location.search.includes('inside=')", timeout=10_000)
    page.wait_for_selector(DONE, timeout=60_000)
    expect(page.locator(GRAPH)).to_have_count(0)
    assert "step=26" in page.url
    assert not console_errors


def test_degree_15_draws_a_readable_graph_with_its_box(page: Page, app_url: str, console_errors):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_panel(page, app_url, "?degree=15&basis=legendre&lr=1e-3&step=4")
    svg = page.locator(GRAPH)
    expect(svg).to_contain_text("12 more terms, d … c14")
    box, column = svg.bounding_box(), page.locator("[data-testid='stGraphVizChart']").bounding_box()
    assert box["width"] <= column["width"] + 1 and box["height"] < 1000  # in its column, under a screen high
    page.locator(GRAPH).scroll_into_view_if_needed()
    page.screenshot(path=str(OUTPUT / "step-degree-15.png"))
    assert not console_errors
