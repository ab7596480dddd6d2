"""The article view's marks: every quote segment, cue, speaker and intermediary mention, and entity mention
as a code-point `Mark`, in an index sorted by start that answers "which marks overlap this range".

The view asks the index for the marks of the visible text (plus a margin) on every rebuild of its
highlights, and for the marks under the mouse on every move, so a query costs a binary search and
the marks it finds, not a pass over the article. `Box` is an outline the view paints over the text;
`mark_format` the char format each kind of highlight gets.
Kept apart from the widget so that what is marked, and where, can be read without the painting.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Collection, Iterable
from itertools import accumulate
from operator import attrgetter
from typing import NamedTuple

from PySide6.QtGui import QColor, QTextCharFormat

from quoteapp.gui import palette as pal
from quoteapp.model import Entity, Quote

# kinds of marks, in the order they are painted (later ones on top)
SEGMENT, SPEAKER, VIA, CUE, MENTION = range(5)


class Mark(NamedTuple):
    """One highlighted stretch in code points: what it is and whose."""

    start: int
    end: int
    kind: int
    quote_id: str | None  # None for an entity's plain mention
    entity_id: str | None  # the speaker of a segment or cue; the entity named by a mention


class Box(NamedTuple):
    """An outline painted over the text, in UTF-16 positions."""

    start: int
    end: int
    colour: QColor
    width: float
    dashed: bool = False


def quote_marks(quote: Quote, n: int) -> list[Mark]:
    """The marks of one quote (none for a rejected one) that lie inside a text of `n` code points."""
    if quote.status == "rejected":
        return []
    speaker = quote.speaker.entity if quote.speaker is not None else None
    spans = [(s, SEGMENT, speaker) for s in quote.segments] + [(quote.cue, CUE, speaker)]
    if quote.speaker is not None:
        spans.append((quote.speaker.mention, SPEAKER, speaker))
    spans += [(via.mention, VIA, via.entity) for via in quote.intermediaries]
    return [
        Mark(span.start, span.end, kind, quote.id, entity_id)
        for span, kind, entity_id in spans
        if span is not None and 0 <= span.start < span.end <= n
    ]


def mention_marks(entities: Iterable[Entity], n: int) -> list[Mark]:
    """The plain mentions of the entities that lie inside a text of `n` code points."""
    return [
        Mark(m.start, m.end, MENTION, None, entity.id)
        for entity in entities
        for m in entity.mentions
        if 0 <= m.start < m.end <= n
    ]


class MarkIndex:
    """Marks sorted by start, with the running maximum of their ends, for overlap queries."""

    def __init__(self, marks: list[Mark] | None = None) -> None:
        marks = marks if marks is not None else []
        marks.sort(key=attrgetter("start"))
        self.marks = marks
        self._starts = [m.start for m in marks]
        self._max_end = list(accumulate((m.end for m in marks), max))

    def overlapping(self, start: int, end: int) -> list[Mark]:
        """Marks overlapping [start, end): those starting before `end` whose end passes `start`."""
        found = []
        i = bisect_left(self._starts, end) - 1
        while i >= 0 and self._max_end[i] > start:
            if self.marks[i].end > start:
                found.append(self.marks[i])
            i -= 1
        found.reverse()
        return found

    def without_quotes(self, quote_ids: Collection[str]) -> list[Mark]:
        """The marks of every quote but these (and the plain mentions), to be redone for those quotes only."""
        return [m for m in self.marks if m.quote_id not in quote_ids]


def mark_format(kind: str, entity_id: str | None, dark: bool) -> QTextCharFormat:
    """The char format of one kind of highlight ("segment", "dim", "selected", "speaker", "mention", "via",
    "cue") for one entity, in the light or dark theme."""
    fmt = QTextCharFormat()
    if kind == "segment":
        fmt.setBackground(pal.speaker_colour(entity_id, dark))
    elif kind == "dim":
        fmt.setBackground(pal.dim_colour(dark))
    elif kind in ("selected", "speaker", "mention"):
        fmt.setBackground(pal.strong_colour(entity_id, dark))
    elif kind == "via":
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.WaveUnderline)
        fmt.setUnderlineColor(pal.accent_colour(entity_id, dark))
    elif kind == "cue":
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(pal.accent_colour(entity_id, dark))
    return fmt
