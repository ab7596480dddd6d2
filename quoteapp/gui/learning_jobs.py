"""The background side of learning in the editor: training a folder's pipeline and loading it, each
in a QThread that reports through queued signals, and what a folder keeps of the editor's choice.

The choice of pipeline is kept in the folder, not in QSettings, so that it goes with the folder: a
file `quoteapp-choice.json` in the hidden pipeline folder (`{"use": "default"}`) says the editor
went back to the default; without it the learned pipeline is used. Training again writes a new
pipeline folder, without that file: what was just learned is used.
"""

from __future__ import annotations

import json
import traceback
from pathlib import Path

from PySide6.QtCore import QObject, QThread, Signal

from quoteapp.gui.workers import Cancelled
from quoteapp.nlp.pipeline_names import TRAINING_META_KEY

#: the editor's choice of pipeline for a folder, inside its hidden pipeline folder
CHOICE_FILE = "quoteapp-choice.json"


def pipeline_description(pipeline: Path) -> str:
    """'learned from 34 articles (2026-12-01)', from the pipeline's meta.json (what the status bar says)."""
    try:
        meta = json.loads((pipeline / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return "learned (its meta.json cannot be read)"
    training = meta.get(TRAINING_META_KEY) or {}
    articles = training.get("articles")
    when = str(training.get("trained_at") or "")[:10]
    what = f"learned from {articles} article{'' if articles == 1 else 's'}" if articles else "learned"
    return f"{what} ({when})" if when else what


def uses_default(pipeline: Path) -> bool:
    """Whether the editor chose the default pipeline for the folder that holds `pipeline`."""
    try:
        return json.loads((pipeline / CHOICE_FILE).read_text(encoding="utf-8")).get("use") == "default"
    except (OSError, ValueError, AttributeError):
        return False


def remember_choice(pipeline: Path, default: bool) -> None:
    """Keep the editor's choice in the pipeline folder (no file: the learned pipeline is used)."""
    path = pipeline / CHOICE_FILE
    if default:
        path.write_text(json.dumps({"use": "default"}) + "\n", encoding="utf-8")
    else:
        path.unlink(missing_ok=True)


class LearningJob(QThread):
    """Trains the folder's pipeline (`train_folder`); a cancel stops it at its next progress report,
    the folder keeping the pipeline it had."""

    progress = Signal(int, int)  # articles parsed, of how many (then once more when the model is written)
    finished_ok = Signal(str)  # the pipeline folder
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, folder: Path, base: str | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder, self.base = folder, base
        self._cancel = False

    def cancel(self) -> None:
        self._cancel = True

    def _progress(self, done: int, total: int) -> None:
        if self._cancel:
            raise Cancelled
        self.progress.emit(done, total)

    def run(self) -> None:
        try:
            from quoteapp.nlp.learning.folder import train_folder

            path = train_folder(self.folder, self._progress, self.base)
        except Cancelled:
            self.cancelled.emit()
            return
        except ValueError as err:  # nothing to learn from: said plainly, no traceback
            self.failed.emit(str(err))
            return
        except Exception as err:
            self.failed.emit(f"{err}\n\n{traceback.format_exc(limit=3)}")
            return
        self.finished_ok.emit(str(path))
