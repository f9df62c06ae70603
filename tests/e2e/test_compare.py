"""Compare runs in a browser: two runs pinned by clicking, Play animating the pinned polynomials with the
current one, and the table of the runs."""
from __future__ import annotations

from playwright.sync_api import Page, expect

from tests.e2e.conftest import DONE, OUTPUT, besides_lost_chart_timer
from tests.e2e.test_browser import PLOT, open_app, slider


def settled(page: Page) -> None:
    page.wait_for_timeout(400)
    page.wait_for_selector(DONE, timeout=60_000)
    page.wait_for_timeout(800)


def pinned_fits(page: Page) -> list[str]:
    """The drawn y of each pinned polynomial (the fit panel's lines in a pin's legend group)."""
    return page.evaluate("""() => {
        const plot = document.querySelector('.st-key-chart .js-plotly-plot');
        return plot.data.map((t, i) => [t, i]).filter(([t]) => (t.legendgroup || '').startsWith('pin')
                && t.mode === 'lines' && t.xaxis !== 'x2').map(([t]) => JSON.stringify(Array.from(t.y)));
    }""")


def test_two_runs_pinned_by_clicking_play_with_the_current_one(page: Page, app_url: str,
                                                               console_errors: list[str]):
    open_app(page, app_url)
    page.get_by_role("button", name="Pin this run").click()
    settled(page)
    slider(page, "Degree of the polynomial").press("ArrowLeft")  # degree 2
    settled(page)
    page.get_by_role("button", name="Pin this run").click()
    settled(page)
    slider(page, "Degree of the polynomial").press("ArrowLeft")  # degree 1
    settled(page)
    assert "pin=degree%3A3" in page.url and "pin=degree%3A2" in page.url
    expect(page.locator(f"{PLOT} .legendtext", has_text="degree 3")).to_have_count(1)
    expect(page.locator(f"{PLOT} .legendtext", has_text="degree 2")).to_have_count(1)
    expect(page.locator("[data-testid='stDataFrame']")).to_have_count(1)
    before = pinned_fits(page)
    assert len(before) == 2
    page.locator(f"{PLOT} .updatemenu-button", has_text="Play").click()
    page.wait_for_timeout(1200)
    during = pinned_fits(page)
    assert len(during) == 2 and all(b != d for b, d in zip(before, during))  # both moved with the frames
    page.locator(PLOT).screenshot(path=str(OUTPUT / "compare-two-pinned.png"))
    assert besides_lost_chart_timer(console_errors) == []
