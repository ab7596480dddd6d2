"""The editor's actions, each with its shortcut, defined in one table.

The menus, the toolbar, Help > Keyboard Shortcuts and the tests all read this table; a window only
says which method runs each action.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget


@dataclass(frozen=True)
class ActionSpec:
    name: str  # the key of its handler (the window binds one to each name)
    text: str
    shortcut: str
    menu: str
    tip: str = ""
    #: when the action can be used: "" always, else one of CONDITIONS
    enabled_when: str = ""
    #: where the handler lives on the window ("edits.next_uncertain"), for an action the window's own
    #: handler table does not name: a part of the window can bring its action without the window changing
    handler: str = ""


#: the window's states an action may need (the window says which hold, `set_enabled` applies them)
CONDITIONS = ("document", "quote", "analysing", "can_undo", "can_redo", "folder_article")
#: ... and those of learning from a folder (`learning.FolderLearning.conditions`)
CONDITIONS += ("folder", "learned_off", "learned_on")


ACTIONS: tuple[ActionSpec, ...] = (
    ActionSpec("open", "&Open…", "Ctrl+O", "File", "Open an article or a saved .quotes.json"),
    ActionSpec("open_folder", "Open &Folder…", "Ctrl+Shift+O", "File", "Open a folder of articles"),
    ActionSpec("save", "&Save", "Ctrl+S", "File", "Save the annotation next to the article", enabled_when="document"),
    ActionSpec("save_as", "Save &As…", "Ctrl+Shift+S", "File", enabled_when="document"),
    ActionSpec(
        "export",
        "&Export Dataset…",
        "Ctrl+E",
        "File",
        "Export the folder's annotations (or the open one) as JSONL, CSV, spaCy DocBin or brat",
    ),
    ActionSpec(
        "reanalyse",
        "Re-&analyse",
        "Ctrl+R",
        "File",
        "Find the quotes again; edited quotes are kept",
        enabled_when="document",
    ),
    ActionSpec("cancel_analysis", "&Cancel Analysis", "Esc", "File", enabled_when="analysing"),
    ActionSpec(
        "learn",
        "&Learn from Reviewed Articles",
        "Ctrl+L",
        "File",
        "Train on the open folder's reviewed articles (File > Open Folder first); its other articles are then"
        " analysed with what was learned",
        enabled_when="folder",
        handler="learning.learn",
    ),
    ActionSpec(
        "use_default_pipeline",
        "Use &Default Pipeline",
        "Ctrl+Shift+L",
        "File",
        "Analyse this folder's articles with the default pipeline again (the learned one is kept)",
        enabled_when="learned_on",
        handler="learning.use_default",
    ),
    ActionSpec(
        "use_learned_pipeline",
        "Use Lear&ned Pipeline",
        "Ctrl+Alt+L",
        "File",
        "Analyse this folder's articles with the pipeline learned from its reviewed articles",
        enabled_when="learned_off",
        handler="learning.use_learned",
    ),
    ActionSpec("quit", "&Quit", "Ctrl+Q", "File"),
    ActionSpec("undo", "&Undo", "Ctrl+Z", "Edit", enabled_when="can_undo"),
    ActionSpec("redo", "&Redo", "Ctrl+Shift+Z", "Edit", enabled_when="can_redo"),
    ActionSpec(
        "find",
        "&Filter Quotes",
        "Ctrl+F",
        "Edit",
        "Filter the quote list (speaker:, status:, type:, flag:, confidence:<0.6)",
    ),
    ActionSpec("next_quote", "&Next Quote", "J", "Quote", enabled_when="document"),
    ActionSpec("previous_quote", "&Previous Quote", "K", "Quote", enabled_when="document"),
    ActionSpec(
        "next_uncertain",
        "Next &Uncertain Quote",
        "U",
        "Quote",
        "The next quote still to review whose confidence is low, in reading order (wraps)",
        enabled_when="document",
        handler="edits.next_uncertain",
    ),
    ActionSpec(
        "previous_uncertain",
        "Previous Uncertain Quote",
        "Shift+U",
        "Quote",
        "The previous quote still to review whose confidence is low (wraps)",
        enabled_when="document",
        handler="edits.previous_uncertain",
    ),
    ActionSpec("accept", "&Accept", "A", "Quote", "Confirm the quote as it is", enabled_when="quote"),
    ActionSpec("reject", "Re&ject", "X", "Quote", "Not a quote: kept as rejected, hidden", enabled_when="quote"),
    ActionSpec("add_quote", "Add &Quote from Selection", "Q", "Quote", enabled_when="document"),
    ActionSpec("resize_segment", "&Resize Segment to Selection", "R", "Quote", enabled_when="quote"),
    ActionSpec("add_segment", "Add Se&gment from Selection", "G", "Quote", enabled_when="quote"),
    ActionSpec("remove_segment", "Remove Last Segment", "Shift+G", "Quote", enabled_when="quote"),
    ActionSpec("set_cue", "Set &Cue from Selection", "C", "Quote", enabled_when="quote"),
    ActionSpec(
        "set_speaker",
        "Set &Speaker…",
        "S",
        "Quote",
        "Pick an entity, or name a new one from the selection",
        enabled_when="quote",
    ),
    ActionSpec("add_intermediary", "Add &Intermediary…", "I", "Quote", enabled_when="quote"),
    ActionSpec("remove_intermediary", "Remove Last Intermediary", "Shift+I", "Quote", enabled_when="quote"),
    ActionSpec("set_type", "Change &Type…", "T", "Quote", enabled_when="quote"),
    ActionSpec("set_parent", "Set &Parent Quote…", "P", "Quote", enabled_when="quote"),
    ActionSpec("delete_quote", "&Delete Quote", "Delete", "Quote", enabled_when="quote"),
    ActionSpec("show_rejected", "Show Re&jected Quotes", "Ctrl+Shift+J", "View"),
    ActionSpec(
        "statistics",
        "Corpus &Statistics…",
        "Ctrl+Shift+T",
        "View",
        "Who is quoted how often and how, for the open folder (or article)",
    ),
    ActionSpec(
        "focus_statement",
        "Go to S&tatement Panel",
        "Ctrl+Shift+V",
        "View",
        "The versions of the selected quote's statement across the folder (Enter opens one)",
        handler="statements.focus",
    ),
    ActionSpec(
        "mark_source",
        "Mark as Primary &Source",
        "Ctrl+Shift+P",
        "Edit",
        "The open article is a transcript, statement or press release: the folder's quotes are checked against it",
        enabled_when="folder_article",
        handler="statements.toggle_source",
    ),
    ActionSpec("rename_entity", "&Rename Entity…", "F2", "Entity"),
    ActionSpec("entity_kind", "Change Entity &Kind…", "Ctrl+K", "Entity"),
    ActionSpec("add_alias", "Add &Alias…", "Ctrl+Shift+A", "Entity"),
    ActionSpec("remove_alias", "Remove A&lias…", "Ctrl+Alt+A", "Entity"),
    ActionSpec("merge_entities", "&Merge Into…", "Ctrl+M", "Entity", "Merge the selected entity into another"),
    ActionSpec(
        "split_mention",
        "&Split Mention Out",
        "Ctrl+Shift+M",
        "Entity",
        "The speaker mention of the selected quote becomes an entity of its own",
    ),
    ActionSpec("next_article", "Next &Article", "Ctrl+PgDown", "Go"),
    ActionSpec("previous_article", "Pre&vious Article", "Ctrl+PgUp", "Go"),
    ActionSpec("shortcuts", "&Keyboard Shortcuts", "F1", "Help"),
)

MENUS = ("File", "Edit", "Quote", "Entity", "View", "Go", "Help")


def build_actions(window: QWidget, handlers: Mapping[str, Callable[[], object]]) -> dict[str, QAction]:
    """One QAction per table row, on `window`, triggering `handlers[name]` (every action needs one)."""
    bound = {spec.name: handlers.get(spec.name) or _handler_on(window, spec.handler) for spec in ACTIONS}
    missing = [name for name, run in bound.items() if run is None]
    if missing:
        raise KeyError(f"no handler for the actions {', '.join(missing)}")
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(spec.text, window)
        action.setObjectName(spec.name)
        action.setShortcut(QKeySequence(spec.shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        if spec.tip:
            action.setStatusTip(spec.tip)
            action.setToolTip(f"{spec.tip} ({spec.shortcut})")
        action.triggered.connect(lambda _checked=False, run=bound[spec.name]: run())
        window.addAction(action)
        actions[spec.name] = action
    actions["show_rejected"].setCheckable(True)
    actions["mark_source"].setCheckable(True)
    return actions


def _handler_on(window: QWidget, path: str) -> Callable[[], object] | None:
    """The window's method at the dotted `path` ("edits.next_uncertain"), None when there is none."""
    target: object = window
    for name in path.split(".") if path else []:
        target = getattr(target, name, None)
    return target if path and callable(target) else None


