"""Hand-built parsed Docs for tests/test_frames.py: one row per token (word, head, dep, pos, tag,
lemma, optional entity label), as the parser gave them once, fixed here so that the sieves are
tested on what they decide, not on the parser's mood. The sentences are invented."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces

VOCAB = spacy.blank("en").vocab


def build(text: str, rows: list[tuple]) -> Doc:
    """A parsed Doc of `text`; the spaces come from the text, entities from a seventh column."""
    words, spaces = get_words_and_spaces([r[0] for r in rows], text)
    assert words == [r[0] for r in rows], "the rows must tile the text"
    labels = [r[6] if len(r) > 6 else "" for r in rows]
    ents = [
        "O" if not label else ("I-" if n and labels[n - 1] == label else "B-") + label for n, label in enumerate(labels)
    ]
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        lemmas=[r[5] for r in rows],
        ents=ents,
    )


LABEL_BEFORE = build(
    'Tom Beck runs the port.\nBeck: "We will not sign."',
    [
        ("Tom", 1, "compound", "PROPN", "NNP", "Tom", "PERSON"),
        ("Beck", 2, "nsubj", "PROPN", "NNP", "Beck", "PERSON"),
        ("runs", 2, "ROOT", "VERB", "VBZ", "run"),
        ("the", 4, "det", "DET", "DT", "the"),
        ("port", 2, "dobj", "NOUN", "NN", "port"),
        (".", 2, "punct", "PUNCT", ".", "."),
        ("\n", 5, "dep", "SPACE", "_SP", "\n"),
        ("Beck", 7, "ROOT", "PROPN", "NNP", "Beck", "PERSON"),
        (":", 7, "punct", "PUNCT", ":", ":"),
        ('"', 7, "punct", "PUNCT", "``", '"'),
        ("We", 13, "nsubj", "PRON", "PRP", "we"),
        ("will", 13, "aux", "AUX", "MD", "will"),
        ("not", 13, "neg", "PART", "RB", "not"),
        ("sign", 7, "ccomp", "VERB", "VB", "sign"),
        (".", 7, "punct", "PUNCT", ".", "."),
        ('"', 7, "punct", "PUNCT", "''", '"'),
    ],
)

LABELS_INSIDE = build(
    '"LEE: We will not sign this.\n\n"BECK: Then the port will close.\n\n"(CROSSTALK.)\n\n"And nobody will stop it."',
    [
        ('"', 6, "punct", "PUNCT", "``", '"'),
        ("LEE", 6, "npadvmod", "PROPN", "NNP", "LEE", "PERSON"),
        (":", 6, "punct", "PUNCT", ":", ":"),
        ("We", 6, "nsubj", "PRON", "PRP", "we"),
        ("will", 6, "aux", "AUX", "MD", "will"),
        ("not", 6, "neg", "PART", "RB", "not"),
        ("sign", 6, "ROOT", "VERB", "VB", "sign"),
        ("this", 6, "dobj", "PRON", "DT", "this"),
        (".", 6, "punct", "PUNCT", ".", "."),
        ("\n\n", 8, "dep", "SPACE", "_SP", "\n\n"),
        ('"', 11, "punct", "PUNCT", "``", '"'),
        ("BECK", 11, "ROOT", "PROPN", "NNP", "BECK"),
        (":", 11, "punct", "PUNCT", ":", ":"),
        ("Then", 17, "advmod", "ADV", "RB", "then"),
        ("the", 15, "det", "DET", "DT", "the"),
        ("port", 17, "nsubj", "NOUN", "NN", "port"),
        ("will", 17, "aux", "AUX", "MD", "will"),
        ("close", 11, "acl", "VERB", "VB", "close"),
        (".", 17, "punct", "PUNCT", ".", "."),
        ("\n\n", 18, "dep", "SPACE", "_SP", "\n\n"),
        ('"', 22, "punct", "PUNCT", "``", '"'),
        ("(", 22, "punct", "PUNCT", "-LRB-", "("),
        ("CROSSTALK", 22, "ROOT", "PROPN", "NNP", "CROSSTALK", "NORP"),
        (".", 22, "punct", "PUNCT", ".", "."),
        (")", 22, "punct", "PUNCT", "-RRB-", ")"),
        ("\n\n", 24, "dep", "SPACE", "_SP", "\n\n"),
        ('"', 30, "punct", "PUNCT", "``", '"'),
        ("And", 30, "cc", "CCONJ", "CC", "and"),
        ("nobody", 30, "nsubj", "PRON", "NN", "nobody"),
        ("will", 30, "aux", "AUX", "MD", "will"),
        ("stop", 30, "ROOT", "VERB", "VB", "stop"),
        ("it", 30, "dobj", "PRON", "PRP", "it"),
        (".", 30, "punct", "PUNCT", ".", "."),
        ('"', 30, "punct", "PUNCT", "''", '"'),
    ],
)

HEADING_COLON = build(
    'Update: "The port will close at noon."',
    [
        ("Update", 0, "ROOT", "NOUN", "NN", "update"),
        (":", 0, "punct", "PUNCT", ":", ":"),
        ('"', 0, "punct", "PUNCT", "``", '"'),
        ("The", 4, "det", "DET", "DT", "the"),
        ("port", 6, "nsubj", "NOUN", "NN", "port"),
        ("will", 6, "aux", "AUX", "MD", "will"),
        ("close", 0, "acl", "VERB", "VB", "close"),
        ("at", 6, "prep", "ADP", "IN", "at"),
        ("noon", 7, "pobj", "NOUN", "NN", "noon", "TIME"),
        (".", 0, "punct", "PUNCT", ".", "."),
        ('"', 0, "punct", "PUNCT", "''", '"'),
    ],
)

FUMED_COLON = build(
    'Beck fumed: "This is a disgrace to the city."',
    [
        ("Beck", 1, "nsubj", "PROPN", "NNP", "Beck"),
        ("fumed", 1, "ROOT", "VERB", "VBD", "fume"),
        (":", 1, "punct", "PUNCT", ":", ":"),
        ('"', 1, "punct", "PUNCT", "``", '"'),
        ("This", 5, "nsubj", "PRON", "DT", "this"),
        ("is", 1, "ccomp", "AUX", "VBZ", "be"),
        ("a", 7, "det", "DET", "DT", "a"),
        ("disgrace", 5, "attr", "NOUN", "NN", "disgrace"),
        ("to", 7, "prep", "ADP", "IN", "to"),
        ("the", 10, "det", "DET", "DT", "the"),
        ("city", 8, "pobj", "NOUN", "NN", "city"),
        (".", 1, "punct", "PUNCT", ".", "."),
        ('"', 1, "punct", "PUNCT", "''", '"'),
    ],
)

WROTE_PARAGRAPH = build(
    'Ann Lee wrote:\n\n"The port is closing and nobody cares."',
    [
        ("Ann", 1, "compound", "PROPN", "NNP", "Ann", "PERSON"),
        ("Lee", 2, "nsubj", "PROPN", "NNP", "Lee", "PERSON"),
        ("wrote", 2, "ROOT", "VERB", "VBD", "write"),
        (":", 2, "punct", "PUNCT", ":", ":"),
        ("\n\n", 3, "dep", "SPACE", "_SP", "\n\n"),
        ('"', 9, "punct", "PUNCT", "``", '"'),
        ("The", 7, "det", "DET", "DT", "the"),
        ("port", 9, "nsubj", "NOUN", "NN", "port"),
        ("is", 9, "aux", "AUX", "VBZ", "be"),
        ("closing", 9, "ROOT", "VERB", "VBG", "close"),
        ("and", 9, "cc", "CCONJ", "CC", "and"),
        ("nobody", 12, "nsubj", "PRON", "NN", "nobody"),
        ("cares", 9, "conj", "VERB", "VBZ", "care"),
        (".", 12, "punct", "PUNCT", ".", "."),
        ('"', 12, "punct", "PUNCT", "''", '"'),
    ],
)

IT_SAID = build(
    "It said the plan would cut costs.",
    [
        ("It", 1, "nsubj", "PRON", "PRP", "it"),
        ("said", 1, "ROOT", "VERB", "VBD", "say"),
        ("the", 3, "det", "DET", "DT", "the"),
        ("plan", 5, "nsubj", "NOUN", "NN", "plan"),
        ("would", 5, "aux", "AUX", "MD", "would"),
        ("cut", 1, "ccomp", "VERB", "VB", "cut"),
        ("costs", 5, "dobj", "NOUN", "NNS", "cost"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
)

ISSUED_SAYING = build(
    "The union issued a statement saying the deal was dead.",
    [
        ("The", 1, "det", "DET", "DT", "the"),
        ("union", 2, "nsubj", "NOUN", "NN", "union"),
        ("issued", 2, "ROOT", "VERB", "VBD", "issue"),
        ("a", 4, "det", "DET", "DT", "a"),
        ("statement", 2, "dobj", "NOUN", "NN", "statement"),
        ("saying", 4, "acl", "VERB", "VBG", "say"),
        ("the", 7, "det", "DET", "DT", "the"),
        ("deal", 8, "nsubj", "NOUN", "NN", "deal"),
        ("was", 5, "ccomp", "AUX", "VBD", "be"),
        ("dead", 8, "acomp", "ADJ", "JJ", "dead"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
)

RELEASED_THAT = build(
    "The company released a statement that it would appeal the ruling.",
    [
        ("The", 1, "det", "DET", "DT", "the"),
        ("company", 2, "nsubj", "NOUN", "NN", "company"),
        ("released", 2, "ROOT", "VERB", "VBD", "release"),
        ("a", 4, "det", "DET", "DT", "a"),
        ("statement", 2, "dobj", "NOUN", "NN", "statement"),
        ("that", 8, "mark", "SCONJ", "IN", "that"),
        ("it", 8, "nsubj", "PRON", "PRP", "it"),
        ("would", 8, "aux", "AUX", "MD", "would"),
        ("appeal", 4, "acl", "VERB", "VB", "appeal"),
        ("the", 10, "det", "DET", "DT", "the"),
        ("ruling", 8, "dobj", "NOUN", "NN", "ruling"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
)

WHO_PERSON = build(
    "Tina Ross, a fellow at the Harbour Institute who says the pier is unsafe, wants a new ferry.",
    [
        ("Tina", 1, "compound", "PROPN", "NNP", "Tina", "PERSON"),
        ("Ross", 16, "nsubj", "PROPN", "NNP", "Ross", "PERSON"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("a", 4, "det", "DET", "DT", "a"),
        ("fellow", 1, "appos", "NOUN", "NN", "fellow"),
        ("at", 4, "prep", "ADP", "IN", "at"),
        ("the", 8, "det", "DET", "DT", "the", "ORG"),
        ("Harbour", 8, "compound", "PROPN", "NNP", "Harbour", "ORG"),
        ("Institute", 5, "pobj", "PROPN", "NNP", "Institute", "ORG"),
        ("who", 10, "nsubj", "PRON", "WP", "who"),
        ("says", 4, "relcl", "VERB", "VBZ", "say"),
        ("the", 12, "det", "DET", "DT", "the"),
        ("pier", 13, "nsubj", "NOUN", "NN", "pier"),
        ("is", 10, "ccomp", "AUX", "VBZ", "be"),
        ("unsafe", 13, "acomp", "ADJ", "JJ", "unsafe"),
        (",", 1, "punct", "PUNCT", ",", ","),
        ("wants", 16, "ROOT", "VERB", "VBZ", "want"),
        ("a", 19, "det", "DET", "DT", "a"),
        ("new", 19, "amod", "ADJ", "JJ", "new"),
        ("ferry", 16, "dobj", "NOUN", "NN", "ferry"),
        (".", 16, "punct", "PUNCT", ".", "."),
    ],
)

WHO_ORGANIZATION = build(
    "Ross praised the Harbour Institute, which says the pier is unsafe.",
    [
        ("Ross", 1, "nsubj", "PROPN", "NNP", "Ross", "PERSON"),
        ("praised", 1, "ROOT", "VERB", "VBD", "praise"),
        ("the", 4, "det", "DET", "DT", "the", "ORG"),
        ("Harbour", 4, "compound", "PROPN", "NNP", "Harbour", "ORG"),
        ("Institute", 1, "dobj", "PROPN", "NNP", "Institute", "ORG"),
        (",", 4, "punct", "PUNCT", ",", ","),
        ("which", 7, "nsubj", "PRON", "WDT", "which"),
        ("says", 4, "relcl", "VERB", "VBZ", "say"),
        ("the", 9, "det", "DET", "DT", "the"),
        ("pier", 10, "nsubj", "NOUN", "NN", "pier"),
        ("is", 7, "ccomp", "AUX", "VBZ", "be"),
        ("unsafe", 10, "acomp", "ADJ", "JJ", "unsafe"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
)

WOULD_NOT_SAY = build(
    "The mayor would not say whether she will run again.",
    [
        ("The", 1, "det", "DET", "DT", "the"),
        ("mayor", 4, "nsubj", "NOUN", "NN", "mayor"),
        ("would", 4, "aux", "AUX", "MD", "would"),
        ("not", 4, "neg", "PART", "RB", "not"),
        ("say", 4, "ROOT", "VERB", "VB", "say"),
        ("whether", 8, "mark", "SCONJ", "IN", "whether"),
        ("she", 8, "nsubj", "PRON", "PRP", "she"),
        ("will", 8, "aux", "AUX", "MD", "will"),
        ("run", 4, "ccomp", "VERB", "VB", "run"),
        ("again", 8, "advmod", "ADV", "RB", "again"),
        (".", 4, "punct", "PUNCT", ".", "."),
    ],
)

DECLINED_TO_SAY = build(
    "He declined to say when the port would reopen.",
    [
        ("He", 1, "nsubj", "PRON", "PRP", "he"),
        ("declined", 1, "ROOT", "VERB", "VBD", "decline"),
        ("to", 3, "aux", "PART", "TO", "to"),
        ("say", 1, "xcomp", "VERB", "VB", "say"),
        ("when", 8, "advmod", "SCONJ", "WRB", "when"),
        ("the", 6, "det", "DET", "DT", "the"),
        ("port", 8, "nsubj", "NOUN", "NN", "port"),
        ("would", 8, "aux", "AUX", "MD", "would"),
        ("reopen", 3, "ccomp", "VERB", "VB", "reopen"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
)

WAS_TOLD = build(
    "The minister was told that the budget had been cut.",
    [
        ("The", 1, "det", "DET", "DT", "the"),
        ("minister", 3, "nsubjpass", "NOUN", "NN", "minister"),
        ("was", 3, "auxpass", "AUX", "VBD", "be"),
        ("told", 3, "ROOT", "VERB", "VBN", "tell"),
        ("that", 9, "mark", "SCONJ", "IN", "that"),
        ("the", 6, "det", "DET", "DT", "the"),
        ("budget", 9, "nsubjpass", "NOUN", "NN", "budget"),
        ("had", 9, "aux", "AUX", "VBD", "have"),
        ("been", 9, "auxpass", "AUX", "VBN", "be"),
        ("cut", 3, "ccomp", "VERB", "VBN", "cut"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ],
)

DID_NOT_SAY = build(
    "She did not say that the port would close.",
    [
        ("She", 3, "nsubj", "PRON", "PRP", "she"),
        ("did", 3, "aux", "AUX", "VBD", "do"),
        ("not", 3, "neg", "PART", "RB", "not"),
        ("say", 3, "ROOT", "VERB", "VB", "say"),
        ("that", 8, "mark", "SCONJ", "IN", "that"),
        ("the", 6, "det", "DET", "DT", "the"),
        ("port", 8, "nsubj", "NOUN", "NN", "port"),
        ("would", 8, "aux", "AUX", "MD", "would"),
        ("close", 3, "ccomp", "VERB", "VB", "close"),
        (".", 3, "punct", "PUNCT", ".", "."),
    ],
)

BELIEVE = build(
    "Analysts believe the merger will fail.",
    [
        ("Analysts", 1, "nsubj", "NOUN", "NNS", "analyst"),
        ("believe", 1, "ROOT", "VERB", "VBP", "believe"),
        ("the", 3, "det", "DET", "DT", "the"),
        ("merger", 5, "nsubj", "NOUN", "NN", "merger"),
        ("will", 5, "aux", "AUX", "MD", "will"),
        ("fail", 1, "ccomp", "VERB", "VB", "fail"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
)

EXPECTS = build(
    "She expects that the vote will pass.",
    [
        ("She", 1, "nsubj", "PRON", "PRP", "she"),
        ("expects", 1, "ROOT", "VERB", "VBZ", "expect"),
        ("that", 6, "mark", "SCONJ", "IN", "that"),
        ("the", 4, "det", "DET", "DT", "the"),
        ("vote", 6, "nsubj", "NOUN", "NN", "vote"),
        ("will", 6, "aux", "AUX", "MD", "will"),
        ("pass", 1, "ccomp", "VERB", "VB", "pass"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
)

VOWED_TO = build(
    "The minister vowed to cut fees.",
    [
        ("The", 1, "det", "DET", "DT", "the"),
        ("minister", 2, "nsubj", "NOUN", "NN", "minister"),
        ("vowed", 2, "ROOT", "VERB", "VBD", "vow"),
        ("to", 4, "aux", "PART", "TO", "to"),
        ("cut", 2, "xcomp", "VERB", "VB", "cut"),
        ("fees", 4, "dobj", "NOUN", "NNS", "fee"),
        (".", 2, "punct", "PUNCT", ".", "."),
    ],
)

WHEN_ASKED = build(
    "When asked whether the pier would close, the mayor said nothing would change.",
    [
        ("When", 1, "advmod", "SCONJ", "WRB", "when"),
        ("asked", 10, "advcl", "VERB", "VBN", "ask"),
        ("whether", 6, "mark", "SCONJ", "IN", "whether"),
        ("the", 4, "det", "DET", "DT", "the"),
        ("pier", 6, "nsubj", "NOUN", "NN", "pier"),
        ("would", 6, "aux", "AUX", "MD", "would"),
        ("close", 1, "ccomp", "VERB", "VB", "close"),
        (",", 10, "punct", "PUNCT", ",", ","),
        ("the", 9, "det", "DET", "DT", "the"),
        ("mayor", 10, "nsubj", "NOUN", "NN", "mayor"),
        ("said", 10, "ROOT", "VERB", "VBD", "say"),
        ("nothing", 13, "nsubj", "PRON", "NN", "nothing"),
        ("would", 13, "aux", "AUX", "MD", "would"),
        ("change", 10, "ccomp", "VERB", "VB", "change"),
        (".", 10, "punct", "PUNCT", ".", "."),
    ],
)

BELIEVES_AFTER = build(
    '"We will win this race," the mayor believes.',
    [
        ('"', 10, "punct", "PUNCT", "``", '"'),
        ("We", 3, "nsubj", "PRON", "PRP", "we"),
        ("will", 3, "aux", "AUX", "MD", "will"),
        ("win", 10, "ccomp", "VERB", "VB", "win"),
        ("this", 5, "det", "DET", "DT", "this"),
        ("race", 3, "dobj", "NOUN", "NN", "race"),
        (",", 10, "punct", "PUNCT", ",", ","),
        ('"', 10, "punct", "PUNCT", "''", '"'),
        ("the", 9, "det", "DET", "DT", "the"),
        ("mayor", 10, "nsubj", "NOUN", "NN", "mayor"),
        ("believes", 10, "ROOT", "VERB", "VBZ", "believe"),
        (".", 10, "punct", "PUNCT", ".", "."),
    ],
)

PARENTHESIS = build(
    '"Subpoenas are not optional," panel Chairman Rep. Ann Lee (R-Utah) said after the hearing.',
    [
        ('"', 17, "punct", "PUNCT", "``", '"'),
        ("Subpoenas", 2, "nsubj", "PROPN", "NNP", "Subpoenas"),
        ("are", 17, "ccomp", "AUX", "VBP", "be"),
        ("not", 2, "neg", "PART", "RB", "not"),
        ("optional", 2, "acomp", "ADJ", "JJ", "optional"),
        (",", 17, "punct", "PUNCT", ",", ","),
        ('"', 17, "punct", "PUNCT", "''", '"'),
        ("panel", 8, "compound", "NOUN", "NN", "panel"),
        ("Chairman", 11, "compound", "PROPN", "NNP", "Chairman"),
        ("Rep.", 11, "compound", "PROPN", "NNP", "Rep."),
        ("Ann", 11, "compound", "PROPN", "NNP", "Ann", "PERSON"),
        ("Lee", 17, "nsubj", "PROPN", "NNP", "Lee", "PERSON"),
        ("(", 11, "punct", "PUNCT", "-LRB-", "("),
        ("R", 15, "compound", "PROPN", "NNP", "R"),
        ("-", 15, "punct", "PUNCT", "HYPH", "-"),
        ("Utah", 11, "appos", "PROPN", "NNP", "Utah", "GPE"),
        (")", 11, "punct", "PUNCT", "-RRB-", ")"),
        ("said", 17, "ROOT", "VERB", "VBD", "say"),
        ("after", 17, "prep", "ADP", "IN", "after"),
        ("the", 20, "det", "DET", "DT", "the"),
        ("hearing", 18, "pobj", "NOUN", "NN", "hearing"),
        (".", 17, "punct", "PUNCT", ".", "."),
    ],
)

NICKNAME = build(
    '"This is a big year for our city!" the mayor\'s niece, state Del. Marcia "Cia" Prince (D-Newport News), '
    "shouted to the crowd.",
    [
        ('"', 2, "punct", "PUNCT", "``", '"'),
        ("This", 2, "nsubj", "PRON", "DT", "this"),
        ("is", 2, "ROOT", "AUX", "VBZ", "be"),
        ("a", 5, "det", "DET", "DT", "a", "DATE"),
        ("big", 5, "amod", "ADJ", "JJ", "big", "DATE"),
        ("year", 2, "attr", "NOUN", "NN", "year", "DATE"),
        ("for", 5, "prep", "ADP", "IN", "for"),
        ("our", 8, "poss", "PRON", "PRP$", "our"),
        ("city", 6, "pobj", "NOUN", "NN", "city"),
        ("!", 2, "punct", "PUNCT", ".", "!"),
        ('"', 2, "punct", "PUNCT", "''", '"'),
        ("the", 12, "det", "DET", "DT", "the"),
        ("mayor", 14, "poss", "NOUN", "NN", "mayor"),
        ("'s", 12, "case", "PART", "POS", "'s"),
        ("niece", 30, "nsubj", "NOUN", "NN", "niece"),
        (",", 30, "punct", "PUNCT", ",", ","),
        ("state", 17, "compound", "NOUN", "NN", "state"),
        ("Del.", 22, "nmod", "PROPN", "NNP", "Del."),
        ("Marcia", 22, "nmod", "PROPN", "NNP", "Marcia", "PERSON"),
        ('"', 22, "punct", "PUNCT", "``", '"', "PERSON"),
        ("Cia", 22, "nmod", "PROPN", "NNP", "Cia", "PERSON"),
        ('"', 22, "punct", "PUNCT", "''", '"', "PERSON"),
        ("Prince", 15, "prep", "PROPN", "NNP", "Prince", "PERSON"),
        ("(", 27, "punct", "PUNCT", "-LRB-", "("),
        ("D", 26, "compound", "PROPN", "NNP", "D"),
        ("-", 26, "punct", "PUNCT", "HYPH", "-"),
        ("Newport", 27, "compound", "PROPN", "NNP", "Newport"),
        ("News", 22, "appos", "PROPN", "NNP", "News"),
        (")", 22, "punct", "PUNCT", "-RRB-", ")"),
        (",", 30, "punct", "PUNCT", ",", ","),
        ("shouted", 30, "ROOT", "VERB", "VBD", "shout"),
        ("to", 30, "prep", "ADP", "IN", "to"),
        ("the", 33, "det", "DET", "DT", "the"),
        ("crowd", 31, "pobj", "NOUN", "NN", "crowd"),
        (".", 30, "punct", "PUNCT", ".", "."),
    ],
)
SEMICOLON = build(
    "Officials said the timing was not intentional; they learned of the deal on Friday.",
    [
        ("Officials", 1, "nsubj", "NOUN", "NNS", "official"),
        ("said", 1, "ROOT", "VERB", "VBD", "say"),
        ("the", 3, "det", "DET", "DT", "the"),
        ("timing", 4, "nsubj", "NOUN", "NN", "timing"),
        ("was", 9, "ccomp", "AUX", "VBD", "be"),
        ("not", 4, "neg", "PART", "RB", "not"),
        ("intentional", 4, "acomp", "ADJ", "JJ", "intentional"),
        (";", 9, "punct", "PUNCT", ":", ";"),
        ("they", 9, "nsubj", "PRON", "PRP", "they"),
        ("learned", 1, "ccomp", "VERB", "VBD", "learn"),
        ("of", 9, "prep", "ADP", "IN", "of"),
        ("the", 12, "det", "DET", "DT", "the"),
        ("deal", 10, "pobj", "NOUN", "NN", "deal"),
        ("on", 9, "prep", "ADP", "IN", "on"),
        ("Friday", 13, "pobj", "PROPN", "NNP", "Friday", "DATE"),
        (".", 1, "punct", "PUNCT", ".", "."),
    ],
)
CLOSING_MARK_ON_SUBJECT = build(
    '"We will not move the ferry terminal this year or next," Ana Ruiz Delgado, a director of the Harbour Trust, '
    "said on Tuesday.",
    [
        ('"', 25, "punct", "PUNCT", "``", '"'),
        ("We", 4, "nsubj", "PRON", "PRP", "we"),
        ("will", 4, "aux", "AUX", "MD", "will"),
        ("not", 4, "neg", "PART", "RB", "not"),
        ("move", 25, "ccomp", "VERB", "VB", "move"),
        ("the", 7, "det", "DET", "DT", "the"),
        ("ferry", 7, "compound", "NOUN", "NN", "ferry"),
        ("terminal", 4, "dobj", "NOUN", "NN", "terminal"),
        ("this", 9, "det", "DET", "DT", "this", "DATE"),
        ("year", 4, "npadvmod", "NOUN", "NN", "year", "DATE"),
        ("or", 9, "cc", "CCONJ", "CC", "or"),
        ("next", 9, "conj", "ADJ", "JJ", "next"),
        (",", 25, "punct", "PUNCT", ",", ","),
        ('"', 16, "punct", "PUNCT", "''", '"'),
        ("Ana", 16, "compound", "PROPN", "NNP", "Ana"),
        ("Ruiz", 16, "compound", "PROPN", "NNP", "Ruiz"),
        ("Delgado", 25, "nsubj", "PROPN", "NNP", "Delgado"),
        (",", 16, "punct", "PUNCT", ",", ","),
        ("a", 19, "det", "DET", "DT", "a"),
        ("director", 16, "appos", "NOUN", "NN", "director"),
        ("of", 19, "prep", "ADP", "IN", "of"),
        ("the", 23, "det", "DET", "DT", "the", "ORG"),
        ("Harbour", 23, "compound", "PROPN", "NNP", "Harbour", "ORG"),
        ("Trust", 20, "pobj", "PROPN", "NNP", "Trust", "ORG"),
        (",", 16, "punct", "PUNCT", ",", ","),
        ("said", 25, "ROOT", "VERB", "VBD", "say"),
        ("on", 25, "prep", "ADP", "IN", "on"),
        ("Tuesday", 26, "pobj", "PROPN", "NNP", "Tuesday", "DATE"),
        (".", 25, "punct", "PUNCT", ".", "."),
    ],
)

QUOTED_NOT = build(
    '"Are we ready for the storm? Probably not," Ms. Moore said.',
    [
        ('"', 1, "punct", "PUNCT", "``", '"'),
        ("Are", 1, "ROOT", "AUX", "VBP", "be"),
        ("we", 1, "nsubj", "PRON", "PRP", "we"),
        ("ready", 1, "acomp", "ADJ", "JJ", "ready"),
        ("for", 3, "prep", "ADP", "IN", "for"),
        ("the", 6, "det", "DET", "DT", "the"),
        ("storm", 4, "pobj", "NOUN", "NN", "storm"),
        ("?", 1, "punct", "PUNCT", ".", "?"),
        ("Probably", 9, "advmod", "ADV", "RB", "probably"),
        ("not", 14, "neg", "PART", "RB", "not"),
        (",", 14, "punct", "PUNCT", ",", ","),
        ('"', 14, "punct", "PUNCT", "''", '"'),
        ("Ms.", 13, "compound", "PROPN", "NNP", "Ms."),
        ("Moore", 14, "nsubj", "PROPN", "NNP", "Moore", "PERSON"),
        ("said", 14, "ROOT", "VERB", "VBD", "say"),
        (".", 14, "punct", "PUNCT", ".", "."),
    ],
)

SAID_MONDAY = build(
    '"We will reopen the pier," police Chief Tom Berg said Monday.',
    [
        ('"', 12, "punct", "PUNCT", "``", '"'),
        ("We", 3, "nsubj", "PRON", "PRP", "we"),
        ("will", 3, "aux", "AUX", "MD", "will"),
        ("reopen", 12, "ccomp", "VERB", "VB", "reopen"),
        ("the", 5, "det", "DET", "DT", "the"),
        ("pier", 3, "dobj", "NOUN", "NN", "pier"),
        (",", 12, "punct", "PUNCT", ",", ","),
        ('"', 12, "punct", "PUNCT", "''", '"'),
        ("police", 9, "compound", "NOUN", "NN", "police"),
        ("Chief", 11, "compound", "PROPN", "NNP", "Chief"),
        ("Tom", 11, "compound", "PROPN", "NNP", "Tom", "PERSON"),
        ("Berg", 13, "compound", "PROPN", "NNP", "Berg", "PERSON"),  # the parse: 'Berg' names the day
        ("said", 12, "ROOT", "VERB", "VBD", "say"),
        ("Monday", 12, "npadvmod", "PROPN", "NNP", "Monday", "DATE"),
        (".", 12, "punct", "PUNCT", ".", "."),
    ],
)

NAME_AFTER_QUOTE = build(
    "“It is a disgrace. Nobody trusts the board,” Berg, a retired pilot, said on “Harbour Hour.”",
    [
        ("“", 2, "punct", "PUNCT", "``", '"'),
        ("It", 2, "nsubj", "PRON", "PRP", "it"),
        ("is", 2, "ROOT", "AUX", "VBZ", "be"),
        ("a", 4, "det", "DET", "DT", "a"),
        ("disgrace", 2, "attr", "NOUN", "NN", "disgrace"),
        (".", 2, "punct", "PUNCT", ".", "."),
        ("Nobody", 7, "nsubj", "PRON", "NN", "nobody"),
        ("trusts", 18, "ccomp", "VERB", "VBZ", "trust"),
        ("the", 9, "det", "DET", "DT", "the"),
        ("board", 7, "dobj", "NOUN", "NN", "board"),
        (",", 18, "punct", "PUNCT", ",", ","),
        ("”", 18, "punct", "PUNCT", "''", '"'),
        ("Berg", 9, "appos", "PROPN", "NNP", "Berg", "PERSON"),  # the parse: the board's apposition
        (",", 12, "punct", "PUNCT", ",", ","),
        ("a", 16, "det", "DET", "DT", "a"),
        ("retired", 16, "amod", "ADJ", "JJ", "retired"),
        ("pilot", 12, "appos", "NOUN", "NN", "pilot"),
        (",", 12, "punct", "PUNCT", ",", ","),
        ("said", 18, "ROOT", "VERB", "VBD", "say"),
        ("on", 18, "prep", "ADP", "IN", "on"),
        ("“", 19, "punct", "PUNCT", "``", '"'),
        ("Harbour", 22, "compound", "PROPN", "NNP", "Harbour", "WORK_OF_ART"),
        ("Hour", 18, "nsubj", "PROPN", "NNP", "Hour", "WORK_OF_ART"),  # the parse: the quoted show speaks
        (".", 18, "punct", "PUNCT", ".", "."),
        ("”", 18, "punct", "PUNCT", "''", '"'),
    ],
)

OTHER_GENDER_BETWEEN = build(
    '"The pier is safe," Mr. Berg said. She left the meeting early. "Nobody will close it."',
    [
        ('"', 9, "punct", "PUNCT", "``", '"'),
        ("The", 2, "det", "DET", "DT", "the"),
        ("pier", 3, "nsubj", "NOUN", "NN", "pier"),
        ("is", 9, "ccomp", "AUX", "VBZ", "be"),
        ("safe", 3, "acomp", "ADJ", "JJ", "safe"),
        (",", 9, "punct", "PUNCT", ",", ","),
        ('"', 9, "punct", "PUNCT", "''", '"'),
        ("Mr.", 8, "compound", "PROPN", "NNP", "Mr."),
        ("Berg", 9, "nsubj", "PROPN", "NNP", "Berg", "PERSON"),
        ("said", 9, "ROOT", "VERB", "VBD", "say"),
        (".", 9, "punct", "PUNCT", ".", "."),
        ("She", 12, "nsubj", "PRON", "PRP", "she"),
        ("left", 12, "ROOT", "VERB", "VBD", "leave"),
        ("the", 14, "det", "DET", "DT", "the"),
        ("meeting", 12, "dobj", "NOUN", "NN", "meeting"),
        ("early", 12, "advmod", "ADV", "RB", "early"),
        (".", 12, "punct", "PUNCT", ".", "."),
        ('"', 20, "punct", "PUNCT", "``", '"'),
        ("Nobody", 20, "nsubj", "PRON", "NN", "nobody"),
        ("will", 20, "aux", "AUX", "MD", "will"),
        ("close", 20, "ROOT", "VERB", "VB", "close"),
        ("it", 20, "dobj", "PRON", "PRP", "it"),
        (".", 20, "punct", "PUNCT", ".", "."),
        ('"', 20, "punct", "PUNCT", "''", '"'),
    ],
)

SAME_GENDER_BETWEEN = build(
    '"The pier is safe," Mr. Berg said. He left the meeting early. "Nobody will close it."',
    [
        ('"', 9, "punct", "PUNCT", "``", '"'),
        ("The", 2, "det", "DET", "DT", "the"),
        ("pier", 3, "nsubj", "NOUN", "NN", "pier"),
        ("is", 9, "ccomp", "AUX", "VBZ", "be"),
        ("safe", 3, "acomp", "ADJ", "JJ", "safe"),
        (",", 9, "punct", "PUNCT", ",", ","),
        ('"', 9, "punct", "PUNCT", "''", '"'),
        ("Mr.", 8, "compound", "PROPN", "NNP", "Mr."),
        ("Berg", 9, "nsubj", "PROPN", "NNP", "Berg", "PERSON"),
        ("said", 9, "ROOT", "VERB", "VBD", "say"),
        (".", 9, "punct", "PUNCT", ".", "."),
        ("He", 12, "nsubj", "PRON", "PRP", "he"),
        ("left", 12, "ROOT", "VERB", "VBD", "leave"),
        ("the", 14, "det", "DET", "DT", "the"),
        ("meeting", 12, "dobj", "NOUN", "NN", "meeting"),
        ("early", 12, "advmod", "ADV", "RB", "early"),
        (".", 12, "punct", "PUNCT", ".", "."),
        ('"', 20, "punct", "PUNCT", "``", '"'),
        ("Nobody", 20, "nsubj", "PRON", "NN", "nobody"),
        ("will", 20, "aux", "AUX", "MD", "will"),
        ("close", 20, "ROOT", "VERB", "VB", "close"),
        ("it", 20, "dobj", "PRON", "PRP", "it"),
        (".", 20, "punct", "PUNCT", ".", "."),
        ('"', 20, "punct", "PUNCT", "''", '"'),
    ],
)
HEADLINE_LABEL = build(
    "Berg: Port Will Not Reopen, Board Was 'Misled'\nTom Berg spoke on Sunday.",
    [
        ("Berg", 0, "ROOT", "NOUN", "NN", "berg"),  # the tagger misreads the label as a noun
        (":", 0, "punct", "PUNCT", ":", ":"),
        ("Port", 5, "nsubj", "NOUN", "NN", "port"),
        ("Will", 5, "aux", "AUX", "MD", "will"),
        ("Not", 5, "neg", "PART", "RB", "not"),
        ("Reopen", 0, "acl", "VERB", "VB", "reopen"),
        (",", 5, "punct", "PUNCT", ",", ","),
        ("Board", 8, "nsubj", "PROPN", "NNP", "Board", "ORG"),
        ("Was", 0, "acl", "AUX", "VBD", "be", "ORG"),
        ("'", 10, "punct", "PUNCT", "``", "'", "ORG"),
        ("Misled", 8, "acomp", "VERB", "VBN", "mislead", "ORG"),
        ("'", 10, "punct", "VERB", "VBP", "'", "ORG"),
        ("\n", 11, "dep", "SPACE", "_SP", "\n"),
        ("Tom", 14, "compound", "PROPN", "NNP", "Tom", "PERSON"),
        ("Berg", 15, "nsubj", "PROPN", "NNP", "Berg", "PERSON"),
        ("spoke", 15, "ROOT", "VERB", "VBD", "speak"),
        ("on", 15, "prep", "ADP", "IN", "on"),
        ("Sunday", 16, "pobj", "PROPN", "NNP", "Sunday", "DATE"),
        (".", 15, "punct", "PUNCT", ".", "."),
    ],
)

CAPITALS_HEADING = build(
    "CORRECTION: An earlier version of this article was wrong.\nThe port is closed.",
    [
        ("CORRECTION", 0, "ROOT", "PROPN", "NNP", "CORRECTION"),
        (":", 0, "punct", "PUNCT", ":", ":"),
        ("An", 4, "det", "DET", "DT", "an"),
        ("earlier", 4, "amod", "ADJ", "JJR", "early"),
        ("version", 8, "nsubj", "NOUN", "NN", "version"),
        ("of", 4, "prep", "ADP", "IN", "of"),
        ("this", 7, "det", "DET", "DT", "this"),
        ("article", 5, "pobj", "NOUN", "NN", "article"),
        ("was", 8, "ROOT", "AUX", "VBD", "be"),
        ("wrong", 8, "acomp", "ADJ", "JJ", "wrong"),
        (".", 8, "punct", "PUNCT", ".", "."),
        ("\n", 10, "dep", "SPACE", "_SP", "\n"),
        ("The", 13, "det", "DET", "DT", "the"),
        ("port", 15, "nsubjpass", "NOUN", "NN", "port"),
        ("is", 15, "auxpass", "AUX", "VBZ", "be"),
        ("closed", 15, "ROOT", "VERB", "VBN", "close"),
        (".", 15, "punct", "PUNCT", ".", "."),
    ],
)

TRANSCRIPT_NO_MARKS = build(
    "BERG: We will not sign this deal.\nLEE: Then the port will close.\nTom Berg and Ann Lee met on Sunday.",
    [
        ("BERG", 5, "dep", "PROPN", "NNP", "BERG"),
        (":", 5, "punct", "PUNCT", ":", ":"),
        ("We", 5, "nsubj", "PRON", "PRP", "we"),
        ("will", 5, "aux", "AUX", "MD", "will"),
        ("not", 5, "neg", "PART", "RB", "not"),
        ("sign", 5, "ROOT", "VERB", "VB", "sign"),
        ("this", 7, "det", "DET", "DT", "this"),
        ("deal", 5, "dobj", "NOUN", "NN", "deal"),
        (".", 5, "punct", "PUNCT", ".", "."),
        ("\n", 8, "dep", "SPACE", "_SP", "\n"),
        ("LEE", 16, "npadvmod", "PROPN", "NNP", "LEE", "PERSON"),
        (":", 16, "punct", "PUNCT", ":", ":"),
        ("Then", 16, "advmod", "ADV", "RB", "then"),
        ("the", 14, "det", "DET", "DT", "the"),
        ("port", 16, "nsubj", "NOUN", "NN", "port"),
        ("will", 16, "aux", "AUX", "MD", "will"),
        ("close", 16, "ROOT", "VERB", "VB", "close"),
        (".", 16, "punct", "PUNCT", ".", "."),
        ("\n", 17, "dep", "SPACE", "_SP", "\n"),
        ("Tom", 20, "compound", "PROPN", "NNP", "Tom", "PERSON"),
        ("Berg", 24, "nsubj", "PROPN", "NNP", "Berg", "PERSON"),
        ("and", 20, "cc", "CCONJ", "CC", "and"),
        ("Ann", 23, "compound", "PROPN", "NNP", "Ann", "PERSON"),
        ("Lee", 20, "conj", "PROPN", "NNP", "Lee", "PERSON"),
        ("met", 24, "ROOT", "VERB", "VBD", "meet"),
        ("on", 24, "prep", "ADP", "IN", "on"),
        ("Sunday", 25, "pobj", "PROPN", "NNP", "Sunday", "DATE"),
        (".", 24, "punct", "PUNCT", ".", "."),
    ],
)
TITLE_IN_MARKS = build(
    "Lee spoke on “Face the Nation” on Sunday.\n\n“All Bets Are Off for the Harbour”\n\n"
    "“We are ready for the storm,” Lee said.",
    [
        ("Lee", 1, "nsubj", "PROPN", "NNP", "Lee", "PERSON"),
        ("spoke", 1, "ROOT", "VERB", "VBD", "speak"),
        ("on", 1, "prep", "ADP", "IN", "on"),
        ("“", 2, "punct", "PUNCT", "``", '"'),
        ("Face", 2, "pcomp", "VERB", "VB", "face", "WORK_OF_ART"),
        ("the", 6, "det", "DET", "DT", "the", "WORK_OF_ART"),
        ("Nation", 4, "dobj", "NOUN", "NN", "nation", "WORK_OF_ART"),
        ("”", 4, "punct", "PUNCT", "''", '"'),
        ("on", 1, "prep", "ADP", "IN", "on"),
        ("Sunday", 8, "pobj", "PROPN", "NNP", "Sunday", "DATE"),
        (".", 1, "punct", "PUNCT", ".", "."),
        ("\n\n", 10, "dep", "SPACE", "_SP", "\n\n"),
        ("“", 15, "punct", "PUNCT", "``", '"'),
        ("All", 14, "det", "DET", "DT", "all", "WORK_OF_ART"),
        ("Bets", 15, "nsubj", "PROPN", "NNPS", "Bets", "WORK_OF_ART"),
        ("Are", 15, "ROOT", "AUX", "VBP", "be", "WORK_OF_ART"),
        ("Off", 15, "acomp", "ADP", "IN", "off", "WORK_OF_ART"),
        ("for", 15, "prep", "ADP", "IN", "for", "WORK_OF_ART"),
        ("the", 19, "det", "DET", "DT", "the", "WORK_OF_ART"),
        ("Harbour", 17, "pobj", "PROPN", "NNP", "Harbour", "WORK_OF_ART"),
        ("”", 15, "punct", "PUNCT", "''", '"'),
        ("\n\n", 20, "dep", "SPACE", "_SP", "\n\n"),
        ("“", 24, "punct", "PUNCT", "``", '"'),
        ("We", 24, "nsubj", "PRON", "PRP", "we"),
        ("are", 32, "ccomp", "AUX", "VBP", "be"),
        ("ready", 24, "acomp", "ADJ", "JJ", "ready"),
        ("for", 25, "prep", "ADP", "IN", "for"),
        ("the", 28, "det", "DET", "DT", "the"),
        ("storm", 26, "pobj", "NOUN", "NN", "storm"),
        (",", 32, "punct", "PUNCT", ",", ","),
        ("”", 32, "punct", "PUNCT", "''", '"'),
        ("Lee", 32, "nsubj", "PROPN", "NNP", "Lee", "PERSON"),
        ("said", 32, "ROOT", "VERB", "VBD", "say"),
        (".", 32, "punct", "PUNCT", ".", "."),
    ],
)
