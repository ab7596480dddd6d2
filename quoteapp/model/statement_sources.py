"""Primary sources: a transcript, a statement or a press release in the folder that the quotes of the
other articles are checked against.

How an article is marked a source: its attribution file says so, under the app's extensions
(`{"extensions": {"quoteapp": {"primary_source": true}}}` at the top level of the file), which a
reader keeps and a save writes back; `is_primary_source` and `mark_primary_source` read and set it.
`quoteapp statements --source FILE` marks more for one run.

Every quote of the folder is aligned to each source's whole text (not only the source's quotes):
the passage that matches it best (rapidfuzz `partial_ratio_alignment`, narrowed to whole words).
A quote aligned well enough is a version of the statement of that passage; a direct quote whose
quoted words differ from the passage is flagged, with the word diff.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz import fuzz

from quoteapp.model.annotation import Annotation
from quoteapp.model.statement_flags import Flag, quoted_change
from quoteapp.model.statement_items import Item, Piece
from quoteapp.model.statement_words import TOKEN, content_stems, opcodes, plain_stems, word_diff, word_key

EXTENSIONS, APP_KEY, PRIMARY_SOURCE = "extensions", "quoteapp", "primary_source"
#: a quote is looked for in a source only when the source has this share of its content words ...
ALIGN_WORDS = 0.6
#: ... and it is aligned when the best passage matches it this well (rapidfuzz partial ratio, 0..100)
ALIGN_SCORE = 75.0
#: a passage id is this prefix and the passage's offsets in the source text
PASSAGE = "passage:"
#: passages come after the source's quotes in its versions
PASSAGE_ORDER = 10**9


def is_primary_source(annotation: Annotation) -> bool:
    """Whether the article is marked a primary source in its attribution file."""
    extensions = annotation.extra.get(EXTENSIONS)
    app = extensions.get(APP_KEY) if isinstance(extensions, dict) else None
    return isinstance(app, dict) and app.get(PRIMARY_SOURCE) is True


def mark_primary_source(annotation: Annotation, source: bool = True) -> None:
    """Mark the article a primary source (or not); the rest of `extensions` is kept."""
    if not isinstance(annotation.extra.get(EXTENSIONS), dict):
        annotation.extra[EXTENSIONS] = {}  # a foreign file's null or list: nothing of ours to keep
    extensions = annotation.extra[EXTENSIONS]
    if not isinstance(extensions.get(APP_KEY), dict):
        extensions[APP_KEY] = {}
    app = extensions[APP_KEY]
    if source:
        app[PRIMARY_SOURCE] = True
        return
    app.pop(PRIMARY_SOURCE, None)
    if not app:
        extensions.pop(APP_KEY)
    if not extensions:
        annotation.extra.pop(EXTENSIONS)


@dataclass(frozen=True)
class Alignment:
    """Where a quote's words are in a source: the passage's offsets in the source text, and how well."""

    source: str
    start: int
    end: int
    text: str
    score: float


def _fold(text: str) -> str:
    """Lower case of the same length (offsets into it are offsets into `text`)."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _narrow(text: str, start: int, end: int, quote: str) -> tuple[int, int]:
    """The passage around a rough alignment: whole words, from the first to the last word the quote shares."""
    margin = max(20, (end - start) // 4)
    words = [m for m in TOKEN.finditer(text, max(0, start - margin), min(len(text), end + margin))]
    keys = [word_key(m.group()) for m in words]
    quote_keys = [word_key(t) for t in quote.split()]
    equal = [(j1, j2) for op, _, _, j1, j2 in opcodes(quote_keys, keys) if op == "equal"]
    if not equal:
        return start, end
    return words[equal[0][0]].start(), words[equal[-1][1] - 1].end()


def align(item: Item, source: Annotation, source_stems: frozenset[str]) -> Alignment | None:
    """The passage of `source` that `item` reports, or None when the source does not have it."""
    if not item.stems or len(item.stems & source_stems) < ALIGN_WORDS * len(item.stems):
        return None
    words = " ".join(p.text for p in item.own)
    text = source.document.text
    found = fuzz.partial_ratio_alignment(_fold(words), _fold(text), score_cutoff=ALIGN_SCORE)
    if found is None:
        return None
    start, end = _narrow(text, found.dest_start, found.dest_end, words)
    return Alignment(source.document.id, start, end, text[start:end], found.score)


def align_all(items: Sequence[Item], sources: Sequence[Annotation]) -> dict[int, Alignment]:
    """item index -> its best alignment in one of the sources (sources' own quotes left out)."""
    stems = {s.document.id: frozenset(content_stems(s.document.text)) for s in sources}
    found: dict[int, Alignment] = {}
    for n, item in enumerate(items):
        if item.is_source:
            continue
        best = [a for s in sources if (a := align(item, s, stems[s.document.id])) is not None]
        if best:
            found[n] = max(best, key=lambda a: a.score)
    return found


def passages(
    items: Sequence[Item], alignments: dict[int, Alignment], texts: dict[str, str]
) -> tuple[list[Item], list[tuple[int, int]], dict[int, int]]:
    """The source passages the quotes align to, as items of their own (overlapping alignments make one
    passage; a passage inside a quote of the source is that quote), the pairs to join, and for every
    aligned item the index of its passage's item (numbered after `items`)."""
    new: list[Item] = []
    joined: list[tuple[int, int]] = []
    target: dict[int, int] = {}
    by_source: dict[str, list[int]] = {}
    for n, a in alignments.items():
        by_source.setdefault(a.source, []).append(n)
    for source, members in sorted(by_source.items()):
        members.sort(key=lambda n: alignments[n].start)
        runs: list[list[int]] = []
        for n in members:
            if runs and alignments[n].start < max(alignments[m].end for m in runs[-1]):
                runs[-1].append(n)
            else:
                runs.append([n])
        for run in runs:
            start, end = min(alignments[n].start for n in run), max(alignments[n].end for n in run)
            index = _source_quote(items, source, start, end)
            if index is None:
                index = len(items) + len(new)
                new.append(_passage_item(source, Piece(texts[source][start:end], start, end)))
            for n in run:
                joined.append((n, index))
                target[n] = index
    return new, joined, target


def _source_quote(items: Sequence[Item], source: str, start: int, end: int) -> int | None:
    for n, item in enumerate(items):
        if item.article == source and any(p.start < end and start < p.end for p in item.own):
            return n
    return None


def _passage_item(source: str, piece: Piece) -> Item:
    """A passage of a source that no quote of the source covers: first-hand words, no speaker named."""
    sequence = tuple(content_stems(piece.text))
    quote = f"{PASSAGE}{piece.start}-{piece.end}"
    order = PASSAGE_ORDER + piece.start
    plain = frozenset(plain_stems(piece.text))
    return Item(
        source, quote, "direct", piece.text, (piece,), frozenset(sequence), sequence, plain, None, (), True, order
    )


def source_flag(item: Item, alignment: Alignment, passage: Item) -> Flag | None:
    """A direct (or mixed) quote whose quoted words are not the source's."""
    quoted = item.quoted()
    if not quoted or not quoted_change(quoted, [alignment.text]):
        return None
    detail = f"the quoted words are not those of the source {alignment.source} ({alignment.score:.0f}% alike)"
    return Flag(
        "differs_from_source", (passage.article, passage.quote), detail, word_diff(" … ".join(quoted), alignment.text)
    )
