"""The entity panel: a table model over the document's entities and the proxy that sorts and filters it.

The same model feeds the speaker picker: column Name gives the name for DisplayRole and EditRole
(QCompleter completes on EditRole, QComboBox shows DisplayRole), so a picker only needs
`setModel(model)` and `setModelColumn(COL_NAME)` / `setCompletionColumn(COL_NAME)`.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QSortFilterProxyModel, Qt
from PySide6.QtGui import QGuiApplication

from quoteapp.gui.document import AnnotationDocument
from quoteapp.gui.palette import is_dark, speaker_colour
from quoteapp.gui.table_model import SORT_ROLE, AnyIndex, DocumentTableModel, sort_less
from quoteapp.model import Entity

ENTITY_ID_ROLE = Qt.ItemDataRole.UserRole + 1
COLUMNS = ("Kind", "Name", "Aliases", "Quotes")
COL_KIND, COL_NAME, COL_ALIASES, COL_QUOTES = range(4)

__all__ = [
    "COLUMNS",
    "COL_ALIASES",
    "COL_KIND",
    "COL_NAME",
    "COL_QUOTES",
    "ENTITY_ID_ROLE",
    "SORT_ROLE",
    "EntityFilterProxy",
    "EntityTableModel",
]


def _dark() -> bool:
    return is_dark(QGuiApplication.palette())


class EntityTableModel(DocumentTableModel):
    """One row per entity of the document, with the number of quotes it speaks or passes on."""

    columns = COLUMNS

    def _source_rows(self) -> list[Entity]:
        assert self.document is not None
        return list(self.document.entities)

    def _signals(self, document: AnnotationDocument) -> list[tuple[Any, Callable[..., None]]]:
        return [
            (document.entities_reset, self._sync_rows),
            (document.entity_changed, self._entity_changed),
            (document.counts_changed, self._counts_changed),
        ]

    def _entity_changed(self, entity_id: str) -> None:
        assert self.document is not None
        self._refresh_one(entity_id, self.document.entity)

    def _counts_changed(self, entity_ids: frozenset[str]) -> None:
        """The document recounted these entities: repaint their Quotes cells (and re-sort those rows only)."""
        self._refresh_ids(entity_ids, COL_QUOTES, COL_QUOTES)

    # --- reading ---------------------------------------------------------------------------------------
    def entity_at(self, row: int) -> Entity | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def quote_count(self, entity_id: str) -> int:
        """The document's count (kept by the document as quotes change: no scan)."""
        return self.document.quote_count(entity_id) if self.document is not None else 0

    def display(self, entity: Entity, column: int) -> str:
        if column == COL_KIND:
            return entity.kind
        if column == COL_NAME:
            return entity.name
        if column == COL_ALIASES:
            return ", ".join(entity.aliases)
        if column == COL_QUOTES:
            return str(self.quote_count(entity.id))
        return ""

    def sort_value(self, entity: Entity, column: int) -> int | str:
        if column == COL_QUOTES:
            return self.quote_count(entity.id)
        return self.display(entity, column).casefold()

    def tooltip(self, entity: Entity) -> str:
        lines = [f"<b>{html.escape(entity.name)}</b> ({html.escape(entity.kind)}, {html.escape(entity.id)})"]
        if entity.description:
            lines.append(html.escape(entity.description))
        if entity.aliases:
            lines.append("Also: " + html.escape(", ".join(entity.aliases)))
        count = self.quote_count(entity.id)
        lines.append(
            f"{count} quote{'' if count == 1 else 's'}, {len(entity.mentions)} mention"
            f"{'' if len(entity.mentions) == 1 else 's'}"
        )
        return "<qt>" + "<br>".join(lines) + "</qt>"

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        entity = self.entity_at(index.row())
        column = index.column()
        if entity is None or not 0 <= column < len(self.columns):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.display(entity, column)
        if role == ENTITY_ID_ROLE:
            return entity.id
        if role == SORT_ROLE:
            return self.sort_value(entity, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(entity)
        if role == Qt.ItemDataRole.DecorationRole and column == COL_NAME:
            return speaker_colour(self.document.colour_key(entity.id) if self.document else entity.id, _dark())
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_QUOTES:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


class EntityFilterProxy(QSortFilterProxyModel):
    """Sorting by SORT_ROLE; the filter keeps entities whose name, aliases or kind hold every word typed."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._words: list[str] = []
        self._filter_text = ""
        self.setSortRole(SORT_ROLE)

    def filter_text(self) -> str:
        return self._filter_text

    def set_filter_text(self, text: str) -> None:
        words = text.casefold().split()
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            self._filter_text, self._words = text, words
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            self._filter_text, self._words = text, words
            self.invalidateRowsFilter()

    def entity_id_at(self, proxy_row: int) -> str | None:
        source = self.mapToSource(self.index(proxy_row, 0))
        model = self.sourceModel()
        return model.id_at(source.row()) if source.isValid() and isinstance(model, DocumentTableModel) else None

    def proxy_row_of(self, entity_id: str) -> int:
        """Where this entity is shown, -1 when it is filtered out or unknown."""
        model = self.sourceModel()
        row = model.row_of(entity_id) if isinstance(model, DocumentTableModel) else -1
        return self.mapFromSource(model.index(row, 0)).row() if row >= 0 else -1

    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not self._words or not isinstance(model, EntityTableModel):
            return True
        entity = model.entity_at(source_row)
        if entity is None:
            return False
        haystack = "\n".join([entity.kind, entity.name, *entity.aliases]).casefold()
        return all(word in haystack for word in self._words)

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        """The model's cached sort keys (SORT_ROLE values, ties by the entity number): a stable order."""
        return sort_less(self.sourceModel(), left, right)
