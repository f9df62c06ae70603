"""What a newcomer meets in a browser: lecture mode and back, crafted links, labels that fit, the chart's own
words.

Each test drives the real app in Chromium the way a person does (clicks, keys, links) and looks at
what the page shows, not at what the server meant to send.
"""
from __future__ import annotations

import re
from urllib.parse import quote

import pytest
from playwright.sync_api import Page, expect

from components.state.i18n import text
from components.state.presets import PRESETS
from components.state.settings import FIELDS
from components.ui.controls import ADVANCED
from tests.e2e.conftest import DONE, OUTPUT, besides_lost_chart_timer
from tests.e2e.test_browser import PLOT, open_app, slider

ALERT = ".page-alert"
SIDEBAR = "[data-testid='stSidebar']"


def rerun_done(page: Page) -> None:
    page.wait_for_timeout(300)  # the rerun a click starts
    page.wait_for_selector(DONE, timeout=60_000)


def open_sidebar(page: Page) -> None:
    """Unfold the sidebar if it is folded away (lecture mode folds it)."""
    unfold = page.locator("[data-testid='stExpandSidebarButton'], "
                          "[data-testid='stSidebarCollapsedControl'] button")
    if unfold.count() and unfold.first.is_visible():
        unfold.first.click()
        page.wait_for_timeout(800)


def click_toggle(page: Page, label: str) -> None:
    open_sidebar(page)
    page.locator(f"{SIDEBAR} [data-testid='stCheckbox'], {SIDEBAR} [data-testid='stToggle']").filter(
        has_text=label).first.locator("label").click()
    rerun_done(page)


def open_advanced(page: Page) -> None:
    page.locator(f"{SIDEBAR} [data-testid='stExpander'] summary").click()
    rerun_done(page)


def choose(page: Page, label: str, option: str) -> None:
    """Pick an option of a sidebar select box, as a person does: open it, click the option."""
    open_sidebar(page)
    box = page.locator(f"{SIDEBAR} input[role='combobox'][aria-label='{label}']")
    box.scroll_into_view_if_needed()
    page.wait_for_timeout(300)  # an expander that just opened is still sliding
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    rerun_done(page)


def link_shows(page: Page, present: tuple[str, ...] = (), absent: tuple[str, ...] = ()) -> None:
    """Wait until the address bar's query holds every `present` part and no `absent` one (a rerun writes
    it)."""
    page.wait_for_function("([present, absent]) => present.every(p => location.search.includes(p)) && "
                           "absent.every(a => !location.search.includes(a))",
                           arg=[list(present), list(absent)], timeout=30_000)


def exceptions(page: Page) -> int:
    return page.locator("[data-testid='stException']").count()


def test_lecture_mode_on_then_sliders_presets_and_off_keeps_the_page_and_every_setting(
        page: Page, app_url: str, console_errors):
    open_app(page, app_url, "?optimizer=momentum&beta=0.5&basis=legendre&lr=2e-4&seed=7")
    click_toggle(page, "Lecture mode")
    open_sidebar(page)
    degree = slider(page, "Degree of the polynomial")
    degree.focus()
    page.keyboard.press("ArrowRight")
    rerun_done(page)
    assert exceptions(page) == 0 and "This app has encountered an error" not in page.content()
    expect(page.locator(f"{PLOT} .main-svg").first).to_be_visible()
    link_shows(page, ("degree=4", "optimizer=momentum", "beta=0.5", "seed=7", "mode=lecture"))
    choose(page, "Preset", "Same step, degree 4")
    link_shows(page, ("degree=4", "mode=lecture"), ("optimizer",))
    assert exceptions(page) == 0
    choose(page, "Preset", "Momentum vs plain GD")
    click_toggle(page, "Lecture mode")
    link_shows(page, ("optimizer=momentum",), ("mode=lecture",))
    assert exceptions(page) == 0
    open_advanced(page)
    expect(page.locator(f"{SIDEBAR} input[aria-label='Optimizer']")).to_have_value("heavy-ball momentum")
    expect(page.locator(f"{SIDEBAR} input[aria-label='Momentum β']")).to_have_value("0.9")
    assert besides_lost_chart_timer(console_errors) == []  # tests/e2e/conftest.py says why


