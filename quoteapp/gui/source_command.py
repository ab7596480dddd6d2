"""Marking the open article as a primary source (a transcript, a statement, a press release), as an
undo step: the mark lives in the article's attribution file (`quoteapp.model.statements` reads and
writes it), so the title's star and the save prompt know of it, and undo takes it back.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from quoteapp.gui.document import AnnotationDocument
from quoteapp.model import Annotation
from quoteapp.model.statements import is_primary_source, mark_primary_source


def is_source(annotation: Annotation) -> bool:
    """Whether the article is marked as a primary source."""
    return is_primary_source(annotation)


class MarkPrimarySource(QUndoCommand):
    """Set the article's primary-source mark; `changed` runs after each redo and undo (the window
    updates its check mark and groups the statements again). The document has no signal for its
    own fields, only for quotes and entities: hence the callback."""

    def __init__(self, document: AnnotationDocument, source: bool, changed: Callable[[], None]) -> None:
        super().__init__("Mark as Primary Source" if source else "Unmark as Primary Source")
        self.document, self.source, self.changed = document, source, changed
        self.before = is_source(document.annotation)

    def redo(self) -> None:
        mark_primary_source(self.document.annotation, self.source)
        self.changed()

    def undo(self) -> None:
        mark_primary_source(self.document.annotation, self.before)
        self.changed()
