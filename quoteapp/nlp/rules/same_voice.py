"""An uncued quote standing alone goes on in the voice of the quote before it, news style."""

from __future__ import annotations

from quoteapp.nlp.rules.candidate import WORD, Candidate, words
from quoteapp.nlp.rules.state import State

NAME = "same-voice"
#: An uncued quote takes the previous quote's speaker across at most this many narrative sentences.
SAME_VOICE_SENTENCES = 2
SAME_VOICE_WORDS = 60
#: The voice of a cued quote before / of an uncued quote that itself took a voice.
CONFIDENCE_AFTER_CUED = 0.55
CONFIDENCE_AFTER_UNCUED = 0.45
UNCUED = "direct-no-cue"
#: Subject pronouns with a gender: "she" between two quotes of a man's is another person speaking.
GENDERED_PRONOUNS = {"he": "m", "she": "f"}
GENDERED = frozenset(GENDERED_PRONOUNS.values())
SIGNED = "dash-byline"


class SameVoice:
    """A quote with no cue standing alone (its own sentences or paragraph) goes on in the voice of
    the quote before (direct, indirect or mixed), when only a few narrative sentences with no other
    named subject and no heading stand between them. Runs on the top-level candidates in order."""

    name = NAME

    def __call__(self, state: State) -> None:
        top = [c for c in state.candidates if c.parent is None]
        for n, cand in enumerate(top):
            if cand.rule != UNCUED or cand.speaker is not None or n == 0:
                continue
            previous = top[n - 1]
            if previous.speaker is None or previous.end > cand.start or not stands_alone(state, cand):
                continue
            if previous.rule == SIGNED:
                # a list of quotes each signed with a dash: the signature closes that voice
                cand.evidence.append("not the voice of the quote before: it was signed with a dash")
                continue
            why = voice_break(state, previous, cand)
            if why is not None:
                cand.evidence.append(f"not the voice of the quote before: {why}")
                continue
            cand.speaker = previous.speaker
            cand.intermediaries = list(previous.intermediaries)
            cand.confidence = CONFIDENCE_AFTER_CUED if previous.rule != UNCUED else CONFIDENCE_AFTER_UNCUED
            cand.evidence.append(
                f"speaker: same voice as the quote before ({previous.type}, "
                f"'{previous.speaker.text}'), no cue of its own"
            )


def stands_alone(state: State, cand: Candidate) -> bool:
    """The quote is a sentence of its own: nothing but a finished sentence before it on its line,
    nothing but a new sentence or the line's end after it."""
    text = state.text
    before = state.last_on_line_before(state.open_mark(cand.start))
    if before is not None and before not in '.!?”"':
        return False
    j = cand.end  # the first character after it on its line, past spaces and closing marks
    while j < len(text) and text[j] != "\n" and text[j] in " \t”’\"'»":
        j += 1
    return j == len(text) or text[j] == "\n" or text[j] in ".!?" or text[j].isupper()


def voice_break(state: State, previous: Candidate, cand: Candidate) -> str | None:
    """Why the words between two quotes change the voice: too far, a heading, another named subject."""
    gap_start, gap_end = previous.end, state.open_mark(cand.start)
    gap = state.text[gap_start:gap_end]
    if words(gap) > SAME_VOICE_WORDS:
        return "too far"
    for line in gap.split("\n")[1:-1]:
        line = line.strip()
        if line and line[-1] not in ".!?:;,”\"’'»)":
            return f"a heading between them ('{line[:40]}')"
    lo, hi = state.token_at(gap_start), state.token_at(gap_end)
    toks = [t for t in state.doc[lo:hi] if gap_start <= t.idx < gap_end and not state.in_quote(t.idx)]
    sentences = {state.sent_index[t.i] for t in toks if not (t.is_punct or t.is_space)}
    if len(sentences) > SAME_VOICE_SENTENCES + 1:  # the previous quote's own sentence counts once
        return "too many sentences"
    speaker = previous.speaker
    names = {w.lower() for w in WORD.findall(speaker.name or speaker.text)} if speaker else set()
    for tok in toks:
        if tok.dep_ not in ("nsubj", "nsubjpass"):
            continue
        named = tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON"
        if named and tok.lower_ not in names:
            return f"another subject between them ('{tok.text}')"
        if (
            speaker is not None
            and speaker.gender in GENDERED
            and GENDERED_PRONOUNS.get(tok.lower_) not in (None, speaker.gender)
        ):
            return f"another person between them ('{tok.text}', not '{speaker.text}')"
    return None
