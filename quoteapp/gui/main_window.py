"""The editor's window: the article, its quotes, its entities and the selected quote, all kept in step.

The window places its parts (`window_parts`) and wires them: each action of the table in `actions`
runs the handler bound to it in `_handlers` (the edits in `edit_actions`, which push undo commands
from `commands`); the views follow the document's signals. Saving, autosave and closing live here;
opening in `opening`, the analysis in `analysis`, a folder's docks in `folder_docks`.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QMainWindow,
    QWidget,
)

from quoteapp import APP_NAME
from quoteapp.corpus.locations import (
    EDITOR_SUFFIX,
)
from quoteapp.corpus.recovery import discard_recovery, recovery_dir, write_recovery
from quoteapp.formats.attribution import write_annotation
from quoteapp.formats.errors import FormatError
from quoteapp.gui import commands as C
from quoteapp.gui import dialogs
from quoteapp.gui.actions import ACTIONS, MENUS, build_actions, set_enabled, shortcuts_html
from quoteapp.gui.analysis import Analysis
from quoteapp.gui.article_view import ArticleView
from quoteapp.gui.detail_panel import DetailPanel
from quoteapp.gui.document import AnnotationDocument
from quoteapp.gui.edit_actions import EditActions
from quoteapp.gui.export_dialog import export_dataset
from quoteapp.gui.folder_docks import FolderDocks
from quoteapp.gui.learning import FolderLearning
from quoteapp.gui.opening import ArticleOpening
from quoteapp.gui.quote_filter import filter_help_html
from quoteapp.gui.registry_panel import ACTION_TABLE as REGISTRY_KEYS
from quoteapp.gui.statement_dock import StatementDock
from quoteapp.gui.window_parts import build_article_pane, build_entity_list, build_quote_list, build_status_fields
from quoteapp.gui.workers import AnalysisJob, ModelLoader

AUTOSAVE_MS = 3000
#: the side docks' narrowest width when the window makes them give way
SIDE_DOCK_MIN = 280

#: the panels' own keys, listed in Help > Keyboard Shortcuts after the menus'
PANEL_SHORTCUTS = {
    "Speakers across the folder (while that panel has the focus)": REGISTRY_KEYS,
    "Statement (while that panel has the focus)": [("open", "Open the version's article at its quote", ("Return",))],
}
log = logging.getLogger(__name__)


class MainWindow(ArticleOpening, QMainWindow):
    """One article at a time; a folder of articles in a side list."""

    def __init__(self, pipeline: str | None = None, *, load_model: bool = True) -> None:
        super().__init__()
        self.setWindowTitle(f"{APP_NAME}[*]")
        self._fit_to_screen(1400, 860)
        self.setAcceptDrops(True)
        self.document: AnnotationDocument | None = None

        self.view = ArticleView()
        quotes = build_quote_list()
        self.quote_model, self.quote_proxy, self.quote_table = quotes.model, quotes.proxy, quotes.table
        self.filter_box = quotes.filter_box
        self.setCentralWidget(build_article_pane(self.view, quotes))
        self.detail = DetailPanel()
        entities = build_entity_list()
        self.entity_model, self.entity_proxy, self.entity_table = entities.model, entities.proxy, entities.table
        self.side_docks = [
            self._dock("Quote", self.detail, Qt.DockWidgetArea.RightDockWidgetArea),
            self._dock("Entities", self.entity_table, Qt.DockWidgetArea.RightDockWidgetArea),
        ]
        self.folders = FolderDocks(self)
        self.statements = StatementDock(self)
        self.analysis = Analysis(self)
        self.edits = EditActions(self)

        status = build_status_fields(self.statusBar())
        self.status_model, self.status_counts = status.model, status.counts
        self.autosave_label, self.progress = status.autosave, status.progress
        self.autosave_warned = False
        self.learning = FolderLearning(self, pipeline)  # the folder's learned pipeline (its actions: learning.*)

        self.actions = build_actions(self, self._handlers())
        self._menus()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)

        self.quote_table.selectionModel().currentRowChanged.connect(self._table_row_changed)
        self.entity_table.selectionModel().currentRowChanged.connect(self._entity_row_changed)
        self.view.quote_clicked.connect(self.select_quote)
        self.detail.move_intermediary.connect(
            lambda i, d: self.edits._push(lambda document, q: C.move_intermediary(document, q, i, d))
        )
        self.detail.remove_intermediary.connect(
            lambda i: self.edits._push(lambda document, q: C.remove_intermediary(document, q, i))
        )
        self.detail.change_role.connect(self.edits._change_role)
        self._update_status()
        self._update_actions()
        self._restore_geometry()
        if load_model:
            self.loader = ModelLoader(pipeline, self)
            self.loader.loaded.connect(self.analysis.model_loaded)
            self.loader.failed.connect(self.analysis.model_failed)
            self.loader.start()

    # --- building ------------------------------------------------------------------------------
    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def resizeEvent(self, event: QResizeEvent) -> None:
        """The side docks never take more than a third of the window: the article and the quote
        list keep room for a readable line and every column."""
        super().resizeEvent(event)
        limit = max(SIDE_DOCK_MIN, self.width() // 3)
        wide = [d for d in self.side_docks if d.isVisible() and not d.isFloating() and d.width() > limit]
        if wide:
            self.resizeDocks(wide, [limit] * len(wide), Qt.Orientation.Horizontal)

    def _menus(self) -> None:
        menus = {name: self.menuBar().addMenu(f"&{name}") for name in MENUS}
        for spec in ACTIONS:
            menus[spec.menu].addAction(self.actions[spec.name])
            if spec.name == "open_folder":
                self.recent_menu = menus["File"].addMenu("Open &Recent")
                self.recent_menu.aboutToShow.connect(self._fill_recent)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main toolbar")
        for name in (
            "open",
            "save",
            "undo",
            "redo",
            "previous_quote",
            "next_quote",
            "accept",
            "reject",
            "add_quote",
            "set_speaker",
            "reanalyse",
        ):
            toolbar.addAction(self.actions[name])

    # --- the model -----------------------------------------------------------------------------

    # --- opening -------------------------------------------------------------------------------

    def _set_document(self, document: AnnotationDocument | None) -> None:
        if document is not self.document:
            self.analysis.forget()
        if self.document is not None:
            self.document.undo_stack.blockSignals(True)
            self.document.deleteLater()
        self.document = document
        self.folders.colour_by_identity()
        self.view.set_document(document)
        self.quote_model.set_document(document)
        self.entity_model.set_document(document)
        self.detail.show_quote(document, None)
        if document is not None:
            document.undo_stack.cleanChanged.connect(self._title)
            document.undo_stack.cleanChanged.connect(lambda clean, d=document: self._back_to_saved(d, clean))
            document.undo_stack.indexChanged.connect(self._changed)
            document.quote_changed.connect(lambda _id: self._after_change())
            document.quotes_reset.connect(self._after_change)
            document.entities_reset.connect(self.folders.colour_by_identity)  # a new entity takes a free hue
            document.entities_reset.connect(self._after_change)
            document.entity_changed.connect(lambda _id: self._after_change())
        self._title()
        self._update_status()
        self._update_actions()
        self.folders.mark_open_article()
        self.statements.refresh()
        if document is not None and document.quotes:
            self.select_row(0)

    # --- saving --------------------------------------------------------------------------------
    def save_to(self, path: Path) -> bool:
        assert self.document is not None
        try:
            write_annotation(self.document.annotation, path)
        except FormatError as err:
            dialogs.error(self, "Cannot save", str(err))
            return False
        except Exception as err:
            dialogs.error(self, "Cannot save", f"{path}: the annotation could not be written ({err!r}).")
            return False
        old = self.document.save_path
        self.document.save_path = path
        self.document.undo_stack.setClean()
        if old is not None:
            discard_recovery(old)
        self.statusBar().showMessage(f"Saved {path}", 4000)
        log.info("saved %s", path)
        self.folders.mark_open_article()
        self.folders.update_registry()
        self.folders.link()
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to leave the current article (saved, discarded, or nothing to save)."""
        if self.document is None or self.document.undo_stack.isClean():
            return True
        choice = dialogs.unsaved_changes(self, self._doc_name())
        if choice == "save":
            return self.do_save() is not False
        if choice == "discard":
            if self.document.save_path is not None:
                discard_recovery(self.document.save_path)
            self.folders.discard_registry_recovery()
            self.document.undo_stack.setClean()
            return True
        return False

    def _back_to_saved(self, document: AnnotationDocument, clean: bool) -> None:
        """Undone back to what is saved: the autosaved copy holds nothing to recover any more (else the
        next opening would offer "unsaved work" that is not there)."""
        if clean and document.save_path is not None:
            with contextlib.suppress(OSError):  # an unwritable recovery folder is said by autosave
                discard_recovery(document.save_path)

    def autosave(self) -> None:
        """Write the unsaved work to the recovery folder. A failure is said once (status bar and a
        dialog), then shown in the status bar while it lasts, so the editor knows to save by hand."""
        if self.document is None or self.document.save_path is None or self.document.undo_stack.isClean():
            return
        try:
            write_recovery(self.document.annotation, self.document.save_path)
            self.folders.autosave_registry()
        except (FormatError, OSError) as err:
            self.autosave_label.setText("⚠ Autosave is not working: save with Ctrl+S")
            self.autosave_label.setToolTip(str(err))
            self.autosave_label.show()
            if not self.autosave_warned:
                self.autosave_warned = True
                dialogs.error(
                    self,
                    "Autosave failed",
                    f"Unsaved work cannot be kept in the recovery folder ({recovery_dir()}):\n{err}\n\n"
                    "Your corrections are still open: save them with File > Save.",
                )
            return
        self.autosave_label.hide()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.maybe_save():
            self._save_geometry()
            self.shutdown()
            event.accept()
        else:
            event.ignore()

    def _fit_to_screen(self, width: int, height: int) -> None:
        """The first size of the window: as asked, but within the screen's free area, with room left
        for the window's frame and title bar (which the size does not count)."""
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        if screen is not None:
            width, height = min(width, screen.width() - 20), min(height, screen.height() - 60)
        self.resize(width, height)

    def _restore_geometry(self) -> None:
        settings = QSettings()
        if settings.value("geometry"):
            self.restoreGeometry(settings.value("geometry"))
        if settings.value("window_state"):
            self.restoreState(settings.value("window_state"))

    def _save_geometry(self) -> None:
        settings = QSettings()
        settings.setValue("geometry", self.saveGeometry())
        settings.setValue("window_state", self.saveState())

    def shutdown(self) -> None:
        """Stop the background threads before the window goes (a running QThread must not be destroyed)."""
        if self.document is not None:
            self.document.undo_stack.blockSignals(True)
        self.analysis.wait()
        self.statements.wait()
        self.learning.shutdown()
        loader = getattr(self, "loader", None)
        if loader is not None:
            loader.wait()

    # --- selection -----------------------------------------------------------------------------
    def current_quote_id(self) -> str | None:
        index = self.quote_table.currentIndex()
        return self.quote_proxy.quote_id_at(index.row()) if index.isValid() else None

    def select_quote(self, quote_id: str) -> None:
        row = self.quote_proxy.proxy_row_of(quote_id)
        if row < 0 and self.document is not None and self.document.quote(quote_id) is not None:
            self.filter_box.clear()
            row = self.quote_proxy.proxy_row_of(quote_id)
        if row >= 0:
            self.select_row(row)

    def select_row(self, row: int) -> None:
        index = self.quote_proxy.index(row, 0)
        self.quote_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
        )
        self.quote_table.scrollTo(index)

    def _table_row_changed(self, current, _previous) -> None:
        quote_id = self.quote_proxy.quote_id_at(current.row()) if current.isValid() else None
        self.view.select_quote(quote_id)
        self.detail.show_quote(self.document, quote_id)
        self.statements.show_quote(quote_id)
        self._update_actions()

    def _entity_row_changed(self, current, _previous) -> None:
        self.view.highlight_entity(self.current_entity_id())

    def current_entity_id(self) -> str | None:
        index = self.entity_table.currentIndex()
        if not index.isValid():
            return None
        from quoteapp.gui.entity_model import ENTITY_ID_ROLE

        return index.siblingAtColumn(0).data(ENTITY_ID_ROLE)

    # --- after each change ---------------------------------------------------------------------
    def _changed(self) -> None:
        self.autosave_timer.start()
        self._update_actions()

    def _after_change(self) -> None:
        self.folders.refresh_open_item()  # "3 to review" follows each decision, not only the first
        self.detail.refresh()
        self._update_status()
        self._update_actions()

    def _title(self) -> None:
        self.folders.refresh_open_item()
        dirty = self.document is not None and not self.document.undo_stack.isClean()
        self.setWindowModified(dirty)
        self.setWindowTitle(f"{self._doc_name()}[*] — {APP_NAME}" if self.document else f"{APP_NAME}[*]")

    def _doc_name(self) -> str:
        if self.document is None:
            return ""
        if self.document.article_path is not None:
            return self.document.article_path.name
        return self.document.save_path.name if self.document.save_path else self.document.annotation.document.id

    def _update_status(self) -> None:
        self.status_model.setText(f"Pipeline: {self.learning.label_for(self.document, self.analysis.model_label)}")
        if self.document is None:
            self.status_counts.setText("")
            return
        c = self.document.status_counts()
        self.status_counts.setText(
            f"{len(self.document.quotes)} quotes: {c['auto']} auto · {c['accepted']} accepted · "
            f"{c['corrected'] + c['added']} corrected · {c['rejected']} rejected"
        )

    def _update_actions(self) -> None:
        stack = self.document.undo_stack if self.document and shiboken6.isValid(self.document.undo_stack) else None
        set_enabled(
            self.actions,
            {
                "document": self.document is not None,
                "quote": self.current_quote_id() is not None,
                "analysing": self.job is not None,
                "can_undo": bool(stack and stack.canUndo()),
                "can_redo": bool(stack and stack.canRedo()),
                "folder_article": self.folders.holds_open_article(),
                **self.learning.conditions(),
            },
        )
        if stack is not None:  # the menu names the step; the toolbar keeps its short label (no jumping)
            for name, step in (("undo", stack.undoText()), ("redo", stack.redoText())):
                self.actions[name].setText(f"&{name.capitalize()} {step}".rstrip())
                self.actions[name].setIconText(name.capitalize())
                self.actions[name].setToolTip(f"{name.capitalize()} {step}".rstrip())

    # --- recent files, folders, drag and drop ----------------------------------------------------

    # --- editing helpers -----------------------------------------------------------------------

    # --- actions: file -------------------------------------------------------------------------

    @property
    def job(self) -> AnalysisJob | None:
        """The analysis running now, if any."""
        return self.analysis.job

    @property
    def extractor(self) -> object | None:
        """The loaded language model's extractor (None while it loads)."""
        return self.analysis.extractor

    def _model_loaded(self, extractor: object, label: str) -> None:
        self.analysis.model_loaded(extractor, label)

    def _handlers(self) -> dict[str, Callable[[], object]]:
        """Which method runs each action of the table in `actions`: bound here, one line each."""
        e, f = self.edits, self.folders
        return {
            "open": self.do_open,
            "open_folder": self.do_open_folder,
            "save": self.do_save,
            "save_as": self.do_save_as,
            "export": lambda: export_dataset(self),
            "reanalyse": self.analysis.reanalyse,
            "cancel_analysis": self.analysis.cancel,
            "quit": self.close,
            "undo": self.do_undo,
            "redo": self.do_redo,
            "find": self.do_find,
            "next_quote": e.next_quote,
            "previous_quote": e.previous_quote,
            "accept": e.accept,
            "reject": e.reject,
            "add_quote": e.add_quote,
            "resize_segment": e.resize_segment,
            "add_segment": e.add_segment,
            "remove_segment": e.remove_segment,
            "set_cue": e.set_cue,
            "set_speaker": e.set_speaker,
            "add_intermediary": e.add_intermediary,
            "remove_intermediary": e.remove_intermediary,
            "set_type": e.set_type,
            "set_parent": e.set_parent,
            "delete_quote": e.delete_quote,
            "show_rejected": self.do_show_rejected,
            "statistics": f.statistics,
            "rename_entity": e.rename_entity,
            "entity_kind": e.entity_kind,
            "add_alias": e.add_alias,
            "remove_alias": e.remove_alias,
            "merge_entities": e.merge_entities,
            "split_mention": e.split_mention,
            "next_article": lambda: f.step(1),
            "previous_article": lambda: f.step(-1),
            "shortcuts": lambda: dialogs.show_html(
                self, "Keyboard shortcuts", shortcuts_html(PANEL_SHORTCUTS) + filter_help_html()
            ),
        }

    def open_folder(self, folder: Path) -> None:
        """Open a folder of articles: its list, its speakers, its first article."""
        self.folders.open(folder)

    def do_save(self) -> bool:
        if self.document is None:
            return False
        if self.document.save_path is None:
            return self.do_save_as()
        return self.save_to(self.document.save_path)

    def do_save_as(self) -> bool:
        if self.document is None:
            return False
        suggested = str(self.document.save_path or (self.document.annotation.document.id + EDITOR_SUFFIX))
        path = dialogs.save_path(self, suggested)
        return self.save_to(path) if path is not None else False

    # --- actions: edit -------------------------------------------------------------------------
    def do_undo(self) -> None:
        if self.document is not None:
            self.document.undo_stack.undo()

    def do_redo(self) -> None:
        if self.document is not None:
            self.document.undo_stack.redo()

    def do_find(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    def do_show_rejected(self) -> None:
        self.quote_proxy.set_show_rejected(self.actions["show_rejected"].isChecked())

    # --- actions: quotes -----------------------------------------------------------------------

    # --- actions: entities ---------------------------------------------------------------------

    # --- actions: go, help ---------------------------------------------------------------------
