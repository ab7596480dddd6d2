"""An article as the annotation tools see it: labelled spans and labelled links between them.

Label Studio, doccano, Prodigy and INCEpTION all model annotations the same way: stretches of the
text with a label, and directed, labelled relations between two stretches. `article_spans` turns
an Annotation into that shape once, so each exporter only renders it:

- a region per quote segment (label: the quote type), per cue (label `cue`) and per mention
  (label `mention`); a stretch used twice (the same "he" as one quote's speaker and another's
  intermediary, one "said" cueing two quotes) is one region, its roles carried by the links;
- links from a quote's first segment: `cue`, `speaker`, and one per intermediary labelled with its
  role (`spokesperson`, `relay`, `outlet`), nearest to the speaker first; `continues` from each
  segment of a split quote to the next; `parent` from a nested quote to the quote holding it.

Each region's `meta` says what it stands for (quote id, status, confidence; a mention's entity id,
name and kind): one more field (say, the registry identity of an entity) goes into `mention_meta`
and reaches every format at once.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from quoteapp.formats.exports.common import ExportReport, Identities
from quoteapp.model import Annotation, Quote, Span

CUE, MENTION = "cue", "mention"
SPEAKER, CONTINUES, PARENT = "speaker", "continues", "parent"
#: every link label, in the order a labelling config lists them
LINK_LABELS = (CUE, SPEAKER, "spokesperson", "relay", "outlet", CONTINUES, PARENT)


@dataclass
class Region:
    """A labelled stretch of the text; `key` is unique within its article."""

    key: str
    start: int
    end: int
    text: str
    label: str
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def is_quote(self) -> bool:
        return self.label not in (CUE, MENTION)

    @property
    def display_label(self) -> str:
        """The label a tool shows: `Direct quote`, `Indirect quote`, `Mixed quote`, `Cue`, `Mention`."""
        return f"{self.label.capitalize()} quote" if self.is_quote else self.label.capitalize()


@dataclass(frozen=True)
class Link:
    """A directed, labelled relation between two regions (by key)."""

    head: str
    child: str
    label: str


@dataclass
class ArticleSpans:
    """The regions and links of one article (or of the quotes chosen from it)."""

    regions: list[Region] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)


QuoteFilter = Callable[[Quote], bool]


@functools.cache
def resource_text(name: str) -> str:
    """A shipped file of `resources/exports/` (a labelling config, a type system): package data."""
    return (resources.files("quoteapp.resources.exports") / name).read_text(encoding="utf-8")


#: what the span-and-relation formats (Label Studio, doccano, Prodigy, INCEpTION) cannot carry
NOT_KEPT = "entity aliases and descriptions, entity mentions outside quotes and the extractor's evidence are not kept"


def article_spans(
    annotation: Annotation,
    report: ExportReport,
    keep: QuoteFilter = lambda q: True,
    identities: Identities | None = None,
) -> ArticleSpans:
    """The regions and links of the quotes `keep` accepts, with the warnings of what they cannot carry;
    each mention's entity with its registry identity when `identities` knows it."""
    return _Builder(annotation, report, identities or Identities()).build([q for q in annotation.quotes if keep(q)])


def entity_meta(annotation: Annotation, entity_id: str) -> dict[str, Any]:
    """What a mention's region says about its entity: id, name and kind."""
    entity = annotation.entity(entity_id)
    if entity is None:
        return {"entity": entity_id}
    return {"entity": entity.id, "name": entity.name, "kind": entity.kind}


def entity_text(meta: dict[str, Any]) -> str:
    """'E1 Jana Ruiz (person)': an entity for a one-line note."""
    name = f" {meta['name']}" if meta.get("name") else ""
    kind = f" ({meta['kind']})" if meta.get("kind") else ""
    return f"{meta['entity']}{name}{kind}"


