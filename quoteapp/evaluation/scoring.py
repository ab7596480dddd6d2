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

import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from quoteapp.corpus.folder import read_annotation_folder
from quoteapp.model import QUOTE_TYPES, Annotation, Entity, Span
from quoteapp.model.alignment import Carry, offset_carrier

#: Characters trimmed from both edges of a segment before it is compared.
EDGE_CHARS = frozenset(" \t\r\n\"'“”‘’«»„‚,.;:!?…-–—()[]")
#: Names that say nothing about who is meant: left out of a speaker's names.
PRONOUNS = frozenset({
    "he", "she", "they", "it", "we", "i", "you", "his", "her", "him", "them", "who", "its",
    "their", "our", "us", "me", "my", "this", "that", "which",
})
DETERMINERS = ("the ", "a ", "an ")
JACCARD_THRESHOLD = 0.5
COVERAGE_THRESHOLD = 0.3

#: A normalized name as a tuple of tokens: ("khalifa", "haftar").
Name = tuple[str, ...]
Names = frozenset[Name]
#: A character span (start, end), end exclusive.
Offsets = tuple[int, int]
#: Maps an offset in a predicted text to the same place in the gold text.
#: How far a predicted span (first) covers a gold span (second), from 0 to 1.
Measure = Callable[[Offsets, Offsets], float]


# --------------------------------------------------------------------------- names


def normalize_name(name: str) -> str:
    """Lower-case, without possessive 's, punctuation or a leading article: the form names are compared in."""
    n = name.lower().replace("’", "'").replace("‘", "'")
    n = re.sub(r"'s\b", "", n)
    n = re.sub(r"[^\w\s-]", " ", n)
    n = " ".join(n.split())
    for determiner in DETERMINERS:  # in turn, as score.py does: "the a x" -> "x"
        if n.startswith(determiner):
            n = n[len(determiner):]
    return n


def names_of(entity: Entity, mention_text: str | None = None) -> Names:
    """Every way the entity is named here (name, aliases, the mention), pronouns left out."""
    out: set[Name] = set()
    for raw in (entity.name or "", *(entity.aliases or []), mention_text or ""):
        key = normalize_name(raw)
        if key and key not in PRONOUNS:
            out.add(tuple(key.split()))
    return frozenset(out)


#: Words before a name that say what someone is, not who: left out when given names are compared.
TITLES = frozenset("""mr mrs ms miss dr prof president vice senator sen rep representative gov governor gen general
marshal minister secretary chancellor king queen prince princess pope judge justice officer sheriff mayor
chief lt col sgt capt captain commander lord lady sir dame rev father sister prime premier ambassador
former late""".split())


def own_name(entity: Entity | None) -> Name | None:
    """The entity's own name, normalized; None for no entity, no name or a pronoun."""
    key = normalize_name(entity.name or "") if entity is not None else ""
    return tuple(key.split()) if key and key not in PRONOUNS else None


def bare(name: Name) -> Name:
    """The name without its titles ("President Obama": "obama"); a name that is all titles stays."""
    return tuple(t for t in name if t not in TITLES) or tuple(name)


def names_person(predicted: Name | None, gold_names: Iterable[Name]) -> bool:
    """The predicted entity's own name names the gold speaker, and no given name clashes.

    It names it when it is a token suffix of a gold name (or the other way round) or stands whole
    inside one ("Ana Pires" in "Ana Pires, the mayor of Ourém"), titles left out. It clashes when a
    gold name has the same surname and other given names, and its own given names are in no gold name.
    """
    mine = bare(predicted or ())
    golds = [b for b in map(bare, gold_names) if b]
    if not mine or not golds:
        return False
    inside = any(mine == g[i:i + len(mine)] for g in golds for i in range(len(g) - len(mine) + 1))
    if not inside and not any(same_referent({mine}, {g}) for g in golds):
        return False
    given = set(mine[:-1])
    every = set().union(*golds)
    return not (given and not given <= every
                and any(len(g) > 1 and g[-1] == mine[-1] and not given & set(g[:-1]) for g in golds))


def b_cubed(items: Sequence[tuple[object, object]]) -> tuple[float, float]:
    """Summed B-cubed precision and recall of (gold cluster, predicted cluster) pairs, one per item."""
    precision = recall = 0.0
    for gold_cluster, predicted_cluster in items:
        same_predicted = [x for x in items if x[1] == predicted_cluster]
        same_gold = sum(1 for x in items if x[0] == gold_cluster)
        both = sum(1 for x in same_predicted if x[0] == gold_cluster)
        precision += both / len(same_predicted)
        recall += both / same_gold
    return precision, recall


