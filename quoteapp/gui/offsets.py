"""The one place that converts between model offsets (code points) and Qt offsets (UTF-16 units).

The attribution format counts Unicode code points (Python `str` indices); `QTextCursor` and
`QTextDocument` count UTF-16 code units, where every character outside the Basic Multilingual Plane
(emoji, 𝔘, rare CJK) takes two units. Everything else in the GUI goes through `OffsetMap`, so the
rule lives in one tested spot.
"""

from __future__ import annotations

import re
from bisect import bisect_left

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


class OffsetMap:
    """Code point <-> UTF-16 positions for one text, O(log n) per conversion.

    Built once per text: only the positions of the characters outside the BMP are kept (a regex
    finds them in C, so a 5 MB text costs milliseconds); a conversion is one bisect over them.
    """

    __slots__ = ("_cp", "_qt", "length", "qt_length")

    def __init__(self, text: str) -> None:
        # max() is a fast C scan; most texts have no astral characters at all
        astral = [] if not text or max(text) < "\U00010000" else [m.start() for m in _ASTRAL.finditer(text)]
        self._cp: list[int] = astral  # code-point index of each astral character
        self._qt: list[int] = [cp + k for k, cp in enumerate(astral)]  # its first UTF-16 unit
        self.length = len(text)
        self.qt_length = len(text) + len(astral)

    def to_qt(self, cp: int) -> int:
        """The UTF-16 position of code-point position `cp` (0..len(text))."""
        return cp + bisect_left(self._cp, cp)

    def to_model(self, utf16: int, *, round_up: bool = False) -> int:
        """The code-point position of UTF-16 position `utf16`.

        A position between the two halves of a surrogate pair (Qt does not normally put a cursor
        there) goes to the start of that character, or past its end with `round_up`.
        """
        k = bisect_left(self._qt, utf16)  # astral characters starting before utf16
        cp = utf16 - k
        if k and self._qt[k - 1] == utf16 - 1:  # inside the pair of the k-th astral character
            cp += 1 if round_up else 0
        return cp

    def span_to_qt(self, start: int, end: int) -> tuple[int, int]:
        """A code-point span [start, end) as a UTF-16 span."""
        return self.to_qt(start), self.to_qt(end)

    def span_to_model(self, start: int, end: int) -> tuple[int, int]:
        """A UTF-16 span as a code-point span; a half-covered character is taken in whole."""
        return self.to_model(start), self.to_model(end, round_up=True)

    @property
    def has_astral(self) -> bool:
        """True when the two counts differ somewhere in the text."""
        return bool(self._cp)
