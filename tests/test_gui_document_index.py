"""An edit costs what it touches: the document's indexes, reading order, and which rows the tables repaint.

Counted, never timed: the indexes must equal a fresh count after every kind of change; an edit must
repaint (and re-sort) only the rows it changed; a sort asks each row for its key once. The article is
the invented one of test_gui_models.
"""

from __future__ import annotations

from collections import Counter

import pytest
from PySide6.QtCore import Qt
from test_gui_models import ids, make_annotation, push, row, rows, span

from quoteapp.gui import commands
from quoteapp.gui.document import AnnotationDocument, reading_position
from quoteapp.gui.entity_model import COL_QUOTES, EntityFilterProxy, EntityTableModel
from quoteapp.gui.quote_filter import FILTER_HELP, QuoteFilterProxy
from quoteapp.gui.quote_model import (
    COL_CONFIDENCE,
    COL_ID,
    COL_STATUS,
    UNPLACED_MARK,
    QuoteTableModel,
)
from quoteapp.model import Quote
from quoteapp.model.reanchor import UNPLACED, with_flag


@pytest.fixture
def document(qapp) -> AnnotationDocument:
    return AnnotationDocument(make_annotation())


def quote_list(document: AnnotationDocument) -> QuoteFilterProxy:
    model = QuoteTableModel()
    model.set_document(document)
    proxy = QuoteFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_ID)
    proxy.model_ref = model
    return proxy


def entity_list(document: AnnotationDocument) -> EntityFilterProxy:
    model = EntityTableModel()
    model.set_document(document)
    proxy = EntityFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_QUOTES, Qt.SortOrder.DescendingOrder)
    proxy.model_ref = model
    return proxy


def fresh_counts(document: AnnotationDocument) -> dict[str, int]:
    """The count as the old scan did it, every entity of every quote, rejected ones left out."""
    counted: Counter[str] = Counter()
    for q in document.quotes:
        if q.status != "rejected":
            counted.update({*(i.entity for i in q.intermediaries), *([q.speaker.entity] if q.speaker else [])})
    return dict(counted)


def check_indexes(document: AnnotationDocument) -> None:
    assert [document.quote_row(q.id) for q in document.quotes] == list(range(len(document.quotes)))
    assert [document.entity_row(e.id) for e in document.entities] == list(range(len(document.entities)))
    assert all(document.quote(q.id) is q for q in document.quotes) and all(
        document.entity(e.id) is e for e in document.entities
    )
    assert document.quote_row("Q99") == -1 and document.quote("Q99") is None and document.entity("E99") is None
    counts = fresh_counts(document)
    assert {e: document.quote_count(e) for e in counts} == counts
    assert all(document.quote_count(e.id) == counts.get(e.id, 0) for e in document.entities)
    assert {k: v for k, v in document.status_counts().items() if v} == dict(Counter(q.status for q in document.quotes))
    positions = [reading_position(q) for q in document.quotes]
    assert positions == sorted(positions), "quotes in reading order"


def test_indexes_stay_right_through_every_edit_and_its_undo(document: AnnotationDocument) -> None:
    steps = [
        lambda: commands.accept(document, "Q1"),
        lambda: commands.reject(document, "Q5"),
        lambda: commands.add_intermediary(document, "Q1", "E6", "outlet"),
        lambda: commands.set_speaker(document, "Q10", "E4"),
        lambda: commands.merge_entities(document, "E1", "E7"),
        lambda: commands.delete_quote(document, "Q3"),
        lambda: commands.add_quote(document, span("were less patient"), "indirect")[0],
        lambda: commands.set_speaker_new_entity(document, "Q2", span("Fishermen")),
        lambda: commands.resize_segment(document, "Q1", 0, span("Fix the")),
        lambda: commands.split_mention(document, "E1", span("Dana Whitfield"))[0],
    ]
    check_indexes(document)
    for step in steps:
        push(document, step())
        check_indexes(document)
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
        check_indexes(document)
    while document.undo_stack.canRedo():
        document.undo_stack.redo()
        check_indexes(document)
    fresh = make_annotation()
    document.replace_content(fresh.quotes, fresh.entities)
    check_indexes(document)


def test_a_new_quote_takes_its_place_in_reading_order_and_j_visits_it_there(document: AnnotationDocument) -> None:
    """An editor's quote inside the text is listed (and reached by J, the next row) where its words are."""
    quotes = quote_list(document)
    command, new_id = commands.add_quote(document, span("less patient"), "indirect")
    push(document, command)
    assert [q.id for q in document.quotes] == ["Q1", "Q2", "Q3", "Q4", "Q10", new_id, "Q5", "Q6"]
    shown = ids(quotes)
    assert shown[shown.index("Q10") + 1] == new_id
    document.undo_stack.undo()
    document.put_quote(Quote("Q20", "direct", [span("We are against paying twice")], status="added"))  # no row given
    assert [q.id for q in document.quotes][2:4] == ["Q20", "Q3"]
    assert ids(quotes)[2] == "Q20"


