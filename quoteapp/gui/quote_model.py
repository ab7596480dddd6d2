"""The quote list's table model: one row per quote of the open AnnotationDocument, and the texts of its cells.

The snapshot of rows and the way changes are announced come from `DocumentTableModel`
(gui/table_model.py); here are the columns, the cell texts (speaker, chain of intermediaries,
status with its re-anchoring mark, the opening words clipped without splitting a character), the
tool tip and the colours. The filter box and its proxy are in gui/quote_filter.py.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from quoteapp.gui.document import AnnotationDocument
from quoteapp.gui.palette import is_dark, speaker_colour
from quoteapp.gui.table_model import SORT_ROLE, AnyIndex, DocumentTableModel, id_number
from quoteapp.model import STATUSES, Entity, Quote
from quoteapp.model.queries import UNCERTAIN_BELOW, is_uncertain, quote_text
from quoteapp.model.reanchor import UNPLACED, quote_flags

QUOTE_ID_ROLE = Qt.ItemDataRole.UserRole + 1

COLUMNS = ("#", "Type", "Speaker", "Intermediaries", "Cue", "Status", "Confidence", "Quote")
COL_ID, COL_TYPE, COL_SPEAKER, COL_INTERMEDIARIES, COL_CUE, COL_STATUS, COL_CONFIDENCE, COL_QUOTE = range(8)

NO_SPEAKER = "—"
#: the Status cell's mark of a quote re-anchoring could not place (the UNPLACED flag), and its tool tip
UNPLACED_MARK = "⚠ moved"
UNPLACED_TIP = "the article changed and this quote's words did not come through as they were: check its segments"
ARROW = " → "
OPENING_CHARS = 80
#: the Confidence cell's tool tip of a quote still to review whose confidence is low
UNCERTAIN_TIP = "uncertain: confidence below {below:.2f} and not reviewed yet"


@dataclass
class ReviewPreferences:
    """The editor's review preferences, with their typed defaults (QSettings keeps only window state)."""

    #: a quote still `auto` whose confidence is below this is uncertain: U and Shift+U jump to it,
    #: the list and the detail panel mark it
    uncertain_below: float = UNCERTAIN_BELOW


_SPACES = re.compile(r"\s+")
# characters that glue to the one before them: a cut just before one would split a visible character
_JOINERS = {"\u200d", "\ufe0e", "\ufe0f"}


# --- text helpers (plain functions so the proxy and the tests share them) ------------------------------


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
    return one_line(quote_text(quote))


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


def _bold() -> QFont:
    font = QFont()
    font.setBold(True)
    return font


# --- quotes ------------------------------------------------------------------------------------------


class QuoteTableModel(DocumentTableModel):
    """One row per quote of the document, in the document's order (the proxy sorts)."""

    columns = COLUMNS

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entities: dict[str, Entity] = {}
        self.preferences = ReviewPreferences()

    def _source_rows(self) -> list[Quote]:
        assert self.document is not None
        return list(self.document.quotes)

    def _signals(self, document: AnnotationDocument) -> list[tuple[Any, Callable[..., None]]]:
        return [
            (document.quotes_reset, self._sync_rows),
            (document.quote_changed, self._quote_changed),
            (document.entities_reset, self._entities_reset),
            (document.entity_changed, self._entity_changed),
        ]

    def _reread(self) -> None:
        self._entities = {e.id: e for e in self.document.entities} if self.document is not None else {}

    def _quote_changed(self, quote_id: str) -> None:
        assert self.document is not None
        self._refresh_one(quote_id, self.document.quote)

    def _entity_changed(self, entity_id: str) -> None:
        """A name changed: repaint the rows of the quotes naming this entity, and only those."""
        assert self.document is not None
        entity = self.document.entity(entity_id)
        if entity is None:
            self._entities_reset()
            return
        self._entities[entity_id] = entity
        self._refresh_ids(self.document.quotes_naming(entity_id))

    def _entities_reset(self) -> None:
        """Entities came or went: repaint the quotes naming those whose entry changed."""
        old = self._entities
        self._reread()
        changed = {i for i in old.keys() | self._entities.keys() if old.get(i) is not self._entities.get(i)}
        if self.document is not None:
            self._refresh_ids({q for entity_id in changed for q in self.document.quotes_naming(entity_id)})

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
        """ "Name (role) → Name (role)", nearest to the speaker first, as the chain is stored."""
        return ARROW.join(
            f"{self.entity_name(i.entity, i.mention.text if i.mention else None)} ({i.role})"
            for i in quote.intermediaries
        )

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

    def uncertain(self, quote: Quote) -> bool:
        """Still to review, and the extractor was unsure of it (below the preference's threshold)."""
        return is_uncertain(quote, self.preferences.uncertain_below)

    def tooltip(self, quote: Quote) -> str:
        """Everything an editor checks about a quote, as rich text so that long content wraps."""
        uncertain = f" · <b>{UNCERTAIN_TIP.format(below=self.preferences.uncertain_below)}</b>"
        lines = [
            f"<b>{html.escape(quote.id)}</b> · {html.escape(quote.type)} · {html.escape(quote.status)}"
            + ("" if quote.confidence is None else f" · {quote.confidence:.2f}")
            + (uncertain if self.uncertain(quote) else ""),
            f"<p>{html.escape(quote_content(quote))}</p>",
            f"Speaker: {html.escape(self.speaker_name(quote))}",
        ]
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
            return speaker_colour(self.document.colour_key(quote.speaker.entity) if self.document else None, _dark())
        if column == COL_CONFIDENCE and role == Qt.ItemDataRole.FontRole and self.uncertain(quote):
            return _bold()  # the quotes to look at first stand out in the column
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_CONFIDENCE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None
