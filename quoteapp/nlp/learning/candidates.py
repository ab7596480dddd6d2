"""Candidates the default sieves leave out, for a trained model to keep where a project counts them.

The sieves propose what the guidelines count. Projects count more: the noun-phrase object of a
speech verb ("She called the plan a fantasy", "touting her record"), beliefs and intentions ("he
believes the deal is dead", "she vowed to fight"). Here every verb proposes what it governs: its
clausal complement (`clause`), its object with what the object is called (`object`), its open
complement (`intent`), the object of its preposition (`prep`: "called for her ouster"), its
passive subject (`passive`: "the plan was criticized by ..."); the speaker is the verb's subject
(or the subject of the verb it hangs on), else its agent. The whole predicate after
the verb is a proposal too (`predicate`: "blamed some of it on the senator"), and so is the
clause a noun takes ("the claim that the deal is dead": `noun`, the speaker the noun's possessor
or the subject of the verb that has the noun), and the object of a noun of saying's preposition
("her promise of aid": `noun_prep`).

Sentence shapes propose too: the clause a reporting clause interrupts or frames ("The toll, she
said, would pay"; "As the Herald reported, ...": `parenthetical`, in two segments when
interrupted), the relative pronoun that stands for what was said ("the toll, which her rivals
called a tax": `pronoun`), and quoted words the sieves pass over as a fragment or a title
("“Safety,” said Grimm": `quoted`, with the nearest verb of saying), and the rest of a line a
label and a colon open ("Lynch: No outside influence ...": `label`, the label its speaker).

Most are no quote at all; the model, which sees the cue's lemma, learns which words of which kind
a project keeps. A proposal that is the same unit as a sieve's candidate (Jaccard >= 0.5) is left
out: the sieve's is the one to score; proposals that overlap one another are all offered (the
model keeps the likeliest). Other cuts of every candidate are `boundaries.variants`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from spacy.tokens import Doc, Token

from quoteapp.evaluation.units import jaccard
from quoteapp.nlp.component import mention_to_dict
from quoteapp.nlp.learning.features import cue_class
from quoteapp.nlp.mentions import make_mention
from quoteapp.nlp.quotemarks import find_quoted_spans
from quoteapp.nlp.rules.candidate import WORD
from quoteapp.nlp.rules.transcript import LINE_LABEL, MIN_LINE_WORDS

#: The rule names of the proposals, by the dependency labels of what the verb governs.
KINDS: dict[str, tuple[str, ...]] = {
    "learned_clause": ("ccomp",),
    "learned_object": ("dobj", "oprd"),
    "learned_intent": ("xcomp",),
}
#: Prepositions whose phrase after a verb's object belongs to what is said of it: "accused X of Y",
#: "praised X for Y", "described X as Y".
OBJECT_PREPOSITIONS = frozenset({"of", "for", "as"})
#: Prepositions whose object is what is said, called for or spoken about: "called for her ouster",
#: "spoke about the war", "warned against a deal".
CONTENT_PREPOSITIONS = frozenset({"for", "about", "of", "against", "on", "over", "to", "with"})
#: At most this many prepositional objects are offered per verb (its own phrases first).
PREPOSITIONS_PER_VERB = 3
#: Nouns of saying whose prepositional object is what was said: "his promise of aid", "a quip about X".
ATTRIBUTION_NOUNS = frozenset(
    "promise claim call request assertion accusation allegation insistence criticism complaint denial "
    "charge quip remark comment warning demand plea pledge vow threat praise attack argument".split()
)
NOUN_PREPOSITIONS = frozenset({"of", "about", "on", "against", "for", "over"})

#: What ends a predicate proposal: punctuation, and a coordinated verb with its conjunction.
PREDICATE_STOPS = frozenset({"punct", "cc", "conj"})
#: The labels of a noun's clausal complement in spaCy's English parses.
NOUN_CLAUSE_DEPS = frozenset({"acl", "ccomp"})
QUOTE_MARKS = frozenset('"“”‘’«»„')
LEADING_WORDS = frozenset({"that"})
SUBJECT_DEPS = ("nsubj",)
#: The links a subjectless verb's subject is looked for through, and how many of them.
SUBJECT_THROUGH = frozenset({"conj", "xcomp", "advcl", "pcomp", "prep"})
SUBJECT_STEPS = 4
#: Pronouns that stand for a content inside a relative or question clause, by their tags.
CONTENT_PRONOUNS = frozenset({"which", "what", "that", "who", "whom"})
PRONOUN_TAGS = frozenset({"WDT", "WP"})
#: How far up from such a pronoun its cue is looked for.
PRONOUN_STEPS = 3


def _subject(verb: Token) -> Token | None:
    """The verb's own subject, else that of the verb it hangs on ("he rose and called ...", "she
    refused to admit ...", "by refusing to admit": up through conjunctions and open clauses), or None."""
    tok = verb
    for _ in range(SUBJECT_STEPS):
        for child in tok.children:
            if child.dep_ in SUBJECT_DEPS and child.lower_ not in ("it", "there"):
                return child
        if tok.dep_ not in SUBJECT_THROUGH or tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def _parts(verb: Token, deps: tuple[str, ...]) -> list[Token]:
    """The verb's dependents with these labels after it, and for an object the phrases of
    OBJECT_PREPOSITIONS right after it."""
    parts = [c for c in verb.children if c.dep_ in deps and c.i > verb.i]
    if parts and "dobj" in deps:
        end = max(p.right_edge.i for p in parts)
        for child in verb.children:
            if child.dep_ == "prep" and child.lower_ in OBJECT_PREPOSITIONS and child.i == end + 1:
                parts.append(child)
                end = child.right_edge.i
    return parts


