"""Building the corpus registry from a folder's annotations, the editor's changes to it, and
applying it to a fresh analysis (canonical names, and who speaks for whom).

Names are matched with `names.same_name` (surnames, titles, guarded spelling variants), the rule
the extractor uses within an article, so an identity across articles means what an entity means
within one. Unnamed sources are left out: "an official" in two articles is not one person.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path

from quoteapp.corpus.locations import registry_path
from quoteapp.corpus.names import same_name
from quoteapp.formats.registry_file import RegistryOpened, open_registry, write_registry
from quoteapp.model import Annotation, Entity, Intermediary, Speaker
from quoteapp.model.registry import Identity, Member, Registry

LINKED_KINDS = ("person", "organization", "outlet")


def proper_names(names: Iterable[str]) -> list[str]:
    """The names that are names: their last word is capitalized ("Haftar", not "the commander")."""
    return [n for n in names if n.split() and n.split()[-1][:1].isupper()]


def _match(identity: Identity, entity: Entity, registry: Registry) -> bool:
    """Exact name matches link across kinds (the extractor's kind can be wrong); a spelling variant
    only within one kind, and only when the full names agree too (their forenames, when both have one),
    so that "Haddar" in one article does not join "Lina Haddad" to "Omar Haddar"."""
    for a in proper_names(identity.names()):
        for b in proper_names([entity.name, *entity.aliases]):
            how = same_name(a, b)
            if not how or registry.kept_apart(a, b):
                continue
            if how == "exact" or (identity.kind == entity.kind and same_name(identity.name, entity.name)):
                return True
    return False


def _find(registry: Registry, entity: Entity) -> Identity | None:
    return next((i for i in registry.identities if _match(i, entity, registry)), None)


def build_registry(annotations: Iterable[Annotation], previous: Registry | None = None) -> Registry:
    """Identities for the named entities of the articles; an editor's decisions in `previous` are kept."""
    registry = Registry(separate=list(previous.separate) if previous else [])
    for old in previous.identities if previous else []:
        if old.confirmed:
            registry.identities.append(
                Identity(old.id, old.name, old.kind, list(old.aliases), [], old.speaks_for, True)
            )
    annotations = list(annotations)
    for annotation in annotations:
        for entity in annotation.entities:
            if entity.kind not in LINKED_KINDS:
                continue
            identity = _find(registry, entity)
            if identity is None:
                identity = Identity(registry.next_id(), entity.name, entity.kind)
                registry.identities.append(identity)
            identity.members.append(Member(annotation.document.id, entity.id, entity.name))
            for name in [entity.name, *entity.aliases]:
                if name not in identity.names() and not identity.confirmed:
                    identity.aliases.append(name)
            if not identity.confirmed and len(entity.name.split()) > len(identity.name.split()):
                identity.aliases = [a for a in [identity.name, *identity.aliases] if a != entity.name]
                identity.name = entity.name  # the fullest name seen
    _learn_spokespeople(registry, annotations)
    return registry


def _learn_spokespeople(registry: Registry, annotations: list[Annotation]) -> None:
    by_member = {(m.article, m.entity): i for i in registry.identities for m in i.members}
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
    keep, drop = registry.identity(keep_id), registry.identity(drop_id)
    if keep is None or drop is None or keep is drop:
        raise ValueError("choose two different identities to merge")
    for name in drop.names():
        if name not in keep.names():
            keep.aliases.append(name)
    keep.members += drop.members
    keep.speaks_for = keep.speaks_for or drop.speaks_for
    keep.confirmed = True
    registry.separate = [
        p for p in registry.separate if not (any(n.lower() in (p[0].lower(), p[1].lower()) for n in keep.names()))
    ]
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
    identity.aliases = [a for a in identity.aliases if a != member.name]
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
    identity = registry.identity(identity_id)
    if identity is None or identity_id == other_id:
        raise ValueError("an identity cannot speak for itself")
    identity.speaks_for = other_id
    identity.confirmed = True


# --- applying it to a new analysis -----------------------------------------------------------


def apply_registry(annotation: Annotation, registry: Registry) -> Annotation:
    """A fresh analysis with the corpus's knowledge: canonical names, and quotes of a known
    spokesperson re-attributed to the one spoken for, the spokesperson becoming the intermediary."""
    result = copy.deepcopy(annotation)
    identities: dict[str, Identity] = {}
    for entity in result.entities:
        identity = _find(registry, entity)
        if identity is None:
            continue
        identities[entity.id] = identity
        if entity.name != identity.name and (identity.confirmed or same_name(entity.name, identity.name)):
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
