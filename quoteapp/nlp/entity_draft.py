"""An entity being built from the mentions of one article, and the small rules about it that grouping
and pronoun resolution share: agreement of gender, number and kind, the folded surname of a name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

from quoteapp.corpus.names import name_words
from quoteapp.nlp.mentions import Mention

ARTICLES = ("the ", "a ", "an ")

PLURAL_PRONOUNS = frozenset({"they", "them", "their", "we", "us", "our"})


class Assignment(NamedTuple):
    """The entity a mention names, why, and how sure that step is."""

    entity: EntityDraft
    reason: str
    confidence: float


@dataclass
class EntityDraft:
    """An entity being built: the mentions that name it and what they say of it."""

    key: int
    kind: str
    names: list[str] = field(default_factory=list)  # proper names, as written
    descriptions: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    gender: str | None = None
    plural: bool = False
    heads: set[str] = field(default_factory=set)  # nouns the article describes it with
    #: the entity this one speaks for (a spokesperson), learned from "X's spokesman Y"
    speaks_for: EntityDraft | None = None
    #: the mentions as a set: membership in a long article's many mentions must not cost a scan
    mention_set: set[Mention] = field(default_factory=set, repr=False)
    #: where its latest mention starts: of two entities a name fits, the latest one mentioned wins
    last_start: int = -1

    @property
    def name(self) -> str:
        """The fullest proper name, else the fullest description, else the first mention as written
        (an unresolved "they" is named "they": never an internal placeholder)."""
        if self.names:
            return max(self.names, key=lambda n: (len(name_words(n)), len(n)))
        if self.descriptions:
            return strip_article(max(self.descriptions, key=len))
        return next((m.text for m in self.mentions if not m.pronoun), self.mentions[0].text if self.mentions else "")

    def aliases(self) -> list[str]:
        seen, out = {self.name}, []
        for alias in self.names + self.descriptions:
            if alias not in seen:
                seen.add(alias)
                out.append(alias)
        for m in self.mentions:
            if not m.pronoun and m.text not in seen:
                seen.add(m.text)
                out.append(m.text)
        return out


def strip_article(text: str) -> str:
    lower = text.lower()
    for art in ARTICLES:
        if lower.startswith(art):
            return text[len(art) :]
    return text


def genders_agree(a: str | None, b: str | None) -> bool:
    """Unknown agrees with anything; "n" (it) is no person's gender and is left to kind checks."""
    return a is None or b is None or a == b or "n" in (a, b)


def fits(pronoun: Mention, entity: EntityDraft) -> bool:
    """Number, gender and kind agree between a pronoun and an entity: "he"/"she" never an organization,
    "it" never a person, "they" a group or an organization (unknown gender agrees with anything)."""
    if pronoun.head in PLURAL_PRONOUNS:
        return entity.plural or entity.kind in ("organization", "outlet")
    if pronoun.head in ("it", "its"):
        # an organization's name is one body whatever its last word ("Telvana Communications said. It ...")
        return entity.kind in ("organization", "outlet") or (entity.kind == "other" and not entity.plural)
    if entity.plural or entity.kind in ("organization", "outlet"):
        return False
    return genders_agree(entity.gender, pronoun.gender)


def surname_of(name: str) -> str | None:
    """The folded last word of a name as names.py compares it."""
    words = name_words(name)
    return words[-1] if words else None


def full_name(name: str | None) -> bool:
    """A name with a given name in front of the surname: "Barack Obama", not "Obama"."""
    return bool(name) and len(name_words(name or "")) > 1
