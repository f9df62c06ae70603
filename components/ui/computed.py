"""The page's computations, cached: a run's data, the run, its analysis, what is drawn beside it, the chart's
data. Each is built once per settings and shared by every session; app.py puts them in the Page record.

In a module of their own, not in app.py: Streamlit runs app.py afresh on every rerun, and each cached
function it defines there is registered anew (its source read and hashed) every time.
"""
from __future__ import annotations

import functools
import time

import streamlit as st

from components.engine.analysis import Analysis, analyse
from components.engine.closed_form import closed_form_trajectory
from components.engine.optimizers import OPTIMIZERS
from components.engine.runs import TIME_BUDGET_S, autograd_seconds, pinned_run, run, uses_closed_form
from components.engine.taylor import Taylor, taylor_polynomial
from components.engine.training import Trajectory, resolve_device
from components.problem.data import RunData, data_key, run_data
from components.state.errors import SettingError
from components.state.i18n import text
from components.state.pins import same_run
from components.state.settings import Settings
from components.ui import controls
from components.ui.page import PinnedRun
from components.views.comparison import pin_label, pinned_curve
from components.views.figures import FigureData
from components.views.summary import figure_data

PROGRESS_AFTER_S = 1.0  # runs shorter than this finish before a progress bar would help
PROGRESS_STEPS = 10  # the bar moves in tenths of the run
# A class clicking through settings asks for hundreds of distinct runs; most are a few kilobytes, so
# many are kept, and server.maxCacheDataSize in .streamlit/config.toml bounds their bytes (a million-step
# loss curve is 4 MB), least recently used out first. No ttl: measured, a ttl raised the server's memory
# by 63 MiB from the first page on.
CACHE_KEYS = {Settings: lambda settings: settings.key}  # how every cache here hashes a Settings
cached = functools.partial(st.cache_data, max_entries=512, show_spinner=False, hash_funcs=CACHE_KEYS)
shared = functools.partial(st.cache_resource, show_spinner=False, hash_funcs=CACHE_KEYS)


@shared(max_entries=4)
def shared_data(key: tuple, _settings: Settings) -> RunData:
    """A run's samples and features, built once and shared (not copied) by every run on the same samples:
    cached by `key` (data_key), whatever the learning rate, steps or optimizer."""
    return run_data(_settings)


def data_of(settings: Settings) -> RunData:
    return shared_data(data_key(settings), settings)


@cached
def train(settings: Settings, _lang: str) -> Trajectory:
    """The run, cached by settings (not by the language: Streamlit leaves _-named arguments out of the key);
    a progress bar appears once a run has taken a second.

    Streamlit replays what a cached function drew on every later call that finds it cached: the bar's
    messages come back on each rerun of a long run (drawn and cleared at once). So the bar moves in tenths,
    a dozen messages at most.
    """
    started, bar, shown = time.perf_counter(), None, -1

    def on_progress(step: int, total: int) -> None:
        nonlocal bar, shown
        if bar is None and time.perf_counter() - started > PROGRESS_AFTER_S:
            bar = st.progress(0.0)
        if bar is not None and step * PROGRESS_STEPS // total > shown:
            shown = step * PROGRESS_STEPS // total
            bar.progress(step / total, text=text(_lang, "page.progress", step=step, total=total))

    trajectory = run(settings, on_progress=on_progress, time_budget_s=TIME_BUDGET_S, data=data_of(settings),
                     analysis=analysis_of(settings) if uses_closed_form(settings) else None)
    if bar is not None:
        bar.empty()
    return trajectory


def analysis_key(settings: Settings) -> tuple:
    """The samples' key, the loss and the optimizer (with its β where it has one)."""
    uses_beta = OPTIMIZERS[settings.optimizer].uses_beta
    return (*data_key(settings), settings.loss, settings.optimizer, settings.beta if uses_beta else None)


