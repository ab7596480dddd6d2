"""Candidates of different sieves put together: the same content kept once, inner ones nested."""

from __future__ import annotations

import math
from collections.abc import Iterator

from quoteapp.nlp.rules.candidate import Candidate
from quoteapp.nlp.rules.state import State

#: Two candidates are the same content when their overlap is more than this share of their union.
SAME_SPAN = 0.8


class Dedupe:
    """Two sieves finding the same content: keep the surer; then the candidates in reading order."""

    name = "dedupe"

    def __call__(self, state: State) -> None:
        state.candidates = sorted(_dedupe(state.candidates), key=lambda c: (c.start, -c.end))


class Nest:
    """Each candidate's parent: the smallest other candidate whose content holds it."""

    name = "nest"

    def __call__(self, state: State) -> None:
        _nest(state.candidates)


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Two rules finding the same content: keep the surer one.

    Only candidates of about the same length and start can be the same (Jaccard > 0.8: lengths
    within a factor 1.25, starts within a quarter of the length), so the kept ones are filed in a
    grid of (length scale, start) cells and each candidate is compared with a few cells only."""
    out: list[Candidate] = []
    grid: dict[tuple[int, int], list[Candidate]] = {}
    for cand in sorted(cands, key=lambda c: -c.confidence):
        if any(_same_span(cand, other) for other in _near(grid, cand)):
            continue
        out.append(cand)
        scale = _scale(cand.end - cand.start)
        grid.setdefault((scale, cand.start // _cell_width(scale)), []).append(cand)
    return out


def _scale(length: int) -> int:
    """The length's cell row: lengths within a factor 1/SAME_SPAN share or neighbour a row."""
    return int(math.log(max(length, 1), 1 / SAME_SPAN))


def _cell_width(scale: int) -> int:
    """Cells as wide as the reach of a start at that scale: a quarter of its length."""
    return max(1, int((1 - SAME_SPAN) / SAME_SPAN * (1 / SAME_SPAN) ** scale))


def _near(grid: dict[tuple[int, int], list[Candidate]], cand: Candidate) -> Iterator[Candidate]:
    """The kept candidates that could be the same content as `cand`: neighbouring length scales and
    starts within a quarter of its length."""
    length = max(cand.end - cand.start, 1)
    reach = length * (1 - SAME_SPAN) / SAME_SPAN + 1
    scale = _scale(length)
    for other_scale in (scale - 1, scale, scale + 1):
        width = _cell_width(other_scale)
        for cell in range(int((cand.start - reach) // width), int((cand.start + reach) // width) + 1):
            yield from grid.get((other_scale, cell), ())


def _same_span(a: Candidate, b: Candidate) -> bool:
    """Jaccard overlap of the two contents above SAME_SPAN."""
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    union = max(a.end, b.end) - min(a.start, b.start)
    return union > 0 and inter / union > SAME_SPAN


def _nest(cands: list[Candidate]) -> None:
    """Set each candidate's parent to the smallest other candidate whose content holds it.

    A sweep in reading order keeps only the candidates still open where the current one starts;
    after _dedupe few overlap any one point, so this is not a comparison of every pair."""
    order = sorted(range(len(cands)), key=lambda i: (cands[i].start, -cands[i].end))
    active: list[int] = []
    for i in order:
        cand = cands[i]
        active = [j for j in active if cands[j].end >= cand.start]
        best: int | None = None
        for j in active:
            other = cands[j]
            if not (other.start <= cand.start and cand.end <= other.end):
                continue
            if other.end - other.start <= cand.end - cand.start:
                continue
            if best is None or (other.end - other.start) < (cands[best].end - cands[best].start):
                best = j
        cand.parent = best
        active.append(i)
