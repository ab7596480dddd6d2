"""Agreement between two annotators' attribution files of the same articles, field by field.

The matching is eval's (quoteapp.evaluation.scoring), with annotator A in the place of the gold and
B in that of the prediction: segments match by Jaccard >= 0.5, one-to-one, best pairs first, so that
`agree A B` and `eval A B` give the same detection, strict and speaker figures. Detection F1 is
symmetric (swapping A and B swaps precision and recall); the other fields are compared on the
matched segments only, since a field of a quote one annotator did not mark cannot be compared.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from quoteapp.corpus.folder import read_annotation_folder
from quoteapp.evaluation.names import names_of, same_referent
from quoteapp.evaluation.scoring import PRF, Unreadable, index_predictions
from quoteapp.evaluation.units import Unit, _count_intermediaries, judge, match_units, speaker_correct, units_of
from quoteapp.model import Annotation, Quote
from quoteapp.model.alignment import Carry, offset_carrier

#: The per-quote fields compared on matched segments, in the order they are reported.
MATCHED_FIELDS = ("speaker", "type", "status", "cue", "parent")


@dataclass
class AgreementCounts:
    """The raw counts of one article, or summed over many (`+`)."""

    a_segments: int = 0  # A's segments that count (eval's gold units)
    b_segments: int = 0  # B's segments that count (eval's predicted units)
    matched: int = 0  # segment pairs matched (Jaccard >= 0.5)
    exact: int = 0  # of them, with the same trimmed span
    speaker: int = 0  # of them, with the same speaker (eval's naming rule, or both without one)
    type: int = 0  # ... the same quote type
    status: int = 0  # ... the same status
    cue: int = 0  # ... overlapping cues, or both without a cue
    parent: int = 0  # ... matched parents, or both without a parent
    via_both: int = 0  # intermediaries named by both (eval's per-quote rule)
    via_a_only: int = 0
    via_b_only: int = 0
    roles_compared: int = 0  # intermediaries named by both on a matched quote pair
    roles_agreed: int = 0  # of them, with the same role
    type_pairs: Counter[tuple[str, str]] = field(default_factory=Counter)  # (A's type, B's type) per match
    status_pairs: Counter[tuple[str, str]] = field(default_factory=Counter)

    def __add__(self, other: AgreementCounts) -> AgreementCounts:
        return AgreementCounts(*(getattr(self, f.name) + getattr(other, f.name) for f in fields(self)))


@dataclass(frozen=True)
class Rate:
    """`agreed` of `compared`, and their ratio (1.0 when nothing was compared: nothing disagrees)."""

    agreed: int
    compared: int

    @property
    def value(self) -> float:
        return self.agreed / self.compared if self.compared else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {"agreed": self.agreed, "compared": self.compared, "rate": self.value}


def kappa(pairs: Counter[tuple[str, str]]) -> float | None:
    """Cohen's kappa of two labelings (None when chance agreement is total, so kappa is undefined)."""
    n = sum(pairs.values())
    if not n:
        return None
    observed = sum(c for (a, b), c in pairs.items() if a == b) / n
    left, right = Counter[str](), Counter[str]()
    for (a, b), c in pairs.items():
        left[a] += c
        right[b] += c
    expected = sum(left[k] * right[k] for k in left) / (n * n)
    return None if expected == 1 else (observed - expected) / (1 - expected)


@dataclass
class DocumentAgreement:
    """The counts of one article both annotators have."""

    doc_id: str
    counts: AgreementCounts
    same_text: bool = True


@dataclass
class Agreement:
    """Two folders compared: the articles of both, those of only one, and the files that failed to read."""

    documents: list[DocumentAgreement]
    only_in_a: list[str] = field(default_factory=list)
    only_in_b: list[str] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)

    @property
    def counts(self) -> AgreementCounts:
        return sum((d.counts for d in self.documents), AgreementCounts())

    def summary(self) -> dict[str, Any]:
        return figures(self.counts) | {"documents": len(self.documents)}


def figures(c: AgreementCounts) -> dict[str, Any]:
    """Every figure of a set of counts, as JSON-ready values (P/R: A as reference, B as prediction)."""
    out: dict[str, Any] = {
        "segments": {
            "a": c.a_segments,
            "b": c.b_segments,
            "matched": c.matched,
            **PRF.from_counts(c.matched, c.b_segments, c.a_segments).as_dict(),
        },
        "strict": {"exact": c.exact, **PRF.from_counts(c.exact, c.b_segments, c.a_segments).as_dict()},
    }
    for name in MATCHED_FIELDS:
        out[name] = Rate(getattr(c, name), c.matched).as_dict()
    out["type"]["kappa"] = kappa(c.type_pairs)
    out["status"]["kappa"] = kappa(c.status_pairs)
    out["intermediaries"] = {
        "both": c.via_both,
        "a_only": c.via_a_only,
        "b_only": c.via_b_only,
        **PRF.from_counts(c.via_both, c.via_both + c.via_b_only, c.via_both + c.via_a_only).as_dict(),
    }
    out["roles"] = Rate(c.roles_agreed, c.roles_compared).as_dict()
    return out


# --------------------------------------------------------------------------- one article


