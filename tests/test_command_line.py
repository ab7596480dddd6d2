"""The command line as a user meets it: typos are errors, not an editor window; `--info` has what a
bug report needs; `-v` shows progress; shell completion; the editor's unexpected errors reach the
user as one dialog with a copyable report and reach the log file."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from quoteapp import __version__
from quoteapp.cli import _opens_editor, main
from quoteapp.corpus.user_folders import log_file


@pytest.mark.parametrize(("typo", "meant"), [("stat", "stats"), ("exprot", "export"), ("extarct", "extract")])
def test_a_mistyped_command_is_an_error_that_names_the_command_meant(
    typo: str, meant: str, capsys: pytest.CaptureFixture
) -> None:
    assert main([typo, "some-folder"]) == 2
    err = capsys.readouterr().err
    assert f"'{typo}' is neither a command" in err
    assert f"Did you mean '{meant}'?" in err


def test_a_word_that_is_an_existing_file_opens_the_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "stat").write_text("An article named like a command.", encoding="utf-8")
    assert _opens_editor(["stat"])
    assert _opens_editor(["notes/article.txt"])
    assert _opens_editor(["article.txt", "--model", "en_core_web_sm"])
    assert _opens_editor(["--model", "en_core_web_sm"])
    assert _opens_editor([])
    assert not _opens_editor(["stats", "folder"])
    assert not _opens_editor(["--model", "x", "--info"])
    assert not _opens_editor(["exprot"])


def test_info_names_versions_pipeline_and_folders(capsys: pytest.CaptureFixture, tmp_path: Path) -> None:
    assert main(["--info"]) == 0
    lines = dict(line.split(": ", 1) for line in capsys.readouterr().out.splitlines())
    assert lines["quoteapp"].startswith(__version__)
    assert lines["python"].split()[1] == ".".join(map(str, sys.version_info[:3]))
    assert lines["spacy"][0].isdigit()
    pipeline_path = Path(lines["pipeline"].rsplit("(", 1)[1].rstrip(")"))
    assert (pipeline_path / "__init__.py").exists() or (pipeline_path / "meta.json").exists()
    assert lines["qt"].startswith("PySide6 6.")
    assert lines["log file"] == str(log_file())
    assert lines["recovery folder"] == str(tmp_path / "recovery")


def test_info_says_when_the_named_pipeline_is_missing(capsys: pytest.CaptureFixture) -> None:
    assert main(["--model", "no_such_pipeline_xyz", "--info"]) == 0
    assert "pipeline: none of no_such_pipeline_xyz is installed" in capsys.readouterr().out


def test_verbose_logs_progress_to_stderr(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text('"We will build it," Ana Ruiz said.\n', encoding="utf-8")
    run = subprocess.run(
        [sys.executable, "-m", "quoteapp", "-v", "extract", str(article), "-o", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    assert "INFO quoteapp.nlp.pipeline: pipeline" in run.stderr
    assert f"{article}: written" in run.stderr
    quiet = subprocess.run(
        [sys.executable, "-m", "quoteapp", "extract", str(article), "-o", str(tmp_path / "out2")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert "INFO" not in quiet.stderr


def test_shell_completion_scripts_know_the_commands(capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--print-completion", "bash"])
    assert done.value.code == 0
    script = capsys.readouterr().out
    for command in ("extract", "eval", "export", "stats"):
        assert command in script
    assert "complete" in script


def test_an_unexpected_error_shows_one_dialog_with_a_copyable_report_and_is_logged(qtbot, qapp) -> None:
    from quoteapp.gui.error_report import ErrorReporter, start_log_file

    handler = start_log_file()
    reporter = ErrorReporter(qapp)
    seen: list[tuple[str, str, str]] = []

    def look_and_copy() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        copy = next(b for b in box.buttons() if b.text() == "Copy Report")
        copy.click()  # copies and keeps the box open
        seen.append((box.text(), box.detailedText(), QApplication.clipboard().text()))
        box.close()

    try:
        QTimer.singleShot(100, look_and_copy)
        try:
            raise ValueError("the pier collapsed")
        except ValueError:
            sys.excepthook(*sys.exc_info())
        qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    finally:
        reporter.uninstall()
        if handler is not None:
            logging.getLogger("quoteapp").removeHandler(handler)
            handler.close()
    text, details, clipboard = seen[0]
    assert "ValueError: the pier collapsed" in text
    assert "Traceback" in details and f"quoteapp: {__version__}" in details
    assert clipboard == details
    logged = log_file().read_text(encoding="utf-8")
    assert "the pier collapsed" in logged and "ERROR" in logged
