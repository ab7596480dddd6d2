"""Short invented articles for the statement tests: an article's text and its quotes, built by hand."""

from __future__ import annotations

from dataclasses import dataclass, field

from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker
from quoteapp.model.statements import Statement, Version


@dataclass
class Q:
    """One quote of an invented article: its segments (found in the text, in order), speaker and chain."""

    segments: list[str]
    speaker: str | None = "Rosa Vidal"
    type: str = "direct"
    kind: str = "person"
    via: list[tuple[str, str, str]] = field(default_factory=list)  # (name, kind, role)
    status: str = "auto"


def article(doc_id: str, text: str, *quotes: Q) -> Annotation:
    """An annotation of `text` with `quotes`; one entity per name, `E1`, `E2`, ... in order of first use."""
    annotation = Annotation(Document(id=doc_id, text=text))
    entities: dict[str, Entity] = {}

    def entity(name: str, kind: str) -> str:
        if name not in entities:
            entities[name] = Entity(f"E{len(entities) + 1}", kind, name)
            annotation.entities.append(entities[name])
        return entities[name].id

    for n, q in enumerate(quotes, 1):
        spans, at = [], 0
        for words in q.segments:
            start = text.index(words, at)
            spans.append(Span.of(text, start, start + len(words)))
            at = start + len(words)
        speaker = Speaker(entity(q.speaker, q.kind)) if q.speaker else None
        via = [Intermediary(entity(name, kind), role) for name, kind, role in q.via]
        annotation.quotes.append(Quote(f"Q{n}", q.type, spans, speaker=speaker, intermediaries=via, status=q.status))
    return annotation


def version(statements: list[Statement], article_id: str, quote: str = "Q1") -> Version:
    """The version of that quote in the statements (AssertionError when it is in none)."""
    found = [v for s in statements for v in s.versions if (v.article, v.quote) == (article_id, quote)]
    assert found, f"{article_id} {quote} is in no statement"
    return found[0]


def kinds(v: Version, other: str | None = None) -> set[str]:
    """The kinds of a version's flags (against the versions of article `other` only, when given)."""
    return {f.kind for f in v.flags if other is None or f.other[0] == other}


def members(statement: Statement) -> set[tuple[str, str]]:
    return {(v.article, v.quote) for v in statement.versions}
