"""Random query strings against the real page (AppTest): whatever the URL says, the page draws.

FUZZ_EXAMPLES sets how many (60 by default, so the suite stays quick; the README reports a run of
1,000). Numbers are kept small enough that a valid run takes well under a second; garbage is not.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from components.state.settings import FIELDS, LIST_KEYS, VIEW_FIELDS
from components.ui.controls import VIEW_STORE
from tests.conftest import ROOT, page_figure

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
NASTY = ["", " ", "nan", "inf", "-inf", "-1", "0", "1e99", "1e-400", "3;import os", "__import__('os')",
         "None", "[]", "%00", "\x00", "ｓｉｎ(x)", "x" * 5000, "1" * 400, "0x10", "1_000", "+5", "٣",
         "sin(x)", "exp(x)**x"]
QUICK_NUMBERS = st.one_of(st.integers(-5, 3000).map(str),
                          st.floats(allow_nan=True, allow_infinity=True).map(repr),
                          st.integers(1_000_001, 10**30).map(str))  # valid ones small, large ones invalid
VALUES = st.one_of(st.sampled_from(NASTY), st.text(max_size=40), QUICK_NUMBERS,
                   st.sampled_from([c for f in FIELDS.values() for c in f.choices]))
KEYS = st.one_of(st.sampled_from([*FIELDS, *VIEW_FIELDS, *LIST_KEYS]),
                 st.sampled_from(["colour", "Degree", "degree ", "", "a" * 300]))
QUERIES = st.dictionaries(KEYS, st.one_of(VALUES, st.lists(VALUES, min_size=2, max_size=3)), max_size=8)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=False)
@given(query=QUERIES)
def test_any_query_string_gives_a_page_with_its_charts_and_no_exception(query):
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, (query, at.exception)
    # the animated chart (with predict=1 its start alone, and nothing else until Reveal)
    assert len(page_figure(at)["frames"]) >= 1, query
    withheld = any(r.key == "predict_kind" for r in at.radio)
    if not withheld:  # and the step's fit where its section is open, the eigenmodes and the spectrum where
        opened = at.session_state[VIEW_STORE]  # theirs is (the open tab: the others are drawn when chosen)
        assert len(at.get("plotly_chart")) == 1 + opened["inside"] + 2 * opened["why"], query