def _prepositional(verb: Token) -> list[Token]:
    """The objects of the CONTENT_PREPOSITIONS phrases hung on the verb or on its object ("called
    for her ouster", "pledged her support to Clinton", "wrote a piece on pay")."""
    holders = [verb, *(c for c in verb.children if c.dep_ == "dobj")]
    out = []
    for holder in holders:
        for child in holder.children:
            if child.dep_ == "prep" and child.i > verb.i and child.lower_ in CONTENT_PREPOSITIONS:
                out.extend(c for c in child.children if c.dep_ == "pobj")
    return out[:PREPOSITIONS_PER_VERB]


def _content(verb: Token, parts: list[Token], text: str) -> tuple[int, int] | None:
    """Character span of these dependents of the verb, without a leading "that" or edge punctuation."""
    if not parts:
        return None
    first = min(p.left_edge.i for p in parts)
    last = max(p.right_edge.i for p in parts)
    doc = verb.doc
    while first <= last and (doc[first].lower_ in LEADING_WORDS or doc[first].is_punct or doc[first].is_space):
        first += 1
    span = _edges(doc, first, last)
    return span if span is not None and WORD.search(text, *span) else None


def _type_of(text: str) -> str:
    """Mixed when the content holds quotation marks, indirect otherwise."""
    return "mixed" if any(ch in QUOTE_MARKS for ch in text) else "indirect"


def _known(span: tuple[int, int], taken: list[tuple[int, int]]) -> bool:
    return any(jaccard(span, other) >= 0.5 for other in taken)


