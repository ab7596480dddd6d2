"""The attribution file: exact round trips, the shipped JSON schema, and a clear FormatError for every bad file."""

from __future__ import annotations

import copy
import functools
import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import quoteapp
from quoteapp.formats import atomic, attribution, json_checks
from quoteapp.formats.atomic import atomic_write_text
from quoteapp.formats.attribution import (
    dumps,
    from_dict,
    loads,
    read_annotation,
    schema,
    to_dict,
    write_annotation,
)
from quoteapp.formats.errors import FormatError
from quoteapp.model import (
    Annotation,
    Document,
    Entity,
    Intermediary,
    Quote,
    Span,
    Speaker,
    text_sha256,
)

# Made up for these tests. Outside the BMP: 𝔘 (1 code point) and 👍🏽 (2 code points, 4 UTF-16 units);
# "Zoë" and "café" are written with combining marks (e + U+0308, e + U+0301) to catch normalisation.
TEXT = (
    "Harbor City 👍🏽 News\n\n"
    "Zoe\u0308 Marr, the caf\u00e9 owner, said the 𝔘-bridge would reopen in May.\n"
    '"We are on schedule 👍🏽," a city spokeswoman told the Harbor Gazette. '
    "Cafe\u0301 staff were not told, Marr said."
)


def span(fragment: str, text: str = TEXT, occurrence: int = 0) -> Span:
    """The span of the n-th occurrence of `fragment` in the text."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(fragment, start + 1)
    return Span(start, start + len(fragment), fragment)


def make_annotation() -> Annotation:
    """A valid annotation using every field: nested quote, null speaker, intermediaries, extras nowhere yet."""
    return Annotation(
        document=Document(id="harbor", text=TEXT, path="harbor.txt", title="Harbor City News"),
        entities=[
            Entity(
                "E1",
                "person",
                "Zoe\u0308 Marr",
                aliases=["Marr", "the caf\u00e9 owner"],
                description="owns a café",
                mentions=[span("Zoe\u0308 Marr"), span("Marr", occurrence=1)],
            ),
            Entity("E2", "anonymous", "city spokeswoman", aliases=["a city spokeswoman"]),
            Entity("E3", "outlet", "Harbor Gazette"),
        ],
        quotes=[
            Quote(
                "Q1",
                "indirect",
                [span("the 𝔘-bridge would reopen in May")],
                cue=span("said"),
                speaker=Speaker("E1", span("Zoe\u0308 Marr")),
                status="accepted",
                confidence=0.9,
                evidence="ccomp of 'said'",
            ),
            Quote(
                "Q2",
                "direct",
                [span("We are on schedule 👍🏽,")],
                cue=span("told"),
                speaker=Speaker("E2", None),
                intermediaries=[Intermediary("E3", "outlet", span("Harbor Gazette"))],
                parent="Q1",
                status="corrected",
            ),
            Quote("Q3", "indirect", [span("Cafe\u0301 staff were not told")], cue=None, speaker=None, status="added"),
        ],
        generator={"app": "quoteapp", "app_version": "0.0.1", "pipeline": "en_core_web_sm 3.8.0"},
    )


@functools.cache
def schema_validator() -> jsonschema.Draft202012Validator:
    """The shipped schema as any JSON Schema tool would use it (not the reader's own inlined copy)."""
    return jsonschema.Draft202012Validator(schema())


def validate_against_schema(data: Any) -> None:
    schema_validator().validate(data)


def assert_same(a: Annotation, b: Annotation) -> None:
    """Equal as a user would see them, span extras included (Span equality ignores `extra`)."""
    assert a.document == b.document
    assert a.entities == b.entities
    assert a.quotes == b.quotes
    assert a.extra == b.extra
    assert all_span_extras(a) == all_span_extras(b)


def all_span_extras(annotation: Annotation) -> list[dict[str, Any]]:
    spans: list[Span | None] = [m for e in annotation.entities for m in e.mentions]
    for q in annotation.quotes:
        spans += [*q.segments, q.cue, q.speaker.mention if q.speaker else None]
        spans += [v.mention for v in q.intermediaries]
    return [s.extra for s in spans if s is not None]


# --------------------------------------------------------------------------- round trips


def test_round_trip_through_a_file_keeps_everything(tmp_path: Path) -> None:
    original = make_annotation()
    path = tmp_path / "harbor.json"
    write_annotation(original, path)
    again = read_annotation(path)
    assert_same(original, again)
    q2 = again.quote("Q2")
    assert q2 is not None and q2.segments[0].text == "We are on schedule 👍🏽,"
    assert TEXT[q2.segments[0].start : q2.segments[0].end] == "We are on schedule 👍🏽,"


def test_file_is_readable_utf8_json_with_non_ascii_kept(tmp_path: Path) -> None:
    path = tmp_path / "harbor.json"
    write_annotation(make_annotation(), path)
    raw = path.read_bytes().decode("utf-8")
    assert "👍🏽" in raw and "𝔘" in raw and "\\u" not in raw
    assert json.loads(raw)["document"]["text"] == TEXT


def test_keys_are_written_in_the_spec_order() -> None:
    data = json.loads(dumps(make_annotation()))
    assert list(data) == ["schema", "version", "generator", "document", "entities", "quotes"]
    assert list(data["document"]) == ["id", "path", "title", "sha256", "text"]
    assert list(data["quotes"][0]) == [
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
    ]
    assert list(data["entities"][0]) == ["id", "kind", "name", "aliases", "description", "mentions"]
    assert list(data["quotes"][1]["intermediaries"][0]) == ["entity", "role", "mention"]


def test_nulls_are_written_as_the_spec_shows() -> None:
    data = json.loads(dumps(make_annotation()))
    q2, q3 = data["quotes"][1], data["quotes"][2]
    assert q2["speaker"] == {"entity": "E2", "mention": None}
    assert q3["speaker"] is None and q3["cue"] is None and q3["parent"] is None and q3["confidence"] is None
    assert data["entities"][2] == {"id": "E3", "kind": "outlet", "name": "Harbor Gazette", "aliases": []}


def test_generator_is_stamped_and_pipeline_kept() -> None:
    annotation = make_annotation()
    annotation.generator = {"app": "other", "app_version": "9", "pipeline": "en_core_web_sm 3.8.0", "host": "x"}
    generator = to_dict(annotation)["generator"]
    assert generator == {
        "app": "quoteapp",
        "app_version": quoteapp.__version__,
        "pipeline": "en_core_web_sm 3.8.0",
        "host": "x",
    }
    annotation.generator = None
    assert to_dict(annotation)["generator"] == {"app": "quoteapp", "app_version": quoteapp.__version__}


def test_sha256_is_recomputed_from_the_text(tmp_path: Path) -> None:
    annotation = make_annotation()
    annotation.document.sha256 = "0" * 64  # stale: the text changed after it was computed
    assert to_dict(annotation)["document"]["sha256"] == text_sha256(TEXT)
    write_annotation(annotation, tmp_path / "a.json")
    assert read_annotation(tmp_path / "a.json").document.sha256 == text_sha256(TEXT)


def with_unknown_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The file of make_annotation() with a field we do not know at every level."""
    data = copy.deepcopy(data)
    data["extensions"] = {"reviewer": "kim", "minutes": 12}
    data["generator"]["host"] = "laptop"
    data["document"]["nested_annotated"] = False
    data["entities"][0]["wikidata"] = "Q42"
    data["entities"][0]["mentions"][0]["source"] = "ner"
    quote = data["quotes"][1]
    quote["optional"] = True
    quote["speaker_alternatives"] = ["E1"]
    quote["segments"][0]["marks"] = ["\u201c", "\u201d"]
    quote["cue"]["lemma"] = "tell"
    quote["speaker"]["resolved_by"] = "pronoun rule"
    quote["intermediaries"][0]["confidence"] = 0.5
    quote["intermediaries"][0]["mention"]["note"] = "👍🏽"
    data["quotes"][0]["speaker"]["mention"]["head"] = 4
    return data


def test_unknown_fields_at_every_level_survive_read_and_write(tmp_path: Path) -> None:
    data = with_unknown_fields(to_dict(make_annotation()))
    annotation = from_dict(data)
    assert annotation.extra == {"extensions": {"reviewer": "kim", "minutes": 12}}
    assert annotation.document.extra == {"nested_annotated": False}
    assert annotation.quotes[1].extra == {"optional": True, "speaker_alternatives": ["E1"]}
    assert annotation.quotes[1].speaker is not None and annotation.quotes[1].speaker.extra == {
        "resolved_by": "pronoun rule"
    }

    write_annotation(annotation, tmp_path / "a.json")
    written = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert written == data
    # Unknown keys come after the known ones.
    assert list(written)[-1] == "extensions"
    assert list(written["quotes"][1])[-2:] == ["optional", "speaker_alternatives"]
    assert_same(annotation, read_annotation(tmp_path / "a.json"))


def test_a_stale_extra_never_overrides_a_known_field() -> None:
    annotation = make_annotation()
    annotation.quotes[0].extra["status"] = "rejected"
    annotation.extra["version"] = 7
    data = to_dict(annotation)
    assert data["version"] == 1 and data["quotes"][0]["status"] == "accepted"


def test_writing_does_not_change_the_annotation() -> None:
    annotation = make_annotation()
    annotation.document.sha256 = "0" * 64
    before = copy.deepcopy(annotation)
    dumps(annotation)
    assert annotation == before and annotation.generator == before.generator


def test_minimal_file_without_generator_entities_or_quotes_reads() -> None:
    annotation = loads('{"schema": "quoteapp/attribution", "version": 1, "document": {"id": "d", "text": "Hi."}}')
    assert annotation.document.text == "Hi." and annotation.quotes == [] and annotation.entities == []
    assert annotation.generator is None


def test_whole_number_offsets_written_as_floats_read_as_ints() -> None:
    """JSON Schema counts 27.0 as an integer; the reader must still give str-indexable offsets."""
    data = to_dict(make_annotation())
    segment = data["quotes"][0]["segments"][0]
    segment["start"], segment["end"] = float(segment["start"]), float(segment["end"])
    read = from_dict(data).quotes[0].segments[0]
    assert type(read.start) is int and type(read.end) is int
    assert TEXT[read.start : read.end] == read.text


def test_utf8_bom_is_tolerated(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + dumps(make_annotation()).encode("utf-8"))
    assert read_annotation(path).document.text == TEXT


# --------------------------------------------------------------------------- the shipped schema


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
    assert schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_schema_ships_as_package_data() -> None:
    """pyproject maps resources/ to quoteapp.resources, with schema/ its package of JSON files."""
    repo = Path(__file__).resolve().parent.parent
    assert (repo / "resources" / "schema" / "attribution-v1.schema.json").is_file()
    if sys.version_info >= (3, 11):
        import tomllib

        config = tomllib.loads((repo / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
        assert config["package-dir"]["quoteapp.resources"] == "resources"
        assert "quoteapp.resources.schema" in config["packages"]
        assert "*.json" in config["package-data"]["quoteapp.resources.schema"]


def test_files_we_write_validate_against_the_schema() -> None:
    validate_against_schema(json.loads(dumps(make_annotation())))
    validate_against_schema(json.loads(dumps(from_dict(with_unknown_fields(to_dict(make_annotation()))))))


def test_schema_allows_extra_properties_and_refuses_wrong_types() -> None:
    data = with_unknown_fields(to_dict(make_annotation()))
    validate_against_schema(data)
    data["quotes"][0]["segments"][0]["start"] = "12"
    with pytest.raises(jsonschema.ValidationError):
        validate_against_schema(data)


# --------------------------------------------------------------------------- bad files


def good_data() -> dict[str, Any]:
    return to_dict(make_annotation())


def read_error(tmp_path: Path, content: bytes | str | dict[str, Any] | list[Any], name: str = "story.json") -> str:
    """Write `content` to a file, read it, and return the FormatError's message."""
    path = tmp_path / name
    if isinstance(content, (dict, list)):
        content = json.dumps(content, ensure_ascii=False, indent=1)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    with pytest.raises(FormatError) as info:
        read_annotation(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), "the message names the file"
    return message


def test_binary_file(tmp_path: Path) -> None:
    message = read_error(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    assert "not UTF-8" in message and "0x89" in message


def test_latin1_file_says_where_the_bad_byte_is(tmp_path: Path) -> None:
    text = dumps(make_annotation()).replace("Harbor City", "Caf\u00e9 City")
    message = read_error(tmp_path, text.encode("latin-1", errors="replace"))
    position = text.encode("latin-1", errors="replace").index(b"\xe9")
    assert "not UTF-8" in message and f"position {position}" in message


def test_utf16_file(tmp_path: Path) -> None:
    assert "UTF-16" in read_error(tmp_path, dumps(make_annotation()).encode("utf-16"))


def test_empty_file(tmp_path: Path) -> None:
    assert "empty" in read_error(tmp_path, "  \n")


@pytest.mark.parametrize("keep", [0.2, 0.5, 0.999])
def test_truncated_file_says_so(tmp_path: Path, keep: float) -> None:
    text = dumps(make_annotation())
    message = read_error(tmp_path, text[: int(len(text) * keep)])
    assert "truncated" in message and "ends too early" in message


def test_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    text = dumps(make_annotation()).replace('"version": 1,', '"version": 1,,', 1)
    message = read_error(tmp_path, text)
    assert "line 3, column 15" in message and "truncated" not in message


@pytest.mark.parametrize("constant", ["NaN", "Infinity", "-Infinity"])
def test_nan_and_infinity_are_refused(tmp_path: Path, constant: str) -> None:
    """Python's json would read them, but they are not JSON and the file could not be saved again."""
    text = dumps(make_annotation()).replace('"confidence": 0.9', f'"confidence": {constant}', 1)
    assert constant in text
    message = read_error(tmp_path, text)
    assert constant in message and "not valid JSON" in message


@pytest.mark.parametrize("content", [[good_data()], "42", '"quoteapp"', "null"])
def test_top_level_must_be_an_object(tmp_path: Path, content: Any) -> None:
    message = read_error(tmp_path, content)
    assert "not a quoteapp attribution file" in message and "object" in message


def test_foreign_json_is_recognised(tmp_path: Path) -> None:
    package = {"name": "harbor-site", "version": "1.0.0", "scripts": {"build": "vite"}, "dependencies": {}}
    message = read_error(tmp_path, package, name="package.json")
    assert "not a quoteapp attribution file" in message and '"schema"' in message
    assert "name, version, scripts" in message


def test_other_schema_is_refused(tmp_path: Path) -> None:
    data = good_data()
    data["schema"] = "someone/else"
    assert '"someone/else"' in read_error(tmp_path, data)


@pytest.mark.parametrize("version", [2, 17])
def test_newer_version_is_refused_clearly(tmp_path: Path, version: int) -> None:
    data = good_data()
    data["version"] = version
    data["quotes"] = "in version 2 this could be anything"
    message = read_error(tmp_path, data)
    assert f"version {version}" in message and "update quoteapp" in message
    assert "quotes" not in message, "refused before reading anything else"


@pytest.mark.parametrize(("version", "expected"), [(0, "number 0"), ("1", 'string "1"'), (True, "true"), (1.5, "1.5")])
def test_odd_versions_are_refused(tmp_path: Path, version: Any, expected: str) -> None:
    data = good_data()
    data["version"] = version
    message = read_error(tmp_path, data)
    assert "version" in message and expected in message


def test_missing_version(tmp_path: Path) -> None:
    data = good_data()
    del data["version"]
    assert "version: missing" in read_error(tmp_path, data)


def test_wrong_type_deep_inside_names_the_path(tmp_path: Path) -> None:
    data = good_data()
    data["quotes"][2]["segments"][0]["start"] = "27"
    message = read_error(tmp_path, data)
    assert "quotes[2].segments[0].start: " in message and "whole number" in message and '"27"' in message


def test_missing_required_field_names_the_path(tmp_path: Path) -> None:
    data = good_data()
    del data["quotes"][1]["intermediaries"][0]["role"]
    assert "quotes[1].intermediaries[0].role: is missing" in read_error(tmp_path, data)


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["document"].pop("text"), "document.text: is missing"),
        (lambda d: d.__setitem__("quotes", {"Q1": {}}), "quotes: expected a list, found an object"),
        (lambda d: d["quotes"][0].__setitem__("speaker", "E1"), "quotes[0].speaker: expected an object or null"),
        (lambda d: d["quotes"][0].__setitem__("status", "done"), 'quotes[0].status: "done" is not one of'),
        (lambda d: d["quotes"][0].__setitem__("confidence", 3), "quotes[0].confidence: 3 is above the maximum 1"),
        (lambda d: d["quotes"][0].__setitem__("segments", []), "quotes[0].segments: needs at least 1 item"),
        (lambda d: d["entities"][0].__setitem__("aliases", "Marr"), "entities[0].aliases: expected a list"),
        (lambda d: d["quotes"][1]["cue"].__setitem__("end", -4), "quotes[1].cue.end: -4 is below the minimum 0"),
        (lambda d: d["document"].__setitem__("sha256", "abc"), 'document.sha256: "abc" is not a SHA-256'),
    ],
)
def test_structural_problems_name_the_field(tmp_path: Path, change: Any, expected: str) -> None:
    data = good_data()
    change(data)
    assert expected in read_error(tmp_path, data)


