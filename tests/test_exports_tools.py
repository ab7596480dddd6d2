"""Exports for the annotation tools (issue 11), each read back by that tool's own library.

Label Studio tasks by label-studio-sdk's LabelInterface, INCEpTION's XMI by dkpro-cassis, brat by
pybrat in strict mode; doccano and Prodigy (no reader library to install) by the checks their
importers make: offsets inside the text, relation ends naming spans, and for Prodigy the tokens
rebuilt into a spaCy Doc. The article is invented: a split quote, a nested quote, one "He" who is
one quote's speaker and the next one's relay, a quote with no speaker, a rejected quote, and an
emoji outside the BMP before them all (UIMA counts UTF-16 units). Then every format on the gold seeds.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest

from quoteapp.formats.exports import EXPORTERS, SUFFIXES, export
from quoteapp.formats.exports.labelstudio import config_path
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker

PIER = (
    "Pier closed 🌊\n\n"
    '"The pier stays shut," harbour chief Ola Berg said. "Repairs start in May."\n'
    "He said the mayor told him the vote was near, according to the Bay Post.\n"
    'Then: "Not again."\n'
    "A sign said nothing."
)
TOOLS = ("labelstudio", "doccano", "prodigy", "inception", "brat")


def at(sub: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of `sub` in PIER."""
    start = -1
    for _ in range(nth + 1):
        start = PIER.index(sub, start + 1)
    return Span.of(PIER, start, start + len(sub))


def pier() -> Annotation:
    """Q1 split, Q3 nested in Q2, "He" Q2's speaker and Q3's relay, Q4 without speaker (auto), Q5 rejected."""
    entities = [
        Entity("E1", "person", "Ola Berg", ["Berg"], mentions=[at("harbour chief Ola Berg")]),
        Entity("E2", "person", "the mayor", []),
        Entity("E3", "outlet", "Bay Post", []),
    ]
    quotes = [
        Quote(
            "Q1",
            "direct",
            [at("The pier stays shut,"), at("Repairs start in May.")],
            at("said"),
            Speaker("E1", at("harbour chief Ola Berg")),
            status="accepted",
            confidence=0.9,
        ),
        Quote(
            "Q2",
            "indirect",
            [at("the mayor told him the vote was near")],
            at("said", 1),
            Speaker("E1", at("He")),
            [Intermediary("E3", "outlet", at("the Bay Post"))],
            status="corrected",
            confidence=0.7,
        ),
        Quote(
            "Q3",
            "indirect",
            [at("the vote was near")],
            at("told"),
            Speaker("E2", at("the mayor")),
            [Intermediary("E1", "relay", at("He"))],
            parent="Q2",
            status="added",
        ),
        Quote("Q4", "direct", [at("Not again.")], status="auto", confidence=0.4),
        Quote("Q5", "indirect", [at("nothing")], at("said", 2), status="rejected", confidence=0.2),
    ]
    return Annotation(Document("pier", PIER, path="pier.txt", title="Pier"), entities, quotes)


def write(fmt: str, folder: Path, items: list[tuple[Path, Annotation]] | None = None) -> tuple[Path, Any]:
    """Export `items` (the pier article by default) in `fmt` under `folder`; the output path and report."""
    out = folder / f"{fmt}{SUFFIXES[fmt]}"
    report = export(fmt, items if items is not None else [(Path("pier.quotes.json"), pier())], out)
    return out, report


def segments(annotation: Annotation, *, rejected: bool = False) -> list[str]:
    """Every quote segment's text, in order (rejected quotes only where the format keeps them)."""
    return [s.text for q in annotation.quotes if rejected or q.status != "rejected" for s in q.segments]


# --------------------------------------------------------------------------- Label Studio


def label_studio_regions(result: list[dict[str, Any]]) -> tuple[dict[str, tuple[str, str]], set[tuple[str, str, str]]]:
    """A result's regions (id -> label, text) and relations (from text, label, to text)."""
    regions = {r["id"]: (r["value"]["labels"][0], r["value"]["text"]) for r in result if r["type"] == "labels"}
    relations = {
        (regions[r["from_id"]][1], r["labels"][0], regions[r["to_id"]][1]) for r in result if r["type"] == "relation"
    }
    return regions, relations


