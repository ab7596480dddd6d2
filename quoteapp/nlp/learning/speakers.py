"""The speaker chooser: a trained model picks a kept quote's speaker among the mentions near its cue.

The sieves take the cue's subject; a project may name speakers otherwise (the person behind a
spokesperson, the subject of the verb a clause hangs on). The candidates of a quote are its
current speaker and the people and organizations mentioned (`doc._.quote_persons`) in the cue's
sentence and the sentence before; each is described by its role (subject or not), whether it is
the current speaker, its side of and distance from the cue, its kind, and whether it is a pronoun.
The likeliest candidate becomes the speaker; a quote keeps its speaker when no candidate beats it.
"""

from __future__ import annotations

from typing import Any

from quoteapp.nlp.learning.features import DocView, Features, bucket
from quoteapp.nlp.learning.model import KeepModel

QuoteDict = dict[str, Any]
#: How many sentences before the cue's own a candidate mention may stand in.
SENTENCES_BEFORE = 1


def _anchor(quote: QuoteDict) -> int:
    """Where the quote is attributed: its cue, else its first segment."""
    return int(quote["cue"][0]) if quote.get("cue") else int(quote["segments"][0][0])


def speaker_candidates(view: DocView, quote: QuoteDict, persons: list[QuoteDict]) -> list[QuoteDict]:
    """The current speaker (first) and the mentions near the cue that do not overlap the content."""
    anchor = _anchor(quote)
    sentence = view.sentence_number(view.token_at(anchor))
    first = view.doc[view.sentences[max(0, sentence - SENTENCES_BEFORE)]].idx
    last_sentence = sentence + 1
    end = view.doc[view.sentences[last_sentence]].idx if last_sentence < len(view.sentences) else len(view.text)
    segments = [(int(s), int(e)) for s, e in quote["segments"]]
    out = [quote["speaker"]] if quote.get("speaker") else []
    seen = {(m["start"], m["end"]) for m in out}
    for person in persons:
        span = (int(person["start"]), int(person["end"]))
        inside = any(s <= span[0] < e for s, e in segments)
        if first <= span[0] < end and span not in seen and not inside:
            out.append(person)
            seen.add(span)
    return out


def speaker_features(view: DocView, quote: QuoteDict, mention: QuoteDict) -> Features:
    """What decides whether a mention is the quote's speaker."""
    anchor = _anchor(quote)
    current = quote.get("speaker") or {}
    is_current = (mention["start"], mention["end"]) == (current.get("start"), current.get("end"))
    distance = abs(view.token_at(int(mention["start"])).i - view.token_at(anchor).i)
    same_sentence = view.sentence_number(view.token_at(int(mention["start"]))) == view.sentence_number(
        view.token_at(anchor)
    )
    return {
        "bias": 1.0,
        f"current={is_current}": 1.0,
        f"current+rule={is_current}|{quote.get('rule', '')}": 1.0,
        f"dep={mention.get('dep', '')}": 1.0,
        f"kind={mention.get('kind')}": 1.0,
        f"pronoun={bool(mention.get('pronoun'))}": 1.0,
        f"side={'before' if int(mention['start']) < anchor else 'after'}": 1.0,
        f"distance={bucket(distance)}": 1.0,
        f"same_sentence={same_sentence}": 1.0,
        f"principal={mention.get('principal') is not None}": 1.0,
    }


def choose_speakers(view: DocView, quotes: list[QuoteDict], persons: list[QuoteDict], model: KeepModel) -> None:
    """Give each quote the likeliest of its speaker candidates, in place."""
    for quote in quotes:
        candidates = speaker_candidates(view, quote, persons)
        if len(candidates) < 2:
            continue
        best = max(candidates, key=lambda m: model.probability(speaker_features(view, quote, m)))
        if best is not quote.get("speaker"):
            quote["speaker"] = best
            quote["evidence"] = [*quote.get("evidence", []), f"speaker {best['text']!r} chosen by the trained model"]
