"""The quote list and the entity panel: what the editor sees in the tables, while editing and filtering.

The article and its annotation are made up here (never taken from the shared corpus): a mayor, her
spokesman, an anonymous official relaying a claim reported by an outlet, a split quote, a rejected
quote, an editor's quote, and emoji outside the BMP.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSortFilterProxyModel, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtTest import QAbstractItemModelTester
from PySide6.QtWidgets import QComboBox, QCompleter

from quoteapp.gui import commands
from quoteapp.gui.document import AnnotationDocument
from quoteapp.gui.entity_model import COL_NAME, ENTITY_ID_ROLE, EntityFilterProxy, EntityTableModel
from quoteapp.gui.palette import is_dark, speaker_colour
from quoteapp.gui.quote_filter import QuoteFilterProxy
from quoteapp.gui.quote_model import (
    COL_CONFIDENCE,
    COL_ID,
    COL_QUOTE,
    COL_SPEAKER,
    COL_STATUS,
    QUOTE_ID_ROLE,
    SORT_ROLE,
    QuoteTableModel,
    clip,
)
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker

TEXT = (
    "Harbour council delays ferry vote\n\n"
    "The mayor of Port Ellis, Dana Whitfield, said on Monday that the ferry contract "
    "\u201cneeds another look before anyone signs it.\u201d\n\n"
    "\u201cWe are not against the ferry,\u201d Mayor Whitfield told reporters. "
    "\u201cWe are against paying twice for it.\u201d\n\n"
    "Her spokesman Omar Reyes said the council would publish the figures next week, once the auditors "
    "from the regional office had finished checking every invoice.\n\n"
    "An official at the transport ministry said the minister had privately backed the plan, "
    "according to the Coastal Herald.\n\n"
    "Fishermen \U0001f3a3\U0001f41f were less patient. \u201cFix the \U0001f6a2 schedule first,\u201d "
    "said Lena Okafor, who runs a bait shop.\n\n"
    "\u201cNobody reads these reports,\u201d a reader wrote.\n"
)


def span(needle: str, nth: int = 1) -> Span:
    """The span of the nth occurrence of `needle` in TEXT (code points, as the model counts)."""
    at = -1
    for _ in range(nth):
        at = TEXT.index(needle, at + 1)
    return Span.of(TEXT, at, at + len(needle))


LONG = (
    "the council would publish the figures next week, once the auditors from the regional office had "
    "finished checking every invoice"
)


def make_annotation() -> Annotation:
    entities = [
        Entity("E1", "person", "Dana Whitfield", ["The mayor of Port Ellis"], mentions=[span("Dana Whitfield")]),
        Entity("E2", "person", "Omar Reyes", ["Her spokesman"], mentions=[span("Omar Reyes")]),
        Entity(
            "E3",
            "anonymous",
            "official at the transport ministry",
            [],
            mentions=[span("official at the transport ministry")],
        ),
        Entity("E4", "person", "Lena Okafor", [], mentions=[span("Lena Okafor")]),
        Entity("E5", "person", "the minister", [], mentions=[span("the minister")]),
        Entity("E6", "outlet", "Coastal Herald", ["the Coastal Herald"], mentions=[span("Coastal Herald")]),
        Entity("E7", "person", "Mayor Whitfield", [], mentions=[span("Mayor Whitfield")]),
    ]
    quotes = [
        Quote(
            "Q1",
            "mixed",
            [span("the ferry contract \u201cneeds another look before anyone signs it.")],
            cue=span("said"),
            speaker=Speaker("E1", span("Dana Whitfield")),
            confidence=0.82,
            evidence="ccomp of 'said'",
        ),
        Quote(
            "Q2",
            "direct",
            [span("We are not against the ferry,"), span("We are against paying twice for it.")],
            cue=span("told"),
            speaker=Speaker("E7", span("Mayor Whitfield")),
            status="accepted",
            confidence=0.91,
        ),
        Quote(
            "Q3",
            "indirect",
            [span(LONG)],
            cue=span("said", 2),
            speaker=Speaker("E1"),
            intermediaries=[Intermediary("E2", "spokesperson", span("Omar Reyes"))],
            status="corrected",
            confidence=0.55,
            evidence="spokesman of the mayor",
        ),
        Quote(
            "Q4",
            "indirect",
            [span("the minister had privately backed the plan")],
            cue=span("said", 3),
            speaker=Speaker("E5", span("the minister")),
            intermediaries=[
                Intermediary("E3", "relay", span("official at the transport ministry")),
                Intermediary("E6", "outlet", span("Coastal Herald")),
            ],
            confidence=0.4,
        ),
        Quote(
            "Q5",
            "direct",
            [span("Fix the \U0001f6a2 schedule first,")],
            cue=span("said", 4),
            speaker=Speaker("E4", span("Lena Okafor")),
            confidence=0.97,
        ),
        Quote(
            "Q6", "direct", [span("Nobody reads these reports,")], cue=span("wrote"), status="rejected", confidence=0.3
        ),
        Quote(
            "Q10",
            "indirect",
            [span("Fishermen \U0001f3a3\U0001f41f were less patient")],
            status="added",
            evidence="added by an editor",
        ),
    ]
    return Annotation(Document("ferry", TEXT), entities, quotes)


@pytest.fixture
def document(qapp) -> AnnotationDocument:
    return AnnotationDocument(make_annotation())


@pytest.fixture
def quotes(document: AnnotationDocument) -> QuoteFilterProxy:
    """The quote list as the window has it: model behind the filter proxy, sorted by #."""
    model = QuoteTableModel()
    model.set_document(document)
    proxy = QuoteFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_ID)
    proxy.model_ref = model  # keep the source alive with the proxy
    return proxy


