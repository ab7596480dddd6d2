"""The registry made safe, without the editor: one name for its apostrophe and diacritic variants,
no misspelling or generic word spread across the folder, stable ids, no identity speaking for itself,
and the suggested link between a role described in one article and named in another. All names and
texts are invented."""

from __future__ import annotations

from pathlib import Path

import pytest

from quoteapp.corpus import registry as R
from quoteapp.corpus.locations import registry_path
from quoteapp.corpus.roles import is_proper_name, name_key, speaks_for_description
from quoteapp.formats.registry_file import read_registry, write_registry
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker


def article(doc_id: str, *entities: Entity, spoken_for: tuple[str, str] | None = None) -> Annotation:
    """An article naming `entities`; `spoken_for` (spokesperson id, speaker id) adds a quote saying so."""
    text = f"Words of article {doc_id}."
    quotes = []
    if spoken_for:
        via = [Intermediary(spoken_for[0], "spokesperson")]
        quotes = [Quote("Q1", "indirect", [Span.of(text, 0, 5)], speaker=Speaker(spoken_for[1]), intermediaries=via)]
    return Annotation(Document(id=doc_id, text=text), entities=list(entities), quotes=quotes)


def person(entity_id: str, name: str, *aliases: str, kind: str = "person") -> Entity:
    return Entity(entity_id, kind, name, list(aliases))


def identity_of(registry, name: str):
    return next(i for i in registry.identities if name in i.names() or any(m.name == name for m in i.members))


def test_apostrophe_and_diacritic_variants_are_one_name() -> None:
    registry = R.build_registry(
        [
            article("a", person("E1", "Maroš Šefčovič"), person("E2", "Lina Haddad’s office", kind="organization")),
            article("b", person("E1", "Maros Sefcovic"), person("E2", "Lina Haddad's office", kind="organization")),
        ]
    )
    assert identity_of(registry, "Maroš Šefčovič") is identity_of(registry, "Maros Sefcovic")
    assert identity_of(registry, "Lina Haddad’s office").articles == {"a", "b"}
    assert len(registry.identities) == 2
    assert name_key("Macron’s") == name_key("Macron's") == name_key("Macron")


def test_one_articles_misspelling_is_not_the_identitys_name() -> None:
    """The misspelt article is read first: the spelling most articles use still names the identity."""
    registry = R.build_registry(
        [
            article("a", person("E1", "Tomas Virreli")),
            article("b", person("E1", "Tomas Virelli")),
            article("c", person("E1", "Tomas Virelli", "Virelli")),
            article("d", person("E1", "President Tomas Virelli")),
        ]
    )
    identity = identity_of(registry, "Tomas Virreli")
    assert identity.articles == {"a", "b", "c", "d"} and identity.name == "Tomas Virelli"
    text = "Virreli said the port would open."
    fresh = Annotation(Document(id="e", text=text), entities=[person("E1", "Tomas Virreli")])
    assert R.apply_registry(fresh, registry).entities[0].name == "Tomas Virreli", "the article keeps its own text"


def test_a_confirmed_identity_takes_the_spelling_the_articles_added_later_use() -> None:
    registry = R.build_registry([article("a", person("E1", "Tomas Virreli"))])
    R.confirm(registry, registry.identities[0].id)
    later = [article("a", person("E1", "Tomas Virreli")), *(article(x, person("E1", "Tomas Virelli")) for x in "bc")]
    rebuilt = R.build_registry(later, registry)
    [identity] = rebuilt.identities
    assert (identity.name, identity.aliases, identity.confirmed) == ("Tomas Virelli", ["Tomas Virreli"], True)


def test_generic_words_are_never_an_identitys_aliases() -> None:
    generic = ["strongman", "president", "spokesman", "official", "Both Virelli", "President", "the Harbour chief"]
    registry = R.build_registry(
        [
            article("a", person("E1", "Tomas Virelli", *generic, "Mr. Virelli", "Virelli", "al-Virelli")),
            article("b", person("E1", "Tomas Virelli’s spokesman", kind="anonymous")),
        ]
    )
    virelli = identity_of(registry, "Tomas Virelli")
    assert virelli.aliases == ["Mr. Virelli", "Virelli", "al-Virelli"]
    described = identity_of(registry, "Tomas Virelli’s spokesman")
    R.merge(registry, virelli.id, described.id)
    assert "Tomas Virelli’s spokesman" not in virelli.aliases and virelli.articles == {"a", "b"}
    for identity in registry.identities:
        assert all(is_proper_name(a) for a in identity.aliases), identity


@pytest.mark.parametrize(
    ("name", "proper"),
    [
        ("Emmanuel Macron", True),
        ("Mr. Obama", True),
        ("Fayez al-Sarraj", True),
        ("U.N.", True),
        ("Ursula von der Leyen", True),
        ("习近平", True),
        ("Both Macron", False),
        ("French President", False),
        ("Haftar's spokesman", False),
        ("the president", False),
        ("Libyan strongman", False),
        ("Macron's", False),
    ],
)
def test_what_counts_as_a_proper_name(name: str, proper: bool) -> None:
    assert is_proper_name(name) is proper


def folder_articles() -> list[Annotation]:
    return [
        article("a", person("E1", "Omar Haddar"), person("E2", "Sami Kerrouche"), spoken_for=("E2", "E1")),
        article("b", person("E1", "Lina Haddad"), person("E2", "Haddar")),
    ]


def ids(registry) -> dict[str, str]:
    return {i.name: i.id for i in registry.identities}


