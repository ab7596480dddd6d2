"""Learning in the editor: "Learn from Reviewed Articles" trains on the open folder's saved decisions
in the background, the learned pipeline (kept in the folder's hidden `.quoteapp-pipeline`) is loaded
in the background and analyses the folder's articles from then on, the status bar names the pipeline
in use, and "Use Default Pipeline" / "Use Learned Pipeline" choose between the two for the folder
(the choice is kept in the folder: `learning_jobs`). Articles outside the folder keep the default.

Analysing with the learned pipeline goes through the window's one analysis (`analysis`), so it never
replaces an editor's corrections: a re-analysis replaces only the quotes still `auto`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QThread
from PySide6.QtWidgets import QProgressDialog

from quoteapp.gui import dialogs
from quoteapp.gui.document import AnnotationDocument
from quoteapp.gui.learning_jobs import LearningJob, pipeline_description, remember_choice, uses_default
from quoteapp.gui.workers import ModelLoader

if TYPE_CHECKING:
    from quoteapp.gui.main_window import MainWindow

TITLE = "Learn from Reviewed Articles"
#: the progress dialog's width: its line names the folder and the step
DIALOG_WIDTH = 520
#: how many saved articles with an editor's decisions learning needs to start
MIN_ARTICLES = 1
NOTHING_TO_LEARN = (
    "There is nothing to learn from in {folder} yet: learning needs at least {needed} saved article with "
    "an editor's decisions, and this folder has {found}.\n\n"
    "What counts: an article saved with every quote decided (reviewed), or with quotes accepted, "
    "corrected, added or rejected; quotes left auto in an article still to review teach nothing.\n\n"
    "One article is enough to start; a few dozen teach the app the folder's convention."
)


def _inside(document: AnnotationDocument, folder: Path) -> bool:
    """Whether the article (or its annotation file) is one of the folder's."""
    path = document.article_path or document.save_path
    return path is not None and path.resolve().parent == folder.resolve()


