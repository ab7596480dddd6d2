"""The editor window driven through its actions, as an editor would: each correction with its undo
and redo, saving and reopening, autosave recovery, the unsaved-changes prompt, a big article.

Dialogs are answered by monkeypatching quoteapp.gui.dialogs; the text is selected in the article view
with a QTextCursor, the way a mouse drag would select it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import ARTICLE, current, open_analysed, select_quote_with, select_text, trigger, undo_redo
from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor

from quoteapp.formats.attribution import read_annotation
from quoteapp.gui import dialogs
from quoteapp.gui.actions import ACTIONS
from quoteapp.gui.main_window import MainWindow
from quoteapp.model import Annotation, validate


def test_every_action_has_a_shortcut_and_a_menu_entry(window: MainWindow) -> None:
    shortcuts = [window.actions[s.name].shortcut().toString() for s in ACTIONS]
    assert all(shortcuts)
    assert len(set(shortcuts)) == len(shortcuts), "two actions share a shortcut"
    menu_actions = {
        a.objectName() for m in window.menuBar().findChildren(type(window.menuBar().addMenu("x"))) for a in m.actions()
    }
    assert {s.name for s in ACTIONS} <= menu_actions


def test_help_lists_the_folder_panels_keys_too(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_html", lambda parent, title, html: shown.append(html))
    window.actions["shortcuts"].trigger()
    (page,) = shown
    assert "Speakers across the folder" in page
    for text in ("Merge into", "Merge as suggested", "Dismiss", "Next Uncertain Quote"):
        assert text in page, text
    assert "Ctrl+Alt+M" in page


def test_opening_an_article_analyses_it_and_shows_its_quotes(qtbot, window: MainWindow, article: Path) -> None:
    open_analysed(qtbot, window, article)
    assert window.quote_proxy.rowCount() == len(window.document.quotes) >= 3  # type: ignore[union-attr]
    assert "ferry.txt" in window.windowTitle()
    assert not window.isWindowModified()
    assert window.current_quote_id() == window.document.quotes[0].id  # type: ignore[union-attr]
    assert "auto" in window.status_counts.text()


def test_accept_and_reject(qtbot, window: MainWindow, article: Path) -> None:
    open_analysed(qtbot, window, article)
    select_quote_with(window, "timetable")
    quote_id = window.current_quote_id()
    trigger(window, "accept")
    status = lambda: window.document.quote(quote_id).status  # noqa: E731
    undo_redo(
        window,
        lambda: status() == "auto" or pytest.fail(status()),
        lambda: status() == "accepted" or pytest.fail(status()),
    )
    assert window.isWindowModified()
    window.select_quote(quote_id)
    trigger(window, "reject")
    assert status() == "rejected"
    assert window.quote_proxy.proxy_row_of(quote_id) == -1, "rejected quotes are hidden by default"
    trigger(window, "show_rejected")
    assert window.quote_proxy.proxy_row_of(quote_id) >= 0


def test_add_a_quote_from_the_selection(qtbot, window: MainWindow, article: Path, monkeypatch) -> None:
    open_analysed(qtbot, window, article)
    before = len(window.document.quotes)
    monkeypatch.setattr(dialogs, "choose", lambda *a, **k: "indirect")
    select_text(window, "The ferry workers of Brakvik ended their strike on Sunday")
    existing = [q for q in window.document.quotes if q.segments[0].text.startswith("The ferry workers")]
    for q in existing:  # start from a state where this quote is missing
        window.select_quote(q.id)
        trigger(window, "delete_quote")
    before = len(window.document.quotes)
    select_text(window, "The ferry workers of Brakvik ended their strike on Sunday")
    trigger(window, "add_quote")
    added = current(window)
    assert added.status == "added" and added.type == "indirect" and added.confidence is None
    assert added.segments[0].text == "The ferry workers of Brakvik ended their strike on Sunday"
    undo_redo(
        window,
        lambda: len(window.document.quotes) == before or pytest.fail("undo"),
        lambda: len(window.document.quotes) == before + 1 or pytest.fail("redo"),
    )


def test_resize_add_and_remove_segments_and_set_the_cue(qtbot, window: MainWindow, article: Path) -> None:
    open_analysed(qtbot, window, article)
    select_quote_with(window, "timetable")
    quote_id = window.current_quote_id()
    segments = lambda: [s.text for s in window.document.quote(quote_id).segments]  # noqa: E731
    original = segments()
    select_text(window, "the timetable would be back to normal")
    trigger(window, "resize_segment")
    assert segments() == ["the timetable would be back to normal"]
    assert window.document.quote(quote_id).status == "corrected"
    undo_redo(
        window,
        lambda: segments() == original or pytest.fail(str(segments())),
        lambda: segments() == ["the timetable would be back to normal"] or pytest.fail(str(segments())),
    )
    select_text(window, "by Friday")
    trigger(window, "add_segment")
    assert segments() == ["the timetable would be back to normal", "by Friday"]
    trigger(window, "remove_segment")
    assert segments() == ["the timetable would be back to normal"]
    before = window.document.quote(quote_id).cue
    select_text(window, "said", occurrence=2)
    trigger(window, "set_cue")
    cue = window.document.quote(quote_id).cue
    assert cue.text == "said" and cue != before, "the cue is the selected 'said'"
    trigger(window, "undo")
    assert window.document.quote(quote_id).cue == before


def test_set_the_speaker_to_an_existing_or_a_new_entity(qtbot, window: MainWindow, article: Path, monkeypatch) -> None:
    open_analysed(qtbot, window, article)
    select_quote_with(window, "two million")
    quote_id = window.current_quote_id()
    speaker = lambda: window.document.entity(window.document.quote(quote_id).speaker.entity).name  # noqa: E731
    before = speaker()
    target = next(e for e in window.document.entities if e.name == "Mara Lind")
    monkeypatch.setattr(
        dialogs,
        "choose",
        lambda parent, title, label, items, current=0: next(i for i in items if i.startswith("Mara Lind")),
    )
    window.view.setTextCursor(QTextCursor(window.view.document()))  # no selection: pick from the list
    trigger(window, "set_speaker")
    assert speaker() == target.name
    undo_redo(
        window,
        lambda: speaker() == before or pytest.fail(speaker()),
        lambda: speaker() == "Mara Lind" or pytest.fail(speaker()),
    )
    monkeypatch.setattr(dialogs, "choose", lambda *a, **k: "organization")
    select_text(window, "The ferry workers of Brakvik")
    entities = len(window.document.entities)
    trigger(window, "set_speaker")
    assert speaker() == "The ferry workers of Brakvik"
    assert len(window.document.entities) == entities + 1
    assert window.document.entity(window.document.quote(quote_id).speaker.entity).kind == "organization"
    trigger(window, "undo")
    assert len(window.document.entities) == entities and speaker() == "Mara Lind"
    select_text(window, "Olav Strand")  # a selection naming a known entity picks that entity
    trigger(window, "set_speaker")
    assert speaker() == "Olav Strand" and len(window.document.entities) == entities


def test_intermediaries_add_reorder_role_remove(qtbot, window: MainWindow, article: Path, monkeypatch) -> None:
    open_analysed(qtbot, window, article)
    select_quote_with(window, "timetable")
    quote_id = window.current_quote_id()

    def chain() -> list[tuple[str, str]]:
        return [(window.document.entity(i.entity).name, i.role) for i in window.document.quote(quote_id).intermediaries]

    answers = iter(["Mara Lind", "relay", "city official", "outlet"])

    def choose(parent, title, label, items, current=0):
        wanted = next(answers)
        return next(i for i in items if i.startswith(wanted))

    monkeypatch.setattr(dialogs, "choose", choose)
    window.view.setTextCursor(QTextCursor(window.view.document()))
    trigger(window, "add_intermediary")
    trigger(window, "add_intermediary")
    assert chain() == [("Mara Lind", "relay"), ("city official", "outlet")]
    window.detail.chain.setCurrentRow(1)
    window.detail.move_intermediary.emit(1, -1)
    assert chain() == [("city official", "outlet"), ("Mara Lind", "relay")]
    monkeypatch.setattr(dialogs, "choose", lambda *a, **k: "spokesperson")
    window.detail.change_role.emit(1)
    assert chain()[1] == ("Mara Lind", "spokesperson")
    trigger(window, "remove_intermediary")
    assert chain() == [("city official", "outlet")]
    undo_redo(
        window,
        lambda: chain() == [("city official", "outlet"), ("Mara Lind", "spokesperson")] or pytest.fail(str(chain())),
        lambda: chain() == [("city official", "outlet")] or pytest.fail("redo"),
    )


def test_change_type_and_parent(qtbot, window: MainWindow, article: Path, monkeypatch) -> None:
    open_analysed(qtbot, window, article)
    select_quote_with(window, "two million")
    quote_id = window.current_quote_id()
    monkeypatch.setattr(dialogs, "choose", lambda *a, **k: "mixed")
    trigger(window, "set_type")
    assert window.document.quote(quote_id).type == "mixed"
    trigger(window, "undo")
    assert window.document.quote(quote_id).type == "indirect"
    other = next(q for q in window.document.quotes if q.id != quote_id)
    monkeypatch.setattr(
        dialogs,
        "choose",
        lambda parent, title, label, items, current=0: next(i for i in items if i.startswith(other.id + ":")),
    )
    trigger(window, "set_parent")
    assert window.document.quote(quote_id).parent == other.id
    window.select_quote(other.id)
    monkeypatch.setattr(
        dialogs,
        "choose",
        lambda parent, title, label, items, current=0: next(i for i in items if i.startswith(quote_id + ":")),
    )
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(message))
    trigger(window, "set_parent")
    assert errors and "cannot be nested" in errors[0], "a cycle is refused with a message"
    window.select_quote(quote_id)
    monkeypatch.setattr(dialogs, "choose", lambda *a, **k: "(none)")
    trigger(window, "set_parent")
    assert window.document.quote(quote_id).parent is None


def test_delete_a_quote_and_undo(qtbot, window: MainWindow, article: Path) -> None:
    open_analysed(qtbot, window, article)
    select_quote_with(window, "timetable")
    quote_id = window.current_quote_id()
    trigger(window, "delete_quote")
    assert window.document.quote(quote_id) is None
    trigger(window, "undo")
    assert window.document.quote(quote_id) is not None


def select_entity(window: MainWindow, name: str) -> str:
    entity = next(e for e in window.document.entities if e.name == name)
    row = window.entity_proxy.mapFromSource(window.entity_model.index(window.entity_model.row_of(entity.id), 0)).row()
    window.entity_table.selectRow(row)
    window.entity_table.setCurrentIndex(window.entity_proxy.index(row, 0))
    assert window.current_entity_id() == entity.id
    return entity.id


def test_entity_rename_kind_alias(qtbot, window: MainWindow, article: Path, monkeypatch) -> None:
    open_analysed(qtbot, window, article)
    entity_id = select_entity(window, "Olav Strand")
    monkeypatch.setattr(dialogs, "text", lambda *a, **k: "Olav B. Strand")
    trigger(window, "rename_entity")
    entity = lambda: window.document.entity(entity_id)  # noqa: E731
    assert entity().name == "Olav B. Strand" and "Olav Strand" in entity().aliases
    undo_redo(
        window,
        lambda: entity().name == "Olav Strand" or pytest.fail(entity().name),
        lambda: entity().name == "Olav B. Strand" or pytest.fail(entity().name),
    )
    monkeypatch.setattr(dialogs, "choose", lambda *a, **k: "organization")
    trigger(window, "entity_kind")
    assert entity().kind == "organization"
    monkeypatch.setattr(dialogs, "text", lambda *a, **k: "the director")
    trigger(window, "add_alias")
    assert "the director" in entity().aliases
    monkeypatch.setattr(dialogs, "choose", lambda *a, **k: "the director")
    trigger(window, "remove_alias")
    assert "the director" not in entity().aliases


def test_merge_and_split_entities(qtbot, window: MainWindow, article: Path, monkeypatch) -> None:
    open_analysed(qtbot, window, article)
    strand = select_entity(window, "Olav Strand")
    lind = next(e for e in window.document.entities if e.name == "Mara Lind").id
    strand_quotes = [q.id for q in window.document.quotes if q.speaker and q.speaker.entity == strand]
    monkeypatch.setattr(
        dialogs,
        "choose",
        lambda parent, title, label, items, current=0: next(i for i in items if i.startswith("Mara Lind")),
    )
    trigger(window, "merge_entities")
    assert window.document.entity(strand) is None
    assert "Olav Strand" in window.document.entity(lind).aliases
    assert all(window.document.quote(q).speaker.entity == lind for q in strand_quotes)
    trigger(window, "undo")
    assert window.document.entity(strand) is not None
    assert all(window.document.quote(q).speaker.entity == strand for q in strand_quotes)
    trigger(window, "redo")
    window.select_quote(strand_quotes[0])
    trigger(window, "split_mention")
    new_speaker = window.document.quote(strand_quotes[0]).speaker.entity
    assert new_speaker not in (strand, lind)
    assert "Strand" in window.document.entity(new_speaker).name


def test_save_then_reopen_gives_the_same_annotation(qtbot, window: MainWindow, article: Path) -> None:
    open_analysed(qtbot, window, article)
    select_quote_with(window, "timetable")
    trigger(window, "accept")
    trigger(window, "save")
    saved_path = article.with_name("ferry.quotes.json")
    assert saved_path.exists() and not window.isWindowModified()
    before = window.document.annotation
    window.open_path(article)
    after: Annotation = window.document.annotation
    assert after is not before
    assert [(q.id, q.status, [s.text for s in q.segments]) for q in after.quotes] == [
        (q.id, q.status, [s.text for s in q.segments]) for q in before.quotes
    ]
    assert read_annotation(saved_path).quotes == after.quotes
    trigger(window, "undo") if window.actions["undo"].isEnabled() else None  # a fresh stack: nothing to undo


def test_undo_works_across_a_save(qtbot, window: MainWindow, article: Path) -> None:
    open_analysed(qtbot, window, article)
    quote_id = window.current_quote_id()
    trigger(window, "accept")
    trigger(window, "save")
    trigger(window, "undo")
    assert window.document.quote(quote_id).status == "auto"
    assert window.isWindowModified(), "after undoing past the save point the title shows unsaved changes"


def test_unsaved_changes_prompt_on_opening_another_article(
    qtbot, window: MainWindow, article: Path, tmp_path: Path, monkeypatch
) -> None:
    open_analysed(qtbot, window, article)
    trigger(window, "accept")
    other = tmp_path / "other.txt"
    other.write_text("The chef Ana Vidal said the soup was cold.\n", encoding="utf-8")
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "unsaved_changes", lambda parent, title: asked.append(title) or "cancel")
    assert not window.open_path(other)
    assert asked == ["ferry.txt"] and window.document.article_path == article
    monkeypatch.setattr(dialogs, "unsaved_changes", lambda parent, title: "save")
    assert window.open_path(other)
    assert read_annotation(article.with_name("ferry.quotes.json")).quotes[0].status == "accepted"


def test_autosave_and_recovery(qtbot, window: MainWindow, article: Path, tmp_path: Path, monkeypatch) -> None:
    open_analysed(qtbot, window, article)
    quote_id = window.current_quote_id()
    trigger(window, "accept")
    window.autosave_timer.setInterval(50)
    window.autosave_timer.start()
    qtbot.waitUntil(lambda: any((tmp_path / "recovery").glob("*.json")), timeout=5000)
    # the app dies here; a new window opens the same article and finds the recovery copy
    monkeypatch.setattr(dialogs, "restore_recovery", lambda *a: True)
    stack = window.document.undo_stack  # as if the process had ended without a prompt: a dead
    stack.blockSignals(True)  # process runs no handler, so its recovery copy stays
    stack.setClean()
    stack.blockSignals(False)
    second = MainWindow(load_model=False)
    qtbot.addWidget(second)
    assert second.open_path(article)
    assert second.document.quote(quote_id).status == "accepted"
    assert second.isWindowModified(), "restored work is unsaved until saved"


def test_article_changed_since_its_annotation_is_reanchored(
    qtbot, window: MainWindow, article: Path, monkeypatch
) -> None:
    open_analysed(qtbot, window, article)
    select_quote_with(window, "timetable")
    trigger(window, "accept")
    trigger(window, "save")
    article.write_text("Update: a correction was added.\n\n" + ARTICLE, encoding="utf-8")
    monkeypatch.setattr(dialogs, "article_changed", lambda *a: "reanchor")
    messages: list[str] = []
    monkeypatch.setattr(dialogs, "info", lambda parent, title, message: messages.append(message))
    assert window.open_path(article)
    accepted = [q for q in window.document.quotes if q.status == "accepted"]
    assert [q.segments[0].text for q in accepted] == ["the timetable would be back to normal by Friday"]
    validate(window.document.annotation)
    assert messages and "before-change" in messages[0]


def test_a_5_mb_article_opens_without_blocking_the_event_loop(qtbot, window: MainWindow, tmp_path: Path) -> None:
    paragraph = "The inspector Lena Dahl said the tunnel would stay closed until spring. "
    big = tmp_path / "big.txt"
    big.write_text((paragraph * 6 + "\n\n") * (5_000_000 // (len(paragraph) * 6 + 2)), encoding="utf-8")
    ticks: list[int] = []
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(20)
    assert window.open_path(big)
    qtbot.waitUntil(lambda: window.job is not None and len(ticks) > 5, timeout=30000)
    window.actions["cancel_analysis"].trigger()
    qtbot.waitUntil(lambda: window.job is None, timeout=60000)
    timer.stop()
    assert len(ticks) > 5, "the event loop ran while the big article was being analysed"


def test_the_review_flow_works_from_the_keyboard(qtbot, window: MainWindow, article: Path) -> None:
    """J/K move between quotes, A accepts (and moves on), X rejects, Ctrl+Z undoes: with the focus in
    the article view and in the quote list alike."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    open_analysed(qtbot, window, article)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    first, second = window.document.quotes[0].id, window.document.quotes[1].id
    for widget in (window.view, window.quote_table):
        widget.setFocus()
        window.select_quote(first)
        qtbot.keyClick(widget, Qt.Key.Key_J)
        assert window.current_quote_id() == second
        qtbot.keyClick(widget, Qt.Key.Key_K)
        assert window.current_quote_id() == first
        qtbot.keyClick(widget, Qt.Key.Key_A)
        assert window.document.quote(first).status == "accepted"
        assert window.current_quote_id() == second, "accepting moves on to the next quote"
        qtbot.keyClick(widget, Qt.Key.Key_X)
        assert window.document.quote(second).status == "rejected"
        qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(widget, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert window.document.quote(first).status == "auto" and window.document.quote(second).status == "auto"


def test_open_folder_lists_articles_with_their_state_and_steps_through_them(
    qtbot, window: MainWindow, tmp_path: Path
) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    for name, speaker in (("a.txt", "Ana Pires"), ("b.txt", "Tom Reyes"), ("c.md", "Eva Lund")):
        (folder / name).write_text(f"The mayor {speaker} said the bridge would reopen in June.\n", encoding="utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4 not an article")
    window.open_folder(folder)
    qtbot.waitUntil(lambda: window.job is None and bool(window.document.quotes), timeout=60000)
    assert window.folders.articles_dock.isVisible() or not window.isVisible()
    assert window.folders.article_list.count() == 3, "only articles are listed"
    trigger(window, "accept")
    trigger(window, "save")
    assert window.folders.article_list.item(0).text() == "a.txt  —  reviewed · 1 quotes"
    assert window.folders.article_list.item(1).text() == "b.txt  —  not analysed"
    trigger(window, "next_article")
    qtbot.waitUntil(lambda: window.job is None and bool(window.document.quotes), timeout=60000)
    assert window.document.article_path == folder / "b.txt"
    trigger(window, "save")
    assert window.folders.article_list.item(1).text() == "b.txt  —  analysed · 1 quotes, 1 to review"
    trigger(window, "previous_article")
    assert window.document.article_path == folder / "a.txt"
    assert window.document.quotes[0].status == "accepted", "the saved annotation is opened, not a new analysis"


def test_reanalyse_replaces_only_the_quotes_no_editor_touched(qtbot, window: MainWindow, article: Path) -> None:
    open_analysed(qtbot, window, article)
    select_quote_with(window, "timetable")
    kept = window.current_quote_id()
    select_text(window, "the timetable would be back to normal")
    trigger(window, "resize_segment")
    others = {q.id for q in window.document.quotes if q.id != kept}
    trigger(window, "reanalyse")
    qtbot.waitUntil(lambda: window.job is None and window.document.undo_stack.undoText() == "Re-analyse", timeout=60000)
    resized = window.document.quote(kept)
    assert resized.status == "corrected" and resized.segments[0].text == "the timetable would be back to normal"
    assert sum(1 for q in window.document.quotes if "timetable" in q.segments[0].text) == 1, "no duplicate"
    assert len(window.document.quotes) == len(others) + 1
    validate(window.document.annotation)
    trigger(window, "undo")
    assert window.document.quote(kept).status == "corrected"


def test_the_window_is_usable_while_the_model_loads(qtbot, article: Path, monkeypatch) -> None:
    """The window opens at once; an article opened before the model is ready is analysed when it is."""
    win = MainWindow()  # loads the default model in the background
    qtbot.addWidget(win)
    assert win.open_path(article)
    assert win.document is not None and win.document.text.startswith("Ferry strike")
    qtbot.waitUntil(lambda: win.extractor is not None and win.job is None and bool(win.document.quotes), timeout=120000)
    assert "en_core_web_sm" in win.status_model.text()
    win.shutdown()


def test_a_binary_file_is_refused_with_a_message_and_the_open_article_stays(
    qtbot, window: MainWindow, article: Path, tmp_path: Path, monkeypatch
) -> None:
    open_analysed(qtbot, window, article)
    bad = tmp_path / "photo.txt"
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(200))
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "error", lambda parent, title, message: errors.append(message))
    assert not window.open_path(bad)
    assert errors and "photo.txt" in errors[0]
    assert window.document.article_path == article


