"""`pip install .` (not only -e) works: the wheel carries the sample article and the JSON Schema,
and the installed package finds them through importlib.resources, away from this checkout."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The wheel, and what the build printed (its warnings are what a packager sees first)."""
    out = tmp_path_factory.mktemp("wheel")
    run = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    (found,) = out.glob("quoteapp-*.whl")
    return found, run.stdout + run.stderr


@pytest.fixture(scope="module")
def wheel(built: tuple[Path, str]) -> Path:
    return built[0]


def test_the_build_gives_no_warning(built: tuple[Path, str]) -> None:
    log = built[1]
    assert "BuildBackendWarning" not in log
    assert "SetuptoolsDeprecationWarning" not in log
    assert "is absent from the `packages` configuration" not in log


def test_the_wheel_says_its_licence_scripts_and_slim_qt(wheel: Path) -> None:
    archive = zipfile.ZipFile(wheel)
    names = set(archive.namelist())
    meta = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    entry_points = archive.read(next(n for n in names if n.endswith(".dist-info/entry_points.txt"))).decode()
    assert "License-Expression: MIT" in meta
    assert any(n.endswith(".dist-info/licenses/LICENSE") for n in names)
    requires = [line.split(": ", 1)[1] for line in meta.splitlines() if line.startswith("Requires-Dist: ")]
    assert any(r.startswith("PySide6-Essentials") for r in requires)
    assert not any(r.split("<")[0].split(">")[0].strip() == "PySide6" for r in requires)
    console = entry_points.split("[console_scripts]")[1].split("[")[0]
    gui = entry_points.split("[gui_scripts]")[1].split("[")[0]
    assert "quoteapp = quoteapp.cli:main" in console
    assert "quoteapp-editor = quoteapp.cli:editor" in gui
    assert {"quoteapp/resources/icons/quoteapp.png", "quoteapp/resources/quoteapp.desktop"} <= names
    assert "](../shared" not in meta, "the README is the PyPI page: no links into the project's private folders"


def test_wheel_holds_the_resources(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "quoteapp/resources/sample-article.txt" in names
    assert "quoteapp/resources/schema/attribution-v1.schema.json" in names
    for init in (REPO / "quoteapp").rglob("__init__.py"):
        package = init.relative_to(REPO).as_posix()
        assert package in names, f"{package} is missing from the wheel: list it in pyproject.toml"


def test_installed_package_finds_its_resources_outside_the_checkout(wheel: Path, tmp_path: Path) -> None:
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    code = (
        "import quoteapp, pathlib\n"
        "from quoteapp.corpus.sample import sample_article\n"
        "from quoteapp.formats.attribution import schema\n"
        f"assert str(pathlib.Path(quoteapp.__file__)).startswith({str(target)!r}), quoteapp.__file__\n"
        "print(len(sample_article().read_text(encoding='utf-8')), schema()['title'])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    length, title = run.stdout.split(" ", 1)
    assert int(length) > 1000
    assert title.strip()
