"""The spaCy components `quoteapp_paragraphs` and `quoteapp_quotes`: quote finding in any English
pipeline with a parser, found by spaCy through the `spacy_factories` entry points (no import needed).

    nlp = spacy.load("en_core_web_sm")
    nlp.add_pipe("quoteapp_paragraphs", before="parser")   # a sentence starts at every line break
    nlp.add_pipe("quoteapp_quotes")

The public output is plain data (ints, strings, lists, dicts: JSON-able), so `doc.to_bytes()`,
`DocBin(store_user_data=True)` and `nlp.pipe(texts, n_process=2)` carry it (DocBin's msgpack reads
its lists back as tuples: the same JSON, and `candidate_from_dict` takes either):

- `doc._.quotes`: one dict per quote, offsets in characters of `doc.text`:
  `{"type": "direct" | "indirect" | "mixed", "segments": [[start, end], ...], "cue": [start, end] | None,
  "speaker": MENTION | None, "intermediaries": [{"mention": MENTION, "role": "spokesperson" | "relay" |
  "outlet"}, ...], "parent": index into doc._.quotes | None, "rule": str, "confidence": float,
  "evidence": [str, ...]}`, where MENTION is `{"start", "end", "text", "name", "description", "head",
  "pronoun", "kind", "gender", "plural", "heads", "appositions", "principal": MENTION | None}` (what the
  text says of the source, which grouping speakers into entities uses).
- `doc._.quote_persons`: MENTION dicts of the people and organizations mentioned (the NER's, and
  names it missed that start with a known first name): what descriptions and pronouns may resolve to.
- `doc.spans["quotes"]` (the `spans_key` setting): one span per quote from its first segment to its
  last, labelled with its type, with `span._.quote_index` (into `doc._.quotes`) and
  `span._.quote_type`; `span._.segments`, `cue`, `speaker`, `confidence` and `evidence` are
  read-only views computed from `doc._.quotes` (nothing but plain data is stored).

Speaker entity ids come from grouping mentions over a whole article, which a long article parsed in
chunks only has after its last chunk: `quoteapp.nlp.resolve.build_annotation_from_output` does it
from the plain output above (the app's `Extractor` calls it over all chunks), and the component
`quoteapp_speakers` (after `quoteapp_quotes`) does it for one Doc into `doc._.attribution`.
`Candidate` and `Mention` are the rules' internal types, converted to and from plain data here.
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from quoteapp.nlp.mentions import Mention, make_mention, referent_heads
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


@Language.factory(PARAGRAPHS_NAME, assigns=["token.is_sent_start"])
def make_paragraph_boundaries(nlp: Language, name: str) -> Any:
    """The `quoteapp_paragraphs` factory: a factory, not a bare component, because spaCy's entry
    point loader calls what the entry point names with (nlp, name)."""
    return paragraph_boundaries


PlainDict = dict[str, Any]


def mention_to_dict(mention: Mention) -> PlainDict:
    """A mention as plain data: every field of `Mention`, tuples as lists, the principal nested."""
    out: PlainDict = {}
    for f in fields(Mention):
        value = getattr(mention, f.name)
        if isinstance(value, Mention):
            value = mention_to_dict(value)
        elif isinstance(value, tuple):
            value = list(value)
        out[f.name] = value
    return out


def mention_from_dict(data: PlainDict) -> Mention:
    """The `Mention` of a MENTION dict (the inverse of `mention_to_dict`); unknown keys are ignored."""
    known = {f.name for f in fields(Mention)}
    values = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in known}
    if values.get("principal") is not None:
        values["principal"] = mention_from_dict(values["principal"])
    return Mention(**values)


def _pair(value: Any) -> tuple[int, int] | None:
    return (int(value[0]), int(value[1])) if value is not None else None


def candidate_to_dict(cand: Candidate) -> PlainDict:
    """A candidate as one JSON-able quote dict of `doc._.quotes` (the shape the module docstring gives)."""
    return {
        "type": cand.type,
        "segments": [[s, e] for s, e in cand.segments],
        "cue": list(cand.cue) if cand.cue else None,
        "speaker": mention_to_dict(cand.speaker) if cand.speaker else None,
        "intermediaries": [{"mention": mention_to_dict(m), "role": role} for m, role in cand.intermediaries],
        "parent": cand.parent,
        "rule": cand.rule,
        "confidence": float(cand.confidence),
        "evidence": list(cand.evidence),
    }


def candidate_from_dict(data: PlainDict) -> Candidate:
    """The `Candidate` of a quote dict, for code that works on the rules' types (resolve.py)."""
    return Candidate(
        data["type"],
        [(int(s), int(e)) for s, e in data["segments"]],
        _pair(data.get("cue")),
        mention_from_dict(data["speaker"]) if data.get("speaker") else None,
        data.get("rule", ""),
        float(data.get("confidence", 0.0)),
        list(data.get("evidence", [])),
        data.get("parent"),
        None,
        [(mention_from_dict(i["mention"]), i["role"]) for i in data.get("intermediaries", [])],
    )


