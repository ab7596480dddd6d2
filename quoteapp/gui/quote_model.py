"""The quote list: a table model over the open AnnotationDocument and the proxy behind the filter box.

The models keep their own snapshot of the rows. The document emits its signals after it changed,
so a model that read the document's list directly would already report the new row count while the
views still expect the old one; with a snapshot, each change is announced before the model shows it.
A single quote added or removed (the usual undo step) becomes a row insertion or removal, so the
table keeps its selection and scroll position; anything bigger is a model reset.
"""

from __future__ import annotations

import contextlib
import html
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from quoteapp.gui.document import AnnotationDocument
from quoteapp.gui.palette import is_dark, speaker_colour
from quoteapp.model import STATUSES, Entity, Quote
from quoteapp.model.reanchor import UNPLACED, quote_flags

QUOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: a value of the cell that sorts as the user expects: ints, floats or strings, never mixed in one column
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("#", "Type", "Speaker", "Intermediaries", "Cue", "Status", "Confidence", "Quote")
COL_ID, COL_TYPE, COL_SPEAKER, COL_INTERMEDIARIES, COL_CUE, COL_STATUS, COL_CONFIDENCE, COL_QUOTE = range(8)

NO_SPEAKER = "—"
#: the Status cell's mark of a quote re-anchoring could not place (the UNPLACED flag), and its tool tip
UNPLACED_MARK = "⚠ moved"
UNPLACED_TIP = "the article changed and this quote's words did not come through as they were: check its segments"
ARROW = " → "
GAP = " … "
OPENING_CHARS = 80

AnyIndex = QModelIndex | QPersistentModelIndex
_ID_NUMBER = re.compile(r"(\d+)$")
_SPACES = re.compile(r"\s+")
# characters that glue to the one before them: a cut just before one would split a visible character
_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}


# --- text helpers (plain functions so the proxy and the tests share them) ------------------------------

def id_number(item_id: str) -> int:
    """The number in an id ("Q10" -> 10) so that Q2 sorts before Q10; -1 when it has none."""
    match = _ID_NUMBER.search(item_id)
    return int(match.group(1)) if match else -1


def one_line(text: str) -> str:
    """Runs of spaces and line breaks as one space: a table cell shows one line."""
    return _SPACES.sub(" ", text).strip()


def clip(text: str, limit: int = OPENING_CHARS) -> str:
    """`text` cut to about `limit` code points at a word boundary, with "…" when cut.

    Python strings count code points, so an emoji is never split into half a surrogate pair; the cut
    also steps back over zero-width joiners and variation selectors so an emoji sequence stays whole.
    """
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    if cut < limit * 2 // 3:
        cut = limit
        while cut > 1 and (text[cut] in _JOINERS or text[cut - 1] in _JOINERS or _is_mark(text[cut])):
            cut -= 1
    return text[:cut].rstrip() + "…"


def _is_mark(char: str) -> bool:
    return unicodedata.category(char).startswith("M") or 0x1F3FB <= ord(char) <= 0x1F3FF  # skin tones


def quote_content(quote: Quote) -> str:
    """The whole content, segments joined by " … " as a split quote reads."""
    return GAP.join(one_line(s.text) for s in quote.segments)


def quote_opening(quote: Quote) -> str:
    """The opening words for the table: the content clipped to about 80 characters."""
    return clip(quote_content(quote))


def _dark() -> bool:
    return is_dark(QGuiApplication.palette())


def _greyed() -> QColor:
    return QGuiApplication.palette().color(QPalette.ColorGroup.Active, QPalette.ColorRole.PlaceholderText)


def _italic() -> QFont:
    font = QFont()
    font.setItalic(True)
    return font


# --- the shared base ---------------------------------------------------------------------------------

