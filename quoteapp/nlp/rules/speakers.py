"""Who speaks at a cue: the speaker cascade as named steps, tried in order.

At each verb, from the cue up through the clauses it hangs on: the nominal subject (through a
relative pronoun to its antecedent, through a speech-act noun to its owner, or, when the parse's
subject is quoted, the subject before the quotes), else the agent of a passive, else an inverted
subject ("…,” said the official). When none answers, climb: a reporting participle to the cue
whose subject it shares, else to the verb's head. The text a step returns names it, and goes into
the candidate's evidence after "speaker:".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from spacy.tokens import Token

from quoteapp.nlp import intermediaries
from quoteapp.nlp.lexicon import (
    INVERTED_SUBJECT_CUES,
    ISSUING_VERBS,
    OPENING_MARKS,
    PARTICIPLE_BREAKS,
    REPORTING_NOUNS,
    SPEECH_ACT_NOUNS,
)
from quoteapp.nlp.mentions import Mention, antecedent_of_relative, make_mention
from quoteapp.nlp.rules.candidate import Candidate
from quoteapp.nlp.rules.state import State

#: How many verbs up from the cue the cascade climbs before it gives up.
MAX_HOPS = 7
#: How far back (tokens) the subject before the quotes is looked for when the sentence starts in a quote.
LINE_START_REACH = 60

NSUBJ = "nsubj"
AGENT = "agent"
INVERTED_SUBJECT = "inverted subject"
SUBJECT_BEFORE_QUOTES = "the subject before the quoted words (the parse's subject is quoted)"
SUBJECT_IN_QUOTE = "subject inside a quote"
NAME_AFTER_QUOTE = "the name right after the quote (the parse's subject is quoted)"
#: Words of a noun phrase that names someone: "the harbour's police Chief Tom Berg".
NAME_WORDS = frozenset({"PROPN", "NOUN", "ADJ", "DET", "PRON"})
NO_SUBJECT = "no subject"
#: Named-entity labels of when something was said ("said Monday"): never a speaker.
WHEN_LABELS = frozenset({"DATE", "TIME"})
#: Named-entity labels of what is no person: "who" does not stand for them.
NON_PERSON_LABELS = frozenset({"ORG", "GPE", "FAC", "LOC", "NORP"})

Found = tuple[Mention | None, str]
#: A step: (state, cue, verb reached, hops climbed, note on how it was reached) -> found, or None to go on.
Step = Callable[[State, Token, Token, int, str], "Found | None"]


def by_subject(state: State, cue: Token, verb: Token, hops: int, note: str) -> Found | None:
    """The verb's nominal subject, the nearest when there are several ("The coach Anna Holm said")."""
    subjects = state.subjects.get(verb.i, [])
    if not subjects:
        return by_it(state, verb, hops, note)
    nearest = min(subjects, key=lambda c: abs(c.i - verb.i))
    subject = person_antecedent(antecedent_of_relative(nearest)) if nearest.tag_ == "WP" else nearest
    if subject is nearest:
        subject = antecedent_of_relative(nearest)
    how = (NSUBJ if hops == 0 else f"{NSUBJ} of '{verb.text}'") + note
    if subject is not nearest:
        how += f" ('{nearest.text}' -> '{subject.text}')"  # the relative clause's antecedent
    if state.in_quote(subject.idx) and not state.in_quote(cue.idx):
        return subject_before_quotes(state, cue)
    owner = speech_act_owner(subject)
    if owner is not None:
        return make_mention(owner), how + f"; the {subject.text} is {owner.text}'s"
    return make_mention(subject), how


def by_it(state: State, verb: Token, hops: int, note: str) -> Found | None:
    """ "It said the plan would cut costs", "..., it added": the pronoun subject of a cue is an
    organization (a person is "he" or "she"); the mention stays "it", for the entity code to resolve
    to the organization the text last named."""
    if not state.is_cue(verb) and not any(issued_document(c) for c in verb.children):
        return None
    it = next((c for c in verb.children if c.dep_ == "nsubj" and c.lower_ == "it"), None)
    if it is None:
        return None
    how = (NSUBJ if hops == 0 else f"{NSUBJ} of '{verb.text}'") + note + "; 'it': an organization"
    return replace(make_mention(it), kind="organization"), how


