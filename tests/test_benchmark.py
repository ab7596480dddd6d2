"""`quoteapp bench` measures interleaved: each article in each kind back to back, the median of per-pass ratios.

A stub pipeline records the order of the work; no time is asserted (the machine may be shared).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from quoteapp.nlp.benchmark import FULL, PARAGRAPHS, PARSE, BenchResult, run_benchmark
from quoteapp.nlp.component import COMPONENT_NAME, PARAGRAPHS_NAME


class StubNlp:
    pipe_names = ["tok2vec", PARAGRAPHS_NAME, "parser", COMPONENT_NAME]

    def __init__(self, log: list[tuple[str, str]]) -> None:
        self.log = log
        self.disabled: list[str] = []

    @contextlib.contextmanager
    def select_pipes(self, disable: list[str]) -> Iterator[None]:
        self.disabled = list(disable)
        yield
        self.disabled = []

    def pipe(self, texts: Iterator[str], batch_size: int = 1) -> Iterator[str]:
        kind = PARSE if PARAGRAPHS_NAME in self.disabled else PARAGRAPHS
        for text in texts:
            self.log.append((kind, text))
            yield text


class StubExtractor:
    def __init__(self) -> None:
        self.log: list[tuple[str, str]] = []
        self.nlp = StubNlp(self.log)

    def annotate(self, text: str, doc_id: str) -> None:
        self.log.append((FULL, text))


def test_each_article_is_run_in_every_kind_back_to_back_in_turning_order() -> None:
    texts = [("a", "Alpha said so."), ("b", "Beta said so."), ("c", "Gamma said so."), ("d", "Delta said so.")]
    extractor = StubExtractor()
    run_benchmark(texts, extractor, repeat=2)  # type: ignore[arg-type]
    timed = extractor.log[9 : 9 + 2 * 3 * len(texts)]  # after the warm-up (3 articles x 3 kinds), before tracemalloc
    groups = [timed[i : i + 3] for i in range(0, len(timed), 3)]
    assert all(len({text for _, text in group}) == 1 for group in groups), "one article's kinds back to back"
    assert all({kind for kind, _ in group} == {PARSE, PARAGRAPHS, FULL} for group in groups)
    assert len({tuple(kind for kind, _ in group) for group in groups}) == 3, "the order of the kinds turns"


def test_the_ratio_is_the_median_of_the_per_pass_ratios() -> None:
    passes = [
        {PARSE: 10.0, PARAGRAPHS: 10.0, FULL: 9.6},
        {PARSE: 10.0, PARAGRAPHS: 10.1, FULL: 10.45},
        {PARSE: 10.0, PARAGRAPHS: 9.9, FULL: 11.3},
    ]
    result = BenchResult(articles=4, words=1000, passes=passes, peak_traced_mb=1.0, peak_rss_mb=100.0)
    assert abs(result.ratio(FULL) - 1.045) < 1e-9 and abs(result.overhead - 0.045) < 1e-9
    assert abs(result.ratio(PARAGRAPHS) - 1.0) < 1e-9
    assert "ratio full/parse    1.045" in result.report() and "per pass 0.960, 1.045, 1.130" in result.report()
