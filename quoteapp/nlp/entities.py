"""Grouping speaker mentions into the entities of one article.

A full name, its surname, its titled forms and its spelling variants are one entity (names.py); a
description ("the Libyan commander", "the president") joins the entity the article described so
("Libyan commander Khalifa Haftar", "X, the U.N. envoy"), from speakers or from the persons the
article names anywhere; an unnamed source is an `anonymous` entity that "the official" comes back
to; a pronoun outside quote content goes to the nearest fitting speaker before it, never to a
name inside someone's quoted words. Each decision is returned as a short reason for the evidence.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from quoteapp.nlp.mentions import Mention
from quoteapp.nlp.names import same_name

ARTICLES = ("the ", "a ", "an ")
DEFINITE = ("the ", "this ", "that ")


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

    @property
    def name(self) -> str:
        """The fullest proper name, else the fullest description, else the first mention as written
        (an unresolved "they" is named "they": never an internal placeholder)."""
        if self.names:
            return max(self.names, key=lambda n: (len(n.split()), len(n)))
        if self.descriptions:
            return _strip_article(max(self.descriptions, key=len))
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


def _strip_article(text: str) -> str:
    lower = text.lower()
    for art in ARTICLES:
        if lower.startswith(art):
            return text[len(art):]
    return text


def _fits(pronoun: Mention, entity: EntityDraft) -> bool:
    """Number and gender agree between a pronoun and an entity (unknown agrees with anything)."""
    if pronoun.head in ("they", "them", "we"):
        return entity.plural or entity.kind in ("organization", "outlet")
    if pronoun.head == "it":
        return entity.kind in ("organization", "outlet", "other") and not entity.plural
    if entity.plural or entity.kind in ("organization", "outlet"):
        return False
    return entity.gender is None or pronoun.gender is None or entity.gender == pronoun.gender


class EntityGrouper:
    """Assigns mentions, in reading order, to entities."""

    def __init__(self, background: list[Mention] | None = None,
                 content: list[tuple[int, int]] | None = None) -> None:
        self.entities: list[EntityDraft] = []
        #: persons the article names anywhere (NER): descriptions, full names, a pronoun's last resort
        self.background = sorted(background or [], key=lambda m: m.start)
        self.placed: list[tuple[int, EntityDraft]] = []  # (mention start, entity) of non-pronouns
        self.content = sorted(content or [])  # character ranges of quoted or reported content

    def inside_content(self, pos: int) -> bool:
        i = bisect.bisect_right(self.content, (pos, 1 << 60)) - 1
        while i >= 0:
            start, end = self.content[i]
            if start <= pos < end:
                return True
            if end < pos - 2000:
                break
            i -= 1
        return False

    def assign(self, mention: Mention, place: bool = True) -> tuple[EntityDraft, str]:
        """The entity a mention names, and why; `place=False` for a mention that is no one's voice here
        (the owner of "Macron's office"), which a later pronoun must not take for a speaker."""
        if mention.pronoun:
            return self._pronoun(mention)
        entity, reason = self._by_name(mention) if mention.name else self._by_description(mention)
        if entity is None:
            entity = EntityDraft(len(self.entities), mention.kind, gender=mention.gender, plural=mention.plural)
            self.entities.append(entity)
            reason = f"'{mention.text}' starts an entity"
            if mention.name:
                reason += self._absorb_background(entity, mention)
        self._add(entity, mention)
        if place:
            self.placed.append((mention.start, entity))
        return entity, reason

    def _add(self, entity: EntityDraft, mention: Mention) -> None:
        if mention not in entity.mentions:
            entity.mentions.append(mention)
        if mention.name and mention.name not in entity.names:
            entity.names.append(mention.name)
            if mention.kind in ("person", "outlet") and entity.kind in ("other", "anonymous", "organization"):
                entity.kind = mention.kind
        for desc in (mention.description, *mention.appositions):
            if desc and desc not in entity.descriptions:
                entity.descriptions.append(desc)
        entity.heads.update(mention.heads)
        entity.gender = entity.gender or mention.gender

    def _by_name(self, mention: Mention) -> tuple[EntityDraft | None, str]:
        assert mention.name
        fuzzy: EntityDraft | None = None
        fuzzy_name = ""
        for entity in reversed(self.entities):
            for name in entity.names:
                how = same_name(mention.name, name)
                if how == "exact":
                    return entity, f"'{mention.text}' -> {entity.name} by name"
                if how == "fuzzy" and fuzzy is None:
                    fuzzy, fuzzy_name = entity, name
        if fuzzy is not None:
            return fuzzy, f"'{mention.text}' -> {fuzzy.name}: spelling variant of '{fuzzy_name}'"
        return None, ""

    def _absorb_background(self, entity: EntityDraft, mention: Mention) -> str:
        """A new named entity takes what the article says of that name elsewhere: full name, titles."""
        assert mention.name
        found = []
        for other in self.background:
            if other.name and same_name(other.name, mention.name) == "exact":
                self._add(entity, other)
                if other.name != mention.name:
                    found.append(other.name)
        return f"; also named '{max(found, key=len)}' in the text" if found else ""

    def _by_description(self, mention: Mention) -> tuple[EntityDraft | None, str]:
        desc = _strip_article(mention.description or mention.text).lower()
        head = mention.head
        definite = mention.text.lower().startswith(DEFINITE)
        for entity in reversed(self.entities):
            if desc in {_strip_article(k).lower() for k in entity.descriptions}:
                return entity, f"'{mention.text}' -> {entity.name}: same description"
        if not definite:
            return None, ""
        for _, entity in reversed(self.placed):
            if head in entity.heads and (entity.kind == mention.kind or entity.names):
                return entity, f"'{mention.text}' -> {entity.name}: described as {head} before"
        for other in reversed(self.background):
            if other.start < mention.start and head in other.heads and other.name:
                entity, _ = self.assign(other)
                return entity, f"'{mention.text}' -> {entity.name}: the text calls '{other.text}' so"
        return None, ""

    def _pronoun(self, mention: Mention) -> tuple[EntityDraft, str]:
        outside = not self.inside_content(mention.start)
        for start, entity in reversed(self.placed):
            if start < mention.start and _fits(mention, entity) and not (outside and self.inside_content(start)):
                self._add(entity, mention)
                return entity, f"'{mention.text}' -> {entity.name}: nearest fitting speaker before"
        for other in reversed(self.background):
            if other.start < mention.start and mention.head in ("he", "she", "him", "her", "his"):
                if outside and self.inside_content(other.start):
                    continue
                entity, _ = self.assign(other)
                self._add(entity, mention)
                return entity, f"'{mention.text}' -> {entity.name}: nearest person named before"
        entity = EntityDraft(len(self.entities), mention.kind, gender=mention.gender)
        self.entities.append(entity)
        entity.mentions.append(mention)
        return entity, f"'{mention.text}' not resolved"
