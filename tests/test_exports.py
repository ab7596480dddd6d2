"""Dataset exports (issue 5): each format written from made-up articles and read back by its own reader.

JSONL by our attribution reader, CSV by the csv module, the DocBin by spaCy alone, brat by the small
standoff parser below; and the CLI end to end. Texts are invented here; they include a split quote,
a nested quote, intermediaries with roles, emoji outside the BMP, a quote crossing a line break,
and rejected and auto quotes.
"""

from __future__ import annotations

import copy
import csv
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from quoteapp.cli import main
from quoteapp.formats.attribution import from_dict, write_annotation
from quoteapp.formats.exports import (
    EXPORTERS,
    ExportOptions,
    export,
    export_brat,
    export_csv,
    export_docbin,
    export_jsonl,
)
from quoteapp.formats.exports.brat import fragments
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker

HARBOUR = (
    "Storm in Port Ellis 🌊\n\n"
    '"The harbour will reopen," Mayor Jana Ruiz said. "Not before Monday."\n'
    'Her spokesman Tom Reed told the Coast Herald that she believes "the 😀 crews" are safe.\n'
    'A council aide said Ruiz had asked whether Reed\'s claim that "repairs are done" was true.\n'
    "Nobody said anything else."
)
KITCHEN = 'Menu 🎉 news.\nThe chef said the soup was cold across\ntwo lines. "Fine," said Ana.'


