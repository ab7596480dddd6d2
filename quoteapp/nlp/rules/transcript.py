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


def transcript_label(state: State, q: QuotedSpan) -> list[Candidate]:
    """`Beck: “…”` (the label opens the line, the quote follows the colon) or `“BECK: …”` (the quote
    opens with the label): the label is the speaker, the colon the cue, the words after it the quote.
    A transcript in news style opens each paragraph with a mark and closes only the last: each
    paragraph that opens with a label starts the next speaker's quote, the others go on in the
    voice before them."""
    text = state.text
    line_start = text.rfind("\n", 0, q.open_at) + 1
    outside = LABEL.fullmatch(text, line_start, q.open_at)
    turns: list[Candidate] = []
    for n, (a, b) in enumerate(q.segments):
        found = LABEL.match(text, a, b)
        speaker = label_mention(state, found.start(1), found.end(1)) if found else None
        if speaker is None and n == 0 and outside is not None:
            found, speaker = outside, label_mention(state, outside.start(1), outside.end(1))
            a = q.segments[0][0]
        elif speaker is not None:
            a = found.end()
        if words(text[a:b]) < MIN_WORDS:
            continue  # "(CROSSTALK.)": a note of the transcriber, no one's words
        if speaker is not None and found is not None:
            where = "before the quote" if found is outside else "opening the paragraph"
            colon = found.end(1)
            turns.append(
                Candidate(
                    "direct",
                    [(a, b)],
                    (colon, colon + 1),
                    speaker,
                    NAME,
                    CONFIDENCE,
                    [f"{NAME}: direct, a name and a colon {where}; speaker: the label '{speaker.text}'"],
                )
            )
        elif turns:
            turns[-1].segments.append((a, b))
        else:
            return []  # the quote does not open with a label: not a transcript
    return turns


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
