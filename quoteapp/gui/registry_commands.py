"""The editor's decisions on the folder's speaker registry (merge, split, confirm, speaks for, a
suggestion taken or dismissed) as undo steps.

They go on the open article's undo stack, not on a registry stack of their own: the window's Undo
and Redo, the "*" of unsaved work, the close and leave prompts and Save all follow that one stack
already, so a registry edit is undone with Ctrl+Z, marks the window unsaved, is asked about on close
and written by Save (with the article) like any correction; a second stack would need a second dirty
state and leave the editor guessing which history Ctrl+Z walks. An edit not saved when its article
is left is discarded with the article's other edits (see `FolderDocks.drop_unsaved_registry_edits`).

Each step keeps the registry before and after (a folder's registry is small), so undo and redo put
back exactly what was there, ids included.
"""

from __future__ import annotations

import copy
from collections.abc import Callable

from PySide6.QtGui import QUndoCommand

from quoteapp.model.registry import Registry


class RegistryEdit(QUndoCommand):
    """One decision on the registry: `show` puts a registry in place (the panel's, and the views)."""

    def __init__(self, show: Callable[[Registry], None], before: Registry, after: Registry, text: str) -> None:
        super().__init__(text)
        self.show, self.before, self.after = show, copy.deepcopy(before), copy.deepcopy(after)

    def redo(self) -> None:
        self.show(copy.deepcopy(self.after))

    def undo(self) -> None:
        self.show(copy.deepcopy(self.before))


def registry_edit(
    registry: Registry, change: Callable[[Registry], object], show: Callable[[Registry], None], text: str
) -> RegistryEdit:
    """The step that makes `change` to a copy of `registry`; `change`'s ValueError (a refused edit)
    is raised here, before anything is pushed or changed."""
    after = copy.deepcopy(registry)
    change(after)
    return RegistryEdit(show, registry, after, text)