@pytest.fixture
def entities(document: AnnotationDocument) -> EntityFilterProxy:
    model = EntityTableModel()
    model.set_document(document)
    proxy = EntityFilterProxy()
    proxy.setSourceModel(model)
    proxy.sort(COL_NAME)
    proxy.model_ref = model
    return proxy


def header(model: QSortFilterProxyModel | QuoteTableModel) -> list[str]:
    return [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]


def rows(model: QSortFilterProxyModel) -> list[dict[str, str]]:
    """The table as the editor reads it: one dict per visible row, column title -> text."""
    names = header(model)
    return [{name: model.index(r, c).data() for c, name in enumerate(names)} for r in range(model.rowCount())]


def row(model: QSortFilterProxyModel, key: str, value: str) -> dict[str, str]:
    found = [r for r in rows(model) if r[key] == value]
    assert len(found) == 1, (key, value, rows(model))
    return found[0]


def ids(proxy: QSortFilterProxyModel) -> list[str]:
    return [r["#"] for r in rows(proxy)]


def push(document: AnnotationDocument, command) -> None:
    document.undo_stack.push(command)


# --- the models obey Qt's rules, through every kind of change -----------------------------------------------


def _edit_everything(
    document: AnnotationDocument, model: QuoteTableModel | EntityTableModel, proxies: list[QSortFilterProxyModel]
) -> None:
    """Every kind of signal the document sends, then all of it undone and redone."""
    push(document, commands.accept(document, "Q1"))
    push(document, commands.reject(document, "Q5"))
    push(document, commands.rename_entity(document, "E4", "L. Okafor"))
    push(document, commands.merge_entities(document, "E1", "E7"))
    push(document, commands.delete_quote(document, "Q3"))
    push(document, commands.add_quote(document, span("were less patient"), "indirect")[0])
    push(document, commands.set_speaker_new_entity(document, "Q10", span("Fishermen")))
    for proxy in proxies:
        if isinstance(proxy, QuoteFilterProxy):
            proxy.set_show_rejected(True)
            proxy.set_filter_text("status:auto whitfield")
            proxy.set_filter_text("")
            proxy.set_show_rejected(False)
        else:
            proxy.set_filter_text("okafor")
            proxy.set_filter_text("")
        proxy.sort(COL_CONFIDENCE if isinstance(proxy, QuoteFilterProxy) else 3, Qt.SortOrder.DescendingOrder)
    while document.undo_stack.canUndo():
        document.undo_stack.undo()
    while document.undo_stack.canRedo():
        document.undo_stack.redo()
    document.replace_content([], [])
    model.set_document(None)
    model.set_document(AnnotationDocument(make_annotation()))


