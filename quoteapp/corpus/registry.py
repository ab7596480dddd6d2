"""Building the corpus registry from a folder's annotations, the editor's changes to it, and
applying it to a fresh analysis (canonical names, and who speaks for whom).

Names are matched with `names.same_name` (surnames, titles, guarded spelling variants), the rule
the extractor uses within an article, so an identity across articles means what an entity means
within one. Unnamed sources are left out: "an official" in two articles is not one person.
"""

from __future__ import annotations

import copy
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quoteapp.corpus.locations import registry_path
from quoteapp.corpus.names import same_name
from quoteapp.corpus.roles import bare_name, is_proper_name, name_key, name_weight, speaks_for_description
from quoteapp.formats.errors import FormatError
from quoteapp.formats.registry_file import RegistryOpened, open_registry, read_registry, write_registry
from quoteapp.model import Annotation, Entity, Intermediary, Speaker
from quoteapp.model.registry import Identity, Member, Registry

LINKED_KINDS = ("person", "organization", "outlet")


def proper_names(names: Iterable[str]) -> list[str]:
    """The names that are names: their last word is capitalized ("Haftar", not "the commander")."""
    return [n for n in names if n.split() and n.split()[-1][:1].isupper()]


def _linked(entity: Entity) -> bool:
    """Named entities, and unnamed ones described by whom they speak for ("Haftar's spokesman"), which
    the editor may link to the named spokesperson of another article; "an official" stays out."""
    return entity.kind in LINKED_KINDS or speaks_for_description(entity.name) is not None


def _match(identity: Identity, entity: Entity, registry: Registry) -> int:
    """Exact name matches link across kinds (the extractor's kind can be wrong); a spelling variant
    only within one kind, and only when the full names agree too (their forenames, when both have one),
    so that "Haddar" in one article does not join "Lina Haddad" to "Omar Haddar". A named entity
    written the same but for apostrophes and diacritics ("Macron’s office", "Macron's office") is one.
    Full names that disagree ("Ruth Lund", "Ivy Lund") are never one, whatever bare surname ("Lund")
    both go by. 2: the same name, 1: a spelling variant, 0: no match."""
    found = _name_match(identity, entity, registry)
    if found and _full_names_disagree(identity.names(), [entity.name, *entity.aliases]):
        return 0
    return found


def _name_match(identity: Identity, entity: Entity, registry: Registry) -> int:
    """`_match` by the names alone, full names not compared."""
    if (
        entity.kind in LINKED_KINDS
        and identity.kind in LINKED_KINDS
        and not registry.kept_apart(identity.name, entity.name)
    ):
        keys = {name_key(n) for n in [entity.name, *entity.aliases]}
        if any(name_key(n) in keys for n in identity.names()):
            return 2
    fuzzy = 0
    for a in proper_names(identity.names()):
        for b in proper_names([entity.name, *entity.aliases]):
            how = same_name(a, b)
            if not how or registry.kept_apart(a, b):
                continue
            if how == "exact":
                return 2
            if identity.kind == entity.kind and same_name(identity.name, entity.name):
                fuzzy = 1
    return fuzzy


def _full_names(names: Iterable[str]) -> list[str]:
    """The names with a given name and a surname once titles are left out ("Gen. Khalifa Haftar")."""
    bare = (bare_name(n) for n in proper_names(names))
    return [n for n in bare if len(n.split()) > 1]


def _full_names_disagree(ours: Iterable[str], theirs: Iterable[str]) -> bool:
    """Both sides have full names and none of them names the same person: a shared surname alone
    would chain every Lund of a folder into one identity."""
    a, b = _full_names(ours), _full_names(theirs)
    return bool(a and b) and not any(same_name(x, y) for x in a for y in b)


def _find(registry: Registry, entity: Entity) -> Identity | None:
    """The identity this entity is: one with the same name before one with a spelling variant of it.
    A bare surname that two people of different full names go by ("Lund": Ruth Lund, Ivy Lund) could
    be either: it joins the other bare "Lund"s, an identity of its own, rather than a guess."""
    bare = not _full_names([entity.name, *entity.aliases])
    matches: list[tuple[int, Identity]] = []
    for identity in registry.identities:
        found = _match(identity, entity, registry)
        if found:
            matches.append((found, identity))
            if found == 2 and not bare:
                break  # a full name's first same-named identity is the one
    if not matches:
        return None
    strength = max(found for found, _ in matches)
    best = [identity for found, identity in matches if found == strength]
    if bare and len(best) > 1:
        named = [identity for identity in best if _full_names(identity.names())]
        if len(named) > 1:
            return next((identity for identity in best if identity not in named), None)
    return best[0]


