"""The numbers of one step, one row per coefficient, and the step said in words, stage by stage."""
from __future__ import annotations

import functools
import json

import numpy as np
import pandas as pd
import pyarrow as pa

from components.engine.inspection import RELATIVE_H, StepInspection
from components.state.i18n import text
from components.views.equation import SUPERSCRIPTS, format_text
from components.views.formatting import format_lr

DIGITS = 6  # the table's significant digits: float32 holds about 7
STATE_KEYS = {"velocity": "velocity", "exp_avg": "adam_m", "exp_avg_sq": "adam_v"}  # state → table key


def number(value: float, digits: int = DIGITS) -> str:
    if not np.isfinite(value):
        return "NaN" if np.isnan(value) else ("−∞" if value < 0 else "∞")
    return format_text(float(value), digits)


def basis_function(inspection: StepInspection, k: int) -> str:
    """φₖ as the page writes it: 1, x, x², … (or u, u², … or P₃(u))."""
    basis = inspection.settings.basis
    if basis == "legendre":
        return f"P{str(k).translate(str.maketrans('0123456789', '₀₁₂₃₄₅₆₇₈₉'))}(u)"
    v = "x" if basis == "power" else "u"
    return "1" if k == 0 else v if k == 1 else v + str(k).translate(SUPERSCRIPTS)


def step_table(inspection: StepInspection, lang: str) -> tuple[list[str], list[list[str]]]:
    """(headers, rows): value, .grad, the formula's gradient, the central difference and its h, the
    optimizer's state before and after, what the update subtracted, and the value after."""
    optimizer = inspection.settings.optimizer
    mean = inspection.settings.loss == "mean"
    headers = [text(lang, "step.col.coefficient"), text(lang, "step.col.value", step=inspection.step),
               text(lang, "step.col.grad"),
               text(lang, "step.col.by_hand_mean" if mean else "step.col.by_hand"),
               text(lang, "step.col.numeric"), text(lang, "step.col.h")]
    states = [name for name in STATE_KEYS if name in inspection.state_before]
    for name in states:
        key = STATE_KEYS[name]
        headers += [text(lang, f"step.col.{key}_before"), text(lang, f"step.col.{key}_after")]
    headers += [text(lang, f"step.col.change.{optimizer}"), text(lang, "step.col.after")]
    rows = []
    for k, name in enumerate(inspection.names):
        row = [f"{name} · {basis_function(inspection, k)}", number(inspection.value[k]),
               number(inspection.grad[k]), number(inspection.grad_by_hand[k]),
               number(inspection.grad_numeric[k]), number(inspection.h[k], 2)]
        for state in states:
            row += [number(inspection.state_before[state][k]), number(inspection.state_after[state][k])]
        rows.append(row + [number(inspection.change[k]), number(inspection.after[k])])
    return headers, rows


def arrow_table(headers: list[str], rows: list[list[str]]) -> pa.Table:
    """The table as Arrow, its first column the index (st.table sends an Arrow table as it is): what
    pa.Table.from_pandas writes for the DataFrame indexed by that column, without building the DataFrame."""
    schema, columns = indexed_schema(headers), list(zip(*rows))
    arrays = [pa.array(column, field.type) for column, field in zip([*columns[1:], columns[0]], schema)]
    return pa.Table.from_arrays(arrays, schema=schema)


def indexed_schema(headers: list[str]) -> pa.Schema:
    """Pandas' own schema for string columns under `headers`, the first the index (its metadata names it):
    that of a table as wide, with these names put in. The headers change with every step ("value at
    step 3"); the width does not."""
    template = pandas_schema(len(headers))
    order = [*headers[1:], headers[0]]  # pandas puts the index last
    metadata = json.loads(template.metadata[b"pandas"])
    metadata["index_columns"] = [headers[0]]
    for column, name in zip(metadata["columns"], order):
        column["name"] = column["field_name"] = name
    return pa.schema([field.with_name(name) for field, name in zip(template, order)],
                     metadata={b"pandas": json.dumps(metadata).encode()})


@functools.lru_cache(maxsize=16)
def pandas_schema(width: int) -> pa.Schema:
    """The schema pa.Table.from_pandas writes for `width` string columns, the first of them the index."""
    names = [f"column {k}" for k in range(width)]
    return pa.Schema.from_pandas(pd.DataFrame([[""] * width], columns=names).set_index(names[0]))


def table_caption(inspection: StepInspection, lang: str) -> str:
    """What the table's columns rest on: the float64 check, h, and Adam's step count."""
    caption = text(lang, "step.table_caption", relative=number(RELATIVE_H, 1),
                   points=inspection.settings.sample_count)
    if "step" in inspection.state_after:
        caption += " " + text(lang, "step.adam_count", count=int(inspection.state_after["step"][0]))
    return caption


def largest_gradient(inspection: StepInspection) -> int:
    """The coefficient whose finite gradient is largest in size (the first one when none is finite)."""
    sizes = np.where(np.isfinite(inspection.grad), np.abs(inspection.grad), -1.0)
    return int(np.argmax(sizes))


def backward_words(inspection: StepInspection, k: int, lang: str) -> str:
    """What backward() filled in for coefficient k, and which way the update really moves it: for plain
    descent against the gradient; for momentum, Nesterov and Adam as their state says, which can differ."""
    grad, change, name = inspection.grad[k], inspection.change[k], inspection.names[k]
    slope = "grows" if grad > 0 else "falls" if grad < 0 else "flat"
    words = text(lang, f"step.words.backward_{slope}", name=name, grad=number(grad, 3))
    if np.isfinite(change) and change != 0:
        way = "lowers" if change > 0 else "raises"
        kind = "plain" if inspection.settings.optimizer == "gd" else "state"
        words += " " + text(lang, f"step.words.{kind}_{way}", name=name)
    return words


def velocity_of(state: dict[str, np.ndarray], k: int) -> str:
    """Coefficient k's velocity, written for the sentence (0 for an optimizer that keeps none)."""
    return number(state["velocity"][k], 3) if "velocity" in state else "0"


def stage_words(inspection: StepInspection, stage: str, lang: str) -> str:
    """One or two sentences about this stage, with this step's numbers in them."""
    s, i = inspection.settings, inspection
    k = largest_gradient(i)
    name = i.names[k]
    if stage == "forward":
        shown = ", ".join(f"{n} = {number(v, 3)}" for n, v in zip(i.names[:4], i.value[:4]))
        middle = len(i.sample_x) // 3
        more = ", …" if len(i.names) > 4 else ""
        return text(lang, "step.words.forward", step=i.step, coefficients=shown + more,
                    points=s.sample_count, x=number(i.sample_x[middle], 3),
                    y_pred=number(i.prediction[middle], 4), y=number(i.sample_y[middle], 4))
    if stage == "loss":
        return text(lang, f"step.words.loss_{s.loss}", points=s.sample_count, loss=number(i.loss, 4))
    if stage == "backward":
        return backward_words(i, k, lang)
    words = text(lang, f"step.words.update_{s.optimizer}", name=name, before=number(i.value[k], 4),
                 lr=format_lr(s.lr), grad=number(i.grad[k], 3), beta=number(s.beta, 3),
                 after=number(i.after[k], 4),
                 change=number(i.change[k], 3),
                 v_before=velocity_of(i.state_before, k), v_after=velocity_of(i.state_after, k))
    key = "step.words.loss_falls" if i.loss_after <= i.loss else "step.words.loss_rises"
    words += " " + text(lang, key, before=number(i.loss, 4), after=number(i.loss_after, 4))
    if i.step >= i.last_step:
        words += " " + text(lang, "step.words.last")
    return words
