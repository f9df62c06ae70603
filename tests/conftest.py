"""Shared test helpers: where the tutorial's reference script lives, and how to run it."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
REFERENCE = ROOT.parent / "shared" / "reference" / "polynomial_autograd.py"
sys.path.insert(0, str(ROOT))

# Debian's Chromium for every test that takes pytest-playwright's `browser` or `page`, not only tests/e2e.
from tests.e2e.conftest import browser_type_launch_args, chromium  # noqa: E402, F401


def run_reference(*args: str) -> tuple[list[float], float]:
    """Run the tutorial's script; return its final a, b, c, d and its steps/s."""
    if not REFERENCE.exists():
        pytest.fail(f"the tutorial's reference script is missing: {REFERENCE}")
    out = subprocess.run([sys.executable, str(REFERENCE), "--quiet", *args], capture_output=True, text=True,
                         check=True).stdout
    numbers = re.search(r"Result: y = (\S+) \+ (\S+) x \+ (\S+) x\^2 \+ (\S+) x\^3", out)
    rate = re.search(r"steps_per_s (\S+)", out)
    assert numbers and rate, out
    return [float(v) for v in numbers.groups()], float(rate.group(1))


def open_page(*, advanced: bool = False, **query: str):
    """The page, run by Streamlit's AppTest with this URL query (the real app and engine, no browser); with
    `advanced`, its Advanced section open from the start, as a click on it leaves it."""
    from streamlit.testing.v1 import AppTest

    from components.ui.controls import ADVANCED_OPEN

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    if advanced:
        at.session_state[ADVANCED_OPEN] = True
    return at.run()


def open_advanced(at):
    """Open the sidebar's Advanced section, as a click on it does (its widgets are drawn only while open)."""
    from components.ui.controls import ADVANCED_OPEN

    at.session_state[ADVANCED_OPEN] = True
    return at.run()


def set_section(at, name: str, opened: bool):
    """Open or close one of the page's lower sections (inside, why), as a click on its expander does: AppTest
    cannot click one, so its callback's work is done here (a browser test clicks the real one)."""
    from components.ui.controls import VIEW_STORE

    at.session_state[VIEW_STORE] = {**at.session_state[VIEW_STORE], name: int(opened)}
    return at.run()


def page_figure(at) -> dict:
    """The page's animated chart (keyed "chart": components/ui/panels/chart.py), as the JSON the browser
    receives."""
    import json

    (chart,) = [json.loads(c.proto.spec) for c in at.get("plotly_chart") if c.proto.id.endswith("-chart")]
    return chart


def alerts(at, kind: str | None = None) -> list[str]:
    """The text of the page's messages (components/ui/alerts.py), of one kind or of all kinds."""
    import html

    found = []
    for element in at.get("html"):  # one message each, or several in one (alerts.show_all)
        for match in re.finditer(r'<div class="page-alert" data-kind="(\w+)"[^>]*>(.*?)</div>',
                                 element.proto.body, re.S):
            if kind in (None, match.group(1)):
                found.append(html.unescape(match.group(2)))
    return found


HAPROXY_MISSING = ("The replicas' tests need HAProxy: run `apt-get install haproxy` (scripts/test.sh does it "
                   "as root).")


@pytest.fixture(scope="session")
def haproxy() -> None:
    """HAProxy on the PATH; without it the test skips with one line, except in CI, where it fails."""
    import os
    import shutil

    if shutil.which("haproxy") is None:
        if os.environ.get("CI"):
            pytest.fail(HAPROXY_MISSING)
        pytest.skip(HAPROXY_MISSING)
