"""The registry file: `quoteapp-registry.json` in the corpus folder (schema `quoteapp/registry`, v1).

    {"schema": "quoteapp/registry", "version": 1,
     "identities": [{"id": "I1", "name": "Khalifa Haftar", "kind": "person", "aliases": ["Hifter"],
                     "speaks_for": null, "confirmed": true,
                     "members": [{"article": "001_6fc9...", "entity": "E5", "name": "Khalifa Haftar"}]}],
     "separate": [["Anna Berg", "Anna Borg"]]}
"""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path
from typing import Any

from quoteapp.formats.attribution import atomic_write_text
from quoteapp.formats.errors import FormatError
from quoteapp.model.registry import Identity, Member, Registry

REGISTRY_NAME = "quoteapp-registry.json"
SCHEMA = "quoteapp/registry"
VERSION = 1


def registry_path(folder: Path) -> Path:
    return folder / REGISTRY_NAME


def write_registry(registry: Registry, path: Path) -> None:
    data = {"schema": SCHEMA, "version": VERSION,
            "identities": [asdict(i) for i in registry.identities],
            "separate": [list(pair) for pair in registry.separate]}
    atomic_write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")


def read_registry(path: Path) -> Registry:
    """The registry in `path`; an empty one when there is no file yet."""
    if not path.exists():
        return Registry()
    try:
        data: Any = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise FormatError(f"{path}: not a readable registry file ({err})") from err
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise FormatError(f"{path}: not a quoteapp registry file (schema {data.get('schema')!r})"
                          if isinstance(data, dict) else f"{path}: not a quoteapp registry file")
    if data.get("version") != VERSION:
        raise FormatError(f"{path}: registry version {data.get('version')!r} is not one this quoteapp reads")
    try:
        identities = [
            Identity(id=i["id"], name=i["name"], kind=i["kind"], aliases=list(i.get("aliases", [])),
                     members=[Member(m["article"], m["entity"], m["name"]) for m in i.get("members", [])],
                     speaks_for=i.get("speaks_for"), confirmed=bool(i.get("confirmed", False)))
            for i in data.get("identities", [])
        ]
        separate = [(a, b) for a, b in data.get("separate", [])]
    except (KeyError, TypeError, ValueError) as err:
        raise FormatError(f"{path}: a registry entry lacks a field or has the wrong type ({err})") from err
    return Registry(identities, separate)
