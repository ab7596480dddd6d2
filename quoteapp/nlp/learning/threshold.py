"""The keep threshold, chosen by the scorer's F1 on articles held out of training.

A candidate-level F1 misjudges the threshold: candidates of one unit suppress one another (the
trained component keeps only the likeliest), so a low-scoring double costs nothing once a better
cut is kept, while a unit the model misses costs a whole quote. Here the articles are split into
folds; a model fitted on the others scores each fold's candidates, the component's own keeping
(`component.same_unit`, likeliest first) is replayed at each threshold of a grid, and the
threshold with the best F1 over the units to find (those no candidate reaches count as missed)
wins.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from quoteapp.nlp.learning.component import same_unit
from quoteapp.nlp.learning.features import Features

if TYPE_CHECKING:  # training imports this module
    from quoteapp.nlp.learning.model import KeepModel
    from quoteapp.nlp.learning.training import Examples

#: Folds of articles; fewer articles than twice this leave the threshold to the candidate-level choice.
FOLDS = 3
#: The thresholds tried, low to high.
GRID = tuple(round(0.05 + 0.025 * i, 3) for i in range(27))


def _kept_counts(article: Examples, probabilities: list[float], threshold: float) -> tuple[int, int]:
    """(true, false) positives of the component's keeping at this threshold."""
    kept: list[list[tuple[int, int]]] = []
    tp = fp = 0
    for p, i in sorted(((p, i) for i, p in enumerate(probabilities)), reverse=True):
        if p < threshold:
            break
        if same_unit(article.segments[i], kept, article.proposed[i]):
            continue
        kept.append(article.segments[i])
        tp += article.labels[i]
        fp += 1 - article.labels[i]
    return tp, fp


def choose_threshold(
    per_article: Sequence[Examples], fit: Callable[[list[Features], list[int]], KeepModel]
) -> float | None:
    """The grid threshold with the best held-out unit F1, or None with too few articles to fold."""
    usable = [a for a in per_article if a.labels]
    if len(usable) < 2 * FOLDS:
        return None
    scored: list[tuple[Examples, list[float]]] = []
    for fold in range(FOLDS):
        train = [a for n, a in enumerate(usable) if n % FOLDS != fold]
        labels = [y for a in train for y in a.labels]
        if len(set(labels)) < 2:
            return None
        model = fit([f for a in train for f in a.features], labels)
        held = [a for n, a in enumerate(usable) if n % FOLDS == fold]
        scored += [(a, [model.probability(f) for f in a.features]) for a in held]
    to_find = sum(a.to_find for a, _ in scored)
    best, best_f1 = None, -1.0
    for threshold in GRID:
        tp = fp = 0
        for article, probabilities in scored:
            t, f = _kept_counts(article, probabilities, threshold)
            tp, fp = tp + t, fp + f
        f1 = 2 * tp / (tp + fp + max(to_find, tp)) if tp else 0.0
        if f1 > best_f1:
            best, best_f1 = threshold, f1
    return best