@pytest.mark.parametrize("kind", ["quotes", "quote proxy", "entities", "entity proxy"])
def test_models_pass_the_python_model_tester(qtmodeltester, document: AnnotationDocument, kind: str) -> None:
    model = QuoteTableModel() if kind.startswith("quote") else EntityTableModel()
    model.set_document(document)
    tested: QuoteTableModel | EntityTableModel | QSortFilterProxyModel = model
    proxies: list[QSortFilterProxyModel] = []
    if kind.endswith("proxy"):
        proxy = QuoteFilterProxy() if kind.startswith("quote") else EntityFilterProxy()
        proxy.setSourceModel(model)
        proxy.sort(0)
        tested, proxies = proxy, [proxy]
    qtmodeltester.check(tested, force_py=True)
    _edit_everything(document, model, proxies)


@pytest.mark.parametrize("kind", ["quotes", "quote proxy", "entities", "entity proxy"])
def test_models_pass_qts_model_tester(qtlog, document: AnnotationDocument, kind: str) -> None:
    """Qt's own C++ tester, which reports through warnings: there must be none."""
    model = QuoteTableModel() if kind.startswith("quote") else EntityTableModel()
    model.set_document(document)
    tested: QuoteTableModel | EntityTableModel | QSortFilterProxyModel = model
    proxies: list[QSortFilterProxyModel] = []
    if kind.endswith("proxy"):
        proxy = QuoteFilterProxy() if kind.startswith("quote") else EntityFilterProxy()
        proxy.setSourceModel(model)
        tested, proxies = proxy, [proxy]
    tester = QAbstractItemModelTester(tested, QAbstractItemModelTester.FailureReportingMode.Warning)
    _edit_everything(document, model, proxies)
    assert tester is not None
    complaints = [r.message for r in qtlog.records if r.type != Qt.QtMsgType.QtDebugMsg]
    assert complaints == []


# --- what the quote list shows --------------------------------------------------------------------------------


def test_quote_list_columns_and_cells(quotes: QuoteFilterProxy) -> None:
    assert header(quotes) == ["#", "Type", "Speaker", "Intermediaries", "Cue", "Status", "Confidence", "Quote"]
    assert row(quotes, "#", "Q1") == {
        "#": "Q1",
        "Type": "mixed",
        "Speaker": "Dana Whitfield",
        "Intermediaries": "",
        "Cue": "said",
        "Status": "auto",
        "Confidence": "0.82",
        "Quote": "the ferry contract \u201cneeds another look before anyone signs it.",
    }
    assert row(quotes, "#", "Q2")["Quote"] == "We are not against the ferry, \u2026 We are against paying twice for it."
    assert row(quotes, "#", "Q3")["Intermediaries"] == "Omar Reyes (spokesperson)"
    assert row(quotes, "#", "Q4")["Intermediaries"] == (
        "official at the transport ministry (relay) \u2192 Coastal Herald (outlet)"
    )
    assert row(quotes, "#", "Q4")["Confidence"] == "0.40"
    editors = row(quotes, "#", "Q10")
    assert (editors["Speaker"], editors["Confidence"], editors["Status"], editors["Cue"]) == ("\u2014", "", "added", "")


