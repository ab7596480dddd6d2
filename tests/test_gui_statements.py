"""The editor's Statement panel, as an editor uses it on a folder of three invented articles: two
report one remark of the port director with different words (one through her spokesman), a third
has a statement of its own. The panel shows both versions with their flags and the word diff, the
quote list filters by flag, marking an article as a primary source is an undo step, and a version
opens its article at its quote."""

from __future__ import annotations

from pathlib import Path

import pytest
from gui_helpers import trigger
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QTextBrowser

from quoteapp.corpus.folder_statements import folder_statements
from quoteapp.formats.attribution import read_annotation, write_annotation
from quoteapp.gui.main_window import MainWindow
from quoteapp.gui.source_command import is_source
from quoteapp.gui.statement_panel import COL_CHAIN, COL_FLAGS, EMPTY_TEXTS, VersionModel, chain_text
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker
from quoteapp.model.statements import group_statements

HARBOUR = (
    "Harbour talks stall\n\n"
    "The port director Ines Vale spoke on Monday. “We will not sign a deal that costs the workers their jobs,” "
    "Vale said.\n\nThe talks resume on Thursday.\n"
)
GAZETTE = (
    "Port deal in doubt\n\n"
    "Her spokesman Rui Sousa read the port director's words. “We will never sign a deal that costs workers "
    "their jobs,” said Ines Vale.\n"
)
RELEASE = (
    "Press release of the Harbour Authority\n\n"
    "The port director will meet the union on Thursday. We will not sign any deal that costs the workers "
    "their jobs. The talks are open to the press.\n"
)
WEATHER = "Storm warning\n\nThe forecaster Tomas Lund said the storm would reach the coast by Friday evening.\n"
VALE_WORDS = "sign a deal"  # what an editor would search for in both versions


def _span(text: str, words: str) -> Span:
    start = text.index(words)
    return Span(start, start + len(words), words)


def _annotation(doc_id: str, text: str, words: str, speaker: str, kind: str = "direct", via: str = "") -> Annotation:
    """One article with one quote of `words` by `speaker` (and a spokesperson `via`), as the editor saves it."""
    entities = [Entity("E1", "person", speaker, mentions=[_span(text, speaker)])]
    intermediaries = []
    if via:
        entities.append(Entity("E2", "person", via, mentions=[_span(text, via)]))
        intermediaries.append(Intermediary("E2", "spokesperson", _span(text, via)))
    quote = Quote(
        "Q1",
        kind,
        [_span(text, words)],
        cue=_span(text, "said"),
        speaker=Speaker("E1", _span(text, speaker)),
        intermediaries=intermediaries,
        status="accepted",
    )
    return Annotation(Document(doc_id, text, path=f"{doc_id}.txt"), entities, [quote])


@pytest.fixture
def story(tmp_path: Path) -> Path:
    """A folder of three saved articles: a.txt and b.txt report Vale's remark, c.txt a forecast."""
    folder = tmp_path / "story"
    folder.mkdir()
    articles = {
        "a": (HARBOUR, "We will not sign a deal that costs the workers their jobs", "Ines Vale", "direct", ""),
        "b": (GAZETTE, "We will never sign a deal that costs workers their jobs", "Ines Vale", "direct", "Rui Sousa"),
        "c": (WEATHER, "the storm would reach the coast by Friday evening", "Tomas Lund", "indirect", ""),
    }
    for doc_id, (text, words, speaker, kind, via) in articles.items():
        (folder / f"{doc_id}.txt").write_text(text, encoding="utf-8")
        annotation = _annotation(doc_id, text, words, speaker, kind, via)
        write_annotation(annotation, folder / f"{doc_id}.quotes.json")
    return folder


@pytest.fixture
def editor(qtbot, monkeypatch: pytest.MonkeyPatch) -> MainWindow:
    """The window without a language model: every article of the folder is saved, none is analysed."""
    from PySide6.QtCore import QSettings

    from quoteapp.gui import dialogs

    QSettings().clear()
    monkeypatch.setattr(dialogs, "unsaved_changes", lambda *a: "discard")
    win = MainWindow(load_model=False)
    qtbot.addWidget(win)
    yield win
    win.shutdown()


def _open(qtbot, window: MainWindow, folder: Path) -> None:
    window.open_folder(folder)
    qtbot.waitUntil(lambda: window.statements.ready and window.statements.thread is None, timeout=20000)


def _highlighted(browser: QTextBrowser) -> tuple[list[str], list[str]]:
    """The words shown struck through, and those shown on a coloured background without a strike."""
    struck, marked = [], []
    block = browser.document().begin()
    while block.isValid():
        fragments = block.begin()
        while not fragments.atEnd():
            fragment = fragments.fragment()
            style = fragment.charFormat()
            if style.fontStrikeOut():
                struck.append(fragment.text())
            elif style.background().style() != Qt.BrushStyle.NoBrush:
                marked.append(fragment.text())
            fragments += 1
        block = block.next()
    return struck, marked


