"""`quoteapp extract` beyond one machine: the same per-file work (quoteapp.nlp.batch.extract_one) on Dask.

Entry point: `extract_with_dask(paths, out_dir, ...)`. Each file is one task (`client.map`), so a
failed or slow article holds up nothing else, and each Dask worker process loads the spaCy
pipeline once, on its first article (batch.extractor_for is cached per process). The articles and
the output folder must be reachable under the same paths from every worker (a shared file system).

Dask is optional: `pip install "quoteapp[distributed]"` (or `pip install "dask[distributed]"`).

    from distributed import Client, LocalCluster
    from quoteapp.nlp.distributed import extract_with_dask

    with LocalCluster(n_workers=4, threads_per_worker=1) as cluster, Client(cluster) as client:
        results = extract_with_dask(paths, "out", client=client)
    failed = [r for r in results if r.status == "failed"]
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from contextlib import ExitStack
from typing import Any

from quoteapp.nlp.batch import FAILED, Result, extract_one, one_line

LOCAL = "local"
INSTALL_HINT = 'Dask is not installed: pip install "quoteapp[distributed]" (or "dask[distributed]")'


class DaskMissing(RuntimeError):
    """dask/distributed is not installed: the message says how to install it."""


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as err:
        raise DaskMissing(INSTALL_HINT) from err
    return distributed


def extract_with_dask(
    paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    *,
    client: Any = None,
    model: str | None = None,
    scheduler_address: str | None = None,
    force: bool = False,
    on_result: Callable[[Result], None] | None = None,
) -> list[Result]:
    """Extract every article on a Dask cluster; the Results come back in the order of `paths`.

    The cluster is `client` if given, else a connection to `scheduler_address`, else (None or
    "local") a LocalCluster on this machine, closed afterwards. `on_result` is called as each
    article is done (for progress). A missing spaCy pipeline on a worker raises ModelNotFound here;
    a task that fails otherwise (its worker died on the file, say) is that file's failed Result.
    """
    distributed = _distributed()
    paths = [os.fspath(p) for p in paths]
    out_dir = os.fspath(out_dir)
    with ExitStack() as stack:
        if client is None:
            if scheduler_address in (None, LOCAL):
                # processes, one thread each: spaCy's parser holds the GIL
                cluster = stack.enter_context(distributed.LocalCluster(threads_per_worker=1, processes=True))
                client = stack.enter_context(distributed.Client(cluster))
            else:
                client = stack.enter_context(distributed.Client(scheduler_address))
        futures = client.map(extract_one, paths, out_dir=out_dir, model=model, force=force, pure=False)
        where = {future.key: i for i, future in enumerate(futures)}
        results: list[Result] = [Result(path, FAILED, error="not run") for path in paths]
        try:
            for future in distributed.as_completed(futures):
                i = where[future.key]
                results[i] = _result_of(future, paths[i])
                if on_result is not None:
                    on_result(results[i])
            return results
        finally:
            client.cancel(futures)


def _result_of(future: Any, path: str) -> Result:
    """The task's Result, or a failed one naming what went wrong; a missing model is raised (all would fail)."""
    from quoteapp.nlp.pipeline import ModelNotFound

    try:
        return future.result()
    except ModelNotFound:
        raise
    except Exception as err:
        return Result(path, FAILED, error=f"the Dask task failed: {one_line(err)}")