def at(text: str, sub: str, nth: int = 0) -> Span:
    """The span of the nth occurrence of `sub` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(sub, start + 1)
    return Span.of(text, start, start + len(sub))


def harbour() -> Annotation:
    t = HARBOUR
    entities = [
        Entity("E1", "person", "Jana Ruiz", ["Ruiz", "Mayor Jana Ruiz"], mentions=[at(t, "Mayor Jana Ruiz")]),
        Entity("E2", "person", "Tom Reed", ["Reed"]),
        Entity("E3", "outlet", "Coast Herald", []),
        Entity("E4", "anonymous", "council aide", []),
    ]
    quotes = [
        Quote(
            "Q1",
            "direct",
            [at(t, "The harbour will reopen,"), at(t, "Not before Monday.")],
            at(t, "said"),
            Speaker("E1", at(t, "Mayor Jana Ruiz")),
            status="accepted",
            confidence=0.9,
            evidence="split quote",
        ),
        Quote(
            "Q2",
            "mixed",
            [at(t, 'she believes "the 😀 crews" are safe')],
            at(t, "told"),
            Speaker("E1", at(t, "she")),
            [
                Intermediary("E2", "spokesperson", at(t, "Tom Reed")),
                Intermediary("E3", "outlet", at(t, "the Coast Herald")),
            ],
            status="corrected",
            confidence=0.5,
        ),
        Quote(
            "Q3",
            "direct",
            [at(t, "repairs are done")],
            None,
            Speaker("E2", at(t, "Reed's")),
            parent="Q4",
            status="added",
        ),
        Quote(
            "Q4",
            "indirect",
            [at(t, 'Ruiz had asked whether Reed\'s claim that "repairs are done" was true')],
            at(t, "said", 1),
            Speaker("E1", at(t, "Ruiz", 1)),
            [Intermediary("E4", "relay", at(t, "A council aide"))],
            status="accepted",
            confidence=0.7,
        ),
        Quote("Q5", "indirect", [at(t, "anything else")], at(t, "said", 2), status="rejected", confidence=0.2),
    ]
    return Annotation(Document("harbour", t, path="harbour.txt", title="Storm"), entities, quotes)


def kitchen() -> Annotation:
    """Not reviewed: one quote is still auto, and it crosses a line break."""
    t = KITCHEN
    entities = [Entity("E1", "person", "the chef", []), Entity("E2", "person", "Ana", [])]
    quotes = [
        Quote(
            "Q1",
            "indirect",
            [at(t, "the soup was cold across\ntwo lines")],
            at(t, "said"),
            Speaker("E1", at(t, "The chef")),
            status="auto",
            confidence=0.6,
        ),
        Quote("Q2", "direct", [at(t, "Fine,")], at(t, "said", 1), Speaker("E2", at(t, "Ana")), status="accepted"),
    ]
    return Annotation(Document("kitchen", t, path="kitchen.txt"), entities, quotes)


def items() -> list[tuple[Path, Annotation]]:
    return [(Path("harbour.quotes.json"), harbour()), (Path("kitchen.quotes.json"), kitchen())]


# --------------------------------------------------------------------------- jsonl


def test_jsonl_lines_read_back_as_the_same_annotations(tmp_path: Path) -> None:
    out = tmp_path / "corpus.jsonl"
    report = export_jsonl(items(), out)
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and report.articles == 2 and report.quotes == 7
    assert not report.warnings  # jsonl carries everything
    for line, (_, original) in zip(lines, items(), strict=True):
        back = from_dict(json.loads(line))
        assert back.document == original.document
        assert back.entities == original.entities
        assert back.quotes == original.quotes
    assert "🌊" in lines[0]  # UTF-8 as is, not \\u escapes


# --------------------------------------------------------------------------- csv


def test_csv_has_a_row_per_quote_and_says_what_it_flattens(tmp_path: Path) -> None:
    out = tmp_path / "quotes.csv"
    report = export_csv(items(), out)
    raw = out.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")  # UTF-8 without BOM, as documented
    with open(out, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["article"], r["quote_id"]) for r in rows] == [
        ("harbour", "Q1"),
        ("harbour", "Q2"),
        ("harbour", "Q3"),
        ("harbour", "Q4"),
        ("harbour", "Q5"),
        ("kitchen", "Q1"),
        ("kitchen", "Q2"),
    ]
    q1, q2, q3, q4, q5, k1, _ = rows
    assert q1["text"] == "The harbour will reopen, … Not before Monday."
    assert (q1["type"], q1["speaker"], q1["speaker_kind"], q1["cue"]) == ("direct", "Jana Ruiz", "person", "said")
    assert (q1["status"], float(q1["confidence"])) == ("accepted", 0.9)
    assert q2["text"] == 'she believes "the 😀 crews" are safe'
    assert q2["intermediaries"] == "Tom Reed (spokesperson); Coast Herald (outlet)"
    assert (q3["parent"], q3["confidence"], q3["cue"]) == ("Q4", "", "")
    assert q4["intermediaries"] == "council aide (relay)"
    assert (q5["status"], q5["speaker"]) == ("rejected", "")
    assert k1["text"] == "the soup was cold across\ntwo lines"  # a line break inside a cell survives
    assert int(q2["start"]) == HARBOUR.index("she believes")
    text = " ".join(report.warnings)
    assert "nesting" in text and "split quotes" in text and "mentions" in text


# --------------------------------------------------------------------------- docbin


def test_docbin_loads_with_spacy_alone_and_links_the_attribution(tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    out = tmp_path / "corpus.spacy"
    export_docbin(items(), out)
    docs = list(DocBin().from_disk(out).get_docs(spacy.blank("en").vocab))
    assert [d.text for d in docs] == [HARBOUR, KITCHEN]
    doc = docs[0]
    table = doc.user_data["quoteapp"]
    assert table["schema"] == "quoteapp/docbin" and table["document"]["id"] == "harbour"
    json.dumps(table)  # plain JSON-able
    by_id = {q["id"]: q for q in table["quotes"]}
    original = {q.id: q for q in harbour().quotes}
    for qid, q in by_id.items():
        spans = [doc.spans["quotes"][i] for i in q["spans"]]
        assert len(spans) == len(original[qid].segments)
        for span, seg in zip(spans, original[qid].segments, strict=True):
            assert span.label_ == original[qid].type and span.id_ == qid
            assert span.start_char <= seg.start and seg.end <= span.end_char  # expanded to tokens at most
            assert doc.text[seg.start : seg.end] == seg.text  # code points, emoji included
    q2 = by_id["Q2"]
    assert doc.spans["quotes"][q2["spans"][0]].text == 'she believes "the 😀 crews" are safe'
    speaker = doc.spans["speakers"][q2["speaker"]["mention"]["span"]]
    assert (speaker.text, speaker.kb_id_, speaker.label_) == ("she", "E1", "person")
    via = [(doc.spans["intermediaries"][v["mention"]["span"]], v["role"]) for v in q2["intermediaries"]]
    assert [(s.text, s.kb_id_, s.label_, role) for s, role in via] == [
        ("Tom Reed", "E2", "spokesperson", "spokesperson"),
        ("the Coast Herald", "E3", "outlet", "outlet"),
    ]
    assert doc.spans["cues"][q2["cue"]["span"]].text == "told"
    assert by_id["Q3"]["parent"] == "Q4" and by_id["Q5"]["status"] == "rejected"
    assert {e["id"]: e["name"] for e in table["entities"]}["E4"] == "council aide"
    assert [s.text for s in doc.spans["mentions"]] == ["Mayor Jana Ruiz"]
    assert len(doc.spans["quotes"]) == 6  # Q1 has two segments


# --------------------------------------------------------------------------- brat


@dataclass
class Standoff:
    """A parsed .ann file: text-bound annotations, relations, attributes and notes by id."""

    textbound: dict[str, tuple[str, list[tuple[int, int]], str]] = field(default_factory=dict)
    relations: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    attributes: dict[str, tuple[str, str, str]] = field(default_factory=dict)
    notes: dict[str, tuple[str, str]] = field(default_factory=dict)


def parse_ann(text: str) -> Standoff:
    """brat standoff, as https://brat.nlplab.org/standoff.html describes it: one annotation a line, tabs."""
    ann = Standoff()
    for line in text.split("\n"):
        if not line:
            continue
        ident, rest = line.split("\t", 1)
        if ident.startswith("T"):
            head, ref = rest.split("\t", 1)
            type_, where = head.split(" ", 1)
            frags = [(int(s), int(e)) for s, e in (f.split(" ") for f in where.split(";"))]
            ann.textbound[ident] = (type_, frags, ref)
        elif ident.startswith("R"):
            type_, arg1, arg2 = rest.split(" ")
            assert arg1.startswith("Arg1:") and arg2.startswith("Arg2:"), line
            ann.relations[ident] = (type_, arg1[5:], arg2[5:])
        elif ident.startswith("A"):
            name, target, value = rest.split(" ")
            ann.attributes[ident] = (name, target, value)
        elif ident.startswith("#"):
            head, note = rest.split("\t", 1)
            kind, target = head.split(" ")
            assert kind == "AnnotatorNotes"
            ann.notes[ident] = (target, note)
        else:
            raise AssertionError(f"unknown annotation line {line!r}")
    return ann