class DocumentTableModel(QAbstractTableModel):
    """A table over one list of the document (quotes or entities), kept as a snapshot of that list."""

    columns: Sequence[str] = ()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.doc: AnnotationDocument | None = None
        self._rows: list[Any] = []
        self._row_index: dict[str, int] = {}
        self._connections: list[tuple[Any, Callable[..., None]]] = []
        #: id -> (the row's object when computed, sort key per column): computed once per row change
        self._keys: dict[str, tuple[Any, list[Any]]] = {}

    # to be given by subclasses
    def _source_rows(self) -> list[Any]:
        raise NotImplementedError

    def _signals(self, doc: AnnotationDocument) -> list[tuple[Any, Callable[..., None]]]:
        raise NotImplementedError

    def _reread(self) -> None:
        """Drop caches that depend on the document (called whenever the rows are re-read)."""

    def sort_value(self, item: Any, column: int) -> Any:
        raise NotImplementedError

    def tie_key(self, item: Any) -> Any:
        """What orders rows whose cells are equal (by default, the number in the id)."""
        return id_number(item.id)

    # --- the document ----------------------------------------------------------------------------------
    def set_document(self, doc: AnnotationDocument | None) -> None:
        """Show `doc` (None: an empty table), following its signals instead of the old one's."""
        for signal, slot in self._connections:
            with contextlib.suppress(RuntimeError, TypeError):  # the old document may be gone already
                signal.disconnect(slot)
        self._connections = []
        self.beginResetModel()
        self.doc = doc
        self._keys = {}
        self._reread()
        self._take(self._source_rows() if doc is not None else [])
        self.endResetModel()
        if doc is not None:
            self._connections = self._signals(doc)
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
        new = self._source_rows() if self.doc is not None else []
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

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
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
    if old[first + 1:last] == new[first:last - 1]:  # the first differing one moved down to `last - 1`
        return first, last - 1
    if old[first:last - 1] == new[first + 1:last]:  # the last differing one moved up to `first`
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
    return at if longer[:at] + longer[at + 1:] == shorter else -1


# --- quotes ------------------------------------------------------------------------------------------

