"""Analysing the open article in the editor: the language model loading in the background, the
analysis job with its progress and cancel, and how its result meets the editor's work (the first
analysis merged into edits made meanwhile; a re-analysis replacing only quotes no editor touched).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from quoteapp.corpus.registry import apply_registry
from quoteapp.gui import commands as C
from quoteapp.gui import dialogs
from quoteapp.gui.document import AnnotationDocument
from quoteapp.gui.workers import AnalysisJob, run_in_background
from quoteapp.model import Annotation
from quoteapp.model.reanchor import merge_reanalysis

if TYPE_CHECKING:
    from quoteapp.gui.main_window import MainWindow


class Analysis:
    """The window's language model and its analysis job (at most one at a time)."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        self.extractor: object | None = None
        self.model_label = "loading the language model…"
        self.job: AnalysisJob | None = None
        self.pending: AnnotationDocument | None = None  # an article waiting for the model
        self.stopping: set[AnalysisJob] = set()  # cancelled jobs whose threads have not ended yet
        #: an analysis asked for while a cancelled one still parses: started when that one ends, so
        #: that two threads never run the one pipeline at once
        self.queued: Callable[[], None] | None = None

    def model_loaded(self, extractor: object, label: str) -> None:
        self.extractor, self.model_label = extractor, label
        self.pipeline_ready()

    def pipeline_ready(self) -> None:
        """A pipeline is loaded or chosen (the default, or the folder's learned one: `learning`): the
        status bar names it, and the article waiting for it is analysed."""
        self.w._update_status()
        pending, self.pending = self.pending, None
        if pending is not None and pending is self.w.document:  # still the article open
            self.analyse_new()

    def model_failed(self, message: str) -> None:
        self.model_label = "no language model"
        self.w._update_status()
        dialogs.error(self.w, "The language model could not be loaded", message)

    def current(self) -> object | None:
        """The extractor for the open article: its folder's learned pipeline when in use, else the default."""
        return self.w.learning.pipeline_for(self.w.document, self.extractor)

    def analyse_new(self) -> None:
        """Analyse the article just opened (when the model is loaded; else once it is, if still open)."""
        if self.w.document is None:
            return
        if self.current() is None:
            self.pending = self.w.document
            self.w.statusBar().showMessage("The article will be analysed when the language model is loaded…")
            return
        document = self.w.document
        self.start(lambda annotation: self.w.document is document and self.first_analysis_done(annotation))

    def start(self, on_done: Callable[[Annotation], None]) -> None:
        """Analyse the open article off the GUI thread; `on_done` gets the result unless the job was
        cancelled or replaced by another one meanwhile."""
        assert self.w.document is not None and self.current() is not None
        self._let_go()
        if self.stopping:  # a cancelled job still parses: this one starts when it ends
            self.queued = lambda: self.w.document is not None and self.start(on_done)
            return
        document = self.w.document.annotation.document
        job = AnalysisJob(
            self.current(),
            document.text,
            document.id,
            path=self.w.document.article_path,
            title=document.title,
            parent=self.w,
        )
        job.progress.connect(lambda percent: self.job is job and self.w.progress.setValue(percent))
        job.finished_ok.connect(lambda annotation: self.job is job and on_done(annotation))
        job.failed.connect(lambda message: self.job is job and dialogs.error(self.w, "Analysis failed", message))
        job.finished.connect(lambda: self._finished(job))
        self.job = job
        self.w.statusBar().showMessage("Analysing…  (Esc cancels)")
        self.w.progress.setValue(0)
        self.w.progress.show()
        self.w._update_actions()
        job.start()

    def cancel(self) -> None:
        """Stop the analysis now, as far as the editor sees: the window is free at once, and the
        worker, which looks at its cancel flag between pieces of text, ends in the background."""
        if self.job is not None:
            self._let_go()
            self.w.statusBar().showMessage("Analysis cancelled", 5000)

    def _let_go(self) -> None:
        """Cancel the running job and forget it; it is kept alive until its thread ends (a running
        QThread must not be destroyed)."""
        job, self.job = self.job, None
        if job is None:
            return
        job.cancel()
        self.stopping.add(job)
        self._ended()

    def _finished(self, job: AnalysisJob) -> None:
        self.stopping.discard(job)
        if self.job is job:
            self.job = None
            self._ended()
        if not self.stopping and self.queued is not None:
            queued, self.queued = self.queued, None
            queued()

    def forget(self) -> None:
        """Another article is opened: its analysis, running or waiting, is no longer wanted."""
        self.pending = self.queued = None
        self._let_go()

    def _ended(self) -> None:
        self.w.statusBar().clearMessage()
        self.w.progress.hide()
        self.w._update_actions()

    def wait(self) -> None:
        """Cancel every job and wait for their threads (before the window goes)."""
        self.queued = None
        self._let_go()
        for job in list(self.stopping):
            job.wait()
        self.stopping.clear()

    def first_analysis_done(self, annotation: Annotation) -> None:
        """Put the first analysis into the open document. Untouched, the document simply takes it;
        edited while the analysis ran, it takes it as one undoable step that keeps every edit."""
        document = self.w.document
        if document is None or annotation.document.text != document.text:
            return  # another article was opened meanwhile
        self._merge_in(document, annotation, "Analysis", first=True)
        if self.w.current_quote_id() is None and document.quotes:
            self.w.select_row(0)
        self.w.folders.refresh_open_item()
        if self.w.folders.folder_files:
            self.w.folders.link()

    def reanalyse(self) -> None:
        """Find the quotes again; only quotes no editor touched are replaced (one undoable step)."""
        if self.w.document is None:
            return
        if self.current() is None:
            self.w.statusBar().showMessage("The language model is still loading…", 4000)
            return
        document = self.w.document
        self.start(lambda fresh: self.w.document is document and self._merge_in(document, fresh, "Re-analyse"))

    def _merge_in(self, document: AnnotationDocument, fresh: Annotation, step: str, *, first: bool = False) -> None:
        """Merge an analysis into the document off the GUI thread (the folder's names applied first,
        on a first analysis); an untouched document takes a first analysis without an undo step."""
        registry = self.w.folders.registry if first and self.w.folders.folder is not None else None
        untouched = first and document.undo_stack.count() == 0 and not document.quotes
        edited = None if untouched else document.annotation

        def prepare(_progress: Callable[[float], None]) -> Annotation:
            named = registry is not None and registry.identities
            result = apply_registry(fresh, registry) if named else fresh
            return result if edited is None else merge_reanalysis(edited, result)

        ready = run_in_background(self.w, "Putting the analysis in…", prepare)
        document.annotation.generator = ready.generator
        if untouched:
            document.replace_content(ready.quotes, ready.entities)
        else:
            document.undo_stack.push(C.ReplaceContent(document, ready.quotes, ready.entities, step))
