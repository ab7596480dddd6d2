"""Helpers for driving the editor window as an editor would: open an article, select text, trigger
actions, check an edit's undo and redo. The fixtures that build the window are in conftest.py."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from quoteapp.gui.main_window import MainWindow
from quoteapp.model import Quote, validate

ARTICLE = (
    "Ferry strike ends in Brakvik\n\n"
    "The ferry workers of Brakvik ended their strike on Sunday, union leader Mara Lind said.\n\n"
    "“We got what we asked for,” Lind told reporters. “The boats sail again tomorrow.”\n\n"
    "The harbour director, Olav Strand, said that the timetable would be back to normal by Friday.\n\n"
    "A city official said the deal would cost the city two million crowns.\n"
)


def open_analysed(qtbot, window: MainWindow, path: Path) -> None:
    """Open an article and wait until its analysis is in the window."""
    assert window.open_path(path)
    qtbot.waitUntil(
        lambda: window.document is not None and len(window.document.quotes) > 0 and window.job is None, timeout=60000
    )


def select_text(window: MainWindow, words: str, occurrence: int = 0) -> None:
    """Select `words` (its `occurrence`-th time) in the article view, as a mouse drag would."""
    text = window.document.text  # type: ignore[union-attr]
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(words, start + 1)
    window.view.select_span(start, start + len(words))


def trigger(window: MainWindow, name: str) -> None:
    action = window.actions[name]
    assert action.isEnabled(), f"{name} is disabled"
    action.trigger()


def current(window: MainWindow) -> Quote:
    quote = window.document.quote(window.current_quote_id())  # type: ignore[union-attr]
    assert quote is not None
    return quote


def select_quote_with(window: MainWindow, words: str) -> None:
    quote = next(q for q in window.document.quotes if any(words in s.text for s in q.segments))  # type: ignore[union-attr]
    window.select_quote(quote.id)
    assert window.current_quote_id() == quote.id


def undo_redo(window: MainWindow, check_before: Callable[[], object], check_after: Callable[[], object]) -> None:
    """The edit just made holds; undone, the state before holds; redone, the edit again. Each check
    returns true when it holds (or fails the test itself)."""
    assert check_after(), "the edit did not take"
    trigger(window, "undo")
    assert check_before(), "undo did not bring the state before back"
    trigger(window, "redo")
    assert check_after(), "redo did not bring the edit back"
    validate(window.document.annotation)  # type: ignore[union-attr]