def check_standoff(ann: Standoff, text: str) -> None:
    """Every fragment lies in the text, on one line, with the reference text; every link names a T."""
    for type_, frags, ref in ann.textbound.values():
        assert frags == sorted(frags) and all(0 <= s < e <= len(text) for s, e in frags), (type_, frags)
        assert all("\n" not in text[s:e] for s, e in frags)
        assert " ".join(text[s:e] for s, e in frags) == ref
    for _, arg1, arg2 in ann.relations.values():
        assert arg1 in ann.textbound and arg2 in ann.textbound
    for _, target, _ in ann.attributes.values():
        assert ann.textbound[target][0] == "Quote"
    for target, _ in ann.notes.values():
        assert target in ann.textbound


def test_brat_standoff_reads_back(tmp_path: Path) -> None:
    report = export_brat(items(), tmp_path / "brat")
    folder = tmp_path / "brat"
    conf = (folder / "annotation.conf").read_text(encoding="utf-8")
    for name in (
        "[entities]",
        "Quote",
        "Cue",
        "Mention",
        "HasCue\tArg1:Quote, Arg2:Cue",
        "SaidBy\tArg1:Quote, Arg2:Mention",
        "Spokesperson",
        "Relay",
        "Outlet",
        "Parent\tArg1:Quote, Arg2:Quote",
        "QuoteType",
    ):
        assert name in conf
    assert (folder / "harbour.txt").read_bytes() == HARBOUR.encode("utf-8")
    ann = parse_ann((folder / "harbour.ann").read_text(encoding="utf-8"))
    check_standoff(ann, HARBOUR)
    quotes = {note.split(";")[0]: target for target, note in ann.notes.values() if ann.textbound[target][0] == "Quote"}
    assert set(quotes) == {"Q1", "Q2", "Q3", "Q4", "Q5"}
    tq1 = ann.textbound[quotes["Q1"]]
    assert [HARBOUR[s:e] for s, e in tq1[1]] == ["The harbour will reopen,", "Not before Monday."]  # split quote
    q2_start = HARBOUR.index("she believes")
    assert ann.textbound[quotes["Q2"]][1] == [(q2_start, q2_start + len('she believes "the 😀 crews" are safe'))]
    links = {
        (t, ann.textbound[a][0] if a in ann.textbound else a, ann.textbound[b][2]) for t, a, b in ann.relations.values()
    }
    assert ("Spokesperson", "Quote", "Tom Reed") in links and ("Outlet", "Quote", "the Coast Herald") in links
    assert ("Relay", "Quote", "A council aide") in links and ("SaidBy", "Quote", "she") in links
    assert ("HasCue", "Quote", "told") in links and (
        "Parent",
        "Quote",
        'Ruiz had asked whether Reed\'s claim that "repairs are done" was true',
    ) in links
    parent = [(a, b) for t, a, b in ann.relations.values() if t == "Parent"]
    assert parent == [(quotes["Q3"], quotes["Q4"])]
    attrs = {(n, t): v for n, t, v in ann.attributes.values()}
    assert attrs[("Status", quotes["Q5"])] == "rejected" and attrs[("QuoteType", quotes["Q2"])] == "mixed"
    assert any(note == "E2 Tom Reed (person)" for _, note in ann.notes.values())
    # a quote crossing a line break becomes fragments around it, as brat's own editor does
    kitchen_ann = parse_ann((folder / "kitchen.ann").read_text(encoding="utf-8"))
    check_standoff(kitchen_ann, KITCHEN)
    crossing = next(t for t in kitchen_ann.textbound.values() if t[0] == "Quote" and len(t[1]) == 2)
    assert crossing[2] == "the soup was cold across two lines"
    assert any("aliases" in w for w in report.warnings)


