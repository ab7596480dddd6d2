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
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(REPO)],
        check=True,
        capture_output=True,
        text=True,
        timeout=600,
    )
    (found,) = out.glob("quoteapp-*.whl")
    return found


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
