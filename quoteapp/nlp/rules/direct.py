"""Direct quotes: a pair of quotation marks, and who says the words inside.

One sieve walks the quoted spans in reading order and gives each to the first of these that takes
it: a cue next to the marks (`cued`), a dash and a name after them (`bylines.dash_byline`), or, for a
whole clause with no cue, a further segment of the quote before (`split_quote`) or a quote of its
own with its speaker left to the same-voice sieve (`uncued`). Words in a quote's inner quotes with a
cue of their own become nested quotes (`nesting`).
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from quoteapp.nlp.lexicon import BELIEF_VERBS
from quoteapp.nlp.quotemarks import QuotedSpan
from quoteapp.nlp.rules.bylines import dash_byline
from quoteapp.nlp.rules.candidate import WORD, Candidate, words
from quoteapp.nlp.rules.nesting import nested
from quoteapp.nlp.rules.speakers import add_intermediaries, speaker_of
from quoteapp.nlp.rules.state import State
from quoteapp.nlp.rules.transcript import transcript_label

#: A quoted stretch shorter than this many words, with no cue of its own, is a scare quote or title.
MIN_DIRECT_WORDS = 4
#: How many tokens may stand between a quote's closing mark and its cue ("…,” the Libyan commander said).
CUE_WINDOW_AFTER = 9
CUE_WINDOW_BEFORE = 12
#: A further segment must open less than this many characters after the quote it continues.
SPLIT_GAP_CHARS = 120
#: Marks, a cue and its speaker / marks and a cue, no speaker found / marks, no cue.
CONFIDENCE_CUED = 0.9
CONFIDENCE_CUED_NO_SPEAKER = 0.7
CONFIDENCE_UNCUED = 0.4
#: at most this many words (the verb and its subject) between a quote and its full stop, for a verb
#: outside the lexicon to be its cue ("“…,” the port's long-serving director fumed.")
MANNER_FRAME_WORDS = 8
CONFIDENCE_MANNER_FRAME = 0.75

#: Verbs that do not report the words after a colon: being, having, thinking.
NOT_SPEECH_VERBS = BELIEF_VERBS | frozenset("be have do".split())

#: A title in marks is at most this many words; its small words may stay lower case.
TITLE_WORDS = 10
TITLE_SMALL_WORDS = frozenset("a an the and or but nor of in on at to for with by from as is t s".split())

CUED = "direct"
UNCUED = "direct-no-cue"
SENTENCE_ENDS = (".", "!", "?")


class DirectQuotes:
    """Every quoted span not claimed by a mixed quote: cued, signed with a dash, split or uncued."""

    name = "direct"

    def __call__(self, state: State) -> None:
        previous: Candidate | None = None
        for q in state.quoted:
            if q.open_at in state.absorbed:
                continue
            turns = transcript_label(state, q)
            if turns:
                state.candidates.extend(turns)
                previous = turns[-1]
                continue
            if is_title(state.text[q.start : q.end]):
                continue  # “Face the Nation”, “All Bets Are Off”: a title, no one's words
            cand = cued(state, q) or dash_byline(state, q)
            if cand is None:
                if words(state.text[q.start : q.end]) < MIN_DIRECT_WORDS or not state.sentence_like(q):
                    continue  # a scare quote, a title or a fragment: maybe part of a mixed quote later
                if previous is not None and split_quote(state, previous, q):
                    nested(state, q, previous)  # a quote inside the further segment is the whole quote's child
                    continue
                cand = uncued(q)
            state.candidates.append(cand)
            nested(state, q, cand)
            previous = cand


def is_title(quoted: str) -> bool:
    """A short stretch in title case (every word but the small ones capitalised): the name of a
    show, a book or a headline, not a quote of anyone's words."""
    found = WORD.findall(quoted)
    if len(found) > TITLE_WORDS or len(found) < 2:
        return False
    big = [w for w in found if w.lower() not in TITLE_SMALL_WORDS]
    return len(big) >= 2 and all(w[0].isupper() for w in big)


def cued(state: State, q: QuotedSpan) -> Candidate | None:
    """“…,” X said / X said: “…”: a whole clause in marks with a cue next to them."""
    cue = cue_after(state, q) or cue_before(state, q)
    if cue is None or not state.sentence_like(q):
        return None
    speaker, how = speaker_of(state, cue)
    state.used_cues.add(cue.i)
    confidence = CONFIDENCE_CUED if speaker else CONFIDENCE_CUED_NO_SPEAKER
    kind = ""
    if not state.is_cue(cue):  # found by the quote frame, not the lexicon: surer of the words than of the verb
        confidence, kind = min(confidence, CONFIDENCE_MANNER_FRAME), " (a verb outside the lexicon, by the quote frame)"
    cand = Candidate(
        "direct",
        list(q.segments),
        state.cue_span(cue),
        speaker,
        CUED,
        confidence,
        [f"{CUED}: marks {state.text[q.open_at]}…; cue '{cue.text}'{kind}; speaker: {how}"],
        cue_token=cue.i,
    )
    add_intermediaries(cand, cue)
    return cand


