"""Carrying character offsets from one version of a text to another, by aligning the two texts.

Used where an annotation meets a slightly different copy of its text: scoring a prediction made on
another copy (difflib's blocks exactly, as shared/tools/score.py aligns), and re-anchoring corrections
after an article changed (a fast alignment: lines, then words, then characters).
"""

from __future__ import annotations

import difflib
import re
from bisect import bisect_left
from collections.abc import Callable, Sequence

from rapidfuzz.distance import Levenshtein

Carry = Callable[[int], int]
Progress = Callable[[float], None]
#: (offset in the old text, offset in the new text, length) in code points, as difflib gives them
Block = tuple[int, int, int]

#: Regions up to this many characters (each side) are aligned by difflib, whose longest-match-first
#: blocks put an insertion where a reader would; longer ones by rapidfuzz, which is linear in practice.
DIFFLIB_CHARS = 4_000
#: An equal run of lines or words shorter than this is no anchor: ties between such runs (which blank
#: line matches which) are left to the finer level, where the longer context decides.
MIN_ANCHOR_CHARS = 16
_WORD = re.compile(r"\S+\s*|\s+")


def offset_carrier(old_text: str, new_text: str, *, allow_lines: bool = False) -> Carry:
    """A function mapping an offset in `old_text` to the matching offset in `new_text`.

    Inside a changed region an offset goes to the start of the next matching block (the rule of
    shared/tools/score.py, so that our scores agree with it); the blocks are difflib's exactly.
    `allow_lines` (the name of an older fast path) asks for `fast_offset_carrier` instead.
    """
    if allow_lines:
        return fast_offset_carrier(old_text, new_text)
    if old_text == new_text:
        return lambda i: i
    blocks = difflib.SequenceMatcher(None, old_text, new_text, autojunk=False).get_matching_blocks()
    return carrier(blocks, len(new_text))


def fast_offset_carrier(old_text: str, new_text: str, progress: Progress | None = None) -> Carry:
    """Like `offset_carrier`, from `fast_matching_blocks`: milliseconds on a megabyte with a few edits."""
    if old_text == new_text:
        if progress is not None:
            progress(1.0)
        return lambda i: i
    return carrier(fast_matching_blocks(old_text, new_text, progress), len(new_text))


def carrier(blocks: Sequence[Block], new_length: int) -> Carry:
    """The offset map of matching blocks (sorted, as difflib gives them), each offset found by bisection.

    An offset goes to the same place in the first block that holds it (its end included), else to the
    start of the next block, else to the end of the new text: score.py's linear rule, in O(log n).
    """
    blocks = list(blocks)
    ends = [a + size for a, _, size in blocks]

    def carry(i: int) -> int:
        k = bisect_left(ends, i)  # the first block ending at or after i
        if k == len(blocks):
            return new_length
        a, b, _ = blocks[k]
        return b + (i - a) if a <= i else b

    return carry


def fast_matching_blocks(old_text: str, new_text: str, progress: Progress | None = None) -> list[Block]:
    """Matching blocks of the two texts, difflib's format (ending with the zero-length sentinel).

    Whole lines are aligned first, then words inside the lines that differ, then characters inside
    the words that differ: each level works on what the one before left over, so a few edits in a
    megabyte cost milliseconds. Unchanged words always match; where several alignments are equally
    good, the result may differ from difflib's.
    """
    blocks: list[Block] = []
    _align(old_text, new_text, 0, 0, 0, blocks, progress)
    merged: list[Block] = []
    for a, b, size in blocks:
        if size == 0:
            continue
        if merged and merged[-1][0] + merged[-1][2] == a and merged[-1][1] + merged[-1][2] == b:
            last = merged.pop()
            merged.append((last[0], last[1], last[2] + size))
        else:
            merged.append((a, b, size))
    merged.append((len(old_text), len(new_text), 0))
    if progress is not None:
        progress(1.0)
    return merged


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


_LEVELS: tuple[Callable[[str], list[str]], ...] = (_lines, _words)


def _align(
    old: str, new: str, base_a: int, base_b: int, level: int, out: list[Block], progress: Progress | None
) -> None:
    """Append the matching blocks of `old` and `new` (which start at base_a / base_b) to `out`."""
    if not old or not new:
        return
    if level == len(_LEVELS):
        out.extend((base_a + a, base_b + b, size) for a, b, size in _char_blocks(old, new))
        return
    old_tokens, new_tokens = _LEVELS[level](old), _LEVELS[level](new)
    codes: dict[str, int] = {}
    old_ids = [codes.setdefault(t, len(codes)) for t in old_tokens]
    new_ids = [codes.setdefault(t, len(codes)) for t in new_tokens]
    old_starts, new_starts = _starts(old_tokens), _starts(new_tokens)
    hint = abs(len(old_ids) - len(new_ids)) + 16
    opcodes = Levenshtein.opcodes(old_ids, new_ids, score_hint=hint)
    pending: list[int] | None = None  # a changed region being gathered: [a1, b1]
    for n, (tag, i1, i2, j1, _) in enumerate(opcodes):
        a1, a2, b1 = old_starts[i1], old_starts[i2], new_starts[j1]
        if tag == "equal" and a2 - a1 >= MIN_ANCHOR_CHARS:
            if pending is not None:
                _align(
                    old[pending[0] : a1],
                    new[pending[1] : b1],
                    base_a + pending[0],
                    base_b + pending[1],
                    level + 1,
                    out,
                    None,
                )
                pending = None
            out.append((base_a + a1, base_b + b1, a2 - a1))
        elif pending is None:
            pending = [a1, b1]  # a short equal run (a blank line, one word) joins the change around it
        if progress is not None and level == 0 and n % 64 == 0:
            progress(0.95 * (i2 / max(len(old_ids), 1)))
    if pending is not None:
        _align(old[pending[0] :], new[pending[1] :], base_a + pending[0], base_b + pending[1], level + 1, out, None)


def _char_blocks(old: str, new: str) -> list[Block]:
    """Character-level matching blocks of two short regions, the sentinel left out."""
    if max(len(old), len(new)) <= DIFFLIB_CHARS:
        blocks = difflib.SequenceMatcher(None, old, new, autojunk=False).get_matching_blocks()
    else:
        blocks = Levenshtein.opcodes(old, new, score_hint=abs(len(old) - len(new)) + 16).as_matching_blocks()
    return [(a, b, size) for a, b, size in blocks if size]


def _starts(tokens: list[str]) -> list[int]:
    """Where each token starts, and the total length last."""
    starts = [0]
    for token in tokens:
        starts.append(starts[-1] + len(token))
    return starts
