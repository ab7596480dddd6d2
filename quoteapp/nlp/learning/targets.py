"""What an editor's attribution file teaches: the quotes to find, the ones not to, and how sure we are.

An editor's decisions are the only labels: `accepted`, `corrected` and `added` quotes are what the
project counts, `rejected` ones what it does not. An untouched `auto` quote is a label only in a
reviewed article (`formats.exports.is_reviewed`: no quote left `auto`, as in a gold file, where
every quote is decided): there it is a quote the editor let stand. In a reviewed article a candidate that matches
no quote at all is a negative too (the editor saw it and did not keep it); elsewhere it is unknown.
Quotes marked `optional` (gold files) are neither: candidates matching them are left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from quoteapp.evaluation.names import Names, names_of
from quoteapp.evaluation.units import Offsets, jaccard, trim
from quoteapp.formats.exports import is_reviewed
from quoteapp.model import Annotation, Quote

#: Statuses that say "this is a quote" whatever the review state of the article.
KEEP_STATUSES = frozenset({"accepted", "corrected", "added"})
#: The scorer's overlap rule: a candidate segment is the same unit as a labelled one from this Jaccard on.
MATCH_THRESHOLD = 0.5


@dataclass(frozen=True)
class Target:
    """One labelled content segment: its trimmed span, whether to keep it, and whose it is."""

    span: Offsets
    keep: bool
    optional: bool = False
    speaker_names: Names = frozenset()
    speaker_mention: Offsets | None = None


@dataclass
class Targets:
    """The labelled segments of one article, and whether unlabelled candidates are negatives."""

    segments: list[Target] = field(default_factory=list)
    complete: bool = False
    #: False where the file marks only outermost quotes (`nested_annotated: false`): there a
    #: candidate inside a quote to find is no negative, only an attribution the file leaves out.
    nested_annotated: bool = True

    def label(self, span: Offsets) -> Target | None:
        """The labelled segment a candidate span is (best Jaccard >= the threshold), or None."""
        best, best_score = None, MATCH_THRESHOLD
        for target in self.segments:
            score = jaccard(span, target.span)
            if score >= best_score:
                best, best_score = target, score
        return best

    def holds(self, span: Offsets) -> bool:
        """Whether a quote to find holds this span, in a file that leaves nested quotes out."""
        return not self.nested_annotated and any(
            t.keep and t.span[0] <= span[0] and span[1] <= t.span[1] for t in self.segments
        )


def _is_label(quote: Quote, reviewed: bool) -> bool:
    return quote.status in KEEP_STATUSES or quote.status == "rejected" or (reviewed and quote.status == "auto")


def targets_of(annotation: Annotation) -> Targets:
    """The labels an attribution file gives, in its own text's offsets."""
    text = annotation.document.text
    reviewed = is_reviewed(annotation)
    entities = {e.id: e for e in annotation.entities}
    out = Targets(complete=reviewed, nested_annotated=annotation.document.nested_annotated)
    for quote in annotation.quotes:
        if not _is_label(quote, reviewed):
            continue
        keep = quote.status != "rejected"
        names: Names = frozenset()
        mention = None
        if quote.speaker is not None:
            entity = entities.get(quote.speaker.entity)
            span = quote.speaker.mention
            mention = (span.start, span.end) if span is not None else None
            if entity is not None:
                names = names_of(entity, text[span.start : span.end] if span is not None else None)
        optional = bool(quote.extra.get("optional"))
        for segment in quote.segments:
            start, end = trim(text, segment.start, segment.end)
            if end > start:
                out.segments.append(Target((start, end), keep, optional, names, mention))
    return out


def has_labels(annotation: Annotation) -> bool:
    """Whether an article teaches anything: a decided quote, or every quote decided."""
    return is_reviewed(annotation) or any(_is_label(q, False) for q in annotation.quotes)
