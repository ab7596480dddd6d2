"""A role described before its holder is named ("The harbour envoy warned ... Addressing the council,
Lina Sorvik said ...") is that person, with a low confidence; never when the person is introduced
some other way, when someone else comes between, or for an unnamed source ("an official")."""

from __future__ import annotations

from quoteapp.nlp.entities import SPEAKER_NAMED_AFTER, EntityGrouper
from quoteapp.nlp.mentions import Mention


def _role(start: int, text: str) -> Mention:
    head = text.split()[-1].lower()
    description = " ".join(text.split()[1:])
    return Mention(start, start + len(text), text, None, description, head, False, "anonymous", None, False, (head,))


def _person(start: int, name: str, heads: tuple[str, ...] = (), description: str | None = None) -> Mention:
    return Mention(
        start, start + len(name), name, name, description, name.split()[-1].lower(), False, "person", None, False, heads
    )


def _joined(*speakers: Mention, background: tuple[Mention, ...] = ()) -> dict[int, str]:
    grouper = EntityGrouper(list(background))
    keys = [grouper.assign(m).entity.key for m in speakers]
    joined = grouper.named_after()
    assert all(found.confidence == SPEAKER_NAMED_AFTER for found in joined.values())
    return {keys.index(k): found.entity.name for k, found in joined.items()}


def test_a_role_is_the_person_named_right_after() -> None:
    assert _joined(_role(0, "The harbour envoy"), _person(150, "Lina Sorvik")) == {0: "Lina Sorvik"}


def test_not_when_the_person_has_a_title_or_description_of_their_own() -> None:
    titled = _person(150, "Lina Sorvik", heads=("councillor",), description="Councillor")
    assert _joined(_role(0, "The mayor"), titled) == {}


def test_not_when_another_person_comes_between() -> None:
    between = _person(60, "Tomas Beck")
    assert _joined(_role(0, "The harbour envoy"), _person(150, "Lina Sorvik"), background=(between,)) == {}


def test_not_for_an_unnamed_source_nor_far_away() -> None:
    assert _joined(_role(0, "An official"), _person(150, "Lina Sorvik")) == {}
    assert _joined(_role(0, "The harbour envoy"), _person(5000, "Lina Sorvik")) == {}
