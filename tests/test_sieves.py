"""Each sieve of nlp/rules/ on a Doc built by hand (words, heads, deps, tags, lemmas), as spaCy's own
matcher tests do: what the sieve decides does not depend on how the statistical parser happens to
parse a sentence. People, places and sentences are invented."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces

from quoteapp.nlp.rules import SIEVES, Candidate, find_candidates
from quoteapp.nlp.rules.speakers import speaker_of
from quoteapp.nlp.rules.state import State

VOCAB = spacy.blank("en").vocab

Row = tuple[str, int, str, str, str, str]  # word, head (absolute index), dep, pos, tag, lemma


def build(text: str, rows: list[Row]) -> Doc:
    """A parsed Doc of `text` from one row per token; the spaces come from the text itself."""
    words, spaces = get_words_and_spaces([r[0] for r in rows], text)
    assert words == [r[0] for r in rows], "the rows must tile the text"
    return Doc(
        VOCAB,
        words=words,
        spaces=spaces,
        heads=[r[1] for r in rows],
        deps=[r[2] for r in rows],
        pos=[r[3] for r in rows],
        tags=[r[4] for r in rows],
        lemmas=[r[5] for r in rows],
    )


def seg(doc: Doc, cand: Candidate) -> list[str]:
    return [doc.text[a:b] for a, b in cand.segments]


def cue(doc: Doc, cand: Candidate) -> str | None:
    return doc.text[cand.cue[0] : cand.cue[1]] if cand.cue else None


def only(cands: list[Candidate], rule: str) -> Candidate:
    found = [c for c in cands if c.rule == rule]
    assert len(found) == 1, [(c.rule, c.segments) for c in cands]
    assert found[0].evidence[0].startswith(f"{rule}: "), found[0].evidence  # the evidence names the sieve
    return found[0]


P = ("punct", "PUNCT", "PUNCT")


def punct(word: str, head: int) -> Row:
    return (word, head, *P[:1], P[1], P[2], word)


# “The port will close,” Holm said.
CUED = build(
    "“The port will close,” Holm said.",
    [
        punct("“", 4),
        ("The", 2, "det", "DET", "DT", "the"),
        ("port", 4, "nsubj", "NOUN", "NN", "port"),
        ("will", 4, "aux", "AUX", "MD", "will"),
        ("close", 8, "ccomp", "VERB", "VB", "close"),
        punct(",", 4),
        punct("”", 4),
        ("Holm", 8, "nsubj", "PROPN", "NNP", "Holm"),
        ("said", 8, "ROOT", "VERB", "VBD", "say"),
        punct(".", 8),
    ],
)


def test_the_sieves_are_one_ordered_list_of_named_units() -> None:
    names = [s.name for s in SIEVES]
    # labelled lines and clauses claim fragments before quotes
    assert names[:4] == ["labelled-line", "reported-clause", "according-to", "direct"]
    assert len(set(names)) == len(names) and all(s.__doc__ for s in SIEVES)


def test_direct_quote_takes_the_cue_after_its_marks() -> None:
    cand = only(find_candidates(CUED), "direct")
    assert cand.type == "direct" and seg(CUED, cand) == ["The port will close,"]
    assert cue(CUED, cand) == "said" and cand.speaker and cand.speaker.text == "Holm"
    assert cand.confidence == 0.9
    assert cand.evidence[0].startswith("direct: marks “…; cue 'said'; speaker: nsubj")


def test_reported_clause_is_an_indirect_quote_of_its_cue() -> None:
    doc = build(
        "Lena Holm said the port closed.",
        [
            ("Lena", 1, "compound", "PROPN", "NNP", "Lena"),
            ("Holm", 2, "nsubj", "PROPN", "NNP", "Holm"),
            ("said", 2, "ROOT", "VERB", "VBD", "say"),
            ("the", 4, "det", "DET", "DT", "the"),
            ("port", 5, "nsubj", "NOUN", "NN", "port"),
            ("closed", 2, "ccomp", "VERB", "VBD", "close"),
            punct(".", 2),
        ],
    )
    cand = only(find_candidates(doc), "ccomp")
    assert (cand.type, seg(doc, cand), cue(doc, cand)) == ("indirect", ["the port closed"], "said")
    assert cand.speaker and cand.speaker.text == "Lena Holm"
    assert cand.evidence[0] == "ccomp: indirect, reported by 'said'; speaker: nsubj"


def test_verb_of_demand_reports_its_infinitive() -> None:
    # a demand is a speech act; an intention ("vowed to fight") is not (tests/test_frames.py)
    doc = build(
        "Holm asked to testify.",
        [
            ("Holm", 1, "nsubj", "PROPN", "NNP", "Holm"),
            ("asked", 1, "ROOT", "VERB", "VBD", "ask"),
            ("to", 3, "aux", "PART", "TO", "to"),
            ("testify", 1, "xcomp", "VERB", "VB", "testify"),
            punct(".", 1),
        ],
    )
    cand = only(find_candidates(doc), "xcomp")
    assert (cand.type, seg(doc, cand), cue(doc, cand)) == ("indirect", ["to testify"], "asked")


def test_complement_about_the_source_is_no_quote() -> None:
    doc = build(
        "Holm asked not to be named.",
        [
            ("Holm", 1, "nsubj", "PROPN", "NNP", "Holm"),
            ("asked", 1, "ROOT", "VERB", "VBD", "ask"),
            ("not", 5, "neg", "PART", "RB", "not"),
            ("to", 5, "aux", "PART", "TO", "to"),
            ("be", 5, "auxpass", "AUX", "VB", "be"),
            ("named", 1, "xcomp", "VERB", "VBN", "name"),
            punct(".", 1),
        ],
    )
    assert find_candidates(doc) == []


def test_headline_cue_reports_the_rest_of_its_line() -> None:
    doc = build(
        "Holm says port stays shut",
        [
            ("Holm", 1, "nsubj", "PROPN", "NNP", "Holm"),
            ("says", 1, "ROOT", "VERB", "VBZ", "say"),
            ("port", 3, "nsubj", "NOUN", "NN", "port"),
            ("stays", 1, "ccomp", "VERB", "VBZ", "stay"),
            ("shut", 3, "acomp", "ADJ", "JJ", "shut"),
        ],
    )
    cand = only(find_candidates(doc), "headline")
    assert (cand.type, seg(doc, cand), cand.confidence) == ("indirect", ["port stays shut"], 0.7)


def test_reported_clause_with_quoted_words_is_mixed_and_claims_them() -> None:
    doc = build(
        "Holm said the plan was “a total failure”.",
        [
            ("Holm", 1, "nsubj", "PROPN", "NNP", "Holm"),
            ("said", 1, "ROOT", "VERB", "VBD", "say"),
            ("the", 3, "det", "DET", "DT", "the"),
            ("plan", 4, "nsubj", "NOUN", "NN", "plan"),
            ("was", 1, "ccomp", "AUX", "VBD", "be"),
            punct("“", 8),
            ("a", 8, "det", "DET", "DT", "a"),
            ("total", 8, "amod", "ADJ", "JJ", "total"),
            ("failure", 4, "attr", "NOUN", "NN", "failure"),
            punct("”", 8),
            punct(".", 1),
        ],
    )
    cands = find_candidates(doc)
    assert len(cands) == 1  # the quoted fragment is part of the mixed quote, not a quote of its own
    assert (cands[0].type, cands[0].rule, seg(doc, cands[0])) == ("mixed", "ccomp", ["the plan was “a total failure”"])


def test_according_to_names_the_source_of_the_larger_side() -> None:
    doc = build(
        "The port is closed, according to Lena Holm.",
        [
            ("The", 1, "det", "DET", "DT", "the"),
            ("port", 2, "nsubj", "NOUN", "NN", "port"),
            ("is", 2, "ROOT", "AUX", "VBZ", "be"),
            ("closed", 2, "acomp", "ADJ", "JJ", "closed"),
            punct(",", 2),
            ("according", 2, "prep", "VERB", "VBG", "accord"),
            ("to", 5, "prep", "ADP", "IN", "to"),
            ("Lena", 8, "compound", "PROPN", "NNP", "Lena"),
            ("Holm", 6, "pobj", "PROPN", "NNP", "Holm"),
            punct(".", 2),
        ],
    )
    cand = only(find_candidates(doc), "according-to")
    assert (cand.type, seg(doc, cand), cue(doc, cand)) == ("indirect", ["The port is closed"], "according to")
    assert cand.speaker and cand.speaker.text == "Lena Holm"


def test_inverted_subject_after_the_quote_speaks() -> None:
    doc = build(
        "“The port will close,” said the mayor.",
        [
            punct("“", 4),
            ("The", 2, "det", "DET", "DT", "the"),
            ("port", 4, "nsubj", "NOUN", "NN", "port"),
            ("will", 4, "aux", "AUX", "MD", "will"),
            ("close", 7, "ccomp", "VERB", "VB", "close"),
            punct(",", 4),
            punct("”", 4),
            ("said", 7, "ROOT", "VERB", "VBD", "say"),
            ("the", 9, "det", "DET", "DT", "the"),
            ("mayor", 7, "dobj", "NOUN", "NN", "mayor"),
            punct(".", 7),
        ],
    )
    cand = only(find_candidates(doc), "direct")
    assert cand.speaker and cand.speaker.text == "the mayor"
    assert cand.evidence[0].endswith("speaker: inverted subject")


def test_quote_signed_with_a_dash_is_its_signer_s() -> None:
    doc = build(
        "“We will rebuild the pier.”\n— Hana Ross",
        [
            punct("“", 3),
            ("We", 3, "nsubj", "PRON", "PRP", "we"),
            ("will", 3, "aux", "AUX", "MD", "will"),
            ("rebuild", 3, "ROOT", "VERB", "VB", "rebuild"),
            ("the", 5, "det", "DET", "DT", "the"),
            ("pier", 3, "dobj", "NOUN", "NN", "pier"),
            punct(".", 3),
            punct("”", 3),
            ("\n", 7, "dep", "SPACE", "_SP", "\n"),
            punct("—", 11),
            ("Hana", 11, "compound", "PROPN", "NNP", "Hana"),
            ("Ross", 11, "ROOT", "PROPN", "NNP", "Ross"),
        ],
    )
    cand = only(find_candidates(doc), "dash-byline")
    assert cand.type == "direct" and cue(doc, cand) == "—"
    assert cand.speaker and cand.speaker.text == "Hana Ross"


QUOTE_THEN = [
    punct("“", 4),
    ("The", 2, "det", "DET", "DT", "the"),
    ("port", 4, "nsubj", "NOUN", "NN", "port"),
    ("will", 4, "aux", "AUX", "MD", "will"),
    ("close", 8, "ccomp", "VERB", "VB", "close"),
    punct(",", 4),
    punct("”", 4),
    ("Holm", 8, "nsubj", "PROPN", "NNP", "Holm"),
    ("said", 8, "ROOT", "VERB", "VBD", "say"),
    punct(".", 8),
]


def _second_quote(first: int) -> list[Row]:
    """“It will open in May.” as rows, starting at token `first`."""
    f = first
    return [
        punct("“", f + 3),
        ("It", f + 3, "nsubj", "PRON", "PRP", "it"),
        ("will", f + 3, "aux", "AUX", "MD", "will"),
        ("open", f + 3, "ROOT", "VERB", "VB", "open"),
        ("in", f + 3, "prep", "ADP", "IN", "in"),
        ("May", f + 4, "pobj", "PROPN", "NNP", "May"),
        punct(".", f + 3),
        punct("”", f + 3),
    ]


def test_a_further_segment_on_the_same_line_continues_the_quote() -> None:
    doc = build("“The port will close,” Holm said. “It will open in May.”", QUOTE_THEN + _second_quote(10))
    cands = find_candidates(doc)
    assert len(cands) == 1
    assert [s.strip(",.") for s in seg(doc, cands[0])] == ["The port will close", "It will open in May"]
    assert "split quote: a further segment after the attribution" in cands[0].evidence


def test_uncued_quote_in_its_own_paragraph_goes_on_in_the_voice_before() -> None:
    rows = [*QUOTE_THEN[:-1], (".", 8, "punct", "PUNCT", ".", "."), ("\n\n", 9, "dep", "SPACE", "_SP", "\n\n")]
    doc = build("“The port will close,” Holm said.\n\n“It will open in May.”", rows + _second_quote(11))
    second = only(find_candidates(doc), "direct-no-cue")
    assert second.speaker and second.speaker.text == "Holm" and second.confidence == 0.55
    assert second.evidence[-1] == "speaker: same voice as the quote before (direct, 'Holm'), no cue of its own"


def test_quote_inside_a_quote_with_its_own_cue_is_nested() -> None:
    doc = build(
        "“Ruud’s answer was to ask: ‘who pays?’” Holm said.",
        [
            punct("“", 4),
            ("Ruud", 3, "poss", "PROPN", "NNP", "Ruud"),
            ("’s", 1, "case", "PART", "POS", "’s"),
            ("answer", 4, "nsubj", "NOUN", "NN", "answer"),
            ("was", 15, "ccomp", "AUX", "VBD", "be"),
            ("to", 6, "aux", "PART", "TO", "to"),
            ("ask", 4, "xcomp", "VERB", "VB", "ask"),
            punct(":", 6),
            punct("‘", 10),
            ("who", 10, "nsubj", "PRON", "WP", "who"),
            ("pays", 6, "ccomp", "VERB", "VBZ", "pay"),
            punct("?", 10),
            punct("’", 10),
            punct("”", 4),
            ("Holm", 15, "nsubj", "PROPN", "NNP", "Holm"),
            ("said", 15, "ROOT", "VERB", "VBD", "say"),
            punct(".", 15),
        ],
    )
    cands = find_candidates(doc)
    inner, outer = only(cands, "nested"), only(cands, "direct")
    assert seg(doc, inner) == ["who pays?"] and cue(doc, inner) == "ask"
    assert inner.speaker and inner.speaker.name == "Ruud"  # the answer is Ruud's: Ruud asks
    assert inner.parent is not None and cands[inner.parent] is outer
    assert "the answer is Ruud's" in inner.evidence[0]


def test_outlet_after_another_speakers_cue_passed_the_quote_on() -> None:
    doc = build(
        "“A deal is possible,” Brandt told the newspaper, reported Reuters.",
        [
            punct("“", 3),
            ("A", 2, "det", "DET", "DT", "a"),
            ("deal", 3, "nsubj", "NOUN", "NN", "deal"),
            ("is", 8, "ccomp", "AUX", "VBZ", "be"),
            ("possible", 3, "acomp", "ADJ", "JJ", "possible"),
            punct(",", 3),
            punct("”", 3),
            ("Brandt", 8, "nsubj", "PROPN", "NNP", "Brandt"),
            ("told", 8, "ROOT", "VERB", "VBD", "tell"),
            ("the", 10, "det", "DET", "DT", "the"),
            ("newspaper", 8, "dobj", "NOUN", "NN", "newspaper"),
            punct(",", 8),
            ("reported", 8, "parataxis", "VERB", "VBD", "report"),
            ("Reuters", 12, "nsubj", "PROPN", "NNP", "Reuters"),
            punct(".", 8),
        ],
    )
    cand = only(find_candidates(doc), "direct")
    assert cand.speaker and cand.speaker.text == "Brandt"
    assert ("Reuters", "outlet") in [(m.text, role) for m, role in cand.intermediaries]
    assert "outlet: 'reported Reuters' around the cue" in cand.evidence


# --- the speaker cascade's steps -----------------------------------------------------------------
def test_relative_pronoun_subject_stands_for_its_antecedent() -> None:
    doc = build(
        "Holm, who said the port closed, left.",
        [
            ("Holm", 8, "nsubj", "PROPN", "NNP", "Holm"),
            punct(",", 0),
            ("who", 3, "nsubj", "PRON", "WP", "who"),
            ("said", 0, "relcl", "VERB", "VBD", "say"),
            ("the", 5, "det", "DET", "DT", "the"),
            ("port", 6, "nsubj", "NOUN", "NN", "port"),
            ("closed", 3, "ccomp", "VERB", "VBD", "close"),
            punct(",", 0),
            ("left", 8, "ROOT", "VERB", "VBD", "leave"),
            punct(".", 8),
        ],
    )
    mention, how = speaker_of(State(doc), doc[3])
    assert mention is not None and mention.text == "Holm"
    assert how == "nsubj ('who' -> 'Holm')"


def test_agent_of_a_passive_cue_speaks() -> None:
    doc = build(
        "It was announced by Holm that the port closed.",
        [
            ("It", 2, "nsubjpass", "PRON", "PRP", "it"),
            ("was", 2, "auxpass", "AUX", "VBD", "be"),
            ("announced", 2, "ROOT", "VERB", "VBN", "announce"),
            ("by", 2, "agent", "ADP", "IN", "by"),
            ("Holm", 3, "pobj", "PROPN", "NNP", "Holm"),
            ("that", 8, "mark", "SCONJ", "IN", "that"),
            ("the", 7, "det", "DET", "DT", "the"),
            ("port", 8, "nsubj", "NOUN", "NN", "port"),
            ("closed", 2, "ccomp", "VERB", "VBD", "close"),
            punct(".", 2),
        ],
    )
    cand = only(find_candidates(doc), "ccomp")
    assert seg(doc, cand) == ["the port closed"] and cand.speaker and cand.speaker.text == "Holm"
    assert cand.evidence[0] == "ccomp: indirect, reported by 'announced'; speaker: agent"


def test_subject_inside_the_quote_gives_way_to_the_one_before_it() -> None:
    doc = build(
        "Holm “hailed the deal” but stressed that talks go on.",
        [
            ("Holm", 2, "nsubj", "PROPN", "NNP", "Holm"),
            punct("“", 2),
            ("hailed", 2, "ROOT", "VERB", "VBD", "hail"),
            ("the", 4, "det", "DET", "DT", "the"),
            ("deal", 7, "nsubj", "NOUN", "NN", "deal"),
            punct("”", 4),
            ("but", 2, "cc", "CCONJ", "CC", "but"),
            ("stressed", 2, "conj", "VERB", "VBD", "stress"),
            ("that", 10, "mark", "SCONJ", "IN", "that"),
            ("talks", 10, "nsubj", "NOUN", "NNS", "talk"),
            ("go", 7, "ccomp", "VERB", "VBP", "go"),
            ("on", 10, "prt", "ADP", "RP", "on"),
            punct(".", 2),
        ],
    )
    mention, how = speaker_of(State(doc), doc[7])  # the parse made "deal" (quoted) the subject of "stressed"
    assert mention is not None and mention.text == "Holm"
    assert how == "the subject before the quoted words (the parse's subject is quoted)"


def test_reporting_participle_shares_the_subject_of_its_host_cue() -> None:
    doc = build(
        "Holm said the port was shut, adding that it would open.",
        [
            ("Holm", 1, "nsubj", "PROPN", "NNP", "Holm"),
            ("said", 1, "ROOT", "VERB", "VBD", "say"),
            ("the", 3, "det", "DET", "DT", "the"),
            ("port", 5, "nsubjpass", "NOUN", "NN", "port"),
            ("was", 5, "auxpass", "AUX", "VBD", "be"),
            ("shut", 1, "ccomp", "VERB", "VBN", "shut"),
            punct(",", 5),
            ("adding", 5, "advcl", "VERB", "VBG", "add"),
            ("that", 11, "mark", "SCONJ", "IN", "that"),
            ("it", 11, "nsubj", "PRON", "PRP", "it"),
            ("would", 11, "aux", "AUX", "MD", "would"),
            ("open", 7, "ccomp", "VERB", "VB", "open"),
            punct(".", 1),
        ],
    )
    mention, how = speaker_of(State(doc), doc[7])
    assert mention is not None and mention.text == "Holm"
    assert how == "nsubj of 'said' (the participle 'adding' shares the subject of 'said')"
    said, adding = find_candidates(doc)
    assert (cue(doc, said), seg(doc, said)) == ("said", ["the port was shut"])  # the participle is not content
    assert (cue(doc, adding), seg(doc, adding)) == ("adding", ["it would open"])
    assert adding.speaker and adding.speaker.text == "Holm"


def test_quote_after_a_colon_in_a_mixed_quote_is_the_inner_speaker_s() -> None:
    doc = build(
        "Holm said the minister repeated her demands: “pay the workers now”.",
        [
            ("Holm", 1, "nsubj", "PROPN", "NNP", "Holm"),
            ("said", 1, "ROOT", "VERB", "VBD", "say"),
            ("the", 3, "det", "DET", "DT", "the"),
            ("minister", 4, "nsubj", "NOUN", "NN", "minister"),
            ("repeated", 1, "ccomp", "VERB", "VBD", "repeat"),
            ("her", 6, "poss", "PRON", "PRP$", "her"),
            ("demands", 4, "dobj", "NOUN", "NNS", "demand"),
            punct(":", 4),
            punct("“", 9),
            ("pay", 4, "parataxis", "VERB", "VB", "pay"),
            ("the", 11, "det", "DET", "DT", "the"),
            ("workers", 9, "dobj", "NOUN", "NNS", "worker"),
            ("now", 9, "advmod", "ADV", "RB", "now"),
            punct("”", 9),
            punct(".", 1),
        ],
    )
    cands = find_candidates(doc)
    mixed, colon = only(cands, "ccomp"), only(cands, "colon")
    assert mixed.type == "mixed" and mixed.speaker and mixed.speaker.text == "Holm"
    assert seg(doc, colon) == ["pay the workers now"] and cue(doc, colon) == "repeated"
    assert colon.speaker and colon.speaker.text == "the minister" and colon.parent is not None
    assert cands[colon.parent] is mixed


def test_another_named_subject_between_breaks_the_voice() -> None:
    rows = [
        *QUOTE_THEN[:-1],
        (".", 8, "punct", "PUNCT", ".", "."),
        ("Berg", 11, "nsubj", "PROPN", "NNP", "Berg"),
        ("left", 11, "ROOT", "VERB", "VBD", "leave"),
        (".", 11, "punct", "PUNCT", ".", "."),
        ("\n\n", 12, "dep", "SPACE", "_SP", "\n\n"),
    ]
    doc = build("“The port will close,” Holm said. Berg left.\n\n“It will open in May.”", rows + _second_quote(13))
    second = only(find_candidates(doc), "direct-no-cue")
    assert second.speaker is None
    assert second.evidence[-1] == "not the voice of the quote before: another subject between them ('Berg')"


def test_the_surer_of_two_candidates_for_the_same_content_is_kept_and_inner_ones_nest() -> None:
    state = State(spacy.blank("en")("x" * 200))
    state.candidates = [
        Candidate("indirect", [(10, 100)], None, None, "b", 0.5),
        Candidate("direct", [(12, 100)], None, None, "a", 0.9),
        Candidate("direct", [(20, 40)], None, None, "c", 0.7),
    ]
    for sieve in SIEVES:
        if sieve.name in ("dedupe", "nest"):
            sieve(state)
    assert [(c.rule, c.parent) for c in state.candidates] == [("a", None), ("c", 0)]


@pytest.mark.parametrize("text", ["", "No quotes here at all"])
def test_texts_without_quotes_give_no_candidates(text: str) -> None:
    assert find_candidates(spacy.blank("en")(text)) == []
