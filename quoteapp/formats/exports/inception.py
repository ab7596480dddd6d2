"""INCEpTION (and any UIMA tool): a folder of CAS XMI files, one per article, and their type system.

OUT gets `TypeSystem.xml` (the shipped `resources/exports/inception-typesystem.xml`) and a
`<document id>.xmi` per article, written with dkpro-cassis, whose text (the sofa) is the article
as is. For INCEpTION, import the `.xmi` files as "UIMA CAS XMI" into a project whose layers come
from that type system (or zip each `.xmi` with `TypeSystem.xml`). Layers:

- `webanno.custom.Quote`: one annotation per quote segment; features `quoteId`, `quoteType`,
  `status` (rejected quotes are kept, with their status), `confidence`, `speaker` and
  `intermediaries` (entity ids, names and kinds, kept also where no mention names them),
  `parent` (a quote id), `segment` (from 1);
- `webanno.custom.Cue`: the reporting verb or phrase;
- `webanno.custom.Mention`: a stretch naming a speaker or an intermediary, one per stretch;
  features `entityId`, `entityName`, `entityKind`;
- `webanno.custom.Attribution`: a relation from a quote segment (`Governor`) to its cue, a
  mention, its next segment or its parent quote (`Dependent`), `role` being `cue`, `speaker`,
  `spokesperson`, `relay`, `outlet`, `continues` or `parent`; it spans its Dependent, as
  INCEpTION's relations do.

UIMA counts offsets in UTF-16 units; cassis converts our code points when it writes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Any

from quoteapp.formats.atomic import atomic_write_text
from quoteapp.formats.exports.common import (
    DEFAULT_OPTIONS,
    ExportOptions,
    ExportReport,
    Identities,
    Item,
    file_stems,
    prepare_folder,
    select,
)
from quoteapp.formats.exports.spans import CUE, MENTION, NOT_KEPT, Region, article_spans, resource_text
from quoteapp.model import Annotation
from quoteapp.model.registry import Registry

TYPESYSTEM_NAME = "inception-typesystem.xml"
TYPESYSTEM_FILE = "TypeSystem.xml"
QUOTE, CUE_TYPE, MENTION_TYPE, ATTRIBUTION = (
    f"webanno.custom.{name}" for name in ("Quote", "Cue", "Mention", "Attribution")
)


def export_inception(
    items: Iterable[Item],
    out: str | os.PathLike[str],
    options: ExportOptions = DEFAULT_OPTIONS,
    registry: Registry | None = None,
) -> ExportReport:
    """Write the folder OUT: `TypeSystem.xml` and an `.xmi` per article."""
    from cassis import load_typesystem  # here, so importing the exports does not load cassis and lxml

    folder = prepare_folder(out)
    report = ExportReport("inception", folder)
    chosen = select(items, options, report)
    typesystem = load_typesystem(resource_text(TYPESYSTEM_NAME))
    ts_path = folder / TYPESYSTEM_FILE
    atomic_write_text(ts_path, typesystem.to_xml())
    report.files.append(ts_path)
    identities = Identities(registry)
    for stem, (_, annotation) in zip(file_stems(chosen), chosen, strict=True):
        path = folder / f"{stem}.xmi"
        atomic_write_text(path, cas_of(typesystem, annotation, report, identities).to_xmi())
        report.files.append(path)
    identities.warn_outside(chosen, report)
    report.warn(f"inception: {NOT_KEPT}")
    return report


def cas_of(typesystem: Any, annotation: Annotation, report: ExportReport, identities: Identities | None = None) -> Any:
    """One article as a CAS: its text, and its quotes, cues and mentions linked by Attribution relations."""
    from cassis import Cas

    cas = Cas(typesystem=typesystem)
    cas.sofa_string = annotation.document.text
    spans = article_spans(annotation, report, identities=identities)
    fs = {r.key: _annotation(typesystem, r) for r in spans.regions}
    for one in fs.values():
        cas.add(one)
    attribution = typesystem.get_type(ATTRIBUTION)
    for link in spans.links:
        dependent = fs[link.child]
        cas.add(
            attribution(
                begin=dependent.begin, end=dependent.end, Governor=fs[link.head], Dependent=dependent, role=link.label
            )
        )
    return cas


def _annotation(typesystem: Any, region: Region) -> Any:
    """The CAS annotation of a region: a Quote segment, a Cue or a Mention, with its features."""
    where = {"begin": region.start, "end": region.end}
    if region.label == CUE:
        return typesystem.get_type(CUE_TYPE)(**where)
    meta = region.meta
    if region.label == MENTION:
        return typesystem.get_type(MENTION_TYPE)(
            **where,
            entityId=meta["entity"],
            entityName=meta.get("name"),
            entityKind=meta.get("kind"),
            identity=meta.get("identity"),
            identityName=meta.get("identity_name"),
        )
    return typesystem.get_type(QUOTE)(
        **where,
        quoteId=meta["quote"],
        quoteType=meta["type"],
        status=meta["status"],
        confidence=meta.get("confidence"),
        speaker=meta.get("speaker"),
        intermediaries="; ".join(meta.get("intermediaries", [])) or None,
        parent=meta.get("parent"),
        segment=meta["segment"],
    )