def _add_aliases(identity: Identity, names: Iterable[str]) -> None:
    """Keep the proper names among `names` that the identity does not go by yet, one spelling of each
    ("Macron’s" is "Macron's"); descriptions and titles ("the president", "Both Macron") are not aliases."""
    keys = {name_key(n) for n in identity.names()}
    for name in names:
        if is_proper_name(name) and name_key(name) not in keys:
            identity.aliases.append(name)
            keys.add(name_key(name))


def _best_name(spellings: dict[str, set[str]], current: str) -> str:
    """The identity's name: the fullest proper name (titles not counted), and of those the spelling most
    articles use, so that one article's misspelling ("Emmanual Macron") is not everyone's name."""
    if not spellings:
        return current
    return max(spellings, key=lambda n: (name_weight(n), len(spellings[n]), -len(n.split()), n == current))


def _pinned(pins: dict[tuple[str, str], tuple[Identity, str]], article: str, entity: Entity) -> Identity | None:
    """The confirmed identity the editor put this article's entity in, when it is still that entity."""
    pin = pins.get((article, entity.id))
    if pin is None or not (name_key(pin[1]) == name_key(entity.name) or same_name(pin[1], entity.name)):
        return None
    return pin[0]


def build_registry(annotations: Iterable[Annotation], previous: Registry | None = None) -> Registry:
    """Identities for the named entities of the articles; an editor's decisions in `previous` are kept
    (confirmed identities with the entities put in them, splits, dismissed suggestions), and every
    identity keeps its id from `previous` (ids never given twice)."""
    previous, annotations = previous or Registry(), list(annotations)
    registry = Registry(separate=list(previous.separate), dismissed=list(previous.dismissed))
    registry.last_id = max([previous.last_id, *(_number(i.id) for i in previous.identities)])
    pins: dict[tuple[str, str], tuple[Identity, str]] = {}
    for old in previous.identities:
        if old.confirmed:
            kept = Identity(old.id, old.name, old.kind, [], [], old.speaks_for, True)
            _add_aliases(kept, old.aliases)
            registry.identities.append(kept)
            pins.update({(m.article, m.entity): (kept, m.name) for m in old.members})
    spellings: dict[int, dict[str, set[str]]] = {}
    # Full names first, so that a bare surname meets every full name it could stand for.
    entities = [(a.document.id, e) for a in annotations for e in a.entities if _linked(e)]
    entities.sort(key=lambda pair: not _full_names([pair[1].name, *pair[1].aliases]))
    for article, entity in entities:
        identity = _pinned(pins, article, entity) or _find(registry, entity)
        if identity is None:
            identity = Identity("", entity.name, entity.kind)
            registry.identities.append(identity)
        _take(identity, Member(article, entity.id, entity.name), entity, spellings.setdefault(id(identity), {}))
    for identity in registry.identities:
        written = identity.names()
        identity.name, identity.aliases = _best_name(spellings.get(id(identity), {}), identity.name), []
        _add_aliases(identity, written)
    _keep_ids(registry, previous)
    _learn_spokespeople(registry, annotations)
    return registry


def _take(identity: Identity, member: Member, entity: Entity, seen: dict[str, set[str]]) -> None:
    """`entity` of one article is `identity`: a member, its proper names counted (in `seen`, name ->
    articles) for the identity's name and kept as aliases; a fuller name names it meanwhile, so that
    the next spelling variant is compared with the fullest name."""
    identity.members.append(member)
    for name in (n for n in [entity.name, *entity.aliases] if is_proper_name(n)):
        seen.setdefault(name, set()).add(member.article)
    fuller = name_weight(entity.name) > name_weight(identity.name) or not is_proper_name(identity.name)
    if not identity.confirmed and fuller and is_proper_name(entity.name):
        identity.name = entity.name
    _add_aliases(identity, [entity.name, *entity.aliases])


def _members(identity: Identity) -> list[tuple[tuple[str, str], Member]]:
    return [((m.article, m.entity), m) for m in identity.members]


def _number(identity_id: str) -> int:
    return int(identity_id[1:]) if identity_id[1:].isdigit() else 0


