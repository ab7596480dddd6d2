"""Opening an article of a corpus, without Qt: what the folder holds for it, as plain data."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from quoteapp.corpus.locations import annotation_path_for, backup_path_for
from quoteapp.corpus.opening import CHANGED, FRESH, RECOVERED, SAVED, UNREADABLE, carry_over, open_article
from quoteapp.corpus.recovery import write_recovery
from quoteapp.formats.attribution import read_annotation, write_annotation
from quoteapp.model import Quote, Span

TEXT = "The harbour master said the pier would reopen in May.\n"


@pytest.fixture
def article(tmp_path: Path) -> Path:
    path = tmp_path / "pier.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


def save_one_quote(article: Path) -> Path:
    found = open_article(article)
    annotation = found.fresh()
    start = TEXT.index("the pier")
    annotation.quotes.append(Quote("Q1", "indirect", [Span.of(TEXT, start, TEXT.index(" in May"))], status="accepted"))
    write_annotation(annotation, annotation_path_for(article))
    return annotation_path_for(article)


def test_an_article_never_annotated_is_fresh(article: Path) -> None:
    found = open_article(article)
    assert found.state == FRESH and found.saved is None
    assert found.fresh().document.text == TEXT and found.fresh().document.path == "pier.txt"


def test_a_saved_annotation_is_found_and_read(article: Path) -> None:
    save_one_quote(article)
    found = open_article(article)
    assert found.state == SAVED and found.saved.quotes[0].status == "accepted"


def test_an_article_that_changed_is_carried_over_with_a_backup(article: Path) -> None:
    saved = save_one_quote(article)
    article.write_text("Updated. " + TEXT.replace("pier", "old pier"), encoding="utf-8")
    found = open_article(article)
    assert found.state == CHANGED
    carried = carry_over(found)
    assert carried.backup == backup_path_for(saved) and read_annotation(carried.backup).document.text == TEXT
    assert carried.changed == ["Q1"], "its words changed"
    assert carried.annotation.document.text.startswith("Updated. ")


def test_an_unreadable_annotation_is_reported_not_raised(article: Path) -> None:
    annotation_path_for(article).write_text("{truncated", encoding="utf-8")
    found = open_article(article)
    assert found.state == UNREADABLE and "pier.quotes.json" in found.saved_problem


def test_newer_unsaved_work_is_offered_first(article: Path) -> None:
    saved = save_one_quote(article)
    copy = write_recovery(read_annotation(saved), saved)
    later = time.time() + 60
    os.utime(copy, (later, later))
    found = open_article(article)
    assert found.state == RECOVERED and found.recovery == copy
    found.recovery = None  # declined: the saved annotation comes next
    assert found.state == SAVED


def test_articles_with_the_same_stem_keep_their_own_annotation_files(tmp_path: Path) -> None:
    """`story.txt` and `story.md` in one folder: one article never opens (or overwrites) the other's work."""
    from quoteapp.corpus.locations import annotation_path_for

    alone = tmp_path / "alone.txt"
    alone.write_text(TEXT, encoding="utf-8")
    assert annotation_path_for(alone).name == "alone.quotes.json"
    txt, md = tmp_path / "story.txt", tmp_path / "story.md"
    txt.write_text(TEXT, encoding="utf-8")
    md.write_text("# Another story\n\n" + TEXT, encoding="utf-8")
    assert annotation_path_for(txt).name == "story.txt.quotes.json"
    assert annotation_path_for(md).name == "story.md.quotes.json"
    save_one_quote(txt)
    assert open_article(md).state == FRESH, "the .md article does not take the .txt article's annotation"
