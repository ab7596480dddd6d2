"""The editor's change rules, without Qt: what status an edit gives, what a merge keeps."""

import pytest

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
    q = Quote(
        "Q2", "direct", [Span.of(TEXT, 9, 12)], speaker=Speaker("E2"), intermediaries=[Intermediary("E2", "relay")]
    )
    moved = E.repointed(q, "E2", "E1")
    assert moved is not None and moved.speaker.entity == "E1" and moved.intermediaries[0].entity == "E1"
    assert E.repointed(quote(), "E9", "E1") is None


def test_renaming_keeps_the_old_name_as_an_alias() -> None:
    renamed = E.renamed(Entity("E1", "person", "Ada", aliases=["Ada Lovelace"]), "Ada Lovelace")
    assert renamed.name == "Ada Lovelace" and renamed.aliases == ["Ada"]


def test_the_edit_rules_work_without_qt() -> None:
    """Merging, splitting and nesting are model rules: the undo commands only replay what they return."""
    from quoteapp.model import Annotation, Document, Entity, Quote, Span, Speaker
    from quoteapp.model import edits as E

    text = "Ana Pires said it rained. Pires said it snowed."
    first, second = Span.of(text, 0, 9), Span.of(text, 26, 31)
    ann = Annotation(
        Document("d", text),
        [Entity("E1", "person", "Ana Pires", mentions=[first]), Entity("E2", "person", "Pires", mentions=[second])],
        [
            Quote("Q1", "indirect", [Span.of(text, 15, 24)], speaker=Speaker("E1", first)),
            Quote("Q2", "indirect", [Span.of(text, 38, 47)], speaker=Speaker("E2", second), parent="Q1"),
        ],
    )
    united, quotes = E.merge_plan(ann, "E1", "E2")
    assert united.aliases == ["Pires"] and [(q.id, q.speaker.entity) for q in quotes] == [("Q2", "E1")]
    with pytest.raises(ValueError):
        E.merge_plan(ann, "E1", "E1")
    new, old, moved = E.split_plan(ann, "E1", first)
    assert new.name == "Ana Pires" and old.mentions == [] and moved[0].speaker.entity == new.id
    assert moved[0].status == "corrected"
    with pytest.raises(ValueError, match="nested in its own child"):
        E.check_parent(ann, "Q1", "Q2")
    E.check_parent(ann, "Q2", "Q1")  # already so: fine
