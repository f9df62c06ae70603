"""What each open page costs the server in memory.

python -m bench.session_memory [--sessions 24]

Starts the app on 127.0.0.1, opens one page to warm it up, reads the server's resident memory,
opens N more pages in their own browser contexts (Debian's Chromium) on three views (seeds 0–2, so
runs are shared as in a class), waits until each has drawn its chart, and reads it again.
"""
from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

ROOT = Path(__file__).resolve().parents[1]
CHART = ".js-plotly-plot .main-svg"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def resident_mib(pid: int) -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(status.split("VmRSS:")[1].split()[0]) / 1024


def wait_until_healthy(url: str, timeout_s: float = 60.0) -> None:
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def start_server(port: int) -> subprocess.Popen:
    command = [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port),
               "--server.address", "127.0.0.1"]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def open_page(browser: Browser, url: str) -> Page:
    page = browser.new_context().new_page()
    page.goto(url)
    return page


def memory_before_and_after(url: str, pid: int, sessions: int, browser_path: str) -> tuple[float, float]:
    """The server's resident MiB with one page drawn, and with `sessions` more drawn."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=browser_path)
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
    parser.add_argument("--browser", default="/usr/bin/chromium")
    args = parser.parse_args()
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = start_server(port)
    try:
        wait_until_healthy(url)
        before, after = memory_before_and_after(url, server.pid, args.sessions, args.browser)
    finally:
        server.terminate()
        server.wait(timeout=20)
    print(f"server memory: {before:.0f} MiB with 1 page open, {after:.0f} MiB with {args.sessions + 1}: "
          f"{(after - before) / args.sessions:.2f} MiB per page")


if __name__ == "__main__":
    main()
