"""The metric of attribution-format.md over `Annotation` objects: the figures of `shared/tools/score.py`.

Units are content segments trimmed of spaces and punctuation at the edges. A predicted unit matches a
gold one when their spans overlap with Jaccard >= 0.5, one-to-one, best pairs first (ties: the later
predicted unit, then the later gold unit, as score.py sorts). Gold quotes marked `optional` neither
reward nor punish; in a gold document with `nested_annotated: false` an unmatched prediction lying
inside a gold unit is not counted; `rejected` quotes are not counted at all. A match is attributed
correctly when the predicted speaker names the gold speaker (or one of its `speaker_alternatives`),
or when the two speaker mentions overlap. Intermediaries are scored per gold quote, by the same
naming. The `overlap30` figures follow the Gender Gap Tracker: a prediction covering at least 30%
of a gold unit finds it, and speaker accuracy is taken over those finds.

Speaker identity, on gold that groups mentions into entities (not `"speakers_grouped": false`):
`attribution_identity` counts a match only when the predicted entity's own name names the gold
speaker with no clash of given names ("Michelle Obama" does not name Barack Obama, "Mr. Obama"
does); `speaker_clusters` is B-cubed precision and recall of how the matched quotes are grouped by
speaker entity (precision falls when two people are merged, recall when one is split).

The figures must stay equal to score.py's, which is the reference the shared gold is published
with: change both or neither.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from quoteapp.corpus.folder import read_annotation_folder
from quoteapp.evaluation.names import names_of as names_of  # re-exported: imported from here
from quoteapp.evaluation.names import normalize_name as normalize_name  # re-exported: imported from here
from quoteapp.evaluation.names import same_referent as same_referent  # re-exported: imported from here
from quoteapp.evaluation.units import (
    Judgement,
    Unit,
    _count_intermediaries,
    b_cubed,
    cluster_items,
    gold_coverage,
    identified,
    judge,
    match_units,
    units_of,
)
from quoteapp.evaluation.units import speaker_correct as speaker_correct  # re-exported: imported from here
from quoteapp.evaluation.units import trim as trim  # re-exported: imported from here
from quoteapp.model import QUOTE_TYPES, Annotation
from quoteapp.model.alignment import offset_carrier

COVERAGE_THRESHOLD = 0.3


# --------------------------------------------------------------------------- counts and figures


@dataclass
class Counts:
    """The raw counts of one document, or summed over many (`+`)."""

    gold: int = 0  # gold units that count (not optional)
    predicted: int = 0  # predicted units that count
    matched: int = 0  # predicted units matching a gold unit (Jaccard >= 0.5)
    exact: int = 0  # of them, with the same trimmed span
    attributed: int = 0  # of them, with the right speaker
    via_tp: int = 0
    via_fp: int = 0
    via_fn: int = 0
    overlap30_predicted: int = 0  # the same three, matching by 30% gold coverage
    overlap30_matched: int = 0
    overlap30_attributed: int = 0
    missing: int = 0  # 1 for a gold document without a prediction
    identity_tp: int = 0  # matches whose predicted entity's own name names the gold speaker
    identity_predicted: int = 0  # `predicted` and `gold`, on gold that groups speakers only
    identity_gold: int = 0
    clusters_precision: float = 0.0  # summed B-cubed precision and recall over cluster_items
    clusters_recall: float = 0.0
    clusters_items: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1."""

    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, correct: int, predicted: int, found: int, gold: int) -> PRF:
        """From separate numerators: `correct` of `predicted` for precision, `found` of `gold` for recall."""
        p = correct / predicted if predicted else 0.0
        r = found / gold if gold else 0.0
        return cls(p, r, 2 * p * r / (p + r) if p + r else 0.0)

    @classmethod
    def from_counts(cls, tp: int, predicted: int, gold: int) -> PRF:
        return cls.of(tp, predicted, tp, gold)

    def as_dict(self) -> dict[str, float]:
        """The {"P", "R", "F"} shape of score.py's JSON."""
        return {"P": self.precision, "R": self.recall, "F": self.f1}


