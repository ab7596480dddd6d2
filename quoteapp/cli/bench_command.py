"""`quoteapp bench FOLDER`: words per second of the spaCy parse alone and with quoteapp's rules."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

MAX_OVERHEAD = 0.15


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    p = sub.add_parser(name, help="time the spaCy parse alone and parse + quote rules over a folder of articles")
    p.add_argument("folder", type=Path, metavar="FOLDER", help="a folder of articles (.txt, .md, .html)")
    p.add_argument(
        "--repeat", type=int, default=3, help="timed passes, each kind interleaved per article; the median ratio counts"
    )
    p.add_argument("--model", metavar="NAME", help="an installed spaCy pipeline (default: en_core_web_sm)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from quoteapp.nlp.benchmark import read_texts, run_benchmark
    from quoteapp.nlp.extractor import Extractor
    from quoteapp.nlp.pipeline import ModelNotFound

    if not args.folder.is_dir():
        print(f"quoteapp: {args.folder} is not a folder", file=sys.stderr)
        return 2
    items = read_texts(args.folder)
    if not items:
        print(f"quoteapp: no articles in {args.folder}", file=sys.stderr)
        return 2
    try:
        extractor = Extractor(args.model)
    except ModelNotFound as err:
        print(f"quoteapp: {err}", file=sys.stderr)
        return 2
    result = run_benchmark(items, extractor, repeat=args.repeat)
    print(result.report())
    print(f"bar: overhead <= {MAX_OVERHEAD:.0%}: {'met' if result.overhead <= MAX_OVERHEAD else 'NOT met'}")
    return 0
