"""`quoteapp extract` runs that must not be stopped or spoilt by one article, and must clean up after themselves.

A fake extractor (tests/fake_extractor.py, plugged in through $QUOTEAPP_EXTRACTOR, which worker
processes and Dask workers inherit) fails on chosen files without loading spaCy.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import fake_extractor
import pytest

from quoteapp.cli import main
from quoteapp.cli.extract_command import default_jobs
from quoteapp.nlp import batch

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent


@pytest.fixture
def fake(monkeypatch: pytest.MonkeyPatch):
    """The fake extractor in this process and in every process started from it."""
    monkeypatch.setenv(batch.EXTRACTOR_ENV, fake_extractor.SPEC)
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")]))
    batch.extractor_for.cache_clear()
    yield
    batch.extractor_for.cache_clear()


def articles(folder: Path, *names: str) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name in names:
        path = folder / name
        path.write_text(f"The harbour master said the {name} ferry was late.\n", encoding="utf-8")
        paths.append(path)
    return paths


def extract(paths: list[Path], out: Path, *options: str) -> int:
    return main(["extract", *map(str, paths), "-o", str(out), "--model", "fake", *options])


@pytest.mark.parametrize("how", [["--jobs", "1"], ["--jobs", "2"], ["--dask", "local"]], ids=["serial", "jobs", "dask"])
def test_an_article_the_extractor_fails_on_is_reported_and_the_rest_done(
    fake: None, tmp_path: Path, capsys: pytest.CaptureFixture, how: list[str]
) -> None:
    if how[0] == "--dask":
        pytest.importorskip("distributed")
    paths = articles(tmp_path / "in", "north.txt", "poison.txt", "south.txt", "west.txt")
    out = tmp_path / "out"
    assert extract(paths, out, *how) == 1
    err = capsys.readouterr().err
    report = [line for line in err.splitlines() if "poison.txt" in line and line.startswith("quoteapp:")]
    assert len(report) == 1 and "RuntimeError: invented failure on poison" in report[0]
    assert "second line" not in err, "one line per failed file"
    assert "3 of 4 articles written" in err and "1 failed" in err
    assert sorted(p.name for p in out.glob("*.json")) == ["north.json", "south.json", "west.json"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="kills a worker with SIGKILL")
@pytest.mark.parametrize("how", [["--jobs", "2"], ["--dask", "local"]], ids=["jobs", "dask"])
def test_an_article_its_worker_dies_on_is_reported_and_the_rest_done(
    fake: None, tmp_path: Path, capsys: pytest.CaptureFixture, how: list[str]
) -> None:
    """A dead worker breaks a process pool: the articles in flight are redone, only the killer fails."""
    if how[0] == "--dask":
        pytest.importorskip("distributed")
    names = ["a.txt", "b.txt", "crash.txt", "c.txt", "d.txt", "e.txt", "f.txt"]
    paths = articles(tmp_path / "in", *names)
    out = tmp_path / "out"
    assert extract(paths, out, *how) == 1
    err = capsys.readouterr().err
    assert len([line for line in err.splitlines() if line.startswith("quoteapp: skipped") and "crash.txt" in line]) == 1
    assert "6 of 7 articles written" in err and "1 failed" in err
    assert sorted(p.name for p in out.glob("*.json")) == [f"{n[0]}.json" for n in names if n != "crash.txt"]


def test_inputs_with_the_same_stem_are_refused_before_anything_is_written(
    fake: None, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """a/story.txt, b/story.txt and a/story.md would all overwrite out/story.json."""
    paths = [
        *articles(tmp_path / "a", "story.txt", "story.md"),
        *articles(tmp_path / "b", "story.txt"),
        *articles(tmp_path / "a", "other.txt"),
    ]
    out = tmp_path / "out"
    assert extract(paths, out, "--jobs", "1") == 2
    err = capsys.readouterr().err
    clash = next(line for line in err.splitlines() if "story.json" in line)
    assert all(str(p) in clash for p in paths[:3]) and "other.txt" not in clash
    assert "nothing written" in err
    assert not out.exists() or not list(out.iterdir())


def test_the_same_file_named_twice_is_one_article(fake: None, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    [path] = articles(tmp_path / "in", "story.txt")
    assert extract([path, path, tmp_path / "in" / ".." / "in" / "story.txt"], tmp_path / "out", "--jobs", "1") == 0
    assert "1 of 1 articles written" in capsys.readouterr().err


def test_jobs_default_to_the_cores(fake: None, tmp_path: Path) -> None:
    """No --jobs: one worker process per core (the articles are not done in this process)."""
    expected = os.process_cpu_count() if hasattr(os, "process_cpu_count") else os.cpu_count()
    assert default_jobs() == expected
    if default_jobs() < 2:
        pytest.skip("one core: the run stays in this process")
    paths = articles(tmp_path / "in", "a.txt", "b.txt", "c.txt")
    assert extract(paths, tmp_path / "out") == 0
    pids = {json.loads(p.read_text())["generator"]["pid"] for p in (tmp_path / "out").glob("*.json")}
    assert os.getpid() not in pids


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def is_worker(pid: int) -> bool:
    try:
        return b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def poll(condition, seconds: float) -> bool:
    """Whether `condition()` comes true within `seconds` (a bound for a hung test, not a speed check)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_workers_die_when_the_main_process_is_killed(fake: None, tmp_path: Path) -> None:
    paths = articles(tmp_path / "in", "slow1.txt", "slow2.txt", "slow3.txt")
    main_process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "quoteapp",
            "extract",
            *map(str, paths),
            "-o",
            str(tmp_path / "out"),
            "--model",
            "fake",
            "--jobs",
            "2",
        ],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        assert poll(lambda: len([p for p in children_of(main_process.pid) if is_worker(p)]) == 2, 120), (
            "the two workers did not start"
        )
        workers = [p for p in children_of(main_process.pid) if is_worker(p)]
        assert poll(lambda: all((tmp_path / "in").exists() and alive(p) for p in workers), 5)
        main_process.send_signal(signal.SIGKILL)
        main_process.wait()
        assert poll(lambda: not any(alive(p) for p in workers), 30), "workers outlived their parent"
    finally:
        main_process.kill()
        for pid in children_of(main_process.pid):
            os.kill(pid, signal.SIGKILL)