class FolderLearning:
    """The open folder's learned pipeline: training it, loading it, and whether it is in use."""

    def __init__(self, window: MainWindow, base: str | None) -> None:
        self.w, self.base = window, base
        self.folder: Path | None = None  # the open folder
        self.available = False  # the folder has a learned pipeline
        self.in_use = False  # ... and the editor uses it (the folder's choice)
        self.extractor: object | None = None  # the learned pipeline, once loaded
        self.description = ""  # 'learned from 34 articles (2026-12-01)'
        self.job: LearningJob | None = None
        self.dialog: QProgressDialog | None = None
        self.threads: set[QThread] = set()  # jobs and loaders kept alive until their threads end

    # --- what the window asks ---------------------------------------------------------------------
    def applies_to(self, document: AnnotationDocument | None) -> bool:
        """Whether the learned pipeline is the one for this article (no article: for the folder)."""
        if not self.in_use or self.folder is None:
            return False
        return document is None or _inside(document, self.folder)

    def pipeline_for(self, document: AnnotationDocument | None, default: object | None) -> object | None:
        """The extractor that analyses the article: the learned one for the folder's articles while
        it is in use (None while it loads: the analysis waits for it), else the default."""
        return self.extractor if self.applies_to(document) else default

    def label_for(self, document: AnnotationDocument | None, default: str) -> str:
        """What the status bar names as the pipeline in use for the article."""
        if not self.applies_to(document):
            return default
        return self.description if self.extractor is not None else f"{self.description}, loading…"

    def conditions(self) -> dict[str, bool]:
        """The window's states the learning actions need (see `actions.CONDITIONS`)."""
        return {
            "folder": self.w.folders.folder is not None and self.job is None,
            "learned_off": self.available and not self.in_use,
            "learned_on": self.in_use,
        }

    # --- the folder ------------------------------------------------------------------------------
    def folder_opened(self, folder: Path) -> None:
        """A folder is opened: its learned pipeline, when it has one the editor did not turn off, is
        loaded in the background (its articles wait for it); else the default applies."""
        from quoteapp.nlp.learning.folder import folder_pipeline

        self.folder, self.extractor = folder, None
        pipeline = folder_pipeline(folder)
        self.available = pipeline is not None
        self.in_use = pipeline is not None and not uses_default(pipeline)
        self.description = pipeline_description(pipeline) if pipeline is not None else ""
        if pipeline is not None and self.in_use:
            self._load(pipeline)
        self._changed()

    def _load(self, pipeline: Path) -> None:
        loader = ModelLoader(str(pipeline), self.w, fresh=True)
        folder = self.folder
        loader.loaded.connect(lambda extractor, _label: self._loaded(folder, extractor))
        loader.failed.connect(lambda message: self._load_failed(folder, message))
        self._keep(loader)
        loader.start()

    def _loaded(self, folder: Path | None, extractor: object) -> None:
        if folder == self.folder and self.in_use:  # still the folder open, still its choice
            self.extractor = extractor
            self.w.analysis.pipeline_ready()

    def _load_failed(self, folder: Path | None, message: str) -> None:
        if folder != self.folder or not self.in_use:
            return
        self.in_use = False
        self.w.analysis.pipeline_ready()
        dialogs.error(self.w, "The learned pipeline could not be loaded", f"{message}\n\nThe default pipeline is used.")

    def _keep(self, thread: QThread) -> None:
        """Hold a thread until it ends (a running QThread must not be destroyed)."""
        self.threads.add(thread)
        thread.finished.connect(lambda: (self.threads.discard(thread), thread.deleteLater()))

    def _changed(self) -> None:
        self.w._update_status()
        self.w._update_actions()

    # --- the actions -----------------------------------------------------------------------------
    def learn(self) -> None:
        """Train on the folder's saved decisions in the background, with progress and Cancel."""
        folder = self.w.folders.folder
        if folder is None or self.w.folders.corpus is None:
            dialogs.info(self.w, TITLE, "Open a folder of articles first: learning uses its reviewed articles.")
            return
        if self.job is not None:
            self.w.statusBar().showMessage("Learning is already under way", 4000)
            return
        if not self._saved_or_skipped():
            return
        found = self._decided(folder)
        if found < MIN_ARTICLES:
            dialogs.info(self.w, TITLE, NOTHING_TO_LEARN.format(folder=folder.name, needed=MIN_ARTICLES, found=found))
            return
        self._start(folder, found)

    def _saved_or_skipped(self) -> bool:
        """The open article's decisions count once saved: offer to save them; learning without them
        leaves the edits as they are (unsaved, autosaved), never discarded."""
        document = self.w.document
        if document is None or document.undo_stack.isClean():
            return True
        choice = dialogs.save_before_learning(self.w, self.w._doc_name())
        if choice == "save":
            return self.w.do_save() is not False
        return choice == "skip"

    def _decided(self, folder: Path) -> int:
        """How many of the folder's saved articles teach something (reviewed, or a decided quote)."""
        from quoteapp.nlp.learning.targets import has_labels

        return sum(has_labels(annotation) for _, annotation in self.w.folders.corpus.annotations())

    def _start(self, folder: Path, articles: int) -> None:
        job = LearningJob(folder, self.base, self.w)
        self.dialog = dialog = QProgressDialog(
            f"Learning from {articles} articles of {folder.name}…", "Cancel", 0, 0, self.w
        )
        dialog.setWindowTitle(TITLE)
        dialog.setMinimumWidth(DIALOG_WIDTH)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(0)
        dialog.canceled.connect(self.cancel)
        job.progress.connect(lambda done, total: self.job is job and self._progress(folder, done, total))
        job.finished_ok.connect(lambda path: self.job is job and self._learned(folder, Path(path)))
        job.failed.connect(lambda message: self.job is job and self._failed(message))
        job.cancelled.connect(lambda: self.job is job and self._ended("Learning cancelled: the folder is as it was"))
        self.job = job
        self._keep(job)
        self._changed()
        dialog.show()
        job.start()

    def _progress(self, folder: Path, done: int, total: int) -> None:
        if self.dialog is None:
            return
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        step = "training and writing the pipeline…" if done >= total else f"parsed {done} of {total} articles"
        self.dialog.setLabelText(f"Learning from the articles of {folder.name}: {step}")

    def cancel(self) -> None:
        """Stop the training: the window is free at once, the worker stops at its next step and the
        folder keeps the pipeline it had."""
        if self.job is not None:
            self.job.cancel()
            self._ended("Learning cancelled: the folder is as it was")

    def _ended(self, message: str) -> None:
        self.job = None
        if self.dialog is not None:
            dialog, self.dialog = self.dialog, None
            dialog.canceled.disconnect(self.cancel)
            dialog.close()
            dialog.deleteLater()
        self.w.statusBar().showMessage(message, 8000)
        self._changed()

    def _failed(self, message: str) -> None:
        self._ended("Learning failed")
        dialogs.error(self.w, "Learning failed", f"Nothing was learned: {message}")

    def _learned(self, folder: Path, pipeline: Path) -> None:
        description = pipeline_description(pipeline)
        self._ended(
            f"Pipeline {description}: the new articles of {folder.name} are analysed with it "
            "(Re-analyse applies it to an open one, keeping edited quotes)"
        )
        if folder == self.folder:  # training again wrote a new folder: what was just learned is used
            self.available, self.in_use, self.extractor, self.description = True, True, None, description
            self._load(pipeline)
            self._changed()

    def use_default(self) -> None:
        """Analyse the folder's articles with the default pipeline again (kept for the folder)."""
        from quoteapp.nlp.learning.folder import folder_pipeline

        pipeline = folder_pipeline(self.folder) if self.folder is not None else None
        if pipeline is None or not self.in_use:
            return
        remember_choice(pipeline, default=True)
        self.in_use, self.extractor = False, None
        self.w.analysis.pipeline_ready()
        self.w.statusBar().showMessage("The default pipeline is used for this folder (its learned one is kept)", 6000)
        self._changed()

    def use_learned(self) -> None:
        """Analyse the folder's articles with its learned pipeline again."""
        from quoteapp.nlp.learning.folder import folder_pipeline

        pipeline = folder_pipeline(self.folder) if self.folder is not None else None
        if pipeline is None or self.in_use:
            return
        remember_choice(pipeline, default=False)
        self.in_use, self.extractor = True, None
        self.description = pipeline_description(pipeline)
        self._load(pipeline)
        self.w.statusBar().showMessage(f"The learned pipeline is used for this folder ({self.description})", 6000)
        self._changed()

    def shutdown(self) -> None:
        """Cancel the training and wait for every thread (before the window goes)."""
        if self.job is not None:
            self.job.cancel()
        for thread in list(self.threads):
            thread.wait()
        self.threads.clear()
