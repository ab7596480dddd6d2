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


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("story.json", True),
        ("story.quotes.json", True),
        ("quoteapp-registry.json", False),
        ("story.quotes.before-change.json", False),
        (".story.json", False),
        ("story.txt", False),
        (".story.json.0a1b2c3d.tmp", False),
    ],
)
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


def test_a_corpus_folder_reads_each_annotation_once_and_again_when_it_changed(tmp_path: Path, monkeypatch) -> None:
    from quoteapp.corpus import folder as folder_module
    from quoteapp.corpus.folder import CorpusFolder
    from quoteapp.corpus.locations import annotation_path_for

    for name in "abcde":
        (tmp_path / f"{name}.txt").write_text("x", encoding="utf-8")
    for name in "abc":
        write_annotation(small(name), annotation_path_for(tmp_path / f"{name}.txt"))
    reads: list[str] = []
    real = folder_module.read_annotation
    monkeypatch.setattr(folder_module, "read_annotation", lambda p: reads.append(Path(p).name) or real(p))
    corpus = CorpusFolder(tmp_path)
    assert [a.name for a in corpus.articles] == ["a.txt", "b.txt", "c.txt", "d.txt", "e.txt"]
    for _ in range(3):
        assert len(corpus.annotations()) == 3
        assert [corpus.state(a) for a in corpus.articles][3:] == ["not analysed", "not analysed"]
    assert sorted(reads) == ["a.quotes.json", "b.quotes.json", "c.quotes.json"], "each file read once"
    changed = small("b")
    changed.document.title = "changed"
    write_annotation(changed, annotation_path_for(tmp_path / "b.txt"))
    assert corpus.annotation(tmp_path / "b.txt").document.title == "changed"
    assert reads.count("b.quotes.json") == 2 and len(reads) == 4, "only the changed file is read again"
    annotation_path_for(tmp_path / "c.txt").write_text("{broken", encoding="utf-8")
    assert corpus.state(tmp_path / "c.txt") == "unreadable annotation"
    assert "c.quotes.json" in corpus.problem(tmp_path / "c.txt")
