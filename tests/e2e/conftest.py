"""Browser tests: the real app in Debian's Chromium, driven by Playwright.

A session fixture starts `streamlit run app.py` on a free loopback port. Without Chromium the
tests skip with one line saying how to get it, except in CI (the CI variable set), where a
missing browser is a failure.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.app_server import BROWSER_ARGS, CHROMIUM, MISSING, ROOT, start_server, stop_server

OUTPUT = ROOT / "test-output" / "screenshots"
DONE = "[data-testid='stApp'][data-test-script-state='notRunning']"


@pytest.fixture(scope="session")
def chromium() -> str:
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    return CHROMIUM


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, chromium: str) -> dict:
    return {**browser_type_launch_args, "executable_path": chromium, "args": BROWSER_ARGS}


@pytest.fixture(scope="session")
def app_url(chromium: str) -> str:
    """A running app on 127.0.0.1, stopped at the end of the session."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    server, url = start_server(OUTPUT.parent / "streamlit.log")
    try:
        yield url
    finally:
        stop_server(server)


# A rerun that replaces a chart still playing by itself leaves plotly's animation timer writing into the
# chart it lost: one page error per frame left, reading `_currentFrame` of a purged chart, or calling its
# removed `emit` (which of the two depends on how far the purge got). The page goes on working.
LOST_CHART_TIMER = ("_currentFrame", "e.emit is not a function")
# An animation that another one interrupts (a speed chosen while the chart plays) rejects its promise with
# nothing, and plotly's own buttons leave the rejection unhandled: the page reports "undefined", and plays on.
INTERRUPTED_ANIMATION = "undefined"


def besides_lost_chart_timer(errors: list[str], interrupted: bool = False) -> list[str]:
    """The page's errors other than those of plotly's timer on a replaced, still playing chart (and, for a
    test that interrupts an animation with another, of that)."""
    return [e for e in errors if not any(known in e for known in LOST_CHART_TIMER)
            and not (interrupted and e.strip() == INTERRUPTED_ANIMATION)]


@pytest.fixture
def console_errors(page) -> list[str]:
    """Every console error and uncaught exception the page reports."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
