"""What an editor's attribution file teaches (quoteapp.nlp.learning.targets), on invented annotations."""

from __future__ import annotations

from quoteapp.model import Annotation, Document, Quote, Span
from quoteapp.nlp.extractor import Extractor
from quoteapp.nlp.learning.model import KeepModel, best_threshold
from quoteapp.nlp.learning.targets import has_labels, targets_of
from quoteapp.nlp.learning.training import examples_of

TEXT = "The mayor said the pier will close. She added that fees rise. Critics called it a stunt."


def _quote(qid: str, words: str, status: str) -> Quote:
    start = TEXT.index(words)
    return Quote(qid, "indirect", [Span.of(TEXT, start, start + len(words))], status=status)


def _annotation(*quotes: Quote) -> Annotation:
    return Annotation(Document(id="a", text=TEXT), quotes=list(quotes))


def test_decided_quotes_are_labels_and_untouched_ones_only_in_a_reviewed_article() -> None:
    targets = targets_of(
        _annotation(
            _quote("Q1", "the pier will close", "accepted"),
            _quote("Q2", "fees rise", "auto"),
            _quote("Q3", "it a stunt", "rejected"),
        )
    )
    assert not targets.complete  # Q2 is still auto: the article is not reviewed
    labels = {TEXT[t.span[0] : t.span[1]]: t.keep for t in targets.segments}
    assert labels == {"the pier will close": True, "it a stunt": False}


def test_in_a_reviewed_article_an_auto_quote_the_editor_let_stand_is_one_to_find() -> None:
    targets = targets_of(
        _annotation(_quote("Q1", "the pier will close", "corrected"), _quote("Q2", "fees rise", "auto"))
    )
    assert targets.complete is False
    reviewed = targets_of(
        _annotation(_quote("Q1", "the pier will close", "added"), _quote("Q2", "fees rise", "rejected"))
    )
    assert reviewed.complete is True
    assert [t.keep for t in reviewed.segments] == [True, False]


def test_a_candidate_is_the_labelled_unit_it_overlaps_by_the_scorers_rule() -> None:
    targets = targets_of(_annotation(_quote("Q1", "the pier will close", "accepted")))
    start = TEXT.index("the pier")
    assert targets.label((start, start + len("the pier will close"))) is not None
    assert targets.label((start, start + len("the pier"))) is None  # Jaccard 8/19 < 0.5


def test_an_article_with_only_untouched_proposals_teaches_nothing() -> None:
    assert not has_labels(_annotation(_quote("Q1", "the pier will close", "auto")))
    assert has_labels(_annotation(_quote("Q1", "the pier will close", "rejected")))


def test_the_threshold_is_the_one_with_the_best_f1_and_the_model_round_trips_as_json() -> None:
    assert best_threshold([0.9, 0.8, 0.4, 0.2], [1, 1, 0, 1]) == 0.2  # keeping all: F1 6/7 beats 4/5
    assert best_threshold([0.9, 0.8, 0.4, 0.2], [1, 1, 0, 0]) == 0.8
    model = KeepModel({"cue=call": 2.0}, -1.0, 0.4, {"articles": 3})
    again = KeepModel.from_json(model.to_json())
    assert again == model
    assert again.keeps({"cue=call": 1.0}) == (True, model.probability({"cue=call": 1.0}))
    assert not again.keeps({"cue=buy": 1.0})[0]


def test_a_model_with_a_speaker_chooser_round_trips_as_json() -> None:
    chooser = KeepModel({"current=True": 1.5}, -0.5, 0.5)
    model = KeepModel({"cue=call": 2.0}, -1.0, 0.4, {"articles": 3}, chooser)
    again = KeepModel.from_json(model.to_json())
    assert again.speakers == chooser
    assert again.speakers.probability({"current=True": 1.0}) > again.speakers.probability({"current=False": 1.0})


NESTED = "The mayor said that the council told her on Friday morning that the pier will close."
OUTER = "the council told her on Friday morning that the pier will close"


def _examples(extractor: Extractor, extra: dict) -> dict[str, int]:
    start = NESTED.index(OUTER)
    quote = Quote("Q1", "indirect", [Span.of(NESTED, start, start + len(OUTER))], status="accepted")
    annotation = Annotation(Document(id="n", text=NESTED, extra=extra), quotes=[quote])
    examples = examples_of(extractor.nlp(NESTED), annotation)
    return {NESTED[s[0][0] : s[-1][1]]: y for s, y in zip(examples.segments, examples.labels, strict=True)}


def test_a_quote_inside_a_quote_is_no_negative_where_the_file_marks_only_outermost_quotes(
    extractor: Extractor,
) -> None:
    """PolNeAR-style files (`nested_annotated: false`) leave the council's words inside the mayor's
    unmarked: that is their convention, not a verdict that the inner quote is wrong."""
    assert _examples(extractor, {})["the pier will close"] == 0  # a complete file: not a quote
    flat = _examples(extractor, {"nested_annotated": False})
    assert "the pier will close" not in flat
    assert flat[OUTER] == 1
