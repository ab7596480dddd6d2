"""The editor's actions, each with its shortcut, defined in one table.

The menus, the toolbar, Help > Keyboard Shortcuts and the tests all read this table; a window only
says which method runs each action.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ActionSpec:
    name: str  # also the window's method: `do_<name>`
    text: str
    shortcut: str
    menu: str
    tip: str = ""


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open…", "Ctrl+O", "File", "Open an article or a saved .quotes.json"),
    ActionSpec("open_folder", "Open &Folder…", "Ctrl+Shift+O", "File", "Open a folder of articles"),
    ActionSpec("save", "&Save", "Ctrl+S", "File", "Save the annotation next to the article"),
    ActionSpec("save_as", "Save &As…", "Ctrl+Shift+S", "File"),
    ActionSpec("export", "&Export Dataset…", "Ctrl+E", "File",
               "Export the folder's annotations (or the open one) as JSONL, CSV, spaCy DocBin or brat"),
    ActionSpec("reanalyse", "Re-&analyse", "Ctrl+R", "File", "Find the quotes again; edited quotes are kept"),
    ActionSpec("cancel_analysis", "&Cancel Analysis", "Esc", "File"),
    ActionSpec("quit", "&Quit", "Ctrl+Q", "File"),
    ActionSpec("undo", "&Undo", "Ctrl+Z", "Edit"),
    ActionSpec("redo", "&Redo", "Ctrl+Shift+Z", "Edit"),
    ActionSpec("find", "&Filter Quotes", "Ctrl+F", "Edit", "Filter the quote list (speaker:, status:, type:, flag:)"),
    ActionSpec("next_quote", "&Next Quote", "J", "Quote"),
    ActionSpec("previous_quote", "&Previous Quote", "K", "Quote"),
    ActionSpec("accept", "&Accept", "A", "Quote", "Confirm the quote as it is"),
    ActionSpec("reject", "Re&ject", "X", "Quote", "Not a quote: kept as rejected, hidden"),
    ActionSpec("add_quote", "Add &Quote from Selection", "Q", "Quote"),
    ActionSpec("resize_segment", "&Resize Segment to Selection", "R", "Quote"),
    ActionSpec("add_segment", "Add Se&gment from Selection", "G", "Quote"),
    ActionSpec("remove_segment", "Remove Last Segment", "Shift+G", "Quote"),
    ActionSpec("set_cue", "Set &Cue from Selection", "C", "Quote"),
    ActionSpec("set_speaker", "Set &Speaker…", "S", "Quote", "Pick an entity, or name a new one from the selection"),
    ActionSpec("add_intermediary", "Add &Intermediary…", "I", "Quote"),
    ActionSpec("remove_intermediary", "Remove Last Intermediary", "Shift+I", "Quote"),
    ActionSpec("set_type", "Change &Type…", "T", "Quote"),
    ActionSpec("set_parent", "Set &Parent Quote…", "P", "Quote"),
    ActionSpec("delete_quote", "&Delete Quote", "Delete", "Quote"),
    ActionSpec("show_rejected", "Show Re&jected Quotes", "Ctrl+Shift+J", "View"),
    ActionSpec("statistics", "Corpus &Statistics…", "Ctrl+Shift+T", "View",
               "Who is quoted how often and how, for the open folder (or article)"),
    ActionSpec("rename_entity", "&Rename Entity…", "F2", "Entity"),
    ActionSpec("entity_kind", "Change Entity &Kind…", "Ctrl+K", "Entity"),
    ActionSpec("add_alias", "Add &Alias…", "Ctrl+Shift+A", "Entity"),
    ActionSpec("remove_alias", "Remove A&lias…", "Ctrl+Alt+A", "Entity"),
    ActionSpec("merge_entities", "&Merge Into…", "Ctrl+M", "Entity", "Merge the selected entity into another"),
    ActionSpec("split_mention", "&Split Mention Out", "Ctrl+Shift+M", "Entity",
               "The speaker mention of the selected quote becomes an entity of its own"),
    ActionSpec("next_article", "Next &Article", "Ctrl+PgDown", "Go"),
    ActionSpec("previous_article", "Pre&vious Article", "Ctrl+PgUp", "Go"),
    ActionSpec("shortcuts", "&Keyboard Shortcuts", "F1", "Help"),
)

MENUS = ("File", "Edit", "Quote", "Entity", "View", "Go", "Help")


def build_actions(window: QWidget, handler: Callable[[str], Callable[[], None]]) -> dict[str, QAction]:
    """One QAction per table row, on `window`, triggering `handler(name)`."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, window)
        action.setObjectName(spec.name)
        action.setShortcut(QKeySequence(spec.shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(f"{spec.tip} ({spec.shortcut})")
        action.triggered.connect(handler(spec.name))
        window.addAction(action)
        actions[spec.name] = action
    actions["show_rejected"].setCheckable(True)
    return actions


def shortcuts_html() -> str:
    """The shortcut table for Help > Keyboard Shortcuts."""
    rows = []
    for menu in MENUS:
        specs = [s for s in ACTIONS if s.menu == menu]
        if specs:
            rows.append(f"<tr><th colspan=2 align=left><br>{menu}</th></tr>")
            rows += [f"<tr><td><b>{QKeySequence(s.shortcut).toString(QKeySequence.SequenceFormat.NativeText)}"
                     f"</b></td><td>{s.text.replace('&', '').rstrip('…')}</td></tr>" for s in specs]
    return "<table cellpadding=3>" + "".join(rows) + "</table>"