def test_the_picker_narrows_its_list_as_you_type(qtbot) -> None:
    """The speaker / intermediary / parent picker: typing any part of a name narrows the list."""
    from PySide6.QtWidgets import QDialog, QLineEdit, QListWidget

    chosen: list[str | None] = []

    def drive() -> None:
        dialog = next(w for w in qtbot_widgets() if isinstance(w, QDialog) and w.isVisible())
        dialog.findChild(QLineEdit).setText("strand")
        listing = dialog.findChild(QListWidget)
        assert [listing.item(i).text() for i in range(listing.count()) if not listing.item(i).isHidden()] == [
            "Olav Strand  (person, E3)"
        ]
        dialog.accept()

    def qtbot_widgets():
        from PySide6.QtWidgets import QApplication

        return QApplication.topLevelWidgets()

    QTimer.singleShot(100, drive)
    chosen.append(
        dialogs.choose(
            None,
            "Set speaker",
            "Entity:",
            ["Mara Lind  (person, E1)", "city official  (anonymous, E2)", "Olav Strand  (person, E3)"],
        )
    )
    assert chosen == ["Olav Strand  (person, E3)"]


def test_file_export_writes_the_folders_dataset(qtbot, window: MainWindow, tmp_path: Path, monkeypatch) -> None:
    import csv

    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("The mayor Ana Pires said the bridge would reopen in June.\n", encoding="utf-8")
    (folder / "b.txt").write_text("The engineer Tom Reyes said the road was closed.\n", encoding="utf-8")
    window.open_folder(folder)
    qtbot.waitUntil(lambda: window.job is None and bool(window.document.quotes), timeout=60000)
    trigger(window, "accept")
    trigger(window, "save")
    trigger(window, "next_article")
    qtbot.waitUntil(lambda: window.job is None and window.document.article_path.name == "b.txt", timeout=60000)
    answers = iter(["csv", "every article, every quote"])
    monkeypatch.setattr(dialogs, "choose", lambda *a, **k: next(answers))
    target = tmp_path / "out.csv"
    monkeypatch.setattr(dialogs, "export_target", lambda *a: target)
    messages: list[str] = []
    monkeypatch.setattr(dialogs, "info", lambda parent, title, message: messages.append(message))
    trigger(window, "export")
    rows = list(csv.DictReader(target.open(encoding="utf-8")))
    assert sorted((r["article"], r["speaker"], r["status"]) for r in rows) == [
        ("a", "Ana Pires", "accepted"),
        ("b", "Tom Reyes", "auto"),
    ]
    assert messages and "2 articles, 2 quotes" in messages[0]