def person_antecedent(tok: Token) -> Token:
    """ "Tina Ross, a fellow at the Harbour Institute who says ...": "who" stands for a person, so
    its antecedent is the person the apposition describes, not the organization or description the
    parser hung the clause on: up from a named non-person through its preposition, then from a
    describing apposition to the name it describes."""
    found = tok
    while found.dep_ == "pobj" and found.head.dep_ == "prep" and found.ent_type_ in NON_PERSON_LABELS:
        found = found.head.head
    if found.dep_ == "appos" and found.pos_ == "NOUN" and found.head.pos_ == "PROPN":
        return found.head
    return found if found is not tok and found.pos_ in ("NOUN", "PROPN") else tok


def by_agent(state: State, cue: Token, verb: Token, hops: int, note: str) -> Found | None:
    """The agent of a passive cue: "it was announced by the mayor"."""
    for agent in state.agents.get(verb.i, []):
        objs = [c for c in agent.children if c.dep_ == "pobj"]
        if objs:
            return make_mention(objs[0]), AGENT
    return None


def by_inverted_subject(state: State, cue: Token, verb: Token, hops: int, note: str) -> Found | None:
    """“…,” said the official: spaCy may take an inverted subject for an object of the cue itself."""
    if hops != 0 or verb.lemma_.lower() not in INVERTED_SUBJECT_CUES:
        return None
    inverted = [
        c
        for c in verb.rights
        if c.dep_ in ("dobj", "attr", "npadvmod") and c.pos_ in ("PROPN", "NOUN") and c.ent_type_ not in WHEN_LABELS
    ]
    if inverted and state.quote_before(verb):
        return make_mention(inverted[0]), INVERTED_SUBJECT
    return None


def by_name_after_quote(state: State, cue: Token, verb: Token, hops: int, note: str) -> Found | None:
    """“…,” police Chief Tom Berg said Monday.: the parse found no subject (it took the name for
    part of something else), but the frame says who speaks: the name opening the attribution."""
    return name_after_quote(state, cue) if hops == 0 and verb is cue else None


#: The steps tried at each verb, in order: the first that answers decides.
STEPS: tuple[Step, ...] = (by_subject, by_agent, by_inverted_subject, by_name_after_quote)


def speaker_of(state: State, cue: Token) -> Found:
    """The subject of the cue (or of the verb it hangs on), as a mention, and how it was found."""
    verb: Token | None = cue
    hops, note = 0, ""
    while verb is not None and hops < MAX_HOPS:
        for step in STEPS:
            found = step(state, cue, verb, hops, note)
            if found is not None:
                return found
        host = participle_host(state, verb)
        if host is not None:
            note = f" (the participle '{cue.text}' shares the subject of '{host.text}')"
            verb = host  # "X said Y was Z, adding that ...": X adds, not Y
        elif climbs(verb):
            verb = verb.head
        else:
            break
        hops += 1
    return None, NO_SUBJECT


def climbs(verb: Token) -> bool:
    """Whether a verb with no speaker of its own takes the speaker of its head (a clause it hangs on),
    also a document issued by someone: "issued a statement saying", "released a statement that"."""
    if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "ccomp", "pobj"):
        return True
    return verb.dep_ == "prep" or issued_document(verb)


def issued_document(noun: Token) -> bool:
    """ "The union issued a statement": a reporting noun that is the object of a verb of issuing
    speaks for that verb's subject."""
    return (
        noun.lower_ in REPORTING_NOUNS
        and noun.dep_ == "dobj"
        and noun.head.lemma_.lower() in ISSUING_VERBS
        and noun.head.pos_ == "VERB"
    )


def participle_host(state: State, verb: Token) -> Token | None:
    """The cue whose speaker a reporting participle ("..., adding that", "while acknowledging")
    shares when the parse hung it on a verb of that cue's reported clause: the participle has no
    subject of its own, so it is controlled by the matrix subject, who is the one speaking."""
    if not state.reporting_participle(verb):
        return _clause_before(state, verb)
    head = verb.head
    if head.dep_ != "ccomp" or not state.is_cue(head.head):
        return None
    return head.head


