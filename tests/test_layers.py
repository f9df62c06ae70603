"""The tree's rules: layers import only the layers before them, no cycles, no private names, no Streamlit
before the ui layer. Read from every module's source (its imports, nested ones too), not from a list kept by
hand.
"""
from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = ("state", "problem", "engine", "views", "exports", "ui")  # the flow, first to last
PURE = LAYERS[:-1]  # everything before ui: no Streamlit


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(source: str) -> list[tuple[str, list[str]]]:
    """(module, names) of every import in a source, at any depth (a function's lazy import too)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names]))
    return found


def layer_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "components" and parts[1] in LAYERS else None


def problems(sources: dict[str, str]) -> list[str]:
    """Every broken rule in these modules' sources (module name → source)."""
    found, graph = [], {}
    for module, source in sources.items():
        own = layer_of(module)
        graph[module] = set()
        for imported, names in imports_of(source):
            if imported.split(".")[0] == "streamlit" and own in PURE:
                found.append(f"{module} imports Streamlit")
            if not imported.startswith("components."):
                continue
            target = next((m for m in (f"{imported}.{n}" for n in names) if m in sources), imported)
            graph[module].add(target if target in sources else imported)
            theirs = layer_of(imported)
            if own and theirs and LAYERS.index(theirs) > LAYERS.index(own):
                found.append(f"{module} imports {imported}, a later layer")
            found += [f"{module} imports the private {imported}.{n}" for n in names if n.startswith("_")]
    found += [f"import cycle: {' → '.join(cycle)}" for cycle in cycles(graph)]
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The cycles a depth-first walk meets (each once, from where it closes)."""
    seen, on_path, found = set(), [], []

    def walk(node: str) -> None:
        if node in on_path:
            found.append(on_path[on_path.index(node):] + [node])
            return
        if node in seen:
            return
        seen.add(node)
        on_path.append(node)
        for after in sorted(graph.get(node, ())):
            walk(after)
        on_path.pop()

    for node in sorted(graph):
        walk(node)
    return found


def project_sources() -> dict[str, str]:
    return {module_name(path): path.read_text(encoding="utf-8")
            for path in sorted((ROOT / "components").rglob("*.py"))}


def test_the_tree_keeps_its_layers_and_has_no_cycles():
    sources = project_sources()
    # every layer is a folder, and nothing else is
    assert {layer_of(m) for m in sources} - {None} == set(LAYERS)
    assert problems(sources) == []


def test_the_rules_catch_what_they_are_for():
    broken = {
        "components.state.settings": "from components.engine.training import fit_trajectory\n",
        "components.engine.training": "def f():\n    from components.state.settings import Settings\n",
        "components.views.figures": "import streamlit as st\n"
                                    "from components.engine.training import _private\n",
        "components.problem.a": "from components.problem import b\n",
        "components.problem.b": "from components.problem.a import x\n",
    }
    found = problems(broken)
    assert "components.state.settings imports components.engine.training, a later layer" in found
    assert "components.views.figures imports Streamlit" in found
    assert "components.views.figures imports the private components.engine.training._private" in found
    assert any(p.startswith("import cycle:") and "components.problem.a" in p and "components.problem.b" in p
               for p in found)
    assert any(p.startswith("import cycle:") and "components.state.settings" in p
               and "components.engine.training" in p
               for p in found)  # a lazy import inside a function is an import too
