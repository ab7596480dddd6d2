"""doccano: JSONL for a sequence-labelling project with relations, one article a line.

Each line is what doccano imports (and exports) for "Sequence Labeling" with "Use relation
labeling" on: `text`, `entities` (`id`, `label`, `start_offset`, `end_offset`, code points) and
`relations` (`id`, `from_id`, `to_id`, `type`). Labels: `Direct quote`, `Indirect quote`,
`Mixed quote` (one entity per segment), `Cue`, `Mention`; relation types `cue`, `speaker`,
`spokesperson`, `relay`, `outlet`, `continues` (segment to next of a split quote) and `parent`
(nested quote to the quote holding it). Nested quotes and mentions inside quotes overlap: turn on
"Allow overlapping entity" in the project. doccano keeps the line's other fields as the
example's metadata: `document_id`, `title`, and `quoteapp`, which names what each entity id
stands for (quote id, type, status, confidence; a mention's entity id, name and kind).
Rejected quotes are left out.
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


def export_doccano(
    items: Iterable[Item],
    out: str | os.PathLike[str],
    options: ExportOptions = DEFAULT_OPTIONS,
    registry: Registry | None = None,
) -> ExportReport:
    """Write OUT as UTF-8 JSON Lines, one doccano example per article."""
    report, chosen = export_json_lines("doccano", items, out, options, registry, example)
    warn_rejected_left_out(chosen, report)
    report.warn(f"doccano: {NOT_KEPT}; quote status and confidence are in the example's metadata only")
    return report


def example(annotation: Annotation, report: ExportReport, identities: Identities | None = None) -> dict[str, Any]:
    """One article as a doccano example; entity and relation ids count from 1 in each example."""
    spans = article_spans(annotation, report, lambda q: q.status != "rejected", identities)
    ids = {r.key: n for n, r in enumerate(spans.regions, 1)}
    d = annotation.document
    return {
        "text": d.text,
        "entities": [
            {"id": ids[r.key], "label": r.display_label, "start_offset": r.start, "end_offset": r.end}
            for r in spans.regions
        ],
        "relations": [
            {"id": n, "from_id": ids[link.head], "to_id": ids[link.child], "type": link.label}
            for n, link in enumerate(spans.links, 1)
        ],
        "document_id": d.id,
        "title": d.title or "",
        "quoteapp": {str(ids[r.key]): r.meta for r in spans.regions if r.meta},
    }
