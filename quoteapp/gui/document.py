"""The open article in the editor: its Annotation, where it lives on disk, and its undo stack.

Undo commands change the annotation only through `put_quote`, `drop_quote`, `put_entity`,
`drop_entity` and `replace_content`, which emit the signals the views listen to; nothing else writes
to it. Those primitives also keep the document's indexes (id -> row, quotes per entity, quotes per
status) up to date, so that an edit costs what it touches, not the size of the article.

Quotes are kept in reading order: by `(start, -end)`, an outer quote before the quotes nested at its
start. A new quote is inserted at its place, and an edit that moves a quote's start moves its row.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from quoteapp.corpus.locations import annotation_path_for
from quoteapp.model import STATUSES, Annotation, Entity, Quote
from quoteapp.model.queries import named_entities


def reading_position(quote: Quote) -> tuple[int, int]:
    """The key of reading order: where the quote starts, the longer of two quotes starting together first."""
    return quote.start, -quote.end


class AnnotationDocument(QObject):
    """One article being corrected."""

    quotes_reset = Signal()  # quotes added, removed or reordered
    quote_changed = Signal(str)  # one quote's fields changed (its id)
    entities_reset = Signal()
    entity_changed = Signal(str)
    #: the entity ids whose `quote_count` changed (a frozenset), after the quote signals
    counts_changed = Signal(object)

    def __init__(
        self,
        annotation: Annotation,
        *,
        article_path: Path | None = None,
        save_path: Path | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.annotation = annotation
        self.article_path = article_path
        self.save_path = save_path or (annotation_path_for(article_path) if article_path else None)
        self.undo_stack = QUndoStack(self)
        self._quote_rows: dict[str, int] = {}
        self._entity_rows: dict[str, int] = {}
        self._users: defaultdict[str, set[str]] = defaultdict(set)  # entity id -> ids of quotes naming it
        self._counts: Counter[str] = Counter()  # entity id -> quotes naming it, rejected ones left out
        self._statuses: Counter[str] = Counter()
        #: entity id -> the key its colour comes from: its corpus identity when a folder's registry
        #: knows it, so a speaker keeps one colour from article to article (set by the window)
        self.colour_keys: dict[str, str] = {}
        self._index_all()

    def colour_key(self, entity_id: str | None) -> str | None:
        """What the palette colours this entity by: its corpus identity, else its own id."""
        return None if entity_id is None else self.colour_keys.get(entity_id, entity_id)

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
        row = self._quote_rows.get(quote_id, -1)
        return self.quotes[row] if row >= 0 else None

    def entity(self, entity_id: str) -> Entity | None:
        row = self._entity_rows.get(entity_id, -1)
        return self.entities[row] if row >= 0 else None

    def quote_row(self, quote_id: str) -> int:
        return self._quote_rows.get(quote_id, -1)

    def entity_row(self, entity_id: str) -> int:
        return self._entity_rows.get(entity_id, -1)

    def quote_count(self, entity_id: str) -> int:
        """How many quotes (rejected ones left out) this entity speaks or passes on."""
        return self._counts.get(entity_id, 0)

    def quotes_naming(self, entity_id: str) -> list[str]:
        """Ids of the quotes (rejected ones too) whose speaker or an intermediary is this entity."""
        return sorted(self._users.get(entity_id, ()), key=self._quote_rows.__getitem__)

    def status_counts(self) -> dict[str, int]:
        counts = dict.fromkeys(STATUSES, 0)
        counts.update(+self._statuses)
        return counts

    # --- the primitives the undo commands use ------------------------------------------------------
    def put_quote(self, quote: Quote, row: int | None = None) -> None:
        """Replace the quote with the same id, or insert it at its place in reading order.

        `row` (where an undone deletion had it) is kept when it is a place in reading order, so two
        quotes at the same position come back in the order they had.
        """
        at = self._quote_rows.get(quote.id, -1)
        if at >= 0:
            old = self.quotes[at]
            changed = self._unindex_quote(old) ^ self._index_quote(quote)  # counted by both: unchanged
            self.quotes[at] = quote
            if self._in_order(at):
                self.quote_changed.emit(quote.id)
            else:
                del self.quotes[at]
                to = self._insertion_row(quote, None)
                self.quotes.insert(to, quote)
                self._renumber_quotes(min(at, to), max(at, to) + 1)
                self.quotes_reset.emit()
            self._announce_counts(changed)
            return
        at = self._insertion_row(quote, row)
        self.quotes.insert(at, quote)
        self._renumber_quotes(at, len(self.quotes))
        changed = self._index_quote(quote)
        self.quotes_reset.emit()
        self._announce_counts(changed)

    def drop_quote(self, quote_id: str) -> tuple[int, Quote]:
        at = self._quote_rows[quote_id]
        quote = self.quotes.pop(at)
        del self._quote_rows[quote_id]
        self._renumber_quotes(at, len(self.quotes))
        changed = self._unindex_quote(quote)
        self.quotes_reset.emit()
        self._announce_counts(changed)
        return at, quote

    def put_entity(self, entity: Entity, row: int | None = None) -> None:
        at = self.entity_row(entity.id)
        if at >= 0:
            self.entities[at] = entity
            self.entity_changed.emit(entity.id)
            return
        at = len(self.entities) if row is None else max(0, min(row, len(self.entities)))
        self.entities.insert(at, entity)
        self._renumber_entities(at)
        self.entities_reset.emit()

    def drop_entity(self, entity_id: str) -> tuple[int, Entity]:
        at = self._entity_rows.pop(entity_id)
        entity = self.entities.pop(at)
        self._renumber_entities(at)
        self.entities_reset.emit()
        return at, entity

    def replace_content(self, quotes: list[Quote], entities: list[Entity]) -> None:
        """All quotes and entities at once: a re-analysis or a re-anchoring. The entity list re-reads
        every row (counts included) on `entities_reset`, so no count change is announced on top."""
        self.annotation.quotes = quotes
        self.annotation.entities = entities
        self._index_all()
        self.entities_reset.emit()
        self.quotes_reset.emit()

    # --- the indexes ---------------------------------------------------------------------------
    def _index_all(self) -> None:
        """Put the quotes in reading order (a stable sort: ties keep their order) and index everything."""
        self.quotes.sort(key=reading_position)
        self._quote_rows = {q.id: i for i, q in enumerate(self.quotes)}
        self._renumber_entities(0)
        self._users, self._counts, self._statuses = defaultdict(set), Counter(), Counter()
        for quote in self.quotes:
            self._index_quote(quote)

    def _index_quote(self, quote: Quote) -> set[str]:
        """Count `quote` in; the entities whose count changed."""
        self._statuses[quote.status] += 1
        named = named_entities(quote)
        for entity_id in named:
            self._users[entity_id].add(quote.id)
            if quote.status != "rejected":
                self._counts[entity_id] += 1
        return named if quote.status != "rejected" else set()

    def _unindex_quote(self, quote: Quote) -> set[str]:
        """Count `quote` out; the entities whose count changed."""
        self._statuses[quote.status] -= 1
        named = named_entities(quote)
        for entity_id in named:
            self._users[entity_id].discard(quote.id)
            if not self._users[entity_id]:
                del self._users[entity_id]
            if quote.status != "rejected":
                self._counts[entity_id] -= 1
                if not self._counts[entity_id]:
                    del self._counts[entity_id]
        return named if quote.status != "rejected" else set()

    def _announce_counts(self, entity_ids: set[str]) -> None:
        if entity_ids:
            self.counts_changed.emit(frozenset(entity_ids))

    def _renumber_quotes(self, start: int, stop: int) -> None:
        for i in range(start, stop):
            self._quote_rows[self.quotes[i].id] = i

    def _renumber_entities(self, start: int) -> None:
        if start == 0:
            self._entity_rows = {}
        for i in range(start, len(self.entities)):
            self._entity_rows[self.entities[i].id] = i

    def _in_order(self, row: int) -> bool:
        """Whether the quote at `row` stands in reading order among its neighbours."""
        key = reading_position(self.quotes[row])
        return (row == 0 or reading_position(self.quotes[row - 1]) <= key) and (
            row + 1 == len(self.quotes) or key <= reading_position(self.quotes[row + 1])
        )

    def _insertion_row(self, quote: Quote, hint: int | None) -> int:
        """Where `quote` goes in reading order: `hint` if that is such a place, else after its equals."""
        key = reading_position(quote)
        low = bisect_left(self.quotes, key, key=reading_position)
        high = bisect_right(self.quotes, key, lo=low, key=reading_position)
        return hint if hint is not None and low <= hint <= high else high
