"""The sidebar's widgets, and the panels' view choices (a toggle, a section opened), bound to Settings, the
View and the URL query string.

The URL is read once, when a session opens: its values seed the settings' store (a bad value becomes
a message and the default). From then on the store is the truth: each widget shows its entry and
writes it back when changed, and every rerun writes the settings that differ from the defaults (and
matter) back into the URL, so a copied link reproduces the view.
Every word the sidebar shows comes from the translation table (components/state/i18n.py), in the language
of the sidebar's language control (lang=ko in the URL).
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

import streamlit as st
from streamlit.elements.lib.mutable_expander_container import ExpanderContainer

from components.problem.targets import target_fault, target_label
from components.state.comparisons import BY_KEY as COMPARISONS_BY_KEY
from components.state.comparisons import COMPARISONS, Comparison
from components.state.expression import EXPRESSION_HELP, MAX_LENGTH
from components.state.i18n import LANGUAGES, Phrase, text
from components.state.pins import MAX_PINS, parse_pins, pin_text, same_run
from components.state.presets import BY_KEY, PRESETS, Preset
from components.state.settings import (
    DEFAULTS,
    FIELDS,
    LEAST_LR,
    MAX_STEPS,
    PANEL_VIEW,
    Settings,
    View,
    format_value,
    from_query,
    in_use,
    link_carries,
    to_query,
    view_from_query,
    view_query,
)
from components.ui import points_input
from components.views.formatting import format_lr

SEEDED = "_seeded_from_url"
URL_MESSAGES = "_url_messages"


def log_marks(low_exponent: int, high_exponent: int) -> list[float]:
    """1, 2, 5 in every decade from 10^low to 10^high, parsed from text so each is the exact decimal."""
    marks = [float(f"{m}e{e}") for e in range(low_exponent, high_exponent) for m in (1, 2, 5)]
    return marks + [float(f"1e{high_exponent}")]


LR_MARKS = log_marks(round(math.log10(LEAST_LR)), 0)
STEP_MARKS = [int(v) for v in log_marks(1, round(math.log10(MAX_STEPS)))]


def label(lang: str, name: str) -> str:
    """The widget label of setting `name` (table key label.<name>)."""
    return text(lang, f"label.{name}")


def choice_label(lang: str, name: str, choice: str) -> str:
    """How a select box of setting `name` shows one of its choices (table key choice.<name>.<choice>)."""
    return text(lang, f"choice.{name}.{choice}")

ADVANCED = ("optimizer", "beta", "basis", "target", "expr", "data", "holdout", "points", "noise", "loss",
            "seed", "device", "dtype", "xmin", "xmax", "engine")
NUMBER_STEPS = {"points": 100, "noise": 0.05, "seed": 1, "beta": 0.05, "xmin": 0.5, "xmax": 0.5,
                "holdout": 0.05}
# Streamlit forgets the state of a widget that a run does not draw (the Advanced settings while Advanced
# is closed or in lecture mode, β for plain gradient descent). So the settings live here, in session state
# under a key no widget has; each widget mirrors its entry before it is drawn and writes it back when changed.
STORE = "_settings"
ADVANCED_KEY = "advanced"  # the Advanced expander's widget
ADVANCED_OPEN = f"_{ADVANCED_KEY}_open"  # whether it is open (kept_open)
STEP = "_step"  # the step inside one step shows: the view's, kept here for the same reason
SWITCHES = ("taylor", "extrapolate", "predict", "inside", "why")  # 0 or 1 in the link, a toggle or a section
REVEALED = "_revealed"  # each run revealed after a prediction → the guess it got (ui/panels/prediction.py)
PIN_STYLES = "_pin_styles"  # each pinned run's colour and dash
PINS = "_pins"  # the pinned runs' whole Settings (components/state/pins.py), in the link as pin=
VIEW_STORE = "_view"  # the panels' view choices (PANEL_VIEW: Taylor, … the sections open), likewise


@dataclass(frozen=True)
class Controls:
    """What the sidebar shows: the settings, the view, and what to tell the reader about them."""

    settings: Settings
    view: View
    warnings: list[Phrase]  # a value that was not allowed, and what replaced it
    prompts: list[Phrase]  # what the reader still has to do (type a formula)


def validated(query: Mapping[str, str | Sequence[str]]) -> tuple[Settings, list[Phrase]]:
    """Settings from strings, every bad value replaced by its default with a message; a typed target
    that is not finite on the samples is replaced by the default target. The messages are Phrases:
    the page says them in its language."""
    settings, messages = from_query(query)
    if settings.target == "expr" and (problem := target_fault(settings)):
        messages.append(Phrase("query.bad_target", problem=problem))
        settings = settings.replace(target=DEFAULTS.target)
    return settings, messages


def seed_from_url() -> None:
    """On a session's first run, copy the URL's settings into the store."""
    if st.session_state.get(SEEDED):
        return
    query = {key: st.query_params.get_all(key) for key in st.query_params}
    settings, messages = validated(query)
    view, view_messages = view_from_query(query)
    st.session_state[STORE] = {name: getattr(settings, name) for name in FIELDS}
    st.session_state.setdefault(ADVANCED_OPEN, False)  # closed, unless a test opened it before the first run
    st.session_state["lecture"] = view.mode == "lecture"
    st.session_state["lang"] = view.lang
    st.session_state[STEP] = view.step
    st.session_state[VIEW_STORE] = {name: getattr(view, name) for name in PANEL_VIEW}
    st.session_state[PINS], pin_messages = trainable_pins(query.get("pin", []), settings)
    st.session_state[URL_MESSAGES] = (settings, messages + view_messages + pin_messages)
    st.session_state[SEEDED] = True


def trainable_pins(texts: Sequence[str], settings: Settings) -> tuple[list[Settings], list[Phrase]]:
    """The link's pins (components/state/pins.py), less those whose typed target is not finite on the samples
    (each said, like the current run's)."""
    pins, messages = parse_pins(texts, settings)
    kept = []
    for number, pin in enumerate(pins, start=1):
        if pin.target == "expr" and (problem := target_fault(pin)):
            messages.append(Phrase("pins.bad", number=number, pin=pin_text(pin, settings), error=problem))
        else:
            kept.append(pin)
    return kept, messages


def stored() -> dict[str, Any]:
    """Every setting's value as the reader left it, drawn or not."""
    return st.session_state[STORE]


def set_setting(name: str, value: Any) -> None:
    """Change one setting (from a callback: before the widgets are drawn)."""
    stored()[name] = value


def keep(name: str) -> None:
    """A widget's callback: its new value becomes the setting's."""
    stored()[name] = st.session_state[name]


def keep_expression(name: str) -> None:
    """Typing a formula chooses it as the target: nobody types one to leave sin(x) on the chart."""
    keep(name)
    if stored()["expr"].strip():
        stored()["target"] = "expr"


def bound(name: str, on_change: Callable[..., None] = keep) -> dict[str, Any]:
    """A widget's key and callback, its state set from the store first (it may not have been drawn last
    run)."""
    st.session_state[name] = stored()[name]
    return {"key": name, "on_change": on_change, "args": (name,)}


def carried(settings: Settings) -> list[str]:
    """The settings a preset's or a comparison's run sets: every one, but the reader's points only if it
    fits points (nothing the reader brought is lost to a click)."""
    return [name for name in FIELDS if name != "data" or settings.target == "data"]


def shown(settings: Settings) -> bool:
    """Whether the widgets show exactly these settings (the reader's points kept aside, unless fitted)."""
    return all(stored()[n] == getattr(settings, n) for n in carried(settings))


def applied(settings: Settings) -> None:
    """Set every setting to these (a preset's, a comparison's), the reader's points kept aside."""
    stored().update({name: getattr(settings, name) for name in carried(settings)})


def preset_in_force() -> Preset | None:
    """The preset whose settings the widgets show, if any."""
    return next((p for p in PRESETS if shown(p.settings)), None)


def apply_preset() -> None:
    """Set every setting to the chosen preset's (a callback: it runs before the widgets are drawn)."""
    preset = BY_KEY.get(st.session_state["preset"])
    if preset:
        applied(preset.settings)


def pinned() -> list[Settings]:
    """The pinned runs, oldest first."""
    return st.session_state[PINS]


def is_pinned(settings: Settings) -> bool:
    return any(same_run(settings, other) for other in pinned())


def pin(settings: Settings) -> None:
    """A button's callback: keep this run beside the next ones (up to MAX_PINS, once each)."""
    if not is_pinned(settings) and len(pinned()) < MAX_PINS:
        pinned().append(settings)


def withheld(settings: Settings) -> bool:
    """Whether this run's outcome is hidden until the reader predicts it (predict=1, not yet revealed)."""
    return bool(view_choice("predict")) and settings not in st.session_state.setdefault(REVEALED, {})


def style_of(settings: Settings) -> int:
    """A pinned run's colour and dash: the first free one when it came, kept while others come and go."""
    styles = st.session_state.setdefault(PIN_STYLES, {})
    if settings not in styles:
        taken = {styles[p] for p in pinned() if p in styles}
        styles[settings] = min(set(range(MAX_PINS)) - taken, default=0)
    return styles[settings]


def unpin(settings: Settings) -> None:
    """A button's callback: drop a pinned run (by what it is, not where it was: a second click finds none)."""
    st.session_state[PINS] = [other for other in pinned() if not same_run(other, settings)]


def comparison_in_force() -> Comparison | None:
    """The prepared comparison the current run and the pins are, if any."""
    return next((c for c in COMPARISONS if shown(c.current)
                 and len(pinned()) == len(c.pinned) and all(map(same_run, pinned(), c.pinned))), None)


def apply_comparison() -> None:
    """The chosen comparison's run and pins (a callback: before the widgets are drawn)."""
    chosen = COMPARISONS_BY_KEY.get(st.session_state["comparison"])
    if chosen:
        applied(chosen.current)
        st.session_state[PINS] = list(chosen.pinned)


def step() -> int:
    """The step inspected (the view's, in the link as step=)."""
    return st.session_state.get(STEP, 0)


def set_step(value: int) -> None:
    st.session_state[STEP] = value


def bound_step() -> dict[str, Any]:
    """The step box's key and callback, its state set from the stored step first (as bound() does)."""
    return kept_widget("step", STEP, 0)


def write_step(value: int) -> None:
    """Put the step into the link (from the step panel's fragment, whose reruns leave the sidebar alone)."""
    if value:
        if st.query_params.get("step") != str(value):  # each write is a message, and this runs on every rerun
            st.query_params["step"] = str(value)
    elif "step" in st.query_params:
        del st.query_params["step"]


def view_choice(name: str) -> Any:
    """One of the panels' view choices (PANEL_VIEW), as the reader left it."""
    return st.session_state[VIEW_STORE][name]


def set_view_choice(name: str, value: Any) -> None:
    st.session_state[VIEW_STORE][name] = value


def reset_view_choice(name: str) -> None:
    """Back to the default (a choice the run does not have), in the link too."""
    set_view_choice(name, getattr(View(), name))
    if name in st.query_params:
        del st.query_params[name]


def keep_view_choice(name: str) -> None:
    value = st.session_state[f"view_{name}"]
    set_view_choice(name, int(value) if isinstance(value, bool) else value)  # a toggle's True is taylor=1


def bound_view(name: str) -> dict[str, Any]:
    """A view widget's key (view_<name>) and callback, its state set from the store first (a switch's as a
    bool)."""
    value = view_choice(name)
    st.session_state[f"view_{name}"] = bool(value) if name in SWITCHES else value
    return {"key": f"view_{name}", "on_change": keep_view_choice, "args": (name,)}


def opened_section(name: str, label: str) -> ExpanderContainer | None:
    """A section of the page that opens on a click (in the link as <name>=1): its expander while open, for
    its content, else None. A closed section builds and sends nothing: the page's two lower sections were
    some 10 ms of the server's CPU for every rerun of every page, read or not (python -m bench.rerun_cost)."""
    section = st.expander(label, **bound_view(name))
    return section if section.open else None


def kept_open(key: str) -> dict[str, Any]:
    """An expander's key and callback, opened as the reader left it (its state kept under _<key>_open)."""
    return kept_widget(key, f"_{key}_open", False)


def kept_widget(key: str, kept: str, default: Any) -> dict[str, Any]:
    """A widget's key and callback, its value kept under `kept`, apart from the widget, which Streamlit
    forgets while it is not drawn and makes anew in another language; set from there first."""
    st.session_state[key] = st.session_state.setdefault(kept, default)
    return {"key": key, "on_change": keep_value, "args": (key, kept)}


def keep_value(key: str, kept: str) -> None:
    st.session_state[kept] = st.session_state[key]


def marks_with(marks: Sequence[Any], value: Any) -> list[Any]:
    """The slider's marks plus the current value, so a value from the URL is kept exactly."""
    return sorted(set(marks) | {value})


def sidebar() -> Controls:
    """Draw the controls; return the settings and view they show, and the messages about them."""
    seed_from_url()
    # the language control's value: a click on it reruns the page in the other
    lang = st.session_state["lang"]
    in_force = preset_in_force()
    st.session_state["preset"] = in_force.key if in_force else ""
    with st.sidebar:
        st.header(text(lang, "sidebar.header"))
        st.radio(text(lang, "language.label"), LANGUAGES, key="lang", horizontal=True,
                 format_func=lambda code: text(lang, f"language.{code}"))
        st.toggle(text(lang, "sidebar.lecture"), key="lecture", help=text(lang, "sidebar.lecture_help"))
        st.toggle(text(lang, "sidebar.predict"), help=text(lang, "sidebar.predict_help"),
                  **bound_view("predict"))
        placeholder = text(lang, "sidebar.preset_placeholder")
        st.selectbox(text(lang, "sidebar.preset"), ["", *BY_KEY], key="preset", on_change=apply_preset,
                     format_func=lambda key: BY_KEY[key].name.in_(lang) if key else placeholder)
        # Always a caption, so that what follows keeps its place: a widget that moves is a new one
        # to the browser, which draws it afresh (an open Advanced would close).
        # (a preset's sentence would give away a run withheld for a prediction: the hint instead)
        shown = in_force and not withheld(in_force.settings)
        st.caption(in_force.shows.in_(lang) if shown else text(lang, "sidebar.preset_hint"))
        top = points_input.degree_cap(stored(), int(FIELDS["degree"].high))  # fewer for a few points
        stored()["degree"] = min(stored()["degree"], top)
        st.slider(label(lang, "degree"), int(FIELDS["degree"].low), top, **bound("degree"))
        st.select_slider(label(lang, "lr"), marks_with(LR_MARKS, stored()["lr"]), format_func=format_lr,
                         **bound("lr"))
        st.select_slider(label(lang, "steps"), marks_with(STEP_MARKS, stored()["steps"]),
                         format_func=lambda v: f"{v:,}", **bound("steps"))
        if not st.session_state["lecture"]:  # a projected page keeps to the three main sliders
            with st.expander(text(lang, "sidebar.advanced"), **kept_open(ADVANCED_KEY)) as advanced:
                # Drawn only while open (a click on it reruns the page): its sixteen widgets were a fifth of
                # the server's CPU for every rerun of every page, open or not. Their values live in the
                # store, as in lecture mode, which draws none of them.
                if advanced.open:
                    for name in ADVANCED:
                        advanced_widget(name, lang)
    settings, warnings, prompts = current_settings()
    view = View(mode="lecture" if st.session_state["lecture"] else "normal", lang=st.session_state["lang"],
                step=step(), **st.session_state[VIEW_STORE])
    # this run is no pin; a pin on more points than a link carries stays on the page, out of the link
    pins = [pin_text(p, settings) for p in pinned() if not same_run(p, settings) and link_carries(p)]
    write_link(to_query(settings) | view_query(view) | ({"pin": pins} if pins else {}))
    seeded, url_messages = st.session_state[URL_MESSAGES]
    # The link's messages stand while the view is the link's (compared as links: an unused formula aside).
    still_the_link = to_query(settings) == to_query(seeded)
    return Controls(settings, view, (url_messages if still_the_link else []) + warnings, prompts)


def write_link(query: dict[str, str | list[str]]) -> None:
    """The URL's query string, written only when it changed (each write is a message to the browser), in
    its own order: a link typed in another order is put in this one."""
    wanted = [(key, [value] if isinstance(value, str) else list(value)) for key, value in query.items()]
    if wanted != [(key, st.query_params.get_all(key)) for key in st.query_params]:
        st.query_params.from_dict(query)


def current_settings() -> tuple[Settings, list[Phrase], list[Phrase]]:
    """The stored settings, checked like the URL's (a typed expression or domain can be wrong).

    "Your own expression" chosen with the box still empty is no error: the run fits the default
    target meanwhile, and the reader is told to type one.
    """
    values = dict(stored())
    prompts = []
    for target, missing in (("expr", not values["expr"].strip()), ("data", not values["data"])):
        if values["target"] == target and missing:
            values["target"] = DEFAULTS.target
            lecture = "_lecture" if st.session_state["lecture"] else ""  # the box is hidden
            prompts.append(Phrase(f"sidebar.{target}_prompt{lecture}", default=target_label(DEFAULTS.target)))
    settings, warnings = validated({name: format_value(value) for name, value in values.items()})
    return settings, warnings, prompts


def advanced_widget(name: str, lang: str) -> None:
    """A select box for a choice, a number box for a number, with the range Settings allows."""
    field = FIELDS[name]
    if name not in ("expr", "data") and not in_use(stored(), name):
        # β for an optimizer without momentum would do nothing (the formula's box and the points' upload stay:
        # typing or uploading chooses them)
        return
    if name == "data":
        points_input.draw(stored(), lang)
        return
    if field.choices:
        st.selectbox(label(lang, name), field.choices, format_func=lambda c: choice_label(lang, name, c),
                     **bound(name))
    elif field.kind is int:
        st.number_input(label(lang, name), int(field.low), int(field.high), step=NUMBER_STEPS[name],
                        **bound(name))
    elif field.kind is float:
        st.number_input(label(lang, name), field.low, field.high, step=float(NUMBER_STEPS[name]),
                        format="%.6g", help=text(lang, "holdout.help") if name == "holdout" else None,
                        **bound(name))
    else:
        st.text_input(label(lang, name), max_chars=MAX_LENGTH, help=EXPRESSION_HELP.in_(lang),
                      placeholder=text(lang, "sidebar.expr_placeholder"), **bound(name, keep_expression))