def test_identity_ids_are_stable_and_never_reused(tmp_path: Path) -> None:
    first = R.build_registry(folder_articles())
    before = ids(first)
    added = [article("0", person("E1", "Nina Brakvik"), person("E2", "Lina Haddad")), *folder_articles()]
    again = R.build_registry(added, first)
    assert {name: again_id for name, again_id in ids(again).items() if name in before} == before, "an article added"
    path = registry_path(tmp_path)
    write_registry(again, path)
    reread = R.build_registry(added, read_registry(path))
    assert ids(reread) == ids(again), "the folder re-read"
    R.merge(reread, ids(reread)["Lina Haddad"], ids(reread)["Nina Brakvik"])
    merged_away = ids(again)["Nina Brakvik"]
    new = R.split(reread, ids(reread)["Omar Haddar"], next(m for m in identity_of(reread, "Haddar").members))
    assert new.id not in ids(again).values() and new.id != merged_away, "a new id, never one given before"
    rebuilt = R.build_registry(added, reread)
    assert ids(rebuilt)["Sami Kerrouche"] == before["Sami Kerrouche"], "others keep theirs through merge and split"


def test_a_merged_identity_stays_merged_when_the_folder_is_reopened(tmp_path: Path) -> None:
    annotations = [
        article("a", person("E1", "Omar Haddar"), person("E2", "Sami Kerrouche"), spoken_for=("E2", "E1")),
        article("b", person("E1", "Haddar’s spokesman", kind="anonymous"), person("E2", "Omar Haddar")),
    ]
    registry = R.build_registry(annotations)
    R.merge(registry, identity_of(registry, "Sami Kerrouche").id, identity_of(registry, "Haddar’s spokesman").id)
    write_registry(registry, registry_path(tmp_path))
    reopened = R.build_registry(annotations, read_registry(registry_path(tmp_path)))
    merged = identity_of(reopened, "Sami Kerrouche")
    assert {(m.article, m.name) for m in merged.members} == {("a", "Sami Kerrouche"), ("b", "Haddar’s spokesman")}
    assert merged.id == identity_of(registry, "Sami Kerrouche").id and len(reopened.identities) == 2


def test_an_identity_never_speaks_for_itself() -> None:
    registry = R.build_registry(folder_articles())
    kerrouche, haddar = identity_of(registry, "Sami Kerrouche"), identity_of(registry, "Omar Haddar")
    assert kerrouche.speaks_for == haddar.id
    with pytest.raises(ValueError, match="speak for itself"):
        R.set_speaks_for(registry, haddar.id, haddar.id)
    for keep, drop in ((haddar.id, kerrouche.id), (kerrouche.id, haddar.id)):
        with pytest.raises(ValueError, match="Sami Kerrouche speaks for Omar Haddar"):
            R.merge(registry, keep, drop)
    assert len(registry.identities) == 3 and kerrouche.speaks_for == haddar.id, "nothing changed"


def described_folder() -> list[Annotation]:
    return [
        article("a", person("E1", "Omar Haddar"), person("E2", "Sami Kerrouche"), spoken_for=("E2", "E1")),
        article("b", person("E1", "Haddar’s spokesman", "the spokesman", kind="anonymous"), person("E2", "Haddar")),
        article("c", person("E1", "an official", kind="anonymous")),
    ]


def test_a_role_described_in_one_article_and_named_in_another_is_suggested_as_one(tmp_path: Path) -> None:
    registry = R.build_registry(described_folder())
    kerrouche, described = identity_of(registry, "Sami Kerrouche"), identity_of(registry, "Haddar’s spokesman")
    [suggestion] = R.suggestions(registry)
    assert (suggestion.keep, suggestion.drop) == (kerrouche.id, described.id)
    assert suggestion.reason == "described as Haddar’s spokesman in b; Sami Kerrouche speaks for Omar Haddar in a"
    assert not any("official" in i.name for i in registry.identities), "an unnamed source stays out"
    R.dismiss(registry, suggestion)
    assert R.suggestions(registry) == []
    write_registry(registry, registry_path(tmp_path))
    assert R.suggestions(R.build_registry(described_folder(), read_registry(registry_path(tmp_path)))) == []


def test_no_suggestion_when_two_people_speak_for_the_one_described() -> None:
    annotations = [
        *described_folder(),
        article("d", person("E1", "Omar Haddar"), person("E2", "Rana Obeidi"), spoken_for=("E2", "E1")),
    ]
    assert R.suggestions(R.build_registry(annotations)) == []


def test_a_confirmed_merge_names_the_described_entity_when_its_article_is_analysed_again() -> None:
    annotations = described_folder()
    registry = R.build_registry(annotations)
    [suggestion] = R.suggestions(registry)
    R.merge(registry, suggestion.keep, suggestion.drop)
    again = R.apply_registry(annotations[1], registry)
    spokesman = again.entities[0]
    assert (spokesman.name, spokesman.aliases) == ("Sami Kerrouche", ["the spokesman", "Haddar’s spokesman"])
    other = R.apply_registry(annotations[2], registry)
    assert other.entities[0].name == "an official", "only the entity the editor put in the identity"


@pytest.mark.parametrize(
    ("description", "spoken_for"),
    [
        ("Haddar’s spokesman", "Haddar"),
        ("Omar Haddar's chief spokesman", "Omar Haddar"),
        ("a spokeswoman for Lina Haddad", "Lina Haddad"),
        ("his spokesman", None),
        ("an official", None),
        ("Haddar's brother", None),
    ],
)
def test_a_spokesperson_described_by_whom_they_speak_for(description: str, spoken_for: str | None) -> None:
    assert speaks_for_description(description) == spoken_for
