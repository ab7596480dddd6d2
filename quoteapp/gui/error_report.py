"""What the editor does with an error nobody caught: log it to the log file and show one dialog
with a report the user can copy into a bug report, instead of a raw traceback on a console that
a desktop user never sees (and a Qt abort when an exception escapes a slot)."""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from types import TracebackType

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox

from quoteapp.corpus.user_folders import log_file

log = logging.getLogger("quoteapp")


def start_log_file() -> logging.Handler | None:
    """Warnings and errors of every session go to the log file (kept small: three rotations)."""
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    except OSError as err:  # a read-only home must not stop the editor
        print(f"quoteapp: cannot write the log file {path}: {err}", file=sys.stderr)
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.setLevel(logging.WARNING)
    log.addHandler(handler)
    return handler


def report_text(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> str:
    """The traceback with the facts a reader needs (versions, platform, paths)."""
    from quoteapp.nlp.installation import info_lines

    details = "".join(traceback.format_exception(kind, error, tb))
    return "\n".join(info_lines()) + "\n\n" + details


class ErrorReporter(QObject):
    """Installed as sys.excepthook (and threading.excepthook): logs, then shows one dialog at a
    time on the GUI thread; errors while a dialog is open are logged only."""

    _raised = Signal(str, str)

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._showing = False
        self._raised.connect(self._show)
        self._previous = (sys.excepthook, threading.excepthook)
        sys.excepthook = self.excepthook
        threading.excepthook = self._thread_hook

    def uninstall(self) -> None:
        sys.excepthook, threading.excepthook = self._previous

    def excepthook(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous[0](kind, error, tb)
            return
        report = report_text(kind, error, tb)
        log.error("unexpected error\n%s", report)
        self._raised.emit(f"{kind.__name__}: {error}", report)  # queued when raised off the GUI thread

    def _thread_hook(self, hook_args: threading.ExceptHookArgs) -> None:
        kind = hook_args.exc_type
        self.excepthook(kind, hook_args.exc_value or kind(), hook_args.exc_traceback)

    @Slot(str, str)
    def _show(self, summary: str, report: str) -> None:
        if self._showing:
            return
        self._showing = True
        try:
            box = QMessageBox(QApplication.activeWindow())
            box.setIcon(QMessageBox.Icon.Critical)
            box.setWindowTitle("quoteapp: unexpected error")
            box.setText(
                "Something went wrong that quoteapp did not expect. Your unsaved work is kept in the "
                "recovery folder; saving now is safe.\n\n" + summary
            )
            box.setInformativeText(f"The report below is also in {log_file()}.")
            box.setDetailedText(report)
            copy = box.addButton("Copy Report", QMessageBox.ButtonRole.ActionRole)
            box.addButton(QMessageBox.StandardButton.Close)
            copy.clicked.disconnect()  # keep the box open after copying
            copy.clicked.connect(lambda: QApplication.clipboard().setText(report))
            box.exec()
        finally:
            self._showing = False
