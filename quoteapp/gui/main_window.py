"""The editor's window: the article, its quotes, its entities and the selected quote, all kept in step.

Every correction goes through an action (`do_<name>`), which builds an undo command from
`commands` and pushes it; the views follow the document's signals. Opening, saving, autosave and
analysis live here because they are the window's workflow; their pieces (readers, the attribution
file, recovery, workers) live in their own modules.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import shiboken6
from PySide6.QtCore import QItemSelectionModel, QSettings, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QDockWidget,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QProgressBar,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from quoteapp import APP_NAME
from quoteapp.corpus.folder import CorpusFolder, annotation_state
from quoteapp.corpus.locations import (
    EDITOR_SUFFIX,
    registry_path,
)
from quoteapp.corpus.opening import CHANGED, RECOVERED, SAVED, UNREADABLE, ArticleOnDisk, carry_over, open_article
from quoteapp.corpus.recovery import discard_recovery, recovery_dir, write_recovery
from quoteapp.formats.attribution import read_annotation, set_aside, write_annotation
from quoteapp.formats.errors import FormatError
from quoteapp.formats.registry_file import open_registry, write_registry
from quoteapp.gui import commands as C
from quoteapp.gui import dialogs
from quoteapp.gui.actions import ACTIONS, MENUS, build_actions, shortcuts_html
from quoteapp.gui.article_view import ArticleView
from quoteapp.gui.detail_panel import DetailPanel
from quoteapp.gui.document import AnnotationDocument
from quoteapp.gui.entity_model import EntityFilterProxy, EntityTableModel
from quoteapp.gui.quote_model import FILTER_HELP, QuoteFilterProxy, QuoteTableModel
from quoteapp.gui.registry_panel import RegistryPanel
from quoteapp.gui.workers import AnalysisJob, ModelLoader, run_in_background
from quoteapp.model import ENTITY_KINDS, QUOTE_TYPES, ROLES, Annotation
from quoteapp.model.crossref import QuoteRef, Sighting, link_quotes
from quoteapp.model.reanchor import merge_reanalysis
from quoteapp.nlp.corpus_registry import apply_registry, build_registry

AUTOSAVE_MS = 3000
#: starting widths of the quote list's columns (#, type, speaker, intermediaries, cue, status,
#: confidence; the quote's words take the rest): all of them fit at 1024 pixels wide
QUOTE_COLUMN_WIDTHS = (40, 62, 120, 110, 52, 70, 76)
#: the article view keeps room for a readable line, however wide the docks are dragged
ARTICLE_MIN_WIDTH = 420
#: the Export dialog's choices -> ExportOptions fields
EXPORT_SCOPES = {
    "every article, every quote": {},
    "reviewed articles only": {"reviewed_only": True},
    "accepted and corrected quotes only": {"accepted_only": True},
    "reviewed articles, accepted and corrected quotes": {"reviewed_only": True, "accepted_only": True},
}
MAX_RECENT = 10


class MainWindow(QMainWindow):
    """One article at a time; a folder of articles in a side list."""

    def __init__(self, model: str | None = None, *, load_model: bool = True) -> None:
        super().__init__()
        self.setWindowTitle(f"{APP_NAME}[*]")
        self.resize(1400, 860)
        self.setAcceptDrops(True)
        self.doc: AnnotationDocument | None = None
        self.extractor: object | None = None
        self.model_label = "loading the language model…"
        self.job: AnalysisJob | None = None
        self.pending: Path | None = None  # an article waiting for the model
        self.corpus: CorpusFolder | None = None  # the open folder, its annotations each read once
        self.crossrefs: dict[QuoteRef, list[Sighting]] = {}  # the same statement in other articles

        self.view = ArticleView()
        self.quote_model = QuoteTableModel()
        self.quote_proxy = QuoteFilterProxy()
        self.quote_proxy.setSourceModel(self.quote_model)
        self.quote_table = QTableView()
        self.quote_table.setModel(self.quote_proxy)
        self.quote_table.setSortingEnabled(True)
        self.quote_table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # reading order, not Qt's descending
        self.quote_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.quote_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.quote_table.horizontalHeader().setStretchLastSection(True)
        self.quote_table.verticalHeader().hide()
        for column, width in enumerate(QUOTE_COLUMN_WIDTHS):
            self.quote_table.setColumnWidth(column, width)
        self.view.setMinimumWidth(ARTICLE_MIN_WIDTH)  # a widened dock never squeezes the article to a column
        self.filter_box = QLineEdit()
        self.filter_box.setPlaceholderText(FILTER_HELP)
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self.quote_proxy.set_filter_text)

        quotes_pane = QWidget()
        quotes_layout = QVBoxLayout(quotes_pane)
        quotes_layout.setContentsMargins(0, 0, 0, 0)
        quotes_layout.addWidget(self.filter_box)
        quotes_layout.addWidget(self.quote_table)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.view)
        splitter.addWidget(quotes_pane)
        splitter.setSizes([520, 320])
        self.setCentralWidget(splitter)

        self.detail = DetailPanel()
        self.entity_model = EntityTableModel()
        self.entity_proxy = EntityFilterProxy()
        self.entity_proxy.setSourceModel(self.entity_model)
        self.entity_table = QTableView()
        self.entity_table.setModel(self.entity_proxy)
        self.entity_table.setSortingEnabled(True)
        self.entity_table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # the most quoted first
        self.entity_table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.entity_table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.entity_table.horizontalHeader().setStretchLastSection(True)
        self.entity_table.verticalHeader().hide()
        self.article_list = QListWidget()
        self.article_list.itemActivated.connect(lambda item: self.open_path(Path(item.data(Qt.ItemDataRole.UserRole))))
        self._dock("Quote", self.detail, Qt.DockWidgetArea.RightDockWidgetArea)
        self._dock("Entities", self.entity_table, Qt.DockWidgetArea.RightDockWidgetArea)
        self.articles_dock = self._dock("Articles", self.article_list, Qt.DockWidgetArea.LeftDockWidgetArea)
        self.articles_dock.hide()
        self.registry_panel = RegistryPanel()
        self.registry_dock = self._dock("Speakers across the folder", self.registry_panel,
                                        Qt.DockWidgetArea.LeftDockWidgetArea)
        self.registry_dock.hide()
        self.folder: Path | None = None

        self.status_model = QLabel()
        self.status_counts = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(200)
        self.progress.hide()
        self.statusBar().addWidget(self.status_model)
        self.statusBar().addWidget(self.status_counts)
        self.autosave_label = QLabel()
        self.autosave_label.hide()
        self.autosave_warned = False
        self.statusBar().addWidget(self.autosave_label)
        self.statusBar().addPermanentWidget(self.progress)

        self.actions = build_actions(self, lambda name: getattr(self, f"do_{name}"))
        self._menus()
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)

        self.quote_table.selectionModel().currentRowChanged.connect(self._table_row_changed)
        self.entity_table.selectionModel().currentRowChanged.connect(self._entity_row_changed)
        self.view.quote_clicked.connect(self.select_quote)
        self.detail.move_intermediary.connect(
            lambda i, d: self._push(lambda doc, q: C.move_intermediary(doc, q, i, d)))
        self.detail.remove_intermediary.connect(
            lambda i: self._push(lambda doc, q: C.remove_intermediary(doc, q, i)))
        self.detail.change_role.connect(self._change_role)
        self._update_status()
        self._update_actions()
        self._restore_geometry()
        if load_model:
            self.loader = ModelLoader(model, self)
            self.loader.loaded.connect(self._model_loaded)
            self.loader.failed.connect(self._model_failed)
            self.loader.start()

    # --- building ------------------------------------------------------------------------------
    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(title)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _menus(self) -> None:
        menus = {name: self.menuBar().addMenu(f"&{name}") for name in MENUS}
        for spec in ACTIONS:
            menus[spec.menu].addAction(self.actions[spec.name])
            if spec.name == "open_folder":
                self.recent_menu = menus["File"].addMenu("Open &Recent")
                self.recent_menu.aboutToShow.connect(self._fill_recent)
        toolbar = self.addToolBar("Main")
        toolbar.setObjectName("main toolbar")
        for name in ("open", "save", "undo", "redo", "previous_quote", "next_quote", "accept", "reject",
                     "add_quote", "set_speaker", "reanalyse"):
            toolbar.addAction(self.actions[name])

    # --- the model -----------------------------------------------------------------------------
    def _model_loaded(self, extractor: object, label: str) -> None:
        self.extractor, self.model_label = extractor, label
        self._update_status()
        if self.pending is not None:
            path, self.pending = self.pending, None
            self._analyse_new(path)

    def _model_failed(self, message: str) -> None:
        self.model_label = "no language model"
        self._update_status()
        dialogs.error(self, "The language model could not be loaded", message)

    # --- opening -------------------------------------------------------------------------------
    def open_path(self, path: Path) -> bool:
        """Open an article (its saved annotation when there is one) or an attribution file."""
        if not self.maybe_save():
            return False
        try:
            if path.name.endswith(".json"):
                return self._open_annotation_file(path)
            return self._open_article(path)
        except FormatError as err:
            dialogs.error(self, "Cannot open", str(err))
            return False

    def _read(self, path: Path) -> Annotation:
        """Read and check an attribution file off the GUI thread (a big one takes seconds)."""
        return run_in_background(self, f"Reading {path.name}…", lambda _progress: read_annotation(path))

    def _open_annotation_file(self, path: Path) -> bool:
        annotation = self._read(path)
        article = path.parent / annotation.document.path if annotation.document.path else None
        self._set_document(AnnotationDocument(annotation, article_path=article, save_path=path))
        self._remember(path)
        return True

    def _open_article(self, path: Path) -> bool:
        """Open an article with what the folder holds for it (corpus.opening decides nothing: the
        user is asked here, then the window shows the result)."""
        found = run_in_background(self, f"Opening {path.name}…", lambda _progress: open_article(path))
        if found.state == RECOVERED:
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(found.recovery.stat().st_mtime))
            if dialogs.restore_recovery(self, path.name, when):
                restored = self._read_or_set_aside(found.recovery, path.name, "recovery copy")
                if restored is not None:
                    self._show(AnnotationDocument(restored, article_path=path, save_path=found.save_path),
                               unsaved=True)
                    return True
            else:
                discard_recovery(found.save_path)
            found.recovery = None
        if found.state == UNREADABLE:
            if not self._start_afresh(found.save_path, path.name, "saved annotation", found.saved_problem):
                return False
            found.saved_problem = None
        if found.state == CHANGED:
            return self._article_changed(found)
        if found.state == SAVED:
            self._show(AnnotationDocument(found.saved, article_path=path, save_path=found.save_path))
            return True
        self._show(AnnotationDocument(found.fresh(), article_path=path, save_path=found.save_path))
        self._analyse_new(path)
        return True

    def _show(self, doc: AnnotationDocument, *, unsaved: bool = False) -> None:
        """Make `doc` the open article; `unsaved`: its content is not what its file holds."""
        self._set_document(doc)
        if unsaved:
            doc.undo_stack.resetClean()
            self._title()
        if doc.article_path is not None:
            self._remember(doc.article_path)

    def _read_or_set_aside(self, path: Path, article_name: str, what: str) -> Annotation | None:
        """The annotation in `path`; when it cannot be read, the user may start afresh (see
        `_start_afresh`). None: unreadable (set aside or not)."""
        try:
            return self._read(path)
        except FormatError as err:
            self._start_afresh(path, article_name, what, str(err))
        return None

    def _start_afresh(self, path: Path, article_name: str, what: str, problem: str | None) -> bool:
        """Ask whether to open the article afresh from an unreadable file; if so the file is kept
        aside (renamed to `.bad`), never deleted. True when the user chose to."""
        if not dialogs.open_fresh(self, article_name, what, problem or ""):
            return False
        aside = set_aside(path)
        self.statusBar().showMessage(f"The unreadable {what} is kept as {aside}", 10000)
        return True

    def _article_changed(self, found: ArticleOnDisk) -> bool:
        name = found.article.path.name
        choice = dialogs.article_changed(self, name)
        if choice == "cancel":
            return False
        carried = run_in_background(self, f"Carrying the quotes over to the new {name}…",
                                    lambda progress: carry_over(found, progress))
        self._show(AnnotationDocument(carried.annotation, article_path=found.article.path,
                                      save_path=found.save_path), unsaved=True)
        message = f"The old annotation is kept in {carried.backup.name}."
        if carried.changed:
            message += (f"\nThese quotes lost or changed words and need a look: {', '.join(carried.changed)}.\n"
                        "They are marked ⚠ in the quote list; the filter flag:unplaced lists them.")
        if choice == "reanalyse":
            self.do_reanalyse()
        dialogs.info(self, "Annotation carried over", message)
        return True

    def _set_document(self, doc: AnnotationDocument | None) -> None:
        if self.doc is not None:
            self.doc.undo_stack.blockSignals(True)
            self.doc.deleteLater()
        self.doc = doc
        self._colour_by_identity()
        self.view.set_document(doc)
        self.quote_model.set_document(doc)
        self.entity_model.set_document(doc)
        self.detail.show_quote(doc, None)
        if doc is not None:
            doc.undo_stack.cleanChanged.connect(self._title)
            doc.undo_stack.indexChanged.connect(self._changed)
            doc.quote_changed.connect(lambda _id: self._after_change())
            doc.quotes_reset.connect(self._after_change)
            doc.entities_reset.connect(self._after_change)
            doc.entity_changed.connect(lambda _id: self._after_change())
        self._title()
        self._update_status()
        self._update_actions()
        self._mark_folder_item()
        if doc is not None and doc.quotes:
            self.select_row(0)

    def _analyse_new(self, path: Path | None) -> None:
        if self.doc is None:
            return
        if self.extractor is None:
            self.pending = path or Path(self.doc.annotation.document.id)
            self.statusBar().showMessage("The article will be analysed when the language model is loaded…")
            return
        self._start_job(lambda annotation: self._analysis_done(annotation))

    def _start_job(self, on_done) -> None:  # noqa: ANN001 - a callable taking the Annotation
        assert self.doc is not None and self.extractor is not None
        if self.job is not None:
            self.job.cancel()
        document = self.doc.annotation.document
        job = AnalysisJob(self.extractor, document.text, document.id, path=self.doc.article_path,
                          title=document.title, parent=self)
        job.progress.connect(self.progress.setValue)
        job.finished_ok.connect(on_done)
        job.failed.connect(lambda message: dialogs.error(self, "Analysis failed", message))
        job.cancelled.connect(lambda: self.statusBar().showMessage("Analysis cancelled", 5000))
        job.finished.connect(self._job_ended)
        self.job = job
        self.statusBar().showMessage("Analysing…  (Esc cancels)")
        self.progress.setValue(0)
        self.progress.show()
        self._update_actions()
        job.start()

    def _job_ended(self) -> None:
        self.statusBar().clearMessage()
        self.progress.hide()
        self.job = None
        self._update_actions()

    def _analysis_done(self, annotation: Annotation) -> None:
        """Put the first analysis into the open document. Untouched, the document simply takes it;
        edited while the analysis ran, it takes it as one undoable step that keeps every edit."""
        doc = self.doc
        if doc is None or annotation.document.text != doc.text:
            return  # another article was opened meanwhile
        if self.folder is not None and self.registry_panel.registry.identities:
            annotation = apply_registry(annotation, self.registry_panel.registry)
        if doc.undo_stack.count() == 0 and not doc.quotes:
            doc.annotation.generator = annotation.generator
            doc.replace_content(annotation.quotes, annotation.entities)
        else:
            merged = merge_reanalysis(doc.annotation, annotation)
            doc.annotation.generator = merged.generator
            doc.undo_stack.push(C.ReplaceContent(doc, merged.quotes, merged.entities, "Analysis"))
        if self.current_quote_id() is None and doc.quotes:
            self.select_row(0)
        self._refresh_open_item()
        if self.folder_files:
            self.link_corpus()

    # --- saving --------------------------------------------------------------------------------
    def save_to(self, path: Path) -> bool:
        assert self.doc is not None
        try:
            write_annotation(self.doc.annotation, path)
        except FormatError as err:
            dialogs.error(self, "Cannot save", str(err))
            return False
        except Exception as err:  # noqa: BLE001 - whatever went wrong, the work stays open and unsaved
            dialogs.error(self, "Cannot save", f"{path}: the annotation could not be written ({err!r}).")
            return False
        old = self.doc.save_path
        self.doc.save_path = path
        self.doc.undo_stack.setClean()
        if old is not None:
            discard_recovery(old)
        self.statusBar().showMessage(f"Saved {path}", 4000)
        self._mark_folder_item()
        self.update_registry()
        self.link_corpus()
        return True

    def maybe_save(self) -> bool:
        """True when it is fine to leave the current article (saved, discarded, or nothing to save)."""
        if self.doc is None or self.doc.undo_stack.isClean():
            return True
        choice = dialogs.unsaved_changes(self, self._doc_name())
        if choice == "save":
            return self.do_save() is not False
        if choice == "discard":
            if self.doc.save_path is not None:
                discard_recovery(self.doc.save_path)
            self.doc.undo_stack.setClean()
            return True
        return False

    def autosave(self) -> None:
        """Write the unsaved work to the recovery folder. A failure is said once (status bar and a
        dialog), then shown in the status bar while it lasts, so the editor knows to save by hand."""
        if self.doc is None or self.doc.save_path is None or self.doc.undo_stack.isClean():
            return
        try:
            write_recovery(self.doc.annotation, self.doc.save_path)
        except (FormatError, OSError) as err:
            self.autosave_label.setText("⚠ Autosave is not working: save with Ctrl+S")
            self.autosave_label.setToolTip(str(err))
            self.autosave_label.show()
            if not self.autosave_warned:
                self.autosave_warned = True
                dialogs.error(self, "Autosave failed",
                              f"Unsaved work cannot be kept in the recovery folder ({recovery_dir()}):\n{err}\n\n"
                              "Your corrections are still open: save them with File > Save.")
            return
        self.autosave_label.hide()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt's name
        if self.maybe_save():
            self._save_geometry()
            self.shutdown()
            event.accept()
        else:
            event.ignore()

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
        if self.doc is not None:
            self.doc.undo_stack.blockSignals(True)
        if self.job is not None:
            self.job.cancel()
            self.job.wait()
        loader = getattr(self, "loader", None)
        if loader is not None:
            loader.wait()

    # --- selection -----------------------------------------------------------------------------
    def current_quote_id(self) -> str | None:
        index = self.quote_table.currentIndex()
        return self.quote_proxy.quote_id_at(index.row()) if index.isValid() else None

    def select_quote(self, quote_id: str) -> None:
        row = self.quote_proxy.proxy_row_of(quote_id)
        if row < 0 and self.doc is not None and self.doc.quote(quote_id) is not None:
            self.filter_box.clear()
            row = self.quote_proxy.proxy_row_of(quote_id)
        if row >= 0:
            self.select_row(row)

    def select_row(self, row: int) -> None:
        index = self.quote_proxy.index(row, 0)
        self.quote_table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self.quote_table.scrollTo(index)

    def _table_row_changed(self, current, _previous) -> None:  # noqa: ANN001 - QModelIndex
        quote_id = self.quote_proxy.quote_id_at(current.row()) if current.isValid() else None
        self.view.select_quote(quote_id)
        sightings = []
        if self.doc is not None and quote_id is not None:
            sightings = self.crossrefs.get(QuoteRef(self.doc.annotation.document.id, quote_id), [])
        self.detail.show_quote(self.doc, quote_id, sightings)
        self._update_actions()

    def _entity_row_changed(self, current, _previous) -> None:  # noqa: ANN001
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
        self.detail.refresh()
        self._update_status()
        self._update_actions()

    def _title(self) -> None:
        self._refresh_open_item()
        dirty = self.doc is not None and not self.doc.undo_stack.isClean()
        self.setWindowModified(dirty)
        self.setWindowTitle(f"{self._doc_name()}[*] — {APP_NAME}" if self.doc else f"{APP_NAME}[*]")

    def _doc_name(self) -> str:
        if self.doc is None:
            return ""
        if self.doc.article_path is not None:
            return self.doc.article_path.name
        return self.doc.save_path.name if self.doc.save_path else self.doc.annotation.document.id

    def _update_status(self) -> None:
        self.status_model.setText(f"Model: {self.model_label}")
        if self.doc is None:
            self.status_counts.setText("")
            return
        c = self.doc.status_counts()
        self.status_counts.setText(
            f"{len(self.doc.quotes)} quotes: {c['auto']} auto · {c['accepted']} accepted · "
            f"{c['corrected'] + c['added']} corrected · {c['rejected']} rejected")

    def _update_actions(self) -> None:
        has_doc = self.doc is not None
        has_quote = self.current_quote_id() is not None
        for spec in ACTIONS:
            if spec.menu == "Quote":
                self.actions[spec.name].setEnabled(has_quote or spec.name in ("add_quote", "next_quote",
                                                                                "previous_quote"))
        for name in ("save", "save_as", "reanalyse"):
            self.actions[name].setEnabled(has_doc)
        self.actions["cancel_analysis"].setEnabled(self.job is not None)
        stack = self.doc.undo_stack if self.doc and shiboken6.isValid(self.doc.undo_stack) else None
        self.actions["undo"].setEnabled(bool(stack and stack.canUndo()))
        self.actions["redo"].setEnabled(bool(stack and stack.canRedo()))
        if stack is not None:
            self.actions["undo"].setText(f"&Undo {stack.undoText()}".rstrip())
            self.actions["redo"].setText(f"&Redo {stack.redoText()}".rstrip())

    # --- recent files, folders, drag and drop ----------------------------------------------------
    def _remember(self, path: Path) -> None:
        recent = [p for p in recent_paths() if p != str(path)]
        QSettings().setValue("recent", [str(path), *recent][:MAX_RECENT])

    def _fill_recent(self) -> None:
        self.recent_menu.clear()
        for name in recent_paths():
            path = Path(name)
            label = f"{name}{os.sep}" if path.is_dir() else name
            action = QAction(label, self.recent_menu)
            action.triggered.connect(lambda _=False, p=path: self.open_folder(p) if p.is_dir() else self.open_path(p))
            self.recent_menu.addAction(action)
        if not self.recent_menu.actions():
            self.recent_menu.addAction("(none yet)").setEnabled(False)

    @property
    def folder_files(self) -> list[Path]:
        """The open folder's articles (none without a folder)."""
        return self.corpus.articles if self.corpus is not None else []

    def open_folder(self, folder: Path) -> None:
        self.folder = folder
        self._remember(folder)
        self.corpus = CorpusFolder(folder)
        self.article_list.clear()
        for path in self.folder_files:
            item = QListWidgetItem(path.name)
            item.setData(Qt.ItemDataRole.UserRole, str(path))
            self.article_list.addItem(item)
        self._refresh_folder_states()
        self.articles_dock.show()
        self.update_registry()
        self.registry_dock.show()
        self.resizeDocks([self.articles_dock], [360], Qt.Orientation.Horizontal)
        self.resizeDocks([self.articles_dock, self.registry_dock], [220, 480], Qt.Orientation.Vertical)
        if self.folder_files:
            self.open_path(self.folder_files[0])
        self.link_corpus()

    def update_registry(self) -> None:
        """Rebuild the folder's speaker registry from its saved annotations, keeping the editor's decisions."""
        if self.folder is None:
            return
        path = registry_path(self.folder)
        opened = open_registry(path)
        if opened.problem is not None:
            kept = (f"The unreadable file is kept as {opened.set_aside_as.name}." if opened.set_aside_as
                    else "The unreadable file could not be moved aside; it will be replaced.")
            dialogs.error(self, "The speaker registry could not be read",
                          f"{opened.problem}\n\n{kept}\nA new registry is built from the folder's annotations.")
        previous = opened.registry
        saved = [annotation for _, annotation in self.corpus.annotations()] if self.corpus else []
        registry = build_registry(saved, previous)
        try:
            write_registry(registry, path)
        except (FormatError, OSError) as err:
            self.statusBar().showMessage(f"The registry could not be saved: {err}", 8000)
        self.registry_panel.set_registry(registry, path)
        self._colour_by_identity()
        self.view.refresh()
        self.quote_table.viewport().update()
        self.entity_table.viewport().update()

    def _colour_by_identity(self) -> None:
        """In a folder, a speaker's colour follows its corpus identity, the same in every article."""
        if self.doc is None:
            return
        article = self.doc.annotation.document.id
        registry = self.registry_panel.registry if self.folder is not None else None
        self.doc.colour_keys = {m.entity: identity.id for identity in (registry.identities if registry else [])
                                for m in identity.members if m.article == article}

    def link_corpus(self) -> None:
        """Find the statements the folder's articles share (saved annotations and the open one)."""
        self.crossrefs = link_quotes(self.corpus_annotations()) if self.folder_files else {}
        self._table_row_changed(self.quote_table.currentIndex(), None)

    def _refresh_folder_states(self) -> None:
        for i, path in enumerate(self.folder_files):
            self.article_list.item(i).setText(f"{path.name}  —  {self.corpus.state(path)}")
        self._refresh_open_item()

    def _refresh_open_item(self) -> None:
        """The open article's line in the folder list says what the editor sees, saved or not."""
        doc = self.doc
        if doc is None or doc.article_path not in self.folder_files or not doc.quotes:
            return
        unsaved = not doc.undo_stack.isClean() or doc.save_path is None or not doc.save_path.exists()
        state = annotation_state(doc.annotation) + (", not saved" if unsaved else "")
        item = self.article_list.item(self.folder_files.index(doc.article_path))
        item.setText(f"{doc.article_path.name}  —  {state}")

    def _mark_folder_item(self) -> None:
        if not self.folder_files or self.doc is None or self.doc.article_path is None:
            return
        self._refresh_folder_states()
        if self.doc.article_path in self.folder_files:
            self.article_list.setCurrentRow(self.folder_files.index(self.doc.article_path))

    def _step_article(self, delta: int) -> None:
        if not self.folder_files:
            return
        current = self.doc.article_path if self.doc else None
        at = self.folder_files.index(current) if current in self.folder_files else -1
        target = at + delta
        if 0 <= target < len(self.folder_files):
            self.open_path(self.folder_files[target])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.open_folder(paths[0]) if paths[0].is_dir() else self.open_path(paths[0])

    # --- editing helpers -----------------------------------------------------------------------
    def _push(self, build) -> None:  # noqa: ANN001 - (doc, quote_id) -> QUndoCommand
        """Build a command for the current quote and push it; a refused edit is explained."""
        quote_id = self.current_quote_id()
        if self.doc is None or quote_id is None:
            return
        try:
            command = build(self.doc, quote_id)
        except (ValueError, KeyError, IndexError) as err:
            dialogs.error(self, "Cannot do that", str(err).strip("'\""))
            return
        if command is not None:
            self.doc.undo_stack.push(command)

    def _selection(self):  # noqa: ANN202 - Span | None
        span = self.view.selected_span()
        if span is None:
            self.statusBar().showMessage("Select some text in the article first", 4000)
        return span

    def _change_role(self, index: int) -> None:
        quote = self.doc.quote(self.current_quote_id() or "") if self.doc else None
        if quote is None or not 0 <= index < len(quote.intermediaries):
            return
        current = ROLES.index(quote.intermediaries[index].role)
        role = dialogs.choose(self, "Role", "Role of this intermediary:", list(ROLES), current)
        if role:
            self._push(lambda doc, q: C.set_intermediary_role(doc, q, index, role))

    def _pick_entity(self, title: str, exclude: frozenset[str] = frozenset(), current: str | None = None) -> str | None:
        """An entity id from a searchable list (the choice dialog filters as you type), `current` selected."""
        assert self.doc is not None
        entities = [e for e in self.doc.entities if e.id not in exclude]
        if not entities:
            self.statusBar().showMessage("There is no other entity to choose", 4000)
            return None
        labels = [f"{e.name}  ({e.kind}, {e.id})" for e in entities]
        at = next((i for i, e in enumerate(entities) if e.id == current), 0)
        choice = dialogs.choose(self, title, "Entity:", labels, at)
        return entities[labels.index(choice)].id if choice in labels else None

    # --- actions: file -------------------------------------------------------------------------
    def _start_folder(self) -> str:
        """Where the Open dialogs start: the open article's folder, the open folder, the last one used."""
        if self.doc is not None and self.doc.article_path is not None:
            return str(self.doc.article_path.parent)
        if self.folder is not None:
            return str(self.folder)
        recent = recent_paths()
        return str(Path(recent[0]).parent) if recent else ""

    def do_open(self) -> None:
        path = dialogs.open_path(self, self._start_folder())
        if path is not None:
            self.open_path(path)

    def do_open_folder(self) -> None:
        folder = dialogs.open_folder(self, self.folder and str(self.folder) or self._start_folder())
        if folder is not None:
            self.open_folder(folder)

    def do_save(self) -> bool:
        if self.doc is None:
            return False
        if self.doc.save_path is None:
            return self.do_save_as()
        return self.save_to(self.doc.save_path)

    def do_save_as(self) -> bool:
        if self.doc is None:
            return False
        suggested = str(self.doc.save_path or (self.doc.annotation.document.id + EDITOR_SUFFIX))
        path = dialogs.save_path(self, suggested)
        return self.save_to(path) if path is not None else False

    def do_reanalyse(self) -> None:
        if self.doc is None:
            return
        if self.extractor is None:
            self.statusBar().showMessage("The language model is still loading…", 4000)
            return
        doc = self.doc

        def merge(fresh: Annotation) -> None:
            if self.doc is not doc:
                return
            merged = merge_reanalysis(doc.annotation, fresh)
            doc.undo_stack.push(C.ReplaceContent(doc, merged.quotes, merged.entities, "Re-analyse"))

        self._start_job(merge)

    def do_export(self) -> None:
        """The same exports as `quoteapp export`, on the folder's annotations (or the open one)."""
        from quoteapp.formats.exports import EXPORTERS, ExportOptions, export

        annotations = self.corpus_annotations()
        if not annotations:
            self.statusBar().showMessage("Open an article or a folder first", 4000)
            return
        fmt = dialogs.choose(self, "Export dataset", "Format:", list(EXPORTERS))
        scope = dialogs.choose(self, "Export dataset", "Export:", list(EXPORT_SCOPES)) if fmt else None
        if not fmt or not scope:
            return
        suffix = {"jsonl": ".jsonl", "csv": ".csv", "docbin": ".spacy", "brat": ""}[fmt]
        base = self.folder or (self.doc.article_path.parent if self.doc and self.doc.article_path else Path.cwd())
        target = dialogs.export_target(self, fmt, str(base / f"quotes-export{suffix}"))
        if target is None:
            return
        items = [(Path(a.document.path or a.document.id), a) for a in annotations]
        try:
            report = export(fmt, items, target, ExportOptions(**EXPORT_SCOPES[scope]))
        except (OSError, ValueError, FormatError) as err:
            dialogs.error(self, "Export failed", str(err))
            return
        lines = [f"{report.articles} articles, {report.quotes} quotes written to {report.output}."]
        if report.skipped:
            lines.append(f"Left out (not reviewed): {', '.join(report.skipped)}.")
        if report.dropped_quotes:
            lines.append(f"{report.dropped_quotes} quotes left out (not accepted or corrected).")
        lines += [f"Not carried by {fmt}: {w}" for w in report.warnings]
        dialogs.info(self, "Export done", "\n".join(lines))

    def do_cancel_analysis(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def do_quit(self) -> None:
        self.close()

    # --- actions: edit -------------------------------------------------------------------------
    def do_undo(self) -> None:
        if self.doc is not None:
            self.doc.undo_stack.undo()

    def do_redo(self) -> None:
        if self.doc is not None:
            self.doc.undo_stack.redo()

    def do_find(self) -> None:
        self.filter_box.setFocus()
        self.filter_box.selectAll()

    def corpus_annotations(self) -> list[Annotation]:
        """The open folder's saved annotations, with the open article as it is now (saved or not)."""
        current = self.doc.annotation if self.doc else None
        out = [current] if current is not None else []
        for path in self.folder_files:
            if self.doc is not None and path == self.doc.article_path:
                continue
            saved = self.corpus.annotation(path)
            if saved is not None:
                out.append(saved)
            elif self.corpus.problem(path):
                self.statusBar().showMessage(f"Left out: {self.corpus.problem(path)}", 6000)
        return out

    def do_statistics(self) -> None:
        from quoteapp.gui.stats_dialog import StatsDialog
        from quoteapp.model.statistics import corpus_stats

        registry = self.registry_panel.registry if self.folder is not None else None
        canonical = {(m.article, m.entity): i.name for i in registry.identities for m in i.members} if registry else {}
        self.stats_dialog = StatsDialog(corpus_stats(self.corpus_annotations(), canonical), self)
        self.stats_dialog.show()

    def do_show_rejected(self) -> None:
        self.quote_proxy.set_show_rejected(self.actions["show_rejected"].isChecked())

    # --- actions: quotes -----------------------------------------------------------------------
    def do_next_quote(self) -> None:
        row = self.quote_table.currentIndex().row()
        if row + 1 < self.quote_proxy.rowCount():
            self.select_row(row + 1)

    def do_previous_quote(self) -> None:
        row = self.quote_table.currentIndex().row()
        if row > 0:
            self.select_row(row - 1)

    def do_accept(self) -> None:
        quote_id = self.current_quote_id()
        row = self.quote_table.currentIndex().row()
        self._push(C.accept)
        if quote_id is not None and row + 1 < self.quote_proxy.rowCount():
            self.select_row(row + 1)  # review flow: accept and go on

    def do_reject(self) -> None:
        row = self.quote_table.currentIndex().row()
        self._push(C.reject)
        if self.quote_proxy.rowCount():
            self.select_row(min(row, self.quote_proxy.rowCount() - 1))

    def do_add_quote(self) -> None:
        span = self._selection()
        if span is None or self.doc is None:
            return
        quote_type = dialogs.choose(self, "Add quote", "Type of the new quote:", list(QUOTE_TYPES))
        if quote_type:
            command, quote_id = C.add_quote(self.doc, span, quote_type)
            self.doc.undo_stack.push(command)
            self.select_quote(quote_id)

    def do_resize_segment(self) -> None:
        span = self._selection()
        if span is None or self.doc is None:
            return
        quote = self.doc.quote(self.current_quote_id() or "")
        if quote is None:
            return
        index = max(range(len(quote.segments)), key=lambda i: _overlap(quote.segments[i], span))
        self._push(lambda doc, q: C.resize_segment(doc, q, index, span))

    def do_add_segment(self) -> None:
        span = self._selection()
        if span is not None:
            self._push(lambda doc, q: C.add_segment(doc, q, span))

    def do_remove_segment(self) -> None:
        self._push(lambda doc, q: C.remove_segment(doc, q, len(doc.quote(q).segments) - 1))

    def do_set_cue(self) -> None:
        span = self.view.selected_span()
        self._push(lambda doc, q: C.set_cue(doc, q, span))  # no selection clears the cue

    def do_set_speaker(self) -> None:
        if self.doc is None or self.current_quote_id() is None:
            return
        span = self.view.selected_span()
        if span is not None:
            kind = dialogs.choose(self, "New speaker", f"“{span.text}” is a new entity of kind:",
                                  list(ENTITY_KINDS)) if not self._entity_named(span.text) else None
            existing = self._entity_named(span.text)
            if existing:
                self._push(lambda doc, q: C.set_speaker(doc, q, existing, span))
            elif kind:
                self._push(lambda doc, q: C.set_speaker_new_entity(doc, q, span, kind))
            return
        quote = self.doc.quote(self.current_quote_id() or "")
        speaker = quote.speaker.entity if quote is not None and quote.speaker is not None else None
        entity_id = self._pick_entity("Set speaker", current=speaker)
        if entity_id:
            self._push(lambda doc, q: C.set_speaker(doc, q, entity_id))

    def _entity_named(self, name: str) -> str | None:
        assert self.doc is not None
        lower = name.lower()
        for entity in self.doc.entities:
            if entity.name.lower() == lower or lower in (a.lower() for a in entity.aliases):
                return entity.id
        return None

    def do_add_intermediary(self) -> None:
        quote = self.doc.quote(self.current_quote_id() or "") if self.doc else None
        if self.doc is None or quote is None:
            return
        taken = {via.entity for via in quote.intermediaries}
        if quote.speaker is not None:
            taken.add(quote.speaker.entity)  # a speaker is never its own intermediary
        entity_id = self._pick_entity("Add intermediary", exclude=frozenset(taken))
        entity = self.doc.entity(entity_id) if entity_id else None
        role = None
        if entity is not None:
            role = dialogs.choose(self, "Role", f"Role of {entity.name}:", list(ROLES),
                                  ROLES.index(default_role(entity.kind)))
        if entity_id and role:
            self._push(lambda doc, q: C.add_intermediary(doc, q, entity_id, role, self.view.selected_span()))

    def do_remove_intermediary(self) -> None:
        self._push(lambda doc, q: C.remove_intermediary(doc, q, len(doc.quote(q).intermediaries) - 1)
                   if doc.quote(q).intermediaries else None)

    def do_set_type(self) -> None:
        quote = self.doc.quote(self.current_quote_id() or "") if self.doc else None
        if quote is None:
            return
        quote_type = dialogs.choose(self, "Quote type", "Type:", list(QUOTE_TYPES), QUOTE_TYPES.index(quote.type))
        if quote_type:
            self._push(lambda doc, q: C.set_type(doc, q, quote_type))

    def do_set_parent(self) -> None:
        if self.doc is None or self.current_quote_id() is None:
            return
        current = self.current_quote_id()
        others = [q for q in self.doc.quotes if q.id != current]
        labels = ["(none)"] + [f"{q.id}: {q.segments[0].text[:60]}" for q in others]
        choice = dialogs.choose(self, "Parent quote", "Nested in:", labels)
        if choice is None:
            return
        parent = None if choice == "(none)" else others[labels.index(choice) - 1].id
        self._push(lambda doc, q: C.set_parent(doc, q, parent))

    def do_delete_quote(self) -> None:
        self._push(C.delete_quote)

    # --- actions: entities ---------------------------------------------------------------------
    def _push_entity(self, build) -> None:  # noqa: ANN001 - (doc, entity_id) -> QUndoCommand | None
        entity_id = self.current_entity_id()
        if self.doc is None or entity_id is None:
            self.statusBar().showMessage("Select an entity in the Entities panel first", 4000)
            return
        try:
            command = build(self.doc, entity_id)
        except (ValueError, KeyError) as err:
            dialogs.error(self, "Cannot do that", str(err).strip("'\""))
            return
        if command is not None:
            self.doc.undo_stack.push(command)

    def do_rename_entity(self) -> None:
        def build(doc, entity_id):  # noqa: ANN001, ANN202
            name = dialogs.text(self, "Rename entity", "Name:", doc.entity(entity_id).name)
            return C.rename_entity(doc, entity_id, name) if name else None
        self._push_entity(build)

    def do_entity_kind(self) -> None:
        def build(doc, entity_id):  # noqa: ANN001, ANN202
            kind = dialogs.choose(self, "Entity kind", "Kind:", list(ENTITY_KINDS))
            return C.set_entity_kind(doc, entity_id, kind) if kind else None
        self._push_entity(build)

    def do_add_alias(self) -> None:
        def build(doc, entity_id):  # noqa: ANN001, ANN202
            alias = dialogs.text(self, "Add alias", "Alias:")
            return C.add_alias(doc, entity_id, alias) if alias else None
        self._push_entity(build)

    def do_remove_alias(self) -> None:
        def build(doc, entity_id):  # noqa: ANN001, ANN202
            aliases = doc.entity(entity_id).aliases
            alias = dialogs.choose(self, "Remove alias", "Alias:", aliases) if aliases else None
            return C.remove_alias(doc, entity_id, alias) if alias else None
        self._push_entity(build)

    def do_merge_entities(self) -> None:
        def build(doc, entity_id):  # noqa: ANN001, ANN202
            keep = self._pick_entity(f"Merge {doc.entity(entity_id).name} into", exclude=frozenset({entity_id}))
            return C.merge_entities(doc, keep, entity_id) if keep else None
        self._push_entity(build)

    def do_split_mention(self) -> None:
        quote = self.doc.quote(self.current_quote_id() or "") if self.doc else None
        if quote is None or quote.speaker is None or quote.speaker.mention is None:
            self.statusBar().showMessage("Select a quote whose speaker mention names someone else", 4000)
            return
        mention = quote.speaker.mention
        self._push(lambda doc, q: C.split_mention(doc, quote.speaker.entity, mention)[0])

    # --- actions: go, help ---------------------------------------------------------------------
    def do_next_article(self) -> None:
        self._step_article(1)

    def do_previous_article(self) -> None:
        self._step_article(-1)

    def do_shortcuts(self) -> None:
        dialogs.show_html(self, "Keyboard shortcuts", shortcuts_html())


def recent_paths() -> list[str]:
    """The recent files and folders, newest first. QSettings gives a one-item list back as a plain
    string on some platforms, which must not be read as a list of characters."""
    value = QSettings().value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value or [] if isinstance(v, str) and v]


def default_role(kind: str) -> str:
    """The role an intermediary of this kind usually has: a news outlet passes words on as an outlet,
    an unnamed source relays what was said, a person or office speaks for the speaker."""
    return {"outlet": "outlet", "anonymous": "relay"}.get(kind, "spokesperson")


def _overlap(a, b) -> int:  # noqa: ANN001 - two Spans
    return max(0, min(a.end, b.end) - max(a.start, b.start))
