"""End to end: an editor turns the extractor's output on a seed article into its gold annotation,
using only the window's actions, saves, and `quoteapp eval` scores the saved file F1 1.0."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtGui import QTextCursor

from quoteapp.cli import main as cli_main
from quoteapp.formats.attribution import read_annotation
from quoteapp.gui import dialogs
from quoteapp.gui.main_window import MainWindow
from quoteapp.gui.offsets import OffsetMap
from quoteapp.model import Annotation, Span
from quoteapp.nlp.extractor import Extractor

SEED = "004_c806cefa68680176"


def select(window: MainWindow, start: int, end: int) -> None:
    offsets = OffsetMap(window.document.text)
    cursor = window.view.textCursor()
    cursor.setPosition(offsets.to_qt(start))
    cursor.setPosition(offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    window.view.setTextCursor(cursor)


def unselect(window: MainWindow) -> None:
    window.view.setTextCursor(QTextCursor(window.view.document()))


class Answers:
    """Answers the window's choice dialogs from a queue the test fills before each action."""

    def __init__(self) -> None:
        self.queue: list[str] = []

    def __call__(self, parent, title, label, items, current=0):
        wanted = self.queue.pop(0)
        return next(i for i in items if i == wanted or i.startswith(wanted + "  ("))


def entity_for(window: MainWindow, gold: Annotation, gold_id: str, answers: Answers) -> str:
    """The id of the window's entity standing for a gold entity, made from the article's text if needed."""
    entity = gold.entity(gold_id)
    names = [entity.name, *entity.aliases]
    for candidate in window.document.entities:
        if candidate.name in names:
            return candidate.id
    text = window.document.text
    name = next(n for n in sorted(names, key=len, reverse=True) if n in text)
    start = text.index(name)
    keep = window.document.quote(window.current_quote_id()).speaker
    select(window, start, start + len(name))
    answers.queue.append(entity.kind if entity.kind != "unknown" else "person")
    window.actions["set_speaker"].trigger()  # a new entity from the selected name…
    made = window.document.quote(window.current_quote_id()).speaker.entity
    if keep is not None:  # …then the quote's speaker as it was
        unselect(window)
        answers.queue.append(window.document.entity(keep.entity).name)
        window.actions["set_speaker"].trigger()
    return made


def test_editor_turns_extractor_output_into_the_gold(
    qtbot, shared: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUOTEAPP_RECOVERY_DIR", str(tmp_path / "recovery"))
    article = tmp_path / f"{SEED}.txt"
    shutil.copy(shared / "corpus" / "seeds" / article.name, article)
    gold = read_annotation(shared / "gold" / "seeds" / f"{SEED}.json")
    answers = Answers()
    monkeypatch.setattr(dialogs, "choose", answers)

    extractor = Extractor()
    window = MainWindow(load_model=False)
    qtbot.addWidget(window)
    window._model_loaded(extractor, extractor.label)
    window.open_path(article)
    qtbot.waitUntil(
        lambda: window.job is None and window.document is not None and bool(window.document.quotes), timeout=60000
    )

    for quote in list(window.document.quotes):  # the extractor's quotes: all rejected
        window.select_quote(quote.id)
        window.actions["reject"].trigger()
    for target in [q for q in gold.quotes if not q.extra.get("optional")]:
        first, *rest = target.segments
        select(window, first.start, first.end)
        answers.queue.append(target.type)
        window.actions["add_quote"].trigger()
        quote_id = window.current_quote_id()
        for segment in rest:
            select(window, segment.start, segment.end)
            window.actions["add_segment"].trigger()
        speaker = entity_for(window, gold, target.speaker.entity, answers)
        unselect(window)
        answers.queue.append(window.document.entity(speaker).name)
        window.actions["set_speaker"].trigger()
        for via in target.intermediaries:
            entity = entity_for(window, gold, via.entity, answers)
            unselect(window)
            answers.queue += [window.document.entity(entity).name, via.role]
            window.actions["add_intermediary"].trigger()
        assert window.current_quote_id() == quote_id
        assert [Span(s.start, s.end, s.text) for s in window.document.quote(quote_id).segments] == target.segments
    assert answers.queue == []
    window.actions["save"].trigger()
    saved = article.with_name(f"{SEED}.quotes.json")
    assert saved.exists() and not window.isWindowModified()

    gold_dir, pred_dir = tmp_path / "gold", tmp_path / "pred"
    gold_dir.mkdir()
    pred_dir.mkdir()
    shutil.copy(shared / "gold" / "seeds" / f"{SEED}.json", gold_dir)
    shutil.copy(saved, pred_dir / f"{SEED}.json")
    out = tmp_path / "scores.json"
    monkeypatch.setattr("sys.stdout", out.open("w", encoding="utf-8"))
    assert cli_main(["eval", str(gold_dir), str(pred_dir), "--json"]) == 0
    monkeypatch.undo()
    scores = json.loads(out.read_text(encoding="utf-8"))
    for measure in ("detection", "attribution", "intermediaries"):
        assert scores[measure]["F"] == pytest.approx(1.0), (measure, scores[measure])
