"""Every correction as a QUndoCommand: six primitive commands and the editor's edits built from them.

A primitive keeps a copy of the object before and after, and changes the document only through its
four primitives. A compound edit (delete a quote and clear the parents that pointed at it; merge two
entities and re-point every quote) is a Compound whose parts are primitives, so undo and
redo replay it exactly. Repeated resizes of one segment merge into one step (`mergeWith`).
"""

from __future__ import annotations

import copy

from PySide6.QtGui import QUndoCommand

from quoteapp.gui.document import AnnotationDocument
from quoteapp.model import Entity, Intermediary, Quote, Span
from quoteapp.model import edits as E

MERGE_RESIZE = 1


class Compound(QUndoCommand):
    """A command made of parts, redone in order and undone in reverse, as one step.

    The parts are plain Python references rather than Qt child commands: with Qt children, PySide
    and Qt would both own them, and a child's Python half could be collected (or deleted twice).
    """

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.parts: list[QUndoCommand] = []

    def add(self, command: QUndoCommand) -> QUndoCommand:
        self.parts.append(command)
        return command

    def redo(self) -> None:
        for part in self.parts:
            part.redo()

    def undo(self) -> None:
        for part in reversed(self.parts):
            part.undo()


class EditQuote(QUndoCommand):
    """Replace one quote's fields."""

    def __init__(self, document: AnnotationDocument, after: Quote, text: str, merge_id: int = -1) -> None:
        super().__init__(text)
        current = document.quote(after.id)
        if current is None:
            raise KeyError(f"no quote {after.id}")
        self.document, self.before, self.after, self.merge_id = (
            document,
            copy.deepcopy(current),
            copy.deepcopy(after),
            merge_id,
        )

    def redo(self) -> None:
        self.document.put_quote(copy.deepcopy(self.after))

    def undo(self) -> None:
        self.document.put_quote(copy.deepcopy(self.before))

    def id(self) -> int:
        return self.merge_id

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, EditQuote) or other.after.id != self.after.id:
            return False
        self.after = other.after
        return True


class InsertQuote(QUndoCommand):
    def __init__(self, document: AnnotationDocument, quote: Quote, text: str, row: int | None = None) -> None:
        super().__init__(text)
        self.document, self.quote, self.row = document, copy.deepcopy(quote), row

    def redo(self) -> None:
        self.document.put_quote(copy.deepcopy(self.quote), self.row)

    def undo(self) -> None:
        self.document.drop_quote(self.quote.id)


class DeleteQuote(Compound):
    """Delete a quote; quotes nested in it lose their parent (parts of this command, undone with it)."""

    def __init__(self, document: AnnotationDocument, quote_id: str) -> None:
        super().__init__(f"Delete {quote_id}")
        self.document, self.quote_id = document, quote_id
        self.row = document.quote_row(quote_id)
        self.quote = copy.deepcopy(document.quote(quote_id))
        for child in document.quotes:
            if child.parent == quote_id:
                self.add(EditQuote(document, E.with_parent(child, None), f"Clear parent of {child.id}"))

    def redo(self) -> None:
        super().redo()  # the parts: clear the parents first
        self.document.drop_quote(self.quote_id)

    def undo(self) -> None:
        self.document.put_quote(copy.deepcopy(self.quote), self.row)
        super().undo()


class EditEntity(QUndoCommand):
    def __init__(self, document: AnnotationDocument, after: Entity, text: str) -> None:
        super().__init__(text)
        current = document.entity(after.id)
        if current is None:
            raise KeyError(f"no entity {after.id}")
        self.document, self.before, self.after = document, copy.deepcopy(current), copy.deepcopy(after)

    def redo(self) -> None:
        self.document.put_entity(copy.deepcopy(self.after))

    def undo(self) -> None:
        self.document.put_entity(copy.deepcopy(self.before))


class InsertEntity(QUndoCommand):
    def __init__(self, document: AnnotationDocument, entity: Entity, text: str) -> None:
        super().__init__(text)
        self.document, self.entity = document, copy.deepcopy(entity)

    def redo(self) -> None:
        self.document.put_entity(copy.deepcopy(self.entity))

    def undo(self) -> None:
        self.document.drop_entity(self.entity.id)


