"""Checked reading of JSON files: bytes, UTF-8, JSON syntax, schema validation, and the wording of every error.

The attribution file and the speaker registry are read the same way: a regular file only, UTF-8
(a BOM tolerated), JSON that can be written back exactly as it was (no NaN, no infinite float, no
integer too long, no lone surrogate, no nesting too deep to be saved again), then the shipped JSON
schema, whose first error becomes one FormatError naming the field in plain words. What the files
hold (their schema names, versions and objects) is left to their own modules.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import json
import math
import os
import re
import stat
from collections.abc import Iterable, Iterator
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs

from quoteapp.formats.errors import FormatError

#: how deep an unknown field may nest (the known fields nest 5 deep): deeper ones could be read but not saved
MAX_EXTRA_DEPTH = 64


# --------------------------------------------------------------------------- the JSON schema


@functools.cache
def schema_text(name: str) -> str:
    """A shipped schema: package data of `quoteapp.resources`, or `resources/` in a source checkout."""
    try:
        return (resources.files("quoteapp.resources") / "schema" / name).read_text(encoding="utf-8")
    except ModuleNotFoundError:
        # Not installed: quoteapp.resources only exists once pyproject's package-dir mapping applies.
        return (Path(__file__).resolve().parents[2] / "resources" / "schema" / name).read_text(encoding="utf-8")


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


# --------------------------------------------------------------------------- reading JSON text


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
        hint = (
            "it looks like a compressed file"
            if data.startswith((b"\x1f\x8b", b"PK\x03\x04"))
            else ("is it an attribution file?")
        )
        raise FormatError(
            _at(source, f"not UTF-8 text (byte 0x{data[e.start]:02x} at position {e.start}); {hint}")
        ) from e


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
                raise FormatError(
                    _at(
                        source,
                        f"{json_path(path)}: holds a lone surrogate "
                        f"(\\u{ord(found.group()):04x}), which no UTF-8 file can store",
                    )
                )
        elif isinstance(node, dict):
            for key, value in reversed(node.items()):
                if _SURROGATE.search(key):
                    raise FormatError(
                        _at(
                            source,
                            f"{json_path(path)}: a field name holds a lone surrogate "
                            f"(\\u{ord(_SURROGATE.search(key).group()):04x})",
                        )
                    )
                stack.append((value, [*path, key]))
        elif isinstance(node, list):
            stack.extend((value, [*path, i]) for i, value in reversed(list(enumerate(node))))


def _json_problem(error: json.JSONDecodeError, text: str) -> str:
    """A syntax error as a user reads it; an error at the very end means the file was cut short."""
    where = f"line {error.lineno}, column {error.colno}"
    if error.msg.startswith("Unterminated string") or error.pos >= len(text.rstrip()):
        return f"{where}: the file ends too early; it looks truncated (an interrupted save or copy?)"
    return f"{where}: {error.msg} (not valid JSON)"


def _at(source: str, message: str) -> str:
    return f"{source}: {message}" if source else message


def check_schema(
    data: Any, source: str, fast: jsonschema_rs.Draft202012Validator, slow: jsonschema.protocols.Validator
) -> None:
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


# --------------------------------------------------------------------------- unknown fields kept as read


class _TooDeep(ValueError):
    pass


def _check_depth(key: str, value: Any) -> Any:
    """`value`, kept as read and written back as is: refused when it nests too deep for that."""
    if isinstance(value, (dict, list)) and _depth(value, MAX_EXTRA_DEPTH) > MAX_EXTRA_DEPTH:
        raise _TooDeep(
            f"{key}: nested more than {MAX_EXTRA_DEPTH} levels deep "
            "(quoteapp keeps fields it does not know, and could not save this one again)"
        )
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
