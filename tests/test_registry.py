"""One identity across a folder's articles: built from the annotations, changed by the editor,
saved in the folder, and applied to the next analysis."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from quoteapp.corpus import registry as R
from quoteapp.corpus.locations import registry_path
from quoteapp.formats.errors import FormatError
from quoteapp.formats.registry_file import (
    RegistryOpened,
    open_registry,
    read_registry,
    set_aside,
    write_registry,
)
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker, validate


def article(doc_id: str, text: str, speaker: str, spokesperson: str | None = None, kind: str = "person") -> Annotation:
    entities = [Entity("E1", kind, speaker)]
    via = []
    if spokesperson:
        entities.append(Entity("E2", "person", spokesperson))
        via = [Intermediary("E2", "spokesperson")]
    return Annotation(
        Document(id=doc_id, text=text),
        entities=entities,
        quotes=[Quote("Q1", "indirect", [Span.of(text, 0, 5)], speaker=Speaker("E1"), intermediaries=via)],
    )


def corpus() -> list[Annotation]:
    return [
        article("a", "Words one.", "General Omar Haddar", "Sami Kerrouche"),
        article("b", "Words two.", "Hiddar"),
        article("c", "Words six.", "Haddar"),
        article("d", "Words ten.", "Lina Haddad"),
    ]


def identity_of(registry, name: str):
    return next(i for i in registry.identities if name in i.names())


def test_spelling_variants_and_surnames_are_one_identity_across_articles() -> None:
    registry = R.build_registry(corpus())
    haddar = identity_of(registry, "Haddar")
    assert haddar.articles == {"a", "b", "c"}
    assert "Hiddar" in haddar.names() and haddar.name == "General Omar Haddar"
    assert identity_of(registry, "Lina Haddad") is not haddar, "a different person with a similar name"


def test_spokespeople_are_learned_from_the_annotations() -> None:
    registry = R.build_registry(corpus())
    assert identity_of(registry, "Sami Kerrouche").speaks_for == identity_of(registry, "Haddar").id


def lund(doc_id: str, name: str) -> Annotation:
    """An article whose speaker goes by a full name and, later in the text, by the bare surname."""
    text = f"{name} said the ferry was late. Lund left."
    entity = Entity("E1", "person", name, aliases=["Lund"] if name != "Lund" else [])
    return Annotation(
        Document(id=doc_id, text=text),
        entities=[entity],
        quotes=[Quote("Q1", "indirect", [Span.of(text, 0, 5)], speaker=Speaker("E1"))],
    )


def test_people_of_one_surname_stay_apart_and_the_bare_surname_is_not_guessed() -> None:
    """Ruth Lund and Ivy Lund both go by "Lund" in their articles; a third article says only "Lund"."""
    registry = R.build_registry([lund("a", "Lund"), lund("b", "Ruth Lund"), lund("c", "Ivy Lund"), lund("d", "Lund")])
    ruth, ivy = identity_of(registry, "Ruth Lund"), identity_of(registry, "Ivy Lund")
    assert ruth is not ivy and ruth.articles == {"b"} and ivy.articles == {"c"}
    bare = next(i for i in registry.identities if i.name == "Lund")
    assert bare.articles == {"a", "d"}, "either Lund could be meant: one identity of its own"
    one_lund = R.build_registry([lund("b", "Ruth Lund"), lund("d", "Lund")])
    assert identity_of(one_lund, "Ruth Lund").articles == {"b", "d"}, "one Lund in the folder: that one"


def test_editor_split_and_merge_survive_a_rebuild(tmp_path: Path) -> None:
    registry = R.build_registry(corpus())
    haddar = identity_of(registry, "Haddar")
    hiddar = next(m for m in haddar.members if m.name == "Hiddar")
    R.split(registry, haddar.id, hiddar)
    path = registry_path(tmp_path)
    write_registry(registry, path)
    rebuilt = R.build_registry(corpus(), read_registry(path))
    assert identity_of(rebuilt, "Hiddar") is not identity_of(rebuilt, "Haddar"), "the split is kept"
    R.merge(rebuilt, identity_of(rebuilt, "Haddar").id, identity_of(rebuilt, "Hiddar").id)
    again = R.build_registry(corpus(), rebuilt)
    assert identity_of(again, "Hiddar") is identity_of(again, "Haddar"), "the merge is kept"


def test_the_next_analysis_learns_names_and_who_speaks_for_whom() -> None:
    registry = R.build_registry(corpus())
    text = "Kerrouche said the talks were over. Haddar was not seen."
    fresh = Annotation(
        Document(id="e", text=text),
        entities=[Entity("E1", "person", "Kerrouche")],
        quotes=[Quote("Q1", "indirect", [Span.of(text, 15, 34)], speaker=Speaker("E1", Span.of(text, 0, 9)))],
    )
    applied = R.apply_registry(fresh, registry)
    validate(applied)
    quote = applied.quotes[0]
    assert applied.entity(quote.speaker.entity).name == "General Omar Haddar"
    assert [(applied.entity(i.entity).name, i.role) for i in quote.intermediaries] == [
        ("Sami Kerrouche", "spokesperson")
    ]
    assert quote.intermediaries[0].mention.text == "Kerrouche"
    assert "speaks for" in quote.evidence
    assert fresh.quotes[0].intermediaries == [], "the input is left alone"


def test_a_broken_registry_file_is_refused_with_a_message(tmp_path: Path) -> None:
    path = registry_path(tmp_path)
    path.write_text('{"schema": "something/else"}', encoding="utf-8")
    with pytest.raises(FormatError, match="not a quoteapp registry"):
        read_registry(path)
    path.write_text('{"schema": "quoteapp/registry", "version": 7}', encoding="utf-8")
    with pytest.raises(FormatError, match="version 7"):
        read_registry(path)
    assert read_registry(tmp_path / "missing.json").identities == []


GOOD_IDENTITY = {
    "id": "I1",
    "name": "Tom Beck",
    "kind": "person",
    "aliases": ["Beck"],
    "speaks_for": None,
    "confirmed": True,
    "members": [{"article": "a", "entity": "E1", "name": "Tom Beck"}],
}


def registry_text(**change: Any) -> str:
    identity = {**GOOD_IDENTITY, **change}
    return json.dumps(
        {
            "schema": "quoteapp/registry",
            "version": 1,
            "identities": [identity],
            "separate": [["Anna Berg", "Anna Borg"]],
        }
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (registry_text(aliases="Beck"), "identities[0].aliases: expected a list"),  # was four one-letter aliases
        (registry_text(confirmed="false"), "identities[0].confirmed: expected true or false"),  # was True
        (registry_text(name=42), "identities[0].name: expected a string"),
        (registry_text(id=7), "identities[0].id: expected a string"),
        (registry_text(members=[{"article": "a", "entity": 5, "name": "x"}]), "identities[0].members[0].entity"),
        (registry_text(kind="wizard"), "identities[0].kind"),
        (registry_text().replace('"Anna Borg"]', '"Anna Borg", "Anna Barg"]'), "separate[0]"),
        (registry_text()[:-30], "truncated"),
        (registry_text(x_note=1).replace('"x_note": 1', '"x_note": ' + "9" * 5000), "too long"),
        (registry_text(x_note=1).replace('"x_note": 1', '"x_note": ' + "[" * 5000 + "]" * 5000), "nested too deeply"),
        (registry_text(name="\ud800"), "surrogate"),
        (registry_text().replace('"version": 1', '"version": 1.0'), "version 1.0"),
        ("[]", "not a quoteapp registry"),
    ],
)
def test_a_bad_registry_is_one_format_error_naming_the_field(tmp_path: Path, text: str, expected: str) -> None:
    path = registry_path(tmp_path)
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FormatError) as info:
        read_registry(path)
    assert str(info.value).startswith(str(path)) and expected in str(info.value)


def test_a_good_registry_reads_as_written(tmp_path: Path) -> None:
    path = registry_path(tmp_path)
    path.write_text(registry_text(), encoding="utf-8")
    registry = read_registry(path)
    assert registry.identities[0].aliases == ["Beck"] and registry.identities[0].confirmed is True
    assert registry.separate == [("Anna Berg", "Anna Borg")]
    write_registry(registry, tmp_path / "again.json")
    assert json.loads((tmp_path / "again.json").read_text())["identities"][0] == GOOD_IDENTITY


def test_an_unreadable_registry_is_set_aside_not_lost(tmp_path: Path) -> None:
    path = registry_path(tmp_path)
    path.write_text(registry_text()[:-30], encoding="utf-8")
    opened = open_registry(path)
    assert opened.registry.identities == [] and "truncated" in (opened.problem or "")
    assert opened.set_aside_as == tmp_path / "quoteapp-registry.json.bad" and not path.exists()
    assert opened.set_aside_as.read_text(encoding="utf-8") == registry_text()[:-30]
    path.write_text("{", encoding="utf-8")
    assert set_aside(path) == tmp_path / "quoteapp-registry.json.2.bad", "an earlier .bad file is kept"
    assert (tmp_path / "quoteapp-registry.json.bad").exists()
    assert open_registry(path) == RegistryOpened(read_registry(path)), "no file: an empty registry, no problem"


def test_the_editor_applies_the_folders_registry_to_a_new_article(qtbot, tmp_path: Path, monkeypatch) -> None:
    from quoteapp.gui import dialogs
    from quoteapp.gui.main_window import MainWindow
    from quoteapp.nlp.extractor import Extractor

    monkeypatch.setenv("QUOTEAPP_RECOVERY_DIR", str(tmp_path / "recovery"))
    monkeypatch.setattr(dialogs, "unsaved_changes", lambda *a: "save")
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "General Omar Haddar's spokesman Sami Kerrouche said the army would not withdraw.\n", encoding="utf-8"
    )
    (folder / "b.txt").write_text("Kerrouche said the talks in Geneva were over for now.\n", encoding="utf-8")
    window = MainWindow(load_model=False)
    qtbot.addWidget(window)
    extractor = Extractor()
    window._model_loaded(extractor, extractor.label)
    window.open_folder(folder)
    qtbot.waitUntil(lambda: window.job is None and bool(window.document.quotes), timeout=60000)
    first = window.document.quotes[0]
    assert [i.role for i in first.intermediaries] == ["spokesperson"], first.evidence
    window.actions["save"].trigger()
    assert registry_path(folder).exists()
    assert window.folders.registry_panel.tree.topLevelItemCount() >= 2
    window.actions["next_article"].trigger()
    qtbot.waitUntil(
        lambda: window.job is None and window.document.article_path.name == "b.txt" and bool(window.document.quotes),
        timeout=60000,
    )
    quote = window.document.quotes[0]
    assert "Omar Haddar" in window.document.entity(quote.speaker.entity).name
    assert [(window.document.entity(i.entity).name, i.role) for i in quote.intermediaries] == [
        ("Sami Kerrouche", "spokesperson")
    ]
    window.shutdown()
