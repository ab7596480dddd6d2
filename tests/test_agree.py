"""`quoteapp agree`: two annotators' folders built here, with known differences counted by hand."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from quoteapp.cli import main
from quoteapp.evaluation.agreement import compare_documents, compare_folders, figures, kappa
from quoteapp.evaluation.scoring import score_document
from quoteapp.formats.attribution import write_annotation
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker

BRIDGE = (
    "The mayor Ana Pires said the bridge would reopen in June.\n\n"
    '"We are on schedule," said engineer Tom Reed.\n\n'
    "According to a council spokesman, the budget was approved.\n\n"
    "Paul Okafor told Reuters that he would resign.\n"
)
WAR = "An official said Haftar told reporters that the war was over.\n"
OTHER = "Nobody said anything of note today.\n"

PEOPLE = {
    "E1": ("person", "Ana Pires"),
    "E2": ("person", "Tom Reed"),
    "E3": ("anonymous", "a council spokesman"),
    "E4": ("person", "Paul Okafor"),
    "E5": ("outlet", "Reuters"),
    "E6": ("anonymous", "An official"),
    "E7": ("person", "Haftar"),
}


def span(text: str, piece: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(piece, start + 1)
    return Span.of(text, start, start + len(piece))


def quote(
    text: str,
    qid: str,
    qtype: str,
    content: str,
    speaker: str | None,
    cue: str | None = "said",
    *,
    cue_nth: int = 0,
    via: tuple[tuple[str, str], ...] = (),
    parent: str | None = None,
    status: str = "accepted",
) -> Quote:
    """A quote whose speaker and intermediaries are entity ids named in the text by PEOPLE's names."""
    return Quote(
        id=qid,
        type=qtype,
        segments=[span(text, content)],
        cue=span(text, cue, cue_nth) if cue else None,
        speaker=Speaker(speaker, span(text, PEOPLE[speaker][1])) if speaker else None,
        intermediaries=[Intermediary(e, role, span(text, PEOPLE[e][1])) for e, role in via],
        parent=parent,
        status=status,
    )


def annotation(doc_id: str, text: str, quotes: list[Quote]) -> Annotation:
    used = {q.speaker.entity for q in quotes if q.speaker} | {v.entity for q in quotes for v in q.intermediaries}
    entities = [Entity(e, PEOPLE[e][0], PEOPLE[e][1], mentions=[span(text, PEOPLE[e][1])]) for e in sorted(used)]
    return Annotation(Document(doc_id, text, path=f"{doc_id}.txt"), entities, quotes)


def annotator_a() -> list[Annotation]:
    t, w = BRIDGE, WAR
    return [
        annotation(
            "bridge",
            t,
            [
                quote(t, "Q1", "indirect", "the bridge would reopen in June", "E1"),
                quote(t, "Q2", "direct", "We are on schedule", "E2", cue_nth=1),
                quote(
                    t, "Q3", "indirect", "the budget was approved", "E1", "According to", via=(("E3", "spokesperson"),)
                ),
                quote(t, "Q4", "indirect", "he would resign", "E4", "told", via=(("E5", "outlet"),)),
            ],
        ),
        annotation(
            "war",
            w,
            [
                quote(w, "Q1", "indirect", "Haftar told reporters that the war was over", "E6"),
                quote(w, "Q2", "indirect", "the war was over", "E7", "told", parent="Q1"),
            ],
        ),
        annotation("only_a", OTHER, []),
    ]


def annotator_b() -> list[Annotation]:
    """A's work with four differences in `bridge`: Q2 missed, Q1 given to Tom Reed, the council
    spokesman a relay, Q4 mixed. `war` is the same with the quote ids swapped."""
    t, w = BRIDGE, WAR
    return [
        annotation(
            "bridge",
            t,
            [
                quote(t, "Q1", "indirect", "the bridge would reopen in June", "E2"),
                quote(t, "Q3", "indirect", "the budget was approved", "E1", "According to", via=(("E3", "relay"),)),
                quote(t, "Q4", "mixed", "he would resign", "E4", "told", via=(("E5", "outlet"),)),
            ],
        ),
        annotation(
            "war",
            w,
            [
                quote(w, "Q2", "indirect", "Haftar told reporters that the war was over", "E6"),
                quote(w, "Q1", "indirect", "the war was over", "E7", "told", parent="Q2"),
            ],
        ),
        annotation("only_b", OTHER, []),
    ]


def write(folder: Path, annotations: list[Annotation]) -> Path:
    folder.mkdir()
    for a in annotations:
        write_annotation(a, folder / f"{a.document.id}.json")
    return folder


@pytest.fixture
def folders(tmp_path: Path) -> tuple[Path, Path]:
    return write(tmp_path / "a", annotator_a()), write(tmp_path / "b", annotator_b())