def test_several_problems_report_the_first_and_count_the_rest(tmp_path: Path) -> None:
    data = good_data()
    data["quotes"][2]["type"] = 3
    data["quotes"][1]["id"] = 5
    message = read_error(tmp_path, data)
    assert "quotes[1].id" in message and "(and 1 more problem)" in message


def test_offsets_past_the_end_give_field_and_numbers(tmp_path: Path) -> None:
    data = good_data()
    segment = data["quotes"][2]["segments"][0]
    segment["end"] = len(TEXT) + 88
    message = read_error(tmp_path, data)
    assert f"quotes[2].segments[0]: end {len(TEXT) + 88} is past the end of the text ({len(TEXT)})" in message


def test_span_text_mismatch(tmp_path: Path) -> None:
    data = good_data()
    data["quotes"][0]["segments"][0]["text"] = "the 𝔘-bridge would reopen in June"
    message = read_error(tmp_path, data)
    assert "quotes[0].segments[0]: " in message and "differs from the document" in message


def test_utf16_offsets_are_caught_as_a_mismatch(tmp_path: Path) -> None:
    """A writer counting UTF-16 units (like Qt) shifts every span after an emoji: the reader must notice."""
    data = good_data()
    cue = data["quotes"][1]["cue"]
    shift = len(TEXT[: cue["start"]].encode("utf-16-le")) // 2 - cue["start"]
    assert shift > 0
    cue["start"] += shift
    cue["end"] += shift
    assert "quotes[1].cue: " in read_error(tmp_path, data)


