"""The spaCy component `quoteapp_learned`: a trained model re-scores the sieves' candidates.

It goes after `quoteapp_quotes` and rewrites the same public output (`doc._.quotes`,
`doc.spans["quotes"]`), so the extractor, the editor and anyone's pipeline read a trained pipeline
exactly like the default one. With a model (saved in the component's folder by `nlp.to_disk`), it
adds the proposals of `candidates.proposals`, keeps the candidates the model scores at or above its
threshold, gives each the model's probability as its confidence (the review order's "least certain
first" reads it) and says so in the evidence. Without a model it changes nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from quoteapp.evaluation.units import jaccard
from quoteapp.nlp.component import SPANS_KEY, register_extensions
from quoteapp.nlp.learning.boundaries import variants
from quoteapp.nlp.learning.candidates import proposals
from quoteapp.nlp.learning.features import DocView, overlap_features, quote_features
from quoteapp.nlp.learning.model import KeepModel
from quoteapp.nlp.learning.speakers import choose_speakers

LEARNED_NAME = "quoteapp_learned"
QuoteDict = dict[str, Any]
#: Two candidates whose segments overlap this much (Jaccard) are one unit: only the likelier is kept.
UNIT_OVERLAP = 0.5


def scored_candidates(doc: Doc, quotes: list[QuoteDict]) -> list[tuple[QuoteDict, dict[str, float]]]:
    """Every candidate a trained model judges (the sieves' and the proposals), with its features."""
    view = DocView(doc)
    every = [dict(q) for q in quotes] + proposals(doc, quotes)
    every += variants(view, every)
    sieve_spans = [(int(q["segments"][0][0]), int(q["segments"][-1][1])) for q in quotes]
    return [
        (q, quote_features(view, q) | overlap_features(q, sieve_spans, i < len(quotes))) for i, q in enumerate(every)
    ]


def _new_parent(old: int | None, quotes: list[QuoteDict], kept_at: dict[int, int]) -> int | None:
    """The nearest kept ancestor of a quote, as an index into the kept list."""
    seen: set[int] = set()
    while old is not None and old not in kept_at and old not in seen and 0 <= old < len(quotes):
        seen.add(old)
        old = quotes[old].get("parent")
    return kept_at.get(old) if old is not None else None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return min(a[1], b[1]) > max(a[0], b[0])


def same_unit(segments: list, kept: list[list], proposed: bool) -> bool:
    """Whether a candidate's segments are the same unit as a likelier kept candidate's: a segment with
    Jaccard >= 0.5, or, for a proposal or another cut (not a sieve's own candidate, whose nested
    quotes are its own), any overlap."""
    ours = [tuple(a) for a in segments]
    for b in (tuple(b) for other in kept for b in other):
        if any(jaccard(a, b) >= UNIT_OVERLAP or (proposed and _overlaps(a, b)) for a in ours):
            return True
    return False


def rerank(doc: Doc, quotes: list[QuoteDict], model: KeepModel) -> list[QuoteDict]:
    """The quotes a trained model keeps, in reading order, with its probability as their confidence."""
    judged = scored_candidates(doc, quotes)
    scored = [(model.keeps(features), i, quote) for i, (quote, features) in enumerate(judged)]
    kept: list[tuple[int, QuoteDict]] = []
    for (keep, p), i, quote in sorted(scored, key=lambda x: -x[0][1]):
        if keep and not same_unit(quote["segments"], [q["segments"] for _, q in kept], i >= len(quotes)):
            evidence = [*quote.get("evidence", []), f"kept by the trained model ({p:.2f})"]
            kept.append((i, {**quote, "confidence": round(p, 3), "evidence": evidence}))
    kept.sort(key=lambda pair: (pair[1]["segments"][0][0], pair[0]))
    kept_at = {old: new for new, (old, _) in enumerate(kept)}
    originals = [q for q, _ in judged]
    out = []
    for old, quote in kept:
        parent = quote.get("parent") if old < len(quotes) else None
        out.append({**quote, "parent": _new_parent(parent, originals, kept_at)})
    return out


def apply_model(doc: Doc, quotes: list[QuoteDict], persons: list[QuoteDict], model: KeepModel) -> list[QuoteDict]:
    """What a trained pipeline makes of the sieves' output: the kept candidates, with the speakers
    the speaker chooser picks (when the model has one)."""
    kept = rerank(doc, quotes, model)
    if model.speakers is not None:
        choose_speakers(DocView(doc), kept, persons, model.speakers)
    return kept


def quote_spans(doc: Doc, quotes: list[QuoteDict]) -> list[Span]:
    """One span per quote, first segment to last, as `quoteapp_quotes` writes them."""
    spans = []
    for index, quote in enumerate(quotes):
        span = doc.char_span(
            quote["segments"][0][0], quote["segments"][-1][1], label=quote["type"], alignment_mode="expand"
        )
        if span is not None:
            span._.quote_index = index
            span._.quote_type = quote["type"]
            spans.append(span)
    return spans


class LearnedQuotes:
    """Re-scores `doc._.quotes` with a trained keep model (none: the Doc is left as it is)."""

    def __init__(self, name: str, spans_key: str, model: KeepModel | None = None) -> None:
        self.name = name
        self.spans_key = spans_key
        self.model = model
        register_extensions()

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None or doc._.quotes is None:
            return doc
        doc._.quotes = apply_model(doc, list(doc._.quotes), list(doc._.quote_persons or []), self.model)
        doc.spans[self.spans_key] = quote_spans(doc, doc._.quotes)
        return doc

    def to_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        if self.model is not None:
            self.model.save(path)

    def from_disk(self, path: str | Path, *, exclude: tuple[str, ...] = ()) -> LearnedQuotes:
        self.model = KeepModel.load(Path(path))
        return self


@Language.factory(
    LEARNED_NAME,
    default_config={"spans_key": SPANS_KEY},
    requires=["doc._.quotes"],
    assigns=["doc.spans", "doc._.quotes"],
)
def make_learned_quotes(nlp: Language, name: str, spans_key: str) -> LearnedQuotes:
    """The `quoteapp_learned` factory (entry point `spacy_factories`, for the lead to add)."""
    return LearnedQuotes(name, spans_key)
