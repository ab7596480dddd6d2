"""Carrying character offsets from one version of a text to another, by aligning the two texts.

Used where an annotation meets a slightly different copy of its text: scoring a prediction made on
another copy, and re-anchoring corrections after an article changed.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

Carry = Callable[[int], int]
#: Above this many characters, texts are aligned line by line first (character-level difflib on
#: megabytes of text would take minutes)
LINE_ALIGN_CHARS = 200_000


def offset_carrier(old_text: str, new_text: str, *, allow_lines: bool = False) -> Carry:
    """A function mapping an offset in `old_text` to the matching offset in `new_text`.

    Inside a changed region an offset goes to the start of the next matching block (the rule of
    shared/tools/score.py, so that our scores agree with it). With `allow_lines`, long texts are
    matched by whole lines, which is fast; an offset on a changed line then moves to the next
    unchanged line.
    """
    if old_text == new_text:
        return lambda i: i
    if allow_lines and max(len(old_text), len(new_text)) > LINE_ALIGN_CHARS:
        blocks = _line_blocks(old_text, new_text)
    else:
        blocks = difflib.SequenceMatcher(None, old_text, new_text, autojunk=False).get_matching_blocks()

    def carry(i: int) -> int:
        for a, b, size in blocks:
            if a <= i <= a + size:
                return b + (i - a)
        for a, b, _ in blocks:
            if a >= i:
                return b
        return len(new_text)

    return carry


def _line_blocks(old_text: str, new_text: str) -> list[tuple[int, int, int]]:
    """Matching blocks (old offset, new offset, length) in characters, from a diff of whole lines."""
    old_lines = old_text.splitlines(keepends=True)
    new_lines = new_text.splitlines(keepends=True)
    old_starts = _starts(old_lines)
    new_starts = _starts(new_lines)
    matcher = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    return [(old_starts[a], new_starts[b], old_starts[a + size] - old_starts[a])
            for a, b, size in matcher.get_matching_blocks()]


def _starts(lines: list[str]) -> list[int]:
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    return starts
