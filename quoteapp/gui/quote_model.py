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

QUOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: a value of the cell that sorts as the user expects: ints, floats or strings, never mixed in one column
SORT_ROLE = Qt.ItemDataRole.UserRole + 2

COLUMNS = ("#", "Type", "Speaker", "Intermediaries", "Cue", "Status", "Confidence", "Quote")
COL_ID, COL_TYPE, COL_SPEAKER, COL_INTERMEDIARIES, COL_CUE, COL_STATUS, COL_CONFIDENCE, COL_QUOTE = range(8)

NO_SPEAKER = "—"
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

    # to be given by subclasses
    def _source_rows(self) -> list[Any]:
        raise NotImplementedError

    def _signals(self, doc: AnnotationDocument) -> list[tuple[Any, Callable[..., None]]]:
        raise NotImplementedError

    def _reread(self) -> None:
        """Drop caches that depend on the document (called whenever the rows are re-read)."""

    # --- the document ----------------------------------------------------------------------------------
    def set_document(self, doc: AnnotationDocument | None) -> None:
        """Show `doc` (None: an empty table), following its signals instead of the old one's."""
        for signal, slot in self._connections:
            with contextlib.suppress(RuntimeError, TypeError):  # the old document may be gone already
                signal.disconnect(slot)
        self._connections = []
        self.beginResetModel()
        self.doc = doc
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
        """Bring the snapshot up to the document's list after it changed."""
        new = self._source_rows() if self.doc is not None else []
        old_ids = [item.id for item in self._rows]
        new_ids = [item.id for item in new]
        self._reread()
        if new_ids == old_ids:
            self._take(new)
            self._all_changed()
        elif len(new_ids) == len(old_ids) + 1 and (at := _one_extra(new_ids, old_ids)) >= 0:
            self.beginInsertRows(QModelIndex(), at, at)
            self._take(new)
            self.endInsertRows()
        elif len(new_ids) + 1 == len(old_ids) and (at := _one_extra(old_ids, new_ids)) >= 0:
            self.beginRemoveRows(QModelIndex(), at, at)
            self._take(new)
            self.endRemoveRows()
        else:
            self.beginResetModel()
            self._take(new)
            self.endResetModel()

    def _refresh_one(self, item_id: str, lookup: Callable[[str], Any]) -> None:
        """One item's fields changed: swap in its new object and repaint its row."""
        row = self._row_index.get(item_id, -1)
        item = lookup(item_id)
        if row < 0 or item is None:
            self._sync_rows()
            return
        self._reread()
        self._rows[row] = item
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    def _all_changed(self, first_column: int = 0, last_column: int | None = None) -> None:
        if self._rows:
            last = self.columnCount() - 1 if last_column is None else last_column
            self.dataChanged.emit(self.index(0, first_column), self.index(len(self._rows) - 1, last))

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
                (doc.entities_reset, self._entities_changed), (doc.entity_changed, self._entities_changed)]

    def _reread(self) -> None:
        self._entities = {e.id: e for e in self.doc.entities} if self.doc is not None else {}

    def _quote_changed(self, quote_id: str) -> None:
        assert self.doc is not None
        self._refresh_one(quote_id, self.doc.quote)

    def _entities_changed(self, _entity_id: str = "") -> None:
        """Names changed: repaint the speaker and intermediary cells (tool tips are read on hover)."""
        self._reread()
        self._all_changed(COL_SPEAKER, COL_INTERMEDIARIES)

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
            return quote.status
        if column == COL_CONFIDENCE:
            return "" if quote.confidence is None else f"{quote.confidence:.2f}"
        if column == COL_QUOTE:
            return quote_opening(quote)
        return ""

    def sort_value(self, quote: Quote, column: int) -> int | float | str:
        if column == COL_ID:
            return id_number(quote.id)
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
            return speaker_colour(quote.speaker.entity, _dark())
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_CONFIDENCE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None


# --- the filter box ------------------------------------------------------------------------------------

_TOKEN = re.compile(r'(?:(\w+):)?("[^"]*"?|\S+)?')
FILTER_KEYS = ("speaker", "status", "type")
_NONE_WORDS = ("none", NO_SPEAKER, "-")


@dataclass
class QuoteFilter:
    """The filter box parsed: free words (all must match) and key:value narrowings.

    Several values of one key are alternatives (`status:auto status:corrected`), different keys all
    apply. Values are case-insensitive; `status:` and `type:` take prefixes, `speaker:` any part of the
    name or an alias, and `speaker:none` the quotes without a speaker. "Double quotes" keep a phrase.
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

    # --- API -------------------------------------------------------------------------------------------
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
        if wanted.words:
            haystack = "\n".join((
                quote_content(quote), _speaker_names(model, quote), model.intermediaries_text(quote),
                quote.cue.text if quote.cue else "")).casefold()
            return all(word in haystack for word in wanted.words)
        return True

    def lessThan(self, left: AnyIndex, right: AnyIndex) -> bool:
        """SORT_ROLE values; ties broken by the quote number, so equal cells keep the article's order."""
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        if a != b:
            try:
                return a < b
            except TypeError:
                return str(a) < str(b)
        return id_number(str(left.data(QUOTE_ID_ROLE) or "")) < id_number(str(right.data(QUOTE_ID_ROLE) or ""))


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
