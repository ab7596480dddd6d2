"""The layer rule of architecture.md: model, formats and nlp never import Qt; model imports no spaCy.

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
FORBIDDEN = {
    "quoteapp.model": ("PySide6", "shiboken6", "spacy", "thinc"),
    "quoteapp.formats": ("PySide6", "shiboken6"),
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
    submodules = [
        f"{layer}.{p.stem}" for p in (PACKAGE / layer.split(".")[1]).glob("*.py") if p.stem != "__init__"
    ]
    code = (
        "import importlib, sys\n"
        f"for name in {submodules!r}: importlib.import_module(name)\n"
        f"print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in {FORBIDDEN[layer]!r})))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "", f"importing {layer} loaded {out}"
