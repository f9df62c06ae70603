"""The app as a person sees it, in Chromium: the chart plays, the sliders re-train, links restore views."""
from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from components.engine.training import FRAME_COUNT
from tests.e2e.conftest import DONE, OUTPUT

PLOT = ".st-key-chart .js-plotly-plot"  # the animated chart (the step panel draws a figure of its own)
EQUATION = "annotation[encoding='application/x-tex']"  # KaTeX keeps the LaTeX source here


def open_app(page: Page, url: str, query: str = "") -> None:
    page.goto(f"{url}/{query}")
    page.wait_for_selector(DONE, timeout=60_000)
    page.wait_for_selector(f"{PLOT} .main-svg", timeout=60_000)


def listen_to_animation(page: Page) -> None:
    """Record every frame Plotly animates, and when an animation ends."""
    page.evaluate("""() => {
        const plot = document.querySelector('.st-key-chart .js-plotly-plot');
        window.animatedFrames = []; window.animationEnded = false;
        plot.on('plotly_animatingframe', (event) => window.animatedFrames.push(event.name));
        plot.on('plotly_animated', () => { window.animationEnded = true; });
    }""")


def frame_names(page: Page) -> list[str]:
    return page.evaluate("() => document.querySelector('.st-key-chart .js-plotly-plot')"
                         "._transitionData._frames.map(f => f.name)")


def plotly_button(page: Page, label: str):
    return page.locator(f"{PLOT} .updatemenu-button").filter(has_text=label)


def slider(page: Page, label: str):
    """A sidebar slider: an <input type=range> whose aria-valuetext is the value shown."""
    return page.locator(f"input[type='range'][aria-label='{label}']")


def equation(page: Page) -> str:
    return page.locator(EQUATION).first.text_content()


def test_default_page_shows_the_chart_and_the_equation_without_errors(page: Page, app_url: str,
                                                                      console_errors):
    open_app(page, app_url)
    expect(page.locator(PLOT)).to_be_visible()
    assert page.locator(f"{PLOT} .scatterlayer .trace").count() >= 4
    assert re.fullmatch(r"y = .*x\^\{3\}", equation(page))
    assert page.locator("[data-testid='stException']").count() == 0
    assert console_errors == []


def test_play_runs_the_animation_through_every_frame(page: Page, app_url: str):
    open_app(page, app_url)
    listen_to_animation(page)
    names = frame_names(page)
    plotly_button(page, "Play").click()
    page.wait_for_function("() => window.animationEnded", timeout=60_000)
    played = page.evaluate("() => window.animatedFrames")
    assert played == names and played[-1] == "2000"
    expect(page.locator(f"{PLOT} .slider-group > .slider-label")).to_have_text("step 2000 of 2,000")


def test_pause_stops_the_animation_midway(page: Page, app_url: str):
    open_app(page, app_url)
    listen_to_animation(page)
    total = len(frame_names(page))
    plotly_button(page, "Play").click()
    page.wait_for_function("() => window.animatedFrames.length >= 20", timeout=30_000)
    plotly_button(page, "Pause").click()
    stopped_at = page.evaluate("() => window.animatedFrames.length")
    page.wait_for_timeout(1500)
    after = page.evaluate("() => window.animatedFrames.length")
    assert after <= stopped_at + 1 < total


def test_the_frame_slider_shows_the_fit_of_the_chosen_step(page: Page, app_url: str):
    open_app(page, app_url)
    rail = page.locator(f"{PLOT} .slider-rail-touch-rect").bounding_box()
    page.mouse.click(rail["x"] + rail["width"] / 2, rail["y"] + rail["height"] / 2)
    page.wait_for_timeout(500)
    shown = page.evaluate("""() => {
        const plot = document.querySelector('.st-key-chart .js-plotly-plot');
        const active = plot.layout.sliders[0].active;
        const frame = plot._transitionData._frames[active];
        const fit = plot.data.findIndex(t => t.name === 'fit');
        const y = frame.data[frame.traces.indexOf(fit)].y;
        return {active, name: frame.name, count: plot._transitionData._frames.length,
                same: JSON.stringify(Array.from(plot.data[fit].y)) === JSON.stringify(Array.from(y))};
    }""")
    assert 0.3 * shown["count"] < shown["active"] < 0.7 * shown["count"]
    assert shown["same"]
    label = page.locator(f"{PLOT} .slider-group > .slider-label")
    expect(label).to_have_text(f"step {shown['name']} of 2,000")


def test_moving_the_degree_slider_with_the_keyboard_retrains(page: Page, app_url: str):
    open_app(page, app_url)
    degree = slider(page, "Degree of the polynomial")
    degree.focus()
    page.keyboard.press("ArrowRight")
    expect(page.locator(EQUATION).first).to_contain_text("x^{4}", timeout=30_000)
    page.wait_for_selector(DONE)
    assert "degree=4" in page.url
    assert degree.get_attribute("aria-valuetext") == "4"


