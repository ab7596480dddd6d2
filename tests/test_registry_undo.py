"""The registry's edits in the editor, as an editor makes them: through the Speakers panel's own
actions, undone and redone with the window's Undo and Redo, marked unsaved, written by Save,
asked about on close, and kept when the folder is opened again. The articles are invented."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from quoteapp.corpus.locations import annotation_path_for, registry_path
from quoteapp.formats.attribution import write_annotation
from quoteapp.gui import dialogs
from quoteapp.gui.quote_model import COL_SPEAKER
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker

A = "Tom Beck said the pier was safe. Thomas Becker said it was not. Sami Kerrouche said Omar Haddar would come."
B = "Haddar’s spokesman said the ferry would sail on Monday."


def span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span.of(text, start, start + len(words))


def quote(text: str, qid: str, content: str, speaker: str, mention: str, via: str | None = None) -> Quote:
    chain = [Intermediary(via, "spokesperson")] if via else []
    spoken = Speaker(speaker, span(text, mention))
    return Quote(qid, "indirect", [span(text, content)], speaker=spoken, intermediaries=chain, status="accepted")


def save_article(folder: Path, stem: str, text: str, entities: list[Entity], quotes: list[Quote]) -> None:
    path = folder / f"{stem}.txt"
    path.write_text(text, encoding="utf-8")
    write_annotation(
        Annotation(Document(id=stem, text=text, path=path.name), entities, quotes), annotation_path_for(path)
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """a: Beck, Becker, and Kerrouche speaking for Haddar; b: "Haddar’s spokesman" (not named)."""
    folder = tmp_path / "pier"
    folder.mkdir()
    people = [Entity("E1", "person", "Tom Beck"), Entity("E2", "person", "Thomas Becker")]
    people += [Entity("E3", "person", "Sami Kerrouche"), Entity("E4", "person", "Omar Haddar")]
    save_article(
        folder,
        "a",
        A,
        people,
        [
            quote(A, "Q1", "the pier was safe", "E1", "Tom Beck"),
            quote(A, "Q2", "it was not", "E2", "Thomas Becker"),
            quote(A, "Q3", "Omar Haddar would come", "E4", "Omar Haddar", via="E3"),
        ],
    )
    described = [Entity("E1", "anonymous", "Haddar’s spokesman")]
    save_article(
        folder, "b", B, described, [quote(B, "Q1", "the ferry would sail on Monday", "E1", "Haddar’s spokesman")]
    )
    return folder


@pytest.fixture
def window(qtbot, folder: Path, monkeypatch: pytest.MonkeyPatch):
    """The editor on the folder, its first article (a) open; no language model needed (all is saved)."""
    from PySide6.QtCore import QSettings

    from quoteapp.gui.main_window import MainWindow

    QSettings().clear()
    monkeypatch.setattr(dialogs, "unsaved_changes", lambda *a: "discard")
    win = MainWindow(load_model=False)
    qtbot.addWidget(win)
    win.open_folder(folder)
    assert win.document.article_path.name == "a.txt"
    yield win
    win.shutdown()


def panel(window):
    return window.folders.registry_panel


def rows(window) -> dict[str, list[str]]:
    """What the panel's list shows: name -> [kind, articles, speaks for, confirmed, id]."""
    tree = panel(window).tree
    items = (tree.topLevelItem(i) for i in range(tree.topLevelItemCount()))
    return {item.text(0): [item.text(c) for c in range(1, 6)] for item in items}


def select(window, name: str, member: str | None = None) -> None:
    tree = panel(window).tree
    item = next(tree.topLevelItem(i) for i in range(tree.topLevelItemCount()) if tree.topLevelItem(i).text(0) == name)
    if member is not None:
        item = next(item.child(i) for i in range(item.childCount()) if item.child(i).text(0).startswith(member))
    tree.setCurrentItem(item)


