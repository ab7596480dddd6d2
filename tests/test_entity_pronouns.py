"""Pronouns go to the nearest fitting person *mentioned* before them (not only to speakers), the
subject before an object, gender and number agreeing, never a person to an organization; the
pronoun stays the quote's speaker mention. Through the real pipeline, on invented text, and on
hand-built mentions where the parse must not decide."""

from __future__ import annotations

from quote_helpers import chain, extract, quote_with, speaker_name

from quoteapp.nlp.entities import SPEAKER_PRONOUN, EntityGrouper
from quoteapp.nlp.extractor import Extractor
from quoteapp.nlp.mentions import Mention


def test_her_spokesman_speaks_for_the_woman_just_mentioned_not_the_last_speaker(extractor: Extractor) -> None:
    a = extract(
        extractor,
        'Councillor Ana Pires opened the hearing. "We will not wait another year," Pires said.\n\n'
        "Lena Sorvik did not take questions. Her spokesman, Tomas Beck, said the offer still stood.",
    )
    q = quote_with(a, "offer still stood")
    assert speaker_name(a, q) == "Lena Sorvik"
    assert q.speaker and q.speaker.mention and q.speaker.mention.text == "Her"  # the pronoun stays the mention
    assert chain(a, q) == [("Tomas Beck", "spokesperson")]


def test_she_goes_to_the_person_described_before_not_to_an_earlier_speaker(extractor: Extractor) -> None:
    a = extract(
        extractor,
        '"The pier is safe," said harbour master Jonas Ekdahl.\n\n'
        "Maria Lindqvist, who runs a cafe by the pier, keeps two buckets behind her counter.\n\n"
        '"Nobody believes them any more," she said.',
    )
    q = quote_with(a, "Nobody believes")
    assert speaker_name(a, q) == "Maria Lindqvist"
    assert q.confidence is not None and q.confidence <= SPEAKER_PRONOUN
    assert "weakest step: speaker resolution" in (q.evidence or "")


def test_the_subject_before_the_object(extractor: Extractor) -> None:
    a = extract(extractor, "Tomas Beck met Piet Arends on Monday. He said the deal was dead.")
    assert speaker_name(a, quote_with(a, "deal was dead")) == "Tomas Beck"


def test_he_never_goes_to_an_organization(extractor: Extractor) -> None:
    a = extract(extractor, 'The Harbour Authority said the ferry would run. "We are ready," he said.')
    q = quote_with(a, "We are ready")
    assert speaker_name(a, q) != "Harbour Authority"
    assert "not resolved" in (q.evidence or "")


def _mention(start: int, text: str, *, dep: str = "nsubj", sentence: int = 0, **kw: object) -> Mention:
    pronoun = text.lower() in ("he", "she", "her", "his", "it", "they")
    name = None if pronoun else text
    gender = {"he": "m", "his": "m", "she": "f", "her": "f"}.get(text.lower())
    fields = dict(
        start=start,
        end=start + len(text),
        text=text,
        name=name,
        description=None,
        head=text.split()[-1].lower(),
        pronoun=pronoun,
        kind="person",
        gender=gender,
        plural=False,
        dep=dep,
        sentence_lead=start - sentence,
    )
    fields.update(kw)
    return Mention(**fields)  # type: ignore[arg-type]


def test_a_possessor_inside_a_phrase_yields_to_a_subject_further_back() -> None:
    """ "An aide to Tomas Beck spoke. According to a note from Piet Arends's office, ... He said ...":
    the possessor of a prepositional phrase is no salient antecedent; the subject before it is."""
    beck = _mention(0, "Tomas Beck", sentence=0)
    arends = _mention(40, "Piet Arends", dep="poss", sentence=30)
    grouper = EntityGrouper([beck, arends])
    found = grouper.assign(_mention(90, "He", sentence=90))
    assert found.entity.name == "Tomas Beck"


def test_a_pronoun_never_goes_to_whom_its_own_quote_names() -> None:
    """ "Tomas Beck left. He said Beck had lied" would be odd: "he said X had lied" is not X's voice."""
    beck = _mention(0, "Tomas Beck", sentence=0)
    arends = _mention(20, "Piet Arends", dep="dobj", sentence=0)
    inner = _mention(60, "Tomas Beck", sentence=50)
    grouper = EntityGrouper([beck, arends, inner], content=[(58, 90)])
    avoid = grouper.named_inside([(58, 90)])
    assert grouper.assign(_mention(50, "He", sentence=50), avoid=avoid).entity.name == "Piet Arends"


def test_gender_from_the_first_name_rules_out_a_person() -> None:
    """The nearest subject is a man (by his first name); "she" goes to the woman before him."""
    grouper = EntityGrouper(
        [_mention(0, "Maria Lindqvist", gender="f"), _mention(40, "Tomas Beck", gender="m", sentence=40)]
    )
    assert grouper.assign(_mention(80, "she", sentence=80)).entity.name == "Maria Lindqvist"


def test_it_goes_to_the_organization_and_he_never_does() -> None:
    """ "The Harbour Authority raised fees. Tomas Beck objected. It said ...": "it" skips the nearer
    person for the organization; "he" skips the organization for the person."""
    authority = _mention(0, "The Harbour Authority", kind="organization", name="Harbour Authority")
    grouper = EntityGrouper([_mention(40, "Tomas Beck", sentence=40)])
    grouper.assign(authority)
    assert grouper.assign(_mention(70, "It", sentence=70, kind="other")).entity.name == "Harbour Authority"
    assert grouper.assign(_mention(90, "he", sentence=90)).entity.name == "Tomas Beck"


def test_they_goes_to_a_group_or_an_organization_not_to_one_person() -> None:
    residents = _mention(0, "the residents", name=None, description="residents", plural=True, kind="other")
    grouper = EntityGrouper([_mention(30, "Tomas Beck", sentence=30)])
    grouper.assign(residents)
    assert grouper.assign(_mention(60, "they", sentence=60, kind="other", plural=True)).entity.name == "residents"


def test_her_spokesman_speaks_for_the_woman_the_quote_names(extractor) -> None:
    """'Senator Maria Lind lost the vote, her spokesman said': the one spoken for is named only in the
    quote; a possessive of the spokesman may go there (the speaker's own pronoun still may not)."""
    text = "Vote lost\n\nSenator Maria Lind lost the vote on Tuesday and would not run again, her spokesman said.\n"
    annotation = extractor.annotate(text, "vote")
    (quote,) = annotation.quotes
    assert annotation.entity(quote.speaker.entity).name == "Maria Lind"
    assert [v.role for v in quote.intermediaries] == ["spokesperson"]
