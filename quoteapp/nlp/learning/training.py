"""From an editor's attribution files to a keep model, and its figures on a gold folder.

Examples are the candidates a trained pipeline would judge (the sieves' candidates and the
proposals of `candidates`), each labelled by the editor's decisions (`targets`): kept when it is
the same unit as a quote to find (the scorer's Jaccard rule), dropped when it is the same as a
rejected quote or, in a reviewed article, the same as no quote at all. Of the candidates that are
one unit, only the best cut (and those as good) is a positive: the others teach where its edges lie.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc

from quoteapp import __version__
from quoteapp.evaluation.names import PRONOUNS, normalize_name, same_referent
from quoteapp.evaluation.scoring import Evaluation, evaluate
from quoteapp.evaluation.units import jaccard, trim
from quoteapp.model import Annotation
from quoteapp.nlp.learning.component import apply_model, scored_candidates
from quoteapp.nlp.learning.features import DocView, Features
from quoteapp.nlp.learning.model import KeepModel, fit_keep_model
from quoteapp.nlp.learning.parsed import Progress, parsed_docs
from quoteapp.nlp.learning.speakers import speaker_candidates, speaker_features
from quoteapp.nlp.learning.targets import Target, Targets, has_labels, targets_of
from quoteapp.nlp.learning.threshold import choose_threshold
from quoteapp.nlp.pipeline import pipeline_label
from quoteapp.nlp.resolve import build_annotation_from_output

Say = Callable[[str], None]
#: A candidate is a positive when its cut of a unit is this close (Jaccard) to the best candidate's
#: cut of it; a clearly worse cut of the same unit is a negative, so the model learns boundaries.
BEST_CUT_MARGIN = 0.05


@dataclass
class Examples:
    """Features and labels (1 keep, 0 drop) of the candidates of some articles, and of their
    speaker candidates (1 the speaker, 0 not)."""

    features: list[Features] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    speaker_features: list[Features] = field(default_factory=list)
    speaker_labels: list[int] = field(default_factory=list)
    #: Per candidate: its segments, and whether it is a proposal or cut (not a sieve's own).
    segments: list[list[tuple[int, int]]] = field(default_factory=list)
    proposed: list[bool] = field(default_factory=list)
    #: The units to find in the article (the denominator of recall).
    to_find: int = 0

    def extend(self, other: Examples) -> None:
        self.features.extend(other.features)
        self.labels.extend(other.labels)
        self.segments.extend(other.segments)
        self.proposed.extend(other.proposed)
        self.to_find += other.to_find
        self.speaker_features.extend(other.speaker_features)
        self.speaker_labels.extend(other.speaker_labels)


def _names(mention: dict[str, Any]) -> set[tuple[str, ...]]:
    keys = {normalize_name(mention.get("name") or ""), normalize_name(mention.get("text") or "")}
    return {tuple(k.split()) for k in keys if k and k not in PRONOUNS}


def _is_speaker(mention: dict[str, Any], target: Target) -> bool:
    """The gold speaker's mention overlaps it, or one of its names names the gold speaker."""
    gold = target.speaker_mention
    if gold is not None and min(gold[1], int(mention["end"])) > max(gold[0], int(mention["start"])):
        return True
    return same_referent(_names(mention), target.speaker_names)


def _speaker_examples(view: DocView, quote: dict[str, Any], target: Target, persons: list, out: Examples) -> None:
    candidates = speaker_candidates(view, quote, persons)
    labels = [int(_is_speaker(m, target)) for m in candidates]
    if len(candidates) < 2 or not any(labels):
        return
    for mention, label in zip(candidates, labels, strict=True):
        out.speaker_features.append(speaker_features(view, quote, mention))
        out.speaker_labels.append(label)


def _matches(text: str, quote: dict[str, Any], targets: Targets) -> list[tuple[Target | None, float]]:
    """For each segment of a candidate, the labelled segment it is (or None) and their Jaccard."""
    out = []
    for s, e in quote["segments"]:
        span = trim(text, int(s), int(e))
        target = targets.label(span)
        out.append((target, jaccard(span, target.span) if target is not None else 0.0))
    return out


def _label(
    matches: list[tuple[Target | None, float]], best: dict[int, float], complete: bool, inner: bool
) -> int | None:
    """1 (a quote to find, cut as well as any candidate of that unit), 0 (not one, or a worse cut of
    one: the model learns the project's boundaries) or None (unknown, an optional quote, or one
    inside a quote of a file that leaves nested quotes out)."""
    if any(t is not None and t.optional for t, _ in matches):
        return None
    if any(t is not None and t.keep and score >= best[id(t)] - BEST_CUT_MARGIN for t, score in matches):
        return 1
    if any(t is not None for t, _ in matches):
        return 0
    return 0 if complete and not inner else None


