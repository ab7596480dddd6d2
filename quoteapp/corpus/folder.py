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

from quoteapp.corpus.locations import annotation_files, annotation_path_for, article_files
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


@dataclass
class _Entry:
    stamp: tuple[int, int] | None  # (mtime_ns, size) of the file when read; None: no file
    annotation: Annotation | None
    problem: str | None


class CorpusFolder:
    """A folder of articles and their saved annotations, as the editor works on it: each annotation
    file is read (and fully checked) once, and again only when it changed on disk (its mtime or size).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.articles: list[Path] = article_files(path)
        self._entries: dict[Path, _Entry] = {}

    def refresh(self) -> None:
        """List the folder's articles again (files added or removed meanwhile)."""
        self.articles = article_files(self.path)

    def _entry(self, article: Path) -> _Entry:
        file = annotation_path_for(article)
        try:
            info = file.stat()
            stamp: tuple[int, int] | None = (info.st_mtime_ns, info.st_size)
        except OSError:
            stamp = None
        entry = self._entries.get(article)
        if entry is None or entry.stamp != stamp:
            entry = _Entry(stamp, None, None)
            if stamp is not None:
                try:
                    entry.annotation = read_annotation(file)
                except (FormatError, OSError) as err:
                    entry.problem = str(err)
            self._entries[article] = entry
        return entry

    def annotation(self, article: Path) -> Annotation | None:
        """The article's saved annotation; None when there is none or it cannot be read (see `problem`)."""
        return self._entry(article).annotation

    def problem(self, article: Path) -> str | None:
        """Why the article's annotation file cannot be read; None when it reads or does not exist."""
        return self._entry(article).problem

    def annotations(self) -> list[tuple[Path, Annotation]]:
        """(article, saved annotation) for every article that has a readable one."""
        return [(a, ann) for a in self.articles if (ann := self.annotation(a)) is not None]

    def state(self, article: Path) -> str:
        """'not analysed', 'unreadable annotation', 'analysed · 7 quotes, 3 to review' or 'reviewed · 7 quotes'."""
        entry = self._entry(article)
        if entry.problem is not None:
            return "unreadable annotation"
        return "not analysed" if entry.annotation is None else annotation_state(entry.annotation)


def annotation_state(annotation: Annotation) -> str:
    """'analysed · 7 quotes, 3 to review' or 'reviewed · 7 quotes' (rejected quotes left out)."""
    quotes = [q for q in annotation.quotes if q.status != "rejected"]
    to_review = sum(q.status == "auto" for q in quotes)
    if to_review:
        return f"analysed · {len(quotes)} quotes, {to_review} to review"
    return f"reviewed · {len(quotes)} quotes"
