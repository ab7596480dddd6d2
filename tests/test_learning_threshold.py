"""The keep threshold is chosen as the trained component keeps: likeliest first, doubles suppressed.

Cuts of one unit suppress one another, so a low-scoring double of a kept quote costs nothing;
counting it as a false positive would push the threshold up and lose the quotes that score low.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quoteapp.nlp.learning.threshold import choose_threshold


@dataclass
class Article:
    features: list[dict[str, float]] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    segments: list[list[tuple[int, int]]] = field(default_factory=list)
    proposed: list[bool] = field(default_factory=list)
    to_find: int = 2

    def add(self, p: float, label: int, span: tuple[int, int], proposed: bool) -> None:
        self.features.append({"p": p})
        self.labels.append(label)
        self.segments.append([span])
        self.proposed.append(proposed)


class Scorer:
    """A model whose probability is written in the features: the fitting is not what is tested."""

    def probability(self, features: dict[str, float]) -> float:
        return features["p"]


def _article() -> Article:
    """A sure quote with three doubles that score a little lower, and a quote that scores low."""
    article = Article()
    article.add(0.5, 1, (0, 40), proposed=False)
    for end in (60, 70, 80):
        article.add(0.3, 0, (0, end), proposed=True)
    article.add(0.2, 1, (100, 140), proposed=False)
    article.add(0.05, 0, (200, 240), proposed=True)
    return article


def test_doubles_of_a_kept_quote_do_not_raise_the_threshold_above_a_low_scoring_quote() -> None:
    threshold = choose_threshold([_article() for _ in range(6)], lambda f, y: Scorer())
    assert threshold is not None and 0.05 < threshold <= 0.2


def test_too_few_articles_leave_the_choice_to_the_candidates() -> None:
    assert choose_threshold([_article() for _ in range(3)], lambda f, y: Scorer()) is None
