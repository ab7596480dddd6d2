"""The same statement across the articles of a corpus: linked, with how each article got it."""

from __future__ import annotations

from pathlib import Path

from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker
from quoteapp.model.crossref import QuoteRef, link_quotes


def article(doc_id: str, text: str, words: str, via: list[Intermediary] | None = None) -> Annotation:
    start = text.index(words)
    return Annotation(
        Document(id=doc_id, text=text),
        entities=[Entity("E1", "person", "Rosa Vidal"), Entity("E2", "outlet", "Harbour Post")],
        quotes=[
            Quote(
                "Q1",
                "direct",
                [Span.of(text, start, start + len(words))],
                speaker=Speaker("E1"),
                intermediaries=via or [],
            )
        ],
    )


STATEMENT = "The new bridge will open before the winter storms arrive"


def test_a_statement_reported_word_for_word_or_nearly_is_linked_with_its_path() -> None:
    a = article("a", f"“{STATEMENT},” Vidal said.", STATEMENT)
    b = article(
        "b",
        "Vidal told the Harbour Post: “the new bridge will open before the winter storms arrive.”",
        "the new bridge will open before the winter storms arrive",
        [Intermediary("E2", "outlet")],
    )
    c = article(
        "c",
        "Vidal said the new ferry will open before the summer season starts.",
        "the new ferry will open before the summer season starts",
    )
    links = link_quotes([a, b, c])
    (sighting,) = links[QuoteRef("a", "Q1")]
    assert sighting.ref == QuoteRef("b", "Q1")
    assert sighting.via == [("Harbour Post", "outlet")] and sighting.speaker == "Rosa Vidal"
    assert QuoteRef("c", "Q1") not in links, "a different statement is not linked"


def test_short_fragments_and_rejected_quotes_are_not_linked() -> None:
    a = article("a", "He called it “a disgrace” today.", "a disgrace")
    b = article("b", "She called it “a disgrace” too.", "a disgrace")
    assert link_quotes([a, b]) == {}
    c = article("c", f"“{STATEMENT}.”", STATEMENT)
    d = article("d", f"“{STATEMENT}.”", STATEMENT)
    d.quotes[0].status = "rejected"
    assert link_quotes([c, d]) == {}


def test_the_editor_shows_where_else_a_quote_appears(qtbot, tmp_path: Path, monkeypatch) -> None:
    from quoteapp.gui import dialogs
    from quoteapp.gui.main_window import MainWindow
    from quoteapp.nlp.extractor import Extractor

    monkeypatch.setenv("QUOTEAPP_RECOVERY_DIR", str(tmp_path / "recovery"))
    monkeypatch.setattr(dialogs, "unsaved_changes", lambda *a: "save")
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(f"“{STATEMENT},” the mayor Rosa Vidal said on Monday.\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"“{STATEMENT},” Rosa Vidal told the Harbour Post.\n", encoding="utf-8")
    window = MainWindow(load_model=False)
    qtbot.addWidget(window)
    extractor = Extractor()
    window._model_loaded(extractor, extractor.label)
    window.open_folder(folder)
    qtbot.waitUntil(lambda: window.job is None and bool(window.document.quotes), timeout=60000)
    window.actions["save"].trigger()
    window.actions["next_article"].trigger()
    qtbot.waitUntil(
        lambda: window.job is None and window.document.article_path.name == "b.txt" and bool(window.document.quotes),
        timeout=60000,
    )
    qtbot.waitUntil(lambda: window.statements.ready and window.statements.thread is None, timeout=20000)
    window.select_row(0)  # the Statement panel is where the same statement elsewhere is shown
    panel = window.statements.panel
    assert {panel.model.index(r, 0).data() for r in range(panel.model.rowCount())} == {"a Q1", "b Q1"}
    window.shutdown()