def test_sha256_mismatch(tmp_path: Path) -> None:
    data = good_data()
    data["document"]["sha256"] = text_sha256(TEXT + "\n")
    message = read_error(tmp_path, data)
    assert "document.sha256: does not match document.text" in message


def test_missing_entity(tmp_path: Path) -> None:
    data = good_data()
    data["entities"] = [e for e in data["entities"] if e["id"] != "E3"]
    assert "quotes[1].intermediaries[0].entity: no entity has the id 'E3'" in read_error(tmp_path, data)


def test_parent_cycle(tmp_path: Path) -> None:
    data = good_data()
    data["quotes"][0]["parent"] = "Q2"  # Q2's parent is already Q1
    message = read_error(tmp_path, data)
    assert "quotes[0].parent: " in message and "ancestor" in message


def test_source_prefix_only_when_given() -> None:
    with pytest.raises(FormatError) as info:
        loads("[]")
    assert str(info.value).startswith("this is not a quoteapp attribution file")
    with pytest.raises(FormatError) as info:
        loads("[]", "x.json")
    assert str(info.value).startswith("x.json: this is not")


def test_missing_file_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot read"):
        read_annotation(tmp_path / "nowhere.json")


def test_a_broken_annotation_is_never_written(tmp_path: Path) -> None:
    annotation = make_annotation()
    annotation.quotes[1].speaker = Speaker("E9")
    with pytest.raises(FormatError, match=r"quotes\[1\]\.speaker\.entity"):
        write_annotation(annotation, tmp_path / "a.json")
    assert list(tmp_path.iterdir()) == []


