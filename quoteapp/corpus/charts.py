"""Charts of a corpus's statistics, drawn with matplotlib (no display needed): the app shows the PNG
bytes, the CLI writes them to files, so both show the very same pictures."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # draw into memory: works headless and inside a Qt app alike

from matplotlib.figure import Figure

from quoteapp.model.statistics import CorpusStats

TOP_SPEAKERS = 15
TYPES = ("direct", "indirect", "mixed")
ROLES = ("spokesperson", "relay", "outlet")


def build_figures(stats: CorpusStats) -> dict[str, Figure]:
    """One figure per question: who is quoted, how, from whom anonymously, through whom, per article."""
    total = stats.total
    figures: dict[str, Figure] = {}

    fig = Figure(figsize=(7, 4.5), layout="constrained")
    ax = fig.subplots()
    top = total.by_speaker.most_common(TOP_SPEAKERS)[::-1]
    ax.barh([name for name, _ in top], [n for _, n in top], color="#4c72b0")
    ax.set_title("Who is quoted (quotes per speaker)")
    ax.set_xlabel("quotes")
    figures["speakers"] = fig

    fig = Figure(figsize=(5, 4), layout="constrained")
    ax = fig.subplots()
    ax.bar(TYPES, [total.by_type[t] for t in TYPES], color=["#55a868", "#c44e52", "#8172b2"])
    ax.set_title("Direct, indirect and mixed quotes")
    ax.set_ylabel("quotes")
    figures["types"] = fig

    fig = Figure(figsize=(5, 4), layout="constrained")
    ax = fig.subplots()
    named = total.quotes - total.anonymous - total.unattributed
    ax.bar(
        ["named", "anonymous", "no speaker"],
        [named, total.anonymous, total.unattributed],
        color=["#4c72b0", "#dd8452", "#999999"],
    )
    ax.set_title(f"Anonymous sources: {total.anonymous_share:.0%} of quotes")
    ax.set_ylabel("quotes")
    figures["anonymous"] = fig

    fig = Figure(figsize=(5, 4), layout="constrained")
    ax = fig.subplots()
    ax.bar(ROLES, [total.by_role[r] for r in ROLES], color="#937860")
    ax.set_title("Intermediaries by role")
    ax.set_ylabel("intermediaries")
    figures["intermediaries"] = fig

    fig = Figure(figsize=(8, max(3.0, 0.35 * len(stats.per_article) + 1.5)), layout="constrained")
    ax = fig.subplots()
    names = list(stats.per_article)[::-1]
    left = [0] * len(names)
    for quote_type, colour in zip(TYPES, ("#55a868", "#c44e52", "#8172b2"), strict=True):
        counts = [stats.per_article[n].by_type[quote_type] for n in names]
        ax.barh(names, counts, left=left, label=quote_type, color=colour)
        left = [a + b for a, b in zip(left, counts, strict=True)]
    ax.set_title("Quotes per article")
    ax.set_xlabel("quotes")
    ax.legend(loc="lower right")
    figures["articles"] = fig
    return figures


def chart_pngs(stats: CorpusStats) -> dict[str, bytes]:
    """The figures as PNG bytes, by name."""
    out = {}
    for name, fig in build_figures(stats).items():
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=100)
        out[name] = buffer.getvalue()
    return out


def save_charts(stats: CorpusStats, folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, png in chart_pngs(stats).items():
        path = folder / f"{name}.png"
        path.write_bytes(png)
        paths.append(path)
    return paths
