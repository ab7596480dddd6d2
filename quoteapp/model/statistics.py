"""Who is quoted how often, and how: counts for one article and for a corpus of articles.

Rejected quotes are not counted. Speakers are counted by entity name, or by the corpus registry's
name when one is given, so the same person is one row across articles however each spells them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from quoteapp.model.annotation import Annotation


@dataclass
class Stats:
    """Counts over one article or many."""

    articles: int = 0
    quotes: int = 0
    by_speaker: Counter[str] = field(default_factory=Counter)
    by_type: Counter[str] = field(default_factory=Counter)
    by_role: Counter[str] = field(default_factory=Counter)  # intermediaries, by role
    anonymous: int = 0  # quotes whose speaker is an anonymous source
    unattributed: int = 0

    @property
    def anonymous_share(self) -> float:
        return self.anonymous / self.quotes if self.quotes else 0.0

    def add(self, other: Stats) -> None:
        self.articles += other.articles
        self.quotes += other.quotes
        self.by_speaker.update(other.by_speaker)
        self.by_type.update(other.by_type)
        self.by_role.update(other.by_role)
        self.anonymous += other.anonymous
        self.unattributed += other.unattributed


def article_stats(annotation: Annotation, canonical: Mapping[tuple[str, str], str] | None = None) -> Stats:
    """`canonical` maps (article id, entity id) to a corpus-wide name (the speaker registry's)."""
    stats = Stats(articles=1)
    canonical = canonical or {}
    entities = {e.id: e for e in annotation.entities}
    for quote in annotation.quotes:
        if quote.status == "rejected":
            continue
        stats.quotes += 1
        stats.by_type[quote.type] += 1
        speaker = entities.get(quote.speaker.entity) if quote.speaker else None
        if speaker is None:
            stats.unattributed += 1
        else:
            stats.by_speaker[canonical.get((annotation.document.id, speaker.id), speaker.name)] += 1
            stats.anonymous += speaker.kind == "anonymous"
        stats.by_role.update(via.role for via in quote.intermediaries)
    return stats


@dataclass
class CorpusStats:
    total: Stats
    per_article: dict[str, Stats]


def corpus_stats(
    annotations: Iterable[Annotation], canonical: Mapping[tuple[str, str], str] | None = None
) -> CorpusStats:
    total, per_article = Stats(), {}
    for annotation in annotations:
        stats = article_stats(annotation, canonical)
        per_article[annotation.document.id] = stats
        total.add(stats)
    return CorpusStats(total, per_article)
