"""`quoteapp eval GOLD_DIR PRED_DIR`: precision, recall and F1 of attribution files against gold ones.

The figures are those of `shared/tools/score.py` (see quoteapp.evaluation.scoring), printed in its
layout, with per-type figures and error lists on top for studying what the extractor gets wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from quoteapp.corpus.locations import annotation_files
from quoteapp.evaluation.scoring import (
    FALSE_ALARM,
    MISS,
    WRONG_SPEAKER,
    DocumentScore,
    ErrorItem,
    Evaluation,
    Scores,
    evaluate_folders,
)

USAGE_ERROR = 2
ALL = "all"


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    p = sub.add_parser(
        name,
        help="score attribution files against gold files",
        description="Score a folder of attribution files against a folder of gold files "
        "(the metric of attribution-format.md, the same figures as shared/tools/score.py).",
    )
    p.add_argument("gold_dir", metavar="GOLD_DIR", help="folder of gold attribution files (*.json)")
    p.add_argument("pred_dir", metavar="PRED_DIR", help="folder of predicted attribution files (*.json)")
    p.add_argument("--docs", action="store_true", help="also print the counts of each document")
    p.add_argument(
        "--by-type",
        action="store_true",
        help="also print figures per quote type (recall by gold type, precision by predicted type)",
    )
    p.add_argument(
        "--errors",
        metavar="DOC_ID",
        help="list the misses, false alarms and wrong speakers of one document, or of every document with 'all'",
    )
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.set_defaults(run=run)


def _fail(message: str) -> int:
    print(f"quoteapp eval: {message}", file=sys.stderr)
    return USAGE_ERROR


def run(args: argparse.Namespace) -> int:
    gold_dir, pred_dir = Path(args.gold_dir), Path(args.pred_dir)
    for label, folder in (("gold", gold_dir), ("prediction", pred_dir)):
        if not folder.is_dir():
            return _fail(f"{label} folder {folder} does not exist or is not a folder")
    if not annotation_files(gold_dir)[0]:
        return _fail(f"no gold files (*.json) in {gold_dir}")
    wanted: bool | set[str] = False
    if args.errors:
        wanted = True if args.errors == ALL else {args.errors}
    evaluation = evaluate_folders(gold_dir, pred_dir, with_errors=wanted)
    for problem in evaluation.unreadable_gold:
        print(f"quoteapp eval: skipped unreadable gold file {problem.path.name}: {problem.message}", file=sys.stderr)
    if args.errors and args.errors != ALL and evaluation.document(args.errors) is None:
        return _fail(f"no gold document has the id {args.errors!r} (see --docs for the ids)")

    for problem in evaluation.unreadable:
        print(f"unreadable prediction {problem.path.name}: {problem.message}", file=sys.stderr)
    if args.json:
        print(
            json.dumps(
                to_json(evaluation, docs=args.docs, by_type=args.by_type, errors=bool(args.errors)),
                indent=1,
                ensure_ascii=False,
            )
        )
        return _exit_code(evaluation)
    lines: list[str] = []
    if args.docs:
        lines += [document_line(d) for d in evaluation.documents]
    lines += summary_lines(evaluation)
    if args.by_type:
        lines += by_type_lines(evaluation)
    if args.errors:
        for d in evaluation.documents:
            if d.errors is not None:
                lines += error_lines(d)
    print("\n".join(lines))
    return _exit_code(evaluation)


def _exit_code(evaluation: Evaluation) -> int:
    """1 when a gold file was left out (the figures are not over the whole gold set); unreadable
    predictions only count as misses, as in score.py, so they leave 0."""
    return 1 if evaluation.unreadable_gold else 0


# --------------------------------------------------------------------------- text


def document_line(d: DocumentScore) -> str:
    """One document's counts, as score.py --docs prints them."""
    c = d.counts
    return (
        f"{d.doc_id}: gold {c.gold} pred {c.predicted} tp {c.matched} attributed {c.attributed} "
        f"via tp/fp/fn {c.via_tp}/{c.via_fp}/{c.via_fn}{' MISSING' if d.missing else ''}"
    )