def test_long_quote_shows_its_opening_words_and_the_tooltip_everything(quotes: QuoteFilterProxy) -> None:
    opening = row(quotes, "#", "Q3")["Quote"]
    assert opening.endswith("\u2026") and len(opening) <= 81
    assert LONG.startswith(opening[:-1]) and LONG[len(opening) - 1] == " ", "cut between words"
    tip = quotes.index(quotes.proxy_row_of("Q3"), COL_QUOTE).data(Qt.ItemDataRole.ToolTipRole)
    for shown in (LONG, "Dana Whitfield", "Omar Reyes (spokesperson)", "spokesman of the mayor", "corrected"):
        assert shown in tip


def test_emoji_outside_the_bmp_display_whole(quotes: QuoteFilterProxy) -> None:
    assert row(quotes, "#", "Q5")["Quote"] == "Fix the \U0001f6a2 schedule first,"
    assert row(quotes, "#", "Q10")["Quote"] == "Fishermen \U0001f3a3\U0001f41f were less patient"
    quotes.set_filter_text("\U0001f6a2")
    assert ids(quotes) == ["Q5"]
    family = "\U0001f468\u200d\U0001f469\u200d\U0001f467"  # one visible character, five code points
    for text in ("x" * 78 + family + " tail", family * 30, "\U0001f6a2" * 100):
        cut = clip(text)
        cut.encode("utf-16")  # no lone surrogate: it would raise
        body = cut[:-1]
        assert cut.endswith("\u2026") and len(cut) <= 81 and text.startswith(body)
        assert body.count("\U0001f468") == body.count("\U0001f467"), "no family cut in half"


def test_quote_id_role_and_sort_values(quotes: QuoteFilterProxy) -> None:
    at = quotes.proxy_row_of("Q4")
    assert quotes.index(at, COL_QUOTE).data(QUOTE_ID_ROLE) == "Q4"
    assert quotes.quote_id_at(at) == "Q4"
    assert quotes.index(at, COL_ID).data(SORT_ROLE) == span("the minister had privately").start, "reading order"
    assert quotes.index(at, COL_CONFIDENCE).data(SORT_ROLE) == pytest.approx(0.4)
    assert quotes.quote_id_at(99) is None


def test_speaker_cell_has_the_speakers_colour(quotes: QuoteFilterProxy) -> None:
    dark = is_dark(QGuiApplication.palette())

    def colour(quote_id: str):
        return quotes.index(quotes.proxy_row_of(quote_id), COL_SPEAKER).data(Qt.ItemDataRole.BackgroundRole)

    assert colour("Q1") == speaker_colour("E1", dark) == colour("Q3")
    assert colour("Q5") == speaker_colour("E4", dark) != colour("Q1")
    assert colour("Q10") is None, "no speaker, no colour"


