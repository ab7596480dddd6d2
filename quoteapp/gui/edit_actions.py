"""The editor's corrections, one handler per action of the Quote and Entity menus.

Each handler reads the current quote (or entity) and the selection from the window, asks what it
must (the pickers of `dialogs`), builds the undo command from `commands` and pushes it on the
document's stack; a refused edit is explained, never half done.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtGui import QUndoCommand

from quoteapp.gui import commands as C
from quoteapp.gui import dialogs
from quoteapp.gui.document import AnnotationDocument
from quoteapp.model import ENTITY_KINDS, QUOTE_TYPES, ROLES, Quote, Span
from quoteapp.model.queries import is_uncertain, next_uncertain

if TYPE_CHECKING:
    from quoteapp.gui.main_window import MainWindow

#: builds the command of an edit of one quote (or entity), given the document and its id
Build = Callable[[AnnotationDocument, str], QUndoCommand | None]


def default_role(kind: str) -> str:
    """The role an intermediary of this kind usually has: a news outlet passes words on as an outlet,
    an unnamed source relays what was said, a person or office speaks for the speaker."""
    return {"outlet": "outlet", "anonymous": "relay"}.get(kind, "spokesperson")


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


class EditActions:
    """The handlers of the quote and entity edits, on one window."""

    def __init__(self, window: MainWindow) -> None:
        self.w = window
        # one review preference for the list, the quote panel and the jumps, so they never disagree
        # on what is uncertain (the window builds the list and the panel before its handlers)
        window.detail.preferences = window.quote_model.preferences

    def _push(self, build: Build) -> None:
        """Build a command for the current quote and push it; a refused edit is explained."""
        quote_id = self.w.current_quote_id()
        if self.w.document is None or quote_id is None:
            return
        try:
            command = build(self.w.document, quote_id)
        except (ValueError, KeyError, IndexError) as err:
            dialogs.error(self.w, "Cannot do that", str(err).strip("'\""))
            return
        if command is not None:
            self.w.document.undo_stack.push(command)

    def _selection(self) -> Span | None:
        span = self.w.view.selected_span()
        if span is None:
            self.w.statusBar().showMessage("Select some text in the article first", 4000)
        return span

    def _change_role(self, index: int) -> None:
        quote = self.w.document.quote(self.w.current_quote_id() or "") if self.w.document else None
        if quote is None or not 0 <= index < len(quote.intermediaries):
            return
        current = ROLES.index(quote.intermediaries[index].role)
        role = dialogs.choose(self.w, "Role", "Role of this intermediary:", list(ROLES), current)
        if role:
            self._push(lambda document, q: C.set_intermediary_role(document, q, index, role))

    def _pick_entity(self, title: str, exclude: frozenset[str] = frozenset(), current: str | None = None) -> str | None:
        """An entity id from a searchable list (the choice dialog filters as you type), `current` selected."""
        assert self.w.document is not None
        entities = [e for e in self.w.document.entities if e.id not in exclude]
        if not entities:
            self.w.statusBar().showMessage("There is no other entity to choose", 4000)
            return None
        labels = [f"{e.name}  ({e.kind}, {e.id})" for e in entities]
        at = next((i for i, e in enumerate(entities) if e.id == current), 0)
        choice = dialogs.choose(self.w, title, "Entity:", labels, at)
        return entities[labels.index(choice)].id if choice in labels else None

    def next_quote(self) -> None:
        row = self.w.quote_table.currentIndex().row()
        if row + 1 < self.w.quote_proxy.rowCount():
            self.w.select_row(row + 1)

    def previous_quote(self) -> None:
        row = self.w.quote_table.currentIndex().row()
        if row > 0:
            self.w.select_row(row - 1)

    def next_uncertain(self) -> None:
        self._step_uncertain(backwards=False)

    def previous_uncertain(self) -> None:
        self._step_uncertain(backwards=True)

    def _shown_quotes(self) -> list[Quote]:
        """The quotes the list shows now (the filter applies), whatever their order there."""
        document, proxy = self.w.document, self.w.quote_proxy
        if document is None:
            return []
        found = (document.quote(proxy.quote_id_at(row) or "") for row in range(proxy.rowCount()))
        return [quote for quote in found if quote is not None]

    def _step_uncertain(self, backwards: bool) -> None:
        """Review the least certain first: the next (previous) quote still `auto` whose confidence is below
        the preference's threshold, in reading order from the current one, among the quotes the list
        shows, going round the end of the article; the status bar says when it wrapped or none is left."""
        below = self.w.quote_model.preferences.uncertain_below
        shown = self._shown_quotes()
        found, wrapped = next_uncertain(shown, self.w.current_quote_id(), below, backwards)
        if found is None:
            here = self.w.document.quote(self.w.current_quote_id() or "") if self.w.document else None
            none = "No other" if here is not None and is_uncertain(here, below) else "No"
            self.w.statusBar().showMessage(
                f"{none} uncertain quote left to review (confidence below {below:.2f})", 5000
            )
            return
        self.w.select_quote(found.id)
        left = sum(is_uncertain(q, below) for q in shown)
        where = f"; went round to the {'end' if backwards else 'start'} of the article" if wrapped else ""
        self.w.statusBar().showMessage(
            f"{found.id}: confidence {found.confidence:.2f}, {left} uncertain quote(s) to review{where}", 5000
        )

    def accept(self) -> None:
        quote_id = self.w.current_quote_id()
        row = self.w.quote_table.currentIndex().row()
        self._push(C.accept)
        if quote_id is not None and row + 1 < self.w.quote_proxy.rowCount():
            self.w.select_row(row + 1)  # review flow: accept and go on

    def reject(self) -> None:
        row = self.w.quote_table.currentIndex().row()
        self._push(C.reject)
        if self.w.quote_proxy.rowCount():
            self.w.select_row(min(row, self.w.quote_proxy.rowCount() - 1))

    def add_quote(self) -> None:
        span = self._selection()
        if span is None or self.w.document is None:
            return
        quote_type = dialogs.choose(self.w, "Add quote", "Type of the new quote:", list(QUOTE_TYPES))
        if quote_type:
            command, quote_id = C.add_quote(self.w.document, span, quote_type)
            self.w.document.undo_stack.push(command)
            self.w.select_quote(quote_id)

    def resize_segment(self) -> None:
        span = self._selection()
        if span is None or self.w.document is None:
            return
        quote = self.w.document.quote(self.w.current_quote_id() or "")
        if quote is None:
            return
        index = max(range(len(quote.segments)), key=lambda i: _overlap(quote.segments[i], span))
        self._push(lambda document, q: C.resize_segment(document, q, index, span))

    def add_segment(self) -> None:
        span = self._selection()
        if span is not None:
            self._push(lambda document, q: C.add_segment(document, q, span))

    def remove_segment(self) -> None:
        self._push(lambda document, q: C.remove_segment(document, q, len(document.quote(q).segments) - 1))

    def set_cue(self) -> None:
        span = self.w.view.selected_span()
        self._push(lambda document, q: C.set_cue(document, q, span))  # no selection clears the cue

    def set_speaker(self) -> None:
        if self.w.document is None or self.w.current_quote_id() is None:
            return
        span = self.w.view.selected_span()
        if span is not None:
            kind = (
                dialogs.choose(self.w, "New speaker", f"“{span.text}” is a new entity of kind:", list(ENTITY_KINDS))
                if not self._entity_named(span.text)
                else None
            )
            existing = self._entity_named(span.text)
            if existing:
                self._push(lambda document, q: C.set_speaker(document, q, existing, span))
            elif kind:
                self._push(lambda document, q: C.set_speaker_new_entity(document, q, span, kind))
            return
        quote = self.w.document.quote(self.w.current_quote_id() or "")
        speaker = quote.speaker.entity if quote is not None and quote.speaker is not None else None
        entity_id = self._pick_entity("Set speaker", current=speaker)
        if entity_id:
            self._push(lambda document, q: C.set_speaker(document, q, entity_id))

    def _entity_named(self, name: str) -> str | None:
        assert self.w.document is not None
        lower = name.lower()
        for entity in self.w.document.entities:
            if entity.name.lower() == lower or lower in (a.lower() for a in entity.aliases):
                return entity.id
        return None

    def add_intermediary(self) -> None:
        quote = self.w.document.quote(self.w.current_quote_id() or "") if self.w.document else None
        if self.w.document is None or quote is None:
            return
        taken = {via.entity for via in quote.intermediaries}
        if quote.speaker is not None:
            taken.add(quote.speaker.entity)  # a speaker is never its own intermediary
        entity_id = self._pick_entity("Add intermediary", exclude=frozenset(taken))
        entity = self.w.document.entity(entity_id) if entity_id else None
        role = None
        if entity is not None:
            role = dialogs.choose(
                self.w, "Role", f"Role of {entity.name}:", list(ROLES), ROLES.index(default_role(entity.kind))
            )
        if entity_id and role:
            self._push(
                lambda document, q: C.add_intermediary(document, q, entity_id, role, self.w.view.selected_span())
            )

    def remove_intermediary(self) -> None:
        self._push(
            lambda document, q: (
                C.remove_intermediary(document, q, len(document.quote(q).intermediaries) - 1)
                if document.quote(q).intermediaries
                else None
            )
        )

    def set_type(self) -> None:
        quote = self.w.document.quote(self.w.current_quote_id() or "") if self.w.document else None
        if quote is None:
            return
        quote_type = dialogs.choose(self.w, "Quote type", "Type:", list(QUOTE_TYPES), QUOTE_TYPES.index(quote.type))
        if quote_type:
            self._push(lambda document, q: C.set_type(document, q, quote_type))

    def set_parent(self) -> None:
        if self.w.document is None or self.w.current_quote_id() is None:
            return
        current = self.w.current_quote_id()
        others = [q for q in self.w.document.quotes if q.id != current]
        labels = ["(none)"] + [f"{q.id}: {q.segments[0].text[:60]}" for q in others]
        choice = dialogs.choose(self.w, "Parent quote", "Nested in:", labels)
        if choice is None:
            return
        parent = None if choice == "(none)" else others[labels.index(choice) - 1].id
        self._push(lambda document, q: C.set_parent(document, q, parent))

    def delete_quote(self) -> None:
        self._push(C.delete_quote)

    def _push_entity(self, build: Build) -> None:
        entity_id = self.w.current_entity_id()
        if self.w.document is None or entity_id is None:
            self.w.statusBar().showMessage("Select an entity in the Entities panel first", 4000)
            return
        try:
            command = build(self.w.document, entity_id)
        except (ValueError, KeyError) as err:
            dialogs.error(self.w, "Cannot do that", str(err).strip("'\""))
            return
        if command is not None:
            self.w.document.undo_stack.push(command)

    def rename_entity(self) -> None:
        def build(document, entity_id):
            name = dialogs.text(self.w, "Rename entity", "Name:", document.entity(entity_id).name)
            return C.rename_entity(document, entity_id, name) if name else None

        self._push_entity(build)

    def entity_kind(self) -> None:
        def build(document, entity_id):
            kind = dialogs.choose(self.w, "Entity kind", "Kind:", list(ENTITY_KINDS))
            return C.set_entity_kind(document, entity_id, kind) if kind else None

        self._push_entity(build)

    def add_alias(self) -> None:
        def build(document, entity_id):
            alias = dialogs.text(self.w, "Add alias", "Alias:")
            return C.add_alias(document, entity_id, alias) if alias else None

        self._push_entity(build)

    def remove_alias(self) -> None:
        def build(document, entity_id):
            aliases = document.entity(entity_id).aliases
            alias = dialogs.choose(self.w, "Remove alias", "Alias:", aliases) if aliases else None
            return C.remove_alias(document, entity_id, alias) if alias else None

        self._push_entity(build)

    def merge_entities(self) -> None:
        def build(document, entity_id):
            keep = self._pick_entity(f"Merge {document.entity(entity_id).name} into", exclude=frozenset({entity_id}))
            return C.merge_entities(document, keep, entity_id) if keep else None

        self._push_entity(build)

    def split_mention(self) -> None:
        quote = self.w.document.quote(self.w.current_quote_id() or "") if self.w.document else None
        if quote is None or quote.speaker is None or quote.speaker.mention is None:
            self.w.statusBar().showMessage("Select a quote whose speaker mention names someone else", 4000)
            return
        mention = quote.speaker.mention
        self._push(lambda document, q: C.split_mention(document, quote.speaker.entity, mention)[0])