def proposals(doc: Doc, existing: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Quote dicts (the shape of `doc._.quotes`) for what verbs govern, beyond the sieves' candidates."""
    text = doc.text  # Doc.text joins every token anew at each call
    taken = [tuple(s) for q in existing for s in q["segments"]]
    offered: set[tuple[int, int]] = set()
    out: list[dict[str, Any]] = []
    for verb in doc:
        if verb.pos_ not in ("VERB", "AUX"):
            continue
        subject = _subject(verb)
        for rule, parts in _kinds(verb):
            span = _content(verb, parts, text)
            if span is None or span in offered or _known(span, taken):
                continue
            offered.add(span)
            speaker = (subject or _agent(verb)) if rule == "learned_passive" else subject
            out.append(_proposal(text, verb, speaker, rule, span))
    out += noun_proposals(doc, text, taken, offered)
    out += parenthetical_proposals(doc, text, taken, offered) + pronoun_proposals(doc, text, taken, offered)
    return out + quoted_proposals(doc, text, taken, offered) + label_proposals(doc, text, taken, offered)


def _kinds(verb: Token) -> list[tuple[str, list[Token]]]:
    """(rule, dependents) of each kind of proposal the verb may make."""
    kinds = [(rule, _parts(verb, deps)) for rule, deps in KINDS.items()]
    preps = [("learned_prep", [p]) for p in _prepositional(verb)]
    return [*kinds, *preps, ("learned_predicate", _predicate(verb)), ("learned_passive", _passive_subject(verb))]


def _passive_subject(verb: Token) -> list[Token]:
    """What a passive verb says was said or done ("The plan was criticized by ..."), its subject."""
    return [c for c in verb.children if c.dep_ == "nsubjpass"][:1]


def _predicate(verb: Token) -> list[Token]:
    """Everything the verb governs after it up to a coordinated verb, when that is more than one phrase."""
    parts = [c for c in verb.children if c.i > verb.i and c.dep_ not in PREDICATE_STOPS]
    return parts if len(parts) > 1 else []


def _noun_clause(noun: Token) -> list[Token]:
    """The clause a noun takes with "that" ("the claim that ..."), not a relative clause."""
    for child in noun.children:
        that = any(m.dep_ == "mark" and m.lower_ == "that" for m in child.children)
        if child.dep_ in NOUN_CLAUSE_DEPS and child.i > noun.i and that:
            return [child]
    return []


def _noun_speaker(noun: Token) -> Token | None:
    """Whose claim: the noun's possessor, else the subject of the verb the noun hangs on."""
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    return _subject(noun.head) if noun.head.i != noun.i and noun.head.pos_ in ("VERB", "AUX") else None


def noun_proposals(
    doc: Doc, text: str, taken: list[tuple[int, int]], offered: set[tuple[int, int]]
) -> list[dict[str, Any]]:
    """The clauses nouns take ("the assertion that ..."), as candidates the model may keep."""
    out = []
    for noun in doc:
        if noun.pos_ != "NOUN":
            continue
        for rule, parts in (("learned_noun", _noun_clause(noun)), ("learned_noun_prep", _noun_object(noun))):
            span = _content(noun, parts, text)
            if span is None or span in offered or _known(span, taken):
                continue
            offered.add(span)
            out.append(_proposal(text, noun, _noun_speaker(noun), rule, span))
    return out


def _noun_object(noun: Token) -> list[Token]:
    """The object of the preposition of a noun of saying, believing or intending ("her promise of
    aid", "their hope for peace"): a noun of ATTRIBUTION_NOUNS or of a lexicon class."""
    lemma = noun.lemma_.lower()
    if lemma not in ATTRIBUTION_NOUNS and cue_class(lemma) == "other":
        return []
    for child in noun.children:
        if child.dep_ == "prep" and child.i > noun.i and child.lower_ in NOUN_PREPOSITIONS:
            return [c for c in child.children if c.dep_ == "pobj"][:1]
    return []


def _edges(doc: Doc, first: int, last: int) -> tuple[int, int] | None:
    """Character span of tokens first..last without edge punctuation or space, or None if no word."""
    while first <= last and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last >= first and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return (doc[first].idx, doc[last].idx + len(doc[last])) if first <= last else None


def _agent(verb: Token) -> Token | None:
    """Who does a passive verb's deed: the object of its "by" ("as reported by the Herald")."""
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _reporting_clause(verb: Token) -> bool:
    """A clause that may report on the clause it hangs on: any verb set in as parataxis ("she
    said"), or any "as"-clause ("As the Herald reported, ..."; also "as prices rose": the model,
    which sees the verb's lemma, tells them apart)."""
    if verb.pos_ not in ("VERB", "AUX") or verb.head.i == verb.i:
        return False
    if verb.dep_ == "parataxis":
        return True
    return verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)


