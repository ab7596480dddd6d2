"""Reviewing the least certain first, as an editor does it from the keyboard: U and Shift+U jump to the
next and previous uncertain quote (in reading order, wrapping, said in the status bar), the filter box
narrows by confidence, the list sorts by it, and the detail panel shows the whole evidence.

The article and its annotation are invented here; the window runs without a language model (the
annotation is a saved file, nothing is analysed).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from quoteapp.formats.attribution import write_annotation
from quoteapp.gui import dialogs
from quoteapp.gui.actions import shortcuts_html
from quoteapp.gui.main_window import MainWindow
from quoteapp.gui.quote_model import COL_CONFIDENCE, COL_ID
from quoteapp.model import Annotation, Document, Entity, Quote, Span, Speaker

TEXT = (
    "Harbour fees to rise\n\n"
    "Port director Anna Berg said the fees would rise in May.\n\n"
    "Berg added that smaller boats would pay less.\n\n"
    "Tomas Berg, a ferry captain, said the rise was unfair.\n\n"
    "The council said it would review the plan.\n\n"
    "A fisherman said nobody had asked them.\n\n"
    "Critics said the port was hiding its accounts.\n\n"
    "The minister said she had not been told.\n\n"
    "The mayor said the harbour would stay open.\n"
)
AMBIGUITY = "'Berg' could be Anna Berg or Tomas Berg"


def at(words: str) -> Span:
    start = TEXT.index(words)
    return Span(start, start + len(words), words)


def quote(qid: str, words: str, confidence: float | None, status: str = "auto", evidence: str = "") -> Quote:
    return Quote(
        qid,
        "indirect",
        [at(words)],
        speaker=Speaker("E1"),
        status=status,
        confidence=confidence,
        evidence=evidence or None,
    )


def annotation() -> Annotation:
    """Uncertain (auto, below 0.6): Q2 and Q5 only; Q3/Q4 low but reviewed, Q6 rejected, Q8 at 0.6."""
    quotes = [
        quote("Q1", "the fees would rise in May", 0.9),
        quote("Q2", "smaller boats would pay less", 0.4, evidence=f"ccomp of 'added'; speaker: {AMBIGUITY}"),
        quote("Q3", "the rise was unfair", 0.3, status="accepted"),
        quote("Q4", "it would review the plan", 0.55, status="corrected"),
        quote("Q5", "nobody had asked them", 0.5),
        quote("Q6", "the port was hiding its accounts", 0.2, status="rejected"),
        quote("Q7", "she had not been told", None, status="added"),
        quote("Q8", "the harbour would stay open", 0.6),
    ]
    entities = [Entity("E1", "person", "Anna Berg", ["Berg"], mentions=[at("Anna Berg")])]
    return Annotation(Document("harbour", TEXT, path="harbour.txt"), entities, quotes)


@pytest.fixture
def review(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The editor on the saved annotation, shown and active, the focus in the quote list."""
    from PySide6.QtCore import QSettings

    QSettings().clear()
    monkeypatch.setattr(dialogs, "unsaved_changes", lambda *a: "discard")
    (tmp_path / "harbour.txt").write_text(TEXT, encoding="utf-8")
    saved = tmp_path / "harbour.quotes.json"
    write_annotation(annotation(), saved)
    window = MainWindow(load_model=False)
    qtbot.addWidget(window)
    assert window.open_path(saved)
    window.show()
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.quote_table.setFocus()
    yield window
    window.shutdown()


def shown_ids(window: MainWindow) -> list[str]:
    proxy = window.quote_proxy
    return [proxy.index(row, COL_ID).data() for row in range(proxy.rowCount())]


def press(qtbot, window: MainWindow, key: Qt.Key, shift: bool = False) -> str:
    """Press a key in the quote list; the status bar's message afterwards."""
    modifier = Qt.KeyboardModifier.ShiftModifier if shift else Qt.KeyboardModifier.NoModifier
    qtbot.keyClick(window.quote_table, key, modifier)
    return window.statusBar().currentMessage()


def test_u_jumps_to_the_next_uncertain_quote_in_reading_order_and_wraps(qtbot, review: MainWindow) -> None:
    review.select_quote("Q1")
    message = press(qtbot, review, Qt.Key.Key_U)
    assert review.current_quote_id() == "Q2"
    assert "Q2" in message and "0.40" in message and "went round" not in message
    press(qtbot, review, Qt.Key.Key_U)
    assert review.current_quote_id() == "Q5", "accepted, corrected, rejected and 0.6 quotes are skipped"
    message = press(qtbot, review, Qt.Key.Key_U)
    assert review.current_quote_id() == "Q2"
    assert "went round" in message


def test_the_jump_follows_the_text_whatever_the_list_is_sorted_by(qtbot, review: MainWindow) -> None:
    review.quote_table.sortByColumn(COL_CONFIDENCE, Qt.SortOrder.DescendingOrder)
    assert shown_ids(review)[:3] == ["Q1", "Q8", "Q4"]
    review.select_quote("Q2")
    message = press(qtbot, review, Qt.Key.Key_U)
    assert review.current_quote_id() == "Q5" and "went round" not in message


def test_shift_u_goes_back_and_wraps_to_the_end(qtbot, review: MainWindow) -> None:
    review.select_quote("Q5")
    press(qtbot, review, Qt.Key.Key_U, shift=True)
    assert review.current_quote_id() == "Q2"
    message = press(qtbot, review, Qt.Key.Key_U, shift=True)
    assert review.current_quote_id() == "Q5"
    assert "went round" in message


