"""The editor never loses an edit: not to an analysis that finishes late, nor to a save or an
autosave that fails, nor to a saved or recovered file that cannot be read; and Esc cancels a long
analysis wherever the focus is."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest
from gui_helpers import current, open_analysed, select_text, trigger
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from quoteapp.corpus.recovery import recovery_path, write_recovery
from quoteapp.formats.attribution import read_annotation
from quoteapp.gui import dialogs
from quoteapp.gui import main_window as main_window_module
from quoteapp.gui.main_window import MainWindow
from quoteapp.gui.workers import Cancelled


class HeldExtractor:
    """The real extractor, holding its result back until the test lets it go."""

    def __init__(self, real: object) -> None:
        self.real, self.release = real, threading.Event()
        self.label = "held " + real.label  # type: ignore[attr-defined]

    def annotate(self, text: str, doc_id: str, **kwargs: object):
        self.release.wait(30)
        return self.real.annotate(text, doc_id, **kwargs)  # type: ignore[attr-defined]


class EndlessExtractor:
    """An analysis that never ends by itself; it reports progress every 10 ms, as the real one does
    between pieces of text."""

    label = "endless"

    def __init__(self) -> None:
        self.stopped_after: float | None = None

    def annotate(self, text: str, doc_id: str, *, progress=None, **_: object):
        started = time.monotonic()
        try:
            for n in range(100_000):
                time.sleep(0.01)
                if progress is not None:
                    progress(min(n / 1000, 0.99))
        except Cancelled:
            self.stopped_after = time.monotonic() - started
            raise
        raise AssertionError("never cancelled")


def test_edits_made_while_the_first_analysis_runs_are_kept(
    qtbot, window: MainWindow, article: Path, extractor, monkeypatch
) -> None:
    held = HeldExtractor(extractor)
    window._model_loaded(held, held.label)
    assert window.open_path(article)
    assert window.job is not None and not window.document.quotes
    monkeypatch.setattr(dialogs, "choose", lambda *a, **k: "indirect")
    select_text(window, "the deal would cost the city two million crowns")
    trigger(window, "add_quote")
    mine = current(window).id
    held.release.set()
    qtbot.waitUntil(lambda: window.job is None, timeout=60000)

    quotes = window.document.quotes
    assert window.document.quote(mine) is not None and window.document.quote(mine).status == "added"
    assert len(quotes) >= 3, "the analysis's quotes are in as well"
    assert sum("two million crowns" in q.segments[0].text for q in quotes) == 1, "no second copy of my quote"
    trigger(window, "undo")  # the analysis is one step: undone, my quote alone remains
    assert [q.id for q in window.document.quotes] == [mine]
    trigger(window, "redo")
    assert len(window.document.quotes) == len(quotes)


def test_an_untouched_article_takes_its_analysis_without_an_undo_step(qtbot, window: MainWindow, article: Path) -> None:
    open_analysed(qtbot, window, article)
    assert not window.isWindowModified()
    assert not window.actions["undo"].isEnabled()


def test_a_save_that_fails_on_closing_keeps_the_window_and_the_edits(
    qtbot, window: MainWindow, article: Path, monkeypatch
) -> None:
    open_analysed(qtbot, window, article)
    trigger(window, "accept")
    errors: list[tuple] = []

    def broken(*_args: object) -> None:
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(main_window_module, "write_annotation", broken)
    monkeypatch.setattr(dialogs, "unsaved_changes", lambda *a: "save")
    monkeypatch.setattr(dialogs, "error", lambda *a: errors.append(a[1:]))
    window.show()
    assert window.close() is False
    assert window.isVisible() and window.isWindowModified()
    assert errors and errors[0][0] == "Cannot save" and "could not be written" in errors[0][1]
    assert window.document.quotes[0].status == "accepted"


def test_autosave_that_cannot_write_says_so_once(
    qtbot, window: MainWindow, article: Path, tmp_path: Path, monkeypatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("QUOTEAPP_RECOVERY_DIR", str(blocker / "recovery"))
    errors: list[tuple] = []
    monkeypatch.setattr(dialogs, "error", lambda *a: errors.append(a[1:]))
    open_analysed(qtbot, window, article)
    trigger(window, "accept")
    window.autosave()
    window.autosave()
    assert len(errors) == 1 and errors[0][0] == "Autosave failed"
    assert "save them with File > Save" in errors[0][1]
    assert window.autosave_label.isVisibleTo(window) and "Autosave" in window.autosave_label.text()
    monkeypatch.setenv("QUOTEAPP_RECOVERY_DIR", str(tmp_path / "recovery"))
    window.autosave()
    assert not window.autosave_label.isVisibleTo(window)


def test_an_unreadable_saved_annotation_can_be_opened_afresh_and_is_kept_aside(
    qtbot, window: MainWindow, article: Path, monkeypatch
) -> None:
    saved = article.with_name("ferry.quotes.json")
    saved.write_text('{"schema": "quoteapp/attribution", "version": 1, "docu', encoding="utf-8")
    asked: list[tuple] = []
    monkeypatch.setattr(dialogs, "open_fresh", lambda *a: asked.append(a[1:]) or False)
    assert window.open_path(article) is False
    assert saved.exists(), "declined: nothing is moved"

    monkeypatch.setattr(dialogs, "open_fresh", lambda *a: asked.append(a[1:]) or True)
    open_analysed(qtbot, window, article)
    assert asked[0][0] == "ferry.txt" and asked[0][1] == "saved annotation"
    assert not saved.exists()
    aside = article.with_name("ferry.quotes.json.bad")
    assert aside.read_text(encoding="utf-8").endswith('"docu'), "the bad file is kept, unchanged"


def test_an_unreadable_recovery_copy_falls_back_to_the_saved_file(
    qtbot, window: MainWindow, article: Path, monkeypatch
) -> None:
    open_analysed(qtbot, window, article)
    assert window.do_save()
    good = read_annotation(article.with_name("ferry.quotes.json"))
    copy = write_recovery(good, article.with_name("ferry.quotes.json"))
    copy.write_text("{broken", encoding="utf-8")
    future = time.time() + 60
    import os

    os.utime(copy, (future, future))
    monkeypatch.setattr(dialogs, "restore_recovery", lambda *a: True)
    monkeypatch.setattr(dialogs, "open_fresh", lambda *a: True)
    window._set_document(None)
    assert window.open_path(article)
    assert len(window.document.quotes) == len(good.quotes), "the saved annotation opened instead"
    assert not recovery_path(article.with_name("ferry.quotes.json")).exists()
    assert copy.with_name(copy.name + ".bad").exists()


@pytest.mark.parametrize("focus", ["quote_table", "entity_table", "view", "filter_box"])
def test_escape_cancels_the_analysis_wherever_the_focus_is(
    qtbot, window: MainWindow, article: Path, focus: str
) -> None:
    endless = EndlessExtractor()
    window._model_loaded(endless, endless.label)
    window.show()
    window.activateWindow()
    assert window.open_path(article)
    assert window.job is not None
    widget = getattr(window, focus)
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus, timeout=2000)
    QTest.keyClick(widget, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: window.job is None, timeout=3000)
    qtbot.waitUntil(lambda: endless.stopped_after is not None, timeout=2000)  # the worker stops too


def test_an_unreadable_speaker_registry_is_kept_aside_and_the_user_told(
    qtbot, window: MainWindow, article: Path, monkeypatch
) -> None:
    registry = article.with_name("quoteapp-registry.json")
    registry.write_text(
        '{"schema": "quoteapp/registry", "version": 1, "identities": [{"id": "I1", "aliases": "Beck"', encoding="utf-8"
    )
    errors: list[tuple] = []
    monkeypatch.setattr(dialogs, "error", lambda *a: errors.append(a[1:]))
    window.open_folder(article.parent)
    qtbot.waitUntil(lambda: window.job is None, timeout=60000)
    assert errors and errors[0][0] == "The speaker registry could not be read"
    assert "kept as quoteapp-registry.json.bad" in errors[0][1]
    assert article.with_name("quoteapp-registry.json.bad").read_text(encoding="utf-8").endswith('"Beck"')
    assert registry.exists(), "a new registry is written in its place"


def test_a_saved_annotation_is_read_while_the_window_keeps_painting(
    qtbot, window: MainWindow, article: Path, monkeypatch
) -> None:
    """Reading (and checking) a big attribution file takes seconds: it runs off the GUI thread, and
    the window's event loop goes on meanwhile (timers fire, the window repaints)."""
    open_analysed(qtbot, window, article)
    assert window.do_save()
    from quoteapp.corpus import opening

    real = opening.read_annotation
    seen: dict[str, object] = {}
    ticks: list[int] = []

    def slow_read(path):
        seen["thread"] = threading.current_thread()
        time.sleep(0.3)
        return real(path)

    from PySide6.QtCore import QTimer

    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    monkeypatch.setattr(opening, "read_annotation", slow_read)
    window._set_document(None)
    assert window.open_path(article)
    timer.stop()
    assert seen["thread"] is not threading.main_thread()
    assert len(ticks) >= 5, "the event loop ran while the file was read"
    assert window.document.quotes


