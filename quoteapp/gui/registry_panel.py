"""The corpus's speakers: one identity across the folder's articles, which the editor confirms,
merges, splits and links ("speaks for"), and the merges the registry suggests (a role described in
one article, named in another), taken with Enter or dismissed.

Every decision is an undo step (`registry_commands`) pushed on the stack `undo_stack` gives (the open
article's): Ctrl+Z undoes it, Save writes it. Without a stack (a panel on its own) an edit is applied
and written at once with `save`.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from quoteapp.corpus import registry as R
from quoteapp.formats.errors import FormatError
from quoteapp.gui import dialogs
from quoteapp.gui.registry_commands import registry_edit
from quoteapp.model.registry import Member, Registry

ID_ROLE = Qt.ItemDataRole.UserRole
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1
SUGGESTION_ROLE = Qt.ItemDataRole.UserRole + 2

#: the panel's actions: name, text, shortcuts (active while the panel or its list has the focus)
ACTION_TABLE = (
    ("merge", "Merge into…", ("Ctrl+Alt+M",)),
    ("split", "Split out", ("Ctrl+Alt+S",)),
    ("confirm", "Confirm", ("Ctrl+Alt+C",)),
    ("speaks_for", "Speaks for…", ("Ctrl+Alt+F",)),
    ("accept_suggestion", "Merge as suggested", ("Return", "Enter")),
    ("dismiss_suggestion", "Dismiss", ("Shift+Del",)),
)


class RegistryPanel(QWidget):
    changed = Signal()  # the registry shown changed (an edit, its undo or redo)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = Registry()
        self.save: Callable[[Registry], None] | None = None  # writes the folder's registry file
        self.undo_stack: Callable[[], QUndoStack | None] = lambda: None  # where edits go as undo steps
        self.suggested_label = QLabel("Suggested")
        self.suggested = QListWidget()
        self.suggested.setMaximumHeight(90)
        self.suggested.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Speaker", "Kind", "Articles", "Speaks for", "Confirmed", "Id"])
        for column, width in ((0, 190), (1, 80), (2, 55), (3, 120), (4, 70)):
            self.tree.header().resizeSection(column, width)
        self.actions = self._build_actions()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.suggestion_buttons = QWidget()
        self.suggestion_buttons.setLayout(self._buttons(("accept_suggestion", "dismiss_suggestion")))
        self.suggestion_buttons.layout().setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.suggested_label)
        layout.addWidget(self.suggested)
        layout.addWidget(self.suggestion_buttons)
        layout.addWidget(self.tree)
        layout.addLayout(self._buttons(("merge", "split", "confirm", "speaks_for")))
        self.fill()

    def _build_actions(self) -> dict[str, QAction]:
        slots = {
            "merge": self.merge,
            "split": self.split,
            "confirm": self.confirm,
            "speaks_for": self.speaks_for,
            "accept_suggestion": self.accept_suggestion,
            "dismiss_suggestion": self.dismiss_suggestion,
        }
        actions = {}
        for name, text, keys in ACTION_TABLE:
            action = QAction(text, self)
            action.setShortcuts([QKeySequence(k) for k in keys])
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(f"{text.rstrip('…')} ({QKeySequence(keys[0]).toString()})")
            action.triggered.connect(slots[name])
            (self.suggested if name.endswith("suggestion") else self).addAction(action)
            actions[name] = action
        return actions

    def _buttons(self, names: tuple[str, ...]) -> QHBoxLayout:
        row = QHBoxLayout()
        for name in names:
            button = QToolButton()
            button.setDefaultAction(self.actions[name])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
            row.addWidget(button)
        row.addStretch()
        return row

    def set_registry(self, registry: Registry, save: Callable[[Registry], None] | None) -> None:
        """Show `registry`; an edit made without an undo stack is written with `save` (None: nowhere)."""
        self.registry, self.save = registry, save
        self.fill()

    def show_registry(self, registry: Registry) -> None:
        """Put `registry` in place (an undo step's redo or undo): the panel and the views follow."""
        self.registry = registry
        self.fill()
        self.changed.emit()

    # --- showing -----------------------------------------------------------------------------------
    def fill(self) -> None:
        """The identities, most widespread first, with their articles' entities under them; the
        suggestions above (hidden when there are none)."""
        current = self.current_identity()
        self.tree.clear()
        for identity in sorted(self.registry.identities, key=lambda i: (-len(i.articles), i.name.lower())):
            principal = self.registry.identity(identity.speaks_for) if identity.speaks_for else None
            item = QTreeWidgetItem(
                [
                    identity.name,
                    identity.kind,
                    str(len(identity.articles)),
                    principal.name if principal else "",
                    "yes" if identity.confirmed else "",
                    identity.id,
                ]
            )
            item.setData(0, ID_ROLE, identity.id)
            item.setToolTip(0, "Also written: " + ", ".join(identity.aliases) if identity.aliases else identity.name)
            for member in identity.members:
                child = QTreeWidgetItem([f"{member.name}  ({member.article}, {member.entity})"])
                child.setData(0, ID_ROLE, identity.id)
                child.setData(0, MEMBER_ROLE, (member.article, member.entity, member.name))
                item.addChild(child)
            self.tree.addTopLevelItem(item)
            if identity.id == current:
                self.tree.setCurrentItem(item)
        self._fill_suggestions()

    def _fill_suggestions(self) -> None:
        self.suggested.clear()
        found = R.suggestions(self.registry)
        for suggestion in found:
            keep, drop = self.registry.identity(suggestion.keep), self.registry.identity(suggestion.drop)
            item = QListWidgetItem(f"{drop.name} → {keep.name}: {suggestion.reason}")
            item.setData(SUGGESTION_ROLE, suggestion)
            item.setToolTip(f"Enter: merge {drop.name} into {keep.name}; Shift+Del: dismiss")
            self.suggested.addItem(item)
        self.suggested_label.setText(f"Suggested ({len(found)}): Enter merges, Shift+Del dismisses")
        for widget in (self.suggested_label, self.suggested, self.suggestion_buttons):
            widget.setVisible(bool(found))
        for name in ("accept_suggestion", "dismiss_suggestion"):
            self.actions[name].setEnabled(bool(found))
        if found:
            self.suggested.setCurrentRow(0)

    def current_identity(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item else None

    def select_identity(self, identity_id: str) -> None:
        for row in range(self.tree.topLevelItemCount()):
            if self.tree.topLevelItem(row).data(0, ID_ROLE) == identity_id:
                self.tree.setCurrentItem(self.tree.topLevelItem(row))

    # --- editing -----------------------------------------------------------------------------------
    def edit(self, text: str, change: Callable[[Registry], object]) -> bool:
        """Make `change` as one undo step (refused with a message when it raises ValueError)."""
        try:
            command = registry_edit(self.registry, change, self.show_registry, text)
        except ValueError as err:
            dialogs.error(self, f"{text}: not done", str(err))
            return False
        stack = self.undo_stack()
        if stack is not None:
            stack.push(command)
            return True
        command.redo()
        self._write()
        return True

    def _write(self) -> None:
        """Without an undo stack, keep the edit in the folder's registry file at once; a file that cannot
        be written is said, and the edit stays in the panel (it is written with the next save)."""
        if self.save is not None:
            try:
                self.save(self.registry)
            except (FormatError, OSError) as err:
                dialogs.error(self, "The speaker registry could not be saved", str(err))

    def _pick(self, title: str, exclude: str | None) -> str | None:
        others = [i for i in self.registry.identities if i.id != exclude]
        labels = [f"{i.name}  ({i.kind}, {i.id})" for i in others]
        choice = dialogs.choose(self, title, "Identity:", labels)
        return others[labels.index(choice)].id if choice in labels else None

    def _name(self, identity_id: str) -> str:
        identity = self.registry.identity(identity_id)
        return identity.name if identity else identity_id

    def merge(self) -> None:
        current = self.current_identity()
        target = self._pick("Merge into", current) if current else None
        if current and target:
            text = f"Merge {self._name(current)} into {self._name(target)}"
            if self.edit(text, lambda r: R.merge(r, target, current)):
                self.select_identity(target)

    def split(self) -> None:
        item = self.tree.currentItem()
        member = item.data(0, MEMBER_ROLE) if item else None
        if member is None:
            dialogs.info(self, "Split", "Select one article's entity (a row under an identity) to split out.")
            return
        identity_id = item.data(0, ID_ROLE)
        self.edit(
            f"Split {member[2]} out of {self._name(identity_id)}", lambda r: R.split(r, identity_id, Member(*member))
        )

    def confirm(self) -> None:
        current = self.current_identity()
        if current:
            self.edit(f"Confirm {self._name(current)}", lambda r: R.confirm(r, current))

    def speaks_for(self) -> None:
        current = self.current_identity()
        principal = self._pick("Speaks for", current) if current else None
        if current and principal:
            text = f"{self._name(current)} speaks for {self._name(principal)}"
            self.edit(text, lambda r: R.set_speaks_for(r, current, principal))

    def current_suggestion(self) -> R.Suggestion | None:
        item = self.suggested.currentItem()
        return item.data(SUGGESTION_ROLE) if item else None

    def accept_suggestion(self) -> None:
        """Merge the two as suggested (one undo step)."""
        suggestion = self.current_suggestion()
        if suggestion is not None:
            text = f"Merge {self._name(suggestion.drop)} into {self._name(suggestion.keep)} (suggested)"
            self.edit(text, lambda r: R.merge(r, suggestion.keep, suggestion.drop))

    def dismiss_suggestion(self) -> None:
        """Not one identity: the suggestion goes, and stays gone (saved with the registry)."""
        suggestion = self.current_suggestion()
        if suggestion is not None:
            text = f"Dismiss {self._name(suggestion.drop)} → {self._name(suggestion.keep)}"
            self.edit(text, lambda r: R.dismiss(r, suggestion))
