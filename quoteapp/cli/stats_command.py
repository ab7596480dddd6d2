"""`quoteapp stats CORPUS [-o DIR]`: who is quoted how often and how, with charts saved as PNG."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quoteapp.corpus.folder import read_annotation_folder
from quoteapp.corpus.registry import build_registry, read_folder_registry
from quoteapp.model.statistics import corpus_stats


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    p = sub.add_parser(name, help="statistics of a folder of attribution files, with charts")
    p.add_argument("corpus", type=Path, metavar="CORPUS", help="a folder of .json attribution files")
    p.add_argument("-o", "--output", type=Path, metavar="DIR", help="write the charts here as PNG files")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not args.corpus.is_dir():
        print(f"quoteapp: {args.corpus} is not a folder", file=sys.stderr)
        return 2
    read = read_annotation_folder(args.corpus)
    for path, message in read.problems:
        print(f"quoteapp: skipped {path}: {message}", file=sys.stderr)
    annotations = [annotation for _, annotation in read.annotations]
    saved, problem = read_folder_registry(args.corpus)
    if problem is not None:
        print(
            f"quoteapp: the speaker registry cannot be read, speakers are counted per article: {problem}",
            file=sys.stderr,
        )
    # the same identities the editor's Corpus Statistics count: one person across the folder's articles
    registry = build_registry(annotations, saved) if saved is not None else None
    canonical = {key: i.name for key, i in registry.by_member().items()} if registry else {}
    stats = corpus_stats(annotations, canonical)
    total = stats.total
    print(
        f"{total.articles} articles, {total.quotes} quotes "
        f"({', '.join(f'{n} {t}' for t, n in sorted(total.by_type.items()))}); "
        f"anonymous sources {total.anonymous_share:.0%}; no speaker {total.unattributed}"
    )
    print("intermediaries: " + (", ".join(f"{n} {r}" for r, n in total.by_role.most_common()) or "none"))
    print("most quoted:")
    for name, count in total.by_speaker.most_common(10):
        print(f"  {count:4}  {name}")
    print("per article:        quotes  direct indirect  mixed  anonymous  intermediaries  most quoted")
    for article, one in stats.per_article.items():
        top = one.by_speaker.most_common(1)
        print(
            f"  {article[:18]:18} {one.quotes:6} {one.by_type['direct']:7} {one.by_type['indirect']:8} "
            f"{one.by_type['mixed']:6} {one.anonymous_share:10.0%} {sum(one.by_role.values()):15}  "
            f"{top[0][0] if top else '—'}"
        )
    if args.output:
        from quoteapp.corpus.charts import save_charts

        for path in save_charts(stats, args.output):
            print(f"wrote {path}", file=sys.stderr)
    return 1 if read.problems else 0
