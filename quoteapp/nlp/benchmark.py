"""Speed of our work against the spaCy parse it sits on: words per second for both, and peak memory.

Three kinds of run over the same articles: the parse alone (the pipeline with our components
switched off), the parse with our paragraph-boundary component (which may save the parser work),
and the full `Extractor.annotate` (parse, quote rules, entities, intermediaries). They are
interleaved: each article is run in each kind back to back, the order turning from one article to
the next, so that a machine that speeds up or slows down (a shared one does) weighs on all kinds
alike. Each pass gives a ratio of summed times per kind; the median over the passes is reported.
Best-of-N whole passes, one kind after the other, let drift land on one side: on a shared machine
that gave 0.96, 1.07 and 1.13 for the same work.
"""

from __future__ import annotations

import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quoteapp.nlp.component import COMPONENT_NAME, PARAGRAPHS_NAME
from quoteapp.nlp.extractor import Extractor, split_chunks

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
PARSE, PARAGRAPHS, FULL = "parse", "paragraphs", "full"
KINDS = (PARSE, PARAGRAPHS, FULL)


@dataclass
class BenchResult:
    """Figures of one benchmark run: per pass, the seconds of each kind summed over the articles."""

    articles: int
    words: int
    passes: list[dict[str, float]]
    peak_traced_mb: float  # Python allocations of one full pass (tracemalloc)
    peak_rss_mb: float  # the whole process, model included (getrusage)

    def seconds(self, kind: str) -> float:
        """The median over the passes of the time of one kind."""
        return statistics.median(p[kind] for p in self.passes)

    def ratio(self, kind: str, base: str = PARSE) -> float:
        """The median over the passes of time(kind) / time(base): 1.045 means 4.5% slower."""
        return statistics.median(p[kind] / p[base] for p in self.passes if p[base] > 0)

    @property
    def parse_seconds(self) -> float:
        return self.seconds(PARSE)

    @property
    def full_seconds(self) -> float:
        return self.seconds(FULL)

    @property
    def parse_wps(self) -> float:
        return self.words / self.parse_seconds if self.parse_seconds else 0.0

    @property
    def full_wps(self) -> float:
        return self.words / self.full_seconds if self.full_seconds else 0.0

    @property
    def overhead(self) -> float:
        """Extra time of our work over the parse alone (median of the per-pass ratios): 0.10 means 10% slower."""
        return self.ratio(FULL) - 1.0

    def report(self) -> str:
        ratios = ", ".join(f"{p[FULL] / p[PARSE]:.3f}" for p in self.passes if p[PARSE] > 0)
        return "\n".join(
            [
                f"articles {self.articles}, words {self.words}, {len(self.passes)} interleaved passes",
                f"spaCy parse alone   {self.parse_wps:10.0f} words/s  ({self.parse_seconds:.2f} s, median pass)",
                f"parse + quoteapp    {self.full_wps:10.0f} words/s  ({self.full_seconds:.2f} s, median pass)",
                f"ratio full/parse    {self.ratio(FULL):.3f}  (overhead {self.overhead:+.1%}; per pass {ratios})",
                f"ratio paragraphs    {self.ratio(PARAGRAPHS):.3f}  (parse with our paragraph component / parse alone)",
                f"peak memory         {self.peak_traced_mb:.1f} MB traced in one full pass, "
                f"{self.peak_rss_mb:.0f} MB process RSS",
            ]
        )


def read_texts(folder: Path) -> list[tuple[str, str]]:
    """(id, text) of every article in a folder, read as the app reads them."""
    from quoteapp.formats.articles import read_article

    out = []
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
            article = read_article(path)
            out.append((article.id, article.text))
    return out


def _parse(extractor: Extractor, text: str, disable: Sequence[str]) -> None:
    """The parse of one article as annotate() does it (the same chunks, one at a time), `disable` off."""
    with extractor.nlp.select_pipes(disable=[n for n in disable if n in extractor.nlp.pipe_names]):
        for _ in extractor.nlp.pipe((chunk for _, chunk in split_chunks(text)), batch_size=1):
            pass


def _runners(extractor: Extractor) -> dict[str, Callable[[str, str], Any]]:
    """One callable per kind of run, taking (doc_id, text)."""
    return {
        PARSE: lambda _, text: _parse(extractor, text, (PARAGRAPHS_NAME, COMPONENT_NAME)),
        PARAGRAPHS: lambda _, text: _parse(extractor, text, (COMPONENT_NAME,)),
        FULL: lambda doc_id, text: extractor.annotate(text, doc_id),
    }


def interleaved_pass(
    runners: dict[str, Callable[[str, str], Any]], items: Sequence[tuple[str, str]], turn: int = 0
) -> dict[str, float]:
    """One pass: every article in every kind back to back, the order of the kinds turning per article."""
    totals = dict.fromkeys(runners, 0.0)
    kinds = list(runners)
    for n, (doc_id, text) in enumerate(items):
        shift = (n + turn) % len(kinds)
        for kind in kinds[shift:] + kinds[:shift]:
            t0 = time.perf_counter()
            runners[kind](doc_id, text)
            totals[kind] += time.perf_counter() - t0
    return totals


def _peak_rss_mb() -> float:
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1 << 20) if sys.platform == "darwin" else peak / 1024


def run_benchmark(items: Sequence[tuple[str, str]], extractor: Extractor | None = None, repeat: int = 3) -> BenchResult:
    """Time the parse alone, with our paragraph component, and the full extraction, interleaved per article."""
    extractor = extractor or Extractor()
    words = sum(len(text.split()) for _, text in items)
    runners = _runners(extractor)
    interleaved_pass(runners, items[:3])  # warm-up: lazy loading, caches
    passes = [interleaved_pass(runners, items, turn) for turn in range(max(1, repeat))]
    tracemalloc.start()
    for doc_id, text in items:
        extractor.annotate(text, doc_id)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return BenchResult(len(items), words, passes, peak / (1 << 20), _peak_rss_mb())
