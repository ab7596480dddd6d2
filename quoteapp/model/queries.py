"""The questions every view asks of an annotation, answered once: what a quote says as one string,
which entities it names, which quotes an entity speaks or passes on, which quotes still count."""

from __future__ import annotations

from quoteapp.model.annotation import Annotation, Quote

#: what stands between the segments of a split quote when it is read as one string
SEGMENT_GAP = " … "


def quote_text(quote: Quote) -> str:
    """The content of a quote as one string: a split quote's segments joined with ' … '."""
    return SEGMENT_GAP.join(s.text for s in quote.segments)


def named_entities(quote: Quote) -> set[str]:
    """The entity ids a quote names: its speaker and its intermediaries."""
    named = {via.entity for via in quote.intermediaries}
    if quote.speaker is not None:
        named.add(quote.speaker.entity)
    return named


def live_quotes(annotation: Annotation) -> list[Quote]:
    """The quotes that count: all but those an editor rejected."""
    return [q for q in annotation.quotes if q.status != "rejected"]


def quotes_of(annotation: Annotation, entity_id: str) -> list[Quote]:
    """The quotes this entity speaks or passes on (as an intermediary)."""
    return [q for q in annotation.quotes if entity_id in named_entities(q)]
