"""Which quotes of a folder are versions of one statement: blocked candidate pairs, scored, joined.

No quote is compared with every other. A pair is a candidate only when the two quotes (of two
different articles) share a rare content word (one that few quotes of the folder use: an
inverted index on those words), or have one speaker identity and that speaker is quoted in few
enough quotes to compare them all. A candidate is accepted when enough of the content words of
the shorter quote are in the other (rapidfuzz lets a translation variant such as "distrust" /
"mistrust" count as one word); the accepted pairs are joined with union-find.

A different speaker does not forbid a pair (the flag "different speaker" is the point), but the
words must then agree more: two speakers say the same few words more often than one speaker
repeats a statement.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations

from rapidfuzz import fuzz

from quoteapp.model.statement_items import Item, Who

#: a quote with fewer content words than this is a fragment ("a disgrace"): it repeats by chance
MIN_CONTENT_WORDS = 3
#: two versions share at least this many content words
MIN_SHARED = 3
#: a word is rare (indexed for blocking) when at most this share of the folder's quotes use it ...
RARE_SHARE = 0.01
#: ... or at most this many, whichever is larger (a small folder has no word in 1% of few quotes)
RARE_MIN = 25
#: all pairs of one speaker's quotes are candidates while that speaker has at most this many quotes
SPEAKER_BLOCK = 150
#: the share of the shorter quote's content words the other must have: one speaker, or one speaker
#: that speaks for the other (a spokesperson and the one spoken for)
SAME_SPEAKER_SHARE = 0.6
#: ... when a speaker is missing or anonymous on one side (it may be the named one of the other)
UNKNOWN_SPEAKER_SHARE = 0.7
#: ... two different named speakers: the words must agree closely
OTHER_SPEAKER_SHARE = 0.85
#: two different words count as one (a translation variant) above this rapidfuzz ratio ...
VARIANT_WORD = 85.0
#: ... when both are at least this long (short words are too alike: "war" / "was")
VARIANT_MIN_LENGTH = 5


def speaker_relation(a: Who | None, b: Who | None) -> str:
    """'same' (one identity, or one speaks for the other), 'unknown' (missing or anonymous on a side),
    or 'different' (two named speakers)."""
    if a is None or b is None:
        return "unknown"
    if a.key == b.key or a.speaks_for == b.key or b.speaks_for == a.key:
        return "same"
    if a.kind not in ("person", "organization", "outlet") or b.kind not in ("person", "organization", "outlet"):
        return "unknown"
    return "different"


NEEDED = {"same": SAME_SPEAKER_SHARE, "unknown": UNKNOWN_SPEAKER_SHARE, "different": OTHER_SPEAKER_SHARE}


def _variants(ours: Iterable[str], theirs: set[str]) -> int:
    """How many of `ours` have a spelling or translation variant among `theirs` (each used once)."""
    found, left = 0, set(theirs)
    for word in ours:
        if len(word) < VARIANT_MIN_LENGTH:
            continue
        match = next((t for t in left if len(t) >= VARIANT_MIN_LENGTH and fuzz.ratio(word, t) >= VARIANT_WORD), None)
        if match is not None:
            found += 1
            left.discard(match)
    return found


def agreement(a: Item, b: Item) -> tuple[int, float]:
    """(content words shared, counting variants; their share of the shorter quote's content words)."""
    shared = a.stems & b.stems
    smaller, larger = (a, b) if len(a.stems) <= len(b.stems) else (b, a)
    count = len(shared)
    if count < len(smaller.stems):
        count += _variants(smaller.stems - shared, set(larger.stems - shared))
    return count, count / max(len(smaller.stems), 1)


def same_statement(a: Item, b: Item) -> bool:
    """Whether two quotes are versions of one statement, by their words and how their speakers relate."""
    shared, share = agreement(a, b)
    return shared >= MIN_SHARED and share >= NEEDED[speaker_relation(a.speaker, b.speaker)]


def candidate_pairs(items: Sequence[Item]) -> set[tuple[int, int]]:
    """Index pairs (i < j, two articles) worth scoring: a shared rare word, or one small speaker block."""
    df = Counter(stem for item in items for stem in item.stems)
    rare = max(RARE_MIN, RARE_SHARE * len(items))
    blocks: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        for word in item.stems:
            if df[word] <= rare:
                blocks["w:" + word].append(n)
        if item.speaker is not None:
            blocks["s:" + (item.speaker.speaks_for or item.speaker.key)].append(n)
    pairs = set()
    for key, members in blocks.items():
        if len(members) < 2 or (key.startswith("s:") and len(members) > SPEAKER_BLOCK):
            continue
        for i, j in combinations(members, 2):
            if items[i].article != items[j].article:
                pairs.add((i, j))
    return pairs


class UnionFind:
    """Disjoint sets of indices: the statements, as accepted pairs join them."""

    def __init__(self, size: int) -> None:
        self.parent = list(range(size))

    def find(self, n: int) -> int:
        while self.parent[n] != n:
            self.parent[n] = self.parent[self.parent[n]]
            n = self.parent[n]
        return n

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def group_items(items: Sequence[Item], forced: Iterable[tuple[int, int]] = ()) -> list[list[int]]:
    """The groups of item indices that are one statement (single items included), each in item order;
    `forced` pairs are joined whatever their words (a quote aligned to a primary source's passage)."""
    sets = UnionFind(len(items))
    for i, j in candidate_pairs(items):
        a, b = items[i], items[j]
        if len(a.stems) >= MIN_CONTENT_WORDS and len(b.stems) >= MIN_CONTENT_WORDS and same_statement(a, b):
            sets.union(i, j)
    for i, j in forced:
        sets.union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(items)):
        groups[sets.find(n)].append(n)
    return list(groups.values())
