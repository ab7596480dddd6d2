"""'said in a statement that ...': the parser hangs the that-clause on the noun of the medium; it is
still what the cue reports (text invented)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("sentence", "content", "speaker"),
    [
        ("Mayor Ana Ruiz said in a statement that the pier would close in May.", "the pier would close in May", "Ruiz"),
        (
            "Tom Beck told the Lakeland Press in an interview that the fares would rise.",
            "the fares would rise",
            "Beck",
        ),
    ],
)
def test_the_clause_on_the_medium_is_the_quote(extractor, sentence: str, content: str, speaker: str) -> None:
    annotation = extractor.annotate(f"Pier news\n\n{sentence}\n", "pier")
    (quote,) = [q for q in annotation.quotes if q.segments[0].text == content]
    assert annotation.entity(quote.speaker.entity).name.endswith(speaker)


def test_a_relative_clause_on_the_medium_is_no_quote(extractor) -> None:
    annotation = extractor.annotate("Pier news\n\nRuiz said in the statement that she signed on Monday.\n", "pier")
    assert not any(q.segments[0].text.startswith("she signed") for q in annotation.quotes)
