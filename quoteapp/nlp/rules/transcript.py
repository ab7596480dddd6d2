"""Quotes labelled with their speaker's name and a colon, as interview transcripts, Q&As and
headlines print them: `Beck: “We will not sign.”`, inside the marks `“BECK: We will not sign.”`, or
with no marks at all `Beck: Port deal is dead` (`LabelledLines`)."""

from __future__ import annotations

import bisect
import re
from dataclasses import replace

from quoteapp.nlp.mentions import Mention, make_mention
from quoteapp.nlp.quotemarks import ALL_MARKS, QuotedSpan
from quoteapp.nlp.rules.candidate import Candidate, words
from quoteapp.nlp.rules.state import State

NAME = "transcript-label"
#: A name and a colon open the line (or the quote): the label names who speaks, nothing else could.
CONFIDENCE = 0.8
#: A speaker label: one to four capitalised words (titles with their full stop), then a colon.
LABEL = re.compile(r"((?:[A-Z][\w'’-]*\.? ){0,3}[A-Z][\w'’-]*):[^\S\n]*")
#: The words after a label must be at least this many to be a quote.
MIN_WORDS = 2
LINE = "labelled-line"
#: `Beck: Port deal is dead`: a label and a clause with no marks, surer of the voice than of the words.
CONFIDENCE_LINE = 0.7
#: A line's label: at its start, a name and a colon.
LINE_LABEL = re.compile(r"^" + LABEL.pattern, re.MULTILINE)
#: Tags of finite verbs: a line after a label must make a claim.
FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
#: Words after a line's label, at least, for a clause.
MIN_LINE_WORDS = 3


class LabelledLines:
    """`Pence: Flowers won't be at the debate` (a headline) or `BECK: We will not sign.` (a transcript
    with no marks): a line opened by a person's name and a colon is that person's words; quoted
    words inside it are part of the quote (mixed). A label followed by marks is left to the direct
    quotes."""

    name = LINE

    def __call__(self, state: State) -> None:
        text = state.text
        for m in LINE_LABEL.finditer(text):
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
            if m.end() >= line_end or text[m.end()] in ALL_MARKS:
                continue
            speaker = label_mention(state, m.start(1), m.end(1))
            span = state.trim(m.end(), line_end)
            if speaker is None or span is None or words(text[span[0] : span[1]]) < MIN_LINE_WORDS:
                continue
            if not names_a_person(state, m.group(1)):
                continue  # "Queens: ...", "CLARIFICATION: ...": a section or a heading, no one speaking
            if not finite_clause(state, span):
                continue
            state.candidates.append(labelled_line(state, span, m.end(1), speaker))


def labelled_line(state: State, span: tuple[int, int], colon: int, speaker: Mention) -> Candidate:
    """The line's words as a quote: indirect, or mixed when it holds quoted words, which it claims."""
    start, end = span
    lo = bisect.bisect_left(state.quote_opens, start)
    inside = [q for q in state.quoted[lo : bisect.bisect_right(state.quote_opens, end)] if q.outer_end <= end + 1]
    for q in inside:
        state.absorbed.add(q.open_at)
    kind = "mixed" if inside else "indirect"
    return Candidate(
        kind,
        [(start, end)],
        (colon, colon + 1),
        speaker,
        LINE,
        CONFIDENCE_LINE,
        [f"{LINE}: {kind}, a line opened by a name and a colon; speaker: the label '{speaker.text}'"],
    )


def finite_clause(state: State, span: tuple[int, int]) -> bool:
    """Whether a stretch holds a finite verb (a claim), not only a title ("Transforming the chain")."""
    lo, hi = state.token_at(span[0]), state.token_at(span[1] - 1)
    return any(t.tag_ in FINITE_TAGS for t in state.doc[lo : hi + 1])


def names_a_person(state: State, label: str) -> bool:
    """Whether a line's label is a person's name somewhere in the text ("PENCE" or "Pence" as in
    "Mike Pence"): a headline opened by a place, a topic or a sponsor ("Queens:", "Libya War:") is
    no one's words."""
    if any(ch.isdigit() for ch in label):
        return False  # "COP29:": an event, whatever the tagger says
    return any(word in state.person_names or word.title() in state.person_names for word in label.split())


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
    """The label as a mention: a proper name (by its tag, the named-entity tagger, or the same word
    used as a name elsewhere in the text), not a heading word such as 'Update' or 'Note'; the
    mention is cut to the label when the parse hangs the quoted words on it."""
    lo, hi = state.token_at(start), state.token_at(end - 1)
    toks = [t for t in state.doc[lo : hi + 1] if start <= t.idx < end]
    names = [t for t in toks if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") or t.text in state.proper_names]
    if not names or any(t.pos_ in ("VERB", "AUX", "PRON", "DET") for t in toks):
        return None
    mention = make_mention(names[-1])
    if mention.start < start or mention.end > end:
        label = state.text[start:end]
        mention = replace(mention, start=start, end=end, text=label, name=mention.name or label, principal=None)
    return mention
