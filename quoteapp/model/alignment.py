"""Carrying character offsets from one version of a text to another, by aligning the two texts.

Used where an annotation meets a slightly different copy of its text: scoring a prediction made on
another copy, and re-anchoring corrections after an article changed.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable

Carry = Callable[[int], int]


def offset_carrier(old_text: str, new_text: str) -> Carry:
    """A function mapping an offset in `old_text` to the matching offset in `new_text`.

    Inside a changed region an offset goes to the start of the next matching block (the rule of
    shared/tools/score.py, so that our scores agree with it).
    """
    if old_text == new_text:
        return lambda i: i
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
