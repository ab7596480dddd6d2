"""What this installation is (`quoteapp --info`, the editor's error report): the versions and paths a
bug report needs, found from package metadata, without loading a pipeline or Qt."""

from __future__ import annotations

import importlib.metadata
import importlib.util
import json
import platform
import sys
from pathlib import Path

import platformdirs

from quoteapp import APP_NAME, __version__
from quoteapp.corpus.user_folders import data_dir, log_file, recovery_dir, state_dir
from quoteapp.nlp.pipeline_names import pipeline_candidates


def info_lines(model: str | None = None) -> list[str]:
    """One `key: value` line each, in the order a reader of a bug report looks for them."""
    return [
        f"quoteapp: {__version__} ({Path(__file__).resolve().parent.parent})",
        f"python: {platform.python_implementation()} {platform.python_version()} ({sys.executable})",
        f"platform: {platform.platform()}",
        f"spacy: {_version('spacy')}",
        f"pipeline: {_pipeline(model)}",
        f"qt: {_qt()}",
        f"data folder: {data_dir()}",
        f"state folder: {state_dir()}",
        f"recovery folder: {recovery_dir()}",
        f"log file: {log_file()}",
        f"settings folder: {platformdirs.user_config_dir(APP_NAME)}",
    ]


def _version(distribution: str) -> str:
    try:
        return importlib.metadata.version(distribution)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def _pipeline(model: str | None) -> str:
    """The first of the pipelines `--model` (or the default) stands for that is installed, with its path."""
    for name in pipeline_candidates(model):
        found = _pipeline_path(name)
        if found is not None:
            return f"{name} {_pipeline_version(found)} ({found})"
    return f"none of {', '.join(pipeline_candidates(model))} is installed"


def _pipeline_path(name: str) -> Path | None:
    as_path = Path(name).expanduser()
    if as_path.is_dir():
        return as_path.resolve()
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def _pipeline_version(folder: Path) -> str:
    """The version in the pipeline's meta.json (a package keeps it in its versioned subfolder)."""
    for meta in [folder / "meta.json", *sorted(folder.glob("*/meta.json"))]:
        try:
            return str(json.loads(meta.read_text(encoding="utf-8")).get("version", "?"))
        except (OSError, ValueError):
            continue
    return "?"


def _qt() -> str:
    """PySide6's version (Qt's own is the same major.minor.patch): whichever of its packages is there."""
    for distribution in ("PySide6-Essentials", "PySide6"):
        version = _version(distribution)
        if version != "not installed":
            return f"PySide6 {version} ({distribution})"
    return "PySide6 not installed"
