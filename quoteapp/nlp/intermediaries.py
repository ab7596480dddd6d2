"""Who passed a quote on, read off the parse around its cue and its speaker.

- outlet: the publication or broadcaster the words were given to, named in the cue's own
  attribution: "told the Kelso News", "said in an interview with the Harbour Gazette", "in a
  statement to the Meridian Wire", "speaking on Radio Lanrick", "told the Gazette's reporter", a
  show and its host ("told Morning Report host Ana Ruiz": the show). What makes a name an outlet's
  is the shape of the sentence and the kind of name (`outlet_mention`: News, Radio, Gazette...), not
  the lexicon's short list of well-known outlets, which only the mention's kind still reads. A clause
  of an outlet's own ("..., reported Reuters", "according to Reuters") around another speaker's
  quote is handled by the sieves, where all candidates are known.
- spokesperson: "in a statement read by his spokesman X": the cue's subject is the speaker, the
  reader speaks for them; and a subject that speaks for someone ("a Telvana spokesperson",
  "a spokeswoman for the ministry, Ana Ruiz", "Harbour Authority spokesman Tom Beck", "Beck, a
  spokesman for the authority", "the mayor's office"): the one spoken for is the speaker
  (`spoken_for`).

People addressed ("told reporters", "told the House", "told police") are no intermediaries: they
are neither outlets by their name nor spokespeople.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from quoteapp.nlp.lexicon import (
    AUTHORING_VERBS,
    DELIVERY_VERBS,
    INSTITUTION_NAME_ENDS,
    JOURNALIST_NOUNS,
    MEDIUM_PREPOSITIONS,
    NOUN_TO_MEDIUM,
    OUTLET_NAME_ENDS,
    OUTLET_NAME_WORDS,
    PUBLISHING_VERBS,
    REPORTING_NOUNS,
    SPEAKING_VERBS,
    SPOKEN_FOR_PREPOSITIONS,
    SPOKESPERSON_HEADS,
    WRITING_PREPOSITIONS,
)
from quoteapp.nlp.mentions import Mention, make_mention, phrase_tokens

#: (mention, role, reason)
Found = tuple[Mention, str, str]
TELLING = frozenset("say tell speak write explain confirm reveal add talk".split())
#: Labels of a named entity an outlet's name may carry (the NER often calls an invented paper a person).
OUTLET_LABELS = frozenset({"ORG", "WORK_OF_ART", "PERSON", "FAC", "PRODUCT", ""})


def _as_outlet(mention: Mention) -> Mention:
    return mention if mention.kind == "outlet" else replace(mention, kind="outlet")


def outlet_name(tokens: list[Token]) -> bool:
    """Whether a phrase is an outlet's proper name by the kind of name: a word such as News, Radio,
    Channel or Broadcasting anywhere in it ("Radio Lanrick", "Channel Nine"), or a last word such as
    Gazette, Times or Post ("the Harbour Gazette"), among proper nouns."""
    proper = [t for t in tokens if t.pos_ == "PROPN" or (t.is_title and t.pos_ != "DET" and t.i != t.sent.start)]
    if not proper:
        return False
    words = [t.lower_ for t in proper]
    if len(words) > 1 and words[-1] in OUTLET_NAME_ENDS:
        return True
    return bool(set(words) & OUTLET_NAME_WORDS) and words[-1] not in INSTITUTION_NAME_ENDS


def outlet_mention(tok: Token) -> Mention | None:
    """The outlet a noun phrase names, or None: an outlet by the mention's kind (a known outlet, an
    outlet noun such as 'newspaper', a name ending like a paper's), or by an outlet's words in its name."""
    mention = make_mention(tok)
    if mention.pronoun:
        return None
    if mention.kind == "outlet":
        return mention
    joined = _joined_name(tok, mention)
    if joined is not None:
        return joined
    owners = {o.i for c in tok.children if c.dep_ == "poss" for o in c.subtree}  # "Valley TV's" of a show
    tokens = [t for t in phrase_tokens(tok) if t.i not in owners]
    if outlet_name([t for t in tokens if t.i <= tok.i]) and tok.ent_type_ in OUTLET_LABELS:
        return _as_outlet(mention)
    return _as_outlet(mention) if _the_paper(tok) else None


def _the_paper(tok: Token) -> bool:
    """'told the Star', 'the Post reported': a paper's one-word name (a last word of papers' names,
    capitalized, after 'the')."""
    first = tok.i - 1
    return (
        tok.pos_ == "PROPN"
        and tok.is_title
        and tok.lower_ in OUTLET_NAME_ENDS
        and first >= 0
        and tok.doc[first].lower_ == "the"
        and all(c.dep_ == "det" for c in tok.lefts)
    )


def _joined_name(tok: Token, mention: Mention) -> Mention | None:
    """'The Globe and Mail': a name the parser took for two nouns joined by 'and', when the NER holds
    it as one organization whose name is an outlet's."""
    conj = next((c for c in tok.children if c.dep_ == "conj" and c.pos_ == "PROPN"), None)
    if conj is None or tok.ent_type_ != "ORG" or conj.ent_iob_ != "I":
        return None
    doc = tok.doc
    lo = tok.i
    while lo > 0 and doc[lo].ent_iob_ == "I":
        lo -= 1
    name = [t for t in doc[lo : conj.i + 1] if t.lower_ != "the"]
    if not name or name[-1].lower_ not in OUTLET_NAME_ENDS:
        return None
    text = doc[name[0].i : conj.i + 1].text
    return _as_outlet(replace(mention, end=conj.idx + len(conj), text=doc[lo : conj.i + 1].text, name=text))


