"""CSV: one row per quote, for spreadsheets and pandas; flat, so it drops what does not fit a cell.

The speaker and each intermediary carry their corpus registry identity (`speaker_identity`, its
name in `speaker_identity_name`; `intermediary_identities` and `intermediary_identity_names` list
one entry per intermediary, "; " between them, in the order of `intermediaries`, an entry empty
where that intermediary has none), so the same person in two articles is one id in the table.

The file is UTF-8 without a byte-order mark (clean column names for csv/pandas readers; in Excel
use Data > From Text/CSV and choose UTF-8), comma-separated, fields quoted where needed by the
`csv` module, so quote texts with commas, quotation marks and line breaks survive. Cell values are
written as they are (no formula escaping): this is a dataset, not a report to open blindly.
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable

from quoteapp.formats.exports.common import (
    DEFAULT_OPTIONS,
    ExportOptions,
    ExportReport,
    Identities,
    IdentityRef,
    Item,
    intermediaries_text,
    prepare_file,
    select,
    speaker_name,
    warn_unknown_fields,
    write_file,
)
from quoteapp.model import Annotation, Quote
from quoteapp.model.queries import SEGMENT_GAP, quote_text
from quoteapp.model.registry import Registry

COLUMNS = (
    "article",
    "quote_id",
    "text",
    "type",
    "speaker",
    "speaker_kind",
    "speaker_identity",
    "speaker_identity_name",
    "intermediaries",
    "intermediary_identities",
    "intermediary_identity_names",
    "cue",
    "status",
    "confidence",
    "parent",
    "start",
    "end",
)


#: what stands between the entries of a list column (the intermediaries and their identities)
LIST_GAP = "; "


def export_csv(
    items: Iterable[Item],
    out: str | os.PathLike[str],
    options: ExportOptions = DEFAULT_OPTIONS,
    registry: Registry | None = None,
) -> ExportReport:
    """Write OUT with the columns of COLUMNS, the speakers and intermediaries with their identity in
    `registry` (empty where it has none); the report says which structure the rows flattened."""
    path = prepare_file(out)
    report = ExportReport("csv", path)
    chosen = select(items, options, report)
    identities = Identities(registry)
    buffer = io.StringIO(newline="")
    writer = csv.DictWriter(buffer, fieldnames=COLUMNS)
    writer.writeheader()
    for _, annotation in chosen:
        for quote in annotation.quotes:
            writer.writerow(_row(annotation, quote, identities))
    write_file(path, buffer.getvalue())
    report.files.append(path)
    _warn_losses(chosen, report)
    identities.warn_outside(chosen, report)
    warn_unknown_fields(chosen, report)
    return report


def _ids(refs: list[IdentityRef | None]) -> str:
    """One entry per intermediary, empty where it has no identity, so the lists line up."""
    return LIST_GAP.join(ref.id if ref else "" for ref in refs) if any(refs) else ""


def _names(refs: list[IdentityRef | None]) -> str:
    return LIST_GAP.join(ref.name if ref else "" for ref in refs) if any(refs) else ""


def _row(annotation: Annotation, quote: Quote, identities: Identities) -> dict[str, object]:
    name, kind = speaker_name(annotation, quote)
    speaker = identities.speaker(annotation, quote)
    chain = identities.intermediaries(annotation, quote)
    return {
        "article": annotation.document.id,
        "quote_id": quote.id,
        "text": quote_text(quote),
        "type": quote.type,
        "speaker": name,
        "speaker_kind": kind,
        "speaker_identity": speaker.id if speaker else "",
        "speaker_identity_name": speaker.name if speaker else "",
        "intermediaries": intermediaries_text(annotation, quote),
        "intermediary_identities": _ids(chain),
        "intermediary_identity_names": _names(chain),
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
        report.warn(
            "csv: entity ids, aliases and mentions are dropped; speakers and intermediaries are identified "
            "by name and by their identity in the folder's registry"
        )
    if any(q.evidence for _, q in quotes):
        report.warn("csv: the extractor's evidence is dropped")
    if quotes:
        report.warn("csv: document texts are not included; use jsonl or docbin for the full articles")
