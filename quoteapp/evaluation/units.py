"""Scoring units and how they are matched and judged: the steps of score.py between an annotation and its counts.

A unit is one content segment of a quote, trimmed of spaces and punctuation at its edges, with
what it takes to judge its attribution (speaker names, alternatives, intermediaries, mention).
Here: trimming and span measures (Jaccard, gold coverage), `units_of`, the one-to-one matching,
the judgement of each predicted unit, and the speaker clusters with their B-cubed sums. Shared by
the scoring and the agreement between annotators; the counting and the figures live in `scoring`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from quoteapp.evaluation.names import Name, Names, names_of, names_person, normalize_name, own_name, same_referent
from quoteapp.model import Annotation, Entity, Span
from quoteapp.model.alignment import Carry

#: Characters trimmed from both edges of a segment before it is compared.
EDGE_CHARS = frozenset(" \t\r\n\"'“”‘’«»„‚,.;:!?…-–—()[]")
JACCARD_THRESHOLD = 0.5

#: A character span (start, end), end exclusive.
Offsets = tuple[int, int]
#: Maps an offset in a predicted text to the same place in the gold text.
#: How far a predicted span (first) covers a gold span (second), from 0 to 1.
Measure = Callable[[Offsets, Offsets], float]


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
    entity: str | None = None  # the speaker's entity id, where the entity exists
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
        mention_text = own_text[mention.start : mention.end] if mention is not None else None
        mention_span = (carry(mention.start), carry(mention.end)) if mention is not None else None
        entity = entities.get(speaker.entity) if speaker is not None else None
        speaker_names = names_of(entity, mention_text) if entity is not None else frozenset()
        alternatives = tuple(
            names_of(entities[a]) for a in quote.extra.get("speaker_alternatives") or [] if a in entities
        )
        intermediaries = tuple(
            names_of(entities[via.entity], own_text[via.mention.start : via.mention.end] if via.mention else None)
            for via in quote.intermediaries
            if via.entity in entities
        )
        label = _speaker_label(entity, mention_text)
        entity_id = entity.id if entity is not None else None
        for segment in quote.segments:
            start, end = trim(text, carry(segment.start), carry(segment.end))
            if end > start:
                out.append(
                    Unit(
                        quote.id,
                        quote.type,
                        (start, end),
                        speaker_names,
                        alternatives,
                        intermediaries,
                        mention_span,
                        bool(quote.extra.get("optional")),
                        label,
                        entity_id,
                        own_name(entity),
                    )
                )
    return out


def match_units(
    predicted: Sequence[Unit], gold: Sequence[Unit], measure: Measure = jaccard, threshold: float = JACCARD_THRESHOLD
) -> dict[int, int]:
    """One-to-one matching, best pairs first: predicted index -> gold index, in the order the pairs were taken.

    Ties go to the higher predicted index, then the higher gold index, exactly as score.py's
    reverse sort of (score, i, j) has it, so that both give the same figures.
    """
    pairs = sorted(
        ((measure(x.span, y.span), i, j) for i, x in enumerate(predicted) for j, y in enumerate(gold)), reverse=True
    )
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
    return (
        same_referent(predicted.speaker, gold.speaker)
        or any(same_referent(predicted.speaker, alt) for alt in gold.alternatives)
        or _overlap(predicted.mention, gold.mention)
    )


@dataclass(frozen=True)
class Judgement:
    """What became of one counted predicted unit: the gold unit it matched (or None) and whether it is right."""

    predicted: int
    gold: int | None
    exact: bool
    attributed: bool


def judge(
    predicted: Sequence[Unit], gold: Sequence[Unit], matching: Mapping[int, int], nested_annotated: bool = True
) -> list[Judgement]:
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


def cluster_items(
    predicted: Sequence[Unit], gold: Sequence[Unit], matching: Mapping[int, int]
) -> list[tuple[object, object]]:
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


def _count_intermediaries(
    predicted: Sequence[Unit], gold: Sequence[Unit], matching: Mapping[int, int]
) -> tuple[int, int, int]:
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
