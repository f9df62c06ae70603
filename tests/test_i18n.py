"""The translation table (components/state/i18n.py), the page in each language, and no UI text outside the
table."""
from __future__ import annotations

import ast
import pickle
import re
import string

import pytest
from streamlit.testing.v1 import AppTest

from components.state.i18n import EN, KO, LANGUAGES, TABLES, Phrase, text
from components.state.presets import PRESETS
from components.state.settings import FIELDS, VIEW_FIELDS, from_query
from components.ui.controls import ADVANCED
from tests.conftest import ROOT, alerts, open_page, page_figure

HANGUL = re.compile("[\uac00-\ud7a3]")


def blanks(template: str) -> list[tuple[str, str, str | None]]:
    """The {blanks} of a str.format template: (name, format spec, conversion) of each."""
    return sorted((name, spec or "", conversion)
                  for _, name, spec, conversion in string.Formatter().parse(template)
                  if name is not None)


def test_every_language_has_exactly_the_same_keys():
    assert list(TABLES) == list(LANGUAGES) == ["en", "ko"]
    assert set(EN) == set(KO)


@pytest.mark.parametrize("key", sorted(EN))
def test_each_key_has_the_same_blanks_in_every_language_and_no_empty_text(key):
    assert EN[key].strip() and KO[key].strip()
    assert blanks(EN[key]) == blanks(KO[key])


def test_the_korean_uses_the_korean_tutorials_terms():
    korean = " ".join(KO.values())
    for term in ("학습률", "손실", "경사하강법", "다항식", "변화도", "가중치"):
        assert term in korean, term
    assert (KO["label.lr"] == "학습률" and KO["label.loss"] == "손실"
            and "경사하강법" in KO["choice.optimizer.gd"])


def test_every_key_the_code_builds_from_a_name_is_in_the_table():
    for name in ("degree", "lr", "steps", *ADVANCED):
        assert f"label.{name}" in EN
        for choice in FIELDS[name].choices:
            assert f"choice.{name}.{choice}" in EN
    for preset in PRESETS:
        assert preset.name.key in EN and preset.shows.key in EN
    assert all(f"language.{code}" in EN for code in LANGUAGES)


def test_a_missing_key_or_language_raises():
    with pytest.raises(KeyError):
        text("ko", "no.such.key")
    with pytest.raises(KeyError):
        text("fr", "page.title")


def test_a_phrase_is_its_english_text_and_says_itself_in_korean():
    phrase = Phrase("allowed.whole_number", low=1, high=15)
    assert phrase == "a whole number from 1 to 15" and isinstance(phrase, str)
    assert phrase.in_("en") == phrase and phrase.in_("ko") == "1부터 15까지의 정수만 쓸 수 있습니다"
    copy = pickle.loads(pickle.dumps(phrase))  # Streamlit's cache pickles the notices inside a run
    assert copy == phrase and copy.in_("ko") == phrase.in_("ko")


def test_a_url_message_quotes_its_error_in_the_same_language():
    _, (message,) = from_query({"degree": "abc"})
    assert message == ("degree: 'abc' is not allowed; allowed: a whole number from 1 to 15. "
                       "Using the default, 3.")
    korean = message.in_("ko")
    assert korean.startswith("degree: 'abc'") and "1부터 15까지의 정수" in korean and "기본값 3" in korean


# The page, run by AppTest in each language.
PAGES = {
    "default": {},
    "diverging": {"lr": "1e-2"},
    "bad URL value": {"degree": "abc"},
    "lecture": {"mode": "lecture"},
    "closed form": {"steps": "1000000"},
    "views": {"taylor": "1", "extrapolate": "1", "axis": "log", "plane": "c0-c2"},
    "no Taylor series, adam": {"taylor": "1", "target": "abs", "optimizer": "adam", "lr": "1e-2"},
}




figure = page_figure