def uncued(q: QuotedSpan) -> Candidate:
    """A whole clause in marks with no cue: a quote whose speaker the same-voice sieve may find."""
    return Candidate(
        "direct", list(q.segments), None, None, UNCUED, CONFIDENCE_UNCUED, [f"{UNCUED}: marks, no cue found"]
    )


def split_quote(state: State, previous: Candidate, q: QuotedSpan) -> bool:
    """“A,” she said. “B.”: B goes on from A when only the attribution stands between them; then B
    becomes a further segment of A."""
    if previous.cue is None or q.open_at - previous.end >= SPLIT_GAP_CHARS:
        return False
    if "\n" in state.text[previous.end : q.open_at]:
        return False
    if state.starts_between(previous.end, q.open_at):
        return False
    if narrative_between(state, previous.end, q.open_at):
        return False
    previous.segments.extend(q.segments)
    previous.evidence.append("split quote: a further segment after the attribution")
    return True


def narrative_between(state: State, start: int, end: int) -> bool:
    """Words of more than one sentence between two quotes: not only the attribution ("“A,” she
    said. She left early. “B.”"), so the second quote is no further segment of the first."""
    lo, hi = state.token_at(start), state.token_at(end)
    toks = [t for t in state.doc[lo:hi] if start <= t.idx < end and not (t.is_punct or t.is_space)]
    return len({state.sent_index[t.i] for t in toks}) > 1


def cue_after(state: State, q: QuotedSpan) -> Token | None:
    """“…,” X said / said X: a cue within a few tokens after the closing mark, same sentence."""
    if not q.closed:
        return None
    doc = state.doc
    i = state.token_at(q.outer_end)
    while i < len(doc) and doc[i].idx < q.outer_end:
        i += 1
    for tok in window_after(state, i):
        if tok.text in SENTENCE_ENDS:  # no reporting verb before the sentence ends: maybe another verb of saying
            return manner_of_speaking_after(state, q, i)
        if "\n" in tok.text or state.in_quote(tok.idx):
            return None
        if state.is_cue(tok):
            return tok
    return cue_after_apposition(state, i)


def window_after(state: State, i: int) -> Iterator[Token]:
    """The CUE_WINDOW_AFTER tokens from i that count: a parenthesis ("Rep. Ann Lee (D-Ore.) said")
    and a name in marks ('Marcia "Cia" Price') are part of the name, not words between quote and cue."""
    doc = state.doc
    counted, depth, j = 0, 0, i
    while j < len(doc) and counted < CUE_WINDOW_AFTER and j < i + 3 * CUE_WINDOW_AFTER:
        tok = doc[j]
        j += 1
        if "\n" not in tok.text and (tok.text == "(" or depth):
            depth += {"(": 1, ")": -1}.get(tok.text, 0)
            continue
        if state.in_quote(tok.idx) and state.quoted_name(tok.idx):
            continue
        counted += 1
        yield tok


def manner_of_speaking_after(state: State, q: QuotedSpan, i: int) -> Token | None:
    """“We will win,” Beck fumed. / “…,” quipped the mayor.: a verb outside the lexicon is the cue
    when the quote is the whole rest of its sentence: the closing mark comes after a comma, ? or !,
    and only the verb and its subject (a name, a pronoun or a short noun phrase) follow, up to the
    full stop. The frame itself says the verb reports the words; nothing else could be its object."""
    doc, text = state.doc, state.text
    if not q.closed or text[q.end - 1 : q.end] not in (",", "?", "!") and text[q.outer_end : q.outer_end + 1] != ",":
        return None
    sent = state.sentence(i) if i < len(doc) else None
    if sent is None:
        return None
    rest = [t for t in doc[i : sent.end] if not t.is_space and t.idx >= q.outer_end and t.text != ","]
    if not rest or rest[-1].text != "." or len(rest) > 1 + MANNER_FRAME_WORDS:
        return None
    words = rest[:-1]
    verbs = [t for t in words if t.pos_ == "VERB" and t.tag_ in ("VBD", "VBZ")]
    if len(verbs) != 1 or state.in_quote(verbs[0].idx):
        return None
    verb = verbs[0]
    if verb.lemma_.lower() in NOT_SPEECH_VERBS:
        return None
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.pos_ in ("PROPN", "PRON", "NOUN")]
    objects = [c for c in verb.children if c.dep_ in ("dobj", "ccomp", "xcomp", "prep") and c.idx >= q.outer_end]
    if not subjects or objects:  # the quoted words may hang on the verb; nothing after them may
        return None
    covered = {t.i for t in subjects[0].subtree} | {verb.i}
    return verb if all(t.i in covered or t.dep_ == "advmod" for t in words) else None


