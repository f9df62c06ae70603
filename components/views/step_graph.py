"""The graph autograd recorded for one step, as DOT for the browser to lay out (st.graphviz_chart).

Every node is one that `loss.grad_fn` and its `next_functions` really hold (components/engine/inspection.py
walks them); nothing is drawn by hand. The stage shown picks what is highlighted: the forward pass's
nodes, the loss's, every node for the backward pass (whose arrows then point back to the leaves), the
leaves for the update. Past degree 5 the repeated middle terms (each AccumulateGrad → MulBackward0 →
AddBackward0) are drawn as one box that says how many it stands for.
"""
from __future__ import annotations

from collections import Counter

from components.engine.inspection import Graph, GraphNode, StepInspection
from components.state.i18n import text
from components.views.step_table import number

GROUP_ABOVE_DEGREE = 5  # from degree 6 on, the middle terms are one box
SHOWN_FIRST_TERMS = 3  # the terms drawn one by one before the box (a, b, c), and the last after it
HIGHLIGHT = "#FFD54F"  # amber: the stage's nodes
LEAF_FILL = "#E3F2FD"
PLAIN_FILL = "#FFFFFF"
DIM_BORDER = "#9E9E9E"
STRONG_BORDER = "#1A1A1A"
STAGE_PARTS = {"forward": {"forward"}, "loss": {"loss"}, "backward": {"forward", "loss", "leaf"},
               "update": {"leaf"}}


def grouped_terms(inspection: StepInspection) -> range:
    """The coefficients whose term nodes are drawn as one box (empty up to GROUP_ABOVE_DEGREE)."""
    degree = inspection.settings.degree
    return range(SHOWN_FIRST_TERMS, degree) if degree > GROUP_ABOVE_DEGREE else range(0)


def _number(value: float) -> str:
    return number(value, 4)  # as the table writes it: ∞ and NaN for a run that broke


def node_label(node: GraphNode, inspection: StepInspection, stage: str, lang: str) -> str:
    """A node's lines: its class name; a leaf's name, value and .grad (None before backward, as torch has
    it)."""
    if node.leaf is not None:
        k = node.leaf
        name = inspection.names[k]
        value = f"{name} = {_number(inspection.value[k])}"
        if stage == "update":
            value += f" → {_number(inspection.after[k])}"
        grad = _number(inspection.grad[k]) if stage in ("backward", "update") else "None"
        return f"AccumulateGrad\n{value}\n{name}.grad = {grad}"
    if node.key == 0:  # loss.grad_fn
        loss = _number(inspection.loss) if stage != "forward" else text(lang, "step.graph_not_yet")
        return f"{node.name}\nloss = {loss}"
    if node.key == inspection.graph.prediction:
        return f"{node.name}\n(y_pred)"
    return node.name


def _quoted(label: str) -> str:
    return '"' + label.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _style(highlighted: bool, leaf: bool, outline: str = "rounded") -> str:
    fill = HIGHLIGHT if highlighted else (LEAF_FILL if leaf else PLAIN_FILL)
    border, width = (STRONG_BORDER, 2.5) if highlighted else (DIM_BORDER, 1)
    return f'style="filled,{outline}", fillcolor="{fill}", color="{border}", penwidth={width}'


def graph_dot(inspection: StepInspection, stage: str, lang: str = "en", font_size: int = 14) -> str:
    """The recorded graph in DOT, top (the leaves) to bottom (the loss), as the code reads, with the stage's
    nodes highlighted."""
    graph: Graph = inspection.graph
    hidden = grouped_terms(inspection)
    in_box = {n.key for n in graph.nodes if n.part != "loss" and n.term in hidden}
    lit = STAGE_PARTS[stage]
    lines = ["digraph step {", "  rankdir=TB; bgcolor=transparent; nodesep=0.25; ranksep=0.35;",
             f'  node [shape=box, fontname="Helvetica", fontsize={font_size}, margin="0.12,0.06"];',
             f'  edge [color="#616161", arrowsize=0.8{", dir=back" if stage == "backward" else ""}];']
    for node in graph.nodes:
        if node.key not in in_box:
            label = node_label(node, inspection, stage, lang)
            style = _style(node.part in lit, node.leaf is not None)
            lines.append(f"  n{node.key} [label={_quoted(label)}, {style}];")
    if in_box:
        kinds = Counter(graph.nodes[key].name for key in in_box)
        label = text(lang, "step.graph_group", count=len(hidden), first=inspection.names[hidden.start],
                     last=inspection.names[hidden.stop - 1],
                     nodes=", ".join(f"{count} × {name}" for name, count in sorted(kinds.items())))
        lit_box = bool({"forward", "leaf"} & lit)
        lines.append(f'  group [label={_quoted(label)}, {_style(lit_box, False, "dashed")}];')
    drawn = set()
    for source, target in graph.edges:
        pair = tuple("group" if key in in_box else f"n{key}" for key in (source, target))
        if pair[0] != pair[1] and pair not in drawn:
            drawn.add(pair)
            lines.append(f"  {pair[0]} -> {pair[1]};")
    return "\n".join(lines + ["}"])
