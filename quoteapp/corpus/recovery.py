"""Autosave copies of unsaved work, kept in a recovery folder until the work is saved or discarded."""

from __future__ import annotations

import hashlib
from pathlib import Path

from quoteapp.corpus.user_folders import RECOVERY_ENV, recovery_dir
from quoteapp.formats.attribution import write_annotation
from quoteapp.model import Annotation

__all__ = ["RECOVERY_ENV", "discard_recovery", "newer_recovery", "recovery_dir", "recovery_path", "write_recovery"]


def recovery_path(save_path: Path) -> Path:
    """One recovery file per annotation path: its name plus a digest of the full path."""
    digest = hashlib.sha1(str(save_path.resolve()).encode("utf-8")).hexdigest()[:12]
    return recovery_dir() / f"{save_path.name.removesuffix('.json')}-{digest}.json"


def write_recovery(annotation: Annotation, save_path: Path) -> Path:
    target = recovery_path(save_path)
    target.parent.mkdir(parents=True, exist_ok=True)
    write_annotation(annotation, target, compact=True)  # every few seconds: the fast encoder
    return target


def newer_recovery(save_path: Path) -> Path | None:
    """The recovery copy of `save_path` when it is newer than the saved file (or there is none)."""
    copy = recovery_path(save_path)
    if not copy.exists():
        return None
    if save_path.exists() and save_path.stat().st_mtime >= copy.stat().st_mtime:
        return None
    return copy


def discard_recovery(save_path: Path) -> None:
    recovery_path(save_path).unlink(missing_ok=True)
