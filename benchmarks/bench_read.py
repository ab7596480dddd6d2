"""Benchmark: `python benchmarks/bench_read.py [--quotes N ...]`: time to read and check an attribution file.

Builds invented attribution files of N quotes (N = 1,600 is a long article's worth of quotes, 100,000
about 70 MB), writes each to a temp folder, and prints the best of three reads and, apart, the time
spent in JSON Schema validation. Figures only: nothing is asserted (the machine may be shared).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from quoteapp.formats import attribution
from quoteapp.formats.attribution import read_annotation, write_annotation
from quoteapp.model import Annotation, Document, Entity, Quote, Span, Speaker

SENTENCE = "Mayor Ada Quill said the new ferry would run every hour from the spring onwards. "


def invented_annotation(quotes: int, *, nested: bool = False) -> Annotation:
    """`quotes` quotes over an invented text, one sentence each; `nested`: each quote the parent of the next."""
    text = SENTENCE * quotes
    start = SENTENCE.index("the new")
    content = len("the new ferry would run every hour from the spring onwards")
    entity = Entity("E1", "person", "Ada Quill", ["Quill"], mentions=[Span(6, 15, "Ada Quill")])
    items = []
    for i in range(quotes):
        at = i * len(SENTENCE)
        segment = Span(at + start, at + start + content, text[at + start : at + start + content])
        cue = Span(at + 16, at + 20, "said")
        parent = f"Q{i}" if nested and i else None
        items.append(
            Quote(
                f"Q{i + 1}",
                "indirect",
                [segment],
                cue,
                Speaker("E1", Span(at + 6, at + 15, "Ada Quill")),
                parent=parent,
                confidence=0.8,
                evidence="invented",
            )
        )
    return Annotation(Document("bench", text), [entity], items)


def best_of(repeat: int, work) -> float:  # type: ignore[no-untyped-def]
    """The best wall time of `repeat` calls of `work`, in seconds."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        work()
        times.append(time.perf_counter() - t0)
    return min(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quotes", type=int, nargs="+", default=[1600, 100_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--nested", action="store_true", help="each quote nested in the one before (a long chain)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        for n in args.quotes:
            path = Path(folder) / f"bench-{n}.json"
            write_annotation(invented_annotation(n, nested=args.nested), path)
            data = attribution.json.loads(path.read_text(encoding="utf-8"))
            repeat = args.repeat if n < 20_000 else 1
            read = best_of(repeat, lambda p=path: read_annotation(p))
            schema = best_of(repeat, lambda d=data: attribution._check_structure(d, ""))
            size = path.stat().st_size / 1e6
            print(f"{n:7} quotes, {size:6.1f} MB: read {read * 1000:9.1f} ms, of which schema {schema * 1000:9.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
