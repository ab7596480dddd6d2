"""The work of `quoteapp extract` on one file, shared by the serial loop, the process pool and Dask.

`extract_one` never raises for a bad article (it returns a failed Result, so one bad file among
thousands costs one line of report); only a missing spaCy pipeline is raised, since then every file
would fail alike. The pipeline is loaded once per process, on the first article that needs it, so a
resumed run that has nothing left to do loads no model at all.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from quoteapp.formats.articles import read_article
from quoteapp.formats.attribution import write_annotation
from quoteapp.formats.errors import FormatError
from quoteapp.model.annotation import text_sha256
from quoteapp.nlp.models import written_by

if TYPE_CHECKING:  # spaCy is imported only when a model is needed
    from quoteapp.nlp.extractor import Extractor

WRITTEN, SKIPPED, FAILED = "written", "skipped", "failed"


@dataclass(frozen=True)
class Result:
    """What became of one article: written, skipped (its output is up to date) or failed (and why)."""

    path: str
    status: str
    output: str | None = None
    quotes: int = 0
    error: str | None = None


@lru_cache(maxsize=4)
def extractor_for(model: str | None) -> Extractor:
    """The process's Extractor for `model`: built on first use, then reused for every article."""
    from quoteapp.nlp.extractor import Extractor

    return Extractor(model)


def output_path(path: str | os.PathLike[str], out_dir: str | os.PathLike[str]) -> Path:
    """Where the attribution file of an article goes: `<out_dir>/<id>.json`, the id being the file's stem."""
    return Path(out_dir) / f"{Path(path).stem}.json"


def up_to_date(output: Path, article_path: Path, sha256: str, model: str | None = None) -> bool:
    """The output exists, is newer than the article, and was written for this very text by the
    pipeline `model` stands for (after a change of --model, articles are done again)."""
    try:
        if output.stat().st_mtime < article_path.stat().st_mtime:
            return False
        with output.open(encoding="utf-8") as f:
            data = json.load(f)
        document = data.get("document") or {}
        pipeline = (data.get("generator") or {}).get("pipeline")
    except (OSError, ValueError, AttributeError):
        return False
    return document.get("sha256") == sha256 and written_by(pipeline, model)


def skipped_if_up_to_date(path: str | os.PathLike[str], out_dir: str | os.PathLike[str],
                          model: str | None = None) -> Result | None:
    """A skipped Result when the article's output is up to date, else None (it is to be extracted).

    Cheap when there is no output yet (one stat), which is the case of most files of a fresh run; the
    article is read (for its sha256) only when an output newer than it exists.
    """
    path = Path(path)
    output = output_path(path, out_dir)
    try:
        if output.stat().st_mtime < path.stat().st_mtime:
            return None
        text = read_article(path).text
    except (FormatError, OSError):
        return None
    return Result(str(path), SKIPPED, str(output)) if up_to_date(output, path, text_sha256(text), model) else None


def init_worker(model: str | None) -> None:
    """ProcessPoolExecutor initializer: one math thread per process (the processes are the parallelism),
    then the pipeline loaded once. A missing model is left for `extract_one` to raise, where the caller sees it."""
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    from quoteapp.nlp.pipeline import ModelNotFound

    with contextlib.suppress(ModelNotFound):
        extractor_for(model)


def extract_one(path: str | os.PathLike[str], out_dir: str | os.PathLike[str], model: str | None = None, *,
                force: bool = False) -> Result:
    """Read one article, find its quotes and write `<out_dir>/<id>.json`, unless that is up to date.

    Raises quoteapp.nlp.pipeline.ModelNotFound when no pipeline can be loaded; any other problem
    with the file is a failed Result.
    """
    if not force and (skipped := skipped_if_up_to_date(path, out_dir, model)) is not None:
        return skipped
    path = Path(path)
    try:
        article = read_article(path)
        output = Path(out_dir) / f"{article.id}.json"
        annotation = extractor_for(model).annotate(article.text, article.id, path=path.name, title=article.title)
        output.parent.mkdir(parents=True, exist_ok=True)  # a Dask worker may be the first to write there
        write_annotation(annotation, output)
    except (FormatError, OSError) as err:
        return Result(str(path), FAILED, error=str(err))
    return Result(str(path), WRITTEN, str(output), len(annotation.quotes))
