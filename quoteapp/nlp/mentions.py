"""Speaker mentions: the noun phrase that names a source at a cue, and what it tells of the source.

A mention is cut from the parse (the subject of the cue, without its relative clauses and
appositions) and described in plain data (proper name, description, head noun, pronoun, a guess of
the kind), so that grouping mentions into entities needs no spaCy objects.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from quoteapp.nlp.gender import gender_of_first_name, gender_of_words
from quoteapp.nlp.lexicon import (
    ANONYMOUS_HEADS,
    KNOWN_OUTLETS,
    ORGANIZATION_HEADS,
    OUTLET_HEADS,
    OUTLET_NAME_ENDS,
    PRONOUNS,
    SPOKESPERSON_HEADS,
    TITLES,
)

#: Heads of a body that speaks for its holder: "Macron's office", "the Trump campaign".
OFFICE_HEADS = frozenset(("office", "offices", "team", "campaign"))
#: Children that do not belong to the phrase naming a speaker.
#: the characters that join the parts of one word ("Nelson-Jones"): hyphen-minus, hyphen, non-breaking hyphen
WORD_HYPHENS = frozenset("-\u2010\u2011")
CUT_DEPS = frozenset({"relcl", "appos", "acl", "advcl", "punct", "cc", "conj", "parataxis", "npadvmod"})
NAME_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC"})
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj"})
NON_PERSON_LABELS = frozenset({"ORG", "GPE", "NORP", "FAC", "LOC"})
#: Roles whose noun a later pronoun looks back for first: subjects, objects, a headline's root.
SALIENT_DEPS = SUBJECT_DEPS | {"dobj", "dative", "attr", "oprd", "ROOT"}
#: Prepositions that say when or where a source spoke, not who it is ("the official after the meeting").
CIRCUMSTANCE_PREPS = frozenset("after before during on at in since following until while amid upon".split())


@dataclass(frozen=True)
class Mention:
    """A span naming a source, with what the text says about it."""

    start: int
    end: int
    text: str
    name: str | None  # the proper name in it, titles dropped: "Khalifa Haftar"
    description: str | None  # the common-noun part: "Libyan strongman", "Elysee official"
    head: str  # lower-cased head word: "haftar", "official", "he"
    pronoun: bool
    kind: str  # person, organization, outlet, anonymous, other
    gender: str | None  # "m", "f", "n" or None when unknown
    plural: bool
    #: head words of what the text calls the source: "commander" of "Libyan commander Khalifa Haftar"
    heads: tuple[str, ...] = ()
    #: further descriptions from appositions: "commander of the Northern Army"
    appositions: tuple[str, ...] = ()
    #: the one this source speaks for: "Haftar" of "Haftar's spokesman", "his" of "his spokesman X"
    principal: Mention | None = None
    #: its role in the clause (the head's dependency label, through appositions): "nsubj", "dobj", "poss"
    dep: str = ""
    #: characters from the start of its sentence (the sentence start survives a shift of the text)
    sentence_lead: int = 0

    @property
    def subject(self) -> bool:
        """The subject of its clause: a later pronoun prefers it over an object."""
        return self.dep in SUBJECT_DEPS

    @property
    def salient(self) -> bool:
        """A subject or object of its clause, not a possessor or a noun inside a prepositional phrase
        ("Macron" of "according to a statement from Macron's office"): what a pronoun looks back for first."""
        return self.dep in SALIENT_DEPS

    @property
    def sentence_start(self) -> int:
        """Where the mention's sentence starts: two mentions with the same one share a sentence."""
        return self.start - self.sentence_lead

    def shifted(self, offset: int) -> Mention:
        """The same mention in a text that starts `offset` characters earlier."""
        principal = self.principal.shifted(offset) if self.principal else None
        return replace(self, start=self.start + offset, end=self.end + offset, principal=principal)

    @property
    def is_office(self) -> bool:
        """ "Macron's office": an organization speaking for its principal, itself the speaker."""
        return self.principal is not None and self.head in OFFICE_HEADS


