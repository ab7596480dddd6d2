"""Carrying an annotation over to a changed text, and merging a fresh analysis into an edited one.

Both keep every quote an editor touched: re-anchoring moves spans by aligning the old and the new
text (a span whose words were deleted is reported, never dropped in silence); merging replaces
only `auto` quotes.
"""

from __future__ import annotations

import copy
from bisect import bisect_left
from collections.abc import Callable
from dataclasses import replace
from itertools import accumulate

from quoteapp.model.alignment import Progress, fast_offset_carrier
from quoteapp.model.annotation import Annotation, Entity, Quote, Span, text_sha256

#: the quote field (see attribution-format.md: the app's own fields go under `extensions`) and the
#: app's key in it, where the editor's flags on a quote live: `{"extensions": {"quoteapp": {"flags": [...]}}}`
EXTENSIONS = "extensions"
APP_KEY = "quoteapp"
#: re-anchoring could not carry this quote's words over as they were: an editor should look at it
UNPLACED = "unplaced"


def quote_flags(quote: Quote) -> list[str]:
    """The app's flags on a quote (kept in the attribution file under `extensions`)."""
    extensions = quote.extra.get(EXTENSIONS)
    app = extensions.get(APP_KEY) if isinstance(extensions, dict) else None
    flags = app.get("flags") if isinstance(app, dict) else None
    return [f for f in flags if isinstance(f, str)] if isinstance(flags, list) else []


def with_flag(quote: Quote, flag: str) -> Quote:
    """A copy of `quote` carrying `flag` (once); everything else in `extensions` is kept."""
    new = copy.deepcopy(quote)
    extensions = new.extra.setdefault(EXTENSIONS, {})
    app = extensions.setdefault(APP_KEY, {})
    app["flags"] = [*quote_flags(quote), flag] if flag not in quote_flags(quote) else quote_flags(quote)
    return new


def without_flag(quote: Quote, flag: str) -> Quote:
    """A copy of `quote` without `flag`; `extensions` entries left empty are removed."""
    new = copy.deepcopy(quote)
    if flag not in quote_flags(new):
        return new
    app = new.extra[EXTENSIONS][APP_KEY]
    app["flags"] = [f for f in app["flags"] if f != flag]
    if not app["flags"]:
        del app["flags"]
    if not app:
        del new.extra[EXTENSIONS][APP_KEY]
    if not new.extra[EXTENSIONS]:
        del new.extra[EXTENSIONS]
    return new


def reanchor(annotation: Annotation, new_text: str, progress: Progress | None = None) -> tuple[Annotation, list[str]]:
    """The annotation on `new_text`, and the ids of quotes whose text changed or vanished.

    A quote whose every segment vanished keeps a one-character segment at the place it was. Every
    listed quote is flagged UNPLACED (`quote_flags`), so the editor can find it in the list and the
    flag survives a save. Cheap enough for a worker thread: the alignment takes milliseconds on a
    megabyte with a few edits; `progress` hears fractions up to 1.0.
    """

    def report(fraction: float) -> None:
        if progress is not None:
            progress(fraction)

    carry = fast_offset_carrier(annotation.document.text, new_text, lambda f: report(0.5 * f))

    def moved(span: Span | None) -> Span | None:
        if span is None:
            return None
        start, end = carry(span.start), carry(span.end)
        return Span(start, end, new_text[start:end], _copied(span.extra)) if end > start else None

    changed: list[str] = []
    quotes: list[Quote] = []
    for n, quote in enumerate(annotation.quotes):
        new, lost = _moved_quote(quote, moved, carry, new_text)
        if lost:
            changed.append(quote.id)
            new = with_flag(new, UNPLACED)
        quotes.append(new)
        if n % 256 == 0:
            report(0.5 + 0.4 * n / max(len(annotation.quotes), 1))
    entities = [_moved_entity(e, moved) for e in annotation.entities]
    result = Annotation(
        replace(
            annotation.document,
            text=new_text,
            sha256=text_sha256(new_text),
            extra=copy.deepcopy(annotation.document.extra),
        ),
        entities,
        quotes,
        copy.deepcopy(annotation.generator),
        copy.deepcopy(annotation.extra),
    )
    report(1.0)
    return result, changed


