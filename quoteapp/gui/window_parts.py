"""The window's parts, each built by one function that returns it by name (labelme's `_setup_*`
pattern): the quote list with its filter box, the entity list, the article and the quotes in one
split pane, and the status bar's fields. The window only places them and wires their signals."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QLabel,
    QLineEdit,
    QProgressBar,
    QSplitter,
    QStatusBar,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from quoteapp.gui.article_view import ArticleView
from quoteapp.gui.entity_model import EntityFilterProxy, EntityTableModel
from quoteapp.gui.quote_filter import FILTER_HELP, QuoteFilterProxy
from quoteapp.gui.quote_model import QuoteTableModel

#: starting widths of the quote list's columns (#, type, speaker, intermediaries, cue, status,
#: confidence; the quote's words take the rest): all of them fit at 1024 pixels wide
QUOTE_COLUMN_WIDTHS = (40, 62, 120, 110, 52, 70, 76)
#: the article view keeps room for a readable line, however wide the docks are dragged
ARTICLE_MIN_WIDTH = 420


def _table(proxy: QuoteFilterProxy | EntityFilterProxy) -> QTableView:
    """A sortable table of whole rows, one selected at a time."""
    table = QTableView()
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
    table.horizontalHeader().setStretchLastSection(True)
    table.verticalHeader().hide()
    return table


@dataclass
class QuoteList:
    model: QuoteTableModel
    proxy: QuoteFilterProxy
    table: QTableView
    filter_box: QLineEdit
    pane: QWidget  # the filter box above the table


def build_quote_list() -> QuoteList:
    model = QuoteTableModel()
    proxy = QuoteFilterProxy()
    proxy.setSourceModel(model)
    table = _table(proxy)
    table.sortByColumn(0, Qt.SortOrder.AscendingOrder)  # reading order, not Qt's descending
    for column, width in enumerate(QUOTE_COLUMN_WIDTHS):
        table.setColumnWidth(column, width)
    filter_box = QLineEdit()
    filter_box.setPlaceholderText(FILTER_HELP)
    filter_box.setClearButtonEnabled(True)
    filter_box.textChanged.connect(proxy.set_filter_text)
    pane = QWidget()
    layout = QVBoxLayout(pane)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(filter_box)
    layout.addWidget(table)
    return QuoteList(model, proxy, table, filter_box, pane)


@dataclass
class EntityList:
    model: EntityTableModel
    proxy: EntityFilterProxy
    table: QTableView


def build_entity_list() -> EntityList:
    model = EntityTableModel()
    proxy = EntityFilterProxy()
    proxy.setSourceModel(model)
    table = _table(proxy)
    table.sortByColumn(3, Qt.SortOrder.DescendingOrder)  # the most quoted first
    return EntityList(model, proxy, table)


def build_article_pane(view: ArticleView, quotes: QuoteList) -> QSplitter:
    """The article above its quote list; the article keeps a readable width."""
    view.setMinimumWidth(ARTICLE_MIN_WIDTH)  # a widened dock never squeezes the article to a column
    splitter = QSplitter(Qt.Orientation.Vertical)
    splitter.addWidget(view)
    splitter.addWidget(quotes.pane)
    splitter.setSizes([520, 320])
    return splitter


@dataclass
class StatusFields:
    model: QLabel  # the language model in use
    counts: QLabel  # the article's quotes by status
    autosave: QLabel  # shown while autosave cannot write
    progress: QProgressBar


def build_status_fields(bar: QStatusBar) -> StatusFields:
    fields = StatusFields(QLabel(), QLabel(), QLabel(), QProgressBar())
    fields.progress.setMaximumWidth(200)
    fields.progress.hide()
    fields.autosave.hide()
    for label in (fields.counts, fields.autosave):
        bar.addWidget(label)
    bar.addPermanentWidget(fields.progress)
    bar.addPermanentWidget(fields.model)  # the pipeline in use: a passing message never hides it
    return fields
