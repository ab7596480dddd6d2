"""Garbage collection on the GUI thread while the editor runs (a Qt object freed in a worker thread crashes Qt)."""

from __future__ import annotations

import gc

from quoteapp.gui.collector import GuiThreadCollector


class Cycle:
    def __init__(self) -> None:
        self.me = self


def test_the_collector_collects_on_the_gui_thread_and_gives_collection_back(qtbot) -> None:
    before = gc.isenabled()
    gc.enable()  # as in the editor's process (the test session keeps collection off itself)
    collector = GuiThreadCollector(interval_ms=10)
    try:
        assert not gc.isenabled(), "automatic collection is off: no worker thread collects"
        for _ in range(collector.threshold[0] + 10):
            Cycle()
        before = gc.get_count()[0]
        qtbot.waitUntil(lambda: gc.get_count()[0] < before, timeout=2000)
    finally:
        collector.stop()
        enabled = gc.isenabled()
        if not before:
            gc.disable()
    assert enabled, "collection is given back as it was"