def test_the_advanced_settings_stay_open_through_presets_and_a_long_run(page: Page, app_url: str):
    open_app(page, app_url)
    open_advanced(page)
    expander = page.locator(f"{SIDEBAR} [data-testid='stExpander']")
    expect(expander.locator("details")).to_have_attribute("open", "")
    choose(page, "Preset", "Same step, degree 4")
    choose(page, "Preset", "The tutorial")
    degree = slider(page, "Degree of the polynomial")
    degree.focus()
    page.keyboard.press("ArrowRight")
    rerun_done(page)
    expect(expander.locator("details")).to_have_attribute("open", "")
    # A run long enough to watch: the sidebar shows one Advanced all along, open.
    choose(page, "Computation", "step-by-step autograd")
    steps = slider(page, "Training steps")
    steps.focus()
    page.keyboard.press("End")  # a million steps of step-by-step autograd: the run takes seconds
    page.wait_for_timeout(1500)
    assert page.locator(f"{SIDEBAR} [data-testid='stExpander']").count() == 1
    rerun_done(page)
    assert expander.count() == 1
    expect(expander.locator("details")).to_have_attribute("open", "")


def test_the_code_is_drawn_once_opened_and_stays_open_through_a_language_and_lecture_mode(
        page: Page, app_url: str):
    open_app(page, app_url)
    code = page.locator("[data-testid='stMain'] [data-testid='stExpander']").filter(
        has_text=text("en", "exports.code"))
    assert page.locator("[data-testid='stCode']").count() == 0  # closed: not sent
    code.locator("summary").click()
    rerun_done(page)
    expect(page.locator("[data-testid='stCode']")).to_contain_text("requires_grad")
    page.locator(SIDEBAR).get_by_text("한국어").click()
    rerun_done(page)
    opened = page.locator("[data-testid='stMain'] [data-testid='stExpander'] details").filter(
        has_text=text("ko", "exports.code"))
    expect(opened).to_have_attribute("open", "")
    click_toggle(page, text("ko", "sidebar.lecture"))
    expect(opened).to_have_attribute("open", "")
    expect(page.locator("[data-testid='stCode']")).to_contain_text("requires_grad")
    opened.locator("summary").click()
    rerun_done(page)
    assert page.locator("[data-testid='stCode']").count() == 0


def test_the_lower_sections_open_on_a_click_and_stay_open_through_a_language_lecture_mode_and_a_preset(
        page: Page, app_url: str, console_errors):
    open_app(page, app_url)
    graph, modes = "[data-testid='stGraphVizChart'] svg", ".st-key-modes .js-plotly-plot .main-svg"
    assert page.locator(graph).count() == 0 and page.locator(modes).count() == 0  # closed: not sent
    for label in (text("en", "step.open"), text("en", "why.open")):
        page.get_by_text(label, exact=True).click()
        rerun_done(page)
    link_shows(page, ("inside=1", "why=1"))
    page.wait_for_selector(graph, timeout=30_000)
    page.wait_for_selector(modes, timeout=30_000)
    page.locator(SIDEBAR).get_by_text("한국어").click()
    rerun_done(page)
    click_toggle(page, text("ko", "sidebar.lecture"))
    choose(page, text("ko", "sidebar.preset"), PRESETS[1].name.in_("ko"))
    degree = slider(page, text("ko", "label.degree"))
    degree.focus()
    page.keyboard.press("ArrowLeft")
    rerun_done(page)
    link_shows(page, ("inside=1", "why=1", "lang=ko", "mode=lecture"))
    for label in (text("ko", "step.open"), text("ko", "why.open")):
        expect(page.locator("[data-testid='stExpander'] details").filter(has_text=label)).to_have_attribute(
            "open", "")
    page.wait_for_selector(graph, timeout=30_000)
    page.wait_for_selector(modes, timeout=30_000)
    page.locator(graph).scroll_into_view_if_needed()
    page.screenshot(path=str(OUTPUT / "sections-open-lecture-ko.png"))
    click_toggle(page, text("ko", "sidebar.lecture"))
    page.get_by_text(text("ko", "why.open"), exact=True).click()  # closed again: gone, and out of the link
    rerun_done(page)
    link_shows(page, ("inside=1",), ("why=",))
    expect(page.locator(modes)).to_have_count(0)
    assert exceptions(page) == 0 and besides_lost_chart_timer(console_errors) == []


