"""The bundled sample article, which the editor opens when it is given nothing to open."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from quoteapp.corpus.user_folders import data_dir

SAMPLE_NAME = "sample-article.txt"


def sample_article() -> Path:
    """A copy of the bundled sample article in the user's data folder, where saving it beside it
    works (the package folder may be read-only, or a checkout that must stay clean)."""
    target = data_dir() / "sample" / SAMPLE_NAME
    text = (resources.files("quoteapp.resources") / SAMPLE_NAME).read_text(encoding="utf-8")
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    return target