def test_a_resize_that_moves_a_quote_moves_its_row(qtbot, document: AnnotationDocument) -> None:
    quotes = quote_list(document)
    model = quotes.sourceModel()
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.rowsMoved, timeout=0):
        push(document, commands.resize_segment(document, "Q1", 0, span("the transport ministry")))
    assert [q.id for q in document.quotes] == ["Q2", "Q3", "Q1", "Q4", "Q10", "Q5", "Q6"]
    assert ids(quotes) == ["Q2", "Q3", "Q1", "Q4", "Q10", "Q5"]
    assert row(quotes, "#", "Q1")["Quote"] == "the transport ministry"
    document.undo_stack.undo()
    assert ids(quotes)[0] == "Q1" and resets == []


def changed_rows(model: QuoteTableModel | EntityTableModel) -> list[tuple[int, int, int, int]]:
    """Records every dataChanged as (first row, last row, first column, last column)."""
    seen: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles=(): seen.append((a.row(), b.row(), a.column(), b.column())))
    return seen


def test_a_quote_edit_repaints_only_the_counts_it_changed(document: AnnotationDocument) -> None:
    """Rejecting Q4 changes the counts of its speaker and two intermediaries: three cells, nothing else."""
    entities = entity_list(document)
    model = entities.sourceModel()
    seen = changed_rows(model)
    push(document, commands.accept(document, "Q1"))  # the same entities count it: nothing to repaint
    assert seen == []
    push(document, commands.reject(document, "Q4"))
    touched = {model.id_at(r) for first, last, _, _ in seen for r in range(first, last + 1)}
    assert touched == {"E5", "E3", "E6"}
    assert {(c0, c1) for *_, c0, c1 in seen} == {(COL_QUOTES, COL_QUOTES)}
    counts = {r["Name"]: r["Quotes"] for r in rows(entities)}
    assert (counts["the minister"], counts["Coastal Herald"]) == ("0", "0")


def test_renaming_an_entity_repaints_only_the_quotes_naming_it(document: AnnotationDocument) -> None:
    quotes = quote_list(document)
    model = quotes.sourceModel()
    seen = changed_rows(model)
    push(document, commands.rename_entity(document, "E6", "The Coastal Herald Daily"))
    assert {model.id_at(r) for first, last, _, _ in seen for r in range(first, last + 1)} == {"Q4"}
    assert row(quotes, "#", "Q4")["Intermediaries"].endswith("The Coastal Herald Daily (outlet)")
    seen.clear()
    push(document, commands.set_speaker_new_entity(document, "Q10", span("Fishermen")))  # an entity inserted
    assert {model.id_at(r) for first, last, _, _ in seen for r in range(first, last + 1)} == {"Q10"}
    assert row(quotes, "#", "Q10")["Speaker"] == "Fishermen"


@pytest.mark.parametrize("proxy_of", [quote_list, entity_list], ids=["quotes", "entities"])
def test_sorting_computes_each_rows_key_once(
    document: AnnotationDocument, monkeypatch: pytest.MonkeyPatch, proxy_of
) -> None:
    """A sort compares cached keys: each row's value is computed once, not at every comparison,
    and an edit recomputes only the edited row's."""
    proxy = proxy_of(document)
    model = proxy.sourceModel()
    calls: list[str] = []
    original = type(model).sort_value
    monkeypatch.setattr(
        type(model), "sort_value", lambda self, item, column: calls.append(item.id) or original(self, item, column)
    )
    column = COL_CONFIDENCE if isinstance(proxy, QuoteFilterProxy) else 0
    proxy.sort(column)
    assert sorted(calls) == sorted(set(calls)) and len(calls) == proxy.rowCount()
    calls.clear()
    if isinstance(proxy, QuoteFilterProxy):
        push(document, commands.set_type(document, "Q2", "mixed"))
        assert calls == ["Q2"]
    else:
        push(document, commands.set_entity_kind(document, "E2", "organization"))
        assert calls == ["E2"]


def test_a_quote_re_anchoring_could_not_place_is_marked_and_found_by_the_filter(document: AnnotationDocument) -> None:
    flagged = with_flag(document.quote("Q3"), UNPLACED)
    document.put_quote(flagged)
    quotes = quote_list(document)
    assert row(quotes, "#", "Q3")["Status"] == f"corrected {UNPLACED_MARK}"
    assert row(quotes, "#", "Q1")["Status"] == "auto"
    at = quotes.proxy_row_of("Q3")
    assert "check its segments" in quotes.index(at, COL_STATUS).data(Qt.ItemDataRole.ToolTipRole)
    for typed in ("flag:unplaced", "flag:un", "flag:UNPLACED whitfield"):
        quotes.set_filter_text(typed)
        assert ids(quotes) == ["Q3"], typed
    quotes.set_filter_text("flag:unplaced status:auto")
    assert ids(quotes) == []
    quotes.set_filter_text("")
    quotes.sort(COL_STATUS)
    assert [r["#"] for r in rows(quotes)][-2:] == ["Q3", "Q10"], "sorted as corrected"
    assert "flag:unplaced" in FILTER_HELP