CRAFTED = {  # Markdown and Streamlit markup in values and in a key, each a way to dress up a warning
    "degree": "[click](https://example.invalid)",
    "lr": "**bold** and _emphasis_",
    "steps": ":red[red] :material_home: :streamlit: -> <-",
    "seed": "$x^2$ `code`",
    "`key`": "1",
    "expr": "[sin](https://x.invalid)*x",
    "target": "expr",
}


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_a_crafted_link_shows_its_text_literally_inside_the_messages(page: Page, app_url: str, lang: str):
    query = "?" + "&".join(f"{quote(k)}={quote(v)}" for k, v in CRAFTED.items()) + f"&lang={lang}"
    open_app(page, app_url, query)
    alerts = page.locator(ALERT)
    expect(alerts.first).to_be_visible()
    shown = "\n".join(alerts.all_inner_texts())
    for value in ("[click](https://example.invalid)", "**bold** and _emphasis_", ":red[red] :material_home:",
                  "$x^2$ `code`", "`key`", "[sin](https://x.invalid)*x"):
        assert value in shown, value
    inside = page.locator(f"{ALERT} a, {ALERT} strong, {ALERT} em, {ALERT} code, {ALERT} span, {ALERT} img, "
                          f"{ALERT} .katex, [data-testid='stAlert']")
    assert inside.count() == 0
    assert page.locator("a[href*='.invalid']").count() == 0


def test_the_formula_help_shows_the_formula_whole_and_the_formula_works(page: Page, app_url: str):
    open_app(page, app_url)
    open_advanced(page)
    box = page.locator(f"{SIDEBAR} [data-testid='stTextInput']")
    box.locator("[data-testid='stTooltipIcon'], [data-testid='stTooltipHoverTarget']").first.hover()
    tooltip = page.locator("[data-testid='stTooltipContent']")
    expect(tooltip).to_contain_text("sin(3*x) + 0.5*x")
    expect(tooltip).to_contain_text("+ - * / **")
    field = box.locator("input")
    field.fill("sin(3*x) + 0.5*x")
    field.press("Enter")
    rerun_done(page)
    assert page.locator(ALERT).filter(has_text="not allowed").count() == 0
    # typing chose it as the target
    expect(page.locator(f"{PLOT} .gtitle")).to_contain_text("sin(3*x) + 0.5*x")
    expect(page.locator(f"{SIDEBAR} input[aria-label='Target function']")).to_have_value(
        "your own formula (below)")


def select_labels(lang: str) -> dict[str, list[str]]:
    labels = {text(lang, f"label.{name}"): [text(lang, f"choice.{name}.{c}") for c in FIELDS[name].choices]
              for name in ADVANCED if FIELDS[name].choices}
    labels[text(lang, "sidebar.preset")] = ([p.name.in_(lang) for p in PRESETS]
                                            + [text(lang, "sidebar.preset_placeholder")])
    return labels


TOO_NARROW = """(labels) => {
  const out = [], canvas = document.createElement('canvas').getContext('2d');
  for (const input of document.querySelectorAll("[data-testid='stSidebar'] input[role='combobox']")) {
    const style = getComputedStyle(input);
    canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = input.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    for (const choice of labels[input.getAttribute('aria-label')] || [input.value])
      if (canvas.measureText(choice).width > room) out.push(input.getAttribute('aria-label') + ': ' + choice);
  }
  for (const e of document.querySelectorAll("[data-testid='stDownloadButton'] button, \
[data-testid='stMetric'] *"))
    if (e.scrollWidth > e.clientWidth + 1 && e.innerText.trim()) out.push(e.innerText.trim());
  return out;
}"""


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_no_label_is_cut_short_at_1280_pixels(page: Page, app_url: str, lang: str):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_app(page, app_url, f"?lang={lang}&steps=100000")  # closed form: the longest figures
    open_advanced(page)
    assert page.evaluate(TOO_NARROW, select_labels(lang)) == []
    page.locator("[data-testid='stDownloadButton']").first.scroll_into_view_if_needed()
    page.screenshot(path=OUTPUT / f"downloads-1280-{lang}.png")


TITLES_INSIDE = """() => {
  const plot = document.querySelector('.st-key-chart .js-plotly-plot'), frame = plot.getBoundingClientRect();
  const boxes = [...plot.querySelectorAll('.g-gtitle text, .annotation-text')].map(t => \
t.getBoundingClientRect());
  const clipped = boxes.filter(b => b.left < frame.left - 1 || b.right > frame.right + 1);
  const panels = [...plot.querySelectorAll('.annotation-text')].slice(0, 2).map(t => \
t.getBoundingClientRect());
  return {count: boxes.length, clipped: clipped.length,
          overlap: panels.length === 2 && panels[0].right > panels[1].left};
}"""


