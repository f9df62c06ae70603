"""Load test: N students' browsers on one real `streamlit run app.py`, each changing the settings M times.

    python -m tests.load.load_test --sessions 30 --changes 10

starts the app on a free 127.0.0.1 port and one Chromium (Debian's, /usr/bin/chromium) with one
browser context per session (a context is a separate profile: its own cache, cookies, websocket and
Streamlit session). The sessions open their first page within --ramp seconds (10), like a hall
opening the lecturer's link; once every session has its page, they all start changing settings,
like a hall told "now move the degree", each making M changes with a random pause of up to
--think seconds (1) before each:

* "degree", "steps": press → or ← on that sidebar slider (a rerun of the session's script);
* "seed": type a new seed into the Advanced section's seed box and press Enter (a rerun);
* "link": navigate the page to a new URL (a new Streamlit session; --link-fraction of the changes,
  10% by default, as a full page load costs the browser about 4 CPU seconds, a rerun about 0.6).

Half the sessions ("shared") open the lecturer's link and move among a small pool of views (seeds 0
and 1, degrees 2-6) that every shared session uses, so most of their changes ask for settings the
server has computed already (cache hits, unless evicted: the app caches 32 runs); the others ("own")
use seeds no other session uses, so their changes are new work (cache misses). Every view uses the
scaled basis and learning rate 1e-4, stable at every degree, with 500-2000 steps, so one run takes
about 0.05-0.3 s on one core.

A change's time runs from the action (key press, Enter, or navigation) until the page shows the
new view: the script state is back to notRunning; the chart's data differ from before (its first
frame, the seed's initial polynomial, its last frame's step and its title); the equation's top
power, the chart's title and the degree slider name the new degree; and the chart's last frame is
the new step count. Errors: an exception box, a console error or uncaught page error, a crashed
page, a timeout, a Traceback in the server's log, or the server exiting. The figures go to stdout
as a table and to test-output/load/load-result.json, the server's log to
test-output/load/streamlit.log; the exit status is 1 when there was any error.

The browser shares the machine with the server, and it costs more: a cold first page about 4-5 CPU
seconds, a rerun's redraw about 0.5-1, against about 0.2-0.4 for the server. The table gives both
CPU totals; --pin runs the server on the first CPU and Chromium on the others, so the browser's
work does not slow the server down (the server is one Python process: its script threads share
one GIL, and the training is GIL-bound, so it uses about one core in any case).

Everything is bounded: each wait has a timeout, the whole load has a deadline, and the server and
the browser are stopped on the way out. Traffic goes only to 127.0.0.1: Chromium resolves no host
names (--host-resolver-rules), so a request anywhere else fails and shows up as a console error.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import math
import os
import random
import re
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Sequence

from tests.app_server import BROWSER_ARGS, CHROMIUM, MISSING, proc_status, start_server, stop_server
from tests.e2e.conftest import DONE, OUTPUT
from tests.e2e.test_browser import EQUATION, PLOT

LOAD_OUTPUT = OUTPUT.parent / "load"
EXCEPTION = "[data-testid='stException']"
DEGREE_SLIDER = "input[type='range'][aria-label='Degree of the polynomial']"
STEPS_SLIDER = "input[type='range'][aria-label='Training steps']"
SEED_BOX = "input[aria-label='Random seed (initial coefficients)']"
ADVANCED = "[data-testid='stExpander'] summary"

# The browser tests' flags, then the load test's own.
CHROMIUM_ARGS = [
    *BROWSER_ARGS,
    # No host name resolves (127.0.0.1 is an address, not a name): traffic can only go to the app.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    # Thirty pages in one browser: none of them may be slowed down as a background tab.
    "--disable-renderer-backgrounding", "--disable-background-timer-throttling",
    "--disable-backgrounding-occluded-windows",
]

LR, BASIS = "0.0001", "scaled"  # the scaled basis is stable below lr ≈ 4e-4 at every degree: no run diverges
STEPS = (500, 1000, 2000)  # neighbouring marks of the steps slider
SHARED_DEGREES = range(2, 7)
SHARED_SEEDS = (0, 1)
OWN_DEGREES = range(2, 9)
KINDS = ("degree", "steps", "seed")  # the in-page changes, equally likely; "link" has its own share


@dataclass(frozen=True, order=True)
class View:
    """What a page shows; everything else stays as the URL sets it (lr 1e-4, scaled basis)."""

    degree: int
    steps: int
    seed: int

    def query(self) -> str:
        return f"?degree={self.degree}&lr={LR}&steps={self.steps}&basis={BASIS}&seed={self.seed}"


LECTURE_LINK = View(3, 1000, 0)  # every shared session opens this one
WARM_UP = View(2, 500, 999_999)  # the first page load imports torch in the server; nobody else asks for it
SHARED_POOL = [View(d, s, seed) for d in SHARED_DEGREES for s in STEPS for seed in SHARED_SEEDS]


@dataclass(frozen=True)
class Change:
    """One action of a student: "open" (the first page load), "link" (navigate to a URL), "degree" or
    "steps" (press a key on that slider), "seed" (type a seed into the Advanced section's box)."""

    kind: str
    view: View  # what the page must show afterwards
    key: str | None = None  # ArrowRight or ArrowLeft, for the sliders


@dataclass(frozen=True)
class SessionPlan:
    index: int
    shared: bool
    changes: tuple[Change, ...]  # the first is the "open"


def own_seed(session: int, change: int) -> int:
    return 1000 + 1000 * session + change


def step_along(values: Sequence[int], value: int, rng: random.Random) -> tuple[int, str]:
    """A neighbour of `value` in `values` (which holds it) and the arrow key that reaches it."""
    i = values.index(value)
    move = rng.choice((-1, 1)) if 0 < i < len(values) - 1 else (1 if i == 0 else -1)
    return values[i + move], "ArrowRight" if move > 0 else "ArrowLeft"


def plan_sessions(sessions: int, changes: int, shared_fraction: float = 0.5, link_fraction: float = 0.1,
                  seed: int = 0) -> list[SessionPlan]:
    """Every session's open and changes, fixed by `seed`, so two runs ask for the same things.

    A shared session opens the lecturer's link and keeps to the shared pool (seeds 0 and 1, degrees
    2–6): mostly settings some other session has asked for already. An own session uses seeds nobody
    else uses: its changes are mostly new work for the server.
    """
    rng = random.Random(seed)
    plans = []
    for i in range(sessions):
        shared = math.floor((i + 1) * shared_fraction) > math.floor(i * shared_fraction)
        view = LECTURE_LINK if shared else View(3, 1000, own_seed(i, 0))
        steps = [Change("open", view)]
        for j in range(1, changes + 1):
            kind = "link" if rng.random() < link_fraction else rng.choice(KINDS)
            key = None
            if kind == "link":
                view = (rng.choice([v for v in SHARED_POOL if v != view]) if shared
                        else View(rng.choice(SHARED_DEGREES), rng.choice(STEPS), own_seed(i, j)))
            elif kind == "degree":
                degree, key = step_along(list(SHARED_DEGREES if shared else OWN_DEGREES), view.degree, rng)
                view = View(degree, view.steps, view.seed)
            elif kind == "steps":
                steps_, key = step_along(list(STEPS), view.steps, rng)
                view = View(view.degree, steps_, view.seed)
            else:
                view = View(view.degree, view.steps, (1 - view.seed) if shared else own_seed(i, j))
            steps.append(Change(kind, view, key))
        plans.append(SessionPlan(i, shared, tuple(steps)))
    return plans


@dataclass
class Result:
    session: int
    index: int  # 0 is the open
    kind: str
    shared: bool
    view: View
    repeat: bool  # some session had asked for this view before: a cache hit unless it was evicted
    seconds: float | None
    error: str | None = None


# Resolves to false until the page shows the view (then to {eq, print}), or to {error} on an exception box.
SHOWS_VIEW = """([done, exception, plotSel, equationSel, sliderSel, degree, steps, before]) => {
    const box = document.querySelector(exception);
    if (box) return {error: 'exception box: ' + box.innerText.slice(0, 300)};
    if (!document.querySelector(done)) return false;
    const equation = document.querySelector(equationSel), plot = document.querySelector(plotSel);
    if (!equation || !plot || !plot.layout || !plot.data || !plot._transitionData) return false;
    const frames = plot._transitionData._frames || [];
    if (!frames.length) return false;
    const last = frames[frames.length - 1], eq = equation.textContent;
    const title = (plot.layout.title && plot.layout.title.text) || '';
    // The first frame's fit is the initial polynomial (the seed's draws): with the last frame's step
    // and the title (the degree) it tells every view apart, even two runs that converged alike.
    const first = frames[0], fit = first.data[first.traces.indexOf(plot.data.findIndex(t => t.name === \
'fit'))];
    const print = last.name + '|' + title + '|' + JSON.stringify(fit ? fit.y : null).slice(0, 600);
    if (before && print === before.print) return false;
    // The equation is this degree's: no power above it (a term ≈ 0, the top one too, may be left out).
    const powers = [...eq.matchAll(/x\\^\\{(\\d+)\\}/g)].map(m => Number(m[1]));
    const highest = powers.length ? Math.max(...powers) : (/x/.test(eq) ? 1 : 0);
    if (!eq.includes('y =') || highest > degree || last.name !== String(steps)) return false;
    if (!title.startsWith('Degree ' + degree + ' ')) return false;
    const slider = document.querySelector(sliderSel);
    if (!slider || slider.getAttribute('aria-valuetext') !== String(degree)) return false;
    return {eq, print};
}"""

SHOWN = """([plotSel, equationSel, done]) => {
    const plot = document.querySelector(plotSel), equation = document.querySelector(equationSel);
    const frames = plot && plot._transitionData ? plot._transitionData._frames : [];
    return {running: !document.querySelector(done), equation: equation ? equation.textContent : null,
            title: plot && plot.layout && plot.layout.title ? plot.layout.title.text : null,
            lastFrame: frames && frames.length ? frames[frames.length - 1].name : null, url: location.search};
}"""


# ---------------------------------------------------------------------------------------------- /proc
def proc_stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds of the process and of its reaped children)."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    rest = text[text.rindex(")") + 2:].split()
    ticks = os.sysconf("SC_CLK_TCK")
    return int(rest[1]), sum(int(v) for v in rest[11:15]) / ticks


