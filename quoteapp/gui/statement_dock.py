"""The Statement dock of a window: the statements a folder's articles share, computed off the GUI
thread, kept, and shown for the selected quote; marking the open article as a primary source.

The statements are grouped (`quoteapp.corpus.folder_statements`: the registry applied, then the
quotes grouped, as `quoteapp statements` does) when a folder opens, after each save or first
analysis, after an edit of the speaker registry and after a primary source is marked or unmarked:
never on a selection change, which only looks the selected quote up in the kept result. The open
article takes part as it is now (a copy of it, so the worker never reads what the editor is
changing); the other articles as saved. A request while a grouping runs waits for it and then runs
once. The open article's flags go to the quote list's filter (`flag:words_changed`, `flag:any`).
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget

from quoteapp.corpus.folder_statements import folder_statements
from quoteapp.gui.source_command import MarkPrimarySource, is_source
from quoteapp.gui.statement_panel import StatementPanel, VersionKey, passage_span
from quoteapp.gui.workers import TaskThread
from quoteapp.model import Annotation
from quoteapp.model.statements import Statement

if TYPE_CHECKING:
    from quoteapp.gui.main_window import MainWindow

log = logging.getLogger(__name__)
#: the action that marks the open article as a primary source (its row in `actions.ACTIONS`)
SOURCE_ACTION = "mark_source"


class StatementDock:
    """The folder's statements and the dock that shows the selected quote's."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.panel = StatementPanel()
        self.panel.open_version.connect(self.open_version)
        window.folders.registry_panel.changed.connect(self.recompute)  # speakers merged or split: regroup
        self.dock = QDockWidget("Statement", window)
        self.dock.setObjectName("Statement")
        self.dock.setWidget(self.panel)
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.side_docks[0], self.dock)  # with the Quote: both show the selected quote
        window.side_docks.append(self.dock)
        self.dock.hide()
        self.statements: list[Statement] = []
        self.versions: dict[VersionKey, Statement] = {}
        self.paths: dict[str, Path] = {}  # document id -> its article file, to open a version
        self.thread: TaskThread | None = None
        self.pending = False  # asked again while a grouping ran
        self.ready = False  # the folder's statements are in (cleared when another folder opens)

    # --- computing ---------------------------------------------------------------------------------
    def folder_opened(self) -> None:
        """Another folder: forget the last one's statements and show the dock (the grouping follows)."""
        self.statements, self.versions, self.paths, self.ready = [], {}, {}, False
        self.dock.show()
        self.dock.raise_()

    def recompute(self) -> None:
        """Group the folder's statements again in the background."""
        if self.w.folders.folder is None:
            return
        if self.thread is not None:
            self.pending = True
            return
        articles = self._articles()
        self.paths = {a.document.id: path for path, a in articles if path is not None}
        annotations = [a for _, a in articles]
        registry = copy.deepcopy(self.w.folders.registry)
        sources = [a.document.id for a in annotations if is_source(a)]
        folder = self.w.folders.folder
        self.thread = TaskThread(lambda _progress: (folder, folder_statements(annotations, registry, sources)), self.w)
        self.thread.finished.connect(self._finished)
        self.thread.start()
        self.show_quote(self.w.current_quote_id())

    def _articles(self) -> list[tuple[Path | None, Annotation]]:
        """The folder's articles (`FolderDocks.articles`), the open one copied: the worker never reads
        what the editor is changing."""
        document = self.w.document
        return [
            (path, copy.deepcopy(a) if document is not None and a is document.annotation else a)
            for path, a in self.w.folders.articles()
        ]

    def _finished(self) -> None:
        thread, self.thread = self.thread, None
        if thread is None:
            return
        thread.deleteLater()
        if thread.error is not None:
            log.warning("grouping the statements failed: %r", thread.error)
            self.w.statusBar().showMessage(f"The statements could not be grouped: {thread.error}", 8000)
        elif thread.result[0] == self.w.folders.folder:
            self._keep(thread.result[1])
        if self.pending or (thread.error is None and thread.result[0] != self.w.folders.folder):
            self.pending = False
            self.recompute()
            return
        self.refresh()

    def _keep(self, statements: list[Statement]) -> None:
        self.statements, self.ready = statements, True
        self.versions = {(v.article, v.quote): s for s in statements for v in s.versions}

    def wait(self) -> None:
        """Let a running grouping end (the window is closing: a running QThread must not be destroyed)."""
        if self.thread is not None:
            self.thread.wait()

    # --- showing -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """The open article's flags in the quote filter, the source mark, the selected quote's statement."""
        document = self.w.document
        article = document.annotation.document.id if document is not None else None
        flags = {
            v.quote: {f.kind for f in v.flags}
            for s in self.statements
            for v in s.versions
            if v.article == article and v.flags
        }
        self.w.quote_proxy.set_statement_flags(flags)
        self.sync_source_mark()
        self.show_quote(self.w.current_quote_id())

    def show_quote(self, quote_id: str | None) -> None:
        """The selected quote's statement, looked up in the kept grouping (nothing is computed here)."""
        document = self.w.document
        if self.w.folders.folder is None:
            self.panel.show_state("no_folder")
        elif document is None or quote_id is None:
            self.panel.show_state("no_quote")
        elif not self.ready:
            self.panel.show_state("computing")
        else:
            key = (document.annotation.document.id, quote_id)
            statement = self.versions.get(key)
            self.panel.show_statement(statement, key) if statement is not None else self.panel.show_state("alone")

    def open_version(self, article: str, quote: str) -> None:
        """Open the article of a version at its quote (the open article: only select the quote); a passage
        of a primary source that is no quote is selected in the article's text."""
        document = self.w.document
        if document is None or document.annotation.document.id != article:
            path = self.paths.get(article)
            if path is None:
                self.w.statusBar().showMessage(f"{article} is not an article of the open folder", 6000)
                return
            if not self.w.open_path(path):
                return
        statement = self.versions.get((article, quote))
        version = statement.version(article, quote) if statement is not None else None
        passage = passage_span(version) if version is not None else None
        if passage is not None:
            self.w.view.select_span(*passage)
            self.w.view.setFocus()
        else:
            self.w.select_quote(quote)

    def focus(self) -> None:
        """The keyboard goes to the panel: its list of versions, or its note when there is none."""
        self.dock.show()
        self.dock.raise_()
        target = self.panel.table if self.panel.table.isVisibleTo(self.panel) else self.panel
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)

    # --- primary sources ---------------------------------------------------------------------------
    def sync_source_mark(self) -> None:
        """The action's check mark says whether the open article is marked as a primary source."""
        document = self.w.document
        self.w.actions[SOURCE_ACTION].setChecked(document is not None and is_source(document.annotation))

    def toggle_source(self) -> None:
        """Mark or unmark the open article as a primary source, as one undo step; the statements follow."""
        document = self.w.document
        if document is None:
            return
        wanted = self.w.actions[SOURCE_ACTION].isChecked()
        if wanted != is_source(document.annotation):
            document.undo_stack.push(MarkPrimarySource(document, wanted, self._source_changed))
        self.sync_source_mark()

    def _source_changed(self) -> None:
        self.sync_source_mark()
        self.recompute()
