"""Opening an article or an attribution file in the editor (Open, Open Folder, recent files, drag
and drop): the window's side of `corpus.opening`.

`corpus.opening` finds what the folder holds for an article (saved, recovered, changed, unreadable,
fresh) without deciding; here the user is asked (restore the autosave? re-anchor or re-analyse?
start afresh from an unreadable file?) and the result shown. The window class mixes this in.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from PySide6.QtCore import QSettings
from PySide6.QtGui import QAction, QDragEnterEvent, QDropEvent

from quoteapp.corpus.opening import CHANGED, RECOVERED, SAVED, UNREADABLE, ArticleOnDisk, carry_over, open_article
from quoteapp.corpus.recovery import discard_recovery
from quoteapp.formats.attribution import read_annotation, set_aside
from quoteapp.formats.errors import FormatError
from quoteapp.gui import dialogs
from quoteapp.gui.document import AnnotationDocument
from quoteapp.gui.workers import run_in_background
from quoteapp.model import Annotation

#: how many files and folders File > Open Recent lists
MAX_RECENT = 10


def recent_paths() -> list[str]:
    """The recent files and folders, newest first. QSettings gives a one-item list back as a plain
    string on some platforms, which must not be read as a list of characters."""
    value = QSettings().value("recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in value or [] if isinstance(v, str) and v]


class ArticleOpening:
    """Open File, Open Recent, drag and drop and the folder list all end here (mixed into MainWindow,
    whose parts these methods use)."""

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
                    self._show(AnnotationDocument(restored, article_path=path, save_path=found.save_path), unsaved=True)
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
        self.analysis.analyse_new()
        return True

    def _show(self, document: AnnotationDocument, *, unsaved: bool = False) -> None:
        """Make `document` the open article; `unsaved`: its content is not what its file holds."""
        self._set_document(document)
        if unsaved:
            document.undo_stack.resetClean()
            self._title()
        if document.article_path is not None:
            self._remember(document.article_path)

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
        try:
            aside = set_aside(path)
        except OSError as err:
            dialogs.error(self, "Cannot set the file aside", f"{path} could not be renamed: {err.strerror or err}")
            return False
        self.statusBar().showMessage(f"The unreadable {what} is kept as {aside}", 10000)
        return True

    def _article_changed(self, found: ArticleOnDisk) -> bool:
        name = found.article.path.name
        choice = dialogs.article_changed(self, name)
        if choice == "cancel":
            return False
        carried = run_in_background(
            self, f"Carrying the quotes over to the new {name}…", lambda progress: carry_over(found, progress)
        )
        self._show(
            AnnotationDocument(carried.annotation, article_path=found.article.path, save_path=found.save_path),
            unsaved=True,
        )
        message = f"The old annotation is kept in {carried.backup.name}."
        if carried.changed:
            message += (
                f"\nThese quotes lost or changed words and need a look: {', '.join(carried.changed)}.\n"
                "They are marked ⚠ in the quote list; the filter flag:unplaced lists them."
            )
        if choice == "reanalyse":
            self.analysis.reanalyse()
        dialogs.info(self, "Annotation carried over", message)
        return True

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

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            self.open_folder(paths[0]) if paths[0].is_dir() else self.open_path(paths[0])

    def _start_folder(self) -> str:
        """Where the Open dialogs start: the open article's folder, the open folder, the last one used."""
        if self.document is not None and self.document.article_path is not None:
            return str(self.document.article_path.parent)
        if self.folders.folder is not None:
            return str(self.folders.folder)
        recent = recent_paths()
        return str(Path(recent[0]).parent) if recent else ""

    def do_open(self) -> None:
        path = dialogs.open_path(self, self._start_folder())
        if path is not None:
            self.open_path(path)

    def do_open_folder(self) -> None:
        folder = dialogs.open_folder(self, self._start_folder())
        if folder is not None:
            self.open_folder(folder)
