"""A replica dies under a lecture: two replicas behind HAProxy (scripts/serve.sh), several pages in Chromium,
the replica serving one of them killed with SIGKILL. That page reconnects through HAProxy to the live replica
and draws its chart again with the same URL, within 30 seconds, and goes on answering."""
from __future__ import annotations

import os
import signal

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import DONE
from tests.e2e.test_browser import PLOT, slider
from tests.load.hall import serve, stop

COOKIE = "PLAYGROUND_REPLICA"
LINKS = ["?degree=2&seed=1", "?degree=4&lr=1e-7", "?degree=5&basis=legendre&lr=1e-3", "?degree=3&seed=9"]


@pytest.fixture(scope="module")
def hall(chromium: str, haproxy):
    served = serve(2)
    try:
        yield served
    finally:
        stop(served)


def replica_of(page: Page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == COOKIE)


def title_of(page: Page) -> str:
    return page.locator(f"{PLOT} .gtitle").first.text_content()


def test_a_page_on_a_killed_replica_comes_back_with_its_settings(browser: Browser, hall):
    pages = []
    for link in LINKS:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"http://127.0.0.1:{hall.port}/{link}")
        page.wait_for_selector(f"{PLOT} .main-svg", timeout=90_000)
        pages.append(page)
    on = {replica_of(p) for p in pages}
    assert on == {"r1", "r2"}, on  # the hall is spread over both
    victim = pages[0]
    dead = replica_of(victim)
    url, title = victim.url, title_of(victim)
    victim.evaluate("() => { window.drawnBeforeTheKill = true; }")
    os.kill(hall.replicas[dead], signal.SIGKILL)
    # The page notices (its connection state leaves CONNECTED), reconnects through HAProxy to the live replica
    # and reloads its link there (components/ui/reconnect.py): a new document, drawn afresh.
    victim.wait_for_function("() => !window.drawnBeforeTheKill", timeout=30_000)
    victim.wait_for_selector(DONE, timeout=30_000)
    expect(victim.locator(f"{PLOT} .main-svg").first).to_be_visible(timeout=30_000)
    assert replica_of(victim) != dead and victim.url == url and title_of(victim) == title
    # And it answers there: one more degree, from the slider.
    slider(victim, "Degree of the polynomial").focus()
    victim.keyboard.press("ArrowRight")
    expect(victim.locator(f"{PLOT} .gtitle").filter(has_text="Degree 3 ")).to_have_count(1, timeout=30_000)
    for page in pages[1:]:
        assert page.locator("[data-testid='stException']").count() == 0