@dataclass(frozen=True)
class Scores:
    """Every figure score.py reports."""

    detection: PRF
    detection_strict: PRF
    attribution: PRF
    intermediaries: PRF
    detection_overlap30: PRF
    speaker_accuracy_overlap30: float
    attribution_identity: PRF
    speaker_clusters: PRF

    #: The P/R/F figures, in score.py's order.
    MEASURES = (
        "detection",
        "detection_strict",
        "attribution",
        "intermediaries",
        "detection_overlap30",
        "attribution_identity",
        "speaker_clusters",
    )

    @classmethod
    def from_counts(cls, c: Counts) -> Scores:
        return cls(
            detection=PRF.from_counts(c.matched, c.predicted, c.gold),
            detection_strict=PRF.from_counts(c.exact, c.predicted, c.gold),
            attribution=PRF.from_counts(c.attributed, c.predicted, c.gold),
            intermediaries=PRF.from_counts(c.via_tp, c.via_tp + c.via_fp, c.via_tp + c.via_fn),
            detection_overlap30=PRF.from_counts(c.overlap30_matched, c.overlap30_predicted, c.gold),
            speaker_accuracy_overlap30=c.overlap30_attributed / c.overlap30_matched if c.overlap30_matched else 0.0,
            attribution_identity=PRF.from_counts(c.identity_tp, c.identity_predicted, c.identity_gold),
            speaker_clusters=_b_cubed_prf(c),
        )


def _b_cubed_prf(c: Counts) -> PRF:
    n = c.clusters_items
    p, r = (c.clusters_precision / n, c.clusters_recall / n) if n else (0.0, 0.0)
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class TypeCounts:
    """Counts of one quote type: recall by the gold quote's type, precision by the predicted quote's type."""

    gold: int = 0
    found: int = 0  # gold units of this type that a prediction matched
    found_exact: int = 0
    found_attributed: int = 0
    predicted: int = 0
    correct: int = 0  # predicted units of this type that matched a gold unit
    correct_exact: int = 0
    correct_attributed: int = 0

    def __add__(self, other: TypeCounts) -> TypeCounts:
        return TypeCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True)
class TypeScores:
    """Detection, strict detection and attribution for one quote type."""

    detection: PRF
    detection_strict: PRF
    attribution: PRF
    gold: int
    predicted: int

    @classmethod
    def from_counts(cls, c: TypeCounts) -> TypeScores:
        return cls(
            detection=PRF.of(c.correct, c.predicted, c.found, c.gold),
            detection_strict=PRF.of(c.correct_exact, c.predicted, c.found_exact, c.gold),
            attribution=PRF.of(c.correct_attributed, c.predicted, c.found_attributed, c.gold),
            gold=c.gold,
            predicted=c.predicted,
        )


@dataclass(frozen=True)
class ErrorItem:
    """One error to study: a miss (gold unit found by nothing), a false alarm (predicted unit matching
    nothing) or a wrong speaker (a match attributed to someone else). Offsets are in the gold text."""

    kind: str  # "miss", "false_alarm" or "wrong_speaker"
    quote_id: str  # the gold quote, or the predicted one for a false alarm
    quote_type: str
    start: int
    end: int
    text: str
    speaker: str | None  # the speaker of that quote
    predicted_quote_id: str | None = None  # for a wrong speaker: the predicted quote and its speaker
    predicted_speaker: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


MISS, FALSE_ALARM, WRONG_SPEAKER = "miss", "false_alarm", "wrong_speaker"


@dataclass
class DocumentScore:
    """The counts of one gold document (and its errors, when asked for)."""

    doc_id: str
    counts: Counts
    by_type: dict[str, TypeCounts]
    errors: list[ErrorItem] | None = None

    @property
    def missing(self) -> bool:
        return self.counts.missing > 0

    @property
    def scores(self) -> Scores:
        return Scores.from_counts(self.counts)


