"""`quoteapp extract FILES... -o DIR`: one attribution file per article, headless.

Built for thousands of files: `--jobs N` worker processes, or a Dask cluster with `--dask`; a run
can be resumed (articles whose output is up to date are skipped, `--force` redoes them); progress
shows the rate and the time left; a bad file is reported and the rest done. The work on one file is
quoteapp.nlp.batch.extract_one, whichever way the files are spread.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import sys
from collections import defaultdict
from collections.abc import Generator, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from tqdm import tqdm

from quoteapp.nlp.batch import (
    FAILED,
    SKIPPED,
    WRITTEN,
    Result,
    extract_one,
    init_worker,
    one_line,
    output_path,
    skipped_if_up_to_date,
)

USAGE_ERROR = 2

log = logging.getLogger(__name__)


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    p = sub.add_parser(name, help="find the quotes of articles and write <id>.json attribution files")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="articles: .txt, .md, .html")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder for the .json files")
    p.add_argument("--model", metavar="NAME", help="an installed spaCy pipeline (default: en_core_web_sm)")
    p.add_argument(
        "-j",
        "--jobs",
        type=_positive,
        default=None,
        metavar="N",
        help="worker processes, each loading the pipeline once (default: the number of cores; 1 works in this process)",
    )
    p.add_argument(
        "--force",
        action="store_true",
        help="redo every article (default: skip those whose output is newer and of the same text)",
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run on a Dask cluster: a scheduler address "
        "(tcp://host:8786), or 'local' for a cluster on this machine; needs dask[distributed]",
    )
    p.set_defaults(run=run)


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def default_jobs() -> int:
    """The cores this process may use (os.process_cpu_count, Python 3.13+), else all the machine's."""
    count = getattr(os, "process_cpu_count", os.cpu_count)()
    return max(1, count or 1)


def clashing_outputs(files: Sequence[Path], output: Path) -> dict[Path, list[Path]]:
    """The outputs two or more different inputs would be written to (`a/story.txt`, `b/story.md`: `story.json`)."""
    by_output: dict[Path, list[Path]] = defaultdict(list)
    for path in files:
        by_output[output_path(path, output)].append(path)
    return {out: paths for out, paths in by_output.items() if len(paths) > 1}


def _distinct(files: Sequence[Path]) -> list[Path]:
    """The files in order, each once: the same file named twice (or by two paths) is one article."""
    seen: set[str] = set()
    out = []
    for path in files:
        key = os.path.realpath(path)
        if key not in seen:
            seen.add(key)
            out.append(path)
    return out


def run(args: argparse.Namespace) -> int:
    files = _distinct(args.files)
    clashes = clashing_outputs(files, args.output)
    if clashes:
        for out, paths in clashes.items():
            print(f"quoteapp: {', '.join(map(str, paths))} would all be written to {out}", file=sys.stderr)
        print(
            "quoteapp: nothing written: rename the articles, or extract them into different folders (-o)",
            file=sys.stderr,
        )
        return USAGE_ERROR
    try:
        args.output.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"quoteapp: cannot create the output folder {args.output}: {err.strerror}", file=sys.stderr)
        return USAGE_ERROR
    jobs = args.jobs or default_jobs()
    force = args.force
    # up-to-date outputs are found here, before any worker or model is started: a finished run resumed costs nothing
    up_to_date = (skipped_if_up_to_date(p, args.output, args.model) for p in ([] if force else files))
    skipped = [r for r in up_to_date if r is not None]
    done = {Path(r.path) for r in skipped}
    todo = [p for p in files if p not in done]
    counts = {WRITTEN: 0, SKIPPED: len(skipped), FAILED: 0}
    bar = tqdm(
        total=len(files),
        initial=len(skipped),
        unit="article",
        file=sys.stderr,
        disable=len(files) < 2,
        dynamic_ncols=True,
    )
    try:
        if args.dask:
            results = _on_dask(todo, args, bar)
        elif jobs > 1 and len(todo) > 1:
            results = _in_processes(todo, args, jobs)
        else:
            results = (extract_one(p, args.output, args.model, force=True) for p in _named(todo, bar))
        for result in results:
            counts[result.status] += 1
            log.info("%s: %s", result.path, result.status)
            if result.status == FAILED:
                tqdm.write(f"quoteapp: skipped {result.path}: {result.error}", file=sys.stderr)
            if not args.dask:
                bar.update()
    except Exception as err:
        if not (_is_model_not_found(err) or args.dask):
            raise
        bar.close()  # no pipeline, or the Dask client: cannot connect, scheduler gone, not installed
        print(
            f"quoteapp: {err}" if _is_model_not_found(err) else f"quoteapp: the Dask run failed: {err}", file=sys.stderr
        )
        return USAGE_ERROR
    bar.close()
    print(_summary(len(files), counts, args.output), file=sys.stderr)
    return 1 if counts[FAILED] else 0


