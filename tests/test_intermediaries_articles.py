"""Intermediaries in whole invented news stories, written after the rules and not tuned on: every
quote of each story with its speaker and chain, scored by the project's scorer. The figure is
printed (the brief's target on unseen news is F1 0.70); each story is also checked on its own.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from quoteapp.evaluation.scoring import Counts, Scores, score_document
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker
from quoteapp.nlp.extractor import Extractor

#: (content, speaker names, chain of (name, role))
Expected = tuple[str, tuple[str, ...], tuple[tuple[str, str], ...]]


@dataclass(frozen=True)
class Story:
    name: str
    text: str
    quotes: tuple[Expected, ...]


HARBOUR = Story(
    "harbour",
    "The Northport Harbour Authority will close the east pier for six weeks, the authority announced on Monday.\n\n"
    "“The pilings are older than any of us,” authority spokeswoman Dana Whitlock told the Lanrick Observer. "
    "“We cannot wait another winter.”\n\n"
    "Whitlock said the ferry to Kelso Island would run from the west pier during the repairs.\n\n"
    "Mayor Ivo Brandt told reporters at city hall that he supported the closure. “Safety comes first,” Brandt said.\n\n"
    "Fishermen were less pleased. “Six weeks is a season for us,” Tomas Hale, who chairs the Northport Fishers' "
    "Association, told Radio Lanrick's Harbour Hour.\n\n"
    "A statement from the premier's office said the province would pay half the cost.",
    (
        (
            "The Northport Harbour Authority will close the east pier for six weeks",
            ("Northport Harbour Authority",),
            (),
        ),
        (
            "The pilings are older than any of us",
            ("Northport Harbour Authority", "authority"),
            (("Dana Whitlock", "spokesperson"), ("Lanrick Observer", "outlet")),
        ),
        (
            "We cannot wait another winter.",
            ("Northport Harbour Authority", "authority"),
            (("Dana Whitlock", "spokesperson"), ("Lanrick Observer", "outlet")),
        ),
        (
            "the ferry to Kelso Island would run from the west pier during the repairs",
            ("Northport Harbour Authority", "authority"),
            (("Dana Whitlock", "spokesperson"),),
        ),
        ("he supported the closure", ("Ivo Brandt",), ()),
        ("Safety comes first", ("Ivo Brandt",), ()),
        ("Six weeks is a season for us", ("Tomas Hale",), (("Harbour Hour", "outlet"),)),
        ("the province would pay half the cost", ("the premier",), (("the premier's office", "spokesperson"),)),
    ),
)

OUTAGE = Story(
    "outage",
    "Telvana customers across the valley lost service for nine hours on Tuesday.\n\n"
    "“We apologize to every customer who could not reach a loved one,” a Telvana spokesperson said in a statement "
    "to Valley Public Television. The company said a software update had caused the failure.\n\n"
    "Consumer advocate Rena Ostrowski was angry. “Nine hours without an emergency line is not a glitch,” Ostrowski "
    "told the Dunmore Courier.\n\n"
    "According to the Lakeland Tribune, the regulator has opened an inquiry. A spokesman for the regulator, Paul "
    "Ames, would not say whether fines were likely.\n\n"
    "Telvana's chief executive, Mira Kovac, told shareholders in a letter that the company would credit every account.",
    (
        (
            "We apologize to every customer who could not reach a loved one",
            ("Telvana",),
            (("Telvana spokesperson", "spokesperson"), ("Valley Public Television", "outlet")),
        ),
        ("a software update had caused the failure", ("Telvana", "The company"), ()),
        ("Nine hours without an emergency line is not a glitch", ("Rena Ostrowski",), (("Dunmore Courier", "outlet"),)),
        ("the regulator has opened an inquiry", ("Lakeland Tribune",), ()),
        ("the company would credit every account", ("Mira Kovac",), ()),
    ),
)

BILL = Story(
    "bill",
    "Health Minister Carla Dunn will table the hospital bill on Thursday, her office told KBN News.\n\n"
    "Dunn has faced weeks of criticism over waiting lists. Opposition critic Sam Rourke told the legislature the "
    "bill was “too little, too late.”\n\n"
    "In an interview on KBN Radio's Morning Edition, Rourke said nurses had not been consulted.\n\n"
    "“The minister has met with the nurses' unions four times since June,” said Lea Marsh, Dunn's spokeswoman.\n\n"
    "The Meridian Gazette reported that the bill would cost $40 million.",
    (
        (
            "Health Minister Carla Dunn will table the hospital bill on Thursday",
            ("Carla Dunn",),
            (("her office", "spokesperson"), ("KBN News", "outlet")),
        ),
        ("the bill was “too little, too late.”", ("Sam Rourke",), ()),
        ("nurses had not been consulted", ("Sam Rourke",), (("Morning Edition", "outlet"),)),
        (
            "The minister has met with the nurses' unions four times since June",
            ("Carla Dunn",),
            (("Lea Marsh", "spokesperson"),),
        ),
        ("the bill would cost $40 million", ("Meridian Gazette",), ()),
    ),
)

STORIES = [HARBOUR, OUTAGE, BILL]


def gold_of(story: Story) -> Annotation:
    """The annotation an editor would save for the story: every quote, its speaker and chain."""
    entities: dict[str, Entity] = {}

    def entity(names: tuple[str, ...]) -> str:
        if names[0] not in entities:
            entities[names[0]] = Entity(f"E{len(entities) + 1}", "other", names[0], list(names[1:]))
        return entities[names[0]].id

    quotes = []
    for n, (content, speaker, chain) in enumerate(story.quotes):
        start = story.text.index(content)
        quotes.append(
            Quote(
                f"Q{n + 1}",
                "indirect",
                [Span.of(story.text, start, start + len(content))],
                speaker=Speaker(entity(speaker)),
                intermediaries=[Intermediary(entity((name,)), role) for name, role in chain],
            )
        )
    return Annotation(Document(id=story.name, text=story.text), list(entities.values()), quotes)


def counts_of(extractor: Extractor, story: Story) -> Counts:
    return score_document(gold_of(story), extractor.annotate(story.text, story.name)).counts


@pytest.mark.parametrize("story", STORIES, ids=[s.name for s in STORIES])
def test_story_intermediaries_are_mostly_right(extractor: Extractor, story: Story) -> None:
    scores = Scores.from_counts(counts_of(extractor, story))
    print(f"\n{story.name}: intermediaries {scores.intermediaries}, attribution {scores.attribution}")
    assert scores.intermediaries.f1 >= 0.7
    assert scores.detection.f1 >= 0.8


def test_stories_score_above_the_target(extractor: Extractor) -> None:
    total = Counts()
    for story in STORIES:
        total = total + counts_of(extractor, story)
    scores = Scores.from_counts(total)
    print(f"\nstories: intermediaries {scores.intermediaries}, attribution {scores.attribution}")
    assert scores.intermediaries.f1 >= 0.7
