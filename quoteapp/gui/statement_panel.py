"""The Statement panel: every version of the selected quote's statement across the folder, side by side.

A table lists the versions (article and quote, type, speaker with the chain the words came through,
flags); the primary source is starred and the selected quote's own version is in bold. Below it, each
version's words are set against the selected version's, word by word, as tracked changes: the
selected version's words that this one lacks are struck through in red, the words only this one has
are green. Enter or a double-click on a row, or a click on a version's heading, asks the window to
open that article at that quote (`open_version`). What a statement is comes from
`quoteapp.model.statements`; the panel only shows one.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt, QUrl, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QLabel,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from quoteapp.gui.palette import is_dark
from quoteapp.model.statements import FLAG_KINDS, PASSAGE, Statement, Version, WordDiff, word_diff

#: (document id, quote id): one version of a statement, as the model names it
VersionKey = tuple[str, str]
AnyIndex = QModelIndex | QPersistentModelIndex

COLUMNS = ("Article", "Type", "Flags", "Speaker ← chain")
COL_FLAGS, COL_CHAIN = 2, 3
#: the widest the article and flags columns start (pixels)
COLUMN_MAX_WIDTHS = {0: 150, COL_FLAGS: 170}
#: the row's version key, for the window to open it
VERSION_ROLE = Qt.ItemDataRole.UserRole + 1
SOURCE_MARK = "★"

#: what the panel says when there is nothing to compare (keys: the states `StatementPanel.show_state` takes)
EMPTY_TEXTS = {
    "no_folder": "Open a folder of articles (File > Open Folder) to compare each statement's versions.",
    "computing": "Finding the statements the folder's articles share…",
    "no_quote": "No quote selected.",
    "alone": "This quote has no other version in the folder, and no primary source holds it.",
}

#: (text colour, background) of deleted and inserted words, on a light and on a dark theme
_DELETED = {False: ("#a40000", "#fbdada"), True: ("#ff9c9c", "#5a1d1d")}
_INSERTED = {False: ("#0b6b0b", "#d7f3d7"), True: ("#9be59b", "#1d4a1d")}


def key_of(version: Version) -> VersionKey:
    return version.article, version.quote


def passage_span(version: Version) -> tuple[int, int] | None:
    """Where a version that is a passage of a primary source (no quote of it) is in the source's text."""
    if not version.quote.startswith(PASSAGE):
        return None
    start, _, end = version.quote[len(PASSAGE) :].partition("-")
    return (int(start), int(end)) if start.isdigit() and end.isdigit() else None


def version_name(version: Version) -> str:
    """How the panel names a version: "b Q3", or "src (source text)" for a passage of a primary source."""
    where = "(source text)" if passage_span(version) is not None else version.quote
    return f"{version.article} {where}"


def chain_text(version: Version) -> str:
    """The speaker and who passed the words on, speaker first: "Haftar ← al-Mesmari (spokesperson)"."""
    if passage_span(version) is not None and version.speaker is None:
        return "the source's own words"
    speaker = version.speaker or "no speaker"
    if not version.intermediaries:
        return f"{speaker} (firsthand)"
    return " ← ".join([speaker, *(f"{name} ({role})" for name, role in version.intermediaries)])


def flag_labels(version: Version) -> list[str]:
    """The version's kinds of difference, each once, as a user reads them."""
    kinds = dict.fromkeys(flag.kind for flag in version.flags)
    return [FLAG_KINDS.get(kind, kind) for kind in kinds]


def diff_against(version: Version, selected: Version) -> tuple[WordDiff, ...]:
    """`version`'s words against the selected version's (`ours` this version, `theirs` the selected),
    all of them (a flag's diff may hold only the quoted fragments)."""
    return tuple(word_diff(version.text, selected.text))


def diff_html(diff: Sequence[WordDiff], dark: bool = False) -> str:
    """The runs as tracked changes from the selected version to this one: its lost words struck through
    in red, the words only this version has in green, a changed run as both."""
    deleted, inserted = _DELETED[dark], _INSERTED[dark]
    gone = f"<span style='color:{deleted[0]}; background-color:{deleted[1]}; text-decoration:line-through'>"
    new = f"<span style='color:{inserted[0]}; background-color:{inserted[1]}'>"
    parts = []
    for run in diff:
        if run.op == "equal":
            parts.append(escape(run.ours))
            continue
        if run.op in ("replace", "insert") and run.theirs:
            parts.append(f"{gone}{escape(run.theirs)}</span>")
        if run.op in ("replace", "delete") and run.ours:
            parts.append(f"{new}{escape(run.ours)}</span>")
    return " ".join(parts)


