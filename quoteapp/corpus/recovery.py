"""Autosave copies of unsaved work, kept in a recovery folder until the work is saved or discarded."""

from __future__ import annotations

import hashlib
from pathlib import Path

from quoteapp.corpus.locations import registry_path
from quoteapp.corpus.user_folders import RECOVERY_ENV, recovery_dir
from quoteapp.formats.attribution import write_annotation
from quoteapp.formats.errors import FormatError
from quoteapp.formats.registry_file import read_registry, write_registry
from quoteapp.model import Annotation
from quoteapp.model.registry import Registry

__all__ = [
    "RECOVERY_ENV",
    "discard_recovery",
    "discard_registry_recovery",
    "newer_recovery",
    "newer_registry_recovery",
    "recovery_dir",
    "recovery_path",
    "write_recovery",
    "write_registry_recovery",
]


def recovery_path(save_path: Path) -> Path:
    """One recovery file per annotation path: its name plus a digest of the full path."""
    return _in_recovery(f"{save_path.name.removesuffix('.json')}-{_digest(save_path)}.json")


def _digest(path: Path) -> str:
    """Tells apart two files or folders of the same name in different places."""
    return hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:12]


def _in_recovery(name: str) -> Path:
    """A path in the recovery folder (only writing creates the folder: looking for a copy never does)."""
    return recovery_dir() / name


def _writable(target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    return target


def write_recovery(annotation: Annotation, save_path: Path) -> Path:
    target = _writable(recovery_path(save_path))
    write_annotation(annotation, target, compact=True)  # every few seconds: the fast encoder
    return target


def newer_recovery(save_path: Path) -> Path | None:
    """The recovery copy of `save_path` when it is newer than the saved file (or there is none)."""
    return _newer(recovery_path(save_path), save_path)


def _newer(copy: Path, saved: Path) -> Path | None:
    if not copy.exists():
        return None
    if saved.exists() and saved.stat().st_mtime >= copy.stat().st_mtime:
        return None
    return copy


def discard_recovery(save_path: Path) -> None:
    recovery_path(save_path).unlink(missing_ok=True)


def registry_recovery_path(folder: Path) -> Path:
    """The autosave copy of a folder's speaker registry (edits not saved yet): one per folder."""
    return _in_recovery(f"registry-{_digest(folder)}.json")


def write_registry_recovery(registry: Registry, folder: Path) -> Path:
    target = _writable(registry_recovery_path(folder))
    write_registry(registry, target)
    return target


def newer_registry_recovery(folder: Path) -> Registry | None:
    """The unsaved registry edits of an earlier session, when newer than the folder's registry file
    and readable (an unreadable copy is no work to restore: it is removed)."""
    copy = _newer(registry_recovery_path(folder), registry_path(folder))
    if copy is None:
        return None
    try:
        return read_registry(copy)
    except (FormatError, OSError):  # nothing to offer
        copy.unlink(missing_ok=True)
        return None


def discard_registry_recovery(folder: Path) -> None:
    registry_recovery_path(folder).unlink(missing_ok=True)
