"""The quotes of a folder as the statement grouping sees them: one `Item` per quote, with its own words
(a quote of another speaker nested in it left out: those are someone else's words), its content stems, and its speaker
and chain named across the folder (registry identities when there is a registry)."""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from quoteapp.model.annotation import Annotation, Quote
from quoteapp.model.queries import SEGMENT_GAP, quote_text
from quoteapp.model.registry import Registry
from quoteapp.model.statement_words import stems_of

NAMED_KINDS = ("person", "organization", "outlet")
#: a fragment inside quotation marks, in a mixed quote's segment (any of the marks the guidelines list):
#: double marks hold apostrophes ("can’t"); single marks open and close only at a word's edge, so
#: that the apostrophe of "the minister’s aides" opens nothing
QUOTED = re.compile(r"[\"“„«]([^\"“”«»„]{3,}?)[\"”»“]|(?<!\w)[‘']([^‘’'\"“”«»„]{3,}?)[’'](?!\w)")


@dataclass(frozen=True)
class Who:
    """A speaker or an intermediary, named across the folder: `key` is the same for one identity."""

    key: str
    name: str
    kind: str
    speaks_for: str | None = None  # the key of the identity this one speaks for


@dataclass(frozen=True)
class Piece:
    """One segment of a quote: its text and where it stands in its article."""

    text: str
    start: int
    end: int


@dataclass(frozen=True)
class Item:
    """One quote of one article (or one passage of a primary source), ready to be compared."""

    article: str
    quote: str
    type: str
    text: str  # the quote's words, segments joined with " … "
    own: tuple[Piece, ...]  # its own segments, nested quotes cut out
    stems: frozenset[str]
    sequence: tuple[str, ...]  # the content stems in reading order
    plain: frozenset[str]  # the stems of content words written in lower case (not names)
    speaker: Who | None
    chain: tuple[tuple[Who, str], ...]  # (who, role), nearest the speaker first
    is_source: bool
    order: int  # where the quote stands in its article

    @property
    def own_text(self) -> str:
        return SEGMENT_GAP.join(p.text for p in self.own)

    def quoted(self) -> list[str]:
        """The words this version puts inside quotation marks: all of a direct quote's segments, the
        quoted fragments of a mixed one, nothing of an indirect one."""
        if self.type == "direct":
            return [p.text for p in self.own]
        if self.type == "mixed":
            return [m.group(1) or m.group(2) for p in self.own for m in QUOTED.finditer(p.text)]
        return []


def _who(annotation: Annotation, entity_id: str, by_member: dict, registry: Registry | None, by_name: dict) -> Who:
    """The identity an entity is: its registry member, else the identity of its exact name (the one
    spoken for, which applying the registry adds to an article), else a key of its name or of itself."""
    entity = annotation.entity(entity_id)
    identity = by_member.get((annotation.document.id, entity_id))
    if identity is None and entity is not None:
        identity = by_name.get((entity.name, entity.kind))
    if identity is not None:
        principal = registry.identity(identity.speaks_for) if registry and identity.speaks_for else None
        return Who(identity.id, identity.name, identity.kind, principal.id if principal else None)
    name = entity.name if entity else entity_id
    kind = entity.kind if entity else "other"
    if any(word[:1].isupper() for word in name.split()):  # "Elysee official" in two articles: one name
        return Who("name:" + name.lower().replace("’", "'"), name, kind)
    return Who(f"entity:{annotation.document.id}:{entity_id}", name, kind)  # "he", "the official": this article's


def _speaker(quote: Quote) -> str | None:
    return quote.speaker.entity if quote.speaker else None


def _own_pieces(quote: Quote, nested: list[Quote]) -> tuple[Piece, ...]:
    """The quote's segments with the stretches of `nested` (quotes of other speakers inside it) cut out."""
    pieces = []
    for segment in quote.segments:
        cuts = sorted((s.start, s.end) for q in nested for s in q.segments if segment.start <= s.start < segment.end)
        at = segment.start
        for start, end in [*cuts, (segment.end, segment.end)]:
            if start > at:
                text = segment.text[at - segment.start : start - segment.start].strip()
                if text:
                    pieces.append(Piece(text, at, start))
            at = max(at, end)
    return tuple(pieces)


def article_items(annotation: Annotation, registry: Registry | None, sources: Collection[str]) -> list[Item]:
    """The items of one article's quotes (rejected ones left out), in reading order."""
    by_member = registry.by_member() if registry else {}
    by_name = {(i.name, i.kind): i for i in registry.identities} if registry else {}
    kept = [q for q in annotation.quotes if q.status != "rejected" and q.segments]
    kept.sort(key=lambda q: (q.start, -q.end))
    article = annotation.document.id
    items = []
    for order, quote in enumerate(kept):
        own = _own_pieces(
            quote, [q for q in kept if q.parent == quote.id and _speaker(q) not in (None, _speaker(quote))]
        )
        speaker = _who(annotation, quote.speaker.entity, by_member, registry, by_name) if quote.speaker else None
        chain = tuple((_who(annotation, v.entity, by_member, registry, by_name), v.role) for v in quote.intermediaries)
        content, plain_words = stems_of(SEGMENT_GAP.join(p.text for p in own))
        sequence, stems, plain = tuple(content), frozenset(content), frozenset(plain_words)
        is_source = article in sources
        items.append(
            Item(
                article,
                quote.id,
                quote.type,
                quote_text(quote),
                own,
                stems,
                sequence,
                plain,
                speaker,
                chain,
                is_source,
                order,
            )
        )
    return items


def folder_items(annotations: Sequence[Annotation], registry: Registry | None, sources: Collection[str]) -> list[Item]:
    """Every kept quote of the folder, article by article."""
    return [item for annotation in annotations for item in article_items(annotation, registry, sources)]
