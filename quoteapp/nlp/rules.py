"""The extraction rules: from a parsed Doc to quote candidates with cue, speaker mention and evidence.

Direct quotes come from paired marks (quotemarks.py) and take the reporting verb next to them;
indirect quotes are the clausal complement of a reporting verb or the clause of "according to";
a reported clause that holds a quoted fragment is mixed. Candidates whose content lies inside
another's are nested under it.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from spacy.tokens import Doc, Span, Token

from quoteapp.nlp import intermediaries
from quoteapp.nlp.lexicon import PHRASAL_CUES, REPORTING_VERBS, SPEECH_ACT_NOUNS
from quoteapp.nlp.mentions import Mention, antecedent_of_relative, make_mention
from quoteapp.nlp.quotemarks import QuotedSpan, find_quoted_spans

#: A quoted stretch shorter than this many words, with no cue of its own, is a scare quote or title.
MIN_DIRECT_WORDS = 4
#: How many tokens may stand between a quote's closing mark and its cue ("…,” the Libyan commander said).
CUE_WINDOW_AFTER = 9
CUE_WINDOW_BEFORE = 12
#: Verbs whose infinitive complement is a stated intention or demand ("vowed to fight").
XCOMP_CUES = frozenset("vow pledge promise threaten urge ask call demand refuse decline agree offer".split())
EDGE_PUNCT = " \t\n,;:—–-"
WORD = re.compile(r"\w+")
#: Complements that are about the source, not reported content ("who asked not to be named").
NOT_CONTENT = re.compile(r"(not )?to be (named|identified|quoted)\b|anonymity\b", re.IGNORECASE)  # .match()
#: "“...” -Commissioner Hana Ross" / "— Mayor Tim Beck" / next line "– Tim Beck, mayor": a byline dash.
DASH_BYLINE = re.compile(r"[^\S\n]*\n?[^\S\n]*([-–—―]{1,2})[^\S\n]*(?=\S)([^\n]{2,80})(?:\n|$)")
#: At most this many words in a dash byline ("Tim Beck, mayor of Northport").
DASH_BYLINE_WORDS = 9
#: An uncued quote takes the previous quote's speaker across at most this many narrative sentences.
SAME_VOICE_SENTENCES = 2
SAME_VOICE_WORDS = 60


@dataclass
class Candidate:
    """A quote found in one Doc: character offsets into doc.text."""

    type: str
    segments: list[tuple[int, int]]
    cue: tuple[int, int] | None
    speaker: Mention | None
    rule: str
    confidence: float
    evidence: list[str] = field(default_factory=list)
    parent: int | None = None  # index of the enclosing candidate
    cue_token: int | None = None  # token index of the cue, to find the same cue twice
    #: (mention, role) of who passed it on, nearest to the speaker first
    intermediaries: list[tuple[Mention, str]] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.segments[0][0]

    @property
    def end(self) -> int:
        return self.segments[-1][1]


def _words(text: str) -> int:
    return len(WORD.findall(text))


def _two_words(text: str, start: int, end: int) -> bool:
    """Whether text[start:end] holds at least two words, read without copying the stretch."""
    first = WORD.search(text, start, end)
    return first is not None and WORD.search(text, first.end(), end) is not None


class _Finder:
    """Runs the rules over one Doc; holds the quoted spans and the token lookup."""

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
        self.according_at = [t.i for t in doc if t.lower_ == "according" and t.i + 1 < len(doc)
                             and doc[t.i + 1].lower_ == "to"]
        self.participles = [t.i for t in doc if self._reporting_participle(t) and t.head.dep_ == "ccomp"]
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
        self.used_cues: set[int] = set()
        self.absorbed: set[int] = set()  # open_at of quoted spans that are part of a mixed quote
        self.candidates: list[Candidate] = []
        self.candidate_starts: list[int] = []  # starts of candidates[:synced], sorted
        self.synced = 0
        #: ((start, end), outlet, cue text): "..., reported Reuters" around other speakers' quotes
        self.outlet_clauses: list[tuple[tuple[int, int], Mention, str]] = []

    # --- lookups -------------------------------------------------------------------------------
    def sentence(self, i: int) -> Span:
        """The sentence of token i, from a table made once (Token.sent walks the sentence each time)."""
        start, end = self.sent_spans[self.sent_index[i]]
        return self.doc[start:end]

    def token_at(self, char: int) -> int:
        """Index of the token holding (or first after) a character offset."""
        i = bisect.bisect_right(self.starts, char) - 1
        return max(i, 0)

    def in_quote(self, char: int) -> bool:
        i = bisect.bisect_right(self.quote_ranges, (char, len(self.text) + 1)) - 1
        return i >= 0 and self.quote_ranges[i][0] <= char < self.quote_ranges[i][1]

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
        return not self.in_quote(tok.idx)

    def cue_span(self, tok: Token) -> tuple[int, int]:
        """The cue as written: the verb, with its particle ("pointed out") when it has one."""
        end = tok.idx + len(tok)
        for child in tok.children:
            if child.dep_ == "prt" and child.i == tok.i + 1:
                end = child.idx + len(child)
        return tok.idx, end

    # --- speakers ------------------------------------------------------------------------------
    def speaker_of(self, cue: Token) -> tuple[Mention | None, str]:
        """The subject of the cue (or of the verb it hangs on), as a mention, and how it was found."""
        verb, hops, note = cue, 0, ""
        while verb is not None and hops < 7:
            subjects = self.subjects.get(verb.i, [])
            if subjects:
                nearest = min(subjects, key=lambda c: abs(c.i - verb.i))  # "The coach Anna Holm said"
                subject = antecedent_of_relative(nearest)
                how = ("nsubj" if hops == 0 else f"nsubj of '{verb.text}'") + note
                if subject is not nearest:
                    how += f" ('{nearest.text}' -> '{subject.text}')"
                if self.in_quote(subject.idx) and not self.in_quote(cue.idx):
                    return self._subject_before_quotes(cue)
                owner = self._speech_act_owner(subject)
                if owner is not None:
                    return make_mention(owner), how + f"; the {subject.text} is {owner.text}'s"
                return make_mention(subject), how
            for agent in self.agents.get(verb.i, []):
                objs = [c for c in agent.children if c.dep_ == "pobj"]
                if objs:
                    return make_mention(objs[0]), "agent"
            if hops == 0 and verb.lemma_.lower() in ("say", "add", "tell", "write", "ask"):
                # "…,” said the official: spaCy may take an inverted subject for an object
                inverted = [c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod") and c.pos_ in
                            ("PROPN", "NOUN")]
                if inverted and self._quote_before(verb):
                    return make_mention(inverted[0]), "inverted subject"
            outer = self._participle_host(verb)
            if outer is not None:
                note = f" (the participle '{cue.text}' shares the subject of '{outer.text}')"
                verb = outer  # "X said Y was Z, adding that ...": X adds, not Y
                hops += 1
                continue
            if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "ccomp") or verb.dep_ == "pobj":
                verb = verb.head
                hops += 1
                continue
            if verb.dep_ == "prep" or (verb.head.dep_ == "prep" and verb.dep_ == "pcomp"):
                verb = verb.head
                hops += 1
                continue
            break
        return None, "no subject"

    def _participle_host(self, verb: Token) -> Token | None:
        """The cue whose speaker a reporting participle ("..., adding that", "while acknowledging")
        shares when the parse hung it on a verb of that cue's reported clause: the participle has no
        subject of its own, so it is controlled by the matrix subject, who is the one speaking."""
        if not self._reporting_participle(verb):
            return None
        head = verb.head
        if head.dep_ != "ccomp" or not self.is_cue(head.head):
            return None
        return head.head

    def _reporting_participle(self, verb: Token) -> bool:
        """A subjectless -ing reporting verb after a comma, hung on another verb (advcl)."""
        if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.i <= verb.head.i:
            return False
        if verb.lemma_.lower() not in REPORTING_VERBS and verb.lemma_.lower() not in PHRASAL_CUES:
            return False
        if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
            return False
        before = verb.left_edge.i - 1
        return before >= 0 and self.doc[before].text in (",", ";", "—", "–")

    @staticmethod
    def _speech_act_owner(subject: Token) -> Token | None:
        """"Haftar's reaction was to ask": whose reaction, response or answer speaks."""
        if subject.lemma_.lower() in SPEECH_ACT_NOUNS:
            return next((c for c in subject.children if c.dep_ == "poss"), None)
        return None

    def _subject_before_quotes(self, cue: Token) -> tuple[Mention | None, str]:
        """The parse took a word of quoted content for the subject: 'X “hailed ...” but stressed':
        the speaker is the noun opening the sentence, before its first quotation mark."""
        start = self.sentence(cue.i).start
        if self.in_quote(self.doc[start].idx):  # the parser cut the sentence inside the quote ("hailed...")
            floor = max(cue.i - 60, 0)  # look for the line start no further back than that
            start = max(self.token_at(self.text.rfind("\n", self.doc[floor].idx, cue.idx) + 1), floor)
        for tok in self.doc[start:cue.i]:
            if self.in_quote(tok.idx) or tok.text in ("“", '"', "‘", "«", "„"):
                break
            if tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.dep_ in ("nsubj", "nsubjpass", "npadvmod", "ROOT"):
                return make_mention(tok), "the subject before the quoted words (the parse's subject is quoted)"
        return None, "subject inside a quote"

    def _quote_before(self, verb: Token) -> bool:
        """A quote closed less than 40 characters before the verb."""
        i = bisect.bisect_right(self.quote_ends, verb.idx) - 1
        return i >= 0 and verb.idx - self.quote_ends[i] < 40

    # --- direct quotes -------------------------------------------------------------------------
    def direct(self) -> None:
        previous: Candidate | None = None
        for q in self.quoted:
            if q.open_at in self.absorbed:
                continue
            content = self.text[q.start:q.end]
            cue = self._cue_after(q) or self._cue_before(q)
            if cue is not None and self._sentence_like(q):
                speaker, how = self.speaker_of(cue)
                self.used_cues.add(cue.i)
                cand = Candidate(
                    "direct", list(q.segments), self.cue_span(cue), speaker, "direct",
                    0.9 if speaker else 0.7,
                    [f"direct: marks {self.text[q.open_at]}…; cue '{cue.text}'; speaker: {how}"],
                    cue_token=cue.i,
                )
                self._add_intermediaries(cand, cue)
                self.candidates.append(cand)
                self._nested(q, cand)
                previous = cand
                continue
            byline = self._dash_byline(q)
            if byline is not None and _words(content) >= 2:
                dash, mention = byline
                cand = Candidate("direct", list(q.segments), dash, mention, "dash-byline", 0.8,
                                 [f"direct: marks, then a dash and a name after the quote; speaker: "
                                  f"'{mention.text}' after the dash"])
                self.candidates.append(cand)
                self._nested(q, cand)
                previous = cand
                continue
            if _words(content) < MIN_DIRECT_WORDS or not self._sentence_like(q):
                continue  # a scare quote, a title or a fragment: maybe part of a mixed quote later
            if previous is not None and self._continues(previous, q):
                previous.segments.extend(q.segments)
                previous.evidence.append("split quote: a further segment after the attribution")
                continue
            cand = Candidate("direct", list(q.segments), None, None, "direct-no-cue", 0.4,
                             ["direct: marks, no cue found"])
            self.candidates.append(cand)
            self._nested(q, cand)
            previous = cand

    def _sentence_like(self, q: QuotedSpan) -> bool:
        """A quote of a whole clause (with a verb), not a name or a fragment."""
        first = self.token_at(q.start)
        last = self.token_at(max(q.end - 1, q.start))
        return any(t.pos_ in ("VERB", "AUX") for t in self.doc[first:last + 1])

    def _continues(self, previous: Candidate, q: QuotedSpan) -> bool:
        """“A,” she said. “B.”: B goes on from A when only the attribution stands between them."""
        if previous.cue is None or q.open_at - previous.end >= 120 or "\n" in self.text[previous.end:q.open_at]:
            return False
        self._sync_starts()
        i = bisect.bisect_left(self.candidate_starts, previous.end)
        return i == len(self.candidate_starts) or self.candidate_starts[i] >= q.open_at

    def _sync_starts(self) -> None:
        """Keep `candidate_starts` (sorted) up to date with the candidates found so far."""
        for cand in self.candidates[self.synced:]:
            bisect.insort(self.candidate_starts, cand.start)
        self.synced = len(self.candidates)

    def _dash_byline(self, q: QuotedSpan) -> tuple[tuple[int, int], Mention] | None:
        """“We will rebuild the pier.” -Commissioner Hana Ross: a quote opening its line, closed, then
        a dash and a short name (with an optional ", role") ending the line, on the same or next line."""
        if not q.closed:
            return None
        if self._last_on_line_before(q.open_at) is not None:
            return None
        m = DASH_BYLINE.match(self.text, q.outer_end)
        if m is None:
            return None
        name_start = m.start(2)
        name_end = m.end(2)
        while name_end > name_start and (self.text[name_end - 1].isspace() or self.text[name_end - 1] == "."):
            name_end -= 1
        byline = self.text[name_start:name_end]
        if _words(byline) > DASH_BYLINE_WORDS or byline[0].islower() or any(c in byline for c in "“”\"«».!?"):
            return None
        lo, hi = self.token_at(name_start), self.token_at(name_end - 1)
        toks = [t for t in self.doc[lo:hi + 1] if t.idx >= name_start]
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
            mention = replace(mention, start=name_start, text=self.text[name_start:mention.end])
        return (m.start(1), m.end(1)), mention

    def same_voice(self, cands: list[Candidate]) -> None:
        """A quote with no cue standing alone (its own sentences or paragraph) goes on in the voice of
        the quote before (direct, indirect or mixed), news style, when only a few narrative sentences
        with no other named subject and no heading stand between them."""
        top = [c for c in cands if c.parent is None]
        for n, cand in enumerate(top):
            if cand.rule != "direct-no-cue" or cand.speaker is not None or n == 0:
                continue
            previous = top[n - 1]
            if previous.speaker is None or previous.end > cand.start or not self._stands_alone(cand):
                continue
            if previous.rule == "dash-byline":
                # a list of quotes each signed with a dash: the signature closes that voice
                cand.evidence.append("not the voice of the quote before: it was signed with a dash")
                continue
            why = self._voice_break(previous, cand)
            if why is not None:
                cand.evidence.append(f"not the voice of the quote before: {why}")
                continue
            cand.speaker = previous.speaker
            cand.intermediaries = list(previous.intermediaries)
            cand.confidence = 0.55 if previous.rule != "direct-no-cue" else 0.45
            cand.evidence.append(f"speaker: same voice as the quote before ({previous.type}, "
                                 f"'{previous.speaker.text}'), no cue of its own")

    def _stands_alone(self, cand: Candidate) -> bool:
        """The quote is a sentence of its own: nothing but a finished sentence before it on its line,
        nothing but a new sentence or the line's end after it."""
        before = self._last_on_line_before(self._open_mark(cand.start))
        if before is not None and before not in ".!?”\"":
            return False
        j = cand.end  # the first character after it on its line, past spaces and closing marks
        while j < len(self.text) and self.text[j] != "\n" and self.text[j] in " \t”’\"'»":
            j += 1
        return j == len(self.text) or self.text[j] == "\n" or self.text[j] in ".!?" or self.text[j].isupper()

    def _last_on_line_before(self, pos: int) -> str | None:
        """The last non-space character before `pos` on its line, or None: read backwards from `pos`,
        not from the line's start, so that a long line with many quotes costs no more than a short one."""
        i = pos - 1
        while i >= 0 and self.text[i] != "\n" and self.text[i].isspace():
            i -= 1
        return None if i < 0 or self.text[i] == "\n" else self.text[i]

    def _open_mark(self, start: int) -> int:
        return self.open_mark_of.get(start, start)

    def _voice_break(self, previous: Candidate, cand: Candidate) -> str | None:
        """Why the words between two quotes change the voice: too far, a heading, another named subject."""
        gap_start, gap_end = previous.end, self._open_mark(cand.start)
        gap = self.text[gap_start:gap_end]
        if _words(gap) > SAME_VOICE_WORDS:
            return "too far"
        for line in gap.split("\n")[1:-1]:
            line = line.strip()
            if line and line[-1] not in ".!?:;,”\"’'»)":
                return f"a heading between them ('{line[:40]}')"
        lo, hi = self.token_at(gap_start), self.token_at(gap_end)
        toks = [t for t in self.doc[lo:hi] if gap_start <= t.idx < gap_end and not self.in_quote(t.idx)]
        sentences = {self.sent_index[t.i] for t in toks if not (t.is_punct or t.is_space)}
        if len(sentences) > SAME_VOICE_SENTENCES + 1:  # the previous quote's own sentence counts once
            return "too many sentences"
        speaker = previous.speaker
        names = {w.lower() for w in WORD.findall(speaker.name or speaker.text)} if speaker else set()
        for tok in toks:
            named = tok.pos_ == "PROPN" or tok.ent_type_ == "PERSON"
            if tok.dep_ in ("nsubj", "nsubjpass") and named and tok.lower_ not in names:
                    return f"another subject between them ('{tok.text}')"
        return None

    def _cue_after(self, q: QuotedSpan) -> Token | None:
        """“…,” X said / said X: a cue within a few tokens after the closing mark, same sentence."""
        if not q.closed:
            return None
        i = self.token_at(q.outer_end)
        while i < len(self.doc) and self.doc[i].idx < q.outer_end:
            i += 1
        for j in range(i, min(i + CUE_WINDOW_AFTER, len(self.doc))):
            tok = self.doc[j]
            if tok.text in (".", "!", "?") or "\n" in tok.text or self.in_quote(tok.idx):
                return None
            if self.is_cue(tok):
                return tok
        return self._cue_after_apposition(i)

    def _cue_after_apposition(self, i: int) -> Token | None:
        """“…,” Ann Lee, the long-serving head of the port authority, said.: the cue lies beyond the
        window, but its subject is the noun phrase that starts right after the closing mark."""
        if i >= len(self.doc) or self.doc[i].pos_ != "PROPN":
            return None
        sent = self.sentence(i)
        for tok in self.doc[i + CUE_WINDOW_AFTER:min(sent.end, i + 3 * CUE_WINDOW_AFTER)]:
            if self.in_quote(tok.idx) or tok.text in (".", "!", "?"):
                return None
            if self.is_cue(tok):
                subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
                return tok if subject is not None and subject.left_edge.i == i else None
        return None

    def _cue_before(self, q: QuotedSpan) -> Token | None:
        """X said: “…” / X said, “…”: the last cue in the few tokens before the opening mark."""
        i = self.token_at(q.open_at)
        lo = max(0, i - CUE_WINDOW_BEFORE)
        for j in range(i - 1, lo - 1, -1):
            tok = self.doc[j]
            if tok.text in (".", "!", "?") or "\n" in tok.text or self.in_quote(tok.idx):
                return None
            if self.is_cue(tok):
                return tok
        return None

    def _nested(self, q: QuotedSpan, outer: Candidate) -> None:
        """A quote inside a quote with a cue of its own inside the outer one: “… was to ask: ‘…?’”."""
        for child in q.children:
            i = self.token_at(child.open_at)
            for j in range(i - 1, max(self.token_at(q.start), i - CUE_WINDOW_BEFORE) - 1, -1):
                tok = self.doc[j]
                lemma = tok.lemma_.lower()
                if tok.pos_ in ("VERB", "AUX") and lemma in REPORTING_VERBS:
                    speaker, how = self.speaker_of(tok)
                    if speaker is not None and speaker.pronoun and speaker.head in ("i", "we"):
                        speaker = None  # the outer speaker talking of themselves: resolved later
                    self.candidates.append(Candidate(
                        "direct", list(child.segments), self.cue_span(tok), speaker, "nested",
                        0.7, [f"nested in a quote; cue '{tok.text}'; speaker: {how}"],
                        parent=len(self.candidates) - 1 if outer is self.candidates[-1] else None,
                        cue_token=tok.i,
                    ))
                    break

    # --- indirect and mixed quotes -------------------------------------------------------------
    def indirect(self) -> None:
        for tok in self.doc:
            if tok.i in self.used_cues or not self.is_cue(tok):
                continue
            complement = next((c for c in tok.children if c.dep_ == "ccomp"), None)
            rule = "ccomp"
            if complement is None and tok.lemma_.lower() in XCOMP_CUES:
                complement = next((c for c in tok.children if c.dep_ == "xcomp"), None)
                rule = "xcomp"
            outlet = self._outlet_source(tok)
            if outlet is not None and self._cue_earlier_in_sentence(tok):
                # "“…,” Haftar told X, reported Reuters.": the outlet passed on the sentence's quotes
                self.outlet_clauses.append(((self.sentence(tok.i).start_char, tok.idx), outlet, tok.text))
                continue
            headline = self._headline(tok) if complement is None or tok.tag_ == "VBZ" else None
            if headline is not None:
                self._add_reported(headline, tok, "headline", 0.7)
                continue
            if complement is None:
                continue
            span = self._content(complement, tok)
            if span is None or NOT_CONTENT.match(self.text, span[0], span[1]):
                continue
            if outlet is not None and self._holds_cue(*span):
                self.outlet_clauses.append((span, outlet, tok.text))
                continue
            self._add_reported(span, tok, rule, REPORTING_VERBS.get(tok.lemma_.lower(), 0.5))
        self._according_to()

    def _holds_cue(self, start: int, end: int) -> bool:
        """Another reporting verb with a subject inside a stretch: it is someone's quote reported by an outlet."""
        lo, hi = self.token_at(start), self.token_at(end)
        return bool(self._indices_in(self.cues_with_subject, lo, hi))

    def _cue_earlier_in_sentence(self, tok: Token) -> bool:
        """A cue with a subject before `tok` in its sentence."""
        return bool(self._indices_in(self.cues_with_nsubj, self.sentence(tok.i).start, tok.i - 1))

    @staticmethod
    def _outlet_source(cue: Token) -> Mention | None:
        """The outlet that is the subject (or inverted subject) of a cue: 'Reuters reported', 'reported Reuters'."""
        for child in cue.children:
            inverted = child.i > cue.i and child.dep_ in ("dobj", "attr", "npadvmod") and child.pos_ == "PROPN"
            if child.dep_ in ("nsubj", "nsubjpass") or inverted:
                mention = make_mention(child)
                if mention.kind == "outlet":
                    return mention
        return None

    def _headline(self, cue: Token) -> tuple[int, int] | None:
        """'Haftar says fight ... continues', 'Haftar tells Macron no ceasefire for now': a title line
        (no closing full stop) with a present-tense cue; the rest of the line is the content."""
        if cue.tag_ != "VBZ":
            return None
        sent = self.sentence(cue.i)
        a, b = sent.start_char, sent.end_char  # the line, stripped, read only if it is short
        while a < b and self.text[a].isspace():
            a += 1
        while b > a and self.text[b - 1].isspace():
            b -= 1
        line = self.text[a:b] if b - a <= 160 else ""
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
            last = self.doc[last.i - 1]
        span = self._trim(self.doc[start].idx, last.idx + len(last))
        if span is None or _words(self.text[span[0]:span[1]]) < 3:
            return None
        return span

    def _content(self, complement: Token, cue: Token) -> tuple[int, int] | None:
        """The complement's characters, without a leading 'that' and edge punctuation.

        Read off the subtree's edges (a parse is projective: its subtree is the stretch between them)
        and the sorted indexes of participles and "according to", so that a chain of nested
        complements ("A said: B said: ...") costs linear time, not the sum of their lengths."""
        doc = self.doc
        limit = len(doc)
        for conj in complement.children:
            # "warned X was Y and called for Z": the second cue is the speaker's act, not content
            if conj.dep_ == "conj" and conj.i > complement.i and self._speaker_act(conj):
                ccs = [c.i for c in complement.children if c.dep_ == "cc" and c.i < conj.i]
                limit = min(limit, max(ccs) if ccs else conj.left_edge.i)
        lo, hi = complement.left_edge.i, complement.right_edge.i
        # "Y was Z, while acknowledging that W": the participle is the speaker's act, not content
        for i in self._indices_in(self.participles, complement.i + 1, hi):
            limit = min(limit, doc[i].left_edge.i - 1)
        hi = min(hi, limit - 1)
        for i in self._indices_in(self.according_at, lo, hi)[:1]:
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
        k = bisect.bisect_right(self.quote_ends, end)
        while k < len(self.quote_ends) and self.quote_ends[k] <= end + 3:
            q = self.quotes_by_end[k]
            if start <= q.open_at < end < q.outer_end:
                end = q.outer_end  # the clause ends inside a quoted fragment: “simply gone.”
                break
            k += 1
        if start < cue.idx < end:
            # the cue sits inside its complement's span ("X is, he said, Y"): keep the side after it
            start = cue.idx + len(cue)
        return self._trim(start, end)

    @staticmethod
    def _indices_in(indices: list[int], lo: int, hi: int) -> list[int]:
        """The members of a sorted list of token indices that lie in [lo, hi]."""
        return indices[bisect.bisect_left(indices, lo):bisect.bisect_right(indices, hi)]

    def _speaker_act(self, verb: Token) -> bool:
        """A verb with no subject of its own that is itself a cue: the speaker's next act."""
        lemma = verb.lemma_.lower()
        return (verb.pos_ == "VERB" and (lemma in REPORTING_VERBS or lemma in PHRASAL_CUES)
                and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children))

    def _trim(self, start: int, end: int) -> tuple[int, int] | None:
        text = self.text
        while start < end and text[start] in EDGE_PUNCT:
            start += 1
        while end > start and text[end - 1] in EDGE_PUNCT + ".":
            end -= 1
        # keep a closing quotation mark only when its opener is inside
        if start >= end or not _two_words(text, start, end):
            return None
        return start, end

    def _add_reported(self, span: tuple[int, int], cue: Token, rule: str, confidence: float) -> None:
        start, end = span
        first = bisect.bisect_left(self.quote_opens, start - 1)
        opening = self.quoted[first:bisect.bisect_right(self.quote_opens, end + 1)]
        inside = [q for q in opening if q.outer_end <= end + 1]
        last_before = bisect.bisect_right(self.quote_opens, start) - 1
        if last_before >= 0 and self.reach[last_before] >= end - 1:
            return  # the complement lies inside a direct quote: that quote's business
        kind = "indirect"
        if inside:
            quoted_words = sum(_words(self.text[q.start:q.end]) for q in inside)
            kind = "mixed" if _words(self.text[start:end]) - quoted_words >= 2 else "direct"
            for q in inside:
                self._absorb(q)
            if kind == "direct":
                start, end = inside[0].start, inside[-1].end
        speaker, how = self.speaker_of(cue)
        self.used_cues.add(cue.i)
        cand = Candidate(
            kind, [(start, end)], self.cue_span(cue), speaker, rule,
            round(confidence * (1.0 if speaker else 0.7), 2),
            [f"{kind}: {rule} of '{cue.text}'; speaker: {how}"], cue_token=cue.i,
        )
        self._add_intermediaries(cand, cue)
        self.candidates.append(cand)
        if kind == "mixed":
            self._colon_quotes(cand, inside, cue)

    def _add_intermediaries(self, cand: Candidate, cue: Token) -> None:
        for mention, role, reason in intermediaries.around_cue(cue):
            if cand.speaker is None or (mention.start, mention.end) != (cand.speaker.start, cand.speaker.end):
                cand.intermediaries.append((mention, role))
                cand.evidence.append(f"{role}: {reason}")

    def _colon_quotes(self, outer: Candidate, inside: list[QuotedSpan], cue: Token) -> None:
        """'X said the president reiterated the priorities: “...”': the quote after the colon is the
        inner verb's subject's own words, nested in the reported clause."""
        for q in inside:
            before = self.text[outer.start:q.open_at].rstrip()
            if not before.endswith(":") or not self._sentence_like(q):
                continue
            lo, hi = self.token_at(outer.start), self.token_at(q.open_at)
            verbs = [t for t in self.doc[lo:hi] if t.i != cue.i and t.pos_ == "VERB"
                     and t.lemma_.lower() in REPORTING_VERBS and not self.in_quote(t.idx)]
            if not verbs:
                continue
            verb = verbs[-1]
            speaker, how = self.speaker_of(verb)
            self.candidates.append(Candidate(
                "direct", list(q.segments), self.cue_span(verb), speaker, "colon", 0.75,
                [f"direct: after a colon, in the words of '{verb.text}'; speaker: {how}"], cue_token=verb.i,
            ))

    def _absorb(self, q: QuotedSpan) -> None:
        """A quoted fragment inside a reported clause is part of that mixed quote, not a quote of its own."""
        self.absorbed.add(q.open_at)

    def _according_to(self) -> None:
        """“CONTENT, according to X” and “According to X, CONTENT”."""
        for tok in self.doc:
            if tok.lower_ != "according" or tok.i + 1 >= len(self.doc) or self.doc[tok.i + 1].lower_ != "to":
                continue
            if self.in_quote(tok.idx):
                continue
            to = self.doc[tok.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"] or [c for c in tok.children if c.dep_ == "pobj"]
            if not objs:
                continue
            source = self._source_inside(objs[0])
            phrase = list(tok.subtree) + list(to.subtree)
            p_start = min(t.idx for t in phrase)
            p_end = max(t.idx + len(t) for t in phrase)
            clause = tok.head if tok.head is not tok else tok
            while clause.dep_ not in ("ROOT", "ccomp") and clause.head is not clause:
                clause = clause.head
            toks = list(clause.subtree)
            c_start, c_end = toks[0].idx, toks[-1].idx + len(toks[-1])
            # the content is the larger side of the clause around the "according to" phrase
            before = p_start - c_start > c_end - p_end
            span = self._trim(c_start, p_start) if before else self._trim(p_end, c_end)
            if span is None:
                continue
            mention = make_mention(source)
            sent = self.sentence(tok.i)
            if mention.kind == "outlet" and self._cue_earlier_in_sentence(self.doc[sent.end - 1]):
                # "X said ..., according to Reuters": X speaks, Reuters passed it on
                self.outlet_clauses.append(((sent.start_char, sent.end_char), mention, "according to"))
                continue
            self.candidates.append(Candidate(
                "indirect", [span], (tok.idx, to.idx + len(to)), mention, "according-to", 0.75,
                [f"indirect: 'according to'; speaker: its object '{mention.text}'"],
            ))

    @staticmethod
    def _source_inside(obj: Token) -> Token:
        """'according to a statement from Macron's office': the source is the office, not the statement."""
        if obj.pos_ == "PROPN" or obj.ent_type_ in ("PERSON", "ORG"):
            return obj
        for tok in obj.subtree:
            if tok is obj:
                continue
            if tok.dep_ == "pobj" and tok.head.lower_ in ("from", "by", "of"):
                return tok
            if tok.dep_ == "poss" and tok.head is obj:
                return tok
        return obj

    # --- all together --------------------------------------------------------------------------
    def run(self) -> list[Candidate]:
        self.indirect()  # first: a reported clause claims the quoted fragments it holds (mixed)
        self.direct()
        cands = sorted(_dedupe(self.candidates), key=lambda c: (c.start, -c.end))
        self._outlets_around(cands)
        _nest(cands)
        self.same_voice(cands)
        return cands

    def _outlets_around(self, cands: list[Candidate]) -> None:
        """'“...,” Haftar told X, reported Reuters': Reuters passed on every quote whose cue is in its clause."""
        cued = sorted((c for c in cands if c.cue is not None), key=lambda c: c.cue[0])  # type: ignore[index]
        cue_starts = [c.cue[0] for c in cued]  # type: ignore[index]
        for (start, end), outlet, verb in self.outlet_clauses:
            for cand in cued[bisect.bisect_left(cue_starts, start):bisect.bisect_left(cue_starts, end)]:
                if cand.speaker == outlet:
                    continue
                if all(m.start != outlet.start for m, _ in cand.intermediaries):
                    cand.intermediaries.append((outlet, "outlet"))
                    cand.evidence.append(f"outlet: '{verb} {outlet.text}' around the cue")


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


#: Two candidates are the same content when their overlap is more than this share of their union.
SAME_SPAN = 0.8


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """Two rules finding the same content: keep the surer one.

    Only candidates of about the same length and start can be the same (Jaccard > 0.8: lengths
    within a factor 1.25, starts within a quarter of the length), so the kept ones are filed in a
    grid of (length scale, start) cells and each candidate is compared with a few cells only."""
    out: list[Candidate] = []
    grid: dict[tuple[int, int], list[Candidate]] = {}
    for cand in sorted(cands, key=lambda c: -c.confidence):
        if any(_same_span(cand, other) for other in _near(grid, cand)):
            continue
        out.append(cand)
        scale = _scale(cand.end - cand.start)
        grid.setdefault((scale, cand.start // _cell_width(scale)), []).append(cand)
    return out


def _scale(length: int) -> int:
    return int(math.log(max(length, 1), 1 / SAME_SPAN))


def _cell_width(scale: int) -> int:
    """Cells as wide as the reach of a start at that scale: a quarter of its length."""
    return max(1, int((1 - SAME_SPAN) / SAME_SPAN * (1 / SAME_SPAN) ** scale))


def _near(grid: dict[tuple[int, int], list[Candidate]], cand: Candidate) -> Iterator[Candidate]:
    """The kept candidates that could be the same content as `cand`: neighbouring length scales and
    starts within a quarter of its length."""
    length = max(cand.end - cand.start, 1)
    reach = length * (1 - SAME_SPAN) / SAME_SPAN + 1
    scale = _scale(length)
    for other_scale in (scale - 1, scale, scale + 1):
        width = _cell_width(other_scale)
        for cell in range(int((cand.start - reach) // width), int((cand.start + reach) // width) + 1):
            yield from grid.get((other_scale, cell), ())


def _same_span(a: Candidate, b: Candidate) -> bool:
    inter = max(0, min(a.end, b.end) - max(a.start, b.start))
    union = max(a.end, b.end) - min(a.start, b.start)
    return union > 0 and inter / union > SAME_SPAN


def _nest(cands: list[Candidate]) -> None:
    """Set each candidate's parent to the smallest other candidate whose content holds it.

    A sweep in reading order keeps only the candidates still open where the current one starts;
    after _dedupe few overlap any one point, so this is not a comparison of every pair."""
    order = sorted(range(len(cands)), key=lambda i: (cands[i].start, -cands[i].end))
    active: list[int] = []
    for i in order:
        cand = cands[i]
        active = [j for j in active if cands[j].end >= cand.start]
        best: int | None = None
        for j in active:
            other = cands[j]
            if not (other.start <= cand.start and cand.end <= other.end):
                continue
            if other.end - other.start <= cand.end - cand.start:
                continue
            if best is None or (other.end - other.start) < (cands[best].end - cands[best].start):
                best = j
        cand.parent = best
        active.append(i)


def find_candidates(doc: Doc) -> list[Candidate]:
    """All quotes of a parsed Doc, in reading order, with parents as indices into the list."""
    return _Finder(doc).run()
