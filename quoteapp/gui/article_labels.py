"""The words the article view writes about a quote: the chain margin beside the text and the tool tips.

`ChainMargin` is the strip on the right of the article that names, level with each quote, who
passed it on (Qt's code-editor pattern); `chain_label` is its text and `quote_tooltip` the rich
text shown over a quote. Apart from the view so that these texts can be read and changed without
the highlighting and its index; the entity names come from the view (`name`), which knows the document.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QPainter, QPaintEvent
from PySide6.QtWidgets import QWidget

from quoteapp.model import Quote

if TYPE_CHECKING:  # the view owns its margin
    from quoteapp.gui.article_view import ArticleView


class ChainMargin(QWidget):
    """The strip beside the text that names, level with each quote, who passed it on: an outlet or a
    spokesperson the article names nowhere near the words still shows (Qt's code-editor pattern)."""

    def __init__(self, view: ArticleView) -> None:
        super().__init__(view)
        self.view = view

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), self.palette().color(self.backgroundRole()).darker(104))
        metrics = painter.fontMetrics()
        for y, text, colour in self.view.chain_labels():
            painter.setPen(colour)
            painter.drawText(
                6, int(y) + metrics.ascent(), metrics.elidedText(text, Qt.TextElideMode.ElideRight, self.width() - 10)
            )
        painter.end()


def chain_label(quote: Quote, name: Callable[[str], str]) -> str:
    """'Q3 via Reuters (outlet) → ...': the margin's line for a quote with intermediaries."""
    chain = " → ".join(f"{name(v.entity)} ({v.role})" for v in quote.intermediaries)
    return f"{quote.id} via {chain}"


def quote_tooltip(quote: Quote, name: Callable[[str], str]) -> str:
    """Rich text describing one quote: id, type, status, confidence, speaker, intermediaries, cue."""

    def esc(text: str) -> str:
        return html.escape(text, quote=False)

    lines = [
        f"<b>{esc(quote.id)}</b> · {esc(quote.type)} · {esc(quote.status)}"
        + (f" · {quote.confidence:.2f}" if quote.confidence is not None else "")
    ]
    if quote.speaker is not None:
        mention = quote.speaker.mention
        said = f" (“{esc(mention.text)}”)" if mention is not None else ""
        lines.append(f"Speaker: <b>{esc(name(quote.speaker.entity))}</b>{said}")
    else:
        lines.append("Speaker: <i>none</i>")
    if quote.intermediaries:
        chain = " → ".join(f"{esc(name(v.entity))} ({esc(v.role)})" for v in quote.intermediaries)
        lines.append(f"Via: {chain}")
    if quote.cue is not None:
        lines.append(f"Cue: {esc(quote.cue.text)}")
    return "<br>".join(lines)