def visible_texts(at: AppTest) -> dict[str, str]:
    """What a reader sees in words: titles, labels, notes, metric labels, the button, the chart's words."""
    sidebar = at.sidebar
    widgets = [*sidebar.radio, *sidebar.toggle, *sidebar.selectbox, *sidebar.slider, *sidebar.select_slider,
               *sidebar.number_input, *sidebar.text_input]
    shown = {
        **{f"label {w.key}": w.label for w in widgets},
        **{f"header {i}": h.value for i, h in enumerate(sidebar.header)},
        **{f"subheader {i}": h.value for i, h in enumerate(at.main.subheader)},
        **{f"caption {i}": c.value for i, c in enumerate(at.caption)},
        **{f"message {i}": message for i, message in enumerate(alerts(at))},
        **{f"metric {i}": m.label for i, m in enumerate(at.metric)},
        **{f"button {i}": b.label for i, b in enumerate(at.button)},
    }
    fig = figure(at)
    layout = fig["layout"]
    shown["figure title"] = layout["title"]["text"]
    shown.update({f"panel {i}": a["text"] for i, a in enumerate(layout["annotations"])})
    shown.update({f"trace {t['name']}": t["name"] for t in fig["data"] if t.get("showlegend", True)})
    shown.update({f"button {b['label']}": b["label"] for b in layout["updatemenus"][0]["buttons"]})
    shown["slider prefix"] = layout["sliders"][0]["currentvalue"]["prefix"]
    shown.update({f"axis {axis}": layout[axis]["title"]["text"] for axis in ("xaxis2", "yaxis2")})
    return shown


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_page_renders_in_each_language(lang, page):
    at = open_page(**PAGES[page], **({"lang": lang} if lang != "en" else {}))
    assert not at.exception, [e.value for e in at.exception]
    assert at.sidebar.radio(key="lang").value == lang
    shown = visible_texts(at)
    assert len(shown) > 15
    if lang == "ko":
        english = {where: words for where, words in shown.items() if not HANGUL.search(words)}
        assert not english, english
    else:
        assert not any(HANGUL.search(words) for words in shown.values())
    if page == "bad URL value":
        assert len(alerts(at, "warning")) == 1
    if page == "diverging":
        stepping = {text(lang, f"step.{key}") for key in ("previous_stage", "next_stage", "next_step")}
        stepping.add(text(lang, "pin.pin"))  # the page's buttons besides the one that offers a stable rate
        offered = [b for b in at.main.button if b.label not in stepping]  # (the sidebar's paste button aside)
        assert len(alerts(at, "error")) == 1 and len(offered) == 1
    if page == "lecture":
        assert len(at.sidebar.expander) == 0 and at.sidebar.toggle(key="lecture").value


def test_the_language_control_switches_the_page_and_the_url_and_keeps_the_settings():
    at = open_page(degree="5")
    at.sidebar.radio(key="lang").set_value("ko").run()
    assert not at.exception and at.query_params["lang"] == "ko" and at.query_params["degree"] == "5"
    assert (at.sidebar.slider(key="degree").value == 5
            and at.sidebar.slider(key="degree").label == "다항식의 차수")
    assert "x^{5}" in at.latex[0].value and HANGUL.search(figure(at)["layout"]["title"]["text"])
    at.sidebar.radio(key="lang").set_value("en").run()
    assert "lang" not in at.query_params and at.sidebar.slider(key="degree").value == 5
    assert at.main.subheader[0].value == "Polynomial Autograd Playground"


def test_url_messages_follow_the_language_control():
    at = open_page(degree="abc")
    assert "is not allowed" in alerts(at, "warning")[0]
    at.sidebar.radio(key="lang").set_value("ko").run()
    assert "쓸 수 없습니다" in alerts(at, "warning")[0]


