"""The package's import graph: no circle, and no import from a lower layer to a higher one
(``docs/architecture.md`` draws the layers)."""

from __future__ import annotations

import ast
from pathlib import Path

from builders import SRC

#: Layer of each module (a module may import its own layer or lower ones, never a higher one).
#: The root package (``routeplanner/__init__``) re-exports the public API and is left out:
#: Python imports it before any submodule anyway.
LAYERS: dict[str, int] = {
    **dict.fromkeys(
        ["exceptions", "settings", "_io", "_csv", "i18n", "spreadsheet", "executors", "_html"], 0
    ),
    **dict.fromkeys(["model", "reasons", "_yaml"], 1),
    **dict.fromkeys(["hours_text"], 2),
    **dict.fromkeys(
        [
            "calendar",
            "capacity",
            "catalog",
            "network",
            "scenario",
            "assessments",
            "events",
            "stories",
            "eateries",
        ],
        2,
    ),
    **dict.fromkeys(
        ["_schedule", "_ils", "_ortools", "solve", "result", "tours", "regulations", "readiness"],
        3,
    ),
    **dict.fromkeys(["decode", "check", "explain"], 4),
    **dict.fromkeys(["planner"], 5),
    **dict.fromkeys(["embed"], 6),
    **dict.fromkeys(["places", "offline", "basemap", "costing", "bookings"], 7),
    **dict.fromkeys(["maps", "programme", "export"], 8),
    **dict.fromkeys(["report"], 8),
    **dict.fromkeys(["compare", "season", "season_plan", "season_output", "season_check"], 9),
    **dict.fromkeys(["cli", "web"], 10),
}


def module_name(path: Path) -> str:
    """``compare.kpis`` for ``src/routeplanner/compare/kpis.py``; packages by their folder."""
    rel = path.relative_to(SRC).with_suffix("")
    parts = list(rel.parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports(path: Path) -> set[str]:
    """Every routeplanner module ``path`` imports (anywhere in the file, including function
    bodies and ``TYPE_CHECKING`` blocks), as dotted names below ``routeplanner``."""
    me = module_name(path).split(".") if module_name(path) else []
    package = me if path.name == "__init__.py" else me[:-1]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("routeplanner."):
                    out.add(alias.name.removeprefix("routeplanner."))
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                if not (node.module or "").startswith("routeplanner"):
                    continue
                base = (node.module or "").split(".")[1:]
            else:
                base = package[: len(package) - (node.level - 1)] + (
                    node.module.split(".") if node.module else []
                )
            for alias in node.names:
                full = [*base, alias.name]
                # "from . import x" may name a module or an attribute; keep the module if any
                target = ".".join(full)
                if (SRC / Path(*full)).with_suffix(".py").is_file() or (SRC / Path(*full)).is_dir():
                    out.add(target)
                elif base:
                    out.add(".".join(base))
    return {m for m in out if m}


def graph() -> dict[str, set[str]]:
    """Module to the modules it imports (the root package left out)."""
    g = {module_name(p): imports(p) for p in SRC.rglob("*.py")}
    g.pop("", None)
    return {m: {d for d in deps if d and d != m} for m, deps in g.items()}


def find_cycle(g: dict[str, set[str]]) -> list[str] | None:
    """One import circle of ``g`` (as a path that returns to its start), or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(m: str) -> list[str] | None:
        state[m] = 1
        stack.append(m)
        for d in sorted(g.get(m, ())):
            if state.get(d) == 1:
                return [*stack[stack.index(d) :], d]
            if d not in state and (found := visit(d)) is not None:
                return found
        stack.pop()
        state[m] = 2
        return None

    for m in sorted(g):
        if m not in state and (found := visit(m)) is not None:
            return found
    return None


def layer(module: str) -> int:
    top = module.split(".")[0]
    assert top in LAYERS, f"module {module} has no layer in tests/test_architecture.py"
    return LAYERS[top]


def test_the_cycle_finder_finds_a_circle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_import_graph_has_no_circle() -> None:
    g = graph()
    assert {"planner", "result", "cli"} <= set(g)
    assert "planner" in g["embed"]
    assert find_cycle(g) is None, " -> ".join(find_cycle(g) or [])


def test_no_import_goes_up_a_layer() -> None:
    upward = [
        f"{m} (layer {layer(m)}) imports {d} (layer {layer(d)})"
        for m, deps in graph().items()
        for d in deps
        if m.split(".")[0] != d.split(".")[0] and layer(d) > layer(m)
    ]
    assert upward == []
