"""Carrying an annotation over to a changed text, and merging a fresh analysis into an edited one.

Both keep every quote an editor touched: re-anchoring moves spans by aligning the old and the new
text (a span whose words were deleted is reported, never dropped in silence); merging replaces
only `auto` quotes.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from quoteapp.model.alignment import offset_carrier
from quoteapp.model.annotation import Annotation, Quote, Span, text_sha256


def reanchor(annotation: Annotation, new_text: str) -> tuple[Annotation, list[str]]:
    """The annotation on `new_text`, and the ids of quotes whose text changed or vanished.

    A quote whose every segment vanished keeps a one-character segment at the place it was and is
    listed, so the editor can look at it rather than lose it.
    """
    old_text = annotation.document.text
    carry = offset_carrier(old_text, new_text, allow_lines=True)
    changed: list[str] = []

    def moved(span: Span | None) -> Span | None:
        if span is None:
            return None
        start, end = carry(span.start), carry(span.end)
        return Span.of(new_text, start, end) if end > start else None

    result = copy.deepcopy(annotation)
    result.document = replace(result.document, text=new_text, sha256=text_sha256(new_text))
    for quote in result.quotes:
        segments = [s for s in (moved(seg) for seg in quote.segments) if s is not None]
        if [s.text for s in segments] != [s.text for s in quote.segments]:
            changed.append(quote.id)
        if not segments:
            at = min(carry(quote.segments[0].start), max(len(new_text) - 1, 0))
            segments = [Span.of(new_text, at, at + 1)]
        quote.segments = segments
        quote.cue = moved(quote.cue)
        if quote.speaker is not None:
            quote.speaker.mention = moved(quote.speaker.mention)
        for via in quote.intermediaries:
            via.mention = moved(via.mention)
    for entity in result.entities:
        entity.mentions = [m for m in (moved(m) for m in entity.mentions) if m is not None]
    return result, changed


def _overlap(a: Quote, b: Quote) -> float:
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    union = max(a.end, b.end) - min(a.start, b.start)
    return inter / union if union else 0.0


def merge_reanalysis(edited: Annotation, fresh: Annotation) -> Annotation:
    """`edited` with its `auto` quotes replaced by `fresh`'s, except where an edited quote stands.

    Fresh entities join an existing entity of the same name; others get new ids.
    """
    result = copy.deepcopy(edited)
    kept = [q for q in result.quotes if q.status != "auto"]
    result.quotes = list(kept)
    by_name = {e.name.lower(): e.id for e in result.entities}
    id_map: dict[str, str] = {}
    for entity in fresh.entities:
        if entity.name.lower() in by_name:
            id_map[entity.id] = by_name[entity.name.lower()]
            continue
        new = copy.deepcopy(entity)
        new.id = result.next_id("E")
        result.entities.append(new)
        by_name[new.name.lower()] = new.id
        id_map[entity.id] = new.id
    quote_map: dict[str, str] = {}
    added: list[Quote] = []
    for quote in fresh.quotes:
        if any(_overlap(quote, k) >= 0.5 for k in kept):
            continue
        new = copy.deepcopy(quote)
        new.id = f"Q{len(result.quotes) + len(added) + 1}"
        while result.quote(new.id) or any(a.id == new.id for a in added):
            new.id = f"Q{int(new.id[1:]) + 1}"
        quote_map[quote.id] = new.id
        if new.speaker is not None:
            new.speaker.entity = id_map[new.speaker.entity]
        for via in new.intermediaries:
            via.entity = id_map[via.entity]
        added.append(new)
    for new in added:
        new.parent = quote_map.get(new.parent) if new.parent else None
    result.quotes = sorted(kept + added, key=lambda q: (q.start, -q.end))
    used = {q.speaker.entity for q in result.quotes if q.speaker} | {
        i.entity for q in result.quotes for i in q.intermediaries}
    result.entities = [e for e in result.entities if e.id in used or e.id in {x.id for x in edited.entities}]
    result.generator = fresh.generator or result.generator
    return result
