"""The code base stays ruff clean and ruff formatted (the rules are in pyproject.toml), with no
`noqa` that silences nothing, and no module of quoteapp over 500 lines (a file does one job)."""

import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
FOLDERS = ["quoteapp", "tests", "benchmarks", "resources"]
MAX_LINES = 500


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    exe = shutil.which("ruff") or str(Path(sys.executable).parent / "ruff")
    return subprocess.run([exe, *args, *FOLDERS], cwd=REPO, capture_output=True, text=True)


def test_ruff_finds_nothing_and_no_noqa_is_unused() -> None:
    run = ruff("check", "--no-cache", "--extend-select", "RUF100")
    assert run.returncode == 0, run.stdout + run.stderr


def test_the_code_is_ruff_formatted() -> None:
    run = ruff("format", "--check", "--no-cache")
    assert run.returncode == 0, run.stdout + run.stderr


def test_no_module_is_over_500_lines() -> None:
    long = {
        str(p.relative_to(REPO)): n
        for p in (REPO / "quoteapp").rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, f"split these: {long}"
