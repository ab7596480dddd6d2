"""Carrying corrections over to a changed article, and merging a re-analysis into edited work."""

from __future__ import annotations

from quoteapp.model import Annotation, Document, Entity, Quote, Span, Speaker, validate
from quoteapp.model.reanchor import merge_reanalysis, reanchor

TEXT = "The baker Ivo Kern said the bread was late. The mayor said the road was closed.\n"


def annotation(text: str = TEXT) -> Annotation:
    bread = text.index("the bread was late")
    road = text.index("the road was closed")
    return Annotation(
        Document(id="t", text=text),
        entities=[Entity("E1", "person", "Ivo Kern", mentions=[Span.of(text, 10, 18)])],
        quotes=[
            Quote("Q1", "indirect", [Span.of(text, bread, bread + 18)], speaker=Speaker("E1", Span.of(text, 10, 18)),
                  status="corrected"),
            Quote("Q2", "indirect", [Span.of(text, road, road + 19)], status="auto", confidence=0.8),
        ],
    )


def test_reanchor_moves_every_span_to_the_new_text() -> None:
    new_text = "UPDATED 👍 " + TEXT
    moved, changed = reanchor(annotation(), new_text)
    validate(moved)
    assert [q.segments[0].text for q in moved.quotes] == ["the bread was late", "the road was closed"]
    assert moved.quotes[0].speaker.mention.text == "Ivo Kern"
    assert changed == []


def test_reanchor_lists_quotes_whose_words_changed_and_keeps_them() -> None:
    new_text = TEXT.replace("the bread was late", "the rolls were late")
    moved, changed = reanchor(annotation(), new_text)
    validate(moved)
    assert changed == ["Q1"]
    assert len(moved.quotes) == 2


def test_reanchor_keeps_a_quote_whose_text_vanished() -> None:
    new_text = TEXT.replace(" The mayor said the road was closed.", "")
    moved, changed = reanchor(annotation(), new_text)
    validate(moved)
    assert "Q2" in changed and moved.quote("Q2") is not None


def test_merge_reanalysis_replaces_only_auto_quotes() -> None:
    edited = annotation()
    fresh = Annotation(
        Document(id="t", text=TEXT),
        entities=[Entity("E1", "person", "Kern"), Entity("E2", "person", "the mayor")],
        quotes=[
            Quote("Q1", "indirect", [Span.of(TEXT, 23, 41)], speaker=Speaker("E1"), confidence=0.9),
            Quote("Q2", "indirect", [Span.of(TEXT, 58, 77)], speaker=Speaker("E2"), confidence=0.7),
        ],
    )
    merged = merge_reanalysis(edited, fresh)
    validate(merged)
    assert [q.status for q in merged.quotes] == ["corrected", "auto"]
    assert merged.quotes[0] == edited.quotes[0], "the editor's quote is kept as it was"
    auto = merged.quotes[1]
    assert merged.entity(auto.speaker.entity).name == "the mayor"
    assert len({q.id for q in merged.quotes}) == 2


def test_reanchor_a_long_article_line_by_line() -> None:
    """A multi-megabyte article that changed is carried over by whole lines (character-level diffing
    would take minutes): unchanged lines keep their quotes exactly."""
    filler = "".join(f"Paragraph {i} says nothing of note today.\n" for i in range(6000))
    text = filler + TEXT + filler
    old = annotation(text)
    new_text = "A correction was added at the top.\n" + text.replace("Paragraph 10 says", "Paragraph ten says")
    moved, changed = reanchor(old, new_text)
    validate(moved)
    assert [q.segments[0].text for q in moved.quotes] == ["the bread was late", "the road was closed"]
    assert changed == []