def test_rejected_quotes_are_hidden_unless_asked_for_then_greyed(quotes: QuoteFilterProxy) -> None:
    assert "Q6" not in ids(quotes) and quotes.proxy_row_of("Q6") == -1
    quotes.set_show_rejected(True)
    assert ids(quotes) == ["Q1", "Q2", "Q3", "Q4", "Q10", "Q5", "Q6"]
    rejected = quotes.index(quotes.proxy_row_of("Q6"), COL_QUOTE)
    normal = quotes.index(quotes.proxy_row_of("Q5"), COL_QUOTE)
    font = rejected.data(Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert rejected.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert normal.data(Qt.ItemDataRole.FontRole) is None and normal.data(Qt.ItemDataRole.ForegroundRole) is None
    quotes.set_show_rejected(False)
    assert "Q6" not in ids(quotes)


# --- sorting --------------------------------------------------------------------------------------------------


def test_sorting_by_number_is_reading_order(quotes: QuoteFilterProxy) -> None:
    """The # column sorts by place in the text: the editor's Q10 stands where its words are (J/K follow it)."""
    quotes.set_show_rejected(True)
    assert ids(quotes) == ["Q1", "Q2", "Q3", "Q4", "Q10", "Q5", "Q6"]
    quotes.sort(COL_ID, Qt.SortOrder.DescendingOrder)
    assert ids(quotes) == ["Q6", "Q5", "Q10", "Q4", "Q3", "Q2", "Q1"]


def test_sorting_by_confidence_is_numeric(quotes: QuoteFilterProxy) -> None:
    quotes.set_show_rejected(True)
    quotes.sort(COL_CONFIDENCE)
    assert [r["Confidence"] for r in rows(quotes)] == ["", "0.30", "0.40", "0.55", "0.82", "0.91", "0.97"]
    quotes.sort(COL_CONFIDENCE, Qt.SortOrder.DescendingOrder)
    assert [r["#"] for r in rows(quotes)][:2] == ["Q5", "Q2"]


def test_sorting_by_speaker_and_status(quotes: QuoteFilterProxy) -> None:
    quotes.sort(COL_SPEAKER)
    assert [r["Speaker"] for r in rows(quotes)] == [
        "\u2014",
        "Dana Whitfield",
        "Dana Whitfield",
        "Lena Okafor",
        "Mayor Whitfield",
        "the minister",
    ]
    quotes.sort(COL_STATUS)
    assert [r["Status"] for r in rows(quotes)] == ["auto", "auto", "auto", "accepted", "corrected", "added"]


def test_sort_follows_edits(document: AnnotationDocument, quotes: QuoteFilterProxy) -> None:
    quotes.sort(COL_CONFIDENCE, Qt.SortOrder.DescendingOrder)
    assert ids(quotes)[0] == "Q5"
    push(document, commands.reject(document, "Q5"))
    assert ids(quotes)[0] == "Q2"


# --- the filter box -------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("", ["Q1", "Q2", "Q3", "Q4", "Q10", "Q5"]),
        ("ferry", ["Q1", "Q2"]),  # the quote's words
        ("FERRY twice", ["Q2"]),  # every word, any case
        ("whitfield", ["Q1", "Q2", "Q3"]),  # the speaker
        ("mayor of port", ["Q1", "Q3"]),  # a speaker's alias
        ("herald", ["Q4"]),  # an intermediary
        ("told", ["Q2"]),  # the cue
        ("speaker:okafor", ["Q5"]),
        ('speaker:"dana whitfield"', ["Q1", "Q3"]),
        ("speaker:none", ["Q10"]),
        ("status:auto", ["Q1", "Q4", "Q5"]),
        ("status:acc", ["Q2"]),
        ("status:auto status:corr", ["Q1", "Q3", "Q4", "Q5"]),  # one key twice: either
        ("type:direct", ["Q2", "Q5"]),
        ("type:in status:auto", ["Q4"]),
        ("type:dir ferry", ["Q2"]),
        ("status:rejected", ["Q6"]),  # naming rejected shows them
        ("status:rej", ["Q6"]),
        ("status:", ["Q1", "Q2", "Q3", "Q4", "Q10", "Q5"]),  # still typing: nothing narrowed yet
        ("nobody", []),  # rejected, so hidden
        ("zebra", []),
    ],
)
def test_filter_box(quotes: QuoteFilterProxy, typed: str, shown: list[str]) -> None:
    quotes.set_filter_text(typed)
    assert ids(quotes) == shown
    assert quotes.filter_text() == typed


def test_filter_with_show_rejected_and_row_lookup(quotes: QuoteFilterProxy) -> None:
    quotes.set_show_rejected(True)
    quotes.set_filter_text("nobody")
    assert ids(quotes) == ["Q6"]
    assert quotes.proxy_row_of("Q6") == 0 and quotes.proxy_row_of("Q1") == -1 and quotes.proxy_row_of("Q99") == -1


# --- the quote list follows the undo stack ------------------------------------------------------------------


def test_accept_then_undo_and_redo(document: AnnotationDocument, quotes: QuoteFilterProxy) -> None:
    push(document, commands.accept(document, "Q1"))
    assert row(quotes, "#", "Q1")["Status"] == "accepted"
    document.undo_stack.undo()
    assert row(quotes, "#", "Q1")["Status"] == "auto"
    document.undo_stack.redo()
    assert row(quotes, "#", "Q1")["Status"] == "accepted"


