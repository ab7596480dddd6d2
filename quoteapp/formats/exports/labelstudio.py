"""Label Studio: a JSON list of tasks, one per article, and the labelling config that shows them.

Import OUT in a Label Studio project whose labelling interface is OUT's `.label_config.xml` (the
same as the shipped `resources/exports/labelstudio.xml`). Each task holds the article as
`data.text` (with `document_id`, `title` and `path`), and its quotes as results:

- `annotations`: the quotes an editor vouched for (accepted, corrected, added);
- `predictions`: the quotes still `auto`, from the model, with their mean confidence as `score`.

A result is a list of regions, `labels` results on the `text` (`Direct quote`, `Indirect quote`,
`Mixed quote` per segment, `Cue`, `Mention`), and of `relation` results between them labelled
`cue`, `speaker`, `spokesperson`, `relay`, `outlet`, `continues` (segment to next segment of a
split quote) and `parent` (nested quote to the quote holding it). Offsets are code points, as
Label Studio counts them since its frontend's fix for text with emoji. Each region's `meta.text`
names what it is (quote id, status, confidence; a mention's entity id, name and kind).
Rejected quotes are left out: a task has no place for "not a quote".
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from quoteapp import __version__
from quoteapp.formats.atomic import atomic_write_text
from quoteapp.formats.exports.common import (
    DEFAULT_OPTIONS,
    VOUCHED,
    ExportOptions,
    ExportReport,
    Identities,
    Item,
    prepare_file,
    select,
    warn_rejected_left_out,
)
from quoteapp.formats.exports.spans import (
    MENTION,
    NOT_KEPT,
    ArticleSpans,
    Region,
    article_spans,
    entity_text,
    resource_text,
)
from quoteapp.model import Annotation
from quoteapp.model.registry import Registry

CONFIG_NAME = "labelstudio.xml"
#: the names the labelling config gives its tags: results refer to them
FROM_NAME, TO_NAME = "label", "text"


def config_path(out: Path) -> Path:
    """Where the labelling config goes beside the tasks: `corpus.json` -> `corpus.label_config.xml`."""
    return out.with_name(f"{out.stem}.label_config.xml")


def export_labelstudio(
    items: Iterable[Item],
    out: str | os.PathLike[str],
    options: ExportOptions = DEFAULT_OPTIONS,
    registry: Registry | None = None,
) -> ExportReport:
    """Write OUT (a JSON list of tasks) and its labelling config beside it."""
    path = prepare_file(out)
    report = ExportReport("labelstudio", path)
    chosen = select(items, options, report)
    identities = Identities(registry)
    tasks = [task(annotation, report, identities) for _, annotation in chosen]
    atomic_write_text(path, json.dumps(tasks, ensure_ascii=False, indent=1, allow_nan=False) + "\n")
    config = config_path(path)
    atomic_write_text(config, resource_text(CONFIG_NAME))
    report.files += [path, config]
    identities.warn_outside(chosen, report)
    warn_rejected_left_out(chosen, report)
    report.warn(f"labelstudio: {NOT_KEPT}; quote status and confidence are in each region's meta")
    return report


def task(annotation: Annotation, report: ExportReport, identities: Identities | None = None) -> dict[str, Any]:
    """One article as a Label Studio task: editors' quotes as an annotation, the model's as a prediction."""
    d = annotation.document
    out: dict[str, Any] = {"data": {"text": d.text, "document_id": d.id, "title": d.title or "", "path": d.path or ""}}
    vouched = article_spans(annotation, report, lambda q: q.status in VOUCHED, identities)
    if vouched.regions:
        out["annotations"] = [{"result": result(vouched), "ground_truth": False}]
    auto = [q for q in annotation.quotes if q.status == "auto"]
    if auto:
        confidences = [q.confidence for q in auto if q.confidence is not None]
        out["predictions"] = [
            {
                "model_version": f"quoteapp {__version__}",
                "score": sum(confidences) / len(confidences) if confidences else None,
                "result": result(article_spans(annotation, report, lambda q: q.status == "auto", identities)),
            }
        ]
    return out


def result(spans: ArticleSpans) -> list[dict[str, Any]]:
    """The regions, then the relations between them, as Label Studio result items."""
    items: list[dict[str, Any]] = [
        {
            "id": r.key,
            "from_name": FROM_NAME,
            "to_name": TO_NAME,
            "type": "labels",
            "value": {"start": r.start, "end": r.end, "text": r.text, "labels": [r.display_label]},
            "meta": {"text": [_note(r)]},
        }
        for r in spans.regions
    ]
    items += [
        {"type": "relation", "from_id": link.head, "to_id": link.child, "direction": "right", "labels": [link.label]}
        for link in spans.links
    ]
    return items


def _note(region: Region) -> str:
    """One line for the region's meta: what the region stands for."""
    if region.label == MENTION:  # the entity, then anything more known of it
        more = {k: v for k, v in region.meta.items() if k not in ("entity", "name", "kind")}
        return "; ".join([entity_text(region.meta)] + [f"{k} {v}" for k, v in more.items()])
    if not region.is_quote:
        return region.label
    return "; ".join(f"{k} {', '.join(v) if isinstance(v, list) else v}" for k, v in region.meta.items())