def same_referent(predicted: Iterable[Name], gold: Iterable[Name]) -> bool:
    """Names match when one is a token suffix of the other: English noun phrases are head-final."""
    gold = list(gold)
    for p in predicted:
        for g in gold:
            k = min(len(p), len(g))
            if k and p[-k:] == g[-k:]:
                return True
    return False


# --------------------------------------------------------------------------- spans


def trim(text: str, start: int, end: int) -> Offsets:
    """The span without spaces and punctuation at its edges, so quotation marks don't decide a match."""
    while start < end and text[start] in EDGE_CHARS:
        start += 1
    while end > start and text[end - 1] in EDGE_CHARS:
        end -= 1
    return start, end


def jaccard(a: Offsets, b: Offsets) -> float:
    """Shared characters over the characters of either span."""
    inter = max(0, min(a[1], b[1]) - max(a[0], b[0]))
    union = max(a[1], b[1]) - min(a[0], b[0])
    return inter / union if union else 0.0


def gold_coverage(predicted: Offsets, gold: Offsets) -> float:
    """Share of the gold span covered by the predicted one (the Gender Gap Tracker's measure)."""
    inter = max(0, min(predicted[1], gold[1]) - max(predicted[0], gold[0]))
    return inter / (gold[1] - gold[0]) if gold[1] > gold[0] else 0.0


def _overlap(a: Offsets | None, b: Offsets | None) -> bool:
    return a is not None and b is not None and min(a[1], b[1]) > max(a[0], b[0])


def _identity(i: int) -> int:
    return i


# --------------------------------------------------------------------------- units


@dataclass(frozen=True)
class Unit:
    """One trimmed content segment of a quote, with what it takes to judge its attribution."""

    quote_id: str
    quote_type: str
    span: Offsets
    speaker: Names
    alternatives: tuple[Names, ...]
    intermediaries: tuple[Names, ...]
    mention: Offsets | None
    optional: bool
    speaker_label: str | None = None
    entity: str | None = None     # the speaker's entity id, where the entity exists
    own_name: Name | None = None  # the speaker entity's own name (not aliases, not the mention)


def _speaker_label(entity: Entity | None, mention_text: str | None) -> str | None:
    """How a person reading the error list would recognise the speaker: name, and the mention if different."""
    name = entity.name if entity is not None and entity.name else None
    if name and mention_text and normalize_name(mention_text) != normalize_name(name):
        return f"{name} ({mention_text})"
    return name or mention_text


def units_of(annotation: Annotation, text: str, carry: Carry = _identity) -> list[Unit]:
    """The scoring units of an annotation, in the coordinates of `text` (the gold text).

    Mention texts are read from the annotation's own text; spans are carried over to `text`.
    """
    own_text = annotation.document.text
    entities = {e.id: e for e in annotation.entities}
    out: list[Unit] = []
    for quote in annotation.quotes:
        if quote.status == "rejected":
            continue
        speaker = quote.speaker
        mention: Span | None = speaker.mention if speaker is not None else None
        mention_text = own_text[mention.start:mention.end] if mention is not None else None
        mention_span = (carry(mention.start), carry(mention.end)) if mention is not None else None
        entity = entities.get(speaker.entity) if speaker is not None else None
        speaker_names = names_of(entity, mention_text) if entity is not None else frozenset()
        alternatives = tuple(
            names_of(entities[a]) for a in quote.extra.get("speaker_alternatives") or [] if a in entities
        )
        intermediaries = tuple(
            names_of(entities[via.entity], own_text[via.mention.start:via.mention.end] if via.mention else None)
            for via in quote.intermediaries
            if via.entity in entities
        )
        label = _speaker_label(entity, mention_text)
        entity_id = entity.id if entity is not None else None
        for segment in quote.segments:
            start, end = trim(text, carry(segment.start), carry(segment.end))
            if end > start:
                out.append(Unit(quote.id, quote.type, (start, end), speaker_names, alternatives, intermediaries,
                                mention_span, bool(quote.extra.get("optional")), label, entity_id,
                                own_name(entity)))
    return out


def match_units(predicted: Sequence[Unit], gold: Sequence[Unit], measure: Measure = jaccard,
                threshold: float = JACCARD_THRESHOLD) -> dict[int, int]:
    """One-to-one matching, best pairs first: predicted index -> gold index, in the order the pairs were taken.

    Ties go to the higher predicted index, then the higher gold index, exactly as score.py's
    reverse sort of (score, i, j) has it, so that both give the same figures.
    """
    pairs = sorted(((measure(x.span, y.span), i, j) for i, x in enumerate(predicted) for j, y in enumerate(gold)),
                   reverse=True)
    matching: dict[int, int] = {}
    used_gold: set[int] = set()
    for score, i, j in pairs:
        if score < threshold:
            break
        if i in matching or j in used_gold:
            continue
        matching[i] = j
        used_gold.add(j)
    return matching


def speaker_correct(predicted: Unit, gold: Unit) -> bool:
    """The predicted speaker names the gold speaker or an accepted alternative, or points at the same mention."""
    return (same_referent(predicted.speaker, gold.speaker)
            or any(same_referent(predicted.speaker, alt) for alt in gold.alternatives)
            or _overlap(predicted.mention, gold.mention))


@dataclass(frozen=True)
class Judgement:
    """What became of one counted predicted unit: the gold unit it matched (or None) and whether it is right."""

    predicted: int
    gold: int | None
    exact: bool
    attributed: bool


def judge(predicted: Sequence[Unit], gold: Sequence[Unit], matching: Mapping[int, int],
          nested_annotated: bool = True) -> list[Judgement]:
    """Judge the predicted units that count: not those matching an optional gold quote, nor (where the
    gold marks only outermost quotes) unmatched ones lying inside a gold unit."""
    out: list[Judgement] = []
    for i, x in enumerate(predicted):
        j = matching.get(i)
        if j is not None and gold[j].optional:
            continue
        if j is None:
            if not nested_annotated and any(y.span[0] <= x.span[0] and x.span[1] <= y.span[1] for y in gold):
                continue
            out.append(Judgement(i, None, False, False))
            continue
        y = gold[j]
        out.append(Judgement(i, j, x.span == y.span, speaker_correct(x, y)))
    return out


def identified(predicted: Unit, gold: Unit, attributed: bool) -> bool:
    """The predicted entity's own name names the gold speaker; where the gold speaker has no name
    (a pronoun only), the ordinary attribution decides."""
    named = gold.speaker.union(*gold.alternatives)
    return names_person(predicted.own_name, named) if named else attributed


def representatives(gold: Sequence[Unit], matching: Mapping[int, int]) -> dict[str, int]:
    """Gold quote id -> the predicted unit that stands for it: the one of its best-matched segment."""
    out: dict[str, int] = {}
    for i, j in matching.items():
        out.setdefault(gold[j].quote_id, i)
    return out


def cluster_items(predicted: Sequence[Unit], gold: Sequence[Unit],
                  matching: Mapping[int, int]) -> list[tuple[object, object]]:
    """(gold speaker entity, predicted speaker entity) for each matched gold quote with a speaker;
    a predicted quote without a speaker entity is a cluster of its own."""
    representative = representatives(gold, matching)
    first_unit: dict[str, int] = {}
    for j, y in enumerate(gold):
        first_unit.setdefault(y.quote_id, j)
    items: list[tuple[object, object]] = []
    for j, y in enumerate(gold):
        i = representative.get(y.quote_id)
        if y.optional or y.entity is None or i is None or first_unit[y.quote_id] != j:
            continue
        items.append((y.entity, predicted[i].entity or ("none", predicted[i].quote_id)))
    return items


def _count_intermediaries(predicted: Sequence[Unit], gold: Sequence[Unit],
                          matching: Mapping[int, int]) -> tuple[int, int, int]:
    """(tp, fp, fn) of intermediaries, per gold quote.

    A gold quote is stood for by the predicted quote of its best-matched segment; predicted quotes
    matching nothing bring all their intermediaries as false positives.
    """
    representative = representatives(gold, matching)
    tp = fp = fn = 0
    seen: set[str] = set()
    for y in gold:
        if y.optional or y.quote_id in seen:
            continue
        seen.add(y.quote_id)
        i = representative.get(y.quote_id)
        guessed = predicted[i].intermediaries if i is not None else ()
        hits = sum(any(same_referent(a, b) for a in guessed) for b in y.intermediaries)
        tp += hits
        fn += len(y.intermediaries) - hits
        fp += sum(not any(same_referent(a, b) for b in y.intermediaries) for a in guessed)
    matched_quotes = {predicted[i].quote_id for i in matching}
    first_unit: dict[str, Unit] = {}
    for x in predicted:
        first_unit.setdefault(x.quote_id, x)
    fp += sum(len(x.intermediaries) for q, x in first_unit.items() if q not in matched_quotes)
    return tp, fp, fn


# --------------------------------------------------------------------------- counts and figures