def test_a_resumed_run_with_nothing_to_do_imports_no_spacy(fake: None, tmp_path: Path) -> None:
    paths = articles(tmp_path / "in", "a.txt", "b.txt")
    out = tmp_path / "out"
    assert extract(paths, out, "--jobs", "1") == 0
    script = (
        "import sys\nfrom quoteapp.cli import main\n"
        f"code = main(['extract', *{[str(p) for p in paths]!r}, '-o', {str(out)!r}, '--model', 'fake'])\n"
        "print(code, 'spacy' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if k != batch.EXTRACTOR_ENV}  # the real extractor, were it needed
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, env=env, capture_output=True, text=True, check=True)
    assert "2 skipped as up to date" in done.stderr
    assert done.stdout.split() == ["0", "False"]


def test_the_main_process_of_a_jobs_run_imports_no_spacy(fake: None, tmp_path: Path) -> None:
    """Only the workers need the pipeline; the process that hands out the articles stays light."""
    paths = articles(tmp_path / "in", "a.txt", "b.txt", "c.txt")
    script = (
        "import sys\nfrom quoteapp.cli import main\n"
        f"code = main(['extract', *{[str(p) for p in paths]!r}, '-o', {str(tmp_path / 'out')!r}, "
        "'--model', 'fake', '--jobs', '2'])\n"
        "print(code, 'spacy' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, check=True)
    assert "3 of 3 articles written" in done.stderr
    assert done.stdout.split() == ["0", "False"]
