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

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from itertools import combinations

from rapidfuzz import fuzz

from quoteapp.model.statement_items import Item, Who

#: a quote with fewer content words than this is a fragment ("a disgrace", "Senator Marco Rubio"): it repeats by chance
MIN_CONTENT_WORDS = 4
#: two versions share at least this many content words (more when their speakers differ: see below) ...
MIN_SHARED = 3
#: ... of which this many are not names: "Hillary Clinton and Bernie Sanders" is no statement
MIN_SHARED_PLAIN = 2
#: a word is rare (indexed for blocking) when at most this share of the folder's quotes use it ...
RARE_SHARE = 0.003
#: ... or at most this many, whichever is larger (a small folder has no word in 1% of few quotes)
RARE_MIN = 25
#: all pairs of one speaker's quotes are candidates while that speaker has at most this many quotes
SPEAKER_BLOCK = 150
#: (the share of the shorter quote's content words the other must have, and how many words at least):
#: one speaker, or one speaker that speaks for the other (a spokesperson and the one spoken for)
SAME_SPEAKER = (0.7, 3)
#: ... when a speaker is missing or anonymous on one side (it may be the named one of the other)
UNKNOWN_SPEAKER = (0.75, 4)
#: ... two different named speakers: the words must agree closely, and be more than a stock phrase
#: ("the presumptive Republican nominee") that everyone uses
OTHER_SPEAKER = (0.85, 6)
#: the shared words of a short quote stand within WINDOW times its length (plus WINDOW_SLACK words) of the long one
WINDOW = 2
WINDOW_SLACK = 3
#: two different words count as one (a translation variant) above this rapidfuzz ratio ...
VARIANT_WORD = 85.0
#: ... at most this many in one pair (a paraphrase with many other words is another statement)
MAX_VARIANTS = 2
#: ... when both are at least this long (short words are too alike: "war" / "was")
VARIANT_MIN_LENGTH = 5


def speaker_relation(a: Who | None, b: Who | None) -> str:
    """'same' (one identity, or one speaks for the other), 'unknown' (missing or anonymous on a side: it
    may be the one the other names), or 'different' (two speakers with names of their own)."""
    if a is None or b is None:
        return "unknown"
    if a.key == b.key or a.speaks_for == b.key or b.speaks_for == a.key:
        return "same"
    return "unknown" if "anonymous" in (a.kind, b.kind) else "different"


NEEDED = {"same": SAME_SPEAKER, "unknown": UNKNOWN_SPEAKER, "different": OTHER_SPEAKER}


def _variants(ours: Iterable[str], theirs: set[str], limit: int) -> int:
    """How many of `ours` (up to `limit`) have a spelling or translation variant among `theirs`, each used once."""
    found, left = 0, {t for t in theirs if len(t) >= VARIANT_MIN_LENGTH}
    for word in ours:
        if found == limit:
            break
        if len(word) < VARIANT_MIN_LENGTH:
            continue
        match = next((t for t in left if fuzz.ratio(word, t) >= VARIANT_WORD), None)
        if match is not None:
            found += 1
            left.discard(match)
    return found


def agreement(a: Item, b: Item, needed: float = 1.0, least: int = MIN_SHARED) -> tuple[int, float]:
    """(content words shared, counting variants; their share of the shorter quote's content words).
    Variants are looked for only when up to MAX_VARIANTS of them would make the `needed` share."""
    shared = a.stems & b.stems
    smaller, larger = (a, b) if len(a.stems) <= len(b.stems) else (b, a)
    size = max(len(smaller.stems), 1)
    count = len(shared)
    short = max(needed * size, least) - count
    if 0 < short <= MAX_VARIANTS:
        count += _variants(smaller.stems - shared, set(larger.stems - shared), MAX_VARIANTS)
    return count, count / size


def compact(a: Item, b: Item, count: int) -> bool:
    """Whether `count` of the shared words stand close together in the longer quote: within a stretch
    not much longer than the shorter quote. A short quote is a cut of a long one when its words are
    one passage of it, not when they are scattered over it by chance."""
    smaller, larger = (a, b) if len(a.sequence) <= len(b.sequence) else (b, a)
    shared = smaller.stems & larger.stems
    positions = [n for n, word in enumerate(larger.sequence) if word in shared]
    width = WINDOW * len(smaller.sequence) + WINDOW_SLACK
    need = min(count, len(positions))
    return need > 0 and any(positions[k + need - 1] - positions[k] < width for k in range(len(positions) - need + 1))


def same_statement(a: Item, b: Item) -> bool:
    """Whether two quotes are versions of one statement: enough of the shorter one's content words in
    the other (more when the speakers differ), standing together there."""
    needed, least = NEEDED[speaker_relation(a.speaker, b.speaker)]
    shared, share = agreement(a, b, needed, least)
    if shared < least or share < needed:
        return False
    variants = shared - len(a.stems & b.stems)
    return compact(a, b, max(least, math.ceil(needed * min(len(a.stems), len(b.stems)))) - variants)


def _worth_scoring(a: Item, b: Item) -> bool:
    """The quick test most candidates fail: too few shared words for any speaker relation."""
    if len(a.plain & b.plain) < MIN_SHARED_PLAIN:
        return False
    shared = len(a.stems & b.stems) + MAX_VARIANTS
    return shared >= MIN_SHARED and shared >= SAME_SPEAKER[0] * min(len(a.stems), len(b.stems))


def candidate_pairs(items: Sequence[Item]) -> set[tuple[int, int]]:
    """Index pairs (i < j, two articles) worth scoring: a shared rare word, or one small speaker block.
    Fragments (fewer than MIN_CONTENT_WORDS content words) are in no pair."""
    df = Counter(stem for item in items for stem in item.stems)
    rare = max(RARE_MIN, RARE_SHARE * len(items))
    blocks: dict[str, list[int]] = defaultdict(list)
    for n, item in enumerate(items):
        if len(item.stems) < MIN_CONTENT_WORDS:
            continue
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
        if _worth_scoring(items[i], items[j]) and same_statement(items[i], items[j]):
            sets.union(i, j)
    for i, j in forced:
        sets.union(i, j)
    groups: dict[int, list[int]] = defaultdict(list)
    for n in range(len(items)):
        groups[sets.find(n)].append(n)
    return list(groups.values())