def _keep_ids(registry: Registry, previous: Registry) -> None:
    """Give each new identity the id of the previous identity it is (the most shared entities, else its
    name), so that an id means one identity while articles are added and identities merged or split."""
    votes: dict[tuple[str, str], str] = {}
    for old in previous.identities:
        if not old.confirmed:
            votes[("name", name_key(old.name))] = old.id
            for m in old.members:
                votes[(m.article, m.entity)] = old.id
                votes[(m.article, name_key(m.name))] = old.id
    taken = {i.id for i in registry.identities if i.id}
    for identity in registry.identities:
        if identity.id:
            continue
        keys = [(m.article, k) for m in identity.members for k in (m.entity, name_key(m.name))]
        counts = Counter(votes[k] for k in keys if k in votes and votes[k] not in taken)
        by_name = votes.get(("name", name_key(identity.name)))
        best = counts.most_common(1)[0][0] if counts else (by_name if by_name not in taken else None)
        identity.id = best or registry.next_id()
        taken.add(identity.id)


def _learn_spokespeople(registry: Registry, annotations: list[Annotation]) -> None:
    by_member = registry.by_member()
    for annotation in annotations:
        for quote in annotation.quotes:
            if quote.speaker is None or quote.status == "rejected":
                continue
            spoken_for = by_member.get((annotation.document.id, quote.speaker.entity))
            for via in quote.intermediaries:
                spokesperson = by_member.get((annotation.document.id, via.entity))
                learned = via.role == "spokesperson" and spoken_for and spokesperson and spokesperson is not spoken_for
                if learned and spokesperson.speaks_for is None:  # an editor's link is never overwritten
                    spokesperson.speaks_for = spoken_for.id


# --- the editor's decisions ------------------------------------------------------------------


def merge(registry: Registry, keep_id: str, drop_id: str) -> None:
    """One identity from two: `drop`'s articles and names join `keep` (ValueError when they are one, or
    when one speaks for the other: merged, it would speak for itself)."""
    keep, drop = registry.identity(keep_id), registry.identity(drop_id)
    if keep is None or drop is None or keep is drop:
        raise ValueError("choose two different identities to merge")
    if keep.speaks_for == drop.id or drop.speaks_for == keep.id:
        speaker, principal = (keep, drop) if keep.speaks_for == drop.id else (drop, keep)
        raise ValueError(f"{speaker.name} speaks for {principal.name}: merged, one identity would speak for itself")
    if not is_proper_name(keep.name) and is_proper_name(drop.name):
        keep.name, drop.name = drop.name, keep.name  # the merged identity is called by its proper name
    _add_aliases(keep, drop.names())
    keep.members += drop.members
    keep.speaks_for = keep.speaks_for or drop.speaks_for
    keep.confirmed = True
    registry.separate = [
        p for p in registry.separate if not (any(n.lower() in (p[0].lower(), p[1].lower()) for n in keep.names()))
    ]
    registry.dismissed = [p for p in registry.dismissed if drop_id not in p]
    registry.identities.remove(drop)
    for other in registry.identities:
        if other.speaks_for == drop_id:
            other.speaks_for = keep_id


def split(registry: Registry, identity_id: str, member: Member) -> Identity:
    """One article's entity is someone else: it becomes an identity of its own, kept apart from now on."""
    identity = registry.identity(identity_id)
    if identity is None or member not in identity.members:
        raise ValueError("that entity is not part of this identity")
    identity.members.remove(member)
    still = {name_key(m.name) for m in identity.members}
    identity.aliases = [a for a in identity.aliases if a != member.name or name_key(a) in still]
    new = Identity(registry.next_id(), member.name, identity.kind, [], [member], confirmed=True)
    registry.identities.append(new)
    registry.separate.append((identity.name, member.name))
    identity.confirmed = True
    return new


def confirm(registry: Registry, identity_id: str, confirmed: bool = True) -> None:
    identity = registry.identity(identity_id)
    if identity is not None:
        identity.confirmed = confirmed


def set_speaks_for(registry: Registry, identity_id: str, other_id: str | None) -> None:
    """`identity_id` speaks for `other_id` (None: for no one); ValueError for itself or an unknown id."""
    identity = registry.identity(identity_id)
    if identity is None or identity_id == other_id:
        raise ValueError("an identity cannot speak for itself")
    if other_id is not None and registry.identity(other_id) is None:
        raise ValueError(f"there is no identity {other_id}")
    identity.speaks_for = other_id
    identity.confirmed = True


def dismiss(registry: Registry, suggestion: Suggestion) -> None:
    """The editor says the suggested two are not one: it is not suggested again."""
    registry.dismissed.append((suggestion.keep, suggestion.drop))


# --- suggestions ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    """Two identities that look like one: `drop` would be merged into `keep`, for `reason`."""

    keep: str
    drop: str
    reason: str


