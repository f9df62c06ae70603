"""The load test's short form for CI: 6 sessions × 3 changes on a real server, no errors, every chart new.

The full test is `python -m tests.load.load_test --sessions 30 --changes 10` (see load_test.py).
Without Chromium this skips with one line saying how to get it, except in CI (the CI variable
set), where a missing browser is a failure: the browser tests' rule, by their own fixture.
"""
from __future__ import annotations

import concurrent.futures

from tests.e2e.conftest import OUTPUT
from tests.load.load_test import Options, Report, plan_sessions, run_load

SESSIONS, CHANGES = 6, 3


def run_in_own_thread(options: Options) -> Report:
    """run_load in a thread of its own: its asyncio loop must not meet one a sync Playwright fixture left
    running."""
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(run_load, options).result()


def test_the_plan_mixes_shared_and_own_sessions_and_every_kind_of_change():
    plans = plan_sessions(30, 10)
    changes = [c for p in plans for c in p.changes[1:]]
    assert sum(p.shared for p in plans) == 15
    assert {c.kind for c in changes} == {"degree", "steps", "seed", "link"}
    for plan in plans:  # every change asks for a view other than the one shown
        assert all(a.view != b.view for a, b in zip(plan.changes, plan.changes[1:]))
    own = {c.view for p in plans if not p.shared for c in p.changes}
    shared = {c.view for p in plans if p.shared for c in p.changes}
    assert not own & shared  # an own session never asks for what a shared one does


def test_concurrent_sessions_each_get_a_new_chart_for_every_change_without_errors(chromium: str):
    # The limits are generous on purpose: this checks errors and charts, not speed (a busy 2-core CI
    # machine took up to 58 s for the whole load); the full run reports the times.
    report = run_in_own_thread(Options(SESSIONS, CHANGES, think_max_s=0.3, ramp_s=1.0, open_timeout_s=90.0,
                                       change_timeout_s=60.0, deadline_s=180.0,
                                       output=OUTPUT.parent / "load-ci"))
    print(report.table())
    assert report.errors == 0, "\n".join(report.error_lines())
    assert report.new_charts == SESSIONS * CHANGES
    assert len([r for r in report.results if r.index == 0 and r.error is None]) == SESSIONS