def cpu_seconds(pid: int) -> float:
    stat = proc_stat(pid)
    return stat[1] if stat else math.nan


def descendants_cpu_seconds(root: int, exclude: int) -> float:
    """CPU seconds of every process below `root` (the Playwright driver, Chromium), except `exclude`'s
    tree."""
    parents: dict[int, int] = {}
    cpu: dict[int, float] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and (stat := proc_stat(int(entry.name))):
            parents[int(entry.name)], cpu[int(entry.name)] = stat

    def below(pid: int) -> bool:
        while pid in parents and pid not in (root, exclude, 0, 1):
            pid = parents[pid]
        return pid == root

    return sum(seconds for pid, seconds in cpu.items() if pid not in (root, exclude) and below(pid))


def load_average() -> str:
    return Path("/proc/loadavg").read_text().split()[0]


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (q in 0..100)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q / 100 * len(ordered)) - 1)] if ordered else math.nan


# ---------------------------------------------------------------------------------------------- the run
@dataclass
class Report:
    sessions: int
    changes: int
    server_env: dict[str, str]
    results: list[Result] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # errors outside any one change
    memory_kib: dict[str, int] = field(default_factory=dict)
    server_threads_max: int = 0
    server_cpu_s: float = math.nan
    browser_cpu_s: float = math.nan
    load_wall_s: float = math.nan
    total_wall_s: float = math.nan
    # the machine's 1-minute load, before and after
    load_average: dict[str, str] = field(default_factory=dict)
    pinning: str = "none"

    @property
    def changes_done(self) -> list[Result]:
        return [r for r in self.results if r.index > 0]

    @property
    def planned(self) -> int:
        """Opens and changes the plan asked for."""
        return self.sessions * (self.changes + 1)

    @property
    def errors(self) -> int:
        return (sum(r.error is not None for r in self.results) + (self.planned - len(self.results))
                + len(self.problems))

    @property
    def new_charts(self) -> int:
        """Changes (not opens) that showed their new view."""
        return sum(r.error is None for r in self.changes_done)

    def error_lines(self, limit: int = 15) -> list[str]:
        lines = [f"session {r.session} {r.kind} #{r.index} {r.view.query()}: {r.error}" for r in self.results
                 if r.error]
        if len(self.results) < self.planned:
            lines.append(f"{self.planned - len(self.results)} opens/changes never ran (an earlier error or "
                         "the deadline)")
        lines += self.problems
        return lines[:limit] + ([f"… and {len(lines) - limit} more"] if len(lines) > limit else [])

    def table(self) -> str:
        def row(name: str, rows: list[Result]) -> str:
            times = [r.seconds for r in rows if r.error is None and r.seconds is not None]
            bad = sum(r.error is not None for r in rows)
            if not times:
                return f"| {name} | {len(rows)} | {bad} | – | – | – |"
            return (f"| {name} | {len(rows)} | {bad} | {statistics.median(times):.2f} | "
                    f"{percentile(times, 95):.2f} | {max(times):.2f} |")

        opens, done = [r for r in self.results if r.index == 0], self.changes_done
        actions = max(1, len(self.results))
        mib = {k: v / 1024 for k, v in self.memory_kib.items()}
        env = " ".join(f"{k}={v}" for k, v in self.server_env.items()) or "(none)"
        lines = [
            f"Load test: {self.sessions} sessions × {self.changes} changes; server env: {env}; pinning: "
            f"{self.pinning}",
            "",
            "| what | count | errors | p50 s | p95 s | max s |",
            "|---|---:|---:|---:|---:|---:|",
            row("open (first page load)", opens),
            row("**change → new chart, all**", done),
            row("  settings new to the server (miss)", [r for r in done if not r.repeat]),
            row("  settings asked for before (hit)", [r for r in done if r.repeat]),
            row("  degree slider, a key (rerun)", [r for r in done if r.kind == "degree"]),
            row("  steps slider, a key (rerun)", [r for r in done if r.kind == "steps"]),
            row("  seed typed in a box (rerun)", [r for r in done if r.kind == "seed"]),
            row("  link navigation (new session)", [r for r in done if r.kind == "link"]),
            "",
            f"errors: {self.errors}; changes that drew their new chart: {self.new_charts} of "
            f"{self.sessions * self.changes}",
            f"server RSS (VmRSS of the streamlit process): started {mib.get('started', math.nan):.0f} MiB, "
            f"before load {mib.get('before', math.nan):.0f} MiB, peak {mib.get('peak', math.nan):.0f} MiB, "
            f"after load {mib.get('after', math.nan):.0f} MiB (growth "
            f"{mib.get('after', math.nan) - mib.get('before', math.nan):+.0f} MiB), after the browser closed "
            f"{mib.get('closed', math.nan):.0f} MiB",
            f"CPU during the load: server {self.server_cpu_s:.1f} s ({self.server_cpu_s / actions:.2f} s per "
            f"page or change; up to {self.server_threads_max} threads), browser {self.browser_cpu_s:.1f} s "
            f"({self.browser_cpu_s / actions:.2f} s each); load wall time {self.load_wall_s:.1f} s on "
            f"{os.cpu_count()} cores, machine load average {self.load_average.get('before', '?')} before, "
            f"{self.load_average.get('after', '?')} after (whole run {self.total_wall_s:.1f} s)",
        ]
        if self.errors:
            lines += ["", "errors:"] + [f"  {line}" for line in self.error_lines()]
        return "\n".join(lines)

    def to_json(self) -> dict[str, Any]:
        done = self.changes_done
        times = [r.seconds for r in done if r.error is None]
        return {
            "sessions": self.sessions, "changes": self.changes, "server_env": self.server_env,
            "pinning": self.pinning, "errors": self.errors, "new_charts": self.new_charts,
            "p50_s": statistics.median(times) if times else None,
            "p95_s": percentile(times, 95) if times else None, "max_s": max(times) if times else None,
            "memory_kib": self.memory_kib, "server_threads_max": self.server_threads_max,
            "server_cpu_s": self.server_cpu_s, "browser_cpu_s": self.browser_cpu_s,
            "load_wall_s": self.load_wall_s, "total_wall_s": self.total_wall_s,
            "load_average": self.load_average, "error_lines": self.error_lines(limit=200),
            "results": [{**asdict(r), "view": asdict(r.view)} for r in self.results],
        }


