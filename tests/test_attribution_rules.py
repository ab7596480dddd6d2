"""Each attribution rule of issue 4 on a short text written for it (invented people and places)."""

from __future__ import annotations

import pytest
from quote_helpers import chain, extract, quote_with
from quote_helpers import speaker_name as speaker
from quote_helpers import speaker_name as speaker_of_quote

from quoteapp.corpus.names import same_name
from quoteapp.nlp.extractor import Extractor


# --- names ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "how"),
    [
        ("Miroslav Tadek", "Tadek", "exact"),
        ("Fadil al-Qarrani", "Qarrani", "exact"),
        ("Osmar Haddadi", "Hadadi", "fuzzy"),
        ("Osmar Haddadi", "Hiddadi", "fuzzy"),
        ("Carter", "Porter", None),
        ("Anna Berglund", "Karl Berglund", None),
        ("Anna Berglund", "Karl Berglind", None),
    ],
)
def test_same_name_keeps_different_people_apart(a: str, b: str, how: str | None) -> None:
    assert same_name(a, b) == how


def test_spelling_variants_are_one_entity(extractor: Extractor) -> None:
    a = extract(
        extractor, "Colonel Osmar Haddadi said the port would stay closed. Later, Hiddadi said the talks had failed."
    )
    first, second = quote_with(a, "port"), quote_with(a, "talks")
    assert first.speaker and second.speaker and first.speaker.entity == second.speaker.entity
    assert "spelling variant" in (second.evidence or "")


def test_description_resolves_through_premodifier(extractor: Extractor) -> None:
    a = extract(
        extractor, "Northland mayor Petra Quist met the unions on Monday. The mayor said the strike would end soon."
    )
    assert speaker(a, quote_with(a, "strike")) == "Petra Quist"


# --- pronouns ------------------------------------------------------------------------------------
def test_pronoun_skips_names_inside_quotes(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "“The bridge is safe,” said the engineer after the visit.\n\n"
        "“When we asked, Tomas Ruud’s answer was to ask: ‘who pays for it?’” she added.",
    )
    outer = quote_with(a, "When we asked")
    assert speaker(a, outer) == "engineer"
    inner = quote_with(a, "who pays")
    assert speaker(a, inner) == "Tomas Ruud"
    assert chain(a, inner) == [("engineer", "relay")]


# --- spokespeople --------------------------------------------------------------------------------
def test_statement_read_by_spokesman(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "In a statement read by his spokesman Ivo Marek, General Lars Brandt claimed "
        "that the army would hold the valley.\n\n"
        "“We will not retreat,” Marek said on Friday.",
    )
    first = quote_with(a, "army would hold")
    assert speaker(a, first) == "Lars Brandt"
    assert chain(a, first) == [("Ivo Marek", "spokesperson")]
    learned = quote_with(a, "not retreat")
    assert speaker(a, learned) == "Lars Brandt"
    assert chain(a, learned) == [("Ivo Marek", "spokesperson")]


def test_possessive_spokesman_speaks_for_the_owner(extractor: Extractor) -> None:
    a = extract(extractor, "“The budget is balanced,” Brandt’s spokesman said in a statement.")
    q = quote_with(a, "budget")
    assert speaker(a, q) == "Brandt"
    assert [role for _, role in chain(a, q)] == ["spokesperson"]


# --- outlets -------------------------------------------------------------------------------------
def test_outlets_told_and_reported(extractor: Extractor) -> None:
    a = extract(extractor, "“A deal is possible,” Lars Brandt told the local newspaper, reported Reuters.")
    q = quote_with(a, "deal")
    assert speaker(a, q) == "Lars Brandt"
    assert chain(a, q) == [("local newspaper", "outlet"), ("Reuters", "outlet")]


def test_interview_published_by_outlet(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "During an interview published by the weekly Harbour Gazette, Mayor Petra Quist "
        "said the ferry would run again in May.",
    )
    q = quote_with(a, "ferry")
    assert speaker(a, q) == "Petra Quist"
    assert [role for _, role in chain(a, q)] == ["outlet"]


def test_according_to_outlet_is_an_intermediary(extractor: Extractor) -> None:
    a = extract(extractor, "Petra Quist said the ferry would run again in May, according to Reuters.")
    q = quote_with(a, "ferry")
    assert speaker(a, q) == "Petra Quist"
    assert chain(a, q) == [("Reuters", "outlet")]