def phrase_tokens(head: Token) -> list[Token]:
    """The contiguous tokens naming `head`'s referent: its subtree less clauses, appositions and commas."""
    keep = {head.i}
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            if child.dep_ in CUT_DEPS:
                continue
            if child.dep_ == "prep" and child.i > tok.i and child.lower_ in CIRCUMSTANCE_PREPS and tok.pos_ != "PROPN":
                continue
            keep.add(child.i)
            stack.append(child)
    doc = head.doc
    lo = hi = head.i
    while True:  # leftwards over kept tokens, and over words a hyphen glues on ("Nelson-Jones")
        if lo - 1 in keep:
            lo -= 1
        elif lo >= 2 and _glued_hyphen(doc, lo - 1) and not doc[lo - 2].is_punct:
            lo -= 2
        else:
            break
    while True:
        if hi + 1 in keep:
            hi += 1
        elif hi + 2 < len(doc) and _glued_hyphen(doc, hi + 1) and not doc[hi + 2].is_punct:
            hi += 2
        else:
            break
    # trim punctuation at the edges, but never the head itself ("The %": the phrase keeps its head)
    while lo < head.i and (doc[lo].is_punct or doc[lo].is_space):
        lo += 1
    while hi > head.i and (doc[hi].is_punct or doc[hi].is_space):
        hi -= 1
    return [doc[i] for i in range(lo, hi + 1)]


def _glued_hyphen(doc: Doc, i: int) -> bool:
    """A hyphen written inside a word, with no space on either side ("26-year-old", "Calgary-based"):
    the tokenizer splits it off, but the words it joins name one thing and are never cut apart."""
    return doc[i].text in WORD_HYPHENS and not doc[i - 1].whitespace_ and not doc[i].whitespace_


def antecedent_of_relative(subject: Token) -> Token:
    """ "Haftar, who said ...": the subject `who` stands for the noun the relative clause hangs on; a
    "who" is a person's, so past an organization the parser hung it on ("Tina Ross, a fellow at the
    Harbour Institute who calls it reckless") and from a description to the person it is in apposition
    to ("Tina Ross, a fellow who ..."): Ross."""
    verb = subject.head
    if subject.tag_ in ("WP", "WDT") and verb.dep_ == "relcl":
        return _person_of_who(verb.head) if subject.text.lower() in ("who", "whom") else verb.head
    return subject


def _person_of_who(noun: Token) -> Token:
    """The person a "who" hung on `noun` stands for: `noun` itself unless it is an organization or a
    description in apposition to a named person."""
    tok = noun
    while tok.ent_type_ in NON_PERSON_LABELS and tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        tok = tok.head.head  # the Institute -> at -> a fellow
    if tok.dep_ == "appos" and tok.pos_ == "NOUN" and tok.head.ent_type_ == "PERSON":
        return tok.head  # a fellow -> Tina Ross
    return tok if tok.ent_type_ not in NON_PERSON_LABELS else noun


def _entity_around(tok: Token) -> SpacySpan | None:
    """The named entity holding a token, read off its IOB tags (doc.ents builds every span each time)."""
    if tok.ent_type_ not in NAME_LABELS:
        return None
    doc = tok.doc
    lo = tok.i
    while lo > 0 and doc[lo].ent_iob_ == "I":
        lo -= 1
    hi = tok.i + 1
    while hi < len(doc) and doc[hi].ent_iob_ == "I":
        hi += 1
    return doc[lo:hi]


def _name_span(tokens: list[Token], head: Token) -> list[Token]:
    """The proper name of a phrase: a named entity holding the head, else the proper nouns ending at it.

    "an Elysee official" has no name (its head is a common noun); "Macron's office" neither.
    """
    chosen = _entity_around(head)
    if chosen is not None:
        name = [t for t in chosen if tokens[0].i <= t.i <= tokens[-1].i]
        name = _proper_nouns_before(tokens, name) + name
    else:
        name = []
        if head.pos_ == "PROPN":
            for tok in reversed([t for t in tokens if t.i <= head.i]):
                if tok.pos_ == "PROPN" or (name and tok.text in ("-", "al-", "bin")):
                    name.insert(0, tok)
                else:
                    break
    while name and (name[0].lower_ in TITLES or name[0].lower_ in ("the", "'s", "’s")):
        name = name[1:]
    while name and name[-1].lower_ in ("'s", "’s"):
        name = name[:-1]
    return name


def _proper_nouns_before(tokens: list[Token], name: list[Token]) -> list[Token]:
    """The given name written just before a surname that the NER took alone: "Ana" of "Ana Nelson-Jones"
    when only "Nelson-Jones" is an entity. Only for an entity of one word (hyphens glue one), and only
    a known first name that is no title; a name the NER gave whole ("Amir Haddad") is kept as it is."""
    if not name or any(t.text not in WORD_HYPHENS and t.i > name[0].i and not _glued(t) for t in name):
        return []
    before = name[0].i - 1
    if before < tokens[0].i:
        return []
    tok = name[0].doc[before]
    return [tok] if _loose_proper_noun(tok) and gender_of_first_name(tok.text) is not None else []


