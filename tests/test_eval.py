"""The scorer and `quoteapp eval`: the same figures as shared/tools/score.py, and hand-checked cases.

(a) agreement with score.py on perturbed copies of the shared gold files; (b) small cases on texts
written here, whose figures are worked out by hand; (c) figures by quote type and the error list;
(d) the command line.
"""

from __future__ import annotations

import copy
import json
import os
import random
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from quoteapp.evaluation.scoring import (
    FALSE_ALARM,
    MISS,
    WRONG_SPEAKER,
    Evaluation,
    evaluate_folders,
    names_of,
    normalize_name,
    same_referent,
    score_document,
    trim,
)
from quoteapp.formats.attribution import read_annotation, write_annotation
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker

REPO = Path(__file__).resolve().parent.parent
MEASURES = (
    "detection",
    "detection_strict",
    "attribution",
    "intermediaries",
    "detection_overlap30",
    "attribution_identity",
    "speaker_clusters",
)


# =========================================================================== helpers


def run_cli(*args: str) -> tuple[int, str, str]:
    """Run `quoteapp ...` in a child process, as a user would: (exit code, stdout, stderr)."""
    proc = subprocess.run(
        [sys.executable, "-m", "quoteapp", *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=300,
    )
    return proc.returncode, proc.stdout, proc.stderr


def run_eval(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `quoteapp eval ...` in this process (fast): (exit code, stdout, stderr)."""
    from quoteapp.cli import main

    capsys.readouterr()
    code = main(["eval", *args])
    out = capsys.readouterr()
    return code, out.out, out.err


def score_py(shared: Path, gold: Path, pred: Path, *flags: str) -> str:
    proc = subprocess.run(
        [sys.executable, str(shared / "tools" / "score.py"), str(gold), str(pred), *flags],
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return proc.stdout


def assert_same_figures(expected: dict, actual: dict) -> None:
    """Every figure score.py reports, equal to 1e-9."""
    for key, value in expected.items():
        if isinstance(value, dict):
            for part, number in value.items():
                assert actual[key][part] == pytest.approx(number, abs=1e-9), f"{key}.{part}"
        else:
            assert actual[key] == pytest.approx(value, abs=1e-9), key


# --------------------------------------------------------------------------- perturbations of gold files

Perturbation = Callable[[Annotation, random.Random], None]


def _respan(text: str, start: int, end: int) -> Span | None:
    start, end = max(0, min(start, len(text))), max(0, min(end, len(text)))
    return Span.of(text, start, end) if end > start else None


def move_segments(ann: Annotation, rng: random.Random) -> None:
    """Shift, trim or extend segment edges by a little or a lot, so some still match and some do not."""
    text = ann.document.text
    for q in ann.quotes:
        new = []
        for s in q.segments:
            if rng.random() < 0.5:
                size = s.end - s.start
                d1 = rng.choice([-3, -1, 1, 2, 8, size // 3, -size // 2, size // 2])
                d2 = rng.choice([-4, -1, 1, 5, -size // 3, size // 2, -size // 2, size])
                s = _respan(text, s.start + d1, s.end + d2) or s
            new.append(s)
        q.segments = new


def drop_quotes(ann: Annotation, rng: random.Random) -> None:
    ann.quotes = [q for q in ann.quotes if rng.random() > 0.25]


def swap_speakers(ann: Annotation, rng: random.Random) -> None:
    """Other entities as speakers, with or without the gold mention; some pronoun-only speakers."""
    he = Entity(ann.next_id("E"), "person", "he")
    ann.entities.append(he)
    text = ann.document.text
    for q in ann.quotes:
        r = rng.random()
        mention = q.speaker.mention if q.speaker else None
        if r < 0.25:
            q.speaker = Speaker(rng.choice(ann.entities).id, mention if rng.random() < 0.5 else None)
        elif r < 0.35:
            q.speaker = None
        elif r < 0.5:
            pos = rng.randrange(0, len(text) - 3)
            q.speaker = Speaker(he.id, mention if rng.random() < 0.5 else Span.of(text, pos, pos + 2))


def duplicate_quotes(ann: Annotation, rng: random.Random) -> None:
    """Copies of quotes with the same spans and another speaker: ties that score.py breaks in a set order."""
    for q in list(ann.quotes):
        if rng.random() < 0.2:
            dup = copy.deepcopy(q)
            dup.id = ann.next_id("Q")
            dup.speaker = Speaker(rng.choice(ann.entities).id) if ann.entities else None
            ann.quotes.append(dup)


def split_quotes(ann: Annotation, rng: random.Random) -> None:
    """Each segment of a split quote as a quote of its own, with other intermediaries: which predicted
    quote stands for the gold quote decides the intermediary figures."""
    for q in list(ann.quotes):
        if len(q.segments) < 2 or rng.random() < 0.3:
            continue
        for segment in q.segments[1:]:
            part = copy.deepcopy(q)
            part.id, part.segments = ann.next_id("Q"), [segment]
            part.intermediaries = [Intermediary(rng.choice(ann.entities).id, "relay")] if rng.random() < 0.6 else []
            ann.quotes.append(part)
        q.segments = q.segments[:1]


def add_false_quotes(ann: Annotation, rng: random.Random) -> None:
    text = ann.document.text
    for _ in range(rng.randint(1, 4)):
        start = rng.randrange(0, max(1, len(text) - 130))
        span = _respan(text, start, start + rng.randint(20, 120))
        if span is None or not text[span.start : span.end].strip(" \n.,"):
            continue
        speaker = Speaker(rng.choice(ann.entities).id) if ann.entities else None
        vias = [Intermediary(rng.choice(ann.entities).id, "relay")] if ann.entities and rng.random() < 0.5 else []
        ann.quotes.append(
            Quote(
                ann.next_id("Q"),
                rng.choice(["direct", "indirect", "mixed"]),
                [span],
                speaker=speaker,
                intermediaries=vias,
            )
        )


def change_intermediaries(ann: Annotation, rng: random.Random) -> None:
    """Remove some, add others (twice the same entity sometimes: score.py counts a list, not a set)."""
    if not ann.entities:
        return
    for q in ann.quotes:
        q.intermediaries = [v for v in q.intermediaries if rng.random() > 0.3]
        if rng.random() < 0.3:
            entity = rng.choice(ann.entities).id
            q.intermediaries.append(Intermediary(entity, rng.choice(["spokesperson", "relay", "outlet"])))
            if rng.random() < 0.2:
                q.intermediaries.append(Intermediary(entity, "outlet"))


def reject_some(ann: Annotation, rng: random.Random) -> None:
    for q in ann.quotes:
        if rng.random() < 0.15:
            q.status = "rejected"


def nest_quotes(ann: Annotation, rng: random.Random) -> None:
    """Quotes inside others: not counted against a gold that marks only the outermost quotes."""
    text = ann.document.text
    for q in list(ann.quotes):
        s = q.segments[0]
        if s.end - s.start > 40 and rng.random() < 0.4:
            inner = _respan(text, s.start + 10, s.end - rng.randint(5, 25))
            if inner:
                ann.quotes.append(
                    Quote(
                        ann.next_id("Q"),
                        "indirect",
                        [inner],
                        speaker=Speaker(rng.choice(ann.entities).id) if ann.entities else None,
                    )
                )


def as_prediction(ann: Annotation) -> None:
    """What an extractor writes: no gold-only fields, parents that still exist."""
    ids = {q.id for q in ann.quotes}
    for q in ann.quotes:
        q.extra.pop("optional", None)
        q.extra.pop("speaker_alternatives", None)
        if q.parent not in ids:
            q.parent = None
        if q.status != "rejected":
            q.status = "auto"
    ann.document.extra.pop("nested_annotated", None)


def insert_text(ann: Annotation, at_start: str, middle: str) -> Annotation:
    """The same annotation on a slightly different text (chars put in at the start and mid-way)."""
    old = ann.document.text
    cut = old.find(" ", len(old) // 2)
    new_text = at_start + old[:cut] + middle + old[cut:]

    def moved(o: int) -> int:
        return o + len(at_start) + (len(middle) if o > cut else 0)

    def span(s: Span | None) -> Span | None:
        return None if s is None else Span.of(new_text, moved(s.start), moved(s.end))

    out = copy.deepcopy(ann)
    out.document = Document(ann.document.id, new_text, ann.document.path, ann.document.title)
    for e in out.entities:
        e.mentions = [span(m) for m in e.mentions]
    for q in out.quotes:
        q.segments = [span(s) for s in q.segments]
        q.cue = span(q.cue)
        if q.speaker:
            q.speaker.mention = span(q.speaker.mention)
        for v in q.intermediaries:
            v.mention = span(v.mention)
    return out


SCENARIOS: dict[str, list[Perturbation]] = {
    "boundaries": [move_segments, drop_quotes, split_quotes],
    "speakers": [swap_speakers, duplicate_quotes],
    "noise": [add_false_quotes, split_quotes, change_intermediaries, reject_some, nest_quotes],
    "everything": [
        drop_quotes,
        move_segments,
        split_quotes,
        swap_speakers,
        duplicate_quotes,
        add_false_quotes,
        change_intermediaries,
        reject_some,
        nest_quotes,
    ],
}


def make_predictions(
    gold_dir: Path, out: Path, perturbations: list[Perturbation], seed: int, *, odd_files: bool = False
) -> None:
    """A prediction folder: each gold file perturbed. With `odd_files`: one document's text changed, one
    prediction missing, one file unreadable, one found by its document id under another file name."""
    rng = random.Random(seed)
    out.mkdir()
    gold_files = sorted(gold_dir.glob("*.json"))
    for n, path in enumerate(gold_files):
        ann = read_annotation(path)
        for perturb in perturbations:
            perturb(ann, rng)
        as_prediction(ann)
        target = out / path.name
        if odd_files and n == 0:
            ann = insert_text(ann, "Updated: ", " (video)")
        elif odd_files and n == 1:
            continue  # missing prediction
        elif odd_files and n == 2:
            target = out / "renamed-by-the-extractor.json"
        write_annotation(ann, target)
    if odd_files:
        (out / "zz-broken.json").write_text("{not json", encoding="utf-8")


def gold_subset(shared: Path, corpus: str, tmp_path: Path, step: int) -> Path:
    gold = tmp_path / f"gold-{corpus}"
    gold.mkdir()
    for path in sorted((shared / "gold" / corpus).glob("*.json"))[::step]:
        shutil.copy(path, gold / path.name)
    return gold


# =========================================================================== (a) agreement with score.py


@pytest.mark.parametrize("corpus, step", [("seeds", 1), ("polnear-dev", 12)])
def test_same_figures_as_score_py(
    shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], corpus: str, step: int
) -> None:
    gold = gold_subset(shared, corpus, tmp_path, step)
    imperfect = 0
    for seed, (name, perturbations) in enumerate(SCENARIOS.items()):
        for odd in (False, True):
            pred = tmp_path / f"pred-{name}-{odd}"
            make_predictions(gold, pred, perturbations, seed * 7 + odd, odd_files=odd)
            expected = json.loads(score_py(shared, gold, pred, "--json"))

            assert_same_figures(expected, evaluate_folders(gold, pred).summary())
            code, out, err = run_eval(capsys, str(gold), str(pred), "--json")
            assert code == 0
            assert_same_figures(expected, json.loads(out))
            if odd:
                assert expected["missing_predictions"] == 1
                assert "unreadable prediction zz-broken.json" in err
            imperfect += expected["detection"]["F"] < 1 or expected["attribution"]["F"] < 1
    assert imperfect >= 6, "the perturbations should make the figures move"


def test_text_layout_matches_score_py(shared: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--docs` prints score.py's lines, document by document, then its summary, character for character."""
    gold = gold_subset(shared, "seeds", tmp_path, 1)
    pred = tmp_path / "pred"
    make_predictions(gold, pred, SCENARIOS["everything"], 3, odd_files=True)
    code, out, _ = run_eval(capsys, str(gold), str(pred), "--docs")
    assert code == 0
    assert out == score_py(shared, gold, pred, "--docs")
    assert "MISSING" in out


def test_gold_against_itself_is_perfect(shared: Path) -> None:
    summary = evaluate_folders(shared / "gold" / "seeds", shared / "gold" / "seeds").summary()
    assert summary["missing_predictions"] == 0
    for name in MEASURES:
        assert summary[name] == {"P": 1.0, "R": 1.0, "F": 1.0}


# =========================================================================== (b) hand-made cases

TEXT = (
    "The harbour master, Ines Dalgaard, said the new ferry would start running in April. "
    '"We have waited long enough," Dalgaard told the Coastal Herald. '
    "She added that the old pier will stay open for fishermen. "
    "A councillor said the budget was tight."
)


def span(text: str, fragment: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = text.index(fragment, start + 1)
    return Span.of(text, start, start + len(fragment))


def entities() -> list[Entity]:
    return [
        Entity("E1", "person", "Ines Dalgaard", ["Dalgaard", "the harbour master"]),
        Entity("E2", "outlet", "Coastal Herald", ["the Coastal Herald"]),
        Entity("E3", "anonymous", "a councillor"),
    ]


def gold_annotation(**document_extra: object) -> Annotation:
    """Four quotes of TEXT, all by the harbour master but the last; the second was passed on by the Herald."""
    return Annotation(
        Document("dock", TEXT, extra=dict(document_extra)),
        entities(),
        [
            Quote(
                "Q1",
                "indirect",
                [span(TEXT, "the new ferry would start running in April")],
                speaker=Speaker("E1", span(TEXT, "Ines Dalgaard")),
            ),
            Quote(
                "Q2",
                "direct",
                [span(TEXT, "We have waited long enough,")],
                speaker=Speaker("E1", span(TEXT, "Dalgaard", 1)),
                intermediaries=[Intermediary("E2", "outlet", span(TEXT, "the Coastal Herald"))],
            ),
            Quote(
                "Q3",
                "indirect",
                [span(TEXT, "the old pier will stay open for fishermen")],
                speaker=Speaker("E1", span(TEXT, "She")),
            ),
            Quote(
                "Q4",
                "indirect",
                [span(TEXT, "the budget was tight")],
                speaker=Speaker("E3", span(TEXT, "A councillor")),
            ),
        ],
    )


def figures(gold: Annotation, pred: Annotation | None) -> dict:
    return Evaluation([score_document(gold, pred)]).summary()


def test_perfect_prediction_scores_one() -> None:
    result = figures(gold_annotation(), gold_annotation())
    assert result["gold_segments"] == result["predicted_segments"] == 4
    for name in MEASURES:
        assert result[name] == {"P": 1.0, "R": 1.0, "F": 1.0}
    assert result["speaker_accuracy_overlap30"] == 1.0


def test_missing_prediction_scores_zero() -> None:
    result = figures(gold_annotation(), None)
    assert result["missing_predictions"] == 1
    assert result["detection"] == {"P": 0.0, "R": 0.0, "F": 0.0}


def test_quotation_marks_and_edge_punctuation_do_not_count() -> None:
    pred = gold_annotation()
    pred.quotes[1].segments = [span(TEXT, '"We have waited long enough,"')]
    assert figures(gold_annotation(), pred)["detection_strict"]["F"] == 1.0


def test_speaker_named_by_surname_or_other_entity_counts() -> None:
    """The extractor made its own entity "Dalgaard" (no mention): a token suffix of "Ines Dalgaard"."""
    pred = gold_annotation()
    pred.entities.append(Entity("E9", "person", "Dalgaard"))
    pred.entities.append(Entity("E10", "person", "Ines Dalgaard's"))
    for q in pred.quotes[:2]:
        q.speaker = Speaker("E9")
    pred.quotes[2].speaker = Speaker("E10")
    assert figures(gold_annotation(), pred)["attribution"]["F"] == 1.0


def test_wrong_speaker_costs_attribution_only() -> None:
    pred = gold_annotation()
    pred.quotes[0].speaker = Speaker("E3")  # the councillor instead of the harbour master
    result = figures(gold_annotation(), pred)
    assert result["detection"]["F"] == 1.0
    assert result["attribution"] == {"P": 0.75, "R": 0.75, "F": 0.75}


def test_pronoun_speaker_counts_only_when_the_mentions_overlap() -> None:
    gold = gold_annotation()
    pred = gold_annotation()
    pred.entities.append(Entity("E9", "person", "she"))
    # Q3: "She" at the same place as the gold mention: right. Q1: "She" elsewhere: a pronoun names nobody.
    pred.quotes[2].speaker = Speaker("E9", span(TEXT, "She"))
    pred.quotes[0].speaker = Speaker("E9", span(TEXT, "She"))
    assert figures(gold, pred)["attribution"]["F"] == 0.75
    pred.quotes[0].speaker = Speaker("E9", None)
    assert figures(gold, pred)["attribution"]["F"] == 0.75
    pred.quotes[0].speaker = Speaker("E9", span(TEXT, "Ines"))  # inside the gold mention "Ines Dalgaard"
    assert figures(gold, pred)["attribution"]["F"] == 1.0


def test_speaker_alternatives_are_accepted() -> None:
    gold = gold_annotation()
    gold.quotes[3].extra["speaker_alternatives"] = ["E1"]
    pred = gold_annotation()
    pred.quotes[3].speaker = Speaker("E1")
    assert figures(gold, pred)["attribution"]["F"] == 1.0
    assert figures(gold_annotation(), pred)["attribution"]["F"] == 0.75


def test_optional_gold_quote_neither_rewards_nor_punishes() -> None:
    gold = gold_annotation()
    gold.quotes[3].extra["optional"] = True
    found = figures(gold, gold_annotation())
    assert found["gold_segments"] == 3 and found["predicted_segments"] == 3
    assert found["detection"]["F"] == 1.0
    missed = gold_annotation()
    del missed.quotes[3]
    assert figures(gold, missed)["detection"]["F"] == 1.0


def test_nested_prediction_ignored_where_gold_marks_only_outermost_quotes() -> None:
    pred = gold_annotation()
    pred.quotes.append(Quote("Q9", "indirect", [span(TEXT, "the old pier")], speaker=Speaker("E1")))
    flat = figures(gold_annotation(nested_annotated=False), pred)
    assert flat["predicted_segments"] == 4 and flat["detection"]["P"] == 1.0
    nested = figures(gold_annotation(), pred)  # nested quotes annotated: the extra one is a false alarm
    assert nested["predicted_segments"] == 5
    assert nested["detection"] == {"P": 0.8, "R": 1.0, "F": pytest.approx(2 * 0.8 / 1.8)}


def test_rejected_quotes_are_not_counted() -> None:
    pred = gold_annotation()
    pred.quotes.append(Quote("Q9", "direct", [span(TEXT, "A councillor said")], status="rejected"))
    assert figures(gold_annotation(), pred)["detection"]["P"] == 1.0
    gold = gold_annotation()
    gold.quotes[3].status = "rejected"
    result = figures(gold, pred)
    assert result["gold_segments"] == 3
    assert result["detection"]["P"] == 0.75 and result["detection"]["R"] == 1.0


def test_half_overlap_matches_and_less_does_not() -> None:
    """Jaccard 0.5 is enough; below, the prediction is a false alarm and the gold quote is missed,
    though it may still count for the Gender Gap Tracker's 30% coverage."""
    pred = gold_annotation()
    seg = pred.quotes[0].segments[0]  # 42 characters
    pred.quotes[0].segments = [Span.of(TEXT, seg.start, seg.start + 21)]
    assert figures(gold_annotation(), pred)["detection"]["F"] == 1.0
    pred.quotes[0].segments = [Span.of(TEXT, seg.start, seg.start + 18)]
    result = figures(gold_annotation(), pred)
    assert result["detection"] == {"P": 0.75, "R": 0.75, "F": 0.75}
    assert result["detection_overlap30"]["F"] == 1.0


def test_intermediaries_scored_per_quote_as_entities() -> None:
    gold = gold_annotation()
    pred = gold_annotation()
    pred.quotes[1].intermediaries = []
    pred.quotes[3].intermediaries = [Intermediary("E2", "outlet")]  # not in the gold: a false positive
    assert figures(gold, pred)["intermediaries"] == {"P": 0.0, "R": 0.0, "F": 0.0}
    pred.quotes[1].intermediaries = [Intermediary("E2", "relay")]  # the role does not matter
    assert figures(gold, pred)["intermediaries"] == {"P": 0.5, "R": 1.0, "F": pytest.approx(2 / 3)}


def test_prediction_on_a_changed_text_is_aligned() -> None:
    pred = insert_text(gold_annotation(), "Breaking: ", " indeed")
    assert pred.document.text != TEXT
    assert figures(gold_annotation(), pred)["detection_strict"]["F"] == 1.0


def test_names_compare_by_token_suffix() -> None:
    assert normalize_name("The Coastal Herald's") == "coastal herald"
    assert same_referent(names_of(Entity("E1", "person", "Dalgaard")), names_of(entities()[0]))
    ines = names_of(Entity("E1", "person", "Ines"))
    assert not same_referent(ines, names_of(Entity("E2", "person", "Ines Dalgaard")))
    assert names_of(Entity("E1", "person", "he"), "She") == frozenset()
    assert trim("« Yes. »", 0, 8) == (2, 5)


OBAMAS = "Barack Obama spoke first. Michelle Obama spoke next. Mr. Obama said the vote was close. She said it was fair."


def obama_case() -> tuple[Annotation, Annotation]:
    """Gold: Q1 by Barack (as "Mr. Obama"), Q2 by Michelle (as "She"). The prediction files Q1 under
    Michelle's entity, though its mention "Mr. Obama" is right."""
    text = OBAMAS
    people = [Entity("E1", "person", "Barack Obama", ["Mr. Obama"]), Entity("E2", "person", "Michelle Obama")]
    gold = Annotation(
        Document("obamas", text),
        people,
        [
            Quote("Q1", "indirect", [span(text, "the vote was close")], speaker=Speaker("E1", span(text, "Mr. Obama"))),
            Quote("Q2", "indirect", [span(text, "it was fair")], speaker=Speaker("E2", span(text, "She"))),
        ],
    )
    pred = copy.deepcopy(gold)
    pred.entities[1].aliases = ["Mr. Obama"]
    pred.quotes[0].speaker = Speaker("E2", span(text, "Mr. Obama"))
    return gold, pred


def test_identity_wants_the_entity_named_as_the_gold_speaker() -> None:
    """The old measure takes the right mention as the right speaker; identity looks at the entity's own name."""
    gold, pred = obama_case()
    result = figures(gold, pred)
    assert result["attribution"]["F"] == 1.0
    assert result["attribution_identity"] == {"P": 0.5, "R": 0.5, "F": 0.5}
    pred.entities.append(Entity("E3", "person", "President Obama"))  # a title, no given name: names Barack
    pred.quotes[0].speaker = Speaker("E3")
    assert figures(gold, pred)["attribution_identity"]["F"] == 1.0


def test_speaker_clusters_fall_when_people_are_merged_or_split() -> None:
    gold, pred = obama_case()
    merged = figures(gold, pred)["speaker_clusters"]  # both quotes under E2: precision 1/2, recall 1
    assert (merged["P"], merged["R"]) == (0.5, 1.0)
    split = gold_annotation()
    split.entities.append(Entity("E9", "person", "Ines Dalgaard"))
    split.quotes[2].speaker = Speaker("E9")  # one of her three quotes under a second entity
    result = figures(gold_annotation(), split)["speaker_clusters"]
    assert result["P"] == 1.0
    assert result["R"] == pytest.approx(((2 / 3) * 2 + 1 / 3 + 1) / 4)


def test_identity_and_clusters_not_measured_where_speakers_are_not_grouped() -> None:
    gold, pred = obama_case()
    gold.document.extra["speakers_grouped"] = False
    result = figures(gold, pred)
    assert result["attribution"]["F"] == 1.0
    assert result["attribution_identity"] == result["speaker_clusters"] == {"P": 0.0, "R": 0.0, "F": 0.0}


# =========================================================================== (c) by type, errors


def typed_case() -> tuple[Annotation, Annotation]:
    """Gold: Q1 direct, Q2 indirect, Q3 mixed. Prediction: P1 finds Q1 rightly; P2 finds Q2 but types it
    direct and gives it to the harbour master; Q3 is missed; P3 is a false alarm typed indirect."""
    gold = Annotation(
        Document("dock", TEXT),
        entities(),
        [
            Quote(
                "Q1",
                "direct",
                [span(TEXT, "We have waited long enough,")],
                speaker=Speaker("E1"),
                intermediaries=[Intermediary("E2", "outlet")],
            ),
            Quote(
                "Q2",
                "indirect",
                [span(TEXT, "the budget was tight")],
                speaker=Speaker("E3", span(TEXT, "A councillor")),
            ),
            Quote(
                "Q3",
                "mixed",
                [span(TEXT, "the old pier will stay open for fishermen")],
                speaker=Speaker("E1", span(TEXT, "She")),
            ),
        ],
    )
    pred = Annotation(
        Document("dock", TEXT),
        entities(),
        [
            Quote("P1", "direct", [span(TEXT, "We have waited long enough")], speaker=Speaker("E1")),
            Quote("P2", "direct", [span(TEXT, "the budget was tight")], speaker=Speaker("E1")),
            Quote("P3", "indirect", [span(TEXT, "the new ferry would start")], speaker=Speaker("E2")),
        ],
    )
    return gold, pred


def test_figures_by_quote_type() -> None:
    gold, pred = typed_case()
    by_type = Evaluation([score_document(gold, pred)]).by_type()
    direct, indirect, mixed = by_type["direct"], by_type["indirect"], by_type["mixed"]
    # precision by the predicted type: P1 and P2 are direct and both found; recall by the gold type.
    assert (direct.gold, direct.predicted) == (1, 2)
    assert (direct.detection.precision, direct.detection.recall) == (1.0, 1.0)
    assert (direct.attribution.precision, direct.attribution.recall) == (0.5, 1.0)
    assert (indirect.gold, indirect.predicted) == (1, 1)
    assert (indirect.detection.precision, indirect.detection.recall) == (0.0, 1.0)
    assert indirect.attribution.recall == 0.0
    assert (mixed.gold, mixed.predicted, mixed.detection.recall, mixed.detection.f1) == (1, 0, 0.0, 0.0)


def test_error_list_names_misses_false_alarms_and_wrong_speakers() -> None:
    gold, pred = typed_case()
    errors = score_document(gold, pred, with_errors=True).errors
    assert errors is not None
    assert [(e.kind, e.quote_id, e.quote_type) for e in errors] == [
        (FALSE_ALARM, "P3", "indirect"),
        (MISS, "Q3", "mixed"),
        (WRONG_SPEAKER, "Q2", "indirect"),
    ]
    false_alarm, miss, wrong = errors
    assert false_alarm.text == "the new ferry would start" and false_alarm.speaker == "Coastal Herald"
    assert miss.text == "the old pier will stay open for fishermen" and miss.speaker == "Ines Dalgaard (She)"
    assert wrong.text == "the budget was tight" and wrong.speaker == "a councillor"
    assert (wrong.predicted_quote_id, wrong.predicted_speaker) == ("P2", "Ines Dalgaard")
    assert score_document(gold, pred).errors is None  # only on request


# =========================================================================== (d) the command line


def write_case(tmp_path: Path) -> tuple[Path, Path]:
    gold, pred = typed_case()
    (tmp_path / "gold").mkdir()
    (tmp_path / "pred").mkdir()
    write_annotation(gold, tmp_path / "gold" / "dock.json")
    write_annotation(pred, tmp_path / "pred" / "dock.json")
    return tmp_path / "gold", tmp_path / "pred"


def test_cli_prints_the_figures(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, pred = write_case(tmp_path)
    code, out, err = run_eval(capsys, str(gold), str(pred), "--docs", "--by-type", "--errors", "dock")
    assert code == 0 and err == ""
    lines = out.splitlines()
    # 3 gold, 3 predicted, 2 found, 1 rightly attributed
    assert "dock: gold 3 pred 3 tp 2 attributed 1 via tp/fp/fn 0/0/1" in lines
    assert "documents 1 (missing predictions 0), gold segments 3, predicted 3" in lines
    assert "detection            P 0.667 R 0.667 F1 0.667" in lines
    assert "attribution          P 0.333 R 0.333 F1 0.333" in lines
    assert "intermediaries       P 0.000 R 0.000 F1 0.000" in lines
    assert any(line.startswith("speaker_accuracy_overlap30") for line in lines)
    assert any(line.startswith("direct ") and "predicted     2" in line for line in lines)
    assert "errors in dock: 1 missed, 1 false alarms, 1 wrong speakers" in lines
    assert any("false alarm" in line and "the new ferry would start" in line for line in lines)


def test_cli_json_has_all_requested_parts(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, pred = write_case(tmp_path)
    code, out, _ = run_eval(capsys, str(gold), str(pred), "--json", "--docs", "--by-type", "--errors", "all")
    assert code == 0
    result = json.loads(out)
    assert result["detection"]["F"] == pytest.approx(2 / 3)
    assert result["per_document"]["dock"]["matched"] == 2
    assert result["by_type"]["direct"]["detection"] == {"P": 1.0, "R": 1.0, "F": 1.0}
    assert [e["kind"] for e in result["errors"]["dock"]] == [FALSE_ALARM, MISS, WRONG_SPEAKER]


def test_cli_reports_unreadable_predictions_and_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, pred = write_case(tmp_path)
    (pred / "notes.json").write_text('{"hello": 1}', encoding="utf-8")
    code, out, err = run_eval(capsys, str(gold), str(pred))
    assert code == 0
    assert "unreadable prediction notes.json" in err
    assert "detection            P 0.667" in out


def test_cli_counts_missing_predictions(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, _ = write_case(tmp_path)
    empty = tmp_path / "empty"
    empty.mkdir()
    code, out, _ = run_eval(capsys, str(gold), str(empty))
    assert code == 0
    assert "documents 1 (missing predictions 1), gold segments 3, predicted 0" in out


def test_cli_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    gold, _ = write_case(tmp_path)
    code, out, err = run_cli("eval", str(gold), str(tmp_path / "nowhere"))
    assert code == 2
    assert "nowhere" in err and "does not exist" in err
    assert "Traceback" not in err


def test_cli_unknown_document_for_errors_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    gold, pred = write_case(tmp_path)
    code, _, err = run_eval(capsys, str(gold), str(pred), "--errors", "no-such-doc")
    assert code == 2
    assert "no-such-doc" in err


def test_cli_broken_gold_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """One invalid gold file is reported and left out; the other files are scored; exit 1 (not all the gold)."""
    gold, pred = write_case(tmp_path)
    (gold / "bad.json").write_text("[]", encoding="utf-8")
    code, out, err = run_eval(capsys, str(gold), str(pred))
    assert code == 1
    assert "bad.json" in err and "not a quoteapp attribution file" in err
    assert "documents 1 (missing predictions 0), gold segments 3, predicted 3" in out.splitlines()
    assert "detection            P 0.667 R 0.667 F1 0.667" in out.splitlines()


def test_cli_folder_the_editor_used_is_scored(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The registry file and a before-change backup are not attribution files: neither reported nor scored."""
    gold, pred = write_case(tmp_path)
    for folder in (gold, pred):
        (folder / "quoteapp-registry.json").write_text(
            '{"schema": "quoteapp/registry", "version": 1, "identities": [], "separate": []}', encoding="utf-8"
        )
        (folder / "dock.before-change.json").write_bytes((folder / "dock.json").read_bytes())
    code, out, err = run_eval(capsys, str(gold), str(pred), "--json")
    assert code == 0 and err == ""
    result = json.loads(out)
    assert result["documents"] == 1 and result["gold_segments"] == 3
    assert result["unreadable_predictions"] == [] and result["unreadable_gold"] == []
