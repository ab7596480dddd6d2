"""The base of the quote and entity lists: a Qt table model over one list of the open AnnotationDocument.

The models keep their own snapshot of the rows. The document emits its signals after it changed,
so a model that read the document's list directly would already report the new row count while the
views still expect the old one; with a snapshot, each change is announced before the model shows it.
A single quote added or removed (the usual undo step) becomes a row insertion or removal, so the
table keeps its selection and scroll position; anything bigger is a model reset. Here too: the row
diffing helpers, the cached sort keys and `sort_less`, which both lists' proxies sort by.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from quoteapp.gui.document import AnnotationDocument

#: a value of the cell that sorts as the user expects: ints, floats or strings, never mixed in one column
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

AnyIndex = QModelIndex | QPersistentModelIndex
_ID_NUMBER = re.compile(r"(\d+)$")


def id_number(item_id: str) -> int:
    """The number in an id ("Q10" -> 10) so that Q2 sorts before Q10; -1 when it has none."""
    match = _ID_NUMBER.search(item_id)
    return int(match.group(1)) if match else -1


# --- the shared base ---------------------------------------------------------------------------------


class DocumentTableModel(QAbstractTableModel):
    """A table over one list of the document (quotes or entities), kept as a snapshot of that list."""

    columns: Sequence[str] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.document: AnnotationDocument | None = None
        self._rows: list[Any] = []
        self._row_index: dict[str, int] = {}
        self._connections: list[tuple[Any, Callable[..., None]]] = []
        #: id -> (the row's object when computed, sort key per column): computed once per row change
        self._keys: dict[str, tuple[Any, list[Any]]] = {}

    # to be given by subclasses
    def _source_rows(self) -> list[Any]:
        raise NotImplementedError

    def _signals(self, document: AnnotationDocument) -> list[tuple[Any, Callable[..., None]]]:
        raise NotImplementedError

    def _reread(self) -> None:
        """Drop caches that depend on the document (called whenever the rows are re-read)."""

    def sort_value(self, item: Any, column: int) -> Any:
        raise NotImplementedError

    def tie_key(self, item: Any) -> Any:
        """What orders rows whose cells are equal (by default, the number in the id)."""
        return id_number(item.id)

    # --- the document ----------------------------------------------------------------------------------
    def set_document(self, document: AnnotationDocument | None) -> None:
        """Show `document` (None: an empty table), following its signals instead of the old one's."""
        for signal, slot in self._connections:
            with contextlib.suppress(RuntimeError, TypeError):  # the old document may be gone already
                signal.disconnect(slot)
        self._connections = []
        self.beginResetModel()
        self.document = document
        self._keys = {}
        self._reread()
        self._take(self._source_rows() if document is not None else [])
        self.endResetModel()
        if document is not None:
            self._connections = self._signals(document)
            for signal, slot in self._connections:
                signal.connect(slot)

    def _take(self, rows: list[Any]) -> None:
        self._rows = list(rows)
        self._row_index = {item.id: i for i, item in enumerate(self._rows)}

    def _sync_rows(self) -> None:
        """Bring the snapshot up to the document's list after it changed.

        One row added, removed or moved (the usual undo step) is announced as such; rows whose object
        was replaced are repainted, the others left alone; anything bigger is a model reset.
        """
        new = self._source_rows() if self.document is not None else []
        old_rows = self._rows
        old_ids = [item.id for item in old_rows]
        new_ids = [item.id for item in new]
        self._reread()
        if new_ids == old_ids:
            self._take(new)
            self._rows_changed([i for i, (a, b) in enumerate(zip(old_rows, new, strict=True)) if a is not b])
        elif len(new_ids) == len(old_ids) + 1 and (at := _one_extra(new_ids, old_ids)) >= 0:
            self.beginInsertRows(QModelIndex(), at, at)
            self._take(new)
            self.endInsertRows()
        elif len(new_ids) + 1 == len(old_ids) and (at := _one_extra(old_ids, new_ids)) >= 0:
            self.beginRemoveRows(QModelIndex(), at, at)
            self._take(new)
            self.endRemoveRows()
        elif (move := _one_moved(old_ids, new_ids)) is not None:
            source, target = move
            self.beginMoveRows(QModelIndex(), source, source, QModelIndex(), target + (target > source))
            self._take(new)
            self.endMoveRows()
            self._rows_changed([target])
        else:
            self.beginResetModel()
            self._keys = {}
            self._take(new)
            self.endResetModel()

    def _refresh_one(self, item_id: str, lookup: Callable[[str], Any]) -> None:
        """One item's fields changed: swap in its new object and repaint its row."""
        row = self._row_index.get(item_id, -1)
        item = lookup(item_id)
        if row < 0 or item is None:
            self._sync_rows()
            return
        self._rows[row] = item
        self._rows_changed([row])

    def _refresh_ids(self, item_ids: Any, first_column: int = 0, last_column: int | None = None) -> None:
        """Repaint the rows of these ids (their sort keys recomputed); ids without a row are skipped."""
        rows = []
        for item_id in item_ids:
            row = self._row_index.get(item_id, -1)
            if row >= 0:
                self._keys.pop(item_id, None)
                rows.append(row)
        self._rows_changed(rows, first_column, last_column)

    def _rows_changed(self, rows: list[int], first_column: int = 0, last_column: int | None = None) -> None:
        """dataChanged for these rows only, runs of neighbouring rows as one range."""
        last = self.columnCount() - 1 if last_column is None else last_column
        rows = sorted(rows)
        start = 0
        for i in range(1, len(rows) + 1):
            if i == len(rows) or rows[i] != rows[i - 1] + 1:
                self.dataChanged.emit(self.index(rows[start], first_column), self.index(rows[i - 1], last))
                start = i

    def sort_key(self, row: int, column: int) -> tuple[Any, Any]:
        """(the cell's sort value, the tie key) of a source row, computed once per change of the row."""
        item = self._rows[row]
        cached = self._keys.get(item.id)
        if cached is None or cached[0] is not item:
            cached = (item, [None] * len(self.columns))
            self._keys[item.id] = cached
        keys = cached[1]
        if keys[column] is None:
            keys[column] = (self.sort_value(item, column), self.tie_key(item))
        return keys[column]

    # --- rows ------------------------------------------------------------------------------------------
    def row_of(self, item_id: str) -> int:
        """The source row showing this id, -1 when there is none."""
        return self._row_index.get(item_id, -1)

    def id_at(self, row: int) -> str | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    # --- QAbstractTableModel ---------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section] if 0 <= section < len(self.columns) else None
        return section + 1


