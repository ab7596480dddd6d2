"""Speaker names as the metric compares them: normalized, as token tuples, and when two name the same person.

`normalize_name` and `same_referent` are score.py's rules (lower case, no possessive or article, a
token suffix names the same person); `names_person` is the stricter test of `attribution_identity`
(titles left out, no clash of given names). Apart from the scoring so that the agreement between
annotators and the scoring compare names by exactly the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from quoteapp.model import Entity

#: Names that say nothing about who is meant: left out of a speaker's names.
PRONOUNS = frozenset(
    {
        "he",
        "she",
        "they",
        "it",
        "we",
        "i",
        "you",
        "his",
        "her",
        "him",
        "them",
        "who",
        "its",
        "their",
        "our",
        "us",
        "me",
        "my",
        "this",
        "that",
        "which",
    }
)
DETERMINERS = ("the ", "a ", "an ")

#: A normalized name as a tuple of tokens: ("khalifa", "haftar").
Name = tuple[str, ...]
Names = frozenset[Name]


def normalize_name(name: str) -> str:
    """Lower-case, without possessive 's, punctuation or a leading article: the form names are compared in."""
    n = name.lower().replace("’", "'").replace("‘", "'")
    n = re.sub(r"'s\b", "", n)
    n = re.sub(r"[^\w\s-]", " ", n)
    n = " ".join(n.split())
    for determiner in DETERMINERS:  # in turn, as score.py does: "the a x" -> "x"
        if n.startswith(determiner):
            n = n[len(determiner) :]
    return n


def names_of(entity: Entity, mention_text: str | None = None) -> Names:
    """Every way the entity is named here (name, aliases, the mention), pronouns left out."""
    out: set[Name] = set()
    for raw in (entity.name or "", *(entity.aliases or []), mention_text or ""):
        key = normalize_name(raw)
        if key and key not in PRONOUNS:
            out.add(tuple(key.split()))
    return frozenset(out)


#: Words before a name that say what someone is, not who: left out when given names are compared.
TITLES = frozenset(
    """mr mrs ms miss dr prof president vice senator sen rep representative gov governor gen general
marshal minister secretary chancellor king queen prince princess pope judge justice officer sheriff mayor
chief lt col sgt capt captain commander lord lady sir dame rev father sister prime premier ambassador
former late""".split()
)


def own_name(entity: Entity | None) -> Name | None:
    """The entity's own name, normalized; None for no entity, no name or a pronoun."""
    key = normalize_name(entity.name or "") if entity is not None else ""
    return tuple(key.split()) if key and key not in PRONOUNS else None


def bare(name: Name) -> Name:
    """The name without its titles ("President Obama": "obama"); a name that is all titles stays."""
    return tuple(t for t in name if t not in TITLES) or tuple(name)


def names_person(predicted: Name | None, gold_names: Iterable[Name]) -> bool:
    """The predicted entity's own name names the gold speaker, and no given name clashes.

    It names it when it is a token suffix of a gold name (or the other way round) or stands whole
    inside one ("Ana Pires" in "Ana Pires, the mayor of Ourém"), titles left out. It clashes when a
    gold name has the same surname and other given names, and its own given names are in no gold name.
    """
    mine = bare(predicted or ())
    golds = [b for b in map(bare, gold_names) if b]
    if not mine or not golds:
        return False
    inside = any(mine == g[i : i + len(mine)] for g in golds for i in range(len(g) - len(mine) + 1))
    if not inside and not any(same_referent({mine}, {g}) for g in golds):
        return False
    given = set(mine[:-1])
    every = set().union(*golds)
    return not (
        given
        and not given <= every
        and any(len(g) > 1 and g[-1] == mine[-1] and not given & set(g[:-1]) for g in golds)
    )


def same_referent(predicted: Iterable[Name], gold: Iterable[Name]) -> bool:
    """Names match when one is a token suffix of the other: English noun phrases are head-final."""
    gold = list(gold)
    for p in predicted:
        for g in gold:
            k = min(len(p), len(g))
            if k and p[-k:] == g[-k:]:
                return True
    return False
