"""formats.folder: the one way every command reads a folder of attribution files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quoteapp.corpus.folder import read_annotation_folder
from quoteapp.corpus.locations import is_annotation_name
from quoteapp.formats.attribution import write_annotation
from quoteapp.model import Annotation, Document

TEXT = "The ferry runs late, the skipper said."


def small(doc_id: str) -> Annotation:
    return Annotation(Document(doc_id, TEXT))


@pytest.mark.parametrize(("name", "expected"), [
    ("story.json", True), ("story.quotes.json", True), ("quoteapp-registry.json", False),
    ("story.quotes.before-change.json", False), (".story.json", False), ("story.txt", False),
    (".story.json.0a1b2c3d.tmp", False),
])
def test_which_files_are_annotations(name: str, expected: bool) -> None:
    assert is_annotation_name(name) is expected


def test_bad_files_are_problems_and_the_rest_is_read(tmp_path: Path) -> None:
    write_annotation(small("a"), tmp_path / "a.quotes.json")
    write_annotation(small("b"), tmp_path / "b.json")
    (tmp_path / "broken.json").write_text("{", encoding="utf-8")
    (tmp_path / "quoteapp-registry.json").write_text("not even JSON", encoding="utf-8")
    write_annotation(small("a"), tmp_path / "a.quotes.before-change.json")
    (tmp_path / "folder.json").mkdir()

    read = read_annotation_folder(tmp_path)

    assert [(p.name, a.document.id) for p, a in read.annotations] == [("a.quotes.json", "a"), ("b.json", "b")]
    assert [p.name for p, _ in read.problems] == ["broken.json"]
    assert "truncated" in read.problems[0][1] and not read.problems[0][1].startswith(str(tmp_path))
    assert sorted(p.name for p in read.skipped) == ["a.quotes.before-change.json", "quoteapp-registry.json"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_a_fifo_named_json_is_not_waited_on(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.json")
    write_annotation(small("b"), tmp_path / "b.json")
    read = read_annotation_folder(tmp_path)
    assert [p.name for p, _ in read.annotations] == ["b.json"] and read.problems == []
