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
def doc(qapp) -> AnnotationDocument:  # noqa: ANN001 - pytest-qt's QApplication
    return AnnotationDocument(make_annotation())


def quote_list(doc: AnnotationDocument) -> QuoteFilterProxy:
    model = QuoteTableModel()
    model.set_document(doc)
    proxy = QuoteFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_ID)
    proxy.model_ref = model
    return proxy


def entity_list(doc: AnnotationDocument) -> EntityFilterProxy:
    model = EntityTableModel()
    model.set_document(doc)
    proxy = EntityFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_QUOTES, Qt.SortOrder.DescendingOrder)
    proxy.model_ref = model
    return proxy


def fresh_counts(doc: AnnotationDocument) -> dict[str, int]:
    """The count as the old scan did it, every entity of every quote, rejected ones left out."""
    counted: Counter[str] = Counter()
    for q in doc.quotes:
        if q.status != "rejected":
            counted.update({*(i.entity for i in q.intermediaries), *([q.speaker.entity] if q.speaker else [])})
    return dict(counted)


def check_indexes(doc: AnnotationDocument) -> None:
    assert [doc.quote_row(q.id) for q in doc.quotes] == list(range(len(doc.quotes)))
    assert [doc.entity_row(e.id) for e in doc.entities] == list(range(len(doc.entities)))
    assert all(doc.quote(q.id) is q for q in doc.quotes) and all(doc.entity(e.id) is e for e in doc.entities)
    assert doc.quote_row("Q99") == -1 and doc.quote("Q99") is None and doc.entity("E99") is None
    counts = fresh_counts(doc)
    assert {e: doc.quote_count(e) for e in counts} == counts
    assert all(doc.quote_count(e.id) == counts.get(e.id, 0) for e in doc.entities)
    assert {k: v for k, v in doc.status_counts().items() if v} == dict(Counter(q.status for q in doc.quotes))
    positions = [reading_position(q) for q in doc.quotes]
    assert positions == sorted(positions), "quotes in reading order"


def test_indexes_stay_right_through_every_edit_and_its_undo(doc: AnnotationDocument) -> None:
    steps = [
        lambda: commands.accept(doc, "Q1"),
        lambda: commands.reject(doc, "Q5"),
        lambda: commands.add_intermediary(doc, "Q1", "E6", "outlet"),
        lambda: commands.set_speaker(doc, "Q10", "E4"),
        lambda: commands.merge_entities(doc, "E1", "E7"),
        lambda: commands.delete_quote(doc, "Q3"),
        lambda: commands.add_quote(doc, span("were less patient"), "indirect")[0],
        lambda: commands.set_speaker_new_entity(doc, "Q2", span("Fishermen")),
        lambda: commands.resize_segment(doc, "Q1", 0, span("Fix the")),
        lambda: commands.split_mention(doc, "E1", span("Dana Whitfield"))[0],
    ]
    check_indexes(doc)
    for step in steps:
        push(doc, step())
        check_indexes(doc)
    while doc.undo_stack.canUndo():
        doc.undo_stack.undo()
        check_indexes(doc)
    while doc.undo_stack.canRedo():
        doc.undo_stack.redo()
        check_indexes(doc)
    fresh = make_annotation()
    doc.replace_content(fresh.quotes, fresh.entities)
    check_indexes(doc)


def test_a_new_quote_takes_its_place_in_reading_order_and_j_visits_it_there(doc: AnnotationDocument) -> None:
    """An editor's quote inside the text is listed (and reached by J, the next row) where its words are."""
    quotes = quote_list(doc)
    command, new_id = commands.add_quote(doc, span("less patient"), "indirect")
    push(doc, command)
    assert [q.id for q in doc.quotes] == ["Q1", "Q2", "Q3", "Q4", "Q10", new_id, "Q5", "Q6"]
    shown = ids(quotes)
    assert shown[shown.index("Q10") + 1] == new_id
    doc.undo_stack.undo()
    doc.put_quote(Quote("Q20", "direct", [span("We are against paying twice")], status="added"))  # no row given
    assert [q.id for q in doc.quotes][2:4] == ["Q20", "Q3"]
    assert ids(quotes)[2] == "Q20"