def _one_moved(old: list[str], new: list[str]) -> tuple[int, int] | None:
    """(old row, new row) when `new` is `old` with one id moved elsewhere; None otherwise."""
    if len(old) != len(new) or old == new:
        return None
    first = next(i for i, (a, b) in enumerate(zip(old, new, strict=True)) if a != b)
    last = len(old) - next(i for i, (a, b) in enumerate(zip(reversed(old), reversed(new), strict=True)) if a != b)
    if old[first + 1 : last] == new[first : last - 1]:  # the first differing one moved down to `last - 1`
        return first, last - 1
    if old[first : last - 1] == new[first + 1 : last]:  # the last differing one moved up to `first`
        return last - 1, first
    return None


def sort_less(model: Any, left: AnyIndex, right: AnyIndex) -> bool:
    """Compare two cells by their cached sort keys (values of one type per column; ties: the tie key)."""
    if not isinstance(model, DocumentTableModel):
        return False
    a, b = model.sort_key(left.row(), left.column()), model.sort_key(right.row(), right.column())
    try:
        return a < b
    except TypeError:  # never expected: one column gives one type
        return str(a) < str(b)


def _one_extra(longer: list[str], shorter: list[str]) -> int:
    """Where `longer` has one id more than `shorter`, all else in the same order; -1 otherwise."""
    at = next((i for i, (a, b) in enumerate(zip(longer, shorter, strict=False)) if a != b), len(shorter))
    return at if longer[:at] + longer[at + 1 :] == shorter else -1
