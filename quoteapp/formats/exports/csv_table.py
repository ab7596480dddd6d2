"""CSV: one row per quote, for spreadsheets and pandas; flat, so it drops what does not fit a cell.

The file is UTF-8 without a byte-order mark (clean column names for csv/pandas readers; in Excel
use Data > From Text/CSV and choose UTF-8), comma-separated, fields quoted where needed by the
`csv` module, so quote texts with commas, quotation marks and line breaks survive. Cell values are
written as they are (no formula escaping): this is a dataset, not a report to open blindly.
"""

from __future__ import annotations

import csv
import os
from collections.abc import Iterable

from quoteapp.formats.exports.common import (
    DEFAULT_OPTIONS,
    ExportOptions,
    ExportReport,
    Item,
    intermediaries_text,
    prepare_file,
    select,
    speaker_name,
)
from quoteapp.model import Annotation, Quote
from quoteapp.model.queries import SEGMENT_GAP, quote_text

COLUMNS = (
    "article",
    "quote_id",
    "text",
    "type",
    "speaker",
    "speaker_kind",
    "intermediaries",
    "cue",
    "status",
    "confidence",
    "parent",
    "start",
    "end",
)


def export_csv(
    items: Iterable[Item], out: str | os.PathLike[str], options: ExportOptions = DEFAULT_OPTIONS
) -> ExportReport:
    """Write OUT with the columns of COLUMNS; the report says which structure the rows flattened."""
    path = prepare_file(out)
    report = ExportReport("csv", path)
    chosen = select(items, options, report)
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        for _, annotation in chosen:
            for quote in annotation.quotes:
                writer.writerow(_row(annotation, quote))
    report.files.append(path)
    _warn_losses(chosen, report)
    return report


def _row(annotation: Annotation, quote: Quote) -> dict[str, object]:
    name, kind = speaker_name(annotation, quote)
    return {
        "article": annotation.document.id,
        "quote_id": quote.id,
        "text": quote_text(quote),
        "type": quote.type,
        "speaker": name,
        "speaker_kind": kind,
        "intermediaries": intermediaries_text(annotation, quote),
        "cue": quote.cue.text if quote.cue else "",
        "status": quote.status,
        "confidence": "" if quote.confidence is None else quote.confidence,
        "parent": quote.parent or "",
        "start": quote.start,
        "end": quote.end,
    }


def _warn_losses(chosen: list[Item], report: ExportReport) -> None:
    """Name only the losses this data actually has, so a user knows what to look for elsewhere."""
    quotes = [(a, q) for _, a in chosen for q in a.quotes]
    if any(len(q.segments) > 1 for _, q in quotes):
        report.warn(
            f"csv: split quotes are one text cell (segments joined with '{SEGMENT_GAP.strip()}'); "
            "only the first start and last end offsets are kept"
        )
    if any(q.parent for _, q in quotes):
        report.warn("csv: nesting is flattened to the direct parent's id; parent chains must be rebuilt from it")
    if any(q.speaker and q.speaker.mention or any(v.mention for v in q.intermediaries) for _, q in quotes):
        report.warn(
            "csv: speaker and intermediary mentions (the words naming them at each quote) are dropped; "
            "only canonical names are kept"
        )
    if any(e.mentions or e.aliases for _, a in chosen for e in a.entities):
        report.warn("csv: entity ids, aliases and mentions are dropped; speakers are identified by name only")
    if any(q.evidence for _, q in quotes):
        report.warn("csv: the extractor's evidence is dropped")
    if quotes:
        report.warn("csv: document texts are not included; use jsonl or docbin for the full articles")
