"""A lecture hall against replicas behind HAProxy: scripts/serve.sh, then Locust over Streamlit's protocol.

    python -m tests.load.hall --sessions 30 --changes 5 --think 1 --replicas 1 2
    python -m tests.load.hall --sessions 100 --changes 5 --think 10 --replicas 2
    python -m tests.load.hall --sessions 8 --changes 4 --replicas 2 --kill-after 5

For each replica count it starts `bash scripts/serve.sh --replicas N` on a free loopback port, runs
tests/load/locustfile.py headless against it (every session opened at once, as a hall opens a link) and
reads Locust's CSV: change → finished rerun p50, p95 and max, reruns per second over the load, errors,
reconnects; beside them the replicas' CPU seconds and their largest memory (from /proc). --kill-after S
kills replica r1 with SIGKILL S seconds into the load: its sessions reconnect through HAProxy to a live
replica, and the errors must stay 0. Traffic goes to 127.0.0.1 only; every wait is bounded.
"""
from __future__ import annotations

import argparse
import csv
import os
import queue
import re
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.app_server import ROOT, free_port

OUTPUT = ROOT / "test-output" / "load"


@dataclass
class Served:
    process: subprocess.Popen
    port: int
    replicas: dict[str, int]  # name (r1, r2, …) → pid
    ports: dict[str, int] = field(default_factory=dict)  # name → the replica's loopback port


def serve(replicas: int, timeout_s: float = 300.0) -> Served:
    """scripts/serve.sh on a free loopback port, once it says it is serving."""
    port = free_port()
    command = ["bash", str(ROOT / "scripts" / "serve.sh"), "--replicas", str(replicas), "--port", str(port),
               "--address", "127.0.0.1"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env={**os.environ, "PYTHON": sys.executable}, start_new_session=True)
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in process.stdout], daemon=True).start()
    found: dict[str, int] = {}
    ports: dict[str, int] = {}
    deadline = time.time() + timeout_s
    while (left := deadline - time.time()) > 0:
        try:
            line = lines.get(timeout=left)
        except queue.Empty:
            break
        if match := re.match(r"replica (r\d+): pid (\d+) on 127.0.0.1:(\d+)", line):
            found[match.group(1)] = int(match.group(2))
            ports[match.group(1)] = int(match.group(3))
        if line.startswith("serving"):
            return Served(process, port, found, ports)
    stop(Served(process, port, found))
    raise RuntimeError(f"serve.sh did not start serving within {timeout_s:.0f} s")


def stop(served: Served) -> None:
    """SIGTERM to serve.sh, which stops HAProxy and every replica; then make sure none is left."""
    if served.process.poll() is None:
        served.process.send_signal(signal.SIGTERM)
        try:
            served.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(served.process.pid, signal.SIGKILL)


def alive(pid: int) -> bool:
    return Path(f"/proc/{pid}").exists() and "zombie" not in Path(f"/proc/{pid}/status").read_text()


