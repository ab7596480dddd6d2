"""Every export carries the corpus registry identity of each speaker and intermediary (issue 10).

A folder written here holds two articles whose speakers the folder's registry makes one identity
(the editor merged them) and a third article added after the registry was saved, which no registry
lists: its identities stay empty and the export says so. Texts and names are invented.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from quoteapp.cli import main
from quoteapp.corpus.locations import registry_path
from quoteapp.corpus.registry import build_registry, merge, open_folder_registry, save_folder_registry
from quoteapp.formats.attribution import from_dict, write_annotation
from quoteapp.formats.exports import EXPORTERS, export_csv, export_docbin
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker
from quoteapp.model.registry import Registry

#: (article id, speaker's name as that article writes it)
ARTICLES = (("pier", "Anna Berg"), ("ferry", "Anna Bergh"), ("late", "Olav Strand"))


def article(doc_id: str, speaker: str) -> Annotation:
    """'SPEAKER told the Coast Herald, a council aide said, that the pier would close.'"""
    text = f"{speaker} told the Coast Herald, a council aide said, that the pier would close in May.\n"

    def at(words: str) -> Span:
        return Span.of(text, text.index(words), text.index(words) + len(words))

    entities = [
        Entity("E1", "person", speaker, [], mentions=[at(speaker)]),
        Entity("E2", "outlet", "Coast Herald", [], mentions=[at("Coast Herald")]),
        Entity("E3", "anonymous", "council aide", [], mentions=[at("council aide")]),
    ]
    quote = Quote(
        "Q1",
        "indirect",
        [at("the pier would close in May")],
        cue=at("told"),
        speaker=Speaker("E1", at(speaker)),
        intermediaries=[Intermediary("E3", "relay", at("council aide")), Intermediary("E2", "outlet")],
        confidence=0.7,
    )
    return Annotation(Document(doc_id, text, path=f"{doc_id}.txt"), entities, [quote])


def identity_of(registry: Registry, doc_id: str, entity: str) -> str:
    return next(i.id for i in registry.identities for m in i.members if (m.article, m.entity) == (doc_id, entity))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Two articles in the registry, their speakers one identity by the editor's merge; a third outside it."""
    folder = tmp_path / "story"
    folder.mkdir()
    annotations = [article(doc_id, name) for doc_id, name in ARTICLES]
    registry = build_registry(annotations[:2])
    first, second = identity_of(registry, "pier", "E1"), identity_of(registry, "ferry", "E1")
    if first != second:  # the editor says the two spellings are one person
        merge(registry, first, second)
    assert identity_of(registry, "pier", "E1") == identity_of(registry, "ferry", "E1")
    save_folder_registry(folder, registry)
    for annotation in annotations:
        write_annotation(annotation, folder / f"{annotation.document.id}.quotes.json")
    return folder


def export_cli(folder: Path, fmt: str, out: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["export", str(folder), "--format", fmt, "-o", str(out)]) == 0
    return capsys.readouterr().out


def csv_rows(path: Path) -> dict[str, dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as f:
        return {row["article"]: row for row in csv.DictReader(f)}


def test_csv_gives_one_identity_for_the_merged_speakers(folder: Path, tmp_path: Path, capsys) -> None:
    printed = export_cli(folder, "csv", tmp_path / "out.csv", capsys)
    rows = csv_rows(tmp_path / "out.csv")
    pier, ferry, late = rows["pier"], rows["ferry"], rows["late"]
    assert (pier["speaker"], ferry["speaker"]) == ("Anna Berg", "Anna Bergh"), "each article keeps its own name"
    assert pier["speaker_identity"] and pier["speaker_identity"] == ferry["speaker_identity"]
    assert pier["speaker_identity_name"] == ferry["speaker_identity_name"] in ("Anna Berg", "Anna Bergh")
    assert pier["intermediaries"] == "council aide (relay); Coast Herald (outlet)"
    herald = identity_of(open_folder_registry(folder).registry, "pier", "E2")
    assert pier["intermediary_identities"].split("; ") == ["", herald], "one entry per intermediary, in order"
    assert pier["intermediary_identity_names"].split("; ") == ["", "Coast Herald"]
    assert ferry["intermediary_identities"] == pier["intermediary_identities"]
    assert (late["speaker_identity"], late["speaker_identity_name"], late["intermediary_identities"]) == ("", "", "")
    assert "not in the folder's registry (late)" in printed


def test_jsonl_entities_carry_their_identity_and_still_read_back(folder: Path, tmp_path: Path, capsys) -> None:
    export_cli(folder, "jsonl", tmp_path / "out.jsonl", capsys)
    lines = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text("utf-8").splitlines()]
    by_id = {data["document"]["id"]: data for data in lines}

    def identity(doc_id: str, entity: str) -> dict[str, str] | None:
        found = next(e for e in by_id[doc_id]["entities"] if e["id"] == entity)
        return found.get("extensions", {}).get("registry_identity")

    assert identity("pier", "E1") == identity("ferry", "E1") is not None
    assert identity("pier", "E2")["name"] == "Coast Herald"
    assert identity("pier", "E3") is None, "an unnamed source is in no registry"
    assert identity("late", "E1") is None
    for doc_id, name in ARTICLES:
        back = from_dict(by_id[doc_id])
        assert back.quotes == article(doc_id, name).quotes and back.document == article(doc_id, name).document
    assert from_dict(by_id["pier"]).entities[0].extra["extensions"]["registry_identity"] == identity("pier", "E1")


