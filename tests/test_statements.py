"""One statement, many versions (issue 13): grouping a folder's quotes and flagging what differs.

Every article here is invented: a mayor's remark about harbour tolls, reported in several ways.
"""

from __future__ import annotations

from statement_helpers import Q, article, kinds, members, version

from quoteapp.corpus.registry import build_registry
from quoteapp.model.statements import FLAG_KINDS, WordDiff, group_statements, statement_of

TOLLS = "The harbour tolls will rise in spring to pay for the new pier"
BOATS = "Fishing boats will pay half the fee until the pier opens"
FILLER = " The council met for three hours on Tuesday. Residents asked about parking near the market. " * 6


def test_words_changed_inside_quotation_marks_are_flagged_with_a_word_diff() -> None:
    a = article("a", f"“{TOLLS},” Mayor Rosa Vidal said on Monday.", Q([TOLLS]))
    changed = TOLLS.replace("tolls", "fees")
    b = article("b", f"“{changed},” Rosa Vidal said.", Q([changed]))
    (statement,) = group_statements([a, b])
    assert members(statement) == {("a", "Q1"), ("b", "Q1")}
    (flag,) = [f for f in version([statement], "a").flags if f.kind == "words_changed"]
    assert flag.other == ("b", "Q1")
    assert WordDiff("replace", "tolls", "fees") in flag.diff
    assert "words_changed" in kinds(version([statement], "b"))


def test_words_changed_in_a_mixed_quote_after_an_apostrophe_are_flagged() -> None:
    """The apostrophe of "the mayor’s" opens no quotation: the quoted fragment after it is compared."""
    text = "the mayor’s harbour plan was “a grave threat to the old fishing port”"
    changed = text.replace("grave", "serious")
    a = article("a", f"Rosa Vidal said {text}.", Q([text], type="mixed"))
    b = article("b", f"Rosa Vidal said {changed}.", Q([changed], type="mixed"))
    (statement,) = group_statements([a, b])
    (flag,) = [f for f in version([statement], "a").flags if f.kind == "words_changed"]
    assert WordDiff("replace", "grave", "serious") in flag.diff


def test_the_same_words_with_other_punctuation_and_apostrophes_are_no_change() -> None:
    a = article(
        "a",
        "“The mayor’s plan will raise the harbour tolls in spring,” Rosa Vidal said.",
        Q(["The mayor’s plan will raise the harbour tolls in spring"]),
    )
    b = article(
        "b",
        "“The mayor's plan will raise the harbour tolls in spring.” Rosa Vidal said.",
        Q(["The mayor's plan will raise the harbour tolls in spring."]),
    )
    (statement,) = group_statements([a, b])
    assert not any(v.flags for v in statement.versions)


def test_a_cut_quote_is_truncated_and_a_join_of_separate_remarks_is_spliced() -> None:
    whole = f"{TOLLS}. {BOATS}"
    a = article("a", f"“{whole},” Rosa Vidal said.", Q([whole]))
    b = article("b", f"“{TOLLS},” Rosa Vidal said.", Q([TOLLS]))
    c = article("c", f"“{TOLLS},” Rosa Vidal said.{FILLER}Later she added: “{BOATS}.”", Q([TOLLS]), Q([BOATS]))
    (statement,) = group_statements([a, b, c])
    assert members(statement) == {("a", "Q1"), ("b", "Q1"), ("c", "Q1"), ("c", "Q2")}
    assert "truncated" in kinds(version([statement], "b"), "a")
    assert "truncated" not in kinds(version([statement], "c", "Q1")), "article c gives the rest in another quote"
    spliced = [f for f in version([statement], "a").flags if f.kind == "spliced"]
    assert [f.other[0] for f in spliced] == ["c"]
    assert not kinds(version([statement], "a")) & {"truncated", "words_changed"}


def test_two_segments_of_one_quote_far_apart_joined_in_one_passage_are_spliced() -> None:
    whole = f"{TOLLS}. {BOATS}"
    a = article("a", f"“{whole},” Rosa Vidal said.", Q([whole]))
    far = article("far", f"“{TOLLS},” Rosa Vidal said.{FILLER}“{BOATS}.”", Q([TOLLS, BOATS]))
    near = article("near", f"“{TOLLS},” Rosa Vidal said. “{BOATS}.”", Q([TOLLS, BOATS]))
    statements = group_statements([a, far, near])
    assert {f.other[0] for f in version(statements, "a").flags if f.kind == "spliced"} == {"far"}


