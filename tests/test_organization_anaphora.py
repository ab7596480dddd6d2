"""'it said' and 'the company said' are the organization the article named before (text invented):
an organization's name is one body whatever its last word ("Telvana Communications ... It said")."""

from __future__ import annotations

TEXT = (
    "Telvana raises fares\n\n"
    "Telvana Communications raised its monthly fees on Monday for the second time this year. "
    "It said the change would pay for new towers in the north.\n\n"
    "The union called the increase unfair. The company said in a statement that it had warned "
    "customers in March.\n"
)


def _speaker_of(annotation, words: str) -> str:
    (quote,) = [q for q in annotation.quotes if q.segments[0].text.startswith(words)]
    assert quote.speaker is not None
    return annotation.entity(quote.speaker.entity).name


def test_it_said_is_the_organization_named_before(extractor) -> None:
    annotation = extractor.annotate(TEXT, "fares")
    assert _speaker_of(annotation, "the change would pay") == "Telvana Communications"
    (quote,) = [q for q in annotation.quotes if q.segments[0].text.startswith("the change would pay")]
    assert quote.speaker.mention is not None and quote.speaker.mention.text == "It", "the pronoun stays the mention"


def test_the_company_said_is_that_organization_too(extractor) -> None:
    annotation = extractor.annotate(TEXT, "fares")
    assert _speaker_of(annotation, "it had warned customers") == "Telvana Communications"


def test_she_said_is_never_an_organization(extractor) -> None:
    text = TEXT.replace("It said the change", "She said the change")
    annotation = extractor.annotate(text, "fares")
    (quote,) = [q for q in annotation.quotes if q.segments[0].text.startswith("the change would pay")]
    assert quote.speaker is None or annotation.entity(quote.speaker.entity).kind != "organization"


def test_the_office_said_later_still_speaks_for_its_holder(extractor) -> None:
    text = (
        "Ferry fares\n\n"
        "Mayor Lena Ostrova's office said the fares would rise in June. "
        "The office said the city could not pay for the late boats.\n"
    )
    annotation = extractor.annotate(text, "fares")
    for words in ("the fares would rise", "the city could not pay"):
        (quote,) = [q for q in annotation.quotes if q.segments[0].text.startswith(words)]
        assert annotation.entity(quote.speaker.entity).name == "Lena Ostrova", words
        chain = [(annotation.entity(v.entity).name, v.role) for v in quote.intermediaries]
        assert chain == [("Mayor Lena Ostrova's office", "spokesperson")], words


def test_the_publication_is_the_outlet_named_before(extractor) -> None:
    text = (
        "Pier interview\n\n"
        "In an interview published by the weekly Harbour Gazette, Ana Ruiz said the pier would close.\n\n"
        "“We cannot wait for another storm,” Ruiz told the publication.\n"
    )
    annotation = extractor.annotate(text, "pier")
    (quote,) = [q for q in annotation.quotes if q.segments[0].text.startswith("We cannot wait")]
    assert [(annotation.entity(v.entity).name, v.role) for v in quote.intermediaries] == [("Harbour Gazette", "outlet")]
