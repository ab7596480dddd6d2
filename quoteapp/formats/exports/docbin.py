"""spaCy DocBin: one Doc per article, spans in span groups, the attribution in a side table.

Loadable by spaCy alone (`DocBin().from_disk(p).get_docs(spacy.blank("en").vocab)`). The Docs are
tokenized by `spacy.blank("en")` only: no tags, parses or entities, since a dataset should not carry
one model's guesses. Span groups (char spans widened to whole tokens, `alignment_mode="expand"`):

- `quotes`: one span per segment, label = quote type (`direct`/`indirect`/`mixed`), `id_` = quote id
- `cues`: label `cue`
- `speakers`: speaker mentions, label = entity kind, `kb_id_` = entity id
- `intermediaries`: intermediary mentions, label = role, `kb_id_` = entity id
- `mentions`: every entity mention of `entities[].mentions`, label = entity kind, `kb_id_` = entity id

`doc.user_data["quoteapp"]` (plain JSON-able dicts) is the side table that links them:

    {"schema": "quoteapp/docbin", "version": 1,
     "document": {"id", "path", "title", "sha256"},
     "generator": {"app", "app_version", "pipeline"} | null,   # what wrote the attribution file
     "entities": [{"id", "kind", "name", "aliases", "description",
                   "mentions": [{"start", "end", "text"}],  # exact code-point offsets
                   "identity": {"id", "name"} | null}],      # the corpus registry's identity
     "quotes": [{"id", "type", "status", "confidence", "parent", "evidence",
                 "segments": [{"start", "end", "text"}],   # exact code-point offsets
                 "spans": [i, ...],                        # indices into doc.spans["quotes"]
                 "cue": {"start", "end", "text", "span": i} | null,        # i into doc.spans["cues"]
                 "speaker": {"entity", "mention": {..., "span": i} | null} | null,   # doc.spans["speakers"]
                 "intermediaries": [{"entity", "role", "mention": {..., "span": i} | null}]}]}  # ["intermediaries"]

The exact offsets are in the side table, so nothing is lost to the token alignment; `span` is null
where a stretch covers no token (only whitespace). `identity` is the entity's identity in the folder's
registry (null when the registry has none for it, or there is no registry): the same person in two
articles has one identity id.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from quoteapp.formats.exports.common import (
    DEFAULT_OPTIONS,
    ExportOptions,
    ExportReport,
    Identities,
    Item,
    prepare_file,
    select,
    warn_unknown_fields,
    write_file,
)
from quoteapp.model import Annotation, Span, text_sha256
from quoteapp.model.registry import Registry

SIDE_TABLE = "quoteapp"
SIDE_SCHEMA = "quoteapp/docbin"
GROUPS = ("quotes", "cues", "speakers", "intermediaries", "mentions")


def export_docbin(
    items: Iterable[Item],
    out: str | os.PathLike[str],
    options: ExportOptions = DEFAULT_OPTIONS,
    registry: Registry | None = None,
) -> ExportReport:
    """Write OUT (by convention `.spacy`) as a DocBin with user data, entities with their `registry` identity."""
    import spacy  # here, so importing the exports (as the GUI does) does not load spaCy
    from spacy.tokens import DocBin

    path = prepare_file(out)
    report = ExportReport("docbin", path)
    chosen = select(items, options, report)
    nlp = spacy.blank("en")
    docbin = DocBin(store_user_data=True)
    identities = Identities(registry)
    for _, annotation in chosen:
        docbin.add(_doc(nlp, annotation, report, identities))
    write_file(path, docbin.to_bytes())  # what `to_disk` writes, but all at once
    report.files.append(path)
    identities.warn_outside(chosen, report)
    warn_unknown_fields(chosen, report)
    return report


class _Groups:
    """The span groups being built; one span per distinct stretch and label, shared by the quotes using it."""

    def __init__(self, doc: Any, report: ExportReport) -> None:
        self.doc = doc
        self.report = report
        self.spans: dict[str, list[Any]] = {name: [] for name in GROUPS}
        self.index: dict[tuple[Any, ...], int] = {}

    def add(self, group: str, span: Span, label: str, kb_id: str = "", span_id: str = "") -> int | None:
        key = (group, span.start, span.end, label, kb_id, span_id)
        if key in self.index:
            return self.index[key]
        doc_span = self.doc.char_span(
            span.start, span.end, label=label, kb_id=kb_id, span_id=span_id, alignment_mode="expand"
        )
        if doc_span is None:
            self.report.warn(
                f"docbin: a {group} stretch that covers no token (only whitespace) has no span; "
                "its offsets are in the side table"
            )
            return None
        if (doc_span.start_char, doc_span.end_char) != (span.start, span.end):
            self.report.warn("docbin: spans are widened to whole tokens; the exact offsets are in the side table")
        self.spans[group].append(doc_span)
        self.index[key] = len(self.spans[group]) - 1
        return self.index[key]


def _doc(nlp: Any, annotation: Annotation, report: ExportReport, identities: Identities) -> Any:
    doc = nlp.make_doc(annotation.document.text)
    groups = _Groups(doc, report)
    kinds = {e.id: e.kind for e in annotation.entities}

    def mention(span: Span | None, group: str, label: str, entity: str) -> dict[str, Any] | None:
        if span is None:
            return None
        return {**_span(span), "span": groups.add(group, span, label, kb_id=entity)}

    quotes = []
    for q in annotation.quotes:
        quotes.append(
            {
                "id": q.id,
                "type": q.type,
                "status": q.status,
                "confidence": q.confidence,
                "parent": q.parent,
                "evidence": q.evidence,
                "segments": [_span(s) for s in q.segments],
                "spans": [i for s in q.segments if (i := groups.add("quotes", s, q.type, span_id=q.id)) is not None],
                "cue": None if q.cue is None else {**_span(q.cue), "span": groups.add("cues", q.cue, "cue")},
                "speaker": None
                if q.speaker is None
                else {
                    "entity": q.speaker.entity,
                    "mention": mention(
                        q.speaker.mention, "speakers", kinds.get(q.speaker.entity, ""), q.speaker.entity
                    ),
                },
                "intermediaries": [
                    {
                        "entity": v.entity,
                        "role": v.role,
                        "mention": mention(v.mention, "intermediaries", v.role, v.entity),
                    }
                    for v in q.intermediaries
                ],
            }
        )
    for entity in annotation.entities:
        for m in entity.mentions:
            groups.add("mentions", m, entity.kind, kb_id=entity.id)
    for name, spans in groups.spans.items():
        doc.spans[name] = spans
    d = annotation.document
    doc.user_data[SIDE_TABLE] = {
        "schema": SIDE_SCHEMA,
        "version": 1,
        "document": {"id": d.id, "path": d.path, "title": d.title, "sha256": text_sha256(d.text)},
        "generator": annotation.generator,
        "entities": [
            {
                "id": e.id,
                "kind": e.kind,
                "name": e.name,
                "aliases": list(e.aliases),
                "description": e.description,
                "mentions": [_span(m) for m in e.mentions],
                "identity": {"id": ref.id, "name": ref.name} if (ref := identities.of(annotation, e.id)) else None,
            }
            for e in annotation.entities
        ],
        "quotes": quotes,
    }
    return doc


def _span(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}
