"""The article, read-only, with its quotes highlighted in their speakers' colours.

How the highlights are drawn, and why: every quote, cue and mention becomes a `Mark` (code-point
span) in an index sorted by start. Only the marks overlapping the visible part of the text (plus a
margin) become `QTextEdit.ExtraSelection`s, rebuilt when the view scrolls past the margin or the
annotation changes. So the cost of a repaint does not grow with the article: a 5 MB article with
5000 quotes costs the same to scroll as a short one. (A `QSyntaxHighlighter` would run Python for
every block of the text on load and on each change, and it writes into the document's layout.)
Outlines (the selected quote, a speaker mention's box) are painted over the text in `paintEvent`.

Positions: the model counts code points, Qt counts UTF-16 units; `OffsetMap` converts, nowhere else.
The marks, their index and their formats are in gui/article_marks.py, the chain margin and the tool
tips' text in gui/article_labels.py, the text-layout arithmetic in gui/text_geometry.py.
"""

from __future__ import annotations

import contextlib

import shiboken6
from PySide6.QtCore import QEvent, QPoint, QPointF, QSignalBlocker, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QHelpEvent,
    QMouseEvent,
    QPainter,
    QPaintEvent,
    QPen,
    QResizeEvent,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
    QTextOption,
)
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QTextEdit, QToolTip, QWidget

from quoteapp.gui import palette as pal
from quoteapp.gui.article_labels import ChainMargin, chain_label, quote_tooltip
from quoteapp.gui.article_marks import (
    CUE,
    MENTION,
    SEGMENT,
    SPEAKER,
    VIA,
    Box,
    Mark,
    MarkIndex,
    mark_format,
    mention_marks,
    quote_marks,
)
from quoteapp.gui.document import AnnotationDocument
from quoteapp.gui.offsets import OffsetMap
from quoteapp.gui.text_geometry import MeasuredTextEdit
from quoteapp.model import Quote, Span

#: UTF-16 units highlighted beyond the visible text, so that a small scroll needs no rebuild
MARGIN = 6000
#: pixels on the right where each visible quote's chain of intermediaries is written
CHAIN_MARGIN = 160


