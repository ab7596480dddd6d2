"""What the extractor tests look at in an annotation: the quote holding some words, its speaker's
name, its chain of intermediaries. Shared by test_extractor.py and test_attribution_rules.py."""

from __future__ import annotations

from quoteapp.model import Annotation, Quote, validate
from quoteapp.nlp.extractor import Extractor


def extract(extractor: Extractor, text: str) -> Annotation:
    annotation = extractor.annotate(text, "test")
    validate(annotation)  # every output keeps the model's invariants
    return annotation


def quote_with(annotation: Annotation, words: str) -> Quote:
    """The smallest quote whose content holds `words`."""
    found = [q for q in annotation.quotes if any(words in s.text for s in q.segments)]
    assert found, f"no quote holds {words!r}: {[[s.text for s in q.segments] for q in annotation.quotes]}"
    return min(found, key=lambda q: q.end - q.start)


def speaker_name(annotation: Annotation, quote: Quote) -> str | None:
    if quote.speaker is None:
        return None
    entity = annotation.entity(quote.speaker.entity)
    assert entity is not None
    return entity.name


def chain(annotation: Annotation, quote: Quote) -> list[tuple[str, str]]:
    """(name, role) of each intermediary, from the speaker outward."""
    out = []
    for link in quote.intermediaries:
        entity = annotation.entity(link.entity)
        assert entity is not None
        out.append((entity.name, link.role))
    return out
