"""Predict, then reveal (components/views/prediction.py and the page): the outcome of a run against the
engine, the start-only chart, the guess's score, and the page withholding the outcome until Reveal."""
from __future__ import annotations

import pytest

from components.engine.analysis import analyse
from components.engine.runs import run
from components.state.settings import Settings
from components.views.prediction import Outcome, outcome_of, score, start_only
from components.views.summary import figure_data
from tests.conftest import alerts, open_page, page_figure


@pytest.mark.parametrize("settings, kind, step", [
    (Settings(degree=4), "diverges", 31),
    (Settings(optimizer="momentum"), "converges", 255),
    (Settings(), "crawls", 3044),  # the note's own estimate: about 3,044 steps in all
])
def test_the_outcome_is_the_engines(settings, kind, step):
    assert outcome_of(run(settings), analyse(settings)) == Outcome(kind, step)


def test_the_start_only_chart_holds_step_0_and_nothing_after():
    settings = Settings(degree=4)
    data = start_only(figure_data(run(settings), analyse(settings)))
    assert data.frame_steps.tolist() == [0] and len(data.loss) == 1 and data.diverged_at is None


@pytest.mark.parametrize("kind, within, says", [
    ("diverges", 100, "right."), ("diverges", 1000, "right about what it does, not about when."),
    ("converges", 100, "but it diverged at step 31."),
])
def test_a_guess_is_scored_on_what_and_when(kind, within, says):
    sentence = score(kind, within, Outcome("diverges", 31))
    assert sentence.endswith(says) and sentence.startswith(f"You said it {kind}")
    assert "31단계에서 발산" in score(kind, within, Outcome("diverges", 31), "ko")


def test_a_link_with_predict_withholds_the_outcome_until_reveal_and_then_scores_it():
    at = open_page(predict="1", degree="4")
    assert len(page_figure(at)["frames"]) == 1 and not alerts(at)  # no notes, no loss curve, no metrics
    assert not at.metric and not at.tabs
    at.radio(key="predict_kind").set_value("converges").run()
    next(b for b in at.button if b.label == "Reveal").click().run()
    assert alerts(at)[0] == "You said it converges within 1,000 steps, but it diverged at step 31."
    assert len(page_figure(at)["frames"]) > 1 and at.metric
    at.sidebar.slider(key="degree").set_value(3).run()  # a new run: hidden again
    assert len(page_figure(at)["frames"]) == 1 and at.query_params["predict"] == "1"
    at.sidebar.toggle(key="view_predict").set_value(False).run()
    assert len(page_figure(at)["frames"]) > 1 and "predict" not in at.query_params


def test_predict_in_lecture_mode_and_in_korean():
    at = open_page(predict="1", mode="lecture", lang="ko")
    assert not at.exception and next(b for b in at.button if b.label == "공개")


def test_a_crawl_with_no_estimate_is_said_without_one():
    said = score("crawls", 1_000, Outcome("crawls", None))  # Adam: no linear rate to estimate from
    assert said == "You said it crawls, and it crawls: not within 1% in its steps: right."
    assert "3,044" in score("converges", 1_000, Outcome("crawls", 3044))


def test_a_preset_in_force_does_not_give_a_withheld_run_away():
    at = open_page(predict="1", degree="4")  # the degree-4 preset, whose sentence says it diverges
    assert not any("diverges within 40 steps" in c.value for c in at.sidebar.caption)
    next(b for b in at.button if b.label == "Reveal").click().run()
    assert any("diverges within 40 steps" in c.value for c in at.sidebar.caption)