def parenthetical_proposals(
    doc: Doc, text: str, taken: list[tuple[int, int]], offered: set[tuple[int, int]]
) -> list[dict[str, Any]]:
    """The clause a reporting clause interrupts, follows or precedes ("The plan, she said, would
    fail"; "As the Herald reported, the plan failed"): the content is that clause without the
    reporting clause, in two segments when it stands inside (a conjunction alone is no segment)."""
    out = []
    for verb in doc:
        if _reporting_clause(verb):
            head = verb.head
            parts = [(head.left_edge.i, verb.left_edge.i - 1), (verb.right_edge.i + 1, head.right_edge.i)]
            speaker = _subject(verb) or _agent(verb)
        else:
            fronted, clause, speaker = _fronted(verb)
            if fronted is None or clause is None:
                continue
            parts = [(fronted.left_edge.i, fronted.right_edge.i), (clause.left_edge.i, clause.right_edge.i)]
        segments = [span for span in (_segment(doc, text, *part) for part in parts) if span is not None]
        if not segments or all(s in offered or _known(s, taken) for s in segments):
            continue
        offered.update(segments)
        out.append(_proposal(text, verb, speaker, "learned_parenthetical", *segments))
    return out


def _segment(doc: Doc, text: str, first: int, last: int) -> tuple[int, int] | None:
    """Tokens first..last as a segment, without a leading conjunction or edge punctuation."""
    while first <= last and doc[first].dep_ in ("cc", "punct"):
        first += 1
    span = _edges(doc, first, last)
    return span if span is not None and WORD.search(text, *span) else None


def _fronted(verb: Token) -> tuple[Token | None, Token | None, Token | None]:
    """The parser's other reading of "The toll, the mayor said, would pay": the fronted subject
    ("The toll") hangs on the reporting verb before its own subject ("the mayor", the speaker),
    and the rest is its clause. (fronted, clause, speaker), or Nones."""
    before = [c for c in verb.children if c.i < verb.i and c.dep_ in ("nsubj", "dep")]
    clause = next((c for c in verb.children if c.dep_ == "ccomp" and c.i > verb.i), None)
    if len(before) < 2 or clause is None or before[0].pos_ not in ("NOUN", "PROPN", "PRON"):
        return None, None, None
    comma = before[0].right_edge.i + 1
    if comma < verb.i and verb.doc[comma].text == ",":
        return before[0], clause, before[-1]
    return None, None, None


def _pronoun_cue(pronoun: Token) -> Token | None:
    """The verb a relative or question pronoun stands for the content of ("tax reform, which he
    described as ..."; "what she calls ..."): the nearest verb above it whose lemma the lexicon
    knows as a cue, else the verb it hangs on."""
    tok, first_verb = pronoun, None
    for _ in range(PRONOUN_STEPS):
        if tok.head.i == tok.i:
            break
        tok = tok.head
        if tok.pos_ in ("VERB", "AUX"):
            first_verb = first_verb or tok
            if cue_class(tok.lemma_.lower()) != "other":
                return tok
    return first_verb


def pronoun_proposals(
    doc: Doc, text: str, taken: list[tuple[int, int]], offered: set[tuple[int, int]]
) -> list[dict[str, Any]]:
    """A relative or question pronoun as the content of the verb it depends on: a project that
    marks attributions inside relative clauses marks the pronoun that stands for what was said."""
    out = []
    for tok in doc:
        if tok.lower_ not in CONTENT_PRONOUNS or tok.tag_ not in PRONOUN_TAGS:
            continue
        cue = _pronoun_cue(tok)
        span = (tok.idx, tok.idx + len(tok))
        if cue is None or (tok.head.i == cue.i and tok.dep_ == "nsubj"):
            continue  # "the mayor, who said ...": the pronoun is the speaker, not what was said
        if span in offered or _known(span, taken):
            continue
        offered.add(span)
        out.append(_proposal(text, cue, _subject(cue), "learned_pronoun", span))
    return out


