"""The selected quote in full: segments, cue, speaker, the chain of intermediaries, type, status,
parent and the extractor's evidence, with the intermediary chain editable in place.

The evidence is shown whole, one step of the resolution a line, so that a note such as "'Obama'
could be Barack Obama or Michelle Obama" is read in full, and a quote still to review whose
confidence is low says it is uncertain. Where else the quote's statement is reported is the
Statement panel's (`statement_panel`), not this one's.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from quoteapp.gui.document import AnnotationDocument
from quoteapp.gui.quote_model import ReviewPreferences
from quoteapp.model import Quote
from quoteapp.model.queries import is_uncertain


class DetailPanel(QWidget):
    """Shows one quote; asks the window (by signals) to change its intermediaries."""

    move_intermediary = Signal(int, int)  # index, delta
    change_role = Signal(int)  # index
    remove_intermediary = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.document: AnnotationDocument | None = None
        self.quote_id: str | None = None
        self.preferences = ReviewPreferences()
        self.summary = QTextBrowser()
        self.summary.setOpenLinks(False)
        self.chain = QListWidget()
        self.chain.setMaximumHeight(90)
        buttons = QHBoxLayout()
        for label, slot in (
            ("Up", lambda: self._move(-1)),
            ("Down", lambda: self._move(1)),
            ("Role…", self._role),
            ("Remove", self._remove),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.summary, 1)
        layout.addWidget(QLabel("Intermediaries, from the speaker outward:"))
        layout.addWidget(self.chain)
        layout.addLayout(buttons)
        self.show_quote(None, None)

    def show_quote(self, document: AnnotationDocument | None, quote_id: str | None) -> None:
        self.document, self.quote_id = document, quote_id
        quote = document.quote(quote_id) if document and quote_id else None
        self.chain.clear()
        if document is None or quote is None:
            self.summary.setHtml("<p style='color:gray'>No quote selected.</p>")
            return
        self.summary.setHtml(self._html(document, quote))
        for via in quote.intermediaries:
            entity = document.entity(via.entity)
            self.chain.addItem(f"{entity.name if entity else via.entity} ({via.role})")

    def refresh(self) -> None:
        self.show_quote(self.document, self.quote_id)

    def _html(self, document: AnnotationDocument, quote: Quote) -> str:
        def name(entity_id: str) -> str:
            entity = document.entity(entity_id)
            return escape(entity.name if entity else entity_id)

        speaker = "<i>none</i>"
        if quote.speaker is not None:
            mention = f" — as “{escape(quote.speaker.mention.text)}”" if quote.speaker.mention else ""
            speaker = f"<b>{name(quote.speaker.entity)}</b>{mention}"
        chain = " → ".join(f"{name(i.entity)} <i>({i.role})</i>" for i in quote.intermediaries) or "<i>none</i>"
        segments = "".join(
            f"<li>{escape(s.text)} <span style='color:gray'>[{s.start}–{s.end}]</span></li>" for s in quote.segments
        )
        rows = [
            (
                "Quote",
                f"{quote.id} · {quote.type} · <b>{quote.status}</b>"
                + (f" · confidence {quote.confidence:.2f}" if quote.confidence is not None else "")
                + self._uncertain(quote),
            ),
            ("Speaker", speaker),
            ("Via", chain),
            ("Cue", escape(quote.cue.text) if quote.cue else "<i>none</i>"),
            ("Parent", quote.parent or "<i>none</i>"),
            ("Evidence", evidence_html(quote.evidence)),
        ]
        table = "".join(f"<tr><td valign=top style='color:gray'>{k}</td><td>{v}</td></tr>" for k, v in rows)
        return f"<table cellspacing=2>{table}</table><p style='color:gray'>Segments</p><ol>{segments}</ol>"

    def _uncertain(self, quote: Quote) -> str:
        below = self.preferences.uncertain_below
        return f" · <b>uncertain</b> (below {below:.2f}): check it" if is_uncertain(quote, below) else ""

    def _current(self) -> int:
        return self.chain.currentRow()

    def _move(self, delta: int) -> None:
        if self._current() >= 0:
            self.move_intermediary.emit(self._current(), delta)

    def _role(self) -> None:
        if self._current() >= 0:
            self.change_role.emit(self._current())

    def _remove(self) -> None:
        if self._current() >= 0:
            self.remove_intermediary.emit(self._current())


def evidence_html(evidence: str | None) -> str:
    """The extractor's evidence in full, one step a line: the steps are joined by '; ' in the file."""
    steps = [step.strip() for step in (evidence or "").split("; ") if step.strip()]
    return "<br>".join(f"• {escape(step)}" for step in steps) if steps else "<i>none</i>"
