"""The `quoteapp` command: the editor with no subcommand; `extract`, `eval` and the rest headless."""

from __future__ import annotations

import argparse
import difflib
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

import shtab

from quoteapp import __version__
from quoteapp.cli import (
    agree_command,
    bench_command,
    eval_command,
    export_command,
    extract_command,
    statements_command,
    stats_command,
    train_command,
)

SUBCOMMANDS = {"extract": extract_command, "eval": eval_command, "bench": bench_command, "stats": stats_command}
SUBCOMMANDS["export"] = export_command  # a line of its own: others add theirs to the dict above
SUBCOMMANDS["agree"] = agree_command
SUBCOMMANDS["train"] = train_command
SUBCOMMANDS["statements"] = statements_command

#: Options of the command itself, not of the editor (which takes a path and --model).
TOP_LEVEL_OPTIONS = ("-h", "--help", "--version", "--info", "--print-completion")
VERBOSE_FLAGS = {"-v": 1, "--verbose": 1, "-vv": 2}


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quoteapp",
        description="Find quotations in news articles and attribute them to speakers and intermediaries.",
        epilog="With no command, or with a file or folder (and --model NAME), quoteapp opens the editor.",
    )
    parser.add_argument("--version", action="version", version=f"quoteapp {__version__}")
    parser.add_argument("--info", action="store_true", help="print what a bug report needs, then exit")
    parser.add_argument("--model", metavar="NAME", help="with --info: the spaCy pipeline to describe")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="log progress to stderr (-vv: debug)")
    shtab.add_argument_to(
        parser, ["--print-completion"], help=f"print a shell completion script ({', '.join(shtab.SUPPORTED_SHELLS)})"
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in SUBCOMMANDS.items():
        module.add_parser(sub, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand, or open the editor when the first argument is a file, a folder or nothing."""
    args = list(sys.argv[1:] if argv is None else argv)
    verbosity, args = _take_verbosity(args)
    _configure_logging(verbosity)
    if _opens_editor(args):
        return editor(args)
    unknown = _unknown_command(args)
    if unknown:
        print(unknown, file=sys.stderr)
        return 2
    parsed = build_parser().parse_args(args)
    if parsed.info:
        from quoteapp.nlp.installation import info_lines

        print("\n".join(info_lines(parsed.model)))
        return 0
    if parsed.command is None:
        return editor([])
    return parsed.run(parsed)


def editor(argv: Sequence[str] | None = None) -> int:
    """The editor's own entry point (the GUI script: no console window on Windows)."""
    from quoteapp.cli import app_command

    return app_command.run(list(sys.argv[1:] if argv is None else argv))


def _take_verbosity(args: list[str]) -> tuple[int, list[str]]:
    """Leading -v / -vv / --verbose, wherever the rest goes (editor or subcommand)."""
    level = 0
    while args and args[0] in VERBOSE_FLAGS:
        level += VERBOSE_FLAGS[args.pop(0)]
    return level, args


def _configure_logging(verbosity: int) -> None:
    if verbosity:
        level = logging.DEBUG if verbosity > 1 else logging.INFO
        logging.basicConfig(level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")


def _opens_editor(args: list[str]) -> bool:
    """The editor is for nothing, a path, or its own options; a bare word is a command (or a typo)."""
    if not args:
        return True
    first = args[0]
    if first in SUBCOMMANDS or first in TOP_LEVEL_OPTIONS or first.startswith("--print-completion"):
        return False
    if first.startswith("-"):
        return "--info" not in args
    return _looks_like_path(first)


def _looks_like_path(word: str) -> bool:
    path = Path(word)
    return path.exists() or len(path.parts) > 1 or bool(path.suffix)


def _unknown_command(args: list[str]) -> str | None:
    """The message for `quoteapp stat` or `quoteapp exprot`: a typo, not a file to open."""
    first = args[0] if args else ""
    if not first or first.startswith("-") or first in SUBCOMMANDS:
        return None
    close = difflib.get_close_matches(first, SUBCOMMANDS, n=1, cutoff=0.5)
    hint = f" Did you mean '{close[0]}'?" if close else ""
    commands = ", ".join(SUBCOMMANDS)
    return f"quoteapp: '{first}' is neither a command ({commands}) nor a file or folder.{hint}"