def test_docbin_side_table_carries_the_identity(folder: Path, tmp_path: Path, capsys) -> None:
    import spacy
    from spacy.tokens import DocBin

    export_cli(folder, "docbin", tmp_path / "out.spacy", capsys)
    docs = list(DocBin().from_disk(tmp_path / "out.spacy").get_docs(spacy.blank("en").vocab))
    side = {doc.user_data["quoteapp"]["document"]["id"]: doc.user_data["quoteapp"] for doc in docs}
    speaker = {doc_id: table["entities"][0]["identity"] for doc_id, table in side.items()}
    assert speaker["pier"] == speaker["ferry"] is not None
    assert speaker["late"] is None
    assert side["pier"]["entities"][2]["identity"] is None


def test_brat_notes_name_the_identity(folder: Path, tmp_path: Path, capsys) -> None:
    export_cli(folder, "brat", tmp_path / "brat", capsys)
    registry = open_folder_registry(folder).registry
    merged = registry.identity(identity_of(registry, "pier", "E1"))
    for doc_id, name in ARTICLES[:2]:
        ann = (tmp_path / "brat" / f"{doc_id}.ann").read_text("utf-8")
        assert f"speaker E1 {name} (person) identity {merged.id} {merged.name}" in ann
        speaker_notes = [line for line in ann.splitlines() if line.startswith("#") and f"E1 {name}" in line]
        assert all(f"identity {merged.id}" in line for line in speaker_notes) and len(speaker_notes) >= 2
    assert "identity" not in (tmp_path / "brat" / "late.ann").read_text("utf-8")


def test_without_a_registry_the_identities_are_empty_and_nothing_is_said(tmp_path: Path) -> None:
    report = export_csv([(Path("pier.txt"), article("pier", "Anna Berg"))], tmp_path / "out.csv")
    row = csv_rows(tmp_path / "out.csv")["pier"]
    assert (row["speaker_identity"], row["intermediary_identities"]) == ("", "")
    assert not any("registry" in w and "not in" in w for w in report.warnings)


def test_an_unreadable_registry_is_said_left_in_place_and_the_export_goes_on(
    folder: Path, tmp_path: Path, capsys
) -> None:
    registry_path(folder).write_text('{"schema": "quoteapp/registry", "version": 1, "identities": 3}', "utf-8")
    printed = export_cli(folder, "csv", tmp_path / "out.csv", capsys)
    assert "registry cannot be read" in printed
    assert registry_path(folder).exists(), "an export does not move the editor's registry aside"
    assert all(row["speaker_identity"] == "" for row in csv_rows(tmp_path / "out.csv").values())


