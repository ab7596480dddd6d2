"""Quotes inside quotes: “When we asked, his answer was to ask: ‘who pays?’” she added."""

from __future__ import annotations

from quoteapp.nlp.lexicon import REPORTING_VERBS
from quoteapp.nlp.quotemarks import QuotedSpan
from quoteapp.nlp.rules.candidate import Candidate
from quoteapp.nlp.rules.speakers import speaker_of
from quoteapp.nlp.rules.state import State

NAME = "nested"
#: An inner quote with a reporting verb of its own inside the outer quote.
CONFIDENCE = 0.7
#: How many tokens before the inner opening mark its reporting verb may stand.
CUE_WINDOW_BEFORE = 12
#: Pronouns by which the outer speaker talks of themselves: resolved later, against the outer speaker.
SELF_PRONOUNS = ("i", "we")


def nested(state: State, q: QuotedSpan, outer: Candidate) -> None:
    """A quote inside a quote with a cue of its own inside the outer one: “… was to ask: ‘…?’”; the
    new candidate's parent is the outer one when that was the last found."""
    for child in q.children:
        i = state.token_at(child.open_at)
        for j in range(i - 1, max(state.token_at(q.start), i - CUE_WINDOW_BEFORE) - 1, -1):
            tok = state.doc[j]
            if tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in REPORTING_VERBS:
                speaker, how = speaker_of(state, tok)
                if speaker is not None and speaker.pronoun and speaker.head in SELF_PRONOUNS:
                    speaker = None
                state.candidates.append(
                    Candidate(
                        "direct",
                        list(child.segments),
                        state.cue_span(tok),
                        speaker,
                        NAME,
                        CONFIDENCE,
                        [f"{NAME}: in a quote; cue '{tok.text}'; speaker: {how}"],
                        parent=len(state.candidates) - 1 if outer is state.candidates[-1] else None,
                        cue_token=tok.i,
                    )
                )
                break