def analysis_of(settings: Settings) -> Analysis:
    """The loss's optimum and Hessian: shared by every run on the same samples, loss and optimizer, whatever
    its learning rate or steps, and its seed where the seed draws no samples (a class trying learning rates
    asks for one)."""
    return shared_analysis(analysis_key(settings), settings)


@cached
def shared_analysis(key: tuple, _settings: Settings) -> Analysis:
    return analyse(_settings, data_of(_settings))


def plain_descent(settings: Settings) -> Trajectory | None:
    """For a momentum run, plain gradient descent with the same settings, drawn beside it (exact, in closed
    form); None for any other run, without a look in the cache."""
    return plain_descent_beside(settings) if OPTIMIZERS[settings.optimizer].uses_beta else None


@cached
def plain_descent_beside(settings: Settings) -> Trajectory:
    """plain_descent's run, cached by the momentum run's settings."""
    return closed_form_trajectory(settings.replace(optimizer="gd"), analysis=analysis_of(settings),
                                  data=data_of(settings))


@cached
def taylor_of(settings: Settings) -> Taylor:
    """The target's Taylor polynomial of the run's degree (its derivatives by autograd)."""
    return taylor_polynomial(settings, data_of(settings))


@cached
def pinned_trajectory(settings: Settings, frame_steps: tuple[int, ...]) -> Trajectory:
    """A pinned run at the current run's frame steps (components/engine/runs.py: pinned_run)."""
    return pinned_run(settings, frame_steps, data=data_of(settings), analysis=analysis_of(settings))


def pinned_runs(pins: tuple[Settings, ...], settings: Settings, trajectory: Trajectory,
                lang: str) -> tuple[PinnedRun, ...]:
    """The pinned runs beside this one, each labelled by what differs from it."""
    steps = tuple(int(s) for s in trajectory.frame_steps)
    return tuple(PinnedRun(pin, pin_label(pin, settings, lang),
                           pinned_trajectory(on_this_machine(pin), steps), analysis_of(pin),
                           style=controls.style_of(pin))
                 for pin in pins if not same_run(pin, settings))  # this run is drawn anyway


@cached
def chart_data(settings: Settings, lang: str, per_line: int, extrapolate: bool, taylor: bool,
               pins_drawn: tuple[tuple[Settings, int], ...], _trajectory: Trajectory,
               _pinned: tuple[PinnedRun, ...]) -> FigureData:
    """What the chart draws: built once per settings, view, pinned runs drawn (each with its colour, which
    depends on what the session pinned before) and language (a noisy run's held-out loss at every frame takes
    a pass over all its samples). The run and the pinned runs themselves are handed in (train's and
    pinned_runs' of these settings): asked of train() in here, its progress bar would be replayed twice on
    every rerun."""
    trajectory = _trajectory
    curves = [pinned_curve(p.trajectory, trajectory.frame_steps, p.label, lang, style=p.style)
              for p in _pinned]
    return figure_data(trajectory, analysis_of(settings), lang, reference=plain_descent(settings),
                       equation_terms=per_line, data=data_of(settings),
                       extrapolate=extrapolate, taylor=taylor_of(settings).coefficients if taylor else None,
                       pinned=curves)


def autograd_estimate(settings: Settings) -> float | None:
    """How long step-by-step autograd would have taken, said beside a closed-form answer (None beside a run
    autograd made, without a look in the cache)."""
    return measured_autograd_seconds(settings) if uses_closed_form(settings) else None


@cached
def measured_autograd_seconds(settings: Settings) -> float:
    """autograd_estimate's figure, measured once per settings (a few timed steps of the engine)."""
    return autograd_seconds(settings, data_of(settings))


def on_this_machine(settings: Settings) -> Settings:
    """A pinned run on the CPU if the device it asks for is not here (the current run says so, once)."""
    try:
        resolve_device(settings.device)
        return settings
    except SettingError:
        return settings.replace(device="cpu")
