"""Grouping mentions into entities does work in proportion to the text, not to its square.

Counted, not timed: the number of name comparisons (`same_name` calls) for an article naming many
different people, each also named by the NER elsewhere in the text."""

from __future__ import annotations

import random

import pytest

from quoteapp.nlp import entities
from quoteapp.nlp.entities import EntityGrouper
from quoteapp.nlp.mentions import Mention


def _person(start: int, name: str) -> Mention:
    return Mention(
        start,
        start + len(name),
        name,
        name,
        None,
        name.split()[-1].lower(),
        False,
        "person",
        None,
        False,
        ("minister",),
    )


def _invented_names(n: int) -> list[str]:
    rng = random.Random(7)
    letters = "bcdfghjklmnprstvz"
    vowels = "aeiou"
    names: set[str] = set()
    while len(names) < n:
        surname = "".join(rng.choice(letters) + rng.choice(vowels) for _ in range(6)).capitalize()
        names.add(f"Ana {surname}")
    return sorted(names)


def _comparisons(n: int, monkeypatch: pytest.MonkeyPatch) -> tuple[int, EntityGrouper]:
    calls = 0
    real = entities.same_name

    def counting(a: str, b: str) -> str | None:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(entities, "same_name", counting)
    names = _invented_names(n)
    background = [_person(100 * i, name) for i, name in enumerate(names)]
    grouper = EntityGrouper(background)
    for i, name in enumerate(names):
        surname = name.split()[-1]
        grouper.assign(_person(100 * i + 50, surname))  # "Kobara said": the surname, after the full name
        grouper.assign(_person(100 * i + 60, surname))  # and again, which must find the same entity
    return calls, grouper


def test_name_comparisons_grow_linearly_with_the_number_of_people(monkeypatch: pytest.MonkeyPatch) -> None:
    small, _ = _comparisons(200, monkeypatch)
    large, grouper = _comparisons(800, monkeypatch)
    assert len(grouper.entities) == 800
    assert all(e.name.startswith("Ana ") for e in grouper.entities)  # each surname took its full name
    assert large <= 5 * small  # four times the people: about four times the work (comparing all: 16 times)
    assert large <= 10 * 800
