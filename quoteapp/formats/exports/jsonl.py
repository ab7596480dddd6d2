"""JSONL: one attribution object (the spec's JSON, as `to_dict` gives it) a line; carries everything."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable

from quoteapp.formats.attribution import to_dict
from quoteapp.formats.exports.common import DEFAULT_OPTIONS, ExportOptions, ExportReport, Item, prepare_file, select


def export_jsonl(
    items: Iterable[Item], out: str | os.PathLike[str], options: ExportOptions = DEFAULT_OPTIONS
) -> ExportReport:
    """Write OUT as UTF-8 JSON Lines; each line reads back with `formats.attribution.from_dict`."""
    path = prepare_file(out)
    report = ExportReport("jsonl", path)
    chosen = select(items, options, report)
    lines = [json.dumps(to_dict(a), ensure_ascii=False, allow_nan=False) + "\n" for _, a in chosen]
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(lines)
    report.files.append(path)
    return report
