"""Browser tests: the real app in Debian's Chromium, driven by Playwright.

A session fixture starts `streamlit run app.py` on a free loopback port. Without Chromium the
tests skip with one line saying how to get it, except in CI (the CI variable set), where a
missing browser is a failure.
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
OUTPUT = ROOT / "test-output" / "screenshots"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
MISSING = "Browser tests need Debian's Chromium at /usr/bin/chromium: run `apt-get install chromium` to enable them."
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
    # The flags keep Chromium off the network it has no business with (this machine has none).
    return {**browser_type_launch_args, "executable_path": chromium,
            "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                     "--disable-component-update", "--disable-sync", "--no-first-run"]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the app did not start; see {OUTPUT.parent / 'streamlit.log'}") from None
            time.sleep(0.3)


@pytest.fixture(scope="session")
def app_url(chromium: str) -> str:
    """A running app on 127.0.0.1, stopped at the end of the session."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true"]
    with open(OUTPUT.parent / "streamlit.log", "w") as log:
        server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        try:
            url = f"http://127.0.0.1:{port}"
            wait_until_healthy(url, server)
            yield url
        finally:
            server.terminate()
            server.wait(timeout=20)


@pytest.fixture
def console_errors(page) -> list[str]:
    """Every console error and uncaught exception the page reports."""
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors
