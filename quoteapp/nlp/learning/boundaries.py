"""Other cuts of a candidate's content, so that a trained model learns where a project's content ends.

Projects draw a quote's edges differently: one leaves out the appositive or afterthought after a
comma or dash, one keeps only the first sentence of a long quote, one runs the content to the end
of its sentence where the parser closed the clause early. Each candidate of one segment proposes
those cuts as candidates of their own (rule `<rule>_<cut>`); the keep model, which sees the cut's
name and its edges (`features`), scores them with the original, and the trained component keeps
the likeliest of the candidates of one unit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

from quoteapp.evaluation.units import trim
from quoteapp.nlp.learning.features import DocView
from quoteapp.nlp.rules.candidate import WORD

QuoteDict = dict[str, Any]
Cut = Callable[[DocView, QuoteDict, int, int], "int | tuple[int, int] | None"]
#: Where `cut` ends a candidate: before a comma or dash after at least CUT_AFTER_WORDS words.
CUT_MARKS = re.compile(r",\s|\s[—–-]\s")
CUT_AFTER_WORDS = 3
#: A cut shorter than this many words is no content of its own.
MIN_WORDS = 2


def _comma_cut(view: DocView, quote: QuoteDict, start: int, end: int) -> tuple[int, int] | None:
    """Before the first comma or dash (not in a direct quote: its marks are its edges)."""
    if quote["type"] == "direct":
        return None
    for match in CUT_MARKS.finditer(view.text, start, end):
        if len(WORD.findall(view.text, start, match.start())) >= CUT_AFTER_WORDS:
            return start, match.start()
    return None


def _first_sentence(view: DocView, quote: QuoteDict, start: int, end: int) -> tuple[int, int] | None:
    """The first sentence only, when the content runs over a sentence's end."""
    first = view.token_at(start)
    sentence = view.sentence_number(first)
    if sentence + 1 >= len(view.sentences):
        return None
    boundary = view.doc[view.sentences[sentence + 1]].idx
    return (start, boundary) if start < boundary < end else None


def _to_sentence_end(view: DocView, quote: QuoteDict, start: int, end: int) -> tuple[int, int] | None:
    """Run on to the end of the sentence, when the cue stands before the content and the sentence
    goes on after it (the parser closed the clause early)."""
    cue = quote.get("cue")
    if not cue or cue[0] >= start or quote["type"] == "direct":
        return None
    last = view.token_at(max(start, end - 1))
    sentence = view.sentence_number(last)
    stop = view.doc[view.sentences[sentence + 1]].idx if sentence + 1 < len(view.sentences) else len(view.text)
    return (start, stop) if stop > end else None


#: The cuts, by the name their candidates' rules end with.
CUTS: dict[str, Cut] = {"cut": _comma_cut, "first_sentence": _first_sentence, "to_sentence_end": _to_sentence_end}


def variants(view: DocView, quotes: Iterable[QuoteDict]) -> list[QuoteDict]:
    """Each one-segment candidate's other cuts (rule `<rule>_<cut>`), each a new candidate."""
    out = []
    for quote in quotes:
        if len(quote["segments"]) != 1:
            continue
        start, end = (int(x) for x in quote["segments"][0])
        seen = {trim(view.text, start, end)}
        for name, cut in CUTS.items():
            span = cut(view, quote, start, end)
            if span is None:
                continue
            span = trim(view.text, *span)
            if span in seen or len(WORD.findall(view.text, *span)) < MIN_WORDS:
                continue
            seen.add(span)
            evidence = [*quote.get("evidence", []), f"its content cut: {name.replace('_', ' ')}"]
            out.append({**quote, "segments": [list(span)], "rule": f"{quote['rule']}_{name}", "evidence": evidence})
    return out
