"""Different people are never merged: given names, gender and honorifics keep them apart; a surname
alone goes to the person last named with it; spelling, apostrophe and diacritic variants are one name.
On mentions written by hand (the grouper's plain input), so the parser's mood plays no part."""

from __future__ import annotations

import pytest

from quoteapp.corpus.names import name_words, same_name, variant_keys
from quoteapp.nlp.entities import SPEAKER_AMBIGUOUS, SPEAKER_SURNAME, EntityGrouper
from quoteapp.nlp.mentions import Mention


def person(start: int, text: str, gender: str | None = None, name: str | None = None) -> Mention:
    """A person mention as the component describes one: titles dropped from the name, a subject."""
    name = name or " ".join(w for w in text.split() if w not in ("Mr.", "Mrs.", "President", "Dr."))
    return Mention(
        start,
        start + len(text),
        text,
        name,
        None,
        name.split()[-1].lower(),
        False,
        "person",
        gender,
        False,
        dep="nsubj",
    )


@pytest.mark.parametrize(
    ("a", "b", "how"),
    [
        ("Michelle Obama", "Barack Obama", None),
        ("Chelsea Clinton", "Hillary Clinton", None),
        ("Stephen Lynch", "Loretta Lynch", None),
        ("Kevin McKinley", "Patrick McGinley", None),
        ("Andrew Vickers", "Kevin Vickers", None),
        ("Obama", "Barack Obama", "exact"),
        ("Hillary Rodham Clinton", "Hillary Clinton", "exact"),
        ("Barack H. Obama", "Barack Obama", "exact"),
        ("B. Obama", "Barack Obama", "fuzzy"),
        ("Emmanual Macron", "Emmanuel Macron", "fuzzy"),
        ("Macron’s", "Emmanuel Macron", "exact"),
        ("Macron's", "Macron’s", "exact"),
        ("Šefčovič", "Maroš Sefcovic", "exact"),
        ("Ana Nelson-Jones", "Jones", None),
    ],
)
def test_same_name(a: str, b: str, how: str | None) -> None:
    assert same_name(a, b) == how


def test_apostrophes_diacritics_and_possessives_fold_away() -> None:
    assert name_words("Macron’s") == name_words("Macron's") == ["macron"]
    assert name_words("Maroš Šefčovič") == ["maros", "sefcovic"]
    assert variant_keys("Šefčovič") == variant_keys("Sefcovic")


def test_a_surname_goes_to_the_person_last_named_with_it() -> None:
    grouper = EntityGrouper([person(0, "Barack Obama"), person(100, "Michelle Obama")])
    between = grouper.assign(person(50, "Obama"))
    assert between.entity.name == "Barack Obama" and between.confidence == SPEAKER_SURNAME
    after_both = grouper.assign(person(200, "Obama"))
    assert after_both.entity.name == "Michelle Obama"
    assert after_both.confidence == SPEAKER_AMBIGUOUS
    assert "could be Michelle Obama or Barack Obama" in after_both.reason


def test_with_no_one_named_before_a_surname_goes_to_the_first_named_after() -> None:
    grouper = EntityGrouper([person(100, "Barack Obama"), person(200, "Michelle Obama")])
    assert grouper.assign(person(0, "Obama")).entity.name == "Barack Obama"


def test_an_honorific_keeps_a_man_from_a_woman_of_the_same_surname() -> None:
    grouper = EntityGrouper([person(0, "Barack Obama", "m"), person(100, "Michelle Obama", "f")])
    grouper.assign(person(100, "Michelle Obama", "f"))
    found = grouper.assign(person(200, "Mr. Obama", "m"))
    assert found.entity.name == "Barack Obama"
    assert found.confidence == SPEAKER_SURNAME  # Michelle does not fit "Mr.": no ambiguity
    assert grouper.assign(person(300, "Mrs. Obama", "f")).entity.name == "Michelle Obama"


def test_a_full_name_never_joins_an_entity_one_of_whose_names_clashes() -> None:
    grouper = EntityGrouper([person(0, "Michelle Obama")])
    michelle = grouper.assign(person(50, "Obama")).entity  # "Obama" is now one of Michelle's names
    barack = grouper.assign(person(200, "Barack Obama")).entity
    assert barack is not michelle
    assert "Barack Obama" not in michelle.aliases()


def test_a_new_entity_does_not_take_a_titled_surname_that_may_be_another_person() -> None:
    """ "President Obama" in the text is not absorbed into Michelle Obama's aliases."""
    background = [person(0, "Barack Obama"), person(50, "President Obama"), person(100, "Michelle Obama")]
    grouper = EntityGrouper(background)
    michelle = grouper.assign(person(100, "Michelle Obama")).entity
    assert "President Obama" not in michelle.aliases()
    assert grouper.assign(person(50, "President Obama")).entity.name == "Barack Obama"


def test_a_spelling_variant_only_where_nothing_separates_the_names() -> None:
    grouper = EntityGrouper([person(0, "Kevin McKinley")])
    patrick = grouper.assign(person(100, "Patrick McGinley")).entity
    mckinley = grouper.assign(person(200, "McKinley")).entity
    assert mckinley is not patrick and mckinley.name == "Kevin McKinley"
    assert grouper.assign(person(300, "Kevin McKinley")).entity is mckinley
    grouper = EntityGrouper()
    haftar = grouper.assign(person(0, "Khalifa Haftar")).entity
    assert grouper.assign(person(100, "Hifter")).entity is haftar
    assert (
        grouper.assign(person(200, "Andrew Vickers")).entity is not grouper.assign(person(300, "Kevin Vickers")).entity
    )


def test_an_entity_takes_the_fullest_name_the_article_gives() -> None:
    grouper = EntityGrouper([person(0, "Ahmad Al-Mesmari")])
    assert grouper.assign(person(100, "Mesmari")).entity.name == "Ahmad Al-Mesmari"
