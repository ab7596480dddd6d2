"""The attribution file (`quoteapp/attribution`, version 1): one article with its entities and quotes.

`shared/spec/attribution-format.md` is the contract. Reading checks everything (encoding, JSON
syntax, schema and version, types via the shipped JSON schema, then the model's invariants) and
reports every problem as one FormatError naming the file and the field, so nothing is half-read.
Unknown fields at every level are kept in `extra` and written back, so a save loses nothing.
"""

from __future__ import annotations

import copy
import functools
import json
import os
from typing import Any

import jsonschema
import jsonschema_rs

import quoteapp
from quoteapp.formats.atomic import atomic_write_text
from quoteapp.formats.atomic import set_aside as set_aside  # re-exported: part of this module's API
from quoteapp.formats.errors import FormatError
from quoteapp.formats.json_checks import (
    _at,
    _check_depth,
    _field_list,
    _inline_refs,
    _json_type,
    _short,
    _TooDeep,
    check_schema,
    decode_utf8,
    gc_paused,
    parse_json,
    read_regular_file,
    schema_text,
)
from quoteapp.model import (
    Annotation,
    Document,
    Entity,
    Intermediary,
    InvalidAnnotation,
    Quote,
    Span,
    Speaker,
    text_sha256,
    validate,
)

SCHEMA_NAME = "quoteapp/attribution"
VERSION = 1
SCHEMA_FILE = "attribution-v1.schema.json"

# The fields this module knows, per object, in the order they are written.
TOP_FIELDS = ("schema", "version", "generator", "document", "entities", "quotes")
DOCUMENT_FIELDS = ("id", "path", "title", "sha256", "text")
ENTITY_FIELDS = ("id", "kind", "name", "aliases", "description", "mentions")
SPAN_FIELDS = ("start", "end", "text")
SPEAKER_FIELDS = ("entity", "mention")
INTERMEDIARY_FIELDS = ("entity", "role", "mention")
QUOTE_FIELDS = (
    "id",
    "type",
    "segments",
    "cue",
    "speaker",
    "intermediaries",
    "parent",
    "status",
    "confidence",
    "evidence",
)


# --------------------------------------------------------------------------- the JSON schema


def schema() -> dict[str, Any]:
    """The JSON schema (draft 2020-12) of version 1; a fresh copy, so callers may change it."""
    return json.loads(schema_text(SCHEMA_FILE))


@functools.cache
def _flat_schema() -> dict[str, Any]:
    full = schema()
    defs = full.get("$defs", {})
    flat = _inline_refs(full, defs)
    flat["$defs"] = defs  # for any reference left in place
    return flat


@functools.cache
def _validator() -> jsonschema.protocols.Validator:
    """The pure-Python validator: slow, but its errors give the field paths our messages are made of."""
    return jsonschema.Draft202012Validator(_flat_schema())


@functools.cache
def _fast_validator() -> jsonschema_rs.Draft202012Validator:
    """The same schema in jsonschema-rs (Rust): tells valid from invalid some 30 times faster."""
    return jsonschema_rs.Draft202012Validator(schema())


# --------------------------------------------------------------------------- writing


def to_dict(annotation: Annotation) -> dict[str, Any]:
    """The JSON object of an annotation, keys in the spec's order; refuses a broken annotation.

    The generator is stamped with this app and the sha256 recomputed from the text, so the file
    always describes itself correctly; the annotation itself is not changed.
    """
    try:
        validate(annotation, check_sha256=False)
    except InvalidAnnotation as e:
        raise FormatError(f"cannot save a broken annotation: {e}") from e
    doc = annotation.document
    document = _with_extra(
        {"id": doc.id, "path": doc.path, "title": doc.title, "sha256": text_sha256(doc.text), "text": doc.text},
        doc.extra,
    )
    data = {
        "schema": SCHEMA_NAME,
        "version": VERSION,
        "generator": _generator(annotation.generator),
        "document": document,
        "entities": [_entity_to_dict(e) for e in annotation.entities],
        "quotes": [_quote_to_dict(q) for q in annotation.quotes],
    }
    return _with_extra(data, annotation.extra)


def _generator(previous: dict[str, Any] | None) -> dict[str, Any]:
    """This app as the writer; the pipeline that made the quotes and any other keys are kept."""
    previous = previous or {}
    out: dict[str, Any] = {"app": quoteapp.APP_NAME, "app_version": quoteapp.__version__}
    if previous.get("pipeline") is not None:
        out["pipeline"] = previous["pipeline"]
    return _with_extra(out, {k: v for k, v in previous.items() if k not in ("app", "app_version", "pipeline")})


