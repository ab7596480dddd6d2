"""`quoteapp train`: learning a project's convention from an editor's reviewed articles.

The imagined editor counts "X called Y a Z" as a quote (tests/learning_helpers.py). After training
on a handful of such articles, the trained pipeline finds a verdict of that form in an article it
has never seen, leaves out what the editor never counts, saves as a spaCy pipeline folder that
says what it was trained from, and loads and runs through `--model`.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from learning_helpers import NEW_ARTICLE, NEW_VERDICT, write_training_files

import quoteapp.nlp.learning  # noqa: F401 - registers the quoteapp_learned factory, as the entry point will
from quoteapp.cli import main
from quoteapp.formats.attribution import read_annotation
from quoteapp.nlp.extractor import Extractor
from quoteapp.nlp.learning import LEARNED_NAME


@pytest.fixture(scope="module")
def trained(extractor: Extractor, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A pipeline folder trained with `quoteapp train` on six reviewed invented articles."""
    base = tmp_path_factory.mktemp("learn")
    files = write_training_files(extractor, base / "annotations")
    out = base / "pipeline"
    assert main(["train", *map(str, files), "-o", str(out), "--cache", str(base / "cache")]) == 0
    return out


def _contents(annotation) -> list[str]:
    return [s.text for q in annotation.quotes for s in q.segments]


def test_the_default_pipeline_does_not_count_a_verdict(extractor: Extractor) -> None:
    """The starting point: the default leaves "called the estimate a fairy tale" out."""
    assert not [c for c in _contents(extractor.annotate(NEW_ARTICLE, "new")) if "fairy tale" in c]


def test_after_training_a_verdict_in_a_new_article_is_found_with_its_speaker(trained: Path) -> None:
    annotation = Extractor(str(trained)).annotate(NEW_ARTICLE, "new")
    found = [q for q in annotation.quotes if any(NEW_VERDICT in s.text for s in q.segments)]
    assert found, _contents(annotation)
    speaker = annotation.entity(found[0].speaker.entity) if found[0].speaker else None
    assert speaker is not None and "Stone" in speaker.name
    assert "trained model" in (found[0].evidence or "")


def test_after_training_what_the_editor_never_counts_stays_out_and_the_rest_stays(trained: Path) -> None:
    contents = _contents(Extractor(str(trained)).annotate(NEW_ARTICLE, "new"))
    assert not [c for c in contents if "bicycle" in c]
    assert [c for c in contents if "bridge must be safe" in c]


def test_the_pipeline_folder_says_what_it_was_trained_on_and_when(trained: Path) -> None:
    meta = json.loads((trained / "meta.json").read_text(encoding="utf-8"))
    training = meta["quoteapp_training"]
    assert training["articles"] == 6
    assert training["trained_at"].startswith("20")
    assert any("annotations" in s for s in training["sources"])
    assert LEARNED_NAME in meta["pipeline"]
    assert (trained / LEARNED_NAME / "keep_model.json").is_file()
    assert spacy.util.is_package(training["base"]), f"the base it names is the one installed: {training['base']}"


def test_extract_with_model_runs_the_trained_pipeline(trained: Path, tmp_path: Path) -> None:
    article = tmp_path / "bridge.txt"
    article.write_text(NEW_ARTICLE, encoding="utf-8")
    out = tmp_path / "out"
    assert main(["extract", str(article), "-o", str(out), "--model", str(trained), "--jobs", "1"]) == 0
    annotation = read_annotation(out / "bridge.json")
    assert [c for c in _contents(annotation) if NEW_VERDICT in c]
    assert annotation.generator and "quoteapp_trained" in annotation.generator["pipeline"]


def test_train_refuses_files_with_no_decision(extractor: Extractor, tmp_path: Path) -> None:
    """Untouched proposals of an unreviewed article teach nothing: nothing to train on is an error."""
    from quoteapp.formats.attribution import write_annotation

    annotation = extractor.annotate('"We open at nine," the manager said.\n\nMore later.', "raw")
    path = tmp_path / "raw.json"
    write_annotation(annotation, path)
    assert main(["train", str(path), "-o", str(tmp_path / "p")]) == 2
    assert not (tmp_path / "p").exists()


def test_learning_from_a_folder_keeps_the_pipeline_in_its_hidden_subfolder(
    extractor: Extractor, tmp_path: Path
) -> None:
    """What the editor's "Learn from Reviewed Articles" calls (in a worker): the folder's reviewed
    files in, `.quoteapp-pipeline` out; the registry and hidden files are not read as articles."""
    from quoteapp.nlp.learning.folder import folder_pipeline, train_folder

    write_training_files(extractor, tmp_path)
    (tmp_path / "quoteapp-registry.json").write_text("{}", encoding="utf-8")
    assert folder_pipeline(tmp_path) is None
    seen: list[tuple[int, int]] = []
    path = train_folder(tmp_path, progress=lambda done, total: seen.append((done, total)))
    assert path == folder_pipeline(tmp_path) and path.name == ".quoteapp-pipeline"
    assert seen[-1] == (6, 6)
    contents = _contents(Extractor(str(path)).annotate(NEW_ARTICLE, "new"))
    assert [c for c in contents if NEW_VERDICT in c]
