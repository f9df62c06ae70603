"""The app as a real server for the browser tests, the load test and bench.session_memory.

Plain Python (no pytest): `streamlit run app.py` on a free 127.0.0.1 port, waited for until
healthy, stopped; where Debian's Chromium is and the flags it runs with; a process's memory.
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

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
MISSING = ("Browser tests need Debian's Chromium at /usr/bin/chromium: run `apt-get install chromium` to "
           "enable them.")
# They keep Chromium off the network it has no business with (this machine has none).
BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, server: subprocess.Popen, seconds: float = 60) -> None:
    """Return once the app answers its health check; RuntimeError if it exits or takes too long."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the app did not start") from None
            time.sleep(0.3)


def start_server(log_path: Path, env: dict[str, str] | None = None, cpus: set[int] | None = None,
                 app: Path = ROOT / "app.py") -> tuple[subprocess.Popen, str]:
    """`streamlit run app.py` (or another app) on a free 127.0.0.1 port, its output in log_path;
    (process, url) once healthy."""
    port = free_port()
    command = [sys.executable, "-m", "streamlit", "run", str(app), "--server.port", str(port),
               "--server.address", "127.0.0.1", "--server.headless", "true"]
    with open(log_path, "w") as log:
        server = subprocess.Popen(command, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
                                  env={**os.environ, **(env or {})})
    if cpus:  # before Python has started any thread: every thread it starts inherits the CPUs
        os.sched_setaffinity(server.pid, cpus)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(url, server)
    except RuntimeError:
        stop_server(server)
        raise RuntimeError(f"the app did not start; see {log_path}") from None
    return server, url


def stop_server(server: subprocess.Popen) -> None:
    server.terminate()
    try:
        server.wait(timeout=20)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait(timeout=20)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux's /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def proc_status(pid: int) -> dict[str, int]:
    """VmRSS, VmHWM (in KiB) and Threads of a process; empty once it has gone."""
    try:
        text = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    values = {}
    for line in text.splitlines():
        name, _, rest = line.partition(":")
        if name in ("VmRSS", "VmHWM", "Threads"):
            values[name] = int(rest.split()[0])
    return values
