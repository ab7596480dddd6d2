"""Issue 10, the quote frames: direct and indirect quotes that were left without a speaker or given
the wrong one, and what was taken for a quote but is none (shared/spec/guidelines.md). Each test
runs the sieves on a Doc built by hand (tests/frames_docs.py) from invented sentences."""

from __future__ import annotations

import frames_docs as d
import pytest
from spacy.tokens import Doc

from quoteapp.nlp.quotemarks import find_quoted_spans
from quoteapp.nlp.rules import Candidate, find_candidates
from quoteapp.nlp.rules.direct import CONFIDENCE_MANNER_FRAME


def seg(doc: Doc, cand: Candidate) -> list[str]:
    return [doc.text[a:b] for a, b in cand.segments]


def cue(doc: Doc, cand: Candidate) -> str | None:
    return doc.text[cand.cue[0] : cand.cue[1]] if cand.cue else None


def the_quote(doc: Doc) -> Candidate:
    cands = find_candidates(doc)
    assert len(cands) == 1, [(c.rule, seg(doc, c)) for c in cands]
    return cands[0]


def test_a_name_and_a_colon_before_the_quote_name_its_speaker() -> None:
    cand = the_quote(d.LABEL_BEFORE)
    assert (seg(d.LABEL_BEFORE, cand), cue(d.LABEL_BEFORE, cand)) == (["We will not sign."], ":")
    assert cand.speaker is not None and cand.speaker.text == "Beck"
    assert cand.rule == "transcript-label" and "label 'Beck'" in cand.evidence[0]


def test_a_transcript_gives_each_paragraph_to_the_label_that_opens_it() -> None:
    doc = d.LABELS_INSIDE
    turns = [(c.speaker.text if c.speaker else None, seg(doc, c)) for c in find_candidates(doc)]
    # the labels are not part of the words; a paragraph with no label goes on in the voice before it;
    # the transcriber's note is no one's words
    assert turns == [
        ("LEE", ["We will not sign this."]),
        ("BECK", ["Then the port will close.", "And nobody will stop it."]),
    ]


def test_a_heading_word_before_a_colon_is_no_speaker() -> None:
    cands = find_candidates(d.HEADING_COLON)
    assert all(c.speaker is None for c in cands), [(c.rule, c.speaker) for c in cands]


def test_any_verb_between_a_name_and_a_colon_is_the_cue() -> None:
    cand = the_quote(d.FUMED_COLON)
    assert (cue(d.FUMED_COLON, cand), cand.speaker and cand.speaker.text) == ("fumed", "Beck")
    assert cand.confidence == CONFIDENCE_MANNER_FRAME and "outside the lexicon" in cand.evidence[0]


def test_a_paragraph_ending_in_wrote_colon_gives_the_next_quote_paragraph_its_speaker() -> None:
    cand = the_quote(d.WROTE_PARAGRAPH)
    assert seg(d.WROTE_PARAGRAPH, cand) == ["The port is closing and nobody cares."]
    assert (cue(d.WROTE_PARAGRAPH, cand), cand.speaker and cand.speaker.text) == ("wrote", "Ann Lee")


def test_it_said_is_an_organization_speaking() -> None:
    cand = the_quote(d.IT_SAID)
    assert seg(d.IT_SAID, cand) == ["the plan would cut costs"]
    assert cand.speaker is not None and (cand.speaker.text, cand.speaker.kind) == ("It", "organization")
    assert "an organization" in cand.evidence[0]


@pytest.mark.parametrize(
    ("doc", "content", "speaker"),
    [
        (d.ISSUED_SAYING, "the deal was dead", "The union"),
        (d.RELEASED_THAT, "it would appeal the ruling", "The company"),
    ],
)
def test_who_issues_a_statement_speaks_its_content(doc: Doc, content: str, speaker: str) -> None:
    cand = the_quote(doc)
    assert seg(doc, cand) == [content]
    assert cand.speaker is not None and cand.speaker.text == speaker


def test_who_stands_for_the_person_an_apposition_describes() -> None:
    cand = the_quote(d.WHO_PERSON)
    assert seg(d.WHO_PERSON, cand) == ["the pier is unsafe"]
    assert cand.speaker is not None and cand.speaker.name == "Tina Ross"


def test_which_stands_for_the_organization() -> None:
    cand = the_quote(d.WHO_ORGANIZATION)
    assert cand.speaker is not None and "Harbour Institute" in cand.speaker.text


@pytest.mark.parametrize(
    "doc",
    [d.WOULD_NOT_SAY, d.DECLINED_TO_SAY, d.WAS_TOLD, d.DID_NOT_SAY, d.BELIEVE, d.EXPECTS, d.VOWED_TO],
    ids=["would not say", "declined to say", "was told", "did not say", "believe", "expects", "vowed to"],
)
def test_speech_not_made_beliefs_and_intentions_are_no_quotes(doc: Doc) -> None:
    assert find_candidates(doc) == []


