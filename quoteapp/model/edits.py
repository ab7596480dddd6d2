"""Pure edits of quotes and entities: each returns a changed copy and leaves its input alone.

The editor's undo commands keep the copy from before and the copy from after; these functions are
where an editor's change is defined, so the rules (an edit makes an `auto` quote `corrected`, a
merge re-points every quote) live in one place and are tested without Qt.
"""

from __future__ import annotations

import copy
from dataclasses import replace

from quoteapp.model.annotation import Annotation, Entity, Intermediary, Quote, Span, Speaker
from quoteapp.model.reanchor import UNPLACED, without_flag


def touched(quote: Quote) -> Quote:
    """A copy of `quote` with the status an editor's change gives it: `added` stays `added`. The
    editor has looked at it, so a re-anchoring's "unplaced" flag goes."""
    new = without_flag(quote, UNPLACED)
    if new.status != "added":
        new.status = "corrected"
    return new


def with_status(quote: Quote, status: str) -> Quote:
    """Accepted, rejected, ...: a decision on the quote, which also clears the "unplaced" flag."""
    new = without_flag(quote, UNPLACED)
    new.status = status
    return new


def with_segment(quote: Quote, index: int, span: Span) -> Quote:
    """Resize segment `index` (or add a segment with index == len), segments kept in text order."""
    new = touched(quote)
    if index == len(new.segments):
        new.segments.append(span)
    else:
        new.segments[index] = span
    new.segments.sort(key=lambda s: s.start)
    return new


def without_segment(quote: Quote, index: int) -> Quote:
    if len(quote.segments) < 2:
        raise ValueError("a quote keeps at least one segment: delete the quote instead")
    new = touched(quote)
    del new.segments[index]
    return new


def with_cue(quote: Quote, cue: Span | None) -> Quote:
    new = touched(quote)
    new.cue = cue
    return new


def with_speaker(quote: Quote, entity_id: str | None, mention: Span | None = None) -> Quote:
    """The quote with another speaker; if that entity was in the chain, it leaves it (no one passes
    their own words on to themselves)."""
    new = touched(quote)
    before = quote.speaker.entity if quote.speaker is not None else None
    new.speaker = Speaker(entity_id, mention) if entity_id else None
    new.intermediaries = [via for via in new.intermediaries if via.entity != entity_id]
    if entity_id != before:
        note = f"speaker set by the editor to {entity_id or 'none'} (was {before or 'none'})"
        new.evidence = with_note(new.evidence, note)
    return new


def with_note(evidence: str | None, note: str) -> str:
    """The evidence with an editor's step added last, so it never reads as the extractor's final word
    once the editor changed what it says; a later note about the same thing replaces the earlier one."""
    steps = [s for s in (evidence or "").split("; ") if s and s.split(" to ")[0] != note.split(" to ")[0]]
    return "; ".join([*steps, note])


def with_intermediaries(quote: Quote, intermediaries: list[Intermediary]) -> Quote:
    """The quote with another chain; refused (ValueError) when the speaker would be its own intermediary."""
    speaker = quote.speaker.entity if quote.speaker is not None else None
    if speaker is not None and any(via.entity == speaker for via in intermediaries):
        raise ValueError("the speaker cannot also be an intermediary of the same quote")
    new = touched(quote)
    new.intermediaries = copy.deepcopy(intermediaries)
    return new


def with_type(quote: Quote, quote_type: str) -> Quote:
    new = touched(quote)
    new.type = quote_type
    return new


def with_parent(quote: Quote, parent: str | None) -> Quote:
    new = touched(quote)
    new.parent = parent
    return new


def new_quote(annotation: Annotation, span: Span, quote_type: str) -> Quote:
    """An editor's quote over `span`: status `added`, no confidence."""
    return Quote(id=annotation.next_id("Q"), type=quote_type, segments=[span], status="added", confidence=None,
                 evidence="added by an editor")


def new_entity(annotation: Annotation, name: str, kind: str = "person", mention: Span | None = None) -> Entity:
    return Entity(id=annotation.next_id("E"), kind=kind, name=name, aliases=[],
                  mentions=[mention] if mention else [])


def renamed(entity: Entity, name: str) -> Entity:
    """The entity under a new canonical name; the old one is kept as an alias."""
    new = copy.deepcopy(entity)
    if name != entity.name and entity.name not in new.aliases:
        new.aliases.append(entity.name)
    new.name = name
    if name in new.aliases:
        new.aliases.remove(name)
    return new


def merged_entity(keep: Entity, drop: Entity) -> Entity:
    """`keep` with `drop`'s name, aliases and mentions united into it."""
    new = copy.deepcopy(keep)
    for alias in [drop.name, *drop.aliases]:
        if alias != new.name and alias not in new.aliases:
            new.aliases.append(alias)
    seen = {(m.start, m.end) for m in new.mentions}
    new.mentions += [m for m in drop.mentions if (m.start, m.end) not in seen]
    new.mentions.sort(key=lambda m: m.start)
    return new


def repointed(quote: Quote, old: str, new: str) -> Quote | None:
    """The quote with entity `old` replaced by `new` as speaker and intermediary; None if untouched."""
    uses_old = (quote.speaker is not None and quote.speaker.entity == old) or any(
        i.entity == old for i in quote.intermediaries
    )
    if not uses_old:
        return None
    changed = copy.deepcopy(quote)  # re-pointing after a merge is not a correction of the quote
    if changed.speaker is not None and changed.speaker.entity == old:
        changed.speaker = replace(changed.speaker, entity=new)
    changed.intermediaries = [replace(i, entity=new) if i.entity == old else i for i in changed.intermediaries]
    return changed


def quotes_with_mention(annotation: Annotation, entity_id: str, mention: Span) -> list[Quote]:
    """Quotes whose speaker or intermediary is `entity_id` named at `mention`."""
    def names_here(quote: Quote) -> bool:
        speaker = quote.speaker
        if speaker is not None and speaker.entity == entity_id and speaker.mention == mention:
            return True
        return any(i.entity == entity_id and i.mention == mention for i in quote.intermediaries)

    return [q for q in annotation.quotes if names_here(q)]
