"""Indirect and mixed quotes: what a reporting verb's clause says, outside quotation marks.

One sieve reads each cue not yet used, and gives it to the first of these that takes it: an
outlet's "reported Reuters" after another speaker's cue (remembered for the outlet sieve), a
headline's present-tense cue ("Haftar says ..."), the clausal complement (`ccomp`), or the
infinitive of a verb of intention or demand (`xcomp`). A reported clause that holds quoted
words is mixed (or direct, when the quoted words are nearly all of it), and claims them.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Token

from quoteapp.nlp.lexicon import NOT_CONTENT, PHRASAL_CUES, REPORTING_NOUNS, REPORTING_VERBS, XCOMP_CUES
from quoteapp.nlp.quotemarks import QuotedSpan
from quoteapp.nlp.rules.candidate import Candidate, words
from quoteapp.nlp.rules.outlets import outlet_source
from quoteapp.nlp.rules.speakers import add_intermediaries, issued_document, speaker_of
from quoteapp.nlp.rules.state import State, indices_in

CCOMP = "ccomp"
XCOMP = "xcomp"
#: "said in a statement that ...": the that-clause the parse hung on the noun of the medium
MEDIUM_CLAUSE = "medium-clause"
HEADLINE = "headline"
COLON = "colon"
STATEMENT = "statement-clause"
#: "released a statement that ...": a document's clause, spoken by whoever issued it.
CONFIDENCE_STATEMENT = 0.8
#: A headline's cue ("Haftar says ..."): no full stop, a present tense.
CONFIDENCE_HEADLINE = 0.7
#: A clause's cue without a lexicon confidence.
CONFIDENCE_UNKNOWN_VERB = 0.5
#: What a candidate keeps of its cue's confidence when no speaker was found.
NO_SPEAKER_FACTOR = 0.7
#: A quote after a colon inside a reported clause, in the words of the clause's own reporting verb.
CONFIDENCE_COLON = 0.75
#: A headline longer than this many characters is not read as one.
HEADLINE_CHARS = 160
#: At least this many unquoted words make a reported clause with quoted words mixed, not direct.
MIXED_OWN_WORDS = 2


class ReportedClauses:
    """Each cue's reported clause (ccomp, xcomp or a headline's rest), or the outlet clause it opens."""

    name = "reported-clause"

    def __call__(self, state: State) -> None:
        for tok in state.doc:
            if issued_document(tok):
                statement_clause(state, tok)
            elif tok.i not in state.used_cues and state.is_cue(tok):
                _reported_by(state, tok)


def statement_clause(state: State, noun: Token) -> None:
    """ "The union released a statement that the deal was a betrayal": the clause the document's
    noun governs with "that" (a complement, not a relative clause) is the content; the speaker is
    the subject of the verb of issuing (speakers.issued_document)."""
    clause = next(
        (
            c
            for c in noun.children
            if c.dep_ in ("acl", "ccomp", "relcl") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        ),
        None,
    )
    span = content(state, clause, noun) if clause is not None else None
    if span is not None:
        add_reported(state, span, noun, STATEMENT, CONFIDENCE_STATEMENT)


def _reported_by(state: State, tok: Token) -> None:
    """The first of outlet clause, headline, ccomp/xcomp that a cue gives."""
    complement, rule = _complement(tok)
    outlet = outlet_source(tok)
    if outlet is not None and state.cue_earlier_in_sentence(tok):
        # "“…,” Haftar told X, reported Reuters.": the outlet passed on the sentence's quotes
        state.outlet_clauses.append(((state.sentence(tok.i).start_char, tok.idx), outlet, tok.text))
        return
    line = headline(state, tok) if complement is None or tok.tag_ == "VBZ" else None
    if line is not None:
        add_reported(state, line, tok, HEADLINE, CONFIDENCE_HEADLINE)
        return
    if complement is None:
        return
    span = content(state, complement, tok)
    if span is None or NOT_CONTENT.match(state.text, span[0], span[1]):
        return
    if outlet is not None and state.holds_cue(*span):
        state.outlet_clauses.append((span, outlet, tok.text))
        return
    add_reported(state, span, tok, rule, REPORTING_VERBS.get(tok.lemma_.lower(), CONFIDENCE_UNKNOWN_VERB))


def _complement(cue: Token) -> tuple[Token | None, str]:
    """The cue's clausal complement (ccomp), or for a verb of intention its infinitive (xcomp), or
    the that-clause the parse hung on the noun of its medium ("said in a statement that ...")."""
    complement = next((c for c in cue.children if c.dep_ == "ccomp"), None)
    if complement is None and cue.lemma_.lower() in XCOMP_CUES:
        return next((c for c in cue.children if c.dep_ == "xcomp"), None), XCOMP
    if complement is None:
        clause = _clause_on_medium(cue)
        if clause is not None:
            return clause, MEDIUM_CLAUSE
    return complement, CCOMP


def _clause_on_medium(cue: Token) -> Token | None:
    """'said in a statement that ...', 'told the Press in an interview that ...': a that-clause
    (complementizer "that") on the reporting noun of the cue's own prepositional phrase is what the
    cue reports; the noun only says through what."""
    for prep in cue.children:
        if prep.dep_ != "prep":
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj" or noun.lemma_.lower() not in REPORTING_NOUNS:
                continue
            for clause in noun.children:
                marked = any(m.dep_ == "mark" and m.lower_ == "that" for m in clause.children)
                if clause.dep_ in ("acl", "relcl", "ccomp") and clause.pos_ in ("VERB", "AUX") and marked:
                    return clause
    return None


def headline(state: State, cue: Token) -> tuple[int, int] | None:
    """'Haftar says fight ... continues', 'Haftar tells Macron no ceasefire for now': a title line
    (no closing full stop) with a present-tense cue; the rest of the line is the content."""
    if cue.tag_ != "VBZ":
        return None
    text, doc = state.text, state.doc
    sent = state.sentence(cue.i)
    a, b = sent.start_char, sent.end_char  # the line, stripped, read only if it is short
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    line = text[a:b] if b - a <= HEADLINE_CHARS else ""
    if not line or "\n" in line or line[-1:] in ".!?\"”'":
        return None
    if not any(c.dep_ == "nsubj" and c.pos_ in ("PROPN", "NOUN") for c in cue.children):
        return None
    start = cue.i + 1
    if cue.lemma_.lower() == "tell":
        told = [c for c in cue.children if c.dep_ in ("dative", "dobj") and c.pos_ == "PROPN"]
        if not told:
            return None
        start = max(t.i for t in told[0].subtree) + 1
    if start >= sent.end:
        return None
    last = sent[-1]
    while last.i > start and (last.is_space or last.is_punct):
        last = doc[last.i - 1]
    span = state.trim(doc[start].idx, last.idx + len(last))
    if span is None or words(text[span[0] : span[1]]) < 3:
        return None
    return span


def content(state: State, complement: Token, cue: Token) -> tuple[int, int] | None:
    """The complement's characters, without a leading 'that' and edge punctuation.

    Read off the subtree's edges (a parse is projective: its subtree is the stretch between them)
    and the sorted indexes of participles and "according to", so that a chain of nested
    complements ("A said: B said: ...") costs linear time, not the sum of their lengths."""
    doc = state.doc
    limit = len(doc)
    for conj in complement.children:
        # "warned X was Y and called for Z": the second cue is the speaker's act, not content
        if conj.dep_ == "conj" and conj.i > complement.i and speaker_act(conj):
            ccs = [c.i for c in complement.children if c.dep_ == "cc" and c.i < conj.i]
            limit = min(limit, max(ccs) if ccs else conj.left_edge.i)
    lo, hi = complement.left_edge.i, complement.right_edge.i
    # "Y was Z, while acknowledging that W": the participle is the speaker's act, not content
    for i in indices_in(state.participles, complement.i + 1, hi):
        limit = min(limit, doc[i].left_edge.i - 1)
    hi = min(hi, limit - 1)
    for i in indices_in(state.semicolons, lo + 1, hi)[:1]:
        hi = i - 1  # "X was not intentional; they learned of it Friday": the next clause is another sentence
    for i in indices_in(state.according_at, lo, hi)[:1]:
        # "..., according to Reuters" is not content
        a_lo, a_hi = doc[i].left_edge.i, doc[i].right_edge.i
        if a_lo <= lo:
            lo = a_hi + 1
        if a_hi >= hi:
            hi = a_lo - 1
    if cue.i == lo:
        lo += 1
    if cue.i == hi:
        hi -= 1
    while lo <= hi and (doc[lo].lower_ == "that" and doc[lo].dep_ == "mark" or doc[lo].is_punct):
        lo += 1
    if lo > hi:
        return None
    start, end = doc[lo].idx, doc[hi].idx + len(doc[hi])
    k = bisect.bisect_right(state.quote_ends, end)
    while k < len(state.quote_ends) and state.quote_ends[k] <= end + 3:
        q = state.quotes_by_end[k]
        if start <= q.open_at < end < q.outer_end:
            end = q.outer_end  # the clause ends inside a quoted fragment: “simply gone.”
            break
        k += 1
    if start < cue.idx < end:
        # the cue sits inside its complement's span ("X is, he said, Y"): keep the side after it
        start = cue.idx + len(cue)
    return state.trim(start, end)


def speaker_act(verb: Token) -> bool:
    """A verb with no subject of its own that is itself a cue: the speaker's next act."""
    lemma = verb.lemma_.lower()
    return (
        verb.pos_ == "VERB"
        and (lemma in REPORTING_VERBS or lemma in PHRASAL_CUES)
        and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children)
    )


