"""The words of a quote as the statement grouping compares them: normalised keys, content stems, word diffs.

Plain Python (no spaCy in `model`): a word's key is its lower-cased letters and digits with the
apostrophes folded ("Putin’s" is "putin's"); a content stem is a key that is not a function word,
with a possessive and a few inflection suffixes cut off, so that "Libyans" meets "Libyan" and
"stronger" meets "strong". The cut is crude on purpose: both sides are cut the same way, so a
stem only has to be the same for the two forms of a word, never a real lemma.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

TOKEN = re.compile(r"\S+")
EDGE_PUNCT = re.compile(r"^[^\w]+|[^\w]+$")
APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'"})
#: suffixes cut from a key, longest first; a stem keeps at least MIN_STEM characters
SUFFIXES = ("'s", "ies", "ing", "est", "ed", "es", "er", "ly", "s", "'")
MIN_STEM = 4
#: words that carry no statement of their own: two quotes sharing them share nothing
FUNCTION_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me might
    more most must my myself no nor not now of off on once only or other our ours ourselves out over own
    same shall she should so some such than that the their theirs them themselves then there these they
    this those through to too under until up very was we were what when where which while who whom why
    will with would you your yours yourself yourselves said says say told tell according us one two""".split()
)


@lru_cache(maxsize=200_000)  # a folder's words repeat: each is cut once
def word_key(token: str) -> str:
    """A token as compared: lower case, apostrophes folded, punctuation at its edges dropped."""
    return EDGE_PUNCT.sub("", token.translate(APOSTROPHES).lower())


@lru_cache(maxsize=200_000)
def stem(key: str) -> str:
    """A key with one inflection suffix cut off (possessive first), when enough of the word is left."""
    if key.endswith("'s"):
        key = key[:-2]
    for suffix in SUFFIXES:
        if key.endswith(suffix) and len(key) - len(suffix) >= MIN_STEM:
            key = key[: -len(suffix)] + ("y" if suffix == "ies" else "")
            break
    return key[:-1] if key.endswith("e") and len(key) > MIN_STEM else key  # "continue", "continues": "continu"


def tokens(text: str) -> list[tuple[str, str]]:
    """(word as written, its key) for every token of `text` that has a letter or digit."""
    out = []
    for token in TOKEN.findall(text):
        key = word_key(token)
        if key:
            out.append((token, key))
    return out


def content_stems(text: str) -> list[str]:
    """The stems of the words that say something (function words left out), in reading order."""
    return [stem(key) for _, key in tokens(text) if key not in FUNCTION_WORDS and not key.isdigit()]


def plain_stems(text: str) -> list[str]:
    """The content stems of the words written in lower case: what a quote says beyond the names it names."""
    return stems_of(text)[1]


def stems_of(text: str) -> tuple[list[str], list[str]]:
    """(`content_stems`, `plain_stems`) of a text, read once."""
    content, plain = [], []
    for word, key in tokens(text):
        if key not in FUNCTION_WORDS and not key.isdigit():
            content.append(stem(key))
            if word[:1].islower():
                plain.append(content[-1])
    return content, plain


@dataclass(frozen=True)
class WordDiff:
    """One run of a word-level diff between this version and another."""

    op: str  # "equal" | "replace" | "delete" | "insert"
    ours: str  # words of this version ("" for insert)
    theirs: str  # words of the other version ("" for delete)


def opcodes(ours: Sequence[str], theirs: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """difflib's opcodes of two key sequences (no junk heuristic: short quotes repeat words)."""
    return difflib.SequenceMatcher(None, list(ours), list(theirs), autojunk=False).get_opcodes()


def word_diff(ours: str, theirs: str) -> tuple[WordDiff, ...]:
    """The word-level diff of two texts, as runs of the words as written (case and punctuation aside)."""
    a, b = tokens(ours), tokens(theirs)
    runs = []
    for op, i1, i2, j1, j2 in opcodes([k for _, k in a], [k for _, k in b]):
        runs.append(WordDiff(op, " ".join(w for w, _ in a[i1:i2]), " ".join(w for w, _ in b[j1:j2])))
    return tuple(runs)


def inner_changes(ours: Sequence[str], theirs: Sequence[str]) -> list[tuple[str, int, int, int, int]]:
    """The differences between two key sequences inside the stretch where they agree: words one side
    has before the first or after the last shared word are a longer or shorter excerpt, not a change."""
    codes = opcodes(ours, theirs)
    equal = [n for n, c in enumerate(codes) if c[0] == "equal"]
    if not equal:
        return []
    return [c for c in codes[equal[0] : equal[-1] + 1] if c[0] != "equal"]


def shared_share(ours: Sequence[str], theirs: Sequence[str]) -> float:
    """How much of the shorter sequence the other has in the same order (0..1)."""
    if not ours or not theirs:
        return 0.0
    matcher = difflib.SequenceMatcher(None, list(ours), list(theirs), autojunk=False)
    same = sum(block.size for block in matcher.get_matching_blocks())
    return same / min(len(ours), len(theirs))