def _with_extra(known: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Known keys first, then the unknown ones we read; a known key always wins over a stale extra."""
    for key, value in extra.items():
        if key not in known:
            known[key] = copy.deepcopy(value)
    return known


def _span_to_dict(span: Span | None) -> dict[str, Any] | None:
    if span is None:
        return None
    return _with_extra({"start": span.start, "end": span.end, "text": span.text}, span.extra)


def _entity_to_dict(entity: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"id": entity.id, "kind": entity.kind, "name": entity.name, "aliases": list(entity.aliases)}
    if entity.description is not None:
        out["description"] = entity.description
    if entity.mentions:
        out["mentions"] = [_span_to_dict(m) for m in entity.mentions]
    return _with_extra(out, entity.extra)


def _quote_to_dict(quote: Quote) -> dict[str, Any]:
    speaker = None
    if quote.speaker is not None:
        speaker = _with_extra(
            {"entity": quote.speaker.entity, "mention": _span_to_dict(quote.speaker.mention)}, quote.speaker.extra
        )
    intermediaries = [
        _with_extra({"entity": via.entity, "role": via.role, "mention": _span_to_dict(via.mention)}, via.extra)
        for via in quote.intermediaries
    ]
    out = {
        "id": quote.id,
        "type": quote.type,
        "segments": [_span_to_dict(s) for s in quote.segments],
        "cue": _span_to_dict(quote.cue),
        "speaker": speaker,
        "intermediaries": intermediaries,
        "parent": quote.parent,
        "status": quote.status,
        "confidence": quote.confidence,
        "evidence": quote.evidence,
    }
    return _with_extra(out, quote.extra)


def dumps(annotation: Annotation, *, compact: bool = False) -> str:
    """The file's text: indented JSON, non-ASCII kept as is (readable in any editor), final newline.
    `compact` leaves the indentation out: about ten times faster to write (json's C encoder), for
    copies a machine reads back, such as the editor's autosave."""
    data = to_dict(annotation)
    try:
        return json.dumps(data, ensure_ascii=False, indent=None if compact else 1, allow_nan=False) + "\n"
    except (TypeError, ValueError) as e:  # an object or NaN put into `extra` by some code
        raise FormatError(f"cannot save: a field holds a value JSON cannot store ({e})") from e


def write_annotation(annotation: Annotation, path: str | os.PathLike[str], *, compact: bool = False) -> None:
    """Save an annotation safely; a broken annotation or a failed write raises FormatError, old file intact."""
    text = dumps(annotation, compact=compact)
    try:
        atomic_write_text(path, text)
    except UnicodeEncodeError as e:
        raise FormatError(f"{os.fspath(path)}: cannot save: the text holds a character UTF-8 cannot store ({e})") from e
    except OSError as e:
        raise FormatError(f"{os.fspath(path)}: cannot save: {e.strerror or e}") from e


# --------------------------------------------------------------------------- reading


def read_annotation(path: str | os.PathLike[str]) -> Annotation:
    """Read and fully check an attribution file; any problem is a FormatError naming the file."""
    source = os.fspath(path)
    try:
        data = read_regular_file(source)
    except OSError as e:
        raise FormatError(f"{source}: cannot read the file: {e.strerror or e}") from e
    return loads(decode_utf8(data, source), source)


def loads(text: str, source: str = "") -> Annotation:
    """Parse and fully check an attribution file's text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise FormatError(_at(source, "the file is empty; an attribution file is a JSON object"))
    with gc_paused():
        return from_dict(parse_json(text, source), source)


def from_dict(data: Any, source: str = "") -> Annotation:
    """Check a parsed attribution object (identity, version, types, invariants) and build the Annotation."""
    _check_identity(data, source)
    _check_structure(data, source)
    try:
        annotation = _build(data)
    except _TooDeep as e:
        raise FormatError(_at(source, str(e))) from e
    try:
        validate(annotation)
    except InvalidAnnotation as e:
        raise FormatError(_at(source, str(e))) from e
    return annotation


def _check_identity(data: Any, source: str) -> None:
    """Refuse foreign JSON and versions we do not know before looking at anything else."""
    if not isinstance(data, dict):
        raise FormatError(
            _at(source, f"this is not a quoteapp attribution file: expected a JSON object, found {_json_type(data)}")
        )
    name = data.get("schema")
    if name != SCHEMA_NAME:
        found = 'it has no "schema" field' if "schema" not in data else f'its "schema" is {_short(name)}'
        raise FormatError(
            _at(
                source,
                f'this is not a quoteapp attribution file: {found}, expected "schema": "{SCHEMA_NAME}" '
                f"(its fields are {_field_list(data)})",
            )
        )
    version = data.get("version")
    if "version" not in data:
        raise FormatError(_at(source, f"version: missing; this quoteapp reads version {VERSION}"))
    newer = isinstance(version, int) and not isinstance(version, bool) and version > VERSION
    if newer:
        generator = data.get("generator")
        written_by = ""
        if isinstance(generator, dict) and isinstance(generator.get("app_version"), str):
            written_by = f" (written by quoteapp {generator['app_version']})"
        raise FormatError(
            _at(
                source,
                f"version {version} is newer than this quoteapp {quoteapp.__version__} can read (version {VERSION})"
                f"{written_by}; update quoteapp to open it",
            )
        )
    if type(version) is not int or version != VERSION:  # 1.0 and true equal 1 in Python, not in the format
        known = f"is not a version this quoteapp knows; it reads version {VERSION}"
        raise FormatError(_at(source, f"version: {_json_type(version)} {known}"))


def _check_structure(data: dict[str, Any], source: str) -> None:
    """Types, required fields and allowed values, by the shipped JSON schema; the first problem is reported."""
    check_schema(data, source, _fast_validator(), _validator())


# --------------------------------------------------------------------------- JSON -> model (already checked)


_TOP_KEYS, _DOCUMENT_KEYS, _ENTITY_KEYS, _SPAN_KEYS, _SPEAKER_KEYS, _INTERMEDIARY_KEYS, _QUOTE_KEYS = map(
    frozenset,
    (TOP_FIELDS, DOCUMENT_FIELDS, ENTITY_FIELDS, SPAN_FIELDS, SPEAKER_FIELDS, INTERMEDIARY_FIELDS, QUOTE_FIELDS),
)


def _extra(obj: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """The unknown fields of `obj`, to be written back; one nested too deep to be saved again is refused."""
    if obj.keys() <= known:  # the common case, one set comparison in C
        return {}
    extra = {k: v for k, v in obj.items() if k not in known}
    for key, value in extra.items():
        _check_depth(key, value)
    return extra


def _span(obj: dict[str, Any] | None) -> Span | None:
    if obj is None:
        return None
    # int(): the schema's "integer" also admits 3.0, which cannot index a str.
    return Span(int(obj["start"]), int(obj["end"]), obj["text"], _extra(obj, _SPAN_KEYS))


def _entity(obj: dict[str, Any]) -> Entity:
    return Entity(
        id=obj["id"],
        kind=obj["kind"],
        name=obj["name"],
        aliases=list(obj.get("aliases", [])),
        description=obj.get("description"),
        mentions=[_span(m) for m in obj.get("mentions", [])],
        extra=_extra(obj, _ENTITY_KEYS),
    )


def _quote(obj: dict[str, Any]) -> Quote:
    speaker = obj.get("speaker")
    confidence = obj.get("confidence")
    return Quote(
        id=obj["id"],
        type=obj["type"],
        segments=[_span(s) for s in obj["segments"]],
        cue=_span(obj.get("cue")),
        speaker=None
        if speaker is None
        else Speaker(speaker["entity"], _span(speaker.get("mention")), _extra(speaker, _SPEAKER_KEYS)),
        intermediaries=[
            Intermediary(v["entity"], v["role"], _span(v.get("mention")), _extra(v, _INTERMEDIARY_KEYS))
            for v in obj.get("intermediaries", [])
        ],
        parent=obj.get("parent"),
        status=obj.get("status", "auto"),
        confidence=None if confidence is None else float(confidence),
        evidence=obj.get("evidence"),
        extra=_extra(obj, _QUOTE_KEYS),
    )


def _build(data: dict[str, Any]) -> Annotation:
    doc = data["document"]
    document = Document(
        id=doc["id"],
        text=doc["text"],
        path=doc.get("path"),
        title=doc.get("title"),
        sha256=doc.get("sha256"),
        extra=_extra(doc, _DOCUMENT_KEYS),
    )
    return Annotation(
        document=document,
        entities=[_entity(e) for e in data.get("entities", [])],
        quotes=[_quote(q) for q in data.get("quotes", [])],
        generator=_check_depth("generator", data.get("generator")),
        extra=_extra(data, _TOP_KEYS),
    )