def cpu_and_memory(pids: list[int], last_cpu: dict[int, float]) -> tuple[float, float]:
    """CPU seconds so far and resident MiB, summed over the processes; a process that is gone (killed)
    counts with the CPU it had when last seen, kept in `last_cpu`."""
    memory = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            last_cpu[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
            memory += int(fields[21]) * os.sysconf("SC_PAGE_SIZE") / 2**20
        except (FileNotFoundError, ProcessLookupError, IndexError):
            pass
    return sum(last_cpu.get(pid, 0.0) for pid in pids), memory


def sessions_on(port: int) -> int:
    """Established TCP connections to a loopback port (HAProxy's to a replica: one per session on it)."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            count += state == "01" and int(local.rsplit(":", 1)[1], 16) == port
    return count


@dataclass
class Result:
    requests: int  # pages opened and changes made, reconnects not counted
    replicas: int
    sessions: int
    changes: int
    p50_ms: float
    p95_ms: float
    max_ms: float
    reruns_per_s: float
    errors: int
    reconnects: int
    cpu_s: float
    memory_mib: float
    wall_s: float


def run_hall(replicas: int, sessions: int, changes: int, think_s: float,
             kill_after_s: float | None = None, deadline_s: float = 900.0) -> Result:
    OUTPUT.mkdir(parents=True, exist_ok=True)
    served = serve(replicas)
    prefix = OUTPUT / f"hall-{replicas}-replicas"
    pids = list(served.replicas.values())
    try:
        last_cpu: dict[int, float] = {}
        cpu_before, peak = cpu_and_memory(pids, last_cpu)[0], 0.0
        env = {**os.environ, "LOAD_CHANGES": str(changes), "LOAD_THINK": str(think_s)}
        started = time.perf_counter()
        command = [sys.executable, "-m", "locust", "-f", str(ROOT / "tests" / "load" / "locustfile.py"),
                   "--headless", "--host", f"http://127.0.0.1:{served.port}", "-u", str(sessions),
                   "-r", str(sessions), "--run-time", f"{int(deadline_s)}s", "--csv", str(prefix),
                   "--only-summary", "--loglevel", "WARNING"]
        locust = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                                  stderr=open(f"{prefix}-locust.log", "w"))
        killed = False
        while locust.poll() is None:
            peak = max(peak, cpu_and_memory(pids, last_cpu)[1])
            # Killed once the time has come and sessions are on it: a replica killed before any session
            # reached it would test nothing.
            due = kill_after_s is not None and time.perf_counter() - started > kill_after_s
            if due and not killed and sessions_on(served.ports["r1"]):
                os.kill(served.replicas["r1"], signal.SIGKILL)
                killed = True
            time.sleep(0.5)
        wall = time.perf_counter() - started
        cpu = cpu_and_memory(pids, last_cpu)[0] - cpu_before
    finally:
        stop(served)
    left = [pid for pid in pids if alive(pid)]
    assert not left, f"serve.sh left replicas running: {left}"
    return read_stats(prefix, replicas, sessions, changes, wall, cpu, peak)


def read_stats(prefix: Path, replicas: int, sessions: int, changes: int, wall: float, cpu: float,
               peak: float) -> Result:
    rows = {row["Name"]: row for row in csv.DictReader(open(f"{prefix}_stats.csv"))}
    change, total = rows["change degree"], rows["Aggregated"]
    reconnects = int(rows["reconnect"]["Request Count"]) if "reconnect" in rows else 0
    reruns = int(total["Request Count"]) - reconnects
    return Result(reruns, replicas, sessions, changes, float(change["50%"]), float(change["95%"]),
                  float(change["100%"]), reruns / wall, int(total["Failure Count"]), reconnects, cpu, peak,
                  wall)


def table(results: list[Result]) -> list[str]:
    lines = ["| replicas | sessions × changes | p50 | p95 | max | reruns/s | errors | reconnects "
             "| replicas' CPU | replicas' memory |", "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for r in results:
        lines.append(f"| {r.replicas} | {r.sessions} × {r.changes} | {r.p50_ms / 1e3:.2f} s "
                     f"| {r.p95_ms / 1e3:.2f} s | {r.max_ms / 1e3:.2f} s | {r.reruns_per_s:.1f} | {r.errors} "
                     f"| {r.reconnects} | {r.cpu_s:.0f} s | {r.memory_mib:.0f} MiB |")
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=30)
    parser.add_argument("--changes", type=int, default=5)
    parser.add_argument("--think", type=float, default=1.0, help="seconds from a reply to the next change")
    parser.add_argument("--replicas", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--kill-after", type=float, default=None,
                        help="SIGKILL replica r1 this many seconds in")
    args = parser.parse_args()
    results = [run_hall(n, args.sessions, args.changes, args.think, args.kill_after) for n in args.replicas]
    print(f"{os.cpu_count()} cores; think time {args.think:g} s; change → finished rerun over Streamlit's "
          "websocket, through HAProxy\n")
    print("\n".join(table(results)))
    if len(results) > 1:
        ratio = results[-1].reruns_per_s / results[0].reruns_per_s
        print(f"\n{results[-1].replicas} replicas serve {ratio:.2f}× the reruns/s of {results[0].replicas}.")
    sys.exit(1 if any(r.errors for r in results) else 0)


if __name__ == "__main__":
    main()