def test_reject_hides_the_row_and_undo_brings_it_back(document: AnnotationDocument, quotes: QuoteFilterProxy) -> None:
    push(document, commands.reject(document, "Q4"))
    assert "Q4" not in ids(quotes)
    quotes.set_show_rejected(True)
    assert row(quotes, "#", "Q4")["Status"] == "rejected"
    quotes.set_show_rejected(False)
    document.undo_stack.undo()
    assert row(quotes, "#", "Q4")["Status"] == "auto"


def test_delete_and_add_quote_insert_and_remove_rows(
    qtbot, document: AnnotationDocument, quotes: QuoteFilterProxy
) -> None:
    model = quotes.sourceModel()
    with qtbot.waitSignal(model.rowsRemoved, timeout=0):  # a row removed, not the whole table reset
        push(document, commands.delete_quote(document, "Q3"))
    assert ids(quotes) == ["Q1", "Q2", "Q4", "Q10", "Q5"]
    document.undo_stack.undo()
    assert row(quotes, "#", "Q3")["Speaker"] == "Dana Whitfield"
    assert model.row_of("Q3") == 2

    command, new_id = commands.add_quote(document, span("less patient"), "indirect")
    push(document, command)
    added = row(quotes, "#", new_id)
    assert (added["Quote"], added["Status"], added["Confidence"], added["Speaker"]) == (
        "less patient",
        "added",
        "",
        "\u2014",
    )
    assert new_id == "Q11" and ids(quotes) == ["Q1", "Q2", "Q3", "Q4", "Q10", "Q11", "Q5"]
    document.undo_stack.undo()
    assert new_id not in ids(quotes)


def test_entity_edits_change_the_speaker_and_intermediary_cells(
    document: AnnotationDocument, quotes: QuoteFilterProxy
) -> None:
    push(document, commands.rename_entity(document, "E6", "The Coastal Herald Daily"))
    assert row(quotes, "#", "Q4")["Intermediaries"].endswith("The Coastal Herald Daily (outlet)")
    push(document, commands.merge_entities(document, "E1", "E7"))
    assert row(quotes, "#", "Q2")["Speaker"] == "Dana Whitfield"
    quotes.set_filter_text("speaker:dana")
    assert ids(quotes) == ["Q1", "Q2", "Q3"]
    document.undo_stack.undo()
    assert ids(quotes) == ["Q1", "Q3"]
    quotes.set_filter_text("")
    assert row(quotes, "#", "Q2")["Speaker"] == "Mayor Whitfield"


def test_another_document_replaces_the_old_one(document: AnnotationDocument, quotes: QuoteFilterProxy) -> None:
    model = quotes.sourceModel()
    other = AnnotationDocument(make_annotation())
    model.set_document(other)
    push(document, commands.delete_quote(document, "Q1"))  # the old document no longer reaches the table
    assert "Q1" in ids(quotes)
    push(other, commands.delete_quote(other, "Q1"))
    assert "Q1" not in ids(quotes)
    model.set_document(None)
    assert quotes.rowCount() == 0 and model.rowCount() == 0


# --- the entity panel -----------------------------------------------------------------------------------------


def test_entity_panel_rows(entities: EntityFilterProxy) -> None:
    assert header(entities) == ["Kind", "Name", "Aliases", "Quotes"]
    assert [r["Name"] for r in rows(entities)] == [
        "Coastal Herald",
        "Dana Whitfield",
        "Lena Okafor",
        "Mayor Whitfield",
        "official at the transport ministry",
        "Omar Reyes",
        "the minister",
    ]
    assert row(entities, "Name", "Dana Whitfield") == {
        "Kind": "person",
        "Name": "Dana Whitfield",
        "Aliases": "The mayor of Port Ellis",
        "Quotes": "2",
    }
    assert row(entities, "Name", "Coastal Herald")["Kind"] == "outlet"
    at = entities.proxy_row_of("E4")
    assert entities.index(at, COL_NAME).data(ENTITY_ID_ROLE) == "E4" == entities.entity_id_at(at)
    assert entities.index(at, 3).data(SORT_ROLE) == 1
    dark = is_dark(QGuiApplication.palette())
    assert entities.index(at, COL_NAME).data(Qt.ItemDataRole.DecorationRole) == speaker_colour("E4", dark)
    assert "Lena Okafor" in entities.index(at, 0).data(Qt.ItemDataRole.ToolTipRole)