# --- relays --------------------------------------------------------------------------------------
def test_relay_chain_runs_from_speaker_outward(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "An embassy official said Lars Brandt had defended the plan by saying "
        "the river had to be protected, reported Reuters.",
    )
    inner = quote_with(a, "river")
    assert speaker(a, inner) == "Lars Brandt"
    assert [role for _, role in chain(a, inner)] == ["relay", "outlet"]


def test_colon_quote_inside_reported_clause(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "French President Alain Moreau met the unions. After the talks, Moreau's office said "
        'the president repeated his priorities: "Protect the jobs, fund the schools and '
        'rebuild the northern harbour."',
    )
    inner = quote_with(a, "Protect the jobs")
    assert inner.type == "direct" and inner.parent is not None
    assert speaker(a, inner) == "Alain Moreau"
    assert [role for _, role in chain(a, inner)] == ["spokesperson"]


# --- more quotes ---------------------------------------------------------------------------------
def test_headline_says(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "Norlandic strongman Brandt says fight against the river gangs continues\n\nThe army moved north on Sunday.",
    )
    q = quote_with(a, "gangs")
    assert speaker(a, q) == "Brandt"


def test_headline_tells(extractor: Extractor) -> None:
    a = extract(extractor, "Strongman Brandt tells Moreau no truce for now\n\nThe talks ended early.")
    q = quote_with(a, "no truce")
    assert q.segments[0].text == "no truce for now"
    assert speaker(a, q) == "Brandt"


def test_second_cue_is_not_content(extractor: Extractor) -> None:
    a = extract(
        extractor,
        'The envoy warned Tuesday the battle was "just the start of a long war" '
        "and called for immediate steps to cut arms flows.",
    )
    q = quote_with(a, "battle")
    assert "called" not in q.segments[-1].text


def test_quoted_predicate_takes_the_sentence_subject(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "Brandt “welcomed the plan of the river council” in his speech, but stressed that "
        "the “defence of the valley” would go on.",
    )
    q = quote_with(a, "defence")
    assert speaker(a, q) == "Brandt"


def test_uncued_quote_takes_the_previous_speaker(extractor: Extractor) -> None:
    a = extract(
        extractor, "“The harbour will reopen in spring,” Petra Quist said.\n\n“We have waited long enough for this.”"
    )
    q = quote_with(a, "waited long")
    assert speaker(a, q) == "Petra Quist"


# --- dash bylines --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "The board met on Monday.\n\n“We will rebuild the pier.” -Commissioner Hana Ross\n\nThe vote is next week.",
            "Hana Ross",
        ),
        ('"The budget must pass before winter." — Mayor Tim Beck\n\nThe council adjourned.', "Tim Beck"),
        ("“Nobody expected the flood to come so fast.”\n– Tim Beck, mayor\n\nThe river fell on Tuesday.", "Tim Beck"),
        ("“The ferry is late again and nobody tells us why.”\u00a0―\u00a0Ines Morales\n“Next one.”", "Ines Morales"),
    ],
)
def test_dash_byline_names_the_speaker(extractor: Extractor, text: str, name: str) -> None:
    a = extract(extractor, text)
    q = quote_with(a, "e")
    assert speaker(a, q) == name
    assert q.cue is None or q.cue.text.strip("-–—―") == ""
    assert "dash" in (q.evidence or "")


def test_dash_inside_narrative_is_not_a_byline(extractor: Extractor) -> None:
    a = extract(extractor, "The sign read “Keep the gates closed at night” - a rule that nobody kept.")
    assert all(q.speaker is None for q in a.quotes)


# --- same voice ----------------------------------------------------------------------------------
def test_uncued_quote_after_indirect_quote(extractor: Extractor) -> None:
    a = extract(
        extractor, "Petra Quist said the harbour would reopen in spring.\n\n“We have waited long enough for this.”"
    )
    q = quote_with(a, "waited long")
    assert speaker(a, q) == "Petra Quist"
    assert q.confidence < 0.6 and "same voice" in (q.evidence or "")


def test_uncued_quote_after_a_narrative_sentence(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "“The harbour will reopen in spring,” Petra Quist said. The council met later.\n\n"
        "“We have waited long enough for this.”",
    )
    assert speaker(a, quote_with(a, "waited long")) == "Petra Quist"


def test_uncued_quote_not_across_another_speaker(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "“The harbour will reopen in spring,” Petra Quist said.\n\n"
        "Lars Brandt disagreed with the plan on Tuesday.\n\n"
        "“We have waited long enough for this.”",
    )
    assert quote_with(a, "waited long").speaker is None


