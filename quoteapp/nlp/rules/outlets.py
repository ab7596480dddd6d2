"""Outlets that passed quotes on: “...,” Haftar told X, reported Reuters."""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from quoteapp.nlp.intermediaries import outlet_mention
from quoteapp.nlp.lexicon import ADDRESSEE_VERBS, CITING_VERBS, REPORTING_VERBS
from quoteapp.nlp.mentions import Mention, make_mention
from quoteapp.nlp.rules.state import State

ROLE = "outlet"


def outlet_source(cue: Token) -> Mention | None:
    """The outlet that is the subject (or inverted subject) of a cue: 'Reuters reported', 'reported Reuters',
    'the Daily Meridian reported' (an outlet by the kind of its name)."""
    if _reported(cue):
        return None  # "X responded that the website cites ...": the outlet's verb is X's content
    for child in cue.children:
        inverted = child.i > cue.i and child.dep_ in ("dobj", "attr", "npadvmod") and child.pos_ == "PROPN"
        inverted = inverted and cue.lemma_.lower() not in ADDRESSEE_VERBS  # "told Politico": the addressee
        if child.dep_ in ("nsubj", "nsubjpass") or inverted:
            mention = outlet_mention(child)
            if mention is not None:
                return mention
    return None


def _reported(cue: Token) -> bool:
    """Whether a verb lies in the clause another reporting verb governs, as its content ('responded
    that the website cites'), not as a frame set off by a comma (', the Post reported')."""
    start = min([cue.i] + [c.left_edge.i for c in cue.lefts if c.dep_ != "punct"])
    if start == 0 or cue.doc[start - 1].text in FRAME_BREAKS:
        return False
    tok = cue
    while tok.head.i != tok.i:
        if tok.dep_ == "ccomp" and tok.head.lemma_.lower() in REPORTING_VERBS:
            return True
        tok = tok.head
    return False


#: What sets a frame clause off from the words it frames: "“…,” Haftar said, reported Reuters".
FRAME_BREAKS = frozenset(',;—–”"')


class OutletsAround:
    """Every quote whose cue lies in an outlet clause (found by the reported-clause and according-to
    sieves) gets the outlet as an intermediary, unless the outlet is its speaker or already there."""

    name = "outlet"

    def __call__(self, state: State) -> None:
        cued = sorted((c for c in state.candidates if c.cue is not None), key=lambda c: c.cue[0])  # type: ignore[index]
        cue_starts = [c.cue[0] for c in cued]  # type: ignore[index]
        for (start, end), outlet, verb in state.outlet_clauses:
            for cand in cued[bisect.bisect_left(cue_starts, start) : bisect.bisect_left(cue_starts, end)]:
                if cand.speaker == outlet:
                    continue
                if all(m.start != outlet.start for m, _ in cand.intermediaries):
                    cand.intermediaries.append((outlet, ROLE))
                    cand.evidence.append(f"{ROLE}: '{verb} {outlet.text}' around the cue")


class CitedSources:
    """'..., the Harbour Gazette reported, citing an internal city memo': when an outlet is the
    speaker and the cue has a subjectless "citing"/"quoting" participle, the cited source is the
    speaker (a document, a person, "officials") and the outlet its intermediary, nearest the reader."""

    name = "cited"

    def __call__(self, state: State) -> None:
        for cand in state.candidates:
            if cand.cue_token is None or cand.speaker is None or cand.speaker.kind != ROLE:
                continue
            source = _cited(state.doc[cand.cue_token])
            if source is None:
                continue
            outlet = cand.speaker
            cand.speaker = make_mention(source)
            cand.intermediaries = [(m, r) for m, r in cand.intermediaries if m.start != outlet.start]
            cand.intermediaries.append((outlet, ROLE))
            cand.evidence.append(f"{self.name}: '{outlet.text}' cites '{cand.speaker.text}': the source speaks")


def _cited(cue: Token) -> Token | None:
    """The object of a subjectless citing participle hung on the cue: 'reported, citing a memo'."""
    for child in cue.children:
        if child.dep_ == "advcl" and child.tag_ == "VBG" and child.lemma_.lower() in CITING_VERBS:
            if any(c.dep_ in ("nsubj", "nsubjpass") for c in child.children):
                return None
            return next((c for c in child.children if c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN")), None)
    return None
