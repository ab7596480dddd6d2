"""Grouping speaker mentions into the entities of one article.

A full name and its surname are one entity; a description ("the Libyan commander") joins the
entity the article described so ("Libyan commander Khalifa Haftar"); an unnamed source is an
`anonymous` entity that "the official" comes back to; a pronoun goes to the nearest fitting
speaker before it. Each decision is returned as a short reason for the quote's evidence.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quoteapp.nlp.mentions import Mention

ARTICLES = ("the ", "a ", "an ")


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

    @property
    def name(self) -> str:
        if self.names:
            return max(self.names, key=lambda n: (len(n.split()), len(n)))
        return _strip_article(max(self.descriptions, key=len)) if self.descriptions else "unknown"

    @property
    def surnames(self) -> set[str]:
        return {n.split()[-1].lower() for n in self.names if n.split()}

    def head_words(self) -> set[str]:
        words = set()
        for d in self.descriptions:
            parts = d.lower().split()
            if parts:
                words.add(parts[-1])
        return words

    def aliases(self) -> list[str]:
        seen, out = {self.name}, []
        for m in self.mentions:
            for alias in (m.name, m.description if not m.name else None, m.text):
                if alias and not m.pronoun and alias not in seen:
                    seen.add(alias)
                    out.append(alias)
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

    def __init__(self, background: list[Mention] | None = None) -> None:
        self.entities: list[EntityDraft] = []
        #: names the article gives outside quotes (NER persons): a pronoun's last resort
        self.background = sorted(background or [], key=lambda m: m.start)
        self.placed: list[tuple[int, EntityDraft]] = []  # (mention start, entity) of non-pronouns

    def assign(self, mention: Mention) -> tuple[EntityDraft, str]:
        if mention.pronoun:
            return self._pronoun(mention)
        entity, reason = self._by_name(mention) if mention.name else self._by_description(mention)
        if entity is None:
            entity = EntityDraft(len(self.entities), mention.kind, gender=mention.gender, plural=mention.plural)
            self.entities.append(entity)
            reason = f"'{mention.text}' starts an entity"
            if mention.name:
                reason += self._full_name_from_background(entity, mention.name)
        self._add(entity, mention)
        self.placed.append((mention.start, entity))
        return entity, reason

    def _add(self, entity: EntityDraft, mention: Mention) -> None:
        entity.mentions.append(mention)
        if mention.name and mention.name not in entity.names:
            entity.names.append(mention.name)
            if mention.kind in ("person", "outlet") and entity.kind in ("other", "anonymous", "organization"):
                entity.kind = mention.kind
        if mention.description and mention.description not in entity.descriptions:
            entity.descriptions.append(mention.description)
        entity.gender = entity.gender or mention.gender

    def _by_name(self, mention: Mention) -> tuple[EntityDraft | None, str]:
        assert mention.name
        words = mention.name.lower().split()
        for entity in reversed(self.entities):
            for name in entity.names:
                other = name.lower().split()
                k = min(len(words), len(other))
                if k and words[-k:] == other[-k:]:
                    return entity, f"'{mention.text}' -> {entity.name} by name"
        return None, ""

    def _full_name_from_background(self, entity: EntityDraft, name: str) -> str:
        """A speaker first quoted by surname ("said Berg") takes the full name the article gave before."""
        surname = name.lower().split()[-1]
        for other in self.background:
            if other.name and other.name != name and other.name.lower().split()[-1] == surname:
                entity.names.append(other.name)
                return f"; full name '{other.name}' from the text"
        return ""

    def _by_description(self, mention: Mention) -> tuple[EntityDraft | None, str]:
        desc = _strip_article(mention.description or mention.text).lower()
        head = desc.split()[-1] if desc.split() else mention.head
        definite = mention.text.lower().startswith(("the ", "this ", "that "))
        for entity in reversed(self.entities):
            known = {d.lower() for d in entity.descriptions}
            if desc in {_strip_article(k) for k in known}:
                return entity, f"'{mention.text}' -> {entity.name}: same description"
        if definite:
            for entity in reversed(self.entities):
                if head in entity.head_words() and (entity.kind == mention.kind or entity.names):
                    return entity, f"'{mention.text}' -> {entity.name}: described as {head} before"
        return None, ""

    def _pronoun(self, mention: Mention) -> tuple[EntityDraft, str]:
        for start, entity in reversed(self.placed):
            if start < mention.start and _fits(mention, entity):
                self._add(entity, mention)
                return entity, f"'{mention.text}' -> {entity.name}: nearest fitting speaker before"
        for other in reversed(self.background):
            if other.start < mention.start and mention.head in ("he", "she", "him", "her"):
                entity, _ = self.assign(other)
                entity.mentions.remove(other)
                self._add(entity, mention)
                return entity, f"'{mention.text}' -> {entity.name}: nearest person named before"
        entity = EntityDraft(len(self.entities), mention.kind, descriptions=[], gender=mention.gender)
        entity.descriptions.append(f"unresolved '{mention.text}'")
        self.entities.append(entity)
        entity.mentions.append(mention)
        return entity, f"'{mention.text}' not resolved"