def _through_journalist(tok: Token) -> Mention | None:
    """'the Gazette's reporter', 'Morning Report host Ana Ruiz', 'Valley TV's Morning Report': the
    outlet or show named with a journalist or programme word, or owning a show."""
    nouns = [tok] + [c for c in tok.children if c.dep_ == "compound" and c.lower_ in JOURNALIST_NOUNS]
    for noun in nouns:
        if noun.lower_ in JOURNALIST_NOUNS and not noun.is_title:  # "Morning Show" is a show's name
            owner = _name_before(noun)
            if owner is not None:
                return owner
    poss = next((c for c in tok.children if c.dep_ == "poss" and c.pos_ == "PROPN"), None)
    owner = outlet_mention(poss) if tok.pos_ == "PROPN" and poss is not None else None
    if owner is None:
        return None
    if _names_a_person(tok):
        return owner  # "CNN's Wolf Blitzer": the outlet of a journalist named
    return _as_outlet(make_mention(tok))  # "Valley TV's Morning Report": the show is the outlet


def _modifies_as_name(tok: Token, noun: Token) -> bool:
    """A capitalized word (not opening its sentence) that hangs on `noun` or on a word between them."""
    capital = tok.is_title or (tok.is_upper and tok.is_alpha)
    return capital and tok.i != tok.sent.start and tok.i < tok.head.i <= noun.i


@cache
def _first_names() -> frozenset[str]:
    """English first names (Faker's lists, MIT): what tells a journalist's name from a show's."""
    from faker.providers.person.en import Provider

    return frozenset(n.lower() for n in Provider.first_names)