@dataclass
class Options:
    """The knobs of one load run (the command line's options, with the same defaults)."""

    sessions: int = 30
    changes: int = 10
    server_env: dict[str, str] = field(default_factory=dict)  # e.g. {"OMP_NUM_THREADS": "1"}
    think_max_s: float = 1.0  # a session waits up to this long (uniformly) before each change
    ramp_s: float = 10.0  # the sessions' first pages open evenly spread over this many seconds
    open_timeout_s: float = 300.0  # a first page load (a cold browser profile: ~4 CPU s in Chromium)
    change_timeout_s: float = 120.0
    deadline_s: float = 1200.0  # the whole load; what has not run by then counts as errors
    shared_fraction: float = 0.5
    link_fraction: float = 0.1
    poll_ms: int = 25  # how often a page checks whether it shows the new view
    seed: int = 0
    pin: bool = False  # the server on the first CPU, the browser on the others (needs two or more CPUs)
    output: Path = LOAD_OUTPUT


class Load:
    """One load run: a started server, one Chromium, and the sessions' coroutines."""

    def __init__(self, url: str, server: subprocess.Popen, report: Report, options: Options, sessions: int):
        self.url, self.server, self.report, self.options = url, server, report, options
        self.rng = random.Random(options.seed + 1)
        self.seen: set[View] = set()
        self.peak_kib = 0
        self.screenshots_left = 5
        self.waiting_to_open = sessions
        self.all_open = asyncio.Event()  # the changes start once every session has its first page
        if not sessions:
            self.all_open.set()

    def opened(self) -> None:
        self.waiting_to_open -= 1
        if self.waiting_to_open <= 0:
            self.all_open.set()

    async def sample(self) -> None:
        """Peak RSS and threads of the server, four times a second, until cancelled."""
        while True:
            status = proc_status(self.server.pid)
            self.peak_kib = max(self.peak_kib, status.get("VmRSS", 0))
            self.report.server_threads_max = max(self.report.server_threads_max, status.get("Threads", 0))
            if self.server.poll() is not None:
                self.report.problems.append(f"the server exited with status {self.server.returncode}")
                return
            await asyncio.sleep(0.25)

    async def show(self, page, change: Change, before: dict | None) -> dict:
        """Make the change and wait until the page shows its view: {eq, print, seconds}."""
        timeout = (self.options.open_timeout_s if change.kind == "open"
                   else self.options.change_timeout_s) * 1000
        if change.kind == "seed":  # the box is in the Advanced section: open it first, untimed
            box = page.locator(SEED_BOX)
            if not await box.is_visible():
                await page.locator(ADVANCED).filter(has_text="Advanced").click(timeout=timeout)
                await box.wait_for(state="visible", timeout=timeout)
        started = time.perf_counter()
        if change.kind == "degree":
            await page.locator(DEGREE_SLIDER).press(change.key, timeout=timeout)
        elif change.kind == "steps":
            await page.locator(STEPS_SLIDER).press(change.key, timeout=timeout)
        elif change.kind == "seed":
            await box.fill(str(change.view.seed), timeout=timeout)
            await box.press("Enter", timeout=timeout)
        else:
            await page.goto(f"{self.url}/{change.view.query()}", wait_until="commit", timeout=timeout)
        handle = await page.wait_for_function(
            SHOWS_VIEW,
            arg=[DONE, EXCEPTION, PLOT, EQUATION, DEGREE_SLIDER, change.view.degree, change.view.steps,
                 before], polling=self.options.poll_ms, timeout=timeout)
        shown = await handle.json_value()
        if "error" in shown:
            raise RuntimeError(shown["error"])
        return {**shown, "seconds": time.perf_counter() - started}

    async def session(self, browser, plan: SessionPlan, measured: bool = True, delay_s: float = 0.0) -> None:
        from playwright.async_api import Error as PlaywrightError

        counted = False  # whether this session has told the barrier its first page is done
        context = None
        problems: list[str] = []
        reported = 0
        try:
            await asyncio.sleep(delay_s)
            context = await browser.new_context(viewport={"width": 1280, "height": 720})
            page = await context.new_page()
            page.on("console", lambda m: problems.append(f"console error: {m.text[:300]}")
                    if m.type == "error" else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {str(e)[:300]}"))
            page.on("crash", lambda _: problems.append("the page crashed"))
            before = None
            for index, change in enumerate(plan.changes):
                if index == 1 and measured:
                    counted = True
                    self.opened()
                    await self.all_open.wait()
                if index:
                    await asyncio.sleep(self.rng.uniform(0, self.options.think_max_s))
                repeat = change.view in self.seen
                self.seen.add(change.view)
                error, seconds = None, None
                started = time.perf_counter()
                try:
                    before = await self.show(page, change, before)
                    seconds = before.pop("seconds")
                except (PlaywrightError, RuntimeError) as failure:
                    error = f"{type(failure).__name__}: {str(failure).splitlines()[0][:300]}"
                    try:
                        state = await page.evaluate(SHOWN, [PLOT, EQUATION, DONE])
                        error += f"; the page shows {state}"
                        if self.screenshots_left > 0:  # the first few failures, to look at
                            self.screenshots_left -= 1
                            await page.screenshot(
                                path=self.options.output / f"error-session{plan.index}-{index}.png")
                    except PlaywrightError:
                        pass
                if seconds is None:
                    seconds = time.perf_counter() - started
                if problems[reported:] and error is None:
                    error = "; ".join(problems[reported:])
                reported = len(problems)
                if measured:
                    self.report.results.append(Result(plan.index, index, change.kind, plan.shared,
                                                      change.view, repeat, seconds, error))
                elif error:
                    self.report.problems.append(f"warm-up: {error}")
                if error and not error.startswith("console error") and not error.startswith("page error"):
                    # the page is in an unknown state: the rest of this session's changes count as not run
                    return
            await asyncio.sleep(0.5)  # late console errors belong to this session too
            if problems[reported:]:
                self.report.problems.append(f"session {plan.index} after its last change: "
                                            + "; ".join(problems[reported:]))
        finally:
            if measured and not counted:
                self.opened()
            if context is not None:
                await context.close()


async def drive(url: str, server: subprocess.Popen, report: Report, plans: list[SessionPlan],
                options: Options, browser_cpus: set[int] | None) -> None:
    from playwright.async_api import async_playwright

    load = Load(url, server, report, options, len(plans))
    # Chromium inherits the CPUs of the thread that starts Playwright's driver.
    previous = os.sched_getaffinity(0)
    if browser_cpus:
        os.sched_setaffinity(0, browser_cpus)
    try:
        playwright_manager = async_playwright()
        playwright = await playwright_manager.__aenter__()
    finally:
        os.sched_setaffinity(0, previous)
    try:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            report.memory_kib["started"] = proc_status(server.pid).get("VmRSS", 0)
            await asyncio.wait_for(
                load.session(browser, SessionPlan(-1, False, (Change("open", WARM_UP),)), False),
                timeout=options.open_timeout_s)
            await asyncio.sleep(1)
            report.memory_kib["before"] = proc_status(server.pid).get("VmRSS", 0)
            report.load_average["before"] = load_average()
            cpu_before = cpu_seconds(server.pid)
            sampler = asyncio.create_task(load.sample())
            started = time.perf_counter()
            tasks = [asyncio.create_task(load.session(browser, plan, delay_s=options.ramp_s * i / len(plans)))
                     for i, plan in enumerate(plans)]
            done, pending = await asyncio.wait(tasks, timeout=options.deadline_s)
            report.load_wall_s = time.perf_counter() - started
            report.load_average["after"] = load_average()
            for task in pending:
                task.cancel()
            if pending:
                report.problems.append(f"{len(pending)} sessions had not finished by the deadline, "
                                       f"{options.deadline_s:.0f} s")
                await asyncio.wait(pending, timeout=30)
            for task in done:
                if task.exception() is not None:
                    report.problems.append(f"a session failed: {task.exception()!r}"[:400])
            sampler.cancel()
            report.server_cpu_s = cpu_seconds(server.pid) - cpu_before
            report.memory_kib["after"] = proc_status(server.pid).get("VmRSS", 0)
            report.memory_kib["peak"] = max(load.peak_kib, report.memory_kib["after"])
            report.browser_cpu_s = descendants_cpu_seconds(os.getpid(), exclude=server.pid)
        finally:
            await browser.close()
    finally:
        await playwright_manager.__aexit__(None, None, None)


def run_load(options: Options | None = None) -> Report:
    """Start the server, run the load, stop everything; the report (also written to
    output/load-result.json)."""
    options = options or Options()
    if not Path(CHROMIUM).exists():
        raise FileNotFoundError(MISSING)
    options.output.mkdir(parents=True, exist_ok=True)
    server_cpus = browser_cpus = None
    if options.pin:
        cpus = sorted(os.sched_getaffinity(0))
        if len(cpus) < 2:
            raise ValueError("--pin needs two or more CPUs: one for the server, the others for the browser")
        server_cpus, browser_cpus = {cpus[0]}, set(cpus[1:])
    report = Report(options.sessions, options.changes, dict(options.server_env))
    report.pinning = (f"server on CPU {sorted(server_cpus)}, browser on CPUs {sorted(browser_cpus)}"
                      if options.pin else "none")
    plans = plan_sessions(options.sessions, options.changes, options.shared_fraction, options.link_fraction,
                          options.seed)
    started = time.perf_counter()
    log_path = options.output / "streamlit.log"
    server, url = start_server(log_path, report.server_env, server_cpus)
    try:
        asyncio.run(drive(url, server, report, plans, options, browser_cpus))
        time.sleep(3)  # the sessions' websockets are closed: give the server a moment to drop them
        status = proc_status(server.pid)
        report.memory_kib["closed"], report.memory_kib["hwm"] = status.get("VmRSS", 0), status.get("VmHWM", 0)
        if server.poll() is not None:
            report.problems.append(f"the server exited with status {server.returncode}")
    finally:
        stop_server(server)
    tracebacks = len(re.findall(r"^Traceback", log_path.read_text(errors="replace"), flags=re.M))
    if tracebacks:
        report.problems.append(f"{tracebacks} Traceback(s) in the server's log, {log_path}")
    report.total_wall_s = time.perf_counter() - started
    (options.output / "load-result.json").write_text(json.dumps(report.to_json(), indent=1, default=str))
    return report


# The command line's valued options: flag, the Options field it sets (its default too), and its help.
COMMAND_LINE = [
    ("--sessions", "sessions", "concurrent sessions (browser contexts)"),
    ("--changes", "changes", "changes per session after its first page"),
    ("--think", "think_max_s", "most seconds a session waits before a change"),
    ("--ramp", "ramp_s", "seconds over which the sessions open their first page, evenly spread"),
    ("--shared-fraction", "shared_fraction", "share of sessions on the shared views"),
    ("--link-fraction", "link_fraction", "share of changes that navigate to a new link (a page load)"),
    ("--open-timeout", "open_timeout_s", "seconds a first page load may take before it counts as an error"),
    ("--change-timeout", "change_timeout_s", "seconds a change may take before it counts as an error"),
    ("--deadline", "deadline_s", "seconds the whole load may take"),
    ("--seed", "seed", "seeds the plan and the pauses"),
    ("--output", "output", "where to write the results"),
]


def main(argv: list[str] | None = None) -> int:
    defaults = Options()
    parser = argparse.ArgumentParser(prog="python -m tests.load.load_test",
                                     description=__doc__.split("\n\n")[0])
    for flag, name, help_text in COMMAND_LINE:
        default = getattr(defaults, name)
        parser.add_argument(flag, dest=name, type=type(default), default=default, help=help_text)
    parser.add_argument("--server-env", action="append", default=[], metavar="NAME=VALUE",
                        help="an environment variable for the server, e.g. OMP_NUM_THREADS=1 (repeatable)")
    parser.add_argument("--pin", action="store_true",
                        help="run the server on the first CPU and the browser on the others, so the "
                             "browser's rendering does not take the server's CPU")
    args = parser.parse_args(argv)
    options = Options(**{name: getattr(args, name) for _, name, _ in COMMAND_LINE}, pin=args.pin,
                      server_env=dict(item.split("=", 1) for item in args.server_env))
    report = run_load(options)
    print(report.table())
    print(f"\n(details: {args.output / 'load-result.json'}; server log: {args.output / 'streamlit.log'})")
    return 1 if report.errors else 0


if __name__ == "__main__":
    sys.exit(main())
