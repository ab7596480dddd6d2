"""Features of one candidate quote, in the manner of Citron's classifiers.

What decides whether a project counts a candidate: the cue (its lemma, whether it is one of our
reporting verbs, negated or not), the dependency path from the content up to the cue, how far the
content is from the cue, whether it lies inside quotation marks, where it stands in its sentence
and in the article, its kind (the sieve's name, the type), the sieve's confidence, its length,
what the speaker mention is, the cue's frame (the labels of its dependents), its edges (the
last word, the word after it and the one past that punctuation, the sentence ends it runs over),
what opens each part after a comma or dash inside it, and its words. Each feature is a `name=value`
string (weight 1) or a number, the input of scikit-learn's DictVectorizer.
"""

from __future__ import annotations

import bisect
import math
from typing import Any

from spacy.tokens import Doc, Span, Token

from quoteapp.nlp.lexicon import BELIEF_VERBS, INTENTION_VERBS, REPORTING_NOUNS, REPORTING_VERBS, SPEECH_ACT_NOUNS
from quoteapp.nlp.quotemarks import find_quoted_spans

Features = dict[str, float]
#: How many dependency steps from the content up towards the cue are spelled out.
PATH_STEPS = 3
#: Punctuation that says how a content ends; other punctuation after it (closing marks) is looked past.
EDGE_PUNCT = frozenset({",", ".", ":", ";", "?", "!"})
#: Punctuation inside a content after which some projects end it (`_break_features`).
BREAKS = frozenset({",", ";", "--", "—", "–", "-"})


