"""The corpus's speakers: one identity across the folder's articles, which the editor confirms,
merges, splits and links ("speaks for"); every change is saved to the folder's registry file."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from quoteapp.corpus import registry as R
from quoteapp.formats.errors import FormatError
from quoteapp.gui import dialogs
from quoteapp.model.registry import Member, Registry

ID_ROLE = Qt.ItemDataRole.UserRole
MEMBER_ROLE = Qt.ItemDataRole.UserRole + 1


class RegistryPanel(QWidget):
    changed = Signal()  # the registry was edited and saved

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.registry = Registry()
        self.save: Callable[[Registry], None] | None = None  # writes the folder's registry file
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Speaker", "Kind", "Articles", "Speaks for", "Confirmed"])
        self.tree.header().resizeSection(0, 190)
        for column, width in ((1, 80), (2, 55), (3, 120)):
            self.tree.header().resizeSection(column, width)
        buttons = QHBoxLayout()
        for label, slot in (
            ("Merge into…", self.merge),
            ("Split out", self.split),
            ("Confirm", self.confirm),
            ("Speaks for…", self.speaks_for),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)

    def set_registry(self, registry: Registry, save: Callable[[Registry], None] | None) -> None:
        """Show `registry`; each edit is kept with `save` (None: not kept anywhere)."""
        self.registry, self.save = registry, save
        self.fill()

    def fill(self) -> None:
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

    def current_identity(self) -> str | None:
        item = self.tree.currentItem()
        return item.data(0, ID_ROLE) if item else None

    def _save(self) -> None:
        """Keep the edit in the folder's registry file; a file that cannot be written is said, and the
        edit stays in the panel (it is written with the next change or save)."""
        if self.save is not None:
            try:
                self.save(self.registry)
            except (FormatError, OSError) as err:
                dialogs.error(self, "The speaker registry could not be saved", str(err))
        self.fill()
        self.changed.emit()

    def _pick(self, title: str, exclude: str | None) -> str | None:
        others = [i for i in self.registry.identities if i.id != exclude]
        labels = [f"{i.name}  ({i.kind}, {i.id})" for i in others]
        choice = dialogs.choose(self, title, "Identity:", labels)
        return others[labels.index(choice)].id if choice in labels else None

    def merge(self) -> None:
        current = self.current_identity()
        target = self._pick("Merge into", current) if current else None
        if current and target:
            R.merge(self.registry, target, current)
            self._save()

    def split(self) -> None:
        item = self.tree.currentItem()
        member = item.data(0, MEMBER_ROLE) if item else None
        if member is None:
            dialogs.info(self, "Split", "Select one article's entity (a row under an identity) to split out.")
            return
        R.split(self.registry, item.data(0, ID_ROLE), Member(*member))
        self._save()

    def confirm(self) -> None:
        current = self.current_identity()
        if current:
            R.confirm(self.registry, current)
            self._save()

    def speaks_for(self) -> None:
        current = self.current_identity()
        if not current:
            return
        principal = self._pick("Speaks for", current)
        if principal:
            R.set_speaks_for(self.registry, current, principal)
            self._save()
