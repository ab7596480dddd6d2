"""The registry file: `quoteapp-registry.json` in the corpus folder (schema `quoteapp/registry`, v1).

    {"schema": "quoteapp/registry", "version": 1,
     "identities": [{"id": "I1", "name": "Khalifa Haftar", "kind": "person", "aliases": ["Hifter"],
                     "speaks_for": null, "confirmed": true,
                     "members": [{"article": "001_6fc9...", "entity": "E5", "name": "Khalifa Haftar"}]}],
     "separate": [["Anna Berg", "Anna Borg"]], "dismissed": [["I4", "I9"]], "last_id": 9}

`dismissed` holds the suggested merges the editor dismissed (kept id, merged id); `last_id` the highest
identity number ever given, so that an id is never given twice (both optional: older files lack them).

Read as strictly as the attribution file: UTF-8, JSON that could be written back, the shipped
schema `resources/schema/registry-v1.schema.json` (types, required fields: `"aliases": "Beck"` or
`"confirmed": "false"` is refused, never turned into something else), one FormatError naming the
field. An unreadable registry is not overwritten silently: `set_aside` keeps it as `<name>.bad`
(`open_registry` does both), so the editor can build a new one and tell the user where the old one is.
"""

from __future__ import annotations

import contextlib
import functools
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs

from quoteapp.formats.atomic import atomic_write_text, set_aside
from quoteapp.formats.errors import FormatError
from quoteapp.formats.json_checks import (
    _json_type,
    _short,
    check_schema,
    decode_utf8,
    parse_json,
    read_regular_file,
    schema_text,
)
from quoteapp.model.registry import Identity, Member, Registry

SCHEMA = "quoteapp/registry"
VERSION = 1
SCHEMA_FILE = "registry-v1.schema.json"


def registry_schema() -> dict[str, Any]:
    """The registry's JSON schema (draft 2020-12); a fresh copy."""
    return json.loads(schema_text(SCHEMA_FILE))


@functools.cache
def _validators() -> tuple[jsonschema_rs.Draft202012Validator, jsonschema.protocols.Validator]:
    full = registry_schema()
    return jsonschema_rs.Draft202012Validator(full), jsonschema.Draft202012Validator(full)


def write_registry(registry: Registry, path: Path) -> None:
    data = {
        "schema": SCHEMA,
        "version": VERSION,
        "identities": [asdict(i) for i in registry.identities],
        "separate": [list(pair) for pair in registry.separate],
        "dismissed": [list(pair) for pair in registry.dismissed],
        "last_id": registry.last_id,
    }
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def read_registry(path: Path) -> Registry:
    """The registry in `path` (empty when there is no file yet); any problem is one FormatError naming a field."""
    source = os.fspath(path)
    try:
        raw = read_regular_file(source)
    except FileNotFoundError:
        return Registry()
    except OSError as err:
        raise FormatError(f"{source}: cannot read the registry file: {err.strerror or err}") from err
    text = decode_utf8(raw, source)
    if not text.strip():
        raise FormatError(f"{source}: the registry file is empty")
    data = parse_json(text, source)
    _check_identity(data, source)
    check_schema(data, source, *_validators())
    return _build(data)


def _check_identity(data: Any, source: str) -> None:
    """Foreign JSON and unknown versions are refused before the schema is looked at."""
    if not isinstance(data, dict):
        raise FormatError(f"{source}: not a quoteapp registry file (expected a JSON object, found {_json_type(data)})")
    if data.get("schema") != SCHEMA:
        raise FormatError(f"{source}: not a quoteapp registry file (schema {_short(data.get('schema'))})")
    version = data.get("version")
    if type(version) is not int or version != VERSION:  # 1.0 and true are not the version 1
        raise FormatError(f"{source}: registry version {_short(version)} is not one this quoteapp reads ({VERSION})")


def _build(data: dict[str, Any]) -> Registry:
    """The model of checked data (the schema has made every access below safe)."""
    identities = [
        Identity(
            id=i["id"],
            name=i["name"],
            kind=i["kind"],
            aliases=list(i.get("aliases", [])),
            members=[Member(m["article"], m["entity"], m["name"]) for m in i.get("members", [])],
            speaks_for=i.get("speaks_for"),
            confirmed=i.get("confirmed", False),
        )
        for i in data.get("identities", [])
    ]
    separate = [(a, b) for a, b in data.get("separate", [])]
    dismissed = [(a, b) for a, b in data.get("dismissed", [])]
    return Registry(identities, separate, dismissed, data.get("last_id", 0))


@dataclass(frozen=True)
class RegistryOpened:
    """What `open_registry` found: the registry (empty when the file was unreadable), and if it was,
    why (`problem`) and where the file was kept (`set_aside_as`, None when it could not be moved)."""

    registry: Registry
    problem: str | None = None
    set_aside_as: Path | None = None


def open_registry(path: Path) -> RegistryOpened:
    """The folder's registry; an unreadable file is set aside as `<name>.bad` and an empty registry returned.

    Never raises: the caller shows `problem` (and `set_aside_as`) to the user and goes on with a new registry.
    """
    try:
        return RegistryOpened(read_registry(path))
    except FormatError as err:
        moved = None
        with contextlib.suppress(OSError):
            moved = set_aside(path)
        return RegistryOpened(Registry(), str(err), moved)