def test_when_asked_is_no_quote_of_the_one_asked() -> None:
    cand = the_quote(d.WHEN_ASKED)
    assert (seg(d.WHEN_ASKED, cand), cue(d.WHEN_ASKED, cand)) == (["nothing would change"], "said")


def test_a_belief_after_a_quote_is_not_its_cue() -> None:
    cands = find_candidates(d.BELIEVES_AFTER)
    assert all(c.cue is None and c.speaker is None for c in cands)


@pytest.mark.parametrize(
    ("doc", "speaker"),
    [(d.PARENTHESIS, "Ann Lee"), (d.NICKNAME, "niece")],
)
def test_a_parenthesis_or_a_nickname_in_the_name_does_not_push_the_cue_out_of_reach(doc: Doc, speaker: str) -> None:
    cand = the_quote(doc)
    assert cand.cue is not None and cand.speaker is not None and speaker in cand.speaker.text


def test_a_reported_clause_ends_at_a_semicolon() -> None:
    cand = the_quote(d.SEMICOLON)
    assert seg(d.SEMICOLON, cand) == ["the timing was not intentional"]


def test_a_closing_mark_hung_on_the_subject_does_not_hide_the_cue_past_a_long_apposition() -> None:
    cand = the_quote(d.CLOSING_MARK_ON_SUBJECT)
    assert cue(d.CLOSING_MARK_ON_SUBJECT, cand) == "said"
    assert cand.speaker is not None and cand.speaker.name == "Ana Ruiz Delgado"


def test_a_negation_inside_the_quote_does_not_negate_the_cue() -> None:
    cand = the_quote(d.QUOTED_NOT)
    assert cand.confidence == 0.9 and "outside the lexicon" not in cand.evidence[0]
    assert cand.speaker is not None and cand.speaker.text == "Ms. Moore"


def test_a_date_is_no_speaker_and_the_name_after_the_quote_speaks() -> None:
    cand = the_quote(d.SAID_MONDAY)
    assert cand.speaker is not None and cand.speaker.name == "Tom Berg"
    assert "after the quote" in cand.evidence[0]


def test_a_clause_the_parse_ran_across_the_closing_mark_is_no_indirect_quote() -> None:
    doc = d.NAME_AFTER_QUOTE
    cand = the_quote(doc)
    assert (cand.type, seg(doc, cand)) == ("direct", ["It is a disgrace. Nobody trusts the board,"])
    assert cand.speaker is not None and cand.speaker.text.startswith("Berg")


def test_a_pronoun_of_the_other_gender_between_two_quotes_is_another_voice() -> None:
    other = find_candidates(d.OTHER_GENDER_BETWEEN)[-1]
    assert other.speaker is None and "another person" in other.evidence[-1]
    same = find_candidates(d.SAME_GENDER_BETWEEN)[-1]
    assert same.speaker is not None and same.speaker.text == "Mr. Berg" and same.rule == "direct-no-cue"


def test_a_line_opened_by_a_name_and_a_colon_is_that_names_words() -> None:
    doc = d.HEADLINE_LABEL  # the tagger took the label for a noun; the text names Berg elsewhere
    cand = the_quote(doc)
    assert (cand.rule, cand.type) == ("labelled-line", "mixed")  # it holds the quoted word, and claims it
    assert seg(doc, cand) == ["Port Will Not Reopen, Board Was 'Misled'"]
    assert cand.speaker is not None and cand.speaker.text == "Berg"


def test_a_heading_in_capitals_is_no_label() -> None:
    assert find_candidates(d.CAPITALS_HEADING) == []


def test_a_transcript_without_marks_gives_each_line_to_its_label() -> None:
    doc = d.TRANSCRIPT_NO_MARKS
    turns = [(c.speaker.text if c.speaker else None, seg(doc, c)) for c in find_candidates(doc)]
    assert turns == [("BERG", ["We will not sign this deal"]), ("LEE", ["Then the port will close"])]


def test_a_title_in_marks_is_no_quote() -> None:
    doc = d.TITLE_IN_MARKS
    assert [seg(doc, c) for c in find_candidates(doc)] == [["We are ready for the storm,"]]


def test_a_curly_pair_inside_a_straight_quote_is_nested_not_its_end() -> None:
    text = '"BECK: She thinks this is an episode of “Harbour Hour.” But this is serious.\n\n"LEE: It is."'
    (outer,) = find_quoted_spans(text)
    assert [text[a:b] for a, b in outer.segments] == [
        "BECK: She thinks this is an episode of “Harbour Hour.” But this is serious.",
        "LEE: It is.",
    ]
    assert [text[c.start : c.end] for c in outer.children] == ["Harbour Hour."]