# No UI text hard-coded outside the table: the page's sources are scanned for English in string literals.
UI_CALLS = {  # Streamlit calls whose arguments are shown to the reader
    "title", "header", "subheader", "caption", "text", "markdown", "write", "info", "warning", "error",
    "success", "toast", "button", "toggle", "checkbox", "radio", "selectbox", "multiselect", "slider",
    "select_slider", "number_input", "text_input", "text_area", "expander", "metric", "spinner", "progress",
    "set_page_config", "cache_data", "tabs", "download_button", "segmented_control", "pills",
}
TECHNICAL_KEYWORDS = {"key", "type", "format", "layout", "initial_sidebar_state", "page_icon",
                      "label_visibility", "max_entries", "on_change", "on_click", "args", "kwargs", "width"}
WORDS = re.compile(r"[A-Za-z]{2,}[\s,;:.!?'’-]+[A-Za-z]{2,}")  # two English words in a row


def literals(node: ast.AST) -> list[ast.Constant]:
    """The string literals in an expression: an f-string's text, not its format specs (the .3g of {v:.3g})
    nor the keys of subscripts (st.session_state["lang"])."""
    technical = {id(c) for v in ast.walk(node) if isinstance(v, ast.FormattedValue) and v.format_spec
                 for c in ast.walk(v.format_spec)}
    technical |= {id(v.slice) for v in ast.walk(node) if isinstance(v, ast.Subscript)}
    return [c for c in ast.walk(node) if isinstance(c, ast.Constant) and isinstance(c.value, str)
            and id(c) not in technical]


def is_key(literal: str) -> bool:
    """A key of the table, the start of keys built from a name ("label." in f"label.{name}"), a setting's
    name, or a downloaded file's name (frames.csv)."""
    return (literal in EN or literal in FIELDS or literal in VIEW_FIELDS
            or (literal.endswith(".") and any(key.startswith(literal) for key in EN))
            or re.fullmatch(r"[\w-]+\.(csv|gif|html|py)", literal) is not None)


def docstrings(tree: ast.Module) -> set[int]:
    return {id(node.body[0].value) for node in ast.walk(tree)
            if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
            and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}


def hard_coded_texts(source: str) -> list[str]:
    """Literals shown by a Streamlit call, and any other literal of two or more English words, outside
    docstrings and the page's CSS and script constants (COMPACT_PAGE, AUTOPLAY_SCRIPT)."""
    tree = ast.parse(source)
    skip = docstrings(tree)
    for node in tree.body:  # module constants in upper case hold CSS and JavaScript, not words for a reader
        if isinstance(node, ast.Assign) and all(isinstance(t, ast.Name) and t.id.isupper()
                                                for t in node.targets):
            skip |= {id(c) for c in literals(node.value) if "<" in str(c.value)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in UI_CALLS:
            shown = [*node.args, *(k.value for k in node.keywords if k.arg not in TECHNICAL_KEYWORDS)]
            found += [c.value for arg in shown for c in literals(arg)
                      if re.search("[A-Za-z]", c.value) and not is_key(c.value)]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            if WORDS.search(node.value) and not is_key(node.value):
                found.append(node.value)
    return sorted(set(found))


@pytest.mark.parametrize("path",
                         ["app.py", "components/ui/controls.py",
                          *(f"components/ui/panels/{name}.py"
                            for name in ("chart", "notes", "metrics", "downloads", "convergence"))])
def test_the_page_has_no_hard_coded_ui_text(path):
    assert hard_coded_texts((ROOT / path).read_text(encoding="utf-8")) == []


def test_the_scan_finds_hard_coded_text():
    source = '''
import streamlit as st
st.header("Settings")
st.metric(text(lang, "metric.time"), f"{seconds:.3g} s")
st.warning(f"{error} Running on the CPU instead.")
st.slider(label(lang, "degree"), 1, 15, key="degree", format="%d")
gap = "diverged" if diverged else "fine"
note = "Not converged yet"
st.button(text(lang, "page.use_lr"), type="primary")
'''
    assert hard_coded_texts(source) == [" Running on the CPU instead.", " s", "Not converged yet", "Settings"]