def test_a_resize_that_moves_a_quote_moves_its_row(qtbot, doc: AnnotationDocument) -> None:
    quotes = quote_list(doc)
    model = quotes.sourceModel()
    resets: list[int] = []
    model.modelReset.connect(lambda: resets.append(1))
    with qtbot.waitSignal(model.rowsMoved, timeout=0):
        push(doc, commands.resize_segment(doc, "Q1", 0, span("the transport ministry")))
    assert [q.id for q in doc.quotes] == ["Q2", "Q3", "Q1", "Q4", "Q10", "Q5", "Q6"]
    assert ids(quotes) == ["Q2", "Q3", "Q1", "Q4", "Q10", "Q5"]
    assert row(quotes, "#", "Q1")["Quote"] == "the transport ministry"
    doc.undo_stack.undo()
    assert ids(quotes)[0] == "Q1" and resets == []


def changed_rows(model: QuoteTableModel | EntityTableModel) -> list[tuple[int, int, int, int]]:
    """Records every dataChanged as (first row, last row, first column, last column)."""
    seen: list[tuple[int, int, int, int]] = []
    model.dataChanged.connect(lambda a, b, _roles=(): seen.append((a.row(), b.row(), a.column(), b.column())))
    return seen


def test_a_quote_edit_repaints_only_the_counts_it_changed(doc: AnnotationDocument) -> None:
    """Rejecting Q4 changes the counts of its speaker and two intermediaries: three cells, nothing else."""
    entities = entity_list(doc)
    model = entities.sourceModel()
    seen = changed_rows(model)
    push(doc, commands.accept(doc, "Q1"))  # the same entities count it: nothing to repaint
    assert seen == []
    push(doc, commands.reject(doc, "Q4"))
    touched = {model.id_at(r) for first, last, _, _ in seen for r in range(first, last + 1)}
    assert touched == {"E5", "E3", "E6"}
    assert {(c0, c1) for *_, c0, c1 in seen} == {(COL_QUOTES, COL_QUOTES)}
    counts = {r["Name"]: r["Quotes"] for r in rows(entities)}
    assert (counts["the minister"], counts["Coastal Herald"]) == ("0", "0")


def test_renaming_an_entity_repaints_only_the_quotes_naming_it(doc: AnnotationDocument) -> None:
    quotes = quote_list(doc)
    model = quotes.sourceModel()
    seen = changed_rows(model)
    push(doc, commands.rename_entity(doc, "E6", "The Coastal Herald Daily"))
    assert {model.id_at(r) for first, last, _, _ in seen for r in range(first, last + 1)} == {"Q4"}
    assert row(quotes, "#", "Q4")["Intermediaries"].endswith("The Coastal Herald Daily (outlet)")
    seen.clear()
    push(doc, commands.set_speaker_new_entity(doc, "Q10", span("Fishermen")))  # an entity inserted
    assert {model.id_at(r) for first, last, _, _ in seen for r in range(first, last + 1)} == {"Q10"}
    assert row(quotes, "#", "Q10")["Speaker"] == "Fishermen"


@pytest.mark.parametrize("proxy_of", [quote_list, entity_list], ids=["quotes", "entities"])
def test_sorting_computes_each_rows_key_once(doc: AnnotationDocument, monkeypatch: pytest.MonkeyPatch,
                                             proxy_of) -> None:  # noqa: ANN001
    """A sort compares cached keys: each row's value is computed once, not at every comparison,
    and an edit recomputes only the edited row's."""
    proxy = proxy_of(doc)
    model = proxy.sourceModel()
    calls: list[str] = []
    original = type(model).sort_value
    monkeypatch.setattr(type(model), "sort_value", lambda self, item, column: calls.append(item.id) or original(
        self, item, column))
    column = COL_CONFIDENCE if isinstance(proxy, QuoteFilterProxy) else 0
    proxy.sort(column)
    assert sorted(calls) == sorted(set(calls)) and len(calls) == proxy.rowCount()
    calls.clear()
    if isinstance(proxy, QuoteFilterProxy):
        push(doc, commands.set_type(doc, "Q2", "mixed"))
        assert calls == ["Q2"]
    else:
        push(doc, commands.set_entity_kind(doc, "E2", "organization"))
        assert calls == ["E2"]


def test_a_quote_re_anchoring_could_not_place_is_marked_and_found_by_the_filter(doc: AnnotationDocument) -> None:
    flagged = with_flag(doc.quote("Q3"), UNPLACED)
    doc.put_quote(flagged)
    quotes = quote_list(doc)
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

