"""Dataset exports of reviewed articles: JSONL, CSV, spaCy DocBin, brat standoff, and the tasks of
Label Studio, doccano, Prodigy and INCEpTION.

Each exporter takes a list of (path, Annotation), an output path, ExportOptions and the folder's
corpus registry (a `model.registry.Registry`, or None), writes atomically, and returns an
ExportReport whose `warnings` say what the format could not carry. Every export carries the registry
identity of each speaker and intermediary (empty for an article the registry does not list). Headless on purpose:
the CLI (`quoteapp export`) and the GUI's File > Export call the same functions. No Qt here, and
spaCy (DocBin, Prodigy) and cassis (INCEpTION) are only imported when those exports run.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable

from quoteapp.formats.exports.brat import export_brat
from quoteapp.formats.exports.common import DEFAULT_OPTIONS, ExportOptions, ExportReport, Item, is_reviewed
from quoteapp.formats.exports.csv_table import export_csv
from quoteapp.formats.exports.docbin import export_docbin
from quoteapp.formats.exports.doccano import export_doccano
from quoteapp.formats.exports.inception import export_inception
from quoteapp.formats.exports.jsonl import export_jsonl
from quoteapp.formats.exports.labelstudio import export_labelstudio
from quoteapp.formats.exports.prodigy import export_prodigy
from quoteapp.model.registry import Registry

Exporter = Callable[[Iterable[Item], "str | os.PathLike[str]", ExportOptions, "Registry | None"], ExportReport]

#: format name -> exporter; the order is the one menus and `--format` show
EXPORTERS: dict[str, Exporter] = {
    "jsonl": export_jsonl,
    "csv": export_csv,
    "docbin": export_docbin,
    "brat": export_brat,
    "labelstudio": export_labelstudio,
    "doccano": export_doccano,
    "prodigy": export_prodigy,
    "inception": export_inception,
}

#: format name -> the suffix of the file it writes ("" for a folder), for save dialogs and default names
SUFFIXES: dict[str, str] = {
    "jsonl": ".jsonl",
    "csv": ".csv",
    "docbin": ".spacy",
    "brat": "",
    "labelstudio": ".json",
    "doccano": ".jsonl",
    "prodigy": ".jsonl",
    "inception": "",
}


def export(
    fmt: str,
    items: Iterable[Item],
    out: str | os.PathLike[str],
    options: ExportOptions = DEFAULT_OPTIONS,
    registry: Registry | None = None,
) -> ExportReport:
    """Export with the format named `fmt` (a key of EXPORTERS), identities from `registry`."""
    try:
        exporter = EXPORTERS[fmt]
    except KeyError:
        raise ValueError(f"unknown export format {fmt!r}; known: {', '.join(EXPORTERS)}") from None
    return exporter(items, out, options, registry)


__all__ = [
    "EXPORTERS",
    "SUFFIXES",
    "ExportOptions",
    "ExportReport",
    "Item",
    "export",
    "export_brat",
    "export_csv",
    "export_docbin",
    "export_doccano",
    "export_inception",
    "export_jsonl",
    "export_labelstudio",
    "export_prodigy",
    "is_reviewed",
]
