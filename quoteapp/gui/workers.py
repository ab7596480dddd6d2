"""Work off the GUI thread: loading the spaCy pipeline, analysing an article, and the long steps of
opening one (reading a big attribution file, re-anchoring a changed article).

Each job runs in a QThread and reports through queued signals (progress, finished, failed), so the
window stays usable; a cancelled analysis stops at the next chunk of text. `run_in_background`
is for steps the opening waits on: the call returns their result, and the window paints meanwhile.
"""

from __future__ import annotations

import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt, QThread, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from quoteapp.model import Annotation


class Cancelled(Exception):
    """The user cancelled the analysis."""


class ModelLoader(QThread):
    """Loads a pipeline while the window is already shown: once at start-up, and a folder's learned
    one. `fresh`: a pipeline of its own, not the process-wide one cached by name, which would give
    back the pipeline trained before at the same path."""

    loaded = Signal(object, str)  # the Extractor, its label
    failed = Signal(str)

    def __init__(self, model: str | None, parent: QObject | None = None, fresh: bool = False) -> None:
        super().__init__(parent)
        self.model, self.fresh = model, fresh

    def run(self) -> None:
        try:
            from quoteapp.nlp.extractor import Extractor

            if self.fresh:
                from quoteapp.nlp.learning.saving import fresh_base_pipeline

                extractor = Extractor(nlp=fresh_base_pipeline(self.model))
            else:
                extractor = Extractor(self.model)
        except Exception as err:
            self.failed.emit(str(err))
            return
        self.loaded.emit(extractor, extractor.label)


class AnalysisJob(QThread):
    """Reads (when given a path) and analyses one article."""

    progress = Signal(int)  # percent
    finished_ok = Signal(object)  # the Annotation
    failed = Signal(str)
    cancelled = Signal()

    def __init__(
        self,
        extractor: object,
        text: str,
        doc_id: str,
        *,
        path: Path | None = None,
        title: str | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.extractor, self.text, self.doc_id, self.path, self.title = extractor, text, doc_id, path, title
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def _progress(self, fraction: float) -> None:
        if self._cancel:
            raise Cancelled
        self.progress.emit(int(fraction * 100))

    def run(self) -> None:
        try:
            annotation: Annotation = self.extractor.annotate(  # type: ignore[attr-defined]
                self.text,
                self.doc_id,
                path=self.path.name if self.path else None,
                title=self.title,
                progress=self._progress,
            )
        except Cancelled:
            self.cancelled.emit()
            return
        except Exception as err:
            self.failed.emit(f"{err}\n\n{traceback.format_exc(limit=3)}")
            return
        self.finished_ok.emit(annotation)


class TaskThread(QThread):
    """Runs one function off the GUI thread; its result or exception is kept for the caller."""

    progress = Signal(int)  # percent

    def __init__(self, work: Callable[[Callable[[float], None]], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.work = work
        self.result: Any = None
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            self.result = self.work(lambda fraction: self.progress.emit(int(fraction * 100)))
        except BaseException as err:
            self.error = err


class _InputBlocker(QObject):
    """Swallows the user's keys, clicks and close requests to one window while a step it waits on
    runs: the window keeps painting, but nothing can change the document under the worker. Other
    windows (a dialog that opens meanwhile) still take input."""

    BLOCKED = frozenset(
        {
            QEvent.Type.Close,
            QEvent.Type.KeyPress,
            QEvent.Type.KeyRelease,
            QEvent.Type.ShortcutOverride,
            QEvent.Type.Shortcut,
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
            QEvent.Type.Wheel,
            QEvent.Type.Drop,
        }
    )

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() not in self.BLOCKED:
            return False
        owner: QObject | None = watched  # a shortcut goes to its QAction, owned by a widget
        while owner is not None and not isinstance(owner, QWidget):
            owner = owner.parent()
        return owner is not None and owner.window() is self.window


def run_in_background(parent: QWidget, label: str, work: Callable[[Callable[[float], None]], Any]) -> Any:
    """`work(progress)` in a worker thread while the window keeps painting; returns its result (or
    raises its exception) like a plain call. Meanwhile the user's input is held off (so nothing
    changes what the worker reads), and a progress dialog shows when it takes over half a second."""
    blocker = _InputBlocker(parent.window())
    app = QApplication.instance()
    app.installEventFilter(blocker)
    try:
        return _wait_for(parent, label, work)
    finally:
        app.removeEventFilter(blocker)


def _wait_for(parent: QWidget, label: str, work: Callable[[Callable[[float], None]], Any]) -> Any:
    thread = TaskThread(work, parent)
    dialog = QProgressDialog(label, "", 0, 100, parent)
    dialog.setCancelButton(None)
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(500)
    dialog.setAutoClose(False)
    thread.progress.connect(dialog.setValue)
    loop = QEventLoop()
    thread.finished.connect(loop.quit)
    thread.start()
    if not thread.isFinished():
        loop.exec()
    thread.wait()
    dialog.close()
    dialog.deleteLater()
    thread.deleteLater()
    error, result = thread.error, thread.result
    thread.error = thread.result = None
    if error is not None:
        # its traceback would keep the worker's frames (and this dialog) alive until some later
        # collection, maybe on a worker thread: what it says is in the exception itself
        raise error.with_traceback(None)
    return result
