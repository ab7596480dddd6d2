"""Benchmark: `python benchmarks/statements_benchmark.py [--articles N] [FOLDER ...]`: grouping a folder's quotes
into statements (issue 13: 1,000 articles in under a minute).

Reads the attribution files of the folders (by default the PolNeAR train and dev gold files and the
seeds' gold, beside the checkout in ../shared), tops them up to N articles with copies under new
ids (syndicated copies: every quote of a copy has a word-for-word twin, the heavy case), and prints
the time of each step: building and applying the speaker registry, and `group_statements`.
Figures only: nothing is asserted (the machine may be shared).
"""

from __future__ import annotations

import argparse
import copy
import time
from collections import Counter
from pathlib import Path

from quoteapp.corpus.folder import read_annotation_folder
from quoteapp.corpus.registry import apply_registry, build_registry
from quoteapp.model import Annotation
from quoteapp.model.statements import group_statements

SHARED = Path(__file__).resolve().parent.parent.parent / "shared" / "gold"
DEFAULT_FOLDERS = [SHARED / "polnear-train", SHARED / "polnear-dev", SHARED / "seeds"]


def folder_annotations(folders: list[Path], articles: int) -> list[Annotation]:
    """The readable attribution files of `folders`, topped up (or cut) to `articles` articles."""
    found = [a for folder in folders if folder.is_dir() for _, a in read_annotation_folder(folder).annotations]
    if not found:
        raise SystemExit(f"no attribution files in {', '.join(map(str, folders))}")
    out = found[:articles]
    while len(out) < articles:
        twin = copy.deepcopy(found[len(out) % len(found)])
        twin.document.id = f"{twin.document.id}-copy{len(out)}"
        out.append(twin)
    return out


def timed(label: str, work):  # type: ignore[no-untyped-def]
    """Run `work()`, print how long it took, return what it returned."""
    start = time.perf_counter()
    result = work()
    print(f"{label:38} {time.perf_counter() - start:7.2f} s")
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, default=DEFAULT_FOLDERS, metavar="FOLDER")
    parser.add_argument("--articles", type=int, default=1000, metavar="N")
    args = parser.parse_args()
    annotations = folder_annotations(args.folders, args.articles)
    quotes = sum(len(a.quotes) for a in annotations)
    print(f"{len(annotations)} articles, {quotes} quotes")
    registry = timed("build the registry", lambda: build_registry(annotations))
    applied = timed("apply it to every article", lambda: [apply_registry(a, registry) for a in annotations])
    statements = timed("group_statements (grouping + flags)", lambda: group_statements(applied, registry))
    sizes = Counter(len(s.versions) for s in statements)
    flags = Counter(f.kind for s in statements for v in s.versions for f in v.flags)
    print(f"{len(statements)} statements; versions per statement: {dict(sorted(sizes.items()))}")
    print("flags: " + ", ".join(f"{n} {kind}" for kind, n in flags.most_common()))


if __name__ == "__main__":
    main()
