"""What each open page costs the server in memory.

python -m bench.session_memory [--sessions 24]

Starts the app on 127.0.0.1 (as the browser tests do), opens one page to warm it up, reads the
server's resident memory, opens N more pages in their own browser contexts (Debian's Chromium) on
three views (seeds 0–2, so runs are shared as in a class), waits until each has drawn its chart,
and reads it again.
"""
from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from tests.app_server import BROWSER_ARGS, CHROMIUM, proc_status, start_server, stop_server

CHART = ".js-plotly-plot .main-svg"


def resident_mib(pid: int) -> float:
    return proc_status(pid)["VmRSS"] / 1024


def open_page(browser: Browser, url: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(url)
    return page


def memory_before_and_after(url: str, pid: int, sessions: int) -> tuple[float, float]:
    """The server's resident MiB with one page drawn, and with `sessions` more drawn."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_ARGS)
        open_page(browser, url).wait_for_selector(CHART, timeout=120_000)
        time.sleep(2)
        before = resident_mib(pid)
        pages = [open_page(browser, f"{url}/?seed={i % 3}") for i in range(sessions)]
        for page in pages:
            page.wait_for_selector(CHART, timeout=300_000)
        time.sleep(3)
        after = resident_mib(pid)
        browser.close()
    return before, after


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=24)
    args = parser.parse_args()
    server, url = start_server(Path(tempfile.mkdtemp()) / "streamlit.log")
    try:
        before, after = memory_before_and_after(url, server.pid, args.sessions)
    finally:
        stop_server(server)
    print(f"server memory: {before:.0f} MiB with 1 page open, {after:.0f} MiB with {args.sessions + 1}: "
          f"{(after - before) / args.sessions:.2f} MiB per page")


if __name__ == "__main__":
    main()
