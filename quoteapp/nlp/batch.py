"""The work of `quoteapp extract` on one file, shared by the serial loop, the process pool and Dask.

`extract_one` never raises for a bad article (it returns a failed Result, so one bad file among
thousands costs one line of report), whatever the extractor raises on it; only a missing spaCy
pipeline is raised, since then every file would fail alike. The pipeline is loaded once per
process, on the first article that needs it, so a resumed run that has nothing left to do loads no
model (nor spaCy) at all.

`$QUOTEAPP_EXTRACTOR=module:function` plugs in another extractor: `function(model)` returns an object
with Extractor's `annotate(text, doc_id, path=..., title=...)`. Worker processes and Dask workers
started from this process inherit it, so every way of running `extract` uses the same one.

Worker processes die with their parent (`init_worker`): on Linux the kernel kills them
(PR_SET_PDEATHSIG), elsewhere a watchdog thread ends the process when its parent changes.
"""

from __future__ import annotations

import contextlib
import ctypes
import importlib
import json
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quoteapp.corpus.locations import output_path
from quoteapp.formats.articles import read_article
from quoteapp.formats.attribution import write_annotation
from quoteapp.formats.errors import FormatError
from quoteapp.model.annotation import text_sha256
from quoteapp.nlp.pipeline_names import written_by

if TYPE_CHECKING:  # spaCy is imported only when a model is needed
    from quoteapp.nlp.extractor import Extractor

WRITTEN, SKIPPED, FAILED = "written", "skipped", "failed"
EXTRACTOR_ENV = "QUOTEAPP_EXTRACTOR"
#: how often a worker's watchdog looks whether its parent is still there, in seconds
WATCHDOG_SECONDS = 1.0
_PR_SET_PDEATHSIG = 1


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
    """The process's Extractor for `model`: built on first use, then reused for every article.

    `$QUOTEAPP_EXTRACTOR` (module:function) names another factory, called with `model`.
    """
    plugged = os.environ.get(EXTRACTOR_ENV)
    if plugged:
        module, _, name = plugged.partition(":")
        factory: Any = getattr(importlib.import_module(module), name)
        return factory(model)
    from quoteapp.nlp.extractor import Extractor

    return Extractor(model)


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


def skipped_if_up_to_date(
    path: str | os.PathLike[str], out_dir: str | os.PathLike[str], model: str | None = None
) -> Result | None:
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


def init_worker(model: str | None, parent: int | None = None) -> None:
    """ProcessPoolExecutor initializer: die with the parent, one math thread per process (the processes
    are the parallelism), then the pipeline loaded once. A missing model (or any failure to build the
    extractor) is left for `extract_one`, where the caller sees it. `parent`: the pid of the process
    that started the pool (it may die while this worker is still starting up)."""
    die_with_parent(parent)
    for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        os.environ.setdefault(name, "1")
    with contextlib.suppress(Exception):
        extractor_for(model)


def die_with_parent(parent: int | None = None) -> None:
    """Make this worker process end when its parent does, even by `kill -9` (which runs no clean-up).

    Linux: the kernel sends SIGKILL at the parent's death (prctl PR_SET_PDEATHSIG). Everywhere,
    also a daemon thread that ends the process once `os.getppid()` changes (the orphan is
    re-parented), within WATCHDOG_SECONDS. `parent` is the pid the parent had (default: the current
    parent), so that a parent already gone by the time this runs is noticed too.
    """
    parent = os.getppid() if parent is None else parent
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, int(signal.SIGKILL), 0, 0, 0)
    if os.getppid() != parent:  # the parent died before the prctl took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), name="quoteapp-watchdog", daemon=True).start()


def _watch_parent(parent: int) -> None:
    """End the process (no clean-up: the parent that wanted the work is gone) when it is orphaned."""
    while os.getppid() == parent:
        time.sleep(WATCHDOG_SECONDS)
    os._exit(1)


def extract_one(
    path: str | os.PathLike[str], out_dir: str | os.PathLike[str], model: str | None = None, *, force: bool = False
) -> Result:
    """Read one article, find its quotes and write `<out_dir>/<id>.json`, unless that is up to date.

    Raises quoteapp.nlp.pipeline.ModelNotFound when no pipeline can be loaded; any other problem
    with the file, including an exception of the extractor on it, is a failed Result.
    """
    if not force and (skipped := skipped_if_up_to_date(path, out_dir, model)) is not None:
        return skipped
    path = Path(path)
    try:
        article = read_article(path)
    except (FormatError, OSError) as err:
        return Result(str(path), FAILED, error=str(err))
    extractor = extractor_for(model)  # ModelNotFound goes to the caller: every file would fail alike
    try:
        output = Path(out_dir) / f"{article.id}.json"
        annotation = extractor.annotate(article.text, article.id, path=path.name, title=article.title)
        output.parent.mkdir(parents=True, exist_ok=True)  # a Dask worker may be the first to write there
        write_annotation(annotation, output)
    except (FormatError, OSError) as err:
        return Result(str(path), FAILED, error=str(err))
    except Exception as err:  # a bug the article brings out: this file is lost, not the run
        return Result(str(path), FAILED, error=f"the extractor failed: {one_line(err)}")
    return Result(str(path), WRITTEN, str(output), len(annotation.quotes))


def one_line(err: BaseException) -> str:
    """An exception as one line of report: its type and the first line of its message."""
    first = str(err).strip().splitlines()[0] if str(err).strip() else ""
    return f"{type(err).__name__}: {first}" if first else type(err).__name__
