"""Where a plain-text view draws its text: the visible range of positions and the rectangles of a range.

The article view paints outlines over its text and writes labels level with its quotes; both need
to know which UTF-16 positions are in view and where on screen a range of them is laid out, line
by line. That is Qt text-layout arithmetic with nothing of quotes in it, so it lives here, in a base
class (`blockBoundingGeometry` and `contentOffset` are protected: only a subclass may call them).
"""

from __future__ import annotations

from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QPlainTextEdit


class MeasuredTextEdit(QPlainTextEdit):
    """A QPlainTextEdit that says which of its text is in view and where a range of it is drawn."""

    def _visible_range(self) -> tuple[int, int]:
        """UTF-16 positions of the first and last characters in the viewport."""
        rect = self.viewport().rect()
        first = self.cursorForPosition(rect.topLeft()).position()
        last = self.cursorForPosition(rect.bottomRight()).position()
        return first, max(first, last)

    def _range_rects(self, start: int, end: int) -> list[QRectF]:
        """One rectangle (viewport coordinates) per visual line of the UTF-16 range [start, end)."""
        rects: list[QRectF] = []
        offset = self.contentOffset()
        height = self.viewport().height()
        block = self.document().findBlock(start)
        while block.isValid() and block.position() < end:
            geometry = self.blockBoundingGeometry(block).translated(offset)
            if geometry.top() > height:
                break
            layout = block.layout()
            base = block.position()
            for i in range(layout.lineCount()):
                line = layout.lineAt(i)
                line_start = base + line.textStart()
                a, b = max(start, line_start), min(end, line_start + line.textLength())
                if a >= b:
                    continue
                x1 = line.cursorToX(a - base)[0]
                x2 = line.cursorToX(b - base)[0]
                left, right = min(x1, x2), max(x1, x2)
                rects.append(QRectF(left, line.y(), right - left, line.height()).translated(geometry.topLeft()))
            block = block.next()
        return rects