def _count_types(
    predicted: Sequence[Unit], gold: Sequence[Unit], judgements: Iterable[Judgement]
) -> dict[str, TypeCounts]:
    """Per quote type: gold units and their finds by the gold type, predicted units and hits by the predicted type."""
    by_type = {t: TypeCounts() for t in QUOTE_TYPES}

    def of(quote_type: str) -> TypeCounts:
        return by_type.setdefault(quote_type, TypeCounts())

    for y in gold:
        if not y.optional:
            of(y.quote_type).gold += 1
    for jd in judgements:
        p = of(predicted[jd.predicted].quote_type)
        p.predicted += 1
        if jd.gold is None:
            continue
        g = of(gold[jd.gold].quote_type)
        p.correct += 1
        g.found += 1
        p.correct_exact += jd.exact
        g.found_exact += jd.exact
        p.correct_attributed += jd.attributed
        g.found_attributed += jd.attributed
    return by_type


def _list_errors(
    predicted: Sequence[Unit], gold: Sequence[Unit], judgements: Sequence[Judgement], text: str
) -> list[ErrorItem]:
    """Misses, false alarms and wrong speakers, in the order they occur in the text."""
    found = {jd.gold for jd in judgements if jd.gold is not None}
    errors: list[ErrorItem] = []
    for j, y in enumerate(gold):
        if not y.optional and j not in found:
            errors.append(
                ErrorItem(MISS, y.quote_id, y.quote_type, *y.span, text[y.span[0] : y.span[1]], y.speaker_label)
            )
    for jd in judgements:
        x = predicted[jd.predicted]
        if jd.gold is None:
            errors.append(
                ErrorItem(FALSE_ALARM, x.quote_id, x.quote_type, *x.span, text[x.span[0] : x.span[1]], x.speaker_label)
            )
        elif not jd.attributed:
            y = gold[jd.gold]
            errors.append(
                ErrorItem(
                    WRONG_SPEAKER,
                    y.quote_id,
                    y.quote_type,
                    *y.span,
                    text[y.span[0] : y.span[1]],
                    y.speaker_label,
                    x.quote_id,
                    x.speaker_label,
                )
            )
    errors.sort(key=lambda e: (e.start, e.end))
    return errors


def score_document(gold: Annotation, predicted: Annotation | None, *, with_errors: bool = False) -> DocumentScore:
    """Score one prediction (None: missing) against its gold annotation."""
    text = gold.document.text
    gold_units = units_of(gold, text)
    predicted_units = (
        units_of(predicted, text, offset_carrier(predicted.document.text, text)) if predicted is not None else []
    )
    nested = gold.document.nested_annotated
    grouped = gold.document.extra.get("speakers_grouped", True) is not False

    matching = match_units(predicted_units, gold_units)
    judgements = judge(predicted_units, gold_units, matching, nested)
    loose = judge(
        predicted_units, gold_units, match_units(predicted_units, gold_units, gold_coverage, COVERAGE_THRESHOLD), nested
    )
    via_tp, via_fp, via_fn = _count_intermediaries(predicted_units, gold_units, matching)
    counts = Counts(
        gold=sum(not y.optional for y in gold_units),
        predicted=len(judgements),
        matched=sum(jd.gold is not None for jd in judgements),
        exact=sum(jd.exact for jd in judgements),
        attributed=sum(jd.attributed for jd in judgements),
        via_tp=via_tp,
        via_fp=via_fp,
        via_fn=via_fn,
        overlap30_predicted=len(loose),
        overlap30_matched=sum(jd.gold is not None for jd in loose),
        overlap30_attributed=sum(jd.attributed for jd in loose),
        missing=int(predicted is None),
    )
    if grouped:
        items = cluster_items(predicted_units, gold_units, matching)
        b3_precision, b3_recall = b_cubed(items)
        counts.identity_tp = sum(
            identified(predicted_units[jd.predicted], gold_units[jd.gold], jd.attributed)
            for jd in judgements
            if jd.gold is not None
        )
        counts.identity_predicted, counts.identity_gold = counts.predicted, counts.gold
        counts.clusters_precision, counts.clusters_recall, counts.clusters_items = b3_precision, b3_recall, len(items)
    errors = _list_errors(predicted_units, gold_units, judgements, text) if with_errors else None
    return DocumentScore(gold.document.id, counts, _count_types(predicted_units, gold_units, judgements), errors)