class OneLongChunkExtractor:
    """An analysis whose first piece of text takes seconds to parse (no progress meanwhile), then
    finds a quote; cancelled, the quote must never reach the document."""

    label = "slow"

    def __init__(self, real: object) -> None:
        self.real = real

    def annotate(self, text: str, doc_id: str, *, progress=None, **kwargs: object):
        time.sleep(2.0)
        if progress is not None:
            progress(0.5)
        return self.real.annotate(text, doc_id, **kwargs)  # type: ignore[attr-defined]


def test_cancel_frees_the_window_at_once_even_inside_a_long_piece_of_text(
    qtbot, window: MainWindow, article: Path, extractor
) -> None:
    slow = OneLongChunkExtractor(extractor)
    window._model_loaded(slow, slow.label)
    assert window.open_path(article)
    running = window.job
    assert running is not None
    trigger(window, "cancel_analysis")
    assert window.job is None and not window.progress.isVisibleTo(window)
    assert "cancelled" in window.statusBar().currentMessage()
    qtbot.waitUntil(running.isFinished, timeout=10000)
    qtbot.wait(50)
    assert window.document.quotes == [], "a cancelled analysis never lands in the document"


def test_the_analysis_is_merged_off_the_gui_thread_with_input_held(
    qtbot, window: MainWindow, article: Path, monkeypatch
) -> None:
    """Merging a big analysis into the edits takes seconds: done in a worker while the window paints;
    keys pressed meanwhile do nothing, so the document cannot change under the merge."""
    from PySide6.QtCore import QTimer

    from quoteapp.gui import analysis as analysis_module

    real = analysis_module.merge_reanalysis
    seen: dict[str, object] = {}

    def slow_merge(edited, fresh):
        seen["thread"] = threading.current_thread()
        time.sleep(0.4)
        return real(edited, fresh)

    real_wait = analysis_module.run_in_background

    def pressing_x_meanwhile(*args):
        QTimer.singleShot(100, lambda: QTest.keyClick(window.quote_table, Qt.Key.Key_X))  # Reject, mid-merge
        return real_wait(*args)

    window.show()
    window.activateWindow()
    open_analysed(qtbot, window, article)
    window.quote_table.setFocus()
    trigger(window, "accept")
    before = [(q.id, q.status) for q in window.document.quotes]
    monkeypatch.setattr(analysis_module, "merge_reanalysis", slow_merge)
    monkeypatch.setattr(analysis_module, "run_in_background", pressing_x_meanwhile)
    trigger(window, "reanalyse")
    qtbot.waitUntil(lambda: window.job is None and "thread" in seen, timeout=60000)
    qtbot.wait(600)
    assert seen["thread"] is not threading.main_thread()
    assert [(q.id, q.status) for q in window.document.quotes] == before, "the key pressed meanwhile changed nothing"
    stack = window.document.undo_stack
    assert [stack.text(i).split()[0] for i in range(stack.count())] == ["Accept", "Re-analyse"]


