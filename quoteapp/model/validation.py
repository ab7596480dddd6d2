"""The invariants of an Annotation, checked with errors that name the field at fault."""

from __future__ import annotations

from quoteapp.model.annotation import (
    ENTITY_KINDS,
    QUOTE_TYPES,
    ROLES,
    STATUSES,
    TOLERATED_KINDS,
    Annotation,
    Span,
    text_sha256,
)


class InvalidAnnotation(ValueError):
    """An annotation breaks an invariant. `field` is a JSON path such as `quotes[4].segments[0]`."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def check_span(span: Span, text: str, where: str) -> None:
    """A span lies inside the text, is not empty, and carries the text it covers."""
    if span.start < 0:
        raise InvalidAnnotation(where, f"start {span.start} is negative")
    if span.end <= span.start:
        raise InvalidAnnotation(where, f"end {span.end} is not after start {span.start}")
    if span.end > len(text):
        raise InvalidAnnotation(where, f"end {span.end} is past the end of the text ({len(text)})")
    actual = text[span.start : span.end]
    if actual != span.text:
        at = _first_difference(span.text, actual)
        raise InvalidAnnotation(
            where,
            f"text {_short(span.text, at)} differs from the document's {_short(actual, at)} at {span.start}-{span.end}",
        )


def _first_difference(a: str, b: str) -> int:
    return next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))


def _short(text: str, around: int = 0, limit: int = 40) -> str:
    """At most `limit` characters of `text`, including position `around` so that a difference shows."""
    if len(text) <= limit:
        return repr(text)
    start = max(0, min(around - limit // 2, len(text) - limit))
    piece = text[start : start + limit]
    return ("…" if start > 0 else "") + repr(piece) + ("…" if start + limit < len(text) else "")


def _check_choice(value: str, allowed: tuple[str, ...], where: str) -> None:
    if value not in allowed:
        raise InvalidAnnotation(where, f"{value!r} is not one of {', '.join(allowed)}")


def validate(annotation: Annotation, *, check_sha256: bool = True) -> None:
    """Raise InvalidAnnotation at the first broken invariant; return None when all hold."""
    doc = annotation.document
    text = doc.text
    if check_sha256 and doc.sha256 is not None and doc.sha256 != text_sha256(text):
        raise InvalidAnnotation("document.sha256", "does not match document.text (the text was changed by hand?)")

    entity_ids: set[str] = set()
    for i, entity in enumerate(annotation.entities):
        where = f"entities[{i}]"
        if not entity.id:
            raise InvalidAnnotation(f"{where}.id", "is empty")
        if entity.id in entity_ids:
            raise InvalidAnnotation(f"{where}.id", f"{entity.id!r} is used twice")
        entity_ids.add(entity.id)
        _check_choice(entity.kind, ENTITY_KINDS + TOLERATED_KINDS, f"{where}.kind")
        for j, mention in enumerate(entity.mentions):
            check_span(mention, text, f"{where}.mentions[{j}]")

    quote_ids: set[str] = set()
    for i, quote in enumerate(annotation.quotes):
        where = f"quotes[{i}]"
        if not quote.id:
            raise InvalidAnnotation(f"{where}.id", "is empty")
        if quote.id in quote_ids:
            raise InvalidAnnotation(f"{where}.id", f"{quote.id!r} is used twice")
        quote_ids.add(quote.id)
        _check_choice(quote.type, QUOTE_TYPES, f"{where}.type")
        _check_choice(quote.status, STATUSES, f"{where}.status")
        if not quote.segments:
            raise InvalidAnnotation(f"{where}.segments", "a quote needs at least one segment")
        for j, segment in enumerate(quote.segments):
            check_span(segment, text, f"{where}.segments[{j}]")
        if quote.cue is not None:
            check_span(quote.cue, text, f"{where}.cue")
        if quote.confidence is not None and not 0.0 <= quote.confidence <= 1.0:
            raise InvalidAnnotation(f"{where}.confidence", f"{quote.confidence} is not between 0 and 1")
        if quote.speaker is not None:
            if quote.speaker.entity not in entity_ids:
                raise InvalidAnnotation(f"{where}.speaker.entity", f"no entity has the id {quote.speaker.entity!r}")
            if quote.speaker.mention is not None:
                check_span(quote.speaker.mention, text, f"{where}.speaker.mention")
        for j, via in enumerate(quote.intermediaries):
            vwhere = f"{where}.intermediaries[{j}]"
            if via.entity not in entity_ids:
                raise InvalidAnnotation(f"{vwhere}.entity", f"no entity has the id {via.entity!r}")
            _check_choice(via.role, ROLES, f"{vwhere}.role")
            if via.mention is not None:
                check_span(via.mention, text, f"{vwhere}.mention")

    _check_parents(annotation, quote_ids)


def _check_parents(annotation: Annotation, quote_ids: set[str]) -> None:
    """Every parent exists and no chain of parents loops. Linear: each walk stops at a quote whose
    chain an earlier walk already found sound, so a long chain is not walked once per quote."""
    parents = {q.id: q.parent for q in annotation.quotes}
    sound: set[str] = set()
    for i, quote in enumerate(annotation.quotes):
        if quote.parent is None:
            continue
        if quote.parent not in quote_ids:
            raise InvalidAnnotation(f"quotes[{i}].parent", f"no quote has the id {quote.parent!r}")
        path = [quote.id]
        on_path = {quote.id}
        current: str | None = quote.parent
        while current is not None and current not in sound:
            if current == quote.id:
                raise InvalidAnnotation(f"quotes[{i}].parent", f"{quote.id} is its own ancestor (a cycle of parents)")
            if current in on_path:
                raise InvalidAnnotation(f"quotes[{i}].parent", f"the parents above {quote.id} loop back to {current}")
            path.append(current)
            on_path.add(current)
            current = parents.get(current)
        sound.update(path)