def test_direct_here_indirect_elsewhere() -> None:
    a = article("a", f"“{TOLLS},” Rosa Vidal said.", Q([TOLLS]))
    reported = "the harbour tolls would rise in spring to pay for the new pier"
    b = article("b", f"Rosa Vidal said {reported}.", Q([reported], type="indirect"))
    (statement,) = group_statements([a, b])
    assert "direct_indirect" in kinds(version([statement], "a")) and "direct_indirect" in kinds(
        version([statement], "b")
    )
    assert "words_changed" not in kinds(version([statement], "a")), "reported words are not quoted words"
    assert FLAG_KINDS["direct_indirect"] == "direct here, indirect elsewhere"


def test_a_different_speaker_of_the_same_words_is_flagged() -> None:
    a = article("a", f"“{TOLLS},” Rosa Vidal said.", Q([TOLLS]))
    b = article("b", f"“{TOLLS},” harbour master Tom Beck said.", Q([TOLLS], speaker="Tom Beck"))
    (statement,) = group_statements([a, b])
    (flag,) = [f for f in version([statement], "a").flags if f.kind == "speaker_differs"]
    assert "Tom Beck" in flag.detail and flag.other == ("b", "Q1")


def test_a_different_chain_firsthand_through_an_outlet_or_a_spokesperson() -> None:
    a = article("a", f"“{TOLLS},” Rosa Vidal said.", Q([TOLLS]))
    gazette = [("Harbour Gazette", "outlet", "outlet")]
    b = article("b", f"“{TOLLS},” Rosa Vidal told the Harbour Gazette.", Q([TOLLS], via=gazette))
    spokesman = [("Dan Cole", "person", "spokesperson")]
    c = article("c", f"“{TOLLS},” her spokesman Dan Cole said.", Q([TOLLS], via=spokesman))
    d = article("d", f"“{TOLLS},” Vidal told the Harbour Gazette.", Q([TOLLS], via=gazette))
    statements = group_statements([a, b, c, d])
    assert kinds(version(statements, "a"), "b") == {"chain_differs"}
    assert "chain_differs" in kinds(version(statements, "b"), "c")
    assert "chain_differs" not in kinds(version(statements, "b"), "d"), "the same outlet is the same chain"
    (flag,) = [f for f in version(statements, "a").flags if f.kind == "chain_differs" and f.other[0] == "c"]
    assert "firsthand" in flag.detail and "Dan Cole (spokesperson)" in flag.detail


def test_an_anonymous_source_named_in_another_version() -> None:
    a = article("a", f"“{TOLLS},” Rosa Vidal said.", Q([TOLLS]))
    b = article("b", f"“{TOLLS},” a city official said.", Q([TOLLS], speaker="a city official", kind="anonymous"))
    (statement,) = group_statements([a, b])
    assert kinds(version([statement], "b")) == {"anonymous_named"}
    assert "Rosa Vidal" in version([statement], "b").flags[0].detail
    assert not version([statement], "a").flags, "the named version is not the anonymous one"


def test_an_unnamed_spokesperson_named_elsewhere_is_the_same_chain() -> None:
    a = article(
        "a", f"“{TOLLS},” her spokesman Dan Cole said.", Q([TOLLS], via=[("Dan Cole", "person", "spokesperson")])
    )
    unnamed = [("Vidal's spokesman", "anonymous", "spokesperson")]
    b = article("b", f"“{TOLLS},” Vidal's spokesman said.", Q([TOLLS], via=unnamed))
    (statement,) = group_statements([a, b])
    assert kinds(version([statement], "b")) == {"anonymous_named"}
    assert "chain_differs" not in kinds(version([statement], "a"))


