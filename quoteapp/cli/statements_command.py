"""`quoteapp statements CORPUS [--json|--csv] [--source FILE ...]`: one statement, many versions.

The quotes of a folder's attribution files grouped into statements, each version with its article,
type, words, speaker and chain, and its flags (what differs from the other versions, and from a
primary source). The folder's speaker registry names the speakers (built from the files when the
folder has none), and is applied first: a spokesperson's words are the words of the one spoken for.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path

from quoteapp.corpus.folder import FolderRead, read_annotation_folder
from quoteapp.corpus.folder_statements import folder_statements
from quoteapp.corpus.registry import build_registry, read_folder_registry
from quoteapp.formats.articles import read_article
from quoteapp.formats.attribution import read_annotation
from quoteapp.formats.errors import FormatError
from quoteapp.model import Annotation, Document
from quoteapp.model.registry import Registry
from quoteapp.model.statements import FLAG_KINDS, Statement, statement_dict

USAGE_ERROR = 2
CSV_COLUMNS = ("statement", "article", "quote", "type", "speaker", "intermediaries", "is_source", "flags", "text")


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    p = sub.add_parser(
        name,
        help="group a folder's quotes into statements and show how each version differs",
        description="Group the quotes of a folder's attribution files into statements (versions of the same "
        "remarks across articles) and flag what differs: " + "; ".join(FLAG_KINDS.values()) + ".",
    )
    p.add_argument(
        "corpus", type=Path, nargs="+", metavar="CORPUS", help="a folder of attribution files (*.json), or such files"
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help='print one JSON object: {"statements": [...]}')
    out.add_argument("--csv", action="store_true", help="print one CSV row per version")
    p.add_argument(
        "--source",
        type=Path,
        action="append",
        default=[],
        metavar="FILE",
        help="a primary source, repeatable (a transcript, statement or press release: an article or its "
        "attribution file); "
        "every quote is aligned to them (articles marked as sources in their files count too)",
    )
    p.set_defaults(run=run)


def _read(paths: list[Path]) -> FolderRead:
    """The attribution files of the folders and files given; what cannot be read is a problem, never raised."""
    read = FolderRead()
    for path in paths:
        if path.is_dir():
            one = read_annotation_folder(path)
            read.annotations += one.annotations
            read.problems += one.problems
            continue
        try:
            read.annotations.append((path, read_annotation(path)))
        except (FormatError, OSError) as err:
            read.problems.append((path, str(err).removeprefix(f"{path}: ")))
    return read


def _source(path: Path) -> Annotation:
    """A primary source: an attribution file, or an article (its whole text; no quotes needed)."""
    if path.suffix.lower() == ".json":
        return read_annotation(path)
    article = read_article(path)
    return Annotation(Document(id=article.id, text=article.text, path=str(path), title=article.title))


def _registry(paths: list[Path], annotations: list[Annotation]) -> Registry:
    """The folder's registry brought up to date with its files, or one built from the files."""
    folder = paths[0] if paths[0].is_dir() else paths[0].parent
    saved, problem = read_folder_registry(folder)
    if problem is not None:
        print(f"quoteapp: the speaker registry cannot be read, one is built from the files: {problem}", file=sys.stderr)
    return build_registry(annotations, saved)


def run(args: argparse.Namespace) -> int:
    missing = [p for p in args.corpus if not p.exists()]
    if missing:
        print(f"quoteapp: {missing[0]}: no such file or folder", file=sys.stderr)
        return USAGE_ERROR
    read = _read(args.corpus)
    for path, message in read.problems:
        print(f"quoteapp: skipped {path}: {message}", file=sys.stderr)
    annotations = [a for _, a in read.annotations]
    sources: set[str] = set()
    for path in args.source:
        try:
            source = _source(path)
        except (FormatError, OSError) as err:
            print(f"quoteapp: skipped the source {path}: {str(err).removeprefix(f'{path}: ')}", file=sys.stderr)
            continue
        sources.add(source.document.id)
        if all(a.document.id != source.document.id for a in annotations):
            annotations.append(source)
    if not annotations:
        where = ", ".join(map(str, args.corpus))
        print(f"quoteapp: no readable attribution files (*.json) in {where}", file=sys.stderr)
        return USAGE_ERROR
    registry = _registry(args.corpus, annotations)
    statements = folder_statements(annotations, registry, sources)
    if args.json:
        print(json.dumps({"statements": [statement_dict(s) for s in statements]}, ensure_ascii=False, indent=1))
    elif args.csv:
        _write_csv(statements)
    else:
        _print_text(statements, len(annotations))
    return 1 if read.problems else 0


def _write_csv(statements: list[Statement]) -> None:
    writer = csv.writer(sys.stdout)
    writer.writerow(CSV_COLUMNS)
    for statement in statements:
        for v in statement.versions:
            chain = "; ".join(f"{name} ({role})" for name, role in v.intermediaries)
            flags = " | ".join(f"{FLAG_KINDS[f.kind]}: {f.detail}" for f in v.flags)
            writer.writerow(
                [statement.id, v.article, v.quote, v.type, v.speaker or "", chain, v.is_source, flags, v.text]
            )


def _print_text(statements: list[Statement], articles: int) -> None:
    print(f"{len(statements)} statements with more than one version in {articles} articles")
    for statement in statements:
        print(f"\n{statement.id} ({len(statement.versions)} versions)")
        for v in statement.versions:
            chain = " → ".join(f"{name} ({role})" for name, role in v.intermediaries) or "firsthand"
            source = " [primary source]" if v.is_source else ""
            print(f"  {v.article} {v.quote}{source}: {v.type}, {v.speaker or 'no speaker'}, {chain}")
            print(f"    {v.text}")
            for flag in v.flags:
                print(f"    ! {FLAG_KINDS[flag.kind]}: {flag.detail}")
                changes = [d for d in flag.diff if d.op != "equal"]
                for d in changes:
                    print(f"        {d.op}: {d.ours!r} → {d.theirs!r}")
