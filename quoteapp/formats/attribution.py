"""The attribution file (`quoteapp/attribution`, version 1): one article with its entities and quotes.

`shared/spec/attribution-format.md` is the contract. Reading checks everything (encoding, JSON
syntax, schema and version, types via the shipped JSON schema, then the model's invariants) and
reports every problem as one FormatError naming the file and the field, so nothing is half-read.
Unknown fields at every level are kept in `extra` and written back, so a save loses nothing.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import gc
import json
import math
import os
import re
import secrets
import stat
import time
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs

import quoteapp
from quoteapp.formats.errors import FormatError
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
#: how deep an unknown field may nest (the known fields nest 5 deep): deeper ones could be read but not saved
MAX_EXTRA_DEPTH = 64
#: a temp file of `atomic_write_text` ("." + target name + "." + 8 hex digits + ".tmp")
TEMP_NAME = re.compile(r"\.(?P<target>.+)\.[0-9a-f]{8}\.tmp")
#: a temp file older than this was left by a killed save: the next write to its folder removes it
STALE_TEMP_SECONDS = 600.0

# The fields this module knows, per object, in the order they are written.
TOP_FIELDS = ("schema", "version", "generator", "document", "entities", "quotes")
DOCUMENT_FIELDS = ("id", "path", "title", "sha256", "text")
ENTITY_FIELDS = ("id", "kind", "name", "aliases", "description", "mentions")
SPAN_FIELDS = ("start", "end", "text")
SPEAKER_FIELDS = ("entity", "mention")
INTERMEDIARY_FIELDS = ("entity", "role", "mention")
QUOTE_FIELDS = (
    "id", "type", "segments", "cue", "speaker", "intermediaries", "parent", "status", "confidence", "evidence",
)


# --------------------------------------------------------------------------- the JSON schema


@functools.cache
def schema_text(name: str = SCHEMA_FILE) -> str:
    """A shipped schema: package data of `quoteapp.resources`, or `resources/` in a source checkout."""
    try:
        return (resources.files("quoteapp.resources") / "schema" / name).read_text(encoding="utf-8")
    except ModuleNotFoundError:
        # Not installed: quoteapp.resources only exists once pyproject's package-dir mapping applies.
        return (Path(__file__).resolve().parents[2] / "resources" / "schema" / name).read_text(encoding="utf-8")


def schema() -> dict[str, Any]:
    """The JSON schema (draft 2020-12) of version 1; a fresh copy, so callers may change it."""
    return json.loads(schema_text())


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


def _inline_refs(node: Any, defs: dict[str, Any]) -> Any:
    """The schema with local `#/$defs/...` references copied in place: validates about twice as fast.

    A reference is only inlined where its keywords do not clash with its neighbours', so the
    meaning is unchanged (both sets of keywords apply either way). The schema has no recursive definitions.
    """
    if isinstance(node, list):
        return [_inline_refs(item, defs) for item in node]
    if not isinstance(node, dict):
        return node
    out = {key: _inline_refs(value, defs) for key, value in node.items() if key != "$defs"}
    ref = out.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/$defs/") and ref[8:] in defs:
        target = _inline_refs(defs[ref[8:]], defs)
        if isinstance(target, dict) and not set(target) & (set(out) - {"$ref"}):
            del out["$ref"]
            out.update(target)
    return out


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


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Replace `path` with `text` (UTF-8) all at once: a crash mid-save never leaves a half-written file.

    Writes a temp file in the same folder (so `os.replace` is atomic), flushes and fsyncs it, then
    renames it over the target. On any failure the temp file is removed and the old file is untouched.
    Raises OSError (or UnicodeEncodeError for text that is not valid Unicode) and writes nothing then.
    """
    data = text.encode("utf-8")
    target = Path(os.path.realpath(path))  # write through a symlink instead of replacing it
    remove_stale_temp_files(target.parent)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp")
    # 0o666 lets the umask decide a new file's mode, like open() would (mkstemp would force 0o600).
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        _copy_mode(target, tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


_last_cleaned: dict[Path, float] = {}


def remove_stale_temp_files(folder: Path, *, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Remove the temp files a killed save left in `folder`: ours by name, regular files, older than `older_than` s.

    Done at most once per `older_than` seconds per folder and process, so that writing thousands of
    files into one folder does not list it thousands of times. A younger temp file may be another
    process's save in progress and is left alone. Best effort: returns what it removed.
    """
    now = time.monotonic()
    last = _last_cleaned.get(folder)
    if last is not None and now - last < older_than:
        return []
    _last_cleaned[folder] = now
    removed = []
    cutoff = time.time() - older_than
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not TEMP_NAME.fullmatch(entry.name):
            continue
        with contextlib.suppress(OSError):
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_mtime < cutoff:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
    return removed


def _copy_mode(source: Path, dest: Path) -> None:
    """Keep the permissions of the file being replaced."""
    with contextlib.suppress(OSError):
        os.chmod(dest, stat.S_IMODE(source.stat().st_mode))


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable where the OS allows it (POSIX); best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


BAD_SUFFIX = ".bad"


def set_aside(path: Path) -> Path:
    """Rename an unreadable file to `<name>.bad` (`<name>.2.bad`... if taken) and return the new path.

    The app can then start a new file without losing the old one for good: the user can mend the
    `.bad` file and rename it back. Raises OSError when it cannot be renamed.
    """
    target = path.with_name(path.name + BAD_SUFFIX)
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{n}{BAD_SUFFIX}")
    os.replace(path, target)
    return target


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


def read_regular_file(source: str) -> bytes:
    """The bytes of a regular file; a FIFO or device (which would block or never end) is a FormatError.

    Opened without blocking and checked with fstat, so nothing can be swapped in between.
    """
    fd = os.open(source, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with open(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FormatError(f"{source}: cannot read the file: it is not a regular file (a folder, pipe or device)")
        return f.read()


def decode_utf8(data: bytes, source: str) -> str:
    """UTF-8 (a BOM from a Windows editor is tolerated), or a FormatError saying what the bytes look like."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise FormatError(_at(source, "the file is UTF-16 text, not UTF-8; save it again as UTF-8"))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        hint = "it looks like a compressed file" if data.startswith((b"\x1f\x8b", b"PK\x03\x04")) else (
            "is it an attribution file?"
        )
        raise FormatError(
            _at(source, f"not UTF-8 text (byte 0x{data[e.start]:02x} at position {e.start}); {hint}")
        ) from e


def loads(text: str, source: str = "") -> Annotation:
    """Parse and fully check an attribution file's text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        raise FormatError(_at(source, "the file is empty; an attribution file is a JSON object"))
    with gc_paused():
        return from_dict(parse_json(text, source), source)


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection while a file is turned into objects.

    Making millions of small objects starts collection after collection, each over a heap that
    keeps growing: half the time of reading a 60 MB file. What is read holds no reference cycles,
    so pausing loses nothing; collection resumes (if it was on) when the file is read.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def parse_json(text: str, source: str = "") -> Any:
    """JSON text as Python data that can be written back as it was, else a FormatError saying why not.

    Refused: syntax errors (a cut-off file said so), NaN and Infinity, numbers out of float range,
    integers of more digits than Python converts, nesting deeper than Python's JSON reader goes,
    and strings holding a lone surrogate (no UTF-8 file can store one).
    """
    try:
        data = json.loads(text, parse_constant=_refuse_constant, parse_float=_finite_float)
    except json.JSONDecodeError as e:
        raise FormatError(_at(source, _json_problem(e, text))) from e
    except _NotJSONNumber as e:
        raise FormatError(_at(source, f"{e} is not valid JSON (a number must be finite)")) from e
    except ValueError as e:  # int(): more digits than Python converts (sys.get_int_max_str_digits)
        raise FormatError(_at(source, f"a number is too long to be read or saved again ({e})")) from e
    except RecursionError as e:
        raise FormatError(_at(source, "the JSON is nested too deeply to be an attribution file")) from e
    if _may_hold_surrogates(text):
        _refuse_lone_surrogates(data, source)
    return data


class _NotJSONNumber(ValueError):
    pass


def _refuse_constant(name: str) -> float:
    """Python's json reads NaN and Infinity, which we could then not save again: refuse them on reading."""
    raise _NotJSONNumber(name)


def _finite_float(literal: str) -> float:
    """A JSON number with a fraction or exponent; `1e999` would read as infinity, which cannot be saved."""
    value = float(literal)
    if not math.isfinite(value):
        raise _NotJSONNumber(literal)
    return value


_SURROGATE = re.compile("[\ud800-\udfff]")
_HIGH, _LOW = r"\\u[dD][89abAB][0-9a-fA-F]{2}", r"\\u[dD][c-fC-F][0-9a-fA-F]{2}"
#: a `\\udXXX` escape that is not half of a pair (a pair makes one character outside the BMP)
_SURROGATE_ESCAPE = re.compile(f"{_HIGH}(?!{_LOW})|(?<!{_HIGH}){_LOW}")


def _may_hold_surrogates(text: str) -> bool:
    """Whether parsing `text` can have given a string with a lone surrogate (no UTF-8 can store it).

    Only a lone `\\udXXX` escape (or such a character in the text itself) can make one. Fast scans,
    so that the walk over every string is done only when one is likely there.
    """
    if "\\u" in text and _SURROGATE_ESCAPE.search(text) is not None:
        return True
    try:  # a surrogate in the text itself (not from a file: UTF-8 cannot hold one); much faster than a regex
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _refuse_lone_surrogates(data: Any, source: str) -> None:
    """A FormatError naming the first string (or key) that holds a lone surrogate, if any."""
    stack: list[tuple[Any, list[str | int]]] = [(data, [])]
    while stack:
        node, path = stack.pop()
        if isinstance(node, str):
            found = _SURROGATE.search(node)
            if found:
                raise FormatError(_at(source, f"{json_path(path)}: holds a lone surrogate "
                                              f"(\\u{ord(found.group()):04x}), which no UTF-8 file can store"))
        elif isinstance(node, dict):
            for key, value in reversed(node.items()):
                if _SURROGATE.search(key):
                    raise FormatError(_at(source, f"{json_path(path)}: a field name holds a lone surrogate "
                                                  f"(\\u{ord(_SURROGATE.search(key).group()):04x})"))
                stack.append((value, [*path, key]))
        elif isinstance(node, list):
            stack.extend((value, [*path, i]) for i, value in reversed(list(enumerate(node))))


def _json_problem(error: json.JSONDecodeError, text: str) -> str:
    """A syntax error as a user reads it; an error at the very end means the file was cut short."""
    where = f"line {error.lineno}, column {error.colno}"
    if error.msg.startswith("Unterminated string") or error.pos >= len(text.rstrip()):
        return f"{where}: the file ends too early; it looks truncated (an interrupted save or copy?)"
    return f"{where}: {error.msg} (not valid JSON)"


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


def _at(source: str, message: str) -> str:
    return f"{source}: {message}" if source else message


def _check_identity(data: Any, source: str) -> None:
    """Refuse foreign JSON and versions we do not know before looking at anything else."""
    if not isinstance(data, dict):
        raise FormatError(
            _at(source, f"this is not a quoteapp attribution file: expected a JSON object, found {_json_type(data)}")
        )
    name = data.get("schema")
    if name != SCHEMA_NAME:
        found = "it has no \"schema\" field" if "schema" not in data else f"its \"schema\" is {_short(name)}"
        raise FormatError(
            _at(
                source,
                f"this is not a quoteapp attribution file: {found}, expected \"schema\": \"{SCHEMA_NAME}\" "
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


def check_schema(data: Any, source: str, fast: jsonschema_rs.Draft202012Validator,
                 slow: jsonschema.protocols.Validator) -> None:
    """One FormatError naming the field of the first schema error (and how many more), or None.

    jsonschema-rs (`fast`) says quickly whether the data is valid; only when it is not, the
    pure-Python validator (`slow`) finds the errors, so the messages are exactly what they always
    were (and its verdict is the one that counts, should the two ever differ).
    """
    with contextlib.suppress(ValueError, TypeError):  # a value jsonschema-rs cannot convert: ask jsonschema
        if fast.is_valid(data):
            return
    errors = list(slow.iter_errors(data))  # in schema order, list items by index
    if not errors:
        return
    first = errors[0]
    field, message = _describe(first)
    more = f" (and {len(errors) - 1} more problem{'s' if len(errors) > 2 else ''})" if len(errors) > 1 else ""
    raise FormatError(_at(source, f"{field}: {message}{more}"))


def json_path(path: Iterable[str | int]) -> str:
    """`["quotes", 4, "segments", 0, "start"]` as `quotes[4].segments[0].start`, the form all messages use."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _describe(error: jsonschema.ValidationError) -> tuple[str, str]:
    """The field path and a plain message for one schema error."""
    path = list(error.absolute_path)
    kind, expected, value = error.validator, error.validator_value, error.instance
    if kind == "required":
        missing = next((k for k in expected if k not in value), "?")
        return json_path([*path, missing]), "is missing (required)"
    if kind == "type":
        names = " or ".join(_TYPE_NAMES.get(n, n) for n in ([expected] if isinstance(expected, str) else expected))
        return json_path(path), f"expected {names}, found {_json_type(value)}"
    if kind == "enum":
        return json_path(path), f"{_short(value)} is not one of {', '.join(map(str, expected))}"
    if kind == "const":
        return json_path(path), f"must be {json.dumps(expected)}, found {_short(value)}"
    if kind == "minimum":
        return json_path(path), f"{value} is below the minimum {expected}"
    if kind == "maximum":
        return json_path(path), f"{value} is above the maximum {expected}"
    if kind == "minLength":
        return json_path(path), "is empty"
    if kind == "minItems":
        return json_path(path), f"needs at least {expected} item{'s' if expected != 1 else ''}"
    if kind == "pattern":
        return json_path(path), f"{_short(value)} is not {error.schema.get('description', f'of the form {expected}')}"
    return json_path(path), error.message


_TYPE_NAMES = {
    "object": "an object",
    "array": "a list",
    "string": "a string",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "null",
}


def _json_type(value: Any) -> str:
    """How a user would name a JSON value's type, with the value when it is short."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the string {_short(value)}"
    if isinstance(value, list):
        return "a list"
    return "an object"


def _short(value: Any, limit: int = 40) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _field_list(data: dict[str, Any], limit: int = 6) -> str:
    keys = list(data)
    if not keys:
        return "none"
    shown = ", ".join(keys[:limit])
    return shown + (", …" if len(keys) > limit else "")


# --------------------------------------------------------------------------- JSON -> model (already checked)


class _TooDeep(ValueError):
    pass


_TOP_KEYS, _DOCUMENT_KEYS, _ENTITY_KEYS, _SPAN_KEYS, _SPEAKER_KEYS, _INTERMEDIARY_KEYS, _QUOTE_KEYS = map(
    frozenset, (TOP_FIELDS, DOCUMENT_FIELDS, ENTITY_FIELDS, SPAN_FIELDS, SPEAKER_FIELDS, INTERMEDIARY_FIELDS,
                QUOTE_FIELDS))


def _extra(obj: dict[str, Any], known: frozenset[str]) -> dict[str, Any]:
    """The unknown fields of `obj`, to be written back; one nested too deep to be saved again is refused."""
    if obj.keys() <= known:  # the common case, one set comparison in C
        return {}
    extra = {k: v for k, v in obj.items() if k not in known}
    for key, value in extra.items():
        _check_depth(key, value)
    return extra


def _check_depth(key: str, value: Any) -> Any:
    """`value`, kept as read and written back as is: refused when it nests too deep for that."""
    if isinstance(value, (dict, list)) and _depth(value, MAX_EXTRA_DEPTH) > MAX_EXTRA_DEPTH:
        raise _TooDeep(f"{key}: nested more than {MAX_EXTRA_DEPTH} levels deep "
                       "(quoteapp keeps fields it does not know, and could not save this one again)")
    return value


def _depth(value: Any, limit: int) -> int:
    """How deep lists and objects nest in `value` (a scalar is 0), counted up to `limit` + 1."""
    deepest = 0
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else None
        if children is None:
            continue
        deepest = max(deepest, depth)
        if depth > limit:
            return depth
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return deepest


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
