"""“CONTENT, according to X” and “According to X, CONTENT”: X is the source."""

from __future__ import annotations

from spacy.tokens import Token

from quoteapp.nlp.lexicon import SOURCE_PREPOSITIONS
from quoteapp.nlp.mentions import make_mention
from quoteapp.nlp.rules.candidate import Candidate
from quoteapp.nlp.rules.state import State

NAME = "according-to"
#: A source named by "according to", no reporting verb.
CONFIDENCE = 0.75


class AccordingTo:
    """The larger side of the clause around an "according to X" phrase is X's; when X is an outlet
    and someone else's cue opens the sentence, X only passed it on (an outlet clause)."""

    name = NAME

    def __call__(self, state: State) -> None:
        doc = state.doc
        for tok in doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(doc) or doc[tok.i + 1].lower_ != "to":
                continue
            if not state.in_quote(tok.idx):
                _according(state, tok, doc[tok.i + 1])


def _according(state: State, tok: Token, to: Token) -> None:
    """One "according to" phrase: its source's quote, or an outlet clause when an outlet passed on
    the words of a cue earlier in the sentence."""
    objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
    if not objs:
        return
    source = source_inside(objs[0])
    phrase = list(tok.subtree) + list(to.subtree)
    p_start = min(t.idx for t in phrase)
    p_end = max(t.idx + len(t) for t in phrase)
    clause = tok.head if tok.head is not tok else tok
    while clause.dep_ not in ("ROOT", "ccomp") and clause.head is not clause:
        clause = clause.head
    toks = list(clause.subtree)
    c_start, c_end = toks[0].idx, toks[-1].idx + len(toks[-1])
    # the content is the larger side of the clause around the "according to" phrase
    before = p_start - c_start > c_end - p_end
    span = state.trim(c_start, p_start) if before else state.trim(p_end, c_end)
    if span is None:
        return
    mention = make_mention(source)
    sent = state.sentence(tok.i)
    if mention.kind == "outlet" and state.cue_earlier_in_sentence(state.doc[sent.end - 1]):
        # "X said ..., according to Reuters": X speaks, Reuters passed it on
        state.outlet_clauses.append(((sent.start_char, sent.end_char), mention, "according to"))
        return
    state.candidates.append(
        Candidate(
            "indirect",
            [span],
            (tok.idx, to.idx + len(to)),
            mention,
            NAME,
            CONFIDENCE,
            [f"{NAME}: indirect; speaker: its object '{mention.text}'"],
        )
    )


def source_inside(obj: Token) -> Token:
    """'according to a statement from Macron's office': the source is the office, not the statement."""
    if obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG"):
        return obj
    for tok in obj.subtree:
        if tok is obj:
            continue
        if tok.dep_ == "pobj" and tok.head.lower_ in SOURCE_PREPOSITIONS:
            return tok
        if tok.dep_ == "poss" and tok.head is obj:
            return tok
    return obj
