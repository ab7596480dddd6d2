"""The corpus's speaker registry: one identity across the articles of a folder.

An identity gathers the entities of several articles that are one person or organization
("Hifter" here, "Haftar" there), with the names it goes by and whom it speaks for ("Ahmad
Al-Mesmari" for Haftar). An editor confirms, merges and splits identities; a confirmed identity and
every split are kept when the registry is built again, and applied to the next analysis.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Member:
    """One article's entity that is this identity."""

    article: str
    entity: str
    name: str


@dataclass
class Identity:
    id: str
    name: str
    kind: str
    aliases: list[str] = field(default_factory=list)
    members: list[Member] = field(default_factory=list)
    speaks_for: str | None = None  # the id of the identity this one speaks for
    confirmed: bool = False  # an editor's decision: kept as it is when the registry is rebuilt

    def names(self) -> list[str]:
        return [self.name, *self.aliases]

    @property
    def articles(self) -> set[str]:
        return {m.article for m in self.members}


@dataclass
class Registry:
    identities: list[Identity] = field(default_factory=list)
    #: pairs of names an editor split apart: never one identity again
    separate: list[tuple[str, str]] = field(default_factory=list)
    #: suggested merges the editor dismissed, as (kept id, merged id): never suggested again
    dismissed: list[tuple[str, str]] = field(default_factory=list)
    #: the highest identity number ever given, saved with the registry, so that no id is ever reused
    last_id: int = 0

    def identity(self, identity_id: str) -> Identity | None:
        return next((i for i in self.identities if i.id == identity_id), None)

    def by_member(self) -> dict[tuple[str, str], Identity]:
        """(article id, entity id) -> the identity that entity is: what exports and views look up to
        name an article's speaker or intermediary across the folder (its `id` is stable)."""
        return {(m.article, m.entity): i for i in self.identities for m in i.members}

    def next_id(self) -> str:
        """A new identity id, never one given before (not even to an identity since merged away)."""
        numbers = [int(i.id[1:]) for i in self.identities if i.id[1:].isdigit()]
        self.last_id = max([self.last_id, *numbers]) + 1
        return f"I{self.last_id}"

    def kept_apart(self, a: str, b: str) -> bool:
        pair = {a.lower(), b.lower()}
        return any({x.lower(), y.lower()} == pair for x, y in self.separate)
