"""Pairing quotation marks: every kind of mark, unbalanced text, paragraphs, nesting; never an error."""

from hypothesis import given
from hypothesis import strategies as st

from quoteapp.nlp.quotemarks import find_quoted_spans


def contents(text: str) -> list[list[str]]:
    return [[text[s:e] for s, e in q.segments] for q in find_quoted_spans(text)]


def test_each_kind_of_mark_pairs_with_its_own_closer() -> None:
    text = 'He said "one two" and “three four” and ‘five six’ and « sept huit » and „neun zehn“.'
    assert contents(text) == [["one two"], ["three four"], ["five six"], ["sept huit"], ["neun zehn"]]


def test_mixed_straight_and_curly_marks_still_pair() -> None:
    assert contents('She said “we will not leave" and left.') == [["we will not leave"]]


def test_apostrophes_are_not_quotation_marks() -> None:
    text = "The mayor’s plan, the players’ union and the ’90s don’t count; ‘this one’ does."
    assert contents(text) == [["this one"]]


def test_an_unclosed_quote_ends_with_its_paragraph_and_the_next_one_is_untouched() -> None:
    text = "“We are not done yet, he shouted.\n\nThe crowd left. Later “a second quote” came."
    assert contents(text) == [["We are not done yet, he shouted."], ["a second quote"]]
    assert find_quoted_spans(text)[0].closed is False


def test_news_style_quote_over_paragraphs_is_one_quote() -> None:
    text = "“The first part.\n\n“The second part.\n\n“The last part,” she said."
    spans = find_quoted_spans(text)
    assert len(spans) == 1
    assert [text[s:e] for s, e in spans[0].segments] == ["The first part.", "The second part.", "The last part,"]


def test_single_marks_inside_double_marks_nest() -> None:
    text = "“Her reply was to ask: ‘who pays for it?’” he added."
    (outer,) = find_quoted_spans(text)
    assert text[outer.start : outer.end] == "Her reply was to ask: ‘who pays for it?’"
    assert [text[c.start : c.end] for c in outer.children] == ["who pays for it?"]


def test_a_stray_closing_mark_is_ignored() -> None:
    assert contents("Nothing quoted here” at all.") == []


@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"'“”‘’«»„")), max_size=80))
def test_any_text_pairs_without_error_and_spans_lie_inside_it(text: str) -> None:
    for span in find_quoted_spans(text):
        for start, end in span.segments:
            assert 0 <= start <= end <= len(text)
