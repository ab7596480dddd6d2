"""The state the sieves share over one Doc, made explicit.

Read-only lookups (made once per Doc, so that every sieve stays linear in the text): the quoted
spans and their tables, sentences, subjects and agents by head, the cues that have a subject.
Written by the sieves, in the order of `pipeline.SIEVES`: `candidates`, `used_cues` (a cue that
gave a quote gives no other), `absorbed` (quoted fragments claimed by a mixed quote) and
`outlet_clauses` (stretches an outlet passed on, for the outlet sieve).
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from quoteapp.nlp.lexicon import (
    ADDRESSEE_VERBS,
    BELIEF_VERBS,
    PARTICIPLE_BREAKS,
    PHRASAL_CUES,
    REPORTING_VERBS,
    WITHHOLDING_VERBS,
)
from quoteapp.nlp.mentions import Mention
from quoteapp.nlp.quotemarks import QuotedSpan, find_quoted_spans
from quoteapp.nlp.rules.candidate import WORD, Candidate, two_words

EDGE_PUNCT = " \t\n,;:—–-"
#: A quote closed less than this many characters before a verb is the quote that verb introduces.
QUOTE_BEFORE_CHARS = 40

OutletClause = tuple[tuple[int, int], Mention, str]


class State:
    """One Doc, its lookup tables, and what the sieves have decided so far."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.starts = [t.idx for t in doc]
        self.quoted = sorted(find_quoted_spans(self.text), key=lambda q: q.open_at)
        # lookups that keep every rule linear in the text: top-level quotes by opening mark and by end
        self.quote_opens = [q.open_at for q in self.quoted]
        self.quotes_by_end = sorted(self.quoted, key=lambda q: q.outer_end)
        self.quote_ends = [q.outer_end for q in self.quotes_by_end]
        self.reach = _running_max(q.outer_end for q in self.quoted)  # furthest end of the quotes so far
        # character ranges covered by top-level quotes, marks included
        self.quote_ranges = sorted((q.open_at, q.outer_end) for q in self.quoted)
        self.open_mark_of: dict[int, int] = {}
        for q in self.quoted:
            self.open_mark_of.setdefault(q.start, q.open_at)
        self.according_at = [
            t.i for t in doc if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to"
        ]
        #: semicolons outside quotation marks: a reported clause ends at one
        self.semicolons = [t.i for t in doc if t.text == ";" and not self.in_quote(t.idx)]
        self.participles = [t.i for t in doc if self.reporting_participle(t) and t.head.dep_ == "ccomp"]
        self.sent_index, self.sent_spans = _sentences(doc)
        # subjects and agents by head: a verb that heads a whole run-on line has thousands of children
        self.subjects: dict[int, list[Token]] = {}
        self.agents: dict[int, list[Token]] = {}
        for tok in doc:
            if tok.dep_ in ("nsubj", "nsubjpass") and tok.lower_ != "it" and tok.head.i != tok.i:
                self.subjects.setdefault(tok.head.i, []).append(tok)
            elif tok.dep_ == "agent" and tok.head.i != tok.i:
                self.agents.setdefault(tok.head.i, []).append(tok)
        #: cues with a subject of their own (nsubj; or nsubj/nsubjpass), for checks over a stretch
        self.cues_with_nsubj: list[int] = []
        self.cues_with_subject: list[int] = []
        for tok in doc:
            deps = {c.dep_ for c in tok.children} & {"nsubj", "nsubjpass"}
            if deps and self.is_cue(tok):
                self.cues_with_subject.append(tok.i)
                if "nsubj" in deps:
                    self.cues_with_nsubj.append(tok.i)
        # --- what the sieves decide ---
        self.used_cues: set[int] = set()
        self.absorbed: set[int] = set()  # open_at of quoted spans that are part of a mixed quote
        self.candidates: list[Candidate] = []
        self.candidate_starts: list[int] = []  # starts of candidates[:synced], sorted
        self.synced = 0
        #: ((start, end), outlet, cue text): "..., reported Reuters" around other speakers' quotes
        self.outlet_clauses: list[OutletClause] = []

    @functools.cached_property
    def proper_names(self) -> frozenset[str]:
        """The words the text uses as proper names somewhere (tagged so, or in a person's or an
        organization's name): a label the tagger misread ("Pence:" as a noun) is one of them."""
        return frozenset(t.text for t in self.doc if t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG"))

    @functools.cached_property
    def person_names(self) -> frozenset[str]:
        """The words of the people's names the named-entity tagger found anywhere in the text."""
        return frozenset(t.text for t in self.doc if t.ent_type_ == "PERSON")

    # --- where things are ----------------------------------------------------------------------
    def sentence(self, i: int) -> Span:
        """The sentence of token i, from a table made once (Token.sent walks the sentence each time)."""
        start, end = self.sent_spans[self.sent_index[i]]
        return self.doc[start:end]

    def token_at(self, char: int) -> int:
        """Index of the token holding (or first after) a character offset."""
        i = bisect.bisect_right(self.starts, char) - 1
        return max(i, 0)

    def in_quote(self, char: int) -> bool:
        """Whether a character lies inside a top-level quote, marks included."""
        i = bisect.bisect_right(self.quote_ranges, (char, len(self.text) + 1)) - 1
        return i >= 0 and self.quote_ranges[i][0] <= char < self.quote_ranges[i][1]

    def quote_open_around(self, char: int) -> int | None:
        """The opening mark of the top-level quote holding a character, or None outside quotes."""
        i = bisect.bisect_right(self.quote_ranges, (char, len(self.text) + 1)) - 1
        if i >= 0 and self.quote_ranges[i][0] <= char < self.quote_ranges[i][1]:
            return self.quote_ranges[i][0]
        return None

    def quoted_name(self, char: int) -> bool:
        """Whether the top-level quote holding a character is a name or nickname: one or two words
        in marks ('Marcia "Cia" Price'), no one's words."""
        i = bisect.bisect_right(self.quote_ranges, (char, len(self.text) + 1)) - 1
        if i < 0 or not self.quote_ranges[i][0] <= char < self.quote_ranges[i][1]:
            return False
        start, end = self.quote_ranges[i]
        found = WORD.search(self.text, start, end)
        for _ in range(2):  # a third word makes it a quote; read no further than that
            found = WORD.search(self.text, found.end(), end) if found else None
        return found is None

    def open_mark(self, start: int) -> int:
        """The opening mark of the quote whose content starts at `start` (or `start` itself)."""
        return self.open_mark_of.get(start, start)

    def last_on_line_before(self, pos: int) -> str | None:
        """The last non-space character before `pos` on its line, or None: read backwards from `pos`,
        not from the line's start, so that a long line with many quotes costs no more than a short one."""
        i = pos - 1
        while i >= 0 and self.text[i] != "\n" and self.text[i].isspace():
            i -= 1
        return None if i < 0 or self.text[i] == "\n" else self.text[i]

    def quote_before(self, verb: Token) -> bool:
        """A quote closed just before the verb."""
        i = bisect.bisect_right(self.quote_ends, verb.idx) - 1
        return i >= 0 and verb.idx - self.quote_ends[i] < QUOTE_BEFORE_CHARS

    # --- cues ----------------------------------------------------------------------------------
    def is_cue(self, tok: Token) -> bool:
        """A reporting verb outside quotation marks."""
        lemma = tok.lemma_.lower()
        if tok.pos_ not in ("VERB", "AUX") and not (tok.pos_ == "NOUN" and tok.tag_ == "VBZ"):
            return False
        if lemma not in REPORTING_VERBS and lemma not in PHRASAL_CUES:
            return False
        phrasal_only = lemma in PHRASAL_CUES and lemma not in REPORTING_VERBS
        if phrasal_only and not any(c.lower_ in PHRASAL_CUES[lemma] for c in tok.children):
            return False
        return not self.in_quote(tok.idx) and not_asserted(tok) is None

    def cue_span(self, tok: Token) -> tuple[int, int]:
        """The cue as written: the verb, with its particle ("pointed out") when it has one."""
        end = tok.idx + len(tok)
        for child in tok.children:
            if child.dep_ == "prt" and child.i == tok.i + 1:
                end = child.idx + len(child)
        return tok.idx, end

    def reporting_participle(self, verb: Token) -> bool:
        """A subjectless -ing reporting verb after a comma, hung on another verb (advcl)."""
        if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.i <= verb.head.i:
            return False
        if verb.lemma_.lower() not in REPORTING_VERBS and verb.lemma_.lower() not in PHRASAL_CUES:
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return False
        before = verb.left_edge.i - 1
        return before >= 0 and self.doc[before].text in PARTICIPLE_BREAKS

    def holds_cue(self, start: int, end: int) -> bool:
        """Another reporting verb with a subject inside a stretch: it is someone's quote reported by an outlet."""
        lo, hi = self.token_at(start), self.token_at(end)
        return bool(indices_in(self.cues_with_subject, lo, hi))

    def cue_earlier_in_sentence(self, tok: Token) -> bool:
        """A cue with a subject before `tok` in its sentence."""
        return bool(indices_in(self.cues_with_nsubj, self.sentence(tok.i).start, tok.i - 1))

    # --- content -------------------------------------------------------------------------------
    def sentence_like(self, q: QuotedSpan) -> bool:
        """A quote of a whole clause (with a verb), not a name or a fragment."""
        first = self.token_at(q.start)
        last = self.token_at(max(q.end - 1, q.start))
        return any(t.pos_ in ("VERB", "AUX") for t in self.doc[first : last + 1])

    def trim(self, start: int, end: int) -> tuple[int, int] | None:
        """A stretch without edge punctuation, or None when less than two words are left."""
        text = self.text
        while start < end and text[start] in EDGE_PUNCT:
            start += 1
        while end > start and text[end - 1] in EDGE_PUNCT + ".":
            end -= 1
        # keep a closing quotation mark only when its opener is inside
        if start >= end or not two_words(text, start, end):
            return None
        return start, end

    def starts_between(self, lo: int, hi: int) -> bool:
        """Whether a candidate found so far starts in [lo, hi)."""
        for cand in self.candidates[self.synced :]:
            bisect.insort(self.candidate_starts, cand.start)
        self.synced = len(self.candidates)
        i = bisect.bisect_left(self.candidate_starts, lo)
        return i < len(self.candidate_starts) and self.candidate_starts[i] < hi


def not_asserted(verb: Token) -> str | None:
    """Why a reporting verb reports no words of its subject (guidelines), or None: negated ("did
    not say that", "would not say whether"), withheld ("declined to say", "refused to comment"), a
    belief ("analysts believe"), or addressed to the subject ("was told", "when asked about")."""
    lemma = verb.lemma_.lower()
    if lemma in BELIEF_VERBS:
        return "a belief, no speech act"
    if any(c.dep_ == "neg" and c.i < verb.i and not _quote_mark_between(c, verb) for c in verb.children):
        return "a negated cue"
    if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in WITHHOLDING_VERBS:
        return f"speech withheld ('{verb.head.text} to {verb.text}')"
    if lemma in ADDRESSEE_VERBS and addressed(verb):
        return "the subject is the one addressed"
    return None


def _quote_mark_between(a: Token, b: Token) -> bool:
    """A quotation mark between two tokens: "“… Probably not,” Moore said": the 'not' is quoted."""
    return any(t.is_quote for t in a.doc[a.i : b.i])


def addressed(verb: Token) -> bool:
    """A verb of speaking to someone in the passive, by no named agent: "was told", "were warned",
    "when asked about" (also when the parser tags the bare participle as a past tense)."""
    deps = {c.dep_ for c in verb.children}
    if "agent" in deps or "nsubj" in deps:
        return False
    if "nsubjpass" in deps or "auxpass" in deps:
        return True
    bare = verb.tag_ in ("VBN", "VBD") and "aux" not in deps
    return bare and any(c.lower_ in ("when", "if", "as", "once", "after", "before") for c in verb.children)


def indices_in(indices: list[int], lo: int, hi: int) -> list[int]:
    """The members of a sorted list of token indices that lie in [lo, hi]."""
    return indices[bisect.bisect_left(indices, lo) : bisect.bisect_right(indices, hi)]


def _sentences(doc: Doc) -> tuple[list[int], list[tuple[int, int]]]:
    """Each token's sentence number, and each sentence's token range; one sentence when the Doc has
    no sentence boundaries at all."""
    spans = [(sent.start, sent.end) for sent in doc.sents] if doc.has_annotation("SENT_START") else [(0, len(doc))]
    index = [0] * len(doc)
    for n, (start, end) in enumerate(spans):
        index[start:end] = [n] * (end - start)
    return index, spans


def _running_max(values: Iterable[int]) -> list[int]:
    out: list[int] = []
    for value in values:
        out.append(max(value, out[-1]) if out else value)
    return out
