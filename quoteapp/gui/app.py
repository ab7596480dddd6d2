"""Starting the editor: the Qt application, the window, and the first article."""

from __future__ import annotations

import argparse
import sys
from importlib import resources
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from quoteapp import APP_NAME, __version__


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog=APP_NAME, description="The quoteapp editor.")
    parser.add_argument("path", nargs="?", type=Path, help="an article, a .quotes.json file or a folder")
    parser.add_argument("--model", metavar="NAME", help="an installed spaCy pipeline (default: en_core_web_sm)")
    return parser.parse_args(argv)


def run(argv: list[str]) -> int:
    """Open the window at once (the model loads in the background) on the given file or the sample."""
    args = parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv[:1])
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName(APP_NAME)
    app.setWindowIcon(app_icon())
    from quoteapp.gui.error_report import ErrorReporter, start_log_file

    start_log_file()
    reporter = ErrorReporter(app)
    from quoteapp.corpus.sample import sample_article
    from quoteapp.gui.collector import GuiThreadCollector
    from quoteapp.gui.main_window import MainWindow

    collector = GuiThreadCollector(app)

    window = MainWindow(args.model)
    window.show()
    target = args.path or sample_article()
    if target.is_dir():
        window.open_folder(target)
    else:
        window.open_path(target)
    try:
        return app.exec()
    finally:
        collector.stop()
        reporter.uninstall()


def app_icon() -> QIcon:
    """The application icon, a PNG shipped in the package (no SVG plug-in needed)."""
    with resources.as_file(resources.files("quoteapp.resources.icons") / "quoteapp.png") as path:
        return QIcon(str(path))