def test_labelstudio_tasks_validate_against_the_shipped_config(tmp_path: Path) -> None:
    from label_studio_sdk.label_interface import LabelInterface

    out, report = write("labelstudio", tmp_path)
    config = config_path(out).read_text(encoding="utf-8")
    interface = LabelInterface(config)
    relation_labels = {r.get("value") for r in ElementTree.fromstring(config).iter("Relation")}
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert task["data"]["text"] == PIER and task["data"]["document_id"] == "pier"
    for kind in ("annotations", "predictions"):
        for one in task[kind]:
            assert interface.validate_prediction(one, return_errors=True) == []  # labels, regions, relation ends
            # the SDK does not check relation labels: they must be the config's <Relation> values
            assert {r["labels"][0] for r in one["result"] if r["type"] == "relation"} <= relation_labels
            for item in one["result"]:
                if item["type"] == "labels":
                    value = item["value"]
                    assert PIER[value["start"] : value["end"]] == value["text"]
    regions, relations = label_studio_regions(task["annotations"][0]["result"])
    texts = [text for label, text in regions.values() if label.endswith(" quote")]
    assert texts == ["The pier stays shut,", "Repairs start in May.", "the mayor told him the vote was near"] + [
        "the vote was near"
    ]
    assert ("The pier stays shut,", "continues", "Repairs start in May.") in relations
    assert ("the mayor told him the vote was near", "speaker", "He") in relations
    assert ("the vote was near", "relay", "He") in relations  # the same region: one "He"
    assert [text for label, text in regions.values() if label == "Mention"].count("He") == 1
    assert ("the vote was near", "parent", "the mayor told him the vote was near") in relations
    assert ("the mayor told him the vote was near", "outlet", "the Bay Post") in relations
    assert ("the vote was near", "cue", "told") in relations
    # the model's quote (auto, no speaker) is a prediction; the rejected one is nowhere
    (prediction,) = task["predictions"]
    p_regions, p_relations = label_studio_regions(prediction["result"])
    assert list(p_regions.values()) == [("Direct quote", "Not again.")] and not p_relations
    assert prediction["score"] == pytest.approx(0.4)
    assert "nothing" not in json.dumps(task["annotations"] + task["predictions"])
    assert any("rejected" in w for w in report.warnings)


def test_the_shipped_labelling_config_offers_every_label_and_relation() -> None:
    from quoteapp.formats.exports.spans import LINK_LABELS, resource_text
    from quoteapp.model import QUOTE_TYPES, ROLES

    root = ElementTree.fromstring(resource_text("labelstudio.xml"))
    labels = [e.get("value") for e in root.iter("Label")]
    assert labels == [f"{t.capitalize()} quote" for t in QUOTE_TYPES] + ["Cue", "Mention"]
    relations = [e.get("value") for e in root.iter("Relation")]
    assert relations == list(LINK_LABELS) and set(ROLES) <= set(relations)


def test_labelstudio_regions_say_which_entity_they_name(tmp_path: Path) -> None:
    out, _ = write("labelstudio", tmp_path)
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    metas = {r["value"]["text"]: r["meta"]["text"][0] for r in task["annotations"][0]["result"] if r.get("meta")}
    assert metas["He"] == "E1 Ola Berg (person)"
    assert "quote Q3" in metas["the vote was near"] and "status added" in metas["the vote was near"]


# --------------------------------------------------------------------------- doccano


def test_doccano_lines_hold_entities_and_relations(tmp_path: Path) -> None:
    out, report = write("doccano", tmp_path)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    example = json.loads(line)
    assert example["text"] == PIER
    entities = {e["id"]: e for e in example["entities"]}
    text = {i: PIER[e["start_offset"] : e["end_offset"]] for i, e in entities.items()}
    assert [text[i] for i, e in entities.items() if e["label"].endswith(" quote")] == segments(pier())
    relations = {(text[r["from_id"]], r["type"], text[r["to_id"]]) for r in example["relations"]}
    assert ("The pier stays shut,", "continues", "Repairs start in May.") in relations
    assert {
        ("the mayor told him the vote was near", "speaker", "He"),
        ("the vote was near", "relay", "He"),
    } <= relations
    assert ("the vote was near", "parent", "the mayor told him the vote was near") in relations
    assert len({r["id"] for r in example["relations"]}) == len(example["relations"])
    he = [i for i, t in text.items() if t == "He"]
    assert len(he) == 1 and example["quoteapp"][str(he[0])]["name"] == "Ola Berg"
    assert any("rejected" in w for w in report.warnings)


