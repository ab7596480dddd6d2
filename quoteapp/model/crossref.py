"""The same statement reported by several articles: for each quote, its versions in the other articles.

A view of `statements.group_statements` (one place decides what "the same statement" is): the
editor's "Also reported in" lists the other articles' versions of the quote's statement, with
how each article got it. Fragments and rejected quotes are in no statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from quoteapp.model.annotation import Annotation
from quoteapp.model.registry import Registry
from quoteapp.model.statements import PASSAGE, Statement, Version, group_statements


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
    score: float  # how alike the two versions' words are (rapidfuzz token set ratio, 0..100)


def _sighting(version: Version, other: Version) -> Sighting:
    score = fuzz.token_set_ratio(version.text.lower(), other.text.lower())
    return Sighting(QuoteRef(other.article, other.quote), other.text, other.speaker, list(other.intermediaries), score)


def sightings(statements: Sequence[Statement]) -> dict[QuoteRef, list[Sighting]]:
    """For each version of a statement, the versions of the other articles, the most alike first."""
    links: dict[QuoteRef, list[Sighting]] = {}
    for statement in statements:
        quotes = [v for v in statement.versions if not v.quote.startswith(PASSAGE)]
        for version in quotes:
            found = [_sighting(version, o) for o in quotes if o.article != version.article]
            if found:
                found.sort(key=lambda s: (-s.score, s.ref.article, s.ref.quote))
                links[QuoteRef(version.article, version.quote)] = found
    return links


def link_quotes(annotations: Sequence[Annotation], registry: Registry | None = None) -> dict[QuoteRef, list[Sighting]]:
    """For each quote seen in more than one article, the sightings in the other articles."""
    return sightings(group_statements(annotations, registry))
