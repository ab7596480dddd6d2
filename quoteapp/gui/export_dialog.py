"""File > Export Dataset: the same exports as `quoteapp export`, on the open folder's annotations
(or the open article), asked for in three small dialogs: format, scope, target; the speakers and
intermediaries carry their identity in the folder's registry."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from quoteapp.corpus.registry import open_folder_registry
from quoteapp.formats.errors import FormatError
from quoteapp.gui import dialogs
from quoteapp.model.registry import Registry

if TYPE_CHECKING:
    from quoteapp.gui.main_window import MainWindow

#: the Export dialog's choices -> ExportOptions fields
EXPORT_SCOPES = {
    "every article, every quote": {},
    "reviewed articles only": {"reviewed_only": True},
    "accepted and corrected quotes only": {"accepted_only": True},
    "reviewed articles, accepted and corrected quotes": {"reviewed_only": True, "accepted_only": True},
}


def folder_registry(window: MainWindow) -> Registry | None:
    """The open folder's speaker registry as the editor sees it now (its panel's, edits included), else
    as saved in the folder; None outside a folder (a lone article is in no registry)."""
    folder = window.folders.folder
    if folder is None:
        return None
    panel = getattr(window.folders, "registry_panel", None)
    shown = getattr(panel, "registry", None)
    return shown if isinstance(shown, Registry) else open_folder_registry(folder).registry


def export_dataset(window: MainWindow) -> None:
    """The same exports as `quoteapp export`, on the folder's annotations (or the open one)."""
    from quoteapp.formats.exports import EXPORTERS, SUFFIXES, ExportOptions, export

    annotations = window.folders.annotations()
    if not annotations:
        window.statusBar().showMessage("Open an article or a folder first", 4000)
        return
    fmt = dialogs.choose(window, "Export dataset", "Format:", list(EXPORTERS))
    scope = dialogs.choose(window, "Export dataset", "Export:", list(EXPORT_SCOPES)) if fmt else None
    if not fmt or not scope:
        return
    suffix = SUFFIXES[fmt]
    base = window.folders.folder or Path(window._start_folder() or Path.cwd())
    target = dialogs.export_target(window, fmt, str(base / f"quotes-export{suffix}"))
    if target is None:
        return
    items = [(Path(a.document.path or a.document.id), a) for a in annotations]
    try:
        report = export(fmt, items, target, ExportOptions(**EXPORT_SCOPES[scope]), folder_registry(window))
    except (OSError, ValueError, FormatError) as err:
        dialogs.error(window, "Export failed", str(err))
        return
    lines = [f"{_count(report.articles, 'article')}, {_count(report.quotes, 'quote')} written to {report.output}."]
    if report.skipped:
        lines.append(f"Left out (not reviewed): {', '.join(report.skipped)}.")
    if report.dropped_quotes:
        lines.append(f"{report.dropped_quotes} quotes left out (not accepted or corrected).")
    lines += [f"Not carried by {fmt}: {w}" for w in report.warnings]
    dialogs.info(window, "Export done", "\n".join(lines))


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