# --------------------------------------------------------------------------- Prodigy


def test_prodigy_spans_and_relations_sit_on_tokens(tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import Doc

    out, _ = write("prodigy", tmp_path)
    (line,) = out.read_text(encoding="utf-8").splitlines()
    task = json.loads(line)
    tokens = task["tokens"]
    assert [t["id"] for t in tokens] == list(range(len(tokens)))
    doc = Doc(spacy.blank("en").vocab, words=[t["text"] for t in tokens], spaces=[t["ws"] for t in tokens])
    assert doc.text == PIER  # the tokens rebuild the text, as Prodigy's `data-to-spacy` does
    for span in task["spans"]:
        assert doc[span["token_start"] : span["token_end"] + 1].text == PIER[span["start"] : span["end"]]
    quotes = [PIER[s["start"] : s["end"]] for s in task["spans"] if s["label"].endswith(" quote")]
    assert [q.strip('"') for q in quotes] == segments(pier())  # widened to whole tokens at most
    relations = set()
    for rel in task["relations"]:
        assert rel["head"] == rel["head_span"]["token_end"] and rel["child"] == rel["child_span"]["token_end"]
        assert rel["head_span"] in task["spans"] and rel["child_span"] in task["spans"]
        relations.add(
            (doc[rel["head_span"]["token_start"] : rel["head"] + 1].text, rel["label"], doc[rel["child"]].text)
        )
    assert {
        ("the mayor told him the vote was near", "speaker", "He"),
        ("the vote was near", "relay", "He"),
    } <= relations
    assert ("the vote was near", "parent", "near") in relations  # the parent quote's last token
    assert task["answer"] == "accept" and task["meta"]["document_id"] == "pier"


# --------------------------------------------------------------------------- INCEpTION


def load_xmi(folder: Path, stem: str) -> Any:
    from cassis import load_cas_from_xmi, load_typesystem

    with open(folder / "TypeSystem.xml", "rb") as f:
        typesystem = load_typesystem(f)
    with open(folder / f"{stem}.xmi", "rb") as f:
        return load_cas_from_xmi(f, typesystem=typesystem)


def test_inception_xmi_reloads_with_every_span_on_its_text(tmp_path: Path) -> None:
    out, _ = write("inception", tmp_path)
    cas = load_xmi(out, "pier")
    assert cas.sofa_string == PIER
    quotes = cas.select("webanno.custom.Quote")
    assert [q.get_covered_text() for q in quotes] == segments(pier(), rejected=True)  # after the emoji too
    assert {(q.quoteId, q.status) for q in quotes} >= {("Q5", "rejected"), ("Q4", "auto"), ("Q3", "added")}
    mentions = cas.select("webanno.custom.Mention")
    assert [m.get_covered_text() for m in mentions].count("He") == 1
    he = next(m for m in mentions if m.get_covered_text() == "He")
    assert (he.entityId, he.entityName, he.entityKind) == ("E1", "Ola Berg", "person")
    links = {
        (a.Governor.get_covered_text(), a.role, a.Dependent.get_covered_text())
        for a in cas.select("webanno.custom.Attribution")
    }
    assert ("The pier stays shut,", "continues", "Repairs start in May.") in links
    assert {("the mayor told him the vote was near", "speaker", "He"), ("the vote was near", "relay", "He")} <= links
    assert ("the vote was near", "parent", "the mayor told him the vote was near") in links
    assert ("the vote was near", "cue", "told") in links
    for a in cas.select("webanno.custom.Attribution"):
        assert (a.begin, a.end) == (a.Dependent.begin, a.Dependent.end)
    q2 = next(q for q in quotes if q.quoteId == "Q2")
    assert (q2.speaker, q2.intermediaries) == ("E1 Ola Berg (person)", "outlet E3 Bay Post (outlet)")
    assert next(q for q in quotes if q.quoteId == "Q3").parent == "Q2"
    assert next(q for q in quotes if q.quoteId == "Q4").speaker is None  # no speaker, none made up
    # in the file, offsets are UTF-16 units as INCEpTION (Java) counts them: the emoji counts two
    first = next(e for e in ElementTree.parse(out / "pier.xmi").getroot() if e.get("quoteId") == "Q1")
    assert int(first.get("begin")) == len(PIER[: PIER.index("The pier")].encode("utf-16-le")) // 2


# --------------------------------------------------------------------------- brat


def test_brat_reads_in_pybrat_strict_mode_with_one_mention_per_stretch(tmp_path: Path) -> None:
    from pybrat.parser import BratParser

    out, _ = write("brat", tmp_path)
    (example,) = BratParser(error="raise").parse(out)  # refuses two annotations on one stretch
    assert example.text == PIER
    for entity in example.entities:
        assert " ".join(PIER[s.start : s.end] for s in entity.spans) == entity.mention
    he = [e for e in example.entities if e.mention == "He"]
    assert [e.type for e in he] == ["Mention"]
    links = {(r.arg1.mention, r.type, r.arg2.mention) for r in example.relations}
    assert {("the mayor told him the vote was near", "SaidBy", "He"), ("the vote was near", "Relay", "He")} <= links
    assert ("The pier stays shut, Repairs start in May.", "SaidBy", "harbour chief Ola Berg") in links
    assert ("the vote was near", "Parent", "the mayor told him the vote was near") in links


def test_brat_keeps_one_annotation_when_two_quotes_share_a_stretch(tmp_path: Path) -> None:
    from pybrat.parser import BratParser

    annotation = pier()
    twin = Quote("Q6", "indirect", [at("nothing")], at("said", 2), status="auto")
    annotation.quotes.append(twin)
    out, report = write("brat", tmp_path, [(Path("pier.json"), annotation)])
    (example,) = BratParser(error="raise").parse(out)
    assert [e.mention for e in example.entities if e.type == "Quote"].count("nothing") == 1
    assert any("one text-bound annotation per stretch" in w for w in report.warnings)


@pytest.mark.parametrize("fmt", TOOLS)
def test_one_mention_naming_two_entities_stays_one_span(tmp_path: Path, fmt: str) -> None:
    """A file may link one "He" to two entities (an editor's slip, or two readings): still one span, and said so."""
    annotation = pier()
    annotation.entities.append(Entity("E4", "anonymous", "a clerk", []))
    annotation.quote("Q3").intermediaries = [Intermediary("E4", "relay", at("He"))]
    out, report = write(fmt, tmp_path, [(Path("pier.json"), annotation)])
    if fmt == "brat":
        from pybrat.parser import BratParser

        (example,) = BratParser(error="raise").parse(out)
        assert [e.mention for e in example.entities].count("He") == 1
    assert any("two entities" in w for w in report.warnings)


# --------------------------------------------------------------------------- all of them


@pytest.mark.parametrize("fmt", TOOLS)
def test_every_tool_export_says_what_it_drops_and_is_offered(tmp_path: Path, fmt: str) -> None:
    assert fmt in EXPORTERS
    _, report = write(fmt, tmp_path)
    assert report.warnings and report.articles == 1 and report.quotes == 5
    assert all(path.exists() for path in report.files)
    assert not list(tmp_path.rglob("*.tmp"))  # written atomically: no temp file left behind


def test_tool_exports_leave_out_what_the_options_leave_out(tmp_path: Path) -> None:
    from quoteapp.formats.exports import ExportOptions

    out = tmp_path / "vouched.json"
    export("labelstudio", [(Path("p.json"), pier())], out, ExportOptions(accepted_only=True))
    (task,) = json.loads(out.read_text(encoding="utf-8"))
    assert "predictions" not in task  # the only auto quote was left out
    assert (
        len(
            [
                r
                for r in task["annotations"][0]["result"]
                if r["type"] == "labels" and "quote" in r["value"]["labels"][0]
            ]
        )
        == 4
    )


def gold_seeds(shared: Path) -> list[tuple[Path, Annotation]]:
    from quoteapp.formats.attribution import read_annotation

    files = sorted((shared / "gold" / "seeds").glob("*.json"))
    if not files:
        pytest.skip("no gold seeds")
    return [(f, read_annotation(f)) for f in files]


def test_the_gold_seeds_round_trip_through_every_tool(shared: Path, tmp_path: Path) -> None:
    from label_studio_sdk.label_interface import LabelInterface
    from pybrat.parser import BratParser

    items = gold_seeds(shared)
    by_id = {a.document.id: a for _, a in items}
    # brat: strict pybrat reads every article, each quote segment's fragments on its text
    brat, _ = write("brat", tmp_path, items)
    examples = BratParser(error="raise").parse(brat)
    assert sorted(e.id for e in examples) == sorted(by_id)
    for example in examples:
        quotes = [e for e in example.entities if e.type == "Quote"]
        assert len(quotes) <= len(by_id[example.id].quotes)
        for entity in example.entities:
            assert " ".join(example.text[s.start : s.end] for s in entity.spans) == entity.mention
    # Label Studio: every task validates, every vouched or auto segment is a region on its text
    out, _ = write("labelstudio", tmp_path, items)
    interface = LabelInterface(config_path(out).read_text(encoding="utf-8"))
    for task in json.loads(out.read_text(encoding="utf-8")):
        annotation = by_id[task["data"]["document_id"]]
        results = [r for kind in ("annotations", "predictions") for one in task.get(kind, []) for r in one["result"]]
        for one in task.get("annotations", []) + task.get("predictions", []):
            assert interface.validate_prediction(one, return_errors=True) == []
        texts = [
            r["value"]["text"] for r in results if r["type"] == "labels" and r["value"]["labels"][0].endswith(" quote")
        ]
        assert sorted(texts) == sorted(segments(annotation))
        for r in results:
            if r["type"] == "labels":
                assert annotation.document.text[r["value"]["start"] : r["value"]["end"]] == r["value"]["text"]
    # doccano: every quote segment is an entity on its text
    out, _ = write("doccano", tmp_path, items)
    for line in out.read_text(encoding="utf-8").splitlines():
        example = json.loads(line)
        annotation = by_id[example["document_id"]]
        quotes = [
            example["text"][e["start_offset"] : e["end_offset"]] for e in example["entities"] if "quote" in e["label"]
        ]
        assert quotes == segments(annotation)
        ids = {e["id"] for e in example["entities"]}
        assert all(r["from_id"] in ids and r["to_id"] in ids for r in example["relations"])
    # INCEpTION: every quote segment's covered text after reloading
    out, _ = write("inception", tmp_path, items)
    for _, annotation in items:
        cas = load_xmi(out, annotation.document.id)
        covered = [q.get_covered_text() for q in cas.select("webanno.custom.Quote")]
        assert sorted(covered) == sorted(segments(annotation, rejected=True))
    # Prodigy: every span's tokens cover its text
    out, _ = write("prodigy", tmp_path, items)
    for line in out.read_text(encoding="utf-8").splitlines():
        task = json.loads(line)
        starts = {t["start"]: t["id"] for t in task["tokens"]}
        ends = {t["end"]: t["id"] for t in task["tokens"]}
        for span in task["spans"]:
            assert (starts[span["start"]], ends[span["end"]]) == (span["token_start"], span["token_end"])


def test_a_folder_format_onto_a_file_and_a_file_format_onto_a_folder_are_said(tmp_path: Path, capsys) -> None:
    from quoteapp.cli import main
    from quoteapp.formats.attribution import write_annotation
    from quoteapp.model import Annotation, Document

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_annotation(Annotation(Document("a", "Nothing said here.\n", path="a.txt"), [], []), corpus / "a.json")
    a_file, a_folder = tmp_path / "taken.txt", tmp_path / "taken"
    a_file.write_text("keep me", encoding="utf-8")
    a_folder.mkdir()
    assert main(["export", str(corpus), "--format", "brat", "-o", str(a_file)]) == 2
    assert "is a file: this format writes a folder" in capsys.readouterr().err
    assert a_file.read_text(encoding="utf-8") == "keep me"
    assert main(["export", str(corpus), "--format", "csv", "-o", str(a_folder)]) == 2
    assert "is a folder: this format writes one file" in capsys.readouterr().err
