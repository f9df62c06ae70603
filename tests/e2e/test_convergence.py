"""Why it converges, in a browser: its section opened by a click, the eigenmode lines and the landscape's path
drawn, the landscape's own Play moving its point, the toggles above the chart clicked, and the chart's speed
control playing it."""
from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import DONE, OUTPUT, besides_lost_chart_timer
from tests.e2e.test_browser import PLOT, listen_to_animation, open_app

MODES = ".st-key-modes .js-plotly-plot"
LANDSCAPE = ".st-key-landscape .js-plotly-plot"
SECTION = "The eigenmodes, the loss landscape and the coefficient paths"  # the expander that opens it


def drawn_lines(page: Page, plot: str) -> int:
    """How many line traces of a chart have a drawn path (not an empty one)."""
    return page.evaluate("""(plot) => [
        ...document.querySelectorAll(plot + ' .scatterlayer .trace path.js-line')]
        .filter(p => (p.getAttribute('d') || '').length > 20).length""", plot)


def point_of(page: Page) -> str:
    """Where the landscape's "this step" marker is drawn (the last scatter trace's point)."""
    return page.evaluate("""(plot) => {
        const traces = document.querySelectorAll(plot + ' .scatterlayer .trace');
        const point = traces[traces.length - 1].querySelector('path.point');
        return point ? point.getAttribute('transform') : '';
    }""", LANDSCAPE)


def settled(page: Page) -> None:
    page.wait_for_timeout(400)
    page.wait_for_selector(DONE, timeout=60_000)
    page.wait_for_timeout(800)


def test_the_eigenmode_lines_and_the_landscapes_path_draw_and_its_point_walks(page: Page, app_url: str,
                                                                              console_errors: list[str]):
    open_app(page, app_url)
    expect(page.get_by_role("tab", name="Eigenmodes")).to_have_count(0)  # closed until clicked
    page.get_by_text(SECTION, exact=True).click()
    page.wait_for_function("() => location.search.includes('why=1')", timeout=30_000)
    page.get_by_role("tab", name="Eigenmodes").click()
    page.wait_for_selector(f"{MODES} .main-svg", timeout=30_000)
    page.locator(MODES).scroll_into_view_if_needed()
    assert drawn_lines(page, MODES) >= 8  # four modes, measured and predicted
    page.locator(MODES).screenshot(path=str(OUTPUT / "eigenmodes.png"))
    page.get_by_role("tab", name="Loss landscape").click()
    page.wait_for_selector(f"{LANDSCAPE} .main-svg", timeout=30_000)
    expect(page.locator(f"{LANDSCAPE} .contourlayer .contour")).to_have_count(1)
    assert drawn_lines(page, LANDSCAPE) >= 1  # the path
    last = point_of(page)
    page.locator(LANDSCAPE).locator(".updatemenu-button", has_text="Play").click()
    page.wait_for_timeout(1500)
    assert point_of(page) not in ("", last)  # it started over from the first frame and moved on
    page.locator(LANDSCAPE).screenshot(path=str(OUTPUT / "landscape.png"))
    assert besides_lost_chart_timer(console_errors) == []


def test_the_toggles_above_the_chart_and_its_speed_control(page: Page, app_url: str,
                                                           console_errors: list[str]):
    open_app(page, app_url)
    page.get_by_text("Taylor polynomial", exact=True).click()
    settled(page)
    expect(page.locator(f"{PLOT} .legendtext", has_text="Taylor at x = 0")).to_have_count(1)
    assert "taylor=1" in page.url
    page.locator(".st-key-view_axis button", has_text="log").click()
    settled(page)
    expect(page.locator(f"{PLOT} .x2title", has_text="log scale")).to_have_count(1)
    assert "axis=log" in page.url
    listen_to_animation(page)
    frames = {}
    for speed in ("slow", "fast"):
        page.locator(f"{PLOT} .updatemenu-button", has_text=f"▶ {speed}").click()
        page.wait_for_timeout(1500)  # no rerun: the browser alone plays it
        frames[speed] = page.evaluate("() => { const n = window.animatedFrames.length; "
                                      "window.animatedFrames = []; return n; }")
    assert 2 <= frames["slow"] <= 10 and frames["fast"] > 2 * frames["slow"], frames
    page.locator(PLOT).screenshot(path=str(OUTPUT / "taylor-log-axis.png"))
    assert besides_lost_chart_timer(console_errors, interrupted=True) == []  # fast interrupted slow


def test_a_clicked_tab_stays_open_in_the_other_language(page: Page, app_url: str, console_errors: list[str]):
    open_app(page, app_url, "?why=1")  # opened by the link
    page.get_by_role("tab", name="Coefficient paths").click()
    page.wait_for_selector(".st-key-paths_power .js-plotly-plot .main-svg", timeout=30_000)
    page.locator("[data-testid='stSidebar'] label").filter(has_text="한국어").click()
    settled(page)
    expect(page.get_by_role("tab", name="계수의 경로")).to_have_attribute("aria-selected", "true")
    page.wait_for_selector(".st-key-paths_power .js-plotly-plot .main-svg", timeout=30_000)
    assert page.locator(MODES).count() == 0  # the eigenmodes wait for their own tab
    assert besides_lost_chart_timer(console_errors) == []