# --------------------------------------------------------------------------- many documents


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be read, and why: reported and skipped (as score.py does for predictions)."""

    path: Path
    message: str


@dataclass
class Evaluation:
    """The documents of a gold set scored against predictions, and the prediction and gold files left out."""

    documents: list[DocumentScore]
    unreadable: list[Unreadable] = field(default_factory=list)
    unreadable_gold: list[Unreadable] = field(default_factory=list)

    @property
    def counts(self) -> Counts:
        return sum((d.counts for d in self.documents), Counts())

    @property
    def scores(self) -> Scores:
        return Scores.from_counts(self.counts)

    @property
    def type_counts(self) -> dict[str, TypeCounts]:
        total = {t: TypeCounts() for t in QUOTE_TYPES}
        for d in self.documents:
            for t, c in d.by_type.items():
                total[t] = total.get(t, TypeCounts()) + c
        return total

    def by_type(self) -> dict[str, TypeScores]:
        return {t: TypeScores.from_counts(c) for t, c in self.type_counts.items()}

    def document(self, doc_id: str) -> DocumentScore | None:
        return next((d for d in self.documents if d.doc_id == doc_id), None)

    def summary(self) -> dict[str, Any]:
        """The JSON object score.py prints, key for key."""
        c, s = self.counts, self.scores
        out: dict[str, Any] = {
            "documents": len({d.doc_id for d in self.documents}),
            "missing_predictions": c.missing,
            "gold_segments": c.gold,
            "predicted_segments": c.predicted,
        }
        for name in Scores.MEASURES:
            out[name] = getattr(s, name).as_dict()
        out["speaker_accuracy_overlap30"] = s.speaker_accuracy_overlap30
        return out


def index_predictions(predictions: Iterable[tuple[Path, Annotation]]) -> dict[str, Annotation]:
    """Key predictions by document id, and by file stem where that key is still free (score.py's pairing)."""
    index: dict[str, Annotation] = {}
    for path, annotation in predictions:
        index[annotation.document.id or path.stem] = annotation
        index.setdefault(path.stem, annotation)
    return index


def read_predictions(pred_dir: Path) -> tuple[dict[str, Annotation], list[Unreadable]]:
    """Read the attribution files of a folder (formats.folder's rule); failures are returned apart, not raised."""
    read = read_annotation_folder(pred_dir)
    return index_predictions(read.annotations), [Unreadable(path, message) for path, message in read.problems]


def read_gold(gold_dir: Path) -> tuple[list[tuple[Path, Annotation]], list[Unreadable]]:
    """Read the gold folder like any other: a gold file that fails is returned apart, and left out of the figures."""
    read = read_annotation_folder(gold_dir)
    return read.annotations, [Unreadable(path, message) for path, message in read.problems]


def _wants_errors(with_errors: bool | Collection[str], doc_id: str) -> bool:
    return with_errors if isinstance(with_errors, bool) else doc_id in with_errors


def evaluate(
    gold: Iterable[tuple[Path, Annotation]],
    predictions: Mapping[str, Annotation],
    *,
    with_errors: bool | Collection[str] = False,
) -> Evaluation:
    """Score each gold annotation against the prediction of the same id (else file stem).

    `with_errors`: True for the error list of every document, or the ids of the documents wanted.
    """
    documents = []
    for path, annotation in gold:
        doc_id = annotation.document.id
        predicted = predictions.get(doc_id)
        if predicted is None:
            predicted = predictions.get(path.stem)
        documents.append(score_document(annotation, predicted, with_errors=_wants_errors(with_errors, doc_id)))
    return Evaluation(documents)


def evaluate_folders(gold_dir: Path, pred_dir: Path, *, with_errors: bool | Collection[str] = False) -> Evaluation:
    """Score a folder of predictions against a folder of gold files: what `quoteapp eval` and score.py do."""
    gold, unreadable_gold = read_gold(Path(gold_dir))
    predictions, unreadable = read_predictions(Path(pred_dir))
    evaluation = evaluate(gold, predictions, with_errors=with_errors)
    evaluation.unreadable = unreadable
    evaluation.unreadable_gold = unreadable_gold
    return evaluation
