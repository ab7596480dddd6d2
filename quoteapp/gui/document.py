"""The open article in the editor: its Annotation, where it lives on disk, and its undo stack.

Undo commands change the annotation only through `put_quote`, `drop_quote`, `put_entity` and
`drop_entity`, which emit the signals the views listen to; nothing else writes to it.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from quoteapp.model import Annotation, Entity, Quote

ANNOTATION_SUFFIX = ".quotes.json"


def annotation_path_for(article: Path) -> Path:
    """`story.txt` -> `story.quotes.json`, next to the article."""
    return article.with_name(article.stem + ANNOTATION_SUFFIX)


class AnnotationDocument(QObject):
    """One article being corrected."""

    quotes_reset = Signal()  # quotes added, removed or reordered
    quote_changed = Signal(str)  # one quote's fields changed (its id)
    entities_reset = Signal()
    entity_changed = Signal(str)

    def __init__(self, annotation: Annotation, *, article_path: Path | None = None,
                 save_path: Path | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.annotation = annotation
        self.article_path = article_path
        self.save_path = save_path or (annotation_path_for(article_path) if article_path else None)
        self.undo_stack = QUndoStack(self)

    # --- reading -------------------------------------------------------------------------------
    @property
    def text(self) -> str:
        return self.annotation.document.text

    @property
    def quotes(self) -> list[Quote]:
        return self.annotation.quotes

    @property
    def entities(self) -> list[Entity]:
        return self.annotation.entities

    def quote(self, quote_id: str) -> Quote | None:
        return self.annotation.quote(quote_id)

    def entity(self, entity_id: str) -> Entity | None:
        return self.annotation.entity(entity_id)

    def quote_row(self, quote_id: str) -> int:
        return next((i for i, q in enumerate(self.quotes) if q.id == quote_id), -1)

    def entity_row(self, entity_id: str) -> int:
        return next((i for i, e in enumerate(self.entities) if e.id == entity_id), -1)

    def quote_count(self, entity_id: str) -> int:
        """How many quotes (rejected ones left out) this entity speaks or passes on."""
        return sum(
            1 for q in self.quotes if q.status != "rejected" and (
                (q.speaker is not None and q.speaker.entity == entity_id)
                or any(i.entity == entity_id for i in q.intermediaries))
        )

    def status_counts(self) -> dict[str, int]:
        counts = {"auto": 0, "accepted": 0, "corrected": 0, "added": 0, "rejected": 0}
        for q in self.quotes:
            counts[q.status] = counts.get(q.status, 0) + 1
        return counts

    # --- the four primitives the undo commands use ------------------------------------------------
    def put_quote(self, quote: Quote, row: int | None = None) -> None:
        """Replace the quote with the same id, or insert it at `row` (the end when None)."""
        at = self.quote_row(quote.id)
        if at >= 0:
            self.quotes[at] = quote
            self.quote_changed.emit(quote.id)
            return
        self.quotes.insert(len(self.quotes) if row is None else row, quote)
        self.quotes_reset.emit()

    def drop_quote(self, quote_id: str) -> tuple[int, Quote]:
        at = self.quote_row(quote_id)
        quote = self.quotes.pop(at)
        self.quotes_reset.emit()
        return at, quote

    def put_entity(self, entity: Entity, row: int | None = None) -> None:
        at = self.entity_row(entity.id)
        if at >= 0:
            self.entities[at] = entity
            self.entity_changed.emit(entity.id)
            return
        self.entities.insert(len(self.entities) if row is None else row, entity)
        self.entities_reset.emit()

    def replace_content(self, quotes: list[Quote], entities: list[Entity]) -> None:
        """All quotes and entities at once: a re-analysis or a re-anchoring."""
        self.annotation.quotes = quotes
        self.annotation.entities = entities
        self.entities_reset.emit()
        self.quotes_reset.emit()

    def drop_entity(self, entity_id: str) -> tuple[int, Entity]:
        at = self.entity_row(entity_id)
        entity = self.entities.pop(at)
        self.entities_reset.emit()
        return at, entity