def _select(window: MainWindow, words: str) -> None:
    quote = next(q for q in window.document.quotes if any(words in s.text for s in q.segments))
    window.select_quote(quote.id)


def test_the_panel_shows_both_versions_with_their_flags_and_the_word_diff(qtbot, editor: MainWindow, story) -> None:
    _open(qtbot, editor, story)
    assert editor.document.annotation.document.id == "a"
    _select(editor, VALE_WORDS)
    panel = editor.statements.panel
    assert editor.statements.dock.isVisibleTo(editor) and panel.table.isVisibleTo(panel)
    rows = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert sorted(rows) == ["a Q1", "b Q1"]
    flags = {panel.model.index(r, 0).data(): panel.model.index(r, COL_FLAGS).data() for r in range(2)}
    assert "words changed inside quotation marks" in flags["b Q1"]
    chains = [panel.model.index(r, COL_CHAIN).data() for r in range(2)]
    assert "Ines Vale ← Rui Sousa (spokesperson)" in chains and "Ines Vale (firsthand)" in chains
    struck, marked = _highlighted(panel.words)
    assert struck == ["not", "the"], "the selected version's words that b lacks are struck through"
    assert marked == ["never"], "the word only b has is highlighted"


def test_a_quote_with_no_other_version_says_so(qtbot, editor: MainWindow, story) -> None:
    _open(qtbot, editor, story)
    editor.open_path(story / "c.txt")
    _select(editor, "storm")
    panel = editor.statements.panel
    assert not panel.table.isVisibleTo(panel)
    assert panel.empty.text() == EMPTY_TEXTS["alone"]


def test_flag_words_changed_filters_the_quote_list(qtbot, editor: MainWindow, story) -> None:
    _open(qtbot, editor, story)
    editor.open_path(story / "c.txt")
    editor.filter_box.setText("flag:words_changed")
    assert editor.quote_proxy.rowCount() == 0, "the forecast's quote has no other version"
    editor.filter_box.setText("flag:any")
    assert editor.quote_proxy.rowCount() == 0
    editor.open_path(story / "b.txt")
    for typed in ("flag:words_changed", "flag:words", "flag:any"):
        editor.filter_box.setText(typed)
        assert editor.quote_proxy.rowCount() == 1, typed
    editor.filter_box.setText("flag:truncated")
    assert editor.quote_proxy.rowCount() == 0


def test_enter_on_a_version_opens_its_article_at_its_quote(qtbot, editor: MainWindow, story) -> None:
    editor.show()
    qtbot.waitExposed(editor)
    _open(qtbot, editor, story)
    _select(editor, VALE_WORDS)
    editor.quote_table.setFocus()
    trigger(editor, "focus_statement")
    panel = editor.statements.panel
    qtbot.waitUntil(panel.table.hasFocus, timeout=5000)
    row = next(r for r in range(2) if panel.model.index(r, 0).data() == "b Q1")
    panel.table.setCurrentIndex(panel.model.index(row, 0))
    QTest.keyClick(panel.table, Qt.Key.Key_Return)
    assert editor.document.annotation.document.id == "b"
    assert editor.current_quote_id() == "Q1"
    assert panel.model.selected == ("b", "Q1"), "the panel now compares with the opened version"


def test_marking_a_primary_source_is_an_undo_step_and_the_statements_follow(qtbot, editor: MainWindow, story) -> None:
    _open(qtbot, editor, story)
    action = editor.actions["mark_source"]
    assert action.isEnabled() and not action.isChecked()
    trigger(editor, "mark_source")
    assert action.isChecked() and is_source(editor.document.annotation)
    assert editor.isWindowModified(), "the title's star: the article's file changes"
    qtbot.waitUntil(lambda: editor.statements.thread is None, timeout=20000)
    _select(editor, VALE_WORDS)
    assert editor.statements.panel.model.index(0, 0).data().startswith("★"), "the source's version is starred"
    trigger(editor, "undo")
    assert not action.isChecked() and not is_source(editor.document.annotation)
    assert not editor.isWindowModified()
    trigger(editor, "redo")
    trigger(editor, "save")
    assert is_source(read_annotation(story / "a.quotes.json")), "saved with the article"


def test_the_help_lists_the_panel_key_and_the_flag_filter(qtbot, editor: MainWindow, monkeypatch) -> None:
    from quoteapp.gui import dialogs

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_html", lambda _parent, _title, html: shown.append(html))
    trigger(editor, "shortcuts")
    assert "Go to Statement Panel" in shown[0] and "Mark as Primary Source" in shown[0]
    assert "flag:words_changed" in shown[0] and "flag:any" in shown[0]