def test_a_registry_edit_that_cannot_be_saved_is_said_and_kept(qtbot, tmp_path: Path, monkeypatch) -> None:
    from quoteapp.gui.registry_panel import RegistryPanel
    from quoteapp.model.registry import Identity, Member, Registry

    panel = RegistryPanel()
    qtbot.addWidget(panel)
    registry = Registry([Identity("I1", "Ana Pires", "person", members=[Member("a", "E1", "Ana Pires")])])
    from quoteapp.corpus.registry import save_folder_registry

    panel.set_registry(registry, lambda edited: save_folder_registry(tmp_path / "no-such-folder", edited))
    errors: list[tuple] = []
    monkeypatch.setattr(dialogs, "error", lambda *a: errors.append(a[1:]))
    panel.tree.setCurrentItem(panel.tree.topLevelItem(0))
    panel.confirm()
    assert errors and errors[0][0] == "The speaker registry could not be saved"
    assert panel.registry.identity("I1").confirmed, "the edit stays"


def test_an_analysis_never_lands_in_another_article(
    qtbot, window: MainWindow, article: Path, extractor, tmp_path: Path
) -> None:
    """Open A (its analysis held back), then B, already saved: A's analysis is dropped, B untouched."""
    other = tmp_path / "b.txt"
    other.write_text(article.read_text(encoding="utf-8"), encoding="utf-8")  # the same words: a syndicated copy
    open_analysed(qtbot, window, other)
    trigger(window, "accept")
    assert window.do_save()
    held = HeldExtractor(extractor)
    window._model_loaded(held, held.label)
    assert window.open_path(article)
    assert window.job is not None
    assert window.open_path(other)
    held.release.set()
    qtbot.wait(1500)
    assert window.document.article_path == other and window.document.quotes[0].status == "accepted"
    assert not window.isWindowModified() and window.document.undo_stack.count() == 0


