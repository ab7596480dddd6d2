"""Grouping speaker mentions into the entities of one article.

A full name, its surname, its titled forms and its spelling variants are one entity (names.py), but
different given names, or a gender clash (Mr. / Mrs.), keep people apart: "Mr. Obama" is not
Michelle Obama. A surname alone goes to the person the text last named with it before that point
(else the first after), and where two people named before bear it, to the last one with an
ambiguous, low confidence. A description ("the Libyan commander", "the president") joins the entity
the article described so ("Libyan commander Khalifa Haftar", "X, the U.N. envoy"); an unnamed source
is an `anonymous` entity that "the official" comes back to. A pronoun goes to the nearest fitting
person *mentioned* before it (every person the NER finds, not only speakers; the subject of the
nearest sentence before its objects, a possessor or a noun in a prepositional phrase only when
nothing else fits; gender, number and kind agreeing), outside quoted content for a pronoun outside
it, and never to whom its own quote names ("He said Haftar had ..." is not Haftar). A role described
before its holder is named ("The U.N. envoy warned ... Ghassan Salame said") is that person, with a
low confidence. Each decision comes with a short reason and the confidence of its step (SPEAKER_*),
which the quote's confidence takes when it is the weakest (resolve.py).
"""

from __future__ import annotations

import bisect

from quoteapp.corpus.names import name_words, same_name, variant_keys
from quoteapp.nlp.entity_draft import (
    Assignment,
    EntityDraft,
    fits,
    full_name,
    genders_agree,
    strip_article,
    surname_of,
)
from quoteapp.nlp.lexicon import ANONYMOUS_HEADS, TITLES
from quoteapp.nlp.mentions import Mention

__all__ = ["Assignment", "EntityDraft", "EntityGrouper"]

DEFINITE = ("the ", "this ", "that ")

# Confidence of each way a speaker mention is resolved (the quote keeps the lowest of its steps).
#: The mention gives the name: "Casimir Tull", or a first entity named so.
SPEAKER_NAMED = 1.0
#: A surname alone, which one person named before bears: "Tull" after "Casimir Tull".
SPEAKER_SURNAME = 0.95
#: A description or unnamed source that is an entity of its own: "an Elysee official".
SPEAKER_NEW_DESCRIPTION = 0.9
#: A spelling variant of a name before: "Hifter" after "Haftar".
SPEAKER_VARIANT = 0.85
#: A description the article gave a named entity: "the Libyan commander".
SPEAKER_DESCRIBED = 0.85
#: A pronoun, to the nearest fitting person mentioned before it.
SPEAKER_PRONOUN = 0.8
#: A pronoun that found no fitting person near it, only a speaker further back.
SPEAKER_PRONOUN_FAR = 0.6
#: A name or pronoun that could be two people: "Obama" after Barack and Michelle Obama.
SPEAKER_AMBIGUOUS = 0.5
#: A pronoun with no fitting person before it: an entity of its own, named by its text.
SPEAKER_UNRESOLVED = 0.4
#: A role described before its holder is named: "The U.N. envoy warned ... Ghassan Salame said".
SPEAKER_NAMED_AFTER = 0.6
#: How far (characters) after a role's first mention its holder's name may come.
CATAPHORA_REACH = 600
#: How far back (characters) a pronoun looks for the persons mentioned; beyond, only speakers count.
PRONOUN_REACH = 3000