def test_the_version_model_passes_the_model_tester(qtmodeltester, story) -> None:
    annotations = [read_annotation(path) for path in sorted(story.glob("*.quotes.json"))]
    statements = group_statements(annotations)
    assert statements, "the two versions of Vale's remark are one statement"
    model = VersionModel()
    model.set_statement(statements[0], (statements[0].versions[0].article, statements[0].versions[0].quote))
    qtmodeltester.check(model, force_py=True)


def test_a_version_with_no_intermediary_reads_firsthand() -> None:
    from quoteapp.model.statements import Version

    alone = Version("b", "Q2", "indirect", "the bridge would reopen in June", "Ana Pires", (), False, ())
    assert chain_text(alone) == "Ana Pires (firsthand)"


def test_a_primary_source_passage_flags_the_quote_that_differs_and_opens_in_the_source(
    qtbot, editor: MainWindow, story
) -> None:
    (story / "r.txt").write_text(RELEASE, encoding="utf-8")  # the release has no quotes of its own
    write_annotation(Annotation(Document("r", RELEASE, path="r.txt")), story / "r.quotes.json")
    _open(qtbot, editor, story)
    editor.open_path(story / "r.txt")
    trigger(editor, "mark_source")
    trigger(editor, "save")
    qtbot.waitUntil(lambda: editor.statements.thread is None, timeout=20000)
    editor.open_path(story / "b.txt")
    editor.filter_box.setText("flag:differs_from_source")
    assert editor.quote_proxy.rowCount() == 1, "b's quoted words are not the release's"
    _select(editor, VALE_WORDS)
    panel = editor.statements.panel
    names = [panel.model.index(r, 0).data() for r in range(panel.model.rowCount())]
    assert "★ r (source text)" in names
    assert "words differ from the primary source" in panel.model.index(names.index("b Q1"), COL_FLAGS).data()
    panel.table.setCurrentIndex(panel.model.index(names.index("★ r (source text)"), 0))
    QTest.keyClick(panel.table, Qt.Key.Key_Return)
    assert editor.document.annotation.document.id == "r"
    assert "sign any deal" in editor.view.textCursor().selectedText(), "the passage is selected in the source"


def test_statements_are_grouped_on_opening_saving_and_registry_edits_not_on_selection(
    qtbot, editor: MainWindow, story, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quoteapp.gui import statement_dock

    calls: list[int] = []

    def counted(annotations, registry=None, sources=()):
        calls.append(len(annotations))
        return folder_statements(annotations, registry, sources)

    monkeypatch.setattr(statement_dock, "folder_statements", counted)
    _open(qtbot, editor, story)
    assert calls == [3]
    for _ in range(3):
        editor.select_quote("Q1")
        editor.statements.focus()
        trigger(editor, "next_article")
    assert calls == [3], "moving around the folder uses the statements already grouped"
    trigger(editor, "accept")
    trigger(editor, "save")
    qtbot.waitUntil(lambda: editor.statements.thread is None and len(calls) == 2, timeout=20000)
    registry = editor.folders.registry_panel.registry
    editor.folders.registry_panel.show_registry(registry)  # as a merge of two speakers, or its undo, does
    qtbot.waitUntil(lambda: editor.statements.thread is None and len(calls) == 3, timeout=20000)


def test_the_panel_shows_what_quoteapp_statements_prints(qtbot, editor: MainWindow, story: Path, capsys) -> None:
    """The editor and the command group the same folder the same way: the registry first (Rui Sousa,
    Vale's spokesman in b, speaks for her when d quotes him alone), then the quotes."""
    import json

    from quoteapp.cli import main
    from quoteapp.model.statements import statement_dict

    text = "Union meeting\n\nRui Sousa said: “We will not sign a deal that costs the workers their jobs.”\n"
    (story / "d.txt").write_text(text, encoding="utf-8")
    words = "We will not sign a deal that costs the workers their jobs"
    write_annotation(_annotation("d", text, words, "Rui Sousa"), story / "d.quotes.json")
    _open(qtbot, editor, story)
    shown = [statement_dict(s) for s in editor.statements.statements]
    capsys.readouterr()
    assert main(["statements", str(story), "--json"]) == 0
    printed = json.loads(capsys.readouterr().out)["statements"]
    assert shown == printed
    (d,) = [v for s in shown for v in s["versions"] if v["article"] == "d"]
    assert d["speaker"] == "Ines Vale" and {"name": "Rui Sousa", "role": "spokesperson"} in d["intermediaries"]
