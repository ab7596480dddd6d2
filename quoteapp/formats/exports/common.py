"""What every dataset export shares: the options, the report, choosing what to export, the corpus
registry's identity of each entity, and writing a file atomically.

Exports never change the annotations they are given: the selection works on copies. The registry
comes from the caller (the CLI reads the folder's registry file, the editor has it open): formats sit
below `corpus`, so they are given the plain `model.registry.Registry`, never read it themselves.
"""

from __future__ import annotations

import copy
import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quoteapp.formats.atomic import atomic_write_bytes
from quoteapp.model import Annotation, Quote
from quoteapp.model.registry import Registry

#: Statuses an editor has vouched for; `--accepted-only` keeps just these.
VOUCHED = ("accepted", "corrected", "added")
#: How the segments of a split quote are joined where a format has room for one text only.

Item = tuple[Path, Annotation]


@dataclass(frozen=True)
class ExportOptions:
    """What to leave out: articles an editor has not finished, quotes no editor vouched for."""

    #: only articles with no quote left in status `auto` (every proposal was looked at)
    reviewed_only: bool = False
    #: only quotes with status accepted, corrected or added
    accepted_only: bool = False


#: everything: all articles, all quotes
DEFAULT_OPTIONS = ExportOptions()


@dataclass
class ExportReport:
    """What an export wrote, what it left out on purpose, and what its format could not carry."""

    format: str
    output: Path
    articles: int = 0
    quotes: int = 0
    files: list[Path] = field(default_factory=list)
    #: articles left out by the options (not reviewed)
    skipped: list[str] = field(default_factory=list)
    #: quotes left out by the options
    dropped_quotes: int = 0
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def summary(self) -> str:
        """One line for a user: what went where."""
        text = f"{self.format}: {self.articles} article(s), {self.quotes} quote(s) written to {self.output}"
        if self.skipped:
            text += f"; {len(self.skipped)} article(s) left out (not reviewed)"
        if self.dropped_quotes:
            text += f"; {self.dropped_quotes} quote(s) left out (not accepted/corrected/added)"
        return text


@dataclass(frozen=True)
class IdentityRef:
    """The corpus registry's identity of one article's entity: its stable id and canonical name."""

    id: str
    name: str


class Identities:
    """Which registry identity each article's entity is; empty without a registry.

    An entity the registry does not list (an article added since it was built, an unnamed source, or
    no registry at all) has no identity: its columns and fields are left empty, never guessed.
    """

    def __init__(self, registry: Registry | None = None) -> None:
        self.registry = registry
        self._of = {
            (m.article, m.entity): IdentityRef(i.id, i.name)
            for i in (registry.identities if registry else [])
            for m in i.members
        }
        self._articles = {article for article, _ in self._of}

    def of(self, annotation: Annotation, entity_id: str | None) -> IdentityRef | None:
        return self._of.get((annotation.document.id, entity_id or ""))

    def speaker(self, annotation: Annotation, quote: Quote) -> IdentityRef | None:
        return self.of(annotation, quote.speaker.entity) if quote.speaker else None

    def intermediaries(self, annotation: Annotation, quote: Quote) -> list[IdentityRef | None]:
        """One per intermediary, in the chain's order (nearest to the speaker first)."""
        return [self.of(annotation, via.entity) for via in quote.intermediaries]

    def warn_outside(self, chosen: Sequence[Item], report: ExportReport) -> None:
        """Say which articles the registry does not cover, so empty identities are not read as 'nobody'."""
        outside = [a.document.id for _, a in chosen if a.document.id not in self._articles and _named(a)]
        if outside and self.registry is not None:
            report.warn(
                f"{report.format}: {len(outside)} article(s) are not in the folder's registry "
                f"({', '.join(outside[:5])}{', …' if len(outside) > 5 else ''}): their identities are empty"
            )


def _named(annotation: Annotation) -> bool:
    """An article with a speaker or intermediary to identify."""
    return any(q.speaker or q.intermediaries for q in annotation.quotes)


def warn_unknown_fields(chosen: Sequence[Item], report: ExportReport) -> None:
    """Fields another tool added to the attribution files (kept by the editor) have no place here: say so."""
    for _, a in chosen:
        parts = [a, a.document, *a.entities, *a.quotes]
        parts += [p for q in a.quotes for p in (q.speaker, *q.intermediaries) if p is not None]
        if any(part.extra for part in parts):
            report.warn(f"{report.format}: fields unknown to quoteapp in the attribution files are not carried")
            return


def write_file(path: Path, data: str | bytes) -> None:
    """Replace `path` with `data` all at once, as every file quoteapp saves (`formats.atomic`): a failed
    or killed export never leaves a half-written dataset where the last good one was."""
    atomic_write_bytes(path, data.encode("utf-8") if isinstance(data, str) else data)


