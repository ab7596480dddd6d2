"""Candidates the default sieves leave out, for a trained model to keep where a project counts them.

The sieves propose what the guidelines count. Projects count more: the noun-phrase object of a
speech verb ("She called the plan a fantasy", "touting her record"), beliefs and intentions ("he
believes the deal is dead", "she vowed to fight"). Here every verb with a subject proposes what it
governs: its clausal complement (`clause`), its object with what the object is called (`object`),
its open complement (`intent`). Most are no quote at all; the model, which sees the verb's lemma,
learns which verbs of which kind a project keeps. A proposal that is the same unit as a sieve's
candidate (Jaccard >= 0.5) is left out: the sieve's is the one to score.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc, Token

from quoteapp.evaluation.units import jaccard
from quoteapp.nlp.component import mention_to_dict
from quoteapp.nlp.mentions import make_mention
from quoteapp.nlp.rules.candidate import two_words

#: The rule names of the proposals, by the dependency labels of what the verb governs.
KINDS: dict[str, tuple[str, ...]] = {
    "learned_clause": ("ccomp",),
    "learned_object": ("dobj", "oprd"),
    "learned_intent": ("xcomp",),
}
QUOTE_MARKS = frozenset('"“”‘’«»„')
LEADING_WORDS = frozenset({"that"})
SUBJECT_DEPS = ("nsubj",)


def _subject(verb: Token) -> Token | None:
    """The verb's own subject, or that of the verb it is conjoined to ("he rose and called ...")."""
    for tok in (verb, verb.head if verb.dep_ == "conj" else None):
        if tok is None:
            continue
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS and child.lower_ not in ("it", "there"):
                return child
    return None


def _content(verb: Token, deps: tuple[str, ...]) -> tuple[int, int] | None:
    """Character span of what the verb governs with these labels, without a leading "that"."""
    parts = [c for c in verb.children if c.dep_ in deps and c.i > verb.i]
    if not parts:
        return None
    first = min(p.left_edge.i for p in parts)
    last = max(p.right_edge.i for p in parts)
    doc = verb.doc
    while first <= last and (doc[first].lower_ in LEADING_WORDS or doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    if first > last:
        return None
    start, end = doc[first].idx, doc[last].idx + len(doc[last])
    return (start, end) if two_words(doc.text, start, end) else None


def _type_of(text: str) -> str:
    """Mixed when the content holds quotation marks, indirect otherwise."""
    return "mixed" if any(ch in QUOTE_MARKS for ch in text) else "indirect"


def _known(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(jaccard(span, other) >= 0.5 for other in taken)


def proposals(doc: Doc, existing: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote dicts (the shape of `doc._.quotes`) for what verbs govern, beyond the sieves' candidates."""
    taken = [tuple(s) for q in existing for s in q["segments"]]
    out: list[dict[str, Any]] = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = _subject(verb)
        if subject is None:
            continue
        for rule, deps in KINDS.items():
            span = _content(verb, deps)
            if span is None or _known(span, taken):
                continue
            taken.append(span)
            out.append(_proposal(doc, verb, subject, rule, span))
    return out


def _proposal(doc: Doc, verb: Token, subject: Token, rule: str, span: tuple[int, int]) -> dict[str, Any]:
    return {
        "type": _type_of(doc.text[span[0] : span[1]]),
        "segments": [[span[0], span[1]]],
        "cue": [verb.idx, verb.idx + len(verb)],
        "speaker": mention_to_dict(make_mention(subject)),
        "intermediaries": [],
        "parent": None,
        "rule": rule,
        "confidence": 0.0,
        "evidence": [f"{rule.removeprefix('learned_')} of '{verb.text}' (a trained model's candidate)"],
    }
