"""`quoteapp [FILE|FOLDER] [--model NAME]`: the editor, on the given article or the bundled sample."""

from __future__ import annotations


def run(args: list[str]) -> int:
    from quoteapp.gui.app import run as run_gui

    return run_gui(args)