def test_the_input_held_during_a_background_step_is_only_the_windows(qtbot, window: MainWindow) -> None:
    """A dialog that opens while the window waits (an autosave error, say) can still be answered."""
    from PySide6.QtCore import QEvent
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QMessageBox

    from quoteapp.gui.workers import _InputBlocker

    blocker = _InputBlocker(window)
    key = QKeyEvent(QEvent.Type.KeyPress, Qt.Key.Key_A, Qt.KeyboardModifier.NoModifier)
    assert blocker.eventFilter(window.quote_table, key) is True
    dialog = QMessageBox()
    assert blocker.eventFilter(dialog, key) is False
    assert blocker.eventFilter(window, QEvent(QEvent.Type.Close)) is True, "the window is not closed meanwhile"


def test_opening_a_folder_asks_about_unsaved_edits_first(
    qtbot, window: MainWindow, article: Path, tmp_path: Path, monkeypatch
) -> None:
    open_analysed(qtbot, window, article)
    trigger(window, "accept")
    folder = tmp_path / "other-story"
    folder.mkdir()
    (folder / "c.txt").write_text("The mayor Ana Pires said the bridge would reopen.\n", encoding="utf-8")
    monkeypatch.setattr(dialogs, "unsaved_changes", lambda *a: "cancel")
    window.open_folder(folder)
    assert window.folders.folder is None and window.document.article_path == article
    assert window.isWindowModified()


def test_undoing_back_to_the_saved_state_leaves_no_unsaved_work_to_offer(
    qtbot, window: MainWindow, article: Path
) -> None:
    """An edit autosaved, then undone: the next opening must not offer "unsaved work" that is not there;
    a new edit is autosaved again."""
    open_analysed(qtbot, window, article)
    trigger(window, "accept")
    window.autosave()
    copy = recovery_path(window.document.save_path)
    assert copy.is_file()
    trigger(window, "undo")
    assert not window.isWindowModified() and not copy.exists()
    trigger(window, "reject")
    window.autosave()
    assert copy.is_file() and "rejected" in [q.status for q in read_annotation(copy).quotes]
