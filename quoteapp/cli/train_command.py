"""`quoteapp train ANNOTATIONS... -o PIPELINE_DIR [--eval GOLD_DIR] [--curve 25,100,400]`.

Learns from an editor's attribution files which candidate quotes the project keeps (see
`quoteapp.nlp.learning`), and writes a spaCy pipeline folder that `--model PIPELINE_DIR` loads.
`--curve` trains on growing subsets (the same seeded shuffle, each subset holding the one before)
and prints the `eval` figures on `--eval` for each: the learning curve. Progress goes to stderr,
figures to stdout.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections.abc import Callable
from pathlib import Path

USAGE_ERROR = 2
#: The seed of the shuffle that picks the curve's subsets: the same files give the same curve.
CURVE_SEED = 0


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    p = sub.add_parser(name, help="learn from corrected attribution files; write a trained spaCy pipeline folder")
    p.add_argument("annotations", nargs="+", type=Path, metavar="ANNOTATIONS", help="attribution files or folders")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="PIPELINE_DIR", help="the pipeline folder")
    p.add_argument("--eval", type=Path, metavar="GOLD_DIR", help="gold files to measure on (never trained on)")
    p.add_argument("--curve", type=_sizes, metavar="N,N,...", help="with --eval: also train on the first N articles")
    p.add_argument("--model", metavar="NAME", help="the base spaCy pipeline (default: en_core_web_sm)")
    p.add_argument("--cache", type=Path, metavar="DIR", help="where parsed articles are kept (default: user cache)")
    p.set_defaults(run=run)


def _sizes(value: str) -> list[int]:
    try:
        sizes = sorted({int(v) for v in value.split(",") if v.strip()})
    except ValueError as err:
        raise argparse.ArgumentTypeError("a list of article counts, such as 25,100,400") from err
    if not sizes or sizes[0] < 1:
        raise argparse.ArgumentTypeError("article counts must be 1 or more")
    return sizes


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _progress(label: str) -> Callable[[int, int], None]:
    """A progress callback that says every 25th parsed article on stderr."""

    def report(done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            _say(f"{label}: parsed {done}/{total}")

    return report


def run(args: argparse.Namespace) -> int:
    from quoteapp.nlp.learning.parsed import read_annotations
    from quoteapp.nlp.learning.training import labelled

    if args.curve and not args.eval:
        _say("quoteapp train: --curve needs --eval GOLD_DIR")
        return USAGE_ERROR
    annotations = labelled(read_annotations(args.annotations, _say))
    if not annotations:
        _say("quoteapp train: no article with an editor's decision (accepted, corrected, added, rejected, reviewed)")
        return USAGE_ERROR
    gold = _gold(args.eval) if args.eval else None
    if gold is not None and _shared_texts(annotations, gold):
        _say("quoteapp train: the --eval files include training articles; measure on articles never trained on")
        return USAGE_ERROR
    return _train(args, annotations, gold)


def _gold(folder: Path) -> list:
    from quoteapp.evaluation.scoring import read_gold

    gold, _ = read_gold(folder)
    return gold


def _shared_texts(annotations: list, gold: list) -> bool:
    return bool({a.document.sha256 for a in annotations} & {g.document.sha256 for _, g in gold})


def _train(args: argparse.Namespace, annotations: list, gold: list | None) -> int:
    from quoteapp.nlp.learning.saving import save_pipeline, trained_pipeline
    from quoteapp.nlp.learning.training import collect_examples, evaluate_model, figures_line, train_keep_model
    from quoteapp.nlp.pipeline import load_pipeline

    started = time.perf_counter()
    random.Random(CURVE_SEED).shuffle(annotations)
    nlp = load_pipeline(args.model)
    _say(f"training on {len(annotations)} articles")
    per_article = collect_examples(nlp, annotations, args.cache, _progress("training articles"))
    sources = [str(p) for p in args.annotations]
    if gold is not None:
        _say(f"measuring on {len(gold)} gold articles ({args.eval})")
        print(f"default pipeline: {figures_line(evaluate_model(nlp, gold, None, args.cache))}", flush=True)
        for n in [n for n in args.curve or [] if n < len(annotations)]:
            model = train_keep_model(per_article[:n], sources)
            print(f"{n} articles: {figures_line(evaluate_model(nlp, gold, model, args.cache))}", flush=True)
    model = train_keep_model(per_article, sources)
    trained_at = time.perf_counter() - started
    _say(f"trained on {len(annotations)} articles in {trained_at:.0f} s ({model.info['examples']} candidates)")
    if gold is not None:
        print(f"{len(annotations)} articles: {figures_line(evaluate_model(nlp, gold, model, args.cache))}", flush=True)
    save_pipeline(trained_pipeline(model, args.model), args.output)
    _say(f"wrote {args.output}: open it with --model {args.output}")
    return 0
