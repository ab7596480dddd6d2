"""Quotes signed with a dash: “We will rebuild the pier.” -Commissioner Hana Ross."""

from __future__ import annotations

import re
from dataclasses import replace

from quoteapp.nlp.lexicon import BYLINE_DASHES
from quoteapp.nlp.mentions import Mention, make_mention
from quoteapp.nlp.quotemarks import QuotedSpan
from quoteapp.nlp.rules.candidate import Candidate, words
from quoteapp.nlp.rules.state import State

NAME = "dash-byline"
#: A quote opening its line, a dash, and a proper name ending the line.
CONFIDENCE = 0.8
#: "“...” -Commissioner Hana Ross" / "— Mayor Tim Beck" / next line "– Tim Beck, mayor": a byline dash.
DASH_BYLINE = re.compile(r"[^\S\n]*\n?[^\S\n]*([" + BYLINE_DASHES + r"]{1,2})[^\S\n]*(?=\S)([^\n]{2,80})(?:\n|$)")
#: At most this many words in a dash byline ("Tim Beck, mayor of Northport").
DASH_BYLINE_WORDS = 9
#: The quoted words must be at least this many.
MIN_WORDS = 2
#: A byline holding any of these is a sentence or another quote, not a signature.
NOT_IN_BYLINE = '“”"«».!?'


def dash_byline(state: State, q: QuotedSpan) -> Candidate | None:
    """A quote opening its line, closed, then a dash and a short name (with an optional ", role")
    ending the line, on the same or next line: the name is the speaker."""
    if not q.closed or state.last_on_line_before(q.open_at) is not None:
        return None
    m = DASH_BYLINE.match(state.text, q.outer_end)
    if m is None:
        return None
    found = _signature(state, m.start(2), m.end(2))
    if found is None or words(state.text[q.start : q.end]) < MIN_WORDS:
        return None
    return Candidate(
        "direct",
        list(q.segments),
        (m.start(1), m.end(1)),
        found,
        NAME,
        CONFIDENCE,
        [f"{NAME}: direct, marks, then a dash and a name after the quote; speaker: '{found.text}' after the dash"],
    )


def _signature(state: State, name_start: int, name_end: int) -> Mention | None:
    """The name in the text after the dash: proper nouns before any comma, not a sentence."""
    text = state.text
    while name_end > name_start and (text[name_end - 1].isspace() or text[name_end - 1] == "."):
        name_end -= 1
    byline = text[name_start:name_end]
    if words(byline) > DASH_BYLINE_WORDS or byline[0].islower() or any(c in byline for c in NOT_IN_BYLINE):
        return None
    lo, hi = state.token_at(name_start), state.token_at(name_end - 1)
    toks = [t for t in state.doc[lo : hi + 1] if t.idx >= name_start]
    first = []  # the name: the proper nouns before any comma ("Tim Beck, mayor")
    for tok in toks:
        if tok.text == ",":
            break
        first.append(tok)
    if not first or not any(t.pos_ == "PROPN" for t in first):
        return None
    if any(t.pos_ in ("VERB", "AUX") and t.tag_ != "VBN" for t in first):
        return None  # a sentence, not a byline
    head = [t for t in first if t.pos_ == "PROPN"][-1]
    mention = make_mention(head)
    if mention.start < name_start:  # the tokenizer glued the dash to the name: "-Commissioner"
        mention = replace(mention, start=name_start, text=text[name_start : mention.end])
    return mention