class QuoteTableModel(DocumentTableModel):
    """One row per quote of the document, in the document's order (the proxy sorts)."""

    columns = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entities: dict[str, Entity] = {}

    def _source_rows(self) -> list[Quote]:
        assert self.doc is not None
        return list(self.doc.quotes)

    def _signals(self, doc: AnnotationDocument) -> list[tuple[Any, Callable[..., None]]]:
        return [(doc.quotes_reset, self._sync_rows), (doc.quote_changed, self._quote_changed),
                (doc.entities_reset, self._entities_reset), (doc.entity_changed, self._entity_changed)]

    def _reread(self) -> None:
        self._entities = {e.id: e for e in self.doc.entities} if self.doc is not None else {}

    def _quote_changed(self, quote_id: str) -> None:
        assert self.doc is not None
        self._refresh_one(quote_id, self.doc.quote)

    def _entity_changed(self, entity_id: str) -> None:
        """A name changed: repaint the rows of the quotes naming this entity, and only those."""
        assert self.doc is not None
        entity = self.doc.entity(entity_id)
        if entity is None:
            self._entities_reset()
            return
        self._entities[entity_id] = entity
        self._refresh_ids(self.doc.quotes_naming(entity_id))

    def _entities_reset(self) -> None:
        """Entities came or went: repaint the quotes naming those whose entry changed."""
        old = self._entities
        self._reread()
        changed = {i for i in old.keys() | self._entities.keys() if old.get(i) is not self._entities.get(i)}
        if self.doc is not None:
            self._refresh_ids({q for entity_id in changed for q in self.doc.quotes_naming(entity_id)})

    # --- reading ---------------------------------------------------------------------------------------
    def quote_at(self, row: int) -> Quote | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def entity(self, entity_id: str) -> Entity | None:
        return self._entities.get(entity_id)

    def entity_name(self, entity_id: str, mention_text: str | None = None) -> str:
        """The entity's canonical name; a dangling id shows the mention as written, else the id."""
        entity = self._entities.get(entity_id)
        return entity.name if entity is not None else (mention_text or entity_id)

    def speaker_name(self, quote: Quote) -> str:
        if quote.speaker is None:
            return NO_SPEAKER
        mention = quote.speaker.mention
        return self.entity_name(quote.speaker.entity, mention.text if mention else None)

    def intermediaries_text(self, quote: Quote) -> str:
        """"Name (role) → Name (role)", nearest to the speaker first, as the chain is stored."""
        return ARROW.join(
            f"{self.entity_name(i.entity, i.mention.text if i.mention else None)} ({i.role})"
            for i in quote.intermediaries)

    def display(self, quote: Quote, column: int) -> str:
        if column == COL_ID:
            return quote.id
        if column == COL_TYPE:
            return quote.type
        if column == COL_SPEAKER:
            return self.speaker_name(quote)
        if column == COL_INTERMEDIARIES:
            return self.intermediaries_text(quote)
        if column == COL_CUE:
            return one_line(quote.cue.text) if quote.cue else ""
        if column == COL_STATUS:
            return quote.status + (f" {UNPLACED_MARK}" if UNPLACED in quote_flags(quote) else "")
        if column == COL_CONFIDENCE:
            return "" if quote.confidence is None else f"{quote.confidence:.2f}"
        if column == COL_QUOTE:
            return quote_opening(quote)
        return ""

    def tie_key(self, quote: Quote) -> tuple[int, int, int]:
        """Reading order: equal cells keep the order of the text (and of the numbers, at one place)."""
        return quote.start, -quote.end, id_number(quote.id)

    def sort_value(self, quote: Quote, column: int) -> int | float | str:
        if column == COL_ID:  # reading order: the number says when a quote was found, not where it is
            return quote.start
        if column == COL_STATUS:  # the order of the workflow: auto, accepted, corrected, added, rejected
            return STATUSES.index(quote.status) if quote.status in STATUSES else len(STATUSES)
        if column == COL_CONFIDENCE:  # an editor's quote (no confidence) sorts below every extracted one
            return -1.0 if quote.confidence is None else float(quote.confidence)
        if column == COL_SPEAKER and quote.speaker is None:
            return ""
        return self.display(quote, column).casefold()

    def tooltip(self, quote: Quote) -> str:
        """Everything an editor checks about a quote, as rich text so that long content wraps."""
        lines = [f"<b>{html.escape(quote.id)}</b> · {html.escape(quote.type)} · {html.escape(quote.status)}"
                 + ("" if quote.confidence is None else f" · {quote.confidence:.2f}"),
                 f"<p>{html.escape(quote_content(quote))}</p>",
                 f"Speaker: {html.escape(self.speaker_name(quote))}"]
        if quote.intermediaries:
            lines.append(f"Intermediaries: {html.escape(self.intermediaries_text(quote))}")
        if quote.cue is not None:
            lines.append(f"Cue: {html.escape(one_line(quote.cue.text))}")
        if quote.parent:
            lines.append(f"Inside: {html.escape(quote.parent)}")
        if UNPLACED in quote_flags(quote):
            lines.append(f"<b>{UNPLACED_MARK}</b>: {html.escape(UNPLACED_TIP)}")
        if quote.evidence:
            lines.append(f"<i>{html.escape(quote.evidence)}</i>")
        return "<qt>" + "<br>".join(lines) + "</qt>"

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.parent().isValid():
            return None
        quote = self.quote_at(index.row())
        column = index.column()
        if quote is None or not 0 <= column < len(self.columns):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.display(quote, column)
        if role == QUOTE_ID_ROLE:
            return quote.id
        if role == SORT_ROLE:
            return self.sort_value(quote, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.tooltip(quote)
        if role == Qt.ItemDataRole.ForegroundRole and quote.status == "rejected":
            return _greyed()
        if role == Qt.ItemDataRole.FontRole and quote.status == "rejected":
            return _italic()
        if role == Qt.ItemDataRole.BackgroundRole and column == COL_SPEAKER and quote.speaker is not None:
            return speaker_colour(self.doc.colour_key(quote.speaker.entity) if self.doc else None, _dark())
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_CONFIDENCE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


# --- the filter box ------------------------------------------------------------------------------------

_TOKEN = re.compile(r'(?:(\w+):)?("[^"]*"?|\S+)?')
FILTER_KEYS = ("speaker", "status", "type", "flag")
#: the filter box's help (placeholder and tool tip)
FILTER_HELP = "Filter quotes: words, speaker:NAME, status:auto, type:direct, flag:unplaced  (Ctrl+F)"
_NONE_WORDS = ("none", NO_SPEAKER, "-")


@dataclass
class QuoteFilter:
    """The filter box parsed: free words (all must match) and key:value narrowings.

    Several values of one key are alternatives (`status:auto status:corrected`), different keys all
    apply. Values are case-insensitive; `status:` and `type:` take prefixes, `speaker:` any part of the
    name or an alias, and `speaker:none` the quotes without a speaker; `flag:unplaced` (or a prefix) the
    quotes re-anchoring could not carry over as they were. "Double quotes" keep a phrase.
    """

    words: list[str] = field(default_factory=list)
    keys: dict[str, list[str]] = field(default_factory=dict)

    @classmethod
    def parse(cls, text: str) -> QuoteFilter:
        parsed = cls()
        for match in _TOKEN.finditer(text):
            if not match.group(0):
                continue
            key, value = (match.group(1) or "").casefold(), (match.group(2) or "").casefold()
            if key and key not in FILTER_KEYS:  # "10:30" or a URL: a free word as typed
                value, key = f"{key}:{value}", ""
            value = value.strip('"').strip()
            if not value:  # "status:" while the editor is still typing: no narrowing yet
                continue
            if key:
                parsed.keys.setdefault(key, []).append(value)
            else:
                parsed.words.append(value)
        return parsed

    def names_rejected(self) -> bool:
        return any("rejected".startswith(v) for v in self.keys.get("status", []))

    def __bool__(self) -> bool:
        return bool(self.words or self.keys)


class QuoteFilterProxy(QSortFilterProxyModel):
    """Sorting by SORT_ROLE and the filter box; rejected quotes stay hidden unless asked for."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._filter = QuoteFilter()
        self._filter_text = ""
        self._show_rejected = False
        self.setSortRole(SORT_ROLE)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._column, self._order = -1, Qt.SortOrder.AscendingOrder

    # --- API -------------------------------------------------------------------------------------------
    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by `column`. By # ascending is the document's own order (reading order), so the rows are
        left in it: no comparison at all, on opening or after an edit."""
        self._column, self._order = column, order
        reading = column == COL_ID and order == Qt.SortOrder.AscendingOrder
        super().sort(-1 if reading else column, order)

    def sortColumn(self) -> int:  # noqa: N802 - Qt's name
        return self._column

    def sortOrder(self) -> Qt.SortOrder:  # noqa: N802
        return self._order

    def filter_text(self) -> str:
        return self._filter_text

    def set_filter_text(self, text: str) -> None:
        """What the editor typed in the filter box."""
        self._filter_text = text
        self._refilter(lambda: setattr(self, "_filter", QuoteFilter.parse(text)))

    def show_rejected(self) -> bool:
        return self._show_rejected

    def set_show_rejected(self, show: bool) -> None:
        self._refilter(lambda: setattr(self, "_show_rejected", bool(show)))

    def quote_id_at(self, proxy_row: int) -> str | None:
        """The id of the quote shown at this row of the proxy (None outside the rows)."""
        source = self.mapToSource(self.index(proxy_row, 0))
        model = self.sourceModel()
        return model.id_at(source.row()) if source.isValid() and isinstance(model, DocumentTableModel) else None

    def proxy_row_of(self, quote_id: str) -> int:
        """Where this quote is shown, -1 when it is filtered out or unknown."""
        model = self.sourceModel()
        row = model.row_of(quote_id) if isinstance(model, DocumentTableModel) else -1
        return self.mapFromSource(model.index(row, 0)).row() if row >= 0 else -1

    def _refilter(self, change: Callable[[], None]) -> None:
        if hasattr(self, "beginFilterChange"):  # Qt >= 6.10
            self.beginFilterChange()
            change()
            self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        else:
            change()
            self.invalidateRowsFilter()

    # --- QSortFilterProxyModel -------------------------------------------------------------------------
    def filterAcceptsRow(self, source_row: int, source_parent: AnyIndex) -> bool:
        model = self.sourceModel()
        if not isinstance(model, QuoteTableModel):
            return True
        quote = model.quote_at(source_row)
        if quote is None:
            return False
        wanted = self._filter
        if quote.status == "rejected" and not (self._show_rejected or wanted.names_rejected()):
            return False
        if not wanted:
            return True
        if (statuses := wanted.keys.get("status")) and not any(quote.status.startswith(s) for s in statuses):
            return False
        if (types := wanted.keys.get("type")) and not any(quote.type.startswith(t) for t in types):
            return False
        if (speakers := wanted.keys.get("speaker")) and not _speaker_matches(model, quote, speakers):
            return False
        if (flags := wanted.keys.get("flag")) and not any(f.startswith(v) for v in flags for f in quote_flags(quote)):
            return False
        if wanted.words:
            haystack = "\n".join((
                quote_content(quote), _speaker_names(model, quote), model.intermediaries_text(quote),
                quote.cue.text if quote.cue else "")).casefold()
            return all(word in haystack for word in wanted.words)
        return True

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        """The model's cached sort keys (SORT_ROLE values, ties in reading order): no data() call per compare."""
        return sort_less(self.sourceModel(), left, right)


def _speaker_names(model: QuoteTableModel, quote: Quote) -> str:
    """Every name the speaker goes by here: canonical name, aliases and the mention as written."""
    if quote.speaker is None:
        return ""
    entity = model.entity(quote.speaker.entity)
    names = [model.speaker_name(quote), *(entity.aliases if entity else [])]
    if quote.speaker.mention is not None:
        names.append(quote.speaker.mention.text)
    return "\n".join(names)


def _speaker_matches(model: QuoteTableModel, quote: Quote, values: list[str]) -> bool:
    if quote.speaker is None:
        return any(v in _NONE_WORDS for v in values)
    names = _speaker_names(model, quote).casefold()
    return any(v in names for v in values)