def test_fragments_split_at_line_breaks_and_skip_empty_pieces() -> None:
    text = "ab\n\ncd"
    assert fragments(text, [Span.of(text, 0, 6)]) == [(0, 2), (4, 6)]
    assert fragments(text, [Span.of(text, 2, 4)]) == []


# --------------------------------------------------------------------------- options


def test_reviewed_only_leaves_out_articles_with_auto_quotes(tmp_path: Path) -> None:
    report = export_jsonl(items(), tmp_path / "r.jsonl", ExportOptions(reviewed_only=True))
    ids = [json.loads(line)["document"]["id"] for line in (tmp_path / "r.jsonl").read_text("utf-8").splitlines()]
    assert ids == ["harbour"] and report.skipped == ["kitchen"]


def test_accepted_only_keeps_vouched_quotes_without_changing_the_input(tmp_path: Path) -> None:
    given = items()
    before = copy.deepcopy(given)
    report = export_csv(given, tmp_path / "a.csv", ExportOptions(accepted_only=True))
    with open(tmp_path / "a.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert [(r["article"], r["quote_id"]) for r in rows] == [
        ("harbour", "Q1"),
        ("harbour", "Q2"),
        ("harbour", "Q3"),
        ("harbour", "Q4"),
        ("kitchen", "Q2"),
    ]
    assert {r["status"] for r in rows} == {"accepted", "corrected", "added"}
    assert report.dropped_quotes == 2 and report.quotes == 5
    assert given == before


def test_accepted_only_hangs_a_quote_on_its_nearest_kept_ancestor(tmp_path: Path) -> None:
    annotation = harbour()
    annotation.quote("Q4").status = "rejected"
    annotation.quote("Q4").parent = "Q1"
    report = export_jsonl([(Path("h.json"), annotation)], tmp_path / "x.jsonl", ExportOptions(accepted_only=True))
    back = from_dict(json.loads((tmp_path / "x.jsonl").read_text("utf-8")))
    assert [q.id for q in back.quotes] == ["Q1", "Q2", "Q3"] and back.quote("Q3").parent == "Q1"
    assert any("ancestor" in w for w in report.warnings)


