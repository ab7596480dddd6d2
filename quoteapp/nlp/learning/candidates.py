"""Candidates the default sieves leave out, for a trained model to keep where a project counts them.

The sieves propose what the guidelines count. Projects count more: the noun-phrase object of a
speech verb ("She called the plan a fantasy", "touting her record"), beliefs and intentions ("he
believes the deal is dead", "she vowed to fight"). Here every verb proposes what it governs: its
clausal complement (`clause`), its object with what the object is called (`object`), its open
complement (`intent`), the object of its preposition (`prep`: "called for her ouster"); the
speaker is the verb's subject, or the subject of the verb it hangs on. Most are no quote at all;
the model, which sees the verb's lemma, learns which verbs of which kind a project keeps. A
proposal that is the same unit as a sieve's candidate (Jaccard >= 0.5) is left out: the sieve's is
the one to score. Projects also cut content differently: `variants` proposes each candidate cut
before its first comma or dash (the appositive or afterthought a project may leave out), and the
trained component keeps the likelier of two candidates for one unit.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc, Token

from quoteapp.evaluation.units import jaccard
from quoteapp.nlp.component import mention_to_dict
from quoteapp.nlp.mentions import make_mention
from quoteapp.nlp.rules.candidate import WORD

#: The rule names of the proposals, by the dependency labels of what the verb governs.
KINDS: dict[str, tuple[str, ...]] = {
    "learned_clause": ("ccomp",),
    "learned_object": ("dobj", "oprd"),
    "learned_intent": ("xcomp",),
}
#: Prepositions whose phrase after a verb's object belongs to what is said of it: "accused X of Y",
#: "praised X for Y", "described X as Y".
OBJECT_PREPOSITIONS = frozenset({"of", "for", "as"})
#: Prepositions whose object is what is said, called for or spoken about: "called for her ouster",
#: "spoke about the war", "warned against a deal".
CONTENT_PREPOSITIONS = frozenset({"for", "about", "of", "against", "on", "over"})
QUOTE_MARKS = frozenset('"“”‘’«»„')
LEADING_WORDS = frozenset({"that"})
SUBJECT_DEPS = ("nsubj",)
#: The links a subjectless verb's subject is looked for through, and how many of them.
SUBJECT_THROUGH = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep"})
SUBJECT_STEPS = 4


def _subject(verb: Token) -> Token | None:
    """The verb's own subject, else that of the verb it hangs on ("he rose and called ...", "she
    refused to admit ...", "by refusing to admit": up through conjunctions and open clauses), or None."""
    tok = verb
    for _ in range(SUBJECT_STEPS):
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS and child.lower_ not in ("it", "there"):
                return child
        if tok.dep_ not in SUBJECT_THROUGH or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _parts(verb: Token, deps: tuple[str, ...]) -> list[Token]:
    """The verb's dependents with these labels after it, and for an object the phrases of
    OBJECT_PREPOSITIONS right after it."""
    parts = [c for c in verb.children if c.dep_ in deps and c.i > verb.i]
    if parts and "dobj" in deps:
        end = max(p.right_edge.i for p in parts)
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in OBJECT_PREPOSITIONS and child.i == end + 1:
                parts.append(child)
                end = child.right_edge.i
    return parts


def _prepositional(verb: Token) -> list[Token]:
    """The object of the first CONTENT_PREPOSITIONS phrase hung on the verb, when the verb has no object."""
    if any(c.dep_ == "dobj" for c in verb.children):
        return []
    for child in verb.children:
        if child.dep_ == "prep" and child.i > verb.i and child.lower_ in CONTENT_PREPOSITIONS:
            return [c for c in child.children if c.dep_ == "pobj"][:1]
    return []


def _content(verb: Token, parts: list[Token], text: str) -> tuple[int, int] | None:
    """Character span of these dependents of the verb, without a leading "that" or edge punctuation."""
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
    return (start, end) if WORD.search(text, start, end) else None


def _type_of(text: str) -> str:
    """Mixed when the content holds quotation marks, indirect otherwise."""
    return "mixed" if any(ch in QUOTE_MARKS for ch in text) else "indirect"


def _known(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(jaccard(span, other) >= 0.5 for other in taken)


def proposals(doc: Doc, existing: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote dicts (the shape of `doc._.quotes`) for what verbs govern, beyond the sieves' candidates."""
    text = doc.text  # Doc.text joins every token anew at each call
    taken = [tuple(s) for q in existing for s in q["segments"]]
    out: list[dict[str, Any]] = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = _subject(verb)
        for rule, parts in _kinds(verb):
            span = _content(verb, parts, text)
            if span is None or _known(span, taken):
                continue
            taken.append(span)
            out.append(_proposal(text, verb, subject, rule, span))
    return out


def _kinds(verb: Token) -> list[tuple[str, list[Token]]]:
    """(rule, dependents) of each kind of proposal the verb may make."""
    return [(rule, _parts(verb, deps)) for rule, deps in KINDS.items()] + [("learned_prep", _prepositional(verb))]


def _proposal(text: str, verb: Token, subject: Token | None, rule: str, span: tuple[int, int]) -> dict[str, Any]:
    return {
        "type": _type_of(text[span[0] : span[1]]),
        "segments": [[span[0], span[1]]],
        "cue": [verb.idx, verb.idx + len(verb)],
        "speaker": mention_to_dict(make_mention(subject)) if subject is not None else None,
        "intermediaries": [],
        "parent": None,
        "rule": rule,
        "confidence": 0.0,
        "evidence": [f"{rule.removeprefix('learned_')} of '{verb.text}' (a trained model's candidate)"],
    }


#: Where a variant cuts a candidate's content: before a comma or dash after at least CUT_AFTER_WORDS words.
CUT_MARKS = re.compile(r",\s|\s[—–-]\s")
CUT_AFTER_WORDS = 3


def variants(text: str, quotes: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each one-segment unquoted candidate cut before its first comma or dash (rule `<rule>_cut`)."""
    out = []
    for quote in quotes:
        if len(quote["segments"]) != 1 or quote["type"] == "direct":
            continue
        start, end = (int(x) for x in quote["segments"][0])
        cut = _cut(text, start, end)
        if cut is not None:
            evidence = [*quote.get("evidence", []), "cut before its first comma or dash"]
            out.append({**quote, "segments": [[start, cut]], "rule": f"{quote['rule']}_cut", "evidence": evidence})
    return out


def _cut(text: str, start: int, end: int) -> int | None:
    for match in CUT_MARKS.finditer(text, start, end):
        if len(WORD.findall(text, start, match.start())) >= CUT_AFTER_WORDS:
            return match.start()
    return None
