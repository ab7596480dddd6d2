"""`quoteapp export CORPUS --format F -o OUT`: a folder of attribution files as a dataset, headless."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quoteapp.corpus.folder import FolderRead, read_annotation_folder
from quoteapp.corpus.registry import read_folder_registry
from quoteapp.formats.attribution import read_annotation
from quoteapp.formats.errors import FormatError

#: the keys of `quoteapp.formats.exports.EXPORTERS`, named here so that building the parser of every
#: subcommand does not import the exports (a test holds the two equal)
FORMATS = ("jsonl", "csv", "docbin", "brat", "labelstudio", "doccano", "prodigy", "inception")


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    p = sub.add_parser(name, help="export a folder of attribution files as a dataset: " + ", ".join(FORMATS))
    p.add_argument(
        "corpus",
        type=Path,
        metavar="CORPUS",
        help="a folder of *.quotes.json / *.json attribution files (or one such file)",
    )
    p.add_argument("--format", required=True, choices=FORMATS, dest="format")
    p.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        metavar="OUT",
        help="a folder for brat and inception, a file for the others (e.g. corpus.spacy for docbin)",
    )
    p.add_argument("--reviewed-only", action="store_true", help="only articles with no quote left in status auto")
    p.add_argument("--accepted-only", action="store_true", help="only accepted, corrected and added quotes")
    p.set_defaults(run=run)


def read_corpus(corpus: Path) -> FolderRead:
    """One attribution file, or a folder's by formats.folder's rule (the registry and backups left out)."""
    if not corpus.is_file():
        return read_annotation_folder(corpus)
    try:
        return FolderRead(annotations=[(corpus, read_annotation(corpus))])
    except FormatError as err:
        return FolderRead(problems=[(corpus, str(err).removeprefix(f"{corpus}: "))])


def run(args: argparse.Namespace) -> int:
    from quoteapp.formats.exports import ExportOptions, Item, export

    if not args.corpus.exists():
        print(f"quoteapp: {args.corpus}: no such file or folder", file=sys.stderr)
        return 2
    read = read_corpus(args.corpus)
    items: list[Item] = list(read.annotations)
    for path, message in read.problems:
        print(f"quoteapp: skipped {path}: {message}", file=sys.stderr)
    failed, total = len(read.problems), len(read.problems) + len(items)
    if not total:
        print(f"quoteapp: no attribution files (*.json) in {args.corpus}", file=sys.stderr)
    options = ExportOptions(reviewed_only=args.reviewed_only, accepted_only=args.accepted_only)
    registry, problem = read_folder_registry(args.corpus if args.corpus.is_dir() else args.corpus.parent)
    if problem:
        print(f"warning: the speaker registry cannot be read, identities are left empty: {problem}")
    try:
        report = export(args.format, items, args.output, options, registry)
    except (OSError, FormatError) as err:
        print(f"quoteapp: cannot write {args.output}: {err}", file=sys.stderr)
        return 2
    print(report.summary())
    for name in report.skipped:
        print(f"  left out (not reviewed): {name}")
    for warning in report.warnings:
        print(f"warning: {warning}")
    if failed:
        print(f"quoteapp: {failed} of {total} files could not be read", file=sys.stderr)
    return 1 if failed or not total else 0