class EntityGrouper:
    """Assigns mentions, in reading order, to entities.

    Every lookup goes through an index (names by surname and its variant keys, full names by surname,
    descriptions by their normalized text, background persons by head word, mentions by position),
    so grouping grows with the text, not with its square: a 5 MB text has thousands of names."""

    def __init__(self, background: list[Mention] | None = None, content: list[tuple[int, int]] | None = None) -> None:
        self.entities: list[EntityDraft] = []
        #: persons the article names anywhere (NER): full names, descriptions, pronoun antecedents
        self.background = sorted(background or [], key=lambda m: m.start)
        self.background_starts = [m.start for m in self.background]
        self.background_by_head: dict[str, list[int]] = {}  # head word -> indices into background
        #: folded surname -> full-name mentions ("Barack Obama") in text order, and each name's first start
        self.namings: dict[str, list[tuple[int, Mention]]] = {}
        self.first_named: dict[str, dict[str, tuple[int, Mention]]] = {}
        self.by_given: dict[str, list[tuple[int, Mention]]] = {}  # folded first given name -> full names
        for n, other in enumerate(self.background):
            if other.name:
                for head in set(other.heads):
                    self.background_by_head.setdefault(head, []).append(n)
                self._add_naming(other)
        #: every mention a pronoun may go back to, in text order: background persons, speakers, pronouns
        self.antecedents: list[tuple[int, int, Mention]] = [(m.start, n, m) for n, m in enumerate(self.background)]
        self.in_antecedents: set[Mention] = set(self.background)
        self.entity_of: dict[Mention, EntityDraft] = {}
        self.assigned: dict[Mention, Assignment] = {}  # how each mention was resolved, for a second quote
        self.placed: list[tuple[int, EntityDraft]] = []  # (mention start, entity) of non-pronoun speakers
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

    def assign(
        self, mention: Mention, place: bool = True, avoid: frozenset[int] = frozenset(), quoted: bool = False
    ) -> Assignment:
        """The entity a mention names, why, and the step's confidence; `place=False` for a mention that
        is no one's voice here (the owner of "Macron's office"), which a later pronoun must not take
        for a speaker; a pronoun never goes to an entity in `avoid`, and goes to a person named inside
        a quote only with `quoted` (the one a spokesman speaks for: "Lind lost, her spokesman said")."""
        known = self.entity_of.get(mention)
        if known is not None:  # a mention two quotes share, or a person resolved for a pronoun before
            found: Assignment | None = self.assigned.get(mention) or Assignment(
                known, f"'{mention.text}' -> {known.name}", SPEAKER_NAMED
            )
        elif mention.pronoun:
            return self._pronoun(mention, avoid, quoted)
        else:
            found = self._by_name(mention) if mention.name else self._by_description(mention)
        if found is None:
            entity = EntityDraft(len(self.entities), mention.kind, gender=mention.gender, plural=mention.plural)
            self.entities.append(entity)
            reason = f"'{mention.text}' starts an entity"
            if mention.name:
                reason += self._absorb_background(entity, mention)
            found = Assignment(entity, reason, SPEAKER_NAMED if mention.name else SPEAKER_NEW_DESCRIPTION)
        self._add(found.entity, mention)
        self.assigned.setdefault(mention, found)
        if place:
            self.last_placed[found.entity.key] = len(self.placed)
            self.placed.append((mention.start, found.entity))
        return found

    def _add(self, entity: EntityDraft, mention: Mention) -> None:
        if mention not in entity.mention_set:
            entity.mention_set.add(mention)
            entity.mentions.append(mention)
        self.entity_of.setdefault(mention, entity)
        if mention not in self.in_antecedents:
            self.in_antecedents.add(mention)
            bisect.insort(self.antecedents, (mention.start, len(self.antecedents) + len(self.background), mention))
        entity.last_start = max(entity.last_start, mention.start)
        if mention.name and mention.name not in entity.names and self._name_form(mention.name, entity):
            entity.names.append(mention.name)
            surname = surname_of(mention.name)
            if surname:
                filed = (entity.key, len(entity.names) - 1)
                self.by_surname.setdefault(surname, []).append(filed)
                for key in variant_keys(surname):
                    self.by_variant.setdefault(key, []).append(filed)
            if mention.kind in ("person", "outlet") and entity.kind in ("other", "anonymous", "organization"):
                entity.kind = mention.kind
        if mention.name:
            self._add_naming(mention)
        for desc in (mention.description, *mention.appositions):
            if desc and desc not in entity.descriptions:
                entity.descriptions.append(desc)
                key = strip_article(desc).lower()
                latest = self.by_description.get(key)
                if latest is None or latest.key < entity.key:
                    self.by_description[key] = entity
        entity.heads.update(mention.heads)
        for head in mention.heads:
            self.by_head.setdefault(head, set()).add(entity.key)
        entity.gender = entity.gender or (mention.gender if mention.gender != "n" else None)

    @staticmethod
    def _name_form(name: str, entity: EntityDraft) -> bool:
        """A name of the entity's own (not its given name alone, "Chelsea" of Chelsea Clinton, which
        stays an alias as written): the first, or one with the same surname or a variant of it."""
        return not entity.names or same_name(name, entity.name) is not None

    def _add_naming(self, mention: Mention) -> None:
        """File a full name ("Barack Obama") under its surname, once per position."""
        if not full_name(mention.name) or mention.kind not in ("person", "other", "anonymous"):
            return
        surname = surname_of(mention.name or "")
        assert surname
        filed = self.namings.setdefault(surname, [])
        i = bisect.bisect_left(filed, mention.start, key=lambda pair: pair[0])
        if i < len(filed) and filed[i][0] == mention.start:
            return
        filed.insert(i, (mention.start, mention))
        given = self.by_given.setdefault(name_words(mention.name or "")[0], [])
        given.insert(bisect.bisect_left(given, mention.start, key=lambda pair: pair[0]), (mention.start, mention))
        firsts = self.first_named.setdefault(surname, {})
        if mention.name not in firsts or mention.start < firsts[mention.name or ""][0]:
            firsts[mention.name or ""] = (mention.start, mention)

    def _compatible(self, mention: Mention, entity: EntityDraft) -> bool:
        """Nothing separates the mention from the entity: every name of the entity could be the
        mention's (no other given name, no other surname) and their genders agree."""
        assert mention.name
        return genders_agree(entity.gender, mention.gender) and all(same_name(mention.name, n) for n in entity.names)

    def _by_name(self, mention: Mention) -> Assignment | None:
        """A surname alone goes to the person last named with it; any other name to the latest entity
        whose names it can be, exactly, else as a spelling variant where nothing separates them."""
        assert mention.name
        surname = surname_of(mention.name)
        if not surname:
            return None
        if not full_name(mention.name):
            found = self._by_surname_alone(mention, surname, self.namings) or self._matching_entity(mention, surname)
            return found or self._by_surname_alone(mention, surname, self.by_given)
        return self._matching_entity(mention, surname)

    def _matching_entity(self, mention: Mention, surname: str) -> Assignment | None:
        assert mention.name
        exact = {
            key for key, n in self.by_surname.get(surname, ()) if same_name(mention.name, self.entities[key].names[n])
        }
        fitting = [self.entities[k] for k in exact if self._compatible(mention, self.entities[k])]
        if fitting:
            entity = max(fitting, key=lambda e: (e.last_start, e.key))
            return Assignment(entity, f"'{mention.text}' -> {entity.name} by name", SPEAKER_NAMED)
        variants = {filed for k in variant_keys(surname) for filed in self.by_variant.get(k, ())}
        for key, n in sorted(variants, key=lambda filed: (-self.entities[filed[0]].last_start, filed[1])):
            entity = self.entities[key]
            if same_name(mention.name, entity.names[n]) == "fuzzy" and self._compatible(mention, entity):
                reason = f"'{mention.text}' -> {entity.name}: spelling variant of '{entity.names[n]}'"
                return Assignment(entity, reason, SPEAKER_VARIANT)
        return None

    def _by_surname_alone(
        self, mention: Mention, word: str, index: dict[str, list[tuple[int, Mention]]]
    ) -> Assignment | None:
        """ "Obama" is the person the text last named "<given name> Obama" before this point (else the
        first so named after it), of a fitting gender; two such persons named before make it ambiguous.
        With `by_given`, a given name alone likewise: "Chelsea" after "Chelsea Clinton"."""
        filed = index.get(word, [])
        surname = word
        at = bisect.bisect_left(filed, mention.start, key=lambda pair: pair[0])
        order = [m for _, m in reversed(filed[:at])] + [m for _, m in filed[at:]]
        for naming in order:
            if not genders_agree(naming.gender, mention.gender):
                continue
            entity = self._entity_of_mention(naming)
            if index is self.namings and not self._compatible(mention, entity):
                continue
            if index is self.by_given and not genders_agree(entity.gender, mention.gender):
                continue
            rivals = self._rivals(mention, surname, entity) if index is self.namings else []
            if rivals:
                both = " or ".join([entity.name, *rivals])
                return Assignment(entity, f"'{mention.text}' could be {both}: the last named before", SPEAKER_AMBIGUOUS)
            return Assignment(entity, f"'{mention.text}' -> {entity.name}: the person named so", SPEAKER_SURNAME)
        return None

    def _entity_of_mention(self, mention: Mention) -> EntityDraft:
        """The entity of a mention the text makes (a full name, a person the NER found), resolved when
        it has none yet; not placed, since it is no speaker."""
        known = self.entity_of.get(mention)
        if known is not None:
            return known
        return self.assign(mention, place=False).entity

    def _rivals(self, mention: Mention, surname: str, chosen: EntityDraft) -> list[str]:
        """Other persons named with this surname before the mention, whom nothing separates from it."""
        out = []
        for name, (first, naming) in self.first_named.get(surname, {}).items():
            if first >= mention.start or name in chosen.names or same_name(name, chosen.name):
                continue
            other = self._entity_of_mention(naming)
            if other is not chosen and genders_agree(other.gender, mention.gender) and other.name not in out:
                out.append(other.name)
        return out

    def _absorb_background(self, entity: EntityDraft, mention: Mention) -> str:
        """A new named entity takes the fuller forms of its own name the article gives elsewhere
        ("Khalifa Belqasim Haftar" for "Khalifa Haftar"); a surname alone is left for its own turn,
        since it may name another person with that surname."""
        assert mention.name
        found = []
        surname = surname_of(mention.name)
        for _, other in self.namings.get(surname, []) if surname and full_name(mention.name) else []:
            exact = other.name and same_name(other.name, mention.name) == "exact"
            if exact and other not in self.entity_of and self._compatible(other, entity):
                self._add(entity, other)
                if other.name != mention.name:
                    found.append(other.name)
        return f"; also named '{max(found, key=len)}' in the text" if found else ""

    def _by_description(self, mention: Mention) -> Assignment | None:
        desc = strip_article(mention.description or mention.text).lower()
        head = mention.head
        definite = mention.text.lower().startswith(DEFINITE)
        same = self.by_description.get(desc)
        if same is not None:
            return Assignment(same, f"'{mention.text}' -> {same.name}: same description", SPEAKER_DESCRIBED)
        if not definite:
            return None
        described = [self.entities[k] for k in self.by_head.get(head, ()) if k in self.last_placed]
        fitting = [e for e in described if e.kind == mention.kind or e.names]
        if fitting:  # the one placed last, as a walk back through the placements would meet it
            entity = max(fitting, key=lambda e: self.last_placed[e.key])
            return Assignment(
                entity, f"'{mention.text}' -> {entity.name}: described as {head} before", SPEAKER_DESCRIBED
            )
        earlier = self._background_before(mention.start, self.background_by_head.get(head, []))
        if earlier is not None:
            entity = self.assign(earlier).entity
            reason = f"'{mention.text}' -> {entity.name}: the text calls '{earlier.text}' so"
            return Assignment(entity, reason, SPEAKER_DESCRIBED)
        if mention.kind in ("organization", "outlet"):
            return self._organization_before(mention)
        return None

    def _organization_before(self, mention: Mention) -> Assignment | None:
        """'Telvana Communications raised its fees. The company said ...', 'an interview with Le
        Journal du Dimanche ... he told the French publication': a definite common noun of an
        organization or an outlet is, like "it", the one of that kind the text named last before it."""
        for i in range(bisect.bisect_left(self.antecedents, (mention.start,)) - 1, -1, -1):
            start, _, other = self.antecedents[i]
            if mention.start - start > PRONOUN_REACH:
                break
            if other.pronoun or not other.name or other.kind != mention.kind:
                continue
            entity = self.entity_of.get(other) or self._entity_of_mention(other)
            reason = f"'{mention.text}' -> {entity.name}: the {mention.kind} named before"
            return Assignment(entity, reason, SPEAKER_PRONOUN)
        return None

    def _background_before(self, pos: int, indices: list[int]) -> Mention | None:
        """The last background mention among `indices` (ascending) that starts before `pos`."""
        i = bisect.bisect_left(indices, bisect.bisect_left(self.background_starts, pos)) - 1
        return self.background[indices[i]] if i >= 0 else None

    def _pronoun(self, mention: Mention, avoid: frozenset[int], quoted: bool = False) -> Assignment:
        found = self._nearest_person(mention, avoid, True, quoted)
        found = found or self._nearest_person(mention, avoid, False, quoted)
        if found is None:
            found = self._nearest_speaker(mention, avoid)
        if found is None:
            entity = EntityDraft(len(self.entities), mention.kind, gender=mention.gender)
            self.entities.append(entity)
            found = Assignment(entity, f"'{mention.text}' not resolved", SPEAKER_UNRESOLVED)
        self._add(found.entity, mention)
        self.assigned[mention] = found
        return found

    def _nearest_person(
        self, mention: Mention, avoid: frozenset[int], salient: bool, quoted: bool = False
    ) -> Assignment | None:
        """The nearest sentence before the pronoun (or its own, before it) that mentions a fitting
        person, and in it the subject before any other mention, the nearest first. With `salient`, only
        subjects and objects count (not "Macron" of "a statement from Macron's office"); entities in
        `avoid` (named in the pronoun's own quote) never do."""
        outside = not quoted and not self.inside_content(mention.start)
        pool: list[tuple[Mention, EntityDraft]] = []
        sentence = None
        for i in range(bisect.bisect_left(self.antecedents, (mention.start,)) - 1, -1, -1):
            start, _, other = self.antecedents[i]
            if mention.start - start > PRONOUN_REACH or (sentence is not None and other.sentence_start != sentence):
                break
            if other is mention or (outside and self.inside_content(start)) or (salient and not other.salient):
                continue
            if other.pronoun and other not in self.entity_of:
                continue
            entity = self.entity_of.get(other) or self._entity_of_mention(other)
            if (
                entity.key in avoid
                or not fits(mention, entity)
                or (other.pronoun and not entity.names + entity.descriptions)
            ):
                continue
            sentence = other.sentence_start
            pool.append((other, entity))
        if not pool:
            return None
        best = next((p for p in pool if p[0].subject), pool[0])
        rivals = [e.name for m, e in pool if e is not best[1] and m.subject == best[0].subject]
        if rivals:
            both = " or ".join(dict.fromkeys([best[1].name, *rivals]))
            return Assignment(best[1], f"'{mention.text}' could be {both}: the nearest", SPEAKER_AMBIGUOUS)
        role = "subject" if best[0].subject else "person"
        reason = f"'{mention.text}' -> {best[1].name}: nearest fitting {role} mentioned before"
        return Assignment(best[1], reason, SPEAKER_PRONOUN)

    def named_inside(self, segments: list[tuple[int, int]]) -> frozenset[int]:
        """Keys of the entities a name or description inside these spans refers to (resolved as needed):
        whoever a quote's content names is not its speaker ("He said Haftar had ..." is not Haftar's)."""
        keys = set()
        for seg_start, seg_end in segments:
            i = bisect.bisect_left(self.antecedents, (seg_start,))
            while i < len(self.antecedents) and self.antecedents[i][0] < seg_end:
                other = self.antecedents[i][2]
                if not other.pronoun:
                    keys.add((self.entity_of.get(other) or self._entity_of_mention(other)).key)
                i += 1
        return frozenset(keys)

    def _nearest_speaker(self, mention: Mention, avoid: frozenset[int]) -> Assignment | None:
        """Far from any fitting person: the nearest fitting speaker before, outside quoted content."""
        outside = not self.inside_content(mention.start)
        for start, entity in reversed(self.placed):
            if (
                start < mention.start
                and entity.key not in avoid
                and fits(mention, entity)
                and not (outside and self.inside_content(start))
            ):
                return Assignment(
                    entity, f"'{mention.text}' -> {entity.name}: nearest fitting speaker before", SPEAKER_PRONOUN_FAR
                )
        return None

    def named_after(self) -> dict[int, Assignment]:
        """Roles named only afterwards: an entity known only by a definite role ("The U.N. envoy for
        Libya warned ...") whose next person in the text, within CATAPHORA_REACH, is a named speaker the
        article introduces no other way (no title, no description: "Addressing the council, Ghassan
        Salame said") is that person. Key of the role's entity -> the person, with a low confidence:
        the editor is to check it."""
        out: dict[int, Assignment] = {}
        for role in self.entities:
            first = min(role.mentions, key=lambda m: m.start, default=None)
            if role.names or first is None or not _a_role(first):
                continue
            person = self._next_person_after(first, role)
            if person is None or not genders_agree(person.gender, role.gender):
                continue
            introduced = bool(person.descriptions or person.heads)
            if person.names and not introduced and person.kind == "person" and person.key in self.last_placed:
                reason = f"'{first.text}' -> {person.name}: named right after, described no other way"
                out[role.key] = Assignment(person, reason, SPEAKER_NAMED_AFTER)
        return out

    def _next_person_after(self, first: Mention, role: EntityDraft) -> EntityDraft | None:
        """The entity of the first person mentioned after `first` (not the role itself, not a pronoun)."""
        for start, _, other in self.antecedents[bisect.bisect_left(self.antecedents, (first.end,)) :]:
            if start - first.end > CATAPHORA_REACH:
                return None
            entity = self.entity_of.get(other)
            if other.pronoun or entity is role:
                continue
            entity = entity or self._entity_of_mention(other)
            if entity.kind in ("person", "anonymous"):
                return entity
        return None

    def merge(self, old: EntityDraft, into: EntityDraft) -> None:
        """Move the mentions and descriptions of `old` to `into` (a role found to be a named person)."""
        for mention in list(old.mentions):
            self.entity_of[mention] = into
            self._add(into, mention)
        old.mentions.clear()


def _a_role(mention: Mention) -> bool:
    """A definite description of one person by a role: "the U.N. envoy", "the minister"."""
    definite = mention.text.lower().startswith("the ")
    return definite and not mention.pronoun and not mention.plural and mention.head in TITLES | ANONYMOUS_HEADS