class _Builder:
    """Collects regions (one per stretch and layer) and links while walking the quotes."""

    def __init__(self, annotation: Annotation, report: ExportReport, identities: Identities) -> None:
        self.annotation = annotation
        self.report = report
        self.identities = identities
        self.out = ArticleSpans()
        self.by_stretch: dict[tuple[str, int, int], Region] = {}

    def build(self, quotes: list[Quote]) -> ArticleSpans:
        firsts = {q.id: self._quote(q) for q in quotes if q.segments}
        for q in quotes:
            if q.parent and q.id in firsts and q.parent in firsts:
                self._link(firsts[q.id], firsts[q.parent], PARENT)
            elif q.parent:
                self.report.warn(
                    f"{self.report.format}: a nested quote whose parent is not written with it has no parent link; "
                    "its parent's id is in its meta"
                )
        return self.out

    def _quote(self, q: Quote) -> str:
        """The quote's segment regions, linked in order; returns the key of its first segment."""
        keys = []
        for i, segment in enumerate(q.segments):
            region = Region(f"{q.id}.{i + 1}", segment.start, segment.end, segment.text, q.type, self._quote_meta(q))
            region.meta["segment"] = i + 1
            self.out.regions.append(region)
            keys.append(region.key)
        for a, b in zip(keys, keys[1:], strict=False):
            self._link(a, b, CONTINUES)
        if q.cue is not None:
            self._link(keys[0], self._shared(CUE, q.cue, {}).key, CUE)
        if q.speaker is not None:
            self._mention(keys[0], SPEAKER, q.speaker.entity, q.speaker.mention)
        for via in q.intermediaries:
            self._mention(keys[0], via.role, via.entity, via.mention)
        return keys[0]

    def _quote_meta(self, q: Quote) -> dict[str, Any]:
        """Everything about the quote that is not a stretch; speaker and intermediaries named even without a mention."""
        meta: dict[str, Any] = {"quote": q.id, "type": q.type, "status": q.status}
        if q.confidence is not None:
            meta["confidence"] = q.confidence
        if q.parent:
            meta["parent"] = q.parent
        if q.speaker is not None:
            meta["speaker"] = entity_text(entity_meta(self.annotation, q.speaker.entity))
        if q.intermediaries:
            meta["intermediaries"] = [
                f"{via.role} {entity_text(entity_meta(self.annotation, via.entity))}" for via in q.intermediaries
            ]
        return meta

    def _mention(self, head: str, role: str, entity_id: str, mention: Span | None) -> None:
        if mention is None:
            self.report.warn(
                f"{self.report.format}: a speaker or intermediary with no mention at its quote has no span to link; "
                "it is named in the quote's meta only"
            )
            return
        region = self._shared(MENTION, mention, self.mention_meta(entity_id))
        if region.meta.get("entity") != entity_id:
            self.report.warn(
                f"{self.report.format}: one mention naming two entities is kept as the first one's; "
                "the other is named in the quote's meta"
            )
        self._link(head, region.key, role)

    def mention_meta(self, entity_id: str) -> dict[str, Any]:
        """A mention region's meta: its entity, and its identity in the folder's registry when it has one."""
        meta = entity_meta(self.annotation, entity_id)
        identity = self.identities.of(self.annotation, entity_id)
        if identity is not None:
            meta["identity"], meta["identity_name"] = identity.id, identity.name
        return meta

    def _shared(self, label: str, span: Span, meta: dict[str, Any]) -> Region:
        """The region of this stretch in this layer, made the first time it is used."""
        stretch = (label, span.start, span.end)
        if stretch not in self.by_stretch:
            prefix = "c" if label == CUE else "m"
            region = Region(f"{prefix}{len(self.by_stretch) + 1}", span.start, span.end, span.text, label, meta)
            self.by_stretch[stretch] = region
            self.out.regions.append(region)
        return self.by_stretch[stretch]

    def _link(self, head: str, child: str, label: str) -> None:
        link = Link(head, child, label)
        if link not in self.out.links:
            self.out.links.append(link)
