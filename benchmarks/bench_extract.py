"""Benchmark: `python benchmarks/bench_extract.py FOLDER [--repeat N] [--model NAME]`.

Prints words per second for the spaCy parse alone and for parse + quoteapp's rules, their ratio,
and the peak memory. Issue 4's bar: our work adds at most 15% to the parse time.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quoteapp.nlp.benchmark import read_texts, run_benchmark
from quoteapp.nlp.extractor import Extractor

MAX_OVERHEAD = 0.15


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder of articles (.txt, .md, .html)")
    parser.add_argument(
        "--repeat", type=int, default=3, help="timed passes, each kind interleaved per article; the median ratio counts"
    )
    parser.add_argument("--model", help="an installed spaCy pipeline")
    args = parser.parse_args(argv)
    items = read_texts(args.folder)
    if not items:
        print(f"no articles in {args.folder}", file=sys.stderr)
        return 2
    result = run_benchmark(items, Extractor(args.model), repeat=args.repeat)
    print(result.report())
    ok = result.overhead <= MAX_OVERHEAD
    print(f"bar: overhead <= {MAX_OVERHEAD:.0%}: {'met' if ok else 'NOT met'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
