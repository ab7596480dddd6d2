"""Opening one article of a corpus: what there is on disk for it, as plain data.

`open_article(path)` reads the article and looks for its saved annotation and for a newer autosave
copy; it returns what it found without deciding anything, so that the editor only asks the user
(restore the copy? re-anchor or re-analyse a changed article? start afresh from an unreadable
file?) and shows the result. The same functions serve any other front end, and the tests, without Qt.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from quoteapp.corpus.locations import annotation_path_for, backup_path_for
from quoteapp.corpus.recovery import newer_recovery
from quoteapp.formats.articles import Article, read_article
from quoteapp.formats.attribution import read_annotation, write_annotation
from quoteapp.formats.errors import FormatError
from quoteapp.model import Annotation, Document, text_sha256
from quoteapp.model.reanchor import reanchor

SAVED, RECOVERED, CHANGED, UNREADABLE, FRESH = "saved", "recovered", "changed", "unreadable", "fresh"


@dataclass
class ArticleOnDisk:
    """An article and what the folder holds for it.

    `saved` is its saved annotation (None when there is none or it cannot be read; then
    `saved_problem` says why); `recovery` a newer autosave copy of unsaved work, not read yet.
    """

    article: Article
    save_path: Path
    saved: Annotation | None = None
    saved_problem: str | None = None
    recovery: Path | None = None

    @property
    def state(self) -> str:
        """What the editor has to offer: recovered work first, then the saved annotation as it stands."""
        if self.recovery is not None:
            return RECOVERED
        if self.saved_problem is not None:
            return UNREADABLE
        if self.saved is None:
            return FRESH
        return CHANGED if self.saved.document.sha256 != text_sha256(self.article.text) else SAVED

    def fresh(self) -> Annotation:
        """An empty annotation of the article, to be analysed."""
        a = self.article
        return Annotation(Document(id=a.id, text=a.text, path=a.path.name, title=a.title))


def open_article(path: Path) -> ArticleOnDisk:
    """Read the article (FormatError when it cannot be read) and find what the folder holds for it."""
    article = read_article(path)
    save_path = annotation_path_for(path)
    found = ArticleOnDisk(article, save_path, recovery=newer_recovery(save_path))
    if save_path.exists():
        try:
            found.saved = read_annotation(save_path)
        except FormatError as err:
            found.saved_problem = str(err)
    return found


@dataclass
class CarriedOver:
    """A saved annotation carried over to its article's new text."""

    annotation: Annotation
    changed: list[str]  # ids of the quotes whose words changed or vanished (flagged "unplaced")
    backup: Path  # where the annotation as it was is kept


def carry_over(found: ArticleOnDisk, progress: Callable[[float], None] | None = None) -> CarriedOver:
    """Keep the saved annotation as a backup beside it, then re-anchor it to the article's new text."""
    assert found.saved is not None
    backup = backup_path_for(found.save_path)
    write_annotation(found.saved, backup)
    moved, changed = reanchor(found.saved, found.article.text, progress=progress)
    return CarriedOver(moved, changed, backup)