def set_enabled(actions: Mapping[str, QAction], state: Mapping[str, bool]) -> None:
    """Enable each action whose condition holds in `state` (keys: CONDITIONS; an action without one is always on)."""
    for spec in ACTIONS:
        actions[spec.name].setEnabled(not spec.enabled_when or bool(state.get(spec.enabled_when)))


def shortcuts_html(panels: Mapping[str, Sequence[tuple[str, str, Sequence[str]]]] | None = None) -> str:
    """The shortcut table for Help > Keyboard Shortcuts: the menus' actions, then each panel's own
    (`panels`: heading -> its (name, text, keys) table, keys active while that panel has the focus)."""
    sections = [(menu, [(s.text, (s.shortcut,)) for s in ACTIONS if s.menu == menu]) for menu in MENUS]
    sections += [(heading, [(text, keys) for _, text, keys in table]) for heading, table in (panels or {}).items()]
    rows = []
    for heading, entries in sections:
        if entries:
            rows.append(f"<tr><th colspan=2 align=left><br>{heading}</th></tr>")
            rows += [
                f"<tr><td><b>{' or '.join(_native(k) for k in keys)}</b></td>"
                f"<td>{text.replace('&', '').rstrip('…')}</td></tr>"
                for text, keys in entries
            ]
    return "<table cellpadding=3>" + "".join(rows) + "</table>"


def _native(keys: str) -> str:
    return QKeySequence(keys).toString(QKeySequence.SequenceFormat.NativeText)