def _names_a_person(tok: Token) -> bool:
    """'CNN's Ana Ruiz' (a journalist) rather than 'Valley TV's Morning Report' (a show): the NER says
    so, or the name opens with a first name."""
    if tok.ent_type_ == "PERSON":
        return True
    words = [c for c in tok.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if words and words[0].lower_ in _first_names():
        return True
    return not tok.ent_type_ and make_mention(tok).kind == "person"


def _name_before(noun: Token) -> Mention | None:
    """The proper name written just before a word, as an outlet: 'Valley TV' of 'Valley TV host',
    'the Gazette' of 'the Gazette's reporter' (the words that modify it, capitalized, up to it)."""
    doc = noun.doc
    hi = noun.i - 1
    if hi >= 0 and doc[hi].lower_ in ("'s", "’s"):
        hi -= 1
    lo = hi
    while lo >= 0 and _modifies_as_name(doc[lo], noun):
        lo -= 1
    if lo == hi:
        return None
    first, last = doc[lo + 1], doc[hi]
    mention = make_mention(last)
    text = doc[first.i : last.i + 1].text
    return _as_outlet(replace(mention, start=first.idx, end=last.idx + len(last), text=text, name=text))


def addressed_outlet(tok: Token) -> Mention | None:
    """The outlet an addressee or medium names ('told X', 'in an interview with X', 'on X'), or None;
    never one the speaker owns ('on its website')."""
    if any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
        return None
    return _through_journalist(tok) or outlet_mention(tok) or _short_name_of_outlet(tok)


def _short_name_of_outlet(tok: Token) -> Mention | None:
    """'told KBN' in an article that names 'KBN News' elsewhere: the short name of an outlet the text
    names in full (the name followed by an outlet's word such as News, Radio or TV)."""
    if tok.pos_ != "PROPN" or tok.ent_type_ == "PERSON":
        return None
    mention = make_mention(tok)
    name = mention.name or mention.text
    pattern = re.compile(re.escape(name) + r"(?:['’]s)?\s+([A-Z]\w*)")
    for m in pattern.finditer(tok.doc.text):
        if m.group(1).lower() in OUTLET_NAME_WORDS:
            return _as_outlet(mention)
    return None


def _whole_name(mention: Mention, tok: Token) -> Mention:
    """'French newspaper Le Journal du Dimanche': a name the parser broke up is the named entity it is in."""
    doc = tok.doc
    ent = _entity_across(doc, tok.i, mention.end)
    if ent is None or ent.label_ not in ("ORG", "WORK_OF_ART"):
        return mention
    name = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
    first = doc[tok.left_edge.i : ent.end] if tok.left_edge.idx == mention.start else None
    text = first.text if first is not None else mention.text + ent.text[mention.end - ent.start_char :]
    return replace(mention, end=ent.end_char, text=text, name=name)


def _entity_across(doc: Doc, i: int, char: int) -> SpacySpan | None:
    """The named entity that runs across the character offset `char` (the end of a phrase at or after
    token i), read off the IOB tags around it: `doc.ents` would build every entity span of the text."""
    while i + 1 < len(doc) and doc[i].idx + len(doc[i]) < char:
        i += 1
    if i + 1 >= len(doc) or doc[i].idx + len(doc[i]) != char or doc[i + 1].ent_iob_ != "I":
        return None
    lo, hi = i, i + 1
    while lo > 0 and doc[lo].ent_iob_ == "I":
        lo -= 1
    while hi < len(doc) and doc[hi].ent_iob_ == "I":
        hi += 1
    return SpacySpan(doc, lo, hi, label=doc[lo].ent_type_)


def _objects(tok: Token, preps: tuple[str, ...] | frozenset[str]) -> list[Token]:
    """Direct objects, datives and the objects of the given prepositions of a token."""
    out = [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN")]
    for prep in (c for c in tok.children if c.dep_ in ("prep", "dative", "agent") and c.lower_ in preps):
        out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def around_cue(cue: Token) -> list[Found]:
    """The outlets and spokespeople the phrases hanging on a cue name: its addressee or medium, those
    of a speaking participle on it ('..., speaking to the Coastal Times'), and its reporting nouns."""
    found: list[Found] = []
    verbs = [cue] + [c for c in cue.children if c.dep_ == "advcl" and c.lemma_.lower() in SPEAKING_VERBS]
    if cue.dep_ == "advcl" and cue.tag_ == "VBG":  # "X rejected it in an interview with Y, saying ...": one act
        verbs.append(cue.head)
    for verb in verbs:
        lemma = verb.lemma_.lower()
        if lemma in TELLING or lemma in SPEAKING_VERBS:
            preps = MEDIUM_PREPOSITIONS if lemma in SPEAKING_VERBS or verb.i != cue.i else ("to", "on")
            if lemma == "write":
                preps = WRITING_PREPOSITIONS
            for obj in _objects(verb, preps):
                mention = addressed_outlet(obj)
                if mention is not None:
                    found.append((mention, "outlet", f"'{verb.text} {mention.text}': words given to an outlet"))
        for prep in (c for c in verb.children if c.dep_ == "prep"):
            for noun in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in REPORTING_NOUNS):
                found.extend(_through_noun(noun))
    return _unique(found)


def _unique(found: list[Found]) -> list[Found]:
    """One link per span: 'told X in an interview with X' names X once."""
    seen: set[int] = set()
    out = []
    for item in found:
        if item[0].start not in seen:
            seen.add(item[0].start)
            out.append(item)
    return out


def _interviewing_organization(tok: Token) -> Mention | None:
    """'in an interview with Vox Lakeland': an organization (by the NER) that interviews is an outlet,
    unless its name is an institution's ('the Kelso Press Club')."""
    mention = make_mention(tok)
    if tok.pos_ != "PROPN" or tok.ent_type_ != "ORG" or mention.kind == "person":
        return None
    if tok.lower_ in INSTITUTION_NAME_ENDS or any(c.dep_ == "poss" and c.pos_ == "PRON" for c in tok.children):
        return None
    return _as_outlet(mention)


def _through_noun(noun: Token) -> list[Found]:
    """'a statement read by X' (spokesperson), 'an interview published by X' / 'with X' (outlet)."""
    found: list[Found] = []
    for child in noun.children:
        if child.dep_ == "acl":
            lemma = child.lemma_.lower()
            agents = [a for a in _objects(child, ("by",)) if a.dep_ == "pobj" and a.head.dep_ == "agent"]
            for agent in agents[:1]:
                mention = _whole_name(make_mention(agent), agent)
                if lemma in DELIVERY_VERBS and mention.kind != "outlet":
                    found.append((mention, "spokesperson", f"'{noun.text} {child.text} by {mention.text}'"))
                elif lemma in PUBLISHING_VERBS or mention.kind == "outlet":
                    found.append((_as_outlet(mention), "outlet", f"'{noun.text} {child.text} by {mention.text}'"))
        if child.dep_ in ("acl", "relcl") and child.lemma_.lower() in PUBLISHING_VERBS:
            for obj in _objects(child, MEDIUM_PREPOSITIONS):  # "an interview that aired Sunday on Channel Nine"
                mention = addressed_outlet(obj) if obj.dep_ == "pobj" else None
                if mention is not None:
                    found.append((mention, "outlet", f"'{noun.text} {child.text} {obj.head.text} {mention.text}'"))
        elif child.dep_ == "prep" and child.lower_ in NOUN_TO_MEDIUM:
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                mention = addressed_outlet(obj) or (
                    _interviewing_organization(obj) if noun.lemma_ == "interview" else None
                )
                if mention is not None:
                    found.append((mention, "outlet", f"'{noun.text} {child.text} {mention.text}'"))
    return found


# --- spokespeople as the subject --------------------------------------------------------------------


def head_token(doc: Doc, mention: Mention) -> Token | None:
    """The syntactic head of the tokens a mention covers: the one whose head lies outside it."""
    inside = [t for t in doc.char_span(mention.start, mention.end, alignment_mode="expand") or ()]
    for tok in inside:
        if not (mention.start <= tok.head.idx < mention.end) or tok.head.i == tok.i:
            return tok
    return inside[0] if inside else None


def _spokesperson_word(tok: Token) -> Token | None:
    """The spokesperson word of a subject: itself, a compound on it ('spokesman Tom Beck') or an
    apposition ('Beck, a spokesman for the authority')."""
    candidates = [tok] + [c for c in tok.children if c.dep_ in ("compound", "appos")]
    return next((t for t in candidates if t.lemma_.lower() in SPOKESPERSON_HEADS), None)


def _principal_of(word: Token) -> Token | None:
    """Whom a spokesperson word speaks for: 'a spokeswoman for the ministry', 'a Telvana spokesperson',
    'Harbour Authority spokesman' (a proper name before it); a possessor is read by make_mention."""
    for prep in (c for c in word.children if c.dep_ == "prep" and c.lower_ in SPOKEN_FOR_PREPOSITIONS):
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
        if pobj is not None:
            return pobj
    return next((c for c in word.children if c.dep_ in ("compound", "nmod") and c.pos_ in ("PROPN", "NOUN")), None)


def _speaks_for(tok: Token) -> Token | None:
    """'Tom Beck, who speaks for the authority, said': whom a relative clause says the subject speaks for."""
    for clause in (c for c in tok.children if c.dep_ == "relcl" and c.lemma_.lower() == "speak"):
        for prep in (c for c in clause.children if c.dep_ == "prep" and c.lower_ == "for"):
            return next((c for c in prep.children if c.dep_ == "pobj"), None)
    return None


def spoken_for(doc: Doc, speaker: Mention) -> tuple[Mention, Mention] | None:
    """(principal, spokesperson) when the subject at a cue speaks for someone that the speaker
    mention does not already carry as its principal; an office ("the mayor's office") is its
    principal's spokesperson."""
    if speaker.principal is not None:
        if not speaker.is_office:
            return None  # "Haftar's spokesman": resolved with its principal downstream
        return speaker.principal, _office(speaker)
    tok = head_token(doc, speaker)
    word = _spokesperson_word(tok) if tok is not None else None
    owner = _principal_of(word) if word is not None else None
    if tok is not None and owner is None:
        word, owner = tok, _speaks_for(tok)
    if word is None or owner is None:
        return None
    voice = make_mention(next((c for c in word.children if c.dep_ == "appos" and c.pos_ == "PROPN"), tok))
    return replace(make_mention(owner), principal=None), replace(voice, principal=None)


def _office(office: Mention) -> Mention:
    """An office as its own mention, named by its whole phrase when its name is only the word
    ('the Prime Minister's Office' rather than 'Office')."""
    name = office.name
    if name is not None and name.lower() == office.head:
        name = office.text[4:] if office.text.lower().startswith("the ") else office.text
    return replace(office, principal=None, name=name)


def credit_principal(doc: Doc, speaker: Mention | None) -> tuple[Mention | None, list[Found]]:
    """The speaker a cue's subject stands for, and the spokesperson link: 'a Telvana spokesperson
    said' is Telvana's, through its spokesperson; any other subject is left as it is."""
    split = spoken_for(doc, speaker) if speaker is not None else None
    if split is None:
        return speaker, []
    principal, voice = split
    return principal, [(voice, "spokesperson", f"'{voice.text}' speaks for {principal.text}")]


def document_author(doc_noun: Token) -> Token | None:
    """Who a document speaks for: 'a statement released by the mayor's office', 'a statement from the
    ministry', 'the Gazette's report'."""
    for child in doc_noun.children:
        if child.dep_ == "poss":
            return child
        if child.dep_ == "prep" and child.lower_ in ("from", "by"):
            return next((c for c in child.children if c.dep_ == "pobj"), None)
        if child.dep_ == "acl" and child.lemma_.lower() in AUTHORING_VERBS:
            found = _objects(child, ("by", "from"))
            agents = [a for a in found if a.dep_ == "pobj"]
            if agents:
                return agents[0]
    return None
