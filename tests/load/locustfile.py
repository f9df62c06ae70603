"""Locust: a lecture hall's students over Streamlit's own protocol, no browser (the server alone is
measured).

    locust -f tests/load/locustfile.py --headless --host http://127.0.0.1:8501 -u 30 -r 30 --csv out

Each simulated student opens the page (its own seed for half of them, the lecturer's for the rest: cache
misses and hits), then changes the degree LOAD_CHANGES times (5), waiting LOAD_THINK seconds (1) after each
reply, through scripts/streamlit_session.py's client. A change is timed from the message sent to the
server's script_finished and is an error when the page shows an exception, when its equation has a power
above the degree asked for, when its chart's title names another degree, or on a timeout. A broken
connection is connected again through the same address and counted as a "reconnect", not as an error: the
settings come back from the URL. When every student has made all its changes, the run stops itself.
bench/hall.py runs this against scripts/serve.sh and reads the CSV it writes.
"""
from __future__ import annotations

import itertools
import os
import random
import re
import time

import gevent
from locust import User, constant, events, task
from locust.exception import StopUser

from scripts.streamlit_session import Rerun, StreamlitSession

CHANGES = int(os.environ.get("LOAD_CHANGES", "5"))
THINK_S = float(os.environ.get("LOAD_THINK", "1.0"))
DEGREES = range(1, 9)
DEGREE_SLIDER = "Degree of the polynomial"
# Stable at every degree (the scaled basis below lr ≈ 4e-4): no run diverges, each takes 0.05-0.3 s.
VIEW = "lr=0.0001&basis=scaled&steps=1000"
numbers = itertools.count()
finished = itertools.count(1)


def shows_degree(reply: Rerun, degree: int) -> str | None:
    """Why the reply is not the page of this degree (None when it is)."""
    if reply.exceptions:
        return f"exception: {reply.exceptions[0][:200]}"
    powers = [int(p) for p in re.findall(r"x\^\{(\d+)\}", "".join(reply.latex))]
    if not reply.latex or max(powers, default=1) > degree:
        return f"the equation is not of degree {degree}"
    if not any(f'"Degree {degree} fit' in chart for chart in reply.charts):
        return f"the chart's title is not degree {degree}'s"
    return None


class Student(User):
    wait_time = constant(THINK_S)

    def on_start(self) -> None:
        number = next(numbers)
        seed = number if number % 2 else 0  # odd students: their own seed; even ones: the lecturer's link
        self.degree = 3
        self.changes = 0
        self.session = StreamlitSession(self.host, query=f"degree=3&{VIEW}&seed={seed}")
        self.timed("open page", self.session.rerun, self.degree)

    def on_stop(self) -> None:
        self.session.close()
        if next(finished) == self.environment.runner.target_user_count:
            # Every student is done. Quit from a greenlet of its own, a moment later: quitting from inside
            # the last student's greenlet once wrote Locust's CSV before that student's last change was in it.
            gevent.spawn_later(1.0, self.environment.runner.quit)

    @task
    def change_degree(self) -> None:
        if self.changes >= CHANGES:
            raise StopUser()
        self.degree = random.choice([d for d in DEGREES if d != self.degree])
        self.changes += 1
        self.timed("change degree", lambda: self.session.rerun({DEGREE_SLIDER: self.degree}), self.degree)

    def timed(self, name: str, rerun, degree: int) -> None:
        started, error, reply = time.perf_counter(), None, None
        try:
            reply = rerun()
            problem = shows_degree(reply, degree)
            error = AssertionError(problem) if problem else None
        except Exception as failure:  # a timeout, a server gone for good: the change failed
            error = failure
        elapsed_ms = (time.perf_counter() - started) * 1e3
        events.request.fire(request_type="rerun", name=name, response_time=elapsed_ms, response_length=0,
                            exception=error, context={})
        if reply is not None and reply.reconnected:
            events.request.fire(request_type="reconnect", name="reconnect", response_time=elapsed_ms,
                                response_length=0, exception=None, context={})