class ArticleView(MeasuredTextEdit):
    """Shows `document.text` with every quote, cue and mention marked; emits the quote clicked."""

    quote_clicked = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setUndoRedoEnabled(False)  # a 5 MB setPlainText must not be kept for undo
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard
        )
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.setWordWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.setMouseTracking(True)
        self.viewport().setMouseTracking(True)

        self._document: AnnotationDocument | None = None
        self._text = ""
        self._offsets = OffsetMap("")
        self._selected: str | None = None
        self._entity: str | None = None
        self._index = MarkIndex()
        self._dirty = False
        self._stale: set[str] = set()  # quotes whose marks must be redone (quote_changed)
        self._covered = (0, -1)  # the UTF-16 range the current extra selections cover
        self._boxes: list[Box] = []
        self._formats: dict[tuple, QTextCharFormat] = {}
        self._press: QPoint | None = None

        self._timer = QTimer(self)  # many signals from one compound edit -> one rebuild
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh)
        self.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.chain_margin = ChainMargin(self)
        self.setViewportMargins(0, 0, CHAIN_MARGIN, 0)

    # --- the document ------------------------------------------------------------------------------
    def set_document(self, document: AnnotationDocument | None) -> None:
        """Show another article (or none); the view follows its changes from then on."""
        self._disconnect()
        self._document = document
        self._selected = self._entity = None
        text = document.text if document is not None else ""
        if text is not self._text and text != self._text:
            self._text = text
            self._offsets = OffsetMap(text)
            self.setExtraSelections([])
            with QSignalBlocker(self.verticalScrollBar()):  # no refresh over a half-replaced text
                self.setPlainText(text)
        self.setTextCursor(QTextCursor(self.document()))
        if document is not None:
            document.quotes_reset.connect(self._invalidate)
            document.quote_changed.connect(self._quote_changed)
            document.entities_reset.connect(self._invalidate)
            document.entity_changed.connect(self._invalidate)
        self._dirty = True
        self.refresh()

    @property
    def offsets(self) -> OffsetMap:
        """The code point <-> UTF-16 map of the text shown."""
        return self._offsets

    def _disconnect(self) -> None:
        if self._document is None or not shiboken6.isValid(self._document):
            return
        document = self._document
        for signal, slot in (
            (document.quotes_reset, self._invalidate),
            (document.quote_changed, self._quote_changed),
            (document.entities_reset, self._invalidate),
            (document.entity_changed, self._invalidate),
        ):
            with contextlib.suppress(RuntimeError, TypeError):  # never connected, or already gone
                signal.disconnect(slot)

    def _invalidate(self, *_args: object) -> None:
        self._dirty = True
        self._timer.start()

    def _quote_changed(self, quote_id: str) -> None:
        """One quote changed: only its marks are redone (an edit costs what it touches)."""
        self._stale.add(quote_id)
        self._timer.start()

    # --- selection and focus -----------------------------------------------------------------------
    def select_quote(self, quote_id: str | None) -> None:
        """Make this quote stand out and scroll it into view (None: no quote selected)."""
        self._selected = quote_id
        quote = self._quote(quote_id)
        if quote is not None and quote.segments:
            start, end = self._offsets.span_to_qt(quote.start, quote.end)
            cursor = self.textCursor()
            if not start <= cursor.position() <= end:  # a click inside it keeps the cursor where it is
                cursor.setPosition(start)
                self.setTextCursor(cursor)
            self.ensureCursorVisible()
        self.refresh()

    def selected_quote(self) -> str | None:
        return self._selected

    def highlight_entity(self, entity_id: str | None) -> None:
        """Mark every mention of this entity and its quotes; other quotes fade (None: back to all)."""
        self._entity = entity_id
        self.refresh()

    def selected_span(self) -> Span | None:
        """The text selected by the editor, in model code points; None when nothing is selected."""
        cursor = self.textCursor()
        if self._document is None or not cursor.hasSelection():
            return None
        start, end = self._offsets.span_to_model(cursor.selectionStart(), cursor.selectionEnd())
        return Span(start, end, self._text[start:end])

    def select_span(self, start: int, end: int) -> None:
        """Select [start, end) given in code points, as a mouse drag would, and show it."""
        cursor = self.textCursor()
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self.ensureCursorVisible()

    # --- looking marks up --------------------------------------------------------------------------
    def quote_ids_at(self, cp: int) -> list[str]:
        """The quotes highlighted at code point `cp`, innermost first.

        Quotes whose content covers it come first (the shortest segment first); then the quotes whose
        cue, speaker mention or intermediary mention is there. Rejected quotes are not highlighted,
        so they are not found either.
        """
        self._ensure_index()
        hits = [m for m in self._index.overlapping(cp, cp + 1) if m.quote_id is not None]
        hits.sort(key=lambda m: (m.kind != SEGMENT, m.end - m.start))
        return list(dict.fromkeys(m.quote_id for m in hits if m.quote_id is not None))

    def formats_at(self, qt_pos: int) -> list[QTextCharFormat]:
        """The formats the view paints over the character at UTF-16 position `qt_pos`, bottom first."""
        found = []
        for sel in self.extraSelections():
            if sel.cursor.selectionStart() <= qt_pos < sel.cursor.selectionEnd():
                found.append(QTextCharFormat(sel.format))  # a copy: `sel` owns the wrapped one
        return found

    def background_at(self, qt_pos: int) -> QColor | None:
        """The highlight colour the editor sees behind the character at `qt_pos` (None: plain)."""
        colour = None
        for fmt in self.formats_at(qt_pos):
            if fmt.background().style() != Qt.BrushStyle.NoBrush:
                colour = fmt.background().color()
        return colour

    def boxes(self) -> list[Box]:
        """The outlines painted over the text (selected quote, speaker mentions), in UTF-16 positions."""
        return list(self._boxes)

    def _quote(self, quote_id: str | None) -> Quote | None:
        return self._document.quote(quote_id) if self._document is not None and quote_id else None

    def _ensure_index(self) -> None:
        if self._document is not None and not shiboken6.isValid(self._document):
            self._document, self._dirty = None, True  # deleted under us (the window drops it with deleteLater)
        if self._dirty:
            self._build_index()
        elif self._stale:
            self._update_marks()

    def _build_index(self) -> None:
        """All marks of the annotation, sorted by start: O(quotes) once per change, not per paint."""
        self._dirty = False
        self._stale = set()
        marks: list[Mark] = []
        document = self._document
        if document is not None:
            n = len(self._text)
            for quote in document.quotes:
                marks += quote_marks(quote, n)
            marks += mention_marks(document.entities, n)
        self._set_marks(marks)

    def _update_marks(self) -> None:
        """Redo the marks of the quotes in `_stale` only (the rest of the index is kept)."""
        stale, self._stale = self._stale, set()
        marks = self._index.without_quotes(stale)
        if self._document is not None:
            for quote_id in stale:
                quote = self._document.quote(quote_id)
                if quote is not None:
                    marks += quote_marks(quote, len(self._text))
        self._set_marks(marks)

    def _set_marks(self, marks: list[Mark]) -> None:
        """Install `marks` as the index: sorted by start, with the running maximum of their ends."""
        self._index = MarkIndex(marks)
        self._covered = (0, -1)

    # --- drawing -----------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Rebuild the highlights of the visible text (and a margin around it) now."""
        self._timer.stop()
        self._ensure_index()
        if self._document is not None and self._selected is not None and self._document.quote(self._selected) is None:
            self._selected = None  # deleted (or undone away)
        if self._document is None:
            self._boxes = []
            self.setExtraSelections([])
            return
        first, last = self._visible_range()
        lo, hi = max(0, first - MARGIN), min(self._offsets.qt_length, last + MARGIN)
        self._covered = (lo, hi)
        dark = pal.is_dark(self.palette())
        om = self._offsets
        marks = self._index.overlapping(om.to_model(lo), om.to_model(hi, round_up=True))
        focus = self._entity_quotes() if self._entity is not None else None

        layers: list[list[tuple[int, int, QTextCharFormat]]] = [[] for _ in range(6)]
        boxes: list[Box] = []
        selected = self._quote(self._selected)
        key = self._document.colour_key
        for m in marks:
            qs, qe = om.span_to_qt(m.start, m.end)
            colour = key(m.entity_id)
            if m.kind == SEGMENT:
                if m.quote_id == self._selected:
                    continue  # drawn below, stronger
                dim = focus is not None and m.quote_id not in focus
                layers[0].append((qs, qe, self._segment_format(colour, dark, dim)))
            elif m.kind == SPEAKER:
                layers[2].append((qs, qe, self._format(("speaker", colour, dark))))
                boxes.append(Box(qs, qe, pal.accent_colour(colour, dark), 1.0))
            elif m.kind == VIA:  # who passed the words on: underlined and outlined with dashes
                layers[3].append((qs, qe, self._format(("via", colour, dark))))
                boxes.append(Box(qs, qe, pal.accent_colour(colour, dark), 1.5, dashed=True))
            elif m.kind == CUE:
                layers[4].append((qs, qe, self._format(("cue", colour, dark))))
            elif m.kind == MENTION and m.entity_id == self._entity:
                layers[5].append((qs, qe, self._format(("mention", colour, dark))))
                boxes.append(Box(qs, qe, pal.accent_colour(colour, dark), 2.0))
        if selected is not None:
            speaker = key(selected.speaker.entity) if selected.speaker is not None else None
            for segment in selected.segments:
                qs, qe = om.span_to_qt(segment.start, segment.end)
                if qe <= lo or qs >= hi:
                    continue
                if selected.status != "rejected":
                    layers[1].append((qs, qe, self._format(("selected", speaker, dark))))
                boxes.append(Box(qs, qe, pal.accent_colour(speaker, dark), 2.0))
        # nested quotes: the outer one first, so the inner one's colour shows on top of it
        layers[0].sort(key=lambda t: t[0] - t[1])

        selections = []
        for layer in layers:
            for qs, qe, fmt in layer:
                sel = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(qs)
                cursor.setPosition(qe, QTextCursor.MoveMode.KeepAnchor)
                sel.cursor, sel.format = cursor, fmt
                selections.append(sel)
        self._boxes = boxes
        self.setExtraSelections(selections)
        self.viewport().update()
        self.chain_margin.update()

    def chain_labels(self) -> list[tuple[float, str, QColor]]:
        """(y in the margin, 'via Reuters (outlet) → ...', colour) for each quote with intermediaries
        whose first segment starts in view, top to bottom; labels never overlap."""
        if self._document is None or not self._document.quotes:
            return []
        first, last = self._visible_range()
        om, dark = self._offsets, pal.is_dark(self.palette())
        seen: set[str] = set()
        labels: list[tuple[float, str, QColor]] = []
        bottom = -1.0
        line = self.fontMetrics().height()
        for m in self._index.overlapping(om.to_model(first), om.to_model(last, round_up=True)):
            quote = self._quote(m.quote_id) if m.kind == SEGMENT else None
            if quote is None or quote.id in seen or not quote.intermediaries:
                continue
            seen.add(quote.id)
            rects = self._range_rects(*om.span_to_qt(max(quote.start, om.to_model(first)), quote.end))
            if not rects:
                continue
            y = max(rects[0].top(), bottom)
            labels.append(
                (
                    y,
                    chain_label(quote, self._name),
                    pal.accent_colour(self._document.colour_key(quote.intermediaries[0].entity), dark),
                )
            )
            bottom = y + line
        return labels

    def _entity_quotes(self) -> set[str]:
        """The quotes the highlighted entity speaks or passes on."""
        if self._document is None or self._entity is None:
            return set()
        return set(self._document.quotes_naming(self._entity))

    def _segment_format(self, entity_id: str | None, dark: bool, dim: bool) -> QTextCharFormat:
        return self._format(("dim", None, dark) if dim else ("segment", entity_id, dark))

    def _format(self, key: tuple[str, str | None, bool]) -> QTextCharFormat:
        """The char format of one kind of mark for one entity, cached (formats are shared)."""
        fmt = self._formats.get(key)
        if fmt is None:
            fmt = self._formats[key] = mark_format(*key)
        return fmt

    def _scrolled(self, _value: int = 0) -> None:
        self.chain_margin.update()
        if self._document is None:
            return
        first, last = self._visible_range()
        lo, hi = self._covered
        if first < lo or last > hi:
            self.refresh()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if not self._boxes:
            return
        painter = QPainter(self.viewport())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        first, last = self._visible_range()
        for box in self._boxes:
            if box.end <= first or box.start > last + 1:
                continue
            pen = QPen(box.colour, box.width, Qt.PenStyle.DashLine if box.dashed else Qt.PenStyle.SolidLine)
            painter.setPen(pen)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect in self._range_rects(max(box.start, first), box.end):
                painter.drawRoundedRect(rect.adjusted(0.5, 0.5, -0.5, -0.5), 2.0, 2.0)
        painter.end()

    # --- events ------------------------------------------------------------------------------------
    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        rect = self.contentsRect()
        self.chain_margin.setGeometry(rect.right() - CHAIN_MARGIN + 1, rect.top(), CHAIN_MARGIN, rect.height())
        if self._document is not None:
            self.refresh()  # wrapping changed: other text is visible

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._document is not None:
            self.refresh()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() in (QEvent.Type.PaletteChange, QEvent.Type.StyleChange):
            self._formats.clear()  # light <-> dark theme
            if self._document is not None:
                self.refresh()

    def viewportEvent(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            cp = self.position_at(event.pos())
            tip = self.tooltip_for(self.quote_ids_at(cp)) if cp is not None else ""
            if tip:
                QToolTip.showText(event.globalPos(), tip, self.viewport())
            else:
                QToolTip.hideText()
                event.ignore()
            return True
        return super().viewportEvent(event)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        self._press = event.position().toPoint() if event.button() == Qt.MouseButton.LeftButton else None
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        press, self._press = self._press, None
        pos = event.position().toPoint()
        if (
            event.button() != Qt.MouseButton.LeftButton
            or press is None
            or (pos - press).manhattanLength() >= QApplication.startDragDistance()
            or self.textCursor().hasSelection()
        ):
            return  # a drag selects text; only a click picks a quote
        cp = self.position_at(pos)
        ids = self.quote_ids_at(cp) if cp is not None else []
        if ids:
            self.quote_clicked.emit(ids[0])

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() != Qt.MouseButton.NoButton:
            return
        cp = self.position_at(event.position().toPoint())
        over = cp is not None and bool(self.quote_ids_at(cp))
        self.viewport().setCursor(Qt.CursorShape.PointingHandCursor if over else Qt.CursorShape.IBeamCursor)

    def position_at(self, point: QPoint) -> int | None:
        """The code point of the character under `point` (viewport coordinates), None off the text."""
        if self._document is None:
            return None
        cursor = self.cursorForPosition(point)
        pos = cursor.position()
        if point.x() < self.cursorRect(cursor).left():
            pos -= 1  # the nearest gap is right of the point: the character is the one before
        block = self.document().findBlock(max(pos, 0))
        offset = pos - block.position()
        if pos < 0 or not block.isValid() or offset >= block.length() - 1:
            return None  # before the text, or the end of a paragraph
        layout = block.layout()
        line = layout.lineForTextPosition(offset)
        if not line.isValid():
            return None
        local = QPointF(point) - self.blockBoundingGeometry(block).translated(self.contentOffset()).topLeft()
        x1, x2 = line.cursorToX(offset)[0], line.cursorToX(offset + 1)[0]
        if not (line.y() <= local.y() < line.y() + line.height() and min(x1, x2) <= local.x() <= max(x1, x2)):
            return None
        return self._offsets.to_model(pos)

    # --- tooltips ----------------------------------------------------------------------------------
    def tooltip_for(self, quote_ids: list[str]) -> str:
        """Rich text describing these quotes (innermost first): speaker, intermediaries, type, status."""
        parts = [quote_tooltip(q, self._name) for q in (self._quote(i) for i in quote_ids) if q is not None]
        return "<hr>".join(parts)

    def tooltip_at(self, cp: int) -> str:
        """The tooltip shown over code point `cp`, empty where no quote is."""
        return self.tooltip_for(self.quote_ids_at(cp))

    def _name(self, entity_id: str) -> str:
        entity = self._document.entity(entity_id) if self._document is not None else None
        return entity.name if entity is not None else entity_id
