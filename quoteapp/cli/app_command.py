"""`quoteapp [FILE]`: the editor. Until the editor lands, extract the given article (or the bundled
sample) and print what was found, so that the first README command shows the extractor at work."""

from __future__ import annotations

import sys
import tempfile
from importlib import resources
from pathlib import Path

SAMPLE_NAME = "sample-article.txt"


def sample_article() -> Path:
    """The bundled sample article, as a real file (importlib.resources may hand out a zip entry)."""
    ref = resources.files("quoteapp.resources") / SAMPLE_NAME
    with resources.as_file(ref) as path:
        if path.exists():
            return Path(path)
    target = Path(tempfile.gettempdir()) / SAMPLE_NAME
    target.write_text(ref.read_text(encoding="utf-8"), encoding="utf-8")
    return target


def run(args: list[str]) -> int:
    from quoteapp.formats.articles import read_article
    from quoteapp.formats.errors import FormatError
    from quoteapp.nlp.extractor import Extractor
    from quoteapp.nlp.pipeline import ModelNotFound

    model = None
    if "--model" in args:
        i = args.index("--model")
        model = args[i + 1] if i + 1 < len(args) else None
        args = args[:i] + args[i + 2:]
    path = Path(args[0]) if args else sample_article()
    print("The quoteapp editor is coming; meanwhile, here is what the extractor finds in", path, file=sys.stderr)
    try:
        article = read_article(path)
        annotation = Extractor(model).annotate(article.text, article.id, path=path.name, title=article.title)
    except (FormatError, ModelNotFound) as err:
        print(f"quoteapp: {err}", file=sys.stderr)
        return 2
    names = {e.id: e.name for e in annotation.entities}
    for quote in annotation.quotes:
        speaker = names.get(quote.speaker.entity, "?") if quote.speaker else "(no speaker)"
        via = ", ".join(f"{names[i.entity]} ({i.role})" for i in quote.intermediaries)
        content = " … ".join(s.text for s in quote.segments)
        print(f"{quote.id:>4} {quote.type:8} {speaker}{' via ' + via if via else ''}: {content[:100]}")
    return 0