class DeleteEntity(QUndoCommand):
    def __init__(self, document: AnnotationDocument, entity_id: str) -> None:
        super().__init__(f"Delete entity {entity_id}")
        self.document, self.entity_id = document, entity_id
        self.row = document.entity_row(entity_id)
        self.entity = copy.deepcopy(document.entity(entity_id))

    def redo(self) -> None:
        self.document.drop_entity(self.entity_id)

    def undo(self) -> None:
        self.document.put_entity(copy.deepcopy(self.entity), self.row)


class ReplaceContent(QUndoCommand):
    """Every quote and entity at once (a re-analysis merged in), undoable like any edit."""

    def __init__(self, document: AnnotationDocument, quotes: list[Quote], entities: list[Entity], text: str) -> None:
        super().__init__(text)
        self.document = document
        self.before = (copy.deepcopy(document.quotes), copy.deepcopy(document.entities))
        self.after = (copy.deepcopy(quotes), copy.deepcopy(entities))

    def redo(self) -> None:
        self.document.replace_content(*copy.deepcopy(self.after))

    def undo(self) -> None:
        self.document.replace_content(*copy.deepcopy(self.before))


# --- the editor's edits ----------------------------------------------------------------------------


def _quote(document: AnnotationDocument, quote_id: str) -> Quote:
    quote = document.quote(quote_id)
    if quote is None:
        raise KeyError(f"no quote {quote_id}")
    return quote


def _entity(document: AnnotationDocument, entity_id: str) -> Entity:
    entity = document.entity(entity_id)
    if entity is None:
        raise KeyError(f"no entity {entity_id}")
    return entity


def accept(document: AnnotationDocument, quote_id: str) -> QUndoCommand:
    return EditQuote(document, E.with_status(_quote(document, quote_id), "accepted"), f"Accept {quote_id}")


def reject(document: AnnotationDocument, quote_id: str) -> QUndoCommand:
    return EditQuote(document, E.with_status(_quote(document, quote_id), "rejected"), f"Reject {quote_id}")


def add_quote(document: AnnotationDocument, span: Span, quote_type: str) -> tuple[QUndoCommand, str]:
    quote = E.new_quote(document.annotation, span, quote_type)
    rows = [i for i, q in enumerate(document.quotes) if q.start <= span.start]
    return InsertQuote(document, quote, f"Add quote {quote.id}", row=(rows[-1] + 1) if rows else 0), quote.id


def delete_quote(document: AnnotationDocument, quote_id: str) -> QUndoCommand:
    return DeleteQuote(document, quote_id)


def resize_segment(document: AnnotationDocument, quote_id: str, index: int, span: Span) -> QUndoCommand:
    return EditQuote(
        document,
        E.with_segment(_quote(document, quote_id), index, span),
        f"Resize segment of {quote_id}",
        merge_id=MERGE_RESIZE,
    )


def add_segment(document: AnnotationDocument, quote_id: str, span: Span) -> QUndoCommand:
    quote = _quote(document, quote_id)
    return EditQuote(document, E.with_segment(quote, len(quote.segments), span), f"Add segment to {quote_id}")


def remove_segment(document: AnnotationDocument, quote_id: str, index: int) -> QUndoCommand:
    return EditQuote(document, E.without_segment(_quote(document, quote_id), index), f"Remove segment of {quote_id}")


def set_cue(document: AnnotationDocument, quote_id: str, span: Span | None) -> QUndoCommand:
    return EditQuote(document, E.with_cue(_quote(document, quote_id), span), f"Set cue of {quote_id}")


def set_type(document: AnnotationDocument, quote_id: str, quote_type: str) -> QUndoCommand:
    return EditQuote(document, E.with_type(_quote(document, quote_id), quote_type), f"Make {quote_id} {quote_type}")


def set_speaker(
    document: AnnotationDocument, quote_id: str, entity_id: str | None, mention: Span | None = None
) -> QUndoCommand:
    quote = _quote(document, quote_id)
    if mention is None and entity_id and quote.speaker and quote.speaker.entity == entity_id:
        mention = quote.speaker.mention
    return EditQuote(document, E.with_speaker(quote, entity_id, mention), f"Set speaker of {quote_id}")


