"""The keep/drop model: a logistic regression over candidate features, stored as plain JSON weights.

scikit-learn fits it (`fit_keep_model`); what is kept is the weight of each feature, the intercept
and the decision threshold, so that a trained pipeline loads in milliseconds, needs no scikit-learn
to run, and never unpickles code from a folder someone handed over.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quoteapp.nlp.learning.features import Features

MODEL_FILE = "keep_model.json"
#: The regularisation of the logistic regression (scikit-learn's C): strong enough for a few dozen articles.
REGULARISATION = 1.0
#: Folds of the cross-validated predictions the threshold is chosen on.
THRESHOLD_FOLDS = 3


@dataclass
class KeepModel:
    """P(a project counts this candidate) = sigmoid(intercept + sum of feature weights)."""

    weights: dict[str, float] = field(default_factory=dict)
    intercept: float = 0.0
    threshold: float = 0.5
    info: dict[str, Any] = field(default_factory=dict)
    #: The speaker chooser, a model of the same kind over speaker candidates (None: the sieves' speaker).
    speakers: KeepModel | None = None

    def probability(self, features: Features) -> float:
        z = self.intercept + sum(self.weights.get(name, 0.0) * value for name, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def keeps(self, features: Features) -> tuple[bool, float]:
        """Whether to keep a candidate, and the probability that decided it."""
        p = self.probability(features)
        return p >= self.threshold, p

    def to_json(self) -> dict[str, Any]:
        out = {"weights": self.weights, "intercept": self.intercept, "threshold": self.threshold, "info": self.info}
        if self.speakers is not None:
            out["speakers"] = self.speakers.to_json()
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> KeepModel:
        speakers = cls.from_json(data["speakers"]) if data.get("speakers") else None
        return cls(
            dict(data["weights"]),
            float(data["intercept"]),
            float(data["threshold"]),
            dict(data.get("info", {})),
            speakers,
        )

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        (folder / MODEL_FILE).write_text(json.dumps(self.to_json(), indent=0, sort_keys=True), encoding="utf-8")

    @classmethod
    def load(cls, folder: Path) -> KeepModel | None:
        """The model saved in `folder`, or None when there is none (an untrained component)."""
        path = folder / MODEL_FILE
        return cls.from_json(json.loads(path.read_text(encoding="utf-8"))) if path.is_file() else None


def best_threshold(probabilities: Sequence[float], labels: Sequence[int]) -> float:
    """The threshold with the best F1 of the kept candidates on held-out predictions."""
    pairs = sorted(zip(probabilities, labels, strict=True), reverse=True)
    positives = sum(labels)
    best, best_f1, tp = 0.5, -1.0, 0
    for n, (p, y) in enumerate(pairs, start=1):
        tp += y
        f1 = 2 * tp / (n + positives) if positives else 0.0
        if f1 > best_f1:
            best, best_f1 = p, f1
    return float(best)


def fit_keep_model(
    features: Sequence[Features],
    labels: Sequence[int],
    info: dict[str, Any] | None = None,
    threshold: float | None = None,
) -> KeepModel:
    """Fit the logistic regression; the threshold is the one given, else it comes from
    cross-validated predictions when both classes have enough examples, else 0.5."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    if len(set(labels)) < 2:
        raise ValueError("training needs both quotes to keep and quotes to drop")
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(features)
    classifier = LogisticRegression(C=REGULARISATION, max_iter=2000)
    if threshold is None and min(sum(labels), len(labels) - sum(labels)) >= 2 * THRESHOLD_FOLDS:
        held_out = cross_val_predict(classifier, x, labels, cv=THRESHOLD_FOLDS, method="predict_proba")[:, 1]
        threshold = best_threshold(list(held_out), list(labels))
    classifier.fit(x, labels)
    names = vectorizer.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, classifier.coef_[0], strict=True) if w}
    return KeepModel(
        weights, float(classifier.intercept_[0]), 0.5 if threshold is None else threshold, dict(info or {})
    )
