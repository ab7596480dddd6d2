"""Where things live in a corpus folder: the one place that knows the file names.

- The editor saves an article's annotation beside it: `story.txt` -> `story.quotes.json`.
- `quoteapp extract` writes `<out>/<id>.json`, the id being the article's file stem.
- Before re-anchoring a changed article, the editor keeps the old annotation as
  `story.quotes.before-change.json`.
- The folder's speaker registry is `quoteapp-registry.json`.

A folder's attribution files are its regular `*.json` files, in name order, except the registry,
the `*.before-change.json` backups (older versions of other files of the folder: reading both would
count an article twice) and hidden files (neither the editor nor `extract` writes them).
"""

from __future__ import annotations

import os
from pathlib import Path

from quoteapp.formats.articles import SUPPORTED_SUFFIXES

EDITOR_SUFFIX = ".quotes.json"
ANNOTATION_SUFFIX = ".json"
BACKUP_SUFFIX = ".before-change.json"
REGISTRY_NAME = "quoteapp-registry.json"


def annotation_path_for(article: Path) -> Path:
    """Where the editor saves an article's annotation: `story.txt` -> `story.quotes.json`, beside it.

    When another article of the folder has the same stem (`story.txt` and `story.md`), each keeps
    its own file, named after its whole name (`story.txt.quotes.json`, `story.md.quotes.json`), so
    that one article never opens, or overwrites, the other's annotation."""
    others = [article.with_suffix(s) for s in SUPPORTED_SUFFIXES if s != article.suffix.lower()]
    if any(other.is_file() for other in others):
        return article.with_name(article.name + EDITOR_SUFFIX)
    return article.with_name(article.stem + EDITOR_SUFFIX)


def output_path(article: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> Path:
    """Where `quoteapp extract` writes an article's annotation: `<out_dir>/<id>.json`, id = the file's stem."""
    return Path(out_dir) / f"{Path(article).stem}{ANNOTATION_SUFFIX}"


def backup_path_for(annotation_path: Path) -> Path:
    """The copy kept of an annotation before its article's change is carried over into it."""
    return annotation_path.with_name(annotation_path.name.removesuffix(ANNOTATION_SUFFIX) + BACKUP_SUFFIX)


def registry_path(folder: Path) -> Path:
    """The folder's speaker registry file."""
    return folder / REGISTRY_NAME


def is_annotation_name(name: str) -> bool:
    """Whether a file called `name` in a corpus folder is an attribution file (see the module's rule)."""
    return (
        name.endswith(ANNOTATION_SUFFIX)
        and name != REGISTRY_NAME
        and not name.endswith(BACKUP_SUFFIX)
        and not name.startswith(".")
    )


def annotation_files(folder: str | os.PathLike[str]) -> tuple[list[Path], list[Path]]:
    """(the folder's attribution files, the `*.json` files left out by rule), each in name order.

    Only regular files count: a folder or a FIFO named `x.json` is neither read nor waited on.
    """
    files, skipped = [], []
    for path in sorted(Path(folder).glob(f"*{ANNOTATION_SUFFIX}")):
        if not path.is_file():
            continue
        (files if is_annotation_name(path.name) else skipped).append(path)
    return files, skipped


def article_files(folder: Path) -> list[Path]:
    """The articles of a folder (the files the readers take: .txt, .md, .html, ...), in name order."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES)