def set_speaker_new_entity(
    document: AnnotationDocument, quote_id: str, mention: Span, kind: str = "person"
) -> QUndoCommand:
    """A new entity named by the selected text becomes the quote's speaker."""
    entity = E.new_entity(document.annotation, mention.text, kind, mention)
    macro = Compound(f"New speaker '{mention.text}' for {quote_id}")
    macro.add(InsertEntity(document, entity, f"Add entity {entity.id}"))
    macro.add(EditQuote(document, E.with_speaker(_quote(document, quote_id), entity.id, mention), "Set speaker"))
    return macro


def set_intermediaries(
    document: AnnotationDocument, quote_id: str, chain: list[Intermediary], text: str
) -> QUndoCommand:
    return EditQuote(document, E.with_intermediaries(_quote(document, quote_id), chain), text)


def add_intermediary(
    document: AnnotationDocument, quote_id: str, entity_id: str, role: str, mention: Span | None = None
) -> QUndoCommand:
    return EditQuote(
        document,
        E.with_intermediary(_quote(document, quote_id), entity_id, role, mention),
        f"Add intermediary to {quote_id}",
    )


def remove_intermediary(document: AnnotationDocument, quote_id: str, index: int) -> QUndoCommand:
    return EditQuote(
        document, E.without_intermediary(_quote(document, quote_id), index), f"Remove intermediary of {quote_id}"
    )


def move_intermediary(document: AnnotationDocument, quote_id: str, index: int, delta: int) -> QUndoCommand:
    return EditQuote(
        document,
        E.with_intermediary_moved(_quote(document, quote_id), index, delta),
        f"Reorder intermediaries of {quote_id}",
    )


def set_intermediary_role(document: AnnotationDocument, quote_id: str, index: int, role: str) -> QUndoCommand:
    return EditQuote(
        document,
        E.with_intermediary_role(_quote(document, quote_id), index, role),
        f"Set role of intermediary of {quote_id}",
    )


def set_parent(document: AnnotationDocument, quote_id: str, parent_id: str | None) -> QUndoCommand:
    """Nest a quote in another; refused (ValueError) when that would make a cycle."""
    E.check_parent(document.annotation, quote_id, parent_id)
    return EditQuote(document, E.with_parent(_quote(document, quote_id), parent_id), f"Set parent of {quote_id}")


def rename_entity(document: AnnotationDocument, entity_id: str, name: str) -> QUndoCommand:
    return EditEntity(document, E.renamed(_entity(document, entity_id), name), f"Rename {entity_id} to {name}")


def set_entity_kind(document: AnnotationDocument, entity_id: str, kind: str) -> QUndoCommand:
    return EditEntity(document, E.with_kind(_entity(document, entity_id), kind), f"Make {entity_id} {kind}")


def add_alias(document: AnnotationDocument, entity_id: str, alias: str) -> QUndoCommand:
    return EditEntity(
        document, E.with_alias(_entity(document, entity_id), alias), f"Add alias '{alias}' to {entity_id}"
    )


def remove_alias(document: AnnotationDocument, entity_id: str, alias: str) -> QUndoCommand:
    return EditEntity(
        document, E.without_alias(_entity(document, entity_id), alias), f"Remove alias '{alias}' from {entity_id}"
    )


def merge_entities(document: AnnotationDocument, keep_id: str, drop_id: str) -> QUndoCommand:
    """`drop` becomes part of `keep`: names and mentions united, every quote re-pointed (model.edits.merge_plan)."""
    united, quotes = E.merge_plan(document.annotation, keep_id, drop_id)
    macro = Compound(f"Merge {_entity(document, drop_id).name} into {united.name}")
    macro.add(EditEntity(document, united, "Unite names"))
    for quote in quotes:
        macro.add(EditQuote(document, quote, f"Re-point {quote.id}"))
    macro.add(DeleteEntity(document, drop_id))
    return macro


def split_mention(document: AnnotationDocument, entity_id: str, mention: Span) -> tuple[QUndoCommand, str]:
    """A mention that names someone else becomes a new entity, with the quotes that use it (model.edits.split_plan)."""
    new, old, quotes = E.split_plan(document.annotation, entity_id, mention)
    macro = Compound(f"Split '{mention.text}' out of {old.name}")
    macro.add(InsertEntity(document, new, f"Add entity {new.id}"))
    macro.add(EditEntity(document, old, "Remove mention"))
    for quote in quotes:
        macro.add(EditQuote(document, quote, f"Re-point {quote.id}"))
    return macro, new.id
