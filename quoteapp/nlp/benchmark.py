"""Speed of our work against the spaCy parse it sits on: words per second for both, and peak memory.

The parse alone is the same pipeline with our components switched off; the full run is what
`Extractor.annotate` does (parse, quote rules, entities, intermediaries). Both run over the same
texts, alternately and several times, and the best time of each counts, so that a busy machine
disturbs the ratio as little as possible.
"""

from __future__ import annotations

import resource
import sys
import time
import tracemalloc
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from quoteapp.nlp.component import COMPONENT_NAME, PARAGRAPHS_NAME
from quoteapp.nlp.extractor import Extractor

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass
class BenchResult:
    """Figures of one benchmark run."""

    articles: int
    words: int
    parse_seconds: float
    full_seconds: float
    peak_traced_mb: float  # Python allocations of one full pass (tracemalloc)
    peak_rss_mb: float  # the whole process, model included (getrusage)

    @property
    def parse_wps(self) -> float:
        return self.words / self.parse_seconds if self.parse_seconds else 0.0

    @property
    def full_wps(self) -> float:
        return self.words / self.full_seconds if self.full_seconds else 0.0

    @property
    def overhead(self) -> float:
        """Extra time of our work over the parse alone: 0.10 means 10% slower."""
        return self.full_seconds / self.parse_seconds - 1.0 if self.parse_seconds else 0.0

    def report(self) -> str:
        return "\n".join([
            f"articles {self.articles}, words {self.words}",
            f"spaCy parse alone   {self.parse_wps:10.0f} words/s  ({self.parse_seconds:.2f} s)",
            f"parse + quoteapp    {self.full_wps:10.0f} words/s  ({self.full_seconds:.2f} s)",
            f"ratio full/parse    {self.full_seconds / self.parse_seconds:.3f}  (overhead {self.overhead:+.1%})",
            f"peak memory         {self.peak_traced_mb:.1f} MB traced in one full pass, "
            f"{self.peak_rss_mb:.0f} MB process RSS",
        ])


def read_texts(folder: Path) -> list[tuple[str, str]]:
    """(id, text) of every article in a folder, read as the app reads them."""
    from quoteapp.formats.articles import read_article

    out = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
            article = read_article(path)
            out.append((article.id, article.text))
    return out


def _parse_only(extractor: Extractor, texts: Sequence[str]) -> float:
    ours = [n for n in (PARAGRAPHS_NAME, COMPONENT_NAME) if n in extractor.nlp.pipe_names]
    with extractor.nlp.select_pipes(disable=ours):
        t0 = time.perf_counter()
        for text in texts:  # one article at a time, as annotate() does: batching would change the cost
            extractor.nlp(text)
        return time.perf_counter() - t0


def _full(extractor: Extractor, items: Sequence[tuple[str, str]]) -> float:
    t0 = time.perf_counter()
    for doc_id, text in items:
        extractor.annotate(text, doc_id)
    return time.perf_counter() - t0


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def run_benchmark(items: Sequence[tuple[str, str]], extractor: Extractor | None = None,
                  repeat: int = 3) -> BenchResult:
    """Time the parse alone and the full extraction over the same texts; best of `repeat` each."""
    extractor = extractor or Extractor()
    texts = [text for _, text in items]
    words = sum(len(text.split()) for text in texts)
    _full(extractor, items[:3])  # warm-up: lazy loading, caches
    parse_best = full_best = float("inf")
    for _ in range(max(1, repeat)):
        parse_best = min(parse_best, _parse_only(extractor, texts))
        full_best = min(full_best, _full(extractor, items))
    tracemalloc.start()
    _full(extractor, items)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return BenchResult(len(items), words, parse_best, full_best, peak / (1 << 20), _peak_rss_mb())