class DocView:
    """Lookups over one parsed Doc made once: token by character, quoted ranges, sentence numbers."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text  # Doc.text joins every token anew at each call
        self.starts = [t.idx for t in doc]
        self.quoted = sorted((q.open_at, q.outer_end) for q in find_quoted_spans(self.text))
        self.sentences = [s.start for s in doc.sents] if doc.has_annotation("SENT_START") else [0]

    def token_at(self, char: int) -> Token:
        """The token holding (or first after) a character offset."""
        return self.doc[max(0, min(len(self.doc) - 1, bisect.bisect_right(self.starts, char) - 1))]

    def quoted_share(self, start: int, end: int) -> float:
        """The share of [start, end) inside quotation marks."""
        inside = sum(max(0, min(end, b) - max(start, a)) for a, b in self.quoted)
        return inside / (end - start) if end > start else 0.0

    def sentence_number(self, tok: Token) -> int:
        return bisect.bisect_right(self.sentences, tok.i) - 1


def bucket(value: float) -> str:
    """A count on a log scale: 0, 1, 2, 3-4, 5-8, ..."""
    return str(math.ceil(math.log2(value + 1))) if value > 0 else "0"


def _content_spans(view: DocView, segments: list) -> list[Span]:
    """The tokens of each segment (one lookup, which the features that read the content's words share)."""
    spans = (view.doc.char_span(int(s), int(e), alignment_mode="expand") for s, e in segments)
    return [span for span in spans if span is not None and len(span)]


def _path(root: Token, cue: Token | None) -> str:
    """Dependency labels from the content's root up to the cue (or PATH_STEPS steps)."""
    labels, tok = [], root
    for _ in range(PATH_STEPS):
        if cue is not None and tok.i == cue.i:
            return "/".join(labels) or "self"
        labels.append(tok.dep_)
        if tok.head.i == tok.i:
            break
        tok = tok.head
    return "/".join(labels) + ("/cue" if cue is not None and tok.i == cue.i else "/...")


def cue_class(lemma: str) -> str:
    """The lexicon's class of a cue word: what lets a few articles teach about verbs they never saw."""
    if lemma in REPORTING_VERBS:
        return "reporting"
    if lemma in BELIEF_VERBS:
        return "belief"
    if lemma in INTENTION_VERBS:
        return "intention"
    if lemma in REPORTING_NOUNS or lemma in SPEECH_ACT_NOUNS:
        return "speech_noun"
    return "other"


def _cue_features(view: DocView, quote: dict[str, Any], root: Token) -> Features:
    if not quote.get("cue"):
        return {"cue=none": 1.0, f"path={_path(root, None)}": 1.0}
    cue = view.token_at(quote["cue"][0])
    lemma = cue.lemma_.lower()
    start = quote["segments"][0][0]
    distance = abs(view.token_at(start).i - cue.i)
    negated = any(c.dep_ == "neg" for c in cue.children)
    return {
        f"cue={lemma}": 1.0,
        f"cue+rule={lemma}|{quote.get('rule', '')}": 1.0,
        f"cue_class={cue_class(lemma)}": 1.0,
        f"cue_class+rule={cue_class(lemma)}|{quote.get('rule', '')}": 1.0,
        f"cue_class+path={cue_class(lemma)}|{_path(root, cue)}": 1.0,
        f"cue_tag={cue.tag_}": 1.0,
        f"cue_negated={negated}": 1.0,
        f"cue_side={'before' if cue.idx < start else 'after'}": 1.0,
        f"distance={bucket(distance)}": 1.0,
        f"path={_path(root, cue)}": 1.0,
        f"path+cue={_path(root, cue)}|{lemma}": 1.0,
        f"cue_frame={_frame(cue)}": 1.0,
        f"cue_frame+class={_frame(cue)}|{cue_class(lemma)}": 1.0,
    }


#: Dependents that say nothing of what a verb reports.
FRAME_IGNORED = frozenset({"punct", "aux", "auxpass", "neg", "advmod", "cc", "conj", "mark", "det", "npadvmod"})


def _frame(cue: Token) -> str:
    """The cue's frame: the sorted labels of its dependents ("dobj,nsubj,oprd": "called the plan a fantasy")."""
    return ",".join(sorted({c.dep_ for c in cue.children if c.dep_ not in FRAME_IGNORED}))


def _speaker_features(quote: dict[str, Any]) -> Features:
    speaker = quote.get("speaker")
    if not speaker:
        return {"speaker=none": 1.0}
    return {
        f"speaker_kind={speaker.get('kind')}": 1.0,
        f"speaker_pronoun={bool(speaker.get('pronoun'))}": 1.0,
        f"speaker_named={bool(speaker.get('name'))}": 1.0,
        f"speaker_dep={speaker.get('dep', '')}": 1.0,
    }


def _edge_features(view: DocView, start: int, end: int) -> Features:
    """Where the content ends: its last word, the word after it, whether its sentence ends there, how
    many sentence ends it runs over (a project's boundaries are learned from these)."""
    last = view.token_at(max(start, end - 1))
    after = view.doc[last.i + 1] if last.i + 1 < len(view.doc) else None
    while after is not None and after.is_punct and after.lower_ not in EDGE_PUNCT and after.i + 1 < len(view.doc):
        after = view.doc[after.i + 1]  # past closing quotation marks and brackets
    sentences = view.sentence_number(last) - view.sentence_number(view.token_at(start))
    return {
        f"last_word={last.lower_}": 1.0,
        f"word_after={after.lower_ if after is not None else ''}": 1.0,
        f"sentences_over={bucket(sentences)}": 1.0,
        f"ends_sentence={after is None or after.is_sent_start or after.lower_ == '.'}": 1.0,
        **_beyond_features(view, after),
    }


def _opener(tok: Token) -> str:
    """How a word that follows a break opens what comes next: a function word by itself, else its label."""
    return tok.lower_ if tok.is_stop else tok.dep_


def _beyond_features(view: DocView, after: Token | None) -> Features:
    """The first word past the punctuation after a content ("..., though she", "..., who"): what the
    cut left out, which tells an afterthought from the rest of the content."""
    if after is None or not after.is_punct:
        return {}
    beyond = after.i + 1
    while beyond < len(view.doc) and (view.doc[beyond].is_punct or view.doc[beyond].is_space):
        beyond += 1
    if beyond >= len(view.doc) or view.doc[beyond].is_sent_start:
        return {}
    return {f"beyond={after.text}|{_opener(view.doc[beyond])}": 1.0}


def _break_features(spans: list[Span]) -> Features:
    """What opens each part after a comma, dash or semicolon from the content's start to its end: a
    content that runs on past ", though ..." or ", who ..." is cut elsewhere by some projects (and
    the breaks around a reporting clause that interrupts it, ", she said, ", say how it is split)."""
    out: Features = {}
    if not spans:
        return out
    whole = spans[0].doc[spans[0].start : spans[-1].end]
    for tok, nxt in zip(whole, whole[1:], strict=False):
        if tok.text in BREAKS and not nxt.is_punct:
            out[f"break={tok.text}|{_opener(nxt)}"] = 1.0
    return out


def _word_features(spans: list[Span]) -> Features:
    """The content's words (lemmas, each once, weighted so that every content weighs the same): what
    it is about tells a poll, a belief or a plan from an idle object, where its shape cannot."""
    lemmas = {t.lemma_.lower() for span in spans for t in span if not t.is_punct and not t.is_space}
    weight = 1.0 / math.sqrt(len(lemmas)) if lemmas else 0.0
    return {f"word={lemma}": weight for lemma in lemmas}


def quote_features(view: DocView, quote: dict[str, Any]) -> Features:
    """The features of one quote dict (the shape of `doc._.quotes`) in its parsed Doc."""
    segments = quote["segments"]
    start, end = segments[0][0], segments[-1][1]
    spans = _content_spans(view, segments)
    root = spans[0].root if spans else view.token_at(start)
    first = view.token_at(start)
    words = sum(len(view.text[s:e].split()) for s, e in segments)
    share = view.quoted_share(start, end)
    sentence = view.sentence_number(first)
    sentence_start = view.sentences[sentence]
    features: Features = {
        "bias": 1.0,
        f"rule={quote.get('rule', '')}": 1.0,
        f"type={quote['type']}": 1.0,
        f"rule+type={quote.get('rule', '')}|{quote['type']}": 1.0,
        "confidence": float(quote.get("confidence") or 0.0),
        f"segments={min(len(segments), 3)}": 1.0,
        f"words={bucket(words)}": 1.0,
        f"quoted={round(share * 4) / 4}": 1.0,
        f"first_word={first.lower_}": 1.0,
        f"word_before={view.doc[first.i - 1].lower_ if first.i else ''}": 1.0,
        f"root_pos={root.pos_}": 1.0,
        f"root_dep={root.dep_}": 1.0,
        f"has_verb={any(t.pos_ in ('VERB', 'AUX') for t in root.subtree)}": 1.0,
        f"sentence={bucket(sentence)}": 1.0,
        f"at_sentence_start={first.i - sentence_start < 2}": 1.0,
        f"nested={quote.get('parent') is not None}": 1.0,
    }
    features.update(_word_features(spans))
    features.update(_break_features(spans))
    features.update(_edge_features(view, start, end))
    features.update(_cue_features(view, quote, root))
    features.update(_speaker_features(quote))
    return features


def overlap_features(quote: dict[str, Any], sieve_spans: list[tuple[int, int]], own: bool) -> Features:
    """How a candidate lies against the sieves' candidates (a sieve's own, inside one, holding one,
    partly over one, apart), with its rule: a proposal over a sieve's quote is most often a double."""
    if own:
        relation = "sieve"
    else:
        start, end = quote["segments"][0][0], quote["segments"][-1][1]
        relation = "apart"
        for a, b in sieve_spans:
            if a <= start and end <= b:
                relation = "inside"
                break
            if start <= a and b <= end:
                relation = "holds"
            elif min(end, b) > max(start, a) and relation == "apart":
                relation = "partly"
    return {f"sieves={relation}": 1.0, f"sieves+rule={relation}|{quote.get('rule', '')}": 1.0}