def register_extensions() -> None:
    """Register the Doc and Span extensions once (spaCy keeps them process-wide). Stored ones hold
    plain data; the rest are getters that compute a view from it and store nothing."""
    for name in ("quotes", "quote_persons"):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=None)
    if not Doc.has_extension("quote_candidates"):  # the rules' own types, for code that reads them
        Doc.set_extension("quote_candidates", getter=lambda doc: [candidate_from_dict(q) for q in doc._.quotes or []])
    for name in ("quote_index", "quote_type"):
        if not Span.has_extension(name):
            Span.set_extension(name, default=None)
    for name, getter in SPAN_VIEWS.items():
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


def _quote_of(span: Span) -> PlainDict | None:
    """The quote dict a span of doc.spans["quotes"] stands for."""
    quotes = span.doc._.quotes
    i = span._.quote_index
    return quotes[i] if quotes is not None and i is not None and 0 <= i < len(quotes) else None


def _char_span(doc: Doc, pair: Any) -> Span | None:
    return doc.char_span(pair[0], pair[1], alignment_mode="expand") if pair is not None else None


def _view(read: Any) -> Any:
    """A span getter reading one thing off the span's quote dict (None for a span of no quote)."""

    def getter(span: Span) -> Any:
        quote = _quote_of(span)
        return read(span.doc, quote) if quote is not None else None

    return getter


SPAN_VIEWS = {
    "segments": _view(lambda doc, q: [_char_span(doc, s) for s in q["segments"]]),
    "cue": _view(lambda doc, q: _char_span(doc, q["cue"])),
    "speaker": _view(
        lambda doc, q: _char_span(doc, (q["speaker"]["start"], q["speaker"]["end"])) if q["speaker"] else None
    ),
    "confidence": _view(lambda doc, q: q["confidence"]),
    "evidence": _view(lambda doc, q: "; ".join(q["evidence"])),
}


class QuoteFinder:
    """Finds quotes, cues and speakers in a parsed Doc and writes them as plain data."""

    def __init__(self, nlp: Language, name: str, spans_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        quotes = [candidate_to_dict(c) for c in find_candidates(doc)]
        doc._.quotes = quotes
        doc._.quote_persons = [mention_to_dict(make_mention(head)) for head in referent_heads(doc)]
        doc.spans[self.spans_key] = [s for s in (self._span(doc, i, q) for i, q in enumerate(quotes)) if s is not None]
        return doc

    @staticmethod
    def _span(doc: Doc, index: int, quote: PlainDict) -> Span | None:
        span = doc.char_span(
            quote["segments"][0][0], quote["segments"][-1][1], label=quote["type"], alignment_mode="expand"
        )
        if span is not None:
            span._.quote_index = index
            span._.quote_type = quote["type"]
        return span


@Language.factory(
    COMPONENT_NAME,
    default_config={"spans_key": SPANS_KEY},
    requires=["token.dep", "token.pos", "token.lemma"],
    assigns=["doc.spans", "doc._.quotes", "doc._.quote_persons"],
)
def make_quote_finder(nlp: Language, name: str, spans_key: str) -> QuoteFinder:
    """The `quoteapp_quotes` factory (entry point `spacy_factories`)."""
    return QuoteFinder(nlp, name, spans_key)


register_extensions()