def _cue_agrees(qa: Quote, qb: Quote, carry: Carry) -> bool:
    if qa.cue is None or qb.cue is None:
        return qa.cue is None and qb.cue is None
    start, end = carry(qb.cue.start), carry(qb.cue.end)
    return min(qa.cue.end, end) > max(qa.cue.start, start)


def _speaker_agrees(x: Unit, y: Unit, qa: Quote, qb: Quote) -> bool:
    if qa.speaker is None or qb.speaker is None:
        return qa.speaker is None and qb.speaker is None
    return speaker_correct(x, y)


def _roles(a: Annotation, qa: Quote, b: Annotation, qb: Quote) -> tuple[int, int]:
    """(compared, agreed): each of A's intermediaries that B names too on this quote, role against role."""

    def named(ann: Annotation, quote: Quote) -> list[tuple[frozenset[tuple[str, ...]], str]]:
        text = ann.document.text
        out = []
        for via in quote.intermediaries:
            entity = ann.entity(via.entity)
            if entity is not None:
                out.append(
                    (names_of(entity, text[via.mention.start : via.mention.end] if via.mention else None), via.role)
                )
        return out

    theirs = named(b, qb)
    compared = agreed = 0
    for names, role in named(a, qa):
        other = next((r for n, r in theirs if same_referent(n, names)), None)
        if other is not None:
            compared += 1
            agreed += other == role
    return compared, agreed


def compare_documents(a: Annotation, b: Annotation) -> DocumentAgreement:
    """Compare B's annotation of an article with A's, in the coordinates of A's text."""
    text = a.document.text
    carry = offset_carrier(b.document.text, text)
    units_a = units_of(a, text)
    units_b = units_of(b, text, carry)
    nested = a.document.nested_annotated
    matching = match_units(units_b, units_a)
    judgements = judge(units_b, units_a, matching, nested)
    tp, fp, fn = _count_intermediaries(units_b, units_a, matching)
    c = AgreementCounts(
        a_segments=sum(not y.optional for y in units_a),
        b_segments=len(judgements),
        via_both=tp,
        via_a_only=fn,
        via_b_only=fp,
    )

    quotes_a = {q.id: q for q in a.quotes}
    quotes_b = {q.id: q for q in b.quotes}
    pairs = [
        (judgement, units_b[judgement.predicted], units_a[judgement.gold])
        for judgement in judgements
        if judgement.gold is not None
    ]
    quote_pairs = {(y.quote_id, x.quote_id) for _, x, y in pairs}
    for judgement, x, y in pairs:
        qa, qb = quotes_a[y.quote_id], quotes_b[x.quote_id]
        c.matched += 1
        c.exact += judgement.exact
        c.speaker += _speaker_agrees(x, y, qa, qb)
        c.type += qa.type == qb.type
        c.status += qa.status == qb.status
        c.cue += _cue_agrees(qa, qb, carry)
        c.parent += (
            (qa.parent, qb.parent) in quote_pairs
            if qa.parent and qb.parent
            else qa.parent is None and qb.parent is None
        )
        c.type_pairs[qa.type, qb.type] += 1
        c.status_pairs[qa.status, qb.status] += 1
    # roles once per quote pair, on the pair eval uses for intermediaries: A's quote and B's quote of
    # its best-matched segment
    representative: dict[str, str] = {}
    for i, j in matching.items():
        representative.setdefault(units_a[j].quote_id, units_b[i].quote_id)
    for qa_id, qb_id in representative.items():
        if any(y.quote_id == qa_id and y.optional for y in units_a):
            continue
        compared, agreed = _roles(a, quotes_a[qa_id], b, quotes_b[qb_id])
        c.roles_compared += compared
        c.roles_agreed += agreed
    return DocumentAgreement(a.document.id, c, a.document.sha256 == b.document.sha256)


# --------------------------------------------------------------------------- folders


def compare(a: Iterable[tuple[Path, Annotation]], b: Iterable[tuple[Path, Annotation]]) -> Agreement:
    """Pair the articles by document id (else file stem), as eval pairs gold and predictions, and compare."""
    b = list(b)
    index = index_predictions(b)
    used: set[int] = set()
    documents: list[DocumentAgreement] = []
    only_a: list[str] = []
    for path, annotation in a:
        other = index.get(annotation.document.id) or index.get(path.stem)
        if other is None or id(other) in used:
            only_a.append(annotation.document.id or path.stem)
            continue
        used.add(id(other))
        documents.append(compare_documents(annotation, other))
    only_b = [annotation.document.id or path.stem for path, annotation in b if id(annotation) not in used]
    return Agreement(documents, only_a, only_b)


def _read(folder: Path) -> tuple[list[tuple[Path, Annotation]], list[Unreadable]]:
    """The attribution files of a folder with their paths (formats.folder's rule); failures returned apart."""
    read = read_annotation_folder(folder)
    return read.annotations, [Unreadable(path, message) for path, message in read.problems]


def compare_folders(dir_a: Path, dir_b: Path) -> Agreement:
    """Compare the attribution files of two folders; unreadable files are listed, not raised."""
    a, bad_a = _read(Path(dir_a))
    b, bad_b = _read(Path(dir_b))
    agreement = compare(a, b)
    agreement.unreadable = bad_a + bad_b
    return agreement