@pytest.mark.parametrize("fmt", ["csv", "jsonl", "docbin"])
def test_a_failed_export_leaves_the_last_good_file_whole(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    out = tmp_path / f"out.{fmt}"
    items = [(Path("pier.txt"), article("pier", "Anna Berg"))]
    EXPORTERS[fmt](items, out, registry=None)
    good = out.read_bytes()

    def fail(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError, match="disk full"):
        EXPORTERS[fmt]([(Path("ferry.txt"), article("ferry", "Tomas Lind"))], out, registry=None)
    assert out.read_bytes() == good
    assert [p.name for p in tmp_path.iterdir()] == [out.name], "no temp file is left behind"


def test_the_editors_export_carries_the_identities_of_the_open_folder(
    qtbot, folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtCore import QSettings

    from quoteapp.gui import dialogs
    from quoteapp.gui.main_window import MainWindow

    QSettings().clear()
    for doc_id, _ in ARTICLES:
        (folder / f"{doc_id}.txt").write_text(article(doc_id, dict(ARTICLES)[doc_id]).document.text, "utf-8")
    monkeypatch.setattr(dialogs, "unsaved_changes", lambda *a: "discard")
    window = MainWindow(load_model=False)
    qtbot.addWidget(window)
    window.open_folder(folder)
    answers = iter(["csv", "every article, every quote"])
    monkeypatch.setattr(dialogs, "choose", lambda *a, **k: next(answers))
    monkeypatch.setattr(dialogs, "export_target", lambda *a: tmp_path / "gui.csv")
    messages: list[str] = []
    monkeypatch.setattr(dialogs, "info", lambda parent, title, message: messages.append(message))
    window.actions["export"].trigger()
    rows = csv_rows(tmp_path / "gui.csv")
    assert rows["pier"]["speaker_identity"] and rows["pier"]["speaker_identity"] == rows["ferry"]["speaker_identity"]
    assert messages and "3 articles" in messages[0]
    window.shutdown()


def test_each_export_carries_or_says_what_it_drops(tmp_path: Path) -> None:
    """The DocBin keeps what the token spans would lose (entity mention offsets, the generator); a field
    another tool added to the attribution file is carried by jsonl and said missing by the others."""
    import spacy
    from spacy.tokens import DocBin

    annotation = article("pier", "Anna Berg")
    annotation.generator = {"app": "quoteapp", "app_version": "0.3.0", "pipeline": "en_core_web_sm 3.8.0"}
    annotation.quotes[0].extra["reviewer_note"] = "check the date"
    items = [(Path("pier.txt"), annotation)]
    report = export_docbin(items, tmp_path / "out.spacy")
    (doc,) = DocBin().from_disk(tmp_path / "out.spacy").get_docs(spacy.blank("en").vocab)
    side = doc.user_data["quoteapp"]
    assert side["generator"] == annotation.generator
    assert list(side["entities"][0]["mentions"]) == [{"start": 0, "end": 9, "text": "Anna Berg"}]
    assert any("unknown to quoteapp" in w for w in report.warnings)
    for fmt in ("csv", "brat"):
        out = tmp_path / ("brat" if fmt == "brat" else "out.csv")
        assert any("unknown to quoteapp" in w for w in EXPORTERS[fmt](items, out, registry=None).warnings)
    jsonl = EXPORTERS["jsonl"](items, tmp_path / "out.jsonl", registry=None)
    assert not jsonl.warnings and "check the date" in (tmp_path / "out.jsonl").read_text("utf-8")


def test_one_file_of_the_folder_exports_with_the_folders_registry(folder: Path, tmp_path: Path, capsys) -> None:
    export_cli(folder / "ferry.quotes.json", "csv", tmp_path / "one.csv", capsys)
    row = csv_rows(tmp_path / "one.csv")["ferry"]
    assert row["speaker_identity"] == identity_of(open_folder_registry(folder).registry, "pier", "E1")


def _speaker_identities_labelstudio(out: Path) -> dict[str, str | None]:
    tasks = json.loads(out.read_text("utf-8"))
    found: dict[str, str | None] = {}
    for task in tasks:
        doc_id = task["data"]["document_id"]
        results = [r for block in task.get("annotations", []) + task.get("predictions", []) for r in block["result"]]
        notes = [r["meta"]["text"][0] for r in results if r.get("type") == "labels" and "Mention" in str(r["value"])]
        speaker = next((n for n in notes if n.startswith("E1 ")), "")
        found[doc_id] = speaker.split("identity ", 1)[1].split(";")[0] if "identity " in speaker else None
    return found


def _speaker_identities_jsonl_field(out: Path) -> dict[str, str | None]:
    """doccano and Prodigy: each span's entity meta is in the line's `quoteapp` field."""
    found: dict[str, str | None] = {}
    for line in out.read_text("utf-8").splitlines():
        data = json.loads(line)
        doc_id = data.get("document_id") or data["meta"]["document_id"]
        metas = data["quoteapp"].values() if isinstance(data["quoteapp"], dict) else data["quoteapp"]
        found[doc_id] = next((m.get("identity") for m in metas if m.get("entity") == "E1"), None)
    return found


@pytest.mark.parametrize("fmt", ["labelstudio", "doccano", "prodigy"])
def test_the_annotation_tool_exports_carry_the_identity(fmt: str, folder: Path, tmp_path: Path, capsys) -> None:
    suffix = ".json" if fmt == "labelstudio" else ".jsonl"
    out = tmp_path / f"out{suffix}"
    printed = export_cli(folder, fmt, out, capsys)
    registry = open_folder_registry(folder).registry
    merged = identity_of(registry, "pier", "E1")
    found = _speaker_identities_labelstudio(out) if fmt == "labelstudio" else _speaker_identities_jsonl_field(out)
    assert found["pier"] == found["ferry"] == merged
    assert found["late"] is None
    assert "not in the folder's registry (late)" in printed


def test_inception_mentions_carry_the_identity_feature(folder: Path, tmp_path: Path, capsys) -> None:
    from cassis import load_cas_from_xmi, load_typesystem

    export_cli(folder, "inception", tmp_path / "xmi", capsys)
    typesystem = load_typesystem((tmp_path / "xmi" / "TypeSystem.xml").read_text("utf-8"))
    registry = open_folder_registry(folder).registry
    merged = registry.identity(identity_of(registry, "pier", "E1"))
    for doc_id, _ in ARTICLES:
        cas = load_cas_from_xmi((tmp_path / "xmi" / f"{doc_id}.xmi").read_text("utf-8"), typesystem=typesystem)
        speaker = next(m for m in cas.select("webanno.custom.Mention") if m.entityId == "E1")
        if doc_id == "late":
            assert speaker.identity is None
        else:
            assert (speaker.identity, speaker.identityName) == (merged.id, merged.name)
