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


#: below this confidence an extractor's proposal is uncertain: the editor's review starts there
UNCERTAIN_BELOW = 0.6


def is_uncertain(quote: Quote, below: float = UNCERTAIN_BELOW) -> bool:
    """An extractor's proposal nobody has looked at yet (`auto`) whose confidence is under `below`.

    A quote an editor accepted, corrected, added or rejected is never uncertain: the editor's word
    settles it, whatever the extractor thought. A proposal without a confidence has nothing to say.
    """
    return quote.status == "auto" and quote.confidence is not None and quote.confidence < below


def reading_key(quote: Quote) -> tuple[int, int]:
    """Where a quote stands in the text: by its first character, the longer first at one place."""
    return quote.start, -quote.end


def next_uncertain(
    quotes: list[Quote], current: str | None, below: float = UNCERTAIN_BELOW, backwards: bool = False
) -> tuple[Quote | None, bool]:
    """The next uncertain quote after `current` in reading order (before it, `backwards`), and whether
    the search went round the end of the article to find it (it wraps).

    From no current quote the search starts at the top (or the bottom, backwards). The current quote
    itself is never the answer: (None, False) when no other quote is uncertain.
    """
    ordered = sorted(quotes, key=reading_key)
    if backwards:
        ordered.reverse()
    at = next((i for i, q in enumerate(ordered) if q.id == current), -1)
    after, before = ordered[at + 1 :], ordered[: max(at, 0)]
    found = next((q for q in after if is_uncertain(q, below)), None)
    if found is not None:
        return found, False
    found = next((q for q in before if is_uncertain(q, below)), None)
    return found, found is not None
