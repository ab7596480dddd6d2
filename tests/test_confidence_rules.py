"""The rules behind reviewing the least certain first, without a window: which quote is uncertain,
which comes next in reading order, and what the filter box makes of `confidence:`."""

from __future__ import annotations

import pytest

from quoteapp.gui.quote_filter import QuoteFilter, parse_bound
from quoteapp.model import Quote, Span
from quoteapp.model.queries import is_uncertain, next_uncertain


def quote(qid: str, start: int, confidence: float | None, status: str = "auto") -> Quote:
    return Quote(qid, "direct", [Span(start, start + 5, "words")], status=status, confidence=confidence)


@pytest.mark.parametrize(
    ("status", "confidence", "uncertain"),
    [
        ("auto", 0.59, True),
        ("auto", 0.6, False),
        ("auto", None, False),
        ("accepted", 0.1, False),
        ("corrected", 0.1, False),
        ("rejected", 0.1, False),
        ("added", None, False),
    ],
)
def test_only_an_unreviewed_proposal_below_the_threshold_is_uncertain(
    status: str, confidence: float | None, uncertain: bool
) -> None:
    assert is_uncertain(quote("Q1", 0, confidence, status)) is uncertain


def test_next_uncertain_follows_the_text_not_the_ids_and_wraps() -> None:
    quotes = [quote("Q1", 50, 0.3), quote("Q2", 10, 0.9), quote("Q3", 30, 0.2), quote("Q9", 20, 0.5)]
    assert [q.id for q in sorted(quotes, key=lambda q: q.start)] == ["Q2", "Q9", "Q3", "Q1"]
    assert next_uncertain(quotes, None)[0].id == "Q9"
    assert next_uncertain(quotes, "Q9")[0].id == "Q3"
    assert next_uncertain(quotes, "Q1") == (quotes[3], True)
    assert next_uncertain(quotes, "Q9", backwards=True) == (quotes[0], True)
    assert next_uncertain(quotes, None, backwards=True)[0].id == "Q1"
    assert next_uncertain(quotes, "Q3", below=0.25) == (None, False)


@pytest.mark.parametrize(
    ("value", "bound"),
    [
        ("<0.6", ("<", 0.6)),
        ("<=0.5", ("<=", 0.5)),
        (">0.8", (">", 0.8)),
        (">=.3", (">=", 0.3)),
        ("=0.55", ("=", 0.55)),
        ("0.55", ("=", 0.55)),
        ("<0,6", ("<", 0.6)),
        ("<", None),
        ("high", None),
        ("<1.5", None),
        ("<nan", None),
    ],
)
def test_a_confidence_bound_is_read_as_typed(value: str, bound: tuple[str, float] | None) -> None:
    assert parse_bound(value) == bound


def test_confidence_bounds_all_apply_and_an_editors_quote_has_none() -> None:
    between = QuoteFilter.parse("confidence:>0.3 confidence:<0.6")
    assert [between.confidence_fits(c) for c in (0.3, 0.45, 0.6, None)] == [False, True, False, False]
    assert QuoteFilter.parse("confidence:0.5").confidence_fits(0.504)
    assert QuoteFilter.parse("speaker:berg").confidence_fits(None), "no bound: every quote fits"
    assert not QuoteFilter.parse("confidence:<"), "a bound still being typed narrows nothing"