def test_uncued_quote_not_across_a_heading(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "“The harbour will reopen in spring,” Petra Quist said.\n\n"
        "Ferry plans\n\n"
        "“We have waited long enough for this.”",
    )
    assert quote_with(a, "waited long").speaker is None


def test_uncued_quote_not_when_far(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "“The harbour will reopen in spring,” Petra Quist said.\n\n"
        "The port closed in May. Ships went south. Fishing stopped. Prices rose.\n\n"
        "“We have waited long enough for this.”",
    )
    assert quote_with(a, "waited long").speaker is None


# --- participles ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "The minister said the economy was growing strongly, while acknowledging that prices were still too high.",
        "The minister said residents were angry, adding that the city had made mistakes.",
    ],
)
def test_participle_speaker_is_the_matrix_subject(extractor: Extractor, text: str) -> None:
    a = extract(extractor, text)
    second = quote_with(a, "prices were" if "prices" in text else "city had")
    assert speaker(a, second) == "minister"
    first = quote_with(a, "growing" if "growing" in text else "angry")
    assert not any(w in first.segments[-1].text for w in ("acknowledging", "adding"))


def test_component_spans_match_the_candidates(extractor: Extractor) -> None:
    doc = extractor.nlp(
        "“The harbour will reopen in spring,” Petra Quist said.\n\n"
        "“We have waited long enough for this.”\n\n"
        "“The pier comes first.” — Mayor Tim Beck"
    )
    spans = doc.spans["quotes"]
    cands = doc._.quote_candidates
    assert len(spans) == len(cands) == 3
    assert [s._.speaker.text if s._.speaker is not None else None for s in spans] == [
        "Petra Quist",
        "Petra Quist",
        "Mayor Tim Beck",
    ]


def test_cue_after_a_long_apposition(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "“The tunnel will be finished by June,” Ann Lindqvist, the long-serving head of the "
        "regional transport authority, said on Monday.",
    )
    q = quote_with(a, "tunnel")
    assert q.cue is not None and q.cue.text == "said"
    assert speaker(a, q) == "Ann Lindqvist"


def test_signed_quote_does_not_lend_its_voice(extractor: Extractor) -> None:
    a = extract(extractor, "“The ferry is late again.” ― Ines Morales\n\n“Nobody here trusts the new timetable.”")
    assert quote_with(a, "timetable").speaker is None


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        ("Ana Nelson-Jones said the pier would be rebuilt.", "Ana Nelson-Jones"),
        ("A 26-year-old labourer said the pier was unsafe.", "A 26-year-old labourer"),
        ("A Calgary-based railway said the line would reopen in May.", "A Calgary-based railway"),
    ],
)
def test_a_speaker_is_never_cut_at_a_hyphen_inside_a_word(extractor: Extractor, text: str, mention: str) -> None:
    """The tokenizer splits "Nelson-Jones" and "26-year-old" at their hyphens; the mention keeps the word whole."""
    annotation = extractor.annotate(text, "d")
    assert [q.speaker.mention.text for q in annotation.quotes] == [mention]


def test_a_dash_between_spaces_still_ends_a_phrase(extractor: Extractor) -> None:
    annotation = extractor.annotate("The minister said - once more - that the deal was off.", "d")
    assert [q.speaker.mention.text for q in annotation.quotes] == ["The minister"]


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        ("“We will win this fight,” Beck fumed.", "fumed", "Beck"),
        ("“Tell them we are not going back,” the union leader scoffed angrily.", "scoffed", "union leader"),
        ("“We are ready for the vote,” the long-serving harbour director beamed.", "beamed", "harbour director"),
    ],
)
def test_a_verb_outside_the_lexicon_is_the_cue_of_the_quote_frame(
    extractor: Extractor, text: str, cue: str, speaker: str
) -> None:
    """“…,” NAME VERB.: the quote is the rest of its sentence, so the verb reports it, whatever the verb;
    the confidence says the verb was not a known reporting verb."""
    annotation = extractor.annotate(text, "d")
    (quote,) = annotation.quotes
    known = extractor.annotate(text.replace(cue, "said"), "d").quotes[0]
    assert quote.cue.text == cue and speaker in (speaker_of_quote(annotation, quote) or "")
    assert quote.confidence < known.confidence
    assert "outside the lexicon" in quote.evidence


def test_the_quote_frame_wants_nothing_after_the_verb(extractor: Extractor) -> None:
    quotes = extractor.annotate("“It is over now, and for good,” Beck left the room.", "d").quotes
    assert all(q.cue is None for q in quotes), "a verb with an object of its own does not report the quote"
