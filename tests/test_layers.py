"""The layer rule of architecture.md: imports go down only (model <- formats <- corpus <- nlp <- gui <- cli,
with evaluation, the scoring metric, above corpus and below nlp), without cycles; model, formats,
corpus and nlp never import Qt; model and corpus import no spaCy.

Each layer is imported in a fresh interpreter, and the modules it pulled in are listed, so an import
hidden in a function body that runs at import time is caught too; every module file is also read for
import statements, so an import inside a function is caught before it runs.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "quoteapp"
#: the layers from the bottom up: a module may import its own layer and those before it
LAYERS = ("model", "formats", "corpus", "evaluation", "nlp", "gui", "cli")
FORBIDDEN = {
    "quoteapp.model": ("PySide6", "shiboken6", "spacy", "thinc"),
    "quoteapp.formats": ("PySide6", "shiboken6"),  # a DocBin export needs spaCy
    "quoteapp.corpus": ("PySide6", "shiboken6", "spacy", "thinc"),
    "quoteapp.nlp": ("PySide6", "shiboken6"),
    "quoteapp.evaluation": ("PySide6", "shiboken6", "spacy"),
}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            roots.add(node.module.split(".")[0])
    return roots


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_layer_sources_do_not_import_forbidden_packages(layer: str) -> None:
    folder = PACKAGE / layer.split(".")[1]
    for source in folder.rglob("*.py"):
        bad = imported_roots(source) & set(FORBIDDEN[layer])
        assert not bad, f"{source.relative_to(PACKAGE.parent)} imports {sorted(bad)}"


@pytest.mark.parametrize("layer", sorted(FORBIDDEN))
def test_importing_a_layer_loads_no_forbidden_package(layer: str) -> None:
    submodules = [f"{layer}.{p.stem}" for p in (PACKAGE / layer.split(".")[1]).glob("*.py") if p.stem != "__init__"]
    code = (
        "import importlib, sys\n"
        f"for name in {submodules!r}: importlib.import_module(name)\n"
        f"print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN[layer]!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"importing {layer} loaded {out}"


def quoteapp_imports(path: Path, *, top_level_only: bool = False) -> set[str]:
    """The quoteapp modules a file imports (anywhere in it, or only at module level)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    found = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("quoteapp."))
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and (node.module or "").startswith("quoteapp."):
            found.add(node.module)
    return found


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_imports_go_down_the_layers_only() -> None:
    upward = []
    for source in PACKAGE.rglob("*.py"):
        parts = source.relative_to(PACKAGE).parts
        if len(parts) < 2 or parts[0] not in LAYERS:
            continue
        mine = LAYERS.index(parts[0])
        for name in quoteapp_imports(source):
            layer = name.split(".")[1]
            if layer in LAYERS and LAYERS.index(layer) > mine:
                upward.append(f"{source.relative_to(PACKAGE.parent)} imports {name}")
    assert not upward, "\n".join(upward)


def test_no_import_cycles_between_modules() -> None:
    """Module-level imports form no cycle (imports inside functions, done late on purpose, are left out)."""
    modules = {module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph = {
        name: {m for m in quoteapp_imports(path, top_level_only=True) if m in modules and m != name}
        for name, path in modules.items()
    }
    state: dict[str, int] = {}  # 1: on the current path, 2: done

    def visit(name: str, path: list[str]) -> None:
        state[name] = 1
        for other in sorted(graph[name]):
            if state.get(other) == 1:
                cycle = path[path.index(other) :] + [other] if other in path else [name, other]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if other not in state:
                visit(other, [*path, other])
        state[name] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name, [name])
