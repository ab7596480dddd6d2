"""The editor window with the invented annotation of test_gui_models (no language model needed):
J/K follow reading order, also to an added quote, and a changed article marks the quotes that lost words.

Dialogs are answered by monkeypatching quoteapp.gui.dialogs, as in test_gui_window.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import select_text, trigger
from test_gui_models import TEXT, make_annotation

from quoteapp.corpus.locations import annotation_path_for
from quoteapp.formats.attribution import read_annotation, write_annotation
from quoteapp.gui import dialogs
from quoteapp.gui.main_window import MainWindow
from quoteapp.gui.quote_model import UNPLACED_MARK
from quoteapp.model.reanchor import UNPLACED, quote_flags


@pytest.fixture
def window(qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    monkeypatch.setattr(dialogs, "unsaved_changes", lambda *a: "discard")
    win = MainWindow(load_model=False)
    qtbot.addWidget(win)
    yield win
    win.shutdown()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """The article with its saved annotation beside it."""
    path = tmp_path / "ferry.txt"
    path.write_text(TEXT, encoding="utf-8")
    annotation = make_annotation()
    annotation.document.path = path.name
    write_annotation(annotation, annotation_path_for(path))
    return path


def visited(window: MainWindow) -> list[str]:
    """The quotes J visits from the first row on."""
    window.select_row(0)
    seen = [window.current_quote_id()]
    for _ in range(window.quote_proxy.rowCount() - 1):
        trigger(window, "next_quote")
        seen.append(window.current_quote_id())
    return seen


def test_j_visits_an_added_quote_where_its_words_are(window: MainWindow, article: Path, monkeypatch) -> None:
    assert window.open_path(article)
    assert visited(window) == ["Q1", "Q2", "Q3", "Q4", "Q10", "Q5"], "reading order, not the numbers"
    monkeypatch.setattr(dialogs, "choose", lambda *a, **k: "indirect")
    select_text(window, "were less patient")
    trigger(window, "add_quote")
    assert window.current_quote_id() == "Q11"
    assert visited(window) == ["Q1", "Q2", "Q3", "Q4", "Q10", "Q11", "Q5"]
    window.select_quote("Q11")
    trigger(window, "previous_quote")
    assert window.current_quote_id() == "Q10"


def test_a_changed_article_marks_the_quotes_that_lost_words(window: MainWindow, article: Path, monkeypatch) -> None:
    article.write_text(
        TEXT.replace("privately backed the plan", "backed the plan").replace(
            "Harbour council", "UPDATED \U0001f4f0 Harbour council"
        ),
        encoding="utf-8",
    )
    monkeypatch.setattr(dialogs, "article_changed", lambda *a: "reanchor")
    messages: list[str] = []
    monkeypatch.setattr(dialogs, "info", lambda parent, title, message: messages.append(message))
    assert window.open_path(article)
    assert "Q4" in messages[0]
    proxy = window.quote_proxy
    statuses = {proxy.quote_id_at(r): proxy.index(r, 5).data() for r in range(proxy.rowCount())}
    assert statuses["Q4"] == f"auto {UNPLACED_MARK}" and statuses["Q1"] == "auto"
    window.filter_box.setText("flag:unplaced")
    assert [proxy.quote_id_at(r) for r in range(proxy.rowCount())] == ["Q4"]
    trigger(window, "save")
    assert quote_flags(read_annotation(annotation_path_for(article)).quote("Q4")) == [UNPLACED]
