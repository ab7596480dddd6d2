"""Shared test set-up: Qt offscreen, and where the shared corpus and gold files are."""

import gc
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder beside the checkout (corpus, gold, score.py); tests needing it skip without it."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not beside this checkout")
    return SHARED


@pytest.fixture(scope="session")
def extractor():
    """The extractor on the default pipeline, loaded once for the whole run."""
    from quoteapp.nlp.extractor import Extractor

    return Extractor()


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Recovery copies, the log, settings and recent files go to the test's own folder, never the user's."""
    monkeypatch.setenv("QUOTEAPP_RECOVERY_DIR", str(tmp_path / "recovery"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))


@pytest.fixture(scope="session", autouse=True)
def no_collection_off_the_main_thread() -> Iterator[None]:
    """Cyclic garbage collection only between tests, on the main (GUI) thread, as the editor does it
    (quoteapp.gui.collector): left automatic, it runs in whichever thread allocates, such as an
    analysis thread, and Qt crashes (or aborts) when it frees a widget there."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_on_gui_thread(request: pytest.FixtureRequest) -> Iterator[None]:
    """After each test, collect here: in full after a Qt test (closed windows, dialogs), else the
    generations whose thresholds passed."""
    yield
    if "qapp" in request.fixturenames:  # every Qt test (qtbot needs qapp too)
        gc.collect()
        return
    threshold, counts = gc.get_threshold(), gc.get_count()
    for generation in (2, 1, 0):
        if counts[generation] > threshold[generation]:
            gc.collect(generation)
            return


@pytest.fixture
def window(qtbot, extractor, monkeypatch: pytest.MonkeyPatch):
    """The editor window with the model loaded; unsaved changes are discarded when a test moves on."""
    from PySide6.QtCore import QSettings

    from quoteapp.gui import dialogs
    from quoteapp.gui.main_window import MainWindow

    QSettings().clear()  # Qt keeps one settings file per process: no window state from an earlier test
    monkeypatch.setattr(dialogs, "unsaved_changes", lambda *a: "discard")
    win = MainWindow(load_model=False)
    qtbot.addWidget(win)
    win._model_loaded(extractor, extractor.label)
    yield win
    win.shutdown()


@pytest.fixture
def article(tmp_path: Path) -> Path:
    """A short invented article (gui_helpers.ARTICLE) in the test's folder."""
    from gui_helpers import ARTICLE

    path = tmp_path / "ferry.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path
