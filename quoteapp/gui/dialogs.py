"""Every question the editor asks the user, in one module, so tests can answer them by monkeypatching."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

ARTICLE_FILTER = "Articles and annotations (*.txt *.text *.md *.markdown *.html *.htm *.quotes.json);;All files (*)"
ANNOTATION_FILTER = "Attribution files (*.quotes.json *.json)"


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
    """Where to export: a folder for brat, a file for the others."""
    if fmt == "brat":
        name = QFileDialog.getExistingDirectory(parent, "Export brat files into folder", suggested)
    else:
        name, _ = QFileDialog.getSaveFileName(parent, f"Export {fmt}", suggested)
    return Path(name) if name else None


def unsaved_changes(parent: QWidget, title: str) -> str:
    """'save', 'discard' or 'cancel'."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Unsaved changes",
                      f"{title} has corrections that are not saved.", parent=parent)
    box.setInformativeText("Save them before going on?")
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                           | QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    answer = box.exec()
    return {QMessageBox.StandardButton.Save: "save", QMessageBox.StandardButton.Discard: "discard"}.get(
        QMessageBox.StandardButton(answer), "cancel")


def article_changed(parent: QWidget, name: str) -> str:
    """The article changed since it was annotated: 'reanchor', 'reanalyse' or 'cancel'."""
    box = QMessageBox(QMessageBox.Icon.Warning, "The article changed",
                      f"{name} is not the text its saved annotation was made on.", parent=parent)
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
    answer = QMessageBox.question(
        parent, "Recover unsaved work",
        f"There is unsaved work on {name} from {when}, newer than the saved file.\nRestore it?",
    )
    return answer == QMessageBox.StandardButton.Yes


def choose(parent: QWidget, title: str, label: str, items: list[str], current: int = 0) -> str | None:
    """One of `items`, from a list the user narrows by typing (any part of an item matches)."""
    dialog = QDialog(parent)
    dialog.setWindowTitle(title)
    search = QLineEdit()
    search.setPlaceholderText(label + "  (type to narrow)")
    listing = QListWidget()
    listing.addItems(items)
    listing.setCurrentRow(current)
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    listing.itemActivated.connect(lambda _item: dialog.accept())

    def narrow(words: str) -> None:
        visible = [i for i in range(listing.count())
                   if not listing.item(i).setHidden(words.lower() not in listing.item(i).text().lower())
                   and not listing.item(i).isHidden()]
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
    QMessageBox.critical(parent, title, message)


def info(parent: QWidget, title: str, message: str) -> None:
    QMessageBox.information(parent, title, message)