def cue_after_apposition(state: State, i: int) -> Token | None:
    """“…,” Ann Lee, the long-serving head of the port authority, said. / “…,” the mayor's niece,
    state Del. Ann Lee, shouted.: the cue lies beyond the window, but its subject is the noun phrase
    that starts right after the closing mark."""
    doc = state.doc
    if i >= len(doc) or doc[i].pos_ not in ("PROPN", "DET", "NOUN", "ADJ"):
        return None
    sent = state.sentence(i)
    for tok in doc[i + CUE_WINDOW_AFTER : min(sent.end, i + 3 * CUE_WINDOW_AFTER)]:
        if state.in_quote(tok.idx) and state.quoted_name(tok.idx):
            continue
        if state.in_quote(tok.idx) or tok.text in SENTENCE_ENDS:
            return None
        if state.is_cue(tok):
            subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is None:
                return None
            edge = subject.left_edge.i
            while edge < i and doc[edge].is_punct:  # the parser may hang the closing mark on the subject
                edge += 1
            return tok if edge == i else None
    return None


def cue_before(state: State, q: QuotedSpan) -> Token | None:
    """X said: “…” / X said, “…”: the last cue in the few tokens before the opening mark; and after
    a colon, on the same line or ending the paragraph before (`Ann Lee wrote:` then a paragraph in
    marks), also a verb outside the lexicon (`Beck fumed: “…”`, by the quote frame)."""
    colon = colon_before(state, q)
    i = colon if colon is not None else state.token_at(q.open_at)
    lo = max(0, i - CUE_WINDOW_BEFORE)
    for j in range(i - 1, lo - 1, -1):
        tok = state.doc[j]
        if tok.text in SENTENCE_ENDS or "\n" in tok.text or state.in_quote(tok.idx):
            break
        if state.is_cue(tok):
            return tok
    return manner_of_speaking_before(state, colon) if colon is not None else None


def colon_before(state: State, q: QuotedSpan) -> int | None:
    """The token of a colon standing right before the opening mark, with only spaces (a line break,
    one blank line) between them: `said: “…”`, or `wrote:` ending the paragraph before the quote's."""
    text = state.text
    k = q.open_at - 1
    while k >= 0 and text[k].isspace():
        k -= 1
    if k < 0 or text[k] != ":" or text.count("\n", k, q.open_at) > 2:
        return None
    return state.token_at(k)


def manner_of_speaking_before(state: State, colon: int) -> Token | None:
    """`Beck fumed: “…”` / `The mayor shot back on Twitter: “…”`: the mirror of the frame after the
    quote. From the line's (or sentence's) start to the colon stand only one finite verb, its subject
    and what hangs on the verb without being its object (a particle, an adverb, a preposition): the
    quote after the colon is what the verb reports."""
    doc = state.doc
    lo = colon
    while lo > 0 and not ("\n" in doc[lo - 1].text or doc[lo - 1].text in SENTENCE_ENDS):
        lo -= 1
    toks = [t for t in doc[lo:colon] if not t.is_space]
    if not toks or words(state.text[toks[0].idx : doc[colon].idx]) > MANNER_FRAME_WORDS:
        return None
    verbs = [t for t in toks if t.pos_ in ("VERB", "AUX")]
    if len(verbs) != 1 or verbs[0].tag_ not in ("VBD", "VBZ", "VBP") or verbs[0].lemma_.lower() in NOT_SPEECH_VERBS:
        return None
    verb = verbs[0]
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i and c.pos_ in ("PROPN", "PRON", "NOUN")]
    if not subjects:
        return None
    covered = {t.i for t in subjects[0].subtree} | {verb.i}
    for child in verb.children:
        if child.dep_ in ("prt", "advmod", "prep", "npadvmod", "punct") and child.i < colon:
            covered |= {t.i for t in child.subtree}
    return verb if all(t.i in covered or t.is_punct for t in toks) else None
