"""The invariants of an Annotation: what `validate` refuses, and that its messages name the field."""

from __future__ import annotations

import math

import pytest

from quoteapp.model import (
    Annotation,
    Document,
    Entity,
    Intermediary,
    InvalidAnnotation,
    Quote,
    Span,
    Speaker,
    text_sha256,
    validate,
)

# Made up for these tests; the 👍🏽 and 𝔘 sit outside the BMP so that UTF-16 offsets would be wrong.
TEXT = (
    "Harbor City 👍🏽 News\n\n"
    "The mayor said the 𝔘-bridge would reopen in May. "
    '"We are on schedule," a city spokeswoman told the Harbor Gazette.'
)


def span(fragment: str, text: str = TEXT) -> Span:
    """The span of the first occurrence of `fragment` in the text."""
    start = text.index(fragment)
    return Span(start, start + len(fragment), fragment)


def make_annotation() -> Annotation:
    """A small valid annotation: an indirect quote and a direct quote passed on by a spokeswoman."""
    return Annotation(
        document=Document(id="harbor", text=TEXT),
        entities=[
            Entity("E1", "person", "the mayor", mentions=[span("The mayor")]),
            Entity("E2", "anonymous", "city spokeswoman", aliases=["a city spokeswoman"]),
            Entity("E3", "outlet", "Harbor Gazette"),
        ],
        quotes=[
            Quote(
                "Q1",
                "indirect",
                [span("the 𝔘-bridge would reopen in May")],
                cue=span("said"),
                speaker=Speaker("E1", span("The mayor")),
            ),
            Quote(
                "Q2",
                "direct",
                [span("We are on schedule,")],
                cue=span("told"),
                speaker=Speaker("E1"),
                intermediaries=[
                    Intermediary("E2", "spokesperson", span("a city spokeswoman")),
                    Intermediary("E3", "outlet", span("Harbor Gazette")),
                ],
                parent=None,
                confidence=0.75,
            ),
        ],
    )


def assert_invalid(annotation: Annotation, field: str, *fragments: str) -> InvalidAnnotation:
    """validate() refuses the annotation, at `field`, with a message containing every fragment."""
    with pytest.raises(InvalidAnnotation) as info:
        validate(annotation)
    error = info.value
    assert error.field == field
    assert str(error).startswith(f"{field}: ")
    for fragment in fragments:
        assert fragment in error.message
    return error


def test_the_sample_is_valid_and_offsets_count_code_points() -> None:
    annotation = make_annotation()
    validate(annotation)
    mention = annotation.entities[0].mentions[0]
    assert TEXT[mention.start : mention.end] == "The mayor"
    # Code points, not UTF-16: 👍🏽 is 2 code points (4 UTF-16 units) and 𝔘 is 1 (2 units).
    assert Span.of("a👍🏽b", 3, 4).text == "b"
    assert Span.of("𝔘x", 1, 2).text == "x"


def test_document_hash_is_computed_from_the_text() -> None:
    assert Document("d", TEXT).sha256 == text_sha256(TEXT)
    assert text_sha256("é") != text_sha256("e\u0301")


# --------------------------------------------------------------------------- spans


def test_span_past_the_end_names_field_and_numbers() -> None:
    annotation = make_annotation()
    annotation.quotes[1].segments[0] = Span(len(TEXT) - 2, len(TEXT) + 5, "x")
    assert_invalid(annotation, "quotes[1].segments[0]", f"end {len(TEXT) + 5}", f"({len(TEXT)})")


def test_span_with_negative_start() -> None:
    annotation = make_annotation()
    annotation.quotes[0].cue = Span(-1, 3, "Har")
    assert_invalid(annotation, "quotes[0].cue", "start -1 is negative")


@pytest.mark.parametrize(("start", "end"), [(10, 10), (12, 8)])
def test_span_must_end_after_it_starts(start: int, end: int) -> None:
    annotation = make_annotation()
    annotation.entities[0].mentions[0] = Span(start, end, "")
    assert_invalid(annotation, "entities[0].mentions[0]", f"end {end} is not after start {start}")


def test_span_text_must_equal_the_document_text() -> None:
    annotation = make_annotation()
    good = annotation.quotes[0].segments[0]
    annotation.quotes[0].segments[0] = Span(good.start, good.end, good.text.replace("May", "Mai"))
    error = assert_invalid(annotation, "quotes[0].segments[0]", f"{good.start}-{good.end}")
    # The message shows the place where the texts differ, not just a shared prefix.
    assert "Mai" in error.message and "May" in error.message


def test_long_span_text_mismatch_shows_the_difference() -> None:
    text = "a" * 200 + "b" + "a" * 200
    annotation = Annotation(Document("d", text), quotes=[Quote("Q1", "direct", [Span(0, 401, "a" * 401)])])
    error = assert_invalid(annotation, "quotes[0].segments[0]")
    assert "b" in error.message
    assert len(error.message) < 200