def test_accepted_quotes_are_never_uncertain_and_the_status_bar_says_when_none_is_left(
    qtbot, review: MainWindow
) -> None:
    review.select_quote("Q2")
    press(qtbot, review, Qt.Key.Key_A)  # accepting moves on to Q3
    review.select_quote("Q5")
    message = press(qtbot, review, Qt.Key.Key_U)
    assert review.current_quote_id() == "Q5"
    assert message.startswith("No other uncertain quote left")
    press(qtbot, review, Qt.Key.Key_A)
    review.select_quote("Q1")
    message = press(qtbot, review, Qt.Key.Key_U)
    assert review.current_quote_id() == "Q1"
    assert message.startswith("No uncertain quote left")
    qtbot.keyClick(review.quote_table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    press(qtbot, review, Qt.Key.Key_U)
    assert review.current_quote_id() == "Q5", "undoing the accept makes the quote uncertain again"


def test_the_threshold_is_a_preference(qtbot, review: MainWindow) -> None:
    review.select_quote("Q8")
    assert "uncertain" not in review.detail.summary.toPlainText()
    review.quote_model.preferences.uncertain_below = 0.7
    review.select_quote("Q5")
    press(qtbot, review, Qt.Key.Key_U)
    assert review.current_quote_id() == "Q8"
    assert "uncertain" in review.detail.summary.toPlainText(), "the panel follows the same preference"


def test_the_jump_stays_within_the_filtered_list(qtbot, review: MainWindow) -> None:
    qtbot.keyClicks(review.filter_box, "smaller")
    assert shown_ids(review) == ["Q2"]
    review.quote_table.setFocus()
    review.select_quote("Q2")
    message = press(qtbot, review, Qt.Key.Key_U)
    assert review.current_quote_id() == "Q2" and message.startswith("No other uncertain quote")
    assert shown_ids(review) == ["Q2"], "the filter the editor typed is kept"


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("confidence:<0.6", ["Q2", "Q3", "Q4", "Q5"]),
        ("confidence:<=0.6", ["Q2", "Q3", "Q4", "Q5", "Q8"]),
        ("confidence:<=0.5", ["Q2", "Q3", "Q5"]),
        ("confidence:>0.8", ["Q1"]),
        ("confidence:>=0.4 confidence:<0.6", ["Q2", "Q4", "Q5"]),
        ("confidence:0.55", ["Q4"]),
        ("confidence:<0.6 status:auto", ["Q2", "Q5"]),
        ("confidence:<", ["Q1", "Q2", "Q3", "Q4", "Q5", "Q7", "Q8"]),
    ],
)
def test_the_filter_box_narrows_by_confidence(qtbot, review: MainWindow, typed: str, shown: list[str]) -> None:
    qtbot.keyClicks(review.filter_box, typed)
    assert shown_ids(review) == shown


def test_clicking_the_confidence_header_sorts_the_least_certain_first(qtbot, review: MainWindow) -> None:
    header = review.quote_table.horizontalHeader()
    x = header.sectionViewportPosition(COL_CONFIDENCE) + header.sectionSize(COL_CONFIDENCE) // 2
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    if header.sortIndicatorOrder() != Qt.SortOrder.AscendingOrder:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, header.height() // 2))
    proxy = review.quote_proxy
    shown = [proxy.index(row, COL_CONFIDENCE).data() for row in range(proxy.rowCount())]
    assert shown == ["", "0.30", "0.40", "0.50", "0.55", "0.60", "0.90"]


def test_the_detail_panel_shows_the_whole_evidence_and_that_the_quote_is_uncertain(qtbot, review: MainWindow) -> None:
    review.select_quote("Q2")
    text = review.detail.summary.toPlainText()
    assert AMBIGUITY in text
    assert "uncertain" in text
    lines = [line.strip("• ").strip() for line in text.splitlines()]
    assert "ccomp of 'added'" in lines and f"speaker: {AMBIGUITY}" in lines, "one step of the evidence a line"
    review.select_quote("Q3")
    assert "uncertain" not in review.detail.summary.toPlainText(), "an accepted quote is not uncertain"


def test_the_uncertain_quotes_stand_out_in_the_confidence_column(review: MainWindow) -> None:
    proxy = review.quote_proxy
    bold = {
        proxy.index(row, COL_ID).data()
        for row in range(proxy.rowCount())
        if (font := proxy.index(row, COL_CONFIDENCE).data(Qt.ItemDataRole.FontRole)) is not None and font.bold()
    }
    assert bold == {"Q2", "Q5"}
    assert "uncertain" in proxy.index(shown_ids(review).index("Q2"), COL_ID).data(Qt.ItemDataRole.ToolTipRole)


def test_the_shortcuts_come_from_the_one_table_and_are_shown(review: MainWindow) -> None:
    assert review.actions["next_uncertain"].shortcut().toString() == "U"
    assert review.actions["previous_uncertain"].shortcut().toString() == "Shift+U"
    quote_menu = next(m for m in review.menuBar().actions() if m.text() == "&Quote").menu()
    assert {"next_uncertain", "previous_uncertain"} <= {a.objectName() for a in quote_menu.actions()}
    table = shortcuts_html()
    assert "Next Uncertain Quote" in table and "Previous Uncertain Quote" in table and "Shift+U" in table
