"""Speaker colours: one stable colour per entity, readable on light and on dark themes.

The colour comes from the entity id itself (the number in "E12", else a crc32 of the id), never from
Python's `hash()`, which changes between runs: an editor learns that E3 is green and it stays green.
Twelve hues are spread so that consecutive ids land far apart on the colour wheel.
"""

from __future__ import annotations

import re
import zlib

from PySide6.QtGui import QColor, QPalette

#: hues in degrees, in the order ids take them: each step is 150 degrees, so E1, E2, E3 differ clearly
HUES = tuple((i * 150) % 360 for i in range(12))

_NUMBER = re.compile(r"(\d+)$")

# (saturation, lightness) for each use, on light and on dark themes
_TINT = {False: (0.80, 0.86), True: (0.45, 0.26)}  # a quote's background: text stays readable
_STRONG = {False: (0.80, 0.72), True: (0.55, 0.36)}  # the selected quote, a speaker mention
_ACCENT = {False: (0.75, 0.38), True: (0.75, 0.68)}  # lines: underlines, outlines
_NO_SPEAKER = {False: 0.84, True: 0.30}  # grey lightness for a quote with no speaker
_DIM = {False: 0.94, True: 0.19}  # grey lightness for quotes out of focus


def palette_index(entity_id: str) -> int:
    """The entity's place in the palette: its number when it has one ("E12" -> 11), else a crc32."""
    match = _NUMBER.search(entity_id)
    number = int(match.group(1)) - 1 if match else zlib.crc32(entity_id.encode("utf-8"))
    return number % len(HUES)


def distinct_keys(entity_ids: list[str], keys: dict[str, str]) -> dict[str, str]:
    """Colour keys for one article's entities (`keys`: a corpus identity's, where there is one) such
    that no two share a hue while hues are left: those with an identity keep theirs first (the same
    in every article), the rest move to the first free hue ("hue4") when theirs is taken."""
    out: dict[str, str] = {}
    used: dict[int, str] = {}  # hue -> the key that has it (entities of one identity share theirs)
    for entity_id in sorted(entity_ids, key=lambda e: e not in keys):
        key = keys.get(entity_id, entity_id)
        index = palette_index(key)
        if used.get(index, key) != key and len(used) < len(HUES):
            index = next(i for i in range(len(HUES)) if i not in used)
            key = f"hue{index + 1}"
        used.setdefault(index, key)
        out[entity_id] = key
    return out


def _colour(entity_id: str | None, table: dict[bool, tuple[float, float]], dark: bool) -> QColor:
    if entity_id is None:
        return no_speaker_colour(dark)
    saturation, lightness = table[dark]
    return QColor.fromHslF(HUES[palette_index(entity_id)] / 360.0, saturation, lightness)


def speaker_colour(entity_id: str | None, dark: bool = False) -> QColor:
    """The background tint of the quotes of this speaker (None: the "no speaker" grey)."""
    return _colour(entity_id, _TINT, dark)


def strong_colour(entity_id: str | None, dark: bool = False) -> QColor:
    """A stronger tint of the same hue: the selected quote and speaker mentions."""
    if entity_id is None:
        grey = _NO_SPEAKER[dark] + (-0.12 if not dark else 0.10)
        return QColor.fromHslF(0.0, 0.0, grey)
    return _colour(entity_id, _STRONG, dark)


def accent_colour(entity_id: str | None, dark: bool = False) -> QColor:
    """A saturated colour of the same hue for lines (underlines, outlines) drawn over text."""
    if entity_id is None:
        return QColor.fromHslF(0.0, 0.0, 0.45 if not dark else 0.70)
    return _colour(entity_id, _ACCENT, dark)


def no_speaker_colour(dark: bool = False) -> QColor:
    """The fixed background of a quote whose speaker is not known."""
    return QColor.fromHslF(0.0, 0.0, _NO_SPEAKER[dark])


def dim_colour(dark: bool = False) -> QColor:
    """A faint background for quotes pushed out of focus (another entity is highlighted)."""
    return QColor.fromHslF(0.0, 0.0, _DIM[dark])


def is_dark(palette: QPalette) -> bool:
    """True when the theme is dark: the window background is darker than mid-grey."""
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5