def _is_model_not_found(err: BaseException) -> bool:
    """Whether `err` is a missing spaCy pipeline, without importing spaCy: the main process of a run
    (resumed with nothing to do, or spread over workers) never needs it. Where a ModelNotFound was
    raised or unpickled, its module is loaded already."""
    pipeline = sys.modules.get("quoteapp.nlp.pipeline")
    return pipeline is not None and isinstance(err, pipeline.ModelNotFound)


def _summary(total: int, counts: dict[str, int], output: Path) -> str:
    line = f"{counts[WRITTEN]} of {total} articles written to {output}"
    if counts[SKIPPED]:
        line += f", {counts[SKIPPED]} skipped as up to date (--force to redo them)"
    if counts[FAILED]:
        line += f", {counts[FAILED]} failed"
    return line


def _named(files: Sequence[Path], bar: tqdm) -> Iterator[Path]:
    """The files in turn, each shown beside the bar while it is worked on (the serial run)."""
    for path in files:
        bar.set_postfix_str(path.name, refresh=False)
        yield path


def _in_processes(files: Sequence[Path], args: argparse.Namespace, jobs: int) -> Iterator[Result]:
    """The files spread over `jobs` processes, results as they come. Spawned processes: the same on
    every platform, and no fork of a process that holds threads (tqdm's monitor, a loaded model).
    The workers die with this process (batch.init_worker), even when it is killed.

    A worker that dies (a crash in the parser, the OOM killer) breaks the pool, and which of the
    articles in flight did it is not known: the unfinished ones are then run one at a time in a
    single worker until the one that kills it shows itself (it fails), and the rest go back to `jobs`.
    """
    remaining = list(files)
    while remaining:
        unfinished = yield from _pool_run(remaining, args, jobs)
        remaining = (yield from _find_the_killer(unfinished, args)) if unfinished else []


def _pool(args: argparse.Namespace, workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=init_worker,
        initargs=(args.model, os.getpid()),
    )


def _pool_run(files: Sequence[Path], args: argparse.Namespace, jobs: int) -> Generator[Result, None, list[Path]]:
    """Run `files` on a pool of `jobs` workers, yielding Results; returns the files a broken pool left undone."""
    unfinished: list[Path] = []
    with _pool(args, min(jobs, len(files))) as pool:
        futures = {pool.submit(extract_one, str(p), str(args.output), args.model, force=True): p for p in files}
        try:
            for future in as_completed(futures):
                result = _result_of(future, futures[future])
                if result is None:
                    unfinished.append(futures[future])
                else:
                    yield result
        finally:
            for future in futures:
                future.cancel()
    return sorted(unfinished, key=list(files).index)


def _find_the_killer(files: Sequence[Path], args: argparse.Namespace) -> Generator[Result, None, list[Path]]:
    """Run `files` one at a time in one worker until one breaks it: that one fails; returns the rest."""
    with _pool(args, 1) as pool:
        for n, path in enumerate(files):
            result = _result_of(pool.submit(extract_one, str(path), str(args.output), args.model, force=True), path)
            if result is None:
                yield Result(
                    str(path), FAILED, error="the worker process died on this article (a crash, or out of memory)"
                )
                return list(files[n + 1 :])
            yield result
    return []


def _result_of(future: Future[Result], path: Path) -> Result | None:
    """The future's Result; None when the pool broke (a worker died); anything else raised is the file's failure.
    A missing model is raised: every file would fail alike."""
    try:
        return future.result()
    except BrokenProcessPool:
        return None
    except Exception as err:
        if _is_model_not_found(err):
            raise
        return Result(str(path), FAILED, error=f"the worker failed: {one_line(err)}")


def _on_dask(files: Sequence[Path], args: argparse.Namespace, bar: tqdm) -> list[Result]:
    from quoteapp.nlp.distributed import extract_with_dask

    if not files:
        return []
    return extract_with_dask(
        files, args.output, model=args.model, scheduler_address=args.dask, force=True, on_result=lambda _: bar.update()
    )
