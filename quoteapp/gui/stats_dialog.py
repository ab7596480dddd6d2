"""Statistics of the open corpus (or article) as charts, one tab each: the same PNGs the CLI saves."""

from __future__ import annotations

from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QDialog, QLabel, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from quoteapp.corpus.charts import chart_pngs
from quoteapp.model.statistics import CorpusStats

TITLES = {
    "speakers": "Speakers",
    "types": "Types",
    "anonymous": "Anonymous",
    "intermediaries": "Intermediaries",
    "articles": "Per article",
}


class StatsDialog(QDialog):
    def __init__(self, stats: CorpusStats, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        total = stats.total
        self.setWindowTitle(f"Statistics: {total.articles} articles, {total.quotes} quotes")
        self.tabs = QTabWidget()
        for name, png in chart_pngs(stats).items():
            pixmap = QPixmap()
            pixmap.loadFromData(png, "PNG")
            label = QLabel()
            label.setPixmap(pixmap)
            scroll = QScrollArea()
            scroll.setWidget(label)
            self.tabs.addTab(scroll, TITLES.get(name, name))
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        self.resize(860, 640)