def summary_lines(evaluation: Evaluation) -> list[str]:
    """The overall figures in score.py's layout (reusable by `extract` after a run against gold)."""
    s = evaluation.summary()
    lines = [
        f"documents {s['documents']} (missing predictions {s['missing_predictions']}), "
        f"gold segments {s['gold_segments']}, predicted {s['predicted_segments']}"
    ]
    for name in Scores.MEASURES:
        r = s[name]
        lines.append(f"{name:20} P {r['P']:.3f} R {r['R']:.3f} F1 {r['F']:.3f}")
    lines.append(f"{'speaker_accuracy_overlap30':27} {s['speaker_accuracy_overlap30']:.3f}")
    return lines


def by_type_lines(evaluation: Evaluation) -> list[str]:
    lines = ["", "by quote type (recall by the gold quote's type, precision by the predicted quote's type)"]
    for quote_type, t in evaluation.by_type().items():
        lines.append(f"{quote_type:8} gold {t.gold:5} predicted {t.predicted:5}")
        for name in ("detection", "detection_strict", "attribution"):
            r = getattr(t, name)
            lines.append(f"  {name:17} P {r.precision:.3f} R {r.recall:.3f} F1 {r.f1:.3f}")
    return lines


_KIND_LABELS = {MISS: "miss", FALSE_ALARM: "false alarm", WRONG_SPEAKER: "wrong speaker"}


def _clip(text: str, limit: int = 100) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def error_line(e: ErrorItem) -> str:
    speaker = f"speaker {e.speaker or '-'}"
    if e.kind == WRONG_SPEAKER:
        speaker += f", predicted {e.predicted_speaker or '-'} ({e.predicted_quote_id})"
    return (
        f"  {_KIND_LABELS.get(e.kind, e.kind):13} {e.quote_id:6} {e.quote_type:8} {e.start}-{e.end} "
        f'"{_clip(e.text)}"  {speaker}'
    )


def error_lines(d: DocumentScore) -> list[str]:
    errors = d.errors or []
    n = {kind: sum(e.kind == kind for e in errors) for kind in _KIND_LABELS}
    head = (
        f"errors in {d.doc_id}: {n[MISS]} missed, {n[FALSE_ALARM]} false alarms, "
        f"{n[WRONG_SPEAKER]} wrong speakers{' (no prediction)' if d.missing else ''}"
    )
    return ["", head, *(error_line(e) for e in errors)]


# --------------------------------------------------------------------------- JSON


def to_json(
    evaluation: Evaluation, *, docs: bool = False, by_type: bool = False, errors: bool = False
) -> dict[str, Any]:
    """score.py's JSON object, plus what the options asked for and the unreadable predictions and gold files."""
    out = evaluation.summary()
    out["unreadable_predictions"] = [{"file": u.path.name, "error": u.message} for u in evaluation.unreadable]
    out["unreadable_gold"] = [{"file": u.path.name, "error": u.message} for u in evaluation.unreadable_gold]
    if docs:
        out["per_document"] = {d.doc_id: {**vars(d.counts), **_figures(d.scores)} for d in evaluation.documents}
    if by_type:
        out["by_type"] = {
            t: {
                "gold_segments": s.gold,
                "predicted_segments": s.predicted,
                **{name: getattr(s, name).as_dict() for name in ("detection", "detection_strict", "attribution")},
            }
            for t, s in evaluation.by_type().items()
        }
    if errors:
        out["errors"] = {
            d.doc_id: [e.as_dict() for e in d.errors] for d in evaluation.documents if d.errors is not None
        }
    return out


def _figures(s: Scores) -> dict[str, Any]:
    return {
        **{name: getattr(s, name).as_dict() for name in Scores.MEASURES},
        "speaker_accuracy_overlap30": s.speaker_accuracy_overlap30,
    }