def test_entity_sort_and_filter(entities: EntityFilterProxy) -> None:
    entities.sort(3, Qt.SortOrder.DescendingOrder)
    assert [r["Quotes"] for r in rows(entities)] == ["2", "1", "1", "1", "1", "1", "1"]
    assert rows(entities)[0]["Name"] == "Dana Whitfield"
    entities.set_filter_text("whitfield")
    assert [r["Name"] for r in rows(entities)] == ["Dana Whitfield", "Mayor Whitfield"]
    entities.set_filter_text("PORT ellis")  # an alias
    assert [r["Name"] for r in rows(entities)] == ["Dana Whitfield"]
    entities.set_filter_text("outlet")  # the kind
    assert [r["Name"] for r in rows(entities)] == ["Coastal Herald"]
    assert entities.proxy_row_of("E1") == -1


def test_entity_counts_follow_quote_edits(document: AnnotationDocument, entities: EntityFilterProxy) -> None:
    push(document, commands.reject(document, "Q5"))
    assert row(entities, "Name", "Lena Okafor")["Quotes"] == "0", "rejected quotes do not count"
    push(document, commands.delete_quote(document, "Q3"))
    assert row(entities, "Name", "Omar Reyes")["Quotes"] == "0"
    document.undo_stack.undo()
    document.undo_stack.undo()
    assert row(entities, "Name", "Lena Okafor")["Quotes"] == "1"
    assert row(entities, "Name", "Omar Reyes")["Quotes"] == "1"


def test_merge_removes_the_row_and_undo_restores_it(document: AnnotationDocument, entities: EntityFilterProxy) -> None:
    push(document, commands.merge_entities(document, "E1", "E7"))
    names = [r["Name"] for r in rows(entities)]
    assert "Mayor Whitfield" not in names
    kept = row(entities, "Name", "Dana Whitfield")
    assert kept["Quotes"] == "3" and "Mayor Whitfield" in kept["Aliases"].split(", ")
    document.undo_stack.undo()
    assert row(entities, "Name", "Mayor Whitfield")["Quotes"] == "1"
    assert row(entities, "Name", "Dana Whitfield")["Quotes"] == "2"
    document.undo_stack.redo()
    assert entities.proxy_row_of("E7") == -1 and entities.sourceModel().row_of("E7") == -1


def test_new_speaker_entity_appears(document: AnnotationDocument, entities: EntityFilterProxy) -> None:
    push(document, commands.set_speaker_new_entity(document, "Q10", span("Fishermen")))
    assert row(entities, "Name", "Fishermen")["Quotes"] == "1"
    document.undo_stack.undo()
    assert "Fishermen" not in [r["Name"] for r in rows(entities)]


def test_entity_model_feeds_a_speaker_picker(qtbot, document: AnnotationDocument, entities: EntityFilterProxy) -> None:
    combo = QComboBox()
    qtbot.addWidget(combo)
    combo.setModel(entities)
    combo.setModelColumn(COL_NAME)
    assert [combo.itemText(i) for i in range(combo.count())][:3] == ["Coastal Herald", "Dana Whitfield", "Lena Okafor"]
    completer = QCompleter(entities)
    completer.setCompletionColumn(COL_NAME)
    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    completer.setCompletionPrefix("lena")
    assert completer.currentCompletion() == "Lena Okafor"
    assert completer.currentIndex().data(ENTITY_ID_ROLE) == "E4"
