"""From an article's text to an Annotation: parse, find quotes, group speakers, link nesting.

Long texts are parsed in chunks cut at paragraph breaks (spaCy's max_length and memory), and
offsets are carried back to the whole text, so a 5 MB article works like a short one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.language import Language

from quoteapp import __version__
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker
from quoteapp.nlp.entities import EntityDraft, EntityGrouper
from quoteapp.nlp.mentions import Mention, make_mention
from quoteapp.nlp.pipeline import load_pipeline, pipeline_label
from quoteapp.nlp.rules import Candidate

CHUNK_CHARS = 60_000


@dataclass
class _Found:
    candidates: list[Candidate]
    persons: list[Mention]


def split_chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """(offset, chunk) pieces of at most about `limit` characters, cut after a newline."""
    chunks, start = [], 0
    while start < len(text):
        end = min(len(text), start + limit)
        if end < len(text):
            cut = text.rfind("\n", start + limit // 2, end)
            end = cut + 1 if cut != -1 else end
        chunks.append((start, text[start:end]))
        start = end
    return chunks


class Extractor:
    """The quote extractor around one loaded spaCy pipeline."""

    def __init__(self, model: str | None = None, nlp: Language | None = None) -> None:
        self.nlp = nlp if nlp is not None else load_pipeline(model)

    @property
    def label(self) -> str:
        return pipeline_label(self.nlp)

    def _find(self, text: str, progress: Callable[[float], None] | None) -> _Found:
        chunks = split_chunks(text)
        cands: list[Candidate] = []
        persons: list[Mention] = []
        docs = self.nlp.pipe(chunk for _, chunk in chunks)
        for n, ((offset, _), doc) in enumerate(zip(chunks, docs, strict=True)):
            base = len(cands)
            for cand in doc._.quote_candidates:
                cands.append(_shift(cand, offset, base))
            persons.extend(make_mention(ent.root).shifted(offset) for ent in doc.ents if ent.label_ == "PERSON")
            if progress:
                progress((n + 1) / len(chunks))
        return _Found(cands, persons)

    def annotate(
        self, text: str, doc_id: str, *, path: str | None = None, title: str | None = None,
        progress: Callable[[float], None] | None = None,
    ) -> Annotation:
        """The annotation of one article, with every quote `auto`."""
        found = self._find(text, progress)
        return build_annotation(
            Document(id=doc_id, text=text, path=path, title=title), found.candidates, found.persons,
            {"app": "quoteapp", "app_version": __version__, "pipeline": self.label},
        )


def _shift(cand: Candidate, offset: int, base: int) -> Candidate:
    if not offset and not base:
        return cand
    return Candidate(
        cand.type, [(s + offset, e + offset) for s, e in cand.segments],
        (cand.cue[0] + offset, cand.cue[1] + offset) if cand.cue else None,
        cand.speaker.shifted(offset) if cand.speaker else None, cand.rule, cand.confidence,
        list(cand.evidence), cand.parent + base if cand.parent is not None else None, cand.cue_token,
    )


def build_annotation(
    document: Document, cands: list[Candidate], persons: Iterable[Mention], generator: dict
) -> Annotation:
    """Turn candidates into model objects: entities from speakers, ids, parents and relays."""
    text = document.text
    grouper = EntityGrouper(list(persons))
    order = sorted(range(len(cands)), key=lambda i: (cands[i].speaker.start if cands[i].speaker else 1 << 60))
    drafts: dict[int, EntityDraft] = {}
    for i in order:
        cand = cands[i]
        if cand.speaker is None:
            continue
        entity, reason = grouper.assign(cand.speaker)
        drafts[i] = entity
        cand.evidence.append(reason)
    used = sorted({d.key for d in drafts.values()})
    ids = {key: f"E{n + 1}" for n, key in enumerate(used)}
    entities = [_entity(d, ids[d.key], text) for d in grouper.entities if d.key in ids]

    quote_ids = {i: f"Q{n + 1}" for n, i in enumerate(range(len(cands)))}
    quotes = []
    for i, cand in enumerate(cands):
        speaker = None
        if i in drafts and cand.speaker is not None:
            speaker = Speaker(ids[drafts[i].key], Span.of(text, cand.speaker.start, cand.speaker.end))
        quotes.append(Quote(
            id=quote_ids[i], type=cand.type, segments=[Span.of(text, s, e) for s, e in cand.segments],
            cue=Span.of(text, *cand.cue) if cand.cue else None, speaker=speaker,
            parent=quote_ids.get(cand.parent) if cand.parent is not None else None,
            confidence=cand.confidence, evidence="; ".join(cand.evidence),
        ))
    _add_relays(quotes)
    return Annotation(document=document, entities=entities, quotes=quotes, generator=generator)


def _entity(draft: EntityDraft, entity_id: str, text: str) -> Entity:
    descriptions = [d for d in draft.descriptions if not d.startswith("unresolved")]
    return Entity(
        id=entity_id, kind=draft.kind if draft.kind != "unknown" else "other", name=draft.name,
        aliases=draft.aliases(), description=descriptions[0] if descriptions and draft.names else None,
        mentions=sorted({Span.of(text, m.start, m.end) for m in draft.mentions}, key=lambda s: s.start),
    )


def _add_relays(quotes: list[Quote]) -> None:
    """A quote nested in another speaker's quote reached us through that speaker: a relay."""
    by_id = {q.id: q for q in quotes}
    for quote in quotes:
        parent = by_id.get(quote.parent) if quote.parent else None
        if parent is None or parent.speaker is None:
            continue
        if quote.speaker is None:
            continue
        if parent.speaker.entity != quote.speaker.entity:
            quote.intermediaries.append(Intermediary(parent.speaker.entity, "relay", parent.speaker.mention))
            quote.evidence = (quote.evidence or "") + f"; relayed by the speaker of {parent.id}"