def suggestions(registry: Registry) -> list[Suggestion]:
    """Roles described in one article and named in another: "Haftar's spokesman" (an identity with no
    proper name) and the one named identity that speaks for Haftar, in other articles. Only when that
    spokesperson is the only one, never for a pair the editor dismissed."""
    found = []
    dismissed = set(registry.dismissed)
    for described in registry.identities:
        if any(is_proper_name(n) for n in described.names()):
            continue
        for description, principal in _spoken_for(registry, described):
            named = [
                s
                for s in registry.identities
                if s.speaks_for == principal.id
                and s is not described
                and is_proper_name(s.name)
                and not s.articles & described.articles
            ]
            if len(named) != 1 or (named[0].id, described.id) in dismissed:
                continue
            found.append(
                Suggestion(
                    named[0].id,
                    described.id,
                    f"described as {description} in {', '.join(sorted(described.articles))}; "
                    f"{named[0].name} speaks for {principal.name} in {', '.join(sorted(named[0].articles))}",
                )
            )
            break
    return found


def _spoken_for(registry: Registry, described: Identity) -> list[tuple[str, Identity]]:
    """Whom an unnamed identity speaks for, by its description ("Haftar's spokesman") or its link."""
    out = []
    for name in described.names():
        who = speaks_for_description(name)
        principal = (
            next((i for i in registry.identities if i is not described and _names(i, who)), None) if who else None
        )
        if principal is not None:
            out.append((name, principal))
    linked = registry.identity(described.speaks_for) if described.speaks_for else None
    if linked is not None:
        out.append((described.name, linked))
    return out


def _names(identity: Identity, name: str) -> bool:
    return any(same_name(n, name) == "exact" for n in proper_names(identity.names()))


# --- applying it to a new analysis -----------------------------------------------------------


def apply_registry(annotation: Annotation, registry: Registry) -> Annotation:
    """A fresh analysis with the corpus's knowledge: canonical names, and quotes of a known
    spokesperson re-attributed to the one spoken for, the spokesperson becoming the intermediary."""
    result = copy.deepcopy(annotation)
    identities: dict[str, Identity] = {}
    pins = {key: (i, m.name) for i in registry.identities if i.confirmed for key, m in _members(i)}
    for entity in result.entities:
        identity = _pinned(pins, result.document.id, entity) or _find(registry, entity)
        if identity is None:
            continue
        identities[entity.id] = identity
        fuller = same_name(entity.name, identity.name) == "exact"
        described = identity.confirmed and is_proper_name(identity.name) and not is_proper_name(entity.name)
        if entity.name != identity.name and (fuller or described):  # "Haftar's spokesman", confirmed as X: X
            if entity.name not in entity.aliases:
                entity.aliases.append(entity.name)
            entity.name = identity.name
    for quote in result.quotes:
        if quote.speaker is None or any(v.role == "spokesperson" for v in quote.intermediaries):
            continue
        identity = identities.get(quote.speaker.entity)
        principal = registry.identity(identity.speaks_for) if identity and identity.speaks_for else None
        if principal is None:
            continue
        target = next((e for e in result.entities if identities.get(e.id) is principal), None)
        if target is None:
            target = Entity(result.next_id("E"), principal.kind, principal.name)
            result.entities.append(target)
            identities[target.id] = principal
        spokesperson = Intermediary(quote.speaker.entity, "spokesperson", quote.speaker.mention)
        quote.intermediaries.insert(0, spokesperson)
        quote.speaker = Speaker(target.id, None)
        quote.evidence = (quote.evidence or "") + (f"; corpus registry: {identity.name} speaks for {principal.name}")  # type: ignore[union-attr]
    return result


# --- the folder's registry file -------------------------------------------------------------------


def open_folder_registry(folder: Path) -> RegistryOpened:
    """The registry saved in the folder; an unreadable file is kept aside and said (never raises)."""
    return open_registry(registry_path(folder))


def save_folder_registry(folder: Path, registry: Registry) -> None:
    """Write the folder's registry file, atomically (OSError or FormatError when it cannot)."""
    write_registry(registry, registry_path(folder))


def read_folder_registry(folder: Path) -> tuple[Registry | None, str | None]:
    """The folder's speaker registry as the editor saved it (None when it has none), and the problem
    when its file cannot be read. Read only, for the commands that report on a folder (`export`,
    `stats`): unlike opening the folder in the editor, they never move an unreadable registry aside."""
    path = registry_path(folder)
    if not path.exists():
        return None, None
    try:
        return read_registry(path), None
    except FormatError as err:
        return None, str(err)
