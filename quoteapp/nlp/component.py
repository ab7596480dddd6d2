"""The spaCy component `quoteapp_quotes`: adds the extractor to any English pipeline with a parser.

Results go where explosion's components put theirs: `doc.spans["quotes"]` (one span per quote,
from its first segment to its last) with span extensions for the rest, and the full candidates in
`doc._.quote_candidates` for `quoteapp.nlp.extractor`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from quoteapp.nlp.rules import Candidate, find_candidates

COMPONENT_NAME = "quoteapp_quotes"
PARAGRAPHS_NAME = "quoteapp_paragraphs"
SPANS_KEY = "quotes"


#: A sentence longer than this many tokens is cut before the parser sees it: no news sentence is so
#: long, and the rules' work per cue grows with the length of its sentence.
MAX_SENTENCE_TOKENS = 200
#: Where a long sentence is cut: after the last of these in its final CUT_WINDOW tokens, else anywhere.
CUT_AFTER = (".", "!", "?", ";", ":", ",", "—", "–", "-")
CUT_WINDOW = 60


@Language.component(PARAGRAPHS_NAME, assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Start a sentence after every line break, before the parser runs: a headline, a caption or a
    menu line must not be parsed as one sentence with the paragraph that follows. A line longer than
    MAX_SENTENCE_TOKENS is cut into sentences too, preferably after punctuation."""
    start = 0
    for tok in doc[:-1]:
        if "\n" in tok.text:
            doc[tok.i + 1].is_sent_start = True
            start = tok.i + 1
        elif tok.i + 1 - start >= MAX_SENTENCE_TOKENS:
            start = _cut_point(doc, start, tok.i + 1)
            doc[start].is_sent_start = True
    return doc


def _cut_point(doc: Doc, start: int, end: int) -> int:
    """The token that starts a new sentence in doc[start:end], a stretch too long to be one: the one
    after the last punctuation mark near its end, else `end` itself."""
    for i in range(end - 1, max(start, end - CUT_WINDOW), -1):
        if doc[i].text in CUT_AFTER:
            return i + 1
    return end


def register_extensions() -> None:
    """Register the Doc and Span extensions once (spaCy keeps them process-wide)."""
    if not Doc.has_extension("quote_candidates"):
        Doc.set_extension("quote_candidates", default=None)
    for name in ("quote_type", "cue", "speaker", "segments", "confidence", "evidence"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)


class QuoteFinder:
    """Finds quotes, cues and speakers in a parsed Doc."""

    def __init__(self, nlp: Language, name: str, spans_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        candidates = find_candidates(doc)
        doc._.quote_candidates = candidates
        doc.spans[self.spans_key] = [s for s in (self._span(doc, c) for c in candidates) if s is not None]
        return doc

    @staticmethod
    def _span(doc: Doc, cand: Candidate) -> Span | None:
        span = doc.char_span(cand.start, cand.end, label=cand.type, alignment_mode="expand")
        if span is None:
            return None
        span._.quote_type = cand.type
        span._.segments = [doc.char_span(s, e, alignment_mode="expand") for s, e in cand.segments]
        span._.cue = doc.char_span(*cand.cue, alignment_mode="expand") if cand.cue else None
        span._.speaker = (
            doc.char_span(cand.speaker.start, cand.speaker.end, alignment_mode="expand") if cand.speaker else None
        )
        span._.confidence = cand.confidence
        span._.evidence = "; ".join(cand.evidence)
        return span


@Language.factory(
    COMPONENT_NAME,
    default_config={"spans_key": SPANS_KEY},
    requires=["token.dep", "token.pos", "token.lemma"],
    assigns=["doc.spans", "doc._.quote_candidates"],
)
def make_quote_finder(nlp: Language, name: str, spans_key: str) -> QuoteFinder:
    return QuoteFinder(nlp, name, spans_key)
