"""`quoteapp stats` counts speakers by the folder's registry identities, as the editor's Corpus
Statistics do: the same person spelled two ways in two articles is one speaker (articles invented,
the folder is test_exports_identity's)."""

from __future__ import annotations

from test_exports_identity import folder  # noqa: F401 (the fixture)

from quoteapp.cli import main


def test_stats_count_one_speaker_for_a_merged_identity(folder, capsys) -> None:  # noqa: F811
    assert main(["stats", str(folder)]) == 0
    out = capsys.readouterr().out
    most_quoted = out.split("most quoted:")[1].split("per article")[0]
    rows = [line.split(None, 1) for line in most_quoted.strip().splitlines()]
    counts = {name: int(count) for count, name in rows}
    merged = [name for name in counts if name.startswith("Anna Berg")]
    assert len(merged) == 1 and counts[merged[0]] == 2, most_quoted
    assert counts.get("Olav Strand") == 1