# --------------------------------------------------------------------------- atomic writes


def test_atomic_write_leaves_only_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    write_annotation(make_annotation(), path)
    write_annotation(make_annotation(), path)
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_failed_serialisation_keeps_the_old_file(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    write_annotation(make_annotation(), path)
    before = path.read_bytes()
    broken = make_annotation()
    broken.quotes[0].segments[0] = Span(0, len(TEXT) + 1, TEXT)
    with pytest.raises(FormatError):
        write_annotation(broken, path)
    unstorable = make_annotation()
    unstorable.extra["extensions"] = {"when": object()}
    with pytest.raises(FormatError, match="JSON cannot store"):
        write_annotation(unstorable, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_failure_during_the_write_removes_the_temp_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.json"
    path.write_text("old contents", encoding="utf-8")

    def disk_full(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "fsync", disk_full)
    with pytest.raises(OSError):
        atomic_write_text(path, "new contents")
    with pytest.raises(FormatError, match="No space left on device"):
        write_annotation(make_annotation(), path)
    assert path.read_text(encoding="utf-8") == "old contents"
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_atomic_write_replaces_contents_exactly(tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    atomic_write_text(path, "first\n")
    atomic_write_text(path, "zweite 👍🏽\n")
    assert path.read_bytes() == "zweite 👍🏽\n".encode()


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_atomic_write_keeps_permissions_and_symlinks(tmp_path: Path) -> None:
    real = tmp_path / "real.json"
    real.write_text("old", encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    atomic_write_text(link, "new")
    assert link.is_symlink() and real.read_text(encoding="utf-8") == "new"
    assert stat.S_IMODE(real.stat().st_mode) == 0o640


def test_write_into_a_missing_folder_is_a_format_error(tmp_path: Path) -> None:
    with pytest.raises(FormatError, match="cannot save"):
        write_annotation(make_annotation(), tmp_path / "no" / "such" / "a.json")


# --------------------------------------------------------------------------- gold files


def gold_files(shared: Path) -> list[Path]:
    files = [p for folder in ("seeds", "polnear-dev") for p in sorted((shared / "gold" / folder).glob("*.json"))]
    assert files, "the gold folders are empty"
    return files


def test_all_gold_files_read_and_survive_a_rewrite(shared: Path, tmp_path: Path) -> None:
    kinds: set[str] = set()
    for path in gold_files(shared):
        first = read_annotation(path)
        kinds.update(e.kind for e in first.entities)
        assert all("optional" in q.extra for q in first.quotes), "gold-only fields are kept"
        assert first.document.text, path.name
        out = tmp_path / path.name
        write_annotation(first, out)
        written = json.loads(out.read_text(encoding="utf-8"))
        validate_against_schema(written)
        second = read_annotation(out)
        assert_same(first, second)
        # Everything the gold file held is still there (the writer only adds generator and null defaults).
        original = json.loads(path.read_text(encoding="utf-8"))
        assert written["document"] == original["document"], path.name
        assert written["entities"] == original["entities"], path.name
        for before, after in zip(original["quotes"], written["quotes"], strict=True):
            assert {k: v for k, v in after.items() if k in before} == before, path.name
    assert "unknown" in kinds, "the gold files' entity kind is read"


# --------------------------------------------------------------------------- property


@st.composite
def texts_with_spans(draw: st.DrawFn) -> tuple[str, list[tuple[int, int]]]:
    """A random text (any code points, non-BMP and combining marks included) and valid spans into it."""
    alphabet = st.one_of(
        st.characters(blacklist_categories=("Cs",)),
        st.sampled_from(["👍🏽", "𝔘", "e\u0301", "\n", "\u201c", "\u200d", "\r"]),
    )
    text = "".join(draw(st.lists(alphabet, min_size=1, max_size=60)))
    bounds = st.integers(0, len(text) - 1).flatmap(lambda s: st.tuples(st.just(s), st.integers(s + 1, len(text))))
    return text, draw(st.lists(bounds, min_size=1, max_size=6))


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(texts_with_spans())
def test_random_texts_and_spans_round_trip_exactly(case: tuple[str, list[tuple[int, int]]]) -> None:
    text, bounds = case
    annotation = Annotation(
        document=Document("doc", text),
        entities=[Entity("E1", "person", text[bounds[0][0] : bounds[0][1]], mentions=[Span.of(text, *bounds[0])])],
        quotes=[
            Quote(f"Q{i}", "direct", [Span.of(text, s, e)], speaker=Speaker("E1", Span.of(text, *bounds[-1])))
            for i, (s, e) in enumerate(bounds, 1)
        ],
    )
    written = dumps(annotation)
    validate_against_schema(json.loads(written))
    again = loads(written)
    assert again.document.text == text
    assert_same(again, annotation)
    for quote, (s, e) in zip(again.quotes, bounds, strict=True):
        assert (quote.segments[0].start, quote.segments[0].end, quote.segments[0].text) == (s, e, text[s:e])


# --------------------------------------------------------------------------- a file that reads can be saved again


def test_version_one_point_zero_is_refused(tmp_path: Path) -> None:
    """1.0 == 1 in Python, but the format's version is the integer 1."""
    text = dumps(make_annotation()).replace('"version": 1,', '"version": 1.0,', 1)
    message = read_error(tmp_path, text)
    assert "version" in message and "1.0" in message


def test_integer_of_thousands_of_digits_is_a_format_error(tmp_path: Path) -> None:
    text = dumps(make_annotation()).replace('"start": ', '"start": ' + "9" * 5000 + ', "was": ', 1)
    assert "too long" in read_error(tmp_path, text)


def test_number_too_large_for_a_float_is_refused(tmp_path: Path) -> None:
    """`1e999` would read as infinity, which JSON cannot store: refused like Infinity itself."""
    text = dumps(make_annotation()).replace('"confidence": 0.9', '"confidence": 1e999', 1)
    assert "1e999" in text
    assert "1e999" in read_error(tmp_path, text)


@pytest.mark.parametrize("escape", ["\\ud800", "\\udfff", "\\ud83d x"])
def test_lone_surrogate_is_a_format_error_naming_the_field(tmp_path: Path, escape: str) -> None:
    text = dumps(make_annotation()).replace('"title": ', f'"title": "{escape}", "old_title": ', 1)
    message = read_error(tmp_path, text)
    assert "document.title: " in message and "surrogate" in message


def test_a_pair_of_surrogate_escapes_is_one_character_and_reads(tmp_path: Path) -> None:
    path = tmp_path / "pair.json"
    path.write_text(dumps(make_annotation()).replace('"title": ', '"title": "\\ud83d\\udc4d", "old": ', 1))
    assert read_annotation(path).document.title == "\U0001f44d"


def nested(depth: int) -> Any:
    value: Any = "bottom"
    for _ in range(depth):
        value = {"deeper": value}
    return value


@pytest.mark.parametrize("where", ["top", "quote", "generator", "span"])
def test_unknown_field_nested_too_deep_is_refused_on_reading(tmp_path: Path, where: str) -> None:
    """Before, 600 levels read and then failed to save with RecursionError."""
    data = good_data()
    target = {
        "top": data,
        "quote": data["quotes"][0],
        "generator": data["generator"],
        "span": data["quotes"][0]["segments"][0],
    }[where]
    target["x_notes"] = nested(600)
    message = read_error(tmp_path, data)
    assert "nested more than" in message


def test_unknown_field_nested_a_little_reads_and_saves(tmp_path: Path) -> None:
    data = good_data()
    data["quotes"][0]["x_notes"] = nested(json_checks.MAX_EXTRA_DEPTH - 1)
    path = tmp_path / "a.json"
    path.write_text(json.dumps(data))
    annotation = read_annotation(path)
    write_annotation(annotation, tmp_path / "b.json")
    assert json.loads((tmp_path / "b.json").read_text())["quotes"][0]["x_notes"] == data["quotes"][0]["x_notes"]


ANY_TEXT = st.text(st.characters(exclude_categories=()))  # lone surrogates included


@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | ANY_TEXT,
        lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(), children, max_size=3),
        max_leaves=20,
    )
)
@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
def test_any_unknown_field_either_is_refused_or_reads_and_saves(tmp_path: Path, value: Any) -> None:
    """Reading is total (FormatError or an annotation) and what reads can be written."""
    data = good_data()
    data["quotes"][0]["x_value"] = value
    text = json.dumps(data, allow_nan=True)  # NaN and lone surrogates included, as a hand-edited file may have
    try:
        annotation = loads(text)
    except FormatError:
        return
    assert json.loads(dumps(annotation))["quotes"][0]["x_value"] == value


def test_atomic_write_removes_our_stale_temp_files_only(tmp_path: Path) -> None:
    """A killed save leaves `.<name>.<hex>.tmp`; the next write to the folder removes old ones of that pattern."""
    old = time.time() - atomic.STALE_TEMP_SECONDS - 60
    stale = tmp_path / ".story.json.0a1b2c3d.tmp"
    young = tmp_path / ".other.json.deadbeef.tmp"  # maybe another process's save in progress
    foreign = [tmp_path / ".story.json.tmp", tmp_path / "notes.0a1b2c3d.tmp", tmp_path / ".story.json.0A1B2C3D.tmp"]
    for path in [stale, young, *foreign]:
        path.write_text("half")
    for path in [stale, *foreign]:
        os.utime(path, (old, old))
    atomic._last_cleaned.clear()
    atomic_write_text(tmp_path / "new.json", "{}")
    assert not stale.exists()
    assert young.exists() and all(p.exists() for p in foreign)
    assert (tmp_path / "new.json").read_text() == "{}"


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX thing")
def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    """Opened without blocking and checked: reading a FIFO no one writes to used to wait forever."""
    import threading

    fifo = tmp_path / "story.json"
    os.mkfifo(fifo)
    outcome: list[BaseException] = []

    def read() -> None:
        try:
            read_annotation(fifo)
        except BaseException as err:  # handed to the test thread
            outcome.append(err)

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    reader.join(timeout=30)
    if reader.is_alive():
        with open(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK), "wb"):
            pass
        pytest.fail("read_annotation blocked on a FIFO")
    assert isinstance(outcome[0], FormatError) and "not a regular file" in str(outcome[0])


@pytest.mark.parametrize("enabled", [True, False])
def test_collection_is_paused_while_reading_and_restored(
    tmp_path: Path, enabled: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Collection is paused while a file is turned into objects (half the time of a large file), then
    left as it was, even on an error."""
    import gc

    good, bad = tmp_path / "good.json", tmp_path / "bad.json"
    write_annotation(make_annotation(), good)
    bad.write_text(dumps(make_annotation())[:-40], encoding="utf-8")
    during: list[bool] = []
    build = attribution._build
    monkeypatch.setattr(attribution, "_build", lambda data: during.append(gc.isenabled()) or build(data))
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        read_annotation(good)
        assert during == [False]
        assert gc.isenabled() is enabled
        with pytest.raises(FormatError):
            read_annotation(bad)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()
