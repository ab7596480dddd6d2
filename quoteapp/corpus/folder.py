"""Reading a folder of attribution files: the one rule every command that reads a folder follows.

`stats`, `eval`, `export` and `agree` all call `read_annotation_folder`, so they agree on which files
are annotations and what a bad one costs: it is reported and skipped, the rest is read.

Which files are annotation files: the regular files `*.json` directly in the folder (which takes in
the editor's `*.quotes.json` and `extract`'s `<id>.json`), in name order, except

- the folder's speaker registry, `quoteapp-registry.json` (its own format, read by registry_file);
- `*.before-change.json`, the editor's copy of an annotation made before its article changed
  (an older version of another file of the folder: reading both would count the article twice);
- hidden files (`.name.json`): neither the editor nor `extract` writes them.

Those are listed in `FolderRead.skipped`, not reported as problems. Qt-free, spaCy-free.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from quoteapp.corpus.locations import annotation_files
from quoteapp.formats.attribution import read_annotation
from quoteapp.formats.errors import FormatError
from quoteapp.model import Annotation


@dataclass
class FolderRead:
    """What a folder held: the annotations read, the files that failed (with why), the files left out by rule."""

    annotations: list[tuple[Path, Annotation]] = field(default_factory=list)
    problems: list[tuple[Path, str]] = field(default_factory=list)
    skipped: list[Path] = field(default_factory=list)


def read_annotation_folder(folder: str | os.PathLike[str]) -> FolderRead:
    """Read every attribution file of `folder`; a file that fails is a problem (path, message), never raised.

    The message is the FormatError's without the leading path (the caller names the file its own way).
    """
    files, skipped = annotation_files(folder)
    result = FolderRead(skipped=skipped)
    for path in files:
        try:
            result.annotations.append((path, read_annotation(path)))
        except (FormatError, OSError) as err:
            result.problems.append((path, str(err).removeprefix(f"{path}: ")))
    return result
