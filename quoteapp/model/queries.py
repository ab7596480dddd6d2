"""The questions every view asks of an annotation, answered once: what a quote says as one string,
and which entities it names."""

from __future__ import annotations

from quoteapp.model.annotation import Quote

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
