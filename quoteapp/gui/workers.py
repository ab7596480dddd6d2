"""Work off the GUI thread: loading the spaCy pipeline and analysing an article.

Each job runs in a QThread and reports through queued signals (progress, finished, failed), so the
window stays usable; a cancelled analysis stops at the next chunk of text.
"""

from __future__ import annotations

import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from quoteapp.model import Annotation


class Cancelled(Exception):
    """The user cancelled the analysis."""


class ModelLoader(QThread):
    """Loads the pipeline once, at start-up, while the window is already shown."""

    loaded = Signal(object, str)  # the Extractor, its label
    failed = Signal(str)

    def __init__(self, model: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.model = model

    def run(self) -> None:
        try:
            from quoteapp.nlp.extractor import Extractor

            extractor = Extractor(self.model)
        except Exception as err:  # noqa: BLE001 - any failure is shown to the user, never a crash
            self.failed.emit(str(err))
            return
        self.loaded.emit(extractor, extractor.label)


class AnalysisJob(QThread):
    """Reads (when given a path) and analyses one article."""

    progress = Signal(int)  # percent
    finished_ok = Signal(object)  # the Annotation
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, extractor: object, text: str, doc_id: str, *, path: Path | None = None,
                 title: str | None = None, parent: QObject | None = None) -> None:
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
                self.text, self.doc_id, path=self.path.name if self.path else None, title=self.title,
                progress=self._progress,
            )
        except Cancelled:
            self.cancelled.emit()
            return
        except Exception as err:  # noqa: BLE001 - reported in the window
            self.failed.emit(f"{err}\n\n{traceback.format_exc(limit=3)}")
            return
        self.finished_ok.emit(annotation)