def _clause_before(state: State, verb: Token) -> Token | None:
    """'X said A, while acknowledging B, the official said': a subjectless reporting participle the
    parse hung on the attribution frame *after* it continues the clause before it, so the speaker
    of the nearest cue before it (with a subject of its own, in the same sentence) is the one who
    acknowledges; the frame at the end reports both."""
    host = verb.head
    if verb.dep_ != "advcl" or verb.tag_ != "VBG" or verb.i >= host.i or not state.is_cue(host):
        return None
    if any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        return None
    doc = state.doc
    before = verb.left_edge.i - 1
    while before >= 0 and doc[before].is_quote:
        before -= 1
    if before < 0 or doc[before].text not in PARTICIPLE_BREAKS:
        return None
    for tok in reversed(doc[verb.sent.start : before]):
        if state.is_cue(tok) and any(c.dep_ == "nsubj" for c in tok.children):
            return tok
    return None


def speech_act_owner(subject: Token) -> Token | None:
    """ "Haftar's reaction was to ask": whose reaction, response or answer speaks; "a statement
    released by the mayor's office said": whose statement or report speaks (its issuer)."""
    lemma = subject.lemma_.lower()
    if lemma in SPEECH_ACT_NOUNS:
        return next((c for c in subject.children if c.dep_ == "poss"), None)
    if lemma in REPORTING_NOUNS:
        return intermediaries.document_author(subject)
    return None


def subject_before_quotes(state: State, cue: Token) -> Found:
    """The parse took a word of quoted content for the subject: 'X “hailed ...” but stressed':
    the speaker is the noun opening the sentence, before its first quotation mark."""
    doc, text = state.doc, state.text
    start = state.sentence(cue.i).start
    if state.in_quote(doc[start].idx):  # the parser cut the sentence inside the quote ("hailed...")
        floor = max(cue.i - LINE_START_REACH, 0)  # look for the line start no further back than that
        start = max(state.token_at(text.rfind("\n", doc[floor].idx, cue.idx) + 1), floor)
    for tok in doc[start : cue.i]:
        if state.in_quote(tok.idx) or tok.text in OPENING_MARKS:
            break
        if tok.pos_ in ("PROPN", "NOUN", "PRON") and tok.dep_ in ("nsubj", "nsubjpass", "npadvmod", "ROOT"):
            return make_mention(tok), SUBJECT_BEFORE_QUOTES
    return name_after_quote(state, cue) or (None, SUBJECT_IN_QUOTE)


def name_after_quote(state: State, cue: Token) -> Found | None:
    """“…,” Flynn, a retired general, said: when the parse took a quoted word for the subject, the
    name that opens the attribution right after the closing mark is the one speaking."""
    if not state.quote_before(cue):
        return None
    doc = state.doc
    i = cue.i - 1
    while i > 0 and not (doc[i].is_quote and state.in_quote(doc[i].idx)):
        i -= 1  # back to the closing mark of the quote before the cue
    first = next((t for t in doc[i + 1 : cue.i] if not t.is_punct and not t.is_space), None)
    if first is None or state.in_quote(first.idx) or first.pos_ not in NAME_WORDS:
        return None
    name = first
    while name.i + 1 < cue.i and doc[name.i + 1].pos_ in NAME_WORDS:
        name = doc[name.i + 1]  # "police Chief Tom Berg": the last word of the noun phrase is its head
    if name.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    return make_mention(name), NAME_AFTER_QUOTE


def add_intermediaries(cand: Candidate, cue: Token) -> None:
    """Who passed the words on (spokesperson, outlet...), other than the speaker: a subject that speaks
    for someone gives the quote to them, through it ("a Telvana spokesperson said", "the mayor's office
    said"), then the addressees and media around the cue ("told the Kelso News")."""
    cand.speaker, links = intermediaries.credit_principal(cue.doc, cand.speaker)
    for mention, role, reason in links + intermediaries.around_cue(cue):
        if cand.speaker is None or (mention.start, mention.end) != (cand.speaker.start, cand.speaker.end):
            cand.intermediaries.append((mention, role))
            cand.evidence.append(f"{role}: {reason}")
