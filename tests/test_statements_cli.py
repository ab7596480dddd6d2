"""`quoteapp statements` (issue 13): the JSON shape, CSV rows, sources, and clear errors; and the issue's
"Done when" on the seed articles (extracted, registry applied), read from the command's JSON."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from statement_helpers import Q, article

from quoteapp.cli import main
from quoteapp.formats.articles import read_article
from quoteapp.formats.attribution import write_annotation
from quoteapp.model import Annotation

TOLLS = "The harbour tolls will rise in spring to pay for the new pier"
CHANGED = "The harbour fees will rise in spring to pay for the new pier"


def folder_of(tmp_path: Path, *annotations: Annotation) -> Path:
    folder = tmp_path / "story"
    folder.mkdir()
    for annotation in annotations:
        write_annotation(annotation, folder / f"{annotation.document.id}.quotes.json")
    return folder


def run(capsys: pytest.CaptureFixture, *args: str) -> tuple[int, str, str]:
    code = main(["statements", *args])
    out, err = capsys.readouterr()
    return code, out, err


def two_versions(tmp_path: Path) -> Path:
    a = article("a", f"“{TOLLS},” Mayor Rosa Vidal said.", Q([TOLLS]))
    b = article(
        "b",
        f"“{CHANGED},” Vidal told the Harbour Gazette.",
        Q([CHANGED], via=[("Harbour Gazette", "outlet", "outlet")]),
    )
    return folder_of(tmp_path, a, b)


def test_the_json_is_one_object_of_statements_with_versions_and_flags(tmp_path: Path, capsys) -> None:
    code, out, _ = run(capsys, str(two_versions(tmp_path)), "--json")
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["statements"]
    (statement,) = data["statements"]
    assert set(statement) == {"id", "versions"} and statement["id"] == "S1"
    first, second = statement["versions"]
    assert set(first) == {"article", "quote", "type", "text", "speaker", "intermediaries", "flags"}
    assert (first["article"], first["quote"], first["type"], first["text"]) == ("a", "Q1", "direct", TOLLS)
    assert first["speaker"] == second["speaker"] == "Rosa Vidal", "the registry built from the files names them"
    assert second["intermediaries"] == [{"name": "Harbour Gazette", "role": "outlet"}]
    flags = {f["kind"]: f for f in first["flags"]}
    assert set(flags) == {"words_changed", "chain_differs"}
    changed = flags["words_changed"]
    assert set(changed) == {"kind", "label", "other", "detail", "diff"}
    assert changed["label"] == "words changed inside quotation marks" and changed["other"] == {
        "article": "b",
        "quote": "Q1",
    }
    assert {"op": "replace", "ours": "tolls", "theirs": "fees"} in changed["diff"]


def test_csv_has_one_row_per_version_and_the_text_listing_shows_the_flags(tmp_path: Path, capsys) -> None:
    folder = two_versions(tmp_path)
    _, out, _ = run(capsys, str(folder), "--csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["statement"], r["article"], r["quote"]) for r in rows] == [("S1", "a", "Q1"), ("S1", "b", "Q1")]
    assert (
        "words changed inside quotation marks" in rows[0]["flags"]
        and rows[1]["intermediaries"] == "Harbour Gazette (outlet)"
    )
    _, text, _ = run(capsys, str(folder))
    assert "S1 (2 versions)" in text and "! words changed inside quotation marks" in text and "'tolls' → 'fees'" in text


def test_a_source_given_on_the_command_line_is_aligned(tmp_path: Path, capsys) -> None:
    folder = folder_of(tmp_path, article("a", f"“{CHANGED},” Rosa Vidal said.", Q([CHANGED])))
    release = tmp_path / "release.txt"
    release.write_text(f"PRESS RELEASE\n\nThe mayor said today: {TOLLS}. More to follow.\n", encoding="utf-8")
    _, out, _ = run(capsys, str(folder), "--json")
    assert json.loads(out) == {"statements": []}
    _, out, _ = run(capsys, "--source", str(release), str(folder), "--json")  # before the folder, too
    (statement,) = json.loads(out)["statements"]
    (ours,) = [v for v in statement["versions"] if v["article"] == "a"]
    assert [f["kind"] for f in ours["flags"]] == ["differs_from_source"]
    assert ours["flags"][0]["other"]["article"] == read_article(release).id


def test_missing_folders_and_bad_files_are_said_without_a_traceback(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, str(tmp_path / "nowhere"))
    assert code == 2 and "no such file or folder" in err and "Traceback" not in err
    folder = two_versions(tmp_path)
    (folder / "broken.quotes.json").write_text("{not json", encoding="utf-8")
    code, out, err = run(capsys, str(folder), "--json")
    assert code == 1 and "skipped" in err and "broken.quotes.json" in err
    assert len(json.loads(out)["statements"]) == 1, "the readable files are still grouped"
    empty = tmp_path / "empty"
    empty.mkdir()
    code, _, err = run(capsys, str(empty))
    assert code == 2 and "no readable attribution files" in err


# --- the seeds: the three statements of the "Done when" ------------------------------------


@pytest.fixture(scope="module")
def seed_statements(shared: Path, extractor, tmp_path_factory: pytest.TempPathFactory) -> list[dict]:
    """`quoteapp statements --json` on the seed articles as the extractor annotates them."""
    folder = tmp_path_factory.mktemp("statements-seeds")
    for path in sorted((shared / "corpus" / "seeds").glob("*.txt")):
        text = read_article(path).text
        write_annotation(extractor.annotate(text, path.stem), folder / f"{path.stem}.json")
    buffer = io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("sys.stdout", buffer)
        assert main(["statements", str(folder), "--json"]) == 0
    return json.loads(buffer.getvalue())["statements"]


def statement_with(statements: list[dict], seed: str, *words: str) -> dict:
    """The statement of the quote of seed article `seed` (its number) that says all of `words` (lower case)."""
    found = [
        s
        for s in statements
        if any(v["article"].startswith(seed) and all(w in v["text"].lower() for w in words) for v in s["versions"])
    ]
    assert len(found) == 1, f"{len(found)} statements of {seed} say {words}"
    return found[0]


def version_kinds(statement: dict, *words: str) -> set[str]:
    return {f["kind"] for v in statement["versions"] if all(w in v["text"].lower() for w in words) for f in v["flags"]}


def test_the_spokesmans_welcome_in_003_and_004_is_one_statement_with_its_wording_flagged(seed_statements) -> None:
    statement = statement_with(seed_statements, "003", "we welcome", "call for a ceasefire")
    welcome = [v for v in statement["versions"] if "we welcome" in v["text"].lower()]
    assert sorted(v["article"][:3] for v in welcome) == ["003", "004"]
    assert {v["speaker"] for v in welcome} == {"Khalifa Haftar"}, "the spokesman speaks for Haftar"
    assert "words_changed" in version_kinds(statement, "we welcome")


def test_the_distrust_and_mistrust_remark_in_001_and_002_is_one_statement_with_words_changed(seed_statements) -> None:
    statement = statement_with(seed_statements, "001", "distrust")
    assert any("mistrust" in v["text"].lower() for v in statement["versions"])
    assert sorted(v["article"][:3] for v in statement["versions"]) == ["001", "002"]
    (flag,) = [f for v in statement["versions"] if "distrust" in v["text"] for f in v["flags"]]
    assert flag["kind"] == "words_changed"
    assert any(d["op"] == "replace" and "distrust" in d["ours"] and "mistrust" in d["theirs"] for d in flag["diff"])


def test_the_justification_of_the_attack_in_000_001_002_is_one_statement_with_its_chains_flagged(
    seed_statements,
) -> None:
    statement = statement_with(seed_statements, "000", "fighting against private militias")
    assert {v["article"][:3] for v in statement["versions"]} == {"000", "001", "002"}
    assert "chain_differs" in version_kinds(statement, "militias")
    chains = {tuple(i["role"] for i in v["intermediaries"]) for v in statement["versions"]}
    assert () in chains and any("relay" in c for c in chains), "firsthand in one article, relayed in another"
