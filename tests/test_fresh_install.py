"""A wheel built from a clean clone installs into a fresh virtual environment and works there:
`quoteapp --info`, `quoteapp extract` on an article, and every dataset export of the result.

This is what a user of `pip install quoteapp` gets, away from this checkout and its editable
install. The fresh environment is made by uv (fast: it links from its cache) when it is installed,
else by venv and pip (minutes).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
ARTICLE = (
    "Harbour council split over ferry fares\n\n"
    "“We cannot keep the fares where they are,” council leader Ana Ruiz said on Monday.\n\n"
    "Tom Beck, who runs the ferry workers' union, said the plan would cost jobs.\n"
)


def _run(args: list[str], **kwargs) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, capture_output=True, text=True, timeout=900, **kwargs)


def _clean_clone(target: Path) -> Path:
    """The committed tree only (no .venv, no build leftovers); a checkout without git is copied."""
    if (REPO / ".git").exists() and shutil.which("git"):
        done = _run(["git", "clone", "-q", "--depth", "1", f"file://{REPO}", str(target)])
        if done.returncode == 0:
            return target
    ignore = shutil.ignore_patterns(".venv", "build", "dist", "*.egg-info", "__pycache__", ".git")
    shutil.copytree(REPO, target, ignore=ignore)
    return target


def _fresh_environment(where: Path, wheel: Path) -> Path:
    """A new virtual environment with the wheel and its dependencies; returns its bin folder."""
    venv = where / "venv"
    uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    if Path(uv).exists():
        made = _run([uv, "venv", "-q", "--python", sys.executable, str(venv)])
        assert made.returncode == 0, made.stderr
        installed = _run([uv, "pip", "install", "-q", "--python", str(venv / "bin" / "python"), str(wheel)])
    else:
        made = _run([sys.executable, "-m", "venv", str(venv)])
        assert made.returncode == 0, made.stderr
        installed = _run([str(venv / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)])
    assert installed.returncode == 0, installed.stderr[-3000:]
    return venv / "bin"


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fresh")
    clone = _clean_clone(root / "clone")
    built = _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(root / "dist"), str(clone)])
    assert built.returncode == 0, built.stderr[-3000:]
    (wheel,) = (root / "dist").glob("quoteapp-*.whl")
    return _fresh_environment(root, wheel)


def _env(tmp_path: Path) -> dict[str, str]:
    """No trace of this checkout: no PYTHONPATH, and the user folders in the test's own place."""
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return {**env, "XDG_STATE_HOME": str(tmp_path / "state"), "XDG_DATA_HOME": str(tmp_path / "data")}


def test_info_in_a_fresh_install_names_its_own_pipeline(fresh: Path, tmp_path: Path) -> None:
    done = _run([str(fresh / "quoteapp"), "--info"], env=_env(tmp_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    lines = dict(line.split(": ", 1) for line in done.stdout.splitlines())
    venv = str(fresh.parent)
    assert lines["quoteapp"].split("(", 1)[1].startswith(venv), "quoteapp was imported from elsewhere"
    assert venv in lines["pipeline"]
    assert "PySide6-Essentials" in lines["qt"]


def test_extract_and_every_export_work_in_a_fresh_install(fresh: Path, tmp_path: Path) -> None:
    env = _env(tmp_path)
    article = tmp_path / "ferry.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    done = _run([str(fresh / "quoteapp"), "extract", str(article), "-o", str(out)], env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    written = json.loads((out / "ferry.json").read_text(encoding="utf-8"))
    assert any("fares" in q["segments"][0]["text"] for q in written["quotes"])
    listed = _run(
        [str(fresh / "python"), "-c", "from quoteapp.formats.exports import EXPORTERS; print(' '.join(EXPORTERS))"],
        env=env,
        cwd=tmp_path,
    )
    formats = listed.stdout.split()
    assert {"jsonl", "csv", "brat"} <= set(formats)
    for fmt in formats:
        target = tmp_path / "datasets" / fmt
        done = _run([str(fresh / "quoteapp"), "export", str(out), "--format", fmt, "-o", str(target)], env=env)
        assert done.returncode == 0, f"{fmt}: {done.stderr}"
        made = [target] if target.is_file() else [p for p in target.rglob("*") if p.is_file()]
        assert made and all(p.stat().st_size > 0 for p in made), fmt
