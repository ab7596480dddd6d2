"""Benchmark: `python benchmarks/bench_editor.py ARTICLE [--edits N] [--profile KIND] [--model NAME]`.

Opens ARTICLE in the real editor window (headless), lets the analysis finish, then times N edits of
each kind through the window's actions (accept, set speaker, add intermediary, undo) and one
re-anchoring of the article after 20 small changes to its text (the `reanchor` call and the
document replacement). The issue's bar, on a 1 MB article: median edit under 50 ms, re-anchoring
under 1 s. Its last line is `edit_median_ms=X edit_p95_ms=Y reanchor_s=Z`.

A 1 MB article from the shared corpus (never commit it):
`for i in 1 2 3; do cat ../shared/corpus/polnear-dev/*.txt; done > /tmp/big.txt`

`--profile KIND` runs cProfile over that kind's edits and prints the top functions (own and cumulative time).
`--annotation FILE` keeps the analysis in FILE (written after the first run, opened as the article's
saved annotation on the next ones), to time the editor without waiting minutes for spaCy again.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before Qt is imported

import argparse
import cProfile
import io
import pstats
import random
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

EDIT_KINDS = ("accept", "set_speaker", "add_intermediary", "undo")
TEXT_CHANGES = 20
WORDS = ("new", "changed", "word", "édition", "🙂", "𝔘nicode")


def _wait(app: object, done: Callable[[], bool], timeout_s: float, what: str) -> None:
    """Run the event loop until `done()`; exit with a message after `timeout_s`."""
    deadline = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > deadline:
            sys.exit(f"timed out waiting for {what}")
        app.processEvents()  # type: ignore[attr-defined]
        time.sleep(0.01)


def _answer_pickers(dialogs: object) -> None:
    """Pickers answer themselves, cycling through their items, as the tests monkeypatch them."""
    turn = iter(range(10**9))

    def choose(parent: object, title: str, label: str, items: list[str], current: int = 0) -> str | None:
        return items[next(turn) % len(items)] if items else None

    dialogs.choose = choose  # type: ignore[attr-defined]
    dialogs.error = lambda parent, title, message: print(f"  (refused: {message})")  # type: ignore[attr-defined]
    dialogs.info = lambda parent, title, message: None  # type: ignore[attr-defined]
    dialogs.unsaved_changes = lambda *a: "discard"  # type: ignore[attr-defined]


def _time_edits(app: object, window: object, kind: str, count: int) -> list[float]:
    """Seconds per edit of `kind`, each on a different quote spread over the list (undo: the last edits)."""
    rows = window.quote_proxy.rowCount()  # type: ignore[attr-defined]
    times = []
    for n in range(count):
        if kind != "undo":
            cursor = window.view.textCursor()  # type: ignore[attr-defined]
            cursor.clearSelection()
            window.view.setTextCursor(cursor)  # type: ignore[attr-defined]
            window.select_row((n * 7919) % rows)  # type: ignore[attr-defined]
            app.processEvents()  # type: ignore[attr-defined]
        action = window.actions[kind]  # type: ignore[attr-defined]
        start = time.perf_counter()
        action.trigger()
        app.processEvents()  # type: ignore[attr-defined]  # what the editor waits for: the repaint too
        times.append(time.perf_counter() - start)
    return times


def changed_text(text: str, changes: int = TEXT_CHANGES, seed: int = 0) -> str:
    """`text` with `changes` small insertions, deletions and replacements spread over it."""
    rng = random.Random(seed)
    places = sorted(rng.sample(range(len(text)), changes), reverse=True)
    for n, at in enumerate(places):
        word = WORDS[n % len(WORDS)]
        if n % 3 == 0:
            text = text[:at] + f" {word} " + text[at:]
        elif n % 3 == 1:
            text = text[:at] + text[at + rng.randint(1, 12) :]
        else:
            text = text[:at] + word + text[at + len(word) :]
    return text


def _report(name: str, times: list[float]) -> None:
    ms = sorted(t * 1000 for t in times)
    p95 = ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    print(f"{name:>18}: n={len(ms)} median {statistics.median(ms):8.1f} ms  p95 {p95:8.1f} ms  max {ms[-1]:8.1f} ms")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("article", type=Path)
    parser.add_argument("--edits", type=int, default=50, help="edits of each kind")
    parser.add_argument("--profile", choices=EDIT_KINDS, help="profile this kind of edit")
    parser.add_argument("--model", help="an installed spaCy pipeline")
    parser.add_argument("--annotation", type=Path, help="where to keep (and find) the article's analysis")
    args = parser.parse_args(argv)

    scratch = Path(tempfile.mkdtemp(prefix="bench-editor-"))
    os.environ["QUOTEAPP_RECOVERY_DIR"] = str(scratch / "recovery")  # keep the user's recovery folder clean
    os.environ["XDG_CONFIG_HOME"] = str(scratch / "config")
    article = scratch / args.article.name
    shutil.copyfile(args.article, article)
    if args.annotation is not None and args.annotation.exists():
        from quoteapp.corpus.locations import annotation_path_for

        shutil.copyfile(args.annotation, annotation_path_for(article))

    from PySide6.QtWidgets import QApplication

    from quoteapp.gui import dialogs
    from quoteapp.gui.document import AnnotationDocument
    from quoteapp.gui.main_window import MainWindow
    from quoteapp.model.reanchor import reanchor

    app = QApplication.instance() or QApplication([])
    _answer_pickers(dialogs)
    window = MainWindow(args.model)
    window.autosave_timer.setInterval(10**9)  # autosave is timed on its own below, not inside an edit
    window.show()
    began = time.perf_counter()
    _wait(app, lambda: window.extractor is not None, 600, "the language model")
    print(f"model loaded in {time.perf_counter() - began:.1f} s")
    began = time.perf_counter()
    assert window.open_path(article)
    _wait(
        app,
        lambda: window.document is not None and window.job is None and bool(window.document.quotes),
        3600,
        "the analysis",
    )
    document = window.document
    assert document is not None
    if args.annotation is not None and not args.annotation.exists():
        from quoteapp.formats.attribution import write_annotation

        write_annotation(document.annotation, args.annotation)
    print(
        f"{article.name}: {len(document.text):,} characters, {len(document.quotes)} quotes, "
        f"{len(document.entities)} entities;"
        f" opened and analysed in {time.perf_counter() - began:.1f} s"
    )

    all_times: list[float] = []
    for kind in EDIT_KINDS:
        profiler = cProfile.Profile() if kind == args.profile else None
        if profiler is not None:
            profiler.enable()
        times = _time_edits(app, window, kind, args.edits)
        if profiler is not None:
            profiler.disable()
            for order in ("tottime", "cumulative"):
                out = io.StringIO()
                pstats.Stats(profiler, stream=out).sort_stats(order).print_stats(25)
                print(f"--- profile of {args.edits} '{kind}' edits (by {order}) ---")
                print(out.getvalue())
        _report(kind, times)
        all_times += times

    began = time.perf_counter()
    window.autosave()
    print(f"{'autosave':>18}: {(time.perf_counter() - began) * 1000:8.1f} ms")

    new_text = changed_text(document.text)
    began = time.perf_counter()
    moved, changed = reanchor(document.annotation, new_text)
    carried = time.perf_counter() - began
    began = time.perf_counter()
    window._set_document(AnnotationDocument(moved, article_path=document.article_path, save_path=document.save_path))
    app.processEvents()
    replaced = time.perf_counter() - began
    print(
        f"{'reanchor':>18}: {carried:.3f} s ({TEXT_CHANGES} changes, {len(changed)} quotes changed);"
        f" document replaced in {replaced:.3f} s"
    )

    _report("all edits", all_times)
    ms = sorted(t * 1000 for t in all_times)
    median, p95 = statistics.median(ms), ms[min(len(ms) - 1, int(0.95 * len(ms)))]
    window.shutdown()
    shutil.rmtree(scratch, ignore_errors=True)
    print(f"edit_median_ms={median:.1f} edit_p95_ms={p95:.1f} reanchor_s={carried + replaced:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
