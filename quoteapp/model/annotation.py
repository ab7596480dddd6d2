"""The attribution data of one article, field for field as `attribution-format.md` has it.

Plain dataclasses: no spaCy, no Qt. Every object keeps the fields it did not know when it was
read in `extra`, so that a file saved again loses nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

ENTITY_KINDS = ("person", "organization", "outlet", "anonymous", "other")
#: Kinds a reader tolerates besides ENTITY_KINDS (converted gold files use "unknown").
TOLERATED_KINDS = ("unknown",)
QUOTE_TYPES = ("direct", "indirect", "mixed")
STATUSES = ("auto", "accepted", "corrected", "added", "rejected")
ROLES = ("spokesperson", "relay", "outlet")


def text_sha256(text: str) -> str:
    """The `document.sha256` of a text: hex digest of its UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Span:
    """A stretch of `document.text`: code-point offsets, end exclusive, with its text."""

    start: int
    end: int
    text: str
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """The span of `text[start:end]`."""
        return cls(start, end, text[start:end])


@dataclass
class Entity:
    """A person, organization, outlet or anonymous source named in the article."""

    id: str
    kind: str
    name: str
    aliases: list[str] = field(default_factory=list)
    description: str | None = None
    mentions: list[Span] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Speaker:
    """Whose words a quote carries: an entity id and the mention naming it at this quote."""

    entity: str
    mention: Span | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Intermediary:
    """Who passed a quote on: an entity id, its role and the mention at this quote."""

    entity: str
    role: str
    mention: Span | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Quote:
    """One attributed quotation: its content segments, cue, speaker and intermediaries."""

    id: str
    type: str
    segments: list[Span]
    cue: Span | None = None
    speaker: Speaker | None = None
    intermediaries: list[Intermediary] = field(default_factory=list)
    parent: str | None = None
    status: str = "auto"
    confidence: float | None = None
    evidence: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def start(self) -> int:
        return min(s.start for s in self.segments)

    @property
    def end(self) -> int:
        return max(s.end for s in self.segments)


@dataclass
class Document:
    """The article: its text exactly as read (decoded, `\\n` line endings) and where it came from."""

    id: str
    text: str
    path: str | None = None
    title: str | None = None
    sha256: str | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        if self.sha256 is None:
            self.sha256 = text_sha256(self.text)

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.text, start, end)

    @property
    def nested_annotated(self) -> bool:
        """False where a gold file marks only outermost quotes (`nested_annotated: false`): a quote
        inside one of its quotes is then left out, not denied."""
        return self.extra.get("nested_annotated", True) is not False


@dataclass
class Annotation:
    """One article with its entities and quotes: what an attribution file holds."""

    document: Document
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    generator: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict, repr=False)

    def entity(self, entity_id: str) -> Entity | None:
        return next((e for e in self.entities if e.id == entity_id), None)

    def quote(self, quote_id: str) -> Quote | None:
        return next((q for q in self.quotes if q.id == quote_id), None)

    def next_id(self, prefix: str) -> str:
        """A fresh id such as `Q12` or `E4`, after the highest number in use."""
        used = [x.id for x in (self.quotes if prefix == "Q" else self.entities)]
        numbers = [int(i[len(prefix) :]) for i in used if i.startswith(prefix) and i[len(prefix) :].isdigit()]
        return f"{prefix}{max(numbers, default=0) + 1}"