def test_a_link_restores_its_settings_and_view(page: Page, app_url: str):
    open_app(page, app_url, "?degree=5&lr=2e-7&steps=5000&basis=scaled")
    assert slider(page, "Degree of the polynomial").get_attribute("aria-valuetext") == "5"
    assert slider(page, "Learning rate").get_attribute("aria-valuetext") == "2e-7"
    assert slider(page, "Training steps").get_attribute("aria-valuetext") == "5,000"
    assert "x^{5}" in equation(page)
    assert frame_names(page)[-1] == "5000"


def test_a_learning_rate_past_the_bound_shows_the_divergence_note_and_still_draws(page: Page, app_url: str):
    open_app(page, app_url, "?lr=1e-2")
    expect(page.get_by_text(re.compile(r"The run diverged at step \d+"))).to_be_visible()
    expect(page.get_by_text("above the largest stable one")).to_be_visible()
    assert page.locator(f"{PLOT} .scatterlayer .trace").count() >= 4


def test_a_bad_url_value_shows_its_message_and_the_page_still_works(page: Page, app_url: str, console_errors):
    open_app(page, app_url, "?degree=abc&steps=5000")
    expect(page.get_by_text("degree: 'abc' is not allowed; "
                            "allowed: a whole number from 1 to 15.")).to_be_visible()
    assert "x^{3}" in equation(page) and frame_names(page)[-1] == "5000"
    assert page.locator("[data-testid='stException']").count() == 0 and console_errors == []


@pytest.mark.parametrize("width, height", [(1280, 720), (1920, 1080)])
def test_screenshots_before_and_after_play(page: Page, app_url: str, width: int, height: int):
    page.set_viewport_size({"width": width, "height": height})
    open_app(page, app_url)
    page.wait_for_timeout(500)
    before = OUTPUT / f"app-{width}x{height}-before-play.png"
    page.screenshot(path=before)
    listen_to_animation(page)
    plotly_button(page, "Play").click()
    page.wait_for_function("() => window.animatedFrames.length >= 40", timeout=30_000)
    after = OUTPUT / f"app-{width}x{height}-playing.png"
    page.screenshot(path=after)
    assert before.stat().st_size > 20_000 and after.stat().st_size > 20_000


def test_lecture_mode_starts_the_animation_by_itself(page: Page, app_url: str):
    page.set_viewport_size({"width": 1920, "height": 1080})
    open_app(page, app_url, "?mode=lecture&degree=4&lr=2e-7")
    # Nobody presses Play: the slider must leave its last frame and then move on by itself.
    active = "document.querySelector('.st-key-chart .js-plotly-plot').layout.sliders[0].active"
    frames = "document.querySelector('.st-key-chart .js-plotly-plot')._transitionData._frames.length"
    page.wait_for_function(f"() => {active} < {frames} - 1", timeout=30_000)
    first = page.evaluate(f"() => {active}")
    page.wait_for_timeout(1500)
    later = page.evaluate(f"() => {active}")
    assert later > first
    # three main sliders
    assert page.locator("[data-testid='stSidebar'] [data-testid='stExpander']").count() == 0
    page.screenshot(path=OUTPUT / "lecture-1920x1080-en.png")


def test_a_download_does_not_rerun_the_page(page: Page, app_url: str):
    open_app(page, app_url)
    page.evaluate("""() => {
        const app = document.querySelector("[data-testid='stApp']");
        window.reruns = 0;
        new MutationObserver(() => {
            if (app.getAttribute('data-test-script-state') === 'running') window.reruns++;
        }).observe(app, {attributes: true});
    }""")
    button = page.locator("[data-testid='stDownloadButton'] button").filter(has_text="Loss at every step")
    with page.expect_download() as download:
        button.click()
    lines = open(download.value.path()).read().splitlines()
    assert lines[0] == "step,loss" and len(lines) == 2002
    page.wait_for_timeout(1000)
    assert page.evaluate("() => window.reruns") == 0


def test_downloads_hold_the_whole_run_and_its_animation(page: Page, app_url: str, console_errors):
    # The figure is rebuilt when the download asks for it, in the server's request thread: from
    # the run the button kept, every frame of it.
    open_app(page, app_url, "?steps=20000&seed=5")
    buttons = page.locator("[data-testid='stDownloadButton'] button")
    with page.expect_download() as download:
        buttons.filter(has_text="Loss at every step").click()
    lines = open(download.value.path()).read().splitlines()
    assert lines[0] == "step,loss" and len(lines) == 20_002
    with page.expect_download() as download:
        buttons.filter(has_text="Animation (HTML").click()
    html = open(download.value.path(), encoding="utf-8").read()
    frames = json.loads(re.search(r"Plotly\.addFrames\('[^']*', (.*?)\);\n", html, re.DOTALL).group(1))
    assert len(frames) == FRAME_COUNT and frames[-1]["name"] == "20000"  # this run's animation, every frame
    assert console_errors == []
