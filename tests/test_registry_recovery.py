"""Registry edits not saved yet survive a crash: the window's autosave keeps them in the recovery
folder, and opening the folder again offers them (Yes restores, No drops them). Articles invented,
the folder and helpers are those of test_registry_undo."""

from __future__ import annotations

from pathlib import Path

import pytest
from test_registry_undo import folder, pick, rows, run, saved_names, select, window  # noqa: F401 (fixtures)

from quoteapp.corpus.recovery import registry_recovery_path
from quoteapp.gui import dialogs


def _merge_becker_into_beck(win, monkeypatch: pytest.MonkeyPatch) -> None:
    select(win, "Thomas Becker")
    pick(monkeypatch, "Tom Beck")
    run(win, "merge")
    assert "Thomas Becker" not in rows(win)


def _reopen(qtbot, where: Path, monkeypatch: pytest.MonkeyPatch, restore: bool):
    """A new window on the folder, as after a crash; the recovery question answered `restore`."""
    from quoteapp.gui.main_window import MainWindow

    asked: list[str] = []
    monkeypatch.setattr(dialogs, "restore_recovery", lambda _p, name, _w: asked.append(name) or restore)
    win = MainWindow(load_model=False)
    qtbot.addWidget(win)
    win.open_folder(where)
    return win, asked


@pytest.mark.parametrize("restore", [True, False])
def test_unsaved_registry_edits_are_offered_after_a_crash(qtbot, window, folder, monkeypatch, restore) -> None:  # noqa: F811
    _merge_becker_into_beck(window, monkeypatch)
    window.autosave()
    assert registry_recovery_path(folder).exists()
    assert "Thomas Becker" in saved_names(folder), "the registry file itself is untouched until Save"
    again, asked = _reopen(qtbot, folder, monkeypatch, restore)  # the first window 'crashed': never closed
    try:
        assert any("speaker registry" in name for name in asked)
        assert ("Thomas Becker" not in rows(again)) is restore
        assert ("Thomas Becker" not in saved_names(folder)) is restore, "a restored edit is kept in the folder"
        assert not registry_recovery_path(folder).exists(), "the copy is used up either way"
    finally:
        again.shutdown()


def test_saving_removes_the_registry_copy(window, folder, monkeypatch) -> None:  # noqa: F811
    _merge_becker_into_beck(window, monkeypatch)
    window.autosave()
    assert registry_recovery_path(folder).exists()
    window.actions["save"].trigger()
    assert "Thomas Becker" not in saved_names(folder)
    assert not registry_recovery_path(folder).exists()
