"""Quotes labelled with their speaker's name and a colon, as interview transcripts and Q&As print
them: `Beck: “We will not sign.”` or, inside the marks, `“BECK: We will not sign.”`."""

from __future__ import annotations

import re
from dataclasses import replace

from quoteapp.nlp.mentions import Mention, make_mention
from quoteapp.nlp.quotemarks import QuotedSpan
from quoteapp.nlp.rules.candidate import Candidate, words
from quoteapp.nlp.rules.state import State

NAME = "transcript-label"
#: A name and a colon open the line (or the quote): the label names who speaks, nothing else could.
CONFIDENCE = 0.8
#: A speaker label: one to four capitalised words (titles with their full stop), then a colon.
LABEL = re.compile(r"((?:[A-Z][\w'’-]*\.? ){0,3}[A-Z][\w'’-]*):[^\S\n]*")
#: The words after a label must be at least this many to be a quote.
MIN_WORDS = 2


def transcript_label(state: State, q: QuotedSpan) -> Candidate | None:
    """`Beck: “…”` (the label opens the line, the quote follows the colon) or `“BECK: …”` (the quote
    opens with the label): the label is the speaker, the colon the cue, the words after it the quote."""
    text = state.text
    line_start = text.rfind("\n", 0, q.open_at) + 1
    outside = LABEL.fullmatch(text, line_start, q.open_at)
    inside = None if outside else LABEL.match(text, q.start, q.end)
    found = outside or inside
    if found is None:
        return None
    speaker = label_mention(state, found.start(1), found.end(1))
    segments = list(q.segments)
    if inside is not None:
        segments[0] = (inside.end(), segments[0][1])
    if speaker is None or words(text[segments[0][0] : q.end]) < MIN_WORDS:
        return None
    colon = found.end(1)
    where = "before the quote" if outside else "opening the quote"
    return Candidate(
        "direct",
        segments,
        (colon, colon + 1),
        speaker,
        NAME,
        CONFIDENCE,
        [f"{NAME}: direct, a name and a colon {where}; speaker: the label '{speaker.text}'"],
    )


def label_mention(state: State, start: int, end: int) -> Mention | None:
    """The label as a mention: a proper name (by its tag or the named-entity tagger), not a heading
    word such as 'Update' or 'Note' (nouns); the mention is cut to the label when the parse hangs the
    quoted words on it."""
    lo, hi = state.token_at(start), state.token_at(end - 1)
    toks = [t for t in state.doc[lo : hi + 1] if start <= t.idx < end]
    names = [t for t in toks if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG")]
    if not names or any(t.pos_ in ("VERB", "AUX", "PRON", "DET") for t in toks):
        return None
    mention = make_mention(names[-1])
    if mention.start < start or mention.end > end:
        label = state.text[start:end]
        mention = replace(mention, start=start, end=end, text=label, name=mention.name or label, principal=None)
    return mention
