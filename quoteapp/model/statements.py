"""One statement, many versions: the quotes of a folder grouped into the statements they report, each
version with what differs from the others (issue 13).

`group_statements` is the one entry point (the CLI's `quoteapp statements` and the editor's
Statement panel call it through `corpus.folder_statements`, the registry applied): quotes are
items (`statement_items`), grouped by blocked and scored pairs (`statement_grouping`), aligned to
primary sources (`statement_sources`), and each version flagged against the others
(`statement_flags`). Plain Python: no spaCy, no Qt.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

from quoteapp.model.annotation import Annotation
from quoteapp.model.registry import Registry
from quoteapp.model.statement_flags import FLAG_KINDS, Flag, version_flags
from quoteapp.model.statement_grouping import group_items
from quoteapp.model.statement_items import Item, folder_items
from quoteapp.model.statement_sources import (
    PASSAGE,
    Alignment,
    align_all,
    is_primary_source,
    mark_primary_source,
    passages,
    source_flag,
)
from quoteapp.model.statement_words import WordDiff, word_diff

__all__ = [
    "FLAG_KINDS",
    "PASSAGE",
    "Flag",
    "Statement",
    "Version",
    "WordDiff",
    "flag_dict",
    "group_statements",
    "is_primary_source",
    "mark_primary_source",
    "statement_dict",
    "statement_of",
    "word_diff",
]


@dataclass(frozen=True)
class Version:
    """One article's version of a statement: a quote (or a passage of a primary source, whose quote id
    starts with `PASSAGE`), as it reads there, and its flags against the other versions."""

    article: str  # document id
    quote: str  # quote id
    type: str  # direct | indirect | mixed
    text: str  # the quote's words (segments joined with " … ")
    speaker: str | None  # registry identity name when a registry is given, else the entity name
    intermediaries: tuple[tuple[str, str], ...]  # (name, role), nearest the speaker first
    is_source: bool  # the article is a primary source
    flags: tuple[Flag, ...]


@dataclass(frozen=True)
class Statement:
    """The versions of one statement across a folder, in article order."""

    id: str  # "S1", "S2", ... stable for the same input
    versions: tuple[Version, ...]

    def version(self, article: str, quote: str) -> Version | None:
        return next((v for v in self.versions if v.article == article and v.quote == quote), None)


def _version(item: Item, flags: Sequence[Flag]) -> Version:
    return Version(
        item.article,
        item.quote,
        item.type,
        item.text,
        item.speaker.name if item.speaker else None,
        tuple((who.name, role) for who, role in item.chain),
        item.is_source,
        tuple(flags),
    )


def _flags(item: Item, group: Sequence[Item], alignment: Alignment | None, passage: Item | None) -> list[Flag]:
    """A quote's flags against the other quotes of its statement, and against its source passage."""
    if item.quote.startswith(PASSAGE):
        return []
    flags = version_flags(item, [o for o in group if not o.quote.startswith(PASSAGE)])
    if alignment is not None and passage is not None:
        flag = source_flag(item, alignment, passage)
        if flag is not None:
            flags.append(flag)
    return flags


def group_statements(
    annotations: Sequence[Annotation], registry: Registry | None = None, sources: Collection[str] = ()
) -> list[Statement]:
    """The statements of a folder's quotes (rejected ones left out): those with two versions or more,
    or with a version aligned to a primary source. `sources` are the document ids of the primary
    sources (besides the articles marked so in their files)."""
    sources = set(sources) | {a.document.id for a in annotations if is_primary_source(a)}
    items = folder_items(annotations, registry, sources)
    source_annotations = [a for a in annotations if a.document.id in sources]
    alignments = align_all(items, source_annotations)
    texts = {a.document.id: a.document.text for a in source_annotations}
    extra, joined, target = passages(items, alignments, texts)
    everything = [*items, *extra]
    place = {n: (item.article, item.order) for n, item in enumerate(everything)}
    groups = [sorted(g, key=place.__getitem__) for g in group_items(everything, joined) if len(g) > 1]
    groups.sort(key=lambda g: place[g[0]])
    statements = []
    for number, group in enumerate(groups, 1):
        members = [everything[n] for n in group]
        versions = []
        for n in group:
            passage = everything[target[n]] if n in target else None
            versions.append(_version(everything[n], _flags(everything[n], members, alignments.get(n), passage)))
        statements.append(Statement(f"S{number}", tuple(versions)))
    return statements


def statement_of(statements: Sequence[Statement], article: str, quote: str) -> Statement | None:
    """The statement a quote is a version of, or None when it is the only version of its words."""
    return next((s for s in statements if s.version(article, quote) is not None), None)


def flag_dict(flag: Flag) -> dict[str, object]:
    """A flag as `quoteapp statements --json` writes it."""
    return {
        "kind": flag.kind,
        "label": FLAG_KINDS[flag.kind],
        "other": {"article": flag.other[0], "quote": flag.other[1]},
        "detail": flag.detail,
        "diff": [{"op": d.op, "ours": d.ours, "theirs": d.theirs} for d in flag.diff],
    }


def statement_dict(statement: Statement) -> dict[str, object]:
    """A statement as `quoteapp statements --json` writes it (the shape issue 13 fixes)."""
    return {
        "id": statement.id,
        "versions": [
            {
                "article": v.article,
                "quote": v.quote,
                "type": v.type,
                "text": v.text,
                "speaker": v.speaker,
                "intermediaries": [{"name": name, "role": role} for name, role in v.intermediaries],
                "flags": [flag_dict(f) for f in v.flags],
            }
            for v in statement.versions
        ],
    }
