"""Every question the editor asks the user, in one module, so tests can answer them by monkeypatching."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

ARTICLE_FILTER = "Articles and annotations (*.txt *.text *.md *.markdown *.html *.htm *.quotes.json);;All files (*)"
ANNOTATION_FILTER = "Attribution files (*.quotes.json *.json)"

log = logging.getLogger(__name__)


def open_path(parent: QWidget, folder: str = "") -> Path | None:
    name, _ = QFileDialog.getOpenFileName(parent, "Open article", folder, ARTICLE_FILTER)
    return Path(name) if name else None


def open_folder(parent: QWidget, folder: str = "") -> Path | None:
    name = QFileDialog.getExistingDirectory(parent, "Open folder of articles", folder)
    return Path(name) if name else None


def save_path(parent: QWidget, suggested: str) -> Path | None:
    name, _ = QFileDialog.getSaveFileName(parent, "Save annotation as", suggested, ANNOTATION_FILTER)
    return Path(name) if name else None


def export_target(parent: QWidget, fmt: str, suggested: str) -> Path | None:
    """Where to export: a folder for the formats written as one (brat, inception), a file for the others."""
    from quoteapp.formats.exports import SUFFIXES  # not at import: the editor starts without the exports

    if not SUFFIXES[fmt]:
        name = QFileDialog.getExistingDirectory(parent, f"Export {fmt} files into folder", suggested)
    else:
        name, _ = QFileDialog.getSaveFileName(parent, f"Export {fmt}", suggested)
    return Path(name) if name else None


def unsaved_changes(parent: QWidget, title: str) -> str:
    """'save', 'discard' or 'cancel'."""
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Unsaved changes", f"{title} has changes that are not saved.", parent=parent
    )
    box.setInformativeText("Save them before going on?")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(
        QMessageBox.StandardButton(answer), "cancel"
    )


def save_before_learning(parent: QWidget, title: str) -> str:
    """'save', 'skip' (learn from what is saved; the edits stay, unsaved) or 'cancel'."""
    box = QMessageBox(
        QMessageBox.Icon.Question, "Unsaved changes", f"{title} has changes that are not saved.", parent=parent
    )
    box.setInformativeText("Learning reads the saved files: save them first, so that they count?")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
    skip = box.addButton("Learn Without Them", QMessageBox.ButtonRole.AcceptRole)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    if box.clickedButton() is skip:
        return "skip"
    return "save" if QMessageBox.StandardButton(answer) == QMessageBox.StandardButton.Save else "cancel"


def article_changed(parent: QWidget, name: str) -> str:
    """The article changed since it was annotated: 'reanchor', 'reanalyse' or 'cancel'."""
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        "The article changed",
        f"{name} is not the text its saved annotation was made on.",
        parent=parent,
    )
    box.setInformativeText(
        "Re-anchor carries every quote over to the new text where it still stands.\n"
        "Re-analyse finds the quotes again and keeps every quote an editor touched.\n"
        "Either way, the old annotation file is kept as a backup until you save."
    )
    reanchor = box.addButton("Re-anchor", QMessageBox.ButtonRole.AcceptRole)
    reanalyse = box.addButton("Re-analyse", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    clicked = box.clickedButton()
    return "reanchor" if clicked is reanchor else "reanalyse" if clicked is reanalyse else "cancel"


def restore_recovery(parent: QWidget, name: str, when: str) -> bool:
    """Restore the autosaved copy? Yes is the default: it is the editor's newest work."""
    answer = QMessageBox.question(
        parent,
        "Recover unsaved work",
        f"There is unsaved work on {name} from {when}, newer than the saved file.\nRestore it?",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def open_fresh(parent: QWidget, name: str, what: str, problem: str) -> bool:
    """The article's annotation file cannot be read: open the article afresh (the file kept aside)?"""
    box = QMessageBox(
        QMessageBox.Icon.Warning, "Cannot read the annotation", f"The {what} of {name} cannot be read.", parent=parent
    )
    box.setInformativeText(
        f"{problem}\n\nOpen the article afresh? The unreadable file is kept beside it "
        "with the ending .bad, so nothing is deleted."
    )
    box.setStandardButtons(QMessageBox.StandardButton.Open | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Open)
    return QMessageBox.StandardButton(box.exec()) == QMessageBox.StandardButton.Open


class _SearchBox(QLineEdit):
    """The picker's search line: typing narrows the list, the arrow and page keys move in it, so
    Enter takes the item the editor moved to rather than the first match."""

    MOVES = (Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown)

    def __init__(self, listing: QListWidget) -> None:
        super().__init__()
        self.listing = listing

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in self.MOVES:
            QApplication.sendEvent(self.listing, event)
            return
        super().keyPressEvent(event)


def choose(parent: QWidget, title: str, label: str, items: list[str], current: int = 0) -> str | None:
    """One of `items`, from a list the user narrows by typing (any part of an item matches); the
    item at `current` is selected at first (the current value, where there is one)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    listing = QListWidget()
    search = _SearchBox(listing)
    search.setPlaceholderText(label + "  (type to narrow, ↑↓ to move)")
    listing.addItems(items)
    listing.setCurrentRow(max(0, min(current, len(items) - 1)))
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    listing.itemActivated.connect(lambda _item: dialog.accept())

    def narrow(words: str) -> None:
        visible = [
            i
            for i in range(listing.count())
            if not listing.item(i).setHidden(words.lower() not in listing.item(i).text().lower())
            and not listing.item(i).isHidden()
        ]
        if visible and (listing.currentRow() not in visible):
            listing.setCurrentRow(visible[0])

    search.textChanged.connect(narrow)
    search.returnPressed.connect(dialog.accept)
    layout = QVBoxLayout(dialog)
    for widget in (search, listing, buttons):
        layout.addWidget(widget)
    search.setFocus(Qt.FocusReason.OtherFocusReason)
    if dialog.exec() != QDialog.DialogCode.Accepted or listing.currentItem() is None:
        return None
    item = listing.currentItem()
    return None if item.isHidden() else item.text()


def text(parent: QWidget, title: str, label: str, value: str = "") -> str | None:
    answer, ok = QInputDialog.getText(parent, title, label, text=value)
    return answer if ok and answer.strip() else None


def error(parent: QWidget, title: str, message: str) -> None:
    """An error the editor says to the user, also kept in the log file for a bug report."""
    log.warning("%s: %s", title, message)
    QMessageBox.critical(parent, title, message)


def info(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)


def show_html(parent: QWidget, title: str, html_text: str) -> None:
    """A scrollable page of rich text that fits on the screen (the keyboard shortcuts, say)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    browser = QTextBrowser()
    browser.setHtml(html_text)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    buttons.rejected.connect(dialog.reject)
    layout = QVBoxLayout(dialog)
    layout.addWidget(browser)
    layout.addWidget(buttons)
    screen = (parent.screen() if parent is not None else QApplication.primaryScreen()).availableGeometry()
    dialog.resize(min(520, screen.width() - 40), min(720, screen.height() - 80))
    dialog.exec()