def test_both_options_together(tmp_path: Path) -> None:
    report = export("brat", items(), tmp_path / "b", ExportOptions(reviewed_only=True, accepted_only=True))
    assert not (tmp_path / "b" / "kitchen.ann").exists()
    ann = parse_ann((tmp_path / "b" / "harbour.ann").read_text("utf-8"))
    assert {v for n, _, v in ann.attributes.values() if n == "Status"} == {"accepted", "corrected", "added"}
    assert report.articles == 1 and report.quotes == 4


def test_an_unknown_format_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown export format"):
        export("xml", items(), tmp_path / "x")


def test_the_exports_do_not_load_qt_or_spacy_on_import() -> None:
    import subprocess
    import sys

    code = (
        "import sys, quoteapp.formats.exports; print(sorted({m.split('.')[0] for m in sys.modules} & "
        "{'PySide6', 'spacy'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"


# --------------------------------------------------------------------------- the CLI


def test_the_cli_offers_every_format() -> None:
    from quoteapp.cli.export_command import FORMATS

    assert tuple(EXPORTERS) == FORMATS


def write_corpus(folder: Path) -> Path:
    folder.mkdir()
    for _, annotation in items():
        write_annotation(annotation, folder / f"{annotation.document.id}.quotes.json")
    (folder / "quoteapp-registry.json").write_text("{}", encoding="utf-8")  # the app's own: not an article
    first = sorted(folder.glob("*.quotes.json"))[0]  # the editor's copy from before the article changed: not one
    (folder / first.name.replace(".quotes.json", ".quotes.before-change.json")).write_bytes(first.read_bytes())
    return folder


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_cli_exports_a_folder(tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / ("out" if fmt == "brat" else f"out.{fmt}")
    assert main(["export", str(corpus), "--format", fmt, "-o", str(out), "--reviewed-only"]) == 0
    printed = capsys.readouterr()
    assert f"{fmt}: 1 article(s), 5 quote(s)" in printed.out and "kitchen" in printed.out
    assert out.exists()
    if fmt == "csv":
        assert "warning: csv:" in printed.out


def test_cli_skips_unreadable_files_and_fails(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = write_corpus(tmp_path / "corpus")
    (corpus / "broken.json").write_text('{"schema": ', encoding="utf-8")
    out = tmp_path / "all.jsonl"
    assert main(["export", str(corpus), "--format", "jsonl", "-o", str(out)]) == 1
    printed = capsys.readouterr()
    assert "broken.json" in printed.err and "2 article(s), 7 quote(s)" in printed.out
    assert len(out.read_text("utf-8").splitlines()) == 2


def test_cli_on_the_gold_seeds(shared: Path, tmp_path: Path) -> None:
    import spacy
    from spacy.tokens import DocBin

    seeds = shared / "gold" / "seeds"
    if not seeds.is_dir():
        pytest.skip("no gold seeds")
    files = sorted(seeds.glob("*.json"))
    for fmt in EXPORTERS:
        out = tmp_path / fmt
        assert main(["export", str(seeds), "--format", fmt, "-o", str(out)]) == 0
    lines = (tmp_path / "jsonl").read_text("utf-8").splitlines()
    assert len(lines) == len(files)
    docs = list(DocBin().from_disk(tmp_path / "docbin").get_docs(spacy.blank("en").vocab))
    assert len(docs) == len(files)
    for line, doc in zip(lines, docs, strict=True):
        annotation = from_dict(json.loads(line))
        assert doc.text == annotation.document.text
        assert len(doc.user_data["quoteapp"]["quotes"]) == len(annotation.quotes)
        ann = parse_ann((tmp_path / "brat" / f"{annotation.document.id}.ann").read_text("utf-8"))
        check_standoff(ann, (tmp_path / "brat" / f"{annotation.document.id}.txt").read_text("utf-8"))
        assert sum(t[0] == "Quote" for t in ann.textbound.values()) == len(annotation.quotes)
    with open(tmp_path / "csv", encoding="utf-8", newline="") as f:
        assert len(list(csv.DictReader(f))) == sum(len(from_dict(json.loads(x)).quotes) for x in lines)
