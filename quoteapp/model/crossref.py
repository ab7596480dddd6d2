"""The same statement reported by several articles: quotes linked across a corpus by their words.

Two quotes are the same statement when their content, lower-cased and stripped of punctuation,
is nearly equal (rapidfuzz token ratio), or one holds the other (a longer and a shorter excerpt
of the same words). Only quotes of at least a few words are linked: short fragments repeat by chance.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from quoteapp.model.annotation import Annotation, Quote
from quoteapp.model.queries import quote_text

MIN_WORDS = 5
SAME_SCORE = 88.0  # token_set_ratio: word order and small edits allowed
WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class QuoteRef:
    """One quote of one article."""

    article: str
    quote: str


@dataclass
class Sighting:
    """Where else a quote appears, and through whom that article got it."""

    ref: QuoteRef
    text: str
    speaker: str | None
    via: list[tuple[str, str]]  # (intermediary name, role), speaker outward
    score: float


def _content(quote: Quote) -> str:
    return " ".join(WORD.findall(" ".join(s.text for s in quote.segments).lower()))


def _describe(annotation: Annotation, quote: Quote, score: float) -> Sighting:
    names = {e.id: e.name for e in annotation.entities}
    return Sighting(
        QuoteRef(annotation.document.id, quote.id),
        quote_text(quote),
        names.get(quote.speaker.entity) if quote.speaker else None,
        [(names.get(i.entity, i.entity), i.role) for i in quote.intermediaries],
        score,
    )


def link_quotes(annotations: Sequence[Annotation]) -> dict[QuoteRef, list[Sighting]]:
    """For each quote seen in more than one article, the sightings in the other articles."""
    refs: list[tuple[Annotation, Quote]] = []
    texts: list[str] = []
    for annotation in annotations:
        for quote in annotation.quotes:
            content = _content(quote)
            if quote.status != "rejected" and len(content.split()) >= MIN_WORDS:
                refs.append((annotation, quote))
                texts.append(content)
    if not texts:
        return {}
    scores = process.cdist(texts, texts, scorer=fuzz.token_set_ratio, score_cutoff=SAME_SCORE, workers=1)
    links: dict[QuoteRef, list[Sighting]] = {}
    for i, (annotation, quote) in enumerate(refs):
        for j, (other_annotation, other) in enumerate(refs):
            if scores[i][j] and other_annotation.document.id != annotation.document.id:
                ref = QuoteRef(annotation.document.id, quote.id)
                links.setdefault(ref, []).append(_describe(other_annotation, other, float(scores[i][j])))
    for sightings in links.values():
        sightings.sort(key=lambda s: (-s.score, s.ref.article))
    return links