def _moved_quote(
    quote: Quote, moved: Callable[[Span | None], Span | None], carry: Callable[[int], int], new_text: str
) -> tuple[Quote, bool]:
    """The quote on the new text, and whether its words changed (or vanished)."""
    segments = [s for s in (moved(seg) for seg in quote.segments) if s is not None]
    lost = [s.text for s in segments] != [s.text for s in quote.segments]
    if not segments:
        at = min(carry(quote.segments[0].start), max(len(new_text) - 1, 0))
        segments = [Span.of(new_text, at, at + 1)]
    speaker = (
        None
        if quote.speaker is None
        else replace(quote.speaker, mention=moved(quote.speaker.mention), extra=_copied(quote.speaker.extra))
    )
    intermediaries = [replace(v, mention=moved(v.mention), extra=_copied(v.extra)) for v in quote.intermediaries]
    return replace(
        quote,
        segments=segments,
        cue=moved(quote.cue),
        speaker=speaker,
        intermediaries=intermediaries,
        extra=_copied(quote.extra),
    ), lost


def _copied(extra: dict) -> dict:
    """A deep copy of an `extra` dict (most are empty: deepcopy's bookkeeping is what costs)."""
    return copy.deepcopy(extra) if extra else {}


def _moved_entity(entity: Entity, moved: Callable[[Span | None], Span | None]) -> Entity:
    mentions = [m for m in (moved(m) for m in entity.mentions) if m is not None]
    return replace(entity, aliases=list(entity.aliases), mentions=mentions, extra=_copied(entity.extra))


def _overlap(a: Quote, b: Quote) -> float:
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    union = max(a.end, b.end) - min(a.start, b.start)
    return inter / union if union else 0.0


class _Overlaps:
    """The quotes of a list that overlap a given one, found by bisection (not a scan per question)."""

    def __init__(self, quotes: list[Quote]) -> None:
        self.quotes = sorted(quotes, key=lambda q: q.start)
        self.starts = [q.start for q in self.quotes]
        self.max_ends = list(accumulate((q.end for q in self.quotes), max))

    def near(self, quote: Quote) -> list[Quote]:
        """Those starting before `quote` ends and ending after it starts."""
        found = []
        i = bisect_left(self.starts, quote.end) - 1
        while i >= 0 and self.max_ends[i] > quote.start:
            if self.quotes[i].end > quote.start:
                found.append(self.quotes[i])
            i -= 1
        return found


def merge_reanalysis(edited: Annotation, fresh: Annotation) -> Annotation:
    """`edited` with its `auto` quotes replaced by `fresh`'s, except where an edited quote stands.

    Fresh entities join an existing entity of the same name; others get new ids.
    """
    result = copy.deepcopy(edited)
    kept = [q for q in result.quotes if q.status != "auto"]
    result.quotes = list(kept)
    by_name = {e.name.lower(): e.id for e in result.entities}
    id_map: dict[str, str] = {}
    for entity in fresh.entities:
        if entity.name.lower() in by_name:
            id_map[entity.id] = by_name[entity.name.lower()]
            continue
        new = copy.deepcopy(entity)
        new.id = result.next_id("E")
        result.entities.append(new)
        by_name[new.name.lower()] = new.id
        id_map[entity.id] = new.id
    quote_map: dict[str, str] = {}
    added: list[Quote] = []
    stands = _Overlaps(kept)
    taken = {q.id for q in kept}
    for quote in fresh.quotes:
        if any(_overlap(quote, k) >= 0.5 for k in stands.near(quote)):
            continue
        new = copy.deepcopy(quote)
        new.id = f"Q{len(result.quotes) + len(added) + 1}"
        while new.id in taken:
            new.id = f"Q{int(new.id[1:]) + 1}"
        taken.add(new.id)
        quote_map[quote.id] = new.id
        if new.speaker is not None:
            new.speaker.entity = id_map[new.speaker.entity]
        for via in new.intermediaries:
            via.entity = id_map[via.entity]
        added.append(new)
    for new in added:
        new.parent = quote_map.get(new.parent) if new.parent else None
    result.quotes = sorted(kept + added, key=lambda q: (q.start, -q.end))
    used = {q.speaker.entity for q in result.quotes if q.speaker} | {
        i.entity for q in result.quotes for i in q.intermediaries
    }
    before = {x.id for x in edited.entities}
    result.entities = [e for e in result.entities if e.id in used or e.id in before]
    result.generator = fresh.generator or result.generator
    return result
