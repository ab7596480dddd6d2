"""`quoteapp extract FILES... -o DIR`: one attribution file per article, headless.

Built for thousands of files: `--jobs N` worker processes, or a Dask cluster with `--dask`; a run
can be resumed (articles whose output is up to date are skipped, `--force` redoes them); progress
shows the rate and the time left; a bad file is reported and the rest done. The work on one file is
quoteapp.nlp.batch.extract_one, whichever way the files are spread.
"""

from __future__ import annotations

import argparse
import multiprocessing
import sys
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from tqdm import tqdm

from quoteapp.nlp.batch import FAILED, SKIPPED, WRITTEN, Result, extract_one, init_worker, skipped_if_up_to_date

USAGE_ERROR = 2


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    p = sub.add_parser(name, help="find the quotes of articles and write <id>.json attribution files")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="articles: .txt, .md, .html")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder for the .json files")
    p.add_argument("--model", metavar="NAME", help="an installed spaCy pipeline (default: en_core_web_sm)")
    p.add_argument("-j", "--jobs", type=_positive, default=1, metavar="N",
                   help="worker processes, each loading the pipeline once (default: 1, in this process)")
    p.add_argument("--force", action="store_true",
                   help="redo every article (default: skip those whose output is newer and of the same text)")
    p.add_argument("--dask", metavar="ADDRESS", help="run on a Dask cluster: a scheduler address "
                   "(tcp://host:8786), or 'local' for a cluster on this machine; needs dask[distributed]")
    p.set_defaults(run=run)


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def run(args: argparse.Namespace) -> int:
    from quoteapp.nlp.pipeline import ModelNotFound

    try:
        args.output.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"quoteapp: cannot create the output folder {args.output}: {err.strerror}", file=sys.stderr)
        return USAGE_ERROR
    files = list(args.files)
    force = args.force
    # up-to-date outputs are found here, before any worker or model is started: a finished run resumed costs nothing
    up_to_date = (skipped_if_up_to_date(p, args.output, args.model) for p in ([] if force else files))
    skipped = [r for r in up_to_date if r is not None]
    done = {Path(r.path) for r in skipped}
    todo = [p for p in files if p not in done]
    counts = {WRITTEN: 0, SKIPPED: len(skipped), FAILED: 0}
    bar = tqdm(total=len(files), initial=len(skipped), unit="article", file=sys.stderr,
               disable=len(files) < 2, dynamic_ncols=True)
    try:
        if args.dask:
            results = _on_dask(todo, args, bar)
        elif args.jobs > 1 and len(todo) > 1:
            results = _in_processes(todo, args)
        else:
            results = (extract_one(p, args.output, args.model, force=True) for p in _named(todo, bar))
        for result in results:
            counts[result.status] += 1
            if result.status == FAILED:
                tqdm.write(f"quoteapp: skipped {result.path}: {result.error}", file=sys.stderr)
            if not args.dask:
                bar.update()
    except ModelNotFound as err:
        bar.close()
        print(f"quoteapp: {err}", file=sys.stderr)
        return USAGE_ERROR
    except Exception as err:  # the Dask client: cannot connect, scheduler gone, not installed
        if not args.dask:
            raise
        bar.close()
        print(f"quoteapp: the Dask run failed: {err}", file=sys.stderr)
        return USAGE_ERROR
    bar.close()
    print(_summary(len(files), counts, args.output), file=sys.stderr)
    return 1 if counts[FAILED] else 0


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


def _in_processes(files: Sequence[Path], args: argparse.Namespace) -> Iterator[Result]:
    """The files spread over `--jobs` processes, results as they come. Spawned processes: the same on
    every platform, and no fork of a process that holds threads (tqdm's monitor, a loaded model)."""
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=min(args.jobs, len(files)), mp_context=context,
                             initializer=init_worker, initargs=(args.model,)) as pool:
        futures = [pool.submit(extract_one, str(p), str(args.output), args.model, force=True) for p in files]
        try:
            for future in as_completed(futures):
                yield future.result()
        finally:
            for future in futures:
                future.cancel()


def _on_dask(files: Sequence[Path], args: argparse.Namespace, bar: tqdm) -> list[Result]:
    from quoteapp.nlp.distributed import extract_with_dask

    if not files:
        return []
    return extract_with_dask(files, args.output, model=args.model, scheduler_address=args.dask, force=True,
                             on_result=lambda _: bar.update())