def _glued(tok: Token) -> bool:
    """A token glued to the one before by a hyphen ("Jones" of "Nelson-Jones")."""
    prev = tok.doc[tok.i - 1]
    return prev.text in WORD_HYPHENS and not prev.whitespace_


def _loose_proper_noun(tok: Token) -> bool:
    """A proper noun that is no title and belongs to no named entity of its own."""
    return tok.pos_ == "PROPN" and not tok.ent_type_ and tok.lower_ not in TITLES


def make_mention(head: Token) -> Mention:
    """Describe the referent named at `head` (a subject, or the object of 'according to'), with where
    it stands: a clause's subject or not, and how far into its sentence (for pronoun salience)."""
    head = antecedent_of_relative(head)
    mention = _describe(head)
    return replace(mention, dep=_role(head), sentence_lead=mention.start - head.sent.start_char)


def _role(head: Token) -> str:
    """The head's role in its clause, through an apposition, compound or conjunction ("the mayor, Casimir
    Tull, said", "Tull and Quell said": Tull and Quell are subjects)."""
    while head.dep_ in ("appos", "compound", "flat", "conj") and head.head is not head:
        head = head.head
    return head.dep_


def _describe(head: Token) -> Mention:
    """The mention of `head` as plain data: its span, name, description, kind, gender, number."""
    lower = head.lower_
    if head.pos_ == "PRON" or lower in PRONOUNS:
        number, gender = PRONOUNS.get(lower, ("sg", None))
        kind = "person" if lower in ("he", "she", "i", "his", "him", "her") else "other"
        return Mention(head.idx, head.idx + len(head), head.text, None, None, lower, True, kind, gender, number == "pl")
    tokens = phrase_tokens(head)
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    name_tokens = _name_span(tokens, head)
    appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    if not name_tokens and appos is not None:
        # "the harbour master, Piet Vandermeer, said": the apposition names the description
        name_tokens = _name_span(phrase_tokens(appos), appos)
        if name_tokens:
            end = name_tokens[-1].idx + len(name_tokens[-1])
    name = _clean_name(_join(name_tokens)) if name_tokens else None
    before_name = [t for t in tokens if not name_tokens or t.i < name_tokens[0].i]
    desc_tokens = [t for t in before_name if t.pos_ not in ("DET", "PUNCT") and t.dep_ not in ("det", "poss", "case")]
    description = _join(desc_tokens) if desc_tokens and not all(t.lower_ in TITLES for t in desc_tokens) else None
    if name is None:
        description = _join([t for t in tokens if t.dep_ != "det" and t.pos_ != "DET"]) or head.text
    kind = _guess_kind(tokens, name_tokens, head)
    gender = _guess_gender(tokens, name_tokens, head)
    plural = head.tag_ in ("NNS", "NNPS")
    heads = _description_heads(before_name, name_tokens, head)
    appositions = tuple(_join(phrase_tokens(c)) for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN")
    heads += tuple(c.lower_ for c in head.children if c.dep_ == "appos" and c.pos_ == "NOUN")
    mention = Mention(
        start, end, _join(tokens), name, description, lower, False, kind, gender, plural, heads, appositions
    )
    principal = _principal(tokens, head)
    if principal is not None:
        mention = replace(
            mention,
            principal=make_mention(principal),
            kind="organization" if mention.head in ("office", "offices") else mention.kind,
        )
    return mention


def _description_heads(before_name: list[Token], name_tokens: list[Token], head: Token) -> tuple[str, ...]:
    """The nouns that describe the source: the head of a description, or the last common noun before a name."""
    if not name_tokens:
        return (head.lower_,)
    nouns = [t.lower_ for t in before_name if t.pos_ in ("NOUN", "PROPN") and t.dep_ in ("compound", "amod", "nmod")]
    return tuple(nouns[-1:])


def _principal(tokens: list[Token], head: Token) -> Token | None:
    """The possessor of a spokesperson word in the phrase: "Haftar" in "Haftar's spokesman (X)"."""
    candidates = [head] + [t for t in tokens if t is not head] + [c for c in head.children if c.dep_ == "appos"]
    for tok in candidates:
        if tok.lower_ in SPOKESPERSON_HEADS or tok.lemma_.lower() in SPOKESPERSON_HEADS:
            poss = next(
                (
                    c
                    for c in tok.children
                    if c.dep_ == "poss" or (c.dep_ == "nmod" and any(g.dep_ == "case" for g in c.children))
                ),
                None,
            )
            if poss is not None:
                return poss
    return None


def _clean_name(name: str) -> str:
    """A dash the tokenizer glued to a name ("-Commissioner Hana Ross" after a quote) is no part of
    it, nor is the title it hid from the title check."""
    if name[:1] not in "-–—―":
        return name
    words = name.lstrip("-–—― ").split()
    while len(words) > 1 and words[0].lower() in TITLES:
        words = words[1:]
    return " ".join(words) or name


def _join(tokens: list[Token]) -> str:
    """The text from the first token to the last; "" for none (a phrase that was only a determiner
    and punctuation once its edges were trimmed: "a ‚", "The %")."""
    if not tokens:
        return ""
    doc = tokens[0].doc
    return doc[tokens[0].i : tokens[-1].i + 1].text  # not doc.text: that rebuilds the whole text each time


def _first_name_before_entity(name_tokens: list[Token]) -> bool:
    """ "Ana Nelson-Jones" where the NER saw only "Nelson-Jones" (as an ORG): a first name outside the
    entity, in front of it, makes the whole a person's name."""
    first = name_tokens[0]
    return len(name_tokens) > 1 and not first.ent_type_ and gender_of_first_name(first.text) is not None


def _guess_kind(tokens: list[Token], name_tokens: list[Token], head: Token) -> str:
    text = " ".join(t.lower_ for t in tokens)
    name = " ".join(t.lower_ for t in name_tokens)
    if name in KNOWN_OUTLETS or text in KNOWN_OUTLETS or head.lower_ in OUTLET_HEADS:
        return "outlet"
    if name_tokens and len(name_tokens) > 1 and name_tokens[-1].lower_ in OUTLET_NAME_ENDS:
        return "outlet"
    if name_tokens:
        labels = {t.ent_type_ for t in name_tokens}
        if "PERSON" in labels or _first_name_before_entity(name_tokens):
            return "person"
        if labels & {"ORG", "GPE", "NORP", "FAC"}:
            return "organization"
        return "person" if len(name_tokens) <= 3 else "organization"
    if head.lemma_.lower() in ANONYMOUS_HEADS or head.lower_ in ANONYMOUS_HEADS:
        return "anonymous"
    if head.lemma_.lower() in ORGANIZATION_HEADS and head.tag_ == "NN":
        return "organization"
    return "other"


def _guess_gender(tokens: list[Token], name_tokens: list[Token], head: Token) -> str | None:
    """The gender the phrase says of its referent: a gendered head noun ("his spokeswoman"), else an
    honorific or gendered word of its own (not of a possessor: "her spokesman" is a man), else the
    first name ("Odile Brannack"); None when nothing says it."""
    by_head = gender_of_words([head.text])
    if by_head is not None:
        return by_head
    own = [t.text for t in tokens if t.dep_ != "poss" and t.lower_ not in PRONOUNS]
    words = _join(name_tokens).split()
    first = words[0] if len(words) > 1 else None  # "Nelson-Jones" has no first name
    return gender_of_words(own, first)


def person_heads(doc: Doc) -> list[Token]:
    """The head tokens of every person the text names: the NER's PERSON entities, and the proper names
    it missed that start with a known first name ("Ines Dorval, who runs a bakery, ..."): what a later
    pronoun or description may refer to. In text order, one head per name."""
    heads = {ent.root.i: ent.root for ent in doc.ents if ent.label_ == "PERSON"}
    for tok in doc:
        if tok.i not in heads and _missed_person_name(tok):
            heads[tok.i] = tok
    return [heads[i] for i in sorted(heads)]


def referent_heads(doc: Doc) -> list[Token]:
    """`person_heads` and the organizations the NER names: what "it" or "they" may go back to ("Rogers
    raised its prices. It said ..."). In text order."""
    heads = {tok.i: tok for tok in person_heads(doc)}
    heads.update((ent.root.i, ent.root) for ent in doc.ents if ent.label_ == "ORG" and ent.root.i not in heads)
    return [heads[i] for i in sorted(heads)]


def _missed_person_name(tok: Token) -> bool:
    """The last word of a run of two or more proper nouns outside any entity, the first a known first name."""
    if tok.pos_ != "PROPN" or tok.ent_type_ or tok.dep_ in ("compound", "flat"):
        return False
    run = [tok]
    while run[0].i > 0 and run[0].nbor(-1).pos_ == "PROPN" and not run[0].nbor(-1).ent_type_:
        run.insert(0, run[0].nbor(-1))
    return len(run) > 1 and run[0].lower_ not in TITLES and gender_of_first_name(run[0].text) is not None
