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

from quoteapp.corpus.names import name_words, same_name, variant_keys
from quoteapp.nlp.mentions import Mention

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
    #: the mentions as a set: membership in a long article's many mentions must not cost a scan
    mention_set: set[Mention] = field(default_factory=set, repr=False)

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
            return text[len(art) :]
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


def _surname(name: str) -> str | None:
    """The last word of a name as names.py compares it: two names are the same only when these agree
    (exactly, or as spelling variants sharing a first letter)."""
    words = name_words(name)
    return words[-1] if words else None


class EntityGrouper:
    """Assigns mentions, in reading order, to entities.

    Every lookup goes through an index (names by surname and its variant keys, descriptions by their
    normalized text, background persons by surname and by head word, placements by head word), so
    grouping grows with the text, not with its square: a 5 MB text has thousands of names."""

    def __init__(self, background: list[Mention] | None = None, content: list[tuple[int, int]] | None = None) -> None:
        self.entities: list[EntityDraft] = []
        #: persons the article names anywhere (NER): descriptions, full names, a pronoun's last resort
        self.background = sorted(background or [], key=lambda m: m.start)
        self.background_starts = [m.start for m in self.background]
        self.background_by_surname: dict[str, list[Mention]] = {}
        self.background_by_head: dict[str, list[int]] = {}  # head word -> indices into background
        for n, other in enumerate(self.background):
            surname = _surname(other.name) if other.name else None
            if surname:
                self.background_by_surname.setdefault(surname, []).append(other)
            if other.name:
                for head in set(other.heads):
                    self.background_by_head.setdefault(head, []).append(n)
        self.placed: list[tuple[int, EntityDraft]] = []  # (mention start, entity) of non-pronouns
        self.content = sorted(content or [])  # character ranges of quoted or reported content
        #: surname -> (entity key, index in its names) of every name ending so
        self.by_surname: dict[str, list[tuple[int, int]]] = {}
        self.by_variant: dict[str, list[tuple[int, int]]] = {}  # names.variant_keys -> the same pairs
        self.by_description: dict[str, EntityDraft] = {}  # normalized description -> latest entity
        self.by_head: dict[str, set[int]] = {}  # head word -> entity keys described with it
        self.last_placed: dict[int, int] = {}  # entity key -> index of its latest entry in `placed`

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
            self.last_placed[entity.key] = len(self.placed)
            self.placed.append((mention.start, entity))
        return entity, reason

    def _add(self, entity: EntityDraft, mention: Mention) -> None:
        if mention not in entity.mention_set:
            entity.mention_set.add(mention)
            entity.mentions.append(mention)
        if mention.name and mention.name not in entity.names:
            entity.names.append(mention.name)
            surname = _surname(mention.name)
            if surname:
                filed = (entity.key, len(entity.names) - 1)
                self.by_surname.setdefault(surname, []).append(filed)
                for key in variant_keys(surname):
                    self.by_variant.setdefault(key, []).append(filed)
            if mention.kind in ("person", "outlet") and entity.kind in ("other", "anonymous", "organization"):
                entity.kind = mention.kind
        for desc in (mention.description, *mention.appositions):
            if desc and desc not in entity.descriptions:
                entity.descriptions.append(desc)
                key = _strip_article(desc).lower()
                latest = self.by_description.get(key)
                if latest is None or latest.key < entity.key:
                    self.by_description[key] = entity
        entity.heads.update(mention.heads)
        for head in mention.heads:
            self.by_head.setdefault(head, set()).add(entity.key)
        entity.gender = entity.gender or mention.gender

    def _by_name(self, mention: Mention) -> tuple[EntityDraft | None, str]:
        """The latest entity with the same name, else the latest with a spelling variant of it; only
        entities with the same surname, or one sharing a variant key, can be either (names.same_name)."""
        assert mention.name
        surname = _surname(mention.name)
        if not surname:
            return None, ""
        # the latest entity first, and its names in the order they came, as a walk through all would go
        for key, n in sorted(self.by_surname.get(surname, ()), key=lambda filed: (-filed[0], filed[1])):
            entity = self.entities[key]
            if same_name(mention.name, entity.names[n]) == "exact":
                return entity, f"'{mention.text}' -> {entity.name} by name"
        variants = {filed for k in variant_keys(surname) for filed in self.by_variant.get(k, ())}
        for key, n in sorted(variants, key=lambda filed: (-filed[0], filed[1])):
            entity = self.entities[key]
            if same_name(mention.name, entity.names[n]) == "fuzzy":
                return entity, f"'{mention.text}' -> {entity.name}: spelling variant of '{entity.names[n]}'"
        return None, ""

    def _absorb_background(self, entity: EntityDraft, mention: Mention) -> str:
        """A new named entity takes what the article says of that name elsewhere: full name, titles.
        Only persons with the same surname can have the same name: the index gives just those."""
        assert mention.name
        found = []
        surname = _surname(mention.name)
        for other in self.background_by_surname.get(surname, []) if surname else []:
            if other.name and same_name(other.name, mention.name) == "exact":
                self._add(entity, other)
                if other.name != mention.name:
                    found.append(other.name)
        return f"; also named '{max(found, key=len)}' in the text" if found else ""

    def _by_description(self, mention: Mention) -> tuple[EntityDraft | None, str]:
        desc = _strip_article(mention.description or mention.text).lower()
        head = mention.head
        definite = mention.text.lower().startswith(DEFINITE)
        same = self.by_description.get(desc)
        if same is not None:
            return same, f"'{mention.text}' -> {same.name}: same description"
        if not definite:
            return None, ""
        described = [self.entities[k] for k in self.by_head.get(head, ()) if k in self.last_placed]
        fitting = [e for e in described if e.kind == mention.kind or e.names]
        if fitting:  # the one placed last, as a walk back through the placements would meet it
            entity = max(fitting, key=lambda e: self.last_placed[e.key])
            return entity, f"'{mention.text}' -> {entity.name}: described as {head} before"
        earlier = self._background_before(mention.start, self.background_by_head.get(head, []))
        if earlier is not None:
            entity, _ = self.assign(earlier)
            return entity, f"'{mention.text}' -> {entity.name}: the text calls '{earlier.text}' so"
        return None, ""

    def _background_before(self, pos: int, indices: list[int]) -> Mention | None:
        """The last background mention among `indices` (ascending) that starts before `pos`."""
        i = bisect.bisect_left(indices, bisect.bisect_left(self.background_starts, pos)) - 1
        return self.background[indices[i]] if i >= 0 else None

    def _pronoun(self, mention: Mention) -> tuple[EntityDraft, str]:
        outside = not self.inside_content(mention.start)
        for start, entity in reversed(self.placed):
            if start < mention.start and _fits(mention, entity) and not (outside and self.inside_content(start)):
                self._add(entity, mention)
                return entity, f"'{mention.text}' -> {entity.name}: nearest fitting speaker before"
        if mention.head in ("he", "she", "him", "her", "his"):
            for n in range(bisect.bisect_left(self.background_starts, mention.start) - 1, -1, -1):
                other = self.background[n]
                if outside and self.inside_content(other.start):
                    continue
                entity, _ = self.assign(other)
                self._add(entity, mention)
                return entity, f"'{mention.text}' -> {entity.name}: nearest person named before"
        entity = EntityDraft(len(self.entities), mention.kind, gender=mention.gender)
        self.entities.append(entity)
        self._add(entity, mention)
        return entity, f"'{mention.text}' not resolved"
