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
    return Quote(
        id=annotation.next_id("Q"),
        type=quote_type,
        segments=[span],
        status="added",
        confidence=None,
        evidence="added by an editor",
    )


def new_entity(annotation: Annotation, name: str, kind: str = "person", mention: Span | None = None) -> Entity:
    return Entity(id=annotation.next_id("E"), kind=kind, name=name, aliases=[], mentions=[mention] if mention else [])


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


# --- the chain of intermediaries ----------------------------------------------------------------------


def with_intermediary(quote: Quote, entity_id: str, role: str, mention: Span | None = None) -> Quote:
    """One more intermediary at the outer end of the chain."""
    return with_intermediaries(quote, [*quote.intermediaries, Intermediary(entity_id, role, mention)])


def without_intermediary(quote: Quote, index: int) -> Quote:
    chain = list(quote.intermediaries)
    del chain[index]
    return with_intermediaries(quote, chain)


def with_intermediary_moved(quote: Quote, index: int, delta: int) -> Quote:
    """The intermediary at `index` moved `delta` places along the chain (kept within it)."""
    chain = list(quote.intermediaries)
    target = max(0, min(len(chain) - 1, index + delta))
    chain.insert(target, chain.pop(index))
    return with_intermediaries(quote, chain)


def with_intermediary_role(quote: Quote, index: int, role: str) -> Quote:
    chain = copy.deepcopy(quote.intermediaries)
    chain[index].role = role
    return with_intermediaries(quote, chain)


# --- nesting ---------------------------------------------------------------------------------------


def check_parent(annotation: Annotation, quote_id: str, parent_id: str | None) -> None:
    """Refuse (ValueError) a parent that would nest a quote inside its own child."""
    current = parent_id
    while current is not None:
        if current == quote_id:
            raise ValueError(f"{parent_id} is inside {quote_id}: a quote cannot be nested in its own child")
        parent = annotation.quote(current)
        if parent is None:
            raise KeyError(f"no quote {current}")
        current = parent.parent


# --- entities ---------------------------------------------------------------------------------------


def with_kind(entity: Entity, kind: str) -> Entity:
    new = copy.deepcopy(entity)
    new.kind = kind
    return new


def with_alias(entity: Entity, alias: str) -> Entity:
    new = copy.deepcopy(entity)
    if alias not in new.aliases and alias != new.name:
        new.aliases.append(alias)
    return new


def without_alias(entity: Entity, alias: str) -> Entity:
    new = copy.deepcopy(entity)
    new.aliases = [a for a in new.aliases if a != alias]
    return new


def merge_plan(annotation: Annotation, keep_id: str, drop_id: str) -> tuple[Entity, list[Quote]]:
    """What merging `drop` into `keep` changes: the united entity and every quote re-pointed to it
    (the dropped entity then goes). Refused (ValueError) for an entity and itself."""
    if keep_id == drop_id:
        raise ValueError("an entity cannot be merged with itself")
    keep, drop = _entity(annotation, keep_id), _entity(annotation, drop_id)
    quotes = [q for q in (repointed(quote, drop_id, keep_id) for quote in annotation.quotes) if q is not None]
    return merged_entity(keep, drop), quotes


def split_plan(annotation: Annotation, entity_id: str, mention: Span) -> tuple[Entity, Entity, list[Quote]]:
    """What splitting a mention out of an entity changes: (the new entity named by the mention, the
    old entity without it, the quotes that named it there, now pointing at the new one)."""
    old = copy.deepcopy(_entity(annotation, entity_id))
    new = new_entity(annotation, mention.text, old.kind, mention)
    old.mentions = [m for m in old.mentions if m != mention]
    quotes = []
    for quote in quotes_with_mention(annotation, entity_id, mention):
        changed = copy.deepcopy(quote)
        if changed.speaker and changed.speaker.entity == entity_id and changed.speaker.mention == mention:
            changed.speaker.entity = new.id
        for via in changed.intermediaries:
            if via.entity == entity_id and via.mention == mention:
                via.entity = new.id
        quotes.append(touched(changed))
    return new, old, quotes


def _entity(annotation: Annotation, entity_id: str) -> Entity:
    entity = annotation.entity(entity_id)
    if entity is None:
        raise KeyError(f"no entity {entity_id}")
    return entity