def add_reported(state: State, span: tuple[int, int], cue: Token, rule: str, confidence: float) -> None:
    """A reported clause as a candidate: indirect, or mixed / direct when it holds quoted words,
    which it then claims (they are no quotes of their own)."""
    text = state.text
    start, end = span
    first = bisect.bisect_left(state.quote_opens, start - 1)
    opening = state.quoted[first : bisect.bisect_right(state.quote_opens, end + 1)]
    inside = [q for q in opening if q.outer_end <= end + 1]
    last_before = bisect.bisect_right(state.quote_opens, start) - 1
    if last_before >= 0 and state.reach[last_before] >= end - 1:
        return  # the complement lies inside a direct quote: that quote's business
    opened = state.quote_open_around(start)
    if opened is not None and opened < cue.idx and not state.in_quote(end - 1):
        return  # it starts inside a quote before the cue and runs past its closing mark: the parse crossed the marks
    kind = "indirect"
    if inside:
        quoted_words = sum(words(text[q.start : q.end]) for q in inside)
        kind = "mixed" if words(text[start:end]) - quoted_words >= MIXED_OWN_WORDS else "direct"
        for q in inside:
            state.absorbed.add(q.open_at)
        if kind == "direct":
            start, end = inside[0].start, inside[-1].end
    speaker, how = speaker_of(state, cue)
    state.used_cues.add(cue.i)
    cand = Candidate(
        kind,
        [(start, end)],
        state.cue_span(cue),
        speaker,
        rule,
        round(confidence * (1.0 if speaker else NO_SPEAKER_FACTOR), 2),
        [f"{rule}: {kind}, reported by '{cue.text}'; speaker: {how}"],
        cue_token=cue.i,
    )
    add_intermediaries(cand, cue)
    state.candidates.append(cand)
    if kind == "mixed":
        colon_quotes(state, cand, inside, cue)


def colon_quotes(state: State, outer: Candidate, inside: list[QuotedSpan], cue: Token) -> None:
    """'X said the president reiterated the priorities: “...”': the quote after the colon is the
    inner verb's subject's own words, nested in the reported clause."""
    for q in inside:
        before = state.text[outer.start : q.open_at].rstrip()
        if not before.endswith(":") or not state.sentence_like(q):
            continue
        lo, hi = state.token_at(outer.start), state.token_at(q.open_at)
        verbs = [
            t
            for t in state.doc[lo:hi]
            if t.i != cue.i and t.pos_ == "VERB" and t.lemma_.lower() in REPORTING_VERBS and not state.in_quote(t.idx)
        ]
        if not verbs:
            continue
        verb = verbs[-1]
        speaker, how = speaker_of(state, verb)
        state.candidates.append(
            Candidate(
                "direct",
                list(q.segments),
                state.cue_span(verb),
                speaker,
                COLON,
                CONFIDENCE_COLON,
                [f"{COLON}: direct after a colon, in the words of '{verb.text}'; speaker: {how}"],
                cue_token=verb.i,
            )
        )
