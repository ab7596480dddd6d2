"""A corpus folder as the editor leaves it after reviewing a few invented articles (the imagined
editor of learning_helpers, who counts "X called Y a Z" as a quote), with one article still to analyse."""

from __future__ import annotations

import shutil
from pathlib import Path

from learning_helpers import NEW_ARTICLE, NEW_VERDICT, article, reviewed

from quoteapp.formats.attribution import write_annotation
from quoteapp.gui.main_window import MainWindow
from quoteapp.nlp.extractor import Extractor

#: the article still to analyse: its name sorts after the reviewed ones (the folder opens on town-0)
NEW_NAME = "unreviewed-bridge.txt"
#: how many reviewed articles the folder has
REVIEWED = 6


def write_reviewed_folder(extractor: Extractor, folder: Path, count: int = REVIEWED) -> Path:
    """`count` reviewed articles, each saved beside its text as the editor saves it, and one new article."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        text, verdicts = article(n)
        (folder / f"town-{n}.txt").write_text(text, encoding="utf-8")
        annotation = reviewed(extractor, text, f"town-{n}", verdicts)
        annotation.document.path = f"town-{n}.txt"
        write_annotation(annotation, folder / f"town-{n}.quotes.json")
    (folder / NEW_NAME).write_text(NEW_ARTICLE, encoding="utf-8")
    return folder


def copy_folder(source: Path, target: Path) -> Path:
    """A test's own copy of a prepared folder (its pipeline and parse cache included)."""
    shutil.copytree(source, target)
    return target


def verdicts_found(window: MainWindow) -> list[str]:
    """The open article's quote contents that hold the new article's verdict."""
    assert window.document is not None
    return [s.text for q in window.document.quotes for s in q.segments if NEW_VERDICT in s.text]


def status_pipeline(window: MainWindow) -> str:
    """What the status bar's permanent label says of the pipeline."""
    return window.status_model.text()
