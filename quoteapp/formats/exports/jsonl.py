"""JSONL: one attribution object (the spec's JSON, as `to_dict` gives it) a line; carries everything.

With a registry, each entity the registry knows also carries its corpus identity, as the spec lets a
writer add its own fields, under `extensions`:
`"extensions": {"registry_identity": {"id": "I3", "name": "Anna Berg"}}`. An entity without one has
no such field. The lines still read back with `formats.attribution.from_dict` (the field is kept).
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from quoteapp.formats.attribution import to_dict
from quoteapp.formats.exports.common import (
    DEFAULT_OPTIONS,
    ExportOptions,
    ExportReport,
    Identities,
    Item,
    export_json_lines,
)
from quoteapp.model import Annotation
from quoteapp.model.registry import Registry

#: the key, under an entity's `extensions`, of its corpus registry identity
IDENTITY_KEY = "registry_identity"


def export_jsonl(
    items: Iterable[Item],
    out: str | os.PathLike[str],
    options: ExportOptions = DEFAULT_OPTIONS,
    registry: Registry | None = None,
) -> ExportReport:
    """Write OUT as UTF-8 JSON Lines; each line reads back with `formats.attribution.from_dict`."""
    report, _ = export_json_lines("jsonl", items, out, options, registry, lambda a, _, ids: _object(a, ids))
    return report


def _object(annotation: Annotation, identities: Identities) -> dict[str, Any]:
    """The attribution object, each entity with its registry identity when it has one."""
    data = to_dict(annotation)
    for entity in data["entities"]:
        ref = identities.of(annotation, entity["id"])
        extensions = entity.get("extensions", {})
        if ref is not None and isinstance(extensions, dict):  # another tool's non-object field is left as it is
            entity["extensions"] = {**extensions, IDENTITY_KEY: {"id": ref.id, "name": ref.name}}
    return data