def pick(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """The identity chooser answers `name`."""
    monkeypatch.setattr(
        dialogs, "choose", lambda _p, _t, _l, items, current=0: next(i for i in items if i.startswith(name))
    )


def speaker_colour(window, quote_id: str):
    """The speaker cell's background in the quote list: its corpus identity's colour."""
    model = window.quote_model
    return model.data(model.index(window.document.quote_row(quote_id), COL_SPEAKER), Qt.ItemDataRole.BackgroundRole)


def run(window, name: str) -> None:
    action = panel(window).actions[name]
    assert action.isEnabled(), f"{name} is disabled"
    action.trigger()


def saved_names(folder: Path) -> list[str]:
    return [i["name"] for i in json.loads(registry_path(folder).read_text(encoding="utf-8"))["identities"]]


def test_a_merge_is_undone_with_ctrl_z_saved_with_the_article_and_kept_on_reopen(window, folder, monkeypatch) -> None:
    assert speaker_colour(window, "Q1") != speaker_colour(window, "Q2")
    beck_id = rows(window)["Tom Beck"][4]
    select(window, "Thomas Becker")
    pick(monkeypatch, "Tom Beck")
    run(window, "merge")
    assert "Thomas Becker" not in rows(window) and rows(window)["Tom Beck"][3] == "yes"
    assert speaker_colour(window, "Q1") == speaker_colour(window, "Q2"), "one identity, one colour in the quote list"
    assert window.isWindowModified() and "Thomas Becker" in saved_names(folder), "unsaved until Save"
    assert window.actions["undo"].text().startswith("&Undo Merge Thomas Becker into Tom Beck")
    window.actions["undo"].trigger()
    assert "Thomas Becker" in rows(window) and speaker_colour(window, "Q1") != speaker_colour(window, "Q2")
    assert not window.isWindowModified()
    window.actions["redo"].trigger()
    assert "Thomas Becker" not in rows(window) and window.isWindowModified()
    window.actions["save"].trigger()
    assert not window.isWindowModified() and "Thomas Becker" not in saved_names(folder)
    window.open_folder(folder)
    assert "Thomas Becker" not in rows(window) and rows(window)["Tom Beck"][4] == beck_id, "merged, same id"
    assert speaker_colour(window, "Q1") == speaker_colour(window, "Q2")


def test_split_confirm_and_speaks_for_are_undo_steps(window, monkeypatch) -> None:
    def undo_redo(before, after) -> None:
        assert after(), "the edit did not take"
        window.actions["undo"].trigger()
        assert before(), "undo did not bring the state before back"
        window.actions["redo"].trigger()
        assert after(), "redo did not bring the edit back"

    select(window, "Omar Haddar")
    run(window, "confirm")
    undo_redo(lambda: rows(window)["Omar Haddar"][3] == "", lambda: rows(window)["Omar Haddar"][3] == "yes")
    select(window, "Thomas Becker")
    pick(monkeypatch, "Tom Beck")
    run(window, "speaks_for")
    undo_redo(lambda: rows(window)["Thomas Becker"][2] == "", lambda: rows(window)["Thomas Becker"][2] == "Tom Beck")
    window.actions["undo"].trigger()
    select(window, "Thomas Becker")
    run(window, "merge")
    select(window, "Tom Beck", member="Thomas Becker")
    run(window, "split")
    undo_redo(
        lambda: "Thomas Becker" not in rows(window) and speaker_colour(window, "Q1") == speaker_colour(window, "Q2"),
        lambda: "Thomas Becker" in rows(window) and speaker_colour(window, "Q1") != speaker_colour(window, "Q2"),
    )
    stack = window.document.undo_stack
    assert [stack.text(i).split()[0] for i in range(stack.count())] == ["Confirm", "Merge", "Split"]


def test_an_identity_never_speaks_for_itself_through_a_merge(window, monkeypatch) -> None:
    errors: list[tuple] = []
    monkeypatch.setattr(dialogs, "error", lambda _p, title, message: errors.append((title, message)))
    assert rows(window)["Sami Kerrouche"][2] == "Omar Haddar"
    select(window, "Sami Kerrouche")
    pick(monkeypatch, "Omar Haddar")
    run(window, "merge")
    assert errors and "Sami Kerrouche speaks for Omar Haddar" in errors[0][1] and "itself" in errors[0][1]
    assert "Sami Kerrouche" in rows(window) and window.document.undo_stack.count() == 0
    assert not window.isWindowModified()


def test_a_suggestion_is_taken_with_enter_undone_and_a_dismissal_is_kept(qtbot, window, folder) -> None:
    suggested = panel(window).suggested
    assert suggested.isVisibleTo(panel(window)) and suggested.count() == 1
    assert suggested.item(0).text() == (
        "Haddar’s spokesman → Sami Kerrouche: described as Haddar’s spokesman in b; "
        "Sami Kerrouche speaks for Omar Haddar in a"
    )
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    suggested.setFocus()
    qtbot.keyClick(suggested, Qt.Key.Key_Return)
    assert "Haddar’s spokesman" not in rows(window) and rows(window)["Sami Kerrouche"][1] == "2"
    assert not suggested.isVisibleTo(panel(window)) and not panel(window).suggestion_buttons.isVisibleTo(panel(window))
    window.actions["undo"].trigger()
    assert "Haddar’s spokesman" in rows(window) and suggested.count() == 1
    suggested.setFocus()
    qtbot.keyClick(suggested, Qt.Key.Key_Delete, Qt.KeyboardModifier.ShiftModifier)
    assert suggested.count() == 0 and "Haddar’s spokesman" in rows(window)
    window.actions["undo"].trigger()
    assert suggested.count() == 1, "a dismissal is undone like any edit"
    window.actions["redo"].trigger()
    assert suggested.count() == 0
    window.actions["save"].trigger()
    window.open_folder(folder)
    assert panel(window).suggested.count() == 0, "a dismissed suggestion stays dismissed"


def test_registry_edits_are_asked_about_and_go_with_a_discarded_article(window, folder, monkeypatch) -> None:
    asked: list[str] = []
    answer = "cancel"
    monkeypatch.setattr(dialogs, "unsaved_changes", lambda _p, name: asked.append(name) or answer)
    select(window, "Thomas Becker")
    pick(monkeypatch, "Tom Beck")
    run(window, "merge")
    assert not window.close() and asked == ["a.txt"], "the close prompt knows about the registry edit"
    answer = "discard"
    window.actions["next_article"].trigger()
    assert window.document.article_path.name == "b.txt"
    assert "Thomas Becker" in rows(window) and "Thomas Becker" in saved_names(folder), "discarded with the article"
    window.actions["previous_article"].trigger()
    select(window, "Thomas Becker")
    run(window, "merge")
    answer = "save"
    assert window.close(), "saved on close"
    assert "Thomas Becker" not in saved_names(folder), "no registry edit lost on close"
