"""When learning does not end with a new pipeline: the editor cancels it (the folder keeps what it had,
never a half-written pipeline), the folder has nothing to learn from (the editor is told what counts
and how many are needed), or the training fails (a clear message, nothing changed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from gui_helpers import trigger
from learning_gui_helpers import NEW_NAME, copy_folder, status_pipeline, write_reviewed_folder
from learning_helpers import NEW_ARTICLE
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

import quoteapp.nlp.learning.folder as learning_folder
import quoteapp.nlp.learning.training as learning_training
from quoteapp.formats.attribution import write_annotation
from quoteapp.gui import dialogs
from quoteapp.nlp.extractor import Extractor
from quoteapp.nlp.learning.folder import PIPELINE_FOLDER, train_folder

TIMEOUT = 120000


@pytest.fixture(scope="module")
def reviewed_folder(extractor: Extractor, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_reviewed_folder(extractor, tmp_path_factory.mktemp("reviewed") / "folder", count=3)


def _hidden(folder: Path) -> list[str]:
    """The folder's hidden entries but the parse cache: the pipeline and anything half-written."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and not p.name.endswith("-cache"))


def _trained_at(folder: Path) -> str:
    return json.loads((folder / PIPELINE_FOLDER / "meta.json").read_text(encoding="utf-8"))["quoteapp_training"][
        "trained_at"
    ]


class Stop(Exception):
    pass


def _stop_when_written(folder: Path):
    """A progress callback that cancels at the last step: the new pipeline is written, not in place."""

    def progress(done: int, total: int) -> None:
        if any(p.name.startswith(f"{PIPELINE_FOLDER}-new-") and (p / "meta.json").is_file() for p in folder.iterdir()):
            raise Stop

    return progress


def test_a_cancel_at_the_last_step_leaves_no_pipeline(reviewed_folder: Path, tmp_path: Path) -> None:
    folder = copy_folder(reviewed_folder, tmp_path / "folder")
    with pytest.raises(Stop):
        train_folder(folder, _stop_when_written(folder))
    assert _hidden(folder) == []


def test_a_cancel_while_the_model_is_fitted_stops_before_anything_is_written(
    reviewed_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_folder(reviewed_folder, tmp_path / "folder")
    fits: list[int] = []
    real_fit = learning_training.fit_keep_model
    monkeypatch.setattr(learning_training, "fit_keep_model", lambda *a, **k: fits.append(1) or real_fit(*a, **k))

    def stop_after_a_fit(done: int, total: int) -> None:
        if done >= total and fits:
            raise Stop

    with pytest.raises(Stop):
        train_folder(folder, stop_after_a_fit)
    assert len(fits) == 1, "the training stops at the next fit, not after all of them"
    assert _hidden(folder) == []


def test_a_cancel_keeps_the_pipeline_trained_before(reviewed_folder: Path, tmp_path: Path) -> None:
    folder = copy_folder(reviewed_folder, tmp_path / "folder")
    train_folder(folder)
    before = _trained_at(folder)
    with pytest.raises(Stop):
        train_folder(folder, _stop_when_written(folder))
    assert _hidden(folder) == [PIPELINE_FOLDER] and _trained_at(folder) == before


def test_cancel_in_the_editor_stops_the_training_and_leaves_the_folder_as_it_was(
    qtbot, window, reviewed_folder: Path, tmp_path: Path
) -> None:
    folder = copy_folder(reviewed_folder, tmp_path / "folder")
    window.open_folder(folder)
    trigger(window, "learn")
    job = window.learning.job
    assert job is not None and window.learning.dialog is not None
    button = window.learning.dialog.findChild(QPushButton)
    assert button.text() == "Cancel"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)  # the progress dialog's Cancel button
    assert window.learning.job is None and window.learning.dialog is None  # the window is free at once
    assert "cancelled" in window.statusBar().currentMessage()
    qtbot.waitUntil(lambda: not window.learning.threads, timeout=TIMEOUT)  # the worker has stopped
    assert _hidden(folder) == []
    assert status_pipeline(window).startswith("Pipeline: en_core_web_sm")
    assert window.actions["learn"].isEnabled() and not window.actions["use_learned_pipeline"].isEnabled()


def test_nothing_to_learn_from_says_what_counts_and_how_many_are_needed(
    qtbot, window, extractor: Extractor, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article the extractor analysed and no editor looked at (every quote still auto) teaches nothing."""
    folder = tmp_path / "folder"
    folder.mkdir()
    (folder / "analysed.txt").write_text(NEW_ARTICLE, encoding="utf-8")
    annotation = extractor.annotate(NEW_ARTICLE, "analysed", path="analysed.txt")
    write_annotation(annotation, folder / "analysed.quotes.json")
    (folder / NEW_NAME).write_text(NEW_ARTICLE, encoding="utf-8")
    said: list[str] = []
    monkeypatch.setattr(dialogs, "info", lambda _parent, _title, message: said.append(message))
    window.open_folder(folder)
    trigger(window, "learn")
    assert window.learning.job is None
    assert len(said) == 1
    assert "at least 1 saved article" in said[0] and "this folder has 0" in said[0]
    assert "accepted, corrected, added or rejected" in said[0] and "reviewed" in said[0]
    assert _hidden(folder) == []


def test_a_failed_training_is_said_and_changes_nothing(
    qtbot, window, reviewed_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = copy_folder(reviewed_folder, tmp_path / "folder")

    def fails(*_args: object) -> Path:
        raise OSError("No space left on device")

    monkeypatch.setattr(learning_folder, "train_folder", fails)
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(dialogs, "error", lambda _parent, title, message: errors.append((title, message)))
    window.open_folder(folder)
    trigger(window, "learn")
    qtbot.waitUntil(lambda: window.learning.job is None, timeout=TIMEOUT)
    assert errors and errors[0][0] == "Learning failed"
    assert "No space left on device" in errors[0][1]
    assert _hidden(folder) == [] and window.actions["learn"].isEnabled()


@pytest.mark.parametrize("choice", ["skip", "cancel"])
def test_unsaved_edits_are_never_discarded_by_learning(
    qtbot, window, reviewed_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, choice: str
) -> None:
    """Learning reads the saved files: the editor may save first, learn without the open article's
    edits, or cancel; the edits stay unsaved (the title keeps its star) either way."""
    folder = copy_folder(reviewed_folder, tmp_path / "folder")
    window.open_folder(folder)
    qtbot.waitUntil(lambda: window.document is not None and bool(window.document.annotation.quotes), timeout=TIMEOUT)
    trigger(window, "next_quote")
    quote = window.current_quote_id()
    trigger(window, "reject")
    assert not window.document.undo_stack.isClean()
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "save_before_learning", lambda _parent, title: asked.append(title) or choice)
    monkeypatch.setattr(learning_folder, "train_folder", lambda *_args: (_ for _ in ()).throw(OSError("stop")))
    monkeypatch.setattr(dialogs, "error", lambda *_args: None)
    trigger(window, "learn")
    qtbot.waitUntil(lambda: window.learning.job is None, timeout=TIMEOUT)
    assert asked
    assert not window.document.undo_stack.isClean()
    assert window.document.annotation.quote(quote).status == "rejected"
