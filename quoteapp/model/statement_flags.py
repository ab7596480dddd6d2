"""What differs between the versions of one statement: each difference a `Flag` on a version, naming
the version it was compared with.

The rules read what a journalist checks: do two direct quotes put the same words inside quotation
marks; is one version a cut of another, or a join of remarks another gives apart; is it direct
here and reported there; is it the same speaker, reached through the same people; is a source
unnamed here and named elsewhere.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from quoteapp.model.statement_grouping import speaker_relation
from quoteapp.model.statement_items import NAMED_KINDS, Item, Who
from quoteapp.model.statement_words import WordDiff, inner_changes, opcodes, shared_share, tokens, word_diff

FLAG_KINDS: dict[str, str] = {
    "words_changed": "words changed inside quotation marks",
    "truncated": "cut short",
    "spliced": "joined from separate remarks",
    "direct_indirect": "direct here, indirect elsewhere",
    "speaker_differs": "different speaker",
    "chain_differs": "different chain",
    "anonymous_named": "anonymous here, named elsewhere",
    "differs_from_source": "words differ from the primary source",
}

#: two quoted passages are compared word for word when this share of the shorter one is in the other,
#: in order: below it they quote different parts of the statement
COMPARABLE_SHARE = 0.5
#: a version is a cut of another when this share of its words is in the other, in order ...
CUT_SHARE = 0.9
#: ... and the other has at least this many words more that no version of this article gives
MIN_CUT_WORDS = 4
#: a piece of another version counts as joined into one of this version's segments when this share of it is there
PIECE_SHARE = 0.8
#: a piece shorter than this (words) is too common to tell a join
MIN_PIECE_WORDS = 3
#: two segments of one quote this far apart (characters: more than an attribution and a clause) are separate
#: remarks, not one sentence interrupted by "he said"
SPLICE_GAP = 250


@dataclass(frozen=True)
class Flag:
    """One difference between this version and another of its statement."""

    kind: str  # a key of FLAG_KINDS
    other: tuple[str, str]  # (document id, quote id) of the version compared with
    detail: str  # one plain sentence for the user
    diff: tuple[WordDiff, ...] = ()


def _ref(item: Item) -> str:
    return f"{item.article} {item.quote}"


def _keys(text: str) -> list[str]:
    return [k for _, k in tokens(text)]


def quoted_change(ours: Sequence[str], theirs: Sequence[str]) -> bool:
    """Whether quoted words differ: a fragment of ours that the other quotes too (enough of it, in
    order) with a word replaced, added or left out inside the stretch both give."""
    their_keys = _keys(" ".join(theirs))
    for fragment in ours:
        keys = _keys(fragment)
        if shared_share(keys, their_keys) >= COMPARABLE_SHARE and inner_changes(keys, their_keys):
            return True
    return False


def words_changed(item: Item, other: Item) -> Flag | None:
    ours, theirs = item.quoted(), other.quoted()
    if not ours or not theirs or not quoted_change(ours, theirs):
        return None
    detail = f"the words inside quotation marks are not those of {_ref(other)}"
    return Flag("words_changed", (other.article, other.quote), detail, word_diff(" … ".join(ours), " … ".join(theirs)))


def _covered(item_keys: list[str], other_keys: list[str]) -> set[int]:
    """The positions of `other_keys` that `item_keys` gives, in order."""
    covered: set[int] = set()
    for op, _, _, j1, j2 in opcodes(item_keys, other_keys):
        if op == "equal":
            covered.update(range(j1, j2))
    return covered


def truncated(item: Item, other: Item, same_article: Sequence[Item]) -> Flag | None:
    """This version is a proper part of the other, and the rest is not given by another quote of its article."""
    keys, other_keys = _keys(item.own_text), _keys(other.own_text)
    covered = _covered(keys, other_keys)
    if not keys or len(covered) < CUT_SHARE * len(keys) or len(other_keys) - len(covered) < MIN_CUT_WORDS:
        return None
    for sibling in same_article:
        covered |= _covered(_keys(sibling.own_text), other_keys)
    if len(other_keys) - len(covered) < MIN_CUT_WORDS:
        return None
    left = len(other_keys) - len(covered)
    detail = f"{_ref(other)} gives {left} more words of this statement"
    return Flag("truncated", (other.article, other.quote), detail, word_diff(item.own_text, other.own_text))


def spliced(item: Item, pieces_by_article: dict[str, list[tuple[Item, int]]]) -> list[Flag]:
    """One of this version's segments joins pieces that another article gives as separate quotes, or
    as segments of one quote far apart."""
    flags = []
    for article, pieces in pieces_by_article.items():
        if article == item.article:
            continue
        for segment in item.own:
            seg_keys = _keys(segment.text)
            inside = [(it, n, cover) for it, n in pieces if (cover := _piece_in(it.own[n].text, seg_keys))]
            pair = next(((a, b) for a in inside for b in inside if not a[2] & b[2] and _apart(a, b)), None)
            if pair is not None:
                first, second = pair[0][0], pair[1][0]
                detail = f"one passage here joins words that {article} gives apart ({first.quote} and {second.quote})"
                flags.append(Flag("spliced", (first.article, first.quote), detail))
                break
    return flags


def _piece_in(piece: str, seg_keys: list[str]) -> set[int]:
    """The positions of the segment's words that give the piece (empty when the segment does not have it)."""
    keys = _keys(piece)
    where = _covered(keys, seg_keys)
    return where if len(keys) >= MIN_PIECE_WORDS and len(where) >= PIECE_SHARE * len(keys) else set()


