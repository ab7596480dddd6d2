"""The extractor measured on the shared gold sets, against the bars the issues set.

Slow (the 84 PolNeAR dev articles take about half a minute): it is the check that a rule change did
not lose accuracy somewhere else.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from quoteapp.evaluation.scoring import Evaluation, evaluate
from quoteapp.formats.articles import read_article
from quoteapp.formats.attribution import read_annotation
from quoteapp.nlp.extractor import Extractor

#: (gold set, measure) -> the lowest F1 we accept
BARS = {
    ("seeds", "detection"): 0.90,
    ("seeds", "attribution"): 0.85,
    ("seeds", "intermediaries"): 0.70,
    ("polnear-dev", "detection"): 0.75,
    ("polnear-dev", "attribution"): 0.65,
}


def run_on(shared: Path, name: str) -> Evaluation:
    extractor = Extractor()
    gold = [(p, read_annotation(p)) for p in sorted((shared / "gold" / name).glob("*.json"))]
    predictions = {}
    for path, annotation in gold:
        article = read_article(shared / "corpus" / name / f"{path.stem}.txt")
        predictions[annotation.document.id] = extractor.annotate(article.text, article.id)
    return evaluate(gold, predictions)


@pytest.mark.parametrize("name", sorted({n for n, _ in BARS}))
def test_extractor_reaches_the_bars(shared: Path, name: str) -> None:
    scores = run_on(shared, name).scores
    for (gold_set, measure), bar in BARS.items():
        if gold_set == name:
            f1 = getattr(scores, measure).f1
            assert f1 >= bar, f"{name} {measure} F1 {f1:.3f} < {bar}"
