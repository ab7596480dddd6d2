"""`quoteapp extract FILES... -o DIR`: one attribution file per article, headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tqdm import tqdm

from quoteapp.formats.articles import read_article
from quoteapp.formats.attribution import write_annotation
from quoteapp.formats.errors import FormatError


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    p = sub.add_parser(name, help="find the quotes of articles and write <id>.json attribution files")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE", help="articles: .txt, .md, .html")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="DIR", help="folder for the .json files")
    p.add_argument("--model", metavar="NAME", help="an installed spaCy pipeline (default: en_core_web_sm)")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from quoteapp.nlp.extractor import Extractor
    from quoteapp.nlp.pipeline import ModelNotFound

    try:
        extractor = Extractor(args.model)
    except ModelNotFound as err:
        print(f"quoteapp: {err}", file=sys.stderr)
        return 2
    try:
        args.output.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        print(f"quoteapp: cannot create the output folder {args.output}: {err.strerror}", file=sys.stderr)
        return 2
    failed = 0
    files = list(args.files)
    bar = tqdm(files, unit="article", file=sys.stderr, disable=len(files) < 2, dynamic_ncols=True)
    for path in bar:
        bar.set_postfix_str(path.name, refresh=False)
        try:
            article = read_article(path)
            annotation = extractor.annotate(article.text, article.id, path=path.name, title=article.title)
            write_annotation(annotation, args.output / f"{article.id}.json")
        except (FormatError, OSError) as err:
            failed += 1
            tqdm.write(f"quoteapp: skipped {path}: {err}", file=sys.stderr)
    done = len(files) - failed
    print(f"{done} of {len(files)} articles written to {args.output}" + (f", {failed} failed" if failed else ""),
          file=sys.stderr)
    return 1 if failed else 0