def is_reviewed(annotation: Annotation) -> bool:
    """Reviewed = an editor has looked at every proposal: no quote is still `auto`."""
    return all(q.status != "auto" for q in annotation.quotes)


def select(items: Iterable[Item], options: ExportOptions, report: ExportReport) -> list[Item]:
    """The articles and quotes the options keep, as copies; counts what was left out in `report`."""
    chosen: list[Item] = []
    for path, annotation in items:
        if options.reviewed_only and not is_reviewed(annotation):
            report.skipped.append(annotation.document.id)
            continue
        if options.accepted_only:
            annotation = _only_vouched(annotation, report)
        chosen.append((path, annotation))
    report.articles = len(chosen)
    report.quotes = sum(len(a.quotes) for _, a in chosen)
    return chosen


def _only_vouched(annotation: Annotation, report: ExportReport) -> Annotation:
    """A copy keeping vouched quotes; a kept quote whose parent was dropped hangs on the nearest kept ancestor."""
    kept = [q for q in annotation.quotes if q.status in VOUCHED]
    report.dropped_quotes += len(annotation.quotes) - len(kept)
    keep_ids = {q.id for q in kept}
    parents = {q.id: q.parent for q in annotation.quotes}
    out = copy.copy(annotation)
    out.quotes = []
    for quote in kept:
        quote = copy.copy(quote)
        ancestor, seen = quote.parent, set()
        while ancestor is not None and ancestor not in keep_ids and ancestor not in seen:
            seen.add(ancestor)
            ancestor = parents.get(ancestor)
        if ancestor != quote.parent:
            report.warn("quotes whose parent was left out now point to their nearest kept ancestor (or none)")
            quote.parent = ancestor
        out.quotes.append(quote)
    return out


def speaker_name(annotation: Annotation, quote: Quote) -> tuple[str, str]:
    """The speaker's canonical name and kind, or ('', '') when the quote has none."""
    if quote.speaker is None:
        return "", ""
    entity = annotation.entity(quote.speaker.entity)
    return (entity.name, entity.kind) if entity else (quote.speaker.entity, "")


def intermediaries_text(annotation: Annotation, quote: Quote) -> str:
    """'Name (role); Name (role)', nearest to the speaker first, as the file orders them."""
    parts = []
    for via in quote.intermediaries:
        entity = annotation.entity(via.entity)
        parts.append(f"{entity.name if entity else via.entity} ({via.role})")
    return "; ".join(parts)


_UNSAFE = re.compile(r"[^\w.\-]+")


def file_stems(items: Sequence[Item]) -> list[str]:
    """One safe, distinct file name stem per article (its document id), for formats with a file each."""
    used: set[str] = set()
    stems = []
    for path, annotation in items:
        base = _UNSAFE.sub("_", annotation.document.id or path.stem).strip("._") or "article"
        stem, n = base, 1
        while stem.lower() in used:
            n += 1
            stem = f"{base}_{n}"
        used.add(stem.lower())
        stems.append(stem)
    return stems


def prepare_file(out: str | os.PathLike[str]) -> Path:
    """The output file's path, its folder created (OSError naming the path when it cannot be)."""
    path = Path(out)
    if path.is_dir():
        raise IsADirectoryError(f"{path} is a folder: this format writes one file; name a file")
    path.parent.mkdir(parents=True, exist_ok=True)
    return path


def prepare_folder(out: str | os.PathLike[str]) -> Path:
    """The output folder of a format written as several files (brat, inception), created."""
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise NotADirectoryError(f"{folder} is a file: this format writes a folder of files; name a folder")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


#: one article as one JSON object of a JSON Lines export (its report and identities at hand)
LineRenderer = Callable[[Annotation, "ExportReport", Identities], dict[str, Any]]


def export_json_lines(
    fmt: str,
    items: Iterable[Item],
    out: str | os.PathLike[str],
    options: ExportOptions,
    registry: Registry | None,
    render: LineRenderer,
) -> tuple[ExportReport, list[Item]]:
    """The one way every JSON Lines export (jsonl, doccano, prodigy) writes: the chosen articles, one
    object a line, UTF-8, atomically; says which articles the registry does not cover."""
    path = prepare_file(out)
    report = ExportReport(fmt, path)
    chosen = select(items, options, report)
    identities = Identities(registry)
    lines = [json.dumps(render(a, report, identities), ensure_ascii=False, allow_nan=False) + "\n" for _, a in chosen]
    write_file(path, "".join(lines))
    report.files.append(path)
    identities.warn_outside(chosen, report)
    return report, chosen


def warn_rejected_left_out(chosen: Sequence[Item], report: ExportReport) -> None:
    """The tools' formats hold what to find, not what was turned down: say so when it happens."""
    if any(q.status == "rejected" for _, a in chosen for q in a.quotes):
        report.warn(f"{report.format}: rejected quotes are left out")
