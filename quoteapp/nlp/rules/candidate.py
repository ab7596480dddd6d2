"""What every sieve produces: a quote candidate in one Doc, by character offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from quoteapp.nlp.mentions import Mention

WORD = re.compile(r"\w+")


@dataclass
class Candidate:
    """A quote found in one Doc: character offsets into doc.text."""

    type: str
    segments: list[tuple[int, int]]
    cue: tuple[int, int] | None
    speaker: Mention | None
    rule: str
    confidence: float
    evidence: list[str] = field(default_factory=list)
    parent: int | None = None  # index of the enclosing candidate
    cue_token: int | None = None  # token index of the cue, to find the same cue twice
    #: (mention, role) of who passed it on, nearest to the speaker first
    intermediaries: list[tuple[Mention, str]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def words(text: str) -> int:
    """How many words a stretch holds: the sieves' measure of a quote's length."""
    return len(WORD.findall(text))


def two_words(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds at least two words, read without copying the stretch."""
    first = WORD.search(text, start, end)
    return first is not None and WORD.search(text, first.end(), end) is not None
