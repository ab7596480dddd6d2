"""A folder's statements as the editor and `quoteapp statements` both show them: the speaker
registry applied to each article first (a spokesperson's words are those of the one spoken for,
the spokesperson an intermediary), then the quotes grouped (`model.statements`). One place, so the
Statement panel and the command never disagree."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from quoteapp.corpus.registry import apply_registry
from quoteapp.model.annotation import Annotation
from quoteapp.model.registry import Registry
from quoteapp.model.statements import Statement, group_statements


def folder_statements(
    annotations: Sequence[Annotation], registry: Registry | None, sources: Collection[str] = ()
) -> list[Statement]:
    """The statements of these articles, named by the registry (when there is one)."""
    if registry is not None:
        annotations = [apply_registry(a, registry) for a in annotations]
    return group_statements(annotations, registry, sources)
