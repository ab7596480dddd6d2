"""Learning in the editor, as an editor uses it: "Learn from Reviewed Articles" trains in the background
on the folder's reviewed articles, the folder's new articles are then analysed with what was learned,
the status bar names the pipeline in use, and "Use Default Pipeline" goes back (kept for the folder).

The folder's editor counts "X called Y a Z" as a quote (learning_helpers); the default pipeline does not.
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from gui_helpers import open_analysed, select_quote_with, trigger
from learning_gui_helpers import NEW_NAME, REVIEWED, copy_folder, status_pipeline, verdicts_found, write_reviewed_folder
from learning_helpers import NEW_ARTICLE, NEW_VERDICT
from PySide6.QtCore import Qt, QTimer

from quoteapp.gui.learning_jobs import CHOICE_FILE
from quoteapp.gui.quote_model import COL_CONFIDENCE
from quoteapp.nlp.extractor import Extractor
from quoteapp.nlp.learning.folder import PIPELINE_FOLDER, train_folder

LOAD_TIMEOUT = 120000


@pytest.fixture(scope="module")
def reviewed_folder(extractor: Extractor, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_reviewed_folder(extractor, tmp_path_factory.mktemp("reviewed") / "folder")


@pytest.fixture(scope="module")
def trained_folder(reviewed_folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reviewed folder once trained (what the Learn action leaves), for the tests that start from there."""
    folder = copy_folder(reviewed_folder, tmp_path_factory.mktemp("trained") / "folder")
    train_folder(folder)
    return folder


def _open_with_learned(qtbot, window, folder: Path) -> None:
    """Open the folder and wait until its learned pipeline is loaded."""
    window.open_folder(folder)
    qtbot.waitUntil(lambda: window.learning.extractor is not None, timeout=LOAD_TIMEOUT)


def test_learn_trains_in_the_background_and_the_new_article_is_analysed_with_it(
    qtbot, window, reviewed_folder: Path, tmp_path: Path
) -> None:
    folder = copy_folder(reviewed_folder, tmp_path / "folder")
    window.open_folder(folder)
    assert status_pipeline(window).startswith("Pipeline: en_core_web_sm")
    answered = []  # events the window handled while the training ran
    ticker = QTimer(window)
    ticker.timeout.connect(lambda: window.learning.job is not None and answered.append(1))
    ticker.start(0)

    trigger(window, "learn")
    job = window.learning.job
    assert job is not None and not window.actions["learn"].isEnabled()  # one training at a time
    reported: list[tuple[int, int]] = []
    job.progress.connect(lambda done, total: reported.append((done, total)))
    qtbot.waitUntil(lambda: window.learning.job is None, timeout=LOAD_TIMEOUT)
    ticker.stop()

    assert answered, "the window handled no event while the training ran"
    assert reported and reported[-1] == (REVIEWED, REVIEWED)
    assert (folder / PIPELINE_FOLDER / "meta.json").is_file()
    qtbot.waitUntil(lambda: window.learning.extractor is not None, timeout=LOAD_TIMEOUT)
    assert status_pipeline(window) == f"Pipeline: learned from {REVIEWED} articles ({time.strftime('%Y-%m-%d')})"

    open_analysed(qtbot, window, folder / NEW_NAME)
    assert verdicts_found(window), [q.text for q in window.document.quotes]
    assert "quoteapp_trained" in window.document.annotation.generator["pipeline"]


def test_a_folder_with_a_learned_pipeline_uses_it_until_the_editor_goes_back_to_the_default(
    qtbot, window, trained_folder: Path, tmp_path: Path
) -> None:
    folder = copy_folder(trained_folder, tmp_path / "folder")
    _open_with_learned(qtbot, window, folder)
    assert status_pipeline(window).startswith("Pipeline: learned from 6 articles (")
    assert window.actions["use_default_pipeline"].isEnabled()
    assert not window.actions["use_learned_pipeline"].isEnabled()
    open_analysed(qtbot, window, folder / NEW_NAME)
    assert verdicts_found(window)
    select_quote_with(window, NEW_VERDICT)
    trigger(window, "accept")  # the editor's decision: kept whatever pipeline analyses again

    trigger(window, "use_default_pipeline")
    assert status_pipeline(window).startswith("Pipeline: en_core_web_sm")
    trigger(window, "reanalyse")
    qtbot.waitUntil(lambda: window.job is None and "trained" not in window.document.annotation.generator["pipeline"])
    kept = [q for q in window.document.quotes if any(NEW_VERDICT in s.text for s in q.segments)]
    assert [q.status for q in kept] == ["accepted"]
    assert (folder / PIPELINE_FOLDER / "meta.json").is_file()  # the learned pipeline is kept
    assert json.loads((folder / PIPELINE_FOLDER / CHOICE_FILE).read_text(encoding="utf-8")) == {"use": "default"}


