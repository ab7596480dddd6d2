"""What a mention tells of its source: the whole name across hyphens and a cut NER entity, the kind
from the fullest mention, gender from the first name, the clause role a later pronoun weighs, and
every person named (the NER's and the names it missed); and the confidence of each step."""

from __future__ import annotations

from quote_helpers import extract, quote_with, speaker_name
from spacy.tokens import Doc
from spacy.vocab import Vocab

from quoteapp.nlp.entities import SPEAKER_AMBIGUOUS
from quoteapp.nlp.extractor import Extractor
from quoteapp.nlp.mentions import antecedent_of_relative, person_heads, referent_heads


def test_a_hyphenated_surname_the_ner_took_for_an_organization_is_a_person(extractor: Extractor) -> None:
    a = extract(
        extractor, "Ana Nelson-Jones, a teacher, said the school was cold. Nelson-Jones said the heating had failed."
    )
    first, second = quote_with(a, "school was cold"), quote_with(a, "heating")
    assert speaker_name(a, first) == speaker_name(a, second) == "Ana Nelson-Jones"
    entity = a.entity(first.speaker.entity) if first.speaker else None
    assert entity is not None and entity.kind == "person"


def test_a_title_is_no_given_name(extractor: Extractor) -> None:
    """ "Doctor" is in Faker's lists of first names, but the NER gave "Amir Haddad" whole: kept as it is."""
    a = extract(extractor, "Doctor Amir Haddad said the clinic was full.")
    assert speaker_name(a, quote_with(a, "clinic")) == "Amir Haddad"


def test_a_surname_two_people_bear_is_uncertain_and_names_both(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "Barack Obama spoke first. Michelle Obama said the garden would stay. Obama said the plan was sound.",
    )
    q = quote_with(a, "plan was sound")
    assert speaker_name(a, q) == "Michelle Obama"  # the one the text named last
    assert q.confidence == SPEAKER_AMBIGUOUS
    assert "could be Michelle Obama or Barack Obama" in (q.evidence or "")
    assert "weakest step: speaker resolution" in (q.evidence or "")


def test_a_given_name_alone_goes_to_the_person_of_that_given_name(extractor: Extractor) -> None:
    a = extract(
        extractor,
        "Chelsea Clinton said the school would open. Hillary Clinton said the fund was ready. "
        '"It is a good day," Chelsea said.',
    )
    assert speaker_name(a, quote_with(a, "good day")) == "Chelsea Clinton"


def test_every_person_named_even_where_the_ner_missed_one() -> None:
    """A hand-built parse with no entities: a proper-noun subject that starts with a known first name
    is a person a pronoun may go back to; a place or a title is not."""
    words = ["Ines", "Dorval", "keeps", "barrels", "in", "Port", "Lanrick", "."]
    doc = Doc(
        Vocab(),
        words=words,
        pos=["PROPN", "PROPN", "VERB", "NOUN", "ADP", "PROPN", "PROPN", "PUNCT"],
        heads=[1, 2, 2, 2, 2, 6, 4, 2],
        deps=["compound", "nsubj", "ROOT", "dobj", "prep", "compound", "pobj", "punct"],
    )
    assert [t.text for t in person_heads(doc)] == ["Dorval"]


def _who_doc(attach_to: int) -> Doc:
    """ "Tina Ross, a fellow at the Institute who warned": the relative clause hung on token `attach_to`."""
    words = ["Tina", "Ross", ",", "a", "fellow", "at", "the", "Institute", "who", "warned"]
    heads = [1, 1, 1, 4, 1, 4, 7, 5, 9, attach_to]
    deps = ["compound", "ROOT", "punct", "det", "appos", "prep", "det", "pobj", "nsubj", "relcl"]
    pos = ["PROPN", "PROPN", "PUNCT", "DET", "NOUN", "ADP", "DET", "PROPN", "PRON", "VERB"]
    tags = ["NNP", "NNP", ",", "DT", "NN", "IN", "DT", "NNP", "WP", "VBD"]
    ents = ["B-PERSON", "I-PERSON", "O", "O", "O", "O", "O", "B-ORG", "O", "O"]
    return Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos, tags=tags, ents=ents)


def test_who_is_a_person_not_the_organization_the_parser_hung_it_on() -> None:
    for attach_to in (7, 4):  # on "Institute", on "fellow": either way the person is Tina Ross
        doc = _who_doc(attach_to)
        assert antecedent_of_relative(doc[8]).text == "Ross"


def test_organizations_are_referents_for_it_but_not_persons() -> None:
    words = ["Rogers", "raised", "prices", ".", "Ana", "Ruiz", "objected", "."]
    doc = Doc(
        Vocab(),
        words=words,
        pos=["PROPN", "VERB", "NOUN", "PUNCT", "PROPN", "PROPN", "VERB", "PUNCT"],
        heads=[1, 1, 1, 1, 5, 6, 6, 6],
        deps=["nsubj", "ROOT", "dobj", "punct", "compound", "nsubj", "ROOT", "punct"],
        ents=["B-ORG", "O", "O", "O", "O", "O", "O", "O"],
    )
    assert [t.text for t in person_heads(doc)] == ["Ruiz"]
    assert [t.text for t in referent_heads(doc)] == ["Rogers", "Ruiz"]


def test_a_named_speaker_leaves_the_quote_its_detection_confidence(extractor: Extractor) -> None:
    """The quote's confidence is its weakest step: with a full name, that is finding the quote."""
    a = extract(extractor, "Ana Pires said the ferry would run. She said the pier was safe.")
    named, pronoun = quote_with(a, "ferry"), quote_with(a, "pier")
    assert named.confidence is not None and pronoun.confidence is not None
    assert "weakest step: speaker" not in (named.evidence or "")
    assert pronoun.confidence < named.confidence and "weakest step: speaker resolution" in (pronoun.evidence or "")