@dataclass
class Counts:
    """The raw counts of one document, or summed over many (`+`)."""

    gold: int = 0                 # gold units that count (not optional)
    predicted: int = 0            # predicted units that count
    matched: int = 0              # predicted units matching a gold unit (Jaccard >= 0.5)
    exact: int = 0                # of them, with the same trimmed span
    attributed: int = 0           # of them, with the right speaker
    via_tp: int = 0
    via_fp: int = 0
    via_fn: int = 0
    overlap30_predicted: int = 0  # the same three, matching by 30% gold coverage
    overlap30_matched: int = 0
    overlap30_attributed: int = 0
    missing: int = 0              # 1 for a gold document without a prediction
    identity_tp: int = 0          # matches whose predicted entity's own name names the gold speaker
    identity_predicted: int = 0   # `predicted` and `gold`, on gold that groups speakers only
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
    MEASURES = ("detection", "detection_strict", "attribution", "intermediaries", "detection_overlap30",
                "attribution_identity", "speaker_clusters")

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
    found: int = 0               # gold units of this type that a prediction matched
    found_exact: int = 0
    found_attributed: int = 0
    predicted: int = 0
    correct: int = 0             # predicted units of this type that matched a gold unit
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

    kind: str                            # "miss", "false_alarm" or "wrong_speaker"
    quote_id: str                        # the gold quote, or the predicted one for a false alarm
    quote_type: str
    start: int
    end: int
    text: str
    speaker: str | None                  # the speaker of that quote
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


def _count_types(predicted: Sequence[Unit], gold: Sequence[Unit],
                 judgements: Iterable[Judgement]) -> dict[str, TypeCounts]:
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


def _list_errors(predicted: Sequence[Unit], gold: Sequence[Unit], judgements: Sequence[Judgement],
                 text: str) -> list[ErrorItem]:
    """Misses, false alarms and wrong speakers, in the order they occur in the text."""
    found = {jd.gold for jd in judgements if jd.gold is not None}
    errors: list[ErrorItem] = []
    for j, y in enumerate(gold):
        if not y.optional and j not in found:
            errors.append(ErrorItem(MISS, y.quote_id, y.quote_type, *y.span, text[y.span[0]:y.span[1]],
                                    y.speaker_label))
    for jd in judgements:
        x = predicted[jd.predicted]
        if jd.gold is None:
            errors.append(ErrorItem(FALSE_ALARM, x.quote_id, x.quote_type, *x.span, text[x.span[0]:x.span[1]],
                                    x.speaker_label))
        elif not jd.attributed:
            y = gold[jd.gold]
            errors.append(ErrorItem(WRONG_SPEAKER, y.quote_id, y.quote_type, *y.span, text[y.span[0]:y.span[1]],
                                    y.speaker_label, x.quote_id, x.speaker_label))
    errors.sort(key=lambda e: (e.start, e.end))
    return errors


def score_document(gold: Annotation, predicted: Annotation | None, *, with_errors: bool = False) -> DocumentScore:
    """Score one prediction (None: missing) against its gold annotation."""
    text = gold.document.text
    gold_units = units_of(gold, text)
    predicted_units = (units_of(predicted, text, offset_carrier(predicted.document.text, text))
                       if predicted is not None else [])
    nested = gold.document.extra.get("nested_annotated", True) is not False
    grouped = gold.document.extra.get("speakers_grouped", True) is not False

    matching = match_units(predicted_units, gold_units)
    judgements = judge(predicted_units, gold_units, matching, nested)
    loose = judge(predicted_units, gold_units,
                  match_units(predicted_units, gold_units, gold_coverage, COVERAGE_THRESHOLD), nested)
    via_tp, via_fp, via_fn = _count_intermediaries(predicted_units, gold_units, matching)
    counts = Counts(
        gold=sum(not y.optional for y in gold_units),
        predicted=len(judgements),
        matched=sum(jd.gold is not None for jd in judgements),
        exact=sum(jd.exact for jd in judgements),
        attributed=sum(jd.attributed for jd in judgements),
        via_tp=via_tp, via_fp=via_fp, via_fn=via_fn,
        overlap30_predicted=len(loose),
        overlap30_matched=sum(jd.gold is not None for jd in loose),
        overlap30_attributed=sum(jd.attributed for jd in loose),
        missing=int(predicted is None),
    )
    if grouped:
        items = cluster_items(predicted_units, gold_units, matching)
        b3_precision, b3_recall = b_cubed(items)
        counts.identity_tp = sum(identified(predicted_units[jd.predicted], gold_units[jd.gold], jd.attributed)
                                 for jd in judgements if jd.gold is not None)
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


def evaluate(gold: Iterable[tuple[Path, Annotation]], predictions: Mapping[str, Annotation], *,
             with_errors: bool | Collection[str] = False) -> Evaluation:
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