def _nearest_cue(doc: Doc, start: int, end: int) -> Token | None:
    """The verb of saying or believing nearest to [start, end) outside it, in its sentence or the one
    before ("“Safety,” said Grimm. “Safety for the whole country.”")."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None or not len(first):
        return None
    if doc.has_annotation("SENT_START"):
        sentence = first[0].sent
        lo, hi = (doc[sentence.start - 1].sent.start if sentence.start > 0 else sentence.start), sentence.end
    else:  # a pipeline without a parser or sentencizer: the whole text is one sentence
        lo, hi = 0, len(doc)
    verbs = [
        t
        for t in doc[lo : max(hi, first.end)]
        if t.pos_ == "VERB" and not start <= t.idx < end and cue_class(t.lemma_.lower()) in ("reporting", "belief")
    ]
    return min(verbs, key=lambda t: min(abs(t.idx - start), abs(t.idx - end)), default=None)


def quoted_proposals(
    doc: Doc, text: str, taken: list[tuple[int, int]], offered: set[tuple[int, int]]
) -> list[dict[str, Any]]:
    """Quoted words the sieves pass over (a fragment such as “Safety,” or “Like Oakland. Or
    Ferguson.”, which they take for a scare quote or title), with the nearest verb of saying."""
    out = []
    for quoted in find_quoted_spans(text):
        segments = [(s, e) for s, e in quoted.segments if WORD.search(text, s, e)]
        if not segments or any(jaccard(s, t) > 0 for s in segments for t in taken):
            continue
        if any(s in offered for s in segments):
            continue
        offered.update(segments)
        cue = _nearest_cue(doc, segments[0][0], segments[-1][1])
        speaker = (_subject(cue) or _agent(cue)) if cue is not None else None
        quote = _proposal(text, cue, speaker, "learned_quoted", *segments)
        quote["type"] = "direct"  # its marks are its edges: no mixed quote
        out.append(quote)
    return out


def _proposal(
    text: str, verb: Token | None, subject: Token | None, rule: str, *segments: tuple[int, int]
) -> dict[str, Any]:
    """A candidate quote dict of these segments, its type read from all of them."""
    cue = f"of '{verb.text}'" if verb is not None else "with no cue"
    return {
        "type": _type_of(" ".join(text[a:b] for a, b in segments)),
        "segments": [[a, b] for a, b in segments],
        "cue": [verb.idx, verb.idx + len(verb)] if verb is not None else None,
        "speaker": mention_to_dict(make_mention(subject)) if subject is not None else None,
        "intermediaries": [],
        "parent": None,
        "rule": rule,
        "confidence": 0.0,
        "evidence": [f"{rule.removeprefix('learned_')} {cue} (a trained model's candidate)"],
    }


def label_proposals(
    doc: Doc, text: str, taken: list[tuple[int, int]], offered: set[tuple[int, int]]
) -> list[dict[str, Any]]:
    """The rest of a line a label and a colon open ("Lynch: No outside influence on the probe",
    "Poll: ..."), which the sieves keep only for a person's name and a finite clause: the label is
    the speaker, the colon the cue (the model, which sees the label's words, tells a voice from a
    rubric)."""
    out = []
    for match in LINE_LABEL.finditer(text):
        line_end = text.find("\n", match.end())
        line = doc.char_span(match.end(), len(text) if line_end < 0 else line_end, alignment_mode="expand")
        span = _segment(doc, text, line.start, line.end - 1) if line is not None and len(line) else None
        if span is None or len(WORD.findall(text, *span)) < MIN_LINE_WORDS:
            continue
        if span in offered or _known(span, taken):
            continue
        offered.add(span)
        colon = doc.char_span(match.end(1), match.end(1) + 1, alignment_mode="expand")
        label = doc.char_span(match.start(1), match.end(1), alignment_mode="expand")
        cue = colon[0] if colon is not None and len(colon) else None
        speaker = label.root if label is not None and len(label) else None
        out.append(_proposal(text, cue, speaker, "learned_label", span))
    return out
