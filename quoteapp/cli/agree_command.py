"""`quoteapp agree DIR_A DIR_B`: how far two annotators' attribution files of the same articles agree.

The matching is eval's with A as reference (see quoteapp.evaluation.agreement), so the detection
figures read like eval's: F1 is symmetric, precision and recall swap when the folders do.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from quoteapp.corpus.locations import annotation_files
from quoteapp.evaluation.agreement import MATCHED_FIELDS, Agreement, DocumentAgreement, compare_folders, figures

USAGE_ERROR = 2


def add_parser(sub: argparse._SubParsersAction, name: str) -> None:
    p = sub.add_parser(
        name,
        help="agreement between two annotators' attribution files",
        description="Compare two folders of attribution files of the same articles (say, two annotators'), "
        "field by field, with the segment matching of eval (A in the place of the gold).",
    )
    p.add_argument("dir_a", metavar="DIR_A", help="folder of annotator A's attribution files (*.json)")
    p.add_argument("dir_b", metavar="DIR_B", help="folder of annotator B's attribution files (*.json)")
    p.add_argument("--docs", action="store_true", help="also print the figures of each article")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of text")
    p.set_defaults(run=run)


def _fail(message: str) -> int:
    print(f"quoteapp agree: {message}", file=sys.stderr)
    return USAGE_ERROR


def run(args: argparse.Namespace) -> int:
    dir_a, dir_b = Path(args.dir_a), Path(args.dir_b)
    for label, folder in (("DIR_A", dir_a), ("DIR_B", dir_b)):
        if not folder.is_dir():
            return _fail(f"{label} {folder} does not exist or is not a folder")
        if not annotation_files(folder)[0]:
            return _fail(f"no attribution files (*.json) in {label} {folder}")
    agreement = compare_folders(dir_a, dir_b)
    for problem in agreement.unreadable:
        print(f"unreadable file {problem.path}: {problem.message}", file=sys.stderr)
    if not agreement.documents:
        return _fail(f"no article is in both {dir_a} and {dir_b} (files are paired by document id, else name)")
    if args.json:
        print(json.dumps(to_json(agreement, docs=args.docs), indent=1, ensure_ascii=False))
    else:
        lines = [line for d in agreement.documents for line in document_lines(d)] if args.docs else []
        print("\n".join(lines + summary_lines(agreement)))
    return 1 if agreement.unreadable else 0


def to_json(agreement: Agreement, *, docs: bool = False) -> dict[str, Any]:
    out = agreement.summary()
    out["only_in_a"] = agreement.only_in_a
    out["only_in_b"] = agreement.only_in_b
    out["unreadable"] = [{"file": str(u.path), "error": u.message} for u in agreement.unreadable]
    if docs:
        out["per_document"] = {d.doc_id: figures(d.counts) | {"same_text": d.same_text} for d in agreement.documents}
    return out


def _field_lines(f: dict[str, Any]) -> list[str]:
    s, st, via = f["segments"], f["strict"], f["intermediaries"]
    lines = [
        f"segments        A {s['a']} B {s['b']} matched {s['matched']}  P {s['P']:.3f} R {s['R']:.3f} F1 {s['F']:.3f}",
        f"strict spans    exact {st['exact']}  P {st['P']:.3f} R {st['R']:.3f} F1 {st['F']:.3f}",
    ]
    for name in MATCHED_FIELDS:
        r = f[name]
        kappa = f"  kappa {r['kappa']:.3f}" if r.get("kappa") is not None else ""
        lines.append(f"{name:15} {r['agreed']}/{r['compared']} {r['rate']:.3f}{kappa}")
    lines.append(
        f"intermediaries  both {via['both']} A only {via['a_only']} B only {via['b_only']}  "
        f"P {via['P']:.3f} R {via['R']:.3f} F1 {via['F']:.3f}"
    )
    r = f["roles"]
    lines.append(f"{'roles':15} {r['agreed']}/{r['compared']} {r['rate']:.3f}")
    return lines


def document_lines(d: DocumentAgreement) -> list[str]:
    note = "" if d.same_text else " (the two files hold different texts: B's offsets carried over to A's)"
    return [f"{d.doc_id}{note}", *("  " + line for line in _field_lines(figures(d.counts))), ""]


def summary_lines(agreement: Agreement) -> list[str]:
    """The overall figures; speaker to parent are over the matched segments."""
    lines = [
        f"articles {len(agreement.documents)} in both, {len(agreement.only_in_a)} only in A, "
        f"{len(agreement.only_in_b)} only in B (P/R: A as reference; speaker to parent over matched segments)"
    ]
    lines += _field_lines(figures(agreement.counts))
    if agreement.only_in_a:
        lines.append("only in A: " + ", ".join(agreement.only_in_a))
    if agreement.only_in_b:
        lines.append("only in B: " + ", ".join(agreement.only_in_b))
    return lines