def test_recent_files_and_drag_and_drop(qtbot, window: MainWindow, article: Path, tmp_path: Path) -> None:
    from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
    from PySide6.QtGui import QDropEvent

    other = tmp_path / "other.txt"
    other.write_text("The chef Ana Vidal said the soup was cold.\n", encoding="utf-8")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(other))])
    drop = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(drop)
    qtbot.waitUntil(lambda: window.job is None and window.document.article_path == other, timeout=60000)
    open_analysed(qtbot, window, article)
    window._fill_recent()
    recent = [a.text() for a in window.recent_menu.actions()]
    assert recent[:2] == [str(article), str(other)]
    window.recent_menu.actions()[1].trigger()
    assert window.document.article_path == other


def test_the_toolbar_undo_button_keeps_its_short_label(qtbot, window: MainWindow, article: Path) -> None:
    from PySide6.QtWidgets import QToolBar

    open_analysed(qtbot, window, article)
    window.select_row(0)
    trigger(window, "accept")
    toolbar = window.findChild(QToolBar, "main toolbar")
    button = toolbar.widgetForAction(window.actions["undo"])
    assert window.actions["undo"].text().startswith("&Undo ") and len(window.actions["undo"].text()) > 6
    assert button.text() == "Undo", "the menu names the step, the toolbar does not grow with it"
    assert window.actions["undo"].toolTip().startswith("Undo ")
