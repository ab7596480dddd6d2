"""Corpus statistics and their charts: the counts a researcher would check, the charts drawn
offscreen with the same numbers, the CLI writing PNGs, the app showing them."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtGui import QImage

from quoteapp.cli import main
from quoteapp.corpus.charts import build_figures, chart_pngs
from quoteapp.formats.attribution import write_annotation
from quoteapp.model import Annotation, Document, Entity, Intermediary, Quote, Span, Speaker
from quoteapp.model.statistics import corpus_stats

TEXT = "Ana said yes. An aide said no. Ana added maybe. It rained."


def article(doc_id: str, statuses: tuple[str, ...] = ("auto", "accepted", "rejected")) -> Annotation:
    seg = [Span.of(TEXT, 9, 12), Span.of(TEXT, 26, 28), Span.of(TEXT, 40, 45)]
    return Annotation(
        Document(id=doc_id, text=TEXT),
        entities=[Entity("E1", "person", "Ana Ruiz"), Entity("E2", "anonymous", "aide")],
        quotes=[
            Quote("Q1", "direct", [seg[0]], speaker=Speaker("E1"), status=statuses[0]),
            Quote(
                "Q2",
                "indirect",
                [seg[1]],
                speaker=Speaker("E2"),
                status=statuses[1],
                intermediaries=[Intermediary("E1", "relay")],
            ),
            Quote("Q3", "mixed", [seg[2]], speaker=Speaker("E1"), status=statuses[2]),
        ],
    )


def test_counts_leave_out_rejected_quotes_and_add_up_over_articles() -> None:
    stats = corpus_stats([article("a"), article("b", ("auto", "auto", "auto"))])
    total = stats.total
    assert total.articles == 2 and total.quotes == 5
    assert total.by_speaker == {"Ana Ruiz": 3, "aide": 2}
    assert total.by_type == {"direct": 2, "indirect": 2, "mixed": 1}
    assert total.by_role == {"relay": 2}
    assert total.anonymous_share == 2 / 5
    assert stats.per_article["a"].quotes == 2


def test_the_registry_names_one_speaker_across_spellings() -> None:
    stats = corpus_stats(
        [article("a"), article("b")],
        canonical={("b", "E1"): "Ana Ruiz", ("a", "E1"): "Ana Ruiz", ("b", "E2"): "the aide"},
    )
    assert stats.total.by_speaker == {"Ana Ruiz": 2, "aide": 1, "the aide": 1}


def test_charts_show_the_counts() -> None:
    stats = corpus_stats([article("a"), article("b", ("auto", "auto", "auto"))])
    figures = build_figures(stats)
    assert set(figures) == {"speakers", "types", "anonymous", "intermediaries", "articles"}
    bars = {
        t.get_text(): p.get_width()
        for t, p in zip(figures["speakers"].axes[0].get_yticklabels(), figures["speakers"].axes[0].patches, strict=True)
    }
    assert bars == {"Ana Ruiz": 3, "aide": 2}
    assert [p.get_height() for p in figures["types"].axes[0].patches] == [2, 2, 1]
    assert "40%" in figures["anonymous"].axes[0].get_title()


def test_pngs_are_real_pictures() -> None:
    for name, png in chart_pngs(corpus_stats([article("a")])).items():
        image = QImage.fromData(png, "PNG")
        assert not image.isNull() and image.width() > 300, name
        colours = {image.pixel(x, y) for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)}
        assert len(colours) > 3, f"{name} is blank"


def test_cli_prints_the_figures_and_saves_the_charts(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    write_annotation(article("a"), corpus / "a.json")
    write_annotation(article("b"), corpus / "b.json")
    (corpus / "broken.json").write_text("{", encoding="utf-8")
    # a folder the editor used: its registry and a backup are not attribution files (neither read nor reported)
    (corpus / "quoteapp-registry.json").write_text('{"schema": "quoteapp/registry", "version": 1}', encoding="utf-8")
    (corpus / "a.before-change.json").write_bytes((corpus / "a.json").read_bytes())
    code = main(["stats", str(corpus), "-o", str(tmp_path / "charts")])
    out = capsys.readouterr()
    assert code == 1, "an unreadable file is reported"
    assert "2 articles, 4 quotes" in out.out and "anonymous sources 50%" in out.out
    per_article = [line.split() for line in out.out.splitlines() if line.startswith("  a ") or line.startswith("  b ")]
    assert [row[:7] for row in per_article] == [
        ["a", "2", "1", "1", "0", "50%", "1"],
        ["b", "2", "1", "1", "0", "50%", "1"],
    ]
    assert "broken.json" in out.err and "registry" not in out.err and "before-change" not in out.err
    assert sorted(p.name for p in (tmp_path / "charts").glob("*.png")) == [
        "anonymous.png",
        "articles.png",
        "intermediaries.png",
        "speakers.png",
        "types.png",
    ]


def test_the_app_shows_the_charts(qtbot) -> None:
    from quoteapp.gui.stats_dialog import StatsDialog

    dialog = StatsDialog(corpus_stats([article("a")]))
    qtbot.addWidget(dialog)
    assert dialog.tabs.count() == 5
    label = dialog.tabs.widget(0).widget()
    assert not label.pixmap().isNull()
