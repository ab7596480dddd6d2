"""Carrying corrections over to a changed article, and merging a re-analysis into edited work."""

from __future__ import annotations

import difflib
import importlib.util
from pathlib import Path

import pytest

from quoteapp.formats.attribution import read_annotation, write_annotation
from quoteapp.model import Annotation, Document, Entity, Quote, Span, Speaker, validate
from quoteapp.model.alignment import fast_matching_blocks, offset_carrier
from quoteapp.model.reanchor import UNPLACED, merge_reanalysis, quote_flags, reanchor, with_flag, without_flag

TEXT = "The baker Ivo Kern said the bread was late. The mayor said the road was closed.\n"


def annotation(text: str = TEXT) -> Annotation:
    bread = text.index("the bread was late")
    road = text.index("the road was closed")
    return Annotation(
        Document(id="t", text=text),
        entities=[Entity("E1", "person", "Ivo Kern", mentions=[Span.of(text, 10, 18)])],
        quotes=[
            Quote(
                "Q1",
                "indirect",
                [Span.of(text, bread, bread + 18)],
                speaker=Speaker("E1", Span.of(text, 10, 18)),
                status="corrected",
            ),
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


# --- re-anchoring at character precision, fast on megabytes (issue: 52 s at 60,000 characters) -------

STORY = (
    "Harbour news 🚢 from Vellmar\n\n"
    "The pilot Sana Oyelaran said the fog would lift by noon 🌫️. "
    "“We keep the 𝔰𝔥𝔦𝔭𝔰 in port until then,” she told the crew.\n"
    "A clerk said the ferry 👨‍👩‍👧 tickets stay valid. The mayor said the quay was repaired.\n"
)
PHRASES = {
    "Q1": "the fog would lift by noon 🌫️",
    "Q2": "We keep the 𝔰𝔥𝔦𝔭𝔰 in port until then",
    "Q3": "the ferry 👨‍👩‍👧 tickets stay valid",
    "Q4": "the quay was repaired",
}


def story_annotation(text: str = STORY) -> Annotation:
    """Four quotes over PHRASES, the first spoken by an entity named at its mention."""

    def span(words: str) -> Span:
        start = text.index(words)
        return Span.of(text, start, start + len(words))

    name = span("Sana Oyelaran")
    quotes = [Quote(qid, "indirect", [span(words)], status="accepted") for qid, words in PHRASES.items()]
    quotes[0].speaker = Speaker("E1", name)
    quotes[1].cue = span("told")
    return Annotation(
        Document(id="story", text=text),
        entities=[Entity("E1", "person", "Sana Oyelaran", mentions=[name])],
        quotes=quotes,
    )


def where(text: str, words: str) -> tuple[int, int]:
    start = text.index(words)
    return start, start + len(words)


EDITS = {
    "insert before the quotes": lambda t: t.replace("Harbour news", "UPDATE 𝟚𝟘𝟚𝟞: Harbour news 🆕"),
    "delete before a quote": lambda t: t.replace("The pilot Sana", "Sana"),
    "replace between quotes": lambda t: t.replace("she told the crew", "the pilot 🧑‍✈️ told the whole crew"),
    "insert after the quotes": lambda t: t + "Correction: an earlier version misspelled Vellmar 😬.\n",
    "delete after the last quote": lambda t: t.replace(" was repaired.\n", " was repaired"),
    "several at once": lambda t: "🔔 " + t.replace("A clerk", "A ticket clerk").replace("noon 🌫️. ", "noon 🌫️.\n\n"),
}


@pytest.mark.parametrize("edit", list(EDITS), ids=list(EDITS))
def test_unchanged_words_keep_their_spans_through_any_edit(edit: str) -> None:
    """Every quote whose words are untouched sits on the same words in the new text; none is listed."""
    new_text = EDITS[edit](STORY)
    moved, changed = reanchor(story_annotation(), new_text)
    validate(moved)
    assert changed == []
    for quote in moved.quotes:
        assert (quote.segments[0].start, quote.segments[0].end) == where(new_text, PHRASES[quote.id])
        assert quote_flags(quote) == []
    assert (moved.quotes[0].speaker.mention.start, moved.quotes[0].speaker.mention.end) == where(
        new_text, "Sana Oyelaran"
    )
    assert moved.entities[0].mentions[0].text == "Sana Oyelaran"


@pytest.mark.parametrize(
    ("inside", "quote_id"),
    [
        (lambda t: t.replace("lift by noon", "lift by one"), "Q1"),
        (lambda t: t.replace("𝔰𝔥𝔦𝔭𝔰 in port", "𝔰𝔥𝔦𝔭 in the port"), "Q2"),
        (lambda t: t.replace("👨‍👩‍👧 tickets", "tickets"), "Q3"),
        (lambda t: t.replace("quay was", "quay 🛠 was"), "Q4"),
    ],
    ids=["replace", "non-BMP", "delete emoji", "insert emoji"],
)
def test_an_edit_inside_a_quote_lists_that_quote_alone(inside, quote_id: str) -> None:
    new_text = inside(STORY)
    moved, changed = reanchor(story_annotation(), new_text)
    validate(moved)
    assert changed == [quote_id]
    for quote in moved.quotes:
        if quote.id != quote_id:
            assert (quote.segments[0].start, quote.segments[0].end) == where(new_text, PHRASES[quote.id])


def test_a_listed_quote_is_flagged_and_the_flag_survives_a_save(tmp_path: Path) -> None:
    new_text = STORY.replace(" The mayor said the quay was repaired.", "")
    moved, changed = reanchor(story_annotation(), new_text)
    assert changed == ["Q4"]
    assert [quote_flags(q) for q in moved.quotes] == [[], [], [], [UNPLACED]]
    path = tmp_path / "story.quotes.json"
    write_annotation(moved, path)
    again = read_annotation(path)
    assert quote_flags(again.quote("Q4")) == [UNPLACED]
    assert quote_flags(without_flag(again.quote("Q4"), UNPLACED)) == []
    assert "extensions" not in without_flag(again.quote("Q4"), UNPLACED).extra


def test_flags_keep_other_extensions() -> None:
    quote = Quote("Q1", "direct", [Span(0, 1, "x")], extra={"extensions": {"other_tool": {"a": 1}}})
    flagged = with_flag(with_flag(quote, UNPLACED), UNPLACED)
    assert quote_flags(flagged) == [UNPLACED]
    assert flagged.extra["extensions"]["other_tool"] == {"a": 1}
    assert without_flag(flagged, UNPLACED).extra == quote.extra
    assert quote.extra == {"extensions": {"other_tool": {"a": 1}}}, "the input is left alone"


def test_a_long_article_is_carried_at_character_precision() -> None:
    """On a long article an edit on a quote's own line, outside its words, leaves the quote exact
    (the old whole-line fallback moved it to the next unchanged line and listed it)."""
    filler = "".join(f"Paragraph {i} says nothing of note today.\n" for i in range(6000))
    text = filler + STORY + filler
    new_text = "A correction 📝 was added at the top.\n" + text.replace(
        "The pilot Sana", "The harbour pilot Sana"
    ).replace("A clerk said", "A clerk 🧾 said").replace("Paragraph 10 says", "Paragraph ten says")
    progress: list[float] = []
    moved, changed = reanchor(story_annotation(text), new_text, progress=progress.append)
    validate(moved)
    assert changed == []
    offset = new_text.index(STORY.replace("The pilot", "The harbour pilot")[:20])
    for quote in moved.quotes:
        assert quote.segments[0].start == offset + where(new_text[offset:], PHRASES[quote.id])[0]
    assert progress and progress[-1] == 1.0 and progress == sorted(progress)


def test_fast_blocks_match_real_text_and_the_scorer_keeps_difflib() -> None:
    """Fast blocks pair equal text only; `offset_carrier` (scoring) keeps difflib's blocks exactly."""
    old = STORY * 3
    new = EDITS["several at once"](old).replace("quay", "new quay", 2)
    for a, b, size in fast_matching_blocks(old, new):
        assert old[a : a + size] == new[b : b + size]
    blocks = difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()
    expected = linear_carry(blocks, len(new))
    carry = offset_carrier(old, new)
    assert [carry(i) for i in range(len(old) + 2)] == [expected(i) for i in range(len(old) + 2)]


def linear_carry(blocks, new_length: int):
    def carry(i: int) -> int:
        for a, b, size in blocks:
            if a <= i <= a + size:
                return b + (i - a)
        for a, b, _ in blocks:
            if a >= i:
                return b
        return new_length

    return carry


def test_the_scorer_aligns_as_score_py_does(shared: Path) -> None:
    """The same carried offsets as shared/tools/score.py's own aligner."""
    spec = importlib.util.spec_from_file_location("score_py", shared / "tools" / "score.py")
    score_py = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score_py)
    old, new = STORY, EDITS["several at once"](STORY).replace("fog", "thick fog")
    theirs, ours = score_py.aligner(old, new), offset_carrier(old, new)
    assert [ours(i) for i in range(len(old) + 2)] == [theirs(i) for i in range(len(old) + 2)]