def _apart(a: tuple[Item, int, set[int]], b: tuple[Item, int, set[int]]) -> bool:
    """Two pieces given as separate remarks: in two quotes, or two segments of one quote far apart."""
    (qa, na, _), (qb, nb, _) = a, b
    if qa is qb:
        return nb > na and qb.own[nb].start - qa.own[na].end > SPLICE_GAP
    return qa.order < qb.order


def direct_indirect(item: Item, other: Item) -> Flag | None:
    kinds = {item.type, other.type}
    if kinds != {"direct", "indirect"}:
        return None
    detail = f"{item.type} here, {other.type} in {_ref(other)}"
    return Flag("direct_indirect", (other.article, other.quote), detail)


def _named(who: Who | None) -> bool:
    return who is not None and who.kind in NAMED_KINDS


def speaker_flags(item: Item, other: Item) -> list[Flag]:
    """A different named speaker; or an anonymous speaker here that the other version names."""
    ref = (other.article, other.quote)
    if item.speaker is None or other.speaker is None:
        return []
    if item.speaker.kind == "anonymous" and _named(other.speaker):
        detail = f"{item.speaker.name} here is {other.speaker.name} in {_ref(other)}"
        return [Flag("anonymous_named", ref, detail)]
    if speaker_relation(item.speaker, other.speaker) == "different":
        detail = f"said by {item.speaker.name} here, by {other.speaker.name} in {_ref(other)}"
        return [Flag("speaker_differs", ref, detail)]
    return []


def _chain_words(chain: Sequence[tuple[Who, str]]) -> str:
    return ", ".join(f"{who.name} ({role})" for who, role in chain) or "firsthand"


def chain_flags(item: Item, other: Item) -> list[Flag]:
    """A different chain of intermediaries (firsthand, or other people, roles or outlets); an unnamed
    intermediary here in the place of a named one there is the same chain, flagged as anonymous."""
    ref = (other.article, other.quote)
    ours, theirs = item.chain, other.chain
    pairs = list(zip(ours, theirs, strict=False))  # a longer chain: the rest differs
    same = len(ours) == len(theirs) and all(ra == rb and _same_link(a, b) for (a, ra), (b, rb) in pairs)
    flags = [
        Flag("anonymous_named", ref, f"{a.name} here is {b.name} in {_ref(other)}")
        for (a, ra), (b, rb) in pairs
        if ra == rb and a.key != b.key and a.kind == "anonymous" and _named(b)
    ]
    if not same:
        detail = f"here {_chain_words(ours)}; in {_ref(other)} {_chain_words(theirs)}"
        flags.append(Flag("chain_differs", ref, detail))
    return flags


def _same_link(a: Who, b: Who) -> bool:
    """One link of a chain: the same identity, or an unnamed one in the place of a named one."""
    return a.key == b.key or (a.kind == "anonymous") != (b.kind == "anonymous")


def version_flags(item: Item, statement: Sequence[Item]) -> list[Flag]:
    """The flags of one version against every other version of its statement (other articles)."""
    others = [o for o in statement if o.article != item.article]
    siblings = [o for o in statement if o.article == item.article and o is not item]
    flags: list[Flag] = []
    for other in others:
        for flag in (words_changed(item, other), truncated(item, other, siblings), direct_indirect(item, other)):
            if flag is not None:
                flags.append(flag)
        flags += speaker_flags(item, other)
        flags += chain_flags(item, other)
    pieces: dict[str, list[tuple[Item, int]]] = {}
    for other in others:
        pieces.setdefault(other.article, []).extend((other, n) for n in range(len(other.own)))
    flags += spliced(item, pieces)
    return flags
