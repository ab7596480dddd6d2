"""Prodigy: JSONL tasks shaped as `rel.manual` saves them, one article a line.

Each line has `text`, `tokens` (`text`, `start`, `end`, `id`, `ws`, from `spacy.blank("en")`, so a
dataset carries no model's guesses), `spans` (`start`, `end`, `token_start`, `token_end` inclusive,
`label`) and `relations` (`head` and `child`: the last token of each span, as `rel.manual` writes
them, with `head_span`, `child_span` and `label`), `answer: "accept"` and `meta`. Labels:
`Direct quote`, `Indirect quote`, `Mixed quote` (one span per segment), `Cue`, `Mention`;
relation labels `cue`, `speaker`, `spokesperson`, `relay`, `outlet`, `continues` (segment to next
of a split quote) and `parent` (nested quote to the quote holding it). Spans cover whole tokens
(widened where a stretch ends inside one); `quoteapp` names what each span stands for, with its
exact offsets. Nested quotes and mentions inside quotes overlap. Rejected quotes are left out.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from quoteapp.formats.exports.common import (
    DEFAULT_OPTIONS,
    ExportOptions,
    ExportReport,
    Identities,
    Item,
    export_json_lines,
    warn_rejected_left_out,
)
from quoteapp.formats.exports.spans import NOT_KEPT, article_spans
from quoteapp.model import Annotation
from quoteapp.model.registry import Registry


def export_prodigy(
    items: Iterable[Item],
    out: str | os.PathLike[str],
    options: ExportOptions = DEFAULT_OPTIONS,
    registry: Registry | None = None,
) -> ExportReport:
    """Write OUT as UTF-8 JSON Lines, one Prodigy task per article (`prodigy db-in DATASET OUT`)."""
    import spacy  # here, so importing the exports (as the GUI does) does not load spaCy

    nlp = spacy.blank("en")
    report, chosen = export_json_lines(
        "prodigy", items, out, options, registry, lambda a, report, identities: task(nlp, a, report, identities)
    )
    warn_rejected_left_out(chosen, report)
    report.warn(f"prodigy: {NOT_KEPT}; quote status and confidence are in the task's `quoteapp` field only")
    return report


def task(
    nlp: Any, annotation: Annotation, report: ExportReport, identities: Identities | None = None
) -> dict[str, Any]:
    """One article as a Prodigy task; spans that cover no token (only whitespace) are left out."""
    doc = nlp.make_doc(annotation.document.text)
    spans = article_spans(annotation, report, lambda q: q.status != "rejected", identities)
    by_key: dict[str, dict[str, Any]] = {}
    notes = []
    for region in spans.regions:
        span = doc.char_span(region.start, region.end, alignment_mode="expand")
        if span is None:
            report.warn("prodigy: a stretch that covers no token (only whitespace) is left out")
            continue
        if (span.start_char, span.end_char) != (region.start, region.end):
            report.warn("prodigy: spans are widened to whole tokens; the exact offsets are in the `quoteapp` field")
        by_key[region.key] = {
            "start": span.start_char,
            "end": span.end_char,
            "token_start": span.start,
            "token_end": span.end - 1,
            "label": region.display_label,
        }
        notes.append({**region.meta, "span": len(notes), "start": region.start, "end": region.end})
    d = annotation.document
    return {
        "text": d.text,
        "tokens": [
            {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
            for t in doc
        ],
        "spans": list(by_key.values()),
        "relations": [
            {
                "head": by_key[link.head]["token_end"],
                "child": by_key[link.child]["token_end"],
                "head_span": by_key[link.head],
                "child_span": by_key[link.child],
                "label": link.label,
            }
            for link in spans.links
            if link.head in by_key and link.child in by_key
        ],
        "answer": "accept",
        "meta": {"document_id": d.id, "title": d.title or ""},
        "quoteapp": notes,
    }
