"""Primary sources (issue 13): an article marked as a source, every quote aligned to its whole text,
and a direct quote whose words are not the source's flagged with the diff. Invented texts."""

from __future__ import annotations

from statement_helpers import Q, article, kinds, version

from quoteapp.formats.attribution import dumps, loads
from quoteapp.model import Annotation, Document
from quoteapp.model.statements import PASSAGE, WordDiff, group_statements, is_primary_source, mark_primary_source

RELEASE = (
    "HARBOUR AUTHORITY - FOR IMMEDIATE RELEASE\n\n"
    "Mayor Rosa Vidal spoke to the council on Tuesday evening.\n\n"
    "The harbour tolls will rise in spring to pay for the new pier. Fishing boats will pay half the fee "
    "until the pier opens, and ferries will pay nothing in the first year.\n\n"
    "Contact: press office, Harbour Authority.\n"
)
FAITHFUL = "The harbour tolls will rise in spring to pay for the new pier"
CHANGED = "The harbour fees will rise in spring to pay for the new pier"


def release() -> Annotation:
    """The press release as the editor keeps it: an article with no quotes of its own, marked a source."""
    source = Annotation(Document(id="release", text=RELEASE))
    mark_primary_source(source)
    return source


def test_the_primary_source_mark_survives_a_save_and_load_and_can_be_taken_off() -> None:
    source = release()
    source.extra["extensions"]["other_tool"] = {"kept": True}
    again = loads(dumps(source))
    assert is_primary_source(again) and again.extra["extensions"]["other_tool"] == {"kept": True}
    mark_primary_source(again, False)
    assert not is_primary_source(loads(dumps(again)))
    assert not is_primary_source(article("a", "No mark here.")), "an article is not a source unless marked"


def test_a_direct_quote_that_changes_the_source_words_is_flagged_with_the_diff() -> None:
    a = article("a", f"“{CHANGED},” Rosa Vidal said.", Q([CHANGED]))
    b = article("b", f"“{FAITHFUL},” Rosa Vidal said.", Q([FAITHFUL]))
    statements = group_statements([release(), a, b])
    (flag,) = [f for f in version(statements, "a").flags if f.kind == "differs_from_source"]
    assert flag.other[0] == "release" and flag.other[1].startswith(PASSAGE)
    assert WordDiff("replace", "fees", "tolls") in flag.diff
    assert "differs_from_source" not in kinds(version(statements, "b")), "the source's own words"
    (passage,) = [v for s in statements for v in s.versions if v.is_source]
    assert passage.text.startswith("The harbour tolls will rise") and passage.text.rstrip(".").endswith("new pier")


def test_a_single_quote_aligned_to_a_source_is_a_statement_and_sources_can_be_named_by_id() -> None:
    a = article("a", f"“{CHANGED},” Rosa Vidal said.", Q([CHANGED]))
    plain = Annotation(Document(id="transcript", text=RELEASE))  # not marked in its file
    assert group_statements([plain, a]) == [], "no source, one version: no statement"
    (statement,) = group_statements([plain, a], sources={"transcript"})
    assert [v.article for v in statement.versions] == ["a", "transcript"]
    assert "differs_from_source" in kinds(version([statement], "a"))


def test_a_quote_the_source_does_not_have_is_not_aligned() -> None:
    other = "The lighthouse will be painted red before the summer festival"
    a = article("a", f"“{other},” Rosa Vidal said.", Q([other]))
    assert group_statements([release(), a]) == []


def test_an_indirect_quote_is_aligned_but_not_flagged_for_its_own_words() -> None:
    reported = "fishing boats would pay half the fee until the pier opens"
    a = article("a", f"Rosa Vidal said {reported}.", Q([reported], type="indirect"))
    (statement,) = group_statements([release(), a])
    assert {v.article for v in statement.versions} == {"a", "release"}
    assert "differs_from_source" not in kinds(version([statement], "a"))


def test_a_quote_of_the_source_itself_is_its_version() -> None:
    text = f"“{FAITHFUL},” the mayor said in her statement."
    source = article("statement", text, Q([FAITHFUL]))
    mark_primary_source(source)
    a = article("a", f"“{CHANGED},” Rosa Vidal said.", Q([CHANGED]))
    (statement,) = group_statements([source, a])
    (flag,) = [f for f in version([statement], "a").flags if f.kind == "differs_from_source"]
    assert flag.other == ("statement", "Q1")
    assert version([statement], "statement").is_source


def test_a_foreign_file_with_no_object_under_extensions_can_still_be_marked() -> None:
    annotation = Annotation(Document(id="release", text="The mayor said the tolls will rise."))
    annotation.extra["extensions"] = None
    mark_primary_source(annotation)
    assert is_primary_source(annotation)