def test_each_field_counts_the_known_differences(folders: tuple[Path, Path]) -> None:
    agreement = compare_folders(*folders)
    assert [d.doc_id for d in agreement.documents] == ["bridge", "war"]
    assert agreement.only_in_a == ["only_a"] and agreement.only_in_b == ["only_b"]
    f = figures(agreement.counts)
    # A 4 + 2 segments, B 3 + 2; the missed Q2 is the only unmatched one
    assert (f["segments"]["a"], f["segments"]["b"], f["segments"]["matched"]) == (6, 5, 5)
    assert f["segments"]["P"] == 1.0 and f["segments"]["R"] == pytest.approx(5 / 6)
    assert f["segments"]["F"] == pytest.approx(2 * 5 / (6 + 5))
    assert f["strict"]["exact"] == 5
    assert (f["speaker"]["agreed"], f["speaker"]["compared"]) == (4, 5)  # Q1 given to Tom Reed
    assert (f["type"]["agreed"], f["type"]["compared"]) == (4, 5)  # Q4 mixed
    assert (f["status"]["agreed"], f["cue"]["agreed"], f["parent"]["agreed"]) == (5, 5, 5)  # ids swapped in war
    assert (f["intermediaries"]["both"], f["intermediaries"]["a_only"], f["intermediaries"]["b_only"]) == (2, 0, 0)
    assert (f["roles"]["agreed"], f["roles"]["compared"]) == (1, 2)  # spokesperson vs relay
    # types: indirect/indirect x4 (observed 4/5), A all indirect, B 4 indirect + 1 mixed (expected 4/5): kappa 0
    assert f["type"]["kappa"] == pytest.approx(0.0)
    # all statuses accepted: chance agreement is total, kappa undefined
    assert f["status"]["kappa"] is None


def test_the_bridge_article_alone(folders: tuple[Path, Path]) -> None:
    bridge = compare_folders(*folders).documents[0]
    f = figures(bridge.counts)
    assert f["segments"]["F"] == pytest.approx(6 / 7)
    assert f["speaker"]["rate"] == pytest.approx(2 / 3)
    assert f["type"]["rate"] == pytest.approx(2 / 3)


def test_detection_and_speaker_are_evals_figures_with_a_as_gold() -> None:
    for a, b in zip(annotator_a(), annotator_b(), strict=True):
        if a.document.id == "only_a":
            continue
        counts = score_document(a, b).counts
        agreement = figures(compare_documents(a, b).counts)
        assert agreement["segments"]["matched"] == counts.matched
        assert agreement["strict"]["exact"] == counts.exact
        assert agreement["speaker"]["agreed"] == counts.attributed


def test_swapping_the_folders_keeps_f1_and_swaps_precision_and_recall(folders: tuple[Path, Path]) -> None:
    ab = figures(compare_folders(*folders).counts)["segments"]
    ba = figures(compare_folders(*reversed(folders)).counts)["segments"]
    assert ab["F"] == pytest.approx(ba["F"])
    assert (ab["P"], ab["R"]) == pytest.approx((ba["R"], ba["P"]))


def test_identical_folders_agree_everywhere(folders: tuple[Path, Path]) -> None:
    a = folders[0]
    f = figures(compare_folders(a, a).counts)
    assert f["segments"]["F"] == f["strict"]["F"] == f["intermediaries"]["F"] == 1.0
    for name in ("speaker", "type", "status", "cue", "parent", "roles"):
        assert f[name]["rate"] == 1.0, name
    assert f["type"]["kappa"] == pytest.approx(1.0)


def test_kappa_by_hand() -> None:
    # 10 items: 4 x/x, 1 x/y, 2 y/x, 3 y/y -> observed .7, expected (5*6 + 5*4)/100 = .5, kappa .4
    assert kappa(Counter({("x", "x"): 4, ("x", "y"): 1, ("y", "x"): 2, ("y", "y"): 3})) == pytest.approx(0.4)
    assert kappa(Counter()) is None


def test_cli_text(folders: tuple[Path, Path], capsys: pytest.CaptureFixture) -> None:
    assert main(["agree", *map(str, folders), "--docs"]) == 0
    out = capsys.readouterr().out
    assert "articles 2 in both, 1 only in A, 1 only in B" in out
    assert "segments        A 6 B 5 matched 5  P 1.000 R 0.833 F1 0.909" in out
    assert "speaker         4/5 0.800" in out
    assert "roles           1/2 0.500" in out
    assert "only in A: only_a" in out and "only in B: only_b" in out
    assert out.startswith("bridge\n")


def test_cli_json(folders: tuple[Path, Path], capsys: pytest.CaptureFixture) -> None:
    assert main(["agree", *map(str, folders), "--json", "--docs"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["documents"] == 2
    assert data["type"] == {"agreed": 4, "compared": 5, "rate": 0.8, "kappa": pytest.approx(0.0)}
    assert data["only_in_a"] == ["only_a"] and data["only_in_b"] == ["only_b"]
    assert data["per_document"]["war"]["parent"]["rate"] == 1.0


def test_cli_errors(folders: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    a, _ = folders
    assert main(["agree", str(a), str(tmp_path / "nowhere")]) == 2
    assert "does not exist" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["agree", str(a), str(empty)]) == 2
    assert "no attribution files" in capsys.readouterr().err
    other = write(tmp_path / "other", [annotation("elsewhere", OTHER, [])])
    assert main(["agree", str(a), str(other)]) == 2
    assert "no article is in both" in capsys.readouterr().err
    (other / "broken.json").write_text("{", encoding="utf-8")
    write_annotation(annotator_a()[0], other / "bridge.json")
    assert main(["agree", str(a), str(other)]) == 1, "a bad file is reported and skipped, the rest compared: exit 1"
    printed = capsys.readouterr()
    assert "broken.json" in printed.err and "articles 1 in both" in printed.out


def test_cli_skips_the_registry_and_backups(folders: tuple[Path, Path], capsys: pytest.CaptureFixture) -> None:
    """A folder the editor used holds quoteapp-registry.json and *.before-change.json: not annotations."""
    a, b = folders
    (b / "quoteapp-registry.json").write_text('{"schema": "quoteapp/registry", "version": 1}', encoding="utf-8")
    backup = next(p for p in sorted(b.glob("*.json")) if p.name != "quoteapp-registry.json")
    (b / backup.name.replace(".json", ".before-change.json")).write_bytes(backup.read_bytes())
    assert main(["agree", str(a), str(b)]) == 0
    assert capsys.readouterr().err == ""