@pytest.mark.parametrize("width", [1024, 1280, 1920])
@pytest.mark.parametrize("sidebar", ["closed", "open"])
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_lecture_titles_never_clip(page: Page, app_url: str, width: int, sidebar: str, lang: str):
    page.set_viewport_size({"width": width, "height": 900})
    open_app(page, app_url, f"?mode=lecture&degree=4&lang={lang}&target=runge")  # a long title, and diverged
    if sidebar == "open":
        open_sidebar(page)
    layout = page.evaluate(TITLES_INSIDE)
    assert layout["count"] >= 4 and layout["clipped"] == 0 and not layout["overlap"], layout
    if width == 1280 and sidebar == "open":
        page.screenshot(path=OUTPUT / f"lecture-1280-sidebar-{lang}.png")


def test_degree_4_playing_shows_where_the_fit_went(page: Page, app_url: str):
    page.set_viewport_size({"width": 1280, "height": 800})
    open_app(page, app_url, "?degree=4")
    page.locator(f"{PLOT} .updatemenu-button").filter(has_text="Play").click()
    page.wait_for_timeout(900)  # mid-animation
    shown = page.evaluate("""() => {
        const plot = document.querySelector('.st-key-chart .js-plotly-plot');
        const edges = plot.data.map((t, i) => [t, i]).filter(([t]) => t.name === 'fit off the chart');
        return edges.map(([t]) => ({x: t.x.length, text: t.text ? Array.from(t.text) : []}));
    }""")
    assert any(edge["x"] == 1 and re.fullmatch(r"−?[\d.]+(×10[⁰-⁹⁻]+)?", edge["text"][0])
               for edge in shown), shown
    # Drawn, not only in the data: the marker's value is on the page inside the fit panel.
    values = page.locator(f"{PLOT} .scatterlayer .textpoint text")
    assert any("×10" in t for t in values.all_text_contents())
    page.screenshot(path=OUTPUT / "degree-4-playing.png")


def test_each_frame_shows_the_equation_of_its_own_polynomial(page: Page, app_url: str):
    open_app(page, app_url)
    rail = page.locator(f"{PLOT} .slider-rail-touch-rect").bounding_box()
    page.mouse.click(rail["x"] + rail["width"] * 0.3, rail["y"] + rail["height"] / 2)
    page.wait_for_timeout(500)
    frame = page.evaluate("""() => {
        const plot = document.querySelector('.st-key-chart .js-plotly-plot');
        const active = plot.layout.sliders[0].active, frame = plot._transitionData._frames[active];
        const equation = plot.data.findIndex(t => t.name === 'equation');
        return {name: frame.name, wanted: frame.data[frame.traces.indexOf(equation)].text[0],
                last: plot._transitionData._frames.at(-1).data[frame.traces.indexOf(equation)].text[0]};
    }""")
    drawn = page.locator(f"{PLOT} .scatterlayer .textpoint text").filter(has_text="y =")
    expect(drawn).to_have_count(1)
    assert drawn.text_content().replace("\u00a0", " ") == frame["wanted"].replace("<br>", "")
    assert frame["wanted"] != frame["last"]  # scrubbing changed the equation the chart says
    label = page.locator(f"{PLOT} .slider-group > .slider-label")
    expect(label).to_have_text(f"step {frame['name']} of 2,000")


def test_lecture_mode_enlarges_the_notes_the_figures_and_the_equation(page: Page, app_url: str):
    sizes = {}
    for mode in ("normal", "lecture"):
        open_app(page, app_url, f"?mode={mode}&degree=4")
        sizes[mode] = page.evaluate("""() => Object.fromEntries([
            ['note', '.page-alert'], ['figure', "[data-testid='stMetricValue']"], ['equation', \
'.katex-display']
        ].map(([name, selector]) => [name, \
parseFloat(getComputedStyle(document.querySelector(selector)).fontSize)]))""")
    for name in ("note", "figure", "equation"):
        assert sizes["lecture"][name] >= 1.15 * sizes["normal"][name], (name, sizes)
    # And the equation of the frame on screen sits in the chart itself, above the fold of a 1920×1080
    # projector.
    page.set_viewport_size({"width": 1920, "height": 1080})
    page.wait_for_timeout(500)
    box = page.locator(f"{PLOT} .scatterlayer .textpoint text").filter(has_text="y =").bounding_box()
    assert box and box["y"] + box["height"] < 1080