def test_the_choice_of_the_default_is_kept_when_the_folder_is_opened_again(
    qtbot, window, trained_folder: Path, tmp_path: Path
) -> None:
    folder = copy_folder(trained_folder, tmp_path / "folder")
    _open_with_learned(qtbot, window, folder)
    trigger(window, "use_default_pipeline")

    window.open_folder(folder)
    assert not window.learning.in_use and status_pipeline(window).startswith("Pipeline: en_core_web_sm")
    open_analysed(qtbot, window, folder / NEW_NAME)
    assert not verdicts_found(window)

    trigger(window, "use_learned_pipeline")  # and back again
    assert window.statusBar().currentMessage().startswith("The learned pipeline is used for this folder (learned from")
    qtbot.waitUntil(lambda: window.learning.extractor is not None, timeout=LOAD_TIMEOUT)
    assert status_pipeline(window).startswith("Pipeline: learned from")
    assert not (folder / PIPELINE_FOLDER / CHOICE_FILE).exists()


def test_an_article_outside_the_folder_is_analysed_with_the_default(
    qtbot, window, trained_folder: Path, tmp_path: Path
) -> None:
    folder = copy_folder(trained_folder, tmp_path / "folder")
    _open_with_learned(qtbot, window, folder)
    elsewhere = tmp_path / "elsewhere" / "bridge.txt"
    elsewhere.parent.mkdir()
    elsewhere.write_text(NEW_ARTICLE, encoding="utf-8")
    open_analysed(qtbot, window, elsewhere)
    assert not verdicts_found(window)
    assert status_pipeline(window).startswith("Pipeline: en_core_web_sm")


def test_least_certain_first_follows_the_trained_models_scores(
    qtbot, window, trained_folder: Path, tmp_path: Path
) -> None:
    """A learned pipeline's quotes carry its model's probability as the confidence of finding them (the
    quote's confidence is its weakest step: that, or resolving its speaker): the list sorted by
    confidence puts the least certain first, and U goes to the quotes under the threshold."""
    folder = copy_folder(trained_folder, tmp_path / "folder")
    _open_with_learned(qtbot, window, folder)
    open_analysed(qtbot, window, folder / NEW_NAME)
    quotes = window.document.quotes
    assert len(quotes) >= 2
    for quote in quotes:
        found = float(re.search(r"kept by the trained model \(([0-9.]+)\)", quote.evidence).group(1))
        weakest = re.search(r"weakest step: (.+) \(([0-9.]+)\)$", quote.evidence)
        assert quote.confidence <= found + 0.005 and f"{quote.confidence:.2f}" == weakest.group(2)
        if weakest.group(1) != "speaker resolution":
            assert f"{quote.confidence:.2f}" == f"{found:.2f}"  # the model's probability is the confidence
    ordered = sorted(quotes, key=lambda q: q.confidence)
    assert ordered[0].confidence < ordered[-1].confidence

    window.quote_table.sortByColumn(COL_CONFIDENCE, Qt.SortOrder.AscendingOrder)
    assert window.quote_proxy.quote_id_at(0) == ordered[0].id
    window.quote_model.preferences.uncertain_below = (ordered[0].confidence + ordered[1].confidence) / 2
    window.quote_table.clearSelection()
    window.select_quote(ordered[-1].id)
    trigger(window, "next_uncertain")
    assert window.current_quote_id() == ordered[0].id


def test_learning_again_uses_what_was_just_learned(
    qtbot, window, extractor: Extractor, trained_folder: Path, tmp_path: Path
) -> None:
    """More articles reviewed, Learn again: the new pipeline replaces the old one in the folder and in
    the window (not the one loaded before from the same place)."""
    folder = copy_folder(trained_folder, tmp_path / "folder")
    _open_with_learned(qtbot, window, folder)
    before = window.learning.extractor
    write_reviewed_folder(extractor, folder, count=REVIEWED + 1)
    trigger(window, "learn")
    qtbot.waitUntil(lambda: window.learning.job is None, timeout=LOAD_TIMEOUT)
    qtbot.waitUntil(lambda: window.learning.extractor is not None, timeout=LOAD_TIMEOUT)
    assert window.learning.extractor is not before
    assert window.learning.extractor.nlp.meta["quoteapp_training"]["articles"] == REVIEWED + 1
    assert status_pipeline(window).startswith(f"Pipeline: learned from {REVIEWED + 1} articles (")
    assert sorted(p.name for p in folder.iterdir() if p.name.startswith(PIPELINE_FOLDER)) == [
        PIPELINE_FOLDER,
        f"{PIPELINE_FOLDER}-cache",
    ]