class _ElideMiddle(QStyledItemDelegate):
    """Long article ids lose their middle, not their end: "003_91…859 Q5" keeps the quote id."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideMiddle


class VersionModel(QAbstractTableModel):
    """The versions of one statement, one row each, in the statement's order."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.versions: tuple[Version, ...] = ()
        self.selected: VersionKey | None = None

    def set_statement(self, statement: Statement | None, selected: VersionKey | None) -> None:
        self.beginResetModel()
        self.versions = statement.versions if statement is not None else ()
        self.selected = selected
        self.endResetModel()

    def version_at(self, row: int) -> Version | None:
        return self.versions[row] if 0 <= row < len(self.versions) else None

    def row_of(self, key: VersionKey | None) -> int:
        return next((i for i, v in enumerate(self.versions) if key_of(v) == key), -1)

    # --- QAbstractTableModel -------------------------------------------------------------------------
    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self.versions)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section] if 0 <= section < len(COLUMNS) else None
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole):
        version = self.version_at(index.row()) if index.isValid() else None
        if version is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._cell(version, index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tip(version, index.column())
        if role == Qt.ItemDataRole.FontRole and key_of(version) == self.selected:
            font = QFont()
            font.setBold(True)
            return font
        if role == VERSION_ROLE:
            return key_of(version)
        return None

    def _cell(self, version: Version, column: int) -> str:
        if column == 0:
            return f"{SOURCE_MARK + ' ' if version.is_source else ''}{version_name(version)}"
        if column == 1:
            return version.type
        if column == COL_CHAIN:
            return chain_text(version)
        return ", ".join(flag_labels(version)) or "—"

    def _tip(self, version: Version, column: int) -> str:
        if column == COL_FLAGS and version.flags:
            return "\n".join(f"{FLAG_KINDS.get(f.kind, f.kind)}: {f.detail}" for f in version.flags)
        source = "Primary source. " if version.is_source else ""
        this = "The selected quote. " if key_of(version) == self.selected else ""
        return f"{source}{this}{version.text}"


class StatementPanel(QWidget):
    """The versions of the selected quote's statement and how each differs from the selected one."""

    #: (document id, quote id) the editor asked to open
    open_version = Signal(str, str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.statement: Statement | None = None
        self.model = VersionModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        self.table.setItemDelegateForColumn(0, _ElideMiddle(self.table))
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.activated.connect(self._activated)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _old: self._scroll_to(current.row()))
        self.heading = QLabel()
        self.heading.setWordWrap(True)
        self.empty = QLabel()
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.empty.setStyleSheet("color: gray; padding: 6px")
        self.words = QTextBrowser()
        self.words.setOpenLinks(False)
        self.words.anchorClicked.connect(self._anchor)
        self.split = QSplitter(Qt.Orientation.Vertical)  # the versions above their words, resizable
        self.split.addWidget(self.table)
        self.split.addWidget(self.words)
        self.split.setSizes([140, 260])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        for widget, stretch in ((self.heading, 0), (self.empty, 1), (self.split, 1)):
            layout.addWidget(widget, stretch)
        self.show_state("no_folder")

    def show_state(self, state: str) -> None:
        """Nothing to compare: say why (a key of EMPTY_TEXTS)."""
        self.statement = None
        self.model.set_statement(None, None)
        self.empty.setText(EMPTY_TEXTS[state])
        self._showing(False)

    def show_statement(self, statement: Statement, selected: VersionKey) -> None:
        """The statement's versions, compared with the selected quote's (`selected`)."""
        self.statement = statement
        self.model.set_statement(statement, selected)
        self._fit_columns()
        sources = sum(v.is_source for v in statement.versions)
        source = f", {sources} from a primary source ({SOURCE_MARK})" if sources else ""
        self.heading.setText(
            f"<b>Statement {escape(statement.id)}</b>: {len(statement.versions)} versions{source}. "
            f"Each against the selected quote (in bold): {self._legend()}"
        )
        self.words.setHtml(self._versions_html(statement, selected))
        self._showing(True)
        row = self.model.row_of(selected)
        if row >= 0:
            self.table.selectRow(row)

    def _fit_columns(self) -> None:
        """Columns as wide as their cells, but long article ids and flag lists elided (their tool tips
        say them whole), so the speaker's chain stays in sight in a narrow dock."""
        self.table.resizeColumnsToContents()
        for column, widest in COLUMN_MAX_WIDTHS.items():
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), widest))

    def _showing(self, statement: bool) -> None:
        self.empty.setVisible(not statement)
        for widget in (self.heading, self.split):
            widget.setVisible(statement)

    def _dark(self) -> bool:
        return is_dark(self.palette())

    def _legend(self) -> str:
        legend = (WordDiff("insert", "", "words it lacks"), WordDiff("delete", "words only it has", ""))
        return diff_html(legend, self._dark())

    def _versions_html(self, statement: Statement, selected: VersionKey) -> str:
        chosen = next((v for v in statement.versions if key_of(v) == selected), None)
        blocks = []
        for row, version in enumerate(statement.versions):
            mine = key_of(version) == selected
            words = (
                escape(version.text)
                if mine or chosen is None
                else diff_html(diff_against(version, chosen), self._dark())
            )
            star = f"{SOURCE_MARK} primary source · " if version.is_source else ""
            this = " · <i>the selected quote</i>" if mine else ""
            flags = "".join(
                f"<br><span style='color:gray'>⚑ {escape(FLAG_KINDS.get(f.kind, f.kind))}: {escape(f.detail)}</span>"
                for f in version.flags
            )
            blocks.append(
                f"<p><a name='v{row}'></a><a href='version:{row}'>{escape(version_name(version))}</a> · "
                f"{star}{escape(version.type)} · {escape(chain_text(version))}{this}"
                f"<br>“{words}”{flags}</p>"
            )
        return "".join(blocks)

    def _scroll_to(self, row: int) -> None:
        if row >= 0:
            self.words.scrollToAnchor(f"v{row}")

    def _activated(self, index: QModelIndex) -> None:
        self._open_row(index.row())

    def _anchor(self, url: QUrl) -> None:
        text = url.toString()
        if text.startswith("version:") and text[len("version:") :].isdigit():
            self._open_row(int(text[len("version:") :]))

    def _open_row(self, row: int) -> None:
        version = self.model.version_at(row)
        if version is not None:
            self.open_version.emit(version.article, version.quote)
