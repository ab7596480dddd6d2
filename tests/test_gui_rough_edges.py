"""The editor's small things, as a new user meets them: pickers driven by the keyboard and opened on
the current value, no speaker as its own intermediary, roles that fit the entity, recent files and
folders, dialogs that start where the article is and fit on the screen, and texts that say what is."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import current, open_analysed, select_quote_with, trigger
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QListWidget, QMessageBox, QTextBrowser

from quoteapp.gui import dialogs
from quoteapp.gui.edit_actions import default_role
from quoteapp.gui.main_window import MainWindow
from quoteapp.gui.opening import recent_paths
from quoteapp.model import Entity, Intermediary, Quote, Span, Speaker
from quoteapp.model import edits as E

PEOPLE = ["Mara Lind  (person, E1)", "Olav Lindqvist  (person, E2)", "city official  (anonymous, E3)"]


def _visible_dialog() -> QDialog:
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible())


def _drive_picker(qtbot, keys: list, typed: str = "") -> str | None:
    """Open the picker on PEOPLE, type `typed`, press `keys` in the search box, then Enter."""

    def drive() -> None:
        search = _visible_dialog().findChild(QLineEdit)
        if typed:
            QTest.keyClicks(search, typed)
        for key in keys:
            QTest.keyClick(search, key)
        QTest.keyClick(search, Qt.Key.Key_Return)

    QTimer.singleShot(100, drive)
    return dialogs.choose(None, "Set speaker", "Entity:", PEOPLE)


def test_the_picker_moves_with_the_arrow_keys_before_enter(qtbot) -> None:
    assert _drive_picker(qtbot, [Qt.Key.Key_Down]) == PEOPLE[1]
    assert _drive_picker(qtbot, [Qt.Key.Key_Down, Qt.Key.Key_Down, Qt.Key.Key_Up]) == PEOPLE[1]
    # narrowed to the two Linds, Down moves to the second of them
    assert _drive_picker(qtbot, [Qt.Key.Key_Down], typed="lind") == PEOPLE[1]


def test_the_picker_opens_on_the_current_value(qtbot) -> None:
    seen: list[str] = []

    def look() -> None:
        listing = _visible_dialog().findChild(QListWidget)
        seen.append(listing.currentItem().text())
        _visible_dialog().reject()

    QTimer.singleShot(100, look)
    dialogs.choose(None, "Quote type", "Type:", ["direct", "indirect", "mixed"], 2)
    assert seen == ["mixed"]


def test_change_type_offers_the_current_type_first(qtbot, window: MainWindow, article: Path, monkeypatch) -> None:
    open_analysed(qtbot, window, article)
    select_quote_with(window, "timetable")
    offered: list[tuple] = []
    monkeypatch.setattr(dialogs, "choose", lambda parent, title, label, items, at=0: offered.append((items, at)))
    trigger(window, "set_type")
    items, at = offered[0]
    assert items[at] == current(window).type == "indirect"


def test_add_intermediary_leaves_the_speaker_out_and_defaults_the_role_from_the_kind(
    qtbot, window: MainWindow, article: Path, monkeypatch
) -> None:
    open_analysed(qtbot, window, article)
    select_quote_with(window, "timetable")
    speaker = current(window).speaker.entity
    window.document.put_entity(Entity("E90", "outlet", "Brakvik Gazette"))
    offered: dict[str, tuple] = {}

    def choose(parent, title, label, items, at=0):
        offered[title] = (items, at)
        return next((i for i in items if "Brakvik Gazette" in i), None) if title == "Add intermediary" else items[at]

    monkeypatch.setattr(dialogs, "choose", choose)
    trigger(window, "add_intermediary")
    names = offered["Add intermediary"][0]
    assert not any(f", {speaker})" in label for label in names), "the speaker is not offered"
    roles, at = offered["Role"]
    assert roles[at] == "outlet"
    assert [(v.entity, v.role) for v in current(window).intermediaries][-1] == ("E90", "outlet")
    assert default_role("anonymous") == "relay" and default_role("person") == "spokesperson"


def test_a_speaker_is_never_its_own_intermediary() -> None:
    quote = Quote("Q1", "indirect", [Span(0, 4, "rain")], speaker=Speaker("E1"))
    with pytest.raises(ValueError, match="speaker cannot also be an intermediary"):
        E.with_intermediaries(quote, [Intermediary("E1", "spokesperson")])
    relayed = E.with_intermediaries(quote, [Intermediary("E2", "relay")])
    assert E.with_speaker(relayed, "E2").intermediaries == [], "the new speaker leaves the chain"


def test_the_evidence_says_when_the_editor_set_the_speaker() -> None:
    quote = Quote(
        "Q1",
        "indirect",
        [Span(0, 4, "rain")],
        speaker=Speaker("E1"),
        evidence="indirect: ccomp of 'said'; speaker: nsubj",
    )
    fixed = E.with_speaker(E.with_speaker(quote, "E2"), "E3")
    assert fixed.evidence == "indirect: ccomp of 'said'; speaker: nsubj; speaker set by the editor to E3 (was E2)"


def test_recent_files_and_folders_are_listed_whole(qtbot, window: MainWindow, article: Path) -> None:
    QSettings().setValue("recent", str(article))  # what some platforms give back for a one-item list
    assert recent_paths() == [str(article)]
    window.open_folder(article.parent)
    qtbot.waitUntil(lambda: window.job is None, timeout=60000)
    window._fill_recent()
    labels = [a.text().rstrip("/\\") for a in window.recent_menu.actions()]
    assert labels == [str(article), str(article.parent)], "the folder's first article, then the folder itself"
    window.recent_menu.actions()[1].trigger()
    assert window.folders.folder == article.parent


def test_open_starts_in_the_folder_of_the_open_article(qtbot, window: MainWindow, article: Path, monkeypatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(dialogs, "open_path", lambda parent, folder="": asked.append(folder))
    open_analysed(qtbot, window, article)
    trigger(window, "open")
    assert asked == [str(article.parent)]


def test_the_shortcuts_page_fits_on_the_screen_and_scrolls(qtbot, window: MainWindow, monkeypatch) -> None:
    shown: list[QDialog] = []
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(self) or 0)
    trigger(window, "shortcuts")
    page = shown[0]
    screen = QApplication.primaryScreen().availableGeometry()
    assert page.height() <= screen.height() and page.width() <= screen.width()
    browser = page.findChild(QTextBrowser)
    assert "Next Quote" in browser.toPlainText() and "Undo" in browser.toPlainText()


def test_the_recovery_question_defaults_to_restoring(qtbot) -> None:
    seen: list[str] = []

    def look() -> None:
        box = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible())
        seen.append(box.defaultButton().text().replace("&", ""))
        box.defaultButton().click()

    QTimer.singleShot(100, look)
    assert dialogs.restore_recovery(None, "ferry.txt", "today") is True
    assert seen == ["Yes"]


def test_the_folder_list_shows_an_analysed_article_as_unsaved(qtbot, window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("The mayor Ana Pires said the bridge would reopen in June.\n", encoding="utf-8")
    window.open_folder(folder)
    qtbot.waitUntil(lambda: window.job is None and bool(window.document.quotes), timeout=60000)
    assert window.folders.article_list.item(0).text() == "a.txt  —  analysed · 1 quotes, 1 to review, not saved"
    trigger(window, "save")
    assert window.folders.article_list.item(0).text() == "a.txt  —  analysed · 1 quotes, 1 to review"


def test_the_folder_list_counts_every_decision_before_the_save(qtbot, window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    text = "The mayor Ana Pires said the bridge would reopen in June. Tom Reyes said the road was closed.\n"
    (folder / "a.txt").write_text(text, encoding="utf-8")
    window.open_folder(folder)
    qtbot.waitUntil(lambda: window.job is None and len(window.document.quotes) == 2, timeout=60000)
    trigger(window, "reject")
    assert window.folders.article_list.item(0).text() == "a.txt  —  analysed · 1 quotes, 1 to review, not saved"
    other = next(q.id for q in window.document.quotes if q.status == "auto")
    window.select_quote(other)
    trigger(window, "accept")
    assert window.folders.article_list.item(0).text() == "a.txt  —  reviewed · 1 quotes, not saved"


def test_a_decision_on_a_quote_clears_its_unplaced_flag() -> None:
    from quoteapp.model.reanchor import UNPLACED, quote_flags, with_flag

    quote = with_flag(Quote("Q1", "indirect", [Span(0, 4, "rain")]), UNPLACED)
    assert quote_flags(quote) == [UNPLACED]
    assert quote_flags(E.with_status(quote, "accepted")) == []
    assert quote_flags(E.with_type(quote, "direct")) == []


def test_opening_a_folder_reads_each_annotation_file_about_once(
    qtbot, window: MainWindow, tmp_path: Path, monkeypatch
) -> None:
    """Five saved articles: the folder list, the registry, the statistics and the cross-article links all
    share one cached reading of each file (the open article's file is read once more, to open it)."""
    from quoteapp.corpus import folder as folder_module
    from quoteapp.corpus import opening
    from quoteapp.corpus.locations import annotation_path_for
    from quoteapp.formats.attribution import write_annotation

    folder = tmp_path / "story"
    folder.mkdir()
    for n, name in enumerate(["Ana Pires", "Tom Reyes", "Eva Lund", "Ole Berg", "Ida Holm"]):
        article = folder / f"{n}.txt"
        article.write_text(f"The mayor {name} said the bridge would reopen in June.\n", encoding="utf-8")
        found = opening.open_article(article)
        write_annotation(found.fresh(), annotation_path_for(article))
    reads: list[str] = []
    for module in (folder_module, opening):
        real = module.read_annotation
        monkeypatch.setattr(module, "read_annotation", lambda p, real=real: reads.append(Path(p).name) or real(p))
    window.open_folder(folder)
    trigger(window, "statistics")
    window.folders.link()
    assert len(reads) <= 6, reads


def test_actions_are_enabled_by_the_conditions_of_the_action_table(qtbot, window: MainWindow, article: Path) -> None:
    from quoteapp.gui.actions import ACTIONS

    quote_actions = [s.name for s in ACTIONS if s.enabled_when == "quote"]
    assert "accept" in quote_actions and "set_speaker" in quote_actions
    assert not any(window.actions[n].isEnabled() for n in quote_actions + ["save", "undo"]), "nothing open yet"
    assert window.actions["open"].isEnabled()
    open_analysed(qtbot, window, article)
    assert all(window.actions[n].isEnabled() for n in quote_actions + ["save"])
    assert not window.actions["undo"].isEnabled()
    trigger(window, "accept")
    assert window.actions["undo"].isEnabled() and "Accept" in window.actions["undo"].text()


def test_at_1024_by_700_every_quote_column_shows(qtbot, window: MainWindow, article: Path) -> None:
    window.resize(1024, 700)
    window.show()
    open_analysed(qtbot, window, article)
    table = window.quote_table
    header = table.horizontalHeader()
    last = header.count() - 1
    qtbot.wait(100)  # the layout settles after the window is shown
    assert header.sectionViewportPosition(last) + 60 <= table.viewport().width(), "the quote's words have room"
    assert window.view.width() >= 400, "the article keeps a readable width"


def test_a_speaker_has_one_colour_in_every_article_of_a_folder(qtbot, window: MainWindow, tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text("The mayor Ana Pires said the bridge would reopen in June.\n", encoding="utf-8")
    (folder / "b.txt").write_text(
        "Tom Reyes said the road was closed. The mayor Ana Pires said the bridge would reopen in June.\n",
        encoding="utf-8",
    )
    window.open_folder(folder)
    qtbot.waitUntil(lambda: window.job is None and bool(window.document.quotes), timeout=60000)
    trigger(window, "save")
    trigger(window, "next_article")
    qtbot.waitUntil(lambda: window.job is None and bool(window.document.quotes), timeout=60000)
    trigger(window, "save")
    from PySide6.QtCore import Qt as QtCore_Qt

    colours, ids = [], []
    for name in ("a.txt", "b.txt"):
        window.open_path(folder / name)
        pires = next(e for e in window.document.entities if e.name == "Ana Pires")
        ids.append(pires.id)
        row = window.entity_model.row_of(pires.id)
        colour = window.entity_model.index(row, 1).data(QtCore_Qt.ItemDataRole.DecorationRole)
        colours.append(colour.name())
    assert ids[0] != ids[1], "the two articles number their entities differently"
    assert colours[0] == colours[1], "the colour the editor sees follows the folder's identity"


def test_a_speaker_added_later_takes_a_colour_no_other_speaker_has(qtbot, window: MainWindow, article: Path) -> None:
    from quoteapp.gui.palette import palette_index

    open_analysed(qtbot, window, article)
    document = window.document
    first = document.entities[0]
    taken = {palette_index(document.colour_key(e.id)) for e in document.entities}
    number = int(first.id.lstrip("E"))
    newcomer = Entity(f"E{number + 12}", "person", "Ines Moro")  # its own id falls on the first one's hue
    assert palette_index(newcomer.id) == palette_index(document.colour_key(first.id))
    document.put_entity(newcomer)
    assert palette_index(document.colour_key(newcomer.id)) not in taken
