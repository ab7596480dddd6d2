"""Who passed a quote on, read off the parse around its cue.

- outlet: "told the French publication", "in an interview published by Le Monde", "said in an
  interview with CNN"; a clause of an outlet's own ("..., reported Reuters", "according to
  Reuters") around another speaker's quote is handled in rules.py, where all candidates are known.
- spokesperson: "in a statement read by his spokesman X": the cue's subject is the speaker, the
  reader speaks for them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from quoteapp.nlp.lexicon import DELIVERY_VERBS, PUBLISHING_VERBS, REPORTING_NOUNS
from quoteapp.nlp.mentions import Mention, make_mention

#: (mention, role, reason)
Found = tuple[Mention, str, str]
TELLING = frozenset("say tell speak write explain confirm reveal add".split())


def _as_outlet(mention: Mention) -> Mention:
    from dataclasses import replace

    return mention if mention.kind == "outlet" else replace(mention, kind="outlet")


def _whole_name(mention: Mention, tok: Token) -> Mention:
    """'French newspaper Le Journal du Dimanche': a name the parser broke up is the named entity it is in."""
    from dataclasses import replace

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


def _objects(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    """Direct objects, datives and the objects of the given prepositions of a token."""
    out = [c for c in tok.children if c.dep_ in ("dobj", "dative") and c.pos_ in ("NOUN", "PROPN")]
    for prep in (c for c in tok.children if c.dep_ in ("prep", "dative", "agent") and c.lower_ in preps):
        out.extend(c for c in prep.children if c.dep_ == "pobj")
    return out


def around_cue(cue: Token) -> list[Found]:
    """The outlets and spokespeople the phrases hanging on a cue name."""
    found: list[Found] = []
    if cue.lemma_.lower() in TELLING:
        for obj in _objects(cue, ("to",)):
            mention = make_mention(obj)
            if mention.kind == "outlet":
                found.append((mention, "outlet", f"'{cue.text} {mention.text}': told an outlet"))
    for prep in (c for c in cue.children if c.dep_ == "prep"):
        for noun in (c for c in prep.children if c.dep_ == "pobj" and c.lemma_.lower() in REPORTING_NOUNS):
            found.extend(_through_noun(noun))
    return found


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
        elif child.dep_ == "prep" and child.lower_ in ("with", "to", "on", "in"):
            for obj in (c for c in child.children if c.dep_ == "pobj"):
                mention = make_mention(obj)
                if mention.kind == "outlet":
                    found.append((mention, "outlet", f"'{noun.text} {child.text} {mention.text}'"))
    return found