def test_speaker_and_intermediary_mentions_are_checked() -> None:
    annotation = make_annotation()
    annotation.quotes[0].speaker = Speaker("E1", Span(0, 4, "Port"))
    assert_invalid(annotation, "quotes[0].speaker.mention", "'Port'", "'Harb'")

    annotation = make_annotation()
    annotation.quotes[1].intermediaries[1].mention = Span(0, len(TEXT) + 1, TEXT)
    assert_invalid(annotation, "quotes[1].intermediaries[1].mention", "past the end")


# --------------------------------------------------------------------------- references


def test_speaker_entity_must_exist() -> None:
    annotation = make_annotation()
    annotation.quotes[1].speaker = Speaker("E9")
    assert_invalid(annotation, "quotes[1].speaker.entity", "'E9'")


def test_intermediary_entity_must_exist() -> None:
    annotation = make_annotation()
    annotation.quotes[1].intermediaries[0] = Intermediary("E7", "relay")
    assert_invalid(annotation, "quotes[1].intermediaries[0].entity", "'E7'")


def test_removing_an_entity_still_in_use_is_caught() -> None:
    annotation = make_annotation()
    del annotation.entities[2]
    assert_invalid(annotation, "quotes[1].intermediaries[1].entity", "'E3'")


def test_parent_must_exist() -> None:
    annotation = make_annotation()
    annotation.quotes[1].parent = "Q8"
    assert_invalid(annotation, "quotes[1].parent", "'Q8'")


def test_nested_quote_with_existing_parent_is_valid() -> None:
    annotation = make_annotation()
    annotation.quotes[1].parent = "Q1"
    validate(annotation)


def test_quote_cannot_be_its_own_parent() -> None:
    annotation = make_annotation()
    annotation.quotes[0].parent = "Q1"
    assert_invalid(annotation, "quotes[0].parent", "Q1", "own ancestor")


def test_two_quotes_cannot_be_each_others_parent() -> None:
    annotation = make_annotation()
    annotation.quotes[0].parent = "Q2"
    annotation.quotes[1].parent = "Q1"
    assert_invalid(annotation, "quotes[0].parent", "own ancestor")


def test_a_loop_above_a_quote_is_reported_truthfully() -> None:
    """Q1 hangs below a Q2 <-> Q3 loop: Q1 is not its own ancestor, but its parents loop."""
    annotation = make_annotation()
    annotation.quotes.append(Quote("Q3", "indirect", [span("reopen")], parent="Q2"))
    annotation.quotes[0].parent = "Q2"
    annotation.quotes[1].parent = "Q3"
    error = assert_invalid(annotation, "quotes[0].parent", "loop")
    assert "Q1 is its own ancestor" not in error.message


# --------------------------------------------------------------------------- ids and values


def test_ids_must_be_unique() -> None:
    annotation = make_annotation()
    annotation.entities[1].id = "E1"
    assert_invalid(annotation, "entities[1].id", "'E1'", "twice")

    annotation = make_annotation()
    annotation.quotes[1].id = "Q1"
    assert_invalid(annotation, "quotes[1].id", "'Q1'", "twice")


def test_ids_must_not_be_empty() -> None:
    annotation = make_annotation()
    annotation.quotes[0].id = ""
    assert_invalid(annotation, "quotes[0].id", "empty")


def test_choices_are_checked() -> None:
    annotation = make_annotation()
    annotation.quotes[0].type = "paraphrase"
    assert_invalid(annotation, "quotes[0].type", "'paraphrase'", "direct")

    annotation = make_annotation()
    annotation.quotes[1].status = "done"
    assert_invalid(annotation, "quotes[1].status", "'done'", "accepted")

    annotation = make_annotation()
    annotation.quotes[1].intermediaries[0].role = "friend"
    assert_invalid(annotation, "quotes[1].intermediaries[0].role", "'friend'", "spokesperson")

    annotation = make_annotation()
    annotation.entities[0].kind = "human"
    assert_invalid(annotation, "entities[0].kind", "'human'")


def test_kind_unknown_of_the_gold_files_is_tolerated() -> None:
    annotation = make_annotation()
    annotation.entities[0].kind = "unknown"
    validate(annotation)


@pytest.mark.parametrize("confidence", [-0.1, 1.5, math.nan])
def test_confidence_is_between_0_and_1(confidence: float) -> None:
    annotation = make_annotation()
    annotation.quotes[1].confidence = confidence
    assert_invalid(annotation, "quotes[1].confidence", "between 0 and 1")


def test_a_quote_needs_a_segment() -> None:
    annotation = make_annotation()
    annotation.quotes[0].segments = []
    assert_invalid(annotation, "quotes[0].segments", "at least one segment")


def test_sha256_must_match_unless_told_not_to_check() -> None:
    annotation = make_annotation()
    annotation.document.sha256 = text_sha256(TEXT + " ")
    assert_invalid(annotation, "document.sha256", "does not match")
    validate(annotation, check_sha256=False)


def test_next_id_follows_the_highest_number() -> None:
    annotation = make_annotation()
    annotation.quotes.append(Quote("Q10", "direct", [span("May")]))
    assert annotation.next_id("Q") == "Q11"
    assert annotation.next_id("E") == "E4"
    assert Annotation(Document("d", "")).next_id("Q") == "Q1"
