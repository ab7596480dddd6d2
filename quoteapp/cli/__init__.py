"""The `quoteapp` command: the editor with no subcommand; `extract`, `eval` and the rest headless."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from quoteapp import __version__
from quoteapp.cli import agree_command, bench_command, eval_command, export_command, extract_command, stats_command

SUBCOMMANDS = {"extract": extract_command, "eval": eval_command, "bench": bench_command, "stats": stats_command}
SUBCOMMANDS["export"] = export_command  # a line of its own: others add theirs to the dict above
SUBCOMMANDS["agree"] = agree_command


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="quoteapp",
        description="Find quotations in news articles and attribute them to speakers and intermediaries.",
    )
    parser.add_argument("--version", action="version", version=f"quoteapp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in SUBCOMMANDS.items():
        module.add_parser(sub, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a subcommand, or open the editor when the first argument is none (a file, or nothing)."""
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or (args[0] not in SUBCOMMANDS and args[0] not in ("-h", "--help", "--version")):
        from quoteapp.cli import app_command

        return app_command.run(args)
    parsed = build_parser().parse_args(args)
    return parsed.run(parsed)