def test_two_statements_of_one_speaker_on_one_subject_stay_apart() -> None:
    closing = "The harbour will close in spring while the new pier is built"
    a = article("a", f"“{TOLLS},” Rosa Vidal said. “{closing},” she added.", Q([TOLLS]), Q([closing]))
    b = article("b", f"“{TOLLS},” Rosa Vidal said.", Q([TOLLS]))
    c = article("c", f"“{closing},” Rosa Vidal said.", Q([closing]))
    statements = group_statements([a, b, c])
    assert sorted(members(s) for s in statements) == sorted([{("a", "Q1"), ("b", "Q1")}, {("a", "Q2"), ("c", "Q1")}])


def test_a_paraphrase_with_a_translation_variant_is_one_statement() -> None:
    said = "The distrust between the harbour unions is stronger than ever"
    other = "But the mistrust between the two harbour unions is stronger than ever"
    a = article("a", f"“{said},” an official said.", Q([said], speaker="Port official", kind="anonymous"))
    b = article("b", f"“{other},” the official said.", Q([other], speaker="Port official", kind="anonymous"))
    (statement,) = group_statements([a, b])
    (flag,) = [f for f in version([statement], "a").flags if f.kind == "words_changed"]
    assert WordDiff("replace", "distrust", "mistrust") in flag.diff


def test_rejected_quotes_and_fragments_are_in_no_statement() -> None:
    a = article("a", f"“{TOLLS},” Rosa Vidal said. She called it “a fair deal”.", Q([TOLLS]), Q(["a fair deal"]))
    b = article("b", f"“{TOLLS},” Rosa Vidal said. “a fair deal”", Q([TOLLS], status="rejected"), Q(["a fair deal"]))
    assert group_statements([a, b]) == []


def test_the_registry_names_the_speaker_across_articles() -> None:
    a = article("a", f"“{TOLLS},” Mayor Rosa Vidal said.", Q([TOLLS]))
    b = article("b", f"“{TOLLS},” Vidal said.", Q([TOLLS], speaker="Vidal"))
    without = group_statements([a, b])
    assert "speaker_differs" in kinds(version(without, "b")), "two names, no registry: two speakers"
    statements = group_statements([a, b], build_registry([a, b]))
    assert {v.speaker for v in statements[0].versions} == {"Rosa Vidal"}
    assert not any(v.flags for v in statements[0].versions)


def test_statement_ids_are_stable_and_a_quote_finds_its_statement() -> None:
    closing = "The harbour will close in spring while the new pier is built"
    folder = [
        article("a", f"“{TOLLS},” Rosa Vidal said. “{closing},” she added.", Q([TOLLS]), Q([closing])),
        article("b", f"“{TOLLS},” Rosa Vidal said.", Q([TOLLS])),
        article("c", f"“{closing},” Rosa Vidal said.", Q([closing])),
    ]
    first = group_statements(folder)
    assert [s.id for s in first] == ["S1", "S2"] and first == group_statements(list(folder))
    found = statement_of(first, "c", "Q1")
    assert found is not None and found.id == "S2" and statement_of(first, "c", "Q9") is None


def test_a_nested_quote_of_another_speaker_is_cut_out_but_an_imagined_one_is_kept() -> None:
    outer = "Vidal had defended the tolls by saying the new pier would bring ferries back to the harbour"
    inner = "the new pier would bring ferries back to the harbour"
    text = f"The official said {outer}."
    a = article("a", text, Q([outer], speaker="Port official", kind="anonymous", type="indirect"), Q([inner]))
    a.quotes[1].parent = "Q1"
    b = article("b", f"Rosa Vidal said {inner}.", Q([inner], type="indirect"))
    (statement,) = group_statements([a, b])
    assert members(statement) == {("a", "Q2"), ("b", "Q1")}, "the official's words around Vidal's are another statement"
    said = "Tell them, ‘the pier is theirs,’ and mean it: the harbour tolls will rise in spring to pay for it"
    c = article("c", f"“{said},” Rosa Vidal said.", Q([said]), Q(["the pier is theirs,"], speaker=None))
    c.quotes[1].parent = "Q1"
    d = article("d", f"“{said},” Rosa Vidal said.", Q([said]))
    (statement,) = group_statements([c, d])
    assert ("c", "Q1") in members(statement) and not version([statement], "c").flags, "no words missing"
