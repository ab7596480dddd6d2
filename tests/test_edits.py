"""The editor's change rules, without Qt: what status an edit gives, what a merge keeps."""

from quoteapp.model import Entity, Intermediary, Quote, Span, Speaker
from quoteapp.model import edits as E

TEXT = "Ada said yes."


def quote(status: str = "auto") -> Quote:
    return Quote("Q1", "indirect", [Span.of(TEXT, 9, 12)], speaker=Speaker("E1"), status=status, confidence=0.7)


def test_an_edit_marks_a_model_quote_corrected_and_keeps_an_added_one_added() -> None:
    assert E.with_type(quote("auto"), "direct").status == "corrected"
    assert E.with_type(quote("accepted"), "direct").status == "corrected"
    assert E.with_type(quote("added"), "direct").status == "added"


def test_edits_leave_the_original_alone() -> None:
    original = quote()
    E.with_segment(original, 0, Span.of(TEXT, 9, 13))
    assert original.segments == [Span.of(TEXT, 9, 12)] and original.status == "auto"


def test_segments_stay_in_text_order_and_the_last_one_cannot_go() -> None:
    two = E.with_segment(quote(), 1, Span.of(TEXT, 0, 3))
    assert [s.text for s in two.segments] == ["Ada", "yes"]
    try:
        E.without_segment(quote(), 0)
    except ValueError as err:
        assert "at least one segment" in str(err)
    else:
        raise AssertionError("removing the only segment must be refused")


def test_merge_unites_names_and_mentions_and_repoints_quotes() -> None:
    keep = Entity("E1", "person", "Ada Lovelace", aliases=["Lovelace"], mentions=[Span.of(TEXT, 0, 3)])
    drop = Entity("E2", "person", "Ada", aliases=["Countess"], mentions=[Span.of(TEXT, 0, 3)])
    merged = E.merged_entity(keep, drop)
    assert merged.aliases == ["Lovelace", "Ada", "Countess"]
    assert len(merged.mentions) == 1
    q = Quote("Q2", "direct", [Span.of(TEXT, 9, 12)], speaker=Speaker("E2"),
              intermediaries=[Intermediary("E2", "relay")])
    moved = E.repointed(q, "E2", "E1")
    assert moved is not None and moved.speaker.entity == "E1" and moved.intermediaries[0].entity == "E1"
    assert E.repointed(quote(), "E9", "E1") is None


def test_renaming_keeps_the_old_name_as_an_alias() -> None:
    renamed = E.renamed(Entity("E1", "person", "Ada", aliases=["Ada Lovelace"]), "Ada Lovelace")
    assert renamed.name == "Ada Lovelace" and renamed.aliases == ["Ada"]
