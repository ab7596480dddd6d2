"""The same statement across the articles of a folder, as the editor shows it: the Statement panel
lists where else a quote appears (`model.statements` groups it; `test_statements.py` tests how)."""

from __future__ import annotations

from pathlib import Path

STATEMENT = "The new bridge will open before the winter storms arrive"


def test_the_editor_shows_where_else_a_quote_appears(qtbot, window, tmp_path: Path) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    (folder / "a.txt").write_text(f"“{STATEMENT},” the mayor Rosa Vidal said on Monday.\n", encoding="utf-8")
    (folder / "b.txt").write_text(f"“{STATEMENT},” Rosa Vidal told the Harbour Post.\n", encoding="utf-8")
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
