"""A folder of articles in the editor: the article list with each article's state, the speakers
registry across the folder, the statements the articles share, and the folder's statistics.

What a folder *is* (its files, their cached annotations, the registry's logic) lives in
`quoteapp.corpus`; this part shows it and keeps it in step with the open article.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDockWidget, QListWidget, QListWidgetItem

from quoteapp.corpus.folder import CorpusFolder, annotation_state
from quoteapp.corpus.recovery import discard_registry_recovery, newer_registry_recovery, write_registry_recovery
from quoteapp.corpus.registry import build_registry, open_folder_registry, save_folder_registry
from quoteapp.formats.errors import FormatError
from quoteapp.gui import dialogs
from quoteapp.gui.palette import distinct_keys
from quoteapp.gui.registry_panel import RegistryPanel
from quoteapp.model import Annotation
from quoteapp.model.registry import Registry

if TYPE_CHECKING:
    from quoteapp.gui.main_window import MainWindow


class FolderDocks:
    """The Articles and Speakers docks of one window, and the open folder behind them."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.folder: Path | None = None
        self.corpus: CorpusFolder | None = None  # the open folder, its annotations each read once
        self.article_list = QListWidget()
        self.article_list.itemActivated.connect(
            lambda item: window.open_path(Path(item.data(Qt.ItemDataRole.UserRole)))
        )
        self.articles_dock = self._dock("Articles", self.article_list)
        self.registry_panel = RegistryPanel()
        self.registry_panel.changed.connect(self.registry_edited)
        self.registry_panel.undo_stack = lambda: window.document.undo_stack if window.document is not None else None
        self.registry_folder: Path | None = None  # the folder whose registry the panel holds
        self.saved_registry = Registry()  # the registry as its file holds it
        self.registry_document: object | None = None  # the open article whose undo stack holds registry edits
        self.registry_dock = self._dock("Speakers across the folder", self.registry_panel)

    def _dock(self, title: str, widget: QListWidget | RegistryPanel) -> QDockWidget:
        dock = QDockWidget(title, self.w)
        dock.setObjectName(title)
        dock.setWidget(widget)
        self.w.addDockWidget(Qt.DockWidgetArea.LeftDockWidgetArea, dock)
        dock.hide()
        return dock

    @property
    def folder_files(self) -> list[Path]:
        """The open folder's articles (none without a folder)."""
        return self.corpus.articles if self.corpus is not None else []

    @property
    def registry(self):
        return self.registry_panel.registry

    def open(self, folder: Path) -> None:
        if not self.w.maybe_save():  # the open article's edits first: cancelled, nothing changes
            return
        self.folder, self.registry_folder = folder, None  # the registry is read from its file again
        self.w._remember(folder)
        self.corpus = CorpusFolder(folder)
        self.w.statements.folder_opened()
        self.w.learning.folder_opened(folder)  # its learned pipeline, if any, loads before its articles are analysed
        self.article_list.clear()
        for path in self.folder_files:
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.article_list.addItem(item)
        self.refresh_states()
        self.articles_dock.show()
        self.update_registry()
        self.registry_dock.show()
        self.w.resizeDocks([self.articles_dock], [360], Qt.Orientation.Horizontal)
        self.w.resizeDocks([self.articles_dock, self.registry_dock], [220, 480], Qt.Orientation.Vertical)
        if self.folder_files:
            self.w.open_path(self.folder_files[0])
        self.link()

    def update_registry(self) -> None:
        """Rebuild the folder's speaker registry from its saved annotations, keeping the editor's decisions
        (the registry in the panel, edits not yet saved included; the folder's file when it is opened),
        and write it: Save calls this after writing the article, so registry edits are saved with it."""
        if self.folder is None:
            return
        folder = self.folder
        previous = self.registry_panel.registry if self.registry_folder == folder else self._read_registry(folder)
        saved = [annotation for _, annotation in self.corpus.annotations()] if self.corpus else []
        registry = build_registry(saved, previous)
        try:
            save_folder_registry(folder, registry)
            self.saved_registry = copy.deepcopy(registry)
            discard_registry_recovery(folder)
        except (FormatError, OSError) as err:
            self.w.statusBar().showMessage(f"The registry could not be saved: {err}", 8000)
        self.registry_folder, self.registry_document = folder, self.w.document
        self.registry_panel.set_registry(registry, lambda edited: save_folder_registry(folder, edited))
        self.registry_edited()

    def autosave_registry(self) -> None:
        """Keep the panel's unsaved registry edits in the recovery folder (the window's autosave calls
        this), so a crash loses none; nothing to keep removes the copy."""
        if self.registry_folder is None:
            return
        if self.registry_panel.registry != self.saved_registry:
            write_registry_recovery(self.registry_panel.registry, self.registry_folder)
        else:
            discard_registry_recovery(self.registry_folder)

    def discard_registry_recovery(self) -> None:
        if self.registry_folder is not None:
            discard_registry_recovery(self.registry_folder)

    def _read_registry(self, folder: Path) -> Registry:
        """The registry file of `folder`; an unreadable one is said and set aside (a new one is built).
        Unsaved edits an earlier session left in the recovery folder are offered first."""
        recovered = newer_registry_recovery(folder)
        if recovered is not None:
            discard_registry_recovery(folder)
            if dialogs.restore_recovery(self.w, f"the speaker registry of {folder.name}", "an earlier session"):
                return recovered
        opened = open_folder_registry(folder)
        if opened.problem is not None:
            kept = (
                f"The unreadable file is kept as {opened.set_aside_as.name}."
                if opened.set_aside_as
                else "The unreadable file could not be moved aside; it will be replaced."
            )
            dialogs.error(
                self.w,
                "The speaker registry could not be read",
                f"{opened.problem}\n\n{kept}\nA new registry is built from the folder's annotations.",
            )
        return opened.registry

    def drop_unsaved_registry_edits(self) -> None:
        """Another article is open: registry edits the previous one's undo history held and that were not
        saved with it (the editor chose to discard) go with that history."""
        if self.w.document is self.registry_document or self.registry_folder is None:
            return
        self.registry_document = self.w.document
        if self.registry_panel.registry != self.saved_registry:
            self.registry_panel.show_registry(copy.deepcopy(self.saved_registry))
            self.w.statusBar().showMessage("Unsaved changes to the speaker registry were discarded", 6000)

    def registry_edited(self) -> None:
        """A merge, split, confirmation or speaks-for in the panel: colours follow the identities."""
        self.colour_by_identity()
        self.w.view.refresh()
        self.w.quote_table.viewport().update()
        self.w.entity_table.viewport().update()

    def colour_by_identity(self) -> None:
        """In a folder, a speaker's colour follows its corpus identity, the same in every article."""
        if self.w.document is None:
            return
        annotation = self.w.document.annotation
        article = annotation.document.id
        registry = self.registry_panel.registry if self.folder is not None else None
        keys = {
            m.entity: identity.id
            for identity in (registry.identities if registry else [])
            for m in identity.members
            if m.article == article
        }
        self.w.document.colour_keys = distinct_keys([e.id for e in annotation.entities], keys)

    def link(self) -> None:
        """Find the statements the folder's articles share (saved annotations and the open one), in the background."""
        self.w.statements.recompute()

    def holds_open_article(self) -> bool:
        """Whether the open article is one of the open folder's."""
        return self.w.document is not None and self.w.document.article_path in self.folder_files

    def refresh_states(self) -> None:
        for i, path in enumerate(self.folder_files):
            self.article_list.item(i).setText(f"{path.name}  —  {self.corpus.state(path)}")
        self.refresh_open_item()

    def refresh_open_item(self) -> None:
        """The open article's line in the folder list says what the editor sees, saved or not."""
        document = self.w.document
        if document is None or document.article_path not in self.folder_files or not document.quotes:
            return
        unsaved = not document.undo_stack.isClean() or document.save_path is None or not document.save_path.exists()
        state = annotation_state(document.annotation) + (", not saved" if unsaved else "")
        item = self.article_list.item(self.folder_files.index(document.article_path))
        item.setText(f"{document.article_path.name}  —  {state}")

    def mark_open_article(self) -> None:
        """A new article is open (or the open one saved): its line in the list, the registry in step."""
        self.drop_unsaved_registry_edits()
        if not self.folder_files or self.w.document is None or self.w.document.article_path is None:
            return
        self.refresh_states()
        if self.w.document.article_path in self.folder_files:
            self.article_list.setCurrentRow(self.folder_files.index(self.w.document.article_path))

    def step(self, delta: int) -> None:
        if not self.folder_files:
            return
        current = self.w.document.article_path if self.w.document else None
        at = self.folder_files.index(current) if current in self.folder_files else -1
        target = at + delta
        if 0 <= target < len(self.folder_files):
            self.w.open_path(self.folder_files[target])

    def articles(self) -> list[tuple[Path | None, Annotation]]:
        """(article file, annotation) of the open article as it is now (saved or not) and of the
        folder's other saved articles; an unreadable one is said in the status bar and left out."""
        document = self.w.document
        out = [(document.article_path, document.annotation)] if document is not None else []
        for path in self.folder_files:
            if document is not None and path == document.article_path:
                continue
            saved = self.corpus.annotation(path)
            if saved is not None:
                out.append((path, saved))
            elif self.corpus.problem(path):
                self.w.statusBar().showMessage(f"Left out: {self.corpus.problem(path)}", 6000)
        return out

    def annotations(self) -> list[Annotation]:
        """The open folder's saved annotations, with the open article as it is now (saved or not)."""
        return [annotation for _, annotation in self.articles()]

    def statistics(self) -> None:
        from quoteapp.gui.stats_dialog import StatsDialog
        from quoteapp.model.statistics import corpus_stats

        registry = self.registry_panel.registry if self.folder is not None else None
        canonical = {key: i.name for key, i in registry.by_member().items()} if registry else {}
        self.w.statusBar().showMessage("Drawing the corpus statistics…")
        QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)  # the charts take a second or two
        try:
            self.w.stats_dialog = StatsDialog(corpus_stats(self.annotations(), canonical), self.w)
        finally:
            QApplication.restoreOverrideCursor()
            self.w.statusBar().clearMessage()
        self.w.stats_dialog.show()