def examples_of(doc: Doc, annotation: Annotation) -> Examples:
    """The labelled candidates of one parsed article."""
    targets = targets_of(annotation)
    out = Examples()
    view = DocView(doc)
    persons = list(doc._.quote_persons or [])
    sieves = list(doc._.quotes or [])
    judged = [
        (quote, features, _matches(view.text, quote, targets)) for quote, features in scored_candidates(doc, sieves)
    ]
    out.to_find = sum(1 for t in targets.segments if t.keep and not t.optional)
    best: dict[int, float] = {}
    for _, _, matches in judged:
        for target, score in matches:
            if target is not None:
                best[id(target)] = max(best.get(id(target), 0.0), score)
    for n, (quote, features, matches) in enumerate(judged):
        inner = all(targets.holds(trim(view.text, int(s), int(e))) for s, e in quote["segments"])
        label = _label(matches, best, targets.complete, inner)
        if label is not None:
            out.features.append(features)
            out.labels.append(label)
            out.segments.append([(int(s), int(e)) for s, e in quote["segments"]])
            out.proposed.append(n >= len(sieves))
        target = matches[0][0]
        if label == 1 and target is not None and (target.speaker_names or target.speaker_mention):
            _speaker_examples(view, quote, target, persons, out)
    return out


def labelled(annotations: Sequence[Annotation]) -> list[Annotation]:
    """The articles that teach something (a decided quote, or reviewed)."""
    return [a for a in annotations if has_labels(a)]


def collect_examples(
    nlp: Language, annotations: Sequence[Annotation], cache: Path | None = None, progress: Progress | None = None
) -> list[Examples]:
    """The examples of each article, parsing (or reading from the cache) its text."""
    texts = [a.document.text for a in annotations]
    docs = parsed_docs(nlp, texts, cache, progress)
    return [examples_of(doc, a) for doc, a in zip(docs, annotations, strict=True)]


def train_keep_model(
    per_article: Sequence[Examples], sources: Sequence[str] = (), step: Callable[[], None] | None = None
) -> KeepModel:
    """A keep model fitted on the examples of these articles. `step` is called before each fit (the
    held-out folds', the model's, the speaker chooser's): raising there stops the training."""
    step = step or (lambda: None)
    examples = Examples()
    for e in per_article:
        examples.extend(e)
    info = {
        "articles": len(per_article),
        "examples": len(examples.labels),
        "kept": sum(examples.labels),
        "sources": list(sources),
        "trained_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "quoteapp": __version__,
    }

    def fit_fold(features: list[Features], labels: list[int]) -> KeepModel:
        step()
        return fit_keep_model(features, labels, threshold=0.5)

    threshold = choose_threshold(per_article, fit_fold)
    step()
    model = fit_keep_model(examples.features, examples.labels, info, threshold)
    if len(set(examples.speaker_labels)) == 2:
        step()
        model.speakers = fit_keep_model(examples.speaker_features, examples.speaker_labels, {})
    return model


def predict(nlp: Language, doc: Doc, annotation: Annotation, model: KeepModel | None) -> Annotation:
    """The annotation a pipeline (trained with `model`, or the default with None) makes of a parsed article."""
    quotes, persons = list(doc._.quotes or []), list(doc._.quote_persons or [])
    if model is not None:
        quotes = apply_model(doc, quotes, persons, model)
    document = annotation.document
    generator = {"app": "quoteapp", "app_version": __version__, "pipeline": pipeline_label(nlp)}
    return build_annotation_from_output(document, quotes, persons, generator)


def evaluate_model(
    nlp: Language, gold: Sequence[tuple[Path, Annotation]], model: KeepModel | None, cache: Path | None = None
) -> Evaluation:
    """The scorer's figures of the pipeline with `model` on gold files (texts parsed once, cached)."""
    docs = parsed_docs(nlp, [a.document.text for _, a in gold], cache)
    predictions = {a.document.id: predict(nlp, doc, a, model) for doc, (_, a) in zip(docs, gold, strict=True)}
    return evaluate(gold, predictions)


def figures_line(evaluation: Evaluation) -> str:
    """detection, attribution and intermediaries F1 in one line."""
    s = evaluation.scores
    return (
        f"detection F1 {s.detection.f1:.3f} (P {s.detection.precision:.3f} R {s.detection.recall:.3f}), "
        f"attribution F1 {s.attribution.f1:.3f}, intermediaries F1 {s.intermediaries.f1:.3f}"
    )
